//! The user's settings: `config.ron` in the config directory, RON like the trees.
//!
//! ```ron
//! Config(
//!     lang: ko,                  // en or ko; the locale decides when absent
//!     theme: high_contrast,      // default or high_contrast
//!     tree_dirs: ["/srv/runbooks/trees", "~/runbooks"],
//!     tree: "linux-web-down",    // the tree used without --tree: an id, or a file
//!     history: true,             // keep sessions in the data dir
//! )
//! ```

use crate::fsutil::ReadError;
use crate::theme::ThemeName;
use crate::tree::{Diagnostic, Lang};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub theme: ThemeName,
    /// More directories of `*.ron` trees, besides `<config dir>/trees`. As loaded: `~/` is the
    /// home directory, and a relative path is relative to the config directory.
    #[serde(default)]
    pub tree_dirs: Vec<PathBuf>,
    /// The tree used when `--tree` is not given: an id, or a file (as loaded, a path as
    /// `tree_dirs` has them).
    #[serde(default)]
    pub tree: Option<String>,
    #[serde(default = "yes")]
    pub history: bool,
}

fn yes() -> bool {
    true
}

impl Default for Config {
    fn default() -> Config {
        Config {
            lang: None,
            theme: ThemeName::Default,
            tree_dirs: Vec::new(),
            tree: None,
            history: true,
        }
    }
}

pub const FILE_NAME: &str = "config.ron";

/// A config file holds a few settings; anything bigger is not one.
const MAX_BYTES: u64 = 1024 * 1024;

/// Reads `config.ron` from `dir`; a missing file is the default configuration.
pub fn load(dir: &Path) -> Result<Config, Diagnostic> {
    let path = dir.join(FILE_NAME);
    let name = path.display().to_string();
    let bytes = match crate::fsutil::read_limited(&path, MAX_BYTES) {
        Ok(b) => b,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default());
        }
        // The config directory itself is a file (ENOTDIR): permissions are not the problem.
        Err(ReadError::Io(e)) if dir.exists() && !dir.is_dir() => {
            return Err(Diagnostic::new(
                &dir.display().to_string(),
                format!("the config directory is not a directory: {e}"),
            )
            .help("move that file away (or point TRIAGE_CONFIG_DIR elsewhere), or run with --no-config"));
        }
        Err(ReadError::Io(e)) => {
            return Err(
                Diagnostic::new(&name, format!("cannot read the config file: {e}"))
                    .help("fix its permissions, or run with --no-config"),
            );
        }
        // Never opened: a FIFO would block every run until someone writes to it.
        Err(ReadError::NotAFile) => {
            return Err(
                Diagnostic::new(&name, "the config file is not a regular file")
                    .help("make it a RON text file, or run with --no-config"),
            );
        }
        Err(ReadError::TooLarge { .. }) => {
            return Err(
                Diagnostic::new(&name, "the config file is larger than 1 MiB")
                    .help("a config file holds a few settings; run with --no-config"),
            );
        }
    };
    let src = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::new(&name, "the config file is not UTF-8 text")
            .help("save it as UTF-8, or run with --no-config")
    })?;
    let src = crate::tree::without_bom(&src);
    // A file created to be filled in later: nothing set, nothing wrong.
    if src.trim().is_empty() {
        return Ok(Config::default());
    }
    let mut config = crate::tree::load::from_ron::<Config>(&name, src).map_err(|d| {
        // The RON loader's hints point tree authors at docs/tree-format.md, which has no word
        // about this file.
        let help = match d.help.as_deref() {
            Some(h) if h.contains(TREE_DOCS) => {
                format!(
                    "{}; {SETTINGS_HELP}",
                    h.replace(&format!(" (see {TREE_DOCS})"), "")
                )
            }
            // A syntax error's other help (a file cut short) still needs the settings named.
            Some(h) if d.message.starts_with("RON syntax") => format!("{h}; {SETTINGS_HELP}"),
            Some(h) => h.to_string(),
            None => SETTINGS_HELP.to_string(),
        };
        d.help(format!("{help}; or run with --no-config"))
    })?;
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    config.tree_dirs = config
        .tree_dirs
        .iter()
        .map(|d| resolve_dir(d, home.as_deref(), dir))
        .collect();
    // A file by its name (`.ron`, a path), not by what the current directory holds: an id
    // stays an id.
    if let Some(tree) = &mut config.tree
        && (tree.ends_with(".ron") || tree.contains(['/', std::path::MAIN_SEPARATOR]))
    {
        *tree = resolve_dir(Path::new(tree.as_str()), home.as_deref(), dir)
            .display()
            .to_string();
    }
    Ok(config)
}

/// The tree format's documentation, which the RON loader's hints name.
const TREE_DOCS: &str = "docs/tree-format.md";

/// What a config file may hold, and where it is described.
const SETTINGS_HELP: &str = "the settings are Config(lang: en|ko, theme: default|high_contrast, \
                             tree_dirs: [\"DIR\", ...], tree: \"ID or FILE\", \
                             history: true|false), described in the README's \"Files\" section";

