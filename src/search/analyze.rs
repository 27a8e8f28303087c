//! Text to search terms: noise stripping, word splitting (CamelCase codes too), light stemming,
//! stop words, and Korean syllable bigrams with particles stripped.
//!
//! The same analysis runs on the tree and on queries, so whatever it does to a word it does on
//! both sides. It never allocates per token on the hot path: tokens are handed to a callback as
//! slices of a reused buffer.

use super::index::Fx;
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// What a token is; decides how a query weighs it and how the index stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole word, lower-cased, not stemmed yet (`vss`, `com+`, `extensionconfigparsingfailure`).
    Word,
    /// One part of a CamelCase or letter-digit compound, after its `Word` (`extension`, `config`).
    Part,
    /// Digits, maybe dotted: `320001`, `168.63.129.16`, `2.6.1198.718`.
    Number,
    /// A Korean syllable bigram (or a lone syllable) of a word whose particle was stripped.
    Hangul,
    /// A Korean bigram across two words (`가상 머신` gives `상머`), so spacing does not matter.
    HangulJoin,
    /// The last two syllables of a Korean word with the last one cut to its first consonant
    /// (걸림, 걸려 → `걸ㄹ`): conjugated forms of one verb meet.
    HangulTail,
}

/// One token: `text` is normalised (lower case; Hangul as is); `surface` is the word of the
/// input it came from (for the "why" of a result).
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub surface: &'a str,
}

/// English words that carry no meaning for search, and the boilerplate of portal columns, JSON
/// from the CLI or REST API, and log lines. Dropped on both sides. Sorted, 13 bytes at most.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "action", "activity", "activityid", "after", "again", "all", "also", "although",
    "am", "an", "and", "any", "anyone", "are", "aren", "as", "at", "be", "because", "been",
    "being", "but", "by", "can", "cannot", "code", "codes", "correlation", "correlationid",
    "could", "couldn", "debug", "detail", "details", "did", "didn", "do", "does", "doesn", "don",
    "due", "during", "each", "either", "else", "errorcode", "errordetail", "errordetails",
    "errormessage", "errorstring", "etc", "even", "false", "for", "from", "get", "getting", "gmt",
    "got", "had", "has", "hasn", "have", "haven", "he", "hello", "her", "here", "hi", "him", "his",
    "how", "i", "id", "if", "im", "in", "info", "information", "innererror", "into",
    "is", "isn", "it", "its", "ive", "just", "kst", "learn", "like", "link", "ll", "many",
    "me", "message", "messages", "more", "much", "my", "need", "needs", "no", "nor", "not", "now",
    "null", "of", "on", "or", "our", "out", "per", "please", "pls", "plz", "pm", "re", "really",
    "recommended", "refer", "requestid", "see", "seem", "seems", "she", "should", "shouldn",
    "since", "so", "some", "someone", "something", "still", "such", "than", "thanks", "that",
    "the", "their", "them", "then", "there", "these", "they", "thing", "things", "this", "those",
    "though", "to", "too", "trace", "true", "up", "us", "utc", "ve", "verbose", "very", "via",
    "want", "wants", "warn", "warning", "was", "wasn", "way", "we", "were", "weren", "what",
    "when", "where", "which", "while", "who", "why", "will", "with", "won", "would", "wouldn",
    "www", "yet", "you", "your", "yours",
];

/// Korean particles and verb endings, longest first. A word loses at most one of them per pass.
#[rustfmt::skip]
const KO_ENDINGS: &[&str] = &[
    "되었습니다", "하였습니다", "했습니다만", "되었어요", "했습니다", "됐습니다", "없습니다", "있습니다", "습니다", "합니다",
    "됩니다", "입니다", "했어요", "됐어요", "되었음", "에서는", "으로는", "이라고", "했음", "됐음", "해요", "돼요", "하지",
    "되지", "해서", "돼서", "되어", "하여", "하고", "되고", "하는", "되는", "하면", "되면", "하다", "되다", "하기",
    "되기", "에서", "에게", "으로", "로는", "이나", "이라", "라고", "까지", "부터", "보다", "처럼", "이랑", "하게",
    "되게", "인데", "는데", "은데", "네요", "나요", "까요", "어요", "아요", "는", "은", "이", "가", "을", "를",
    "에", "의", "로", "와", "과", "도", "만", "한", "된", "할", "될", "함", "됨", "임", "요", "랑",
];

pub fn is_stop_word(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str, BuildHasherDefault<Fx>>> = OnceLock::new();
    w.len() <= 13
        && SET
            .get_or_init(|| STOP_WORDS.iter().copied().collect())
            .contains(w)
}

