//! Draws the wizard's state with ratatui. Reads `App`, never changes it.

use crate::app::{App, FillState, Overlay, SearchState};
use crate::i18n::strings;
use crate::keys::Ctx;
use crate::text::{sanitize_line, truncate, width, wrap};
use crate::theme::Theme;
use crate::tree::{Lang, Node};
use crate::view::{self, Document};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub use crate::view::{MIN_HEIGHT, MIN_WIDTH};

/// The screen a key applies to, for `keys::to_msg`.
pub fn context(app: &App) -> Ctx {
    match &app.overlay {
        Some(Overlay::Help(_)) => Ctx::Help,
        Some(Overlay::Search(_)) => Ctx::Search,
        Some(Overlay::Fill(_)) => Ctx::Fill,
        None => match app.verdict_screen() {
            Some(screen) => screen,
            None if app.on_leaf() => Ctx::Leaf,
            None => Ctx::Question,
        },
    }
}

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, app, area, theme);
        return;
    }
    let row = |y: u16| Rect::new(area.x, area.y + y, area.width, 1);
    title_bar(frame, app, row(0), theme);
    breadcrumb(frame, app, row(1), theme);
    let body = body_area(area);
    match &app.overlay {
        Some(Overlay::Help(scroll)) => help(frame, app, *scroll, body, theme),
        None if app.practice_verdict() => {
            let size = (body.width.into(), body.height.into());
            if let Some((doc, scroll)) = app.verdict_view(size, theme) {
                draw_document(frame, doc, scroll, body);
            }
        }
        Some(Overlay::Search(state)) => search(frame, app, state, body, theme),
        Some(Overlay::Fill(form)) => fill_form(frame, app, form, body, theme),
        None => match app.node() {
            Node::Question(q) => {
                let size = (body.width.into(), body.height.into());
                match (
                    app.practice_message(size, theme),
                    app.practice_question(size, theme),
                ) {
                    (Some(message), Some(question)) => {
                        practice_question(frame, message, question, body, theme)
                    }
                    _ => {
                        // Search is off in practice: no "none of these fits: search" line.
                        let doc = view::question_document(
                            q,
                            app.lang,
                            app.selected,
                            app.practice.is_none(),
                            body.width.into(),
                            theme,
                        );
                        draw_question(frame, doc, app.selected, body);
                    }
                }
            }
            Node::Leaf(_) => {
                if let Some((doc, scroll)) = leaf_body(app, body, theme) {
                    draw_document(frame, doc, scroll, body);
                }
            }
        },
    }
    status_line(frame, app, row(area.height - 1), theme);
}

/// A practice question: the message to solve stays above the question. A long one gets a third
/// of the screen (or what the question leaves) and scrolls with PgDn/PgUp: "^" in the margin
/// when there is more above, its last line ending in ".." when there is more below. Under it
/// the question's text stays, and "Why we ask" and the answers scroll ("^" / "v").
fn practice_question(
    frame: &mut Frame,
    message: crate::app::PracticeMessage,
    question: crate::app::PracticeQuestion,
    body: Rect,
    theme: &Theme,
) {
    let view::Document { mut lines, .. } = message.doc;
    let below = lines.len() > message.scroll + message.rows;
    lines.drain(..message.scroll);
    lines.truncate(message.rows);
    if below && let Some(last) = lines.last_mut() {
        *last = cut_marked(last, body.width.into(), theme);
    }
    let used = message.rows as u16;
    let prompt = Document {
        lines,
        ..Document::default()
    };
    draw_document(
        frame,
        prompt,
        0,
        Rect {
            height: used,
            ..body
        },
    );
    let margin = body.x + body.width;
    let screen = frame.area();
    if message.scroll > 0 && margin < screen.x + screen.width {
        frame.buffer_mut()[(margin, body.y)].set_symbol("^");
    }
    let area = Rect {
        y: body.y + used,
        height: body.height.saturating_sub(used),
        ..body
    };
    let mut lines = question.doc.lines;
    let rest = lines.split_off(question.pinned.min(lines.len()));
    let pinned = question.pinned as u16;
    draw_document(
        frame,
        Document {
            lines,
            ..Document::default()
        },
        0,
        Rect {
            height: pinned.min(area.height),
            ..area
        },
    );
    draw_document(
        frame,
        Document {
            lines: rest,
            ..Document::default()
        },
        question.scroll,
        Rect {
            y: area.y + pinned.min(area.height),
            height: area.height.saturating_sub(pinned),
            ..area
        },
    );
}

