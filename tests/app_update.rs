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

/// The wizard in a `w` x `h` terminal, on fix `id` (reached by the shortest way).
fn app_at(id: &str, w: u16, h: u16) -> App {
    let mut a = app();
    app::update(&mut a, Msg::Resize(w, h));
    let p = path_to(&a, id);
    walk(&mut a, &p);
    a
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
        Some(Effect::Copy("net stop <ServiceName>".into()))
    );
    app::update(&mut a, Msg::PrevCommand);
    app::update(&mut a, Msg::PrevCommand);
    let tree = Arc::clone(&a.tree);
    let leaf = tree.leaf("backup-19").unwrap();
    assert_eq!(
        a.see_also,
        Some(leaf.see_also.len() - 1),
        "previous from the first wraps to the last item: the last See also entry"
    );
    assert_eq!(
        app::update(&mut a, Msg::Copy),
        None,
        "an entry is no command"
    );
    for _ in 0..leaf.see_also.len() {
        app::update(&mut a, Msg::PrevCommand);
    }
    // Before the See also entries come the links.
    assert_eq!((a.link, a.see_also), (Some(leaf.links.len() - 1), None));
    for _ in 0..leaf.links.len() {
        app::update(&mut a, Msg::PrevCommand);
    }
    assert_eq!(
        (a.command, a.link, a.see_also),
        (leaf.commands().count() - 1, None, None)
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
    let mut a = app_at("backup-26", 40, 12);
    let tree = Arc::clone(&a.tree);
    let leaf = tree.leaf("backup-26").unwrap();
    let commands = leaf.commands().count();
    // Commands, then the links, then the See also entries.
    let links = leaf.links.len();
    let count = commands + links + leaf.see_also.len();
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    let (width, height) = triage::view::body_size(a.viewport);
    let mut max_scroll = 0;
    // The first command sits below the cause: the first Tab brings it into view.
    app::update(&mut a, Msg::NextCommand);
    assert_eq!(a.command, 0);
    for step in 0..=count {
        let doc = triage::view::leaf_document(&a.leaf_view().unwrap(), width, &theme);
        let item = match (a.link, a.see_also) {
            (_, Some(i)) => commands + links + i,
            (Some(i), None) => commands + i,
            (None, None) => a.command,
        };
        assert_eq!(item, step % count);
        let (start, end) = doc.item_lines[item];
        assert!(
            start >= a.scroll && end <= a.scroll + height,
            "step {step}: item {item} at lines {start}..{end} not in view from {}",
            a.scroll
        );
        max_scroll = max_scroll.max(a.scroll);
        app::update(&mut a, Msg::NextCommand);
    }
    assert!(max_scroll > 20, "the last commands are far down");
}

#[test]
fn page_keys_scroll_the_leaf() {
    let mut a = app_at("backup-26", 80, 24);
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
    assert_eq!(state.query.len(), app::MAX_QUERY_BYTES);
    assert!(a.status.is_some());
    // What is kept is the paste's end: a log's newest lines.
    app::update(&mut a, Msg::ClearQuery);
    let log = format!("oldest {} newest vss writers", "x ".repeat(1 << 16));
    app::paste(&mut a, &log);
    let Some(Overlay::Search(state)) = &a.overlay else {
        panic!()
    };
    assert!(state.query.ends_with("newest vss writers"));
    assert!(!state.query.contains("oldest"));
    assert_eq!(
        a.status,
        Some(app::paste_cut_end_notice(Lang::En, app::MAX_QUERY_BYTES))
    );
}

#[test]
fn a_pasted_log_is_recorded_with_its_lines() {
    let log = "01:12:44 INFO waagent started\n01:12:50 ERROR VSS Writers in bad state\n";
    let recorded = |a: &App| -> Vec<String> {
        a.events
            .iter()
            .filter_map(|e| match e {
                Event::Searched { query, .. } => Some(query.clone()),
                _ => None,
            })
            .collect()
    };
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, log);
    app::update(&mut a, Msg::Confirm);
    assert_eq!(recorded(&a), [log.trim()]);
    // A log copied in two goes: both pieces, lines and all.
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, "01:12:44 INFO waagent started\n");
    app::paste(&mut a, "01:12:50 ERROR VSS Writers in bad state\n");
    app::update(&mut a, Msg::Confirm);
    assert_eq!(recorded(&a), [log.trim()]);
    // Edited after the paste: the query as it stands, on one line.
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, log);
    app::update(&mut a, Msg::Type('x'));
    app::update(&mut a, Msg::Confirm);
    assert_eq!(
        recorded(&a),
        ["01:12:44 INFO waagent started 01:12:50 ERROR VSS Writers in bad state x"]
    );
    // Pasted after typing: on one line too.
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::update(&mut a, Msg::Type('y'));
    app::paste(&mut a, log);
    app::update(&mut a, Msg::Confirm);
    assert!(!recorded(&a)[0].contains('\n'));
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
        let leaf = a.tree.leaf(&a.current).unwrap();
        let n = leaf.commands().count();
        assert!(n == 0 || a.command < n);
        assert!(a.see_also.is_none_or(|i| i < leaf.see_also.len()));
        assert!(a.link.is_none_or(|i| i < leaf.links.len()));
        assert!(
            a.link.is_none() || a.see_also.is_none(),
            "one selection at a time"
        );
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

// --------------------------------------------------------------------------- search box editing

fn search_state(a: &App) -> &app::SearchState {
    match &a.overlay {
        Some(Overlay::Search(state)) => state,
        _ => panic!("search is not open"),
    }
}

/// Search open with `text` typed, key by key.
fn typed(text: &str) -> App {
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    for c in text.chars() {
        app::update(&mut a, Msg::Type(c));
    }
    a
}

/// The query with `|` where the cursor is.
fn shown(a: &App) -> String {
    let s = search_state(a);
    let mut chars: Vec<char> = s.query.chars().collect();
    chars.insert(s.cursor, '|');
    chars.into_iter().collect()
}

fn press(a: &mut App, msgs: &[Msg]) {
    for m in msgs {
        app::update(a, *m);
    }
}

#[test]
fn search_cursor_moves_by_character_and_typing_inserts_there() {
    let mut a = typed("vss writers");
    assert_eq!(shown(&a), "vss writers|");
    press(&mut a, &[Msg::CursorLeft; 8]);
    assert_eq!(shown(&a), "vss| writers");
    for c in " bad".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    assert_eq!(shown(&a), "vss bad| writers");
    press(&mut a, &[Msg::CursorRight; 3]);
    assert_eq!(shown(&a), "vss bad wr|iters");
    // The ends stop the cursor.
    press(&mut a, &[Msg::CursorRight; 20]);
    assert_eq!(shown(&a), "vss bad writers|");
    press(&mut a, &[Msg::CursorLeft; 30]);
    assert_eq!(shown(&a), "|vss bad writers");
    app::update(&mut a, Msg::Type('x'));
    assert_eq!(shown(&a), "x|vss bad writers");
}

#[test]
fn search_cursor_moves_by_korean_characters() {
    let mut a = typed("스냅숏 실패");
    press(&mut a, &[Msg::CursorLeft, Msg::CursorLeft]);
    assert_eq!(shown(&a), "스냅숏 |실패");
    app::update(&mut a, Msg::Type('작'));
    app::update(&mut a, Msg::Type('업'));
    assert_eq!(shown(&a), "스냅숏 작업|실패");
    assert_eq!(search_state(&a).query, "스냅숏 작업실패");
    app::update(&mut a, Msg::Erase);
    assert_eq!(shown(&a), "스냅숏 작|실패");
    app::update(&mut a, Msg::EraseNext);
    assert_eq!(shown(&a), "스냅숏 작|패");
    press(&mut a, &[Msg::WordLeft]);
    assert_eq!(shown(&a), "스냅숏 |작패");
    press(&mut a, &[Msg::WordLeft]);
    assert_eq!(shown(&a), "|스냅숏 작패");
    press(&mut a, &[Msg::WordRight]);
    assert_eq!(shown(&a), "스냅숏| 작패");
}

#[test]
fn search_home_end_and_word_moves() {
    let mut a = typed("UserError vm-agent, not ready");
    app::update(&mut a, Msg::Home);
    assert_eq!(shown(&a), "|UserError vm-agent, not ready");
    app::update(&mut a, Msg::WordRight);
    assert_eq!(shown(&a), "UserError| vm-agent, not ready");
    app::update(&mut a, Msg::WordRight);
    assert_eq!(shown(&a), "UserError vm|-agent, not ready");
    app::update(&mut a, Msg::WordRight);
    assert_eq!(shown(&a), "UserError vm-agent|, not ready");
    app::update(&mut a, Msg::End);
    assert_eq!(shown(&a), "UserError vm-agent, not ready|");
    app::update(&mut a, Msg::WordLeft);
    assert_eq!(shown(&a), "UserError vm-agent, not |ready");
    press(&mut a, &[Msg::WordLeft; 2]);
    assert_eq!(shown(&a), "UserError vm-|agent, not ready");
    press(&mut a, &[Msg::WordLeft; 5]);
    assert_eq!(shown(&a), "|UserError vm-agent, not ready");
}

#[test]
fn search_backspace_and_delete_erase_around_the_cursor() {
    let mut a = typed("abcd");
    press(&mut a, &[Msg::CursorLeft, Msg::CursorLeft]);
    app::update(&mut a, Msg::Erase);
    assert_eq!(shown(&a), "a|cd");
    app::update(&mut a, Msg::EraseNext);
    assert_eq!(shown(&a), "a|d");
    app::update(&mut a, Msg::End);
    app::update(&mut a, Msg::EraseNext);
    assert_eq!(shown(&a), "ad|", "Delete at the end erases nothing");
    app::update(&mut a, Msg::Home);
    app::update(&mut a, Msg::Erase);
    assert_eq!(shown(&a), "|ad", "Backspace at the start erases nothing");
}

#[test]
fn search_ctrl_w_u_k_erase_words_and_ends_from_the_cursor() {
    let mut a = typed("vss writers bad state");
    press(&mut a, &[Msg::WordLeft, Msg::CursorLeft]);
    assert_eq!(shown(&a), "vss writers bad| state");
    app::update(&mut a, Msg::EraseWord);
    assert_eq!(shown(&a), "vss writers | state");
    app::update(&mut a, Msg::EraseWord);
    assert_eq!(
        shown(&a),
        "vss | state",
        "spaces before the cursor go with the word"
    );
    app::update(&mut a, Msg::EraseToEnd);
    assert_eq!(shown(&a), "vss |");
    app::update(&mut a, Msg::Type('x'));
    app::update(&mut a, Msg::CursorLeft);
    app::update(&mut a, Msg::EraseToStart);
    assert_eq!(shown(&a), "|x");
    let mut a = typed("가상 머신 스냅숏");
    press(&mut a, &[Msg::CursorLeft; 4]);
    app::update(&mut a, Msg::EraseWord);
    assert_eq!(shown(&a), "가상 | 스냅숏");
    app::update(&mut a, Msg::EraseToEnd);
    assert_eq!(shown(&a), "가상 |");
}

#[test]
fn search_paste_inserts_at_the_cursor() {
    let mut a = typed("vss state");
    press(&mut a, &[Msg::WordLeft, Msg::CursorLeft]);
    app::paste(&mut a, " writers\nin bad");
    assert_eq!(shown(&a), "vss writers in bad| state");
    // A paste that would go beyond the limit is cut where it is put.
    app::update(&mut a, Msg::Home);
    // (Counted in bytes, as the search reads it: a Korean syllable is three.)
    app::paste(&mut a, &"가".repeat(app::MAX_QUERY_BYTES / 3));
    let s = search_state(&a);
    let tail = "vss writers in bad state";
    assert!(s.query.len() <= app::MAX_QUERY_BYTES);
    assert!(s.query.len() > app::MAX_QUERY_BYTES - 3);
    assert!(s.query.ends_with(&format!("가{tail}")));
    assert_eq!(s.cursor, s.query.chars().count() - tail.len());
    assert!(a.status.is_some());
}

