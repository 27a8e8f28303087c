//! Past sessions, one JSON file each in `<data dir>/sessions/`. Files are written atomically and
//! never rewritten by anyone but their own session (which `triage resume` continues, in the same
//! file); a corrupt or foreign file is reported and skipped, never overwritten.

use crate::fsutil::write_atomic;
use crate::transcript::Session;
use std::path::{Path, PathBuf};

/// The format of a history file; a file without it (or with another) is not ours.
pub const FORMAT: &str = "triage-session-1";

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub format: String,
    pub session: Session,
    /// Practice results, when the session was a practice run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<crate::practice::Score>,
    /// The tree's file (absolute), when the tree was opened by path: `resume` needs it when the
    /// id alone finds no tree. Absent from older files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tree_path: Option<PathBuf>,
}

/// A stored session and the file it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub record: Record,
}

/// A history file that could not be read as ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

pub fn sessions_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("sessions")
}

/// Stores one session under a name of its own; returns the file written.
pub fn save(data_dir: &Path, file_name: &str, record: &Record) -> std::io::Result<PathBuf> {
    let dir = sessions_dir(data_dir);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(file_name);
    let json = serde_json::to_vec_pretty(record).map_err(std::io::Error::other)?;
    write_atomic(&path, &json)?;
    Ok(path)
}

/// A file name unique to this session: its start time and the process id.
pub fn file_name_for(started: &str) -> String {
    let stamp: String = started
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!("{stamp}-{}.json", std::process::id())
}

/// The file name of the `run`th practice run of a session (1: the first; later ones retry the
/// rounds not right of the run before): as [`file_name_for`], the run's number added after the
/// first, so that a retry begun within the second its run began has a file of its own.
pub fn file_name_for_run(started: &str, run: usize) -> String {
    let name = file_name_for(started);
    match run {
        0 | 1 => name,
        n => format!("{}-{n}.json", name.trim_end_matches(".json")),
    }
}

/// All readable sessions, newest first, and the files skipped with why; an empty history when
/// there is none or it cannot be read (`read_all` says why).
pub fn load_all(data_dir: &Path) -> (Vec<Entry>, Vec<Skipped>) {
    read_all(data_dir).unwrap_or_default()
}

/// Why the history cannot be listed at all.
#[derive(Debug)]
pub enum ReadAllError {
    /// The data directory exists but is a file (or another non-directory).
    DataDirNotADirectory,
    /// The sessions directory could not be read.
    Io(PathBuf, std::io::Error),
}

/// As `load_all`, but a history that exists and cannot be read is an error, not "no sessions".
pub fn read_all(data_dir: &Path) -> Result<(Vec<Entry>, Vec<Skipped>), ReadAllError> {
    if std::fs::metadata(data_dir).is_ok_and(|m| !m.is_dir()) {
        return Err(ReadAllError::DataDirNotADirectory);
    }
    let dir = sessions_dir(data_dir);
    let read = match std::fs::read_dir(&dir) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Vec::new(), Vec::new()));
        }
        Err(e) => return Err(ReadAllError::Io(dir, e)),
    };
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    let mut paths: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for path in paths {
        match read_record(&path) {
            Ok(record) => entries.push(Entry { path, record }),
            Err(reason) => skipped.push(Skipped { path, reason }),
        }
    }
    entries.sort_by(|a, b| b.record.session.started.cmp(&a.record.session.started));
    Ok((entries, skipped))
}

/// Session files are small; a bigger one is not ours.
const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

