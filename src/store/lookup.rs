//! Lookups for importers: does a record identical in every field already exist?

use super::db::{Db, params};
use super::error::{Context, Result};
use crate::model::{Assessment, Id, Note, Offer};

/// An assessment with the same person, skill, level, source, date, scores, assessor and
/// evidence.
pub fn assessment_exists(c: &Db, a: &Assessment) -> Result<bool> {
    let r = &a.rating;
    c.prepare_cached(
        "SELECT 1 FROM assessments WHERE person_id = ?1 AND skill_id = ?2 AND source = ?3
           AND assessed_on = ?4 AND level = ?5 AND score IS ?6 AND max_score IS ?7
           AND assessor IS ?8 AND evidence IS ?9 LIMIT 1",
    )
    .and_then(|mut s| {
        s.exists(params![
            r.person_id,
            r.skill_id,
            r.source,
            r.assessed_on,
            r.level,
            a.score,
            a.max_score,
            a.assessor,
            a.evidence
        ])
    })
    .ctx(|| format!("cannot look up the assessments of person {}", r.person_id))
}

/// An offer with the same person, training, status and dates.
pub fn offer_exists(c: &Db, o: &Offer) -> Result<bool> {
    c.prepare_cached(
        "SELECT 1 FROM offers WHERE person_id = ?1 AND training_id = ?2 AND status = ?3
           AND offered_on = ?4 AND due_on IS ?5 AND completed_on IS ?6 LIMIT 1",
    )
    .and_then(|mut s| {
        s.exists(params![
            o.person_id,
            o.training_id,
            o.status,
            o.offered_on,
            o.due_on,
            o.completed_on
        ])
    })
    .ctx(|| format!("cannot look up the offers of person {}", o.person_id))
}

/// A note with the same person, date, body, privacy and skill tags (`n.skill_ids` sorted).
pub fn note_exists(c: &Db, n: &Note) -> Result<bool> {
    let ctx = || format!("cannot look up the notes of person {}", n.person_id);
    let ids: Vec<Id> = c
        .prepare_cached(
            "SELECT id FROM notes WHERE person_id = ?1 AND date = ?2 AND body = ?3 AND private = ?4",
        )
        .and_then(|mut s| {
            s.query_map(params![n.person_id, n.date, n.body, n.private], |r| r.get(0))?
                .collect::<super::db::DbResult<_>>()
        })
        .ctx(ctx)?;
    let mut tags = c
        .prepare_cached("SELECT skill_id FROM note_skills WHERE note_id = ?1 ORDER BY skill_id")
        .ctx(ctx)?;
    for id in ids {
        let have: Vec<Id> = tags
            .query_map([id], |r| r.get(0))
            .and_then(|rows| rows.collect::<super::db::DbResult<_>>())
            .ctx(ctx)?;
        if have == n.skill_ids {
            return Ok(true);
        }
    }
    Ok(false)
}
