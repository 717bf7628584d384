//! Loading in the background: the app draws its frame at once, saying what it loads, while
//! a thread reads the store, computes the analysis and builds the first view; the event
//! loop swaps them in when they arrive and draws again. Keys pressed meanwhile wait in a
//! queue and are handled in order once the data is in; quit acts at once.
//!
//! Before the data, the thread reads the teams and how many people each holds: the Team
//! screen shows them with its figures marked as loading (`preview`).
//!
//! The assessment history (the readiness trend, drift per assessor) takes longest to read:
//! it follows the data, read on a second connection to the database while the app already
//! shows the data and writes through its own; what depends on it says it is loading.

use super::app::{App, initial_view};
use super::data::{Data, HistoryRead, read_history_from};
use super::preview::Preview;
use super::theme::Theme;
use super::view::View;
use crate::config::Config;
use crate::keymap::{Action, Keymap};
use crate::metrics::Settings;
use crate::store::{Reopen, Store, people};
use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::time::Duration;

/// What `App::start_holding` holds back.
#[doc(hidden)]
pub enum Hold {
    /// The data (the preview is read first).
    Data,
    History,
}

/// What the test hooks hold back: the data (after the preview) and the history.
#[derive(Default)]
struct Gates {
    data: Option<Receiver<()>>,
    history: Option<Receiver<()>>,
}

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
    /// The teams and their people, read first (`None` until they arrive, or if they could
    /// not be read: the data says why).
    preview: Option<Preview>,
    preview_arrived: Receiver<Preview>,
    /// Keys pressed before the data arrived, oldest first.
    queued: Vec<Held>,
    /// The history, which the same thread reads once the data is sent.
    history: HistoryLoad,
}

/// A key, or a click (on the tabs of the first frame), held until the data is in.
enum Held {
    Key(KeyEvent),
    Click(MouseEvent),
}

/// The assessment history on its way from a thread.
pub struct HistoryLoad(Receiver<Result<HistoryRead>>);

/// Reads the history on a second connection to the database, after `gate` opens (a test
/// holds it; `None`: at once).
fn read_beside(
    db: &Reopen,
    settings: &Settings,
    gate: Option<Receiver<()>>,
) -> Result<HistoryRead> {
    if let Some(gate) = gate {
        let _ = gate.recv();
    }
    let reader = db.open_reader().context("cannot open the database again")?;
    read_history_from(&reader, settings)
}

/// Reads the history in a thread of its own (after a full reload).
pub(super) fn spawn_history(db: Reopen, settings: Settings) -> Result<HistoryLoad> {
    let (send, arrived) = channel();
    std::thread::Builder::new()
        .name("history".into())
        .spawn(move || {
            let _ = send.send(read_beside(&db, &settings, None));
        })
        .context("cannot start reading the history")?;
    Ok(HistoryLoad(arrived))
}

