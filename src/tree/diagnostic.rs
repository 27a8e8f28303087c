//! Errors a tree author can act on: file, line, column, the line itself with a caret, what to do.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the problem has no place in the file (e.g. the file is unreadable).
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
    /// What the author should do about it.
    pub help: Option<String>,
    /// The offending source line, shown under the message. Boxed, as the hint: diagnostics
    /// travel in `Result`s and are kept small.
    #[serde(skip)]
    excerpt: Option<Box<Excerpt>>,
    /// Another place of the file that may be the cause (where a string left open began).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Box<Hint>>,
}

/// A source line to show with a caret: of a long line, the part around the column.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Excerpt {
    text: String,
    /// Characters of the line left out before `text`.
    skip: usize,
    /// Whether the line goes on after `text`.
    cut: bool,
}

/// A hint that points at a second place of the file, shown with its own line and caret.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hint {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
    #[serde(skip)]
    excerpt: Option<Box<Excerpt>>,
}

impl Diagnostic {
    pub fn new(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            excerpt: None,
            hint: None,
        }
    }

    /// Places the diagnostic at a 1-based line and column of `src`, with that line as excerpt.
    pub fn at(mut self, src: &str, line: usize, column: usize) -> Diagnostic {
        self.line = line;
        self.column = column.max(1);
        self.excerpt = excerpt(src, line, self.column);
        self
    }

    /// Places the diagnostic at a byte offset of `src`.
    pub fn at_offset(self, src: &str, offset: usize) -> Diagnostic {
        let (line, column) = line_column(src, offset);
        self.at(src, line, column)
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a hint about another place of `src`, at byte `offset`, shown with its line.
    pub fn hint_at(mut self, src: &str, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, column) = line_column(src, offset);
        self.hint = Some(Box::new(Hint {
            line,
            column,
            message: message.into(),
            excerpt: excerpt(src, line, column),
        }));
        self
    }
}

/// Line `line` of `src` (1-based) for an excerpt with a caret at `column`. Only the part that
/// can be shown is kept (a minified tree is one long line): the whole line when it fits in
/// [`MAX_EXCERPT_COLUMNS`] terminal columns, else as much as fits around the column.
fn excerpt(src: &str, line: usize, column: usize) -> Option<Box<Excerpt>> {
    src.lines().nth(line.saturating_sub(1)).map(|l| {
        // Only the characters that may be shown, around the caret: a minified tree's line is
        // megabytes long (each character takes a column at least).
        let caret = column.saturating_sub(1);
        let first = caret.saturating_sub(MAX_EXCERPT_COLUMNS);
        let mut near = l.trim_end().chars().skip(first);
        let chars: Vec<char> = near
            .by_ref()
            .take(caret - first + MAX_EXCERPT_COLUMNS + 1)
            .collect();
        let more_after = near.next().is_some();
        let width = |c: &char| crate::text::width(c.encode_utf8(&mut [0; 4]));
        let caret = (caret - first).min(chars.len());
        // Half the room before the caret, the rest after it, and what is left over before.
        let (mut skip, mut end, mut used) = (caret, caret, 0);
        while skip > 0 && used + width(&chars[skip - 1]) <= MAX_EXCERPT_COLUMNS / 2 {
            skip -= 1;
            used += width(&chars[skip]);
        }
        while end < chars.len() && used + width(&chars[end]) <= MAX_EXCERPT_COLUMNS {
            used += width(&chars[end]);
            end += 1;
        }
        while skip > 0 && used + width(&chars[skip - 1]) <= MAX_EXCERPT_COLUMNS {
            skip -= 1;
            used += width(&chars[skip]);
        }
        Box::new(Excerpt {
            text: chars[skip..end].iter().collect(),
            skip: first + skip,
            cut: end < chars.len() || more_after,
        })
    })
}

