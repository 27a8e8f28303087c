//! A hostile tree (`tests/fixtures/malicious.ron`: ESC [2J, OSC 52, BEL, C1 CSI, bidi overrides,
//! NUL and DEL in every text) through every output path, checked byte by byte: no raw control
//! character may reach a terminal. Ids with escapes are refused by the validator; its message is
//! checked the same way. Also: OSC 52 copy refuses commands with control characters.
//!
//! The check does not trust `triage::text`: the forbidden set is written out here.

use assert_cmd::Command;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use triage::app::{self, App, Effect, Event, Msg};
use triage::theme::{Theme, ThemeName};
use triage::transcript::{self, Session, SessionStep};
use triage::tree::{self, Lang, Tree};
use triage::{report, ui};

const MALICIOUS: &str = "tests/fixtures/malicious.ron";
const EVIL_LEAF: &str = "evil-leaf";

/// Characters a terminal acts on: C0 controls, DEL, C1 controls, and the bidirectional controls
/// that reorder what a reader sees.
fn forbidden(c: char) -> bool {
    let n = c as u32;
    n < 0x20
        || (0x7f..=0x9f).contains(&n)
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Panics when `bytes` are not UTF-8 or hold a forbidden character other than line structure
/// (newline, tab, and a carriage return right before a newline).
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => panic!(
            "{what}: not UTF-8 at byte {} (a raw C1 byte?): {:?}",
            e.valid_up_to(),
            String::from_utf8_lossy(&bytes[e.valid_up_to().saturating_sub(40)..])
                .chars()
                .take(80)
                .collect::<String>()
        ),
    };
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let allowed = match c {
            '\n' | '\t' => true,
            '\r' => chars.get(i + 1) == Some(&'\n'),
            c => !forbidden(*c),
        };
        if !allowed {
            let context: String = chars[i.saturating_sub(40)..(i + 20).min(chars.len())]
                .iter()
                .collect();
            panic!("{what}: raw {c:?} at character {i}, in {context:?}");
        }
    }
}

/// The output shows the hostile text (escaped): the path was really exercised.
fn assert_shows_escapes(what: &str, text: &str) {
    assert!(
        text.contains("x1b[2J") && text.contains("u{202e}"),
        "{what}: the hostile text is not shown at all:\n{text}"
    );
}

fn malicious() -> Arc<Tree> {
    static TREE: OnceLock<Arc<Tree>> = OnceLock::new();
    let t = TREE.get_or_init(|| match tree::load_path(Path::new(MALICIOUS)) {
        Ok(t) => Arc::new(t),
        Err(e) => panic!(
            "the malicious fixture must validate:\n{}",
            e.iter().map(|d| d.to_string()).collect::<String>()
        ),
    });
    Arc::clone(t)
}

