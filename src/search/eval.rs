//! Search quality on a query file: top-1 and top-k accuracy per kind and overall, and the
//! misses. Shared by `triage eval` and the quality test.
//!
//! A query file is a JSON list of `{"query": "...", "expect": "leaf-id" | ["id", ...], "kind":
//! "..."}`; a query is a top-k hit when one of its first k results is in `expect`. An empty
//! `expect` (`[]`) says no leaf fits the query: it is a hit when the results are not confident
//! (the search says nothing matches well instead of offering a fix).

use super::Index;
use crate::tree::Lang;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Expect {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    query: String,
    expect: Expect,
    #[serde(default)]
    kind: Option<String>,
}

/// One query and the leaves that are right answers to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub query: String,
    pub expect: Vec<String>,
    pub kind: String,
}

/// Parses a query file (a leading byte order mark is no part of it, as in tree files).
pub fn parse_cases(json: &str) -> Result<Vec<Case>, String> {
    let raw: Vec<RawCase> =
        serde_json::from_str(crate::tree::without_bom(json)).map_err(|e| e.to_string())?;
    Ok(raw
        .into_iter()
        .map(|r| Case {
            query: r.query,
            expect: match r.expect {
                Expect::One(id) => vec![id],
                Expect::Many(ids) => ids,
            },
            kind: r.kind.unwrap_or_else(|| "other".to_string()),
        })
        .collect())
}

/// Counts for one kind (or all).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub total: usize,
    pub top1: usize,
    pub topk: usize,
}

impl Tally {
    pub fn top1_rate(&self) -> f64 {
        rate(self.top1, self.total)
    }
    pub fn topk_rate(&self) -> f64 {
        rate(self.topk, self.total)
    }
}

fn rate(n: usize, total: usize) -> f64 {
    if total == 0 {
        1.0
    } else {
        n as f64 / total as f64
    }
}

/// A query whose first result was wrong.
#[derive(Debug, Clone)]
pub struct Miss {
    pub case: Case,
    /// The first k results (ids).
    pub got: Vec<String>,
    /// Rank (1-based) of the first right answer in the first k, if any.
    pub rank: Option<usize>,
    /// The search presented its wrong first result as a sure answer.
    pub confident: bool,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub k: usize,
    pub overall: Tally,
    pub by_kind: BTreeMap<String, Tally>,
    pub misses: Vec<Miss>,
    /// Expected ids that are not leaves of the tree (a broken query file).
    pub unknown_ids: Vec<String>,
    /// Queries whose right answer came first but was not marked confident.
    pub unconfident_hits: usize,
    /// Of those, the ones marked a close call (the answer was good, the runner-up close).
    pub close_hits: usize,
    /// Queries whose first result was wrong yet marked confident (the worst case).
    pub confident_misses: usize,
    /// Queries no leaf fits (`expect: []`) that the search rightly did not answer confidently.
    pub no_fit_hits: usize,
}

/// Thresholds a report must meet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Thresholds {
    pub min_top1: Option<f64>,
    pub min_topk: Option<f64>,
    /// Every kind's top-1 must reach this.
    pub min_kind_top1: Option<f64>,
}

/// Runs every case against `index`; `known` are the tree's leaf ids.
pub fn run(index: &Index, cases: &[Case], k: usize, known: &HashSet<&str>) -> Report {
    let k = k.max(1);
    let mut report = Report {
        k,
        overall: Tally::default(),
        by_kind: BTreeMap::new(),
        misses: Vec::new(),
        unknown_ids: Vec::new(),
        unconfident_hits: 0,
        close_hits: 0,
        confident_misses: 0,
        no_fit_hits: 0,
    };
    for case in cases {
        for id in &case.expect {
            if !known.contains(id.as_str()) && !report.unknown_ids.contains(id) {
                report.unknown_ids.push(id.clone());
            }
        }
        let results = index.search(&case.query, Lang::En, k);
        let got: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
        let rank = if case.expect.is_empty() {
            // Nothing fits: right when the search does not claim a fix.
            (!results.confident).then_some(1)
        } else {
            got.iter()
                .position(|id| case.expect.contains(id))
                .map(|r| r + 1)
        };
        let tally = report.by_kind.entry(case.kind.clone()).or_default();
        for t in [&mut report.overall, tally] {
            t.total += 1;
            t.top1 += usize::from(rank == Some(1));
            t.topk += usize::from(rank.is_some());
        }
        if case.expect.is_empty() {
            report.no_fit_hits += usize::from(rank == Some(1));
        } else if rank == Some(1) && !results.confident {
            report.unconfident_hits += 1;
            report.close_hits += usize::from(results.close);
        }
        if rank != Some(1) && results.confident {
            report.confident_misses += 1;
        }
        if rank != Some(1) {
            report.misses.push(Miss {
                case: case.clone(),
                got,
                rank,
                confident: results.confident,
            });
        }
    }
    report
}

