//! The real binary in a pseudo-terminal, driven by keys like a user would: walk to backup-19,
//! see its command, quit, and check the terminal is restored (main screen, cursor shown, cooked
//! mode). Also plain mode through a pipe.

use portable_pty::{CommandBuilder, NativePtySystem, PtySize, PtySystem};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Session {
    parser: vt100::Parser,
    rx: mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    raw: Vec<u8>,
}

impl Session {
    /// Starts `sh -c SCRIPT` in an 80x24 pseudo-terminal.
    fn start(script: &str, env: &[(&str, &str)]) -> Session {
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
        cmd.env(
            "TRIAGE_DATA_DIR",
            std::env::temp_dir().join("triage-e2e-data"),
        );
        cmd.env_remove("LC_ALL");
        cmd.env_remove("TMUX");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
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
            writer,
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

    /// Waits until the screen contains `text` (or fails after a generous timeout).
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if self.screen().contains(text) {
                return;
            }
        }
        panic!("never saw {text:?}; screen:\n{}", self.screen());
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        self.pump(Duration::from_millis(100));
    }

    /// Each character on its own, at least 100 ms apart: a person typing, not a paste.
    fn type_slowly(&mut self, text: &str) {
        for c in text.bytes() {
            self.keys(&[c]);
        }
    }

    /// After the wizard ended inside `...; echo EXIT=$?; stty -a`: the main screen is back, the
    /// cursor shown, the shell saw `code` and cooked mode. Returns the output from `EXIT=` on.
    fn assert_restored(&self, code: i32) -> String {
        assert!(
            !self.parser.screen().alternate_screen(),
            "alternate screen left"
        );
        assert!(!self.parser.screen().hide_cursor(), "cursor shown again");
        let raw = String::from_utf8_lossy(&self.raw).into_owned();
        let after = &raw[raw.rfind("EXIT=").expect("the shell printed the exit code")..];
        assert!(after.starts_with(&format!("EXIT={code}")), "{after}");
        assert!(!after.contains("-icanon"), "raw mode left on: {after}");
        after.to_string()
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
        panic!("did not exit; screen:\n{}", self.screen());
    }
}

fn bin() -> String {
    env!("CARGO_BIN_EXE_triage").to_string()
}

/// Digits of the shortest answers to `id`, as keys.
fn digits_to(id: &str) -> Vec<u8> {
    let tree = triage::tree::embedded();
    tree.path_to(id)
        .unwrap()
        .into_iter()
        .map(|(_, a)| b'1' + a as u8)
        .collect()
}

#[test]
fn walk_to_backup_19_by_keys_then_quit_restores_the_terminal() {
    let script = format!("'{}'; echo EXIT=$?; stty -a; sleep 1", bin());
    let mut s = Session::start(&script, &[]);
    s.wait_for("What were you doing");
    assert!(
        s.parser.screen().alternate_screen(),
        "the wizard uses the alternate screen"
    );
    for key in digits_to("backup-19") {
        s.keys(&[key]);
    }
    s.wait_for("backup-19");
    s.wait_for("vssadmin list writers");
    // Copy: the OSC 52 sequence with the command in base64 reaches the terminal.
    s.keys(b"c");
    s.wait_for("Copied");
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    assert!(
        raw.contains("\x1b]52;c;dnNzYWRtaW4gbGlzdCB3cml0ZXJz"),
        "no OSC 52 copy"
    );
    s.keys(b"q");
    s.wait_exit();
    let screen = s.screen();
    assert!(
        !s.parser.screen().alternate_screen(),
        "alternate screen left"
    );
    assert!(!s.parser.screen().hide_cursor(), "cursor shown again");
    assert!(screen.contains("EXIT=0"), "{screen}");
    // The fix's commands stay in the scrollback after quitting (printed after leaving the
    // alternate screen).
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    let printed = &raw[raw.rfind("\x1b[?1049l").expect("left the alternate screen")..];
    assert!(
        printed.contains("backup-19  ") && printed.contains("vssadmin list writers"),
        "{printed}"
    );
    // Cooked mode again: stty shows canonical input and echo on.
    let stty: String = String::from_utf8_lossy(&s.raw).to_string();
    let after = &stty[stty.rfind("EXIT=0").unwrap()..];
    assert!(
        after.contains(" icanon") && !after.contains("-icanon"),
        "{after}"
    );
    assert!(
        after.contains(" echo ") || after.contains(" echo\n") || after.contains(" echo\r"),
        "{after}"
    );
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let script = format!("'{}'; echo EXIT=$?; stty -a; sleep 1", bin());
    let mut s = Session::start(&script, &[]);
    s.wait_for("What were you doing");
    s.keys(b"2");
    s.keys(&[0x03]);
    s.wait_exit();
    assert!(!s.parser.screen().alternate_screen());
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    // An interrupted program's exit code, as shells expect of Ctrl-C.
    let after = &raw[raw.rfind("EXIT=130").expect("exit 130")..];
    assert!(!after.contains("-icanon"), "{after}");
}

