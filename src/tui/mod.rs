//! The full-screen terminal app. It knows nothing of SQL: it reads through `store` and
//! `metrics`, holds domain data apart from view state (`app`), turns keys into actions
//! through the keymap, and draws one file per screen and popup.
//!
//! The loop blocks on terminal input and redraws only after a key, a resize or a data
//! change. The terminal is restored on quit, on an error, on a panic, and on SIGTERM/SIGHUP.

pub mod app;
pub mod data;
pub mod list;
pub mod popups;
pub mod screens;
pub mod theme;
pub mod ui;
pub mod view;
pub mod widgets;

pub use app::{App, Popup, Screen};
pub use data::Data;
pub use theme::Theme;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the loop looks at the signal flag while no input arrives. Nothing is drawn
/// on these wake-ups, so an idle app costs next to nothing.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);

/// Runs the app until the user quits (or a signal asks it to stop).
pub fn run(app: &mut App) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("cannot install the signal handler")?;
    }
    install_panic_hook();
    let guard = TerminalGuard::enter()?;
    let result = event_loop(
        &mut Terminal::new(CrosstermBackend::new(stdout()))?,
        app,
        &stop,
    );
    drop(guard);
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    stop: &AtomicBool,
) -> Result<()> {
    let mut dirty = true;
    while !app.should_quit() && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal
                .draw(|frame| ui::render(app, frame))
                .context("cannot draw")?;
            dirty = false;
        }
        if !event::poll(SIGNAL_CHECK).context("cannot read the terminal")? {
            continue;
        }
        match event::read().context("cannot read the terminal")? {
            Event::Key(key) => {
                app.handle_key(key);
                dirty = true;
            }
            Event::Resize(..) => {
                terminal.autoresize().context("cannot resize")?;
                dirty = true;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Raw mode and the alternate screen for as long as it lives; restores on drop, so an
/// error return (or an unwinding panic) leaves the terminal as it was.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> Result<TerminalGuard> {
        enable_raw_mode().context("cannot start the terminal (is this a terminal?)")?;
        let guard = TerminalGuard;
        execute!(stdout(), EnterAlternateScreen).context("cannot start the terminal")?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves the alternate screen, shows the cursor and ends raw mode. Safe to call twice.
pub fn restore() {
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// Restores the terminal before the panic message is printed, so it is readable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
