//! The store's data rules, the same on each engine (SQLite, and PostgreSQL where installed):
//! reopening keeps the data and assessments are history, a name that fits two people is an
//! error, the latest-rating table follows edits and deletes, parallel reads see one snapshot,
//! and lists come in the same order on both.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use skillgap::model::{Assessment, Note, Offer, OfferStatus, Person, Rating, Source, Training};
use skillgap::store::{Missing, Store, load_org, people, records, skills};

mod pg_common;
use pg_common::engines;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn person(name: &str, email: Option<&str>) -> Person {
    Person {
        name: name.into(),
        email: email.map(str::to_string),
        ..Person::default()
    }
}

#[test]
fn a_name_that_fits_two_people_is_an_error_not_a_guess() {
    let dir = tmp();
    for (engine, store) in engines(dir.path()) {
        people::insert_person(store.conn(), &person("Sam Lee", None)).unwrap();
        people::insert_person(store.conn(), &person("Sam Lee", Some("sam2@example.com"))).unwrap();
        let err = people::find_person(store.conn(), "Sam Lee").err().unwrap();
        assert!(
            err.to_string().contains("more than one person"),
            "{engine}: {err}"
        );
        assert!(
            people::find_person(store.conn(), "sam2@example.com")
                .unwrap()
                .is_some()
        );
        assert_eq!(people::find_person(store.conn(), "Nobody").unwrap(), None);
    }
}

/// The lists are read in table order and sorted in Rust (see tests/store.rs for SQLite's own
/// ORDER BY): names that tie, differ only in case or accents, offers and notes on the same
/// day come in one order on both engines, ids aside.
#[test]
fn lists_come_in_the_same_order_on_both_engines() {
    let dir = tmp();
    let mut all = Vec::new();
    for (engine, mut store) in engines(dir.path()) {
        let names = [
            "Ada", "ada", "Zoë", "Ada", "Åda", "zoe", "Émile", "emile", "Bob",
        ];
        let listed = store
            .transaction(|c| {
                let mut ids = Vec::new();
                for (i, name) in names.iter().enumerate() {
                    let mut p = person(name, None);
                    p.joined_on = Some(d("2026-01-01") + chrono::Days::new(i as u64));
                    ids.push(people::insert_person(c, &p)?);
                }
                let training = records::upsert_training(
                    c,
                    &Training {
                        id: 0,
                        title: "T".into(),
                        provider: None,
                        url: None,
                        hours: None,
                        develops: Vec::new(),
                    },
                )?;
                for (i, p) in ids.iter().enumerate() {
                    let day = ["2026-03-01", "2026-01-01", "2026-03-01"][i % 3];
                    records::insert_offer(
                        c,
                        &Offer {
                            id: 0,
                            person_id: *p,
                            training_id: training,
                            status: OfferStatus::Offered,
                            offered_on: d(day),
                            due_on: None,
                            completed_on: None,
                        },
                    )?;
                    records::insert_note(
                        c,
                        &Note {
                            id: 0,
                            person_id: *p,
                            date: d(day),
                            body: format!("note {i}"),
                            private: i % 2 == 0,
                            skill_ids: Vec::new(),
                            author: String::new(),
                        },
                    )?;
                }
                // Each list in its order, by the position of each person added.
                let at = |id: i64| ids.iter().position(|p| *p == id).unwrap();
                let people: Vec<(String, usize)> = people::list_people(c)?
                    .into_iter()
                    .map(|p| (p.name, at(p.id)))
                    .collect();
                let offers: Vec<usize> = records::list_offers(c)?
                    .iter()
                    .map(|o| at(o.person_id))
                    .collect();
                let notes: Vec<String> = records::list_notes(c, true)?
                    .into_iter()
                    .map(|n| n.body)
                    .collect();
                let shared: Vec<String> = records::list_notes(c, false)?
                    .into_iter()
                    .map(|n| n.body)
                    .collect();
                Ok((people, offers, notes, shared))
            })
            .unwrap();
        // Byte order of names, ties by id (the order added).
        let by_name: Vec<&str> = listed.0.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            by_name,
            [
                "Ada", "Ada", "Bob", "Zoë", "ada", "emile", "zoe", "Åda", "Émile"
            ],
            "{engine}"
        );
        assert_eq!(listed.0[0].1, 0, "{engine}: ties by id");
        assert_eq!(listed.3.len(), 4, "{engine}: shareable notes only");
        all.push((engine, listed));
    }
    let (first, want) = &all[0];
    for (engine, got) in &all[1..] {
        assert_eq!(got, want, "{engine} lists otherwise than {first}");
    }
}

