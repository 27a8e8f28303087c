//! Checks a parsed tree and collects every problem (not just the first), each placed in the file.

use super::diagnostic::Diagnostic;
use super::schema::{Lang, Node, Text, Tree};
use std::collections::{HashMap, HashSet};

pub const MAX_ANSWERS: usize = 9;

/// Most problems reported for one file. A hostile or badly generated tree can have hundreds of
/// thousands; past this many they are noise, and finding and placing them would take long.
pub const MAX_DIAGNOSTICS: usize = 50;

/// Ids longer than this are not compared for "did you mean" (the comparison is quadratic).
const MAX_SUGGEST_CHARS: usize = 200;

/// Finds where things are in the source text, so problems found on the parsed tree get a place.
/// Built in one pass over the source; each lookup is cheap.
struct Locator<'a> {
    src: &'a str,
    /// Byte offset of each node's key, in file order (duplicates included).
    node_starts: Vec<usize>,
    /// The same offsets, sorted and without repeats, to find where a node ends.
    sorted_starts: Vec<usize>,
    /// Byte offset of every `next: "..."` value (the literal), in file order.
    next_values: Vec<usize>,
}

impl<'a> Locator<'a> {
    fn new(src: &'a str, tree: &Tree) -> Locator<'a> {
        // Map keys by the id they spell (escapes decoded, NFC as ids are after loading).
        let mut keys: HashMap<String, Vec<usize>> = HashMap::new();
        for (literal, offsets) in super::scan::map_keys(src) {
            if let Ok(key) = ron::from_str::<String>(literal) {
                keys.entry(crate::text::nfc(&key))
                    .or_default()
                    .extend(offsets);
            }
        }
        keys.values_mut()
            .for_each(|offsets| offsets.sort_unstable());
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut node_starts = Vec::with_capacity(tree.nodes.len());
        let mut last = 0;
        for (id, _) in &tree.nodes {
            let nth = seen.entry(id.as_str()).or_insert(0);
            // The `nth` occurrence of `"id"` used as a map key.
            let at = keys
                .get(id.as_str())
                .and_then(|offsets| offsets.get(*nth))
                .copied()
                .unwrap_or(last);
            *nth += 1;
            node_starts.push(at);
            last = at;
        }
        let mut sorted_starts = node_starts.clone();
        sorted_starts.sort_unstable();
        sorted_starts.dedup();
        Locator {
            src,
            node_starts,
            sorted_starts,
            next_values: super::scan::field_values(src, "next"),
        }
    }

    fn node_range(&self, index: usize) -> (usize, usize) {
        let start = self.node_starts[index];
        let next = self.sorted_starts.partition_point(|s| *s <= start);
        let end = self
            .sorted_starts
            .get(next)
            .copied()
            .unwrap_or(self.src.len());
        (start, end)
    }

    /// Offset of the first `needle` inside node `index`, or of the node itself.
    fn in_node(&self, index: usize, needle: &str) -> usize {
        self.find_in_node(index, needle)
            .unwrap_or(self.node_starts[index])
    }

    /// Offset of the first `needle` inside node `index`.
    fn find_in_node(&self, index: usize, needle: &str) -> Option<usize> {
        let (start, end) = self.node_range(index);
        self.src
            .get(start..end)
            .and_then(|s| s.find(needle))
            .map(|i| start + i)
    }

    /// Offset of the `next` value of answer `answer` (0-based) of question `index`, which has
    /// `answers` answers: each answer has exactly one `next`, in order. `None` when the node's
    /// text does not hold that many (its place in the file was not found).
    fn answer_next(&self, index: usize, answer: usize, answers: usize) -> Option<usize> {
        let (start, end) = self.node_range(index);
        let first = self.next_values.partition_point(|v| *v < start);
        let last = self.next_values.partition_point(|v| *v < end);
        (last - first == answers)
            .then(|| self.next_values.get(first + answer).copied())
            .flatten()
    }

    /// Where each item of the list `name: [...]` of node `index` sits (byte ranges, in order),
    /// when the node's text holds exactly `count` of them; `None` otherwise (its place in the file
    /// was not found).
    fn list_items(&self, index: usize, name: &str, count: usize) -> Option<Vec<(usize, usize)>> {
        let (start, end) = self.node_range(index);
        let items = list_items(self.src.get(start..end)?, name);
        (items.len() == count).then(|| {
            items
                .into_iter()
                .map(|(a, b)| (start + a, start + b))
                .collect()
        })
    }

    /// Offset of entry `entry` (0-based) of the `see_also` list of leaf `index`, which has
    /// `entries` entries; else of the first `"target"` in the node, else of the node.
    fn see_also(&self, index: usize, entry: usize, entries: usize, target: &str) -> usize {
        self.list_items(index, "see_also", entries)
            .and_then(|items| items.get(entry).map(|(at, _)| *at))
            .unwrap_or_else(|| self.in_node(index, &format!("{target:?}")))
    }

    /// Offset of the `lang` text of error message `error` (0-based) of leaf `index`, which has
    /// `errors` messages; else of the message, else of the node's `errors` field.
    fn error_message(&self, index: usize, error: usize, errors: usize, lang: Lang) -> usize {
        let place = TextPlace::Item {
            list: "errors",
            index: error,
            count: errors,
        };
        self.text(index, place, lang)
    }

    /// Offset of the `lang` text at `place` in node `index` (where it is empty), else of the
    /// item or field that should hold it, else of the node.
    fn text(&self, index: usize, place: TextPlace, lang: Lang) -> usize {
        match place {
            TextPlace::Field(name) => self.in_node(index, &format!("{name}:")),
            TextPlace::Item {
                list,
                index: k,
                count,
            } => {
                match self
                    .list_items(index, list, count)
                    .and_then(|items| items.get(k).copied())
                {
                    Some((start, end)) => {
                        super::scan::field_values(&self.src[start..end], lang.code())
                            .first()
                            .map_or(start, |at| start + at)
                    }
                    None => self.in_node(index, &format!("{list}:")),
                }
            }
        }
    }

    /// Offset of the tab at byte `tab` of the command `code` of node `index`, written as it is
    /// or as `\t`: found by what stands before it on its line (the string's opening quote or
    /// the line break when nothing does); else of the node's `run:`.
    fn tab_in_command(&self, index: usize, code: &str, tab: usize) -> usize {
        let line = code[..tab].rfind('\n').map_or(0, |n| n + 1);
        let before = &code[line..tab];
        let starts: &[&str] = match (before.is_empty(), line) {
            (false, _) => &[""],
            (true, 0) => &["\""],
            (true, _) => &["\n", "\\n"],
        };
        starts
            .iter()
            .flat_map(|start| ["\t", "\\t"].map(|tab| (format!("{start}{before}"), tab)))
            .find_map(|(lead, tab)| {
                self.find_in_node(index, &format!("{lead}{tab}"))
                    .map(|at| at + lead.len())
            })
            .unwrap_or_else(|| self.in_node(index, "run:"))
    }

    /// Offset of the first field `name` (the name, then `:`), or the start of the file.
    fn field(&self, name: &str) -> usize {
        let bytes = self.src.as_bytes();
        self.src
            .match_indices(name)
            .map(|(i, _)| i)
            .find(|&i| {
                let before = i.checked_sub(1).map(|j| bytes[j]);
                let after = bytes[i + name.len()..]
                    .iter()
                    .find(|b| !b.is_ascii_whitespace());
                !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
                    && after == Some(&b':')
            })
            .unwrap_or(0)
    }
}

/// Where the field `name` of the list item at `item` (byte range of `src`) is written, else the
/// item's start.
fn field_in(src: &str, (start, end): (usize, usize), name: &str) -> usize {
    src.get(start..end)
        .and_then(|text| text.find(&format!("{name}:")))
        .map_or(start, |at| start + at)
}

/// The items of the list that is the value of the first field `name` of `src` (`name: [...]`),
/// as byte ranges in order: string literals, bare words (`Linux`) and bracketed values with the
/// word before them (`(en: "...")`, `Cmd("...")`). Empty when there is no such list.
fn list_items(src: &str, name: &str) -> Vec<(usize, usize)> {
    use super::scan::{Token, scan};
    use std::ops::ControlFlow;
    #[derive(Clone, Copy)]
    enum State {
        Seek,
        /// The field's name and colon were seen: its value comes next.
        Named,
        /// Inside the list, this many brackets deep in the current item.
        In(usize),
    }
    let bytes = src.as_bytes();
    let mut state = State::Seek;
    let mut items = Vec::new();
    // A word at the list's top level, not yet known to be an item alone or a bracket's name.
    let mut word: Option<(usize, usize)> = None;
    // Where the bracketed item being read starts.
    let mut item_start = 0;
    scan(src, |t| {
        state = match (state, t) {
            (State::Seek | State::Named, Token::Ident { start, end }) => {
                let colon = bytes[end..].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':');
                if &bytes[start..end] == name.as_bytes() && colon {
                    State::Named
                } else {
                    State::Seek
                }
            }
            (State::Named, Token::Open(at)) if bytes[at] == b'[' => State::In(0),
            (State::Seek | State::Named, _) => State::Seek,
            (State::In(0), Token::Str { start, end, .. }) => {
                items.extend(word.take());
                items.push((start, end));
                State::In(0)
            }
            (State::In(0), Token::Ident { start, end }) => {
                items.extend(word.replace((start, end)));
                State::In(0)
            }
            (State::In(depth), Token::Open(at)) => {
                if depth == 0 {
                    item_start = word.take().map_or(at, |(start, _)| start);
                }
                State::In(depth + 1)
            }
            (State::In(0), Token::Close(_)) => {
                items.extend(word.take());
                return ControlFlow::Break(());
            }
            (State::In(depth), Token::Close(at)) => {
                if depth == 1 {
                    items.push((item_start, at + 1));
                }
                State::In(depth - 1)
            }
            (state @ State::In(_), _) => state,
        };
        ControlFlow::Continue(())
    });
    items
}

