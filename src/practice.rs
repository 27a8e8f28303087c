//! Practice for new support staff: a real error message from the tree, the questions walked
//! without ids, then the verdict, the shortest way, and why each question they got wrong matters.

use crate::tree::validate::reachable_from;
use crate::tree::{Lang, Tree};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RoundResult {
    pub target: String,
    pub reached: String,
    pub correct: bool,
    /// Not right, but close: the fix reached is listed in the "See also" of the fix asked for
    /// (a related fix). Absent (false) in records saved before it was kept.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub close: bool,
    /// Answers the trainee gave: the walk that reached the fix (answers taken back aside).
    pub answers: usize,
    /// Answers the shortest way takes.
    pub shortest: usize,
    /// Questions where the trainee's answer led away from the target, an answer taken back
    /// included.
    pub wrong_turns: Vec<String>,
    /// At each wrong turn, the answer given and the one that leads on to the target (indices;
    /// absent in records saved before they were kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub turns: Vec<Turn>,
    /// Answers taken back during the round (Backspace, Alt-N, `r`), in the order they were
    /// taken back; absent in records saved before they were kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taken_back: Vec<TakenBack>,
}

/// The answer a trainee gave at a wrong turn, and the answer that would have led to the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Turn {
    pub given: usize,
    pub right: usize,
    /// The answer was taken back (the trainee went back before reaching a fix).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub taken_back: bool,
}

/// An answer given and then taken back during a round: which question, which answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TakenBack {
    pub question: String,
    pub answer: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Score {
    pub seed: u64,
    pub rounds: Vec<RoundResult>,
    /// The rounds planned (`--count`); 0 in records saved before it was kept.
    #[serde(default)]
    pub count: usize,
    /// Set on a retry run: the rounds an earlier run did not get right, played again (its
    /// `seed` is the first run's, which deals those rounds among the others). Absent from
    /// other runs' records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<Retry>,
}

/// What a retry run plays: the messages of the rounds an earlier run did not get right.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Retry {
    /// The fixes asked for, in the order the earlier run asked for them (its rounds are not
    /// dealt by the seed: a transcript names an unfinished round's fix from here).
    pub targets: Vec<String>,
    /// The rounds the first run planned (its `--count`): with the seed, the command that
    /// practises that run again.
    pub count: usize,
}

impl Score {
    pub fn correct(&self) -> usize {
        self.rounds.iter().filter(|r| r.correct).count()
    }

    /// Rounds that reached a related fix (one in the "See also" of the fix asked for): not
    /// right, but not a plain miss either.
    pub fn close(&self) -> usize {
        self.rounds.iter().filter(|r| r.close).count()
    }

    /// The run in a line of `triage history`: "practice run: 3 of 5 right, 1 close", and
    /// "ended after 5 of 10 rounds" when it was ended early (as its score said).
    pub fn history_line(&self, lang: Lang) -> String {
        let s = crate::i18n::strings(lang);
        let run = if self.retry.is_some() {
            s.cli.practice_retry_run
        } else {
            s.cli.practice_run
        };
        let mut line = crate::i18n::fill(
            run,
            &[
                ("right", &self.correct().to_string()),
                ("rounds", &self.rounds.len().to_string()),
            ],
        );
        if self.close() > 0 {
            line.push_str(", ");
            line.push_str(&crate::i18n::fill(
                s.practice_close_count,
                &[("n", &self.close().to_string())],
            ));
        }
        if self.ended_early() {
            line.push_str(", ");
            line.push_str(&self.ended_early_note(lang));
        }
        line
    }

    /// "ended after 2 of 3 rounds": how far a run ended early went.
    fn ended_early_note(&self, lang: Lang) -> String {
        let s = crate::i18n::strings(lang);
        crate::i18n::fill(
            crate::i18n::plural(self.count, s.practice_ended_early),
            &[
                ("played", &self.rounds.len().to_string()),
                ("count", &self.count.to_string()),
            ],
        )
    }

