//! `triage search` and `triage eval`.

use super::{EXIT_FAILURE, EXIT_USAGE};
use crate::fsutil::ReadError;
use crate::i18n;
use crate::search::eval::{self, Thresholds};
use crate::search::{Index, MAX_QUERY_BYTES};
use crate::text::sanitize_line;
use crate::theme::{Ink, Paint};
use crate::tree::{Lang, Tree};
use serde::Serialize;
use std::collections::HashSet;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

/// The query: the words given, or stdin when there are none or the only one is `-`. Reads at
/// most a little over the query limit, so a huge paste costs nothing.
fn query_text(words: &[String], lang: Lang) -> Result<String, String> {
    let s = &i18n::strings(lang).cli;
    if !(words.is_empty() || words.len() == 1 && words[0] == "-") {
        return Ok(words.join(" "));
    }
    let stdin = std::io::stdin();
    if words.is_empty() && stdin.is_terminal() {
        return Err(s.search_no_text.to_string());
    }
    // Only the end is kept (the search reads no more, and a log's newest lines are its last),
    // and a few bytes more, to know the text was longer.
    let keep = MAX_QUERY_BYTES + 4;
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut input = stdin.lock();
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(format!(
                    "{}: {}",
                    s.cannot_read_stdin,
                    i18n::io_error(&e, lang)
                ));
            }
        };
        buf.extend_from_slice(&chunk[..n]);
        if buf.len() > 2 * keep {
            buf.drain(..buf.len() - keep);
        }
    }
    if buf.len() > keep {
        buf.drain(..buf.len() - keep);
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    if crate::text::looks_binary(&text) {
        return Err(s.search_binary.to_string());
    }
    Ok(text)
}

/// One result in `--json` output, fields in this order.
#[derive(Serialize)]
struct JsonHit {
    id: String,
    title: String,
    score: f64,
    why: String,
    /// The first hit only: it is the answer (a good match, clearly ahead of the second).
    confident: bool,
    /// First hit only: it and the next one fit about equally.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    close: bool,
    /// First hit of a close call only: the tree's question that tells the first two apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    split: Option<JsonSplit>,
    /// First hit only: the query names a topic the tree does not cover.
    #[serde(skip_serializing_if = "Option::is_none")]
    not_covered: Option<JsonNotCovered>,
    /// First hit only: the query gives an error code the tree does not list (as typed).
    #[serde(skip_serializing_if = "Option::is_none")]
    unknown_code: Option<String>,
}

#[derive(Serialize)]
struct JsonNotCovered {
    topic: String,
    /// Where to read about it instead: the page's title and address.
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct JsonSplit {
    question_id: String,
    question: String,
    /// The answer toward each of the first two hits, in their order.
    answers: Vec<JsonSplitAnswer>,
}

#[derive(Serialize)]
struct JsonSplitAnswer {
    answer: String,
    leads_to: String,
}

/// The question that tells the first two hits of a close call apart, for JSON.
fn json_split(tree: &Tree, hits: &[crate::search::Hit], lang: Lang) -> Option<JsonSplit> {
    let [a, b, ..] = hits else {
        return None;
    };
    let split = crate::report::split_text(tree, &a.id, &b.id, lang)?;
    let answer = |label: String, id: &str| JsonSplitAnswer {
        answer: label,
        leads_to: crate::text::sanitize(id),
    };
    Some(JsonSplit {
        question_id: split.question_id,
        question: split.question,
        answers: vec![answer(split.toward_a, &a.id), answer(split.toward_b, &b.id)],
    })
}

fn leaf_title<'a>(tree: &'a Tree, id: &str, lang: Lang) -> &'a str {
    tree.leaf(id).map_or("", |l| l.title.get(lang))
}

/// A hit's `title` on one line, the words the query matched in it marked when `paint` is on
/// (as the search box marks them); without colour, the title as it is.
fn marked_title(title: &str, hit: &crate::search::Hit, paint: Paint) -> String {
    if !paint.is_on() {
        return sanitize_line(title);
    }
    crate::text::marked_pieces(title, &hit.marks(title))
        .into_iter()
        .map(|(piece, marked)| {
            let piece = sanitize_line(piece);
            if marked {
                paint.paint(Ink::Match, &piece)
            } else {
                piece
            }
        })
        .collect()
}

