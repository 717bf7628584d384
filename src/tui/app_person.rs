//! Keys in an open person's view: the cursor walks the view's items (the person, skills,
//! assessments, offers, recommendations, notes and their action items) and the keys act on
//! the selected one: correct or delete this assessment, move or delete this offer, offer this
//! recommendation, tick this action item.

use super::app::{App, Pending, PersonView};
use super::data::PersonDetail;
use super::forms;
use super::screens::person::{self, Item};
use crate::keymap::Action;
use crate::model::Id;
use crate::store;

impl App {
    /// The selected item of the open person's view.
    pub(super) fn person_item(&self) -> Option<Item> {
        self.view.person.as_ref()?.item()
    }

    /// Handles `action` when a person's view is open and no popup is; false leaves it to
    /// the screen-wide handling in `update`.
    pub(super) fn person_action(&mut self, action: Action) -> bool {
        let Some(pv) = &self.view.person else {
            return false;
        };
        let items = &pv.items;
        let last = items.len().saturating_sub(1);
        let at = pv.cursor.min(last);
        let page = 10;
        let to = match action {
            Action::Down => Some(at + 1),
            Action::Up => Some(at.saturating_sub(1)),
            Action::PageDown => Some(at + page),
            Action::PageUp => Some(at.saturating_sub(page)),
            Action::Top => Some(0),
            Action::Bottom => Some(last),
            Action::Right => Some(person::section_jump(items, at, true)),
            Action::Left => Some(person::section_jump(items, at, false)),
            _ => None,
        };
        if let Some(to) = to {
            if let Some(pv) = &mut self.view.person {
                pv.cursor = to.min(last);
            }
            return true;
        }
        let item = items.get(at).copied().unwrap_or(Item::Person);
        match (action, item) {
            (Action::Open, Item::Person) | (Action::Edit, Item::Person | Item::Skill(_)) => false,
            (Action::Open | Action::Add, Item::Skill(skill)) => {
                self.assess(Some(skill));
                true
            }
            (Action::Add, Item::Assessment(id)) => {
                let skill = self.assessment(id).map(|a| a.rating.skill_id);
                self.assess(skill);
                true
            }
            // `a` adds one of what is selected: a note on the notes, an offer on the offers.
            (Action::Add, Item::Note(_) | Item::ActionItem(..))
            | (Action::Open | Action::Add, Item::Notes) => {
                let form = forms::note::form(&self.data, None, Some(self.person_id()));
                self.open_form(form);
                true
            }
            (Action::Add, Item::Offer(_)) | (Action::Open | Action::Add, Item::Offers) => {
                let form = forms::offer::form(&self.data, Some(self.person_id()), None);
                self.open_form(form);
                true
            }
            (Action::Open | Action::Edit, Item::Assessment(id)) => {
                if let Some(a) = self.assessment(id).cloned() {
                    let form = forms::assessment::edit_form(&self.data, &a);
                    self.open_form(form);
                }
                true
            }
            (Action::Open | Action::Edit, Item::Offer(id)) => {
                if let Some(o) = self.data.org.offers.iter().find(|o| o.id == id) {
                    let form = forms::offer::edit_form(&self.data, o);
                    self.open_form(form);
                }
                true
            }
            (Action::MoveOffer, Item::Offer(id)) => {
                let pid = self.person_id();
                let form = forms::offer::move_form(&self.data, pid, Some(id));
                self.open_form(form);
                true
            }
            (Action::Open | Action::Offer, Item::Recommendation(_, training)) => {
                let form = forms::offer::form(&self.data, Some(self.person_id()), Some(training));
                self.open_form(form);
                true
            }
            (Action::Offer, Item::Skill(skill)) => {
                let pid = self.person_id();
                let rec = self
                    .data
                    .analysis
                    .recommendations(&self.data.org, pid)
                    .into_iter()
                    .find(|r| r.skill_id == skill);
                match rec {
                    Some(r) => {
                        let form = forms::offer::form(&self.data, Some(pid), Some(r.training_id));
                        self.open_form(form);
                    }
                    None => {
                        self.view.status = Some(format!(
                            "No training recommended for {}: no gap, or no training develops it",
                            self.data.skill_name(skill)
                        ))
                    }
                }
                true
            }
            (Action::Open | Action::Edit, Item::Note(id) | Item::ActionItem(id, _)) => {
                let form = forms::note::form(&self.data, Some(id), None);
                self.open_form(form);
                true
            }
            (Action::ToggleDone, Item::Note(id)) => {
                self.mark_next_done(id);
                true
            }
            (Action::ToggleDone, Item::ActionItem(id, line)) => {
                self.toggle_item(id, line);
                true
            }
            (Action::ToggleDone, _) => {
                self.view.status =
                    Some("Space ticks an action item: move to one under One-on-one notes".into());
                true
            }
            (Action::Delete, Item::Assessment(id)) => {
                self.ask_delete_assessment(id);
                true
            }
            (Action::Delete, Item::Offer(id)) => {
                self.ask_delete_offer(id);
                true
            }
            (Action::Delete, Item::Note(id) | Item::ActionItem(id, _)) => {
                self.ask_delete_note(id);
                true
            }
            (
                Action::Delete,
                Item::Skill(_) | Item::Recommendation(..) | Item::Offers | Item::Notes,
            ) => {
                self.view.status = Some(format!(
                    "Nothing to delete on this line: {} sets own targets; on the top line {} deletes the person",
                    self.keymap.label(Action::Targets),
                    self.keymap.label(Action::Delete)
                ));
                true
            }
            _ => false,
        }
    }

