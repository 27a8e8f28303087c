//! `triage trees` and `triage history`.

use super::EXIT_FAILURE;
use crate::catalog;
use crate::history;
use crate::i18n;
use crate::text::sanitize_line;
use crate::transcript::SessionStep;
use crate::tree::{Lang, Tree};
use serde_json::json;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn trees(dirs: &[PathBuf], json: bool, lang: Lang, out: &mut impl Write) -> i32 {
    let (entries, problems) = catalog::discover(dirs);
    for p in &problems {
        super::say_raw(&p.to_string());
    }
    let written = if json {
        let items: Vec<_> = entries
            .iter()
            .map(|e| {
                let title = &e.title;
                // "title" in the language asked for (as `list --json` gives a leaf's), and
                // "titles" with each language the tree has.
                let each: serde_json::Map<_, _> = Lang::ALL
                    .iter()
                    .filter(|l| !title.exact(**l).is_empty())
                    .map(|l| {
                        (
                            l.code().to_string(),
                            json!(crate::text::sanitize(title.exact(*l))),
                        )
                    })
                    .collect();
                json!({
                    "id": crate::text::sanitize(&e.id),
                    "title": crate::text::sanitize(title.get(lang)),
                    "titles": each,
                    "path": e.path.as_ref().map(|p| p.display().to_string()),
                })
            })
            .collect();
        super::write_json(out, &items)
    } else {
        entries.iter().try_for_each(|e| {
            let origin = e
                .path
                .as_ref()
                .map(|p| sanitize_line(&p.display().to_string()))
                .unwrap_or_else(|| i18n::strings(lang).cli.embedded.to_string());
            writeln!(
                out,
                "{:<20}  {}  {}",
                sanitize_line(&e.id),
                sanitize_line(e.title.get(lang)),
                origin
            )
        })
    };
    if written.is_err() { EXIT_FAILURE } else { 0 }
}

/// One line per session: number, start, tree, where it ended.
pub fn list(json: bool, lang: Lang, out: &mut impl Write) -> i32 {
    let words = &i18n::strings(lang).cli;
    let Some(dir) = crate::paths::data_dir() else {
        super::say(words.no_data_dir);
        return EXIT_FAILURE;
    };
    let entries = match load_sessions(&dir, lang) {
        Ok(entries) => entries,
        Err(code) => return code,
    };
    let written = if json {
        let items: Vec<_> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut v = serde_json::to_value(&e.record).unwrap_or_default();
                v["n"] = json!(i + 1);
                v["file"] = json!(e.path.display().to_string());
                v
            })
            .collect();
        super::write_json(out, &items)
    } else if entries.is_empty() {
        writeln!(
            out,
            "{}",
            i18n::fill(
                words.no_sessions,
                &[("dir", &sanitize_line(&dir.display().to_string()))]
            )
        )
    } else {
        let mut trees = SessionTrees::new(lang);
        entries.iter().enumerate().try_for_each(|(i, e)| {
            let s = &e.record.session;
            // Where the session ended is its current node (what `resume` reopens), not the last
            // fix it reached: a restart or a step back may have left that fix since. Its title
            // in the language asked for now, while the tree has it.
            let tree = trees.of(&e.record);
            let leaf_title = tree
                .and_then(|t| t.leaf(&s.current).map(|l| l.title.get(lang).to_string()))
                .or_else(|| {
                    s.steps.iter().rev().find_map(|step| match step {
                        SessionStep::Reached { leaf, title, .. } if *leaf == s.current => {
                            Some(title.clone())
                        }
                        _ => None,
                    })
                });
            let ended_on = match leaf_title {
                Some(title) => format!("{}  {title}", s.current),
                None => {
                    // The question's own words, while the tree still has it; else as the
                    // session saw them when it answered that question before (a step back).
                    let question = tree
                        .and_then(|t| t.question(&s.current).map(|q| q.text.get(lang).to_string()))
                        .or_else(|| {
                            s.steps.iter().rev().find_map(|step| match step {
                                SessionStep::Answered {
                                    question_id,
                                    question,
                                    ..
                                } if *question_id == s.current => Some(question.clone()),
                                _ => None,
                            })
                        })
                        .unwrap_or_else(|| s.current.clone());
                    format!("{}: {question}", words.stopped_at)
                }
            };
            // The answers on the trail the session ended with (the breadcrumb `resume` shows);
            // a practice run's score instead (where a round stopped is no incident's state).
            // A session that answered nothing but searched: what it looked for (a search left
            // without opening a result is the session's whole story).
            let last_search = s.steps.iter().rev().find_map(|step| match step {
                SessionStep::Searched { query, .. } => Some(query.as_str()),
                _ => None,
            });
            let what = match (&e.record.practice, last_search) {
                (Some(p), _) => p.history_line(lang),
                (None, Some(query)) if s.trail.is_empty() => {
                    let first = query.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                    format!(
                        "{}: {}",
                        words.searched,
                        crate::text::truncate(&sanitize_line(first.trim()), HISTORY_QUERY)
                    )
                }
                (None, _) => format!(
                    "{}  {}",
                    i18n::count(s.trail.len(), words.count_answers),
                    sanitize_line(&ended_on)
                ),
            };
            writeln!(
                out,
                "{:>3}  {}  {}  {}",
                i + 1,
                sanitize_line(&s.started),
                sanitize_line(&s.tree_id),
                what
            )
        })
    };
    if written.is_err() { EXIT_FAILURE } else { 0 }
}

