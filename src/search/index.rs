//! The index of a tree: one document per leaf, BM25F postings over weighted fields, the error
//! codes, the synonym groups, and (built on first need) a deletion index for typo correction.

use super::analyze::{
    Buffers, ChunkEnds, Kind, Stem, chunks, gram_key, is_stop_word, join_key, tokenize,
    tokenize_chunk,
};
use crate::tree::{Lang, Leaf, Node, Os, Text, Tree};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The fields of a leaf, best evidence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// The error messages as the portal shows them.
    Error = 0,
    /// Error codes, whole.
    Code = 1,
    Title = 2,
    /// Keywords and the operating systems of the leaf.
    Keyword = 3,
    /// Labels of the answers that lead straight to the leaf: short human descriptions.
    Answer = 4,
    Cause = 5,
    /// Steps and their commands.
    Step = 6,
    /// Titles of links.
    Link = 7,
    /// The words of error codes (`UserErrorFsFreezeFailed` → user, error, fs, freeze, failed).
    CodeWord = 8,
}

pub(crate) const FIELDS: usize = 9;
pub(crate) const ALL_FIELDS: [Field; FIELDS] = [
    Field::Error,
    Field::Code,
    Field::Title,
    Field::Keyword,
    Field::Answer,
    Field::Cause,
    Field::Step,
    Field::Link,
    Field::CodeWord,
];
/// BM25F weight of a term occurrence in each field.
const WEIGHT: [f32; FIELDS] = [3.0, 3.0, 2.5, 2.0, 1.5, 1.0, 0.3, 0.3, 1.5];
/// BM25F length normalisation of each field (0: none, 1: full).
const B: [f32; FIELDS] = [0.5, 0.3, 0.3, 0.5, 0.5, 0.75, 0.75, 0.5, 0.3];
/// Word pairs (two words next to each other) are indexed in these fields only.
const PAIR_FIELDS: [Field; 3] = [Field::Error, Field::Title, Field::Keyword];

/// Words longer than this are ids or junk, not words to correct a typo to (or from).
pub(crate) const MAX_FUZZY_WORD: usize = 32;

/// A small fast hash (the Firefox / rustc one) for the index's many short keys.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let mut rest = chunks.remainder();
        if rest.len() >= 4 {
            self.add(u64::from(u32::from_le_bytes([
                rest[0], rest[1], rest[2], rest[3],
            ])));
            rest = &rest[4..];
        }
        if rest.len() >= 2 {
            self.add(u64::from(u16::from_le_bytes([rest[0], rest[1]])));
            rest = &rest[2..];
        }
        if let Some(&b) = rest.first() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak; hash tables index by them (as rustc-hash 2).
        self.0.rotate_left(26)
    }
}

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

pub(crate) fn fx_hash(s: &str) -> u64 {
    let mut h = Fx::default();
    h.write(s.as_bytes());
    h.finish()
}

/// One leaf containing a term: its BM25F pseudo term frequency and the fields it occurs in.
/// Eight bytes: a big tree has millions of these.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Posting {
    /// `doc << FIELDS | fields` (bits): a tree has fewer than `1 << 23` leaves (a tree file
    /// is at most 10 MiB).
    doc_fields: u32,
    pub tf: f32,
}

impl Posting {
    pub(crate) fn new(doc: u32, tf: f32, fields: u16) -> Posting {
        Posting {
            doc_fields: doc << FIELDS | u32::from(fields),
            tf,
        }
    }

    pub(crate) fn doc(&self) -> u32 {
        self.doc_fields >> FIELDS
    }

    /// The fields the term occurs in: bit `f` for field `f`.
    pub(crate) fn fields(&self) -> u16 {
        (self.doc_fields & ((1 << FIELDS) - 1)) as u16
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub id: String,
    /// The leaf quotes error messages (a code names a message first, a how-to second).
    pub has_errors: bool,
    /// The word pairs of its shortest English error message (0: none): a query that has most
    /// of them quotes the message.
    pub quote_pairs: u16,
    /// Operating systems the leaf applies to: `OS_WINDOWS | OS_LINUX` bits; 0 for any.
    pub os: u8,
}

pub(crate) const OS_WINDOWS: u8 = 1;
pub(crate) const OS_LINUX: u8 = 2;

#[derive(Debug, Clone)]
pub(crate) struct Code {
    /// As the tree writes it.
    pub shown: String,
    pub docs: Vec<u32>,
}

/// One phrase of a synonym group.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Phrase {
    /// As the tree writes it (shown in a "why").
    pub text: Box<str>,
    pub terms: Vec<Box<str>>,
    /// False when analysis dropped a stop word from it ("backup now" is not "backup"): then the
    /// phrase stands for the others only where a query has its words in a row ("out of
    /// space", not "space").
    pub trigger: bool,
    /// Its words, lower case (see `phrase::words`).
    pub words: Vec<String>,
}

/// A topic the tree does not cover: for each of its phrases (found by `Index::topic_phrases`,
/// in order), the docs that have it in one of their texts (a fix that speaks of the topic).
pub(crate) struct Topic {
    pub docs: Vec<Vec<u32>>,
}

/// Typo correction: every known word and its one-letter deletions, hashed and sorted.
pub(crate) struct Fuzzy {
    pub deletions: Vec<(u64, u32)>,
    /// Indices into `surfaces`, in the order of the words (prefix look-ups while typing).
    pub sorted: Vec<u32>,
}

/// The search index of one tree. Build it when search is first used (see `LazyIndex`): it
/// takes a few milliseconds on the Azure tree.
pub struct Index {
    pub(crate) docs: Vec<Doc>,
    /// Stemmed word, number or Korean gram → term id.
    pub(crate) terms: FxMap<Box<str>, u32>,
    /// Korean gram (see `gram_key`) → term id.
    pub(crate) grams: FxMap<u64, u32>,
    /// Word pairs (`pair_key(first word, second word)`), ascending: the pair at `i` is term
    /// `pair_base + i`.
    pub(crate) pairs: Vec<u64>,
    pub(crate) pair_base: u32,
    /// The postings of the words (terms below `pair_base`), each made when first asked for.
    words: Lists,
    /// The postings of the word pairs, one pair after another (pair term `t`:
    /// `offsets[t] - offsets[pair_base]..offsets[t + 1] - offsets[pair_base]`).
    pair_postings: Vec<Posting>,
    /// Term `t` is in `offsets[t + 1] - offsets[t]` docs (so it has as many postings).
    pub(crate) offsets: Vec<u32>,
    pub(crate) idf: Vec<f32>,
    pub(crate) max_idf: f32,
    /// Lower-case surface words of the tree (letters only) and their term ids.
    pub(crate) surfaces: Vec<(Box<str>, u32)>,
    pub(crate) fuzzy: OnceLock<Fuzzy>,
    pub(crate) codes: Vec<Code>,
    /// Lower-case code → index in `codes`.
    pub(crate) code_map: FxMap<Box<str>, u32>,
    /// Byte trigram of a lower-case code → codes containing it (built on first need).
    code_grams: OnceLock<FxMap<u32, Vec<u32>>>,
    /// The beginnings the tree's codes share (see [`Index::code_families`]; on first need).
    code_families: OnceLock<Vec<Box<str>>>,
    /// Synonym groups: phrases, each a list of analysed terms.
    pub(crate) synonyms: Vec<Vec<Phrase>>,
    /// The tree's topics it does not cover, in the tree's order.
    pub(crate) not_covered: Vec<Topic>,
    /// Finds the phrases of all the topics, one after another.
    pub(crate) topic_phrases: super::phrase::Finder,
    pub(crate) stem: Stem,
    /// Hash of a leaf id → its doc (check the id: hashes may collide).
    id_hashes: FxMap<u64, u32>,
}

pub(crate) fn pair_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

pub(crate) fn trigram(b: &[u8]) -> u32 {
    (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2])
}

/// A distinct whitespace-free chunk of the tree's text, analysed once: its tokens (but the
/// Korean gram across the space before it) are `Builder::chunk_tokens[start..end]`, its words
/// as they make pairs `Builder::pair_steps[steps..steps_end]`.
#[derive(Clone, Copy)]
struct Chunk {
    /// What an occurrence of it adds to `Builder::occurrences`: its one term with `TERM_BIT`
    /// when it has one token (most chunks: a word), `NOTHING` when it has none (a stop word),
    /// else its place in `Builder::chunks`.
    occurrence: u32,
    start: u32,
    end: u32,
    steps: u32,
    steps_end: u32,
    /// How many of its tokens are parts of a compound (they count in `Field::CodeWord` when
    /// the chunk is in `Field::Code`).
    parts: u32,
    ends: ChunkEnds,
}

