//! The command line: clap definitions and the commands that print and exit (everything but the
//! full-screen wizard, which `main` starts).

pub mod assets;
mod check;
mod history;
pub mod resume;
mod search;
mod show;

pub use history::{load_sessions, skipped_note};

use crate::catalog::{self, PickError};
use crate::i18n;
use crate::text::sanitize_line;
use crate::tree::{Lang, Tree};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `value` as pretty JSON on a line. serde_json escapes only U+0000..U+001F: C1, DEL and
/// bidi controls from tree text are escaped on top (losslessly), so no output path leaks them.
pub(crate) fn write_json(
    out: &mut impl Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    let json = serde_json::to_string_pretty(value).unwrap_or_default();
    writeln!(out, "{}", crate::text::json_escape_unsafe(&json))
}

/// Exit codes: 0 success, 1 a failure (invalid tree, nothing found), 2 a usage error.
pub const EXIT_FAILURE: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "triage",
    version,
    about = "Walk from a symptom to the exact fix: ask short questions, land on one workaround.",
    long_about = "Walk from a symptom to the exact fix. With no command, opens the full-screen \
                  wizard on the embedded Azure VM backup tree (or the config file's `tree`)."
)]
pub struct Cli {
    /// Tree to use: a file path or the id of a tree in the embedded set or the user's trees dir
    /// (default: the config file's `tree`, else the embedded Azure VM backup tree).
    #[arg(long, global = true, value_name = "ID|PATH")]
    pub tree: Option<String>,

    /// Language of the text: en or ko (default: the config file's `lang`, else LC_ALL /
    /// LC_MESSAGES / LANG).
    #[arg(long, global = true, value_name = "en|ko", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    #[command(flatten)]
    pub wizard: WizardArgs,

    /// Ignore the config file (config.ron in the config directory).
    #[arg(long, global = true)]
    pub no_config: bool,

    /// Colour the text of `show` and `search`, and the wizard's screen: auto (only on a terminal,
    /// and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too,
    /// whatever NO_COLOR says), never.
    #[arg(long, global = true, value_name = "WHEN", value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--color`: when `show`, `search` and the wizard's screen use colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    // (No doc comments: the option's help says it all, clap would list them again.)
    // On a terminal that shows colours, unless NO_COLOR is set (no-color.org).
    #[default]
    Auto,
    // Always, whatever stdout is and NO_COLOR or TERM say: the user asked for it (as ripgrep's
    // and tealdeer's `--color always`, and as no-color.org lets a flag do).
    Always,
    Never,
}

impl ColorWhen {
    /// Whether to colour, given whether stdout is a terminal, `NO_COLOR` and `TERM`. Output
    /// that is not a terminal (a pipe, a file, `$(...)`) is never coloured in `auto`: scripts
    /// and tests read it.
    pub fn wanted(
        self,
        stdout_is_terminal: bool,
        no_color: Option<&std::ffi::OsStr>,
        term: Option<&str>,
    ) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                stdout_is_terminal
                    && term != Some("dumb")
                    && crate::theme::colour_wanted(no_color, term)
            }
        }
    }

    /// [`ColorWhen::wanted`] for output that is a terminal or not (`on_terminal`), with this
    /// process's `NO_COLOR` and `TERM`.
    pub fn wanted_here(self, on_terminal: bool) -> bool {
        self.wanted(
            on_terminal,
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var("TERM").ok().as_deref(),
        )
    }

    /// The colours for this run's standard output.
    fn paint(self) -> crate::theme::Paint {
        use std::io::IsTerminal;
        crate::theme::Paint::new(self.wanted_here(std::io::stdout().is_terminal()))
    }
}

