//! Domain state: what is in the database, loaded once at start (and again when the data
//! changes), with the per-row values the tables sort and filter on. Never read per frame.

use crate::config::Config;
use crate::metrics::{Analysis, Org, PersonSummary, Settings};
use crate::model::{Assessment, Id, Note, Person, Skill};
use crate::store::{self, Store};
use crate::text::inert;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One row of the People table (and of the Matrix), precomputed.
#[derive(Debug, Clone)]
pub struct PersonRow {
    /// Index into `org.people` and `analysis.people`.
    pub idx: usize,
    pub id: Id,
    pub name: String,
    pub team: String,
    pub role: String,
    pub readiness: Option<f64>,
    pub at_target: Option<f64>,
    pub largest_gap: u8,
    pub stale: usize,
    pub open_items: usize,
    /// Mean perception gap (self minus verified) over the skills rated both ways.
    pub perception: Option<f64>,
    /// Archived: shown on People only when asked (`A`), never in Matrix or team figures.
    pub archived: bool,
    /// Lower-case name, team and role, for filtering.
    pub search: String,
}

/// A team in tree order, for the Team screen's picker.
#[derive(Debug, Clone)]
pub struct TeamEntry {
    /// `None` is everyone.
    pub id: Option<Id>,
    pub name: String,
    pub depth: usize,
}

pub struct Data {
    pub org: Org,
    pub analysis: Analysis,
    /// All notes (the TUI is the manager's own view, private ones included), newest first.
    pub notes: Vec<Note>,
    pub level_names: Vec<String>,
    pub today: NaiveDate,
    /// Everyone, in name order; archived people are marked and most views skip them.
    pub people: Vec<PersonRow>,
    /// How many of `people` are active.
    pub active: usize,
    pub teams: Vec<TeamEntry>,
    /// Indexes into `org.skills`, by category then name.
    pub skill_order: Vec<usize>,
    /// Open action items per person.
    pub open_items: HashMap<Id, usize>,
    /// Lower-case person name and body of each note, for filtering.
    pub note_search: Vec<String>,
    /// What the readiness trend needs of the assessment history (each person and skill's
    /// level as of each trend date) and the assessor of each latest manager rating (manager
    /// drift per assessor): read in the background after the data (`read_history_from`).
    pub history: std::cell::OnceCell<crate::metrics::TrendLevels>,
    pub assessors: std::cell::OnceCell<crate::metrics::Assessors>,
    /// The readiness trend of every team and of everyone (`None`), worked out from the
    /// history the first time the Team screen shows one.
    trends: std::cell::OnceCell<HashMap<Option<Id>, super::insight::Trend>>,
    /// Index of each person in `org.people`.
    pub(super) person_index: HashMap<Id, usize>,
    /// The store's data version when this was read (`None`: not read from a store).
    pub(super) store_version: Option<i64>,
    /// People whose assessments were read again while the history was still being read
    /// in the background: theirs is read again when it arrives.
    pub(super) history_touched: Vec<Id>,
}

/// The assessment history and the assessors, read in the background (`read_history_from`).
pub struct HistoryRead {
    pub history: crate::metrics::TrendLevels,
    pub assessors: crate::metrics::Assessors,
}

/// Reads what the readiness trend needs of the history (`store::load_trend_levels`) and the
/// assessor of each latest manager rating.
pub fn read_history_from(store: &Store, settings: &Settings) -> Result<HistoryRead> {
    let dates = crate::metrics::trend_dates(settings.today);
    let history = store::load_trend_levels(store.conn(), &settings.precedence, &dates)
        .context("cannot read the assessment history")?;
    let assessors =
        store::load_manager_assessors(store.conn()).context("cannot read the assessors")?;
    Ok(HistoryRead { history, assessors })
}

/// What the app derives from each note (in the order of the notes) while the rest of the
/// data is still being read.
struct NoteFacts {
    open_items: Vec<usize>,
    /// The body in lower case, for filtering.
    body_lower: Vec<String>,
}

impl NoteFacts {
    fn new(notes: &[Note]) -> NoteFacts {
        NoteFacts {
            open_items: notes
                .iter()
                .map(|n| crate::model::open_action_items(&n.body))
                .collect(),
            body_lower: notes.iter().map(|n| n.body.to_lowercase()).collect(),
        }
    }
}

