//! The body of each screen as styled, already-wrapped lines. Pure: the same lines serve drawing
//! (`ui`) and scrolling decisions (`app`), so what is on screen and what scrolls always agree.

use crate::i18n::strings;
use crate::report::PathStep;
use crate::text::{sanitize, sanitize_line, width, wrap};
use crate::theme::Theme;
use crate::tree::{Lang, Leaf, Question};
use ratatui::text::{Line, Span};

/// Smallest terminal the wizard draws in; below it a "too small" notice (and keys but quit wait).
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Columns and rows of a screen's body: one column of margin each side; the title bar, the
/// breadcrumb and the status line take three rows.
pub fn body_size((width, height): (u16, u16)) -> (usize, usize) {
    (
        usize::from(width).saturating_sub(2).max(1),
        usize::from(height).saturating_sub(3).max(1),
    )
}

/// Lines of a screen body and where the selectable items sit in them.
#[derive(Debug, Default)]
pub struct Document {
    pub lines: Vec<Line<'static>>,
    /// First and last line (inclusive start, exclusive end) of each selectable item.
    pub item_lines: Vec<(usize, usize)>,
    /// Where the pieces of each link's URL are drawn (a long URL takes several lines), for
    /// terminal hyperlinks (OSC 8).
    pub urls: Vec<UrlPiece>,
    /// Lines at the top that stay in view while the rest scrolls (the question's text).
    pub pinned: usize,
}

/// One line's piece of a link's URL in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlPiece {
    /// Line of the document.
    pub line: usize,
    /// Column where the piece starts.
    pub column: usize,
    /// The text drawn there (a part of the URL, as shown).
    pub text: String,
    /// Index of the link in the leaf's links.
    pub link: usize,
}

impl Document {
    fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// `text` wrapped to `width` after `indent` spaces, every line in `style`.
    fn para(&mut self, text: &str, indent: usize, width: usize, style: ratatui::style::Style) {
        let pad = " ".repeat(indent);
        for l in wrap(&sanitize(text), width.saturating_sub(indent).max(1)) {
            self.push(Line::from(Span::styled(format!("{pad}{l}"), style)));
        }
    }

    /// `lead` then `text` wrapped to `width`, the lines after the first hanging under the text
    /// (not under the lead), every line in `style`.
    fn hang(&mut self, lead: &str, text: &str, width: usize, style: ratatui::style::Style) {
        let pad = " ".repeat(width_of(lead));
        let room = width.saturating_sub(width_of(lead)).max(1);
        for (i, l) in wrap(&sanitize(text), room).into_iter().enumerate() {
            let lead = if i == 0 { lead } else { &pad };
            self.push(Line::from(Span::styled(format!("{lead}{l}"), style)));
        }
    }

    /// Numbered "question > answer" lines; wrapped lines hang under the text, and the answer
    /// starts on its own line when it would not fit after the question.
    fn path(&mut self, steps: &[PathStep], width: usize, style: ratatui::style::Style) {
        for (i, step) in steps.iter().enumerate() {
            let number = format!("  {}. ", i + 1);
            let hang = " ".repeat(number.len());
            let room = width.saturating_sub(number.len()).max(1);
            let mut lines = wrap(&sanitize(&step.question), room);
            let answer = format!("> {}", sanitize(&step.answer));
            let last = lines.last().map_or(0, |l| width_of(l));
            if last + 1 + width_of(&answer) <= room {
                if let Some(l) = lines.last_mut() {
                    l.push(' ');
                    l.push_str(&answer);
                }
            } else {
                lines.extend(wrap(&answer, room));
            }
            for (j, l) in lines.into_iter().enumerate() {
                let lead = if j == 0 { &number } else { &hang };
                self.push(Line::from(Span::styled(format!("{lead}{l}"), style)));
            }
        }
    }

    fn heading(&mut self, text: &str, theme: &Theme) {
        self.push(Line::from(Span::styled(text.to_string(), theme.heading)));
    }

    /// A heading, followed by what Enter or `c` does while one of its entries is selected.
    fn heading_with_action(&mut self, text: &str, action: Option<&str>, theme: &Theme) {
        match action {
            Some(action) => self.push(Line::from(vec![
                Span::styled(text.to_string(), theme.heading),
                Span::styled(format!("  {action}"), theme.status),
            ])),
            None => self.heading(text, theme),
        }
    }
}

