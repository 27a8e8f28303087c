//! A tolerant, linear scan of RON source: where brackets open and close and where string literals
//! and identifiers sit, outside comments. Used before parsing (the nesting limit) and after it
//! (placing problems found on the parsed tree, or a string left open). It never fails and never
//! panics, whatever the bytes: a broken file only makes it less precise.

use std::ops::ControlFlow;

/// What the scan meets outside comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// `(`, `[` or `{` at this byte offset.
    Open(usize),
    /// `)`, `]` or `}` at this byte offset.
    Close(usize),
    /// A string literal (quotes included): `src[start..end]`; `end` is the source's length when
    /// the string is not `closed`.
    Str {
        start: usize,
        end: usize,
        closed: bool,
    },
    /// An identifier (a field name, a kind such as `Leaf`, `true`): `src[start..end]`.
    Ident { start: usize, end: usize },
}

/// Calls `f` on every bracket, string literal and identifier of `src` in order, until `f` breaks.
pub(crate) fn scan<B>(src: &str, mut f: impl FnMut(Token) -> ControlFlow<B>) -> Option<B> {
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let token = match bytes[i] {
            b'(' | b'[' | b'{' => Some(Token::Open(i)),
            b')' | b']' | b'}' => Some(Token::Close(i)),
            b'"' => {
                let close = skip_string(bytes, i);
                let start = i;
                i = close;
                Some(Token::Str {
                    start,
                    end: (close + 1).min(bytes.len()),
                    closed: close < bytes.len(),
                })
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#'))
                && (i == 0 || !is_ident_byte(bytes[i - 1])) =>
            {
                let last = skip_raw_string(bytes, i);
                let start = i;
                i = last;
                (last > start).then(|| Token::Str {
                    start,
                    end: (last + 1).min(bytes.len()),
                    closed: last < bytes.len(),
                })
            }
            b if is_ident_start(b) && (i == 0 || !is_ident_byte(bytes[i - 1])) => {
                let start = i;
                while bytes.get(i + 1).is_some_and(|b| is_ident_byte(*b)) {
                    i += 1;
                }
                Some(Token::Ident { start, end: i + 1 })
            }
            b'\'' => {
                i = skip_char(bytes, i);
                None
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                None
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(bytes, i);
                None
            }
            _ => None,
        };
        if let Some(token) = token
            && let ControlFlow::Break(b) = f(token)
        {
            return Some(b);
        }
        i += 1;
    }
    None
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Index of the closing quote of the string that opens at `start`, or the length of `bytes`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Index of the last byte of the raw string `r#"..."#` that opens at `start` (or the length of
/// `bytes` when it is not closed); `start` itself when this is not a raw string.
fn skip_raw_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    let mut hashes = 0;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    if bytes.get(i) != Some(&b'"') {
        return start; // an identifier starting with r, not a raw string
    }
    i += 1;
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes[i + 1..]
                .iter()
                .take(hashes)
                .filter(|b| **b == b'#')
                .count()
                == hashes
        {
            return i + hashes;
        }
        i += 1;
    }
    bytes.len()
}

/// Index of the closing quote of the character literal (`'x'`, `'\''`, `'\u{1F600}'`) that opens
/// at `start`; `start` itself when it is not one (then the quote is read as any other byte).
fn skip_char(bytes: &[u8], start: usize) -> usize {
    let close = if bytes.get(start + 1) == Some(&b'\\') {
        // An escape: the closing quote comes within a few bytes (`\u{10FFFF}` is the longest).
        bytes
            .iter()
            .enumerate()
            .skip(start + 3)
            .take(10)
            .find(|(_, b)| **b == b'\'')
            .map(|(i, _)| i)
    } else {
        let len = match bytes.get(start + 1) {
            Some(b) if *b < 0x80 => 1,
            Some(b) if *b >= 0xF0 => 4,
            Some(b) if *b >= 0xE0 => 3,
            Some(_) => 2,
            None => return start,
        };
        Some(start + 1 + len).filter(|i| bytes.get(*i) == Some(&b'\''))
    };
    close.unwrap_or(start)
}

