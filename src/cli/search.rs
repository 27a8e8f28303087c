//! `triage search` and `triage eval`.

use super::{EXIT_FAILURE, EXIT_USAGE};
use crate::i18n;
use crate::search::eval::{self, Thresholds};
use crate::search::{Index, MAX_QUERY_BYTES};
use crate::text::sanitize_line;
use crate::tree::{Lang, Tree};
use serde::Serialize;
use std::collections::HashSet;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

/// The query: the words given, or stdin when there are none or the only one is `-`. Reads at
/// most a little over the query limit, so a huge paste costs nothing.
fn query_text(words: &[String]) -> Result<String, String> {
    if !(words.is_empty() || words.len() == 1 && words[0] == "-") {
        return Ok(words.join(" "));
    }
    let stdin = std::io::stdin();
    if words.is_empty() && stdin.is_terminal() {
        return Err("give the text to search, or pipe it on stdin".to_string());
    }
    let mut buf = Vec::new();
    stdin
        .lock()
        .take(MAX_QUERY_BYTES as u64 + 4)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// One result in `--json` output, fields in this order.
#[derive(Serialize)]
struct JsonHit {
    id: String,
    title: String,
    score: f64,
    why: String,
    /// This hit is a good match (false: "nothing matches well").
    confident: bool,
}

fn leaf_title<'a>(tree: &'a Tree, id: &str, lang: Lang) -> &'a str {
    tree.leaf(id).map_or("", |l| l.title.get(lang))
}

pub fn search(
    tree: &Tree,
    words: &[String],
    json: bool,
    top: usize,
    lang: Lang,
    out: &mut impl Write,
) -> i32 {
    let text = match query_text(words) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("triage: {e}");
            return EXIT_USAGE;
        }
    };
    if text.trim().is_empty() {
        eprintln!("triage: nothing to search for");
        return EXIT_USAGE;
    }
    let index = Index::build(tree);
    let results = index.search(&text, lang, top.max(1));
    if results.truncated || text.len() > MAX_QUERY_BYTES {
        eprintln!(
            "triage: the query is long; only its first {} KiB were searched",
            MAX_QUERY_BYTES / 1024
        );
    }
    let written = if json {
        let items: Vec<JsonHit> = results
            .hits
            .iter()
            .map(|h| JsonHit {
                id: crate::text::sanitize(&h.id),
                title: crate::text::sanitize(leaf_title(tree, &h.id, lang)),
                score: (f64::from(h.score) * 1000.0).round() / 1000.0,
                why: crate::text::sanitize(&h.why),
                confident: h.confident,
            })
            .collect();
        super::write_json(out, &items)
    } else {
        (|| {
            if !results.hits.is_empty() && !results.confident {
                writeln!(out, "{}", i18n::strings(lang).search_weak_match)?;
            }
            let width = results
                .hits
                .iter()
                .map(|h| crate::text::width(&h.id))
                .max()
                .unwrap_or(0)
                .min(40);
            for h in &results.hits {
                writeln!(
                    out,
                    "{:<width$}  {:>6.2}  {}",
                    sanitize_line(&h.id),
                    h.score,
                    sanitize_line(leaf_title(tree, &h.id, lang))
                )?;
                if !h.why.is_empty() {
                    writeln!(out, "{:<width$}          {}", "", sanitize_line(&h.why))?;
                }
            }
            Ok(())
        })()
    };
    if written.is_err() {
        return EXIT_FAILURE;
    }
    if results.hits.is_empty() {
        if !json {
            eprintln!("triage: nothing matches");
        }
        return EXIT_FAILURE;
    }
    0
}

pub fn eval(
    tree: &Tree,
    file: &Path,
    top_k: usize,
    thresholds: Thresholds,
    out: &mut impl Write,
) -> i32 {
    let shown = sanitize_line(&file.display().to_string());
    let json = match std::fs::read_to_string(file) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("triage: cannot read {shown}: {e}");
            return EXIT_USAGE;
        }
    };
    let cases = match eval::parse_cases(&json) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("triage: {shown} is not a query file: {}", sanitize_line(&e));
            return EXIT_USAGE;
        }
    };
    let index = Index::build(tree);
    let known: HashSet<&str> = tree.leaves().map(|(id, _)| id).collect();
    let report = eval::run(&index, &cases, top_k, &known);
    let rendered = report.render();
    for line in rendered.lines() {
        if writeln!(out, "{}", sanitize_line(line)).is_err() {
            return EXIT_FAILURE;
        }
    }
    let failures = report.failures(&thresholds);
    for f in &failures {
        eprintln!("triage: eval failed: {}", sanitize_line(f));
    }
    if failures.is_empty() { 0 } else { EXIT_FAILURE }
}