/// The problems found so far; full at [`MAX_DIAGNOSTICS`].
struct Problems<'a> {
    file: &'a str,
    src: &'a str,
    out: Vec<Diagnostic>,
}

/// There is no room for more problems: stop looking.
struct Full;

impl Problems<'_> {
    /// Adds a problem; `place` (which may take time) is only called when there is room for it.
    fn add(
        &mut self,
        place: impl FnOnce() -> usize,
        message: impl FnOnce() -> String,
        help: impl FnOnce() -> String,
    ) -> Result<(), Full> {
        self.add_hinted(place, message, help, || None)
    }

    /// [`add`](Self::add), with a hint at a second place of the file (its offset and message).
    fn add_hinted(
        &mut self,
        place: impl FnOnce() -> usize,
        message: impl FnOnce() -> String,
        help: impl FnOnce() -> String,
        hint: impl FnOnce() -> Option<(usize, String)>,
    ) -> Result<(), Full> {
        if self.out.len() >= MAX_DIAGNOSTICS {
            return Err(Full);
        }
        let mut d = Diagnostic::new(self.file, message())
            .at_offset(self.src, place())
            .help(help());
        if let Some((at, text)) = hint() {
            d = d.hint_at(self.src, at, text);
        }
        self.out.push(d);
        Ok(())
    }
}

