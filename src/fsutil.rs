//! Files written so that a crash or a kill mid-write never leaves a torn file: write a temporary
//! file beside the target, flush it to disk, then rename it over the target. Files read with a
//! bound: only regular files, and never more than a limit.

use std::io::{Read, Write};
use std::path::Path;

/// Why [`read_limited`] did not return a file's bytes.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A FIFO, a device, a socket or a directory: reading it could block forever or never end.
    NotAFile,
    /// The file has more than the limit's bytes (`len`: its size, when known).
    TooLarge {
        len: u64,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => e.fmt(f),
            ReadError::NotAFile => f.write_str("not a regular file"),
            ReadError::TooLarge { len } => write!(f, "too large ({len} bytes)"),
        }
    }
}

/// The bytes of the regular file at `path` (a symlink is followed), at most `limit` of them.
/// The type is checked before the file is opened: opening a FIFO blocks until someone writes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { len: meta.len() });
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow after the size was read (or be swapped for another).
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            len: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_string());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn reads_regular_files_up_to_the_limit_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, b"twelve bytes").unwrap();
        assert_eq!(read_limited(&path, 12).unwrap(), b"twelve bytes");
        assert!(matches!(
            read_limited(&path, 11),
            Err(ReadError::TooLarge { len: 12 })
        ));
        assert!(matches!(
            read_limited(dir.path(), 100),
            Err(ReadError::NotAFile)
        ));
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 100),
            Err(ReadError::NotAFile)
        ));
        assert!(matches!(
            read_limited(&dir.path().join("missing"), 100),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo (coreutils) failed");
        assert!(matches!(read_limited(&fifo, 100), Err(ReadError::NotAFile)));
    }

    #[test]
    fn unwritable_directory_is_an_error_not_a_panic() {
        let path = Path::new("/nonexistent-dir/x/a.md");
        assert!(write_atomic(path, b"x").is_err());
    }
}