    /// Answers taken back over the rounds played.
    pub fn taken_back(&self) -> usize {
        self.rounds.iter().map(|r| r.taken_back.len()).sum()
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

    /// "1/3 (1 close, 2 steps taken back, ended after 3 of 4 rounds, seed 7)": rounds right of
    /// rounds played, then what there is to say of them: the rounds close (a related fix
    /// reached), the answers taken back, whether the run was ended early, and with `seed` the
    /// seed. A retry run says it is one ("retry", with `seed` "retry of seed 7").
    pub fn result(&self, lang: Lang, seed: bool) -> String {
        self.result_line(lang, seed, false)
    }

    /// [`result`](Self::result) of a run still being played (a transcript written during it):
    /// "0/0 (in progress: round 1 of 3, seed 7)", not "ended after".
    pub fn in_progress(&self, lang: Lang) -> String {
        self.result_line(lang, true, true)
    }

    fn result_line(&self, lang: Lang, seed: bool, playing: bool) -> String {
        let s = crate::i18n::strings(lang);
        let mut notes = Vec::new();
        if self.close() > 0 {
            notes.push(crate::i18n::fill(
                s.practice_close_count,
                &[("n", &self.close().to_string())],
            ));
        }
        if self.taken_back() > 0 {
            notes.push(crate::i18n::count(
                self.taken_back(),
                s.practice_steps_back_count,
            ));
        }
        if playing {
            notes.push(crate::i18n::fill(
                s.practice_in_progress,
                &[
                    ("n", &(self.rounds.len() + 1).to_string()),
                    ("count", &self.count.to_string()),
                ],
            ));
        } else if self.ended_early() {
            notes.push(self.ended_early_note(lang));
        }
        // A retry's seed dealt the run it retried, not its rounds: said so.
        match (seed, self.retry.is_some()) {
            (true, false) => notes.push(crate::i18n::fill(
                s.practice_seed,
                &[("seed", &self.seed.to_string())],
            )),
            (true, true) => notes.push(crate::i18n::fill(
                s.practice_retry_of,
                &[("seed", &self.seed.to_string())],
            )),
            (false, true) => notes.push(s.practice_retry.to_string()),
            (false, false) => {}
        }
        let mut line = format!("{}/{}", self.correct(), self.rounds.len());
        if !notes.is_empty() {
            line.push_str(&format!(" ({})", notes.join(", ")));
        }
        line
    }
}

/// A round's mark in the score's list ("ok" or "miss" in the user's language), padded to the
/// widest mark so the ids after it line up. [`round_mark`] also says "close".
pub fn mark(correct: bool, lang: Lang) -> String {
    let s = crate::i18n::strings(lang);
    padded_mark(
        if correct {
            s.practice_ok
        } else {
            s.practice_miss
        },
        lang,
    )
}

/// A round's mark in the score's list: "ok", "close" (a related fix reached) or "miss", in the
/// user's language, padded to the widest so the ids after it line up.
pub fn round_mark(round: &RoundResult, lang: Lang) -> String {
    let s = crate::i18n::strings(lang);
    let word = match (round.correct, round.close) {
        (true, _) => s.practice_ok,
        (false, true) => s.practice_close_mark,
        (false, false) => s.practice_miss,
    };
    padded_mark(word, lang)
}

fn padded_mark(word: &str, lang: Lang) -> String {
    use unicode_width::UnicodeWidthStr;
    let s = crate::i18n::strings(lang);
    let wide = [s.practice_ok, s.practice_close_mark, s.practice_miss]
        .iter()
        .map(|w| w.width())
        .max()
        .unwrap_or(0);
    format!("{word}{}", " ".repeat(wide.saturating_sub(word.width())))
}

/// What the score's list says of a round after its fix, if anything: the fix reached by a
/// round that missed or was close, and the answers taken back ("reached
/// network-whitelist-ips, 1 step back").
pub fn round_note(round: &RoundResult, lang: Lang) -> Option<String> {
    let s = crate::i18n::strings(lang);
    let mut notes = Vec::new();
    if !round.correct && !round.reached.is_empty() {
        notes.push(crate::i18n::fill(
            s.practice_reached_note,
            &[("reached", &crate::text::sanitize_line(&round.reached))],
        ));
    }
    if !round.taken_back.is_empty() {
        notes.push(crate::i18n::count(
            round.taken_back.len(),
            s.practice_back_note,
        ));
    }
    (!notes.is_empty()).then(|| notes.join(", "))
}

/// How a right round was walked when it was not the straight way, for its verdict: "after 1
/// step back", "in 4 answers where 3 would do", or both; `None` for the straight way.
pub fn detour(round: &RoundResult, lang: Lang) -> Option<String> {
    let s = crate::i18n::strings(lang);
    let mut how = Vec::new();
    if !round.taken_back.is_empty() {
        how.push(crate::i18n::count(
            round.taken_back.len(),
            s.practice_after_back,
        ));
    }
    // The way to another fix quoting the same message is not measured against this one's.
    if round.reached == round.target && round.answers > round.shortest {
        how.push(crate::i18n::fill(
            s.practice_longer_way,
            &[
                ("answers", &round.answers.to_string()),
                ("shortest", &round.shortest.to_string()),
            ],
        ));
    }
    (!how.is_empty()).then(|| how.join(", "))
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
    /// Answers taken back in the round being played (Backspace, Alt-N, `r`), in the order they
    /// were taken back: judged with the round, then cleared.
    pub taken_back: Vec<(String, usize)>,
    /// On a question's first answer, the lines scrolled up (Up) toward the text above it ("Why
    /// we ask") when the two do not fit together; `None` on arriving at a question: that text
    /// is shown from its start.
    pub scrolled_up: Option<usize>,
    /// On the score: the round selected in its list; `None` until one is chosen (the first
    /// round not right is, see [`Practice::selected`]).
    pub chosen: Option<usize>,
    /// On the score: the round whose verdict is open again, read-only.
    pub review: Option<Review>,
}

/// A round's verdict opened again from the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    /// Index of the round in the score.
    pub round: usize,
    /// First line of the verdict shown (the score keeps its own).
    pub scroll: usize,
}

