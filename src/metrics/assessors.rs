//! Who gave each latest manager rating (drift per assessor). At 100,000 people that is about
//! 600,000 ratings but far fewer names (one per manager): each name is held once, and the
//! ratings in one sorted vector (16 bytes each) rather than a map of strings (about 80 bytes
//! each).

use crate::model::Id;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct Assessors {
    /// (assessment id, index into `names`), sorted by id.
    by_id: Vec<(Id, u32)>,
    names: Vec<String>,
    /// The index of each name, while pairs are pushed (emptied by `finish`).
    numbers: HashMap<String, u32>,
}

/// Equal when every assessment has the same assessor.
impl PartialEq for Assessors {
    fn eq(&self, other: &Assessors) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Assessors {
    /// From (assessment id, assessor) pairs in any order; the last name given for an id wins.
    pub fn from_pairs<S: AsRef<str>>(pairs: impl IntoIterator<Item = (Id, S)>) -> Assessors {
        let mut out = Assessors::default();
        for (id, name) in pairs {
            out.push(id, name.as_ref());
        }
        out.finish();
        out
    }

    /// Adds one pair; `finish` once all are in.
    pub fn push(&mut self, id: Id, name: &str) {
        if self.numbers.len() < self.names.len() {
            // Pushed to again after `finish`: number the names held first.
            self.numbers = (0..)
                .zip(&self.names)
                .map(|(i, n)| (n.clone(), i))
                .collect();
        }
        let i = match self.numbers.get(name) {
            Some(&i) => i,
            None => {
                let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                self.names.push(name.to_string());
                self.numbers.insert(name.to_string(), i);
                i
            }
        };
        self.by_id.push((id, i));
    }

    /// Sorts what was pushed (a stable sort: of two names for one id, the last pushed wins).
    pub fn finish(&mut self) {
        if !self.by_id.is_sorted_by_key(|p| p.0) {
            self.by_id.sort_by_key(|p| p.0);
        }
        // Keep the last of equal ids.
        self.by_id.reverse();
        self.by_id.dedup_by_key(|p| p.0);
        self.by_id.reverse();
        self.by_id.shrink_to_fit();
        self.numbers = HashMap::new();
    }

    /// The assessor of an assessment (a latest manager rating), if named.
    pub fn get(&self, id: Id) -> Option<&str> {
        let i = self.by_id.binary_search_by_key(&id, |p| p.0).ok()?;
        self.names
            .get(usize::try_from(self.by_id[i].1).ok()?)
            .map(String::as_str)
    }

    /// (assessment id, assessor), by id.
    pub fn iter(&self) -> impl Iterator<Item = (Id, &str)> {
        self.by_id
            .iter()
            .filter_map(|&(id, i)| Some((id, self.names.get(usize::try_from(i).ok()?)?.as_str())))
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::Assessors;

    #[test]
    fn each_id_finds_its_name_and_names_are_held_once() {
        let a = Assessors::from_pairs([(30, "Ana"), (10, "Ben"), (20, "Ana"), (10, "Cy")]);
        assert_eq!(a.get(10), Some("Cy"), "the last name given wins");
        assert_eq!(a.get(20), Some("Ana"));
        assert_eq!(a.get(30), Some("Ana"));
        assert_eq!(a.get(15), None);
        assert_eq!(a.len(), 3);
        assert_eq!(a.names.len(), 3);
        let all: Vec<_> = a.iter().collect();
        assert_eq!(all, vec![(10, "Cy"), (20, "Ana"), (30, "Ana")]);
        // Many assessors (one per manager) and pushes after `finish`.
        let mut many = Assessors::from_pairs((0..50_000).map(|i| (i, format!("M{}", i % 7_000))));
        assert_eq!(many.names.len(), 7_000);
        assert_eq!(many.get(7_003), Some("M3"));
        many.push(60_000, "M3");
        many.push(60_001, "New");
        many.finish();
        assert_eq!(many.names.len(), 7_001);
        assert_eq!(
            (many.get(60_000), many.get(60_001)),
            (Some("M3"), Some("New"))
        );
    }
}
