//! `triage check`: validate tree files, optionally with depth statistics.

use super::EXIT_FAILURE;
use crate::tree::{self, Tree};
use std::io::Write;
use std::path::PathBuf;

pub fn run(files: &[PathBuf], stats: bool, out: &mut impl Write) -> i32 {
    let mut failed = 0;
    let mut report = |name: &str, result: Result<Tree, Vec<tree::Diagnostic>>| {
        // A file name may hold anything, escape sequences included.
        let name = crate::text::sanitize_line(name);
        match result {
            Ok(t) => {
                let _ = writeln!(
                    out,
                    "{name}: ok ({})",
                    counted(&[
                        (t.leaves().count(), "leaf", "leaves"),
                        (t.questions().count(), "question", "questions"),
                    ])
                );
                if stats {
                    let _ = write!(out, "{}", depth_stats(&t));
                }
            }
            Err(errors) => {
                failed += 1;
                for e in &errors {
                    eprint!("{e}");
                }
                eprintln!(
                    "{name}: {} error{}",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                );
            }
        }
    };
    if files.is_empty() {
        report(
            tree::EMBEDDED_NAME,
            tree::load_str(tree::EMBEDDED_NAME, tree::EMBEDDED_SOURCE),
        );
    }
    for f in files {
        report(&f.display().to_string(), tree::load_path(f));
    }
    if failed > 0 { EXIT_FAILURE } else { 0 }
}

/// Depth of a leaf: how many answers the shortest way from the start takes.
pub fn leaf_depths(tree: &Tree) -> Vec<(String, usize)> {
    let depths = tree.depths();
    tree.leaves()
        .filter_map(|(id, _)| depths.get(id).map(|d| (id.to_string(), *d)))
        .collect()
}

fn depth_stats(tree: &Tree) -> String {
    let depths = leaf_depths(tree);
    if depths.is_empty() {
        return "  no reachable leaves\n".to_string();
    }
    let total: usize = depths.iter().map(|(_, d)| d).sum();
    let max = depths.iter().map(|(_, d)| *d).max().unwrap_or(0);
    let mut out = format!(
        "  depth (answers to reach a leaf): average {:.2}, max {max}\n",
        total as f64 / depths.len() as f64
    );
    for d in 1..=max {
        let at: Vec<&str> = depths
            .iter()
            .filter(|(_, x)| *x == d)
            .map(|(id, _)| id.as_str())
            .collect();
        if !at.is_empty() {
            out.push_str(&format!("  {d} answers: {:>3} leaves\n", at.len()));
        }
    }
    let deepest: Vec<&str> = depths
        .iter()
        .filter(|(_, x)| *x == max)
        .map(|(id, _)| id.as_str())
        .collect();
    out.push_str(&format!("  deepest: {}\n", deepest.join(", ")));
    out
}

/// "57 leaves, 1 question": numbers with their noun in the right number.
fn counted(items: &[(usize, &str, &str)]) -> String {
    items
        .iter()
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect::<Vec<_>>()
        .join(", ")
}