/// `line` ending in ".." within `max` columns: the text before it gives way when the line is full
/// (Korean fills it to the last column).
fn cut_marked(line: &Line<'static>, max: usize, theme: &Theme) -> Line<'static> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let style = line.spans.first().map_or(theme.status, |s| s.style);
    Line::from(Span::styled(truncate(&format!("{text}.."), max), style))
}

/// The `pieces` of a line, each in its style, cut to `max` columns as [`truncate`] cuts their
/// text: the same characters, its ".." in `rest`.
fn cut_spans(pieces: Vec<(String, Style)>, max: usize, rest: Style) -> Vec<Span<'static>> {
    let whole: String = pieces.iter().map(|(text, _)| text.as_str()).collect();
    let cut = truncate(&whole, max);
    // `truncate` keeps a start of the text, then "..".
    let kept = if cut == whole {
        whole.len()
    } else {
        cut.strip_suffix("..")
            .filter(|start| whole.starts_with(start))
            .map_or(0, str::len)
    };
    let mut spans = Vec::with_capacity(pieces.len() + 1);
    let mut at = 0;
    for (text, style) in pieces {
        if at >= kept {
            break;
        }
        let take = (kept - at).min(text.len());
        spans.push(Span::styled(text[..take].to_string(), style));
        at += text.len();
    }
    if kept < cut.len() {
        spans.push(Span::styled(cut[kept..].to_string(), rest));
    }
    spans
}

/// The question screen's body in `area`: the question's text stays at the top while the rest
/// scrolls to keep the highlighted answer in view (the whole body shows when it fits).
fn draw_question(frame: &mut Frame, doc: Document, selected: usize, area: Rect) {
    let height = usize::from(area.height);
    let range = doc.item_lines.get(selected).copied().unwrap_or((0, 0));
    let pinned = doc.pinned.min(range.0);
    let scroll = view::keep_visible(0, range, height);
    // No room for the question and the answer together: the answer wins.
    if scroll == 0 || pinned == 0 || pinned + (range.1 - range.0).max(1) > height {
        draw_document(frame, doc, scroll, area);
        return;
    }
    let rest_height = height - pinned;
    let scroll = view::keep_visible(0, (range.0 - pinned, range.1 - pinned), rest_height);
    let mut lines = doc.lines;
    let rest = lines.split_off(pinned);
    let head = Document {
        lines,
        ..Document::default()
    };
    let pinned = pinned as u16;
    draw_document(
        frame,
        head,
        0,
        Rect {
            height: pinned,
            ..area
        },
    );
    let rest = Document {
        lines: rest,
        ..Document::default()
    };
    draw_document(
        frame,
        rest,
        scroll,
        Rect {
            y: area.y + pinned,
            height: area.height - pinned,
            ..area
        },
    );
}

/// Where a screen's body goes: one column of margin each side, below the title bar and the
/// breadcrumb, above the status line.
fn body_area(area: Rect) -> Rect {
    Rect::new(
        area.x + 1,
        area.y + 2,
        area.width.saturating_sub(2),
        area.height.saturating_sub(3),
    )
}

/// The leaf screen's body and the first line shown.
fn leaf_body(app: &App, body: Rect, theme: &Theme) -> Option<(Document, usize)> {
    let v = app.leaf_view()?;
    let doc = view::leaf_document(&v, body.width.into(), theme);
    let max = doc.lines.len().saturating_sub(body.height.into());
    Some((doc, app.scroll.min(max)))
}

/// A piece of a link's URL on screen, to be made a terminal hyperlink (OSC 8) after drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    pub x: u16,
    pub y: u16,
    /// The text drawn there, one ASCII character a cell.
    pub text: String,
    pub url: String,
    /// Groups the pieces of one wrapped URL (terminals underline them together on hover).
    pub id: String,
    /// Drawn selected (another style: the cells change when the selection does).
    pub selected: bool,
}

/// Longest URL sent as a hyperlink; terminals cap them (kitty and VTE near 2 KiB).
const MAX_HYPERLINK_BYTES: usize = 2000;

