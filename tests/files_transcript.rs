//! `--transcript FILE` writes where FILE leads: through a symlink, into a pipe.

mod common;
use common::triage;

/// The wizard in plain mode, quit at once, with its transcript sent to `file`.
fn quit_with_transcript(dir: &std::path::Path, file: &str) -> std::process::Output {
    triage()
        .current_dir(dir)
        .env("TRIAGE_DATA_DIR", dir.join("data"))
        .args(["--plain", "--transcript", file])
        .write_stdin("q\n")
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_transcript_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("shared")).unwrap();
    let target = dir.path().join("shared/ticket-123.md");
    std::fs::write(&target, "old text").unwrap();
    let link = dir.path().join("ticket.md");
    std::os::unix::fs::symlink("shared/ticket-123.md", &link).unwrap();

    let out = quit_with_transcript(dir.path(), "ticket.md");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    let md = std::fs::read_to_string(&target).unwrap();
    assert!(md.starts_with("# triage: "), "{md}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_transcript_to_an_open_descriptor_is_written_into_it() {
    // What `--transcript >(cat)` and `--transcript /dev/stdout` name: here stdout, a pipe.
    let dir = tempfile::tempdir().unwrap();
    let out = quit_with_transcript(dir.path(), "/dev/fd/1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("# triage: "), "{stdout}");
}