pub struct LeafView<'a> {
    pub id: &'a str,
    pub leaf: &'a Leaf,
    pub lang: Lang,
    /// The selected command (`None`: none is, or a link or "See also" entry is instead).
    pub selected_command: Option<usize>,
    /// The selected link; when set, no command is highlighted.
    pub selected_link: Option<usize>,
    /// The selected "See also" entry; when set, no command or link is highlighted.
    pub selected_see_also: Option<usize>,
    /// The titles of the leaf's "See also" entries, in order.
    pub see_also_titles: Vec<String>,
    /// The answers that lead here, shown when the leaf was opened from search.
    pub path: Option<Vec<PathStep>>,
    /// The operating system the answers named: steps for another one are drawn dim.
    pub os: Option<crate::tree::Os>,
    /// Values for the commands' placeholders: commands are drawn with them put in.
    pub values: &'a crate::fill::Values,
}

/// The leaf screen's body; `item_lines` holds each command block, then each link, then each
/// "See also" entry (the order they are drawn in).
pub fn leaf_document(v: &LeafView, width: usize, theme: &Theme) -> Document {
    let s = strings(v.lang);
    let lang = v.lang;
    let leaf = v.leaf;
    let width = width.max(1);
    let mut doc = Document::default();
    doc.para(
        &format!("{}  {}", sanitize_line(v.id), leaf.title.get(lang)),
        0,
        width,
        theme.heading,
    );
    // Labelled as in plain mode and `show`: a bare "Windows" or code says little to a trainee.
    doc.para(
        &format!("{}: {}", s.applies_to, crate::report::os_names(leaf, lang)),
        0,
        width,
        theme.dim,
    );
    if !leaf.codes.is_empty() {
        let codes = leaf.codes.join(", ");
        let labelled = format!("{}: {codes}", s.error_codes);
        // A narrow screen keeps the codes on their line rather than the label.
        let line = if crate::text::width(&labelled) <= width {
            labelled
        } else {
            codes
        };
        doc.para(&line, 0, width, theme.dim);
    }

    if let Some(path) = &v.path
        && !path.is_empty()
    {
        doc.blank();
        doc.heading(s.path_heading, theme);
        doc.path(path, width, theme.dim);
    }

    if !leaf.errors.is_empty() {
        doc.blank();
        doc.heading(s.error_message, theme);
        for e in &leaf.errors {
            doc.para(e.get(lang), 2, width, theme.text);
        }
    }
    doc.blank();
    doc.heading(s.cause, theme);
    doc.para(leaf.cause.get(lang), 2, width, theme.text);

    doc.blank();
    doc.heading(s.steps, theme);
    let mut command_index = 0;
    for (n, step) in leaf.steps.iter().enumerate() {
        let marker = format!("{:>2}. ", n + 1);
        let body = wrap(
            &sanitize(&v.values.fill(step.get(lang))),
            width.saturating_sub(marker.len() + 1).max(1),
        );
        let other_os =
            v.os.is_some_and(|os| !step.os.is_empty() && !step.os.contains(&os));
        let style = if other_os { theme.dim } else { theme.text };
        for (i, l) in body.iter().enumerate() {
            let lead = if i == 0 {
                format!(" {marker}")
            } else {
                " ".repeat(marker.len() + 1)
            };
            doc.push(Line::from(Span::styled(format!("{lead}{l}"), style)));
        }
        for command in &step.run {
            let selected = v.selected_see_also.is_none()
                && v.selected_link.is_none()
                && Some(command_index) == v.selected_command;
            let start = doc.lines.len();
            let fillable = !crate::fill::placeholders(command.code()).is_empty();
            let label = if selected {
                // The key hints that fit whole (a hint cut short reads as another word).
                let mut label = format!("     > [{}]", crate::i18n::shell_label(command, lang));
                let hints = std::iter::once(s.copy_label).chain(fillable.then_some(s.fill_label));
                for hint in hints {
                    if width_of(&label) + 2 + width_of(hint) > width {
                        break;
                    }
                    label.push_str("  ");
                    label.push_str(hint);
                }
                label
            } else {
                format!("       [{}]", crate::i18n::shell_label(command, lang))
            };
            doc.push(Line::from(Span::styled(
                label,
                if selected { theme.status } else { theme.label },
            )));
            let style = if selected {
                theme.code_selected
            } else {
                theme.code
            };
            let code_width = width.saturating_sub(8).max(1);
            let code = v.values.fill(command.code());
            for (l, continued) in wrap_code(&sanitize(&code), code_width) {
                let pad = code_width.saturating_sub(width_of(&l));
                doc.push(Line::from(vec![
                    margin(7, continued, theme),
                    Span::styled(format!(" {l}{}", " ".repeat(pad)), style),
                ]));
            }
            doc.item_lines.push((start, doc.lines.len()));
            command_index += 1;
        }
    }

    if !leaf.links.is_empty() {
        doc.blank();
        let action = v.selected_link.map(|_| s.copy_label);
        doc.heading_with_action(s.links, action, theme);
        // Each link is selectable like a command (Tab): its title, then its URL.
        for (i, link) in leaf.links.iter().enumerate() {
            let selected = v.selected_link == Some(i);
            let start = doc.lines.len();
            // A title that wraps goes on under its first word, not under the dash.
            let title = wrap(
                &sanitize(link.title.get(lang)),
                width.saturating_sub(3).max(1),
            );
            for (j, l) in title.into_iter().enumerate() {
                let lead = match j {
                    0 if selected => Span::styled(" > ", theme.status),
                    0 => Span::styled(" - ", theme.text),
                    _ => Span::raw("   "),
                };
                doc.push(Line::from(vec![lead, Span::styled(l, theme.text)]));
            }
            // URLs are cut by characters, never at a space; a terminal that cannot follow the
            // pieces as one link still gets it whole with `c` (copy) or `p` (print on quit).
            let style = if selected {
                theme.code_selected
            } else {
                theme.link
            };
            for (l, continued) in
                wrap_code(&sanitize_line(&link.url), width.saturating_sub(3).max(1))
            {
                doc.urls.push(UrlPiece {
                    line: doc.lines.len(),
                    column: 3,
                    text: l.clone(),
                    link: i,
                });
                doc.push(Line::from(vec![
                    margin(3, continued, theme),
                    Span::styled(l, style),
                ]));
            }
            doc.item_lines.push((start, doc.lines.len()));
        }
    }
    if !leaf.see_also.is_empty() {
        doc.blank();
        let action = v.selected_see_also.map(|_| s.open_label);
        doc.heading_with_action(s.see_also, action, theme);
        // One line an entry, selectable like a command (Tab); Enter opens it.
        for (i, id) in leaf.see_also.iter().enumerate() {
            let selected = v.selected_see_also == Some(i);
            let text = match v.see_also_titles.get(i) {
                Some(title) if !title.is_empty() => {
                    format!("{}  {}", sanitize_line(id), sanitize_line(title))
                }
                _ => sanitize_line(id),
            };
            let start = doc.lines.len();
            doc.push(Line::from(vec![
                Span::styled(if selected { " > " } else { "   " }, theme.status),
                Span::styled(
                    crate::text::truncate(&text, width.saturating_sub(3)),
                    if selected { theme.selected } else { theme.text },
                ),
            ]));
            doc.item_lines.push((start, doc.lines.len()));
        }
    }
    doc
}

