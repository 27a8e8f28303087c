//! The user's own trees and config from the command line: `check` with `--tree` and of every
//! installed tree, why a tree id is unknown, a broken config that warns instead of stopping,
//! `tree_dirs` with `~` and entries that are no directory, history and resume on user trees,
//! hints that keep `--tree`, completions without the hidden command and with the ids of the tree
//! in use after `show` (`list --ids`). Every test has temporary config, data and home
//! directories.

mod common;

use std::path::{Path, PathBuf};

/// A small valid tree with id `id`: question "s", question "t", leaf "fix".
fn tree_source(id: &str) -> String {
    format!(
        r#"Tree(id: "{id}", title: (en: "Mini", ko: "미니"), start: "s",
  nodes: {{
    "s": Question(text: (en: "First question?", ko: "첫째 질문?"), answers: [(label: (en: "Alpha", ko: "가"), next: "t")]),
    "t": Question(text: (en: "Second question?", ko: "둘째 질문?"), answers: [(label: (en: "Beta", ko: "나"), next: "fix")]),
    "fix": Leaf(title: (en: "The fix", ko: "해결"), cause: (en: "c", ko: "원인"), steps: [(en: "do", ko: "하기")]) }})"#
    )
}

/// `tree_source` with a field name misspelt on line 5, column 79 (`steps` as `stpes`).
fn typo_source(id: &str) -> String {
    tree_source(id).replace("steps:", "stpes:")
}

/// Temporary config (with `trees/`), data and home directories.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["config/trees", "data", "home"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        Env { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn triage(&self) -> assert_cmd::Command {
        let mut c = common::triage();
        c.env("TRIAGE_CONFIG_DIR", self.path("config"))
            .env("TRIAGE_DATA_DIR", self.path("data"))
            .env("HOME", self.path("home"))
            .current_dir(self.dir.path());
        c
    }

    /// Exit code, stdout, stderr of `triage ARGS`.
    fn run(&self, args: &[&str]) -> (Option<i32>, String, String) {
        output(self.triage().args(args).output().unwrap())
    }
}