/// Options of the commands that run the wizard (none, `resume`, `practice`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WizardArgs {
    /// Ask the questions as numbered lines on stdin/stdout (automatic when stdin is not a terminal).
    #[arg(long)]
    pub plain: bool,

    /// Write the session's Markdown transcript to this file (on `e`, and when the wizard ends).
    #[arg(long, value_name = "FILE")]
    pub transcript: Option<PathBuf>,

    /// Start on the search for this text (an error message, a code, a log line): its results
    /// are shown first, Enter opens one (not in practice).
    #[arg(short, long, value_name = "TEXT")]
    pub query: Option<String>,

    /// With --query: when one fix is clearly the answer, open it at once (with the path of
    /// answers that leads there), as fzf's --select-1 does; otherwise the results are shown.
    #[arg(short = '1', long = "select-1", requires = "query")]
    pub select_1: bool,

    /// Fill in a placeholder of the commands from the start, e.g. `--set VMName=vm-01`
    /// (repeatable), as `show --set` does; `f` still changes it.
    #[arg(long = "set", value_name = "NAME=VALUE", value_parser = placeholder_value)]
    pub set: Vec<(String, String)>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every leaf (fix) of the tree: id and title.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Print the ids alone, one a line (for scripts, and what the shell completions offer
        /// after `show`).
        #[arg(long, conflicts_with = "json")]
        ids: bool,
    },
    /// Print one leaf: error message, cause, numbered steps, commands, links.
    Show {
        /// Leaf id, e.g. backup-19.
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Print the answers that lead to the leaf instead (for trainers).
        #[arg(long)]
        path: bool,
        /// Fill in a placeholder of the commands, e.g. `--set VMName=vm-01` (repeatable;
        /// `<VMName>` and `<vm-name>` are one name).
        #[arg(long = "set", value_name = "NAME=VALUE", value_parser = placeholder_value)]
        set: Vec<(String, String)>,
    },
    /// Validate tree files; exit 1 with file:line:column errors if any is broken.
    Check {
        /// Tree files, or directories of them, to check; with none (and no --tree), every tree
        /// triage can pick: the embedded one and the user's.
        files: Vec<PathBuf>,
        /// Also print depth statistics (answers needed to reach each leaf).
        #[arg(long)]
        stats: bool,
    },
    /// List the trees: the embedded one and the user's (config dir `trees/`, `tree_dirs`).
    Trees {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List past sessions, newest first (kept in the data directory).
    History {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Reopen session N of `triage history` (by default the newest that is not a practice run)
    /// where it stopped.
    Resume {
        /// Number of the session in `triage history` (1 is the newest).
        #[arg(value_name = "N")]
        n: Option<usize>,
        #[command(flatten)]
        wizard: WizardArgs,
    },
    /// Training: solve real error messages by answering the questions, then see your score.
    Practice {
        /// Number of rounds.
        #[arg(long, default_value_t = 5, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
        count: u16,
        /// Seed for a reproducible set of rounds (default: random).
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        #[command(flatten)]
        wizard: WizardArgs,
    },
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell.
    Completions { shell: clap_complete::Shell },
    /// Write the man page and completion scripts into a directory (default: assets/).
    #[command(hide = true)]
    GenAssets {
        #[arg(default_value = "assets")]
        dir: PathBuf,
    },
    /// Find the fix for an error message, a code or your own words (TEXT, or stdin).
    Search {
        /// What to search for; none or `-` reads stdin (for pasting multi-line logs).
        text: Vec<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// How many results to show.
        #[arg(long, default_value_t = 5, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        top: u16,
    },
    /// Measure search quality on a query file; exit 1 below the thresholds.
    Eval {
        /// JSON list of {query, expect, kind} (see tests/queries/search.json); `"expect": []`
        /// means no leaf fits: right when the search answers without confidence.
        file: PathBuf,
        /// A query counts as found when a right leaf is in the first K results.
        #[arg(long, default_value_t = 3, value_name = "K", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        top_k: usize,
        /// Fail when top-1 accuracy is below X (0 to 1).
        #[arg(long, value_name = "X", value_parser = search::fraction)]
        min_top1: Option<f64>,
        /// Fail when top-K accuracy is below Y (0 to 1).
        #[arg(long, value_name = "Y", value_parser = search::fraction)]
        min_top3: Option<f64>,
        /// Fail when any kind's top-1 accuracy is below Z (0 to 1).
        #[arg(long, value_name = "Z", value_parser = search::fraction)]
        min_kind_top1: Option<f64>,
    },
}

pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| {
        // The flag itself is wrong (and the config is not read yet): the locale's language.
        let lang = i18n::lang_from_env(|k| std::env::var(k).ok());
        i18n::fill(
            i18n::strings(lang).cli.unknown_language,
            &[("lang", &crate::text::quoted_line(s))],
        )
    })
}

