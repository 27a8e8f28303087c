//! Practice for new support staff: a real error message from the tree, the questions walked
//! without ids, then the verdict, the shortest way, and why each question they got wrong matters.

use crate::tree::validate::reachable_from;
use crate::tree::{Lang, Tree};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RoundResult {
    pub target: String,
    pub reached: String,
    pub correct: bool,
    /// Answers the trainee gave.
    pub answers: usize,
    /// Answers the shortest way takes.
    pub shortest: usize,
    /// Questions where the trainee's answer led away from the target.
    pub wrong_turns: Vec<String>,
    /// At each wrong turn, the answer given and the one that leads on to the target (indices;
    /// absent in records saved before they were kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub turns: Vec<Turn>,
}

/// The answer a trainee gave at a wrong turn, and the answer that would have led to the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Turn {
    pub given: usize,
    pub right: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Score {
    pub seed: u64,
    pub rounds: Vec<RoundResult>,
    /// The rounds planned (`--count`); 0 in records saved before it was kept.
    #[serde(default)]
    pub count: usize,
}

impl Score {
    pub fn correct(&self) -> usize {
        self.rounds.iter().filter(|r| r.correct).count()
    }

    /// True when the run ended before all the rounds planned were played.
    pub fn ended_early(&self) -> bool {
        self.rounds.len() < self.count
    }

    /// "Score: 1/2", with "(ended after 2 of 3 rounds)" when the run was ended early: the
    /// score screen's heading.
    pub fn heading(&self, lang: Lang) -> String {
        let s = crate::i18n::strings(lang);
        format!("{}: {}", s.practice_score, self.result(lang, false))
    }

    /// [`heading`](Self::heading) with the seed that practises the same rounds again: the line
    /// printed on quit.
    pub fn summary(&self, lang: Lang) -> String {
        let s = crate::i18n::strings(lang);
        format!("{}: {}", s.practice_score, self.result(lang, true))
    }

    /// "1/2 (ended after 2 of 3 rounds, seed 7)": rounds right of rounds played, whether the run
    /// was ended early, and with `seed` the seed.
    pub fn result(&self, lang: Lang, seed: bool) -> String {
        let s = crate::i18n::strings(lang);
        let mut notes = Vec::new();
        if self.ended_early() {
            notes.push(crate::i18n::fill(
                s.practice_ended_early,
                &[
                    ("played", &self.rounds.len().to_string()),
                    ("count", &self.count.to_string()),
                ],
            ));
        }
        if seed {
            notes.push(crate::i18n::fill(
                s.practice_seed,
                &[("seed", &self.seed.to_string())],
            ));
        }
        let mut line = format!("{}/{}", self.correct(), self.rounds.len());
        if !notes.is_empty() {
            line.push_str(&format!(" ({})", notes.join(", ")));
        }
        line
    }
}

