//! A note's author: the OS user on a file, the login on a server. A file written before
//! notes had authors is upgraded (after a backup) with its notes kept, each taking the OS
//! user running the upgrade; every new note, written in the app or imported, records who
//! wrote it, and importing the same file again adds nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg_common;

use skillgap::import::{self, Kind};
use skillgap::model::Note;
use skillgap::store::{Missing, SCHEMA_VERSION, Store, records};

const TODAY: &str = "2026-11-22";

fn today() -> chrono::NaiveDate {
    skillgap::model::parse_date(TODAY).unwrap()
}

/// The OS user, as `id -un` names it.
fn os_user() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn bodies(store: &Store) -> Vec<(String, String)> {
    let mut notes: Vec<(String, String)> = records::list_notes(store.conn(), true)
        .unwrap()
        .into_iter()
        .map(|n| (n.body, n.author))
        .collect();
    notes.sort();
    notes
}

#[test]
fn an_old_file_keeps_its_notes_each_by_the_os_user_and_new_notes_record_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let before = {
        let mut store = Store::open(&path, Missing::Create).unwrap();
        skillgap::demo::generate(&mut store, 12, 3, today()).unwrap();
        bodies(&store)
    };
    assert!(before.len() > 5, "the demo writes notes");
    // Make it a version 3 file: today's file without the notes' authors.
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("ALTER TABLE notes DROP COLUMN author")
            .unwrap();
        c.pragma_update(None, "user_version", 3).unwrap();
    }
    let me = os_user();
    let store = Store::open(&path, Missing::Refuse).unwrap();
    let version: i64 = store
        .sqlite_conn()
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert!(store.check().unwrap().is_empty());
    let after = bodies(&store);
    assert_eq!(after.len(), before.len(), "every note kept");
    for ((body_before, _), (body, author)) in before.iter().zip(&after) {
        assert_eq!(body, body_before);
        assert_eq!(author, &me, "an old note is the OS user's");
    }
    // The backup is the file as it was: no authors in it.
    let backup = rusqlite::Connection::open(dir.path().join("old.db.v3.bak")).unwrap();
    let columns: Vec<String> = backup
        .prepare("SELECT name FROM pragma_table_info('notes')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!columns.contains(&"author".to_string()), "{columns:?}");
    drop(backup);

    // A new note is the OS user's, whatever the note given says.
    let person = records::list_notes(store.conn(), true).unwrap()[0].person_id;
    let id = records::insert_note(
        store.conn(),
        &Note {
            id: 0,
            person_id: person,
            date: today(),
            body: "written after the upgrade".into(),
            private: true,
            skill_ids: Vec::new(),
            author: "somebody else".into(),
        },
    )
    .unwrap();
    let notes = records::notes_of(store.conn(), person).unwrap();
    let new = notes.iter().find(|n| n.id == id).unwrap();
    assert_eq!(new.author, me);
    // An edit keeps the author.
    records::update_note(
        store.conn(),
        &Note {
            body: "edited".into(),
            author: "somebody else".into(),
            ..new.clone()
        },
    )
    .unwrap();
    let notes = records::notes_of(store.conn(), person).unwrap();
    let edited = notes.iter().find(|n| n.id == id).unwrap();
    assert_eq!(
        (edited.body.as_str(), edited.author.as_str()),
        ("edited", me.as_str())
    );
}

const PEOPLE: &str = "name,email\nAda,ada@x.org\n";
const NOTES: &str = "person,date,body,private\nada@x.org,2026-11-01,- [ ] try the quiz,false\n\
ada@x.org,2026-11-02,private thoughts,true\n";

/// Imports the notes twice as whoever `store` connects as; their authors.
fn import_twice(store: &Store) -> Vec<String> {
    import::run(
        store.conn(),
        Kind::People,
        "p.csv",
        PEOPLE.as_bytes(),
        false,
    )
    .unwrap();
    for round in 0..2 {
        let report =
            import::run(store.conn(), Kind::Notes, "n.csv", NOTES.as_bytes(), false).unwrap();
        let added = report.added.values().sum::<usize>();
        assert_eq!(added, if round == 0 { 2 } else { 0 }, "round {round}");
    }
    records::list_notes(store.conn(), true)
        .unwrap()
        .into_iter()
        .map(|n| n.author)
        .collect()
}

#[test]
fn imported_notes_are_the_importing_users_on_both_engines() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("n.db"), Missing::Create).unwrap();
    assert_eq!(import_twice(&store), [os_user(), os_user()]);
    let Some(db) = pg_common::fresh_db() else {
        return;
    };
    let url = db.owner_url();
    let store = Store::open(url.as_ref(), Missing::Create).unwrap();
    assert_eq!(import_twice(&store), [db.owner.clone(), db.owner.clone()]);
    assert_eq!(store.conn().author(), db.owner);
}
