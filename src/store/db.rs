//! The one seam between the store's code and its engines. The store's functions (people,
//! teams, skills, records, lookups, loading) are written once, in SQL both engines accept,
//! against `Db`; what differs between SQLite and PostgreSQL (opening, migrations, undo,
//! checks, backups, access) lives in `sqlite/` and `postgres/`, the only places that name
//! an engine's types. Nothing outside `store` runs SQL: the methods that take SQL are
//! visible inside the store only (and to tests, hidden from the docs).

use crate::model::{OfferStatus, Source};
use chrono::NaiveDate;

/// A connection to one database, on either engine.
pub enum Db {
    Sqlite(rusqlite::Connection),
    Postgres(Box<super::postgres::Conn>),
}

/// An error of either engine, or a value that does not fit its Rust type.
#[derive(Debug)]
pub enum DbError {
    Sqlite(rusqlite::Error),
    Postgres(postgres::Error),
    Convert(String),
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbError::Sqlite(e) => e.fmt(f),
            DbError::Postgres(e) => f.write_str(&super::postgres::plain(e)),
            DbError::Convert(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for DbError {}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        DbError::Sqlite(e)
    }
}

impl From<postgres::Error> for DbError {
    fn from(e: postgres::Error) -> Self {
        DbError::Postgres(e)
    }
}

pub type DbResult<T> = std::result::Result<T, DbError>;

/// A parameter as both engines take it.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Bool(bool),
    Date(NaiveDate),
}

/// A value read from a row, as both engines give it.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Bool(bool),
    Date(NaiveDate),
}

/// Something that can be bound to a statement.
pub trait Param {
    fn value(&self) -> Value<'_>;
}

macro_rules! int_param {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn value(&self) -> Value<'_> {
                Value::Int(*self as i64)
            }
        }
    )*};
}
int_param!(i64, i32, u8, u16, u32, usize);

impl Param for f64 {
    fn value(&self) -> Value<'_> {
        Value::Real(*self)
    }
}
impl Param for bool {
    fn value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
}
impl Param for str {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}
impl Param for String {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}
impl Param for NaiveDate {
    fn value(&self) -> Value<'_> {
        Value::Date(*self)
    }
}
impl Param for Source {
    fn value(&self) -> Value<'_> {
        Value::Text(self.as_str())
    }
}
impl Param for OfferStatus {
    fn value(&self) -> Value<'_> {
        Value::Text(self.as_str())
    }
}
impl<T: Param + ?Sized> Param for &T {
    fn value(&self) -> Value<'_> {
        (**self).value()
    }
}
impl<T: Param> Param for Option<T> {
    fn value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, Param::value)
    }
}

/// The parameters of one statement.
pub trait Params {
    fn values(&self) -> Vec<Value<'_>>;
}

impl Params for () {
    fn values(&self) -> Vec<Value<'_>> {
        Vec::new()
    }
}
impl Params for Vec<Value<'_>> {
    fn values(&self) -> Vec<Value<'_>> {
        self.clone()
    }
}
impl Params for &[&dyn Param] {
    fn values(&self) -> Vec<Value<'_>> {
        self.iter().map(|p| p.value()).collect()
    }
}
impl Params for [&dyn Param; 0] {
    fn values(&self) -> Vec<Value<'_>> {
        Vec::new()
    }
}
macro_rules! array_params {
    ($($t:ty),*) => {$(
        impl<const N: usize> Params for [$t; N] {
            fn values(&self) -> Vec<Value<'_>> {
                self.iter().map(Param::value).collect()
            }
        }
    )*};
}
array_params!(i64, &str, String, &String, bool);

/// `params![a, b]`: parameters of different types.
#[macro_export]
#[doc(hidden)]
macro_rules! store_params {
    ($($p:expr),* $(,)?) => {
        &[$(&$p as &dyn $crate::store::db::Param),*] as &[&dyn $crate::store::db::Param]
    };
}
pub(crate) use store_params as params;

