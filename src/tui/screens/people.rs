//! People: a table (name, team, role, readiness, at target, largest gap, stale, open items,
//! mean perception gap) that sorts and filters. Only the rows in view are built.

use super::super::app::App;
use super::super::data::Data;
use super::super::list::matches;
use super::super::view::TeamScope;
use super::super::widgets::{block, list_title};
use crate::metrics::percent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Text;
use ratatui::widgets::{Cell, Row, Table};
use std::cmp::Ordering;

pub const SORTS: &[&str] = &[
    "name",
    "readiness (lowest first)",
    "largest gap",
    "stale",
    "open items",
    "team",
    "perception gap (self above verified first)",
];

/// Indexes into `data.people`, only members of `scope` when given, filtered by name, team
/// or role, sorted by `SORTS[sort]`. Archived people only with `archived` (and no scope:
/// a team's members are its active people).
pub fn rows(
    data: &Data,
    filter: &str,
    sort: usize,
    scope: Option<&TeamScope>,
    archived: bool,
) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..data.people.len())
        .filter(|&i| archived || !data.people[i].archived)
        .filter(|&i| scope.is_none_or(|s| s.members.contains(&data.people[i].id)))
        .filter(|&i| filter.is_empty() || matches(&data.people[i].search, filter))
        .collect();
    let p = &data.people;
    let by_readiness = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    // People rows are in name order already, and the sort is stable.
    match sort {
        1 => rows.sort_by(|&a, &b| by_readiness(p[a].readiness, p[b].readiness)),
        2 => rows.sort_by(|&a, &b| p[b].largest_gap.cmp(&p[a].largest_gap)),
        3 => rows.sort_by(|&a, &b| p[b].stale.cmp(&p[a].stale)),
        4 => rows.sort_by(|&a, &b| p[b].open_items.cmp(&p[a].open_items)),
        5 => rows.sort_by(|&a, &b| p[a].team.to_lowercase().cmp(&p[b].team.to_lowercase())),
        // Largest gap first, people without a pair last.
        6 => rows.sort_by(|&a, &b| {
            by_readiness(p[a].perception.map(|g| -g), p[b].perception.map(|g| -g))
        }),
        _ => {}
    }
    rows
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let list = &app.view.people;
    let name = if app.view.show_archived {
        "People, archived too"
    } else {
        "People"
    };
    let title = list_title(
        &scoped(name, app),
        list.len(),
        if app.view.show_archived {
            app.data.people.len()
        } else {
            app.data.active
        },
        SORTS.get(list.sort).copied().unwrap_or(""),
        &crate::text::inert(&list.filter),
    );
    let inner_h = usize::from(area.height.saturating_sub(3));
    let window = list.window(inner_h);
    // Text columns share what the figures leave; an email column when there is room (it
    // tells people of the same name apart). Text is cut with "…".
    let inner_w = usize::from(area.width.saturating_sub(2));
    let fixed = 5 + 5 + 3 + 5 + 4 + 4;
    let with_email = inner_w >= 130;
    let gaps = if with_email { 9 } else { 8 };
    let room = inner_w.saturating_sub(fixed + gaps);
    let parts: &[usize] = if with_email {
        &[3, 3, 2, 2]
    } else {
        &[3, 2, 2]
    };
    let total: usize = parts.iter().sum();
    let mut text_w: Vec<usize> = parts.iter().map(|p| room * p / total).collect();
    text_w[0] += room - text_w.iter().sum::<usize>();
    let fit = super::super::widgets::fit;
    app.hits.add(
        Rect::new(
            area.x + 1,
            area.y + 2,
            area.width.saturating_sub(2),
            inner_h as u16,
        ),
        crate::tui::mouse::Hit::Rows(window.start),
    );
    let rows: Vec<Row> = window
        .clone()
        .filter_map(|i| {
            let r = app.data.people.get(*list.rows.get(i)?)?;
            let style = match (i == list.selected, r.archived) {
                (true, _) => t.selected,
                (false, true) => t.muted,
                (false, false) => t.base,
            };
            let gap = Cell::from(Text::from(r.largest_gap.to_string()).right_aligned())
                .style(t.gap(Some(r.largest_gap.min(2))));
            let name = if r.archived {
                format!("{} (archived)", r.name)
            } else {
                r.name.clone()
            };
            let mut cells = vec![Cell::from(fit(&name, text_w[0]))];
            if with_email {
                let email = app
                    .data
                    .org
                    .people
                    .get(r.idx)
                    .and_then(|p| p.email.as_deref())
                    .map(|e| crate::text::inert(e).into_owned())
                    .unwrap_or_default();
                cells.push(Cell::from(fit(&email, text_w[1])));
            }
            let n = text_w.len();
            cells.push(Cell::from(fit(&r.team, text_w[n - 2])));
            cells.push(Cell::from(fit(&r.role, text_w[n - 1])));
            Some(
                Row::new(
                    cells.into_iter().chain([
                        Cell::from(Text::from(percent(r.readiness)).right_aligned()),
                        Cell::from(Text::from(percent(r.at_target)).right_aligned()),
                        gap,
                        Cell::from(Text::from(stale(r.stale)).right_aligned())
                            .style(if r.stale > 0 { t.stale } else { t.base }),
                        Cell::from(Text::from(count(r.open_items)).right_aligned()),
                        Cell::from(
                            Text::from(r.perception.map_or("-".into(), |g| format!("{g:+.1}")))
                                .right_aligned(),
                        )
                        .style(if r.perception.is_some_and(|g| g >= 1.0) {
                            t.warn
                        } else {
                            t.base
                        }),
                    ]),
                )
                .style(style),
            )
        })
        .collect();
    let mut names = vec!["Name"];
    if with_email {
        names.push("Email");
    }
    names.extend([
        "Team", "Role", "Ready", "AtTgt", "Gap", "Stale", "Open", "Perc",
    ]);
    let header = Row::new(names).style(t.header);
    let mut widths: Vec<Constraint> = text_w
        .iter()
        .map(|&w| Constraint::Length(u16::try_from(w).unwrap_or(0)))
        .collect();
    widths.extend([
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(3),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(4),
    ]);
    let table = Table::new(rows, widths)
        .header(header)
        .block(block(title, t))
        .column_spacing(1);
    frame.render_widget(table, area);
    super::super::widgets::scroll_position(frame, area, window.clone(), list.len(), t);
    if list.is_empty() && area.height > 3 {
        let why = if app.data.people.is_empty() {
            format!(
                "No people yet: {} adds one, or {} import reads a CSV file",
                app.keymap.label(crate::keymap::Action::Add),
                app.keymap.label(crate::keymap::Action::Palette)
            )
        } else {
            "Nobody here: clear the filter (Esc), or A shows archived people".to_string()
        };
        let line = Rect {
            x: area.x + 1,
            y: area.y + 2,
            width: area.width.saturating_sub(2),
            height: 1,
        };
        frame.render_widget(ratatui::text::Line::styled(why, t.muted), line);
    }
}

/// "People", or "People · Engineering" when narrowed to a team.
pub fn scoped(name: &str, app: &App) -> String {
    match &app.view.scope {
        Some(s) => format!("{name} · {}", s.name),
        None => name.to_string(),
    }
}

fn stale(n: usize) -> String {
    if n == 0 { "-".into() } else { format!("{n}*") }
}

fn count(n: usize) -> String {
    if n == 0 { "-".into() } else { n.to_string() }
}
