//! Trainings: the catalog with the skills and levels each develops; offers by status; for
//! a training, who would benefit (has a gap it closes) and has not been offered it.

use super::super::app::App;
use super::super::data::Data;
use super::super::insight;
use super::super::list::matches;
use super::super::widgets::{block, fit, list_title};
use crate::model::{Id, OfferStatus, Training};
use crate::text::inert;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::HashSet;

pub const SORTS: &[&str] = &["title", "who would benefit"];

/// Indexes into `data.people` of those who have a gap this training closes and were never
/// offered it.
pub fn beneficiaries(data: &Data, training: &Training) -> Vec<usize> {
    let offered: HashSet<Id> = data
        .org
        .offers
        .iter()
        .filter(|o| o.training_id == training.id)
        .map(|o| o.person_id)
        .collect();
    (0..data.people.len())
        .filter(|&i| {
            let r = &data.people[i];
            !r.archived
                && !offered.contains(&r.id)
                && data.analysis.people[r.idx].skills.iter().any(|s| {
                    s.gap > 0
                        && training.develops.iter().any(|&(k, lvl)| {
                            k == s.skill_id && lvl > s.current_level().unwrap_or(0)
                        })
                })
        })
        .collect()
}

/// Indexes into `org.trainings`.
pub fn rows(data: &Data, filter: &str, sort: usize) -> Vec<usize> {
    let ts = &data.org.trainings;
    let mut rows: Vec<usize> = (0..ts.len())
        .filter(|&i| {
            filter.is_empty()
                || matches(
                    &format!(
                        "{}\n{}",
                        ts[i].title,
                        ts[i].provider.as_deref().unwrap_or("")
                    )
                    .to_lowercase(),
                    filter,
                )
        })
        .collect();
    rows.sort_by_key(|&i| ts[i].title.to_lowercase());
    if sort == 1 {
        rows.sort_by_cached_key(|&i| std::cmp::Reverse(beneficiaries(data, &ts[i]).len()));
    }
    rows
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = &app.data;
    let list = &app.view.trainings;
    let left_w = (area.width * 2 / 5).clamp(24, 50);
    let [left, right_area] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(0)]).areas(area);
    let h = usize::from(left.height.saturating_sub(2));
    let w = usize::from(left.width.saturating_sub(2));
    app.hits.add(
        ratatui::layout::Rect::new(
            left.x + 1,
            left.y + 1,
            left.width.saturating_sub(2),
            h as u16,
        ),
        crate::tui::mouse::Hit::Rows(list.window(h).start),
    );
    let lines: Vec<Line> = list
        .window(h)
        .filter_map(|i| {
            let tr = d.org.trainings.get(*list.rows.get(i)?)?;
            let style = if i == list.selected {
                t.selected
            } else {
                t.base
            };
            Some(Line::styled(fit(&inert(&tr.title), w), style))
        })
        .collect();
    let title = list_title(
        "Trainings",
        list.len(),
        d.org.trainings.len(),
        SORTS.get(list.sort).copied().unwrap_or(""),
        &inert(&list.filter),
    );
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), left);
    crate::tui::widgets::scroll_position(frame, left, list.window(h), list.len(), t);

    let Some(tr) = list.current().and_then(|i| d.org.trainings.get(i)) else {
        frame.render_widget(
            Paragraph::new(if list.filter.is_empty() {
                "No trainings yet. a adds one; o then offers it to a person with a gap."
            } else {
                "No training matches the filter. Esc clears it."
            })
            .wrap(ratatui::widgets::Wrap { trim: true })
            .style(t.muted)
            .block(block("", t)),
            right_area,
        );
        return;
    };
    let rw = usize::from(right_area.width.saturating_sub(2));
    let rh = usize::from(right_area.height.saturating_sub(2));
    let mut info = Vec::new();
    if let Some(p) = &tr.provider {
        info.push(inert(p).into_owned());
    }
    if let Some(h) = tr.hours {
        info.push(format!("{h} h"));
    }
    if let Some(u) = &tr.url {
        info.push(inert(u).into_owned());
    }
    let mut lines = vec![Line::styled(fit(&info.join(" · "), rw), t.muted)];
    lines.push(Line::styled("Develops", t.header));
    for &(skill, level) in &tr.develops {
        lines.push(Line::from(vec![
            Span::raw(fit(&d.skill_name(skill), rw.saturating_sub(18).min(36))),
            Span::styled(format!(" to {}", d.level(Some(level))), t.figure),
        ]));
    }
    let mut by_status = [0usize; 4];
    for o in d.org.offers.iter().filter(|o| o.training_id == tr.id) {
        let i = OfferStatus::ALL
            .iter()
            .position(|&s| s == o.status)
            .unwrap_or(0);
        by_status[i] += 1;
    }
    lines.push(Line::styled("Offers by status", t.header));
    let mut spans = Vec::new();
    for (s, n) in OfferStatus::ALL.iter().zip(by_status) {
        spans.push(Span::styled(format!("{n} "), t.figure));
        spans.push(Span::styled(format!("{s}  "), t.muted));
    }
    lines.push(Line::from(spans));
    // Who is enrolled in (or offered) it now, with due dates; overdue first.
    let mut flight: Vec<&crate::model::Offer> = d
        .org
        .offers
        .iter()
        .filter(|o| {
            o.training_id == tr.id
                && matches!(o.status, OfferStatus::Offered | OfferStatus::Enrolled)
                && d.person(o.person_id).is_some_and(|(p, _)| !p.archived)
        })
        .collect();
    flight.sort_by_key(|o| {
        (
            !insight::is_overdue(o, d.today),
            o.due_on.unwrap_or(chrono::NaiveDate::MAX),
        )
    });
    let overdue = flight
        .iter()
        .filter(|o| insight::is_overdue(o, d.today))
        .count();
    lines.push(Line::styled(
        format!("In flight ({}, {overdue} overdue)", flight.len()),
        t.header,
    ));
    let room = (rh.saturating_sub(lines.len()) / 2).max(1);
    for (k, o) in flight.iter().enumerate().take(room) {
        if k + 1 == room && flight.len() > room {
            lines.push(Line::styled(
                format!("… and {} more", flight.len() - k),
                t.muted,
            ));
            break;
        }
        let late = insight::is_overdue(o, d.today);
        let due = match o.due_on {
            Some(due) if late => format!("OVERDUE, due {due}"),
            Some(due) => format!("due {due}"),
            None => "no due date".into(),
        };
        lines.push(Line::from(vec![
            Span::raw(fit(
                &d.person_name(o.person_id),
                rw.saturating_sub(32).min(30),
            )),
            Span::styled(format!(" {:<9}", o.status.as_str()), t.muted),
            Span::styled(due, if late { t.warn } else { t.muted }),
        ]));
    }
    let who = beneficiaries(d, tr);
    lines.push(Line::styled(
        format!("Would benefit, never offered it ({})", who.len()),
        t.header,
    ));
    let room = rh.saturating_sub(lines.len());
    for (k, &i) in who.iter().enumerate().take(room) {
        if k + 1 == room && who.len() > room {
            lines.push(Line::styled(
                format!("… and {} more", who.len() - k),
                t.muted,
            ));
            break;
        }
        let r = &d.people[i];
        lines.push(Line::from(vec![
            Span::raw(fit(&r.name, rw.saturating_sub(2).min(30))),
            Span::styled(format!(" {}", fit(&r.team, rw.saturating_sub(33))), t.muted),
        ]));
    }
    let title = format!(" {} ", inert(&tr.title));
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), right_area);
}
