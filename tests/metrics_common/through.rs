//! Each worked example three ways: in memory, and through the store on SQLite and on
//! PostgreSQL. The example's organisation is written with the store's own calls (those the
//! app and the importers use), read back the way the app reads it (`load_org_with`, the
//! assessment history, the assessors of manager ratings), and its ids mapped back to the
//! example's, so that every assertion reads the same on each way.
//!
//! Assessments are written in the order of their ids (the order they were recorded in, which
//! breaks ties on the same date). A round trip keeps only what `load_org` keeps: of each
//! person, skill and source, the latest rating (chosen by the engine's latest table), and the
//! verified history that a completed training can use.

use crate::pg_common;
use skillgap::metrics::{Org, RatingHistory};
use skillgap::model::{Assessment, Id, Person, Rating, Skill, Target, Team, Training};
use skillgap::store::{Missing, Store, bulk, people, records, skills, teams};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Through {
    Memory,
    Sqlite,
    Postgres,
}

/// What an example reads: the organisation, every assessment (for the trend), and the
/// assessor of each latest manager rating, by rating id.
pub struct Trip {
    pub org: Org,
    pub history: RatingHistory,
    pub assessors: HashMap<Id, String>,
}

impl Trip {
    pub fn assessor(&self, id: Id) -> Option<&str> {
        self.assessors.get(&id).map(String::as_str)
    }
}

impl Through {
    /// `org` the way this path gives it back.
    pub fn trip(self, org: &Org) -> Trip {
        self.trip_with(org, &[])
    }

    /// `org`, whose ratings listed in `assessors` were given by that assessor.
    pub fn trip_with(self, org: &Org, assessors: &[(Id, &str)]) -> Trip {
        let dir = tempfile::tempdir().unwrap();
        let mut store = match self {
            Through::Memory => {
                let mut org = org.clone();
                org.sort_ratings();
                return Trip {
                    history: RatingHistory::new(every_rating(&org)),
                    assessors: (assessors.iter())
                        .map(|(id, a)| (*id, a.to_string()))
                        .collect(),
                    org,
                };
            }
            Through::Sqlite => Store::open(&dir.path().join("t.db"), Missing::Create).unwrap(),
            Through::Postgres => {
                let db = pg_common::fresh_db().expect("PostgreSQL checked by the caller");
                Store::open(db.owner_url().as_ref(), Missing::Create).unwrap()
            }
        };
        let ids = write(&mut store, org, assessors);
        read(&store, &ids)
    }
}

/// The ratings and the verified history, each assessment once, in the order recorded.
fn every_rating(org: &Org) -> Vec<Rating> {
    let mut all: Vec<Rating> = org
        .ratings
        .iter()
        .chain(org.verified_history.iter().copied())
        .collect();
    all.sort_by_key(|r| r.id);
    all.dedup_by_key(|r| r.id);
    all
}

/// New id -> the example's id, per kind of record.
#[derive(Default)]
struct Ids {
    teams: HashMap<Id, Id>,
    roles: HashMap<Id, Id>,
    people: HashMap<Id, Id>,
    skills: HashMap<Id, Id>,
    ratings: HashMap<Id, Id>,
    trainings: HashMap<Id, Id>,
    offers: HashMap<Id, Id>,
}

fn invert(m: &HashMap<Id, Id>) -> HashMap<Id, Id> {
    m.iter().map(|(new, old)| (*old, *new)).collect()
}