/// Every problem of `tree`, whose text is `src`, read from `file` (at most [`MAX_DIAGNOSTICS`],
/// then a last one saying the list was cut).
pub fn validate(file: &str, src: &str, tree: &Tree) -> Vec<Diagnostic> {
    let mut problems = Problems {
        file,
        src,
        out: Vec::new(),
    };
    let complete = check(tree, &Locator::new(src, tree), &mut problems).is_ok();
    let mut out = problems.out;
    out.sort_by_key(|d| (d.line, d.column));
    if !complete {
        out.push(
            Diagnostic::new(
                file,
                format!("too many problems: stopped after the first {MAX_DIAGNOSTICS}"),
            )
            .help("fix these and check the file again"),
        );
    }
    out
}

fn check(tree: &Tree, loc: &Locator, p: &mut Problems) -> Result<(), Full> {
    if tree.id.trim().is_empty() || tree.id.chars().any(bad_id_char) {
        p.add(
            || loc.field("id"),
            || {
                format!(
                    "tree id {:?} is empty or has spaces or control characters",
                    tree.id
                )
            },
            || "use a short kebab-case id such as \"azure-vm-backup\"".into(),
        )?;
    }
    if tree.languages.is_empty() {
        p.add(
            || loc.field("languages"),
            || "the tree lists no language".into(),
            || "write `languages: [en, ko]` or leave the field out".into(),
        )?;
    }

    // Ids: well-formed and unique.
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (i, (id, _)) in tree.nodes.iter().enumerate() {
        if id.is_empty() || id.chars().any(bad_id_char) {
            p.add(
                || loc.node_starts[i],
                || format!("node id {id:?} is empty or has spaces or control characters"),
                || "use kebab-case ids such as \"backup-19\"".into(),
            )?;
        }
        if let Some(first) = first_seen.get(id.as_str()) {
            let first = *first;
            p.add(
                || loc.node_starts[i],
                || format!("duplicate node id {id:?}"),
                || {
                    let (line, _) = super::diagnostic::line_column(loc.src, loc.node_starts[first]);
                    format!("it is already used on line {line}; rename one of them")
                },
            )?;
        } else {
            first_seen.insert(id, i);
        }
    }
    let exists = |id: &str| first_seen.contains_key(id);
    let suggest = |id: &str| -> String {
        match closest_id(id, first_seen.keys().copied()) {
            Some(c) => format!("no node has this id; did you mean {c:?}?"),
            None => "no node has this id; add it or fix the name".to_string(),
        }
    };

    if !exists(&tree.start) {
        p.add(
            || loc.field("start"),
            || format!("`start` names {:?}, which does not exist", tree.start),
            || suggest(&tree.start),
        )?;
    }

    for (i, (id, node)) in tree.nodes.iter().enumerate() {
        match node {
            Node::Question(q) => {
                if q.answers.is_empty() {
                    p.add(
                        || loc.in_node(i, "answers:"),
                        || format!("question {id:?} has no answers"),
                        || "give it 1 to 9 answers".into(),
                    )?;
                }
                if q.answers.len() > MAX_ANSWERS {
                    p.add(
                        || loc.in_node(i, "answers:"),
                        || {
                            format!(
                                "question {id:?} has {} answers; at most {MAX_ANSWERS} fit the digit keys",
                                q.answers.len()
                            )
                        },
                        || "group some answers behind a follow-up question".into(),
                    )?;
                }
                for (k, a) in q.answers.iter().enumerate() {
                    if !exists(&a.next) {
                        p.add(
                            || {
                                loc.answer_next(i, k, q.answers.len())
                                    .unwrap_or_else(|| loc.in_node(i, &format!("{:?}", a.next)))
                            },
                            || {
                                format!(
                                    "answer {:?} of {id:?} leads to {:?}, which does not exist",
                                    a.label.en, a.next
                                )
                            },
                            || suggest(&a.next),
                        )?;
                    }
                }
            }
            Node::Leaf(leaf) => {
                if leaf.steps.is_empty() {
                    p.add(
                        || loc.in_node(i, "steps:"),
                        || format!("leaf {id:?} has no steps"),
                        || "a leaf is a fix: give at least one step the user can take".into(),
                    )?;
                }
                let entries = leaf.see_also.len();
                for (k, target) in leaf.see_also.iter().enumerate() {
                    match first_seen.get(target.as_str()) {
                        None => p.add(
                            || loc.see_also(i, k, entries, target),
                            || {
                                format!(
                                    "leaf {id:?} refers to {target:?} in `see_also`, which does not exist"
                                )
                            },
                            || suggest(target),
                        )?,
                        // The wizard opens a see-also entry as a fix: a question is none.
                        Some(&t) if matches!(tree.nodes[t].1, Node::Question(_)) => p.add(
                            || loc.see_also(i, k, entries, target),
                            || {
                                format!(
                                    "leaf {id:?}: see_also must name a leaf; {target:?} is a question"
                                )
                            },
                            || {
                                "`see_also` lists other fixes the user may open from this one: \
                                 name a leaf"
                                    .into()
                            },
                        )?,
                        Some(_) if target == id => p.add(
                            || loc.see_also(i, k, entries, target),
                            || format!("leaf {id:?} lists itself in `see_also`"),
                            || "`see_also` lists other fixes: remove this entry".into(),
                        )?,
                        Some(_) => {}
                    }
                }
                // A link is opened by the terminal or copied into a browser: a web address.
                let links = loc.list_items(i, "links", leaf.links.len());
                for (k, link) in leaf.links.iter().enumerate() {
                    let url = link.url.trim();
                    let web = ["https://", "http://"].iter().any(|p| {
                        url.get(..p.len())
                            .is_some_and(|s| s.eq_ignore_ascii_case(p))
                    });
                    if !web {
                        p.add(
                            // At its `url`, where the item has one written.
                            || {
                                links.as_ref().and_then(|l| l.get(k)).map_or_else(
                                    || loc.in_node(i, "links:"),
                                    |&item| field_in(loc.src, item, "url"),
                                )
                            },
                            || {
                                format!(
                                    "leaf {id:?}: link {} has no web address: {:?}",
                                    k + 1,
                                    link.url
                                )
                            },
                            || "write an address starting with https://".into(),
                        )?;
                    }
                }
                for c in leaf.commands() {
                    if c.code().trim().is_empty() {
                        p.add(
                            || loc.in_node(i, "run:"),
                            || format!("leaf {id:?} has an empty command"),
                            || "remove it or write the command".into(),
                        )?;
                    }
                    // Drawn as spaces, but copied as it is: pasted into a shell, a tab asks
                    // for completion, and the command arrives changed.
                    if let Some(tab) = c.code().find('\t') {
                        p.add(
                            || loc.tab_in_command(i, c.code(), tab),
                            || format!("leaf {id:?} has a command with a tab in it"),
                            || {
                                "use spaces: pasted into a shell, a tab asks for completion and \
                                 changes the command"
                                    .into()
                            },
                        )?;
                    }
                }
            }
        }
    }

    // Translations. A language with no text at all is one error: the tree is written in the
    // others only, and saying so (`languages: [en]`) is the fix, not a text for each field.
    let absent: Vec<Lang> = tree
        .languages
        .iter()
        .copied()
        .filter(|&lang| {
            tree.title.exact(lang).trim().is_empty()
                && tree.nodes.iter().all(|(_, node)| {
                    node_texts(node)
                        .iter()
                        .all(|(_, text)| text.exact(lang).trim().is_empty())
                })
                && tree.not_covered.iter().all(|topic| {
                    topic.topic.exact(lang).trim().is_empty()
                        && topic
                            .link
                            .as_ref()
                            .is_none_or(|link| link.title.exact(lang).trim().is_empty())
                })
        })
        .collect();
    let written: Vec<&str> = tree
        .languages
        .iter()
        .filter(|lang| !absent.contains(lang))
        .map(|lang| lang.code())
        .collect();
    if !written.is_empty() {
        for lang in &absent {
            p.add(
                || loc.field("title"),
                || format!("the tree has no {} text at all", lang_name(*lang)),
                || {
                    format!(
                        "written in {} only? say so after the title: `languages: [{}],`; \
                         else add `{}: \"...\"` to every text",
                        written.join(", "),
                        written.join(", "),
                        lang.code()
                    )
                },
            )?;
        }
    }
    let languages: Vec<Lang> = tree
        .languages
        .iter()
        .copied()
        .filter(|lang| written.is_empty() || !absent.contains(lang))
        .collect();
    for (i, (id, node)) in tree.nodes.iter().enumerate() {
        for (place, text) in node_texts(node) {
            for lang in &languages {
                if text.exact(*lang).trim().is_empty() {
                    p.add(
                        || loc.text(i, place, *lang),
                        || {
                            // The text in another language says which one it is.
                            let other = languages
                                .iter()
                                .map(|&l| text.exact(l).trim())
                                .find(|t| !t.is_empty())
                                .filter(|_| matches!(place, TextPlace::Item { .. }))
                                .map(|t| format!(" ({:?})", quoted(t)))
                                .unwrap_or_default();
                            format!(
                                "{id:?}: {}{other} has no {} text",
                                place.describe(),
                                lang_name(*lang)
                            )
                        },
                        || format!("add `{}: \"...\"` to it", lang.code()),
                    )?;
                }
            }
        }
    }
    for lang in &languages {
        if tree.title.exact(*lang).trim().is_empty() {
            p.add(
                || loc.field("title"),
                || format!("the tree title has no {} text", lang_name(*lang)),
                || format!("add `{}: \"...\"` to it", lang.code()),
            )?;
        }
    }

    // Topics the tree does not cover: named in every language, and by some words.
    let topics = list_items(loc.src, "not_covered");
    for (i, topic) in tree.not_covered.iter().enumerate() {
        // The field `name` of the item, else the item, else the list.
        let at = |name: &str| match topics.get(i) {
            Some(&item) => field_in(loc.src, item, name),
            None => loc.field("not_covered"),
        };
        let name = topic.topic.get(Lang::En);
        for lang in &languages {
            if topic.topic.exact(*lang).trim().is_empty() {
                p.add(
                    || at("topic"),
                    || {
                        format!(
                            "not_covered topic {} ({name:?}): the topic has no {} text",
                            i + 1,
                            lang_name(*lang)
                        )
                    },
                    || format!("add `{}: \"...\"` to it", lang.code()),
                )?;
            }
            if let Some(link) = &topic.link
                && link.title.exact(*lang).trim().is_empty()
            {
                p.add(
                    || at("link"),
                    || {
                        format!(
                            "not_covered topic {} ({name:?}): the link title has no {} text",
                            i + 1,
                            lang_name(*lang)
                        )
                    },
                    || format!("add `{}: \"...\"` to it", lang.code()),
                )?;
            }
        }
        let has_words = |phrase: &String| phrase.chars().any(char::is_alphanumeric);
        if !topic.phrases.iter().any(has_words) {
            p.add(
                || at("phrases"),
                || format!("not_covered topic {} ({name:?}) has no phrases", i + 1),
                || "list the words that name the topic in a query: `phrases: [\"MARS\"]`".into(),
            )?;
        } else if let Some(empty) = topic.phrases.iter().find(|p| !has_words(p)) {
            p.add(
                || at("phrases"),
                || {
                    format!(
                        "not_covered topic {} ({name:?}): the phrase {empty:?} has no words",
                        i + 1
                    )
                },
                || "write the words that name the topic, or remove it".into(),
            )?;
        }
    }

    same_error_messages(tree, loc, p, &first_seen)?;

    // Reachability and cycles (only meaningful once ids resolve).
    if exists(&tree.start) {
        // A node cut off only by another error (a `next` misspelt, a question whose id is
        // taken twice) is reached once that is mended: it is not one more error. (What is
        // reached as the tree stands is reached once mended too.)
        let mended = reachable_once_mended(tree, &tree.start, |id| {
            closest_id(id, first_seen.keys().copied())
        });
        let see_also: HashSet<&str> = tree
            .leaves()
            .flat_map(|(_, leaf)| leaf.see_also.iter().map(String::as_str))
            .collect();
        // A node only unreachable nodes lead to is cut off by them: one error, at the first of
        // them (those no unreachable node leads to first, then what is left: loops).
        let unreachable: Vec<usize> = (0..tree.nodes.len())
            .filter(|&i| {
                let id = tree.nodes[i].0.as_str();
                !mended.contains(id) && first_seen.get(id) == Some(&i)
            })
            .collect();
        let unreachable_set: HashSet<usize> = unreachable.iter().copied().collect();
        let leads_to = |i: usize| -> Vec<usize> {
            match &tree.nodes[i].1 {
                Node::Question(q) => q
                    .answers
                    .iter()
                    .filter_map(|a| first_seen.get(a.next.as_str()).copied())
                    .filter(|j| unreachable_set.contains(j))
                    .collect(),
                Node::Leaf(_) => Vec::new(),
            }
        };
        let led_to: HashSet<usize> = unreachable.iter().flat_map(|&i| leads_to(i)).collect();
        let mut cut_off: HashSet<usize> = HashSet::new();
        let mut reported: Vec<(usize, Vec<usize>)> = Vec::new();
        let firsts = unreachable.iter().filter(|i| !led_to.contains(i));
        for &first in firsts.chain(unreachable.iter()) {
            if cut_off.contains(&first) {
                continue;
            }
            cut_off.insert(first);
            let mut below = Vec::new();
            let mut stack = leads_to(first);
            while let Some(j) = stack.pop() {
                if cut_off.insert(j) {
                    below.push(j);
                    stack.extend(leads_to(j));
                }
            }
            below.sort_unstable();
            reported.push((first, below));
        }
        reported.sort_unstable();
        for (i, below) in reported {
            let id = tree.nodes[i].0.as_str();
            let below: Vec<String> = below
                .iter()
                .map(|&j| format!("{:?}", tree.nodes[j].0))
                .collect();
            p.add(
                || loc.node_starts[i],
                || {
                    let mut message =
                        format!("node {id:?} cannot be reached from {:?}", tree.start);
                    if !below.is_empty() {
                        message
                            .push_str(&format!(", nor can what it leads to: {}", below.join(", ")));
                    }
                    message
                },
                || {
                    if see_also.contains(id) {
                        "`see_also` does not count: the questions must lead to every fix; \
                         add an answer that leads to it, or remove it"
                            .into()
                    } else {
                        "add an answer that leads to it, or remove it".into()
                    }
                },
            )?;
        }
        for (cycle, answer) in cycles(tree, MAX_DIAGNOSTICS + 1 - p.out.len().min(MAX_DIAGNOSTICS))
        {
            // Placed at the `next` of the answer that closes the loop: the one to point elsewhere.
            let closing = &cycle[cycle.len() - 2];
            let index = first_seen.get(closing.as_str()).copied().unwrap_or(0);
            let answers = match &tree.nodes[index].1 {
                Node::Question(q) => q.answers.len(),
                Node::Leaf(_) => 0,
            };
            p.add(
                || {
                    loc.answer_next(index, answer, answers)
                        .unwrap_or(loc.node_starts[index])
                },
                || format!("the questions loop: {}", cycle.join(" -> ")),
                || "answers must always lead forward; point one of them elsewhere".into(),
            )?;
        }
    }
    Ok(())
}

