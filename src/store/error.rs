use std::path::PathBuf;

/// Errors of the store. Each says which file and what went wrong in one line.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: not a skillgap database ({why}); the file was left untouched", path.display())]
    Foreign { path: PathBuf, why: String },
    #[error(
        "{}: written by a newer skillgap (schema version {found}, this build knows up to {known}); the file was left untouched",
        path.display()
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{}: no database there (create one with `skillgap init`)", path.display())]
    Missing { path: PathBuf },
    #[error("{}: directory {} does not exist", path.display(), dir.display())]
    NoDirectory { path: PathBuf, dir: PathBuf },
    #[error("{}: another skillgap is already open on this database", path.display())]
    Locked { path: PathBuf },
    // The underlying error is part of the one line, not a `source`: printing the chain as
    // well would repeat its text.
    #[error("{context}: {}", io_plain(error))]
    Io {
        context: String,
        error: std::io::Error,
    },
    #[error("{context}: {}", plain(error))]
    Sql {
        context: String,
        error: super::db::DbError,
    },
    #[error("{0}")]
    Invalid(String),
    #[error(
        "{}: the file is damaged ({why}); nothing was written. Run `skillgap check`, and restore a backup copy (a .bak file or `skillgap backup`) if it fails",
        path.display()
    )]
    Damaged { path: PathBuf, why: String },
    /// A save, delete, undo or redo refused: the record changed since it was read.
    #[error("{0}")]
    Changed(super::seen::Changed),
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl StoreError {
    /// Another connection holds the write lock: an import or another program is writing.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Sql { error: super::db::DbError::Sqlite(error), .. } if matches!(
            error.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        ))
    }

    /// The file failed SQLite's checks: it is damaged.
    pub fn is_damaged(&self) -> bool {
        matches!(self, StoreError::Damaged { .. })
            || matches!(self, StoreError::Sql { error: super::db::DbError::Sqlite(error), .. } if matches!(
                error.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ))
    }
}

/// An SQLite error in one short phrase a manager understands, without SQLite repeating
/// itself ("database or disk is full: database or disk is full: Error code 13").
pub(super) fn plain(e: &super::db::DbError) -> String {
    match e {
        super::db::DbError::Sqlite(e) => sqlite_plain(e),
        other => other.to_string(),
    }
}

fn sqlite_plain(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let Some(code) = e.sqlite_error_code() else {
        return e.to_string();
    };
    let said = match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) => Some(msg.as_str()),
        _ => None,
    };
    match code {
        C::DiskFull => "the disk is full (nothing was written)".into(),
        C::DatabaseBusy | C::DatabaseLocked => {
            "another skillgap or program is writing to this database; try again when it finishes"
                .into()
        }
        C::ReadOnly => "the database cannot be written here (read-only file or folder)".into(),
        C::DatabaseCorrupt | C::NotADatabase => {
            "the database file is damaged (run `skillgap check`; restore a backup copy)".into()
        }
        C::CannotOpen => "cannot open the file".into(),
        C::PermissionDenied => "permission denied".into(),
        // A short write: the disk filled up, or a file size limit was reached.
        C::SystemIoFailure if extended(e) == Some(rusqlite::ffi::SQLITE_IOERR_WRITE) => {
            "could not write to the disk (is it full?); nothing was written".into()
        }
        C::SystemIoFailure => "the disk reported an input/output error".into(),
        // A constraint or other failure: SQLite's own words say which.
        _ => said.map_or_else(|| format!("{code:?}"), str::to_string),
    }
}

fn extended(e: &rusqlite::Error) -> Option<i32> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.extended_code),
        _ => None,
    }
}

/// An io error in one phrase, without the "(os error N)" tail.
pub fn io_plain(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Adds a context line to rusqlite and io errors, like anyhow's `with_context`.
pub trait Context<T> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, rusqlite::Error> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|error| StoreError::Sql {
            context: context(),
            error: error.into(),
        })
    }
}

impl<T> Context<T> for std::result::Result<T, super::db::DbError> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|error| StoreError::Sql {
            context: context(),
            error,
        })
    }
}

impl<T> Context<T> for std::result::Result<T, postgres::Error> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|error| StoreError::Sql {
            context: context(),
            error: error.into(),
        })
    }
}

/// An error inside a transaction that gave no context of its own.
impl From<super::db::DbError> for StoreError {
    fn from(error: super::db::DbError) -> Self {
        StoreError::Sql {
            context: "the database refused".into(),
            error,
        }
    }
}

impl<T> Context<T> for std::result::Result<T, std::io::Error> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|error| StoreError::Io {
            context: context(),
            error,
        })
    }
}
