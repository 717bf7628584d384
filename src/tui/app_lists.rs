//! The lists of each screen: which one is on, its rows under the filter, sorting and the
//! next or previous match.

use super::app::{App, Screen, sorts};
use super::list::ListState;
use super::screens;
use crate::keymap::Action;

impl App {
    /// The list the current screen moves through, filters and sorts.
    pub(super) fn list_mut(&mut self) -> &mut ListState {
        match self.view.screen {
            Screen::Team => &mut self.view.team.list,
            Screen::People => &mut self.view.people,
            Screen::Matrix => &mut self.view.matrix.list,
            Screen::Skills => &mut self.view.skills,
            Screen::Trainings => &mut self.view.trainings,
            Screen::Notes => &mut self.view.notes,
            Screen::Perception => &mut self.view.perception.list,
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
            Screen::Perception => &self.view.perception.list,
        }
    }

    /// The sort keys of the current screen's list.
    pub fn sorts(&self) -> &'static [&'static str] {
        sorts(self.view.screen)
    }

    /// Recomputes the rows of a screen's list from its filter and sort.
    pub(super) fn refilter(&mut self, screen: Screen) {
        let filter = self.list_of(screen).filter.clone();
        let rows = self.rows_for(screen, &filter);
        match screen {
            Screen::Team => {
                self.view.team.list.set_rows(rows);
                self.refresh_team_panel();
            }
            Screen::Perception => self.view.perception.refilter(),
            _ => self.list_of_mut(screen).set_rows(rows),
        }
    }

    pub(super) fn list_of(&self, screen: Screen) -> &ListState {
        let v = &self.view;
        match screen {
            Screen::Team => &v.team.list,
            Screen::People => &v.people,
            Screen::Matrix => &v.matrix.list,
            Screen::Skills => &v.skills,
            Screen::Trainings => &v.trainings,
            Screen::Notes => &v.notes,
            Screen::Perception => &v.perception.list,
        }
    }

    pub(super) fn list_of_mut(&mut self, screen: Screen) -> &mut ListState {
        let v = &mut self.view;
        match screen {
            Screen::Team => &mut v.team.list,
            Screen::People => &mut v.people,
            Screen::Matrix => &mut v.matrix.list,
            Screen::Skills => &mut v.skills,
            Screen::Trainings => &mut v.trainings,
            Screen::Notes => &mut v.notes,
            Screen::Perception => &mut v.perception.list,
        }
    }

    /// A screen's rows for a filter text, in its sort order.
    pub(super) fn rows_for(&self, screen: Screen, filter: &str) -> Vec<usize> {
        let d = &self.data;
        let v = &self.view;
        match screen {
            Screen::Team => screens::team::rows(d, filter),
            Screen::People => {
                screens::people::rows(d, filter, v.people.sort, v.scope.as_ref(), v.show_archived)
            }
            Screen::Matrix => {
                screens::people::rows(d, filter, v.matrix.list.sort, v.scope.as_ref(), false)
            }
            Screen::Skills => screens::skills::rows(d, filter, v.skills.sort),
            Screen::Trainings => screens::trainings::rows(d, filter, v.trainings.sort),
            Screen::Notes => screens::notes::rows(d, filter, v.notes.sort),
            Screen::Perception => {
                screens::perception::rows(&v.perception.panel, filter, v.perception.list.sort)
            }
        }
    }

    /// `n`/`N`: the next (previous) row matching the filter text, with every row shown.
    pub(super) fn find_match(&mut self, forward: bool) {
        let screen = self.view.screen;
        if !self.list().filter.is_empty() {
            let list = self.list_mut();
            list.search = std::mem::take(&mut list.filter);
            self.refilter(screen);
        }
        let text = self.list().search.clone();
        if text.trim().is_empty() {
            self.view.status = Some(format!(
                "{} finds rows matching the filter text: type one with {} first",
                self.keymap.label(Action::NextMatch),
                self.keymap.label(Action::Filter)
            ));
            return;
        }
        let hits: std::collections::HashSet<usize> =
            self.rows_for(screen, &text).into_iter().collect();
        let shown = crate::text::inert(&text).into_owned();
        match self.list().next_in(&hits, forward) {
            Some(p) => {
                let delta = p as isize - self.list().selected as isize;
                self.move_by(delta);
                let list = self.list();
                let nth = list.rows[..=list.selected]
                    .iter()
                    .filter(|r| hits.contains(r))
                    .count();
                self.view.status = Some(format!("Match {nth} of {} for “{shown}”", hits.len()));
            }
            None => self.view.status = Some(format!("No row matches “{shown}”")),
        }
    }
}
