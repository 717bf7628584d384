//! TUI timings (a benchmark, not a test): `cargo bench --bench tui`.
//!
//! - start: open the store, load the organisation, compute the analysis, draw the first
//!   frame (into a TestBackend, 200x60), on the 42-person demo and a 10,000-person demo;
//! - one key and a redraw on People and on Matrix at 200x60, and sort/filter keys on People.
//!
//! Prints the median and the 90th percentile of each.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skillgap::config::Config;
use skillgap::store::{Missing, Store};
use skillgap::tui::{App, Theme, ui};
use std::path::Path;
use std::time::{Duration, Instant};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let median = samples[samples.len() / 2];
    let p90 = samples[samples.len() * 9 / 10];
    println!(
        "{name:<44} median {:>9.3} ms   p90 {:>9.3} ms   (n={})",
        median.as_secs_f64() * 1e3,
        p90.as_secs_f64() * 1e3,
        samples.len()
    );
}

fn start(path: &Path) -> (App, Terminal<TestBackend>) {
    let store = Store::open(path, Missing::Refuse).expect("open");
    let app = App::load(store, &Config::default(), today(), Theme::color()).expect("load");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    terminal.draw(|f| ui::render(&app, f)).expect("draw");
    (app, terminal)
}

fn key(app: &mut App, terminal: &mut Terminal<TestBackend>, c: char) -> Duration {
    let t = Instant::now();
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    terminal.draw(|f| ui::render(app, f)).expect("draw");
    t.elapsed()
}

fn bench(people: usize, runs: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("bench.db");
    let t = Instant::now();
    let mut store = Store::open(&path, Missing::Create).expect("create");
    let counts = skillgap::demo::generate(&mut store, people, 1, today()).expect("demo");
    drop(store);
    println!(
        "\n{people} people, {} assessments, {} offers, {} notes (generated in {:.1} s)",
        counts.assessments,
        counts.offers,
        counts.notes,
        t.elapsed().as_secs_f64()
    );
    let samples = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let _ = start(&path);
            t.elapsed()
        })
        .collect();
    report(&format!("start to first frame ({people} people)"), samples);

    let (mut app, mut terminal) = start(&path);
    for (screen, label) in [('2', "People"), ('3', "Matrix")] {
        key(&mut app, &mut terminal, screen);
        let samples = (0..400)
            .map(|i| key(&mut app, &mut terminal, if i % 50 < 25 { 'j' } else { 'l' }))
            .collect();
        report(&format!("{label}: one key + redraw, 200x60"), samples);
    }
    key(&mut app, &mut terminal, '2');
    let samples = (0..60).map(|_| key(&mut app, &mut terminal, 's')).collect();
    report("People: sort key + redraw, 200x60", samples);
    let mut samples = Vec::new();
    for _ in 0..20 {
        key(&mut app, &mut terminal, '/');
        samples.push(key(&mut app, &mut terminal, 'a'));
        samples.push(key(&mut app, &mut terminal, 'd'));
        let t = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        terminal.draw(|f| ui::render(&app, f)).expect("draw");
        samples.push(t.elapsed());
    }
    report("People: filter keystroke + redraw, 200x60", samples);
    for (screen, label) in [
        ('1', "Team"),
        ('4', "Skills"),
        ('5', "Trainings"),
        ('6', "Notes"),
    ] {
        key(&mut app, &mut terminal, screen);
        let samples = (0..100)
            .map(|_| key(&mut app, &mut terminal, 'j'))
            .collect();
        report(&format!("{label}: one key + redraw, 200x60"), samples);
    }
    // A person's view: the cursor over their records (j) and jumps between sections (l).
    key(&mut app, &mut terminal, '2');
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let samples = (0..100)
        .map(|i| key(&mut app, &mut terminal, if i % 20 < 16 { 'j' } else { 'l' }))
        .collect();
    report("Person: one key + redraw, 200x60", samples);
}

fn main() {
    bench(42, 50);
    bench(10_000, 7);
}
