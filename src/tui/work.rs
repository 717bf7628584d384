//! Work that may take longer than a frame (writing an export, saving, undo and redo with
//! their reload, reading everything again after an import): the event loop first draws a
//! "working" line, then runs it. Driven without the loop (tests), the work runs at once.

use super::app::App;

/// Work to run after the next frame.
pub type Work = Box<dyn FnOnce(&mut App)>;

impl App {
    /// Runs `work` now, or (under the event loop) after a frame that says `message`.
    pub(super) fn slow(&mut self, message: &str, work: impl FnOnce(&mut App) + 'static) {
        if self.defer_slow {
            self.view.status = Some(format!("⏳ {message}"));
            self.deferred = Some(Box::new(work));
        } else {
            work(self);
        }
    }

    /// The event loop draws before slow work; `App::start` leaves it off for tests.
    pub fn defer_slow_work(&mut self, on: bool) {
        self.defer_slow = on;
    }

    /// Runs the work `slow` put off, if any; true when there was some.
    pub fn run_deferred(&mut self) -> bool {
        match self.deferred.take() {
            Some(work) => {
                self.view.status = None;
                work(self);
                true
            }
            None => false,
        }
    }

    pub fn has_deferred(&self) -> bool {
        self.deferred.is_some()
    }
}
