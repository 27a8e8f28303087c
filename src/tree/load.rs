//! Reading a tree file: size and nesting limits, RON parsing with positions, Unicode NFC.

use super::diagnostic::Diagnostic;
use super::schema::Tree;
use ron::extensions::Extensions;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Brackets nested deeper than this are refused before parsing (a real tree needs about 8).
pub const MAX_NESTING: usize = 1000;

/// Parses `src` into a tree, or returns the syntax/schema error with its position.
pub fn parse(file: &str, src: &str) -> Result<Tree, Diagnostic> {
    // RON would say "expected opening `(`", which sends the author looking for a bracket.
    if super::without_bom(src).trim().is_empty() {
        return Err(Diagnostic::new(file, "the file is empty").help(
            "a tree file holds `Tree(id: ..., title: ..., start: ..., nodes: {...})`: see \
             docs/tree-format.md, or start from a copy of trees/azure-vm-backup.ron",
        ));
    }
    if src.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::new(
            file,
            format!(
                "file is {} bytes; trees are limited to {} bytes (10 MiB)",
                src.len(),
                MAX_FILE_BYTES
            ),
        )
        .help("split the tree into several files, one per product or topic"));
    }
    if let Some(offset) = too_deep(src) {
        return Err(Diagnostic::new(
            file,
            format!("brackets are nested deeper than {MAX_NESTING} levels"),
        )
        .at_offset(src, offset)
        .help("a tree needs only a few levels of nesting; is this file really a tree?"));
    }
    let mut tree: Tree = from_ron(file, src)?;
    normalize(&mut tree);
    Ok(tree)
}

/// Any RON document of ours (trees, the config file), with errors placed and explained.
pub(crate) fn from_ron<T: serde::de::DeserializeOwned>(
    file: &str,
    src: &str,
) -> Result<T, Diagnostic> {
    let options = ron::Options::default()
        .with_default_extension(Extensions::UNWRAP_VARIANT_NEWTYPES | Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING);
    options.from_str(src).map_err(|e| {
        let (message, help) = explain(&e.code);
        let parsed_to = past_whitespace(src, e.span.start.line, e.span.start.col);
        // RON finds a comma missing at the next field, maybe lines later; it belongs right
        // after the value before.
        let at = match e.code {
            ron::Error::ExpectedComma => end_of_value_before(src, parsed_to),
            _ => parsed_to,
        };
        let mut d = Diagnostic::new(file, message).at_offset(src, at);
        let open_string = open_string_before(src, parsed_to);
        if let Some(open) = open_string {
            d = d.hint_at(src, open, open_string_hint(src, open));
        }
        // A file cut short (a copy or a download that stopped) leaves brackets or a string open
        // at its end: say so rather than what RON expected next. (A string left open inside
        // the file unbalances what follows: the hint names it.)
        let help = match help {
            Some(h) if h == SYNTAX_HELP && open_string.is_none() => cut_short(src, parsed_to)
                .or_else(|| node_left_open(src, &e.code, parsed_to))
                .or(Some(h)),
            other => other,
        };
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    })
}

/// When RON wanted a field's name at byte `at` and found the start of a node (`"oom-killer":
/// Leaf(`), the help: the node before is still open, its `)` missing after its last field.
fn node_left_open(src: &str, code: &ron::Error, at: usize) -> Option<String> {
    if !matches!(code, ron::Error::ExpectedIdentifier) {
        return None;
    }
    let rest = src.get(at..)?.strip_prefix('"')?;
    let name_end = rest.find(['"', '\n'])?;
    let after = rest[name_end..].strip_prefix('"')?.trim_start();
    let kind = after.strip_prefix(':')?.trim_start();
    let starts_node = ["Leaf", "Question"].iter().any(|k| {
        kind.strip_prefix(k)
            .is_some_and(|r| r.trim_start().starts_with('('))
    });
    if !starts_node {
        return None;
    }
    let (line, _) = super::diagnostic::line_column(src, end_of_value_before(src, at));
    Some(format!(
        "node \"{}\" starts here, but the node before it is still open: it may be missing its \
         closing `)` after line {line}",
        crate::text::sanitize_line(&rest[..name_end])
    ))
}

/// Lines before a syntax error's line where a string left open is looked for.
const OPEN_STRING_LOOKBACK: usize = 3;