#[test]
fn search_cursor_moves_keep_the_results_and_up_down_still_choose() {
    let mut a = typed("vss writers");
    app::update(&mut a, Msg::Down);
    assert_eq!(search_state(&a).selected, 1);
    press(
        &mut a,
        &[
            Msg::CursorLeft,
            Msg::WordLeft,
            Msg::Home,
            Msg::End,
            Msg::CursorRight,
        ],
    );
    assert_eq!(search_state(&a).selected, 1, "moving does not search again");
    app::update(&mut a, Msg::Up);
    assert_eq!(search_state(&a).selected, 0);
    app::update(&mut a, Msg::Type('s'));
    assert_eq!(search_state(&a).query, "vss writerss");
}

/// The line editor's keys, through the key table, as the terminal reports them.
#[test]
fn search_editing_keys_come_from_the_table() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (none, ctrl, alt) = (KeyModifiers::NONE, KeyModifiers::CONTROL, KeyModifiers::ALT);
    let cases = [
        (KeyCode::Left, none, Msg::CursorLeft),
        (KeyCode::Right, none, Msg::CursorRight),
        (KeyCode::Left, ctrl, Msg::WordLeft),
        (KeyCode::Right, ctrl, Msg::WordRight),
        (KeyCode::Char('b'), alt, Msg::WordLeft),
        (KeyCode::Char('f'), alt, Msg::WordRight),
        (KeyCode::Home, none, Msg::Home),
        (KeyCode::End, none, Msg::End),
        (KeyCode::Char('a'), ctrl, Msg::Home),
        (KeyCode::Char('e'), ctrl, Msg::End),
        (KeyCode::Backspace, none, Msg::Erase),
        (KeyCode::Delete, none, Msg::EraseNext),
        (KeyCode::Char('d'), ctrl, Msg::EraseNext),
        (KeyCode::Char('w'), ctrl, Msg::EraseWord),
        (KeyCode::Char('u'), ctrl, Msg::EraseToStart),
        (KeyCode::Char('k'), ctrl, Msg::EraseToEnd),
        (KeyCode::Up, none, Msg::Up),
        (KeyCode::Down, none, Msg::Down),
        (KeyCode::Char('b'), none, Msg::Type('b')),
        (KeyCode::Char('한'), none, Msg::Type('한')),
    ];
    for (code, mods, msg) in cases {
        assert_eq!(
            keys::to_msg(Ctx::Search, &KeyEvent::new(code, mods)),
            Some(msg),
            "{mods:?} {code:?}"
        );
    }
    // Outside search, Left is still Back.
    assert_eq!(
        keys::to_msg(Ctx::Leaf, &KeyEvent::new(KeyCode::Left, none)),
        Some(Msg::Back)
    );
    // The help lists them, compactly.
    let rows = keys::help_rows(Ctx::Search, Lang::En);
    for k in [
        "Left Right",
        "Ctrl-Left/Right Alt-b/f",
        "Home End Ctrl-A/E",
        "Delete Ctrl-D",
        "Ctrl-U/K",
    ] {
        assert!(rows.iter().any(|(keys, _)| keys == k), "{k} in {rows:?}");
    }
    assert_eq!(rows.len(), keys::help_rows(Ctx::Search, Lang::Ko).len());
}

/// A long query scrolls sideways: at 40 columns the cursor stays in the box wherever it goes.
#[test]
fn a_long_query_scrolls_to_keep_the_cursor_visible_at_40_columns() {
    let text = "VM 에이전트가 응답하지 않아 스냅숏을 만들 수 없습니다 UserErrorGuestAgentStatusUnavailable 오류";
    let mut a = app();
    app::update(&mut a, Msg::Resize(40, 12));
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, text);
    let room = triage::view::query_room(triage::view::body_size(a.viewport).0, Lang::En);
    let total = text.chars().count();
    let check = |a: &App| {
        let s = search_state(a);
        let w = triage::view::query_window(&s.query, s.cursor, s.offset, room);
        assert_eq!(w.start, s.offset, "the app and the drawing agree");
        assert!(w.cursor < room, "cursor at column {} of {room}", w.cursor);
        assert!(triage::text::width(&w.text) <= room);
        let before: String = s
            .query
            .chars()
            .skip(s.offset)
            .take(s.cursor - s.offset)
            .collect();
        assert!(
            w.text.starts_with(&before),
            "the text before the cursor is shown"
        );
    };
    check(&a);
    assert!(search_state(&a).offset > 0, "the start scrolled away");
    for _ in 0..total {
        app::update(&mut a, Msg::CursorLeft);
        check(&a);
    }
    assert_eq!(search_state(&a).offset, 0);
    for _ in 0..total {
        app::update(&mut a, Msg::WordRight);
        check(&a);
    }
    app::update(&mut a, Msg::Home);
    check(&a);
    app::update(&mut a, Msg::EraseToEnd);
    assert_eq!(search_state(&a).offset, 0);
}

// --------------------------------------------------------------------------- See also

#[test]
fn tab_goes_through_the_commands_then_the_see_also_entries_and_enter_opens_one() {
    let mut a = app_at("backup-19", 80, 24);
    let tree = Arc::clone(&a.tree);
    let leaf = tree.leaf("backup-19").unwrap();
    let commands = leaf.commands().count();
    assert!(!leaf.see_also.is_empty());
    // The first Tab only brings the first command into view (it is below the screen at 80x24).
    app::update(&mut a, Msg::NextCommand);
    while a.see_also.is_none() {
        app::update(&mut a, Msg::NextCommand);
    }
    assert_eq!(
        a.command,
        commands - 1,
        "the last command came before the links"
    );
    assert_eq!(a.link, None);
    assert_eq!(a.selected_see_also(), Some(leaf.see_also[0].as_str()));
    assert_eq!(a.selected_command(), None);
    assert_eq!(a.selected_link(), None);
    // It is on screen: the leaf scrolled down to it.
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    let (width, height) = triage::view::body_size(a.viewport);
    let doc = triage::view::leaf_document(&a.leaf_view().unwrap(), width, &theme);
    let (start, end) = doc.item_lines[commands + leaf.links.len()];
    assert!(start >= a.scroll && end <= a.scroll + height);
    let text: String = doc.lines[start]
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    assert!(text.contains(&leaf.see_also[0]), "{text}");
    // c on an entry says what to do instead of copying nothing.
    assert_eq!(app::update(&mut a, Msg::Copy), None);
    assert_eq!(
        a.status.as_deref(),
        Some(triage::i18n::EN.see_also_not_a_command)
    );
    app::update(&mut a, Msg::NextCommand);
    let target = leaf.see_also[1].clone();
    assert_eq!(a.selected_see_also(), Some(target.as_str()));
    // Enter opens it, the way a search result opens: the trail leads to it, the path is shown.
    assert_eq!(app::update(&mut a, Msg::Confirm), None);
    assert_eq!(a.current, target);
    assert_eq!(a.trail, a.tree.trail_to(&target).unwrap());
    assert!(a.via_search);
    assert!(a.leaf_view().unwrap().path.is_some());
    assert_eq!((a.command, a.see_also, a.scroll), (0, None, 0));
    assert!(a.status.is_none());
    assert!(a.events.ends_with(&[
        Event::OpenedFromSearch {
            leaf: target.clone()
        },
        Event::Reached {
            leaf: target.clone()
        },
    ]));
    check_invariants(&a);
    // Back goes to the fix it was opened from, the entry selected again (the transcript says
    // where it came from); from there, Back walks up the questions that lead to that fix.
    let from = a
        .events
        .iter()
        .rev()
        .find_map(|e| match e {
            Event::OpenedSeeAlso { from } => Some(from.clone()),
            _ => None,
        })
        .unwrap();
    app::update(&mut a, Msg::Back);
    assert_eq!(a.current, from);
    assert_eq!(a.selected_see_also(), Some(target.as_str()));
    check_invariants(&a);
    let md = transcript_of(&a, Lang::En);
    assert!(
        md.contains(&format!("(from the See also of `{from}`)")),
        "{md}"
    );
    assert!(!md.contains(&format!(
        "{target}` {} (from search)",
        a.tree.leaf(&target).unwrap().title.en
    )));
    let (question, answer) = a.trail.last().cloned().unwrap();
    app::update(&mut a, Msg::Back);
    assert_eq!(a.current, question);
    assert_eq!(a.selected, answer);
}

#[test]
fn enter_on_a_command_copies_it_and_keys_reach_the_see_also_entries() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    assert_eq!(
        keys::to_msg(Ctx::Leaf, &key(KeyCode::Enter)),
        Some(Msg::Confirm)
    );
    let mut a = app();
    let p = path_to(&a, "backup-19");
    walk(&mut a, &p);
    assert_eq!(
        app::update(&mut a, Msg::Confirm),
        Some(Effect::Copy("vssadmin list writers".into()))
    );
    // Shift-Tab from the first command wraps to the last See also entry; Enter opens it.
    app::update(&mut a, Msg::Resize(80, 24));
    let msg = keys::to_msg(Ctx::Leaf, &key(KeyCode::BackTab)).unwrap();
    app::update(&mut a, msg);
    let last = a.tree.leaf("backup-19").unwrap().see_also.last().cloned();
    assert_eq!(a.selected_see_also(), last.as_deref());
    app::update(&mut a, Msg::Confirm);
    assert_eq!(Some(a.current.clone()), last);
    // The help says so.
    let rows = keys::help_rows(Ctx::Leaf, Lang::En);
    assert!(
        rows.iter()
            .any(|(k, d)| k == "Enter" && d.contains("See also")),
        "{rows:?}"
    );
}

#[test]
fn a_leaf_without_commands_selects_its_links_then_its_see_also_entries() {
    let mut a = app();
    app::update(&mut a, Msg::Resize(80, 24));
    let tree = Arc::clone(&a.tree);
    let (id, leaf) = tree
        .leaves()
        .find(|(_, l)| l.commands().count() == 0 && !l.links.is_empty() && !l.see_also.is_empty())
        .expect("the Azure tree has a fix without commands (backup-11)");
    let p = path_to(&a, id);
    walk(&mut a, &p);
    // Nothing is selected yet: c says how to select something.
    assert_eq!(app::update(&mut a, Msg::Copy), None);
    assert_eq!(a.status.as_deref(), Some(triage::i18n::EN.nothing_selected));
    // The first Tab selects the first item, the first link (none is skipped).
    app::update(&mut a, Msg::NextCommand);
    assert_eq!((a.link, a.see_also), (Some(0), None));
    assert_eq!(
        app::update(&mut a, Msg::Copy),
        Some(Effect::Copy(leaf.links[0].url.clone()))
    );
    for _ in 0..leaf.links.len() {
        app::update(&mut a, Msg::NextCommand);
    }
    assert_eq!((a.link, a.see_also), (None, Some(0)));
    assert_eq!(a.command, 0);
    assert_eq!(app::update(&mut a, Msg::Copy), None);
    assert_eq!(
        a.status.as_deref(),
        Some(triage::i18n::EN.see_also_not_a_command)
    );
    // On a fresh visit Shift-Tab selects the last item.
    app::update(&mut a, Msg::Restart);
    walk(&mut a, &p);
    app::update(&mut a, Msg::PrevCommand);
    assert_eq!(a.see_also, Some(leaf.see_also.len() - 1));
}

// --------------------------------------------------------------------------- links