fn width_of(s: &str) -> usize {
    width(s)
}

/// The search box's label, before the query.
pub fn query_label(lang: Lang) -> String {
    format!("{}: ", strings(lang).search_title)
}

/// Columns the query has in a search box `body_width` columns wide.
pub fn query_room(body_width: usize, lang: Lang) -> usize {
    body_width.saturating_sub(width(&query_label(lang))).max(1)
}

/// The part of a query the search box shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWindow {
    /// First character shown.
    pub start: usize,
    /// First character after the ones shown (the length when the query is shown to its end).
    pub end: usize,
    pub text: String,
    /// The cursor's column in `text`.
    pub cursor: usize,
}

/// What of `query` fits in `room` columns with the cursor (at character `cursor`) in view:
/// starting at `offset` when the cursor is visible from there, else scrolled just enough. When
/// the whole query fits from an earlier character, it starts there (no blank space is left at
/// the right while text is hidden at the left). At the end the cursor needs one column.
pub fn query_window(query: &str, cursor: usize, offset: usize, room: usize) -> QueryWindow {
    let room = room.max(1);
    let pieces: Vec<String> = query
        .chars()
        .map(|c| sanitize_line(&c.to_string()))
        .collect();
    let widths: Vec<usize> = pieces.iter().map(|p| width(p)).collect();
    // before[i]: columns of the characters before `i`.
    let mut before = vec![0; widths.len() + 1];
    for (i, w) in widths.iter().enumerate() {
        before[i + 1] = before[i] + w;
    }
    let cursor = cursor.min(pieces.len());
    let span = |a: usize, b: usize| before[b] - before[a];
    let cursor_cell = widths.get(cursor).copied().unwrap_or(1).max(1);
    let mut start = offset.min(cursor);
    while start < cursor && span(start, cursor) + cursor_cell > room {
        start += 1;
    }
    // (The text from `start - 1` on, and one column for the cursor at the end, fit.)
    while start > 0 && span(start - 1, pieces.len()) < room {
        start -= 1;
    }
    let mut text = String::new();
    let mut used = 0;
    let mut end = start;
    for (p, w) in pieces[start..].iter().zip(&widths[start..]) {
        if used + w > room {
            break;
        }
        text.push_str(p);
        used += w;
        end += 1;
    }
    QueryWindow {
        start,
        end,
        text,
        cursor: span(start, cursor),
    }
}

