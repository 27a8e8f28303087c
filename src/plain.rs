//! The wizard as numbered lines on stdin/stdout: for dumb terminals, screen readers, scripts and
//! pipes. It drives the same state machine as the full-screen UI.

use crate::app::{self, App, Msg, Overlay};
use crate::i18n::strings;
use crate::report;
use crate::text::sanitize_line;
use crate::tree::Node;
use std::io::{BufRead, Write};

/// Longest input line read; a longer paste is cut (it is a search query at most).
const MAX_LINE: usize = 64 * 1024;

/// Runs until quit or end of input; returns the exit code.
pub fn run(app: &mut App, input: &mut impl BufRead, out: &mut impl Write) -> std::io::Result<i32> {
    run_with(app, input, out, &mut |_| {}, &mut |_| false)
}

/// `run`, calling `after_each` once per line handled (the caller keeps the history up to date).
/// `pasted_more(input)` says whether more lines came with the last one, at once, as a paste
/// into a terminal does (a pipe's lines are commands, one per line: give `|_| false`): they
/// are one text to search for, not commands.
pub fn run_with<R: BufRead>(
    app: &mut App,
    input: &mut R,
    out: &mut impl Write,
    after_each: &mut dyn FnMut(&App),
    pasted_more: &mut dyn FnMut(&mut R) -> bool,
) -> std::io::Result<i32> {
    let mut shown: Option<String> = None;
    // Lines that came together but are each a command (`2`, `q`, `VMName=vm-01`): one per turn.
    let mut queued: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    loop {
        let s = strings(app.lang);
        let here = screen_key(app);
        if shown.as_deref() != Some(here.as_str()) {
            // A blank line between screens, not before the first (`triage | head -1`).
            if shown.is_some() {
                writeln!(out)?;
            }
            print_screen(app, out)?;
            shown = Some(here);
        }
        let prompt = match (&app.overlay, app.node()) {
            _ if app.practice.as_ref().is_some_and(|p| p.finished()) => s.plain_done_prompt,
            _ if app.practice_verdict() => s.plain_verdict_prompt,
            (Some(Overlay::Search(_)), _) => s.plain_search_prompt,
            // Search is off in practice: the prompt does not offer it.
            (_, Node::Question(_)) if app.practice.is_some() => s.plain_practice_prompt,
            (_, Node::Question(_)) => s.plain_question_prompt,
            (_, Node::Leaf(l)) if !l.see_also.is_empty() => s.plain_leaf_see_also_prompt,
            (_, Node::Leaf(_)) => s.plain_leaf_prompt,
        };
        // A fix with blanks says how to fill them, at every prompt.
        let blanks = matches!(app.node(), Node::Leaf(l) if !crate::fill::leaf_names(l).is_empty());
        match prompt.strip_prefix('(') {
            Some(rest) if blanks && app.overlay.is_none() && !app.practice_verdict() => {
                write!(out, "({}{rest}", s.plain_prompt_fill)?
            }
            _ => write!(out, "{prompt}")?,
        }
        out.flush()?;
        let from_queue = !queued.is_empty();
        let (line, mut cut) = match queued.pop_front() {
            Some(line) => {
                writeln!(out, "{}", sanitize_line(line.trim()))?;
                (line, false)
            }
            None => match read_line(input)? {
                Some(read) => read,
                None => {
                    writeln!(out)?;
                    score_on_quit(app, out)?;
                    return Ok(0);
                }
            },
        };
        let mut pasted = vec![line];
        // A line of a paste taken apart already is one command.
        while !from_queue
            && app.practice.is_none()
            && !app.practice_verdict()
            && pasted.iter().map(String::len).sum::<usize>() < MAX_LINE
            && pasted_more(input)
        {
            let Some((more, more_cut)) = read_line(input)? else {
                break;
            };
            pasted.push(more);
            cut |= more_cut;
        }
        if pasted.len() > 1 && pasted.iter().all(|l| is_command(l.trim())) {
            queued.extend(pasted.drain(1..));
        }
        let lines = pasted.len();
        let pasted = pasted.join("\n");
        if lines > 1 {
            // A pasted log or portal text: found as a whole, wherever it was pasted.
            if !matches!(app.overlay, Some(Overlay::Search(_))) {
                app::update(app, Msg::OpenSearch);
            }
            app::update(app, Msg::ClearQuery);
            app::paste(app, pasted.trim());
        } else {
            handle(app, pasted.trim());
        }
        after_each(app);
        if cut && app.status.is_none() {
            app.status = Some(crate::app::paste_cut_notice(app.lang, MAX_LINE));
        }
        // What the full-screen UI shows on its status line (a paste cut short, a refusal), here
        // as a line of its own.
        // Keys named for the full-screen wizard are words here.
        let s = strings(app.lang);
        if app.status.as_deref() == Some(s.restarted) {
            app.status = Some(s.plain_restarted.to_string());
        }
        if let Some(status) = app.status.take() {
            writeln!(out, "{}", sanitize_line(&status))?;
        }
        if app.quit {
            score_on_quit(app, out)?;
            return Ok(0);
        }
    }
}

