//! The readiness trend without the history: of each (person, skill), the current level as
//! of each trend date, worked out once as the history streams past. The trend needs nothing
//! else of the history (targets and members are today's), so this holds what a trend can
//! show in 20 bytes per (person, skill) where the history took 32 bytes per assessment:
//! at 100,000 people and 4.4 million assessments, about 28 MB instead of 140 MB, and no
//! sort of the whole history. The person of each row is in an index of where each person's
//! rows start, and skills are numbered within (a handful of skills, held once).

use super::compact::{Numbers, Starts};
use super::person::readiness_of_levels;
use super::trend::{AsOf, TrendPoint, source_index};
use crate::model::{Id, Rating, Source, Target};
use chrono::NaiveDate;

/// Trend dates held (`trend_dates` gives 13).
pub const MAX_DATES: usize = 13;
/// "Not assessed as of that date".
const NONE: u8 = u8::MAX;

#[derive(Debug, Clone, Copy, PartialEq)]
struct SkillLevels {
    /// Into `TrendLevels::skills`.
    skill: u32,
    /// The current level (by precedence) as of each date; `NONE` when not assessed yet.
    levels: [u8; MAX_DATES],
}

/// Each (person, skill)'s current level as of each of `dates`, by `precedence`: what
/// `current_as_of` gives over the full history, kept by person (ascending), then skill.
#[derive(Debug, Clone)]
pub struct TrendLevels {
    dates: Vec<NaiveDate>,
    precedence: Vec<Source>,
    /// Where each person's rows start in `rows`.
    people: Starts,
    rows: Vec<SkillLevels>,
    /// The skill ids the rows number.
    skills: Numbers,
}

/// Equal when they give the same levels of the same (person, skill) pairs (however skills
/// were numbered).
impl PartialEq for TrendLevels {
    fn eq(&self, other: &TrendLevels) -> bool {
        self.dates == other.dates
            && self.precedence == other.precedence
            && self.people.len() == other.people.len()
            && self.people.iter(self.rows.len()).all(|(p, _)| {
                let mine: Vec<_> = self.own(p).collect();
                mine == other.own(p).collect::<Vec<_>>()
            })
    }
}

impl TrendLevels {
    /// Nothing assessed yet. At most `MAX_DATES` dates, ascending.
    pub fn empty(precedence: &[Source], dates: &[NaiveDate]) -> TrendLevels {
        assert!(dates.len() <= MAX_DATES, "at most {MAX_DATES} trend dates");
        TrendLevels {
            dates: dates.to_vec(),
            precedence: precedence.to_vec(),
            people: Starts::default(),
            rows: Vec::new(),
            skills: Numbers::default(),
        }
    }

    /// From ratings in any order (tests, data held in memory).
    pub fn new(
        ratings: impl Into<Vec<Rating>>,
        precedence: &[Source],
        dates: &[NaiveDate],
    ) -> TrendLevels {
        let mut out = TrendLevels::empty(precedence, dates);
        let mut sorted = ratings.into();
        sorted.sort_unstable_by_key(|r| r.person_id);
        for own in sorted.chunk_by_mut(|a, b| a.person_id == b.person_id) {
            out.push_person(own);
        }
        out
    }

    pub fn dates(&self) -> &[NaiveDate] {
        &self.dates
    }

    /// (person, skill) pairs held.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Gives back what the rows hold beyond their length (once read).
    pub fn shrink_to_fit(&mut self) {
        self.rows.shrink_to_fit();
        self.people.shrink_to_fit();
    }

    /// One person's (skill id, levels), by skill id.
    fn own(&self, person_id: Id) -> impl Iterator<Item = (Id, &[u8; MAX_DATES])> {
        self.rows[self.people.range(person_id, self.rows.len())]
            .iter()
            .map(|r| (self.skills.id(r.skill), &r.levels))
    }