/// The pieces of link URLs visible on the leaf screen (none on other screens or under an
/// overlay), where `render` draws them in `area`. Only URLs of printable ASCII are linked: nothing
/// else can end up inside the escape sequence, and every character takes exactly one cell.
pub fn hyperlinks(app: &App, area: Rect) -> Vec<Hyperlink> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Vec::new();
    }
    if let Some(Overlay::Search(state)) = &app.overlay {
        return search_hyperlinks(app, state, body_area(area));
    }
    if app.overlay.is_some() || app.practice_verdict() || !app.on_leaf() {
        return Vec::new();
    }
    let Node::Leaf(leaf) = app.node() else {
        return Vec::new();
    };
    let body = body_area(area);
    let theme = Theme::new(crate::theme::ThemeName::Default, false);
    let Some((doc, scroll)) = leaf_body(app, body, &theme) else {
        return Vec::new();
    };
    let printable = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic());
    doc.urls
        .iter()
        .filter(|piece| (scroll..scroll + usize::from(body.height)).contains(&piece.line))
        .filter_map(|piece| {
            let url = &leaf.links.get(piece.link)?.url;
            if !printable(url) || url.len() > MAX_HYPERLINK_BYTES || !printable(&piece.text) {
                return None;
            }
            let x = body.x + u16::try_from(piece.column).ok()?;
            let room = usize::from((body.x + body.width).saturating_sub(x));
            let text: String = piece.text.chars().take(room).collect();
            let y = body.y + u16::try_from(piece.line - scroll).ok()?;
            (!text.is_empty()).then(|| Hyperlink {
                x,
                y,
                text,
                url: url.clone(),
                id: format!("triage-{}", piece.link + 1),
                selected: app.see_also.is_none() && app.link == Some(piece.link),
            })
        })
        .collect()
}

/// The page to read instead, under a search about a topic the tree does not cover (as
/// `search` draws it).
fn search_hyperlinks(app: &App, state: &SearchState, body: Rect) -> Vec<Hyperlink> {
    if state.query.trim().is_empty() || state.findings.nothing() {
        return Vec::new();
    }
    let Some(caution) = state.findings.caution(app.lang) else {
        return Vec::new();
    };
    let row = 1 + wrap(&caution, usize::from(body.width)).len();
    let Some(read) = read_instead_rows(app, state, body, row) else {
        return Vec::new();
    };
    let Some(href) = read.href else {
        return Vec::new();
    };
    read.url
        .into_iter()
        .enumerate()
        .filter_map(|(k, text)| {
            let y = body.y + u16::try_from(read.url_row + k).ok()?;
            (y < body.y + body.height).then(|| Hyperlink {
                x: body.x,
                y,
                text,
                url: href.clone(),
                id: "triage-elsewhere".to_string(),
                selected: false,
            })
        })
        .collect()
}

/// The OSC 8 sequence that starts a hyperlink to `url` (`None` when the URL cannot be sent
/// safely: only printable ASCII is).
pub fn hyperlink_start(url: &str, id: &str) -> Option<String> {
    let safe = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_graphic() && b != b';' && b != b':')
    };
    (url.bytes().all(|b| b.is_ascii_graphic()) && safe(id) && url.len() <= MAX_HYPERLINK_BYTES)
        .then(|| format!("\x1b]8;id={id};{url}\x1b\\"))
}

/// The OSC 8 sequence that ends a hyperlink.
pub const HYPERLINK_END: &str = "\x1b]8;;\x1b\\";

/// Draws the lines of `doc` from `scroll` on, with "^" / "v" in the right margin when there is
/// more above or below.
fn draw_document(frame: &mut Frame, doc: Document, scroll: usize, area: Rect) {
    let total = doc.lines.len();
    let height = usize::from(area.height);
    let lines: Vec<Line> = doc.lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(lines), area);
    let margin = area.x + area.width;
    let screen = frame.area();
    if area.height == 0 || margin >= screen.x + screen.width {
        return;
    }
    let buffer = frame.buffer_mut();
    if scroll > 0 {
        buffer[(margin, area.y)].set_symbol("^");
    }
    if scroll + height < total {
        buffer[(margin, area.y + area.height - 1)].set_symbol("v");
    }
}

fn too_small(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let message = crate::i18n::fill(
        strings(app.lang).too_small,
        &[("size", &format!("{}x{}", area.width, area.height))],
    );
    let lines: Vec<Line> = wrap(&message, area.width.into())
        .into_iter()
        .take(area.height.into())
        .map(|l| Line::from(Span::styled(l, theme.warning)))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn title_bar(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let right = format!(" {} ", app.lang.code().to_uppercase());
    let room = usize::from(area.width).saturating_sub(width(&right) + 1);
    let left = truncate(
        &format!(" triage  {}", sanitize_line(app.tree.title.get(app.lang))),
        room,
    );
    let pad = usize::from(area.width).saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::raw(right),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.bar), area);
}

