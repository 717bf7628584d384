//! Adding many assessments at once (an import): the rows first, then `assessment_latest`
//! brought up to date in one statement, instead of its trigger running once per row. The
//! result is the one the trigger gives row by row; all inside the caller's transaction.

use super::db::{Db, OptionalExtension};
use super::error::{Context, Result};
use super::records::insert_assessment;
use crate::model::Assessment;

const TRIGGER: &str = "assessments_latest_insert";

/// How many rows are added between two questions whether to go on.
const ASK_EVERY: usize = 4096;

/// Adds `rows` in order (ids as adding them one by one gives). Must run in a transaction
/// (see `latest_deferred`). Asks `go_on` every few thousand rows; `Ok(false)` when it said
/// no, with only some of them added: the caller then rolls the transaction back.
pub fn insert_assessments(c: &Db, rows: &[Assessment], go_on: &dyn Fn() -> bool) -> Result<bool> {
    if rows.len() < 64 {
        for a in rows {
            insert_assessment(c, a)?;
        }
        return Ok(true);
    }
    latest_deferred(c, |c| {
        for chunk in rows.chunks(ASK_EVERY) {
            if !go_on() {
                return Ok(false);
            }
            for a in chunk {
                insert_assessment(c, a)?;
            }
        }
        Ok(true)
    })
}

/// Runs `f`, which only adds assessments, with `assessment_latest` brought up to date once
/// after it rather than by the trigger per row. Must run in a transaction: the per-row
/// trigger is dropped meanwhile and made again, from its own stored text.
pub fn latest_deferred<T>(c: &Db, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
    // A server keeps its own latest table: nothing to defer there.
    if c.is_postgres() {
        return f(c);
    }
    let ctx = || "cannot add assessments".to_string();
    let trigger: Option<String> = c
        .query_row(
            &format!("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{TRIGGER}'"),
            (),
            |r| r.get(0),
        )
        .optional()
        .ctx(ctx)?;
    let before: i64 = c
        .query_row("SELECT coalesce(max(id), 0) FROM assessments", (), |r| {
            r.get(0)
        })
        .ctx(ctx)?;
    if trigger.is_some() {
        c.execute_batch(&format!("DROP TRIGGER {TRIGGER}"))
            .ctx(ctx)?;
    }
    let out = f(c)?;
    let Some(trigger) = trigger else {
        return Ok(out);
    };
    c.execute_batch(&trigger).ctx(ctx)?;
    // What the trigger does for each new row (in id order) leaves, per person, skill and
    // source, the row with the greatest (day, id) among the one there before and the new
    // ones, under the trigger's own condition: one upsert of each group's greatest.
    c.execute(
        "INSERT INTO assessment_latest (person_id, skill_id, source, assessment_id, level, day)
         SELECT person_id, skill_id, src, id, level, day FROM (
             SELECT person_id, skill_id, src, id, level, day,
                    row_number() OVER (PARTITION BY person_id, skill_id, src
                                       ORDER BY day DESC, id DESC) AS n
             FROM (SELECT person_id, skill_id,
                          CASE source WHEN 'self' THEN 0 WHEN 'manager' THEN 1
                                      WHEN 'verified' THEN 2 END AS src,
                          id, level,
                          CASE WHEN date(assessed_on) IS assessed_on
                               THEN unixepoch(assessed_on) / 86400 END AS day
                   FROM assessments WHERE id > ?1))
         WHERE n = 1 ORDER BY person_id, skill_id, src
         ON CONFLICT (person_id, skill_id, source) DO UPDATE
             SET assessment_id = excluded.assessment_id,
                 level = excluded.level,
                 day = excluded.day
             WHERE (excluded.day, excluded.assessment_id)
                 > (assessment_latest.day, assessment_latest.assessment_id)",
        [before],
    )
    .ctx(ctx)?;
    Ok(out)
}
