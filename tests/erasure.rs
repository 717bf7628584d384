//! Erasure with another reader open (a long export, an `sqlite3` shell): the delete returns
//! at once, and once the reader ends the deleted text leaves the file and its WAL without
//! another action (case 8 of issue 9), for a person and for a single note.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use skillgap::model::{Note, Person};
use skillgap::store::{Missing, Store, people, records};
use std::path::Path;
use std::time::{Duration, Instant};

const SENTINEL: &str = "ZQXJ-private-words-ZQXJ";

fn file_has(path: &Path, needle: &str) -> bool {
    let mut hit = false;
    for suffix in ["", "-wal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        if let Ok(bytes) = std::fs::read(&p) {
            hit |= bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        }
    }
    hit
}

fn wait_until_gone(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while file_has(path, SENTINEL) {
        assert!(
            Instant::now() < deadline,
            "the text stayed in the file or its WAL"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A store holding Ada with a note carrying the sentinel, already in the main file.
fn setup() -> (tempfile::TempDir, std::path::PathBuf, Store, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.db");
    let mut store = Store::open(&path, Missing::Create).unwrap();
    let (ada, note) = store
        .transaction(|tx| {
            let ada = people::insert_person(
                tx,
                &Person {
                    id: 0,
                    name: "Ada".into(),
                    email: None,
                    team_id: None,
                    role_id: None,
                    joined_on: None,
                    archived: false,
                },
            )?;
            let note = records::insert_note(
                tx,
                &Note {
                    id: 0,
                    person_id: ada,
                    date: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
                    body: SENTINEL.into(),
                    private: true,
                    skill_ids: Vec::new(),
                    author: String::new(),
                },
            )?;
            Ok((ada, note))
        })
        .unwrap();
    store.checkpoint().unwrap();
    assert!(file_has(&path, SENTINEL));
    (dir, path, store, ada, note)
}

/// Another process reading: a read transaction that holds its snapshot.
fn reader(path: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("BEGIN").unwrap();
    let _: i64 = c
        .query_row("SELECT count(*) FROM notes", [], |r| r.get(0))
        .unwrap();
    c
}

#[test]
fn erasing_a_person_while_a_reader_is_open_returns_at_once_and_the_text_goes_after() {
    let (_dir, path, mut store, ada, _) = setup();
    let r = reader(&path);
    let start = Instant::now();
    store.erase_person(ada).unwrap();
    assert!(
        start.elapsed() < Duration::from_millis(1000),
        "froze {:?}",
        start.elapsed()
    );
    drop(r);
    wait_until_gone(&path);
}

#[test]
fn deleting_a_single_note_erases_its_text_too() {
    let (_dir, path, mut store, _, note) = setup();
    let r = reader(&path);
    store
        .edit("delete note", |c| records::delete_note(c, note))
        .unwrap();
    let start = Instant::now();
    assert!(!store.erase_soon().unwrap(), "the reader blocks it for now");
    assert!(start.elapsed() < Duration::from_millis(500));
    drop(r);
    wait_until_gone(&path);
    // Without a reader it is done at once.
    assert!(store.erase_soon().unwrap());
}