fn app(lang: Lang) -> App {
    App::new(malicious(), lang, app::index_searcher(Default::default()))
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The binary, with config and data in a temporary directory.
    fn triage(&self) -> Command {
        let mut c = Command::cargo_bin("triage").unwrap();
        c.env("TRIAGE_CONFIG_DIR", self.dir.path().join("config"))
            .env("TRIAGE_DATA_DIR", self.dir.path().join("data"))
            .env("LANG", "en_US.UTF-8")
            .env("TERM", "xterm-256color")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("TMUX");
        c
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Runs the binary; checks stdout and stderr; returns stdout, stderr and the exit code.
fn run(what: &str, mut cmd: Command) -> (String, String, i32) {
    let out = cmd.output().unwrap();
    assert_clean(&format!("{what} (stdout)"), &out.stdout);
    assert_clean(&format!("{what} (stderr)"), &out.stderr);
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn the_fixture_really_is_hostile() {
    let t = malicious();
    let leaf = t.leaf(EVIL_LEAF).unwrap();
    for s in [
        leaf.title.en.as_str(),
        &leaf.title.ko,
        &leaf.errors[0].en,
        &leaf.cause.en,
        &leaf.steps[0].en,
        leaf.steps[0].run[0].code(),
        &leaf.links[0].url,
        &leaf.codes[0],
        &leaf.keywords[0],
        &t.title.en,
    ] {
        assert!(s.chars().any(forbidden), "{s:?} is not hostile");
    }
    for c in [
        '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2066}', '\0', '\u{7f}',
    ] {
        assert!(leaf.title.en.contains(c), "the title lacks {c:?}");
    }
}

#[test]
fn list_text_and_json() {
    let env = Env::new();
    for lang in ["en", "ko"] {
        let mut c = env.triage();
        c.args(["--tree", MALICIOUS, "--lang", lang, "list"]);
        let (out, _, code) = run("list", c);
        assert_eq!(code, 0);
        assert_shows_escapes("list", &out);
        let mut c = env.triage();
        c.args(["--tree", MALICIOUS, "--lang", lang, "list", "--json"]);
        let (out, _, code) = run("list --json", c);
        assert_eq!(code, 0);
        assert_shows_escapes("list --json", &out);
        let _: serde_json::Value = serde_json::from_str(&out).unwrap();
    }
}

#[test]
fn show_text_json_and_path() {
    let env = Env::new();
    for lang in ["en", "ko"] {
        for id in [EVIL_LEAF, "clean-leaf"] {
            for extra in [&[][..], &["--json"], &["--path"], &["--path", "--json"]] {
                let mut c = env.triage();
                c.args(["--tree", MALICIOUS, "--lang", lang, "show", id]);
                c.args(extra);
                let what = format!("show {id} {extra:?} --lang {lang}");
                let (out, _, code) = run(&what, c);
                assert_eq!(code, 0, "{what}");
                if id == EVIL_LEAF || extra.contains(&"--path") {
                    assert_shows_escapes(&what, &out);
                }
                if extra.contains(&"--json") {
                    let _: serde_json::Value = serde_json::from_str(&out).unwrap();
                }
            }
        }
    }
}

#[test]
fn show_an_unknown_hostile_id() {
    let env = Env::new();
    let mut c = env.triage();
    c.args([
        "--tree",
        MALICIOUS,
        "show",
        "evil-leaf\u{1b}[2J\u{202e}\u{9b}",
    ]);
    let (_, err, code) = run("show UNKNOWN", c);
    assert_eq!(code, 2);
    // Escaped once, as everywhere else (`{:?}` escaped the escapes again: `\\x1b`).
    assert!(err.contains("no leaf \"evil-leaf\\x1b[2J"), "{err}");
}

/// The fixture with one id made hostile (everywhere it is used): the validator refuses it.
fn hostile_ids_source() -> String {
    std::fs::read_to_string(MALICIOUS)
        .unwrap()
        .replace(
            "\"clean-leaf\"",
            "\"clean\u{1b}[2J\u{202e}\u{9b}\u{7}-leaf\"",
        )
        .replace("id: \"evil\"", "id: \"evil\\u{1b}]52;c;eA==\\u{7}\"")
}

#[test]
fn check_messages_for_hostile_ids_are_sanitized() {
    let src = hostile_ids_source();
    let errors = match tree::load_str("hostile-ids.ron", &src) {
        Ok(_) => panic!("ids with control characters must be refused"),
        Err(e) => e,
    };
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("control characters")),
        "{errors:?}"
    );
    let shown: String = errors.iter().map(|e| e.to_string()).collect();
    assert_clean("Diagnostic::to_string", shown.as_bytes());

    let env = Env::new();
    let file = env.path("hostile-ids.ron");
    std::fs::write(&file, &src).unwrap();
    let mut c = env.triage();
    c.arg("check").arg(&file);
    let (_, err, code) = run("check hostile-ids.ron", c);
    assert_eq!(code, 1);
    assert!(err.contains("u{1b}[2J"), "{err}");
    // Each problem is placed on the line of the id in question.
    assert!(
        err.contains("hostile-ids.ron:7:"),
        "the tree id's line: {err}"
    );
    let key_line = src
        .lines()
        .position(|l| l.trim_start().starts_with("\"clean\u{1b}"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("hostile-ids.ron:{key_line}:9: error: node id")),
        "the node id's line ({key_line}): {err}"
    );
    // The same through --tree, as the wizard and `show` load it.
    let mut c = env.triage();
    c.arg("--tree").arg(&file).arg("list");
    let (_, err, code) = run("--tree hostile-ids.ron list", c);
    assert_eq!(code, 1);
    assert!(err.contains("control characters"), "{err}");
}

#[test]
fn check_ok_and_a_syntax_error_on_a_hostile_line_in_a_hostile_file_name() {
    let env = Env::new();
    let mut c = env.triage();
    c.args(["check", "--stats", MALICIOUS]);
    let (out, _, code) = run("check --stats", c);
    assert_eq!(code, 0);
    assert!(out.contains("ok (2 leaves, 2 questions)"), "{out}");

    // A syntax error on a line full of raw escapes: the excerpt shows the line.
    let src = std::fs::read_to_string(MALICIOUS).unwrap().replacen(
        "ko: \"무슨 일이? ",
        "ko: \"무슨 일이? \u{1b}[2J\u{202e}\u{9b}\" oops \"",
        1,
    );
    // Windows refuses control characters in file names; Unix takes any byte but `/` and NUL.
    let hostile_names = cfg!(unix);
    let file = env.path(if hostile_names {
        "evil\u{1b}[2J\u{202e}\u{9b}name.ron"
    } else {
        "evil-name.ron"
    });
    std::fs::write(&file, &src).unwrap();
    let mut c = env.triage();
    c.arg("check").arg(&file);
    let (_, err, code) = run("check (syntax error)", c);
    assert_eq!(code, 1);
    if hostile_names {
        assert!(err.contains("evil\\x1b[2J"), "the file name: {err}");
    }
    assert!(err.contains(" | "), "an excerpt: {err}");

    // A file that does not exist, by a hostile name.
    let mut c = env.triage();
    c.arg("--tree")
        .arg(env.path("gone\u{1b}]52;c;eA==\u{7}.ron"))
        .arg("list");
    let (_, err, code) = run("--tree MISSING", c);
    assert_ne!(code, 0);
    assert!(err.contains("gone\\x1b]52"), "{err}");

    // An unknown tree id.
    let mut c = env.triage();
    c.args(["--tree", "no-such\u{1b}[2J\u{202e}", "list"]);
    let (_, err, code) = run("--tree UNKNOWN", c);
    assert_eq!(code, 2);
    assert!(err.contains("no tree \"no-such\\x1b[2J"), "{err}");
}

#[test]
fn caret_stays_under_the_column_when_the_line_has_escapes() {
    let src = "Tree(\n  id: \"x\", title: (en: \"\u{1b}[2J\u{202e}\", ko: \"a\"), bogus: 1)";
    let errors = tree::load_str("t.ron", src).unwrap_err();
    let shown = errors[0].to_string();
    assert_clean("caret", shown.as_bytes());
    let lines: Vec<&str> = shown.lines().collect();
    let code_line = lines.iter().find(|l| l.starts_with("2 | ")).unwrap();
    let caret_line = lines.iter().find(|l| l.trim_end().ends_with('^')).unwrap();
    let caret = caret_line.find('^').unwrap();
    assert_eq!(&code_line[caret..caret + 5], "bogus", "{shown}");
}

#[test]
fn plain_mode_through_a_pipe() {
    let env = Env::new();
    for lang in ["en", "ko"] {
        // Walk to the evil leaf, back, the other way, switch language, search (with escapes in
        // the query), open a result, and quit.
        let input =
            "1\nb\n2\n1\nL\nb\n2\n/evil \u{1b}[2J\u{202e} leaf\n1\nb\nr\n/\u{9b}\u{7}\n\nq\n";
        let mut c = env.triage();
        c.args(["--tree", MALICIOUS, "--lang", lang, "--plain"])
            .write_stdin(input);
        let (out, _, code) = run(&format!("--plain --lang {lang}"), c);
        assert_eq!(code, 0);
        assert_shows_escapes("plain", &out);
        assert!(out.contains("echo clean"), "{out}");
    }
}

#[test]
fn search_command_text_json_and_stdin() {
    let env = Env::new();
    for lang in ["en", "ko"] {
        for json in [false, true] {
            let mut c = env.triage();
            c.args(["--tree", MALICIOUS, "--lang", lang, "search"]);
            if json {
                c.arg("--json");
            }
            c.args(["evil", "leaf", "\u{1b}[2J\u{202e}", "keyword"]);
            let (out, _, _) = run(&format!("search json={json}"), c);
            assert!(out.contains(EVIL_LEAF), "{out}");
            assert_shows_escapes("search", &out);
            let mut c = env.triage();
            c.args(["--tree", MALICIOUS, "--lang", lang, "search", "-"])
                .write_stdin("Error \u{1b}[2J\u{1b}]52;c;eA==\u{7} in the portal\r\n\u{202e}vm\n");
            if json {
                c.arg("--json");
            }
            run(&format!("search - (stdin) json={json}"), c);
        }
    }
}

#[test]
fn trees_listing_shows_a_hostile_user_tree_safely() {
    let env = Env::new();
    let trees = env.path("config").join("trees");
    std::fs::create_dir_all(&trees).unwrap();
    std::fs::copy(MALICIOUS, trees.join("evil.ron")).unwrap();
    let broken = if cfg!(unix) {
        "broken\u{1b}[2J.ron"
    } else {
        "broken.ron"
    };
    std::fs::write(trees.join(broken), hostile_ids_source()).unwrap();
    for json in [false, true] {
        let mut c = env.triage();
        c.arg("trees");
        if json {
            c.arg("--json");
        }
        let (out, _, _) = run(&format!("trees json={json}"), c);
        assert!(out.contains("evil"), "{out}");
    }
    // And by id.
    let mut c = env.triage();
    c.args(["--tree", "evil", "show", EVIL_LEAF]);
    let (out, _, code) = run("--tree evil show", c);
    assert_eq!(code, 0);
    assert_shows_escapes("--tree evil show", &out);
}

#[test]
fn report_texts_and_quit_summary() {
    let t = malicious();
    for lang in Lang::ALL {
        for (id, leaf) in t.leaves() {
            let text = report::leaf_text(id, leaf, lang, &Default::default());
            assert_clean("leaf_text", text.as_bytes());
            let summary = report::quit_summary(id, leaf, lang, &Default::default());
            assert_clean("quit_summary", summary.as_bytes());
            if id == EVIL_LEAF {
                assert_shows_escapes("quit_summary", &summary);
            }
            let json =
                serde_json::to_string(&report::leaf_json(id, leaf, lang, &Default::default()))
                    .unwrap();
            assert_clean("leaf_json", json.as_bytes());
            let steps = report::path_steps(&t, id, lang).unwrap();
            assert_clean("path_text", report::path_text(&steps).as_bytes());
        }
    }
}

/// A session that touches everything: answers, back, restart, search (typed and pasted, with
/// escapes), a leaf from search, copies.
fn busy_session(lang: Lang) -> App {
    let mut a = app(lang);
    for msg in [
        Msg::Choose(1),
        Msg::Choose(0),
        Msg::Back,
        Msg::Choose(0),
        Msg::JumpTo(0),
        Msg::Restart,
        Msg::Choose(0),
        Msg::NextCommand,
        Msg::NextCommand,
        Msg::NextCommand,
        Msg::NextCommand,
        Msg::Copy,
        Msg::OpenSearch,
    ] {
        app::update(&mut a, msg);
    }
    for c in "evil \u{1b}[2J\u{202e} leaf".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    app::paste(&mut a, " \u{1b}]52;c;eA==\u{7} keyword\u{9b}");
    app::update(&mut a, Msg::Confirm);
    a
}

#[test]
fn transcripts() {
    let t = malicious();
    for lang in Lang::ALL {
        let a = busy_session(lang);
        let mut session = Session::from_events(
            &t,
            lang,
            &a.events,
            "2024-01-01T00:00:00Z".into(),
            &a.current,
            &a.trail,
        );
        session.ended = Some("2024-01-01T00:10:00Z\u{1b}[2J".into());
        let md = transcript::markdown(&t, &session);
        assert_clean("transcript", md.as_bytes());
        assert_shows_escapes("transcript", &md);
        assert!(md.contains("echo clean"), "the copied command: {md}");

        // A session record from elsewhere (a history file edited by hand): every field hostile.
        let evil = "x\u{1b}[2J\u{1b}]52;c;eA==\u{7}\u{9b}\u{202e}\u{2066}\0y".to_string();
        let session = Session {
            tree_id: evil.clone(),
            lang,
            started: evil.clone(),
            ended: Some(evil.clone()),
            steps: vec![
                SessionStep::Answered {
                    question_id: evil.clone(),
                    question: evil.clone(),
                    answer: evil.clone(),
                },
                SessionStep::WentBack {
                    to_question: evil.clone(),
                },
                SessionStep::Restarted,
                SessionStep::Searched {
                    query: evil.clone(),
                    top: vec![evil.clone()],
                },
                SessionStep::Reached {
                    leaf: evil.clone(),
                    title: evil.clone(),
                    via_search: true,
                    see_also_of: None,
                },
                SessionStep::Reached {
                    leaf: evil.clone(),
                    title: evil.clone(),
                    via_search: false,
                    see_also_of: Some(evil.clone()),
                },
                SessionStep::Copied {
                    leaf: evil.clone(),
                    command: format!("{evil}\n```\n{evil}"),
                },
            ],
            current: EVIL_LEAF.into(),
            trail: vec![(evil.clone(), 0)],
            // Values for placeholders, as a hand-edited record may hold them.
            values: [
                (evil.clone(), evil.clone()),
                ("x".to_string(), evil.clone()),
            ]
            .into_iter()
            .collect(),
        };
        let md = transcript::markdown(&t, &session);
        assert_clean("transcript (hostile record)", md.as_bytes());
    }
}

/// Every cell of the screen: no symbol with a forbidden character.
fn assert_screen_clean(what: &str, a: &mut App, w: u16, h: u16) -> String {
    app::update(a, Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::new(ThemeName::Default, true);
    terminal.draw(|f| ui::render(f, a, &theme)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut all = String::new();
    for y in 0..h {
        for x in 0..w {
            let symbol = buffer[(x, y)].symbol();
            if let Some(c) = symbol.chars().find(|c| forbidden(*c)) {
                panic!("{what} at {w}x{h}: cell ({x}, {y}) holds {c:?} ({symbol:?})");
            }
            all.push_str(symbol);
        }
        all.push('\n');
    }
    all
}

/// A key press as on a screen of the design size (below 40x12 keys wait, by design).
fn act(a: &mut App, msg: Msg) {
    app::update(a, Msg::Resize(80, 24));
    app::update(a, msg);
}

#[test]
fn tui_screens_in_both_languages_at_several_sizes() {
    for lang in Lang::ALL {
        for (w, h) in [(80, 24), (40, 12), (120, 40), (200, 60), (39, 11), (5, 3)] {
            let mut a = app(lang);
            assert_screen_clean("question", &mut a, w, h);
            act(&mut a, Msg::Choose(1));
            assert_screen_clean("second question", &mut a, w, h);
            act(&mut a, Msg::Choose(0));
            assert!(a.on_leaf());
            // Every command selected, then every scroll position.
            for _ in 0..5 {
                assert_screen_clean("leaf", &mut a, w, h);
                act(&mut a, Msg::NextCommand);
            }
            act(&mut a, Msg::Home);
            let mut seen = String::new();
            for _ in 0..40 {
                seen.push_str(&assert_screen_clean("leaf (scrolled)", &mut a, w, h));
                act(&mut a, Msg::PageDown);
            }
            if w >= 80 {
                assert_shows_escapes("TUI leaf", &seen);
            }
            act(&mut a, Msg::PrintOnQuit);
            assert_screen_clean("leaf with print-on-quit status", &mut a, w, h);
            act(&mut a, Msg::ToggleHelp);
            assert_screen_clean("help", &mut a, w, h);
            act(&mut a, Msg::Escape);
            let mut a = busy_session(lang);
            assert_screen_clean("leaf from search", &mut a, w, h);
            act(&mut a, Msg::OpenSearch);
            for c in "evil leaf \u{1b}[2J".chars() {
                act(&mut a, Msg::Type(c));
            }
            assert_screen_clean("search results", &mut a, w, h);
            app::paste(&mut a, &"\u{1b}[2J".repeat(3000));
            assert_screen_clean("search after a hostile paste", &mut a, w, h);
        }
    }
}

#[test]
fn copy_refuses_commands_with_control_characters() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Choose(0));
    assert_eq!(a.current, EVIL_LEAF);
    let leaf = a.tree.leaf(EVIL_LEAF).unwrap().clone();
    let commands: Vec<String> = leaf.commands().map(|c| c.code().to_string()).collect();
    assert_eq!(commands.len(), 5);
    let refused = triage::i18n::strings(Lang::En).copy_refused;
    for (i, code) in commands.iter().enumerate() {
        a.command = i;
        a.status = None;
        let effect = app::update(&mut a, Msg::Copy);
        if code.chars().any(forbidden) {
            assert_eq!(effect, None, "command {i} ({code:?}) must not be copied");
            assert_eq!(a.status.as_deref(), Some(refused));
        } else {
            assert_eq!(effect, Some(Effect::Copy(code.clone())));
            // Exactly the selected text goes into OSC 52, base64-encoded: nothing else.
            let seq = triage::clipboard::osc52(code);
            assert_eq!(seq, "\u{1b}]52;c;ZWNobyBjbGVhbg==\u{1b}\\");
        }
    }
    let copied: Vec<&Event> = a
        .events
        .iter()
        .filter(|e| matches!(e, Event::Copied { .. }))
        .collect();
    assert_eq!(copied.len(), 1, "only the clean command was copied");
}

/// A plain session on the hostile tree, saved to the history (as every wizard session is).
fn env_with_history() -> Env {
    let env = Env::new();
    let mut c = env.triage();
    c.args(["--tree", MALICIOUS, "--plain"])
        .write_stdin("2\n1\n/evil \u{1b}[2J leaf\n1\nq\n");
    run("plain (for the history)", c);
    env
}

#[test]
fn practice_in_plain_mode() {
    let env = Env::new();
    let mut c = env.triage();
    c.args([
        "--tree", MALICIOUS, "practice", "--plain", "--count", "3", "--seed", "7",
    ])
    .write_stdin("1\n\n2\n1\n\n1\n\n\nq\n");
    let (out, _, _) = run("practice --plain", c);
    assert_shows_escapes("practice", &out);
}

#[test]
fn history_text() {
    let env = env_with_history();
    let mut c = env.triage();
    c.arg("history");
    let (out, _, code) = run("history", c);
    assert_eq!(code, 0);
    assert!(out.contains("evil"), "the session is listed: {out}");
    // Resuming it prints the screens again.
    let mut c = env.triage();
    c.args(["--tree", MALICIOUS, "resume", "--plain"])
        .write_stdin("q\n");
    run("resume --plain", c);
}

/// `history --json` prints stored records; serde_json escapes only U+0000..U+001F, so DEL, C1
/// (U+009B is a one-character CSI) and bidi overrides must be escaped on top (losslessly).
#[test]
fn history_json() {
    let env = env_with_history();
    let mut c = env.triage();
    c.args(["history", "--json"]);
    let (out, _, code) = run("history --json", c);
    assert_eq!(code, 0);
    let _: serde_json::Value = serde_json::from_str(&out).unwrap();
}
