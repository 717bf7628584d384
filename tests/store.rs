//! The store on real temporary files: creation, erasure, every refusal, backups, locks,
//! migrations of older files and parallel reads, all of SQLite itself (the store's data rules
//! on each engine are in tests/store_data.rs).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use skillgap::model::{Assessment, Note, Offer, OfferStatus, Person, Rating, Source, Training};
use skillgap::store::{
    Missing, SCHEMA_VERSION, Store, StoreError, load_org, people, records, skills,
};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Files in `dir` other than `keep`.
fn others(dir: &Path, keep: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p != keep)
        .collect()
}

fn person(name: &str, email: Option<&str>) -> Person {
    Person {
        name: name.into(),
        email: email.map(str::to_string),
        ..Person::default()
    }
}

#[test]
fn a_new_database_has_the_schema_the_framework_and_private_modes() {
    let dir = tmp();
    let path = dir.path().join("nested/deeper/skillgap.db");
    let store = Store::open(&path, Missing::CreateWithDirs).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(mode(&dir.path().join("nested")), 0o700);
    assert!(store.check().unwrap().is_empty());
    let c = store.sqlite_conn().unwrap();
    let version: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let fk: i64 = c
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    let sd: i64 = c
        .pragma_query_value(None, "secure_delete", |r| r.get(0))
        .unwrap();
    let sync: i64 = c
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    let jm: String = c
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!((fk, sd, sync, jm.as_str()), (1, 1, 2, "wal"));
    let all = skills::list_skills(store.conn()).unwrap();
    assert!((19..=22).contains(&all.len()), "{} skills", all.len());
    let categories: std::collections::BTreeSet<_> =
        all.iter().map(|s| s.category.as_str()).collect();
    assert_eq!(categories.len(), 6, "{categories:?}");
    assert!(
        all.iter().all(|s| s.levels.iter().all(|l| !l.is_empty())),
        "every rubric line present"
    );
    let org = load_org(store.conn()).unwrap();
    assert!(org.roles.len() >= 3);
    assert!(org.role_targets.values().all(|t| !t.is_empty()));
    // Nothing temporary is left beside the database.
    drop(store);
    let left: Vec<_> = others(path.parent().unwrap(), &path)
        .into_iter()
        .filter(|p| {
            !p.to_string_lossy().ends_with("-wal") && !p.to_string_lossy().ends_with("-shm")
        })
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_missing_directory_is_an_error_unless_asked_to_create_it() {
    let dir = tmp();
    let path = dir.path().join("no/such/x.db");
    let err = Store::open(&path, Missing::Create).err().unwrap();
    assert!(matches!(err, StoreError::NoDirectory { .. }), "{err}");
    assert!(err.to_string().contains("does not exist"));
    let err = Store::open(&dir.path().join("x.db"), Missing::Refuse)
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::Missing { .. }), "{err}");
    assert!(!dir.path().join("x.db").exists());
}

