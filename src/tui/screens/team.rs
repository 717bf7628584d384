//! Team: pick a team (sub-teams roll up); readiness, at target, training coverage,
//! overestimation, stale and overdue counts as big figures; the readiness trend over twelve
//! months; skill gaps as bars in the one skill-gap order with at-target counts and single
//! points of failure; the training funnel; overdue offers; people with no offer in the last
//! year and people never offered one. h/l move between the picker, the gaps and the two
//! lists; Enter on a gap lists who is below target, on a name opens the person.

use super::super::app::App;
use super::super::data::Data;
use super::super::insight::SkillGap;
use super::super::list::{ListState, matches, scroll_to};
use super::super::theme::Theme;
use super::super::widgets::{bar, block, fit, right};
use super::team_panels::{render_funnel, render_names, render_overdue, render_trend};
use crate::metrics::{Funnel, TeamSummary, percent};
use crate::model::Id;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Which part of the Team screen j/k and Enter act on; h/l move between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The team picker (Enter: its people).
    #[default]
    Teams,
    /// The skill gap bars (Enter: who is below target).
    Gaps,
    /// Members with no offer in the last year (Enter: open one).
    NoOffer,
    /// Members never offered any training (Enter: open one).
    NeverOffered,
}

impl Pane {
    const ALL: [Pane; 4] = [Pane::Teams, Pane::Gaps, Pane::NoOffer, Pane::NeverOffered];
}

/// The team picker and the figures of the selected team, computed when the selection moves.
pub struct TeamView {
    pub list: ListState,
    pub panel: TeamPanel,
    /// The part of the screen the keys act on.
    pub focus: Pane,
    /// The selected line of the gaps, no-offer and never-offered panes.
    pub gap_sel: usize,
    pub no_offer_sel: usize,
    pub never_sel: usize,
    /// The figures are of data that changed since, while the screen was not shown: `refresh`
    /// computes them again before it shows.
    stale: bool,
}

/// One member with an overdue offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Overdue {
    pub person: Id,
    pub name: String,
    pub training: String,
    pub due: chrono::NaiveDate,
}

pub struct TeamPanel {
    pub team: Option<Id>,
    pub summary: TeamSummary,
    pub funnel: Funnel,
    /// Members with no offer in the last 365 days, by name.
    pub no_offer: Vec<(Id, String)>,
    /// Members with no offer at all, by name.
    pub never_offered: Vec<(Id, String)>,
    /// Overdue offers of members, most overdue first.
    pub overdue: Vec<Overdue>,
    /// Skill gaps in the one skill-gap order, with at-target counts and single points.
    pub gaps: Vec<SkillGap>,
    /// Team readiness at the end of each of the last 12 months, then today (empty while
    /// the history is loading).
    pub trend: Vec<(chrono::NaiveDate, Option<f64>)>,
    /// The history is still being read: the trend says so instead.
    pub trend_loading: bool,
}

impl TeamPanel {
    fn new(data: &Data, team: Option<Id>) -> TeamPanel {
        let org = &data.org;
        let a = &data.analysis;
        let named = |p: &crate::model::Person| (p.id, crate::text::inert(&p.name).into_owned());
        let mut no_offer: Vec<(Id, String)> = a
            .without_recent_offer(org, team)
            .into_iter()
            .map(named)
            .collect();
        no_offer.sort_by_cached_key(|(_, n)| n.to_lowercase());
        let mut never_offered: Vec<(Id, String)> =
            a.never_offered(org, team).into_iter().map(named).collect();
        never_offered.sort_by_cached_key(|(_, n)| n.to_lowercase());
        let overdue: Vec<Overdue> = a
            .overdue(org, team)
            .into_iter()
            .map(|o| Overdue {
                person: o.person_id,
                name: data.person_name(o.person_id),
                training: data.training_title(o.training_id),
                due: o.due_on.unwrap_or(data.today),
            })
            .collect();
        let summary = a.team_summary(org, team);
        TeamPanel {
            team,
            gaps: summary.skill_gaps.clone(),
            summary,
            funnel: a.funnel(org, team),
            no_offer,
            never_offered,
            overdue,
            trend: if data.history_pending() {
                Vec::new()
            } else {
                data.trend(team)
            },
            trend_loading: data.history_pending(),
        }
    }
}

