//! Is the file damaged? SQLite's `quick_check` reads every page (about 2 s for a 66 MB
//! file of 10,000 people), so it runs beside the work rather than before it: in a thread on
//! its own read connection, started when the store opens for the app or a reading command.
//! A write waits for its verdict and is refused on a damaged file; a reading command
//! prints a warning when it ends.

use crate::store::Store;
use crate::store::db::Db;
use crate::store::error::{Context, Result, StoreError};
use rusqlite::Connection;
use std::path::Path;
use std::sync::Mutex;
use std::thread::JoinHandle;

/// The verdict: `None` when sound, else SQLite's first complaint.
type Verdict = Option<String>;

#[derive(Default)]
pub(in crate::store) struct Damage {
    state: Mutex<State>,
}

#[derive(Default)]
enum State {
    #[default]
    Unchecked,
    Running(JoinHandle<Result<Verdict>>),
    Done(Verdict),
}

/// SQLite's quick_check on `conn`: `None` when it says ok.
pub(in crate::store) fn quick_check(conn: &Connection) -> Result<Verdict> {
    let ctx = || "cannot check the file".to_string();
    let first: String = match conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)) {
        Ok(s) => s,
        // A damaged file can fail the check itself.
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            return Ok(Some(e.to_string()));
        }
        Err(e) => return Err(e).ctx(ctx),
    };
    Ok((first != "ok").then_some(first))
}

fn damaged(path: &Path, why: String) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        why,
    }
}

impl Store {
    /// Starts checking the file in the background (once).
    pub fn check_in_background(&self) {
        if self.conn.is_postgres() {
            return;
        }
        let Ok(mut state) = self.damage.state.lock() else {
            return;
        };
        if !matches!(*state, State::Unchecked) {
            return;
        }
        let Ok(reader) = super::open::open_reader(&self.path) else {
            return;
        };
        *state = State::Running(std::thread::spawn(move || quick_check(&reader)));
    }

    /// The verdict if known (waiting for it with `wait`): `Some(why)` when damaged.
    fn verdict(&self, wait: bool) -> Result<Option<Verdict>> {
        let Ok(mut state) = self.damage.state.lock() else {
            return Ok(None);
        };
        match std::mem::take(&mut *state) {
            State::Unchecked => Ok(None),
            State::Done(v) => {
                *state = State::Done(v.clone());
                Ok(Some(v))
            }
            State::Running(h) if !wait && !h.is_finished() => {
                *state = State::Running(h);
                Ok(None)
            }
            State::Running(h) => {
                let v = h
                    .join()
                    .map_err(|_| StoreError::Invalid("the file check stopped".into()))??;
                *state = State::Done(v.clone());
                Ok(Some(v))
            }
        }
    }

    /// Non-blocking: why the file is damaged, once the background check found it so.
    pub fn damage_found(&self) -> Option<String> {
        self.verdict(false).ok().flatten().flatten()
    }

    /// Waits up to `limit` for the background check (if one runs): why the file is
    /// damaged, if it is. `None` too when the check is still running after `limit` (a very
    /// large file), so a reading command never waits long for it.
    pub fn damage_wait(&self, limit: std::time::Duration) -> Option<String> {
        let deadline = std::time::Instant::now() + limit;
        loop {
            if let Ok(Some(verdict)) = self.verdict(false) {
                return verdict;
            }
            if std::time::Instant::now() >= deadline || !self.damage_running() {
                return None;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    fn damage_running(&self) -> bool {
        self.damage
            .state
            .lock()
            .is_ok_and(|s| matches!(*s, State::Running(_)))
    }

    /// Before a write: refuses on a read-only or damaged file. Checks now (synchronously)
    /// when no background check was started.
    pub fn ensure_writable(&self) -> Result<()> {
        if self.read_only {
            return Err(StoreError::Invalid(format!(
                "{}: opened read-only (its folder or disk cannot be written); nothing was written",
                self.path.display()
            )));
        }
        let verdict = match self.verdict(true)? {
            Some(v) => v,
            None => {
                // A server keeps its own files: nothing to check here.
                let Db::Sqlite(c) = &self.conn else {
                    return Ok(());
                };
                let v = quick_check(c)?;
                if let Ok(mut state) = self.damage.state.lock() {
                    *state = State::Done(v.clone());
                }
                v
            }
        };
        match verdict {
            Some(why) => Err(damaged(&self.path, why)),
            None => Ok(()),
        }
    }
}