pub fn search(
    tree: &Tree,
    words: &[String],
    json: bool,
    top: usize,
    lang: Lang,
    paint: Paint,
    out: &mut impl Write,
) -> i32 {
    let s = &i18n::strings(lang).cli;
    let text = match query_text(words, lang) {
        Ok(t) => t,
        Err(e) => {
            super::say(&e);
            return EXIT_USAGE;
        }
    };
    if text.trim().is_empty() {
        super::say(s.nothing_to_search);
        return EXIT_USAGE;
    }
    let index = Index::build(tree);
    let results = index.search(&text, lang, top.max(1));
    if results.truncated || text.len() > MAX_QUERY_BYTES {
        super::say(&i18n::fill(
            s.query_cut,
            &[("kib", &(MAX_QUERY_BYTES / 1024).to_string())],
        ));
    }
    let not_covered = results.not_covered.and_then(|i| tree.not_covered.get(i));
    let written = if json {
        let items: Vec<JsonHit> = results
            .hits
            .iter()
            .enumerate()
            .map(|(i, h)| JsonHit {
                id: crate::text::sanitize(&h.id),
                title: crate::text::sanitize(leaf_title(tree, &h.id, lang)),
                score: (f64::from(h.score) * 1000.0).round() / 1000.0,
                why: crate::text::sanitize(&h.why),
                // Only the first hit can be the answer; a lower one never says it is.
                confident: i == 0 && results.confident,
                close: i == 0 && results.close,
                split: (i == 0 && results.close)
                    .then(|| json_split(tree, &results.hits, lang))
                    .flatten(),
                not_covered: not_covered.filter(|_| i == 0).map(|t| JsonNotCovered {
                    topic: crate::text::sanitize(t.topic.get(lang)),
                    title: t
                        .link
                        .as_ref()
                        .map(|l| crate::text::sanitize(l.title.get(lang))),
                    url: t.link.as_ref().map(|l| crate::text::sanitize(&l.url)),
                }),
                unknown_code: results
                    .unknown_code
                    .as_deref()
                    .filter(|_| i == 0)
                    .map(crate::text::sanitize),
            })
            .collect();
        super::write_json(out, &items)
    } else {
        (|| {
            if let Some(topic) = not_covered {
                let line = crate::app::not_covered_line(topic, lang);
                writeln!(out, "{}", paint.paint(Ink::Caution, &line))?;
                if let Some(read) = crate::app::read_instead_line(topic, lang) {
                    writeln!(out, "{read}")?;
                }
            } else if let Some(code) = results.unknown_code.as_deref() {
                let line = crate::app::unknown_code_line(code, lang);
                writeln!(out, "{}", paint.paint(Ink::Caution, &line))?;
            } else if !results.hits.is_empty() && !results.confident {
                let s = i18n::strings(lang);
                let caution = match (results.close, results.hits.len()) {
                    (true, 1) => s.search_close_call_one,
                    (true, _) => s.search_close_call,
                    (false, _) => s.search_weak_match,
                };
                writeln!(out, "{}", paint.paint(Ink::Caution, caution))?;
            }
            let width = results
                .hits
                .iter()
                .map(|h| crate::text::width(&h.id))
                .max()
                .unwrap_or(0)
                .min(40);
            for (i, h) in results.hits.iter().enumerate() {
                // The id bold, its padding not: the columns stay where they were.
                let id = sanitize_line(&h.id);
                let padded = format!("{id:<width$}");
                writeln!(
                    out,
                    "{}{}  {:>6.2}  {}",
                    paint.paint(Ink::Id, &id),
                    &padded[id.len()..],
                    h.score,
                    marked_title(leaf_title(tree, &h.id, lang), h, paint)
                )?;
                if !h.why.is_empty() {
                    let why = paint.paint(Ink::Dim, &sanitize_line(&h.why));
                    writeln!(out, "{:<width$}          {why}", "")?;
                }
                // A close call is settled by reading: the first results say what they are about.
                if results.close
                    && i < crate::report::CLOSE_CALL_SHOWN
                    && let Some(leaf) = tree.leaf(&h.id)
                {
                    let said =
                        crate::report::compare_line(leaf, lang, crate::report::COMPARE_WIDTH);
                    writeln!(out, "{:<width$}          {said}", "")?;
                }
            }
            if results.close
                && let [a, b, ..] = results.hits.as_slice()
                && let Some([question, toward_a, toward_b]) =
                    crate::report::split_lines(tree, &a.id, &b.id, lang)
            {
                writeln!(out, "{question}")?;
                writeln!(out, "  {toward_a}")?;
                writeln!(out, "  {toward_b}")?;
            }
            Ok(())
        })()
    };
    if written.is_err() {
        return EXIT_FAILURE;
    }
    if results.hits.is_empty() {
        match not_covered {
            // JSON has no hit to carry the topic: it goes with the notes, on stderr.
            Some(topic) if json => {
                super::say(&crate::app::not_covered_line(topic, lang));
                if let Some(read) = crate::app::read_instead_line(topic, lang) {
                    super::say(&read);
                }
            }
            Some(_) => {}
            None if !json => super::say(s.nothing_matches),
            None => {}
        }
        return EXIT_FAILURE;
    }
    0
}

