//! The seam between the TUI and issue 10's metrics: each function here hands a screen the
//! figures it shows, computed by `metrics` (one definition for the app, report and exports).

use super::data::Data;
use super::screens::perception::Drift;
use crate::model::{Id, Offer, OfferStatus};
use chrono::NaiveDate;

/// Overdue: offered or enrolled, with a due date before today.
// TEMP(perc-core): switch to the metrics function when it lands.
pub fn is_overdue(o: &Offer, today: NaiveDate) -> bool {
    matches!(o.status, OfferStatus::Offered | OfferStatus::Enrolled)
        && o.due_on.is_some_and(|d| d < today)
}

/// Per skill: (skill, overestimation, pairs) over the team's active members.
// TEMP(perc-core): switch to the metrics function when it lands.
pub fn skill_overestimation(data: &Data, team: Option<Id>) -> Vec<(Id, f64, usize)> {
    let mut acc: std::collections::BTreeMap<Id, (i64, usize)> = Default::default();
    for p in data.org.members(team) {
        for (skill, g) in data.analysis.perception_of(&data.org, p.id) {
            let e = acc.entry(skill).or_default();
            e.0 += i64::from(g);
            e.1 += 1;
        }
    }
    acc.into_iter()
        .map(|(s, (sum, n))| (s, sum as f64 / n as f64, n))
        .collect()
}

/// Manager drift of the team, and per assessor.
// TEMP(perc-core): switch to the metrics function when it lands.
pub fn manager_drift(data: &Data, team: Option<Id>) -> (Option<Drift>, Vec<Drift>) {
    use crate::metrics::latest_of_source;
    use crate::model::Source;
    let (mut sum, mut n) = (0i64, 0usize);
    for p in data.org.members(team) {
        for rs in data
            .org
            .ratings_of_person(p.id)
            .chunk_by(|a, b| a.skill_id == b.skill_id)
        {
            if let (Some(m), Some(v)) = (
                latest_of_source(rs, Source::Manager),
                latest_of_source(rs, Source::Verified),
            ) {
                sum += i64::from(m.level) - i64::from(v.level);
                n += 1;
            }
        }
    }
    let team = (n > 0).then(|| Drift {
        who: "Team".into(),
        drift: sum as f64 / n as f64,
        pairs: n,
    });
    (team, Vec::new())
}

/// One skill of a team, as the Team and Skills screens list it.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillDepth {
    pub skill_id: Id,
    pub targeted: usize,
    pub below_target: usize,
    pub mean_gap: f64,
    /// Levels missing across the team: the sum of gaps over members targeted.
    pub missing: u64,
    /// Members targeted whose current level is at or above target.
    pub at_target: usize,
    /// Two or more members targeted and exactly one at target.
    pub single_point: bool,
}