/// Ctrl-C in plain mode on a real terminal (the terminal sends SIGINT): the transcript is
/// written, the session ended, exit 130.
#[test]
fn ctrl_c_in_plain_mode_writes_the_transcript_and_ends_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let transcript = dir.path().join("tc.md");
    // The terminal's SIGINT goes to the shell too: it traps it to go on and print the exit code.
    let script = format!(
        "trap : INT; '{}' --plain --transcript '{}'; echo EXIT=$?; sleep 1",
        bin(),
        transcript.display()
    );
    let mut s = Session::start(&script, &[("TRIAGE_DATA_DIR", data.to_str().unwrap())]);
    s.wait_for("What were you doing");
    s.keys(b"2\r");
    s.wait_for("What does the backup error message mention?");
    s.keys(&[0x03]);
    s.wait_exit();
    let screen = s.screen();
    assert!(screen.contains("EXIT=130"), "{screen}");
    assert!(screen.contains("Transcript written to"), "{screen}");
    let md = std::fs::read_to_string(&transcript).unwrap();
    assert!(md.contains("**A backup failed"), "{md}");
    let (entries, _) = triage::history::load_all(&data);
    assert_eq!(entries.len(), 1);
    assert!(entries[0].record.session.ended.is_some(), "session ended");
}

/// History that cannot be saved is said on the status line when it happens and again on stderr
/// once the terminal is restored; `e` then names the file it wrote (in the temporary directory).
#[test]
fn an_unsaved_history_is_shown_and_said_again_after_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "").unwrap();
    let data = blocker.join("data");
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let script = format!("'{}'; echo EXIT=$?; sleep 1", bin());
    let mut s = Session::start(
        &script,
        &[
            ("TRIAGE_DATA_DIR", data.to_str().unwrap()),
            ("TMPDIR", tmp.to_str().unwrap()),
        ],
    );
    s.wait_for("What were you doing");
    let digits = digits_to("backup-19");
    s.keys(&digits[..1]);
    s.wait_for("Warning: history not saved in");
    for key in &digits[1..] {
        s.keys(&[*key]);
    }
    s.wait_for("vssadmin list writers");
    s.keys(b"e");
    s.wait_for("Transcript written to");
    let written: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let path = written[0].display().to_string();
    assert!(s.screen().contains(&path), "{}", s.screen());
    s.keys(b"q");
    s.wait_exit();
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    let after = &raw[raw.rfind("\x1b[?1049l").expect("left the alternate screen")..];
    assert!(after.contains("history not saved in"), "{after}");
    // The transcript `e` wrote is written again at the end, whole, and where it is is said.
    assert!(
        after.contains(&format!("Transcript written to {path}")),
        "{after}"
    );
    assert!(after.contains("EXIT=0"), "{after}");
}

#[test]
fn korean_and_search_in_the_real_terminal() {
    let script = format!("'{}'; sleep 1", bin());
    let mut s = Session::start(&script, &[("LANG", "ko_KR.UTF-8")]);
    s.wait_for("무엇을 하고");
    s.keys(b"/");
    for c in "vss writers".bytes() {
        s.keys(&[c]);
    }
    s.wait_for("backup-19");
    s.keys(b"\r");
    s.wait_for("이 해결책에 이르는 질문");
    // The path pushes the commands down: the first Tab brings the first one into view.
    s.keys(b"\t");
    s.wait_for("vssadmin list writers");
    s.keys(b"p");
    s.keys(b"q");
    s.wait_exit();
    // `p` prints the selected command alone after quitting.
    assert!(s.screen().contains("vssadmin list writers"));
}

/// The search box edits like a shell line, with the keys a real terminal sends; then a fix's
/// "See also" entry opens with Shift-Tab and Enter.
#[test]
fn search_line_editing_and_see_also_in_the_real_terminal() {
    let script = format!("'{}'; sleep 1", bin());
    let mut s = Session::start(&script, &[]);
    s.wait_for("What were you doing");
    s.keys(b"/");
    s.keys(b"vss bad");
    // Alt-b (ESC b): back a word; typing goes in at the cursor.
    s.keys(b"\x1bb");
    s.keys(b"writers ");
    s.wait_for("Search: vss writers bad");
    assert_eq!(s.parser.screen().cursor_position(), (2, 21));
    // Ctrl-A, Delete, Ctrl-E, Ctrl-Left, Ctrl-K, then Korean at the cursor.
    s.keys(b"\x01\x1b[3~\x05\x1b[1;5D\x0b");
    s.keys("상태".as_bytes());
    s.wait_for("Search: ss writers 상태");
    assert_eq!(s.parser.screen().cursor_position(), (2, 9 + 11 + 4));
    // Left twice, Ctrl-W: the word before the cursor goes; Ctrl-U clears to the start.
    s.keys(b"\x1b[D\x1b[D\x17");
    s.wait_for("Search: ss 상태");
    s.keys(b"\x15vss writers ");
    s.wait_for("Search: vss writers 상태");
    s.wait_for("backup-19");
    s.keys(b"\r");
    s.wait_for("How the questions lead here");
    // The first Shift-Tab shows the selected command, the second wraps to the last See also
    // entry; Enter opens that fix.
    s.keys(b"\x1b[Z");
    s.keys(b"\x1b[Z");
    s.wait_for("Enter: open");
    let last = triage::tree::embedded()
        .leaf("backup-19")
        .unwrap()
        .see_also
        .last()
        .cloned()
        .unwrap();
    assert!(s.screen().contains(&format!("> {last}")), "{}", s.screen());
    s.keys(b"\r");
    s.wait_for(&format!("{last}  "));
    assert!(!s.screen().contains("backup-19  "), "{}", s.screen());
    s.keys(b"q");
    s.wait_exit();
}

