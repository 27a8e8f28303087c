//! What the end-to-end tests share.

use assert_cmd::Command;

/// The built binary, with English messages and no config or data directory of the user's.
pub fn triage() -> Command {
    let mut c = Command::cargo_bin("triage").unwrap();
    c.env("TRIAGE_CONFIG_DIR", "/nonexistent/triage-test-config")
        .env("TRIAGE_DATA_DIR", "/nonexistent/triage-test-data")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}
