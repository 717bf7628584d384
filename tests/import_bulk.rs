//! A large assessments import brings `assessment_latest` up to date itself, after each
//! statement of rows, rather than by the trigger per row: the result is the one adding them
//! row by row (the trigger) gives. That is SQLite's own (a server keeps its latest table
//! per statement); an import told to stop writes nothing on each engine.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use skillgap::import::{self, Kind};
use skillgap::store::{Missing, Store};
use std::fmt::Write;

mod pg_common;

fn table(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store.sqlite_conn().unwrap().prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        let mut row = String::new();
        for i in 0..n {
            let v: rusqlite::types::Value = r.get(i)?;
            let _ = write!(row, "{v:?}|");
        }
        Ok(row)
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn demo(path: &std::path::Path) -> Store {
    let mut store = Store::open(path, Missing::Create).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    skillgap::demo::generate(&mut store, 20, 5, today).unwrap();
    store
}

#[test]
fn a_bulk_import_leaves_what_row_by_row_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let bulk = demo(&dir.path().join("bulk.db"));
    let rows = demo(&dir.path().join("rows.db"));
    let emails: Vec<String> = table(&bulk, "SELECT email FROM people ORDER BY id");
    let emails: Vec<String> = emails
        .iter()
        .map(|e| {
            e.trim_start_matches("Text(\"")
                .trim_end_matches("\")|")
                .to_string()
        })
        .collect();
    let keys = [
        "prompting",
        "output-validation",
        "ethics-and-bias",
        "ai-fundamentals",
    ];
    let sources = ["self", "manager", "verified"];
    let header = "person,skill,level,source,assessed_on,score,max_score,assessor,evidence\n";
    let mut lines = Vec::new();
    let mut seed = 7u64;
    for i in 0..3000usize {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (seed >> 33) as usize;
        // Few dates: many ties on the same day, decided by the one recorded last.
        let day = 1 + r % 20;
        let line = format!(
            "{},{},{},{},2026-{:02}-{day:02},,,,\n",
            emails[r % emails.len()],
            keys[(r / 7) % keys.len()],
            (r / 3) % 6,
            sources[(r / 11) % 3],
            1 + (r / 13) % 11,
        );
        lines.push(line.clone());
        // Rows repeated within the file are added once.
        if i % 10 == 0 {
            lines.push(line);
        }
    }
    let csv = format!("{header}{}", lines.concat());
    let report = import::run(
        bulk.conn(),
        Kind::Assessments,
        "a.csv",
        csv.as_bytes(),
        false,
    )
    .unwrap();
    let mut added = 0;
    for chunk in lines.chunks(40) {
        let part = format!("{header}{}", chunk.concat());
        let r = import::run(
            rows.conn(),
            Kind::Assessments,
            "a.csv",
            part.as_bytes(),
            false,
        )
        .unwrap();
        added += r.added("assessments");
    }
    assert_eq!(report.added("assessments"), added);
    assert!(added > 2000 && added < 3000, "{added}");
    // The same rows (a bulk import adds them in the order of the person index, so their ids
    // differ; within one person, skill, source and date they keep the file's order), and
    // of each person, skill and source the same latest rating: on a same-day tie, the one
    // recorded last.
    for sql in [
        "SELECT person_id, skill_id, source, assessed_on, level, score, max_score, assessor,
                evidence, version
         FROM assessments ORDER BY person_id, skill_id, source, assessed_on, id",
        "SELECT l.person_id, l.skill_id, l.source, l.level, l.day, a.assessed_on, a.level
         FROM assessment_latest l JOIN assessments a ON a.id = l.assessment_id
         ORDER BY l.person_id, l.skill_id, l.source",
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
    ] {
        assert_eq!(table(&bulk, sql), table(&rows, sql), "{sql}");
    }
    // The trigger is back: a later assessment still reaches the latest table.
    let again = format!(
        "{header}{},prompting,5,verified,2026-12-01,,,,\n",
        emails[0]
    );
    import::run(
        bulk.conn(),
        Kind::Assessments,
        "b.csv",
        again.as_bytes(),
        false,
    )
    .unwrap();
    let latest = table(
        &bulk,
        "SELECT level FROM assessment_latest l JOIN people p ON p.id = l.person_id
         JOIN skills s ON s.id = l.skill_id
         WHERE s.key = 'prompting' AND l.source = 2 ORDER BY p.id LIMIT 1",
    );
    assert_eq!(latest, vec!["Integer(5)|".to_string()]);
    // Importing the same file again changes nothing.
    let again = import::run(
        bulk.conn(),
        Kind::Assessments,
        "a.csv",
        csv.as_bytes(),
        false,
    )
    .unwrap();
    assert!(again.is_noop(), "{again}");
}