/// Where a string that may lack its closing quote opens, for a syntax error RON found at byte
/// `error`. Such a string runs on to the next quote, the opening one of the next string, so
/// everything after reads inside out and RON stumbles there, on a correct line. Hence the last
/// string literal that opens on one of the few lines before the error's line, runs on past its
/// own line (an odd number of quotes there, escapes and raw strings minded: the scan reads them
/// as RON does) and ends on the error's line or the line before, if any; or the string that
/// ends right where the error is and holds the start of the next field (`, ko: `).
fn open_string_before(src: &str, error: usize) -> Option<usize> {
    use super::scan::{Token, scan};
    use std::ops::ControlFlow;
    let bytes = src.as_bytes();
    let error = error.min(bytes.len());
    let line_start = |at: usize| {
        bytes[..at]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1)
    };
    let up = |start: usize| line_start(start.saturating_sub(1));
    let error_line = line_start(error);
    let line_before = up(error_line);
    let window = (0..OPEN_STRING_LOOKBACK).fold(error_line, |start, _| up(start));
    let mut open = None;
    scan(src, |t| {
        if let Token::Str { start, end, .. } = t {
            if start >= error {
                return ControlFlow::Break(());
            }
            // A string that ran on: its "closing" quote opened the next string, whose text
            // follows it. A multi-line string closed on purpose is followed by `,` or `)`.
            let ran_on = bytes
                .get(end)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
            let ran_past_its_line = start >= window
                && start < error_line
                && end > line_before
                && bytes[start..end].contains(&b'\n');
            // Or it ran on within its line, over the next field's name, to that field's
            // opening quote, and RON stumbled on the text after it: `(en: "Which?, ko: "어느?")`
            // (`(en: "Which?"ko: "어느?")`, a comma missing, names no field inside the string).
            let swallowed_a_field = end == error
                && bytes.get(end).is_some_and(|b| !b",)]}: \t\r\n".contains(b))
                && ends_with_field_name(&src[start..end - 1]);
            if (ran_on && ran_past_its_line) || swallowed_a_field {
                open = Some(start);
            }
        }
        ControlFlow::Continue(())
    });
    open
}

/// Whether `text` ends with a comma, a field's name and its colon (`Which?, ko: `): the start
/// of the next field, read into a string whose closing quote is missing.
fn ends_with_field_name(text: &str) -> bool {
    let rest = text.trim_end();
    let Some(rest) = rest.strip_suffix(':') else {
        return false;
    };
    let rest = rest.trim_end();
    let name_len = rest
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let name_start = rest.len() - name_len;
    let name = &rest[name_start..];
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && rest[..name_start].trim_end().ends_with(',')
}

/// The hint for a string that may lack its closing quote, opened at byte `open` of `src`.
fn open_string_hint(src: &str, open: usize) -> String {
    let (line, column) = super::diagnostic::line_column(src, open);
    format!("the string opened on line {line}, column {column} may be missing its closing quote")
}

/// The byte offset of `line`:`column` (1-based, in characters) of `src`, moved on past any
/// whitespace there: RON places a wrong value's error where the parser stood, which is often
/// the space after the colon (`id:    42`), and the caret belongs under the value.
fn past_whitespace(src: &str, line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        n => src
            .match_indices('\n')
            .nth(n - 2)
            .map_or(src.len(), |(i, _)| i + 1),
    };
    let rest = &src[line_start..];
    let at = line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i);
    match src[at..].find(|c: char| !c.is_whitespace()) {
        Some(skip) => at + skip,
        None => at,
    }
}

/// Where the value before `at` ends: back over whitespace, blank lines and `//` comments.
fn end_of_value_before(src: &str, at: usize) -> usize {
    let mut end = src[..at].trim_end().len();
    loop {
        let line_start = src[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = &src[line_start..end];
        // A `//` outside a string (an even number of quotes before it) starts a comment.
        let comment = line
            .match_indices("//")
            .map(|(i, _)| i)
            .find(|&i| line[..i].matches('"').count().is_multiple_of(2));
        match comment {
            Some(i) => end = src[..line_start + i].trim_end().len(),
            None => return end,
        }
        if end == 0 {
            return 0;
        }
    }
}

/// Offset of the first bracket that opens level `MAX_NESTING + 1`, outside strings and comments.
fn too_deep(src: &str) -> Option<usize> {
    use super::scan::{Token, scan};
    use std::ops::ControlFlow;
    let mut depth = 0usize;
    scan(src, |t| {
        match t {
            Token::Open(i) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return ControlFlow::Break(i);
                }
            }
            Token::Close(_) => depth = depth.saturating_sub(1),
            Token::Str { .. } | Token::Ident { .. } => {}
        }
        ControlFlow::Continue(())
    })
}

/// The message and a hint for a RON error, in a tree author's terms.
pub(crate) fn explain(code: &ron::Error) -> (String, Option<String>) {
    use ron::Error as E;
    match code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let closest = closest(found, expected);
            let within = outer.as_deref().unwrap_or("this item");
            let mut help = format!("fields of {within}: {}", expected.join(", "));
            if let Some(c) = closest {
                help = format!("did you mean `{c}`? {help}");
            }
            (format!("unknown field `{found}` in {within}"), Some(help))
        }
        E::MissingStructField { field, outer } => (
            format!(
                "missing field `{field}` in {}",
                outer.as_deref().unwrap_or("this item")
            ),
            Some(format!("add `{field}: ...` (see docs/tree-format.md)")),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let mut help = format!("expected one of: {}", expected.join(", "));
            if let Some(c) = closest(found, expected) {
                help = format!("did you mean `{c}`? {help}");
            }
            (
                format!(
                    "unknown {} `{found}`",
                    outer.as_deref().map(author_name).unwrap_or("value")
                ),
                Some(help),
            )
        }
        E::DuplicateStructField { field, outer } => (
            format!(
                "field `{field}` appears twice in {}",
                outer.as_deref().unwrap_or("this item")
            ),
            Some("keep one of them".to_string()),
        ),
        E::ExceededRecursionLimit => (
            format!("brackets are nested deeper than {MAX_NESTING} levels"),
            None,
        ),
        other => (format!("RON syntax: {other}"), Some(SYNTAX_HELP.into())),
    }
}

