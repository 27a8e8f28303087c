//! The wizard's state machine (The Elm Architecture): `App` is the state, `Msg` what happened,
//! `update` the only place state changes. No terminal here: `main` turns keys into messages and
//! performs the returned `Effect`s (clipboard, files); `ui` draws the state.

use crate::line::{Edit, Line};
use crate::tree::{Lang, Leaf, Node, Os, Split, Tree};
use std::sync::Arc;

/// One search result as the wizard shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub id: String,
    pub score: f32,
    pub why: String,
    /// Byte ranges of the words of the leaf's title, in the language searched, that the query
    /// matched (`search::Hit::marks`): drawn highlighted.
    pub marks: Vec<std::ops::Range<usize>>,
}

/// Results of one search, with whether the best one is trustworthy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    pub hits: Vec<Found>,
    pub confident: bool,
    /// Not confident because the first hits score about the same (see `search::Results`).
    pub close: bool,
    /// The query names a topic the tree does not cover (see `search::Results`).
    pub not_covered: Option<crate::tree::NotCovered>,
    /// The query gives an error code the tree does not list (see `search::Results`).
    pub unknown_code: Option<String>,
}

impl Findings {
    /// What to say above the results, if anything: the query is about a topic the tree does
    /// not cover, nothing matches well, or a close call.
    pub fn caution(&self, lang: Lang) -> Option<String> {
        let s = crate::i18n::strings(lang);
        if let Some(topic) = &self.not_covered {
            return Some(not_covered_line(topic, lang));
        }
        if let Some(code) = &self.unknown_code {
            return Some(unknown_code_line(code, lang));
        }
        match (self.hits.is_empty(), self.confident, self.close) {
            (false, false, true) => Some(s.search_close_call.to_string()),
            (false, false, false) => Some(s.search_weak_match.to_string()),
            _ => None,
        }
    }

    /// Where to read instead, when the query is about a topic the tree does not cover.
    pub fn read_instead(&self, lang: Lang) -> Option<String> {
        self.not_covered
            .as_ref()
            .and_then(|topic| read_instead_line(topic, lang))
    }

    /// Nothing to show: no result, and no topic to point elsewhere.
    pub fn nothing(&self) -> bool {
        self.hits.is_empty() && self.not_covered.is_none()
    }
}

/// "No fix here lists the code {code}: …"
pub fn unknown_code_line(code: &str, lang: Lang) -> String {
    crate::i18n::fill(
        crate::i18n::strings(lang).search_unknown_code,
        &[("code", &crate::text::sanitize_line(code))],
    )
}

/// "This may be about {topic}, which this guide does not cover."
pub fn not_covered_line(topic: &crate::tree::NotCovered, lang: Lang) -> String {
    crate::i18n::fill(
        crate::i18n::strings(lang).search_not_covered,
        &[("topic", &crate::text::sanitize_line(topic.topic.get(lang)))],
    )
}

/// "Read instead: {title}: {url}", when the topic has a link.
pub fn read_instead_line(topic: &crate::tree::NotCovered, lang: Lang) -> Option<String> {
    read_instead_parts(topic, lang).map(|(label, url)| format!("{label} {url}"))
}

/// The "Read instead" line in two: the words ("Read instead: {title}:") and the address, for
/// a screen that puts the address on rows of its own. Both templates end with the address.
pub fn read_instead_parts(topic: &crate::tree::NotCovered, lang: Lang) -> Option<(String, String)> {
    topic.link.as_ref().map(|link| {
        let label = crate::i18n::fill(
            crate::i18n::strings(lang).search_not_covered_link,
            &[
                ("title", &crate::text::sanitize_line(link.title.get(lang))),
                ("url", ""),
            ],
        );
        (
            label.trim_end().to_string(),
            crate::text::sanitize_line(&link.url),
        )
    })
}

/// In a close call, the question that tells the first two results apart.
fn close_call_split<'t>(tree: &'t Tree, findings: &Findings) -> Option<Split<'t>> {
    match findings.hits.as_slice() {
        [a, b, ..] if findings.close => tree.split_between(&a.id, &b.id),
        _ => None,
    }
}

/// The error message to solve above a practice question, as laid out
/// ([`App::practice_message`]).
#[derive(Debug)]
pub struct PracticeMessage {
    /// All of its lines.
    pub doc: crate::view::Document,
    /// The rows it gets on screen.
    pub rows: usize,
    /// The first line shown.
    pub scroll: usize,
}

impl PracticeMessage {
    /// True when the message is longer than its rows.
    pub fn cut(&self) -> bool {
        self.doc.lines.len() > self.rows
    }
}

/// A practice question under the message to solve, as laid out ([`App::practice_question`]).
#[derive(Debug)]
pub struct PracticeQuestion {
    /// The question's text, "Why we ask", the answers.
    pub doc: crate::view::Document,
    /// The rows it gets on screen.
    pub rows: usize,
    /// The lines at the top that stay in view: the question's text (none when there is no
    /// room under it for the highlighted answer).
    pub pinned: usize,
    /// The first line shown of the lines after the pinned ones.
    pub scroll: usize,
    /// Lines scrolled up from where the highlighted answer is in view (toward the text above
    /// the first answer).
    pub up: usize,
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
    Answered {
        question: String,
        answer: usize,
    },
    WentBack {
        to_question: String,
    },
    Restarted,
    Searched {
        query: String,
        top: Vec<String>,
    },
    OpenedFromSearch {
        leaf: String,
    },
    /// The next fix reached was opened from the "See also" of fix `from`.
    OpenedSeeAlso {
        from: String,
    },
    Reached {
        leaf: String,
    },
    /// Command `command` of the fix was copied, as `text` (its placeholders filled in).
    Copied {
        leaf: String,
        command: usize,
        text: String,
    },
    LanguageChanged {
        lang: Lang,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState {
    pub query: String,
    /// Where the cursor is in the query, in characters (0: before the first one).
    pub cursor: usize,
    /// First character of the query shown: a long query scrolls sideways to keep the cursor in
    /// view (`view::query_window`).
    pub offset: usize,
    pub findings: Findings,
    pub selected: usize,
    /// True while the box holds the last search, reopened with `/` and not edited since: a paste
    /// then replaces the query (pasting means "find this") instead of adding to it.
    pub restored: bool,
    /// In a close call, the question that tells the first two results apart (Tab asks it).
    pub split: Option<SplitAt>,
    /// What was pasted into the empty box, lines and all: while the query is still that paste
    /// (run onto one line), the session records this (a log reads as a log in the transcript).
    pub pasted: Option<String>,
}

/// A question that tells a close call's first two results apart.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitAt {
    pub question: String,
    /// The answer whose way leads to the first result.
    pub toward_first: usize,
    /// The answer whose way leads to the second result.
    pub toward_second: usize,
}

impl SearchState {
    fn len(&self) -> usize {
        self.query.chars().count()
    }

    /// The query and the cursor, to edit.
    fn line(&mut self) -> Line<'_> {
        Line::new(&mut self.query, &mut self.cursor)
    }
}

/// The cursor move or erase a key asks for in a line of text (`ErasePart` in the form's fields,
/// whose names have no spaces, for Ctrl-W).
fn edit_of(msg: Msg) -> Option<Edit> {
    Some(match msg {
        Msg::CursorLeft => Edit::Left,
        Msg::CursorRight => Edit::Right,
        Msg::WordLeft => Edit::WordLeft,
        Msg::WordRight => Edit::WordRight,
        Msg::Home => Edit::Home,
        Msg::End => Edit::End,
        Msg::Erase => Edit::Erase,
        Msg::EraseNext => Edit::EraseNext,
        Msg::EraseWord => Edit::EraseWord,
        Msg::EraseToStart => Edit::EraseToStart,
        Msg::EraseToEnd => Edit::EraseToEnd,
        Msg::ClearQuery => Edit::Clear,
        _ => return None,
    })
}

/// `text` as the search box keeps it (see [`query_char`]).
fn as_query(text: &str) -> String {
    text.chars().filter_map(query_char).collect()
}

/// A typed or pasted character as the query keeps it: newlines and tabs become spaces, other
/// controls are dropped.
fn query_char(c: char) -> Option<char> {
    let c = if matches!(c, '\n' | '\t' | '\r') {
        ' '
    } else {
        c
    };
    (!crate::text::is_unsafe_char(c)).then_some(c)
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key list, scrolled this many lines.
    Help(usize),
    Search(SearchState),
    /// Filling in the selected command's placeholders.
    Fill(FillState),
}

/// The form that fills in a command's placeholders (`<VMName>`): one field per placeholder,
/// started with the values known so far.
#[derive(Debug, Clone, PartialEq)]
pub struct FillState {
    /// The command as the tree writes it.
    pub command: String,
    /// The placeholders' names, one per value (`fill::names`).
    pub names: Vec<String>,
    /// What each field holds.
    pub values: Vec<String>,
    /// The field being typed into.
    pub field: usize,
    /// The field was just entered: the first character typed replaces its value (as in a
    /// dialog, where the text of a field entered is selected).
    pub fresh: bool,
    /// Where the cursor is in the field, in characters.
    pub cursor: usize,
    /// The characters refused since the field was entered, each once (the note lists them all:
    /// "vm web;01" lost its space too, not only the `;`).
    pub refused: Vec<char>,
}