impl Practice {
    pub fn new(tree: &Tree, count: usize, seed: u64) -> Practice {
        Practice::of(
            pick_targets(tree, count, seed),
            Score {
                seed,
                rounds: Vec::new(),
                count,
                retry: None,
            },
        )
    }

    fn of(targets: Vec<String>, score: Score) -> Practice {
        Practice {
            targets,
            round: 0,
            score,
            scroll: 0,
            taken_back: Vec::new(),
            scrolled_up: None,
            chosen: None,
            review: None,
        }
    }

    /// A new run of the rounds played and not right (missed or close): the same messages in
    /// the same order, scored afresh. `None` when there is none (every round played was right).
    pub fn retry(&self) -> Option<Practice> {
        let targets: Vec<String> = self
            .score
            .rounds
            .iter()
            .filter(|r| !r.correct)
            .map(|r| r.target.clone())
            .collect();
        if targets.is_empty() {
            return None;
        }
        // A retry of a retry still names the first run.
        let first_count = self
            .score
            .retry
            .as_ref()
            .map_or(self.score.count, |r| r.count);
        let score = Score {
            seed: self.score.seed,
            rounds: Vec::new(),
            count: targets.len(),
            retry: Some(Retry {
                targets: targets.clone(),
                count: first_count,
            }),
        };
        Some(Practice::of(targets, score))
    }

    /// On the score, the round selected in its list: the one chosen, else the first round not
    /// right (what a trainee opens first to learn from), else the first. 0 with no round.
    pub fn selected(&self) -> usize {
        let last = self.score.rounds.len().saturating_sub(1);
        self.chosen
            .unwrap_or_else(|| {
                self.score
                    .rounds
                    .iter()
                    .position(|r| !r.correct)
                    .unwrap_or(0)
            })
            .min(last)
    }

    /// Notes answers dropped from the trail while a round is played (going back a step, to
    /// the Nth answer, or starting over), in trail order.
    pub fn take_back(&mut self, dropped: &[(String, usize)]) {
        if self.result().is_none() {
            self.taken_back.extend(dropped.iter().cloned());
        }
    }