impl Loading {
    /// The teams and their people, once read.
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_ref()
    }

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
        App::start_gated(store, config, today, theme, Gates::default())
    }

    /// `start`, with `what` (the data after the preview, or the history) read only once the
    /// returned sender sends (or is dropped): for tests of what shows before it arrives.
    #[doc(hidden)]
    pub fn start_holding(
        what: Hold,
        store: Store,
        config: &Config,
        today: NaiveDate,
        theme: Theme,
    ) -> Result<(App, Sender<()>)> {
        let (open, gate) = channel();
        let gates = match what {
            Hold::Data => Gates {
                data: Some(gate),
                history: None,
            },
            Hold::History => Gates {
                data: None,
                history: Some(gate),
            },
        };
        App::start_gated(store, config, today, theme, gates).map(|a| (a, open))
    }

    fn start_gated(
        store: Store,
        config: &Config,
        today: NaiveDate,
        theme: Theme,
        gates: Gates,
    ) -> Result<App> {
        let keymap = Keymap::new(&config.keys).map_err(|e| anyhow!(e))?;
        let people = people::count_people(store.conn())?;
        let empty = Data::new(Default::default(), Vec::new(), config, today);
        let mut app = App::new(empty, keymap, theme);
        app.config = config.clone();
        let (send, arrived) = channel();
        let (send_preview, preview_arrived) = channel();
        let (send_history, history) = channel();
        let config = config.clone();
        let settings = config.settings(today);
        std::thread::Builder::new()
            .name("load".into())
            .spawn(move || {
                // Not read (an error): the data's read says why.
                if let Ok(preview) = Preview::read(&store) {
                    let _ = send_preview.send(preview);
                }
                if let Some(gate) = gates.data {
                    let _ = gate.recv();
                }
                let result = Data::load(&store, &config, today).map(|data| {
                    let view = initial_view(&data);
                    (data, view)
                });
                let failed = result.is_err();
                // The file is checked once the figures are in (on a machine of two cores the
                // check would take one from the loading): beside the history. A save waits
                // for its verdict and a damaged file refuses it.
                store.check_in_background();
                let db = store.reopen();
                // The app may have quit meanwhile: then nobody waits for the data.
                if send.send(Loaded { store, result }).is_err() || failed {
                    return;
                }
                // The data shows; the history the Team screen's trend needs follows.
                let _ = send_history.send(read_beside(&db, &settings, gates.history));
            })
            .context("cannot start loading")?;
        app.loading = Some(Loading {
            people: usize::try_from(people).unwrap_or(0),
            arrived,
            preview: None,
            preview_arrived,
            queued: Vec::new(),
            history: HistoryLoad(history),
        });
        Ok(app)
    }

    /// Swaps in the preview when it arrived (without waiting): `true` when it did (draw
    /// again).
    pub fn poll_preview(&mut self) -> bool {
        let Some(loading) = &mut self.loading else {
            return false;
        };
        if loading.preview.is_some() {
            return false;
        }
        match loading.preview_arrived.try_recv() {
            Ok(p) => {
                loading.preview = Some(p);
                true
            }
            Err(_) => false,
        }
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

    /// Swaps in the history when it arrived (without waiting). `true` when it did, or its
    /// read failed (on the status line): draw again.
    pub fn poll_history(&mut self) -> bool {
        let Some(load) = &self.history_load else {
            return false;
        };
        let read = match load.0.try_recv() {
            Ok(read) => read,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err(anyhow!("reading the history stopped")),
        };
        self.history_load = None;
        if let Err(e) = self.history_in(read) {
            self.view.status = Some(format!("{e:#}"));
        }
        true
    }

    /// Waits for the history being read, if any, and swaps it in (`poll_history` with no
    /// time limit); its error when it could not be read.
    pub fn wait_history(&mut self) -> Result<()> {
        let Some(load) = self.history_load.take() else {
            return Ok(());
        };
        let read = load
            .0
            .recv()
            .map_err(|_| anyhow!("reading the history stopped"))?;
        self.history_in(read)
    }

    /// The history is being read in the background.
    pub fn history_loading(&self) -> bool {
        self.history_load.is_some()
    }

    fn history_in(&mut self, read: Result<HistoryRead>) -> Result<()> {
        self.data.history_arrived(self.store.as_ref(), read?)?;
        self.view.team.history_arrived();
        self.view.perception.data_changed();
        self.refresh_team_panel();
        Ok(())
    }

    fn arrive(&mut self, loaded: Loaded) -> Result<()> {
        let (data, view) = loaded.result?;
        let (queued, history) = match self.loading.take() {
            Some(l) => (l.queued, Some(l.history)),
            None => (Vec::new(), None),
        };
        self.history_load = history;
        self.data = data;
        // A status said while loading (on a server, what this login may see) stays until
        // the first key, as it would have once the data was in.
        let status = self.view.status.take();
        self.view = view;
        self.view.status = self.view.status.take().or(status);
        self.store = Some(loaded.store);
        for held in queued {
            if self.should_quit() {
                break;
            }
            match held {
                Held::Key(key) => self.handle_key(key),
                Held::Click(click) => self.handle_mouse(click),
            }
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
            loading.queued.push(Held::Key(key));
        }
        true
    }

    /// While loading, queues a click (the first frame's tabs are where they will be once the
    /// data is in; a click elsewhere finds nothing then); `false` once the data is in.
    pub(super) fn hold_click_while_loading(&mut self, ev: MouseEvent) -> bool {
        let Some(loading) = &mut self.loading else {
            return false;
        };
        if ev.kind == MouseEventKind::Down(MouseButton::Left) {
            loading.queued.push(Held::Click(ev));
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
