//! Forms: a popup of labelled fields (text, a picker with type-to-filter, a toggle), each
//! validated as you type with its message beside it. One file per kind of record builds
//! the fields and turns them back into a record; `App::update` saves it in one transaction.

pub mod assessment;
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
use super::input::LineInput;
use crate::model::{Assessment, Id, Note, Offer, Person, Skill, Training};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One option of a picker. `id` is the record's id (or the index of a fixed option);
/// `None` is "(none)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: Option<Id>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// One line, edited like a shell line (`input::LineInput`).
    Text(LineInput),
    /// A reference: type to narrow the choices, Up/Down (or Left/Right) to move among the
    /// matches. Text that matches nothing picks nothing: the form will not save until it is
    /// changed (or, for a team or role, until "create" is chosen with Down/Right).
    Pick {
        choices: Vec<Choice>,
        filter: String,
        /// Index into `choices`.
        selected: usize,
        /// The choice the form opened with: clearing the text goes back to it (or to
        /// "(none)" where that is a choice).
        initial: usize,
        /// Nothing matches `filter` and the user chose to create it (team and role pickers).
        create: bool,
    },
    Toggle(bool),
    /// Several references (skill tags): type to narrow, Up/Down to move, Enter to tag or
    /// untag the highlighted one.
    Tags {
        choices: Vec<Choice>,
        filter: String,
        /// Index into `choices`: the highlighted one.
        selected: usize,
        chosen: Vec<Id>,
    },
    /// A multi-line text (Enter is a new line).
    Area(Area),
}

