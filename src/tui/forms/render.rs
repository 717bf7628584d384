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
/// Lines shown of a multi-line field.
pub const AREA_H: usize = 8;

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

/// Word-wraps `s` into lines of at most `width` columns (a word longer than that is cut).
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    for word in s.split(' ') {
        let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        let last = lines.last_mut().expect("one line");
        if used > 0 && used + 1 + w > width {
            lines.push(word.to_string());
            used = w;
        } else {
            if used > 0 || !last.is_empty() {
                last.push(' ');
                used += 1;
            }
            last.push_str(word);
            used += w;
        }
    }
    lines
}

pub fn render(app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let hints = form.fields.iter().filter(|f| f.hint.is_some()).count();
    let areas = form
        .fields
        .iter()
        .filter(|f| matches!(f.input, Input::Area(_)))
        .count();
    // A message (a refusal saying what changed elsewhere) wraps onto up to four lines.
    let message = form.message.as_ref().map(|m| {
        let width = usize::from(area.width.min(86).saturating_sub(2));
        let mut lines = wrap(m, width.saturating_sub(3));
        lines.truncate(4);
        lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| format!("{}{l}", if i == 0 { " ✗ " } else { "   " }))
            .collect::<Vec<_>>()
    });
    let extra = message.as_ref().map_or(0, |m| m.len().saturating_sub(1));
    let height = form.fields.len() + hints + areas * (AREA_H - 1) + 5 + extra;
    let rect = centered(area, 86, height.min(u16::MAX as usize) as u16);
    let inner_w = usize::from(rect.width.saturating_sub(2));
    let value_w = (inner_w.saturating_sub(LABEL_W + 2) * 6 / 13).max(1);
    let error_w = inner_w.saturating_sub(LABEL_W + 2 + value_w + 1);
    let mut lines = Vec::new();
    let mut focus_line = 0;
    let mut field_lines = Vec::new();
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if focused {
            focus_line = lines.len();
        }
        field_lines.push((lines.len(), i));
        if let Input::Area(a) = &f.input {
            area_lines(app, form, i, a, inner_w, &mut lines);
            continue;
        }
        let mut value_spans: Option<Vec<Span<'static>>> = None;
        let value = match &f.input {
            Input::Area(_) => String::new(),
            Input::Tags {
                choices,
                filter,
                selected,
                chosen,
            } => {
                let names: Vec<String> = chosen
                    .iter()
                    .filter_map(|id| choices.iter().find(|c| c.id == Some(*id)))
                    .map(|c| inert(c.label.split(" · ").next().unwrap_or("")).into_owned())
                    .collect();
                let names = if names.is_empty() {
                    "(none)".to_string()
                } else {
                    names.join(", ")
                };
                if focused {
                    let hit = f.matches().contains(selected);
                    let label = choices
                        .get(*selected)
                        .filter(|_| hit)
                        .map(|c| {
                            let on = c.id.is_some_and(|id| chosen.contains(&id));
                            format!("{} {}", if on { "[x]" } else { "[ ]" }, inert(&c.label))
                        })
                        .unwrap_or_else(|| "no match".into());
                    format!("{names} │ {}▏ ‹ {label} ›", tail(&inert(filter), 12))
                } else {
                    names
                }
            }
            Input::Text(s) => {
                if focused {
                    let (before, after) = s.view(value_w, |x| inert(x).into_owned());
                    value_spans = Some(vec![
                        Span::raw(before),
                        Span::styled("▏", t.key),
                        Span::raw(after),
                    ]);
                    String::new()
                } else {
                    inert(s.text()).into_owned()
                }
            }
            Input::Toggle(on) => if *on { "[x] yes" } else { "[ ] no" }.to_string(),
            Input::Pick {
                choices,
                filter,
                selected,
                create,
                ..
            } => {
                let unmatched = f.unmatched().map(|u| inert(u).into_owned());
                let label = match (&unmatched, f.creates) {
                    (Some(u), Some(kind)) if *create => format!("+ new {kind} ‘{u}’"),
                    (Some(_), _) => "(no match)".to_string(),
                    _ => choices
                        .get(*selected)
                        .map(|c| inert(c.label.trim_start()).into_owned())
                        .unwrap_or_else(|| "(nothing to pick)".into()),
                };
                if focused {
                    let matches = f.matches();
                    let n = matches.len();
                    let filter = inert(filter);
                    let mut spans = Vec::new();
                    if !filter.is_empty() {
                        spans.push(Span::raw(tail(&filter, 12)));
                        spans.push(Span::styled("▏ ", t.key));
                    }
                    spans.push(Span::raw("‹ "));
                    if unmatched.is_some() {
                        spans.push(Span::raw(label.clone()));
                    } else {
                        spans.extend(super::super::widgets::highlight(
                            &label,
                            &filter,
                            ratatui::style::Style::new(),
                            t.key.add_modifier(ratatui::style::Modifier::UNDERLINED),
                        ));
                    }
                    let pos = matches
                        .iter()
                        .position(|m| m == selected)
                        .map_or(0, |p| p + 1);
                    spans.push(Span::raw(if unmatched.is_some() {
                        " ›".to_string()
                    } else {
                        format!(" › {pos}/{n}")
                    }));
                    value_spans = Some(spans);
                    String::new()
                } else {
                    label
                }
            }
        };
        let label_style = if focused { t.key } else { t.muted };
        let value_style = if focused { t.selected } else { t.base };
        let error = form.shown_error(i);
        // Without a message the value may use the whole line.
        let w = if error.is_some() {
            value_w
        } else {
            value_w + 1 + error_w
        };
        let mut spans = vec![
            Span::styled(format!(" {}", fit(f.label, LABEL_W)), label_style),
            Span::raw(" "),
        ];
        match value_spans {
            Some(v) => spans.extend(
                super::super::widgets::fit_spans(v, w, value_style)
                    .into_iter()
                    .map(|s| s.patch_style(value_style)),
            ),
            None => spans.push(Span::styled(fit(&value, w), value_style)),
        }
        spans.push(Span::raw(" "));
        if let Some(e) = error {
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
    // Longer than the popup: scroll so the focused field (and its hint) shows.
    let room = usize::from(rect.height.saturating_sub(5));
    let mut offset = 0;
    if lines.len() > room {
        offset = (focus_line + 2)
            .saturating_sub(room)
            .min(lines.len() - room);
        lines = lines.into_iter().skip(offset).take(room).collect();
    }
    use crate::tui::mouse::Hit;
    app.hits.add(rect, Hit::Popup);
    for (line, field) in field_lines {
        if line >= offset && line < offset + room {
            let y = rect.y + 1 + u16::try_from(line - offset).unwrap_or(0);
            app.hits.add(
                Rect::new(rect.x + 1, y, rect.width.saturating_sub(2), 1),
                Hit::Field(field),
            );
        }
    }
    lines.push(Line::raw(""));
    match &message {
        Some(m) => lines.extend(m.iter().map(|l| Line::styled(fit(l, inner_w), t.warn))),
        None if form.tried && form.has_errors() => {
            lines.push(Line::styled(" Not saved: fix the fields marked ✗", t.warn))
        }
        None => lines.push(Line::raw("")),
    }
    use crate::keymap::Action;
    let parts = [
        (format!("{} next", app.keymap.label(Action::Next)), None),
        (format!("{} back", app.keymap.label(Action::Previous)), None),
        ("type to pick".to_string(), None),
        (
            format!("{} save", app.keymap.label(Action::Save)),
            Some(Action::Save),
        ),
        (
            format!("{} cancel", app.keymap.label(Action::Back)),
            Some(Action::Back),
        ),
    ];
    let keys = format!(
        " {}",
        parts
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    );
    lines.push(Line::styled(fit(&keys, inner_w), t.muted));
    // Save and cancel are buttons for the mouse too.
    let keys_y = rect.y + u16::try_from(lines.len()).unwrap_or(0);
    let mut x = rect.x + 2;
    for (text, action) in &parts {
        let w = u16::try_from(unicode_width::UnicodeWidthStr::width(text.as_str())).unwrap_or(0);
        if let Some(a) = action
            && x + w < rect.right()
        {
            app.hits.add(Rect::new(x, keys_y, w, 1), Hit::Action(*a));
        }
        x = x.saturating_add(w + 3);
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block(format!(" {} ", form.title), t)),
        rect,
    );
}

