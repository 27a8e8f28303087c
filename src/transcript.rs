//! A session as Markdown, ready to paste into an incident ticket: what was asked, what was
//! answered, what was searched, the fix and its commands. Pure: times come from the caller.

use crate::app::Event;
use crate::i18n::strings;
use crate::text::{sanitize, sanitize_line};
use crate::tree::{Lang, Tree};

/// What a transcript is made of; `history` stores the same record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Session {
    pub tree_id: String,
    pub lang: Lang,
    /// RFC 3339 UTC times.
    pub started: String,
    pub ended: Option<String>,
    pub steps: Vec<SessionStep>,
    /// Where the session stopped: the current node id.
    pub current: String,
    /// The trail at the end, so `resume` can reopen the session where it stopped.
    pub trail: Vec<(String, usize)>,
    /// Values given to the commands' placeholders (`fill::Values::pairs`): the fix's commands
    /// are written with them.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub values: std::collections::BTreeMap<String, String>,
}

/// One thing the user did, in words that survive a tree update (question and answer texts are
/// copied, not only referenced).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SessionStep {
    Answered {
        question_id: String,
        question: String,
        answer: String,
    },
    WentBack {
        to_question: String,
    },
    Restarted,
    Searched {
        query: String,
        top: Vec<String>,
    },
    Reached {
        leaf: String,
        title: String,
        via_search: bool,
        /// Opened from the "See also" of this fix.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        see_also_of: Option<String>,
    },
    Copied {
        leaf: String,
        command: String,
    },
    /// The session was reopened with `triage resume`, at node `at`, at `time` (RFC 3339 UTC).
    Resumed {
        at: String,
        time: String,
    },
}

impl Session {
    /// The record of the events of a wizard session on `tree`.
    pub fn from_events(
        tree: &Tree,
        lang: Lang,
        events: &[Event],
        started: String,
        current: &str,
        trail: &[(String, usize)],
    ) -> Session {
        let mut steps = Vec::new();
        let mut opened_from_search = false;
        let mut opened_see_also: Option<String> = None;
        for e in events {
            match e {
                Event::Answered { question, answer } => {
                    if let Some(q) = tree.question(question) {
                        steps.push(SessionStep::Answered {
                            question_id: question.clone(),
                            question: q.text.get(lang).to_string(),
                            answer: q
                                .answers
                                .get(*answer)
                                .map(|a| a.label.get(lang).to_string())
                                .unwrap_or_default(),
                        });
                    }
                    opened_from_search = false;
                }
                Event::WentBack { to_question } => steps.push(SessionStep::WentBack {
                    to_question: to_question.clone(),
                }),
                Event::Restarted => steps.push(SessionStep::Restarted),
                Event::Searched { query, top } => steps.push(SessionStep::Searched {
                    query: query.clone(),
                    top: top.clone(),
                }),
                Event::OpenedFromSearch { .. } => opened_from_search = true,
                Event::OpenedSeeAlso { from } => opened_see_also = Some(from.clone()),
                Event::Reached { leaf } => {
                    let see_also_of = opened_see_also.take();
                    steps.push(SessionStep::Reached {
                        leaf: leaf.clone(),
                        title: tree
                            .leaf(leaf)
                            .map(|l| l.title.get(lang).to_string())
                            .unwrap_or_default(),
                        // A "See also" entry opens like a search result: it is no search.
                        via_search: std::mem::take(&mut opened_from_search)
                            && see_also_of.is_none(),
                        see_also_of,
                    })
                }
                Event::Copied { leaf, text, .. } => steps.push(SessionStep::Copied {
                    leaf: leaf.clone(),
                    command: text.clone(),
                }),
                Event::LanguageChanged { .. } => {}
            }
        }
        Session {
            tree_id: tree.id.clone(),
            lang,
            started,
            ended: None,
            steps,
            current: current.to_string(),
            trail: trail.to_vec(),
            values: Default::default(),
        }
    }

    /// The leaf the session ended on, if any.
    pub fn leaf<'t>(&self, tree: &'t Tree) -> Option<&'t crate::tree::Leaf> {
        tree.leaf(&self.current)
    }
}

/// The session as Markdown. Text from the tree and from the user is sanitized, and code sits in
/// fences long enough that no backtick run inside can close them.
pub fn markdown(tree: &Tree, session: &Session) -> String {
    let mut out = journal(tree, session);
    fix_section(tree, session, &mut out);
    out
}