/// A multi-line editor, compared by its text.
#[derive(Debug, Clone)]
pub struct Area(pub Box<ratatui_textarea::TextArea<'static>>);

impl Area {
    pub fn new(text: &str) -> Area {
        let lines = if text.is_empty() {
            Vec::new()
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        Area(Box::new(ratatui_textarea::TextArea::new(lines)))
    }

    pub fn text(&self) -> String {
        self.0.lines().join("\n")
    }
}

impl PartialEq for Area {
    fn eq(&self, other: &Area) -> bool {
        self.0.lines() == other.0.lines()
    }
}

impl Eq for Area {}

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
    /// A picker whose unmatched text may create a record of this kind ("team", "role").
    pub creates: Option<&'static str>,
}

impl Field {
    pub fn text(label: &'static str, value: impl Into<String>) -> Field {
        Field {
            label,
            input: Input::Text(LineInput::new(&value.into())),
            error: None,
            hint: None,
            touched: false,
            creates: None,
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
                initial: selected,
                create: false,
            },
            error: None,
            hint: None,
            touched: false,
            creates: None,
        }
    }

    pub fn tags(label: &'static str, choices: Vec<Choice>, chosen: Vec<Id>) -> Field {
        Field {
            label,
            input: Input::Tags {
                choices,
                filter: String::new(),
                selected: 0,
                chosen,
            },
            error: None,
            hint: None,
            touched: false,
            creates: None,
        }
    }

    pub fn area(label: &'static str, text: &str) -> Field {
        Field {
            label,
            input: Input::Area(Area::new(text)),
            error: None,
            hint: None,
            touched: false,
            creates: None,
        }
    }

    /// The text of a multi-line field.
    pub fn area_text(&self) -> String {
        match &self.input {
            Input::Area(a) => a.text(),
            _ => String::new(),
        }
    }

    /// The chosen ids of a tags field.
    pub fn chosen(&self) -> Vec<Id> {
        match &self.input {
            Input::Tags { chosen, .. } => chosen.clone(),
            _ => Vec::new(),
        }
    }

    pub fn toggle(label: &'static str, on: bool) -> Field {
        Field {
            label,
            input: Input::Toggle(on),
            error: None,
            hint: None,
            touched: false,
            creates: None,
        }
    }

    /// A picker that offers to create a `kind` ("team", "role") when nothing matches.
    pub fn creating(mut self, kind: &'static str) -> Field {
        self.creates = Some(kind);
        self
    }

    /// The text of a text field ("" for others).
    pub fn value(&self) -> &str {
        match &self.input {
            Input::Text(s) => s.text(),
            _ => "",
        }
    }

    /// A picker's typed text when nothing matches it ("" otherwise).
    pub fn unmatched(&self) -> Option<&str> {
        match &self.input {
            Input::Pick { filter, .. }
                if !filter.trim().is_empty() && self.matches().is_empty() =>
            {
                Some(filter.trim())
            }
            _ => None,
        }
    }

    /// The name of a record to create with the form: the picker's text when nothing
    /// matched it and the user chose "create".
    pub fn to_create(&self) -> Option<(&'static str, String)> {
        match &self.input {
            Input::Pick { create: true, .. } => {
                Some((self.creates?, self.unmatched()?.to_string()))
            }
            _ => None,
        }
    }

    /// Pasted text: inserted at the cursor of a text field (line breaks become spaces), kept
    /// whole in a long text, added to a picker's text. True when the value changed.
    pub fn paste(&mut self, text: &str) -> bool {
        match &mut self.input {
            Input::Text(s) => s.paste(text),
            Input::Area(a) => a.0.insert_str(text),
            Input::Pick { .. } | Input::Tags { .. } => {
                let mut changed = false;
                for c in super::input::one_line(text).chars() {
                    changed |= self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                }
                changed
            }
            Input::Toggle(_) => false,
        }
    }

    /// The picked id of a picker (`None` for "(none)", for an empty picker, for others).
    /// A picker as new: no filter, no message, this choice selected.
    fn blank(&mut self, id: Option<Id>) {
        if let Input::Pick { filter, .. } = &mut self.input {
            filter.clear();
        }
        self.select(id);
        self.error = None;
        self.hint = None;
        self.touched = false;
    }

    /// Selects the choice with this id in a picker (a prefilled form); no-op otherwise.
    pub fn select(&mut self, id: Option<Id>) {
        if let Input::Pick {
            choices,
            selected,
            initial,
            ..
        } = &mut self.input
            && let Some(i) = choices.iter().position(|c| c.id == id)
        {
            *selected = i;
            *initial = i;
        }
    }

    pub fn picked(&self) -> Option<Id> {
        if self.unmatched().is_some() {
            return None;
        }
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
            }
            | Input::Tags {
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
        if let Input::Tags {
            choices,
            selected,
            chosen,
            filter,
        } = &mut self.input
        {
            match key.code {
                KeyCode::Enter => {
                    if matches.contains(selected)
                        && let Some(id) = choices.get(*selected).and_then(|c| c.id)
                    {
                        if let Some(p) = chosen.iter().position(|&c| c == id) {
                            chosen.remove(p);
                        } else {
                            chosen.push(id);
                        }
                        return true;
                    }
                    return false;
                }
                KeyCode::Down | KeyCode::Up => {
                    *selected = step(&matches, *selected, key.code == KeyCode::Down);
                }
                KeyCode::Char(c) if !c.is_control() => filter.push(c),
                KeyCode::Backspace => {
                    filter.pop();
                }
                _ => return false,
            }
            let now = self.matches();
            if let (Input::Tags { selected, .. }, Some(&first)) = (&mut self.input, now.first())
                && !now.contains(selected)
            {
                *selected = first;
            }
            // Moving the highlight or filtering changes nothing that is saved.
            return false;
        }
        match &mut self.input {
            Input::Tags { .. } => false,
            Input::Area(a) => a.0.input(key),
            Input::Text(s) => s.key(key),
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
                filter,
                selected,
                initial,
                create,
                choices,
            } => {
                let before = (*selected, filter.clone(), *create);
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                let next = matches!(key.code, KeyCode::Down | KeyCode::Right);
                match key.code {
                    KeyCode::Char('u') if ctrl => filter.clear(),
                    KeyCode::Char('w') if ctrl => {
                        let keep = filter.trim_end().rfind(' ').map_or(0, |i| i + 1);
                        filter.truncate(keep);
                    }
                    KeyCode::Char(c) if !c.is_control() && !ctrl => filter.push(c),
                    KeyCode::Backspace => {
                        filter.pop();
                    }
                    KeyCode::Down | KeyCode::Up | KeyCode::Right | KeyCode::Left => {
                        if matches.is_empty() && !filter.trim().is_empty() {
                            // Nothing matches: the arrows choose (or un-choose) "create".
                            if self.creates.is_some() {
                                *create = next;
                            }
                        } else {
                            *selected = step(&matches, *selected, next);
                        }
                        return (*selected, filter.clone(), *create) != before;
                    }
                    _ => return false,
                }
                *create = false;
                if filter.is_empty() && !before.1.is_empty() {
                    // The text was cleared: back to "(none)" where it is a choice, else
                    // to the value the form opened with.
                    *selected = choices
                        .iter()
                        .position(|c| c.id.is_none())
                        .unwrap_or(*initial);
                    return true;
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

/// The next (or previous) of the filtered `matches` after `selected`, wrapping around; the
/// first match when `selected` is filtered out; `selected` when nothing matches.
fn step(matches: &[usize], selected: usize, down: bool) -> usize {
    let next = match (matches.iter().position(|&i| i == selected), down) {
        (None, _) => matches.first(),
        (Some(p), true) => matches.get(p + 1).or(matches.first()),
        (Some(p), false) => p
            .checked_sub(1)
            .and_then(|p| matches.get(p))
            .or(matches.last()),
    };
    next.copied().unwrap_or(selected)
}

#[cfg(test)]
mod tests {
    use super::step;

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
