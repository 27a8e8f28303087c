//! `triage resume`: which session, and the tree it was on (by id, else by the file it was opened
//! from; never another tree).

use crate::tree::Lang;

/// The absolute path of the tree file `--tree` names, when it names a file (not an id).
pub fn tree_file(choice: &str) -> Option<std::path::PathBuf> {
    super::names_a_file(choice)
        .then(|| std::path::absolute(choice).ok())
        .flatten()
}

/// The tree of session `n`, and its file to save in the record; or the exit code after saying
/// why not. Only the session's own tree will do: its answers replayed in another tree would mean
/// something else, and saving them back would mix two trees in one history entry.
pub fn tree(
    cli: &super::Cli,
    n: usize,
    entry: &crate::history::Entry,
    lang: Lang,
) -> Result<(crate::tree::Tree, Option<std::path::PathBuf>), i32> {
    let words = &crate::i18n::strings(lang).cli;
    let want = &entry.record.session.tree_id;
    let saved_path = entry.record.tree_path.clone();
    let shown = |p: &std::path::Path| crate::text::sanitize_line(&p.display().to_string());
    if let Some(choice) = cli.tree.as_deref() {
        let tree = super::pick_tree(Some(choice), lang)?;
        if tree.id != *want {
            super::say(&crate::i18n::fill(
                words.resume_other_tree,
                &[
                    ("n", &n.to_string()),
                    ("want", &crate::text::sanitize_line(want)),
                    ("got", &crate::text::sanitize_line(&tree.id)),
                ],
            ));
            return Err(super::EXIT_USAGE);
        }
        return Ok((tree, tree_file(choice).or(saved_path)));
    }
    // The file the session was opened from first: a tree of the catalog may have the same id
    // and other questions. Then by id (the embedded tree, the user's trees).
    let gone = match &saved_path {
        // A file that cannot be read (permissions) is reported by the loader, not taken as gone.
        Some(path)
            if !std::fs::metadata(path)
                .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) =>
        {
            let tree = crate::tree::load_path(path)
                .map_err(|e| super::pick_failed(crate::catalog::PickError::Invalid(e), lang))?;
            if tree.id != *want {
                super::say(&crate::i18n::fill(
                    words.resume_tree_changed,
                    &[
                        ("n", &n.to_string()),
                        ("tree", &crate::text::sanitize_line(want)),
                        ("found", &crate::text::sanitize_line(&tree.id)),
                        ("file", &shown(path)),
                    ],
                ));
                return Err(super::EXIT_FAILURE);
            }
            return Ok((tree, saved_path));
        }
        other => other.clone(),
    };
    let (known, problems) = crate::catalog::discover(&super::tree_dirs(lang));
    if let Some(found) = known.iter().find(|e| e.id == *want) {
        let tree = match &found.path {
            None => crate::tree::embedded(),
            Some(path) => crate::tree::load_path(path)
                .map_err(|e| super::pick_failed(crate::catalog::PickError::Invalid(e), lang))?,
        };
        // Another file than the session's: the same id, maybe other questions. Said, so that
        // an answer that now means something else is no surprise.
        if let Some(gone) = &gone {
            let found_at = found
                .path
                .as_deref()
                .map_or_else(|| words.built_in_tree.to_string(), shown);
            super::say(&crate::i18n::fill(
                words.resume_tree_moved,
                &[
                    ("n", &n.to_string()),
                    ("file", &shown(gone)),
                    ("tree", &crate::text::sanitize_line(want)),
                    ("found", &found_at),
                ],
            ));
        }
        return Ok((tree, found.path.clone()));
    }
    match gone {
        Some(path) => {
            super::say(&crate::i18n::fill(
                words.resume_tree_gone,
                &[
                    ("n", &n.to_string()),
                    ("tree", &crate::text::sanitize_line(want)),
                    ("file", &shown(&path)),
                ],
            ));
            Err(super::EXIT_FAILURE)
        }
        None => Err(super::pick_failed(
            crate::catalog::PickError::Unknown {
                asked: want.clone(),
                known: known.into_iter().map(|e| e.id).collect(),
                problems,
            },
            lang,
        )),
    }
}

/// The history entry chosen for `resume` (`n`, or the newest that is no practice run, else
/// the newest) and its number, or the exit code after saying why not.
pub fn session(n: Option<usize>, lang: Lang) -> Result<(usize, crate::history::Entry), i32> {
    let words = &crate::i18n::strings(lang).cli;
    let Some(dir) = crate::paths::data_dir() else {
        super::say(words.no_data_dir);
        return Err(super::EXIT_FAILURE);
    };
    let entries = super::load_sessions(&dir, lang)?;
    // No number, and nothing but practice runs: say so before what the newest one offers.
    if n.is_none() && !entries.is_empty() && entries.iter().all(|e| e.record.practice.is_some()) {
        super::say(words.resume_only_practice);
    }
    let n = n.unwrap_or_else(|| {
        entries
            .iter()
            .position(|e| e.record.practice.is_none())
            .map_or(1, |i| i + 1)
    });
    match entries.into_iter().nth(n.saturating_sub(1)) {
        // A practice run is not resumed as a triage (it would open at the start, its rounds
        // gone): the same seed practises the same rounds again.
        Some(e) if n >= 1 && e.record.practice.is_some() => {
            let p = e.record.practice.clone().unwrap_or_default();
            // The same tree (by its file when it was opened by one), count and seed.
            let mut again = String::from("triage");
            match &e.record.tree_path {
                Some(path) => {
                    again.push_str(&format!(" --tree {}", super::shell_word(path.display())))
                }
                None if e.record.session.tree_id != crate::tree::embedded_id() => again.push_str(
                    &format!(" --tree {}", super::shell_word(&e.record.session.tree_id)),
                ),
                None => {}
            }
            // In the run's language, when it is not the one asked now.
            if e.record.session.lang != lang {
                again.push_str(&format!(" --lang {}", e.record.session.lang.code()));
            }
            again.push_str(" practice");
            // A retry's rounds are not dealt by a seed: the run it retried is.
            let (count, said) = match &p.retry {
                Some(retry) => (retry.count, words.resume_practice_retry),
                None => (p.count, words.resume_practice),
            };
            if count > 0 {
                again.push_str(&format!(" --count {count}"));
            }
            again.push_str(&format!(" --seed {}", p.seed));
            super::say(&crate::i18n::fill(
                said,
                &[
                    ("n", &n.to_string()),
                    ("score", &format!("{}/{}", p.correct(), p.rounds.len())),
                    ("again", &again),
                ],
            ));
            Err(super::EXIT_USAGE)
        }
        Some(e) if n >= 1 => Ok((n, e)),
        _ => {
            super::say(&crate::i18n::fill(
                words.no_session,
                &[("n", &n.to_string())],
            ));
            Err(super::EXIT_USAGE)
        }
    }
}