/// The transcript of a practice run, round by round: the message to solve, what was done, and
/// the round's result (a fix reached is a round's answer, not a fix for a real problem); then
/// the score.
pub fn practice_markdown(tree: &Tree, session: &Session, score: &crate::practice::Score) -> String {
    let lang = session.lang;
    let s = strings(lang);
    let w = &s.transcript;
    let mut out = header(tree, session);
    // A round ends at the fix reached (search and See also are off in practice); what comes
    // after the last one is the round left unfinished.
    let mut rounds: Vec<Vec<&SessionStep>> = vec![Vec::new()];
    for step in &session.steps {
        if let Some(round) = rounds.last_mut() {
            round.push(step);
        }
        if matches!(step, SessionStep::Reached { .. }) {
            rounds.push(Vec::new());
        }
    }
    if rounds.len() > score.rounds.len() && rounds.last().is_some_and(Vec::is_empty) {
        rounds.pop();
    }
    // A record without its steps still lists every round played.
    while rounds.len() < score.rounds.len() {
        rounds.push(Vec::new());
    }
    let planned = score.count.max(rounds.len()).max(score.rounds.len());
    // A retry's rounds are the ones an earlier run did not get right, not the seed's.
    let targets = match &score.retry {
        Some(retry) => retry.targets.clone(),
        None => crate::practice::pick_targets(tree, planned, score.seed),
    };
    for (i, steps) in rounds.iter().enumerate() {
        let result = score.rounds.get(i);
        let target = result
            .map(|r| r.target.as_str())
            .or(targets.get(i).map(String::as_str))
            .unwrap_or("");
        let title = tree.leaf(target).map_or("", |l| l.title.get(lang));
        let round = crate::i18n::fill(
            w.practice_round_heading,
            &[("n", &(i + 1).to_string()), ("count", &planned.to_string())],
        );
        out.push_str(&format!(
            "\n## {round}: `{}` {}\n\n> {}: {}\n\n",
            sanitize_line(target),
            sanitize_line(title),
            s.error_message,
            sanitize_line(&crate::practice::prompt(tree, target, lang))
        ));
        for (n, step) in steps.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", n + 1, step_line(tree, lang, step)));
        }
        match result {
            Some(r) => {
                // The line names the fix reached, the answers and the shortest way: of the
                // notes the score's list and the verdict add, only the answers taken back.
                let back = if r.taken_back.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", {}",
                        crate::i18n::count(r.taken_back.len(), s.practice_back_note)
                    )
                };
                let line = crate::i18n::fill(
                    crate::i18n::plural(r.answers, w.practice_round),
                    &[
                        ("verdict", crate::practice::round_mark(r, lang).trim_end()),
                        ("target", &sanitize_line(&r.target)),
                        ("title", &sanitize_line(title)),
                        ("reached", &sanitize_line(&r.reached)),
                        ("answers", &r.answers.to_string()),
                        ("shortest", &r.shortest.to_string()),
                        ("back", &back),
                    ],
                );
                out.push_str(&format!("\n{line}\n"));
            }
            None => out.push_str(&format!("\n{}\n", w.not_finished)),
        }
    }
    // Written while the run goes on (`e` during a round; the session has no end yet): it is in
    // progress, not ended early.
    let result = if session.ended.is_none() && score.rounds.len() < score.count {
        score.in_progress(lang)
    } else {
        score.result(lang, true)
    };
    out.push_str(&format!("\n## {}: {}\n", w.practice, result));
    out
}

/// The header and the numbered list of what was done.
fn journal(tree: &Tree, session: &Session) -> String {
    let w = &strings(session.lang).transcript;
    let mut out = header(tree, session);
    out.push_str(&format!("\n## {}\n\n", w.session));
    for (n, step) in session.steps.iter().enumerate() {
        out.push_str(&format!(
            "{}. {}\n",
            n + 1,
            step_line(tree, session.lang, step)
        ));
    }
    if session.steps.is_empty() {
        out.push_str(&format!("{}\n", w.no_answers));
    }
    out
}

/// The title, and the tree, language and times of the session.
fn header(tree: &Tree, session: &Session) -> String {
    let lang = session.lang;
    let w = &strings(lang).transcript;
    let mut out = format!("# triage: {}\n\n", sanitize_line(tree.title.get(lang)));
    out.push_str(&format!(
        "- {}: `{}`\n- {}: {}\n- {}: {}\n",
        w.tree,
        sanitize_line(&session.tree_id),
        w.language,
        lang.code(),
        w.started,
        sanitize_line(&session.started)
    ));
    if let Some(ended) = &session.ended {
        out.push_str(&format!("- {}: {}\n", w.ended, sanitize_line(ended)));
    }
    out
}

