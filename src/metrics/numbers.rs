//! Skill ids numbered in the order first seen, so that compact rows (`Ratings`,
//! `TrendLevels`) hold a small number instead of an id.

use crate::model::Id;
use std::collections::HashMap;

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
