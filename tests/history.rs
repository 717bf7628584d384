//! Undo and redo of adds, edits and deletes, with cascades, on a real database: a file
//! (SQLite) and, where installed, a server (PostgreSQL).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use skillgap::model::{Assessment, Note, Offer, OfferStatus, Person, Rating, Source, Training};
use skillgap::store::{History, Missing, Store, load_org, people, records, skills, teams};

mod pg_common;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn person(name: &str, email: &str) -> Person {
    Person {
        name: name.into(),
        email: Some(email.into()),
        ..Person::default()
    }
}

const TABLES: [&str; 10] = [
    "teams",
    "people",
    "person_targets",
    "assessments",
    "assessment_latest",
    "offers",
    "notes",
    "note_skills",
    "trainings",
    "training_skills",
];

/// Everything a user could see, as text, to compare states (record versions included: an
/// undo puts them back too).
fn dump(store: &Store) -> String {
    let mut out = String::new();
    let Some(c) = store.sqlite_conn() else {
        // On a server: each row as JSON (strings quoted, as below).
        for t in TABLES {
            let mut stmt = store
                .conn()
                .prepare(&format!(
                    "SELECT row_to_json(x)::text FROM {t} x ORDER BY 1"
                ))
                .unwrap();
            for row in stmt.query_map((), |r| r.get::<_, String>(0)).unwrap() {
                out.push_str(&format!("{t}: {}\n", row.unwrap()));
            }
        }
        return out;
    };
    for t in TABLES {
        let mut stmt = c
            .prepare(&format!("SELECT * FROM {t} ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Text(t) => {
                            format!("{:?}", String::from_utf8_lossy(t))
                        }
                        other => format!("{other:?}"),
                    })
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        for row in rows {
            out.push_str(&format!("{t}: {}\n", row.unwrap()));
        }
    }
    out
}

#[test]
fn add_edit_delete_each_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let mut h = History::default();
        let empty = dump(&store);

        let (id, change) = store
            .edit("add Ada", |c| {
                people::insert_person(c, &person("Ada", "ada@example.com"))
            })
            .unwrap();
        h.push(change);
        let added = dump(&store);
        assert_ne!(empty, added);

        let (_, change) = store
            .edit("rename Ada", |c| {
                let mut p = people::get_person(c, id)?.expect("person");
                p.name = "Ada Lovelace".into();
                people::update_person(c, &p)
            })
            .unwrap();
        h.push(change);
        let renamed = dump(&store);
        assert!(renamed.contains("Ada Lovelace"));

        assert_eq!(h.next_undo(), Some("rename Ada"));
        assert_eq!(h.undo(&store).unwrap().as_deref(), Some("rename Ada"));
        assert_eq!(dump(&store), added);
        assert_eq!(h.undo(&store).unwrap().as_deref(), Some("add Ada"));
        assert_eq!(dump(&store), empty);
        assert_eq!(h.undo(&store).unwrap(), None, "nothing left to undo");

        assert_eq!(h.redo(&store).unwrap().as_deref(), Some("add Ada"));
        assert_eq!(dump(&store), added, "redo brings back the same id");
        assert_eq!(h.redo(&store).unwrap().as_deref(), Some("rename Ada"));
        assert_eq!(dump(&store), renamed);
        assert_eq!(h.redo(&store).unwrap(), None);

        // A new edit after an undo clears the redo stack.
        h.undo(&store).unwrap();
        let (_, change) = store
            .edit("archive", |c| {
                let mut p = people::get_person(c, id)?.expect("person");
                p.archived = true;
                people::update_person(c, &p)
            })
            .unwrap();
        h.push(change);
        assert_eq!(h.next_redo(), None);
    }
}

#[test]
fn undoing_a_delete_brings_back_the_dependent_rows() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let mut h = History::default();
        let pid = store
            .transaction(|tx| {
                let team = teams::insert_team(tx, "Eng", None)?;
                let pid = people::insert_person(
                    tx,
                    &Person {
                        team_id: Some(team),
                        ..person("Ada", "ada@example.com")
                    },
                )?;
                let s = skills::skill_id(tx, "prompting")?.expect("skill");
                let t = records::upsert_training(
                    tx,
                    &Training {
                        id: 0,
                        title: "T".into(),
                        provider: None,
                        url: None,
                        hours: Some(2.5),
                        develops: vec![(s, 3)],
                    },
                )?;
                for (lvl, on) in [(1, "2026-01-01"), (3, "2026-05-01")] {
                    records::insert_assessment(
                        tx,
                        &Assessment {
                            rating: Rating {
                                id: 0,
                                person_id: pid,
                                skill_id: s,
                                level: lvl,
                                source: Source::Verified,
                                assessed_on: d(on),
                            },
                            score: Some(0.1 + f64::from(lvl)),
                            max_score: Some(100.0),
                            assessor: None,
                            evidence: Some("it's \"quoted\"".into()),
                        },
                    )?;
                }
                records::insert_offer(
                    tx,
                    &Offer {
                        id: 0,
                        person_id: pid,
                        training_id: t,
                        status: OfferStatus::Completed,
                        offered_on: d("2026-01-01"),
                        due_on: None,
                        completed_on: Some(d("2026-02-01")),
                    },
                )?;
                records::insert_note(
                    tx,
                    &Note {
                        id: 0,
                        person_id: pid,
                        date: d("2026-03-01"),
                        body: "- [ ] one\n- [x] two; DROP TABLE people; --".into(),
                        private: true,
                        skill_ids: vec![s],
                        author: String::new(),
                    },
                )?;
                people::set_override(
                    tx,
                    pid,
                    skillgap::model::Target {
                        skill_id: s,
                        level: 0,
                        weight: 1,
                    },
                )?;
                Ok(pid)
            })
            .unwrap();
        let before = dump(&store);
        let (deps, change) = store
            .edit("delete Ada", |c| people::delete_person(c, pid))
            .unwrap();
        assert_eq!((deps.assessments, deps.offers, deps.notes), (2, 1, 1));
        h.push(change);
        let after = dump(&store);
        assert!(!after.contains("people:"), "{after}");
        assert!(!after.contains("assessment_latest:"), "{after}");

        h.undo(&store).unwrap();
        assert_eq!(dump(&store), before, "undo restores every row, ids and all");
        assert!(store.check().unwrap().is_empty());
        let org = load_org(store.conn()).unwrap();
        assert_eq!(
            org.ratings.get(0).map(|r| r.level).unwrap_or(0),
            3,
            "the latest table was rebuilt by its triggers"
        );

        h.redo(&store).unwrap();
        assert_eq!(dump(&store), after);
        h.undo(&store).unwrap();
        assert_eq!(dump(&store), before);
    }
}

