//! Wires the modules together and owns the terminal: raw mode, alternate screen, the panic hook,
//! the event loop and the effects (clipboard, files) the state machine asks for.

use clap::Parser;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use triage::app::{self, App, Effect, Msg};
use triage::cli::{self, Cli};
use triage::theme::{Theme, ThemeName};
use triage::{clipboard, keys, plain, report, transcript, ui};

fn main() {
    install_panic_hook();
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => wizard(&cli),
    };
    std::process::exit(code);
}

/// Restores the terminal first, then prints a short message: never a screen left in raw mode.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        restore_terminal();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "triage crashed{place}: {}\nThis is a bug: please report it with the command you ran \
             and what you pressed (issue tracker of the triage project).",
            triage::text::sanitize_line(&what)
        );
    }));
}

fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// Restores the terminal when dropped, on every way out of the wizard.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn wizard(cli: &Cli) -> i32 {
    let tree = match cli::pick_tree(cli.tree.as_deref()) {
        Ok(t) => Arc::new(t),
        Err(code) => return code,
    };
    let lang = cli::resolve_lang(cli.lang);
    let mut app = App::new(tree, lang, Box::new(app::title_search));
    let started = transcript::now();
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal() && !dumb;
    if cli.plain || !interactive {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut out = std::io::stdout().lock();
        return match plain::run(&mut app, &mut input, &mut out) {
            Ok(code) => code,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Err(e) => {
                eprintln!("triage: {e}");
                cli::EXIT_FAILURE
            }
        };
    }
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let theme = Theme::new(ThemeName::Default, color);
    let result = run_tui(&mut app, &theme, cli, &started);
    match result {
        Ok(()) => {
            print_on_quit(&app);
            0
        }
        Err(e) => {
            eprintln!("triage: terminal error: {e}");
            cli::EXIT_FAILURE
        }
    }
}

fn run_tui(app: &mut App, theme: &Theme, cli: &Cli, started: &str) -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    let _guard = TerminalGuard;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    let size = terminal.size()?;
    app::update(app, Msg::Resize(size.width, size.height));
    let mut copier = clipboard::Copier::from_env();
    while !app.quit {
        terminal.draw(|frame| ui::render(frame, app, theme))?;
        let msg = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                keys::to_msg(ui::context(app), &key)
            }
            Event::Paste(text) => {
                // Pasting anywhere means "find this": open search with the text.
                if !matches!(app.overlay, Some(app::Overlay::Search(_))) {
                    app::update(app, Msg::OpenSearch);
                }
                app::paste(app, &text);
                None
            }
            Event::Resize(w, h) => Some(Msg::Resize(w, h)),
            _ => None,
        };
        let Some(msg) = msg else { continue };
        match app::update(app, msg) {
            Some(Effect::Copy(text)) => {
                app.status = Some(copier.copy(&text, app.lang));
            }
            Some(Effect::WriteTranscript) => {
                app.status = Some(write_transcript(app, cli, started));
            }
            None => {}
        }
    }
    Ok(())
}

fn write_transcript(app: &App, cli: &Cli, started: &str) -> String {
    let s = triage::i18n::strings(app.lang);
    let mut session = transcript::Session::from_events(
        &app.tree,
        app.lang,
        &app.events,
        started.to_string(),
        &app.current,
        &app.trail,
    );
    session.ended = Some(transcript::now());
    let text = transcript::markdown(&app.tree, &session);
    let path = cli.transcript.clone().unwrap_or_else(|| {
        std::path::PathBuf::from(format!(
            "triage-{}.md",
            started
                .replace([':', '-'], "")
                .replace('T', "-")
                .trim_end_matches('Z')
        ))
    });
    match triage::fsutil::write_atomic(&path, text.as_bytes()) {
        Ok(()) => format!("{} {}", s.transcript_written, path.display()),
        Err(e) => format!("{} ({}): {e}", s.transcript_failed, path.display()),
    }
}

/// After the screen is gone: the selected command alone (p), or the fix's commands, so they stay
/// in the scrollback where OSC 52 is blocked.
fn print_on_quit(app: &App) {
    let mut out = std::io::stdout().lock();
    if let Some(code) = &app.print_on_quit {
        let _ = writeln!(out, "{}", triage::text::sanitize(code));
        return;
    }
    if let Some(view) = app.leaf_view() {
        let _ = write!(
            out,
            "{}",
            report::quit_summary(view.id, view.leaf, app.lang)
        );
    }
}
