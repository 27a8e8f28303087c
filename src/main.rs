//! Wires the modules together and owns the terminal: raw mode, alternate screen, the panic hook,
//! the event loop and the effects (clipboard, files) the state machine asks for.

use clap::Parser;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use triage::app::{self, App, Effect, Msg};
use triage::cli::{self, Cli};
use triage::theme::Theme;
use triage::tree::Lang;
use triage::{clipboard, history, i18n, keys, plain, report, screen, transcript, ui};

/// How the wizard starts.
enum Mode {
    Fresh,
    /// Reopen session N of the history (1 = newest; none: the newest that is no practice run).
    Resume(Option<usize>),
    Practice {
        count: usize,
        seed: u64,
    },
}

fn main() {
    install_panic_hook();
    let cli = Cli::parse();
    cli::load_settings(&cli);
    set_message_lang(cli::resolve_lang(cli.lang));
    let code = match &cli.command {
        None => wizard(&cli, &cli.wizard, Mode::Fresh),
        Some(cli::Command::Resume { n, wizard: args }) => wizard(&cli, args, Mode::Resume(*n)),
        Some(cli::Command::Practice {
            count,
            seed,
            wizard: args,
        }) => {
            let seed = seed.unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
            });
            wizard(
                &cli,
                args,
                Mode::Practice {
                    count: usize::from(*count),
                    seed,
                },
            )
        }
        Some(command) => cli::run(&cli, command),
    };
    std::process::exit(code);
}

/// The language of messages printed outside any command's own flow (a crash).
static MESSAGE_LANG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn set_message_lang(lang: Lang) {
    MESSAGE_LANG.store(lang == Lang::Ko, std::sync::atomic::Ordering::SeqCst);
}

fn message_lang() -> Lang {
    if MESSAGE_LANG.load(std::sync::atomic::Ordering::SeqCst) {
        Lang::Ko
    } else {
        Lang::En
    }
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
        // Not eprintln!: it panics when stderr fails (a hung-up terminal), inside this hook.
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            i18n::fill(
                i18n::strings(message_lang()).cli.crashed,
                &[
                    ("place", &place),
                    ("what", &triage::text::sanitize_line(&what)),
                ],
            )
        );
    }));
}

/// Opens the controlling terminal to draw on (standard output is not one); false if there is
/// none to open.
fn draw_on_tty() -> bool {
    match std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        Ok(tty) if tty.is_terminal() => {
            screen::draw_on(tty);
            true
        }
        _ => false,
    }
}

/// The wizard's terminal: drawn through a buffer, a frame written at once.
type Tui = Terminal<CrosstermBackend<std::io::BufWriter<screen::Screen>>>;

/// True while the wizard holds the terminal (raw mode, alternate screen).
static TERMINAL_TAKEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Gives the terminal back once, whichever way out comes first (panic hook, guard, error).
/// Nothing to give back to a terminal that hung up.
fn restore_terminal() {
    if !TERMINAL_TAKEN.swap(false, std::sync::atomic::Ordering::SeqCst) || terminal_gone() {
        return;
    }
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        screen::Screen,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// Set when the process is continued (SIGCONT): a stop really happened.
static CONTINUED: std::sync::OnceLock<Arc<std::sync::atomic::AtomicBool>> =
    std::sync::OnceLock::new();

/// Gives the terminal back to the shell and stops the process, as Ctrl-Z does to any program
/// (raw mode takes the key from the terminal, which would send the signal); takes the terminal
/// again once the shell continues it (`fg`). Returns false when the process was not stopped:
/// the shell ignores the stop signal for it (`cmd=$(triage)`: it could not give it back).
fn suspend() -> std::io::Result<bool> {
    restore_terminal();
    let continued = CONTINUED.get_or_init(|| {
        let flag = Arc::new(std::sync::atomic::AtomicBool::new(false));
        #[cfg(unix)]
        let _ = signal_hook::flag::register(signal_hook::consts::SIGCONT, Arc::clone(&flag));
        flag
    });
    continued.store(false, std::sync::atomic::Ordering::SeqCst);
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    let stopped = continued.load(std::sync::atomic::Ordering::SeqCst);
    TERMINAL_TAKEN.store(true, std::sync::atomic::Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    execute!(screen::Screen, EnterAlternateScreen, EnableBracketedPaste)?;
    Ok(stopped)
}

/// True once the wizard's terminal has hung up (closed by the terminal emulator, tmux or sshd):
/// its input is no longer a terminal (isatty fails with EIO). The wizard only takes the terminal
/// when stdin is one, so stdin is also what crossterm reads (it opens /dev/tty only otherwise).
fn terminal_gone() -> bool {
    !std::io::stdin().is_terminal()
}

/// SIGHUP's number: a terminal that hung up ends the wizard as a SIGHUP does (exit code 129),
/// also when the SIGHUP went only to the session leader (a shell that runs the wizard).
const SIGHUP: usize = 1;

/// SIGINT's number: Ctrl-C (the key in the full-screen wizard, the signal in line mode) ends the
/// wizard with exit code 130, as shells expect of an interrupted program.
const SIGINT: usize = 2;

/// SIGTERM's number.
const SIGTERM: usize = signal_hook::consts::SIGTERM as usize;

/// A line on stderr that cannot fail the wizard: eprintln! panics when stderr is a terminal that
/// hung up.
fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "triage: {text}");
}

/// The signal that ended the wizard, if one did (for the exit code: 128 + its number).
static CAUGHT_SIGNAL: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A flag set to the number of SIGTERM, SIGHUP, SIGINT or SIGQUIT when one arrives. SIGQUIT's
/// default action (a core dump) would leave the terminal in raw mode on the alternate screen;
/// caught, it ends the wizard the clean way too, with its own exit code (131).
fn termination_signal() -> std::sync::Arc<std::sync::atomic::AtomicUsize> {
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    #[cfg(unix)]
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        // Without the handler the default action still ends the process; only the restore is lost.
        let _ = signal_hook::flag::register_usize(sig, std::sync::Arc::clone(&flag), sig as usize);
    }
    flag
}

