//! The wizard's state machine (The Elm Architecture): `App` is the state, `Msg` what happened,
//! `update` the only place state changes. No terminal here: `main` turns keys into messages and
//! performs the returned `Effect`s (clipboard, files); `ui` draws the state.

use crate::tree::{Lang, Node, Tree};
use std::sync::Arc;

/// One search result as the wizard shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub id: String,
    pub score: f32,
    pub why: String,
}

/// Results of one search, with whether the best one is trustworthy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    pub hits: Vec<Found>,
    pub confident: bool,
}

/// How the wizard searches; `main` plugs in the search index, tests plug in whatever they need.
pub type Searcher = Box<dyn Fn(&Tree, &str, Lang) -> Findings>;

/// An answer given: which question, which answer (index into its answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice<'a> {
    pub question: &'a str,
    pub answer: usize,
}

/// Something that happened in the session, for transcripts and history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Answered { question: String, answer: usize },
    WentBack { to_question: String },
    Restarted,
    Searched { query: String, top: Vec<String> },
    OpenedFromSearch { leaf: String },
    Reached { leaf: String },
    Copied { leaf: String, command: usize },
    LanguageChanged { lang: Lang },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState {
    pub query: String,
    pub findings: Findings,
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key list, scrolled this many lines.
    Help(usize),
    Search(SearchState),
}

/// What the user asked for that needs the outside world; `main` performs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Write the session transcript.
    WriteTranscript,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// Digit key: choose answer N (0-based) at once.
    Choose(usize),
    Up,
    Down,
    /// Enter: choose the highlighted answer, or open the highlighted search result.
    Confirm,
    Back,
    /// Jump back to step N of the trail (0 = the first question).
    JumpTo(usize),
    Restart,
    OpenSearch,
    ToggleHelp,
    /// Esc: close an overlay, or quit when there is none.
    Escape,
    Quit,
    ToggleLang,
    NextCommand,
    PrevCommand,
    Copy,
    PrintOnQuit,
    PageUp,
    PageDown,
    Home,
    End,
    WriteTranscript,
    /// A character typed into the search box.
    Type(char),
    /// Backspace in the search box.
    Erase,
    /// Ctrl-W in the search box: the last word.
    EraseWord,
    ClearQuery,
    Resize(u16, u16),
}

/// Longest search query kept; a pasted log beyond it is cut (and the user told).
pub const MAX_QUERY_CHARS: usize = 4096;

pub struct App {
    pub tree: Arc<Tree>,
    pub lang: Lang,
    /// Answers given so far, from the start; the current node is where the last one leads.
    pub trail: Vec<(String, usize)>,
    pub current: String,
    /// Highlighted answer on a question screen.
    pub selected: usize,
    /// Selected command on a leaf screen.
    pub command: usize,
    /// First line shown of the leaf screen's body.
    pub scroll: usize,
    /// True when the leaf was opened from search (the path is then shown on the leaf).
    pub via_search: bool,
    pub overlay: Option<Overlay>,
    pub status: Option<String>,
    /// Command to print to stdout on quit (for terminals that block OSC 52).
    pub print_on_quit: Option<String>,
    pub quit: bool,
    pub events: Vec<Event>,
    /// Terminal size, kept so scrolling can page and keep the selected command visible.
    pub viewport: (u16, u16),
    /// Practice run (training): rounds, the current one, results.
    pub practice: Option<crate::practice::Practice>,
    searcher: Searcher,
}

impl App {
    pub fn new(tree: Arc<Tree>, lang: Lang, searcher: Searcher) -> App {
        let current = tree.start.clone();
        App {
            tree,
            lang,
            trail: Vec::new(),
            current,
            selected: 0,
            command: 0,
            scroll: 0,
            via_search: false,
            overlay: None,
            status: None,
            print_on_quit: None,
            quit: false,
            events: Vec::new(),
            viewport: (80, 24),
            practice: None,
            searcher,
        }
    }