/// The team's skill gaps in the one skill-gap order.
// TEMP(perc-core): switch to the metrics function when it lands.
pub fn skill_depth(data: &Data, team: Option<Id>) -> Vec<SkillDepth> {
    let summary = data.analysis.team_summary(&data.org, team);
    let members: Vec<Id> = data.org.members(team).iter().map(|p| p.id).collect();
    let mut out: Vec<SkillDepth> = summary
        .skill_gaps
        .iter()
        .map(|g| {
            let at_target = members
                .iter()
                .filter_map(|&p| data.analysis.person(p)?.skill(g.skill_id))
                .filter(|s| s.gap == 0)
                .count();
            SkillDepth {
                skill_id: g.skill_id,
                targeted: g.targeted,
                below_target: g.below_target,
                mean_gap: g.mean_gap,
                missing: (g.mean_gap * g.targeted as f64).round() as u64,
                at_target,
                single_point: g.targeted >= 2 && at_target == 1,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.missing
            .cmp(&a.missing)
            .then(b.mean_gap.total_cmp(&a.mean_gap))
            .then_with(|| {
                data.skill_name(a.skill_id)
                    .cmp(&data.skill_name(b.skill_id))
            })
    });
    out
}

/// The 13 trend dates: the last day of each of the 12 months before today's month, then
/// today.
// TEMP(perc-core): switch to the metrics function when it lands.
pub fn trend_dates(today: NaiveDate) -> Vec<NaiveDate> {
    use chrono::{Datelike, Months};
    let first = today.with_day(1).unwrap_or(today);
    let mut dates: Vec<NaiveDate> = (1..=12)
        .rev()
        .filter_map(|k| {
            first
                .checked_sub_months(Months::new(k - 1))
                .and_then(|d| d.pred_opt())
        })
        .collect();
    dates.push(today);
    dates
}

/// A person's readiness as of `date`, from their ratings (any order).
// TEMP(perc-core): switch to the metrics function when it lands.
fn readiness_as_of(
    data: &Data,
    p: &crate::model::Person,
    ratings: &[crate::model::Rating],
    date: NaiveDate,
) -> Option<f64> {
    let targets = data.org.targets_of(p);
    let settings = crate::metrics::Settings {
        today: date,
        ..data.analysis.settings.clone()
    };
    let mut upto: Vec<crate::model::Rating> = ratings
        .iter()
        .filter(|r| r.assessed_on <= date)
        .copied()
        .collect();
    upto.sort_by_key(|r| (r.skill_id, r.id));
    let s = crate::metrics::PersonSummary::build(
        p.id,
        &targets,
        |k| {
            let lo = upto.partition_point(|r| r.skill_id < k);
            let hi = upto.partition_point(|r| r.skill_id <= k);
            &upto[lo..hi]
        },
        &settings,
    );
    s.readiness
}

/// The readiness trend of a team: 13 points (see `trend_dates`).
// TEMP(perc-core): switch to the metrics function when it lands (it reads the history).
pub fn trend(data: &Data, team: Option<Id>) -> Vec<(NaiveDate, Option<f64>)> {
    let members = data.org.members(team);
    trend_dates(data.today)
        .into_iter()
        .map(|d| {
            let v = crate::metrics::mean_defined(
                members
                    .iter()
                    .map(|p| readiness_as_of(data, p, data.org.ratings_of_person(p.id), d)),
            );
            (d, v)
        })
        .collect()
}

/// One person's readiness at each trend date, from their full assessment history.
// TEMP(perc-core): switch to the metrics function when it lands.
pub fn person_trend(
    data: &Data,
    person: Id,
    history: &[crate::model::Assessment],
) -> Vec<(NaiveDate, Option<f64>)> {
    let Some((p, _)) = data.person(person) else {
        return Vec::new();
    };
    let ratings: Vec<crate::model::Rating> = history.iter().map(|a| a.rating).collect();
    trend_dates(data.today)
        .into_iter()
        .map(|d| (d, readiness_as_of(data, p, &ratings, d)))
        .collect()
}

/// A person's readiness now and after taking `training` (each skill it develops raised to
/// at least the level it brings).
// TEMP(perc-core): switch to the metrics function when it lands.
pub fn gain(data: &Data, person: Id, training: Id) -> Option<(f64, f64)> {
    let (_, s) = data.person(person)?;
    let t = data.org.training(training)?;
    let before = crate::metrics::readiness(&s.skills)?;
    let mut skills = s.skills.clone();
    for k in &mut skills {
        if let Some(&(_, lvl)) = t.develops.iter().find(|(id, _)| *id == k.skill_id) {
            let cur = k.current_level().unwrap_or(0).max(lvl);
            k.current = Some(crate::model::Rating {
                id: 0,
                person_id: person,
                skill_id: k.skill_id,
                level: cur,
                source: crate::model::Source::Verified,
                assessed_on: data.today,
            });
            k.gap = k.target.saturating_sub(cur);
        }
    }
    Some((before, crate::metrics::readiness(&skills)?))
}

/// One pick of the what-if plan.
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

/// The greedy what-if plan of the SPEC for the team's active members.
// TEMP(perc-core): switch to the metrics function when it lands.
pub fn plan(data: &Data, team: Option<Id>, budget: f64) -> Plan {
    use crate::metrics::readiness;
    let members = data.org.members(team);
    let mut skills: Vec<Vec<crate::metrics::SkillStatus>> = members
        .iter()
        .map(|p| {
            data.analysis
                .person(p.id)
                .map(|s| s.skills.clone())
                .unwrap_or_default()
        })
        .collect();
    let recs: Vec<Vec<Id>> = members
        .iter()
        .map(|p| {
            let mut ids: Vec<Id> = data
                .analysis
                .recommendations(&data.org, p.id)
                .iter()
                .filter(|r| {
                    !data
                        .org
                        .offers
                        .iter()
                        .any(|o| o.person_id == p.id && o.training_id == r.training_id)
                })
                .map(|r| r.training_id)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        })
        .collect();
    let apply = |skills: &[crate::metrics::SkillStatus], t: &crate::model::Training| {
        let mut s = skills.to_vec();
        for k in &mut s {
            if let Some(&(_, lvl)) = t.develops.iter().find(|(id, _)| *id == k.skill_id) {
                let cur = k.current_level().unwrap_or(0).max(lvl);
                if let Some(c) = &mut k.current {
                    c.level = cur;
                } else {
                    k.current = Some(crate::model::Rating {
                        id: 0,
                        person_id: 0,
                        skill_id: k.skill_id,
                        level: cur,
                        source: crate::model::Source::Verified,
                        assessed_on: data.today,
                    });
                }
                k.gap = k.target.saturating_sub(cur);
            }
        }
        s
    };
    let now = crate::metrics::mean_defined(skills.iter().map(|s| readiness(s)));
    let mut taken: std::collections::HashSet<(usize, Id)> = Default::default();
    let mut used = 0.0;
    let mut picks = Vec::new();
    loop {
        let mut best: Option<(f64, f64, usize, Id)> = None;
        for (i, p) in members.iter().enumerate() {
            for &tid in &recs[i] {
                let Some(t) = data.org.training(tid) else {
                    continue;
                };
                if taken.contains(&(i, tid)) {
                    continue;
                }
                let hours = t.hours.filter(|h| *h > 0.0).unwrap_or(1.0);
                if used + hours > budget + 1e-9 {
                    continue;
                }
                let before = readiness(&skills[i]).unwrap_or(0.0);
                let after = readiness(&apply(&skills[i], t)).unwrap_or(0.0);
                let gain = after - before;
                if gain <= 1e-12 {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((bg, bh, bi, bt)) => {
                        let (r, br) = (gain / hours, bg / bh);
                        r > br + 1e-12
                            || ((r - br).abs() <= 1e-12
                                && (gain > bg + 1e-12
                                    || ((gain - bg).abs() <= 1e-12
                                        && (p.name.as_str(), t.title.as_str())
                                            < (
                                                members[bi].name.as_str(),
                                                data.org
                                                    .training(bt)
                                                    .map_or("", |t| t.title.as_str()),
                                            ))))
                    }
                };
                if better {
                    best = Some((gain, hours, i, tid));
                }
            }
        }
        let Some((_, hours, i, tid)) = best else {
            break;
        };
        let Some(t) = data.org.training(tid) else {
            break;
        };
        let before = readiness(&skills[i]);
        skills[i] = apply(&skills[i], t);
        taken.insert((i, tid));
        used += hours;
        picks.push(Pick {
            person: members[i].id,
            name: crate::text::inert(&members[i].name).into_owned(),
            training: tid,
            title: crate::text::inert(&t.title).into_owned(),
            hours,
            before,
            after: readiness(&skills[i]),
        });
    }
    Plan {
        budget,
        used,
        now,
        projected: crate::metrics::mean_defined(skills.iter().map(|s| readiness(s))),
        picks,
    }
}
