//! `triage check` places each problem where the author has to act: an unclosed string is hinted
//! at where it opened, a loop at the answer that closes it.

mod common;

use triage::tree::{self, Diagnostic};

/// A tree whose leaf's `title` (line 15) has lost the closing quote of its Korean text.
const UNTERMINATED: &str = r#"Tree(
    id: "unterminated",
    title: (en: "Unterminated", ko: "닫히지 않음"),
    start: "start",
    nodes: {
        "start": Question(
            text: (en: "What broke?", ko: "무엇이 깨졌나요?"),
            answers: [
                (label: (en: "Backup", ko: "백업"), next: "backup-broke"),
            ],
        ),
        "backup-broke": Leaf(
            steps: [(en: "Do it", ko: "하세요")],
            errors: [(en: "Error", ko: "오류")],
            title: (en: "Backup broke", ko: "백업 깨짐)]
            cause: (en: "Snapshot timed out", ko: "스냅숏 시간 초과"),
        ),
    },
)
"#;

/// A tree whose second answer (line 10) leads back to the start.
const CYCLE: &str = r#"Tree(
    id: "cycle",
    title: (en: "Cycle", ko: "순환"),
    start: "start",
    nodes: {
        "start": Question(
            text: (en: "What broke?", ko: "무엇이 깨졌나요?"),
            answers: [
                (label: (en: "Backup", ko: "백업"), next: "fix"),
                (label: (en: "Start over", ko: "처음부터"), next: "start"),
            ],
        ),
        "fix": Leaf(
            title: (en: "Fix", ko: "해결"),
            cause: (en: "Because", ko: "왜냐하면"),
            steps: [(en: "Do it", ko: "하세요")],
        ),
    },
)
"#;

/// The problems `triage check` reports for `src`, written to a file as `name`.
fn check(name: &str, src: &str) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, src).unwrap();
    match tree::load_path(&path) {
        Ok(_) => panic!("{name} should not load"),
        Err(errors) => errors,
    }
}

/// What `triage check` prints on stderr for `src` written as `name` (it must exit 1).
fn check_output(name: &str, src: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, src).unwrap();
    let out = common::triage().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stderr)
        .unwrap()
        .replace(&format!("{}", dir.path().join("").display()), "")
}

/// `src` with line `line` (1-based) replaced by `text`.
fn with_line(src: &str, line: usize, text: &str) -> String {
    let mut lines: Vec<&str> = src.lines().collect();
    lines[line - 1] = text;
    lines.join("\n") + "\n"
}

#[test]
fn an_unclosed_string_keeps_the_parsers_place_and_hints_where_it_opened() {
    let errors = check("unterminated.ron", UNTERMINATED);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    // RON stumbles on line 16, where the quote before "Snapshot" seemed to close the string.
    assert_eq!((e.line, e.column), (16, 26), "{e:#?}");
    assert!(e.message.contains("Expected comma"), "{e:#?}");
    let hint = e.hint.as_ref().expect("a hint about the unclosed string");
    assert_eq!((hint.line, hint.column), (15, 45), "{hint:#?}");
    assert_eq!(
        hint.message,
        "the string opened on line 15, column 45 may be missing its closing quote"
    );
}

/// A quote missing before the next text of the same line: the string runs on to that text's
/// opening quote, and RON stumbles on the text right after it.
#[test]
fn an_unclosed_string_followed_by_another_on_its_line_is_hinted() {
    let src = with_line(
        DISK,
        7,
        r#"            text: (en: "What does df -h show?, ko: "df -h 결과는?"),"#,
    );
    let errors = check("disk.ron", &src);
    assert_eq!(errors.len(), 1, "{:#?}", messages(&errors));
    let hint = errors[0]
        .hint
        .as_ref()
        .expect("a hint about the unclosed string");
    assert_eq!((hint.line, hint.column), (7, 24), "{hint:#?}");
    // So is one whose next field's text starts with punctuation.
    let src = with_line(
        DISK,
        7,
        r#"            text: (en: "What?, ko: "(df -h) 결과는?"),"#,
    );
    let errors = check("disk.ron", &src);
    let hint = errors[0]
        .hint
        .as_ref()
        .expect("a hint about the unclosed string");
    assert_eq!((hint.line, hint.column), (7, 24), "{hint:#?}");
    // A closed string with the comma after it missing gives none, even right against the next
    // field's name.
    for line in [
        r#"            text: (en: "What?" ko: "df -h 결과는?"),"#,
        r#"            text: (en: "What?"ko: "df -h 결과는?"),"#,
    ] {
        let errors = check("disk.ron", &with_line(DISK, 7, line));
        assert!(errors[0].hint.is_none(), "{:#?}", errors[0]);
    }
}

