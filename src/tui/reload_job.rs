//! A full reload of a large organisation runs in the background. Another program's commit,
//! an import, or a change to a team, role, skill or training reads everything again: at
//! 100,000 people about a second, which would hold every key. From `BACKGROUND_FROM` people
//! on it is read on a second connection in a thread while the app goes on showing what it
//! had, the footer saying the changes are being read; it is swapped in when it arrives.
//! Writes wait until then (they are refused at once with what to do, forms kept), so
//! nothing is applied to data about to be replaced.

use super::app::App;
use super::data::Data;
use anyhow::{Context, Result, anyhow};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// From this many people a full reload runs in the background.
pub const BACKGROUND_FROM: usize = 20_000;

pub(super) struct ReloadJob {
    arrived: Receiver<Result<Data>>,
    /// The store's data version when the read began (on the app's own connection, which
    /// `poll_changes` compares with).
    version: Option<i64>,
    /// Another reload was asked for meanwhile: run it once this one is in.
    again: bool,
}

#[derive(Default)]
pub(super) struct Reloads {
    pub(super) job: Option<ReloadJob>,
    /// `BACKGROUND_FROM`, lower in tests.
    pub(super) from: Option<usize>,
}

impl App {
    /// Full reloads run in the background from `people` people on (tests: 0 for always).
    #[doc(hidden)]
    pub fn reload_in_background_from(&mut self, people: usize) {
        self.reloads.from = Some(people);
    }

    /// A full reload runs in the background.
    pub fn reload_running(&self) -> bool {
        self.reloads.job.is_some()
    }

    /// Whether a full reload of this data runs in the background.
    pub(super) fn reloads_in_background(&self) -> bool {
        let from = self.reloads.from.unwrap_or(BACKGROUND_FROM);
        self.store.is_some() && self.data.org.people.len() >= from
    }

    /// Starts reading everything again on a second connection (or, when a read is already
    /// under way, asks for one more once it is in).
    pub(super) fn start_reload(&mut self) -> Result<()> {
        if let Some(job) = &mut self.reloads.job {
            job.again = true;
            return Ok(());
        }
        let Some(store) = &self.store else {
            return Ok(());
        };
        let version = Some(store.data_version()?);
        let db = store.reopen();
        let (config, today) = (self.config.clone(), self.data.today);
        let (send, arrived) = channel();
        std::thread::Builder::new()
            .name("reload".into())
            .spawn(move || {
                let read = db
                    .open_reader()
                    .context("cannot open the database again")
                    .and_then(|reader| Data::load(&reader, &config, today));
                let _ = send.send(read);
            })
            .context("cannot start reading the changes")?;
        self.reloads.job = Some(ReloadJob {
            arrived,
            version,
            again: false,
        });
        Ok(())
    }

    /// Swaps the reloaded data in when it arrived (without waiting): `true` when it did, or
    /// its read failed (on the status line): draw again.
    pub fn poll_reload(&mut self) -> bool {
        let Some(job) = &self.reloads.job else {
            return false;
        };
        let read = match job.arrived.try_recv() {
            Ok(read) => read,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err(anyhow!("reading the changes stopped")),
        };
        self.reload_in(read);
        true
    }

    /// Waits for a reload under way, if any, and swaps it in (tests).
    pub fn wait_reload(&mut self) {
        while let Some(job) = &self.reloads.job {
            let read = job
                .arrived
                .recv()
                .map_err(|_| anyhow!("reading the changes stopped"))
                .and_then(|r| r);
            self.reload_in(read);
        }
    }

    fn reload_in(&mut self, read: Result<Data>) {
        let Some(job) = self.reloads.job.take() else {
            return;
        };
        match read {
            Ok(mut data) => {
                data.store_version = job.version;
                self.show_reloaded(data);
            }
            Err(e) => self.view.status = Some(format!("{e:#}")),
        }
        if job.again
            && let Err(e) = self.start_reload()
        {
            self.view.status = Some(format!("{e:#}"));
        }
    }

    /// The footer's line while the changes are read: "Reading the changes…".
    pub fn reload_progress(&self) -> Option<&'static str> {
        self.reloads
            .job
            .as_ref()
            .map(|_| "⏳ Reading the changes (shown: before them)…")
    }

    /// Why a write must wait for the reload: `Some(message)` naming what to do again.
    pub(super) fn reload_waits(&self, again: &str) -> Option<String> {
        self.reloads
            .job
            .as_ref()
            .map(|_| format!("The changes are still being read: {again} again in a moment"))
    }
}
