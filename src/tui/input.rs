//! The one-line editor used by form text fields, the filter and the command palette: a
//! single-line `ratatui_textarea::TextArea` with shell-like keys. Left/Right, Home/End
//! (Ctrl-A/Ctrl-E), word jumps (Ctrl-Left/Right, Alt-B/Alt-F), Backspace/Delete, Ctrl-W (word
//! before the cursor), Ctrl-U (everything before it), Ctrl-K (everything after it). Pasted
//! text is inserted whole, its line breaks turned into spaces.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone)]
pub struct LineInput(Box<TextArea<'static>>);

impl Default for LineInput {
    fn default() -> Self {
        LineInput::new("")
    }
}

impl PartialEq for LineInput {
    fn eq(&self, other: &LineInput) -> bool {
        self.text() == other.text()
    }
}

impl Eq for LineInput {}

impl LineInput {
    /// An editor holding `text` (line breaks become spaces), the cursor at its end.
    pub fn new(text: &str) -> LineInput {
        let mut a = TextArea::new(vec![one_line(text)]);
        a.move_cursor(CursorMove::End);
        LineInput(Box::new(a))
    }

    pub fn text(&self) -> &str {
        self.0.lines().first().map(String::as_str).unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.text().is_empty()
    }

    /// The cursor as a character index into `text`.
    pub fn cursor(&self) -> usize {
        self.0.cursor().1
    }

    pub fn clear(&mut self) {
        *self = LineInput::new("");
    }

    /// Inserts pasted text at the cursor; true when the text changed.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = one_line(text);
        !text.is_empty() && self.0.insert_str(text)
    }

    /// Feeds a key; true when the text changed. Keys it does not edit with (Enter, Tab, Up,
    /// Down, Esc, function keys) change nothing and return false.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let a = &mut self.0;
        match key.code {
            KeyCode::Char('w') if ctrl => a.delete_word(),
            KeyCode::Char('u') if ctrl => a.delete_line_by_head(),
            KeyCode::Char('k') if ctrl => a.delete_line_by_end(),
            KeyCode::Char('h') if ctrl => a.delete_char(),
            KeyCode::Char('d') if ctrl => a.delete_next_char(),
            KeyCode::Char('a') if ctrl => {
                a.move_cursor(CursorMove::Head);
                false
            }
            KeyCode::Char('e') if ctrl => {
                a.move_cursor(CursorMove::End);
                false
            }
            KeyCode::Char('b') if ctrl => {
                a.move_cursor(CursorMove::Back);
                false
            }
            KeyCode::Char('f') if ctrl => {
                a.move_cursor(CursorMove::Forward);
                false
            }
            KeyCode::Char('b') if alt => {
                a.move_cursor(CursorMove::WordBack);
                false
            }
            KeyCode::Char('f') if alt => {
                a.move_cursor(CursorMove::WordForward);
                false
            }
            KeyCode::Char(_) if ctrl || alt => false,
            KeyCode::Char(c) if !c.is_control() => {
                a.insert_char(c);
                true
            }
            KeyCode::Backspace if ctrl || alt => a.delete_word(),
            KeyCode::Backspace => a.delete_char(),
            KeyCode::Delete => a.delete_next_char(),
            KeyCode::Left if ctrl || alt => {
                a.move_cursor(CursorMove::WordBack);
                false
            }
            KeyCode::Right if ctrl || alt => {
                a.move_cursor(CursorMove::WordForward);
                false
            }
            KeyCode::Left => {
                a.move_cursor(CursorMove::Back);
                false
            }
            KeyCode::Right => {
                a.move_cursor(CursorMove::Forward);
                false
            }
            KeyCode::Home => {
                a.move_cursor(CursorMove::Head);
                false
            }
            KeyCode::End => {
                a.move_cursor(CursorMove::End);
                false
            }
            _ => false,
        }
    }

    /// True when the key is one the editor acts on (so a caller can leave other keys to
    /// its own bindings).
    pub fn handles(key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if ctrl => "wukhdaebf".contains(c),
            KeyCode::Char(c) if alt => "bf".contains(c),
            KeyCode::Char(c) => !c.is_control(),
            KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Home
            | KeyCode::End => true,
            _ => false,
        }
    }

    /// The text as shown in `width` columns with a bar at the cursor, scrolled so the cursor
    /// stays in sight; `clean` makes user text inert.
    pub fn view(&self, width: usize, clean: impl Fn(&str) -> String) -> (String, String) {
        let chars: Vec<char> = self.text().chars().collect();
        let c = self.cursor().min(chars.len());
        let before = clean(&chars[..c].iter().collect::<String>());
        let after = clean(&chars[c..].iter().collect::<String>());
        // Keep what is right before the cursor in sight.
        let room = width.saturating_sub(1);
        let mut used = 0;
        let mut kept: Vec<char> = Vec::new();
        for ch in before.chars().rev() {
            let w = ch.width().unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            kept.push(ch);
        }
        let before: String = kept.into_iter().rev().collect();
        (before, after)
    }
}

/// One line: line breaks (and tabs) become spaces.
pub fn one_line(text: &str) -> String {
    text.replace("\r\n", " ")
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn edits_like_a_shell_line() {
        let mut i = LineInput::new("ttps://example.org/a b");
        i.key(k(KeyCode::Home));
        i.key(k(KeyCode::Char('h')));
        assert_eq!(i.text(), "https://example.org/a b");
        i.key(k(KeyCode::End));
        assert!(i.key(ctrl('w')));
        assert_eq!(i.text(), "https://example.org/a ");
        i.key(k(KeyCode::Left));
        i.key(k(KeyCode::Left));
        i.key(k(KeyCode::Char('X')));
        assert_eq!(i.text(), "https://example.org/Xa ");
        i.key(KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
        assert!(i.cursor() < 21, "word back moved: {}", i.cursor());
        i.key(k(KeyCode::End));
        assert!(i.key(ctrl('u')));
        assert_eq!(i.text(), "");
        i.paste("two\nlines");
        assert_eq!(i.text(), "two lines");
        assert_eq!(i.cursor(), 9);
    }
}
