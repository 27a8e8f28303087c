//! Ranking: a query becomes weighted terms (words, code parts, corrected typos, synonyms, word
//! pairs, Korean grams), scored with BM25F against the index, plus a bonus for error codes.

use super::analyze::{Kind, is_hangul, tokenize};
use super::index::{
    ALL_FIELDS, FIELDS, Field, FxMap, Index, MAX_FUZZY_WORD, OS_LINUX, OS_WINDOWS, Phrase, fx_hash,
    trigram,
};
use super::{Hit, MAX_QUERY_BYTES, Results};
use crate::tree::Lang;

/// BM25 saturation.
const K1: f32 = 1.2;
/// Score added for an error code found in the query (times its similarity).
const CODE_BONUS: f32 = 12.0;
/// Score added to a leaf whose id the query names (`backup-19`): above any code.
const ID_BONUS: f32 = 2.0 * CODE_BONUS;
/// Query weights by where a term comes from.
const W_WORD: f32 = 1.0;
const W_PART: f32 = 0.6;
const W_TYPO: f32 = 0.75;
const W_SYNONYM: f32 = 0.4;
const W_PAIR: f32 = 0.5;
const W_JOIN: f32 = 0.5;
/// A word inside a file path of the query (a log's `/var/lib/waagent/...`): where something
/// lives, rarely what went wrong.
const W_PATH: f32 = 0.5;
/// Score factors for a leaf whose `os` matches (or excludes) the system the query names.
const OS_MATCH: f32 = 1.2;
const OS_MISMATCH: f32 = 0.7;
/// A hit is confident when it covers this share of the query's evidence...
const MIN_COVERAGE: f32 = 0.5;
/// ... and this much evidence in absolute terms, in units of the rarest word's (about one
/// rare word; 3.5 on the Azure tree: a tree's idfs grow with its number of leaves, so a two-leaf
/// tree's exact message is as sure as the Azure tree's);
const MIN_EVIDENCE: f32 = 0.957;
/// or when it has this much evidence (a log paste full of words the tree does not know)...
const STRONG_EVIDENCE: f32 = 2.19;
/// ... and covers at least this share.
const MIN_COVERAGE_STRONG: f32 = 0.25;
/// A best hit that covers this share of the query's evidence...
const NOT_COVERED_COVERAGE: f32 = 0.55;
/// ... and has this much of it (in units of the rarest word's idf) answers the query even when
/// it names a topic the tree does not cover.
const NOT_COVERED_EVIDENCE: f32 = 3.5;
/// The best hit is not clearly ahead when the next one scores at least this share of it: a
/// close call, which a person must settle by reading both messages.
const CLOSE_CALL: f32 = 0.85;
/// A best hit with strong evidence and at least this many times the runner-up's score is
/// confident however much else the query holds.
const DOMINANT: f32 = 2.0;
/// A leaf whose error message the query quotes (this share of the message's word pairs, and
/// at least `MIN_QUOTE_PAIRS` of them) scores this much more, and is a sure answer however
/// much else the query holds (a short message inside CLI JSON or a log).
const QUOTED: f32 = 1.25;
const QUOTE_SHARE: f32 = 0.8;
const MIN_QUOTE_PAIRS: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Word,
    Part,
    Typo,
    Pair,
    Join,
    /// A Korean gram read as a known one with no other gram of the word to back it: it may
    /// rank a leaf, but it is no evidence that the leaf is the answer.
    Guess,
}

impl Origin {
    /// Whether the term is something the user typed (counts for confidence).
    fn typed(self) -> bool {
        matches!(
            self,
            Origin::Word | Origin::Part | Origin::Typo | Origin::Join
        )
    }
}

/// How much of a query's evidence a leaf holds: all of it, and the part of the words matched
/// as typed (not as corrections of misspelt words).
#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    all: f32,
    as_typed: f32,
}

#[derive(Debug, Clone)]
struct QTerm {
    id: u32,
    weight: f32,
    origin: Origin,
    /// Index into `Query::surfaces`.
    surface: usize,
    count: u32,
    /// The analysed term (a stemmed word, a number, a Korean gram) for highlighting where a
    /// leaf has it (`Hit::terms`); `None` for a word pair.
    name: Option<Box<str>>,
}

#[derive(Debug, Clone)]
struct CodeMatch {
    code: u32,
    similarity: f32,
    surface: String,
    /// As sure as the code itself: typed exactly, or a long code with a letter or two wrong
    /// (`UsrErrorGuestAgentStatusUnavailble`), not a prefix still being typed.
    sure: bool,
}

/// A misspelt code at least this long with at most [`SURE_CODE_EDITS`] edits is the code.
const SURE_CODE_LEN: usize = 16;
const SURE_CODE_EDITS: usize = 2;

/// A synonym group the query triggered.
struct Expansion {
    /// Term ids of the phrase the query contains.
    ids: Vec<u32>,
    /// Term ids of the group's other phrases: in the same script, or see `other_script`.
    alt: Vec<u32>,
    /// The group (index in `Index::synonyms`) and the phrase the query contains.
    group: usize,
    matched: usize,
    /// The other phrases are in the other script (the group has none in the query's): they
    /// count only in leaves without the query's phrase (a leaf with "백업" in its Korean text
    /// has "backup" in its English text too).
    other_script: bool,
}

impl Expansion {
    /// What the other phrases add in a leaf, scoring `alt` there where the query's phrase
    /// scores `own`: the group counts once per leaf.
    fn gain(&self, alt: f32, own: f32) -> f32 {
        if self.other_script && own > 0.0 {
            return 0.0;
        }
        (alt - own).max(0.0)
    }
}

#[derive(Default)]
struct Query {
    terms: Vec<QTerm>,
    by_id: FxMap<u32, usize>,
    surfaces: Vec<String>,
    surface_ids: FxMap<String, usize>,
    codes: Vec<CodeMatch>,
    /// Leaves whose ids the query names.
    ids: Vec<u32>,
    /// Synonym groups the query triggered.
    groups: Vec<Expansion>,
    /// Every analysed term the query typed, known to the tree or not (synonyms match on them).
    typed: std::collections::HashSet<String, std::hash::BuildHasherDefault<super::index::Fx>>,
    /// Evidence of typed words the tree does not know (they lower confidence).
    unknown: f32,
    /// An error code of one of the tree's code families that the tree does not list, as typed
    /// (`UserErrorRpCollectionLimitReached`): the error is one the tree may not cover.
    unknown_code: Option<String>,
    /// Operating systems the query names (`OS_WINDOWS | OS_LINUX` bits).
    os: u8,
    /// For each topic the tree does not cover, for each of its phrases: whether the query
    /// has it (`phrase::Finder`).
    phrases: Vec<Vec<bool>>,
}

