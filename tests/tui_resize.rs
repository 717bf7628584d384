//! Renders every screen, the person view and each popup at every size from 0x0 to 100x40:
//! no panic, and nothing drawn outside the terminal.

#[path = "tui_common/mod.rs"]
mod common;

use common::{code, demo_app, keys};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use skillgap::keymap::Action;
use skillgap::tui::{App, ui};

fn sweep(app: &App, terminal: &mut Terminal<TestBackend>) {
    for w in 0..=100u16 {
        for h in 0..=40u16 {
            terminal.backend_mut().resize(w, h);
            terminal
                .draw(|f| ui::render(app, f))
                .unwrap_or_else(|e| panic!("{w}x{h}: {e}"));
        }
    }
}

#[test]
fn every_screen_at_every_size() {
    let (_dir, mut app) = demo_app();
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).expect("terminal");
    for action in [
        Action::ScreenTeam,
        Action::ScreenPeople,
        Action::ScreenMatrix,
        Action::ScreenSkills,
        Action::ScreenTrainings,
        Action::ScreenNotes,
        Action::ScreenPerception,
    ] {
        app.update(action);
        // Move off the first row so scrolled windows are exercised too.
        for _ in 0..30 {
            app.update(Action::Down);
            app.update(Action::Right);
        }
        sweep(&app, &mut terminal);
    }
}

#[test]
fn person_and_popups_at_every_size() {
    let (_dir, mut app) = demo_app();
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).expect("terminal");
    keys(&mut app, "2jjj");
    app.handle_key(code(KeyCode::Enter));
    app.update(Action::PageDown);
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "?");
    sweep(&app, &mut terminal);
    keys(&mut app, "?:s");
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "/a");
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    // The export dialog, asking to overwrite, with an error and with a long path.
    keys(&mut app, "x");
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::BackTab));
    keys(&mut app, &"/very/long/path".repeat(12));
    app.handle_key(code(KeyCode::Enter));
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    // The import dialog: a preview, and a bad file's problems.
    app.update(Action::Import);
    keys(&mut app, "assets/examples/people.csv");
    app.handle_key(code(KeyCode::Enter));
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, "l");
    app.handle_key(code(KeyCode::Enter));
    sweep(&app, &mut terminal);
}

#[test]
fn forms_and_questions_at_every_size() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let (_dir, mut app) = demo_app();
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).expect("terminal");
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    // A person form with a long wide name and every message showing.
    keys(&mut app, "2a");
    keys(&mut app, "名前がとても長い人の名前名前がとても長い人の名前");
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, "not-an-email");
    app.handle_key(save);
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    sweep(&app, &mut terminal);
    keys(&mut app, "y");
    // The delete question, then the assessment form with its rubric line.
    keys(&mut app, "d");
    sweep(&app, &mut terminal);
    keys(&mut app, "n");
    app.handle_key(code(KeyCode::Enter));
    keys(&mut app, "a");
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, "4");
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, "x");
    sweep(&app, &mut terminal);
    // The note form with a long multi-line body, focused on the body and on the tags.
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "y");
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "6a");
    for _ in 0..12 {
        keys(&mut app, "一行の長いテキスト with words and more words ");
        app.handle_key(code(KeyCode::Enter));
    }
    app.handle_key(save);
    sweep(&app, &mut terminal);
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    keys(&mut app, "prompt");
    app.handle_key(code(KeyCode::Enter));
    sweep(&app, &mut terminal);
    // The offer forms, in a person.
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "y2");
    app.handle_key(code(KeyCode::Enter));
    keys(&mut app, "o");
    app.handle_key(save);
    sweep(&app, &mut terminal);
    keys(&mut app, "m");
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "r");
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "4a");
    keys(&mut app, "Bad Key");
    app.handle_key(save);
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "y5a");
    app.handle_key(save);
    sweep(&app, &mut terminal);
    // A person's own targets, scrolled to the last pair.
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "y2");
    app.handle_key(code(KeyCode::Enter));
    keys(&mut app, "t");
    for _ in 0..40 {
        app.handle_key(code(KeyCode::BackTab));
    }
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "yR");
    // The roles list, the question before deleting one, then the person's role in its form.
    sweep(&app, &mut terminal);
    keys(&mut app, "d");
    sweep(&app, &mut terminal);
    keys(&mut app, "n");
    app.handle_key(code(KeyCode::Enter));
    assert!(matches!(
        app.view.popup,
        Some(skillgap::tui::Popup::Form(_))
    ));
    for _ in 0..7 {
        app.handle_key(code(KeyCode::BackTab));
    }
    sweep(&app, &mut terminal);
}

#[test]
fn issue_10_views_at_every_size() {
    let (_dir, mut app) = demo_app();
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).expect("terminal");
    // Perception's pairs list, scrolled.
    keys(&mut app, "7jj");
    app.handle_key(code(KeyCode::Enter));
    keys(&mut app, "jjjjjjjjjjjj");
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    // Team with each pane focused, the plan popup scrolled, the below-target list.
    keys(&mut app, "1");
    for _ in 0..4 {
        keys(&mut app, "ljjjjjjjjjjjjjjjjjjjjjjj");
        sweep(&app, &mut terminal);
    }
    keys(&mut app, "wGG");
    sweep(&app, &mut terminal);
    keys(&mut app, "0");
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "l");
    app.handle_key(code(KeyCode::Enter));
    sweep(&app, &mut terminal);
    app.handle_key(code(KeyCode::Esc));
    // The one-on-one view, cursor on its last item.
    keys(&mut app, "6OG");
    sweep(&app, &mut terminal);
}
