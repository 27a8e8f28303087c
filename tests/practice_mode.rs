//! Practice mode without a terminal: the score in the user's language (on screen, printed on
//! quit, in the transcript), a run ended early, the footers, and the message to solve scrolling
//! at the small size.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use triage::app::{self, App, Msg};
use triage::i18n::{self, EN, KO};
use triage::keys::{self, Ctx};
use triage::practice::{self, Score};
use triage::theme::{Theme, ThemeName};
use triage::tree::{self, Lang, Tree};
use triage::ui;

fn tree() -> Arc<Tree> {
    static TREE: std::sync::OnceLock<Arc<Tree>> = std::sync::OnceLock::new();
    Arc::clone(TREE.get_or_init(|| Arc::new(tree::embedded())))
}

fn app(lang: Lang) -> App {
    App::new(tree(), lang, app::index_searcher(Default::default()))
}

fn theme() -> Theme {
    Theme::new(ThemeName::Default, false)
}

/// A key as the full-screen wizard reads it, through the key table.
fn press(a: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(msg) = keys::to_msg(ui::context(a), &key) {
        app::update(a, msg);
    }
}

/// Plays the current round to its verdict: by the shortest way when `right`, else by a first
/// answer that leads away from the fix asked for.
fn play(a: &mut App, right: bool) {
    let target = a.practice.as_ref().unwrap().target().unwrap().to_string();
    if right {
        let path = a.tree.path_to(&target).unwrap();
        let answers: Vec<usize> = path.into_iter().map(|(_, answer)| answer).collect();
        for answer in answers {
            app::update(a, Msg::Choose(answer));
        }
    } else {
        let mut first = true;
        while let Some(q) = a.tree.question(&a.current) {
            let away = (0..q.answers.len()).find(|i| {
                let next = &q.answers[*i].next;
                *next != target && !tree::validate::reachable_from(&a.tree, next).contains(&*target)
            });
            let answer = if first { away.unwrap() } else { 0 };
            first = false;
            app::update(a, Msg::Choose(answer));
        }
    }
    assert!(a.practice_verdict(), "the round was judged");
}

/// The text of a document's lines.
fn lines(doc: &triage::view::Document) -> Vec<String> {
    doc.lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

/// `text` without the ids and titles of the fixes asked for, the ids of the fixes reached (the
/// tree's words, not triage's) and the digits: what is left are triage's own words.
fn own_words(text: &str, score: &Score, lang: Lang) -> String {
    let mut rest = text.to_string();
    for r in &score.rounds {
        let title = tree().leaf(&r.target).unwrap().title.get(lang).to_string();
        rest = rest
            .replace(&title, "")
            .replace(&r.target, "")
            .replace(&r.reached, "");
    }
    rest.replace(|c: char| c.is_ascii_digit(), "")
}

// ------------------------------------------------------------------ 1. the score's words

#[test]
fn a_korean_score_has_no_english_word_on_screen_on_quit_or_in_the_transcript() {
    let mut a = app(Lang::Ko);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(2, 7);
    play(&mut a, false);
    press(&mut a, KeyCode::Enter);
    play(&mut a, true);
    press(&mut a, KeyCode::Enter);
    let p = a.practice.clone().unwrap();
    assert!(p.finished());
    let score = &p.score;
    // The score screen.
    let (doc, _) = a.verdict_view((78, 21), &theme()).unwrap();
    let screen = lines(&doc).join("\n");
    assert!(screen.contains("점수: 1/2"), "{screen}");
    assert!(
        screen.contains("1. 오답 ") && screen.contains("2. 정답 "),
        "{screen}"
    );
    // What is printed after quitting (full-screen and plain mode print the same).
    let printed = triage::report::practice_summary(&a.tree, score, Lang::Ko);
    assert!(printed.starts_with("점수: 1/2 (시드 7)\n"), "{printed}");
    // The transcript: round by round (heading, message, answers, result), then the score.
    let session = triage::transcript::Session::from_events(
        &a.tree,
        Lang::Ko,
        &a.events,
        "2026-11-30T00:00:00Z".into(),
        &a.current,
        &a.trail,
    );
    let md = triage::transcript::practice_markdown(&a.tree, &session, score);
    let (body, score_line) = md.split_once("## 연습: ").expect("the practice heading");
    assert!(score_line.starts_with("1/2 (시드 7)"), "{md}");
    for (i, r) in score.rounds.iter().enumerate() {
        let heading = format!("## 2문제 중 {}번째: `{}`", i + 1, r.target);
        let at = body
            .find(&heading)
            .unwrap_or_else(|| panic!("{heading}:\n{md}"));
        let round = &body[at..];
        let round = &round[..round[1..].find("\n## ").map_or(round.len(), |e| e + 1)];
        let prompt = triage::practice::prompt(&a.tree, &r.target, Lang::Ko);
        assert!(
            round.contains(&format!("> 오류 메시지: {prompt}")),
            "{round}"
        );
        assert!(round.contains("1. "), "the round's answers: {round}");
        let mark = if r.correct {
            "**정답** "
        } else {
            "**오답** "
        };
        assert!(round.contains(mark), "{round}");
    }
    let results: String = body
        .lines()
        .filter(|l| l.starts_with("**"))
        .chain(std::iter::once(score_line))
        .collect::<Vec<_>>()
        .join("\n");
    for text in [&screen, &printed, &results] {
        let rest = own_words(text, score, Lang::Ko);
        assert!(
            !rest.chars().any(|c| c.is_ascii_alphabetic()),
            "an English word among triage's own: {rest:?}"
        );
    }
}

#[test]
fn the_marks_line_up_and_english_keeps_its_words() {
    let tree = tree();
    let target = "backup-02";
    let to = |leaf: &str| tree.trail_to(leaf).unwrap();
    let close = practice::judge(
        &tree,
        target,
        &to("network-whitelist-ips"),
        "network-whitelist-ips",
    );
    assert!(close.close);
    for lang in [Lang::En, Lang::Ko] {
        use unicode_width::UnicodeWidthStr;
        let (ok, miss) = (practice::mark(true, lang), practice::mark(false, lang));
        let near = practice::round_mark(&close, lang);
        assert_eq!(ok.width(), miss.width(), "{ok:?} {miss:?}");
        assert_eq!(ok.width(), near.width(), "{ok:?} {near:?}");
    }
    assert_eq!(practice::mark(true, Lang::En), "ok   ");
    assert_eq!(practice::round_mark(&close, Lang::En), "close");
    assert_eq!(practice::mark(false, Lang::Ko), "오답");
    assert_eq!(practice::round_mark(&close, Lang::Ko), "근접");
    let score = Score {
        seed: 7,
        rounds: Vec::new(),
        count: 0,
        retry: None,
    };
    assert_eq!(score.summary(Lang::En), "Score: 0/0 (seed 7)");
    assert_eq!(score.summary(Lang::Ko), "점수: 0/0 (시드 7)");
}

// ------------------------------------------------------------------ 2. a run ended early

/// q in round 3 of 3: the score of the 2 rounds played, saying that 3 were planned; nothing of
/// round 3's trail or a changed total in the header.
#[test]
fn q_mid_round_says_how_many_rounds_were_played_of_how_many() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(3, 7);
    play(&mut a, false);
    press(&mut a, KeyCode::Enter);
    play(&mut a, true);
    press(&mut a, KeyCode::Enter);
    app::update(&mut a, Msg::Choose(0));
    press(&mut a, KeyCode::Char('q'));
    assert!(!a.quit);
    let p = a.practice.as_ref().unwrap();
    assert!(p.finished());
    assert!(p.score.ended_early());
    assert_eq!((p.score.rounds.len(), p.score.count), (2, 3));
    assert_eq!(
        p.score.heading(Lang::En),
        "Score: 1/2 (ended after 2 of 3 rounds)"
    );
    assert_eq!(
        p.score.summary(Lang::En),
        "Score: 1/2 (ended after 2 of 3 rounds, seed 7)"
    );
    assert_eq!(
        p.score.summary(Lang::Ko),
        "점수: 1/2 (3문제 중 2문제 풀고 끝냄, 시드 7)"
    );
    let (doc, _) = a.verdict_view((78, 21), &theme()).unwrap();
    assert_eq!(lines(&doc)[0], "Score: 1/2 (ended after 2 of 3 rounds)");
    let printed = triage::report::practice_summary(&a.tree, &p.score, Lang::En);
    assert!(
        printed.starts_with("Score: 1/2 (ended after 2 of 3 rounds, seed 7)\n"),
        "{printed}"
    );
    // On the score Enter opens a round's verdict again (q goes back), and q quits.
    press(&mut a, KeyCode::Enter);
    assert!(!a.quit);
    assert_eq!(ui::context(&a), Ctx::Review);
    press(&mut a, KeyCode::Char('q'));
    assert_eq!(ui::context(&a), Ctx::Score);
    assert!(!a.quit);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
}