/// A value read from a column.
pub trait FromDb: Sized {
    fn from_cell(c: Cell<'_>) -> std::result::Result<Self, String>;
}

impl FromDb for i64 {
    fn from_cell(c: Cell<'_>) -> std::result::Result<Self, String> {
        match c {
            Cell::Int(i) => Ok(i),
            Cell::Bool(b) => Ok(i64::from(b)),
            other => Err(format!("expected a whole number, found {other:?}")),
        }
    }
}
macro_rules! small_int {
    ($($t:ty),*) => {$(
        impl FromDb for $t {
            fn from_cell(c: Cell<'_>) -> std::result::Result<Self, String> {
                let i = i64::from_cell(c)?;
                <$t>::try_from(i).map_err(|_| format!("{i} is out of range"))
            }
        }
    )*};
}
small_int!(i32, u8, u16, u32, usize);

impl FromDb for f64 {
    fn from_cell(c: Cell<'_>) -> std::result::Result<Self, String> {
        match c {
            Cell::Real(f) => Ok(f),
            Cell::Int(i) => Ok(i as f64),
            other => Err(format!("expected a number, found {other:?}")),
        }
    }
}
impl FromDb for bool {
    fn from_cell(c: Cell<'_>) -> std::result::Result<Self, String> {
        match c {
            Cell::Bool(b) => Ok(b),
            Cell::Int(i) => Ok(i != 0),
            other => Err(format!("expected true or false, found {other:?}")),
        }
    }
}
impl FromDb for String {
    fn from_cell(c: Cell<'_>) -> std::result::Result<Self, String> {
        match c {
            Cell::Text(s) => Ok(s.to_string()),
            Cell::Date(d) => Ok(d.format("%Y-%m-%d").to_string()),
            Cell::Int(i) => Ok(i.to_string()),
            other => Err(format!("expected text, found {other:?}")),
        }
    }
}
impl FromDb for NaiveDate {
    fn from_cell(c: Cell<'_>) -> std::result::Result<Self, String> {
        match c {
            Cell::Date(d) => Ok(d),
            Cell::Text(s) => {
                parse_iso_date(s).ok_or_else(|| format!("{s:?} is not a YYYY-MM-DD date"))
            }
            other => Err(format!("expected a date, found {other:?}")),
        }
    }
}
impl FromDb for Source {
    fn from_cell(c: Cell<'_>) -> std::result::Result<Self, String> {
        // Stored spellings first: this runs for every rating read at start-up.
        match c {
            Cell::Text("verified") => Ok(Source::Verified),
            Cell::Text("manager") => Ok(Source::Manager),
            Cell::Text("self") => Ok(Source::SelfRated),
            Cell::Text(other) => other.parse(),
            other => Err(format!("expected a source, found {other:?}")),
        }
    }
}
impl FromDb for OfferStatus {
    fn from_cell(c: Cell<'_>) -> std::result::Result<Self, String> {
        match c {
            Cell::Text(s) => s.parse(),
            other => Err(format!("expected an offer status, found {other:?}")),
        }
    }
}
impl<T: FromDb> FromDb for Option<T> {
    fn from_cell(c: Cell<'_>) -> std::result::Result<Self, String> {
        match c {
            Cell::Null => Ok(None),
            c => T::from_cell(c).map(Some),
        }
    }
}

/// Reads YYYY-MM-DD without chrono's general-purpose parser: start-up reads a few hundred
/// thousand of these.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let num = |s: &[u8]| {
        s.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| Some((num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?)))
        .flatten()
        .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y as i32, m, d))
}

/// A column index (a number, as rusqlite takes it, so that literals need no suffix).
pub trait RowIndex {
    fn index(self) -> usize;
}
impl RowIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// One row of a result.
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    pub fn cell(&self, idx: usize) -> DbResult<Cell<'_>> {
        match self {
            Row::Sqlite(r) => super::sqlite::cell(r, idx),
            Row::Postgres(r) => super::postgres::cell(r, idx),
        }
    }

    pub fn get<I: RowIndex, T: FromDb>(&self, idx: I) -> DbResult<T> {
        let idx = idx.index();
        T::from_cell(self.cell(idx)?).map_err(|e| DbError::Convert(format!("column {idx}: {e}")))
    }
}

