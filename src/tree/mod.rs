//! Decision trees: the RON schema, loading with precise positions, and validation. Pure: no
//! terminal, no global state.

pub mod diagnostic;
pub mod load;
mod scan;
pub mod schema;
pub mod validate;

pub use diagnostic::Diagnostic;
pub use schema::{
    Answer, Command, Lang, Leaf, Link, Node, NotCovered, Os, Question, Step, Text, Tree,
};

use crate::fsutil::ReadError;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::Path;
use std::rc::Rc;

/// The Azure VM backup guide, shipped inside the binary.
pub const EMBEDDED_SOURCE: &str = include_str!("../../trees/azure-vm-backup.ron");
pub const EMBEDDED_NAME: &str = "trees/azure-vm-backup.ron";

/// The embedded tree. A test guarantees it loads without a single diagnostic.
pub fn embedded() -> Tree {
    match load_str(EMBEDDED_NAME, EMBEDDED_SOURCE) {
        Ok(tree) => tree,
        Err(errors) => panic!(
            "the embedded tree is broken (a release bug):\n{}",
            errors.iter().map(|e| e.to_string()).collect::<String>()
        ),
    }
}

/// Id of the embedded tree, without parsing it.
pub fn embedded_id() -> &'static str {
    "azure-vm-backup"
}

/// Parses and validates a tree; all problems are returned at once.
pub fn load_str(file: &str, src: &str) -> Result<Tree, Vec<Diagnostic>> {
    let mut tree = load::parse(file, src).map_err(|d| vec![d])?;
    tree.build_index();
    let problems = validate::validate(file, src, &tree);
    if problems.is_empty() {
        Ok(tree)
    } else {
        Err(problems)
    }
}

/// Reads, parses and validates a tree file.
pub fn load_path(path: &Path) -> Result<Tree, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let bytes = crate::fsutil::read_limited(path, load::MAX_FILE_BYTES as u64).map_err(|e| {
        vec![match e {
            ReadError::Io(e) => io_diagnostic(&name, &e),
            // Never opened: a FIFO would block until someone writes, a device may never end.
            ReadError::NotAFile => {
                Diagnostic::new(&name, "cannot read the file: it is not a regular file")
                    .help("a tree is a .ron text file; this is a directory, a FIFO or a device")
            }
            ReadError::TooLarge { len } => Diagnostic::new(
                &name,
                format!(
                    "file is {len} bytes; trees are limited to {} bytes (10 MiB)",
                    load::MAX_FILE_BYTES
                ),
            )
            .help("split the tree into several files"),
        }]
    })?;
    let src = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or("");
        // No error length: the bytes stop in the middle of a character.
        let help = match e.utf8_error().error_len() {
            None => "the file ends in the middle of a character: was it cut short?",
            Some(_) => "save the file as UTF-8",
        };
        vec![
            Diagnostic::new(&name, "the file is not valid UTF-8 text")
                .at_offset(valid, offset)
                .help(help),
        ]
    })?;
    load_str(&name, without_bom(&src))
}

/// `text` without a leading byte order mark: Windows editors (Notepad) save UTF-8 with one,
/// and it is no character of the file's first line (columns are counted without it).
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn io_diagnostic(name: &str, e: &std::io::Error) -> Diagnostic {
    let help = match e.kind() {
        std::io::ErrorKind::NotFound => "check the path",
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        _ => "check that the path is a readable file",
    };
    Diagnostic::new(name, format!("cannot read the file: {e}")).help(help)
}

/// The question that tells two leaves apart (see [`Tree::split_between`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'t> {
    pub question: &'t str,
    /// The answer whose way leads to the first leaf (and not to the second).
    pub toward_a: usize,
    /// The answer whose way leads to the second leaf (and not to the first).
    pub toward_b: usize,
}

