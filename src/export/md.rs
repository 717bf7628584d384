//! Markdown: a report a person reads. Every piece of user text goes through `md()`.

use super::Document;
use super::escape::{by, md};
use super::model::{NoteDoc, PersonDoc};
use super::stream::{Parts, People};
use crate::metrics::percent;
use std::fmt::Write;

fn signed(v: Option<f64>) -> String {
    v.map_or("-".into(), |v| format!("{v:+.1}"))
}

fn or_dash(v: Option<&str>) -> String {
    v.map_or("-".into(), md)
}

/// A mean perception gap with the number of pairs behind it, or "-".
pub(super) fn overestimation(v: Option<f64>, pairs: usize) -> String {
    match v {
        Some(v) => format!("{v:+.1} ({pairs})"),
        None => "-".into(),
    }
}

pub(super) fn level(doc: &Document, l: u8) -> String {
    match doc.level_names.get(usize::from(l)) {
        Some(n) => format!("{l} {n}"),
        None => l.to_string(),
    }
}

pub fn render(doc: &Document) -> String {
    super::stream::to_string(|w| write(w, doc, super::stream::held(doc)))
}

/// Writes the document with `people` as its people (`doc.people` is not read).
pub fn write(
    w: &mut dyn std::io::Write,
    doc: &Document,
    people: &dyn People,
) -> std::io::Result<()> {
    let mut parts = Parts::new(w);
    let o = &mut parts.buf;
    let s = &doc.summary;
    let _ = writeln!(o, "# AI readiness: {}\n", md(&doc.scope.label()));
    let _ = writeln!(
        o,
        "Generated {} by skillgap. Ratings older than {} days count as stale. {}\n",
        doc.generated_at,
        doc.stale_after_days,
        if doc.include_private {
            "**Includes private one-on-one notes.**"
        } else {
            "Private one-on-one notes are left out."
        }
    );
    let _ = writeln!(o, "## Summary\n");
    let _ = writeln!(o, "| Measure | Value |\n|---|---|");
    let _ = writeln!(o, "| People | {} |", s.people);
    let _ = writeln!(o, "| Team readiness | {} |", percent(s.readiness));
    let _ = writeln!(o, "| At target | {} |", percent(s.at_target));
    let _ = writeln!(
        o,
        "| Training coverage (offered in the last 365 days) | {} |",
        percent(s.training_coverage)
    );
    let _ = writeln!(
        o,
        "| Overestimation (self minus verified, in levels) | {} |",
        signed(s.overestimation)
    );
    let _ = writeln!(o, "| Stale assessments | {} |", s.stale_assessments);
    let _ = writeln!(o, "| Overdue offers | {} |", s.overdue_offers);
    let _ = writeln!(
        o,
        "| Manager drift (manager minus verified, in levels) | {} |\n",
        signed(s.manager_drift)
    );

    let _ = writeln!(o, "## Readiness trend\n");
    let _ = writeln!(
        o,
        "Readiness as of the last day of each month, then today (assessments dated after each point left out).\n"
    );
    let _ = writeln!(o, "| Date | Readiness |\n|---|---:|");
    for p in &s.trend {
        let _ = writeln!(o, "| {} | {} |", p.date, percent(p.readiness));
    }
    o.push('\n');

    let overdue = &doc.overdue;
    let _ = writeln!(o, "## Overdue offers\n");
    if overdue.is_empty() {
        let _ = writeln!(o, "None.\n");
    } else {
        let _ = writeln!(o, "| Person | Training | Status | Due |\n|---|---|---|---|");
        for d in overdue {
            let offer = &d.offer;
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                md(&d.person),
                md(&offer.training),
                offer.status,
                offer.due_on.as_deref().unwrap_or("-")
            );
        }
        o.push('\n');
    }

    let _ = writeln!(o, "## Skill gaps\n");
    if doc.skills.is_empty() {
        let _ = writeln!(o, "No targeted skills.\n");
    } else {
        let _ = writeln!(
            o,
            "In order of levels missing across the scope, then mean gap. A single point of failure: two or more have the skill targeted and only one is at target.\n"
        );
        let _ = writeln!(
            o,
            "| Skill | Category | Targeted | At target | Below target | Mean gap | Levels missing | Single point | Overestimation |\n|---|---|---:|---:|---:|---:|---:|---|---:|"
        );
        for g in &doc.skills {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {:.1} | {} | {} | {} |",
                md(&g.name),
                md(&g.category),
                g.targeted,
                g.at_target,
                g.below_target,
                g.mean_gap,
                g.levels_missing,
                if g.single_point { "yes" } else { "" },
                overestimation(g.overestimation, g.perception_pairs)
            );
        }
        o.push('\n');
    }

    let f = &doc.funnel;
    let _ = writeln!(o, "## Training funnel\n");
    let _ = writeln!(
        o,
        "| Offered | Enrolled | Completed | Declined | Completed with verified improvement |\n|---:|---:|---:|---:|---:|"
    );
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} | {} |\n",
        f.offered, f.enrolled, f.completed, f.declined, f.verified_improvement
    );

    let _ = writeln!(o, "## People\n");
    if people.is_empty() {
        let _ = writeln!(o, "Nobody in this scope.");
    }
    parts.flush()?;
    people.each(&mut |p| {
        person(&mut parts.buf, doc, p);
        parts.flush()
    })
}