impl FillState {
    /// The command with the fields' values put in (empty fields keep their placeholder).
    pub fn preview(&self) -> String {
        self.typed().fill(&self.command)
    }

    /// Where the field being typed into first goes in [`preview`](Self::preview), in
    /// characters (0 when the command does not name it).
    pub fn field_start(&self) -> usize {
        let Some(name) = self.names.get(self.field) else {
            return 0;
        };
        let key = crate::fill::key(name);
        crate::fill::placeholders(&self.command)
            .into_iter()
            .find(|p| crate::fill::key(p.name) == key)
            .map_or(0, |p| {
                self.typed()
                    .fill(&self.command[..p.range.start])
                    .chars()
                    .count()
            })
    }

    fn typed(&self) -> crate::fill::Values {
        let mut values = crate::fill::Values::default();
        for (name, value) in self.names.iter().zip(&self.values) {
            // Fields only ever hold allowed characters.
            let _ = values.set(name, value);
        }
        values
    }

    /// Goes to field `field`, selected, the cursor at its end.
    fn enter(&mut self, field: usize) {
        self.field = field;
        self.fresh = true;
        self.cursor = self.values.get(field).map_or(0, |v| v.chars().count());
    }
}

/// What the user asked for that needs the outside world; `main` performs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Write the session transcript.
    WriteTranscript,
    /// Give the terminal back to the shell and stop until `fg` (Ctrl-Z, which raw mode takes
    /// from the terminal).
    Suspend,
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
    /// The Esc key itself on a question or a fix (`q` there is `Escape`): as `Escape`, but
    /// not right after an Esc closed a box (see `App::esc_closed`).
    EscapeKey,
    Quit,
    /// Ctrl-Z: suspend (see [`Effect::Suspend`]).
    Suspend,
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
    /// A character typed into the search box, at the cursor.
    Type(char),
    /// Search box cursor: a character left or right (Home and End go to the ends).
    CursorLeft,
    CursorRight,
    /// Search box cursor: a word left or right.
    WordLeft,
    WordRight,
    /// Backspace in the search box: the character before the cursor.
    Erase,
    /// Delete / Ctrl-D in the search box: the character under the cursor.
    EraseNext,
    /// Ctrl-W in the search box: the word before the cursor.
    EraseWord,
    /// Ctrl-U in the search box: everything before the cursor.
    EraseToStart,
    /// Ctrl-K in the search box: everything from the cursor on.
    EraseToEnd,
    /// The whole query.
    ClearQuery,
    /// `f` on a fix: fill in the selected command's placeholders.
    Fill,
    /// Tab in a close call: the question that tells the first two results apart.
    AskSplit,
    Resize(u16, u16),
}

/// Longest search query kept, in bytes (of UTF-8): as much as the search reads (a pasted log
/// beyond it is cut, and the user told).
pub const MAX_QUERY_BYTES: usize = crate::search::MAX_QUERY_BYTES;

/// Where the user was when a close call's Tab moved them, and what Tab recorded.
struct BeforeSplit {
    current: String,
    trail: Vec<(String, usize)>,
    /// The events of the answers Tab filled in: Esc takes them back (the user did not give
    /// them).
    filled: std::ops::Range<usize>,
}

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
    /// Selected link on a leaf screen; when set, it is the selection instead of `command` (Tab
    /// goes through the commands, then the links, then the "See also" entries: the order they are
    /// drawn in).
    pub link: Option<usize>,
    /// Selected "See also" entry on a leaf screen; when set, it is the selection instead of
    /// `command` and `link`.
    pub see_also: Option<usize>,
    /// True when nothing is selected on a leaf screen (`command`, `link` and `see_also` are then
    /// ignored): the user scrolled the selection off screen and no other item was in view.
    pub selection_cleared: bool,
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
    /// The practice runs played before this one (whose rounds not right `r` retried), oldest
    /// first: each is recorded, and printed on quit, as a run of its own.
    pub earlier_runs: Vec<EarlierRun>,
    /// The last search (query and the result opened or highlighted): `/` reopens it, so going
    /// back from a result and picking another needs no retyping.
    pub last_search: Option<SearchState>,
    /// Set on the question a close call's Tab opened, until the user moves on: Esc there goes
    /// back to the search instead of quitting.
    pub asked_from_search: bool,
    /// Where the user was when a close call's Tab moved them: Esc on that question goes back
    /// there, under the search it reopens.
    before_split: Option<BeforeSplit>,
    /// The last key was an Esc that closed the search, the form or the key list: another Esc
    /// right after is a second press of the same habit, not a wish to quit (it says how).
    pub esc_closed: bool,
    /// The last key asked for the form and got a note instead (nothing to fill): an Esc right
    /// after is meant to close the form the user expected, not to quit (it says how).
    pub esc_expected_box: bool,
    /// Values for the commands' placeholders: typed with `f`, or read from what was pasted into
    /// search (a resource id names the VM and its resource group). Commands are shown and
    /// copied with them put in.
    pub values: crate::fill::Values,
    /// While the terminal is too small: whether the selection was in view at the last size
    /// drawn, so it is brought back into view when the terminal is usable again.
    keep_on_resize: bool,
    /// Where the user was before `r` started over, until they move on: Backspace on the first
    /// question brings it back (a stray `r` loses no fix, search or values).
    before_restart: Option<Box<BeforeRestart>>,
    /// The fixes whose "See also" entries were opened, newest last: Backspace on the fix opened
    /// goes back to the one it was opened from.
    see_also_from: Vec<SeeAlsoFrom>,
    searcher: Searcher,
}

/// A practice run played before the one on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierRun {
    pub score: crate::practice::Score,
    /// The number of events when it ended: those before are its own (and its runs' before it).
    pub events: usize,
}

/// What `j` and `k` change: the selection on a question or a fix, and the scroll.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    selected: usize,
    command: usize,
    link: Option<usize>,
    see_also: Option<usize>,
    selection_cleared: bool,
    scroll: usize,
    status: Option<String>,
}

/// A fix left for one of its "See also" entries.
struct SeeAlsoFrom {
    leaf: String,
    trail: Vec<(String, usize)>,
    via_search: bool,
    /// Which entry was opened (selected again on the way back).
    entry: usize,
    /// The fix it opened.
    opened: String,
}

/// What starting over drops.
struct BeforeRestart {
    current: String,
    trail: Vec<(String, usize)>,
    values: crate::fill::Values,
    last_search: Option<SearchState>,
    via_search: bool,
    print_on_quit: Option<String>,
    see_also_from: Vec<SeeAlsoFrom>,
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
            link: None,
            see_also: None,
            selection_cleared: false,
            scroll: 0,
            via_search: false,
            overlay: None,
            status: None,
            print_on_quit: None,
            quit: false,
            events: Vec::new(),
            viewport: (80, 24),
            practice: None,
            earlier_runs: Vec::new(),
            last_search: None,
            values: crate::fill::Values::default(),
            asked_from_search: false,
            before_split: None,
            esc_closed: false,
            esc_expected_box: false,
            keep_on_resize: false,
            before_restart: None,
            see_also_from: Vec::new(),
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

    /// Which practice verdict screen is on screen, if any: a round's verdict in the run, the
    /// score, or a round's verdict opened again from the score.
    pub fn verdict_screen(&self) -> Option<crate::keys::Ctx> {
        use crate::keys::Ctx;
        let p = self.practice.as_ref().filter(|_| self.practice_verdict())?;
        Some(match p.review {
            _ if !p.finished() => Ctx::Verdict,
            Some(_) => Ctx::Review,
            None => Ctx::Score,
        })
    }

    /// On a practice question, the error message to solve as drawn above the question in a
    /// body of `width` x `height`. It gets a third of the body (at least 2 rows), more when the
    /// question and its answers leave more, fewer when the question's text, its "Why we ask" and
    /// the first answer would not fit under it; a longer message scrolls (PgDn/PgUp).
    pub fn practice_message(
        &self,
        size: (usize, usize),
        theme: &crate::theme::Theme,
    ) -> Option<PracticeMessage> {
        let (doc, rows, _) = self.practice_layout(size, theme)?;
        let scroll = self
            .practice
            .as_ref()
            .map_or(0, |p| p.scroll.min(doc.lines.len() - rows));
        Some(PracticeMessage { doc, rows, scroll })
    }

    /// On a practice question, the question under the message to solve, in the rows the
    /// message leaves: its text stays, "Why we ask" and the answers scroll to keep the
    /// highlighted answer in view; on the first answer, Up scrolls back to the text above it.
    pub fn practice_question(
        &self,
        size: (usize, usize),
        theme: &crate::theme::Theme,
    ) -> Option<PracticeQuestion> {
        let (_, message_rows, doc) = self.practice_layout(size, theme)?;
        let rows = size.1.saturating_sub(message_rows);
        let range = doc.item_lines.get(self.selected).copied().unwrap_or((0, 0));
        // No room under the question's text: the answer wins, nothing stays.
        let fits = doc.pinned + (range.1 - range.0).max(1) <= rows;
        let pinned = if fits && range.0 >= doc.pinned {
            doc.pinned
        } else {
            0
        };
        let follow =
            crate::view::keep_visible(0, (range.0 - pinned, range.1 - pinned), rows - pinned);
        // On the first answer the text above it shows from its start on arriving, and as far
        // up as Up took it after.
        let up = match &self.practice {
            Some(p) if self.selected == 0 => p.scrolled_up.unwrap_or(follow).min(follow),
            _ => 0,
        };
        Some(PracticeQuestion {
            doc,
            rows,
            pinned,
            scroll: follow - up,
            up,
        })
    }

