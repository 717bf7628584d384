//! The store: the one way the rest of the app reads and writes its data, on SQLite (a file,
//! the default) or PostgreSQL (a server, for an organisation). Knows SQL and the model
//! types; knows nothing of terminals.
//!
//! Entity functions take a `&Db` so that they work the same on the store's connection and
//! inside a transaction (importers batch many rows into one), on either engine. Each
//! engine's own code lives in its folder (`sqlite/`, `postgres/`); `db` is the seam.

pub mod bulk;
pub mod db;
mod error;
mod history;
mod load;
pub mod lookup;
pub mod people;
pub mod postgres;
pub mod records;
mod seen;
pub mod skills;
mod sqlite;
pub mod teams;

pub use load::{
    PersonRows, load_history, load_history_since, load_manager_assessors, load_org, load_org_with,
    load_person, load_person_history, load_person_ratings, load_trend_levels,
};

pub use db::{Db, DbError};
pub use error::{Context, Result, StoreError, io_plain as plain_io};
pub use history::{Change, History, Touched};
/// Grants on a server database (`skillgap access`); on a file there are none.
pub use postgres::access;
pub use seen::{Changed, FieldChange, RecordRef, Seen};
pub use sqlite::open::{Missing, SCHEMA_VERSION};

use std::path::{Path, PathBuf};

/// 0x534B4750, "SKGP": the application_id in the header of every skillgap database.
pub const APPLICATION_ID: i32 = 0x534B_4750;

pub struct Store {
    conn: Db,
    path: PathBuf,
    /// True when this open created the database.
    created: bool,
    /// Opened read-only: its folder or disk cannot be written (reading commands still work).
    read_only: bool,
    /// The damage check's state (see `sqlite::damage`; never set on a server).
    damage: sqlite::damage::Damage,
    /// A server's URL as given, password included (`path` is the one shown): to open a
    /// second connection (`Reopen`). `None` on a file.
    url: Option<String>,
}

/// What opens a second connection to an open store's database from another thread (a
/// server's URL with its password, never shown; or the file's path).
#[derive(Clone)]
pub struct Reopen(PathBuf);

impl Reopen {
    /// A second connection to the database, for reading beside the first in another
    /// thread: the app reads the assessment history on it. It is never written through.
    pub fn open_reader(&self) -> Result<Store> {
        if let Some(url) = postgres::url_of(&self.0) {
            return postgres::open(url, Missing::Refuse);
        }
        Ok(Store {
            conn: Db::Sqlite(sqlite::open::open_reader(&self.0)?),
            path: self.0.clone(),
            created: false,
            read_only: true,
            damage: Default::default(),
            url: None,
        })
    }

    /// A second connection to the database that writes, for a large write (the app's
    /// import) in another thread while the app reads on through its own: on a file, a
    /// connection that leaves the app's one-writer lock alone; on a server, a second login
    /// session with the same URL. The caller checks the file is writable and sound first
    /// (`Store::ensure_writable` on the app's store).
    pub fn open_writer(&self) -> Result<Store> {
        if let Some(url) = postgres::url_of(&self.0) {
            return postgres::open(url, Missing::Refuse);
        }
        Ok(Store {
            conn: Db::Sqlite(sqlite::open::open_writer(&self.0)?),
            path: self.0.clone(),
            created: false,
            read_only: false,
            damage: Default::default(),
            url: None,
        })
    }
}

/// The database as it may be shown to a user: a server's URL without its password, or the
/// file's path.
pub fn shown_location(path: &Path) -> String {
    match postgres::url_of(path) {
        Some(url) => postgres::redact(url),
        None => path.display().to_string(),
    }
}

/// Ends a read transaction begun by `Store::read` or a parallel read, on either engine.
fn end_read(c: &Db) -> Result<()> {
    match c {
        Db::Sqlite(_) => sqlite::end_read(c),
        Db::Postgres(p) => postgres::end_read(p),
    }
}

/// The two halves of a parallel read, both connections already in read transactions of
/// one snapshot: `beside` on `second` in another thread while `here` runs on `conn`; both
/// transactions are ended.
fn read_split<A, B: Send>(
    conn: &Db,
    second: Db,
    here: impl FnOnce(&Db) -> A,
    beside: impl FnOnce(&Db) -> B + Send,
) -> Result<(A, B)> {
    let (a, b) = std::thread::scope(|s| {
        let beside = s.spawn(move || {
            let b = beside(&second);
            (b, end_read(&second))
        });
        (here(conn), beside.join())
    });
    let (b, ended) = b.unwrap_or_else(|e| std::panic::resume_unwind(e));
    end_read(conn)?;
    ended?;
    Ok((a, b))
}

impl Store {
    /// What this login may see, in one sentence, on a server (`None` on a file: all of it).
    pub fn describe_own_access(&self) -> Result<Option<String>> {
        access::describe_own(self)
    }

    /// Opens a database; see `Missing` for what happens when the file does not exist.
    /// Foreign files and newer schemas are refused and left byte-for-byte untouched.
    /// A `postgres://` or `postgresql://` URL opens a server database instead.
    pub fn open(path: &Path, missing: Missing) -> Result<Store> {
        if let Some(url) = postgres::url_of(path) {
            return postgres::open(url, missing);
        }
        sqlite::open::open(path, missing)
    }

