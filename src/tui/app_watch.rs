//! Other writers (an import in another shell, a script): the app notices their commits
//! without a key press, shows the new data, and an open form whose record they changed says
//! so at once. The form keeps what the user typed and offers to take the new values; its
//! save is refused meanwhile (see `App::save`), so nothing is overwritten unseen.

use super::app::{App, Pending, Popup};
use super::forms::{self, Form, Kind};
use crate::keymap::Action;
use crate::store::{self, RecordRef};

impl App {
    /// Reloads when another process committed since the data was read, and marks an open
    /// form whose record changed. Cheap when nothing changed (one pragma on a file; on a
    /// server no query at all, see `Store::data_version_idle`). True when something on
    /// screen changed.
    pub fn poll_changes(&mut self) -> bool {
        if self.loading.is_some() {
            return false;
        }
        let Some(store) = &self.store else {
            return false;
        };
        if !self.damage_told
            && let Some(why) = store.damage_found()
        {
            self.damage_told = true;
            self.view.status = Some(format!(
                "This database file is damaged ({}): nothing will be saved. Quit, run `skillgap check` and restore a backup copy",
                crate::text::inert(&why)
            ));
            return true;
        }
        // The import running here commits on its own connection: read once it has ended.
        // A reload under way brings the changes; one after it is compared again.
        if self.import_running() || self.reload_running() {
            return false;
        }
        let Ok(now) = store.data_version_idle() else {
            return false;
        };
        if self.data.store_version == Some(now) {
            return false;
        }
        self.refresh();
        self.mark_stale_form();
        true
    }

    /// The record an edit form is about, to check before saving that nobody changed it.
    fn form_record(kind: Kind) -> Option<RecordRef> {
        Some(match kind {
            Kind::Person(Some(id)) => RecordRef::Person(id),
            Kind::Assessment { id: Some(id), .. } => RecordRef::Assessment(id),
            Kind::Note(Some(id)) => RecordRef::Note(id),
            Kind::Team(Some(id)) => RecordRef::Team(id),
            Kind::Skill(Some(id)) => RecordRef::Skill(id),
            Kind::Training(Some(id)) => RecordRef::Training(id),
            Kind::Targets(id) => RecordRef::Targets(id),
            Kind::Role(Some(id)) => RecordRef::Role(id),
            Kind::Offer(Some(id)) => RecordRef::Offer(id),
            Kind::MoveOffer(person) => RecordRef::Offers(person),
            _ => return None,
        })
    }

    /// Remembers the version of the record a form edits, as the database has it now.
    pub(super) fn remember_seen(&self, form: &mut Form) {
        let (Some(store), Some(record)) = (&self.store, Self::form_record(form.kind)) else {
            return;
        };
        match store.seen(record) {
            Ok(seen) => form.seen = seen,
            Err(e) => form.message = Some(format!("{e:#}")),
        }
    }

    /// Asks before a delete, remembering the record as it is now.
    pub(super) fn confirm_delete(&mut self, message: String, pending: Pending) {
        let record = match &pending {
            Pending::DeletePerson { id, .. } => Some(RecordRef::Person(*id)),
            Pending::DeleteSkill { id, .. } => Some(RecordRef::Skill(*id)),
            Pending::DeleteTraining { id, .. } => Some(RecordRef::Training(*id)),
            Pending::DeleteNote { id, .. } => Some(RecordRef::Note(*id)),
            Pending::DeleteAssessment { id, .. } => Some(RecordRef::Assessment(*id)),
            Pending::DeleteOffer { id, .. } => Some(RecordRef::Offer(*id)),
            Pending::DeleteTeam { id, .. } => Some(RecordRef::Team(*id)),
            Pending::DeleteRole { id, .. } => Some(RecordRef::Role(*id)),
            Pending::Discard(_) | Pending::QuitImporting => None,
        };
        self.asked_about = match (&self.store, record) {
            (Some(store), Some(r)) => store.seen(r).ok().flatten(),
            _ => None,
        };
        self.view.popup = Some(Popup::Confirm { message, pending });
    }

