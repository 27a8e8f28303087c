//! Resource limits: huge files, deep nesting, 10,000-answer questions, very long lines and
//! pastes of 1 MiB give a clear error or are cut with a notice, fast, and never hang.
//!
//! Time limits here are generous (debug build, a busy CI machine): they catch a hang or a
//! quadratic blow-up (which took minutes before the limits), not a slow millisecond.

use std::io::Cursor;
use std::sync::Arc;
use std::time::{Duration, Instant};
use triage::app::{self, App, Msg, Overlay};
use triage::tree::{self, Lang};

const MIB: usize = 1024 * 1024;
const FAST: Duration = Duration::from_secs(10);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < FAST, "{what} took {took:?}");
    out
}

fn tree_with(nodes: &str) -> String {
    format!(
        "Tree(id: \"t\", title: (en: \"T\", ko: \"T\"), start: \"start\", nodes: {{\n{nodes}\n}})\n"
    )
}

fn leaf(id: &str) -> String {
    format!(
        "\"{id}\": Leaf(title: (en: \"L\", ko: \"L\"), cause: (en: \"c\", ko: \"c\"), \
         steps: [(en: \"s\", ko: \"s\")]),\n"
    )
}

fn errors(name: &str, src: &str) -> Vec<tree::Diagnostic> {
    match timed(name, || tree::load_str(name, src)) {
        Ok(_) => panic!("{name} should not load"),
        Err(e) => e,
    }
}

/// Every diagnostic prints short: no megabyte lines on the user's terminal.
fn assert_short(errors: &[tree::Diagnostic]) {
    for e in errors {
        let shown = e.to_string();
        for line in shown.lines() {
            assert!(line.chars().count() < 1000, "a {}-char line", line.len());
        }
    }
}

#[test]
fn a_question_with_10000_answers_is_one_clear_error() {
    let answers: String = (0..10_000)
        .map(|i| format!("(label: (en: \"a{i}\", ko: \"a{i}\"), next: \"leaf\"),"))
        .collect();
    let src = tree_with(&format!(
        "\"start\": Question(text: (en: \"q\", ko: \"q\"), answers: [{answers}]),\n{}",
        leaf("leaf")
    ));
    let errors = errors("answers.ron", &src);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("has 10000 answers; at most 9"),
        "{errors:?}"
    );
    assert_short(&errors);
}

#[test]
fn ten_thousand_broken_answers_stop_at_the_diagnostic_limit() {
    // Every answer leads nowhere: 10,000 problems, each with a "did you mean" over every id.
    let answers: String = (0..10_000)
        .map(|i| format!("(label: (en: \"a{i}\", ko: \"a{i}\"), next: \"missing-{i}\"),"))
        .collect();
    let leaves: String = (0..2_000).map(|i| leaf(&format!("leaf-{i}"))).collect();
    let src = tree_with(&format!(
        "\"start\": Question(text: (en: \"q\", ko: \"q\"), answers: [{answers}]),\n{leaves}"
    ));
    let errors = errors("broken-answers.ron", &src);
    let max = tree::validate::MAX_DIAGNOSTICS;
    assert_eq!(errors.len(), max + 1);
    assert!(
        errors[max].message.contains("too many problems"),
        "the last one says the list was cut: {:?}",
        errors[max]
    );
    assert_short(&errors);
}

#[test]
fn ten_thousand_nodes_with_problems_and_loops_are_fast() {
    // A chain of 10,000 questions; each also loops back (10,000 cycles), half lack Korean.
    let nodes: String = (0..10_000)
        .map(|i| {
            let next = if i + 1 < 10_000 {
                format!("q{}", i + 1)
            } else {
                "leaf".into()
            };
            let ko = if i % 2 == 0 { "" } else { "질문" };
            format!(
                "\"q{i}\": Question(text: (en: \"q\", ko: \"{ko}\"), answers: [\
                 (label: (en: \"on\", ko: \"다음\"), next: \"{next}\"), \
                 (label: (en: \"loop\", ko: \"반복\"), next: \"q0\")]),\n"
            )
        })
        .collect();
    let src = format!(
        "Tree(id: \"t\", title: (en: \"T\", ko: \"T\"), start: \"q0\", nodes: {{\n{nodes}{}}})",
        leaf("leaf")
    );
    let errors = errors("chain.ron", &src);
    assert_eq!(errors.len(), tree::validate::MAX_DIAGNOSTICS + 1);
}

