//! The same figures on both engines: the same demo, and the same imported files, give the
//! same exports (JSON, CSV, Markdown) and report on SQLite and on PostgreSQL; undo, redo and
//! the no-lost-update rule work the same on both. Each test runs on every engine the
//! machine has (PostgreSQL on a throwaway server; said loudly when it is missing).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg_common;
use pg_common::engines;

use skillgap::config::Config;
use skillgap::export::{self, ExportFormat, Options, Scope};
use skillgap::import::{self, Kind};
use skillgap::model::Person;
use skillgap::store::{History, Missing, RecordRef, Store, StoreError, people};

const TODAY: &str = "2026-11-22";

fn today() -> chrono::NaiveDate {
    skillgap::model::parse_date(TODAY).unwrap()
}

fn exports(store: &Store) -> Vec<String> {
    let config = Config::default();
    let mut out = Vec::new();
    for format in [ExportFormat::Json, ExportFormat::Csv, ExportFormat::Md] {
        for include_private in [false, true] {
            let text = export::export(
                store.conn(),
                &config,
                today(),
                &Options {
                    scope: Scope::All,
                    format,
                    include_private,
                },
            )
            .unwrap();
            // The moment of the export is the one thing allowed to differ, and a note's
            // author: the OS user on a file, the login on a server.
            let text: String = text
                .lines()
                .filter(|l| !l.contains("generated_at") && !l.contains("Generated"))
                .collect::<Vec<_>>()
                .join("\n");
            let text = same_author(&text, &store.conn().author());
            out.push(text);
        }
    }
    out
}

/// `author` (this engine's author of every note) as "[author]", where an export names a
/// note's author: JSON's `"author"` and the Markdown's "(DATE by AUTHOR...)".
fn same_author(text: &str, author: &str) -> String {
    assert!(!author.is_empty());
    let json = serde_json::to_string(author).unwrap();
    let text = text
        .replace(&format!("\"author\": {json}"), "\"author\": \"[author]\"")
        .replace(&format!("\"author\":{json}"), "\"author\":\"[author]\"");
    let md = skillgap::export::md_escape(author);
    text.replace(&format!(" by {md},"), " by [author],")
        .replace(&format!(" by {md})"), " by [author])")
}

#[test]
fn the_same_demo_gives_the_same_exports_on_both_engines() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for (name, mut store) in engines(dir.path()) {
        skillgap::demo::generate(&mut store, 60, 7, today()).unwrap();
        let org = skillgap::store::load_org(store.conn()).unwrap();
        all.push((name, exports(&store), org.people.len(), org.ratings.len()));
    }
    let (first, want, people, ratings) = &all[0];
    assert!(*people == 60 && *ratings > 100);
    // Every note names its author, in the JSON and in the Markdown's action items.
    assert!(want[1].contains("\"author\": \"[author]\""), "{}", want[1]);
    assert!(want[5].contains(" by [author]"), "{}", want[5]);
    for (name, got, p, r) in &all[1..] {
        assert_eq!((p, r), (people, ratings), "{name} vs {first}");
        for (a, b) in want.iter().zip(got) {
            assert_eq!(a, b, "{name} differs from {first}");
        }
    }
}

const PEOPLE: &str = "name,email,team,role,joined_on\nAda,ada@x.org,Platform,Engineer,2024-01-01\n\
Bob,BOB@x.org,platform,Engineer,\nCy,cy@x.org,Sales,Analyst,2025-06-30\n";
const ASSESSMENTS: &str = "person,skill,level,source,assessed_on,score,max_score,assessor,evidence\n\
ada@x.org,prompting,3,verified,2026-01-10,27,30,L&D,quiz\nada@x.org,prompting,4,self,2026-02-01,,,,\n\
bob@x.org,output-validation,2,manager,2025-01-01,,,Kim,\ncy@x.org,prompting,1,self,2026-11-01,,,,\n";
const TRAININGS: &str = "title,provider,url,hours,skills\nPrompting 101,L&D,https://x.org,4,prompting:3\n\
Checking outputs,L&D,,2.5,output-validation:4\n";
const OFFERS: &str = "person,training,status,offered_on,due_on,completed_on\n\
ada@x.org,Prompting 101,completed,2025-12-01,2026-01-01,2026-01-05\nbob@x.org,Checking outputs,offered,2026-10-01,2026-11-01,\n";
const NOTES: &str = "person,date,body,private,skills\nada@x.org,2026-11-01,- [ ] try the quiz,false,prompting\n\
bob@x.org,2026-11-02,private thoughts,true,\n";