    /// The message of a form whose record changed elsewhere.
    pub(super) fn conflict_message(&self, changed: &store::Changed) -> String {
        format!(
            "{changed}. {} takes the new values (what you typed stays); {} cancels",
            self.keymap.label(Action::TakeNew),
            self.keymap.label(Action::Back),
        )
    }

    /// After a reload: an open form whose record another writer changed says what changed.
    fn mark_stale_form(&mut self) {
        let Some(Popup::Form(form)) = &self.view.popup else {
            return;
        };
        let (Some(store), Some(seen)) = (&self.store, &form.seen) else {
            return;
        };
        let message = match store.changes_since(seen) {
            Ok(None) => return,
            Ok(Some(changed)) => self.conflict_message(&changed),
            Err(e) => format!("{e:#}"),
        };
        if let Some(Popup::Form(form)) = &mut self.view.popup {
            form.message = Some(message);
        }
        self.view.status = Some("Changed elsewhere: see the form".into());
    }

    /// Ctrl-L in a form: the record's current values, with the fields the user typed into
    /// kept as typed; the next save goes ahead against the new version.
    pub(super) fn take_new(&mut self) {
        self.poll_changes();
        let Some(Popup::Form(form)) = &self.view.popup else {
            return;
        };
        let Some(mut fresh) = self.rebuild(form.kind) else {
            self.view.status = Some("This record no longer exists: Esc closes the form".into());
            return;
        };
        let Some(Popup::Form(form)) = self.view.popup.take() else {
            return;
        };
        let mut kept = Vec::new();
        for (new, old) in fresh.fields.iter_mut().zip(&form.fields) {
            if old.touched && new.label == old.label {
                new.input = old.input.clone();
                new.touched = true;
                kept.push(old.label);
            }
        }
        fresh.focus = form.focus;
        fresh.back_to = form.back_to;
        fresh.dirty = !kept.is_empty();
        fresh.message = Some(if kept.is_empty() {
            "Took the values saved elsewhere".into()
        } else {
            format!(
                "Took the values saved elsewhere; kept what you typed in {}",
                kept.join(", ")
            )
        });
        self.remember_seen(&mut fresh);
        fresh.validate(&self.data);
        self.view.popup = Some(Popup::Form(Box::new(fresh)));
    }

    /// A form of this kind built from the data as it is now; `None` when the record is gone.
    fn rebuild(&self, kind: Kind) -> Option<Form> {
        let d = &self.data;
        Some(match kind {
            Kind::Person(Some(id)) => {
                d.org.people.iter().find(|p| p.id == id)?;
                forms::person::form(d, Some(id), None)
            }
            Kind::Note(Some(id)) => {
                d.notes.iter().find(|n| n.id == id)?;
                forms::note::form(d, Some(id), None)
            }
            Kind::Team(Some(id)) => {
                d.org.team(id)?;
                forms::team::form(d, Some(id), None)
            }
            Kind::Skill(Some(id)) => {
                d.skill(id)?;
                forms::skill::form(d, Some(id))
            }
            Kind::Training(Some(id)) => {
                d.org.training(id)?;
                forms::training::form(d, Some(id))
            }
            Kind::Role(Some(id)) => {
                d.org.role(id)?;
                forms::role::form(d, Some(id))
            }
            Kind::Targets(id) => forms::targets::form(d, id),
            Kind::MoveOffer(person) => forms::offer::move_form(d, person, None),
            Kind::Offer(Some(id)) => {
                let o = d.org.offers.iter().find(|o| o.id == id)?;
                forms::offer::edit_form(d, o)
            }
            Kind::Assessment {
                person,
                id: Some(id),
            } => {
                let store = self.store.as_ref()?;
                let history = store::records::person_history(store.conn(), person).ok()?;
                let a = history.iter().find(|a| a.rating.id == id)?;
                forms::assessment::edit_form(d, a)
            }
            _ => return None,
        })
    }
}
