//! End to end: the real binary in a pseudo-terminal, read back through a vt100 parser.
//! Starts, switches screens, opens a person, quits, and checks the terminal was restored;
//! also on SIGTERM, with NO_COLOR, for a second instance and for the temporary demo.

#[path = "tui_common/mod.rs"]
mod common;

use common::pty::{COLS, ROWS, Session};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

fn demo_db(dir: &Path) -> String {
    let path = dir.join("demo.db");
    let (_tmp, store) = common::demo_store(42);
    store.backup_to(&path).expect("copy the demo");
    path.to_string_lossy().into_owned()
}

#[test]
fn start_switch_open_a_person_and_quit() {
    let home = tempfile::tempdir().expect("dir");
    let db = demo_db(home.path());
    let mut s = Session::start(&["--db", &db], &[], home.path());
    s.wait_for("Readiness");
    assert!(s.parser.screen().alternate_screen());
    s.send("2");
    s.wait_for("People (41)"); // the demo of 42 has one archived person
    s.send("/ada");
    s.wait_for("filter: ada");
    s.send("\r\r");
    s.wait_for("y month"); // readiness by month
    assert!(s.screen().contains("Self Verif"));
    s.send("\x1b");
    s.wait_for("People (");
    s.send("3");
    s.wait_for("Matrix (");
    s.send("l6");
    s.wait_for("Agenda for");
    s.send("?");
    s.wait_for("On Notes");
    s.send("G");
    s.wait_for("Command palette");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let home = tempfile::tempdir().expect("dir");
    let db = demo_db(home.path());
    let mut s = Session::start(&["--db", &db], &[], home.path());
    s.wait_for("Readiness");
    let pid = s.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    s.wait_exit();
    s.assert_restored();
}

#[test]
fn no_color_writes_no_colour_and_still_shows_the_selection() {
    let home = tempfile::tempdir().expect("dir");
    let db = demo_db(home.path());
    let mut s = Session::start(&["--db", &db], &[("NO_COLOR", "1")], home.path());
    s.wait_for("Readiness");
    s.send("3");
    s.wait_for("Matrix (");
    let screen = s.parser.screen();
    let mut inverse = 0;
    let mut underline = 0;
    for row in 0..ROWS {
        for col in 0..COLS {
            let cell = screen.cell(row, col).expect("cell");
            assert_eq!(cell.fgcolor(), vt100::Color::Default, "{row},{col}");
            assert_eq!(cell.bgcolor(), vt100::Color::Default, "{row},{col}");
            inverse += usize::from(cell.inverse());
            underline += usize::from(cell.underline());
        }
    }
    assert!(inverse > 0, "the selection shows as reverse video");
    assert!(underline > 0, "gaps show as underline");
    s.send("q");
    s.wait_exit();
    s.assert_restored();
}

#[test]
fn a_second_instance_is_told_and_the_demo_cleans_up() {
    let home = tempfile::tempdir().expect("dir");
    let db = demo_db(home.path());
    let mut first = Session::start(&["--db", &db], &[], home.path());
    first.wait_for("Readiness");
    let second = std::process::Command::new(env!("CARGO_BIN_EXE_skillgap"))
        .args(["--db", &db])
        .env("SKILLGAP_TODAY", "2026-11-22")
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .output()
        .expect("run");
    assert_eq!(second.status.code(), Some(1));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.starts_with("error: ") && err.contains("already open"),
        "{err}"
    );
    first.send("q");
    first.wait_exit();

    // `demo` without --db lives in a temporary database, removed on exit.
    let tmp = home.path().join("tmp");
    std::fs::create_dir(&tmp).expect("tmp");
    let tmp_s = tmp.to_string_lossy().into_owned();
    let mut demo = Session::start(&["demo"], &[("TMPDIR", &tmp_s)], home.path());
    demo.wait_for("Readiness");
    assert_eq!(std::fs::read_dir(&tmp).expect("read").count(), 1);
    demo.send("q");
    assert!(demo.wait_exit().success());
    demo.assert_restored();
    assert_eq!(std::fs::read_dir(&tmp).expect("read").count(), 0);
    assert!(
        !home.path().join("data").exists(),
        "the user's data dir was not touched"
    );
}

#[test]
fn a_closed_terminal_ends_the_process() {
    // As when a terminal window closes: every copy of the pty's master side goes away.
    // crossterm 0.29 then spins inside `event::poll`; the app's watchdog must end it.
    let home = tempfile::tempdir().expect("dir");
    let tmp = home.path().join("tmp");
    std::fs::create_dir(&tmp).expect("tmp");
    let tmp_s = tmp.to_string_lossy().into_owned();
    let mut s = Session::start(&["demo"], &[("TMPDIR", &tmp_s)], home.path());
    s.wait_for("Readiness");
    // Stop the reader thread, which holds a copy of the master: a key makes the app draw,
    // so its pending read returns and it sees the flag.
    s.closing.store(true, Ordering::Relaxed);
    s.send("2");
    let Session {
        mut child,
        writer,
        _master,
        rx,
        reader,
        ..
    } = s;
    reader.join().expect("reader");
    drop((writer, _master, rx));
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            if let Some(pid) = child.process_id() {
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
            panic!("the app was still running after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read_dir(&tmp).expect("read").count(),
        0,
        "temporary demo removed"
    );
}

#[test]
fn export_and_import_through_the_dialogs() {
    let home = tempfile::tempdir().expect("dir");
    let db = demo_db(home.path());
    let out = home.path().join("out");
    std::fs::create_dir(&out).expect("out dir");
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[export]\ndirectory = {:?}\n", out.display().to_string()),
    )
    .expect("config");
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/people.csv");
    let config = config.to_string_lossy().into_owned();
    let mut s = Session::start(&["--db", &db, "--config", &config], &[], home.path());
    s.wait_for("Readiness");
    s.send("x");
    s.wait_for("private notes left out");
    s.send("h\r");
    s.wait_for("Exported html to");
    let file = out.join("skillgap-everyone-2026-11-22.html");
    assert!(
        std::fs::read_to_string(&file)
            .expect("written")
            .contains("<html")
    );
    s.send(":import\r");
    s.wait_for("Import ·");
    s.send(&format!("{}\r", csv.display()));
    s.wait_for("would add 5 people");
    s.send("\r");
    s.wait_for("added 5 people");
    s.send("2");
    s.wait_for("People (46)");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}
