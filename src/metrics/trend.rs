//! Readiness over time: a person's or a team's readiness *as of* past dates, from the full
//! assessment history (targets, members and archived flags as they are today).

use super::person::readiness_of_levels;
use super::{Org, Settings};
use crate::model::{Id, Person, Rating, Source, Target};
use chrono::{Datelike, Months, NaiveDate};

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

/// A person's readiness as of each date: `own` is their history (any order of skills, as
/// `RatingHistory::of_person` gives it), `targets` their targets today.
pub fn person_trend(
    targets: &[Target],
    own: &[Rating],
    precedence: &[Source],
    dates: &[NaiveDate],
) -> Vec<TrendPoint> {
    // Per targeted skill, its ratings; then per date the level as of it.
    let per_skill: Vec<(Target, Vec<Rating>)> = targets
        .iter()
        .filter(|t| t.level >= 1)
        .map(|t| {
            let rs: Vec<Rating> = own
                .iter()
                .filter(|r| r.skill_id == t.skill_id)
                .copied()
                .collect();
            (*t, rs)
        })
        .collect();
    let mut levels: Vec<(u8, u8, Option<u8>)> = Vec::with_capacity(per_skill.len());
    dates
        .iter()
        .map(|&date| {
            levels.clear();
            levels.extend(per_skill.iter().map(|(t, rs)| {
                let cur = current_as_of(rs, precedence, date).map(|r| r.level);
                (t.level, t.weight, cur)
            }));
            TrendPoint {
                date,
                readiness: readiness_of_levels(&levels),
            }
        })
        .collect()
}

/// Team readiness as of each date: the mean of the members' readiness as of it (members
/// whose readiness is undefined left out), members being `members` (active today).
pub fn team_trend(
    org: &Org,
    history: &RatingHistory,
    members: &[&Person],
    settings: &Settings,
    dates: &[NaiveDate],
) -> Vec<TrendPoint> {
    let mut sums = vec![(0.0f64, 0usize); dates.len()];
    for p in members {
        let targets = org.targets_of(p);
        if targets.is_empty() {
            continue;
        }
        let points = person_trend(
            &targets,
            history.of_person(p.id),
            &settings.precedence,
            dates,
        );
        for (acc, pt) in sums.iter_mut().zip(points) {
            if let Some(v) = pt.readiness {
                acc.0 += v;
                acc.1 += 1;
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

/// The readiness trend of a team (`None`: everyone): 13 points, see `trend_dates`.
pub fn readiness_trend(
    org: &Org,
    history: &RatingHistory,
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
