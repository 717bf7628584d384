//! Notes: one-on-one notes across the team, newest first, filterable by person or text;
//! open action items; an agenda for the selected person's next one-on-one (their open
//! items, largest gaps, stale skills).

use super::super::app::App;
use super::super::data::Data;
use super::super::insight;
use super::super::list::matches;
use super::super::widgets::{block, fit, list_title};
use crate::text::{inert, inert_multiline};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub const SORTS: &[&str] = &["newest", "open items", "person"];

/// Indexes into `data.notes` (which are newest first).
pub fn rows(data: &Data, filter: &str, sort: usize) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..data.notes.len())
        .filter(|&i| filter.is_empty() || matches(&data.note_search[i], filter))
        .collect();
    match sort {
        1 => rows.sort_by_cached_key(|&i| {
            std::cmp::Reverse(crate::model::open_action_items(&data.notes[i].body))
        }),
        2 => rows.sort_by_cached_key(|&i| data.person_name(data.notes[i].person_id).to_lowercase()),
        _ => {}
    }
    rows
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = &app.data;
    let list = &app.view.notes;
    let left_w = (area.width * 9 / 20).clamp(30, 70);
    let [left, right_area] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(0)]).areas(area);
    let h = usize::from(left.height.saturating_sub(2));
    let w = usize::from(left.width.saturating_sub(2));
    let name_w = (w / 3).clamp(8, 22);
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
            let n = d.notes.get(*list.rows.get(i)?)?;
            let open = crate::model::open_action_items(&n.body);
            let first = n
                .body
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .unwrap_or("");
            let first = first
                .trim_start_matches("- [ ]")
                .trim_start_matches("- [x]")
                .trim();
            let mark = if open > 0 {
                format!("{open}☐")
            } else {
                "  ".into()
            };
            let text = format!(
                "{} {} {} {}",
                n.date.format("%Y-%m-%d"),
                fit(&d.person_name(n.person_id), name_w),
                fit(&mark, 3),
                inert(first)
            );
            let style = if i == list.selected {
                t.selected
            } else {
                t.base
            };
            Some(Line::styled(fit(&text, w), style))
        })
        .collect();
    let title = list_title(
        "Notes",
        list.len(),
        d.notes.len(),
        SORTS.get(list.sort).copied().unwrap_or(""),
        &inert(&list.filter),
    );
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), left);
    crate::tui::widgets::scroll_position(frame, left, list.window(h), list.len(), t);

    let Some(note) = list.current().and_then(|i| d.notes.get(i)) else {
        frame.render_widget(
            Paragraph::new(if list.filter.is_empty() {
                "No notes yet. a writes one (the form asks whose); a note's \"- [ ]\" lines become action items."
            } else {
                "No note matches the filter. Esc clears it."
            })
            .wrap(ratatui::widgets::Wrap { trim: true })
            .style(t.muted)
            .block(block("", t)),
            right_area,
        );
        return;
    };
    let [body_area, agenda_area] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Min(0)]).areas(right_area);
    let mut body: Vec<Line> = Vec::new();
    // Who wrote it, whether it is private, its skill tags: one line above the body.
    let mut tags: Vec<String> = note.skill_ids.iter().map(|&s| d.skill_name(s)).collect();
    if note.private {
        tags.insert(0, "private".into());
    }
    if !note.author.is_empty() {
        tags.insert(0, format!("by {}", inert(&note.author)));
    }
    if !tags.is_empty() {
        body.push(Line::styled(tags.join(" · "), t.muted));
    }
    for l in inert_multiline(&note.body).lines() {
        let style = if l.trim_start().starts_with("- [ ]") {
            t.warn
        } else {
            t.base
        };
        body.push(Line::styled(l.to_string(), style));
    }
    let who = d.person_name(note.person_id);
    let title = format!(" {} · {} ", note.date, who);
    frame.render_widget(
        Paragraph::new(body)
            .wrap(Wrap { trim: false })
            .block(block(title, t)),
        body_area,
    );

    // The agenda for this person's next one-on-one.
    let aw = usize::from(agenda_area.width.saturating_sub(4));
    let mut agenda = vec![Line::styled("Open action items", t.header)];
    let items: Vec<(chrono::NaiveDate, String)> = d
        .notes
        .iter()
        .filter(|n| n.person_id == note.person_id)
        .flat_map(|n| {
            n.action_items()
                .into_iter()
                .filter(|a| !a.done)
                .map(move |a| (n.date, a.text))
        })
        .collect();
    for (date, text) in &items {
        agenda.push(Line::from(vec![
            Span::styled(format!("☐ {date} "), t.muted),
            Span::raw(fit(&inert(text), aw.saturating_sub(13))),
        ]));
    }
    if items.is_empty() {
        agenda.push(Line::styled("none", t.muted));
    }
    if let Some((_, s)) = d.person(note.person_id) {
        let mut gaps: Vec<_> = s.skills.iter().filter(|k| k.gap > 0).collect();
        gaps.sort_by(|a, b| b.gap.cmp(&a.gap).then(b.weight.cmp(&a.weight)));
        agenda.push(Line::styled("Largest gaps", t.header));
        for g in gaps.iter().take(3) {
            let cur = g.current_level().map_or("·".into(), |c| c.to_string());
            agenda.push(Line::from(vec![
                Span::raw(fit(
                    &d.skill_name(g.skill_id),
                    aw.saturating_sub(10).min(34),
                )),
                Span::styled(format!(" {cur} of {}", g.target), t.gap(Some(g.gap.min(2)))),
            ]));
        }
        if gaps.is_empty() {
            agenda.push(Line::styled("none: at target everywhere", t.good));
        }
        let stale: Vec<String> = s
            .skills
            .iter()
            .filter(|k| k.stale)
            .map(|k| d.skill_name(k.skill_id))
            .collect();
        agenda.push(Line::styled(
            format!("Stale ratings ({})", stale.len()),
            t.header,
        ));
        if !stale.is_empty() {
            agenda.push(Line::styled(stale.join(", "), t.stale));
        }
    }
    let overdue: Vec<String> = d
        .org
        .offers
        .iter()
        .filter(|o| o.person_id == note.person_id && insight::is_overdue(o, d.today))
        .map(|o| {
            format!(
                "{} (due {})",
                d.training_title(o.training_id),
                o.due_on.map_or(String::new(), |d| d.to_string())
            )
        })
        .collect();
    if !overdue.is_empty() {
        agenda.push(Line::styled(
            format!("Overdue trainings ({})", overdue.len()),
            t.header,
        ));
        agenda.push(Line::styled(overdue.join(", "), t.warn));
    }
    frame.render_widget(
        Paragraph::new(agenda)
            .wrap(Wrap { trim: false })
            .block(block(
                format!(
                    " Agenda for {who}'s next one-on-one · {} full view ",
                    app.keymap.label(crate::keymap::Action::OneOnOne)
                ),
                t,
            )),
        agenda_area,
    );
}
