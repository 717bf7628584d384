//! Perception: where self-ratings run ahead of verified ones, for the team selected on the
//! Team screen. Per skill: overestimation (mean of self minus verified over the members'
//! pairs), how many pairs, and who rates themselves two or more levels above their verified
//! result. Beside it, manager drift for the team and per assessor. Enter on a skill lists
//! its pairs (person, self level and date, verified level and date); Enter there opens the
//! person. Computed when the screen shows, not per frame.

use super::super::app::App;
use super::super::data::Data;
use super::super::list::{ListState, matches};
use super::super::widgets::{block, fit, list_title, right};
use crate::metrics;
use crate::model::{Id, Source};
use crate::text::inert;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub const SORTS: &[&str] = &["overestimation", "pairs", "name"];

pub use crate::metrics::Pair;

/// One skill's row: overestimation, pairs, and who is two or more levels above verified.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillPerception {
    pub skill: Id,
    pub name: String,
    pub overestimation: f64,
    /// Indexes into `PerceptionPanel::pairs`, largest gap first.
    pub pairs: Vec<usize>,
    /// Names of those two or more levels above their verified result.
    pub two_plus: Vec<String>,
}

/// How far one rater's manager levels run from verified results.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    pub who: String,
    pub drift: f64,
    pub pairs: usize,
}

/// The figures of one team (everyone with `None`).
#[derive(Debug, Clone, Default)]
pub struct PerceptionPanel {
    pub team: Option<Id>,
    pub team_name: String,
    pub pairs: Vec<Pair>,
    pub skills: Vec<SkillPerception>,
    pub overestimation: Option<f64>,
    pub drift: Option<Drift>,
    pub assessors: Vec<Drift>,
    /// The assessors are still being read (with the history): the drift per assessor says
    /// so instead.
    pub assessors_loading: bool,
}

