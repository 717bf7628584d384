//! What training would buy: the readiness a training brings a person, and the greedy what-if
//! plan for a team and a budget of training hours (SPEC "Plan (what-if)").

use super::person::{SkillStatus, readiness_of_levels};
use super::training::recommendations;
use super::{Analysis, Org, mean_defined};
use crate::model::{Id, Offer, Person, Training};
use std::cmp::Ordering;
use std::collections::HashMap;

/// The budget when none is given.
pub const DEFAULT_BUDGET_HOURS: f64 = 40.0;

/// Gains closer than this are equal (sums of fractions differ in the last bits).
const EPS: f64 = 1e-9;

/// A training's hours for the plan: its hours, or 1 when it has none (or none above 0).
pub fn training_hours(t: &Training) -> f64 {
    t.hours.filter(|h| *h > 0.0).unwrap_or(1.0)
}

/// (target, weight, level) of each targeted skill, by skill id.
type Levels = Vec<(Id, u8, u8, Option<u8>)>;

fn levels_of(skills: &[SkillStatus]) -> Levels {
    skills
        .iter()
        .filter(|s| s.target >= 1)
        .map(|s| (s.skill_id, s.target, s.weight, s.current_level()))
        .collect()
}

fn readiness_of(levels: &Levels) -> Option<f64> {
    let triples: Vec<(u8, u8, Option<u8>)> = levels.iter().map(|l| (l.1, l.2, l.3)).collect();
    readiness_of_levels(&triples)
}

/// Taking a training: every skill it develops is at least the level it brings.
fn apply(levels: &mut Levels, t: &Training) {
    for l in levels.iter_mut() {
        if let Some(&(_, to)) = t.develops.iter().find(|(s, _)| *s == l.0) {
            l.3 = Some(l.3.map_or(to, |cur| cur.max(to)));
        }
    }
}

/// A person's readiness after taking `training` (skills as `PersonSummary::skills`).
pub fn readiness_with(skills: &[SkillStatus], training: &Training) -> Option<f64> {
    let mut levels = levels_of(skills);
    apply(&mut levels, training);
    readiness_of(&levels)
}

/// One pick of the plan, in the order taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub person_id: Id,
    pub training_id: Id,
    /// As the plan counts them (`training_hours`).
    pub hours: f64,
    /// The person's readiness before this pick (after earlier picks of theirs) and after.
    pub readiness_before: f64,
    pub readiness_after: f64,
}

impl Pick {
    pub fn gain(&self) -> f64 {
        self.readiness_after - self.readiness_before
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub budget_hours: f64,
    pub used_hours: f64,
    /// Team readiness now, and with every pick applied.
    pub readiness_now: Option<f64>,
    pub readiness_projected: Option<f64>,
    pub picks: Vec<Pick>,
}

struct Member<'a> {
    person: &'a Person,
    levels: Levels,
    readiness: Option<f64>,
}

struct Candidate<'a> {
    member: usize,
    training: &'a Training,
    hours: f64,
    gain: f64,
    taken: bool,
}

/// The greedy plan for `members` (active people in scope) with `budget_hours`: candidates are
/// (member, training) where the training is among the member's recommendations; repeatedly
/// take the one with the highest gain per hour (ties: higher gain, then person name, then
/// training title) among those with a gain above 0 that fit the hours left, apply it to the
/// member, and stop when none fits.
pub fn plan(org: &Org, analysis: &Analysis, members: &[&Person], budget_hours: f64) -> Plan {
    let mut offers_of: HashMap<Id, Vec<&Offer>> = HashMap::new();
    for o in &org.offers {
        offers_of.entry(o.person_id).or_default().push(o);
    }
    let by_id: HashMap<Id, &Training> = org.trainings.iter().map(|t| (t.id, t)).collect();
    let mut people: Vec<Member> = Vec::with_capacity(members.len());
    let mut candidates: Vec<Candidate> = Vec::new();
    for &p in members {
        let Some(summary) = analysis.person(p.id) else {
            continue;
        };
        let levels = levels_of(&summary.skills);
        let member = Member {
            person: p,
            readiness: readiness_of(&levels),
            levels,
        };
        let offers = offers_of.get(&p.id).map(Vec::as_slice).unwrap_or_default();
        let mut seen: Vec<Id> = Vec::new();
        for r in recommendations(&summary.skills, &org.trainings, offers) {
            if seen.contains(&r.training_id) {
                continue;
            }
            seen.push(r.training_id);
            let Some(&t) = by_id.get(&r.training_id) else {
                continue;
            };
            candidates.push(Candidate {
                member: people.len(),
                training: t,
                hours: training_hours(t),
                gain: gain(&member, t),
                taken: false,
            });
        }
        people.push(member);
    }
    let readiness_now = mean_defined(people.iter().map(|m| m.readiness));
    let mut used = 0.0;
    let mut picks = Vec::new();
    loop {
        let left = budget_hours - used;
        let mut best: Option<usize> = None;
        for (i, c) in candidates.iter().enumerate() {
            if c.taken || c.gain <= EPS || c.hours > left + EPS {
                continue;
            }
            let better = match best {
                None => true,
                Some(b) => better(c, &candidates[b], &people) == Ordering::Greater,
            };
            if better {
                best = Some(i);
            }
        }
        let Some(b) = best else { break };
        let (m, t, hours) = {
            let c = &mut candidates[b];
            c.taken = true;
            (c.member, c.training, c.hours)
        };
        let member = &mut people[m];
        let before = member.readiness.unwrap_or(0.0);
        apply(&mut member.levels, t);
        member.readiness = readiness_of(&member.levels);
        used += hours;
        picks.push(Pick {
            person_id: member.person.id,
            training_id: t.id,
            hours,
            readiness_before: before,
            readiness_after: member.readiness.unwrap_or(0.0),
        });
        // Later candidates of this person are judged on their new levels.
        for c in candidates.iter_mut().filter(|c| c.member == m && !c.taken) {
            c.gain = gain(&people[m], c.training);
        }
    }
    Plan {
        budget_hours,
        used_hours: used,
        readiness_now,
        readiness_projected: mean_defined(people.iter().map(|m| m.readiness)),
        picks,
    }
}

fn gain(m: &Member, t: &Training) -> f64 {
    let mut levels = m.levels.clone();
    apply(&mut levels, t);
    match (readiness_of(&levels), m.readiness) {
        (Some(after), Some(before)) => after - before,
        _ => 0.0,
    }
}

/// Greater when `a` should be taken before `b`.
fn better(a: &Candidate, b: &Candidate, people: &[Member]) -> Ordering {
    let near = |x: f64, y: f64| {
        if (x - y).abs() <= EPS {
            Ordering::Equal
        } else {
            x.total_cmp(&y)
        }
    };
    near(a.gain / a.hours, b.gain / b.hours)
        .then_with(|| near(a.gain, b.gain))
        .then_with(|| {
            people[b.member]
                .person
                .name
                .cmp(&people[a.member].person.name)
        })
        .then_with(|| b.training.title.cmp(&a.training.title))
        .then_with(|| people[b.member].person.id.cmp(&people[a.member].person.id))
}