impl Query {
    fn surface(&mut self, s: &str) -> usize {
        if let Some(&i) = self.surface_ids.get(s) {
            return i;
        }
        self.surfaces.push(s.to_string());
        self.surface_ids
            .insert(s.to_string(), self.surfaces.len() - 1);
        self.surfaces.len() - 1
    }

    fn add(&mut self, id: u32, weight: f32, origin: Origin, surface: usize, name: Option<&str>) {
        match self.by_id.get(&id) {
            Some(&i) => {
                let t = &mut self.terms[i];
                if t.name.is_none() {
                    t.name = name.map(Box::from);
                }
                if origin.typed() && t.origin.typed() {
                    t.count += 1;
                }
                if weight > t.weight {
                    t.weight = weight;
                    t.origin = origin;
                    t.surface = surface;
                }
            }
            None => {
                self.by_id.insert(id, self.terms.len());
                self.terms.push(QTerm {
                    id,
                    weight,
                    origin,
                    surface,
                    count: 1,
                    name: name.map(Box::from),
                });
            }
        }
    }
}

/// At most this many leaf ids count in one query (a paste may name many).
const MAX_IDS: usize = 64;
/// Longer words are no leaf ids.
const MAX_ID_BYTES: usize = 128;
/// Korean words longer than this (in bytes: 16 syllables) are not corrected: a paste without
/// spaces is no misspelt word, and correcting it would cost time with its length.
const MAX_KOREAN_WORD_BYTES: usize = 48;
/// At most this many Korean grams are corrected in one query.
const MAX_KOREAN_CORRECTIONS: usize = 64;
/// Words of the query are cut to this many columns in a "why".
const MAX_WHY_WORD: usize = 40;
/// Longer words are not compared with the error codes.
const MAX_CODE_WORD: usize = 80;

/// Cuts `s` to at most `max` bytes on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    let tail = &s[start..];
    // From the start of a line, when one starts soon: not the end of a line cut in two.
    match tail.as_bytes().iter().take(4096).position(|&b| b == b'\n') {
        Some(i) => &tail[i + 1..],
        None => tail,
    }
}

impl Index {
    /// Ranks the leaves for `query`; at most `limit` hits, best first. Never panics; queries
    /// over 64 KiB are cut (and `truncated` says so).
    pub fn search(&self, query: &str, lang: Lang, limit: usize) -> Results {
        let truncated = query.len() > MAX_QUERY_BYTES;
        let text = super::analyze::without_colour_codes(cut(query, MAX_QUERY_BYTES));
        let text = text.as_ref();
        let text = if text.is_ascii()
            || unicode_normalization::is_nfkc_quick(text.chars())
                == unicode_normalization::IsNormalized::Yes
        {
            std::borrow::Cow::Borrowed(text)
        } else {
            use unicode_normalization::UnicodeNormalization;
            std::borrow::Cow::Owned(text.nfkc().collect::<String>())
        };
        // The names of the user's own resources ("vm-sql-02", "rg-vault") are not symptoms;
        // a leaf id shaped like one (`vm-agent-missing`) is still looked up.
        let named = crate::fill::without_names(&text);
        let mut q = self.parse(&named, &text);
        let text = named;
        if !self.not_covered.is_empty() {
            let mut found = self.topic_phrases.found_in(&text).into_iter();
            q.phrases = self
                .not_covered
                .iter()
                .map(|t| found.by_ref().take(t.docs.len()).collect())
                .collect();
        }
        let mut results = self.rank(&q, lang, limit);
        results.truncated = truncated;
        results
    }

