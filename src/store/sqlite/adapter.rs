//! The SQLite side of the seam (see `store::db`): binds neutral values, reads cells.

use crate::store::db::{Cell, DbError, DbResult, Row, Value};
use chrono::{Datelike, NaiveDate};
use rusqlite::types::{ToSqlOutput, ValueRef};

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        use rusqlite::types::Value as V;
        Ok(match *self {
            Value::Null => ToSqlOutput::Owned(V::Null),
            Value::Int(i) => ToSqlOutput::Owned(V::Integer(i)),
            Value::Real(f) => ToSqlOutput::Owned(V::Real(f)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Bool(b) => ToSqlOutput::Owned(V::Integer(i64::from(b))),
            // As rusqlite's chrono support stores it: ISO text, which sorts as dates.
            Value::Date(d) => ToSqlOutput::Owned(V::Text(d.format("%Y-%m-%d").to_string())),
        })
    }
}

/// Binds `values` to `s`'s parameters, refusing a count that differs as rusqlite does. A
/// date goes in as the text `to_sql` makes, written here without chrono's format parser
/// and an allocation (a 100,000-person demo binds 4.7 million dates).
fn bind(s: &mut rusqlite::Statement<'_>, values: &[Value<'_>]) -> rusqlite::Result<()> {
    let expected = s.parameter_count();
    if values.len() != expected {
        let given = values.len().min(expected + 1);
        return Err(rusqlite::Error::InvalidParameterCount(given, expected));
    }
    let mut text = [0u8; 10];
    for (i, v) in values.iter().enumerate() {
        match v {
            Value::Date(d) if (0..=9999).contains(&d.year()) => {
                s.raw_bind_parameter(i + 1, iso_date(*d, &mut text))?
            }
            v => s.raw_bind_parameter(i + 1, v)?,
        }
    }
    Ok(())
}

/// YYYY-MM-DD of a date in the years 0 to 9999, as `%Y-%m-%d` writes it.
fn iso_date(d: NaiveDate, text: &mut [u8; 10]) -> &str {
    let digits = |out: &mut [u8], mut n: u32| {
        for b in out.iter_mut().rev() {
            *b = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    digits(&mut text[0..4], d.year() as u32);
    text[4] = b'-';
    digits(&mut text[5..7], d.month());
    text[7] = b'-';
    digits(&mut text[8..10], d.day());
    std::str::from_utf8(text).unwrap_or_default()
}

pub(in crate::store) fn cell<'a>(r: &'a rusqlite::Row<'_>, idx: usize) -> DbResult<Cell<'a>> {
    Ok(match r.get_ref(idx)? {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(i) => Cell::Int(i),
        ValueRef::Real(f) => Cell::Real(f),
        ValueRef::Text(t) => Cell::Text(
            std::str::from_utf8(t)
                .map_err(|e| DbError::Convert(format!("column {idx}: not UTF-8 text: {e}")))?,
        ),
        ValueRef::Blob(_) => {
            return Err(DbError::Convert(format!(
                "column {idx}: a blob where text or a number was expected"
            )));
        }
    })
}

pub(in crate::store) fn execute(
    s: &mut rusqlite::Statement<'_>,
    values: &[Value<'_>],
) -> DbResult<usize> {
    bind(s, values)?;
    Ok(s.raw_execute()?)
}

pub(in crate::store) fn each(
    s: &mut rusqlite::Statement<'_>,
    values: &[Value<'_>],
    mut f: impl FnMut(&Row<'_>),
) -> DbResult<()> {
    bind(s, values)?;
    let mut rows = s.raw_query();
    while let Some(r) = rows.next()? {
        f(&Row::Sqlite(r));
    }
    Ok(())
}