fn read_record(path: &Path) -> Result<Record, String> {
    // Bounded, and only regular files: a FIFO or /dev/zero named *.json must not hang the
    // listing.
    let bytes = crate::fsutil::read_limited(path, MAX_RECORD_BYTES).map_err(|e| match e {
        crate::fsutil::ReadError::TooLarge { .. } => {
            "larger than 16 MiB, not a session file".to_string()
        }
        e => e.to_string(),
    })?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| format!("not valid JSON (line {}, column {})", e.line(), e.column()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(format!(
            "not a triage session file (no \"format\": \"{FORMAT}\")"
        ));
    }
    serde_json::from_value(value).map_err(|e| format!("damaged session file: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::SessionStep;
    use crate::tree::Lang;

    fn record(started: &str) -> Record {
        Record {
            format: FORMAT.into(),
            session: Session {
                tree_id: "azure-vm-backup".into(),
                lang: Lang::En,
                started: started.into(),
                ended: None,
                steps: vec![SessionStep::Restarted],
                current: "start".into(),
                trail: vec![],
                values: Default::default(),
            },
            practice: None,
            tree_path: None,
        }
    }

    #[test]
    fn round_trip_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), "a.json", &record("2026-01-01T00:00:00Z")).unwrap();
        save(dir.path(), "b.json", &record("2026-02-01T00:00:00Z")).unwrap();
        let (entries, skipped) = load_all(dir.path());
        assert!(skipped.is_empty());
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].record.session.started, "2026-02-01T00:00:00Z");
    }

    #[test]
    fn corrupt_and_foreign_files_are_skipped_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), "good.json", &record("2026-01-01T00:00:00Z")).unwrap();
        let sessions = sessions_dir(dir.path());
        std::fs::write(sessions.join("torn.json"), b"{\"format\": \"triage-ses").unwrap();
        std::fs::write(sessions.join("other.json"), b"{\"name\": \"not ours\"}").unwrap();
        let (entries, skipped) = load_all(dir.path());
        assert_eq!(entries.len(), 1);
        assert_eq!(skipped.len(), 2);
        assert!(skipped.iter().any(|s| s.reason.contains("not valid JSON")));
        assert!(
            skipped
                .iter()
                .any(|s| s.reason.contains("not a triage session"))
        );
        assert_eq!(
            std::fs::read(sessions.join("other.json")).unwrap(),
            b"{\"name\": \"not ours\"}"
        );
    }

    /// A retry begun within the second its run began does not write over that run's file.
    #[test]
    fn each_run_of_a_session_has_a_file_of_its_own() {
        let started = "2026-01-01T00:00:00Z";
        let first = file_name_for_run(started, 1);
        assert_eq!(first, file_name_for(started));
        let second = file_name_for_run(started, 2);
        assert_ne!(first, second);
        assert!(second.ends_with("-2.json"), "{second}");
        assert_ne!(second, file_name_for_run(started, 3));
    }

    #[test]
    fn missing_dir_is_an_empty_history() {
        let (entries, skipped) = load_all(Path::new("/nonexistent/triage/history"));
        assert!(entries.is_empty() && skipped.is_empty());
        assert!(read_all(Path::new("/nonexistent/triage/history")).is_ok());
    }

    #[test]
    fn a_data_dir_that_is_a_file_is_an_error_not_an_empty_history() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("datafile");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(
            read_all(&file),
            Err(ReadAllError::DataDirNotADirectory)
        ));
        // The sessions directory a file: said with the OS's reason.
        std::fs::write(sessions_dir(dir.path()), "x").unwrap();
        assert!(matches!(read_all(dir.path()), Err(ReadAllError::Io(..))));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_named_json_are_skipped_without_reading_them() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), "good.json", &record("2026-01-01T00:00:00Z")).unwrap();
        let sessions = sessions_dir(dir.path());
        std::os::unix::fs::symlink("/dev/zero", sessions.join("zero.json")).unwrap();
        crate::fsutil::test_fifo::make(&sessions.join("x.json"));
        let (entries, skipped) = load_all(dir.path());
        assert_eq!(entries.len(), 1);
        let mut names: Vec<String> = skipped
            .iter()
            .map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["x.json", "zero.json"]);
        assert!(skipped.iter().all(|s| s.reason == "not a regular file"));
    }

    #[test]
    fn the_tree_path_is_optional_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = record("2026-01-01T00:00:00Z");
        let old = serde_json::to_vec(&r).unwrap();
        assert!(!String::from_utf8_lossy(&old).contains("tree_path"));
        std::fs::create_dir_all(sessions_dir(dir.path())).unwrap();
        std::fs::write(sessions_dir(dir.path()).join("old.json"), old).unwrap();
        r.tree_path = Some(PathBuf::from("/srv/trees/mini.ron"));
        save(dir.path(), "new.json", &r).unwrap();
        let (entries, skipped) = load_all(dir.path());
        assert!(skipped.is_empty(), "{skipped:?}");
        let mut paths: Vec<_> = entries.iter().map(|e| e.record.tree_path.clone()).collect();
        paths.sort();
        assert_eq!(paths, [None, Some(PathBuf::from("/srv/trees/mini.ron"))]);
    }
}
