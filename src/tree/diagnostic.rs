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
    /// The offending source line, for the excerpt.
    #[serde(skip)]
    pub excerpt: Option<String>,
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
        }
    }

    /// Places the diagnostic at a 1-based line and column of `src`, with that line as excerpt.
    pub fn at(mut self, src: &str, line: usize, column: usize) -> Diagnostic {
        self.line = line;
        self.column = column.max(1);
        self.excerpt = src
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end().to_string());
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = crate::text::sanitize(&self.message);
        if self.line == 0 {
            writeln!(f, "{}: error: {}", self.file, message)?;
        } else {
            writeln!(
                f,
                "{}:{}:{}: error: {}",
                self.file, self.line, self.column, message
            )?;
            if let Some(excerpt) = &self.excerpt {
                let gutter = self.line.to_string();
                let pad = " ".repeat(gutter.len());
                // Long lines are cut around the column so the caret stays visible.
                let chars: Vec<char> = excerpt.chars().collect();
                let start = self
                    .column
                    .saturating_sub(1)
                    .saturating_sub(MAX_EXCERPT_CHARS / 2)
                    .min(chars.len());
                let end = (start + MAX_EXCERPT_CHARS).min(chars.len());
                let shown: String = chars[start..end].iter().collect();
                let shown = crate::text::sanitize(&shown);
                let caret_at = self.column.saturating_sub(1).saturating_sub(start);
                let lead: String = chars[start..start + caret_at.min(end - start)]
                    .iter()
                    .map(|c| match c {
                        '\t' => "\t".to_string(),
                        c => " ".repeat(unicode_width::UnicodeWidthChar::width(*c).unwrap_or(1)),
                    })
                    .collect();
                writeln!(f, "{pad} |")?;
                writeln!(f, "{gutter} | {shown}")?;
                writeln!(f, "{pad} | {lead}^")?;
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {}", crate::text::sanitize(help))?;
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
