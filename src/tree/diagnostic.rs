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
    /// The offending source line (of a long line, the part around the column), for the excerpt.
    #[serde(skip)]
    pub excerpt: Option<String>,
    /// Characters of the line left out before `excerpt`.
    #[serde(skip)]
    excerpt_skip: usize,
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
            excerpt_skip: 0,
        }
    }

    /// Places the diagnostic at a 1-based line and column of `src`, with that line as excerpt.
    pub fn at(mut self, src: &str, line: usize, column: usize) -> Diagnostic {
        self.line = line;
        self.column = column.max(1);
        // Only the part of the line that can be shown is kept: a minified tree is one long line.
        let skip = self
            .column
            .saturating_sub(1)
            .saturating_sub(MAX_EXCERPT_CHARS / 2);
        self.excerpt_skip = 0;
        self.excerpt = src.lines().nth(line.saturating_sub(1)).map(|l| {
            let l = l.trim_end();
            let from = l.char_indices().nth(skip).map_or(l.len(), |(i, _)| i);
            self.excerpt_skip = l[..from].chars().count();
            l[from..].chars().take(MAX_EXCERPT_CHARS).collect()
        });
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

const MAX_EXCERPT_CHARS: usize = 120;

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
            if let Some(excerpt) = &self.excerpt {
                let gutter = self.line.to_string();
                let pad = " ".repeat(gutter.len());
                let caret_at = self
                    .column
                    .saturating_sub(1)
                    .saturating_sub(self.excerpt_skip);
                let mut line = String::new();
                let mut lead = String::new();
                for (i, c) in excerpt.chars().enumerate() {
                    // Each character as shown (escaped when unsafe), and the caret's lead
                    // under it: as wide as what is shown.
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
                    line.push_str(&piece);
                }
                writeln!(f, "{pad} |")?;
                writeln!(f, "{gutter} | {line}")?;
                writeln!(f, "{pad} | {lead}^")?;
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {}", shown(help, MAX_MESSAGE_CHARS))?;
        }
        Ok(())
    }
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
}
