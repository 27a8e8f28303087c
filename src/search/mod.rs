//! Search: paste any error, land on the right fix. Pure: no terminal, no I/O, no global state.
//!
//! # Design
//! Each leaf of a tree is one document with weighted fields: error messages and whole error
//! codes (3.0) > title (2.5) > keywords and the leaf's operating systems (2.0) > the words of
//! its codes and the labels of the answers that lead to it (1.5) > cause (1.0) > steps, commands
//! and link titles (0.3). Both languages go into the same fields, so an English, Korean or mixed
//! query finds the leaf whatever `--lang` says; the language only picks the words of the "why".
//!
//! * Analysis ([`analyze`]), the same for the tree and the query: URLs, Azure resource ids,
//!   GUIDs, hashes, times, short numbers and the blanks of commands (`<VMName>`) are dropped (and, from a query, the names it gives
//!   the user's resources: `-g rg-backup`, `"vmName": "vm-sql-02"`, and words shaped like names: `web-fe-01`; see
//!   `fill::without_names`; the labels of host names, `shop.example.com`, count only where the
//!   tree has them, and are never typos), and so is the boilerplate of portal columns ("Error Code: …
//!   Recommended Action:"), JSON keys and log levels. English words are lower-cased, stop words
//!   dropped and the rest stemmed (Snowball), so "installation" meets "install". CamelCase codes
//!   give the whole code and its words (`UserErrorFsFreezeFailed` → user, error, fs, freeze,
//!   failed). Korean words lose their particle or ending (스냅숏이 → 스냅숏) and become syllable
//!   bigrams (스냅, 냅숏), plus a bigram across each space and a "tail" gram whose last syllable
//!   is cut to its first consonant: spelling variants (스냅숏/스냅샷) share grams, spacing
//!   (가상머신/가상 머신) does not matter, and conjugations meet (걸림/걸려요 → 걸ㄹ).
//! * Ranking (`rank.rs`): BM25F over those terms, plus two neighbouring words as one term in the
//!   message, title and keyword fields (so a pasted message beats a leaf that merely shares its
//!   words). The words of a file path in a query (`/var/lib/waagent/...` in a pasted log)
//!   weigh half and make no pairs: a path says where something lives, rarely what went
//!   wrong. Error codes are matched on their own: exactly, by prefix while typing, or misspelt
//!   (trigram candidates, then edit distance); a match adds a large bonus, full for leaves that
//!   quote an error message and a little less for how-to leaves that list the code too. Unknown
//!   words are corrected to known ones within one or two edits (transpositions count as one; a
//!   deletion index built on first need), a rare word one edit from a much commoner one is also
//!   read as that one (the tree may hold the misspelling), and an unknown last word of a query
//!   that ends inside it is completed (search as you type); a misspelt word still forms word
//!   pairs through its correction. A Korean gram the tree does not know is read as a known one
//!   a single jamo away (에이젼트/에이전트, 스넵샷/스냅샷; not the last final consonant, where
//!   endings change words); it counts as evidence only when the word's neighbouring gram is
//!   known with the same change (and only then is it shown as a correction). A whole query
//!   word that is a leaf id (`backup-19`) finds that leaf first. The tree's `synonyms` groups
//!   expand the query in the same script at a lower weight, counted once per leaf (a leaf that
//!   already has the query's word gains nothing from its synonyms). A query that names Windows
//!   or Linux (or a distribution) lifts the leaves for that system and lowers those for the
//!   other; the number after such a name is its version ("Windows Server 2012"), not a word to
//!   match. Ties keep the tree's order.
//! * Topics the tree does not cover (`Tree::not_covered`: MARS, DPM…): a query that has one of
//!   their phrases (its words as typed, in a row: [`phrase`]) is not answered confidently and
//!   names the topic (`Results::not_covered`), unless the best leaf has the phrase too, or the
//!   error code the query gives, or holds most of the query with a lot of evidence (a quoted
//!   message that names the product only as context).
//! * Error codes the tree does not list: a query word of one of the tree's code families (a
//!   CamelCase beginning, of six bytes or more, that three of its codes share: `UserError…`)
//!   that is no listed code, not even misspelt or typed in part, names an error the tree may not
//!   cover: the best hit is no sure answer unless the query gives its code too or quotes its
//!   message, and the code is named (`Results::unknown_code`).
//! * Quotes: a leaf whose English error message the query holds (most of the message's word
//!   pairs, two at least: "No space left on device") scores a quarter more and is a sure
//!   answer, however much else the query holds (a short message inside CLI JSON or a log).
//! * Confidence: a hit is confident when an exact code matched (or a code of 16 letters or more
//!   with one or two wrong: `UsrErrorGuestAgentStatusUnavailble`), or quotes its message, or
//!   when it covers enough of the query's evidence (idf-weighted typed words; words the tree
//!   does not know count against it) and enough in absolute terms (in units of the rarest
//!   word's idf: a small tree's exact message is as sure as a big one's), or a lot in absolute
//!   terms (a log paste full of unknown words), and some of it comes from words as typed (a
//!   leaf found only through corrections of misspelt words is no sure answer). The results are
//!   confident when the best hit is and the next one scores under 85%
//!   of it; a good best hit with a runner-up that close is a close call (`Results::close`:
//!   most wrong first answers are one, and the right one is then second). A UI says "nothing
//!   matches well" or "compare the first two" instead of presenting a guess as the answer.
//! * Highlighting (`mark.rs`): each hit keeps the query's terms it has (`Hit::terms`: words as
//!   typed or corrected, Korean grams; not pairs or synonyms); `Hit::marks` analyses a text of
//!   the leaf (its title) as the index did and gives the byte ranges of the words that have
//!   one, for a UI to highlight as fzf does what it matched.
//!
//! Nothing here is tuned to a particular query: the ranking is judged on queries nobody wrote
//! yet. `eval` measures it on query files (`tests/queries/search.json`).
//!
//! Cost (`cargo bench --bench search`, 2 cores). The build analyses each distinct
//! whitespace-separated piece of text (a chunk) once and keeps each text as the chunks it is
//! made of (a one-word chunk as its term); one counting sort over those groups the occurrences
//! by term at the end, so a chunk's terms are looked up once, not each time it occurs. A big
//! tree is analysed in halves on two threads, whose terms are then numbered as one thread would
//! have met them, so the index is the same. A word's postings are made from its grouped
//! occurrences the first time a query asks for them (a query asks for a few dozen of a big
//! tree's tens of thousands). Build it on first use ([`LazyIndex`], which a UI may also fill
//! from a background thread) so start-up does not pay for it; the typo index and the code
//! trigrams wait for the first query that needs them. Queries over 64 KiB are cut to their end
//! (a log's newest lines: the search box and `search` on stdin keep the end too). Timings depend
//! on the machine more than on anything here (the same commit built the 10,000-leaf index in
//! 48-55 ms on the 2-core VM of 2026-11-25 and in 109-117 ms on the one of 2026-11-29). On the
//! 2-core VM of 2026-12-06 (criterion medians): the Azure index 5.0-5.8 ms; a generated tree
//! of 10,000 bilingual leaves 45-50 ms with nothing else running (53 ms for the code before that
//! evening's changes, in the same minutes) and 56-73 ms while a neighbour loaded the machine
//! (73-85 ms before), and with its first query (which makes that query's postings, the typo
//! index and the code trigrams) 65-88 ms; a query 23-85 µs on the Azure tree and
//! 38-527 µs at 10,000 leaves; a 1 MiB paste 5.2 ms.

