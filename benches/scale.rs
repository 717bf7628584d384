//! Every row of issue 12's table, at 10,000 and at 100,000 people (no harness: run with
//! `cargo bench --bench scale`). Prints medians, ratios and peak memory.
//!
//! The demo databases are generated once with the release binary and kept in
//! `target/bench-data/` (the 100,000-person one is ~700 MB and takes about a minute).
//! Environment: SKILLGAP_BENCH_PEOPLE (default "10000,100000"), SKILLGAP_BENCH_RUNS
//! (default 3), SKILLGAP_BENCH_ONLY (a comma list of: app, edit, report, export, import,
//! demo). Command-line rows run the real binary under `/usr/bin/time` for peak memory; the
//! app's memory is measured in a child process of this bench.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skillgap::config::Config;
use skillgap::store::{Missing, Store, people, skills};
use skillgap::tui::{App, Popup, Theme, ui};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_skillgap");
const TODAY: &str = "2026-11-22";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("date")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn row(what: &str, samples: &[f64], unit: &str, goal: &str) {
    let shown: Vec<String> = samples.iter().map(|s| format!("{s:.3}")).collect();
    println!(
        "{what:<58} median {:>9.3} {unit:<3} goal {goal:<10} runs: {}",
        median(samples.to_vec()),
        shown.join(" ")
    );
}

fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench-data");
    dir
}

/// The demo database of `n` people, generated once.
fn demo_file(n: usize) -> PathBuf {
    let path = data_dir().join(format!("demo-{n}.db"));
    if !path.exists() {
        let tmp = path.with_extension("tmp.db");
        let _ = std::fs::remove_file(&tmp);
        let t = Instant::now();
        let ok = Command::new(BIN)
            .args(["--db"])
            .arg(&tmp)
            .args(["demo", "--no-tui", "--people", &n.to_string()])
            .env("SKILLGAP_TODAY", TODAY)
            .status()
            .expect("demo")
            .success();
        assert!(ok, "demo failed");
        std::fs::rename(&tmp, &path).expect("rename");
        println!(
            "(generated {} in {:.1} s)",
            path.display(),
            t.elapsed().as_secs_f64()
        );
    }
    path
}

/// Runs the binary under `/usr/bin/time`: (seconds, peak resident MB).
fn timed(args: &[&str], db: &Path) -> (f64, f64) {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%e %M"])
        .arg(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("SKILLGAP_TODAY", TODAY)
        .stdout(std::process::Stdio::null())
        .output()
        .expect("time");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {err}");
    let last = err.lines().last().unwrap_or_default();
    let mut parts = last.split_whitespace();
    let secs: f64 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN);
    let kb: f64 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN);
    (secs, kb / 1024.0)
}

