//! The command line: parses arguments, resolves paths and config, runs one command.
//! Errors come back as `anyhow::Error`; `main` prints them as one `error:` line.

mod args;
mod commands;
mod progress;

pub use args::{AccessAction, Cli, Command, Format, ImportKind, PlanFormat};

use crate::config::Config;
use crate::store::{Missing, Store};
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use clap::Parser;
use std::path::PathBuf;

/// What every command needs: the config, today's date and where the database is.
pub struct Env {
    pub config: Config,
    pub today: NaiveDate,
    pub db: PathBuf,
    /// True when the path is the default one, whose directories we may create.
    pub db_is_default: bool,
    pub db_given: bool,
}

impl Env {
    fn new(cli: &Cli) -> Result<Env> {
        let (config, _) = Config::load(cli.config.as_deref()).map_err(|e| anyhow!(e))?;
        let today = crate::config::today().map_err(|e| anyhow!(e))?;
        let env_db = std::env::var_os("SKILLGAP_DB")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let explicit = cli.db.clone().or(env_db).or_else(|| config.db.clone());
        let db_given = explicit.is_some();
        let (db, db_is_default) = match explicit {
            Some(p) => (p, false),
            None => (
                crate::paths::default_db_path()
                    .ok_or_else(|| anyhow!("no home directory: give the database with --db"))?,
                true,
            ),
        };
        Ok(Env {
            config,
            today,
            db,
            db_is_default,
            db_given,
        })
    }

    /// The database as it may be shown: a server's URL without its password.
    pub fn db_shown(&self) -> String {
        crate::store::shown_location(&self.db)
    }

    /// Opens the database, creating it (with the default framework) when `create` is set.
    pub fn open(&self, create: bool) -> Result<Store> {
        let missing = match (create, self.db_is_default) {
            (false, _) => Missing::Refuse,
            (true, true) => Missing::CreateWithDirs,
            (true, false) => Missing::Create,
        };
        Ok(Store::open(&self.db, missing)?)
    }

    /// Opens the database for a reading command and starts checking it for damage beside
    /// the work; `warn_if_damaged` reports the verdict when the command is done.
    pub fn open_reading(&self) -> Result<Store> {
        let store = self.open(false)?;
        store.check_in_background();
        Ok(store)
    }
}

/// After a reading command: a warning on stderr when the file turned out damaged. The check
/// ran beside the work; it is given up to 2 s more (about 10,000 people's worth) so a
/// large file does not hold the command up; `skillgap check` is the thorough one.
pub fn warn_if_damaged(store: &Store) {
    if let Some(why) = store.damage_wait(std::time::Duration::from_secs(2)) {
        eprintln!(
            "warning: {}: the file is damaged ({}); what was shown may be incomplete. Run `skillgap check`, and restore a backup copy (a .bak file or one made by `skillgap backup`)",
            store.path().display(),
            crate::text::inert(&why)
        );
    }
}

/// Parses the process arguments and runs the command. Usage errors exit 2 inside clap.
pub fn main() -> Result<()> {
    let cli = Cli::parse();
    let env = Env::new(&cli)?;
    commands::run(cli.command, &env)
}