#[test]
fn check_prints_the_hint_with_the_line_where_the_string_opened() {
    let err = check_output("unterminated.ron", UNTERMINATED);
    let expected = r#"unterminated.ron:16:26: error: RON syntax: Expected comma
   |
16 |             cause: (en: "Snapshot timed out", ko: "스냅숏 시간 초과"),
   |                          ^
hint: the string opened on line 15, column 45 may be missing its closing quote
   |
15 |             title: (en: "Backup broke", ko: "백업 깨짐)]
   |                                             ^
  = help: check brackets, commas and quotes near this place (see docs/tree-format.md)
"#;
    assert!(err.starts_with(expected), "{err}");
}

#[test]
fn an_unclosed_string_is_found_past_escaped_quotes_and_in_raw_strings() {
    // The last quote is escaped: the string is still open.
    let escaped = with_line(
        UNTERMINATED,
        15,
        r#"            title: (en: "Backup \"broke\"", ko: "백업 \"깨짐\")]"#,
    );
    let errors = check("escaped.ron", &escaped);
    let hint = errors[0].hint.as_ref().expect("a hint");
    assert_eq!((hint.line, hint.column), (15, 49), "{errors:#?}");
    // A raw string left open runs on to the next quote as well.
    let raw = with_line(
        UNTERMINATED,
        15,
        r#"            title: (en: "Backup broke", ko: r"C:\백업 깨짐)]"#,
    );
    let errors = check("raw.ron", &raw);
    let hint = errors[0].hint.as_ref().expect("a hint");
    assert_eq!((hint.line, hint.column), (15, 45), "{errors:#?}");
}

#[test]
fn closed_strings_give_no_hint() {
    // A comma missing at the end of line 6, after lines whose quotes look odd but are all
    // closed: an escaped quote, a quote inside a raw string, one in a comment.
    let src = r##"Tree(
    id: "fine",
    start: "start",
    title: (en: "Say \"hi", ko: "안녕"),
    source: Some(en: r#"one " quote"#, ko: "x"),
    languages: [en, ko] // a "comment
    nodes: {},
)
"##;
    let errors = check("fine.ron", src);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].message.contains("Expected comma"), "{errors:#?}");
    assert_eq!((errors[0].line, errors[0].column), (6, 24), "{errors:#?}");
    assert_eq!(errors[0].hint, None, "{errors:#?}");
}

#[test]
fn a_string_over_several_lines_that_ends_well_before_the_error_gives_no_hint() {
    let src = r#"Tree(
    id: "t",
    title: (en: "T
over
several
lines", ko: "T"),
    start: "start"


    nodes: {},
)
"#;
    let errors = check("long.ron", src);
    assert!(errors[0].message.contains("Expected comma"), "{errors:#?}");
    assert_eq!(errors[0].hint, None, "{errors:#?}");
}

