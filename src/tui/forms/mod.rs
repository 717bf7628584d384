//! Forms: a popup of labelled fields (text, a picker with type-to-filter, a toggle), each
//! validated as you type with its message beside it. One file per kind of record builds
//! the fields and turns them back into a record; `App::update` saves it in one transaction.

pub mod assessment;
pub mod person;
pub mod render;
pub mod team;

use super::data::Data;
use crate::model::{Assessment, Id, Person};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// One option of a picker. `id` is the record's id (or the index of a fixed option);
/// `None` is "(none)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: Option<Id>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Text(String),
    /// A reference: type to narrow the choices, Up/Down to move among the matches.
    Pick {
        choices: Vec<Choice>,
        filter: String,
        /// Index into `choices`.
        selected: usize,
    },
    Toggle(bool),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub input: Input,
    /// The validation message shown beside the field.
    pub error: Option<String>,
    /// A line of help under the field (the rubric line of the level being picked).
    pub hint: Option<String>,
    /// Typed into: its message shows before a save is tried.
    pub touched: bool,
}

impl Field {
    pub fn text(label: &'static str, value: impl Into<String>) -> Field {
        Field {
            label,
            input: Input::Text(value.into()),
            error: None,
            hint: None,
            touched: false,
        }
    }

    pub fn pick(label: &'static str, choices: Vec<Choice>, selected: Option<Id>) -> Field {
        let selected = choices.iter().position(|c| c.id == selected).unwrap_or(0);
        Field {
            label,
            input: Input::Pick {
                choices,
                filter: String::new(),
                selected,
            },
            error: None,
            hint: None,
            touched: false,
        }
    }

    pub fn toggle(label: &'static str, on: bool) -> Field {
        Field {
            label,
            input: Input::Toggle(on),
            error: None,
            hint: None,
            touched: false,
        }
    }

    /// The text of a text field ("" for others).
    pub fn value(&self) -> &str {
        match &self.input {
            Input::Text(s) => s,
            _ => "",
        }
    }

    /// The picked id of a picker (`None` for "(none)", for an empty picker, for others).
    pub fn picked(&self) -> Option<Id> {
        match &self.input {
            Input::Pick {
                choices, selected, ..
            } => choices.get(*selected).and_then(|c| c.id),
            _ => None,
        }
    }

    pub fn on(&self) -> bool {
        matches!(self.input, Input::Toggle(true))
    }

    /// The indexes of the choices that match the filter.
    pub fn matches(&self) -> Vec<usize> {
        match &self.input {
            Input::Pick {
                choices, filter, ..
            } => choices
                .iter()
                .enumerate()
                .filter(|(_, c)| super::list::matches(&c.label.to_lowercase(), filter))
                .map(|(i, _)| i)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Feeds a key to the field; true when it changed the value.
    fn key(&mut self, key: KeyEvent) -> bool {
        let matches = self.matches();
        match &mut self.input {
            Input::Text(s) => match key.code {
                KeyCode::Char(c) if !c.is_control() => {
                    s.push(c);
                    true
                }
                KeyCode::Backspace => s.pop().is_some(),
                _ => false,
            },
            Input::Toggle(on) => match key.code {
                KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right => {
                    *on = !*on;
                    true
                }
                KeyCode::Char('y') => !std::mem::replace(on, true),
                KeyCode::Char('n') => std::mem::replace(on, false),
                _ => false,
            },
            Input::Pick {
                filter, selected, ..
            } => {
                let before = *selected;
                match key.code {
                    KeyCode::Char(c) if !c.is_control() => filter.push(c),
                    KeyCode::Backspace => {
                        filter.pop();
                    }
                    KeyCode::Down | KeyCode::Up => {
                        let pos = matches.iter().position(|&i| i == *selected);
                        let next = match (pos, key.code == KeyCode::Down) {
                            (None, _) => matches.first(),
                            (Some(p), true) => matches.get(p + 1).or(matches.first()),
                            (Some(p), false) => p
                                .checked_sub(1)
                                .and_then(|p| matches.get(p))
                                .or(matches.last()),
                        };
                        if let Some(&n) = next {
                            *selected = n;
                        }
                        return *selected != before;
                    }
                    _ => return false,
                }
                // Typing narrows the list and picks the first match.
                let now = self.matches();
                if let (Input::Pick { selected, .. }, Some(&first)) = (&mut self.input, now.first())
                    && !now.contains(selected)
                {
                    *selected = first;
                }
                true
            }
        }
    }
}

/// Which record a form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `None`: a new person.
    Person(Option<Id>),
    /// A new assessment of this person.
    Assessment(Id),
    /// `None`: a new team.
    Team(Option<Id>),
}

/// A record a valid form gives back, for `App` to save.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Person(Person),
    Assessment(Assessment),
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
        let is_text = matches!(
            self.fields.get(self.focus).map(|f| &f.input),
            Some(Input::Text(_) | Input::Toggle(_))
        );
        match key.code {
            KeyCode::Enter => self.next(),
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
        self.validate(data);
    }

    /// Checks every field, setting the messages; the record when all are valid.
    pub fn validate(&mut self, data: &Data) -> Option<Record> {
        for f in &mut self.fields {
            f.error = None;
            f.hint = None;
        }
        match self.kind {
            Kind::Person(id) => person::validate(self, id, data).map(Record::Person),
            Kind::Assessment(p) => assessment::validate(self, p, data).map(Record::Assessment),
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

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }
}