/// q mid-round does the same whether a round was finished or not: it ends the run and shows the
/// Score screen (saying how many rounds of how many were played), which q leaves (Enter too
/// with no round to open). At the first question, before any answer, too.
#[test]
fn q_mid_round_shows_the_score_screen_before_any_round_was_finished_too() {
    for answers in [0, 1] {
        let mut a = app(Lang::En);
        app::update(&mut a, Msg::Resize(80, 24));
        a.start_practice(5, 7);
        for _ in 0..answers {
            app::update(&mut a, Msg::Choose(1));
        }
        assert!(!a.practice_verdict());
        press(&mut a, KeyCode::Char('q'));
        assert!(!a.quit, "{answers} answers: q shows the score first");
        let p = a.practice.as_ref().unwrap();
        assert!(p.finished() && a.practice_verdict());
        let (doc, _) = a.verdict_view((78, 21), &theme()).unwrap();
        assert_eq!(lines(&doc)[0], "Score: 0/0 (ended after 0 of 5 rounds)");
        press(&mut a, KeyCode::Char('q'));
        assert!(a.quit);
    }
}

/// Esc pressed twice to close the key list does not end the run: the second press says how to
/// quit, as in the wizard; a third ends it.
#[test]
fn a_second_esc_after_closing_the_key_list_does_not_end_the_run() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(2, 7);
    play(&mut a, true);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('?'));
    press(&mut a, KeyCode::Esc);
    assert!(a.overlay.is_none());
    press(&mut a, KeyCode::Esc);
    assert!(!a.quit && !a.practice.as_ref().unwrap().finished());
    assert_eq!(a.status.as_deref(), Some(EN.esc_again));
    press(&mut a, KeyCode::Esc);
    let p = a.practice.as_ref().unwrap();
    assert!(p.finished() && p.score.ended_early());
}

/// q on a verdict ends the run the same way; a run played to its end says nothing of it.
#[test]
fn q_on_a_verdict_ends_early_too_and_a_full_run_is_not_early() {
    let mut a = app(Lang::En);
    a.start_practice(3, 7);
    play(&mut a, true);
    press(&mut a, KeyCode::Char('q'));
    let p = a.practice.as_ref().unwrap();
    assert!(p.finished());
    assert_eq!(
        p.score.heading(Lang::En),
        "Score: 1/1 (ended after 1 of 3 rounds)"
    );
    let mut a = app(Lang::En);
    a.start_practice(2, 7);
    for _ in 0..2 {
        play(&mut a, true);
        press(&mut a, KeyCode::Enter);
    }
    let p = a.practice.as_ref().unwrap();
    assert!(p.finished() && !p.score.ended_early());
    assert_eq!(p.score.heading(Lang::En), "Score: 2/2");
    // A record saved before the planned count was kept (0) is not "ended early".
    let old: Score = serde_json::from_str(r#"{"seed": 1, "rounds": []}"#).unwrap();
    assert!(!old.ended_early());
}

// ------------------------------------------------------------------ 3. footers

/// What q does is named the same way wherever it does it: "end practice" during a round and on
/// a verdict (it ends the run and shows the score), "quit" on the score (as in the wizard).
#[test]
fn the_footers_name_q_the_same_way_in_both_languages() {
    for (s, end) in [(&EN, "q end practice"), (&KO, "q 연습 끝내기")] {
        for hint in [
            s.practice_question_hint,
            s.practice_question_hint_scroll,
            s.practice_next,
        ] {
            assert!(hint.ends_with(end), "{hint:?}");
        }
        // The short forms end with q and a word of the long one ("q end", "q 끝내기").
        for hint in [
            s.practice_question_hint_short,
            s.practice_question_hint_scroll_short,
        ] {
            let word = hint.rsplit_once(" q ").unwrap().1;
            assert!(end.split(' ').skip(1).any(|w| w == word), "{hint:?}");
        }
        // On the last verdict Enter and q both show the score; on the score both quit, with
        // the wizard's word for quitting.
        assert!(
            s.practice_to_score.starts_with("Enter/q "),
            "{:?}",
            s.practice_to_score
        );
        let quit = s.quit_hint.strip_prefix("q ").unwrap();
        assert_eq!(s.practice_done, format!("Enter/q {quit}"));
    }
}

// ------------------------------------------------------------------ 4. the message to solve

/// Body size of a `w` x `h` terminal.
fn body(w: u16, h: u16) -> (usize, usize) {
    triage::view::body_size((w, h))
}

/// At 40x12 a long message is cut; PgDn scrolls it a page at a time (the last line of a page,
/// ending in "..", is the first of the next) to its end, PgUp back; every line is shown once
/// scrolled, and the answers keep the rows they had.
#[test]
fn pgdn_and_pgup_scroll_a_long_message_at_40x12() {
    let mut a = app(Lang::Ko);
    app::update(&mut a, Msg::Resize(40, 12));
    a.start_practice(2, 3);
    let size = body(40, 12);
    let m = a.practice_message(size, &theme()).unwrap();
    assert!(m.cut(), "the message is longer than its rows");
    assert_eq!((m.rows, m.scroll), (3, 0), "a third of the body, as before");
    let total = m.doc.lines.len();
    let mut seen = vec![false; total];
    let mut scrolls = vec![0];
    loop {
        let m = a.practice_message(size, &theme()).unwrap();
        seen[m.scroll..m.scroll + m.rows].fill(true);
        press(&mut a, KeyCode::PageDown);
        let next = a.practice.as_ref().unwrap().scroll;
        if next == m.scroll {
            break;
        }
        assert_eq!(next, m.scroll + m.rows - 1, "a page, keeping one line");
        scrolls.push(next);
    }
    assert!(seen.iter().all(|s| *s), "every line shown: {seen:?}");
    assert_eq!(*scrolls.last().unwrap(), total - 3, "stops at the end");
    // The answers still move (Up/Down are theirs), the message stays where it is.
    press(&mut a, KeyCode::Down);
    assert_eq!(a.selected, 1);
    assert_eq!(a.practice.as_ref().unwrap().scroll, total - 3);
    for _ in 0..scrolls.len() {
        press(&mut a, KeyCode::PageUp);
    }
    assert_eq!(a.practice.as_ref().unwrap().scroll, 0);
    // Kept through the round's questions, back to the top for the verdict and the next round.
    press(&mut a, KeyCode::PageDown);
    press(&mut a, KeyCode::Char('2'));
    assert_eq!(a.practice.as_ref().unwrap().scroll, 2);
    play(&mut a, false);
    assert_eq!(a.practice.as_ref().unwrap().scroll, 0);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.practice.as_ref().unwrap().scroll, 0);
}