/// Longest part of an error message quoted in a diagnostic.
const MAX_QUOTED_MESSAGE_CHARS: usize = 80;

/// Two leaves with the same error message: a search for the message cannot tell the two apart,
/// and neither can a trainee shown it in practice (who is then counted right for either). Allowed when the leaves name each other in `see_also` (the same message
/// really has two causes, and each fix offers the other). Messages are compared per language,
/// ignoring case, runs of spaces and a final period. `first_seen` maps each id to its node.
fn same_error_messages(
    tree: &Tree,
    loc: &Locator,
    p: &mut Problems,
    first_seen: &HashMap<&str, usize>,
) -> Result<(), Full> {
    let linked: HashSet<(&str, &str)> = tree
        .leaves()
        .flat_map(|(id, leaf)| leaf.see_also.iter().map(move |t| (id, t.as_str())))
        .collect();
    let siblings = |a: &str, b: &str| linked.contains(&(a, b)) && linked.contains(&(b, a));
    // Each message, by language, with the leaves (node index, message index) that have it.
    let mut seen: HashMap<(Lang, String), Vec<(usize, usize)>> = HashMap::new();
    let mut reported: HashSet<(usize, usize)> = HashSet::new();
    for (i, (id, node)) in tree.nodes.iter().enumerate() {
        // A repeated id is reported already; its messages would only repeat that.
        let Node::Leaf(leaf) = node else { continue };
        if first_seen.get(id.as_str()) != Some(&i) {
            continue;
        }
        for (k, message) in leaf.errors.iter().enumerate() {
            for lang in &tree.languages {
                let key = message_key(message.exact(*lang));
                if key.is_empty() {
                    continue;
                }
                let have = seen.entry((*lang, key)).or_default();
                let clash = have
                    .iter()
                    .find(|(j, _)| *j != i && !siblings(&tree.nodes[*j].0, id))
                    .copied();
                // Leaves come in order: this one's entry, if any, is the last.
                if have.last().is_none_or(|(j, _)| *j != i) {
                    have.push((i, k));
                }
                let Some((j, m)) = clash else { continue };
                if !reported.insert((j, i)) {
                    continue;
                }
                let other = &tree.nodes[j].0;
                let errors_of = |n: usize| match &tree.nodes[n].1 {
                    Node::Leaf(l) => l.errors.len(),
                    Node::Question(_) => 0,
                };
                p.add_hinted(
                    || loc.error_message(i, k, leaf.errors.len(), *lang),
                    || {
                        format!(
                            "leaves {other:?} and {id:?} have the same error message {:?}",
                            quoted(message.exact(*lang))
                        )
                    },
                    || {
                        "search cannot tell them apart, nor can a trainee shown the message in \
                         practice: give each leaf the exact message of \
                         its own failure or, if both really fail with this one, list each leaf \
                         in the other's `see_also`"
                            .into()
                    },
                    || {
                        Some((
                            loc.error_message(j, m, errors_of(j), *lang),
                            format!("{other:?} has it here"),
                        ))
                    },
                )?;
            }
        }
    }
    Ok(())
}