/// A multi-line field: its label and message on the first line, then `AREA_H` lines of text
/// around the cursor (the cursor shown when focused). User text is made inert.
fn area_lines(
    app: &App,
    form: &Form,
    i: usize,
    a: &super::Area,
    inner_w: usize,
    lines: &mut Vec<Line<'static>>,
) {
    let t = &app.theme;
    let f = &form.fields[i];
    let focused = i == form.focus;
    let label_style = if focused { t.key } else { t.muted };
    let mut head = vec![Span::styled(
        format!(" {}", fit(f.label, LABEL_W)),
        label_style,
    )];
    let help = if focused {
        format!(
            " Enter new line · {} edits in $VISUAL/$EDITOR",
            app.keymap.label(crate::keymap::Action::ExternalEditor)
        )
    } else {
        String::new()
    };
    let error = form.shown_error(i);
    let help_w = inner_w.saturating_sub(LABEL_W + 1);
    let help_w = if error.is_some() { help_w / 2 } else { help_w };
    head.push(Span::styled(fit(&help, help_w), t.muted));
    if let Some(e) = error {
        head.push(Span::styled(
            fit(&format!("✗ {e}"), inner_w.saturating_sub(LABEL_W + 1) / 2),
            t.warn,
        ));
    }
    lines.push(Line::from(head));
    let text = a.0.lines();
    let cursor = a.0.cursor();
    let (row, col) = (cursor.0, cursor.1);
    let first = (row + 2).saturating_sub(AREA_H - 1);
    let w = inner_w.saturating_sub(3);
    for r in first..first + AREA_H - 1 {
        let raw = text.get(r).map(String::as_str).unwrap_or("");
        let shown = if focused && r == row {
            let (before, after): (String, String) = {
                let chars: Vec<char> = raw.chars().collect();
                let c = col.min(chars.len());
                (chars[..c].iter().collect(), chars[c..].iter().collect())
            };
            let before = tail(&inert(&before), w.saturating_sub(1) * 2 / 3);
            format!("{before}▏{}", inert(&after))
        } else {
            inert(raw).into_owned()
        };
        let style = if text.get(r).is_some() {
            t.base
        } else {
            t.muted
        };
        lines.push(Line::from(vec![
            Span::styled("  │", t.muted),
            Span::styled(fit(&shown, w), style),
        ]));
    }
}