/// In `Builder::chunk_tokens`: the token is a `Kind::Part` (term ids stay below `1 << 30`,
/// see [`PART_SHIFT`]).
const PART_BIT: u32 = 1 << 31;
/// In `Builder::occurrences`: a term itself (a one-word chunk, a Korean gram across a space),
/// not a chunk.
const TERM_BIT: u32 = 1 << 31;
/// A chunk's `occurrence` when it has no tokens (no term has this id, see [`PART_SHIFT`]).
const NOTHING: u32 = u32::MAX;
/// In `Builder::pair_steps`: a Korean token, after which the next word starts no pair.
const PAIR_BREAK: u32 = u32::MAX;

/// A chunk of text as a key of `Builder::short_chunks`: up to 15 bytes inline, with the length
/// in the last byte (equal keys are equal chunks, and a look-up does not read the tree's text).
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortChunk([u64; 2]);

impl ShortChunk {
    /// The key of `chunk`, a piece of `text`.
    #[inline]
    fn in_text(chunk: &str, text: &str) -> Option<ShortChunk> {
        let len = chunk.len();
        let start = chunk.as_ptr() as usize - text.as_ptr() as usize;
        match text.as_bytes().get(start..start + 16) {
            // Without a branch on the length: sixteen bytes, those past the chunk cleared.
            Some(sixteen) if len <= 15 => {
                let mut b = [0u8; 16];
                b.copy_from_slice(sixteen);
                let key =
                    u128::from_le_bytes(b) & ((1u128 << (8 * len)) - 1) | (len as u128) << 120;
                Some(ShortChunk([key as u64, (key >> 64) as u64]))
            }
            _ => ShortChunk::new(chunk),
        }
    }

    fn new(chunk: &str) -> Option<ShortChunk> {
        let b = chunk.as_bytes();
        let len = b.len();
        // Little-endian words of `b`, read with overlapping loads: every byte lands in its own
        // place, the unused high bytes stay zero.
        let word = |b: &[u8]| -> u64 {
            match b.len() {
                0 => 0,
                1..=3 => {
                    let n = b.len();
                    u64::from(b[0])
                        | u64::from(b[n / 2]) << (8 * (n / 2))
                        | u64::from(b[n - 1]) << (8 * (n - 1))
                }
                4..=7 => {
                    let n = b.len();
                    let head = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                    let tail = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
                    u64::from(head) | u64::from(tail) << (8 * (n - 4))
                }
                _ => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
            }
        };
        match len {
            0..=8 => Some(ShortChunk([word(b), (len as u64) << 56])),
            9..=15 => Some(ShortChunk([
                word(&b[..8]),
                word(&b[8..]) | (len as u64) << 56,
            ])),
            _ => None,
        }
    }
}

impl std::hash::Hash for ShortChunk {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0[0]);
        state.write_u64(self.0[1]);
    }
}

/// Term ids (stemmed words and numbers, Korean grams) in the order the text gives them, and
/// the number of docs with each term. Word pairs are not here: see `Builder::pairs`.
#[derive(Default)]
struct Vocab {
    terms: FxMap<Box<str>, u32>,
    grams: FxMap<u64, u32>,
    df: Vec<u32>,
}

impl Vocab {
    fn len(&self) -> usize {
        self.df.len()
    }

    fn new_term(&mut self) -> u32 {
        self.df.push(0);
        self.df.len() as u32 - 1
    }

    fn term(&mut self, term: &str) -> u32 {
        match self.terms.get(term) {
            Some(&id) => id,
            None => {
                let id = self.new_term();
                self.terms.insert(term.into(), id);
                id
            }
        }
    }

    fn gram(&mut self, key: u64) -> u32 {
        match self.grams.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.new_term();
                self.grams.insert(key, id);
                id
            }
        }
    }

    /// Takes in the terms of `other` (met in the docs right after this vocabulary's) as if
    /// this one had gone on with those docs: terms new to it get the next ids in the order
    /// `other` met them, so ids (and every tie broken by them) do not depend on the split.
    /// Returns the ids `other`'s terms have here.
    fn append(&mut self, other: Vocab) -> Vec<u32> {
        enum Key {
            Term(Box<str>),
            Gram(u64),
        }
        let mut keys: Vec<Option<Key>> = Vec::new();
        keys.resize_with(other.len(), || None);
        // Room for all of them (these maps are only looked up, never walked in order).
        self.terms.reserve(other.terms.len());
        self.grams.reserve(other.grams.len());
        for (term, id) in other.terms {
            keys[id as usize] = Some(Key::Term(term));
        }
        for (gram, id) in other.grams {
            keys[id as usize] = Some(Key::Gram(gram));
        }
        let mut ids: Vec<u32> = Vec::with_capacity(keys.len());
        for key in keys {
            let id = match key {
                Some(Key::Term(term)) => match self.terms.get(&term) {
                    Some(&id) => id,
                    None => {
                        let id = self.new_term();
                        self.terms.insert(term, id);
                        id
                    }
                },
                Some(Key::Gram(gram)) => self.gram(gram),
                None => self.new_term(),
            };
            ids.push(id);
        }
        for (term, &n) in other.df.iter().enumerate() {
            self.df[ids[term] as usize] += n;
        }
        ids
    }
}

/// Two Hangul syllables as one number below `1 << 27`.
fn syllable_pair(a: char, b: char) -> Option<u32> {
    const FIRST: u32 = 0xAC00;
    const SYLLABLES: u32 = 0xD7A4 - FIRST;
    let (a, b) = (
        (a as u32).wrapping_sub(FIRST),
        (b as u32).wrapping_sub(FIRST),
    );
    (a < SYLLABLES && b < SYLLABLES).then_some(a * SYLLABLES + b)
}

/// Lower-case surface words → (term id, the order they were met in). A word met first by a
/// part after the first has the part's own id with the part's number in the top bits
/// ([`PART_SHIFT`]) until the parts are put together.
type Surfaces = FxMap<Box<str>, (u32, u32)>;

/// Where the number of the part goes in a surface's term id before the parts are together.
const PART_SHIFT: u32 = 30;

/// Takes in the surface words of the part `part`, met in the docs right after these ones'.
/// Words new here are added in the order the part met them, as the part would have: the order
/// of a hash map's words depends on the order they came in, and the typo index is built from
/// that order.
fn append_surfaces(surfaces: &mut Surfaces, other: Surfaces, part: u32) {
    let mut words: Vec<(Box<str>, (u32, u32))> = other.into_iter().collect();
    words.sort_unstable_by_key(|w| w.1.1);
    for (word, (id, _)) in words {
        let order = surfaces.len() as u32;
        surfaces
            .entry(word)
            .or_insert((part << PART_SHIFT | id, order));
    }
}

struct Builder<'a> {
    stem: Stem,
    vocab: Vocab,
    /// Lower-case surface word → term id (saves stemming a word twice).
    surface_ids: Surfaces,
    /// Chunks of text seen so far (most words of a tree come back many times): short ones,
    /// and longer ones.
    /// (A chunk is in one of these maps for its occurrences, and in `chunks` for the end.)
    short_chunks: FxMap<ShortChunk, Chunk>,
    long_chunks: FxMap<&'a str, Chunk>,
    chunks: Vec<Chunk>,
    /// The term ids of the chunks' tokens, `PART_BIT` set for parts of compounds.
    chunk_tokens: Vec<u32>,
    /// The chunks' words and Korean tokens (`PAIR_BREAK`), in order, for word pairs.
    pair_steps: Vec<u32>,
    buffers: Buffers,
    /// Recent Korean grams across a space (see `join`).
    joins: Box<[u64; 32768]>,
    /// Field lengths of the current doc (pairs do not count).
    lengths: [u32; FIELDS],
    /// The text of every doc, chunk by chunk: an index in `chunks`, or a term with `TERM_BIT`
    /// (a one-word chunk, a Korean gram across a space). They are grouped by term at the end:
    /// a chunk's tokens are looked up once per chunk, not once per time it occurs.
    occurrences: Vec<u32>,
    /// Texts: where each one's occurrences end, and its field.
    texts: Vec<(u32, Field)>,
    /// Where each doc's texts end in `texts`.
    doc_ends: Vec<u32>,
    /// Every occurrence of a word pair: `pair_key(first, second) << 64 | doc << 32 | field`
    /// (most pairs occur once in the whole tree: sorting them at the end is cheaper than
    /// looking each one up in a table as big as the tree).
    pairs: Vec<u128>,
}