/// An error message as compared with the others: lower case, one space between words, no final
/// period. (Practice judges with it too: a fix quoting the round's message is as right.)
pub(crate) fn message_key(message: &str) -> String {
    let words = message.split_whitespace().collect::<Vec<_>>().join(" ");
    words.trim_end_matches(['.', ' ']).to_lowercase()
}

/// `text` cut to [`MAX_QUOTED_MESSAGE_CHARS`] characters (with `...` when cut).
fn quoted(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED_MESSAGE_CHARS) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

/// Ids are typed on command lines and shown everywhere: no spaces, no control characters, no
/// bidirectional overrides.
fn bad_id_char(c: char) -> bool {
    c.is_whitespace() || c.is_control() || crate::text::is_unsafe_char(c)
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English (en)",
        Lang::Ko => "Korean (ko)",
    }
}

/// Where a text of a node sits: a field of its own, or in an item of one of its lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TextPlace {
    Field(&'static str),
    /// Item `index` (0-based) of the list `list`, which has `count` items.
    Item {
        list: &'static str,
        index: usize,
        count: usize,
    },
}

impl TextPlace {
    /// The text's name in a message: "`title`", "the label of answer 3" (items counted from 1).
    fn describe(self) -> String {
        match self {
            TextPlace::Field(name) => format!("`{name}`"),
            TextPlace::Item { list, index, .. } => {
                let n = index + 1;
                match list {
                    "answers" => format!("the label of answer {n}"),
                    "errors" => format!("error message {n}"),
                    "steps" => format!("step {n}"),
                    "links" => format!("the title of link {n}"),
                    _ => format!("{list} item {n}"),
                }
            }
        }
    }
}