    /// The query `text`; `unblanked` is the same before the names of resources were blanked
    /// out (for leaf ids).
    fn parse(&self, text: &str, unblanked: &str) -> Query {
        let mut q = Query::default();
        // Leaf ids, as `triage show` and transcripts print them: whole words of the query.
        for word in unblanked.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.len() > MAX_ID_BYTES {
                continue;
            }
            if let Some(d) = self.doc_of_id(word)
                && !q.ids.contains(&d)
            {
                q.ids.push(d);
                if q.ids.len() >= MAX_IDS {
                    break;
                }
            }
        }
        // Codes of one or two digits (an errno a tree lists: "24"), which analysis drops as
        // numbers: the whole query, or a number written as an error's ("(24: Too many open
        // files)", "errno 24", "exit code 2"), not a day, a count or a time ("Jan 24", "after 24
        // retries"). Never sure: a number is a weak name.
        let alone = text.split_whitespace().nth(1).is_none();
        let mut before: Option<&str> = None;
        for raw in text.split_whitespace() {
            let previous = before.replace(raw);
            let word = raw.trim_matches(|c: char| "()[]{},:;.'\"".contains(c));
            if !(1..3).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let as_an_error = alone
                || (raw.starts_with('(') && raw[1..].starts_with(word))
                || previous.is_some_and(|b| {
                    let b = b.trim_matches(|c: char| !c.is_alphanumeric());
                    ["errno", "error", "code", "status", "rc"]
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(b))
                });
            if as_an_error && let Some(&ci) = self.code_map.get(word) {
                push_code(&mut q, ci, 1.0, word, false);
            }
        }
        // The readings of the word before (see below), for word pairs.
        let mut prev_word: Vec<(u32, f32)> = Vec::new();
        let mut korean_corrections = 0;
        let mut seen_code_tokens: Vec<String> = Vec::new();
        // The last whole word, if the tree does not know it: maybe still being typed.
        let mut last_unknown: Option<(String, usize)> = None;
        // Tokens of one word share its surface: look it up once (a word may be 64 KiB long).
        let mut last_surface: Option<(*const u8, usize, usize)> = None;
        let mut after_os_name = false;
        let paths = super::analyze::path_spans(text);
        let hosts = super::analyze::host_spans(text);
        let within = |spans: &[std::ops::Range<usize>], surface: &str| {
            let Some(at) = (surface.as_ptr() as usize).checked_sub(text.as_ptr() as usize) else {
                return false;
            };
            let i = spans.partition_point(|span| span.end <= at);
            spans.get(i).is_some_and(|span| span.contains(&at))
        };
        let in_path = |surface: &str| within(&paths, surface) || within(&hosts, surface);
        tokenize(text, &mut |t| {
            let key = (t.surface.as_ptr(), t.surface.len());
            let s = match last_surface {
                Some((p, l, s)) if (p, l) == key => s,
                _ => {
                    let s = q.surface(t.surface);
                    last_surface = Some((key.0, key.1, s));
                    s
                }
            };
            if t.kind == Kind::Word {
                last_unknown = None;
            }
            let version = t.kind == Kind::Number && after_os_name;
            if t.kind != Kind::Part {
                let os = os_named(t.text, t.surface);
                q.os |= os;
                // "Windows Server 2012", "Ubuntu 18.04": a number after a system's name is
                // its version, not the number in a message ("Visual Studio 2012").
                after_os_name = match t.kind {
                    Kind::Word => os != 0 || (after_os_name && t.text == "server"),
                    _ => false,
                };
            }
            match t.kind {
                Kind::Word | Kind::Part => {
                    let origin = if t.kind == Kind::Word {
                        Origin::Word
                    } else {
                        Origin::Part
                    };
                    let path = in_path(t.surface);
                    let base = if t.kind == Kind::Word { W_WORD } else { W_PART };
                    let base = if path { base * W_PATH } else { base };
                    let stemmed = self.stem.stem(t.text);
                    let known = self.terms.get(stemmed.as_ref()).copied();
                    // A path's words do not call in their synonyms.
                    if !path && !q.typed.contains(stemmed.as_ref()) {
                        q.typed.insert(stemmed.to_string());
                    }
                    if t.kind == Kind::Word
                        && t.text.len() >= 5
                        && !seen_code_tokens.iter().any(|c| c == t.text)
                    {
                        seen_code_tokens.push(t.text.to_string());
                        self.match_code(t.text, t.surface, known.is_some(), &mut q);
                    }
                    // The word as the tree may know it: itself and its likely corrections
                    // (a pair of words is still a phrase when one of them is misspelt).
                    let mut readings: Vec<(u32, f32)> = Vec::new();
                    match known {
                        Some(id) => {
                            q.add(id, base, origin, s, Some(&*stemmed));
                            readings.push((id, 1.0));
                            // A rare word one edit from a common one is likelier a typo of it
                            // (the tree itself may hold the misspelling).
                            if self.df(id) <= 2 && t.text.len() >= 5 {
                                let corrected = self.correct(t.text, Some(id));
                                self.add_typos(&mut q, t.surface, base, &corrected, &mut readings);
                            }
                        }
                        // A host's own labels: no typos, and no sign of a question the tree
                        // does not cover.
                        None if within(&hosts, t.surface) => {}
                        None => {
                            if t.kind == Kind::Word {
                                last_unknown = Some((t.text.to_string(), s));
                            }
                            let corrected = self.correct(t.text, None);
                            self.add_typos(&mut q, t.surface, base, &corrected, &mut readings);
                            let alphabetic = t.text.chars().all(char::is_alphabetic);
                            if corrected.is_empty() && alphabetic && !self.is_code_word(t.text) {
                                q.unknown += base * self.max_idf;
                            }
                        }
                    }
                    if path {
                        // The segments of a path are no phrase.
                        prev_word.clear();
                    } else if t.kind == Kind::Word {
                        for &(p, pw) in &prev_word {
                            for &(id, w) in &readings {
                                if let Some(pid) = self.pair_id(p, id) {
                                    q.add(pid, W_PAIR * pw * w, Origin::Pair, s, None);
                                }
                            }
                        }
                        prev_word = readings;
                    }
                }
                Kind::Number => {
                    if let Some(&ci) = self.code_map.get(t.text) {
                        push_code(&mut q, ci, 1.0, t.surface, true);
                    }
                    if let Some(&id) = self.terms.get(t.text).filter(|_| !version) {
                        q.add(id, W_WORD, Origin::Word, s, Some(t.text));
                    }
                }
                Kind::Hangul | Kind::HangulJoin | Kind::HangulTail => {
                    if t.kind == Kind::Hangul && !q.typed.contains(t.text) {
                        q.typed.insert(t.text.to_string());
                    }
                    let (w, origin) = if t.kind == Kind::Hangul {
                        (W_WORD, Origin::Word)
                    } else {
                        (W_JOIN, Origin::Join)
                    };
                    match self.term_id(t.text) {
                        Some(id) => q.add(id, w, origin, s, Some(t.text)),
                        None if t.kind == Kind::Hangul => {
                            // Words, not pastes without spaces; and a bounded number of them.
                            let correctable = t.surface.len() <= MAX_KOREAN_WORD_BYTES
                                && korean_corrections < MAX_KOREAN_CORRECTIONS;
                            let correction = if correctable {
                                korean_corrections += 1;
                                self.correct_gram(t.text, t.surface)
                            } else {
                                None
                            };
                            let mut backed = false;
                            if let Some((id, gram, by_word)) = correction {
                                let typed = t.surface;
                                let fixed = typed.replacen(t.text, &gram, 1);
                                let shown = q.surface(&format!("{typed}→{fixed}"));
                                let origin = if by_word { Origin::Typo } else { Origin::Guess };
                                q.add(id, W_WORD * W_TYPO, origin, shown, Some(gram.as_str()));
                                backed = by_word;
                            }
                            // A gram the tree does not know, but for a sure correction.
                            if !backed {
                                q.unknown += 0.3 * self.max_idf;
                            }
                        }
                        None => {}
                    }
                    prev_word.clear();
                }
            }
        });
        // Typing: a query that ends inside an unknown word also looks for the words it starts.
        let typing = text.chars().next_back().is_some_and(char::is_alphanumeric);
        if let Some((prefix, s)) = last_unknown.filter(|(p, _)| typing && p.len() >= 3) {
            let typed = q.surfaces[s].clone();
            for (id, word) in self.completions(&prefix, 3) {
                let shown = q.surface(&format!("{typed}→{word}"));
                let name = self.stem.stem(word);
                q.add(id, W_WORD * W_TYPO, Origin::Typo, shown, Some(&*name));
            }
        }
        self.expand_synonyms(&mut q, text);
        q
    }

    /// True when `word` matched a code (then its parts carry it; it is not an unknown word).
    fn is_code_word(&self, word: &str) -> bool {
        self.code_map.contains_key(word)
    }

    /// Finds the error code `word` names: exactly, as a prefix (typing), or misspelt.
    fn match_code(&self, word: &str, surface: &str, known_word: bool, q: &mut Query) {
        if let Some(&ci) = self.code_map.get(word) {
            push_code(q, ci, 1.0, surface, true);
            return;
        }
        // A word of the tree ("extension") is not a code being typed or misspelt.
        let bytes = word.as_bytes();
        if known_word || !(10..=MAX_CODE_WORD).contains(&bytes.len()) || !word.is_ascii() {
            return;
        }
        let mut shared: FxMap<u32, u32> = FxMap::default();
        let mut grams: Vec<u32> = bytes.windows(3).map(trigram).collect();
        grams.sort_unstable();
        grams.dedup();
        let code_grams = self.code_grams();
        for g in &grams {
            if let Some(list) = code_grams.get(g) {
                for &ci in list {
                    *shared.entry(ci).or_default() += 1;
                }
            }
        }
        let mut best: Option<(f32, u32, bool)> = None;
        for (&ci, &n) in &shared {
            if (n as f32) < grams.len() as f32 * 0.5 {
                continue;
            }
            let code = self.codes[ci as usize].shown.to_ascii_lowercase();
            let (similarity, sure) = if code.starts_with(word) {
                (0.5 + 0.5 * word.len() as f32 / code.len() as f32, false)
            } else {
                let edits = strsim::osa_distance(word, &code);
                let d = edits as f32;
                let longest = word.len().max(code.len()) as f32;
                let allowed = (longest / 7.0).max(2.0);
                if d > allowed {
                    continue;
                }
                let sure = code.len() >= SURE_CODE_LEN && edits <= SURE_CODE_EDITS;
                (0.9 - 0.3 * d / allowed, sure)
            };
            if best.is_none_or(|(s, c, _)| similarity > s || (similarity == s && ci < c)) {
                best = Some((similarity, ci, sure));
            }
        }
        if let Some((similarity, ci, sure)) = best {
            push_code(q, ci, similarity, surface, sure);
        } else if q.unknown_code.is_none() && self.of_a_code_family(surface) {
            q.unknown_code = Some(surface.to_string());
        }
    }

    /// Whether `surface` is a CamelCase word of one of the tree's code families with a part
    /// of its own after the family's name, and three parts at least, as the codes that make a
    /// family (`UserErrorRpCollectionLimitReached`; not `UserError`, nor a component's name in
    /// a log such as `ExtensionHandler`).
    fn of_a_code_family(&self, surface: &str) -> bool {
        let families = self.code_families();
        if families.is_empty() || !surface.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return false;
        }
        let parts = super::analyze::camel_parts(surface);
        let lower = surface.to_ascii_lowercase();
        parts.len() >= 3
            && parts.iter().rev().skip(1).any(|&(_, end)| {
                families
                    .binary_search_by(|f| f.as_ref().cmp(&lower[..end]))
                    .is_ok()
            })
    }

    /// Known words within a small edit distance of an unknown `word` (transpositions count as
    /// one edit), best first, with a weight penalty for the distance.
    /// Adds the corrections of the word `surface` (weighing `base`) to the query as typos, and
    /// to the word's `readings`.
    fn add_typos(
        &self,
        q: &mut Query,
        surface: &str,
        base: f32,
        corrected: &[Correction<'_>],
        readings: &mut Vec<(u32, f32)>,
    ) {
        for c in corrected {
            let shown = q.surface(&format!("{surface}→{}", c.word));
            let name = self.stem.stem(c.word);
            q.add(
                c.id,
                base * W_TYPO * c.penalty,
                Origin::Typo,
                shown,
                Some(&*name),
            );
            readings.push((c.id, W_TYPO * c.penalty));
        }
    }

    fn correct(&self, word: &str, known: Option<u32>) -> Vec<Correction<'_>> {
        let len = word.len();
        if !(4..=MAX_FUZZY_WORD).contains(&len) || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return Vec::new();
        }
        let max_d = if len <= 5 { 1 } else { 2 };
        let fuzzy = self.fuzzy();
        let mut candidates: Vec<u32> = Vec::new();
        let mut probe = |s: &str| {
            let h = fx_hash(s);
            let start = fuzzy.deletions.partition_point(|&(k, _)| k < h);
            for &(k, i) in &fuzzy.deletions[start..] {
                if k != h {
                    break;
                }
                if !candidates.contains(&i) {
                    candidates.push(i);
                }
            }
        };
        probe(word);
        let mut buf = String::with_capacity(word.len());
        for k in 0..word.len() {
            buf.clear();
            buf.push_str(&word[..k]);
            buf.push_str(&word[k + 1..]);
            probe(&buf);
        }
        if len >= 8 {
            for k in 0..word.len() {
                for j in k + 1..word.len() {
                    buf.clear();
                    buf.push_str(&word[..k]);
                    buf.push_str(&word[k + 1..j]);
                    buf.push_str(&word[j + 1..]);
                    probe(&buf);
                }
            }
        }
        let mut found: Vec<(usize, u32, u32)> = Vec::new();
        for i in candidates {
            let (surface, id) = &self.surfaces[i as usize];
            let d = strsim::osa_distance(word, surface);
            let better = match known {
                // A known word: only a clearly more common word is a likely correction.
                Some(k) => *id != k && d == 1 && self.df(*id) >= 3 * self.df(k),
                None => d <= max_d,
            };
            if better && !found.iter().any(|&(_, f, _)| f == *id) {
                found.push((d, *id, i));
            }
        }
        let Some(best) = found.iter().map(|f| f.0).min() else {
            return Vec::new();
        };
        found.retain(|f| f.0 == best);
        // Among equally close words, prefer the more common one (the likelier intent).
        found.sort_by(|a, b| {
            let da = self.df(a.1);
            let db = self.df(b.1);
            db.cmp(&da).then(a.1.cmp(&b.1))
        });
        found.truncate(2);
        let penalty = if best <= 1 { 1.0 } else { 0.8 };
        found
            .into_iter()
            .map(|(_, id, surface)| Correction {
                id,
                penalty,
                word: &self.surfaces[surface as usize].0,
            })
            .collect()
    }

    /// The likeliest known gram one letter (jamo) away from an unknown two-syllable Korean
    /// gram of `word`, the gram, and whether the word backs it: a vowel or consonant mistyped
    /// or misheard (에이젼트/에이전트, 스넵샷/스냅샷) changes one jamo of one syllable, and then
    /// the gram on the other side of that syllable is known with the same change too. Backed
    /// readings first, then the commonest gram.
    fn correct_gram(&self, gram: &str, word: &str) -> Option<(u32, String, bool)> {
        let syllables: Vec<char> = gram.chars().collect();
        let [a, b] = syllables[..] else {
            return None;
        };
        let at = word.find(gram)?;
        let before = word[..at].chars().next_back().filter(|&c| is_hangul(c));
        let after = word[at + gram.len()..]
            .chars()
            .next()
            .filter(|&c| is_hangul(c));
        let known = |x: char, y: char| self.grams.get(&super::analyze::join_key(x, y)).copied();
        let mut best: Option<(bool, usize, u32, String)> = None;
        for (k, c) in [a, b].into_iter().enumerate() {
            // The final consonant of a gram's second syllable is where endings change a word
            // (나오/나옴): not a typo. Inside a word, the next gram has that syllable first.
            for v in one_jamo_away(c, k == 0) {
                let (x, y) = if k == 0 { (v, b) } else { (a, v) };
                let Some(id) = known(x, y) else {
                    continue;
                };
                let backed = match (k, before, after) {
                    (0, Some(p), _) => known(p, v).is_some(),
                    (1, _, Some(n)) => known(v, n).is_some(),
                    _ => false,
                };
                let df = self.df(id) as usize;
                let better = best.as_ref().is_none_or(|(bk, d, i, _)| {
                    (backed, df, std::cmp::Reverse(id)) > (*bk, *d, std::cmp::Reverse(*i))
                });
                if better {
                    best = Some((backed, df, id, [x, y].iter().collect()));
                }
            }
        }
        best.map(|(backed, _, id, gram)| (id, gram, backed))
    }

    /// Records every synonym group one of whose phrases the query contains, with the terms
    /// of its other phrases (see `Expansion::alt`).
    fn expand_synonyms(&self, q: &mut Query, text: &str) {
        let korean = |p: &Phrase| p.terms.iter().any(|t| t.chars().any(is_hangul));
        // The query's words, for phrases with a stop word (split on first need).
        let mut words: Option<Vec<String>> = None;
        for (g, group) in self.synonyms.iter().enumerate() {
            // The query's own words decide, known to the tree or not: "vm" finds "virtual
            // machine" in a tree that never says "vm".
            let matched = group.iter().position(|p| {
                p.terms.iter().all(|t| q.typed.contains(t.as_ref()))
                    && (p.trigger
                        || super::phrase::contains(
                            words.get_or_insert_with(|| super::phrase::words(text)),
                            &p.words,
                        ))
            });
            let Some(m) = matched else {
                continue;
            };
            let matched = &group[m];
            let ids: Vec<u32> = matched
                .terms
                .iter()
                .filter_map(|t| self.term_id(t))
                .collect();
            let script = korean(matched);
            // The known terms of the group's other phrases in the query's script, or not.
            let terms_of = |same_script: bool| {
                let mut ids: Vec<u32> = Vec::new();
                for phrase in group {
                    if phrase == matched || (korean(phrase) == script) != same_script {
                        continue;
                    }
                    for term in &phrase.terms {
                        if let Some(id) = self.term_id(term)
                            && !ids.contains(&id)
                            && !q.by_id.contains_key(&id)
                        {
                            ids.push(id);
                        }
                    }
                }
                ids
            };
            // The other phrases in the query's script (a leaf has its text in both languages);
            // for a Korean phrase, the English ones when the group has no other Korean one
            // ("이름 확인" for "DNS": Korean text writes English words, not the other way round).
            let mut alt = terms_of(true);
            let other_script = alt.is_empty() && script;
            if other_script {
                alt = terms_of(false);
            }
            if !alt.is_empty() {
                q.groups.push(Expansion {
                    ids,
                    alt,
                    group: g,
                    matched: m,
                    other_script,
                });
            }
        }
    }

    fn rank(&self, q: &Query, lang: Lang, limit: usize) -> Results {
        let n = self.docs.len();
        let mut acc = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        // Leaves with evidence other than a guess (a Korean gram a jamo off, which no word of
        // the query backs): a leaf found by guesses alone is dropped ("기차역" is no typo of
        // a word the tree has).
        let mut backed = vec![false; n];
        for t in &q.terms {
            let w = term_weight(t) * self.idf[t.id as usize];
            let guess = t.origin == Origin::Guess;
            for p in self.list(t.id) {
                let a = &mut acc[p.doc() as usize];
                if *a == 0.0 {
                    touched.push(p.doc());
                }
                *a += w * saturate(p.tf);
                backed[p.doc() as usize] |= !guess;
            }
        }
        // All the evidence the query offers, for the confidence of each hit (see `explain`).
        let total: f32 = q
            .terms
            .iter()
            .filter(|t| t.origin.typed())
            .map(|t| term_weight(t) * self.idf[t.id as usize])
            .sum::<f32>()
            + q.unknown;
        // A synonym group counts once per leaf: its other phrases add only what they score
        // beyond the phrase the query used.
        let mut alt: FxMap<u32, f32> = FxMap::default();
        for e in &q.groups {
            alt.clear();
            for &id in &e.alt {
                let w = W_SYNONYM * self.idf[id as usize];
                for p in self.list(id) {
                    *alt.entry(p.doc()).or_default() += w * saturate(p.tf);
                }
            }
            for (&d, &a) in &alt {
                let gain = e.gain(a, self.phrase_score(&e.ids, d));
                if gain > 0.0 {
                    let acc_d = &mut acc[d as usize];
                    if *acc_d == 0.0 {
                        touched.push(d);
                    }
                    *acc_d += gain;
                    backed[d as usize] = true;
                }
            }
        }
        for &d in &q.ids {
            if acc[d as usize] == 0.0 {
                touched.push(d);
            }
            acc[d as usize] += ID_BONUS;
            backed[d as usize] = true;
        }
        let quoted = self.quoted(q);
        for &d in &quoted {
            acc[d as usize] *= QUOTED;
        }
        for m in &q.codes {
            for &d in &self.codes[m.code as usize].docs {
                let a = &mut acc[d as usize];
                if *a == 0.0 {
                    touched.push(d);
                }
                // A code names an error message: leaves quoting messages get the full bonus.
                let prior = if self.docs[d as usize].has_errors {
                    1.0
                } else {
                    0.8
                };
                *a += CODE_BONUS * m.similarity * prior;
                backed[d as usize] = true;
            }
        }

        // A leaf for the operating system the query names beats one for the other system.
        if q.os == OS_WINDOWS || q.os == OS_LINUX {
            for &d in &touched {
                let os = self.docs[d as usize].os;
                if os & q.os != 0 {
                    acc[d as usize] *= OS_MATCH;
                } else if os != 0 {
                    acc[d as usize] *= OS_MISMATCH;
                }
            }
        }
        touched.retain(|&d| acc[d as usize] > 0.0 && backed[d as usize]);
        let by_score =
            |a: &u32, b: &u32| acc[*b as usize].total_cmp(&acc[*a as usize]).then(a.cmp(b));
        // The best two scores of all, whatever the limit (`--top 1` is also told a close call).
        let (mut best, mut runner_up) = (0f32, 0f32);
        for &d in &touched {
            let s = acc[d as usize];
            if s > best {
                runner_up = best;
                best = s;
            } else if s > runner_up {
                runner_up = s;
            }
        }
        if touched.len() > limit && limit > 0 {
            touched.select_nth_unstable_by(limit - 1, by_score);
            touched.truncate(limit);
        }
        touched.truncate(limit);
        touched.sort_by(by_score);

        // The best hit's share of the query's evidence and its evidence (in max idfs).
        let mut best_match = (0f32, 0f32);
        let mut hits: Vec<Hit> = touched
            .iter()
            .enumerate()
            .map(|(rank, &d)| {
                let (
                    why,
                    Evidence {
                        all: evidence,
                        as_typed,
                    },
                    code,
                ) = self.explain(q, d, lang);
                let coverage = if total > 0.0 { evidence / total } else { 0.0 };
                // A long paste (a log) spreads its evidence over many words the tree knows
                // from elsewhere; a best hit far ahead of the rest is still the answer.
                let (min_evidence, strong_evidence) =
                    (MIN_EVIDENCE * self.max_idf, STRONG_EVIDENCE * self.max_idf);
                let dominant = rank == 0
                    && ((evidence >= strong_evidence && acc[d as usize] >= DOMINANT * runner_up)
                        || quoted.contains(&d));
                if rank == 0 {
                    best_match = (coverage, evidence / self.max_idf.max(f32::EPSILON));
                }
                Hit {
                    id: self.docs[d as usize].id.clone(),
                    score: acc[d as usize],
                    why,
                    terms: self.matched_terms(q, d),
                    // Words read as corrections of misspelt ones rank a leaf, but a leaf found
                    // by nothing the user spelt right is no sure answer ("pizza oven" is not
                    // "open").
                    confident: code
                        || (as_typed > 0.0
                            && (dominant
                                || (coverage >= MIN_COVERAGE && evidence >= min_evidence)
                                || (coverage >= MIN_COVERAGE_STRONG
                                    && evidence >= strong_evidence))),
                }
            })
            .collect();
        // A leaf that holds most of a query with a lot of evidence (a quoted message) is the
        // answer even when the query names a neighbouring product ("the server also has the
        // MARS agent"); a middling match is not.
        let (coverage, evidence) = best_match;
        let strong = coverage >= NOT_COVERED_COVERAGE && evidence >= NOT_COVERED_EVIDENCE;
        let not_covered = if strong {
            None
        } else {
            self.not_covered(q, touched.first().copied())
        };
        if not_covered.is_some()
            && let Some(first) = hits.first_mut()
        {
            first.confident = false;
        }
        // The query gives an error code the tree does not list: the best hit is no sure answer
        // unless the query names its code too, or quotes its message.
        let first_sure = touched.first().is_some_and(|&d| {
            quoted.contains(&d)
                || q.codes
                    .iter()
                    .any(|m| m.sure && self.codes[m.code as usize].docs.contains(&d))
        });
        let unknown_code = q
            .unknown_code
            .clone()
            .filter(|_| !hits.is_empty() && !first_sure && not_covered.is_none());
        if unknown_code.is_some()
            && let Some(first) = hits.first_mut()
        {
            first.confident = false;
        }
        let close = hits
            .first()
            .is_some_and(|first| first.confident && runner_up >= CLOSE_CALL * best);
        Results {
            confident: hits.first().is_some_and(|h| h.confident) && !close,
            close,
            hits,
            truncated: false,
            not_covered,
            unknown_code,
        }
    }

    /// The leaves whose error message the query quotes: it has most of the message's word pairs
    /// in the message field (see `QUOTE_SHARE`).
    fn quoted(&self, q: &Query) -> Vec<u32> {
        let error = 1u16 << Field::Error as u16;
        let mut pairs: FxMap<u32, u16> = FxMap::default();
        for t in q.terms.iter().filter(|t| t.origin == Origin::Pair) {
            for p in self.list(t.id).iter().filter(|p| p.fields() & error != 0) {
                *pairs.entry(p.doc()).or_default() += 1;
            }
        }
        let mut quoted: Vec<u32> = pairs
            .into_iter()
            .filter(|&(d, n)| {
                let need = self.docs[d as usize].quote_pairs;
                need >= MIN_QUOTE_PAIRS && f32::from(n) >= QUOTE_SHARE * f32::from(need)
            })
            .map(|(d, _)| d)
            .collect();
        quoted.sort_unstable();
        quoted
    }

    /// The first topic the tree does not cover that the query names, unless the best leaf
    /// (`best`) speaks of it too or has the very code the query gives: "MARS agent backup
    /// fails with access denied" is not answered by a VM fix that only shares "agent",
    /// "backup" and "access denied".
    fn not_covered(&self, q: &Query, best: Option<u32>) -> Option<usize> {
        if let Some(d) = best
            && q.codes
                .iter()
                .any(|m| m.similarity >= 1.0 && self.codes[m.code as usize].docs.contains(&d))
        {
            return None;
        }
        self.not_covered
            .iter()
            .zip(&q.phrases)
            .position(|(topic, found)| {
                topic
                    .docs
                    .iter()
                    .zip(found)
                    .any(|(docs, &found)| found && !best.is_some_and(|d| docs.contains(&d)))
            })
    }

    /// The analysed terms of the query that `doc` has (see `Hit::terms`): words as typed and
    /// their parts, corrections of misspelt ones, numbers, Korean grams; not word pairs (their
    /// words are there), nor guesses (a Korean gram a jamo off that nothing backs: a word
    /// nobody wrote), nor synonyms (words the query does not have: "failing" would mark
    /// "error").
    fn matched_terms(&self, q: &Query, doc: u32) -> Vec<String> {
        let mut terms: Vec<String> = q
            .terms
            .iter()
            .filter(|t| t.origin.typed())
            .filter_map(|t| {
                t.name
                    .as_deref()
                    .filter(|_| self.posting(t.id, doc).is_some())
            })
            .map(str::to_string)
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }

    /// What the query's own phrase of a synonym group (`ids`) scores in `doc`.
    fn phrase_score(&self, ids: &[u32], doc: u32) -> f32 {
        ids.iter()
            .map(|&id| {
                W_WORD
                    * self.idf[id as usize]
                    * self.posting(id, doc).map_or(0.0, |p| saturate(p.tf))
            })
            .sum()
    }

    /// Why `doc` matched: the code, then the query words by the best field they hit. Also
    /// returns the evidence of typed words (see [`Evidence`]) and whether a sure code matched
    /// (exact, or long and a letter or two off: see `CodeMatch::sure`) or the leaf's id.
    fn explain(&self, q: &Query, doc: u32, lang: Lang) -> (String, Evidence, bool) {
        let mut parts: Vec<String> = Vec::new();
        let mut sure_code = false;
        if q.ids.contains(&doc) {
            // Naming a leaf is as sure as quoting its code.
            sure_code = true;
            let label = if lang == Lang::Ko {
                "항목 ID"
            } else {
                "leaf id"
            };
            parts.push(format!("{label} \"{}\"", self.docs[doc as usize].id));
        }
        for m in &q.codes {
            if self.codes[m.code as usize].docs.contains(&doc) {
                let shown = &self.codes[m.code as usize].shown;
                let label = label(lang, None);
                sure_code |= m.sure;
                if m.similarity >= 1.0 {
                    parts.push(format!("{label} \"{shown}\""));
                } else {
                    let typed = crate::text::truncate(&m.surface, MAX_WHY_WORD);
                    parts.push(format!("{label} \"{shown}\" ~ \"{typed}\""));
                }
            }
        }
        let mut evidence = Evidence::default();
        // (field, contribution, surface) of each matched term
        let mut matched: Vec<(usize, f32, usize)> = Vec::new();
        for t in &q.terms {
            let Some(p) = self.posting(t.id, doc) else {
                continue;
            };
            let w = term_weight(t) * self.idf[t.id as usize];
            if t.origin.typed() {
                evidence.all += w;
                if t.origin != Origin::Typo {
                    evidence.as_typed += w;
                }
            }
            // Pairs repeat their words; the words of a code already named repeat the code; a
            // guess (a Korean gram a jamo off, alone) names a word nobody wrote: 디스크→비스크.
            if matches!(t.origin, Origin::Pair | Origin::Guess)
                || (t.origin == Origin::Part && !parts.is_empty())
            {
                continue;
            }
            let field = (0..FIELDS)
                .find(|f| p.fields() & (1 << f) != 0)
                .unwrap_or(0);
            let contribution = w * saturate(p.tf);
            // A misspelt word is shown once, as its likeliest correction here (a Korean word
            // also matches by its right grams: shown corrected all the same).
            let typed = |s: usize| q.surfaces[s].split('→').next().unwrap_or("");
            let corrected = |s: usize| q.surfaces[s].contains('→');
            match matched
                .iter_mut()
                .find(|m| m.2 == t.surface || typed(m.2) == typed(t.surface))
            {
                Some(m) if m.2 == t.surface => {
                    m.1 += contribution;
                    m.0 = m.0.min(field);
                }
                Some(m) if corrected(m.2) == corrected(t.surface) => {
                    if contribution > m.1 {
                        *m = (field, contribution, t.surface);
                    }
                }
                Some(m) => {
                    m.1 += contribution;
                    m.0 = m.0.min(field);
                    if corrected(t.surface) {
                        m.2 = t.surface;
                    }
                }
                None => matched.push((field, contribution, t.surface)),
            }
        }
        // The parts of a word that matched whole (BitLocker: bit, locker) add nothing to it.
        let part_surfaces: Vec<usize> = q
            .terms
            .iter()
            .filter(|t| t.origin == Origin::Part)
            .map(|t| t.surface)
            .collect();
        let wholes: Vec<&str> = matched
            .iter()
            .filter(|m| !part_surfaces.contains(&m.2))
            .map(|m| q.surfaces[m.2].as_str())
            .collect();
        let redundant: Vec<usize> = matched
            .iter()
            .filter(|m| part_surfaces.contains(&m.2))
            .filter(|m| wholes.iter().any(|w| w.contains(q.surfaces[m.2].as_str())))
            .map(|m| m.2)
            .collect();
        matched.retain(|m| !redundant.contains(&m.2));
        matched.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        for f in ALL_FIELDS {
            let words: Vec<String> = matched
                .iter()
                .filter(|m| m.0 == f as usize)
                .take(5)
                .map(|m| crate::text::truncate(&q.surfaces[m.2], MAX_WHY_WORD))
                .collect();
            if words.is_empty() {
                continue;
            }
            if f == Field::Code && !parts.is_empty() {
                continue;
            }
            parts.push(format!("{}: {}", label(lang, Some(f)), words.join(", ")));
            if parts.len() >= 3 {
                break;
            }
        }
        // Synonyms count only where the query's own words do not (see `rank`): name them.
        if parts.len() < 3 {
            let has = |id: &u32| self.posting(*id, doc).is_some();
            let mut pairs: Vec<String> = Vec::new();
            for e in &q.groups {
                // Named where the ranking counted it: the other phrases beat the query's own.
                let alt: f32 = e
                    .alt
                    .iter()
                    .filter_map(|&id| {
                        let p = self.posting(id, doc)?;
                        Some(W_SYNONYM * self.idf[id as usize] * saturate(p.tf))
                    })
                    .sum();
                if e.gain(alt, self.phrase_score(&e.ids, doc)) <= 0.0 {
                    continue;
                }
                let group = &self.synonyms[e.group];
                let found = group.iter().enumerate().find(|(i, p)| {
                    *i != e.matched
                        && p.terms.iter().any(|t| {
                            self.term_id(t)
                                .is_some_and(|id| e.alt.contains(&id) && has(&id))
                        })
                });
                if let Some((_, phrase)) = found {
                    pairs.push(format!("{} ~ {}", group[e.matched].text, phrase.text));
                }
            }
            if !pairs.is_empty() {
                let label = if lang == Lang::Ko {
                    "동의어"
                } else {
                    "synonyms"
                };
                pairs.truncate(3);
                parts.push(format!("{label}: {}", pairs.join(", ")));
            }
        }
        (parts.join("; "), evidence, sure_code)
    }
}