/// The text of a document line.
fn line_text(line: &ratatui::text::Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[test]
fn tab_selects_the_links_between_the_commands_and_the_see_also_entries() {
    let mut a = app_at("backup-08", 80, 24);
    let tree = Arc::clone(&a.tree);
    let leaf = tree.leaf("backup-08").unwrap();
    let (commands, links) = (leaf.commands().count(), leaf.links.len());
    assert!(links >= 2, "backup-08 has several links");
    // Shift-Tab from the first command reaches the See also entries, then the last link.
    for _ in 0..=leaf.see_also.len() {
        app::update(&mut a, Msg::PrevCommand);
    }
    assert_eq!((a.link, a.see_also), (Some(links - 1), None));
    assert_eq!(a.selected_link(), Some(leaf.links[links - 1].url.as_str()));
    assert_eq!(a.selected_command(), None);
    assert_eq!(a.selected_see_also(), None);
    // Back to the first link, past the last command.
    for _ in 1..links {
        app::update(&mut a, Msg::PrevCommand);
    }
    assert_eq!(a.link, Some(0));
    app::update(&mut a, Msg::PrevCommand);
    assert_eq!((a.command, a.link), (commands - 1, None));
    app::update(&mut a, Msg::NextCommand);
    assert_eq!(a.link, Some(0));
    // The selected link is drawn selected, in view, with its whole URL and what c does.
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    let (width, height) = triage::view::body_size(a.viewport);
    let doc = triage::view::leaf_document(&a.leaf_view().unwrap(), width, &theme);
    let (start, end) = doc.item_lines[commands];
    assert!(start >= a.scroll && end <= a.scroll + height);
    let title = line_text(&doc.lines[start]);
    assert!(
        title.starts_with(" > ") && title.contains(leaf.links[0].title.get(Lang::En)),
        "{title:?}"
    );
    let url: String = doc.lines[start + 1..end]
        .iter()
        .map(|l| line_text(l).trim().to_string())
        .collect();
    assert_eq!(url, leaf.links[0].url);
    let heading = doc.lines[..start]
        .iter()
        .rev()
        .map(line_text)
        .find(|l| l.starts_with("Links"))
        .unwrap();
    assert!(heading.contains(triage::i18n::EN.copy_label), "{heading:?}");
    // The URL's pieces are known for terminal hyperlinks, each with its link.
    let pieces: Vec<_> = doc.urls.iter().filter(|u| u.link == 0).collect();
    assert_eq!(
        pieces.iter().map(|u| u.text.as_str()).collect::<String>(),
        leaf.links[0].url
    );
    assert!(pieces.iter().all(|u| (start + 1..end).contains(&u.line)));
    check_invariants(&a);
}

#[test]
fn c_and_enter_on_a_link_copy_its_url_and_p_prints_it_on_quit() {
    let mut a = app_at("backup-19", 80, 24);
    let url = a.tree.leaf("backup-19").unwrap().links[0].url.clone();
    let commands = a.tree.leaf("backup-19").unwrap().commands().count();
    while a.link.is_none() {
        app::update(&mut a, Msg::NextCommand);
    }
    assert_eq!(a.command, commands - 1);
    let events = a.events.len();
    assert_eq!(
        app::update(&mut a, Msg::Copy),
        Some(Effect::Copy(url.clone()))
    );
    assert_eq!(
        app::update(&mut a, Msg::Confirm),
        Some(Effect::Copy(url.clone())),
        "Enter on a link copies it, as on a command"
    );
    assert_eq!(a.events.len(), events, "a link copy is no command copy");
    assert_eq!(a.current, "backup-19");
    app::update(&mut a, Msg::PrintOnQuit);
    assert_eq!(a.print_on_quit.as_deref(), Some(url.as_str()));
    assert!(a.status.as_deref().unwrap().contains(&url));
    app::update(&mut a, Msg::PrintOnQuit);
    assert_eq!(a.print_on_quit, None);
    // The keys come from the table, and the help says what they do on a link.
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    for c in ['c', 'y'] {
        let msg = keys::to_msg(Ctx::Leaf, &key(c)).unwrap();
        assert_eq!(app::update(&mut a, msg), Some(Effect::Copy(url.clone())));
    }
    let msg = keys::to_msg(Ctx::Leaf, &key('p')).unwrap();
    app::update(&mut a, msg);
    assert_eq!(a.print_on_quit.as_deref(), Some(url.as_str()));
    for lang in [Lang::En, Lang::Ko] {
        let rows = keys::help_rows(Ctx::Leaf, lang);
        let word = if lang == Lang::En { "link" } else { "링크" };
        for keys in ["c y", "p o", "Tab Down j"] {
            assert!(
                rows.iter().any(|(k, d)| k == keys && d.contains(word)),
                "{keys}: {rows:?}"
            );
        }
    }
    assert!(triage::i18n::EN.leaf_hint.contains("link"));
    assert!(triage::i18n::KO.leaf_hint.contains("링크"));
}

#[test]
fn a_link_with_control_characters_is_not_copied() {
    let url = "https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot#extensionfailedvsswriterinbadstate---snapshot-operation-failed-because-vss-writers-were-in-a-bad-state";
    let src = tree::EMBEDDED_SOURCE.replacen(url, &format!("{url}\\u{{1b}}]52;c;evil\\u{{7}}"), 1);
    assert_ne!(src, tree::EMBEDDED_SOURCE, "the link is in the tree");
    let t = tree::load_str("evil.ron", &src).unwrap();
    let mut a = App::new(
        Arc::new(t),
        Lang::En,
        app::index_searcher(Default::default()),
    );
    let p = path_to(&a, "backup-19");
    walk(&mut a, &p);
    while a.link.is_none() {
        app::update(&mut a, Msg::NextCommand);
    }
    assert!(a.selected_link().unwrap().contains('\x1b'));
    assert_eq!(app::update(&mut a, Msg::Copy), None);
    assert_eq!(
        a.status.as_deref(),
        Some(triage::i18n::EN.link_copy_refused)
    );
    // Drawn, the URL is escaped: nothing reaches the terminal raw.
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    let doc = triage::view::leaf_document(&a.leaf_view().unwrap(), 78, &theme);
    assert!(doc.lines.iter().all(|l| !line_text(l).contains('\x1b')));
}

/// The Markdown transcript of the session so far, in `lang`.
fn transcript_of(a: &App, lang: Lang) -> String {
    let session = triage::transcript::Session::from_events(
        &a.tree,
        lang,
        &a.events,
        "2024-01-01T00:00:00Z".into(),
        &a.current,
        &a.trail,
    );
    triage::transcript::markdown(&a.tree, &session)
}

// --------------------------------------------------------------------------- plain mode

/// A plain session fed `input`; what it printed.
fn plain(lang: Lang, input: &str) -> String {
    let mut a = app();
    a.lang = lang;
    let mut out = Vec::new();
    let code = triage::plain::run(
        &mut a,
        &mut std::io::Cursor::new(input.as_bytes().to_vec()),
        &mut out,
    )
    .unwrap();
    assert_eq!(code, 0);
    String::from_utf8(out).unwrap()
}

#[test]
fn plain_mode_says_what_is_accepted_instead_of_ignoring_input() {
    let a = app();
    let answers = match a.node() {
        Node::Question(q) => q.answers.len(),
        _ => unreachable!(),
    };
    let out = plain(Lang::En, &format!("{}\n-\n\nq\n", answers + 1));
    let notice = format!(
        "Not understood: type 1-{answers} (an answer), 0 or /TEXT (search), b (back), r (restart) or q (quit)"
    );
    assert_eq!(out.matches(&notice).count(), 2, "{out}");
    // The question is not printed again, only the prompt: three after the notices and the
    // empty line, and the first one.
    assert_eq!(out.matches("What were you doing").count(), 1, "{out}");
    assert_eq!(out.matches("Answer (number;").count(), 4, "{out}");
    let out = plain(Lang::Ko, &format!("{}\n-\nq\n", answers + 1));
    assert_eq!(
        out.matches(&format!("알 수 없는 입력입니다: 1-{answers} (답)"))
            .count(),
        2,
        "{out}"
    );
}

/// Text that is no command (an error code, a message, a long number) is searched for, on a
/// question and on a fix, as typing it in the full-screen wizard does; a fix with blanks says
/// at its prompt how to fill them.
#[test]
fn plain_mode_searches_text_that_is_no_command() {
    let out = plain(Lang::En, "UserErrorFsFreezeFailed\n\nq\n");
    assert!(out.contains("1) backup-25  Linux mount points"), "{out}");
    assert!(!out.contains("Not understood"), "{out}");
    let out = plain(Lang::En, "320001\n\nq\n");
    assert!(out.contains("error code \"320001\""), "{out}");
    let a = app();
    let walk: String = path_to(&a, "backup-19")
        .iter()
        .map(|d| format!("{}\n", d + 1))
        .collect();
    let out = plain(Lang::En, &format!("{walk}vss writers failed\n\nq\n"));
    assert!(out.contains("1) backup-19"), "{out}");
    let out = plain(Lang::En, "/backup-01\n1\nq\n");
    assert!(out.contains("(NAME=VALUE fills a blank; "), "{out}");
}

#[test]
fn plain_mode_on_a_fix_lists_its_see_also_ids_and_opens_one() {
    let a = app();
    let walk: String = path_to(&a, "backup-19")
        .iter()
        .map(|d| format!("{}\n", d + 1))
        .collect();
    let see_also = a.tree.leaf("backup-19").unwrap().see_also.clone();
    let out = plain(Lang::En, &format!("{walk}3\nx\n{}\nq\n", see_also[0]));
    let notice = format!(
        "Not understood: type a See also id ({}), b (back), r (restart), /TEXT (search) or q (quit)",
        see_also.join(", ")
    );
    assert_eq!(out.matches(&notice).count(), 2, "{out}");
    assert!(out.contains("(a See also id opens it;"), "{out}");
    // The id opened that fix, with the questions that lead to it.
    let title = a.tree.leaf(&see_also[0]).unwrap().title.get(Lang::En);
    assert!(out.contains(&format!("{}  {title}", see_also[0])), "{out}");
    assert!(out.contains("How the questions lead here"), "{out}");
    let out = plain(Lang::Ko, &format!("{walk}x\nq\n"));
    assert!(
        out.contains("알 수 없는 입력입니다: 함께 보기 id ("),
        "{out}"
    );
}

#[test]
fn plain_mode_search_refuses_a_result_number_out_of_range() {
    let out = plain(Lang::En, "/vss writers\n15\n0\n2\nq\n");
    let shown = search_state(&typed("vss writers"))
        .findings
        .hits
        .len()
        .min(10);
    assert!((2..15).contains(&shown));
    assert!(
        out.contains(&format!(
            "No result 15: type 1-{shown} to open one, other words to search again, or an empty line to close"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("No result 0: type 1-{shown}")),
        "{out}"
    );
    // 2 still opens the second result.
    assert!(out.contains("How the questions lead here"), "{out}");
    // Nothing searched yet: nothing to open.
    let out = plain(Lang::Ko, "0\n3\n\nq\n");
    assert!(
        out.contains("열 결과가 없습니다: 다른 검색어를 입력하거나 빈 줄로 닫으세요"),
        "{out}"
    );
    // A long number is an error code to search for, not a result number.
    let out = plain(Lang::En, "/x\n320001\nq\n");
    assert!(!out.contains("No result"), "{out}");
}

// --------------------------------------------------------------------------- selection in view

/// The selected item of the leaf (commands, links, then See also entries), if any.
fn selected_item(a: &App) -> Option<usize> {
    let leaf = a.tree.leaf(&a.current).unwrap();
    let commands = leaf.commands().count();
    match (a.selection_cleared, a.link, a.see_also) {
        (true, _, _) => None,
        (false, _, Some(i)) => Some(commands + leaf.links.len() + i),
        (false, Some(i), None) => Some(commands + i),
        (false, None, None) => (a.command < commands).then_some(a.command),
    }
}

/// Lines of each item of the leaf as laid out at the current size.
fn item_lines(a: &App) -> Vec<(usize, usize)> {
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    let (width, _) = triage::view::body_size(a.viewport);
    triage::view::leaf_document(&a.leaf_view().unwrap(), width, &theme).item_lines
}

/// True when all of item `item` is on screen.
fn on_screen(a: &App, item: usize) -> bool {
    let (start, end) = item_lines(a)[item];
    let height = triage::view::body_size(a.viewport).1;
    start >= a.scroll && end <= a.scroll + height
}

/// At 100x30 on backup-16 (answers 1 then 6), Tab selects `sestatus` (the user test's steps).
fn sestatus_selected() -> App {
    let mut a = app();
    app::update(&mut a, Msg::Resize(100, 30));
    walk(&mut a, &[0, 5]);
    assert_eq!(a.current, "backup-16");
    app::update(&mut a, Msg::NextCommand);
    assert_eq!(a.selected_command(), Some("sestatus"));
    a
}

#[test]
fn a_resize_keeps_the_selected_command_in_view() {
    let mut a = sestatus_selected();
    app::update(&mut a, Msg::Resize(60, 20));
    assert!(on_screen(&a, selected_item(&a).unwrap()), "{}", a.scroll);
    assert_eq!(
        app::update(&mut a, Msg::Copy),
        Some(Effect::Copy("sestatus".into()))
    );
    // Smaller still, and back.
    for (w, h) in [(40, 12), (100, 30), (41, 13)] {
        app::update(&mut a, Msg::Resize(w, h));
        assert_eq!(a.selected_command(), Some("sestatus"));
        assert!(on_screen(&a, selected_item(&a).unwrap()), "{w}x{h}");
    }
}

/// The user test: backup-25 at 80x24, Tab three times (`umount /dev/sdb1`), then 40x12, 30x10
/// (too small: keys wait) and back to 80x24. The selection must be on screen again.
#[test]
fn a_resize_through_too_small_keeps_the_selected_command_in_view() {
    let mut a = app();
    app::update(&mut a, Msg::Resize(80, 24));
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, "UserErrorFsFreezeFailed");
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, "backup-25");
    for _ in 0..3 {
        app::update(&mut a, Msg::NextCommand);
    }
    assert_eq!(a.selected_command(), Some("umount /dev/sdb1"));
    let item = selected_item(&a).unwrap();
    assert!(on_screen(&a, item));
    let sequences: [&[(u16, u16)]; 4] = [
        &[(40, 12), (30, 10), (80, 24)],
        &[(40, 12), (80, 24)],
        &[(30, 10), (80, 24)],
        &[
            (40, 12),
            (30, 10),
            (10, 3),
            (30, 10),
            (40, 12),
            (100, 30),
            (30, 10),
            (80, 24),
        ],
    ];
    for sizes in sequences {
        for &(w, h) in sizes {
            app::update(&mut a, Msg::Resize(w, h));
            assert_eq!(a.selected_command(), Some("umount /dev/sdb1"), "{sizes:?}");
            if w >= triage::view::MIN_WIDTH && h >= triage::view::MIN_HEIGHT {
                assert!(
                    on_screen(&a, item),
                    "{sizes:?} at {w}x{h}: scroll {}",
                    a.scroll
                );
            }
        }
        check_invariants(&a);
        // `c` copies what is on screen without moving the view.
        let scroll = a.scroll;
        assert_eq!(
            app::update(&mut a, Msg::Copy),
            Some(Effect::Copy("umount /dev/sdb1".into()))
        );
        assert_eq!(a.scroll, scroll, "{sizes:?}");
    }
}