    /// Resumes at the end of `trail`, as far as it still fits the tree (a tree may have changed
    /// since the session was saved). Returns how many answers were kept.
    pub fn resume(&mut self, trail: &[(String, usize)]) -> usize {
        let mut at = self.tree.start.clone();
        let mut kept = Vec::new();
        for (question, answer) in trail {
            if *question != at {
                break;
            }
            let Some(next) = self
                .tree
                .question(question)
                .and_then(|q| q.answers.get(*answer))
                .map(|a| a.next.clone())
            else {
                break;
            };
            kept.push((question.clone(), *answer));
            at = next;
        }
        let count = kept.len();
        self.trail = kept;
        self.arrive(at);
        count
    }

    /// Starts a practice run: `count` rounds chosen by `seed`.
    pub fn start_practice(&mut self, count: usize, seed: u64) {
        self.practice = Some(crate::practice::Practice::new(&self.tree, count, seed));
        self.trail.clear();
        let start = self.tree.start.clone();
        self.arrive(start);
    }

    /// True while a practice round's verdict (or the final score) is on screen.
    pub fn practice_verdict(&self) -> bool {
        self.practice
            .as_ref()
            .is_some_and(|p| p.finished() || p.result().is_some())
    }

    pub fn node(&self) -> &Node {
        self.tree
            .node(&self.current)
            .expect("validated trees only hold existing ids")
    }

    pub fn on_leaf(&self) -> bool {
        matches!(self.node(), Node::Leaf(_))
    }

    /// The trail as (question id, answer index) pairs.
    pub fn choices(&self) -> impl Iterator<Item = Choice<'_>> {
        self.trail.iter().map(|(q, a)| Choice {
            question: q,
            answer: *a,
        })
    }

    fn command_count(&self) -> usize {
        match self.node() {
            Node::Leaf(l) => l.commands().count(),
            Node::Question(_) => 0,
        }
    }

    fn answer_count(&self) -> usize {
        match self.node() {
            Node::Question(q) => q.answers.len(),
            Node::Leaf(_) => 0,
        }
    }

    /// Moves to `id` after the trail changed; resets the per-screen state.
    fn arrive(&mut self, id: String) {
        // A command marked for printing belongs to the fix it was marked on.
        self.print_on_quit = None;
        self.current = id;
        self.selected = 0;
        self.command = 0;
        self.scroll = 0;
        if self.on_leaf() {
            self.events.push(Event::Reached {
                leaf: self.current.clone(),
            });
            if let Some(p) = &mut self.practice
                && let Some(target) = p.target()
                && p.result().is_none()
            {
                let verdict =
                    crate::practice::judge(&self.tree, target, &self.trail, &self.current);
                p.score.rounds.push(verdict);
            }
        }
    }

    fn choose(&mut self, index: usize) {
        let next = match self.node() {
            Node::Question(q) => match q.answers.get(index) {
                Some(a) => a.next.clone(),
                None => return,
            },
            Node::Leaf(_) => return,
        };
        let question = self.current.clone();
        self.events.push(Event::Answered {
            question: question.clone(),
            answer: index,
        });
        self.trail.push((question, index));
        self.via_search = false;
        self.status = None;
        self.arrive(next);
    }

    fn back(&mut self) {
        if let Some(last) = self.trail.len().checked_sub(1) {
            self.jump_to(last);
        }
    }

    fn jump_to(&mut self, step: usize) {
        if step >= self.trail.len() {
            return;
        }
        let (question, answer) = self.trail[step].clone();
        self.trail.truncate(step);
        self.events.push(Event::WentBack {
            to_question: question.clone(),
        });
        self.arrive(question);
        self.selected = answer;
        self.via_search = false;
        self.status = None;
    }

    fn restart(&mut self) {
        self.trail.clear();
        self.events.push(Event::Restarted);
        self.via_search = false;
        self.status = None;
        let start = self.tree.start.clone();
        self.arrive(start);
    }

    /// Opens a leaf found by search, with the trail set to the shortest way there so the user sees
    /// (and can walk back through) the questions that lead to it.
    fn open_found(&mut self, id: &str) {
        if self.tree.leaf(id).is_none() {
            return;
        }
        let trail = self.tree.trail_to(id).unwrap_or_default();
        self.trail = trail;
        self.overlay = None;
        self.events.push(Event::OpenedFromSearch {
            leaf: id.to_string(),
        });
        self.arrive(id.to_string());
        self.via_search = true;
    }

    fn run_search(&mut self) {
        let tree = Arc::clone(&self.tree);
        let lang = self.lang;
        if let Some(Overlay::Search(state)) = &mut self.overlay {
            state.findings = if state.query.trim().is_empty() {
                Findings::default()
            } else {
                (self.searcher)(&tree, &state.query, lang)
            };
            state.selected = 0;
        }
    }

    fn record_search(&mut self) {
        if let Some(Overlay::Search(state)) = &self.overlay
            && !state.query.trim().is_empty()
        {
            let top = state
                .findings
                .hits
                .iter()
                .take(3)
                .map(|h| h.id.clone())
                .collect();
            self.events.push(Event::Searched {
                query: state.query.clone(),
                top,
            });
        }
    }

    /// The text of the selected command, if the current screen is a leaf with commands.
    pub fn selected_command(&self) -> Option<&str> {
        match self.node() {
            Node::Leaf(l) => l.commands().nth(self.command).map(|c| c.code()),
            Node::Question(_) => None,
        }
    }

    fn page(&self) -> usize {
        crate::view::body_size(self.viewport)
            .1
            .saturating_sub(1)
            .max(1)
    }

    /// What the leaf screen shows, when the current node is a leaf.
    pub fn leaf_view(&self) -> Option<crate::view::LeafView<'_>> {
        match self.node() {
            Node::Leaf(leaf) => Some(crate::view::LeafView {
                id: &self.current,
                leaf,
                lang: self.lang,
                selected_command: self.command,
                path: if self.via_search {
                    crate::report::path_steps(&self.tree, &self.current, self.lang)
                } else {
                    None
                },
            }),
            Node::Question(_) => None,
        }
    }
}

