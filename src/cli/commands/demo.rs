//! `skillgap demo`: a realistic organisation, never written over the user's own data.

use crate::cli::Env;
use crate::store::{Missing, Store};
use anyhow::{Context, Result, bail};

pub fn run(env: &Env, people: u32, seed: u64, no_tui: bool) -> Result<()> {
    if !no_tui {
        return super::tui_not_built();
    }
    if !env.db_given {
        bail!("demo --no-tui writes to a file: give it with --db PATH");
    }
    let mut store = Store::open(&env.db, Missing::Create)?;
    let existing: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .context("cannot count people")?;
    if existing > 0 {
        bail!(
            "{}: already holds {existing} people; the demo only writes to a new or empty database",
            env.db.display()
        );
    }
    let counts = crate::demo::generate(&mut store, people as usize, seed, env.today)?;
    println!(
        "wrote a demo organisation to {}: {} teams, {} people, {} assessments, {} offers, {} notes",
        env.db.display(),
        counts.teams,
        counts.people,
        counts.assessments,
        counts.offers,
        counts.notes
    );
    Ok(())
}
