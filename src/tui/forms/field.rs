//! One field of a form: a line of text, a long text, a picker with type-to-filter, or a
//! toggle, with its check and message.

use super::super::input::LineInput;
use crate::model::Id;
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
                for c in super::super::input::one_line(text).chars() {
                    changed |= self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                }
                changed
            }
            Input::Toggle(_) => false,
        }
    }

    /// The picked id of a picker (`None` for "(none)", for an empty picker, for others).
    /// A picker as new: no filter, no message, this choice selected.
    pub(super) fn blank(&mut self, id: Option<Id>) {
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
                .filter(|(_, c)| super::super::list::matches(&c.label.to_lowercase(), filter))
                .map(|(i, _)| i)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Feeds a key to the field; true when it changed the value.
    pub(super) fn key(&mut self, key: KeyEvent) -> bool {
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

/// The next (or previous) of the filtered `matches` after `selected`, wrapping around; the
/// first match when `selected` is filtered out; `selected` when nothing matches.
pub(super) fn step(matches: &[usize], selected: usize, down: bool) -> usize {
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
