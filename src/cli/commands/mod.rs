//! One function per command.

mod demo;
mod io;
mod maintenance;

use super::{Command, Env};
use anyhow::{Result, bail};

pub fn run(command: Option<Command>, env: &Env) -> Result<()> {
    match command {
        None => tui_not_built(),
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
        Some(Command::Import {
            kind,
            file,
            dry_run,
        }) => io::import(env, kind, &file, dry_run),
        Some(Command::Export {
            format,
            team,
            person,
            include_private,
            output,
        }) => io::export(env, format, team, person, include_private, output),
    }
}

pub(super) fn tui_not_built() -> Result<()> {
    bail!(
        "the TUI is not built yet; try `skillgap --db demo.db demo --no-tui` and then `skillgap --db demo.db report`"
    )
}