    /// Ends the run before its last round: the rounds played are kept for the score (which
    /// says how many were planned), the others dropped.
    pub fn end_early(&mut self) {
        self.targets.truncate(self.score.rounds.len());
        self.round = self.targets.len();
        self.scroll = 0;
        self.taken_back.clear();
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
    judge_walk(tree, target, trail, &[], reached)
}

/// [`judge`] of a round in which the answers `taken_back` were given and taken back (in the
/// order they were): what counts stays reaching the right fix, but each answer taken back is
/// kept, and one that led away from the fix is a wrong turn too.
pub fn judge_walk(
    tree: &Tree,
    target: &str,
    trail: &[(String, usize)],
    taken_back: &[(String, usize)],
    reached: &str,
) -> RoundResult {
    let shortest_way = tree.path_to(target);
    let shortest = shortest_way.as_ref().map(|p| p.len()).unwrap_or(0);
    // A fix that quotes the very message shown is as right: the trainee cannot tell them apart
    // (`triage check` allows that only for fixes that list each other in "See also").
    let same_message = reached != target && quotes_prompt(tree, target, reached);
    let right = |leaf: &str| leaf == target || (same_message && leaf == reached);
    let leads = |next: &str| right(next) || reachable_from(tree, next).iter().any(|l| right(l));
    // The answer that leads on from `question` when `answer` does not, if the fix could still
    // be reached from there: the one on the shortest way when the question is on it, else any
    // that leads on.
    let wrong_turn = |question: &str, answer: usize| -> Option<usize> {
        let q = tree.question(question)?;
        let next = q.answers.get(answer)?.next.as_str();
        if !leads(question) || leads(next) {
            return None;
        }
        let on_shortest = shortest_way
            .as_ref()
            .and_then(|p| p.iter().find(|(q, _)| *q == question).map(|(_, a)| *a));
        Some(
            on_shortest
                .or_else(|| q.answers.iter().position(|a| leads(&a.next)))
                .unwrap_or(0),
        )
    };
    let mut wrong_turns = Vec::new();
    let mut turns = Vec::new();
    let mut back_done = vec![false; taken_back.len()];
    let mut push = |question: &str, given: usize, right: usize, taken_back: bool| {
        wrong_turns.push(question.to_string());
        turns.push(Turn {
            given,
            right,
            taken_back,
        });
    };
    // Along the walk: at each question, the wrong answers taken back there, then the answer
    // the walk went on with when it is wrong too.
    for (question, answer) in trail {
        for (i, (q, a)) in taken_back.iter().enumerate() {
            if q == question && !back_done[i] {
                back_done[i] = true;
                if let Some(right) = wrong_turn(q, *a) {
                    push(q, *a, right, true);
                }
            }
        }
        if let Some(right) = wrong_turn(question, *answer) {
            push(question, *answer, right, false);
        }
    }
    // Then those taken back at questions the walk did not come back to.
    for (i, (q, a)) in taken_back.iter().enumerate() {
        if !back_done[i]
            && let Some(right) = wrong_turn(q, *a)
        {
            push(q, *a, right, true);
        }
    }
    let correct = reached == target || same_message;
    // A related fix: listed in the "See also" of the fix asked for.
    let close = !correct
        && tree
            .leaf(target)
            .is_some_and(|l| l.see_also.iter().any(|id| id == reached));
    RoundResult {
        target: target.to_string(),
        reached: reached.to_string(),
        correct,
        close,
        answers: trail.len(),
        shortest,
        wrong_turns,
        turns,
        taken_back: taken_back
            .iter()
            .map(|(question, answer)| TakenBack {
                question: question.clone(),
                answer: *answer,
            })
            .collect(),
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
                right,
                taken_back: false,
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
        assert!(!r.close && r.taken_back.is_empty());
        // A turn saved before answers taken back were kept was not taken back.
        let old = r#"{"target": "backup-19", "reached": "restore-02", "correct": false,
                      "answers": 1, "shortest": 3, "wrong_turns": ["start"],
                      "turns": [{"given": 2, "right": 1}]}"#;
        let r: RoundResult = serde_json::from_str(old).unwrap();
        assert!(!r.turns[0].taken_back);
    }

