//! Loading in the background: the first frame says what is loading, the data follows, keys
//! pressed meanwhile are kept (quit acts at once), and a failed load is one clear error.
//! State tests on a TestBackend, then the real binary in a pseudo-terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "tui_common/mod.rs"]
mod common;

use common::pty::Session;
use common::{demo_store, keys, text, today};
use skillgap::config::Config;
use skillgap::tui::{App, Hold, Screen, Theme};
use std::time::{Duration, Instant};

fn start(store: skillgap::store::Store) -> App {
    App::start(store, &Config::default(), today(), Theme::plain()).expect("start")
}

/// A demo database whose first note has a date that cannot be read: opening works, loading
/// fails.
fn broken_store() -> (tempfile::TempDir, skillgap::store::Store) {
    let (dir, store) = demo_store(42);
    store
        .sqlite_conn()
        .unwrap()
        .execute(
            "UPDATE notes SET date = '2026-13-45' WHERE id = (SELECT min(id) FROM notes)",
            [],
        )
        .unwrap();
    (dir, store)
}

#[test]
fn the_first_frame_says_what_is_loading_then_the_data_is_shown() {
    let (_dir, store) = demo_store(42);
    let mut app = start(store);
    assert!(app.loading().is_some());
    let first = text(&app, 80, 24);
    assert!(first.contains("Loading 42 people…"), "{first}");
    assert!(
        first.contains("1 Team") && first.contains("6 Notes"),
        "the tabs"
    );
    assert!(first.contains("q quit"), "{first}");
    assert!(!first.contains("Readiness"));
    app.wait_loaded().unwrap();
    assert!(app.loading().is_none());
    let then = text(&app, 80, 24);
    assert!(then.contains("Readiness"), "{then}");
    assert!(!then.contains("Loading"));
    // The history follows: then the same app as one loaded at once.
    app.wait_history().unwrap();
    let then = text(&app, 80, 24);
    let (_dir2, store2) = demo_store(42);
    let loaded = App::load(store2, &Config::default(), today(), Theme::plain()).unwrap();
    assert_eq!(text(&loaded, 80, 24), then);
}

#[test]
fn the_data_shows_before_the_history_and_the_trend_says_it_is_loading() {
    let (_dir, store) = demo_store(42);
    let (mut app, open) = App::start_holding(
        Hold::History,
        store,
        &Config::default(),
        today(),
        Theme::plain(),
    )
    .expect("start");
    // The data is in while the history is held back: usable, its figures shown.
    app.wait_loaded().unwrap();
    assert!(app.loading().is_none());
    assert!(app.history_loading() && app.data.history_pending());
    let team = text(&app, 100, 30);
    assert!(
        team.contains("Readiness trend: loading the history…"),
        "{team}"
    );
    assert!(!team.contains("Readiness trend, 12 months"), "{team}");
    assert!(team.contains("Overdue offers"), "the Team figures: {team}");
    assert!(app.view.team.panel.trend.is_empty() && app.view.team.panel.trend_loading);
    keys(&mut app, "j");
    assert_eq!(app.view.team.list.selected, 1, "a key works");
    // Perception's drift per assessor waits for the assessors too.
    keys(&mut app, "7");
    assert_eq!(app.view.screen, Screen::Perception);
    let perception = text(&app, 100, 30);
    assert!(perception.contains("loading the history…"), "{perception}");
    assert!(!perception.contains("no assessor named"), "{perception}");
    keys(&mut app, "1");
    // Once it arrives, the trend shows.
    open.send(()).unwrap();
    app.wait_history().unwrap();
    assert!(!app.history_loading() && !app.data.history_pending());
    let team = text(&app, 100, 30);
    assert!(team.contains("Readiness trend, 12 months"), "{team}");
    assert!(!team.contains("loading the history"), "{team}");
    assert_eq!(app.view.team.panel.trend.len(), 13);
}

