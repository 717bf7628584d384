//! An import from the app runs in the background on a second connection: keys are still
//! handled meanwhile, the app's own writes are refused (nothing typed is lost), Esc cancels
//! it with nothing written, quitting asks, and a finished import shows its data.
//!
//! The import is held at its first progress report (`App::hold_next_import`): its
//! transaction is open and its file being read, for as long as the test needs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "tui_common/mod.rs"]
mod common;

use common::{code, ctrl, demo_store, key, keys, text, today};
use ratatui::crossterm::event::KeyCode;
use skillgap::config::Config;
use skillgap::import::Kind;
use skillgap::model::Id;
use skillgap::store::{Missing, Store};
use skillgap::tui::popups::import::ImportStage;
use skillgap::tui::{App, Popup, Screen, Theme};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Assessments in the database, read on a connection of its own.
fn assessments(db: &Path) -> i64 {
    let store = Store::open(db, Missing::Refuse).unwrap();
    store
        .sqlite_conn()
        .unwrap()
        .query_row("SELECT count(*) FROM assessments", [], |r| r.get(0))
        .unwrap()
}

/// The demo, its app (imports in the background) and an assessments file that rates
/// every person 5 (verified, today) on `skill`, a few times over: (rows, skill).
fn setup() -> (TempDir, PathBuf, App, PathBuf, usize, Id) {
    let (dir, store) = demo_store(42);
    let db = dir.path().join("demo.db");
    let mut app = App::load(store, &Config::default(), today(), Theme::plain()).unwrap();
    app.run_imports_in_background(true);
    let skill = &app.data.org.skills[0];
    let (skill_id, skill_key) = (skill.id, skill.key.clone());
    let mut csv = String::from("person,skill,level,source,assessed_on,evidence\n");
    let mut rows = 0;
    for round in 0..60 {
        for p in &app.data.org.people {
            let email = p.email.clone().expect("demo people have emails");
            csv.push_str(&format!(
                "{email},{skill_key},5,verified,{},round {round}\n",
                today()
            ));
            rows += 1;
        }
    }
    let file = dir.path().join("assessments.csv");
    std::fs::write(&file, csv).unwrap();
    (dir, db, app, file, rows, skill_id)
}

fn dialog(app: &App) -> &skillgap::tui::popups::import::ImportDialog {
    match &app.view.popup {
        Some(Popup::Import(d)) => d,
        other => panic!("no import dialog: {other:?}"),
    }
}

/// Opens the dialog, picks assessments, types the path and previews (in the background,
/// waited for).
fn preview(app: &mut App, file: &Path) {
    keys(app, ":import");
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(code(KeyCode::Tab));
    keys(app, "l");
    assert_eq!(dialog(app).kind, Kind::Assessments);
    app.handle_key(code(KeyCode::Tab));
    keys(app, &file.display().to_string());
    app.handle_key(code(KeyCode::Enter));
    app.wait_import();
    assert!(dialog(app).can_confirm(), "{:?}", dialog(app).stage);
}

fn status(app: &App) -> String {
    app.view.status.clone().unwrap_or_default()
}

#[test]
fn the_app_stays_usable_while_an_import_runs_and_shows_its_data_when_done() {
    let (_dir, db, mut app, file, rows, skill) = setup();
    let before = assessments(&db);
    preview(&mut app, &file);
    assert!(text(&app, 100, 30).contains(&format!("would add {rows} assessments")));
    let gate = app.hold_next_import();
    app.handle_key(code(KeyCode::Enter));
    // The dialog closed at once; the import is under way and says so in the footer.
    assert_eq!(app.view.popup, None);
    assert!(app.import_running());
    let screen = text(&app, 100, 30);
    assert!(
        screen.contains("Importing assessments.csv: 0% · Esc cancels"),
        "{screen}"
    );
    // Keys are handled meanwhile: another screen, a filter, a person opened.
    keys(&mut app, "2");
    assert_eq!(app.view.screen, Screen::People);
    keys(&mut app, "/a");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.people.filter, "a");
    app.handle_key(code(KeyCode::Enter));
    let person = app.view.person.as_ref().expect("a person opened").detail.id;
    let screen = text(&app, 100, 30);
    assert!(screen.contains("Importing assessments.csv"), "{screen}");

    // A save waits for no lock: refused at once, the form open with what was typed.
    keys(&mut app, "e");
    assert!(matches!(app.view.popup, Some(Popup::Form(_))));
    keys(&mut app, "zz");
    app.handle_key(ctrl('s'));
    let Some(Popup::Form(form)) = &app.view.popup else {
        panic!("the form closed: {:?}", app.view.popup)
    };
    assert!(form.dirty, "what was typed is kept");
    let message = form.message.clone().unwrap_or_default();
    assert!(
        message.contains("import of assessments.csv is running"),
        "{message}"
    );
    assert!(status(&app).contains("save again when it is done"));
    // Esc goes to the form first (it asks before discarding), not to the import.
    app.handle_key(code(KeyCode::Esc));
    assert!(matches!(app.view.popup, Some(Popup::Confirm { .. })));
    keys(&mut app, "y");
    assert!(
        app.import_running(),
        "the form's Esc did not cancel the import"
    );
    // Undo waits too.
    keys(&mut app, "u");
    assert!(
        status(&app).contains("undo again when it is done"),
        "{}",
        status(&app)
    );
    // A second import is not started beside it.
    keys(&mut app, ":import");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.popup, None);
    assert!(status(&app).contains("is running"), "{}", status(&app));
    // Nothing is committed while it runs.
    assert_eq!(assessments(&db), before);

    drop(gate);
    app.wait_import();
    assert!(!app.import_running());
    assert!(
        status(&app).contains(&format!("Imported {}", file.display()))
            && status(&app).contains(&format!("added {rows} assessments")),
        "{}",
        status(&app)
    );
    assert_eq!(assessments(&db), before + rows as i64);
    // The new ratings are in the data, and the open person is still open.
    assert_eq!(app.view.person.as_ref().map(|p| p.detail.id), Some(person));
    for p in &app.data.org.people {
        let rated = app.data.person(p.id).unwrap().1.skill(skill).cloned();
        assert_eq!(rated.and_then(|s| s.current_level()), Some(5), "{}", p.name);
    }
    // Saving works again.
    keys(&mut app, "u");
    assert!(!status(&app).contains("again when it is done"));
}

