//! The command line: clap definitions and the commands that print and exit (everything but the
//! full-screen wizard, which `main` starts).

pub mod assets;
mod check;
mod history;
mod search;
mod show;

pub use history::skipped_note;

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
                  wizard on the embedded Azure VM backup tree."
)]
pub struct Cli {
    /// Tree to use: a file path or the id of a tree in the embedded set or the user's trees dir.
    #[arg(long, global = true, value_name = "ID|PATH")]
    pub tree: Option<String>,

    /// Language of the text: en or ko (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true, value_name = "en|ko", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    #[command(flatten)]
    pub wizard: WizardArgs,

    /// Ignore the config file (config.ron in the config directory).
    #[arg(long, global = true)]
    pub no_config: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options of the commands that run the wizard (none, `resume`, `practice`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WizardArgs {
    /// Ask the questions as numbered lines on stdin/stdout (automatic when not a terminal).
    #[arg(long)]
    pub plain: bool,

    /// Write the session's Markdown transcript to this file (on `e`, and when the wizard ends).
    #[arg(long, value_name = "FILE")]
    pub transcript: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every leaf (fix) of the tree: id and title.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
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
    },
    /// Validate tree files; exit 1 with file:line:column errors if any is broken.
    Check {
        /// Tree files, or directories of them, to check (default: the embedded tree).
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
    /// Reopen session N of `triage history` (1, the newest, by default) where it stopped.
    Resume {
        /// Number of the session in `triage history` (1 is the newest).
        #[arg(value_name = "N", default_value_t = 1)]
        n: usize,
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
        #[arg(long, default_value_t = 3, value_name = "K")]
        top_k: usize,
        /// Fail when top-1 accuracy is below X (0 to 1).
        #[arg(long, value_name = "X")]
        min_top1: Option<f64>,
        /// Fail when top-K accuracy is below Y (0 to 1).
        #[arg(long, value_name = "Y")]
        min_top3: Option<f64>,
        /// Fail when any kind's top-1 accuracy is below Z (0 to 1).
        #[arg(long, value_name = "Z")]
        min_kind_top1: Option<f64>,
    },
}

pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| {
        // The flag itself is wrong (and the config is not read yet): the locale's language.
        let lang = i18n::lang_from_env(|k| std::env::var(k).ok());
        i18n::fill(
            i18n::strings(lang).cli.unknown_language,
            &[("lang", &format!("{:?}", sanitize_line(s)))],
        )
    })
}

/// `triage: MESSAGE` on stderr, the message in the user's language already.
pub fn say(message: &str) {
    eprintln!("triage: {message}");
}

/// Why a file cannot be read, as a diagnostic in `lang` (the tree loader would say it in
/// English), or `None` when it can be opened.
pub(crate) fn unreadable(path: &Path, lang: Lang) -> Option<crate::tree::Diagnostic> {
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

/// Reads the config file (unless `--no-config`); a broken one is reported and ends the run.
pub fn load_settings(cli: &Cli) -> Result<(), i32> {
    let config = if cli.no_config {
        crate::config::Config::default()
    } else {
        match crate::paths::config_dir().map(|d| crate::config::load(&d)) {
            Some(Ok(c)) => c,
            Some(Err(d)) => {
                eprint!("{d}");
                return Err(EXIT_FAILURE);
            }
            None => crate::config::Config::default(),
        }
    };
    let _ = SETTINGS.set(config);
    Ok(())
}

pub fn settings() -> &'static crate::config::Config {
    SETTINGS.get_or_init(crate::config::Config::default)
}

/// The language to use: the flag, else the config file, else the locale.
pub fn resolve_lang(flag: Option<Lang>) -> Lang {
    flag.or(settings().lang)
        .unwrap_or_else(|| i18n::lang_from_env(|k| std::env::var(k).ok()))
}

/// Directories searched for user trees: the config dir's `trees/`, then `tree_dirs`.
pub fn tree_dirs() -> Vec<PathBuf> {
    crate::paths::user_trees_dir()
        .into_iter()
        .chain(settings().tree_dirs.iter().cloned())
        .collect()
}

/// Loads the tree chosen with `--tree`, or prints why not (in `lang`) and returns the exit code.
pub fn pick_tree(choice: Option<&str>, lang: Lang) -> Result<Tree, i32> {
    // A tree file that cannot be opened is said in the user's language.
    if let Some(path) = choice.map(Path::new)
        && (path.is_file() || path.extension().is_some_and(|x| x == "ron"))
        && let Some(d) = unreadable(path, lang)
    {
        eprint!("{d}");
        return Err(EXIT_FAILURE);
    }
    match catalog::pick(choice, &tree_dirs()) {
        Ok(t) => Ok(t),
        Err(PickError::Unknown { asked, known }) => {
            let known: Vec<String> = known.iter().map(|k| sanitize_line(k)).collect();
            say(&i18n::fill(
                i18n::strings(lang).cli.unknown_tree,
                &[
                    ("tree", &format!("{:?}", sanitize_line(&asked))),
                    ("known", &known.join(", ")),
                ],
            ));
            Err(EXIT_USAGE)
        }
        Err(PickError::Invalid(errors)) => {
            for e in &errors {
                eprint!("{e}");
            }
            Err(EXIT_FAILURE)
        }
    }
}

/// Runs a non-interactive command; returns the exit code.
pub fn run(cli: &Cli, command: &Command) -> i32 {
    let lang = resolve_lang(cli.lang);
    let mut out = std::io::stdout().lock();
    let code = match command {
        Command::Check { files, stats } => check::run(files, *stats, lang, &mut out),
        Command::Trees { json } => history::trees(&tree_dirs(), *json, lang, &mut out),
        Command::History { json } => history::list(*json, lang, &mut out),
        Command::Completions { shell } => assets::completions(*shell, &mut out),
        Command::GenAssets { dir } => assets::generate(dir, lang),
        // The wizard's own commands: `main` runs them.
        Command::Resume { .. } | Command::Practice { .. } => EXIT_USAGE,
        Command::List { json } => match pick_tree(cli.tree.as_deref(), lang) {
            Ok(tree) => show::list(&tree, lang, *json, &mut out),
            Err(code) => code,
        },
        Command::Show { id, json, path } => match pick_tree(cli.tree.as_deref(), lang) {
            Ok(tree) => show::show(&tree, id, lang, *json, *path, &mut out),
            Err(code) => code,
        },
        Command::Search { text, json, top } => match pick_tree(cli.tree.as_deref(), lang) {
            Ok(tree) => search::search(&tree, text, *json, usize::from(*top), lang, &mut out),
            Err(code) => code,
        },
        Command::Eval {
            file,
            top_k,
            min_top1,
            min_top3,
            min_kind_top1,
        } => match pick_tree(cli.tree.as_deref(), lang) {
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
    let _ = out.flush();
    code
}
