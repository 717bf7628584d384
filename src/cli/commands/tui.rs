//! Opening the TUI on a database, after taking the one-writer lock.

use crate::cli::Env;
use crate::store::{Store, StoreError};
use crate::tui::{App, Theme};
use anyhow::{Result, bail};

/// The bare command: the TUI on the user's database (created if missing).
pub fn open(env: &Env) -> Result<()> {
    let store = env.open(true)?;
    run_on(store, env)
}

/// Runs the TUI on an open store. A second instance on the same database is refused with
/// one clear line, so two copies never overwrite each other's edits.
pub fn run_on(store: Store, env: &Env) -> Result<()> {
    let _lock = match store.lock_exclusive() {
        Ok(lock) => lock,
        Err(StoreError::Locked { path }) => bail!(
            "{}: another skillgap is already open on this database file (perhaps under another name or link); close it first",
            path.display()
        ),
        Err(e) => return Err(e.into()),
    };
    let theme = Theme::from_config(env.config.theme.style, Theme::no_color_env())
        .with_overrides(&env.config.theme.styles);
    // On a server: what this login may see, said once in the status line.
    let access = store.describe_own_access()?;
    // The data loads in the background while the first frame is drawn.
    let mut app = App::start(store, &env.config, env.today, theme)?;
    if let Some(access) = access {
        app.view.status = Some(format!("{access} (enforced by the database)"));
    }
    crate::tui::run(&mut app)
}