impl Report {
    /// The reasons the report fails `t` (empty: it passes).
    pub fn failures(&self, t: &Thresholds) -> Vec<String> {
        let mut out = Vec::new();
        // Every rate of nothing is 1.0: an empty file would pass any threshold, measuring nothing.
        if self.overall.total == 0 {
            out.push("no queries in the file".to_string());
        }
        if !self.unknown_ids.is_empty() {
            out.push(format!(
                "expected ids not in the tree: {}",
                self.unknown_ids.join(", ")
            ));
        }
        if let Some(min) = t.min_top1
            && self.overall.top1_rate() < min
        {
            out.push(format!(
                "top-1 {:.3} below {min:.3}",
                self.overall.top1_rate()
            ));
        }
        if let Some(min) = t.min_topk
            && self.overall.topk_rate() < min
        {
            out.push(format!(
                "top-{} {:.3} below {min:.3}",
                self.k,
                self.overall.topk_rate()
            ));
        }
        if let Some(min) = t.min_kind_top1 {
            for (kind, tally) in &self.by_kind {
                if tally.top1_rate() < min {
                    out.push(format!(
                        "kind {kind}: top-1 {:.3} below {min:.3}",
                        tally.top1_rate()
                    ));
                }
            }
        }
        out
    }

    /// The table of accuracies, then every miss. Plain text, unsanitised (queries are the
    /// caller's own file; the CLI sanitises each line).
    pub fn render(&self) -> String {
        let mut s = String::new();
        let k = self.k;
        let _ = writeln!(
            s,
            "{:<16} {:>5} {:>7} {:>7}",
            "kind",
            "n",
            "top-1",
            format!("top-{k}")
        );
        let row = |s: &mut String, name: &str, t: &Tally| {
            let _ = writeln!(
                s,
                "{:<16} {:>5} {:>7.3} {:>7.3}",
                name,
                t.total,
                t.top1_rate(),
                t.topk_rate()
            );
        };
        for (kind, t) in &self.by_kind {
            row(&mut s, kind, t);
        }
        row(&mut s, "overall", &self.overall);
        let _ = writeln!(
            s,
            "confidence: {} of {} right answers not flagged confident ({} of them close calls); \
             {} of {} wrong answers flagged confident",
            self.unconfident_hits,
            self.overall.top1 - self.no_fit_hits,
            self.close_hits,
            self.confident_misses,
            self.overall.total - self.overall.top1
        );
        if !self.misses.is_empty() {
            let _ = writeln!(s, "\nmisses ({}):", self.misses.len());
            for m in &self.misses {
                let mut rank = match m.rank {
                    Some(r) => format!("found at {r}"),
                    None if m.case.expect.is_empty() => String::new(),
                    None => format!("not in top {k}"),
                };
                if m.confident {
                    rank += if rank.is_empty() { "" } else { ", " };
                    rank += "flagged confident";
                }
                let _ = writeln!(
                    s,
                    "[{}] {:?}\n    expected {}; got {} ({rank})",
                    m.case.kind,
                    m.case.query,
                    if m.case.expect.is_empty() {
                        "no confident answer".to_string()
                    } else {
                        m.case.expect.join(" | ")
                    },
                    if m.got.is_empty() {
                        "nothing".to_string()
                    } else {
                        m.got.join(", ")
                    },
                );
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expect_is_one_id_or_a_list() {
        let cases = parse_cases(
            r#"[{"query": "a", "expect": "x", "kind": "exact"},
                {"query": "b", "expect": ["y", "z"], "kind": "typo"}]"#,
        )
        .unwrap();
        assert_eq!(cases[0].expect, ["x"]);
        assert_eq!(cases[1].expect, ["y", "z"]);
        assert_eq!(cases[1].kind, "typo");
        assert!(parse_cases(r#"[{"query": "a"}]"#).is_err());
        assert!(parse_cases("{").is_err());
    }

    #[test]
    fn a_query_no_leaf_fits_is_right_only_when_the_search_is_not_confident() {
        let tree = crate::tree::embedded();
        let index = Index::build(&tree);
        let known: HashSet<&str> = tree.leaves().map(|(id, _)| id).collect();
        let cases = parse_cases(
            r#"[{"query": "kubernetes pod stuck in CrashLoopBackOff", "expect": [], "kind": "unrelated"},
                {"query": "ExtensionFailedVssWriterInBadState", "expect": [], "kind": "unrelated"},
                {"query": "ExtensionFailedVssWriterInBadState", "expect": "backup-19", "kind": "error-code"}]"#,
        )
        .unwrap();
        let report = run(&index, &cases, 3, &known);
        let unrelated = report.by_kind["unrelated"];
        assert_eq!((unrelated.total, unrelated.top1, unrelated.topk), (2, 1, 1));
        assert_eq!(report.no_fit_hits, 1);
        assert_eq!(report.confident_misses, 1);
        assert_eq!(report.misses.len(), 1);
        assert!(report.unknown_ids.is_empty());
        let text = report.render();
        assert!(text.contains("expected no confident answer"), "{text}");
        assert!(text.contains("flagged confident)"), "{text}");
        assert!(
            text.contains("0 of 1 right answers not flagged confident"),
            "{text}"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let cases = parse_cases("\u{feff}[{\"query\": \"a\", \"expect\": \"x\"}]").unwrap();
        assert_eq!(cases[0].query, "a");
    }

    #[test]
    fn no_queries_fails_with_or_without_thresholds() {
        let tree = crate::tree::embedded();
        let index = Index::build(&tree);
        let report = run(&index, &parse_cases("[]").unwrap(), 3, &HashSet::new());
        let strict = Thresholds {
            min_top1: Some(0.9),
            min_topk: Some(0.9),
            min_kind_top1: Some(0.9),
        };
        for t in [Thresholds::default(), strict] {
            assert_eq!(report.failures(&t), ["no queries in the file"]);
        }
    }
}