/// Query files are hand-written lists of a few hundred queries; each one is searched.
const MAX_QUERY_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A `--min-*` threshold: an accuracy, from 0 to 1. NaN is refused: every comparison with it is
/// false, so it would pass any report.
pub(super) fn fraction(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("must be a number from 0 to 1 (an accuracy, e.g. 0.85)".to_string()),
    }
}

pub fn eval(
    tree: &Tree,
    file: &Path,
    top_k: usize,
    thresholds: Thresholds,
    lang: Lang,
    out: &mut impl Write,
) -> i32 {
    let s = &i18n::strings(lang).cli;
    let shown = sanitize_line(&file.display().to_string());
    let cannot_read = |why: &str| {
        super::say(&format!(
            "{}: {why}",
            i18n::fill(s.cannot_read, &[("file", &shown)])
        ));
        EXIT_USAGE
    };
    // Read with a bound and never opened unless regular: `/dev/zero` would fill the memory, a
    // FIFO nobody writes to would block forever.
    let bytes = match crate::fsutil::read_limited(file, MAX_QUERY_FILE_BYTES) {
        Ok(b) => b,
        Err(ReadError::Io(e)) => return cannot_read(&i18n::io_error(&e, lang)),
        Err(e @ ReadError::NotAFile) => return cannot_read(&e.to_string()),
        Err(ReadError::TooLarge { len }) => {
            return cannot_read(&format!(
                "{len} bytes; query files are limited to {} MiB",
                MAX_QUERY_FILE_BYTES / 1024 / 1024
            ));
        }
    };
    let not_a_query_file = |why: &str| {
        super::say(&format!(
            "{}: {}",
            i18n::fill(s.not_a_query_file, &[("file", &shown)]),
            sanitize_line(why)
        ));
        EXIT_USAGE
    };
    let Ok(json) = String::from_utf8(bytes) else {
        return not_a_query_file("the file is not valid UTF-8 text");
    };
    let cases = match eval::parse_cases(&json) {
        Ok(c) => c,
        Err(e) => return not_a_query_file(&e),
    };
    let index = Index::build(tree);
    let known: HashSet<&str> = tree.leaves().map(|(id, _)| id).collect();
    let report = eval::run(&index, &cases, top_k, &known);
    let rendered = report.render();
    // The verdict does not depend on the report being read (`eval ... | head` in CI).
    for line in rendered.lines() {
        if writeln!(out, "{}", sanitize_line(line)).is_err() {
            break;
        }
    }
    let failures = report.failures(&thresholds);
    for f in &failures {
        super::say(&format!("{}: {}", s.eval_failed, sanitize_line(f)));
    }
    if failures.is_empty() { 0 } else { EXIT_FAILURE }
}