/// The Hangul syllables that differ from `c` in exactly one of its initial, vowel or final
/// (`with_finals`: the final too).
fn one_jamo_away(c: char, with_finals: bool) -> impl Iterator<Item = char> {
    let index = (c as u32).wrapping_sub(0xAC00);
    let valid = index < 11_172;
    let (initial, vowel, fin) = (index / 588, (index % 588) / 28, index % 28);
    let compose = move |i: u32, v: u32, f: u32| char::from_u32(0xAC00 + i * 588 + v * 28 + f);
    let initials = (0..19)
        .filter(move |&i| i != initial)
        .map(move |i| (i, vowel, fin));
    let vowels = (0..21)
        .filter(move |&v| v != vowel)
        .map(move |v| (initial, v, fin));
    let finals = (0..28)
        .filter(move |&f| with_finals && f != fin)
        .map(move |f| (initial, vowel, f));
    initials
        .chain(vowels)
        .chain(finals)
        .filter(move |_| valid)
        .filter_map(move |(i, v, f)| compose(i, v, f))
}

/// The operating system a query word names, if any (`OS_WINDOWS` or `OS_LINUX` bit).
pub(super) fn os_named(word: &str, surface: &str) -> u8 {
    const WINDOWS: &[&str] = &["windows", "win", "윈도우", "윈도"];
    const LINUX: &[&str] = &[
        "linux",
        "ubuntu",
        "debian",
        "rhel",
        "centos",
        "redhat",
        "suse",
        "sles",
        "oracle linux",
        "almalinux",
        "rocky",
        "fedora",
        "mariner",
        "리눅스",
        "우분투",
        "레드햇",
        "센트",
    ];
    let matches = |list: &[&str]| {
        list.contains(&word) || list.iter().any(|w| !w.is_ascii() && surface.starts_with(w))
    };
    if matches(WINDOWS) {
        OS_WINDOWS
    } else if matches(LINUX) {
        OS_LINUX
    } else {
        0
    }
}