/// `cmd=$(triage)`: the wizard draws on the terminal (not into the capture, as fzf and navi
/// do), and the command picked with `p` is what the capture gets; nothing chosen exits 1.
#[test]
fn with_stdout_captured_the_wizard_draws_on_the_terminal_and_prints_the_pick() {
    let script = format!(
        "x=$('{}'); echo EXIT=$?; echo \"GOT[$x]\"; stty -a; sleep 1",
        bin()
    );
    // On backup-19 with its command picked (`p`), then `last` ends the wizard.
    let pick_then = |last: &[u8], code: i32| {
        let mut s = Session::start(&script, &[]);
        s.wait_for("What were you doing");
        assert!(s.parser.screen().alternate_screen());
        for key in digits_to("backup-19") {
            s.keys(&[key]);
        }
        s.wait_for("vssadmin list writers");
        s.keys(b"p");
        s.keys(last);
        s.wait_exit();
        s.assert_restored(code)
    };
    let after = pick_then(b"q", 0);
    assert!(after.contains("GOT[vssadmin list writers]"), "{after}");
    // Ctrl-C cancels: the capture gets nothing, not even the command picked.
    let after = pick_then(b"\x03", 130);
    assert!(after.contains("GOT[]"), "{after}");
    // Ctrl-Z cannot stop it there (the shell ignores the signal for it): said, not silent.
    let mut s = Session::start(&script, &[]);
    s.wait_for("What were you doing");
    s.keys(b"\x1a");
    s.wait_for("Ctrl-Z cannot suspend here");
    // Quitting on a question chooses nothing: the capture gets nothing, and the exit code
    // says so (1, as fzf's when nothing was chosen), so `x=$(triage) || exit` stops there.
    s.keys(b"q");
    s.wait_exit();
    let after = s.assert_restored(1);
    assert!(after.contains("GOT[]"), "{after}");
}

