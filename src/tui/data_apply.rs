//! Bringing the loaded data up to date after a change made here (a save, a delete, an undo
//! or a redo) by reading again only the people it touched: the result is what `Data::load`
//! would give, at a cost that does not grow with the organisation.

use super::data::{Data, RowNames, note_search_text};
use crate::model::{Id, Note, Person};
use crate::store::{self, PersonRows, Store, Touched};
use anyhow::{Context, Result};
use std::cmp::Reverse;
use std::collections::HashSet;

/// Above this many people touched at once, reading everything again costs less.
const INCREMENTAL_UP_TO: usize = 2_000;

impl Data {
    /// After a change made through `store` that touched `touched`: reads those people again
    /// and updates what depends on them. `Ok(false)`, with nothing changed, when that cannot
    /// give what `load` would: another process wrote since this was read, the change
    /// touched more than people's own rows (a team, role, skill or training), or too many
    /// people. Then `load` it all.
    pub fn apply(&mut self, store: &Store, touched: &Touched) -> Result<bool> {
        if !touched.people_only()
            || touched.people.len() > INCREMENTAL_UP_TO
            || self.store_version.is_none()
            || self.store_version != Some(store.data_version()?)
        {
            return Ok(false);
        }
        let mut read = Vec::with_capacity(touched.people.len());
        for &id in &touched.people {
            let rows = store::load_person(store.conn(), id)
                .with_context(|| format!("cannot read person {id} again"))?;
            read.push((id, rows));
        }
        // The history, when it was read, and the assessors (read again when next shown).
        if let Some(h) = self.history.get_mut() {
            for &id in &touched.people {
                let own = store::load_person_history(store.conn(), id)
                    .with_context(|| format!("cannot read the history of person {id}"))?;
                h.set_person(id, own);
            }
        } else {
            self.history_touched.extend(&touched.people);
        }
        self.forget_trends();
        self.assessors = std::cell::OnceCell::new();
        self.replace_people(read);
        Ok(true)
    }

    /// Replaces everything held of some people with what was read of them (`person: None`:
    /// they were deleted).
    pub(super) fn replace_people(&mut self, read: Vec<(Id, PersonRows)>) {
        let ids: HashSet<Id> = read.iter().map(|(id, _)| *id).collect();
        let mut people: Vec<Person> = Vec::new();
        let mut notes: Vec<Note> = Vec::new();
        for (id, rows) in read {
            self.org.set_person_ratings(id, rows.ratings, rows.verified);
            if rows.overrides.is_empty() {
                self.org.overrides.remove(&id);
            } else {
                self.org.overrides.insert(id, rows.overrides);
            }
            self.org.offers.retain(|o| o.person_id != id);
            for o in rows.offers {
                let key = (o.offered_on, o.id);
                let at = self
                    .org
                    .offers
                    .partition_point(|x| (x.offered_on, x.id) < key);
                self.org.offers.insert(at, o);
            }
            people.extend(rows.person);
            notes.extend(rows.notes);
        }
        // The common case (their assessments, offers or notes changed): everyone stays at
        // their place, and only their entries are made again.
        let in_place = people.len() == ids.len()
            && people.iter().all(|p| {
                self.person_index
                    .get(&p.id)
                    .is_some_and(|&i| self.org.people[i].name == p.name)
            });
        if in_place {
            self.replace_in_place(people);
        } else {
            self.replace_in_org(&ids, people);
            self.replace_rows(&ids);
        }
        self.replace_notes(&ids, notes);
        self.active = self.people.iter().filter(|r| !r.archived).count();
    }

    /// People who keep their place (same name, so the same order everywhere): each entry of
    /// theirs made again where it is.
    fn replace_in_place(&mut self, people: Vec<Person>) {
        let mut places = Vec::with_capacity(people.len());
        for p in people {
            let Some(&i) = self.person_index.get(&p.id) else {
                continue;
            };
            let id = p.id;
            self.org.people[i] = p;
            self.analysis.update_person(&self.org, id);
            places.push((id, i));
        }
        let names = RowNames::new(&self.org);
        for (id, i) in places {
            let open = self.open_items.get(&id).copied().unwrap_or(0);
            let perception = self.analysis.mean_perception_gap(&self.org, id);
            let row = names.row(
                i,
                &self.org.people[i],
                &self.analysis.people[i],
                open,
                perception,
            );
            if let Some(at) = self.people.iter().position(|r| r.id == id) {
                self.people[at] = row;
            }
        }
    }

    /// `org.people` and the analysis, in their order (by name, then id).
    fn replace_in_org(&mut self, ids: &HashSet<Id>, people: Vec<Person>) {
        let mut gone: Vec<usize> = ids
            .iter()
            .filter_map(|id| self.person_index.get(id).copied())
            .collect();
        gone.sort_unstable_by(|a, b| b.cmp(a));
        for i in gone {
            self.org.people.remove(i);
            self.analysis.remove_at(i);
        }
        for p in people {
            let at = self
                .org
                .people
                .partition_point(|q| (&q.name, q.id) < (&p.name, p.id));
            self.org.people.insert(at, p);
            self.analysis.insert_at(&self.org, at);
        }
        self.analysis.reindex();
        self.person_index = self
            .org
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
    }

    /// The People rows (by lower-case name, then place in `org.people`), after
    /// `replace_in_org`. Open items are counted from the notes still held of them.
    fn replace_rows(&mut self, ids: &HashSet<Id>) {
        self.people.retain(|r| !ids.contains(&r.id));
        for r in &mut self.people {
            if let Some(&i) = self.person_index.get(&r.id) {
                r.idx = i;
            }
        }
        let names = RowNames::new(&self.org);
        for id in ids {
            let Some(&idx) = self.person_index.get(id) else {
                continue;
            };
            let p = &self.org.people[idx];
            let perception = self.analysis.mean_perception_gap(&self.org, p.id);
            let row = names.row(idx, p, &self.analysis.people[idx], 0, perception);
            let key = (row.name.to_lowercase(), idx);
            let at = self
                .people
                .partition_point(|r| (r.name.to_lowercase(), r.idx) < key);
            self.people.insert(at, row);
        }
    }

    /// The notes of `ids` (newest first among all), their search text and open items.
    fn replace_notes(&mut self, ids: &HashSet<Id>, mut notes: Vec<Note>) {
        let held: Vec<usize> = (0..self.notes.len())
            .filter(|&i| ids.contains(&self.notes[i].person_id))
            .collect();
        for &i in held.iter().rev() {
            self.notes.remove(i);
            self.note_search.remove(i);
        }
        for id in ids {
            self.open_items.remove(id);
        }
        notes.sort_unstable_by_key(|n| Reverse((n.date, n.id)));
        for n in notes {
            let open = crate::model::open_action_items(&n.body);
            let who = self
                .person_index
                .get(&n.person_id)
                .map(|&i| crate::text::inert(&self.org.people[i].name).to_lowercase())
                .unwrap_or_default();
            let text = note_search_text(&who, &n.body.to_lowercase());
            let key = Reverse((n.date, n.id));
            let at = self
                .notes
                .partition_point(|x| Reverse((x.date, x.id)) < key);
            if open > 0 {
                *self.open_items.entry(n.person_id).or_default() += open;
            }
            self.notes.insert(at, n);
            self.note_search.insert(at, text);
        }
        for r in &mut self.people {
            if ids.contains(&r.id) {
                r.open_items = self.open_items.get(&r.id).copied().unwrap_or(0);
            }
        }
    }
}