/// A `tree_dirs` entry as a directory: a leading `~` is `home`, as in a shell; a relative path is
/// relative to the config directory `config_dir` (the current directory would make the trees
/// come and go with where triage is run from).
pub fn resolve_dir(entry: &Path, home: Option<&Path>, config_dir: &Path) -> PathBuf {
    let mut parts = entry.components();
    if let (Some(std::path::Component::Normal(first)), Some(home)) = (parts.next(), home)
        && first == "~"
    {
        let rest = parts.as_path();
        return if rest.as_os_str().is_empty() {
            home.to_path_buf()
        } else {
            home.join(rest)
        };
    }
    config_dir.join(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_the_default() {
        assert_eq!(
            load(Path::new("/nonexistent/triage")).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn settings_are_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "Config(lang: ko, theme: high_contrast, tree_dirs: [\"/x\"], history: false)",
        )
        .unwrap();
        let c = load(dir.path()).unwrap();
        assert_eq!(c.lang, Some(Lang::Ko));
        assert_eq!(c.theme, ThemeName::HighContrast);
        assert_eq!(c.tree_dirs, vec![PathBuf::from("/x")]);
        assert!(!c.history);
    }

    #[test]
    fn a_broken_config_names_line_and_column_and_the_escape() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "Config(\n  lang: ko,\n  colour: dark,\n)",
        )
        .unwrap();
        let d = load(dir.path()).unwrap_err();
        assert_eq!((d.line, d.column), (3, 3));
        assert!(d.message.contains("unknown field `colour`"));
        assert!(d.help.unwrap().contains("--no-config"));
    }

    #[test]
    fn an_empty_config_is_the_default() {
        let dir = tempfile::tempdir().unwrap();
        for text in ["", "\n", "  \r\n\t", "\u{feff}"] {
            std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
            assert_eq!(load(dir.path()).unwrap(), Config::default(), "{text:?}");
        }
    }

    #[test]
    fn a_syntax_error_points_at_the_settings_not_at_the_tree_format() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "Config(lang: ko").unwrap();
        let help = load(dir.path()).unwrap_err().help.unwrap();
        assert!(!help.contains("tree-format"), "{help}");
        assert!(help.contains("README's \"Files\" section"), "{help}");
        assert!(help.contains("tree_dirs: [\"DIR\", ...]"), "{help}");
        assert!(help.ends_with("; or run with --no-config"), "{help}");
    }

    #[test]
    fn tree_dirs_expand_the_home_and_are_relative_to_the_config_dir() {
        let (home, config) = (
            Path::new("/home/ana"),
            Path::new("/home/ana/.config/triage"),
        );
        let resolved = |entry: &str| resolve_dir(Path::new(entry), Some(home), config);
        assert_eq!(resolved("~/runbooks"), home.join("runbooks"));
        assert_eq!(resolved("~").as_os_str(), home.as_os_str());
        assert_eq!(resolved("/srv/trees"), PathBuf::from("/srv/trees"));
        assert_eq!(resolved("team"), config.join("team"));
        // Only `~` alone is the home: `~ana/x` and `a/~/b` are names like any other.
        assert_eq!(resolved("~ana/x"), config.join("~ana/x"));
        assert_eq!(resolved("a/~/b"), config.join("a/~/b"));
        assert_eq!(
            resolve_dir(Path::new("~/x"), None, config),
            config.join("~/x")
        );
    }

    #[test]
    fn a_config_over_1_mib_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut big = "Config()".to_string();
        big.push_str(&" ".repeat(1024 * 1024));
        std::fs::write(dir.path().join(FILE_NAME), big).unwrap();
        let d = load(dir.path()).unwrap_err();
        assert!(d.message.contains("larger than 1 MiB"), "{}", d.message);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_config_is_refused_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join(FILE_NAME);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo (coreutils) failed");
        // A writer, so that reading the FIFO (the bug) ends with its text instead of blocking.
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, "Config()").unwrap())
        };
        let result = load(dir.path());
        assert!(
            result
                .as_ref()
                .is_err_and(|d| d.message.contains("not a regular file")
                    && d.file.contains(FILE_NAME)
                    && d.help.as_ref().is_some_and(|h| h.contains("--no-config"))),
            "{result:?}"
        );
        // Only now, with the FIFO known unread: take the writer's text so it ends.
        let _ = std::fs::read(&fifo);
        writer.join().unwrap();
    }

    #[test]
    fn a_directory_config_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(FILE_NAME)).unwrap();
        assert!(
            load(dir.path())
                .unwrap_err()
                .message
                .contains("not a regular file")
        );
    }

    #[test]
    fn a_config_directory_that_is_a_file_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("triage");
        std::fs::write(&file, "not a directory").unwrap();
        let e = load(&file).unwrap_err();
        assert!(
            e.message
                .contains("the config directory is not a directory"),
            "{}",
            e.message
        );
        assert!(!e.help.unwrap_or_default().contains("permissions"));
    }
}