/// For each node reached from the start: the (question, answer) that first leads to it (none for
/// the start) and how many answers deep it is.
type Parents<'t> = HashMap<&'t str, (Option<(&'t str, usize)>, usize)>;

/// Most paths [`Tree::path_for_query`] compares, besides the shortest one.
pub const QUERY_PATHS: usize = 64;
/// Most answers [`Tree::path_for_query`] follows while looking for paths.
pub const QUERY_PATH_STEPS: usize = 20_000;

/// Words too common to tell one path from another.
const COMMON_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "that", "this", "these", "was", "were", "are", "has",
    "have", "had", "not", "but", "you", "your", "our", "its", "into", "can", "could", "when",
    "then", "than", "there", "what", "which", "while", "been", "being", "does", "did", "vms",
    "azure", "all", "any",
];

fn is_hangul(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// The words of `text` as [`Tree::path_for_query`] compares them: lower-cased runs of letters
/// and digits of 3+ characters (common words left out, a plain English ending cut so "enable"
/// meets "enabling"), and runs of 2+ Korean syllables.
fn match_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut hangul = false;
    let mut flush = |word: &mut String, hangul: bool| {
        let n = word.chars().count();
        if hangul && n >= 2 {
            words.push(std::mem::take(word));
        } else if !hangul && n >= 3 && !COMMON_WORDS.contains(&word.as_str()) {
            words.push(stem(word).to_string());
        }
        word.clear();
    };
    for c in text.chars().flat_map(char::to_lowercase) {
        let h = is_hangul(c);
        if !h && !c.is_alphanumeric() {
            flush(&mut word, hangul);
            continue;
        }
        if h != hangul {
            flush(&mut word, hangul);
            hangul = h;
        }
        word.push(c);
    }
    flush(&mut word, hangul);
    words
}

fn stem(word: &str) -> &str {
    let mut stemmed = word;
    for suffix in ["ing", "ed", "es", "s", "e"] {
        if suffix == "s" && word.ends_with("ss") {
            continue;
        }
        if let Some(rest) = word.strip_suffix(suffix)
            && rest.chars().count() >= 3
        {
            stemmed = rest;
            break;
        }
    }
    // "cancelling"/"cancel", "installed"/"install": a doubled last consonant counts once, on
    // every word alike.
    let b = stemmed.as_bytes();
    if b.len() >= 4
        && b[b.len() - 1] == b[b.len() - 2]
        && matches!(
            b[b.len() - 1],
            b'l' | b'n' | b'p' | b't' | b'm' | b'g' | b'r' | b'b' | b'd'
        )
    {
        &stemmed[..stemmed.len() - 1]
    } else {
        stemmed
    }
}

/// A query's words, with the words of the tree's synonym groups it mentions.
/// Query words that choose among the paths to a leaf (see `QueryWords::new`).
const MAX_PATH_QUERY_WORDS: usize = 256;
/// A query of more words than this is a paste rather than a description: its words name the
/// way to a fix less surely.
const LONG_PATH_QUERY_WORDS: usize = 16;

struct QueryWords {
    /// Index of each word that is not Korean.
    exact: HashMap<String, usize>,
    /// Korean words and their index: they match by prefix (a particle may follow).
    korean: Vec<(String, usize)>,
    /// The idea each word (by index) stands for: the one-word phrases of a synonym group
    /// ("error", "failed", "오류") are one idea, counted once however many labels say it.
    concept: Vec<usize>,
    /// How many words the query said (before synonyms).
    said: usize,
}

impl QueryWords {
    fn new(query: &str, synonyms: &[Vec<String>]) -> QueryWords {
        // A pasted log may hold thousands of words; its first ones say what it is about, and
        // the work below grows with their number.
        let said: Vec<String> = match_words(query)
            .into_iter()
            .take(MAX_PATH_QUERY_WORDS)
            .collect();
        let mut all = said.clone();
        // Words of one idea, as (a word of the group, the others): merged below.
        let mut same: Vec<Vec<String>> = Vec::new();
        for group in synonyms {
            let mentioned = group.iter().any(|phrase| {
                let phrase = match_words(phrase);
                !phrase.is_empty() && said.windows(phrase.len()).any(|w| w == phrase.as_slice())
            });
            if mentioned {
                all.extend(group.iter().flat_map(|p| match_words(p)));
                same.push(
                    group
                        .iter()
                        .map(|p| match_words(p))
                        .filter(|p| p.len() == 1)
                        .flatten()
                        .collect(),
                );
            }
        }
        let mut words = QueryWords {
            exact: HashMap::new(),
            korean: Vec::new(),
            concept: Vec::new(),
            said: said.len(),
        };
        for w in all {
            let n = words.len();
            let added = if w.chars().next().is_some_and(is_hangul) {
                let new = !words.korean.iter().any(|(k, _)| *k == w);
                if new {
                    words.korean.push((w, n));
                }
                new
            } else {
                let new = !words.exact.contains_key(&w);
                words.exact.entry(w).or_insert(n);
                new
            };
            if added {
                words.concept.push(n);
            }
        }
        for group in same {
            let ids: Vec<usize> = group.iter().filter_map(|w| words.index(w)).collect();
            let merged: Vec<usize> = ids.iter().map(|&i| words.concept[i]).collect();
            if let Some(&to) = merged.iter().min() {
                for c in &mut words.concept {
                    if merged.contains(c) {
                        *c = to;
                    }
                }
            }
        }
        words
    }

    fn len(&self) -> usize {
        self.exact.len() + self.korean.len()
    }

    /// The index of query word `w`.
    fn index(&self, w: &str) -> Option<usize> {
        self.exact
            .get(w)
            .copied()
            .or_else(|| self.korean.iter().find(|(k, _)| k == w).map(|(_, i)| *i))
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The indices of the query words that a label has, in either language.
    fn in_label(&self, label: &Text) -> Vec<usize> {
        let mut found = Vec::new();
        for w in match_words(&label.en)
            .into_iter()
            .chain(match_words(&label.ko))
        {
            if let Some(i) = self.exact.get(&w) {
                found.push(*i);
            } else if w.chars().next().is_some_and(is_hangul) {
                found.extend(
                    self.korean
                        .iter()
                        .filter(|(k, _)| k.starts_with(w.as_str()) || w.starts_with(k.as_str()))
                        .map(|(_, i)| *i),
                );
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

impl Tree {
    pub(crate) fn build_index(&mut self) {
        self.index.clear();
        for (i, (id, _)) in self.nodes.iter().enumerate() {
            self.index.entry(id.clone()).or_insert(i);
        }
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        match self.index.get(id) {
            Some(i) => Some(&self.nodes[*i].1),
            // Trees built in code (tests) may not have an index yet.
            None if self.index.is_empty() => {
                self.nodes.iter().find(|(k, _)| k == id).map(|(_, n)| n)
            }
            None => None,
        }
    }

    pub fn leaf(&self, id: &str) -> Option<&Leaf> {
        match self.node(id) {
            Some(Node::Leaf(l)) => Some(l),
            _ => None,
        }
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        match self.node(id) {
            Some(Node::Question(q)) => Some(q),
            _ => None,
        }
    }

    /// Leaves in file order.
    pub fn leaves(&self) -> impl Iterator<Item = (&str, &Leaf)> {
        self.nodes.iter().filter_map(|(id, n)| match n {
            Node::Leaf(l) => Some((id.as_str(), l)),
            _ => None,
        })
    }

    pub fn questions(&self) -> impl Iterator<Item = (&str, &Question)> {
        self.nodes.iter().filter_map(|(id, n)| match n {
            Node::Question(q) => Some((id.as_str(), q)),
            _ => None,
        })
    }

    /// For every reachable node, the answer that first reaches it in a breadth-first walk from
    /// `start`: (question id, answer index), and its depth. Linear in the size of the tree.
    fn parents(&self) -> Parents<'_> {
        let mut parents: Parents = HashMap::new();
        let mut queue = VecDeque::new();
        if self.node(&self.start).is_none() {
            return parents;
        }
        parents.insert(self.start.as_str(), (None, 0));
        queue.push_back((self.start.as_str(), 0));
        while let Some((id, depth)) = queue.pop_front() {
            if let Some(Node::Question(q)) = self.node(id) {
                for (i, a) in q.answers.iter().enumerate() {
                    if parents.contains_key(a.next.as_str()) || self.node(&a.next).is_none() {
                        continue;
                    }
                    parents.insert(a.next.as_str(), (Some((id, i)), depth + 1));
                    queue.push_back((a.next.as_str(), depth + 1));
                }
            }
        }
        parents
    }

    /// For every reachable node, the shortest path of answers from `start`: (question id, answer
    /// index) pairs. Its size grows with the depth of the tree: prefer [`Tree::path_to`] for one
    /// node and [`Tree::depths`] for depths.
    pub fn shortest_paths(&self) -> HashMap<&str, Vec<(&str, usize)>> {
        let parents = self.parents();
        parents
            .keys()
            .map(|id| (*id, Self::path_in(&parents, id)))
            .collect()
    }

    /// For every reachable node, how many answers the shortest way from `start` takes.
    pub fn depths(&self) -> HashMap<&str, usize> {
        self.parents()
            .into_iter()
            .map(|(id, (_, depth))| (id, depth))
            .collect()
    }

    /// The answers that lead from `start` to `id` by the shortest way.
    pub fn path_to(&self, id: &str) -> Option<Vec<(&str, usize)>> {
        let parents = self.parents();
        parents
            .contains_key(id)
            .then(|| Self::path_in(&parents, id))
    }

    /// The question that tells leaves `a` and `b` apart: one of its answers leads on to `a` and
    /// never to `b`, another to `b` and never to `a`. Of several, the deepest (the most specific
    /// one, asked last on the way down), then the first in the file. `None` when no question
    /// does (the same leaf, a leaf not reachable from `start`). Linear in the size of the tree.
    pub fn split_between(&self, a: &str, b: &str) -> Option<Split<'_>> {
        if a == b {
            return None;
        }
        let parents = self.parents();
        // The questions whose answers lead to each node.
        let mut into: HashMap<&str, Vec<&str>> = HashMap::new();
        for (qid, q) in self.questions() {
            if !parents.contains_key(qid) {
                continue;
            }
            for answer in &q.answers {
                into.entry(answer.next.as_str()).or_default().push(qid);
            }
        }
        // Every node from which `leaf` can be reached, `leaf` included.
        let leading_to = |leaf: &str| -> HashSet<&str> {
            let mut seen: HashSet<&str> = HashSet::new();
            let Some((leaf, _)) = parents.get_key_value(leaf) else {
                return seen;
            };
            let mut stack = vec![*leaf];
            seen.insert(leaf);
            while let Some(node) = stack.pop() {
                for &q in into.get(node).map(Vec::as_slice).unwrap_or(&[]) {
                    if seen.insert(q) {
                        stack.push(q);
                    }
                }
            }
            seen
        };
        let (to_a, to_b) = (leading_to(a), leading_to(b));
        let mut best: Option<(usize, Split)> = None;
        for (qid, q) in self.questions() {
            let Some(&(_, depth)) = parents.get(qid) else {
                continue;
            };
            if !to_a.contains(qid) || !to_b.contains(qid) {
                continue;
            }
            if best.as_ref().is_some_and(|(d, _)| *d >= depth) {
                continue;
            }
            let only = |mine: &HashSet<&str>, other: &HashSet<&str>| {
                q.answers.iter().position(|answer| {
                    let next = answer.next.as_str();
                    mine.contains(next) && !other.contains(next)
                })
            };
            if let (Some(toward_a), Some(toward_b)) = (only(&to_a, &to_b), only(&to_b, &to_a)) {
                let split = Split {
                    question: qid,
                    toward_a,
                    toward_b,
                };
                best = Some((depth, split));
            }
        }
        best.map(|(_, split)| split)
    }

    /// `path_to` as an owned trail (question id, answer index), as the wizard keeps it.
    pub fn trail_to(&self, id: &str) -> Option<Vec<(String, usize)>> {
        self.path_to(id)
            .map(|p| p.into_iter().map(|(q, a)| (q.to_string(), a)).collect())
    }

    /// The way from `start` to `id` whose answer labels (both languages) share the most words
    /// with `query` (a pasted error message, say): ties go to the shorter path, then to the one
    /// [`Tree::path_to`] gives. A query without a usable word gives `path_to` itself.
    ///
    /// Bounded for big trees: besides the shortest path, at most [`QUERY_PATHS`] simple paths are
    /// looked at, found by a walk back from `id` over the answers that lead to each node (best
    /// matching and shallowest first) that stops after [`QUERY_PATH_STEPS`] answers.
    pub fn path_for_query(&self, id: &str, query: &str) -> Option<Vec<(&str, usize)>> {
        let words = QueryWords::new(query, &self.synonyms);
        if words.is_empty() {
            return self.path_to(id);
        }
        let parents = self.parents();
        // The tree's own id, so the paths borrow from the tree alone.
        let (id, _) = parents.get_key_value(id)?;
        let id: &str = id;
        let shortest = Self::path_in(&parents, id);
        if id == self.start {
            return Some(shortest);
        }
        // The answers that lead to each reachable node, in file order (first of duplicate ids).
        let mut into: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
        let mut seen = HashSet::new();
        for (qid, node) in &self.nodes {
            let Node::Question(q) = node else { continue };
            if !parents.contains_key(qid.as_str()) || !seen.insert(qid.as_str()) {
                continue;
            }
            for (i, a) in q.answers.iter().enumerate() {
                if let Some((next, _)) = parents.get_key_value(a.next.as_str()) {
                    into.entry(*next).or_default().push((qid.as_str(), i));
                }
            }
        }
        // Which query words each answer label has, computed once per answer.
        let mut matches: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
        // The answers into each node, best first, sorted once per node.
        let mut sorted: HashMap<&str, Rc<Vec<(&str, usize)>>> = HashMap::new();
        let mut candidates = vec![shortest];
        // Depth-first, backwards from `id`: each frame is a node, its answers in and the next one.
        let mut frames = vec![(
            self.answers_into(id, &into, &parents, &words, &mut matches, &mut sorted),
            0usize,
        )];
        let mut back: Vec<(&str, usize)> = Vec::new();
        let mut on_path = HashSet::from([id]);
        let mut steps = 0;
        while let Some((edges, next)) = frames.last_mut() {
            let Some(&edge) = edges.get(*next) else {
                frames.pop();
                if let Some((q, _)) = back.pop() {
                    on_path.remove(q);
                }
                continue;
            };
            *next += 1;
            steps += 1;
            if steps > QUERY_PATH_STEPS {
                break;
            }
            if on_path.contains(edge.0) {
                continue;
            }
            if edge.0 == self.start {
                let mut path = back.clone();
                path.push(edge);
                path.reverse();
                candidates.push(path);
                if candidates.len() > QUERY_PATHS {
                    break;
                }
                continue;
            }
            on_path.insert(edge.0);
            back.push(edge);
            frames.push((
                self.answers_into(edge.0, &into, &parents, &words, &mut matches, &mut sorted),
                0,
            ));
        }

        // Ideas of the query the labels on the way say, each once; an answer beyond the shortest
        // way costs half an idea: a long path's many labels say common words by chance ("error
        // message"), and a detour through "Not sure" or an operating system the query never
        // named is no better way to the fix. A long paste (a log) says many words by chance
        // too ("state: enabled"): there a detour costs a whole idea.
        let detour = if words.said > LONG_PATH_QUERY_WORDS {
            1.0
        } else {
            0.5
        };
        let shortest_len = candidates.first().map_or(0, Vec::len);
        let mut hit = vec![usize::MAX; words.len()];
        let mut best: Option<(f32, usize, usize)> = None;
        for (n, path) in candidates.iter().enumerate() {
            let mut score = -detour * path.len().saturating_sub(shortest_len) as f32;
            for edge in path {
                for &w in self.label_matches(*edge, &words, &mut matches) {
                    let idea = words.concept[w];
                    if hit[idea] != n {
                        hit[idea] = n;
                        score += 1.0;
                    }
                }
            }
            let better =
                best.is_none_or(|(s, len, _)| score > s || (score == s && path.len() < len));
            if better {
                best = Some((score, path.len(), n));
            }
        }
        let n = best.map_or(0, |(_, _, n)| n);
        Some(candidates.swap_remove(n))
    }

    /// The query words the label of `edge` (question, answer) has, cached in `cache`.
    fn label_matches<'t, 'c>(
        &'t self,
        edge: (&'t str, usize),
        words: &QueryWords,
        cache: &'c mut HashMap<(&'t str, usize), Vec<usize>>,
    ) -> &'c [usize] {
        cache.entry(edge).or_insert_with(|| {
            self.question(edge.0)
                .and_then(|q| q.answers.get(edge.1))
                .map_or_else(Vec::new, |a| words.in_label(&a.label))
        })
    }

    /// The answers (question, answer) into `node`, best first: most query words, shallowest
    /// question, then file order; cached in `sorted`.
    fn answers_into<'t>(
        &'t self,
        node: &'t str,
        into: &HashMap<&'t str, Vec<(&'t str, usize)>>,
        parents: &Parents<'t>,
        words: &QueryWords,
        matches: &mut HashMap<(&'t str, usize), Vec<usize>>,
        sorted: &mut HashMap<&'t str, Rc<Vec<(&'t str, usize)>>>,
    ) -> Rc<Vec<(&'t str, usize)>> {
        if let Some(list) = sorted.get(node) {
            return Rc::clone(list);
        }
        let mut list: Vec<_> = into
            .get(node)
            .map(|edges| {
                edges
                    .iter()
                    .map(|e| {
                        let score = self.label_matches(*e, words, matches).len();
                        let depth = parents.get(e.0).map_or(usize::MAX, |(_, d)| *d);
                        (Reverse(score), depth, *e)
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Stable: equal keys keep file order.
        list.sort_by_key(|(score, depth, _)| (*score, *depth));
        let list = Rc::new(list.into_iter().map(|(_, _, e)| e).collect::<Vec<_>>());
        sorted.insert(node, Rc::clone(&list));
        list
    }

    /// [`Tree::path_for_query`] as an owned trail, as the wizard keeps it.
    pub fn trail_for_query(&self, id: &str, query: &str) -> Option<Vec<(String, usize)>> {
        self.path_for_query(id, query)
            .map(|p| p.into_iter().map(|(q, a)| (q.to_string(), a)).collect())
    }

    fn path_in<'t>(parents: &Parents<'t>, id: &str) -> Vec<(&'t str, usize)> {
        let mut path = Vec::new();
        let mut at = parents.get(id);
        while let Some((Some((question, answer)), _)) = at {
            path.push((*question, *answer));
            at = parents.get(question);
        }
        path.reverse();
        path
    }

    /// Calls `f` on every string of the tree (for normalisation).
    pub fn for_each_string_mut(&mut self, mut f: impl FnMut(&mut String)) {
        fn text(t: &mut Text, f: &mut impl FnMut(&mut String)) {
            f(&mut t.en);
            f(&mut t.ko);
        }
        f(&mut self.id);
        text(&mut self.title, &mut f);
        if let Some(s) = &mut self.source {
            text(s, &mut f);
        }
        f(&mut self.start);
        for group in &mut self.synonyms {
            group.iter_mut().for_each(&mut f);
        }
        for topic in &mut self.not_covered {
            text(&mut topic.topic, &mut f);
            topic.phrases.iter_mut().for_each(&mut f);
            if let Some(link) = &mut topic.link {
                text(&mut link.title, &mut f);
                f(&mut link.url);
            }
        }
        for (id, node) in &mut self.nodes {
            f(id);
            match node {
                Node::Question(q) => {
                    text(&mut q.text, &mut f);
                    if let Some(w) = &mut q.why {
                        text(w, &mut f);
                    }
                    for a in &mut q.answers {
                        text(&mut a.label, &mut f);
                        f(&mut a.next);
                    }
                }
                Node::Leaf(l) => {
                    text(&mut l.title, &mut f);
                    l.errors.iter_mut().for_each(|e| text(e, &mut f));
                    text(&mut l.cause, &mut f);
                    for s in &mut l.steps {
                        f(&mut s.en);
                        f(&mut s.ko);
                        s.run.iter_mut().for_each(|c| f(c.code_mut()));
                    }
                    for link in &mut l.links {
                        text(&mut link.title, &mut f);
                        f(&mut link.url);
                    }
                    l.codes.iter_mut().for_each(&mut f);
                    l.keywords.iter_mut().for_each(&mut f);
                    l.see_also.iter_mut().for_each(&mut f);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(tree: &Tree, path: &[(&str, usize)]) -> Vec<String> {
        path.iter()
            .map(|(q, a)| tree.question(q).unwrap().answers[*a].label.en.clone())
            .collect()
    }

    /// Every step answers the question the previous one led to, from the start to `leaf`.
    fn assert_valid(tree: &Tree, path: &[(&str, usize)], leaf: &str) {
        let mut at = tree.start.as_str();
        for (q, a) in path {
            assert_eq!(*q, at);
            at = tree.question(q).unwrap().answers[*a].next.as_str();
        }
        assert_eq!(at, leaf);
    }

    #[test]
    fn a_query_picks_the_way_its_words_describe() {
        let tree = embedded();
        let failed = tree
            .path_for_query(
                "backup-16",
                "Backup failed … UserErrorVmNotInDesirableState",
            )
            .unwrap();
        assert_valid(&tree, &failed, "backup-16");
        assert_eq!(failed[0], ("start", 1), "{:?}", labels(&tree, &failed));
        for query in [
            "enable backup: UserErrorVmNotInDesirableState",
            "Configure backup fails, VM is not in a state that allows backups",
            "enabling backup on my VM",
        ] {
            let path = tree.path_for_query("backup-16", query).unwrap();
            assert_valid(&tree, &path, "backup-16");
            assert_eq!(path[0], ("start", 0), "{query}: {:?}", labels(&tree, &path));
        }
        // A portal paste says "Error" and "Message": no reason for a detour through "Not sure,
        // or no clear message" and an operating system it never named.
        let pasted = tree
            .path_for_query(
                "backup-03",
                "Error Code: UserErrorGuestAgentStatusUnavailable Error Message: VM Agent unable \
                 to communicate with Azure Backup",
            )
            .unwrap();
        assert_eq!(
            pasted,
            tree.path_to("backup-03").unwrap(),
            "{:?}",
            labels(&tree, &pasted)
        );
        // A log's stray words ("state: enabled") do not take the way under "Enabling backup".
        let log = "2024-03-12T02:14:07Z INFO ExtHandler ProcessExtensionsGoalState started\n\
                   2024-03-12T02:14:08Z INFO ExtHandler [VMSnapshotLinux] Target handler state: \
                   enabled\n2024-03-12T02:14:09Z ERROR ExtHandler [VMSnapshotLinux] Freeze \
                   failed: fsfreeze: /mnt/data: cannot freeze: Device or resource busy\n\
                   2024-03-12T02:14:10Z WARNING ExtHandler Snapshot failed, status: error, \
                   code: UserErrorFsFreezeFailed";
        let logged = tree.path_for_query("backup-25", log).unwrap();
        assert_eq!(
            logged,
            tree.path_to("backup-25").unwrap(),
            "{:?}",
            labels(&tree, &logged)
        );
        let korean = tree
            .path_for_query("backup-16", "백업이 실패했습니다")
            .unwrap();
        assert_eq!(korean[0], ("start", 1), "{:?}", labels(&tree, &korean));
        let linux = tree
            .path_for_query("backup-16", "SELinux blocks the extension")
            .unwrap();
        assert_valid(&tree, &linux, "backup-16");
        assert!(
            labels(&tree, &linux).iter().any(|l| l.contains("SELinux")),
            "{:?}",
            labels(&tree, &linux)
        );
    }

    #[test]
    fn a_query_without_label_words_keeps_the_shortest_path() {
        let tree = embedded();
        for query in [
            "",
            "   ",
            "UserErrorVmNotInDesirableState",
            "the and vm",
            "zzz qqq",
        ] {
            assert_eq!(
                tree.path_for_query("backup-16", query),
                tree.path_to("backup-16"),
                "{query:?}"
            );
        }
        assert_eq!(
            tree.trail_for_query("backup-16", ""),
            tree.trail_to("backup-16")
        );
        assert_eq!(tree.path_for_query("no-such-leaf", "backup failed"), None);
    }

    /// A question with one answer toward each leaf tells them apart; of several, the deepest.
    #[test]
    fn the_split_of_two_leaves_is_the_deepest_question_between_them() {
        let leaf = |name: &str| {
            format!(
                r#""{name}": Leaf(title: (en: "{name}", ko: "{name}"), cause: (en: "c", ko: "c"), steps: [(en: "s", ko: "s")]),"#
            )
        };
        let question = |id: &str, answers: &[(&str, &str)]| {
            let answers: String = answers
                .iter()
                .map(|(label, next)| {
                    format!(r#"(label: (en: "{label}", ko: "{label}"), next: "{next}"),"#)
                })
                .collect();
            format!(r#""{id}": Question(text: (en: "{id}?", ko: "{id}?"), answers: [{answers}]),"#)
        };
        let src = format!(
            r#"Tree(id: "t", title: (en: "t", ko: "t"), start: "start", nodes: {{ {} {} {} {} {} {} }})"#,
            // "start" reaches fix-a two ways but fix-b only through "mid": it does not split them.
            question("start", &[("deep", "mid"), ("direct", "fix-a")]),
            question("mid", &[("a", "fix-a"), ("b", "fix-b"), ("unsure", "late")]),
            question("late", &[("c", "fix-c"), ("b", "fix-b"), ("a", "fix-a")]),
            leaf("fix-a"),
            leaf("fix-b"),
            leaf("fix-c"),
        );
        let tree = load_str("t.ron", &src).unwrap();
        let split = tree.split_between("fix-a", "fix-b").unwrap();
        assert_eq!(
            split,
            Split {
                question: "late",
                toward_a: 2,
                toward_b: 1
            }
        );
        let split = tree.split_between("fix-b", "fix-a").unwrap();
        assert_eq!(
            (split.question, split.toward_a, split.toward_b),
            ("late", 1, 2)
        );
        // fix-c is only under "late": "mid" reaches it too, but only by the way to the others.
        let split = tree.split_between("fix-a", "fix-c").unwrap();
        assert_eq!(
            (split.question, split.toward_a, split.toward_b),
            ("late", 2, 0)
        );
        assert_eq!(tree.split_between("fix-a", "fix-a"), None);
        assert_eq!(tree.split_between("fix-a", "no-such-leaf"), None);
    }

    /// Any two fixes of the Azure tree can be told apart by one of its questions, and the answer
    /// toward each leads to it and not to the other.
    #[test]
    fn every_two_azure_fixes_have_a_question_that_splits_them() {
        let tree = embedded();
        let ids: Vec<&str> = tree.leaves().map(|(id, _)| id).collect();
        let reaches = |from: &str, to: &str| {
            let (mut stack, mut seen) = (vec![from], HashSet::new());
            while let Some(node) = stack.pop() {
                if node == to {
                    return true;
                }
                if seen.insert(node)
                    && let Some(q) = tree.question(node)
                {
                    stack.extend(q.answers.iter().map(|a| a.next.as_str()));
                }
            }
            false
        };
        for a in &ids {
            for b in &ids {
                if a == b {
                    continue;
                }
                let split = tree
                    .split_between(a, b)
                    .unwrap_or_else(|| panic!("{a} / {b}"));
                let q = tree.question(split.question).unwrap();
                let (to_a, to_b) = (
                    &q.answers[split.toward_a].next,
                    &q.answers[split.toward_b].next,
                );
                assert!(reaches(to_a, a) && !reaches(to_a, b), "{a} / {b}");
                assert!(reaches(to_b, b) && !reaches(to_b, a), "{a} / {b}");
            }
        }
    }

    #[test]
    fn a_doubled_consonant_before_an_ending_goes_with_it() {
        assert_eq!(
            match_words("Cancelling stopped running cancel"),
            ["cancel", "stop", "run", "cancel"]
        );
        assert_eq!(match_words("installed install"), ["instal", "instal"]);
    }

    #[test]
    fn words_are_lower_cased_cut_and_common_ones_left_out() {
        assert_eq!(
            match_words("Enabling the VM-Backups: 백업을 설정 못 함 (X1)"),
            ["enabl", "backup", "백업을", "설정"]
        );
        let words = QueryWords::new("백업이 failed", &[]);
        assert_eq!(
            words
                .in_label(&Text::new("Backup failed", "백업 실패"))
                .len(),
            2
        );
    }

    /// Layers of questions where every question leads to every question of the next layer (and
    /// back to the start), then 10,000 leaves each reached from every question of the last
    /// layer: more paths to a leaf than could ever be listed.
    fn wide_tree() -> Tree {
        const LAYERS: usize = 8;
        const WIDTH: usize = 20;
        const LEAVES: usize = 10_000;
        let words = [
            "backup", "restore", "failed", "agent", "network", "snapshot",
        ];
        let label = |i: usize, j: usize| {
            Text::new(
                format!(
                    "{} {} option {j}",
                    words[i % words.len()],
                    words[j % words.len()]
                ),
                format!("백업 선택 {i} {j}"),
            )
        };
        let mut nodes = Vec::new();
        let question = |answers: Vec<Answer>| {
            Node::Question(Question {
                text: Text::new("Which?", "어느 것?"),
                why: None,
                answers,
            })
        };
        nodes.push((
            "start".to_string(),
            question(
                (0..WIDTH)
                    .map(|j| Answer {
                        label: label(0, j),
                        next: format!("q0-{j}"),
                        os: Vec::new(),
                    })
                    .collect(),
            ),
        ));
        for layer in 0..LAYERS {
            for i in 0..WIDTH {
                let mut answers: Vec<Answer> = if layer + 1 < LAYERS {
                    (0..WIDTH)
                        .map(|j| Answer {
                            label: label(i + layer, j),
                            next: format!("q{}-{j}", layer + 1),
                            os: Vec::new(),
                        })
                        .collect()
                } else {
                    (0..LEAVES)
                        .map(|j| Answer {
                            label: label(i, j),
                            next: format!("leaf-{j}"),
                            os: Vec::new(),
                        })
                        .collect()
                };
                answers.push(Answer {
                    label: Text::new("Start again", "처음부터"),
                    next: "start".to_string(),
                    os: Vec::new(),
                });
                nodes.push((format!("q{layer}-{i}"), question(answers)));
            }
        }
        for j in 0..LEAVES {
            nodes.push((
                format!("leaf-{j}"),
                Node::Leaf(Leaf {
                    title: Text::new("Fix", "해결"),
                    errors: Vec::new(),
                    cause: Text::new("Cause", "원인"),
                    steps: Vec::new(),
                    links: Vec::new(),
                    os: Vec::new(),
                    codes: Vec::new(),
                    keywords: Vec::new(),
                    see_also: Vec::new(),
                }),
            ));
        }
        let mut tree = Tree {
            id: "wide".to_string(),
            title: Text::new("Wide", "넓음"),
            source: None,
            languages: Lang::ALL.to_vec(),
            start: "start".to_string(),
            synonyms: vec![vec!["failed".to_string(), "error".to_string()]],
            not_covered: Vec::new(),
            nodes,
            index: HashMap::new(),
        };
        tree.build_index();
        tree
    }

    #[test]
    fn a_wide_tree_gives_a_valid_path_in_bounded_time() {
        let tree = wide_tree();
        let begun = std::time::Instant::now();
        for (leaf, query) in [
            ("leaf-9999", "network snapshot failed option 7 백업"),
            ("leaf-0", "restore agent error"),
            ("leaf-4321", "zzz"),
        ] {
            let path = tree.path_for_query(leaf, query).unwrap();
            assert_valid(&tree, &path, leaf);
        }
        assert!(begun.elapsed() < std::time::Duration::from_secs(20));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.ron");
        let writer = crate::fsutil::test_fifo::with_writer(&fifo, "Tree(");
        let errors = load_path(&fifo).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].file, fifo.display().to_string());
        assert!(
            errors[0].message.contains("not a regular file"),
            "{errors:?}"
        );
        crate::fsutil::test_fifo::release(&fifo, writer);
    }

    #[test]
    fn a_device_or_a_directory_is_refused() {
        for path in [Path::new("/dev/null"), Path::new("/")] {
            let errors = load_path(path).unwrap_err();
            assert!(
                errors[0].message.contains("not a regular file"),
                "{path:?}: {errors:?}"
            );
        }
    }
}
