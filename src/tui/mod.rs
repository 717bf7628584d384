//! The full-screen terminal app. It knows nothing of SQL: it reads through `store` and
//! `metrics`, holds domain data apart from view state (`app`), turns keys into actions
//! through the keymap, and draws one file per screen and popup.
//!
//! The first frame is drawn at once while the data loads in a background thread (`loader`);
//! the loop waits for it, looking at the terminal every few milliseconds, and draws it when
//! it arrives. Then the loop blocks on terminal input and redraws only after a key, a resize
//! or a data change; while an import runs in the background (`import_job`) it also looks at
//! it every IMPORT_CHECK and redraws when its progress moves or it ends. The terminal is restored on quit, on an error, on a panic, and on
//! SIGTERM/SIGHUP; a watchdog ends the process when its terminal goes away.

pub mod app;
mod app_edit;
mod app_insight;
mod app_lists;
mod app_person;
mod app_reload;
mod app_watch;
mod app_write;
pub mod data;
mod data_apply;
pub mod forms;
mod import_job;
pub mod input;
pub mod insight;
pub mod list;
mod loader;
pub mod mouse;
pub mod popups;
mod preview;
mod reload_job;
pub mod screens;
pub mod theme;
pub mod ui;
pub mod view;
pub mod widgets;
mod work;

pub use app::{App, Popup, Screen};
pub use data::Data;
pub use loader::{Hold, Loading};
pub use theme::Theme;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{IsTerminal, Stdout, stdout};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often the loop looks at the signal flag while no input arrives. Nothing is drawn
/// on these wake-ups, so an idle app costs next to nothing.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);

/// How often the loop looks for the assessment history while it is read in the background.
const HISTORY_CHECK: Duration = Duration::from_millis(20);

/// How often the loop looks at an import running in the background, to draw its progress
/// and take in its end.
const IMPORT_CHECK: Duration = Duration::from_millis(100);

/// How often the loop looks at the terminal while it waits for the data to load.
pub const LOAD_CHECK: Duration = Duration::from_millis(2);

/// How long the loop may take to stop after a signal or a hang-up before the watchdog ends
/// the process itself.
const GRACE: Duration = Duration::from_secs(1);

/// Paths removed if the process has to be ended by the watchdog (the demo's temporary
/// database), since destructors do not run then.
static FORCED_EXIT_CLEANUP: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes `path` (a directory) should the watchdog have to end the process.
pub fn remove_on_forced_exit(path: &Path) {
    if let Ok(mut paths) = FORCED_EXIT_CLEANUP.lock() {
        paths.push(path.to_path_buf());
    }
}

/// Runs the app until the user quits (or a signal or a hang-up asks it to stop).
pub fn run(app: &mut App) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("cannot install the signal handler")?;
    }
    install_panic_hook();
    let guard = TerminalGuard::enter(app.config.mouse)?;
    app.defer_slow_work(true);
    app.run_imports_in_background(true);
    let done = Arc::new(AtomicBool::new(false));
    spawn_watchdog(Arc::clone(&stop), Arc::clone(&done));
    let result = event_loop(
        &mut Terminal::new(CrosstermBackend::new(stdout()))?,
        app,
        &stop,
    );
    // An import still running (a signal, a closed terminal) is cancelled: nothing of it
    // is written, whether it rolls back in time or the process ends before its commit.
    app.stop_import(GRACE / 2);
    done.store(true, Ordering::Relaxed);
    drop(guard);
    result
}

/// Watches for a terminal that went away (its window closed: reads then return end of
/// file, and crossterm 0.29 spins on that inside `event::poll` without returning) and for a
/// stop that the loop does not act on. Asks the loop to stop, and after `GRACE` ends the
/// process itself, so a closed terminal never leaves a busy process behind.
fn spawn_watchdog(stop: Arc<AtomicBool>, done: Arc<AtomicBool>) {
    let was_terminal = std::io::stdin().is_terminal();
    std::thread::spawn(move || {
        let mut stopping_since: Option<Instant> = None;
        while !done.load(Ordering::Relaxed) {
            std::thread::sleep(SIGNAL_CHECK);
            if was_terminal && !std::io::stdin().is_terminal() {
                stop.store(true, Ordering::Relaxed);
            }
            if stop.load(Ordering::Relaxed) {
                let since = *stopping_since.get_or_insert_with(Instant::now);
                if since.elapsed() > GRACE && !done.load(Ordering::Relaxed) {
                    forced_exit();
                }
            }
        }
    });
}

