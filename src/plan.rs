//! `skillgap plan`: the greedy what-if training plan (see `metrics::plan`) as text a manager
//! reads, or as JSON of the SPEC's shape.

use crate::metrics::{Analysis, Org, Plan, percent};
use crate::model::Id;
use crate::report::no_such_team;
use crate::text::inert;
use serde::Serialize;
use std::fmt::Write;

/// `{scope, budget_hours, used_hours, readiness_now, readiness_projected, picks}`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlanDoc {
    pub scope: PlanScope,
    pub budget_hours: f64,
    pub used_hours: f64,
    pub readiness_now: Option<f64>,
    pub readiness_projected: Option<f64>,
    /// In the order the plan took them.
    pub picks: Vec<PickDoc>,
    #[serde(skip)]
    pub people: usize,
    #[serde(skip)]
    pub today: String,
}

/// As in the export: `kind` "all" or "team", and the team's name.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlanScope {
    pub kind: &'static str,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PickDoc {
    pub person: String,
    pub email: Option<String>,
    /// Training title.
    pub training: String,
    pub hours: f64,
    pub readiness_before: f64,
    pub readiness_after: f64,
}

/// Resolves `team` (by name, sub-teams included; `None`: everyone) and runs the plan.
pub fn build(
    org: &Org,
    analysis: &Analysis,
    team: Option<&str>,
    budget_hours: f64,
) -> Result<PlanDoc, String> {
    let (team_id, scope): (Option<Id>, PlanScope) = match team {
        None => (
            None,
            PlanScope {
                kind: "all",
                name: None,
            },
        ),
        Some(name) => {
            let t = org
                .team_by_name(name)
                .ok_or_else(|| no_such_team(org, name))?;
            (
                Some(t.id),
                PlanScope {
                    kind: "team",
                    name: Some(inert(&t.name).into_owned()),
                },
            )
        }
    };
    let plan: Plan = analysis.plan(org, team_id, budget_hours);
    let picks = plan
        .picks
        .iter()
        .map(|p| {
            let person = org.person(p.person_id);
            PickDoc {
                person: person.map_or_else(String::new, |x| inert(&x.name).into_owned()),
                email: person
                    .and_then(|x| x.email.as_deref())
                    .map(|e| inert(e).into_owned()),
                training: org
                    .training(p.training_id)
                    .map_or_else(String::new, |t| inert(&t.title).into_owned()),
                hours: p.hours,
                readiness_before: p.readiness_before,
                readiness_after: p.readiness_after,
            }
        })
        .collect();
    Ok(PlanDoc {
        scope,
        budget_hours: plan.budget_hours,
        used_hours: plan.used_hours,
        readiness_now: plan.readiness_now,
        readiness_projected: plan.readiness_projected,
        picks,
        people: org.members(team_id).len(),
        today: analysis.settings.today.to_string(),
    })
}

pub fn render_json(doc: &PlanDoc) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// Hours as a person writes them: "4", "2.5".
pub fn hours(h: f64) -> String {
    if (h - h.round()).abs() < 1e-9 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

pub fn render_text(doc: &PlanDoc) -> String {
    let mut o = String::new();
    let scope = match &doc.scope.name {
        Some(n) => format!("team {n}"),
        None => "everyone".into(),
    };
    let _ = writeln!(
        o,
        "skillgap plan: {scope} ({} {}), budget {} hours, {}",
        doc.people,
        if doc.people == 1 { "person" } else { "people" },
        hours(doc.budget_hours),
        doc.today
    );
    if doc.picks.is_empty() {
        let _ = writeln!(
            o,
            "\nNo training within {} hours would raise readiness (readiness now {}): nobody in scope has a gap that an un-offered training closes, or every such training takes longer.",
            hours(doc.budget_hours),
            percent(doc.readiness_now)
        );
        return o;
    }
    let points = match (doc.readiness_now, doc.readiness_projected) {
        (Some(a), Some(b)) => format!(" ({:+.0} points)", (b - a) * 100.0),
        _ => String::new(),
    };
    let _ = writeln!(
        o,
        "readiness now {}, with these {} offers {}{points}; {} of {} hours used\n",
        percent(doc.readiness_now),
        doc.picks.len(),
        percent(doc.readiness_projected),
        hours(doc.used_hours),
        hours(doc.budget_hours)
    );
    let name_w = doc
        .picks
        .iter()
        .map(|p| p.person.chars().count())
        .max()
        .unwrap_or(0)
        .max("Person".len());
    let title_w = doc
        .picks
        .iter()
        .map(|p| p.training.chars().count())
        .max()
        .unwrap_or(0)
        .max("Training".len());
    let _ = writeln!(
        o,
        "  #  {:<name_w$}  {:<title_w$}  Hours  Their readiness",
        "Person", "Training"
    );
    for (i, p) in doc.picks.iter().enumerate() {
        let _ = writeln!(
            o,
            "{:>3}  {:<name_w$}  {:<title_w$}  {:>5}  {} -> {}",
            i + 1,
            p.person,
            p.training,
            hours(p.hours),
            percent(Some(p.readiness_before)),
            percent(Some(p.readiness_after))
        );
    }
    let _ = writeln!(
        o,
        "\nPicked by readiness gained per hour of training; each offer is judged after the ones before it."
    );
    o
}
