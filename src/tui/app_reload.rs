//! Showing changed data: a full reload after a change, a cheaper re-read of one person after
//! their assessments were saved, and keeping filters, sorts, selections and an open person's
//! cursor across either.

use super::app::{App, Screen};
use super::data::Data;
use super::list::ListState;
use super::screens;
use crate::model::Id;
use crate::store::Touched;
use anyhow::Result;

impl App {
    /// Reloads everything after the data changed, keeping filters and sorts.
    /// The selected team and people stay selected (by id) when rows were added before them.
    /// A large organisation is read in the background (`reload_job`).
    pub fn reload(&mut self) -> Result<()> {
        if self.reloads_in_background() {
            return self.start_reload();
        }
        let Some(store) = &self.store else {
            return Ok(());
        };
        let data = Data::load(store, &self.config, self.data.today)?;
        self.show_reloaded(data);
        Ok(())
    }

    /// Swaps in data read again, keeping what is selected.
    pub(super) fn show_reloaded(&mut self, data: Data) {
        // A history still being read was of the data replaced: read again when shown.
        self.history_load = None;
        let kept = self.selection();
        let old = std::mem::replace(&mut self.data, data);
        drop_in_background(old);
        self.show_changed_data(kept);
    }

    /// After assessments of one person were saved here (a form, a review sweep): reads their
    /// ratings again and keeps the rest, which gives what `reload` would at a fraction of
    /// its cost; reloads everything when another process wrote meanwhile. A failure goes
    /// to the status line.
    pub(super) fn refresh_person(&mut self, person: Id) {
        let kept = self.selection();
        let updated = match &self.store {
            Some(store) => self.data.reload_person(store, person),
            None => Ok(false),
        };
        match updated {
            Ok(true) => self.show_changed_data(kept),
            Ok(false) => self.refresh(),
            Err(e) => self.view.status = Some(format!("{e:#}")),
        }
    }

    /// After a change made here that touched `touched` (a save, a delete, an undo or a
    /// redo): reads again only the people it touched when that gives what `reload` would,
    /// else reloads everything. A failure goes to the status line.
    pub(super) fn refresh_touched(&mut self, touched: Option<&Touched>) {
        // Nothing written: nothing to show.
        let Some(touched) = touched else {
            return;
        };
        let kept = self.selection();
        let updated = match &self.store {
            Some(store) => self.data.apply(store, touched),
            None => Ok(false),
        };
        match updated {
            Ok(true) => self.show_changed_data(kept),
            Ok(false) => self.refresh(),
            Err(e) => self.view.status = Some(format!("{e:#}")),
        }
    }

    /// What is selected, by id, to select again after the data changed.
    fn selection(&self) -> Selection {
        let d = &self.data;
        let team = |l: &ListState| l.current().and_then(|i| d.teams.get(i)).map(|t| t.id);
        let person = |l: &ListState| l.current().and_then(|i| d.people.get(i)).map(|r| r.id);
        Selection {
            team: team(&self.view.team.list),
            people: person(&self.view.people),
            matrix: person(&self.view.matrix.list),
            item: self.person_item(),
        }
    }

    /// Rebuilds every view on changed data, keeping filters, sorts, the selection and an
    /// open person.
    fn show_changed_data(&mut self, kept: Selection) {
        self.read_history();
        if self.view.screen == Screen::Team {
            self.view.team.rebuild(&self.data);
        } else {
            self.view.team.data_changed(&self.data);
        }
        self.view.perception.data_changed();
        for s in Screen::ALL {
            self.refilter(s);
        }
        self.set_scope(self.view.scope.as_ref().map(|s| s.team));
        let d = &self.data;
        let v = &mut self.view;
        if let Some(id) = kept.team {
            select_where(&mut v.team.list, |i| {
                d.teams.get(i).map(|t| t.id) == Some(id)
            });
        }
        if let Some(id) = kept.people {
            select_where(&mut v.people, |i| d.people.get(i).map(|r| r.id) == Some(id));
        }
        if let Some(id) = kept.matrix {
            select_where(&mut v.matrix.list, |i| {
                d.people.get(i).map(|r| r.id) == Some(id)
            });
        }
        self.refresh_team_panel();
        if let Some(id) = self.view.person.as_ref().map(|p| p.detail.id) {
            if self.data.person(id).is_some() {
                // The cursor stays on its record when it still exists, else at its place.
                let (cursor, scroll) = self
                    .view
                    .person
                    .as_ref()
                    .map_or((0, 0), |p| (p.cursor, p.scroll.get()));
                self.open_person(id);
                if let Some(p) = &mut self.view.person {
                    p.cursor = kept
                        .item
                        .and_then(|it| p.items.iter().position(|&i| i == it))
                        .unwrap_or(cursor);
                    p.scroll.set(scroll);
                }
            } else {
                self.view.person = None;
            }
        }
    }

    /// Reloads after a change, reporting a failure on the status line.
    pub(super) fn refresh(&mut self) {
        if let Err(e) = self.reload() {
            self.view.status = Some(format!("{e:#}"));
        }
    }

    /// The Team screen's figures for the selected team, computed when that screen is shown
    /// (after a change made elsewhere they wait until it is).
    pub(super) fn refresh_team_panel(&mut self) {
        self.read_history();
        if self.view.screen == Screen::Team {
            self.view.team.refresh(&self.data);
        }
        if self.view.screen == Screen::Perception {
            let team = self.view.team.selected_team(&self.data);
            self.view.perception.refresh(&self.data, team);
        }
    }
}

impl App {
    /// Reads the assessment history and assessors when a screen that shows them (Team,
    /// Perception) is on and they are not read yet: once per data load, not per key.
    /// The history itself is read in the background (`poll_history` swaps it in); only the
    /// assessors, forgotten by an edit applied incrementally, are read again here.
    fn read_history(&mut self) {
        if !matches!(self.view.screen, Screen::Team | Screen::Perception) {
            return;
        }
        let Some(store) = &self.store else {
            return;
        };
        let read = if self.data.history.get().is_some() {
            self.data.read_history(store)
        } else if self.history_load.is_none() {
            super::loader::spawn_history(store.reopen(), self.data.analysis.settings.clone())
                .map(|load| self.history_load = Some(load))
        } else {
            Ok(())
        };
        if let Err(e) = read {
            self.view.status = Some(format!("{e:#}"));
        }
    }
}

/// The selected team (`Some(None)`: everyone) and people, by id.
struct Selection {
    team: Option<Option<Id>>,
    people: Option<Id>,
    matrix: Option<Id>,
    /// The record under the cursor of an open person.
    item: Option<screens::person::Item>,
}

/// Frees replaced data on another thread when it is large: 10,000 people take ~10 ms.
fn drop_in_background(data: Data) {
    if data.org.people.len() >= 1_000 {
        // Should no thread start, the data is dropped here instead.
        let _ = std::thread::Builder::new()
            .name("free".into())
            .spawn(move || drop(data));
    }
}

/// Selects the first row whose item satisfies `pred`; leaves the selection when none does.
fn select_where(list: &mut ListState, pred: impl Fn(usize) -> bool) {
    if let Some(pos) = list.rows.iter().position(|&i| pred(i)) {
        list.selected = pos;
    }
}
