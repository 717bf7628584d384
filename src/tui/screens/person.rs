//! A person: every targeted skill with target, current (`ˢ` when self-rated), source, date,
//! gap and a stale mark; self against verified side by side; readiness by month and the list
//! of their assessments; offers (overdue ones flagged); recommended trainings per gap with
//! the readiness each would bring, and offers in flight; notes with their action items.
//!
//! Every line that stands for a record is an `Item` the cursor can rest on, so the keys act
//! on what is selected: edit or delete this assessment, move this offer, tick this item.

use super::super::app::{App, PersonView};
use super::super::data::{Data, PersonDetail};
use super::super::insight;
use super::super::widgets::{block, fit, right, sparkline};
use crate::keymap::Action;
use crate::metrics::{latest_of_source, percent};
use crate::model::{Id, OfferStatus, Source};
use crate::text::{inert, inert_multiline};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// From this inner width on (a 120-column terminal), the view has two columns.
const WIDE: u16 = 118;

/// The width of the skills column in two-column mode: three fifths, at most 82.
fn skills_w(full_w: u16) -> u16 {
    (full_w * 3 / 5).min(82)
}

/// What a line of the person view stands for; the cursor moves over these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// The person themselves (the line under the title).
    Person,
    /// A targeted skill (a gap when current is below target).
    Skill(Id),
    /// One recorded assessment.
    Assessment(Id),
    /// The "Training offers" heading: Enter or `a` offers a training.
    Offers,
    Offer(Id),
    /// A training recommended for a gap: (skill, training).
    Recommendation(Id, Id),
    /// The "One-on-one notes" heading: Enter or `a` writes a new note.
    Notes,
    Note(Id),
    /// An action item of a note: (note, line in its body).
    ActionItem(Id, usize),
}

impl Item {
    /// The section an item belongs to, for jumping between sections with h/l.
    fn section(self) -> u8 {
        match self {
            Item::Person => 0,
            Item::Skill(_) => 1,
            Item::Assessment(_) => 2,
            Item::Offers | Item::Offer(_) => 3,
            Item::Recommendation(..) => 4,
            Item::Notes | Item::Note(_) | Item::ActionItem(..) => 5,
        }
    }
}