/// At the design size every message of the tree shows whole, in both languages: nothing to
/// scroll and the same rows as before (what the question leaves, or a third of the body).
#[test]
fn at_80x24_every_message_shows_whole() {
    let tree = tree();
    let targets = practice::pick_targets(&tree, 200, 1);
    for lang in [Lang::En, Lang::Ko] {
        for (seed, target) in targets.iter().enumerate() {
            let mut a = app(lang);
            app::update(&mut a, Msg::Resize(80, 24));
            a.start_practice(1, 0);
            a.practice.as_mut().unwrap().targets[0] = target.clone();
            let m = a.practice_message(body(80, 24), &theme()).unwrap();
            assert!(!m.cut(), "{lang:?} {target} (#{seed})");
            // PgDn does nothing then.
            press(&mut a, KeyCode::PageDown);
            assert_eq!(a.practice.as_ref().unwrap().scroll, 0);
        }
    }
}

/// PgDn/PgUp are listed in practice's help, and not in the wizard's (they do nothing there).
#[test]
fn the_message_keys_are_in_practice_help_only() {
    for lang in [Lang::En, Lang::Ko] {
        let practice = keys::help_rows_for(Ctx::Question, lang, false);
        let wizard = keys::help_rows(Ctx::Question, lang);
        assert!(
            practice.iter().any(|(k, _)| k == "PgDn PgUp"),
            "{practice:?}"
        );
        assert!(wizard.iter().all(|(k, _)| k != "PgDn PgUp"), "{wizard:?}");
    }
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(40, 12));
    let before = (a.current.clone(), a.selected);
    press(&mut a, KeyCode::PageDown);
    assert_eq!((a.current.clone(), a.selected), before);
    assert!(a.practice.is_none());
}

/// A verdict longer than the screen (40x12: the message, the way, the wrong turns) scrolls with
/// the arrows and PgDn/PgUp, to its end and no further.
#[test]
fn a_long_verdict_scrolls_at_40x12() {
    let mut a = app(Lang::Ko);
    app::update(&mut a, Msg::Resize(40, 12));
    a.start_practice(2, 3);
    play(&mut a, false);
    let size = body(40, 12);
    let (doc, scroll) = a.verdict_view(size, &theme()).unwrap();
    assert_eq!(scroll, 0);
    let max = doc.lines.len() - size.1;
    assert!(max > 0, "longer than the screen");
    press(&mut a, KeyCode::Down);
    assert_eq!(a.verdict_view(size, &theme()).unwrap().1, 1);
    press(&mut a, KeyCode::Up);
    assert_eq!(a.verdict_view(size, &theme()).unwrap().1, 0);
    for _ in 0..doc.lines.len() {
        press(&mut a, KeyCode::PageDown);
    }
    assert_eq!(a.verdict_view(size, &theme()).unwrap().1, max);
    press(&mut a, KeyCode::PageUp);
    assert_eq!(
        a.verdict_view(size, &theme()).unwrap().1,
        max - (size.1 - 1)
    );
    // The last lines explain the wrong turn: reachable now.
    let text = lines(&doc).join("\n");
    assert!(text.contains(KO.practice_right_answer), "{text}");
    assert!(i18n::strings(Lang::Ko).practice_next.contains("Enter"));
}

/// A round won with another fix that quotes the same message names both fixes.
#[test]
fn a_round_right_by_the_same_message_names_both_fixes() {
    let tree = triage::tree::embedded();
    let mut p = triage::practice::Practice::new(&tree, 1, 1);
    let target = p.targets[0].clone();
    let other = tree
        .leaves()
        .map(|(id, _)| id)
        .find(|id| *id != target)
        .unwrap()
        .to_string();
    let mut round = triage::practice::judge(&tree, &target, &[], &other);
    assert!(!round.correct);
    round.correct = true;
    p.score.rounds.push(round);
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    let doc = triage::view::verdict_document(&tree, &p, Lang::En, 80, &theme);
    let text: String = doc.lines.iter().map(|l| l.to_string() + "\n").collect();
    assert!(text.contains("quotes the same message"), "{text}");
    assert!(text.contains(&other) && text.contains(&target), "{text}");
}

// ------------------------------------------------------------------ 5. close, and answers taken back

/// The text of the verdict (or score) document at `width` columns.
fn verdict_text(a: &App, width: usize) -> String {
    let (doc, _) = a.verdict_view((width, 200), &theme()).unwrap();
    lines(&doc).join("\n")
}

/// Whether `text` holds `part`, wherever lines were wrapped (spaces and line ends alike).
fn holds(text: &str, part: &str) -> bool {
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    flat(text).contains(&flat(part))
}

/// Presses the digits of `answers` ("72": 7, then 2).
fn answer(a: &mut App, answers: &str) {
    for c in answers.chars() {
        press(a, KeyCode::Char(c));
    }
}