impl<'a> Builder<'a> {
    fn new(leaves: usize) -> Builder<'a> {
        Builder {
            stem: Stem::default(),
            vocab: Vocab::default(),
            surface_ids: Surfaces::default(),
            short_chunks: FxMap::default(),
            long_chunks: FxMap::default(),
            chunks: Vec::new(),
            chunk_tokens: Vec::new(),
            pair_steps: Vec::new(),
            buffers: Buffers::default(),
            joins: Box::new([0; 32768]),
            lengths: [0; FIELDS],
            occurrences: Vec::new(),
            texts: Vec::new(),
            doc_ends: Vec::with_capacity(leaves),
            pairs: Vec::new(),
        }
    }

    fn word_id(&mut self, lower: &str) -> u32 {
        if let Some(&(id, _)) = self.surface_ids.get(lower) {
            return id;
        }
        let id = self.vocab.term(&self.stem.stem(lower));
        let order = self.surface_ids.len() as u32;
        self.surface_ids.insert(lower.into(), (id, order));
        id
    }

    /// One occurrence of the chunk `c` in `field`: its length, and the pairs its words form
    /// (`pairs`: whether `field` is one of `PAIR_FIELDS`).
    #[inline]
    fn occur(&mut self, chunk: Chunk, field: Field, pairs: bool, prev_word: &mut Option<u32>) {
        if chunk.occurrence != NOTHING {
            self.occurrences.push(chunk.occurrence);
        }
        let tokens = chunk.end - chunk.start;
        if field == Field::Code {
            self.lengths[Field::Code as usize] += tokens - chunk.parts;
            self.lengths[Field::CodeWord as usize] += chunk.parts;
        } else {
            self.lengths[field as usize] += tokens;
        }
        if !pairs {
            return;
        }
        for i in chunk.steps..chunk.steps_end {
            match self.pair_steps[i as usize] {
                PAIR_BREAK => *prev_word = None,
                word => {
                    if let Some(p) = *prev_word {
                        let doc = self.doc_ends.len() as u128;
                        self.pairs
                            .push(u128::from(pair_key(p, word)) << 64 | doc << 32 | field as u128);
                    }
                    *prev_word = Some(word);
                }
            }
        }
    }

    /// The Korean gram across the space between the syllables `last` and `first`.
    fn join(&mut self, last: char, first: char, field: Field, prev_word: &mut Option<u32>) {
        // A cache in front of the vocabulary: most joins come back, and the table of all grams
        // is big. An entry is `(syllable pair + 1) << 32 | term id`, 0 for none.
        let id = match syllable_pair(last, first) {
            Some(pair) => {
                let tag = u64::from(pair + 1) << 32;
                let slot = &mut self.joins[(pair.wrapping_mul(0x9E37_79B9) >> 17) as usize];
                if *slot & !0xffff_ffff == tag {
                    *slot as u32
                } else {
                    let id = self.vocab.gram(join_key(last, first));
                    *slot = tag | u64::from(id);
                    id
                }
            }
            None => self.vocab.gram(join_key(last, first)),
        };
        self.occur_join(id, field, prev_word);
    }

    /// One occurrence of the Korean gram `id` across a space: no word pair spans it.
    fn occur_join(&mut self, id: u32, field: Field, prev_word: &mut Option<u32>) {
        self.occurrences.push(TERM_BIT | id);
        self.lengths[field as usize] += 1;
        *prev_word = None;
    }

    /// Adds `text` to the current doc; returns the number of word pairs it made.
    fn add_text(&mut self, text: &'a str, field: Field) -> u16 {
        let pairs = PAIR_FIELDS.contains(&field);
        let pairs_before = self.pairs.len();
        let mut prev_word: Option<u32> = None;
        let mut before: Option<char> = None;
        for chunk in chunks(text) {
            let short = ShortChunk::in_text(chunk, text);
            let known = match short {
                Some(key) => self.short_chunks.get(&key),
                None => self.long_chunks.get(chunk),
            };
            let c = match known {
                Some(&c) => {
                    if let (Some(p), Some(f)) = (before, c.ends.first) {
                        self.join(p, f, field, &mut prev_word);
                    }
                    c
                }
                None => {
                    let c = self.analyse(chunk, before, field, &mut prev_word);
                    match short {
                        Some(key) => self.short_chunks.insert(key, c),
                        None => self.long_chunks.insert(chunk, c),
                    };
                    c
                }
            };
            self.occur(c, field, pairs, &mut prev_word);
            before = c.ends.after;
        }
        self.texts.push((self.occurrences.len() as u32, field));
        (self.pairs.len() - pairs_before).min(usize::from(u16::MAX)) as u16
    }

    /// The first time a chunk is seen: analyses it (new terms get their ids in the order
    /// the text gives them, the gram across the space before it too, which this counts) and
    /// remembers its tokens.
    fn analyse(
        &mut self,
        chunk: &'a str,
        before: Option<char>,
        field: Field,
        prev_word: &mut Option<u32>,
    ) -> Chunk {
        let start = self.chunk_tokens.len() as u32;
        let steps = self.pair_steps.len() as u32;
        let mut parts = 0;
        let mut join = None;
        let mut buffers = std::mem::take(&mut self.buffers);
        let ends = tokenize_chunk(chunk, before, &mut buffers, &mut |t| {
            let id = match t.kind {
                Kind::Word | Kind::Part => self.word_id(t.text),
                Kind::Number | Kind::Hangul | Kind::HangulJoin | Kind::HangulTail => {
                    match gram_key(t.text) {
                        Some(key) => self.vocab.gram(key),
                        None => self.vocab.term(t.text),
                    }
                }
            };
            match t.kind {
                Kind::HangulJoin => join = Some(id),
                Kind::Part => {
                    parts += 1;
                    self.chunk_tokens.push(PART_BIT | id);
                }
                Kind::Word => {
                    self.chunk_tokens.push(id);
                    self.pair_steps.push(id);
                }
                Kind::Number => self.chunk_tokens.push(id),
                Kind::Hangul | Kind::HangulTail => {
                    self.chunk_tokens.push(id);
                    if self.pair_steps.len() as u32 == steps
                        || self.pair_steps.last() != Some(&PAIR_BREAK)
                    {
                        self.pair_steps.push(PAIR_BREAK);
                    }
                }
            }
        });
        self.buffers = buffers;
        if let Some(id) = join {
            self.occur_join(id, field, prev_word);
        }
        let chunk = Chunk {
            occurrence: match &self.chunk_tokens[start as usize..] {
                [] => NOTHING,
                // A part of a compound counts in another field in codes.
                &[one] if one & PART_BIT == 0 => TERM_BIT | one,
                _ => self.chunks.len() as u32,
            },
            start,
            end: self.chunk_tokens.len() as u32,
            steps,
            steps_end: self.pair_steps.len() as u32,
            parts,
            ends,
        };
        self.chunks.push(chunk);
        chunk
    }

    /// Ends the current doc; returns its field lengths.
    fn finish_doc(&mut self) -> [u32; FIELDS] {
        self.doc_ends.push(self.texts.len() as u32);
        std::mem::take(&mut self.lengths)
    }

    /// The occurrences of every term, grouped by term (a counting sort: docs stay ascending),
    /// and the number of docs with each.
    fn group(&mut self) -> Grouped {
        let terms = self.vocab.len();
        let mut starts = vec![0u32; terms + 1];
        let mut uses = vec![0u32; self.chunks.len()];
        for &o in &self.occurrences {
            if o & TERM_BIT != 0 {
                starts[(o & !TERM_BIT) as usize + 1] += 1;
            } else {
                uses[o as usize] += 1;
            }
        }
        for (chunk, &n) in self.chunks.iter().zip(&uses) {
            for &t in &self.chunk_tokens[chunk.start as usize..chunk.end as usize] {
                starts[(t & !PART_BIT) as usize + 1] += n;
            }
        }
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        // For each term: where its next item goes, the last doc it was in, its number of docs
        // (side by side: one cache line for all three).
        let mut slots: Vec<[u32; 3]> = starts[..terms].iter().map(|&s| [s, u32::MAX, 0]).collect();
        let mut items = vec![0u32; starts[terms] as usize];
        let mut add = |term: u32, doc: u32, field: u32| {
            let slot = &mut slots[term as usize];
            items[slot[0] as usize] = doc << FIELD_BITS | field;
            slot[0] += 1;
            if slot[1] != doc {
                slot[1] = doc;
                slot[2] += 1;
            }
        };
        let (mut text, mut start) = (0, 0);
        for (doc, &texts_end) in self.doc_ends.iter().enumerate() {
            let doc = doc as u32;
            for &(end, field) in &self.texts[text..texts_end as usize] {
                for &o in &self.occurrences[start..end as usize] {
                    if o & TERM_BIT != 0 {
                        add(o & !TERM_BIT, doc, field as u32);
                        continue;
                    }
                    let chunk = &self.chunks[o as usize];
                    for &t in &self.chunk_tokens[chunk.start as usize..chunk.end as usize] {
                        let f = if t & PART_BIT != 0 && field == Field::Code {
                            Field::CodeWord
                        } else {
                            field
                        };
                        add(t & !PART_BIT, doc, f as u32);
                    }
                }
                start = end as usize;
            }
            text = texts_end as usize;
        }
        for (df, slot) in self.vocab.df.iter_mut().zip(&slots) {
            *df = slot[2];
        }
        Grouped {
            starts,
            items,
            first_doc: 0,
            local: None,
        }
    }
}