    /// Adds one person's whole history (any order; sorted here), for a person after every
    /// one added so far (as a history read in person order gives them); otherwise it
    /// replaces what was held of them (`set_person`).
    pub fn push_person(&mut self, own: &mut [Rating]) {
        let Some(person_id) = own.first().map(|r| r.person_id) else {
            return;
        };
        if self.people.last().is_some_and(|l| l >= person_id) {
            self.set_person(person_id, own.to_vec());
            return;
        }
        let rows = self.levels_of(own);
        // Grown by a quarter at a time: a vector doubled as it is read held up to twice the
        // rows (64 MB for 42 at 100,000 people); large blocks grow in place.
        if self.rows.len() + rows.len() > self.rows.capacity() {
            self.rows
                .reserve_exact((self.rows.len() / 4).max(rows.len()).max(1024));
        }
        self.people.push(person_id, self.rows.len());
        self.rows.extend(rows);
    }

    /// Replaces one person's levels (after their assessments changed) with those of `own`,
    /// their whole history.
    pub fn set_person(&mut self, person_id: Id, mut own: Vec<Rating>) {
        own.retain(|r| r.person_id == person_id);
        let was = self.people.range(person_id, self.rows.len());
        let rows = self.levels_of(&mut own);
        let added = rows.len();
        self.rows.splice(was.clone(), rows);
        self.people.replaced(person_id, was, added);
    }

    /// One walk per skill through its ratings (oldest first) as the dates advance: the last
    /// seen of each source is its latest as of the date (ties on a date: the higher id).
    fn levels_of(&mut self, own: &mut [Rating]) -> Vec<SkillLevels> {
        own.sort_unstable_by_key(|r| (r.skill_id, r.assessed_on, r.id));
        let numbers: Vec<u32> = own
            .chunk_by(|a, b| a.skill_id == b.skill_id)
            .map(|rs| self.skills.number(rs[0].skill_id))
            .collect();
        own.chunk_by(|a, b| a.skill_id == b.skill_id)
            .zip(numbers)
            .map(|(rs, skill)| {
                let mut levels = [NONE; MAX_DATES];
                let mut latest: [Option<u8>; 3] = [None; 3];
                let mut i = 0;
                for (d, &date) in self.dates.iter().enumerate() {
                    while i < rs.len() && rs[i].assessed_on <= date {
                        latest[source_index(rs[i].source)] = Some(rs[i].level);
                        i += 1;
                    }
                    let current = self
                        .precedence
                        .iter()
                        .find_map(|&s| latest[source_index(s)]);
                    levels[d] = current.unwrap_or(NONE);
                }
                SkillLevels { skill, levels }
            })
            .collect()
    }

    /// A person's readiness as of each date, for their `targets` (today's).
    pub fn person_points(&self, person_id: Id, targets: &[Target]) -> Vec<TrendPoint> {
        let own: Vec<(Id, &[u8; MAX_DATES])> = self.own(person_id).collect();
        let targeted: Vec<(&Target, Option<&[u8; MAX_DATES]>)> = targets
            .iter()
            .filter(|t| t.level >= 1)
            .map(|t| {
                let at = own.binary_search_by_key(&t.skill_id, |r| r.0).ok();
                (t, at.map(|i| own[i].1))
            })
            .collect();
        let mut levels = Vec::with_capacity(targeted.len());
        self.dates
            .iter()
            .enumerate()
            .map(|(d, &date)| {
                levels.clear();
                levels.extend(targeted.iter().map(|(t, row)| {
                    let current = row.map(|r| r[d]).filter(|&l| l != NONE);
                    (t.level, t.weight, current)
                }));
                TrendPoint {
                    date,
                    readiness: readiness_of_levels(&levels),
                }
            })
            .collect()
    }
}