fn person(o: &mut String, doc: &Document, p: &PersonDoc) {
    let _ = writeln!(o, "### {}\n", md(&p.name));
    let _ = writeln!(
        o,
        "Email: {} · Team: {} · Role: {} · Readiness: {} · At target: {}\n",
        or_dash(p.email.as_deref()),
        or_dash(p.team.as_deref()),
        or_dash(p.role.as_deref()),
        percent(p.readiness),
        percent(p.at_target)
    );
    if p.skills.is_empty() {
        let _ = writeln!(o, "No targeted skills.\n");
    } else {
        let _ = writeln!(
            o,
            "| Skill | Target | Current | Source | Assessed | Gap | Stale |\n|---|---|---|---|---|---:|---|"
        );
        for s in &p.skills {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md(&s.name),
                level(doc, s.target),
                s.current.map_or("not assessed".into(), |c| level(doc, c)),
                s.source.unwrap_or("-"),
                s.assessed_on.as_deref().unwrap_or("-"),
                s.gap,
                if s.stale { "stale" } else { "" }
            );
        }
        o.push('\n');
    }
    if !p.perception.is_empty() {
        let _ = writeln!(o, "Self-rated vs verified:\n");
        for x in &p.perception {
            let _ = writeln!(
                o,
                "- {}: self {}, verified {} ({:+})",
                md(&x.name),
                x.self_level,
                x.verified,
                x.gap
            );
        }
        o.push('\n');
    }
    if !p.offers.is_empty() {
        let _ = writeln!(
            o,
            "| Training offered | Status | Offered | Due | Completed |\n|---|---|---|---|---|"
        );
        for x in &p.offers {
            let _ = writeln!(
                o,
                "| {} | {}{} | {} | {} | {} |",
                md(&x.training),
                x.status,
                if x.overdue { " **overdue**" } else { "" },
                x.offered_on,
                x.due_on.as_deref().unwrap_or("-"),
                x.completed_on.as_deref().unwrap_or("-")
            );
        }
        o.push('\n');
    }
    if !p.recommendations.is_empty() {
        let _ = writeln!(o, "Recommended training:\n");
        for r in &p.recommendations {
            let _ = writeln!(
                o,
                "- {} (for {}, to level {})",
                md(&r.training),
                md(&r.skill_name),
                r.level
            );
        }
        o.push('\n');
    }
    let actions: Vec<(&NoteDoc, &str)> = p
        .notes
        .iter()
        .flat_map(|n| n.open_actions.iter().map(move |a| (n, a.as_str())))
        .collect();
    if !actions.is_empty() {
        let _ = writeln!(o, "Open action items:\n");
        for (n, text) in actions {
            let _ = writeln!(
                o,
                "- \\[ \\] {} ({}{}{})",
                md(text),
                n.date,
                by(&n.author, md),
                if n.private { ", private note" } else { "" }
            );
        }
        o.push('\n');
    }
}
