//! End to end for input: the real binary in a pseudo-terminal. Bracketed paste lands whole
//! in a field; a click on a tab switches screen and on a row selects (then opens) it; a field
//! is edited in the middle with Home; a picker whose text matches nothing refuses to save and
//! offers to create the team; `mouse = false` sends no mouse-capture sequence.

#[path = "tui_common/mod.rs"]
mod common;

use common::pty::Session;
use std::path::Path;

const CTRL_S: &str = "\x13";

fn demo_db(dir: &Path) -> String {
    let path = dir.join("demo.db");
    let (_tmp, store) = common::demo_store(42);
    store.backup_to(&path).expect("copy the demo");
    path.to_string_lossy().into_owned()
}

/// A left click at 1-based (column, row), in SGR mouse encoding: press then release.
fn click(col: u16, row: u16) -> String {
    format!("\x1b[<0;{col};{row}M\x1b[<0;{col};{row}m")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn paste_lands_whole_and_a_field_is_edited_in_the_middle() {
    let home = tempfile::tempdir().expect("dir");
    let db = demo_db(home.path());
    let mut s = Session::start(&["--db", &db], &[], home.path());
    s.wait_for("Readiness");
    s.send("2");
    s.wait_for("People (4");
    s.send("a");
    s.wait_for("New person");
    // A pasted name with a line break: one field, the break a space, no Enter pressed.
    s.send("\x1b[200~Grace Brewster\nHopper\x1b[201~");
    s.wait_for("Grace Brewster Hopper▏");
    // Ctrl-U clears it; then a typo at the start is fixed with Home.
    s.send("\x15");
    s.send("da Lovelace");
    s.wait_for("da Lovelace▏");
    s.send("\x1b[H");
    s.send("A");
    s.wait_for("A▏da Lovelace");
    s.send("\x1b[F");
    s.wait_for("Ada Lovelace▏");
    // Left twice, then a letter goes in before the last two.
    s.send("\x1b[D\x1b[D");
    s.send("x");
    s.wait_for("Ada Lovelax▏ce");
    s.send("\x7f");
    s.send(CTRL_S);
    s.wait_for("Saved: add person Ada Lovelace");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
    // Bracketed paste and mouse capture were on, and are off again.
    assert!(contains(&s.raw, b"\x1b[?2004h"), "bracketed paste enabled");
    assert!(contains(&s.raw, b"\x1b[?1000h"), "mouse capture enabled");
    assert!(contains(&s.raw, b"\x1b[?2004l"), "bracketed paste disabled");
    assert!(contains(&s.raw, b"\x1b[?1000l"), "mouse capture disabled");
}

#[test]
fn a_click_on_a_tab_switches_and_on_a_row_selects_then_opens() {
    let home = tempfile::tempdir().expect("dir");
    let db = demo_db(home.path());
    let mut s = Session::start(&["--db", &db], &[], home.path());
    s.wait_for("Readiness");
    // " skillgap  1 Team  2 People  3 Matrix": "3 Matrix" starts at column 28 (1-based).
    s.send(&click(29, 1));
    s.wait_for("Matrix (");
    s.send(&click(19, 1));
    s.wait_for("People (4");
    // The People table's rows start on line 4 (tabs, border, header); line 6 is the third.
    let line = s.screen().lines().nth(5).expect("a row").to_string();
    let name: String = line.chars().skip(1).take(22).collect();
    let name = name.trim().to_string();
    assert!(!name.is_empty());
    assert!(!s.parser.screen().cell(5, 2).expect("cell").inverse());
    s.send(&click(5, 6));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !s.parser.screen().cell(5, 2).expect("cell").inverse() {
        assert!(std::time::Instant::now() < deadline, "{}", s.screen());
        s.pump(std::time::Duration::from_millis(50));
    }
    assert!(
        !s.parser.screen().cell(3, 2).expect("cell").inverse(),
        "the first row is not selected any more"
    );
    // A second click on the selected row opens the person.
    s.send(&click(5, 6));
    s.wait_for("Assessments (");
    assert!(s.screen().contains(&name), "{name}: {}", s.screen());
    // The wheel scrolls the person view without a key.
    s.send("\x1b[<65;10;10M");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn a_picker_with_text_matching_nothing_refuses_to_save_and_offers_to_create() {
    let home = tempfile::tempdir().expect("dir");
    let db = demo_db(home.path());
    let mut s = Session::start(&["--db", &db], &[], home.path());
    s.wait_for("Readiness");
    s.send("2");
    s.wait_for("People (4");
    s.send("a");
    s.wait_for("New person");
    s.send("Pia Picker\t\tDesignzz");
    s.wait_for("Designzz▏");
    s.send(CTRL_S);
    s.wait_for("Not saved");
    s.wait_for("no team ‘Designzz’");
    s.wait_for("create team ‘Designzz’");
    // Down chooses "create"; the save makes the team with the person.
    s.send("\x1b[B");
    s.wait_for("new team ‘Designzz’");
    s.send(CTRL_S);
    s.wait_for("Saved: add person Pia Picker and team Designzz");
    s.send("q");
    assert!(s.wait_exit().success());
    let store = skillgap::store::Store::open(Path::new(&db), skillgap::store::Missing::Refuse)
        .expect("open");
    let teams = skillgap::store::teams::list_teams(store.conn()).expect("teams");
    assert!(teams.iter().any(|t| t.name == "Designzz"));
}

#[test]
fn mouse_false_sends_no_mouse_capture_sequence() {
    let home = tempfile::tempdir().expect("dir");
    let db = demo_db(home.path());
    let config = home.path().join("config/skillgap");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.toml"), "mouse = false\n").expect("config");
    let mut s = Session::start(&["--db", &db], &[], home.path());
    s.wait_for("Readiness");
    // A click is only bytes now: it does not switch screens.
    s.send("2");
    s.wait_for("People (4");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
    for seq in ["\x1b[?1000h", "\x1b[?1002h", "\x1b[?1003h", "\x1b[?1006h"] {
        assert!(!contains(&s.raw, seq.as_bytes()), "{seq:?} was sent");
    }
    // Bracketed paste stays on: it needs no mouse.
    assert!(contains(&s.raw, b"\x1b[?2004h"));
}

#[test]
fn sigterm_turns_mouse_capture_and_paste_off() {
    let home = tempfile::tempdir().expect("dir");
    let db = demo_db(home.path());
    let mut s = Session::start(&["--db", &db], &[], home.path());
    s.wait_for("Readiness");
    assert!(contains(&s.raw, b"\x1b[?1000h"));
    let pid = s.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    s.wait_exit();
    s.assert_restored();
    assert!(contains(&s.raw, b"\x1b[?1000l"), "mouse capture off");
    assert!(contains(&s.raw, b"\x1b[?2004l"), "bracketed paste off");
}
