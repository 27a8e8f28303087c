//! `triage check`: validate tree files, optionally with depth statistics.

use super::EXIT_FAILURE;
use crate::catalog::{self, Location};
use crate::i18n::{self, count, fill};
use crate::tree::{self, Lang, Tree};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `triage check`: the tree `--tree` names (`choice`), then `files` (a directory stands for the
/// `.ron` files in it); with neither, every tree triage can pick: the embedded one and the user's,
/// which must then have ids of their own.
pub fn run(
    choice: Option<&str>,
    files: &[PathBuf],
    stats: bool,
    lang: Lang,
    out: &mut impl Write,
) -> i32 {
    let s = &i18n::strings(lang).cli;
    let mut targets: Vec<Location> = Vec::new();
    if let Some(choice) = choice {
        match catalog::locate(Some(choice), &super::dirs_for(Some(choice), lang)) {
            Ok((location, _)) => targets.push(location),
            Err(e) => return super::pick_failed(e, lang),
        }
    }
    let everything = choice.is_none() && files.is_empty();
    if everything {
        targets.push(Location::Embedded);
        targets.extend(
            catalog::tree_files(&super::tree_dirs(lang))
                .into_iter()
                .map(Location::File),
        );
    }
    let mut empty_dirs = 0;
    // A directory stands for the `.ron` files in it (as `tree_dirs` are read), in name order.
    for f in files {
        match std::fs::read_dir(f) {
            Ok(entries) if f.is_dir() => {
                let mut rons: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
                    .collect();
                rons.sort();
                if rons.is_empty() {
                    let name = crate::text::sanitize_line(&f.display().to_string());
                    super::say_raw(&format!("{}\n", fill(s.no_trees_in_dir, &[("dir", &name)])));
                    empty_dirs += 1;
                }
                targets.extend(rons.into_iter().map(Location::File));
            }
            _ => targets.push(Location::File(f.clone())),
        }
    }
    let mut failed = empty_dirs;
    // The trees' ids and where each was first seen, when they must differ (the whole catalog).
    let mut ids: Vec<(String, Option<PathBuf>)> = Vec::new();
    for target in &targets {
        let (name, path, result) = match target {
            // Named as `triage trees` lists it: its source path is nowhere on the user's disk.
            Location::Embedded => {
                let result = tree::load_str(tree::EMBEDDED_NAME, tree::EMBEDDED_SOURCE);
                let id = result.as_ref().map_or("", |t| t.id.as_str());
                (
                    format!("{id} {}", s.embedded).trim().to_string(),
                    None,
                    result,
                )
            }
            // A file that cannot be opened is said in the user's language.
            Location::File(f) => (
                f.display().to_string(),
                Some(f),
                match super::unreadable(f, lang) {
                    Some(d) => Err(vec![d]),
                    None => crate::tree::load_path(f),
                },
            ),
        };
        let result = match result {
            Ok(t) if everything => match ids.iter().find(|(id, _)| *id == t.id) {
                Some((_, first)) => Err(vec![catalog::id_taken(
                    Path::new(&name),
                    &t.id,
                    first.as_deref(),
                )]),
                None => {
                    ids.push((t.id.clone(), path.cloned()));
                    Ok(t)
                }
            },
            other => other,
        };
        if !report(&name, result, stats, lang, out) {
            failed += 1;
        }
    }
    if failed > 0 { EXIT_FAILURE } else { 0 }
}

/// Prints the verdict on one tree (`name`: where it is): ok with its counts on `out`, or its
/// errors on stderr. True when it is valid.
fn report(
    name: &str,
    result: Result<Tree, Vec<tree::Diagnostic>>,
    stats: bool,
    lang: Lang,
    out: &mut impl Write,
) -> bool {
    let s = &i18n::strings(lang).cli;
    // A file name may hold anything, escape sequences included.
    let name = crate::text::sanitize_line(name);
    match result {
        Ok(t) => {
            let counts = format!(
                "{}, {}",
                count(t.leaves().count(), s.count_leaves),
                count(t.questions().count(), s.count_questions)
            );
            let _ = writeln!(
                out,
                "{}",
                fill(s.check_ok, &[("name", &name), ("counts", &counts)])
            );
            if stats {
                let _ = write!(out, "{}", depth_stats(&t, lang));
            }
            true
        }
        Err(errors) => {
            for e in &errors {
                super::say_raw(&e.to_string());
            }
            // Past the limit the last line only says the check stopped: not an error.
            let shown = errors.len().min(tree::validate::MAX_DIAGNOSTICS);
            super::say_raw(&format!("{name}: {}\n", count(shown, s.count_errors)));
            false
        }
    }
}

/// Depth of a leaf: how many answers the shortest way from the start takes.
pub fn leaf_depths(tree: &Tree) -> Vec<(String, usize)> {
    let depths = tree.depths();
    tree.leaves()
        .filter_map(|(id, _)| depths.get(id).map(|d| (id.to_string(), *d)))
        .collect()
}

fn depth_stats(tree: &Tree, lang: Lang) -> String {
    let s = &i18n::strings(lang).cli;
    let depths = leaf_depths(tree);
    if depths.is_empty() {
        return format!("  {}\n", s.no_reachable_leaves);
    }
    let total: usize = depths.iter().map(|(_, d)| d).sum();
    let max = depths.iter().map(|(_, d)| *d).max().unwrap_or(0);
    let mut out = format!(
        "  {}\n",
        fill(
            s.depth_summary,
            &[
                (
                    "average",
                    &format!("{:.2}", total as f64 / depths.len() as f64)
                ),
                ("max", &max.to_string()),
            ]
        )
    );
    for d in 1..=max {
        let at: Vec<&str> = depths
            .iter()
            .filter(|(_, x)| *x == d)
            .map(|(id, _)| id.as_str())
            .collect();
        if !at.is_empty() {
            let row = fill(
                s.depth_row,
                &[
                    ("answers", &d.to_string()),
                    ("leaves", &format!("{:>3}", at.len())),
                ],
            );
            out.push_str(&format!("  {row}\n"));
        }
    }
    let deepest: Vec<&str> = depths
        .iter()
        .filter(|(_, x)| *x == max)
        .map(|(id, _)| id.as_str())
        .collect();
    out.push_str(&format!("  {}: {}\n", s.deepest, deepest.join(", ")));
    out
}