fn output(out: std::process::Output) -> (Option<i32>, String, String) {
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

// 1. check with --tree, and of every installed tree.

#[test]
fn check_with_tree_checks_that_tree_wherever_the_option_is() {
    let env = Env::new();
    let broken = env.write("broken.ron", &typo_source("mine"));
    for args in [
        ["--tree", "broken.ron", "check"],
        ["check", "--tree", "broken.ron"],
    ] {
        let (code, out, err) = env.run(&args);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(!out.contains("azure-vm-backup"), "{out}");
        assert!(err.contains("broken.ron:5:"), "{err}");
        assert!(err.contains("unknown field `stpes`"), "{err}");
    }
    // By id, a tree of the config dir's trees/: its file is named.
    let mine = env.write("config/trees/mine.ron", &tree_source("mine"));
    let (code, out, err) = env.run(&["--tree", "mine", "check", "--stats"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with(&format!("{}: ok (1 leaf, 2 questions)\n", shown(&mine))),
        "{out}"
    );
    assert!(out.contains("depth"), "{out}");
    assert!(!out.contains("azure-vm-backup"), "{out}");
    // And the embedded tree by its id.
    let (code, out, _) = env.run(&["--tree", "azure-vm-backup", "check"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("azure-vm-backup (embedded): ok"), "{out}");
    let _ = broken;
}

#[test]
fn check_with_tree_and_files_checks_both() {
    let env = Env::new();
    let other = env.write("other.ron", &tree_source("other"));
    env.write("config/trees/mine.ron", &tree_source("mine"));
    let (code, out, err) = env.run(&["--tree", "mine", "check", other.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let names: Vec<&str> = out.lines().map(|l| l.split(": ").next().unwrap()).collect();
    assert_eq!(
        names,
        [shown(&env.path("config/trees/mine.ron")), shown(&other)]
    );
}

#[test]
fn check_without_arguments_checks_the_users_trees_too() {
    let env = Env::new();
    let good = env.write("config/trees/a-good.ron", &tree_source("good"));
    let broken = env.write("config/trees/b-broken.ron", &typo_source("broken"));
    let twin = env.write("config/trees/c-twin.ron", &tree_source("good"));
    let extra = env.write("extra/d.ron", &tree_source("extra"));
    env.write(
        "config/config.ron",
        &format!("Config(tree_dirs: [{:?}])", shown(&env.path("extra"))),
    );
    let (code, out, err) = env.run(&["check"]);
    assert_eq!(code, Some(1), "{err}");
    let checked: Vec<&str> = out
        .lines()
        .map(|l| l.split(": ok").next().unwrap())
        .collect();
    assert_eq!(
        checked,
        [
            "azure-vm-backup (embedded)".to_string(),
            shown(&good),
            shown(&extra)
        ]
    );
    assert!(
        err.contains(&format!("{}:5:", shown(&broken))),
        "the broken file with its place: {err}"
    );
    assert!(
        err.contains(&format!(
            "{}: error: tree id \"good\" is already taken by {}",
            shown(&twin),
            shown(&good)
        )),
        "{err}"
    );
    // Without user trees: the embedded tree alone, as before.
    let env = Env::new();
    let (code, out, err) = env.run(&["check"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    assert_eq!(out.lines().count(), 1, "{out}");
}

// 2. Why a tree id is unknown; a directory given to --tree.

#[test]
fn an_unknown_tree_id_names_the_tree_files_that_could_not_be_loaded() {
    let env = Env::new();
    let broken = env.write("config/trees/typo-tree.ron", &typo_source("typo-tree"));
    let (code, _, err) = env.run(&["--tree", "typo-tree", "list"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(
        err,
        format!(
            "triage: no tree \"typo-tree\"; known trees: azure-vm-backup (or give a path to a .ron file)\n\
             triage: 1 tree file could not be loaded (`triage check` shows every error):\n  \
             {}:5:79: unknown field `stpes` in Leaf\n",
            shown(&broken)
        )
    );
    // No broken file: nothing more than the known trees.
    std::fs::remove_file(&broken).unwrap();
    let (code, _, err) = env.run(&["--tree", "typo-tree", "list"]);
    assert_eq!(code, Some(2));
    assert_eq!(err.lines().count(), 1, "{err}");
    // In Korean too.
    env.write("config/trees/x.ron", "Tree(");
    let (_, _, err) = env.run(&["--lang", "ko", "--tree", "nope", "list"]);
    assert!(err.contains("트리 파일 1개를 읽지 못했습니다"), "{err}");
}

#[test]
fn many_broken_tree_files_are_cut_short() {
    let env = Env::new();
    for i in 0..7 {
        env.write(&format!("config/trees/t{i}.ron"), "");
    }
    let (code, _, err) = env.run(&["--tree", "nope", "list"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("7 tree files could not be loaded"), "{err}");
    assert_eq!(err.matches(": the file is empty").count(), 5, "{err}");
    assert!(err.ends_with("  ...\n"), "{err}");
}

#[test]
fn a_directory_given_to_tree_is_said_to_be_one() {
    let env = Env::new();
    std::fs::create_dir(env.path("runbooks")).unwrap();
    let (code, _, err) = env.run(&["--tree", "runbooks", "list"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "triage: runbooks is a directory: --tree takes a tree file (.ron) or a tree id; \
         `triage check runbooks` checks the trees in it\n"
    );
    // A tree id comes first, though a folder has its name.
    env.write("config/trees/runbooks.ron", &tree_source("runbooks"));
    let (code, out, _) = env.run(&["--tree", "runbooks", "list"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.trim(), "fix  The fix");
}

// 3. A broken or empty config warns once; the run goes on with the defaults.

#[test]
fn a_broken_config_is_a_warning_once_and_every_command_still_runs() {
    let env = Env::new();
    env.write("config/config.ron", "Config(\n  lang: kr,\n)\n");
    let tree = env.write("mine.ron", &tree_source("mine"));
    let (code, out, err) = env.run(&["check", tree.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains(": ok"), "{out}");
    assert_eq!(
        err.matches("config.ron:2:9: error: unknown language `kr`")
            .count(),
        1,
        "{err}"
    );
    assert!(
        err.ends_with(
            "triage: warning: the config file is not used for this run (the defaults are); \
             fix it, or run with --no-config\n"
        ),
        "{err}"
    );
    // The wizard opens too.
    let out = env
        .triage()
        .arg("--plain")
        .write_stdin("q\n")
        .output()
        .unwrap();
    let (code, out, err) = output(out);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("1)"), "{out}");
    assert_eq!(err.matches("unknown language").count(), 1, "{err}");
    // Completion scripts read no setting: not a word on stderr.
    let (code, out, err) = env.run(&["completions", "bash"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    assert!(out.contains("_triage()"));
}

#[test]
fn a_config_syntax_error_points_at_the_readme_not_the_tree_format() {
    let env = Env::new();
    env.write("config/config.ron", "Config(lang: ko");
    let (code, _, err) = env.run(&["list"]);
    assert_eq!(code, Some(0));
    assert!(!err.contains("tree-format"), "{err}");
    assert!(err.contains("README's \"Files\" section"), "{err}");
}

#[test]
fn an_empty_config_is_the_defaults() {
    let env = Env::new();
    for text in ["", "\n\n", "   "] {
        env.write("config/config.ron", text);
        let (code, out, err) = env.run(&["list"]);
        assert_eq!((code, err.as_str()), (Some(0), ""), "{text:?}");
        assert!(out.contains("backup-19"));
    }
}

// 4. tree_dirs: `~`, relative entries, and entries that are no directory.

#[test]
fn tree_dirs_expand_the_home_and_warn_about_what_is_no_directory() {
    let env = Env::new();
    let in_home = env.write("home/runbooks/h.ron", &tree_source("from-home"));
    let relative = env.write("config/team/r.ron", &tree_source("from-config-dir"));
    let file = env.write("plain-file", "x");
    env.write(
        "config/config.ron",
        &format!(
            "Config(tree_dirs: [\"~/runbooks\", \"team\", \"/nonexistent/triage-trees\", {:?}])",
            shown(&file)
        ),
    );
    let (code, out, err) = env.run(&["trees"]);
    assert_eq!(code, Some(0), "{err}");
    let listed = |id: &str, file: &Path| {
        out.lines().any(|l| {
            l.starts_with(&format!("{id} ")) && l.ends_with(&format!("Mini  {}", shown(file)))
        })
    };
    assert!(listed("from-home", &in_home), "{out}");
    assert!(listed("from-config-dir", &relative), "{out}");
    let config = shown(&env.path("config/config.ron"));
    let missing = std::io::Error::from_raw_os_error(2).to_string();
    let missing = missing.split(" (os error").next().unwrap();
    assert_eq!(
        err,
        format!(
            "triage: warning: skipped /nonexistent/triage-trees (tree_dirs in {config}): {missing}\n\
             triage: warning: skipped {} (tree_dirs in {config}): not a directory\n",
            shown(&file)
        )
    );
    // Picked by id from there; a command on the embedded tree does not look (nor warn).
    let (code, out, _) = env.run(&["--tree", "from-home", "list"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.trim(), "fix  The fix");
    let (code, _, err) = env.run(&["show", "backup-19"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
}

// 5. history on a user tree: the question's words.

#[test]
fn history_shows_the_question_of_a_session_on_a_user_tree() {
    let env = Env::new();
    env.write("config/trees/mini.ron", &tree_source("mini"));
    env.triage()
        .args(["--plain", "--tree", "mini"])
        .write_stdin("1\nq\n")
        .assert()
        .success();
    let (code, out, err) = env.run(&["history"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("mini  1 answer  at: Second question?"),
        "{out}"
    );
    let (_, out, _) = env.run(&["--lang", "ko", "history"]);
    assert!(out.contains("멈춘 곳: 둘째 질문?"), "{out}");
    // The tree gone: the words the session saved when it answered there (after a step back).
    env.triage()
        .args(["--plain", "--tree", "mini"])
        .write_stdin("1\nb\nq\n")
        .assert()
        .success();
    std::fs::remove_file(env.path("config/trees/mini.ron")).unwrap();
    let (_, out, _) = env.run(&["history"]);
    // Both sessions may have started within the same second: in either order.
    let mut ends: Vec<&str> = out
        .lines()
        .map(|l| l.rsplit("  ").next().unwrap())
        .collect();
    ends.sort();
    assert_eq!(ends, ["at: First question?", "at: t"], "{out}");
}

#[test]
fn history_titles_fixes_of_user_trees_in_the_language_asked() {
    let env = Env::new();
    env.write("config/trees/mini.ron", &tree_source("mini"));
    env.triage()
        .args(["--plain", "--lang", "ko", "--tree", "mini"])
        .write_stdin("1\n1\nq\n")
        .assert()
        .success();
    let (_, out, _) = env.run(&["--lang", "en", "history"]);
    assert!(out.contains("fix  The fix"), "{out}");
}

// 6. show: hints that keep --tree; a question's id.

#[test]
fn show_hints_keep_the_tree_option() {
    let env = Env::new();
    env.write("config/trees/mini.ron", &tree_source("mini"));
    let (code, _, err) = env.run(&["--tree", "mini", "show", "nothing-like-it"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "triage: no leaf \"nothing-like-it\" in tree \"mini\"; run `triage --tree mini list` to \
         see every id\n"
    );
    let file = env.write("my trees/t.ron", &tree_source("t"));
    let (_, _, err) = env.run(&["--tree", file.to_str().unwrap(), "show", "nothing-like-it"]);
    assert!(
        err.contains(&format!("run `triage --tree '{}' list`", shown(&file))),
        "{err}"
    );
    let (_, _, err) = env.run(&["show", "nothing-like-it"]);
    assert!(err.contains("run `triage list` to see every id"), "{err}");
}

#[test]
fn show_of_a_question_says_it_is_a_question() {
    let env = Env::new();
    env.write("config/trees/mini.ron", &tree_source("mini"));
    let (code, _, err) = env.run(&["--tree", "mini", "show", "s"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "triage: \"s\" is a question of tree \"mini\", not a fix: `show` prints fixes; \
         run `triage --tree mini list` to see them\n"
    );
    let (_, _, err) = env.run(&["--lang", "ko", "show", "start"]);
    assert!(err.contains("질문이며 해결책이 아닙니다"), "{err}");
}

#[test]
fn an_error_code_of_several_fixes_keeps_the_tree_option() {
    let env = Env::new();
    let with_codes = r#"Tree(id: "coded", title: (en: "Coded", ko: "코드"), start: "s",
  nodes: {
    "s": Question(text: (en: "Which?", ko: "어느?"), answers: [
        (label: (en: "One", ko: "하나"), next: "fix1"), (label: (en: "Two", ko: "둘"), next: "fix2")]),
    "fix1": Leaf(title: (en: "One", ko: "하나"), cause: (en: "c", ko: "원인"), steps: [(en: "do", ko: "하기")], codes: ["E42"]),
    "fix2": Leaf(title: (en: "Two", ko: "둘"), cause: (en: "c", ko: "원인"), steps: [(en: "do", ko: "하기")], codes: ["E42"]) })"#;
    env.write("config/trees/coded.ron", with_codes);
    let (code, _, err) = env.run(&["--tree", "coded", "show", "E42"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("`triage --tree coded show ID` shows one, `triage --tree coded search E42`"),
        "{err}"
    );
}

// 7, 8. resume: refused in the user's language; a tree file gone is said.

/// Session 1: tree `id` opened from `file`, stopped at its second question, in `lang`.
fn session_on(env: &Env, file: &Path, lang: &str) {
    env.triage()
        .args(["--plain", "--lang", lang, "--tree", file.to_str().unwrap()])
        .write_stdin("1\nq\n")
        .assert()
        .success();
}

#[test]
fn resume_refuses_in_the_users_language_not_the_sessions() {
    let env = Env::new();
    let file = env.write("mini.ron", &tree_source("mini"));
    session_on(&env, &file, "ko");
    let (code, _, err) = env.run(&["--tree", "azure-vm-backup", "resume", "1", "--plain"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "triage: session 1 is on tree mini, not azure-vm-backup: resume it with its own tree \
         (without --tree); nothing was changed\n"
    );
    let out = env
        .triage()
        .env("LANG", "ko_KR.UTF-8")
        .args(["--tree", "azure-vm-backup", "resume", "--plain"])
        .output()
        .unwrap();
    assert!(output(out).2.contains("1번 세션의 트리는"));
    // Resumed, the wizard speaks the session's language.
    let (code, out, err) = output(
        env.triage()
            .args(["resume", "--plain"])
            .write_stdin("q\n")
            .output()
            .unwrap(),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("둘째 질문?"), "{out}");
}

#[test]
fn resume_says_when_the_sessions_tree_file_is_gone_and_another_has_its_id() {
    let env = Env::new();
    let file = env.write("elsewhere/mini.ron", &tree_source("mini"));
    session_on(&env, &file, "en");
    std::fs::remove_file(&file).unwrap();
    let installed = env.write("config/trees/mini.ron", &tree_source("mini"));
    let (code, out, err) = output(
        env.triage()
            .args(["resume", "--plain"])
            .write_stdin("q\n")
            .output()
            .unwrap(),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Second question?"), "{out}");
    assert_eq!(
        err,
        format!(
            "triage: note: the tree file of session 1 is gone ({}); resuming it on tree mini \
             from {}\n",
            shown(&file),
            shown(&installed)
        )
    );
}

// 9, 11. Completions and help.

#[test]
fn completions_do_not_offer_the_hidden_command() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = env.run(&["completions", shell]);
        assert_eq!(code, Some(0));
        assert!(!out.contains("gen-assets"), "{shell}");
        assert!(out.contains("practice"), "{shell}");
    }
    // Still there for the developers.
    let (code, _, err) = env.run(&["gen-assets", "/nonexistent/assets"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("gen-assets rewrites the files"), "{err}");
}

#[test]
fn the_lang_help_names_the_config_before_the_locale() {
    let env = Env::new();
    let (_, out, _) = env.run(&["--help"]);
    let help: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("(default: the config file's `lang`, else LC_ALL / LC_MESSAGES / LANG)"),
        "{out}"
    );
}

// 10. An empty tree file.

#[test]
fn an_empty_tree_file_is_said_to_be_empty() {
    let env = Env::new();
    for text in ["", "\n  \n", "\u{feff}\n"] {
        let file = env.write("empty.ron", text);
        let (code, _, err) = env.run(&["check", file.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{text:?}");
        assert!(
            err.starts_with(&format!("{}: error: the file is empty\n", shown(&file))),
            "{err}"
        );
        assert!(!err.contains("RON syntax"), "{err}");
        let (code, _, err) = env.run(&["--tree", file.to_str().unwrap(), "list"]);
        assert_eq!(code, Some(1));
        assert!(err.contains("the file is empty"), "{err}");
    }
}

/// A `--tree` with a path separator is a path, even without `.ron`: a missing file is said to
/// be missing, not an unknown tree id.
#[test]
fn a_tree_path_without_ron_is_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let (code, _, err) = output(
        common::triage()
            .arg("--tree")
            .arg(&missing)
            .arg("list")
            .output()
            .unwrap(),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("cannot read the file"), "{err}");
    assert!(!err.contains("known trees"), "{err}");
}

/// The config's `tree` is the tree used without `--tree` (an id, or a file: `~/` is the home,
/// a relative path is in the config directory); `--tree` still picks another.
#[test]
fn the_config_tree_is_used_without_the_option() {
    let env = Env::new();
    env.write("config/trees/mine.ron", &tree_source("mine"));
    env.write("config/config.ron", "Config(tree: \"mine\")");
    let (code, out, err) = env.run(&["list"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("fix "), "{out}");
    let (_, out, _) = env.run(&["--tree", "azure-vm-backup", "list"]);
    assert!(out.starts_with("backup-01 "), "{out}");
    env.write("home/runbooks/other.ron", &tree_source("other"));
    for path in ["~/runbooks/other.ron", "../home/runbooks/other.ron"] {
        env.write("config/config.ron", &format!("Config(tree: \"{path}\")"));
        let (code, out, err) = env.run(&["search", "--json", "fix"]);
        assert_eq!(code, Some(0), "{path}: {err}");
        assert!(out.contains("\"id\": \"fix\""), "{path}: {out}");
    }
    // No such tree: said as for --tree.
    env.write("config/config.ron", "Config(tree: \"nope\")");
    let (code, _, err) = env.run(&["list"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no tree \"nope\""), "{err}");
    // --no-config: the built-in tree.
    let (_, out, _) = env.run(&["--no-config", "list"]);
    assert!(out.starts_with("backup-01 "), "{out}");
}

/// `triage list --ids`: the ids alone, of the tree the options and the config pick.
#[test]
fn list_ids_prints_the_ids_of_the_tree_in_use() {
    let env = Env::new();
    let (code, out, _) = env.run(&["list", "--ids"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 57);
    assert!(out.lines().any(|l| l == "backup-19"), "{out}");
    assert!(out.lines().all(|l| !l.contains(' ')), "{out}");
    env.write("config/trees/mine.ron", &tree_source("mine"));
    assert_eq!(env.run(&["--tree", "mine", "list", "--ids"]).1, "fix\n");
    env.write("config/config.ron", "Config(tree: \"mine\")");
    assert_eq!(env.run(&["list", "--ids"]).1, "fix\n");
    assert_eq!(
        env.run(&["list", "--ids", "--no-config"]).1.lines().count(),
        57
    );
    let (code, _, _) = env.run(&["list", "--ids", "--json"]);
    assert_eq!(code, Some(2));
}

/// The completion scripts complete `show`'s id with the ids of the tree in use, asked of
/// triage at completion time: bash, zsh and fish each carry the hook.
#[test]
fn completions_complete_the_id_of_show_with_the_trees_ids() {
    let env = Env::new();
    let script = |shell: &str| env.run(&["completions", shell]).1;
    let bash = script("bash");
    assert!(bash.contains("__triage_leaf_ids() {"), "{bash}");
    assert!(bash.contains("opts=\"$(__triage_leaf_ids)\""), "{bash}");
    let zsh = script("zsh");
    assert!(zsh.contains("_triage_leaf_ids() {"), "{zsh}");
    assert!(
        zsh.contains(":id -- Leaf id, e.g. backup-19:_triage_leaf_ids'"),
        "{zsh}"
    );
    assert!(!zsh.contains("backup-19:_default'"), "{zsh}");
    let fish = script("fish");
    assert!(fish.contains("function __fish_triage_leaf_ids"), "{fish}");
    assert!(
        fish.contains("-n \"__fish_triage_completing_leaf_id\" -f -a \"(__fish_triage_leaf_ids)\""),
        "{fish}"
    );
    for text in [&bash, &zsh, &fish] {
        assert!(text.contains("triage") && text.contains("list --ids"));
    }
}

/// What bash completes for the words `words` (the last one being completed), with the bash
/// script sourced and the built binary first on PATH; `None` without bash.
fn bash_completes(env: &Env, words: &[&str]) -> Option<Vec<String>> {
    if std::process::Command::new("bash")
        .args(["-c", "true"])
        .output()
        .is_err()
    {
        return None;
    }
    let script = env.write("triage.bash", &env.run(&["completions", "bash"]).1);
    let bin = Path::new(env!("CARGO_BIN_EXE_triage")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let quoted: Vec<String> = words
        .iter()
        .map(|w| format!("'{}'", w.replace('\'', r"'\''")))
        .collect();
    let n = words.len();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_triage triage {} {}\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        n - 1,
        quoted[n - 1],
        quoted[n - 2],
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &program])
        .env("PATH", path)
        .env("TRIAGE_CONFIG_DIR", env.path("config"))
        .env("TRIAGE_DATA_DIR", env.path("data"))
        .env("HOME", env.path("home"))
        .current_dir(env.path(""))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn bash_completes_show_with_the_ids_of_the_tree_in_use() {
    let env = Env::new();
    let Some(got) = bash_completes(&env, &["triage", "show", "back"]) else {
        return;
    };
    assert!(got.contains(&"backup-19".to_string()), "{got:?}");
    assert!(got.iter().all(|w| w.starts_with("back")), "{got:?}");
    // After another option, and with options asked for: options.
    let got = bash_completes(&env, &["triage", "show", "--json", "backup-1"]).unwrap();
    assert!(got.contains(&"backup-19".to_string()), "{got:?}");
    let got = bash_completes(&env, &["triage", "show", "--js"]).unwrap();
    assert_eq!(got, ["--json"]);
    // The user's trees: by `--tree` on the line (before or after `show`, `~/` too), or the
    // config's `tree`.
    env.write("config/trees/mine.ron", &tree_source("mine"));
    env.write("home/t/other.ron", &tree_source("other"));
    for words in [
        ["triage", "--tree", "mine", "show", ""].as_slice(),
        &["triage", "show", "--tree", "mine", "f"],
        &["triage", "--tree", "~/t/other.ron", "show", ""],
        &["triage", "--tree", "=", "mine", "show", ""],
    ] {
        assert_eq!(bash_completes(&env, words).unwrap(), ["fix"], "{words:?}");
    }
    env.write("config/config.ron", "Config(tree: \"mine\")");
    assert_eq!(
        bash_completes(&env, &["triage", "show", ""]).unwrap(),
        ["fix"]
    );
    let got = bash_completes(&env, &["triage", "--no-config", "show", "backup-19"]).unwrap();
    assert_eq!(got, ["backup-19"]);
}

/// fish, when it is installed: `complete -C` with the script sourced offers the tree's ids.
#[test]
fn fish_completes_show_with_the_ids_of_the_tree_in_use() {
    let env = Env::new();
    if std::process::Command::new("fish")
        .args(["-c", "true"])
        .output()
        .is_err()
    {
        return;
    }
    let script = env.write("triage.fish", &env.run(&["completions", "fish"]).1);
    env.write("config/trees/mine.ron", &tree_source("mine"));
    let bin = Path::new(env!("CARGO_BIN_EXE_triage")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let complete = |line: &str| {
        let program = format!("source '{}'; complete -C '{line}'", script.display());
        let out = std::process::Command::new("fish")
            .args(["--no-config", "-c", &program])
            .env("PATH", &path)
            .env("TRIAGE_CONFIG_DIR", env.path("config"))
            .env("TRIAGE_DATA_DIR", env.path("data"))
            .env("HOME", env.path("home"))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    let got = complete("triage show back");
    assert!(got.contains(&"backup-19".to_string()), "{got:?}");
    assert_eq!(complete("triage show --tree mine "), ["fix"]);
    assert_eq!(complete("triage --tree=mine show "), ["fix"]);
}