#[test]
fn deleting_a_team_sets_members_free_and_undo_puts_them_back() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let mut h = History::default();
        let (team, pid) = store
            .transaction(|tx| {
                let team = teams::insert_team(tx, "Eng", None)?;
                let sub = teams::insert_team(tx, "Platform", Some(team))?;
                let pid = people::insert_person(
                    tx,
                    &Person {
                        team_id: Some(sub),
                        ..person("Ada", "a@x.org")
                    },
                )?;
                people::insert_person(
                    tx,
                    &Person {
                        team_id: Some(team),
                        ..person("Ben", "b@x.org")
                    },
                )?;
                Ok((team, pid))
            })
            .unwrap();
        let before = dump(&store);
        let (_, change) = store
            .edit("delete Eng", |c| {
                c.execute("DELETE FROM teams WHERE id = ?1", [team])
                    .map_err(|e| skillgap::store::StoreError::Invalid(e.to_string()))
            })
            .unwrap();
        h.push(change);
        // Ada stays in Platform (now without a parent); Ben, directly in Eng, has no team.
        assert!(
            people::get_person(store.conn(), pid)
                .unwrap()
                .unwrap()
                .team_id
                .is_some()
        );
        let ben = people::find_person(store.conn(), "b@x.org")
            .unwrap()
            .unwrap();
        assert_eq!(
            people::get_person(store.conn(), ben)
                .unwrap()
                .unwrap()
                .team_id,
            None
        );
        assert!(!dump(&store).contains("\"Eng\""));
        h.undo(&store).unwrap();
        assert_eq!(dump(&store), before);
    }
}

#[test]
fn a_failed_edit_writes_nothing_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let before = dump(&store);
        let res = store.edit("two Adas", |c| {
            people::insert_person(c, &person("Ada", "same@example.com"))?;
            people::insert_person(c, &person("Ada 2", "SAME@example.com")) // unique email, any case
        });
        assert!(res.is_err());
        assert_eq!(dump(&store), before);
        // The log was left empty: the next edit records only its own change.
        let mut h = History::default();
        let (_, change) = store
            .edit("add Ben", |c| {
                people::insert_person(c, &person("Ben", "b@x.org"))
            })
            .unwrap();
        h.push(change);
        h.undo(&store).unwrap();
        assert_eq!(dump(&store), before);
    }
}

#[test]
fn undo_refuses_when_the_record_changed_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let mut h = History::default();
        let (id, change) = store
            .edit("add Ada", |c| {
                people::insert_person(c, &person("Ada", "a@x.org"))
            })
            .unwrap();
        h.push(change);
        let (_, change) = store
            .edit("rename", |c| {
                let mut p = people::get_person(c, id)?.expect("p");
                p.name = "Ada L".into();
                people::update_person(c, &p)
            })
            .unwrap();
        h.push(change);
        // Another process deletes her meanwhile.
        let other = Store::open(store.path(), Missing::Refuse).unwrap();
        people::delete_person(other.conn(), id).unwrap();
        let err = h.undo(&store).expect_err("refused");
        assert!(
            err.to_string()
                .contains("person Ada L was deleted elsewhere since"),
            "{err}"
        );
        assert_eq!(h.next_undo(), Some("rename"), "the stack is unchanged");
    }
}

#[test]
fn an_edit_that_changes_nothing_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let (_, change) = store
            .edit("nothing", |c| people::find_person(c, "nobody"))
            .unwrap();
        assert!(change.is_none());
    }
}

#[test]
fn edits_do_not_log_outside_recording() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let mut h = History::default();
        let (_, change) = store
            .edit("add Ada", |c| {
                people::insert_person(c, &person("Ada", "a@x.org"))
            })
            .unwrap();
        h.push(change);
        // A plain write after recording (an import, say) is not part of the recorded change.
        people::insert_person(store.conn(), &person("Ben", "b@x.org")).unwrap();
        // SQLite records a change in a temporary log table (a server in its own way).
        if let Some(c) = store.sqlite_conn() {
            let logged: i64 = c
                .query_row("SELECT count(*) FROM temp.undo_log", [], |r| r.get(0))
                .unwrap();
            assert_eq!(logged, 0);
        }
        h.undo(&store).unwrap();
        let names: Vec<String> = people::list_people(store.conn())
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, vec!["Ben".to_string()]);
    }
}
