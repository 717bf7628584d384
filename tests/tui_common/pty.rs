//! A pseudo-terminal session with the real binary, read back through a vt100 parser: the
//! harness of the end-to-end tests (tui_pty.rs, tui_forms_pty.rs).
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

pub struct Session {
    pub parser: vt100::Parser,
    pub rx: Receiver<Vec<u8>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    // Kept open so the reader thread sees the pty until the child is gone.
    pub _master: Box<dyn portable_pty::MasterPty + Send>,
    /// Tells the reader thread to stop (and close its copy of the pty) after its next read.
    pub closing: Arc<AtomicBool>,
    pub reader: std::thread::JoinHandle<()>,
    /// Every byte the app wrote, for tests of the escape sequences themselves.
    pub raw: Vec<u8>,
}

impl Session {
    pub fn start(args: &[&str], envs: &[(&str, &str)], home: &Path) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_skillgap"));
        cmd.args(args);
        for var in ["SKILLGAP_DB", "SKILLGAP_CONFIG", "NO_COLOR"] {
            cmd.env_remove(var);
        }
        cmd.env("SKILLGAP_TODAY", "2026-11-22");
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        let closing = Arc::new(AtomicBool::new(false));
        let stop_reading = Arc::clone(&closing);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0
                    || tx.send(buf[..n].to_vec()).is_err()
                    || stop_reading.load(Ordering::Relaxed)
                {
                    break;
                }
            }
        });
        Session {
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(ROWS).expect("rows"),
                std::num::NonZeroU16::new(COLS).expect("cols"),
                0,
            ),
            rx,
            writer,
            child,
            _master: pair.master,
            closing,
            reader,
            raw: Vec::new(),
        }
    }

    pub fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.rx.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.rx.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    pub fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if self.screen().contains(needle) {
                return;
            }
        }
        panic!("{needle:?} never appeared; the screen:\n{}", self.screen());
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    /// Waits for the process to end, reading what it writes on the way out.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().expect("wait") {
                self.pump(Duration::from_millis(200));
                return status;
            }
        }
        let _ = self.child.kill();
        panic!("did not exit; the screen:\n{}", self.screen());
    }

    pub fn assert_restored(&self) {
        let s = self.parser.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "the cursor is still hidden");
    }
}
