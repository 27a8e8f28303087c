//! Output that cannot be written: a reader that went away (`| head`) ends every printing command
//! quietly with exit 0, never a panic; the hidden `gen-assets` only writes in the source tree; a
//! data directory that is a file is an error, not an empty history.

mod common;

use common::triage;

/// Runs triage with `args`, its stdout a pipe whose reading end is already closed: every write
/// fails with EPIPE, whatever the timing.
fn into_closed_pipe(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    // As `common::triage()`, which cannot take a pipe of its own as stdout.
    std::process::Command::new(env!("CARGO_BIN_EXE_triage"))
        .env("TRIAGE_CONFIG_DIR", "/nonexistent/triage-test-config")
        .env("TRIAGE_DATA_DIR", "/nonexistent/triage-test-data")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let commands: &[&[&str]] = &[
        &["completions", "bash"],
        &["completions", "zsh"],
        &["completions", "fish"],
        &["completions", "elvish"],
        &["completions", "powershell"],
        &["list"],
        &["list", "--json"],
        &["show", "backup-19"],
        &["show", "backup-19", "--json"],
        &["show", "backup-19", "--path"],
        &["search", "vss", "writer", "timed", "out"],
        &["search", "--json", "vss"],
        &["trees"],
        &["trees", "--json"],
        &["history"],
        &["history", "--json"],
        &["check"],
    ];
    for args in commands {
        let out = into_closed_pipe(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

/// The verdict of `check` is about the files: a closed pipe does not turn a broken tree into a
/// success.
#[test]
fn check_keeps_its_verdict_when_the_pipe_is_closed() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/syntax-error.ron"
    );
    let out = into_closed_pipe(&["check", fixture]);
    assert_eq!(out.status.code(), Some(1));
}

/// Nor does it turn a failed quality gate into a pass (`eval ... | head` in CI).
#[test]
fn eval_keeps_its_verdict_when_the_pipe_is_closed() {
    let queries = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/queries/holdout.json");
    let out = into_closed_pipe(&["eval", queries, "--min-top1", "1.0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("top-1"));
    let out = into_closed_pipe(&["eval", queries, "--min-top1", "0.5"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn gen_assets_outside_the_source_tree_refuses_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A file of the same name as a generated one: it must survive.
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    std::fs::write(dir.path().join("assets/triage.1"), "mine").unwrap();
    let out = triage()
        .current_dir(dir.path())
        .arg("gen-assets")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("triage source tree"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("assets/triage.1")).unwrap(),
        "mine"
    );
    assert!(!dir.path().join("assets/completions").exists());
    assert!(out.stdout.is_empty());
    // Aimed out of the source tree with `..`: refused.
    let out = triage()
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))
        .arg("gen-assets")
        .arg("../..")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Run from the source tree, but aimed elsewhere: refused too.
    let out = triage()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("gen-assets")
        .arg(dir.path().join("assets"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("assets/triage.1")).unwrap(),
        "mine"
    );
}

#[test]
fn a_data_dir_that_is_a_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("datafile");
    std::fs::write(&file, "x").unwrap();
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["resume", "--plain"],
    ] {
        let out = triage()
            .env("TRIAGE_DATA_DIR", &file)
            .args(args)
            .write_stdin("q\n")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "the data directory {} is not a directory",
                file.display()
            )),
            "{args:?}: {err}"
        );
        assert!(!String::from_utf8_lossy(&out.stdout).contains("no sessions yet"));
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

/// A FIFO and a link to /dev/zero named like session files are skipped with the usual warning,
/// without being opened (opening the FIFO would wait for a writer forever).
#[cfg(unix)]
#[test]
fn special_files_in_the_sessions_dir_are_skipped() {
    let data = tempfile::tempdir().unwrap();
    let sessions = data.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    std::os::unix::fs::symlink("/dev/zero", sessions.join("zero.json")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(sessions.join("x.json"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo (coreutils) failed");
    let out = triage()
        .env("TRIAGE_DATA_DIR", data.path())
        .arg("history")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("skipped") && err.contains("x.json: not a regular file"),
        "{err}"
    );
    assert!(err.contains("zero.json: not a regular file"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("no sessions yet"));
}
