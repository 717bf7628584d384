//! Erasure that never freezes the screen. secure_delete zeroes what a delete frees, but the
//! old text stays in the main file until a checkpoint copies the zeroed pages over it, and
//! in the WAL until the checkpoint truncates it. A reader (a long export, an `sqlite3`
//! shell) blocks that checkpoint: rather than wait on it (busy_timeout: 5 s of a frozen
//! app), the checkpoint is tried at once and then again in the background until it is done.

use crate::store::Store;
use crate::store::db::Db;
use crate::store::error::{Context, Result};
use rusqlite::Connection;
use std::path::PathBuf;
use std::time::Duration;

/// How often the background checkpoint tries again while a reader blocks it.
const RETRY: Duration = Duration::from_millis(200);

/// One TRUNCATE checkpoint, not waiting on readers: true when it completed (the WAL is
/// copied into the main file and emptied).
fn try_checkpoint(c: &Connection) -> rusqlite::Result<bool> {
    let busy: i64 = c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(busy == 0)
}

impl Store {
    /// After a delete: gets the deleted text out of the file and its WAL, now when nothing
    /// blocks it, else in a background thread that retries until done. Returns at once;
    /// true when it was done at once.
    /// On a server, the server's own vacuum does this: nothing to do here.
    pub fn erase_soon(&self) -> Result<bool> {
        let Db::Sqlite(conn) = &self.conn else {
            return Ok(true);
        };
        conn.busy_timeout(Duration::ZERO)
            .ctx(|| "cannot checkpoint".into())?;
        let done = try_checkpoint(conn);
        conn.busy_timeout(Duration::from_secs(5))
            .ctx(|| "cannot checkpoint".into())?;
        if matches!(done, Ok(true)) {
            return Ok(true);
        }
        retry_in_background(self.path.clone());
        Ok(false)
    }
}

fn retry_in_background(path: PathBuf) {
    let _ = std::thread::Builder::new()
        .name("erase".into())
        .spawn(move || {
            let Ok(c) = Connection::open(&path) else {
                return;
            };
            // An hour of retries at most: a reader that never ends keeps the text until
            // the next start, whose first checkpoint then removes it.
            for _ in 0..(3600 * 5) {
                if let Ok(true) = try_checkpoint(&c) {
                    return;
                }
                std::thread::sleep(RETRY);
            }
        });
}