/// 1-based line and character column of a byte offset.
pub fn line_column(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = src[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Widest excerpt of a line, in terminal columns (a Korean syllable takes two).
const MAX_EXCERPT_COLUMNS: usize = 120;

/// Where an excerpt leaves out part of its line.
const CUT: &str = "…";

/// Longest message shown: one of the tree's strings may be a megabyte long.
const MAX_MESSAGE_CHARS: usize = 400;

/// `s` sanitized and cut to `max` characters (with `..` when cut).
fn shown(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}..", crate::text::sanitize_line(&s[..i])),
        None => crate::text::sanitize_line(s),
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Everything here may come from a hostile file (its name included): no control
        // character reaches the terminal raw.
        let file = shown(&self.file, MAX_MESSAGE_CHARS);
        let message = shown(&self.message, MAX_MESSAGE_CHARS);
        if self.line == 0 {
            writeln!(f, "{file}: error: {message}")?;
        } else {
            writeln!(f, "{file}:{}:{}: error: {message}", self.line, self.column)?;
            // One gutter for both excerpts, as wide as the longer line number.
            let gutter = self
                .line
                .max(self.hint.as_ref().map_or(0, |h| h.line))
                .to_string()
                .len();
            if let Some(excerpt) = &self.excerpt {
                write_excerpt(f, gutter, self.line, self.column, excerpt)?;
            }
            if let Some(hint) = &self.hint {
                writeln!(f, "hint: {}", shown(&hint.message, MAX_MESSAGE_CHARS))?;
                if let Some(excerpt) = &hint.excerpt {
                    write_excerpt(f, gutter, hint.line, hint.column, excerpt)?;
                }
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {}", shown(help, MAX_MESSAGE_CHARS))?;
        }
        Ok(())
    }
}

/// `excerpt` of line `line` under a gutter of `gutter` columns, with a caret under `column`.
fn write_excerpt(
    f: &mut fmt::Formatter<'_>,
    gutter: usize,
    line: usize,
    column: usize,
    excerpt: &Excerpt,
) -> fmt::Result {
    let pad = " ".repeat(gutter);
    let caret_at = column.saturating_sub(1).saturating_sub(excerpt.skip);
    // A line cut short says so at the cut: its start is not the line's.
    let (mut shown, mut lead) = match excerpt.skip {
        0 => (String::new(), String::new()),
        _ => (CUT.to_string(), " ".repeat(crate::text::width(CUT))),
    };
    for (i, c) in excerpt.text.chars().enumerate() {
        // Each character as shown (escaped when unsafe), and the caret's lead under it: as wide
        // as what is shown.
        let piece = match c {
            '\t' => "\t".to_string(),
            c if crate::text::is_unsafe_char(c) => {
                crate::text::sanitize(c.encode_utf8(&mut [0; 4]))
            }
            c => c.to_string(),
        };
        if i < caret_at {
            lead.push_str(&match c {
                '\t' => "\t".to_string(),
                _ => " ".repeat(crate::text::width(&piece)),
            });
        }
        shown.push_str(&piece);
    }
    if excerpt.cut {
        shown.push_str(CUT);
    }
    writeln!(f, "{pad} |")?;
    writeln!(f, "{line:>gutter$} | {shown}")?;
    writeln!(f, "{pad} | {lead}^")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let src = "ab\n가나다x\n";
        let x = src.find('x').unwrap();
        assert_eq!(line_column(src, x), (2, 4));
        assert_eq!(line_column(src, 0), (1, 1));
    }

    #[test]
    fn display_shows_excerpt_and_caret_under_the_column() {
        let src = "Tree(\n    nodez: {},\n)";
        let d = Diagnostic::new("t.ron", "unknown field `nodez`")
            .at(src, 2, 5)
            .help("did you mean `nodes`?");
        let shown = d.to_string();
        assert!(shown.starts_with("t.ron:2:5: error: unknown field `nodez`"));
        assert!(shown.contains("2 |     nodez: {},"));
        assert!(shown.contains("  |     ^"));
        assert!(shown.contains("help: did you mean `nodes`?"));
    }

    #[test]
    fn a_line_that_fits_is_shown_whole_and_a_cut_one_says_where() {
        let fits = format!("{}X{}", "a".repeat(99), "b".repeat(15));
        let shown = Diagnostic::new("t.ron", "e").at(&fits, 1, 100).to_string();
        assert!(shown.contains(&format!("1 | {fits}\n")), "{shown}");
        assert!(
            shown.contains(&format!("  | {}^\n", " ".repeat(99))),
            "{shown}"
        );
        // A minified tree: one long line, cut on both sides of the caret.
        let long = format!("{}X{}", "a".repeat(199), "b".repeat(200));
        let shown = Diagnostic::new("t.ron", "e").at(&long, 1, 200).to_string();
        let line = shown.lines().nth(2).unwrap();
        let caret = shown.lines().nth(3).unwrap();
        assert!(line.starts_with("1 | …a") && line.ends_with("b…"), "{line}");
        assert_eq!(
            line.chars().position(|c| c == 'X'),
            caret.find('^'),
            "{shown}"
        );
        // Korean takes two columns a syllable: the excerpt is cut to columns, not characters.
        let korean = format!("{}X{}", "가".repeat(89), "나".repeat(100));
        let shown = Diagnostic::new("t.ron", "e").at(&korean, 1, 90).to_string();
        let line = shown.lines().nth(2).unwrap();
        let caret = shown.lines().nth(3).unwrap();
        assert!(
            crate::text::width(line) <= "1 | ".len() + 2 + MAX_EXCERPT_COLUMNS,
            "{line}"
        );
        let x = line.find('X').unwrap();
        assert_eq!(
            crate::text::width(&line[..x]),
            caret.find('^').unwrap(),
            "{shown}"
        );
    }

    #[test]
    fn a_hint_shows_its_own_line_under_the_same_gutter() {
        let src = format!("{}x: \"open\u{1b}[2J\n\"y\"\n", "\n".repeat(8));
        let d = Diagnostic::new("t.ron", "RON syntax: Expected comma")
            .at(&src, 10, 2)
            .hint_at(
                &src,
                11,
                "the string opened on line 9 may be missing its quote",
            );
        let shown = d.to_string();
        let expected = "t.ron:10:2: error: RON syntax: Expected comma\n   |\n10 | \"y\"\n   |  ^\n\
                        hint: the string opened on line 9 may be missing its quote\n\
                        \x20  |\n 9 | x: \"open\\x1b[2J\n   |    ^\n";
        assert_eq!(shown, expected);
    }
}
