//! The readiness engine: every metric of the SPEC as pure functions over plain structs.
//! No SQL and no terminal here, so each formula can be read and tested on its own.
//!
//! - `person`: targets, current level, staleness, gap, readiness, at target.
//! - `team`: membership with sub-teams, team summary, skill gaps, perception, coverage.
//! - `training`: the funnel, verified improvement, recommendations.
//! - `org`: a snapshot of the whole database with the indexes the metrics need.
//! - `perception`: self and manager ratings beside verified ones (overestimation, drift).
//! - `trend`: readiness as of past dates, from the assessment history.
//! - `plan`: the readiness a training brings, and the greedy what-if plan.

mod assessors;
mod compact;
mod org;
mod perception;
mod person;
mod plan;
mod ratings;
mod team;
mod training;
mod trend;
mod trend_levels;

pub use assessors::Assessors;
pub use org::{Analysis, Org};
pub use perception::{
    AssessorDrift, Pair, PairStats, SkillPerception, by_skill, drift_by_assessor, pair_stats,
    pairs_of,
};
pub use person::{
    Current, PersonSummary, SkillStatus, at_target, current_rating, gap, is_stale,
    latest_of_source, merge_targets, readiness, readiness_of_levels,
};
pub use plan::{DEFAULT_BUDGET_HOURS, Pick, Plan, plan, readiness_with, training_hours};
pub use ratings::Ratings;
pub use team::{
    SkillGap, TeamSummary, perception_gap, sort_skill_gaps, team_and_descendants, team_members,
};
pub use training::{Funnel, Recommendation, funnel, is_overdue, overdue_offers, recommendations};
pub use trend::{
    AsOf, RatingHistory, TrendPoint, all_trends, current_as_of, person_trend, readiness_trend,
    team_trend, trend_dates,
};
pub use trend_levels::TrendLevels;

use crate::model::Source;
use chrono::NaiveDate;

/// What the metrics depend on besides the data: today's date and two config values.
#[derive(Debug, Clone)]
pub struct Settings {
    pub today: NaiveDate,
    pub stale_after_days: i64,
    /// Highest precedence first; sources not listed are never used for the current level.
    pub precedence: Vec<Source>,
}

impl Settings {
    pub fn new(today: NaiveDate) -> Self {
        Settings {
            today,
            stale_after_days: 180,
            precedence: vec![Source::Verified, Source::Manager, Source::SelfRated],
        }
    }
}

/// Mean of the defined values; `None` when there are none ("undefined", shown as "-").
pub fn mean_defined(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .flatten()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// A fraction in [0, 1] as a whole percentage, or "-" when undefined.
pub fn percent(v: Option<f64>) -> String {
    match v {
        Some(f) => format!("{:.0}%", (f * 100.0).round()),
        None => "-".to_string(),
    }
}
