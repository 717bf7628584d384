//! The one-on-one view of a person (`O`), made to fit 120x40: open action items, ticked
//! right here (Space; `u` undoes), trainings in flight with due dates (overdue first), the
//! largest gaps, stale ratings, perception pairs, what changed since the last one-on-one
//! (assessments and offers dated after the latest note), and that note beside it.

use super::super::app::App;
use super::super::data::Data;
use super::super::insight;
use super::super::widgets::{block, fit};
use crate::keymap::Action;
use crate::metrics::{latest_of_source, percent};
use crate::model::{Assessment, Id, Note, OfferStatus, Source};
use crate::text::{inert, inert_multiline};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// One person's one-on-one: the action items the cursor walks and their history.
#[derive(Debug, Clone, Default)]
pub struct OneOnOneView {
    pub person: Id,
    /// Every assessment of the person (read when the view opens).
    pub history: Vec<Assessment>,
    /// The action items that were open when the view opened, (note, line), oldest note
    /// first: ticked ones stay in the list, marked done, so Space can open them again.
    pub items: Vec<(Id, usize)>,
    pub cursor: usize,
}

impl OneOnOneView {
    pub fn new(data: &Data, person: Id, history: Vec<Assessment>) -> OneOnOneView {
        let mut notes: Vec<&Note> = data
            .notes
            .iter()
            .filter(|n| n.person_id == person)
            .collect();
        notes.reverse();
        let items = notes
            .iter()
            .flat_map(|n| {
                n.action_items()
                    .into_iter()
                    .filter(|a| !a.done)
                    .map(move |a| (n.id, a.line))
            })
            .collect();
        OneOnOneView {
            person,
            history,
            items,
            cursor: 0,
        }
    }

    pub fn item(&self) -> Option<(Id, usize)> {
        self.items.get(self.cursor).copied()
    }

    pub fn move_by(&mut self, delta: isize) {
        self.cursor = self
            .cursor
            .saturating_add_signed(delta)
            .min(self.items.len().saturating_sub(1));
    }
}

/// The latest note of the person (notes are newest first), and the one before it.
fn latest_note(d: &Data, person: Id) -> Option<&Note> {
    d.notes.iter().find(|n| n.person_id == person)
}

/// The footer hints of the view.
pub fn hints() -> Vec<(Action, &'static str)> {
    vec![
        (Action::Down, "move"),
        (Action::ToggleDone, "done/open"),
        (Action::Undo, "undo"),
        (Action::Open, "person"),
        (Action::Back, "back"),
    ]
}

