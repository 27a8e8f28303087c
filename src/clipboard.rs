//! Copying through the terminal (OSC 52), also from inside tmux. No clipboard daemon, no X11:
//! it works over SSH on a jump host when the local terminal allows OSC 52.

use crate::i18n::strings;
use crate::tree::Lang;
use crossterm::Command;
use crossterm::clipboard::CopyToClipboard;
use std::io::Write;

/// The OSC 52 sequence that puts `text` on the system clipboard.
pub fn osc52(text: &str) -> String {
    let mut seq = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text).write_ansi(&mut seq);
    seq
}

/// `seq` wrapped for tmux's passthrough (`allow-passthrough on`): tmux hands it to the outer
/// terminal unchanged.
pub fn tmux_passthrough(seq: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"))
}

pub struct Copier {
    in_tmux: bool,
}

impl Copier {
    pub fn from_env() -> Copier {
        Copier {
            in_tmux: std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()),
        }
    }

    /// Sends `text` to the clipboard; returns the status line to show. A hint that may be left
    /// out for room follows on a line of its own (see `app::copied_status`).
    pub fn copy(&mut self, text: &str, lang: Lang) -> String {
        let s = strings(lang);
        let seq = osc52(text);
        let mut out = crate::screen::Screen;
        let mut written = out.write_all(seq.as_bytes());
        if self.in_tmux {
            written = written.and_then(|()| out.write_all(tmux_passthrough(&seq).as_bytes()));
        }
        if let Err(e) = written.and_then(|()| out.flush()) {
            return format!("{}: {e}", s.copy_refused);
        }
        if !self.in_tmux {
            return s.copied.to_string();
        }
        // Asked at each copy: the user may have set it since the last one.
        let option = std::process::Command::new("tmux")
            .args(["show-options", "-gv", "set-clipboard"])
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        if option == "on" {
            s.copied.to_string()
        } else {
            format!("{}\n{}", s.copied_tmux, s.tmux_hint)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_encodes_the_text_in_base64() {
        assert_eq!(
            osc52("vssadmin list writers"),
            "\x1b]52;c;dnNzYWRtaW4gbGlzdCB3cml0ZXJz\x1b\\"
        );
    }

    #[test]
    fn tmux_passthrough_doubles_escapes() {
        let wrapped = tmux_passthrough("\x1b]52;c;YQ==\x1b\\");
        assert_eq!(wrapped, "\x1bPtmux;\x1b\x1b]52;c;YQ==\x1b\x1b\\\x1b\\");
    }
}
