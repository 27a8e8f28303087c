//! Plain-text and JSON forms of leaves and paths, shared by `show`, the quit summary and
//! transcripts. All tree text passes through `sanitize`: no raw control characters get out.

use crate::fill::Values;
use crate::i18n::strings;
use crate::text::{sanitize, sanitize_line};
use crate::theme::{Ink, Paint};
use crate::tree::{Lang, Leaf, Node, Tree};
use serde_json::{Value, json};

/// How many results of a close call show [`compare_line`].
pub const CLOSE_CALL_SHOWN: usize = 3;

/// What a close call's results are compared by, on one line of at most `max` columns: the
/// leaf's error message in quotes, or, for a section that quotes none, its cause.
pub fn compare_line(leaf: &Leaf, lang: Lang, max: usize) -> String {
    let said = match leaf.errors.first() {
        Some(message) => format!("\"{}\"", sanitize_line(message.get(lang))),
        None => sanitize_line(leaf.cause.get(lang)),
    };
    crate::text::truncate(&said, max)
}

/// The question that tells two leaves apart, in words: its id and text, and the label of the
/// answer toward each leaf (sanitized).
pub struct SplitText {
    pub question_id: String,
    pub question: String,
    pub toward_a: String,
    pub toward_b: String,
}

/// [`Tree::split_between`] of `a` and `b`, in `lang`.
pub fn split_text(tree: &Tree, a: &str, b: &str, lang: Lang) -> Option<SplitText> {
    let split = tree.split_between(a, b)?;
    let question = tree.question(split.question)?;
    let label = |i: usize| sanitize_line(question.answers.get(i).map_or("", |a| a.label.get(lang)));
    Some(SplitText {
        question_id: sanitize_line(split.question),
        question: sanitize_line(question.text.get(lang)),
        toward_a: label(split.toward_a),
        toward_b: label(split.toward_b),
    })
}

/// The question that tells the first two results `a` and `b` of a close call apart, and the
/// answer toward each: `[question line, answer toward a, answer toward b]`.
pub fn split_lines(tree: &Tree, a: &str, b: &str, lang: Lang) -> Option<[String; 3]> {
    let s = strings(lang);
    let split = split_text(tree, a, b, lang)?;
    let answer = |label: &str, id: &str| {
        crate::i18n::fill(
            s.split_answer,
            &[("answer", label), ("id", &sanitize_line(id))],
        )
    };
    Some([
        crate::i18n::fill(s.split_question, &[("question", &split.question)]),
        answer(&split.toward_a, a),
        answer(&split.toward_b, b),
    ])
}

/// The width of [`compare_line`] where no screen sets it (the CLI, plain mode): enough to tell
/// messages apart.
pub const COMPARE_WIDTH: usize = 120;

/// The leaf as readable text (no colour, no wrapping: the terminal or the ticket wraps it), its
/// commands with `values` put in for their placeholders.
pub fn leaf_text(id: &str, leaf: &Leaf, lang: Lang, values: &Values) -> String {
    leaf_text_painted(id, leaf, lang, values, Paint::default())
}

