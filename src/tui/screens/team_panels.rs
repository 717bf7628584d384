//! The Team screen's side panels: the names lists, overdue offers, the readiness trend and
//! the training funnel.

use super::super::list::scroll_to;
use super::super::theme::Theme;
use super::super::widgets::{bar, block, fit, right};
use super::team::TeamPanel;
use crate::metrics::{Funnel, percent};
use crate::model::Id;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Wrap};

/// A list of names; the selected one highlighted when the pane has the focus.
pub(super) fn render_names(
    names: &[(Id, String)],
    selected: Option<usize>,
    title: String,
    people: usize,
    t: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let h = usize::from(area.height.saturating_sub(2));
    let w = usize::from(area.width.saturating_sub(2));
    let offset = scroll_to(0, selected.unwrap_or(0), h, names.len());
    let mut lines: Vec<Line> = names
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, (_, n))| {
            let style = if selected == Some(i) {
                t.selected
            } else {
                t.base
            };
            Line::styled(fit(n, w), style)
        })
        .collect();
    if selected.is_none() && names.len() > h && h > 1 {
        lines.pop();
        lines.push(Line::styled(
            format!("… and {} more", names.len() + 1 - h),
            t.muted,
        ));
    }
    if people == 0 {
        lines.push(Line::styled("No active members", t.muted));
    } else if names.is_empty() {
        lines.push(Line::styled("Nobody", t.good));
    }
    let title = if selected.is_some() {
        Line::from(title).style(t.selected)
    } else {
        Line::from(title)
    };
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), area);
}

/// Overdue offers: who, what, due when.
pub(super) fn render_overdue(p: &TeamPanel, t: &Theme, frame: &mut Frame, area: Rect) {
    let h = usize::from(area.height.saturating_sub(2));
    let w = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line> = p
        .overdue
        .iter()
        .take(h)
        .map(|o| {
            Line::from(vec![
                Span::styled(format!("{} ", o.due.format("%Y-%m-%d")), t.warn),
                Span::raw(fit(
                    &format!("{} · {}", o.name, o.training),
                    w.saturating_sub(6),
                )),
            ])
        })
        .collect();
    if p.overdue.len() > h && h > 0 {
        lines.pop();
        lines.push(Line::styled(
            format!("… and {} more", p.overdue.len() + 1 - h),
            t.muted,
        ));
    }
    if p.overdue.is_empty() {
        lines.push(Line::styled("Nothing overdue", t.good));
    }
    let title = format!(" Overdue offers ({}) ", p.overdue.len());
    frame.render_widget(Paragraph::new(lines).block(block(title, t)), area);
}

/// The readiness trend: one bar per month end, then today.
pub(super) fn render_trend(p: &TeamPanel, t: &Theme, frame: &mut Frame, area: Rect) {
    if p.trend_loading {
        let b = block(" Readiness trend ".to_string(), t);
        let line = Line::styled("Readiness trend: loading the history…", t.muted);
        frame.render_widget(Paragraph::new(line).block(b), area);
        return;
    }
    let first = p.trend.iter().find_map(|(_, v)| *v);
    let last = p.trend.last().and_then(|(_, v)| *v);
    let title = match (first, last) {
        (Some(a), Some(b)) => format!(
            " Readiness trend, 12 months: {} → {} ",
            percent(Some(a)),
            percent(Some(b))
        ),
        _ => " Readiness trend, 12 months ".to_string(),
    };
    // The bars start a little below the lowest point, so a change of a few points shows;
    // the numbers on them are the readiness itself.
    let lowest = p
        .trend
        .iter()
        .filter_map(|(_, v)| *v)
        .map(|v| (v * 100.0).round() as u64)
        .min()
        .unwrap_or(0);
    let base = (lowest / 10 * 10).saturating_sub(10);
    let title = if base > 0 {
        format!("{title}· bars from {base}% ")
    } else {
        title
    };
    let b = block(title, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let n = p.trend.len().max(1) as u16;
    let bar_w = (inner.width.saturating_sub(n) / n).clamp(1, 5);
    let bars: Vec<Bar> = p
        .trend
        .iter()
        .enumerate()
        .map(|(i, (d, v))| {
            let label = if i + 1 == p.trend.len() {
                "now".to_string()
            } else {
                d.format("%b").to_string()
            };
            let pct = v.map_or(0, |v| (v * 100.0).round() as u64);
            Bar::default()
                .value(pct.saturating_sub(base))
                .text_value(v.map_or("-".into(), |_| pct.to_string()))
                .label(Line::from(label))
                .style(t.bar)
                .value_style(t.figure.patch(t.selected))
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_w)
        .bar_gap(1)
        .max(100 - base);
    frame.render_widget(chart, inner);
}

pub(super) fn render_funnel(f: &Funnel, t: &Theme, frame: &mut Frame, area: Rect) {
    let w = usize::from(area.width.saturating_sub(2));
    // As wide as the largest count (at 100,000 people five digits were cut to "178…").
    let counts = [
        f.offered,
        f.enrolled,
        f.completed,
        f.declined,
        f.verified_improvement,
    ];
    let nw = counts
        .iter()
        .map(|n| n.to_string().len())
        .max()
        .unwrap_or(0)
        .max(4);
    let bar_w = w.saturating_sub(13 + nw);
    let max = f.total().max(1) as f64;
    let row = |label: &str, n: usize| {
        Line::from(vec![
            Span::raw(fit(label, 11)),
            Span::styled(right(&n.to_string(), nw), t.figure),
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::{Terminal, backend::TestBackend};

    #[test]
    fn funnel_counts_are_never_cut() {
        let f = Funnel {
            offered: 17_834,
            enrolled: 35_512,
            completed: 123_456,
            declined: 18_007,
            verified_improvement: 40_611,
        };
        let mut terminal = Terminal::new(TestBackend::new(44, 7)).expect("terminal");
        terminal
            .draw(|frame| render_funnel(&f, &Theme::plain(), frame, frame.area()))
            .expect("draw");
        let text: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        for n in ["17834", "35512", "123456", "18007", "40611"] {
            assert!(text.contains(n), "{n} in {text}");
        }
    }
}
