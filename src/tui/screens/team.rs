//! Team: pick a team (sub-teams roll up); readiness, at target, training coverage,
//! overestimation and stale count as big figures; skill gaps as bars sorted by mean gap;
//! the training funnel; people with no offer in the last year.

use super::super::app::App;
use super::super::data::Data;
use super::super::list::{ListState, matches};
use super::super::theme::Theme;
use super::super::widgets::{bar, block, fit, right};
use crate::metrics::{Funnel, TeamSummary, percent};
use crate::model::Id;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The team picker and the figures of the selected team, computed when the selection moves.
pub struct TeamView {
    pub list: ListState,
    pub panel: TeamPanel,
    /// The figures are of data that changed since, while the screen was not shown: `refresh`
    /// computes them again before it shows.
    stale: bool,
}

pub struct TeamPanel {
    pub team: Option<Id>,
    pub summary: TeamSummary,
    pub funnel: Funnel,
    /// Names of members with no offer in the last 365 days.
    pub no_offer: Vec<String>,
}

impl TeamPanel {
    fn new(data: &Data, team: Option<Id>) -> TeamPanel {
        let org = &data.org;
        let a = &data.analysis;
        let mut no_offer: Vec<String> = a
            .without_recent_offer(org, team)
            .iter()
            .map(|p| crate::text::inert(&p.name).into_owned())
            .collect();
        no_offer.sort_by_cached_key(|n| n.to_lowercase());
        TeamPanel {
            team,
            summary: a.team_summary(org, team),
            funnel: a.funnel(org, team),
            no_offer,
        }
    }
}

impl TeamView {
    pub fn new(data: &Data) -> TeamView {
        TeamView {
            list: ListState::with_rows(rows(data, "")),
            panel: TeamPanel::new(data, None),
            stale: false,
        }
    }

    /// Recomputes the figures when the selected team changed (or the data did).
    pub fn refresh(&mut self, data: &Data) {
        let team = self
            .list
            .current()
            .and_then(|i| data.teams.get(i))
            .and_then(|t| t.id);
        if self.stale || team != self.panel.team {
            self.panel = TeamPanel::new(data, team);
            self.stale = false;
        }
    }

    /// The data changed while another screen is shown: the rows now, the figures (a few
    /// milliseconds at 10,000 people) when `refresh` runs as the screen shows again.
    pub fn data_changed(&mut self, data: &Data) {
        self.list.set_rows(rows(data, &self.list.filter));
        self.stale = true;
    }

    /// Recomputes the figures after the data changed.
    pub fn rebuild(&mut self, data: &Data) {
        self.list.set_rows(rows(data, &self.list.filter));
        let team = self
            .list
            .current()
            .and_then(|i| data.teams.get(i))
            .and_then(|t| t.id);
        self.panel = TeamPanel::new(data, team);
        self.stale = false;
    }
}

pub fn rows(data: &Data, filter: &str) -> Vec<usize> {
    (0..data.teams.len())
        .filter(|&i| filter.is_empty() || matches(&data.teams[i].name.to_lowercase(), filter))
        .collect()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let picker_w = (area.width / 5).clamp(14, 28);
    let [left, right_area] =
        Layout::horizontal([Constraint::Length(picker_w), Constraint::Min(0)]).areas(area);
    render_picker(app, frame, left);
    let p = &app.view.team.panel;
    let [figs, rest] =
        Layout::vertical([Constraint::Length(4), Constraint::Min(0)]).areas(right_area);
    let team_name = app
        .view
        .team
        .list
        .current()
        .and_then(|i| app.data.teams.get(i))
        .map_or("", |e| e.name.as_str());
    render_figures(p, team_name, t, frame, figs);
    let side_w = if rest.width >= 100 { 40 } else { 26 };
    let [gaps, side] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(side_w)]).areas(rest);
    render_gaps(app, frame, gaps);
    let [funnel, no_offer] =
        Layout::vertical([Constraint::Length(7), Constraint::Min(0)]).areas(side);
    render_funnel(&p.funnel, t, frame, funnel);
    let h = usize::from(no_offer.height.saturating_sub(2));
    let w = usize::from(no_offer.width.saturating_sub(2));
    let mut lines: Vec<Line> = p
        .no_offer
        .iter()
        .take(h)
        .map(|n| Line::from(fit(n, w)))
        .collect();
    if p.no_offer.len() > h && h > 0 {
        lines.pop();
        lines.push(Line::styled(
            format!("… and {} more", p.no_offer.len() + 1 - h),
            t.muted,
        ));
    }
    if p.summary.people == 0 {
        lines.push(Line::styled("No active members", t.muted));
    } else if p.no_offer.is_empty() {
        lines.push(Line::styled("Everyone was offered training", t.good));
    }
    let title = format!(" No offer in a year ({}) ", p.no_offer.len());
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), no_offer);
}

