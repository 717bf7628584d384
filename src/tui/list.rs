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
}
