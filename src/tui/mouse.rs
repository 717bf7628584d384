//! The mouse and pasted text. Rendering notes where the clickable things are (`Hits`); a
//! click is turned into the same actions a key gives, so nothing needs the mouse: click a
//! tab to switch screen, a row to select it (again to open it), a form field to focus it, a
//! popup's button to press it; the wheel scrolls. Pasted text (bracketed paste) goes into
//! the text field, filter or palette line being edited, never in as keys.

use super::app::{App, Popup, Screen};
use crate::keymap::Action;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use std::cell::RefCell;

/// What a click on a region does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tab(Screen),
    /// The rows of the current screen's list; the first shown is this row index.
    Rows(usize),
    /// A field of the open form.
    Field(usize),
    /// A popup's button: the key it stands for.
    Key(KeyCode),
    /// A button standing for an action (a form's save and cancel).
    Action(Action),
    /// A command of the palette, by its place in the list of matches.
    Palette(usize),
    /// The inside of a popup: a click there does nothing underneath.
    Popup,
}

/// Regions of the last frame, later ones on top.
#[derive(Debug, Default)]
pub struct Hits {
    regions: RefCell<Vec<(Rect, Hit)>>,
    /// How far the help could scroll in the last frame, plus one (0: not drawn yet).
    pub help_max: std::cell::Cell<usize>,
}

impl Hits {
    pub fn clear(&self) {
        self.regions.borrow_mut().clear();
    }

    pub fn add(&self, rect: Rect, hit: Hit) {
        self.regions.borrow_mut().push((rect, hit));
    }

    /// The topmost region under (x, y), with the row inside it.
    pub fn at(&self, x: u16, y: u16) -> Option<(Hit, u16)> {
        self.regions
            .borrow()
            .iter()
            .rev()
            .find(|(r, _)| r.contains(Position { x, y }))
            .map(|(r, h)| (*h, y - r.y))
    }
}

impl App {
    /// A pasted text: into the field, filter or palette being edited; elsewhere ignored
    /// (pasted text never runs as keys).
    pub fn handle_paste(&mut self, text: &str) {
        if self.loading().is_some() {
            return;
        }
        self.run_deferred();
        match &mut self.view.popup {
            Some(Popup::Form(form)) => form.paste(text, &self.data),
            Some(Popup::Filter) => {
                let list = self.list_mut();
                if list.filter_input.paste(text) {
                    list.filter = list.filter_input.text().to_string();
                    self.refilter(self.view.screen);
                }
            }
            Some(Popup::Palette { input, selected }) => {
                let pasted = input.paste(text);
                *selected = if pasted { 0 } else { *selected };
            }
            Some(Popup::Export(_)) | Some(Popup::Import(_)) => {
                // Their path lines take characters one by one.
                for c in super::input::one_line(text).chars() {
                    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                    let _ = self.export_key(key) || self.import_key(key);
                }
            }
            _ => {}
        }
    }

    /// A mouse event: clicks and the wheel, through the same actions as the keys.
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        if self.hold_click_while_loading(ev) {
            return;
        }
        self.run_deferred();
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = ev.kind == MouseEventKind::ScrollDown;
                match &mut self.view.popup {
                    Some(Popup::Form(_) | Popup::Confirm { .. }) => {}
                    _ => {
                        for _ in 0..3 {
                            self.update(if down { Action::Down } else { Action::Up });
                        }
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) => self.click(ev.column, ev.row),
            _ => {}
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let Some((hit, row)) = self.hits.at(x, y) else {
            return;
        };
        self.view.status = None;
        match hit {
            Hit::Tab(s) if self.view.popup.is_none() => self.update(s.action()),
            Hit::Rows(first) if self.view.popup.is_none() => {
                // On Team the rows are the team picker's: a click there gives it the focus
                // (j/k and Enter would otherwise act on the gaps or a list beside it).
                if self.view.screen == Screen::Team {
                    self.view.team.focus = super::screens::team::Pane::Teams;
                }
                let index = first + usize::from(row);
                if index >= self.list().len() {
                    return;
                }
                // A click on the selected row opens it, as Enter does.
                if index == self.list().selected {
                    self.update(Action::Open);
                } else {
                    let delta = index as isize - self.list().selected as isize;
                    self.move_by(delta);
                }
            }
            Hit::Field(i) => {
                if let Some(Popup::Form(form)) = &mut self.view.popup
                    && i < form.fields.len()
                {
                    form.focus = i;
                }
            }
            Hit::Key(code) => self.handle_key(KeyEvent::new(code, KeyModifiers::NONE)),
            Hit::Action(a) => self.update(a),
            Hit::Palette(i) => {
                if let Some(Popup::Palette { selected, .. }) = &mut self.view.popup {
                    *selected = i;
                    self.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
                }
            }
            _ => {}
        }
    }
}