pub fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// A Korean gram (one or two characters, the first a syllable) as a number: the index keeps
/// them apart from words, without allocating or comparing strings.
pub fn gram_key(s: &str) -> Option<u64> {
    let mut chars = s.chars();
    let first = chars.next().filter(|&c| is_hangul(c))?;
    let second = chars.next();
    if chars.next().is_some() {
        return None;
    }
    Some((u64::from(first) << 32) | second.map_or(0, u64::from))
}

/// The [`gram_key`] of the two-syllable gram `a` `b`.
pub(crate) fn join_key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Light English stemming (Snowball/Porter2) of a lower-case word; words with digits, `+` or
/// non-ASCII letters and very long compounds (codes) are left alone.
pub struct Stem(Stemmer);

impl Default for Stem {
    fn default() -> Self {
        Stem(Stemmer::create(Algorithm::English))
    }
}

impl Stem {
    pub fn stem<'a>(&self, w: &'a str) -> Cow<'a, str> {
        if w.len() <= 3 || w.len() > 24 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
            return Cow::Borrowed(w);
        }
        self.0.stem(w)
    }
}

/// Strips a particle or ending from a Korean word (syllables only). `attached` says the word
/// was glued to a Latin word or a number (`VM이`, `VHD를`): then a word that is only an ending
/// disappears. Otherwise at least one syllable (two for one-syllable endings) stays.
pub fn strip_korean(word: &str, attached: bool) -> &str {
    // Endings by their last syllable, in the order of `KO_ENDINGS`.
    static BY_LAST: OnceLock<HashMap<char, Vec<&'static str>, BuildHasherDefault<Fx>>> =
        OnceLock::new();
    let by_last = BY_LAST.get_or_init(|| {
        let mut m: HashMap<char, Vec<&'static str>, BuildHasherDefault<Fx>> = HashMap::default();
        for e in KO_ENDINGS {
            if let Some(last) = e.chars().next_back() {
                m.entry(last).or_default().push(e);
            }
        }
        m
    });
    let mut w = word;
    for _ in 0..2 {
        let Some(endings) = w.chars().next_back().and_then(|last| by_last.get(&last)) else {
            break;
        };
        // Hangul syllables are three bytes each in UTF-8.
        let syllables = w.len() / 3;
        let mut cut = None;
        for e in endings {
            if let Some(stem) = w.strip_suffix(e) {
                let e_len = e.len() / 3;
                let left = syllables - e_len;
                let min = if e_len == 1 { 2 } else { 1 };
                if left >= min || (attached && left == 0) {
                    cut = Some(stem);
                    break;
                }
            }
        }
        match cut {
            Some(stem) => w = stem,
            None => break,
        }
    }
    w
}

/// Byte ranges of the parts of a compound: `UserErrorVmProvisioningStateFailed` → User, Error,
/// Vm, Provisioning, State, Failed; `VMSnapshot` → VM, Snapshot; `BCMV2VMNotFound` → BCMV, 2,
/// VM, Not, Found. A trailing `+` stays on its part.
pub fn camel_parts(word: &str) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    camel_parts_into(word, &mut parts);
    parts
}

/// [`camel_parts`] into a reused buffer (cleared first).
fn camel_parts_into(word: &str, parts: &mut Vec<(usize, usize)>) {
    parts.clear();
    let b = word.as_bytes();
    let mut start = 0;
    let class = |i: usize| b.get(i).map_or(OTHER, |&c| BYTE_CLASS[usize::from(c)]);
    let (mut p, mut c) = (class(0), class(1));
    for i in 1..b.len() {
        let next = class(i + 1);
        let split = match (p, c) {
            (_, OTHER) | (OTHER, _) => false,
            (LOWER, UPPER) => true,
            (UPPER, UPPER) => next == LOWER,
            (DIGIT, UPPER) | (DIGIT, LOWER) | (UPPER, DIGIT) | (LOWER, DIGIT) => true,
            _ => false,
        };
        if split {
            parts.push((start, i));
            start = i;
        }
        (p, c) = (c, next);
    }
    if start < b.len() {
        parts.push((start, b.len()));
    }
}

/// Classes of bytes for [`camel_parts_into`] (the end of a word is `OTHER` too).
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 3;
const OTHER: u8 = 4;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'A'..=b'Z' => UPPER,
            b'a'..=b'z' => LOWER,
            b'0'..=b'9' => DIGIT,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// True for a token that looks like an id or a hash rather than a word: hex with digits and
/// letters (GUID pieces, activity ids), or a word that starts with a digit (`02t01`, `551z`).
fn is_noise(w: &str) -> bool {
    let b = w.as_bytes();
    if b.first().is_some_and(|c| c.is_ascii_digit()) && b.iter().any(|c| c.is_ascii_alphabetic()) {
        return true;
    }
    b.len() >= 6
        && b.iter().all(|c| c.is_ascii_hexdigit())
        && b.iter().any(|c| c.is_ascii_digit())
        && b.iter().any(|c| c.is_ascii_alphabetic())
}

