//! PostgreSQL: an open app learns of other writers' commits from the server's notices
//! (LISTEN/NOTIFY), not by asking: its idle check sends no query, a commit elsewhere shows
//! within moments, and its own commits do not count as someone else's. Runs on the tests'
//! throwaway server; says loudly when PostgreSQL is missing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg_common;

use skillgap::model::Person;
use skillgap::store::{Missing, Store, people};
use std::time::{Duration, Instant};

fn person(name: &str) -> Person {
    Person {
        name: name.into(),
        ..Person::default()
    }
}

/// Idle checks for `wait`, each giving `want`.
fn idle_for(store: &Store, wait: Duration, want: i64) {
    let end = Instant::now() + wait;
    while Instant::now() < end {
        assert_eq!(store.data_version_idle().unwrap(), want);
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Idle checks until the version is no longer `was`; how long that took.
fn until_changed(store: &Store, was: i64) -> Duration {
    let start = Instant::now();
    while store.data_version_idle().unwrap() == was {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "another writer's commit never showed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    start.elapsed()
}

#[test]
fn the_idle_check_sends_no_query_and_sees_other_writers_only() {
    let Some(db) = pg_common::fresh_db() else {
        return;
    };
    let url = db.owner_url();
    let store = Store::open(url.as_ref(), Missing::Create).unwrap();
    let v = store.data_version().unwrap();
    // When the app's connection last ran a query, as the server saw it.
    let mut observer = db.client(&db.owner);
    let pid: i32 = observer
        .query_one(
            "SELECT pid FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0);
    let mut last_query = || -> String {
        observer
            .query_one(
                "SELECT query_start::text FROM pg_stat_activity WHERE pid = $1",
                &[&pid],
            )
            .unwrap()
            .get(0)
    };
    let before = last_query();
    idle_for(&store, Duration::from_millis(300), v);
    assert_eq!(
        last_query(),
        before,
        "idle checks asked the server something"
    );

    // Another writer commits: the idle check shows it, with still no query of its own.
    let other = Store::open(url.as_ref(), Missing::Refuse).unwrap();
    let before = last_query();
    people::insert_person(other.conn(), &person("Ada")).unwrap();
    let took = until_changed(&store, v);
    assert!(took < Duration::from_secs(2), "took {took:?}");
    let v = store.data_version_idle().unwrap();
    idle_for(&store, Duration::from_millis(100), v);

    // Its own commits are not someone else's: nothing changes, asked or not.
    people::insert_person(store.conn(), &person("Bob")).unwrap();
    idle_for(&store, Duration::from_millis(300), v);
    assert_eq!(store.data_version().unwrap(), v);
    assert_ne!(last_query(), before, "its own insert is a query");

    // Asked, a commit elsewhere shows at once (one round trip brings the notice).
    people::insert_person(other.conn(), &person("Cy")).unwrap();
    assert_ne!(store.data_version().unwrap(), v);
    // A transaction of many rows is one change, seen once.
    let v = store.data_version().unwrap();
    let mut other = other;
    other
        .transaction(|tx| {
            for n in ["Dee", "Eve", "Fay"] {
                people::insert_person(tx, &person(n))?;
            }
            Ok(())
        })
        .unwrap();
    let after = store.data_version().unwrap();
    assert_ne!(after, v);
    assert_eq!(store.data_version().unwrap(), after);
    assert_eq!(store.data_version_idle().unwrap(), after);
}

/// A full reload in the background (a large organisation's) on a server: another writer's
/// commit is noticed, read on a second session while the app shows what it had, and then the
/// app holds it; nothing more is read after.
#[test]
fn a_background_reload_reads_another_writers_commit_on_a_server() {
    let Some(db) = pg_common::fresh_db() else {
        return;
    };
    let url = db.owner_url();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut store = Store::open(url.as_ref(), Missing::Create).unwrap();
    skillgap::demo::generate(&mut store, 40, 1, today).unwrap();
    let config = skillgap::config::Config::default();
    let mut app =
        skillgap::tui::App::load(store, &config, today, skillgap::tui::Theme::plain()).unwrap();
    app.reload_in_background_from(0);
    let before = app.data.org.people.len();
    let other = Store::open(url.as_ref(), Missing::Refuse).unwrap();
    people::insert_person(other.conn(), &person("Zed Elsewhere")).unwrap();
    let start = Instant::now();
    while !app.poll_changes() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the commit never showed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(app.reload_running(), "read in the background");
    assert_eq!(app.data.org.people.len(), before, "shown: what it had");
    app.wait_reload();
    assert_eq!(app.data.org.people.len(), before + 1);
    assert!(app.data.people.iter().any(|r| r.name == "Zed Elsewhere"));
    std::thread::sleep(Duration::from_millis(200));
    assert!(!app.poll_changes(), "nothing more to read");
}