    /// The message to solve, the rows it gets, and the question under it, laid out in a body
    /// of `width` x `height`. One column is left free before the right margin, where "^" and
    /// "v" say there is more.
    fn practice_layout(
        &self,
        (width, height): (usize, usize),
        theme: &crate::theme::Theme,
    ) -> Option<(crate::view::Document, usize, crate::view::Document)> {
        let p = self.practice.as_ref()?;
        let target = p.target()?;
        let Node::Question(q) = self.node() else {
            return None;
        };
        if self.practice_verdict() {
            return None;
        }
        let width = width.saturating_sub(1).max(1);
        let message = crate::practice::prompt(&self.tree, target, self.lang);
        let doc = crate::view::practice_prompt(&message, self.lang, width, theme);
        let question = |spaced| {
            crate::view::practice_question_document(
                q,
                self.lang,
                self.selected,
                spaced,
                width,
                theme,
            )
        };
        let spaced = question(true);
        // The question's text and "Why we ask", and the first answer's lines.
        let (head, first) = spaced
            .item_lines
            .first()
            .map_or((spaced.lines.len(), 0), |(a, b)| {
                (a.saturating_sub(1), b - a)
            });
        let rows = (height / 3)
            .max(2)
            .max(height.saturating_sub(spaced.lines.len()))
            .min(height.saturating_sub(head + first))
            .max(2)
            .min(doc.lines.len());
        // The blank line before the answers only when there is a row for it.
        let question = if height.saturating_sub(rows) > head + first {
            spaced
        } else {
            question(false)
        };
        Some((doc, rows, question))
    }

    /// On a practice verdict or the score, what the body shows at `width` x `height`, and the
    /// first line shown. On the score the selected round is in view, with the heading above it
    /// while both fit.
    pub fn verdict_view(
        &self,
        (width, height): (usize, usize),
        theme: &crate::theme::Theme,
    ) -> Option<(crate::view::Document, usize)> {
        let p = self.practice.as_ref().filter(|_| self.practice_verdict())?;
        // One column free before the right margin, where "^" and "v" say there is more.
        let width = width.saturating_sub(1).max(1);
        let doc = crate::view::verdict_document(&self.tree, p, self.lang, width, theme);
        let max = doc.lines.len().saturating_sub(height);
        let scroll = match p.review {
            Some(review) if p.finished() => review.scroll,
            _ => p.scroll,
        }
        .min(max);
        let selected = doc
            .item_lines
            .get(p.selected())
            .filter(|_| p.finished() && p.review.is_none());
        let scroll = match selected {
            Some(&(start, end)) => {
                let range = if end <= height {
                    (0, end)
                } else {
                    (start, end)
                };
                crate::view::keep_visible(scroll, range, height).min(max)
            }
            None => scroll,
        };
        Some((doc, scroll))
    }

    pub fn node(&self) -> &Node {
        self.tree
            .node(&self.current)
            .expect("validated trees only hold existing ids")
    }

    /// The selection, to put back with [`App::restore_selection`] (a `j` that was the first
    /// letter of a word, not a move).
    pub fn selection(&self) -> Selection {
        Selection {
            selected: self.selected,
            command: self.command,
            link: self.link,
            see_also: self.see_also,
            selection_cleared: self.selection_cleared,
            scroll: self.scroll,
            status: self.status.clone(),
        }
    }

