//! Reading many rows of numbers at once: `COPY (query) TO STDOUT` in PostgreSQL's binary
//! format. The app's start reads every latest rating (262,000 rows at 10,000 people); as
//! rows of the query protocol each is a message and an allocation on this side, which cost
//! more than the server's work. Only for columns of `bigint` and `integer`, never NULL.

use super::conn::Conn;
use crate::store::db::{DbError, DbResult};
use std::io::Read;

const SIGNATURE: &[u8] = b"PGCOPY\n\xff\r\n\0";

/// The rows of `query` (a SELECT of `widths.len()` columns, each `bigint` (8) or `integer`
/// (4) as `widths` says, none NULL), each handed to `f` as numbers.
pub(in crate::store) fn each_row_of_numbers(
    c: &Conn,
    query: &str,
    widths: &[usize],
    mut f: impl FnMut(&[i64]) -> DbResult<()>,
) -> DbResult<()> {
    let mut bytes = Vec::new();
    c.client()
        .copy_out(&format!("COPY ({query}) TO STDOUT (FORMAT binary)"))?
        .read_to_end(&mut bytes)
        .map_err(|e| DbError::Convert(format!("reading rows from the server: {e}")))?;
    let bad = |what: &str| DbError::Convert(format!("rows from the server: {what}"));
    let mut at = Reader {
        bytes: &bytes,
        at: 0,
    };
    if at.take(SIGNATURE.len()).ok_or_else(|| bad("no header"))? != SIGNATURE {
        return Err(bad("not PostgreSQL's binary format"));
    }
    let _flags = at.int(4).ok_or_else(|| bad("no flags"))?;
    let extension = at.int(4).ok_or_else(|| bad("no header length"))?;
    at.take(usize::try_from(extension).map_err(|_| bad("a bad header length"))?)
        .ok_or_else(|| bad("a short header"))?;
    let mut row = vec![0i64; widths.len()];
    loop {
        let fields = at.int(2).ok_or_else(|| bad("a row cut short"))?;
        if fields == -1 {
            return Ok(());
        }
        if usize::try_from(fields).ok() != Some(widths.len()) {
            return Err(bad("a row of another width"));
        }
        for (cell, &width) in row.iter_mut().zip(widths) {
            let len = at.int(4).ok_or_else(|| bad("a row cut short"))?;
            if usize::try_from(len).ok() != Some(width) {
                return Err(bad("an empty or unexpected value"));
            }
            *cell = at.int(width).ok_or_else(|| bad("a row cut short"))?;
        }
        f(&row)?;
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let out = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }

    /// A big-endian signed integer of 2, 4 or 8 bytes.
    fn int(&mut self, n: usize) -> Option<i64> {
        let b = self.take(n)?;
        Some(match n {
            2 => i16::from_be_bytes(b.try_into().ok()?).into(),
            4 => i32::from_be_bytes(b.try_into().ok()?).into(),
            8 => i64::from_be_bytes(b.try_into().ok()?),
            _ => return None,
        })
    }
}
