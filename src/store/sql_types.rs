//! How model enums are stored: as their lowercase names.

use crate::model::{OfferStatus, Source};
use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

impl ToSql for Source {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Source {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        // The stored names first, without allocating: start-up reads one per rating.
        match value.as_bytes()? {
            b"verified" => Ok(Source::Verified),
            b"manager" => Ok(Source::Manager),
            b"self" => Ok(Source::SelfRated),
            _ => value
                .as_str()?
                .parse()
                .map_err(|e: String| FromSqlError::Other(e.into())),
        }
    }
}

/// Reads a date column. `YYYY-MM-DD` (how every date is stored) is parsed by hand, which is
/// several times faster than chrono's format parser on the hundreds of thousands of
/// ratings read at start-up; anything else falls back to rusqlite's chrono conversion.
pub(super) fn date_column(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    if let ValueRef::Text(b) = row.get_ref(idx)?
        && let Some(d) = fast_date(b)
    {
        return Ok(d);
    }
    row.get(idx)
}

fn fast_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &[u8]| {
        s.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, num(&b[5..7])?, num(&b[8..10])?)
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

#[cfg(test)]
mod tests {
    use super::fast_date;
    use chrono::NaiveDate;

    #[test]
    fn fast_dates_agree_with_chrono() {
        for s in ["2026-11-22", "2024-02-29", "0999-01-01", "9999-12-31"] {
            let chrono = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            assert_eq!(fast_date(s.as_bytes()), chrono, "{s}");
        }
        for s in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-01",
            "2026/11/22",
            "+026-11-22",
            "2026-11-2x",
        ] {
            assert_eq!(fast_date(s.as_bytes()), None, "{s}");
        }
    }
}
