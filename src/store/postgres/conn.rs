//! The PostgreSQL side of the seam (see `store::db`): one blocking client, statements
//! prepared once, neutral values bound to whatever type the server expects.

use crate::store::db::{Cell, DbError, DbResult, Value};
use postgres::types::{IsNull, ToSql, Type};
use std::cell::{Cell as StdCell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

/// The tables whose rows have an identity `id`: an INSERT into one returns it.
const ID_TABLES: &[&str] = &[
    "teams",
    "skills",
    "roles",
    "people",
    "assessments",
    "trainings",
    "offers",
    "notes",
];

pub struct Conn {
    client: RefCell<postgres::Client>,
    cache: RefCell<HashMap<String, Arc<Prepared>>>,
    last_id: StdCell<i64>,
    autocommit: StdCell<bool>,
    /// The login this connection runs as (`current_user`).
    pub(in crate::store) login: String,
    /// This connection's server process: its own commits' notifications carry it.
    pid: i32,
    /// True once this connection LISTENs for other writers' commits.
    listening: StdCell<bool>,
    /// Raised once for each look that found other writers' commits (`data_version`).
    changes_seen: StdCell<i64>,
}

pub struct Prepared {
    stmt: postgres::Statement,
    returns_id: bool,
}

impl Prepared {
    /// An INSERT whose new id the statement returns (see `last_id`).
    pub(in crate::store) fn returns_id(&self) -> bool {
        self.returns_id
    }

    pub(in crate::store) fn column_names(&self) -> Vec<String> {
        self.stmt
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect()
    }
}

impl Conn {
    pub(in crate::store) fn new(mut client: postgres::Client) -> DbResult<Conn> {
        let row = client.query_one("SELECT current_user::text, pg_backend_pid()", &[])?;
        Ok(Conn {
            client: RefCell::new(client),
            cache: RefCell::default(),
            last_id: StdCell::new(0),
            autocommit: StdCell::new(true),
            login: row.try_get(0)?,
            pid: row.try_get(1)?,
            listening: StdCell::new(false),
            changes_seen: StdCell::new(0),
        })
    }

    /// A number that changes when another connection committed a change since this one
    /// last looked; its own commits leave it as it is. Every transaction that changes data
    /// notifies the channel `skillgap` as it commits (the `changed` triggers); the first
    /// look LISTENs on it, later ones count what arrived from other server processes.
    /// With `ask`, a round trip first, which brings every notification sent before it (the
    /// server sends them before it says it is ready); without, only what the connection
    /// already received: no query, for a check many times a second.
    pub(in crate::store) fn data_version(&self, ask: bool) -> DbResult<i64> {
        let mut client = self.client.borrow_mut();
        if !self.listening.get() {
            // In a transaction LISTEN would wait for its commit (and a rollback would drop
            // it): then it waits for the next look outside one.
            if self.autocommit.get() {
                client.batch_execute("LISTEN skillgap")?;
                self.listening.set(true);
            }
            // What was committed before this look is not known: count it as a change.
            self.changes_seen.set(self.changes_seen.get() + 1);
            return Ok(self.changes_seen.get());
        }
        if ask {
            client.batch_execute("")?;
        }
        // The client's runtime reads the socket only while it waits: `iter()` alone never
        // sees a notice that arrived while idle. A wait of a millisecond lets it look (a
        // notice already there is read at once), and sends nothing to the server.
        let mut others = false;
        let mut notifications = client.notifications();
        let mut pending = notifications.timeout_iter(std::time::Duration::from_millis(1));
        while let Some(n) = postgres::fallible_iterator::FallibleIterator::next(&mut pending)? {
            others |= n.process_id() != self.pid;
        }
        if others {
            self.changes_seen.set(self.changes_seen.get() + 1);
        }
        Ok(self.changes_seen.get())
    }

    pub(in crate::store) fn client(&self) -> std::cell::RefMut<'_, postgres::Client> {
        self.client.borrow_mut()
    }

    pub(in crate::store) fn prepare(&self, sql: &str) -> DbResult<Arc<Prepared>> {
        if let Some(p) = self.cache.borrow().get(sql) {
            return Ok(p.clone());
        }
        let mut text = translate(sql);
        let returns_id = inserts_with_id(&text);
        if returns_id {
            text.push_str(" RETURNING id");
        }
        let stmt = self.client.borrow_mut().prepare(&text)?;
        let p = Arc::new(Prepared { stmt, returns_id });
        self.cache.borrow_mut().insert(sql.to_string(), p.clone());
        Ok(p)
    }

    pub(in crate::store) fn execute_prepared(
        &self,
        p: &Prepared,
        values: &[Value<'_>],
    ) -> DbResult<usize> {
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        let mut client = self.client.borrow_mut();
        if p.returns_id {
            let rows = client.query(&p.stmt, &params)?;
            if let Some(r) = rows.first() {
                self.last_id.set(r.try_get::<_, i64>(0)?);
            }
            return Ok(rows.len());
        }
        Ok(client.execute(&p.stmt, &params)? as usize)
    }

    pub(in crate::store) fn query_prepared(
        &self,
        p: &Prepared,
        values: &[Value<'_>],
    ) -> DbResult<Vec<postgres::Row>> {
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        let rows = self.client.borrow_mut().query(&p.stmt, &params)?;
        if p.returns_id
            && let Some(r) = rows.first()
        {
            self.last_id.set(r.try_get::<_, i64>(0)?);
        }
        Ok(rows)
    }

    /// Runs a query and hands each row to `f` as it arrives, without holding them all: the
    /// server sends the next rows while the first are read here.
    pub(in crate::store) fn each_row(
        &self,
        p: &Prepared,
        values: &[Value<'_>],
        mut f: impl FnMut(&postgres::Row),
    ) -> DbResult<()> {
        use postgres::fallible_iterator::FallibleIterator;
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        let mut client = self.client.borrow_mut();
        let mut rows = client.query_raw(&p.stmt, params)?;
        while let Some(r) = rows.next()? {
            f(&r);
        }
        Ok(())
    }

    pub(in crate::store) fn last_id(&self) -> i64 {
        self.last_id.get()
    }

    pub(in crate::store) fn batch(&self, sql: &str) -> DbResult<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    pub(in crate::store) fn is_autocommit(&self) -> bool {
        self.autocommit.get()
    }

    pub(in crate::store) fn set_autocommit(&self, on: bool) {
        self.autocommit.set(on);
    }
}

/// An INSERT into a table with an identity id, that does not say RETURNING itself.
fn inserts_with_id(sql: &str) -> bool {
    let s = sql.trim_start();
    let Some(rest) = s
        .get(..12)
        .filter(|p| p.eq_ignore_ascii_case("INSERT INTO "))
        .map(|_| &s[12..])
    else {
        return false;
    };
    let table: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    ID_TABLES.contains(&table.as_str()) && !sql.to_ascii_uppercase().contains("RETURNING")
}

/// SQLite's placeholders (`?1`, `?`) as PostgreSQL's (`$1`), and `IS ?` (a null-safe
/// comparison in SQLite) as `IS NOT DISTINCT FROM`.
pub(in crate::store) fn translate(sql: &str) -> String {
    let sql = sql
        .replace(" IS NOT ?", " IS DISTINCT FROM ?")
        .replace(" IS ?", " IS NOT DISTINCT FROM ?");
    let mut out = String::with_capacity(sql.len() + 8);
    let mut in_quote = false;
    let mut next = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_quote = !in_quote;
                out.push(c);
            }
            '?' if !in_quote => {
                out.push('$');
                if chars.peek().is_some_and(char::is_ascii_digit) {
                    while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                        out.push(d);
                        chars.next();
                    }
                } else {
                    next += 1;
                    out.push_str(&next.to_string());
                }
            }
            c => out.push(c),
        }
    }
    out
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for Value<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        let mismatch = || -> BoxError { format!("cannot store {self:?} as {ty}").into() };
        match (*self, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Int(i), &Type::INT8) => i.to_sql(ty, out),
            (Value::Int(i), &Type::INT4) => i32::try_from(i)?.to_sql(ty, out),
            (Value::Int(i), &Type::INT2) => i16::try_from(i)?.to_sql(ty, out),
            (Value::Int(i), &Type::FLOAT8) => (i as f64).to_sql(ty, out),
            (Value::Int(i), &Type::BOOL) => (i != 0).to_sql(ty, out),
            (Value::Int(i), &Type::TEXT | &Type::VARCHAR) => i.to_string().to_sql(ty, out),
            (Value::Real(f), &Type::FLOAT8) => f.to_sql(ty, out),
            (Value::Real(f), &Type::FLOAT4) => (f as f32).to_sql(ty, out),
            (Value::Bool(b), &Type::BOOL) => b.to_sql(ty, out),
            (Value::Bool(b), &Type::INT8) => i64::from(b).to_sql(ty, out),
            (Value::Bool(b), &Type::INT4) => i32::from(b).to_sql(ty, out),
            (Value::Date(d), &Type::DATE) => d.to_sql(ty, out),
            (Value::Date(d), &Type::TEXT | &Type::VARCHAR) => {
                d.format("%Y-%m-%d").to_string().to_sql(ty, out)
            }
            (Value::Text(s), &Type::DATE) => crate::store::db::parse_iso_date(s)
                .ok_or_else(|| -> BoxError { format!("{s:?} is not a YYYY-MM-DD date").into() })?
                .to_sql(ty, out),
            (Value::Text(s), &Type::TEXT | &Type::VARCHAR | &Type::BPCHAR | &Type::NAME) => {
                s.to_sql(ty, out)
            }
            (Value::Text(s), _) if *ty == Type::UNKNOWN => s.to_sql(&Type::TEXT, out),
            _ => Err(mismatch()),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

