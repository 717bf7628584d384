//! Opening, creating, refusing and migrating database files.

use crate::store::db::Db;
use crate::store::error::{Context, Result, StoreError};
use crate::store::{APPLICATION_ID, Store};
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};
use std::fs::{self, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

const STEPS: &[&str] = &[
    include_str!("schema/001_initial.sql"),
    include_str!("schema/002_latest_as_numbers.sql"),
    include_str!("schema/003_record_versions.sql"),
    include_str!("schema/004_note_author.sql"),
    include_str!("schema/005_history_index.sql"),
];

/// The schema version this build writes (SQLite's user_version).
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

/// The migrations, each with what it does beyond its SQL: version 4 gives the notes
/// already written their author (see its file), in the migration's transaction.
fn migrations() -> Migrations<'static> {
    let steps = STEPS.iter().enumerate().map(|(i, sql)| match i + 1 {
        4 => M::up_with_hook(sql, |tx: &rusqlite::Transaction| {
            tx.execute("UPDATE notes SET author = ?1", [super::os_user()])?;
            Ok(())
        }),
        _ => M::up(sql),
    });
    Migrations::new(steps.collect())
}

/// How to treat a database file that does not exist yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Fail with `StoreError::Missing`.
    Refuse,
    /// Create it; the parent directory must exist.
    Create,
    /// Create it and any missing parent directories (mode 0700): for the default path.
    CreateWithDirs,
}

/// What the first 100 bytes of a file say about it, read without SQLite so that a foreign
/// file is refused before anything (a -wal or -journal file) is written beside it.
fn inspect_header(path: &Path) -> Result<i64> {
    let foreign = |why: &str| StoreError::Foreign {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    let mut header = Vec::with_capacity(100);
    fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .ctx(|| format!("{}: cannot read", path.display()))?;
    if header.is_empty() {
        return Err(foreign("the file is empty"));
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err(foreign("not an SQLite file"));
    }
    let be = |at: usize| {
        i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (user_version, app_id) = (be(60), be(68));
    if app_id != APPLICATION_ID {
        return Err(foreign(&format!(
            "an SQLite file of another application (application_id {app_id:#x})"
        )));
    }
    if i64::from(user_version) > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: user_version.into(),
            known: SCHEMA_VERSION,
        });
    }
    Ok(user_version.into())
}

/// Connection settings applied on every open.
fn configure(conn: &Connection, path: &Path) -> Result<()> {
    let ctx = || format!("{}: cannot configure the database", path.display());
    // Wait up to 5 s for another process's write (an import while the TUI is open).
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .ctx(ctx)?;
    // WAL lets the TUI keep reading while an import or export runs in another process, and
    // a commit is one append. synchronous=FULL syncs the WAL on every commit, so a confirmed
    // edit survives a crash or power loss (NORMAL could lose the last commits on power loss).
    // Temp tables (the undo log holds deleted text) stay in memory, never in a temp file.
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;",
    )
    .ctx(ctx)?;
    Ok(())
}

/// Refuses, before anything opens it, a path that is not a regular file (a FIFO would block
/// the read for ever) and a file with more than one name: SQLite keeps its journal and WAL
/// beside the name it was opened by, so two names mean two journals for one file, which
/// can damage it (SQLite's "how to corrupt" guide).
fn refuse_special(path: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    if let Some(what) = crate::files::not_regular(path) {
        return Err(StoreError::Invalid(format!(
            "{}: {what}, not a database file; nothing was opened",
            path.display()
        )));
    }
    if let Ok(m) = fs::metadata(path)
        && m.nlink() > 1
    {
        return Err(StoreError::Invalid(format!(
            "{}: this database file has {} names (hard links); SQLite keeps its journal beside each name, so two names can damage it. Keep one name (`ls -li` shows the others) and open it by that",
            path.display(),
            m.nlink()
        )));
    }
    Ok(())
}

/// Opens an existing database file for SQLite. A file in a read-only folder or on read-only
/// media is opened read-only (immutable when it has no WAL beside it, since a WAL database
/// read-only needs its -shm), so reading commands work; writes then fail with a clear line.
fn connect(path: &Path) -> Result<(Connection, bool)> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ctx(|| format!("{}: cannot open", path.display()))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .ctx(|| format!("{}: cannot open", path.display()))?;
    match probe(&conn) {
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
            ) =>
        {
            drop(conn);
            Ok((connect_read_only(path)?, true))
        }
        _ => Ok((conn, false)),
    }
}

fn probe(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
}

