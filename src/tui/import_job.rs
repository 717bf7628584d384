//! An import (or its dry-run preview) running in the background: a thread of its own on a
//! second connection to the database (`Reopen::open_writer`), told by a progress callback
//! how far it has read and whether to go on. The app stays usable meanwhile: the footer says
//! how far it is, the event loop draws again as the figure moves (`poll_import`), and Esc
//! (when no popup takes it first) cancels it with nothing written.
//!
//! All or nothing holds as before: the import is one transaction on its connection, asked
//! whether to go on every 1024 rows and once more before its commit. While it runs, the
//! app's own writes (saves, deletes, undo and redo) are refused at once, with what was typed
//! kept: they would only wait for the import's lock. When it ends the app reads everything
//! again, as after another writer's commit.
//!
//! Driven without the event loop (tests), the app waits for the thread at once, unless
//! `run_imports_in_background` says otherwise.

use super::app::{App, Pending, Popup};
use super::popups::import::{ImportDialog, ImportField, ImportStage, problems_stage};
use crate::import::{self, ImportError, ImportReport, Kind, Progress};
use crate::keymap::Action;
use crate::store::Reopen;
use crate::text::inert;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The app's imports: the one running, if any, and how they run.
#[derive(Default)]
pub struct Imports {
    job: Option<ImportJob>,
    /// In a thread while the app goes on (the event loop), or waited for at once (tests).
    background: bool,
    /// A test holds the next import at its first progress report until this sends.
    gate: Option<Receiver<()>>,
    /// Quit once the import, cancelled, has ended.
    quit_when_done: bool,
}

/// One import in its thread.
struct ImportJob {
    kind: Kind,
    /// The path as typed: messages name the file by it.
    typed: String,
    dry_run: bool,
    total: u64,
    read: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    finished: Receiver<Finished>,
    /// The percentage last drawn.
    shown: Option<u64>,
}

/// What the thread sends back: the bytes (a preview keeps them to import) and the result.
struct Finished {
    bytes: Vec<u8>,
    result: Result<ImportReport, ImportError>,
}

impl ImportJob {
    fn spawn(
        db: Reopen,
        kind: Kind,
        typed: String,
        bytes: Vec<u8>,
        dry_run: bool,
        gate: Option<Receiver<()>>,
    ) -> std::io::Result<ImportJob> {
        let (read, cancel) = (
            Arc::new(AtomicU64::new(0)),
            Arc::new(AtomicBool::new(false)),
        );
        let gate = Mutex::new(gate);
        let (told, asked) = (Arc::clone(&read), Arc::clone(&cancel));
        let progress: Progress = Arc::new(move |done, _| {
            told.store(done, Ordering::Relaxed);
            if let Some(gate) = gate.lock().ok().and_then(|mut g| g.take()) {
                let _ = gate.recv();
            }
            !asked.load(Ordering::Relaxed)
        });
        let (send, finished) = channel();
        let total = bytes.len() as u64;
        let file = typed.clone();
        std::thread::Builder::new()
            .name("import".into())
            .spawn(move || {
                let result = db
                    .open_writer()
                    .map_err(ImportError::from)
                    .and_then(|store| {
                        import::run_with_progress(
                            store.conn(),
                            kind,
                            &file,
                            &bytes,
                            dry_run,
                            Some(progress),
                        )
                    });
                let _ = send.send(Finished { bytes, result });
            })?;
        Ok(ImportJob {
            kind,
            typed,
            dry_run,
            total,
            read,
            cancel,
            finished,
            shown: None,
        })
    }

    /// How much of the file was read, 0 to 100.
    fn percent(&self) -> u64 {
        (self.read.load(Ordering::Relaxed) * 100)
            .checked_div(self.total)
            .unwrap_or(0)
            .min(100)
    }

    fn cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The file's name, shown inert.
    fn name(&self) -> String {
        let name = std::path::Path::new(&self.typed)
            .file_name()
            .map_or_else(|| self.typed.clone(), |n| n.to_string_lossy().into_owned());
        inert(&name).into_owned()
    }
}

