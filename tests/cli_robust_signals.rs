//! SIGQUIT ends the full-screen wizard the clean way, as SIGTERM, SIGHUP and SIGINT do: terminal
//! restored (main screen, cursor shown, cooked mode), session saved, exit 131. Driven in a
//! pseudo-terminal as in `e2e_pty.rs`.

use portable_pty::{CommandBuilder, NativePtySystem, PtySize, PtySystem};
use std::io::Read;
use std::num::NonZeroU16;
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Session {
    parser: vt100::Parser,
    rx: mpsc::Receiver<Vec<u8>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    raw: Vec<u8>,
}

impl Session {
    /// Starts `sh -c SCRIPT` in an 80x24 pseudo-terminal.
    fn start(script: &str, data_dir: &str) -> Session {
        let pty = NativePtySystem::default()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env("TRIAGE_CONFIG_DIR", "/nonexistent/triage-e2e-config");
        cmd.env("TRIAGE_DATA_DIR", data_dir);
        cmd.env_remove("LC_ALL");
        cmd.env_remove("TMUX");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        // Keep the master alive for the whole session.
        std::mem::forget(pty.master);
        Session {
            parser: vt100::Parser::new(
                NonZeroU16::new(24).unwrap(),
                NonZeroU16::new(80).unwrap(),
                0,
            ),
            rx,
            child,
            raw: Vec::new(),
        }
    }

    fn pump(&mut self, wait: Duration) {
        while let Ok(bytes) = self.rx.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// Waits until the output so far contains `text` (or fails after a generous timeout).
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if self.raw().contains(text) || self.parser.screen().contents().contains(text) {
                return;
            }
        }
        panic!("never saw {text:?}; output:\n{}", self.raw());
    }

    fn wait_exit(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if let Ok(Some(_)) = self.child.try_wait() {
                self.pump(Duration::from_millis(200));
                return;
            }
        }
        panic!("did not exit; output:\n{}", self.raw());
    }
}

#[test]
fn sigquit_restores_the_terminal_and_saves_the_session() {
    let data = tempfile::tempdir().unwrap();
    // The inner shell says its PID, then becomes the wizard (exec): the test signals that PID
    // once the wizard is on screen, so no sleep decides when the signal comes.
    let script = format!(
        "sh -c 'echo PID=$$.; exec \"{}\"'; echo EXIT=$?; stty -a; sleep 1",
        env!("CARGO_BIN_EXE_triage")
    );
    let mut s = Session::start(&script, data.path().to_str().unwrap());
    s.wait_for("What were you doing");
    assert!(s.parser.screen().alternate_screen());
    let raw = s.raw();
    let pid = &raw[raw.find("PID=").unwrap() + 4..];
    let pid = &pid[..pid.find('.').unwrap()];
    let status = std::process::Command::new("kill")
        .args(["-QUIT", pid])
        .status()
        .unwrap();
    assert!(status.success());
    s.wait_exit();
    assert!(
        !s.parser.screen().alternate_screen(),
        "alternate screen left"
    );
    assert!(!s.parser.screen().hide_cursor(), "cursor shown again");
    let raw = s.raw();
    let after = &raw[raw.rfind("EXIT=").expect("the shell printed the exit code")..];
    assert!(after.starts_with("EXIT=131"), "{after}");
    assert!(!after.contains("-icanon"), "raw mode left on: {after}");
    let (entries, _) = triage::history::load_all(data.path());
    assert_eq!(entries.len(), 1, "the session was saved on the way out");
    assert!(entries[0].record.session.ended.is_some());
}