/// An item of `Grouped` is `doc << FIELD_BITS | field` (a part has fewer than `1 << 28` docs:
/// a tree that big would not fit in memory).
const FIELD_BITS: u32 = 4;

/// The occurrences of terms in the consecutive docs of a part, grouped by term: term `t`'s (the
/// part's id) are `items[starts[t]..starts[t + 1]]`, each `doc in the part << FIELD_BITS |
/// field`, docs ascending.
struct Grouped {
    starts: Vec<u32>,
    items: Vec<u32>,
    /// The number of the part's first doc.
    first_doc: u32,
    /// Index term id → the part's, `u32::MAX` for terms the part does not have (`None`: the
    /// part's ids are the index's).
    local: Option<Vec<u32>>,
}

impl Grouped {
    /// Appends the postings of index term `term` in these docs to `out`, docs ascending; the
    /// fields of the term in a doc make one posting (`norms`: the length normalisations of
    /// every doc).
    fn postings(&self, term: u32, norms: &[[f32; FIELDS]], out: &mut Vec<Posting>) {
        let term = match &self.local {
            None => term,
            Some(local) => match local.get(term as usize) {
                Some(&t) if t != u32::MAX => t,
                _ => return,
            },
        };
        let Some(range) = self.starts.get(term as usize..term as usize + 2) else {
            return;
        };
        let items = &self.items[range[0] as usize..range[1] as usize];
        let mut i = 0;
        while let Some(&first) = items.get(i) {
            let doc = first >> FIELD_BITS;
            let norms = &norms[(self.first_doc + doc) as usize];
            let f = (first & ((1 << FIELD_BITS) - 1)) as usize;
            let once = items
                .get(i + 1)
                .is_none_or(|&next| next >> FIELD_BITS != doc);
            let (tf, fields) = match (once, WEIGHT.get(f)) {
                // Most terms occur once in a doc.
                (true, Some(&weight)) => {
                    i += 1;
                    (weight / norms[f], 1 << f)
                }
                _ => {
                    // The term's count in each field of this doc.
                    let mut counts = [0u32; FIELDS];
                    let mut fields = 0u16;
                    while let Some(&item) = items.get(i).filter(|&&item| item >> FIELD_BITS == doc)
                    {
                        let f = (item & ((1 << FIELD_BITS) - 1)) as usize;
                        if let Some(n) = counts.get_mut(f) {
                            *n += 1;
                            fields |= 1 << f;
                        }
                        i += 1;
                    }
                    // Summed field by field, in the order of the fields.
                    let mut tf = 0.0;
                    let mut bits = fields;
                    while bits != 0 {
                        let f = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        let count = f32::from(counts[f].min(u32::from(u16::MAX)) as u16);
                        tf += WEIGHT[f] * count / norms[f];
                    }
                    (tf, fields)
                }
            };
            out.push(Posting::new(self.first_doc + doc, tf, fields));
        }
    }
}

/// The postings of the words, made from the parts' grouped occurrences the first time a
/// query asks for a term. A query asks for a few dozen terms; a big tree has tens of
/// thousands, and making the postings of all of them was a fifth of the time of a build (and
/// twice the memory of the grouped occurrences they are made from).
struct Lists {
    parts: Vec<Grouped>,
    /// The length normalisations of every doc, field by field.
    norms: Vec<[f32; FIELDS]>,
    made: Box<[OnceLock<Box<[Posting]>>]>,
}

impl Lists {
    fn new(parts: Vec<Grouped>, norms: Vec<[f32; FIELDS]>, terms: usize) -> Lists {
        Lists {
            parts,
            norms,
            made: (0..terms).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The postings of word `term` (which is in `df` docs), docs ascending.
    fn get(&self, term: u32, df: u32) -> &[Posting] {
        let Some(made) = self.made.get(term as usize) else {
            return &[];
        };
        made.get_or_init(|| {
            let mut out = Vec::with_capacity(df as usize);
            for part in &self.parts {
                part.postings(term, &self.norms, &mut out);
            }
            out.into_boxed_slice()
        })
    }
}

/// The result of a scoped thread (its panic goes on).
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// A family of codes (see `Index::code_families`) is named by this many bytes at least...
const MIN_FAMILY_BYTES: usize = 6;
/// ... and shared by this many codes.
const MIN_FAMILY_CODES: u32 = 3;

/// Trees with fewer leaves than this per core are analysed on one thread.
const PART_LEAVES: usize = 1000;

/// Room in `v`, which holds what the first `seen` leaves gave, for `leaves` leaves like them. A
/// few first leaves with huge texts must not make it ask for gigabytes: the room per leaf is
/// capped, and room that cannot be had is not taken (`v` then grows as it goes).
fn reserve_like_first<T>(v: &mut Vec<T>, seen: usize, leaves: usize) {
    const MAX_PER_LEAF: usize = 512;
    let per_leaf = (v.len() / seen.max(1) + 1).min(MAX_PER_LEAF);
    let _ = v.try_reserve((per_leaf.saturating_mul(leaves) / 8).saturating_mul(9));
}

/// Consecutive leaves analysed on their own (docs numbered from 0).
struct Part<'a> {
    b: Builder<'a>,
    grouped: Grouped,
    lengths: Vec<[u32; FIELDS]>,
    docs: Vec<Doc>,
    codes: Vec<Code>,
    /// Lower-case code → index in `codes`.
    code_map: FxMap<Box<str>, u32>,
}

impl<'a> Part<'a> {
    fn analyse(leaves: &[(&'a str, &'a Leaf)], answers: &FxMap<&str, Vec<&'a Text>>) -> Part<'a> {
        let mut b = Builder::new(leaves.len());
        let mut lengths: Vec<[u32; FIELDS]> = Vec::with_capacity(leaves.len());
        let mut docs = Vec::with_capacity(leaves.len());
        let mut codes: Vec<Code> = Vec::new();
        let mut code_map: FxMap<Box<str>, u32> = FxMap::default();
        for (i, &(id, leaf)) in leaves.iter().enumerate() {
            if let Some(&(_, next)) = leaves.get(i + 1) {
                touch(next);
            }
            let labels = answers.get(id).map(Vec::as_slice).unwrap_or(&[]);
            // The word pairs of its shortest English error message that has any.
            let mut quote_pairs: Option<u16> = None;
            leaf_texts(leaf, labels, |text, field, lang| {
                let pairs = b.add_text(text, field);
                // A query quotes a leaf's English message (see `Doc::quote_pairs`).
                if field == Field::Error && lang == Some(Lang::En) && pairs > 0 {
                    quote_pairs = Some(quote_pairs.map_or(pairs, |q| q.min(pairs)));
                }
            });
            lengths.push(b.finish_doc());
            if i == 15 && leaves.len() > 64 {
                // Room for the texts and word pairs of every leaf, judging by the first ones.
                reserve_like_first(&mut b.occurrences, 16, leaves.len());
                reserve_like_first(&mut b.texts, 16, leaves.len());
                reserve_like_first(&mut b.pairs, 16, leaves.len());
            }
            let doc = i as u32;
            for c in &leaf.codes {
                let lower = c.trim().to_lowercase();
                if lower.is_empty() {
                    continue;
                }
                let ci = *code_map.entry(lower.into()).or_insert_with(|| {
                    codes.push(Code {
                        shown: c.trim().to_string(),
                        docs: Vec::new(),
                    });
                    codes.len() as u32 - 1
                });
                let entry = &mut codes[ci as usize];
                if entry.docs.last() != Some(&doc) {
                    entry.docs.push(doc);
                }
            }
            docs.push(Doc {
                id: id.to_string(),
                has_errors: !leaf.errors.is_empty(),
                quote_pairs: quote_pairs.unwrap_or(0),
                os: leaf.os.iter().fold(0, |bits, os| {
                    bits | match os {
                        Os::Windows => OS_WINDOWS,
                        Os::Linux => OS_LINUX,
                    }
                }),
            });
        }
        let grouped = b.group();
        // The texts are in `grouped` now: their memory may serve what comes next.
        b.occurrences = Vec::new();
        b.texts = Vec::new();
        Part {
            b,
            grouped,
            lengths,
            docs,
            codes,
            code_map,
        }
    }

    /// Takes in part number `part`, the leaves right after this part's, but for its postings;
    /// returns them, and the ids its terms have now.
    fn append(&mut self, other: Part<'_>, part: u32) -> (Grouped, Vec<u32>) {
        let first_doc = self.docs.len() as u32;
        let Part {
            b: other_b,
            grouped,
            lengths,
            docs,
            codes: other_codes,
            code_map: other_code_map,
        } = other;
        let (vocab, surfaces) = (&mut self.b.vocab, &mut self.b.surface_ids);
        let ids = std::thread::scope(|scope| {
            // The terms on a thread of their own; the rest here.
            let ids = scope.spawn(|| vocab.append(other_b.vocab));
            append_surfaces(surfaces, other_b.surface_ids, part);
            self.lengths.extend(lengths);
            self.docs.extend(docs);
            // Codes new to this part are numbered in the order the other part met them.
            let mut codes: Vec<(Box<str>, u32)> = other_code_map.into_iter().collect();
            codes.sort_unstable_by_key(|c| c.1);
            let mut other_codes: Vec<Option<Code>> = other_codes.into_iter().map(Some).collect();
            for (lower, ci) in codes {
                let Some(code) = other_codes[ci as usize].take() else {
                    continue;
                };
                let docs = code.docs.iter().map(|&d| first_doc + d);
                match self.code_map.get(&lower) {
                    Some(&mine) => self.codes[mine as usize].docs.extend(docs),
                    None => {
                        self.code_map.insert(lower, self.codes.len() as u32);
                        self.codes.push(Code {
                            shown: code.shown,
                            docs: docs.collect(),
                        });
                    }
                }
            }
            join(ids)
        });
        let mut local = vec![u32::MAX; self.b.vocab.len()];
        for (mine, &id) in ids.iter().enumerate() {
            local[id as usize] = mine as u32;
        }
        let grouped = Grouped {
            first_doc,
            local: Some(local),
            ..grouped
        };
        (grouped, ids)
    }
}

/// Every text of `leaf` (and the labels of the `answers` that lead to it), with its field and
/// its language (`None` for codes, keywords and commands).
fn leaf_texts<'a>(
    leaf: &'a Leaf,
    answers: &[&'a Text],
    mut add: impl FnMut(&'a str, Field, Option<Lang>),
) {
    type Add<'a, 'f> = &'f mut dyn FnMut(&'a str, Field, Option<Lang>);
    let both = |t: &'a Text, f: Field, add: Add<'a, '_>| {
        add(&t.en, f, Some(Lang::En));
        add(&t.ko, f, Some(Lang::Ko));
    };
    let add: Add<'a, '_> = &mut add;
    for e in &leaf.errors {
        both(e, Field::Error, add);
    }
    for c in &leaf.codes {
        add(c, Field::Code, None);
    }
    both(&leaf.title, Field::Title, add);
    for k in &leaf.keywords {
        add(k, Field::Keyword, None);
    }
    for os in &leaf.os {
        add(
            match os {
                Os::Windows => "windows",
                Os::Linux => "linux",
            },
            Field::Keyword,
            None,
        );
    }
    for a in answers {
        both(a, Field::Answer, add);
    }
    both(&leaf.cause, Field::Cause, add);
    for s in &leaf.steps {
        add(&s.en, Field::Step, Some(Lang::En));
        add(&s.ko, Field::Step, Some(Lang::Ko));
        for c in &s.run {
            add(c.code(), Field::Step, None);
        }
    }
    for l in &leaf.links {
        both(&l.title, Field::Link, add);
    }
}

/// The word pairs of every part (`(occurrences, number of the part's first doc)`; the ids of a
/// part after the first are its own, `part_ids` maps them) with the index's word ids and doc
/// numbers, each part's sorted: by pair, then doc, then field.
fn sorted_pairs(parts: Vec<(Vec<u128>, u32)>, part_ids: &[Vec<u32>]) -> Vec<Vec<u128>> {
    let sort = |k: usize, mut pairs: Vec<u128>, first_doc: u32| {
        if let Some(ids) = k.checked_sub(1).and_then(|p| part_ids.get(p)) {
            for p in &mut pairs {
                let (first, second) = ((*p >> 96) as usize, (*p >> 64) as u32 as usize);
                let doc = u128::from((*p >> 32) as u32 + first_doc);
                *p = u128::from(pair_key(ids[first], ids[second])) << 64
                    | doc << 32
                    | *p & 0xffff_ffff;
            }
        }
        pairs.sort_unstable();
        pairs
    };
    if parts.len() == 1 {
        parts
            .into_iter()
            .map(|(pairs, first_doc)| sort(0, pairs, first_doc))
            .collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .into_iter()
                .enumerate()
                .map(|(k, (pairs, first_doc))| scope.spawn(move || sort(k, pairs, first_doc)))
                .collect();
            handles.into_iter().map(join).collect()
        })
    }
}

