//! Issue 6 end to end: history, resume, transcripts, practice, config, trees, completions. Every
//! test points the config and data directories at temporary ones (never the tester's home).

use assert_cmd::Command;
use std::path::Path;

fn triage(config: &Path, data: &Path) -> Command {
    let mut c = Command::cargo_bin("triage").unwrap();
    c.env("TRIAGE_CONFIG_DIR", config)
        .env("TRIAGE_DATA_DIR", data)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

fn answers_to(id: &str) -> String {
    triage::tree::embedded()
        .path_to(id)
        .unwrap()
        .into_iter()
        .map(|(_, a)| format!("{}\n", a + 1))
        .collect()
}

/// A plain session that walks to backup-19 and quits there (saved in the history).
fn walk_to_backup_19(config: &std::path::Path, data: &std::path::Path) {
    let out = triage(config, data)
        .arg("--plain")
        .write_stdin(answers_to("backup-19") + "q\n")
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn history_round_trip_and_resume_where_it_stopped() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    walk_to_backup_19(config.path(), data.path());
    let out = triage(config.path(), data.path())
        .args(["history", "--json"])
        .output()
        .unwrap();
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), 1);
    let session = &items[0]["session"];
    assert_eq!(session["current"], "backup-19");
    assert_eq!(session["tree_id"], "azure-vm-backup");
    assert!(session["ended"].is_string());
    assert_eq!(items[0]["n"], 1);

    let text = triage(config.path(), data.path())
        .arg("history")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("  1  ") && text.contains("backup-19"),
        "{text}"
    );

    // Resume opens the leaf the session stopped on.
    let out = triage(config.path(), data.path())
        .args(["resume", "--plain"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("vssadmin list writers")
    );
    // A session that does not exist is a usage error.
    let out = triage(config.path(), data.path())
        .args(["resume", "9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn corrupt_history_files_are_reported_skipped_and_kept() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    triage(config.path(), data.path())
        .arg("--plain")
        .write_stdin("1\nq\n")
        .assert()
        .success();
    let sessions = data.path().join("sessions");
    std::fs::write(
        sessions.join("broken.json"),
        b"{\"format\": \"triage-session-1\", \"sess",
    )
    .unwrap();
    std::fs::write(sessions.join("foreign.json"), b"[1, 2, 3]").unwrap();
    let out = triage(config.path(), data.path())
        .arg("history")
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("skipped").count(), 2, "{err}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    // Another session does not touch the foreign files.
    triage(config.path(), data.path())
        .arg("--plain")
        .write_stdin("q\n")
        .assert()
        .success();
    assert_eq!(
        std::fs::read(sessions.join("foreign.json")).unwrap(),
        b"[1, 2, 3]"
    );
}

#[test]
fn an_unwritable_data_dir_is_a_warning_and_the_wizard_still_works() {
    let config = tempfile::tempdir().unwrap();
    let blocker = tempfile::NamedTempFile::new().unwrap();
    // A regular file where the data directory should be: nothing can be created under it.
    let out = triage(config.path(), blocker.path())
        .arg("--plain")
        .write_stdin(answers_to("jobs-01") + "q\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("jobs-01"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("history not saved"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn transcript_holds_questions_answers_fix_and_commands() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = data.path().join("ticket.md");
    triage(config.path(), data.path())
        .args(["--plain", "--transcript"])
        .arg(&file)
        .write_stdin(answers_to("backup-25") + "q\n")
        .assert()
        .success();
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(
        md.starts_with("# triage: Azure VM backup troubleshooting"),
        "{md}"
    );
    assert!(
        md.contains("What were you doing when the problem appeared? **"),
        "{md}"
    );
    assert!(md.contains("reached `backup-25`"), "{md}");
    assert!(md.contains("## Fix: `backup-25`"), "{md}");
    assert!(
        md.contains("```bash\n   tune2fs -l /dev/sdb1 | grep \"Filesystem state\"\n   ```"),
        "{md}"
    );
    assert!(md.contains("- started: ") && md.contains("- ended: "));
}

#[test]
fn practice_with_a_fixed_seed_is_scored_and_kept_in_history() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let tree = triage::tree::embedded();
    let targets = triage::practice::pick_targets(&tree, 2, 7);
    // Round 1 answered right, round 2 wrong (the first answer all the way down).
    let mut input = answers_to(&targets[0]);
    input.push('\n');
    let mut wrong = String::new();
    let mut at = tree.start.clone();
    while let Some(q) = tree.question(&at) {
        let a = if at == tree.start {
            // Pick a first answer that cannot reach the second target.
            (0..q.answers.len())
                .find(|i| {
                    let next = &q.answers[*i].next;
                    next != &targets[1]
                        && !triage::tree::validate::reachable_from(&tree, next)
                            .contains(targets[1].as_str())
                })
                .unwrap()
        } else {
            0
        };
        wrong.push_str(&format!("{}\n", a + 1));
        at = q.answers[a].next.clone();
    }
    input.push_str(&wrong);
    input.push_str("\nq\n");
    let transcript = data.path().join("practice.md");
    let out = triage(config.path(), data.path())
        .args(["practice", "--seed", "7", "--count", "2", "--plain"])
        .arg("--transcript")
        .arg(&transcript)
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    // The transcript is a practice record: the rounds and the score, not the last fix reached.
    let md = std::fs::read_to_string(&transcript).unwrap();
    assert!(md.contains("## Practice: 1/2 (seed 7)"), "{md}");
    // Round by round: its heading, then what was done, then its result.
    for (i, (target, mark)) in targets.iter().zip(["ok", "miss"]).enumerate() {
        let heading = format!("## Round {}/2: `{target}`", i + 1);
        let result = format!("**{mark}** `{target}`");
        let (h, r) = (md.find(&heading), md.find(&result));
        assert!(h.is_some() && r.is_some() && h < r, "{md}");
    }
    assert!(!md.contains("## Fix"), "{md}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[Practice 1/2] Error message: "), "{text}");
    // Ids stay hidden while walking: the first verdict is the first place the target's id shows.
    let first_id = text.find(&targets[0]).unwrap();
    assert!(
        first_id > text.find("Correct: this is the fix").unwrap(),
        "{text}"
    );
    assert!(text.contains("Correct: this is the fix"), "{text}");
    assert!(text.contains("Not this one."), "{text}");
    assert!(text.contains("Where you went another way"), "{text}");
    // At the wrong turn: the answer given and the one toward the fix, by their labels.
    let start = tree.question(&tree.start).unwrap();
    let right = tree.path_to(&targets[1]).unwrap()[0].1;
    assert!(
        text.contains(&format!(
            "Toward the fix: {}",
            start.answers[right].label.en
        )),
        "{text}"
    );
    assert!(text.contains("You answered: "), "{text}");
    assert!(text.contains("Score: 1/2"), "{text}");
    let out = triage(config.path(), data.path())
        .args(["history", "--json"])
        .output()
        .unwrap();
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items[0]["practice"]["seed"], 7);
    // Listed as a practice run with its score, not as an incident stopped at a question.
    let out = triage(config.path(), data.path())
        .args(["history"])
        .output()
        .unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    let first = listed.lines().next().unwrap();
    assert!(first.ends_with("practice run: 1 of 2 right"), "{listed}");
    assert!(!first.contains(" at: "), "{listed}");
    assert_eq!(items[0]["practice"]["rounds"].as_array().unwrap().len(), 2);
    assert_eq!(items[0]["practice"]["rounds"][0]["correct"], true);
    // A practice run is not resumed as a triage: the same seed practises it again.
    let before = std::fs::read_dir(data.path().join("sessions"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    let out = triage(config.path(), data.path())
        .args(["resume", "--plain"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is a practice run (score 1/2)"), "{err}");
    assert!(err.contains("triage practice --count 2 --seed 7"), "{err}");
    // Nothing but practice runs: said first.
    assert!(
        err.starts_with("triage: no session to resume: the history holds practice runs only"),
        "{err}"
    );
    let out = triage(config.path(), data.path())
        .args(["resume", "1", "--plain"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("no session to resume"), "{err}");
    let after = std::fs::read_dir(data.path().join("sessions"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(before, after, "the practice record is untouched");
}

/// Plain answers that leave the way to `target` at the first question (then the first answer
/// all the way down): a round missed.
fn answers_away_from(target: &str) -> String {
    let tree = triage::tree::embedded();
    let mut out = String::new();
    let mut at = tree.start.clone();
    while let Some(q) = tree.question(&at) {
        let a = if at == tree.start {
            (0..q.answers.len())
                .find(|i| {
                    let next = &q.answers[*i].next;
                    next != target
                        && !triage::tree::validate::reachable_from(&tree, next).contains(target)
                })
                .unwrap()
        } else {
            0
        };
        out.push_str(&format!("{}\n", a + 1));
        at = q.answers[a].next.clone();
    }
    out
}

/// The fixes a history entry's session reached, in order.
fn reached(item: &serde_json::Value) -> Vec<String> {
    item["session"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|step| step["kind"] == "reached")
        .map(|step| step["leaf"].as_str().unwrap().to_string())
        .collect()
}

/// `r` on the score retries the rounds not right: a run of its own in the history (listed,
/// with its rounds and what it retried), `resume` refusing it as any practice run and naming
/// the run it retried, the transcript holding both runs in turn.
#[test]
fn a_retry_is_a_practice_run_of_its_own_in_history_resume_and_the_transcript() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let targets = triage::practice::pick_targets(&triage::tree::embedded(), 3, 7);
    // Rounds 1 and 3 missed, 2 right; then the score, `r`, both retried rounds right, the
    // retry's score, `r` again (nothing left), q.
    let input = [
        answers_away_from(&targets[0]),
        "\n".into(),
        answers_to(&targets[1]),
        "\n".into(),
        answers_away_from(&targets[2]),
        "\n".into(),
        "r\n".into(),
        answers_to(&targets[0]),
        "\n".into(),
        answers_to(&targets[2]),
        "\n".into(),
        "r\n".into(),
        "q\n".into(),
    ]
    .concat();
    let transcript = data.path().join("practice.md");
    let out = triage(config.path(), data.path())
        .args(["practice", "--seed", "7", "--count", "3", "--plain"])
        .arg("--transcript")
        .arg(&transcript)
        .write_stdin(input)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    let s = &triage::i18n::EN;
    let retrying = text
        .find("Retry: the 2 rounds not right, scored afresh")
        .expect("r on the first score");
    assert!(text.find("Score: 1/3").unwrap() < retrying, "{text}");
    assert!(
        text[retrying..].contains("[Practice 1/2] Error message: "),
        "{text}"
    );
    assert!(text.contains("Score: 2/2 (retry)"), "{text}");
    assert!(text.contains(s.practice_nothing_to_retry), "{text}");
    assert!(
        text.trim_end().ends_with("Score: 2/2 (retry of seed 7)"),
        "{text}"
    );

    let out = triage(config.path(), data.path())
        .args(["history"])
        .output()
        .unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert!(
        lines[0].ends_with("practice retry: 2 of 2 right"),
        "{listed}"
    );
    assert!(lines[1].ends_with("practice run: 1 of 3 right"), "{listed}");
    let out = triage(config.path(), data.path())
        .args(["history", "--json"])
        .output()
        .unwrap();
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let (retry, first) = (&items[0], &items[1]);
    assert_eq!(
        retry["practice"]["retry"]["targets"],
        serde_json::json!([targets[0], targets[2]])
    );
    assert_eq!(retry["practice"]["retry"]["count"], 3);
    assert_eq!(retry["practice"]["count"], 2);
    assert!(first["practice"].get("retry").is_none(), "{first}");
    // Each run's own steps: the first's three rounds, the retry's two.
    assert_eq!(reached(retry), [targets[0].clone(), targets[2].clone()]);
    let first_reached = reached(first);
    assert_eq!(first_reached.len(), 3);
    assert_eq!(first_reached[1], targets[1]);
    assert!(first["session"]["ended"].is_string() && retry["session"]["ended"].is_string());

    // Neither is resumed; each names the command that practises its rounds.
    for (n, said) in [
        (1, "is a practice retry (score 2/2)"),
        (2, "is a practice run (score 1/3)"),
    ] {
        let out = triage(config.path(), data.path())
            .args(["resume", &n.to_string(), "--plain"])
            .write_stdin("q\n")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(said), "{err}");
        assert!(err.contains("triage practice --count 3 --seed 7"), "{err}");
    }

    // The transcript: the first run whole, then the retry whole.
    let md = std::fs::read_to_string(&transcript).unwrap();
    let first_score = md.find("## Practice: 1/3 (seed 7)").expect("the first run");
    let retry_score = md
        .find("## Practice: 2/2 (retry of seed 7)")
        .expect("the retry");
    assert!(first_score < retry_score, "{md}");
    for (i, target) in [&targets[0], &targets[2]].into_iter().enumerate() {
        let heading = md.find(&format!("## Round {}/2: `{target}`", i + 1));
        assert!(
            heading.is_some_and(|h| first_score < h && h < retry_score),
            "{md}"
        );
    }
}

/// A typo in the config must not lock an on-call engineer out: said once, then the defaults.
#[test]
fn a_broken_config_is_a_clear_warning_and_no_config_silences_it() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::write(
        config.path().join("config.ron"),
        "Config(\n    lang: kr,\n)\n",
    )
    .unwrap();
    let out = triage(config.path(), data.path())
        .arg("list")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("config.ron:2:11"), "{err}");
    assert!(err.contains("--no-config"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("backup-19"));
    let out = triage(config.path(), data.path())
        .args(["--no-config", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn config_sets_the_default_language() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::write(config.path().join("config.ron"), "Config(lang: ko)").unwrap();
    let out = triage(config.path(), data.path())
        .args(["show", "jobs-01"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("원인"));
    let out = triage(config.path(), data.path())
        .args(["show", "jobs-01", "--lang", "en"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("Cause"));
}

#[test]
fn user_trees_are_listed_and_picked_by_id() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let trees = config.path().join("trees");
    std::fs::create_dir_all(&trees).unwrap();
    std::fs::write(
        trees.join("tiny.ron"),
        r#"Tree(id: "tiny", title: (en: "Tiny", ko: "작은"), start: "s",
            nodes: { "s": Question(text: (en: "Q", ko: "질문"), answers: [(label: (en: "A", ko: "가"), next: "fix")]),
                     "fix": Leaf(title: (en: "The fix", ko: "해결"), cause: (en: "c", ko: "원인"), steps: [(en: "do", ko: "하기")]) })"#,
    )
    .unwrap();
    std::fs::write(trees.join("broken.ron"), "Tree(").unwrap();
    let out = triage(config.path(), data.path())
        .arg("trees")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("azure-vm-backup") && text.contains("(embedded)"),
        "{text}"
    );
    assert!(text.contains("tiny") && text.contains("tiny.ron"), "{text}");
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("broken.ron:1:")
    );
    let out = triage(config.path(), data.path())
        .args(["--tree", "tiny", "list"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "fix  The fix"
    );
}

#[test]
fn completions_are_generated_for_each_shell() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (shell, marker) in [
        ("bash", "_triage()"),
        ("zsh", "#compdef triage"),
        ("fish", "complete -c triage"),
    ] {
        let out = triage(config.path(), data.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(marker), "{shell}");
        assert!(
            text.contains("practice") && text.contains("history"),
            "{shell}"
        );
    }
}

#[test]
fn generated_assets_are_up_to_date() {
    for (name, content) in triage::cli::assets::files() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(&name);
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == content,
            "assets/{name} is stale: run `cargo run -- gen-assets` and commit it"
        );
    }
}

/// The history's sessions, newest first.
fn history_json(config: &Path, data: &Path) -> Vec<serde_json::Value> {
    let out = triage(config, data)
        .args(["history", "--json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Ctrl-C (SIGINT), a dropped SSH connection (SIGHUP) and SIGTERM end plain mode as they end the
/// full-screen wizard: transcript written, session ended, exit 128 + the signal's number.
#[test]
fn plain_mode_ends_cleanly_on_sigint_sighup_and_sigterm() {
    use std::io::Write;
    for (signal, code) in [("INT", 130), ("HUP", 129), ("TERM", 143)] {
        let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let file = data.path().join("tc.md");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_triage"))
            .args(["--plain", "--transcript"])
            .arg(&file)
            .env("TRIAGE_CONFIG_DIR", config.path())
            .env("TRIAGE_DATA_DIR", data.path())
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Input stays open: the wizard waits for the next line when the signal comes.
        let mut input = child.stdin.take().unwrap();
        input.write_all(b"2\n").unwrap();
        input.flush().unwrap();
        let sessions = data.path().join("sessions");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::fs::read_dir(&sessions).map_or(0, |d| d.count()) == 0 {
            assert!(std::time::Instant::now() < deadline, "never saved");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
        let out = child.wait_with_output().unwrap();
        drop(input);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "SIG{signal}: {err}");
        assert!(err.contains("Transcript written to"), "SIG{signal}: {err}");
        let md = std::fs::read_to_string(&file).unwrap();
        assert!(
            md.contains("**A backup failed (scheduled or on demand)**"),
            "SIG{signal}: {md}"
        );
        assert!(md.contains("- ended: "), "SIG{signal}: {md}");
        let items = history_json(config.path(), data.path());
        assert_eq!(items.len(), 1);
        assert!(items[0]["session"]["ended"].is_string(), "SIG{signal}");
    }
}

/// A resumed session goes on in its own history entry, and its transcript has the answers given
/// before it was resumed, then where it was resumed.
#[test]
fn a_resumed_session_keeps_its_answers_and_its_history_entry() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // Quit on the question after "Restoring a VM".
    triage(config.path(), data.path())
        .arg("--plain")
        .write_stdin("3\nq\n")
        .assert()
        .success();
    let t2 = data.path().join("t2.md");
    triage(config.path(), data.path())
        .args(["resume", "--plain", "--transcript"])
        .arg(&t2)
        .write_stdin("q\n")
        .assert()
        .success();
    let md = std::fs::read_to_string(&t2).unwrap();
    assert!(!md.contains("(no answers yet)"), "{md}");
    assert!(
        md.contains("1. What were you doing when the problem appeared? **Restoring a VM**"),
        "{md}"
    );
    assert!(md.contains("2. resumed at `"), "{md}");
    // Where it resumed reads as the question, not only its id.
    let resumed = md.lines().find(|l| l.starts_with("2. resumed at")).unwrap();
    assert!(resumed.contains("` What "), "{resumed}");
    let items = history_json(config.path(), data.path());
    assert_eq!(items.len(), 1, "resume goes on in the same entry");
    let steps = items[0]["session"]["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert_eq!(steps[1]["kind"], "resumed");

    // Resumed again, on to a fix: the transcript has every answer, each resumption, the fix once.
    let rest: String = answers_to("restore-09")
        .lines()
        .skip(1)
        .map(|l| format!("{l}\n"))
        .collect();
    triage(config.path(), data.path())
        .args(["resume", "--plain"])
        .write_stdin(rest + "q\n")
        .assert()
        .success();
    let t3 = data.path().join("t3.md");
    triage(config.path(), data.path())
        .args(["resume", "--plain", "--transcript"])
        .arg(&t3)
        .write_stdin("q\n")
        .assert()
        .success();
    let md = std::fs::read_to_string(&t3).unwrap();
    let path = triage::tree::embedded()
        .path_to("restore-09")
        .unwrap()
        .len();
    let steps = &md[md.find("## Session").unwrap()..md.find("## Fix").unwrap()];
    assert_eq!(
        steps.lines().filter(|l| l.ends_with("**")).count(),
        path,
        "every answer on the way, once: {md}"
    );
    assert_eq!(md.matches("reached `restore-09`").count(), 1, "{md}");
    assert_eq!(md.matches("resumed at `").count(), 3, "{md}");
    assert!(md.contains("resumed at `restore-09`"), "{md}");
    assert!(md.contains("## Fix: `restore-09`"), "{md}");
    let items = history_json(config.path(), data.path());
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["session"]["current"], "restore-09");
    let text = triage(config.path(), data.path())
        .arg("history")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains(&format!("{path} answers  restore-09")),
        "{text}"
    );
}

/// Quitting a plain practice run early prints the score of the rounds played, as the full-screen
/// wizard does.
#[test]
fn plain_practice_quit_early_prints_the_score() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let out = triage(config.path(), data.path())
        .args(["practice", "--count", "2", "--seed", "1", "--plain"])
        .write_stdin("1\n1\n\n2\nq\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let score = text
        .lines()
        .find(|l| l.starts_with("Score: "))
        .unwrap_or("");
    // It says that the run was ended early, and how far it went.
    assert!(
        score.ends_with("(ended after 1 of 2 rounds, seed 1)"),
        "{text}"
    );
    // End of input instead of `q`: the same.
    let out = triage(config.path(), data.path())
        .args(["practice", "--count", "2", "--seed", "1", "--plain"])
        .write_stdin("1\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Score: 0/0 (ended after 0 of 2 rounds, seed 1)"),
        "{text}"
    );
    // `triage history` lists both runs as ended early, as their scores said.
    for (lang, first, second) in [
        (
            "en",
            "practice run: 0 of 0 right, ended after 0 of 2 rounds",
            "practice run: 0 of 1 right, ended after 1 of 2 rounds",
        ),
        (
            "ko",
            "연습: 0문제 중 0개 정답, 2문제 중 0문제 풀고 끝냄",
            "연습: 1문제 중 0개 정답, 2문제 중 1문제 풀고 끝냄",
        ),
    ] {
        let out = triage(config.path(), data.path())
            .args(["history", "--lang", lang])
            .output()
            .unwrap();
        let listed = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = listed.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(lines.iter().any(|l| l.ends_with(first)), "{listed}");
        assert!(lines.iter().any(|l| l.ends_with(second)), "{listed}");
    }
}

/// A plain practice run played to its score ends with the score's line and the seed that plays
/// the same rounds again.
#[test]
fn plain_practice_played_to_the_end_says_its_seed() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let out = triage(config.path(), data.path())
        .args(["practice", "--count", "1", "--seed", "5", "--plain"])
        .write_stdin("1\n1\n1\n1\n1\n1\n\n\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let last = text.lines().last().unwrap_or("");
    assert!(
        last.starts_with("Score: ") && last.ends_with("(seed 5)"),
        "{text}"
    );
    assert!(text.ends_with('\n'), "{text}");
}

/// `history` shows where a session ended (what `resume` reopens), not a fix it left since.
#[test]
fn history_shows_where_the_session_ended() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    triage(config.path(), data.path())
        .arg("--plain")
        .write_stdin(answers_to("backup-02") + "r\n3\nq\n")
        .assert()
        .success();
    let text = triage(config.path(), data.path())
        .arg("history")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let tree = triage::tree::embedded();
    let restore = &tree.question(&tree.start).unwrap().answers[2].next;
    let question = tree
        .question(restore)
        .unwrap()
        .text
        .get(triage::tree::Lang::En);
    assert!(
        text.contains(&format!("1 answer  at: {question}")),
        "{text}"
    );
    assert!(!text.contains("backup-02"), "{text}");
}

/// A session that only searched (nothing answered, no result opened) is listed by what it
/// looked for, not as "0 answers at" the first question.
#[test]
fn history_names_the_search_of_a_session_that_only_searched() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    triage(config.path(), data.path())
        .arg("--plain")
        .write_stdin("/UserErrorFsFreezeFailed\n\nq\n")
        .assert()
        .success();
    let text = triage(config.path(), data.path())
        .arg("history")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.trim_end()
            .ends_with("searched: UserErrorFsFreezeFailed"),
        "{text}"
    );
    assert!(!text.contains("0 answers"), "{text}");
}