impl TeamView {
    pub fn new(data: &Data) -> TeamView {
        TeamView {
            list: ListState::with_rows(rows(data, "")),
            panel: TeamPanel::new(data, None),
            focus: Pane::Teams,
            gap_sel: 0,
            no_offer_sel: 0,
            never_sel: 0,
            stale: false,
        }
    }

    /// The team selected in the picker (`None`: everyone).
    pub fn selected_team(&self, data: &Data) -> Option<Id> {
        self.list
            .current()
            .and_then(|i| data.teams.get(i))
            .and_then(|t| t.id)
    }

    /// h/l: the previous or next part of the screen.
    pub fn move_focus(&mut self, forward: bool) {
        let at = Pane::ALL.iter().position(|&p| p == self.focus).unwrap_or(0);
        let n = Pane::ALL.len();
        self.focus = Pane::ALL[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
    }

    /// j/k in the focused pane (other than the picker).
    pub fn move_in_pane(&mut self, delta: isize) {
        let p = &self.panel;
        let (sel, len) = match self.focus {
            Pane::Teams => return,
            Pane::Gaps => (&mut self.gap_sel, p.gaps.len()),
            Pane::NoOffer => (&mut self.no_offer_sel, p.no_offer.len()),
            Pane::NeverOffered => (&mut self.never_sel, p.never_offered.len()),
        };
        *sel = sel.saturating_add_signed(delta).min(len.saturating_sub(1));
    }

    /// Recomputes the figures when the selected team changed (or the data did).
    pub fn refresh(&mut self, data: &Data) {
        let team = self.selected_team(data);
        if self.stale || team != self.panel.team {
            if team != self.panel.team {
                (self.gap_sel, self.no_offer_sel, self.never_sel) = (0, 0, 0);
            }
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

    /// The history arrived: the trend is worked out when next shown.
    pub fn history_arrived(&mut self) {
        self.stale = true;
    }

    /// Recomputes the figures after the data changed.
    pub fn rebuild(&mut self, data: &Data) {
        self.list.set_rows(rows(data, &self.list.filter));
        let team = self.selected_team(data);
        self.panel = TeamPanel::new(data, team);
        self.stale = false;
        self.move_in_pane(0);
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
    let trend_h = if right_area.height >= 30 { 8 } else { 6 };
    let [figs, trend, rest] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(trend_h),
        Constraint::Min(0),
    ])
    .areas(right_area);
    let team_name = app
        .view
        .team
        .list
        .current()
        .and_then(|i| app.data.teams.get(i))
        .map_or("", |e| e.name.as_str());
    render_figures(p, team_name, t, frame, figs);
    render_trend(p, t, frame, trend);
    let side_w = if rest.width >= 100 { 44 } else { 28 };
    let [gaps, side] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(side_w)]).areas(rest);
    render_gaps(app, frame, gaps);
    let funnel_h = if side.height >= 20 { 7 } else { 0 };
    let overdue_h = (p.overdue.len().clamp(1, 4) + 2) as u16;
    let [funnel, overdue, lists] = Layout::vertical([
        Constraint::Length(funnel_h),
        Constraint::Length(overdue_h),
        Constraint::Min(0),
    ])
    .areas(side);
    if funnel_h > 0 {
        render_funnel(&p.funnel, t, frame, funnel);
    }
    render_overdue(p, t, frame, overdue);
    // Side by side when there is room for names, else one above the other.
    let halves = [Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)];
    let [no_offer, never] = if lists.width >= 40 {
        Layout::horizontal(halves).areas(lists)
    } else {
        Layout::vertical(halves).areas(lists)
    };
    let focus = app.view.team.focus;
    let v = &app.view.team;
    let title = format!(" No offer 1y ({}) ", p.no_offer.len());
    let sel = (focus == Pane::NoOffer).then_some(v.no_offer_sel);
    render_names(
        &p.no_offer,
        sel,
        title,
        p.summary.people,
        t,
        frame,
        no_offer,
    );
    let title = format!(" Never offered ({}) ", p.never_offered.len());
    let sel = (focus == Pane::NeverOffered).then_some(v.never_sel);
    render_names(
        &p.never_offered,
        sel,
        title,
        p.summary.people,
        t,
        frame,
        never,
    );
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
        ("Overdue", p.overdue.len().to_string()),
    ];
    let who = match s.people {
        1 => "1 person".to_string(),
        n => format!("{n} people"),
    };
    let title = format!(" {name} · {who} ");
    let b = block(title, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let cols = Layout::horizontal([Constraint::Ratio(1, 6); 6]).split(inner);
    for ((label, value), col) in figures.iter().zip(cols.iter()) {
        let style = if *label == "Overdue" && !p.overdue.is_empty() {
            t.warn
        } else {
            t.figure
        };
        let text = vec![
            Line::styled(*label, t.muted).centered(),
            Line::styled(value.clone(), style).centered(),
        ];
        frame.render_widget(Paragraph::new(text), *col);
    }
}

