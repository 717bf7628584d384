//! Forms: a popup of labelled fields (text, a picker with type-to-filter, a toggle), each
//! validated as you type with its message beside it. One file per kind of record builds
//! the fields and turns them back into a record; `App::update` saves it in one transaction.

pub mod assessment;
mod field;
pub mod note;
pub mod offer;
pub mod person;
pub mod render;
pub mod role;
pub mod skill;
pub mod targets;
pub mod team;
pub mod training;

use super::data::Data;
use crate::model::{Assessment, Id, Note, Offer, Person, Skill, Training};
pub use field::{Area, Choice, Field, Input};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Which record a form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `None`: a new person.
    Person(Option<Id>),
    /// An assessment of this person: `id` `None` adds one, else corrects that one.
    Assessment { person: Id, id: Option<Id> },
    /// `None`: a new note.
    Note(Option<Id>),
    /// `None`: a new team.
    Team(Option<Id>),
    /// `None`: a new skill.
    Skill(Option<Id>),
    /// `None`: a new training.
    Training(Option<Id>),
    /// A person's own targets.
    Targets(Id),
    /// `None`: a new role.
    Role(Option<Id>),
    /// `None`: a new offer; else editing that offer.
    Offer(Option<Id>),
    /// Moving an offer of this person on.
    MoveOffer(Id),
}

/// A record a valid form gives back, for `App` to save.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Person(Person),
    Assessment(Assessment),
    Note(Note),
    Skill(Skill),
    Training(Training),
    /// A role's name and all its targets.
    Role(String, Vec<crate::model::Target>),
    /// A person's own targets, all of them.
    Targets(Id, Vec<crate::model::Target>),
    /// A new offer (`id` 0) or a moved one.
    Offer(Offer),
    /// A team's name and parent.
    Team(String, Option<Id>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: Kind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A save was tried: every message shows.
    pub tried: bool,
    /// Something was typed: Esc asks before discarding it.
    pub dirty: bool,
    /// Why the database refused the save (a constraint), shown under the fields.
    pub message: Option<String>,
    /// The popup the form was opened from (the roles list), shown again when it closes.
    pub back_to: Option<Box<super::view::Popup>>,
    /// The record as the database had it when the form opened: a save goes ahead only
    /// while it is unchanged (optimistic concurrency; no lock is held meanwhile).
    pub seen: Option<crate::store::Seen>,
}

