//! No lost update: a save, delete or undo whose record another writer changed since it was
//! read is refused with what changed, and writes nothing. Two connections to one database:
//! a real file (SQLite) and, where installed, a server database (PostgreSQL). Every kind of
//! record a form edits tells what another writer changed in it, in the same words on both.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use skillgap::model::{
    Assessment, Id, Note, Offer, OfferStatus, Person, Rating, Skill, Source, Target, Training,
};
use skillgap::store::{
    History, Missing, RecordRef, Store, StoreError, people, records, skills, teams,
};

mod pg_common;

fn person(name: &str) -> Person {
    Person {
        name: name.into(),
        email: Some(format!("{}@x.org", name.to_lowercase())),
        ..Person::default()
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

// ---------------------------------------------------------------- every kind of record

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The ids of one of each kind of record.
struct Ids {
    person: Id,
    team: Id,
    role: Id,
    skill: Id,
    training: Id,
    offer: Id,
    note: Id,
    assessment: Id,
}

fn records_of_each_kind(store: &mut Store) -> Ids {
    store
        .transaction(|c| {
            let team = teams::insert_team(c, "Platform", None)?;
            let skill = skills::upsert_skill(
                c,
                &Skill {
                    id: 0,
                    key: "juggling".into(),
                    name: "Juggling".into(),
                    category: "Power skills".into(),
                    description: "Keeps three balls up.".into(),
                    levels: vec!["one".into(), String::new(), "three".into()],
                },
            )?;
            let role = teams::insert_role(c, "Juggler")?;
            let target = |level| Target {
                skill_id: skill,
                level,
                weight: 2,
            };
            teams::set_role_targets(c, role, &[target(3)])?;
            let person = people::insert_person(
                c,
                &Person {
                    id: 0,
                    name: "Ada".into(),
                    email: Some("ada@example.com".into()),
                    team_id: Some(team),
                    role_id: Some(role),
                    joined_on: Some(d("2024-02-29")),
                    archived: false,
                },
            )?;
            people::set_override(c, person, target(4))?;
            let training = records::upsert_training(
                c,
                &Training {
                    id: 0,
                    title: "Juggling 101".into(),
                    provider: Some("Circus".into()),
                    url: None,
                    hours: Some(2.5),
                    develops: vec![(skill, 3)],
                },
            )?;
            let offer = records::insert_offer(
                c,
                &Offer {
                    id: 0,
                    person_id: person,
                    training_id: training,
                    status: OfferStatus::Offered,
                    offered_on: d("2026-01-05"),
                    due_on: Some(d("2026-02-01")),
                    completed_on: None,
                },
            )?;
            let note = records::insert_note(
                c,
                &Note {
                    id: 0,
                    person_id: person,
                    date: d("2026-03-01"),
                    body: "- [ ] practise".into(),
                    private: false,
                    skill_ids: vec![skill],
                    author: String::new(),
                },
            )?;
            let assessment = records::insert_assessment(
                c,
                &Assessment {
                    rating: Rating {
                        id: 0,
                        person_id: person,
                        skill_id: skill,
                        level: 2,
                        source: Source::Manager,
                        assessed_on: d("2026-04-01"),
                    },
                    score: Some(7.5),
                    max_score: Some(10.0),
                    assessor: Some("Kim".into()),
                    evidence: None,
                },
            )?;
            Ok(Ids {
                person,
                team,
                role,
                skill,
                training,
                offer,
                note,
                assessment,
            })
        })
        .unwrap()
}

/// Another writer changes every record.
fn change_each(other: &Store, ids: &Ids) {
    let c = other.conn();
    let mut p = people::get_person(c, ids.person).unwrap().unwrap();
    p.name = "Ada L.".into();
    people::update_person(c, &p).unwrap();
    teams::update_team(c, ids.team, "Platforms", None).unwrap();
    let target = |level| Target {
        skill_id: ids.skill,
        level,
        weight: 1,
    };
    teams::update_role(c, ids.role, "Jugglers", &[target(5)]).unwrap();
    let mut s = skills::list_skills(c)
        .unwrap()
        .into_iter()
        .find(|s| s.id == ids.skill)
        .unwrap();
    s.levels = vec!["one".into(), "two".into()];
    skills::update_skill(c, &s).unwrap();
    let mut t = records::list_trainings(c)
        .unwrap()
        .into_iter()
        .find(|t| t.id == ids.training)
        .unwrap();
    t.hours = Some(3.0);
    records::update_training(c, &t).unwrap();
    let mut o = records::offers_of(c, ids.person).unwrap().remove(0);
    o.status = OfferStatus::Completed;
    o.completed_on = Some(d("2026-01-30"));
    records::update_offer(c, &o).unwrap();
    let mut n = records::notes_of(c, ids.person).unwrap().remove(0);
    n.body = "- [x] practise".into();
    n.private = true;
    records::update_note(c, &n).unwrap();
    let mut a = records::person_history(c, ids.person).unwrap().remove(0);
    a.rating.level = 3;
    records::update_assessment(c, &a).unwrap();
    people::set_override(c, ids.person, target(0)).unwrap();
}

#[test]
fn every_kind_of_record_tells_what_another_writer_changed_the_same_on_both_engines() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        let ids = records_of_each_kind(&mut store);
        let kinds = [
            RecordRef::Person(ids.person),
            RecordRef::Team(ids.team),
            RecordRef::Role(ids.role),
            RecordRef::Skill(ids.skill),
            RecordRef::Training(ids.training),
            RecordRef::Offer(ids.offer),
            RecordRef::Note(ids.note),
            RecordRef::Assessment(ids.assessment),
            RecordRef::Targets(ids.person),
            RecordRef::Offers(ids.person),
        ];
        let seen: Vec<_> = kinds
            .iter()
            .map(|k| {
                let s = store.seen(*k).unwrap();
                s.unwrap_or_else(|| panic!("{engine}: {k:?} not found"))
            })
            .collect();
        for s in &seen {
            assert_eq!(store.changes_since(s).unwrap(), None, "{engine}: {s:?}");
        }
        let other = Store::open(store.path(), Missing::Refuse).unwrap();
        change_each(&other, &ids);
        let told: Vec<String> = seen
            .iter()
            .map(|s| {
                let changed = store.changes_since(s).unwrap();
                let changed = changed.unwrap_or_else(|| panic!("{engine}: {s:?} unchanged"));
                // The edit's own check refuses the save with the same words.
                let refused = store
                    .transaction(|tx| Store::expect_unchanged(tx, s))
                    .unwrap_err();
                assert!(
                    refused.to_string().contains(&changed.to_string()),
                    "{engine}: {refused}"
                );
                changed.to_string()
            })
            .collect();
        all.push((
            engine,
            seen.iter().map(|s| s.what.clone()).collect::<Vec<_>>(),
            told,
        ));
    }
    let (first, what, told) = &all[0];
    assert!(told[0].contains("Ada L."), "{told:?}");
    for (engine, w, t) in &all[1..] {
        assert_eq!(w, what, "{engine} names the records otherwise than {first}");
        for (a, b) in t.iter().zip(told) {
            assert_eq!(a, b, "{engine} tells otherwise than {first}");
        }
    }
}