/// Code keeps its own line breaks and spaces; a long line is cut after its last space that
/// fits (the space stays at the end of the row: the rows put together are the line), or by
/// characters when that would leave less than half a row. Each row says whether it goes on
/// from the row before (a cut, not a line break of the code).
fn wrap_code(code: &str, max: usize) -> Vec<(String, bool)> {
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let mut out = Vec::new();
    for line in code.lines() {
        let line = line.replace('\t', "    ");
        let mut current = String::new();
        let mut used = 0;
        let mut continued = false;
        for c in line.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            while used + w > max && used > 0 {
                let cut = current
                    .rfind(' ')
                    .map(|i| i + 1)
                    .filter(|&i| i < current.len() && 2 * width(&current[..i]) >= max);
                let rest = match cut {
                    Some(i) => current.split_off(i),
                    None => String::new(),
                };
                out.push((std::mem::replace(&mut current, rest), continued));
                continued = true;
                used = width(&current);
            }
            current.push(c);
            used += w;
        }
        out.push((current, continued));
    }
    if out.is_empty() {
        out.push((String::new(), false));
    }
    out
}

/// The blank margin of `width` columns before a row of code or a URL; a row that goes on
/// from the one before shows it with a dim mark at the margin's end (the text itself stays
/// exactly the command, for the eye and for a mouse selection of it).
fn margin(width: usize, continued: bool, theme: &Theme) -> Span<'static> {
    if continued && width > 0 {
        Span::styled(format!("{}↪", " ".repeat(width - 1)), theme.dim)
    } else {
        Span::raw(" ".repeat(width))
    }
}

/// The question screen's body; `item_lines` holds each answer, then, with `search`, the
/// "none of these fits: search" line (in practice search is off: no such line).
pub fn question_document(
    q: &Question,
    lang: Lang,
    selected: usize,
    search: bool,
    width: usize,
    theme: &Theme,
) -> Document {
    question_body(q, lang, selected, search, true, width, theme)
}

/// A practice question below the message to solve: its text (`pinned`), "Why we ask", and the
/// answers (search is off: no "none of these fits" line). `spaced`: a blank line before the
/// answers (a small screen has no row for it).
pub fn practice_question_document(
    q: &Question,
    lang: Lang,
    selected: usize,
    spaced: bool,
    width: usize,
    theme: &Theme,
) -> Document {
    question_body(q, lang, selected, false, spaced, width, theme)
}

