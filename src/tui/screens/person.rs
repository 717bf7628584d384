//! A person: every targeted skill with target, current, source, date, gap and a stale mark;
//! self against verified side by side; a sparkline of their assessments; offers;
//! recommended trainings per gap; notes newest first with open action items.

use super::super::app::{App, PersonView};
use super::super::widgets::{block, fit, right, sparkline};
use crate::metrics::{latest_of_source, percent};
use crate::model::Source;
use crate::text::{inert, inert_multiline};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// From this inner width on, the view has two columns.
const WIDE: u16 = 140;
/// The width of the skills column in two-column mode.
const SKILLS_W: u16 = 82;

pub fn render(app: &App, pv: &PersonView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = &app.data;
    let id = pv.detail.id;
    let Some((person, summary)) = d.person(id) else {
        frame.render_widget(
            Paragraph::new("This person is gone.").block(block("", t)),
            area,
        );
        return;
    };
    let full_w = area.width.saturating_sub(2);
    let (w, rest_w) = if full_w >= WIDE {
        (usize::from(SKILLS_W - 1), usize::from(full_w - SKILLS_W))
    } else {
        (usize::from(full_w), usize::from(full_w))
    };
    let mut lines: Vec<Line> = Vec::new();
    let team = person
        .team_id
        .and_then(|i| d.org.team(i))
        .map(|t| inert(&t.name).into_owned())
        .unwrap_or_else(|| "no team".into());
    let role = person
        .role_id
        .and_then(|i| d.org.role(i))
        .map(|r| inert(&r.name).into_owned())
        .unwrap_or_else(|| "no role".into());
    let mut who = format!("{team} · {role}");
    if let Some(e) = &person.email {
        who.push_str(&format!(" · {}", inert(e)));
    }
    lines.push(Line::styled(fit(&who, w), t.muted));
    lines.push(Line::from(vec![
        Span::styled("Readiness ", t.muted),
        Span::styled(percent(summary.readiness), t.figure),
        Span::styled("  At target ", t.muted),
        Span::styled(percent(summary.at_target), t.figure),
        Span::styled("  Largest gap ", t.muted),
        Span::styled(summary.largest_gap.to_string(), t.figure),
        Span::styled("  Stale ", t.muted),
        Span::styled(summary.stale.to_string(), t.figure),
    ]));
    let levels: Vec<u8> = pv.detail.history.iter().map(|a| a.rating.level).collect();
    let spark_w = w.saturating_sub(32);
    let shown = &levels[levels.len().saturating_sub(spark_w)..];
    let span = match (pv.detail.history.first(), pv.detail.history.last()) {
        (Some(a), Some(b)) => format!(" {} to {}", a.rating.assessed_on, b.rating.assessed_on),
        _ => " no assessments".into(),
    };
    lines.push(Line::from(vec![
        Span::styled("Trend ", t.muted),
        Span::styled(sparkline(shown), t.good),
        Span::styled(span, t.muted),
    ]));
    lines.push(Line::raw(""));

    // Skills.
    let name_w = w.saturating_sub(49).clamp(10, 30);
    lines.push(Line::styled(
        format!(
            "{} Tgt Cur Source   Date       Gap  Self Verif",
            fit("Skill", name_w)
        ),
        t.header,
    ));
    for s in &summary.skills {
        let cur = s.current;
        let ratings = d.org.ratings_of(id, s.skill_id);
        let own = latest_of_source(ratings, Source::SelfRated);
        let ver = latest_of_source(ratings, Source::Verified);
        let (own_txt, ver_txt) = match (own, ver) {
            (Some(o), Some(v)) => (
                o.level.to_string(),
                format!("{} {:+}", v.level, i32::from(o.level) - i32::from(v.level)),
            ),
            _ => ("".into(), "".into()),
        };
        lines.push(Line::from(vec![
            Span::raw(fit(&d.skill_name(s.skill_id), name_w)),
            Span::raw(right(&s.target.to_string(), 4)),
            Span::styled(
                right(&cur.map_or("·".into(), |c| c.level.to_string()), 4),
                t.gap(Some(s.gap)),
            ),
            Span::raw(" "),
            Span::raw(fit(cur.map_or("", |c| c.source.as_str()), 8)),
            Span::raw(" "),
            Span::raw(fit(
                &cur.map_or(String::new(), |c| c.assessed_on.to_string()),
                10,
            )),
            Span::styled(right(&s.gap.to_string(), 4), t.gap(Some(s.gap.min(2)))),
            Span::styled(if s.stale { "*" } else { " " }, t.stale),
            Span::raw(right(&own_txt, 5)),
            Span::raw(right(&ver_txt, 6)),
        ]));
    }
    if summary.skills.is_empty() {
        lines.push(Line::styled(
            "No targeted skills (no role or targets)",
            t.muted,
        ));
    }
    lines.push(Line::styled(
        "* stale   Self/Verif: latest self and verified levels, where both exist",
        t.muted,
    ));
    let skills = lines;
    let mut lines: Vec<Line> = Vec::new();

    // Offers.
    lines.push(Line::styled("Training offers", t.header));
    let offers = d.org.offers_of(id);
    for o in &offers {
        let mut when = format!("offered {}", o.offered_on);
        if let Some(c) = o.completed_on {
            when.push_str(&format!(", completed {c}"));
        } else if let Some(due) = o.due_on {
            when.push_str(&format!(", due {due}"));
        }
        lines.push(Line::from(vec![
            Span::raw(fit(
                &d.training_title(o.training_id),
                rest_w.saturating_sub(47).clamp(10, 40),
            )),
            Span::raw(" "),
            Span::styled(fit(o.status.as_str(), 10), t.figure),
            Span::styled(when, t.muted),
        ]));
    }
    if offers.is_empty() {
        lines.push(Line::styled("Never offered training", t.warn));
    }
    lines.push(Line::raw(""));

    // Recommendations.
    lines.push(Line::styled("Recommended for each gap", t.header));
    let recs = d.analysis.recommendations(&d.org, id);
    for r in &recs {
        lines.push(Line::from(vec![
            Span::raw(fit(&d.skill_name(r.skill_id), name_w)),
            Span::styled(" → ", t.muted),
            Span::raw(d.training_title(r.training_id)),
            Span::styled(format!(" (to {})", r.level), t.muted),
        ]));
    }
    if recs.is_empty() {
        lines.push(Line::styled("Nothing to recommend", t.muted));
    }
    lines.push(Line::raw(""));

    // Notes.
    lines.push(Line::styled("One-on-one notes", t.header));
    let notes: Vec<_> = d.notes.iter().filter(|n| n.person_id == id).collect();
    for n in &notes {
        let open = n.action_items().iter().filter(|a| !a.done).count();
        let mut head = vec![Span::styled(n.date.to_string(), t.figure)];
        if n.private {
            head.push(Span::styled(" private", t.muted));
        }
        if open > 0 {
            head.push(Span::styled(format!(" {open} open"), t.warn));
        }
        lines.push(Line::from(head));
        for l in inert_multiline(&n.body).lines() {
            let style = if l.trim_start().starts_with("- [ ]") {
                t.warn
            } else {
                t.base
            };
            lines.push(Line::styled(
                format!("  {}", fit(l, rest_w.saturating_sub(2))),
                style,
            ));
        }
    }
    if notes.is_empty() {
        lines.push(Line::styled("No notes yet", t.muted));
    }

    let rest = lines;

    let title = format!(" {} ", inert(&person.name));
    let b = block(title, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let inner_h = usize::from(inner.height);
    // Wide terminals: skills on the left, offers, recommendations and notes on the right.
    let panes: Vec<(Vec<Line>, Rect)> = if inner.width >= WIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Length(SKILLS_W), Constraint::Min(0)]).areas(inner);
        vec![(skills, left), (rest, right)]
    } else {
        let mut all = skills;
        all.push(Line::raw(""));
        all.extend(rest);
        vec![(all, inner)]
    };
    let max_scroll = panes
        .iter()
        .map(|(l, _)| l.len().saturating_sub(inner_h))
        .max()
        .unwrap_or(0);
    let scroll = pv.scroll.min(max_scroll);
    pv.max_scroll.set(max_scroll);
    for (lines, rect) in panes {
        let scroll = scroll.min(lines.len().saturating_sub(inner_h));
        let visible: Vec<Line> = lines.into_iter().skip(scroll).take(inner_h).collect();
        frame.render_widget(Paragraph::new(visible), rect);
    }
}