fn write(store: &mut Store, org: &Org, assessors: &[(Id, &str)]) -> Ids {
    let mut ids = Ids::default();
    store
        .transaction(|c| {
            // Teams, parents first.
            let mut left: Vec<&Team> = org.teams.iter().collect();
            let mut team = HashMap::new();
            while !left.is_empty() {
                let before = left.len();
                left.retain(|t| {
                    let parent = match t.parent_id {
                        None => None,
                        Some(p) => match team.get(&p) {
                            Some(id) => Some(*id),
                            None => return true,
                        },
                    };
                    let id = teams::insert_team(c, &t.name, parent).unwrap();
                    team.insert(t.id, id);
                    false
                });
                assert!(left.len() < before, "a team's parent is missing");
            }
            // Skills: the example's, and any it refers to by id only.
            let mut wanted: BTreeSet<Id> = org.skills.iter().map(|s| s.id).collect();
            let targets = org.role_targets.values().chain(org.overrides.values());
            wanted.extend(targets.flatten().map(|t| t.skill_id));
            wanted.extend(every_rating(org).iter().map(|r| r.skill_id));
            wanted.extend(
                org.trainings
                    .iter()
                    .flat_map(|t| t.develops.iter().map(|d| d.0)),
            );
            let mut skill = HashMap::new();
            for id in wanted {
                let s = org.skill(id).cloned().unwrap_or_else(|| Skill {
                    id,
                    key: format!("example-skill-{id}"),
                    name: format!("Example skill {id}"),
                    category: "AI fluency".into(),
                    description: String::new(),
                    levels: Vec::new(),
                });
                skill.insert(id, skills::upsert_skill(c, &s)?);
            }
            let skill_of = |t: &Target| Target {
                skill_id: skill[&t.skill_id],
                ..*t
            };
            // Roles: the example's, and any it refers to by id only, with their targets.
            let mut wanted: BTreeSet<Id> = org.roles.iter().map(|r| r.id).collect();
            wanted.extend(org.role_targets.keys());
            wanted.extend(org.people.iter().filter_map(|p| p.role_id));
            let mut role = HashMap::new();
            for id in wanted {
                let name = org
                    .role(id)
                    .map_or_else(|| format!("Example role {id}"), |r| r.name.clone());
                let new = teams::insert_role(c, &name)?;
                let targets: Vec<Target> = org
                    .role_targets
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .map(skill_of)
                    .collect();
                teams::set_role_targets(c, new, &targets)?;
                role.insert(id, new);
            }
            // People in the order of their ids, with their own targets.
            let mut everyone: Vec<&Person> = org.people.iter().collect();
            everyone.sort_by_key(|p| p.id);
            let mut person = HashMap::new();
            for p in everyone {
                let new = people::insert_person(
                    c,
                    &Person {
                        team_id: p.team_id.map(|t| team[&t]),
                        role_id: p.role_id.map(|r| role[&r]),
                        ..p.clone()
                    },
                )?;
                for t in org.overrides.get(&p.id).into_iter().flatten() {
                    people::set_override(c, new, skill_of(t))?;
                }
                person.insert(p.id, new);
            }
            // Assessments in the order recorded, as an import adds them.
            let all = every_rating(org);
            let by: HashMap<Id, &str> = assessors.iter().copied().collect();
            let rows: Vec<Assessment> = all
                .iter()
                .map(|r| Assessment {
                    rating: Rating {
                        person_id: person[&r.person_id],
                        skill_id: skill[&r.skill_id],
                        ..*r
                    },
                    score: None,
                    max_score: None,
                    assessor: by.get(&r.id).map(|a| a.to_string()),
                    evidence: None,
                })
                .collect();
            let before: Vec<Id> = assessment_ids(c);
            bulk::insert_assessments(c, &rows, &|| true)?;
            let mut added = assessment_ids(c);
            added.retain(|id| !before.contains(id));
            assert_eq!(added.len(), all.len(), "every assessment added");
            // Ids rise in the order of adding, which is by person, skill, source and date,
            // and the order given within those: the n-th new one is the n-th so sorted.
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_by_key(|&i| {
                let r = &rows[i].rating;
                (r.person_id, r.skill_id, r.source, r.assessed_on)
            });
            for (new, &i) in added.iter().zip(&order) {
                ids.ratings.insert(*new, all[i].id);
            }
            // Trainings and offers.
            let mut training = HashMap::new();
            for t in &org.trainings {
                let develops = t.develops.iter().map(|(s, l)| (skill[s], *l)).collect();
                let new = records::upsert_training(
                    c,
                    &Training {
                        develops,
                        ..t.clone()
                    },
                )?;
                training.insert(t.id, new);
            }
            let mut offers: Vec<_> = org.offers.iter().collect();
            offers.sort_by_key(|o| o.id);
            for o in offers {
                let new = records::insert_offer(
                    c,
                    &skillgap::model::Offer {
                        person_id: person[&o.person_id],
                        training_id: training[&o.training_id],
                        ..o.clone()
                    },
                )?;
                ids.offers.insert(new, o.id);
            }
            ids.teams = invert(&team);
            ids.roles = invert(&role);
            ids.people = invert(&person);
            ids.skills = invert(&skill);
            ids.trainings = invert(&training);
            Ok(())
        })
        .unwrap();
    ids
}