impl Form {
    pub fn new(kind: Kind, title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            kind,
            title: title.into(),
            fields,
            focus: 0,
            tried: false,
            dirty: false,
            message: None,
            back_to: None,
            seen: None,
        }
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn previous(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    /// Feeds a key that is not a form command (Tab, Ctrl-S, Esc) to the focused field,
    /// then validates again.
    pub fn key(&mut self, key: KeyEvent, data: &Data) {
        let input = self.fields.get(self.focus).map(|f| &f.input);
        let is_text = matches!(input, Some(Input::Text(_) | Input::Toggle(_)));
        let own_enter = matches!(input, Some(Input::Area(_) | Input::Tags { .. }));
        match key.code {
            KeyCode::Enter if !own_enter => self.next(),
            KeyCode::Down if is_text => self.next(),
            KeyCode::Up if is_text => self.previous(),
            _ => {
                if let Some(f) = self.fields.get_mut(self.focus)
                    && f.key(key)
                {
                    f.touched = true;
                    self.dirty = true;
                    self.message = None;
                }
            }
        }
        self.grow();
        self.validate(data);
    }

    /// Forms with a line per target or developed skill keep one blank line at the end: once
    /// a skill is picked on the last line, a new blank one follows, so a role with ten
    /// targets is typed in one go.
    fn grow(&mut self) {
        let (start, per) = match self.kind {
            Kind::Role(_) => (role::TARGETS, role::PER_TARGET),
            Kind::Targets(_) => (0, role::PER_TARGET),
            Kind::Training(_) => (training::DEVELOPS, 2),
            _ => return,
        };
        let n = self.fields.len();
        if n < start + per || !(n - start).is_multiple_of(per) {
            return;
        }
        let last = &self.fields[n - per..];
        if last[0].picked().is_none() {
            return;
        }
        let mut line: Vec<Field> = last.to_vec();
        // Skill none, level 3, weight 1: the defaults of a new line.
        for (f, id) in line.iter_mut().zip([None, Some(3), Some(1)]) {
            f.blank(id);
        }
        self.fields.extend(line);
    }

    /// Checks every field, setting the messages; the record when all are valid.
    pub fn validate(&mut self, data: &Data) -> Option<Record> {
        for f in &mut self.fields {
            f.error = None;
            f.hint = None;
        }
        let record = self.validate_kind(data);
        // A picker whose text matches nothing has no value: the form does not save.
        let mut unchosen = false;
        for f in &mut self.fields {
            let Some(text) = f.unmatched().map(|u| crate::text::inert(u).into_owned()) else {
                continue;
            };
            if f.to_create().is_some() {
                f.hint = Some(format!(
                    "Saving creates {} ‘{text}’ too (one undo step)",
                    f.creates.unwrap_or("it")
                ));
                continue;
            }
            unchosen = true;
            f.error = Some(match f.creates {
                Some(kind) => {
                    f.hint = Some(format!("↓ or → create {kind} ‘{text}’ with this form"));
                    format!("no {kind} ‘{text}’")
                }
                None => format!("nothing matches ‘{text}’"),
            });
        }
        if unchosen { None } else { record }
    }

    fn validate_kind(&mut self, data: &Data) -> Option<Record> {
        match self.kind {
            Kind::Person(id) => person::validate(self, id, data).map(Record::Person),
            Kind::Assessment { person, id } => {
                assessment::validate(self, person, data).map(|mut a| {
                    a.rating.id = id.unwrap_or(0);
                    Record::Assessment(a)
                })
            }
            Kind::Skill(id) => skill::validate(self, id, data).map(Record::Skill),
            Kind::Training(id) => training::validate(self, id, data).map(Record::Training),
            Kind::Targets(p) => targets::validate(self, p, data).map(|t| Record::Targets(p, t)),
            Kind::Role(id) => role::validate(self, id, data).map(|(n, t)| Record::Role(n, t)),
            Kind::Offer(id) => offer::validate(self, data).map(|o| {
                Record::Offer(Offer {
                    id: id.unwrap_or(0),
                    ..o
                })
            }),
            Kind::MoveOffer(_) => offer::validate_move(self, data).map(Record::Offer),
            Kind::Note(id) => note::validate(self, id, data).map(Record::Note),
            Kind::Team(id) => team::validate(self, id, data).map(|(n, p)| Record::Team(n, p)),
        }
    }

    /// Sets a field's message (from a validator's result) and passes the value on.
    pub fn check<T>(&mut self, field: usize, r: Result<T, String>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                if let Some(f) = self.fields.get_mut(field) {
                    f.error = Some(e);
                }
                None
            }
        }
    }

    /// The messages that show: those of touched fields, or all once a save was tried.
    pub fn shown_error(&self, field: usize) -> Option<&str> {
        let f = self.fields.get(field)?;
        (self.tried || f.touched)
            .then_some(f.error.as_deref())
            .flatten()
    }

    /// Records the form creates on save (a team or role typed into a picker), by field.
    pub fn creates(&self) -> Vec<(usize, &'static str, String)> {
        self.fields
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.to_create().map(|(k, n)| (i, k, n)))
            .collect()
    }

    /// Pasted text, into the focused field; validated again like a key.
    pub fn paste(&mut self, text: &str, data: &Data) {
        if let Some(f) = self.fields.get_mut(self.focus)
            && f.paste(text)
        {
            f.touched = true;
            self.dirty = true;
            self.message = None;
        }
        self.grow();
        self.validate(data);
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::field::step;

    #[test]
    fn stepping_through_matches_wraps_and_recovers() {
        let m = [2, 5, 9];
        assert_eq!(step(&m, 2, true), 5);
        assert_eq!(step(&m, 9, true), 2, "wraps to the first");
        assert_eq!(step(&m, 2, false), 9, "wraps to the last");
        assert_eq!(
            step(&m, 7, true),
            2,
            "a filtered-out selection goes to the first match"
        );
        assert_eq!(step(&[], 7, true), 7, "nothing matches: stays");
    }
}
