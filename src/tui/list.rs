//! View state shared by every list: selection, filter text, sort key, the rows in view order
//! (indexes into precomputed data), and the scroll window the last frame used.

use std::cell::Cell;

#[derive(Debug, Default)]
pub struct ListState {
    pub selected: usize,
    pub filter: String,
    /// The filter line's editor while `/` is open (`filter` follows its text).
    pub filter_input: super::input::LineInput,
    /// Index into the screen's sort keys.
    pub sort: usize,
    /// The sort runs backwards (`S`).
    pub reverse: bool,
    /// The text `n`/`N` look for (the last filter text).
    pub search: String,
    /// Indexes into the screen's items, filtered and sorted.
    pub rows: Vec<usize>,
    /// First row in view; kept by the renderer so the window moves only when it must.
    offset: Cell<usize>,
    /// Rows that fit, as last rendered (PgUp/PgDn move by this).
    height: Cell<usize>,
}

impl ListState {
    pub fn with_rows(rows: Vec<usize>) -> ListState {
        ListState {
            rows,
            ..ListState::default()
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The item under the selection.
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    pub fn set_rows(&mut self, mut rows: Vec<usize>) {
        let keep = self.current();
        if self.reverse {
            rows.reverse();
        }
        self.rows = rows;
        self.selected = keep
            .and_then(|k| self.rows.iter().position(|&r| r == k))
            .unwrap_or(0);
        self.clamp();
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = self.selected.saturating_add_signed(delta);
        self.clamp();
    }

    /// The position of the next (or previous) row after the selection, wrapping around,
    /// whose item is in `hits`.
    pub fn next_in(&self, hits: &std::collections::HashSet<usize>, forward: bool) -> Option<usize> {
        let n = self.rows.len();
        (1..=n)
            .map(|d| {
                if forward {
                    (self.selected + d) % n
                } else {
                    (self.selected + n * 2 - d) % n
                }
            })
            .find(|&p| hits.contains(&self.rows[p]))
    }

    /// The first row in view as last drawn.
    pub fn offset(&self) -> usize {
        self.offset.get()
    }

    pub fn page(&self) -> isize {
        self.height.get().max(1) as isize
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    pub fn bottom(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
    }

    /// The window of `height` rows to draw, moved just enough to show the selection.
    pub fn window(&self, height: usize) -> std::ops::Range<usize> {
        self.height.set(height);
        let offset = scroll_to(self.offset.get(), self.selected, height, self.rows.len());
        self.offset.set(offset);
        offset..(offset + height).min(self.rows.len())
    }
}

/// The first index in view so that `selected` shows in a window of `height` over `len`.
pub fn scroll_to(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return offset.min(len);
    }
    let mut offset = offset.min(len.saturating_sub(height));
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset
}

/// Word-prefix-insensitive match: every space-separated term of `filter` occurs in `text`
/// (which must already be lower case).
pub fn matches(text: &str, filter: &str) -> bool {
    filter
        .to_lowercase()
        .split_whitespace()
        .all(|term| text.contains(term))
}

/// The terms of a filter, in lower case (for `contains_folded`).
pub fn terms(filter: &str) -> Vec<String> {
    filter
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// What `text.to_lowercase().contains(term)` gives (`term` in lower case), without a lower
/// case copy of `text` when it is ASCII: the Notes filter searches every note's body this
/// way rather than holding a second, lower case copy of them all (30 MB at 100,000 people).
pub fn contains_folded(text: &str, term: &str) -> bool {
    if !text.is_ascii() {
        return text.to_lowercase().contains(term);
    }
    // Lower case ASCII is ASCII: it cannot hold anything else.
    if !term.is_ascii() {
        return false;
    }
    let (hay, needle) = (text.as_bytes(), term.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    let Some(last_start) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), &hay[..=last_start])
        .any(|i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_follows_the_selection() {
        let mut l = ListState::with_rows((0..100).collect());
        assert_eq!(l.window(10), 0..10);
        l.move_by(15);
        assert_eq!(l.window(10), 6..16);
        l.move_by(-3);
        assert_eq!(l.window(10), 6..16);
        l.bottom();
        assert_eq!(l.window(10), 90..100);
        assert_eq!(l.window(0), 90..90);
        l.set_rows(vec![]);
        assert_eq!(l.window(5), 0..0);
        assert!(matches("ada okafor\nplatform", "ok plat"));
    }

    #[test]
    fn folded_search_is_a_search_of_the_lower_case_text() {
        let texts = [
            "Ada OKAFOR talked about Prompting",
            "ΟΔΥΣΣΕΥΣ Ölund",
            "",
            "x",
            "The KELVIN sign",
            "ǅemal",
        ];
        let terms = [
            "",
            "ok",
            "okafor talked",
            "prompting",
            "ada okafor talked about prompting!",
            "σσευς",
            "ölund",
            "x",
            "kelvin",
            "\u{212a}",
            "ǆ",
            "about p",
            "zz",
        ];
        for text in texts {
            for term in terms {
                let term = term.to_lowercase();
                assert_eq!(
                    contains_folded(text, &term),
                    text.to_lowercase().contains(&term),
                    "{text:?} / {term:?}"
                );
            }
        }
    }
}
