//! `triage check` on what leaves refer to and say: a `see_also` entry must name a leaf (the wizard
//! opens it as a fix), and two leaves may not have the same error message (practice would show it
//! for one and count the other wrong) unless they name each other in `see_also`.

mod common;

use triage::tree::{self, Diagnostic};

/// A small valid tree. Line 18 is `logs`'s `keywords`, 19 its `see_also`; line 15 is its error
/// message, line 23 the one of `inodes`.
const TREE: &str = r#"Tree(
    id: "disk",
    title: (en: "Disk full", ko: "디스크 가득 참"),
    start: "start",
    nodes: {
        "start": Question(
            text: (en: "What does df -i show?", ko: "df -i 결과는?"),
            answers: [
                (label: (en: "IUse% is 100%", ko: "IUse% 100%"), next: "inodes"),
                (label: (en: "IUse% is low", ko: "IUse% 낮음"), next: "logs"),
            ],
        ),
        "logs": Leaf(
            title: (en: "Logs filled the disk", ko: "로그가 디스크를 채움"),
            errors: [(en: "Logs grew", ko: "로그 증가")],
            cause: (en: "No rotation", ko: "순환 없음"),
            steps: [(en: "Vacuum the journal", ko: "저널 정리", run: [Bash("sudo journalctl --vacuum-size=1G")])],
            keywords: ["start", "inodes"],
            see_also: ["inodes"],
        ),
        "inodes": Leaf(
            title: (en: "Out of inodes", ko: "아이노드 부족"),
            errors: [(en: "Out of inodes", ko: "아이노드 부족")],
            cause: (en: "Small files", ko: "작은 파일"),
            steps: [(en: "Find them", ko: "찾기")],
        ),
    },
)
"#;

/// Writes `src` to a temporary file named `name` and loads it as `triage check` does.
fn load(name: &str, src: &str) -> Result<tree::Tree, Vec<Diagnostic>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, src).unwrap();
    tree::load_path(&path)
}

/// The problems `triage check` reports for `src`.
fn check(name: &str, src: &str) -> Vec<Diagnostic> {
    match load(name, src) {
        Ok(_) => panic!("{name} should not load"),
        Err(errors) => errors,
    }
}

/// `triage check` run on `src` written as `name`: its exit code, stdout and stderr (the
/// temporary directory left out of file names).
fn run_check(name: &str, src: &str) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, src).unwrap();
    let out = common::triage().arg("check").arg(&path).output().unwrap();
    let strip = |b: Vec<u8>| {
        String::from_utf8(b)
            .unwrap()
            .replace(&dir.path().join("").display().to_string(), "")
    };
    (out.status.code(), strip(out.stdout), strip(out.stderr))
}

/// `src` with `from` replaced by `to` (which must be there).
fn edit(src: &str, from: &str, to: &str) -> String {
    assert!(src.contains(from), "{from}");
    src.replacen(from, to, 1)
}

/// The 1-based column of `needle` on line `line` of `src`.
fn column(src: &str, line: usize, needle: &str) -> usize {
    let text = src.lines().nth(line - 1).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} on {text}"));
    text[..at].chars().count() + 1
}

#[test]
fn the_base_tree_is_valid() {
    let (code, out, err) = run_check("disk.ron", TREE);
    assert_eq!((code, err.as_str()), (Some(0), ""), "{out}");
    assert_eq!(out, "disk.ron: ok (2 leaves, 1 question)\n");
}