impl App {
    /// Imports run in a thread while the app goes on (the event loop turns this on); off,
    /// the app waits for each at once.
    pub fn run_imports_in_background(&mut self, on: bool) {
        self.imports.background = on;
    }

    /// Holds the next import at its first progress report (its transaction open, its file
    /// being read) until the returned sender sends or is dropped: for tests of what the app
    /// does while an import runs.
    #[doc(hidden)]
    pub fn hold_next_import(&mut self) -> Sender<()> {
        let (open, gate) = channel();
        self.imports.gate = Some(gate);
        open
    }

    /// An import or a preview runs in the background.
    pub fn import_running(&self) -> bool {
        self.imports.job.is_some()
    }

    /// How far a preview has read the file, 0 to 100.
    pub(super) fn preview_percent(&self) -> Option<u64> {
        let job = self.imports.job.as_ref()?;
        job.dry_run.then(|| job.percent())
    }

    /// The footer's line while an import (not a preview) runs: "Importing a.csv: 42% · Esc
    /// cancels".
    pub fn import_progress(&self) -> Option<String> {
        let job = self.imports.job.as_ref().filter(|j| !j.dry_run)?;
        let name = job.name();
        if job.cancelling() {
            return Some(format!("⏳ Cancelling the import of {name}…"));
        }
        let cancel = self.keymap.label(Action::Back);
        let cancel = cancel.split('/').next().unwrap_or("");
        let p = job.percent();
        let how_far = if p >= 100 {
            "writing…".to_string()
        } else {
            format!("{p}%")
        };
        Some(if cancel.is_empty() {
            format!("⏳ Importing {name}: {how_far}")
        } else {
            format!("⏳ Importing {name}: {how_far} · {cancel} cancels")
        })
    }

    /// Why a write must wait (an import holds the database): `Some(message)` naming what
    /// to do again, e.g. "save".
    pub(super) fn write_waits(&self, again: &str) -> Option<String> {
        if let Some(m) = self.reload_waits(again) {
            return Some(m);
        }
        let job = self.imports.job.as_ref()?;
        Some(format!(
            "An import of {} is running: {again} again when it is done",
            job.name()
        ))
    }

    /// Starts importing `bytes` (a dry run: a preview) in the background; the dialog or the
    /// footer shows how far it is. `Err` with why it cannot start.
    pub(super) fn start_import(
        &mut self,
        kind: Kind,
        typed: &str,
        bytes: Vec<u8>,
        dry_run: bool,
    ) -> Result<(), String> {
        // A preview being cancelled ends within a few rows: it is waited for.
        if self
            .imports
            .job
            .as_ref()
            .is_some_and(|j| j.dry_run && j.cancelling())
        {
            self.wait_import();
        }
        if let Some(job) = &self.imports.job {
            return Err(format!(
                "an import of {} is running: wait for it to end",
                job.name()
            ));
        }
        let Some(store) = &self.store else {
            return Err("no database is open".into());
        };
        // A damaged or read-only file is never written to.
        if !dry_run {
            store
                .ensure_writable()
                .map_err(|e| format!("nothing imported: {e}"))?;
        }
        let gate = self.imports.gate.take();
        let job = ImportJob::spawn(store.reopen(), kind, typed.into(), bytes, dry_run, gate)
            .map_err(|e| format!("cannot start the import: {e}"))?;
        self.imports.job = Some(job);
        if !self.imports.background {
            self.wait_import();
        }
        Ok(())
    }

    /// Cancels the running import, if any: nothing of it is written. True when one ran.
    pub(super) fn cancel_import(&mut self) -> bool {
        let Some(job) = &self.imports.job else {
            return false;
        };
        job.cancel.store(true, Ordering::Relaxed);
        true
    }

    /// Looks at the running import without waiting: takes in its end, or notes that its
    /// progress moved. True when something on screen changed (draw again).
    pub fn poll_import(&mut self) -> bool {
        let Some(job) = &mut self.imports.job else {
            return false;
        };
        let finished = match job.finished.try_recv() {
            Ok(f) => f,
            Err(TryRecvError::Empty) => {
                let p = job.percent();
                let moved = job.shown != Some(p);
                job.shown = Some(p);
                return moved;
            }
            Err(TryRecvError::Disconnected) => Finished {
                bytes: Vec::new(),
                result: Err(ImportError::Read(
                    "the import stopped unexpectedly: nothing was written".into(),
                )),
            },
        };
        if let Some(job) = self.imports.job.take() {
            self.import_finished(job, finished);
        }
        true
    }

