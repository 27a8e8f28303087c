//! Broken trees give the expected error at the expected line and column; `check` exits 1.

use assert_cmd::Command;
use triage::tree;

fn errors_of(name: &str) -> Vec<tree::Diagnostic> {
    let path = format!("tests/fixtures/{name}");
    match tree::load_path(std::path::Path::new(&path)) {
        Ok(_) => panic!("{name} should not load"),
        Err(errors) => errors,
    }
}

fn has(errors: &[tree::Diagnostic], line: usize, column: usize, fragment: &str) -> bool {
    errors
        .iter()
        .any(|e| e.line == line && e.column == column && e.message.contains(fragment))
}

#[test]
fn a_missing_comma_is_placed_where_it_belongs() {
    let errors = errors_of("syntax-error.ron");
    assert_eq!(errors.len(), 1);
    // RON stops at the next field (8:13); the comma belongs right after line 7's value.
    assert!(has(&errors, 7, 50, "Expected comma"), "{errors:?}");
}

#[test]
fn unknown_field_names_the_field_and_suggests_the_right_one() {
    let errors = errors_of("unknown-field.ron");
    assert!(has(&errors, 8, 13, "unknown field `anwsers`"), "{errors:?}");
    assert!(
        errors[0]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `answers`")
    );
}

#[test]
fn unknown_node_kind_is_named() {
    let errors = errors_of("wrong-variant.ron");
    assert!(
        has(&errors, 6, 18, "unknown node kind `Leef`"),
        "{errors:?}"
    );
}

#[test]
fn every_semantic_problem_is_reported_at_once() {
    let errors = errors_of("semantic.ron");
    let expected = [
        (10, 55, "leads to \"fix-oen\", which does not exist"),
        // At the `next` of the answer that closes the loop (loop-b's), not at loop-a itself.
        (20, 61, "the questions loop: loop-a -> loop-b -> loop-a"),
        (23, 13, "`title` has no Korean (ko) text"),
        (25, 13, "leaf \"fix-one\" has no steps"),
        (27, 9, "duplicate node id \"fix-one\""),
        (32, 9, "node \"orphan\" cannot be reached"),
        (
            36,
            24,
            "\"missing-leaf\" in `see_also`, which does not exist",
        ),
        (40, 13, "has 10 answers"),
    ];
    for (line, column, fragment) in expected {
        assert!(
            has(&errors, line, column, fragment),
            "missing {line}:{column} {fragment}\n{errors:#?}"
        );
    }
    let dangling = errors
        .iter()
        .find(|e| e.message.contains("fix-oen"))
        .unwrap();
    assert!(
        dangling
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean \"fix-one\"")
    );
}

#[test]
fn check_prints_file_line_column_excerpt_and_caret_and_exits_1() {
    let out = Command::cargo_bin("triage")
        .unwrap()
        .args(["check", "tests/fixtures/unknown-field.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("tests/fixtures/unknown-field.ron:8:13: error: unknown field `anwsers`"),
        "{err}"
    );
    assert!(err.contains("8 |             anwsers: [],"), "{err}");
    assert!(err.contains("  |             ^"), "{err}");
}

#[test]
fn check_reports_every_file_and_fails_if_any_fails() {
    let out = Command::cargo_bin("triage")
        .unwrap()
        .args([
            "check",
            "trees/azure-vm-backup.ron",
            "tests/fixtures/semantic.ron",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("trees/azure-vm-backup.ron: ok"), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("tests/fixtures/semantic.ron: 9 errors"),
        "{stderr}"
    );
}

#[test]
fn missing_file_and_non_utf8_file_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.ron");
    let errors = tree::load_path(&missing).unwrap_err();
    assert!(errors[0].message.contains("cannot read the file"));

    let binary = dir.path().join("blob.ron");
    std::fs::write(&binary, b"Tree(\n  id: \"\xff\xfe\"").unwrap();
    let errors = tree::load_path(&binary).unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (2, 8));
    assert!(errors[0].message.contains("not valid UTF-8"));
}

#[test]
fn hostile_sizes_are_refused_with_a_clear_error() {
    let deep = format!("Tree({})", "[".repeat(200_000));
    let errors = tree::load_str("deep.ron", &deep).unwrap_err();
    assert!(
        errors[0].message.contains("nested deeper than 1000"),
        "{errors:?}"
    );

    let huge = format!("Tree(id: \"{}\")", "x".repeat(tree::load::MAX_FILE_BYTES));
    let errors = tree::load_str("huge.ron", &huge).unwrap_err();
    assert!(errors[0].message.contains("10 MiB"), "{errors:?}");

    // Just under the nesting limit still fails cleanly (the schema has no such depth), no overflow.
    let nested = format!("Tree(synonyms: {}", "[".repeat(999));
    assert!(tree::load_str("nested.ron", &nested).is_err());
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_tree() {
    // Notepad saves UTF-8 with a byte order mark.
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read("trees/azure-vm-backup.ron").unwrap();
    let path = dir.path().join("bom.ron");
    std::fs::write(&path, [b"\xef\xbb\xbf".as_slice(), &good].concat()).unwrap();
    assert!(tree::load_path(&path).is_ok());
    Command::cargo_bin("triage")
        .unwrap()
        .args(["check", path.to_str().unwrap()])
        .assert()
        .success();
    // A broken one is still placed right: line 1, column 1 is the first character after it.
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "\u{feff}Tree(id: 1)").unwrap();
    let errors = tree::load_path(&broken).unwrap_err();
    assert_eq!(errors[0].line, 1, "{errors:?}");
    assert!(errors[0].column <= 12, "{errors:?}");
}