#[test]
fn the_same_files_imported_give_the_same_exports_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for (name, store) in engines(dir.path()) {
        for round in 0..2 {
            for (kind, text) in [
                (Kind::People, PEOPLE),
                (Kind::Trainings, TRAININGS),
                (Kind::Assessments, ASSESSMENTS),
                (Kind::Offers, OFFERS),
                (Kind::Notes, NOTES),
            ] {
                let report =
                    import::run(store.conn(), kind, "f.csv", text.as_bytes(), false).unwrap();
                if round == 1 {
                    assert!(
                        report.added.values().all(|n| *n == 0),
                        "{name}: second import added {:?}",
                        report.added
                    );
                }
            }
        }
        let teams = skillgap::store::teams::list_teams(store.conn()).unwrap();
        assert_eq!(teams.len(), 2, "{name}: Platform and platform are one team");
        all.push((name, exports(&store)));
    }
    let (first, want) = &all[0];
    for (name, got) in &all[1..] {
        for (a, b) in want.iter().zip(got) {
            assert_eq!(a, b, "{name} differs from {first}");
        }
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
fn undo_redo_and_the_no_lost_update_rule_on_both_engines() {
    let dir = tempfile::tempdir().unwrap();
    for (name, mut store) in engines(dir.path()) {
        let mut history = History::default();
        let (id, change) = store
            .edit("add person Ada", |c| {
                people::insert_person(c, &person("Ada", "ada@x.org"))
            })
            .unwrap();
        history.push(change);
        let count = |s: &Store| people::count_people(s.conn()).unwrap();
        assert_eq!(count(&store), 1, "{name}");
        assert_eq!(
            history.undo(&store).unwrap().as_deref(),
            Some("add person Ada")
        );
        assert_eq!(count(&store), 0, "{name}: undone");
        history.redo(&store).unwrap();
        assert_eq!(count(&store), 1, "{name}: redone");
        let back = people::get_person(store.conn(), id).unwrap().unwrap();
        assert_eq!(back.email.as_deref(), Some("ada@x.org"), "{name}");
        // An edit, undone: the old values come back.
        let (_, change) = store
            .edit("rename", |c| {
                people::update_person(
                    c,
                    &Person {
                        name: "Ada L.".into(),
                        ..back.clone()
                    },
                )
            })
            .unwrap();
        history.push(change);
        history.undo(&store).unwrap();
        assert_eq!(
            people::get_person(store.conn(), id).unwrap().unwrap().name,
            "Ada",
            "{name}"
        );
        // A form opened, someone else saves meanwhile: the form's save is refused.
        let seen = store.seen(RecordRef::Person(id)).unwrap().unwrap();
        let other = Store::open(store.path(), Missing::Refuse);
        let other = match other {
            Ok(o) => o,
            // The store's path on a server is the URL without password: the same here.
            Err(e) => panic!("{name}: cannot open a second connection: {e}"),
        };
        people::update_person(
            other.conn(),
            &Person {
                name: "Ada Lovelace".into(),
                ..back.clone()
            },
        )
        .unwrap();
        let err = store
            .transaction(|tx| {
                Store::expect_unchanged(tx, &seen)?;
                people::update_person(tx, &back)
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::Changed(_)), "{name}: {err}");
        assert!(err.to_string().contains("Ada Lovelace"), "{name}: {err}");
        // The other writer's change is there, and the store says it changed.
        assert_eq!(
            people::get_person(store.conn(), id).unwrap().unwrap().name,
            "Ada Lovelace"
        );
        assert!(store.changes_since(&seen).unwrap().is_some(), "{name}");
        // The undo of a record someone else changed since is refused, nothing undone.
        let (_, change) = store
            .edit("archive", |c| {
                let p = people::get_person(c, id)?.expect("there");
                people::update_person(
                    c,
                    &Person {
                        archived: true,
                        ..p
                    },
                )
            })
            .unwrap();
        history.push(change);
        let p = people::get_person(other.conn(), id).unwrap().unwrap();
        people::update_person(
            other.conn(),
            &Person {
                name: "A. Lovelace".into(),
                ..p
            },
        )
        .unwrap();
        let err = history.undo(&store).unwrap_err().to_string();
        assert!(err.contains("changed elsewhere"), "{name}: {err}");
        assert!(
            people::get_person(store.conn(), id)
                .unwrap()
                .unwrap()
                .archived,
            "{name}: nothing undone"
        );
    }
}

#[test]
fn another_writers_commit_changes_the_data_version_on_both_engines() {
    let dir = tempfile::tempdir().unwrap();
    for (name, store) in engines(dir.path()) {
        let before = store.data_version().unwrap();
        let other = Store::open(store.path(), Missing::Refuse).unwrap();
        people::insert_person(other.conn(), &person("Eve", "eve@x.org")).unwrap();
        assert_ne!(store.data_version().unwrap(), before, "{name}");
    }
}