/// One step of the session as a line of its list.
fn step_line(tree: &Tree, lang: Lang, step: &SessionStep) -> String {
    let w = &strings(lang).transcript;
    // A node as a reader knows it: its question or title after the id.
    let node = |id: &str| -> String {
        let text = match tree.node(id) {
            Some(crate::tree::Node::Question(q)) => q.text.get(lang),
            Some(crate::tree::Node::Leaf(l)) => l.title.get(lang),
            None => "",
        };
        if text.is_empty() {
            format!("`{}`", sanitize_line(id))
        } else {
            format!("`{}` {}", sanitize_line(id), sanitize_line(text))
        }
    };
    match step {
        SessionStep::Answered {
            question, answer, ..
        } => format!("{} **{}**", sanitize_line(question), sanitize_line(answer)),
        SessionStep::WentBack { to_question } => {
            format!("{} {}", w.went_back, node(to_question))
        }
        SessionStep::Restarted => w.restarted.to_string(),
        // A pasted log, line by line under the step (a terminal's paste ends lines with CR).
        SessionStep::Searched { query, top } if query.trim().contains(['\n', '\r']) => {
            let lines: Vec<String> = query
                .trim()
                .replace("\r\n", "\n")
                .split(['\n', '\r'])
                .map(sanitize_line)
                .collect();
            format!(
                "{} ({}: {}):\n\n{}",
                w.searched,
                w.top,
                sanitize_line(&top.join(", ")),
                fenced("text", &lines.join("\n"), "   ").trim_end()
            )
        }
        SessionStep::Searched { query, top } => format!(
            "{} {} ({}: {})",
            w.searched,
            inline_code(query),
            w.top,
            sanitize_line(&top.join(", "))
        ),
        SessionStep::Reached {
            leaf,
            title,
            via_search,
            see_also_of,
        } => format!(
            "{} `{}` {}{}",
            w.reached,
            sanitize_line(leaf),
            sanitize_line(title),
            match see_also_of {
                Some(from) => format!(
                    " {}",
                    crate::i18n::fill(w.from_see_also, &[("leaf", &sanitize_line(from))])
                ),
                None if *via_search => format!(" {}", w.from_search),
                None => String::new(),
            }
        ),
        SessionStep::Copied { command, .. } => format!("{} {}", w.copied, inline_code(command)),
        SessionStep::Resumed { at, time } => {
            format!("{} {} ({})", w.resumed, node(at), sanitize_line(time))
        }
    }
}

/// The fix the session ended on, whole: message, cause, steps with commands, links.
fn fix_section(tree: &Tree, session: &Session, out: &mut String) {
    let lang = session.lang;
    let s = strings(lang);
    let w = &s.transcript;
    if let Some(crate::tree::Node::Question(q)) = tree.node(&session.current) {
        // Handed over mid-way: where it stopped, and how the next shift goes on.
        let question = format!(
            "`{}` {}",
            sanitize_line(&session.current),
            sanitize_line(q.text.get(lang))
        );
        out.push_str(&format!(
            "\n## {}\n\n{}\n\n{}\n",
            w.not_finished,
            crate::i18n::fill(w.stopped_at, &[("question", &question)]),
            w.resume_hint
        ));
    }
    if let Some(leaf) = session.leaf(tree) {
        let values = crate::fill::Values::from_pairs(&session.values);
        out.push_str(&format!(
            "\n## {}: `{}` {}\n\n",
            w.fix,
            sanitize_line(&session.current),
            sanitize_line(leaf.title.get(lang))
        ));
        for e in &leaf.errors {
            out.push_str(&format!("> {}\n", sanitize_line(e.get(lang))));
        }
        out.push_str(&format!(
            "\n**{}:** {}\n\n**{}:**\n\n",
            s.cause,
            sanitize_line(leaf.cause.get(lang)),
            s.steps
        ));
        for (i, step) in leaf.steps.iter().enumerate() {
            out.push_str(&format!(
                "{}. {}\n",
                i + 1,
                sanitize_line(&values.fill(step.get(lang)))
            ));
            for c in &step.run {
                out.push_str(&fenced(
                    c.shell_id(),
                    &sanitize(&values.fill(c.code())),
                    "   ",
                ));
            }
        }
        if !leaf.links.is_empty() {
            out.push_str(&format!("\n**{}:**\n\n", s.links));
            for l in &leaf.links {
                out.push_str(&format!(
                    "- [{}]({})\n",
                    sanitize_line(l.title.get(lang)).replace(['[', ']'], ""),
                    sanitize_line(&l.url).replace([' ', ')'], "")
                ));
            }
        }
    }
}

