//! Saving assessments of a person (a form, a review sweep) reads only that person's ratings
//! again: the app must then hold and show what reading everything again gives, and a write
//! by another process meanwhile must not be missed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "tui_common/mod.rs"]
mod common;

use common::{code, demo_store, keys, today};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skillgap::config::Config;
use skillgap::model::{Assessment, Id, OfferStatus, Rating, Source};
use skillgap::store::{Missing, Store, records};
use skillgap::tui::forms::assessment;
use skillgap::tui::{App, Data, Popup, Theme};
use std::path::Path;

/// Everything the screens show that depends on ratings, compared with a full load; then
/// the Team screen's figures, which are computed again as it shows.
fn assert_as_loaded(app: &mut App, path: &Path) {
    let store = Store::open(path, Missing::Refuse).unwrap();
    let fresh = Data::load(&store, &Config::default(), today()).unwrap();
    let (a, b) = (&app.data, &fresh);
    assert_eq!(a.org.ratings, b.org.ratings);
    assert_eq!(a.org.verified_history, b.org.verified_history);
    assert_eq!(a.analysis.people, b.analysis.people);
    for p in &b.org.people {
        assert_eq!(
            a.analysis.perception_of(&a.org, p.id),
            b.analysis.perception_of(&b.org, p.id)
        );
    }
    let row = |d: &Data| -> Vec<_> {
        d.people
            .iter()
            .map(|r| {
                let figures = (r.readiness, r.at_target, r.largest_gap, r.stale);
                (r.id, r.name.clone(), figures, r.open_items)
            })
            .collect()
    };
    assert_eq!(row(a), row(b));
    let teams = std::iter::once(None).chain(b.org.teams.iter().map(|t| Some(t.id)));
    for team in teams {
        assert_eq!(
            a.analysis.team_summary(&a.org, team),
            b.analysis.team_summary(&b.org, team)
        );
        assert_eq!(
            a.analysis.funnel(&a.org, team),
            b.analysis.funnel(&b.org, team)
        );
    }
    keys(app, "1");
    let panel = &app.view.team.panel;
    assert_eq!(panel.summary, b.analysis.team_summary(&b.org, panel.team));
    assert_eq!(panel.funnel, b.analysis.funnel(&b.org, panel.team));
}

/// A verified 5 today, as another program would record it.
fn verified_five(person_id: Id, skill_id: Id) -> Assessment {
    Assessment {
        rating: Rating {
            id: 0,
            person_id,
            skill_id,
            level: 5,
            source: Source::Verified,
            assessed_on: today(),
        },
        score: None,
        max_score: None,
        assessor: None,
        evidence: None,
    }
}

/// Opens the person with this id from People.
fn open_person(app: &mut App, id: Id) {
    keys(app, "2g");
    let pos = app
        .view
        .people
        .rows
        .iter()
        .position(|&i| app.data.people[i].id == id)
        .expect("on People");
    for _ in 0..pos {
        keys(app, "j");
    }
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.person.as_ref().map(|p| p.detail.id), Some(id));
}

#[test]
fn saving_assessments_shows_what_a_full_reload_would() {
    let (dir, store) = demo_store(42);
    let path = dir.path().join("demo.db");
    let mut app = App::load(store, &Config::default(), today(), Theme::plain()).unwrap();
    // Someone who completed a training: a verified rating of a skill it develops counts in
    // the funnel's verified improvement and in the perception gap.
    let (person, skill) = app
        .data
        .org
        .offers
        .iter()
        .filter(|o| o.status == OfferStatus::Completed)
        .filter(|o| app.data.people.iter().any(|r| r.id == o.person_id))
        .find_map(|o| {
            let t = app.data.org.training(o.training_id)?;
            Some((o.person_id, t.develops.first()?.0))
        })
        .expect("a completed offer");
    let key = app.data.skill(skill).unwrap().key.clone();
    open_person(&mut app, person);
    keys(&mut app, "a");
    keys(&mut app, &key);
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, "5");
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, "verified");
    let Some(Popup::Form(form)) = &app.view.popup else {
        panic!("no form");
    };
    assert_eq!(form.fields[assessment::SKILL].picked(), Some(skill));
    assert_eq!(
        form.fields[assessment::SOURCE].picked(),
        Some(2),
        "verified"
    );
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.view.popup, None, "{:?}", app.view.status);
    let current = app.data.person(person).unwrap().1.skill(skill).cloned();
    assert_eq!(current.and_then(|s| s.current_level()), Some(5));
    assert_as_loaded(&mut app, &path);

    // A review sweep: one save per key.
    open_person(&mut app, person);
    keys(&mut app, "r30");
    app.handle_key(code(KeyCode::Esc));
    assert!(
        app.view
            .status
            .as_deref()
            .unwrap_or("")
            .contains("2 assessments recorded")
    );
    assert_as_loaded(&mut app, &path);
    // Undo reloads everything, and agrees too.
    keys(&mut app, "u");
    assert_as_loaded(&mut app, &path);
}