fn render_picker(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let list = &app.view.team.list;
    let h = usize::from(area.height.saturating_sub(2));
    let w = usize::from(area.width.saturating_sub(2));
    app.hits.add(
        Rect::new(
            area.x + 1,
            area.y + 1,
            area.width.saturating_sub(2),
            h as u16,
        ),
        crate::tui::mouse::Hit::Rows(list.window(h).start),
    );
    let lines: Vec<Line> = list
        .window(h)
        .filter_map(|i| {
            let e = app.data.teams.get(*list.rows.get(i)?)?;
            let text = fit(&format!("{}{}", "  ".repeat(e.depth), e.name), w);
            let style = if i == list.selected {
                t.selected
            } else {
                t.base
            };
            Some(Line::styled(text, style))
        })
        .collect();
    let title = if list.filter.is_empty() {
        " Teams ".to_string()
    } else {
        format!(" Teams · {} ", crate::text::inert(&list.filter))
    };
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), area);
    crate::tui::widgets::scroll_position(frame, area, list.window(h), list.len(), t);
}

fn render_figures(p: &TeamPanel, name: &str, t: &Theme, frame: &mut Frame, area: Rect) {
    let s = &p.summary;
    let over = match s.overestimation {
        Some(v) => format!("{v:+.1}"),
        None => "-".into(),
    };
    let figures = [
        ("Readiness", percent(s.readiness)),
        ("At target", percent(s.at_target)),
        ("Coverage", percent(s.training_coverage)),
        ("Over-est.", over),
        ("Stale", s.stale.to_string()),
    ];
    let who = match s.people {
        1 => "1 person".to_string(),
        n => format!("{n} people"),
    };
    let title = format!(" {name} · {who} ");
    let b = block(title, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let cols = Layout::horizontal([Constraint::Ratio(1, 5); 5]).split(inner);
    for ((label, value), col) in figures.iter().zip(cols.iter()) {
        let text = vec![
            Line::styled(*label, t.muted).centered(),
            Line::styled(value.clone(), t.figure).centered(),
        ];
        frame.render_widget(Paragraph::new(text), *col);
    }
}

fn render_gaps(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let gaps = &app.view.team.panel.summary.skill_gaps;
    let h = usize::from(area.height.saturating_sub(2));
    let w = usize::from(area.width.saturating_sub(2));
    let name_w = (w * 2 / 5).clamp(8, 30);
    // "5092/9685" on 10,000 people: the counts column is as wide as its widest entry.
    let counts_w = gaps
        .iter()
        .map(|g| format!("{}/{}", g.below_target, g.targeted).len() + 1)
        .max()
        .unwrap_or(0)
        .max(7);
    let bar_w = w.saturating_sub(name_w + 5 + counts_w);
    let max = gaps.iter().map(|g| g.mean_gap).fold(0.0, f64::max).max(1.0);
    let lines: Vec<Line> = gaps
        .iter()
        .take(h)
        .map(|g| {
            let name = app.data.skill_name(g.skill_id);
            Line::from(vec![
                Span::raw(fit(&name, name_w)),
                Span::raw(" "),
                Span::styled(fit(&bar(g.mean_gap, max, bar_w), bar_w), t.bar),
                Span::styled(right(&format!("{:.1}", g.mean_gap), 4), t.figure),
                Span::styled(
                    right(&format!("{}/{}", g.below_target, g.targeted), counts_w),
                    t.muted,
                ),
            ])
        })
        .collect();
    let title = " Skill gaps (mean, below/targeted) ";
    if app.data.people.is_empty() {
        let hint = "No people yet. Here a adds a team; on People (2) a adds a person; \
                    or import a CSV of people and assessments from the command palette (: import). \
                    Figures and gaps appear once people have targets (R: roles) and ratings.";
        frame.render_widget(
            Paragraph::new(hint)
                .style(t.muted)
                .wrap(Wrap { trim: true })
                .block(block(title, t)),
            area,
        );
        return;
    } else if gaps.is_empty() {
        let hint = "No targeted skills here yet: give people a role with targets (R) or \
                    their own targets (t on a person).";
        frame.render_widget(
            Paragraph::new(hint)
                .style(t.muted)
                .wrap(Wrap { trim: true })
                .block(block(title, t)),
            area,
        );
        return;
    }
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), area);
}

fn render_funnel(f: &Funnel, t: &Theme, frame: &mut Frame, area: Rect) {
    let w = usize::from(area.width.saturating_sub(2));
    let bar_w = w.saturating_sub(17);
    let max = f.total().max(1) as f64;
    let row = |label: &str, n: usize| {
        Line::from(vec![
            Span::raw(fit(label, 11)),
            Span::styled(right(&n.to_string(), 4), t.figure),
            Span::raw(" "),
            Span::styled(bar(n as f64, max, bar_w), t.bar),
        ])
    };
    let lines = vec![
        row("Offered", f.offered),
        row("Enrolled", f.enrolled),
        row("Completed", f.completed),
        row("Declined", f.declined),
        row("Verified ↑", f.verified_improvement),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(" Training funnel ", t)),
        area,
    );
}