/// A person's skills in the framework's order, as every screen shows skills.
fn framework_order<'a>(
    d: &Data,
    skills: &'a [crate::metrics::SkillStatus],
) -> impl Iterator<Item = &'a crate::metrics::SkillStatus> {
    let pos = |id| {
        d.org
            .skills
            .iter()
            .position(|k| k.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut v: Vec<&crate::metrics::SkillStatus> = skills.iter().collect();
    v.sort_by_key(|s| pos(s.skill_id));
    v.into_iter()
}

/// Every item of the view, in the order j/k walks them: the person, skills, assessments
/// (newest first), the offers heading and offers, recommendations, then the notes heading
/// and each note with its action items.
pub fn items(d: &Data, detail: &PersonDetail) -> Vec<Item> {
    let id = detail.id;
    let mut out = vec![Item::Person];
    if let Some((_, summary)) = d.person(id) {
        out.extend(framework_order(d, &summary.skills).map(|s| Item::Skill(s.skill_id)));
    }
    out.extend(
        detail
            .history
            .iter()
            .rev()
            .map(|a| Item::Assessment(a.rating.id)),
    );
    out.push(Item::Offers);
    out.extend(d.org.offers_of(id).iter().map(|o| Item::Offer(o.id)));
    out.extend(
        d.analysis
            .recommendations(&d.org, id)
            .iter()
            .map(|r| Item::Recommendation(r.skill_id, r.training_id)),
    );
    out.push(Item::Notes);
    for n in d.notes.iter().filter(|n| n.person_id == id) {
        out.push(Item::Note(n.id));
        out.extend(
            n.action_items()
                .iter()
                .map(|a| Item::ActionItem(n.id, a.line)),
        );
    }
    out
}

/// The index of the first item of the next (`forward`) or previous section from `at`.
pub fn section_jump(items: &[Item], at: usize, forward: bool) -> usize {
    let Some(here) = items.get(at).map(|i| i.section()) else {
        return 0;
    };
    if forward {
        items.iter().position(|i| i.section() > here).unwrap_or(at)
    } else {
        let Some(prev) = items[..at]
            .iter()
            .rev()
            .map(|i| i.section())
            .find(|&s| s < here)
        else {
            return 0;
        };
        items.iter().position(|i| i.section() == prev).unwrap_or(0)
    }
}

/// The footer hints for the selected item.
pub fn hints(item: Option<Item>) -> Vec<(Action, &'static str)> {
    let mut h = vec![(Action::Down, "move")];
    h.extend(match item {
        None | Some(Item::Person) => vec![
            (Action::Edit, "edit"),
            (Action::Add, "assess"),
            (Action::Delete, "delete"),
        ],
        Some(Item::Skill(_)) => vec![
            (Action::Open, "assess"),
            (Action::Offer, "offer"),
            (Action::Targets, "targets"),
        ],
        Some(Item::Assessment(_)) => vec![(Action::Open, "correct"), (Action::Delete, "delete")],
        Some(Item::Offer(_)) => vec![
            (Action::MoveOffer, "move on"),
            (Action::Open, "edit"),
            (Action::Add, "new offer"),
            (Action::Delete, "delete"),
        ],
        Some(Item::Recommendation(..)) => vec![(Action::Open, "offer")],
        Some(Item::Offers) => vec![(Action::Open, "offer a training")],
        Some(Item::Notes) => vec![(Action::Open, "new note")],
        Some(Item::Note(_)) => vec![
            (Action::Open, "edit"),
            (Action::ToggleDone, "next done"),
            (Action::Add, "new note"),
            (Action::Delete, "delete"),
        ],
        Some(Item::ActionItem(..)) => {
            vec![(Action::ToggleDone, "done/open"), (Action::Open, "edit")]
        }
    });
    h.push((Action::Back, "back"));
    h
}

/// Lines of one pane, with the line of the selected item remembered for scrolling.
struct Pane<'a> {
    lines: Vec<Line<'a>>,
    selected: Option<usize>,
}

