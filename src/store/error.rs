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
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("{context}: {source}")]
    Sql {
        context: String,
        source: rusqlite::Error,
    },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Adds a context line to rusqlite and io errors, like anyhow's `with_context`.
pub trait Context<T> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, rusqlite::Error> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| StoreError::Sql {
            context: context(),
            source,
        })
    }
}

impl<T> Context<T> for std::result::Result<T, std::io::Error> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| StoreError::Io {
            context: context(),
            source,
        })
    }
}