#[test]
fn scrolling_moves_the_selection_onto_the_screen_or_clears_it() {
    let mut a = sestatus_selected();
    app::update(&mut a, Msg::Resize(60, 20));
    // G: the end of the fix; the selection is the first item there.
    app::update(&mut a, Msg::End);
    let item = selected_item(&a).expect("items are at the end");
    assert!(on_screen(&a, item));
    let lines = item_lines(&a);
    let height = triage::view::body_size(a.viewport).1;
    assert!(
        lines[..item].iter().all(|(start, _)| *start < a.scroll),
        "no earlier item is on screen"
    );
    // The end is the last full page: PgUp moves at once.
    let end = a.scroll;
    app::update(&mut a, Msg::PageUp);
    assert_eq!(a.scroll, end - (height - 1));
    // g: the top shows no item: nothing is selected, and c says how to select.
    app::update(&mut a, Msg::Home);
    assert!(lines.iter().all(|(_, e)| *e > height), "{lines:?}");
    assert_eq!(selected_item(&a), None);
    assert_eq!(a.selected_command(), None);
    assert_eq!(app::update(&mut a, Msg::Copy), None);
    assert_eq!(a.status.as_deref(), Some(triage::i18n::EN.nothing_selected));
    assert_eq!(app::update(&mut a, Msg::PrintOnQuit), None);
    assert_eq!(a.print_on_quit, None);
    check_invariants(&a);
    // Drawn with nothing selected: no command carries the "c: copy" label.
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    let doc = triage::view::leaf_document(&a.leaf_view().unwrap(), 58, &theme);
    assert!(
        doc.lines
            .iter()
            .all(|l| !line_text(l).contains(triage::i18n::EN.copy_label))
    );
    // Scrolling down again selects the first item that comes on screen.
    app::update(&mut a, Msg::PageDown);
    assert_eq!(selected_item(&a), Some(0));
}

#[test]
fn tab_after_scrolling_selects_from_the_top_of_the_view() {
    let mut a = sestatus_selected();
    app::update(&mut a, Msg::Resize(60, 20));
    let lines = item_lines(&a);
    // Scrolled by pages from the top: Tab selects the first item at or after the top of the view
    // (the one the scroll moved the selection to, when on screen, is followed by the next).
    app::update(&mut a, Msg::Home);
    app::update(&mut a, Msg::PageDown);
    let top = a.scroll;
    let before = selected_item(&a);
    app::update(&mut a, Msg::NextCommand);
    let item = selected_item(&a).unwrap();
    let expected = match before {
        Some(i) => i + 1,
        None => lines.iter().position(|(start, _)| *start >= top).unwrap(),
    };
    assert_eq!(item, expected, "{lines:?} from {top}");
    assert!(on_screen(&a, item));
    // Shift-Tab from a view that shows no item: the last item before its bottom.
    app::update(&mut a, Msg::Home);
    app::update(&mut a, Msg::PrevCommand);
    let height = triage::view::body_size(a.viewport).1;
    let last_before_bottom = lines.iter().rposition(|(start, _)| *start < height);
    assert_eq!(
        selected_item(&a),
        Some(last_before_bottom.unwrap_or(lines.len() - 1))
    );
}

#[test]
fn copy_never_takes_a_command_off_screen_unseen() {
    let mut a = sestatus_selected();
    app::update(&mut a, Msg::Resize(60, 20));
    // Off screen however it happened: c copies it and brings it into view, drawn selected.
    a.scroll = 0;
    let item = selected_item(&a).unwrap();
    assert!(!on_screen(&a, item));
    assert_eq!(
        app::update(&mut a, Msg::Copy),
        Some(Effect::Copy("sestatus".into()))
    );
    assert!(on_screen(&a, item));
    // The same for Enter (it copies a command) and print on quit.
    a.scroll = 0;
    assert_eq!(
        app::update(&mut a, Msg::Confirm),
        Some(Effect::Copy("sestatus".into()))
    );
    assert!(on_screen(&a, item));
    a.scroll = 0;
    app::update(&mut a, Msg::PrintOnQuit);
    assert_eq!(a.print_on_quit.as_deref(), Some("sestatus"));
    assert!(a.status.as_deref().unwrap().contains("sestatus"));
    assert!(on_screen(&a, item));
}

#[test]
fn the_copy_status_names_what_was_copied() {
    let ok = triage::i18n::EN.copied;
    assert_eq!(
        app::copied_status(ok, "sestatus"),
        format!("{ok}: sestatus")
    );
    // Whole where it fits: the values filled in can be checked (the status line cuts it to
    // the screen's width).
    let command = "az vm extension set --resource-group myResourceGroup --vm-name myVM";
    assert_eq!(app::copied_status(ok, command), format!("{ok}: {command}"));
    let long = command.repeat(3);
    let status = app::copied_status(ok, &long);
    assert!(status.starts_with(&format!("{ok}: az vm extension set")));
    assert!(status.ends_with(".."), "{status}");
    // Several lines: the first one, marked as going on.
    assert_eq!(
        app::copied_status(ok, "net stop vss\nnet start vss"),
        format!("{ok}: net stop vss ..")
    );
    // Control characters never reach the status line raw.
    assert!(!app::copied_status(ok, "a\u{1b}]52;c;x\u{7}").contains('\u{1b}'));
}

/// A copy with blanks says so (and only that: the start of the command would crowd out the
/// names at 80 columns); but when tmux may have kept it from the clipboard, that is
/// said first (the status line may have room for one line only); a refused copy is not called
/// a copy with blanks.
#[test]
fn the_copy_status_puts_what_matters_first() {
    let s = triage::i18n::strings(Lang::En);
    let note = Some("Copied with blanks: <VMName> (f fills them in)".to_string());
    let ok = app::after_copy(s.copied, "Get-AzVM <VMName>", note.clone(), Lang::En);
    // The note alone: it says "Copied" already, and the names need the room.
    assert_eq!(ok, "Copied with blanks: <VMName> (f fills them in)");
    let tmux = format!("{}\n{}", s.copied_tmux, s.tmux_hint);
    let held = app::after_copy(&tmux, "Get-AzVM <VMName>", note.clone(), Lang::En);
    assert!(held.starts_with(s.copied_tmux), "{held}");
    assert!(
        held.ends_with("Copied with blanks: <VMName> (f fills them in)"),
        "{held}"
    );
    let refused = format!("{}: broken pipe", s.copy_refused);
    assert_eq!(
        app::after_copy(&refused, "x", note, Lang::En),
        app::copied_status(&refused, "x")
    );
}

// --------------------------------------------------------------------------- search memory

#[test]
fn slash_reopens_the_last_search_after_going_back_from_a_result() {
    let mut a = typed("vss writers bad state");
    let hits = search_state(&a).findings.hits.clone();
    assert!(hits.len() >= 2);
    app::update(&mut a, Msg::Down);
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, hits[1].id);
    // Backspace on the fix: back one step of the trail, as always.
    let (question, answer) = a.trail.last().cloned().unwrap();
    app::update(&mut a, Msg::Back);
    assert_eq!((a.current.clone(), a.selected), (question, answer));
    // `/`: the last query, the cursor at its end, the result opened highlighted.
    app::update(&mut a, Msg::OpenSearch);
    let s = search_state(&a);
    assert_eq!(s.query, "vss writers bad state");
    assert_eq!(s.cursor, s.query.chars().count());
    assert_eq!(s.findings.hits[s.selected].id, hits[1].id);
    // Another result, without retyping.
    app::update(&mut a, Msg::Up);
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, hits[0].id);
    let searched = a
        .events
        .iter()
        .filter(|e| matches!(e, Event::Searched { .. }))
        .count();
    assert_eq!(searched, 1, "the same search is recorded once");
    // Reopened, Esc keeps it too; after a cursor move typing adds to it (a shell prompt),
    // Ctrl-U empties it.
    app::update(&mut a, Msg::OpenSearch);
    app::update(&mut a, Msg::Escape);
    app::update(&mut a, Msg::OpenSearch);
    app::update(&mut a, Msg::End);
    app::update(&mut a, Msg::Type('x'));
    assert_eq!(search_state(&a).query, "vss writers bad statex");
    app::update(&mut a, Msg::EraseToStart);
    app::update(&mut a, Msg::Escape);
    app::update(&mut a, Msg::OpenSearch);
    assert_eq!(search_state(&a).query, "", "an emptied box is forgotten");
}

#[test]
fn a_paste_into_the_reopened_search_starts_a_new_one() {
    let mut a = typed("vss writers");
    app::update(&mut a, Msg::Confirm);
    // Pasting on a fix opens search (main sends OpenSearch, then the paste): the paste is the
    // query, not added to the last one.
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, "UserErrorGuestAgentStatusUnavailable");
    let s = search_state(&a);
    assert_eq!(s.query, "UserErrorGuestAgentStatusUnavailable");
    assert_eq!(s.cursor, s.query.chars().count());
    // Once edited, a paste goes in at the cursor as before.
    app::paste(&mut a, " x");
    assert_eq!(
        search_state(&a).query,
        "UserErrorGuestAgentStatusUnavailable x"
    );
}