/// Restores the terminal when dropped, on every way out of the wizard.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn wizard(cli: &Cli, args: &cli::WizardArgs, mode: Mode) -> i32 {
    let mut resumed = None;
    if let Mode::Resume(n) = mode {
        match cli::resume::session(n, cli::resolve_lang(cli.lang)) {
            Ok((n, entry)) => resumed = Some((n, entry)),
            Err(code) => return code,
        }
    }
    // A resumed session reopens its own language unless the flag says otherwise.
    let lang = match (&resumed, cli.lang) {
        (Some((_, e)), None) => e.record.session.lang,
        _ => cli::resolve_lang(cli.lang),
    };
    set_message_lang(lang);
    let picked = match &resumed {
        // Why the session cannot be resumed is said in the user's language, not the session's.
        Some((n, entry)) => cli::resume::tree(cli, *n, entry, cli::resolve_lang(cli.lang)),
        None => {
            let choice = cli::tree_choice(cli.tree.as_deref());
            cli::pick_tree(choice.as_deref(), lang)
                .map(|t| (t, choice.as_deref().and_then(cli::resume::tree_file)))
        }
    };
    let (tree, tree_path) = match picked {
        Ok((t, path)) => (Arc::new(t), path),
        Err(code) => return code,
    };
    let resumed = resumed.map(|(_, entry)| entry);
    // A transcript that cannot be written is said now, not after the incident is worked.
    if let Some(path) = &args.transcript {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        if !folder.is_dir() || path.is_dir() {
            let shown = std::path::absolute(path).unwrap_or(path.clone());
            cli::say(&format!(
                "{}: {} ({})",
                i18n::strings(lang).transcript_failed,
                triage::text::sanitize_line(&shown.display().to_string()),
                i18n::strings(lang).transcript_no_folder
            ));
            return cli::EXIT_USAGE;
        }
    }
    if matches!(mode, Mode::Practice { .. }) && args.query.is_some() {
        cli::say(i18n::strings(lang).cli.practice_query);
        return cli::EXIT_USAGE;
    }
    if matches!(mode, Mode::Practice { .. })
        && triage::practice::pick_targets(&tree, 1, 0).is_empty()
    {
        cli::say(&i18n::fill(
            i18n::strings(lang).cli.practice_no_targets,
            &[("tree", &triage::text::quoted_line(&tree.id))],
        ));
        return cli::EXIT_FAILURE;
    }
    let index = Arc::new(triage::search::LazyIndex::new());
    {
        // Build the search index in the background, and what a first query would make on its
        // way: neither start-up nor the first keystroke in the search box waits for them.
        let (index, tree) = (Arc::clone(&index), Arc::clone(&tree));
        std::thread::spawn(move || {
            index.get(&tree).warm();
        });
    }
    let mut app = App::new(tree, lang, app::index_searcher(index));
    if let Some(entry) = &resumed {
        let trail = &entry.record.session.trail;
        let kept = app.resume(trail);
        app.values = triage::fill::Values::from_pairs(&entry.record.session.values);
        if kept < trail.len() {
            app.status = Some(format!(
                "{} {kept}/{}",
                triage::i18n::strings(app.lang).resumed_partly,
                trail.len()
            ));
        }
    }
    for (name, value) in &args.set {
        // Checked by the argument parser: nothing is refused here.
        let _ = app.values.set(name, value);
    }
    if let Mode::Practice { count, seed } = mode {
        app.start_practice(count, seed);
    } else if let Some(query) = args.query.as_deref().filter(|q| !q.trim().is_empty()) {
        app::update(&mut app, Msg::OpenSearch);
        app::paste(&mut app, query);
        if args.select_1 && app.search_is_sure() {
            app::update(&mut app, Msg::Confirm);
        }
    }
    let mut recorder = Recorder::new(args, resumed.as_ref(), &app, tree_path);
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let stdin_is_terminal = std::io::stdin().is_terminal();
    // Standard output redirected (`cmd=$(triage)`): the screen is drawn on the terminal and what
    // the wizard prints on quit goes to the redirection.
    let interactive = stdin_is_terminal
        && !dumb
        && (std::io::stdout().is_terminal() || (!args.plain && draw_on_tty()));
    let code = if args.plain || !interactive {
        // Ctrl-C, SIGHUP (a dropped SSH connection) and SIGTERM end the wait for a line, and the
        // wizard then ends the way the full-screen one does: session saved, transcript written.
        let signal = termination_signal();
        let mut input = std::io::BufReader::new(PlainInput::spawn(std::sync::Arc::clone(&signal)));
        // On a terminal, prose is wrapped at its width (it would break lines mid-word).
        let width = std::io::stdout()
            .is_terminal()
            .then(terminal::size)
            .and_then(Result::ok)
            .map(|(columns, _)| usize::from(columns));
        let mut out: Box<dyn Write> = match width {
            Some(width) => Box::new(plain::Wrapping::new(std::io::stdout().lock(), width)),
            None => Box::new(std::io::stdout().lock()),
        };
        let mut save = |app: &App| {
            if let Some(warning) = recorder.save(app, false) {
                note(&warning);
            }
        };
        // Lines a terminal hands over together were pasted together (people type one at a
        // time); a pipe's lines are commands, one each.
        let mut pasted_more = |input: &mut std::io::BufReader<PlainInput>| {
            stdin_is_terminal
                && (!input.buffer().is_empty() || input.get_mut().more_within(PASTE_GAP))
        };
        let result = plain::run_with(&mut app, &mut input, &mut out, &mut save, &mut pasted_more);
        let caught = match signal.load(std::sync::atomic::Ordering::SeqCst) {
            // End of input from a terminal that hung up: a SIGHUP that came late, or never.
            0 if stdin_is_terminal && terminal_gone() => SIGHUP,
            caught => caught,
        };
        // As the full-screen wizard records it (the session is then kept, see `Recorder::save`).
        CAUGHT_SIGNAL.store(caught, std::sync::atomic::Ordering::SeqCst);
        match result {
            Err(_) if caught != 0 => {
                // Off the prompt's line (where the terminal echoed ^C); on Ctrl-C, then what
                // `q` would print.
                if caught == SIGINT || (caught != SIGHUP && !terminal_gone()) {
                    let _ = writeln!(out);
                    let _ = out.flush();
                }
                if caught == SIGINT {
                    let _ = plain::score_on_quit(&app, &mut out);
                    let _ = out.flush();
                }
                128 + caught as i32
            }
            Ok(_) if caught != 0 => 128 + caught as i32,
            Ok(code) => code,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Err(e) => {
                cli::say(&i18n::io_error(&e, app.lang));
                cli::EXIT_FAILURE
            }
        }
    } else {
        // The screen is a terminal here (it may not be stdout: `cmd=$(triage)`).
        let color = cli.color.wanted_here(true);
        let theme = Theme::new(cli::settings().theme, color);
        // Terminal hyperlinks (OSC 8) on link URLs, except where the terminal may not take them:
        // NO_COLOR (a plain terminal is wanted), the Linux console, or TRIAGE_NO_HYPERLINKS.
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let hyperlinks = !no_color
            && std::env::var("TERM").is_ok_and(|t| t != "linux")
            && std::env::var_os("TRIAGE_NO_HYPERLINKS").is_none_or(|v| v.is_empty());
        match run_tui(&mut app, &theme, hyperlinks, &mut recorder) {
            Ok(()) => match CAUGHT_SIGNAL.load(std::sync::atomic::Ordering::SeqCst) {
                // With the output captured, quitting with nothing to print (no fix reached, no
                // command picked) exits 1, as fzf does when nothing was chosen:
                // `cmd=$(triage) || exit`.
                0 => match print_on_quit(&app) || !screen::on_tty() {
                    true => 0,
                    false => cli::EXIT_FAILURE,
                },
                // Ctrl-C is a way to quit like `q` (the fix stays in the scrollback), with the
                // exit code of an interrupted program.
                // A SIGTERM (a shutdown, a tmux window killed) leaves the terminal there: the
                // fix is kept in the scrollback as `q` keeps it.
                // With the output captured (`cmd=$(triage)`), an interrupt gives the capture
                // nothing: the user cancelled, as fzf's Ctrl-C does.
                sig @ (SIGINT | SIGTERM) => {
                    if !screen::on_tty() {
                        print_on_quit(&app);
                    }
                    128 + sig as i32
                }
                sig => 128 + sig as i32,
            },
            // The terminal hung up under a write: no error to show, on no terminal.
            Err(_) if terminal_gone() => 128 + SIGHUP as i32,
            Err(e) => {
                cli::say(&format!(
                    "{}: {}",
                    i18n::strings(app.lang).cli.terminal_error,
                    i18n::io_error(&e, app.lang)
                ));
                cli::EXIT_FAILURE
            }
        }
    };
    if !recorder.finish(&app) && code == 0 {
        return cli::EXIT_FAILURE;
    }
    code
}

