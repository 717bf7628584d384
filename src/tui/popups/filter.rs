//! The filter line: shown over the footer while typing; the list narrows as you type.

use super::super::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = usize::from(area.width.saturating_sub(36));
    let (before, after) = app
        .list()
        .filter_input
        .view(width, |x| crate::text::inert(x).into_owned());
    frame.render_widget(Clear, area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(" Filter: ", t.key),
            Span::raw(before),
            Span::styled("▏", t.key),
            Span::raw(after),
            Span::styled("  Enter keep · Esc clear", t.muted),
        ]),
        area,
    );
}
