//! The trees a user can pick: the embedded one, the user's own directory, extra directories.

use crate::tree::{self, Diagnostic, Tree};
use std::path::{Path, PathBuf};

/// A tree known by id and origin, loaded or not.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    /// In each language the tree has.
    pub title: crate::tree::Text,
    /// `None` for the embedded tree.
    pub path: Option<PathBuf>,
}

/// The `*.ron` files of `dirs`, in name order within each directory, each file once: a folder
/// listed twice, or a file reached again through a link, is the same tree, not a second one
/// taking its id. A directory that cannot be read has none (`cli::tree_dirs` warns about it).
pub fn tree_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    let mut all = Vec::new();
    for dir in dirs {
        let Ok(read) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        files.sort();
        for path in files {
            if seen.insert(std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone())) {
                all.push(path);
            }
        }
    }
    all
}

/// The error for a tree at `path` whose id `id` the tree at `first` (the built-in tree when
/// `None`) already answers to: that second tree could never be chosen by id, and silently so.
pub fn id_taken(path: &Path, id: &str, first: Option<&Path>) -> Diagnostic {
    Diagnostic::new(
        &path.display().to_string(),
        format!(
            "tree id \"{}\" is already taken by {}",
            crate::text::sanitize_line(id),
            first.map_or("the built-in tree".to_string(), |p| {
                crate::text::sanitize_line(&p.display().to_string())
            })
        ),
    )
    .help("give this tree another id, or open it with --tree PATH")
}

/// Every tree found: the embedded one first, then `*.ron` files of `dirs` in name order. Broken
/// files are returned apart, so a listing can report them without failing; so are entries that
/// are no regular file (a FIFO named `pipe.ron` would block the listing forever once opened, a
/// device never end): [`tree::load_path`] refuses them unopened.
pub fn discover(dirs: &[PathBuf]) -> (Vec<Entry>, Vec<Diagnostic>) {
    let embedded = tree::embedded();
    let mut entries = vec![Entry {
        id: embedded.id.clone(),
        title: embedded.title.clone(),
        path: None,
    }];
    let mut problems = Vec::new();
    for path in tree_files(dirs) {
        match tree::load_path(&path) {
            // The first tree with an id answers to it.
            Ok(t) => match entries.iter().find(|e| e.id == t.id) {
                Some(first) => problems.push(id_taken(&path, &t.id, first.path.as_deref())),
                None => entries.push(Entry {
                    id: t.id.clone(),
                    title: t.title.clone(),
                    path: Some(path),
                }),
            },
            Err(mut errs) => problems.append(&mut errs),
        }
    }
    (entries, problems)
}

/// Why a `--tree` choice could not be loaded.
#[derive(Debug)]
pub enum PickError {
    /// Neither a file nor a known id; carries the known ids, and the problems of the tree files
    /// that could not be loaded (the tree asked for may be one of them).
    Unknown {
        asked: String,
        known: Vec<String>,
        problems: Vec<Diagnostic>,
    },
    /// A directory, which holds trees but is none.
    Directory(PathBuf),
    Invalid(Vec<Diagnostic>),
}

/// Where a chosen tree is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Embedded,
    File(PathBuf),
}

/// True when a `--tree` choice names a file rather than a tree id: an existing file, a name
/// ending in `.ron`, or a path to something that is not a folder (`./nope`: a file that is
/// missing is said to be missing, not an unknown id).
pub fn names_a_file(choice: &str) -> bool {
    let path = Path::new(choice);
    path.is_file()
        || choice.ends_with(".ron")
        || (choice.contains(['/', std::path::MAIN_SEPARATOR]) && !path.is_dir())
}

/// Another tree file with the id asked for, hidden by the tree picked: a user editing it would
/// otherwise get the other tree without a word.
#[derive(Debug)]
pub struct Hidden {
    pub path: PathBuf,
    /// Its first problem, when it does not load.
    pub problem: Option<Diagnostic>,
    /// The file of the tree picked instead (`None`: the built-in tree).
    pub used: Option<PathBuf>,
}

