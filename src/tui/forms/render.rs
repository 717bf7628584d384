//! Draws a form: one line per field (label, value, the message beside it), a hint line under
//! a field that has one, the keys at the bottom.

use super::{Form, Input};
use crate::text::inert;
use crate::tui::app::App;
use crate::tui::widgets::{block, centered, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthChar;

const LABEL_W: usize = 11;

/// The last `width` columns of `s` (what was typed last stays in sight).
fn tail(s: &str, width: usize) -> String {
    let mut used = 0;
    let mut out: Vec<char> = Vec::new();
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.iter().rev().collect()
}

pub fn render(app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let hints = form.fields.iter().filter(|f| f.hint.is_some()).count();
    let height = form.fields.len() + hints + 5;
    let rect = centered(area, 86, height.min(u16::MAX as usize) as u16);
    let inner_w = usize::from(rect.width.saturating_sub(2));
    let value_w = (inner_w.saturating_sub(LABEL_W + 2) * 6 / 13).max(1);
    let error_w = inner_w.saturating_sub(LABEL_W + 2 + value_w + 1);
    let mut lines = Vec::new();
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let value = match &f.input {
            Input::Text(s) => {
                let s = inert(s);
                if focused {
                    format!("{}▏", tail(&s, value_w.saturating_sub(1)))
                } else {
                    s.into_owned()
                }
            }
            Input::Toggle(on) => if *on { "[x] yes" } else { "[ ] no" }.to_string(),
            Input::Pick {
                choices,
                filter,
                selected,
            } => {
                let label = choices
                    .get(*selected)
                    .map(|c| inert(c.label.trim_start()).into_owned())
                    .unwrap_or_else(|| "(nothing to pick)".into());
                if focused {
                    let n = f.matches().len();
                    let filter = inert(filter);
                    if filter.is_empty() {
                        format!("‹ {label} › ({n})")
                    } else {
                        format!("{}▏ ‹ {label} › ({n})", tail(&filter, 12))
                    }
                } else {
                    label
                }
            }
        };
        let label_style = if focused { t.key } else { t.muted };
        let value_style = if focused { t.selected } else { t.base };
        let mut spans = vec![
            Span::styled(format!(" {}", fit(f.label, LABEL_W)), label_style),
            Span::raw(" "),
            Span::styled(fit(&value, value_w), value_style),
            Span::raw(" "),
        ];
        if let Some(e) = form.shown_error(i) {
            spans.push(Span::styled(fit(&format!("✗ {e}"), error_w), t.warn));
        }
        lines.push(Line::from(spans));
        if let Some(h) = &f.hint {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(LABEL_W + 2)),
                Span::styled(fit(h, inner_w.saturating_sub(LABEL_W + 2)), t.muted),
            ]));
        }
    }
    lines.push(Line::raw(""));
    match &form.message {
        Some(m) => lines.push(Line::styled(fit(&format!(" ✗ {m}"), inner_w), t.warn)),
        None if form.tried && form.has_errors() => {
            lines.push(Line::styled(" Not saved: fix the fields marked ✗", t.warn))
        }
        None => lines.push(Line::raw("")),
    }
    let keys = format!(
        " {} next · {} back · type to pick · {} save · {} cancel",
        app.keymap.label(crate::keymap::Action::Next),
        app.keymap.label(crate::keymap::Action::Previous),
        app.keymap.label(crate::keymap::Action::Save),
        app.keymap.label(crate::keymap::Action::Back),
    );
    lines.push(Line::styled(fit(&keys, inner_w), t.muted));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block(format!(" {} ", form.title), t)),
        rect,
    );
}
