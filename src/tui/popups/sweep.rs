//! The review sweep: a person's targeted skills one at a time; one key per level records a
//! new assessment and moves on, so re-rating someone after a training takes a minute.

use super::super::app::App;
use super::super::view::Sweep;
use super::super::widgets::{block, centered, fit};
use crate::text::inert;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(app: &App, sweep: &Sweep, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = &app.data;
    let rect = centered(area, 86, 12);
    let w = usize::from(rect.width.saturating_sub(2));
    let mut lines = Vec::new();
    match sweep.items.get(sweep.index) {
        Some(&(person, skill_id)) => {
            let skill = d.skill(skill_id);
            let status = d
                .person(person)
                .and_then(|(_, s)| s.skills.iter().find(|s| s.skill_id == skill_id));
            let current = status
                .and_then(|s| s.current.as_ref())
                .map(|r| {
                    format!(
                        "{} ({} {})",
                        d.level(Some(r.level)),
                        r.source,
                        r.assessed_on
                    )
                })
                .unwrap_or_else(|| "not assessed".into());
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} of {} · ", sweep.index + 1, sweep.items.len()),
                    t.muted,
                ),
                Span::styled(
                    format!("{} · {}", d.person_name(person), d.skill_name(skill_id)),
                    t.title,
                ),
            ]));
            lines.push(Line::styled(
                fit(
                    &format!("target {} · now {current}", status.map_or(0, |s| s.target)),
                    w,
                ),
                t.muted,
            ));
            for l in 0..=5u8 {
                let rubric = match l {
                    0 => String::new(),
                    l => skill
                        .and_then(|s| s.levels.get(usize::from(l) - 1))
                        .map(|r| inert(r).into_owned())
                        .unwrap_or_default(),
                };
                lines.push(Line::from(vec![
                    Span::styled(format!(" {l} "), t.key),
                    Span::raw(fit(
                        &format!(
                            "{} {rubric}",
                            d.level(Some(l)).split_once(' ').map_or("", |x| x.1)
                        ),
                        w.saturating_sub(3),
                    )),
                ]));
            }
        }
        None => lines.push(Line::raw("Nothing left to review")),
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        fit(
            &format!(
                " 0-5 level ({}, today) · Tab skip · Shift-Tab back · Esc done · {} saved",
                sweep.source, sweep.saved
            ),
            w,
        ),
        t.muted,
    ));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block(format!(" Review {} ", inert(&sweep.title)), t)),
        rect,
    );
}
