//! Files written so that a crash or a kill mid-write never leaves a torn file: write a temporary
//! file beside the target, flush it to disk, then rename it over the target. Files read with a
//! bound: only regular files, and never more than a limit.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

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

/// Writes `bytes` to `path` so that no reader ever sees a torn file. A symlink is followed and its
/// final target replaced (the link stays: it may be `ticket.md -> shared/ticket-123.md`). What is
/// not a regular file (a FIFO such as `>(cat)`, `/dev/stdout`, `/dev/null`) is written into, never
/// replaced: renaming over it would destroy a device node or write where nobody reads. A FIFO
/// gets [`READER_WAIT`] for a reader to appear (a shell's `>` would wait forever).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return write_in_place(path, bytes),
        Ok(_) => match final_target(path)? {
            Some(target) => target,
            None => return write_in_place(path, bytes),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A new file, or a dangling link: the file is created where the link points.
            final_target(path)?.unwrap_or_else(|| path.to_path_buf())
        }
        Err(e) => return Err(e),
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_string());
    let (tmp, mut f) = create_temporary(dir, &name)?;
    let result = (|| {
        // A file shared through a link may be private (0600): the new one keeps its mode.
        if let Ok(meta) = std::fs::metadata(&target) {
            f.set_permissions(meta.permissions())?;
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Links followed before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Whether `path` names a descriptor already open (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`:
/// a redirected stdout), whose file must be written through that path, in place.
fn names_a_descriptor(path: &Path) -> bool {
    let s = path.to_string_lossy();
    matches!(s.as_ref(), "/dev/stdout" | "/dev/stderr")
        || s.starts_with("/dev/fd/")
        || (s.starts_with("/proc/") && s.contains("/fd/"))
}

/// The path `path`'s chain of symlinks ends at (which may not exist yet), or `None` when the chain
/// goes through a descriptor's path (see [`names_a_descriptor`]).
fn final_target(path: &Path) -> std::io::Result<Option<PathBuf>> {
    let mut current = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        if names_a_descriptor(&current) {
            return Ok(None);
        }
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                // A relative link is relative to the directory holding it.
                current = match current.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(Some(current)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Some(current)),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row"
    )))
}

/// A new temporary file in `dir` for `name`: a fresh name, created only if nothing is there (not
/// even a symlink someone planted under a name they could guess).
fn create_temporary(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut last = None;
    for _ in 0..16 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}.{nanos:x}{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// How long a FIFO may go without a reader before the write is given up.
pub const READER_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Writes into an existing file that is not a regular one, through its own path, without a
/// temporary file. Appends, never truncates: `/dev/stdout` may be the program's own redirected
/// output, which must keep what was written before. Opening a FIFO blocks until someone reads,
/// and nothing can interrupt it: it happens on a thread of its own, given up after
/// [`READER_WAIT`] (the thread then ends with the process).
fn write_in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let opening = path.to_path_buf();
    let (opened, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // No `create`: a file that vanished since it was looked at is not made again here. A
        // FIFO opened after the wait was given up is closed at once, unwritten.
        let _ = opened.send(std::fs::OpenOptions::new().append(true).open(&opening));
    });
    // Only the wait for a reader is bounded: once one is there, a slow one gets it all.
    let mut file = match result.recv_timeout(READER_WAIT) {
        Ok(file) => file?,
        Err(_) => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!("nothing read it for {} seconds", READER_WAIT.as_secs()),
            ));
        }
    };
    file.write_all(bytes)?;
    file.flush()
}

/// FIFOs for tests of code that must not open them.
#[cfg(all(test, unix))]
pub(crate) mod test_fifo {
    use std::path::{Path, PathBuf};

    /// Makes a FIFO at `path`.
    pub fn make(path: &Path) {
        let made = std::process::Command::new("mkfifo").arg(path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo (coreutils) failed");
    }

    /// A FIFO at `path` with a writer waiting to send `text`: reading the FIFO (the bug) ends
    /// with that text instead of blocking forever. [`release`] it once the code under test is
    /// done.
    pub fn with_writer(path: &Path, text: &'static str) -> std::thread::JoinHandle<()> {
        make(path);
        let path = path.to_path_buf();
        std::thread::spawn(move || std::fs::write(path, text).unwrap())
    }

    /// Takes the waiting writer's text so its thread ends: only once the FIFO is known unread.
    pub fn release(path: &PathBuf, writer: std::thread::JoinHandle<()>) {
        let _ = std::fs::read(path);
        writer.join().unwrap();
    }
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
        test_fifo::make(&fifo);
        assert!(matches!(read_limited(&fifo, 100), Err(ReadError::NotAFile)));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("shared")).unwrap();
        let target = dir.path().join("shared/ticket-123.md");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("ticket.md");
        std::os::unix::fs::symlink("shared/ticket-123.md", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        // The temporary file was made beside the target and renamed away.
        assert_eq!(
            std::fs::read_dir(dir.path().join("shared"))
                .unwrap()
                .count(),
            1
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_gets_its_target_created() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out.md");
        std::os::unix::fs::symlink(dir.path().join("later.md"), &link).unwrap();
        write_atomic(&link, b"text").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(dir.path().join("later.md")).unwrap(), b"text");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.md");
        test_fifo::make(&fifo);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"transcript").unwrap();
        // Checked before joining: had the FIFO been replaced, the reader would wait forever.
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the FIFO was replaced by {kind:?}");
        assert_eq!(reader.join().unwrap(), b"transcript");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_nobody_reads_is_given_up_not_waited_for_forever() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.md");
        test_fifo::make(&fifo);
        let e = write_atomic(&fifo, b"transcript").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::TimedOut);
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }

    #[test]
    fn a_redirected_output_is_appended_to_not_emptied() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.md");
        std::fs::write(&out, "the wizard's own output\n").unwrap();
        let file = std::fs::OpenOptions::new().append(true).open(&out).unwrap();
        let fd = std::os::fd::AsRawFd::as_raw_fd(&file);
        write_atomic(Path::new(&format!("/proc/self/fd/{fd}")), b"transcript\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "the wizard's own output\ntranscript\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_temporary_name_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        // Every name the old scheme could pick for "a.md" in this process.
        std::os::unix::fs::symlink(
            &victim,
            dir.path().join(format!(".a.md.{}.tmp", std::process::id())),
        )
        .unwrap();
        write_atomic(&dir.path().join("a.md"), b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), b"new");
    }

    #[test]
    fn a_regular_file_under_dev_is_replaced_not_added_to() {
        let Ok(dir) = tempfile::tempdir_in("/dev/shm") else {
            return; // no /dev/shm on this system: nothing under /dev to write to
        };
        let path = dir.path().join("ticket.md");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn open_descriptors_are_written_in_place() {
        for path in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
            assert_eq!(final_target(Path::new(path)).unwrap(), None, "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        std::os::unix::fs::symlink("b.md", &a).unwrap();
        std::os::unix::fs::symlink("a.md", dir.path().join("b.md")).unwrap();
        assert!(write_atomic(&a, b"x").is_err());
        assert!(std::fs::symlink_metadata(&a).unwrap().is_symlink());
    }

    #[test]
    fn unwritable_directory_is_an_error_not_a_panic() {
        let path = Path::new("/nonexistent-dir/x/a.md");
        assert!(write_atomic(path, b"x").is_err());
    }
}