pub mod analyze;
pub mod eval;
mod index;
mod mark;
pub(crate) mod phrase;
mod rank;

pub use index::Index;

use crate::tree::Tree;
use std::sync::OnceLock;

/// Whether `word` (lower case) names an operating system or a distribution.
pub fn names_os(word: &str) -> bool {
    rank::os_named(word, word) != 0
}

/// Queries are cut to this many bytes (a 1 MiB paste stays fast).
pub const MAX_QUERY_BYTES: usize = 64 * 1024;

/// The ranked leaves for one query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Best first.
    pub hits: Vec<Hit>,
    /// Whether the best hit is a good match and clearly ahead of the next one; when false, say
    /// "nothing matches well", or, when `close`, that the first hits fit about equally.
    pub confident: bool,
    /// The best hit is a good match but the next one scores nearly as much (a close call).
    pub close: bool,
    /// The query was longer than [`MAX_QUERY_BYTES`] and only its end was searched (the newest
    /// lines of a log are at its end).
    pub truncated: bool,
    /// The query names a topic the tree does not cover (an index in `Tree::not_covered`)
    /// and the best hit does not speak of it: then the results are not confident.
    pub not_covered: Option<usize>,
    /// The query gives an error code of one of the tree's code families that the tree does not
    /// list, as typed, and the best hit neither has the query's code nor quotes its message:
    /// the error may be one the tree does not cover.
    pub unknown_code: Option<String>,
}

/// One leaf found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Leaf id.
    pub id: String,
    /// Relevance; only comparable within one query.
    pub score: f32,
    /// Short human reason, e.g. `error code "ExtensionConfigParsingFailure"` or
    /// `message: vss, writers`.
    pub why: String,
    /// This hit on its own is a good match (see the module doc).
    pub confident: bool,
    /// The analysed terms of the query this leaf has, sorted: words stemmed (and the parts of
    /// codes), corrections of misspelt words, numbers, Korean grams; no word pairs, synonyms
    /// or stop words. [`Hit::marks`] finds them in a text of the leaf.
    pub terms: Vec<String>,
}

impl Hit {
    /// Byte ranges of the words of `text` (the leaf's title, say) whose analysed term is one
    /// of [`Hit::terms`], in order and apart: what the query matched there, for a UI to
    /// highlight as fzf does the characters it matched. A Korean word is marked without its
    /// particle.
    pub fn marks(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        mark::marks(text, &self.terms)
    }
}

/// An index built on first use, for UIs that must start fast.
#[derive(Default)]
pub struct LazyIndex {
    cell: OnceLock<Index>,
}

impl LazyIndex {
    pub fn new() -> LazyIndex {
        LazyIndex::default()
    }

    /// The index of `tree`, built on the first call (later calls ignore `tree`).
    pub fn get(&self, tree: &Tree) -> &Index {
        self.cell.get_or_init(|| Index::build(tree))
    }

    pub fn is_built(&self) -> bool {
        self.cell.get().is_some()
    }
}
