//! `list` and `show` end to end through the built binary.

mod common;
use common::triage;

#[test]
fn list_prints_every_leaf_with_its_title() {
    let out = triage().arg("list").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 57);
    assert!(
        text.lines()
            .any(|l| l.starts_with("backup-19 ") && l.contains("VSS"))
    );
}

#[test]
fn list_json_is_an_array_of_id_and_title() {
    let out = triage().args(["list", "--json"]).output().unwrap();
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), 57);
    assert!(
        items
            .iter()
            .all(|i| i["id"].is_string() && i["title"].is_string())
    );
}

#[test]
fn show_prints_message_cause_steps_and_labelled_commands() {
    let out = triage().args(["show", "backup-19"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("backup-19  "));
    for needle in [
        "Snapshot operation failed due to VSS Writers in bad state",
        "Cause",
        " 1. ",
        "[cmd]",
        "vssadmin list writers",
        "net stop <ServiceName>",
        "https://",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn show_in_korean_uses_the_seed_korean_text() {
    let out = triage()
        .args(["show", "backup-19", "--lang", "ko"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("VSS 기록기가 오류 상태이므로 스냅숏 작업이 실패함"),
        "{text}"
    );
    assert!(text.contains("원인"));
}

#[test]
fn locale_picks_korean_and_the_flag_wins() {
    let out = triage()
        .env("LANG", "ko_KR.UTF-8")
        .args(["show", "jobs-01"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("원인"));
    let out = triage()
        .env("LANG", "ko_KR.UTF-8")
        .args(["show", "jobs-01", "--lang", "en"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("Cause"));
}

#[test]
fn show_json_has_commands_with_their_shell() {
    let out = triage()
        .args(["show", "backup-25", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "backup-25");
    let commands = v["commands"].as_array().unwrap();
    assert!(commands.iter().any(|c| c["shell"] == "bash"
        && c["code"] == r#"tune2fs -l /dev/sdb1 | grep "Filesystem state""#));
    assert!(!v["steps"].as_array().unwrap().is_empty());
    // Each step and each command says the systems it is for (none: any), as the tree does.
    let out = triage()
        .args(["show", "backup-03", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let oses = |list: &serde_json::Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| c["os"].to_string())
            .collect()
    };
    let steps = oses(&v["steps"]);
    assert!(steps.contains(&r#"["Linux"]"#.to_string()), "{steps:?}");
    assert!(steps.contains(&r#"["Windows"]"#.to_string()), "{steps:?}");
    assert!(steps.contains(&"[]".to_string()), "{steps:?}");
    let commands = v["commands"].as_array().unwrap();
    assert!(
        commands
            .iter()
            .filter(|c| c["shell"] == "bash")
            .all(|c| c["os"] == serde_json::json!(["Linux"]))
    );
}

#[test]
fn show_path_prints_the_answers_that_lead_there() {
    let out = triage()
        .args(["show", "backup-19", "--path"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(" 1. ") && text.contains("->"), "{text}");
    assert_eq!(text.matches("->").count(), 4, "{text}");
}

#[test]
fn unknown_id_is_a_usage_error_with_suggestions() {
    let out = triage().args(["show", "backup-91"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no leaf \"backup-91\"") && err.contains("did you mean"),
        "{err}"
    );
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"));
}

#[test]
fn unknown_language_and_tree_are_usage_errors() {
    let out = triage()
        .args(["show", "backup-19", "--lang", "fr"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = triage()
        .args(["--tree", "no-such-tree", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("known trees: azure-vm-backup")
    );
    // A typo of a tree's id: that one is offered.
    let out = triage()
        .args(["--tree", "azure-vm-bakup", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "triage: no tree \"azure-vm-bakup\"; did you mean azure-vm-backup? \
         (known trees: azure-vm-backup; or give a path to a .ron file)\n"
    );
}

#[test]
fn tree_flag_loads_another_file_and_reports_its_errors() {
    let out = triage()
        .args(["--tree", "tests/fixtures/semantic.ron", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("semantic.ron:10:55")
    );
}

#[test]
fn check_stats_prints_the_average_depth() {
    let out = triage().args(["check", "--stats"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ok (57 leaves"), "{text}");
    assert!(text.contains("average"), "{text}");
}

#[test]
fn show_takes_an_id_in_any_case_and_an_error_code() {
    let out = triage().args(["show", "BACKUP-02"]).assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).starts_with("backup-02  "));
    // A code one leaf lists shows that leaf.
    let out = triage()
        .args(["show", "UserErrorFsFreezeFailed"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).starts_with("backup-25  "));
    // A code several leaves list names them and points to search.
    let out = triage().args(["show", "ResourceNotFound"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("backup-01") && err.contains("backup-17"),
        "{err}"
    );
    assert!(err.contains("triage search ResourceNotFound"), "{err}");
}

/// `--set NAME=VALUE` fills in the commands' placeholders, in text and in JSON; both spellings
/// of a name (`<VMName>`, `<vm-name>`) take the value; a bad name is a usage error.
#[test]
fn show_set_fills_in_placeholders() {
    let out = triage()
        .args([
            "show",
            "backup-01",
            "--set",
            "vm-name=vm-01",
            "--set",
            "<ResourceGroup>=rg-app",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(r#"Get-AzVM -ResourceGroupName "rg-app" -Name "vm-01""#),
        "{text}"
    );
    assert!(text.contains(r#"-FriendlyName "vm-01""#), "{text}");
    assert!(text.contains(r#"-Name "<VaultName>""#), "{text}");
    let out = triage()
        .args(["show", "backup-01", "--json", "--set", "VMName=vm-01"])
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains(r#"-Name \"vm-01\""#), "{json}");
    for bad in ["VMName", "my name=x", "=x", "1vm=x"] {
        let out = triage()
            .args(["show", "backup-01", "--set", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
    }
}

/// The steps' own text names the same placeholders as their commands: filled in as well.
#[test]
fn show_set_fills_in_the_placeholders_of_the_steps_text() {
    let args = [
        "show",
        "network-http-proxy",
        "--set",
        "ProxyIP=10.0.0.5",
        "--set",
        "ProxyPort=3128",
    ];
    let out = triage().args(args).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("add http_proxy=http://10.0.0.5:3128 to /etc/environment"),
        "{text}"
    );
    assert!(!text.contains("<ProxyIP>"), "{text}");
    let out = triage().args(args).arg("--json").output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = json["steps"].as_array().unwrap();
    assert!(
        steps.iter().any(|s| s["text"]
            .as_str()
            .unwrap()
            .contains("HttpProxy.Host=10.0.0.5")),
        "{json}"
    );
}

/// A placeholder only the steps' text names is one to fill too: no note that it is unused.
#[test]
fn show_set_takes_a_placeholder_only_the_text_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.ron");
    std::fs::write(
        &path,
        r#"Tree(id: "portal", title: (en: "P", ko: "P"), start: "q", nodes: {
            "q": Question(text: (en: "Q?", ko: "Q?"), answers: [(label: (en: "a", ko: "a"), next: "fix")]),
            "fix": Leaf(title: (en: "F", ko: "F"), cause: (en: "c", ko: "c"),
                steps: [(en: "Open <Portal>, then run:", ko: "<Portal>을 열고 실행합니다:",
                         run: [Bash("ls -l <Dir>")])]),
        })"#,
    )
    .unwrap();
    let out = triage()
        .arg("--tree")
        .arg(&path)
        .args(["show", "fix", "--set", "Portal=p1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Open p1, then run:"), "{text}");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

/// A value for a placeholder the fix does not have is most likely a typo: said on stderr, once,
/// with the name as typed, and the name it may have meant.
#[test]
fn show_set_notes_a_name_no_command_has() {
    let out = triage()
        .args([
            "show",
            "backup-01",
            "--set",
            "VMNmae=vm-01",
            "--set",
            "vmnmae=vm-02",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "no command of backup-01 has a placeholder named <VMNmae>; did you mean <VMName>?"
        ),
        "{err}"
    );
    assert_eq!(err.matches("no command of").count(), 1, "{err}");
    // A name like none of them: the fix's placeholders, each once.
    let out = triage()
        .args(["show", "backup-04", "--set", "Zzz=1"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("named <Zzz>; its placeholders: <ResourceGroup>, <VMName>, <ExtensionName>\n"),
        "{err}"
    );
}

/// `--color always`: headings, step numbers and the id bold, commands green and their labels
/// dim, as tealdeer colours its pages; the commands are the same bytes inside their codes.
#[test]
fn show_color_always_colours_headings_and_commands_around_their_text() {
    let plain = triage().args(["show", "backup-19"]).output().unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    // NO_COLOR does not overrule a flag (no-color.org); only `auto` listens to it.
    let out = triage()
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .args(["show", "backup-19", "--color", "always"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "\x1b[1mbackup-19\x1b[0m  ",
        "\n\x1b[1mError message\x1b[0m\n",
        "\n\x1b[1mCause\x1b[0m\n",
        "\n\x1b[1mSteps\x1b[0m\n",
        "\n \x1b[1m1.\x1b[0m ",
        "\n\x1b[1mLinks\x1b[0m\n",
        "\n    \x1b[2m[cmd]\x1b[0m\n",
        "\n      \x1b[32mvssadmin list writers\x1b[0m\n",
        "\n      \x1b[32mREG ADD \"HKLM\\SOFTWARE\\Microsoft\\BcdrAgentPersistentKeys\" /v SnapshotWithoutThreads /t REG_SZ /d True /f\x1b[0m\n",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    // Without its codes the text is the uncoloured one: every line, every command.
    let stripped = text
        .replace("\x1b[0m", "")
        .replace("\x1b[1m", "")
        .replace("\x1b[2m", "")
        .replace("\x1b[32m", "");
    assert!(!stripped.contains('\x1b'), "{stripped}");
    assert_eq!(stripped, plain);
    // `--set` values are filled in inside the colour, not split by it.
    let out = triage()
        .args([
            "--color",
            "always",
            "show",
            "backup-19",
            "--set",
            "VMName=vm-01",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("\x1b[32m"));
}

/// Through a pipe (as tests, scripts and `$(...)` read it), with `--color never`, and in JSON:
/// no escape code at all.
#[test]
fn show_and_list_through_a_pipe_have_no_colour() {
    for args in [
        vec!["show", "backup-19"],
        vec!["show", "backup-19", "--color", "auto"],
        vec!["show", "backup-19", "--color", "never"],
        vec!["--color", "always", "show", "backup-19", "--json"],
        vec!["--color", "always", "show", "backup-19", "--path"],
        vec!["list"],
    ] {
        let out = triage()
            .env("TERM", "xterm-256color")
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        assert!(!out.stdout.contains(&0x1b), "{args:?}");
        assert!(!out.stderr.contains(&0x1b), "{args:?}");
    }
}
