//! The latest ratings of everyone, held compactly: at 100,000 people 2.6 million of them,
//! 84 MB as `Rating`s (32 bytes each). Once sorted (`pack`) a rating takes 16 bytes: its
//! person is where it lies (an index of where each person's ratings start) and its skill a
//! number into the skills held once. What is given out is plain `Rating`s, rebuilt.

use super::compact::{Numbers, Starts};
use crate::model::{Id, Rating, Source};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Packed {
    id: Id,
    assessed_on: NaiveDate,
    /// Into `Ratings::skills`.
    skill: u16,
    level: u8,
    source: Source,
}

/// Ratings by person, then skill, then id once packed; any order before.
#[derive(Clone, Default)]
pub struct Ratings {
    /// Where each person's ratings start in `packed`.
    people: Starts,
    packed: Vec<Packed>,
    /// The skill ids `Packed::skill` numbers.
    skills: Numbers,
    /// Not packed (yet): added since the last `pack`, or all of them when there are more
    /// skills than a number holds.
    loose: Vec<Rating>,
}

impl Ratings {
    pub fn new() -> Ratings {
        Ratings::default()
    }

    /// Room for `n` ratings read in order (`push_sorted`).
    pub fn with_capacity(n: usize) -> Ratings {
        Ratings {
            packed: Vec::with_capacity(n),
            ..Ratings::default()
        }
    }

    pub fn len(&self) -> usize {
        self.packed.len() + self.loose.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds a rating (loose until the next `pack`).
    pub fn push(&mut self, r: Rating) {
        self.loose.push(r);
    }

    pub fn clear(&mut self) {
        *self = Ratings::default();
    }

    /// Keeps the ratings `keep` says yes to.
    pub fn retain(&mut self, keep: impl FnMut(&Rating) -> bool) {
        let mut all: Vec<Rating> = self.iter().collect();
        all.retain(keep);
        *self = Ratings::from(all);
    }

    /// The `i`-th rating, in the order `iter` gives.
    pub fn get(&self, i: usize) -> Option<Rating> {
        self.iter().nth(i)
    }

    /// Every rating: the packed ones by person, skill and id, then the loose ones.
    pub fn iter(&self) -> impl Iterator<Item = Rating> + '_ {
        let packed = self
            .people
            .iter(self.packed.len())
            .flat_map(move |(person, rows)| {
                self.packed[rows]
                    .iter()
                    .map(move |p| self.unpack(person, p))
            });
        packed.chain(self.loose.iter().copied())
    }

    /// Sorts by (person, skill, id) and packs what it can.
    pub fn pack(&mut self) {
        if self.loose.is_empty() {
            return;
        }
        let mut all: Vec<Rating> = Vec::with_capacity(self.len());
        all.extend(self.iter());
        all.sort_by_key(|r| (r.person_id, r.skill_id, r.id));
        *self = Ratings::default();
        self.extend_sorted(all);
    }

    /// Adds ratings sorted by (person, skill, id) of people after every one held (as
    /// `load_org` reads them): packed at once. Otherwise they are added loose.
    pub fn extend_sorted(&mut self, ratings: impl IntoIterator<Item = Rating>) {
        for r in ratings {
            self.push_sorted(r);
        }
    }

    /// `extend_sorted` of one rating.
    pub fn push_sorted(&mut self, r: Rating) {
        {
            let after = self.people.last().is_none_or(|p| p <= r.person_id);
            let skill = self.skill_number(r.skill_id);
            match skill {
                Some(skill) if after && self.loose.is_empty() => {
                    if self.people.last() != Some(r.person_id) {
                        self.people.push(r.person_id, self.packed.len());
                    }
                    self.packed.push(Packed {
                        id: r.id,
                        assessed_on: r.assessed_on,
                        skill,
                        level: r.level,
                        source: r.source,
                    });
                }
                _ => self.loose.push(r),
            }
        }
    }

    /// Another person-ordered set of ratings of people after these (the second half of a
    /// parallel read).
    pub fn append(&mut self, other: Ratings) {
        // Straight from the other's rows: at 100,000 people a vector of them was 42 MB.
        self.extend_sorted(other.iter());
    }

    pub fn shrink_to_fit(&mut self) {
        self.people.shrink_to_fit();
        self.packed.shrink_to_fit();
        self.loose.shrink_to_fit();
    }

    /// One person's ratings, by skill and id (once packed).
    pub fn of_person(&self, person_id: Id) -> Vec<Rating> {
        let mut out: Vec<Rating> = self.packed[self.people.range(person_id, self.packed.len())]
            .iter()
            .map(|p| self.unpack(person_id, p))
            .collect();
        if !self.loose.is_empty() {
            out.extend(self.loose.iter().filter(|r| r.person_id == person_id));
            out.sort_by_key(|r| (r.skill_id, r.id));
        }
        out
    }

    /// One person's ratings of one skill.
    pub fn of(&self, person_id: Id, skill_id: Id) -> Vec<Rating> {
        let mut own = self.of_person(person_id);
        own.retain(|r| r.skill_id == skill_id);
        own
    }

