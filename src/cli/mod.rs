//! The command line: clap definitions and the commands that print and exit (everything but the
//! full-screen wizard, which `main` starts).

mod check;
mod show;

use crate::catalog::{self, PickError};
use crate::i18n;
use crate::text::sanitize_line;
use crate::tree::{Lang, Tree};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

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

    #[command(subcommand)]
    pub command: Option<Command>,
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
        /// Tree files to check (default: the embedded tree).
        files: Vec<PathBuf>,
        /// Also print depth statistics (answers needed to reach each leaf).
        #[arg(long)]
        stats: bool,
    },
}

pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}; use en or ko"))
}

/// The language to use: the flag, else the locale.
pub fn resolve_lang(flag: Option<Lang>) -> Lang {
    flag.unwrap_or_else(|| i18n::lang_from_env(|k| std::env::var(k).ok()))
}

/// Directories searched for user trees.
pub fn tree_dirs() -> Vec<PathBuf> {
    crate::paths::user_trees_dir().into_iter().collect()
}

/// Loads the tree chosen with `--tree`, or prints why not and returns the exit code.
pub fn pick_tree(choice: Option<&str>) -> Result<Tree, i32> {
    match catalog::pick(choice, &tree_dirs()) {
        Ok(t) => Ok(t),
        Err(PickError::Unknown { asked, known }) => {
            eprintln!(
                "triage: no tree {:?}; known trees: {} (or give a path to a .ron file)",
                sanitize_line(&asked),
                known.join(", ")
            );
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
        Command::Check { files, stats } => check::run(files, *stats, &mut out),
        Command::List { json } => match pick_tree(cli.tree.as_deref()) {
            Ok(tree) => show::list(&tree, lang, *json, &mut out),
            Err(code) => code,
        },
        Command::Show { id, json, path } => match pick_tree(cli.tree.as_deref()) {
            Ok(tree) => show::show(&tree, id, lang, *json, *path, &mut out),
            Err(code) => code,
        },
    };
    let _ = out.flush();
    code
}