    /// Puts the cursor on `item` when the open person's view has it.
    pub(super) fn select_item(&mut self, item: Item) {
        if let Some(pv) = &mut self.view.person
            && let Some(at) = pv.items.iter().position(|&i| i == item)
        {
            pv.cursor = at;
        }
    }

    fn person_id(&self) -> Id {
        self.view.person.as_ref().map_or(0, |p| p.detail.id)
    }

    /// An assessment of the open person's history.
    fn assessment(&self, id: Id) -> Option<&crate::model::Assessment> {
        let pv = self.view.person.as_ref()?;
        pv.detail.history.iter().find(|a| a.rating.id == id)
    }

    /// A new assessment of the open person, starting on `skill`.
    fn assess(&mut self, skill: Option<Id>) {
        let form = forms::assessment::form(&self.data, self.person_id(), skill);
        self.open_form(form);
    }

    fn ask_delete_assessment(&mut self, id: Id) {
        let Some(a) = self.assessment(id) else {
            return;
        };
        let r = &a.rating;
        let name = format!(
            "the assessment of {}: {} {} ({}, {})",
            self.data.person_name(r.person_id),
            self.data.skill_name(r.skill_id),
            r.level,
            r.source,
            r.assessed_on
        );
        let message = format!(
            "Delete {name}? Their latest {} level falls back to the one before. u undoes it in this run.",
            r.source
        );
        self.confirm_delete(message, Pending::DeleteAssessment { id, name });
    }

    fn ask_delete_offer(&mut self, id: Id) {
        let Some(o) = self.data.org.offers.iter().find(|o| o.id == id) else {
            return;
        };
        let name = format!(
            "the offer of {} to {} ({}, offered {})",
            self.data.training_title(o.training_id),
            self.data.person_name(o.person_id),
            o.status,
            o.offered_on
        );
        let message = format!(
            "Delete {name}? The funnel and coverage count it no more. u undoes it in this run."
        );
        self.confirm_delete(message, Pending::DeleteOffer { id, name });
    }

    /// Marks the first open action item of a note done.
    pub(super) fn mark_next_done(&mut self, note: Id) {
        let Some(n) = self.data.notes.iter().find(|n| n.id == note) else {
            return;
        };
        match n.action_items().iter().find(|a| !a.done) {
            Some(a) => self.toggle_item(note, a.line),
            None => self.view.status = Some("No open action items in this note".into()),
        }
    }

    /// Ticks an action item done, or opens it again (one change, undoable).
    pub(super) fn toggle_item(&mut self, note: Id, line: usize) {
        let Some(n) = self.data.notes.iter().find(|n| n.id == note).cloned() else {
            return;
        };
        let items = n.action_items();
        let Some(item) = items.iter().find(|a| a.line == line) else {
            return;
        };
        let Some(body) = crate::model::toggle_action_item(&n.body, line) else {
            return;
        };
        let text = crate::text::inert(&item.text).into_owned();
        let (verb, done) = if item.done {
            ("open again", "Open again")
        } else {
            ("mark done", "Done")
        };
        let updated = crate::model::Note { body, ..n };
        match self.run_change(format!("{verb}: {text}"), |c| {
            store::records::update_note(c, &updated)
        }) {
            Ok(()) => {
                let open = crate::model::open_action_items(&updated.body);
                self.view.status = Some(format!(
                    "{done}: {text} ({open} open left) · {} undoes",
                    self.keymap.label(Action::Undo)
                ));
            }
            Err(e) => self.view.status = Some(e),
        }
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
        // The lines the cursor walks, fixed until the data changes (which opens it again).
        let items = person::items(&self.data, &detail);
        let trend = super::insight::person_trend(&self.data, id, &detail.history);
        self.view.person = Some(PersonView {
            detail,
            items,
            cursor: 0,
            scroll: std::cell::Cell::new(0),
            trend,
        });
    }
}