pub(in crate::store) fn cell(r: &postgres::Row, idx: usize) -> DbResult<Cell<'_>> {
    let ty = r
        .columns()
        .get(idx)
        .ok_or_else(|| DbError::Convert(format!("no column {idx}")))?
        .type_()
        .clone();
    let cell = match ty {
        Type::INT8 => r.try_get::<_, Option<i64>>(idx)?.map(Cell::Int),
        Type::INT4 => r
            .try_get::<_, Option<i32>>(idx)?
            .map(|i| Cell::Int(i.into())),
        Type::INT2 => r
            .try_get::<_, Option<i16>>(idx)?
            .map(|i| Cell::Int(i.into())),
        Type::FLOAT8 => r.try_get::<_, Option<f64>>(idx)?.map(Cell::Real),
        Type::FLOAT4 => r
            .try_get::<_, Option<f32>>(idx)?
            .map(|f| Cell::Real(f.into())),
        Type::BOOL => r.try_get::<_, Option<bool>>(idx)?.map(Cell::Bool),
        Type::DATE => r
            .try_get::<_, Option<chrono::NaiveDate>>(idx)?
            .map(Cell::Date),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            r.try_get::<_, Option<&str>>(idx)?.map(Cell::Text)
        }
        other => {
            return Err(DbError::Convert(format!(
                "column {idx}: unexpected type {other}"
            )));
        }
    };
    Ok(cell.unwrap_or(Cell::Null))
}

/// A server's error in one line a manager understands; a refusal by row-level security
/// says plainly that the record is not theirs to change.
pub(in crate::store) fn plain(e: &postgres::Error) -> String {
    use postgres::error::SqlState;
    let Some(db) = e.as_db_error() else {
        return e.to_string();
    };
    let code = db.code();
    if *code == SqlState::INSUFFICIENT_PRIVILEGE {
        if db.message().contains("row-level security") {
            let table = db.table().map_or_else(
                || {
                    db.message()
                        .rsplit('"')
                        .nth(1)
                        .unwrap_or("that table")
                        .to_string()
                },
                str::to_string,
            );
            return format!(
                "not yours to change: your access covers only the teams you were granted ({table}; refused by the database)"
            );
        }
        return format!(
            "not allowed: {} (the database's owner grants access with `skillgap access grant`)",
            db.message()
        );
    }
    match db.detail() {
        Some(d) if *code == SqlState::UNIQUE_VIOLATION => format!("{}: {d}", db.message()),
        _ => db.message().to_string(),
    }
}
