//! A snapshot of the database as plain data, and the analysis computed over it once.

use super::perception::{Pair, pairs_of};
use super::person::PersonSummary;
use super::plan::{Plan, plan};
use super::team::{
    TeamSummary, member_indexes, offered_recently, perception_gap, sort_skill_gaps, team_members,
};
use super::training::{Funnel, Recommendation, funnel, overdue_offers, recommendations};
use super::{Ratings, Settings, merge_targets};
use crate::model::{Id, Offer, Person, Rating, Role, Skill, Source, Target, Team, Training};
use std::collections::{HashMap, HashSet};

/// Everything the metrics read. `ratings` must hold, for every (person, skill, source), at
/// least the latest rating (full history gives the same results); `verified_history` holds
/// every verified rating of the people with completed offers (for verified improvement).
#[derive(Debug, Clone, Default)]
pub struct Org {
    pub teams: Vec<Team>,
    pub roles: Vec<Role>,
    pub role_targets: HashMap<Id, Vec<Target>>,
    pub people: Vec<Person>,
    pub overrides: HashMap<Id, Vec<Target>>,
    pub skills: Vec<Skill>,
    pub ratings: Ratings,
    pub verified_history: Vec<Rating>,
    pub trainings: Vec<Training>,
    pub offers: Vec<Offer>,
}

impl Org {
    /// Sorts ratings by (person, skill, id) and packs them (see `Ratings`).
    pub fn sort_ratings(&mut self) {
        self.ratings.pack();
    }

    /// Gives back what the vectors hold beyond their length (once loaded: a vector grown
    /// row by row may hold up to twice what it needs).
    pub fn shrink_to_fit(&mut self) {
        self.people.shrink_to_fit();
        self.ratings.shrink_to_fit();
        self.verified_history.shrink_to_fit();
        self.offers.shrink_to_fit();
    }

    /// Replaces one person's ratings and verified history, after their assessments
    /// changed: `ratings` by skill (as `load_org` reads them), `verified` any order. The
    /// result is what reading everything again would give.
    pub fn set_person_ratings(
        &mut self,
        person_id: Id,
        ratings: Vec<Rating>,
        verified: Vec<Rating>,
    ) {
        self.ratings.set_person(person_id, ratings);
        self.verified_history.retain(|r| r.person_id != person_id);
        self.verified_history.extend(verified);
        self.verified_history.sort_unstable_by_key(|r| r.id);
        self.verified_history.dedup_by_key(|r| r.id);
    }

    /// One person's ratings, by skill and id.
    pub fn ratings_of_person(&self, person_id: Id) -> Vec<Rating> {
        self.ratings.of_person(person_id)
    }

    /// One person's ratings of one skill.
    pub fn ratings_of(&self, person_id: Id, skill_id: Id) -> Vec<Rating> {
        self.ratings.of(person_id, skill_id)
    }

    pub fn targets_of(&self, person: &Person) -> Vec<Target> {
        let role = person
            .role_id
            .and_then(|r| self.role_targets.get(&r))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let own = self
            .overrides
            .get(&person.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        merge_targets(role, own)
    }

    pub fn person(&self, id: Id) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }
    pub fn skill(&self, id: Id) -> Option<&Skill> {
        self.skills.iter().find(|s| s.id == id)
    }
    pub fn team(&self, id: Id) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }
    pub fn role(&self, id: Id) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }
    pub fn training(&self, id: Id) -> Option<&Training> {
        self.trainings.iter().find(|t| t.id == id)
    }
    pub fn team_by_name(&self, name: &str) -> Option<&Team> {
        self.teams
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(name.trim()))
    }

    /// Active members of a team with sub-teams; `None` means everyone active.
    pub fn members(&self, team_id: Option<Id>) -> Vec<&Person> {
        team_members(&self.teams, &self.people, team_id)
    }

    pub fn offers_of(&self, person_id: Id) -> Vec<&Offer> {
        self.offers
            .iter()
            .filter(|o| o.person_id == person_id)
            .collect()
    }
}

/// Per-person summaries computed once over an `Org`; the team figures derive from them.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub settings: Settings,
    /// One summary per person, in the order of `Org::people`.
    pub people: Vec<PersonSummary>,
    /// Perception gaps of each person (as `perception_of` gives them), in the same order:
    /// computed with the summaries, so a team summary does not search the ratings again.
    perception: Vec<Vec<(Id, i32)>>,
    index: HashMap<Id, usize>,
}