    pub fn restore_selection(&mut self, s: Selection) {
        self.selected = s.selected;
        self.command = s.command;
        self.link = s.link;
        self.see_also = s.see_also;
        self.selection_cleared = s.selection_cleared;
        self.scroll = s.scroll;
        self.status = s.status;
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

    fn link_count(&self) -> usize {
        match self.node() {
            Node::Leaf(l) => l.links.len(),
            Node::Question(_) => 0,
        }
    }

    fn see_also_count(&self) -> usize {
        match self.node() {
            Node::Leaf(l) => l.see_also.len(),
            Node::Question(_) => 0,
        }
    }

    /// The selected item of a leaf: its commands first, then its links, then its "See also"
    /// entries (the order they are drawn in).
    fn item(&self) -> usize {
        match (self.see_also, self.link) {
            (Some(i), _) => self.command_count() + self.link_count() + i,
            (None, Some(i)) => self.command_count() + i,
            (None, None) => self.command,
        }
    }

    /// The selected item, if there is one: a fix without commands selects nothing until Tab.
    fn current_item(&self) -> Option<usize> {
        if self.selection_cleared {
            None
        } else if self.see_also.is_some()
            || self.link.is_some()
            || self.command < self.command_count()
        {
            Some(self.item())
        } else {
            None
        }
    }

    fn select_item(&mut self, item: usize) {
        let commands = self.command_count();
        let links = self.link_count();
        self.link = None;
        self.see_also = None;
        self.selection_cleared = false;
        // A status line about the last selection ("nothing selected", "copied") is stale.
        self.status = None;
        if item < commands {
            self.command = item;
        } else if item < commands + links {
            self.link = Some(item - commands);
        } else {
            self.see_also = Some(item - commands - links);
        }
    }

    /// Nothing selected any more (the selection was scrolled away): Tab selects again.
    fn clear_selection(&mut self) {
        self.command = 0;
        self.link = None;
        self.see_also = None;
        self.selection_cleared = true;
        self.status = None;
    }

    /// The URL of the selected link, if a link is selected.
    pub fn selected_link(&self) -> Option<&str> {
        if self.see_also.is_some() || self.selection_cleared {
            return None;
        }
        match self.node() {
            Node::Leaf(l) => l.links.get(self.link?).map(|link| link.url.as_str()),
            Node::Question(_) => None,
        }
    }

    /// The id of the selected "See also" entry, if one is selected.
    pub fn selected_see_also(&self) -> Option<&str> {
        if self.selection_cleared {
            return None;
        }
        match self.node() {
            Node::Leaf(l) => l.see_also.get(self.see_also?).map(String::as_str),
            Node::Question(_) => None,
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
        // Any other way to a node ends the way back through "See also" entries (the callers
        // that follow one keep it).
        self.see_also_from.clear();
        self.asked_from_search = false;
        self.current = id;
        self.selected = 0;
        self.command = 0;
        self.link = None;
        self.see_also = None;
        self.selection_cleared = false;
        self.scroll = 0;
        self.keep_on_resize = false;
        // The first command for the system the answers named: `c` copies it, Tab shows it.
        // (Asked on fixes only: the trail may be thousands of answers deep.)
        if let Node::Leaf(leaf) = self.node()
            && let Some(os) = self.os_answered()
        {
            self.command = first_command_for(leaf, os);
        }
        if self.on_leaf() {
            self.events.push(Event::Reached {
                leaf: self.current.clone(),
            });
            if let Some(p) = &mut self.practice
                && let Some(target) = p.target()
                && p.result().is_none()
            {
                let verdict = crate::practice::judge_walk(
                    &self.tree,
                    target,
                    &self.trail,
                    &p.taken_back,
                    &self.current,
                );
                p.score.rounds.push(verdict);
                p.taken_back.clear();
                p.scroll = 0;
            }
        }
        if let Some(p) = &mut self.practice {
            p.scrolled_up = None;
        }
    }

    /// The operating system the answers on the trail named last ("Linux"), if any.
    pub fn os_answered(&self) -> Option<Os> {
        self.trail.iter().rev().find_map(|(q, a)| {
            let answer = self.tree.question(q)?.answers.get(*a)?;
            match answer.os.as_slice() {
                [os] => Some(*os),
                _ => None,
            }
        })
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

    /// The fix Backspace goes back to: the one whose "See also" opened this fix, if any.
    pub fn back_to_fix(&self) -> Option<&str> {
        self.see_also_from
            .last()
            .filter(|from| from.opened == self.current)
            .map(|from| from.leaf.as_str())
    }

    fn back(&mut self) {
        // On a fix opened from another's "See also": back to that fix, its entry selected.
        if let Some(from) = self.see_also_from.pop()
            && from.opened == self.current
        {
            let way_back = std::mem::take(&mut self.see_also_from);
            self.trail = from.trail;
            self.events.push(Event::WentBack {
                to_question: from.leaf.clone(),
            });
            self.arrive(from.leaf);
            self.see_also_from = way_back;
            self.via_search = from.via_search;
            self.status = None;
            if from.entry < self.see_also_count() {
                self.select_item(self.command_count() + self.link_count() + from.entry);
                follow_item(self);
            }
            return;
        }
        if let Some(last) = self.trail.len().checked_sub(1) {
            self.jump_to(last);
        } else if let Some(before) = self.before_restart.take() {
            let BeforeRestart {
                current,
                trail,
                values,
                last_search,
                via_search,
                print_on_quit,
                see_also_from,
            } = *before;
            self.trail = trail;
            self.values = values;
            self.last_search = last_search;
            self.events.push(Event::WentBack {
                to_question: current.clone(),
            });
            self.arrive(current);
            self.via_search = via_search;
            self.print_on_quit = print_on_quit;
            self.see_also_from = see_also_from;
            self.status = None;
        }
    }

    fn jump_to(&mut self, step: usize) {
        if step >= self.trail.len() {
            return;
        }
        let (question, answer) = self.trail[step].clone();
        if let Some(p) = &mut self.practice {
            p.take_back(&self.trail[step..]);
        }
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
        let start = self.tree.start.clone();
        let somewhere = self.current != start
            || !self.trail.is_empty()
            || self.last_search.is_some()
            || !self.values.pairs().is_empty();
        // Nothing to start over from: a transcript need not say it did.
        if !somewhere {
            return;
        }
        if let Some(p) = &mut self.practice {
            p.take_back(&self.trail);
        }
        // A new start is a new incident: another VM, another vault, another search.
        let before = BeforeRestart {
            current: std::mem::replace(&mut self.current, start.clone()),
            trail: std::mem::take(&mut self.trail),
            values: std::mem::take(&mut self.values),
            last_search: self.last_search.take(),
            via_search: self.via_search,
            print_on_quit: self.print_on_quit.clone(),
            see_also_from: std::mem::take(&mut self.see_also_from),
        };
        self.events.push(Event::Restarted);
        self.via_search = false;
        self.status = None;
        self.see_also_from.clear();
        self.arrive(start);
        // Practice rounds are scored as they are walked: no way back there.
        if somewhere && self.practice.is_none() {
            self.before_restart = Some(Box::new(before));
            self.status = Some(crate::i18n::strings(self.lang).restarted.to_string());
        }
    }

    /// Opens a leaf found by search (or a fix's "See also" entry), with the trail set to the
    /// shortest way there so the user sees (and can walk back through) the questions that lead
    /// to it.
    fn open_found(&mut self, id: &str) {
        self.open_found_for(id, "");
    }

    /// [`App::open_found`] for a search result: of the ways to the leaf, the trail is the one
    /// whose answers share the most words with `query` (what the user pasted says "backup
    /// failed": the way under "A backup failed"), else the shortest.
    fn open_found_for(&mut self, id: &str, query: &str) {
        if self.tree.leaf(id).is_none() {
            return;
        }
        self.status = None;
        let trail = self
            .tree
            .trail_for_query(id, &crate::fill::without_resources(query))
            .unwrap_or_default();
        self.trail = trail;
        self.overlay = None;
        self.events.push(Event::OpenedFromSearch {
            leaf: id.to_string(),
        });
        self.arrive(id.to_string());
        self.via_search = true;
    }

    /// Leaves a close call's search for the question that tells its first two results apart,
    /// with the answers that lead there (those that match the query, as for a result opened),
    /// the answer toward the highlighted one of the two selected. Nothing happens on other
    /// searches.
    /// The search box is open on results whose first is clearly the answer (a good match, well
    /// ahead of the next: no close call, no topic or code the tree does not cover).
    pub fn search_is_sure(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Search(state))
            if state.findings.confident && !state.findings.hits.is_empty())
    }

    fn ask_split(&mut self) {
        let Some(Overlay::Search(state)) = &self.overlay else {
            return;
        };
        let tree = Arc::clone(&self.tree);
        let (Some(split), [a, b, ..]) = (state.split.clone(), state.findings.hits.as_slice())
        else {
            return;
        };
        let (a, b, query) = (a.id.clone(), b.id.clone(), state.query.clone());
        let new_query = !state.restored;
        // The answer toward the result highlighted (the second, when the user moved to it).
        let toward = if state.selected == 1 {
            split.toward_second
        } else {
            split.toward_first
        };
        self.record_search();
        self.remember_search();
        self.overlay = None;
        if new_query {
            self.values.learn(&query);
        }
        let (current, trail) = (self.current.clone(), self.trail.clone());
        self.trail = tree
            .trail_for_query(&split.question, &crate::fill::without_resources(&query))
            .unwrap_or_default();
        // The answers filled in on the way are the session's answers too (a transcript lists
        // them before the one the user gives), unless Esc takes the user back to the search.
        let filled: Vec<Event> = self
            .trail
            .iter()
            .map(|(question, answer)| Event::Answered {
                question: question.clone(),
                answer: *answer,
            })
            .collect();
        let first_filled = self.events.len();
        self.events.extend(filled);
        self.via_search = false;
        self.arrive(split.question);
        self.asked_from_search = true;
        self.before_split = Some(BeforeSplit {
            current,
            trail,
            filled: first_filled..self.events.len(),
        });
        self.selected = toward;
        // Which answer goes where, by the numbers on screen (1-based).
        self.status = Some(crate::i18n::fill(
            crate::i18n::strings(self.lang).split_status,
            &[
                ("na", &(split.toward_first + 1).to_string()),
                ("a", &crate::text::sanitize_line(&a)),
                ("nb", &(split.toward_second + 1).to_string()),
                ("b", &crate::text::sanitize_line(&b)),
            ],
        ));
    }

    /// Opens the leaf a "See also" entry names, as a search result opens: with the trail to it, so
    /// Back walks up the questions that lead there.
    fn open_see_also(&mut self, id: &str) {
        if self.tree.leaf(id).is_some() {
            let from = SeeAlsoFrom {
                leaf: self.current.clone(),
                trail: self.trail.clone(),
                via_search: self.via_search,
                entry: self.see_also.unwrap_or(0),
                opened: id.to_string(),
            };
            self.events.push(Event::OpenedSeeAlso {
                from: self.current.clone(),
            });
            let mut way_back = std::mem::take(&mut self.see_also_from);
            self.open_found(id);
            way_back.push(from);
            self.see_also_from = way_back;
        } else {
            self.status = Some(format!(
                "{}: {}",
                crate::i18n::strings(self.lang).see_also_missing,
                crate::text::sanitize_line(id)
            ));
        }
    }

    /// Scrolls the search box sideways so the cursor stays in view.
    fn follow_cursor(&mut self) {
        let room = crate::view::query_room(crate::view::body_size(self.viewport).0, self.lang);
        if let Some(Overlay::Search(state)) = &mut self.overlay {
            state.cursor = state.cursor.min(state.len());
            state.offset =
                crate::view::query_window(&state.query, state.cursor, state.offset, room).start;
        }
    }

    /// Opens the search box: with the last search when there is one (its query, the cursor at
    /// its end, the result opened last highlighted), else empty.
    fn open_search(&mut self) {
        // A status about the screen below ("started over: Backspace goes back") is not about
        // the search box.
        self.status = None;
        let Some(last) = self.last_search.clone() else {
            self.overlay = Some(Overlay::Search(SearchState::default()));
            return;
        };
        let opened = last.findings.hits.get(last.selected).map(|h| h.id.clone());
        let mut state = SearchState {
            query: last.query,
            restored: true,
            ..SearchState::default()
        };
        state.cursor = state.len();
        self.overlay = Some(Overlay::Search(state));
        // Searched again: the language may have changed since, the results say why in it.
        self.run_search();
        if let Some(Overlay::Search(state)) = &mut self.overlay {
            state.selected = opened
                .and_then(|id| state.findings.hits.iter().position(|h| h.id == id))
                .unwrap_or(0);
        }
        self.follow_cursor();
    }

    /// Keeps the search being closed for `/` to reopen (an emptied box forgets it).
    fn remember_search(&mut self) {
        if let Some(Overlay::Search(state)) = &self.overlay {
            self.last_search = (!state.query.trim().is_empty()).then(|| state.clone());
            // A new search after starting over: Backspace no longer brings the old one back.
            if self.last_search.is_some() {
                self.before_restart = None;
            }
        }
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
            // Worked out once per search, not on every frame drawn (a big tree takes a while).
            state.split = close_call_split(&tree, &state.findings).map(|split| SplitAt {
                question: split.question.to_string(),
                toward_first: split.toward_a,
                toward_second: split.toward_b,
            });
        }
    }

    fn record_search(&mut self) {
        // A reopened search not edited since was recorded when it was made.
        if let Some(Overlay::Search(state)) = &self.overlay
            && !state.query.trim().is_empty()
            && !state.restored
        {
            let top = state
                .findings
                .hits
                .iter()
                .take(3)
                .map(|h| h.id.clone())
                .collect();
            let query = match &state.pasted {
                Some(pasted) if as_query(pasted) == state.query => pasted.trim().to_string(),
                _ => state.query.clone(),
            };
            self.events.push(Event::Searched { query, top });
        }
    }

    /// The text of the selected command, if the current screen is a leaf with commands (and a
    /// command, not a link or a "See also" entry, is selected).
    pub fn selected_command(&self) -> Option<&str> {
        if self.see_also.is_some() || self.link.is_some() || self.selection_cleared {
            return None;
        }
        match self.node() {
            Node::Leaf(l) => l.commands().nth(self.command).map(|c| c.code()),
            Node::Question(_) => None,
        }
    }

    /// [`App::selected_command`] with the values known put in for its placeholders: what `c`
    /// copies and `p` prints.
    pub fn selected_command_filled(&self) -> Option<String> {
        self.selected_command().map(|c| self.values.fill(c))
    }

    /// "Copied with blanks: <VMName>, ..." when the selected command still has placeholders
    /// without a value.
    pub fn blanks_note(&self) -> Option<String> {
        let missing = self.values.missing(self.selected_command()?);
        (!missing.is_empty()).then(|| {
            crate::i18n::fill(
                crate::i18n::strings(self.lang).copied_blanks,
                &[("names", &crate::fill::bracketed(&missing))],
            )
        })
    }