#[test]
fn deleting_a_person_erases_their_records_and_text() {
    const SENTINEL: &str = "ZQX-PRIVATE-SENTINEL-7731";
    let dir = tmp();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path, Missing::Create).unwrap();
    let (gone, kept) = store
        .transaction(|tx| {
            let gone = people::insert_person(
                tx,
                &person(&format!("Gone {SENTINEL}"), Some("gone@example.com")),
            )?;
            let kept = people::insert_person(tx, &person("Kept", None))?;
            let s = skills::skill_id(tx, "prompting")?.expect("skill");
            let t = records::upsert_training(
                tx,
                &Training {
                    id: 0,
                    title: "T".into(),
                    provider: None,
                    url: None,
                    hours: None,
                    develops: vec![(s, 3)],
                },
            )?;
            for p in [gone, kept] {
                records::insert_assessment(
                    tx,
                    &Assessment {
                        rating: Rating {
                            id: 0,
                            person_id: p,
                            skill_id: s,
                            level: 2,
                            source: Source::SelfRated,
                            assessed_on: d("2026-01-01"),
                        },
                        score: None,
                        max_score: None,
                        assessor: None,
                        evidence: Some(if p == gone {
                            format!("evidence {SENTINEL}")
                        } else {
                            "fine".into()
                        }),
                    },
                )?;
                records::insert_offer(
                    tx,
                    &Offer {
                        id: 0,
                        person_id: p,
                        training_id: t,
                        status: OfferStatus::Offered,
                        offered_on: d("2026-01-01"),
                        due_on: None,
                        completed_on: None,
                    },
                )?;
                records::insert_note(
                    tx,
                    &Note {
                        id: 0,
                        person_id: p,
                        date: d("2026-01-02"),
                        body: if p == gone {
                            format!("- [ ] {SENTINEL}")
                        } else {
                            "- [ ] kept".into()
                        },
                        private: true,
                        skill_ids: vec![s],
                        author: String::new(),
                    },
                )?;
            }
            Ok((gone, kept))
        })
        .unwrap();
    // Push the text into the main file first, as an older database would have it.
    store.checkpoint().unwrap();
    let deps = store.erase_person(gone).unwrap();
    assert_eq!((deps.assessments, deps.offers, deps.notes), (1, 1, 1));
    let c = store.sqlite_conn().unwrap();
    let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM assessments WHERE person_id = {gone}"
        )),
        0
    );
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM assessment_latest WHERE person_id = {gone}"
        )),
        0
    );
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM offers WHERE person_id = {gone}"
        )),
        0
    );
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM notes WHERE person_id = {gone}"
        )),
        0
    );
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM notes WHERE person_id = {kept}"
        )),
        1
    );
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM assessment_latest WHERE person_id = {kept}"
        )),
        1
    );
    assert!(store.check().unwrap().is_empty());
    // The sentinel survives nowhere on disk: not in the database, not in its WAL.
    for f in std::fs::read_dir(dir.path()).unwrap() {
        let f = f.unwrap().path();
        let bytes = std::fs::read(&f).unwrap();
        let found = bytes
            .windows(SENTINEL.len())
            .position(|w| w == SENTINEL.as_bytes());
        if let Some(at) = found {
            let ctx =
                String::from_utf8_lossy(&bytes[at.saturating_sub(40)..(at + 40).min(bytes.len())])
                    .into_owned();
            panic!(
                "sentinel lingers in {} at byte {at} (page {}): {ctx:?}",
                f.display(),
                at / 4096
            );
        }
    }
}

/// Opens `bytes` as a would-be database and checks it is refused with `expect` in the
/// message, the file unchanged byte for byte, and nothing written beside it.
fn assert_refused(name: &str, bytes: &[u8], expect: &str) {
    let dir = tmp();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    for missing in [Missing::Refuse, Missing::Create, Missing::CreateWithDirs] {
        let err = Store::open(&path, missing).err().expect("refused");
        let msg = err.to_string();
        assert!(msg.contains(expect), "{name}: {msg}");
        assert!(msg.contains("left untouched"), "{name}: {msg}");
        assert!(msg.contains(&path.display().to_string()), "{name}: {msg}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} changed");
    assert!(
        others(dir.path(), &path).is_empty(),
        "{name}: {:?}",
        others(dir.path(), &path)
    );
}

#[test]
fn a_text_file_is_refused_untouched() {
    assert_refused(
        "notes.txt",
        b"name,email\nAda,ada@example.com\n",
        "not an SQLite file",
    );
    assert_refused("empty.db", b"", "empty");
}

#[test]
fn a_png_is_refused_untouched() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.resize(300, 7);
    assert_refused("pic.png", &png, "not an SQLite file");
}

fn sqlite_file(setup: &str) -> Vec<u8> {
    let dir = tmp();
    let path = dir.path().join("other.db");
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(setup).unwrap();
    drop(c);
    std::fs::read(&path).unwrap()
}

