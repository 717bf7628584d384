//! Starting changes from the app: opening add and edit forms for what is selected, offers,
//! the review sweep, marking action items done, and the external editor. Saving, deleting
//! and undo live in `app_write`; `app.rs` keeps loading, keys, navigation and `update`.

use super::app::{App, Popup, Screen};
use super::forms::{self, Form};
use crate::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl App {
    /// The person the screen points at: the open person, else the selected row of People
    /// or Matrix.
    pub(super) fn current_person(&self) -> Option<crate::model::Id> {
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

    pub(super) fn open_form(&mut self, form: Form) {
        let mut form = form;
        self.remember_seen(&mut form);
        form.validate(&self.data);
        self.view.popup = Some(Popup::Form(Box::new(form)));
    }

    /// `a`: a new person on People, a new assessment in a person's view.
    pub(super) fn add(&mut self) {
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
            Screen::Perception => {
                self.view.status =
                    Some("Perception adds nothing: open a person to add an assessment".into())
            }
        }
    }

    /// The team selected on the Team screen (not "Everyone").
    pub(super) fn current_team(&self) -> Option<crate::model::Id> {
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
    pub(super) fn offer(&mut self) {
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
    pub(super) fn start_sweep(&mut self) {
        let (title, items) = if let Some(skill) = self.sweep_skill() {
            // The team on screen: the Team screen's team, else the People list as narrowed
            // and filtered now; never archived people.
            let (who, rows): (String, Vec<usize>) = if self.view.screen == Screen::Team {
                let team = self.view.team.selected_team(&self.data);
                let ids: std::collections::HashSet<_> =
                    self.data.org.members(team).iter().map(|p| p.id).collect();
                let name = team
                    .and_then(|t| self.data.org.team(t))
                    .map_or("Everyone".into(), |t| {
                        crate::text::inert(&t.name).into_owned()
                    });
                let rows = (0..self.data.people.len())
                    .filter(|&i| ids.contains(&self.data.people[i].id))
                    .collect();
                (name, rows)
            } else {
                let name = match (&self.view.scope, self.view.people.filter.is_empty()) {
                    (Some(s), true) => s.name.clone(),
                    (Some(s), false) => format!("{} · {}", s.name, self.view.people.filter),
                    (None, true) => "Everyone".into(),
                    (None, false) => format!("filter {}", self.view.people.filter),
                };
                (name, self.view.people.rows.clone())
            };
            let items: Vec<_> = rows
                .into_iter()
                .filter_map(|i| self.data.people.get(i))
                .filter(|r| !r.archived)
                .filter(|r| {
                    self.data
                        .person(r.id)
                        .is_some_and(|(_, s)| s.skills.iter().any(|k| k.skill_id == skill))
                })
                .map(|r| (r.id, skill))
                .collect();
            (
                format!(
                    "{} · {}",
                    self.data.skill_name(skill),
                    crate::text::inert(&who)
                ),
                items,
            )
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
            recorded: Vec::new(),
        }));
    }

    /// A key in the sweep: 0-5 records that level today and moves on; Tab/Right skip,
    /// Shift-Tab/Left go back, Esc ends it.
    pub(super) fn sweep_key(&mut self, key: KeyEvent) {
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
                if let Some(message) = self.write_waits("rate") {
                    self.view.status = Some(format!("Not saved: {message}"));
                    return;
                }
                let Some(Popup::Sweep(sweep)) = &mut self.view.popup else {
                    return;
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
                        sweep.recorded.push(sweep.index);
                        sweep.saved += 1;
                        sweep.index += 1;
                        let done = sweep.index >= sweep.items.len();
                        let saved = sweep.saved;
                        if done {
                            self.view.popup = None;
                        }
                        self.refresh_person(person);
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
            KeyCode::Char('u') => self.sweep_undo(),
            KeyCode::Esc | KeyCode::Char('q') => {
                let saved = sweep.saved;
                self.view.popup = None;
                self.view.status = Some(format!("Review ended: {saved} assessments recorded"));
            }
            _ => {}
        }
    }

    /// The training selected on the Trainings screen.
    pub(super) fn current_training(&self) -> Option<crate::model::Id> {
        if self.view.screen != Screen::Trainings || self.view.person.is_some() {
            return None;
        }
        self.view
            .trainings
            .current()
            .and_then(|i| self.data.org.trainings.get(i))
            .map(|t| t.id)
    }

    /// The skill a review sweep starts from: the one selected on Skills, or the skill bar
    /// selected on Team.
    pub(super) fn sweep_skill(&self) -> Option<crate::model::Id> {
        if self.view.screen == Screen::Team
            && self.view.person.is_none()
            && self.view.team.focus == super::screens::team::Pane::Gaps
        {
            let v = &self.view.team;
            return v.panel.gaps.get(v.gap_sel).map(|g| g.skill_id);
        }
        self.current_skill()
    }

    /// The skill selected on the Skills screen.
    pub(super) fn current_skill(&self) -> Option<crate::model::Id> {
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
    pub(super) fn current_note(&self) -> Option<&crate::model::Note> {
        if self.view.screen != Screen::Notes || self.view.person.is_some() {
            return None;
        }
        self.view
            .notes
            .current()
            .and_then(|i| self.data.notes.get(i))
    }

    /// Space on Notes: marks the selected note's first open action item done (in one
    /// change, undoable). In a person's view, Space acts on the selected item instead.
    pub(super) fn toggle_done(&mut self) {
        match self.current_note().map(|n| n.id) {
            Some(id) => self.mark_next_done(id),
            None => {
                self.view.status = Some(
                    "Space ticks an action item on Notes, or in a person's view on the item".into(),
                )
            }
        }
    }

    /// `e`: edits the person (or on Team, the team) the screen points at.
    pub(super) fn edit(&mut self) {
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
