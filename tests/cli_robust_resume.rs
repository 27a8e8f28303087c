//! `resume` of a session whose tree was opened by path: the file is found again from anywhere,
//! and a session is never replayed in (or saved back as) another tree.

mod common;

use std::path::{Path, PathBuf};

fn tree_source(id: &str) -> String {
    format!(
        r#"Tree(id: "{id}", title: (en: "Mini", ko: "미니"), start: "s",
  nodes: {{
    "s": Question(text: (en: "First question?", ko: "첫째?"), answers: [(label: (en: "Alpha", ko: "가"), next: "t")]),
    "t": Question(text: (en: "Second question?", ko: "둘째?"), answers: [(label: (en: "Beta", ko: "나"), next: "fix")]),
    "fix": Leaf(title: (en: "The fix", ko: "해결"), cause: (en: "c", ko: "원인"), steps: [(en: "do", ko: "하기")]) }})"#
    )
}

/// A temporary place with `trees/mini.ron`, a data dir, and session 1: tree "mini" opened by a
/// relative path, stopped at its second question.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("trees")).unwrap();
        std::fs::write(dir.path().join("trees/mini.ron"), tree_source("mini")).unwrap();
        let s = Setup { dir };
        s.triage()
            .current_dir(s.dir.path().join("trees"))
            .args(["--plain", "--tree", "mini.ron"])
            .write_stdin("1\nq\n")
            .assert()
            .success();
        s
    }

    fn triage(&self) -> assert_cmd::Command {
        let mut c = common::triage();
        c.env("TRIAGE_DATA_DIR", self.dir.path().join("data"))
            .current_dir(self.dir.path());
        c
    }

    /// `triage resume --plain` with `stdin` typed.
    fn resume(&self, stdin: &str) -> std::process::Output {
        self.triage()
            .args(["resume", "--plain"])
            .write_stdin(stdin.to_string())
            .output()
            .unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The one session file, and its bytes.
    fn session(&self) -> (PathBuf, Vec<u8>) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.path("data/sessions"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let file = files.pop().unwrap();
        let bytes = std::fs::read(&file).unwrap();
        (file, bytes)
    }
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_tree_file_is_saved_absolute_and_resume_finds_it_from_anywhere() {
    let s = Setup::new();
    let (_, bytes) = s.session();
    let record: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        Path::new(record["tree_path"].as_str().unwrap()),
        s.path("trees/mini.ron")
    );
    // Another current directory, and "mini" is no id the catalog knows.
    let out = s.resume("q\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Second question?"),
        "resumed where it stopped"
    );
}

