//! Draws the app: the tab bar, the current screen (or an open person), the footer, popups.
//! Rendering reads the app and never changes domain state.

use super::app::{App, Popup, Screen};
use super::loader::Loading;
use super::{popups, screens};
use crate::keymap::Action;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Below this the app only says the terminal is too small.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn render(app: &App, frame: &mut Frame) {
    app.hits.clear();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let [tabs, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tabs(app, frame, tabs);
    if let Some(loading) = app.loading() {
        render_loading(app, loading, frame, body);
        render_footer(app, frame, footer);
        return;
    }
    match (&app.view.one_on_one, &app.view.person) {
        (Some(v), _) => screens::one_on_one::render(app, v, frame, body),
        (None, Some(p)) => screens::person::render(app, p, frame, body),
        (None, None) => match app.view.screen {
            Screen::Team => screens::team::render(app, frame, body),
            Screen::People => screens::people::render(app, frame, body),
            Screen::Matrix => screens::matrix::render(app, frame, body),
            Screen::Skills => screens::skills::render(app, frame, body),
            Screen::Trainings => screens::trainings::render(app, frame, body),
            Screen::Notes => screens::notes::render(app, frame, body),
            Screen::Perception => screens::perception::render(app, frame, body),
        },
    }
    render_footer(app, frame, footer);
    match &app.view.popup {
        Some(Popup::Help { scroll }) => popups::help::render(app, *scroll, frame, body),
        Some(Popup::Palette { input, selected }) => {
            popups::palette::render(app, input, *selected, frame, body)
        }
        Some(Popup::Filter) => popups::filter::render(app, frame, footer),
        Some(Popup::Export(d)) => popups::export::render(app, d, frame, body),
        Some(Popup::Import(d)) => popups::import::render(app, d, frame, body),
        Some(Popup::Form(form)) => super::forms::render::render(app, form, frame, body),
        Some(Popup::Sweep(sweep)) => popups::sweep::render(app, sweep, frame, body),
        Some(Popup::Roles(v)) => popups::roles::render(app, v, frame, body),
        Some(Popup::People(l)) => popups::people_list::render(app, l, frame, body),
        Some(Popup::Plan(p)) => popups::plan::render(app, p, frame, body),
        Some(Popup::Confirm { message, .. }) => popups::confirm::render(app, message, frame, body),
        None => {}
    }
}

/// The current screen's frame with what is being loaded, until the data is in.
fn render_loading(app: &App, loading: &Loading, frame: &mut Frame, area: Rect) {
    if let (Some(preview), Screen::Team) = (loading.preview(), app.view.screen) {
        super::preview::render(app, preview, frame, area);
        return;
    }
    let t = &app.theme;
    let block = super::widgets::block(format!(" {} ", app.view.screen.title()), t);
    let text = Line::styled(format!(" {}", loading.message()), t.muted);
    frame.render_widget(Paragraph::new(text).block(block), area);
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "{}x{}, needs {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        )),
    ];
    frame.render_widget(Paragraph::new(text).centered(), area);
}

fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut spans = vec![Span::styled(" skillgap ", t.title)];
    let mut x = area.x + 10;
    for s in Screen::ALL {
        let key = app.keymap.label(s.action());
        let style = if s == app.view.screen {
            t.tab_active
        } else {
            t.tab
        };
        spans.push(Span::raw(" "));
        let label = format!("{key} {}", s.title());
        let w = u16::try_from(unicode_width::UnicodeWidthStr::width(label.as_str())).unwrap_or(0);
        app.hits.add(
            Rect::new(x + 1, area.y, w, 1).intersection(area),
            super::mouse::Hit::Tab(s),
        );
        x = x.saturating_add(w + 1);
        spans.push(Span::styled(label, style));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Hints for the current context, each "key text", generated from the keymap.
fn hints(app: &App) -> Vec<(Action, &'static str)> {
    // In a dialog, letters may be typed into a field: only its own keys.
    match &app.view.popup {
        Some(Popup::Export(_)) => {
            return vec![
                (Action::Next, "field"),
                (Action::Right, "change"),
                (Action::Open, "write"),
                (Action::Back, "cancel"),
            ];
        }
        Some(Popup::Roles(_)) => {
            return vec![
                (Action::Down, "move"),
                (Action::Open, "edit"),
                (Action::Add, "add"),
                (Action::Delete, "delete"),
                (Action::Undo, "undo"),
                (Action::Back, "close"),
            ];
        }
        Some(Popup::Plan(_)) => {
            return vec![
                (Action::Down, "move"),
                (Action::Right, "budget"),
                (Action::Open, "offer this"),
                (Action::Offer, "offer all"),
                (Action::Undo, "undo"),
                (Action::Back, "close"),
            ];
        }
        Some(Popup::People(_)) => {
            return vec![
                (Action::Down, "move"),
                (Action::Open, "open person"),
                (Action::Back, "close"),
            ];
        }
        Some(Popup::Import(d)) if d.stage == popups::import::ImportStage::Checking => {
            return vec![(Action::Back, "cancel")];
        }
        Some(Popup::Import(d)) => {
            let open = if d.can_confirm() { "import" } else { "preview" };
            return vec![
                (Action::Next, "field"),
                (Action::Open, open),
                (Action::Back, "cancel"),
            ];
        }
        _ => {}
    }
    if app.loading().is_some() {
        return vec![(Action::Quit, "quit")];
    }
    let mut h = vec![(Action::Help, "help")];
    if let Some(super::app::Popup::Form(_)) = &app.view.popup {
        return vec![
            (Action::Next, "next field"),
            (Action::Save, "save"),
            (Action::Back, "cancel"),
        ];
    }
    if app.view.one_on_one.is_some() {
        h.extend(screens::one_on_one::hints());
    } else if app.view.person.is_some() {
        h.extend(screens::person::hints(app.person_item()));
        h.insert(h.len() - 1, (Action::OneOnOne, "1:1"));
    } else {
        h.extend([(Action::Down, "move")]);
        match app.view.screen {
            Screen::People => h.extend([
                (Action::Open, "open"),
                (Action::Add, "add"),
                (Action::Delete, "delete"),
            ]),
            Screen::Skills => h.extend([
                (Action::Add, "add"),
                (Action::Edit, "edit"),
                (Action::Review, "review"),
            ]),
            Screen::Trainings => h.extend([(Action::Add, "add"), (Action::Offer, "offer")]),
            Screen::Notes => h.extend([
                (Action::Open, "open"),
                (Action::OneOnOne, "1:1"),
                (Action::Add, "add"),
                (Action::ToggleDone, "done"),
            ]),
            Screen::Perception => h.extend([(Action::Open, "pairs")]),
            Screen::Matrix => h.extend([(Action::Right, "skill"), (Action::Open, "open")]),
            Screen::Team => {
                let open = match app.view.team.focus {
                    screens::team::Pane::Teams => "its people",
                    screens::team::Pane::Gaps => "below target",
                    _ => "open",
                };
                h.extend([
                    (Action::Right, "pane"),
                    (Action::Open, open),
                    (Action::WhatIf, "what if"),
                ])
            }
        }
        h.extend([(Action::Filter, "filter"), (Action::Sort, "sort")]);
    }
    h.extend([(Action::Palette, "commands"), (Action::Quit, "quit")]);
    h.dedup_by_key(|(a, _)| *a);
    h
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    // An import in the background says how far it is, before the rest.
    let mut spans = Vec::new();
    if let Some(progress) = app.import_progress() {
        spans.push(Span::styled(format!(" {progress} "), t.title));
        spans.push(Span::styled("│", t.muted));
    }
    if let Some(progress) = app.reload_progress() {
        spans.push(Span::styled(format!(" {progress} "), t.title));
        spans.push(Span::styled("│", t.muted));
    }
    if let Some(status) = &app.view.status {
        spans.push(Span::styled(format!(" {status}"), t.warn));
        frame.render_widget(Line::from(spans), area);
        return;
    }
    for (action, text) in hints(app) {
        // The first key only: the help overlay lists them all.
        let Some(key) = app.keymap.keys(action).first().map(|k| k.label()) else {
            continue;
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(key, t.key));
        spans.push(Span::styled(format!(" {text}"), t.muted));
    }
    frame.render_widget(Line::from(spans), area);
}
