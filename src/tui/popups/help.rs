//! The help overlay: every action with its current keys, generated from the keymap the app
//! uses, so it cannot disagree with what the keys do. Two columns when one does not fit.

use super::super::app::App;
use super::super::widgets::{block, centered, fit};
use crate::keymap::{ACTIONS, Action};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

fn entry<'a>(app: &App, action: Action, help: &'a str, width: usize) -> Line<'a> {
    let t = &app.theme;
    let keys = app.keymap.label(action);
    let keys = if keys.is_empty() {
        "(unbound)".into()
    } else {
        keys
    };
    let key_w = 12.min(width / 3);
    let text = help.to_string();
    Line::from(vec![
        Span::styled(fit(&keys, key_w), t.key),
        Span::raw(" "),
        Span::raw(fit(&text, width.saturating_sub(key_w + 1))),
    ])
}

pub fn render(app: &App, scroll: usize, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let n = ACTIONS.len();
    let two = usize::from(area.height) < n + 2 && area.width >= 76;
    let rows = if two { n.div_ceil(2) } else { n };
    let width: u16 = if two { 100 } else { 60 };
    let rect = centered(area, width, (rows as u16).saturating_add(2));
    frame.render_widget(Clear, rect);
    let title = format!(
        " Help · {} close · j/k scroll ",
        app.keymap.label(Action::Back)
    );
    let b = block(title, t);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    let columns: Vec<Rect> = if two {
        Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .split(inner)
        .iter()
        .step_by(2)
        .copied()
        .collect()
    } else {
        vec![inner]
    };
    for (c, col) in columns.iter().enumerate() {
        let w = usize::from(col.width);
        let lines: Vec<Line> = ACTIONS
            .iter()
            .skip(c * rows)
            .take(rows)
            .skip(scroll)
            .map(|(action, _, _, help)| entry(app, *action, help, w))
            .collect();
        frame.render_widget(Paragraph::new(lines), *col);
    }
}