/// Every text of a node, with the place it sits in (for messages).
pub fn node_texts(node: &Node) -> Vec<(TextPlace, Text)> {
    let mut out = Vec::new();
    let item = |list, index, count| TextPlace::Item { list, index, count };
    match node {
        Node::Question(q) => {
            out.push((TextPlace::Field("text"), q.text.clone()));
            if let Some(w) = &q.why {
                out.push((TextPlace::Field("why"), w.clone()));
            }
            let n = q.answers.len();
            for (i, a) in q.answers.iter().enumerate() {
                out.push((item("answers", i, n), a.label.clone()));
            }
        }
        Node::Leaf(l) => {
            out.push((TextPlace::Field("title"), l.title.clone()));
            let n = l.errors.len();
            for (i, e) in l.errors.iter().enumerate() {
                out.push((item("errors", i, n), e.clone()));
            }
            out.push((TextPlace::Field("cause"), l.cause.clone()));
            let n = l.steps.len();
            for (i, s) in l.steps.iter().enumerate() {
                out.push((item("steps", i, n), s.text()));
            }
            let n = l.links.len();
            for (i, link) in l.links.iter().enumerate() {
                out.push((item("links", i, n), link.title.clone()));
            }
        }
    }
    out
}

fn closest_id<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let len = id.chars().count();
    if len > MAX_SUGGEST_CHARS {
        return None;
    }
    ids.filter(|c| {
        // Cheap checks first: a candidate whose length is too far off cannot be close enough.
        let max = 3.max(c.len() / 4);
        c.len() <= MAX_SUGGEST_CHARS * 4 && c.chars().count().abs_diff(len) <= max
    })
    .map(|c| (super::load::edit_distance(id, c), c))
    .filter(|(d, c)| *d <= 3.max(c.len() / 4))
    .min()
    .map(|(_, c)| c)
}

