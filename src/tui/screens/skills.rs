//! Skills: the framework by category with its rubrics; for a skill, everyone's distribution
//! of current levels against target, and who is below target.

use super::super::app::App;
use super::super::data::Data;
use super::super::list::matches;
use super::super::widgets::{bar, block, fit, list_title, right};
use crate::metrics::SkillGap;
use crate::text::inert;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub const SORTS: &[&str] = &["category", "name", "mean gap"];

/// Indexes into `org.skills`.
pub fn rows(data: &Data, filter: &str, sort: usize) -> Vec<usize> {
    let mut rows: Vec<usize> = data
        .skill_order
        .iter()
        .copied()
        .filter(|&i| {
            let s = &data.org.skills[i];
            filter.is_empty()
                || matches(
                    &format!("{}\n{}\n{}", s.name, s.key, s.category).to_lowercase(),
                    filter,
                )
        })
        .collect();
    match sort {
        1 => rows.sort_by_key(|&i| data.org.skills[i].name.to_lowercase()),
        2 => {
            let gaps = data.analysis.team_summary(&data.org, None).skill_gaps;
            let mean = |i: usize| {
                gaps.iter()
                    .find(|g: &&SkillGap| g.skill_id == data.org.skills[i].id)
                    .map_or(0.0, |g| g.mean_gap)
            };
            rows.sort_by(|&a, &b| mean(b).total_cmp(&mean(a)));
        }
        _ => {}
    }
    rows
}