#[test]
fn a_loop_is_placed_at_the_next_of_the_answer_that_closes_it() {
    let errors = check("cycle.ron", CYCLE);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(e.message, "the questions loop: start -> start");
    // Line 10: `(label: (en: "Start over", ko: "처음부터"), next: "start"),`, at `"start"`.
    assert_eq!((e.line, e.column), (10, 63), "{e:#?}");

    let err = check_output("cycle.ron", CYCLE);
    assert!(
        err.starts_with("cycle.ron:10:63: error: the questions loop: start -> start\n"),
        "{err}"
    );
    assert!(err.contains(r#"next: "start"),"#), "{err}");
}

#[test]
fn a_longer_loop_is_placed_at_its_last_answer_even_when_a_label_says_the_same() {
    let src = r#"Tree(
    id: "loop",
    title: (en: "Loop", ko: "반복"),
    start: "start",
    nodes: {
        "start": Question(
            text: (en: "Q", ko: "질문"),
            answers: [(label: (en: "on", ko: "다음"), next: "middle")],
        ),
        "middle": Question(
            text: (en: "Back to \"start\"?", ko: "처음으로?"),
            answers: [
                (label: (en: "fix", ko: "해결"), next: "fix"),
                (label: (en: "start", ko: "처음"),
                 next: /* again */ "start"),
            ],
        ),
        "fix": Leaf(
            title: (en: "Fix", ko: "해결"),
            cause: (en: "Because", ko: "왜냐하면"),
            steps: [(en: "Do it", ko: "하세요")],
        ),
    },
)
"#;
    let errors = check("loop.ron", src);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].message,
        "the questions loop: start -> middle -> start"
    );
    assert_eq!((errors[0].line, errors[0].column), (15, 36), "{errors:#?}");
}

#[test]
fn a_dangling_answer_is_placed_at_its_next_even_when_a_label_says_the_same() {
    let src = CYCLE.replace(
        r#"(label: (en: "Start over", ko: "처음부터"), next: "start"),"#,
        r#"(label: (en: "gone", ko: "없음"), next: "gone"),"#,
    );
    let errors = check("dangling.ron", &src);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message.contains("leads to \"gone\""),
        "{errors:#?}"
    );
    assert_eq!((errors[0].line, errors[0].column), (10, 55), "{errors:#?}");
}

/// A multi-line string closed on purpose, right before an unrelated syntax error, gets no hint
/// about a missing quote.
#[test]
fn a_closed_multi_line_string_before_an_error_gives_no_hint() {
    let src = "Tree(\n    id: \"t\",\n    title: (en: \"T\", ko: \"T\"),\n    start: \"start\",\n    nodes: {\n        \"start\": Leaf(\n            title: (en: \"Run this:\n  first line\", ko: \"K\")\n            cause: (en: \"C\", ko: \"C\"),\n        ),\n    },\n)\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ron");
    std::fs::write(&path, src).unwrap();
    let errors = triage::tree::load_path(&path).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].message.contains("Expected comma"), "{errors:#?}");
    assert!(errors[0].hint.is_none(), "{:#?}", errors[0].hint);
}

/// A topic the tree does not cover, without its Korean name (line 7) and with no words that
/// name it (line 8).
const NOT_COVERED: &str = r#"Tree(
    id: "not-covered",
    title: (en: "Not covered", ko: "다루지 않음"),
    start: "fix",
    not_covered: [
        (topic: (en: "MARS agent backup", ko: "MARS 에이전트 백업"), phrases: ["MARS"]),
        (topic: (en: "DPM", ko: ""), phrases: ["DPM"]),
        (topic: (en: "Azure Files", ko: "Azure Files"), phrases: [" "]),
        (
            topic: (en: "AKS", ko: "AKS"),
            phrases: ["AKS", "--"],
        ),
    ],
    nodes: {
        "fix": Leaf(
            title: (en: "Fix", ko: "해결"),
            cause: (en: "Cause", ko: "원인"),
            steps: [(en: "Do it", ko: "하세요")],
        ),
    },
)
"#;

