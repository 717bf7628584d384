//! Every screen, the person view and the help overlay at 80x24 and 160x48, on the fixed demo
//! database (plain theme: the snapshot holds the text; styles are checked in tui_state).

#[path = "tui_common/mod.rs"]
mod common;

use common::{code, demo_app, draw, key};
use ratatui::crossterm::event::KeyCode;
use skillgap::keymap::Action;
use skillgap::tui::App;

fn snap(app: &App, name: &str) {
    for (w, h) in [(80, 24), (160, 48)] {
        let terminal = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn every_screen() {
    let (_dir, mut app) = demo_app();
    for (action, name) in [
        (Action::ScreenTeam, "team"),
        (Action::ScreenPeople, "people"),
        (Action::ScreenMatrix, "matrix"),
        (Action::ScreenSkills, "skills"),
        (Action::ScreenTrainings, "trainings"),
        (Action::ScreenNotes, "notes"),
    ] {
        app.update(action);
        snap(&app, name);
    }
}

#[test]
fn person_view() {
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPeople);
    app.handle_key(key('j'));
    app.handle_key(code(KeyCode::Enter));
    snap(&app, "person");
}

#[test]
fn help_overlay() {
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPeople);
    app.handle_key(key('?'));
    snap(&app, "help");
}

#[test]
fn sub_team_and_palette() {
    let (_dir, mut app) = demo_app();
    // Engineering rolls up Platform.
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Down);
    snap(&app, "team_engineering");
    app.handle_key(key(':'));
    common::keys(&mut app, "scr");
    snap(&app, "palette");
}

#[test]
fn export_and_import_dialogs() {
    let (_dir, store) = common::demo_store(42);
    let mut config = skillgap::config::Config::default();
    config.export.directory = Some("/exports".into());
    let mut app = App::load(
        store,
        &config,
        common::today(),
        skillgap::tui::Theme::plain(),
    )
    .expect("app");
    // Engineering on Team: the dialog offers that team first.
    for _ in 0..3 {
        app.update(Action::Down);
    }
    app.handle_key(key('x'));
    insta::assert_snapshot!("export_dialog_80x24", draw(&app, 80, 24).backend());
    app.handle_key(code(KeyCode::Esc));
    app.update(Action::Import);
    common::keys(&mut app, "assets/examples/people.csv");
    app.handle_key(code(KeyCode::Enter));
    insta::assert_snapshot!("import_preview_80x24", draw(&app, 80, 24).backend());
    // As assessments the same file has problems.
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(key('l'));
    app.handle_key(code(KeyCode::Enter));
    insta::assert_snapshot!("import_problems_80x24", draw(&app, 80, 24).backend());
}

#[test]
fn too_small() {
    let (_dir, app) = demo_app();
    insta::assert_snapshot!("too_small_40x10", draw(&app, 40, 10).backend());
}