/// [`leaf_text`] with `paint`'s colours (`triage show` on a terminal): headings, labels and step
/// numbers bold, the id bold, commands green line by line, their `[shell]` labels dim. Without
/// its SGR codes it is [`leaf_text`] byte for byte.
pub fn leaf_text_painted(
    id: &str,
    leaf: &Leaf,
    lang: Lang,
    values: &Values,
    paint: Paint,
) -> String {
    let s = strings(lang);
    let heading = |text: &str| paint.paint(Ink::Heading, text);
    let mut out = String::new();
    out.push_str(&format!(
        "{}  {}\n",
        paint.paint(Ink::Id, &sanitize_line(id)),
        sanitize_line(leaf.title.get(lang))
    ));
    out.push_str(&format!(
        "{}: {}\n",
        heading(s.applies_to),
        os_names(leaf, lang)
    ));
    if !leaf.codes.is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            heading(s.error_codes),
            sanitize_line(&leaf.codes.join(", "))
        ));
    }
    if !leaf.errors.is_empty() {
        out.push_str(&format!("\n{}\n", heading(s.error_message)));
        for e in &leaf.errors {
            out.push_str(&indent(&sanitize(e.get(lang)), "  "));
        }
    }
    out.push_str(&format!("\n{}\n", heading(s.cause)));
    out.push_str(&indent(&sanitize(leaf.cause.get(lang)), "  "));
    out.push_str(&format!("\n{}\n", heading(s.steps)));
    for (n, step) in leaf.steps.iter().enumerate() {
        // ` 1. `: the number right-aligned in two columns, bold without its padding.
        let number = format!("{}.", n + 1);
        let pad = " ".repeat(3usize.saturating_sub(number.len()));
        let body = sanitize(&values.fill(step.get(lang)));
        let mut lines = body.lines();
        out.push_str(&format!(
            "{pad}{} {}\n",
            heading(&number),
            lines.next().unwrap_or("")
        ));
        for l in lines {
            out.push_str(&format!("    {l}\n"));
        }
        for c in &step.run {
            let label = format!("[{}]", crate::i18n::shell_label(c, lang));
            out.push_str(&format!("    {}\n", paint.paint(Ink::Dim, &label)));
            // Each line of the command in colour after its indent: the codes never fall inside
            // the command's text.
            for line in sanitize(&values.fill(c.code())).lines() {
                out.push_str(&format!("      {}\n", paint.paint(Ink::Code, line)));
            }
        }
    }
    if !leaf.links.is_empty() {
        out.push_str(&format!("\n{}\n", heading(s.links)));
        for link in &leaf.links {
            out.push_str(&format!(
                "  - {}: {}\n",
                sanitize_line(link.title.get(lang)),
                sanitize_line(&link.url)
            ));
        }
    }
    if !leaf.see_also.is_empty() {
        out.push_str(&format!(
            "\n{}: {}\n",
            heading(s.see_also),
            sanitize_line(&leaf.see_also.join(", "))
        ));
    }
    out
}