/// The user test: `practice --lang ko --seed 5 --count 2`, keys 7 then 2, reaches
/// network-whitelist-ips for a message of backup-02, which lists it in its "See also": close,
/// not counted as right and not a plain miss; the verdict names both fixes, the score says so.
#[test]
fn a_fix_in_the_see_also_of_the_one_asked_for_is_close_on_the_verdict_and_the_score() {
    for lang in [Lang::Ko, Lang::En] {
        let s = i18n::strings(lang);
        let mut a = app(lang);
        app::update(&mut a, Msg::Resize(80, 24));
        a.start_practice(2, 5);
        assert_eq!(a.practice.as_ref().unwrap().target(), Some("backup-02"));
        answer(&mut a, "72");
        assert_eq!(a.current, "network-whitelist-ips");
        let r = a.practice.as_ref().unwrap().result().unwrap().clone();
        assert!(r.close && !r.correct, "{r:?}");
        let text = verdict_text(&a, 78);
        assert!(holds(&text, s.practice_close), "{text}");
        assert!(!text.contains(s.practice_wrong), "{text}");
        assert!(
            text.contains("network-whitelist-ips") && text.contains("backup-02"),
            "{text}"
        );
        // Round 2 right, then the score: 1 right of 2, 1 close.
        press(&mut a, KeyCode::Enter);
        play(&mut a, true);
        press(&mut a, KeyCode::Enter);
        let p = a.practice.as_ref().unwrap();
        assert!(p.finished());
        let text = verdict_text(&a, 78);
        let heading = text.lines().next().unwrap();
        let printed = triage::report::practice_summary(&a.tree, &p.score, lang);
        let mark = practice::round_mark(&r, lang);
        match lang {
            Lang::En => {
                assert_eq!(heading, "Score: 1/2 (1 close)");
                assert!(
                    printed.starts_with("Score: 1/2 (1 close, seed 5)\n"),
                    "{printed}"
                );
            }
            Lang::Ko => {
                assert_eq!(heading, "점수: 1/2 (근접 1)");
                assert!(
                    printed.starts_with("점수: 1/2 (근접 1, 시드 5)\n"),
                    "{printed}"
                );
            }
        }
        // The round's line: the close mark, the fix asked for, and the one reached.
        let title = a.tree.leaf("backup-02").unwrap().title.get(lang);
        let note = practice::round_note(&r, lang).unwrap();
        assert!(note.contains("network-whitelist-ips"), "{note}");
        let line = format!("1. {mark} backup-02  {title} ({note})");
        for list in [&text, &printed] {
            assert!(holds(list, &line), "{list}");
        }
    }
}

/// A missed round's line in the score says where the trainee ended up.
#[test]
fn a_missed_round_names_the_fix_reached() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(1, 7);
    play(&mut a, false);
    let r = a.practice.as_ref().unwrap().result().unwrap();
    assert!(!r.correct && !r.close, "{r:?}");
    let note = practice::round_note(r, Lang::En).unwrap();
    assert_eq!(note, format!("reached {}", a.current));
    let right = {
        let mut a = app(Lang::En);
        a.start_practice(1, 7);
        play(&mut a, true);
        a.practice.as_ref().unwrap().result().unwrap().clone()
    };
    assert_eq!(practice::round_note(&right, Lang::En), None);
}

/// The other case of the user test: `--seed 1`, round 2 (backup-18), keys 6, 1, 1 reach
/// agent-install-windows, in backup-18's "See also": close too.
#[test]
fn an_agent_install_fix_for_an_agent_message_is_close() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(2, 1);
    play(&mut a, true);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.practice.as_ref().unwrap().target(), Some("backup-18"));
    answer(&mut a, "611");
    assert_eq!(a.current, "agent-install-windows");
    let r = a.practice.as_ref().unwrap().result().unwrap();
    assert!(r.close && !r.correct, "{r:?}");
    assert_eq!(
        a.practice.as_ref().unwrap().score.heading(Lang::En),
        "Score: 1/2 (1 close)"
    );
}

/// The user test: `practice --seed 1`, round 3 (backup-11): 2, Backspace, 5, 4 was a plain
/// "Correct" with nothing kept. Still right, but the verdict says a step was taken back and
/// which, the round keeps it (saved with the session), and the score counts it.
#[test]
fn a_step_taken_back_is_kept_and_said_in_the_verdict_and_the_score() {
    for lang in [Lang::En, Lang::Ko] {
        let s = i18n::strings(lang);
        let mut a = app(lang);
        app::update(&mut a, Msg::Resize(80, 24));
        a.start_practice(3, 1);
        for _ in 0..2 {
            play(&mut a, true);
            press(&mut a, KeyCode::Enter);
        }
        assert_eq!(a.practice.as_ref().unwrap().target(), Some("backup-11"));
        answer(&mut a, "2");
        press(&mut a, KeyCode::Backspace);
        answer(&mut a, "54");
        assert_eq!(a.current, "backup-11");
        let r = a.practice.as_ref().unwrap().result().unwrap().clone();
        assert!(r.correct);
        assert_eq!(r.taken_back.len(), 1);
        assert_eq!(
            (r.taken_back[0].question.as_str(), r.taken_back[0].answer),
            (a.tree.start.as_str(), 1)
        );
        // Saved with the session's score.
        let json = serde_json::to_value(&a.practice.as_ref().unwrap().score).unwrap();
        assert_eq!(json["rounds"][2]["taken_back"][0]["answer"], 1, "{json}");
        let text = verdict_text(&a, 78);
        let first = text
            .lines()
            .find(|l| l.starts_with(s.practice_correct_how.split('{').next().unwrap()));
        let verdict = i18n::fill(
            s.practice_correct_how,
            &[("how", &i18n::count(1, s.practice_after_back))],
        );
        assert!(first.is_some() && holds(&text, &verdict), "{text}");
        let start = a.tree.question(&a.tree.start).unwrap();
        let taken = format!(
            "  {}: {} > {}",
            s.practice_taken_back,
            start.text.get(lang),
            start.answers[1].label.get(lang)
        );
        assert!(holds(&text, &taken), "{text}");
        press(&mut a, KeyCode::Enter);
        let p = a.practice.as_ref().unwrap();
        assert!(p.finished());
        let heading = p.score.heading(lang);
        match lang {
            Lang::En => assert_eq!(heading, "Score: 3/3 (1 step taken back)"),
            Lang::Ko => assert_eq!(heading, "점수: 3/3 (1단계 되돌림)"),
        }
        let list = verdict_text(&a, 78);
        let line = list.lines().find(|l| l.contains("backup-11")).unwrap();
        assert!(
            line.ends_with(&format!("({})", i18n::count(1, s.practice_back_note))),
            "{line}"
        );
    }
}