/// The one place state changes. Returns what `main` must do outside.
pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    if let Msg::Resize(w, h) = msg {
        app.viewport = (w, h);
        return None;
    }
    if msg == Msg::Quit {
        app.quit = true;
        return None;
    }
    // Nothing is drawn but the "too small" notice: keys would act unseen.
    let (w, h) = app.viewport;
    if (w < crate::view::MIN_WIDTH || h < crate::view::MIN_HEIGHT) && msg != Msg::Escape {
        return None;
    }
    if msg == Msg::ToggleLang {
        app.lang = app.lang.toggled();
        // A status line is in the old language; the screen speaks the new one.
        app.status = None;
        app.events.push(Event::LanguageChanged { lang: app.lang });
        app.run_search();
        return None;
    }
    if app.practice_verdict() && app.overlay.is_none() {
        return update_verdict(app, msg);
    }
    if msg == Msg::Escape
        && app.overlay.is_none()
        && let Some(p) = &mut app.practice
    {
        // Quitting mid-round shows the score of the rounds already played.
        if p.score.rounds.is_empty() {
            app.quit = true;
        } else {
            p.targets.truncate(p.score.rounds.len());
            p.round = p.targets.len();
        }
        return None;
    }
    if msg == Msg::OpenSearch && app.practice.is_some() {
        app.status = Some(
            crate::i18n::strings(app.lang)
                .practice_no_search
                .to_string(),
        );
        return None;
    }
    match &mut app.overlay {
        Some(Overlay::Help(scroll)) => {
            match msg {
                Msg::Escape | Msg::ToggleHelp | Msg::Back | Msg::Confirm => app.overlay = None,
                Msg::Down => *scroll += 1,
                Msg::Up => *scroll = scroll.saturating_sub(1),
                Msg::PageDown => *scroll += 5,
                Msg::PageUp => *scroll = scroll.saturating_sub(5),
                _ => {}
            }
            None
        }
        Some(Overlay::Search(_)) => update_search(app, msg),
        None => {
            if app.on_leaf() {
                update_leaf(app, msg)
            } else {
                update_question(app, msg)
            }
        }
    }
}