    /// What opens a second connection to this database from another thread.
    pub fn reopen(&self) -> Reopen {
        Reopen(
            self.url
                .as_ref()
                .map_or_else(|| self.path.clone(), PathBuf::from),
        )
    }

    /// True when opening created the database (with the default framework).
    pub fn created(&self) -> bool {
        self.created
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection the store's functions take.
    pub fn conn(&self) -> &Db {
        &self.conn
    }

    /// The SQLite connection itself, for tests that look at the file beneath the store.
    /// `None` on a server. The app never uses it.
    #[doc(hidden)]
    pub fn sqlite_conn(&self) -> Option<&rusqlite::Connection> {
        match &self.conn {
            Db::Sqlite(c) => Some(c),
            Db::Postgres(_) => None,
        }
    }

    /// The schema version this build writes on this store's engine (the one `check`
    /// expects: each engine numbers its own migrations).
    pub fn schema_version(&self) -> i64 {
        match &self.conn {
            Db::Sqlite(_) => SCHEMA_VERSION,
            Db::Postgres(_) => postgres::PG_SCHEMA_VERSION,
        }
    }

    /// True on a PostgreSQL server, where several people write at once.
    pub fn is_server(&self) -> bool {
        self.conn.is_postgres()
    }

    /// Runs `here` on this connection and `beside` on a second connection to the same
    /// database, both reading one snapshot (see `sqlite::read_in_parallel`); on a server,
    /// one after the other in one read transaction.
    pub fn read_in_parallel<A, B: Send>(
        &self,
        here: impl FnOnce(&Db) -> A,
        beside: impl FnOnce(&Db) -> B + Send,
    ) -> Result<(A, B)> {
        match &self.conn {
            Db::Sqlite(_) => sqlite::read_in_parallel(self, here, beside),
            Db::Postgres(_) => postgres::read_in_parallel(self, here, beside),
        }
    }

    /// Runs `f` in one read transaction (one snapshot of the database), unless a
    /// transaction is open already.
    pub fn read<T>(&self, f: impl FnOnce(&Db) -> T) -> Result<T> {
        if !self.conn.is_autocommit() {
            return Ok(f(&self.conn));
        }
        match &self.conn {
            Db::Sqlite(_) => sqlite::begin_read(&self.conn)?,
            Db::Postgres(c) => postgres::begin_read(c)?,
        }
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
    pub fn expect_unchanged(c: &Db, before: &Seen) -> Result<()> {
        seen::expect_unchanged(c, before)
    }

    /// Changes when another connection (another process) committed since this one last
    /// read; its own commits leave it as it is.
    pub fn data_version(&self) -> Result<i64> {
        match &self.conn {
            Db::Sqlite(_) => sqlite::data_version(&self.conn),
            Db::Postgres(c) => postgres::data_version(c, true),
        }
    }

    /// `data_version` as cheaply as it can be had, for a check many times a second while
    /// idle: on a file the same (SQLite reads it from shared memory); on a server, from the
    /// notifications of other writers' commits the connection has received, with no query.
    /// A commit shows here once the server's notice of it arrived, a moment after it.
    pub fn data_version_idle(&self) -> Result<i64> {
        match &self.conn {
            Db::Sqlite(_) => sqlite::data_version(&self.conn),
            Db::Postgres(c) => postgres::data_version(c, false),
        }
    }

    /// Runs `f` in one transaction: all of it is committed, or none of it.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.ensure_writable()?;
        self.conn.transaction(f)
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
    /// On a server, nothing to do: the server keeps its own files.
    pub fn checkpoint(&self) -> Result<()> {
        if self.conn.is_postgres() {
            return Ok(());
        }
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", (), |_| Ok(()))
            .ctx(|| format!("{}: checkpoint failed", self.path.display()))
    }

    /// The integrity and schema check behind `skillgap check`: a list of problems, empty when
    /// all is well.
    pub fn check(&self) -> Result<Vec<String>> {
        match &self.conn {
            Db::Sqlite(c) => sqlite::check(c),
            Db::Postgres(_) => postgres::check(&self.conn),
        }
    }

    /// A consistent copy of the database (SQLite's online backup) in a new file, mode 0600.
    /// Anything already at `dest` (a file, a symlink, a FIFO, a device) is refused and left
    /// alone; a failure leaves nothing behind. A server database is copied with the
    /// server's own tools (`pg_dump`): refused here, saying so.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let Db::Sqlite(c) = &self.conn else {
            return Err(StoreError::Invalid(postgres::BACKUP_REFUSAL.into()));
        };
        sqlite::backup::write_new(c, dest, false).map(|_| ())
    }

    /// True when the database was opened read-only (read-only folder or media).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Takes the one-writer lock of this database, held until the returned file is dropped.
    /// A second TUI on the same file is told so instead of working on beside the first.
    /// A server database takes many writers: no lock (`None`).
    pub fn lock_exclusive(&self) -> Result<Option<std::fs::File>> {
        match &self.conn {
            Db::Sqlite(_) => sqlite::lock_exclusive(&self.path).map(Some),
            Db::Postgres(_) => Ok(None),
        }
    }
}