/// Keeps the session in the history and the transcript file up to date; never fails the wizard
/// (an unwritable data dir is one warning).
///
/// A resumed session goes on in its own history entry (same file, same start time): its
/// earlier steps come first, then where it was resumed, then what is done now.
///
/// A practice run retried (`r` on its score) is ended there, and the retry is a run of its own:
/// another history entry, and in the transcript after the run it retried.
struct Recorder {
    started: String,
    file_name: String,
    data_dir: Option<std::path::PathBuf>,
    transcript: Option<std::path::PathBuf>,
    warned: bool,
    saved_events: usize,
    /// A resumed session's steps so far, and its resumption.
    earlier: Vec<transcript::SessionStep>,
    /// The first of the app's events that belong to this run (`App::resume` records arriving).
    first_event: usize,
    /// The warning shown on the full-screen wizard's status line, printed again on stderr once
    /// the terminal is back (the status line is gone by then).
    unshown: Option<String>,
    /// The tree's file, when it was opened by path (saved so `resume` finds it again).
    tree_path: Option<std::path::PathBuf>,
    /// `e` wrote the transcript: it is written again at the end, whole, and its path printed.
    written_on_request: bool,
    /// How many of the app's earlier practice runs have been ended here.
    runs_ended: usize,
    /// Their transcripts, oldest first: the transcript holds every run of the session.
    earlier_transcripts: Vec<String>,
}