fn forced_exit() -> ! {
    restore();
    if let Ok(paths) = FORCED_EXIT_CLEANUP.lock() {
        for p in paths.iter() {
            let _ = std::fs::remove_dir_all(p);
        }
    }
    std::process::exit(1);
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    stop: &AtomicBool,
) -> Result<()> {
    let mut dirty = true;
    while !app.should_quit() && !stop.load(Ordering::Relaxed) {
        // An import in the background: its progress moved, or it ended.
        if app.poll_import() {
            dirty = true;
            if app.should_quit() {
                break;
            }
        }
        if dirty {
            terminal
                .draw(|frame| ui::render(app, frame))
                .context("cannot draw")?;
            dirty = false;
        }
        // Slow work runs once a frame says it is under way.
        if app.run_deferred() {
            dirty = true;
            continue;
        }
        // The first frame is drawn before the data is in. Until it arrives the loop waits
        // for it, looking at the terminal every LOAD_CHECK; keys pressed meanwhile run when
        // it is in. A failed load ends the app with its error.
        let wait = if app.loading().is_some() {
            if app.poll_preview() {
                dirty = true;
                continue;
            }
            if app.poll_load(LOAD_CHECK)? {
                run_editor_if_asked(terminal, app)?;
                dirty = true;
                continue;
            }
            Duration::ZERO
        } else if app.reload_running() {
            // A large organisation read again in the background: shown once it is in.
            if app.poll_reload() {
                dirty = true;
                continue;
            }
            HISTORY_CHECK
        } else if app.history_loading() {
            // The history follows the data: shown within a HISTORY_CHECK of its arrival.
            if app.poll_history() {
                dirty = true;
                continue;
            }
            HISTORY_CHECK
        } else {
            SIGNAL_CHECK
        };
        let wait = if app.import_running() {
            wait.min(IMPORT_CHECK)
        } else {
            wait
        };
        if !event::poll(wait).context("cannot read the terminal")? {
            // Idle: another writer's commit shows within a SIGNAL_CHECK or so.
            if app.poll_changes() {
                dirty = true;
            }
            continue;
        }
        match event::read().context("cannot read the terminal")? {
            Event::Key(key) => {
                app.handle_key(key);
                run_editor_if_asked(terminal, app)?;
                dirty = true;
            }
            Event::Paste(text) => {
                app.handle_paste(&text);
                dirty = true;
            }
            Event::Mouse(m) => {
                app.handle_mouse(m);
                run_editor_if_asked(terminal, app)?;
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

/// Runs $VISUAL/$EDITOR when a key asked for it, then has everything drawn again.
fn run_editor_if_asked(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
) -> Result<()> {
    if let Some(text) = app.take_editor_request() {
        let result = edit_externally(&text);
        // Everything is drawn again on a cleared screen. (Terminal::clear would ask the
        // terminal where its cursor is, which not every terminal answers.)
        execute!(stdout(), Clear(ClearType::All)).context("cannot redraw")?;
        terminal.current_buffer_mut().reset();
        terminal.swap_buffers();
        app.editor_done(result);
    }
    Ok(())
}

/// Opens `text` in $VISUAL (else $EDITOR, else vi) on a private temporary file, with the
/// terminal handed over for as long as the editor runs, and reads the file back.
fn edit_externally(text: &str) -> std::result::Result<String, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let mut words = editor.split_whitespace();
    let program = words.next().ok_or("no editor set")?.to_string();
    let args: Vec<String> = words.map(str::to_string).collect();
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary file: {e}"))?;
    let path = dir.path().join("note.md");
    std::fs::write(&path, text).map_err(|e| format!("cannot write a temporary file: {e}"))?;
    let mouse = MOUSE.load(Ordering::Relaxed);
    restore();
    MOUSE.store(mouse, Ordering::Relaxed);
    let status = std::process::Command::new(&program)
        .args(&args)
        .arg(&path)
        .status();
    let back = enable_raw_mode().and_then(|()| {
        execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        if MOUSE.load(Ordering::Relaxed) {
            execute!(stdout(), EnableMouseCapture)?;
        }
        Ok(())
    });
    back.map_err(|e| format!("cannot take the terminal back: {e}"))?;
    match status {
        Ok(s) if s.success() => {
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read the edited text: {e}"))
        }
        Ok(s) => Err(format!("{program} exited with {s}; the text is unchanged")),
        Err(e) => Err(format!("cannot run {program}: {e}")),
    }
}

/// Mouse capture is on (the config's `mouse`): the external editor's return turns it on
/// again, and only then is it turned off on the way out.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen, bracketed paste and (unless `mouse = false`) mouse
/// capture for as long as it lives; restores on drop, so an error return (or an unwinding
/// panic) leaves the terminal as it was.
struct TerminalGuard;

impl TerminalGuard {
    fn enter(mouse: bool) -> Result<TerminalGuard> {
        enable_raw_mode().context("cannot start the terminal (is this a terminal?)")?;
        let guard = TerminalGuard;
        MOUSE.store(mouse, Ordering::Relaxed);
        execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)
            .context("cannot start the terminal")?;
        if mouse {
            execute!(stdout(), EnableMouseCapture).context("cannot start the terminal")?;
        }
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Turns mouse capture and bracketed paste off, leaves the alternate screen, shows the
/// cursor and ends raw mode. Safe to call twice.
pub fn restore() {
    if MOUSE.swap(false, Ordering::Relaxed) {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), DisableBracketedPaste, LeaveAlternateScreen, Show);
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