#[test]
fn check_of_a_directory_checks_its_tree_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("trees/azure-vm-backup.ron", dir.path().join("a.ron")).unwrap();
    std::fs::write(dir.path().join("b.ron"), "Tree(").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a tree").unwrap();
    let out = Command::cargo_bin("triage")
        .unwrap()
        .args(["check", dir.path().to_str().unwrap()])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stdout.contains("a.ron: ok"), "{stdout}");
    assert!(stderr.contains("b.ron:1:"), "{stderr}");
    assert!(!stderr.contains("notes.txt"), "{stderr}");
    let empty = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("triage")
        .unwrap()
        .args(["check", empty.path().to_str().unwrap()])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("no .ron tree files"), "{stderr}");
}

#[test]
fn past_the_limit_the_count_is_of_errors_shown_not_of_the_stop_note() {
    let src = std::fs::read_to_string("trees/azure-vm-backup.ron").unwrap();
    let bogus: Vec<String> = (0..60).map(|i| format!("\"nope-{i}\", ")).collect();
    let broken = src.replacen("see_also: [", &format!("see_also: [{}", bogus.concat()), 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.ron");
    std::fs::write(&path, broken).unwrap();
    let out = Command::cargo_bin("triage")
        .unwrap()
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("stopped after the first 50"), "{stderr}");
    assert!(
        stderr.contains(&format!("{}: 50 errors", path.display())),
        "{stderr}"
    );
}

/// The guide's minimal English tree without its `languages: [en]` line: one error that says to
/// add that line, not one "no Korean text" per field.
#[test]
fn a_tree_with_no_text_in_a_language_is_one_error_naming_the_fix() {
    let doc = std::fs::read_to_string("docs/tree-format.md").unwrap();
    let section = doc.find("## A minimal tree").expect("the minimal tree");
    let start = section + doc[section..].find("```ron\n").unwrap() + "```ron\n".len();
    let minimal = &doc[start..start + doc[start..].find("```").unwrap()];
    assert!(tree::load_str("disk-full.ron", minimal).is_ok());
    let english = minimal.replacen("languages: [en],", "", 1);
    let errors = tree::load_str("disk-full.ron", &english).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        has(&errors, 3, 5, "the tree has no Korean (ko) text at all"),
        "{errors:?}"
    );
    let help = errors[0].help.as_deref().unwrap_or("");
    assert!(help.contains("`languages: [en],`"), "{help}");
    // One Korean text: then each missing one is an error of its own.
    let one = english.replacen(
        "(en: \"Writes fail on a Linux host\")",
        "(en: \"Writes fail on a Linux host\", ko: \"쓰기 실패\")",
        1,
    );
    let errors = tree::load_str("disk-full.ron", &one).unwrap_err();
    assert!(errors.len() > 5, "{errors:?}");
    assert!(
        errors
            .iter()
            .all(|e| e.message.contains("has no Korean (ko) text"))
    );
}

#[test]
fn a_file_cut_short_is_called_so() {
    let full = std::fs::read_to_string("trees/azure-vm-backup.ron").unwrap();
    let help_of = |src: &str| {
        let errors = tree::load_str("cut.ron", src).unwrap_err();
        errors[0].help.clone().unwrap_or_default()
    };
    // Cut at the end of a line: brackets are left open.
    let line_end = full[..full.len() / 2].rfind('\n').unwrap() + 1;
    let help = help_of(&full[..line_end]);
    assert!(help.contains("brackets still open"), "{help}");
    assert!(help.contains("cut short"), "{help}");
    // Cut inside a string.
    let in_string = full.find("why: Some(en: \"").unwrap() + 20;
    let help = help_of(&full[..in_string]);
    assert!(help.contains("ends inside a string"), "{help}");
    // Cut right after a string's opening quote, or after an escaped quote inside it.
    let quote = full.find("title: (en: \"").unwrap() + "title: (en: \"".len();
    let help = help_of(&full[..quote]);
    assert!(help.contains("ends inside a string"), "{help}");
    let help = help_of(&format!("{}\\\"", &full[..quote + 3]));
    assert!(help.contains("ends inside a string"), "{help}");
    // Cut right after a closed raw string: brackets are open, no string is.
    let help = help_of(&format!("{}r#\"abc\"#", &full[..quote - 1]));
    assert!(help.contains("brackets still open"), "{help}");
    // A whole file with a real syntax error keeps the usual help.
    let broken = full.replacen("start:", "start", 1);
    assert!(!help_of(&broken).contains("cut short"));
    // So does a bracket too many inside the file, though one is still open at its end.
    let line = full.match_indices('\n').nth(1000).unwrap().0 + 1;
    let stray = format!("{}(\n{}", &full[..line], &full[line..]);
    let help = help_of(&stray);
    assert!(!help.contains("cut short"), "{help}");

    // Cut inside a character: the bytes stop halfway through a Korean syllable.
    let dir = tempfile::tempdir().unwrap();
    let korean = full.find('가').unwrap();
    let path = dir.path().join("cut.ron");
    std::fs::write(&path, &full.as_bytes()[..korean + 1]).unwrap();
    let errors = tree::load_path(&path).unwrap_err();
    let help = errors[0].help.clone().unwrap_or_default();
    assert!(help.contains("middle of a character"), "{help}");
    // A bad byte inside the file is an encoding problem, not a cut.
    let mut bad = full.clone().into_bytes();
    bad[korean + 1] = b'x';
    std::fs::write(&path, &bad).unwrap();
    let errors = tree::load_path(&path).unwrap_err();
    assert!(
        errors[0]
            .help
            .as_deref()
            .unwrap()
            .contains("save the file as UTF-8")
    );
}