/// The systems a fix applies to, or "any OS".
pub fn os_names(leaf: &Leaf, lang: Lang) -> String {
    if leaf.os.is_empty() {
        strings(lang).any_os.to_string()
    } else {
        leaf.os
            .iter()
            .map(|o| o.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn indent(text: &str, pad: &str) -> String {
    text.lines().map(|l| format!("{pad}{l}\n")).collect()
}

/// What stays in the scrollback after quitting on a leaf: id, title, the commands (filled in
/// with `values`) and links.
pub fn quit_summary(id: &str, leaf: &Leaf, lang: Lang, values: &Values) -> String {
    let s = strings(lang);
    let mut out = format!(
        "{}  {}\n",
        sanitize_line(id),
        sanitize_line(leaf.title.get(lang))
    );
    for c in leaf.commands() {
        out.push_str(&format!("[{}]\n", crate::i18n::shell_label(c, lang)));
        out.push_str(&indent(&sanitize(&values.fill(c.code())), "  "));
    }
    if !leaf.links.is_empty() {
        out.push_str(&format!("{}:\n", s.links));
        for link in &leaf.links {
            out.push_str(&format!("  {}\n", sanitize_line(&link.url)));
        }
    }
    out
}

fn os_ids(os: &[crate::tree::Os]) -> Vec<&'static str> {
    os.iter().map(|o| o.name()).collect()
}

/// The leaf as JSON for scripts, its commands filled in with `values`.
pub fn leaf_json(id: &str, leaf: &Leaf, lang: Lang, values: &Values) -> Value {
    let clean = |s: &str| sanitize(s);
    json!({
        "id": clean(id),
        "lang": lang.code(),
        "title": clean(leaf.title.get(lang)),
        "errors": leaf.errors.iter().map(|e| clean(e.get(lang))).collect::<Vec<_>>(),
        "cause": clean(leaf.cause.get(lang)),
        // A step's systems (none: any), on its commands too: a script picks the Linux ones.
        "steps": leaf.steps.iter().map(|s| json!({
            "text": clean(&values.fill(s.get(lang))),
            "os": os_ids(&s.os),
            "commands": s.run.iter().map(|c| json!({"shell": c.shell_id(), "code": clean(&values.fill(c.code())), "os": os_ids(&s.os)})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "commands": leaf.steps.iter().flat_map(|s| s.run.iter().map(move |c| json!({"shell": c.shell_id(), "code": clean(&values.fill(c.code())), "os": os_ids(&s.os)}))).collect::<Vec<_>>(),
        "links": leaf.links.iter().map(|l| json!({"title": clean(l.title.get(lang)), "url": clean(&l.url)})).collect::<Vec<_>>(),
        "os": os_ids(&leaf.os),
        "codes": leaf.codes.iter().map(|c| clean(c)).collect::<Vec<_>>(),
        "keywords": leaf.keywords.iter().map(|c| clean(c)).collect::<Vec<_>>(),
        "see_also": leaf.see_also.iter().map(|c| clean(c)).collect::<Vec<_>>(),
    })
}

/// One step of a path: the question asked and the answer that leads on.
pub struct PathStep {
    pub question_id: String,
    pub question: String,
    pub answer: String,
    pub why: Option<String>,
}

/// The shortest way of answers from the start to `id`, in `lang`.
pub fn path_steps(tree: &Tree, id: &str, lang: Lang) -> Option<Vec<PathStep>> {
    let path = tree.path_to(id)?;
    Some(trail_steps(tree, path.iter().map(|(q, a)| (*q, *a)), lang))
}

/// The steps of a trail as given (question id, answer index): the path a session really took,
/// which a search may have chosen over the shortest one.
pub fn trail_steps<'a>(
    tree: &Tree,
    trail: impl IntoIterator<Item = (&'a str, usize)>,
    lang: Lang,
) -> Vec<PathStep> {
    trail
        .into_iter()
        .filter_map(|(qid, answer)| match tree.node(qid) {
            Some(Node::Question(q)) => q.answers.get(answer).map(|a| PathStep {
                question_id: qid.to_string(),
                question: q.text.get(lang).to_string(),
                answer: a.label.get(lang).to_string(),
                why: q.why.as_ref().map(|w| w.get(lang).to_string()),
            }),
            _ => None,
        })
        .collect()
}

/// The path as numbered lines: `1. Question -> Answer`.
pub fn path_text(steps: &[PathStep]) -> String {
    steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "{:>2}. {}\n    -> {}\n",
                i + 1,
                sanitize_line(&s.question),
                sanitize_line(&s.answer)
            )
        })
        .collect()
}

/// The score of a practice run as lines for the scrollback: the score, then each round (ok,
/// close or miss, the fix asked for, and what there is to say of the round).
pub fn practice_summary(tree: &Tree, score: &crate::practice::Score, lang: Lang) -> String {
    let mut out = format!("{}\n", score.summary(lang));
    for (i, r) in score.rounds.iter().enumerate() {
        let title = tree
            .leaf(&r.target)
            .map(|l| l.title.get(lang))
            .unwrap_or("");
        let note = crate::practice::round_note(r, lang)
            .map(|note| format!(" ({note})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:>3}. {} {}  {}{note}\n",
            i + 1,
            crate::practice::round_mark(r, lang),
            sanitize_line(&r.target),
            sanitize_line(title)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` without its SGR sequences (`ESC [ ... m`).
    fn without_sgr(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("\x1b[") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let end = after.find('m').expect("an SGR sequence ends with m");
            assert!(
                after[..end].chars().all(|c| c.is_ascii_digit() || c == ';'),
                "{:?}",
                &after[..end]
            );
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Colour only adds SGR codes around whole segments: without them every fix reads as the
    /// uncoloured text, byte for byte, and every line of a command is coloured on its own
    /// (from its first character to its last, nothing inside).
    #[test]
    fn painted_leaf_text_is_the_plain_text_plus_codes_around_whole_lines() {
        let tree = crate::tree::embedded();
        let mut values = Values::default();
        values.set("VMName", "vm-01").unwrap();
        for lang in [Lang::En, Lang::Ko] {
            for (id, leaf) in tree.leaves() {
                let plain = leaf_text(id, leaf, lang, &values);
                assert!(!plain.contains('\x1b'), "{id}");
                let painted = leaf_text_painted(id, leaf, lang, &values, Paint::new(true));
                assert_eq!(without_sgr(&painted), plain, "{id}");
                assert!(
                    painted.starts_with(&format!("\x1b[1m{id}\x1b[0m  ")),
                    "{id}"
                );
                for c in leaf.commands() {
                    for line in sanitize(&values.fill(c.code())).lines() {
                        if !line.is_empty() {
                            let whole = format!("      \x1b[32m{line}\x1b[0m\n");
                            assert!(painted.contains(&whole), "{id}: {line:?}");
                        }
                    }
                }
            }
        }
    }
}