#[test]
fn esc_cancels_a_running_import_and_nothing_is_written() {
    let (_dir, db, mut app, file, _rows, _skill) = setup();
    let before = assessments(&db);
    preview(&mut app, &file);
    let gate = app.hold_next_import();
    app.handle_key(code(KeyCode::Enter));
    assert!(app.import_running());
    keys(&mut app, "2");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.view.person.is_some());
    // No popup is open: Esc cancels the import before it closes the person.
    app.handle_key(code(KeyCode::Esc));
    assert!(app.view.person.is_some());
    let screen = text(&app, 100, 30);
    assert!(
        screen.contains("Cancelling the import of assessments.csv"),
        "{screen}"
    );
    drop(gate);
    app.wait_import();
    assert_eq!(status(&app), "Import cancelled: nothing was written");
    assert_eq!(assessments(&db), before);
    // Esc is Back again.
    app.handle_key(code(KeyCode::Esc));
    assert!(app.view.person.is_none());
}

#[test]
fn a_preview_runs_in_the_background_and_esc_cancels_it() {
    let (_dir, db, mut app, file, _rows, _skill) = setup();
    let before = assessments(&db);
    keys(&mut app, ":import");
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, "l");
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, &file.display().to_string());
    let gate = app.hold_next_import();
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(dialog(&app).stage, ImportStage::Checking);
    let screen = text(&app, 100, 30);
    assert!(screen.contains("Checking the file"), "{screen}");
    // Enter does not import a preview not yet done.
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(dialog(&app).stage, ImportStage::Checking);
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.popup, None);
    drop(gate);
    app.wait_import();
    assert_eq!(app.view.popup, None, "the cancelled preview opens nothing");
    assert_eq!(assessments(&db), before);
}

#[test]
fn quitting_while_an_import_runs_asks_then_cancels_it() {
    let (_dir, db, mut app, file, _rows, _skill) = setup();
    let before = assessments(&db);
    preview(&mut app, &file);
    let gate = app.hold_next_import();
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(key('q'));
    assert!(matches!(app.view.popup, Some(Popup::Confirm { .. })));
    assert!(text(&app, 100, 30).contains("Cancel it and quit?"));
    app.handle_key(key('n'));
    assert!(!app.should_quit());
    assert!(app.import_running());
    app.handle_key(ctrl('c'));
    app.handle_key(key('y'));
    // It quits once the import has rolled back.
    assert!(!app.should_quit());
    drop(gate);
    app.wait_import();
    assert!(app.should_quit());
    assert_eq!(assessments(&db), before);
}

#[test]
fn problems_found_by_the_import_itself_show_in_the_dialog() {
    let (_dir, db, mut app, file, _rows, _skill) = setup();
    preview(&mut app, &file);
    // Another process deletes a person the file rates, after the preview.
    let gone = app.data.org.people[0].id;
    let mut other = Store::open(&db, Missing::Refuse).unwrap();
    other.erase_person(gone).unwrap();
    let before = assessments(&db);
    app.handle_key(code(KeyCode::Enter));
    app.wait_import();
    // Nothing imported; the problems show in the dialog, as a preview's would.
    let ImportStage::Problems { summary, lines } = &dialog(&app).stage else {
        panic!("{:?}", dialog(&app).stage)
    };
    assert!(
        summary.contains("nothing can be imported: 60 problems"),
        "{summary}"
    );
    assert!(lines[0].starts_with("line 2: person"), "{lines:?}");
    assert!(!dialog(&app).can_confirm());
    assert_eq!(assessments(&db), before);
}