fn inline_code(s: &str) -> String {
    let s = sanitize_line(s.trim());
    let ticks = "`".repeat(longest_run(&s, '`') + 1);
    // CommonMark strips one space each side: pad only where a backtick would touch the fence.
    if s.starts_with('`') || s.ends_with('`') {
        format!("{ticks} {s} {ticks}")
    } else {
        format!("{ticks}{s}{ticks}")
    }
}

fn fenced(lang: &str, code: &str, indent: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
    let mut out = format!("{indent}{fence}{lang}\n");
    for l in code.lines() {
        out.push_str(&format!("{indent}{l}\n"));
    }
    out.push_str(&format!("{indent}{fence}\n"));
    out
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for x in s.chars() {
        if x == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Now, as an RFC 3339 UTC time.
pub fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A retry's rounds are the ones it retried, not those its seed deals: a transcript written
    /// during its first round names the fix asked for from them.
    #[test]
    fn a_retrys_unfinished_round_is_named_from_what_it_retried() {
        let tree = crate::tree::embedded();
        let dealt = crate::practice::pick_targets(&tree, 3, 7);
        let score = crate::practice::Score {
            seed: 7,
            rounds: Vec::new(),
            count: 1,
            retry: Some(crate::practice::Retry {
                targets: vec![dealt[2].clone()],
                count: 3,
            }),
        };
        // One answer given in its first round.
        let answered = [crate::app::Event::Answered {
            question: tree.start.clone(),
            answer: 0,
        }];
        let session =
            Session::from_events(&tree, Lang::En, &answered, "t0".into(), &tree.start, &[]);
        let md = practice_markdown(&tree, &session, &score);
        assert!(
            md.contains(&format!("## Round 1/1: `{}`", dealt[2])),
            "{md}"
        );
        assert!(!md.contains(&format!("`{}`", dealt[0])), "{md}");
        assert!(
            md.contains("(in progress: round 1 of 1, retry of seed 7)"),
            "{md}"
        );
    }

    #[test]
    fn inline_code_survives_backticks_and_control_characters() {
        assert_eq!(inline_code("net start COMSysApp"), "`net start COMSysApp`");
        assert_eq!(inline_code("a `b` c"), "``a `b` c``");
        assert_eq!(inline_code("`x`"), "`` `x` ``");
        assert_eq!(inline_code("x\u{1b}[2Jy"), "`x\\x1b[2Jy`");
    }

    #[test]
    fn a_pasted_log_is_a_block_of_its_lines() {
        let tree = crate::tree::embedded();
        let step = SessionStep::Searched {
            query: "01:12:44 INFO started\r\u{1b}[31mERROR ```VSS``` in bad state".into(),
            top: vec!["backup-19".into()],
        };
        let line = step_line(&tree, Lang::En, &step);
        let lines: Vec<&str> = line.lines().collect();
        assert_eq!(
            lines,
            [
                "searched (top: backup-19):",
                "",
                "   ````text",
                "   01:12:44 INFO started",
                "   \\x1b[31mERROR ```VSS``` in bad state",
                "   ````",
            ]
        );
        // A query of one line stays on the step's line.
        let step = SessionStep::Searched {
            query: "vss writers".into(),
            top: vec!["backup-19".into()],
        };
        assert_eq!(
            step_line(&tree, Lang::En, &step),
            "searched `vss writers` (top: backup-19)"
        );
    }

    #[test]
    fn fences_are_longer_than_any_backtick_run_inside() {
        let f = fenced("bash", "echo ```", "");
        assert!(f.starts_with("````bash\n"));
        assert!(f.ends_with("````\n"));
    }

    #[test]
    fn korean_transcript_uses_korean_words_and_the_seed_message() {
        let tree = crate::tree::embedded();
        let trail = tree.trail_to("backup-19").unwrap();
        let events: Vec<Event> = trail
            .iter()
            .map(|(q, a)| Event::Answered {
                question: q.clone(),
                answer: *a,
            })
            .chain([Event::Reached {
                leaf: "backup-19".into(),
            }])
            .collect();
        let session =
            Session::from_events(&tree, Lang::Ko, &events, "t0".into(), "backup-19", &trail);
        let md = markdown(&tree, &session);
        assert!(md.contains("## 세션"), "{md}");
        assert!(md.contains("## 해결책: `backup-19`"), "{md}");
        assert!(
            md.contains("> VSS 기록기가 오류 상태이므로 스냅숏 작업이 실패함"),
            "{md}"
        );
        assert!(
            md.contains("```cmd\n   vssadmin list writers\n   ```"),
            "{md}"
        );
        assert_eq!(
            md.matches("\n1. ").count(),
            2,
            "session step 1 and fix step 1: {md}"
        );
    }
}
