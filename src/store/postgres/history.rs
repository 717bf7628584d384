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
        let reverse = read_log(
            tx,
            "SELECT sql, guard, what FROM pg_temp.skillgap_undo_log ORDER BY seq DESC",
        )?;
        tx.execute_batch("DELETE FROM pg_temp.skillgap_undo_log")
            .ctx(|| "cannot clear the undo log".into())?;
        Ok((out, reverse))
    })
}