/// On a practice verdict: Enter goes on to the next round, q or Esc ends the run.
fn update_verdict(app: &mut App, msg: Msg) -> Option<Effect> {
    let Some(p) = &mut app.practice else {
        return None;
    };
    match msg {
        Msg::Confirm if !p.finished() => {
            p.round += 1;
            app.trail.clear();
            app.status = None;
            let start = app.tree.start.clone();
            app.arrive(start);
        }
        // Ending early keeps the rounds played and shows their score.
        Msg::Escape if !p.finished() => {
            p.targets.truncate(p.round + 1);
            p.round = p.targets.len();
        }
        Msg::Confirm | Msg::Escape => app.quit = true,
        Msg::ToggleHelp => app.overlay = Some(Overlay::Help(0)),
        _ => {}
    }
    None
}

fn update_common(app: &mut App, msg: Msg) -> bool {
    match msg {
        Msg::Back => app.back(),
        Msg::JumpTo(step) => app.jump_to(step),
        Msg::Restart => app.restart(),
        Msg::OpenSearch => app.overlay = Some(Overlay::Search(SearchState::default())),
        Msg::ToggleHelp => app.overlay = Some(Overlay::Help(0)),
        Msg::Escape => app.quit = true,
        _ => return false,
    }
    true
}

fn update_question(app: &mut App, msg: Msg) -> Option<Effect> {
    let count = app.answer_count();
    match msg {
        Msg::Choose(i) if i < count => app.choose(i),
        Msg::Choose(_) => {
            app.status = Some(format!(
                "{} 1-{count}",
                crate::i18n::strings(app.lang).no_such_answer
            ));
        }
        Msg::Up => {
            app.selected = app
                .selected
                .checked_sub(1)
                .unwrap_or(count.saturating_sub(1))
        }
        Msg::Down => {
            app.selected = if app.selected + 1 >= count {
                0
            } else {
                app.selected + 1
            }
        }
        Msg::Home => app.selected = 0,
        Msg::End => app.selected = count.saturating_sub(1),
        Msg::Confirm => app.choose(app.selected),
        Msg::WriteTranscript => return Some(Effect::WriteTranscript),
        other => {
            update_common(app, other);
        }
    }
    None
}

fn update_leaf(app: &mut App, msg: Msg) -> Option<Effect> {
    let commands = app.command_count();
    match msg {
        // The first press shows the selected command when it is off screen; later ones move.
        Msg::NextCommand | Msg::Down if commands > 0 => {
            if command_visible(app) {
                app.command = (app.command + 1) % commands;
            }
            follow_command(app);
        }
        Msg::PrevCommand | Msg::Up if commands > 0 => {
            if command_visible(app) {
                app.command = app.command.checked_sub(1).unwrap_or(commands - 1);
            }
            follow_command(app);
        }
        Msg::Down | Msg::NextCommand => app.scroll += 1,
        Msg::Up | Msg::PrevCommand => app.scroll = app.scroll.saturating_sub(1),
        Msg::PageDown => app.scroll += app.page(),
        Msg::PageUp => app.scroll = app.scroll.saturating_sub(app.page()),
        Msg::Home => app.scroll = 0,
        Msg::End => app.scroll = usize::MAX / 2,
        Msg::Copy => {
            let Some(code) = app.selected_command().map(str::to_string) else {
                app.status = Some(crate::i18n::strings(app.lang).no_command.to_string());
                return None;
            };
            if code.chars().any(crate::text::is_unsafe_char) {
                app.status = Some(crate::i18n::strings(app.lang).copy_refused.to_string());
                return None;
            }
            app.events.push(Event::Copied {
                leaf: app.current.clone(),
                command: app.command,
            });
            return Some(Effect::Copy(code));
        }
        Msg::PrintOnQuit => match app.selected_command().map(str::to_string) {
            // Pressed again on the same command: nothing will be printed after all.
            Some(code) if app.print_on_quit.as_ref() == Some(&code) => {
                app.print_on_quit = None;
                app.status = Some(crate::i18n::strings(app.lang).will_not_print.to_string());
            }
            Some(code) => {
                app.status = Some(format!(
                    "{}: {}",
                    crate::i18n::strings(app.lang).will_print,
                    crate::text::sanitize_line(&code)
                ));
                app.print_on_quit = Some(code);
            }
            None => app.status = Some(crate::i18n::strings(app.lang).no_command.to_string()),
        },
        Msg::WriteTranscript => return Some(Effect::WriteTranscript),
        other => {
            update_common(app, other);
        }
    }
    None
}

