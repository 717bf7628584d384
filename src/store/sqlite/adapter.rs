//! The SQLite side of the seam (see `store::db`): binds neutral values, reads cells.

use crate::store::db::{Cell, DbError, DbResult, Row, Value};
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
    Ok(s.execute(rusqlite::params_from_iter(values.iter()))?)
}

pub(in crate::store) fn each(
    s: &mut rusqlite::Statement<'_>,
    values: &[Value<'_>],
    mut f: impl FnMut(&Row<'_>),
) -> DbResult<()> {
    let mut rows = s.query(rusqlite::params_from_iter(values.iter()))?;
    while let Some(r) = rows.next()? {
        f(&Row::Sqlite(r));
    }
    Ok(())
}
