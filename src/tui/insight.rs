//! The seam between the TUI and issue 10's metrics: each function here hands a screen the
//! figures it shows, computed by `metrics` (one definition for the app, `report`, `plan` and
//! the exports), with the names the screens print.

use super::data::Data;
use super::screens::perception::Drift;
use crate::metrics::{self, AsOf, TrendPoint};
use crate::model::{Id, Source};
use chrono::NaiveDate;
use std::collections::HashMap;

pub use crate::metrics::{SkillGap, is_overdue};

/// A trend as the screens draw it: (date, readiness) at each of the 13 points.
pub type Trend = Vec<(NaiveDate, Option<f64>)>;

/// Manager drift of the team (`None` without a manager/verified pair), and per assessor
/// (assessments without one are counted under "no assessor named").
pub fn manager_drift(data: &Data, team: Option<Id>) -> (Option<Drift>, Vec<Drift>) {
    let pairs = data.analysis.pairs(&data.org, team, Source::Manager);
    let stats = metrics::pair_stats(&pairs);
    let team = stats.mean.map(|m| Drift {
        who: "Team".into(),
        drift: m,
        pairs: stats.pairs,
    });
    let per = metrics::drift_by_assessor(&pairs, |id| data.assessor(id))
        .into_iter()
        .map(|a| Drift {
            who: a
                .assessor
                .map(|n| crate::text::inert(&n).into_owned())
                .unwrap_or_else(|| "(no assessor named)".into()),
            drift: a.drift,
            pairs: a.pairs,
        })
        .collect();
    (team, per)
}

/// The team's skill gaps in the one skill-gap order, with at-target counts and single points
/// of failure (`SkillGap::at_target`, `SkillGap::single_point`).
pub fn skill_gaps(data: &Data, team: Option<Id>) -> Vec<SkillGap> {
    data.analysis.team_summary(&data.org, team).skill_gaps
}

/// The readiness trend of a team: 13 points (the last day of each of the 12 months before
/// today's month, then today).
pub fn trend(data: &Data, history: &dyn AsOf, team: Option<Id>) -> Vec<(NaiveDate, Option<f64>)> {
    metrics::readiness_trend(&data.org, history, team, &data.analysis.settings)
        .into_iter()
        .map(|TrendPoint { date, readiness }| (date, readiness))
        .collect()
}

/// The trend of every team (sub-teams rolled up) and of everyone (`None`) in one pass over
/// the people (`metrics::all_trends`); the Team screen keeps it per data load, so moving the
/// picker costs nothing.
pub fn all_trends(data: &Data, history: &dyn AsOf) -> HashMap<Option<Id>, Trend> {
    metrics::all_trends(&data.org, history, &data.analysis.settings)
        .into_iter()
        .map(|(scope, points)| {
            let trend = points
                .into_iter()
                .map(|TrendPoint { date, readiness }| (date, readiness))
                .collect();
            (scope, trend)
        })
        .collect()
}

/// One person's readiness at each trend date, from their full assessment history.
pub fn person_trend(
    data: &Data,
    person: Id,
    history: &[crate::model::Assessment],
) -> Vec<(NaiveDate, Option<f64>)> {
    let Some((p, _)) = data.person(person) else {
        return Vec::new();
    };
    let ratings: Vec<crate::model::Rating> = history.iter().map(|a| a.rating).collect();
    let settings = &data.analysis.settings;
    metrics::person_trend(
        &data.org.targets_of(p),
        &ratings,
        &settings.precedence,
        &metrics::trend_dates(settings.today),
    )
    .into_iter()
    .map(|TrendPoint { date, readiness }| (date, readiness))
    .collect()
}

/// A person's readiness now and after taking `training`.
pub fn gain(data: &Data, person: Id, training: Id) -> Option<(f64, f64)> {
    let (_, s) = data.person(person)?;
    let t = data.org.training(training)?;
    Some((s.readiness?, metrics::readiness_with(&s.skills, t)?))
}

/// One pick of the what-if plan, with the names shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub person: Id,
    pub name: String,
    pub training: Id,
    pub title: String,
    pub hours: f64,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// The what-if plan for a team within `budget` hours.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub budget: f64,
    pub used: f64,
    pub now: Option<f64>,
    pub projected: Option<f64>,
    pub picks: Vec<Pick>,
}

/// The greedy what-if plan of the metrics for the team's active members.
pub fn plan(data: &Data, team: Option<Id>, budget: f64) -> Plan {
    let p = data.analysis.plan(&data.org, team, budget);
    Plan {
        budget: p.budget_hours,
        used: p.used_hours,
        now: p.readiness_now,
        projected: p.readiness_projected,
        picks: p
            .picks
            .iter()
            .map(|k| Pick {
                person: k.person_id,
                name: data.person_name(k.person_id),
                training: k.training_id,
                title: data.training_title(k.training_id),
                hours: k.hours,
                before: Some(k.readiness_before),
                after: Some(k.readiness_after),
            })
            .collect(),
    }
}