#[test]
fn a_chain_10000_questions_deep_loads_and_paths_stay_linear() {
    let nodes: String = (0..10_000)
        .map(|i| {
            let next = if i + 1 < 10_000 {
                format!("q{}", i + 1)
            } else {
                "leaf".into()
            };
            format!(
                "\"q{i}\": Question(text: (en: \"q\", ko: \"q\"), answers: [\
                 (label: (en: \"on\", ko: \"다음\"), next: \"{next}\")]),\n"
            )
        })
        .collect();
    let src = format!(
        "Tree(id: \"t\", title: (en: \"T\", ko: \"T\"), start: \"q0\", nodes: {{\n{nodes}{}}})",
        leaf("leaf")
    );
    let t = timed("chain load", || tree::load_str("chain.ron", &src)).unwrap();
    // The shortest way to the leaf is 10,000 answers: found without a path per node (that took
    // a gigabyte).
    let path = timed("path_to", || t.path_to("leaf")).unwrap();
    assert_eq!(path.len(), 10_000);
    assert_eq!(timed("depths", || t.depths())["leaf"], 10_000);
    // Walked to the end, the wizard still draws (the breadcrumb gives way to "..").
    let mut a = App::new(
        Arc::new(t),
        Lang::En,
        app::index_searcher(Default::default()),
    );
    timed("walk", || {
        for _ in 0..10_000 {
            app::update(&mut a, Msg::Choose(0));
        }
    });
    assert!(a.on_leaf());
    timed("draw a leaf 10,000 answers deep", || draw(&mut a, 80, 24));
    timed("draw it narrow", || draw(&mut a, 40, 12));
    app::update(&mut a, Msg::Back);
    timed("draw the last question", || draw(&mut a, 300, 100));
}

#[test]
fn a_one_mib_single_line_string_is_handled() {
    let big = "x".repeat(MIB);
    let src = tree_with(&format!(
        "\"start\": Leaf(title: (en: \"{big}\", ko: \"L\"), cause: (en: \"c\", ko: \"c\"), \
         steps: [(en: \"{big}\", ko: \"s\", run: [Bash(\"{big}\")])]),"
    ));
    let t = timed("load", || tree::load_str("long.ron", &src)).unwrap();
    let leaf = t.leaf("start").unwrap();
    timed("show", || {
        triage::report::leaf_text("start", leaf, Lang::En, &Default::default())
    });
    timed("index", || triage::search::Index::build(&t));
    // The wizard draws it at once.
    let mut a = App::new(
        Arc::new(t),
        Lang::En,
        app::index_searcher(Default::default()),
    );
    timed("draw", || draw(&mut a, 80, 24));
    timed("scroll", || {
        app::update(&mut a, Msg::End);
        draw(&mut a, 80, 24)
    });

    // The same line with a mistake at its end: the error shows a window of it, not a MiB.
    let src = src.replace("steps:", "bogus: 1, steps:").replace('\n', " ");
    let errors = errors("long-error.ron", &src);
    assert!(errors[0].message.contains("bogus"), "{errors:?}");
    assert_short(&errors);
}

#[test]
fn a_one_mib_id_gets_a_short_message() {
    let id = "x".repeat(MIB);
    let src = tree_with(&format!(
        "{}\"start\": Question(text: (en: \"q\", ko: \"q\"), answers: [(label: (en: \"a\", ko: \"a\"), next: \"{id}y\")]),",
        leaf(&id)
    ));
    let errors = errors("long-id.ron", &src);
    assert!(!errors.is_empty());
    assert_short(&errors);
}