/// A program's bytes pasted by mistake are not searched: the box says so and keeps its query.
#[test]
fn a_binary_paste_is_refused_and_the_query_kept() {
    let mut a = typed("vss");
    let elf: String =
        "\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0\u{fffd}\u{fffd}linux".repeat(20);
    app::paste(&mut a, &elf);
    assert_eq!(search_state(&a).query, "vss");
    let status = a.status.clone().unwrap_or_default();
    assert!(status.contains("binary data"), "{status}");
    // A log with colour codes is text.
    app::paste(&mut a, " \x1b[31mERROR\x1b[0m VSS writer failed\n");
    assert!(search_state(&a).query.contains("VSS writer failed"));
}

// --------------------------------------------------------------------------- practice

#[test]
fn practice_does_not_offer_search() {
    let mut a = app();
    a.start_practice(3, 11);
    let Node::Question(q) = a.node() else {
        unreachable!()
    };
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    let doc = triage::view::question_document(q, Lang::En, 0, false, 78, &theme);
    assert_eq!(
        doc.item_lines.len(),
        q.answers.len(),
        "no \"0 search\" line"
    );
    assert!(
        doc.lines
            .iter()
            .all(|l| !line_text(l).contains(triage::i18n::EN.none_fits))
    );
    for lang in [Lang::En, Lang::Ko] {
        let s = triage::i18n::strings(lang);
        for hint in [s.practice_question_hint, s.practice_question_hint_short] {
            assert!(!hint.contains('/'), "{hint}");
        }
        let rows = keys::help_rows_for(Ctx::Question, lang, false);
        assert_eq!(
            rows.len() + 2,
            keys::help_rows(Ctx::Question, lang).len() + 1,
            "0 and / are left out; PgDn PgUp (the message to solve) are practice's own"
        );
        assert!(rows.iter().all(|(k, _)| k != "0" && k != "/"), "{rows:?}");
        assert!(rows.iter().any(|(k, _)| k == "PgDn PgUp"), "{rows:?}");
    }
    // `/` and `0` still say why nothing opens.
    app::update(&mut a, Msg::OpenSearch);
    assert!(a.overlay.is_none());
    assert_eq!(
        a.status.as_deref(),
        Some(triage::i18n::EN.practice_no_search)
    );
}

/// Searches for `query` and opens `id` among the results.
fn open_from_search(query: &str, id: &str) -> App {
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, query);
    let at = search_state(&a)
        .findings
        .hits
        .iter()
        .position(|h| h.id == id)
        .unwrap_or_else(|| panic!("{id} not found for {query:?}"));
    for _ in 0..at {
        app::update(&mut a, Msg::Down);
    }
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, id);
    a
}

/// The first answers of the trail, as labels.
fn trail_labels(a: &App) -> Vec<String> {
    a.trail
        .iter()
        .map(|(q, i)| a.tree.question(q).unwrap().answers[*i].label.en.clone())
        .collect()
}

#[test]
fn a_search_result_opens_with_the_path_the_query_describes() {
    let a = open_from_search(
        "Backup failed … UserErrorVmNotInDesirableState",
        "backup-16",
    );
    let labels = trail_labels(&a);
    assert!(labels[0].starts_with("A backup failed"), "{labels:?}");
    assert!(a.via_search);
    // The path shown in the fix is that same path, not the shortest one.
    let shown: Vec<String> = a
        .leaf_view()
        .unwrap()
        .path
        .unwrap()
        .iter()
        .map(|s| s.answer.clone())
        .collect();
    assert_eq!(shown, labels);
    // Back walks up that path, not the shortest one.
    let mut back = a;
    let last = back.trail.last().unwrap().0.clone();
    app::update(&mut back, Msg::Back);
    assert_eq!(back.current, last);

    for query in [
        "Enable backup: UserErrorVmNotInDesirableState",
        "configure backup: VM is not in a state that allows backups",
    ] {
        let a = open_from_search(query, "backup-16");
        let labels = trail_labels(&a);
        assert_eq!(labels[0], "Enabling backup on a VM", "{query}: {labels:?}");
    }
}

#[test]
fn a_search_without_label_words_opens_with_the_shortest_path() {
    let a = open_from_search("UserErrorVmNotInDesirableState", "backup-16");
    assert_eq!(
        a.trail.iter().map(|(_, i)| *i).collect::<Vec<_>>(),
        path_to(&a, "backup-16")
    );
}

#[test]
fn a_full_search_box_says_so_and_a_later_paste_clears_the_cut_notice() {
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, &"x".repeat(app::MAX_QUERY_BYTES + 10));
    assert!(a.status.as_deref().unwrap().starts_with("Paste cut"));
    app::update(&mut a, Msg::Type('y'));
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("The search box is full")
    );
    app::update(&mut a, Msg::ClearQuery);
    app::paste(&mut a, &"x".repeat(app::MAX_QUERY_BYTES + 10));
    app::update(&mut a, Msg::ClearQuery);
    app::paste(&mut a, "vss writers");
    assert_eq!(a.status, None);
}

/// "Linux" answered on the way to a fix for any system: its first Linux command is the one
/// selected (`c` copies it, Tab shows it), not the Windows steps' first; "Windows" selects the
/// Windows one. Straight to the fix (no system named), the first command stays selected.
#[test]
fn the_system_answered_selects_its_first_command() {
    let mut a = app();
    // Agent problems > Linux > fix a backup error > not responsive (as a trainee walked it).
    walk(&mut a, &[5, 1, 3, 1]);
    assert_eq!(a.current, "backup-07");
    assert_eq!(a.os_answered(), Some(tree::Os::Linux));
    let linux = a.selected_command().unwrap().to_string();
    assert!(
        linux.contains("walinuxagent") || linux.contains("waagent"),
        "{linux}"
    );

    let mut a = app();
    walk(&mut a, &[5, 0, 3, 1]);
    assert_eq!(a.current, "backup-07");
    assert_eq!(a.os_answered(), Some(tree::Os::Windows));
    let windows = a.selected_command().unwrap().to_string();
    assert!(!windows.contains("waagent"), "{windows}");

    let mut a = app();
    let path = path_to(&a, "backup-07");
    walk(&mut a, &path);
    assert_eq!(a.os_answered(), None);
    let first = match a.tree.node("backup-07") {
        Some(Node::Leaf(l)) => l.commands().next().unwrap().code().to_string(),
        _ => unreachable!(),
    };
    assert_eq!(a.selected_command(), Some(first.as_str()));
}

/// The wizard with a search that always gives `findings`.
fn app_finding(findings: app::Findings) -> App {
    App::new(
        Arc::new(tree::embedded()),
        Lang::En,
        Box::new(move |_, _, _| findings.clone()),
    )
}

fn found(ids: &[&str]) -> Vec<app::Found> {
    ids.iter()
        .map(|id| app::Found {
            id: id.to_string(),
            score: 1.0,
            why: String::new(),
            marks: Vec::new(),
        })
        .collect()
}

/// The search box open on `query`, whose results are a close call between `ids`.
fn close_call_search(ids: &[&str], query: &str) -> App {
    let mut a = app_finding(app::Findings {
        hits: found(ids),
        confident: false,
        close: true,
        ..Default::default()
    });
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, query);
    a
}

/// Tab in a close call leaves the search for the question that tells the first two results
/// apart, reached by answers that lead there, the first result's answer highlighted; a later `/`
/// brings the search back.
#[test]
fn tab_in_a_close_call_asks_the_question_that_splits_the_first_two() {
    let mut a = close_call_search(
        &["backup-14", "backup-23", "backup-13"],
        "com+ msdtc extension install failed",
    );
    app::update(&mut a, Msg::AskSplit);
    assert!(a.overlay.is_none());
    let split = a.tree.split_between("backup-14", "backup-23").unwrap();
    assert_eq!(a.current, split.question);
    assert_eq!(a.selected, split.toward_a);
    // The trail is a real walk from the start to the question.
    let mut at = a.tree.start.clone();
    for (q, i) in &a.trail {
        assert_eq!(*q, at);
        at = a.tree.question(q).unwrap().answers[*i].next.clone();
    }
    assert_eq!(at, a.current);
    let status = a.status.clone().unwrap();
    assert!(
        status.contains("backup-14") && status.contains("backup-23"),
        "{status}"
    );
    // The search, then the answers filled in on the way (a transcript lists them).
    let searched = a
        .events
        .iter()
        .rposition(|e| matches!(e, Event::Searched { .. }))
        .unwrap();
    let filled: Vec<Event> = a
        .trail
        .iter()
        .map(|(q, i)| Event::Answered {
            question: q.clone(),
            answer: *i,
        })
        .collect();
    assert!(!filled.is_empty());
    assert_eq!(a.events[searched + 1..], filled[..]);
    // Esc back to the search takes them back (the user did not give them); Tab again records
    // them once.
    app::update(&mut a, Msg::EscapeKey);
    assert!(matches!(a.overlay, Some(Overlay::Search(_))));
    assert_eq!(a.events.len(), searched + 1);
    app::update(&mut a, Msg::AskSplit);
    assert_eq!(a.events[searched + 1..], filled[..]);
    // Enter follows the highlighted answer: toward the first result.
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, "backup-14");
    app::update(&mut a, Msg::OpenSearch);
    match &a.overlay {
        Some(Overlay::Search(state)) => {
            assert_eq!(state.query, "com+ msdtc extension install failed")
        }
        other => panic!("{other:?}"),
    }
}

/// Tab in a close call, Esc, then a result opened from the search: the transcript goes from the
/// search to the fix, without the answers Tab filled in.
#[test]
fn esc_after_tab_takes_the_filled_answers_back() {
    let mut a = close_call_search(
        &["backup-14", "backup-23", "backup-13"],
        "com+ msdtc extension install failed",
    );
    app::update(&mut a, Msg::AskSplit);
    assert!(a.events.iter().any(|e| matches!(e, Event::Answered { .. })));
    // A language switch on that question does not keep them either.
    app::update(&mut a, Msg::ToggleLang);
    app::update(&mut a, Msg::EscapeKey);
    app::update(&mut a, Msg::Down);
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, "backup-23");
    assert!(
        !a.events.iter().any(|e| matches!(e, Event::Answered { .. })),
        "{:?}",
        a.events
    );
}

/// `q` on the question a close call's Tab asked quits, as on any question (Esc goes back to
/// the search).
#[test]
fn q_on_the_question_tab_asked_quits() {
    let mut a = close_call_search(
        &["backup-14", "backup-23", "backup-13"],
        "com+ msdtc extension install failed",
    );
    app::update(&mut a, Msg::AskSplit);
    assert!(a.asked_from_search && !a.quit);
    app::update(&mut a, Msg::Escape);
    assert!(a.quit);
    assert!(a.overlay.is_none());
}

/// Tab does nothing on a search that is not a close call (a clear answer, weak matches, one
/// result): the box stays open with its query.
#[test]
fn tab_outside_a_close_call_leaves_the_search_as_it_is() {
    for (hits, confident, close) in [
        (&["backup-14", "backup-23"][..], true, false),
        (&["backup-14", "backup-23"][..], false, false),
        (&["backup-14"][..], false, true),
    ] {
        let mut a = app_finding(app::Findings {
            hits: found(hits),
            confident,
            close,
            ..Default::default()
        });
        app::update(&mut a, Msg::OpenSearch);
        app::paste(&mut a, "msdtc");
        app::update(&mut a, Msg::AskSplit);
        assert_eq!(a.current, a.tree.start, "{hits:?} {confident} {close}");
        assert!(
            matches!(&a.overlay, Some(Overlay::Search(s)) if s.query == "msdtc"),
            "{hits:?} {confident} {close}"
        );
    }
}