fn connect_read_only(path: &Path) -> Result<Connection> {
    let absolute = std::path::absolute(path).ctx(|| format!("{}: cannot open", path.display()))?;
    let mut wal = absolute.as_os_str().to_owned();
    wal.push("-wal");
    let immutable = !Path::new(&wal).exists();
    let mut uri = String::from("file:");
    for c in absolute.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str(if immutable {
        "?mode=ro&immutable=1"
    } else {
        "?mode=ro"
    });
    let conn = Connection::open_with_flags(
        &uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ctx(|| format!("{}: cannot open read-only", path.display()))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .ctx(|| format!("{}: cannot open", path.display()))?;
    Ok(conn)
}

pub(in crate::store) fn open(path: &Path, missing: Missing) -> Result<Store> {
    refuse_special(path)?;
    let created = fs::symlink_metadata(path).is_err();
    if created {
        if missing == Missing::Refuse {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        create(path, missing == Missing::CreateWithDirs)?;
    }
    let version = inspect_header(path)?;
    let (mut conn, read_only) = connect(path)?;
    // The probe: a damaged file that still has our header fails here, before any write.
    probe(&conn).map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
            StoreError::Foreign {
                path: path.to_path_buf(),
                why: e.to_string(),
            }
        }
        _ => StoreError::Sql {
            context: format!("{}: cannot read", path.display()),
            error: e.into(),
        },
    })?;
    configure(&conn, path)?;
    if version < SCHEMA_VERSION {
        if read_only {
            return Err(StoreError::Invalid(format!(
                "{}: written by an older skillgap (schema version {version}) and cannot be upgraded here: its folder or disk is read-only. Copy it somewhere writable first",
                path.display()
            )));
        }
        // A damaged file is not migrated (a write); it is left as it is.
        if let Some(why) = super::damage::quick_check(&conn)? {
            return Err(StoreError::Damaged {
                path: path.to_path_buf(),
                why,
            });
        }
        let backup = backup_path(path, version);
        super::backup::write_new(&conn, &backup, true)
            .map_err(|e| StoreError::Invalid(format!("cannot back up before migrating: {e}")))?;
        migrate(&mut conn, path)?;
    }
    Ok(Store {
        conn: Db::Sqlite(conn),
        path: path.to_path_buf(),
        created,
        read_only,
        damage: Default::default(),
        url: None,
    })
}

/// A second connection to an open database, for reading beside the first
/// (`Store::read_in_parallel`). It is never written through.
pub(in crate::store) fn open_reader(path: &Path) -> Result<Connection> {
    let ctx = || format!("{}: cannot open a second reader", path.display());
    let (conn, _) = connect(path)?;
    conn.execute_batch("PRAGMA query_only = ON;").ctx(ctx)?;
    Ok(conn)
}

/// A second connection to an open database that writes (the app's import, in a thread of
/// its own beside the app's connection). It takes no lock of its own: the app's one-writer
/// lock is a flock on the file (`lock_exclusive`) that this connection neither takes nor
/// trips, and SQLite's own locks are POSIX record locks shared sanely between connections
/// of one process. Refused when the file is no longer one this build writes, or read-only.
pub(in crate::store) fn open_writer(path: &Path) -> Result<Connection> {
    refuse_special(path)?;
    let version = inspect_header(path)?;
    if version != SCHEMA_VERSION {
        return Err(StoreError::Invalid(format!(
            "{}: schema version {version} (this build writes {SCHEMA_VERSION}); nothing was written",
            path.display()
        )));
    }
    let (conn, read_only) = connect(path)?;
    if read_only {
        return Err(StoreError::Invalid(format!(
            "{}: opened read-only (its folder or disk cannot be written); nothing was written",
            path.display()
        )));
    }
    configure(&conn, path)?;
    Ok(conn)
}

fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    migrations()
        .to_latest(conn)
        .map_err(|e| StoreError::Invalid(format!("{}: migration failed: {e}", path.display())))
}

/// FILE.vN.bak; the backup writer picks FILE.vN.bak.1, .2 ... when that name is taken.
fn backup_path(path: &Path, version: i64) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{version}.bak"));
    PathBuf::from(name)
}

/// Creates a new database atomically: it is built under a temporary name, with the schema and
/// the default framework, then linked into place, so a crash never leaves a half-made file.
fn create(path: &Path, create_dirs: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        if !create_dirs {
            return Err(StoreError::NoDirectory {
                path: path.to_path_buf(),
                dir,
            });
        }
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .ctx(|| format!("{}: cannot create directory", dir.display()))?;
    }
    let tmp = dir.join(format!(
        ".{}.creating-{}",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let result = build_new(&tmp).and_then(|()| {
        // A hard link never replaces a file that appeared meanwhile.
        fs::hard_link(&tmp, path).ctx(|| format!("{}: cannot create", path.display()))
    });
    let _ = fs::remove_file(&tmp);
    result
}

fn build_new(tmp: &Path) -> Result<()> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(tmp)
        .ctx(|| format!("{}: cannot create", tmp.display()))?;
    let mut conn = Connection::open(tmp).ctx(|| format!("{}: cannot open", tmp.display()))?;
    configure(&conn, tmp)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .ctx(|| format!("{}: cannot set WAL mode", tmp.display()))?;
    migrate(&mut conn, tmp)?;
    let db = Db::Sqlite(conn);
    db.transaction(|tx| {
        crate::framework::Framework::default_framework()
            .map_err(StoreError::Invalid)?
            .apply(tx)
    })?;
    let Db::Sqlite(conn) = db else {
        return Ok(());
    };
    // Closing checkpoints the WAL into the file, so the link below is complete on its own.
    conn.close()
        .map_err(|(_, e)| e)
        .ctx(|| format!("{}: cannot close", tmp.display()))
}