    /// Opens the form that fills in the selected command's placeholders; says why not when
    /// there is no such command.
    fn open_fill(&mut self) {
        let s = crate::i18n::strings(self.lang);
        let Some(command) = self.selected_command().map(str::to_string) else {
            self.status = Some(s.fill_no_command.to_string());
            return;
        };
        let names: Vec<String> = crate::fill::names(&command)
            .into_iter()
            .map(str::to_string)
            .collect();
        if names.is_empty() {
            // The fix's next command with blanks, if any, is the one to fill.
            let count = self.command_count();
            let next = (1..count).map(|k| (self.command + k) % count).find(|&i| {
                matches!(self.node(), Node::Leaf(l)
                    if l.commands().nth(i).is_some_and(|c| !crate::fill::names(c.code()).is_empty()))
            });
            match next {
                Some(i) => {
                    self.select_item(i);
                    follow_item(self);
                    self.open_fill();
                    self.status = Some(s.fill_next.to_string());
                }
                None => self.status = Some(s.fill_nothing.to_string()),
            }
            return;
        }
        let values: Vec<String> = names
            .iter()
            .map(|n| self.values.get(n).unwrap_or("").to_string())
            .collect();
        let mut form = FillState {
            command,
            names,
            values,
            field: 0,
            fresh: true,
            cursor: 0,
            refused: Vec::new(),
        };
        // Values known already (from a paste or an earlier form) are kept: the first blank
        // one is where typing is wanted.
        let first_blank = form.values.iter().position(String::is_empty).unwrap_or(0);
        form.enter(first_blank);
        self.overlay = Some(Overlay::Fill(form));
    }

    /// What the key list describes: the screen under it, and whether search is on (it is off
    /// in practice).
    pub fn help_context(&self) -> (crate::keys::Ctx, bool) {
        use crate::keys::Ctx;
        let under = if let Some(screen) = self.verdict_screen() {
            screen
        } else if self.on_leaf() {
            Ctx::Leaf
        } else {
            Ctx::Question
        };
        (under, self.practice.is_none())
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
                selected_command: (!self.selection_cleared).then_some(self.command),
                values: &self.values,
                os: self.os_answered(),
                selected_link: self
                    .link
                    .filter(|_| self.see_also.is_none() && !self.selection_cleared),
                selected_see_also: self.see_also.filter(|_| !self.selection_cleared),
                see_also_titles: leaf
                    .see_also
                    .iter()
                    .map(|id| {
                        self.tree
                            .leaf(id)
                            .map(|l| l.title.get(self.lang).to_string())
                            .unwrap_or_default()
                    })
                    .collect(),
                // The answers the trail holds: the path the search chose, as the breadcrumb.
                path: self.via_search.then(|| {
                    crate::report::trail_steps(
                        &self.tree,
                        self.trail.iter().map(|(q, a)| (q.as_str(), *a)),
                        self.lang,
                    )
                }),
            }),
            Node::Question(_) => None,
        }
    }
}

/// The one place state changes. Returns what `main` must do outside.
pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    let had_overlay = app.overlay.is_some();
    let esc_closed = std::mem::take(&mut app.esc_closed);
    let esc_expected_box = std::mem::take(&mut app.esc_expected_box);
    let key = msg;
    let msg = if msg == Msg::EscapeKey {
        let guarded = app.overlay.is_none() && !app.asked_from_search;
        let s = crate::i18n::strings(app.lang);
        if guarded && (esc_closed || esc_expected_box) {
            app.status = Some(
                if esc_closed {
                    s.esc_again
                } else {
                    s.esc_nothing_open
                }
                .to_string(),
            );
            return None;
        }
        Msg::Escape
    } else {
        msg
    };
    // `q` quits on the question a close call's Tab asked, as on any question; the Esc key there
    // goes back to the search.
    if key == Msg::Escape && app.overlay.is_none() && app.asked_from_search {
        app.asked_from_search = false;
    }
    let effect = handle(app, msg);
    app.esc_closed =
        matches!(key, Msg::Escape | Msg::EscapeKey) && had_overlay && app.overlay.is_none();
    app.esc_expected_box = key == Msg::Fill && app.overlay.is_none();
    // Moved on from the first question after starting over: Backspace no longer undoes it.
    if app.before_restart.is_some() && (app.current != app.tree.start || !app.trail.is_empty()) {
        app.before_restart = None;
    }
    effect
}

fn handle(app: &mut App, msg: Msg) -> Option<Effect> {
    if let Msg::Resize(w, h) = msg {
        // A selection in view stays in view (the lines wrap anew at another width). Whether it
        // was in view is judged at the last size drawn: through a too-small terminal (only the
        // notice is drawn, keys wait) the answer is carried until a usable size comes back.
        let keep = if drawn(app.viewport) {
            item_visible(app)
        } else {
            app.keep_on_resize
        };
        app.viewport = (w, h);
        app.keep_on_resize = false;
        if !drawn(app.viewport) {
            app.keep_on_resize = keep;
        } else if app.on_leaf() {
            clamp_scroll(app);
            if keep {
                follow_item(app);
            }
        }
        return None;
    }
    if msg == Msg::Quit {
        app.quit = true;
        return None;
    }
    // On every screen, even the "too small" notice.
    if msg == Msg::Suspend {
        return Some(Effect::Suspend);
    }
    // Nothing is drawn but the "too small" notice: keys would act unseen.
    if !drawn(app.viewport) && msg != Msg::Escape {
        return None;
    }
    if msg == Msg::ToggleLang {
        let keep = item_visible(app);
        app.lang = app.lang.toggled();
        if app.on_leaf() {
            clamp_scroll(app);
            if keep {
                follow_item(app);
            }
        }
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
        // Quitting mid-round shows the score of the rounds already played (none yet too: q
        // does the same wherever it is pressed); Enter or q there quits.
        p.end_early();
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
        Some(Overlay::Help(_)) => {
            // Scrolled no further than the last line at the bottom, so Up moves at once.
            let (under, search) = app.help_context();
            let (width, height) = crate::view::body_size(app.viewport);
            let theme = crate::theme::Theme::new(crate::theme::ThemeName::Default, false);
            let lines = crate::view::help_document(under, search, app.lang, width, &theme)
                .lines
                .len();
            let max = lines.saturating_sub(height);
            let page = app.page();
            let Some(Overlay::Help(scroll)) = &mut app.overlay else {
                return None;
            };
            *scroll = (*scroll).min(max);
            match msg {
                Msg::Escape | Msg::ToggleHelp | Msg::Back | Msg::Confirm => app.overlay = None,
                Msg::Down => *scroll = (*scroll + 1).min(max),
                Msg::Up => *scroll = scroll.saturating_sub(1),
                Msg::PageDown => *scroll = (*scroll + page).min(max),
                Msg::PageUp => *scroll = scroll.saturating_sub(page),
                Msg::Home => *scroll = 0,
                Msg::End => *scroll = max,
                _ => {}
            }
            None
        }
        Some(Overlay::Search(_)) => update_search(app, msg),
        Some(Overlay::Fill(_)) => {
            update_fill(app, msg);
            None
        }
        None if matches!(msg, Msg::Type(_)) => {
            // Typed on a question or a fix: the start of a search (practice has none).
            if app.practice.is_none() {
                app.open_search();
                return update_search(app, msg);
            }
            None
        }
        None => {
            if app.on_leaf() {
                update_leaf(app, msg)
            } else {
                update_question(app, msg)
            }
        }
    }
}

/// On a practice verdict: Enter goes on to the next round, q or Esc ends the run; the arrows
/// and PgDn/PgUp scroll a verdict longer than the screen. The score and a verdict opened again
/// from it have keys of their own.
fn update_verdict(app: &mut App, msg: Msg) -> Option<Effect> {
    match app.verdict_screen() {
        Some(crate::keys::Ctx::Score) => return update_score(app, msg),
        Some(crate::keys::Ctx::Review) => return update_review(app, msg),
        _ => {}
    }
    if matches!(msg, Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown) {
        scroll_practice(app, msg);
        return None;
    }
    let Some(p) = &mut app.practice else {
        return None;
    };
    match msg {
        Msg::Confirm => {
            p.round += 1;
            p.scroll = 0;
            app.trail.clear();
            app.status = None;
            let start = app.tree.start.clone();
            app.arrive(start);
        }
        // Ending early keeps the rounds played and shows their score.
        Msg::Escape => p.end_early(),
        Msg::ToggleHelp => app.overlay = Some(Overlay::Help(0)),
        _ => {}
    }
    None
}

