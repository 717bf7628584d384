//! Everything that writes: saving a form (one transaction, committed at once), deleting
//! (asked first, naming what goes with it), answering those questions, and undo and redo of
//! every change made in this run. Opening forms lives in `app_edit`.

use super::app::{App, Pending, Popup};
use super::forms::{Kind, Record};
use crate::keymap::Action;
use crate::store;

impl App {
    /// `d`: asks before deleting the person the screen points at, saying what goes with them.
    pub(super) fn ask_delete(&mut self) {
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
                    self.confirm_delete(message, Pending::DeleteTraining { id, name });
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
                    self.confirm_delete(message, Pending::DeleteSkill { id, name });
                }
                Err(e) => self.view.status = Some(format!("{e:#}")),
            }
            return;
        }
        if let Some(id) = self.current_note().map(|n| n.id) {
            self.ask_delete_note(id);
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
                    self.confirm_delete(message, Pending::DeleteTeam { id, name });
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
        self.confirm_delete(message, Pending::DeletePerson { id, name });
    }

    /// Asks before deleting a note, saying what goes with it.
    pub(super) fn ask_delete_note(&mut self, id: crate::model::Id) {
        let Some(n) = self.data.notes.iter().find(|n| n.id == id) else {
            return;
        };
        let name = format!(
            "the note of {} from {}",
            self.data.person_name(n.person_id),
            n.date
        );
        let open = crate::model::open_action_items(&n.body);
        let message = format!(
            "Delete {name}? Its text, {} and {} go with it. u undoes it in this run.",
            count(open as i64, "open action item", "open action items"),
            count(n.skill_ids.len() as i64, "skill tag", "skill tags"),
        );
        self.confirm_delete(message, Pending::DeleteNote { id, name });
    }

    /// The answer to a confirmation.
    pub(super) fn answer(&mut self, yes: bool) {
        let Some(Popup::Confirm { pending, .. }) = self.view.popup.take() else {
            return;
        };
        match (pending, yes) {
            (Pending::Discard(form), true) => {
                self.view.status = Some("Discarded".into());
                self.view.popup = form.back_to.map(|b| *b);
            }
            (Pending::Discard(form), false) => self.view.popup = Some(Popup::Form(form)),
            (Pending::QuitImporting, yes) => self.answer_quit(yes),
            (Pending::DeleteRole { id, name }, yes) => self.answer_delete_role(id, name, yes),
            (Pending::DeleteTeam { id, name }, true) => {
                self.delete(
                    format!("delete team {name}"),
                    format!("Deleted team {name}"),
                    |c| store::teams::delete_team(c, id),
                );
            }
            (Pending::DeleteTraining { id, name }, true) => {
                self.delete(
                    format!("delete training {name}"),
                    format!("Deleted training {name}"),
                    |c| store::records::delete_training(c, id),
                );
            }
            (Pending::DeleteSkill { id, name }, true) => {
                self.delete(
                    format!("delete skill {name}"),
                    format!("Deleted skill {name}"),
                    |c| store::skills::delete_skill(c, id),
                );
            }
            (Pending::DeleteNote { id, name }, true) => {
                let deleted =
                    self.delete(format!("delete {name}"), format!("Deleted {name}"), |c| {
                        store::records::delete_note(c, id)
                    });
                // A note's text is erased like a person's.
                if deleted && let Some(Err(e)) = self.store.as_ref().map(|s| s.erase_soon()) {
                    self.view.status = Some(format!("Deleted, but the log was not cleared: {e:#}"));
                }
            }
            (Pending::DeleteAssessment { id, name }, true) => {
                self.delete(format!("delete {name}"), format!("Deleted {name}"), |c| {
                    store::records::delete_assessment(c, id)
                });
            }
            (Pending::DeleteOffer { id, name }, true) => {
                self.delete(format!("delete {name}"), format!("Deleted {name}"), |c| {
                    store::records::delete_offer(c, id)
                });
            }
            (
                Pending::DeletePerson { .. }
                | Pending::DeleteAssessment { .. }
                | Pending::DeleteOffer { .. }
                | Pending::DeleteTeam { .. }
                | Pending::DeleteNote { .. }
                | Pending::DeleteSkill { .. }
                | Pending::DeleteTraining { .. },
                false,
            ) => self.view.status = Some("Nothing deleted".into()),
            (Pending::DeletePerson { id, name }, true) => {
                let deleted = self.delete(
                    format!("delete person {name}"),
                    format!("Deleted {name}"),
                    |c| store::people::delete_person(c, id),
                );
                // The deleted text leaves the file and its WAL now, or in the background
                // while a reader blocks that; the undo log keeps it in memory for this run.
                if deleted && let Some(Err(e)) = self.store.as_ref().map(|s| s.erase_soon()) {
                    self.view.status = Some(format!("Deleted, but the log was not cleared: {e:#}"));
                }
            }
        }
    }

    /// Runs one change through the store (one transaction, committed at once, recorded for
    /// undo) and reloads every view.
    pub(super) fn run_change<T>(
        &mut self,
        label: String,
        f: impl FnOnce(&crate::store::Db) -> store::Result<T>,
    ) -> Result<T, String> {
        if let Some(message) = self.write_waits("try") {
            return Err(message);
        }
        let Some(store) = &mut self.store else {
            return Err("no database is open".into());
        };
        // A delete asked about a record goes ahead only while it is as it was when asked.
        let seen = self.asked_about.take();
        let (out, change) = store
            .edit(label, |c| {
                if let Some(seen) = &seen {
                    store::Store::expect_unchanged(c, seen)?;
                }
                f(c)
            })
            .map_err(|e| format!("{e:#}"))?;
        let touched = change.as_ref().map(|c| c.touched().clone());
        self.history.push(change);
        self.refresh_touched(touched.as_ref());
        Ok(out)
    }

    /// A confirmed delete: runs it and says on the status line what happened. True when done.
    pub(super) fn delete<T>(
        &mut self,
        label: String,
        done: String,
        f: impl FnOnce(&crate::store::Db) -> store::Result<T>,
    ) -> bool {
        match self.run_change(label, f) {
            Ok(_) => {
                self.view.status = Some(format!(
                    "{done} · {} undoes",
                    self.keymap.label(Action::Undo)
                ));
                true
            }
            Err(e) => {
                self.view.status = Some(format!("Not deleted: {e}"));
                false
            }
        }
    }

    /// Esc on a form: closes it, asking first when something was typed.
    pub(super) fn cancel_form(&mut self) {
        match self.view.popup.take() {
            Some(Popup::Form(form)) if form.dirty => {
                self.view.popup = Some(Popup::Confirm {
                    message: "Discard what you typed in this form?".into(),
                    pending: Pending::Discard(form),
                });
            }
            Some(Popup::Form(form)) => self.view.popup = form.back_to.map(|b| *b),
            _ => {}
        }
    }

    /// Ctrl-S: validates the form and saves it in one transaction, or shows why not.
    pub(super) fn save(&mut self) {
        let Some(Popup::Form(form)) = &mut self.view.popup else {
            return;
        };
        form.tried = true;
        let Some(record) = form.validate(&self.data) else {
            self.view.status = Some("Not saved: fix the fields marked ✗".into());
            return;
        };
        // An import holds the database: refused at once, the form kept as typed.
        if let Some(message) = self.write_waits("save") {
            if let Some(Popup::Form(form)) = &mut self.view.popup {
                form.message = Some(format!("not saved: {message}; what you typed stays"));
            }
            self.view.status = Some(format!("Not saved: {message}"));
            return;
        }
        let Some(Popup::Form(form)) = &mut self.view.popup else {
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
            (Record::Offer(o), Kind::Offer(Some(_))) => format!(
                "edit offer of {} to {}",
                self.data.training_title(o.training_id),
                self.data.person_name(o.person_id)
            ),
            (Record::Offer(o), Kind::Offer(None)) => format!(
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
                "{} assessment of {}: {} {}",
                if a.rating.id == 0 { "add" } else { "correct" },
                self.data.person_name(a.rating.person_id),
                self.data
                    .skill(a.rating.skill_id)
                    .map(|s| crate::text::inert(&s.key).into_owned())
                    .unwrap_or_default(),
                a.rating.level
            ),
        };
        // A team or role typed into the person form's picker is created in the same step.
        let creates = form.creates();
        let mut label = label;
        for (_, kind, name) in &creates {
            label.push_str(&format!(" and {kind} {}", name.trim()));
        }
        let seen = form.seen.clone();
        let result = store.edit(label.clone(), |c| {
            if let Some(seen) = &seen {
                store::Store::expect_unchanged(c, seen)?;
            }
            let record = with_created(c, &record, &creates)?;
            save_record(c, &record, form.kind, &self.data)
        });
        match result {
            Ok((id, change)) => {
                let back = form.back_to.take();
                let touched = change.as_ref().map(|c| c.touched().clone());
                self.history.push(change);
                self.view.popup = back.map(|b| *b);
                self.refresh_touched(touched.as_ref());
                // Back in the roles list: the role just saved is selected.
                if let Some(Popup::Roles(v)) = &mut self.view.popup {
                    *v = super::popups::roles::RolesView::at(&self.data, Some(id));
                }
                self.view.status = Some(format!(
                    "Saved: {} · {} undoes",
                    crate::text::inert(&label),
                    self.keymap.label(Action::Undo)
                ));
            }
            Err(store::StoreError::Changed(changed)) => {
                // Someone else saved this record since the form opened: nothing written,
                // the form stays open with what was typed.
                let message = format!("Not saved: {}", self.conflict_message(&changed));
                if let Some(Popup::Form(form)) = &mut self.view.popup {
                    form.message = Some(message);
                }
                self.view.status = Some("Not saved: changed elsewhere".into());
            }
            Err(e) => {
                // A constraint the checks above missed: shown in the form, nothing saved.
                form.message = Some(format!("not saved: {e}"));
                self.view.status = Some("Not saved".into());
            }
        }
    }

    /// `u` (or Ctrl-R with `redo`): undoes (redoes) the latest change of this run.
    pub(super) fn undo(&mut self, redo: bool) {
        if let Some(message) = self.write_waits(if redo { "redo" } else { "undo" }) {
            self.view.status = Some(message);
            return;
        }
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
                let touched = self.history.last_touched(redo).cloned();
                self.refresh_touched(touched.as_ref());
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

/// The record with the team or role the form asked to create made first (inside the same
/// transaction, so one undo takes both back) and set on the person.
fn with_created(
    c: &store::Db,
    record: &Record,
    creates: &[(usize, &'static str, String)],
) -> store::Result<Record> {
    let mut record = record.clone();
    if let Record::Person(p) = &mut record {
        for (field, kind, name) in creates {
            let id = match *kind {
                "team" => store::teams::insert_team(c, name, None)?,
                _ => store::teams::insert_role(c, name)?,
            };
            match *field {
                super::forms::person::TEAM => p.team_id = Some(id),
                _ => p.role_id = Some(id),
            }
        }
    }
    Ok(record)
}

/// Writes a valid form's record (inside the edit's transaction); returns its id.
fn save_record(
    c: &crate::store::Db,
    record: &Record,
    kind: Kind,
    data: &super::data::Data,
) -> store::Result<crate::model::Id> {
    match record {
        Record::Person(p) if p.id == 0 => store::people::insert_person(c, p),
        Record::Person(p) => store::people::update_person(c, p).map(|()| p.id),
        Record::Assessment(a) if a.rating.id == 0 => store::records::insert_assessment(c, a),
        Record::Assessment(a) => store::records::update_assessment(c, a).map(|()| a.rating.id),
        Record::Role(n, targets) => match kind {
            Kind::Role(Some(id)) => store::teams::update_role(c, id, n, targets).map(|()| id),
            _ => {
                let id = store::teams::insert_role(c, n)?;
                store::teams::set_role_targets(c, id, targets)?;
                Ok(id)
            }
        },
        Record::Targets(p, targets) => {
            let old: Vec<crate::model::Id> = data
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
        Record::Team(n, parent) => match kind {
            Kind::Team(Some(id)) => store::teams::update_team(c, id, n, *parent).map(|()| id),
            _ => store::teams::insert_team(c, n, *parent),
        },
    }
}

/// "14 assessments", "1 note", "no offers".
pub(super) fn count(n: i64, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}
