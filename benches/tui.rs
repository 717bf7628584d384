//! TUI timings (a benchmark, not a test): `cargo bench --bench tui`.
//!
//! - start: from opening the store to the first frame drawn (into a TestBackend, 200x60),
//!   and to the first frame that shows the data, on the 42-person demo and on a
//!   10,000-person demo padded to a million assessments;
//! - a full reload after an edit made elsewhere (what most saves cost), and saving one
//!   assessment with a review-sweep key (only that person is read again), at both sizes;
//! - one key and a redraw on each screen at 200x60, and sort/filter keys on People.
//!
//! Prints the median and the 90th percentile of each. SKILLGAP_BENCH_RUNS sets the number
//! of starts at 10,000 people (default 9).

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skillgap::config::Config;
use skillgap::model::{Assessment, Rating, Source};
use skillgap::store::{Missing, Store, records};
use skillgap::tui::{App, Popup, Theme, ui};
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
        "{name:<48} median {:>9.3} ms   p90 {:>9.3} ms   (n={})",
        median.as_secs_f64() * 1e3,
        p90.as_secs_f64() * 1e3,
        samples.len()
    );
}

/// Opens the app as the binary does: the first frame is drawn while the data loads in the
/// background, then the loop waits for the data (in slices of `LOAD_CHECK`) and draws it.
/// Returns the app with the time to the first frame drawn and to the first frame with the
/// data shown.
fn start(path: &Path) -> (App, Terminal<TestBackend>, Duration, Duration) {
    let t = Instant::now();
    let store = Store::open(path, Missing::Refuse).expect("open");
    let mut app = App::start(store, &Config::default(), today(), Theme::color()).expect("start");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    terminal.draw(|f| ui::render(&app, f)).expect("draw");
    let drawn = t.elapsed();
    while !app.poll_load(skillgap::tui::LOAD_CHECK).expect("load") {}
    terminal.draw(|f| ui::render(&app, f)).expect("draw");
    let shown = t.elapsed();
    wait_history(&mut app);
    (app, terminal, drawn, shown)
}

/// The history follows the data in the background: let it arrive before anything else is
/// measured (a run measured beside the last one's reading is slower for it).
fn wait_history(app: &mut App) {
    while app.data.history_pending() {
        if !app.poll_history() {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn key(app: &mut App, terminal: &mut Terminal<TestBackend>, c: char) -> Duration {
    let t = Instant::now();
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    terminal.draw(|f| ui::render(app, f)).expect("draw");
    t.elapsed()
}

/// One new assessment written beside the app (as a save does), then a reload and a redraw.
fn reload_after_edit(path: &Path, app: &mut App, terminal: &mut Terminal<TestBackend>) -> Duration {
    let store = Store::open(path, Missing::Refuse).expect("open");
    let person = app.data.people[app.data.people.len() / 2].id;
    let skill = app.data.org.skills[0].id;
    let rating = Rating {
        id: 0,
        person_id: person,
        skill_id: skill,
        level: 3,
        source: Source::Manager,
        assessed_on: today(),
    };
    let a = Assessment {
        rating,
        score: None,
        max_score: None,
        assessor: None,
        evidence: None,
    };
    records::insert_assessment(store.conn(), &a).expect("insert");
    let t = Instant::now();
    app.reload().expect("reload");
    terminal.draw(|f| ui::render(app, f)).expect("draw");
    t.elapsed()
}

/// A review sweep of a person: each level key saves one assessment (committed at once) and
/// shows it (only that person's ratings are read again).
fn sweep_key(app: &mut App, terminal: &mut Terminal<TestBackend>) -> Duration {
    if !matches!(app.view.popup, Some(Popup::Sweep(_))) {
        if app.view.person.is_none() {
            key(app, terminal, '2');
            app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        }
        key(app, terminal, 'r');
    }
    key(app, terminal, '3')
}

fn bench(people: usize, assessments: usize, runs: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("bench.db");
    let t = Instant::now();
    let mut store = Store::open(&path, Missing::Create).expect("create");
    let counts = skillgap::demo::generate(&mut store, people, 1, today()).expect("demo");
    let padded = skillgap::demo::pad_history(&mut store, assessments).expect("pad");
    drop(store);
    println!(
        "\n{people} people, {} assessments, {} offers, {} notes (generated in {:.1} s)",
        counts.assessments + padded,
        counts.offers,
        counts.notes,
        t.elapsed().as_secs_f64()
    );
    let (drawn, shown): (Vec<_>, Vec<_>) = (0..runs)
        .map(|_| {
            let (_, _, drawn, shown) = start(&path);
            (drawn, shown)
        })
        .unzip();
    report(
        &format!("start to first frame drawn ({people} people)"),
        drawn,
    );
    report(
        &format!("start to first frame with data ({people} people)"),
        shown,
    );

    let (mut app, mut terminal, _, _) = start(&path);
    let samples = (0..runs.min(15))
        .map(|_| reload_after_edit(&path, &mut app, &mut terminal))
        .collect();
    report(
        &format!("full reload after an edit elsewhere ({people} people)"),
        samples,
    );
    let samples = (0..30)
        .map(|_| sweep_key(&mut app, &mut terminal))
        .collect();
    report("save an assessment (sweep key) + redraw", samples);
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
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
    let runs = std::env::var("SKILLGAP_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(9);
    bench(42, 0, 50);
    bench(10_000, 1_000_000, runs);
}