/// The help of a RON syntax error that has no better explanation.
const SYNTAX_HELP: &str =
    "check brackets, commas and quotes near this place (see docs/tree-format.md)";

/// When `src` ends inside a string or with brackets still open and RON stopped there (its error
/// at byte `error`), a help saying the file looks cut short.
fn cut_short(src: &str, error: usize) -> Option<String> {
    use super::scan::{Token, scan};
    use std::ops::ControlFlow;
    let mut open = 0usize;
    // Where a string that the file ends inside opens.
    let mut open_string = None;
    scan(src, |t| {
        match t {
            Token::Open(_) => open += 1,
            Token::Close(_) => open = open.saturating_sub(1),
            Token::Str { start, closed, .. } => open_string = (!closed).then_some(start),
            Token::Ident { .. } => {}
        }
        ControlFlow::<()>::Continue(())
    });
    // A bracket too many inside the file leaves one open at the end too, but RON stops near
    // the bracket, not on the last line.
    let at_end = !src
        .get(error..)
        .unwrap_or_default()
        .trim_end()
        .contains('\n');
    match (open_string, open) {
        (Some(start), _) if error >= start => Some(
            "the file ends inside a string: was it cut short, or is a closing quote missing?"
                .into(),
        ),
        (None, n) if n > 0 && at_end => Some(format!(
            "the file ends with {n} bracket{} still open: was it cut short, or is a closing \
             bracket missing?",
            if n == 1 { "" } else { "s" }
        )),
        _ => None,
    }
}

/// What a type of ours is called in a tree or config file, for messages.
fn author_name(rust_type: &str) -> &str {
    match rust_type {
        "Node" => "node kind",
        "Command" => "command shell",
        "Os" => "operating system",
        "Lang" => "language",
        "ThemeName" => "theme",
        other => other,
    }
}

fn closest<'a>(found: &str, expected: &'a [&'a str]) -> Option<&'a str> {
    // Field and kind names are short; a long word is no typo of one (and comparing costs its
    // length times theirs).
    if found.len() > 64 {
        return None;
    }
    expected
        .iter()
        .map(|e| (edit_distance(found, e), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min()
        .map(|(_, e)| e)
}

/// Levenshtein distance over characters; small inputs only (ids, field names).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Every string of the tree in Unicode NFC.
fn normalize(tree: &mut Tree) {
    tree.for_each_string_mut(|s| {
        if !unicode_normalization::is_nfc(s) {
            *s = crate::text::nfc(s);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_name_is_a_comma_a_word_and_a_colon_at_the_end() {
        for yes in ["\"Which?, ko: ", "\"a,ko:", "\"x, label_2 :  "] {
            assert!(ends_with_field_name(yes), "{yes}");
        }
        for no in [
            "\"Which?",
            "\"ko: ",
            "\"a, 2x: ",
            "\"작은 나o",
            "\"가,나:",
            "\"a, : ",
        ] {
            assert!(!ends_with_field_name(no), "{no}");
        }
    }

    #[test]
    fn nesting_counts_only_code_brackets() {
        let deep = "(".repeat(MAX_NESTING + 1);
        assert_eq!(too_deep(&deep), Some(MAX_NESTING));
        let in_string = format!("\"{}\"", "(".repeat(5000));
        assert_eq!(too_deep(&in_string), None);
        let in_raw = format!("r#\"{}\"#", "[".repeat(5000));
        assert_eq!(too_deep(&in_raw), None);
        let in_comment = format!("// {}\n()", "{".repeat(5000));
        assert_eq!(too_deep(&in_comment), None);
    }

    #[test]
    fn a_wrong_value_is_placed_at_the_value_not_the_space_before_it() {
        let place = |src: &str| {
            let e = from_ron::<Tree>("t.ron", src).unwrap_err();
            (e.line, e.column)
        };
        assert_eq!(place("(\n    id: 42,\n)"), (2, 9));
        assert_eq!(place("(\n    id:    true,\n)"), (2, 12));
        assert_eq!(place("(\n    id:\n        7,\n)"), (3, 9));
        // A missing comma stays on its line.
        let comma = "Tree(\n    id: \"x\"\n\n\n    title: (en: \"t\", ko: \"t\"),\n)";
        assert_eq!(place(comma), (2, 12));
        let commented =
            "Tree(\n    id: \"x\" // the id\n    // more\n    title: (en: \"t\", ko: \"t\"),\n)";
        assert_eq!(place(commented), (2, 12));
        assert_eq!(place("(\n    가: 1)"), (2, 5));
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("anwsers", "answers"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("가나", "가다"), 1);
    }
}