/// Whether `line` is something the prompts take as a command (an answer or result number, a
/// key word, `/TEXT`, `NAME=VALUE`), not text to search for.
fn is_command(line: &str) -> bool {
    line.is_empty()
        || (line.len() <= 3 && line.bytes().all(|b| b.is_ascii_digit()))
        || matches!(
            line,
            "q" | "quit" | "exit" | "b" | "back" | "r" | "restart" | "L" | "lang" | "?"
        )
        || line.starts_with('/')
        || crate::fill::setting(line).is_some()
}

/// Whether `line`, not a command, is text to search for: two letters or more, or a number
/// too long to be an answer (an error code such as 320001).
fn searchable(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 || (line.len() >= 4 && line.bytes().all(|b| b.is_ascii_digit()))
}

/// A practice run ended before its score screen (`q` mid-round, end of input, Ctrl-C): the score
/// of the rounds played, as the full-screen wizard prints it when it quits. After the score
/// screen: its line again with the seed, which plays the same rounds again.
pub fn score_on_quit(app: &App, out: &mut impl Write) -> std::io::Result<()> {
    match &app.practice {
        Some(p) if !p.finished() => write!(
            out,
            "\n{}",
            report::practice_summary(&app.tree, &p.score, app.lang)
        ),
        Some(p) => writeln!(out, "\n{}", sanitize_line(&p.score.summary(app.lang))),
        None => Ok(()),
    }
}

/// Identifies what is on screen, so a screen is printed again only when it changed.
fn screen_key(app: &App) -> String {
    let round = app.practice.as_ref().map_or(0, |p| p.round);
    match &app.overlay {
        Some(Overlay::Search(state)) => format!("search:{}", state.query),
        // New values for placeholders print the fix again, its commands filled in.
        _ => format!(
            "{}:{}:{:?}:{round}:{}:{:?}",
            app.current,
            app.trail.len(),
            app.lang,
            app.practice_verdict(),
            app.values
        ),
    }
}

/// The next line, and whether it was longer than [`MAX_LINE`] and cut.
fn read_line<R: BufRead>(input: &mut R) -> std::io::Result<Option<(String, bool)>> {
    let mut buf = Vec::new();
    let n = std::io::Read::take(&mut *input, MAX_LINE as u64).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    let mut cut = buf.len() >= MAX_LINE && buf.last() != Some(&b'\n');
    let next = if cut {
        input.fill_buf()?.first().copied()
    } else {
        None
    };
    if cut && matches!(next, None | Some(b'\n')) {
        // Exactly as long as the limit: nothing is lost.
        input.consume(usize::from(next.is_some()));
        cut = false;
    } else if cut {
        // A character cut in two at the end is dropped whole.
        if let Err(e) = std::str::from_utf8(&buf)
            && e.error_len().is_none()
        {
            buf.truncate(e.valid_up_to());
        }
        // Drop the rest of an over-long line, without keeping it in memory.
        loop {
            let chunk = input.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            match chunk.iter().position(|b| *b == b'\n') {
                Some(i) => {
                    input.consume(i + 1);
                    break;
                }
                None => {
                    let n = chunk.len();
                    input.consume(n);
                }
            }
        }
    }
    Ok(Some((String::from_utf8_lossy(&buf).into_owned(), cut)))
}

/// Results listed under a search (and so the numbers that open one).
const SHOWN_RESULTS: usize = 10;

