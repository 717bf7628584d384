//! Training metrics: the offer funnel, verified improvement, and recommendations.

use super::person::SkillStatus;
use crate::model::{Id, Offer, OfferStatus, Rating, Source, Training};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Overdue: the offer is still open (offered or enrolled), has a due date, and that date is
/// before today (an offer due today is not overdue yet).
pub fn is_overdue(offer: &Offer, today: NaiveDate) -> bool {
    matches!(offer.status, OfferStatus::Offered | OfferStatus::Enrolled)
        && offer.due_on.is_some_and(|due| due < today)
}

/// The overdue offers among `offers` of the given people (any order in, most overdue first
/// out: by due date, then person id, then offer id).
pub fn overdue_offers<'a>(
    offers: &'a [Offer],
    people: &HashSet<Id>,
    today: NaiveDate,
) -> Vec<&'a Offer> {
    let mut out: Vec<&Offer> = offers
        .iter()
        .filter(|o| people.contains(&o.person_id) && is_overdue(o, today))
        .collect();
    out.sort_by_key(|o| (o.due_on, o.person_id, o.id));
    out
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Funnel {
    pub offered: usize,
    pub enrolled: usize,
    pub completed: usize,
    pub declined: usize,
    /// Completed offers followed by a verified rise in a skill the training develops.
    pub verified_improvement: usize,
}

impl Funnel {
    pub fn total(&self) -> usize {
        self.offered + self.enrolled + self.completed + self.declined
    }
}

/// Counts offers by status, and the completed ones that show a verified improvement:
/// for some skill the training develops, a verified rating dated after completed_on is
/// higher than the latest verified rating on or before completed_on. `verified` must hold
/// the verified ratings of (at least) the people with completed offers.
pub fn funnel(offers: &[&Offer], trainings: &[Training], verified: &[Rating]) -> Funnel {
    let mut f = Funnel::default();
    let develops: HashMap<Id, &[(Id, u8)]> = trainings
        .iter()
        .map(|t| (t.id, t.develops.as_slice()))
        .collect();
    let mut by_person: HashMap<Id, Vec<&Rating>> = HashMap::new();
    for r in verified.iter().filter(|r| r.source == Source::Verified) {
        by_person.entry(r.person_id).or_default().push(r);
    }
    for o in offers {
        match o.status {
            OfferStatus::Offered => f.offered += 1,
            OfferStatus::Enrolled => f.enrolled += 1,
            OfferStatus::Declined => f.declined += 1,
            OfferStatus::Completed => {
                f.completed += 1;
                let skills = develops.get(&o.training_id).copied().unwrap_or_default();
                let ratings = by_person
                    .get(&o.person_id)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                if let Some(done) = o.completed_on
                    && skills
                        .iter()
                        .any(|&(skill, _)| improved_after(ratings, skill, done))
                {
                    f.verified_improvement += 1;
                }
            }
        }
    }
    f
}

fn improved_after(ratings: &[&Rating], skill: Id, done: NaiveDate) -> bool {
    let of_skill = ratings.iter().filter(|r| r.skill_id == skill);
    let before = of_skill
        .clone()
        .filter(|r| r.assessed_on <= done)
        .max_by_key(|r| (r.assessed_on, r.id));
    match before {
        Some(b) => of_skill
            .filter(|r| r.assessed_on > done)
            .any(|r| r.level > b.level),
        None => false,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub skill_id: Id,
    pub training_id: Id,
    /// The level the training brings a learner to in this skill.
    pub level: u8,
}

/// For each skill with a gap: trainings that develop it to a level above the current one.
/// Those that bring the person to at most the target come first (highest level first), then
/// those beyond the target (lowest level first, the nearest overshoot). A training the person
/// has any offer of (offered, enrolled, completed or declined) is never recommended: an offer
/// in flight is shown as such. Ties are ordered by training title.
pub fn recommendations(
    skills: &[SkillStatus],
    trainings: &[Training],
    person_offers: &[&Offer],
) -> Vec<Recommendation> {
    let excluded = |tid: Id| person_offers.iter().any(|o| o.training_id == tid);
    let mut out = Vec::new();
    for s in skills.iter().filter(|s| s.gap > 0) {
        let current = s.current_level().unwrap_or(0);
        let mut fits: Vec<(&Training, u8)> = trainings
            .iter()
            .filter(|t| !excluded(t.id))
            .filter_map(|t| {
                let (_, lvl) = t.develops.iter().find(|(k, _)| *k == s.skill_id)?;
                (*lvl > current).then_some((t, *lvl))
            })
            .collect();
        fits.sort_by(|(ta, la), (tb, lb)| {
            let (a_within, b_within) = (*la <= s.target, *lb <= s.target);
            b_within
                .cmp(&a_within)
                .then(if a_within { lb.cmp(la) } else { la.cmp(lb) })
                .then(ta.title.cmp(&tb.title))
        });
        out.extend(fits.into_iter().map(|(t, level)| Recommendation {
            skill_id: s.skill_id,
            training_id: t.id,
            level,
        }));
    }
    out
}