#[test]
fn a_topic_not_covered_is_checked_where_it_stands() {
    let errors = check("not-covered.ron", NOT_COVERED);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    // At the field to fix: the topic's name, the phrases.
    assert_eq!((errors[0].line, errors[0].column), (7, 10), "{errors:#?}");
    assert!(errors[0].message.contains("\"DPM\"") && errors[0].message.contains("Korean"));
    // Counted as people count, as answers and steps are: DPM is the second topic.
    assert!(
        errors[0]
            .message
            .starts_with("not_covered topic 2 (\"DPM\")"),
        "{errors:#?}"
    );
    assert_eq!((errors[1].line, errors[1].column), (8, 57), "{errors:#?}");
    assert!(errors[1].message.contains("no phrases"), "{errors:#?}");
    assert_eq!((errors[2].line, errors[2].column), (11, 13), "{errors:#?}");
    assert!(
        errors[2].message.contains("\"--\" has no words"),
        "{errors:#?}"
    );
}

/// A link that is no web address (line 10) and a leaf that lists itself in `see_also`
/// (line 11).
const BAD_LINK: &str = r#"Tree(
    id: "bad-link",
    title: (en: "Bad link", ko: "잘못된 링크"),
    start: "fix",
    nodes: {
        "fix": Leaf(
            title: (en: "Fix", ko: "해결"),
            cause: (en: "Cause", ko: "원인"),
            steps: [(en: "Do it", ko: "하세요")],
            links: [(title: (en: "Docs", ko: "문서"), url: "not a url")],
            see_also: ["fix"],
        ),
    },
)
"#;

#[test]
fn a_link_without_an_address_and_a_leaf_seeing_itself_are_placed() {
    let errors = check("bad-link.ron", BAD_LINK);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].message.contains("no web address"), "{errors:#?}");
    // At the address, not at the link's title.
    assert_eq!((errors[0].line, errors[0].column), (10, 53), "{errors:#?}");
    assert!(errors[1].message.contains("lists itself"), "{errors:#?}");
    assert_eq!(errors[1].line, 11, "{errors:#?}");
}

/// A small valid tree: two questions, four fixes.
const DISK: &str = r#"Tree(
    id: "disk",
    title: (en: "Disk full", ko: "디스크 가득 참"),
    start: "start",
    nodes: {
        "start": Question(
            text: (en: "What does df -h show?", ko: "df -h 결과는?"),
            answers: [
                (label: (en: "A filesystem at 100%", ko: "100%인 파일 시스템"), next: "what-grew"),
                (label: (en: "Space is free", ko: "공간은 남아 있음"), next: "inodes"),
            ],
        ),
        "what-grew": Question(
            text: (en: "Which directory grew?", ko: "어느 디렉터리가 커졌습니까?"),
            answers: [
                (label: (en: "/var/log", ko: "/var/log"), next: "logs"),
                (label: (en: "/var/lib/docker", ko: "/var/lib/docker"), next: "docker"),
            ],
        ),
        "inodes": Question(
            text: (en: "What does df -i show?", ko: "df -i 결과는?"),
            answers: [
                (label: (en: "IUse% at 100%", ko: "IUse% 100%"), next: "small-files"),
                (label: (en: "Inodes are fine", ko: "inode는 정상"), next: "deleted"),
            ],
        ),
        "logs": Leaf(title: (en: "Logs", ko: "로그"), cause: (en: "Not rotated", ko: "순환 안 됨"),
            steps: [(en: "Rotate them", ko: "순환합니다")]),
        "docker": Leaf(title: (en: "Images", ko: "이미지"), cause: (en: "Old images", ko: "오래된 이미지"),
            steps: [(en: "Prune them", ko: "정리합니다")]),
        "small-files": Leaf(title: (en: "Inodes", ko: "inode"), cause: (en: "Small files", ko: "작은 파일"),
            steps: [(en: "Remove them", ko: "삭제합니다")]),
        "deleted": Leaf(title: (en: "Deleted", ko: "삭제됨"), cause: (en: "Held open", ko: "열려 있음"),
            steps: [(en: "Restart", ko: "다시 시작합니다")]),
    },
)
"#;

fn messages(errors: &[Diagnostic]) -> Vec<(usize, usize, &str)> {
    errors
        .iter()
        .map(|e| (e.line, e.column, e.message.as_str()))
        .collect()
}

