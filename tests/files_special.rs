//! Files that are no regular file (FIFOs, devices, directories) where triage reads a tree, the
//! config or a query file: a clear error naming the file, never a hang or an endless read.

mod common;
use common::triage;
use std::path::{Path, PathBuf};

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo (coreutils) failed");
}

/// A FIFO at `path` with a writer waiting to send `text`: reading the FIFO (the bug) ends with
/// that text instead of blocking forever. Call [`release`] once triage has exited.
fn fifo_with_writer(path: &Path, text: &'static str) -> std::thread::JoinHandle<()> {
    mkfifo(path);
    let path = path.to_path_buf();
    std::thread::spawn(move || std::fs::write(path, text).unwrap())
}

/// Takes the waiting writer's text, so its thread ends: only once the FIFO is known unread.
fn release(path: &PathBuf, writer: std::thread::JoinHandle<()>) {
    let _ = std::fs::read(path);
    writer.join().unwrap();
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn check_refuses_a_device_by_name() {
    let out = triage().args(["check", "/dev/null"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("/dev/null: error: cannot read the file: it is not a regular file"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn trees_reports_a_fifo_in_the_trees_folder_and_lists_the_rest() {
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir(config.path().join("trees")).unwrap();
    let fifo = config.path().join("trees/pipe.ron");
    let writer = fifo_with_writer(&fifo, triage::tree::EMBEDDED_SOURCE);
    let out = triage()
        .env("TRIAGE_CONFIG_DIR", config.path())
        .arg("trees")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}: error: cannot read the file: it is not a regular file",
            fifo.display()
        )),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("azure-vm-backup"));
    release(&fifo, writer);
}

#[cfg(unix)]
#[test]
fn a_fifo_config_file_is_a_warning_naming_it() {
    let config = tempfile::tempdir().unwrap();
    let fifo = config.path().join("config.ron");
    let writer = fifo_with_writer(&fifo, "Config()");
    let out = triage()
        .env("TRIAGE_CONFIG_DIR", config.path())
        .arg("list")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}: error: the config file is not a regular file",
            fifo.display()
        )),
        "{err}"
    );
    assert!(err.contains("--no-config"), "{err}");
    // A warning: the run goes on with the defaults.
    assert_eq!(out.status.code(), Some(0), "{err}");
    release(&fifo, writer);
}

#[cfg(unix)]
#[test]
fn eval_refuses_a_fifo_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("q.json");
    let writer = fifo_with_writer(&fifo, "[]");
    let out = triage().arg("eval").arg(&fifo).output().unwrap();
    let err = stderr(&out);
    assert_eq!(
        err,
        format!(
            "triage: cannot read {}: not a regular file\n",
            fifo.display()
        )
    );
    assert_eq!(out.status.code(), Some(2));
    release(&fifo, writer);
}

#[cfg(unix)]
#[test]
fn check_and_tree_refuse_a_fifo_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo1.ron");
    let writer = fifo_with_writer(&fifo, triage::tree::EMBEDDED_SOURCE);
    let shown = format!(
        "{}: error: cannot read the file: it is not a regular file",
        fifo.display()
    );
    let check = triage().arg("check").arg(&fifo).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains(&shown), "{}", stderr(&check));
    let wizard = triage()
        .arg("--tree")
        .arg(&fifo)
        .arg("list")
        .output()
        .unwrap();
    assert!(!wizard.status.success());
    assert!(stderr(&wizard).contains(&shown), "{}", stderr(&wizard));
    release(&fifo, writer);
}