#[test]
fn transcript_keeps_a_space_before_from_search() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = data.path().join("ticket.md");
    triage(config.path(), data.path())
        .args(["--plain", "--transcript"])
        .arg(&file)
        .write_stdin("/VSS Writers in bad state\n1\nq\n")
        .assert()
        .success();
    let md = std::fs::read_to_string(&file).unwrap();
    let title = triage::tree::embedded()
        .leaf("backup-19")
        .unwrap()
        .title
        .get(triage::tree::Lang::En)
        .to_string();
    assert!(
        md.contains(&format!("reached `backup-19` {title} (from search)\n")),
        "{md}"
    );
}

/// Plain mode has no Esc key: when nothing matches, it says how to get back to the questions
/// there (an empty line), in both languages.
#[test]
fn plain_search_with_no_match_says_an_empty_line_goes_back() {
    for (lang, back) in [("en", "an empty line"), ("ko", "빈 줄")] {
        let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let out = triage(config.path(), data.path())
            .args(["--plain", "--lang", lang])
            .write_stdin("/zzqx qqzv\n\nq\n")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        let line = text
            .lines()
            .find(|l| l.contains(back) && !l.contains("(") && !l.contains(":"))
            .unwrap_or_else(|| panic!("no 'nothing matches' line in {lang}:\n{text}"));
        assert!(!line.contains("Esc"), "{line}");
    }
}