impl Recorder {
    /// Called once the app is set up: a resumed session is at the node it was resumed at.
    fn new(
        args: &cli::WizardArgs,
        resumed: Option<&history::Entry>,
        app: &App,
        tree_path: Option<std::path::PathBuf>,
    ) -> Recorder {
        let now = transcript::now();
        let data_dir = triage::paths::data_dir().filter(|_| cli::settings().history);
        let transcript = args.transcript.clone();
        let first_event = app.events.len();
        match resumed {
            Some(entry) => {
                let session = &entry.record.session;
                let mut earlier = session.steps.clone();
                earlier.push(transcript::SessionStep::Resumed {
                    at: app.current.clone(),
                    time: now.clone(),
                });
                let file_name = entry
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| history::file_name_for(&now));
                Recorder {
                    started: session.started.clone(),
                    file_name,
                    data_dir,
                    transcript,
                    warned: false,
                    saved_events: first_event,
                    earlier,
                    first_event,
                    unshown: None,
                    tree_path,
                    written_on_request: false,
                    runs_ended: 0,
                    earlier_transcripts: Vec::new(),
                }
            }
            None => Recorder {
                file_name: history::file_name_for(&now),
                started: now,
                data_dir,
                transcript,
                warned: false,
                saved_events: first_event,
                earlier: Vec::new(),
                first_event,
                unshown: None,
                tree_path,
                written_on_request: false,
                runs_ended: 0,
                earlier_transcripts: Vec::new(),
            },
        }
    }

    fn session(&self, app: &App, ended: bool) -> transcript::Session {
        let mut session = transcript::Session::from_events(
            &app.tree,
            app.lang,
            app.events.get(self.first_event..).unwrap_or_default(),
            self.started.clone(),
            &app.current,
            &app.trail,
        );
        if !self.earlier.is_empty() {
            let now = std::mem::take(&mut session.steps);
            session.steps = self.earlier.iter().cloned().chain(now).collect();
        }
        if ended {
            session.ended = Some(transcript::now());
        }
        session.values = app.values.pairs();
        session
    }

    /// Saves the session when something happened since the last save; returns a warning the
    /// first time saving fails. A practice run retried since is ended first.
    fn save(&mut self, app: &App, ended: bool) -> Option<String> {
        let warning = self.end_retried_runs(app);
        self.save_current(app, ended).or(warning)
    }

    /// Ends the record of each practice run retried since the last save (its events are those
    /// up to the retry), keeps its transcript, and starts the record of the run after it: a
    /// file of its own, from the time it began.
    fn end_retried_runs(&mut self, app: &App) -> Option<String> {
        let mut warning = None;
        while let Some(run) = app.earlier_runs.get(self.runs_ended) {
            self.runs_ended += 1;
            // The score leaves the run at the start, no answer on the way.
            let mut session = transcript::Session::from_events(
                &app.tree,
                app.lang,
                app.events
                    .get(self.first_event..run.events)
                    .unwrap_or_default(),
                self.started.clone(),
                &app.tree.start,
                &[],
            );
            session.ended = Some(transcript::now());
            session.values = app.values.pairs();
            self.earlier_transcripts.push(transcript::practice_markdown(
                &app.tree, &session, &run.score,
            ));
            warning = self
                .write_record(app, session, Some(run.score.clone()))
                .or(warning);
            let now = transcript::now();
            self.file_name = history::file_name_for_run(&now, self.runs_ended + 1);
            self.started = now;
            self.first_event = run.events;
            self.saved_events = run.events;
        }
        warning
    }

    fn save_current(&mut self, app: &App, ended: bool) -> Option<String> {
        if app.events.len() == self.saved_events && !ended {
            return None;
        }
        // A run where nothing was done and the user quit (at the first question, `triage |
        // head -1`) is no session to come back to: `resume` would reopen it instead of the
        // last real one. One a signal or a hangup ended is kept, as it was.
        if app.events.is_empty()
            && self.saved_events == 0
            && self.earlier.is_empty()
            && app.practice.is_none()
            && CAUGHT_SIGNAL.load(std::sync::atomic::Ordering::SeqCst) == 0
        {
            return None;
        }
        self.data_dir.as_ref()?;
        self.saved_events = app.events.len();
        let session = self.session(app, ended);
        self.write_record(app, session, app.practice.as_ref().map(|p| p.score.clone()))
    }

    /// Writes the record of `session` (and its practice run) to this run's file; a warning the
    /// first time it cannot be written.
    fn write_record(
        &mut self,
        app: &App,
        session: transcript::Session,
        practice: Option<triage::practice::Score>,
    ) -> Option<String> {
        let dir = self.data_dir.as_ref()?;
        let record = history::Record {
            format: history::FORMAT.to_string(),
            session,
            practice,
            tree_path: self.tree_path.clone(),
        };
        match history::save(dir, &self.file_name, &record) {
            Ok(_) => None,
            Err(e) if !self.warned => {
                self.warned = true;
                Some(format!(
                    "{} {}: {}",
                    i18n::strings(app.lang).history_not_saved,
                    triage::text::sanitize_line(&dir.display().to_string()),
                    i18n::io_error(&e, app.lang)
                ))
            }
            Err(_) => None,
        }
    }

    /// Where `e` writes without `--transcript`: the data directory's `transcripts/` (never the
    /// current directory, which may be a repository), else the temporary directory.
    fn default_transcript_path(&self) -> std::path::PathBuf {
        let dir = triage::paths::data_dir()
            .map(|d| d.join("transcripts"))
            .filter(|d| std::fs::create_dir_all(d).is_ok())
            .unwrap_or_else(std::env::temp_dir);
        dir.join(format!(
            "triage-{}.md",
            self.file_name.trim_end_matches(".json")
        ))
    }

    /// Whether `--transcript` names a terminal (`/dev/stdout`, `/dev/tty`: the one the wizard may
    /// be drawn on) or a pipe (written now it would wait for its reader, and a second copy
    /// would follow at the end): written only when the wizard ends.
    fn transcript_at_end_only(&self) -> bool {
        self.transcript.as_ref().is_some_and(|p| {
            std::fs::metadata(p).is_ok_and(|m| {
                let (fifo, device) = fifo_or_device(&m.file_type());
                // Only character devices are opened to ask: opening a FIFO would wait.
                fifo || (device
                    && std::fs::OpenOptions::new()
                        .write(true)
                        .open(p)
                        .is_ok_and(|f| f.is_terminal()))
            })
        })
    }

    /// Writes the transcript; returns the status line to show, and whether it was written.
    /// `ended`: the session is over (a transcript written on `e` says
    /// the session is still going, and a practice run which round it is in).
    fn write_transcript(&self, app: &App, ended: bool) -> (String, bool) {
        let s = triage::i18n::strings(app.lang);
        let session = self.session(app, ended);
        let text = match &app.practice {
            // The runs retried before this one come first, each whole.
            Some(p) => self
                .earlier_transcripts
                .iter()
                .cloned()
                .chain([transcript::practice_markdown(&app.tree, &session, &p.score)])
                .collect::<Vec<_>>()
                .join("\n"),
            None => transcript::markdown(&app.tree, &session),
        };
        let path = self
            .transcript
            .clone()
            .unwrap_or_else(|| self.default_transcript_path());
        let shown = std::path::absolute(&path).unwrap_or(path.clone());
        match triage::fsutil::write_atomic(&path, text.as_bytes()) {
            Ok(()) => (
                format!("{} {}", s.transcript_written, shown.display()),
                true,
            ),
            Err(e) => (
                format!(
                    "{} ({}): {}",
                    s.transcript_failed,
                    shown.display(),
                    i18n::io_error(&e, app.lang)
                ),
                false,
            ),
        }
    }

    /// At the end: the last save, and the transcript when `--transcript` asked for one. False
    /// when the transcript asked for could not be written.
    fn finish(&mut self, app: &App) -> bool {
        let warning = self.save(app, true);
        if let Some(warning) = self.unshown.take().or(warning) {
            note(&warning);
        }
        if self.transcript.is_some() || self.written_on_request {
            let (status, written) = self.write_transcript(app, true);
            note(&status);
            return written || self.transcript.is_none();
        }
        true
    }
}

