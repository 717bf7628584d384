//! The first frame of a large organisation. Its figures need every latest rating (2.6
//! million at 100,000 people), which takes most of a second to read; the teams and how many
//! people each holds take a few milliseconds. So the loading thread reads those first and the
//! Team screen shows them at once, each figure marked as still loading, until the rest is in.

use super::app::App;
use super::data::{TeamEntry, team_tree};
use super::widgets::{block, fit};
use crate::store::{Store, people, teams};
use anyhow::{Context, Result};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::collections::HashMap;

/// The teams in the Team screen's order, each with its active people (sub-teams included).
pub struct Preview {
    pub teams: Vec<(TeamEntry, usize)>,
}

impl Preview {
    /// Reads the teams and the active people per team.
    pub fn read(store: &Store) -> Result<Preview> {
        let (all, counts) = store
            .read(|c| {
                Ok::<_, crate::store::StoreError>((
                    teams::list_teams(c)?,
                    people::active_per_team(c)?,
                ))
            })
            .and_then(|r| r)
            .context("cannot read the teams")?;
        let own: HashMap<Option<crate::model::Id>, usize> = counts
            .into_iter()
            .map(|(team, n)| (team, usize::try_from(n).unwrap_or(0)))
            .collect();
        let everyone = own.values().sum();
        let teams = team_tree(&all)
            .into_iter()
            .map(|entry| {
                let n = match entry.id {
                    None => everyone,
                    Some(id) => crate::metrics::team_and_descendants(&all, id)
                        .iter()
                        .map(|t| own.get(&Some(*t)).copied().unwrap_or(0))
                        .sum(),
                };
                (entry, n)
            })
            .collect();
        Ok(Preview { teams })
    }
}

/// The Team screen as far as the preview goes: the teams, and the first one's head with
/// each figure marked as loading ("…").
pub fn render(app: &App, preview: &Preview, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let picker_w = (area.width / 5).clamp(14, 28);
    let [left, right] =
        Layout::horizontal([Constraint::Length(picker_w), Constraint::Min(0)]).areas(area);
    let w = usize::from(left.width.saturating_sub(2));
    let lines: Vec<Line> = preview
        .teams
        .iter()
        .take(usize::from(left.height.saturating_sub(2)))
        .enumerate()
        .map(|(i, (e, _))| {
            let text = fit(&format!("{}{}", "  ".repeat(e.depth), e.name), w);
            Line::styled(text, if i == 0 { t.selected } else { t.base })
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block(" Teams ", t)), left);
    let [figs, rest] = Layout::vertical([Constraint::Length(4), Constraint::Min(0)]).areas(right);
    let (name, n) = preview
        .teams
        .first()
        .map_or(("Everyone", 0), |(e, n)| (e.name.as_str(), *n));
    let who = match n {
        1 => "1 person".to_string(),
        n => format!("{n} people"),
    };
    let b = block(format!(" {name} · {who} "), t);
    let inner = b.inner(figs);
    frame.render_widget(b, figs);
    let labels = [
        "Readiness",
        "At target",
        "Coverage",
        "Over-est.",
        "Stale",
        "Overdue",
    ];
    let cols = Layout::horizontal([Constraint::Ratio(1, 6); 6]).split(inner);
    for (label, col) in labels.iter().zip(cols.iter()) {
        let text = vec![
            Line::styled(*label, t.muted).centered(),
            Line::styled("…", t.muted).centered(),
        ];
        frame.render_widget(Paragraph::new(text), *col);
    }
    let text = Line::styled(
        " Loading the figures: reading every latest rating…",
        t.muted,
    );
    frame.render_widget(Paragraph::new(text).block(block(" Figures ", t)), rest);
}