impl Data {
    /// Reads everything from the store and computes the analysis. A large organisation is
    /// read on two connections at once, the notes on the second (see `load_org_with`).
    pub fn load(store: &Store, config: &Config, today: NaiveDate) -> Result<Data> {
        // Taken first: a commit elsewhere during the load changes it, so the next
        // `reload_person` reads everything rather than miss it.
        let version = store.data_version()?;
        let (org, notes) = store::load_org_with(store, |c| {
            store::records::list_notes(c, true).map(|notes| {
                let facts = NoteFacts::new(&notes);
                (notes, facts)
            })
        })
        .context("cannot load the organisation")?;
        let (notes, facts) = notes.context("cannot load notes")?;
        let analysis = Analysis::new(&org, config.settings(today));
        let mut data = Data::with_analysis(org, analysis, notes, facts, config, today);
        data.store_version = Some(version);
        Ok(data)
    }

    /// After assessments of one person were added through `store`: reads their ratings
    /// again and updates what depends on them, which gives what `load` would. `Ok(false)`,
    /// with nothing changed, when that cannot be: another process wrote to the database
    /// since this was read, or the person is not known. Then `load` it all.
    pub fn reload_person(&mut self, store: &Store, person_id: Id) -> Result<bool> {
        if self.store_version != Some(store.data_version()?)
            || self.analysis.person(person_id).is_none()
        {
            return Ok(false);
        }
        let (latest, verified) = store::load_person_ratings(store.conn(), person_id)
            .with_context(|| format!("cannot read the assessments of person {person_id}"))?;
        self.org.set_person_ratings(person_id, latest, verified);
        if let Some(h) = self.history.get_mut() {
            let own = store::load_person_history(store.conn(), person_id)
                .with_context(|| format!("cannot read the history of person {person_id}"))?;
            h.set_person(person_id, own);
        } else {
            self.history_touched.push(person_id);
        }
        self.trends = std::cell::OnceCell::new();
        // A new manager rating may name another assessor: read them again when next shown.
        self.assessors = std::cell::OnceCell::new();
        if !self.analysis.update_person(&self.org, person_id) {
            return Ok(false);
        }
        if let (Some(row), Some(s)) = (
            self.people.iter_mut().find(|r| r.id == person_id),
            self.analysis.person(person_id),
        ) {
            row.readiness = s.readiness;
            row.at_target = s.at_target;
            row.largest_gap = s.largest_gap;
            row.stale = s.stale;
            row.perception = self.analysis.mean_perception_gap(&self.org, person_id);
        }
        Ok(true)
    }

    pub fn new(org: Org, notes: Vec<Note>, config: &Config, today: NaiveDate) -> Data {
        let analysis = Analysis::new(&org, config.settings(today));
        let facts = NoteFacts::new(&notes);
        Data::with_analysis(org, analysis, notes, facts, config, today)
    }

    fn with_analysis(
        org: Org,
        analysis: Analysis,
        notes: Vec<Note>,
        facts: NoteFacts,
        config: &Config,
        today: NaiveDate,
    ) -> Data {
        let mut open_items: HashMap<Id, usize> = HashMap::new();
        for (n, &open) in notes.iter().zip(&facts.open_items) {
            if open > 0 {
                *open_items.entry(n.person_id).or_default() += open;
            }
        }
        let person_index = org
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        let names = RowNames::new(&org);
        let mut people: Vec<PersonRow> = org
            .people
            .iter()
            .enumerate()
            .map(|(idx, p)| {
                let open = open_items.get(&p.id).copied().unwrap_or(0);
                let perception = analysis.mean_perception_gap(&org, p.id);
                names.row(idx, p, &analysis.people[idx], open, perception)
            })
            .collect();
        people.sort_by_cached_key(|r| r.name.to_lowercase());
        let active = people.iter().filter(|r| !r.archived).count();
        // The framework's order (the store gives skills in it), on every screen.
        let skill_order: Vec<usize> = (0..org.skills.len()).collect();
        let teams = team_tree(&org.teams);
        // "name\nbody" in lower case. The line break keeps the two apart, so lowering each
        // on its own gives the same text (a final sigma stays final).
        let names: HashMap<Id, String> = people
            .iter()
            .map(|r| (r.id, r.name.to_lowercase()))
            .collect();
        let note_search = notes
            .iter()
            .zip(facts.body_lower)
            .map(|(n, body)| {
                let who = names.get(&n.person_id).map_or("", String::as_str);
                note_search_text(who, &body)
            })
            .collect();
        Data {
            org,
            analysis,
            notes,
            level_names: config.level_names.clone(),
            today,
            people,
            active,
            teams,
            skill_order,
            open_items,
            note_search,
            history: std::cell::OnceCell::new(),
            assessors: std::cell::OnceCell::new(),
            trends: std::cell::OnceCell::new(),
            person_index,
            store_version: None,
            history_touched: Vec::new(),
        }
    }