/// `--set NAME=VALUE`: a placeholder's name (letters, digits, `-`, `_`; with or without its
/// angle brackets) and its value. Its errors are clap's usage errors: English, as clap's own.
fn placeholder_value(text: &str) -> Result<(String, String), String> {
    let (name, value) = crate::fill::setting(text).ok_or_else(|| {
        "expected NAME=VALUE, the name of letters, digits, - and _ (e.g. VMName=vm-01)".to_string()
    })?;
    crate::fill::Values::default()
        .set(name, value)
        .map_err(|bad| {
            format!("{bad:?} cannot be in a value (letters, digits and - . _ / : @ + , only)")
        })?;
    Ok((name.to_string(), value.to_string()))
}

/// `triage: MESSAGE` on stderr, the message in the user's language already. Not eprintln!: it
/// panics when stderr cannot be written (a full disk, a terminal that hung up).
pub fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "triage: {message}");
}

/// Text already formatted (diagnostics) on stderr, without eprint!'s panic.
pub(crate) fn say_raw(text: &str) {
    let _ = write!(std::io::stderr(), "{text}");
}

/// Standard output for the commands: remembers the first write error, so that every command
/// ends the same way on a closed pipe or a full disk, whatever it did with the error itself
/// (some stop, some write on).
/// Text for a terminal wrapped at its width, as plain mode's (prose under its first word;
/// commands and addresses whole, to copy); JSON and output that is no terminal as it is.
fn wrapped_on_terminal<'a>(out: &'a mut dyn Write, json: bool) -> Box<dyn Write + 'a> {
    use std::io::IsTerminal;
    let width = (!json && std::io::stdout().is_terminal())
        .then(crossterm::terminal::size)
        .and_then(Result::ok)
        .map(|(columns, _)| usize::from(columns));
    match width {
        Some(width) => Box::new(crate::plain::Wrapping::new(out, width)),
        None => Box::new(out),
    }
}

pub(crate) struct Output<W: Write> {
    inner: W,
    failed: Option<std::io::Error>,
}

impl<W: Write> Output<W> {
    pub(crate) fn new(inner: W) -> Output<W> {
        Output {
            inner,
            failed: None,
        }
    }

    fn keep<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result
            && self.failed.is_none()
            && e.kind() != std::io::ErrorKind::Interrupted
        {
            // io::Error is not Clone; the OS code is what the message needs.
            self.failed = Some(match e.raw_os_error() {
                Some(code) => std::io::Error::from_raw_os_error(code),
                None => std::io::Error::new(e.kind(), e.to_string()),
            });
        }
        result
    }

    /// Flushes, then the exit code: the command's `code` when everything was written. A reader
    /// that went away (`| head`) took what it wanted: a quiet 0, unless `code` is a verdict of
    /// its own that does not depend on the output (`keep_code`). Any other write error is said
    /// on `err` and fails the run.
    pub(crate) fn finish(
        mut self,
        code: i32,
        keep_code: bool,
        lang: Lang,
        err: &mut impl Write,
    ) -> i32 {
        let _ = self.flush();
        match self.failed {
            None => code,
            Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                if keep_code {
                    code
                } else {
                    0
                }
            }
            Some(e) => {
                let _ = writeln!(
                    err,
                    "triage: {}: {}",
                    i18n::strings(lang).cli.cannot_write_output,
                    short_io_error(&e, lang)
                );
                EXIT_FAILURE
            }
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let result = self.inner.write(buf);
        self.keep(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.inner.flush();
        self.keep(result)
    }
}

/// An I/O error in `lang` without the " (os error N)" the standard library adds: the number
/// means nothing to the reader of a one-line message.
fn short_io_error(e: &std::io::Error, lang: Lang) -> String {
    let text = i18n::io_error(e, lang);
    match e.raw_os_error() {
        Some(code) => text
            .strip_suffix(&format!(" (os error {code})"))
            .map(str::to_string)
            .unwrap_or(text),
        None => text,
    }
}

