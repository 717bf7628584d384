//! The app: domain data (`Data`) apart from view state (`View`). A key is looked up in the
//! keymap to give an `Action`, and `App::update` is the only place state changes.

use super::data::Data;
use super::forms;
use super::list::ListState;
use super::screens::{self, matrix::MatrixView, team::TeamView};
use super::theme::Theme;
pub use super::view::{Pending, PersonView, Popup, Screen, View, palette_matches, sorts};
use crate::config::Config;
use crate::keymap::{ACTIONS, Action, Keymap};
use crate::store::{History, Store};
use anyhow::Result;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub struct App {
    pub data: Data,
    pub view: View,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The config the app was loaded with (the export dialog's defaults, reloads).
    pub config: Config,
    pub(super) store: Option<Store>,
    /// Undo and redo of every change made in this run (domain state).
    pub history: History,
    /// Text for $VISUAL/$EDITOR: the event loop runs the editor and calls `editor_done`.
    pub(super) editor_request: Option<String>,
    /// The data being read in the background (`App::start`), and the keys pressed meanwhile.
    pub(super) loading: Option<super::loader::Loading>,
    /// The assessment history being read in the background (`poll_history`).
    pub(super) history_load: Option<super::loader::HistoryLoad>,
    /// Where the last frame drew what a click can act on.
    pub hits: super::mouse::Hits,
    /// Slow work waits for a frame saying it runs (`work`); off when driven by tests.
    pub(super) defer_slow: bool,
    pub(super) deferred: Option<super::work::Work>,
    /// The record a delete question is about, as it was when asked: the delete goes ahead
    /// only while it is unchanged.
    pub(super) asked_about: Option<crate::store::Seen>,
    /// The user was told the file is damaged (the background check found it so).
    pub(super) damage_told: bool,
    /// An import running in the background (`import_job`).
    pub(super) imports: super::import_job::Imports,
    /// A full reload running in the background (`reload_job`).
    pub(super) reloads: super::reload_job::Reloads,
}

impl App {
    /// Loads the data from the store and waits for it and for the assessment history
    /// (`App::start` does not wait); the app keeps the store to read a person's history.
    pub fn load(store: Store, config: &Config, today: NaiveDate, theme: Theme) -> Result<App> {
        let mut app = App::start(store, config, today, theme)?;
        app.wait_loaded()?;
        app.wait_history()?;
        Ok(app)
    }

    pub fn new(data: Data, keymap: Keymap, theme: Theme) -> App {
        App {
            view: initial_view(&data),
            data,
            keymap,
            theme,
            config: Config::default(),
            store: None,
            history: History::default(),
            editor_request: None,
            loading: None,
            history_load: None,
            hits: Default::default(),
            defer_slow: false,
            deferred: None,
            asked_about: None,
            damage_told: false,
            imports: Default::default(),
            reloads: Default::default(),
        }
    }

    pub fn should_quit(&self) -> bool {
        self.view.quit
    }

    /// Feeds one terminal key: text goes to an open filter or palette, anything else is
    /// looked up in the keymap and handed to `update`.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release || self.hold_while_loading(key) {
            return;
        }
        // Work put off until a frame showed it runs goes first: keys keep their order.
        self.run_deferred();
        // The dialogs take text and y/n first (they return false for other popups).
        if self.export_key(key) || self.import_key(key) {
            return;
        }
        // Another writer's commit is shown before the key acts on the data.
        self.poll_changes();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if let Some(Popup::Confirm { .. }) = &self.view.popup {
            match key.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => self.answer(true),
                KeyCode::Char('n' | 'N') | KeyCode::Esc => self.answer(false),
                _ => {}
            }
            return;
        }
        if self.insight_key(key) {
            return;
        }
        if let Some(Popup::Sweep(_)) = &self.view.popup {
            self.view.status = None;
            self.sweep_key(key);
            return;
        }
        if matches!(self.view.popup, Some(Popup::Form(_))) {
            self.view.status = None;
            let command = matches!(key.code, KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc);
            let action = self.keymap.action(&key).filter(|a| {
                matches!(
                    a,
                    Action::Save
                        | Action::TakeNew
                        | Action::ExternalEditor
                        | Action::Next
                        | Action::Previous
                        | Action::Back
                        | Action::Quit
                )
            });
            match action {
                Some(a) if ctrl || (command && a != Action::Quit) => self.update(a),
                // Other Ctrl keys edit the field (Ctrl-W, Ctrl-U, Ctrl-Left...).
                _ => {
                    if let Some(Popup::Form(form)) = &mut self.view.popup {
                        form.key(key, &self.data);
                    }
                }
            }
            return;
        }
        let typing = matches!(self.view.popup, Some(Popup::Filter | Popup::Palette { .. }));
        // Printable keys and the line editor's keys (Ctrl-W, Ctrl-U, Left, Home...) edit the
        // line; other Ctrl keys (Ctrl-C) still reach the keymap.
        let edits = super::input::LineInput::handles(&key);
        let own = matches!(
            key.code,
            KeyCode::Enter
                | KeyCode::Esc
                | KeyCode::Up
                | KeyCode::Down
                | KeyCode::Tab
                | KeyCode::BackTab
        );
        if typing && (edits || own) {
            self.view.status = None;
            match (&mut self.view.popup, key.code) {
                (Some(Popup::Filter), KeyCode::Enter) => self.view.popup = None,
                (Some(Popup::Filter), KeyCode::Esc) => {
                    self.list_mut().filter.clear();
                    self.refilter(self.view.screen);
                    self.view.popup = None;
                }
                (Some(Popup::Filter), _) => {
                    let list = self.list_mut();
                    if list.filter_input.key(key) {
                        list.filter = list.filter_input.text().to_string();
                        self.refilter(self.view.screen);
                    }
                }
                (Some(Popup::Palette { input, selected }), code) => match code {
                    KeyCode::Down | KeyCode::Tab => *selected += 1,
                    KeyCode::Up | KeyCode::BackTab => *selected = selected.saturating_sub(1),
                    KeyCode::Esc => self.view.popup = None,
                    KeyCode::Enter => {
                        let hits = palette_matches(input.text());
                        let chosen = hits.get((*selected).min(hits.len().saturating_sub(1)));
                        let chosen = chosen.copied();
                        self.view.popup = None;
                        if let Some(a) = chosen {
                            self.update(a);
                        }
                    }
                    _ => {
                        if input.key(key) {
                            *selected = 0;
                        }
                    }
                },
                _ => {}
            }
            return;
        }
        if let Some(action) = self.keymap.action(&key) {
            self.update(action);
        }
    }

    /// The only place state changes.
    pub fn update(&mut self, action: Action) {
        self.view.status = None;
        if action != Action::Quit {
            match self.view.popup {
                Some(Popup::Export(_)) => return self.export_update(action),
                Some(Popup::Import(_)) => return self.import_update(action),
                Some(Popup::Roles(_)) => return self.roles_update(action),
                Some(Popup::People(_)) => return self.people_list_update(action),
                Some(Popup::Plan(_)) => return self.plan_update(action),
                _ => {}
            }
        }
        if let Some(Popup::Form(form)) = &mut self.view.popup {
            match action {
                Action::Next => form.next(),
                Action::Previous => form.previous(),
                Action::Save => self.slow("Saving…", |app| app.save()),
                Action::TakeNew => self.take_new(),
                Action::ExternalEditor => {
                    let body = form
                        .fields
                        .iter()
                        .position(|f| matches!(f.input, forms::Input::Area(_)));
                    match body {
                        Some(i) => {
                            form.focus = i;
                            self.editor_request = Some(form.fields[i].area_text());
                        }
                        None => {
                            self.view.status = Some("This form has no long text to edit".into())
                        }
                    }
                }
                Action::Back => self.cancel_form(),
                // Quitting from a form discards nothing silently: it asks like Esc does.
                Action::Quit => self.cancel_form(),
                _ => {}
            }
            return;
        }
        // Esc with no popup open cancels an import running in the background first.
        if action == Action::Back && self.view.popup.is_none() && self.cancel_import() {
            return;
        }
        if self.view.popup.is_none()
            && self.view.one_on_one.is_some()
            && self.one_on_one_action(action)
        {
            return;
        }
        if self.view.popup.is_none() && self.view.person.is_some() && self.person_action(action) {
            return;
        }
        match action {
            Action::Quit => self.quit(),
            Action::Export => self.open_export(),
            Action::Import => self.open_import(),
            Action::Help => {
                self.view.popup = match self.view.popup {
                    Some(Popup::Help { .. }) => None,
                    _ => Some(Popup::Help { scroll: 0 }),
                }
            }
            Action::Palette => {
                self.view.popup = Some(Popup::Palette {
                    input: super::input::LineInput::default(),
                    selected: 0,
                })
            }
            Action::ScreenTeam
            | Action::ScreenPeople
            | Action::ScreenMatrix
            | Action::ScreenSkills
            | Action::ScreenTrainings
            | Action::ScreenNotes
            | Action::ScreenPerception => {
                let s = Screen::ALL
                    .into_iter()
                    .find(|s| s.action() == action)
                    .unwrap_or(Screen::Team);
                self.switch(s);
            }
            Action::Next => {
                let n = Screen::ALL.len();
                self.switch(Screen::ALL[(self.view.screen.index() + 1) % n])
            }
            Action::Previous => {
                let n = Screen::ALL.len();
                self.switch(Screen::ALL[(self.view.screen.index() + n - 1) % n])
            }
            Action::Back => {
                if self.view.popup.is_some() {
                    self.view.popup = None;
                } else if self.view.one_on_one.is_some() {
                    self.view.one_on_one = None;
                } else if self.view.person.is_some() {
                    self.view.person = None;
                } else if !self.list().filter.is_empty() {
                    self.list_mut().filter.clear();
                    self.refilter(self.view.screen);
                } else if matches!(self.view.screen, Screen::People | Screen::Matrix)
                    && self.view.scope.is_some()
                {
                    self.set_scope(None);
                }
            }
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.list().page()),
            Action::PageUp => self.move_by(-self.list().page()),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Left | Action::Right if self.view.screen == Screen::Matrix => {
                let delta = if action == Action::Left { -1 } else { 1 };
                self.view
                    .matrix
                    .move_col(delta, self.data.skill_order.len());
            }
            Action::Left | Action::Right if self.view.screen == Screen::Team => {
                self.view.team.move_focus(action == Action::Right);
            }
            Action::Left | Action::Right => {}
            Action::Open => self.open(),
            Action::Filter if self.view.person.is_none() => {
                let list = self.list_mut();
                list.filter_input = super::input::LineInput::new(&list.filter);
                self.view.popup = Some(Popup::Filter);
            }
            Action::Sort if self.view.person.is_none() => {
                let n = self.sorts().len().max(1);
                let list = self.list_mut();
                list.sort = (list.sort + 1) % n;
                self.refilter(self.view.screen);
                let name = self.sorts().get(self.list().sort).copied().unwrap_or("");
                self.view.status = Some(format!("Sorted by {name}"));
            }
            Action::ReverseSort if self.view.person.is_none() => {
                let list = self.list_mut();
                list.reverse = !list.reverse;
                let reverse = list.reverse;
                self.refilter(self.view.screen);
                let name = self.sorts().get(self.list().sort).copied().unwrap_or("");
                self.view.status = Some(format!(
                    "Sorted by {name}{}",
                    if reverse { ", reversed" } else { "" }
                ));
            }
            Action::NextMatch | Action::PreviousMatch if self.view.person.is_none() => {
                self.find_match(action == Action::NextMatch)
            }
            Action::Filter
            | Action::Sort
            | Action::ReverseSort
            | Action::NextMatch
            | Action::PreviousMatch => {}
            Action::Add if self.view.popup.is_none() => self.add(),
            Action::Edit if self.view.popup.is_none() => self.edit(),
            Action::Delete if self.view.popup.is_none() => self.ask_delete(),
            Action::Undo if self.view.popup.is_none() => {
                self.slow("Undoing…", |app| app.undo(false))
            }
            Action::Redo if self.view.popup.is_none() => {
                self.slow("Redoing…", |app| app.undo(true))
            }
            Action::ToggleDone if self.view.popup.is_none() => self.toggle_done(),
            Action::Offer if self.view.popup.is_none() => self.offer(),
            Action::Review if self.view.popup.is_none() => self.start_sweep(),
            Action::WhatIf if self.view.popup.is_none() => self.open_plan(),
            Action::OneOnOne if self.view.popup.is_none() => self.open_one_on_one(),
            Action::Archived if self.view.popup.is_none() => {
                self.view.show_archived = !self.view.show_archived;
                self.switch(Screen::People);
                self.refilter(Screen::People);
                let n = self.data.people.len() - self.data.active;
                self.view.status = Some(if self.view.show_archived {
                    format!("Showing archived people too ({n}): e on one can unarchive them")
                } else {
                    "Archived people hidden".to_string()
                });
            }
            Action::Role if self.view.popup.is_none() => self.open_roles(),
            Action::Targets if self.view.popup.is_none() => match self.current_person() {
                Some(p) => {
                    let form = forms::targets::form(&self.data, p);
                    self.open_form(form);
                }
                None => {
                    self.view.status =
                        Some("t sets a person's own targets: open one or select one".into())
                }
            },
            Action::MoveOffer if self.view.popup.is_none() => match self.current_person() {
                Some(p) if !self.data.org.offers.iter().any(|o| o.person_id == p) => {
                    self.view.status = Some(format!(
                        "{} has no offers yet: {} offers a training",
                        self.data.person_name(p),
                        self.keymap.label(Action::Offer)
                    ))
                }
                Some(p) => {
                    let form = forms::offer::move_form(&self.data, p, None);
                    self.open_form(form);
                }
                None => self.view.status = Some("m moves an offer in a person's view".into()),
            },
            Action::Add
            | Action::Edit
            | Action::Delete
            | Action::Undo
            | Action::Redo
            | Action::ToggleDone
            | Action::Offer
            | Action::MoveOffer
            | Action::Review
            | Action::WhatIf
            | Action::OneOnOne
            | Action::Archived
            | Action::Targets
            | Action::Role => {}
            Action::Save | Action::TakeNew => self.view.status = Some("No form is open".into()),
            Action::ExternalEditor => {
                self.view.status = Some("Ctrl-E edits a note's body: open a note form first".into())
            }
        }
    }

    pub(super) fn switch(&mut self, screen: Screen) {
        self.view.screen = screen;
        self.view.person = None;
        self.view.one_on_one = None;
        if matches!(self.view.popup, Some(Popup::Filter)) {
            self.view.popup = None;
        }
        self.refresh_team_panel();
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        match &mut self.view.popup {
            Some(Popup::Help { scroll }) => {
                // As far as the last frame could scroll (its lines depend on the width).
                let max = match self.hits.help_max.get() {
                    0 => ACTIONS.len(),
                    m => m - 1,
                };
                *scroll = scroll.saturating_add_signed(delta).min(max);
                return;
            }
            Some(Popup::Palette { selected, .. }) => {
                *selected = selected.saturating_add_signed(delta);
                return;
            }
            _ => {}
        }
        if self.view.screen == Screen::Team && self.view.team.focus != screens::team::Pane::Teams {
            self.view.team.move_in_pane(delta);
            return;
        }
        self.list_mut().move_by(delta);
        if self.view.screen == Screen::Team {
            self.view.team.refresh(&self.data);
        }
    }

    pub(super) fn open(&mut self) {
        if self.view.person.is_some() || self.view.popup.is_some() {
            return;
        }
        if self.open_insight() {
            return;
        }
        let person = match self.view.screen {
            Screen::People => self
                .view
                .people
                .current()
                .and_then(|i| self.data.people.get(i))
                .map(|r| r.id),
            Screen::Matrix => self
                .view
                .matrix
                .list
                .current()
                .and_then(|i| self.data.people.get(i))
                .map(|r| r.id),
            Screen::Notes => self
                .view
                .notes
                .current()
                .and_then(|i| self.data.notes.get(i))
                .map(|n| n.person_id),
            Screen::Team => {
                let team = self
                    .view
                    .team
                    .list
                    .current()
                    .and_then(|i| self.data.teams.get(i))
                    .and_then(|t| t.id);
                self.set_scope(team);
                self.switch(Screen::People);
                None
            }
            _ => None,
        };
        // From Notes, the cursor starts on the note that was selected.
        let note = self.current_note().map(|n| n.id);
        if let Some(id) = person {
            self.open_person(id);
            if let Some(note) = note {
                self.select_item(screens::person::Item::Note(note));
            }
        }
    }

    /// Narrows People and Matrix to a team and its sub-teams (`None`: everyone).
    pub fn set_scope(&mut self, team: Option<crate::model::Id>) {
        self.view.scope = team.and_then(|id| {
            let t = self.data.org.team(id)?;
            Some(super::view::TeamScope {
                team: id,
                name: crate::text::inert(&t.name).into_owned(),
                members: self
                    .data
                    .org
                    .members(Some(id))
                    .iter()
                    .map(|p| p.id)
                    .collect(),
            })
        });
        self.refilter(Screen::People);
        self.refilter(Screen::Matrix);
    }
}

/// What the app shows first on `data`: the Team screen, every list unfiltered.
pub(super) fn initial_view(data: &Data) -> View {
    View {
        screen: Screen::Team,
        person: None,
        popup: None,
        team: TeamView::new(data),
        people: ListState::with_rows(screens::people::rows(data, "", 0, None, false)),
        matrix: MatrixView::new(data),
        skills: ListState::with_rows(screens::skills::rows(data, "", 0)),
        trainings: ListState::with_rows(screens::trainings::rows(data, "", 0)),
        notes: ListState::with_rows(screens::notes::rows(data, "", 0)),
        perception: screens::perception::PerceptionView::new(),
        one_on_one: None,
        scope: None,
        show_archived: false,
        status: None,
        quit: false,
    }
}