/// Whether a file of this kind is a FIFO, and whether it is a character device.
#[cfg(unix)]
fn fifo_or_device(t: &std::fs::FileType) -> (bool, bool) {
    use std::os::unix::fs::FileTypeExt;
    (t.is_fifo(), t.is_char_device())
}

#[cfg(not(unix))]
fn fifo_or_device(_: &std::fs::FileType) -> (bool, bool) {
    (false, false)
}

/// The hyperlinks on screen, with the cells they were written over.
#[derive(Default)]
struct Linked {
    size: ratatui::layout::Size,
    links: Vec<ui::Hyperlink>,
    cells: Vec<Vec<(u16, u16, ratatui::buffer::Cell)>>,
}

/// Terminal hyperlinks (OSC 8) over the link URLs ratatui drew (ratatui has no hyperlinks). The
/// cells are written again, the same text in the same style, between the start and the end of a
/// hyperlink: the screen stays what ratatui's buffer says, so its diffing stays right. Before the
/// next frame changes anything about them, they are written again without the hyperlink, so no
/// cell keeps a stale one.
fn unlink(terminal: &mut Tui, linked: &Linked) -> std::io::Result<()> {
    use ratatui::backend::Backend;
    let backend = terminal.backend_mut();
    for cells in &linked.cells {
        backend.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
    }
    Backend::flush(backend)
}

fn link(terminal: &mut Tui, linked: &Linked) -> std::io::Result<()> {
    use ratatui::backend::Backend;
    let backend = terminal.backend_mut();
    for (link, cells) in linked.links.iter().zip(&linked.cells) {
        let Some(start) = ui::hyperlink_start(&link.url, &link.id) else {
            continue;
        };
        backend.write_all(start.as_bytes())?;
        backend.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
        backend.write_all(ui::HYPERLINK_END.as_bytes())?;
    }
    Backend::flush(backend)
}