impl PerceptionPanel {
    pub fn new(data: &Data, team: Option<Id>) -> PerceptionPanel {
        let org = &data.org;
        let team_name = match team.and_then(|t| org.team(t)) {
            Some(t) => inert(&t.name).into_owned(),
            None => "Everyone".to_string(),
        };
        let pairs = data.analysis.pairs(org, team, Source::SelfRated);
        let mut skills: Vec<SkillPerception> = metrics::by_skill(&pairs)
            .into_iter()
            .map(|s| {
                let mut at: Vec<usize> = (0..pairs.len())
                    .filter(|&i| pairs[i].skill_id == s.skill_id)
                    .collect();
                at.sort_by_cached_key(|&i| {
                    (
                        std::cmp::Reverse(pairs[i].gap()),
                        data.person_name(pairs[i].person_id).to_lowercase(),
                    )
                });
                SkillPerception {
                    skill: s.skill_id,
                    name: data.skill_name(s.skill_id),
                    overestimation: s.overestimation,
                    pairs: at,
                    two_plus: s.two_or_more.iter().map(|&p| data.person_name(p)).collect(),
                }
            })
            .collect();
        // by_skill's order (overestimation, then pairs) with names for the ties.
        skills.sort_by(|a, b| {
            b.overestimation
                .total_cmp(&a.overestimation)
                .then(b.pairs.len().cmp(&a.pairs.len()))
                .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        let overestimation = metrics::pair_stats(&pairs).mean;
        let (drift, mut assessors) = crate::tui::insight::manager_drift(data, team);
        // Without the assessors every one would be "no assessor named": none until read.
        if data.assessors_pending() {
            assessors.clear();
        }
        PerceptionPanel {
            team,
            team_name,
            pairs,
            skills,
            overestimation,
            drift,
            assessors,
            assessors_loading: data.assessors_pending(),
        }
    }
}

/// The per-skill list and the figures of the team it was computed for.
#[derive(Default)]
pub struct PerceptionView {
    /// Rows: indexes into `panel.skills`.
    pub list: ListState,
    pub panel: PerceptionPanel,
    /// Computed for data that changed since: `refresh` computes it again before it shows.
    stale: bool,
    /// Panels of other teams computed on this data (a few hundred milliseconds for
    /// everyone at 10,000 people): going back to a team shows it at once.
    seen: std::collections::HashMap<Option<Id>, PerceptionPanel>,
}

impl PerceptionView {
    pub fn new() -> PerceptionView {
        PerceptionView {
            stale: true,
            ..PerceptionView::default()
        }
    }

    /// Computes the figures when the team changed (or the data did).
    pub fn refresh(&mut self, data: &Data, team: Option<Id>) {
        if self.stale || team != self.panel.team {
            if self.stale {
                self.seen.clear();
            }
            let panel = match self.seen.remove(&team) {
                Some(p) if !self.stale => p,
                _ => PerceptionPanel::new(data, team),
            };
            let old = std::mem::replace(&mut self.panel, panel);
            if !self.stale {
                self.seen.insert(old.team, old);
            }
            self.stale = false;
            let filter = self.list.filter.clone();
            let sort = self.list.sort;
            self.list.set_rows(rows(&self.panel, &filter, sort));
        }
    }

    pub fn data_changed(&mut self) {
        self.stale = true;
    }

    pub fn refilter(&mut self) {
        let rows = rows(&self.panel, &self.list.filter, self.list.sort);
        self.list.set_rows(rows);
    }

    /// The selected skill's row.
    pub fn current(&self) -> Option<&SkillPerception> {
        self.list.current().and_then(|i| self.panel.skills.get(i))
    }
}

/// Indexes into `panel.skills`, filtered by skill name, sorted by `SORTS[sort]`.
pub fn rows(panel: &PerceptionPanel, filter: &str, sort: usize) -> Vec<usize> {
    let s = &panel.skills;
    let mut rows: Vec<usize> = (0..s.len())
        .filter(|&i| filter.is_empty() || matches(&s[i].name.to_lowercase(), filter))
        .collect();
    match sort {
        1 => rows.sort_by_key(|&i| std::cmp::Reverse(s[i].pairs.len())),
        2 => rows.sort_by_key(|&i| s[i].name.to_lowercase()),
        _ => {}
    }
    rows
}

/// The lines of the pairs list of one skill: (person, text).
pub fn pair_rows(
    data: &Data,
    panel: &PerceptionPanel,
    skill: &SkillPerception,
) -> Vec<(Id, String)> {
    skill
        .pairs
        .iter()
        .filter_map(|&i| panel.pairs.get(i))
        .map(|p| {
            (
                p.person_id,
                format!(
                    "{} {:>+3}   {} {}   {} {}",
                    fit(&data.person_name(p.person_id), 24),
                    p.gap(),
                    p.rated.level,
                    p.rated.assessed_on,
                    p.verified.level,
                    p.verified.assessed_on
                ),
            )
        })
        .collect()
}

/// "Line manager   +0.4  12 pairs".
fn drift_line(d: &Drift, w: usize, t: &super::super::theme::Theme) -> Line<'static> {
    let pairs = format!(" {} pairs", d.pairs);
    let name_w = w.saturating_sub(6 + pairs.len());
    Line::from(vec![
        Span::raw(fit(&d.who, name_w)),
        Span::styled(right(&format!("{:+.1}", d.drift), 6), t.figure),
        Span::styled(pairs, t.muted),
    ])
}

fn signed(v: Option<f64>) -> String {
    v.map_or("-".into(), |v| format!("{v:+.1}"))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let pv = &app.view.perception;
    let p = &pv.panel;
    let side_w = if area.width >= 120 { 44 } else { 30 };
    let [main, side] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(side_w)]).areas(area);
    let list = &pv.list;
    let h = usize::from(main.height.saturating_sub(3));
    let w = usize::from(main.width.saturating_sub(2));
    let name_w = (w * 2 / 5).clamp(10, 32);
    let who_w = w.saturating_sub(name_w + 13);
    let mut lines = vec![Line::styled(
        fit(
            &format!("{} Over  Pairs  ≥2 above verified", fit("Skill", name_w)),
            w,
        ),
        t.header,
    )];
    app.hits.add(
        Rect::new(
            main.x + 1,
            main.y + 2,
            main.width.saturating_sub(2),
            h as u16,
        ),
        crate::tui::mouse::Hit::Rows(list.window(h).start),
    );
    for i in list.window(h) {
        let Some(s) = list.rows.get(i).and_then(|&r| p.skills.get(r)) else {
            continue;
        };
        let style = if i == list.selected {
            t.selected
        } else {
            t.base
        };
        let over_style = if s.overestimation >= 1.0 {
            t.warn
        } else {
            t.figure
        };
        let who = if s.two_plus.is_empty() {
            "-".to_string()
        } else {
            format!("{} {}", s.two_plus.len(), s.two_plus.join(", "))
        };
        let line = Line::from(vec![
            Span::raw(fit(&s.name, name_w)),
            Span::styled(right(&format!("{:+.1}", s.overestimation), 5), over_style),
            Span::raw(right(&s.pairs.len().to_string(), 7)),
            Span::raw(" "),
            Span::styled(fit(&who, who_w), t.muted),
        ]);
        lines.push(if i == list.selected {
            line.patch_style(style)
        } else {
            line
        });
    }
    if p.skills.is_empty() {
        lines.push(Line::styled(
            "No one here has both a self and a verified rating of a skill",
            t.muted,
        ));
    }
    let title = list_title(
        &format!("Perception · {}", p.team_name),
        list.len(),
        p.skills.len(),
        SORTS.get(list.sort).copied().unwrap_or(""),
        &inert(&list.filter),
    );
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), main);
    crate::tui::widgets::scroll_position(frame, main, list.window(h), list.len(), t);

    let sw = usize::from(side.width.saturating_sub(2));
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Overestimation ", t.muted),
            Span::styled(signed(p.overestimation), t.figure),
        ]),
        Line::styled(
            fit(&format!("self minus verified, {} pairs", p.pairs.len()), sw),
            t.muted,
        ),
        Line::raw(""),
        Line::styled("Manager drift", t.header),
    ];
    match &p.drift {
        Some(d) => lines.push(drift_line(d, sw, t)),
        None => lines.push(Line::styled("no manager/verified pairs", t.muted)),
    }
    lines.push(Line::styled(
        fit("manager minus verified, per assessor:", sw),
        t.muted,
    ));
    let room = usize::from(side.height.saturating_sub(2)).saturating_sub(lines.len());
    if p.assessors_loading {
        lines.push(Line::styled(fit("loading the history…", sw), t.muted));
    }
    for (k, a) in p.assessors.iter().enumerate() {
        if k + 1 == room && p.assessors.len() > room {
            lines.push(Line::styled(
                format!("… and {} more", p.assessors.len() - k),
                t.muted,
            ));
            break;
        }
        lines.push(drift_line(a, sw, t));
    }
    if p.assessors.is_empty() && !p.assessors_loading {
        lines.push(Line::styled("no assessor named", t.muted));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block(" Who rates above verified ", t)),
        side,
    );
}
