//! The wizard's state machine without a terminal: every key on every screen, and the invariants
//! of back, jump and restart.

use std::sync::Arc;
use triage::app::{self, App, Effect, Event, Msg, Overlay};
use triage::keys::{self, Ctx};
use triage::tree::{self, Lang, Node};
use triage::ui;

fn app() -> App {
    static TREE: std::sync::OnceLock<Arc<tree::Tree>> = std::sync::OnceLock::new();
    let tree = TREE.get_or_init(|| Arc::new(tree::embedded()));
    App::new(
        Arc::clone(tree),
        Lang::En,
        app::index_searcher(Default::default()),
    )
}

fn walk(app: &mut App, answers: &[usize]) {
    for a in answers {
        app::update(app, Msg::Choose(*a));
    }
}

/// The answers (0-based) that lead from the start to `id` by the shortest way.
fn path_to(app: &App, id: &str) -> Vec<usize> {
    app.tree
        .path_to(id)
        .unwrap()
        .into_iter()
        .map(|(_, a)| a)
        .collect()
}

#[test]
fn digits_walk_to_backup_19() {
    let mut a = app();
    let path = path_to(&a, "backup-19");
    walk(&mut a, &path);
    assert_eq!(a.current, "backup-19");
    assert!(a.on_leaf());
    assert_eq!(a.trail.len(), path.len());
    assert!(a.events.contains(&Event::Reached {
        leaf: "backup-19".into()
    }));
}

#[test]
fn arrows_and_enter_choose_the_highlighted_answer() {
    let mut a = app();
    app::update(&mut a, Msg::Down);
    app::update(&mut a, Msg::Down);
    assert_eq!(a.selected, 2);
    app::update(&mut a, Msg::Up);
    assert_eq!(a.selected, 1);
    let expected = match a.node() {
        Node::Question(q) => q.answers[1].next.clone(),
        _ => unreachable!(),
    };
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, expected);
    assert_eq!(a.selected, 0);
}

#[test]
fn up_from_the_first_answer_wraps_to_the_last() {
    let mut a = app();
    let count = match a.node() {
        Node::Question(q) => q.answers.len(),
        _ => unreachable!(),
    };
    app::update(&mut a, Msg::Up);
    assert_eq!(a.selected, count - 1);
    app::update(&mut a, Msg::Down);
    assert_eq!(a.selected, 0);
}

#[test]
fn a_digit_beyond_the_answers_does_nothing() {
    let mut a = app();
    app::update(&mut a, Msg::Choose(8));
    assert_eq!(a.current, a.tree.start);
    assert!(a.trail.is_empty());
}

#[test]
fn back_returns_to_the_previous_question_with_its_answer_highlighted() {
    let mut a = app();
    walk(&mut a, &[1, 0]);
    let before = a.current.clone();
    app::update(&mut a, Msg::Choose(2));
    app::update(&mut a, Msg::Back);
    assert_eq!(a.current, before);
    assert_eq!(a.selected, 2);
    assert_eq!(a.trail.len(), 2);
}

#[test]
fn back_at_the_start_stays_at_the_start() {
    let mut a = app();
    app::update(&mut a, Msg::Back);
    assert_eq!(a.current, a.tree.start);
    assert!(!a.quit);
}

#[test]
fn jump_goes_back_to_any_earlier_step_in_one_key() {
    let mut a = app();
    let path = path_to(&a, "backup-19");
    walk(&mut a, &path);
    app::update(&mut a, Msg::JumpTo(1));
    assert_eq!(a.trail.len(), 1);
    assert_eq!(a.current, a.tree.path_to("backup-19").unwrap()[1].0);
    assert_eq!(a.selected, path[1]);
    app::update(&mut a, Msg::JumpTo(5));
    assert_eq!(a.trail.len(), 1, "a step that does not exist is ignored");
}

