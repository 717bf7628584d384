//! Team metrics: membership with sub-teams, perception gap, coverage, skill gaps.

use super::person::{PersonSummary, latest_of_source};
use super::training::is_overdue;
use super::{Settings, mean_defined};
use crate::model::{Id, Offer, Person, Rating, Skill, Source, Team};
use std::collections::{HashMap, HashSet};

/// The ids of `team_id` and all its sub-teams, at any depth (cycles are tolerated).
pub fn team_and_descendants(teams: &[Team], team_id: Id) -> HashSet<Id> {
    let mut children: HashMap<Id, Vec<Id>> = HashMap::new();
    for t in teams {
        if let Some(p) = t.parent_id {
            children.entry(p).or_default().push(t.id);
        }
    }
    let mut seen = HashSet::from([team_id]);
    let mut stack = vec![team_id];
    while let Some(id) = stack.pop() {
        for &c in children.get(&id).map(Vec::as_slice).unwrap_or_default() {
            if seen.insert(c) {
                stack.push(c);
            }
        }
    }
    seen
}

/// Active (not archived) members of a team, sub-teams included; `None` means everyone.
pub fn team_members<'a>(
    teams: &[Team],
    people: &'a [Person],
    team_id: Option<Id>,
) -> Vec<&'a Person> {
    member_indexes(teams, people, team_id)
        .into_iter()
        .map(|i| &people[i])
        .collect()
}

/// Where the members of `team_members` are in `people`, in order.
pub fn member_indexes(teams: &[Team], people: &[Person], team_id: Option<Id>) -> Vec<usize> {
    let scope = team_id.map(|id| team_and_descendants(teams, id));
    people
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.archived)
        .filter(|(_, p)| match &scope {
            None => true,
            Some(ids) => p.team_id.is_some_and(|t| ids.contains(&t)),
        })
        .map(|(i, _)| i)
        .collect()
}

/// Perception gap of one person and skill = latest self level - latest verified level,
/// when both exist. Positive: the person rates themselves above the verified result.
pub fn perception_gap(ratings: &[Rating]) -> Option<i32> {
    let own = latest_of_source(ratings, Source::SelfRated)?;
    let verified = latest_of_source(ratings, Source::Verified)?;
    Some(i32::from(own.level) - i32::from(verified.level))
}

/// Training coverage = share of members with at least one offer whose offered_on lies within
/// the last 365 days (today - 365 ..= today). `None` when there are no members.
pub fn training_coverage(
    members: &[&Person],
    offers: &[Offer],
    settings: &Settings,
) -> Option<f64> {
    if members.is_empty() {
        return None;
    }
    let recent: HashSet<Id> = offers
        .iter()
        .filter(|o| offered_recently(o, settings))
        .map(|o| o.person_id)
        .collect();
    let covered = members.iter().filter(|p| recent.contains(&p.id)).count();
    Some(covered as f64 / members.len() as f64)
}

pub fn offered_recently(offer: &Offer, settings: &Settings) -> bool {
    let age = (settings.today - offer.offered_on).num_days();
    (0..=365).contains(&age)
}

/// Per skill across a team: members targeted, members below target, mean gap over targeted,
/// and the levels missing across the team (the sum of the gaps).
#[derive(Debug, Clone, PartialEq)]
pub struct SkillGap {
    pub skill_id: Id,
    pub targeted: usize,
    pub below_target: usize,
    pub mean_gap: f64,
    pub levels_missing: u64,
}

impl SkillGap {
    /// Members targeted whose current level is at or above their target.
    pub fn at_target(&self) -> usize {
        self.targeted - self.below_target
    }

    /// A single point of failure: two or more members have the skill targeted and exactly
    /// one of them is at target.
    pub fn single_point(&self) -> bool {
        self.targeted >= 2 && self.at_target() == 1
    }
}

