//! The command line: parses arguments, resolves paths and config, runs one command.
//! Errors come back as `anyhow::Error`; `main` prints them as one `error:` line.

mod args;
mod commands;

pub use args::{AccessAction, Cli, Command, Format, ImportKind};

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
        match crate::store::postgres::url_of(&self.db) {
            Some(url) => crate::store::postgres::redact(url),
            None => self.db.display().to_string(),
        }
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
}

/// Parses the process arguments and runs the command. Usage errors exit 2 inside clap.
pub fn main() -> Result<()> {
    let cli = Cli::parse();
    let env = Env::new(&cli)?;
    commands::run(cli.command, &env)
}