fn question_body(
    q: &Question,
    lang: Lang,
    selected: usize,
    search: bool,
    spaced: bool,
    width: usize,
    theme: &Theme,
) -> Document {
    let s = strings(lang);
    let width = width.max(1);
    let mut doc = Document::default();
    doc.para(q.text.get(lang), 0, width, theme.heading);
    doc.pinned = doc.lines.len();
    if let Some(why) = &q.why {
        doc.para(
            &format!("{}: {}", s.why_we_ask, why.get(lang)),
            0,
            width,
            theme.dim,
        );
    }
    if spaced {
        doc.blank();
    }
    for (i, a) in q.answers.iter().enumerate() {
        let style = if i == selected {
            theme.selected
        } else {
            theme.text
        };
        let start = doc.lines.len();
        let lines = wrap(&sanitize(a.label.get(lang)), width.saturating_sub(6).max(1));
        for (j, l) in lines.iter().enumerate() {
            let lead = if j == 0 {
                format!(" {} ", i + 1)
            } else {
                "   ".to_string()
            };
            let marker = if i == selected && j == 0 { ">" } else { " " };
            doc.push(Line::from(vec![
                Span::styled(marker.to_string(), theme.status),
                Span::styled(format!("{lead}{l}"), style),
            ]));
        }
        doc.item_lines.push((start, doc.lines.len()));
    }
    if search {
        let start = doc.lines.len();
        doc.para(&format!("0 {}", s.none_fits), 2, width, theme.dim);
        doc.item_lines.push((start, doc.lines.len()));
    }
    doc
}

/// First line to show so that lines `[start, end)` are visible in `height` rows, keeping `scroll`
/// when they already are.
pub fn keep_visible(scroll: usize, (start, end): (usize, usize), height: usize) -> usize {
    let height = height.max(1);
    if start < scroll {
        start
    } else if end > scroll + height {
        end.saturating_sub(height).min(start)
    } else {
        scroll
    }
}

/// The error message a trainee must solve, above the question.
pub fn practice_prompt(message: &str, lang: Lang, width: usize, theme: &Theme) -> Document {
    let mut doc = Document::default();
    doc.para(
        &format!("{}: {}", strings(lang).error_message, message),
        0,
        width.max(1),
        theme.status,
    );
    doc
}

/// What a practice verdict screen shows: the verdict of the round just played, or once the run
/// is over the score, its list's selected round marked, or the verdict of the round opened
/// again from it.
pub fn verdict_document(
    tree: &crate::tree::Tree,
    practice: &crate::practice::Practice,
    lang: Lang,
    width: usize,
    theme: &Theme,
) -> Document {
    let score = &practice.score;
    let result = match practice.review {
        Some(review) if practice.finished() => score.rounds.get(review.round),
        None if practice.finished() => {
            let selected = (!score.rounds.is_empty()).then(|| practice.selected());
            return score_document(tree, score, selected, lang, width, theme);
        }
        _ => practice.result(),
    };
    match result {
        Some(result) => round_verdict_document(tree, result, lang, width, theme),
        None => Document::default(),
    }
}

/// A fix's title in `lang`; empty for an id the tree does not have (any more).
fn leaf_title(tree: &crate::tree::Tree, id: &str, lang: Lang) -> String {
    tree.leaf(id)
        .map(|l| l.title.get(lang).to_string())
        .unwrap_or_default()
}

/// The score of a practice run: its heading, then a line for each round (`item_lines` holds
/// each round's lines). With `selected`, each line starts with a column where ">" marks the
/// selected round, which is drawn selected too (reverse video without colour).
pub fn score_document(
    tree: &crate::tree::Tree,
    score: &crate::practice::Score,
    selected: Option<usize>,
    lang: Lang,
    width: usize,
    theme: &Theme,
) -> Document {
    let width = width.max(1);
    let mut doc = Document::default();
    // "Score: 1/2 (ended after 2 of 3 rounds)" may not fit a narrow screen: wrapped.
    doc.para(&score.heading(lang), 0, width, theme.heading);
    doc.blank();
    for (i, r) in score.rounds.iter().enumerate() {
        let marker = match selected {
            Some(s) if s == i => ">",
            Some(_) => " ",
            None => "",
        };
        // A line that wraps goes on under the fix's id, not under the number.
        let lead = format!(
            "{marker}{:>2}. {} ",
            i + 1,
            crate::practice::round_mark(r, lang)
        );
        let mut text = format!(
            "{}  {}",
            sanitize_line(&r.target),
            leaf_title(tree, &r.target, lang)
        );
        if let Some(note) = crate::practice::round_note(r, lang) {
            text.push_str(&format!(" ({note})"));
        }
        let style = match (r.correct, r.close) {
            _ if selected == Some(i) => theme.selected,
            (true, _) => theme.text,
            (false, true) => theme.heading,
            (false, false) => theme.warning,
        };
        let start = doc.lines.len();
        doc.hang(&lead, &text, width, style);
        doc.item_lines.push((start, doc.lines.len()));
    }
    doc
}

