//! Readiness over time: a person's or a team's readiness *as of* past dates, from the full
//! assessment history (targets, members and archived flags as they are today).

use super::person::readiness_of_levels;
use super::{Org, Settings};
use crate::model::{Id, Person, Rating, Source, Target};
use chrono::{Datelike, Months, NaiveDate};
use std::collections::HashMap;

/// Every assessment (as a `Rating`), sorted by person, skill, date and id, so that one
/// person's or one (person, skill)'s history is a slice found by binary search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RatingHistory {
    ratings: Vec<Rating>,
}

impl RatingHistory {
    pub fn new(mut ratings: Vec<Rating>) -> Self {
        let key = |r: &Rating| (r.person_id, r.skill_id, r.assessed_on, r.id);
        if !ratings.is_sorted_by_key(key) {
            ratings.sort_unstable_by_key(key);
        }
        RatingHistory { ratings }
    }

    pub fn len(&self) -> usize {
        self.ratings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ratings.is_empty()
    }

    pub fn all(&self) -> &[Rating] {
        &self.ratings
    }

    /// One person's history, by skill, oldest first within a skill.
    pub fn of_person(&self, person_id: Id) -> &[Rating] {
        let lo = self.ratings.partition_point(|r| r.person_id < person_id);
        let hi = self.ratings.partition_point(|r| r.person_id <= person_id);
        &self.ratings[lo..hi]
    }

    /// Replaces one person's history (after their assessments changed).
    pub fn set_person(&mut self, person_id: Id, ratings: Vec<Rating>) {
        let lo = self.ratings.partition_point(|r| r.person_id < person_id);
        let hi = self.ratings.partition_point(|r| r.person_id <= person_id);
        let mut ratings = ratings;
        ratings.retain(|r| r.person_id == person_id);
        ratings.sort_unstable_by_key(|r| (r.skill_id, r.assessed_on, r.id));
        self.ratings.splice(lo..hi, ratings);
    }
}

/// What a trend is worked out from: a person's readiness as of each date, for their targets
/// (today's). The full history (`RatingHistory`) answers any dates; `TrendLevels` holds only
/// what the dates it was made for need.
pub trait AsOf: Sync {
    fn person_points(
        &self,
        person_id: Id,
        targets: &[Target],
        precedence: &[Source],
        dates: &[NaiveDate],
    ) -> Vec<TrendPoint>;
}

impl AsOf for RatingHistory {
    fn person_points(
        &self,
        person_id: Id,
        targets: &[Target],
        precedence: &[Source],
        dates: &[NaiveDate],
    ) -> Vec<TrendPoint> {
        person_trend(targets, self.of_person(person_id), precedence, dates)
    }
}

/// One point of a trend: readiness as of `date` (`None`: undefined).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    pub date: NaiveDate,
    pub readiness: Option<f64>,
}

/// The 13 dates of a trend: the last day of each of the 12 calendar months before today's
/// month, oldest first, then today.
pub fn trend_dates(today: NaiveDate) -> Vec<NaiveDate> {
    let first = today.with_day(1).unwrap_or(today);
    let mut out: Vec<NaiveDate> = (0..12u32)
        .rev()
        .filter_map(|k| first.checked_sub_months(Months::new(k))?.pred_opt())
        .collect();
    out.push(today);
    out
}

/// The current level of one skill as of `date`: `current_rating` over the ratings dated on
/// or before it.
pub fn current_as_of(ratings: &[Rating], precedence: &[Source], date: NaiveDate) -> Option<Rating> {
    precedence.iter().find_map(|&source| {
        ratings
            .iter()
            .filter(|r| r.source == source && r.assessed_on <= date)
            .max_by_key(|r| (r.assessed_on, r.id))
            .copied()
    })
}

/// A person's readiness as of each date (`dates` ascending): `own` is their history (as
/// `RatingHistory::of_person` gives it: by skill, then date and id; other orders are sorted
/// first), `targets` their targets today.
pub fn person_trend(
    targets: &[Target],
    own: &[Rating],
    precedence: &[Source],
    dates: &[NaiveDate],
) -> Vec<TrendPoint> {
    let key = |r: &Rating| (r.skill_id, r.assessed_on, r.id);
    let sorted;
    let own = if own.is_sorted_by_key(key) {
        own
    } else {
        let mut v = own.to_vec();
        v.sort_unstable_by_key(key);
        sorted = v;
        &sorted
    };
    // levels[d][k]: (target, weight, level as of dates[d]) of the k-th targeted skill.
    let targeted: Vec<&Target> = targets.iter().filter(|t| t.level >= 1).collect();
    let mut levels = vec![Vec::with_capacity(targeted.len()); dates.len()];
    for t in &targeted {
        let lo = own.partition_point(|r| r.skill_id < t.skill_id);
        let hi = own.partition_point(|r| r.skill_id <= t.skill_id);
        let rs = &own[lo..hi];
        // One walk through the skill's ratings (oldest first) as the dates advance: the last
        // one seen of each source is its latest as of the date.
        let mut latest: [Option<u8>; 3] = [None; 3];
        let mut i = 0;
        for (d, &date) in dates.iter().enumerate() {
            while i < rs.len() && rs[i].assessed_on <= date {
                latest[source_index(rs[i].source)] = Some(rs[i].level);
                i += 1;
            }
            let current = precedence.iter().find_map(|&s| latest[source_index(s)]);
            levels[d].push((t.level, t.weight, current));
        }
    }
    dates
        .iter()
        .zip(levels)
        .map(|(&date, l)| TrendPoint {
            date,
            readiness: readiness_of_levels(&l),
        })
        .collect()
}

