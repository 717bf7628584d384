//! How model enums are stored: as their lowercase names.

use crate::model::{OfferStatus, Source};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

impl ToSql for Source {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Source {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        // Stored spellings first: this runs for every rating read at start-up.
        match value.as_str()? {
            "verified" => Ok(Source::Verified),
            "manager" => Ok(Source::Manager),
            "self" => Ok(Source::SelfRated),
            other => other
                .parse()
                .map_err(|e: String| FromSqlError::Other(e.into())),
        }
    }
}

impl ToSql for OfferStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for OfferStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e: String| FromSqlError::Other(e.into()))
    }
}