/// On the score: the arrows (PgDn/PgUp, Home/End) select a round, Enter opens its verdict again
/// (with no round played it quits), `r` starts a run of the rounds not right, q or Esc quits.
fn update_score(app: &mut App, msg: Msg) -> Option<Effect> {
    let size = crate::view::body_size(app.viewport);
    let theme = crate::theme::Theme::new(crate::theme::ThemeName::Default, false);
    let (doc, _) = app.verdict_view(size, &theme)?;
    // What the status said ("nothing to retry") was about the key before.
    app.status = None;
    let p = app.practice.as_mut()?;
    let rounds = p.score.rounds.len();
    let selected = p.selected();
    // A page of rounds: those that start within a screen of the one selected (rounds that wrap
    // take more rows than one).
    let starts: Vec<usize> = doc.item_lines.iter().map(|(start, _)| *start).collect();
    let page = size.1.saturating_sub(1).max(1);
    let here = starts.get(selected).copied().unwrap_or(0);
    let chosen = match msg {
        Msg::Up => Some(selected.saturating_sub(1)),
        Msg::Down => Some(selected + 1),
        Msg::Home => Some(0),
        Msg::End => Some(rounds.saturating_sub(1)),
        Msg::PageDown => Some(
            starts
                .iter()
                .rposition(|&start| start <= here + page)
                .unwrap_or(0)
                .max(selected + 1),
        ),
        Msg::PageUp => Some(
            starts
                .iter()
                .position(|&start| start + page >= here)
                .unwrap_or(0)
                .min(selected.saturating_sub(1)),
        ),
        _ => None,
    };
    if let Some(round) = chosen {
        p.chosen = Some(round.min(rounds.saturating_sub(1)));
        follow_selected_round(app);
        return None;
    }
    match msg {
        Msg::Confirm if rounds > 0 => {
            p.chosen = Some(selected);
            p.review = Some(crate::practice::Review {
                round: selected,
                scroll: 0,
            });
        }
        Msg::Restart => retry(app),
        Msg::Confirm | Msg::Escape => app.quit = true,
        Msg::ToggleHelp => app.overlay = Some(Overlay::Help(0)),
        _ => {}
    }
    None
}

/// Keeps the score's scroll where the selected round is in view.
fn follow_selected_round(app: &mut App) {
    let size = crate::view::body_size(app.viewport);
    let theme = crate::theme::Theme::new(crate::theme::ThemeName::Default, false);
    let scroll = app.verdict_view(size, &theme).map(|(_, scroll)| scroll);
    if let (Some(p), Some(scroll)) = (&mut app.practice, scroll) {
        p.scroll = scroll;
    }
}

/// On a round's verdict opened again from the score: the arrows and PgDn/PgUp scroll it;
/// Backspace (Left, h), Enter, q or Esc go back to the score, its round still selected.
fn update_review(app: &mut App, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown => scroll_practice(app, msg),
        Msg::Back | Msg::Confirm | Msg::Escape => {
            if let Some(p) = &mut app.practice {
                p.review = None;
            }
            follow_selected_round(app);
        }
        Msg::ToggleHelp => app.overlay = Some(Overlay::Help(0)),
        _ => {}
    }
    None
}

/// `r` on the score: a new run of the rounds not right, the run played kept as an earlier one
/// (recorded as a run of its own); with none, the status line says there is nothing to retry.
fn retry(app: &mut App) {
    let s = crate::i18n::strings(app.lang);
    let Some(next) = app.practice.as_ref().and_then(|p| p.retry()) else {
        app.status = Some(s.practice_nothing_to_retry.to_string());
        return;
    };
    let rounds = next.targets.len();
    if let Some(played) = app.practice.replace(next) {
        app.earlier_runs.push(EarlierRun {
            score: played.score,
            events: app.events.len(),
        });
    }
    app.trail.clear();
    let start = app.tree.start.clone();
    app.arrive(start);
    app.status = Some(crate::i18n::count(rounds, s.practice_retrying));
}

/// Scrolls the practice text that scrolls on screen (the message to solve above a question,
/// else the verdict or the score) by a line (Up/Down) or a page (PgUp/PgDn), within its length.
fn scroll_practice(app: &mut App, msg: Msg) {
    let size = crate::view::body_size(app.viewport);
    let theme = crate::theme::Theme::new(crate::theme::ThemeName::Default, false);
    let (scroll, max, page) = if let Some(m) = app.practice_message(size, &theme) {
        // A page of the message keeps its last line in view: it may end in "..".
        let page = m.rows.saturating_sub(1).max(1);
        (m.scroll, m.doc.lines.len() - m.rows, page)
    } else if let Some((doc, scroll)) = app.verdict_view(size, &theme) {
        (scroll, doc.lines.len().saturating_sub(size.1), app.page())
    } else {
        return;
    };
    let next = match msg {
        Msg::Down => scroll + 1,
        Msg::Up => scroll.saturating_sub(1),
        Msg::PageDown => scroll + page,
        Msg::PageUp => scroll.saturating_sub(page),
        _ => scroll,
    };
    if let Some(p) = &mut app.practice {
        match &mut p.review {
            Some(review) if p.round >= p.targets.len() => review.scroll = next.min(max),
            _ => p.scroll = next.min(max),
        }
    }
}

/// On a practice question's first answer, Up scrolls up toward the text above it ("Why we ask")
/// while some of it is out of view, and Down scrolls down (to the answer) before it moves on.
/// True when it scrolled (the highlighted answer stays).
fn practice_scroll_question(app: &mut App, msg: Msg) -> bool {
    let size = crate::view::body_size(app.viewport);
    let theme = crate::theme::Theme::new(crate::theme::ThemeName::Default, false);
    let Some(view) = app.practice_question(size, &theme) else {
        return false;
    };
    let Some(p) = &mut app.practice else {
        return false;
    };
    match msg {
        Msg::Up if app.selected == 0 && view.scroll > 0 => p.scrolled_up = Some(view.up + 1),
        Msg::Down if app.selected == 0 && view.up > 0 => p.scrolled_up = Some(view.up - 1),
        _ => {
            p.scrolled_up = Some(0);
            return false;
        }
    }
    true
}

fn update_common(app: &mut App, msg: Msg) -> bool {
    match msg {
        Msg::Back => app.back(),
        Msg::JumpTo(step) => app.jump_to(step),
        Msg::Restart => app.restart(),
        Msg::OpenSearch => app.open_search(),
        // The key list is read on its own: a note of the screen below does not stay on it.
        Msg::ToggleHelp => {
            app.status = None;
            app.overlay = Some(Overlay::Help(0));
        }
        Msg::Escape => app.quit = true,
        _ => return false,
    }
    true
}

fn update_question(app: &mut App, msg: Msg) -> Option<Effect> {
    let count = app.answer_count();
    match msg {
        // In practice, the text above the first answer when they do not fit together.
        Msg::Up | Msg::Down if practice_scroll_question(app, msg) => {}
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
        // In practice, the message to solve when it is longer than its rows.
        Msg::PageDown | Msg::PageUp => scroll_practice(app, msg),
        Msg::Confirm => app.choose(app.selected),
        Msg::WriteTranscript => return Some(Effect::WriteTranscript),
        // Back to the close call this question was asked from.
        // Back to the close call this question was asked from, and to where the user was.
        Msg::Escape if app.asked_from_search => {
            if let Some(before) = app.before_split.take() {
                // Still there (a language switch may have come after them): taken back.
                let still = app.events.get(before.filled.clone()).is_some_and(|filled| {
                    filled.iter().all(|e| matches!(e, Event::Answered { .. }))
                });
                if still {
                    app.events.drain(before.filled);
                }
                app.trail = before.trail;
                app.arrive(before.current);
            }
            app.asked_from_search = false;
            app.open_search();
        }
        other => {
            update_common(app, other);
        }
    }
    None
}

fn update_leaf(app: &mut App, msg: Msg) -> Option<Effect> {
    let items = app.command_count() + app.link_count() + app.see_also_count();
    match msg {
        // Tab moves on from the selection when it is in view. With nothing selected (scrolling
        // cleared it, or a fix without commands) it selects the first item at or after the top
        // of the view, Shift-Tab the last one before its bottom (wrapping around when there is
        // none). A selection off screen (the first command, below the fix's text on arrival) is
        // first brought into view.
        Msg::NextCommand | Msg::Down if items > 0 => {
            let next = match app.current_item() {
                Some(item) if item_visible(app) => (item + 1) % items,
                Some(item) => item,
                None => from_view(app, true).unwrap_or(0),
            };
            app.select_item(next);
            follow_item(app);
        }
        Msg::PrevCommand | Msg::Up if items > 0 => {
            let previous = match app.current_item() {
                Some(item) if item_visible(app) => item.checked_sub(1).unwrap_or(items - 1),
                Some(item) => item,
                None => from_view(app, false).unwrap_or(items - 1),
            };
            app.select_item(previous);
            follow_item(app);
        }
        Msg::Down | Msg::NextCommand => scroll_to(app, app.scroll.saturating_add(1)),
        Msg::Up | Msg::PrevCommand => scroll_to(app, app.scroll.saturating_sub(1)),
        Msg::PageDown => scroll_to(app, app.scroll.saturating_add(app.page())),
        Msg::PageUp => scroll_to(app, app.scroll.saturating_sub(app.page())),
        Msg::Home => scroll_to(app, 0),
        Msg::End => scroll_to(app, usize::MAX),
        // Enter opens the selected "See also" fix, or copies the selected command or link.
        Msg::Confirm => match app.selected_see_also().map(str::to_string) {
            Some(id) => app.open_see_also(&id),
            None => return update_leaf(app, Msg::Copy),
        },
        Msg::Copy => {
            // What is copied is on screen, drawn selected: a selection off screen (after a
            // resize from too small a terminal, say) comes into view as it is copied.
            if app.current_item().is_some() && !item_visible(app) {
                follow_item(app);
            }
            let s = crate::i18n::strings(app.lang);
            let (text, is_link) = match (app.selected_command_filled(), app.selected_link()) {
                (Some(code), _) => (code, false),
                (None, Some(url)) => (url.to_string(), true),
                (None, None) => {
                    app.status = Some(no_command(app).to_string());
                    return None;
                }
            };
            if text.chars().any(crate::text::is_unsafe_char) {
                app.status = Some(
                    if is_link {
                        s.link_copy_refused
                    } else {
                        s.copy_refused
                    }
                    .to_string(),
                );
                return None;
            }
            if !is_link {
                app.events.push(Event::Copied {
                    leaf: app.current.clone(),
                    command: app.command,
                    text: text.clone(),
                });
            }
            return Some(Effect::Copy(text));
        }
        Msg::Fill => app.open_fill(),
        Msg::PrintOnQuit => {
            // What is marked is on screen, as what is copied.
            if app.current_item().is_some() && !item_visible(app) {
                follow_item(app);
            }
            let marked = app
                .selected_command_filled()
                .or_else(|| app.selected_link().map(str::to_string));
            match marked.as_deref() {
                // Pressed again on the same command or link: nothing will be printed after all.
                Some(text) if app.print_on_quit.as_deref() == Some(text) => {
                    app.print_on_quit = None;
                    app.status = Some(crate::i18n::strings(app.lang).will_not_print.to_string());
                }
                Some(text) => {
                    let text = text.to_string();
                    app.status = Some(format!(
                        "{}: {}",
                        crate::i18n::strings(app.lang).will_print,
                        crate::text::sanitize_line(&text)
                    ));
                    app.print_on_quit = Some(text);
                }
                None => app.status = Some(no_command(app).to_string()),
            }
        }
        Msg::WriteTranscript => return Some(Effect::WriteTranscript),
        other => {
            update_common(app, other);
        }
    }
    None
}

