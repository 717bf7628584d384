//! No lost update: a save, delete or undo whose record another writer changed since it was
//! read is refused with what changed, and writes nothing. Two connections to one database:
//! a real file (SQLite) and, where installed, a server database (PostgreSQL).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use skillgap::model::Person;
use skillgap::store::{History, Missing, RecordRef, Store, StoreError, people, teams};

mod pg_common;

fn person(name: &str) -> Person {
    Person {
        id: 0,
        name: name.into(),
        email: Some(format!("{}@x.org", name.to_lowercase())),
        team_id: None,
        role_id: None,
        joined_on: None,
        archived: false,
    }
}

/// On each engine: the app's store with Ada in team Platform, and a second store (an import
/// in another process) on the same database; the engine's name is printed first (shown when
/// a test fails).
fn setups(dir: &std::path::Path) -> impl Iterator<Item = (Store, Store, i64, i64)> {
    pg_common::engines(dir).into_iter().map(|(engine, app)| {
        eprintln!("on {engine}:");
        setup(app)
    })
}

fn setup(mut app: Store) -> (Store, Store, i64, i64) {
    let (ada, data) = app
        .transaction(|tx| {
            let platform = teams::insert_team(tx, "Platform", None)?;
            let data = teams::insert_team(tx, "Data", None)?;
            let mut p = person("Ada");
            p.team_id = Some(platform);
            Ok((people::insert_person(tx, &p)?, data))
        })
        .unwrap();
    let other = Store::open(app.path(), Missing::Refuse).unwrap();
    (app, other, ada, data)
}

fn move_to(store: &mut Store, id: i64, team: i64) {
    store
        .transaction(|tx| {
            let mut p = people::get_person(tx, id)?.expect("person");
            p.team_id = Some(team);
            people::update_person(tx, &p)
        })
        .unwrap();
}

#[test]
fn a_save_on_a_record_changed_elsewhere_is_refused_with_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    for (mut app, mut other, ada, data) in setups(dir.path()) {
        let seen = app.seen(RecordRef::Person(ada)).unwrap().expect("Ada");
        move_to(&mut other, ada, data);
        let before = people::get_person(app.conn(), ada).unwrap().unwrap();
        let Err(err) = app.edit("rename Ada", |c| {
            Store::expect_unchanged(c, &seen)?;
            let mut p = people::get_person(c, ada)?.expect("person");
            p.name = "Ada G".into();
            people::update_person(c, &p)
        }) else {
            panic!("saved over another writer's change");
        };
        let StoreError::Changed(changed) = &err else {
            panic!("not a conflict: {err}");
        };
        assert_eq!(changed.changes.len(), 1, "{err}");
        assert_eq!(
            err.to_string(),
            "Ada was changed elsewhere since this was read: team Platform → Data"
        );
        assert_eq!(
            people::get_person(app.conn(), ada).unwrap().unwrap(),
            before,
            "nothing written"
        );
        // Read again, the same save goes ahead.
        let seen = app.seen(RecordRef::Person(ada)).unwrap().unwrap();
        assert!(app.changes_since(&seen).unwrap().is_none());
        app.edit("rename Ada", |c| Store::expect_unchanged(c, &seen))
            .unwrap();
    }
}

#[test]
fn every_update_raises_the_version_and_a_delete_elsewhere_is_named() {
    let dir = tempfile::tempdir().unwrap();
    for (app, mut other, ada, data) in setups(dir.path()) {
        let seen = app.seen(RecordRef::Person(ada)).unwrap().unwrap();
        // The same values saved again elsewhere still count as a change (the version moved).
        move_to(&mut other, ada, data);
        let platform = teams::team_id(app.conn(), "Platform").unwrap().unwrap();
        move_to(&mut other, ada, platform);
        let changed = app.changes_since(&seen).unwrap().expect("changed");
        assert!(changed.changes.is_empty());
        assert!(changed.to_string().contains("saved elsewhere"), "{changed}");
        other
            .transaction(|tx| people::delete_person(tx, ada))
            .unwrap();
        let changed = app.changes_since(&seen).unwrap().expect("gone");
        assert!(changed.gone);
        assert_eq!(
            changed.to_string(),
            "Ada was deleted elsewhere since this was read"
        );
    }
}

#[test]
fn undo_of_a_record_an_import_changed_since_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (mut app, mut other, ada, data) in setups(dir.path()) {
        let mut h = History::default();
        let (_, change) = app
            .edit("rename Ada", |c| {
                let mut p = people::get_person(c, ada)?.expect("person");
                p.name = "Ada Garcia".into();
                people::update_person(c, &p)
            })
            .unwrap();
        h.push(change);
        move_to(&mut other, ada, data);
        let after_import = people::get_person(app.conn(), ada).unwrap().unwrap();
        let err = h.undo(&app).expect_err("refused");
        assert!(
            err.to_string()
                .contains("person Ada Garcia was changed elsewhere since"),
            "{err}"
        );
        assert_eq!(
            people::get_person(app.conn(), ada).unwrap().unwrap(),
            after_import
        );
        assert_eq!(h.next_undo(), Some("rename Ada"), "still there to undo");
    }
}

#[test]
fn moving_an_offer_on_sees_another_writers_move() {
    use skillgap::model::{Offer, OfferStatus, Training};
    let dir = tempfile::tempdir().unwrap();
    for (mut app, mut other, ada, _) in setups(dir.path()) {
        let offer = app
            .transaction(|tx| {
                let t = skillgap::store::records::upsert_training(
                    tx,
                    &Training {
                        id: 0,
                        title: "Prompting 101".into(),
                        provider: None,
                        url: None,
                        hours: Some(2.0),
                        develops: Vec::new(),
                    },
                )?;
                skillgap::store::records::insert_offer(
                    tx,
                    &Offer {
                        id: 0,
                        person_id: ada,
                        training_id: t,
                        status: OfferStatus::Offered,
                        offered_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
                        due_on: None,
                        completed_on: None,
                    },
                )
            })
            .unwrap();
        let seen = app.seen(RecordRef::Offers(ada)).unwrap().unwrap();
        other
            .transaction(|tx| {
                let mut o = skillgap::store::records::list_offers(tx)?
                    .into_iter()
                    .find(|o| o.id == offer)
                    .expect("offer");
                o.status = OfferStatus::Enrolled;
                skillgap::store::records::update_offer(tx, &o)
            })
            .unwrap();
        let changed = app.changes_since(&seen).unwrap().expect("changed");
        assert_eq!(
            changed.to_string(),
            "an offer of Ada was changed elsewhere since this was read: offers Prompting 101 offered 2026-01-05 → Prompting 101 enrolled 2026-01-05"
        );
    }
}