/// Starts the app as `skillgap` does; the times to its first frame with data (the teams and
/// their people, each figure marked as loading) and to the frame with every figure.
fn start(path: &Path) -> (App, Terminal<TestBackend>, Duration, Duration) {
    let t = Instant::now();
    let store = Store::open(path, Missing::Refuse).expect("open");
    let mut app = App::start(store, &Config::default(), today(), Theme::color()).expect("start");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    terminal.draw(|f| ui::render(&app, f)).expect("draw");
    let mut first = None;
    loop {
        if app.poll_preview() {
            terminal.draw(|f| ui::render(&app, f)).expect("draw");
            first = Some(t.elapsed());
        }
        if app.poll_load(skillgap::tui::LOAD_CHECK).expect("load") {
            break;
        }
    }
    terminal.draw(|f| ui::render(&app, f)).expect("draw");
    let shown = t.elapsed();
    // The history follows the data in the background: let it arrive before anything else
    // is measured (the app's memory includes it; the next run does not race it).
    while app.data.history_pending() {
        if !app.poll_history() {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    (app, terminal, first.unwrap_or(shown), shown)
}

fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, key: KeyEvent) -> f64 {
    let t = Instant::now();
    app.handle_key(key);
    terminal.draw(|f| ui::render(app, f)).expect("draw");
    t.elapsed().as_secs_f64() * 1e3
}

fn ch(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// The child process that measures the app's memory once its data is in.
fn app_memory_child(path: &Path) {
    let (app, _, _, _) = start(path);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    println!("{} {}", kb("VmRSS:"), kb("VmHWM:"));
    drop(app);
}

fn app_rows(n: usize, path: &Path, runs: usize) {
    let (first, all): (Vec<f64>, Vec<f64>) = (0..runs)
        .map(|_| {
            let (_, _, first, all) = start(path);
            (first.as_secs_f64(), all.as_secs_f64())
        })
        .unzip();
    row(
        &format!("start to first frame with data (teams, people; figures loading), {n} people"),
        &first,
        "s",
        "< 0.5 s",
    );
    row(
        &format!("start to every figure on screen, {n} people"),
        &all,
        "s",
        "(no goal)",
    );
    let mut rss = Vec::new();
    let mut peak = Vec::new();
    for _ in 0..runs.min(2) {
        let out = Command::new(std::env::current_exe().expect("exe"))
            .env("SKILLGAP_BENCH_CHILD", path)
            .output()
            .expect("child");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut it = text.split_whitespace();
        rss.push(
            it.next()
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(f64::NAN)
                / 1024.0,
        );
        peak.push(
            it.next()
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(f64::NAN)
                / 1024.0,
        );
    }
    row(
        &format!("memory of the app once loaded (RSS), {n} people"),
        &rss,
        "MB",
        "< 200 MB",
    );
    row(
        &format!("memory of the app, peak while loading, {n} people"),
        &peak,
        "MB",
        "< 200 MB",
    );
}

fn edit_rows(n: usize, path: &Path) {
    // On a copy: the edits are real commits.
    let copy = data_dir().join(format!("edit-{n}.db"));
    std::fs::copy(path, &copy).expect("copy");
    let _ = std::fs::remove_file(copy.with_extension("db-wal"));
    let (mut app, mut terminal, _, _) = start(&copy);
    // Open a person on People and start a review sweep: each '3' saves an assessment.
    press(&mut app, &mut terminal, ch('2'));
    for _ in 0..(app.data.people.len() / 2).min(500) {
        app.handle_key(ch('j'));
    }
    press(
        &mut app,
        &mut terminal,
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
    );
    let (mut save, mut undo, mut redo) = (Vec::new(), Vec::new(), Vec::new());
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let status = |app: &App| app.view.status.clone().unwrap_or_default();
    for _ in 0..15 {
        press(&mut app, &mut terminal, ch('r'));
        assert!(
            matches!(app.view.popup, Some(Popup::Sweep(_))),
            "no review sweep"
        );
        save.push(press(&mut app, &mut terminal, ch('3')));
        assert!(status(&app).starts_with("Saved"), "{}", status(&app));
        press(&mut app, &mut terminal, esc);
        undo.push(press(&mut app, &mut terminal, ch('u')));
        assert!(status(&app).starts_with("Undone"), "{}", status(&app));
        redo.push(press(
            &mut app,
            &mut terminal,
            KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
        ));
        assert!(status(&app).starts_with("Redone"), "{}", status(&app));
    }
    // The baseline: what every edit cost before (everything read again; a large
    // organisation reads it in the background: waited for here).
    let full: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            app.reload().expect("reload");
            app.wait_reload();
            terminal.draw(|f| ui::render(&app, f)).expect("draw");
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let goal = if n <= 10_000 { "< 16 ms" } else { "< 50 ms" };
    row(
        &format!("save an assessment + redraw, {n} people"),
        &save,
        "ms",
        goal,
    );
    row(&format!("undo + redraw, {n} people"), &undo, "ms", goal);
    row(&format!("redo + redraw, {n} people"), &redo, "ms", goal);
    row(
        &format!("baseline: full reload + redraw, {n} people"),
        &full,
        "ms",
        "",
    );
    println!(
        "{:<58} {:.1}x faster (median)",
        "undo vs full reload",
        median(full) / median(undo)
    );
    drop(app);
    let _ = std::fs::remove_file(&copy);
    let _ = std::fs::remove_file(copy.with_extension("db-wal"));
    let _ = std::fs::remove_file(copy.with_extension("db-shm"));
}

fn cli_rows(n: usize, path: &Path, runs: usize, only: &dyn Fn(&str) -> bool) {
    if only("report") {
        let (t, m): (Vec<f64>, Vec<f64>) = (0..runs).map(|_| timed(&["report"], path)).unzip();
        row(&format!("report, {n} people"), &t, "s", "< 0.4 s");
        row(&format!("report, peak memory, {n} people"), &m, "MB", "");
    }
    if only("export") {
        let out = data_dir().join("export.out");
        for format in ["json", "md", "csv", "html"] {
            let args = [
                "export",
                "--format",
                format,
                "-o",
                out.to_str().unwrap_or("x"),
            ];
            let (t, m): (Vec<f64>, Vec<f64>) = (0..runs).map(|_| timed(&args, path)).unzip();
            let size = std::fs::metadata(&out).map_or(0, |m| m.len()) as f64 / 1e6;
            row(
                &format!("export {format} ({size:.0} MB), {n} people"),
                &t,
                "s",
                if format == "json" { "< 5 s" } else { "" },
            );
            row(
                &format!("export {format}, peak memory, {n} people"),
                &m,
                "MB",
                "< 150 MB",
            );
        }
        let _ = std::fs::remove_file(&out);
    }
    if only("demo") {
        let tmp = data_dir().join("demo-run.db");
        let demo_runs = if n >= 100_000 { 1 } else { runs };
        let (t, m): (Vec<f64>, Vec<f64>) = (0..demo_runs)
            .map(|_| {
                for ext in ["db", "db-wal", "db-shm"] {
                    let _ = std::fs::remove_file(tmp.with_extension(ext));
                }
                timed(&["demo", "--no-tui", "--people", &n.to_string()], &tmp)
            })
            .unzip();
        row(
            &format!("demo --no-tui --people {n}"),
            &t,
            "s",
            if n >= 100_000 { "< 20 s" } else { "" },
        );
        row(&format!("demo, peak memory, {n} people"), &m, "MB", "");
        for ext in ["db", "db-wal", "db-shm"] {
            let _ = std::fs::remove_file(tmp.with_extension(ext));
        }
    }
}

/// A million assessments for the people of `db`: the file the import row reads.
fn assessments_csv(db: &Path) -> PathBuf {
    let path = data_dir().join("assessments-1m.csv");
    if path.exists() {
        return path;
    }
    let store = Store::open(db, Missing::Refuse).expect("open");
    let emails: Vec<String> = people::list_people(store.conn())
        .expect("people")
        .into_iter()
        .filter_map(|p| p.email)
        .collect();
    let keys: Vec<String> = skills::list_skills(store.conn())
        .expect("skills")
        .into_iter()
        .map(|s| s.key)
        .collect();
    let mut csv = String::with_capacity(70 * 1_000_000);
    csv.push_str("person,skill,level,source,assessed_on,score,max_score,assessor,evidence\n");
    let sources = ["self", "manager", "verified"];
    for i in 0..1_000_000usize {
        let date = today() - chrono::Days::new((i / 7 % 2000) as u64);
        let _ = writeln!(
            csv,
            "{},{},{},{},{date},{},100,,",
            emails[i % emails.len()],
            keys[(i / emails.len()) % keys.len()],
            i % 6,
            sources[i % 3],
            i % 101
        );
    }
    std::fs::write(&path, csv).expect("csv");
    path
}

/// sqlite3's own way: `.import` into a staging table, then one INSERT ... SELECT into the
/// same schema, indexes and triggers, with a 400 MB page cache.
fn sqlite3_import(db: &Path, csv: &Path) -> f64 {
    let script = format!(
        "PRAGMA cache_size = -409600;
.mode csv
.import '{}' staging
BEGIN;
INSERT INTO assessments (person_id, skill_id, level, source, assessed_on, score, max_score,
                         assessor, evidence)
SELECT p.id, s.id, CAST(st.level AS INTEGER), st.source, st.assessed_on,
       CAST(NULLIF(st.score, '') AS REAL), CAST(NULLIF(st.max_score, '') AS REAL),
       NULLIF(st.assessor, ''), NULLIF(st.evidence, '')
FROM staging st JOIN people p ON p.email = st.person JOIN skills s ON s.key = st.skill;
DROP TABLE staging;
COMMIT;
",
        csv.display()
    );
    let t = Instant::now();
    let out = Command::new("sqlite3")
        .arg(db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            if let Some(mut stdin) = child.stdin.take() {
                stdin.write_all(script.as_bytes())?;
            }
            child.wait_with_output()
        })
        .expect("sqlite3");
    assert!(out.status.success(), "sqlite3 failed");
    t.elapsed().as_secs_f64()
}

fn import_rows(path: &Path, runs: usize) {
    let csv = assessments_csv(path);
    let copy = data_dir().join("import-run.db");
    let fresh = || {
        for ext in ["db-wal", "db-shm"] {
            let _ = std::fs::remove_file(copy.with_extension(ext));
        }
        std::fs::copy(path, &copy).expect("copy");
    };
    let (mut ours, mut theirs, mut ours_mb) = (Vec::new(), Vec::new(), Vec::new());
    let have_sqlite3 = Command::new("sqlite3").arg("--version").output().is_ok();
    for _ in 0..runs {
        fresh();
        let (t, m) = timed(
            &["import", "assessments", csv.to_str().unwrap_or("x")],
            &copy,
        );
        ours.push(t);
        ours_mb.push(m);
        if have_sqlite3 {
            fresh();
            theirs.push(sqlite3_import(&copy, &csv));
        }
    }
    row(
        "import 1,000,000 assessments into the 10,000-person file",
        &ours,
        "s",
        "<= sqlite3",
    );
    row("import, peak memory", &ours_mb, "MB", "");
    if have_sqlite3 {
        row(
            "sqlite3 .import + one INSERT ... SELECT (400 MB cache)",
            &theirs,
            "s",
            "",
        );
        println!(
            "{:<58} {:.2} (goal <= 1.0, aim 0.5)",
            "ratio skillgap / sqlite3 (medians)",
            median(ours) / median(theirs)
        );
    } else {
        println!("(no sqlite3 command: baseline skipped)");
    }
    for ext in ["db", "db-wal", "db-shm"] {
        let _ = std::fs::remove_file(copy.with_extension(ext));
    }
}

fn main() {
    if let Ok(path) = std::env::var("SKILLGAP_BENCH_CHILD") {
        app_memory_child(Path::new(&path));
        return;
    }
    // `cargo bench` passes --bench; nothing else is expected.
    let runs: usize = std::env::var("SKILLGAP_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let sizes: Vec<usize> = std::env::var("SKILLGAP_BENCH_PEOPLE")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let only_list = std::env::var("SKILLGAP_BENCH_ONLY").unwrap_or_default();
    let only = |what: &str| only_list.is_empty() || only_list.split(',').any(|w| w == what);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average at start: {}", load.trim());
    for &n in &sizes {
        let path = demo_file(n);
        println!(
            "\n== {n} people ({:.0} MB file) ==",
            std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e6
        );
        if only("app") {
            app_rows(n, &path, runs);
        }
        if only("edit") {
            edit_rows(n, &path);
        }
        cli_rows(n, &path, runs, &only);
        if n == 10_000 && only("import") {
            import_rows(&path, runs);
        }
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("\nload average at end: {}", load.trim());
}