#[test]
fn an_sqlite_file_of_another_application_is_refused_untouched() {
    let bytes =
        sqlite_file("PRAGMA application_id = 42; CREATE TABLE t(x); INSERT INTO t VALUES (1);");
    assert_refused("other.db", &bytes, "another application");
    // A plain SQLite file with no application id at all is not ours either.
    let bytes = sqlite_file("CREATE TABLE people(id); INSERT INTO people VALUES (1);");
    assert_refused("plain.db", &bytes, "another application");
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let setup = format!(
        "PRAGMA application_id = {}; PRAGMA user_version = {}; CREATE TABLE future(x);",
        skillgap::store::APPLICATION_ID,
        SCHEMA_VERSION + 1
    );
    assert_refused("future.db", &sqlite_file(&setup), "newer skillgap");
}

#[test]
fn a_damaged_file_with_our_header_is_refused() {
    let dir = tmp();
    let path = dir.path().join("s.db");
    drop(Store::open(&path, Missing::Create).unwrap());
    let mut bytes = std::fs::read(&path).unwrap();
    // Keep the 100-byte header, scribble over the schema page.
    for b in bytes.iter_mut().skip(100).take(3000) {
        *b = 0xA5;
    }
    assert_refused("s.db", &bytes, "not a skillgap database");
}

#[test]
fn an_older_schema_is_backed_up_then_migrated() {
    let dir = tmp();
    let path = dir.path().join("old.db");
    let setup = format!(
        "PRAGMA application_id = {};",
        skillgap::store::APPLICATION_ID
    );
    std::fs::write(&path, sqlite_file(&setup)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let store = Store::open(&path, Missing::Refuse).unwrap();
    assert!(store.check().unwrap().is_empty());
    let backup = dir.path().join("old.db.v0.bak");
    assert!(backup.exists(), "{:?}", others(dir.path(), &path));
    let c = rusqlite::Connection::open(&backup).unwrap();
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 0);
    assert_eq!(
        before.len() as u64,
        std::fs::metadata(&backup).unwrap().len()
    );
    // The backup holds private notes: it is as private as the database.
    assert_eq!(mode(&backup), 0o600);
}

#[test]
fn backup_is_a_consistent_private_copy() {
    let dir = tmp();
    let path = dir.path().join("s.db");
    let store = Store::open(&path, Missing::Create).unwrap();
    people::insert_person(store.conn(), &person("Ada", None)).unwrap();
    let dest = dir.path().join("copy.db");
    store.backup_to(&dest).unwrap();
    assert_eq!(mode(&dest), 0o600);
    let copy = Store::open(&dest, Missing::Refuse).unwrap();
    assert_eq!(people::list_people(copy.conn()).unwrap().len(), 1);
    assert!(store.backup_to(&dest).is_err(), "never overwrites");
}

#[test]
fn a_second_writer_lock_is_refused() {
    let dir = tmp();
    let path = dir.path().join("s.db");
    let a = Store::open(&path, Missing::Create).unwrap();
    let b = Store::open(&path, Missing::Refuse).unwrap();
    let held = a.lock_exclusive().unwrap();
    let err = b.lock_exclusive().err().unwrap();
    assert!(err.to_string().contains("another skillgap"), "{err}");
    drop(held);
    assert!(b.lock_exclusive().is_ok());
}

#[test]
fn a_second_connection_writes_beside_the_apps_lock_and_leaves_it_held() {
    let dir = tmp();
    let path = dir.path().join("s.db");
    let app = Store::open(&path, Missing::Create).unwrap();
    let held = app.lock_exclusive().unwrap();
    // In another thread, as the app's import does: a writer that neither takes nor trips
    // the app's lock.
    let db = app.reopen();
    std::thread::spawn(move || {
        let writer = db.open_writer().unwrap();
        people::insert_person(writer.conn(), &person("Ada", None)).unwrap();
    })
    .join()
    .unwrap();
    assert_eq!(people::list_people(app.conn()).unwrap().len(), 1);
    let other = Store::open(&path, Missing::Refuse).unwrap();
    assert!(
        other.lock_exclusive().is_err(),
        "the app's lock still holds"
    );
    drop(held);
    assert!(other.lock_exclusive().is_ok());
    // A reader is never written through.
    let reader = app.reopen().open_reader().unwrap();
    assert!(people::insert_person(reader.conn(), &person("Bo", None)).is_err());
}