fn run_tui(
    app: &mut App,
    theme: &Theme,
    hyperlinks: bool,
    recorder: &mut Recorder,
) -> std::io::Result<()> {
    TERMINAL_TAKEN.store(true, std::sync::atomic::Ordering::SeqCst);
    let _guard = TerminalGuard;
    terminal::enable_raw_mode()?;
    execute!(screen::Screen, EnterAlternateScreen, EnableBracketedPaste)?;
    // Never dropped: ratatui's drop only shows the cursor, which restore_terminal does too, and
    // reports a failure with eprintln!, which panics on a terminal that hung up.
    let mut terminal = std::mem::ManuallyDrop::new(Terminal::new(CrosstermBackend::new(
        std::io::BufWriter::with_capacity(64 * 1024, screen::Screen),
    ))?);
    let size = terminal.size()?;
    app::update(app, Msg::Resize(size.width, size.height));
    let mut copier = clipboard::Copier::from_env();
    // Tests on a busy machine type slower than people do: they may wait longer.
    let hold = std::env::var("TRIAGE_TEST_HOLD_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(HOLD, std::time::Duration::from_millis);
    // Lets the end-to-end tests prove the panic hook restores the terminal: a panic on purpose.
    let panic_key = std::env::var("TRIAGE_TEST_PANIC_KEY")
        .ok()
        .and_then(|k| k.chars().next());
    let signal = termination_signal();
    let input = spawn_input_thread()?;
    let mut linked = Linked::default();
    // The last key, when it was a `j` or `k` that moved the selection: when it was the first
    // letter of a word ("jobs"), the move is undone.
    let mut moved: Option<(event::KeyEvent, std::time::Instant, app::Selection)> = None;
    // Events read ahead while telling typing from a paste the terminal typed out.
    let mut pending: std::collections::VecDeque<std::io::Result<Event>> =
        std::collections::VecDeque::new();
    while !app.quit {
        let size = terminal.size()?;
        let wanted = if hyperlinks {
            ui::hyperlinks(app, Rect::new(0, 0, size.width, size.height))
        } else {
            Vec::new()
        };
        let relink = wanted != linked.links || size != linked.size;
        // After a resize ratatui clears the whole screen: nothing to write back.
        if relink && size == linked.size {
            unlink(&mut terminal, &linked)?;
        }
        let frame = terminal.draw(|frame| ui::render(frame, app, theme))?;
        if relink {
            let area = frame.area;
            let cells = wanted
                .iter()
                .map(|h| {
                    (h.x..h.x + h.text.len() as u16)
                        .filter(|x| area.contains(ratatui::layout::Position::new(*x, h.y)))
                        .map(|x| (x, h.y, frame.buffer[(x, h.y)].clone()))
                        .collect()
                })
                .collect();
            linked = Linked {
                size,
                links: wanted,
                cells,
            };
            link(&mut terminal, &linked)?;
        }
        // Waking up now and then lets a SIGTERM or SIGHUP, or a terminal that hung up without one,
        // end the wizard the normal way: terminal restored (if still there), session saved.
        let received = match pending.pop_front() {
            Some(event) => Ok(event),
            None => input.recv_timeout(std::time::Duration::from_millis(200)),
        };
        let event = match received {
            Ok(Ok(event)) => event,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let caught = match signal.load(std::sync::atomic::Ordering::SeqCst) {
                    0 if terminal_gone() => SIGHUP,
                    caught => caught,
                };
                if caught != 0 {
                    app.quit = true;
                    CAUGHT_SIGNAL.store(caught, std::sync::atomic::Ordering::SeqCst);
                }
                continue;
            }
            Ok(Err(_)) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected)
                if terminal_gone() =>
            {
                app.quit = true;
                CAUGHT_SIGNAL.store(SIGHUP, std::sync::atomic::Ordering::SeqCst);
                continue;
            }
            Ok(Err(e)) => return Err(e),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(std::io::Error::other("terminal input stopped"));
            }
        };
        // Ctrl-C quits from every screen; the exit code then says the wizard was interrupted.
        let interrupt = matches!(&event, Event::Key(key)
            if key.modifiers.contains(event::KeyModifiers::CONTROL)
                && matches!(key.code, event::KeyCode::Char('c' | 'C')));
        // Ctrl-\ quits as SIGQUIT does (raw mode takes the key from the terminal, which would
        // send the signal); terminals report it as Ctrl-4.
        let quit_key = matches!(&event, Event::Key(key)
            if key.modifiers.contains(event::KeyModifiers::CONTROL)
                && key.kind != KeyEventKind::Release
                && matches!(key.code, event::KeyCode::Char('\\' | '4')));
        if quit_key {
            app.quit = true;
            CAUGHT_SIGNAL.store(
                signal_hook::consts::SIGQUIT as usize,
                std::sync::atomic::Ordering::SeqCst,
            );
            continue;
        }
        // Text that arrives faster than anyone types (a paste the terminal did not mark as
        // one) on a question or a fix is something to find, not keys to act on. So is a word
        // typed at a person's pace whose first letter is a key there: "quota" does not quit,
        // "linux" answers nothing. Such a key waits for the letters after it; `j` and `k` move
        // at once, and the move is undone when a word follows.
        let ctx = ui::context(app);
        let screen = matches!(ctx, keys::Ctx::Question | keys::Ctx::Leaf);
        // In practice, where search is off, a word typed at a person's pace is keys; a burst of
        // text still is no keys to act on one by one (it is set aside, with a notice).
        let typing_screen = screen && app.practice.is_none();
        // The key after a move, not its release (Windows reports releases too).
        let release = matches!(&event, Event::Key(key) if key.kind == KeyEventKind::Release);
        let moved_before = if release { None } else { moved.take() };
        let recent_move = moved_before.filter(|(_, at, _)| typing_screen && at.elapsed() < hold);
        let event = match (event, recent_move) {
            // A `j` or `k` a moment ago, and now a letter: maybe a word ("jobs", "keyvault").
            (Event::Key(key), Some((first, _, selection)))
                if matches!(
                    keys::letter(ctx, &key),
                    Some(keys::Letter::Types | keys::Letter::Held)
                ) =>
            {
                match held_word(vec![first, key], ctx, hold, &input, &mut pending) {
                    Some(text) => {
                        app.restore_selection(selection);
                        Event::Paste(text)
                    }
                    None => Event::Key(key),
                }
            }
            // In the search box, the rest of a long paste that came in pieces: text, its line
            // ends too (an Enter there would open the first result mid-paste), but for one
            // that ends the burst (see `typed_out`).
            (Event::Key(key), _) if pending.is_empty() && ctx == keys::Ctx::Search => {
                match typed_out(key, &input, &mut pending, true) {
                    Some(text) => Event::Paste(text),
                    None => Event::Key(key),
                }
            }
            (Event::Key(key), _) if pending.is_empty() && screen => {
                match typed_out(key, &input, &mut pending, false) {
                    Some(text) => Event::Paste(text),
                    // What `typed_out` read ahead is the start of the word, if any.
                    None if typing_screen
                        && keys::letter(ctx, &key) == Some(keys::Letter::Held) =>
                    {
                        match held_word(vec![key], ctx, hold, &input, &mut pending) {
                            Some(text) => Event::Paste(text),
                            None => Event::Key(key),
                        }
                    }
                    None => Event::Key(key),
                }
            }
            (event, _) => event,
        };
        if let Event::Key(key) = &event
            && typing_screen
            && keys::letter(ctx, key) == Some(keys::Letter::Moves)
        {
            moved = Some((*key, std::time::Instant::now(), app.selection()));
        }
        let msg = match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(k) = panic_key
                    && key.code == event::KeyCode::Char(k)
                {
                    panic!("test panic (TRIAGE_TEST_PANIC_KEY)");
                }
                keys::to_msg(ui::context(app), &key)
            }
            Event::Paste(text) => {
                // Pasting anywhere means "find this": open search with the text (but into the
                // field of a fill-in form).
                if !matches!(
                    app.overlay,
                    Some(app::Overlay::Search(_) | app::Overlay::Fill(_))
                ) {
                    app::update(app, Msg::OpenSearch);
                }
                app::paste(app, &text);
                None
            }
            Event::Resize(w, h) => Some(Msg::Resize(w, h)),
            _ => None,
        };
        let Some(msg) = msg else { continue };
        if interrupt && msg == Msg::Quit {
            CAUGHT_SIGNAL.store(SIGINT, std::sync::atomic::Ordering::SeqCst);
        }
        let effect = app::update(app, msg);
        match &effect {
            Some(Effect::Copy(text)) => {
                let said = copier.copy(text, app.lang);
                app.status = Some(app::after_copy(&said, text, app.blanks_note(), app.lang));
            }
            // Written now it would land on the screen being drawn; `finish` writes it after.
            Some(Effect::WriteTranscript) if recorder.transcript_at_end_only() => {
                let path = recorder.transcript.clone().unwrap_or_default();
                app.status = Some(format!(
                    "{} {}",
                    i18n::strings(app.lang).transcript_on_quit,
                    triage::text::sanitize_line(&path.display().to_string())
                ));
            }
            Some(Effect::WriteTranscript) => {
                let (status, written) = recorder.write_transcript(app, app.quit);
                recorder.written_on_request |= written;
                app.status = Some(status);
            }
            Some(Effect::Suspend) => {
                if !suspend()? {
                    app.status = Some(i18n::strings(app.lang).suspend_ignored.to_string());
                }
                // The screen as the wizard left it is gone, and its size may have changed.
                let size = terminal.size()?;
                terminal.resize(Rect::new(0, 0, size.width, size.height))?;
                terminal.hide_cursor()?;
                app::update(app, Msg::Resize(size.width, size.height));
                linked = Linked::default();
            }
            None => {}
        }
        if let Some(warning) = recorder.save(app, false) {
            // Shown now, and again on stderr after quitting; next to what an effect just said
            // (where a transcript went), not over it.
            app.status = Some(match app.status.take() {
                Some(said) if effect.is_some() => format!("{said}. {warning}"),
                _ => warning.clone(),
            });
            recorder.unshown = Some(warning);
        }
    }
    Ok(())
}