/// The teams (sub-teams rolled up) where `skill` is targeted for two or more active members
/// and exactly one of them is at target, by name.
pub fn single_points(d: &Data, skill: crate::model::Id) -> Vec<String> {
    use std::collections::HashMap;
    let parent: HashMap<_, _> = d.org.teams.iter().map(|t| (t.id, t.parent_id)).collect();
    // team -> (targeted, at target)
    let mut acc: HashMap<crate::model::Id, (usize, usize)> = HashMap::new();
    for (p, s) in d.org.people.iter().zip(&d.analysis.people) {
        let Some(k) = s.skill(skill).filter(|_| !p.archived) else {
            continue;
        };
        let mut team = p.team_id;
        let mut seen = 0;
        while let Some(id) = team {
            let e = acc.entry(id).or_default();
            e.0 += 1;
            e.1 += usize::from(k.gap == 0);
            team = parent.get(&id).copied().flatten();
            seen += 1;
            if seen > d.org.teams.len() {
                break;
            }
        }
    }
    let mut out: Vec<String> = acc
        .into_iter()
        .filter(|&(_, (n, at))| {
            // The metrics' definition, on this team's counts.
            SkillGap {
                skill_id: skill,
                targeted: n,
                below_target: n - at,
                mean_gap: 0.0,
                levels_missing: 0,
            }
            .single_point()
        })
        .filter_map(|(id, _)| d.org.team(id).map(|t| inert(&t.name).into_owned()))
        .collect();
    out.sort_by_key(|n| n.to_lowercase());
    out
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = &app.data;
    let list = &app.view.skills;
    let left_w = (area.width * 2 / 5).clamp(24, 60);
    let [left, right_area] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(0)]).areas(area);
    let h = usize::from(left.height.saturating_sub(2));
    let w = usize::from(left.width.saturating_sub(2));
    let name_w = (w * 3 / 5).max(1);
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
            let s = d.org.skills.get(*list.rows.get(i)?)?;
            let (name, cat) = if i == list.selected {
                (t.selected, t.selected)
            } else {
                (t.base, t.muted)
            };
            Some(Line::from(vec![
                Span::styled(fit(&inert(&s.name), name_w), name),
                Span::styled(" ", name),
                Span::styled(fit(&inert(&s.category), w - name_w - 1), cat),
            ]))
        })
        .collect();
    let title = list_title(
        "Skills",
        list.len(),
        d.org.skills.len(),
        SORTS.get(list.sort).copied().unwrap_or(""),
        &inert(&list.filter),
    );
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), left);
    crate::tui::widgets::scroll_position(frame, left, list.window(h), list.len(), t);

    let Some(skill) = list.current().and_then(|i| d.org.skills.get(i)) else {
        frame.render_widget(
            Paragraph::new(if list.filter.is_empty() {
                "No skills yet. a adds one, or import a framework TOML file from the command palette (:import)."
            } else {
                "No skill matches the filter. Esc clears it."
            })
            .wrap(ratatui::widgets::Wrap { trim: true })
            .style(t.muted)
            .block(block("", t)),
            right_area,
        );
        return;
    };
    let [info, stats] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(10)]).areas(right_area);
    let mut lines = vec![
        Line::styled(inert(&skill.category).into_owned(), t.muted),
        Line::raw(inert(&skill.description).into_owned()),
    ];
    for (i, rubric) in skill.levels.iter().enumerate() {
        if rubric.is_empty() {
            continue;
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", i + 1), t.figure),
            Span::raw(inert(rubric).into_owned()),
        ]));
    }
    let title = format!(" {} ", inert(&skill.name));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(title, t)),
        info,
    );

    // Current levels among the active people this skill is targeted for, and who is below.
    let mut counts = [0usize; 7]; // not assessed, then 0..=5
    let mut below: Vec<(&str, Option<u8>, u8)> = Vec::new();
    let mut target_sum = 0usize;
    for r in d.people.iter().filter(|r| !r.archived) {
        if let Some(s) = d.analysis.people[r.idx].skill(skill.id) {
            let slot = s.current_level().map_or(0, |l| usize::from(l.min(5)) + 1);
            counts[slot] += 1;
            target_sum += usize::from(s.target);
            if s.gap > 0 {
                below.push((r.name.as_str(), s.current_level(), s.target));
            }
        }
    }
    let targeted: usize = counts.iter().sum();
    let mean_target = if targeted > 0 {
        format!("{:.1}", target_sum as f64 / targeted as f64)
    } else {
        "-".into()
    };
    let dist_w = (stats.width / 2).clamp(24, 44);
    let [dist, who] =
        Layout::horizontal([Constraint::Length(dist_w), Constraint::Min(0)]).areas(stats);
    let dw = usize::from(dist.width.saturating_sub(2));
    let bar_w = dw.saturating_sub(18);
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let lines: Vec<Line> = counts
        .iter()
        .enumerate()
        .map(|(slot, &n)| {
            let label = if slot == 0 {
                "· not assessed".to_string()
            } else {
                d.level(Some((slot - 1) as u8))
            };
            Line::from(vec![
                Span::raw(fit(&label, 13)),
                Span::styled(right(&n.to_string(), 4), t.figure),
                Span::raw(" "),
                Span::styled(bar(n as f64, max, bar_w), t.bar),
            ])
        })
        .collect();
    let mut lines = lines;
    let at_target = targeted - below.len();
    lines.push(Line::styled(
        format!("mean target {mean_target} · at target {at_target}"),
        t.muted,
    ));
    let title = format!(" Levels of {targeted} targeted ");
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), dist);

    let ww = usize::from(who.width.saturating_sub(2));
    let room = usize::from(who.height.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    for (k, (name, cur, target)) in below.iter().enumerate().take(room) {
        if k + 1 == room && below.len() > room {
            lines.push(Line::styled(
                format!("… and {} more", below.len() - k),
                t.muted,
            ));
            break;
        }
        let gap = target.saturating_sub(cur.unwrap_or(0));
        let cur = cur.map_or("·".to_string(), |c| c.to_string());
        lines.push(Line::from(vec![
            Span::raw(fit(name, ww.saturating_sub(7))),
            Span::styled(format!(" {cur} of {target}"), t.gap(Some(gap.min(2)))),
        ]));
    }
    let spof = single_points(d, skill.id);
    if !spof.is_empty() {
        let text = format!("Single point of failure in: {}", spof.join(", "));
        lines.insert(0, Line::styled(fit(&text, ww), t.warn));
        lines.truncate(room);
    }
    let title = format!(" Below target ({}) ", below.len());
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), who);
}
