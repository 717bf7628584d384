//! Problems found in an import file, reported as `FILE:LINE: column: message`.

use crate::store::StoreError;
use std::fmt;

/// How many problems are listed before the rest are only counted.
pub const SHOWN: usize = 50;

/// One problem with one place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line; `None` when the problem has no single line (a framework check).
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(col) = &self.column {
            write!(f, ": {col}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The problems of one import: the first `SHOWN` in full, and how many there were in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    pub shown: Vec<Problem>,
    pub total: usize,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        if self.shown.len() < SHOWN {
            self.shown.push(p);
        }
        self.total += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The lines to print: the first `SHOWN` problems, then "... and N more".
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.shown.iter().map(ToString::to_string).collect();
        if self.total > self.shown.len() {
            out.push(format!("... and {} more", self.total - self.shown.len()));
        }
        out
    }
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has problems; nothing was written.
    #[error("{file}: nothing imported: {} problem{}", problems.total, if problems.total == 1 { "" } else { "s" })]
    Invalid {
        file: String,
        problems: Problems,
        warnings: Vec<String>,
    },
    #[error("{0}")]
    Read(String),
    /// Stopped by the user (see `run_with_progress`); nothing was written.
    #[error("{0}: import cancelled: nothing was imported")]
    Cancelled(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<crate::store::DbError> for ImportError {
    fn from(e: crate::store::DbError) -> Self {
        ImportError::Store(StoreError::Sql {
            context: "import".into(),
            error: e,
        })
    }
}