#[test]
fn a_see_also_naming_a_question_is_an_error_at_that_entry() {
    let src = edit(
        TREE,
        r#"see_also: ["inodes"],"#,
        r#"see_also: ["inodes", "start"],"#,
    );
    let errors = check("sa-q.ron", &src);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(
        e.message,
        r#"leaf "logs": see_also must name a leaf; "start" is a question"#
    );
    // At the entry, not at the keyword "start" on the line before.
    assert_eq!((e.line, e.column), (19, column(&src, 19, r#""start""#)));

    let (code, _, err) = run_check("sa-q.ron", &src);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.starts_with(
            "sa-q.ron:19:34: error: leaf \"logs\": see_also must name a leaf; \"start\" is a question\n\
             \x20  |\n19 |             see_also: [\"inodes\", \"start\"],\n   |                                  ^\n"
        ),
        "{err}"
    );
    assert!(err.ends_with("sa-q.ron: 1 error\n"), "{err}");
}

#[test]
fn each_see_also_entry_is_placed_in_a_list_over_several_lines_with_comments() {
    let src = edit(
        TREE,
        r#"            see_also: ["inodes"],"#,
        r#"            see_also: [
                // "start" and "gone" are wrong
                "inodes", /* "gone" */ "start",
                "gone",
            ],"#,
    );
    let errors = check("multi.ron", &src);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].message.contains(r#""start" is a question"#));
    assert_eq!(
        (errors[0].line, errors[0].column),
        (21, column(&src, 21, r#""start""#)),
        "{errors:#?}"
    );
    assert!(
        errors[1]
            .message
            .contains(r#"refers to "gone" in `see_also`, which does not exist"#)
    );
    assert_eq!((errors[1].line, errors[1].column), (22, 17), "{errors:#?}");
}

#[test]
fn a_see_also_naming_a_leaf_is_fine_even_the_same_leaf_as_a_keyword() {
    assert!(load("ok.ron", TREE).is_ok());
}

#[test]
fn two_leaves_with_the_same_error_message_are_an_error_at_the_second_with_a_hint_at_the_first() {
    // Case, a double space and a final period do not make another message.
    let src = edit(
        TREE,
        r#"errors: [(en: "Out of inodes", ko: "아이노드 부족")],"#,
        r#"errors: [(en: "logs  GREW.", ko: "아이노드 부족")],"#,
    );
    let errors = check("same.ron", &src);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(
        e.message,
        r#"leaves "logs" and "inodes" have the same error message "logs  GREW.""#
    );
    assert_eq!((e.line, e.column), (23, column(&src, 23, "\"logs  GREW")));
    let hint = e.hint.as_ref().expect("a hint at the first message");
    assert_eq!(hint.message, r#""logs" has it here"#);
    assert_eq!(
        (hint.line, hint.column),
        (15, column(&src, 15, "\"Logs grew"))
    );
    assert!(e.help.as_deref().unwrap().contains("see_also"), "{e:#?}");

    let (code, _, err) = run_check("same.ron", &src);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.starts_with(
            "same.ron:23:27: error: leaves \"logs\" and \"inodes\" have the same error message \"logs  GREW.\"\n"
        ),
        "{err}"
    );
    assert!(err.contains("hint: \"logs\" has it here\n"), "{err}");
    assert!(
        err.contains("15 |             errors: [(en: \"Logs grew\""),
        "{err}"
    );
}

#[test]
fn the_same_message_in_one_language_only_is_placed_at_that_language() {
    let src = edit(
        TREE,
        r#"errors: [(en: "Out of inodes", ko: "아이노드 부족")],"#,
        r#"errors: [(en: "Out of inodes", ko: "로그 증가")],"#,
    );
    let errors = check("ko.ron", &src);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].message.contains("\"로그 증가\""), "{errors:#?}");
    assert_eq!(
        (errors[0].line, errors[0].column),
        (23, column(&src, 23, "\"로그 증가"))
    );
}

#[test]
fn a_message_shared_by_leaves_that_name_each_other_in_see_also_is_allowed() {
    let shared = edit(
        TREE,
        r#"errors: [(en: "Out of inodes", ko: "아이노드 부족")],"#,
        r#"errors: [(en: "Logs grew", ko: "로그 증가")],"#,
    );
    // One way only is not enough: `inodes` does not name `logs`.
    assert_eq!(check("one-way.ron", &shared).len(), 1);
    let both = edit(
        &shared,
        r#"steps: [(en: "Find them", ko: "찾기")],"#,
        r#"steps: [(en: "Find them", ko: "찾기")],
            see_also: ["logs"],"#,
    );
    let (code, out, err) = run_check("siblings.ron", &both);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "siblings.ron: ok (2 leaves, 1 question)\n");
}

#[test]
fn one_leaf_may_list_a_message_twice_and_leaves_may_share_codes() {
    let src = edit(
        TREE,
        r#"errors: [(en: "Logs grew", ko: "로그 증가")],"#,
        r#"errors: [(en: "Logs grew", ko: "로그 증가"), (en: "logs grew", ko: "로그 증가")],
            codes: ["ENOSPC"],"#,
    );
    let src = edit(
        &src,
        r#"steps: [(en: "Find them", ko: "찾기")],"#,
        r#"steps: [(en: "Find them", ko: "찾기")],
            codes: ["ENOSPC"],"#,
    );
    assert!(load("twice.ron", &src).is_ok());
}

#[test]
fn many_leaves_with_one_message_stop_at_the_limit_quickly() {
    let mut src = String::from(
        "Tree(id: \"many\", title: (en: \"M\"), languages: [en], start: \"start\", nodes: {\n\
         \"start\": Question(text: (en: \"Q\"), answers: [(label: (en: \"a\"), next: \"l0\")]),\n",
    );
    for i in 0..20_000 {
        src.push_str(&format!(
            "\"l{i}\": Leaf(title: (en: \"L\"), errors: [(en: \"Same\")], cause: (en: \"C\"), \
             steps: [(en: \"S\")]),\n"
        ));
    }
    src.push_str("})\n");
    let started = std::time::Instant::now();
    let errors = check("many.ron", &src);
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    assert_eq!(errors.len(), tree::validate::MAX_DIAGNOSTICS + 1);
    assert!(
        errors
            .last()
            .unwrap()
            .message
            .starts_with("too many problems")
    );
}

#[test]
fn the_embedded_tree_has_no_shared_messages_and_no_see_also_to_a_question() {
    let tree = tree::load_str(tree::EMBEDDED_NAME, tree::EMBEDDED_SOURCE)
        .unwrap_or_else(|e| panic!("{e:#?}"));
    for (id, leaf) in tree.leaves() {
        for target in &leaf.see_also {
            assert!(tree.leaf(target).is_some(), "{id} -> {target}");
        }
    }
}

#[test]
fn the_minimal_tree_in_the_format_docs_passes_check() {
    let docs = std::fs::read_to_string("docs/tree-format.md").unwrap();
    let section = &docs[docs.find("## A minimal tree").expect("the section")..];
    let start = section.find("```ron\n").expect("its example") + "```ron\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let (code, out, err) = run_check("disk-full.ron", example);
    assert_eq!(code, Some(0), "{err}");
    // What the docs say it prints.
    assert!(section.contains(out.trim_end()), "{out}");
    assert_eq!(out, "disk-full.ron: ok (2 leaves, 1 question)\n");
}
