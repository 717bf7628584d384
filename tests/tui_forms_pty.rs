//! End to end for the forms: the real binary in a pseudo-terminal on an empty database (the
//! default framework, no people). Adds a team, a person and an assessment through the forms,
//! quits, then finds them with `skillgap report` and on reopening; a save survives SIGKILL.
#[path = "tui_common/mod.rs"]
mod common;

use common::pty::Session;
use std::path::Path;

const CTRL_S: &str = "\x13";

fn empty_db(dir: &Path) -> String {
    let path = dir.join("team.db");
    let db = path.to_string_lossy().into_owned();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_skillgap"))
        .args(["--db", &db, "init"])
        .env("SKILLGAP_TODAY", "2026-11-22")
        .output()
        .expect("init");
    assert!(out.status.success(), "{out:?}");
    db
}

fn report(db: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_skillgap"))
        .args(["--db", db, "report"])
        .env("SKILLGAP_TODAY", "2026-11-22")
        .output()
        .expect("report");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn open(db: &str) -> skillgap::store::Store {
    skillgap::store::Store::open(Path::new(db), skillgap::store::Missing::Refuse).expect("open")
}

/// Adds team Platform and Ada Lovelace in it, then an assessment of her: level 3 in the
/// first skill, from her person view.
fn add_team_person_assessment(s: &mut Session) {
    s.wait_for("Team");
    s.send("a");
    s.wait_for("New team");
    s.send("Platform");
    s.wait_for("Platform▏");
    s.send(CTRL_S);
    s.wait_for("Saved: add team Platform");
    s.send("2");
    s.wait_for("People (");
    s.send("a");
    s.wait_for("New person");
    s.send("Ada Lovelace\tada@example.com\tplat");
    s.wait_for("‹ Platform ›");
    s.send(CTRL_S);
    s.wait_for("Saved: add person Ada Lovelace");
    s.send("\r");
    s.wait_for("Readiness");
    s.send("a");
    s.wait_for("New assessment of Ada Lovelace");
    s.send("\t3");
    s.wait_for("‹ 3 ");
    s.send(CTRL_S);
    s.wait_for("Saved: add assessment of Ada Lovelace");
}

#[test]
fn add_team_person_and_assessment_then_report_and_reopen() {
    let home = tempfile::tempdir().expect("dir");
    let db = empty_db(home.path());
    let mut s = Session::start(&["--db", &db], &[], home.path());
    add_team_person_assessment(&mut s);
    s.send("\x1b");
    s.wait_for("People (1)");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();

    let r = report(&db);
    assert!(
        r.contains("Everyone (1 people)") || r.contains("Everyone (1 person)"),
        "{r}"
    );
    assert!(r.contains("Platform"), "{r}");

    let mut s = Session::start(&["--db", &db], &[], home.path());
    s.wait_for("Platform");
    s.send("2");
    s.wait_for("Ada Lovelace");
    s.send("\r");
    s.wait_for("ada@example.com");
    // No role, so no targeted skills: readiness by month is undefined ("-"), and the
    // assessment saved in the first session is in the history.
    s.wait_for("By month Nov - Dec -");
    s.wait_for("2026-11-22 How AI tools work              3 manager");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_confirmed_save_survives_sigkill() {
    let home = tempfile::tempdir().expect("dir");
    let db = empty_db(home.path());
    let mut s = Session::start(&["--db", &db], &[], home.path());
    add_team_person_assessment(&mut s);
    let pid = s.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    s.wait_exit();
    let store = open(&db);
    let people = skillgap::store::people::list_people(store.conn()).expect("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Ada Lovelace");
    assert!(people[0].team_id.is_some());
    let history =
        skillgap::store::records::person_history(store.conn(), people[0].id).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].rating.level, 3);
}

#[test]
fn a_note_written_in_a_fake_editor_ends_up_in_the_database() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("dir");
    let db = empty_db(home.path());
    let script = home.path().join("fake-editor");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf '# From the fake editor\\n- [ ] follow up on prompts\\n' > \"$1\"\n",
    )
    .expect("script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let editor = script.to_string_lossy().into_owned();
    let mut s = Session::start(
        &["--db", &db],
        &[("VISUAL", ""), ("EDITOR", &editor)],
        home.path(),
    );
    add_team_person_assessment(&mut s);
    s.send("\x1b");
    s.wait_for("People (1)");
    s.send("6");
    s.wait_for("Notes (0)");
    s.send("a");
    s.wait_for("New note");
    s.send("\x05");
    s.wait_for("Body updated from the editor");
    s.wait_for("follow up on prompts");
    s.send(CTRL_S);
    s.wait_for("Saved: add note of Ada Lovelace");
    s.wait_for("Notes (1)");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
    let store = open(&db);
    let notes = skillgap::store::records::list_notes(store.conn(), true).expect("notes");
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].body,
        "# From the fake editor\n- [ ] follow up on prompts"
    );
    assert!(notes[0].private);
}