/// `--query` starts on the search's results (a number opens one); practice refuses it.
/// `--set` fills in blanks from the start; `--select-1` opens a sure answer.
#[test]
fn the_wizard_starts_on_the_search_for_query() {
    let run = |args: &[&str], input: &str| {
        assert_cmd::Command::cargo_bin("triage")
            .unwrap()
            .env("LANG", "en_US.UTF-8")
            .env("TRIAGE_CONFIG_DIR", "/nonexistent/x")
            .env(
                "TRIAGE_DATA_DIR",
                std::env::temp_dir().join("triage-e2e-data"),
            )
            .args(args)
            .write_stdin(input)
            .output()
            .unwrap()
    };
    let out = run(&["-q", "ExtensionConfigParsingFailure"], "1\nq\n");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("  1) backup-20  "), "{text}");
    assert!(
        text.contains("Error codes: ExtensionConfigParsingFailure"),
        "{text}"
    );
    // --set fills the commands' blanks from the start, as `show --set` does.
    let out = run(
        &[
            "-q",
            "backup-03",
            "--set",
            "VMName=vm-sql-02",
            "--set",
            "ResourceGroup=rg-prod",
        ],
        "1\nq\n",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(r#"(Get-AzVM -ResourceGroupName "rg-prod" -Name "vm-sql-02" -Status)"#),
        "{text}"
    );
    let out = run(&["practice", "--query", "x"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--query"), "{err}");

    // --select-1 opens a sure answer at once, with the path that leads there...
    let message = "Snapshot operation failed due to VSS Writers in bad state";
    let out = run(&["-q", message, "--select-1"], "q\n");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("How the questions lead here:"), "{text}");
    assert!(
        text.contains("backup-19  VSS writers in a bad state"),
        "{text}"
    );
    assert!(!text.contains("  1) backup-19"), "{text}");
    // ... but not a close call: its results are shown, as without it.
    let code = "UserErrorGuestAgentStatusUnavailable";
    let out = run(&["-q", code, "-1"], "q\n");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Close call"), "{text}");
    assert!(text.contains("  1) backup-03  "), "{text}");
    assert!(!text.contains("How the questions lead here:"), "{text}");
    // It needs a query.
    let out = run(&["--select-1"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn plain_mode_through_a_pipe() {
    let keys: String = digits_to("backup-19")
        .into_iter()
        .map(|d| format!("{}\n", d as char))
        .collect();
    let out = assert_cmd::Command::cargo_bin("triage")
        .unwrap()
        .env("LANG", "en_US.UTF-8")
        .env("TRIAGE_CONFIG_DIR", "/nonexistent/x")
        .write_stdin(keys)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The first line is the question (`triage | head -1`); the next screen starts on a line
    // of its own after the prompt.
    assert!(text.starts_with("What were you doing"), "{text}");
    assert!(
        text.contains("q quit): \n[Start > A backup failed"),
        "{text}"
    );
    assert!(text.contains("  1) "));
    assert!(text.contains("backup-19  "));
    assert!(text.contains("vssadmin list writers"));
    assert!(!text.contains('\x1b'), "no escape sequences in plain mode");
}

#[test]
fn plain_mode_search_back_and_eof() {
    let out = assert_cmd::Command::cargo_bin("triage")
        .unwrap()
        .args(["--plain", "--lang", "en"])
        .write_stdin("/VSS Writers in bad state\n1\nb\nq\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1) backup-19"), "{text}");
    assert!(text.contains("How the questions lead here"), "{text}");
    // EOF right away ends cleanly.
    let out = assert_cmd::Command::cargo_bin("triage")
        .unwrap()
        .arg("--plain")
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn a_panic_restores_the_terminal_first_then_says_where_to_report() {
    let script = format!("'{}'; echo EXIT=$?; stty -a; sleep 1", bin());
    let mut s = Session::start(&script, &[("TRIAGE_TEST_PANIC_KEY", "Z")]);
    s.wait_for("What were you doing");
    s.keys(b"2");
    s.keys(b"Z");
    s.wait_exit();
    s.assert_restored(101);
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    let after = &raw[raw.rfind("\x1b[?1049l").expect("left the alternate screen")..];
    assert!(after.contains("triage crashed"), "{after}");
    assert!(after.contains("please report it"), "{after}");
    assert!(after.contains("EXIT=101"), "{after}");
    // The restore comes before the message: no crash text drawn inside the alternate screen.
    let before = &raw[..raw.rfind("\x1b[?1049l").unwrap()];
    assert!(!before.contains("triage crashed"));
}

#[test]
fn sigterm_restores_the_terminal_and_saves_the_session() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_string();
    // The inner shell's PID becomes the wizard's (exec), and a child of it sends the signal.
    let script = format!(
        "sh -c 'echo PID=$$.; exec \"{}\"'; echo EXIT=$?; stty -a; sleep 1",
        bin()
    );
    let mut s = Session::start(&script, &[("TRIAGE_DATA_DIR", &data_dir)]);
    s.wait_for("What were you doing");
    // Something done first: a run where nothing was done is not kept.
    s.keys(b"2");
    s.wait_for("What does the backup error message mention?");
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    let pid = &raw[raw.find("PID=").unwrap() + 4..];
    let pid = &pid[..pid.find('.').unwrap()];
    let status = std::process::Command::new("kill")
        .args(["-TERM", pid])
        .status()
        .unwrap();
    assert!(status.success());
    s.wait_exit();
    s.assert_restored(143);
    let (entries, _) = triage::history::load_all(data.path());
    assert_eq!(entries.len(), 1, "the session was saved on the way out");
}

/// Shift-Tab from the first command until the fix's first link is selected.
/// The wizard (with `NO_COLOR` set to `no_color`) on backup-19, its first link selected.
fn on_backup_19_link(no_color: &str) -> Session {
    let script = format!("'{}'; sleep 1", bin());
    let mut s = Session::start(&script, &[("NO_COLOR", no_color)]);
    s.wait_for("What were you doing");
    for key in digits_to("backup-19") {
        s.keys(&[key]);
    }
    s.wait_for("vssadmin list writers");
    select_first_link(&mut s);
    s
}

fn select_first_link(s: &mut Session) {
    for _ in 0..10 {
        if s.screen().contains("Links  c: copy") {
            return;
        }
        s.keys(b"\x1b[Z");
        s.pump(Duration::from_millis(100));
    }
    panic!("no link selected; screen:\n{}", s.screen());
}

/// A link's URL is copied whole with `c` (a wrapped URL cannot be selected on screen), and the
/// pieces drawn are terminal hyperlinks (OSC 8) to the whole URL; the screen stays right as the
/// selection and the scroll change.
#[test]
fn a_link_is_copied_whole_and_its_pieces_are_hyperlinks() {
    let url = triage::tree::embedded().leaf("backup-19").unwrap().links[0]
        .url
        .clone();
    let mut s = on_backup_19_link("");
    let screen = s.screen();
    assert!(
        screen.contains("  > ExtensionFailedVssWriterInBadState"),
        "{screen}"
    );
    // Each piece of the URL, as drawn, is a hyperlink to the whole URL.
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    let start = format!("\x1b]8;id=triage-1;{url}\x1b\\");
    assert!(raw.contains(&start), "no OSC 8 hyperlink");
    let linked: Vec<&str> = raw
        .split(&start)
        .skip(1)
        .filter_map(|after| after.split("\x1b]8;;\x1b\\").next())
        .collect();
    // The URL is drawn in three pieces at 80 columns; each one is inside a hyperlink.
    for piece in [&url[..75], &url[75..150], &url[150..]] {
        assert!(
            linked.iter().any(|l| l.contains(piece)),
            "{piece:?} not linked: {linked:?}"
        );
    }
    let rows: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("> ExtensionFailed"))
        .skip(1)
        .take(3)
        .map(str::trim)
        .collect();
    // The rows after the first are marked as going on from the one before.
    assert!(!rows[0].starts_with('↪'), "{rows:?}");
    assert!(rows[1..].iter().all(|r| r.starts_with('↪')), "{rows:?}");
    let shown: String = rows.iter().map(|r| r.trim_start_matches('↪')).collect();
    assert_eq!(shown, url);
    s.keys(b"c");
    s.wait_for("Copied");
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    let encoded = base64(url.as_bytes());
    assert!(
        raw.contains(&format!("\x1b]52;c;{encoded}")),
        "no OSC 52 copy of the URL"
    );
    // Back to the top: what the terminal shows is what was drawn, no piece of link left over.
    s.keys(b"g");
    s.wait_for("Error message");
    let screen = s.screen();
    assert!(!screen.contains("https://"), "{screen}");
    assert!(
        screen
            .lines()
            .nth(2)
            .unwrap()
            .starts_with(" backup-19  VSS writers"),
        "{screen}"
    );
    s.keys(b"q");
    s.wait_exit();
}

#[test]
fn no_hyperlinks_with_no_color() {
    let mut s = on_backup_19_link("1");
    s.wait_for("https://learn.microsoft.com");
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    assert!(!raw.contains("\x1b]8;"), "OSC 8 despite NO_COLOR");
    s.keys(b"q");
    s.wait_exit();
}

/// `--color never` draws the wizard without colours (the title bar's cyan is gone), `always`
/// with them on a monochrome TERM.
#[test]
fn the_color_option_decides_the_wizards_colours_too() {
    for (args, term, coloured) in [
        ("", "xterm-256color", true),
        (" --color never", "xterm-256color", false),
        (" --color always", "xterm-mono", true),
        ("", "xterm-mono", false),
    ] {
        let script = format!("'{}'{args}; echo EXIT=$?; sleep 1", bin());
        let mut s = Session::start(&script, &[("TERM", term)]);
        s.wait_for("What were you doing");
        let raw = String::from_utf8_lossy(&s.raw).to_string();
        // The bar's background: cyan (crossterm writes it with the foreground).
        assert_eq!(
            raw.contains("48;5;6m"),
            coloured,
            "{args} {term} {:?}",
            &raw[..raw.len().min(300)]
        );
        s.keys(b"q");
        s.wait_exit();
    }
}

/// Standard base64 with padding (what OSC 52 carries).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn a_panic_message_follows_the_language() {
    let script = format!("'{}'; echo EXIT=$?; sleep 1", bin());
    let mut s = Session::start(
        &script,
        &[("TRIAGE_TEST_PANIC_KEY", "Z"), ("LANG", "ko_KR.UTF-8")],
    );
    s.wait_for("무엇을 하고");
    s.keys(b"Z");
    s.wait_exit();
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    let after = &raw[raw.rfind("\x1b[?1049l").expect("left the alternate screen")..];
    assert!(after.contains("triage가 비정상 종료했습니다"), "{after}");
    assert!(after.contains("EXIT=101"), "{after}");
}

/// The processes whose command line has `marker`, with their arguments.
fn processes_with(marker: &str) -> Vec<(u32, Vec<String>)> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|entry| {
        let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
        let args: Vec<String> = cmdline
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        args.iter()
            .any(|a| a.contains(marker))
            .then_some((pid, args))
    })
    .collect()
}