/// Ids of the nodes reachable from `start` by following answers.
pub fn reachable_from<'t>(tree: &'t Tree, start: &'t str) -> HashSet<&'t str> {
    walk(start, |id| match tree.node(id) {
        Some(Node::Question(q)) => q.answers.iter().map(|a| a.next.as_str()).collect(),
        _ => Vec::new(),
    })
}

/// Ids reachable from `start` if the tree's broken links were mended: a `next` naming no node
/// is read as the id `mend` gives (the one it most likely meant), and every node of an id taken
/// twice leads on.
fn reachable_once_mended<'t>(
    tree: &'t Tree,
    start: &'t str,
    mend: impl Fn(&str) -> Option<&'t str>,
) -> HashSet<&'t str> {
    let mut answers: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, node) in &tree.nodes {
        let next = answers.entry(id).or_default();
        if let Node::Question(q) = node {
            next.extend(q.answers.iter().map(|a| a.next.as_str()));
        }
    }
    let resolve = |id: &'t str| {
        if answers.contains_key(id) {
            Some(id)
        } else {
            mend(id)
        }
    };
    walk(start, |id| {
        answers
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|&next| resolve(next))
            .collect()
    })
}

/// Every id `next` leads to from `start`, step after step (`start` too).
fn walk<'t>(start: &'t str, mut next: impl FnMut(&'t str) -> Vec<&'t str>) -> HashSet<&'t str> {
    let mut seen = HashSet::new();
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            stack.extend(next(id));
        }
    }
    seen
}

