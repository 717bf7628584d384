//! Who gave each latest manager rating (drift per assessor). At 100,000 people that is about
//! 600,000 ratings but a handful of names: each name is held once, and the ratings in one
//! sorted vector (16 bytes each) rather than a map of strings (about 80 bytes each).

use crate::model::Id;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assessors {
    /// (assessment id, index into `names`), sorted by id.
    by_id: Vec<(Id, u32)>,
    names: Vec<String>,
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
        let i = match self.names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                self.names.push(name.to_string());
                self.names.len() - 1
            }
        };
        self.by_id.push((id, u32::try_from(i).unwrap_or(u32::MAX)));
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
    }
}
