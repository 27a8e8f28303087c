//! Any bytes as a search query over the embedded tree: analysis, typo correction, ranking and the
//! "why" text must never panic, hang or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use triage::search::Index;
use triage::tree::{self, Lang, Tree};

fn setup() -> &'static (Tree, Index) {
    static CELL: OnceLock<(Tree, Index)> = OnceLock::new();
    CELL.get_or_init(|| {
        let tree = tree::embedded();
        let index = Index::build(&tree);
        (tree, index)
    })
}

fuzz_target!(|data: &[u8]| {
    let (tree, index) = setup();
    // The first byte picks the language and the number of results; the rest is the query.
    let (lang, limit, query) = match data.split_first() {
        Some((b, rest)) => (
            if b & 1 == 0 { Lang::En } else { Lang::Ko },
            usize::from(b >> 1) % 20,
            rest,
        ),
        None => (Lang::En, 5, data),
    };
    let query = String::from_utf8_lossy(query);
    let results = index.search(&query, lang, limit);
    assert!(results.hits.len() <= limit.max(1), "more hits than asked for");
    for hit in &results.hits {
        assert!(tree.leaf(&hit.id).is_some(), "a hit that is not a leaf: {:?}", hit.id);
        assert!(hit.score.is_finite(), "score {} for {:?}", hit.score, hit.id);
    }
});