/// Distinct cycles among questions (at most `limit`), as the ids along each (first id repeated at
/// the end), with the index of the answer of the last question that leads back to the first.
fn cycles(tree: &Tree, limit: usize) -> Vec<(Vec<String>, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = tree
        .nodes
        .iter()
        .map(|(id, _)| (id.as_str(), Mark::New))
        .collect();
    let mut found = Vec::new();
    // Iterative DFS so a hostile, very deep graph cannot overflow the stack.
    for (root, _) in &tree.nodes {
        if marks[root.as_str()] != Mark::New {
            continue;
        }
        let mut path: Vec<(&str, usize)> = vec![(root.as_str(), 0)];
        marks.insert(root, Mark::Open);
        while let Some((id, next_child)) = path.last().copied() {
            let children: &[super::schema::Answer] = match tree.node(id) {
                Some(Node::Question(q)) => &q.answers,
                _ => &[],
            };
            if next_child >= children.len() {
                marks.insert(id, Mark::Done);
                path.pop();
                continue;
            }
            path.last_mut().expect("path is not empty").1 += 1;
            let child = children[next_child].next.as_str();
            match marks.get(child).copied() {
                Some(Mark::New) => {
                    marks.insert(child, Mark::Open);
                    path.push((child, 0));
                }
                Some(Mark::Open) => {
                    let from = path.iter().position(|(p, _)| *p == child).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        path[from..].iter().map(|(p, _)| p.to_string()).collect();
                    cycle.push(child.to_string());
                    found.push((cycle, next_child));
                    if found.len() >= limit {
                        return found;
                    }
                }
                _ => {}
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items<'a>(src: &'a str, name: &str) -> Vec<&'a str> {
        list_items(src, name)
            .into_iter()
            .map(|(a, b)| &src[a..b])
            .collect()
    }

    #[test]
    fn list_items_are_the_top_level_values_of_the_named_list() {
        let src = r#"Leaf(keywords: ["see_also"], see_also: /* c */ [
            "a", // "b",
            r"c", ], errors: [(en: "x [", ko: "y"), Text(en: "z"), ], os: [Linux, Windows])"#;
        assert_eq!(items(src, "see_also"), [r#""a""#, r#"r"c""#]);
        assert_eq!(
            items(src, "errors"),
            [r#"(en: "x [", ko: "y")"#, r#"Text(en: "z")"#]
        );
        assert_eq!(items(src, "os"), ["Linux", "Windows"]);
        assert!(items(src, "links").is_empty());
        assert!(items("see_also: \"a\"", "see_also").is_empty());
    }

    #[test]
    fn broken_lists_never_panic() {
        for src in [
            "see_also: [",
            "see_also: [(",
            "see_also: [\"a",
            "see_also:",
            "]",
        ] {
            let _ = list_items(src, "see_also");
        }
    }
}
