//! One function per command.

mod demo;
mod maintenance;
mod tui;

use super::{Command, Env};
use anyhow::{Result, bail};

pub fn run(command: Option<Command>, env: &Env) -> Result<()> {
    match command {
        None => tui::open(env),
        Some(Command::Init) => maintenance::init(env),
        Some(Command::Demo {
            people,
            seed,
            no_tui,
        }) => demo::run(env, people, seed, no_tui),
        Some(Command::Report { team }) => maintenance::report(env, team.as_deref()),
        Some(Command::Check) => maintenance::check(env),
        Some(Command::Backup { output }) => maintenance::backup(env, output),
        Some(Command::Completions { shell }) => {
            maintenance::completions(shell);
            Ok(())
        }
        Some(Command::Import { .. }) => {
            bail!("import is not built yet; it is planned (see the README's roadmap)")
        }
        Some(Command::Export { .. }) => {
            bail!("export is not built yet; for now `skillgap report` prints a summary")
        }
    }
}
