//! Shell completions and the man page, generated from the clap definition so they never drift.
//! `cargo run -- gen-assets` rewrites `assets/`; a test checks the files are up to date.

use super::{Cli, EXIT_FAILURE};
use crate::tree::Lang;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::path::Path;

/// Prints the completion script. Generated in memory first: clap_complete panics when its
/// writer fails (`| head` closes the pipe), and the caller says what a write error means.
pub fn completions(shell: Shell, out: &mut impl Write) -> i32 {
    match out.write_all(&completion_script(shell)) {
        Ok(()) => 0,
        Err(_) => EXIT_FAILURE,
    }
}

/// The man page, as roff.
pub fn man_page() -> Vec<u8> {
    let mut buf = Vec::new();
    // Rendering into memory cannot fail.
    let _ = clap_mangen::Man::new(Cli::command()).render(&mut buf);
    buf
}

/// The completion script for `shell`: clap_complete's, with the ids of the fixes completed
/// after `show` in bash, zsh and fish.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut completed_command(), "triage", &mut buf);
    match String::from_utf8(buf) {
        Ok(script) => with_leaf_ids(shell, script).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// bash: asks triage for the ids of the tree the line would use (its `--tree`, `--no-config`;
/// else the config's tree), so that the user's trees complete too.
const BASH_LEAF_IDS: &str = r#"# The ids of the fixes of the tree in use, for `triage show`: asked of triage itself
# (`triage list --ids`), with the line's `--tree` and `--no-config`, so the user's trees too.
__triage_leaf_ids() {
    local i word args=()
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word="${COMP_WORDS[i]}"
        case "${word}" in
            --no-config)
                args+=(--no-config)
                ;;
            --tree)
                # `--tree=FILE` is three words to bash: `--tree`, `=`, `FILE`.
                if [[ "${COMP_WORDS[i+1]}" == "=" ]]; then
                    (( i++ ))
                fi
                if (( i + 1 < COMP_CWORD )); then
                    (( i++ ))
                    word="${COMP_WORDS[i]}"
                    if [[ "${word}" == "~/"* ]]; then
                        word="${HOME}/${word:2}"
                    fi
                    args+=(--tree "${word}")
                fi
                ;;
        esac
    done
    command triage "${args[@]}" list --ids 2>/dev/null
}

"#;

/// bash, in the `show` case after its options: the ids instead, unless an option is typed.
const BASH_SHOW_IDS: &str = r#"            if [[ ${cur} != -* ]] ; then
                opts="$(__triage_leaf_ids)"
            fi
"#;

