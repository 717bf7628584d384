//! Many rows at once, on both engines: an import of thousands of assessments and the
//! demo's people go to a server in statements of many rows (store/bulk.rs) and give the
//! same figures as a file; the latest-assessment table stays in step; a refused row fails
//! the whole write with the message writing it alone gives, and leaves nothing behind.
//! PostgreSQL on the tests' throwaway server; said loudly when it is missing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg_common;

use skillgap::import::{self, Kind};
use skillgap::model::{Assessment, Person, Rating, Source};
use skillgap::store::bulk::NewPeople;
use skillgap::store::{Missing, Store, StoreError, people, records};
use std::fmt::Write;

/// A fresh store on each engine: SQLite always, PostgreSQL where installed.
fn engines(dir: &std::path::Path) -> Vec<(&'static str, Store)> {
    let mut out = vec![(
        "sqlite",
        Store::open(&dir.join("s.db"), Missing::Create).unwrap(),
    )];
    if let Some(db) = pg_common::fresh_db() {
        let url = db.owner_url();
        out.push((
            "postgres",
            Store::open(url.as_ref(), Missing::Create).unwrap(),
        ));
    }
    out
}

/// 60 people, and `rounds` x 60 x 5 assessments: dates spread so that later rows are
/// sometimes older than earlier ones (the latest is not simply the last added).
fn files(rounds: usize, offset: usize) -> (String, String) {
    let mut people = String::from("name,email\n");
    for p in 0..60 {
        writeln!(people, "P{p},p{p}@x.org").unwrap();
    }
    let mut rows = String::from("person,skill,level,source,assessed_on\n");
    let skills = [
        "prompting",
        "output-validation",
        "data-privacy",
        "ethics-and-bias",
        "tool-selection",
    ];
    let sources = ["self", "manager", "verified"];
    for r in 0..rounds {
        for p in 0..60 {
            for (k, s) in skills.iter().enumerate() {
                let n = r * 7 + p * 3 + k + offset;
                let day = 1 + (n * 13) % 28;
                let month = 1 + (n * 5) % 12;
                writeln!(
                    rows,
                    "p{p}@x.org,{s},{},{},2026-{month:02}-{day:02}",
                    n % 6,
                    sources[n % 3]
                )
                .unwrap();
            }
        }
    }
    (people, rows)
}

fn figures(store: &Store) -> (String, i64) {
    let json = skillgap::export::export(
        store.conn(),
        &skillgap::config::Config::default(),
        skillgap::model::parse_date("2026-11-22").unwrap(),
        &skillgap::export::Options {
            scope: skillgap::export::Scope::All,
            format: skillgap::export::ExportFormat::Json,
            include_private: true,
        },
    )
    .unwrap();
    let json: String = json
        .lines()
        .filter(|l| !l.contains("generated_at"))
        .collect();
    (json, records::count_assessments(store.conn()).unwrap())
}

#[test]
fn thousands_of_assessments_give_the_same_figures_and_a_second_import_adds_none() {
    let dir = tempfile::tempdir().unwrap();
    let (people, first) = files(8, 0);
    let (_, second) = files(3, 5);
    let mut all = Vec::new();
    for (name, store) in engines(dir.path()) {
        let run = |kind, text: &str| {
            import::run(store.conn(), kind, "f.csv", text.as_bytes(), false).unwrap()
        };
        run(Kind::People, &people);
        let report = run(Kind::Assessments, &first);
        assert_eq!(report.added.values().sum::<usize>(), 8 * 300, "{name}");
        // More, some older than what is there: the latest stays the newest.
        run(Kind::Assessments, &second);
        let again = run(Kind::Assessments, &first);
        assert_eq!(again.added.values().sum::<usize>(), 0, "{name}");
        assert!(
            store.check().unwrap().is_empty(),
            "{name}: {:?}",
            store.check()
        );
        all.push((name, figures(&store)));
    }
    let (first_engine, want) = &all[0];
    assert_eq!(want.1, 11 * 300);
    for (name, got) in &all[1..] {
        assert_eq!(got, want, "{name} differs from {first_engine}");
    }
}

fn person(name: &str, email: &str) -> Person {
    Person {
        name: name.into(),
        email: Some(email.into()),
        ..Person::default()
    }
}

#[test]
fn a_refused_row_fails_the_write_with_its_own_message_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (name, mut store) in engines(dir.path()) {
        let skill = skillgap::store::skills::skill_id(store.conn(), "prompting")
            .unwrap()
            .unwrap();
        // What adding the second of two people with one email says, one at a time.
        let alone = store
            .transaction(|tx| {
                people::insert_person(tx, &person("Ann", "same@x.org"))?;
                people::insert_person(tx, &person("Bea", "SAME@x.org"))
            })
            .unwrap_err()
            .to_string();
        assert!(alone.contains("Bea"), "{name}: {alone}");
        // The same people among 1,500 others (two statements of many on a server), with
        // their assessments.
        let mut rows = NewPeople::default();
        for i in 0..1500 {
            rows.people
                .push(person(&format!("P{i}"), &format!("p{i}@x.org")));
        }
        rows.people.insert(1200, person("Ann", "same@x.org"));
        rows.people.insert(1300, person("Bea", "SAME@x.org"));
        for i in 0..rows.people.len() {
            let rating = Rating {
                id: 0,
                person_id: 0,
                skill_id: skill,
                level: 3,
                source: Source::SelfRated,
                assessed_on: skillgap::model::parse_date("2026-01-01").unwrap(),
            };
            rows.assessments.push((
                i,
                Assessment {
                    rating,
                    score: None,
                    max_score: None,
                    assessor: None,
                    evidence: None,
                },
            ));
        }
        let err = store.transaction(|tx| rows.insert(tx)).unwrap_err();
        assert!(matches!(err, StoreError::Sql { .. }), "{name}: {err:?}");
        assert_eq!(err.to_string(), alone, "{name}");
        assert_eq!(people::count_people(store.conn()).unwrap(), 0, "{name}");
        assert_eq!(records::count_assessments(store.conn()).unwrap(), 0);
        // Without the duplicate, all of it, in order.
        rows.people.remove(1300);
        rows.assessments.pop();
        let ids = store.transaction(|tx| rows.insert(tx)).unwrap();
        assert_eq!(ids.len(), 1501, "{name}");
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{name}: in order");
        let ann = people::get_person(store.conn(), ids[1200])
            .unwrap()
            .unwrap();
        assert_eq!(ann.name, "Ann", "{name}");
        assert_eq!(records::count_assessments(store.conn()).unwrap(), 1501);
        assert!(store.check().unwrap().is_empty(), "{name}");
    }
}
