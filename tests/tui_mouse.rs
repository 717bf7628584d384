//! The mouse through the app's own hit map: a frame is drawn, then a click lands where the
//! text is on screen: a tab, a row, a form field, the form's save button, a question's
//! answer, a palette command; the wheel scrolls.

#[path = "tui_common/mod.rs"]
mod common;

use common::{demo_app, draw, form, keys};
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use skillgap::tui::forms::person;
use skillgap::tui::{App, Popup, Screen};

const W: u16 = 100;
const H: u16 = 30;

/// Where `needle` is on the screen drawn at W x H (column, row).
fn find(app: &App, needle: &str) -> (u16, u16) {
    let terminal = draw(app, W, H);
    let buf = terminal.backend().buffer();
    for y in 0..H {
        let cells: Vec<String> = (0..W).map(|x| buf[(x, y)].symbol().to_string()).collect();
        for x in 0..W as usize {
            if cells[x..].concat().starts_with(needle) {
                return (x as u16, y);
            }
        }
    }
    panic!("{needle:?} is not on screen");
}

fn mouse(app: &mut App, kind: MouseEventKind, (column, row): (u16, u16)) {
    app.handle_mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

fn click(app: &mut App, at: (u16, u16)) {
    draw(app, W, H);
    mouse(app, MouseEventKind::Down(MouseButton::Left), at);
}

#[test]
fn tabs_rows_and_the_wheel() {
    let (_dir, mut app) = demo_app();
    let at = find(&app, "4 Skills");
    click(&mut app, at);
    assert_eq!(app.view.screen, Screen::Skills);
    let at = find(&app, "2 People");
    click(&mut app, at);
    assert_eq!(app.view.screen, Screen::People);
    let third = app.data.people[app.view.people.rows[2]].name.clone();
    let at = find(&app, &third);
    click(&mut app, at);
    assert_eq!(app.view.people.selected, 2);
    assert!(app.view.person.is_none());
    draw(&app, W, H);
    mouse(&mut app, MouseEventKind::ScrollDown, (10, 10));
    assert_eq!(app.view.people.selected, 5, "the wheel moves three rows");
    mouse(&mut app, MouseEventKind::ScrollUp, (10, 10));
    let at = find(&app, &third);
    click(&mut app, at);
    click(&mut app, at);
    assert!(app.view.person.is_some(), "a second click opens the row");
}

#[test]
fn form_fields_and_the_save_button() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2a");
    keys(&mut app, "Mo Mouse");
    let at = find(&app, "Joined on");
    click(&mut app, at);
    assert_eq!(form(&app).focus, person::JOINED);
    keys(&mut app, "today");
    let at = find(&app, "Ctrl-S save");
    click(&mut app, at);
    assert_eq!(app.view.popup, None, "saved");
    assert!(app.data.org.people.iter().any(|p| p.name == "Mo Mouse"));
    // Cancel on a touched form asks; a click on "y yes" answers.
    keys(&mut app, "a");
    keys(&mut app, "x");
    let at = find(&app, "Esc cancel");
    click(&mut app, at);
    assert!(matches!(app.view.popup, Some(Popup::Confirm { .. })));
    let at = find(&app, "y yes");
    click(&mut app, at);
    assert_eq!(app.view.popup, None);
}

#[test]
fn a_click_on_a_palette_command_runs_it() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, ":matrix");
    let at = find(&app, "screen_matrix");
    click(&mut app, at);
    assert_eq!(app.view.popup, None);
    assert_eq!(app.view.screen, Screen::Matrix);
}

#[test]
fn a_click_on_a_team_row_acts_on_the_picker_whatever_pane_has_the_focus() {
    let (_dir, mut app) = demo_app();
    // The gaps pane has the focus (l), then a team of the picker is clicked.
    keys(&mut app, "l");
    assert_ne!(
        app.view.team.focus,
        skillgap::tui::screens::team::Pane::Teams
    );
    let gap_sel = app.view.team.gap_sel;
    let at = find(&app, "Engineering");
    click(&mut app, at);
    assert_eq!(
        app.view.team.focus,
        skillgap::tui::screens::team::Pane::Teams
    );
    assert_eq!(app.view.team.gap_sel, gap_sel);
    let engineering = app.data.org.team_by_name("Engineering").map(|t| t.id);
    assert!(engineering.is_some());
    assert_eq!(app.view.team.selected_team(&app.data), engineering);
}

/// A click on a tab of the first frame, before the data is in, is held and acts once it is.
#[test]
fn a_click_on_a_tab_while_loading_acts_once_the_data_is_in() {
    let (_dir, store) = common::demo_store(42);
    let (mut app, open) = App::start_holding(
        skillgap::tui::Hold::Data,
        store,
        &skillgap::config::Config::default(),
        common::today(),
        skillgap::tui::Theme::plain(),
    )
    .expect("start");
    assert!(app.loading().is_some());
    let at = find(&app, "3 Matrix");
    click(&mut app, at);
    assert_eq!(app.view.screen, Screen::Team, "nothing to show yet");
    open.send(()).expect("open");
    app.wait_loaded().expect("loaded");
    assert_eq!(app.view.screen, Screen::Matrix);
}
