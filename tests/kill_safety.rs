//! Killing the process at any moment (SIGKILL: no cleanup at all) never leaves a torn history
//! file or transcript: files are replaced whole (temporary file, then rename).

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

fn answers_to(id: &str) -> Vec<String> {
    triage::tree::embedded()
        .path_to(id)
        .unwrap()
        .into_iter()
        .map(|(_, a)| format!("{}\n", a + 1))
        .collect()
}

#[test]
fn sigkill_mid_session_leaves_only_whole_files() {
    let config = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let transcript = data.path().join("ticket.md");
    // A finished session first: its transcript and history must survive later kills intact.
    let mut first = Command::new(env!("CARGO_BIN_EXE_triage"))
        .args(["--plain", "--transcript"])
        .arg(&transcript)
        .env("TRIAGE_CONFIG_DIR", config.path())
        .env("TRIAGE_DATA_DIR", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = first.stdin.take().unwrap();
    for line in answers_to("backup-19") {
        input.write_all(line.as_bytes()).unwrap();
    }
    input.write_all(b"q\n").unwrap();
    drop(input);
    assert!(first.wait().unwrap().success());
    let transcript_before = std::fs::read(&transcript).unwrap();
    assert!(String::from_utf8_lossy(&transcript_before).contains("backup-19"));

    let path = answers_to("backup-26");
    for round in 0..24u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_triage"))
            .args(["--plain", "--transcript"])
            .arg(&transcript)
            .env("TRIAGE_CONFIG_DIR", config.path())
            .env("TRIAGE_DATA_DIR", data.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let saved = count_sessions(data.path());
        let mut input = child.stdin.take().unwrap();
        // Answer a varying number of questions, then kill at a varying moment.
        let answers = if round % 2 == 0 {
            1
        } else {
            (round % (path.len() as u64 + 1)) as usize
        };
        for line in path.iter().take(answers) {
            let _ = input.write_all(line.as_bytes());
            let _ = input.flush();
            std::thread::sleep(Duration::from_millis(round % 3));
        }
        if round % 2 == 0 {
            // Half the rounds wait until the session has saved itself once, then keep answering
            // while it is killed: a kill during a later save must not tear the file.
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            while count_sessions(data.path()) <= saved && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(2));
            }
            for line in &path {
                let _ = input.write_all(line.as_bytes());
            }
        }
        std::thread::sleep(Duration::from_millis((round * 7) % 23));
        child.kill().unwrap();
        child.wait().unwrap();
    }

    let (entries, skipped) = triage::history::load_all(data.path());
    assert!(skipped.is_empty(), "torn history files: {skipped:?}");
    // The finished session and the twelve that were killed after saving themselves.
    assert!(entries.len() >= 13, "only {} sessions kept", entries.len());
    assert!(
        entries
            .iter()
            .any(|e| e.record.session.current == "backup-19")
    );
    // The transcript is the finished one, whole: killed sessions never wrote half of it.
    assert_eq!(std::fs::read(&transcript).unwrap(), transcript_before);
}

fn count_sessions(data: &std::path::Path) -> usize {
    std::fs::read_dir(data.join("sessions"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .count()
        })
        .unwrap_or(0)
}