/// Acts on one line. What is not understood gets a short notice of what is (on the status line,
/// which `run` prints before the prompt comes again); an empty line is only re-prompted.
fn handle(app: &mut App, line: &str) {
    if app.practice_verdict() {
        let finished = app.practice.as_ref().is_some_and(|p| p.finished());
        let msg = match line {
            "q" | "quit" | "exit" => Msg::Quit,
            // On the score: a run of the rounds not right (or a line saying there is none).
            "r" | "retry" if finished => Msg::Restart,
            // Each verdict was printed as its round ended: anything else quits, as before.
            _ if finished => Msg::Quit,
            _ => Msg::Confirm,
        };
        app::update(app, msg);
        return;
    }
    let s = strings(app.lang);
    if let Some(Overlay::Search(state)) = &app.overlay {
        let shown = state.findings.hits.len().min(SHOWN_RESULTS);
        match line {
            "" => {
                app::update(app, Msg::Escape);
            }
            "?" if state.split.is_some() => {
                app::update(app, Msg::AskSplit);
            }
            "?" => app.status = Some(s.plain_no_split.to_string()),
            // One or two digits choose a result; a longer number (an error code such as 320001)
            // is searched for.
            n if n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()) => {
                let n: usize = n.parse().unwrap_or(0);
                if (1..=shown).contains(&n) {
                    for _ in 0..shown {
                        app::update(app, Msg::Up);
                    }
                    for _ in 1..n {
                        app::update(app, Msg::Down);
                    }
                    app::update(app, Msg::Confirm);
                } else if shown == 0 {
                    app.status = Some(s.plain_no_result.to_string());
                } else {
                    app.status = Some(
                        s.plain_bad_result
                            .replace("{n}", &n.to_string())
                            .replace("{max}", &shown.to_string()),
                    );
                }
            }
            text => {
                app::update(app, Msg::ClearQuery);
                app::paste(app, text);
            }
        }
        return;
    }
    let msg = match line {
        "" => return,
        "q" | "quit" | "exit" => Msg::Quit,
        "b" | "back" => Msg::Back,
        "r" | "restart" => Msg::Restart,
        "L" | "lang" => Msg::ToggleLang,
        "0" | "/" => Msg::OpenSearch,
        search if search.starts_with('/') => {
            app::update(app, Msg::OpenSearch);
            app::paste(app, search[1..].trim());
            return;
        }
        // Text that is no command is searched for, as typing it in the full-screen wizard does
        // (an error code, a message); not in practice, where search is off.
        text if app.practice.is_none()
            && !is_command(text)
            && !matches!(app.node(), Node::Leaf(l)
                if l.see_also.iter().any(|id| id.eq_ignore_ascii_case(text)))
            && searchable(text) =>
        {
            app::update(app, Msg::OpenSearch);
            app::paste(app, text.trim());
            return;
        }
        other => match app.node() {
            Node::Question(q) => match other.parse::<usize>() {
                Ok(n) if (1..=q.answers.len()).contains(&n) => Msg::Choose(n - 1),
                _ => {
                    let bad = match app.practice {
                        Some(_) => s.plain_bad_answer_practice,
                        None => s.plain_bad_answer,
                    };
                    app.status = Some(bad.replace("{max}", &q.answers.len().to_string()));
                    return;
                }
            },
            // NAME=VALUE fills in a placeholder of the fix's commands.
            Node::Leaf(leaf) if let Some((name, value)) = crate::fill::setting(other) => {
                let key = crate::fill::key(name);
                let used = crate::fill::leaf_names(leaf)
                    .iter()
                    .any(|n| crate::fill::key(n) == key);
                if !used {
                    app.status = Some(crate::i18n::fill(
                        s.plain_no_placeholder,
                        &[("name", &sanitize_line(name))],
                    ));
                } else if let Err(bad) = app.values.set(name, value) {
                    app.status = Some(app::refused(s, &[bad]));
                }
                return;
            }
            Node::Leaf(l) => match l
                .see_also
                .iter()
                .position(|id| id.eq_ignore_ascii_case(other))
            {
                // A "See also" id opens that fix, as Enter on it does in the full-screen wizard.
                Some(i) => {
                    app.see_also = Some(i);
                    Msg::Confirm
                }
                None if l.see_also.is_empty() => {
                    app.status = Some(s.plain_bad_leaf.to_string());
                    return;
                }
                None => {
                    app.status = Some(
                        s.plain_bad_leaf_see_also
                            .replace("{ids}", &sanitize_line(&l.see_also.join(", "))),
                    );
                    return;
                }
            },
        },
    };
    let before = (app.current.clone(), app.trail.len(), app.events.len());
    app::update(app, msg);
    // `b` that took nothing back (at the first question, on a verdict) says so, not only the
    // prompt again.
    if msg == Msg::Back
        && app.status.is_none()
        && before == (app.current.clone(), app.trail.len(), app.events.len())
    {
        app.status = Some(s.plain_nothing_back.to_string());
    }
}