/// Why there is nothing to copy or print: no command or link at all, none selected yet, or a
/// "See also" entry selected.
fn no_command(app: &App) -> &'static str {
    let s = crate::i18n::strings(app.lang);
    let copyable = app.command_count() + app.link_count() > 0;
    if app.see_also.is_some() && copyable {
        s.see_also_not_a_command
    } else if copyable {
        s.nothing_selected
    } else {
        s.no_command
    }
}

/// True when the terminal is big enough to draw the wizard (below it keys wait).
fn drawn((w, h): (u16, u16)) -> bool {
    w >= crate::view::MIN_WIDTH && h >= crate::view::MIN_HEIGHT
}

/// The leaf screen's body as laid out at the current size: where each item sits, and how many
/// lines there are.
fn leaf_layout(app: &App) -> Option<(Vec<(usize, usize)>, usize)> {
    let view = app.leaf_view()?;
    let (width, _) = crate::view::body_size(app.viewport);
    let theme = crate::theme::Theme::new(crate::theme::ThemeName::Default, false);
    let doc = crate::view::leaf_document(&view, width, &theme);
    Some((doc.item_lines, doc.lines.len()))
}

/// Lines of the selected item (command, link or "See also" entry) in the leaf screen's body.
fn item_range(app: &App) -> Option<(usize, usize)> {
    leaf_layout(app)?.0.get(app.item()).copied()
}

/// True when the item at lines `[start, end)` is on screen from `scroll`: all of it, or, for an
/// item taller than the screen, its first line.
fn on_screen((start, end): (usize, usize), scroll: usize, height: usize) -> bool {
    start >= scroll && start < scroll + height && (end <= scroll + height || end - start > height)
}

/// True when there is a selection and it is on screen.
fn item_visible(app: &App) -> bool {
    let height = crate::view::body_size(app.viewport).1;
    app.current_item().is_some()
        && item_range(app).is_some_and(|range| on_screen(range, app.scroll, height))
}

/// The first item starting at or after the top of the view (`forward`), or the last one starting
/// before its bottom.
fn from_view(app: &App, forward: bool) -> Option<usize> {
    let (items, _) = leaf_layout(app)?;
    let height = crate::view::body_size(app.viewport).1;
    if forward {
        items.iter().position(|(start, _)| *start >= app.scroll)
    } else {
        items
            .iter()
            .rposition(|(start, _)| *start < app.scroll + height)
    }
}

/// Keeps the first line shown where the last page of the body is still full (drawing does the
/// same), so paging back up from the end moves at once.
fn clamp_scroll(app: &mut App) {
    if let Some((_, lines)) = leaf_layout(app) {
        let height = crate::view::body_size(app.viewport).1;
        app.scroll = app.scroll.min(lines.saturating_sub(height));
    }
}

/// Scrolls the leaf (PgDn, End, ...). A selection scrolled off screen moves to the first item on
/// screen, or, with none there, is cleared: what `c` copies is always in view.
fn scroll_to(app: &mut App, scroll: usize) {
    app.scroll = scroll;
    clamp_scroll(app);
    if item_visible(app) {
        return;
    }
    let height = crate::view::body_size(app.viewport).1;
    let first = leaf_layout(app).and_then(|(items, _)| {
        items
            .iter()
            .position(|range| on_screen(*range, app.scroll, height))
    });
    match first {
        Some(item) => app.select_item(item),
        None if app.current_item().is_some() => app.clear_selection(),
        None => {}
    }
}

/// Scrolls the leaf so the selected item is on screen.
fn follow_item(app: &mut App) {
    let height = crate::view::body_size(app.viewport).1;
    if app.current_item().is_some()
        && let Some(range) = item_range(app)
    {
        app.scroll = crate::view::keep_visible(app.scroll, range, height);
    }
}

fn update_search(app: &mut App, msg: Msg) -> Option<Effect> {
    // Results take two lines each (title, why).
    let page = (app.page() / 2).max(1);
    let Some(Overlay::Search(state)) = &mut app.overlay else {
        return None;
    };
    // The reopened last search is like selected text: typing replaces it (editing keeps it).
    if state.restored
        && let Msg::Type(c) = msg
        && query_char(c).is_some()
    {
        state.query.clear();
        state.cursor = 0;
        state.offset = 0;
    }
    // What the status said (a paste cut, a transcript written, how to undo a restart) was
    // about the text or the screen before.
    if matches!(msg, Msg::Type(_)) || edit_of(msg).is_some() {
        app.status = None;
    }
    let before = state.query.len();
    if let Some(edit) = edit_of(msg) {
        state.line().apply(edit);
    }
    match msg {
        Msg::Type(c) => {
            if let Some(c) = query_char(c) {
                if state.query.len() + c.len_utf8() <= MAX_QUERY_BYTES {
                    state.line().insert(c.encode_utf8(&mut [0; 4]));
                } else {
                    // Say why the key did nothing.
                    app.status = Some(crate::i18n::fill(
                        crate::i18n::strings(app.lang).query_full,
                        &[("kib", &(MAX_QUERY_BYTES / 1024).to_string())],
                    ));
                }
            }
        }
        Msg::Up => state.selected = state.selected.saturating_sub(1),
        Msg::Down if state.selected + 1 < state.findings.hits.len() => state.selected += 1,
        Msg::PageUp => state.selected = state.selected.saturating_sub(page),
        Msg::PageDown => {
            state.selected =
                (state.selected + page).min(state.findings.hits.len().saturating_sub(1));
        }
        Msg::Confirm => {
            if let Some(hit) = state.findings.hits.get(state.selected) {
                let id = hit.id.clone();
                let query = state.query.clone();
                // The reopened last search was read when it was made: reading it again would
                // undo values typed since.
                if !state.restored {
                    app.values.learn(&query);
                }
                app.record_search();
                app.remember_search();
                app.open_found_for(&id, &query);
            }
            return None;
        }
        Msg::AskSplit => {
            app.ask_split();
            return None;
        }
        Msg::Escape | Msg::OpenSearch => {
            app.record_search();
            app.remember_search();
            app.overlay = None;
            return None;
        }
        _ => {}
    }
    // Every edit changes the length: cursor moves alone do not search again (but they say the
    // user edits the reopened query: typing then adds to it).
    if state.query.len() != before {
        state.restored = false;
        app.run_search();
    } else if matches!(
        msg,
        Msg::CursorLeft | Msg::CursorRight | Msg::WordLeft | Msg::WordRight | Msg::Home | Msg::End
    ) {
        state.restored = false;
    }
    app.follow_cursor();
    None
}