    /// A round as saved now loads back the same; what is not there is not written (a round
    /// walked straight to its fix is saved as before).
    #[test]
    fn a_round_with_what_was_taken_back_is_saved_and_loads_back() {
        let tree = crate::tree::embedded();
        let trail = tree.trail_to("backup-19").unwrap();
        let straight = judge(&tree, "backup-19", &trail, "backup-19");
        let json = serde_json::to_value(&straight).unwrap();
        for absent in ["close", "taken_back", "turns"] {
            assert!(json.get(absent).is_none(), "{json}");
        }
        let start = tree.question(&tree.start).unwrap();
        let restore = start
            .answers
            .iter()
            .position(|a| a.label.en.starts_with("Restoring"))
            .unwrap();
        let back = vec![(tree.start.clone(), restore)];
        let r = judge_walk(&tree, "backup-19", &trail, &back, "backup-19");
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<RoundResult>(&text).unwrap(), r);
    }

    /// The tree of the seed-5 user test: backup-02 (no network for the snapshot) lists
    /// network-whitelist-ips in its "See also"; reaching that one is close, not right and not a
    /// plain miss. A fix not listed there is a miss.
    #[test]
    fn a_fix_listed_in_the_see_also_of_the_one_asked_for_is_close() {
        let tree = crate::tree::embedded();
        let target = "backup-02";
        assert!(
            tree.leaf(target)
                .unwrap()
                .see_also
                .iter()
                .any(|id| id == "network-whitelist-ips")
        );
        let to = |leaf: &str| tree.trail_to(leaf).unwrap();
        let r = judge(
            &tree,
            target,
            &to("network-whitelist-ips"),
            "network-whitelist-ips",
        );
        assert!(r.close && !r.correct, "{r:?}");
        // Where the trainee went another way is still shown.
        assert!(!r.wrong_turns.is_empty(), "{r:?}");
        let r = judge(&tree, target, &to("restore-02"), "restore-02");
        assert!(!r.close && !r.correct, "{r:?}");
        // The fix itself is right, never close.
        let r = judge(&tree, target, &to(target), target);
        assert!(r.correct && !r.close, "{r:?}");
        // Score: right of played, then the close ones.
        let score = Score {
            seed: 5,
            rounds: vec![
                judge(&tree, target, &to(target), target),
                judge(&tree, target, &to(target), target),
                judge(
                    &tree,
                    target,
                    &to("network-whitelist-ips"),
                    "network-whitelist-ips",
                ),
            ],
            count: 3,
            retry: None,
        };
        assert_eq!(score.heading(Lang::En), "Score: 2/3 (1 close)");
        assert_eq!(score.heading(Lang::Ko), "점수: 2/3 (근접 1)");
    }

    /// The seed-1 user test, round 3 (backup-11): "2", Backspace, "5", "4" reaches the fix. Right
    /// still, but the answer taken back is kept (it could lead there too: no wrong turn); one
    /// that led away is a wrong turn too.
    #[test]
    fn an_answer_taken_back_is_kept_and_a_wrong_one_is_a_wrong_turn() {
        let tree = crate::tree::embedded();
        let trail = tree.trail_to("backup-11").unwrap();
        assert_eq!(trail.iter().map(|(_, a)| a + 1).collect::<Vec<_>>(), [5, 4]);
        let back = vec![(tree.start.clone(), 1)];
        let r = judge_walk(&tree, "backup-11", &trail, &back, "backup-11");
        assert!(r.correct);
        assert_eq!(
            r.taken_back,
            vec![TakenBack {
                question: tree.start.clone(),
                answer: 1
            }]
        );
        assert!(r.wrong_turns.is_empty(), "{r:?}");
        assert_eq!(detour(&r, Lang::En).as_deref(), Some("after 1 step back"));
        assert_eq!(detour(&r, Lang::Ko).as_deref(), Some("1단계 되돌린 뒤"));
        // "3" (restoring a VM) taken back: it cannot lead to a backup fix.
        let back = vec![(tree.start.clone(), 2)];
        let wrong = judge_walk(&tree, "backup-11", &trail, &back, "backup-11");
        assert!(wrong.correct);
        assert_eq!(wrong.wrong_turns, vec![tree.start.clone()]);
        assert_eq!(
            wrong.turns,
            vec![Turn {
                given: 2,
                right: 4,
                taken_back: true
            }]
        );
        // The score counts the steps taken back.
        let score = Score {
            seed: 1,
            rounds: vec![r, wrong],
            count: 2,
            retry: None,
        };
        assert_eq!(score.heading(Lang::En), "Score: 2/2 (2 steps taken back)");
        assert_eq!(score.heading(Lang::Ko), "점수: 2/2 (2단계 되돌림)");
        assert_eq!(score.history_line(Lang::En), "practice run: 2 of 2 right");
    }

    /// `triage history` lists a practice run by its score, rounds that reached a related fix
    /// included.
    #[test]
    fn a_history_line_counts_close_rounds() {
        let round = |correct, close| round_of("backup-19", correct, close);
        let score = Score {
            seed: 1,
            rounds: vec![round(true, false), round(false, true), round(false, false)],
            count: 3,
            retry: None,
        };
        assert_eq!(
            score.history_line(Lang::En),
            "practice run: 1 of 3 right, 1 close"
        );
        assert_eq!(
            score.history_line(Lang::Ko),
            "연습: 3문제 중 1개 정답, 근접 1"
        );
    }

    /// A run ended early is listed as such, as its score said ("Score: 1/1 (ended after 1 of 3
    /// rounds)"): not as a run of one round all right.
    #[test]
    fn a_history_line_says_the_run_ended_early() {
        let tree = crate::tree::embedded();
        let trail = tree.trail_to("backup-19").unwrap();
        let score = Score {
            seed: 7,
            rounds: vec![judge(&tree, "backup-19", &trail, "backup-19")],
            count: 3,
            retry: None,
        };
        assert_eq!(
            score.history_line(Lang::En),
            "practice run: 1 of 1 right, ended after 1 of 3 rounds"
        );
        assert_eq!(
            score.history_line(Lang::Ko),
            "연습: 1문제 중 1개 정답, 3문제 중 1문제 풀고 끝냄"
        );
        // Quit at once.
        let none = Score {
            seed: 7,
            rounds: Vec::new(),
            count: 3,
            retry: None,
        };
        assert_eq!(
            none.history_line(Lang::En),
            "practice run: 0 of 0 right, ended after 0 of 3 rounds"
        );
        // Played to its end, or saved before the count was kept: nothing more.
        let full = Score { count: 1, ..score };
        assert_eq!(full.history_line(Lang::En), "practice run: 1 of 1 right");
        let old = Score { count: 0, ..full };
        assert_eq!(old.history_line(Lang::En), "practice run: 1 of 1 right");
    }

    /// A round asked for `target` and judged `correct` or `close` (the rest does not matter
    /// to a retry).
    fn round_of(target: &str, correct: bool, close: bool) -> RoundResult {
        RoundResult {
            target: target.into(),
            reached: if correct {
                target.into()
            } else {
                "backup-24".into()
            },
            correct,
            close,
            answers: 3,
            shortest: 3,
            wrong_turns: Vec::new(),
            turns: Vec::new(),
            taken_back: Vec::new(),
        }
    }

    /// A run whose rounds were played as `rounds` ((target, correct, close)), of `count`
    /// planned, dealt by seed 7.
    fn played(rounds: &[(&str, bool, bool)], count: usize) -> Practice {
        let targets: Vec<String> = rounds.iter().map(|(t, ..)| t.to_string()).collect();
        let mut p = Practice::of(
            targets,
            Score {
                seed: 7,
                rounds: rounds
                    .iter()
                    .map(|(t, correct, close)| round_of(t, *correct, *close))
                    .collect(),
                count,
                retry: None,
            },
        );
        p.round = p.targets.len();
        p
    }

    /// `r` on the score: the rounds missed and the close ones, in their order, duplicates kept
    /// (more rounds than fixes repeat fixes), none of the right ones; scored afresh.
    #[test]
    fn a_retry_plays_the_rounds_not_right_in_their_order() {
        let p = played(
            &[
                ("backup-19", false, false),
                ("backup-02", true, false),
                ("backup-11", false, true),
                ("backup-19", false, false),
            ],
            5,
        );
        let retry = p.retry().expect("rounds not right");
        assert_eq!(retry.targets, ["backup-19", "backup-11", "backup-19"]);
        assert_eq!(retry.round, 0);
        assert!(retry.score.rounds.is_empty() && !retry.finished());
        assert_eq!(retry.score.count, 3);
        assert_eq!(retry.score.seed, 7);
        assert_eq!(
            retry.score.retry,
            Some(Retry {
                targets: retry.targets.clone(),
                count: 5,
            })
        );
        // A retry of the retry still names the first run's count.
        let again = played(&[("backup-11", false, true), ("backup-19", true, false)], 2);
        let again = Practice {
            score: Score {
                retry: retry.score.retry.clone(),
                ..again.score
            },
            ..again
        };
        let next = again.retry().unwrap();
        assert_eq!(next.targets, ["backup-11"]);
        assert_eq!(next.score.retry.unwrap().count, 5);
    }

    #[test]
    fn nothing_to_retry_when_every_round_played_was_right_or_none_was_played() {
        assert_eq!(
            played(&[("backup-19", true, false), ("backup-02", true, false)], 2).retry(),
            None
        );
        // Ended before any round: nothing was missed either.
        assert_eq!(played(&[], 3).retry(), None);
    }

    /// The score opens on the first round not right: what a trainee opens first to learn from.
    #[test]
    fn the_score_selects_the_first_round_not_right_until_one_is_chosen() {
        let mut p = played(
            &[
                ("backup-02", true, false),
                ("backup-19", false, false),
                ("backup-11", false, true),
            ],
            3,
        );
        assert_eq!(p.selected(), 1);
        p.chosen = Some(2);
        assert_eq!(p.selected(), 2);
        // Never past the last round.
        p.chosen = Some(9);
        assert_eq!(p.selected(), 2);
        assert_eq!(played(&[("backup-02", true, false)], 1).selected(), 0);
        assert_eq!(played(&[], 2).selected(), 0);
    }

    /// A retry run says so wherever its score is named: on its Score screen, printed on quit
    /// (its seed dealt the run it retried), and in `triage history`; it is saved and loads back,
    /// and a record without it is no retry.
    #[test]
    fn a_retry_run_says_it_is_one() {
        let retry = played(
            &[("backup-19", false, false), ("backup-02", true, false)],
            2,
        )
        .retry()
        .unwrap();
        let mut score = retry.score;
        score.rounds.push(round_of("backup-19", true, false));
        assert_eq!(score.heading(Lang::En), "Score: 1/1 (retry)");
        assert_eq!(score.heading(Lang::Ko), "점수: 1/1 (다시 풀기)");
        assert_eq!(score.summary(Lang::En), "Score: 1/1 (retry of seed 7)");
        assert_eq!(score.summary(Lang::Ko), "점수: 1/1 (시드 7 다시 풀기)");
        assert_eq!(score.history_line(Lang::En), "practice retry: 1 of 1 right");
        assert_eq!(
            score.history_line(Lang::Ko),
            "연습 다시 풀기: 1문제 중 1개 정답"
        );
        let text = serde_json::to_string(&score).unwrap();
        assert_eq!(serde_json::from_str::<Score>(&text).unwrap(), score);
        let first = played(&[("backup-19", true, false)], 1).score;
        let json = serde_json::to_value(&first).unwrap();
        assert!(json.get("retry").is_none(), "{json}");
        assert_eq!(serde_json::from_value::<Score>(json).unwrap().retry, None);
    }

    /// A walk longer than the shortest way (another way through the tree) is right, and its
    /// verdict says how long it was.
    #[test]
    fn a_longer_way_to_the_fix_is_right_and_says_so() {
        let tree = crate::tree::embedded();
        // A fix that can be reached by a way longer than its shortest one.
        let (target, trail) = tree
            .leaves()
            .find_map(|(id, _)| {
                let shortest = tree.path_to(id)?.len();
                let trail = longer_trail(&tree, &tree.start, id, shortest)?;
                Some((id.to_string(), trail))
            })
            .expect("a fix with a longer way to it");
        let r = judge(&tree, &target, &trail, &target);
        assert!(r.correct && r.wrong_turns.is_empty(), "{r:?}");
        assert!(r.answers > r.shortest);
        let how = detour(&r, Lang::En).unwrap();
        assert_eq!(
            how,
            format!("in {} answers where {} would do", r.answers, r.shortest)
        );
        // The straight way says nothing.
        let straight = judge(&tree, &target, &tree.trail_to(&target).unwrap(), &target);
        assert_eq!(detour(&straight, Lang::En), None);
    }

    /// A way from `from` to `leaf` of more than `shortest` answers, if there is one (depth
    /// first, no question twice).
    fn longer_trail(
        tree: &Tree,
        from: &str,
        leaf: &str,
        shortest: usize,
    ) -> Option<Vec<(String, usize)>> {
        fn walk(
            tree: &Tree,
            at: &str,
            leaf: &str,
            shortest: usize,
            trail: &mut Vec<(String, usize)>,
        ) -> bool {
            let Some(q) = tree.question(at) else {
                return at == leaf && trail.len() > shortest;
            };
            if trail.iter().any(|(id, _)| id == at) {
                return false;
            }
            for (i, a) in q.answers.iter().enumerate() {
                trail.push((at.to_string(), i));
                if walk(tree, &a.next, leaf, shortest, trail) {
                    return true;
                }
                trail.pop();
            }
            false
        }
        let mut trail = Vec::new();
        walk(tree, from, leaf, shortest, &mut trail).then_some(trail)
    }
}
