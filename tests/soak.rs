//! The soak run, kept out of `cargo test` (run it with `cargo test --test soak -- --ignored
//! --nocapture`): SIGKILL the app 30 times right after a confirmed save, and a CLI import 50
//! times while it writes. Nothing confirmed is lost, no import is half done, and `check`
//! passes every time.
#[path = "tui_common/mod.rs"]
mod common;

use common::pty::Session;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const CTRL_S: &str = "\x13";

fn skillgap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_skillgap"))
        .args(args)
        .env("SKILLGAP_TODAY", "2026-11-22")
        .env_remove("SKILLGAP_DB")
        .env_remove("SKILLGAP_CONFIG")
        .output()
        .expect("run skillgap")
}

fn people(db: &str) -> i64 {
    let store = skillgap::store::Store::open(Path::new(db), skillgap::store::Missing::Refuse)
        .expect("open");
    skillgap::store::people::count_people(store.conn()).expect("count")
}

fn check_ok(db: &str) {
    let o = skillgap(&["--db", db, "check"]);
    assert!(o.status.success(), "check failed: {o:?}");
}

fn kill9(pid: u32) {
    let ok = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(ok.success());
}

#[test]
#[ignore = "soak run: minutes; run with --ignored"]
fn sigkill_after_confirmed_saves_and_during_imports_loses_nothing() {
    let home = tempfile::tempdir().expect("dir");
    let db = home.path().join("soak.db").to_string_lossy().into_owned();
    assert!(
        skillgap(&["--db", &db, "demo", "--no-tui", "--people", "200"])
            .status
            .success()
    );

    // 30 kills right after "Saved".
    let mut lost = 0;
    for i in 0..30 {
        let before = people(&db);
        let mut s = Session::start(&["--db", &db], &[], home.path());
        s.wait_for("Team");
        s.send("2");
        s.wait_for("People (");
        s.send("a");
        s.wait_for("New person");
        let name = format!("Soak Person {i}");
        s.send(&name);
        s.send(CTRL_S);
        s.wait_for(&format!("Saved: add person {name}"));
        kill9(s.child.process_id().expect("pid"));
        let _ = s.child.wait();
        if people(&db) != before + 1 {
            lost += 1;
        }
        check_ok(&db);
    }

    // 50 kills during an import of 2,000 people (all or nothing).
    let csv = home.path().join("many.csv");
    let mut text = String::from("name,email,team\n");
    for i in 0..2000 {
        text.push_str(&format!("Import {i},import{i}@example.com,Imported\n"));
    }
    std::fs::write(&csv, text).expect("csv");
    let (mut partial, mut finished, mut killed) = (0, 0, 0);
    for i in 0..50u64 {
        let before = people(&db);
        let mut child = Command::new(env!("CARGO_BIN_EXE_skillgap"))
            .args(["--db", &db, "import", "people", &csv.to_string_lossy()])
            .env("SKILLGAP_TODAY", "2026-11-22")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("import");
        // Spread the kill over the import's life (it takes a few hundred ms).
        std::thread::sleep(Duration::from_millis(20 + (i * 37) % 400));
        kill9(child.id());
        let status = child.wait().expect("wait");
        if status.success() {
            finished += 1;
        } else {
            killed += 1;
        }
        let after = people(&db);
        if after != before && after != before + 2000 {
            partial += 1;
        }
        check_ok(&db);
        // Next round starts from the same state: remove what a finished import added.
        let store = skillgap::store::Store::open(Path::new(&db), skillgap::store::Missing::Refuse)
            .expect("open");
        store
            .conn()
            .execute(
                "DELETE FROM people WHERE email LIKE 'import%@example.com'",
                (),
            )
            .expect("clean");
    }
    eprintln!(
        "soak: 30 kills after a confirmed save: {lost} lost; 50 kills during an import: {killed} killed mid-way, {finished} had finished, {partial} partial; check ok every time"
    );
    assert_eq!(lost, 0);
    assert_eq!(partial, 0);
}
