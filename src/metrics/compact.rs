//! What compact rows (`Ratings`, `TrendLevels`) share: kept by person, a row holds neither
//! its person (`Starts`: where each person's rows start) nor its skill's id (`Numbers`: a
//! small number for each skill).

use crate::model::Id;
use std::collections::HashMap;
use std::ops::Range;

/// Where each person's rows start in a vector of rows kept by person (ascending); a
/// person's rows end where the next one's start.
#[derive(Debug, Clone, Default)]
pub(super) struct Starts {
    people: Vec<(Id, usize)>,
}

impl Starts {
    /// The last person held.
    pub(super) fn last(&self) -> Option<Id> {
        self.people.last().map(|p| p.0)
    }

    pub(super) fn len(&self) -> usize {
        self.people.len()
    }

    /// A person after everyone held, whose rows start at `start`.
    pub(super) fn push(&mut self, person_id: Id, start: usize) {
        debug_assert!(self.last().is_none_or(|p| p < person_id));
        self.people.push((person_id, start));
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.people.shrink_to_fit();
    }

    /// The rows of a person among `len` rows: an empty range where they would go when none.
    pub(super) fn range(&self, person_id: Id, len: usize) -> Range<usize> {
        let at = self.people.partition_point(|p| p.0 < person_id);
        let start = |i: usize| self.people.get(i).map_or(len, |p| p.1);
        match self.people.get(at) {
            Some(p) if p.0 == person_id => p.1..start(at + 1),
            _ => start(at)..start(at),
        }
    }

    /// Each person and their rows among `len` rows, in order.
    pub(super) fn iter(&self, len: usize) -> impl Iterator<Item = (Id, Range<usize>)> + '_ {
        (0..self.people.len()).map(move |k| {
            let end = self.people.get(k + 1).map_or(len, |p| p.1);
            (self.people[k].0, self.people[k].1..end)
        })
    }

    /// After a person's rows `was` (as `range` gave them) were replaced by `added` rows.
    pub(super) fn replaced(&mut self, person_id: Id, was: Range<usize>, added: usize) {
        let at = self.people.partition_point(|p| p.0 < person_id);
        let held = self.people.get(at).is_some_and(|p| p.0 == person_id);
        match (held, added) {
            (true, 0) => {
                self.people.remove(at);
            }
            (false, 1..) => self.people.insert(at, (person_id, was.start)),
            _ => {}
        }
        // The rows of the people after start where theirs moved.
        let after = at + usize::from(added > 0);
        for p in &mut self.people[after..] {
            p.1 = p.1 + added - was.len();
        }
    }
}

/// A framework has a few dozen skills: below this many a walk finds one sooner than a hash.
const WALK: usize = 64;

#[derive(Debug, Clone, Default)]
pub(super) struct Numbers {
    ids: Vec<Id>,
    /// The number of each id, once there are more than `WALK`.
    index: HashMap<Id, u32>,
}

impl Numbers {
    /// The number of `id`, given it when new.
    pub(super) fn number(&mut self, id: Id) -> u32 {
        let found = if self.ids.len() <= WALK {
            self.ids.iter().position(|&s| s == id)
        } else {
            self.index.get(&id).map(|&n| n as usize)
        };
        if let Some(n) = found {
            return n as u32;
        }
        let n = self.ids.len() as u32;
        self.ids.push(id);
        if self.ids.len() > WALK {
            if self.index.is_empty() {
                self.index = (0..).zip(&self.ids).map(|(n, &s)| (s, n)).collect();
            } else {
                self.index.insert(id, n);
            }
        }
        n
    }

    /// The id numbered `n`.
    pub(super) fn id(&self, n: u32) -> Id {
        self.ids[n as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::Numbers;

    #[test]
    fn ids_keep_their_numbers_past_the_walk() {
        let mut n = Numbers::default();
        let ids: Vec<i64> = (0..500).map(|i| i * 7 - 100).collect();
        for (k, &id) in ids.iter().enumerate() {
            assert_eq!(n.number(id), k as u32);
        }
        for (k, &id) in ids.iter().enumerate().rev() {
            assert_eq!(n.number(id), k as u32);
            assert_eq!(n.id(k as u32), id);
        }
        assert_eq!(n.ids.len(), 500);
    }
}