/// A wrong answer taken back is a wrong turn of the round (its verdict says so, with the
/// answer toward the fix and why the question is asked); Alt-N and `r` take answers back too.
#[test]
fn a_wrong_answer_taken_back_is_a_wrong_turn_and_alt_n_and_r_take_back_too() {
    let s = &EN;
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(3, 1);
    for _ in 0..2 {
        play(&mut a, true);
        press(&mut a, KeyCode::Enter);
    }
    // backup-11: "3" (restoring) cannot lead there; taken back with Backspace.
    answer(&mut a, "3");
    press(&mut a, KeyCode::Backspace);
    answer(&mut a, "54");
    let r = a.practice.as_ref().unwrap().result().unwrap().clone();
    assert!(r.correct);
    assert_eq!(r.wrong_turns, vec![a.tree.start.clone()]);
    assert!(r.turns[0].taken_back);
    let text = verdict_text(&a, 78);
    assert!(text.contains(s.practice_wrong_turns), "{text}");
    assert!(
        text.contains(&format!(
            "{}: Restoring a VM",
            s.practice_you_answered_taken_back
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}: Backup or restore is taking hours",
            s.practice_right_answer
        )),
        "{text}"
    );
    // Alt-1 (back to the first answer) and r (start over) take back what they drop.
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(1, 1);
    let target = a.practice.as_ref().unwrap().target().unwrap().to_string();
    let way: Vec<usize> = a
        .tree
        .path_to(&target)
        .unwrap()
        .iter()
        .map(|(_, i)| *i)
        .collect();
    assert!(way.len() >= 2, "{way:?}");
    app::update(&mut a, Msg::Choose(way[0]));
    app::update(&mut a, Msg::Choose(way[1]));
    app::update(&mut a, Msg::JumpTo(0));
    assert_eq!(a.practice.as_ref().unwrap().taken_back.len(), 2);
    app::update(&mut a, Msg::Choose(way[0]));
    press(&mut a, KeyCode::Char('r'));
    assert_eq!(a.practice.as_ref().unwrap().taken_back.len(), 3);
    play(&mut a, true);
    let r = a.practice.as_ref().unwrap().result().unwrap();
    assert!(r.correct && r.taken_back.len() == 3, "{r:?}");
    assert!(
        r.wrong_turns.is_empty(),
        "the answers taken back were on the way: {r:?}"
    );
    // The next round starts with nothing taken back.
    let p = a.practice.as_ref().unwrap();
    assert!(p.taken_back.is_empty());
}

/// A walk longer than the shortest way (4 answers on a 3-answer way) is right, and the verdict
/// says it was not the straight way.
#[test]
fn a_longer_way_is_right_and_the_verdict_says_how_long() {
    let tree = tree();
    // A fix reached through "Not sure: I only have an error message" by more answers than its
    // shortest way: the error-keyword question leads to fixes also asked for directly.
    let (target, trail) = tree
        .leaves()
        .filter(|(_, l)| !l.errors.is_empty())
        .find_map(|(id, _)| {
            let shortest = tree.path_to(id)?.len();
            let mut trail = vec![(tree.start.clone(), 7)];
            let rest = tree.path_to(id).and_then(|_| {
                let q = tree.question(&tree.start)?;
                let from = &q.answers[7].next;
                // The shortest way from `from` to the fix, as a trail.
                way_from(&tree, from, id)
            })?;
            trail.extend(rest);
            (trail.len() > shortest).then(|| (id.to_string(), trail))
        })
        .expect("a fix with a longer way");
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(1, 1);
    a.practice.as_mut().unwrap().targets[0] = target.clone();
    for (_, i) in &trail {
        app::update(&mut a, Msg::Choose(*i));
    }
    assert_eq!(a.current, target);
    let r = a.practice.as_ref().unwrap().result().unwrap().clone();
    assert!(r.correct && r.answers > r.shortest, "{r:?}");
    let text = verdict_text(&a, 78);
    let how = format!("in {} answers where {} would do", r.answers, r.shortest);
    assert!(
        text.contains(&format!("Correct, {how}: this is the fix for the message.")),
        "{text}"
    );
}

/// The shortest way from question `from` to `leaf`, as a trail (breadth first).
fn way_from(tree: &Tree, from: &str, leaf: &str) -> Option<Vec<(String, usize)>> {
    let mut queue = std::collections::VecDeque::from([(from.to_string(), Vec::new())]);
    let mut seen = std::collections::HashSet::new();
    while let Some((at, trail)) = queue.pop_front() {
        if at == leaf {
            return Some(trail);
        }
        if !seen.insert(at.clone()) {
            continue;
        }
        if let Some(q) = tree.question(&at) {
            for (i, a) in q.answers.iter().enumerate() {
                let mut next: Vec<(String, usize)> = trail.clone();
                next.push((at.clone(), i));
                queue.push_back((a.next.clone(), next));
            }
        }
    }
    None
}

/// A session saved before rounds kept what was close or taken back still loads, as it was.
#[test]
fn a_score_saved_before_close_and_steps_back_were_kept_still_loads() {
    let old = r#"{"seed": 1, "count": 2, "rounds": [
        {"target": "backup-02", "reached": "network-whitelist-ips", "correct": false,
         "answers": 2, "shortest": 3, "wrong_turns": ["start"],
         "turns": [{"given": 6, "right": 1}]},
        {"target": "backup-11", "reached": "backup-11", "correct": true,
         "answers": 2, "shortest": 2, "wrong_turns": []}]}"#;
    let score: Score = serde_json::from_str(old).unwrap();
    assert_eq!(
        (score.correct(), score.close(), score.taken_back()),
        (1, 0, 0)
    );
    assert_eq!(score.heading(Lang::En), "Score: 1/2");
    assert!(!score.rounds[0].turns[0].taken_back);
}

// ------------------------------------------------------------------ 5. the key list

/// The key list opened on a verdict is the key list opened on a question: its own footer, and
/// q, Esc and ? close it and do nothing else (the run goes on, the verdict stays).
#[test]
fn the_key_list_on_a_verdict_closes_with_q_esc_or_question_mark_and_nothing_else() {
    use ratatui::{Terminal, backend::TestBackend};
    let footer = |a: &mut App| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| ui::render(f, a, &theme())).unwrap();
        let buffer = terminal.backend().buffer();
        (0..80)
            .map(|x| buffer[(x, 23)].symbol().to_string())
            .collect::<String>()
            .trim_end()
            .to_string()
    };
    for lang in [Lang::En, Lang::Ko] {
        let mut a = app(lang);
        app::update(&mut a, Msg::Resize(80, 24));
        a.start_practice(3, 7);
        // On a question first: the key list's footer.
        press(&mut a, KeyCode::Char('?'));
        let question_footer = footer(&mut a);
        press(&mut a, KeyCode::Char('q'));
        assert!(a.overlay.is_none() && !a.quit);
        play(&mut a, true);
        for close in [KeyCode::Char('q'), KeyCode::Esc, KeyCode::Char('?')] {
            press(&mut a, KeyCode::Char('?'));
            assert!(a.overlay.is_some());
            assert_eq!(footer(&mut a), question_footer);
            // Enter neither goes on nor closes the list.
            press(&mut a, KeyCode::Enter);
            assert!(a.overlay.is_some());
            press(&mut a, close);
            assert!(a.overlay.is_none(), "{close:?}");
            let p = a.practice.as_ref().unwrap();
            assert!(!a.quit && !p.finished() && p.round == 0, "{close:?}");
            assert!(a.practice_verdict());
        }
        // And the verdict's keys work again.
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.practice.as_ref().unwrap().round, 1);
    }
}

