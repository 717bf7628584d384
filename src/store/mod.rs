//! The SQLite store. Knows SQL and the model types; knows nothing of terminals.
//!
//! Entity functions take a `&Connection` so that they work the same on the store's
//! connection and inside a `Transaction` (importers batch many rows into one).

mod error;
mod history;
mod load;
pub mod lookup;
mod open;
pub mod people;
pub mod records;
pub mod skills;
mod sql_types;
pub mod teams;

pub use load::{
    load_history, load_history_since, load_manager_assessors, load_org, load_org_with,
    load_person_history, load_person_ratings,
};

pub use error::{Context, Result, StoreError};
pub use history::{Change, History};
pub use open::{Missing, SCHEMA_VERSION};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// 0x534B4750, "SKGP": the application_id in the header of every skillgap database.
pub const APPLICATION_ID: i32 = 0x534B_4750;

pub struct Store {
    conn: Connection,
    path: PathBuf,
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
        self.checkpoint()?;
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

    /// A consistent copy of the database (SQLite's online backup), written with mode 0600.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::Invalid(format!(
                "{}: already exists; choose another name",
                dest.display()
            )));
        }
        backup_private(&self.conn, dest)
    }

    /// Takes the one-writer lock of this database, held until the returned file is dropped.
    /// A second TUI on the same file is told so instead of working on beside the first.
    pub fn lock_exclusive(&self) -> Result<std::fs::File> {
        use std::os::unix::fs::OpenOptionsExt;
        let mut name = self.path.as_os_str().to_owned();
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
                path: self.path.clone(),
            }),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(e).ctx(|| format!("{}: cannot lock", lock_path.display()))
            }
        }
    }
}

/// Copies a database with SQLite's online backup into `dest`, which is private (0600) before
/// the first byte is written: the copy holds private notes too. A file already at `dest` is
/// replaced (callers that must not overwrite check first).
pub(super) fn backup_private(conn: &Connection, dest: &Path) -> Result<()> {
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
