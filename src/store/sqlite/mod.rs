//! The SQLite engine: one file, no server. Opening, migrations, the file's lock, its checks
//! and backups live here; the store's queries are shared with PostgreSQL (`store::db`).

mod adapter;
pub(super) mod open;

pub(super) use adapter::{cell, each, execute};

use super::db::Db;
use super::error::{Context, Result, StoreError};
use super::{APPLICATION_ID, SCHEMA_VERSION, Store};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

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
    let (a, b) = std::thread::scope(|s| {
        let second = s.spawn(move || {
            let b = beside(&reader);
            (b, end_read(&reader))
        });
        let a = here(&store.conn);
        (a, second.join())
    });
    let (b, ended) = b.unwrap_or_else(|e| std::panic::resume_unwind(e));
    end_read(&store.conn)?;
    ended?;
    Ok((a, b))
}

/// The integrity and schema check behind `skillgap check`: a list of problems, empty when
/// all is well.
pub(super) fn check(c: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let ctx = || "integrity check".to_string();
    let mut stmt = c.prepare("PRAGMA integrity_check").ctx(ctx)?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0)).ctx(ctx)? {
        let row = row.ctx(ctx)?;
        if row != "ok" {
            problems.push(format!("integrity: {row}"));
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

/// Takes the one-writer lock of this database, held until the returned file is dropped.
/// A second TUI on the same file is told so instead of working on beside the first.
pub(super) fn lock_exclusive(db_path: &Path) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut name = db_path.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&lock_path)
        .ctx(|| format!("{}: cannot open lock file", lock_path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked {
            path: db_path.to_path_buf(),
        }),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).ctx(|| format!("{}: cannot lock", lock_path.display()))
        }
    }
}

/// Copies a database with SQLite's online backup into `dest`, which is private (0600) before
/// the first byte is written: the copy holds private notes too. A file already at `dest` is
/// replaced (callers that must not overwrite check first).
pub(in crate::store) fn backup_private(conn: &Connection, dest: &Path) -> Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(dest)
        .ctx(|| format!("{}: cannot create", dest.display()))?;
    // An older file keeps its mode through open(): make it private too.
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .ctx(|| format!("{}: cannot make private", dest.display()))?;
    drop(file);
    conn.backup(rusqlite::MAIN_DB, dest, None)
        .ctx(|| format!("{}: backup failed", dest.display()))
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

/// Changes when another connection committed since this one last read.
pub(super) fn data_version(c: &Db) -> Result<i64> {
    c.query_row("PRAGMA data_version", (), |r| r.get(0))
        .ctx(|| "cannot read the data version".into())
}
