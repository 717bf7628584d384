//! A yes/no question before something is deleted or discarded.

use super::super::app::App;
use super::super::widgets::{block, centered};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn render(app: &App, message: &str, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let rect = centered(area, 64, 7);
    frame.render_widget(Clear, rect);
    let text = vec![
        Line::raw(crate::text::inert(message).into_owned()),
        Line::raw(""),
        Line::styled("y yes · n no", t.key),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(block(" Are you sure? ", t)),
        rect,
    );
}