/// A prepared statement.
pub enum Stmt<'c> {
    Sqlite(rusqlite::Statement<'c>),
    SqliteCached(rusqlite::CachedStatement<'c>),
    Postgres(
        &'c super::postgres::Conn,
        std::sync::Arc<super::postgres::Prepared>,
    ),
}

impl Stmt<'_> {
    /// The names of the result's columns.
    pub fn column_names(&self) -> Vec<String> {
        match self {
            Stmt::Sqlite(s) => s.column_names().iter().map(|n| n.to_string()).collect(),
            Stmt::SqliteCached(s) => s.column_names().iter().map(|n| n.to_string()).collect(),
            Stmt::Postgres(_, p) => p.column_names(),
        }
    }

    pub fn execute(&mut self, params: impl Params) -> DbResult<usize> {
        let values = params.values();
        match self {
            Stmt::Sqlite(s) => super::sqlite::execute(s, &values),
            Stmt::SqliteCached(s) => super::sqlite::execute(s, &values),
            Stmt::Postgres(c, p) => c.execute_prepared(p, &values),
        }
    }

    /// Every row, each mapped by `f`.
    pub fn query_map<T>(
        &mut self,
        params: impl Params,
        mut f: impl FnMut(&Row<'_>) -> DbResult<T>,
    ) -> DbResult<std::vec::IntoIter<DbResult<T>>> {
        let values = params.values();
        let mut out = Vec::new();
        match self {
            Stmt::Sqlite(s) => super::sqlite::each(s, &values, |r| out.push(f(r)))?,
            Stmt::SqliteCached(s) => super::sqlite::each(s, &values, |r| out.push(f(r)))?,
            Stmt::Postgres(c, p) if p.returns_id() => {
                for r in c.query_prepared(p, &values)? {
                    out.push(f(&Row::Postgres(&r)));
                }
            }
            Stmt::Postgres(c, p) => c.each_row(p, &values, |r| out.push(f(&Row::Postgres(r))))?,
        }
        Ok(out.into_iter())
    }

    /// Calls `f` on every row, stopping at the first error.
    pub fn for_each(
        &mut self,
        params: impl Params,
        mut f: impl FnMut(&Row<'_>) -> DbResult<()>,
    ) -> DbResult<()> {
        let values = params.values();
        let mut failed = None;
        let mut g = |r: &Row<'_>| {
            if failed.is_none()
                && let Err(e) = f(r)
            {
                failed = Some(e);
            }
        };
        match self {
            Stmt::Sqlite(s) => super::sqlite::each(s, &values, &mut g)?,
            Stmt::SqliteCached(s) => super::sqlite::each(s, &values, &mut g)?,
            Stmt::Postgres(c, p) => c.each_row(p, &values, |r| g(&Row::Postgres(r)))?,
        }
        failed.map_or(Ok(()), Err)
    }

    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> DbResult<T>,
    ) -> DbResult<T> {
        let mut f = Some(f);
        let mut out = None;
        self.for_each(params, |r| {
            if let Some(f) = f.take() {
                out = Some(f(r)?);
            }
            Ok(())
        })?;
        out.ok_or(DbError::Convert(NO_ROWS.into()))
    }

    pub fn exists(&mut self, params: impl Params) -> DbResult<bool> {
        let mut any = false;
        self.for_each(params, |_| {
            any = true;
            Ok(())
        })?;
        Ok(any)
    }
}

/// What `query_row` says when there is no row; `optional()` turns it into `None`.
pub(crate) const NO_ROWS: &str = "no rows returned";

/// `query_row(...).optional()`: no row is `None`, as with rusqlite.
pub trait OptionalExtension<T> {
    fn optional(self) -> DbResult<Option<T>>;
}

