//! A realistic demo organisation: teams with a sub-team, people in varied roles, more than a
//! year of assessments from all three sources in which readiness rises (most after completed
//! trainings), self-ratings above many verified results, some stale; trainings with offers in
//! every status (some overdue; leadership trainings for leads and managers only), and private
//! and shared notes with action items.
//! The same seed and today give the same organisation.

use crate::model::{
    Assessment, Note, Offer, OfferStatus, Person, Rating, Skill, Source, Target, Training,
};
use crate::store::Db;
use crate::store::bulk::{BatchWriter, NewPeople};
use crate::store::{Result, Store, records, skills, teams};
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

mod catalog;
use catalog::{FIRST, LAST, LEADERSHIP, Rng, TEAMS, TRAININGS};

/// A completed training's effect on one skill: the level it brings, how long ago.
struct Completion {
    skill: i64,
    level: u8,
    days_ago: u64,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct DemoCounts {
    pub teams: usize,
    pub people: usize,
    pub assessments: usize,
    pub offers: usize,
    pub notes: usize,
}

/// Writes the demo into `store` in one transaction (the database should hold no people).
pub fn generate(
    store: &mut Store,
    n_people: usize,
    seed: u64,
    today: NaiveDate,
) -> Result<DemoCounts> {
    // A large demo touches many pages: a bigger page cache (see `Db::large_write`) keeps
    // them from spilling to the WAL again and again, and the latest ratings are kept by
    // the writer rather than by a trigger per assessment (`NewPeople::in_batches`).
    store.ensure_writable()?;
    store.conn().large_write(|db| {
        db.transaction(|tx| {
            NewPeople::in_batches(tx, |out| {
                Generator {
                    c: tx,
                    rng: Rng(seed),
                    today,
                    counts: DemoCounts::default(),
                    rows: NewPeople::default(),
                }
                .run(n_people, out)
            })
        })
    })
}

/// Pads the assessment history to `total` assessments (benchmarks: a million assessments on
/// 10,000 people): older self-ratings of skills already rated, a year or more before the
/// latest ones, so current levels and every metric stay as they were. Returns how many
/// were added.
pub fn pad_history(store: &mut Store, total: usize) -> Result<usize> {
    let latest: Vec<Rating> = crate::store::load_org(store.conn())?
        .ratings
        .iter()
        .collect();
    let have = records::count_assessments(store.conn())?;
    let extra = total.saturating_sub(usize::try_from(have).unwrap_or(0));
    if latest.is_empty() {
        return Ok(0);
    }
    store.transaction(|tx| {
        for (i, r) in latest.iter().cycle().take(extra).enumerate() {
            let rating = Rating {
                id: 0,
                source: Source::SelfRated,
                assessed_on: r.assessed_on - Days::new(400 + (i % 300) as u64),
                ..*r
            };
            records::insert_assessment(
                tx,
                &Assessment {
                    rating,
                    score: None,
                    max_score: None,
                    assessor: None,
                    evidence: None,
                },
            )?;
        }
        Ok(extra)
    })
}

struct Generator<'a> {
    c: &'a Db,
    rng: Rng,
    today: NaiveDate,
    counts: DemoCounts,
    /// People made up and not written yet, with their rows: written `PER_WRITE` people at
    /// a time (on a server in few statements, see `store::bulk`).
    rows: NewPeople,
}

/// How many people the generator holds before it writes them.
const PER_WRITE: usize = 500;