pub(super) fn source_index(s: Source) -> usize {
    match s {
        Source::SelfRated => 0,
        Source::Manager => 1,
        Source::Verified => 2,
    }
}

/// Team readiness as of each date (ascending): the mean of the members' readiness as of it
/// (members whose readiness is undefined left out), members being `members` (active today).
/// At L&D scale the members are split over the cores.
pub fn team_trend(
    org: &Org,
    history: &(impl AsOf + ?Sized),
    members: &[&Person],
    settings: &Settings,
    dates: &[NaiveDate],
) -> Vec<TrendPoint> {
    // Each member's points, computed apart (over the cores at L&D scale), then summed in the
    // members' order: the result does not depend on how the work was split. At most
    // `ROUND` members' points are held at once (at 100,000 members all of them took 30 MB).
    const ROUND: usize = 8_192;
    let points_of = |part: &[&Person]| -> Vec<Vec<TrendPoint>> {
        part.iter()
            .map(|p| {
                let targets = org.targets_of(p);
                history.person_points(p.id, &targets, &settings.precedence, dates)
            })
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut sums = vec![(0.0f64, 0usize); dates.len()];
    for round in members.chunks(ROUND) {
        let per_member: Vec<Vec<TrendPoint>> = if round.len() < 2_000 || threads < 2 {
            points_of(round)
        } else {
            let chunk = round.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let handles: Vec<_> = round
                    .chunks(chunk)
                    .map(|part| scope.spawn(move || points_of(part)))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        for points in per_member {
            for (acc, pt) in sums.iter_mut().zip(points) {
                if let Some(v) = pt.readiness {
                    acc.0 += v;
                    acc.1 += 1;
                }
            }
        }
    }
    dates
        .iter()
        .zip(sums)
        .map(|(&date, (sum, n))| TrendPoint {
            date,
            readiness: (n > 0).then(|| sum / n as f64),
        })
        .collect()
}

/// The trend of every team (sub-teams rolled up) and of everyone (`None`) in one pass over
/// the people: each active member's readiness as of each date, summed into their team and
/// every team above it. What `readiness_trend` gives team by team, for the cost of one.
pub fn all_trends(
    org: &Org,
    history: &(impl AsOf + ?Sized),
    settings: &Settings,
) -> HashMap<Option<Id>, Vec<TrendPoint>> {
    let dates = trend_dates(settings.today);
    let parent: HashMap<Id, Option<Id>> = org.teams.iter().map(|t| (t.id, t.parent_id)).collect();
    let mut sums: HashMap<Option<Id>, Vec<(f64, usize)>> = HashMap::new();
    sums.insert(None, vec![(0.0, 0); dates.len()]);
    for t in &org.teams {
        sums.insert(Some(t.id), vec![(0.0, 0); dates.len()]);
    }
    for p in org.people.iter().filter(|p| !p.archived) {
        let targets = org.targets_of(p);
        if targets.is_empty() {
            continue;
        }
        let points = history.person_points(p.id, &targets, &settings.precedence, &dates);
        // Everyone, the person's team and each team above it (a cycle stops at a repeat).
        let mut scopes = vec![None];
        let mut team = p.team_id.filter(|t| parent.contains_key(t));
        while let Some(t) = team {
            if scopes.contains(&Some(t)) {
                break;
            }
            scopes.push(Some(t));
            team = parent.get(&t).copied().flatten();
        }
        for scope in scopes {
            if let Some(acc) = sums.get_mut(&scope) {
                for (a, pt) in acc.iter_mut().zip(&points) {
                    if let Some(v) = pt.readiness {
                        a.0 += v;
                        a.1 += 1;
                    }
                }
            }
        }
    }
    sums.into_iter()
        .map(|(scope, acc)| {
            let points = dates
                .iter()
                .zip(acc)
                .map(|(&date, (sum, n))| TrendPoint {
                    date,
                    readiness: (n > 0).then(|| sum / n as f64),
                })
                .collect();
            (scope, points)
        })
        .collect()
}

/// The readiness trend of a team (`None`: everyone): 13 points, see `trend_dates`.
pub fn readiness_trend(
    org: &Org,
    history: &(impl AsOf + ?Sized),
    team_id: Option<Id>,
    settings: &Settings,
) -> Vec<TrendPoint> {
    let members = org.members(team_id);
    team_trend(
        org,
        history,
        &members,
        settings,
        &trend_dates(settings.today),
    )
}