/// The items of sorted lists, smallest first (a merge without the merged list).
struct Merged<'a> {
    lists: Vec<&'a [u128]>,
    /// The smallest first item, and its list.
    head: Option<(u128, usize)>,
}

impl<'a> Merged<'a> {
    fn new(lists: Vec<&'a [u128]>) -> Merged<'a> {
        let mut merged = Merged { lists, head: None };
        merged.find_head();
        merged
    }

    fn find_head(&mut self) {
        self.head = self
            .lists
            .iter()
            .enumerate()
            .filter_map(|(k, l)| l.first().map(|&first| (first, k)))
            .min();
    }

    fn peek(&self) -> Option<u128> {
        self.head.map(|(first, _)| first)
    }

    fn next(&mut self) -> Option<u128> {
        let (first, k) = self.head?;
        if let Some(list) = self.lists.get_mut(k) {
            *list = list.get(1..).unwrap_or(&[]);
        }
        self.find_head();
        Some(first)
    }
}

/// The distinct word pairs of the sorted `runs` of occurrences (see `Builder::pairs`), the
/// number of docs with each and their postings, one pair after another.
fn pair_postings(
    runs: &[Vec<u128>],
    norms: &[[f32; FIELDS]],
) -> (Vec<u64>, Vec<u32>, Vec<Posting>) {
    let mut keys = Vec::new();
    let mut df = Vec::new();
    let mut occurrences = Merged::new(runs.iter().map(Vec::as_slice).collect());
    let mut postings: Vec<Posting> = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    while let Some(first) = occurrences.peek() {
        let key = (first >> 64) as u64;
        let start = postings.len();
        while let Some(occurrence) = occurrences.peek().filter(|&o| (o >> 64) as u64 == key) {
            // The same pair in the same field of the same doc: counted as one term would be.
            let mut count = 0u32;
            while occurrences.peek() == Some(occurrence) {
                count += 1;
                occurrences.next();
            }
            let (doc, f) = ((occurrence >> 32) as u32, occurrence as u32 as usize);
            let tf = WEIGHT[f] * f32::from(count.min(u32::from(u16::MAX)) as u16)
                / norms[doc as usize][f];
            let this_pair = postings.len() > start;
            match postings.last_mut() {
                Some(p) if this_pair && p.doc() == doc => {
                    *p = Posting::new(doc, p.tf + tf, p.fields() | 1 << f);
                }
                _ => postings.push(Posting::new(doc, tf, 1 << f)),
            }
        }
        keys.push(key);
        df.push((postings.len() - start) as u32);
    }
    (keys, df, postings)
}

/// Adds terms found in `df` docs each (out of `n`): where their postings end, and their idf.
fn add_terms(df: &[u32], n: f32, offsets: &mut Vec<u32>, idf: &mut Vec<f32>) {
    let mut sum = offsets.last().copied().unwrap_or(0);
    for &df in df {
        sum += df;
        offsets.push(sum);
        let df = df as f32;
        idf.push((1.0 + (n - df + 0.5) / (df + 0.5)).ln());
    }
}

/// Reads every text of `leaf`, a byte per cache line. A big tree's strings lie all over the
/// heap and out of the cache: asking for the next leaf's strings all at once, before they are
/// needed, overlaps their cache misses with each other and with the work on this leaf.
fn touch(leaf: &Leaf) {
    let mut seen = 0u8;
    leaf_texts(leaf, &[], |text, _, _| {
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            seen ^= b;
            i += 64;
        }
    });
    std::hint::black_box(seen);
}

impl Index {
    /// Indexes every leaf of `tree`.
    pub fn build(tree: &Tree) -> Index {
        // Big trees are analysed in parts, one per core (up to 4), then put together.
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let leaves = tree.leaves().count();
        Index::build_in(tree, cores.min(4).min(leaves / PART_LEAVES).max(1))
    }