/// The one skill gap order (SPEC "Skill gap order"): levels missing across the scope
/// descending, then mean gap descending, then skill name (case-insensitive, then exact), then
/// id. Every list of skill gaps (Team screen, Skills screen, report, exports) uses it.
pub fn sort_skill_gaps(gaps: &mut [SkillGap], skills: &[Skill]) {
    let names: HashMap<Id, (String, &str)> = skills
        .iter()
        .map(|s| (s.id, (s.name.to_lowercase(), s.name.as_str())))
        .collect();
    let name = |id: Id| names.get(&id).map(|(l, n)| (l.as_str(), *n));
    gaps.sort_by(|a, b| {
        b.levels_missing
            .cmp(&a.levels_missing)
            .then(b.mean_gap.total_cmp(&a.mean_gap))
            .then_with(|| name(a.skill_id).cmp(&name(b.skill_id)))
            .then(a.skill_id.cmp(&b.skill_id))
    });
}

pub fn skill_gaps<'a>(summaries: impl IntoIterator<Item = &'a PersonSummary>) -> Vec<SkillGap> {
    // A few dozen skills, counted for every targeted skill of every member: a small sorted
    // list searched by id is cheaper than hashing each time. The order of the result is the
    // sort below.
    let mut acc: Vec<(Id, (usize, usize, u64))> = Vec::new();
    for p in summaries {
        for s in &p.skills {
            let at = match acc.binary_search_by_key(&s.skill_id, |&(id, _)| id) {
                Ok(at) => at,
                Err(at) => {
                    acc.insert(at, (s.skill_id, (0, 0, 0)));
                    at
                }
            };
            let e = &mut acc[at].1;
            e.0 += 1;
            e.1 += usize::from(s.gap > 0);
            e.2 += u64::from(s.gap);
        }
    }
    let mut gaps: Vec<SkillGap> = acc
        .into_iter()
        .map(|(skill_id, (targeted, below_target, sum))| SkillGap {
            skill_id,
            targeted,
            below_target,
            mean_gap: sum as f64 / targeted as f64,
            levels_missing: sum,
        })
        .collect();
    // The skill gap order without names (they are not known here): see `sort_skill_gaps`,
    // which `Analysis::team_summary` applies.
    gaps.sort_by(|a, b| {
        b.levels_missing
            .cmp(&a.levels_missing)
            .then(b.mean_gap.total_cmp(&a.mean_gap))
            .then(a.skill_id.cmp(&b.skill_id))
    });
    gaps
}

/// The headline figures of a team (or of everyone).
#[derive(Debug, Clone, PartialEq)]
pub struct TeamSummary {
    /// Active members, sub-teams included.
    pub people: usize,
    /// Mean readiness of members whose readiness is defined.
    pub readiness: Option<f64>,
    /// Mean at-target share of members with targeted skills.
    pub at_target: Option<f64>,
    pub training_coverage: Option<f64>,
    /// Mean perception gap over all (member, skill) pairs with both self and verified.
    pub overestimation: Option<f64>,
    /// Perception pairs counted in `overestimation`.
    pub perception_pairs: usize,
    /// Targeted skills of members whose current rating is stale.
    pub stale: usize,
    /// Overdue offers of the members (see `is_overdue`).
    pub overdue_offers: usize,
    /// In the skill gap order once `Analysis::team_summary` (or `sort_skill_gaps`) ordered
    /// them by name too.
    pub skill_gaps: Vec<SkillGap>,
}

impl TeamSummary {
    pub fn build(
        members: &[&Person],
        summaries: &[&PersonSummary],
        perception: &[i32],
        offers: &[Offer],
        settings: &Settings,
    ) -> Self {
        TeamSummary {
            people: members.len(),
            readiness: mean_defined(summaries.iter().map(|s| s.readiness)),
            at_target: mean_defined(summaries.iter().map(|s| s.at_target)),
            training_coverage: training_coverage(members, offers, settings),
            overestimation: mean_defined(perception.iter().map(|&g| Some(f64::from(g)))),
            perception_pairs: perception.len(),
            stale: summaries.iter().map(|s| s.stale).sum(),
            overdue_offers: {
                let ids: HashSet<Id> = members.iter().map(|p| p.id).collect();
                offers
                    .iter()
                    .filter(|o| ids.contains(&o.person_id) && is_overdue(o, settings.today))
                    .count()
            },
            skill_gaps: skill_gaps(summaries.iter().copied()),
        }
    }
}