/// A round's mark in the score's list ("ok" or "miss" in the user's language), padded to the
/// wider of the two so the ids after it line up.
pub fn mark(correct: bool, lang: Lang) -> String {
    use unicode_width::UnicodeWidthStr;
    let s = crate::i18n::strings(lang);
    let word = if correct {
        s.practice_ok
    } else {
        s.practice_miss
    };
    let wide = s.practice_ok.width().max(s.practice_miss.width());
    format!("{word}{}", " ".repeat(wide - word.width()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practice {
    pub targets: Vec<String>,
    /// Index of the round being played.
    pub round: usize,
    pub score: Score,
    /// First line shown of the text that scrolls on the screen: the message to solve above a
    /// question (kept through the round's questions), else the verdict or the score.
    pub scroll: usize,
}

impl Practice {
    pub fn new(tree: &Tree, count: usize, seed: u64) -> Practice {
        Practice {
            targets: pick_targets(tree, count, seed),
            round: 0,
            score: Score {
                seed,
                rounds: Vec::new(),
                count,
            },
            scroll: 0,
        }
    }

    /// Ends the run before its last round: the rounds played are kept for the score (which
    /// says how many were planned), the others dropped.
    pub fn end_early(&mut self) {
        self.targets.truncate(self.score.rounds.len());
        self.round = self.targets.len();
        self.scroll = 0;
    }

    pub fn target(&self) -> Option<&str> {
        self.targets.get(self.round).map(String::as_str)
    }

    /// The round's result, once the trainee reached a leaf.
    pub fn result(&self) -> Option<&RoundResult> {
        self.score.rounds.get(self.round)
    }

    pub fn finished(&self) -> bool {
        self.round >= self.targets.len()
    }
}

/// The error message shown for a target: the leaf's first message.
pub fn prompt(tree: &Tree, target: &str, lang: Lang) -> String {
    tree.leaf(target)
        .and_then(|l| l.errors.first())
        .map(|e| e.get(lang).to_string())
        .unwrap_or_default()
}

/// Whether leaf `other` lists the message shown for `target` (in either language; case,
/// spacing and a final period aside).
fn quotes_prompt(tree: &Tree, target: &str, other: &str) -> bool {
    let norm = crate::tree::validate::message_key;
    let (Some(shown), Some(other)) = (
        tree.leaf(target).and_then(|l| l.errors.first()),
        tree.leaf(other),
    ) else {
        return false;
    };
    other.errors.iter().any(|e| {
        (!shown.en.is_empty() && norm(&e.en) == norm(&shown.en))
            || (!shown.ko.is_empty() && norm(&e.ko) == norm(&shown.ko))
    })
}

/// SplitMix64: small, good enough to shuffle, and the same everywhere for a given seed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// `count` leaves that have an error message, reachable from the start, in an order fixed by
/// `seed`; distinct while there are enough.
pub fn pick_targets(tree: &Tree, count: usize, seed: u64) -> Vec<String> {
    let reachable = reachable_from(tree, &tree.start);
    let mut pool: Vec<String> = tree
        .leaves()
        .filter(|(id, leaf)| !leaf.errors.is_empty() && reachable.contains(id))
        .map(|(id, _)| id.to_string())
        .collect();
    if pool.is_empty() {
        return Vec::new();
    }
    let mut rng = SplitMix(seed);
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        // Fisher-Yates over the pool, then deal it out; repeat when more rounds than leaves.
        for i in (1..pool.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            pool.swap(i, j);
        }
        out.extend(pool.iter().take(count - out.len()).cloned());
    }
    out
}

/// Judges a round: the trail the trainee walked and the leaf reached, against the target.
pub fn judge(tree: &Tree, target: &str, trail: &[(String, usize)], reached: &str) -> RoundResult {
    let shortest = tree.path_to(target).map(|p| p.len()).unwrap_or(0);
    let mut wrong_turns = Vec::new();
    let mut turns = Vec::new();
    for (question, answer) in trail {
        let Some(q) = tree.question(question) else {
            continue;
        };
        let Some(next) = q.answers.get(*answer).map(|a| a.next.as_str()) else {
            continue;
        };
        let could = reachable_from(tree, question).contains(target);
        let leads = |next: &str| next == target || reachable_from(tree, next).contains(target);
        if could && !leads(next) {
            wrong_turns.push(question.clone());
            // The answer on the shortest way when the question is on it, else any that leads on.
            let on_shortest = tree
                .path_to(target)
                .and_then(|p| p.iter().find(|(q, _)| *q == question).map(|(_, a)| *a));
            let right = on_shortest
                .or_else(|| q.answers.iter().position(|a| leads(&a.next)))
                .unwrap_or(0);
            turns.push(Turn {
                given: *answer,
                right,
            });
        }
    }
    // A fix that quotes the very message shown is as right: the trainee cannot tell them apart
    // (`triage check` allows that only for fixes that list each other in "See also").
    let same_message = reached != target && quotes_prompt(tree, target, reached);
    if same_message {
        wrong_turns.clear();
        turns.clear();
    }
    RoundResult {
        target: target.to_string(),
        reached: reached.to_string(),
        correct: reached == target || same_message,
        answers: trail.len(),
        shortest,
        wrong_turns,
        turns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_rounds() {
        let tree = crate::tree::embedded();
        let a = pick_targets(&tree, 5, 42);
        assert_eq!(a, pick_targets(&tree, 5, 42));
        assert_ne!(a, pick_targets(&tree, 5, 43));
        assert_eq!(a.len(), 5);
        let distinct: std::collections::HashSet<_> = a.iter().collect();
        assert_eq!(distinct.len(), 5);
        assert!(a.iter().all(|id| !tree.leaf(id).unwrap().errors.is_empty()));
    }

    #[test]
    fn more_rounds_than_leaves_repeat_leaves() {
        let tree = crate::tree::embedded();
        assert_eq!(pick_targets(&tree, 100, 1).len(), 100);
    }

    #[test]
    fn judging_the_shortest_way_is_correct_with_no_wrong_turn() {
        let tree = crate::tree::embedded();
        let trail = tree.trail_to("backup-19").unwrap();
        let r = judge(&tree, "backup-19", &trail, "backup-19");
        assert!(r.correct);
        assert!(r.wrong_turns.is_empty());
        assert_eq!(r.answers, r.shortest);
    }

    #[test]
    fn a_wrong_first_answer_is_named() {
        let tree = crate::tree::embedded();
        // From the start, the restore answer cannot lead to a VSS fix.
        let start = tree.question(&tree.start).unwrap();
        let restore = start
            .answers
            .iter()
            .position(|a| a.label.en.starts_with("Restoring"))
            .unwrap();
        let trail = vec![(tree.start.clone(), restore)];
        let r = judge(&tree, "backup-19", &trail, "restore-02");
        assert!(!r.correct);
        assert_eq!(r.wrong_turns, vec![tree.start.clone()]);
        // The answer given, and the one on the shortest way to the fix.
        let right = tree.path_to("backup-19").unwrap()[0].1;
        assert_ne!(right, restore);
        assert_eq!(
            r.turns,
            vec![Turn {
                given: restore,
                right
            }]
        );
    }

    /// Two fixes with one message (allowed when they list each other in "See also"): either
    /// one is right for it.
    #[test]
    fn a_fix_with_the_same_message_is_right_too() {
        let src = r#"Tree(id: "t", title: (en: "T", ko: "T"), start: "start", nodes: {
            "start": Question(text: (en: "Q", ko: "Q"), answers: [
                (label: (en: "a", ko: "a"), next: "logs"),
                (label: (en: "b", ko: "b"), next: "inodes"),
                (label: (en: "c", ko: "c"), next: "other"),
            ]),
            "logs": Leaf(title: (en: "Logs", ko: "L"), errors: [(en: "No space left on device", ko: "공간 없음")],
                cause: (en: "C.", ko: "C."), steps: [(en: "S.", ko: "S.")], see_also: ["inodes"]),
            "inodes": Leaf(title: (en: "Inodes", ko: "I"), errors: [(en: "No space left on device.", ko: "공간 없음")],
                cause: (en: "C.", ko: "C."), steps: [(en: "S.", ko: "S.")], see_also: ["logs"]),
            "other": Leaf(title: (en: "Other", ko: "O"), errors: [(en: "Disk is read-only", ko: "읽기 전용")],
                cause: (en: "C.", ko: "C."), steps: [(en: "S.", ko: "S.")]),
        })"#;
        let tree = crate::tree::load_str("t.ron", src).expect("a valid tree");
        let to = |leaf: &str| tree.trail_to(leaf).unwrap();
        let r = judge(&tree, "logs", &to("inodes"), "inodes");
        assert!(r.correct && r.wrong_turns.is_empty(), "{r:?}");
        assert!(!judge(&tree, "logs", &to("other"), "other").correct);
    }

    #[test]
    fn a_round_saved_before_turns_were_kept_still_loads() {
        let old = r#"{"target": "backup-19", "reached": "restore-02", "correct": false,
                      "answers": 1, "shortest": 3, "wrong_turns": ["start"]}"#;
        let r: RoundResult = serde_json::from_str(old).unwrap();
        assert!(r.turns.is_empty());
    }
}