// ------------------------------------------------------------------ 6. the transcript's rounds

/// A round's line in the transcript states each fact once: the fix reached, the answers and the
/// shortest way in the line itself, then the steps taken back (not again "reached …", nor "in 3
/// answers where 2 would do", nor "after 1 step back" next to "1 step back").
#[test]
fn a_transcript_round_states_each_fact_once() {
    let round =
        |target: &str, reached: &str, correct, close, answers, back: usize| practice::RoundResult {
            target: target.into(),
            reached: reached.into(),
            correct,
            close,
            answers,
            shortest: 2,
            wrong_turns: Vec::new(),
            turns: Vec::new(),
            taken_back: (0..back)
                .map(|_| practice::TakenBack {
                    question: tree().start.clone(),
                    answer: 1,
                })
                .collect(),
        };
    let score = Score {
        seed: 7,
        rounds: vec![
            round("restore-10", "restore-03", false, true, 3, 0),
            round("backup-16", "backup-16", true, false, 3, 1),
            round("backup-19", "backup-19", true, false, 4, 2),
            round("backup-02", "backup-19", false, false, 1, 0),
        ],
        count: 4,
        retry: None,
    };
    let lines_of = |lang: Lang| {
        let session = triage::transcript::Session::from_events(
            &tree(),
            lang,
            &[],
            "2026-11-30T00:00:00Z".into(),
            &tree().start,
            &[],
        );
        let md = triage::transcript::practice_markdown(&tree(), &session, &score);
        md.lines()
            .filter(|l| l.starts_with("**"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let en = lines_of(Lang::En);
    assert_eq!(en.len(), 4, "{en:#?}");
    // One answer is "1 answer".
    assert!(
        en[3].ends_with(": reached `backup-19` in 1 answer (shortest 2)"),
        "{en:#?}"
    );
    assert!(
        en[0].ends_with(": reached `restore-03` in 3 answers (shortest 2)"),
        "{en:#?}"
    );
    assert!(
        en[1].ends_with(": reached `backup-16` in 3 answers (shortest 2, 1 step back)"),
        "{en:#?}"
    );
    assert!(
        en[2].ends_with(": reached `backup-19` in 4 answers (shortest 2, 2 steps back)"),
        "{en:#?}"
    );
    let ko = lines_of(Lang::Ko);
    assert!(
        ko[0].ends_with(": 답 3개로 `restore-03`에 도착 (최단 2개)"),
        "{ko:#?}"
    );
    assert!(
        ko[1].ends_with(": 답 3개로 `backup-16`에 도착 (최단 2개, 1단계 되돌림)"),
        "{ko:#?}"
    );
    for line in en.iter().chain(&ko) {
        for once in ["reached", "도착", "step", "단계", "answers", "최단"] {
            assert!(line.matches(once).count() <= 1, "{once}: {line}");
        }
    }
}

/// A transcript written during the run (`e` mid-round: its session has no end yet) says the
/// run is in progress, at which round; not "ended", nor "ended after". Once the run ends, it
/// says how far it went.
#[test]
fn a_transcript_written_mid_run_says_the_run_is_in_progress() {
    for (lang, playing, ended) in [
        (
            Lang::En,
            "## Practice: 1/1 (in progress: round 2 of 3, seed 7)",
            "## Practice: 1/1 (ended after 1 of 3 rounds, seed 7)",
        ),
        (
            Lang::Ko,
            "## 연습: 1/1 (진행 중: 3문제 중 2번째, 시드 7)",
            "## 연습: 1/1 (3문제 중 1문제 풀고 끝냄, 시드 7)",
        ),
    ] {
        let mut a = app(lang);
        app::update(&mut a, Msg::Resize(80, 24));
        a.start_practice(3, 7);
        play(&mut a, true);
        press(&mut a, KeyCode::Enter);
        app::update(&mut a, Msg::Choose(0));
        let mut session = triage::transcript::Session::from_events(
            &a.tree,
            lang,
            &a.events,
            "2026-11-30T00:00:00Z".into(),
            &a.current,
            &a.trail,
        );
        let score = &a.practice.as_ref().unwrap().score;
        let md = triage::transcript::practice_markdown(&a.tree, &session, score);
        let ended_word = i18n::strings(lang).transcript.ended;
        assert!(md.contains(playing), "{md}");
        assert!(!md.contains(&format!("- {ended_word}:")), "{md}");
        session.ended = Some("2026-11-30T00:05:00Z".into());
        let md = triage::transcript::practice_markdown(&a.tree, &session, score);
        assert!(md.contains(ended), "{md}");
    }
}

/// `L` switches the language on a verdict and on the score too, as on the questions.
#[test]
fn l_switches_the_language_on_a_verdict_and_the_score() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(2, 7);
    play(&mut a, true);
    assert!(a.practice_verdict());
    press(&mut a, KeyCode::Char('L'));
    assert_eq!(a.lang, Lang::Ko);
    press(&mut a, KeyCode::Char('q'));
    assert!(!a.quit, "the score is shown first");
    press(&mut a, KeyCode::Char('L'));
    assert_eq!(a.lang, Lang::En);
}

/// A missed round says why the fix asked for is the one: its cause, under its name; a right
/// one does not repeat it.
#[test]
fn a_missed_round_gives_the_cause_of_the_fix_asked_for() {
    for lang in [Lang::En, Lang::Ko] {
        let s = i18n::strings(lang);
        let mut a = app(lang);
        app::update(&mut a, Msg::Resize(80, 24));
        a.start_practice(2, 7);
        let target = a.practice.as_ref().unwrap().target().unwrap().to_string();
        let cause = a.tree.leaf(&target).unwrap().cause.get(lang).to_string();
        play(&mut a, false);
        let text = verdict_text(&a, 78);
        assert!(holds(&text, &format!("{}: {cause}", s.cause)), "{text}");
        press(&mut a, KeyCode::Enter);
        let target = a.practice.as_ref().unwrap().target().unwrap().to_string();
        let cause = a.tree.leaf(&target).unwrap().cause.get(lang).to_string();
        play(&mut a, true);
        let text = verdict_text(&a, 78);
        assert!(!holds(&text, &cause), "{text}");
    }
}

// ------------------------------------------------------------------ 8. the score: review, retry

/// A run of seed 7 with a round for each of `results`, played right or not as it says, on its
/// score at 80x24; and the text of each round's verdict as it was shown when played.
fn scored(lang: Lang, results: &[bool]) -> (App, Vec<String>) {
    let mut a = app(lang);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(results.len(), 7);
    let mut verdicts = Vec::new();
    for &right in results {
        play(&mut a, right);
        verdicts.push(verdict_text(&a, 78));
        press(&mut a, KeyCode::Enter);
    }
    assert_eq!(ui::context(&a), Ctx::Score);
    (a, verdicts)
}

fn selected(a: &App) -> usize {
    a.practice.as_ref().unwrap().selected()
}

/// The score's rows, as drawn in a body of 78x21: the selected one starts with ">".
fn marked_rows(a: &App) -> Vec<String> {
    let (doc, _) = a.verdict_view((78, 21), &theme()).unwrap();
    lines(&doc)
        .into_iter()
        .filter(|l| l.starts_with('>'))
        .collect()
}

/// Up/Down (k/j), Home/End (g/G) and PgUp/PgDn select a round of the score, never past its
/// first or last; the score opens on the first round not right. Nothing else changes.
#[test]
fn the_arrows_select_a_round_of_the_score_within_its_list() {
    let (mut a, _) = scored(Lang::En, &[true, false, true, false]);
    let score = a.practice.as_ref().unwrap().score.clone();
    assert_eq!(selected(&a), 1, "the first round not right");
    let steps = [
        (KeyCode::Up, 0),
        (KeyCode::Up, 0),
        (KeyCode::Char('k'), 0),
        (KeyCode::Down, 1),
        (KeyCode::Char('j'), 2),
        (KeyCode::Down, 3),
        (KeyCode::Down, 3),
        (KeyCode::Char('j'), 3),
        (KeyCode::Home, 0),
        (KeyCode::End, 3),
        (KeyCode::Char('g'), 0),
        (KeyCode::Char('G'), 3),
        (KeyCode::PageUp, 0),
        (KeyCode::PageUp, 0),
        (KeyCode::PageDown, 3),
        (KeyCode::PageDown, 3),
    ];
    for (key, then) in steps {
        press(&mut a, key);
        assert_eq!(selected(&a), then, "{key:?}");
        let marked = marked_rows(&a);
        assert_eq!(marked.len(), 1, "{key:?}: {marked:?}");
        assert!(
            marked[0].starts_with(&format!(">{:>2}. ", then + 1)),
            "{marked:?}"
        );
    }
    assert!(!a.quit && ui::context(&a) == Ctx::Score);
    assert_eq!(a.practice.as_ref().unwrap().score, score);
}

/// A list longer than the screen keeps the selected round in view, the heading above it while
/// both fit.
#[test]
fn the_selected_round_stays_in_view_on_a_long_score() {
    let mut a = app(Lang::Ko);
    app::update(&mut a, Msg::Resize(40, 12));
    a.start_practice(12, 3);
    for _ in 0..12 {
        play(&mut a, false);
        press(&mut a, KeyCode::Enter);
    }
    let (width, height) = body(40, 12);
    let in_view = |a: &App| {
        let (doc, scroll) = a.verdict_view((width, height), &theme()).unwrap();
        let (start, end) = doc.item_lines[selected(a)];
        start >= scroll && end <= scroll + height
    };
    assert!(in_view(&a));
    for _ in 0..11 {
        press(&mut a, KeyCode::Down);
        assert!(in_view(&a), "round {}", selected(&a) + 1);
    }
    assert_eq!(selected(&a), 11);
    press(&mut a, KeyCode::Home);
    let (doc, scroll) = a.verdict_view((width, height), &theme()).unwrap();
    assert_eq!(scroll, 0, "the heading shows with the first round");
    assert!(lines(&doc)[0].starts_with("점수: "), "{:?}", lines(&doc));
    press(&mut a, KeyCode::PageDown);
    assert!(selected(&a) > 1 && in_view(&a), "{}", selected(&a));
}

/// Enter on a round of the score shows the verdict that round showed, whole: the message, what
/// was reached, the fix asked for, its cause and the way to it. Read-only: the keys of a round
/// (an answer, the next round, a retry) do nothing there.
#[test]
fn enter_opens_the_selected_rounds_verdict_again_read_only() {
    for lang in [Lang::En, Lang::Ko] {
        let (mut a, shown) = scored(lang, &[false, true, false]);
        for (round, keys) in [
            (0, vec![]),
            (1, vec![KeyCode::Down]),
            (2, vec![KeyCode::Down, KeyCode::Down]),
        ] {
            press(&mut a, KeyCode::Home);
            for key in keys {
                press(&mut a, key);
            }
            press(&mut a, KeyCode::Enter);
            assert_eq!(ui::context(&a), Ctx::Review);
            assert_eq!(a.practice.as_ref().unwrap().review.unwrap().round, round);
            assert_eq!(verdict_text(&a, 78), shown[round], "{lang:?} round {round}");
            let p = a.practice.clone().unwrap();
            for key in ['1', '2', 'n', ' ', 'r', 'c', 'e'] {
                press(&mut a, KeyCode::Char(key));
            }
            assert_eq!(a.practice.as_ref().unwrap(), &p, "{lang:?}");
            assert!(a.earlier_runs.is_empty() && !a.quit);
            assert_eq!(ui::context(&a), Ctx::Review);
            press(&mut a, KeyCode::Backspace);
        }
    }
}

/// Backspace (Left, h), Enter, q and Esc go back from a reopened verdict to the score, the
/// round still selected; the verdict opened again starts from its top.
#[test]
fn back_from_a_reopened_verdict_returns_to_the_score_with_the_round_kept() {
    for key in [
        KeyCode::Backspace,
        KeyCode::Left,
        KeyCode::Char('h'),
        KeyCode::Enter,
        KeyCode::Char('q'),
        KeyCode::Esc,
    ] {
        let (mut a, _) = scored(Lang::En, &[false, true, false]);
        app::update(&mut a, Msg::Resize(40, 12));
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Down);
        let review = a.practice.as_ref().unwrap().review.unwrap();
        assert!(review.scroll > 0, "a missed verdict scrolls at 40x12");
        press(&mut a, key);
        assert_eq!(ui::context(&a), Ctx::Score, "{key:?}");
        assert_eq!(selected(&a), 2, "{key:?}");
        assert!(!a.quit, "{key:?}");
        press(&mut a, KeyCode::Enter);
        let (_, scroll) = a.verdict_view(body(40, 12), &theme()).unwrap();
        assert_eq!(scroll, 0, "{key:?}");
    }
}

/// A reopened verdict scrolls as a verdict does: a line with the arrows, a page with PgDn/PgUp,
/// no further than its last page.
#[test]
fn a_reopened_verdict_scrolls_within_its_length() {
    let (mut a, _) = scored(Lang::Ko, &[false]);
    app::update(&mut a, Msg::Resize(40, 12));
    press(&mut a, KeyCode::Enter);
    let (width, height) = body(40, 12);
    let view = |a: &App| a.verdict_view((width, height), &theme()).unwrap();
    let lines = view(&a).0.lines.len();
    assert!(lines > height, "the verdict is longer than the screen");
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(view(&a).1, 1);
    press(&mut a, KeyCode::Up);
    assert_eq!(view(&a).1, 0);
    for _ in 0..lines {
        press(&mut a, KeyCode::PageDown);
    }
    assert_eq!(view(&a).1, lines - height);
    press(&mut a, KeyCode::PageUp);
    assert!(view(&a).1 < lines - height);
}

/// `r` on the score: a new run of the rounds missed and the close ones, the same messages in
/// the same order, none of the right ones; played from the first question, scored afresh. The
/// run it retried is kept whole, with where its events end.
#[test]
fn r_on_the_score_retries_exactly_the_rounds_not_right() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(4, 5);
    // Round 1: close (backup-02, a fix in its "See also" reached); 2 right, 3 missed, 4 right.
    answer(&mut a, "72");
    press(&mut a, KeyCode::Enter);
    for right in [true, false, true] {
        play(&mut a, right);
        press(&mut a, KeyCode::Enter);
    }
    let played = a.practice.clone().unwrap();
    let rounds = &played.score.rounds;
    let right: Vec<bool> = rounds.iter().map(|r| r.correct).collect();
    assert_eq!(right, [false, true, false, true]);
    assert!(rounds[0].close && !rounds[2].close && rounds[2].target != rounds[0].target);
    press(&mut a, KeyCode::Char('r'));
    let p = a.practice.as_ref().unwrap();
    assert_eq!(
        p.targets,
        [rounds[0].target.clone(), rounds[2].target.clone()]
    );
    assert_eq!((p.round, p.score.rounds.len(), p.score.count), (0, 0, 2));
    assert!(p.score.retry.is_some());
    assert_eq!(ui::context(&a), Ctx::Question);
    assert_eq!(a.current, a.tree.start);
    assert!(a.trail.is_empty());
    assert_eq!(
        a.status.as_deref(),
        Some("Retry: the 2 rounds not right, scored afresh")
    );
    assert_eq!(
        a.earlier_runs,
        [app::EarlierRun {
            score: played.score.clone(),
            events: a.events.len(),
        }]
    );
    // Scored afresh: both right now.
    for _ in 0..2 {
        play(&mut a, true);
        press(&mut a, KeyCode::Enter);
    }
    let p = a.practice.as_ref().unwrap();
    assert!(p.finished());
    assert_eq!(p.score.heading(Lang::En), "Score: 2/2 (retry)");
    assert_eq!(a.earlier_runs.len(), 1);
}