    /// The assessment history read so far: the full one once it was read (or for data not
    /// read from a store, the latest ratings, which is all it has). While it is still being
    /// read (`history_pending`) the fallback is not the trend: nothing draws it as one.
    pub fn history(&self) -> std::borrow::Cow<'_, crate::metrics::TrendLevels> {
        match self.history.get() {
            Some(h) => std::borrow::Cow::Borrowed(h),
            None => {
                let s = &self.analysis.settings;
                std::borrow::Cow::Owned(crate::metrics::TrendLevels::new(
                    self.org.ratings.iter().collect::<Vec<_>>(),
                    &s.precedence,
                    &crate::metrics::trend_dates(s.today),
                ))
            }
        }
    }

    /// Read from a store, the history is not in yet (it is read in the background): the
    /// trend is still loading.
    pub fn history_pending(&self) -> bool {
        self.store_version.is_some() && self.history.get().is_none()
    }

    /// The assessors (per-assessor drift) are not in yet.
    pub fn assessors_pending(&self) -> bool {
        self.store_version.is_some() && self.assessors.get().is_none()
    }

    /// Swaps in the history read in the background; the people whose assessments were
    /// read again meanwhile get theirs (and the assessors) read again from `store`.
    pub fn history_arrived(&mut self, store: Option<&Store>, read: HistoryRead) -> Result<()> {
        let HistoryRead {
            mut history,
            mut assessors,
        } = read;
        let touched = std::mem::take(&mut self.history_touched);
        if let (Some(store), false) = (store, touched.is_empty()) {
            for id in touched {
                let own = store::load_person_history(store.conn(), id)
                    .with_context(|| format!("cannot read the history of person {id}"))?;
                history.set_person(id, own);
            }
            assessors =
                store::load_manager_assessors(store.conn()).context("cannot read the assessors")?;
        }
        self.history = std::cell::OnceCell::from(history);
        self.assessors = std::cell::OnceCell::from(assessors);
        self.forget_trends();
        Ok(())
    }

    /// The readiness trend of a team (`None`: everyone), 13 points.
    pub fn trend(&self, team: Option<Id>) -> Vec<(NaiveDate, Option<f64>)> {
        let all = self
            .trends
            .get_or_init(|| super::insight::all_trends(self, self.history().as_ref()));
        all.get(&team).cloned().unwrap_or_default()
    }

    /// The assessor of an assessment (latest manager ratings only), once read.
    pub fn assessor(&self, assessment: Id) -> Option<&str> {
        self.assessors.get()?.get(assessment)
    }

    /// Reads the history and the assessors from `store` when not read yet.
    pub fn read_history(&self, store: &Store) -> Result<()> {
        if self.history.get().is_none() {
            let read = read_history_from(store, &self.analysis.settings)?;
            let _ = self.history.set(read.history);
            let _ = self.assessors.set(read.assessors);
        }
        if self.assessors.get().is_none() {
            let a =
                store::load_manager_assessors(store.conn()).context("cannot read the assessors")?;
            let _ = self.assessors.set(a);
        }
        Ok(())
    }

    /// The trends are of data that changed: worked out again when next shown.
    pub(super) fn forget_trends(&mut self) {
        self.trends = std::cell::OnceCell::new();
    }

    pub fn person(&self, id: Id) -> Option<(&Person, &PersonSummary)> {
        let &i = self.person_index.get(&id)?;
        Some((&self.org.people[i], &self.analysis.people[i]))
    }

    pub fn person_name(&self, id: Id) -> String {
        self.person(id)
            .map(|(p, _)| inert(&p.name).into_owned())
            .unwrap_or_else(|| format!("#{id}"))
    }

    pub fn skill(&self, id: Id) -> Option<&Skill> {
        self.org.skill(id)
    }

    pub fn skill_name(&self, id: Id) -> String {
        self.skill(id)
            .map(|s| inert(&s.name).into_owned())
            .unwrap_or_else(|| format!("#{id}"))
    }

    pub fn training_title(&self, id: Id) -> String {
        self.org
            .training(id)
            .map(|t| inert(&t.title).into_owned())
            .unwrap_or_else(|| format!("#{id}"))
    }

    /// "3 Practitioner"; "-" for not assessed.
    pub fn level(&self, level: Option<u8>) -> String {
        match level {
            None => "-".to_string(),
            Some(l) => format!(
                "{l} {}",
                self.level_names
                    .get(usize::from(l))
                    .map(|s| inert(s).into_owned())
                    .unwrap_or_default()
            ),
        }
    }
}

/// Team and role names by id, to build `PersonRow`s.
pub(super) struct RowNames<'a> {
    team: HashMap<Id, &'a str>,
    role: HashMap<Id, &'a str>,
}

