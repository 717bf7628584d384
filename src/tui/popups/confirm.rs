//! A yes/no question before something is deleted or discarded.

use super::super::app::App;
use super::super::widgets::{block, centered};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

const WIDTH: u16 = 64;

/// How many lines `text` takes when wrapped at word boundaries to `width` columns.
fn wrapped_lines(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut lines = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = word.width();
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
        } else {
            if used > 0 {
                lines += 1;
            }
            lines += (w.max(1) - 1) / width;
            used = (w - 1) % width + 1;
        }
    }
    lines
}

pub fn render(app: &App, message: &str, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let message = crate::text::inert(message).into_owned();
    let inner_w = usize::from(WIDTH.min(area.width).saturating_sub(2));
    // The message, a blank line, the keys, the borders: long names never hide y/n.
    let height = (wrapped_lines(&message, inner_w) + 4).max(7);
    let rect = centered(area, WIDTH, u16::try_from(height).unwrap_or(u16::MAX));
    frame.render_widget(Clear, rect);
    use crate::tui::mouse::Hit;
    use ratatui::crossterm::event::KeyCode;
    app.hits.add(rect, Hit::Popup);
    // The keys line is the last inside the border: "y yes" and "n no" are its buttons.
    let keys_y = rect.y + rect.height.saturating_sub(2);
    app.hits.add(
        Rect::new(rect.x + 1, keys_y, 5, 1),
        Hit::Key(KeyCode::Char('y')),
    );
    app.hits.add(
        Rect::new(rect.x + 9, keys_y, 4, 1),
        Hit::Key(KeyCode::Char('n')),
    );
    let mut text = vec![Line::raw(message), Line::raw("")];
    let used = wrapped_lines(&text[0].to_string(), inner_w) + 1;
    for _ in used..usize::from(rect.height.saturating_sub(3)) {
        text.push(Line::raw(""));
    }
    text.push(Line::styled("y yes · n no", t.key));
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(block(" Are you sure? ", t)),
        rect,
    );
}

#[cfg(test)]
mod tests {
    use super::wrapped_lines;

    #[test]
    fn wrapping_counts_lines_as_the_paragraph_does() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("one two", 7), 1);
        assert_eq!(wrapped_lines("one two three", 7), 2);
        assert_eq!(wrapped_lines("abcdefghijkl", 5), 3, "a long word is broken");
        assert_eq!(wrapped_lines("ab abcdefghij", 5), 3);
    }
}
