//! `skillgap demo`: a realistic organisation, never written over the user's own data.

use crate::cli::Env;
use crate::store::{Missing, Store};
use anyhow::{Context, Result, bail};

pub fn run(env: &Env, people: u32, seed: u64, no_tui: bool) -> Result<()> {
    if !env.db_given {
        if no_tui {
            bail!("demo --no-tui writes to a file: give it with --db PATH");
        }
        // A temporary database, removed when the TUI closes: the user's data is never touched.
        let dir = tempfile::Builder::new()
            .prefix("skillgap-demo-")
            .tempdir()
            .context("cannot create a temporary directory for the demo")?;
        crate::tui::remove_on_forced_exit(dir.path());
        let mut store = Store::open(&dir.path().join("demo.db"), Missing::Create)?;
        crate::demo::generate(&mut store, people as usize, seed, env.today)?;
        return super::tui::run_on(store, env);
    }
    let mut store = Store::open(&env.db, Missing::Create)?;
    let existing: i64 =
        crate::store::people::count_people(store.conn()).context("cannot count people")?;
    if existing > 0 {
        bail!(
            "{}: already holds {existing} people; the demo only writes to a new or empty database",
            env.db_shown()
        );
    }
    let counts = crate::demo::generate(&mut store, people as usize, seed, env.today)?;
    println!(
        "wrote a demo organisation to {}: {} teams, {} people, {} assessments, {} offers, {} notes",
        env.db_shown(),
        counts.teams,
        counts.people,
        counts.assessments,
        counts.offers,
        counts.notes
    );
    if no_tui {
        return Ok(());
    }
    super::tui::run_on(store, env)
}