impl<'a> RowNames<'a> {
    pub(super) fn new(org: &'a Org) -> Self {
        RowNames {
            team: org.teams.iter().map(|t| (t.id, t.name.as_str())).collect(),
            role: org.roles.iter().map(|r| (r.id, r.name.as_str())).collect(),
        }
    }

    /// The row of `p`, the person at `idx` in `org.people`, with summary `s`.
    pub(super) fn row(
        &self,
        idx: usize,
        p: &Person,
        s: &PersonSummary,
        open: usize,
        perception: Option<f64>,
    ) -> PersonRow {
        let team = p
            .team_id
            .and_then(|t| self.team.get(&t))
            .map(|t| inert(t).into_owned())
            .unwrap_or_default();
        let role = p
            .role_id
            .and_then(|r| self.role.get(&r))
            .map(|r| inert(r).into_owned())
            .unwrap_or_default();
        let name = inert(&p.name).into_owned();
        PersonRow {
            idx,
            id: p.id,
            search: format!("{name}\n{team}\n{role}").to_lowercase(),
            name,
            team,
            role,
            readiness: s.readiness,
            at_target: s.at_target,
            largest_gap: s.largest_gap,
            stale: s.stale,
            open_items: open,
            perception,
            archived: p.archived,
        }
    }
}

/// "name\nbody" in lower case, what the Notes filter searches. The line break keeps the two
/// apart, so lowering each on its own gives the same text (a final sigma stays final).
pub(super) fn note_search_text(who: &str, body_lower: &str) -> String {
    let mut text = String::with_capacity(who.len() + 1 + body_lower.len());
    text.push_str(who);
    text.push('\n');
    text.push_str(body_lower);
    text
}

/// "Everyone", then each root team followed by its sub-teams, indented.
pub(super) fn team_tree(teams: &[crate::model::Team]) -> Vec<TeamEntry> {
    let mut out = vec![TeamEntry {
        id: None,
        name: "Everyone".to_string(),
        depth: 0,
    }];
    let mut sorted: Vec<_> = teams.iter().collect();
    sorted.sort_by_cached_key(|t| t.name.to_lowercase());
    let known = |id: Option<Id>| id.is_some_and(|p| teams.iter().any(|t| t.id == p));
    let mut stack: Vec<(Id, usize)> = sorted
        .iter()
        .rev()
        .filter(|t| !known(t.parent_id))
        .map(|t| (t.id, 1))
        .collect();
    let mut seen = std::collections::HashSet::new();
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(t) = teams.iter().find(|t| t.id == id) {
            out.push(TeamEntry {
                id: Some(id),
                name: inert(&t.name).into_owned(),
                depth,
            });
        }
        for c in sorted.iter().rev().filter(|c| c.parent_id == Some(id)) {
            stack.push((c.id, depth + 1));
        }
    }
    out
}

/// What the person view shows beyond the analysis: read when a person is opened.
#[derive(Debug, Clone, Default)]
pub struct PersonDetail {
    pub id: Id,
    pub history: Vec<Assessment>,
}

impl PersonDetail {
    pub fn load(store: &Store, id: Id) -> Result<PersonDetail> {
        let history = store::records::person_history(store.conn(), id)
            .with_context(|| format!("cannot read the history of person {id}"))?;
        Ok(PersonDetail { id, history })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_search_is_the_name_and_body_in_lower_case_and_open_items_are_counted() {
        let person = |id: Id, name: &str| Person {
            id,
            name: name.into(),
            ..Person::default()
        };
        let note = |id: Id, person_id: Id, body: &str| Note {
            id,
            person_id,
            date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            body: body.into(),
            private: true,
            skill_ids: Vec::new(),
            author: String::new(),
        };
        let org = Org {
            people: vec![person(1, "ΟΔΥΣΣΕΥΣ Ölund"), person(2, "ADA Σ")],
            ..Org::default()
        };
        let notes = vec![
            note(1, 1, "ΣΑΣ talk\n- [ ] ΣΟΦΙΑ\n- [x] done\n  * [ ] nested"),
            note(2, 2, "Σ\n- [X] Done"),
            note(3, 99, "Nobody's NOTE"),
        ];
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let data = Data::new(org, notes, &Config::default(), today);
        for (n, text) in data.notes.iter().zip(&data.note_search) {
            let who = data
                .people
                .iter()
                .find(|r| r.id == n.person_id)
                .map_or("", |r| r.name.as_str());
            assert_eq!(*text, format!("{who}\n{}", n.body).to_lowercase());
        }
        assert_eq!(data.open_items.get(&1), Some(&2));
        assert_eq!(data.open_items.get(&2), None);
    }
}
