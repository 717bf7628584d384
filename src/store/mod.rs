//! The SQLite store. Knows SQL and the model types; knows nothing of terminals.
//!
//! Entity functions take a `&Connection` so that they work the same on the store's
//! connection and inside a `Transaction` (importers batch many rows into one).

mod backup;
mod damage;
mod erase;
mod error;
mod history;
mod load;
pub mod lookup;
mod open;
pub mod people;
pub mod records;
mod seen;
pub mod skills;
mod sql_types;
pub mod teams;

pub use load::{
    load_history, load_history_since, load_manager_assessors, load_org, load_org_with,
    load_person_history, load_person_ratings,
};

pub use error::{Context, Result, StoreError, io_plain as plain_io};
pub use history::{Change, History};
pub use open::{Missing, SCHEMA_VERSION};
pub use seen::{Changed, FieldChange, RecordRef, Seen};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// 0x534B4750, "SKGP": the application_id in the header of every skillgap database.
pub const APPLICATION_ID: i32 = 0x534B_4750;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Opened read-only: its folder or disk cannot be written (reading commands still work).
    read_only: bool,
    /// The damage check's state (see `damage`).
    damage: damage::Damage,
}

impl Store {
    /// Opens a database; see `Missing` for what happens when the file does not exist.
    /// Foreign files and newer schemas are refused and left byte-for-byte untouched.
    pub fn open(path: &Path, missing: Missing) -> Result<Store> {
        open::open(path, missing)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `here` on this connection and `beside` on a second connection to the same file,
    /// in another thread, both reading one snapshot of the database: the result is the one
    /// running them one after the other in a read transaction would give, even when another
    /// process commits meanwhile. Inside a transaction, both run here, one after the other.
    pub fn read_in_parallel<A, B: Send>(
        &self,
        here: impl FnOnce(&Connection) -> A,
        beside: impl FnOnce(&Connection) -> B + Send,
    ) -> Result<(A, B)> {
        if !self.conn.is_autocommit() {
            return Ok((here(&self.conn), beside(&self.conn)));
        }
        let reader = open::open_reader(&self.path)?;
        // The two read transactions see the same snapshot when nothing was committed between
        // the reader's look before the first began and its look as the second began: its
        // data_version changes exactly when another connection committed in between. A
        // writer that keeps committing sends the work to one connection.
        let mut same_snapshot = false;
        for _ in 0..3 {
            let before = data_version(&reader)?;
            begin_read(&self.conn)?;
            begin_read(&reader)?;
            if data_version(&reader)? == before {
                same_snapshot = true;
                break;
            }
            end_read(&reader)?;
            end_read(&self.conn)?;
        }
        if !same_snapshot {
            return self.read(|c| (here(c), beside(c)));
        }
        let (a, b) = std::thread::scope(|s| {
            let second = s.spawn(move || {
                let b = beside(&reader);
                (b, end_read(&reader))
            });
            let a = here(&self.conn);
            (a, second.join())
        });
        let (b, ended) = b.unwrap_or_else(|e| std::panic::resume_unwind(e));
        end_read(&self.conn)?;
        ended?;
        Ok((a, b))
    }

    /// Runs `f` in one read transaction (one snapshot of the database), unless a
    /// transaction is open already.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> T) -> Result<T> {
        if !self.conn.is_autocommit() {
            return Ok(f(&self.conn));
        }
        begin_read(&self.conn)?;
        let out = f(&self.conn);
        end_read(&self.conn)?;
        Ok(out)
    }

    /// Reads a record as it is now, to check before writing it that nobody changed it
    /// meanwhile; `None` when it does not exist.
    pub fn seen(&self, record: RecordRef) -> Result<Option<Seen>> {
        seen::seen(&self.conn, record)
    }

    /// What another writer changed in a record since it was read; `None` when nothing.
    pub fn changes_since(&self, before: &Seen) -> Result<Option<Changed>> {
        seen::changes(&self.conn, before)
    }

    /// Refuses with `StoreError::Changed` when the record changed since `before` was read;
    /// call it first inside the edit that writes the record.
    pub fn expect_unchanged(c: &Connection, before: &Seen) -> Result<()> {
        seen::expect_unchanged(c, before)
    }

    /// Changes when another connection (another process) committed since this one last
    /// read; its own commits leave it as it is.
    pub fn data_version(&self) -> Result<i64> {
        data_version(&self.conn)
    }

    /// Runs `f` in one transaction: all of it is committed, or none of it.
    pub fn transaction<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction()
            .ctx(|| "cannot start a transaction".into())?;
        let out = f(&tx)?;
        tx.commit().ctx(|| "cannot commit".into())?;
        Ok(out)
    }

    /// Deletes a person with everything recorded about them (right to erasure) and returns
    /// what went with them. secure_delete zeroes the freed content, and a WAL checkpoint
    /// then writes the zeroed pages over the old ones in the main file and empties the WAL,
    /// so the deleted text does not linger in either file.
    pub fn erase_person(&mut self, person_id: crate::model::Id) -> Result<people::Dependents> {
        let deps = self.transaction(|tx| people::delete_person(tx, person_id))?;
        self.erase_soon()?;
        Ok(deps)
    }

    /// Copies the WAL into the main file and truncates it.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .ctx(|| format!("{}: checkpoint failed", self.path.display()))
    }

    /// The integrity and schema check behind `skillgap check`: a list of problems, empty when
    /// all is well.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let c = &self.conn;
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
                        Some(
                            rusqlite::ErrorCode::DatabaseCorrupt
                                | rusqlite::ErrorCode::NotADatabase
                        )
                    ) =>
                {
                    problems.push(
                        "integrity: the file is damaged beyond what the check can read".into(),
                    );
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

    /// A consistent copy of the database (SQLite's online backup) in a new file, mode 0600.
    /// Anything already at `dest` (a file, a symlink, a FIFO, a device) is refused and left
    /// alone; a failure leaves nothing behind.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        backup::write_new(&self.conn, dest, false).map(|_| ())
    }

    /// True when the database was opened read-only (read-only folder or media).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Takes the one-app lock of this database, held until the returned file is dropped.
    /// A second app on the same file is told so instead of working on beside the first.
    ///
    /// The lock is an advisory lock (flock) on the database file itself, so it holds for
    /// the file whatever name leads to it (a symlink, a hard link, another relative path),
    /// and no lock file is left behind. SQLite's own locks are POSIX record locks, which
    /// flock does not touch.
    pub fn lock_exclusive(&self) -> Result<std::fs::File> {
        let file = std::fs::File::open(&self.path)
            .ctx(|| format!("{}: cannot open to lock", self.path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked {
                path: self.path.clone(),
            }),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(e).ctx(|| format!("{}: cannot lock", self.path.display()))
            }
        }
    }
}

/// Starts a read transaction and takes its snapshot at once.
fn begin_read(c: &Connection) -> Result<()> {
    c.execute_batch("BEGIN")
        .ctx(|| "cannot start reading".into())?;
    data_version(c).map(|_| ())
}

fn end_read(c: &Connection) -> Result<()> {
    c.execute_batch("COMMIT")
        .ctx(|| "cannot finish reading".into())
}

/// Changes when another connection committed since this one last read.
fn data_version(c: &Connection) -> Result<i64> {
    c.pragma_query_value(None, "data_version", |r| r.get(0))
        .ctx(|| "cannot read the data version".into())
}