/// Still running: in /proc and not a zombie waiting to be reaped.
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // The state comes after the command name, which is in parentheses.
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X']))
    })
}

/// Kills whatever carries `marker` in its command line, on every way out of the test: no wizard
/// is left spinning on a dead terminal, whether the test passes or fails.
struct KillOnDrop {
    marker: String,
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        for (pid, _) in processes_with(&self.marker) {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
}

/// The terminal goes away and no SIGHUP reaches the wizard: it runs under a shell that does not
/// exec it (a script, `cargo run`, a tmux pane's shell), and only the session leader, the shell,
/// gets the hangup's SIGHUP. Its input is then a hung-up terminal that reads end-of-file forever.
/// The wizard notices and ends as for a SIGHUP (session saved, transcript written, exit 129)
/// instead of spinning on the dead terminal for ever.
#[test]
fn a_hung_up_terminal_ends_the_wizard_without_a_sighup() {
    hang_up_under(&[]);
}

/// The same in plain mode: a dropped SSH connection ends it the same clean way.
#[test]
fn a_hung_up_terminal_ends_plain_mode_the_same_way() {
    hang_up_under(&["--plain"]);
}

fn hang_up_under(args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    // The temporary directory's path is unique: it finds (and, at the end, kills) what this test
    // started.
    let marker = dir.path().to_str().unwrap().to_string();
    let _cleanup = KillOnDrop {
        marker: marker.clone(),
    };
    let data = dir.path().join("data");
    let transcript = dir.path().join("transcript.md");
    let code = dir.path().join("exit-code");
    let pty = NativePtySystem::default()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // No `exec`: sh stays the session leader and the wizard is its child. sh ignores SIGHUP here
    // only to outlive the wizard and write down its exit code; the wizard gets no signal either way.
    let script = format!(
        "trap '' HUP; '{}' {} --transcript '{}'; echo $? > '{}'",
        bin(),
        args.join(" "),
        transcript.display(),
        code.display()
    );
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", &script]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    cmd.env("TRIAGE_CONFIG_DIR", "/nonexistent/triage-e2e-config");
    cmd.env("TRIAGE_DATA_DIR", &data);
    cmd.env_remove("LC_ALL");
    cmd.env_remove("TMUX");
    let mut shell = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    // Read until the first screen is up, then let go of the reader: the hangup comes when the
    // last handle on the master side closes.
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel();
    let reading = std::thread::spawn(move || {
        let mut screen = vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        );
        let mut buf = [0u8; 4096];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    screen.process(&buf[..n]);
                    if screen
                        .screen()
                        .contents()
                        .contains("Enabling backup on a VM")
                    {
                        drop(reader);
                        let _ = tx.send(());
                        return;
                    }
                }
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the wizard's first screen");
    reading.join().unwrap();
    let wizard = processes_with(&marker)
        .into_iter()
        .find(|(_, args)| args.first().is_some_and(|a| *a == bin()))
        .map(|(pid, _)| pid)
        .expect("the wizard's process");
    // Idle, waiting for a key: where the wizard spends its time when the terminal goes away.
    std::thread::sleep(Duration::from_millis(500));
    drop(pty.master);
    let hung_up = Instant::now();
    while running(wizard) && hung_up.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = hung_up.elapsed();
    assert!(
        !running(wizard),
        "the wizard still runs {took:?} after its terminal hung up (killed now)"
    );
    eprintln!("the wizard ended {took:?} after the hangup");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !matches!(shell.try_wait(), Ok(Some(_))) {
        assert!(Instant::now() < deadline, "the shell did not end");
        std::thread::sleep(Duration::from_millis(20));
    }
    let code = std::fs::read_to_string(&code).unwrap_or_default();
    assert_eq!(code.trim(), "129", "ended as for a SIGHUP");
    assert!(transcript.exists(), "the transcript was written");
    let (entries, _) = triage::history::load_all(&data);
    assert_eq!(entries.len(), 1, "the session was saved on the way out");
}

/// SIGQUIT ends the full-screen wizard the clean way, as SIGTERM, SIGHUP and SIGINT do: terminal
/// restored (main screen, cursor shown, cooked mode), session saved, exit 131.
#[test]
fn sigquit_restores_the_terminal_and_saves_the_session() {
    let data = tempfile::tempdir().unwrap();
    // The inner shell says its PID, then becomes the wizard (exec): the test signals that PID
    // once the wizard is on screen, so no sleep decides when the signal comes.
    let script = format!(
        "sh -c 'echo PID=$$.; exec \"{}\"'; echo EXIT=$?; stty -a; sleep 1",
        bin()
    );
    let mut s = Session::start(
        &script,
        &[("TRIAGE_DATA_DIR", data.path().to_str().unwrap())],
    );
    s.wait_for("What were you doing");
    assert!(s.parser.screen().alternate_screen());
    // Something done first: a run where nothing was done is not kept.
    s.keys(b"2");
    s.wait_for("What does the backup error message mention?");
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    let pid = &raw[raw.find("PID=").unwrap() + 4..];
    let pid = &pid[..pid.find('.').unwrap()];
    let status = std::process::Command::new("kill")
        .args(["-QUIT", pid])
        .status()
        .unwrap();
    assert!(status.success());
    s.wait_exit();
    s.assert_restored(131);
    let (entries, _) = triage::history::load_all(data.path());
    assert_eq!(entries.len(), 1, "the session was saved on the way out");
    assert!(entries[0].record.session.ended.is_some());
}

/// Ctrl-\ (which raw mode takes from the terminal) quits as SIGQUIT does: terminal restored,
/// exit code 131.
#[test]
fn ctrl_backslash_quits_like_sigquit() {
    let data = tempfile::tempdir().unwrap();
    let script = format!("'{}'; echo EXIT=$?; stty -a; sleep 1", bin());
    let mut s = Session::start(
        &script,
        &[("TRIAGE_DATA_DIR", data.path().to_str().unwrap())],
    );
    s.wait_for("What were you doing");
    s.keys(b"\x1c");
    s.wait_exit();
    s.assert_restored(131);
}

/// An error typed out by the terminal in one go (a paste it did not mark as one) on the first
/// question is searched for; its letters do not answer questions or write transcripts.
#[test]
fn text_typed_out_at_once_is_searched_not_taken_as_keys() {
    let script = format!("'{}' --no-config; echo EXIT=$?; sleep 1", bin());
    let mut s = Session::start(&script, &[("LANG", "C.UTF-8")]);
    s.wait_for("What were you doing");
    s.keys(b"lsblk: fsfreeze failed on /data");
    s.wait_for("Search: lsblk: fsfreeze failed on /data");
    assert!(!s.screen().contains("Transcript written"), "{}", s.screen());
    s.keys(b"\x1b");
    s.wait_for("What were you doing");
    // A numeric error code typed out at once is no walk through the questions.
    s.keys(b"320001");
    s.wait_for("Search: 320001");
    s.keys(b"\x1b");
    s.wait_for("What were you doing");
    // Keys pressed one at a time still act at once.
    s.keys(b"q");
    s.wait_for("EXIT=0");
}

/// The wizard (no config) on its first question.
fn wizard_at_the_first_question() -> Session {
    let script = format!("'{}' --no-config; echo EXIT=$?; sleep 1", bin());
    let mut s = Session::start(&script, &[("LANG", "C.UTF-8")]);
    s.wait_for("What were you doing");
    s
}

/// The wizard (no config) with its search box open.
fn wizard_in_the_search_box() -> Session {
    let mut s = wizard_at_the_first_question();
    s.keys(b"/");
    s.wait_for("Search:");
    s
}

/// Esc closes what is open (back on the first question), `q` quits: exit 0.
fn escape_then_quit(s: &mut Session) {
    s.keys(b"\x1b");
    s.wait_for("What were you doing");
    s.keys(b"q");
    s.wait_for("EXIT=0");
}

/// Two Esc presses that arrive in one read (keys batched over SSH) are two presses: the search
/// closes and the second says how to quit; a third quits. Esc then an arrow's sequence in one
/// read is Esc then that arrow.
#[test]
fn two_escapes_in_one_read_are_two_presses() {
    let mut s = wizard_in_the_search_box();
    s.keys(b"vss");
    s.keys(b"\x1b\x1b");
    s.wait_for("Closed. To quit, press Esc again or q");
    s.keys(b"\x1b");
    s.wait_for("EXIT=0");
    let mut s = wizard_in_the_search_box();
    s.keys(b"vss");
    s.wait_for("backup-19");
    // Esc closes the search; Down then moves to the second answer of the question.
    s.keys(b"\x1b\x1b[B");
    s.wait_for("> 2 ");
    s.keys(b"q");
    s.wait_for("EXIT=0");
}

/// A log pasted without bracketed paste into the open search box, lines and all: its line ends
/// are no Enter (which would open the first result mid-paste); one at its very end is (see
/// below).
#[test]
fn lines_typed_out_into_the_search_box_are_one_query() {
    let mut s = wizard_in_the_search_box();
    s.keys(b"INFO agent started\rERROR VSS writers in bad state\rINFO retry");
    s.wait_for("Search: INFO agent started ERROR VSS writers in bad state INFO retry");
    assert!(s.screen().contains("backup-19"), "{}", s.screen());
    escape_then_quit(&mut s);
}

/// An Enter that comes with the last letters (an input method commits its syllable and the
/// Enter at once) still opens the first result: only line ends with text after them are a
/// paste's.
#[test]
fn an_enter_at_the_end_of_a_burst_in_the_search_box_opens_the_result() {
    let mut s = wizard_in_the_search_box();
    s.keys("VSS 기록기 오".as_bytes());
    s.wait_for("Search: VSS 기록기 오");
    s.keys("류\r".as_bytes());
    s.wait_for("How the questions lead here");
    assert!(s.screen().contains("backup-19"), "{}", s.screen());
    s.keys(b"q");
    s.wait_for("EXIT=0");
}

/// A paste of more than the terminal reader takes at once (1 KiB) shows whole without waiting
/// for another key (the reader's poll is edge-triggered: crossterm left the rest unread).
#[test]
fn a_long_paste_typed_out_shows_whole_without_another_key() {
    let mut s = wizard_in_the_search_box();
    let mut text = String::new();
    for i in 0..40 {
        text.push_str(&format!("INFO heartbeat {i} of the extension is pending\r"));
    }
    text.push_str("ERROR VSS writers in bad state LAST");
    assert!(text.len() > 1500);
    s.keys(text.as_bytes());
    s.wait_for("bad state LAST");
    assert!(s.screen().contains("backup-19"), "{}", s.screen());
    escape_then_quit(&mut s);
}

/// A raw log pasted without bracketed paste may hold escape sequences: an unknown one (`CSI ?
/// 25 l`) is dropped, and the keys after it still act (crossterm waited for more, swallowing
/// every key: crossterm-rs/crossterm#1104).
#[test]
fn an_unknown_escape_sequence_in_a_paste_does_not_swallow_the_keys_after_it() {
    let mut s = wizard_at_the_first_question();
    s.keys(b"vss writers \x1b[?25l failed");
    s.wait_for("failed");
    escape_then_quit(&mut s);
}

/// In practice, where search is off, text typed out at once is set aside with a notice: its
/// letters do not take answers back (`h`), start over (`r`) or write transcripts (`e`).
#[test]
fn text_typed_out_at_once_in_practice_is_no_keys() {
    let script = format!(
        "'{}' --no-config practice --count 1 --seed 42; echo EXIT=$?; sleep 1",
        bin()
    );
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let mut s = Session::start(&script, &[("LANG", "C.UTF-8"), ("TRIAGE_DATA_DIR", dir)]);
    s.wait_for("Why we ask");
    s.keys(b"1");
    s.wait_for("Practice 1/1 | Start > ");
    let trail = |s: &Session| {
        s.screen()
            .lines()
            .nth(1)
            .unwrap_or("")
            .trim_end()
            .to_string()
    };
    let before = trail(&s);
    s.keys(b"Virtual machine agent is not present");
    s.wait_for("Search is off during practice");
    assert_eq!(trail(&s), before, "{}", s.screen());
    assert!(!s.screen().contains("Transcript written"), "{}", s.screen());
    s.keys(b"q");
    s.wait_for("Score");
    s.keys(b"q");
    s.wait_for("EXIT=0");
}

/// A word typed at a person's pace whose first letter is a key there is searched too: "quota"
/// does not quit (`q`), "jobs" does not move the selection (`j`), "linux" answers nothing (`l`).
#[test]
fn a_word_typed_slowly_is_searched_even_when_its_first_letter_is_a_key() {
    let script = format!("'{}' --no-config; echo EXIT=$?; sleep 1", bin());
    // A loaded machine may space the test's keys further apart than a person's.
    let hold = ("TRIAGE_TEST_HOLD_MS", "1500");
    let mut s = Session::start(&script, &[("LANG", "C.UTF-8"), hold]);
    s.wait_for("What were you doing");
    let selected = |s: &Session| {
        s.screen()
            .lines()
            .find(|l| l.trim_start().starts_with('>'))
            .map(|l| l.trim_end().to_string())
    };
    let first = selected(&s);
    // "keyvault": a move (`k`), then keys (`e`), then a letter no key takes.
    for word in ["quota", "jobs", "linux", "keyvault"] {
        s.type_slowly(word);
        s.wait_for(&format!("Search: {word}"));
        s.keys(b"\x1b");
        s.wait_for("What were you doing");
        assert_eq!(selected(&s), first, "after {word}");
    }
    // Two letters the terminal sends in one go, then the rest at a person's pace.
    s.keys(b"qu");
    s.type_slowly("ota");
    s.wait_for("Search: quota");
    s.keys(b"\x1b");
    s.wait_for("What were you doing");
    // On a fix, where `o` is a key too: "jobs" neither moves to the next command nor prints.
    s.keys(b"4");
    s.keys(b"1");
    s.wait_for("[PowerShell]");
    let command = selected(&s);
    s.type_slowly("jobs");
    s.wait_for("Search: jobs");
    s.keys(b"\x1b");
    s.wait_for("[PowerShell]");
    assert_eq!(selected(&s), command);
    // A key alone still acts, after a moment: `q` quits.
    s.keys(b"q");
    s.wait_for("EXIT=0");
}

/// SIGTERM on a fix (a tmux window killed, a shutdown) leaves the fix in the scrollback, as
/// `q` and Ctrl-C do: the terminal is still there to read it.
#[test]
fn sigterm_on_a_fix_prints_it_like_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let script = format!(
        "sh -c 'echo $$ > \"{}\"; exec \"{}\" --no-config'; echo EXIT=$?; sleep 1",
        pid_file.display(),
        bin()
    );
    let mut s = Session::start(
        &script,
        &[("TRIAGE_DATA_DIR", dir.path().to_str().unwrap())],
    );
    s.wait_for("What were you doing");
    for key in digits_to("backup-19") {
        s.keys(&[key]);
    }
    s.wait_for("vssadmin list writers");
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .unwrap();
    assert!(killed.success());
    s.wait_for("EXIT=143");
    let screen = s.screen();
    assert!(screen.contains("backup-19  VSS writers"), "{screen}");
}

