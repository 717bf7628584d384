//! init, report, check, backup, completions.

use crate::cli::{Cli, Env};
use crate::metrics::Analysis;
use crate::store::load_org;
use anyhow::{Context, Result, bail};
use std::path::PathBuf;

pub fn init(env: &Env) -> Result<()> {
    let store = env.open(true)?;
    let existed = !store.created();
    let people: i64 =
        crate::store::people::count_people(store.conn()).context("cannot count people")?;
    if existed {
        println!(
            "{} is already a skillgap database ({people} people); nothing changed",
            env.db_shown()
        );
    } else {
        println!(
            "created {} with the default AI-readiness framework",
            env.db_shown()
        );
    }
    Ok(())
}

pub fn report(env: &Env, team: Option<&str>) -> Result<()> {
    let store = env.open_reading()?;
    let text = crate::report::from_store(&store, &env.config, env.today, team)?;
    print!("{text}");
    crate::cli::warn_if_damaged(&store);
    Ok(())
}

pub fn plan(
    env: &Env,
    team: Option<&str>,
    hours: f64,
    format: crate::cli::PlanFormat,
) -> Result<()> {
    let store = env.open(false)?;
    let org = load_org(store.conn())?;
    let analysis = Analysis::new(&org, env.config.settings(env.today));
    let doc = crate::plan::build(&org, &analysis, team, hours).map_err(anyhow::Error::msg)?;
    match format {
        crate::cli::PlanFormat::Text => print!("{}", crate::plan::render_text(&doc)),
        crate::cli::PlanFormat::Json => print!("{}", crate::plan::render_json(&doc)),
    }
    Ok(())
}

pub fn check(env: &Env) -> Result<()> {
    let store = env.open(false)?;
    let problems = store.check()?;
    if problems.is_empty() {
        println!(
            "ok: {} (schema version {})",
            env.db_shown(),
            store.schema_version()
        );
        return Ok(());
    }
    for p in &problems {
        eprintln!("{}: {p}", env.db_shown());
    }
    bail!(
        "{}: check found {} problem(s)",
        env.db_shown(),
        problems.len()
    )
}

pub fn backup(env: &Env, output: Option<PathBuf>) -> Result<()> {
    let store = env.open_reading()?;
    let dest = output.unwrap_or_else(|| {
        let stem = env
            .db
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "skillgap".into());
        let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
        env.db.with_file_name(format!("{stem}-backup-{stamp}.db"))
    });
    store.backup_to(&dest)?;
    println!("backed up to {}", dest.display());
    crate::cli::warn_if_damaged(&store);
    Ok(())
}

pub fn completions(shell: clap_complete::Shell) {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut cmd, "skillgap", &mut std::io::stdout());
}
