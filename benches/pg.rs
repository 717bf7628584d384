//! SQLite against PostgreSQL at 10,000 people (the demo's organisation, the same on both):
//! from opening the store to the app's first frame with the data, and `report`, each the
//! median of several runs. The server is a throwaway one on this machine (the tests'
//! `pg_common`); without PostgreSQL installed the bench says so and stops.
//! Run with `cargo bench --bench pg`.

#[path = "../tests/pg_common/mod.rs"]
mod pg_common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use skillgap::config::Config;
use skillgap::store::{Missing, Store};
use skillgap::tui::{App, Theme, ui};
use std::path::Path;
use std::time::{Duration, Instant};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// To the frame with every figure (the teams shown before it, figures loading, are not
/// waited for: this compares the engines' reads of the whole organisation).
fn first_frame_with_data(db: &Path) -> Duration {
    let t = Instant::now();
    let store = Store::open(db, Missing::Refuse).expect("open");
    let mut app = App::start(store, &Config::default(), today(), Theme::color()).expect("start");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    terminal.draw(|f| ui::render(&app, f)).expect("draw");
    while !app.poll_load(skillgap::tui::LOAD_CHECK).expect("load") {}
    terminal.draw(|f| ui::render(&app, f)).expect("draw");
    let shown = t.elapsed();
    // The history follows in the background: let it arrive before the next run starts,
    // so that no run is measured beside the last one's reading.
    while app.data.history_pending() {
        if !app.poll_history() {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    shown
}

/// `skillgap report` without printing (and without the damage check beside it).
fn report(db: &Path) -> Duration {
    let t = Instant::now();
    let store = Store::open(db, Missing::Refuse).expect("open");
    let text =
        skillgap::report::from_store(&store, &Config::default(), today(), None).expect("report");
    std::hint::black_box(text);
    t.elapsed()
}

fn main() {
    let people: usize = std::env::var("SKILLGAP_BENCH_PEOPLE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let Some(pg) = pg_common::fresh_db() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite = dir.path().join("bench.db");
    let url = pg.owner_url();
    let mut rows = Vec::new();
    for (name, db) in [("sqlite", sqlite.as_path()), ("postgres", Path::new(&url))] {
        let mut store = Store::open(db, Missing::Create).expect("create");
        let t = Instant::now();
        let counts = skillgap::demo::generate(&mut store, people, 1, today()).expect("demo");
        println!(
            "{name}: demo of {people} people written in {:?} ({} assessments)",
            t.elapsed(),
            counts.assessments
        );
        drop(store);
        let frame = median((0..5).map(|_| first_frame_with_data(db)).collect());
        let rep = median((0..5).map(|_| report(db)).collect());
        println!("{name}: start to first frame with data {frame:?}, report {rep:?} (medians of 5)");
        rows.push((frame, rep));
    }
    let ratio = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64();
    println!(
        "postgres / sqlite: first frame x{:.2}, report x{:.2}",
        ratio(rows[0].0, rows[1].0),
        ratio(rows[0].1, rows[1].1)
    );
}