/// What changed since `since` (the latest note's date): assessments and offers dated after it.
pub fn changes(d: &Data, v: &OneOnOneView, since: Option<NaiveDate>) -> Vec<(NaiveDate, String)> {
    let after = |date: NaiveDate| since.is_none_or(|s| date > s);
    let mut out: Vec<(NaiveDate, String)> = v
        .history
        .iter()
        .filter(|a| after(a.rating.assessed_on))
        .map(|a| {
            (
                a.rating.assessed_on,
                format!(
                    "{} rated {} ({})",
                    d.skill_name(a.rating.skill_id),
                    a.rating.level,
                    a.rating.source
                ),
            )
        })
        .collect();
    for o in d.org.offers.iter().filter(|o| o.person_id == v.person) {
        let title = d.training_title(o.training_id);
        if after(o.offered_on) {
            out.push((o.offered_on, format!("offered {title}")));
        }
        if let Some(c) = o.completed_on.filter(|&c| after(c)) {
            out.push((c, format!("completed {title}")));
        }
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    out
}

pub fn render(app: &App, v: &OneOnOneView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = &app.data;
    let Some((person, summary)) = d.person(v.person) else {
        frame.render_widget(
            Paragraph::new("This person is gone.").block(block("", t)),
            area,
        );
        return;
    };
    let last = latest_note(d, v.person);
    let title = format!(
        " One-on-one · {} · readiness {} · last note {} ",
        inert(&person.name),
        percent(summary.readiness),
        last.map_or("none".to_string(), |n| n.date.to_string())
    );
    let b = block(title, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let right_w = if inner.width >= 100 {
        inner.width * 2 / 5
    } else {
        0
    };
    let [left, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_w)]).areas(inner);
    let w = usize::from(left.width.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();

    // Open action items, tickable.
    let open_now = v
        .items
        .iter()
        .filter(|&&(n, l)| item_state(d, n, l).is_some_and(|(done, _)| !done))
        .count();
    lines.push(Line::styled(
        format!("Open action items ({open_now})"),
        t.header,
    ));
    // Room for each section: a tall terminal shows more of each.
    let tall = usize::from(left.height) >= 34;
    let (flight_n, gaps_n, pairs_n) = if tall { (6, 5, 8) } else { (3, 3, 3) };
    let room = usize::from(left.height)
        .saturating_sub(10 + flight_n + gaps_n + pairs_n)
        .max(3);
    let offset = super::super::list::scroll_to(0, v.cursor, room, v.items.len());
    for (i, &(note, line)) in v.items.iter().enumerate().skip(offset).take(room) {
        let Some((done, text)) = item_state(d, note, line) else {
            continue;
        };
        let date = d
            .notes
            .iter()
            .find(|n| n.id == note)
            .map_or(String::new(), |n| n.date.to_string());
        let mark = if done { "[x]" } else { "[ ]" };
        let l = Line::from(vec![
            Span::styled(format!("{mark} "), if done { t.muted } else { t.warn }),
            Span::raw(fit(&inert(&text), w.saturating_sub(15))),
            Span::styled(format!(" {date}"), t.muted),
        ]);
        lines.push(if i == v.cursor {
            l.patch_style(t.selected)
        } else {
            l
        });
    }
    if v.items.is_empty() {
        lines.push(Line::styled("none open", t.muted));
    }

    // Trainings in flight, overdue first.
    let mut flight: Vec<_> = d
        .org
        .offers
        .iter()
        .filter(|o| {
            o.person_id == v.person
                && matches!(o.status, OfferStatus::Offered | OfferStatus::Enrolled)
        })
        .collect();
    flight.sort_by_key(|o| {
        (
            !insight::is_overdue(o, d.today),
            o.due_on.unwrap_or(NaiveDate::MAX),
        )
    });
    lines.push(Line::styled(
        format!("Trainings in flight ({})", flight.len()),
        t.header,
    ));
    for o in flight.iter().take(flight_n) {
        let overdue = insight::is_overdue(o, d.today);
        let due = match o.due_on {
            Some(due) if overdue => format!("OVERDUE since {due}"),
            Some(due) => format!("due {due}"),
            None => "no due date".into(),
        };
        lines.push(Line::from(vec![
            Span::raw(fit(&d.training_title(o.training_id), w.saturating_sub(36))),
            Span::styled(format!(" {:<9}", o.status.as_str()), t.muted),
            Span::styled(due, if overdue { t.warn } else { t.muted }),
        ]));
    }
    if flight.is_empty() {
        lines.push(Line::styled("none", t.muted));
    }

    // Largest gaps.
    let mut gaps: Vec<_> = summary.skills.iter().filter(|k| k.gap > 0).collect();
    gaps.sort_by(|a, b| b.gap.cmp(&a.gap).then(b.weight.cmp(&a.weight)));
    lines.push(Line::styled("Largest gaps", t.header));
    for g in gaps.iter().take(gaps_n) {
        let cur = g.current.map_or("·".into(), |c| {
            format!(
                "{}{}",
                c.level,
                if c.source == Source::SelfRated {
                    "ˢ"
                } else {
                    ""
                }
            )
        });
        lines.push(Line::from(vec![
            Span::raw(fit(&d.skill_name(g.skill_id), w.saturating_sub(14).min(40))),
            Span::styled(format!(" {cur} of {}", g.target), t.gap(Some(g.gap.min(2)))),
        ]));
    }
    if gaps.is_empty() {
        lines.push(Line::styled("none: at target everywhere", t.good));
    }

    // Stale ratings.
    let stale: Vec<String> = summary
        .skills
        .iter()
        .filter(|k| k.stale)
        .map(|k| d.skill_name(k.skill_id))
        .collect();
    lines.push(Line::styled(
        format!("Stale ratings ({})", stale.len()),
        t.header,
    ));
    if !stale.is_empty() {
        lines.push(Line::styled(fit(&stale.join(", "), w), t.stale));
    }

    // Perception pairs.
    let mut pairs: Vec<(String, u8, u8, i32)> = d
        .org
        .ratings_of_person(v.person)
        .chunk_by(|a, b| a.skill_id == b.skill_id)
        .filter_map(|rs| {
            let s = latest_of_source(rs, Source::SelfRated)?;
            let ver = latest_of_source(rs, Source::Verified)?;
            Some((
                d.skill_name(s.skill_id),
                s.level,
                ver.level,
                i32::from(s.level) - i32::from(ver.level),
            ))
        })
        .collect();
    pairs.sort_by(|a, b| b.3.cmp(&a.3).then(a.0.cmp(&b.0)));
    lines.push(Line::styled(
        format!("Self vs verified ({} pairs)", pairs.len()),
        t.header,
    ));
    for (name, own, ver, gap) in pairs.iter().take(pairs_n) {
        lines.push(Line::from(vec![
            Span::raw(fit(name, w.saturating_sub(22).min(40))),
            Span::styled(
                format!(" self {own} verified {ver} {gap:+}"),
                if *gap >= 2 { t.warn } else { t.muted },
            ),
        ]));
    }

    // On a narrow terminal the right column follows below.
    let mut side: Vec<Line> = Vec::new();
    let since = last.map(|n| n.date);
    let changed = changes(d, v, since);
    side.push(Line::styled(
        match since {
            Some(s) => format!("Since the last one-on-one ({s}): {}", changed.len()),
            None => format!("Everything so far (no one-on-one yet): {}", changed.len()),
        },
        t.header,
    ));
    let sw = if right_w > 0 {
        usize::from(right_area.width.saturating_sub(1))
    } else {
        w
    };
    let change_n = if tall { 14 } else { 6 };
    for (date, what) in changed.iter().take(change_n) {
        side.push(Line::from(vec![
            Span::styled(format!("{date} "), t.muted),
            Span::raw(fit(what, sw.saturating_sub(11))),
        ]));
    }
    if changed.len() > change_n {
        side.push(Line::styled(
            format!("… and {} more", changed.len() - change_n),
            t.muted,
        ));
    }
    if changed.is_empty() {
        side.push(Line::styled("nothing new", t.muted));
    }
    side.push(Line::raw(""));
    match last {
        Some(n) => {
            side.push(Line::styled(
                format!(
                    "Last note, {}{}{}",
                    n.date,
                    if n.author.is_empty() {
                        String::new()
                    } else {
                        format!(" by {}", inert(&n.author))
                    },
                    if n.private { " (private)" } else { "" }
                ),
                t.header,
            ));
            for l in inert_multiline(&n.body).lines() {
                side.push(Line::raw(l.to_string()));
            }
        }
        None => side.push(Line::styled("No note yet", t.muted)),
    }

    if right_w > 0 {
        frame.render_widget(Paragraph::new(lines), left);
        let [_, r] =
            Layout::horizontal([Constraint::Length(1), Constraint::Min(0)]).areas(right_area);
        frame.render_widget(Paragraph::new(side).wrap(Wrap { trim: false }), r);
    } else {
        lines.push(Line::raw(""));
        lines.extend(side);
        frame.render_widget(Paragraph::new(lines), left);
    }
}

/// (done, text) of an action item, as the data has it now.
fn item_state(d: &Data, note: Id, line: usize) -> Option<(bool, String)> {
    let n = d.notes.iter().find(|n| n.id == note)?;
    n.action_items()
        .into_iter()
        .find(|a| a.line == line)
        .map(|a| (a.done, a.text))
}