/// The verdict of a practice round: the message, right, close or not, the fix for it and why,
/// the shortest way there, and where the trainee went another way.
pub fn round_verdict_document(
    tree: &crate::tree::Tree,
    result: &crate::practice::RoundResult,
    lang: Lang,
    width: usize,
    theme: &Theme,
) -> Document {
    let s = strings(lang);
    let width = width.max(1);
    let mut doc = Document::default();
    let title = |id: &str| leaf_title(tree, id, lang);
    doc.para(
        &format!(
            "{}: {}",
            s.error_message,
            crate::practice::prompt(tree, &result.target, lang)
        ),
        0,
        width,
        theme.dim,
    );
    doc.blank();
    // Right (by the fix itself, or another quoting the same message; straight or not), close
    // (a related fix, in the fix's "See also"), or wrong: the fix reached is named.
    let how = crate::practice::detour(result, lang);
    let same = result.reached != result.target;
    let (verdict, style) = match (result.correct, result.close) {
        (true, _) => {
            let (plain, with_how) = if same {
                (s.practice_same_message, s.practice_same_message_how)
            } else {
                (s.practice_correct, s.practice_correct_how)
            };
            let verdict = match &how {
                Some(how) => crate::i18n::fill(with_how, &[("how", how)]),
                None => plain.to_string(),
            };
            (verdict, theme.status)
        }
        (false, true) => (s.practice_close.to_string(), theme.heading),
        (false, false) => (s.practice_wrong.to_string(), theme.warning),
    };
    doc.para(&verdict, 0, width, style);
    for back in &result.taken_back {
        let step = crate::report::trail_steps(tree, [(back.question.as_str(), back.answer)], lang);
        if let Some(step) = step.first() {
            doc.hang(
                "  ",
                &format!(
                    "{}: {} > {}",
                    s.practice_taken_back, step.question, step.answer
                ),
                width,
                theme.warning,
            );
        }
    }
    let named = |label: &str, id: &str| format!("{label}: {}  {}", sanitize_line(id), title(id));
    if same {
        doc.hang(
            "  ",
            &named(s.practice_reached, &result.reached),
            width,
            theme.text,
        );
    }
    doc.hang(
        "  ",
        &named(s.practice_fix, &result.target),
        width,
        theme.text,
    );
    // Why that fix is the one: its cause, next to the message shown above.
    if !result.correct
        && let Some(target) = tree.leaf(&result.target)
    {
        doc.hang(
            "    ",
            &format!("{}: {}", s.cause, sanitize_line(target.cause.get(lang))),
            width,
            theme.dim,
        );
    }
    doc.blank();
    doc.heading(
        &format!("{} ({})", s.practice_shortest, result.shortest),
        theme,
    );
    let path = crate::report::path_steps(tree, &result.target, lang).unwrap_or_default();
    doc.path(&path, width, theme.text);
    if !result.wrong_turns.is_empty() {
        doc.blank();
        // Longer than a narrow screen: wrapped.
        doc.para(s.practice_wrong_turns, 0, width, theme.heading);
        // A question once, with every answer given there (one taken back, then another).
        let mut questions: Vec<&str> = Vec::new();
        for q in &result.wrong_turns {
            if !questions.contains(&q.as_str()) {
                questions.push(q);
            }
        }
        for id in questions {
            let Some(question) = tree.question(id) else {
                continue;
            };
            doc.hang("  - ", question.text.get(lang), width, theme.text);
            let label = |a: usize| {
                question
                    .answers
                    .get(a)
                    .map_or(String::new(), |a| sanitize_line(a.label.get(lang)))
            };
            let turns: Vec<crate::practice::Turn> = result
                .wrong_turns
                .iter()
                .zip(&result.turns)
                .filter(|(q, _)| *q == id)
                .map(|(_, turn)| *turn)
                .collect();
            for turn in &turns {
                let said = if turn.taken_back {
                    s.practice_you_answered_taken_back
                } else {
                    s.practice_you_answered
                };
                doc.hang(
                    "    ",
                    &format!("{said}: {}", label(turn.given)),
                    width,
                    theme.warning,
                );
            }
            if let Some(turn) = turns.first() {
                doc.hang(
                    "    ",
                    &format!("{}: {}", s.practice_right_answer, label(turn.right)),
                    width,
                    theme.status,
                );
            }
            if let Some(why) = &question.why {
                doc.hang("    ", why.get(lang), width, theme.dim);
            }
        }
    }
    doc
}