#[test]
fn the_disk_tree_is_valid() {
    tree::load_str("disk.ron", DISK).expect("the tree loads");
}

/// A misspelt `next` is one error: the nodes it cuts off are reached once it is mended.
#[test]
fn a_misspelt_next_is_one_error_not_one_per_node_it_cuts_off() {
    let src = with_line(
        DISK,
        9,
        r#"                (label: (en: "A filesystem at 100%", ko: "100%인 파일 시스템"), next: "what-grw"),"#,
    );
    let errors = check("disk.ron", &src);
    assert_eq!(errors.len(), 1, "{:#?}", messages(&errors));
    assert!(errors[0].message.contains("leads to \"what-grw\""));
    // A node that nothing leads to is still one.
    let orphan = src.replace(
        r#"        "deleted": Leaf("#,
        r#"        "orphan": Leaf(title: (en: "O", ko: "O"), cause: (en: "C", ko: "C"),
            steps: [(en: "S", ko: "S")]),
        "deleted": Leaf("#,
    );
    let errors = check("disk.ron", &orphan);
    assert_eq!(errors.len(), 2, "{:#?}", messages(&errors));
    assert!(errors[1].message.contains("\"orphan\" cannot be reached"));
}

/// A question whose id is taken twice is one error, not one more for each node after it.
#[test]
fn a_question_id_taken_twice_does_not_cut_off_what_follows_it() {
    let src = with_line(DISK, 20, r#"        "what-grew": Question("#);
    let errors = check("disk.ron", &src);
    let found = messages(&errors);
    assert_eq!(errors.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .2
            .contains("leads to \"inodes\", which does not exist")
    );
    assert_eq!(
        (found[1].0, found[1].2),
        (20, "duplicate node id \"what-grew\"")
    );
}

/// A question nothing leads to cuts off what only it leads to: one error, at the question, which
/// names them; a loop of such questions is one error too.
#[test]
fn an_orphan_question_is_one_error_naming_what_it_cuts_off() {
    let orphans = r#"        "side": Question(text: (en: "Side?", ko: "옆?"), answers: [
            (label: (en: "a", ko: "a"), next: "side-a"),
            (label: (en: "b", ko: "b"), next: "side-b"),
        ]),
        "side-a": Leaf(title: (en: "A", ko: "A"), cause: (en: "C", ko: "C"), steps: [(en: "S", ko: "S")]),
        "side-b": Leaf(title: (en: "B", ko: "B"), cause: (en: "C", ko: "C"), steps: [(en: "S", ko: "S")]),
        "loop-1": Question(text: (en: "L1?", ko: "L1?"), answers: [(label: (en: "a", ko: "a"), next: "loop-2")]),
        "loop-2": Question(text: (en: "L2?", ko: "L2?"), answers: [(label: (en: "a", ko: "a"), next: "loop-1")]),
        "deleted": Leaf("#;
    let src = DISK.replace(r#"        "deleted": Leaf("#, orphans);
    let errors = check("disk.ron", &src);
    let found = messages(&errors);
    let unreachable: Vec<&str> = found
        .iter()
        .map(|f| f.2)
        .filter(|m| m.contains("cannot be reached"))
        .collect();
    assert_eq!(unreachable.len(), 2, "{found:#?}");
    assert!(
        unreachable[0].starts_with("node \"side\" cannot be reached")
            && unreachable[0].ends_with("nor can what it leads to: \"side-a\", \"side-b\""),
        "{found:#?}"
    );
    assert!(
        unreachable[1].starts_with("node \"loop-1\" cannot be reached")
            && unreachable[1].ends_with("nor can what it leads to: \"loop-2\""),
        "{found:#?}"
    );
}

/// A node whose `)` is missing: RON stumbles on the next node's name, where it wanted a field;
/// the help says the node before is still open, and after which line it closes.
#[test]
fn a_node_left_open_is_said_to_be_missing_its_parenthesis() {
    let src = DISK.replacen(
        r#"steps: [(en: "Rotate them", ko: "순환합니다")]),"#,
        r#"steps: [(en: "Rotate them", ko: "순환합니다")],"#,
        1,
    );
    assert_ne!(src, DISK);
    let errors = check("disk.ron", &src);
    assert_eq!(errors.len(), 1, "{:#?}", messages(&errors));
    let help = errors[0].help.as_deref().unwrap_or("");
    let line = DISK
        .lines()
        .position(|l| l.contains("Rotate them"))
        .unwrap()
        + 1;
    assert!(
        help.contains("the node before it is still open")
            && help.ends_with(&format!("closing `)` after line {line}")),
        "{help}"
    );
}

/// A fix only `see_also` names is still unreachable: the help says why.
#[test]
fn a_fix_only_see_also_names_is_unreachable_and_told_why() {
    let src = DISK
        .replace(
            r#"steps: [(en: "Rotate them", ko: "순환합니다")]),"#,
            r#"steps: [(en: "Rotate them", ko: "순환합니다")], see_also: ["journal"]),"#,
        )
        .replace(
            r#"        "deleted": Leaf("#,
            r#"        "journal": Leaf(title: (en: "J", ko: "J"), cause: (en: "C", ko: "C"),
            steps: [(en: "S", ko: "S")]),
        "deleted": Leaf("#,
        );
    let errors = check("disk.ron", &src);
    assert_eq!(errors.len(), 1, "{:#?}", messages(&errors));
    assert!(errors[0].message.contains("\"journal\" cannot be reached"));
    let help = errors[0].help.as_deref().unwrap_or("");
    assert!(help.contains("`see_also` does not count"), "{help}");
}

/// A text missing in one language is placed at the item that lacks it, which the message names
/// the way people count (answer 2 is the second) and quotes in the other language.
#[test]
fn a_missing_translation_is_placed_at_its_item_and_named_by_number() {
    let src = with_line(
        DISK,
        17,
        r#"                (label: (en: "/var/lib/docker"), next: "docker"),"#,
    );
    let errors = check("disk.ron", &src);
    let found = messages(&errors);
    assert_eq!(
        found,
        [(
            17,
            17,
            "\"what-grew\": the label of answer 2 (\"/var/lib/docker\") has no Korean (ko) text"
        )]
    );
    // An empty text: at the text itself.
    let src = DISK.replace(
        r#"(en: "Prune them", ko: "정리합니다")"#,
        r#"(en: "Prune them", ko: "")"#,
    );
    let errors = check("disk.ron", &src);
    let found = messages(&errors);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].0, found[0].1), (30, 44), "{found:#?}");
    assert!(found[0].2.contains("step 1 (\"Prune them\")"), "{found:#?}");
}

/// A tab in a command is drawn as spaces but copied as it is, and a shell it is pasted into
/// takes it for completion: an error at the tab, written as it is or as `\t`.
#[test]
fn a_tab_in_a_command_is_an_error_at_the_tab() {
    for tab in ["\t", "\\t"] {
        let src = with_line(
            DISK,
            28,
            &format!(r#"            steps: [(en: "Rotate them", ko: "순환합니다", run: [Bash("du -ah |{tab}sort")])]),"#),
        )
        // Tabs that indent the file are no problem.
        .replace("        \"docker\": Leaf(", "\t\"docker\": Leaf(");
        let errors = check("disk.ron", &src);
        let found = messages(&errors);
        assert_eq!(
            found,
            [(28, 74, "leaf \"logs\" has a command with a tab in it")],
            "{tab:?}"
        );
    }
    // A command that starts with a tab, after a text whose `C:\\temp` holds a backslash and a t.
    let src = with_line(
        DISK,
        28,
        r#"            steps: [(en: "Copy C:\\temp", ko: "복사", run: [Cmd("\tdir")])]),"#,
    );
    let errors = check("disk.ron", &src);
    let found = messages(&errors);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].0, found[0].1), (28, 64), "{found:#?}");
}
