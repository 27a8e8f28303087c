//! The command line's own messages in Korean (`--lang ko`, the config file, or the locale), taken
//! from the Korean table of `src/i18n.rs`; exit codes as in English.

use assert_cmd::Command;
use triage::i18n::{EN, KO, fill};

mod common;
use common::triage;

/// Exit code, stdout and stderr.
fn run(c: &mut Command) -> (Option<i32>, String, String) {
    let out = c.output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn unknown_id_in_korean_with_the_same_exit_code() {
    let (code, _, err) = run(triage().args(["--lang", "ko", "show", "nope"]));
    assert_eq!(code, Some(2));
    let expected = fill(
        KO.cli.unknown_leaf,
        &[("id", "\"nope\""), ("tree", "\"azure-vm-backup\"")],
    );
    let see_all = fill(KO.cli.see_every_id, &[("list", "triage list")]);
    assert_eq!(err, format!("triage: {expected}{see_all}\n"));
    // With suggestions.
    let (code, _, err) = run(triage().args(["show", "backup-91", "--lang", "ko"]));
    assert_eq!(code, Some(2));
    let suggestions = fill(
        KO.cli.did_you_mean,
        &[("ids", "backup-01, backup-11, backup-21")],
    );
    assert!(err.contains(&suggestions), "{err}");
    assert!(
        !err.contains("did you mean") && !err.contains("no leaf"),
        "{err}"
    );
}

#[test]
fn the_locale_and_the_config_choose_korean_too() {
    let (code, _, err) = run(triage().env("LANG", "ko_KR.UTF-8").args(["show", "nope"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("트리에 없는 해결책 id"), "{err}");
    let config = tempfile::tempdir().unwrap();
    std::fs::write(config.path().join("config.ron"), "Config(lang: ko)").unwrap();
    let (code, _, err) = run(triage().env("TRIAGE_CONFIG_DIR", config.path()).args([
        "--tree",
        "no-such-tree",
        "list",
    ]));
    assert_eq!(code, Some(2));
    let expected = fill(
        KO.cli.unknown_tree,
        &[("tree", "\"no-such-tree\""), ("known", "azure-vm-backup")],
    );
    assert_eq!(err, format!("triage: {expected}\n"));
    // The flag wins over the config.
    let (_, _, err) = run(triage().env("TRIAGE_CONFIG_DIR", config.path()).args([
        "--lang",
        "en",
        "--tree",
        "no-such-tree",
        "list",
    ]));
    assert!(err.contains("known trees: azure-vm-backup"), "{err}");
}

#[test]
fn an_unknown_language_is_said_in_the_locale_language() {
    let (code, _, err) = run(triage()
        .env("LANG", "ko_KR.UTF-8")
        .args(["--lang", "fr", "list"]));
    assert_eq!(code, Some(2));
    assert!(
        err.contains(&fill(KO.cli.unknown_language, &[("lang", "\"fr\"")])),
        "{err}"
    );
}

#[test]
fn file_errors_in_korean() {
    let (code, _, err) =
        run(triage().args(["--lang", "ko", "--tree", "/nonexistent/my-tree.ron", "list"]));
    assert_eq!(code, Some(1));
    assert!(err.contains(KO.cli.cannot_read_file), "{err}");
    assert!(err.contains(KO.cli.no_such_file), "{err}");
    assert!(err.contains(KO.cli.help_check_path), "{err}");
    let (code, _, err) = run(triage().args(["--lang", "ko", "check", "/nonexistent/my-tree.ron"]));
    assert_eq!(code, Some(1));
    assert!(err.contains(KO.cli.cannot_read_file), "{err}");
    assert!(err.contains("오류 1개"), "{err}");
    let (code, _, err) = run(triage().args(["--lang", "ko", "eval", "/nonexistent/q.json"]));
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with(&format!(
            "triage: {}",
            fill(KO.cli.cannot_read, &[("file", "/nonexistent/q.json")])
        )),
        "{err}"
    );
    // English keeps its words.
    let (code, _, err) = run(triage().args(["--tree", "/nonexistent/my-tree.ron", "list"]));
    assert_eq!(code, Some(1));
    assert!(
        err.contains("error: cannot read the file: No such file"),
        "{err}"
    );
}

#[test]
fn check_speaks_korean() {
    let (code, out, _) = run(triage().args(["--lang", "ko", "check", "--stats"]));
    assert_eq!(code, Some(0));
    assert!(out.contains(": 정상 (해결책 57개, 질문 "), "{out}");
    assert!(out.contains("평균"), "{out}");
    assert!(out.contains(KO.cli.deepest), "{out}");
}

#[test]
fn search_notices_in_korean() {
    let (code, _, err) = run(triage().args(["--lang", "ko", "search"]).write_stdin(""));
    assert_eq!(code, Some(2));
    assert_eq!(err, format!("triage: {}\n", KO.cli.nothing_to_search));
    let (code, _, err) = run(triage().args(["--lang", "ko", "search", "hello", "world"]));
    assert_eq!(code, Some(1));
    assert_eq!(err, format!("triage: {}\n", KO.cli.nothing_matches));
    let (code, out, _) = run(triage().args(["--lang", "ko", "search", "disk"]));
    assert_eq!(code, Some(0));
    assert!(out.starts_with(KO.search_weak_match), "{out}");
}

#[test]
fn history_and_resume_notes_in_korean() {
    let data = tempfile::tempdir().unwrap();
    let (code, out, _) = run(triage()
        .env("TRIAGE_DATA_DIR", data.path())
        .args(["--lang", "ko", "history"]));
    assert_eq!(code, Some(0));
    assert!(out.starts_with("아직 세션이 없습니다"), "{out}");
    let sessions = data.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("broken.json"), "{").unwrap();
    let (code, _, err) = run(triage()
        .env("TRIAGE_DATA_DIR", data.path())
        .args(["--lang", "ko", "history"]));
    assert_eq!(code, Some(0));
    assert!(err.starts_with("triage: 경고: 건너뛴 파일 "), "{err}");
    let (code, _, err) = run(triage()
        .env("TRIAGE_DATA_DIR", data.path())
        .args(["--lang", "ko", "resume", "7"]));
    assert_eq!(code, Some(2));
    assert!(
        err.ends_with(&format!(
            "triage: {}\n",
            fill(KO.cli.no_session, &[("n", "7")])
        )),
        "{err}"
    );
}

/// A transcript whose folder does not exist is refused before the wizard starts (exit 2), in
/// the user's language.
#[test]
fn a_transcript_to_a_missing_folder_is_refused_at_start_in_korean() {
    // Any session would be saved: in a data directory of its own.
    let data = tempfile::tempdir().unwrap();
    let (code, _, err) = run(triage()
        .env("TRIAGE_DATA_DIR", data.path())
        .args([
            "--lang",
            "ko",
            "--plain",
            "--transcript",
            "/nonexistent/dir/session.md",
        ])
        .write_stdin("q\n"));
    assert_eq!(code, Some(2));
    assert!(
        err.contains(&format!("triage: {}: ", KO.transcript_failed)),
        "{err}"
    );
    assert!(err.contains(KO.transcript_no_folder), "{err}");
    assert!(
        std::fs::read_dir(data.path()).unwrap().next().is_none(),
        "no session was started"
    );
}

#[test]
fn every_cli_message_has_its_own_korean_text() {
    let pairs = [
        (EN.cli.unknown_language, KO.cli.unknown_language),
        (EN.cli.unknown_tree, KO.cli.unknown_tree),
        (EN.cli.unknown_leaf, KO.cli.unknown_leaf),
        (EN.cli.did_you_mean, KO.cli.did_you_mean),
        (EN.cli.see_every_id, KO.cli.see_every_id),
        (EN.cli.cannot_read, KO.cli.cannot_read),
        (EN.cli.cannot_write, KO.cli.cannot_write),
        (EN.cli.no_data_dir, KO.cli.no_data_dir),
        (EN.cli.skipped, KO.cli.skipped),
        (EN.cli.no_sessions, KO.cli.no_sessions),
        (EN.cli.no_session, KO.cli.no_session),
        (EN.cli.search_no_text, KO.cli.search_no_text),
        (EN.cli.nothing_to_search, KO.cli.nothing_to_search),
        (EN.cli.query_cut, KO.cli.query_cut),
        (EN.cli.nothing_matches, KO.cli.nothing_matches),
        (EN.cli.not_a_query_file, KO.cli.not_a_query_file),
        (EN.cli.eval_failed, KO.cli.eval_failed),
        (EN.cli.terminal_error, KO.cli.terminal_error),
        (EN.cli.crashed, KO.cli.crashed),
        (EN.cli.code_of_leaves, KO.cli.code_of_leaves),
        (EN.cli.question_not_leaf, KO.cli.question_not_leaf),
        (EN.cli.config_ignored, KO.cli.config_ignored),
        (EN.cli.tree_dir_skipped, KO.cli.tree_dir_skipped),
        (EN.cli.not_a_directory, KO.cli.not_a_directory),
        (EN.cli.trees_not_loaded.0, KO.cli.trees_not_loaded.0),
        (EN.cli.trees_not_loaded.1, KO.cli.trees_not_loaded.1),
        (EN.cli.tree_is_directory, KO.cli.tree_is_directory),
        (EN.cli.resume_tree_moved, KO.cli.resume_tree_moved),
        (EN.cli.built_in_tree, KO.cli.built_in_tree),
    ];
    for (en, ko) in pairs {
        assert_ne!(en, ko);
        assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{ko}");
        // The same placeholders in both.
        let keys = |s: &str| -> Vec<String> {
            let mut k: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(k, _)| k.to_string()))
                .collect();
            k.sort();
            k
        };
        assert_eq!(keys(en), keys(ko), "{en} / {ko}");
    }
}

/// `history --lang ko` names where an English session ended in Korean (the tree has both).
#[test]
fn history_titles_follow_the_language_asked_for() {
    let data = tempfile::tempdir().unwrap();
    let tree = triage::tree::embedded();
    let answers: String = tree
        .path_to("backup-19")
        .unwrap()
        .into_iter()
        .map(|(_, a)| format!("{}\n", a + 1))
        .collect();
    let (code, _, _) = run(triage()
        .env("TRIAGE_DATA_DIR", data.path())
        .args(["--lang", "en", "--plain"])
        .write_stdin(answers + "q\n"));
    assert_eq!(code, Some(0));
    let title = tree.leaf("backup-19").unwrap().title.clone();
    let (code, out, _) = run(triage()
        .env("TRIAGE_DATA_DIR", data.path())
        .args(["--lang", "ko", "history"]));
    assert_eq!(code, Some(0));
    assert!(out.contains(&title.ko) && !out.contains(&title.en), "{out}");
}