/// Digits typed out together, a command key after them (`tmux send-keys 2131q`), still answer
/// question after question, then act.
#[test]
fn digits_typed_out_at_once_answer_questions() {
    let script = format!("'{}' --no-config; echo EXIT=$?; sleep 1", bin());
    let mut s = Session::start(&script, &[("LANG", "C.UTF-8")]);
    s.wait_for("What were you doing");
    let mut keys = digits_to("backup-19");
    keys.push(b'q');
    s.keys(&keys);
    s.wait_for("EXIT=0");
    // Quitting on the fix printed it.
    assert!(
        s.screen().contains("vssadmin list writers"),
        "{}",
        s.screen()
    );
}

/// `show` on a terminal wraps its prose at the terminal's width, as plain mode does: a long
/// cause under its heading, not cut mid-word by the terminal; commands stay whole.
#[test]
fn show_wraps_prose_at_the_terminals_width() {
    let script = format!("'{}' show backup-03; echo EXIT=$?", bin());
    let mut s = Session::start(&script, &[("NO_COLOR", "")]);
    s.wait_exit();
    // The cause, 180 columns: wrapped at a space, the rest under its text (not folded
    // mid-word by the terminal).
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    assert!(
        raw.contains("  This error is thrown if there is a problem with the VM agent or network access\r\n  to the Azure"),
        "{raw}"
    );
    assert!(
        raw.contains(
            r#"(Get-AzVM -ResourceGroupName "<ResourceGroup>" -Name "<VMName>" -Status).VMAgent"#
        ),
        "{raw}"
    );
    assert!(raw.contains("EXIT=0"), "{raw}");
}