/// "Start > Backing up > Windows": the answers given, without numbers (a number there would read
/// as the answer's number; Alt-N goes back to where the Nth answer was given, as the help says).
/// When the trail is too long, the oldest crumbs give way to "..".
fn breadcrumb(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let s = strings(app.lang);
    let max = usize::from(area.width).saturating_sub(2);
    // On the score no round is played and no answers are on the way: "Practice | Score", and
    // "| Round 2/3" on a round's verdict opened again from it.
    if let Some(p) = app.practice.as_ref().filter(|p| p.finished()) {
        let mut text = format!("{} | {}", s.practice_banner, s.practice_score);
        if let Some(review) = p.review {
            text.push_str(" | ");
            text.push_str(&crate::i18n::fill(
                s.practice_review_crumb,
                &[
                    ("n", &(review.round + 1).to_string()),
                    ("count", &p.score.rounds.len().to_string()),
                ],
            ));
        }
        let line = Line::from(Span::styled(
            format!(" {}", truncate(&text, max)),
            theme.crumb,
        ));
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let mut labels: Vec<String> = app
        .choices()
        .filter_map(|c| {
            app.tree.question(c.question).map(|q| {
                let label = q
                    .answers
                    .get(c.answer)
                    .map(|a| a.label.get(app.lang))
                    .unwrap_or("?");
                sanitize_line(label)
            })
        })
        .collect();
    labels.insert(0, s.start_of_tree.to_string());
    // In practice the round stays in view however deep the trail (the crumbs give way first).
    let round = app.practice.as_ref().map_or(String::new(), |p| {
        let round = (p.round + 1).min(p.targets.len());
        format!("{} {round}/{} | ", s.practice_banner, p.targets.len())
    });
    let room = max.saturating_sub(width(&round));
    // Whole when the trail fits; else earlier answers are cut shorter than the last one:
    // where you are matters most.
    let whole: usize = labels.iter().map(|l| width(l) + 3).sum();
    let last = labels.len() - 1;
    let crumbs: Vec<String> = if whole <= room + 3 {
        labels
    } else {
        // The widest cut of the earlier answers that fits (at least 24 columns; the last one
        // keeps 40 at least): a wide terminal shows as much of each as it can.
        let widths: Vec<usize> = labels.iter().map(|l| width(l)).collect();
        let fits = |cap: usize| {
            widths
                .iter()
                .enumerate()
                .map(|(i, &w)| match i {
                    0 => w,
                    _ if i == last => w.min(cap.max(40)),
                    _ => w.min(cap),
                } + 3)
                .sum::<usize>()
                <= room + 3
        };
        // Wider cuts take more room: the first that does not fit ends the search.
        let widest = widths.iter().copied().max().unwrap_or(0).max(24);
        let caps: Vec<usize> = (24..=widest).collect();
        let cap = caps[caps.partition_point(|&cap| fits(cap)).saturating_sub(1)];
        labels
            .into_iter()
            .enumerate()
            .map(|(i, l)| match i {
                0 => l,
                _ if i == last => truncate(&l, cap.max(40)),
                _ => truncate(&l, cap),
            })
            .collect()
    };
    let text = fit_crumbs(&crumbs, room);
    let line = Line::from(Span::styled(
        format!(" {}", truncate(&format!("{round}{text}"), max)),
        theme.crumb,
    ));
    frame.render_widget(Paragraph::new(line), area);
}

/// The crumbs joined with " > ", the oldest (after the first) giving way to ".." until the line
/// fits in `max` columns. Linear in the number of crumbs: a trail may be thousands of answers
/// deep.
fn fit_crumbs(crumbs: &[String], max: usize) -> String {
    const SEP: usize = 3; // " > "
    let widths: Vec<usize> = crumbs.iter().map(|c| width(c)).collect();
    // suffix[i]: width of crumbs[i..] joined.
    let mut suffix = vec![0; crumbs.len() + 1];
    for i in (0..crumbs.len()).rev() {
        let rest = if i + 1 < crumbs.len() {
            SEP + suffix[i + 1]
        } else {
            0
        };
        suffix[i] = widths[i] + rest;
    }
    if crumbs.len() < 2 || suffix[0] <= max {
        return crumbs.join(" > ");
    }
    // "FIRST .. > crumbs[k..]", with as many of the newest crumbs as fit.
    let lead = widths[0] + " .. > ".len();
    match (2..crumbs.len()).find(|k| lead + suffix[*k] <= max) {
        Some(k) => format!("{} .. > {}", crumbs[0], crumbs[k..].join(" > ")),
        None => format!(".. > {}", crumbs[crumbs.len() - 1]),
    }
}

fn status_line(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let s = strings(app.lang);
    let (text, style) = match &app.status {
        Some(status) => (
            fit_status(status, app.lang, usize::from(area.width).saturating_sub(1)),
            theme.status,
        ),
        // The key list opened on a verdict has its own keys, as on a question.
        None if context(app) == Ctx::Verdict => (
            match &app.practice {
                // After the last round Enter shows the score.
                Some(p) if p.round + 1 >= p.targets.len() => s.practice_to_score,
                _ => s.practice_next,
            }
            .to_string(),
            theme.dim,
        ),
        None if context(app) == Ctx::Review => (s.practice_review_hint.to_string(), theme.dim),
        // With no round played there is nothing to select, open or retry.
        None if context(app) == Ctx::Score => (
            match &app.practice {
                Some(p) if p.score.rounds.is_empty() => s.practice_done,
                // One column is the footer's margin.
                _ if width(s.practice_score_hint) < usize::from(area.width) => {
                    s.practice_score_hint
                }
                _ => s.practice_score_hint_short,
            }
            .to_string(),
            theme.dim,
        ),
        None if app.practice.is_some() && context(app) == Ctx::Question => {
            let body = body_area(frame.area());
            (practice_question_hint(app, body, area.width), theme.dim)
        }
        None => {
            let narrow = usize::from(area.width) < 64;
            let hint = match (context(app), narrow) {
                (Ctx::Question, false) => s.question_hint,
                (Ctx::Question, true) => s.question_hint_short,
                (Ctx::Leaf, false) => s.leaf_hint,
                (Ctx::Leaf, true) => s.leaf_hint_short,
                (Ctx::Search, _) => s.search_hint,
                (Ctx::Fill, _) => s.fill_hint,
                (Ctx::Help, _) => s.help_hint,
                _ => s.quit_hint,
            };
            let answers = match app.node() {
                Node::Question(q) => q.answers.len(),
                Node::Leaf(_) => 0,
            };
            // The wizard's question lists "0 None of these fits: search" under its answers.
            let first = if app.practice.is_none() { 0 } else { 1 };
            (
                hint.replace("1-9", &format!("{first}-{answers}")),
                theme.dim,
            )
        }
    };
    let text = truncate(&format!(" {text}"), area.width.into());
    frame.render_widget(Paragraph::new(Line::from(Span::styled(text, style))), area);
}

/// The footer of a practice question: its keys, with PgUp/PgDn when the message to solve is
/// longer than its rows in `body`; the long form when it fits in `columns`.
fn practice_question_hint(app: &App, body: Rect, columns: u16) -> String {
    let s = strings(app.lang);
    let theme = Theme::new(crate::theme::ThemeName::Default, false);
    let size = (body.width.into(), body.height.into());
    let cut = app.practice_message(size, &theme).is_some_and(|m| m.cut());
    let (long, short) = if cut {
        (
            s.practice_question_hint_scroll,
            s.practice_question_hint_scroll_short,
        )
    } else {
        (s.practice_question_hint, s.practice_question_hint_short)
    };
    let answers = match app.node() {
        Node::Question(q) => q.answers.len(),
        Node::Leaf(_) => 0,
    };
    let fit = |hint: &str| hint.replace("1-9", &format!("1-{answers}"));
    // One column is the footer's margin.
    if width(&fit(long)) < usize::from(columns) {
        fit(long)
    } else {
        fit(short)
    }
}

/// A status message in `max` columns, what matters first. Its first line is always shown, cut
/// at the end when it must be (down to [`STATUS_FIRST_MIN`] columns to make room); each further
/// line (a hint after a copy: the copy may not have reached the clipboard) only when it fits
/// whole. "Transcript written to <path>" too long keeps the end of the path, the file name.
pub fn fit_status(status: &str, lang: Lang, max: usize) -> String {
    let mut parts = status.split('\n').map(sanitize_line);
    let text = parts.next().unwrap_or_default();
    let first_min = width(&text).min(STATUS_FIRST_MIN);
    let mut hints = String::new();
    for part in parts {
        if first_min + width(&hints) + 1 + width(&part) <= max {
            hints.push(' ');
            hints.push_str(&part);
        }
    }
    if !hints.is_empty() {
        return truncate(&text, max - width(&hints)) + &hints;
    }
    if width(&text) <= max {
        return text;
    }
    let lead = format!("{} ", strings(lang).transcript_written);
    match text.strip_prefix(&lead) {
        Some(path) if width(&lead) + ELIDED.len() < max => {
            let room = max - width(&lead);
            format!("{lead}{}", keep_end(path, room))
        }
        _ => truncate(&text, max),
    }
}

/// Marks the start cut off a path.
const ELIDED: &str = "...";

/// Lines of the selected search result's message shown under it.
const SELECTED_PREVIEW_LINES: usize = 2;
/// The screen's height from which the selected result's message gets its two lines.
const TALL_FOR_PREVIEW: u16 = 16;
/// The indent of a result's message under its title and why.
const PREVIEW_INDENT: &str = "    ";

/// Columns the first line of a status keeps at least when a hint after it needs room ("Sent to
/// tmux: vssad..").
const STATUS_FIRST_MIN: usize = 18;

/// The end of `path` in `room` columns, after `...`: from a separator when one fits (whole names
/// only), else the end of the file name.
fn keep_end(path: &str, room: usize) -> String {
    if width(path) <= room {
        return path.to_string();
    }
    let room = room.saturating_sub(ELIDED.len());
    let mut start = path.len();
    let mut used = 0;
    for (i, c) in path.char_indices().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > room {
            break;
        }
        start = i;
    }
    let tail = &path[start..];
    let tail = tail.find(['/', '\\']).map_or(tail, |i| &tail[i..]);
    format!("{ELIDED}{tail}")
}