fn assessment_ids(c: &skillgap::store::Db) -> Vec<Id> {
    let mut ids: Vec<Id> = skillgap::store::load_history(c)
        .unwrap()
        .all()
        .iter()
        .map(|r| r.id)
        .collect();
    ids.sort_unstable();
    ids
}

/// The organisation as the app reads it, with the example's ids. The default framework a new
/// database holds (skills and roles nothing here refers to) is left out.
fn read(store: &Store, ids: &Ids) -> Trip {
    let (loaded, ()) = skillgap::store::load_org_with(store, |_| ()).unwrap();
    let history = skillgap::store::load_history(store.conn()).unwrap();
    let assessors = skillgap::store::load_manager_assessors(store.conn()).unwrap();
    let m = |map: &HashMap<Id, Id>, id: Id| -> Id {
        *map.get(&id)
            .unwrap_or_else(|| panic!("id {id} was not written by the example"))
    };
    let rating = |r: &Rating| Rating {
        id: m(&ids.ratings, r.id),
        person_id: m(&ids.people, r.person_id),
        skill_id: m(&ids.skills, r.skill_id),
        ..*r
    };
    let target = |t: &Target| Target {
        skill_id: m(&ids.skills, t.skill_id),
        ..*t
    };
    let targets = |all: &HashMap<Id, Vec<Target>>, owners: &HashMap<Id, Id>| {
        all.iter()
            .filter(|(owner, _)| owners.contains_key(owner))
            .map(|(owner, ts)| (owners[owner], ts.iter().map(target).collect()))
            .collect()
    };
    let mut org = Org {
        teams: (loaded.teams.iter())
            .map(|t| Team {
                id: m(&ids.teams, t.id),
                parent_id: t.parent_id.map(|p| m(&ids.teams, p)),
                ..t.clone()
            })
            .collect(),
        roles: (loaded.roles.iter())
            .filter(|r| ids.roles.contains_key(&r.id))
            .map(|r| skillgap::model::Role {
                id: ids.roles[&r.id],
                ..r.clone()
            })
            .collect(),
        role_targets: targets(&loaded.role_targets, &ids.roles),
        people: (loaded.people.iter())
            .map(|p| Person {
                id: m(&ids.people, p.id),
                team_id: p.team_id.map(|t| m(&ids.teams, t)),
                role_id: p.role_id.map(|r| m(&ids.roles, r)),
                ..p.clone()
            })
            .collect(),
        overrides: targets(&loaded.overrides, &ids.people),
        skills: (loaded.skills.iter())
            .filter(|s| ids.skills.contains_key(&s.id))
            .map(|s| Skill {
                id: ids.skills[&s.id],
                ..s.clone()
            })
            .collect(),
        ratings: loaded.ratings.iter().map(|r| rating(&r)).collect(),
        verified_history: loaded.verified_history.iter().map(rating).collect(),
        trainings: (loaded.trainings.iter())
            .map(|t| Training {
                id: m(&ids.trainings, t.id),
                develops: (t.develops.iter())
                    .map(|(s, l)| (m(&ids.skills, *s), *l))
                    .collect(),
                ..t.clone()
            })
            .collect(),
        offers: (loaded.offers.iter())
            .map(|o| skillgap::model::Offer {
                id: m(&ids.offers, o.id),
                person_id: m(&ids.people, o.person_id),
                training_id: m(&ids.trainings, o.training_id),
                ..o.clone()
            })
            .collect(),
    };
    assert_eq!(
        loaded.overrides.len(),
        org.overrides.len(),
        "targets of people the example did not write"
    );
    org.sort_ratings();
    org.verified_history.sort_by_key(|r| r.id);
    Trip {
        org,
        history: RatingHistory::new(history.all().iter().map(rating).collect()),
        assessors: assessors
            .iter()
            .map(|(id, a)| (m(&ids.ratings, id), a.to_string()))
            .collect(),
    }
}
