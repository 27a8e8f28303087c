//! Text hygiene shared by every output path: control characters made visible, Unicode NFC, and
//! wrapping by display width (Korean is two columns a character).

use unicode_normalization::UnicodeNormalization;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// True for characters that must never reach a terminal raw: C0 and C1 controls (but newline and
/// tab), DEL, and the bidirectional overrides and isolates that reorder what a reader sees.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `s` with every unsafe character shown as a visible escape (`\x1b`, `\u{202e}`).
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(is_unsafe_char) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe_char(c) {
            if (c as u32) < 0x100 {
                out.push_str(&format!("\\x{:02x}", c as u32));
            } else {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Serialized JSON with every unsafe character inside its strings written as a `\uXXXX` escape:
/// the same JSON value, lossless, but safe to print to a terminal. (serde_json escapes only
/// U+0000 to U+001F; DEL, the C1 controls such as U+009B, a one-character CSI, and the bidi
/// overrides would otherwise go out raw.)
pub fn json_escape_unsafe(json: &str) -> String {
    if !json.chars().any(|c| is_unsafe_char(c) && c != '\r') {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Outside strings JSON has only spaces, tabs and line breaks, none of them unsafe but
        // the carriage return, which stays as it is; inside strings every control character
        // below U+0020 is already escaped by any JSON writer.
        if is_unsafe_char(c) && c != '\r' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` sanitized and on one line: newlines and tabs become spaces.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s).replace(['\n', '\t'], " ")
}

/// `s` on one line, sanitized, in double quotes: a name the user typed, shown in a message.
/// (Rust's `{:?}` would escape the backslashes of the sanitizer's escapes a second time.)
pub fn quoted_line(s: &str) -> String {
    format!("\"{}\"", sanitize_line(s))
}

/// Unicode NFC: decomposed Hangul (as some editors save it) renders broken in terminals.
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Wraps `text` to lines of at most `max` display columns. Breaks at spaces where it can, inside
/// a word (between characters, never inside one) where it must; Korean words break anywhere as
/// they are often long without spaces. Existing newlines are kept.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for word in split_keep_spaces(paragraph) {
            let word_width = width(word);
            if word == " " {
                if line_width > 0 && line_width < max {
                    line.push(' ');
                    line_width += 1;
                }
                continue;
            }
            if line_width + word_width <= max {
                line.push_str(word);
                line_width += word_width;
                continue;
            }
            if word_width <= max && line_width > 0 {
                lines.push(line.trim_end().to_string());
                line = word.to_string();
                line_width = word_width;
                continue;
            }
            // The word is longer than a line: fill the current line, then break it by characters.
            for c in word.chars() {
                let w = UnicodeWidthChar::width(c).unwrap_or(0);
                if line_width + w > max && line_width > 0 {
                    lines.push(line.trim_end().to_string());
                    line.clear();
                    line_width = 0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}

fn split_keep_spaces(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if let Some(stripped) = rest.strip_prefix(' ') {
            let piece = &rest[..1];
            rest = stripped;
            return Some(piece);
        }
        let end = rest.find(' ').unwrap_or(rest.len());
        let piece = &rest[..end];
        rest = &rest[end..];
        Some(piece)
    })
}

/// `text` in pieces, each with whether it is inside one of `marks` (byte ranges in order, as
/// `search::Hit::marks` gives them): the pieces put together are `text`. A range out of order,
/// out of `text` or not on a character boundary is ignored.
pub fn marked_pieces<'a>(text: &'a str, marks: &[std::ops::Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut pieces = Vec::with_capacity(2 * marks.len() + 1);
    let mut at = 0;
    for r in marks {
        let fits = at <= r.start
            && r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end);
        if !fits {
            continue;
        }
        if at < r.start {
            pieces.push((&text[at..r.start], false));
        }
        pieces.push((&text[r.clone()], true));
        at = r.end;
    }
    if at < text.len() {
        pieces.push((&text[at..], false));
    }
    pieces
}

/// Whether decoded `text` is binary data rather than text: more than one character in ten is no
/// valid UTF-8 or a control character (a log's colours are far fewer).
pub fn looks_binary(text: &str) -> bool {
    let (mut odd, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        if c == char::REPLACEMENT_CHARACTER || (c.is_control() && !"\n\r\t".contains(c)) {
            odd += 1;
        }
    }
    odd * 10 > all
}

/// Cuts `s` to at most `max` display columns, ending with `..` when something was cut (not `…`,
/// whose width is ambiguous in CJK terminals).
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max < 3 {
        return ".".repeat(max);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max - 2 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str("..");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_terminal_controls_and_bidi() {
        assert_eq!(sanitize("a\x1b[31mb"), "a\\x1b[31mb");
        assert_eq!(sanitize("x\u{7}y"), "x\\x07y");
        assert_eq!(sanitize("\u{9b}2J"), "\\x9b2J");
        assert_eq!(sanitize("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(sanitize("plain 한국어\tok\n"), "plain 한국어\tok\n");
    }

    #[test]
    fn json_escape_unsafe_keeps_the_value_and_escapes_c1_del_and_bidi() {
        let value = serde_json::json!({"t": "a\u{1b}[2J\u{9b}31m\u{7f}\u{202e}\u{2066}b 한국어\n"});
        let raw = serde_json::to_string_pretty(&value).unwrap();
        assert!(raw.contains('\u{9b}'), "serde_json leaves C1 raw: {raw:?}");
        let safe = json_escape_unsafe(&raw);
        assert!(
            !safe.chars().any(|c| is_unsafe_char(c) && c != '\n'),
            "{safe:?}"
        );
        assert!(
            safe.contains("\\u009b") && safe.contains("\\u202e"),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn marked_pieces_make_the_text_and_skip_bad_ranges() {
        let text = "VM 에이전트 agent";
        let pieces = marked_pieces(text, &[0..2, 3..15, 14..16, 17..40, 16..21]);
        assert_eq!(
            pieces,
            [
                ("VM", true),
                (" ", false),
                ("에이전트", true),
                (" ", false),
                ("agent", true)
            ]
        );
        // Not on a character boundary (inside 에), out of the text, empty: ignored.
        assert_eq!(marked_pieces(text, &[4..6, 30..31]), [(text, false)]);
        assert_eq!(marked_pieces(text, &[]), [(text, false)]);
        assert!(marked_pieces("", &[0..1, 0..0]).is_empty());
    }

    #[test]
    fn nfc_composes_hangul() {
        let decomposed = "\u{1112}\u{1161}\u{11AB}"; // 한 as jamo
        assert_eq!(nfc(decomposed), "한");
    }

    #[test]
    fn wrap_never_exceeds_width_and_keeps_all_characters() {
        let text = "스냅숏 작업이 실패했습니다. VSS 기록기가 잘못된 상태입니다 averyveryverylongwordindeed";
        for max in 1..40 {
            let lines = wrap(text, max);
            for l in &lines {
                assert!(width(l) <= max.max(2), "{l:?} wider than {max}");
            }
            let joined: String = lines.concat().replace(' ', "");
            assert_eq!(joined, text.replace(' ', ""));
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_when_it_can() {
        assert_eq!(wrap("one two three", 8), vec!["one two", "three"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("hello world", 6), "hell..");
        assert_eq!(truncate("가나다라", 5), "가..");
        assert_eq!(truncate("가나다라", 6), "가나..");
        assert_eq!(truncate("abc", 2), "..");
        assert_eq!(truncate("short", 10), "short");
    }
}
