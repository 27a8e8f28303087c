//! `triage trees` in the language asked for (the trees have titles in each of theirs), and
//! `triage check --help` saying what `check` checks with no argument.

mod common;
use common::triage;

/// A config directory holding `trees/` with `files` (name, source).
fn config_with_trees(files: &[(&str, &str)]) -> tempfile::TempDir {
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir(config.path().join("trees")).unwrap();
    for (name, source) in files {
        std::fs::write(config.path().join("trees").join(name), source).unwrap();
    }
    config
}

fn tree(id: &str, title: &str, languages: &str) -> String {
    let text = |en: &str, ko: &str| {
        if languages.contains("ko") {
            format!("(en: {en:?}, ko: {ko:?})")
        } else {
            format!("(en: {en:?})")
        }
    };
    format!(
        r#"Tree(id: "{id}", title: {title}, languages: {languages}, start: "s", nodes: {{
    "s": Question(text: {q}, answers: [(label: {a}, next: "fix")]),
    "fix": Leaf(title: {f}, cause: {c}, steps: [{s}]) }})"#,
        q = text("Question?", "질문?"),
        a = text("Answer", "답"),
        f = text("The fix", "해결"),
        c = text("Cause", "원인"),
        s = text("Do it", "하기"),
    )
}

fn run(config: &std::path::Path, args: &[&str]) -> String {
    let out = triage()
        .env("TRIAGE_CONFIG_DIR", config)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn trees_lists_each_title_in_the_language_asked_for() {
    let config = config_with_trees(&[
        (
            "a.ron",
            &tree(
                "disk",
                r#"(en: "Disk full", ko: "디스크 가득 참")"#,
                "[en, ko]",
            ),
        ),
        (
            "b.ron",
            &tree("english-only", r#"(en: "Only English")"#, "[en]"),
        ),
    ]);
    let ko = run(config.path(), &["--lang", "ko", "trees"]);
    let lines: Vec<&str> = ko.lines().collect();
    assert_eq!(lines.len(), 3, "{ko}");
    assert!(lines[0].starts_with("azure-vm-backup "), "{ko}");
    assert!(lines[0].contains("  Azure VM 백업 문제 해결  "), "{ko}");
    assert!(!ko.contains("troubleshooting"), "{ko}");
    assert!(lines[1].contains("  디스크 가득 참  "), "{ko}");
    // A tree without Korean shows its English title.
    assert!(lines[2].contains("  Only English  "), "{ko}");

    let en = run(config.path(), &["--lang", "en", "trees"]);
    assert!(
        en.lines()
            .next()
            .unwrap()
            .contains("  Azure VM backup troubleshooting  "),
        "{en}"
    );
    assert!(
        en.contains("  Disk full  ") && !en.contains("디스크"),
        "{en}"
    );
}

#[test]
fn trees_json_gives_the_title_asked_for_and_every_language_it_has() {
    let config = config_with_trees(&[(
        "b.ron",
        &tree("english-only", r#"(en: "Only English")"#, "[en]"),
    )]);
    let json: serde_json::Value =
        serde_json::from_str(&run(config.path(), &["--lang", "ko", "trees", "--json"])).unwrap();
    let azure = &json[0];
    assert_eq!(azure["id"], "azure-vm-backup");
    assert_eq!(azure["title"], "Azure VM 백업 문제 해결");
    assert_eq!(azure["titles"]["en"], "Azure VM backup troubleshooting");
    assert_eq!(azure["titles"]["ko"], "Azure VM 백업 문제 해결");
    assert!(azure["path"].is_null());
    let mine = &json[1];
    assert_eq!(mine["title"], "Only English");
    assert_eq!(mine["titles"], serde_json::json!({"en": "Only English"}));
    assert!(mine["path"].as_str().unwrap().ends_with("b.ron"));

    let json: serde_json::Value =
        serde_json::from_str(&run(config.path(), &["--lang", "en", "trees", "--json"])).unwrap();
    assert_eq!(json[0]["title"], "Azure VM backup troubleshooting");
}

#[test]
fn check_help_says_no_argument_checks_every_tree() {
    let out = triage().args(["check", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(!help.contains("default: the embedded tree"), "{help}");
    assert!(
        help.contains("every tree triage can pick: the embedded one and the user's"),
        "{help}"
    );
}