impl<'a> Pane<'a> {
    fn new() -> Pane<'a> {
        Pane {
            lines: Vec::new(),
            selected: None,
        }
    }

    fn push(&mut self, line: impl Into<Line<'a>>) {
        self.lines.push(line.into());
    }

    /// A line standing for item number `index`; highlighted when the cursor is on it.
    fn item(&mut self, line: impl Into<Line<'a>>, index: usize, pv: &PersonView, app: &App) {
        let mut line = line.into();
        if index == pv.cursor {
            line = line.patch_style(app.theme.selected);
            self.selected = Some(self.lines.len());
        }
        self.lines.push(line);
    }
}

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
    let index = |it: Item| pv.items.iter().position(|&i| i == it).unwrap_or(usize::MAX);
    let full_w = area.width.saturating_sub(2);
    let (w, rest_w) = if full_w >= WIDE {
        (
            usize::from(skills_w(full_w) - 1),
            usize::from(full_w - skills_w(full_w)),
        )
    } else {
        (usize::from(full_w), usize::from(full_w))
    };
    let mut left = Pane::new();
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
    if person.archived {
        who.push_str(" · archived");
    }
    left.item(Line::styled(fit(&who, w), t.muted), 0, pv, app);
    left.push(Line::from(vec![
        Span::styled("Readiness ", t.muted),
        Span::styled(percent(summary.readiness), t.figure),
        Span::styled("  At target ", t.muted),
        Span::styled(percent(summary.at_target), t.figure),
        Span::styled("  Largest gap ", t.muted),
        Span::styled(summary.largest_gap.to_string(), t.figure),
        Span::styled("  Stale ", t.muted),
        Span::styled(summary.stale.to_string(), t.figure),
    ]));
    // Readiness at the end of each of the last 12 months, then today.
    let by_month = &pv.trend;
    let mut spans = vec![Span::styled("By month ", t.muted)];
    for (i, (date, v)) in by_month.iter().enumerate() {
        let label = if i + 1 == by_month.len() {
            "now".to_string()
        } else {
            date.format("%b").to_string()
        };
        let value = v.map_or("-".to_string(), |v| format!("{:.0}", v * 100.0));
        spans.push(Span::styled(format!("{label} "), t.muted));
        spans.push(Span::styled(format!("{value} "), t.figure));
    }
    let wide = spans.iter().map(|s| s.width()).sum::<usize>() <= w;
    if wide {
        left.push(Line::from(spans));
    } else {
        let values: Vec<u8> = by_month
            .iter()
            .map(|(_, v)| v.map_or(0, |v| (v * 5.0).round() as u8))
            .collect();
        let first = by_month.iter().find_map(|(_, v)| *v);
        left.push(Line::from(vec![
            Span::styled("Readiness by month ", t.muted),
            Span::styled(sparkline(&values), t.good),
            Span::styled(
                format!(
                    " {} → {}",
                    percent(first),
                    percent(by_month.last().and_then(|(_, v)| *v))
                ),
                t.muted,
            ),
        ]));
    }
    left.push(Line::raw(""));

    // Skills.
    let name_w = w.saturating_sub(49).clamp(10, 30);
    left.push(Line::styled(
        format!(
            "{} Tgt Cur Source   Date       Gap  Self Verif",
            fit("Skill", name_w)
        ),
        t.header,
    ));
    let own_targets: Vec<Id> = d
        .org
        .overrides
        .get(&id)
        .map(|o| o.iter().map(|t| t.skill_id).collect())
        .unwrap_or_default();
    for s in framework_order(d, &summary.skills) {
        let own_target = own_targets.contains(&s.skill_id);
        let cur = s.current;
        let ratings = d.org.ratings_of(id, s.skill_id);
        let own = latest_of_source(&ratings, Source::SelfRated);
        let ver = latest_of_source(&ratings, Source::Verified);
        let (own_txt, ver_txt) = match (own, ver) {
            (Some(o), Some(v)) => (
                o.level.to_string(),
                format!("{} {:+}", v.level, i32::from(o.level) - i32::from(v.level)),
            ),
            _ => ("".into(), "".into()),
        };
        let line = Line::from(vec![
            Span::raw(fit(&d.skill_name(s.skill_id), name_w)),
            Span::raw(right(&s.target.to_string(), 3)),
            Span::styled(if own_target { "o" } else { " " }, t.key),
            Span::styled(
                right(
                    &cur.map_or("·".into(), |c| {
                        // A self-rated level never looks like a verified one.
                        if c.source == Source::SelfRated {
                            format!("{}ˢ", c.level)
                        } else {
                            c.level.to_string()
                        }
                    }),
                    4,
                ),
                if cur.is_some_and(|c| c.source == Source::SelfRated) {
                    t.gap(Some(s.gap)).patch(t.self_rated)
                } else {
                    t.gap(Some(s.gap))
                },
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
        ]);
        left.item(line, index(Item::Skill(s.skill_id)), pv, app);
    }
    if summary.skills.is_empty() {
        left.push(Line::styled(
            "No targeted skills (no role or targets)",
            t.muted,
        ));
    }
    left.push(Line::styled(
        "* stale  ˢ self-rated  o own target (t)  Self/Verif: latest self and verified",
        t.muted,
    ));
    left.push(Line::raw(""));

    // Assessments, newest first.
    left.push(Line::styled(
        format!("Assessments ({}), newest first", pv.detail.history.len()),
        t.header,
    ));
    for a in pv.detail.history.iter().rev() {
        let r = &a.rating;
        let mut extra = String::new();
        if let (Some(s), Some(m)) = (a.score, a.max_score) {
            extra.push_str(&format!(" {s}/{m}"));
        } else if let Some(s) = a.score {
            extra.push_str(&format!(" {s}"));
        }
        if let Some(by) = &a.assessor {
            extra.push_str(&format!(" by {}", inert(by)));
        }
        if let Some(ev) = a.evidence.as_deref().filter(|e| !e.trim().is_empty()) {
            extra.push_str(&format!(" · {}", inert(ev)));
        }
        let line = Line::from(vec![
            Span::styled(r.assessed_on.to_string(), t.muted),
            Span::raw(" "),
            Span::raw(fit(&d.skill_name(r.skill_id), name_w)),
            Span::styled(right(&r.level.to_string(), 2), t.figure),
            Span::raw(" "),
            Span::raw(fit(r.source.as_str(), 8)),
            Span::styled(fit(&extra, w.saturating_sub(name_w + 23)), t.muted),
        ]);
        left.item(line, index(Item::Assessment(r.id)), pv, app);
    }
    if pv.detail.history.is_empty() {
        left.push(Line::styled("None yet: a adds one", t.muted));
    }

    let mut rest = Pane::new();
    // Offers.
    rest.item(
        Line::styled("Training offers", t.header),
        index(Item::Offers),
        pv,
        app,
    );
    let offers = d.org.offers_of(id);
    for o in &offers {
        let overdue = insight::is_overdue(o, d.today);
        let mut when = format!("offered {}", o.offered_on);
        if let Some(c) = o.completed_on {
            when.push_str(&format!(", completed {c}"));
        } else if let Some(due) = o.due_on.filter(|_| overdue) {
            when = format!("OVERDUE since {due}, offered {}", o.offered_on);
        } else if let Some(due) = o.due_on {
            when.push_str(&format!(", due {due}"));
        }
        let line = Line::from(vec![
            Span::raw(fit(
                &d.training_title(o.training_id),
                rest_w.saturating_sub(47).clamp(10, 40),
            )),
            Span::raw(" "),
            Span::styled(fit(o.status.as_str(), 10), t.figure),
            Span::styled(when, if overdue { t.warn } else { t.muted }),
        ]);
        rest.item(line, index(Item::Offer(o.id)), pv, app);
    }
    if offers.is_empty() {
        rest.push(Line::styled(
            "Never offered training (Enter above offers one)",
            t.warn,
        ));
    }
    rest.push(Line::raw(""));

    // Recommendations.
    rest.push(Line::styled(
        "Recommended for each gap (readiness it would bring)",
        t.header,
    ));
    let recs = d.analysis.recommendations(&d.org, id);
    for r in &recs {
        let mut spans = vec![
            Span::raw(fit(&d.skill_name(r.skill_id), name_w)),
            Span::styled(" → ", t.muted),
            Span::raw(d.training_title(r.training_id)),
            Span::styled(format!(" (to {})", r.level), t.muted),
        ];
        if let Some((before, after)) = insight::gain(d, id, r.training_id) {
            // What it would bring this person: readiness points and where that lands.
            spans.push(Span::styled(
                format!(
                    " +{} pts → {}",
                    ((after * 100.0).round() - (before * 100.0).round()).max(0.0),
                    percent(Some(after))
                ),
                t.good,
            ));
        }
        let i = index(Item::Recommendation(r.skill_id, r.training_id));
        rest.item(Line::from(spans), i, pv, app);
    }
    // Gaps a training already offered (and not yet taken) works on: shown as in flight.
    for o in offers
        .iter()
        .filter(|o| matches!(o.status, OfferStatus::Offered | OfferStatus::Enrolled))
    {
        let Some(tr) = d.org.training(o.training_id) else {
            continue;
        };
        for s in summary.skills.iter().filter(|s| s.gap > 0) {
            if tr.develops.iter().any(|&(k, _)| k == s.skill_id) {
                rest.push(Line::from(vec![
                    Span::raw(fit(&d.skill_name(s.skill_id), name_w)),
                    Span::styled(" → ", t.muted),
                    Span::raw(d.training_title(o.training_id)),
                    Span::styled(format!(" (offer in flight, {})", o.status), t.muted),
                ]));
            }
        }
    }
    if recs.is_empty() {
        rest.push(Line::styled("Nothing to recommend", t.muted));
    }
    rest.push(Line::raw(""));

    // Notes.
    rest.item(
        Line::styled("One-on-one notes", t.header),
        index(Item::Notes),
        pv,
        app,
    );
    let notes: Vec<_> = d.notes.iter().filter(|n| n.person_id == id).collect();
    for n in &notes {
        let items_of = n.action_items();
        let open = items_of.iter().filter(|a| !a.done).count();
        let mut head = vec![Span::styled(n.date.to_string(), t.figure)];
        if !n.author.is_empty() {
            head.push(Span::styled(format!(" by {}", inert(&n.author)), t.muted));
        }
        if n.private {
            head.push(Span::styled(" private", t.muted));
        }
        if open > 0 {
            head.push(Span::styled(format!(" {open} open"), t.warn));
        }
        rest.item(Line::from(head), index(Item::Note(n.id)), pv, app);
        for (no, l) in inert_multiline(&n.body).lines().enumerate() {
            let item = items_of.iter().find(|a| a.line == no);
            let style = match item {
                Some(a) if !a.done => t.warn,
                Some(_) => t.muted,
                None => t.base,
            };
            let line = Line::styled(format!("  {}", fit(l, rest_w.saturating_sub(2))), style);
            match item {
                Some(a) => rest.item(line, index(Item::ActionItem(n.id, a.line)), pv, app),
                None => rest.push(line),
            }
        }
    }
    if notes.is_empty() {
        rest.push(Line::styled(
            "No notes yet (Enter above writes one)",
            t.muted,
        ));
    }

    let title = format!(" {} ", inert(&person.name));
    let b = block(title, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let inner_h = usize::from(inner.height);
    // Wide terminals: skills and assessments on the left, offers, recommendations and notes
    // on the right.
    let panes: Vec<(Pane, Rect)> = if inner.width >= WIDE {
        let [l, r] = Layout::horizontal([
            Constraint::Length(skills_w(inner.width)),
            Constraint::Min(0),
        ])
        // A column between the two: a left line cut at its width never runs into the right.
        .spacing(1)
        .areas(inner);
        vec![(left, l), (rest, r)]
    } else {
        let mut all = left;
        all.push(Line::raw(""));
        let offset = all.lines.len();
        all.selected = all.selected.or(rest.selected.map(|s| s + offset));
        all.lines.extend(rest.lines);
        vec![(all, inner)]
    };
    // The pane with the cursor scrolls just enough to show it; the other shows its top.
    let mut scroll = pv.scroll.get();
    if let Some(sel) = panes.iter().find_map(|(p, _)| p.selected) {
        if sel < scroll {
            scroll = sel.saturating_sub(1);
        } else if sel >= scroll + inner_h {
            scroll = sel + 2 - inner_h.min(sel + 2);
        }
    }
    pv.scroll.set(scroll);
    for (pane, rect) in panes {
        let here = if pane.selected.is_some() { scroll } else { 0 };
        let here = here.min(pane.lines.len().saturating_sub(inner_h));
        if pane.selected.is_some() {
            let len = pane.lines.len();
            crate::tui::widgets::position_of(
                frame,
                area,
                here..(here + inner_h).min(len),
                len,
                t,
                "lines",
            );
        }
        let w = usize::from(rect.width);
        let visible: Vec<Line> = pane
            .lines
            .into_iter()
            .skip(here)
            .take(inner_h)
            .map(|l| crate::tui::widgets::cut_line(l, w))
            .collect();
        frame.render_widget(Paragraph::new(visible), rect);
    }
}