#[test]
fn a_write_by_another_process_is_not_missed_at_the_next_save() {
    let (dir, store) = demo_store(42);
    let path = dir.path().join("demo.db");
    let mut app = App::load(store, &Config::default(), today(), Theme::plain()).unwrap();
    let (first, second) = (app.data.people[0].id, app.data.people[1].id);
    let skill = app.data.person(first).unwrap().1.skills[0].skill_id;
    // An import in another terminal: a verified 5 for the first person.
    let other = Store::open(&path, Missing::Refuse).unwrap();
    records::insert_assessment(other.conn(), &verified_five(first, skill)).unwrap();
    // A save here, for the second person, shows the first person's new rating too.
    open_person(&mut app, second);
    keys(&mut app, "r4");
    app.handle_key(code(KeyCode::Esc));
    let current = app.data.person(first).unwrap().1.skill(skill).cloned();
    assert_eq!(current.and_then(|s| s.current_level()), Some(5));
    assert_as_loaded(&mut app, &path);
}

/// A large organisation is read again in the background: the app goes on with what it had,
/// the footer says the changes are being read, a write waits (refused at once, nothing
/// written), and then the app holds what a full load gives.
#[test]
fn a_full_reload_of_a_large_organisation_runs_in_the_background() {
    let (dir, store) = demo_store(60);
    let path = dir.path().join("demo.db");
    let mut app = App::load(store, &Config::default(), today(), Theme::plain()).unwrap();
    app.reload_in_background_from(0);
    let first = app.data.people[0].id;
    let skill = app.data.person(first).unwrap().1.skills[0].skill_id;
    let before = app.data.person(first).unwrap().1.skill(skill).cloned();
    // Another program commits a verified 5 for the first person, and renames a team.
    let other = Store::open(&path, Missing::Refuse).unwrap();
    records::insert_assessment(other.conn(), &verified_five(first, skill)).unwrap();
    other
        .conn()
        .execute(
            "UPDATE teams SET name = 'Renamed elsewhere' WHERE id = (SELECT min(id) FROM teams)",
            (),
        )
        .unwrap();
    assert!(app.poll_changes(), "the change is noticed");
    assert!(app.reload_running(), "read in the background");
    // Until it is in, the app shows what it had and says so.
    assert_eq!(
        app.data.person(first).unwrap().1.skill(skill).cloned(),
        before
    );
    let shown = common::text(&app, 120, 30);
    assert!(shown.contains("Reading the changes"), "{shown}");
    // A write now is refused with what to do, and writes nothing.
    let notes = records::list_notes(other.conn(), true).unwrap().len();
    keys(&mut app, "6");
    app.handle_key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    if matches!(app.view.popup, Some(Popup::Form(_))) {
        keys(&mut app, "x");
        app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    }
    let said = app.view.status.clone().unwrap_or_default()
        + &match &app.view.popup {
            Some(Popup::Form(f)) => f.message.clone().unwrap_or_default(),
            _ => String::new(),
        };
    assert!(said.contains("still being read"), "{said}");
    assert_eq!(
        records::list_notes(other.conn(), true).unwrap().len(),
        notes
    );
    // Closing the form asks first (it was typed in): leave it.
    while app.view.popup.is_some() {
        match app.view.popup {
            Some(Popup::Confirm { .. }) => keys(&mut app, "y"),
            _ => app.handle_key(code(KeyCode::Esc)),
        }
    }
    app.wait_reload();
    assert!(!app.reload_running());
    let current = app.data.person(first).unwrap().1.skill(skill).cloned();
    assert_eq!(current.and_then(|s| s.current_level()), Some(5));
    assert!(app.data.teams.iter().any(|t| t.name == "Renamed elsewhere"));
    assert!(!app.poll_changes(), "nothing more to read");
    assert_as_loaded(&mut app, &path);
    let shown = common::text(&app, 120, 30);
    assert!(!shown.contains("Reading the changes"), "{shown}");
}
