//! `triage trees` and `triage history`.

use super::EXIT_FAILURE;
use crate::catalog;
use crate::history;
use crate::text::sanitize_line;
use crate::transcript::SessionStep;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

pub fn trees(dirs: &[PathBuf], json: bool, out: &mut impl Write) -> i32 {
    let (entries, problems) = catalog::discover(dirs);
    for p in &problems {
        eprint!("{p}");
    }
    let written = if json {
        let items: Vec<_> = entries
            .iter()
            .map(|e| {
                json!({
                    "id": crate::text::sanitize(&e.id),
                    "title": crate::text::sanitize(&e.title),
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
                .unwrap_or_else(|| "(embedded)".to_string());
            writeln!(
                out,
                "{:<20}  {}  {}",
                sanitize_line(&e.id),
                sanitize_line(&e.title),
                origin
            )
        })
    };
    if written.is_err() { EXIT_FAILURE } else { 0 }
}

/// One line per session: number, start, tree, where it ended.
pub fn list(json: bool, out: &mut impl Write) -> i32 {
    let Some(dir) = crate::paths::data_dir() else {
        eprintln!("triage: no data directory on this system; set TRIAGE_DATA_DIR");
        return EXIT_FAILURE;
    };
    let (entries, skipped) = history::load_all(&dir);
    for s in &skipped {
        eprintln!(
            "triage: warning: skipped {}: {}",
            sanitize_line(&s.path.display().to_string()),
            s.reason
        );
    }
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
        writeln!(out, "no sessions yet ({})", dir.display())
    } else {
        entries.iter().enumerate().try_for_each(|(i, e)| {
            let s = &e.record.session;
            let ended_on = s
                .steps
                .iter()
                .rev()
                .find_map(|step| match step {
                    SessionStep::Reached { leaf, title, .. } => Some(format!("{leaf}  {title}")),
                    _ => None,
                })
                .unwrap_or_else(|| {
                    // The question's own words, while the tree still has it.
                    let question = crate::tree::embedded_id()
                        .eq(&s.tree_id)
                        .then(crate::tree::embedded)
                        .and_then(|t| {
                            t.question(&s.current)
                                .map(|q| q.text.get(s.lang).to_string())
                        })
                        .unwrap_or_else(|| s.current.clone());
                    format!("at: {question}")
                });
            let answers = s
                .steps
                .iter()
                .filter(|x| matches!(x, SessionStep::Answered { .. }))
                .count();
            let practice = e
                .record
                .practice
                .as_ref()
                .map(|p| format!("  [practice {}/{}]", p.correct(), p.rounds.len()))
                .unwrap_or_default();
            writeln!(
                out,
                "{:>3}  {}  {}  {} {}  {}{}",
                i + 1,
                sanitize_line(&s.started),
                sanitize_line(&s.tree_id),
                answers,
                if answers == 1 { "answer" } else { "answers" },
                sanitize_line(&ended_on),
                practice
            )
        })
    };
    if written.is_err() { EXIT_FAILURE } else { 0 }
}