    /// Indexes every leaf of `tree`, analysed in `parts` parts (the index is the same).
    fn build_in(tree: &Tree, parts: usize) -> Index {
        let mut answers: FxMap<&str, Vec<&Text>> = FxMap::default();
        for (_, q) in tree.questions() {
            for a in &q.answers {
                if matches!(tree.node(&a.next), Some(Node::Leaf(_))) {
                    answers.entry(a.next.as_str()).or_default().push(&a.label);
                }
            }
        }
        let leaves: Vec<(&str, &Leaf)> = tree.leaves().collect();
        // Each part on a thread of its own, even though this one could take one: memory comes
        // faster from a fresh thread's allocator arena than from the one the tree was loaded
        // into.
        let parts = parts.clamp(1, leaves.len().max(1));
        let mut parts: Vec<Part> = if parts == 1 {
            vec![Part::analyse(&leaves, &answers)]
        } else {
            std::thread::scope(|scope| {
                let answers = &answers;
                let handles: Vec<_> = leaves
                    .chunks(leaves.len().div_ceil(parts))
                    .map(|part| scope.spawn(move || Part::analyse(part, answers)))
                    .collect();
                handles.into_iter().map(join).collect()
            })
        };
        let mut all = parts.remove(0);
        let mut grouped: Vec<Grouped> = Vec::with_capacity(parts.len() + 1);
        let mut part_ids: Vec<Vec<u32>> = Vec::with_capacity(parts.len());
        // Each part's word pairs, and the number of its first doc.
        let mut part_pairs = vec![(std::mem::take(&mut all.b.pairs), 0u32)];
        for (k, mut part) in parts.into_iter().enumerate() {
            part_pairs.push((std::mem::take(&mut part.b.pairs), all.docs.len() as u32));
            let (part, ids) = all.append(part, k as u32 + 1);
            grouped.push(part);
            part_ids.push(ids);
        }
        let pairs = sorted_pairs(part_pairs, &part_ids);
        let Part {
            b,
            grouped: first,
            lengths,
            docs,
            codes,
            code_map,
        } = all;
        grouped.insert(0, first);
        let Vocab { terms, grams, df } = b.vocab;

        // BM25F: pseudo term frequencies with per-field length normalisation.
        let n = docs.len().max(1) as f32;
        let mut avg = [0f32; FIELDS];
        for l in &lengths {
            for f in 0..FIELDS {
                avg[f] += l[f] as f32;
            }
        }
        for a in &mut avg {
            *a = (*a / n).max(1.0);
        }
        let norms: Vec<[f32; FIELDS]> = lengths
            .iter()
            .map(|l| std::array::from_fn(|f| 1.0 - B[f] + B[f] * l[f] as f32 / avg[f]))
            .collect();
        let pair_base = df.len() as u32;
        // Term `t`'s postings are `offsets[t]..offsets[t + 1]`: the words' first, the pairs'
        // once their postings are made.
        let mut offsets = Vec::with_capacity(df.len() * 2);
        offsets.push(0);
        let mut idf = Vec::with_capacity(df.len() * 2);
        add_terms(&df, n, &mut offsets, &mut idf);
        let max_idf = (1.0 + (n - 1.0 + 0.5) / 1.5f32).ln();
        let surface_ids = b.surface_ids;
        let surfaces = || -> Vec<(Box<str>, u32)> {
            surface_ids
                .into_iter()
                .filter(|(s, _)| {
                    (3..=MAX_FUZZY_WORD).contains(&s.len())
                        && s.bytes().all(|c| c.is_ascii_lowercase())
                })
                .map(|(s, (id, _))| {
                    let part = (id >> PART_SHIFT) as usize;
                    let id = match part.checked_sub(1).and_then(|p| part_ids.get(p)) {
                        Some(ids) => ids[(id & ((1 << PART_SHIFT) - 1)) as usize],
                        None => id,
                    };
                    (s, id)
                })
                .collect()
        };
        // Big trees: the pairs on a thread of their own, the surface words here.
        let ((pairs, pair_df, pair_postings), surfaces) = if grouped.len() > 1 {
            std::thread::scope(|scope| {
                let pairs = scope.spawn(|| pair_postings(&pairs, &norms));
                let surfaces = surfaces();
                (join(pairs), surfaces)
            })
        } else {
            (pair_postings(&pairs, &norms), surfaces())
        };
        let words = Lists::new(grouped, norms, df.len());
        add_terms(&pair_df, n, &mut offsets, &mut idf);

        let mut synonyms = Vec::new();
        for group in &tree.synonyms {
            let mut phrases: Vec<Phrase> = Vec::new();
            for phrase in group {
                let trigger = !phrase
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| is_stop_word(&w.to_lowercase()));
                let mut terms: Vec<Box<str>> = Vec::new();
                tokenize(phrase, &mut |t| {
                    if matches!(t.kind, Kind::Word | Kind::Number | Kind::Hangul) {
                        let term: Box<str> = match t.kind {
                            Kind::Word => b.stem.stem(t.text).into(),
                            _ => t.text.into(),
                        };
                        if !terms.contains(&term) {
                            terms.push(term);
                        }
                    }
                });
                if !terms.is_empty() && !phrases.iter().any(|p| p.terms == terms) {
                    phrases.push(Phrase {
                        text: phrase.as_str().into(),
                        terms,
                        trigger,
                        words: super::phrase::words(phrase),
                    });
                }
            }
            if phrases.len() >= 2 {
                synonyms.push(phrases);
            }
        }

        let phrases: Vec<Vec<Vec<String>>> = tree
            .not_covered
            .iter()
            .map(|topic| {
                topic
                    .phrases
                    .iter()
                    .map(|p| super::phrase::words(p))
                    .filter(|words| !words.is_empty())
                    .collect()
            })
            .collect();
        let topic_phrases = super::phrase::Finder::new(phrases.iter().flatten().cloned().collect());
        let mut phrase_docs: Vec<Vec<u32>> = vec![Vec::new(); phrases.iter().map(Vec::len).sum()];
        if !phrase_docs.is_empty() {
            for (d, (_, leaf)) in leaves.iter().enumerate() {
                leaf_texts(leaf, &[], |text, _, _| {
                    for (p, found) in topic_phrases.found_in(text).into_iter().enumerate() {
                        if found && phrase_docs[p].last() != Some(&(d as u32)) {
                            phrase_docs[p].push(d as u32);
                        }
                    }
                });
            }
        }
        let mut phrase_docs = phrase_docs.into_iter();
        let not_covered: Vec<Topic> = phrases
            .into_iter()
            .map(|phrases| Topic {
                docs: phrase_docs.by_ref().take(phrases.len()).collect(),
            })
            .collect();