impl AsOf for TrendLevels {
    fn person_points(
        &self,
        person_id: Id,
        targets: &[Target],
        precedence: &[Source],
        dates: &[NaiveDate],
    ) -> Vec<TrendPoint> {
        if precedence == self.precedence.as_slice() && dates == self.dates.as_slice() {
            return TrendLevels::person_points(self, person_id, targets);
        }
        // Asked of other dates or another precedence than it was made for: nothing held can
        // answer, and a wrong trend is worse than none.
        debug_assert!(
            false,
            "trend levels asked of dates or a precedence not theirs"
        );
        dates
            .iter()
            .map(|&date| TrendPoint {
                date,
                readiness: None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::trend::person_trend;
    use crate::metrics::trend_dates;

    /// Ratings of a few people over two years, with same-day ties and every source, from a
    /// small linear congruential generator (no dependency, the same every run).
    fn ratings(seed: u64) -> Vec<Rating> {
        let mut x = seed;
        let mut next = move |n: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % n
        };
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
        (0..600)
            .map(|id| Rating {
                id: id + 1,
                person_id: 1 + next(7) as Id,
                skill_id: 1 + next(5) as Id,
                level: next(6) as u8,
                source: [Source::SelfRated, Source::Manager, Source::Verified][next(3) as usize],
                assessed_on: start + chrono::Days::new(next(700)),
            })
            .collect()
    }

    #[test]
    fn the_levels_give_the_trend_the_whole_history_gives() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let dates = trend_dates(today);
        let targets: Vec<Target> = (1..=5)
            .map(|s| Target {
                skill_id: s,
                level: (s % 5) as u8 + 1,
                weight: (s % 3) as u8 + 1,
            })
            .chain([Target {
                skill_id: 9,
                level: 3,
                weight: 1,
            }])
            .collect();
        for seed in 1..20 {
            let all = ratings(seed);
            for precedence in [
                vec![Source::Verified, Source::Manager, Source::SelfRated],
                vec![Source::Manager, Source::SelfRated, Source::Verified],
            ] {
                let levels = TrendLevels::new(all.as_slice(), &precedence, &dates);
                for p in 1..=8 {
                    let own: Vec<Rating> =
                        all.iter().filter(|r| r.person_id == p).copied().collect();
                    let expected = person_trend(&targets, &own, &precedence, &dates);
                    assert_eq!(levels.person_points(p, &targets), expected, "seed {seed}");
                }
                // A person's history replaced gives what building from scratch gives.
                let mut changed = levels.clone();
                let mut own: Vec<Rating> =
                    all.iter().filter(|r| r.person_id == 3).copied().collect();
                own.truncate(own.len() / 2);
                changed.set_person(3, own.clone());
                let kept: Vec<Rating> = all
                    .iter()
                    .filter(|r| r.person_id != 3)
                    .copied()
                    .chain(own)
                    .collect();
                assert_eq!(
                    changed,
                    TrendLevels::new(kept.as_slice(), &precedence, &dates)
                );
                // People taken out, and added before, between and after the others.
                let mut changed = levels.clone();
                changed.set_person(2, Vec::new());
                changed.set_person(5, Vec::new());
                let moved = |from: Id, to: Id| -> Vec<Rating> {
                    all.iter()
                        .filter(|r| r.person_id == from)
                        .map(|r| Rating {
                            person_id: to,
                            ..*r
                        })
                        .collect()
                };
                changed.set_person(0, moved(4, 0));
                changed.set_person(2, moved(6, 2));
                changed.set_person(50, moved(1, 50));
                let kept: Vec<Rating> = all
                    .iter()
                    .filter(|r| r.person_id != 2 && r.person_id != 5)
                    .copied()
                    .chain(moved(4, 0))
                    .chain(moved(6, 2))
                    .chain(moved(1, 50))
                    .collect();
                let fresh = TrendLevels::new(kept.as_slice(), &precedence, &dates);
                assert_eq!(changed, fresh);
                for p in [0, 1, 2, 3, 4, 5, 6, 7, 50] {
                    assert_eq!(
                        changed.person_points(p, &targets),
                        fresh.person_points(p, &targets),
                        "seed {seed}, person {p}"
                    );
                }
            }
        }
    }
}
