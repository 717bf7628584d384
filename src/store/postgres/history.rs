//! Undo and redo on PostgreSQL: the schema's `skillgap_undo` trigger logs, while the
//! transaction's `skillgap.undo` setting is on, the statement that reverses each row change
//! into this session's temporary table; the rest (guards, refusals) is `store::history`.

use crate::store::db::Db;
use crate::store::error::{Context, Result};
use crate::store::history::{Step, read_log};

pub(in crate::store) fn recorded<T>(
    c: &Db,
    f: impl FnOnce(&Db) -> Result<T>,
) -> Result<(T, Vec<Step>)> {
    c.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS skillgap_undo_log (
             seq bigserial PRIMARY KEY, sql text NOT NULL, guard text NOT NULL, what text NOT NULL)",
    )
    .ctx(|| "cannot set up undo".into())?;
    c.transaction(|tx| {
        // Restoring a person before or after their assessments must both work.
        tx.execute_batch(
            "SET CONSTRAINTS ALL DEFERRED; DELETE FROM pg_temp.skillgap_undo_log;
             SET LOCAL skillgap.undo = 'on'",
        )
        .ctx(|| "cannot start recording".into())?;
        let out = f(tx);
        let stop = tx.execute_batch("SET LOCAL skillgap.undo = 'off'");
        let out = out?;
        stop.ctx(|| "cannot stop recording".into())?;
        let reverse = read_log(tx, REVERSE_ORDER)?;
        tx.execute_batch("DELETE FROM pg_temp.skillgap_undo_log")
            .ctx(|| "cannot clear the undo log".into())?;
        Ok((out, reverse))
    })
}

/// The log, last change first; but where rows deleted together (as a cascade deletes a
/// person's notes and their skill tags) come back, parents come back first. Row-level security
/// checks a row's parent at once (a note's skill tags need their note), not at commit as
/// the deferred foreign keys do; rows that existed together can come back in any order. So
/// within each run of restoring inserts, they go by table, parents first, then last first.
const REVERSE_ORDER: &str = "
    SELECT sql, guard, what FROM (
        SELECT seq, sql, guard, what, starts_with(sql, 'INSERT INTO ') AS restores,
               sum(CASE WHEN starts_with(sql, 'INSERT INTO ') THEN 0 ELSE 1 END)
                   OVER (ORDER BY seq DESC) AS run
        FROM pg_temp.skillgap_undo_log) l
    ORDER BY run, restores,
        CASE WHEN restores THEN array_position(
            ARRAY['teams', 'skills', 'skill_levels', 'roles', 'role_targets', 'trainings',
                  'training_skills', 'people', 'person_targets', 'assessments', 'offers',
                  'notes', 'note_skills'],
            split_part(substr(sql, 13), ' ', 1)) END,
        seq DESC";