/// Columns of a search-only session's query in `history`.
const HISTORY_QUERY: usize = 48;

/// The trees the listed sessions were on, each loaded once, found as `resume` finds them: the
/// file a session's tree was opened from, else the tree of its id (the embedded one or the
/// user's). Quietly: a tree that cannot be found leaves the words the session saved.
struct SessionTrees {
    lang: Lang,
    embedded: Option<Tree>,
    files: HashMap<PathBuf, Option<Tree>>,
    /// The user's trees by id, discovered on the first session on a tree of theirs.
    catalog: Option<Vec<catalog::Entry>>,
}

impl SessionTrees {
    fn new(lang: Lang) -> SessionTrees {
        SessionTrees {
            lang,
            embedded: None,
            files: HashMap::new(),
            catalog: None,
        }
    }

    fn file(&mut self, path: &Path) -> Option<&Tree> {
        self.files
            .entry(path.to_path_buf())
            .or_insert_with(|| crate::tree::load_path(path).ok())
            .as_ref()
    }

    fn of(&mut self, record: &history::Record) -> Option<&Tree> {
        let want = &record.session.tree_id;
        let from_file = record
            .tree_path
            .as_deref()
            .filter(|p| self.file(p).is_some_and(|t| t.id == *want));
        let path = match from_file {
            Some(p) => Some(p.to_path_buf()),
            None if want == crate::tree::embedded_id() => None,
            None => {
                let lang = self.lang;
                let catalog = self
                    .catalog
                    .get_or_insert_with(|| catalog::discover(&super::tree_dirs(lang)).0);
                Some(catalog.iter().find(|e| e.id == *want)?.path.clone()?)
            }
        };
        match path {
            Some(p) => self.file(&p),
            None => Some(self.embedded.get_or_insert_with(crate::tree::embedded)),
        }
    }
}

/// The sessions in `data_dir`, newest first, after a warning for each file skipped; or the exit
/// code after saying why the history cannot be read at all (never "no sessions yet" for a data
/// directory that is a file).
pub fn load_sessions(data_dir: &std::path::Path, lang: Lang) -> Result<Vec<history::Entry>, i32> {
    let words = &i18n::strings(lang).cli;
    match history::read_all(data_dir) {
        Ok((entries, skipped)) => {
            for s in &skipped {
                super::say(&skipped_note(s, lang));
            }
            Ok(entries)
        }
        Err(history::ReadAllError::DataDirNotADirectory) => {
            let dir = sanitize_line(&data_dir.display().to_string());
            super::say(&i18n::fill(words.data_dir_not_dir, &[("dir", &dir)]));
            Err(EXIT_FAILURE)
        }
        Err(history::ReadAllError::Io(dir, e)) => {
            let dir = sanitize_line(&dir.display().to_string());
            super::say(&format!(
                "{}: {}",
                i18n::fill(words.cannot_read, &[("file", &dir)]),
                i18n::io_error(&e, lang)
            ));
            Err(EXIT_FAILURE)
        }
    }
}

/// "warning: skipped FILE: why", in `lang` (the reason itself is the history loader's).
pub fn skipped_note(s: &history::Skipped, lang: Lang) -> String {
    i18n::fill(
        i18n::strings(lang).cli.skipped,
        &[
            ("file", &sanitize_line(&s.path.display().to_string())),
            ("reason", &sanitize_line(&s.reason)),
        ],
    )
}