#[test]
fn resume_with_another_tree_is_refused_and_the_entry_untouched() {
    let s = Setup::new();
    std::fs::write(s.path("other.ron"), tree_source("many")).unwrap();
    let (file, before) = s.session();
    let out = s
        .triage()
        .args(["--tree", "other.ron", "resume", "1", "--plain"])
        .write_stdin("1\nq\n")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("session 1 is on tree mini, not many"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // The same tree by another path is the session's tree: resumed, and that path kept.
    std::fs::copy(s.path("trees/mini.ron"), s.path("copy.ron")).unwrap();
    s.triage()
        .args(["--tree", "copy.ron", "resume", "--plain"])
        .write_stdin("q\n")
        .assert()
        .success();
    let record: serde_json::Value = serde_json::from_slice(&s.session().1).unwrap();
    assert_eq!(record["session"]["tree_id"], "mini");
    assert_eq!(
        Path::new(record["tree_path"].as_str().unwrap()),
        s.path("copy.ron")
    );
}

#[test]
fn a_tree_file_gone_or_replaced_is_said_and_the_entry_untouched() {
    let s = Setup::new();
    let (file, before) = s.session();
    std::fs::rename(s.path("trees/mini.ron"), s.path("moved.ron")).unwrap();
    let out = s.resume("q\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("its file is gone"), "{err}");
    assert!(
        err.contains(&s.path("trees/mini.ron").display().to_string()),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);

    std::fs::write(s.path("trees/mini.ron"), tree_source("many")).unwrap();
    let out = s.resume("1\nq\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("its file now holds tree many"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// Session files written before the tree's path was saved still load and resume.
#[test]
fn an_old_session_without_a_tree_path_still_resumes() {
    let data = tempfile::tempdir().unwrap();
    let sessions = data.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    std::fs::write(
        sessions.join("old.json"),
        r#"{"format": "triage-session-1", "session": {"tree_id": "azure-vm-backup", "lang": "en",
            "started": "2026-01-01T00:00:00Z", "ended": null, "steps": [], "current": "start",
            "trail": []}}"#,
    )
    .unwrap();
    let out = common::triage()
        .env("TRIAGE_DATA_DIR", data.path())
        .args(["resume", "--plain"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("What were you doing"));
}

/// A session opened from a file whose tree has the id of a known tree (here the built-in one)
/// resumes in that file's tree, not in the known one.
#[test]
fn the_saved_file_comes_before_a_known_tree_with_the_same_id() {
    let dir = tempfile::tempdir().unwrap();
    let src = triage::tree::EMBEDDED_SOURCE;
    let first = "What were you doing when the problem appeared?";
    assert!(src.contains(first));
    std::fs::write(
        dir.path().join("mine.ron"),
        src.replacen(first, "MODIFIED FIRST QUESTION?", 1),
    )
    .unwrap();
    let triage = || {
        let mut c = common::triage();
        c.env("TRIAGE_DATA_DIR", dir.path().join("data"))
            .current_dir(dir.path());
        c
    };
    // An answer, and back to the first question (a run where nothing was done is not kept).
    let out = triage()
        .args(["--plain", "--tree", "mine.ron"])
        .write_stdin("1\nb\nq\n")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("MODIFIED FIRST QUESTION?"));
    let out = triage()
        .args(["resume", "--plain"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(text.contains("MODIFIED FIRST QUESTION?"), "{text}");
}

/// `resume` of a practice run on a tree file names the command that practises the same rounds:
/// the same file, count and seed.
#[test]
fn a_practice_run_names_its_tree_count_and_seed() {
    let dir = tempfile::tempdir().unwrap();
    let src = triage::tree::EMBEDDED_SOURCE.replacen("id: \"azure-vm-backup\"", "id: \"mine\"", 1);
    std::fs::write(dir.path().join("mine.ron"), src).unwrap();
    let triage = || {
        let mut c = common::triage();
        c.env("TRIAGE_DATA_DIR", dir.path().join("data"))
            .current_dir(dir.path());
        c
    };
    let out = triage()
        .args([
            "--tree", "mine.ron", "practice", "--count", "3", "--seed", "42", "--plain",
        ])
        .write_stdin("q\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = triage().args(["resume"]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let file = dir.path().join("mine.ron");
    assert!(
        err.contains(&format!(
            "triage --tree {} practice --count 3 --seed 42",
            file.display()
        )),
        "{err}"
    );
}

/// Values given to the placeholders are kept with the session: `resume` shows the fix's commands
/// filled in as they were.
#[test]
fn resume_keeps_the_values_of_the_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let triage = || {
        let mut c = common::triage();
        c.env("TRIAGE_DATA_DIR", dir.path().join("data"));
        c
    };
    triage()
        .args(["--plain"])
        .write_stdin("/backup-01\n1\nVMName=vm-kept\nq\n")
        .assert()
        .success();
    let out = triage()
        .args(["resume", "--plain"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(r#"-Name "vm-kept""#), "{text}");
}

/// A run where nothing was done (quit at the first question, `triage | head -1`) is not kept:
/// `resume` then reopens the last real session, not an empty one.
#[test]
fn a_run_where_nothing_was_done_is_not_kept() {
    let s = Setup::new();
    let (file, before) = s.session();
    s.triage()
        .args(["--plain", "--tree", "trees/mini.ron"])
        .write_stdin("q\n")
        .assert()
        .success();
    assert_eq!(s.session(), (file, before));
    let out = s.resume("q\n");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Second question?"));
}