fn help(frame: &mut Frame, app: &App, scroll: usize, area: Rect, theme: &Theme) {
    let (under, search) = app.help_context();
    let doc = view::help_document(under, search, app.lang, area.width.into(), theme);
    let max = doc.lines.len().saturating_sub(area.height.into());
    // "^" / "v" in the margin say there is more to scroll to.
    draw_document(frame, doc, scroll.min(max), area);
}

/// The fill-in form: the command as it will be copied, then one line per placeholder, the
/// cursor at the end of the field being typed into.
fn fill_form(frame: &mut Frame, app: &App, form: &FillState, area: Rect, theme: &Theme) {
    let s = strings(app.lang);
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let fields = form.names.len();
    let title = wrap(s.fill_title, width);
    let code_width = width.saturating_sub(2).max(1);
    let command = sanitize_line(&form.preview());
    let preview = wrap(&command, code_width);
    // A short terminal keeps the fields, then the part of the command where the field being
    // typed into goes, then the blank lines, then the title.
    let room = height.saturating_sub(fields);
    let blanks = usize::from(room > preview.len()) + usize::from(room > preview.len() + 1);
    let show_title = room >= title.len() + blanks + preview.len();
    let shown = room.saturating_sub(blanks).min(preview.len());
    let focus = line_of(&command, &preview, form.field_start());
    let first = (focus + 1).saturating_sub(shown).min(preview.len() - shown);
    let mut lines: Vec<Line> = Vec::new();
    if show_title {
        for l in title {
            lines.push(Line::from(Span::styled(l, theme.heading)));
        }
    }
    if blanks == 2 {
        lines.push(Line::default());
    }
    for l in &preview[first..first + shown] {
        lines.push(Line::from(Span::styled(format!("  {l}"), theme.code)));
    }
    if blanks >= 1 {
        lines.push(Line::default());
    }
    let label_width = form
        .names
        .iter()
        .map(|n| width_of_name(n))
        .max()
        .unwrap_or(0)
        .min(width / 2);
    lines.truncate(room);
    let first_field = (form.field + 1).saturating_sub(height);
    let mut cursor = None;
    for (i, (name, value)) in form
        .names
        .iter()
        .zip(&form.values)
        .enumerate()
        .skip(first_field)
    {
        let selected = i == form.field;
        let label = truncate(&format!("<{}>", sanitize_line(name)), label_width + 2);
        let pad = (label_width + 2).saturating_sub(crate::text::width(&label));
        let lead = format!(
            "{} {label}{} ",
            if selected { ">" } else { " " },
            " ".repeat(pad)
        );
        // A long value scrolls sideways as the search box does: the cursor stays in view (the
        // end of the other fields).
        let room = width.saturating_sub(crate::text::width(&lead));
        let at = if selected {
            form.cursor
        } else {
            value.chars().count()
        };
        let shown = view::query_window(value, at, 0, room);
        if selected {
            cursor = Some((lines.len(), crate::text::width(&lead) + shown.cursor));
        }
        lines.push(Line::from(vec![
            Span::styled(lead, if selected { theme.selected } else { theme.text }),
            // A field just entered is drawn selected: typing replaces it.
            Span::styled(
                shown.text,
                if selected && form.fresh {
                    theme.selected
                } else {
                    theme.code
                },
            ),
        ]));
    }
    if let Some((row, column)) = cursor
        && row < usize::from(area.height)
        && column < width
    {
        frame.set_cursor_position(Position::new(area.x + column as u16, area.y + row as u16));
    }
    let lines: Vec<Line> = lines.into_iter().take(area.height.into()).collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The line of `lines`, the wrapped `text`, that holds character `at` of it.
fn line_of(text: &str, lines: &[String], at: usize) -> usize {
    let byte = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
    // Wrapping drops the spaces where it breaks: find each line in the text.
    let mut from = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(found) = text[from..].find(line.as_str()).map(|f| from + f) else {
            return i;
        };
        from = found + line.len();
        if byte < from {
            return i;
        }
    }
    lines.len().saturating_sub(1)
}

