//! Where the user's files live. `TRIAGE_CONFIG_DIR` and `TRIAGE_DATA_DIR` override the platform
//! directories (tests use them so they never touch the tester's home).

use std::path::PathBuf;

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "triage")
}

fn from_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Directory of `config.ron` and the user's `trees/`.
pub fn config_dir() -> Option<PathBuf> {
    from_env("TRIAGE_CONFIG_DIR").or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
}

/// Directory of session history.
pub fn data_dir() -> Option<PathBuf> {
    from_env("TRIAGE_DATA_DIR").or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}

/// Trees the user keeps beside the config file.
pub fn user_trees_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("trees"))
}