/// Width of the help's key column.
const HELP_KEY_COLUMN: usize = 16;

/// The key list for the screen `under` it (`search`: whether search is on, so its keys are
/// listed), `width` columns wide.
pub fn help_document(
    under: crate::keys::Ctx,
    search: bool,
    lang: Lang,
    width: usize,
    theme: &Theme,
) -> Document {
    use crate::keys::{self, Ctx};
    let mut rows = keys::help_rows_for(under, lang, search);
    // Ctrl-C is listed once, with the screen's keys.
    let always = keys::help_rows(Ctx::Always, lang);
    if search {
        rows.extend(
            keys::help_rows(Ctx::Search, lang)
                .into_iter()
                .filter(|row| !always.contains(row))
                .map(|(k, d)| (format!("/ {k}"), d)),
        );
    }
    // Keys longer than the column get a line of their own, the description under them.
    let key_width = rows
        .iter()
        .map(|(k, _)| self::width(k))
        .max()
        .unwrap_or(0)
        .min(HELP_KEY_COLUMN);
    let mut lines = vec![Line::from(Span::styled(
        strings(lang).help_title.to_string(),
        theme.heading,
    ))];
    let desc_width = width.saturating_sub(key_width + 2).max(1);
    for (k, d) in rows {
        let mut key = Some(k);
        if key.as_ref().is_some_and(|k| self::width(k) > key_width) {
            let k = key.take().unwrap_or_default();
            lines.push(Line::from(Span::styled(
                crate::text::truncate(&k, width),
                theme.status,
            )));
        }
        for part in wrap(d, desc_width) {
            let key = key.take().unwrap_or_default();
            let pad = key_width.saturating_sub(self::width(&key));
            lines.push(Line::from(vec![
                Span::styled(format!("{key}{}", " ".repeat(pad)), theme.status),
                Span::raw("  "),
                Span::styled(part, theme.text),
            ]));
        }
    }
    Document {
        lines,
        ..Document::default()
    }
}

#[cfg(test)]
mod tests {
    use super::wrap_code;

    #[test]
    fn code_is_cut_after_a_space_and_its_rows_make_the_line() {
        let line = "Get-AzRecoveryServicesBackupItem -BackupManagementType AzureVM -WorkloadType AzureVM -VaultId $vault.ID";
        for max in [1, 2, 7, 20, 33, 40, 80, 200] {
            let rows = wrap_code(line, max);
            let joined: String = rows.iter().map(|(r, _)| r.as_str()).collect();
            assert_eq!(joined, line, "{max}");
            assert!(
                rows.iter().all(|(r, _)| r.chars().count() <= max),
                "{max}: {rows:?}"
            );
            assert!(!rows[0].1 && rows[1..].iter().all(|r| r.1), "{max}");
        }
        let rows = wrap_code(line, 40);
        assert_eq!(rows[0].0, "Get-AzRecoveryServicesBackupItem ");
        assert_eq!(rows[1].0, "-BackupManagementType AzureVM ");
        // A word longer than a row is cut where the row ends; code keeps its own lines.
        let rows = wrap_code("abcdefghij klm\nxy", 4);
        let rows: Vec<&str> = rows.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(rows, ["abcd", "efgh", "ij ", "klm", "xy"]);
        // Wide characters never overflow a row.
        let rows = wrap_code("가나 다라마바", 5);
        assert!(
            rows.iter()
                .all(|(r, _)| unicode_width::UnicodeWidthStr::width(r.as_str()) <= 5),
            "{rows:?}"
        );
    }
}
