//! Keys are data: every action the TUI knows, its default keys and its help text. The help
//! overlay, the footer hints, the command palette and the config's `[keys]` table are all
//! generated from `ACTIONS`, so they cannot disagree with what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

macro_rules! actions {
    ($($variant:ident $name:literal [$($key:literal),*] $help:literal;)*) => {
        /// A user intent; the TUI's single `update` consumes these.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action { $($variant),* }

        /// (action, config name, default keys, help text), in help order.
        pub const ACTIONS: &[(Action, &str, &[&str], &str)] = &[
            $((Action::$variant, $name, &[$($key),*], $help)),*
        ];
    };
}

actions! {
    Quit "quit" ["q", "ctrl-c"] "Quit";
    Help "help" ["?"] "Show or hide this help";
    ScreenTeam "screen_team" ["1"] "Team screen";
    ScreenPeople "screen_people" ["2"] "People screen";
    ScreenMatrix "screen_matrix" ["3"] "Matrix screen";
    ScreenSkills "screen_skills" ["4"] "Skills screen";
    ScreenTrainings "screen_trainings" ["5"] "Trainings screen";
    ScreenNotes "screen_notes" ["6"] "Notes screen";
    ScreenPerception "screen_perception" ["7"] "Perception screen: where self-ratings run ahead of verified ones";
    Next "next" ["tab"] "Next screen or field";
    Previous "previous" ["shift-tab"] "Previous screen or field";
    Down "down" ["j", "down"] "Move down";
    Up "up" ["k", "up"] "Move up";
    Left "left" ["h", "left"] "Move left (in a person: previous section)";
    Right "right" ["l", "right"] "Move right (in a person: next section)";
    Top "top" ["g", "home"] "Go to the top";
    Bottom "bottom" ["G", "end"] "Go to the bottom";
    PageUp "page_up" ["pageup"] "Page up";
    PageDown "page_down" ["pagedown"] "Page down";
    Open "open" ["enter"] "Open (in a person: act on the selected line)";
    Back "back" ["esc"] "Back or close; with no popup open, cancels a running import";
    Filter "filter" ["/"] "Filter";
    Sort "sort" ["s"] "Sort (again: the next sort key)";
    ReverseSort "reverse_sort" ["S"] "Reverse the sort order";
    NextMatch "next_match" ["n"] "Next row matching the filter text (every row shown)";
    PreviousMatch "previous_match" ["N"] "Previous row matching the filter text";
    Add "add" ["a"] "Add";
    Edit "edit" ["e"] "Edit";
    Delete "delete" ["d"] "Delete (asks first)";
    ToggleDone "toggle_done" ["space"] "Tick an action item done (or open again); on Notes the next one";
    Offer "offer" ["o"] "Offer a training (in a person: one recommended for a gap; in the what-if plan: every pick)";
    MoveOffer "move_offer" ["m"] "Move an offer on: enrolled, completed, declined";
    Targets "targets" ["t"] "A person's own targets (overriding their role's)";
    Role "role" ["R"] "Roles: edit, add, delete";
    Archived "archived" ["A"] "Show or hide archived people on People";
    Review "review" ["r"] "Review sweep: re-rate each targeted skill, one key per level";
    WhatIf "what_if" ["w"] "What-if plan: trainings for the team on screen within an hours budget";
    OneOnOne "one_on_one" ["O"] "One-on-one view of a person (from a person, Notes or People)";
    Undo "undo" ["u"] "Undo";
    Redo "redo" ["ctrl-r"] "Redo";
    Export "export" ["x"] "Export";
    Import "import" [] "Import a file (preview first)";
    Palette "palette" [":"] "Command palette";
    Save "save" ["ctrl-s"] "Save the form";
    ExternalEditor "external_editor" ["ctrl-e"] "Edit long text in $VISUAL/$EDITOR";
    TakeNew "take_new" ["ctrl-l"] "In a form: take the values saved elsewhere, keeping what you typed";
}

impl Action {
    pub fn name(self) -> &'static str {
        ACTIONS
            .iter()
            .find(|(a, ..)| *a == self)
            .map(|(_, n, ..)| *n)
            .unwrap_or("?")
    }

    pub fn help(self) -> &'static str {
        ACTIONS
            .iter()
            .find(|(a, ..)| *a == self)
            .map(|(.., h)| *h)
            .unwrap_or("")
    }

    /// Actions only a form acts on.
    fn form_only(self) -> bool {
        matches!(
            self,
            Action::Save | Action::ExternalEditor | Action::TakeNew
        )
    }

    /// Actions a form acts on.
    fn in_form(self) -> bool {
        self.form_only()
            || matches!(
                self,
                Action::Next | Action::Previous | Action::Back | Action::Quit
            )
    }

    /// Whether the two actions can be asked for in the same place (a screen, a form), so
    /// one key cannot stand for both.
    pub fn shares_context(self, other: Action) -> bool {
        (!self.form_only() && !other.form_only()) || (self.in_form() && other.in_form())
    }

    pub fn from_name(name: &str) -> Option<Action> {
        ACTIONS
            .iter()
            .find(|(_, n, ..)| *n == name)
            .map(|(a, ..)| *a)
    }
}

