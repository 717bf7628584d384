//! End to end on PostgreSQL, in pseudo-terminals: two managers' apps open at once on the
//! same server database (a manager of Engineering, a manager of its sub-team Platform), and
//! the owner importing from the command line. Each app shows what its login may see; a
//! commit by anyone shows in the other apps within a second or two, without a key press; a
//! form opened before someone else saved the same person is refused. Runs on the tests'
//! throwaway server; says loudly when PostgreSQL is missing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "tui_common/mod.rs"]
mod common;
mod pg_common;

use common::pty::Session;
use skillgap::store::{Missing, Store, teams};
use std::path::Path;
use std::process::Command;

const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";

fn skillgap(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_skillgap"))
        .arg("--db")
        .arg(url)
        .args(args)
        .env("SKILLGAP_TODAY", "2026-11-22")
        .env_remove("SKILLGAP_DB")
        .env_remove("SKILLGAP_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-skillgap-test")
        .output()
        .expect("run skillgap")
}

fn ok(url: &str, args: &[&str]) {
    let out = skillgap(url, args);
    assert!(out.status.success(), "{args:?}: {out:?}");
}

fn import_people(url: &str, dir: &Path, csv: &str) {
    let file = dir.join("people.csv");
    std::fs::write(&file, csv).expect("write csv");
    ok(url, &["import", "people", &file.to_string_lossy()]);
}

#[test]
fn two_managers_at_once_refresh_and_refuse_a_stale_save() {
    let Some(db) = pg_common::fresh_db() else {
        return;
    };
    let home = tempfile::tempdir().expect("dir");
    let owner = db.owner_url();
    ok(&owner, &["init"]);
    {
        let store = Store::open(owner.as_ref(), Missing::Refuse).unwrap();
        let eng = teams::insert_team(store.conn(), "Engineering", None).unwrap();
        teams::insert_team(store.conn(), "Platform", Some(eng)).unwrap();
    }
    import_people(
        &owner,
        home.path(),
        "name,email,team\nAda Garcia,ada@example.com,Platform\nBen Ode,ben@example.com,Engineering\n",
    );
    let eng_mgr = db.login("eng");
    let plat_mgr = db.login("plat");
    ok(
        &owner,
        &["access", "grant", &eng_mgr, "--team", "Engineering"],
    );
    ok(
        &owner,
        &["access", "grant", &plat_mgr, "--team", "Platform"],
    );

    let (eng_url, plat_url) = (db.url(&eng_mgr), db.url(&plat_mgr));
    let eng_home = home.path().join("eng");
    let plat_home = home.path().join("plat");
    let mut eng = Session::start(&["--db", &eng_url], &[], &eng_home);
    let mut plat = Session::start(&["--db", &plat_url], &[], &plat_home);
    // Each app says what its login may see, and shows that.
    eng.wait_for("teams Engineering, Platform");
    plat.wait_for("teams Platform (enforced by the database)");
    eng.send("2");
    plat.send("2");
    eng.wait_for("People (2)");
    plat.wait_for("People (1)");

    // The owner adds someone to Platform from the command line: both apps show them.
    import_people(
        &owner,
        home.path(),
        "name,email,team\nCy Lee,cy@example.com,Platform\n",
    );
    eng.wait_for("People (3)");
    plat.wait_for("People (2)");
    eng.wait_for("Cy Lee");
    plat.wait_for("Cy Lee");

    // Both managers open Ada (first by name on both screens); the parent team's manager
    // saves first.
    plat.send("e");
    plat.wait_for("Edit Ada Garcia");
    eng.send("e");
    eng.wait_for("Edit Ada Garcia");
    eng.send(" Jr");
    eng.send(CTRL_S);
    eng.wait_for("Ada Garcia Jr");
    // The other form says so without a key press, and its save is refused.
    plat.wait_for("changed elsewhere");
    plat.send("x");
    plat.send(CTRL_S);
    plat.wait_for("Not saved: changed elsewhere");
    eng.send("q");
    plat.send(ESC);
    plat.send(ESC);
    plat.send("q");
    assert!(eng.wait_exit().success());
    let names =
        String::from_utf8(skillgap(&owner, &["export", "--format", "json"]).stdout).unwrap();
    assert!(
        names.contains("Ada Garcia Jr") && !names.contains("Ada Garcia Jrx"),
        "{names}"
    );
}