fn print_screen(app: &App, out: &mut impl Write) -> std::io::Result<()> {
    let s = strings(app.lang);
    let lang = app.lang;
    if let Some(Overlay::Search(state)) = &app.overlay {
        if state.query.trim().is_empty() {
            return Ok(());
        }
        if state.findings.nothing() {
            writeln!(out, "{}", s.plain_search_no_match)?;
        } else if let Some(caution) = state.findings.caution(lang) {
            writeln!(out, "{caution}")?;
            if let Some(read) = state.findings.read_instead(lang) {
                writeln!(out, "{read}")?;
            }
            if let Some(split) = &state.split
                && let Some(question) = app.tree.question(&split.question)
            {
                let hint = crate::i18n::fill(
                    s.plain_split_hint,
                    &[("question", &sanitize_line(question.text.get(lang)))],
                );
                writeln!(out, "{hint}")?;
            }
        }
        // Ten lines are enough to choose from; the rest scroll away in a terminal.
        for (i, hit) in state.findings.hits.iter().take(SHOWN_RESULTS).enumerate() {
            let title = app
                .tree
                .leaf(&hit.id)
                .map(|l| l.title.get(lang))
                .unwrap_or("");
            writeln!(
                out,
                "{:>3}) {}  {}",
                i + 1,
                sanitize_line(&hit.id),
                sanitize_line(title)
            )?;
            if !hit.why.is_empty() {
                writeln!(out, "       {}", sanitize_line(&hit.why))?;
            }
            if state.findings.close
                && i < crate::report::CLOSE_CALL_SHOWN
                && let Some(leaf) = app.tree.leaf(&hit.id)
            {
                writeln!(
                    out,
                    "       {}",
                    crate::report::compare_line(leaf, lang, crate::report::COMPARE_WIDTH)
                )?;
            }
        }
        return Ok(());
    }
    if let Some(p) = &app.practice {
        let theme = crate::theme::Theme::new(crate::theme::ThemeName::Default, false);
        if app.practice_verdict() {
            // No selection here: the score is printed as a list.
            let doc = if p.finished() {
                crate::view::score_document(&app.tree, &p.score, None, lang, 100, &theme)
            } else {
                crate::view::verdict_document(&app.tree, p, lang, 100, &theme)
            };
            for line in doc.lines {
                writeln!(out, "{}", line_text(&line))?;
            }
            return Ok(());
        }
        if let Some(target) = p.target() {
            writeln!(
                out,
                "[{} {}/{}] {}: {}",
                s.practice_banner,
                p.round + 1,
                p.targets.len(),
                s.error_message,
                sanitize_line(&crate::practice::prompt(&app.tree, target, lang))
            )?;
        }
    }
    if !app.trail.is_empty() {
        let crumbs: Vec<String> = app
            .choices()
            .filter_map(|c| {
                app.tree
                    .question(c.question)
                    .and_then(|q| q.answers.get(c.answer))
                    .map(|a| sanitize_line(a.label.get(lang)))
            })
            .collect();
        writeln!(out, "[{} > {}]", s.start_of_tree, crumbs.join(" > "))?;
    }
    match app.node() {
        Node::Question(q) => {
            writeln!(out, "{}", sanitize_line(q.text.get(lang)))?;
            if let Some(why) = &q.why {
                writeln!(out, "({}: {})", s.why_we_ask, sanitize_line(why.get(lang)))?;
            }
            for (i, a) in q.answers.iter().enumerate() {
                writeln!(out, "  {}) {}", i + 1, sanitize_line(a.label.get(lang)))?;
            }
            if app.practice.is_none() {
                writeln!(out, "  0) {}", s.none_fits)?;
            }
        }
        Node::Leaf(leaf) => {
            let steps = report::trail_steps(
                &app.tree,
                app.trail.iter().map(|(q, a)| (q.as_str(), *a)),
                lang,
            );
            if app.via_search && !steps.is_empty() {
                writeln!(out, "{}:\n{}", s.path_heading, report::path_text(&steps))?;
            }
            write!(
                out,
                "{}",
                report::leaf_text(&app.current, leaf, lang, &app.values)
            )?;
            // The placeholders still without a value, and how to give one.
            let missing: Vec<&str> = crate::fill::leaf_names(leaf)
                .into_iter()
                .filter(|n| app.values.get(n).is_none())
                .collect();
            if let Some(first) = missing.first() {
                writeln!(
                    out,
                    "\n{}",
                    crate::i18n::fill(
                        s.plain_fill_hint,
                        &[
                            ("names", &crate::fill::bracketed(&missing)),
                            ("example", &sanitize_line(first))
                        ]
                    )
                )?;
            }
        }
    }
    Ok(())
}

