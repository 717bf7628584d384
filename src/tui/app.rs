//! The app: domain data (`Data`) apart from view state (`View`). A key is looked up in the
//! keymap to give an `Action`, and `App::update` is the only place state changes.

use super::data::{Data, PersonDetail};
use super::forms::{self, Form, Kind, Record};
use super::list::ListState;
use super::screens::{self, matrix::MatrixView, team::TeamView};
use super::theme::Theme;
pub use super::view::{
    Pending, PersonView, Popup, Screen, View, available, palette_matches, sorts,
};
use crate::config::Config;
use crate::keymap::{ACTIONS, Action, Keymap};
use crate::store::{self, History, Store};
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub struct App {
    pub data: Data,
    pub view: View,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The config the app was loaded with (the export dialog's defaults, reloads).
    pub config: Config,
    store: Option<Store>,
    /// Undo and redo of every change made in this run (domain state).
    pub history: History,
    /// Text for $VISUAL/$EDITOR: the event loop runs the editor and calls `editor_done`.
    editor_request: Option<String>,
}

impl App {
    /// Loads the data from the store; the app keeps the store to read a person's history.
    pub fn load(store: Store, config: &Config, today: NaiveDate, theme: Theme) -> Result<App> {
        let data = Data::load(&store, config, today)?;
        let keymap = Keymap::new(&config.keys).map_err(|e| anyhow!(e))?;
        let mut app = App::new(data, keymap, theme);
        app.store = Some(store);
        app.config = config.clone();
        Ok(app)
    }

    pub fn new(data: Data, keymap: Keymap, theme: Theme) -> App {
        let view = View {
            screen: Screen::Team,
            person: None,
            popup: None,
            team: TeamView::new(&data),
            people: ListState::with_rows(screens::people::rows(&data, "", 0, None)),
            matrix: MatrixView::new(&data),
            skills: ListState::with_rows(screens::skills::rows(&data, "", 0)),
            trainings: ListState::with_rows(screens::trainings::rows(&data, "", 0)),
            notes: ListState::with_rows(screens::notes::rows(&data, "", 0)),
            scope: None,
            status: None,
            quit: false,
        };
        App {
            data,
            view,
            keymap,
            theme,
            config: Config::default(),
            store: None,
            history: History::default(),
            editor_request: None,
        }
    }

    /// The store, for the dialogs that read or write it (`None` for an app built from data).
    pub(crate) fn store_mut(&mut self) -> Option<&mut Store> {
        self.store.as_mut()
    }

    /// Reloads everything with the app's own config (after an import).
    pub fn reload_data(&mut self) -> Result<()> {
        let config = self.config.clone();
        self.reload(&config)
    }

    /// Reloads everything after the data changed, keeping filters and sorts.
    /// The selected team and people stay selected (by id) when rows were added before them.
    pub fn reload(&mut self, config: &Config) -> Result<()> {
        if let Some(store) = &self.store {
            let d = &self.data;
            let team = |l: &ListState| l.current().and_then(|i| d.teams.get(i)).map(|t| t.id);
            let person = |l: &ListState| l.current().and_then(|i| d.people.get(i)).map(|r| r.id);
            let keep_team = team(&self.view.team.list);
            let keep_people = person(&self.view.people);
            let keep_matrix = person(&self.view.matrix.list);
            self.data = Data::load(store, config, self.data.today)?;
            self.view.team.rebuild(&self.data);
            for s in Screen::ALL {
                self.refilter(s);
            }
            self.set_scope(self.view.scope.as_ref().map(|s| s.team));
            let d = &self.data;
            let v = &mut self.view;
            if let Some(id) = keep_team {
                select_where(&mut v.team.list, |i| {
                    d.teams.get(i).map(|t| t.id) == Some(id)
                });
                v.team.refresh(d);
            }
            if let Some(id) = keep_people {
                select_where(&mut v.people, |i| d.people.get(i).map(|r| r.id) == Some(id));
            }
            if let Some(id) = keep_matrix {
                select_where(&mut v.matrix.list, |i| {
                    d.people.get(i).map(|r| r.id) == Some(id)
                });
            }
            if let Some(id) = self.view.person.as_ref().map(|p| p.detail.id) {
                if self.data.person(id).is_some() {
                    let scroll = self.view.person.as_ref().map_or(0, |p| p.scroll);
                    self.open_person(id);
                    if let Some(p) = &mut self.view.person {
                        p.scroll = scroll;
                    }
                } else {
                    self.view.person = None;
                }
            }
        }
        Ok(())
    }

    /// Reloads after a change, reporting a failure on the status line.
    fn refresh(&mut self) {
        let config = self.config.clone();
        if let Err(e) = self.reload(&config) {
            self.view.status = Some(format!("{e:#}"));
        }
    }

    pub fn should_quit(&self) -> bool {
        self.view.quit
    }

    /// The list the current screen moves through, filters and sorts.
    fn list_mut(&mut self) -> &mut ListState {
        match self.view.screen {
            Screen::Team => &mut self.view.team.list,
            Screen::People => &mut self.view.people,
            Screen::Matrix => &mut self.view.matrix.list,
            Screen::Skills => &mut self.view.skills,
            Screen::Trainings => &mut self.view.trainings,
            Screen::Notes => &mut self.view.notes,
        }
    }

    pub fn list(&self) -> &ListState {
        match self.view.screen {
            Screen::Team => &self.view.team.list,
            Screen::People => &self.view.people,
            Screen::Matrix => &self.view.matrix.list,
            Screen::Skills => &self.view.skills,
            Screen::Trainings => &self.view.trainings,
            Screen::Notes => &self.view.notes,
        }
    }

    /// The sort keys of the current screen's list.
    pub fn sorts(&self) -> &'static [&'static str] {
        sorts(self.view.screen)
    }

    /// Recomputes the rows of a screen's list from its filter and sort.
    fn refilter(&mut self, screen: Screen) {
        let d = &self.data;
        let v = &mut self.view;
        match screen {
            Screen::Team => {
                let rows = screens::team::rows(d, &v.team.list.filter);
                v.team.list.set_rows(rows);
                v.team.refresh(d);
            }
            Screen::People => v.people.set_rows(screens::people::rows(
                d,
                &v.people.filter,
                v.people.sort,
                v.scope.as_ref(),
            )),
            Screen::Matrix => {
                let l = &mut v.matrix.list;
                l.set_rows(screens::people::rows(
                    d,
                    &l.filter,
                    l.sort,
                    v.scope.as_ref(),
                ));
            }
            Screen::Skills => {
                v.skills
                    .set_rows(screens::skills::rows(d, &v.skills.filter, v.skills.sort))
            }
            Screen::Trainings => v.trainings.set_rows(screens::trainings::rows(
                d,
                &v.trainings.filter,
                v.trainings.sort,
            )),
            Screen::Notes => {
                v.notes
                    .set_rows(screens::notes::rows(d, &v.notes.filter, v.notes.sort))
            }
        }
    }

    /// Feeds one terminal key: text goes to an open filter or palette, anything else is
    /// looked up in the keymap and handed to `update`.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        // The dialogs take text and y/n first (they return false for other popups).
        if self.export_key(key) || self.import_key(key) {
            return;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if let Some(Popup::Confirm { .. }) = &self.view.popup {
            match key.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => self.answer(true),
                KeyCode::Char('n' | 'N') | KeyCode::Esc => self.answer(false),
                _ => {}
            }
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
                        | Action::ExternalEditor
                        | Action::Next
                        | Action::Previous
                        | Action::Back
                        | Action::Quit
                )
            });
            match action {
                Some(a) if ctrl || (command && a != Action::Quit) => self.update(a),
                _ if ctrl => {}
                _ => {
                    if let Some(Popup::Form(form)) = &mut self.view.popup {
                        form.key(key, &self.data);
                    }
                }
            }
            return;
        }
        let typing = matches!(self.view.popup, Some(Popup::Filter | Popup::Palette { .. }));
        if typing && !ctrl {
            self.view.status = None;
            match (&mut self.view.popup, key.code) {
                (Some(Popup::Filter), KeyCode::Char(c)) => {
                    self.list_mut().filter.push(c);
                    self.refilter(self.view.screen);
                }
                (Some(Popup::Filter), KeyCode::Backspace) => {
                    self.list_mut().filter.pop();
                    self.refilter(self.view.screen);
                }
                (Some(Popup::Filter), KeyCode::Enter) => self.view.popup = None,
                (Some(Popup::Filter), KeyCode::Esc) => {
                    self.list_mut().filter.clear();
                    self.refilter(self.view.screen);
                    self.view.popup = None;
                }
                (Some(Popup::Palette { input, selected }), code) => match code {
                    KeyCode::Char(c) => {
                        input.push(c);
                        *selected = 0;
                    }
                    KeyCode::Backspace => {
                        input.pop();
                        *selected = 0;
                    }
                    KeyCode::Down | KeyCode::Tab => *selected += 1,
                    KeyCode::Up | KeyCode::BackTab => *selected = selected.saturating_sub(1),
                    KeyCode::Esc => self.view.popup = None,
                    KeyCode::Enter => {
                        let hits = palette_matches(input);
                        let chosen = hits.get((*selected).min(hits.len().saturating_sub(1)));
                        let chosen = chosen.copied();
                        self.view.popup = None;
                        if let Some(a) = chosen {
                            self.update(a);
                        }
                    }
                    _ => {}
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
                _ => {}
            }
        }
        if let Some(Popup::Form(form)) = &mut self.view.popup {
            match action {
                Action::Next => form.next(),
                Action::Previous => form.previous(),
                Action::Save => self.save(),
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
        match action {
            Action::Quit => self.view.quit = true,
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
                    input: String::new(),
                    selected: 0,
                })
            }
            Action::ScreenTeam
            | Action::ScreenPeople
            | Action::ScreenMatrix
            | Action::ScreenSkills
            | Action::ScreenTrainings
            | Action::ScreenNotes => {
                let s = Screen::ALL
                    .into_iter()
                    .find(|s| s.action() == action)
                    .unwrap_or(Screen::Team);
                self.switch(s);
            }
            Action::Next => self.switch(Screen::ALL[(self.view.screen.index() + 1) % 6]),
            Action::Previous => self.switch(Screen::ALL[(self.view.screen.index() + 5) % 6]),
            Action::Back => {
                if self.view.popup.is_some() {
                    self.view.popup = None;
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
            Action::Left | Action::Right => {}
            Action::Open => self.open(),
            Action::Filter if self.view.person.is_none() => self.view.popup = Some(Popup::Filter),
            Action::Sort if self.view.person.is_none() => {
                let n = self.sorts().len().max(1);
                let list = self.list_mut();
                list.sort = (list.sort + 1) % n;
                self.refilter(self.view.screen);
                let name = self.sorts().get(self.list().sort).copied().unwrap_or("");
                self.view.status = Some(format!("Sorted by {name}"));
            }
            Action::Filter | Action::Sort => {}
            Action::Add if self.view.popup.is_none() => self.add(),
            Action::Edit if self.view.popup.is_none() => self.edit(),
            Action::Delete if self.view.popup.is_none() => self.ask_delete(),
            Action::Undo if self.view.popup.is_none() => self.undo(false),
            Action::Redo if self.view.popup.is_none() => self.undo(true),
            Action::ToggleDone if self.view.popup.is_none() => self.toggle_done(),
            Action::Offer if self.view.popup.is_none() => self.offer(),
            Action::Review if self.view.popup.is_none() => self.start_sweep(),
            Action::Role if self.view.popup.is_none() => {
                let role = self
                    .current_person()
                    .and_then(|p| self.data.person(p))
                    .and_then(|(p, _)| p.role_id);
                let form = forms::role::form(&self.data, role);
                self.open_form(form);
            }
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
                    let form = forms::offer::move_form(&self.data, p);
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
            | Action::Targets
            | Action::Role => {}
            Action::Save => self.view.status = Some("No form is open".into()),
            Action::ExternalEditor => {
                self.view.status = Some("Ctrl-E edits a note's body: open a note form first".into())
            }
        }
    }

    fn switch(&mut self, screen: Screen) {
        self.view.screen = screen;
        self.view.person = None;
        if matches!(self.view.popup, Some(Popup::Filter)) {
            self.view.popup = None;
        }
    }

    fn move_by(&mut self, delta: isize) {
        match &mut self.view.popup {
            Some(Popup::Help { scroll }) => {
                *scroll = scroll
                    .saturating_add_signed(delta)
                    .min(ACTIONS.len().saturating_sub(1));
                return;
            }
            Some(Popup::Palette { selected, .. }) => {
                *selected = selected.saturating_add_signed(delta);
                return;
            }
            _ => {}
        }
        if let Some(p) = &mut self.view.person {
            p.scroll = p
                .scroll
                .saturating_add_signed(delta)
                .min(p.max_scroll.get());
            return;
        }
        self.list_mut().move_by(delta);
        if self.view.screen == Screen::Team {
            self.view.team.refresh(&self.data);
        }
    }

    fn open(&mut self) {
        if self.view.person.is_some() || self.view.popup.is_some() {
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
        if let Some(id) = person {
            self.open_person(id);
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

    /// Opens a person's view, reading their assessment history.
    pub fn open_person(&mut self, id: crate::model::Id) {
        let detail = match &self.store {
            Some(store) => match PersonDetail::load(store, id) {
                Ok(d) => d,
                Err(e) => {
                    self.view.status = Some(format!("{e:#}"));
                    PersonDetail {
                        id,
                        ..PersonDetail::default()
                    }
                }
            },
            None => PersonDetail {
                id,
                ..PersonDetail::default()
            },
        };
        self.view.person = Some(PersonView {
            detail,
            scroll: 0,
            max_scroll: std::cell::Cell::new(usize::MAX),
        });
    }

    /// The person the screen points at: the open person, else the selected row of People
    /// or Matrix.
    fn current_person(&self) -> Option<crate::model::Id> {
        if let Some(p) = &self.view.person {
            return Some(p.detail.id);
        }
        let list = match self.view.screen {
            Screen::People => &self.view.people,
            Screen::Matrix => &self.view.matrix.list,
            _ => return None,
        };
        list.current()
            .and_then(|i| self.data.people.get(i))
            .map(|r| r.id)
    }

    fn open_form(&mut self, form: Form) {
        let mut form = form;
        form.validate(&self.data);
        self.view.popup = Some(Popup::Form(Box::new(form)));
    }

    /// `a`: a new person on People, a new assessment in a person's view.
    fn add(&mut self) {
        if let Some(p) = &self.view.person {
            let id = p.detail.id;
            let form = forms::assessment::form(&self.data, id, None);
            self.open_form(form);
            return;
        }
        match self.view.screen {
            Screen::People | Screen::Matrix => {
                let team = self.view.scope.as_ref().map(|s| s.team);
                let form = forms::person::form(&self.data, None, team);
                self.open_form(form);
            }
            Screen::Team => {
                let form = forms::team::form(&self.data, None, self.current_team());
                self.open_form(form);
            }
            Screen::Skills => {
                let form = forms::skill::form(&self.data, None);
                self.open_form(form);
            }
            Screen::Trainings => {
                let form = forms::training::form(&self.data, None);
                self.open_form(form);
            }
            Screen::Notes => {
                let person = self.current_note().map(|n| n.person_id);
                let form = forms::note::form(&self.data, None, person);
                self.open_form(form);
            }
        }
    }

    /// The team selected on the Team screen (not "Everyone").
    fn current_team(&self) -> Option<crate::model::Id> {
        if self.view.screen != Screen::Team || self.view.person.is_some() {
            return None;
        }
        self.view
            .team
            .list
            .current()
            .and_then(|i| self.data.teams.get(i))
            .and_then(|t| t.id)
    }

    /// `o`: offers a training: in a person, the first one recommended for their gaps; on
    /// Trainings, the selected training.
    fn offer(&mut self) {
        let person = self.view.person.as_ref().map(|p| p.detail.id);
        let training = match person {
            Some(p) => self
                .data
                .analysis
                .recommendations(&self.data.org, p)
                .first()
                .map(|r| r.training_id),
            None if self.view.screen == Screen::Trainings => self
                .view
                .trainings
                .current()
                .and_then(|i| self.data.org.trainings.get(i))
                .map(|t| t.id),
            None => {
                self.view.status =
                    Some("o offers a training in a person's view or on Trainings".into());
                return;
            }
        };
        let form = forms::offer::form(&self.data, person, training);
        self.open_form(form);
    }

    /// `r`: the review sweep over the current person's targeted skills, or on Skills over
    /// the people the selected skill is targeted for.
    fn start_sweep(&mut self) {
        let (title, items) = if let Some(skill) = self.current_skill() {
            let items: Vec<_> = self
                .data
                .people
                .iter()
                .filter(|r| {
                    self.data
                        .person(r.id)
                        .is_some_and(|(_, s)| s.skills.iter().any(|k| k.skill_id == skill))
                })
                .map(|r| (r.id, skill))
                .collect();
            (self.data.skill_name(skill), items)
        } else if let Some(person) = self.current_person() {
            let items = self
                .data
                .person(person)
                .map(|(_, s)| s.skills.iter().map(|k| (person, k.skill_id)).collect())
                .unwrap_or_default();
            (self.data.person_name(person), items)
        } else {
            self.view.status = Some(
                "r reviews a person (open one, or select one on People) or a skill (on Skills)"
                    .into(),
            );
            return;
        };
        if items.is_empty() {
            self.view.status = Some(format!("Nothing targeted to review for {title}"));
            return;
        }
        self.view.popup = Some(Popup::Sweep(super::view::Sweep {
            title,
            items,
            index: 0,
            source: crate::model::Source::Manager,
            saved: 0,
        }));
    }

    /// A key in the sweep: 0-5 records that level today and moves on; Tab/Right skip,
    /// Shift-Tab/Left go back, Esc ends it.
    fn sweep_key(&mut self, key: KeyEvent) {
        let Some(Popup::Sweep(sweep)) = &mut self.view.popup else {
            return;
        };
        match key.code {
            KeyCode::Char(c @ '0'..='5') => {
                let Some(&(person, skill_id)) = sweep.items.get(sweep.index) else {
                    return;
                };
                let level = c as u8 - b'0';
                let a = crate::model::Assessment {
                    rating: crate::model::Rating {
                        id: 0,
                        person_id: person,
                        skill_id,
                        level,
                        source: sweep.source,
                        assessed_on: self.data.today,
                    },
                    score: None,
                    max_score: None,
                    assessor: None,
                    evidence: None,
                };
                let Some(store) = &mut self.store else {
                    self.view.status = Some("No database to change".into());
                    return;
                };
                let label = format!(
                    "review {}: {} {level}",
                    self.data.person_name(person),
                    self.data.skill_name(skill_id)
                );
                match store.edit(label.clone(), |c| store::records::insert_assessment(c, &a)) {
                    Ok((_, change)) => {
                        self.history.push(change);
                        sweep.saved += 1;
                        sweep.index += 1;
                        let done = sweep.index >= sweep.items.len();
                        let saved = sweep.saved;
                        if done {
                            self.view.popup = None;
                        }
                        self.refresh();
                        self.view.status = Some(if done {
                            format!("Review done: {saved} assessments recorded · u undoes the last")
                        } else {
                            format!("Saved: {label}")
                        });
                    }
                    Err(e) => self.view.status = Some(format!("Not saved: {e:#}")),
                }
            }
            KeyCode::Tab | KeyCode::Right | KeyCode::Char('l' | 'j') => {
                sweep.index += 1;
                if sweep.index >= sweep.items.len() {
                    let saved = sweep.saved;
                    self.view.popup = None;
                    self.view.status = Some(format!("Review done: {saved} assessments recorded"));
                }
            }
            KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h' | 'k') => {
                sweep.index = sweep.index.saturating_sub(1)
            }
            KeyCode::Esc | KeyCode::Char('q') => {
                let saved = sweep.saved;
                self.view.popup = None;
                self.view.status = Some(format!("Review ended: {saved} assessments recorded"));
            }
            _ => {}
        }
    }

    /// The training selected on the Trainings screen.
    fn current_training(&self) -> Option<crate::model::Id> {
        if self.view.screen != Screen::Trainings || self.view.person.is_some() {
            return None;
        }
        self.view
            .trainings
            .current()
            .and_then(|i| self.data.org.trainings.get(i))
            .map(|t| t.id)
    }

    /// The skill selected on the Skills screen.
    fn current_skill(&self) -> Option<crate::model::Id> {
        if self.view.screen != Screen::Skills || self.view.person.is_some() {
            return None;
        }
        self.view
            .skills
            .current()
            .and_then(|i| self.data.org.skills.get(i))
            .map(|s| s.id)
    }

    /// The note selected on the Notes screen.
    fn current_note(&self) -> Option<&crate::model::Note> {
        if self.view.screen != Screen::Notes || self.view.person.is_some() {
            return None;
        }
        self.view
            .notes
            .current()
            .and_then(|i| self.data.notes.get(i))
    }

    /// Space on Notes: marks the selected note's first open action item done (in one
    /// change, undoable).
    fn toggle_done(&mut self) {
        let Some(note) = self.current_note().cloned() else {
            self.view.status = Some("Space marks an action item done on the Notes screen".into());
            return;
        };
        let items = note.action_items();
        let Some(item) = items.iter().find(|a| !a.done) else {
            self.view.status = Some("No open action items in this note".into());
            return;
        };
        let Some(body) = crate::model::toggle_action_item(&note.body, item.line) else {
            return;
        };
        let Some(store) = &mut self.store else {
            self.view.status = Some("No database to change".into());
            return;
        };
        let text = crate::text::inert(&item.text).into_owned();
        let updated = crate::model::Note { body, ..note };
        match store.edit(format!("mark done: {text}"), |c| {
            store::records::update_note(c, &updated)
        }) {
            Ok(((), change)) => {
                self.history.push(change);
                self.refresh();
                let left = items.iter().filter(|a| !a.done).count() - 1;
                self.view.status = Some(format!(
                    "Done: {text} ({left} open left) · {} undoes",
                    self.keymap.label(Action::Undo)
                ));
            }
            Err(e) => self.view.status = Some(format!("{e:#}")),
        }
    }

    /// `e`: edits the person (or on Team, the team) the screen points at.
    fn edit(&mut self) {
        if let Some(id) = self.current_training() {
            let form = forms::training::form(&self.data, Some(id));
            self.open_form(form);
            return;
        }
        if let Some(id) = self.current_skill() {
            let form = forms::skill::form(&self.data, Some(id));
            self.open_form(form);
            return;
        }
        if let Some(id) = self.current_note().map(|n| n.id) {
            let form = forms::note::form(&self.data, Some(id), None);
            self.open_form(form);
            return;
        }
        if let Some(id) = self.current_team() {
            let form = forms::team::form(&self.data, Some(id), None);
            self.open_form(form);
            return;
        }
        match self.current_person() {
            Some(id) => {
                let form = forms::person::form(&self.data, Some(id), None);
                self.open_form(form);
            }
            None => {
                self.view.status =
                    Some("Nothing to edit here in this version: People edits a person".into())
            }
        }
    }

    /// `d`: asks before deleting the person the screen points at, saying what goes with them.
    fn ask_delete(&mut self) {
        if let Some(id) = self.current_training() {
            let Some(store) = &self.store else {
                return;
            };
            match store::records::training_offers(store.conn(), id) {
                Ok(n) => {
                    let name = self.data.training_title(id);
                    let message = format!(
                        "Delete training {name}? This also deletes {}. u undoes it in this run.",
                        count(n, "offer", "offers"),
                    );
                    self.view.popup = Some(Popup::Confirm {
                        message,
                        pending: Pending::DeleteTraining { id, name },
                    });
                }
                Err(e) => self.view.status = Some(format!("{e:#}")),
            }
            return;
        }
        if let Some(id) = self.current_skill() {
            let Some(store) = &self.store else {
                return;
            };
            match store::skills::skill_dependents(store.conn(), id) {
                Ok(deps) => {
                    let name = self.data.skill_name(id);
                    let message = format!(
                        "Delete skill {name}? This also deletes {}, {} and {} of trainings. u undoes it in this run.",
                        count(deps.assessments, "assessment", "assessments"),
                        count(deps.targets, "target", "targets"),
                        count(deps.trainings, "link", "links"),
                    );
                    self.view.popup = Some(Popup::Confirm {
                        message,
                        pending: Pending::DeleteSkill { id, name },
                    });
                }
                Err(e) => self.view.status = Some(format!("{e:#}")),
            }
            return;
        }
        if let Some(n) = self.current_note() {
            let name = format!(
                "the note of {} from {}",
                self.data.person_name(n.person_id),
                n.date
            );
            let open = n.action_items().iter().filter(|a| !a.done).count();
            let message = format!(
                "Delete {name}? Its text, {} and {} go with it. u undoes it in this run.",
                count(open as i64, "open action item", "open action items"),
                count(n.skill_ids.len() as i64, "skill tag", "skill tags"),
            );
            self.view.popup = Some(Popup::Confirm {
                message,
                pending: Pending::DeleteNote { id: n.id, name },
            });
            return;
        }
        if let Some(id) = self.current_team() {
            let Some(store) = &self.store else {
                return;
            };
            match store::teams::team_dependents(store.conn(), id) {
                Ok(deps) => {
                    let name = self
                        .data
                        .org
                        .team(id)
                        .map(|t| crate::text::inert(&t.name).into_owned())
                        .unwrap_or_default();
                    let message = format!(
                        "Delete team {name}? Its {} and {} stay, without this team. u undoes it in this run.",
                        count(deps.people, "person", "people"),
                        count(deps.sub_teams, "sub-team", "sub-teams"),
                    );
                    self.view.popup = Some(Popup::Confirm {
                        message,
                        pending: Pending::DeleteTeam { id, name },
                    });
                }
                Err(e) => self.view.status = Some(format!("{e:#}")),
            }
            return;
        }
        let Some(id) = self.current_person() else {
            self.view.status =
                Some("Nothing to delete here in this version: People deletes a person".into());
            return;
        };
        let Some(store) = &self.store else {
            self.view.status = Some("No database to change".into());
            return;
        };
        let deps = match store::people::dependents(store.conn(), id) {
            Ok(d) => d,
            Err(e) => {
                self.view.status = Some(format!("{e:#}"));
                return;
            }
        };
        let name = self.data.person_name(id);
        let message = format!(
            "Delete {name}? This also deletes {}, {} and {}. u undoes it in this run.",
            count(deps.assessments, "assessment", "assessments"),
            count(deps.offers, "offer", "offers"),
            count(deps.notes, "note", "notes"),
        );
        self.view.popup = Some(Popup::Confirm {
            message,
            pending: Pending::DeletePerson { id, name },
        });
    }

    /// The answer to a confirmation.
    fn answer(&mut self, yes: bool) {
        let Some(Popup::Confirm { pending, .. }) = self.view.popup.take() else {
            return;
        };
        match (pending, yes) {
            (Pending::Discard(_), true) => self.view.status = Some("Discarded".into()),
            (Pending::Discard(form), false) => self.view.popup = Some(Popup::Form(form)),
            (Pending::DeleteTeam { id, name }, true) => {
                let Some(store) = &mut self.store else {
                    return;
                };
                match store.edit(format!("delete team {name}"), |c| {
                    store::teams::delete_team(c, id)
                }) {
                    Ok(((), change)) => {
                        self.history.push(change);
                        self.refresh();
                        self.view.status = Some(format!(
                            "Deleted team {name} · {} undoes",
                            self.keymap.label(Action::Undo)
                        ));
                    }
                    Err(e) => self.view.status = Some(format!("Not deleted: {e:#}")),
                }
            }
            (Pending::DeleteTraining { id, name }, true) => {
                let Some(store) = &mut self.store else {
                    return;
                };
                match store.edit(format!("delete training {name}"), |c| {
                    store::records::delete_training(c, id)
                }) {
                    Ok(((), change)) => {
                        self.history.push(change);
                        self.refresh();
                        self.view.status = Some(format!(
                            "Deleted training {name} · {} undoes",
                            self.keymap.label(Action::Undo)
                        ));
                    }
                    Err(e) => self.view.status = Some(format!("Not deleted: {e:#}")),
                }
            }
            (Pending::DeleteSkill { id, name }, true) => {
                let Some(store) = &mut self.store else {
                    return;
                };
                match store.edit(format!("delete skill {name}"), |c| {
                    store::skills::delete_skill(c, id)
                }) {
                    Ok(((), change)) => {
                        self.history.push(change);
                        self.refresh();
                        self.view.status = Some(format!(
                            "Deleted skill {name} · {} undoes",
                            self.keymap.label(Action::Undo)
                        ));
                    }
                    Err(e) => self.view.status = Some(format!("Not deleted: {e:#}")),
                }
            }
            (Pending::DeleteNote { id, name }, true) => {
                let Some(store) = &mut self.store else {
                    return;
                };
                match store.edit(format!("delete {name}"), |c| {
                    store::records::delete_note(c, id)
                }) {
                    Ok(((), change)) => {
                        self.history.push(change);
                        self.refresh();
                        self.view.status = Some(format!(
                            "Deleted {name} · {} undoes",
                            self.keymap.label(Action::Undo)
                        ));
                    }
                    Err(e) => self.view.status = Some(format!("Not deleted: {e:#}")),
                }
            }
            (
                Pending::DeletePerson { .. }
                | Pending::DeleteTeam { .. }
                | Pending::DeleteNote { .. }
                | Pending::DeleteSkill { .. }
                | Pending::DeleteTraining { .. },
                false,
            ) => self.view.status = Some("Nothing deleted".into()),
            (Pending::DeletePerson { id, name }, true) => {
                let Some(store) = &mut self.store else {
                    return;
                };
                let label = format!("delete person {name}");
                let result = store
                    .edit(label.clone(), |c| store::people::delete_person(c, id))
                    .and_then(|(deps, change)| {
                        // The deleted text leaves the WAL; the undo log keeps it in memory
                        // for this run only.
                        store.checkpoint()?;
                        Ok((deps, change))
                    });
                match result {
                    Ok((_, change)) => {
                        self.history.push(change);
                        self.refresh();
                        self.view.status = Some(format!(
                            "Deleted {name} · {} undoes",
                            self.keymap.label(Action::Undo)
                        ));
                    }
                    Err(e) => self.view.status = Some(format!("Not deleted: {e:#}")),
                }
            }
        }
    }

    /// Esc on a form: closes it, asking first when something was typed.
    fn cancel_form(&mut self) {
        match self.view.popup.take() {
            Some(Popup::Form(form)) if form.dirty => {
                self.view.popup = Some(Popup::Confirm {
                    message: "Discard what you typed in this form?".into(),
                    pending: Pending::Discard(form),
                });
            }
            _ => {}
        }
    }

    /// Ctrl-S: validates the form and saves it in one transaction, or shows why not.
    fn save(&mut self) {
        let Some(Popup::Form(form)) = &mut self.view.popup else {
            return;
        };
        form.tried = true;
        let Some(record) = form.validate(&self.data) else {
            self.view.status = Some("Not saved: fix the fields marked ✗".into());
            return;
        };
        let Some(store) = &mut self.store else {
            form.message = Some("no database to save to".into());
            return;
        };
        let label = match (&record, form.kind) {
            (Record::Person(p), Kind::Person(None)) => format!("add person {}", p.name.trim()),
            (Record::Person(p), _) => format!("edit person {}", p.name.trim()),
            (Record::Note(n), Kind::Note(None)) => {
                format!("add note of {}", self.data.person_name(n.person_id))
            }
            (Record::Note(n), _) => format!("edit note of {}", self.data.person_name(n.person_id)),
            (Record::Role(n, _), Kind::Role(None)) => format!("add role {}", n.trim()),
            (Record::Role(n, _), _) => format!("edit role {}", n.trim()),
            (Record::Targets(p, _), _) => {
                format!("set own targets of {}", self.data.person_name(*p))
            }
            (Record::Training(t), Kind::Training(None)) => format!("add training {}", t.title),
            (Record::Training(t), _) => format!("edit training {}", t.title),
            (Record::Skill(k), Kind::Skill(None)) => format!("add skill {}", k.key),
            (Record::Skill(k), _) => format!("edit skill {}", k.key),
            (Record::Offer(o), Kind::Offer) => format!(
                "offer {} to {}",
                self.data.training_title(o.training_id),
                self.data.person_name(o.person_id)
            ),
            (Record::Offer(o), _) => format!(
                "move offer of {} to {}: {}",
                self.data.training_title(o.training_id),
                self.data.person_name(o.person_id),
                o.status
            ),
            (Record::Team(n, _), Kind::Team(None)) => format!("add team {}", n.trim()),
            (Record::Team(n, _), _) => format!("edit team {}", n.trim()),
            (Record::Assessment(a), _) => format!(
                "add assessment of {}: {} {}",
                self.data.person_name(a.rating.person_id),
                self.data
                    .skill(a.rating.skill_id)
                    .map(|s| crate::text::inert(&s.key).into_owned())
                    .unwrap_or_default(),
                a.rating.level
            ),
        };
        let result = store.edit(label.clone(), |c| match &record {
            Record::Person(p) if p.id == 0 => store::people::insert_person(c, p),
            Record::Person(p) => store::people::update_person(c, p).map(|()| p.id),
            Record::Assessment(a) => store::records::insert_assessment(c, a),
            Record::Role(n, targets) => match form.kind {
                Kind::Role(Some(id)) => store::teams::update_role(c, id, n, targets).map(|()| id),
                _ => {
                    let id = store::teams::insert_role(c, n)?;
                    store::teams::set_role_targets(c, id, targets)?;
                    Ok(id)
                }
            },
            Record::Targets(p, targets) => {
                let old: Vec<crate::model::Id> = self
                    .data
                    .org
                    .overrides
                    .get(p)
                    .map(|o| o.iter().map(|t| t.skill_id).collect())
                    .unwrap_or_default();
                for s in old
                    .iter()
                    .filter(|s| !targets.iter().any(|t| t.skill_id == **s))
                {
                    store::people::clear_override(c, *p, *s)?;
                }
                for t in targets {
                    store::people::set_override(c, *p, *t)?;
                }
                Ok(*p)
            }
            Record::Training(t) if t.id == 0 => store::records::upsert_training(c, t),
            Record::Training(t) => store::records::update_training(c, t).map(|()| t.id),
            Record::Skill(k) if k.id == 0 => store::skills::upsert_skill(c, k),
            Record::Skill(k) => store::skills::update_skill(c, k).map(|()| k.id),
            Record::Offer(o) if o.id == 0 => store::records::insert_offer(c, o),
            Record::Offer(o) => store::records::update_offer(c, o).map(|()| o.id),
            Record::Note(n) if n.id == 0 => store::records::insert_note(c, n),
            Record::Note(n) => store::records::update_note(c, n).map(|()| n.id),
            Record::Team(n, parent) => match form.kind {
                Kind::Team(Some(id)) => store::teams::update_team(c, id, n, *parent).map(|()| id),
                _ => store::teams::insert_team(c, n, *parent),
            },
        });
        match result {
            Ok((_, change)) => {
                self.history.push(change);
                self.view.popup = None;
                self.refresh();
                self.view.status = Some(format!(
                    "Saved: {} · {} undoes",
                    crate::text::inert(&label),
                    self.keymap.label(Action::Undo)
                ));
            }
            Err(e) => {
                // A constraint the checks above missed: shown in the form, nothing saved.
                form.message = Some(format!("not saved: {e}"));
                self.view.status = Some("Not saved".into());
            }
        }
    }

    /// `u` (or Ctrl-R with `redo`): undoes (redoes) the latest change of this run.
    fn undo(&mut self, redo: bool) {
        let Some(store) = &self.store else {
            self.view.status = Some("No database to change".into());
            return;
        };
        let result = if redo {
            self.history.redo(store)
        } else {
            self.history.undo(store)
        };
        let (done, none) = if redo {
            ("Redone", "Nothing to redo")
        } else {
            ("Undone", "Nothing to undo")
        };
        match result {
            Ok(Some(label)) => {
                self.refresh();
                let next = if redo {
                    format!("{} undoes", self.keymap.label(Action::Undo))
                } else {
                    format!("{} redoes", self.keymap.label(Action::Redo))
                };
                self.view.status = Some(format!("{done}: {} · {next}", crate::text::inert(&label)));
            }
            Ok(None) => self.view.status = Some(none.into()),
            Err(e) => self.view.status = Some(format!("{e:#}")),
        }
    }
}

impl App {
    /// The text the event loop should open in $VISUAL/$EDITOR, once.
    pub fn take_editor_request(&mut self) -> Option<String> {
        self.editor_request.take()
    }

    /// What the external editor gave back: the form's long text becomes it (an error
    /// leaves the text as it was and says why).
    pub fn editor_done(&mut self, result: std::result::Result<String, String>) {
        let Some(Popup::Form(form)) = &mut self.view.popup else {
            return;
        };
        match result {
            Ok(text) => {
                if let Some(f) = form.fields.get_mut(form.focus)
                    && let forms::Input::Area(a) = &mut f.input
                {
                    let text = text.trim_end_matches('\n');
                    if a.text() != text {
                        *a = forms::Area::new(text);
                        f.touched = true;
                        form.dirty = true;
                    }
                }
                form.validate(&self.data);
                self.view.status = Some("Body updated from the editor".into());
            }
            Err(e) => self.view.status = Some(format!("Editor: {e}")),
        }
    }
}

/// "14 assessments", "1 note", "no offers".
fn count(n: i64, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// Selects the first row whose item satisfies `pred`; leaves the selection when none does.
fn select_where(list: &mut ListState, pred: impl Fn(usize) -> bool) {
    if let Some(pos) = list.rows.iter().position(|&i| pred(i)) {
        list.selected = pos;
    }
}
