//! Where ratings run ahead of verified results: self-vs-verified pairs (overestimation) and
//! manager-vs-verified pairs (manager drift), per skill and per assessor.

use super::person::{Current, latest_of_source};
use crate::model::{Id, Rating, Source};
use std::borrow::Borrow;
use std::collections::HashMap;

/// One person's latest rating of a skill from one source (`rated`: self or manager), beside
/// their latest verified rating of the same skill. 40 bytes: a team of 100,000 has about
/// 600,000 pairs of each kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub person_id: Id,
    pub skill_id: Id,
    /// The assessment of the rated level (its assessor is the manager's drift).
    pub rated_id: Id,
    pub rated: Current,
    pub verified: Current,
}

impl Pair {
    /// Rated level minus verified level: positive when the rating runs ahead.
    pub fn gap(&self) -> i32 {
        i32::from(self.rated.level) - i32::from(self.verified.level)
    }
}

/// The pairs of one person's ratings (sorted by skill, as `Org::ratings_of_person` gives
/// them): one per skill with both a `source` rating and a verified one, by skill id.
/// `Source::SelfRated` gives the perception gaps, `Source::Manager` the drift.
pub fn pairs_of(own: &[Rating], source: Source) -> Vec<Pair> {
    own.chunk_by(|a, b| a.skill_id == b.skill_id)
        .filter_map(|rs| {
            let rated = latest_of_source(rs, source)?;
            let verified = latest_of_source(rs, Source::Verified)?;
            Some(Pair {
                person_id: rated.person_id,
                skill_id: rated.skill_id,
                rated_id: rated.id,
                rated: rated.into(),
                verified: verified.into(),
            })
        })
        .collect()
}

/// How many pairs and their mean gap (`None` when there are none).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairStats {
    pub pairs: usize,
    pub mean: Option<f64>,
}

/// The mean gap over pairs: overestimation for self pairs, manager drift for manager pairs.
/// Any iterator of pairs: an organisation's need not be held at once.
pub fn pair_stats<P: Borrow<Pair>>(pairs: impl IntoIterator<Item = P>) -> PairStats {
    let (sum, n) = pairs.into_iter().fold((0i64, 0usize), |(sum, n), p| {
        (sum + i64::from(p.borrow().gap()), n + 1)
    });
    PairStats {
        pairs: n,
        mean: (n > 0).then(|| sum as f64 / n as f64),
    }
}

/// Overestimation of one skill across a team: the mean gap of its pairs, and who rates
/// themselves two or more levels above their verified result.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillPerception {
    pub skill_id: Id,
    pub pairs: usize,
    pub overestimation: f64,
    /// Person ids with a gap of 2 or more, largest gap first (then person id).
    pub two_or_more: Vec<Id>,
}

/// Per skill with at least one pair: the mean gap, most overestimated first (then more
/// pairs, then skill id). Works for manager pairs as well (drift per skill).
pub fn by_skill<P: Borrow<Pair>>(pairs: impl IntoIterator<Item = P>) -> Vec<SkillPerception> {
    // Per skill: sum of gaps, pairs, and (gap, person) of those two or more above.
    type Acc = (i64, usize, Vec<(i32, Id)>);
    let mut acc: HashMap<Id, Acc> = HashMap::new();
    for p in pairs {
        let p = p.borrow();
        let e = acc.entry(p.skill_id).or_default();
        e.0 += i64::from(p.gap());
        e.1 += 1;
        if p.gap() >= 2 {
            e.2.push((p.gap(), p.person_id));
        }
    }
    let mut out: Vec<SkillPerception> = acc
        .into_iter()
        .map(|(skill_id, (sum, n, mut high))| {
            high.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            SkillPerception {
                skill_id,
                pairs: n,
                overestimation: sum as f64 / n as f64,
                two_or_more: high.into_iter().map(|(_, id)| id).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.overestimation
            .total_cmp(&a.overestimation)
            .then(b.pairs.cmp(&a.pairs))
            .then(a.skill_id.cmp(&b.skill_id))
    });
    out
}

/// Drift of one assessor: the mean gap of the manager pairs whose manager rating they gave.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessorDrift {
    /// `None` for manager ratings recorded without an assessor.
    pub assessor: Option<String>,
    pub pairs: usize,
    pub drift: f64,
}

/// Manager drift per assessor. `assessor_of` gives the assessor of an assessment by id (the
/// `rated` rating of each pair). Furthest from verified first (by absolute drift), then more
/// pairs, then name (unnamed last).
pub fn drift_by_assessor<'a>(
    pairs: &[Pair],
    assessor_of: impl Fn(Id) -> Option<&'a str>,
) -> Vec<AssessorDrift> {
    let mut acc: HashMap<Option<&str>, (i64, usize)> = HashMap::new();
    for p in pairs {
        let e = acc.entry(assessor_of(p.rated_id)).or_default();
        e.0 += i64::from(p.gap());
        e.1 += 1;
    }
    let mut out: Vec<AssessorDrift> = acc
        .into_iter()
        .map(|(name, (sum, n))| AssessorDrift {
            assessor: name.map(str::to_string),
            pairs: n,
            drift: sum as f64 / n as f64,
        })
        .collect();
    out.sort_by(|a, b| {
        b.drift
            .abs()
            .total_cmp(&a.drift.abs())
            .then(b.pairs.cmp(&a.pairs))
            .then_with(|| match (&a.assessor, &b.assessor) {
                (Some(x), Some(y)) => x.cmp(y),
                (x, y) => y.is_some().cmp(&x.is_some()),
            })
    });
    out
}