/// The lists are read in table order and sorted in Rust: the order must be the one SQLite's
/// ORDER BY gives, ties included, and the verified history must hold each assessment once.
#[test]
fn lists_come_in_the_order_sqlite_would_sort_them() {
    let dir = tmp();
    let mut store = Store::open(&dir.path().join("s.db"), Missing::Create).unwrap();
    skillgap::demo::generate(&mut store, 300, 7, d("2026-11-22")).unwrap();
    let c = store.conn();
    // Equal names (ties broken by id), names that differ only in case or accents.
    for name in ["Ada", "ada", "Ada", "Åda", "Zoë", "zoe"] {
        people::insert_person(c, &person(name, None)).unwrap();
    }
    let ids = |sql: &str| -> Vec<i64> {
        let mut stmt = store.sqlite_conn().unwrap().prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    let listed: Vec<i64> = people::list_people(c)
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(listed, ids("SELECT id FROM people ORDER BY name, id"));
    let listed: Vec<i64> = records::list_offers(c)
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(listed, ids("SELECT id FROM offers ORDER BY offered_on, id"));
    let all: Vec<i64> = records::list_notes(c, true)
        .unwrap()
        .iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(all, ids("SELECT id FROM notes ORDER BY date DESC, id DESC"));
    let shared: Vec<i64> = records::list_notes(c, false)
        .unwrap()
        .iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(
        shared,
        ids("SELECT id FROM notes WHERE private = 0 ORDER BY date DESC, id DESC")
    );
    assert!(!shared.is_empty() && shared.len() < all.len());
    let org = load_org(c).unwrap();
    let history: Vec<i64> = org.verified_history.iter().map(|r| r.id).collect();
    let expected = ids("SELECT DISTINCT a.id FROM offers o
         JOIN training_skills ts ON ts.training_id = o.training_id
         JOIN assessments a ON a.person_id = o.person_id AND a.skill_id = ts.skill_id
         WHERE o.status = 'completed' AND a.source = 'verified' ORDER BY a.id");
    assert!(!expected.is_empty());
    assert_eq!(history, expected);
}

/// From 1,000 people the organisation is read on two connections at once; the result must
/// be the one a single connection reads.
#[test]
fn a_large_organisation_read_in_parallel_equals_one_read_in_sequence() {
    let dir = tmp();
    let mut store = Store::open(&dir.path().join("s.db"), Missing::Create).unwrap();
    skillgap::demo::generate(&mut store, 1_200, 3, d("2026-11-22")).unwrap();
    let one = load_org(store.conn()).unwrap();
    let (two, notes) =
        skillgap::store::load_org_with(&store, |c| records::list_notes(c, true)).unwrap();
    assert_eq!(two.people.len(), 1_200);
    assert!(two.ratings.len() > 10_000);
    assert_eq!(two.teams, one.teams);
    assert_eq!(two.roles, one.roles);
    assert_eq!(two.role_targets, one.role_targets);
    assert_eq!(two.people, one.people);
    assert_eq!(two.overrides, one.overrides);
    assert_eq!(two.skills, one.skills);
    assert_eq!(two.ratings, one.ratings);
    assert_eq!(two.verified_history, one.verified_history);
    assert_eq!(two.trainings, one.trainings);
    assert_eq!(two.offers, one.offers);
    assert_eq!(
        notes.unwrap(),
        records::list_notes(store.conn(), true).unwrap()
    );
}

/// Every assessment, and the latest of each person, skill and source by the metrics' rule
/// (latest date, then the one recorded last), by person, skill and source.
fn latest_by_hand(c: &rusqlite::Connection) -> Vec<Rating> {
    let mut stmt = c
        .prepare("SELECT id, person_id, skill_id, level, source, assessed_on FROM assessments")
        .unwrap();
    let all: Vec<Rating> = stmt
        .query_map([], |r| {
            Ok(Rating {
                id: r.get(0)?,
                person_id: r.get(1)?,
                skill_id: r.get(2)?,
                level: r.get(3)?,
                source: r.get::<_, String>(4)?.parse().unwrap(),
                assessed_on: r.get(5)?,
            })
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut latest: Vec<Rating> = Vec::new();
    for r in &all {
        let key = (r.person_id, r.skill_id, r.source);
        match latest
            .iter_mut()
            .find(|l| (l.person_id, l.skill_id, l.source) == key)
        {
            Some(l) if (r.assessed_on, r.id) > (l.assessed_on, l.id) => *l = *r,
            Some(_) => {}
            None => latest.push(*r),
        }
    }
    latest.sort_by_key(|r| (r.person_id, r.skill_id, r.source));
    latest
}

fn loaded_latest(store: &Store) -> Vec<Rating> {
    let mut ratings: Vec<Rating> = load_org(store.conn()).unwrap().ratings.iter().collect();
    ratings.sort_by_key(|r| (r.person_id, r.skill_id, r.source));
    ratings
}

/// Version 2 keeps the latest-assessment table as numbers. A file written by version 1 is
/// backed up, then upgraded in place with every rating as it was, and stays right as it is
/// edited; its schema is then the one a new file gets.
#[test]
fn a_version_1_file_upgrades_with_its_data_intact() {
    let dir = tmp();
    let path = dir.path().join("v1.db");
    let c = skillgap::store::Db::Sqlite(rusqlite::Connection::open(&path).unwrap());
    c.execute_batch(include_str!("../src/store/sqlite/schema/001_initial.sql"))
        .unwrap();
    let raw = c.as_sqlite().unwrap();
    raw.pragma_update(None, "user_version", 1).unwrap();
    raw.pragma_update(None, "journal_mode", "WAL").unwrap();
    // Today's store code writes record versions (schema 3): they are there while the data
    // goes in, and dropped before the file is closed, which leaves the version 1 schema.
    c.execute_batch(include_str!(
        "../src/store/sqlite/schema/003_record_versions.sql"
    ))
    .unwrap();
    let framework = skillgap::framework::Framework::default_framework().unwrap();
    framework.apply(&c).unwrap();
    let prompting = skills::skill_id(&c, "prompting").unwrap().unwrap();
    let privacy = skills::skill_id(&c, "data-privacy")
        .unwrap()
        .or_else(|| skills::skill_id(&c, "output-validation").unwrap())
        .unwrap();
    let ada = people::insert_person(&c, &person("Ada", Some("ada@example.com"))).unwrap();
    let bob = people::insert_person(&c, &person("Bob", None)).unwrap();
    let add = |c: &skillgap::store::Db, p: i64, s: i64, level: u8, source: Source, on: &str| {
        let rating = Rating {
            id: 0,
            person_id: p,
            skill_id: s,
            level,
            source,
            assessed_on: d(on),
        };
        records::insert_assessment(
            c,
            &Assessment {
                rating,
                score: None,
                max_score: None,
                assessor: None,
                evidence: Some("kept".into()),
            },
        )
        .unwrap()
    };
    // Dates before 1970, a leap day, the far future; ties on one date; older ones added last.
    add(&c, ada, prompting, 2, Source::SelfRated, "1969-12-31");
    add(&c, ada, prompting, 4, Source::SelfRated, "2024-02-29");
    add(&c, ada, prompting, 3, Source::SelfRated, "2024-02-29");
    add(&c, ada, prompting, 1, Source::SelfRated, "2023-01-01");
    add(&c, ada, prompting, 2, Source::Verified, "2026-01-01");
    add(&c, ada, privacy, 5, Source::Manager, "2100-02-28");
    add(&c, bob, prompting, 1, Source::Verified, "1900-03-01");
    add(&c, bob, privacy, 0, Source::SelfRated, "2026-11-22");
    add(&c, bob, privacy, 3, Source::Manager, "1970-01-01");
    let before = latest_by_hand(c.as_sqlite().unwrap());
    assert_eq!(before.len(), 6);
    for t in [
        "people",
        "teams",
        "roles",
        "skills",
        "trainings",
        "offers",
        "notes",
        "assessments",
    ] {
        c.execute_batch(&format!("ALTER TABLE {t} DROP COLUMN version"))
            .unwrap();
    }
    drop(c);

    let store = Store::open(&path, Missing::Refuse).unwrap();
    let backup = dir.path().join("v1.db.v1.bak");
    let old = rusqlite::Connection::open(&backup).unwrap();
    let v: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "the backup is the file as it was");
    assert_eq!(mode(&backup), 0o600, "private like the database");
    assert_eq!(latest_by_hand(&old), before);
    drop(old);
    let v: i64 = store
        .sqlite_conn()
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    assert!(store.check().unwrap().is_empty());
    assert_eq!(loaded_latest(&store), before);
    assert_eq!(latest_by_hand(store.sqlite_conn().unwrap()), before);
    let history = records::person_history(store.conn(), ada).unwrap();
    assert_eq!(history.len(), 6);
    assert!(
        history
            .iter()
            .all(|a| a.evidence.as_deref() == Some("kept"))
    );
    assert_eq!(people::list_people(store.conn()).unwrap().len(), 2);

    // Edits after the upgrade keep the table right.
    let c = store.conn();
    let newest = add(c, bob, prompting, 4, Source::Verified, "2026-06-01");
    add(c, bob, prompting, 5, Source::Verified, "2025-06-01");
    c.execute(
        "UPDATE assessments SET assessed_on = '2020-01-01' WHERE id = ?1",
        [newest],
    )
    .unwrap();
    c.execute(
        "DELETE FROM assessments WHERE person_id = ?1 AND assessed_on = '2024-02-29' AND level = 3",
        [ada],
    )
    .unwrap();
    assert!(store.check().unwrap().is_empty());
    assert_eq!(
        loaded_latest(&store),
        latest_by_hand(c.as_sqlite().unwrap())
    );

    // The schema is the one a new file gets.
    let schema = |c: &rusqlite::Connection| -> Vec<String> {
        let mut stmt = c
            .prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    let fresh = Store::open(&dir.path().join("new.db"), Missing::Create).unwrap();
    assert_eq!(
        schema(c.as_sqlite().unwrap()),
        schema(fresh.sqlite_conn().unwrap())
    );

    // The check sees a latest entry that drifted from the history.
    c.execute(
        "UPDATE assessment_latest SET day = day - 1 WHERE person_id = ?1",
        [bob],
    )
    .unwrap();
    let problems = store.check().unwrap();
    assert_eq!(problems, vec!["3 latest-assessment entries out of step"]);
    c.execute(
        "UPDATE assessment_latest SET day = day + 1 WHERE person_id = ?1",
        [bob],
    )
    .unwrap();
    assert!(store.check().unwrap().is_empty());

    // A date that is not a real day (only SQL by hand can write one) is an error on load,
    // as before, not a guess.
    c.execute(
        "UPDATE assessments SET assessed_on = '2026-02-30' WHERE person_id = ?1 AND level = 5",
        [ada],
    )
    .unwrap();
    let err = load_org(c).err().unwrap().to_string();
    assert!(err.contains("not a YYYY-MM-DD date"), "{err}");
}