        let id_hashes = docs
            .iter()
            .enumerate()
            .map(|(d, doc)| (fx_hash(&doc.id), d as u32))
            .collect();
        Index {
            id_hashes,
            docs,
            terms,
            grams,
            pairs,
            pair_base,
            words,
            pair_postings,
            offsets,
            idf,
            max_idf,
            surfaces,
            fuzzy: OnceLock::new(),
            codes,
            code_map,
            code_grams: OnceLock::new(),
            code_families: OnceLock::new(),
            synonyms,
            not_covered,
            topic_phrases,
            stem: b.stem,
        }
    }

    /// The term id of the word pair `first` `second`, if the tree has it.
    pub(crate) fn pair_id(&self, first: u32, second: u32) -> Option<u32> {
        let i = self.pairs.binary_search(&pair_key(first, second)).ok()?;
        Some(self.pair_base + i as u32)
    }

    /// The doc of the leaf whose id is `word`, if any.
    pub(crate) fn doc_of_id(&self, word: &str) -> Option<u32> {
        let find = |w: &str| {
            self.id_hashes
                .get(&fx_hash(w))
                .copied()
                .filter(|&d| self.docs[d as usize].id == w)
        };
        // Ids are written in lower case; people type BACKUP-19 too.
        find(word).or_else(|| {
            (word.bytes().any(|b| b.is_ascii_uppercase()))
                .then(|| find(&word.to_ascii_lowercase()))
                .flatten()
        })
    }

    /// Number of leaves indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The id of an analysed term (a stemmed word, a number or a Korean gram).
    pub(crate) fn term_id(&self, term: &str) -> Option<u32> {
        match gram_key(term) {
            Some(key) => self.grams.get(&key).copied(),
            None => self.terms.get(term).copied(),
        }
    }

    /// The postings of term `id`, docs ascending.
    pub(crate) fn list(&self, id: u32) -> &[Posting] {
        let df = self.df(id);
        if id < self.pair_base {
            return self.words.get(id, df);
        }
        let (Some(&base), Some(&start)) = (
            self.offsets.get(self.pair_base as usize),
            self.offsets.get(id as usize),
        ) else {
            return &[];
        };
        let start = (start - base) as usize;
        self.pair_postings
            .get(start..start + df as usize)
            .unwrap_or(&[])
    }

    /// The number of docs with term `id` (the length of its postings, without making them).
    pub(crate) fn df(&self, id: u32) -> u32 {
        match self.offsets.get(id as usize..id as usize + 2) {
            Some(&[start, end]) => end - start,
            _ => 0,
        }
    }

    /// Known words that start with `prefix` (a word still being typed), most common first.
    pub(crate) fn completions(&self, prefix: &str, max: usize) -> Vec<(u32, &str)> {
        let fuzzy = self.fuzzy();
        let word = |i: &u32| &*self.surfaces[*i as usize].0;
        let start = fuzzy.sorted.partition_point(|i| word(i) < prefix);
        let mut found: Vec<(u32, &str)> = Vec::new();
        for i in &fuzzy.sorted[start..] {
            if !word(i).starts_with(prefix) {
                break;
            }
            let id = self.surfaces[*i as usize].1;
            if !found.iter().any(|f| f.0 == id) {
                found.push((id, word(i)));
            }
        }
        found.sort_by_key(|&(id, _)| (std::cmp::Reverse(self.df(id)), id));
        found.truncate(max);
        found
    }

    /// The posting of term `id` in `doc`, if the term occurs there.
    pub(crate) fn posting(&self, id: u32, doc: u32) -> Option<Posting> {
        let list = self.list(id);
        list.binary_search_by(|p| p.doc().cmp(&doc))
            .ok()
            .map(|i| list[i])
    }

    /// Byte trigram of a lower-case code → codes containing it (misspelt codes).
    pub(crate) fn code_grams(&self) -> &FxMap<u32, Vec<u32>> {
        self.code_grams.get_or_init(|| {
            let mut code_grams: FxMap<u32, Vec<u32>> = FxMap::default();
            for (lower, &ci) in &self.code_map {
                let bytes = lower.as_bytes();
                let mut grams: Vec<u32> = bytes.windows(3).map(trigram).collect();
                grams.sort_unstable();
                grams.dedup();
                for g in grams {
                    code_grams.entry(g).or_default().push(ci);
                }
            }
            code_grams
        })
    }

    /// The beginnings (lower case, whole CamelCase parts, at least [`MIN_FAMILY_BYTES`]) that
    /// at least [`MIN_FAMILY_CODES`] of the tree's codes share: its codes' families
    /// (`UserError…`, `Extension…` in the Azure tree). A word of a family that the tree does
    /// not list is an error code it does not know.
    pub(crate) fn code_families(&self) -> &[Box<str>] {
        self.code_families.get_or_init(|| {
            let mut counts: FxMap<String, u32> = FxMap::default();
            for code in &self.codes {
                let parts = super::analyze::camel_parts(&code.shown);
                // The first part, and the first two: a family is named by a word or two.
                for &(_, end) in parts.iter().take(2).filter(|_| parts.len() >= 3) {
                    if end >= MIN_FAMILY_BYTES {
                        *counts
                            .entry(code.shown[..end].to_ascii_lowercase())
                            .or_default() += 1;
                    }
                }
            }
            let mut families: Vec<Box<str>> = counts
                .into_iter()
                .filter(|&(_, n)| n >= MIN_FAMILY_CODES)
                .map(|(prefix, _)| prefix.into())
                .collect();
            families.sort_unstable();
            families
        })
    }

    /// Makes now what the first queries would otherwise make on their way: the typo index, the
    /// code trigrams and the code families. For a UI that builds the index in the background,
    /// so the first keystroke in its search box does not wait for them (milliseconds on a big
    /// tree).
    pub fn warm(&self) {
        self.fuzzy();
        self.code_grams();
        self.code_families();
    }

    pub(crate) fn fuzzy(&self) -> &Fuzzy {
        self.fuzzy.get_or_init(|| {
            let mut deletions = Vec::with_capacity(self.surfaces.len() * 9);
            let mut buf = String::new();
            for (i, (s, _)) in self.surfaces.iter().enumerate() {
                deletions.push((fx_hash(s), i as u32));
                for k in 0..s.len() {
                    buf.clear();
                    buf.push_str(&s[..k]);
                    buf.push_str(&s[k + 1..]);
                    deletions.push((fx_hash(&buf), i as u32));
                }
            }
            deletions.sort_unstable();
            deletions.dedup();
            let mut sorted: Vec<u32> = (0..self.surfaces.len() as u32).collect();
            sorted.sort_unstable_by(|&a, &b| {
                self.surfaces[a as usize]
                    .0
                    .cmp(&self.surfaces[b as usize].0)
            });
            Fuzzy { deletions, sorted }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Lang;
    use serde_json::json;

    /// A bilingual tree of `n` leaves from a small vocabulary: words, CamelCase codes, Korean
    /// words with particles, repeated codes, answers that lead to leaves.
    fn tree(n: usize) -> Tree {
        let en = [
            "backup",
            "failed",
            "VSS",
            "writer",
            "snapshot",
            "timeout",
            "agent",
            "the",
            "ExtensionSnapshotFailedNoNetwork",
            "network",
            "installing",
            "extension",
            "UserErrorGuestAgentStatusUnavailable",
            "168.63.129.16",
            "2.7.41491.1010",
            "running",
            "freeze",
            "Linux",
            "windows",
            "(see",
            "http://aka.ms/x)",
            "c++",
            "COM+",
        ];
        let ko = [
            "가상",
            "머신이",
            "스냅숏",
            "스냅샷이",
            "실패했습니다",
            "백업",
            "작업에서는",
            "에이전트가",
            "VM이",
            "걸려요",
            "확장",
            "네트워크",
            "(설치)",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut phrase = |words: &[&str], len: u64| -> String {
            let len = 1 + next() % len;
            (0..len)
                .map(|_| words[(next() % words.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut nodes = serde_json::Map::new();
        let answers: Vec<_> = (0..n.min(5))
            .map(|i| json!({"label": {"en": phrase(&en, 3), "ko": phrase(&ko, 2)}, "next": format!("leaf-{i}")}))
            .collect();
        nodes.insert(
            "start".into(),
            json!({"Question": {"text": {"en": "Pick", "ko": "선택"}, "answers": answers}}),
        );
        // A word of letters only, new every few leaves (surface words first met by later parts).
        let fresh = |i: usize| -> String {
            let mut w = String::from("zq");
            let mut i = i / 3;
            loop {
                w.push(char::from(b'a' + (i % 26) as u8));
                i /= 26;
                if i == 0 {
                    break w;
                }
            }
        };
        for i in 0..n {
            let leaf = json!({"Leaf": {
                "title": {"en": format!("{} {}ing", phrase(&en, 5), fresh(i)), "ko": phrase(&ko, 3)},
                "errors": [{"en": phrase(&en, 12), "ko": phrase(&ko, 8)}],
                "cause": {"en": phrase(&en, 12), "ko": phrase(&ko, 8)},
                "steps": [{"en": phrase(&en, 8), "ko": phrase(&ko, 5),
                           "run": [{"Bash": phrase(&en, 4)}]}],
                "codes": [format!("UserError{}Code{}", phrase(&en, 1).replace(' ', ""), i % 7)],
                "keywords": [phrase(&en, 2)],
            }});
            nodes.insert(format!("leaf-{i}"), leaf);
        }
        serde_json::from_value(json!({
            "id": "t", "title": {"en": "t", "ko": "t"}, "start": "start", "nodes": nodes,
            "synonyms": [["vm", "virtual machine", "가상 머신"], ["snapshot", "스냅숏", "스냅샷"]],
        }))
        .expect("the test tree deserialises")
    }

    fn sorted<K: Ord + Clone, V: Copy>(map: &FxMap<K, V>) -> Vec<(K, V)> {
        let mut v: Vec<(K, V)> = map.iter().map(|(k, &v)| (k.clone(), v)).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    /// Every word's postings as counting each token of each text, one at a time, gives them
    /// (the builder counts chunks, in parts: it must come to the same).
    #[test]
    fn postings_are_what_counting_each_token_gives() {
        let tree = tree(300);
        let mut answers: FxMap<&str, Vec<&Text>> = FxMap::default();
        for (_, q) in tree.questions() {
            for a in &q.answers {
                answers.entry(a.next.as_str()).or_default().push(&a.label);
            }
        }
        for parts in [1, 3] {
            let index = Index::build_in(&tree, parts);
            // (term, doc) → count in each field; each doc's field lengths.
            let mut counts: std::collections::BTreeMap<(u32, u32), [u32; FIELDS]> =
                Default::default();
            let mut lengths: Vec<[u32; FIELDS]> = Vec::new();
            for (doc, (id, leaf)) in tree.leaves().enumerate() {
                let mut length = [0u32; FIELDS];
                let labels = answers.get(id).map(Vec::as_slice).unwrap_or(&[]);
                leaf_texts(leaf, labels, |text, field, _| {
                    tokenize(text, &mut |t| {
                        let f = match (field, t.kind) {
                            (Field::Code, Kind::Part) => Field::CodeWord,
                            _ => field,
                        } as usize;
                        let term = match t.kind {
                            Kind::Word | Kind::Part => index.term_id(&index.stem.stem(t.text)),
                            _ => match gram_key(t.text) {
                                Some(key) => index.grams.get(&key).copied(),
                                None => index.term_id(t.text),
                            },
                        };
                        let term = term.expect("every token is a term of the index");
                        counts.entry((term, doc as u32)).or_default()[f] += 1;
                        length[f] += 1;
                    });
                });
                lengths.push(length);
            }
            let n = lengths.len() as f32;
            let avg: [f32; FIELDS] = std::array::from_fn(|f| {
                (lengths.iter().map(|l| l[f] as f32).sum::<f32>() / n).max(1.0)
            });
            let mut expected: Vec<Vec<(u32, u32, u16)>> =
                vec![Vec::new(); index.pair_base as usize];
            for (&(term, doc), count) in &counts {
                let l = &lengths[doc as usize];
                let (mut tf, mut fields) = (0f32, 0u16);
                for f in (0..FIELDS).filter(|&f| count[f] > 0) {
                    let norm = 1.0 - B[f] + B[f] * l[f] as f32 / avg[f];
                    tf += WEIGHT[f] * count[f].min(65_535) as f32 / norm;
                    fields |= 1 << f;
                }
                expected[term as usize].push((doc, tf.to_bits(), fields));
            }
            for (term, want) in expected.iter().enumerate() {
                let got: Vec<(u32, u32, u16)> = index
                    .list(term as u32)
                    .iter()
                    .map(|p| (p.doc(), p.tf.to_bits(), p.fields()))
                    .collect();
                assert_eq!(&got, want, "term {term}, {parts} parts");
            }
        }
    }

    #[test]
    fn a_few_huge_first_leaves_do_not_make_room_for_all_the_others() {
        // The first 16 leaves gave 10,000 items each; 1,000 leaves like them would be 10 M.
        let mut v = vec![0u8; 16 * 10_000];
        reserve_like_first(&mut v, 16, 1000);
        assert!(v.capacity() >= 16 * 10_000 + 500 * 1000, "{}", v.capacity());
        assert!(v.capacity() < 1_000_000, "{}", v.capacity());
        // Typical leaves get the room they need.
        let mut v = vec![0u32; 16 * 100];
        reserve_like_first(&mut v, 16, 1000);
        assert!(v.capacity() >= 101 * 1000, "{}", v.capacity());
        // Room that cannot be had is not taken, and nothing overflows.
        let mut v = vec![0u64; 16 * 100];
        reserve_like_first(&mut v, 16, usize::MAX);
        reserve_like_first(&mut v, 0, usize::MAX);
        assert_eq!(v.len(), 1600);
    }

    proptest::proptest! {
        #[test]
        fn short_chunk_keys_are_equal_only_for_equal_chunks(
            a in "[a-c가\\x00]{0,15}", b in "[a-c가\\x00]{0,15}"
        ) {
            let text = format!("{a} {b} and more text");
            let (ta, tb) = (&text[..a.len()], &text[a.len() + 1..a.len() + 1 + b.len()]);
            proptest::prop_assert!(ShortChunk::in_text(ta, &text) == ShortChunk::new(&a));
            proptest::prop_assert!(ShortChunk::in_text(tb, &text) == ShortChunk::new(&b));
            if let (Some(ka), Some(kb)) = (ShortChunk::new(&a), ShortChunk::new(&b)) {
                proptest::prop_assert_eq!(ka == kb, a == b);
            } else {
                proptest::prop_assert!(a.len() > 15 || b.len() > 15);
            }
        }
    }

    #[test]
    fn a_pair_counts_like_a_word_in_every_field_and_doc() {
        // "zebra" only ever follows "quartz", and only in pair fields: the pair's postings are
        // the word's, field by field and count by count.
        let leaf = |error: &str, title: &str, keyword: &str| {
            json!({"Leaf": {"title": {"en": title, "ko": "제목"},
                "errors": [{"en": error, "ko": "오류"}],
                "cause": {"en": "quartz alone", "ko": "원인"}, "steps": [],
                "keywords": [keyword]}})
        };
        let tree: Tree = serde_json::from_value(json!({
            "id": "t", "title": {"en": "t", "ko": "t"}, "start": "start",
            "nodes": {
                "start": {"Question": {"text": {"en": "Pick", "ko": "선택"}, "answers": [
                    {"label": {"en": "a", "ko": "가"}, "next": "a"},
                    {"label": {"en": "b", "ko": "나"}, "next": "b"},
                    {"label": {"en": "c", "ko": "다"}, "next": "c"}]}},
                "a": leaf("quartz zebra beside quartz zebra again", "quartz zebra", "none"),
                "b": leaf("nothing here", "other title", "keyword"),
                "c": leaf("only once quartz zebra", "title", "quartz zebra"),
            }
        }))
        .expect("the test tree deserialises");
        let index = Index::build(&tree);
        let (quartz, zebra) = (index.terms["quartz"], index.terms["zebra"]);
        let pair = index.pair_id(quartz, zebra).expect("the pair is indexed");
        let key = |p: &Posting| (p.doc(), p.tf.to_bits(), p.fields());
        let pair_postings: Vec<_> = index.list(pair).iter().map(key).collect();
        let word_postings: Vec<_> = index.list(zebra).iter().map(key).collect();
        assert_eq!(pair_postings, word_postings);
        assert_eq!(pair_postings.len(), 2);
        assert_eq!(index.idf[pair as usize], index.idf[zebra as usize]);
        assert_eq!(index.pair_id(zebra, quartz), None);
    }

    #[test]
    fn warm_makes_what_a_first_query_would() {
        let tree = tree(50);
        let index = Index::build(&tree);
        assert!(index.fuzzy.get().is_none() && index.code_grams.get().is_none());
        assert!(index.code_families.get().is_none());
        index.warm();
        assert!(index.fuzzy.get().is_some() && index.code_grams.get().is_some());
        assert!(index.code_families.get().is_some());
        let cold = Index::build(&tree);
        for q in ["agnet", "UserErrorBackupCod3", "가상 머신"] {
            assert_eq!(
                index.search(q, Lang::En, 5),
                cold.search(q, Lang::En, 5),
                "{q}"
            );
        }
    }

    #[test]
    fn parts_do_not_change_the_index() {
        let tree = tree(600);
        let one = Index::build_in(&tree, 1);
        let postings = |i: &Index| -> Vec<(u32, u32, u16)> {
            (0..i.idf.len() as u32)
                .flat_map(|id| i.list(id))
                .map(|p| (p.doc(), p.tf.to_bits(), p.fields()))
                .collect()
        };
        for parts in 2..=4 {
            let many = Index::build_in(&tree, parts);
            assert_eq!(sorted(&many.terms), sorted(&one.terms), "{parts} parts");
            assert_eq!(sorted(&many.grams), sorted(&one.grams));
            assert_eq!(many.pairs, one.pairs);
            assert_eq!(many.offsets, one.offsets);
            assert_eq!(postings(&many), postings(&one));
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&many.idf), bits(&one.idf));
            // The typo index is built from the surfaces in this order.
            assert_eq!(many.surfaces, one.surfaces);
            let codes = |i: &Index| -> Vec<(String, Vec<u32>)> {
                i.codes
                    .iter()
                    .map(|c| (c.shown.clone(), c.docs.clone()))
                    .collect()
            };
            assert_eq!(codes(&many), codes(&one));
            let order = |i: &Index| {
                i.code_map
                    .iter()
                    .map(|(k, &v)| (k.clone(), v))
                    .collect::<Vec<_>>()
            };
            assert_eq!(order(&many), order(&one));
            let docs = |i: &Index| -> Vec<(String, bool, u16, u8)> {
                i.docs
                    .iter()
                    .map(|d| (d.id.clone(), d.has_errors, d.quote_pairs, d.os))
                    .collect()
            };
            assert_eq!(docs(&many), docs(&one));
            // Every term's postings, whichever parts they are made from.
            let list = |i: &Index, id: u32| -> Vec<(u32, u32, u16)> {
                i.list(id)
                    .iter()
                    .map(|p| (p.doc(), p.tf.to_bits(), p.fields()))
                    .collect()
            };
            assert_eq!(many.words.parts.len(), parts);
            for id in 0..one.idf.len() as u32 {
                assert_eq!(list(&many, id), list(&one, id), "term {id}, {parts} parts");
                assert_eq!(list(&one, id).len(), one.df(id) as usize);
            }
            assert!(many.list(one.idf.len() as u32).is_empty());
            assert_eq!(many.synonyms, one.synonyms);
            for q in [
                "vm snapshot failed",
                "가상 머신 스냅샷",
                "UserErrorBackupCode3",
                "agnet",
            ] {
                assert_eq!(
                    many.search(q, Lang::En, 10),
                    one.search(q, Lang::En, 10),
                    "{q}"
                );
            }
        }
    }
}