/// The tree id a tree file's text declares (its first `id: "..."`), read without parsing the
/// file: a broken file still says which tree it means to be.
pub fn declared_id(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find("id").map(|i| from + i) {
        from = at + 2;
        let word_start =
            at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        let rest = text[from..].trim_start();
        if !word_start || !rest.starts_with(':') {
            continue;
        }
        // Not a quoted value (`id: 42`, a comment): the next `id:` may be the tree's.
        let Some(value) = rest[1..].trim_start().strip_prefix('"') else {
            continue;
        };
        return value.find(['"', '\\', '\n']).map(|end| &value[..end]);
    }
    None
}

/// Where the tree named by `choice` is: a path to a file, or the id of a discovered tree; and
/// the other tree files with that id, which the one picked hides.
pub fn locate(
    choice: Option<&str>,
    dirs: &[PathBuf],
) -> Result<(Location, Vec<Hidden>), PickError> {
    let Some(choice) = choice else {
        return Ok((Location::Embedded, Vec::new()));
    };
    let as_path = Path::new(choice);
    if names_a_file(choice) {
        return Ok((Location::File(as_path.to_path_buf()), Vec::new()));
    }
    let (entries, problems) = discover(dirs);
    let hidden = |chosen: Option<&Path>| -> Vec<Hidden> {
        // The trees listed have their ids; only the others are read again, for the id they
        // declare.
        tree_files(dirs)
            .into_iter()
            .filter(|p| entries.iter().all(|e| e.path.as_ref() != Some(p)))
            .filter(|p| {
                std::fs::read_to_string(p)
                    .ok()
                    .is_some_and(|text| declared_id(&text) == Some(choice))
            })
            .map(|path| {
                let shown = path.display().to_string();
                // Its load error; not the one that says its id is taken (it loads).
                let problem = problems
                    .iter()
                    .find(|d| d.file == shown && !d.message.starts_with("tree id "))
                    .cloned();
                Hidden {
                    path,
                    problem,
                    used: chosen.map(Path::to_path_buf),
                }
            })
            .collect()
    };
    match entries.iter().find(|e| e.id == choice) {
        Some(Entry { path: None, .. }) => Ok((Location::Embedded, hidden(None))),
        Some(Entry {
            path: Some(path), ..
        }) => Ok((Location::File(path.clone()), hidden(Some(path)))),
        // An id first: a folder of that name in the current directory does not hide a tree.
        None if as_path.is_dir() => Err(PickError::Directory(as_path.to_path_buf())),
        None => Err(PickError::Unknown {
            asked: choice.to_string(),
            known: entries.into_iter().map(|e| e.id).collect(),
            problems,
        }),
    }
}