/// Standard input for the line-mode wizard, read on a thread of its own so that a signal (Ctrl-C,
/// SIGHUP, SIGTERM) ends the wait for a line: a read then fails, and the wizard ends the clean
/// way (session saved, transcript written) instead of dying inside `read`.
struct PlainInput {
    rx: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    pending: Vec<u8>,
    at: usize,
    signal: Arc<std::sync::atomic::AtomicUsize>,
}

impl PlainInput {
    fn spawn(signal: Arc<std::sync::atomic::AtomicUsize>) -> PlainInput {
        let (tx, rx) = std::sync::mpsc::channel();
        let reading = std::thread::Builder::new()
            .name("line input".to_string())
            .spawn(move || {
                let mut stdin = std::io::stdin().lock();
                let mut buf = vec![0u8; 8192];
                loop {
                    let got = match std::io::Read::read(&mut stdin, &mut buf) {
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        got => got.map(|n| buf[..n].to_vec()),
                    };
                    // Empty: end of input.
                    let last = got.as_ref().map_or(true, Vec::is_empty);
                    if tx.send(got).is_err() || last {
                        break;
                    }
                }
            });
        if let Err(e) = reading {
            // No thread: the error is what the first read returns.
            let (tx, rx2) = std::sync::mpsc::channel();
            let _ = tx.send(Err(e));
            return PlainInput {
                rx: rx2,
                pending: Vec::new(),
                at: 0,
                signal,
            };
        }
        PlainInput {
            rx,
            pending: Vec::new(),
            at: 0,
            signal,
        }
    }
}

/// Lines of one paste reach the wizard within this of each other.
const PASTE_GAP: std::time::Duration = std::time::Duration::from_millis(30);

impl PlainInput {
    /// Whether more input is there, or comes within `gap`.
    fn more_within(&mut self, gap: std::time::Duration) -> bool {
        if self.at < self.pending.len() {
            return true;
        }
        match self.rx.recv_timeout(gap) {
            Ok(Ok(bytes)) if !bytes.is_empty() => {
                self.pending = bytes;
                self.at = 0;
                true
            }
            Ok(result) => {
                // End of input or an error: the next read returns it.
                let (tx, rx) = std::sync::mpsc::channel();
                let _ = tx.send(result);
                self.rx = rx;
                false
            }
            Err(_) => false,
        }
    }
}

impl std::io::Read for PlainInput {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.signal.load(std::sync::atomic::Ordering::SeqCst) != 0 {
                // Not ErrorKind::Interrupted: readers retry that one.
                return Err(std::io::Error::other("stopped by a signal"));
            }
            if self.at < self.pending.len() {
                let n = buf.len().min(self.pending.len() - self.at);
                buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
                self.at += n;
                return Ok(n);
            }
            match self.rx.recv_timeout(std::time::Duration::from_millis(100)) {
                Ok(Ok(bytes)) if bytes.is_empty() => return Ok(0),
                Ok(Ok(bytes)) => {
                    self.pending = bytes;
                    self.at = 0;
                }
                Ok(Err(e)) => return Err(e),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
            }
        }
    }
}