fn width_of_name(name: &str) -> usize {
    crate::text::width(&sanitize_line(name))
}

/// In a close call, what Tab asks: the question that tells the first two results apart.
fn split_hint(app: &App, state: &SearchState) -> Option<String> {
    let question = app.tree.question(&state.split.as_ref()?.question)?;
    Some(crate::i18n::fill(
        crate::i18n::strings(app.lang).split_hint,
        &[("question", &sanitize_line(question.text.get(app.lang)))],
    ))
}

/// Rows the search box keeps for results under its notices (a result and its reason, twice).
const SEARCH_RESULT_ROOM: usize = 4;

/// Where to read about a topic the tree does not cover, as the search box draws it under its
/// notice: the page's title, then its address cut to the width (one hyperlink over the rows).
struct ReadInstead {
    /// The row of the address's first piece, in the search box.
    url_row: usize,
    label: Vec<String>,
    url: Vec<String>,
    /// The whole address (when it can be a hyperlink: printable ASCII).
    href: Option<String>,
}

/// The rows of [`ReadInstead`] when the notice ends at row `row` of the search box `area`;
/// none when there is no link, or no room for it and the first results (a small screen).
fn read_instead_rows(
    app: &App,
    state: &SearchState,
    area: Rect,
    row: usize,
) -> Option<ReadInstead> {
    let topic = state.findings.not_covered.as_ref()?;
    let (label, url) = crate::app::read_instead_parts(topic, app.lang)?;
    let width = usize::from(area.width).max(1);
    let label = wrap(&label, width);
    let printable = !url.is_empty() && url.bytes().all(|b| b.is_ascii_graphic());
    let url_rows: Vec<String> = if printable {
        url.as_bytes()
            .chunks(width)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect()
    } else {
        wrap(&url, width)
    };
    let rows = label.len() + url_rows.len();
    (row + rows + 1 + SEARCH_RESULT_ROOM <= usize::from(area.height)).then(|| ReadInstead {
        url_row: row + label.len(),
        label,
        url: url_rows,
        href: (printable && url.len() <= MAX_HYPERLINK_BYTES).then(|| url.clone()),
    })
}