/// Loads the tree named by `choice`: a path to a file, or the id of a discovered tree; and the
/// other tree files with that id (see [`locate`]).
pub fn pick(choice: Option<&str>, dirs: &[PathBuf]) -> Result<(Tree, Vec<Hidden>), PickError> {
    let (location, hidden) = locate(choice, dirs)?;
    let tree = match location {
        Location::Embedded => tree::embedded(),
        Location::File(path) => tree::load_path(&path).map_err(PickError::Invalid)?,
    };
    Ok((tree, hidden))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded tree under another id.
    fn tree_with_id(id: &str) -> String {
        let src = tree::EMBEDDED_SOURCE;
        assert!(src.contains("id: \"azure-vm-backup\""));
        src.replacen("id: \"azure-vm-backup\"", &format!("id: \"{id}\""), 1)
    }

    #[cfg(unix)]
    #[test]
    fn the_same_folder_or_file_twice_is_one_tree() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), tree_with_id("mine")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("a.ron"), dir.path().join("b.ron")).unwrap();
        let folder = dir.path().to_path_buf();
        let (entries, problems) = discover(&[folder.clone(), folder]);
        assert!(problems.is_empty(), "{problems:?}");
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["azure-vm-backup", "mine"]);
    }

    #[test]
    fn a_tree_picked_by_id_names_the_other_files_with_that_id() {
        let dir = tempfile::tempdir().unwrap();
        // The file being edited, broken, and an old copy after it in name order.
        let broken = tree_with_id("mine").replacen("start: \"", "start: \"x", 1);
        std::fs::write(dir.path().join("a.ron"), &broken).unwrap();
        std::fs::write(dir.path().join("b.ron"), tree_with_id("mine")).unwrap();
        std::fs::write(dir.path().join("c.ron"), tree_with_id("other")).unwrap();
        let dirs = [dir.path().to_path_buf()];
        let (location, hidden) = locate(Some("mine"), &dirs).unwrap();
        assert_eq!(location, Location::File(dir.path().join("b.ron")));
        assert_eq!(hidden.len(), 1, "{hidden:?}");
        assert_eq!(hidden[0].path, dir.path().join("a.ron"));
        assert_eq!(hidden[0].used, Some(dir.path().join("b.ron")));
        assert!(hidden[0].problem.is_some());
        // Mended, it is the tree picked, and the copy the one hidden (it loads: no problem).
        std::fs::write(dir.path().join("a.ron"), tree_with_id("mine")).unwrap();
        let (location, hidden) = locate(Some("mine"), &dirs).unwrap();
        assert_eq!(location, Location::File(dir.path().join("a.ron")));
        assert_eq!(hidden.len(), 1, "{hidden:?}");
        assert_eq!(hidden[0].path, dir.path().join("b.ron"));
        assert!(hidden[0].problem.is_none());
        assert!(locate(Some("other"), &dirs).unwrap().1.is_empty());
    }

    #[test]
    fn the_declared_id_is_read_without_parsing() {
        assert_eq!(
            declared_id("Tree(\n  id: \"web\", title: (en: \"x\""),
            Some("web")
        );
        assert_eq!(declared_id("Tree(start_id: \"a\", id : \"b\""), Some("b"));
        assert_eq!(declared_id("Tree(id: web)"), None);
        assert_eq!(
            declared_id("// id: none yet\nTree(id: \"web\")"),
            Some("web")
        );
        assert_eq!(declared_id("Tree(title: \"id\")"), None);
    }

    #[test]
    fn a_second_tree_with_a_taken_id_is_reported_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), tree_with_id("mine")).unwrap();
        std::fs::write(dir.path().join("b.ron"), tree_with_id("mine")).unwrap();
        std::fs::write(dir.path().join("c.ron"), tree::EMBEDDED_SOURCE).unwrap();
        let (entries, problems) = discover(&[dir.path().to_path_buf()]);
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["azure-vm-backup", "mine"]);
        assert_eq!(entries[1].path, Some(dir.path().join("a.ron")));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            problems[0].file,
            dir.path().join("b.ron").display().to_string()
        );
        assert!(problems[0].message.contains(&format!(
            "tree id \"mine\" is already taken by {}",
            dir.path().join("a.ron").display()
        )));
        assert!(
            problems[1].message.contains("taken by the built-in tree"),
            "{problems:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_among_the_trees_is_reported_and_the_others_listed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), tree_with_id("copy")).unwrap();
        let fifo = dir.path().join("pipe.ron");
        let writer = crate::fsutil::test_fifo::with_writer(&fifo, tree::EMBEDDED_SOURCE);
        let (entries, problems) = discover(&[dir.path().to_path_buf()]);
        let paths: Vec<_> = entries.iter().map(|e| e.path.clone()).collect();
        assert_eq!(paths, [None, Some(dir.path().join("a.ron"))]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file, fifo.display().to_string());
        assert!(
            problems[0].message.contains("not a regular file"),
            "{problems:?}"
        );
        crate::fsutil::test_fifo::release(&fifo, writer);
    }
}