/// A key as written in the config: "q", "G", "ctrl-c", "shift-tab", "enter", "f1", "space".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn parse(text: &str) -> Result<Key, String> {
        let bad = || {
            format!(
                "{text:?} is not a key (try \"q\", \"ctrl-r\", \"shift-tab\", \"enter\", \"f2\")"
            )
        };
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let stripped = ["ctrl-", "alt-", "shift-"]
                .iter()
                .find(|p| lower.starts_with(*p) && rest.len() > p.len());
            match stripped {
                Some(&"ctrl-") => mods |= KeyModifiers::CONTROL,
                Some(&"alt-") => mods |= KeyModifiers::ALT,
                Some(_) => mods |= KeyModifiers::SHIFT,
                None => break,
            }
            rest = &rest[stripped.map_or(0, |p| p.len())..];
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().map_err(|_| bad())?)
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(bad()),
                }
            }
        };
        Ok(Key { code, mods })
    }

    /// Normalises a terminal key event so it can be looked up ("G" arrives as shift+'G').
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                })
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// How the key is shown in help and footer hints.
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("Shift-");
        }
        match self.code {
            KeyCode::Char(' ') => s.push_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                s.push(c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => s.push(c),
            KeyCode::BackTab => s.push_str("Shift-Tab"),
            KeyCode::PageUp => s.push_str("PgUp"),
            KeyCode::PageDown => s.push_str("PgDn"),
            KeyCode::F(n) => s.push_str(&format!("F{n}")),
            other => s.push_str(&format!("{other}")),
        }
        s
    }
}

/// Action -> keys, defaults merged with the user's `[keys]` overrides.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Action, Vec<Key>)>,
}

impl Keymap {
    /// Builds the keymap; an override replaces all default keys of its action. Errors name
    /// the offending `[keys]` entry.
    pub fn new(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        for name in overrides.keys() {
            if Action::from_name(name).is_none() {
                return Err(format!("[keys] {name}: unknown action"));
            }
        }
        let mut bindings = Vec::new();
        for (action, name, defaults, _) in ACTIONS {
            let keys: Vec<Key> = match overrides.get(*name) {
                Some(list) => list
                    .iter()
                    .map(|k| Key::parse(k).map_err(|e| format!("[keys] {name}: {e}")))
                    .collect::<Result<_, _>>()?,
                None => defaults
                    .iter()
                    .map(|k| Key::parse(k).map_err(|e| format!("built-in key of {name}: {e}")))
                    .collect::<Result<_, _>>()?,
            };
            bindings.push((*action, keys));
        }
        // One key, two actions in one context: the second could never be reached.
        for (i, (a, keys)) in bindings.iter().enumerate() {
            for (b, other) in &bindings[i + 1..] {
                let Some(k) = keys.iter().find(|k| other.contains(k)) else {
                    continue;
                };
                if !a.shares_context(*b) {
                    continue;
                }
                // Named after the entry the user wrote (the other may be a default).
                let (first, second) = if overrides.contains_key(b.name()) {
                    (b, a)
                } else {
                    (a, b)
                };
                return Err(format!(
                    "[keys] {}: {} is bound to both {} and {}",
                    first.name(),
                    k.label(),
                    first.name(),
                    second.name()
                ));
            }
        }
        Ok(Keymap { bindings })
    }

    pub fn defaults() -> Keymap {
        Keymap::new(&BTreeMap::new()).unwrap_or(Keymap {
            bindings: Vec::new(),
        })
    }

    /// The action a key triggers. When several actions share a key, the first in `ACTIONS`
    /// order wins; contexts (a form, a list) pick from `actions_for` instead when they differ.
    pub fn action(&self, key: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(key);
        self.bindings
            .iter()
            .find(|(_, keys)| keys.contains(&k))
            .map(|(a, _)| *a)
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, k)| k.as_slice())
            .unwrap_or_default()
    }

    /// "q/Ctrl-C" for help and footers; "" when the user unbound the action.
    pub fn label(&self, action: Action) -> String {
        self.keys(action)
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join("/")
    }

    pub fn bindings(&self) -> &[(Action, Vec<Key>)] {
        &self.bindings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_cover_the_spec_keys() {
        let km = Keymap::defaults();
        assert_eq!(
            km.action(&ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            km.action(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::Previous)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('6'), KeyModifiers::NONE)),
            Some(Action::ScreenNotes)
        );
        assert_eq!(km.label(Action::Quit), "q/Ctrl-C");
    }

    #[test]
    fn overrides_replace_defaults_and_name_bad_entries() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), vec!["ctrl-q".to_string()]);
        let km = Keymap::new(&o).expect("valid override");
        assert_eq!(km.action(&ev(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        assert_eq!(
            km.action(&ev(KeyCode::Char('q'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        o.insert("fly".to_string(), vec!["f".to_string()]);
        assert_eq!(Keymap::new(&o).unwrap_err(), "[keys] fly: unknown action");
        let mut o = BTreeMap::new();
        o.insert(
            "help".to_string(),
            vec!["ctrl-".to_string(), "hyper-x".to_string()],
        );
        assert!(Keymap::new(&o).unwrap_err().starts_with("[keys] help:"));
    }

    #[test]
    fn one_key_for_two_actions_in_one_context_is_refused() {
        let mut o = BTreeMap::new();
        o.insert("filter".to_string(), vec!["s".to_string()]);
        assert_eq!(
            Keymap::new(&o).unwrap_err(),
            "[keys] filter: s is bound to both filter and sort"
        );
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), vec!["j".to_string()]);
        let e = Keymap::new(&o).unwrap_err();
        assert!(e.contains("quit") && e.contains("down"), "{e}");
        // Save acts only in forms, sort only on screens: one key may serve both.
        let mut o = BTreeMap::new();
        o.insert(
            "save".to_string(),
            vec!["ctrl-s".to_string(), "s".to_string()],
        );
        assert!(Keymap::new(&o).is_ok());
        // But not Save and Back, which a form both acts on.
        let mut o = BTreeMap::new();
        o.insert("save".to_string(), vec!["esc".to_string()]);
        assert!(Keymap::new(&o).is_err());
    }
}