/// The character at byte `i` (a character boundary) of `s`; ASCII without decoding.
fn char_at(s: &str, i: usize) -> char {
    match s.as_bytes()[i] {
        b if b < 0x80 => char::from(b),
        _ => s[i..].chars().next().unwrap_or(' '),
    }
}

/// Bytes that may start a whitespace character: ASCII whitespace, and the lead bytes of the
/// few others (U+0085 … U+3000 start with C2, E1, E2 or E3; no continuation byte is one).
static MAYBE_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b, 0x09..=0x0d | 0x20 | 0xc2 | 0xe1..=0xe3);
        b += 1;
    }
    t
};

/// The first byte at or after `i` that may start whitespace (see [`MAYBE_SPACE`]), or the end.
/// Looks at eight bytes at a time: bytes below 0x21 and bytes C2 … E3 are candidates (a few
/// are not in `MAYBE_SPACE`: control characters, letters such as é), then the table decides.
#[inline]
fn next_maybe_space(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    while let Some(word) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        // Bytes below 0x21: the lowest one flagged is exact (a borrow may flag bytes above it).
        let below = w.wrapping_sub(ONES * 0x21) & !w & HIGH;
        // Bytes C2 … E3, exact: with the high bit flipped, the bytes 0x42 … 0x63.
        let y = w ^ HIGH;
        let y7 = y & LOW7;
        let lead = (ONES * (127 + 0x64)).wrapping_sub(y7) & !y & (y7 + ONES * (127 - 0x41)) & HIGH;
        let candidates = below | lead;
        if candidates == 0 {
            i += 8;
            continue;
        }
        let k = i + (candidates.trailing_zeros() / 8) as usize;
        if MAYBE_SPACE[usize::from(bytes[k])] {
            return k;
        }
        i = k + 1;
    }
    while i < bytes.len() && !MAYBE_SPACE[usize::from(bytes[i])] {
        i += 1;
    }
    i
}

/// `text` without terminal colour codes: a coloured log line pasted or piped in keeps its
/// escape sequences (`ESC[31mERROR ESC[0m`), or, pasted into the wizard, which drops control
/// characters, their remains (`[31mERROR[0m`). Both go; the rest stays as it is.
pub fn without_colour_codes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\x1b') && !text.contains('[') {
        return std::borrow::Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    // The end of a colour code (parameters, then `m`) starting at `i`, the byte after `[`.
    let sgr_end = |mut i: usize| -> Option<usize> {
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b';') {
            i += 1;
        }
        (b.get(i) == Some(&b'm')).then_some(i + 1)
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut kept = 0;
    while i < b.len() {
        let end = match (b[i], b.get(i + 1)) {
            // A whole control sequence: ESC [ parameters, then a final byte.
            (0x1b, Some(b'[')) => {
                let mut j = i + 2;
                while j < b.len() && (0x30..=0x3f).contains(&b[j]) {
                    j += 1;
                }
                // The final byte is ASCII; anything else is text and stays.
                Some(if b.get(j).is_some_and(|f| (0x40..=0x7e).contains(f)) {
                    j + 1
                } else {
                    j
                })
            }
            (b'[', Some(d)) if d.is_ascii_digit() || *d == b'm' => sgr_end(i + 1),
            _ => None,
        };
        match end {
            Some(end) => {
                out.push_str(&text[kept..i]);
                out.push(' ');
                i = end;
                kept = end;
            }
            None => i += 1,
        }
    }
    if kept == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[kept..]);
    std::borrow::Cow::Owned(out)
}

