//! Loading in the background: the app draws its frame at once, saying what it loads, while
//! a thread reads the store, computes the analysis and builds the first view; the event
//! loop swaps them in when they arrive and draws again. Keys pressed meanwhile wait in a
//! queue and are handled in order once the data is in; quit acts at once.

use super::app::{App, initial_view};
use super::data::Data;
use super::theme::Theme;
use super::view::View;
use crate::config::Config;
use crate::keymap::{Action, Keymap};
use crate::store::{Store, people};
use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// What the loading thread sends back: the store (it is needed again to read and write)
/// and the data with the view to show first.
struct Loaded {
    store: Store,
    result: Result<(Data, View)>,
}

pub struct Loading {
    /// People in the database, for the message.
    people: usize,
    arrived: Receiver<Loaded>,
    /// Keys pressed before the data arrived, oldest first.
    queued: Vec<KeyEvent>,
}

impl Loading {
    /// "Loading 10,000 people…".
    pub fn message(&self) -> String {
        match self.people {
            0 => "Loading…".to_string(),
            1 => "Loading 1 person…".to_string(),
            n => format!("Loading {} people…", thousands(n)),
        }
    }
}

impl App {
    /// The app at once, with no data yet: a thread loads it (see `poll_load`). What a
    /// thread could not do here is checked first: the keymap of the config.
    pub fn start(store: Store, config: &Config, today: NaiveDate, theme: Theme) -> Result<App> {
        let keymap = Keymap::new(&config.keys).map_err(|e| anyhow!(e))?;
        let people = people::count_people(store.conn())?;
        let empty = Data::new(Default::default(), Vec::new(), config, today);
        let mut app = App::new(empty, keymap, theme);
        app.config = config.clone();
        let (send, arrived) = channel();
        let config = config.clone();
        std::thread::Builder::new()
            .name("load".into())
            .spawn(move || {
                // The Team screen shows first, with the readiness trend: the history too.
                let result = Data::load(&store, &config, today)
                    .and_then(|data| data.read_history(&store).map(|()| data))
                    .map(|data| {
                        let view = initial_view(&data);
                        (data, view)
                    });
                // The app may have quit meanwhile: then nobody waits for the data.
                let _ = send.send(Loaded { store, result });
            })
            .context("cannot start loading")?;
        app.loading = Some(Loading {
            people: usize::try_from(people).unwrap_or(0),
            arrived,
            queued: Vec::new(),
        });
        Ok(app)
    }

    /// The data is still being loaded.
    pub fn loading(&self) -> Option<&Loading> {
        self.loading.as_ref()
    }

    /// Waits up to `wait` for the data; swaps it in when it arrives, then handles the keys
    /// pressed meanwhile. `Ok(true)` when it did (draw again); the error of a failed load.
    pub fn poll_load(&mut self, wait: Duration) -> Result<bool> {
        let Some(loading) = &self.loading else {
            return Ok(false);
        };
        match loading.arrived.recv_timeout(wait) {
            Ok(loaded) => self.arrive(loaded).map(|()| true),
            Err(RecvTimeoutError::Timeout) => Ok(false),
            Err(RecvTimeoutError::Disconnected) => Err(anyhow!("loading stopped unexpectedly")),
        }
    }

    /// Waits for the data and swaps it in (`poll_load` with no time limit).
    pub fn wait_loaded(&mut self) -> Result<()> {
        let Some(loading) = &self.loading else {
            return Ok(());
        };
        let loaded = loading
            .arrived
            .recv()
            .map_err(|_| anyhow!("loading stopped unexpectedly"))?;
        self.arrive(loaded)
    }

    fn arrive(&mut self, loaded: Loaded) -> Result<()> {
        let (data, view) = loaded.result?;
        let queued = self.loading.take().map(|l| l.queued).unwrap_or_default();
        self.data = data;
        self.view = view;
        self.store = Some(loaded.store);
        for key in queued {
            if self.should_quit() {
                break;
            }
            self.handle_key(key);
        }
        Ok(())
    }

    /// While loading, queues a key (quit acts at once); `false` once the data is in.
    pub(super) fn hold_while_loading(&mut self, key: KeyEvent) -> bool {
        let Some(loading) = &mut self.loading else {
            return false;
        };
        if self.keymap.action(&key) == Some(Action::Quit) {
            self.view.quit = true;
        } else {
            loading.queued.push(key);
        }
        true
    }
}

/// 10000 -> "10,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(42), "42");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
