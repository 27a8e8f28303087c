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

/// All readable sessions, newest first, and the files skipped with why.
pub fn load_all(data_dir: &Path) -> (Vec<Entry>, Vec<Skipped>) {
    let dir = sessions_dir(data_dir);
    let Ok(read) = std::fs::read_dir(&dir) else {
        return (Vec::new(), Vec::new());
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
    (entries, skipped)
}

fn read_record(path: &Path) -> Result<Record, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() > 16 * 1024 * 1024 {
        return Err("larger than 16 MiB, not a session file".into());
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
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
            },
            practice: None,
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

    #[test]
    fn missing_dir_is_an_empty_history() {
        let (entries, skipped) = load_all(Path::new("/nonexistent/triage/history"));
        assert!(entries.is_empty() && skipped.is_empty());
    }
}