/// Why a file cannot be read, as a diagnostic in `lang` (the tree loader would say it in
/// English), or `None` when it can be opened.
pub(crate) fn unreadable(path: &Path, lang: Lang) -> Option<crate::tree::Diagnostic> {
    // Opening a FIFO blocks until someone writes to it: the loader refuses what is not a
    // regular file without opening it.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return None;
    }
    let e = std::fs::File::open(path).err()?;
    let s = &i18n::strings(lang).cli;
    let help = match e.kind() {
        std::io::ErrorKind::NotFound => s.help_check_path,
        std::io::ErrorKind::PermissionDenied => s.help_check_permissions,
        _ => s.help_check_readable,
    };
    Some(
        crate::tree::Diagnostic::new(
            &path.display().to_string(),
            format!("{}: {}", s.cannot_read_file, i18n::io_error(&e, lang)),
        )
        .help(help),
    )
}

/// The configuration in force for this run: loaded once by `load_settings`.
static SETTINGS: std::sync::OnceLock<crate::config::Config> = std::sync::OnceLock::new();

/// Reads the config file (unless `--no-config`). A broken one is reported, once, and the run
/// goes on with the defaults: an on-call engineer with a typo in the config still gets the fix.
pub fn load_settings(cli: &Cli) {
    // Completion scripts use no setting, and a shell may load them at every start.
    let skip = cli.no_config || matches!(cli.command, Some(Command::Completions { .. }));
    let loaded = if skip {
        None
    } else {
        crate::paths::config_dir().map(|d| crate::config::load(&d))
    };
    let config = match loaded {
        Some(Ok(c)) => c,
        Some(Err(d)) => {
            say_raw(&d.to_string());
            // Not `resolve_lang`: the settings are not set yet, and the config has no say.
            let lang = cli
                .lang
                .unwrap_or_else(|| i18n::lang_from_env(|k| std::env::var(k).ok()));
            say(i18n::strings(lang).cli.config_ignored);
            crate::config::Config::default()
        }
        None => crate::config::Config::default(),
    };
    let _ = SETTINGS.set(config);
}

pub fn settings() -> &'static crate::config::Config {
    SETTINGS.get_or_init(crate::config::Config::default)
}

/// The tree to use: the flag, else the config file's `tree` (`None`: the built-in tree).
pub fn tree_choice(flag: Option<&str>) -> Option<String> {
    flag.map(str::to_string).or_else(|| settings().tree.clone())
}

/// The language to use: the flag, else the config file, else the locale.
pub fn resolve_lang(flag: Option<Lang>) -> Lang {
    flag.or(settings().lang)
        .unwrap_or_else(|| i18n::lang_from_env(|k| std::env::var(k).ok()))
}

/// The tree directories, checked once per run.
static TREE_DIRS: std::sync::OnceLock<Vec<PathBuf>> = std::sync::OnceLock::new();

/// Directories searched for user trees: the config dir's `trees/`, then `tree_dirs`. The first
/// call warns (in `lang`) about each `tree_dirs` entry that cannot be searched: a directory
/// configured and silently skipped looks like trees that vanished. A missing `trees/` is no
/// news: nobody asked for it.
pub fn tree_dirs(lang: Lang) -> Vec<PathBuf> {
    TREE_DIRS
        .get_or_init(|| {
            for dir in &settings().tree_dirs {
                if let Some(reason) = not_searchable(dir, lang) {
                    let config = crate::paths::config_dir()
                        .map(|d| d.join(crate::config::FILE_NAME))
                        .unwrap_or_else(|| PathBuf::from(crate::config::FILE_NAME));
                    say(&i18n::fill(
                        i18n::strings(lang).cli.tree_dir_skipped,
                        &[
                            ("dir", &sanitize_line(&dir.display().to_string())),
                            ("config", &sanitize_line(&config.display().to_string())),
                            ("reason", &reason),
                        ],
                    ));
                }
            }
            crate::paths::user_trees_dir()
                .into_iter()
                .chain(settings().tree_dirs.iter().cloned())
                .collect()
        })
        .clone()
}