#[test]
fn reopening_keeps_data_and_assessments_are_history() {
    let dir = tmp();
    for (engine, mut store) in engines(dir.path()) {
        eprintln!("on {engine}:");
        let path = store.path().to_path_buf();
        store
            .transaction(|tx| {
                let p = people::insert_person(tx, &person("Ada Okafor", Some("ada@example.com")))?;
                let s = skills::skill_id(tx, "prompting")?.expect("default skill");
                for (level, on) in [(2, "2026-01-01"), (3, "2026-06-01")] {
                    records::insert_assessment(
                        tx,
                        &Assessment {
                            rating: Rating {
                                id: 0,
                                person_id: p,
                                skill_id: s,
                                level,
                                source: Source::Verified,
                                assessed_on: d(on),
                            },
                            score: Some(61.0),
                            max_score: Some(100.0),
                            assessor: Some("Lab".into()),
                            evidence: None,
                        },
                    )?;
                }
                Ok(())
            })
            .unwrap();
        drop(store);
        let store = Store::open(&path, Missing::Refuse).unwrap();
        let id = people::find_person(store.conn(), "ADA@example.com")
            .unwrap()
            .unwrap();
        assert_eq!(
            people::find_person(store.conn(), "Ada Okafor").unwrap(),
            Some(id)
        );
        let history = records::person_history(store.conn(), id).unwrap();
        assert_eq!(
            history.iter().map(|a| a.rating.level).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert_eq!(history[0].score, Some(61.0));
        let org = load_org(store.conn()).unwrap();
        // The latest-per-source table holds only the newer one.
        assert_eq!(org.ratings.len(), 1);
        assert_eq!(org.ratings.get(0).map(|r| r.level).unwrap_or(99), 3);
        assert!(store.check().unwrap().is_empty());
    }
}

#[test]
fn latest_table_follows_edits_and_deletes() {
    let dir = tmp();
    for (engine, store) in engines(dir.path()) {
        eprintln!("on {engine}:");
        let c = store.conn();
        let p = people::insert_person(c, &person("Ada", None)).unwrap();
        let s = skills::skill_id(c, "prompting").unwrap().unwrap();
        let add = |level: u8, on: &str| {
            records::insert_assessment(
                c,
                &Assessment {
                    rating: Rating {
                        id: 0,
                        person_id: p,
                        skill_id: s,
                        level,
                        source: Source::Manager,
                        assessed_on: d(on),
                    },
                    score: None,
                    max_score: None,
                    assessor: None,
                    evidence: None,
                },
            )
            .unwrap()
        };
        let a1 = add(1, "2026-01-01");
        let a2 = add(4, "2026-03-01");
        let _a3 = add(2, "2026-02-01"); // older date recorded later: not the latest
        let latest = || {
            load_org(c)
                .unwrap()
                .ratings
                .get(0)
                .map(|r| r.level)
                .unwrap_or(99)
        };
        assert_eq!(latest(), 4);
        let mut moved = records::person_history(c, p)
            .unwrap()
            .into_iter()
            .find(|a| a.rating.id == a2)
            .unwrap();
        moved.rating.assessed_on = d("2025-01-01");
        records::update_assessment(c, &moved).unwrap();
        assert_eq!(latest(), 2);
        for a in records::person_history(c, p).unwrap() {
            if a.rating.id != a1 {
                records::delete_assessment(c, a.rating.id).unwrap();
            }
        }
        assert_eq!(latest(), 1);
        assert!(store.check().unwrap().is_empty());
    }
}

/// The two connections of a parallel read see one snapshot: a commit by another process
/// after it started is seen by neither, even by the one that reads after the commit.
#[test]
fn parallel_reads_see_one_snapshot_while_another_process_commits() {
    let dir = tmp();
    for (engine, store) in engines(dir.path()) {
        eprintln!("on {engine}:");
        let path = store.path().to_path_buf();
        for name in ["Ada", "Grace"] {
            people::insert_person(store.conn(), &person(name, None)).unwrap();
        }
        let count = |c: &skillgap::store::Db| -> i64 { people::count_people(c).unwrap() };
        let (committed, seen) = std::sync::mpsc::channel();
        let (here, beside) = store
            .read_in_parallel(
                |c| {
                    let other = Store::open(&path, Missing::Refuse).unwrap();
                    people::insert_person(other.conn(), &person("Linus", None)).unwrap();
                    committed.send(()).unwrap();
                    count(c)
                },
                move |c| {
                    seen.recv().unwrap();
                    count(c)
                },
            )
            .unwrap();
        assert_eq!((here, beside), (2, 2));
        assert_eq!(count(store.conn()), 3);
        assert!(store.conn().is_autocommit(), "both reads ended");
    }
}