    /// Replaces one person's ratings with `ratings` (theirs, by skill and id).
    pub fn set_person(&mut self, person_id: Id, ratings: Vec<Rating>) {
        if !self.loose.is_empty() {
            self.loose.retain(|r| r.person_id != person_id);
        }
        let was = self.people.range(person_id, self.packed.len());
        let mut packed = Vec::with_capacity(ratings.len());
        for r in ratings.iter().filter(|r| r.person_id == person_id) {
            match self.skill_number(r.skill_id) {
                Some(skill) => packed.push(Packed {
                    id: r.id,
                    assessed_on: r.assessed_on,
                    skill,
                    level: r.level,
                    source: r.source,
                }),
                None => {
                    // More skills than a number holds: this person's stay loose.
                    packed.clear();
                    self.loose
                        .extend(ratings.iter().filter(|r| r.person_id == person_id));
                    break;
                }
            }
        }
        let added = packed.len();
        self.packed.splice(was.clone(), packed);
        self.people.replaced(person_id, was, added);
    }

    fn unpack(&self, person_id: Id, p: &Packed) -> Rating {
        Rating {
            id: p.id,
            person_id,
            skill_id: self.skills.id(u32::from(p.skill)),
            level: p.level,
            source: p.source,
            assessed_on: p.assessed_on,
        }
    }

    /// The number of a skill, added when new; `None` once numbers run out.
    fn skill_number(&mut self, skill_id: Id) -> Option<u16> {
        u16::try_from(self.skills.number(skill_id)).ok()
    }
}

impl From<Vec<Rating>> for Ratings {
    fn from(all: Vec<Rating>) -> Ratings {
        let mut out = Ratings {
            loose: all,
            ..Ratings::default()
        };
        out.pack();
        out
    }
}

impl FromIterator<Rating> for Ratings {
    fn from_iter<I: IntoIterator<Item = Rating>>(iter: I) -> Ratings {
        Ratings::from(iter.into_iter().collect::<Vec<_>>())
    }
}

/// Equal when they hold the same ratings in the same order.
impl PartialEq for Ratings {
    fn eq(&self, other: &Ratings) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Ratings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(id: Id, person_id: Id, skill_id: Id, level: u8, source: Source) -> Rating {
        Rating {
            id,
            person_id,
            skill_id,
            level,
            source,
            assessed_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
                + chrono::Days::new(id as u64),
        }
    }

    fn sample() -> Vec<Rating> {
        let sources = [Source::SelfRated, Source::Manager, Source::Verified];
        (0..200)
            .map(|i: Id| {
                r(
                    i + 1,
                    (i * 7) % 13,
                    (i * 5) % 9 + 100,
                    (i % 6) as u8,
                    sources[(i % 3) as usize],
                )
            })
            .collect()
    }

    #[test]
    fn packed_ratings_give_back_what_was_put_in_in_order() {
        let all = sample();
        let packed = Ratings::from(all.clone());
        let mut sorted = all.clone();
        sorted.sort_by_key(|r| (r.person_id, r.skill_id, r.id));
        assert_eq!(packed.iter().collect::<Vec<_>>(), sorted);
        assert!(packed.loose.is_empty(), "all packed");
        for p in 0..14 {
            let own: Vec<Rating> = sorted
                .iter()
                .filter(|r| r.person_id == p)
                .copied()
                .collect();
            assert_eq!(packed.of_person(p), own, "person {p}");
            for s in 100..110 {
                let of: Vec<Rating> = own.iter().filter(|r| r.skill_id == s).copied().collect();
                assert_eq!(packed.of(p, s), of);
            }
        }
        // Loose additions are found before and after packing.
        let mut more = packed.clone();
        more.push(r(999, 3, 104, 5, Source::Verified));
        assert!(more.of_person(3).iter().any(|r| r.id == 999));
        more.pack();
        assert!(more.loose.is_empty());
        assert!(more.of(3, 104).iter().any(|r| r.id == 999));
        assert_eq!(more.len(), all.len() + 1);
    }

    #[test]
    fn a_person_replaced_taken_out_or_added_gives_what_packing_all_gives() {
        let all = sample();
        let mut held = Ratings::from(all.clone());
        let moved = |from: Id, to: Id| -> Vec<Rating> {
            let mut v: Vec<Rating> = all
                .iter()
                .filter(|r| r.person_id == from)
                .map(|r| Rating {
                    person_id: to,
                    ..*r
                })
                .collect();
            v.sort_by_key(|r| (r.skill_id, r.id));
            v
        };
        held.set_person(2, Vec::new());
        held.set_person(5, moved(7, 5)[..3].to_vec());
        held.set_person(-1, moved(4, -1));
        held.set_person(50, moved(1, 50));
        held.set_person(6, Vec::new());
        held.set_person(6, moved(8, 6));
        let expected: Vec<Rating> = all
            .iter()
            .filter(|r| ![2, 5, 6].contains(&r.person_id))
            .copied()
            .chain(moved(7, 5)[..3].iter().copied())
            .chain(moved(4, -1))
            .chain(moved(1, 50))
            .chain(moved(8, 6))
            .collect();
        assert_eq!(held, Ratings::from(expected));
    }

    #[test]
    fn more_skills_than_a_number_holds_are_kept_loose_and_still_found() {
        let mut many = Ratings::new();
        let all: Vec<Rating> = (0..70_000)
            .map(|i: Id| r(i + 1, i / 10, i, 1, Source::Manager))
            .collect();
        many.extend_sorted(all.clone());
        assert_eq!(many.len(), all.len());
        assert!(!many.loose.is_empty());
        assert_eq!(many.of_person(6_999), all[69_990..].to_vec());
        assert_eq!(many.of(0, 3), vec![all[3]]);
        assert_eq!(many.iter().collect::<Vec<_>>(), all);
    }
}