/// Lines of the selected command in the leaf screen's body.
fn command_range(app: &App) -> Option<(usize, usize)> {
    let view = app.leaf_view()?;
    let (width, _) = crate::view::body_size(app.viewport);
    let theme = crate::theme::Theme::new(crate::theme::ThemeName::Default, false);
    let doc = crate::view::leaf_document(&view, width, &theme);
    doc.item_lines.get(app.command).copied()
}

fn command_visible(app: &App) -> bool {
    let height = crate::view::body_size(app.viewport).1;
    command_range(app).is_some_and(|(start, end)| start >= app.scroll && end <= app.scroll + height)
}

/// Scrolls the leaf so the selected command is on screen.
fn follow_command(app: &mut App) {
    let height = crate::view::body_size(app.viewport).1;
    if let Some(range) = command_range(app) {
        app.scroll = crate::view::keep_visible(app.scroll, range, height);
    }
}

fn update_search(app: &mut App, msg: Msg) -> Option<Effect> {
    let Some(Overlay::Search(state)) = &mut app.overlay else {
        return None;
    };
    match msg {
        Msg::Type(c) => {
            if state.query.chars().count() >= MAX_QUERY_CHARS {
                return None;
            }
            // Pasted newlines and tabs become spaces; other controls are dropped.
            let c = if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            };
            if crate::text::is_unsafe_char(c) {
                return None;
            }
            state.query.push(c);
            app.run_search();
        }
        Msg::Erase => {
            state.query.pop();
            app.run_search();
        }
        Msg::EraseWord => {
            let kept = state.query.trim_end().len();
            let start = state.query[..kept].rfind(' ').map_or(0, |i| i + 1);
            state.query.truncate(start);
            app.run_search();
        }
        Msg::ClearQuery => {
            state.query.clear();
            app.run_search();
        }
        Msg::Up => state.selected = state.selected.saturating_sub(1),
        Msg::Down if state.selected + 1 < state.findings.hits.len() => state.selected += 1,
        Msg::Confirm => {
            if let Some(hit) = state.findings.hits.get(state.selected) {
                let id = hit.id.clone();
                app.record_search();
                app.open_found(&id);
            }
        }
        Msg::Escape | Msg::OpenSearch => {
            app.record_search();
            app.overlay = None;
        }
        _ => {}
    }
    None
}

/// Adds pasted text to the search box in one go (a paste may be a whole log).
pub fn paste(app: &mut App, text: &str) {
    let Some(Overlay::Search(state)) = &mut app.overlay else {
        return;
    };
    let mut room = MAX_QUERY_CHARS.saturating_sub(state.query.chars().count());
    let mut cut = false;
    for c in text.chars() {
        let c = if matches!(c, '\n' | '\t' | '\r') {
            ' '
        } else {
            c
        };
        if crate::text::is_unsafe_char(c) {
            continue;
        }
        if room == 0 {
            cut = true;
            break;
        }
        state.query.push(c);
        room -= 1;
    }
    app.run_search();
    if cut {
        app.status = Some(format!(
            "{} {MAX_QUERY_CHARS}",
            crate::i18n::strings(app.lang).paste_cut
        ));
    }
}

/// The wizard's search: the tree's search index, built on first use.
pub fn index_searcher(index: Arc<crate::search::LazyIndex>) -> Searcher {
    Box::new(move |tree: &Tree, query: &str, lang: Lang| {
        let results = index.get(tree).search(query, lang, SEARCH_RESULTS);
        Findings {
            confident: results.confident,
            hits: results
                .hits
                .into_iter()
                .map(|h| Found {
                    id: h.id,
                    score: h.score,
                    why: h.why,
                })
                .collect(),
        }
    })
}

/// Results listed in the search box.
pub const SEARCH_RESULTS: usize = 20;