fn search(frame: &mut Frame, app: &App, state: &SearchState, area: Rect, theme: &Theme) {
    let s = strings(app.lang);
    let label = view::query_label(app.lang);
    // A long query scrolls sideways with the cursor (the app keeps the offset as it moves).
    let room = view::query_room(area.width.into(), app.lang);
    let shown = view::query_window(&state.query, state.cursor, state.offset, room);
    let mut lines = vec![Line::from(vec![
        Span::styled(label.clone(), theme.heading),
        // The reopened last search is drawn selected: typing replaces it.
        Span::styled(
            shown.text.clone(),
            if state.restored {
                theme.selected
            } else {
                theme.text
            },
        ),
    ])];
    let cursor_x = area.x + (width(&label) + shown.cursor) as u16;
    if area.height > 0 && cursor_x < area.x + area.width {
        frame.set_cursor_position(Position::new(cursor_x, area.y));
    }
    // "<" and ">" in the margins say the query goes on beyond the box.
    let (hidden_left, hidden_right) = (shown.start > 0, shown.end < state.query.chars().count());
    let screen = frame.area();
    if area.height > 0 && area.x > screen.x && hidden_left {
        frame.buffer_mut()[(area.x - 1, area.y)].set_symbol("<");
    }
    if area.height > 0 && area.x + area.width < screen.x + screen.width && hidden_right {
        frame.buffer_mut()[(area.x + area.width, area.y)].set_symbol(">");
    }
    let body_width = usize::from(area.width);
    if state.query.trim().is_empty() {
        for l in wrap(s.search_prompt, body_width) {
            lines.push(Line::from(Span::styled(l, theme.dim)));
        }
    } else if state.findings.nothing() {
        for l in wrap(s.search_no_match, body_width) {
            lines.push(Line::from(Span::styled(l, theme.warning)));
        }
    } else if let Some(caution) = state.findings.caution(app.lang) {
        for l in wrap(&caution, body_width) {
            lines.push(Line::from(Span::styled(l, theme.warning)));
        }
        if let Some(read) = read_instead_rows(app, state, area, lines.len()) {
            for l in read.label {
                lines.push(Line::from(Span::styled(l, theme.dim)));
            }
            for l in read.url {
                lines.push(Line::from(Span::styled(l, theme.link)));
            }
        }
        if let Some(hint) = split_hint(app, state) {
            lines.push(Line::from(Span::styled(
                truncate(&hint, body_width),
                theme.dim,
            )));
        }
    }
    lines.push(Line::default());
    let header = lines.len();
    let mut item_lines = Vec::new();
    for (i, hit) in state.findings.hits.iter().enumerate() {
        let leaf = app.tree.leaf(&hit.id);
        let title = leaf
            .map(|l| l.title.get(app.lang).to_string())
            .unwrap_or_default();
        let selected = i == state.selected;
        let start = lines.len();
        let style = if selected { theme.selected } else { theme.text };
        let marker = if selected { ">" } else { " " };
        // The words of the title the query matched stand out, as fzf's matched characters.
        let mut pieces = vec![(format!("{marker} {}  ", sanitize_line(&hit.id)), style)];
        for (piece, marked) in crate::text::marked_pieces(&title, &hit.marks) {
            let piece_style = if marked {
                style.patch(theme.matched)
            } else {
                style
            };
            pieces.push((sanitize_line(piece), piece_style));
        }
        lines.push(Line::from(cut_spans(pieces, body_width, style)));
        if !hit.why.is_empty() {
            lines.push(Line::from(Span::styled(
                truncate(&format!("    {}", sanitize_line(&hit.why)), body_width),
                theme.dim,
            )));
        }
        // What the fix is about, to choose without opening it (fzf's preview): the selected
        // result's message on up to two lines; in a close call, the first ones' on one.
        let preview_lines = if selected {
            // A short screen keeps its rows for other results.
            if frame.area().height >= TALL_FOR_PREVIEW {
                SELECTED_PREVIEW_LINES
            } else {
                1
            }
        } else if state.findings.close && i < crate::report::CLOSE_CALL_SHOWN {
            1
        } else {
            0
        };
        if let Some(leaf) = leaf.filter(|_| preview_lines > 0) {
            let said = crate::report::compare_line(leaf, app.lang, usize::MAX);
            let room = body_width.saturating_sub(PREVIEW_INDENT.len()).max(1);
            let mut rows = wrap(&said, room);
            if rows.len() > preview_lines {
                // The last row shown ends with ".." (the rest is cut), whatever its length.
                let rest = rows.split_off(preview_lines - 1).join(" ");
                rows.push(truncate(&rest, room));
            }
            for row in rows {
                lines.push(Line::from(Span::styled(
                    format!("{PREVIEW_INDENT}{row}"),
                    theme.text,
                )));
            }
        }
        item_lines.push((start, lines.len()));
    }
    // The box and its notices stay put; the results scroll under them.
    let height = usize::from(area.height);
    let results_height = height.saturating_sub(header).max(1);
    let range = item_lines
        .get(state.selected)
        .map(|(a, b)| (a - header, b - header))
        .unwrap_or((0, 0));
    let scroll = view::keep_visible(0, range, results_height);
    let mut shown_lines: Vec<Line> = lines[..header.min(lines.len())].to_vec();
    shown_lines.extend(lines.into_iter().skip(header + scroll));
    let shown_lines: Vec<Line> = shown_lines.into_iter().take(height).collect();
    frame.render_widget(Paragraph::new(shown_lines).style(Style::default()), area);
}
