//! End to end: an open edit form in the real binary (a pseudo-terminal) while a CLI import in
//! another process changes the same person. The form says so without a key press, Ctrl-S is
//! refused naming what changed and writes nothing, and Ctrl-L takes the new values keeping
//! what was typed.
#[path = "tui_common/mod.rs"]
mod common;

use common::pty::Session;
use std::path::Path;
use std::process::Command;

const CTRL_S: &str = "\x13";
const CTRL_L: &str = "\x0c";

fn skillgap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_skillgap"))
        .args(args)
        .env("SKILLGAP_TODAY", "2026-11-22")
        .env_remove("SKILLGAP_DB")
        .env_remove("SKILLGAP_CONFIG")
        .output()
        .expect("run skillgap")
}

fn import_people(db: &str, dir: &Path, csv: &str) {
    let file = dir.join("people.csv");
    std::fs::write(&file, csv).expect("write csv");
    let out = skillgap(&["--db", db, "import", "people", &file.to_string_lossy()]);
    assert!(out.status.success(), "{out:?}");
}

/// Ada Garcia's name and team, read by a third process.
fn ada(db: &str) -> (String, String) {
    let out = skillgap(&["--db", db, "export", "--format", "json"]);
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let p = v["people"]
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["email"] == "ada@example.com")
        .expect("Ada");
    (
        p["name"].as_str().unwrap_or("").to_string(),
        p["team"].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn a_stale_form_is_refused_with_what_changed_and_can_take_the_new_values() {
    let home = tempfile::tempdir().expect("dir");
    let db = home.path().join("t.db").to_string_lossy().into_owned();
    assert!(skillgap(&["--db", &db, "init"]).status.success());
    import_people(
        &db,
        home.path(),
        "name,email,team\nAda Garcia,ada@example.com,Platform\nBen Ode,ben@example.com,Data\n",
    );

    let mut s = Session::start(&["--db", &db], &[], home.path());
    s.wait_for("Team");
    s.send("2");
    s.wait_for("People (2)");
    s.send("e");
    s.wait_for("Edit Ada Garcia");

    // Another shell moves her to Data while the form is open.
    import_people(
        &db,
        home.path(),
        "name,email,team\nAda Garcia,ada@example.com,Data\n",
    );
    // The form says so within a second or two, without a key press.
    s.wait_for("changed elsewhere");

    s.send("x");
    s.send(CTRL_S);
    s.wait_for("Not saved: changed elsewhere");
    let screen = s.screen();
    // The message wraps: read the form's text as one line.
    let text = screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Ada Garcia was changed elsewhere since this was read: team Platform → Data"),
        "names what changed:\n{screen}"
    );
    assert!(
        screen.contains("Edit Ada Garcia"),
        "the form stays open:\n{screen}"
    );
    assert_eq!(
        ada(&db),
        ("Ada Garcia".into(), "Data".into()),
        "the import's change is kept"
    );

    // Ctrl-L: the team the import set, the name as typed; then the save goes ahead.
    s.send(CTRL_L);
    s.wait_for("kept what you typed in Name");
    s.send(CTRL_S);
    s.wait_for("Saved: edit person Ada Garciax");
    assert_eq!(ada(&db), ("Ada Garciax".into(), "Data".into()));
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

#[test]
fn a_second_app_through_a_symlink_or_a_hard_link_is_refused_and_no_lock_file_stays() {
    let home = tempfile::tempdir().expect("dir");
    let path = home.path().join("t.db");
    let db = path.to_string_lossy().into_owned();
    assert!(skillgap(&["--db", &db, "init"]).status.success());
    let alias = home.path().join("alias.db");
    std::os::unix::fs::symlink(&path, &alias).expect("symlink");

    let mut first = Session::start(&["--db", &db], &[], home.path());
    first.wait_for("Team");
    let mut second = Session::start(&["--db", &alias.to_string_lossy()], &[], home.path());
    assert!(
        !second.wait_exit().success(),
        "a second app through a symlink ran"
    );
    let screen = second.screen();
    assert!(
        screen.contains("another skillgap is already open on this database file"),
        "{screen}"
    );
    // A hard link made while the app is open: a second name for the same file is refused
    // (SQLite would keep a second journal beside it), and nothing is created beside it.
    let hard = home.path().join("hard.db");
    std::fs::hard_link(&path, &hard).expect("hard link");
    let mut third = Session::start(&["--db", &hard.to_string_lossy()], &[], home.path());
    assert!(
        !third.wait_exit().success(),
        "a second app through a hard link ran"
    );
    let screen = third.screen();
    assert!(screen.contains("has 2 names (hard links)"), "{screen}");
    std::fs::remove_file(&hard).expect("unlink");

    first.send("q");
    assert!(first.wait_exit().success());
    first.assert_restored();
    // Closed cleanly: nothing but the database and its symlink is left.
    let mut left: Vec<String> = std::fs::read_dir(home.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".db"))
        .collect();
    left.sort();
    assert_eq!(left, ["alias.db", "t.db"]);
    // Once it is closed, the alias opens.
    let mut again = Session::start(&["--db", &alias.to_string_lossy()], &[], home.path());
    again.wait_for("Team");
    again.send("q");
    assert!(again.wait_exit().success());
}