impl<T> OptionalExtension<T> for DbResult<T> {
    fn optional(self) -> DbResult<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(DbError::Convert(s)) if s == NO_ROWS => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl Db {
    /// The SQLite connection itself, for tests that look beneath the store.
    #[doc(hidden)]
    pub fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Db::Sqlite(c) => Some(c),
            Db::Postgres(_) => None,
        }
    }

    /// `column = ?1`, ignoring case as the column's unique index does: SQLite's columns
    /// say COLLATE NOCASE themselves, PostgreSQL's indexes are on lower(column).
    pub(in crate::store) fn nocase_eq(&self, column: &str) -> String {
        match self {
            Db::Sqlite(_) => format!("{column} = ?1 COLLATE NOCASE"),
            Db::Postgres(_) => format!("lower({column}) = lower(?1)"),
        }
    }

    /// Who writes through this connection, as a note's author: the login on a server,
    /// the OS user on a file.
    pub fn author(&self) -> String {
        match self {
            Db::Sqlite(_) => super::sqlite::os_user(),
            Db::Postgres(c) => c.login.clone(),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }

    #[doc(hidden)]
    pub fn prepare(&self, sql: &str) -> DbResult<Stmt<'_>> {
        match self {
            Db::Sqlite(c) => Ok(Stmt::Sqlite(c.prepare(sql)?)),
            Db::Postgres(c) => Ok(Stmt::Postgres(c, c.prepare(sql)?)),
        }
    }

    #[doc(hidden)]
    pub fn prepare_cached(&self, sql: &str) -> DbResult<Stmt<'_>> {
        match self {
            Db::Sqlite(c) => Ok(Stmt::SqliteCached(c.prepare_cached(sql)?)),
            Db::Postgres(c) => Ok(Stmt::Postgres(c, c.prepare(sql)?)),
        }
    }

    #[doc(hidden)]
    pub fn execute(&self, sql: &str, params: impl Params) -> DbResult<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    #[doc(hidden)]
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> DbResult<T>,
    ) -> DbResult<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    /// The id of the row the latest INSERT on this connection added.
    #[doc(hidden)]
    pub fn last_insert_rowid(&self) -> i64 {
        match self {
            Db::Sqlite(c) => c.last_insert_rowid(),
            Db::Postgres(c) => c.last_id(),
        }
    }

    /// Runs one logged undo step as it was written (no placeholders to translate).
    #[doc(hidden)]
    pub fn execute_step(&self, sql: &str) -> DbResult<usize> {
        match self {
            Db::Sqlite(c) => Ok(c.execute(sql, [])?),
            Db::Postgres(c) => Ok(c.client().execute(sql, &[])? as usize),
        }
    }

    /// Runs statements with no parameters, separated by semicolons.
    #[doc(hidden)]
    pub fn execute_batch(&self, sql: &str) -> DbResult<()> {
        match self {
            Db::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Db::Postgres(c) => c.batch(sql),
        }
    }

    /// True when no transaction is open.
    #[doc(hidden)]
    pub fn is_autocommit(&self) -> bool {
        match self {
            Db::Sqlite(c) => c.is_autocommit(),
            Db::Postgres(c) => c.is_autocommit(),
        }
    }

    /// Runs `f` in one transaction, all or nothing; inside an open transaction, in a
    /// savepoint of it.
    pub fn transaction<T, E: From<DbError>>(
        &self,
        f: impl FnOnce(&Db) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.transaction_or_rollback(|tx| f(tx).map(|t| (t, true)))
    }

    /// Like `transaction`, but `f` says whether to keep what it wrote (a dry run does not).
    pub fn transaction_or_rollback<T, E: From<DbError>>(
        &self,
        f: impl FnOnce(&Db) -> std::result::Result<(T, bool), E>,
    ) -> std::result::Result<T, E> {
        let nested = !self.is_autocommit();
        self.execute_batch(if nested { "SAVEPOINT sg_tx" } else { "BEGIN" })?;
        if let Db::Postgres(c) = self {
            c.set_autocommit(false);
        }
        let out = f(self);
        let end = match (&out, nested) {
            (Ok((_, true)), false) => "COMMIT",
            (Ok((_, true)), true) => "RELEASE sg_tx",
            (_, false) => "ROLLBACK",
            (_, true) => "ROLLBACK TO sg_tx; RELEASE sg_tx",
        };
        let ended = self.execute_batch(end);
        if let (Db::Postgres(c), false) = (self, nested) {
            c.set_autocommit(true);
        }
        let (out, _) = out?;
        ended?;
        Ok(out)
    }

    /// Runs a large write (an import): on SQLite with a bigger page cache (400 MiB, for
    /// this connection and this write only), which keeps pages from spilling to the WAL
    /// again and again.
    pub fn large_write<T, E: From<DbError>>(
        &self,
        f: impl FnOnce(&Db) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let Db::Sqlite(c) = self else {
            let out = f(self)?;
            // A server plans from its statistics: after many rows, bring them up to date
            // (a login that does not own a table is told so in a notice, not an error).
            if self.is_autocommit() {
                self.execute_batch(
                    "ANALYZE assessments, assessment_latest, people, offers, notes",
                )?;
            }
            return Ok(out);
        };
        let cache: i64 = c
            .pragma_query_value(None, "cache_size", |r| r.get(0))
            .map_err(DbError::from)?;
        c.pragma_update(None, "cache_size", -409_600)
            .map_err(DbError::from)?;
        let result = f(self);
        c.pragma_update(None, "cache_size", cache)
            .map_err(DbError::from)?;
        result
    }
}
