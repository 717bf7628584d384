//! The command palette: every action by name; typing narrows the list, Enter runs it.

use super::super::app::{App, palette_matches};
use super::super::widgets::{block, centered, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(
    app: &App,
    input: &crate::tui::input::LineInput,
    selected: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let t = &app.theme;
    let hits = palette_matches(input.text());
    let rect = centered(area, 60, 16);
    let inner_h = usize::from(rect.height.saturating_sub(3));
    let selected = selected.min(hits.len().saturating_sub(1));
    let offset = super::super::list::scroll_to(0, selected, inner_h, hits.len());
    let (before, after) = input.view(50, |x| crate::text::inert(x).into_owned());
    let mut lines = vec![Line::from(vec![
        Span::styled(": ", t.key),
        Span::raw(before),
        Span::styled("▏", t.key),
        Span::raw(after),
    ])];
    app.hits.add(rect, crate::tui::mouse::Hit::Popup);
    for (row, (i, a)) in hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(inner_h)
        .enumerate()
    {
        app.hits.add(
            Rect::new(
                rect.x + 1,
                rect.y + 2 + row as u16,
                rect.width.saturating_sub(2),
                1,
            ),
            crate::tui::mouse::Hit::Palette(i),
        );
        let style = if i == selected { t.selected } else { t.base };
        lines.push(Line::from(vec![
            Span::styled(fit(a.name(), 18), style),
            Span::styled(fit(a.help(), 26), style),
            Span::styled(app.keymap.label(*a), t.muted),
        ]));
    }
    if hits.is_empty() {
        lines.push(Line::styled("no action matches", t.muted));
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block(
            " Commands · Enter run · Ctrl-U clear · Esc close ",
            t,
        )),
        rect,
    );
}
