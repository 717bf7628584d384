//! One function per command.

mod access;
mod demo;
mod io;
mod maintenance;
mod tui;

use super::{Command, Env};
use anyhow::Result;

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
        Some(Command::Plan {
            team,
            hours,
            format,
        }) => maintenance::plan(env, team.as_deref(), hours, format),
        Some(Command::Check) => maintenance::check(env),
        Some(Command::Access { action }) => access::run(env, action),
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