/// The fill-in form: typing edits the field (the first character typed in a field just
/// entered replaces its value), Tab/Down and Shift-Tab/Up move between fields, Enter keeps the
/// values, Esc leaves them as they were.
fn update_fill(app: &mut App, msg: Msg) {
    let s = crate::i18n::strings(app.lang);
    let Some(Overlay::Fill(form)) = &mut app.overlay else {
        return;
    };
    let fields = form.names.len().max(1);
    let fresh = std::mem::replace(&mut form.fresh, false);
    let Some(value) = form.values.get_mut(form.field) else {
        app.overlay = None;
        return;
    };
    // A refused character is noted until the field is left: typed quickly, the next keys
    // would otherwise hide that the value is not what was typed.
    if !matches!(msg, Msg::Type(_)) && edit_of(msg).is_none() {
        app.status = None;
        form.refused.clear();
    }
    let mut line = Line::new(value, &mut form.cursor);
    if let Some(edit) = edit_of(msg) {
        line.apply(match edit {
            // A field just entered is selected: an erase empties it (a move keeps it).
            Edit::Erase
            | Edit::EraseNext
            | Edit::EraseWord
            | Edit::ErasePart
            | Edit::EraseToStart
            | Edit::EraseToEnd
                if fresh =>
            {
                Edit::Clear
            }
            // Names have no spaces: Ctrl-W erases their last part.
            Edit::EraseWord => Edit::ErasePart,
            edit => edit,
        });
        return;
    }
    match msg {
        Msg::Type(c) if !crate::fill::allowed(c) => {
            form.fresh = fresh;
            if !form.refused.contains(&c) {
                form.refused.push(c);
            }
            app.status = Some(refused(s, &form.refused));
        }
        Msg::Type(c) => {
            if fresh {
                line.apply(Edit::Clear);
            }
            if line.len() < crate::fill::MAX_VALUE_CHARS {
                line.insert(c.encode_utf8(&mut [0; 4]));
            }
        }
        Msg::NextCommand | Msg::Down => form.enter((form.field + 1) % fields),
        Msg::PrevCommand | Msg::Up => form.enter((form.field + fields - 1) % fields),
        Msg::Confirm => {
            let form = form.clone();
            // A command marked to print on quit is printed as it now reads.
            let marked =
                app.print_on_quit.is_some() && app.print_on_quit == app.selected_command_filled();
            for (name, value) in form.names.iter().zip(&form.values) {
                // Fields only ever hold allowed characters.
                let _ = app.values.set(name, value);
            }
            if marked {
                app.print_on_quit = app.selected_command_filled();
            }
            app.overlay = None;
            app.status = Some(
                match app.selected_command().map(|c| app.values.missing(c)) {
                    Some(missing) if !missing.is_empty() => crate::i18n::fill(
                        s.fill_missing,
                        &[("names", &crate::fill::bracketed(&missing))],
                    ),
                    _ => s.fill_done.to_string(),
                },
            );
        }
        Msg::Escape => app.overlay = None,
        _ => {}
    }
}

/// "Paste cut to its first 64 KiB" (a line of plain mode).
pub fn paste_cut_notice(lang: Lang, bytes: usize) -> String {
    crate::i18n::fill(
        crate::i18n::strings(lang).paste_cut,
        &[("kib", &(bytes / 1024).to_string())],
    )
}

/// "Paste cut to its last 64 KiB" (the search box, which keeps a long paste's end).
pub fn paste_cut_end_notice(lang: Lang, bytes: usize) -> String {
    crate::i18n::fill(
        crate::i18n::strings(lang).paste_cut_end,
        &[("kib", &(bytes / 1024).to_string())],
    )
}

/// "Not in a value: ' ', ';'" (the form, plain mode): the characters refused, each once.
pub fn refused(s: &crate::i18n::Strings, chars: &[char]) -> String {
    let listed: Vec<String> = chars
        .iter()
        .map(|c| format!("'{}'", c.escape_debug()))
        .collect();
    crate::i18n::fill(s.fill_refused, &[("chars", &listed.join(", "))])
}

/// Adds pasted text to the search box at the cursor, in one go (a paste may be a whole log), or
/// to the field of the fill-in form (its first line).
pub fn paste(app: &mut App, text: &str) {
    if let Some(Overlay::Fill(form)) = &mut app.overlay {
        let fresh = std::mem::replace(&mut form.fresh, false);
        // A resource id, a command or job JSON names the values: they go in their fields (the
        // VM's name, not the whole id, into <VMName>).
        let named: Vec<(usize, String)> = crate::fill::from_text(text)
            .into_iter()
            .filter_map(|(key, value)| {
                let i = form.names.iter().position(|n| crate::fill::key(n) == key)?;
                Some((i, value))
            })
            .collect();
        if named.iter().any(|(i, _)| *i == form.field) {
            for (i, value) in named {
                form.values[i] = value;
            }
            form.cursor = form.values[form.field].chars().count();
            app.status = None;
            return;
        }
        let line = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        let mut bad: Vec<char> = Vec::new();
        for c in line.chars().filter(|c| !crate::fill::allowed(*c)) {
            if !bad.contains(&c) {
                bad.push(c);
            }
        }
        if !bad.is_empty() {
            form.fresh = fresh;
            app.status = Some(refused(crate::i18n::strings(app.lang), &bad));
        } else if let Some(value) = form.values.get_mut(form.field) {
            app.status = None;
            let mut field = Line::new(value, &mut form.cursor);
            if fresh {
                field.apply(Edit::Clear);
            }
            let room = crate::fill::MAX_VALUE_CHARS.saturating_sub(field.len());
            field.insert(&line.chars().take(room).collect::<String>());
        }
        return;
    }
    let Some(Overlay::Search(state)) = &mut app.overlay else {
        return;
    };
    // A file's bytes pasted by mistake: said, and the query left as it was (`search` on stdin
    // refuses them too).
    if crate::text::looks_binary(text) {
        app.status = Some(crate::i18n::strings(app.lang).paste_binary.to_string());
        return;
    }
    // Pasting into the reopened last search starts a new one: "find this".
    if state.restored {
        state.restored = false;
        state.query.clear();
        state.cursor = 0;
        state.offset = 0;
    }
    // A paste that goes on the end of an earlier one (the rest of a log) goes on its text.
    let whole = match state.pasted.take() {
        _ if state.query.is_empty() => Some(String::new()),
        Some(earlier) if as_query(&earlier) == state.query && state.cursor == state.len() => {
            Some(earlier)
        }
        _ => None,
    };
    // What fits, from the paste's end: the newest lines of a log are its last.
    let chars: Vec<char> = text.chars().filter_map(query_char).collect();
    let mut room = MAX_QUERY_BYTES.saturating_sub(state.query.len());
    let mut start = chars.len();
    while let Some(c) = start.checked_sub(1).and_then(|i| chars.get(i)) {
        if c.len_utf8() > room {
            break;
        }
        room -= c.len_utf8();
        start -= 1;
    }
    let cut = start > 0;
    let kept: String = chars[start..].iter().collect();
    state.line().insert(&kept);
    state.pasted = whole.filter(|_| !cut).map(|earlier| earlier + text);
    app.run_search();
    app.follow_cursor();
    let notice = paste_cut_end_notice(app.lang, MAX_QUERY_BYTES);
    if cut {
        app.status = Some(notice);
    } else if app.status.as_deref() == Some(notice.as_str()) {
        // An earlier paste's notice is not about this one.
        app.status = None;
    }
}

/// The index (among the leaf's commands) of the first command of a step for `os`; 0 when none.
fn first_command_for(leaf: &Leaf, os: Os) -> usize {
    let mut index = 0;
    for step in &leaf.steps {
        if step.os.contains(&os) && !step.run.is_empty() {
            return index;
        }
        index += step.run.len();
    }
    0
}

/// Longest part of a copied text named on the status line.
const COPIED_PREFIX: usize = 120;

/// The status line after a copy: `status` (what the clipboard said) and the start of what was
/// copied, escaped, first ("Copied: sestatus"). A hint in `status`, on its second line, comes
/// after them in parentheses, still on a line of its own: the status line shows it only when it
/// fits whole, so what was copied is never cut for it.
pub fn copied_status(status: &str, text: &str) -> String {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut shown = crate::text::truncate(&crate::text::sanitize_line(first.trim()), COPIED_PREFIX);
    if first.len() < text.trim_end().len() && !shown.ends_with("..") {
        shown.push_str(" ..");
    }
    match status.split_once('\n') {
        Some((said, hint)) => format!("{said}: {shown}\n({})", hint.trim()),
        None => format!("{status}: {shown}"),
    }
}

/// The status line after a copy: what the clipboard said (`said`) about `text`, with `blanks`
/// (the note that the command still has placeholders) when it was sent. A plain copy with
/// blanks is the note alone ("Copied with blanks: <VMName> (f fills them in)": the command is
/// the one highlighted; the start of it would only crowd the names out), unless tmux may
/// have kept the copy from the clipboard: that matters more, and comes first.
pub fn after_copy(said: &str, text: &str, blanks: Option<String>, lang: Lang) -> String {
    let s = crate::i18n::strings(lang);
    let copied = copied_status(said, text);
    match blanks {
        Some(note) if said.starts_with(s.copied_tmux) => format!("{copied}\n{note}"),
        Some(note) if said == s.copied => note,
        Some(note) if said.starts_with(s.copied) => format!("{note}\n{copied}"),
        _ => copied,
    }
}

/// The wizard's search: the tree's search index, built on first use.
pub fn index_searcher(index: Arc<crate::search::LazyIndex>) -> Searcher {
    Box::new(move |tree: &Tree, query: &str, lang: Lang| {
        let results = index.get(tree).search(query, lang, SEARCH_RESULTS);
        Findings {
            confident: results.confident,
            close: results.close,
            not_covered: results
                .not_covered
                .and_then(|i| tree.not_covered.get(i))
                .cloned(),
            unknown_code: results.unknown_code,
            hits: results
                .hits
                .into_iter()
                .map(|h| Found {
                    marks: tree
                        .leaf(&h.id)
                        .map(|leaf| h.marks(leaf.title.get(lang)))
                        .unwrap_or_default(),
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