/// `show` on a terminal colours by default (the pipes of the other tests never see it); not with
/// NO_COLOR, TERM=dumb or a monochrome TERM, nor with its output captured by `$(...)`.
#[test]
fn show_colours_on_a_terminal_only_when_it_may() {
    let green = "\x1b[32mvssadmin list writers\x1b[0m";
    let run = |script: &str, env: &[(&str, &str)]| {
        let mut s = Session::start(script, env);
        s.wait_exit();
        String::from_utf8_lossy(&s.raw).into_owned()
    };
    let show = format!("'{}' show backup-19; echo EXIT=$?", bin());
    // NO_COLOR empty is no NO_COLOR (no-color.org), whatever the environment of the tests has.
    let raw = run(&show, &[("NO_COLOR", "")]);
    assert!(raw.contains(green), "{raw}");
    assert!(raw.contains("\x1b[1mCause\x1b[0m"), "{raw}");
    assert!(raw.contains("EXIT=0"), "{raw}");
    for env in [
        [("NO_COLOR", "1"), ("TERM", "xterm-256color")],
        [("NO_COLOR", ""), ("TERM", "dumb")],
        [("NO_COLOR", ""), ("TERM", "xterm-mono")],
    ] {
        let raw = run(&show, &env);
        assert!(raw.contains("vssadmin list writers"), "{env:?}: {raw}");
        assert!(!raw.contains('\x1b'), "{env:?}: {raw}");
    }
    let colour = [("NO_COLOR", "")];
    let raw = run(
        &format!("'{}' show backup-19 --color never", bin()),
        &colour,
    );
    assert!(!raw.contains('\x1b'), "{raw}");
    // Captured, then printed by the shell: the capture got no colour.
    let raw = run(
        &format!("out=$('{}' show backup-19); printf '%s' \"$out\"", bin()),
        &colour,
    );
    assert!(raw.contains("vssadmin list writers"), "{raw}");
    assert!(!raw.contains('\x1b'), "{raw}");
}