#[test]
fn restart_clears_the_trail() {
    let mut a = app();
    walk(&mut a, &[1, 0, 1]);
    app::update(&mut a, Msg::Restart);
    assert_eq!(a.current, a.tree.start);
    assert!(a.trail.is_empty());
    assert!(a.events.contains(&Event::Restarted));
}

#[test]
fn leaf_tab_cycles_commands_and_copy_returns_the_selected_command() {
    let mut a = app();
    let path = path_to(&a, "backup-19");
    walk(&mut a, &path);
    assert_eq!(
        app::update(&mut a, Msg::Copy),
        Some(Effect::Copy("vssadmin list writers".into()))
    );
    app::update(&mut a, Msg::Resize(80, 60));
    app::update(&mut a, Msg::NextCommand);
    assert_eq!(
        app::update(&mut a, Msg::Copy),
        Some(Effect::Copy("net stop serviceName".into()))
    );
    app::update(&mut a, Msg::PrevCommand);
    app::update(&mut a, Msg::PrevCommand);
    let count = a.tree.leaf("backup-19").unwrap().commands().count();
    assert_eq!(
        a.command,
        count - 1,
        "previous from the first wraps to the last"
    );
}

#[test]
fn print_on_quit_keeps_the_selected_command() {
    let mut a = app();
    let path = path_to(&a, "backup-19");
    walk(&mut a, &path);
    app::update(&mut a, Msg::PrintOnQuit);
    assert_eq!(a.print_on_quit.as_deref(), Some("vssadmin list writers"));
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .contains("vssadmin list writers")
    );
}

#[test]
fn selecting_a_command_scrolls_it_into_view() {
    let mut a = app();
    app::update(&mut a, Msg::Resize(40, 12));
    let p = path_to(&a, "backup-26");
    walk(&mut a, &p);
    let count = a.tree.leaf("backup-26").unwrap().commands().count();
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    let (width, height) = triage::view::body_size(a.viewport);
    let mut max_scroll = 0;
    // The first command sits below the cause: the first Tab brings it into view.
    app::update(&mut a, Msg::NextCommand);
    assert_eq!(a.command, 0);
    for step in 0..=count {
        let doc = triage::view::leaf_document(&a.leaf_view().unwrap(), width, &theme);
        let (start, end) = doc.item_lines[a.command];
        assert!(
            start >= a.scroll && end <= a.scroll + height,
            "step {step}: command {} at lines {start}..{end} not in view from {}",
            a.command,
            a.scroll
        );
        max_scroll = max_scroll.max(a.scroll);
        app::update(&mut a, Msg::NextCommand);
    }
    assert!(max_scroll > 20, "the last commands are far down");
}

#[test]
fn page_keys_scroll_the_leaf() {
    let mut a = app();
    app::update(&mut a, Msg::Resize(80, 24));
    let p = path_to(&a, "backup-26");
    walk(&mut a, &p);
    app::update(&mut a, Msg::PageDown);
    assert!(a.scroll >= 19);
    app::update(&mut a, Msg::PageUp);
    assert_eq!(a.scroll, 0);
    app::update(&mut a, Msg::End);
    assert!(a.scroll > 0);
    app::update(&mut a, Msg::Home);
    assert_eq!(a.scroll, 0);
}

#[test]
fn copy_refuses_control_characters() {
    let src = tree::EMBEDDED_SOURCE.replace(
        "vssadmin list writers",
        "vssadmin \\u{1b}]52;c;evil\\u{7} list writers",
    );
    let t = tree::load_str("evil.ron", &src).unwrap();
    let mut a = App::new(
        Arc::new(t),
        Lang::En,
        app::index_searcher(Default::default()),
    );
    let p = path_to(&a, "backup-19");
    walk(&mut a, &p);
    assert_eq!(app::update(&mut a, Msg::Copy), None);
    assert!(a.status.as_deref().unwrap().contains("control characters"));
}

