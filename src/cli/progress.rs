//! A progress bar on stderr for imports and exports that take more than a second, only
//! when stderr is a terminal (never in a pipe, a file or a test).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long an operation runs before its bar shows.
const AFTER: Duration = Duration::from_secs(1);

/// A bar of `total` units (bytes or people) that stays hidden for its first second.
pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    on_terminal: bool,
}

impl Bar {
    pub fn new(total: u64, what: &str) -> Arc<Bar> {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template(&format!("{what} [{{bar:40}}] {{percent:>3}}% {{msg}}"))
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Arc::new(Bar {
            bar,
            started: Instant::now(),
            on_terminal: std::io::stderr().is_terminal(),
        })
    }

    /// `done` of the total so far.
    pub fn set(&self, done: u64) {
        if !self.on_terminal {
            return;
        }
        if self.bar.is_hidden() && self.started.elapsed() >= AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.set_position(done);
    }

    /// The work is done: the bar goes (what follows is printed on a clean line).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