#[test]
fn the_demo_leaves_the_latest_rating_of_every_person_skill_and_source() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir.path().join("d.db"));
    let held = table(
        &store,
        "SELECT person_id, skill_id, source, assessment_id, level, day FROM assessment_latest
         ORDER BY person_id, skill_id, source",
    );
    // Each group's assessment with the latest date, then the highest id: what the trigger
    // keeps row by row.
    let computed = table(
        &store,
        "SELECT person_id, skill_id, src, id, level, day FROM (
             SELECT person_id, skill_id, id, level,
                    CASE source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END AS src,
                    unixepoch(assessed_on) / 86400 AS day,
                    row_number() OVER (PARTITION BY person_id, skill_id, source
                                       ORDER BY assessed_on DESC, id DESC) AS n
             FROM assessments)
         WHERE n = 1 ORDER BY person_id, skill_id, src",
    );
    assert!(held.len() > 100, "{}", held.len());
    assert_eq!(held, computed);
    let triggers = table(
        &store,
        "SELECT name FROM sqlite_master WHERE name = 'assessments_latest_insert'",
    );
    assert_eq!(triggers.len(), 1);
}

#[test]
fn a_bulk_import_past_the_greatest_id_keeps_the_latest_ratings() {
    // Past the greatest id there is, SQLite picks new ids at random: the writer cannot
    // tell them from the count of rows, so they go in one at a time, each id known.
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir.path().join("d.db"));
    store
        .sqlite_conn()
        .unwrap()
        .execute(
            "INSERT INTO assessments (id, person_id, skill_id, level, source, assessed_on)
             SELECT 9223372036854775807, person_id, skill_id, level, source, '2020-01-01'
             FROM assessments LIMIT 1",
            [],
        )
        .unwrap();
    let text = |cell: &String| {
        cell.trim_start_matches("Text(\"")
            .trim_end_matches("\")|")
            .to_string()
    };
    let emails = table(&store, "SELECT email FROM people ORDER BY id");
    let keys = table(&store, "SELECT key FROM skills ORDER BY id");
    let mut csv = String::from("person,skill,level,source,assessed_on\n");
    for (i, (e, k)) in emails
        .iter()
        .flat_map(|e| keys.iter().map(move |k| (e, k)))
        .take(300)
        .enumerate()
    {
        csv.push_str(&format!(
            "{},{},{},self,2026-12-{:02}\n",
            text(e),
            text(k),
            i % 6,
            1 + i % 9
        ));
    }
    let r = import::run(
        store.conn(),
        Kind::Assessments,
        "a.csv",
        csv.as_bytes(),
        false,
    )
    .unwrap();
    assert_eq!(r.added("assessments"), 300);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn an_import_told_to_stop_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        skillgap::demo::generate(&mut store, 5, 5, today).unwrap();
        let count =
            |store: &Store| skillgap::store::records::count_assessments(store.conn()).unwrap();
        let before = count(&store);
        let email = skillgap::store::people::list_people(store.conn()).unwrap()[0]
            .email
            .clone()
            .unwrap();
        let mut csv = String::from(
            "person,skill,level,source,assessed_on,score,max_score,assessor,evidence\n",
        );
        for d in 1..=28 {
            for m in 1..=12 {
                csv.push_str(&format!(
                    "{email},prompting,3,self,2025-{m:02}-{d:02},,,,\n"
                ));
            }
        }
        let asked = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let seen = asked.clone();
        let stop: import::Progress = std::sync::Arc::new(move |done, total| {
            assert!(done <= total);
            seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            false
        });
        let r = import::run_with_progress(
            store.conn(),
            Kind::Assessments,
            "a.csv",
            csv.as_bytes(),
            false,
            Some(stop),
        );
        assert!(
            matches!(r, Err(import::ImportError::Cancelled(ref f)) if f == "a.csv"),
            "{r:?}"
        );
        assert!(asked.load(std::sync::atomic::Ordering::Relaxed) >= 1);
        assert_eq!(count(&store), before);
        // Going on imports every row.
        let go: import::Progress = std::sync::Arc::new(|_, _| true);
        let r = import::run_with_progress(
            store.conn(),
            Kind::Assessments,
            "a.csv",
            csv.as_bytes(),
            false,
            Some(go),
        )
        .unwrap();
        assert_eq!(r.added("assessments"), 336);
        assert_eq!(count(&store), before + 336);
    }
}

#[test]
fn an_import_cancelled_after_its_rows_are_written_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir.path().join("d.db"));
    let before = table(&store, "SELECT count(*) FROM assessments");
    let email = table(&store, "SELECT email FROM people ORDER BY id LIMIT 1")[0]
        .trim_start_matches("Text(\"")
        .trim_end_matches("\")|")
        .to_string();
    let mut csv = String::from("person,skill,level,source,assessed_on\n");
    for d in 1..=28 {
        csv.push_str(&format!("{email},prompting,4,manager,2025-03-{d:02}\n"));
    }
    // Yes as the reading starts and ends; no when asked once more, after the writing and
    // before the commit.
    let asked = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let seen = asked.clone();
    let late: import::Progress = std::sync::Arc::new(move |_, _| {
        seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < 2
    });
    let r = import::run_with_progress(
        store.conn(),
        Kind::Assessments,
        "late.csv",
        csv.as_bytes(),
        false,
        Some(late),
    );
    assert!(
        matches!(r, Err(import::ImportError::Cancelled(ref f)) if f == "late.csv"),
        "{r:?}"
    );
    assert_eq!(asked.load(std::sync::atomic::Ordering::Relaxed), 3);
    assert_eq!(table(&store, "SELECT count(*) FROM assessments"), before);
}