fn render_gaps(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let v = &app.view.team;
    let gaps = &v.panel.gaps;
    let focused = v.focus == Pane::Gaps;
    let h = usize::from(area.height.saturating_sub(3));
    let w = usize::from(area.width.saturating_sub(2));
    let name_w = (w * 2 / 5).clamp(8, 30);
    // "5092/9685" on 10,000 people: the counts columns are as wide as their widest entry.
    let counts_w = gaps
        .iter()
        .map(|g| format!("{}/{}", g.below_target, g.targeted).len() + 1)
        .max()
        .unwrap_or(0)
        .max(6);
    let at_w = gaps
        .iter()
        .map(|g| g.at_target().to_string().len() + 1)
        .max()
        .unwrap_or(0)
        .max(4);
    let bar_w = w.saturating_sub(name_w + 5 + counts_w + at_w + 2);
    let max = gaps.iter().map(|g| g.mean_gap).fold(0.0, f64::max).max(1.0);
    let mut lines = vec![Line::styled(
        fit(
            &format!(
                "{}{}{}{}{}",
                fit("Skill", name_w + 1 + bar_w),
                right("mean", 4),
                right("below", counts_w),
                right("at", at_w),
                " !"
            ),
            w,
        ),
        t.header,
    )];
    let offset = scroll_to(0, if focused { v.gap_sel } else { 0 }, h, gaps.len());
    for (i, g) in gaps.iter().enumerate().skip(offset).take(h) {
        let name = app.data.skill_name(g.skill_id);
        let line = Line::from(vec![
            Span::raw(fit(&name, name_w)),
            Span::raw(" "),
            Span::styled(fit(&bar(g.mean_gap, max, bar_w), bar_w), t.bar),
            Span::styled(right(&format!("{:.1}", g.mean_gap), 4), t.figure),
            Span::styled(
                right(&format!("{}/{}", g.below_target, g.targeted), counts_w),
                t.muted,
            ),
            Span::styled(right(&g.at_target().to_string(), at_w), t.muted),
            Span::styled(if g.single_point() { " !" } else { "  " }, t.warn),
        ]);
        lines.push(if focused && i == v.gap_sel {
            line.patch_style(t.selected)
        } else {
            line
        });
    }
    let title = if area.width >= 64 {
        " Skill gaps · below/targeted · at target · ! single point "
    } else {
        " Skill gaps (! single point) "
    };
    let title = if focused {
        Line::from(title).style(t.selected)
    } else {
        Line::from(title)
    };
    if app.data.people.is_empty() || gaps.is_empty() {
        let hint = if app.data.people.is_empty() {
            "No people yet. Here a adds a team; on People (2) a adds a person; or import a \
             CSV of people and assessments from the command palette (: import). Figures and \
             gaps appear once people have targets (R: roles) and ratings."
        } else {
            "No targeted skills here yet: give people a role with targets (R) or their own \
             targets (t on a person)."
        };
        frame.render_widget(
            Paragraph::new(hint)
                .style(t.muted)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .block(block(title, t)),
            area,
        );
        return;
    }
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), area);
}
