//! Colours. Every style stays readable in monochrome: selection is reverse video, headings bold.

use ratatui::style::{Color, Modifier, Style};

/// Whether to draw in colour: not when `NO_COLOR` is set to anything (no-color.org), nor on a
/// terminal whose terminfo entry has no colours (`xterm-mono`, `linux-m`, a `vt100`): its
/// colours would be escape codes it shows as garbage or ignores.
pub fn colour_wanted(no_color: Option<&std::ffi::OsStr>, term: Option<&str>) -> bool {
    let monochrome = term.is_some_and(|t| {
        let vt = t
            .strip_prefix("vt")
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        t.ends_with("-mono") || t.ends_with("-m") || (vt && !t.contains("color"))
    });
    no_color.is_none_or(|v| v.is_empty()) && !monochrome
}

/// What a piece of the text that `show` and `search` print is, for its colour on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// A heading ("Cause", "Steps"), a label ("Applies to"), a step's number: bold.
    Heading,
    /// A leaf id: bold.
    Id,
    /// A line of a command: the colour the full-screen UI gives code (green).
    Code,
    /// A command's `[shell]` label, a search result's "why": dim.
    Dim,
    /// A notice that the results are no sure answer ("Weak matches only", "Close call"): bold
    /// yellow.
    Caution,
    /// A word of a search result's title that the query matched: bold and underlined, as the
    /// search box marks it (fzf marks the characters it matched).
    Match,
}

impl Ink {
    /// The SGR parameters.
    fn sgr(self) -> &'static str {
        match self {
            Ink::Heading | Ink::Id => "1",
            Ink::Code => "32",
            Ink::Dim => "2",
            Ink::Caution => "1;33",
            Ink::Match => "1;4",
        }
    }
}

/// Colours for the text commands print, as tealdeer colours its pages: plain SGR codes, each
/// around a whole line or segment and reset right after it, never inside a command's text, so
/// that what is copied from the terminal is what the uncoloured output holds. Off (the default)
/// it returns the text as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Paint {
    on: bool,
}

impl Paint {
    pub fn new(on: bool) -> Paint {
        Paint { on }
    }

    pub fn is_on(self) -> bool {
        self.on
    }

    /// `text` in `ink`; as it is when colour is off or `text` is empty.
    pub fn paint(self, ink: Ink, text: &str) -> String {
        if !self.on || text.is_empty() {
            return text.to_string();
        }
        format!("\x1b[{}m{text}\x1b[0m", ink.sgr())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
}

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub bar: Style,
    pub crumb: Style,
    pub heading: Style,
    pub text: Style,
    pub dim: Style,
    pub selected: Style,
    pub code: Style,
    pub code_selected: Style,
    pub label: Style,
    pub link: Style,
    pub status: Style,
    pub warning: Style,
    /// The words of a search result's title that the query matched, over the row's style
    /// (`Style::patch`): bold and underlined in every theme, so that it shows without colour
    /// and on the selected row too.
    pub matched: Style,
}

impl Theme {
    /// The theme to draw with; `color: false` (NO_COLOR) keeps only bold, dim and reverse.
    pub fn new(name: ThemeName, color: bool) -> Theme {
        let plain = Style::default();
        let bold = plain.add_modifier(Modifier::BOLD);
        let reverse = plain.add_modifier(Modifier::REVERSED);
        let matched = bold.add_modifier(Modifier::UNDERLINED);
        if !color {
            return Theme {
                bar: reverse,
                crumb: plain,
                heading: bold,
                text: plain,
                dim: plain.add_modifier(Modifier::DIM),
                selected: reverse.add_modifier(Modifier::BOLD),
                code: plain,
                code_selected: reverse,
                label: plain.add_modifier(Modifier::DIM),
                link: plain.add_modifier(Modifier::UNDERLINED),
                status: bold,
                warning: bold,
                matched,
            };
        }
        match name {
            ThemeName::Default => Theme {
                bar: plain.fg(Color::Black).bg(Color::Cyan),
                crumb: plain.fg(Color::Cyan),
                heading: bold.fg(Color::Yellow),
                text: plain,
                // Dim, not a grey colour: grey vanishes on some dark themes (Solarized).
                dim: plain.add_modifier(Modifier::DIM),
                selected: reverse.add_modifier(Modifier::BOLD),
                code: plain.fg(Color::Green),
                code_selected: plain.fg(Color::Black).bg(Color::Green),
                label: plain.add_modifier(Modifier::DIM),
                link: plain.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
                status: bold.fg(Color::Cyan),
                warning: bold.fg(Color::Red),
                // The colour of the search box's label and of headings.
                matched: matched.fg(Color::Yellow),
            },
            // The terminal's own foreground and background, made stronger: readable on light and
            // dark backgrounds alike.
            ThemeName::HighContrast => Theme {
                bar: reverse.add_modifier(Modifier::BOLD),
                crumb: bold,
                heading: bold.add_modifier(Modifier::UNDERLINED),
                text: plain,
                dim: plain,
                selected: bold.fg(Color::Black).bg(Color::Yellow),
                code: bold,
                code_selected: reverse.add_modifier(Modifier::BOLD),
                label: plain,
                link: bold.add_modifier(Modifier::UNDERLINED),
                status: bold.add_modifier(Modifier::REVERSED),
                warning: bold.fg(Color::Red),
                matched,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_is_off_for_no_color_and_monochrome_terminals_only() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(colour_wanted(None, Some("xterm-256color")));
        assert!(colour_wanted(None, None));
        assert!(colour_wanted(empty, Some("screen")));
        assert!(!colour_wanted(set, Some("xterm-256color")));
        for mono in ["xterm-mono", "linux-m", "vt100", "vt220"] {
            assert!(!colour_wanted(None, Some(mono)), "{mono}");
        }
        for colour in [
            "xterm",
            "tmux-256color",
            "linux",
            "alacritty",
            "vt220-color",
            "vte-256color",
            "vte",
        ] {
            assert!(colour_wanted(None, Some(colour)), "{colour}");
        }
    }

    #[test]
    fn paint_wraps_whole_segments_and_code_is_the_uis_code_colour() {
        let on = Paint::new(true);
        assert_eq!(on.paint(Ink::Heading, "Cause"), "\x1b[1mCause\x1b[0m");
        assert_eq!(on.paint(Ink::Code, "ls -l"), "\x1b[32mls -l\x1b[0m");
        assert_eq!(on.paint(Ink::Dim, "[sh]"), "\x1b[2m[sh]\x1b[0m");
        assert_eq!(on.paint(Ink::Caution, "x"), "\x1b[1;33mx\x1b[0m");
        assert_eq!(on.paint(Ink::Match, "agent"), "\x1b[1;4magent\x1b[0m");
        assert_eq!(on.paint(Ink::Code, ""), "", "no codes around nothing");
        assert_eq!(Paint::default().paint(Ink::Code, "ls -l"), "ls -l");
        // The text output's commands are green as the full-screen UI's code.
        assert_eq!(
            Theme::new(ThemeName::Default, true).code.fg,
            Some(Color::Green)
        );
    }
}