#[test]
fn deep_nesting_is_refused_at_once() {
    for src in [
        "(".repeat(MIB),
        format!("Tree(id: \"t\", synonyms: {}", "[".repeat(100_000)),
        format!("Tree(nodes: {{ \"a\": Leaf(title: {}", "(".repeat(5000)),
    ] {
        let errors = errors("deep.ron", &src);
        assert!(
            errors[0].message.contains("nested deeper than"),
            "{errors:?}"
        );
        assert_short(&errors);
    }
    // Brackets inside strings, characters and comments are not nesting.
    let quoted = "(".repeat(100_000);
    let src = tree_with(&format!(
        "// {quoted}\n/* {quoted} */\n\"start\": Leaf(title: (en: \"{quoted}\", ko: r#\"{quoted}\"#), \
         cause: (en: \"c\", ko: \"c\"), steps: [(en: \"s\", ko: \"s\")]),"
    ));
    timed("quoted brackets", || tree::load_str("quoted.ron", &src)).unwrap();
}

#[test]
fn nesting_just_under_the_limit_does_not_overflow_a_small_stack() {
    // 999 levels where the parser may recurse, on a thread with a small stack.
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(|| {
            for open in ["[", "(", "Some("] {
                let src = format!(
                    "Tree(id: \"t\", title: {}",
                    open.repeat(tree::load::MAX_NESTING - 2)
                );
                assert!(tree::load_str("nested.ron", &src).is_err());
            }
        })
        .unwrap();
    handle.join().expect("no stack overflow");
}

#[test]
fn a_12_mib_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let src = format!("{}// {}\n", tree_with(&leaf("start")), "y".repeat(12 * MIB));
    std::fs::write(&path, &src).unwrap();
    let errors = match timed("load_path", || tree::load_path(&path)) {
        Ok(_) => panic!("a 12 MiB tree must be refused"),
        Err(e) => e,
    };
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("10 MiB"), "{errors:?}");
    // The same text given directly.
    let errors = errors_of_str(&src);
    assert!(errors[0].message.contains("10 MiB"), "{errors:?}");
    // And `triage check` says so, exit 1.
    let out = assert_cmd::Command::cargo_bin("triage")
        .unwrap()
        .env("TRIAGE_CONFIG_DIR", dir.path())
        .arg("check")
        .arg(&path)
        .timeout(FAST)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("10 MiB"));
}

fn errors_of_str(src: &str) -> Vec<tree::Diagnostic> {
    errors("huge.ron", src)
}

fn draw(a: &mut App, w: u16, h: u16) {
    app::update(a, Msg::Resize(w, h));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let theme = triage::theme::Theme::new(triage::theme::ThemeName::Default, false);
    terminal.draw(|f| triage::ui::render(f, a, &theme)).unwrap();
}

#[test]
fn a_one_mib_paste_into_search_is_cut_with_a_notice() {
    let t = Arc::new(tree::embedded());
    for lang in Lang::ALL {
        let mut a = App::new(
            Arc::clone(&t),
            lang,
            app::index_searcher(Default::default()),
        );
        app::update(&mut a, Msg::OpenSearch);
        let paste: String = "VSS writer failed 스냅숏 오류 \u{1b}[2J\n"
            .chars()
            .cycle()
            .take(MIB)
            .collect();
        timed("paste", || app::paste(&mut a, &paste));
        let Some(Overlay::Search(state)) = &a.overlay else {
            panic!("search is open");
        };
        // Full, less the control characters the paste held (dropped, not escaped).
        let kept = state.query.len();
        assert!(
            (app::MAX_QUERY_BYTES * 9 / 10..=app::MAX_QUERY_BYTES).contains(&kept),
            "{kept} bytes kept"
        );
        let notice = app::paste_cut_end_notice(lang, app::MAX_QUERY_BYTES);
        assert!(
            a.status.as_deref() == Some(notice.as_str()),
            "{:?}",
            a.status
        );
        timed("draw", || draw(&mut a, 80, 24));
        // A second paste into a full box: nothing more, still a notice.
        timed("paste again", || app::paste(&mut a, &paste));
        assert!(a.status.is_some());
    }
}

