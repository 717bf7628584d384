//! The help overlay: every action with its current keys, generated from the keymap the app
//! uses, so it cannot disagree with what the keys do.

use super::super::app::App;
use super::super::widgets::{block, centered, fit};
use crate::keymap::ACTIONS;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(app: &App, scroll: usize, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let key_w = 16;
    let lines: Vec<Line> = ACTIONS
        .iter()
        .skip(scroll)
        .map(|(action, _, _, help)| {
            let keys = app.keymap.label(*action);
            let keys = if keys.is_empty() {
                "(unbound)".into()
            } else {
                keys
            };
            let mut spans = vec![
                Span::styled(fit(&keys, key_w), t.key),
                Span::raw(" "),
                Span::raw(*help),
            ];
            if !super::super::app::available(*action) {
                spans.push(Span::styled(" (not yet)", t.muted));
            }
            Line::from(spans)
        })
        .collect();
    let rect = centered(area, 64, (ACTIONS.len() as u16).saturating_add(2));
    frame.render_widget(Clear, rect);
    let title = format!(
        " Help · {} close · j/k scroll ",
        app.keymap.label(crate::keymap::Action::Back)
    );
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), rect);
}