/// The byte ranges of `text` that are file paths (`/var/lib/waagent/...`,
/// `C:\Packages\Plugins\...`, also inside JSON: `"file":"/var/log/x.log"`): from a root (`/`,
/// `~/`, `./`, `../`, a drive, `\\server`) at the start of a piece or after a quote, `=`, `(`,
/// `[` or `,`, up to a quote, `,`, `;` or a bracket, with two separators or more and two words
/// ("RHEL/CentOS/Oracle" is no path). In a pasted log a path says where something lives,
/// rarely what went wrong. None when paths are all the query has: then they are what is asked.
pub(crate) fn path_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut outside = false;
    for chunk in chunks(text) {
        let base = chunk.as_ptr() as usize - text.as_ptr() as usize;
        let bytes = chunk.as_bytes();
        let mut covered = 0;
        let mut i = 0;
        while i < bytes.len() {
            let after_delimiter =
                i == 0 || matches!(bytes[i - 1], b'"' | b'\'' | b'=' | b'(' | b',' | b'[');
            let rest = &bytes[i..];
            let drive = rest.len() >= 3
                && rest[0].is_ascii_alphabetic()
                && rest[1] == b':'
                && matches!(rest[2], b'\\' | b'/');
            let rooted = drive
                || rest.starts_with(b"/")
                || rest.starts_with(b"~/")
                || rest.starts_with(b"./")
                || rest.starts_with(b"../")
                || rest.starts_with(b"\\\\");
            if !(after_delimiter && rooted) {
                i += 1;
                continue;
            }
            let len = rest
                .iter()
                .position(|b| matches!(b, b'"' | b'\'' | b',' | b';' | b')' | b']' | b'>' | b'`'))
                .unwrap_or(rest.len());
            // A delimiter is ASCII: `len` ends on a character boundary.
            let path = &chunk[i..i + len];
            let separators = path.bytes().filter(|&b| b == b'/' || b == b'\\').count();
            let words = path
                .split(['/', '\\'])
                .filter(|segment| segment.chars().any(char::is_alphabetic))
                .count();
            if separators >= 2 && words >= 2 {
                spans.push(base + i..base + i + len);
                covered += path.chars().filter(|c| c.is_alphanumeric()).count();
            }
            i += len.max(1);
        }
        outside |= chunk.chars().filter(|c| c.is_alphanumeric()).count() > covered;
    }
    if !outside {
        spans.clear();
    }
    spans
}

/// Top-level domains that end host names in pasted errors; not those that read as file
/// extensions (`.sh`, `.py`, `.md`) or words (`failed.in`, `user.home`).
const HOST_ENDS: &[&str] = &[
    "com",
    "net",
    "org",
    "io",
    "dev",
    "app",
    "cloud",
    "edu",
    "gov",
    "mil",
    "info",
    "biz",
    "co",
    "us",
    "uk",
    "de",
    "fr",
    "jp",
    "kr",
    "cn",
    "au",
    "ca",
    "eu",
    "local",
    "internal",
    "lan",
    "corp",
    "arpa",
    "localdomain",
];

/// The byte ranges of `text` that are host names (`shop.example.com`, `db01.corp.local`, also
/// after `host:` or inside quotes): labels of lower-case letters, digits and hyphens joined by
/// dots, the last a known top-level domain. Like a VM's name, a host's says nothing of the
/// symptom; its labels are no typos of the tree's words ("shop" is not "stop").
pub(crate) fn host_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    if !text.contains('.') {
        return spans;
    }
    let is_host_byte =
        |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.';
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !is_host_byte(bytes[i]) || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let len = bytes[i..]
            .iter()
            .position(|&b| !is_host_byte(b))
            .unwrap_or(bytes.len() - i);
        // A host name is ASCII: the span ends on a character boundary.
        let word = text[i..i + len].trim_end_matches('.');
        let labels: Vec<&str> = word.split('.').collect();
        let next = bytes.get(i + len).copied();
        let whole = !next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
        if whole
            && labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
            && labels.last().is_some_and(|tld| HOST_ENDS.contains(tld))
        {
            spans.push(i..i + word.len());
        }
        i += len.max(1);
    }
    spans
}

/// `text` split at whitespace (empty pieces skipped). Only the bytes of [`MAYBE_SPACE`] are
/// looked at closer; Hangul and other characters are never decoded.
pub(crate) fn chunks(text: &str) -> Chunks<'_> {
    Chunks { text, at: 0 }
}

/// The iterator of [`chunks`].
pub(crate) struct Chunks<'t> {
    text: &'t str,
    /// Where the next chunk may start.
    at: usize,
}

impl<'t> Iterator for Chunks<'t> {
    type Item = &'t str;

    #[inline(always)]
    fn next(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        let mut start = self.at;
        let mut i = start;
        loop {
            i = next_maybe_space(bytes, i);
            let Some(&b) = bytes.get(i) else {
                self.at = i;
                return self.text.get(start..).filter(|piece| !piece.is_empty());
            };
            let space = match b {
                b if b < 0x80 => 1,
                _ => match self.text.get(i..).and_then(|rest| rest.chars().next()) {
                    Some(c) if c.is_whitespace() => c.len_utf8(),
                    // A character that only starts like a space; its other bytes are not in
                    // `MAYBE_SPACE`.
                    _ => {
                        i += 1;
                        continue;
                    }
                },
            };
            if start < i {
                self.at = i + space;
                return self.text.get(start..i);
            }
            i += space;
            start = i;
        }
    }
}