/// zsh: the action of `show`'s id argument (instead of `_default`, file names).
const ZSH_LEAF_IDS: &str = r#"(( $+functions[_triage_leaf_ids] )) ||
_triage_leaf_ids() {
    # The ids of the fixes of the tree in use: asked of triage itself (`triage list --ids`),
    # with the line's `--tree` and `--no-config`, so the user's trees too.
    local -a ids args typed
    local i expl
    typed=(${(Q)${(z)LBUFFER}})
    for (( i = 1; i <= $#typed; i++ )); do
        case $typed[i] in
            (--no-config) args+=(--no-config) ;;
            (--tree) (( i < $#typed )) && args+=(--tree "${typed[++i]/#\~/$HOME}") ;;
            (--tree=*) args+=(--tree "${${typed[i]#--tree=}/#\~/$HOME}") ;;
        esac
    done
    ids=(${(f)"$(_call_program leaf-ids triage ${(q)args} list --ids 2>/dev/null)"})
    _wanted leaf-ids expl 'leaf id' compadd -a ids
}

"#;

/// fish: the ids after `show` (not where an option's value goes).
const FISH_LEAF_IDS: &str = r#"
# The ids of the fixes of the tree in use, for `triage show`: asked of triage itself
# (`triage list --ids`), with the line's `--tree` and `--no-config`, so the user's trees too.
function __fish_triage_leaf_ids
    set -l tokens (commandline -opc)
    set -l args
    set -l i 2
    while test $i -le (count $tokens)
        switch $tokens[$i]
            case --no-config
                set -a args --no-config
            case --tree
                set i (math $i + 1)
                test $i -le (count $tokens)
                and set -a args --tree (string replace -r '^~/' "$HOME/" -- $tokens[$i])
            case '--tree=*'
                set -a args --tree (string replace -r '^--tree=~/' "$HOME/" -- $tokens[$i] | string replace -r '^--tree=' '')
        end
        set i (math $i + 1)
    end
    command triage $args list --ids 2>/dev/null
end

function __fish_triage_completing_leaf_id
    __fish_triage_using_subcommand show
    or return 1
    set -l tokens (commandline -opc)
    not contains -- $tokens[-1] --tree --lang --set --color
end

complete -c triage -n "__fish_triage_completing_leaf_id" -f -a "(__fish_triage_leaf_ids)" -d 'Leaf id'
"#;

/// `script` with the ids of the tree's fixes completed for `show`'s id: clap_complete knows no
/// value list made at completion time, so its script is completed here (still generated, and
/// `assets/` still checked against it). A `script` not shaped as expected is left as it is
/// (the tests say so).
fn with_leaf_ids(shell: Shell, script: String) -> String {
    match shell {
        Shell::Bash => {
            let case = "        triage__subcmd__show)\n";
            let Some(start) = script.find(case).map(|i| i + case.len()) else {
                return script;
            };
            // After the line that sets the options of `show`.
            let Some(line) = script[start..].find('\n').map(|i| start + i + 1) else {
                return script;
            };
            if !script[start..line].trim_start().starts_with("opts=") {
                return script;
            }
            format!(
                "{BASH_LEAF_IDS}{}{BASH_SHOW_IDS}{}",
                &script[..line],
                &script[line..]
            )
        }
        Shell::Zsh => {
            let id = "':id -- ";
            let end = "if [ \"$funcstack[1]\" = \"_triage\" ]; then";
            let (Some(arg), Some(at)) = (script.find(id), script.find(end)) else {
                return script;
            };
            let Some(action) = script[arg..].find(":_default'").map(|i| arg + i) else {
                return script;
            };
            format!(
                "{}:_triage_leaf_ids'{}{ZSH_LEAF_IDS}{}",
                &script[..action],
                &script[action + ":_default'".len()..at],
                &script[at..]
            )
        }
        Shell::Fish => script + FISH_LEAF_IDS,
        _ => script,
    }
}

/// The command line as the completions offer it: without the hidden commands (`gen-assets`, for
/// developers), which clap_complete would list (clap_mangen leaves them out of the man page
/// itself). clap cannot remove a subcommand, so the top command is built again around the rest.
fn completed_command() -> clap::Command {
    let full = Cli::command();
    let mut shown = clap::Command::new("triage")
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|c| !c.is_hide_set()).cloned());
    if let Some(about) = full.get_about() {
        shown = shown.about(about.clone());
    }
    if let Some(about) = full.get_long_about() {
        shown = shown.long_about(about.clone());
    }
    shown
}

/// Every generated file: its path under the assets directory and its content.
pub fn files() -> Vec<(String, Vec<u8>)> {
    vec![
        ("triage.1".to_string(), man_page()),
        (
            "completions/triage.bash".to_string(),
            completion_script(Shell::Bash),
        ),
        (
            "completions/_triage".to_string(),
            completion_script(Shell::Zsh),
        ),
        (
            "completions/triage.fish".to_string(),
            completion_script(Shell::Fish),
        ),
    ]
}

/// True when `dir` holds the triage crate's Cargo.toml: `[package]` with `name = "triage"`.
fn is_source_tree(dir: &Path) -> bool {
    let Ok(bytes) = crate::fsutil::read_limited(&dir.join("Cargo.toml"), 1024 * 1024) else {
        return false;
    };
    let mut in_package = false;
    for line in String::from_utf8_lossy(&bytes).lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package
            && let Some((key, value)) = line.split_once('=')
            && key.trim() == "name"
        {
            return value.trim() == "\"triage\"";
        }
    }
    false
}

/// Rewrites the generated files into `dir`. Only into a folder of the source tree: anywhere else
/// it would create `dir` there and overwrite whatever files have those names.
pub fn generate(dir: &Path, lang: Lang, out: &mut impl Write) -> i32 {
    let s = &crate::i18n::strings(lang).cli;
    // The folder `dir` is in (`assets/` of the source tree), wherever it was run from; `..`
    // would make the folder checked another than the one written.
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let here = absolute
        .parent()
        .map_or_else(|| absolute.clone(), Path::to_path_buf);
    let climbs = dir
        .components()
        .any(|c| c == std::path::Component::ParentDir);
    if climbs || !is_source_tree(&here) {
        let shown = crate::text::sanitize_line(&here.display().to_string());
        super::say(&crate::i18n::fill(
            s.gen_assets_elsewhere,
            &[("dir", &shown)],
        ));
        return EXIT_FAILURE;
    }
    for (name, content) in files() {
        let path = dir.join(&name);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| crate::fsutil::write_atomic(&path, &content));
        if let Err(e) = result {
            let file = crate::text::sanitize_line(&path.display().to_string());
            super::say(&format!(
                "{}: {}",
                crate::i18n::fill(s.cannot_write, &[("file", &file)]),
                crate::i18n::io_error(&e, lang)
            ));
            return EXIT_FAILURE;
        }
        let file = crate::text::sanitize_line(&path.display().to_string());
        if writeln!(out, "{}", crate::i18n::fill(s.wrote, &[("file", &file)])).is_err() {
            return EXIT_FAILURE;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_offer_every_command_but_the_hidden_ones() {
        let full = Cli::command();
        let shown = completed_command();
        let names = |c: &clap::Command| -> Vec<String> {
            c.get_subcommands()
                .map(|s| s.get_name().to_string())
                .collect()
        };
        let hidden: Vec<String> = full
            .get_subcommands()
            .filter(|s| s.is_hide_set())
            .map(|s| s.get_name().to_string())
            .collect();
        assert_eq!(hidden, ["gen-assets"]);
        let mut expected = names(&full);
        expected.retain(|n| !hidden.contains(n));
        assert_eq!(names(&shown), expected);
        let args = |c: &clap::Command| -> Vec<String> {
            c.get_arguments().map(|a| a.get_id().to_string()).collect()
        };
        assert_eq!(args(&shown), args(&full));
        assert_eq!(shown.get_version(), full.get_version());
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::Elvish,
            Shell::PowerShell,
        ] {
            let script = String::from_utf8(completion_script(shell)).unwrap();
            assert!(!script.contains("gen-assets"), "{shell}");
            assert!(!script.contains("gen__subcmd__assets"), "{shell}");
            for name in &expected {
                assert!(script.contains(name.as_str()), "{shell}: {name}");
            }
            assert!(script.contains("no-config"), "{shell}");
        }
    }

    #[test]
    fn the_man_page_has_no_hidden_command() {
        let page = String::from_utf8(man_page()).unwrap();
        assert!(!page.contains("gen-assets") && !page.contains("gen\\-assets"));
        assert!(page.contains("completions"));
    }

    #[test]
    fn only_the_triage_crate_is_the_source_tree() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_source_tree(dir.path()), "no Cargo.toml");
        let toml = dir.path().join("Cargo.toml");
        std::fs::write(
            &toml,
            "[package]\nname = \"other\"\n[dependencies]\ntriage = \"1\"\n",
        )
        .unwrap();
        assert!(!is_source_tree(dir.path()));
        std::fs::write(&toml, "[dependencies]\nname = \"triage\"\n").unwrap();
        assert!(!is_source_tree(dir.path()), "a name outside [package]");
        std::fs::write(&toml, "[package]\nname = \"triage\"\nversion = \"0.1.0\"\n").unwrap();
        assert!(is_source_tree(dir.path()));
        assert!(is_source_tree(Path::new(env!("CARGO_MANIFEST_DIR"))));
    }
}