impl Analysis {
    pub fn new(org: &Org, settings: Settings) -> Self {
        let summarise = |people: &[Person]| -> Vec<(PersonSummary, Vec<(Id, i32)>)> {
            people
                .iter()
                .map(|p| summarise_one(org, p, &org.ratings_of_person(p.id), &settings))
                .collect()
        };
        // Each person is independent: at L&D scale (10,000 people) split the work over the
        // cores; a team of forty is not worth a thread.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let both: Vec<(PersonSummary, Vec<(Id, i32)>)> = if org.people.len() < 2_000 || threads < 2
        {
            summarise(&org.people)
        } else {
            let chunk = org.people.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let parts: Vec<_> = org
                    .people
                    .chunks(chunk)
                    .map(|part| scope.spawn(move || summarise(part)))
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        let (people, perception): (Vec<PersonSummary>, Vec<Vec<(Id, i32)>>) =
            both.into_iter().unzip();
        let index = people
            .iter()
            .enumerate()
            .map(|(i, s)| (s.person_id, i))
            .collect();
        Analysis {
            settings,
            people,
            perception,
            index,
        }
    }

    pub fn person(&self, person_id: Id) -> Option<&PersonSummary> {
        self.index.get(&person_id).map(|&i| &self.people[i])
    }

    /// Computes one person's summary and perception gaps again, after their ratings changed
    /// (`Org::set_person_ratings`): the same as a new analysis gives them. False when the
    /// analysis does not know the person.
    pub fn update_person(&mut self, org: &Org, person_id: Id) -> bool {
        // The summaries are in the order of `org.people`.
        let Some(&i) = self.index.get(&person_id) else {
            return false;
        };
        let Some(p) = org.people.get(i).filter(|p| p.id == person_id) else {
            return false;
        };
        let (summary, perception) =
            summarise_one(org, p, &org.ratings_of_person(person_id), &self.settings);
        self.people[i] = summary;
        self.perception[i] = perception;
        true
    }

    /// Takes out the summary at `i` (in the order of `Org::people`), as the person there was
    /// taken out of the org. Call `reindex` once done.
    pub fn remove_at(&mut self, i: usize) {
        self.people.remove(i);
        self.perception.remove(i);
    }

    /// Computes the summary of `org.people[i]`, a person just put there, and puts it at the
    /// same place. Call `reindex` once done.
    pub fn insert_at(&mut self, org: &Org, i: usize) {
        let p = &org.people[i];
        let (summary, perception) =
            summarise_one(org, p, &org.ratings_of_person(p.id), &self.settings);
        self.people.insert(i, summary);
        self.perception.insert(i, perception);
    }

    /// Finds each person's summary again after `remove_at` and `insert_at`.
    pub fn reindex(&mut self) {
        self.index = self
            .people
            .iter()
            .enumerate()
            .map(|(i, s)| (s.person_id, i))
            .collect();
    }

    /// Perception gaps of one person, one per skill rated both self and verified (by skill
    /// id).
    pub fn perception_of(&self, org: &Org, person_id: Id) -> Vec<(Id, i32)> {
        match self.index.get(&person_id) {
            Some(&i) => self.perception[i].clone(),
            None => perception_gaps(&org.ratings_of_person(person_id)),
        }
    }

    pub fn team_summary(&self, org: &Org, team_id: Option<Id>) -> TeamSummary {
        let at = member_indexes(&org.teams, &org.people, team_id);
        let members: Vec<&Person> = at.iter().map(|&i| &org.people[i]).collect();
        let mut summaries: Vec<&PersonSummary> = Vec::with_capacity(members.len());
        let mut perception: Vec<i32> = Vec::new();
        for (&i, p) in at.iter().zip(&members) {
            // The summaries are in the order of `org.people` (when this org was analysed).
            let i = match self.people.get(i) {
                Some(s) if s.person_id == p.id => Some(i),
                _ => self.index.get(&p.id).copied(),
            };
            match i {
                Some(i) => {
                    summaries.push(&self.people[i]);
                    perception.extend(self.perception[i].iter().map(|&(_, g)| g));
                }
                None => perception.extend(
                    perception_gaps(&org.ratings_of_person(p.id))
                        .into_iter()
                        .map(|(_, g)| g),
                ),
            }
        }
        let mut summary = TeamSummary::build(
            &members,
            &summaries,
            &perception,
            &org.offers,
            &self.settings,
        );
        sort_skill_gaps(&mut summary.skill_gaps, &org.skills);
        summary
    }

    /// The pairs of a team's active members (everyone with `None`) of `source` ratings
    /// beside verified ones: `Source::SelfRated` for overestimation, `Source::Manager` for
    /// manager drift. By person (in the order of `Org::people`), then skill.
    pub fn pairs(&self, org: &Org, team_id: Option<Id>, source: Source) -> Vec<Pair> {
        org.members(team_id)
            .into_iter()
            .flat_map(|p| pairs_of(&org.ratings_of_person(p.id), source))
            .collect()
    }

    /// One person's mean perception gap (self minus verified over their pairs); `None` when
    /// they have no pair.
    pub fn mean_perception_gap(&self, org: &Org, person_id: Id) -> Option<f64> {
        let gaps = self.perception_of(org, person_id);
        let sum: i32 = gaps.iter().map(|&(_, g)| g).sum();
        (!gaps.is_empty()).then(|| f64::from(sum) / gaps.len() as f64)
    }

    /// Overdue offers of a team's active members (everyone with `None`), most overdue first.
    pub fn overdue<'a>(&self, org: &'a Org, team_id: Option<Id>) -> Vec<&'a Offer> {
        let ids: HashSet<Id> = org.members(team_id).iter().map(|p| p.id).collect();
        overdue_offers(&org.offers, &ids, self.settings.today)
    }

    /// Active members who were never offered any training.
    pub fn never_offered<'a>(&self, org: &'a Org, team_id: Option<Id>) -> Vec<&'a Person> {
        let offered: HashSet<Id> = org.offers.iter().map(|o| o.person_id).collect();
        org.members(team_id)
            .into_iter()
            .filter(|p| !offered.contains(&p.id))
            .collect()
    }

    /// Active members who have `skill_id` targeted and are below their target, largest gap
    /// first (then in the order of `Org::people`): the drill-down behind a skill gap.
    pub fn below_target<'a>(
        &self,
        org: &'a Org,
        team_id: Option<Id>,
        skill_id: Id,
    ) -> Vec<(&'a Person, u8)> {
        let mut out: Vec<(&Person, u8)> = org
            .members(team_id)
            .into_iter()
            .filter_map(|p| {
                let gap = self.person(p.id)?.skill(skill_id)?.gap;
                (gap > 0).then_some((p, gap))
            })
            .collect();
        out.sort_by_key(|&(_, gap)| std::cmp::Reverse(gap));
        out
    }

    /// The greedy what-if plan for a team's active members (everyone with `None`).
    pub fn plan(&self, org: &Org, team_id: Option<Id>, budget_hours: f64) -> Plan {
        plan(org, self, &org.members(team_id), budget_hours)
    }

    /// The funnel over the offers of a team's active members (everyone with `None`).
    pub fn funnel(&self, org: &Org, team_id: Option<Id>) -> Funnel {
        let ids: std::collections::HashSet<Id> =
            org.members(team_id).iter().map(|p| p.id).collect();
        let offers: Vec<&Offer> = org
            .offers
            .iter()
            .filter(|o| ids.contains(&o.person_id))
            .collect();
        funnel(&offers, &org.trainings, &org.verified_history)
    }

    pub fn recommendations(&self, org: &Org, person_id: Id) -> Vec<Recommendation> {
        match self.person(person_id) {
            Some(s) => recommendations(&s.skills, &org.trainings, &org.offers_of(person_id)),
            None => Vec::new(),
        }
    }

    /// Active members with no offer dated within the last 365 days.
    pub fn without_recent_offer<'a>(&self, org: &'a Org, team_id: Option<Id>) -> Vec<&'a Person> {
        let recent: std::collections::HashSet<Id> = org
            .offers
            .iter()
            .filter(|o| offered_recently(o, &self.settings))
            .map(|o| o.person_id)
            .collect();
        org.members(team_id)
            .into_iter()
            .filter(|p| !recent.contains(&p.id))
            .collect()
    }
}

/// One person's summary and perception gaps, from their ratings (sorted by skill).
fn summarise_one(
    org: &Org,
    p: &Person,
    own: &[Rating],
    settings: &Settings,
) -> (PersonSummary, Vec<(Id, i32)>) {
    let targets = org.targets_of(p);
    let of_skill = |s: Id| {
        let lo = own.partition_point(|r| r.skill_id < s);
        let hi = own.partition_point(|r| r.skill_id <= s);
        &own[lo..hi]
    };
    let summary = PersonSummary::build(p.id, &targets, of_skill, settings);
    (summary, perception_gaps(own))
}

/// Perception gaps of one person's ratings (sorted by skill), one per skill rated both self
/// and verified.
fn perception_gaps(own: &[Rating]) -> Vec<(Id, i32)> {
    own.chunk_by(|a, b| a.skill_id == b.skill_id)
        .filter_map(|rs| perception_gap(rs).map(|g| (rs[0].skill_id, g)))
        .collect()
}
