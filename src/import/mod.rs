//! Importing CSV files (and framework TOML files), all or nothing.
//!
//! `run` reads one file inside one transaction: every row is checked, every problem is
//! collected as `FILE:LINE: column: message`, and the transaction is committed only when
//! there are none and this is not a dry run. A dry run goes through the same steps and
//! rolls back, so its counts are exactly what a real import would do. Re-importing a file
//! changes nothing: people match by email, else name; trainings by title; assessments,
//! offers and notes are skipped when an identical row exists.

mod assessments;
mod csv_rows;
mod errors;
mod framework;
mod lookup;
mod notes;
mod offers;
mod people;
mod trainings;

pub use errors::{ImportError, Problem, Problems, SHOWN};

use crate::store::Db;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    People,
    Assessments,
    Trainings,
    Offers,
    Notes,
    Framework,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::People,
        Kind::Assessments,
        Kind::Trainings,
        Kind::Offers,
        Kind::Notes,
        Kind::Framework,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::People => "people",
            Kind::Assessments => "assessments",
            Kind::Trainings => "trainings",
            Kind::Offers => "offers",
            Kind::Notes => "notes",
            Kind::Framework => "framework",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub file: String,
    pub dry_run: bool,
    /// Data rows read.
    pub rows: usize,
    /// Records added, by plural noun ("people", "teams", "assessments"...).
    pub added: BTreeMap<&'static str, usize>,
    /// Existing records changed, by plural noun.
    pub updated: BTreeMap<&'static str, usize>,
    /// Rows that matched what is already there exactly.
    pub unchanged: usize,
    /// Lines to show before the summary (unknown columns).
    pub warnings: Vec<String>,
}

impl ImportReport {
    pub fn added(&self, noun: &str) -> usize {
        self.added.get(noun).copied().unwrap_or(0)
    }

    pub fn updated(&self, noun: &str) -> usize {
        self.updated.get(noun).copied().unwrap_or(0)
    }

    /// True when the import changed (or would change) nothing.
    pub fn is_noop(&self) -> bool {
        self.added.values().all(|&n| n == 0) && self.updated.values().all(|&n| n == 0)
    }
}

fn counted(map: &BTreeMap<&'static str, usize>) -> String {
    let parts: Vec<String> = map
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(noun, n)| format!("{n} {}", if *n == 1 { singular(noun) } else { noun }))
        .collect();
    if parts.is_empty() {
        "nothing".into()
    } else {
        parts.join(", ")
    }
}

fn singular(noun: &str) -> &str {
    match noun {
        "people" => "person",
        n => n.strip_suffix('s').unwrap_or(n),
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (add, upd) = if self.dry_run {
            ("would add", "would update")
        } else {
            ("added", "updated")
        };
        write!(
            f,
            "{}: {} row{}: {add} {}",
            self.file,
            self.rows,
            if self.rows == 1 { "" } else { "s" },
            counted(&self.added),
        )?;
        if self.updated.values().any(|&n| n > 0) {
            write!(f, "; {upd} {}", counted(&self.updated))?;
        }
        if self.unchanged > 0 {
            write!(f, "; {} unchanged", self.unchanged)?;
        }
        if self.dry_run {
            write!(f, " (dry run: nothing was written)")?;
        }
        Ok(())
    }
}

/// Told how much of the file was read (bytes read, bytes in all) while an import checks its
/// rows; it answers whether to go on (`false` cancels the import, writing nothing).
pub type Progress = std::sync::Arc<dyn Fn(u64, u64) -> bool + Send + Sync>;

/// The state of one import as it goes: problems, warnings and counts.
pub(crate) struct Outcome {
    pub file: String,
    pub problems: Problems,
    pub warnings: Vec<String>,
    pub report: ImportReport,
    pub progress: Option<Progress>,
    /// The progress callback asked to stop.
    pub cancelled: bool,
}

impl Outcome {
    fn new(file: &str, dry_run: bool) -> Self {
        Outcome {
            file: file.to_string(),
            problems: Problems::default(),
            warnings: Vec::new(),
            report: ImportReport {
                file: file.to_string(),
                dry_run,
                ..ImportReport::default()
            },
            progress: None,
            cancelled: false,
        }
    }

    pub fn problem(&mut self, line: u64, column: Option<&str>, message: String) {
        self.problems.push(Problem {
            file: self.file.clone(),
            line: Some(line),
            column: column.map(str::to_string),
            message,
        });
    }