fn line_text(line: &ratatui::text::Line) -> String {
    line.spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Plain mode's output on a terminal: prose lines longer than `width` columns wrapped at
/// spaces, each further line indented under the first one's text (after its list marker, `1) `
/// or `- `). Commands (the lines under a `[cmd]` label, deeper than it) and lines with an
/// address or a word longer than a line stay whole: cut, they would not copy.
pub struct Wrapping<W: Write> {
    inner: W,
    width: usize,
    line: Vec<u8>,
    /// The indentation of the command label above, while its commands go on.
    command_label: Option<usize>,
}

impl<W: Write> Wrapping<W> {
    pub fn new(inner: W, width: usize) -> Wrapping<W> {
        Wrapping {
            inner,
            width,
            line: Vec::new(),
            command_label: None,
        }
    }

    fn end_line(&mut self) -> std::io::Result<()> {
        let raw = String::from_utf8_lossy(&self.line).into_owned();
        self.line.clear();
        // Colours (`show --color`): wrapped as the text they style, put back where they were.
        let (line, codes) = without_sgr(&raw);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let text = &line[indent..];
        // A blank line may be part of a command (a script); the next text out of it ends them.
        if self
            .command_label
            .is_some_and(|label| indent <= label && !text.is_empty())
        {
            self.command_label = None;
        }
        let command = self.command_label.is_some();
        if text.starts_with('[') && text.ends_with(']') {
            self.command_label = Some(indent);
        }
        let marker = list_marker(text);
        let room = self.width.saturating_sub(indent + marker);
        let wrap = !command
            && crate::text::width(&line) > self.width
            && room >= 20
            && !text.contains("://")
            && text.split(' ').all(|w| crate::text::width(w) <= room);
        if !wrap {
            return writeln!(self.inner, "{raw}");
        }
        let body_start = indent + marker;
        let body = &line[body_start..];
        // Each row: where its text is in `line`, and what comes before it that is not.
        let mut rows: Vec<(usize, usize, String)> = Vec::new();
        let mut at = 0;
        for (k, piece) in crate::text::wrap(body, room).iter().enumerate() {
            let start = body[at..].find(piece.as_str()).map_or(at, |i| at + i);
            at = start + piece.len();
            if k == 0 {
                rows.push((0, body_start + at, String::new()));
            } else {
                rows.push((body_start + start, body_start + at, " ".repeat(body_start)));
            }
        }
        let mut codes = codes.into_iter().peekable();
        let last = rows.len().saturating_sub(1);
        for (k, (start, end, lead)) in rows.into_iter().enumerate() {
            let mut row = lead;
            let mut from = start;
            // A code in the spaces a break removed starts the next row.
            while let Some((at, code)) = codes.next_if(|(at, _)| *at < end || k == last) {
                let at = at.clamp(from, end);
                row.push_str(&line[from..at]);
                row.push_str(&code);
                from = at;
            }
            row.push_str(&line[from..end]);
            writeln!(self.inner, "{row}")?;
        }
        Ok(())
    }
}

/// `line` without its SGR sequences (`ESC [ ... m`, colours and bold), and each sequence with
/// where it stood in the text left.
fn without_sgr(line: &str) -> (String, Vec<(usize, String)>) {
    if !line.contains('\x1b') {
        return (line.to_string(), Vec::new());
    }
    let (mut text, mut codes) = (String::with_capacity(line.len()), Vec::new());
    let mut rest = line;
    while let Some(i) = rest.find("\x1b[") {
        let Some(len) = rest[i + 2..]
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .filter(|&n| rest[i + 2 + n..].starts_with('m'))
        else {
            // Not a colour: kept as text.
            text.push_str(&rest[..i + 2]);
            rest = &rest[i + 2..];
            continue;
        };
        text.push_str(&rest[..i]);
        codes.push((text.len(), rest[i..i + 3 + len].to_string()));
        rest = &rest[i + 3 + len..];
    }
    text.push_str(rest);
    (text, codes)
}

/// The width in bytes (ASCII) of a list item's marker at the start of `text`: `12) `, `3. `,
/// `- `, `> `; 0 when there is none.
fn list_marker(text: &str) -> usize {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &text[digits..];
    if digits > 0 && (rest.starts_with(") ") || rest.starts_with(". ")) {
        return digits + 2;
    }
    if rest.starts_with("- ") || rest.starts_with("> ") {
        return 2;
    }
    0
}

impl<W: Write> Drop for Wrapping<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

impl<W: Write> Write for Wrapping<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if b == b'\n' {
                self.end_line()?;
            } else {
                self.line.push(b);
            }
        }
        Ok(buf.len())
    }

    /// A line not ended yet (a prompt) goes out as it is.
    fn flush(&mut self) -> std::io::Result<()> {
        if !self.line.is_empty() {
            self.inner.write_all(&self.line)?;
            self.line.clear();
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod wrapping_tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> String {
        let mut out = Vec::new();
        {
            let mut w = Wrapping::new(&mut out, width);
            w.write_all(text.as_bytes()).unwrap();
            w.flush().unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    /// Colours (SGR sequences) are no text: a coloured line wraps where the same line without
    /// them does, and every sequence comes out, in order, by the text it styled.
    #[test]
    fn coloured_prose_wraps_as_its_text_and_keeps_its_colours() {
        let plain = " 1. From an elevated command prompt, list all VSS writers and their state:\n";
        let coloured = "\x1b[1m 1.\x1b[0m From an elevated \x1b[32mcommand\x1b[0m prompt, list all VSS \
                        writers and their state:\x1b[0m\n";
        let out = wrapped(coloured, 40);
        assert_eq!(without_sgr(&out).0, wrapped(plain, 40));
        let codes: Vec<String> = without_sgr(&out).1.into_iter().map(|(_, c)| c).collect();
        assert_eq!(
            codes,
            ["\x1b[1m", "\x1b[0m", "\x1b[32m", "\x1b[0m", "\x1b[0m"]
        );
        assert!(out.contains("\x1b[32mcommand\x1b[0m"), "{out:?}");
        assert!(out.trim_end().ends_with("state:\x1b[0m"), "{out:?}");
        // Not a colour: left as it is.
        assert_eq!(without_sgr("a\x1b[2Jb").0, "a\x1b[2Jb");
    }

    #[test]
    fn prose_wraps_under_its_text_and_commands_and_addresses_stay_whole() {
        let text = " 1. From an elevated command prompt, list all VSS writers and their state:\n    \
                    [cmd]\n      vssadmin list writers and a long tail of arguments to it\n\n      \
                    second line of the same script with spaces in it\n\
                    Links\n  - https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot\n\
                    Answer (number; q quit): ";
        assert_eq!(
            wrapped(text, 40),
            " 1. From an elevated command prompt,\n    list all VSS writers and their\n    \
             state:\n    [cmd]\n      vssadmin list writers and a long tail of arguments to it\n\n      \
             second line of the same script with spaces in it\n\
             Links\n  - https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot\n\
             Answer (number; q quit): "
        );
        // Lines that fit are as they were.
        assert_eq!(
            wrapped("  2) A backup failed\n", 40),
            "  2) A backup failed\n"
        );
    }
}
