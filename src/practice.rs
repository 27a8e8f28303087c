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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practice {
    pub targets: Vec<String>,
    /// Index of the round being played.
    pub round: usize,
    pub score: Score,
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
        }
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
    RoundResult {
        target: target.to_string(),
        reached: reached.to_string(),
        correct: reached == target,
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

    #[test]
    fn a_round_saved_before_turns_were_kept_still_loads() {
        let old = r#"{"target": "backup-19", "reached": "restore-02", "correct": false,
                      "answers": 1, "shortest": 3, "wrong_turns": ["start"]}"#;
        let r: RoundResult = serde_json::from_str(old).unwrap();
        assert!(r.turns.is_empty());
    }
}