#[test]
fn search_opens_a_leaf_with_the_path_that_leads_there() {
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    for c in "VSS Writers in bad state".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    let Some(Overlay::Search(state)) = &a.overlay else {
        panic!()
    };
    assert_eq!(state.findings.hits[0].id, "backup-19");
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, "backup-19");
    assert!(a.overlay.is_none());
    assert!(a.via_search);
    assert_eq!(a.trail.len(), a.tree.path_to("backup-19").unwrap().len());
    assert!(a.leaf_view().unwrap().path.is_some());
    assert!(a.events.iter().any(
        |e| matches!(e, Event::Searched { query, .. } if query == "VSS Writers in bad state")
    ));
    // Back from a leaf found by search walks the questions backwards.
    app::update(&mut a, Msg::Back);
    assert!(!a.on_leaf());
}

#[test]
fn search_box_keys_edit_the_query_and_escape_closes() {
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    for c in "abc".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    app::update(&mut a, Msg::Erase);
    let Some(Overlay::Search(state)) = &a.overlay else {
        panic!()
    };
    assert_eq!(state.query, "ab");
    app::update(&mut a, Msg::ClearQuery);
    let Some(Overlay::Search(state)) = &a.overlay else {
        panic!()
    };
    assert_eq!(state.query, "");
    app::update(&mut a, Msg::Type('\u{1b}'));
    let Some(Overlay::Search(state)) = &a.overlay else {
        panic!()
    };
    assert_eq!(state.query, "", "control characters are not typed");
    app::update(&mut a, Msg::Escape);
    assert!(a.overlay.is_none());
    assert!(!a.quit, "Esc in search closes search, not the app");
}

#[test]
fn a_huge_paste_is_cut_with_a_notice() {
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, &"x".repeat(1 << 20));
    let Some(Overlay::Search(state)) = &a.overlay else {
        panic!()
    };
    assert_eq!(state.query.chars().count(), app::MAX_QUERY_CHARS);
    assert!(a.status.is_some());
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut a = app();
    app::update(&mut a, Msg::ToggleHelp);
    assert_eq!(a.overlay, Some(Overlay::Help(0)));
    app::update(&mut a, Msg::Down);
    assert_eq!(a.overlay, Some(Overlay::Help(1)));
    app::update(&mut a, Msg::Escape);
    assert!(a.overlay.is_none());
    assert!(!a.quit);
}

#[test]
fn language_toggles_without_losing_the_place() {
    let mut a = app();
    walk(&mut a, &[1, 0]);
    let (current, trail) = (a.current.clone(), a.trail.clone());
    app::update(&mut a, Msg::ToggleLang);
    assert_eq!(a.lang, Lang::Ko);
    assert_eq!((a.current.clone(), a.trail.clone()), (current, trail));
    app::update(&mut a, Msg::ToggleLang);
    assert_eq!(a.lang, Lang::En);
}

#[test]
fn quit_keys_quit_from_every_screen() {
    for answers in [vec![], vec![1usize]] {
        let mut a = app();
        walk(&mut a, &answers);
        app::update(&mut a, Msg::Escape);
        assert!(a.quit);
    }
    let mut a = app();
    let p = path_to(&a, "jobs-01");
    walk(&mut a, &p);
    app::update(&mut a, Msg::Quit);
    assert!(a.quit);
}

/// Every key of the table, on every screen, through the real key map: nothing panics and the
/// trail always matches the screen.
#[test]
fn every_key_on_every_screen_keeps_the_invariants() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut codes: Vec<KeyEvent> = Vec::new();
    for c in "0123456789abcdefghijklmnopqrstuvwxyzL?/ ".chars() {
        codes.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    for c in "123".chars() {
        codes.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT));
    }
    for code in [
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Esc,
    ] {
        codes.push(KeyEvent::new(code, KeyModifiers::NONE));
    }
    codes.push(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    let screens: Vec<fn(&mut App)> = vec![
        |_| {},
        |a| walk(a, &[1]),
        |a| {
            let p = path_to(a, "backup-19");
            walk(a, &p)
        },
        |a| {
            app::update(a, Msg::OpenSearch);
        },
        |a| {
            app::update(a, Msg::ToggleHelp);
        },
    ];
    for setup in &screens {
        for key in &codes {
            let mut a = app();
            setup(&mut a);
            let msg = keys::to_msg(ui::context(&a), key);
            if let Some(msg) = msg {
                app::update(&mut a, msg);
            }
            check_invariants(&a);
        }
    }
    // Ctrl-C quits from every screen.
    for setup in &screens {
        let mut a = app();
        setup(&mut a);
        let msg = keys::to_msg(
            ui::context(&a),
            &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        );
        app::update(&mut a, msg.unwrap());
        assert!(a.quit);
    }
}

