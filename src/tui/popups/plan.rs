//! The what-if plan (`w` on Team): the greedy plan for the team on screen within an hours
//! budget. Left/Right (or -/+) change the budget by 4 hours, digits type it; each pick shows
//! the readiness it brings its person; the projected team readiness heads it. Enter offers
//! the selected pick, `o` offers every pick in one change that `u` undoes.

use super::super::app::App;
use super::super::insight::Plan;
use super::super::list::scroll_to;
use super::super::widgets::{block, centered, fit, right};
use crate::keymap::Action;
use crate::metrics::percent;
use crate::model::Id;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The plan popup: its team, budget, the plan computed for them, and the selection.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanPopup {
    pub team: Option<Id>,
    pub team_name: String,
    /// Whole hours.
    pub budget: u32,
    /// True while digits are being typed (the next digit appends).
    pub typing: bool,
    pub plan: Plan,
    pub selected: usize,
}

impl Eq for PlanPopup {}

/// The budget a plan starts with (SPEC: 40 hours).
pub const DEFAULT_BUDGET: u32 = 40;

/// The first key of an action, as the footer shows it.
fn first_key(app: &App, action: Action) -> String {
    app.keymap
        .keys(action)
        .first()
        .map(|k| k.label())
        .unwrap_or_default()
}

pub fn render(app: &App, p: &PlanPopup, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let rows = p.plan.picks.len();
    let rect = centered(
        area,
        100,
        (rows.max(1) + 6).min(usize::from(u16::MAX)) as u16,
    );
    let w = usize::from(rect.width.saturating_sub(2));
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Budget ", t.muted),
            Span::styled(format!("{} h", p.budget), t.figure),
            Span::styled(format!(" (used {:.0} h)", p.plan.used), t.muted),
            Span::styled("   Team readiness ", t.muted),
            Span::styled(percent(p.plan.now), t.figure),
            Span::styled(" → ", t.muted),
            Span::styled(percent(p.plan.projected), t.good),
            Span::styled(format!("   {} picks", rows), t.muted),
        ]),
        Line::styled(
            fit(
                &format!(
                    "{} {} {} {}",
                    fit("Person", 22),
                    fit("Training", w.saturating_sub(46)),
                    right("Hours", 6),
                    right("Readiness", 14)
                ),
                w,
            ),
            t.header,
        ),
    ];
    let room = usize::from(rect.height.saturating_sub(6));
    let offset = scroll_to(0, p.selected, room, rows);
    for (i, k) in p.plan.picks.iter().enumerate().skip(offset).take(room) {
        let line = Line::from(vec![
            Span::raw(fit(&k.name, 22)),
            Span::raw(" "),
            Span::raw(fit(&k.title, w.saturating_sub(46))),
            Span::raw(" "),
            Span::styled(right(&format!("{:.0}", k.hours), 6), t.muted),
            Span::styled(
                right(&format!("{} → {}", percent(k.before), percent(k.after)), 14),
                t.figure,
            ),
        ]);
        lines.push(if i == p.selected {
            line.patch_style(t.selected)
        } else {
            line
        });
    }
    if rows == 0 {
        lines.push(Line::styled(
            "Nothing fits: no recommended training gains readiness within the budget",
            t.muted,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        fit(
            &format!(
                " {}/{} or -/+ budget ±4 h · digits type it · {} offer this · {} offer all · {} close",
                first_key(app, Action::Left),
                first_key(app, Action::Right),
                first_key(app, Action::Open),
                first_key(app, Action::Offer),
                first_key(app, Action::Back),
            ),
            w,
        ),
        t.muted,
    ));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block(format!(" What if · {} ", p.team_name), t)),
        rect,
    );
}
