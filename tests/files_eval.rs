//! `triage eval`: what it accepts in a query file and on its command line.

mod common;
use common::triage;

fn queries(dir: &tempfile::TempDir, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join("q.json");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_query_file_saved_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = queries(
        &dir,
        "\u{feff}[{\"query\": \"VSS writers bad state\", \"expect\": \"backup-19\"}]".as_bytes(),
    );
    let out = triage().arg("eval").arg(&path).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("overall              1"));
}

#[test]
fn an_empty_query_list_fails_with_or_without_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let path = queries(&dir, b"[]");
    for thresholds in [&[][..], &["--min-top1", "0.9", "--min-top3", "1"]] {
        let out = triage()
            .arg("eval")
            .arg(&path)
            .args(thresholds)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{thresholds:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "triage: eval failed: no queries in the file\n"
        );
    }
}

#[test]
fn thresholds_outside_0_to_1_and_top_k_0_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = queries(
        &dir,
        br#"[{"query": "completely unrelated words", "expect": "restore-10"}]"#,
    );
    for (flag, value) in [
        ("--min-top1", "NaN"),
        ("--min-top3", "nan"),
        ("--min-kind-top1", "NaN"),
        ("--min-top1", "1.5"),
        ("--min-top3", "-0.1"),
        ("--min-kind-top1", "inf"),
        ("--top-k", "0"),
    ] {
        let out = triage()
            .arg("eval")
            .arg(&path)
            // One argument: `-0.1` on its own would read as a flag.
            .arg(format!("{flag}={value}"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {err}");
        assert!(
            err.contains(&format!("invalid value '{value}' for '{flag}")),
            "{err}"
        );
    }
    // The bounds themselves are accepted.
    let out = triage()
        .arg("eval")
        .arg(&path)
        .args([
            "--min-top1",
            "0",
            "--min-top3",
            "0",
            "--min-kind-top1",
            "0",
            "--top-k",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}