/// Splits `text` into tokens and calls `sink` for each. URLs, GUIDs, hashes, times and short
/// numbers are dropped; JSON and log punctuation separates words.
pub fn tokenize(text: &str, sink: &mut impl FnMut(Token<'_>)) {
    let mut buf = Buffers::default();
    // The last syllable of the previous Korean word, for bigrams across a space.
    let mut prev_syllable: Option<char> = None;
    for chunk in chunks(text) {
        prev_syllable = tokenize_chunk(chunk, prev_syllable, &mut buf, sink).after;
    }
}

/// Scratch space of [`tokenize_chunk`], reused from chunk to chunk.
#[derive(Default)]
pub(crate) struct Buffers {
    lower: String,
    scratch: String,
    parts: Vec<(usize, usize)>,
}

/// What the chunks around a chunk need to know of it; a function of the chunk alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ChunkEnds {
    /// The first syllable of its first Korean word when that word starts the chunk: it forms
    /// a `HangulJoin` gram with the last syllable of the chunk before.
    pub first: Option<char>,
    /// The last syllable of its last Korean word if nothing else follows it (the `first` of
    /// the next chunk joins it).
    pub after: Option<char>,
}

/// Where an Azure resource id (`/subscriptions/...`, `/resourceGroups/...`) starts in `chunk`.
fn resource_id_start(chunk: &str) -> Option<usize> {
    let bytes = chunk.as_bytes();
    if bytes.len() < 16 || !bytes.contains(&b'/') {
        return None;
    }
    ["/subscriptions/", "/resourcegroups/"]
        .iter()
        .filter_map(|marker| {
            bytes
                .windows(marker.len())
                .position(|w| w.eq_ignore_ascii_case(marker.as_bytes()))
        })
        .min()
}

/// Placeholders longer than this (between `<` and `>`) are text, not a blank to fill.
const MAX_PLACEHOLDER: usize = 48;