/// Plain mode offers `?` on a close call, and `?` asks the question that splits the first two.
#[test]
fn plain_mode_asks_the_question_that_splits_a_close_call() {
    let out = plain(Lang::En, "/ExtensionInstallationFailedMDTC\n?\nq\n");
    let hint = "Type ? to tell them apart: Which COM+ message do you see?";
    assert!(out.contains(hint), "{out}");
    let asked = &out[out.find(hint).unwrap()..];
    // Which answer goes where, by the numbers printed.
    assert!(
        asked.contains("Answer 3 leads to backup-14, answer 2 to backup-23"),
        "{out}"
    );
    assert!(
        asked.contains("  3) Extension installation failed (MSDTC)"),
        "{out}"
    );
    assert!(
        asked.contains("[Start > Enabling backup on a VM > Extension install failed: COM+ / MSDTC]\nWhich COM+ message do you see?"),
        "{out}"
    );
}

// --------------------------------------------------------------------------- placeholders

/// Searches for fix `leaf` with the id of VM `vm` in group `rg` pasted after it, and opens the
/// first result.
fn paste_and_open(a: &mut App, leaf: &str, rg: &str, vm: &str) {
    app::update(a, Msg::OpenSearch);
    app::paste(
        a,
        &format!(
            "{leaf} /subscriptions/x/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{vm}"
        ),
    );
    app::update(a, Msg::Confirm);
}

/// On backup-01's first command: `f`, the second field (<VMName>), `name`, Enter.
fn type_vm_name(a: &mut App, name: &str) {
    app::update(a, Msg::Fill);
    app::update(a, Msg::NextCommand);
    for c in name.chars() {
        app::update(a, Msg::Type(c));
    }
    app::update(a, Msg::Confirm);
}

/// backup-01 opened from a pasted resource id, its first command selected.
fn backup_01_from_a_paste() -> App {
    let mut a = app();
    app::update(&mut a, Msg::Resize(80, 24));
    paste_and_open(&mut a, "backup-01", "rg-app", "vm-web-01");
    assert_eq!(a.current, "backup-01");
    select_get_az_vm(&mut a);
    a
}

/// backup-01 opened from a search for `query`, its Get-AzVM command selected.
fn backup_01_searched_for(query: &str) -> App {
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, query);
    app::update(&mut a, Msg::Confirm);
    select_get_az_vm(&mut a);
    a
}

fn select_get_az_vm(a: &mut App) {
    while a.selected_command()
        != Some(r#"Get-AzVM -ResourceGroupName "<ResourceGroup>" -Name "<VMName>""#)
    {
        app::update(a, Msg::NextCommand);
    }
}

/// The VM and resource group a pasted id names go into the commands: shown, copied, printed.
#[test]
fn values_from_a_paste_fill_in_the_commands_that_are_copied() {
    let mut a = backup_01_from_a_paste();
    let filled = r#"Get-AzVM -ResourceGroupName "rg-app" -Name "vm-web-01""#;
    assert_eq!(a.selected_command_filled().as_deref(), Some(filled));
    assert_eq!(
        app::update(&mut a, Msg::Copy),
        Some(Effect::Copy(filled.to_string()))
    );
    assert!(
        a.events
            .iter()
            .any(|e| matches!(e, Event::Copied { text, .. } if text == filled))
    );
    app::update(&mut a, Msg::PrintOnQuit);
    assert_eq!(a.print_on_quit.as_deref(), Some(filled));
    let screen = screen_text(&a, 100, 40);
    assert!(screen.contains(filled), "{screen}");
}

/// `f` opens a form with a field per placeholder, started with the known values; what is typed
/// there is kept for every command, and Esc leaves the values as they were.
#[test]
fn the_fill_in_form_sets_values_for_every_command() {
    let mut a = backup_01_from_a_paste();
    // The vault's command.
    while !a
        .selected_command()
        .is_some_and(|c| c.contains("Get-AzRecoveryServicesVault"))
    {
        app::update(&mut a, Msg::NextCommand);
    }
    app::update(&mut a, Msg::Fill);
    let Some(Overlay::Fill(form)) = &a.overlay else {
        panic!("{:?}", a.overlay);
    };
    assert_eq!(form.names, ["VaultResourceGroup", "VaultName"]);
    assert_eq!(form.values, ["", ""]);
    for c in "rg-vault".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    // What could end the command's quoting is refused, and said.
    app::update(&mut a, Msg::Type('"'));
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .contains("Not in a value: '\\\"'"),
        "{:?}",
        a.status
    );
    // Each character refused in the field is said, once, not only the last one.
    for c in [' ', '"', ';'] {
        app::update(&mut a, Msg::Type(c));
    }
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("Not in a value: '\\\"', ' ', ';' ("),
        "{:?}",
        a.status
    );
    app::update(&mut a, Msg::NextCommand);
    app::paste(&mut a, "rsv-prod\nsecond line");
    let Some(Overlay::Fill(form)) = &a.overlay else {
        panic!("{:?}", a.overlay);
    };
    assert_eq!(
        form.preview(),
        r#"$vault = Get-AzRecoveryServicesVault -ResourceGroupName "rg-vault" -Name "rsv-prod""#
    );
    app::update(&mut a, Msg::Confirm);
    assert!(a.overlay.is_none());
    assert_eq!(a.values.get("vault-name"), Some("rsv-prod"));
    assert!(
        a.status.as_deref().unwrap().starts_with("Filled in"),
        "{:?}",
        a.status
    );
    // The first character typed in a field just entered replaces its value.
    app::update(&mut a, Msg::Fill);
    for c in "rg2".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    // Esc: what was typed is dropped.
    app::update(&mut a, Msg::Escape);
    assert_eq!(a.values.get("VaultResourceGroup"), Some("rg-vault"));
    app::update(&mut a, Msg::Fill);
    for c in "rg2".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.values.get("VaultResourceGroup"), Some("rg2"));
    // On a command without placeholders, `f` fills the fix's next command with some.
    while a.selected_command().is_some_and(|c| c.contains('<')) {
        app::update(&mut a, Msg::NextCommand);
    }
    let plain = a.selected_command().unwrap().to_string();
    app::update(&mut a, Msg::Fill);
    let Some(Overlay::Fill(form)) = &a.overlay else {
        panic!("{:?}", a.overlay);
    };
    assert_ne!(form.command, plain);
    assert!(form.command.contains('<'), "{}", form.command);
    assert_eq!(a.selected_command(), Some(form.command.as_str()));
    assert_eq!(
        a.status.as_deref(),
        Some("That command has nothing to fill in: here is the next one with blanks")
    );
    app::update(&mut a, Msg::Escape);
    // A restart is a new incident: the values go.
    app::update(&mut a, Msg::Restart);
    assert!(a.values.pairs().is_empty());
}

/// Enter on a form whose fields came from a paste, unchanged, does not pin them: the next
/// paste still replaces them.
#[test]
fn values_read_from_a_paste_stay_replaceable_after_the_form() {
    let mut a = backup_01_from_a_paste();
    app::update(&mut a, Msg::Fill);
    app::update(&mut a, Msg::Confirm);
    paste_and_open(&mut a, "backup-09", "rg-two", "vm-02");
    assert_eq!(a.values.get("VMName"), Some("vm-02"));
    assert_eq!(a.values.get("ResourceGroup"), Some("rg-two"));
}

/// Plain mode: NAME=VALUE on a fix fills in its commands and prints them again.
#[test]
fn plain_mode_fills_in_placeholders_with_name_equals_value() {
    let out = plain(Lang::En, "/backup-01\n1\nVMName=vm-9\nq\n");
    assert!(
        out.contains("To fill in <ResourceGroup>, <VMName>, <VaultResourceGroup>, <VaultName>"),
        "{out}"
    );
    let after = &out[out.rfind("Get-AzVM").unwrap()..];
    assert!(
        after.starts_with(r#"Get-AzVM -ResourceGroupName "<ResourceGroup>" -Name "vm-9""#),
        "{out}"
    );
}

/// What the wizard draws at `w` x `h`, one line per row.
fn screen_text(a: &App, w: u16, h: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    terminal.draw(|f| ui::render(f, a, &theme)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

/// A command copied with placeholders still in it says which, and how to fill them.
#[test]
fn a_command_with_blanks_left_says_so() {
    let mut a = backup_01_from_a_paste();
    assert_eq!(a.blanks_note(), None);
    while !a
        .selected_command()
        .is_some_and(|c| c.contains("Get-AzRecoveryServicesVault"))
    {
        app::update(&mut a, Msg::NextCommand);
    }
    assert_eq!(
        a.blanks_note().as_deref(),
        Some("Copied with blanks: <VaultResourceGroup>, <VaultName> (f fills them in)")
    );
}

/// Tab with the second result of a close call highlighted: the answer toward it is the one
/// highlighted on the question.
#[test]
fn tab_on_the_second_result_highlights_the_answer_toward_it() {
    let mut a = close_call_search(&["backup-14", "backup-23"], "msdtc");
    app::update(&mut a, Msg::Down);
    app::update(&mut a, Msg::AskSplit);
    let split = a.tree.split_between("backup-14", "backup-23").unwrap();
    assert_eq!(a.selected, split.toward_b);
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, "backup-23");
}

/// Plain mode says what it did not do: `?` without a close call, a value for a placeholder the
/// fix does not have.
#[test]
fn plain_mode_says_why_a_question_mark_or_a_value_did_nothing() {
    let out = plain(Lang::En, "/ExtensionFailedVssWriterInBadState\n?\n\n");
    assert!(out.contains("Not a close call"), "{out}");
    let out = plain(Lang::En, "/backup-01\n1\nBogus=1\nq\n");
    assert!(out.contains("No command of this fix has <Bogus>"), "{out}");
}

/// The reopened last search is like selected text: typing replaces it, editing keys keep it;
/// a restart forgets it.
#[test]
fn typing_into_the_reopened_search_replaces_it() {
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, "az backup job list -g rg-vault");
    app::update(&mut a, Msg::Escape);
    app::update(&mut a, Msg::OpenSearch);
    for c in "vss".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    assert!(matches!(&a.overlay, Some(Overlay::Search(s)) if s.query == "vss"));
    app::update(&mut a, Msg::Escape);
    app::update(&mut a, Msg::OpenSearch);
    app::update(&mut a, Msg::Erase);
    assert!(matches!(&a.overlay, Some(Overlay::Search(s)) if s.query == "vs"));
    app::update(&mut a, Msg::Escape);
    app::update(&mut a, Msg::Restart);
    app::update(&mut a, Msg::OpenSearch);
    assert!(matches!(&a.overlay, Some(Overlay::Search(s)) if s.query.is_empty()));
}

/// Esc on the question a close call's Tab opened goes back to the search; once the user has
/// moved on, Esc quits as on any question.
#[test]
fn esc_after_tab_goes_back_to_the_close_call() {
    let mut a = close_call_search(&["backup-14", "backup-23"], "msdtc");
    let (start, trail) = (a.current.clone(), a.trail.clone());
    app::update(&mut a, Msg::AskSplit);
    assert_ne!(a.current, start);
    app::update(&mut a, Msg::EscapeKey);
    assert!(!a.quit);
    assert!(matches!(&a.overlay, Some(Overlay::Search(s)) if s.query == "msdtc"));
    // Under the search, the user is back where they were before Tab.
    assert_eq!((&a.current, &a.trail), (&start, &trail));
    // Esc closes the search, and Esc on the question then quits: no going round in circles.
    app::update(&mut a, Msg::Escape);
    app::update(&mut a, Msg::Escape);
    assert!(a.quit);
    a.quit = false;
    app::update(&mut a, Msg::OpenSearch);
    app::update(&mut a, Msg::AskSplit);
    app::update(&mut a, Msg::Back);
    app::update(&mut a, Msg::Escape);
    assert!(a.quit);
}

/// A later paste that names another VM replaces a value typed for the earlier one.
#[test]
fn a_later_paste_replaces_a_typed_value() {
    let mut a = backup_01_from_a_paste();
    type_vm_name(&mut a, "vm-x");
    assert_eq!(a.values.get("VMName"), Some("vm-x"));
    paste_and_open(&mut a, "backup-03", "rg-three", "vm-03");
    assert_eq!(a.values.get("VMName"), Some("vm-03"));
    assert_eq!(a.values.get("ResourceGroup"), Some("rg-three"));
}

/// Opening a result of the reopened last search does not read it again: values typed since
/// stay.
#[test]
fn reopening_the_last_search_keeps_typed_values() {
    let mut a = backup_01_from_a_paste();
    type_vm_name(&mut a, "vm-typed");
    app::update(&mut a, Msg::OpenSearch);
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.values.get("VMName"), Some("vm-typed"));
}

