//! Shell completions and the man page, generated from the clap definition so they never drift.
//! `cargo run -- gen-assets` rewrites `assets/`; a test checks the files are up to date.

use super::{Cli, EXIT_FAILURE};
use crate::tree::Lang;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::path::Path;

pub fn completions(shell: Shell, out: &mut impl Write) -> i32 {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "triage", out);
    0
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
    completions(shell, &mut buf);
    buf
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

pub fn generate(dir: &Path, lang: Lang) -> i32 {
    let s = &crate::i18n::strings(lang).cli;
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
        println!("{}", crate::i18n::fill(s.wrote, &[("file", &file)]));
    }
    0
}