/// A known word close to an unknown one.
struct Correction<'a> {
    id: u32,
    penalty: f32,
    /// The known word, as the tree writes it (lower case).
    word: &'a str,
}

fn push_code(q: &mut Query, code: u32, similarity: f32, surface: &str, sure: bool) {
    match q.codes.iter_mut().find(|m| m.code == code) {
        Some(m) => {
            m.similarity = m.similarity.max(similarity);
            m.sure |= sure;
        }
        None => q.codes.push(CodeMatch {
            code,
            similarity,
            surface: surface.to_string(),
            sure,
        }),
    }
}

/// BM25 term-frequency saturation.
fn saturate(tf: f32) -> f32 {
    tf * (K1 + 1.0) / (K1 + tf)
}

fn term_weight(t: &QTerm) -> f32 {
    // A word repeated in a long paste counts a little more, not n times.
    t.weight * (1.0 + 0.25 * (t.count.min(4) - 1) as f32)
}

/// The name of a field in "why" (`None`: an error code).
fn label(lang: Lang, field: Option<Field>) -> &'static str {
    match (lang, field) {
        (Lang::En, None) => "error code",
        (Lang::En, Some(Field::Error)) => "message",
        (Lang::En, Some(Field::Code)) => "code",
        (Lang::En, Some(Field::Title)) => "title",
        (Lang::En, Some(Field::Keyword)) => "keywords",
        (Lang::En, Some(Field::Answer)) => "questions",
        (Lang::En, Some(Field::Cause)) => "cause",
        (Lang::En, Some(Field::Step)) => "steps",
        (Lang::En, Some(Field::Link)) => "links",
        (Lang::En, Some(Field::CodeWord)) => "code words",
        (Lang::Ko, None) => "오류 코드",
        (Lang::Ko, Some(Field::Error)) => "메시지",
        (Lang::Ko, Some(Field::Code)) => "코드",
        (Lang::Ko, Some(Field::Title)) => "제목",
        (Lang::Ko, Some(Field::Keyword)) => "키워드",
        (Lang::Ko, Some(Field::Answer)) => "질문",
        (Lang::Ko, Some(Field::Cause)) => "원인",
        (Lang::Ko, Some(Field::Step)) => "단계",
        (Lang::Ko, Some(Field::Link)) => "링크",
        (Lang::Ko, Some(Field::CodeWord)) => "코드 단어",
    }
}