/// A command marked to print on quit is printed as the form left it; Backspace in a field just
/// entered empties it.
#[test]
fn the_form_updates_a_marked_command_and_backspace_empties_a_fresh_field() {
    let mut a = backup_01_from_a_paste();
    app::update(&mut a, Msg::PrintOnQuit);
    app::update(&mut a, Msg::Fill);
    app::update(&mut a, Msg::Erase);
    let Some(Overlay::Fill(form)) = &a.overlay else {
        panic!("{:?}", a.overlay);
    };
    assert_eq!(form.values[0], "");
    for c in "rg-new".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    app::update(&mut a, Msg::Confirm);
    assert_eq!(
        a.print_on_quit.as_deref(),
        Some(r#"Get-AzVM -ResourceGroupName "rg-new" -Name "vm-web-01""#)
    );
}

/// A form with no fields (never opened so, but the state is public) closes instead of panicking.
#[test]
fn an_empty_form_closes_on_any_key() {
    let mut a = app();
    a.overlay = Some(Overlay::Fill(app::FillState {
        command: String::new(),
        names: vec![],
        values: vec![],
        field: 0,
        fresh: true,
        cursor: 0,
        refused: vec![],
    }));
    app::update(&mut a, Msg::Type('x'));
    assert!(a.overlay.is_none());
}

/// The field being typed into of the open form.
fn form(a: &App) -> &app::FillState {
    match &a.overlay {
        Some(Overlay::Fill(form)) => form,
        other => panic!("{other:?}"),
    }
}

/// In a field of the form the cursor moves, and typing, Backspace and Delete work where it is;
/// a move leaves a field just entered as it was (only typing or an erase replaces it).
#[test]
fn the_form_edits_a_value_at_the_cursor() {
    let mut a = backup_01_from_a_paste();
    app::update(&mut a, Msg::Fill);
    app::update(&mut a, Msg::NextCommand);
    assert_eq!(form(&a).values[1], "vm-web-01");
    assert_eq!(form(&a).cursor, 9);
    app::update(&mut a, Msg::WordLeft);
    app::update(&mut a, Msg::CursorLeft);
    assert_eq!(form(&a).values[1], "vm-web-01", "a move keeps the value");
    app::update(&mut a, Msg::Erase);
    app::update(&mut a, Msg::Type('p'));
    assert_eq!(form(&a).values[1], "vm-wep-01");
    app::update(&mut a, Msg::Home);
    app::update(&mut a, Msg::EraseNext);
    app::update(&mut a, Msg::Type('V'));
    app::update(&mut a, Msg::End);
    app::update(&mut a, Msg::EraseWord);
    app::update(&mut a, Msg::Type('9'));
    assert_eq!(form(&a).values[1], "Vm-wep-9");
    // A paste goes in at the cursor too.
    app::update(&mut a, Msg::CursorLeft);
    app::paste(&mut a, "0");
    assert_eq!(form(&a).values[1], "Vm-wep-09");
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.values.get("VMName"), Some("Vm-wep-09"));
}

/// Left, Home, Delete and Ctrl-K reach the form as they reach the search box.
#[test]
fn the_form_has_the_search_box_editing_keys() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code, mods| KeyEvent::new(code, mods);
    let none = KeyModifiers::NONE;
    for ctx in [Ctx::Search, Ctx::Fill] {
        for (code, mods, msg) in [
            (KeyCode::Left, none, Msg::CursorLeft),
            (KeyCode::Right, none, Msg::CursorRight),
            (KeyCode::Home, none, Msg::Home),
            (KeyCode::End, none, Msg::End),
            (KeyCode::Delete, none, Msg::EraseNext),
            (KeyCode::Backspace, none, Msg::Erase),
            (KeyCode::Char('a'), KeyModifiers::CONTROL, Msg::Home),
            (KeyCode::Char('k'), KeyModifiers::CONTROL, Msg::EraseToEnd),
            (KeyCode::Char('u'), KeyModifiers::CONTROL, Msg::EraseToStart),
            (KeyCode::Char('w'), KeyModifiers::CONTROL, Msg::EraseWord),
        ] {
            assert_eq!(
                keys::to_msg(ctx, &key(code, mods)),
                Some(msg),
                "{ctx:?} {code:?}"
            );
        }
    }
    assert_eq!(
        keys::to_msg(Ctx::Leaf, &key(KeyCode::Char('k'), KeyModifiers::CONTROL)),
        None
    );
}

/// The words of a pasted resource id ("rg-linux-prod") do not choose the way to the fix that
/// is opened: the Linux agent questions are not the way to a Windows or Linux agent error.
#[test]
fn a_resource_id_does_not_choose_the_way_to_a_result() {
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(
        &mut a,
        "VM agent unable to communicate with Azure Backup /subscriptions/x/resourceGroups/\
         rg-linux-prod/providers/Microsoft.Compute/virtualMachines/vm-db-07",
    );
    assert_eq!(search_state(&a).findings.hits[0].id, "backup-03");
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, "backup-03");
    assert_eq!(Some(a.trail.clone()), a.tree.trail_to("backup-03"));
}

/// A long log pasted into the search box is searched as `triage search` reads it: its error
/// line far down still finds the fix.
#[test]
fn a_long_log_pasted_into_search_is_searched_whole() {
    let mut log = String::new();
    for i in 0..400 {
        if i == 250 {
            log.push_str(
                "2024-03-12T02:14:09Z ERROR VSS: Snapshot operation failed due to VSS Writers in \
                 bad state. ExtensionFailedVssWriterInBadState\n",
            );
        }
        log.push_str(&format!(
            "2024-03-12T02:{:02}:{:02}Z INFO heartbeat ok seq={i} guid=f0dfb4a5d8a064df7fd631\
             16e1ea24c4 extension handler polling goal state\n",
            i / 60,
            i % 60
        ));
    }
    assert!(log.len() > 40_000);
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, &log);
    assert_eq!(search_state(&a).findings.hits[0].id, "backup-19");
    assert_eq!(a.status, None, "nothing was cut");
}

/// `f` on a fix none of whose commands has a blank says so (and opens nothing).
#[test]
fn a_fix_without_blanks_has_nothing_to_fill() {
    let tree = tree::embedded();
    let Some((id, _)) = tree.leaves().find(|(_, l)| {
        l.commands().count() > 0
            && l.commands()
                .all(|c| triage::fill::names(c.code()).is_empty())
    }) else {
        panic!("the Azure tree has a fix whose commands have no blanks");
    };
    let mut a = app();
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, id);
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, id);
    app::update(&mut a, Msg::NextCommand);
    app::update(&mut a, Msg::Fill);
    assert!(a.overlay.is_none());
    assert_eq!(
        a.status.as_deref(),
        Some("This fix's commands have nothing to fill in")
    );
}

/// `r` by mistake loses nothing: Backspace on the first question brings back the fix, the way
/// there, the values and the last search. Once the user answers again, Backspace is Back.
#[test]
fn backspace_right_after_starting_over_brings_the_fix_back() {
    let mut a = backup_01_from_a_paste();
    let trail = a.trail.clone();
    let values = a.values.pairs();
    app::update(&mut a, Msg::Restart);
    assert_eq!(a.current, a.tree.start);
    assert!(a.values.pairs().is_empty());
    assert_eq!(
        a.status.as_deref(),
        Some("Started over: Backspace goes back to where you were")
    );
    app::update(&mut a, Msg::Back);
    assert_eq!(a.current, "backup-01");
    assert_eq!(a.trail, trail);
    assert_eq!(a.values.pairs(), values);
    assert!(a.last_search.is_some());
    // Started over and moved on: Backspace goes back one answer, not to the old fix.
    app::update(&mut a, Msg::Restart);
    app::update(&mut a, Msg::Choose(0));
    app::update(&mut a, Msg::Back);
    assert_eq!(a.current, a.tree.start);
    app::update(&mut a, Msg::Back);
    assert_eq!(a.current, a.tree.start);
    assert!(a.trail.is_empty());
}

/// A refused character's note stays while the field is being typed in (typed quickly, the
/// next keys would hide that the value is not what was typed) and goes when it is left.
#[test]
fn the_forms_refusal_note_stays_until_the_field_is_left() {
    let mut a = backup_01_from_a_paste();
    app::update(&mut a, Msg::Fill);
    app::update(&mut a, Msg::Type(' '));
    assert!(a.status.is_some());
    app::update(&mut a, Msg::Type('x'));
    app::update(&mut a, Msg::Erase);
    assert!(a.status.is_some());
    app::update(&mut a, Msg::NextCommand);
    assert_eq!(a.status, None);
}

/// The form opens on the first blank field: values known already (from a paste) are kept,
/// not typed over.
#[test]
fn the_form_opens_on_the_first_blank_field() {
    let mut a = backup_01_searched_for("backup-01 -g rg-prod");
    app::update(&mut a, Msg::Fill);
    assert_eq!(form(&a).values, ["rg-prod", ""]);
    assert_eq!(form(&a).field, 1);
    for c in "vm-sql-02".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    assert_eq!(form(&a).values, ["rg-prod", "vm-sql-02"]);
}

/// A resource id pasted into the form fills the fields it names: the VM's name, not the whole
/// id, and its resource group too.
#[test]
fn a_resource_id_pasted_into_the_form_fills_the_fields_it_names() {
    let mut a = backup_01_searched_for("backup-01");
    app::update(&mut a, Msg::Fill);
    app::update(&mut a, Msg::NextCommand);
    app::paste(
        &mut a,
        "/subscriptions/0b1f/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-db-07",
    );
    assert_eq!(form(&a).values, ["rg-prod", "vm-db-07"]);
    assert_eq!(form(&a).cursor, "vm-db-07".len());
    // A plain name is still taken as it is.
    app::update(&mut a, Msg::ClearQuery);
    app::paste(&mut a, "vm-other");
    assert_eq!(form(&a).values[1], "vm-other");
}

/// The key list scrolls as a fix does: Home/End (g/G), a page at a time, and never past its
/// last line (Up after End moves at once).
#[test]
fn the_key_list_scrolls_like_a_fix() {
    let mut a = app();
    app::update(&mut a, Msg::Resize(80, 24));
    app::update(&mut a, Msg::ToggleHelp);
    let scroll = |a: &App| match a.overlay {
        Some(Overlay::Help(s)) => s,
        _ => panic!("{:?}", a.overlay),
    };
    app::update(&mut a, Msg::End);
    let max = scroll(&a);
    assert!(max > 0);
    for _ in 0..5 {
        app::update(&mut a, Msg::Down);
    }
    assert_eq!(scroll(&a), max, "no further than the end");
    app::update(&mut a, Msg::Up);
    assert_eq!(scroll(&a), max - 1);
    app::update(&mut a, Msg::Home);
    assert_eq!(scroll(&a), 0);
    app::update(&mut a, Msg::PageDown);
    assert_eq!(
        scroll(&a),
        (24 - 4).min(max),
        "a page is the screen's height, less one"
    );
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(keys::to_msg(Ctx::Help, &key('G')), Some(Msg::End));
    assert_eq!(keys::to_msg(Ctx::Help, &key('g')), Some(Msg::Home));
}

/// Plain mode names its own key for going back after starting over (`b`, not Backspace).
#[test]
fn plain_mode_says_b_goes_back_after_starting_over() {
    for lang in Lang::ALL {
        let out = plain(lang, "1\n1\nr\nb\nq\n");
        let s = triage::i18n::strings(lang);
        assert!(out.contains(s.plain_restarted), "{out}");
        assert!(!out.contains(s.restarted), "{out}");
    }
}