/// `r` on a score with every round right, or none played, only says there is nothing to retry.
#[test]
fn r_with_nothing_to_retry_says_so_and_does_nothing_else() {
    for lang in [Lang::En, Lang::Ko] {
        let (mut a, _) = scored(lang, &[true, true]);
        let before = a.practice.clone();
        press(&mut a, KeyCode::Char('r'));
        assert_eq!(
            a.status.as_deref(),
            Some(i18n::strings(lang).practice_nothing_to_retry)
        );
        assert_eq!(a.practice, before);
        assert!(a.earlier_runs.is_empty() && !a.quit);
        assert_eq!(ui::context(&a), Ctx::Score);
        // The next key clears it as any status.
        press(&mut a, KeyCode::Down);
        assert_eq!(a.status, None);
    }
    let mut a = app(Lang::En);
    a.start_practice(3, 7);
    press(&mut a, KeyCode::Char('q'));
    press(&mut a, KeyCode::Char('r'));
    assert_eq!(a.status.as_deref(), Some(EN.practice_nothing_to_retry));
    // No round to open: Enter quits, as before.
    press(&mut a, KeyCode::Enter);
    assert!(a.quit);
}

/// The footers and the key lists of the score and of a reopened verdict name their keys.
#[test]
fn the_score_and_a_reopened_verdict_name_their_keys() {
    use ratatui::{Terminal, backend::TestBackend};
    let footer = |a: &mut App, w: u16, h: u16| {
        app::update(a, Msg::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| ui::render(f, a, &theme())).unwrap();
        let buffer = terminal.backend().buffer();
        let mut row = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, h - 1)].symbol();
            skip = triage::text::width(symbol).saturating_sub(1);
            row.push_str(symbol);
        }
        row.trim().to_string()
    };
    let help = |a: &App| {
        let (under, search) = a.help_context();
        let doc = triage::view::help_document(under, search, a.lang, 78, &theme());
        lines(&doc).join("\n")
    };
    for (lang, s) in [(Lang::En, &EN), (Lang::Ko, &KO)] {
        let (mut a, _) = scored(lang, &[false, true]);
        assert_eq!(footer(&mut a, 80, 24), s.practice_score_hint);
        // At 40 columns the long form if it fits (a column is the footer's margin).
        let fits = |hint: &str| triage::text::width(hint) < 40;
        assert!(fits(s.practice_score_hint_short));
        let narrow = if fits(s.practice_score_hint) {
            s.practice_score_hint
        } else {
            s.practice_score_hint_short
        };
        assert_eq!(footer(&mut a, 40, 12), narrow);
        // q quits there, named as the wizard names it.
        let quit = s.quit_hint;
        for hint in [s.practice_score_hint, s.practice_score_hint_short] {
            assert!(hint.ends_with(quit), "{hint:?}");
            assert!(hint.contains("Enter ") && hint.contains("  r "), "{hint:?}");
        }
        let keys = help(&a);
        let rows = keys::help_rows(Ctx::Score, lang);
        for (key, what) in [("Enter", rows[4].1), ("r", rows[5].1)] {
            assert!(holds(&keys, &format!("{key} {what}")), "{keys}");
        }
        press(&mut a, KeyCode::Enter);
        assert_eq!(footer(&mut a, 80, 24), s.practice_review_hint);
        assert_eq!(footer(&mut a, 40, 12), s.practice_review_hint);
        let keys = help(&a);
        let back = keys::help_rows(Ctx::Review, lang)[0].clone();
        assert_eq!(back.0, "Backspace Left h Enter q Esc");
        assert!(holds(&keys, &format!("{} {}", back.0, back.1)), "{keys}");
        // The key list opened there closes back onto it.
        press(&mut a, KeyCode::Char('?'));
        assert_eq!(ui::context(&a), Ctx::Help);
        press(&mut a, KeyCode::Char('?'));
        assert_eq!(ui::context(&a), Ctx::Review);
    }
}