/// Index of the last byte of the (possibly nested, as in RON) block comment that opens at
/// `start`, or the last index of `bytes` when it is not closed.
fn skip_block_comment(bytes: &[u8], start: usize) -> usize {
    let mut level = 0usize;
    let mut i = start;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                level += 1;
                i += 2;
            }
            (b'*', b'/') => {
                level -= 1;
                if level == 0 {
                    return i + 1;
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    bytes.len().saturating_sub(1).max(start)
}

/// Byte offsets of the map keys of `src` (a string literal followed by `:`), by the literal's
/// text (quotes included), in file order.
pub(crate) fn map_keys(src: &str) -> std::collections::HashMap<&str, Vec<usize>> {
    let bytes = src.as_bytes();
    let mut keys: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    scan::<()>(src, |t| {
        if let Token::Str { start, end, .. } = t {
            let after = bytes[end..]
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .copied();
            if after == Some(b':') && src.is_char_boundary(start) && src.is_char_boundary(end) {
                keys.entry(&src[start..end]).or_default().push(start);
            }
        }
        ControlFlow::Continue(())
    });
    keys
}

/// Byte offsets of the string literals that are the value of a field `name` (`name: "..."`, a
/// comment may sit after the colon), in file order.
pub(crate) fn field_values(src: &str, name: &str) -> Vec<usize> {
    let bytes = src.as_bytes();
    let mut values = Vec::new();
    // The field name was just seen, followed by its colon.
    let mut named = false;
    scan::<()>(src, |t| {
        match t {
            Token::Ident { start, end } => {
                named = &bytes[start..end] == name.as_bytes()
                    && bytes[end..].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':');
            }
            Token::Str { start, .. } if named => {
                values.push(start);
                named = false;
            }
            _ => named = false,
        }
        ControlFlow::Continue(())
    });
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<Token> {
        let mut out = Vec::new();
        scan::<()>(src, |t| {
            out.push(t);
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn brackets_in_strings_chars_and_comments_do_not_count() {
        let src = r##"( "(" r#"[")"# '(' '\'' /* ( /* nested ( */ ( */ // (
)"##;
        let opens = tokens(src)
            .iter()
            .filter(|t| matches!(t, Token::Open(_)))
            .count();
        let closes = tokens(src)
            .iter()
            .filter(|t| matches!(t, Token::Close(_)))
            .count();
        assert_eq!((opens, closes), (1, 1));
    }

    #[test]
    fn map_keys_are_strings_followed_by_a_colon() {
        let src = "{ \"a\": X(next: \"b\"), \"b\" : Y, \"a\":Z }";
        let keys = map_keys(src);
        assert_eq!(keys["\"a\""], vec![2, 30]);
        assert_eq!(keys["\"b\""], vec![21]);
        assert_eq!(keys.len(), 2);
    }

    #[test]
    fn identifiers_are_seen_outside_strings_and_comments_only() {
        let src = "Leaf(next: \"next\", r#\"next\"#, /* next */ // next\n _x9 r#raw 1e5)";
        let idents: Vec<&str> = tokens(src)
            .iter()
            .filter_map(|t| match t {
                Token::Ident { start, end } => Some(&src[*start..*end]),
                _ => None,
            })
            .collect();
        assert_eq!(idents, ["Leaf", "next", "_x9", "raw"]);
    }

    #[test]
    fn field_values_are_the_literals_after_the_field_name() {
        let src = "[(label: (en: \"next: \\\"a\\\"\"), next: \"a\"), (next : /* c */ r\"b\"),\n\
                   (nextish: \"c\", next: 1, x: \"d\")]";
        let values = field_values(src, "next");
        assert_eq!(values.len(), 2, "{values:?}");
        assert!(src[values[0]..].starts_with("\"a\")"));
        assert!(src[values[1]..].starts_with("r\"b\")"));
    }

    #[test]
    fn broken_input_never_panics() {
        for src in [
            "\"", "r#\"", "'", "'\\", "/*", "/* /*", "r", "next", "next:", "r#", "\"\\", "'é",
            "'가'", "\"가\":", "\u{1b}",
        ] {
            let _ = tokens(src);
            let _ = map_keys(src);
            let _ = field_values(src, "next");
        }
    }
}
