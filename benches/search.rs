//! Search speed: index build and per-query latency on the embedded Azure tree and on a generated
//! tree of 10,000 leaves (words drawn from the Azure tree, so the vocabulary is realistic).
//! `cargo bench --bench search`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;
use triage::search::Index;
use triage::tree::{Lang, Tree};

/// Queries of every kind people type.
const QUERIES: &[(&str, &str)] = &[
    ("code", "ExtensionFailedVssWriterInBadState"),
    ("misspelt-code", "UserErorGuestAgentStatusUnavailble"),
    (
        "message",
        "Snapshot operation failed due to VSS Writers in bad state",
    ),
    (
        "portal-paste",
        "Backup  Failed  vm-sql-prd-02  3/14/2024 2:31:07 AM  Error Code: ExtensionSnapshotFailedNoNetwork \
         Error Message: Snapshot operation failed due to no network connectivity on the virtual machine \
         Recommended Action: Ensure that VM has network access.",
    ),
    ("typo", "vm agnet not responsve"),
    ("korean", "가상 머신 스냅샷 실패 VSS 기록기 오류"),
    ("symptom", "backup has been running for 14 hours"),
];

/// A deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, words: &'a [String]) -> &'a str {
        &words[(self.next() % words.len() as u64) as usize]
    }
    fn phrase(&mut self, words: &[String], n: usize) -> String {
        (0..n)
            .map(|_| self.pick(words))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A tree of `n` leaves shaped like the Azure tree's table rows: a title, one error message,
/// a cause and two steps in both languages, a CamelCase code and keywords.
fn generated_tree(n: usize) -> Tree {
    let azure = triage::tree::embedded();
    let (mut en, mut ko) = (Vec::new(), Vec::new());
    for (_, leaf) in azure.leaves() {
        for e in &leaf.errors {
            en.extend(e.en.split_whitespace().map(str::to_string));
            ko.extend(e.ko.split_whitespace().map(str::to_string));
        }
        en.extend(leaf.cause.en.split_whitespace().map(str::to_string));
        ko.extend(leaf.cause.ko.split_whitespace().map(str::to_string));
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut nodes = serde_json::Map::new();
    nodes.insert(
        "start".into(),
        json!({"Question": {"text": {"en": "Pick", "ko": "선택"},
               "answers": [{"label": {"en": "first", "ko": "첫째"}, "next": "gen-0"}]}}),
    );
    let camel = |rng: &mut Rng| -> String {
        (0..4)
            .map(|_| {
                let w: String = rng
                    .pick(&en)
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .collect();
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                    None => String::new(),
                }
            })
            .collect()
    };
    for i in 0..n {
        let text = |rng: &mut Rng, a: usize, b: usize| -> Value {
            json!({"en": rng.phrase(&en, a), "ko": rng.phrase(&ko, b)})
        };
        let leaf = json!({"Leaf": {
            "title": text(&mut rng, 5, 3),
            "errors": [text(&mut rng, 18, 10)],
            "cause": text(&mut rng, 20, 10),
            "steps": [
                {"en": rng.phrase(&en, 12), "ko": rng.phrase(&ko, 6),
                 "run": [{"Bash": rng.phrase(&en, 5)}]},
                {"en": rng.phrase(&en, 12), "ko": rng.phrase(&ko, 6)},
            ],
            "codes": [format!("{}{}", camel(&mut rng), i)],
            "keywords": (0..4).map(|_| rng.phrase(&en, 2)).collect::<Vec<_>>(),
        }});
        nodes.insert(format!("gen-{i}"), leaf);
    }
    let tree = json!({
        "id": "generated", "title": {"en": "generated", "ko": "생성"}, "start": "start",
        "nodes": nodes,
    });
    serde_json::from_value(tree).expect("the generated tree deserialises")
}

fn bench_tree(c: &mut Criterion, name: &str, tree: &Tree, extra: &[(&str, String)]) {
    let mut group = c.benchmark_group(name);
    group.sample_size(20);
    // The index lives as long as the program; dropping it is not part of building it.
    group.bench_function("build", |b| {
        b.iter_with_large_drop(|| Index::build(black_box(tree)))
    });
    // A user's first search: the build, then one query (the postings of its words are made
    // when it first asks for them).
    group.bench_function("build+first-query", |b| {
        b.iter_with_large_drop(|| {
            let index = Index::build(black_box(tree));
            let hits = index.search(black_box(QUERIES[3].1), Lang::En, 10);
            (index, hits)
        })
    });
    let index = Index::build(tree);
    let queries = QUERIES
        .iter()
        .map(|(k, q)| (*k, q.to_string()))
        .chain(extra.iter().cloned());
    for (kind, query) in queries {
        group.bench_with_input(BenchmarkId::new("query", kind), &query, |b, q| {
            b.iter(|| index.search(black_box(q), Lang::En, 10))
        });
    }
    let paste = "2024-03-02T01:12:44Z ERROR VMSnapshot failed 0f8f5e2a-1b33 ".repeat(20_000);
    group.bench_function("query/1MiB-paste", |b| {
        b.iter(|| index.search(black_box(&paste), Lang::En, 10))
    });
    group.finish();
}

fn search(c: &mut Criterion) {
    let azure = triage::tree::embedded();
    bench_tree(c, "azure", &azure, &[]);

    let big = generated_tree(10_000);
    // Queries aimed at generated leaves: a fragment of a message and a code.
    let leaf = big.leaf("gen-4242").expect("generated leaf");
    let fragment: String = leaf.errors[0]
        .en
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    let code = leaf.codes[0].clone();
    let index = Index::build(&big);
    for q in [&fragment, &code] {
        let first = index
            .search(q, Lang::En, 1)
            .hits
            .first()
            .map(|h| h.id.clone());
        assert_eq!(first.as_deref(), Some("gen-4242"), "{q}");
    }
    drop(index);
    bench_tree(
        c,
        "generated-10k",
        &big,
        &[("gen-fragment", fragment), ("gen-code", code)],
    );
}

criterion_group!(benches, search);
criterion_main!(benches);
