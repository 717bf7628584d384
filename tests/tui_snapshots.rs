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
        (Action::ScreenPerception, "perception_screen"),
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

#[test]
fn forms_empty_and_with_messages() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPeople);
    app.handle_key(key('a'));
    snap(&app, "person_form_empty");
    app.handle_key(code(KeyCode::Tab));
    for c in "ada@".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(code(KeyCode::Tab));
    for c in "2026-13-01".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(save);
    snap(&app, "person_form_messages");
    app.handle_key(code(KeyCode::Esc));
    snap(&app, "discard_question");
    app.handle_key(key('y'));
    app.handle_key(key('d'));
    snap(&app, "delete_question");
    app.handle_key(key('n'));
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(key('a'));
    snap(&app, "assessment_form_empty");
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(key('3'));
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(code(KeyCode::Tab));
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    app.handle_key(key('x'));
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(key('9'));
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(key('5'));
    app.handle_key(save);
    snap(&app, "assessment_form_messages");
}

#[test]
fn note_and_team_forms_empty_and_with_messages() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenNotes);
    app.handle_key(key('a'));
    snap(&app, "note_form_empty");
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    app.handle_key(key('x'));
    app.handle_key(save);
    snap(&app, "note_form_messages");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('y'));
    app.update(Action::ScreenTeam);
    app.handle_key(key('a'));
    snap(&app, "team_form_empty");
    app.handle_key(save);
    snap(&app, "team_form_messages");
}

#[test]
fn offer_forms_empty_and_with_messages() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPeople);
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(key('o'));
    snap(&app, "offer_form_empty");
    for _ in 0..4 {
        app.handle_key(code(KeyCode::Tab));
    }
    for c in "2020-01-01".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(save);
    snap(&app, "offer_form_messages");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('y'));
    app.handle_key(key('o'));
    app.handle_key(save);
    app.handle_key(key('m'));
    snap(&app, "move_offer_form");
}

#[test]
fn review_sweep() {
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPeople);
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(key('r'));
    app.handle_key(key('3'));
    snap(&app, "review_sweep");
}

#[test]
fn skill_form_empty_and_with_messages() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenSkills);
    app.handle_key(key('a'));
    snap(&app, "skill_form_empty");
    for c in "Bad Key".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(save);
    snap(&app, "skill_form_messages");
}

#[test]
fn training_form_empty_and_with_messages() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenTrainings);
    app.handle_key(key('a'));
    snap(&app, "training_form_empty");
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(code(KeyCode::Tab));
    for c in "ftp://x".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(save);
    snap(&app, "training_form_messages");
}

#[test]
fn targets_form() {
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPeople);
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(key('t'));
    snap(&app, "targets_form");
}

#[test]
fn role_form_with_messages() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let (_dir, mut app) = demo_app();
    app.handle_key(key('R'));
    app.handle_key(key('a'));
    snap(&app, "role_form_empty");
    app.handle_key(save);
    snap(&app, "role_form_messages");
}

#[test]
fn person_view_records_correct_and_delete() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPeople);
    app.handle_key(code(KeyCode::Enter));
    // l twice: from the person to the skills, then to the newest assessment.
    app.handle_key(key('l'));
    app.handle_key(key('l'));
    snap(&app, "person_on_an_assessment");
    app.handle_key(code(KeyCode::Enter));
    snap(&app, "assessment_correct_form");
    for _ in 0..3 {
        app.handle_key(code(KeyCode::Tab));
    }
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    for c in "next week".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(save);
    snap(&app, "assessment_correct_form_messages");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('y'));
    app.handle_key(key('d'));
    snap(&app, "delete_assessment_question");
}

#[test]
fn roles_popup_and_delete_question() {
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPeople);
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(key('R'));
    snap(&app, "roles_popup");
    app.handle_key(key('d'));
    insta::assert_snapshot!("role_delete_question_80x24", draw(&app, 80, 24).backend());
}

#[test]
fn perception_one_on_one_and_what_if() {
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPerception);
    snap(&app, "perception");
    app.handle_key(code(KeyCode::Enter));
    snap(&app, "perception_pairs");
    app.handle_key(code(KeyCode::Esc));
    // The Team screen with its trend, then the what-if plan over it.
    app.update(Action::ScreenTeam);
    snap(&app, "team_trend");
    app.handle_key(key('w'));
    snap(&app, "what_if");
    app.handle_key(code(KeyCode::Esc));
    // The gaps pane has the focus: Enter lists who is below target.
    app.handle_key(key('l'));
    app.handle_key(code(KeyCode::Enter));
    snap(&app, "below_target");
    app.handle_key(code(KeyCode::Esc));
    app.update(Action::ScreenNotes);
    app.handle_key(key('O'));
    snap(&app, "one_on_one");
    for (w, h) in [(120, 40)] {
        insta::assert_snapshot!(format!("one_on_one_{w}x{h}"), draw(&app, w, h).backend());
    }
}

/// The buffer as text, then each line's runs of styled cells: "row: from-to fg bg mods".
fn styled(app: &App, w: u16, h: u16) -> String {
    let terminal = draw(app, w, h);
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        out.push_str(&format!("{line}\n"));
    }
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let c = &buf[(x, y)];
            let key = (c.fg, c.bg, c.modifier);
            let start = x;
            while x < w && {
                let d = &buf[(x, y)];
                (d.fg, d.bg, d.modifier) == key
            } {
                x += 1;
            }
            if key
                != (
                    ratatui::style::Color::Reset,
                    ratatui::style::Color::Reset,
                    ratatui::style::Modifier::empty(),
                )
            {
                out.push_str(&format!(
                    "{y:>2}: {start:>3}-{:<3} {:?} on {:?} {:?}\n",
                    x - 1,
                    key.0,
                    key.1,
                    key.2
                ));
            }
        }
    }
    out
}

#[test]
fn light_theme() {
    let (_dir, mut app) = demo_app();
    app.theme = skillgap::tui::Theme::light();
    insta::assert_snapshot!("light_team_100x30", styled(&app, 100, 30));
    app.update(Action::ScreenMatrix);
    insta::assert_snapshot!("light_matrix_100x30", styled(&app, 100, 30));
}

#[test]
fn matrix_with_skill_names_at_200x60() {
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenMatrix);
    let terminal = draw(&app, 200, 60);
    let text = format!("{:?}", terminal.backend());
    // Every skill of the framework is named in the header (no column left empty).
    for word in ["Prompting", "Collaboration", "Communication"] {
        assert!(text.contains(word), "{word}: {text}");
    }
    insta::assert_snapshot!("matrix_200x60", terminal.backend());
}

#[test]
fn help_on_two_screens() {
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPeople);
    app.handle_key(key('?'));
    insta::assert_snapshot!("help_people_100x30", draw(&app, 100, 30).backend());
    app.handle_key(key('?'));
    app.update(Action::ScreenMatrix);
    app.handle_key(key('?'));
    insta::assert_snapshot!("help_matrix_100x30", draw(&app, 100, 30).backend());
    // Scrolled to the end: the last action shows.
    app.handle_key(key('G'));
    for _ in 0..80 {
        app.handle_key(key('j'));
    }
    insta::assert_snapshot!("help_matrix_scrolled_100x30", draw(&app, 100, 30).backend());
}

#[test]
fn person_view_at_120x40_in_two_columns() {
    let (_dir, mut app) = demo_app();
    app.update(Action::ScreenPeople);
    app.handle_key(key('j'));
    app.handle_key(code(KeyCode::Enter));
    insta::assert_snapshot!("person_120x40", draw(&app, 120, 40).backend());
}
