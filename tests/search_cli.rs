//! `search` and `eval` end to end through the built binary.

use serde_json::Value;

mod common;
use common::triage;

#[test]
fn search_by_text_prints_ranked_leaves_with_reasons() {
    let out = triage()
        .args([
            "search",
            "Snapshot operation failed due to VSS Writers in bad state",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("backup-19 "), "{text}");
    assert!(first.contains("VSS"), "{text}");
    assert!(text.lines().nth(1).unwrap().contains("message:"), "{text}");
}

#[test]
fn search_reads_stdin_when_no_text_or_dash() {
    let log = "2024-03-02T01:12:44.551Z ERROR VMSnapshotLinux\n\
               Failed to freeze one or more mount-points of the VM\n\
               to take a file-system consistent snapshot\n";
    for args in [vec!["search", "--json"], vec!["search", "--json", "-"]] {
        let out = triage().args(&args).write_stdin(log).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v[0]["id"], "backup-25", "{args:?}: {v}");
    }
}

/// A log longer than the search reads is read by its end, where its newest lines are: the
/// error on its last line is found, and stderr says what was searched.
#[test]
fn a_long_log_on_stdin_is_searched_by_its_end() {
    let mut log: String = (0..3000)
        .map(|i| {
            format!(
                "2026-12-06T03:00:{:02}Z INFO ExtHandler agent heartbeat {i}\n",
                i % 60
            )
        })
        .collect();
    log.push_str("2026-12-06T03:59:59Z ERROR UserErrorVmProvisioningStateFailed\n");
    assert!(log.len() > 2 * triage::search::MAX_QUERY_BYTES);
    let out = triage()
        .args(["search", "--json", "--top", "1"])
        .write_stdin(log)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["id"], "backup-04", "{v}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("only its last 64 KiB"), "{err}");
}