    pub fn added(&mut self, noun: &'static str) {
        *self.report.added.entry(noun).or_default() += 1;
    }

    pub fn updated(&mut self, noun: &'static str) {
        *self.report.updated.entry(noun).or_default() += 1;
    }
}

/// Imports `bytes` (the contents of `file`, which names it in messages) into the database.
/// All or nothing: on any problem, or in a dry run, nothing is written.
pub fn run(
    conn: &Db,
    kind: Kind,
    file: &str,
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportReport, ImportError> {
    run_with_progress(conn, kind, file, bytes, dry_run, None)
}

/// `run`, telling `progress` how far it has read and stopping, with nothing written, when
/// it answers `false` (`ImportError::Cancelled`). It is asked every 1024 rows, when all of
/// the file is read and, in a real import, once more after the rows are written and before
/// the commit.
pub fn run_with_progress(
    conn: &Db,
    kind: Kind,
    file: &str,
    bytes: &[u8],
    dry_run: bool,
    progress: Option<Progress>,
) -> Result<ImportReport, ImportError> {
    conn.large_write(|c| run_in_transaction(c, kind, file, bytes, dry_run, progress))
}

fn run_in_transaction(
    conn: &Db,
    kind: Kind,
    file: &str,
    bytes: &[u8],
    dry_run: bool,
    progress: Option<Progress>,
) -> Result<ImportReport, ImportError> {
    conn.transaction_or_rollback(|tx| {
        let mut out = Outcome::new(file, dry_run);
        out.progress = progress;
        match kind {
            Kind::People => people::import(tx, bytes, &mut out)?,
            Kind::Assessments => assessments::import(tx, bytes, &mut out)?,
            Kind::Trainings => trainings::import(tx, bytes, &mut out)?,
            Kind::Offers => offers::import(tx, bytes, &mut out)?,
            Kind::Notes => notes::import(tx, bytes, &mut out)?,
            Kind::Framework => framework::import(tx, bytes, &mut out)?,
        }
        // Asked once more after the writing, before the commit: a cancel while the rows
        // were written still leaves nothing behind.
        if !out.cancelled
            && !dry_run
            && out.problems.is_empty()
            && let Some(progress) = &out.progress
        {
            let total = bytes.len() as u64;
            out.cancelled = !progress(total, total);
        }
        if out.cancelled {
            return Err(ImportError::Cancelled(out.file));
        }
        if !out.problems.is_empty() {
            return Err(ImportError::Invalid {
                file: out.file,
                problems: out.problems,
                warnings: out.warnings,
            });
        }
        out.report.warnings = out.warnings;
        Ok((out.report, !dry_run))
    })
}

/// Reads `path` and imports it; messages name the file as given.
pub fn run_file(
    conn: &Db,
    kind: Kind,
    path: &Path,
    dry_run: bool,
) -> Result<ImportReport, ImportError> {
    let bytes = crate::files::read_regular(path)
        .map_err(|e| ImportError::Read(format!("{}: cannot read: {e}", path.display())))?;
    run(conn, kind, &path.display().to_string(), &bytes, dry_run)
}

// Cell parsers shared by the kinds: each reports its problem and returns `None`.

fn parse_date_cell(out: &mut Outcome, line: u64, col: &str, v: &str) -> Option<chrono::NaiveDate> {
    crate::model::parse_date(v)
        .map_err(|e| out.problem(line, Some(col), e))
        .ok()
}

fn parse_level(out: &mut Outcome, line: u64, col: &str, v: &str, min: u8) -> Option<u8> {
    match v.parse::<u8>() {
        Ok(l) if (min..=5).contains(&l) => Some(l),
        _ => {
            out.problem(
                line,
                Some(col),
                format!("{:?} is not a level {min}..5", crate::text::inert(v)),
            );
            None
        }
    }
}

fn parse_number(out: &mut Outcome, line: u64, col: &str, v: &str) -> Option<f64> {
    match v.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Some(n),
        _ => {
            out.problem(
                line,
                Some(col),
                format!("{:?} is not a number of 0 or more", crate::text::inert(v)),
            );
            None
        }
    }
}

fn parse_bool(out: &mut Outcome, line: u64, col: &str, v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => {
            out.problem(
                line,
                Some(col),
                format!("{:?} is not true or false", crate::text::inert(v)),
            );
            None
        }
    }
}

/// Text as stored: surrounding space trimmed, Windows line ends made plain.
fn clean_text(v: &str) -> String {
    v.trim().replace("\r\n", "\n")
}
