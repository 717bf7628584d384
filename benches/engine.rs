//! The readiness engine at L&D scale: 10,000 people and about a million assessments.
//! Run with `cargo bench --bench engine`; prints the median of several runs of each step:
//! opening, `load_org` on one connection, `load_org_with` on two (as the app loads, with
//! the notes), the analysis, team summaries and the funnel.

use skillgap::metrics::Analysis;
use skillgap::store::{Missing, Store, load_org, records};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let dir = tempfile::tempdir().expect("tempdir");
    // SKILLGAP_BENCH_DB: a copy of a database to measure instead of a new demo (it is copied,
    // never written).
    let given = std::env::var_os("SKILLGAP_BENCH_DB").map(std::path::PathBuf::from);
    let path = dir.path().join("bench.db");
    if let Some(g) = &given {
        std::fs::copy(g, &path).expect("copy SKILLGAP_BENCH_DB");
    }
    let mut store = Store::open(&path, Missing::Create).expect("open");
    if given.is_none() {
        let t = Instant::now();
        let counts = skillgap::demo::generate(&mut store, 10_000, 1, today).expect("demo");
        println!(
            "demo of 10,000 people: {:?} ({} assessments)",
            t.elapsed(),
            counts.assessments
        );
    }

    // Pad the history to about a million assessments: older self-ratings of the same skills.
    let t = Instant::now();
    skillgap::demo::pad_history(&mut store, 1_000_000).expect("pad");
    let total: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM assessments", (), |r| r.get(0))
        .expect("count");
    println!("padded to {total} assessments in {:?}", t.elapsed());

    let settings = skillgap::config::Config::default().settings(today);
    let open = time(5, || Store::open(&path, Missing::Refuse).expect("reopen"));
    let load = time(5, || load_org(store.conn()).expect("load"));
    let load_parallel = time(5, || {
        skillgap::store::load_org_with(&store, |c| records::list_notes(c, true)).expect("load")
    });
    let org = load_org(store.conn()).expect("load");
    let analysis = time(5, || Analysis::new(&org, settings.clone()));
    let a = Analysis::new(&org, settings.clone());
    let everyone = time(5, || a.team_summary(&org, None));
    let team = time(5, || a.team_summary(&org, Some(org.teams[0].id)));
    let funnel = time(5, || a.funnel(&org, None));
    let history = time(5, || {
        skillgap::store::load_history(store.conn()).expect("history")
    });
    let h = skillgap::store::load_history(store.conn()).expect("history");
    let first = skillgap::metrics::trend_dates(today)[0];
    let since = time(5, || {
        skillgap::store::load_history_since(store.conn(), first).expect("history")
    });
    let hs = skillgap::store::load_history_since(store.conn(), first).expect("history");
    let trend_all = time(5, || {
        skillgap::metrics::readiness_trend(&org, &h, None, &settings)
    });
    let trend_team = time(5, || {
        skillgap::metrics::readiness_trend(&org, &h, Some(org.teams[0].id), &settings)
    });
    let plan = time(5, || a.plan(&org, None, 40.0));
    let assessors = time(5, || {
        skillgap::store::load_manager_assessors(store.conn()).expect("assessors")
    });
    println!(
        "median of 5 runs each, {} people, {} latest ratings:",
        org.people.len(),
        org.ratings.len()
    );
    println!("  open + checks      {open:?}");
    println!("  load_org           {load:?}");
    println!("  load_org_with      {load_parallel:?}   (two connections, notes on the second)");
    println!("  Analysis::new      {analysis:?}");
    println!("  team summary, all  {everyone:?}");
    println!("  team summary, one  {team:?}");
    println!("  funnel, all        {funnel:?}");
    println!(
        "  load_history       {history:?}   ({} assessments, {} MB)",
        h.len(),
        h.len() * std::mem::size_of::<skillgap::model::Rating>() / 1_000_000
    );
    println!(
        "  load_history_since {since:?}   ({} ratings: what the trend needs)",
        hs.len()
    );
    assert_eq!(
        skillgap::metrics::readiness_trend(&org, &hs, None, &settings),
        skillgap::metrics::readiness_trend(&org, &h, None, &settings),
        "the trend from the reduced history"
    );
    println!("  trend, all         {trend_all:?}   (13 points)");
    println!("  trend, one team    {trend_team:?}");
    println!("  plan, all, 40 h    {plan:?}");
    println!("  manager assessors  {assessors:?}");
}
