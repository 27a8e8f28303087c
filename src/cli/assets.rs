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

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut completed_command(), "triage", &mut buf);
    buf
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
