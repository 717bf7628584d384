//! A fixed demo database (42 people, seed 1, today 2026-11-22) and helpers to drive and draw
//! the app on a `TestBackend`.
#![allow(dead_code)]

pub mod pty;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skillgap::config::Config;
use skillgap::store::{Missing, Store};
use skillgap::tui::{App, Theme, ui};
use tempfile::TempDir;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date")
}

/// A temporary demo database; keep the `TempDir` alive as long as the store.
pub fn demo_store(people: usize) -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("demo.db"), Missing::Create).expect("open");
    skillgap::demo::generate(&mut store, people, 1, today()).expect("demo");
    // A note's author is whoever wrote it, here whoever runs the tests: one fixed name,
    // so that every screen shows the same for everyone.
    store
        .sqlite_conn()
        .expect("a file")
        .execute("UPDATE notes SET author = 'kim.lead'", [])
        .expect("fixed author");
    (dir, store)
}

pub fn demo_app() -> (TempDir, App) {
    let (dir, store) = demo_store(42);
    let app = App::load(store, &Config::default(), today(), Theme::plain()).expect("app");
    (dir, app)
}

pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| ui::render(app, f)).expect("draw");
    terminal
}

/// The screen as plain text, one line per row.
pub fn text(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}

pub fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

pub fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// Types each character as a key.
pub fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(key(c));
    }
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Presses Tab `n` times (the next field in a form).
pub fn tab(app: &mut App, n: usize) {
    for _ in 0..n {
        app.handle_key(code(KeyCode::Tab));
    }
}

/// The open form; panics when none is open.
pub fn form(app: &App) -> &skillgap::tui::forms::Form {
    match &app.view.popup {
        Some(skillgap::tui::Popup::Form(f)) => f,
        other => panic!("no form open: {other:?}"),
    }
}

/// The footer's status line ("" when none).
pub fn status(app: &App) -> String {
    app.view.status.clone().unwrap_or_default()
}

/// A person's own targets (overrides), by skill id.
pub fn own_targets(app: &App, person: skillgap::model::Id) -> Vec<skillgap::model::Target> {
    let mut v = app
        .data
        .org
        .overrides
        .get(&person)
        .cloned()
        .unwrap_or_default();
    v.sort_by_key(|t| t.skill_id);
    v
}

/// The first skill the person has no own target for.
pub fn skill_without_own_target(app: &App, person: skillgap::model::Id) -> skillgap::model::Skill {
    let own = own_targets(app, person);
    app.data
        .org
        .skills
        .iter()
        .find(|s| !own.iter().any(|t| t.skill_id == s.id))
        .expect("a skill without an own target")
        .clone()
}