/// Starting over and coming back keeps the command marked to print; a search made after
/// starting over is not replaced by Backspace; `r` on the first question with a search to lose
/// can be undone too.
#[test]
fn undoing_a_restart_keeps_the_mark_and_a_new_search_ends_it() {
    let mut a = backup_01_from_a_paste();
    app::update(&mut a, Msg::PrintOnQuit);
    let marked = a.print_on_quit.clone();
    assert!(marked.is_some());
    app::update(&mut a, Msg::Restart);
    app::update(&mut a, Msg::Back);
    assert_eq!(a.current, "backup-01");
    assert_eq!(a.print_on_quit, marked);
    // A new search after starting over: Backspace on the first question does nothing more.
    app::update(&mut a, Msg::Restart);
    app::update(&mut a, Msg::OpenSearch);
    for c in "vss writers".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    app::update(&mut a, Msg::Escape);
    app::update(&mut a, Msg::Back);
    assert_eq!(a.current, a.tree.start);
    assert_eq!(a.last_search.as_ref().unwrap().query, "vss writers");
    // On the first question, `r` would lose that search: Backspace brings it back.
    app::update(&mut a, Msg::Restart);
    assert!(a.last_search.is_none());
    app::update(&mut a, Msg::Back);
    assert_eq!(a.last_search.as_ref().unwrap().query, "vss writers");
}

/// A letter typed on a question or a fix (one no key takes) starts a search with it: typing an
/// error without `/` first searches for it instead of answering questions.
#[test]
fn typing_on_a_question_or_a_fix_starts_a_search() {
    for on_fix in [false, true] {
        let mut a = if on_fix {
            app_at("backup-19", 80, 24)
        } else {
            let mut a = app();
            app::update(&mut a, Msg::Resize(80, 24));
            a
        };
        let screen = ui::context(&a);
        for c in "UserErrorFsFreezeFailed".chars() {
            let key = crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            );
            let msg = keys::to_msg(ui::context(&a), &key).unwrap();
            app::update(&mut a, msg);
        }
        assert!(matches!(screen, Ctx::Question | Ctx::Leaf));
        let Some(Overlay::Search(s)) = &a.overlay else {
            panic!("no search open (on a fix: {on_fix})");
        };
        assert_eq!(s.query, "UserErrorFsFreezeFailed");
        assert_eq!(
            s.findings.hits.first().map(|h| h.id.as_str()),
            Some("backup-25")
        );
    }
}

/// What the status line said about the screen below is gone once the search box opens, and
/// a note about the text (a paste cut) once the text is edited.
#[test]
fn the_search_box_does_not_keep_the_screens_status() {
    let mut a = app();
    app::update(&mut a, Msg::Resize(80, 24));
    walk(&mut a, &[1, 0]);
    app::update(&mut a, Msg::Restart);
    assert!(a.status.is_some(), "restart says how to undo it");
    app::update(&mut a, Msg::OpenSearch);
    assert_eq!(a.status, None);
    app::paste(&mut a, &"vss writer ".repeat(7000));
    assert!(a.status.is_some(), "the paste was cut");
    app::update(&mut a, Msg::ClearQuery);
    assert_eq!(a.status, None);
}

/// Practice has no search: typing a letter on its question does nothing.
#[test]
fn typing_in_practice_does_not_search() {
    let mut a = app();
    a.practice = Some(triage::practice::Practice::new(&a.tree, 1, 1));
    app::update(&mut a, Msg::Resize(80, 24));
    app::update(&mut a, Msg::Type('x'));
    assert!(a.overlay.is_none());
}

/// Hands out its chunks one read at a time, as a terminal hands over a line typed or a paste.
struct Chunked(std::collections::VecDeque<String>);

impl std::io::Read for Chunked {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some(chunk) = self.0.pop_front() else {
            return Ok(0);
        };
        assert!(chunk.len() <= buf.len());
        buf[..chunk.len()].copy_from_slice(chunk.as_bytes());
        Ok(chunk.len())
    }
}

/// A plain session fed `chunks`, each handed over at once (a line typed, or a paste), the way
/// `main` tells them apart; the session and what it printed.
fn plain_handed_over(chunks: &[&str]) -> (App, String) {
    let mut a = app();
    let mut input =
        std::io::BufReader::new(Chunked(chunks.iter().map(|c| c.to_string()).collect()));
    let mut out = Vec::new();
    triage::plain::run_with(
        &mut a,
        &mut input,
        &mut out,
        &mut |_| {},
        &mut |r: &mut std::io::BufReader<Chunked>| !r.buffer().is_empty(),
    )
    .unwrap();
    (a, String::from_utf8(out).unwrap())
}

/// In plain mode, the lines of a paste (handed over at once) are one search, not one search
/// per line; the lines typed after it are commands again.
#[test]
fn plain_mode_searches_a_multi_line_paste_as_one_text() {
    let paste = "Error Code: ExtensionSnapshotFailedNoNetwork\n\
                 Error Message: Snapshot operation failed due to no network connectivity on the virtual machine\n\
                 Recommended Action: Ensure that VM has network access.\n";
    for at_question in [false, true] {
        let chunks = ["/\n", paste, "1\n", "q\n"];
        let (a, out) = plain_handed_over(&chunks[usize::from(at_question)..]);
        let prompts = out.matches("Search (text").count();
        assert_eq!(prompts, if at_question { 1 } else { 2 }, "{out}");
        assert_eq!(a.current, "backup-02", "{out}");
    }
}

/// `r` at the start with nothing done yet does nothing: the transcript does not record
/// restarts of nothing.
#[test]
fn restart_at_the_start_with_nothing_done_records_nothing() {
    let mut a = app();
    for _ in 0..3 {
        app::update(&mut a, Msg::Restart);
    }
    assert!(!a.events.contains(&Event::Restarted));
    assert_eq!(a.status, None);
}

/// A transcript of a session handed over mid-way says where it stopped and how to go on; the
/// answers a close call's Tab filled in are listed with the one the user gave.
#[test]
fn a_transcript_of_an_unfinished_session_says_where_it_stopped() {
    let mut a = close_call_search(
        &["backup-14", "backup-23", "backup-13"],
        "com+ msdtc extension install failed",
    );
    app::update(&mut a, Msg::AskSplit);
    let filled = a.trail.clone();
    for lang in [Lang::En, Lang::Ko] {
        let md = transcript_of(&a, lang);
        let w = &triage::i18n::strings(lang).transcript;
        assert!(md.contains(&format!("## {}", w.not_finished)), "{md}");
        let question = a.tree.question(&a.current).unwrap().text.get(lang);
        assert!(md.contains(&format!("`{}` {question}", a.current)), "{md}");
        assert!(md.contains("triage resume"), "{md}");
        for (q, i) in &filled {
            let q = a.tree.question(q).unwrap();
            let line = format!("{} **{}**", q.text.get(lang), q.answers[*i].label.get(lang));
            assert!(md.contains(&line), "{line} missing from:\n{md}");
        }
    }
    // On a fix, the fix is the end: no "not finished".
    app::update(&mut a, Msg::Confirm);
    assert!(a.on_leaf());
    let md = transcript_of(&a, Lang::En);
    assert!(!md.contains("Not finished"), "{md}");
}

/// Esc pressed twice to close the search box does not quit the wizard: the second press says
/// how to quit; a third quits, and `q` quits at once.
#[test]
fn a_second_esc_after_closing_the_search_does_not_quit() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    let mut a = app();
    app::update(&mut a, Msg::Resize(80, 24));
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, "fsfreeze");
    let press = |a: &mut App, key: &KeyEvent| {
        let msg = keys::to_msg(ui::context(a), key).unwrap();
        app::update(a, msg);
    };
    press(&mut a, &esc);
    assert!(a.overlay.is_none() && !a.quit);
    press(&mut a, &esc);
    assert!(!a.quit, "the second Esc only says how to quit");
    assert_eq!(a.status.as_deref(), Some(triage::i18n::EN.esc_again));
    // The key list does not keep that note.
    app::update(&mut a, Msg::ToggleHelp);
    assert_eq!(a.status, None);
    app::update(&mut a, Msg::ToggleHelp);
    press(&mut a, &esc);
    assert!(a.quit);
    // `q` right after closing the box quits at once.
    let mut a = app();
    app::update(&mut a, Msg::Resize(80, 24));
    app::update(&mut a, Msg::OpenSearch);
    press(&mut a, &esc);
    press(&mut a, &q);
    assert!(a.quit);
    // Esc on a fix with nothing open quits, as before.
    let mut a = app_at("backup-19", 80, 24);
    press(&mut a, &esc);
    assert!(a.quit);
    // `f` on a fix with nothing to fill opens no form: the Esc meant for it does not quit.
    let t = triage::tree::embedded();
    let plain = t
        .leaves()
        .find(|(_, l)| {
            l.commands().next().is_some()
                && l.commands()
                    .all(|c| triage::fill::names(c.code()).is_empty())
        })
        .map(|(id, _)| id.to_string())
        .expect("a fix whose commands have no blanks");
    let mut a = app_at(&plain, 80, 24);
    press(
        &mut a,
        &KeyEvent::new(KeyCode::Char('f'), KeyModifiers::NONE),
    );
    assert!(a.overlay.is_none(), "{:?}", a.status);
    press(&mut a, &esc);
    assert!(!a.quit);
    assert_eq!(a.status.as_deref(), Some(triage::i18n::EN.esc_nothing_open));
    press(&mut a, &esc);
    assert!(a.quit);
}

/// Lines handed over together that are each a command (answers typed out by a script or
/// tmux, `NAME=VALUE` lines) are taken one by one, not searched for.
#[test]
fn plain_mode_takes_commands_handed_over_together_one_by_one() {
    let path: Vec<String> = path_to(&app(), "backup-19")
        .iter()
        .map(|a| (a + 1).to_string())
        .collect();
    let answers = format!("{}\n", path.join("\n"));
    let (a, out) = plain_handed_over(&[&answers, "VMName=vm-01\nResourceGroup=rg-01\n", "q\n"]);
    assert_eq!(a.current, "backup-19", "{out}");
    assert!(!out.contains("Search (text"), "{out}");
}

/// Above the results: a code the tree does not list is named before "weak matches" (and in
/// Korean too); a topic the tree does not cover comes first.
#[test]
fn an_unlisted_code_is_the_caution_of_its_results() {
    let findings = app::Findings {
        hits: found(&["restore-05"]),
        unknown_code: Some("UserErrorRpCollectionLimitReached".into()),
        ..Default::default()
    };
    let en = findings.caution(Lang::En).unwrap();
    assert!(en.contains("UserErrorRpCollectionLimitReached"), "{en}");
    assert!(!en.contains("Weak"), "{en}");
    let ko = findings.caution(Lang::Ko).unwrap();
    assert!(
        ko.contains("UserErrorRpCollectionLimitReached") && ko.contains("코드"),
        "{ko}"
    );
    let weak = app::Findings {
        unknown_code: None,
        ..findings
    };
    assert!(weak.caution(Lang::En).unwrap().starts_with("Weak"));
}

/// PgDn/PgUp in the search box move the selection a screen's worth of results (two lines
/// each), and stop at the ends.
#[test]
fn page_keys_move_through_the_results_by_screens() {
    let ids: Vec<String> = (1..=20).map(|i| format!("backup-{i:02}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut a = app_finding(app::Findings {
        hits: found(&ids),
        confident: true,
        ..Default::default()
    });
    app::update(&mut a, Msg::Resize(80, 24));
    app::update(&mut a, Msg::OpenSearch);
    app::paste(&mut a, "backup");
    let selected = |a: &App| match &a.overlay {
        Some(Overlay::Search(s)) => s.selected,
        _ => panic!("the search box is open"),
    };
    app::update(&mut a, Msg::PageDown);
    let page = selected(&a);
    assert!((5..=12).contains(&page), "{page}");
    for _ in 0..5 {
        app::update(&mut a, Msg::PageDown);
    }
    assert_eq!(selected(&a), 19);
    app::update(&mut a, Msg::PageUp);
    assert_eq!(selected(&a), 19 - page);
    for _ in 0..5 {
        app::update(&mut a, Msg::PageUp);
    }
    assert_eq!(selected(&a), 0);
}