/// The tokens of one whitespace-free chunk of text (see [`chunks`]), in order. `before` is
/// the `after` of the chunk before: when both are there, the `HangulJoin` across the space
/// comes first. Apart from that token, the tokens and the returned ends depend on the chunk
/// only (the index analyses each distinct chunk once).
pub(crate) fn tokenize_chunk(
    chunk: &str,
    before: Option<char>,
    buf: &mut Buffers,
    sink: &mut impl FnMut(Token<'_>),
) -> ChunkEnds {
    let Buffers {
        lower,
        scratch,
        parts,
    } = buf;
    let mut ends = ChunkEnds {
        first: None,
        after: None,
    };
    let url = if chunk.as_bytes().contains(&b':') {
        chunk.find("://")
    } else {
        None
    };
    let chunk = match url {
        Some(i) => {
            // Cut the URL, keep what stands before its scheme (`(see http://...`).
            let scheme_start = chunk[..i]
                .char_indices()
                .rfind(|(_, c)| !c.is_ascii_alphabetic())
                .map_or(0, |(j, c)| j + c.len_utf8());
            &chunk[..scheme_start]
        }
        None => chunk,
    };
    if chunk.starts_with("www.") {
        return ends;
    }
    // An Azure resource id names the user's own resources (subscription, resource group, VM):
    // not words of any fix. Keep what stands before it (`"id":"/subscriptions/...`).
    let chunk = match resource_id_start(chunk) {
        Some(i) => &chunk[..i],
        None => chunk,
    };
    let mut prev_syllable = before;
    let mut attached = false; // the previous run of this chunk was Latin or digits
    let mut kept_korean = false;
    let mut i = 0;
    let bytes = chunk.as_bytes();
    while i < chunk.len() {
        let c = char_at(chunk, i);
        if is_hangul(c) {
            let start = i;
            while i < chunk.len() {
                let c = char_at(chunk, i);
                if !is_hangul(c) {
                    break;
                }
                i += c.len_utf8();
            }
            let word = &chunk[start..i];
            let stem = strip_korean(word, attached);
            if !stem.is_empty() {
                let first = stem.chars().next();
                if start == 0 && !kept_korean {
                    ends.first = first;
                    if let (Some(p), Some(f)) = (prev_syllable, first) {
                        scratch.clear();
                        scratch.push(p);
                        scratch.push(f);
                        sink(Token {
                            kind: Kind::HangulJoin,
                            text: scratch,
                            surface: word,
                        });
                    }
                }
                hangul_grams(stem, word, scratch, sink);
                prev_syllable = stem.chars().last();
                kept_korean = true;
            }
            attached = false;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            while i < chunk.len() {
                if bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
                let c = char_at(chunk, i);
                if is_hangul(c) {
                    break;
                }
                if c.is_alphanumeric() {
                    i += c.len_utf8();
                } else if c == '.'
                    && i > start
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                    && chunk[start..i]
                        .bytes()
                        .all(|d| d.is_ascii_digit() || d == b'.')
                {
                    i += 1;
                } else {
                    break;
                }
            }
            // `com+`, `c++`: pluses glued to a word belong to it.
            while i < chunk.len() && bytes[i] == b'+' {
                i += 1;
            }
            latin_word(&chunk[start..i], lower, parts, sink);
            attached = true;
            prev_syllable = None;
            continue;
        }
        // A placeholder of a command (`<VMName>`) is a blank to fill, not words of the fix.
        if c == '<'
            && let Some(len) = chunk[i + 1..]
                .bytes()
                .take(MAX_PLACEHOLDER + 1)
                .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
            && len > 0
            && bytes.get(i + 1 + len) == Some(&b'>')
        {
            i += len + 2;
            prev_syllable = None;
            attached = false;
            continue;
        }
        // Punctuation between words breaks Korean bigrams across words.
        if !matches!(c, '"' | '\'' | '(' | ')' | '[' | ']' | ',' | '.') {
            prev_syllable = None;
        }
        attached = false;
        i += c.len_utf8();
    }
    if kept_korean {
        ends.after = prev_syllable;
    }
    ends
}

/// The initial consonant of a Hangul syllable, as a compatibility jamo.
fn initial_consonant(c: char) -> char {
    const INITIALS: [char; 19] = [
        'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ',
        'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
    ];
    let i = (c as u32).saturating_sub(0xAC00) / 588;
    INITIALS.get(i as usize).copied().unwrap_or(c)
}

/// Syllable bigrams of a Korean word (a one-syllable word is its own gram), and its tail gram.
fn hangul_grams(stem: &str, surface: &str, scratch: &mut String, sink: &mut impl FnMut(Token<'_>)) {
    let mut chars = stem.chars();
    let Some(mut prev) = chars.next() else {
        return;
    };
    let mut any = false;
    let mut before_last = prev;
    for c in chars {
        before_last = prev;
        scratch.clear();
        scratch.push(prev);
        scratch.push(c);
        sink(Token {
            kind: Kind::Hangul,
            text: scratch,
            surface,
        });
        prev = c;
        any = true;
    }
    if any {
        scratch.clear();
        scratch.push(before_last);
        scratch.push(initial_consonant(prev));
        sink(Token {
            kind: Kind::HangulTail,
            text: scratch,
            surface,
        });
    } else {
        scratch.clear();
        scratch.push(prev);
        sink(Token {
            kind: Kind::Hangul,
            text: scratch,
            surface,
        });
    }
}

fn latin_word(
    word: &str,
    lower: &mut String,
    parts: &mut Vec<(usize, usize)>,
    sink: &mut impl FnMut(Token<'_>),
) {
    let bytes = word.as_bytes();
    if bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
        if word.contains('.') || word.len() >= 3 {
            sink(Token {
                kind: Kind::Number,
                text: word,
                surface: word,
            });
        }
        return;
    }
    if is_noise(word) {
        return;
    }
    lower.clear();
    if word.is_ascii() {
        lower.push_str(word);
        lower.make_ascii_lowercase();
    } else {
        lower.extend(word.chars().flat_map(char::to_lowercase));
    }
    let keep = |w: &str| (w.len() >= 2 || w.ends_with('+')) && !is_stop_word(w);
    let whole_kept = keep(lower);
    if whole_kept {
        sink(Token {
            kind: Kind::Word,
            text: lower,
            surface: word,
        });
    }
    // Only a word with an inner capital or a letter-digit change has parts.
    let b = word.as_bytes();
    if !word.is_ascii()
        || !b
            .windows(2)
            .any(|w| w[1].is_ascii_uppercase() || (w[0].is_ascii_digit() != w[1].is_ascii_digit()))
    {
        return;
    }
    camel_parts_into(word, parts);
    if parts.len() < 2 {
        return;
    }
    for &(s, e) in parts.iter() {
        let part = &lower[s..e];
        if part.bytes().all(|b| b.is_ascii_digit()) {
            if part.len() >= 3 {
                sink(Token {
                    kind: Kind::Number,
                    text: part,
                    surface: word,
                });
            }
        } else if keep(part) {
            sink(Token {
                kind: if whole_kept { Kind::Part } else { Kind::Word },
                text: part,
                surface: &word[s..e],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(Kind, String)> {
        let mut v = Vec::new();
        tokenize(s, &mut |t| v.push((t.kind, t.text.to_string())));
        v
    }

    fn words(s: &str) -> Vec<String> {
        toks(s).into_iter().map(|(_, t)| t).collect()
    }

    proptest::proptest! {
        /// The table of byte classes splits as asking each character what it is does.
        #[test]
        fn camel_parts_split_as_character_classes_say(w in "[A-Za-z0-9_.é가]{0,24}") {
            let class = |c: char| match c {
                c if c.is_ascii_uppercase() => 1,
                c if c.is_ascii_lowercase() => 2,
                c if c.is_ascii_digit() => 3,
                _ => 4,
            };
            let mut expected = Vec::new();
            let mut start = 0;
            let b = w.as_bytes();
            for i in 1..b.len() {
                let (p, c) = (class(char::from(b[i - 1])), class(char::from(b[i])));
                let next = b.get(i + 1).map(|&n| class(char::from(n)));
                let split = match (p, c) {
                    (_, 4) | (4, _) => false,
                    (2, 1) => true,
                    (1, 1) => next == Some(2),
                    (3, 1) | (3, 2) | (1, 3) | (2, 3) => true,
                    _ => false,
                };
                if split {
                    expected.push((start, i));
                    start = i;
                }
            }
            if start < b.len() {
                expected.push((start, b.len()));
            }
            proptest::prop_assert_eq!(camel_parts(&w), expected);
        }
    }

    #[test]
    fn camel_case_codes_split_into_parts() {
        let parts = |w: &str| -> Vec<String> {
            camel_parts(w)
                .into_iter()
                .map(|(s, e)| w[s..e].to_string())
                .collect()
        };
        assert_eq!(
            parts("UserErrorVmProvisioningStateFailed"),
            ["User", "Error", "Vm", "Provisioning", "State", "Failed"]
        );
        assert_eq!(parts("VMSnapshot"), ["VM", "Snapshot"]);
        assert_eq!(
            parts("BCMV2VMNotFound"),
            ["BCMV", "2", "VM", "Not", "Found"]
        );
        assert_eq!(parts("ExtensionVCRedistInstallationFailure")[1], "VC");
        assert_eq!(parts("vss"), ["vss"]);
    }

    #[test]
    fn code_gives_whole_word_then_parts() {
        let t = toks("ExtensionConfigParsingFailure");
        assert_eq!(t[0], (Kind::Word, "extensionconfigparsingfailure".into()));
        assert_eq!(
            t[1..].iter().map(|(_, w)| w.as_str()).collect::<Vec<_>>(),
            ["extension", "config", "parsing", "failure"]
        );
        assert!(t[1..].iter().all(|(k, _)| *k == Kind::Part));
    }

    #[test]
    fn noise_is_dropped() {
        let w = words(
            "2024-03-02T01:12:44.551Z job 7d1c9a52-6b0e-4c55-9a3e-0f8f5e2a1b33 \
             see http://go.microsoft.com/fwlink/?LinkId=800034 {\"code\": \"x\", \"message\": \"VSS\"}",
        );
        assert_eq!(w, ["2024", "job", "vss"]);
    }

    #[test]
    fn numbers_codes_and_addresses_survive() {
        assert_eq!(
            words("error 320001 at 168.63.129.16"),
            ["error", "320001", "168.63.129.16"]
        );
        assert_eq!(
            words("COM+ and Visual C++ 2012"),
            ["com+", "visual", "c++", "2012"]
        );
        assert_eq!(words("doesn't exist, it's gone"), ["exist", "gone"]);
    }

    #[test]
    fn stop_word_list_is_sorted_and_short() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 13 && is_stop_word(w)));
    }

    #[test]
    fn stop_words_and_lowercase() {
        assert_eq!(words("The VM is NOT in a state"), ["vm", "state"]);
    }

    #[test]
    fn korean_particles_stripped_and_bigrams() {
        assert_eq!(strip_korean("스냅숏이", false), "스냅숏");
        assert_eq!(strip_korean("실패했습니다", false), "실패");
        assert_eq!(strip_korean("작업에서는", false), "작업");
        assert_eq!(strip_korean("초과", false), "초과");
        assert_eq!(strip_korean("이", true), "");
        let t = toks("스냅숏이 실패");
        assert_eq!(
            t,
            [
                (Kind::Hangul, "스냅".into()),
                (Kind::Hangul, "냅숏".into()),
                (Kind::HangulTail, "냅ㅅ".into()),
                (Kind::HangulJoin, "숏실".into()),
                (Kind::Hangul, "실패".into()),
                (Kind::HangulTail, "실ㅍ".into()),
            ]
        );
        let tail = |w: &str| toks(w).into_iter().find(|t| t.0 == Kind::HangulTail);
        assert_eq!(tail("걸림"), tail("걸려요"));
    }

    #[test]
    fn placeholders_of_commands_are_not_words() {
        // The flags stay; the blanks after them go.
        assert_eq!(
            words("Get-AzVM -ResourceGroupName <ResourceGroupName> -Name <VMName>;"),
            words("Get-AzVM -ResourceGroupName -Name;")
        );
        assert_eq!(words("<VMName>"), Vec::<String>::new());
        assert_eq!(words("<VMName>스냅숏"), words("스냅숏"));
        // Not placeholders: comparisons, empty brackets, spaces inside.
        assert_eq!(words("vss<writer"), vec!["vss", "writer"]);
        assert_eq!(words("<>vss<"), vec!["vss"]);
        assert!(words("<vm name>").contains(&"vm".to_string()));
    }

    #[test]
    fn korean_spacing_does_not_matter() {
        let spaced: Vec<_> = words("가상 머신");
        let joined: Vec<_> = words("가상머신");
        for g in &joined {
            assert!(
                spaced.contains(g),
                "{g} of 가상머신 not in 가상 머신: {spaced:?}"
            );
        }
    }

    #[test]
    fn particles_glued_to_latin_words_vanish() {
        assert_eq!(words("VM이 VHD를"), ["vm", "vhd"]);
        assert_eq!(words("COM+오류")[..2], ["com+", "오류"]);
    }

    #[test]
    fn stemming_merges_word_forms() {
        let s = Stem::default();
        assert_eq!(s.stem("installation"), s.stem("install"));
        assert_eq!(s.stem("writers"), s.stem("writer"));
        assert_eq!(s.stem("failed"), s.stem("fail"));
        assert_eq!(s.stem("com+"), "com+");
        assert_eq!(s.stem("vm"), "vm");
    }

    #[test]
    fn host_names_are_lower_case_labels_ending_in_a_domain() {
        let text = r#"curl: (6) Could not resolve host: shop.example.com. "db-01.corp.local" and
            Microsoft.Azure.RecoveryServices.VMSnapshotLinux handle.sh waagent.log 1.0.94 x.comma"#;
        let spans: Vec<&str> = host_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(spans, ["shop.example.com", "db-01.corp.local"]);
        assert!(host_spans("no dots here").is_empty());
        assert!(host_spans("it failed.in requirements.in and user.home").is_empty());
    }

    #[test]
    fn paths_are_rooted_pieces_with_two_separators_between_words() {
        let text = r#"see /var/lib/waagent/x.log and C:\Packages\Plugins or and/or http://a/b/c
            ./run.sh RHEL/CentOS/Oracle {"file":"/var/log/azure/x.log","status":1}"#;
        let spans: Vec<&str> = path_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            spans,
            [
                "/var/lib/waagent/x.log",
                r"C:\Packages\Plugins",
                "/var/log/azure/x.log"
            ]
        );
        assert!(path_spans("").is_empty());
        // A query of paths only asks about them.
        assert!(path_spans(r"C:\WindowsAzure\Packages").is_empty());
        assert!(path_spans(" /var/lib/waagent  ").is_empty());
    }

    #[test]
    fn chunks_split_at_any_whitespace() {
        let v: Vec<&str> = chunks(" a\tb\u{3000}c\u{a0}d\n\n").collect();
        assert_eq!(v, ["a", "b", "c", "d"]);
        assert_eq!(chunks("").count(), 0);
        assert_eq!(chunks("   ").count(), 0);
    }

    #[test]
    fn chunks_split_like_char_is_whitespace() {
        let mut odd = String::new();
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            odd.push(c);
            if (c as u32).is_multiple_of(7) {
                odd.push_str("가상 ");
            }
        }
        for s in [
            odd.as_str(),
            "\u{85}x\u{a0}é\u{c2}\u{1680}\u{2000}\u{200a}\u{2028}\u{202f}\u{205f}\u{3000}y",
            "ㄱ\u{3000}",
            "\u{3000}",
            "abcdefgh ijklmnop\tqrstuvwx\u{1}yz\u{7f}é\u{a0}0123456789\u{3000}가나다라마바사아",
            "éééééééé\u{c0}\u{e0}\u{e3}ぁ\u{2000}ぁ\u{85}",
            "        x        ",
            "a",
            " ",
        ] {
            let std: Vec<&str> = s
                .split(char::is_whitespace)
                .filter(|p| !p.is_empty())
                .collect();
            assert_eq!(chunks(s).collect::<Vec<_>>(), std, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn chunks_split_any_text_like_char_is_whitespace(
            s in "[ \\t\\n\\x00-\\x21\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200b}\\u{2028}\\u{202f}\\u{3000}a-zé\\u{c0}-\\u{ff}ぁ-ん가-힣]{0,40}|\\PC{0,40}"
        ) {
            let std: Vec<&str> = s.split(char::is_whitespace).filter(|p| !p.is_empty()).collect();
            proptest::prop_assert_eq!(chunks(&s).collect::<Vec<_>>(), std);
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "\u{0}\u{1b}[31m\u{7f}",
            "\u{202e}abc",
            "+++...",
            "ＶＭ 스냅샷",
            "ㅂㅐㄱㅇㅓㅂ",
            "a.1.2",
            "1.",
            ".5",
            "http://",
            "://x",
            "é́́",
        ] {
            let _ = toks(s);
        }
    }
}