#[test]
fn search_json_shape() {
    let out = triage()
        .args([
            "search",
            "--json",
            "--top",
            "3",
            "ExtensionConfigParsingFailure",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v.as_array().unwrap();
    assert_eq!(hits.len(), 3);
    assert_eq!(hits[0]["id"], "backup-20");
    for h in hits {
        assert!(h["id"].is_string() && h["title"].is_string() && h["why"].is_string());
        assert!(h["score"].is_f64() && h["confident"].is_boolean());
    }
    assert!(hits[0]["score"].as_f64() >= hits[1]["score"].as_f64());
    assert_eq!(hits[0]["confident"], true);
}

#[test]
fn search_in_korean_shows_korean_titles() {
    let out = triage()
        .args([
            "--lang",
            "ko",
            "search",
            "--json",
            "스냅샷",
            "VSS",
            "기록기",
            "오류",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["id"], "backup-19");
    assert!(v[0]["title"].as_str().unwrap().contains("기록기"), "{v}");
}

#[test]
fn weak_matches_are_flagged_and_nothing_exits_1() {
    let out = triage()
        .args(["search", "how do I cook pasta"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    if out.status.success() {
        assert!(text.starts_with("Weak matches only"), "{text}");
    }
    let out = triage().args(["search", "zzqx wwvk"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = triage().args(["search", "   "]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// An error code of the tree's families that the tree does not list is named above the
/// results (and in JSON); a close call shown with one result says how to see the other.
#[test]
fn an_unlisted_code_and_a_close_call_cut_to_one_say_so() {
    let query =
        "UserErrorRpCollectionLimitReached - The Restore Point collection max limit has reached";
    let out = triage()
        .args(["search", "--top", "2", query])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("No fix here lists the code UserErrorRpCollectionLimitReached"),
        "{text}"
    );
    let out = triage()
        .args(["search", "--json", "--top", "2", query])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v[0]["unknown_code"], "UserErrorRpCollectionLimitReached",
        "{v}"
    );
    assert_eq!(v[0]["confident"], false, "{v}");
    assert!(v[1].get("unknown_code").is_none(), "{v}");
    // The code is listed by more than one fix: a close call.
    let out = triage()
        .args(["search", "--top", "1", "ExtensionSnapshotFailedNoNetwork"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Close call"), "{text}");
    assert!(text.lines().next().unwrap().contains("--top 2"), "{text}");
    assert!(!text.contains("compare them below"), "{text}");
}

#[test]
fn search_output_has_no_raw_control_characters() {
    let out = triage()
        .args(["search", "VSS \u{1b}[31mwriters\u{7} bad"])
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
}

fn write_queries(dir: &tempfile::TempDir, json: &str) -> std::path::PathBuf {
    let path = dir.path().join("q.json");
    std::fs::write(&path, json).unwrap();
    path
}

#[test]
fn eval_prints_accuracy_and_exits_by_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_queries(
        &dir,
        r#"[{"query": "VSS writers bad state", "expect": "backup-19", "kind": "exact"},
            {"query": "ExtensionConfigParsingFailure", "expect": ["backup-20"], "kind": "error-code"},
            {"query": "completely unrelated words", "expect": "restore-10", "kind": "symptom"}]"#,
    );
    let out = triage().arg("eval").arg(&path).output().unwrap();
    assert!(out.status.success(), "no thresholds: exit 0");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("overall"), "{text}");
    assert!(text.contains("error-code"), "{text}");
    assert!(text.contains("misses (1)"), "{text}");
    assert!(text.contains("completely unrelated words"), "{text}");

    let out = triage()
        .arg("eval")
        .arg(&path)
        .args(["--min-top1", "0.9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "2 of 3 is below 0.9");
    let out = triage()
        .arg("eval")
        .arg(&path)
        .args(["--min-top1", "0.6", "--min-top3", "0.6", "--top-k", "3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn eval_rejects_unknown_ids_and_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_queries(
        &dir,
        r#"[{"query": "vss", "expect": "no-such-leaf", "kind": "x"}]"#,
    );
    let out = triage().arg("eval").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("no-such-leaf")
    );
    let bad = write_queries(&dir, "{not json");
    let out = triage().arg("eval").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = triage()
        .args(["eval", "/nonexistent/q.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A close call is settled by reading: its first results show the message they are about (or a
/// section's cause), one line each; a clear answer does not.
#[test]
fn a_close_call_shows_what_to_compare() {
    let out = triage()
        .args(["search", "--top", "3", "ExtensionSnapshotFailedNoNetwork"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Close call"), "{text}");
    assert!(
        text.contains("\"Snapshot operation failed due to no network connectivity"),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    // The notice, three results of three lines each (title, why, what to compare), then the
    // question that tells the first two apart and the answer toward each.
    assert_eq!(lines.len(), 1 + 3 * 3 + 3, "{text}");
    let first_two: Vec<&str> = [lines[1], lines[4]]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert!(
        lines[10].starts_with("The question that tells them apart: "),
        "{text}"
    );
    for (line, id) in lines[11..].iter().zip(&first_two) {
        assert!(line.ends_with(&format!("leads to {id}")), "{text}");
    }
    let out = triage()
        .args(["search", "ExtensionFailedVssWriterInBadState"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("\"Snapshot operation failed"), "{text}");
}

/// In JSON, the first hit of a close call carries the question that tells the first two apart
/// and the answer toward each; a clear answer carries none.
#[test]
fn a_close_call_in_json_names_the_question_that_splits_it() {
    let out = triage()
        .args([
            "search",
            "--json",
            "--top",
            "3",
            "ExtensionInstallationFailedMDTC",
        ])
        .output()
        .unwrap();
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["close"], true);
    let split = &hits[0]["split"];
    assert!(
        split["question"].as_str().unwrap().ends_with('?'),
        "{split}"
    );
    for i in 0..2 {
        assert_eq!(split["answers"][i]["leads_to"], hits[i]["id"], "{split}");
        assert!(!split["answers"][i]["answer"].as_str().unwrap().is_empty());
    }
    assert!(hits[1].get("split").is_none());
    let out = triage()
        .args(["search", "--json", "ExtensionFailedVssWriterInBadState"])
        .output()
        .unwrap();
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(hits[0].get("split").is_none(), "{hits}");
}

/// A search about a product the guide does not cover says so and where to read, in text and
/// in JSON; with no result at all it still says so (and exits 1).
#[test]
fn search_names_a_topic_the_guide_does_not_cover() {
    let out = triage()
        .args(["search", "--lang", "en", "MARS agent backup failed"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let first = lines.next().unwrap();
    assert!(first.starts_with("This may be about MARS agent"), "{text}");
    assert!(
        lines
            .next()
            .unwrap()
            .contains("backup-azure-mars-troubleshoot"),
        "{text}"
    );
    assert!(!text.contains("Weak matches"), "{text}");

    let out = triage()
        .args(["search", "--json", "--lang", "ko", "DPM 복제본 불일치"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["confident"], false, "{v}");
    assert!(
        v[0]["not_covered"]["topic"]
            .as_str()
            .unwrap()
            .contains("DPM"),
        "{v}"
    );
    assert!(
        v[0]["not_covered"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://"),
        "{v}"
    );
    assert!(v[1].get("not_covered").is_none(), "{v}");
    assert!(v[0]["not_covered"]["title"].as_str().is_some(), "{v}");
    // No hit to carry it in JSON: the topic goes to stderr, stdout stays a JSON list.
    let out = triage()
        .args(["search", "--json", "--lang", "en", "mabs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v, serde_json::json!([]));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Azure Backup Server"), "{err}");

    let out = triage()
        .args(["search", "--lang", "en", "mabs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Azure Backup Server"), "{text}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.is_empty(), "{err}");
}

/// Bytes piped by mistake (a binary file) are said to be no text, not searched for letters that
/// happen to be in them; a coloured log is text.
#[test]
fn binary_data_on_stdin_is_refused_and_a_coloured_log_is_not() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let bytes: Vec<u8> = (0..3000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let out = triage()
        .args(["search"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary data"));
    let out = triage()
        .args(["search", "--json"])
        .write_stdin("\x1b[31mERROR\x1b[0m VSS writers in bad state\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("backup-19"));
}

/// `--color always`: each result's id bold (its padding not: the columns stay), the "why" dim,
/// and a caution bold yellow; through a pipe, none of it.
#[test]
fn search_color_always_marks_ids_reasons_and_cautions() {
    let run = |args: &[&str]| {
        let out = triage().args(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let sgr_free = |text: &str| {
        text.replace("\x1b[0m", "")
            .replace("\x1b[1;33m", "")
            .replace("\x1b[1;4m", "")
            .replace("\x1b[1m", "")
            .replace("\x1b[2m", "")
    };
    let code = "ExtensionSnapshotFailedNoNetwork";
    let text = run(&["search", "--color", "always", "--top", "2", code]);
    assert!(text.starts_with("\x1b[1;33mClose call"), "{text}");
    assert!(text.contains("\n\x1b[1mbackup-02\x1b[0m    "), "{text}");
    assert!(
        text.contains(&format!("\x1b[2merror code \"{code}\"\x1b[0m\n")),
        "{text}"
    );
    let plain = run(&["search", "--top", "2", code]);
    assert!(!plain.contains('\x1b'), "{plain}");
    assert_eq!(sgr_free(&text), plain);

    let unknown = "UserErrorRpCollectionLimitReached - The Restore Point collection max limit";
    let text = run(&["--color", "always", "search", unknown]);
    assert!(
        text.starts_with("\x1b[1;33mNo fix here lists the code"),
        "{text}"
    );
    let weak = run(&["--color=always", "search", "vm agent stuck"]);
    assert!(weak.starts_with("\x1b[1;33mWeak matches only"), "{weak}");
    let text = run(&["--color", "always", "search", "--json", code]);
    assert!(!text.contains('\x1b'), "{text}");
    let text = run(&["--color", "never", "search", code]);
    assert!(!text.contains('\x1b'), "{text}");
}

/// `--color always`: the words of each title the query matched are bold and underlined, as
/// the search box marks them (stemmed: "snapshots failing" marks "Snapshot fails"; a misspelt
/// word its correction; stop words never); without colour the text is as it was.
#[test]
fn search_color_always_marks_the_words_of_titles_the_query_matched() {
    let run = |args: &[&str]| {
        let out = triage().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let marked = |word: &str| format!("\x1b[1;4m{word}\x1b[0m");
    let text = run(&["search", "--color", "always", "snapshots failing"]);
    let first = text.lines().find(|l| l.contains("backup-24")).unwrap();
    assert!(first.starts_with("\x1b[1mbackup-24\x1b[0m"), "{text}");
    assert!(
        first.ends_with(&format!(
            "{} {} with a COM+ error",
            marked("Snapshot"),
            marked("fails")
        )),
        "{first:?}"
    );
    // The part of a compound that matched, alone.
    assert!(
        text.contains(&format!(
            "VM{} extension {}",
            marked("Snapshot"),
            marked("failed")
        )),
        "{text}"
    );
    let text = run(&["--color=always", "search", "vm agnet is not installed"]);
    let line = format!(
        "{} {} is not {} on the {}",
        marked("VM"),
        marked("agent"),
        marked("installed"),
        marked("VM")
    );
    assert!(text.contains(&line), "{text}");

    // Without colour (a pipe, or `never`), the titles as they were: no code at all.
    for query in ["snapshots failing", "vm agnet is not installed"] {
        let coloured = run(&["search", "--color", "always", query]);
        let plain = run(&["search", query]);
        assert!(!plain.contains('\x1b'), "{plain}");
        assert_eq!(run(&["search", "--color", "never", query]), plain);
        let uncoloured = coloured
            .replace("\x1b[1;4m", "")
            .replace("\x1b[1;33m", "")
            .replace("\x1b[1m", "")
            .replace("\x1b[2m", "")
            .replace("\x1b[0m", "");
        assert_eq!(uncoloured, plain, "{query}");
    }
}