impl Generator<'_> {
    fn days_ago(&self, days: u64) -> NaiveDate {
        self.today
            .checked_sub_days(Days::new(days))
            .unwrap_or(self.today)
    }

    fn run(mut self, n_people: usize, out: &BatchWriter<'_>) -> Result<DemoCounts> {
        let all_skills = skills::list_skills(self.c)?;
        let team_ids = self.teams()?;
        let roles = teams::list_roles(self.c)?;
        let role_id = |name: &str| {
            roles
                .iter()
                .find(|r| r.name.eq_ignore_ascii_case(name))
                .map(|r| r.id)
        };
        let role_targets = teams::role_targets(self.c)?;
        let trainings = self.trainings(&all_skills)?;

        // How many people each name had before: names are letters only, so an email can
        // only meet those of its own name, which took the plain one, then 2, 3, ... in turn
        // (trying each against a set of all took a second at 100,000 people).
        let mut named: HashMap<(&str, &str), u64> = HashMap::new();
        for i in 0..n_people {
            // Spread people over teams by share; the first in each team leads it.
            let roll = (i as u64 * 100) / n_people.max(1) as u64;
            let mut acc = 0;
            let t = TEAMS
                .iter()
                .position(|(_, _, share)| {
                    acc += share;
                    roll < acc
                })
                .unwrap_or(0);
            let first_in_team = i == 0 || {
                let prev = ((i as u64 - 1) * 100) / n_people.max(1) as u64;
                let mut acc = 0;
                TEAMS
                    .iter()
                    .position(|(_, _, s)| {
                        acc += s;
                        prev < acc
                    })
                    .unwrap_or(0)
                    != t
            };
            let role_name = if first_in_team {
                "Manager"
            } else if self.rng.chance(12) {
                "Team lead"
            } else if TEAMS[t].0 == "Data & Analytics" && self.rng.chance(50) {
                "Specialist"
            } else {
                "Individual contributor"
            };
            let role = role_id(role_name).or_else(|| roles.first().map(|r| r.id));
            let (first, last) = (*self.rng.pick(FIRST), *self.rng.pick(LAST));
            let name = format!("{first} {last}");
            let before = named.entry((first, last)).or_default();
            let email = match *before {
                0 => format!(
                    "{}.{}@example.com",
                    first.to_lowercase(),
                    last.to_lowercase()
                ),
                n => format!(
                    "{}.{}{}@example.com",
                    first.to_lowercase(),
                    last.to_lowercase(),
                    n + 1
                ),
            };
            *before += 1;
            let ago = 90 + self.rng.below(2000);
            let joined = self.days_ago(ago);
            let person = Person {
                id: 0,
                name,
                email: Some(email),
                team_id: Some(team_ids[t]),
                role_id: role,
                joined_on: Some(joined),
                archived: i > 10 && self.rng.chance(3),
            };
            // The person's place among those held: their rows name them by it.
            let pid = self.rows.people.len();
            self.rows.people.push(person);
            self.counts.people += 1;

            let mut targets: Vec<Target> = role
                .and_then(|r| role_targets.get(&r))
                .cloned()
                .unwrap_or_default();
            // A few personal targets: one removed, one raised.
            if self.rng.chance(10) && !targets.is_empty() {
                let t0 = targets[self.rng.below(targets.len() as u64) as usize];
                self.rows.targets.push((pid, Target { level: 0, ..t0 }));
                targets.retain(|t| t.skill_id != t0.skill_id);
            }
            if self.rng.chance(8) && !targets.is_empty() {
                let idx = self.rng.below(targets.len() as u64) as usize;
                let raised = Target {
                    level: (targets[idx].level + 1).min(5),
                    ..targets[idx]
                };
                self.rows.targets.push((pid, raised));
                targets[idx] = raised;
            }
            let leader = matches!(role_name, "Manager" | "Team lead");
            let completed = self.offers(pid, leader, &targets, &trainings)?;
            self.assessments(pid, &targets, &completed)?;
            self.notes(pid, &targets, &all_skills)?;
            if self.rows.people.len() >= PER_WRITE {
                out.insert(&std::mem::take(&mut self.rows))?;
            }
        }
        out.insert(&std::mem::take(&mut self.rows))?;
        Ok(self.counts)
    }

    fn teams(&mut self) -> Result<Vec<i64>> {
        let mut ids: Vec<i64> = Vec::new();
        for (name, parent, _) in TEAMS {
            let parent_id = parent
                .and_then(|p| TEAMS.iter().position(|t| t.0 == p))
                .map(|i| ids[i]);
            ids.push(teams::insert_team(self.c, name, parent_id)?);
            self.counts.teams += 1;
        }
        Ok(ids)
    }

    fn trainings(&mut self, all: &[Skill]) -> Result<Vec<Training>> {
        let mut out = Vec::new();
        for (i, (title, provider, hours, category, level)) in TRAININGS.iter().enumerate() {
            let in_cat: Vec<&Skill> = all.iter().filter(|s| s.category == *category).collect();
            // Two skills of the category, rotating so trainings overlap only partly.
            let develops: Vec<(i64, u8)> = (0..2.min(in_cat.len()))
                .map(|k| (in_cat[(i + k) % in_cat.len()].id, *level))
                .collect();
            let mut t = Training {
                id: 0,
                title: title.to_string(),
                provider: Some(provider.to_string()),
                url: Some(format!(
                    "https://learning.example.com/{}",
                    title.to_lowercase().replace(' ', "-")
                )),
                hours: Some(*hours),
                develops,
            };
            t.id = records::upsert_training(self.c, &t)?;
            out.push(t);
        }
        Ok(out)
    }

    fn add(
        &mut self,
        pid: usize,
        skill: i64,
        level: u8,
        source: Source,
        days: u64,
        assessor: Option<&str>,
    ) -> Result<()> {
        let (score, max_score) = if source == Source::Verified {
            // Level L scores 20 L minus up to 9 of 100; level 0 scores 0 to 9, never below 0.
            let noise = self.rng.below(10);
            let score = match level {
                0 => noise,
                l => u64::from(l) * 20 - noise,
            };
            (Some(score as f64), Some(100.0))
        } else {
            (None, None)
        };
        self.rows.assessments.push((
            pid,
            Assessment {
                rating: Rating {
                    id: 0,
                    person_id: 0,
                    skill_id: skill,
                    level,
                    source,
                    assessed_on: self.days_ago(days),
                },
                score,
                max_score,
                assessor: assessor.map(str::to_string),
                evidence: (source == Source::Verified)
                    .then(|| "Scenario-based assessment".to_string()),
            },
        ));
        self.counts.assessments += 1;
        Ok(())
    }

    /// More than a year of history per targeted skill: a baseline 370 to 430 days ago (before
    /// the trend's first point), then a recent rating at the level the person grew to, higher
    /// still where they completed a training that develops the skill (verified after the
    /// completion). Self-ratings of some people run high; some skills were last rated long ago
    /// (stale); some never.
    fn assessments(
        &mut self,
        pid: usize,
        targets: &[Target],
        completed: &[Completion],
    ) -> Result<()> {
        let optimist = self.rng.chance(35);
        let verified_person = self.rng.chance(50);
        for t in targets {
            if self.rng.chance(12) {
                continue; // never assessed
            }
            let truth_now = (t.level as i64 - 2 + self.rng.below(4) as i64).clamp(0, 5) as u8;
            let truth_start = truth_now.saturating_sub(self.rng.below(2) as u8);
            let bias = |rng: &mut Rng| {
                if optimist {
                    1 + rng.below(2) as u8
                } else {
                    rng.below(2) as u8
                }
            };
            let trained = completed
                .iter()
                .filter(|c| c.skill == t.skill_id)
                .max_by_key(|c| c.level);
            if trained.is_none() && self.rng.chance(15) {
                // Stale: rated once, long ago.
                let d = 200 + self.rng.below(200);
                let own = (truth_start + bias(&mut self.rng)).min(5);
                self.add(pid, t.skill_id, own, Source::SelfRated, d, None)?;
                if verified_person {
                    let v = d + self.rng.below(10);
                    self.add(
                        pid,
                        t.skill_id,
                        truth_start,
                        Source::Verified,
                        v,
                        Some("Skills lab"),
                    )?;
                }
                continue;
            }
            // The baseline, before the trend's first point.
            let d0 = 370 + self.rng.below(60);
            let own = (truth_start + bias(&mut self.rng)).min(5);
            self.add(pid, t.skill_id, own, Source::SelfRated, d0, None)?;
            if verified_person || trained.is_some() {
                let v = d0 + self.rng.below(10);
                self.add(
                    pid,
                    t.skill_id,
                    truth_start,
                    Source::Verified,
                    v,
                    Some("Skills lab"),
                )?;
            }
            // The recent rating: after the training where one was completed.
            let (truth, d1) = match trained {
                Some(c) => (
                    truth_now.max(c.level.min(truth_start + 2)),
                    c.days_ago - 1 - self.rng.below(14.min(c.days_ago - 1)),
                ),
                None => (truth_now, self.rng.below(170)),
            };
            let own = (truth + bias(&mut self.rng)).min(5);
            self.add(pid, t.skill_id, own, Source::SelfRated, d1, None)?;
            if self.rng.chance(55) {
                let m = (truth as i64 + self.rng.below(3) as i64 - 1).clamp(0, 5) as u8;
                let d = d1 + self.rng.below(20);
                self.add(pid, t.skill_id, m, Source::Manager, d, Some("Line manager"))?;
            }
            if verified_person || trained.is_some() {
                self.add(
                    pid,
                    t.skill_id,
                    truth,
                    Source::Verified,
                    d1,
                    Some("Skills lab"),
                )?;
            }
        }
        Ok(())
    }

    /// Up to three offers, mostly of trainings for the person's own targets; leadership
    /// trainings only for leads and managers. Returns what the completed ones develop, for
    /// `assessments`. Open offers past their due date are overdue.
    fn offers(
        &mut self,
        pid: usize,
        leader: bool,
        targets: &[Target],
        trainings: &[Training],
    ) -> Result<Vec<Completion>> {
        let n = if self.rng.chance(30) {
            0
        } else {
            1 + self.rng.below(3)
        };
        let allowed: Vec<usize> = (0..trainings.len())
            .filter(|&i| leader || TRAININGS[i].3 != LEADERSHIP)
            .collect();
        let own: Vec<usize> = allowed
            .iter()
            .copied()
            .filter(|&i| {
                trainings[i]
                    .develops
                    .iter()
                    .any(|(s, _)| targets.iter().any(|t| t.skill_id == *s))
            })
            .collect();
        let mut taken: Vec<usize> = Vec::new();
        let mut completed = Vec::new();
        for _ in 0..n {
            let from = if !own.is_empty() && self.rng.chance(80) {
                &own
            } else {
                &allowed
            };
            let i = *self.rng.pick(from);
            if taken.contains(&i) {
                continue;
            }
            taken.push(i);
            let t = &trainings[i];
            let old = self.rng.chance(15); // some offers are more than a year old
            let offered_days = if old {
                380 + self.rng.below(200)
            } else {
                20 + self.rng.below(300)
            };
            let status = *self.rng.pick(&[
                OfferStatus::Offered,
                OfferStatus::Enrolled,
                OfferStatus::Enrolled,
                OfferStatus::Completed,
                OfferStatus::Completed,
                OfferStatus::Completed,
                OfferStatus::Declined,
            ]);
            // Completed at least 15 days ago and after the offer.
            let completed_days = offered_days
                .saturating_sub(10 + self.rng.below(30))
                .clamp(15, offered_days - 1);
            let offered_on = self.days_ago(offered_days);
            let offer = Offer {
                id: 0,
                person_id: 0,
                training_id: t.id,
                status,
                offered_on,
                due_on: Some(
                    offered_on
                        .checked_add_days(Days::new(60))
                        .unwrap_or(self.today),
                ),
                completed_on: (status == OfferStatus::Completed)
                    .then(|| self.days_ago(completed_days)),
            };
            self.rows.offers.push((pid, offer));
            self.counts.offers += 1;
            if status == OfferStatus::Completed {
                completed.extend(t.develops.iter().map(|&(skill, level)| Completion {
                    skill,
                    level,
                    days_ago: completed_days,
                }));
            }
        }
        Ok(completed)
    }

    fn notes(&mut self, pid: usize, targets: &[Target], all: &[Skill]) -> Result<()> {
        let n = self.rng.below(4);
        for k in 0..n {
            let skill = targets.get(self.rng.below(targets.len().max(1) as u64) as usize);
            let skill_name = skill
                .and_then(|t| all.iter().find(|s| s.id == t.skill_id))
                .map_or("prompting", |s| s.name.as_str());
            let private = !self.rng.chance(30);
            let body = format!(
                "## One-on-one\n\nTalked about {skill_name}: {}.\n\n- [{}] Pick a course for {skill_name}\n- [ ] Try it on one real task this week\n- [x] Read the AI use policy\n",
                self.rng.pick(&[
                    "keen to learn, unsure where to start",
                    "uses AI daily but rarely checks the output",
                    "worried about data privacy with customer material",
                    "could coach others on the team",
                ]),
                if k == 0 { " " } else { "x" },
            );
            let ago = 7 + self.rng.below(200);
            let date = self.days_ago(ago);
            self.rows.notes.push((
                pid,
                Note {
                    id: 0,
                    person_id: 0,
                    date,
                    body,
                    private,
                    skill_ids: skill.map(|t| vec![t.skill_id]).unwrap_or_default(),
                    author: String::new(),
                },
            ));
            self.counts.notes += 1;
        }
        Ok(())
    }
}
