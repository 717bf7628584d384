//! Per-person metrics: target, current level, staleness, gap, readiness, at target.

use super::Settings;
use crate::model::{Id, Rating, Source, Target};
use chrono::NaiveDate;

/// Effective targets of a person: each override replaces the role's target for that skill;
/// an override of level 0 removes it. Only skills with target >= 1 (targeted) are returned,
/// sorted by skill id.
pub fn merge_targets(role: &[Target], overrides: &[Target]) -> Vec<Target> {
    let mut out: Vec<Target> = role
        .iter()
        .filter(|t| !overrides.iter().any(|o| o.skill_id == t.skill_id))
        .chain(overrides.iter())
        .filter(|t| t.level >= 1)
        .copied()
        .collect();
    out.sort_by_key(|t| t.skill_id);
    out
}

/// The latest rating of one source among ratings of one person and skill:
/// latest `assessed_on`, ties broken by the one recorded last (highest id).
pub fn latest_of_source(ratings: &[Rating], source: Source) -> Option<Rating> {
    ratings
        .iter()
        .filter(|r| r.source == source)
        .max_by_key(|r| (r.assessed_on, r.id))
        .copied()
}

/// The current level's rating: the source ranked highest in `precedence` that has any
/// rating, and within it the latest. `None` means "not assessed" (distinct from level 0).
pub fn current_rating(ratings: &[Rating], precedence: &[Source]) -> Option<Rating> {
    precedence
        .iter()
        .find_map(|&source| latest_of_source(ratings, source))
}

/// Stale: the rating is older than `stale_after_days` (a rating exactly that old is not).
pub fn is_stale(rating: &Rating, settings: &Settings) -> bool {
    (settings.today - rating.assessed_on).num_days() > settings.stale_after_days
}

/// Gap = max(0, target - current), with "not assessed" counted as 0.
pub fn gap(target: u8, current: Option<u8>) -> u8 {
    target.saturating_sub(current.unwrap_or(0))
}

/// What a summary holds of a current rating: 8 bytes where the rating takes 32 (at 100,000
/// people summaries hold 1.5 million of them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Current {
    pub level: u8,
    pub source: Source,
    pub assessed_on: NaiveDate,
}

impl From<Rating> for Current {
    fn from(r: Rating) -> Current {
        Current {
            level: r.level,
            source: r.source,
            assessed_on: r.assessed_on,
        }
    }
}

/// One targeted skill of a person, with its current state.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillStatus {
    pub skill_id: Id,
    pub target: u8,
    pub weight: u8,
    pub current: Option<Current>,
    pub gap: u8,
    pub stale: bool,
}

impl SkillStatus {
    pub fn build(target: Target, ratings: &[Rating], settings: &Settings) -> Self {
        let current = current_rating(ratings, &settings.precedence);
        SkillStatus {
            skill_id: target.skill_id,
            target: target.level,
            weight: target.weight,
            current: current.map(Current::from),
            gap: gap(target.level, current.map(|r| r.level)),
            stale: current.is_some_and(|r| is_stale(&r, settings)),
        }
    }

    pub fn current_level(&self) -> Option<u8> {
        self.current.map(|r| r.level)
    }
}

/// Readiness = sum(w * min(current, target) / target) / sum(w) over targeted skills.
/// `None` (undefined) when nothing is targeted.
pub fn readiness(skills: &[SkillStatus]) -> Option<f64> {
    readiness_formula(
        skills
            .iter()
            .map(|s| (s.target, s.weight, s.current_level())),
    )
}

/// `readiness` over (target, weight, current level) triples: the same formula for levels
/// that are not (yet) ratings, as of a past date (the trend) or after a training (the plan).
pub fn readiness_of_levels(levels: &[(u8, u8, Option<u8>)]) -> Option<f64> {
    readiness_formula(levels.iter().copied())
}

fn readiness_formula(levels: impl Iterator<Item = (u8, u8, Option<u8>)>) -> Option<f64> {
    let (num, den) = levels.filter(|&(target, _, _)| target >= 1).fold(
        (0.0, 0.0),
        |(num, den), (target, weight, current)| {
            let w = f64::from(weight);
            let cur = f64::from(current.unwrap_or(0).min(target));
            (num + w * cur / f64::from(target), den + w)
        },
    );
    (den > 0.0).then(|| num / den)
}

/// At target = share of targeted skills with current >= target. `None` when none targeted.
pub fn at_target(skills: &[SkillStatus]) -> Option<f64> {
    let targeted: Vec<_> = skills.iter().filter(|s| s.target >= 1).collect();
    if targeted.is_empty() {
        return None;
    }
    let met = targeted.iter().filter(|s| s.gap == 0).count();
    Some(met as f64 / targeted.len() as f64)
}

/// Everything the views show about one person's readiness.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonSummary {
    pub person_id: Id,
    pub skills: Vec<SkillStatus>,
    pub readiness: Option<f64>,
    pub at_target: Option<f64>,
    pub stale: usize,
    pub largest_gap: u8,
}

impl PersonSummary {
    /// `ratings_for(skill_id)` gives this person's ratings of that skill.
    pub fn build<'a>(
        person_id: Id,
        targets: &[Target],
        ratings_for: impl Fn(Id) -> &'a [Rating],
        settings: &Settings,
    ) -> Self {
        let skills: Vec<SkillStatus> = targets
            .iter()
            .map(|t| SkillStatus::build(*t, ratings_for(t.skill_id), settings))
            .collect();
        PersonSummary {
            person_id,
            readiness: readiness(&skills),
            at_target: at_target(&skills),
            stale: skills.iter().filter(|s| s.stale).count(),
            largest_gap: skills.iter().map(|s| s.gap).max().unwrap_or(0),
            skills,
        }
    }

    pub fn skill(&self, skill_id: Id) -> Option<&SkillStatus> {
        self.skills.iter().find(|s| s.skill_id == skill_id)
    }
}