    /// Waits for the running import, if any, and takes in its end.
    pub fn wait_import(&mut self) {
        let Some(job) = self.imports.job.take() else {
            return;
        };
        let finished = job.finished.recv().unwrap_or_else(|_| Finished {
            bytes: Vec::new(),
            result: Err(ImportError::Read(
                "the import stopped unexpectedly: nothing was written".into(),
            )),
        });
        self.import_finished(job, finished);
    }

    /// On the way out (a signal, a closed terminal): cancels the running import and waits
    /// up to `limit` for it to roll back. Should it not end in time, the process ends
    /// before its commit, which leaves nothing written either.
    pub fn stop_import(&mut self, limit: Duration) {
        if !self.cancel_import() {
            return;
        }
        if let Some(job) = self.imports.job.take() {
            let _ = job.finished.recv_timeout(limit);
        }
    }

    /// Quit while an import runs: asks first; with none, quits.
    pub(super) fn quit(&mut self) {
        match &self.imports.job {
            Some(job) if job.cancelling() => self.imports.quit_when_done = true,
            Some(job) if !job.dry_run => {
                let message = format!(
                    "An import of {} is running. Cancel it and quit? Nothing of it is written.",
                    job.name()
                );
                self.view.popup = Some(Popup::Confirm {
                    message,
                    pending: Pending::QuitImporting,
                });
            }
            _ => {
                self.cancel_import();
                self.view.quit = true;
            }
        }
    }

    /// The answer to "cancel it and quit?": yes cancels and quits once it has ended.
    pub(super) fn answer_quit(&mut self, yes: bool) {
        if !yes {
            self.view.status = Some("The import goes on".into());
        } else if self.cancel_import() {
            self.imports.quit_when_done = true;
        } else {
            self.view.quit = true;
        }
    }

    fn import_finished(&mut self, job: ImportJob, finished: Finished) {
        let quit = std::mem::take(&mut self.imports.quit_when_done);
        if quit {
            self.view.quit = true;
            return;
        }
        let Finished { bytes, result } = finished;
        if job.dry_run {
            // Into the dialog, when it still waits for this preview.
            if let Some(Popup::Import(d)) = &mut self.view.popup
                && d.stage == ImportStage::Checking
                && d.kind == job.kind
                && d.path.trim() == job.typed
            {
                d.stage = match result {
                    Ok(report) => ImportStage::Previewed { report, bytes },
                    Err(e) => problems_stage(&job.typed, e, ""),
                };
                d.scroll = 0;
            }
            return;
        }
        match result {
            Ok(report) => {
                let done = move |app: &mut App| {
                    let reloaded = app.reload();
                    app.view.status = Some(match reloaded {
                        Ok(()) => format!("Imported {}", inert(&report.to_string())),
                        Err(e) => format!("Imported, but cannot reload: {e:#}"),
                    });
                };
                if self.has_deferred() {
                    done(self);
                } else {
                    self.slow("Imported: reading the new data…", done);
                }
            }
            Err(ImportError::Cancelled(_)) => {
                self.view.status = Some("Import cancelled: nothing was written".into());
            }
            Err(e) => {
                let stage = problems_stage(&job.typed, e, "nothing imported: ");
                if self.view.popup.is_none() {
                    self.view.popup = Some(Popup::Import(Box::new(ImportDialog {
                        field: ImportField::Path,
                        kind: job.kind,
                        path: job.typed,
                        stage,
                        scroll: 0,
                    })));
                } else if let ImportStage::Problems { summary, .. } = stage {
                    self.view.status = Some(format!(
                        "{}: {} (import it again to see every problem)",
                        job.name(),
                        inert(&summary)
                    ));
                }
            }
        }
    }
}
