//! Where the full-screen wizard draws: standard output, or the terminal itself when standard
//! output is redirected (`cmd=$(triage)`, `triage > fix.txt`), as fzf and navi do: the screen
//! goes to the user and what the wizard prints on quit (the fix, or the command picked with
//! `p`) goes to the redirection.

use std::io::Write;
use std::sync::OnceLock;

/// The terminal opened for drawing, when standard output is not one.
static TTY: OnceLock<std::fs::File> = OnceLock::new();

/// Draws on `tty` (the controlling terminal) from now on instead of standard output. Once per
/// process; later calls change nothing.
pub fn draw_on(tty: std::fs::File) {
    let _ = TTY.set(tty);
}

/// Whether the screen is the terminal opened by [`draw_on`], not standard output.
pub fn on_tty() -> bool {
    TTY.get().is_some()
}

/// A writer to the screen (unbuffered: wrap it in a `BufWriter` for many small writes).
pub struct Screen;

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match TTY.get() {
            Some(mut tty) => tty.write(buf),
            None => std::io::stdout().write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match TTY.get() {
            Some(mut tty) => tty.flush(),
            None => std::io::stdout().flush(),
        }
    }
}