#[test]
fn a_one_mib_line_on_plain_mode_stdin_is_cut_with_a_notice() {
    let t = Arc::new(tree::embedded());
    let huge: String = "vss writer ".chars().cycle().take(MIB).collect();
    // A search line of 1 MiB, then a command that proves the rest of the line was skipped.
    let input = format!("/{huge}\n\nq\n");
    let mut a = App::new(
        Arc::clone(&t),
        Lang::En,
        app::index_searcher(Default::default()),
    );
    let mut out = Vec::new();
    let code = timed("plain", || {
        triage::plain::run(&mut a, &mut Cursor::new(input.into_bytes()), &mut out)
    })
    .unwrap();
    assert_eq!(code, 0);
    assert!(a.quit, "q after the long line was read as a command");
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("Paste cut to its first 64 KiB"),
        "no notice of the cut:\n{}",
        &text[..text.len().min(3000)]
    );
    assert!(text.len() < 200_000, "the output repeats the paste");

    // A 1 MiB line with no newline at all, then the end of input: no hang.
    let mut a = App::new(
        Arc::clone(&t),
        Lang::En,
        app::index_searcher(Default::default()),
    );
    let input = format!("/{huge}");
    let mut out = Vec::new();
    let code = timed("plain without newline", || {
        triage::plain::run(&mut a, &mut Cursor::new(input.into_bytes()), &mut out)
    })
    .unwrap();
    assert_eq!(code, 0);
}

#[test]
fn a_one_mib_paste_through_the_plain_binary() {
    let huge: String = "UserErrorFsFreezeFailed "
        .chars()
        .cycle()
        .take(MIB)
        .collect();
    let data = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("triage")
        .unwrap()
        .env("TRIAGE_CONFIG_DIR", "/nonexistent/triage-test-config")
        .env("TRIAGE_DATA_DIR", data.path())
        .env("LANG", "en_US.UTF-8")
        .arg("--plain")
        .write_stdin(format!("/{huge}\n\nq\n"))
        .timeout(FAST)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Paste cut"),
        "{}",
        &text[..text.len().min(2000)]
    );
    assert!(text.len() < 200_000, "the output repeats the paste");
}

#[test]
fn a_one_mib_field_name_or_kind_gets_a_short_message() {
    let name = "f".repeat(MIB);
    for src in [
        format!("Tree(id: \"t\", {name}: 1)"),
        format!(
            "Tree(id: \"t\", title: (en: \"T\", ko: \"T\"), start: \"s\", nodes: {{ \"s\": {name}(x: 1) }})"
        ),
    ] {
        let errors = errors("long-name.ron", &src);
        assert_short(&errors);
    }
}

/// A line exactly as long as plain mode reads is not said to be cut; one byte more is.
#[test]
fn a_line_at_the_limit_is_not_called_cut() {
    let t = Arc::new(tree::embedded());
    for (extra, cut) in [(0usize, false), (1, true)] {
        let line = format!("/{}", "a".repeat(64 * 1024 - 1 + extra));
        let mut a = App::new(
            Arc::clone(&t),
            Lang::En,
            app::index_searcher(Default::default()),
        );
        let mut out = Vec::new();
        triage::plain::run(
            &mut a,
            &mut Cursor::new(format!("{line}\n\nq\n").into_bytes()),
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.contains("Paste cut"), cut, "{extra}");
        assert!(a.quit, "the line after it was read as a command");
    }
}