fn check_invariants(a: &App) {
    // Following the trail from the start arrives at the current node.
    let mut at = a.tree.start.clone();
    for (q, answer) in &a.trail {
        assert_eq!(&at, q, "trail broken");
        at = a.tree.question(q).unwrap().answers[*answer].next.clone();
    }
    assert_eq!(at, a.current);
    if let Node::Question(q) = a.node() {
        assert!(a.selected < q.answers.len());
    }
    if ui::context(a) == Ctx::Leaf {
        let n = a.tree.leaf(&a.current).unwrap().commands().count();
        assert!(n == 0 || a.command < n);
    }
}

/// Practice driven by real keys through the key table, as the full-screen wizard reads them.
#[test]
fn practice_rounds_advance_with_enter_and_q_shows_the_score() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let press = |a: &mut App, code: KeyCode| {
        let msg = keys::to_msg(ui::context(a), &KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(msg) = msg {
            app::update(a, msg);
        }
    };
    let mut a = app();
    a.start_practice(3, 11);
    let first = a.practice.as_ref().unwrap().targets[0].clone();
    for d in path_to(&a, &first) {
        press(&mut a, KeyCode::Char(char::from(b'1' + d as u8)));
    }
    assert_eq!(ui::context(&a), Ctx::Verdict);
    assert!(a.practice.as_ref().unwrap().result().unwrap().correct);
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.practice.as_ref().unwrap().round,
        1,
        "Enter goes to the next round"
    );
    assert_eq!(a.current, a.tree.start);
    assert_eq!(ui::context(&a), Ctx::Question);
    // q mid-round ends the run with the score of the rounds played.
    press(&mut a, KeyCode::Char('q'));
    assert!(!a.quit);
    let p = a.practice.as_ref().unwrap();
    assert!(p.finished());
    assert_eq!(p.score.rounds.len(), 1);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
}

#[test]
fn print_on_quit_toggles_and_is_forgotten_when_leaving_the_fix() {
    let mut a = app();
    let p = path_to(&a, "backup-19");
    walk(&mut a, &p);
    app::update(&mut a, Msg::PrintOnQuit);
    assert!(a.print_on_quit.is_some());
    app::update(&mut a, Msg::PrintOnQuit);
    assert!(a.print_on_quit.is_none(), "a second p takes it back");
    app::update(&mut a, Msg::PrintOnQuit);
    app::update(&mut a, Msg::Back);
    assert!(a.print_on_quit.is_none(), "leaving the fix forgets it");
}

#[test]
fn ctrl_w_erases_the_last_word_of_the_query() {
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, "vss writers bad ");
    app::update(&mut a, Msg::EraseWord);
    let Some(Overlay::Search(state)) = &a.overlay else {
        panic!()
    };
    assert_eq!(state.query, "vss writers ");
}

#[test]
fn keys_wait_while_the_terminal_is_too_small_but_quit_works() {
    let mut a = app();
    app::update(&mut a, Msg::Resize(30, 8));
    app::update(&mut a, Msg::Choose(1));
    assert!(a.trail.is_empty(), "nothing happens unseen");
    app::update(&mut a, Msg::Resize(80, 24));
    app::update(&mut a, Msg::Choose(1));
    assert_eq!(a.trail.len(), 1);
    app::update(&mut a, Msg::Resize(10, 3));
    app::update(&mut a, Msg::Escape);
    assert!(a.quit);
}