/// A tree whose fixes quote no error message gives practice nothing to ask: it says so and
/// ends, instead of a run scored 0/0.
#[test]
fn practice_on_a_tree_without_error_messages_says_so() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let tree = config.path().join("plain.ron");
    std::fs::write(
        &tree,
        r#"Tree(id: "no-errors", title: (en: "T", ko: "트"), start: "s",
  nodes: {
    "s": Question(text: (en: "Q?", ko: "질문?"), answers: [(label: (en: "A", ko: "가"), next: "fix")]),
    "fix": Leaf(title: (en: "Fix", ko: "해결"), cause: (en: "c", ko: "원인"), steps: [(en: "do", ko: "하기")]) })"#,
    )
    .unwrap();
    let out = triage(config.path(), data.path())
        .arg("--tree")
        .arg(&tree)
        .args(["practice", "--plain"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("tree \"no-errors\" has no fix with an error message"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("0/0"));
}

/// Plain practice does not offer search (it is off there): no "0) ... search" line, a prompt
/// without it.
#[test]
fn plain_practice_does_not_offer_search() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let out = triage(config.path(), data.path())
        .args([
            "practice", "--count", "1", "--seed", "1", "--plain", "--lang", "en",
        ])
        .write_stdin("xyz\nq\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let s = triage::i18n::strings(triage::tree::Lang::En);
    assert!(!text.contains(s.none_fits), "{text}");
    assert!(text.contains(s.plain_practice_prompt), "{text}");
    // What it does not understand is answered without search in the list of what to type.
    assert!(text.contains("Not understood: type 1-"), "{text}");
    assert!(!text.contains("(search)"), "{text}");
}

/// The command `resume` gives to practise a run again keeps the run's language when it is not
/// the one `resume` was asked in.
#[test]
fn resume_of_a_korean_practice_run_says_to_practise_it_in_korean() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    triage(config.path(), data.path())
        .args([
            "--lang", "ko", "practice", "--count", "2", "--seed", "9", "--plain",
        ])
        .write_stdin("q\n")
        .assert()
        .success();
    let again = |lang: &str| {
        let out = triage(config.path(), data.path())
            .args(["--lang", lang, "resume"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let en = again("en");
    assert!(
        en.contains("triage --lang ko practice --count 2 --seed 9"),
        "{en}"
    );
    let ko = again("ko");
    assert!(ko.contains("triage practice --count 2 --seed 9"), "{ko}");
}

/// `resume` without N reopens the newest wizard session, past a practice run made since;
/// `resume 1` names the practice run and how to practise it again.
#[test]
fn resume_without_n_skips_practice_runs() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    walk_to_backup_19(config.path(), data.path());
    // History files are named by their start time: the practice run must start later.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let out = triage(config.path(), data.path())
        .args(["practice", "--seed", "7", "--count", "1", "--plain"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = triage(config.path(), data.path())
        .args(["resume", "--plain"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("backup-19"), "{text}");
    let out = triage(config.path(), data.path())
        .args(["resume", "1", "--plain"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a practice run"));
}

/// One round planned is "1 round", not "1 rounds", on quit and in the history; `b` at the first
/// question says there is nothing to go back to (in practice and in the wizard, in both
/// languages) instead of only asking again.
#[test]
fn plain_practice_counts_one_round_and_b_at_the_start_says_why_nothing_happened() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (lang, ended, back) in [
        (
            "en",
            "(ended after 0 of 1 round, seed 1)",
            "Nothing to go back to",
        ),
        (
            "ko",
            "(1문제 중 0문제 풀고 끝냄, 시드 1)",
            "되돌아갈 곳이 없습니다",
        ),
    ] {
        let out = triage(config.path(), data.path())
            .args([
                "--lang", lang, "practice", "--plain", "--count", "1", "--seed", "1",
            ])
            .write_stdin("b\nq\n")
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(ended), "{text}");
        assert_eq!(
            text.lines().filter(|l| l.ends_with(back)).count(),
            1,
            "{text}"
        );
        // The wizard's plain mode too.
        let out = triage(config.path(), data.path())
            .args(["--lang", lang, "--plain"])
            .write_stdin("b\nq\n")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            text.lines().filter(|l| l.ends_with(back)).count(),
            1,
            "{text}"
        );
    }
    let out = triage(config.path(), data.path())
        .args(["history", "--lang", "en"])
        .output()
        .unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(listed.contains("ended after 0 of 1 round\n"), "{listed}");
    // A step that can be taken back still is, without the note.
    let out = triage(config.path(), data.path())
        .args(["--lang", "en", "--plain"])
        .write_stdin("1\nb\nq\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("Nothing to go back to"), "{text}");
}