#[test]
fn the_event_loop_swaps_the_history_in_without_a_key() {
    let (_dir, store) = demo_store(42);
    let mut app = start(store);
    app.wait_loaded().unwrap();
    // What the event loop does while the history is read: poll until it is in.
    let deadline = Instant::now() + Duration::from_secs(60);
    while app.history_loading() {
        assert!(Instant::now() < deadline, "the history never arrived");
        if !app.poll_history() {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    assert!(!app.data.history_pending());
    assert!(text(&app, 100, 30).contains("Readiness trend, 12 months"));
}

#[test]
fn a_full_reload_reads_the_history_again_in_the_background() {
    let (_dir, store) = demo_store(42);
    let mut app = App::load(store, &Config::default(), today(), Theme::plain()).unwrap();
    assert!(!app.data.history_pending());
    app.reload().unwrap();
    assert!(app.history_loading(), "read beside the screen's thread");
    let team = text(&app, 100, 30);
    assert!(
        team.contains("Readiness trend: loading the history…"),
        "{team}"
    );
    app.wait_history().unwrap();
    assert!(text(&app, 100, 30).contains("Readiness trend, 12 months"));
}

#[test]
fn keys_pressed_while_loading_run_in_order_once_the_data_is_in() {
    let (_dir, store) = demo_store(42);
    let mut app = start(store);
    keys(&mut app, "2jj/a");
    assert_eq!(app.view.screen, Screen::Team, "nothing runs on no data");
    assert!(text(&app, 80, 24).contains("Loading"));
    app.wait_loaded().unwrap();
    assert_eq!(app.view.screen, Screen::People);
    assert_eq!(app.view.people.selected, 2);
    assert_eq!(app.view.people.filter, "a");
}

#[test]
fn quit_while_loading_quits_at_once() {
    let (_dir, store) = demo_store(42);
    let mut app = start(store);
    keys(&mut app, "2q");
    assert!(app.should_quit());
    assert!(app.loading().is_some(), "without waiting for the data");
}

#[test]
fn a_status_said_while_loading_stays_once_the_data_is_in() {
    // As the login's access on a server is said: set before the first frame.
    let (_dir, store) = demo_store(42);
    let mut app = start(store);
    app.view.status = Some("kim: teams Platform (enforced by the database)".into());
    assert!(text(&app, 100, 30).contains("teams Platform (enforced"));
    app.wait_loaded().unwrap();
    let shown = text(&app, 100, 30);
    assert!(shown.contains("Readiness"), "{shown}");
    assert!(shown.contains("teams Platform (enforced"), "{shown}");
    // The first key clears it, as any status.
    keys(&mut app, "2");
    assert!(!text(&app, 100, 30).contains("teams Platform (enforced"));
}

#[test]
fn a_failed_load_is_one_clear_error() {
    let (_dir, store) = broken_store();
    let mut app = start(store);
    let err = match app.poll_load(Duration::from_secs(20)) {
        Err(e) => format!("{e:#}"),
        Ok(true) => panic!("the broken database loaded"),
        Ok(false) => panic!("no answer from the load"),
    };
    assert!(err.starts_with("cannot load notes: "), "{err}");
    assert!(!err.contains('\n'), "{err}");
}

fn demo_db(dir: &std::path::Path, store: &skillgap::store::Store) -> String {
    let path = dir.join("demo.db");
    store.backup_to(&path).expect("copy the demo");
    path.to_string_lossy().into_owned()
}

#[test]
fn the_binary_draws_the_loading_frame_first_then_the_data() {
    let home = tempfile::tempdir().expect("dir");
    let (_dir, store) = demo_store(42);
    let db = demo_db(home.path(), &store);
    let mut s = Session::start(&["--db", &db], &[], home.path());
    // Replays what the app wrote, byte by byte, to see every frame it drew.
    let mut replay = vt100::Parser::new(
        std::num::NonZeroU16::new(common::pty::ROWS).unwrap(),
        std::num::NonZeroU16::new(common::pty::COLS).unwrap(),
        0,
    );
    let (mut saw_loading, mut saw_data_after) = (false, false);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !saw_data_after && Instant::now() < deadline {
        let Ok(bytes) = s.rx.recv_timeout(Duration::from_millis(50)) else {
            continue;
        };
        s.parser.process(&bytes);
        for b in bytes {
            replay.process(&[b]);
            if b == b's' || b == b'e' {
                let screen = replay.screen().contents();
                if screen.contains("Loading 42 people") {
                    saw_loading = true;
                } else if saw_loading && screen.contains("Readiness") {
                    saw_data_after = true;
                }
            }
        }
    }
    assert!(saw_loading, "no loading frame; the screen:\n{}", s.screen());
    assert!(
        saw_data_after,
        "no data after it; the screen:\n{}",
        s.screen()
    );
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn the_binary_ends_a_failed_load_with_one_error_line_and_restores_the_terminal() {
    let home = tempfile::tempdir().expect("dir");
    let (_dir, store) = broken_store();
    let db = demo_db(home.path(), &store);
    let mut s = Session::start(&["--db", &db], &[], home.path());
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 1, "{status:?}");
    s.assert_restored();
    let screen = s.screen();
    let errors: Vec<&str> = screen.lines().filter(|l| l.contains("error")).collect();
    assert_eq!(errors.len(), 1, "{screen}");
    assert!(
        errors[0].starts_with("error: cannot load notes: "),
        "{screen}"
    );
}

#[test]
fn the_first_frame_shows_the_teams_and_their_people_with_each_figure_loading() {
    let (_dir, store) = demo_store(300);
    let (mut app, open) = App::start_holding(
        Hold::Data,
        store,
        &Config::default(),
        today(),
        Theme::plain(),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !app.poll_preview() {
        assert!(Instant::now() < deadline, "no preview");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(app.loading().is_some(), "the data is held back");
    let first = text(&app, 120, 30);
    assert!(
        first.contains("Readiness") && first.contains('…'),
        "{first}"
    );
    assert!(
        !first.contains('%'),
        "no figure before it is final: {first}"
    );
    open.send(()).unwrap();
    app.wait_loaded().unwrap();
    let then = text(&app, 120, 30);
    assert!(then.contains('%'), "{then}");
    // The same teams, in the same order, and the same people in the head as the data gives.
    let line = |s: &str, i: usize| s.lines().nth(i).unwrap_or_default().to_string();
    assert!(line(&then, 1).contains("Everyone · "), "{then}");
    assert_eq!(line(&first, 1), line(&then, 1));
    let picker = |s: &str| -> Vec<String> {
        s.lines()
            .skip(2)
            .map(|l| l.chars().take(28).collect::<String>())
            .take_while(|l| !l.contains('└'))
            .collect()
    };
    assert_eq!(picker(&first), picker(&then));
    assert!(app.data.teams.len() > 2, "the demo has teams");
}