/// The text typed out with `first` when more keys come right after it, within a few
/// milliseconds each (a terminal typing out a paste; people type far slower): at least four
/// characters, not one key repeated, at least two that are not digits, or five digits (`tmux
/// send-keys 2131q` is keys, `320001` a code); with `any_text` (in the search box), any two.
/// What was read ahead is left in `pending` when it makes no such text.
fn typed_out(
    first: event::KeyEvent,
    input: &std::sync::mpsc::Receiver<std::io::Result<Event>>,
    pending: &mut std::collections::VecDeque<std::io::Result<Event>>,
    any_text: bool,
) -> Option<String> {
    let char_of = |key: &event::KeyEvent| -> Option<char> {
        if key
            .modifiers
            .intersects(event::KeyModifiers::CONTROL | event::KeyModifiers::ALT)
        {
            return None;
        }
        match key.code {
            event::KeyCode::Char(c) => Some(c),
            event::KeyCode::Enter => Some('\n'),
            event::KeyCode::Tab => Some('\t'),
            _ => None,
        }
    };
    let mut text = String::from(char_of(&first)?);
    // The events that were text; the one that ended the text (if any) is kept for after it.
    let mut read = 0;
    let gap = std::time::Duration::from_millis(TYPED_OUT_GAP_MS);
    while let Ok(received) = input.recv_timeout(gap) {
        let more = match &received {
            // Key releases (where a terminal reports them) come between the presses.
            Ok(Event::Key(key)) if key.kind == KeyEventKind::Release => {
                pending.push_back(received);
                read += 1;
                continue;
            }
            Ok(Event::Key(key)) => char_of(key),
            _ => None,
        };
        pending.push_back(received);
        match more {
            Some(c) => {
                text.push(c);
                read += 1;
            }
            None => break,
        }
    }
    let distinct = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .any(|c| !text.starts_with(c));
    let words = text
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .count();
    // Five digits or more at once are an error code (`320001`), not a walk through the
    // questions (each digit an answer).
    let code = text.len() >= 5 && text.bytes().all(|b| b.is_ascii_digit());
    // In the search box, an Enter that ends the burst is still a key (an input method commits
    // a syllable with the Enter after it): only line ends with text after them are the paste's.
    if any_text && text.ends_with('\n') {
        let enter = pending
            .iter()
            .take(read)
            .rposition(|e| matches!(e, Ok(Event::Key(k)) if k.code == event::KeyCode::Enter));
        if let Some(at) = enter {
            text.pop();
            read = at;
        }
    }
    let chars = text.chars().count();
    if any_text && chars >= 2 {
        pending.drain(..read);
        return Some(text);
    }
    if chars >= 4 && distinct && (words >= 2 || code) {
        pending.drain(..read);
        // `/` opens the search box anyway: the text is what comes after it.
        return Some(text.strip_prefix('/').map(str::to_string).unwrap_or(text));
    }
    None
}

/// Letters typed at most this far apart make one word (people type one every 100 to 250 ms);
/// a key that may start a word waits this long for the next letter (see [`held_word`]).
const HOLD: std::time::Duration = std::time::Duration::from_millis(300);

/// The characters of `keys`.
fn key_text(keys: &[event::KeyEvent]) -> String {
    keys.iter()
        .filter_map(|k| match k.code {
            event::KeyCode::Char(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// The start of the word `typed` begins (letters, the first a key on `ctx`: `q`, `l`, `r`...),
/// when it and the letters that follow, each within `hold` ([`HOLD`]; those read ahead into
/// `pending` first), make a word (see `keys::starts_word`): "quota" is text to find. Else None,
/// and what was read is left in `pending`, to act as keys after the last of `typed`.
fn held_word(
    mut typed: Vec<event::KeyEvent>,
    ctx: keys::Ctx,
    hold: std::time::Duration,
    input: &std::sync::mpsc::Receiver<std::io::Result<Event>>,
    pending: &mut std::collections::VecDeque<std::io::Result<Event>>,
) -> Option<String> {
    // The events of `pending` that are part of the word (key releases too).
    let mut read = 0;
    loop {
        if keys::starts_word(ctx, &typed) {
            pending.drain(..read);
            return Some(key_text(&typed));
        }
        // Still only keys (`re` may become "restore"); a key pressed again is a key.
        let keys_only = typed.iter().all(|k| {
            matches!(
                keys::letter(ctx, k),
                Some(keys::Letter::Held | keys::Letter::Moves)
            )
        });
        let again = typed.len() > 1 && typed.iter().all(|k| k.code == typed[0].code);
        if !keys_only || again {
            return None;
        }
        if read == pending.len() {
            match input.recv_timeout(hold) {
                Ok(received) => pending.push_back(received),
                Err(_) => return None,
            }
        }
        match pending.get(read) {
            Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Release => read += 1,
            Some(Ok(Event::Key(key))) => {
                typed.push(*key);
                read += 1;
            }
            _ => return None,
        }
    }
}

/// Keys further apart than this were typed by a person (see [`typed_out`]).
const TYPED_OUT_GAP_MS: u64 = 8;

/// Reads the terminal's events on a thread of its own and passes them on, up to the first error.
/// The wizard never waits inside crossterm itself: once the terminal hangs up, crossterm's read
/// (and poll) never returns; it reads end-of-file again and again, at full CPU. Waiting on this
/// channel instead, the wizard wakes up, sees the terminal gone and ends; this thread spins until
/// then, at most one wait (200 ms). As this thread holds crossterm's event reader, the wizard
/// must not call what reads the terminal itself (`cursor::position`, `Terminal::clear`).
fn spawn_input_thread() -> std::io::Result<std::sync::mpsc::Receiver<std::io::Result<Event>>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("terminal input".to_string())
        .spawn(move || {
            loop {
                let event = event::read();
                let failed = event.is_err();
                if tx.send(event).is_err() || failed {
                    break;
                }
            }
        })?;
    Ok(rx)
}

/// After the screen is gone: a practice run's score, the selected command alone (p), or the
/// fix's commands, so they stay in the scrollback where OSC 52 is blocked. Returns whether it
/// had anything to print.
fn print_on_quit(app: &App) -> bool {
    let mut out = std::io::stdout().lock();
    if let Some(p) = &app.practice {
        // Each run of the session, the ones retried first.
        for run in &app.earlier_runs {
            let _ = writeln!(
                out,
                "{}",
                report::practice_summary(&app.tree, &run.score, app.lang)
            );
        }
        let _ = write!(
            out,
            "{}",
            report::practice_summary(&app.tree, &p.score, app.lang)
        );
        return true;
    }
    if let Some(code) = &app.print_on_quit {
        let _ = writeln!(out, "{}", triage::text::sanitize(code));
        return true;
    }
    match app.leaf_view() {
        Some(view) => {
            let _ = write!(
                out,
                "{}",
                report::quit_summary(view.id, view.leaf, app.lang, &app.values)
            );
            true
        }
        None => false,
    }
}