/// Why `dir` cannot be searched for trees, in `lang`; `None` when it can.
fn not_searchable(dir: &Path, lang: Lang) -> Option<String> {
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => Some(i18n::strings(lang).cli.not_a_directory.to_string()),
        Ok(_) => std::fs::read_dir(dir)
            .err()
            .map(|e| short_io_error(&e, lang)),
        Err(e) => Some(short_io_error(&e, lang)),
    }
}

/// True when `--tree` names a file rather than a tree id (as `catalog::pick` decides).
pub fn names_a_file(choice: &str) -> bool {
    catalog::names_a_file(choice)
}

/// The directories to look for the tree `--tree` names: none for a file or no `--tree` (the
/// user's trees are then neither read nor warned about).
fn dirs_for(choice: Option<&str>, lang: Lang) -> Vec<PathBuf> {
    match choice {
        Some(c) if !names_a_file(c) => tree_dirs(lang),
        _ => Vec::new(),
    }
}

/// `word` as one shell word: quoted unless it is plain, sanitized either way.
pub(crate) fn shell_word(word: impl std::fmt::Display) -> String {
    let word = sanitize_line(&word.to_string());
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:".contains(c))
    {
        word
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The command a hint tells the user to run: `triage`, with the `--tree` given (a hint that
/// forgot it would list another tree).
pub(crate) fn triage_command(tree: Option<&str>) -> String {
    match tree {
        Some(choice) => format!("triage --tree {}", shell_word(choice)),
        None => "triage".to_string(),
    }
}

/// Loads the tree chosen with `--tree`, or prints why not (in `lang`) and returns the exit code.
pub fn pick_tree(choice: Option<&str>, lang: Lang) -> Result<Tree, i32> {
    // A tree file that cannot be opened is said in the user's language.
    if let Some(choice) = choice
        && names_a_file(choice)
        && let Some(d) = unreadable(Path::new(choice), lang)
    {
        say_raw(&d.to_string());
        return Err(EXIT_FAILURE);
    }
    let (tree, hidden) =
        catalog::pick(choice, &dirs_for(choice, lang)).map_err(|e| pick_failed(e, lang))?;
    let s = &i18n::strings(lang).cli;
    for h in hidden {
        let problem = h
            .problem
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message));
        let used = h
            .used
            .map_or(s.built_in_tree.to_string(), |p| p.display().to_string());
        say(&i18n::fill(
            if problem.is_some() {
                s.tree_id_hidden_broken
            } else {
                s.tree_id_hidden
            },
            &[
                ("path", &sanitize_line(&h.path.display().to_string())),
                ("tree", &crate::text::quoted_line(&tree.id)),
                ("problem", &sanitize_line(&problem.unwrap_or_default())),
                ("used", &sanitize_line(&used)),
            ],
        ));
    }
    Ok(tree)
}

/// Says why a tree could not be picked; returns the exit code.
pub fn pick_failed(error: PickError, lang: Lang) -> i32 {
    let s = &i18n::strings(lang).cli;
    match error {
        PickError::Unknown {
            asked,
            known,
            problems,
        } => {
            let names: Vec<&str> = known.iter().map(String::as_str).collect();
            let close = show::closest_ids(&asked, &names);
            let known: Vec<String> = known.iter().map(|k| sanitize_line(k)).collect();
            let template = match close.is_empty() {
                true => s.unknown_tree,
                false => s.unknown_tree_close,
            };
            say(&i18n::fill(
                template,
                &[
                    ("tree", &crate::text::quoted_line(&asked)),
                    ("ids", &close.join(", ")),
                    ("known", &known.join(", ")),
                ],
            ));
            say_raw(&unloaded_note(&problems, lang));
            EXIT_USAGE
        }
        PickError::Directory(dir) => {
            say(&i18n::fill(
                s.tree_is_directory,
                &[
                    ("dir", &sanitize_line(&dir.display().to_string())),
                    (
                        "check",
                        &format!("triage check {}", shell_word(dir.display())),
                    ),
                ],
            ));
            EXIT_USAGE
        }
        PickError::Invalid(errors) => {
            for e in &errors {
                say_raw(&e.to_string());
            }
            EXIT_FAILURE
        }
    }
}

/// Tree files listed at most under "could not be loaded"; `triage check` shows them all.
const UNLOADED_SHOWN: usize = 5;

/// A problem's message is cut there in that list: one line each (a tree's string quoted in a
/// message may be a megabyte long).
const NOTE_MESSAGE_CHARS: usize = 200;

/// The tree files that could not be loaded, each with its first problem on one line (the tree
/// asked for by id may be among them, its id unread), or nothing when there are none.
fn unloaded_note(problems: &[crate::tree::Diagnostic], lang: Lang) -> String {
    let mut files: Vec<&crate::tree::Diagnostic> = Vec::new();
    for p in problems {
        if !files.iter().any(|f| f.file == p.file) {
            files.push(p);
        }
    }
    if files.is_empty() {
        return String::new();
    }
    let s = &i18n::strings(lang).cli;
    let mut note = format!("triage: {}\n", i18n::count(files.len(), s.trees_not_loaded));
    for d in files.iter().take(UNLOADED_SHOWN) {
        let place = match d.line {
            0 => sanitize_line(&d.file),
            line => format!("{}:{line}:{}", sanitize_line(&d.file), d.column),
        };
        let message: String = sanitize_line(&d.message)
            .chars()
            .take(NOTE_MESSAGE_CHARS)
            .collect();
        note.push_str(&format!("  {place}: {message}\n"));
    }
    if files.len() > UNLOADED_SHOWN {
        note.push_str("  ...\n");
    }
    note
}

/// Runs a non-interactive command; returns the exit code.
pub fn run(cli: &Cli, command: &Command) -> i32 {
    let lang = resolve_lang(cli.lang);
    let mut out = Output::new(std::io::stdout().lock());
    let code = match command {
        Command::Check { files, stats } => {
            check::run(cli.tree.as_deref(), files, *stats, lang, &mut out)
        }
        Command::Trees { json } => history::trees(&tree_dirs(lang), *json, lang, &mut out),
        Command::History { json } => history::list(*json, lang, &mut out),
        Command::Completions { shell } => assets::completions(*shell, &mut out),
        Command::GenAssets { dir } => assets::generate(dir, lang, &mut out),
        // The wizard's own commands: `main` runs them.
        Command::Resume { .. } | Command::Practice { .. } => EXIT_USAGE,
        Command::List { json, ids } => {
            match pick_tree(tree_choice(cli.tree.as_deref()).as_deref(), lang) {
                Ok(tree) if *ids => show::ids(&tree, &mut out),
                Ok(tree) => show::list(&tree, lang, *json, &mut out),
                Err(code) => code,
            }
        }
        Command::Show {
            id,
            json,
            path,
            set,
        } => match pick_tree(tree_choice(cli.tree.as_deref()).as_deref(), lang) {
            Ok(tree) => {
                let mut values = crate::fill::Values::default();
                for (name, value) in set {
                    // Checked by `placeholder_value`.
                    let _ = values.set(name, value);
                }
                let asked = show::Asked {
                    id,
                    command: &triage_command(tree_choice(cli.tree.as_deref()).as_deref()),
                    set_names: set.iter().map(|(name, _)| name.as_str()).collect(),
                    paint: cli.color.paint(),
                };
                let mut out = wrapped_on_terminal(&mut out, *json);
                show::show(&tree, asked, lang, *json, *path, &values, &mut out)
            }
            Err(code) => code,
        },
        Command::Search { text, json, top } => {
            match pick_tree(tree_choice(cli.tree.as_deref()).as_deref(), lang) {
                Ok(tree) => search::search(
                    &tree,
                    text,
                    *json,
                    usize::from(*top),
                    lang,
                    cli.color.paint(),
                    &mut wrapped_on_terminal(&mut out, *json),
                ),
                Err(code) => code,
            }
        }
        Command::Eval {
            file,
            top_k,
            min_top1,
            min_top3,
            min_kind_top1,
        } => match pick_tree(tree_choice(cli.tree.as_deref()).as_deref(), lang) {
            Ok(tree) => {
                let thresholds = crate::search::eval::Thresholds {
                    min_top1: *min_top1,
                    min_topk: *min_top3,
                    min_kind_top1: *min_kind_top1,
                };
                search::eval(&tree, file, *top_k, thresholds, lang, &mut out)
            }
            Err(code) => code,
        },
    };
    // `check`'s exit code says whether the trees are valid, `eval`'s whether the search meets
    // the thresholds, whether or not their reports were read.
    let keep_code = matches!(command, Command::Check { .. } | Command::Eval { .. });
    out.finish(code, keep_code, lang, &mut std::io::stderr())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A disk that fills up after `room` bytes.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::Error::from_raw_os_error(28));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_full_disk_is_one_line_on_stderr_and_exit_1() {
        let mut out = Output::new(Full { room: 5 });
        // Like the commands that ignore their write errors: the output remembers them.
        let _ = writeln!(out, "backup-19  The VSS writer timed out");
        let _ = writeln!(out, "more");
        let mut err = Vec::new();
        assert_eq!(out.finish(0, false, Lang::En, &mut err), EXIT_FAILURE);
        let said = String::from_utf8(err).unwrap();
        let enospc = std::io::Error::from_raw_os_error(28).to_string();
        let reason = enospc.split(" (os error").next().unwrap();
        assert_eq!(said, format!("triage: cannot write the output: {reason}\n"));
        assert_eq!(said.lines().count(), 1);

        let mut out = Output::new(Full { room: 0 });
        let _ = write!(out, "x");
        let mut err = Vec::new();
        assert_eq!(out.finish(0, true, Lang::Ko, &mut err), EXIT_FAILURE);
        let said = String::from_utf8(err).unwrap();
        assert!(
            said.starts_with("triage: 출력을 쓸 수 없습니다: "),
            "{said}"
        );
    }

    #[test]
    fn a_closed_pipe_ends_quietly_and_only_check_keeps_its_verdict() {
        let mut err = Vec::new();
        let mut out = Output::new(Closed);
        let _ = writeln!(out, "backup-19");
        assert_eq!(out.finish(EXIT_FAILURE, false, Lang::En, &mut err), 0);
        let mut out = Output::new(Closed);
        let _ = writeln!(out, "tree.ron: ok");
        assert_eq!(out.finish(EXIT_FAILURE, true, Lang::En, &mut err), 1);
        assert!(err.is_empty());
    }

    #[test]
    fn colour_by_default_only_on_a_terminal_that_shows_colours() {
        use std::ffi::OsStr;
        let term = Some("xterm-256color");
        assert!(ColorWhen::Auto.wanted(true, None, term));
        assert!(ColorWhen::Auto.wanted(true, Some(OsStr::new("")), None));
        assert!(
            !ColorWhen::Auto.wanted(false, None, term),
            "a pipe or a file"
        );
        assert!(!ColorWhen::Auto.wanted(true, Some(OsStr::new("1")), term));
        assert!(!ColorWhen::Auto.wanted(true, None, Some("dumb")));
        assert!(!ColorWhen::Auto.wanted(true, None, Some("xterm-mono")));
        assert!(!ColorWhen::Never.wanted(true, None, term));
        assert!(ColorWhen::Always.wanted(false, Some(OsStr::new("1")), Some("dumb")));
        let cli = Cli::try_parse_from(["triage", "show", "backup-19"]).unwrap();
        assert_eq!(cli.color, ColorWhen::Auto);
        let cli = Cli::try_parse_from(["triage", "search", "x", "--color", "never"]).unwrap();
        assert_eq!(cli.color, ColorWhen::Never);
        assert!(Cli::try_parse_from(["triage", "--color", "sometimes", "list"]).is_err());
    }

    #[test]
    fn everything_written_keeps_the_commands_code() {
        let mut err = Vec::new();
        let mut out = Output::new(Vec::new());
        let _ = writeln!(out, "nothing matches");
        assert_eq!(out.finish(EXIT_FAILURE, false, Lang::En, &mut err), 1);
        let out = Output::new(Vec::new());
        assert_eq!(out.finish(0, false, Lang::En, &mut err), 0);
        assert!(err.is_empty());
    }
}
