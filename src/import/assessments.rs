//! assessments: person*, skill*, level*, source*, assessed_on*, score, max_score, assessor,
//! evidence. A row identical in every field to an existing assessment is skipped.

use super::csv_rows::{Col, Sheet, opt, req};
use super::lookup::{People, Skills};
use super::{ImportError, Outcome, clean_text, parse_date_cell, parse_level, parse_number};
use crate::model::{Assessment, Id, Rating, Source};
use crate::store::Db;
use crate::store::{bulk, lookup, records};
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

pub const COLUMNS: &[Col] = &[
    req("person"),
    req("skill"),
    req("level"),
    req("source"),
    req("assessed_on"),
    opt("score"),
    opt("max_score"),
    opt("assessor"),
    opt("evidence"),
];

/// A hash of every field; a hit is confirmed in SQL, so a collision never skips a row.
fn fingerprint(a: &Assessment) -> u64 {
    let r = &a.rating;
    let mut h = DefaultHasher::new();
    (r.person_id, r.skill_id, r.level, r.source, r.assessed_on).hash(&mut h);
    (a.score.map(f64::to_bits), a.max_score.map(f64::to_bits)).hash(&mut h);
    (&a.assessor, &a.evidence).hash(&mut h);
    h.finish()
}

/// Fingerprints of the assessments already stored, loaded per person on first sight.
struct Existing {
    loaded: HashSet<Id>,
    keys: HashSet<u64>,
}

impl Existing {
    fn load_person(&mut self, c: &Db, person_id: Id) -> crate::store::Result<()> {
        if self.loaded.insert(person_id) {
            for a in records::person_history(c, person_id)? {
                self.keys.insert(fingerprint(&a));
            }
        }
        Ok(())
    }
}

pub fn import(c: &Db, bytes: &[u8], out: &mut Outcome) -> Result<(), ImportError> {
    let Some(mut sheet) = Sheet::open(bytes, COLUMNS, out) else {
        return Ok(());
    };
    let people = People::load(c)?;
    let skills = Skills::load(c)?;
    let mut existing = Existing {
        loaded: HashSet::new(),
        keys: HashSet::new(),
    };
    let mut new: Vec<Assessment> = Vec::new();
    // Where in `new` the rows of each fingerprint are.
    let mut pending: HashMap<u64, Vec<usize>> = HashMap::new();
    while let Some(row) = sheet.next_row(out) {
        out.report.rows += 1;
        let line = row.line;
        let before = out.problems.total;
        let person = sheet.need_with(&row, "person", out, |v| people.resolve(v));
        let skill = sheet.need_with(&row, "skill", out, |v| skills.resolve(v));
        let level = sheet
            .need(&row, "level", out)
            .and_then(|v| parse_level(out, line, "level", v, 0));
        let source = sheet.need_with(&row, "source", out, |v| v.parse::<Source>());
        let date = sheet
            .need(&row, "assessed_on", out)
            .and_then(|v| parse_date_cell(out, line, "assessed_on", v));
        let score = sheet
            .get(&row, "score")
            .and_then(|v| parse_number(out, line, "score", v));
        let max_score = sheet
            .get(&row, "max_score")
            .and_then(|v| parse_number(out, line, "max_score", v));
        if let (Some(s), Some(m)) = (score, max_score)
            && s > m
        {
            out.problem(line, Some("score"), format!("{s} is above max_score {m}"));
        }
        if max_score == Some(0.0) {
            out.problem(line, Some("max_score"), "must be above 0".into());
        }
        if out.problems.total > before {
            continue;
        }
        let (Some(person_id), Some(skill_id), Some(level), Some(source), Some(assessed_on)) =
            (person, skill, level, source, date)
        else {
            continue;
        };
        let a = Assessment {
            rating: Rating {
                id: 0,
                person_id,
                skill_id,
                level,
                source,
                assessed_on,
            },
            score,
            max_score,
            assessor: sheet.get(&row, "assessor").map(clean_text),
            evidence: sheet.get(&row, "evidence").map(clean_text),
        };
        if !out.problems.is_empty() {
            // The import will be rolled back: keep checking, stop writing.
            continue;
        }
        existing.load_person(c, person_id)?;
        let key = fingerprint(&a);
        // The same row earlier in this file is not written yet: found among the new ones.
        if existing.keys.contains(&key)
            && (pending
                .get(&key)
                .is_some_and(|at| at.iter().any(|&i| new[i] == a))
                || lookup::assessment_exists(c, &a)?)
        {
            out.report.unchanged += 1;
            continue;
        }
        existing.keys.insert(key);
        pending.entry(key).or_default().push(new.len());
        new.push(a);
        out.added("assessments");
    }
    if out.problems.is_empty() && !out.cancelled {
        // Every row is checked first; the new ones are then added in one go, in file order,
        // asking now and then whether to go on (all of the file is read by now).
        let total = bytes.len() as u64;
        let progress = out.progress.clone();
        let go_on = move || progress.as_ref().is_none_or(|p| p(total, total));
        if !bulk::insert_assessments(c, &new, &go_on)? {
            out.cancelled = true;
        }
    }
    Ok(())
}
