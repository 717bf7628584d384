//! The SQLite engine: one file, no server. Opening, migrations, the file's lock, its checks
//! and backups live here; the store's queries are shared with PostgreSQL (`store::db`).

mod adapter;
pub(super) mod backup;
pub(super) mod damage;
mod erase;
pub(super) mod open;

pub(super) use adapter::{cell, each, execute};

use super::db::Db;
use super::error::{Context, Result, StoreError};
use super::{APPLICATION_ID, SCHEMA_VERSION, Store};
use rusqlite::Connection;
use std::path::Path;

/// Runs `here` on this connection and `beside` on a second connection to the same file,
/// in another thread, both reading one snapshot of the database: the result is the one
/// running them one after the other in a read transaction would give, even when another
/// process commits meanwhile. Inside a transaction, both run here, one after the other.
pub(super) fn read_in_parallel<A, B: Send>(
    store: &Store,
    here: impl FnOnce(&Db) -> A,
    beside: impl FnOnce(&Db) -> B + Send,
) -> Result<(A, B)> {
    if !store.conn.is_autocommit() {
        return Ok((here(&store.conn), beside(&store.conn)));
    }
    let reader = Db::Sqlite(open::open_reader(&store.path)?);
    // The two read transactions see the same snapshot when nothing was committed between
    // the reader's look before the first began and its look as the second began: its
    // data_version changes exactly when another connection committed in between. A
    // writer that keeps committing sends the work to one connection.
    let mut same_snapshot = false;
    for _ in 0..3 {
        let before = data_version(&reader)?;
        begin_read(&store.conn)?;
        begin_read(&reader)?;
        if data_version(&reader)? == before {
            same_snapshot = true;
            break;
        }
        end_read(&reader)?;
        end_read(&store.conn)?;
    }
    if !same_snapshot {
        return store.read(|c| (here(c), beside(c)));
    }
    super::read_split(&store.conn, reader, here, beside)
}

/// The integrity and schema check behind `skillgap check`: a list of problems, empty when
/// all is well.
pub(super) fn check(c: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let ctx = || "integrity check".to_string();
    let mut stmt = c.prepare("PRAGMA integrity_check").ctx(ctx)?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0)).ctx(ctx)? {
        match row {
            Ok(row) if row == "ok" => {}
            Ok(row) => problems.push(format!("integrity: {row}")),
            // So damaged that the check itself cannot go on: that is the finding.
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
                ) =>
            {
                problems
                    .push("integrity: the file is damaged beyond what the check can read".into());
                return Ok(problems);
            }
            Err(e) => return Err(e).ctx(ctx),
        }
    }
    let mut stmt = c.prepare("PRAGMA foreign_key_check").ctx(ctx)?;
    let fk = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} row {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?
            ))
        })
        .ctx(ctx)?;
    for row in fk {
        problems.push(format!("broken reference: {}", row.ctx(ctx)?));
    }
    let version: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .ctx(ctx)?;
    if version != SCHEMA_VERSION {
        problems.push(format!(
            "schema version {version}, expected {SCHEMA_VERSION}"
        ));
    }
    let app: i32 = c
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .ctx(ctx)?;
    if app != APPLICATION_ID {
        problems.push(format!(
            "application_id {app:#x}, expected {APPLICATION_ID:#x}"
        ));
    }
    // The latest-per-source table (numbers: see schema 002) must agree with the
    // assessment history.
    let drift: i64 = c
        .query_row(
            "SELECT count(*) FROM (
               SELECT person_id, skill_id,
                      CASE source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 WHEN 'verified' THEN 2 END
                        AS source,
                      max(assessed_on || '#' || printf('%020d', id)) AS k
               FROM assessments GROUP BY person_id, skill_id, assessments.source
             ) h FULL JOIN assessment_latest l USING (person_id, skill_id, source)
             WHERE h.k IS NOT date(l.day * 86400, 'unixepoch') || '#' || printf('%020d', l.assessment_id)",
            [],
            |r| r.get(0),
        )
        .ctx(ctx)?;
    if drift > 0 {
        problems.push(format!("{drift} latest-assessment entries out of step"));
    }
    Ok(problems)
}

pub(super) fn lock_exclusive(db_path: &Path) -> Result<std::fs::File> {
    // An advisory lock (flock) on the database file itself: it holds for the file whatever
    // name leads to it, and no lock file is left behind. SQLite's own locks are POSIX
    // record locks, which flock does not touch.
    let file = std::fs::File::open(db_path)
        .ctx(|| format!("{}: cannot open to lock", db_path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked {
            path: db_path.to_path_buf(),
        }),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).ctx(|| format!("{}: cannot lock", db_path.display()))
        }
    }
}

/// Starts a read transaction and takes its snapshot at once.
pub(super) fn begin_read(c: &Db) -> Result<()> {
    c.execute_batch("BEGIN")
        .ctx(|| "cannot start reading".into())?;
    data_version(c).map(|_| ())
}

pub(super) fn end_read(c: &Db) -> Result<()> {
    c.execute_batch("COMMIT")
        .ctx(|| "cannot finish reading".into())
}

/// The OS user running this process, a note's author on a file: the name of the real
/// user id (the password database's, as `id -un` gives it), else `$USER` or `$LOGNAME`,
/// else "unknown user". Looked up once.
pub(super) fn os_user() -> String {
    static USER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    USER.get_or_init(|| {
        whoami::username()
            .ok()
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("LOGNAME").ok())
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "unknown user".into())
    })
    .clone()
}

/// Changes when another connection committed since this one last read.
pub(super) fn data_version(c: &Db) -> Result<i64> {
    c.query_row("PRAGMA data_version", (), |r| r.get(0))
        .ctx(|| "cannot read the data version".into())
}
