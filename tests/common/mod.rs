//! Helpers shared by the import and export tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use skillgap::import::{self, ImportError, ImportReport, Kind};

use skillgap::model::Person;
use skillgap::store::{Missing, Store, people};
use std::fmt::Write;
use std::path::Path;

pub const TODAY: &str = "2026-11-22";

pub fn today() -> chrono::NaiveDate {
    skillgap::model::parse_date(TODAY).unwrap()
}

/// A new database with the default framework.
pub fn fresh(dir: &Path) -> Store {
    Store::open(&dir.join("t.db"), Missing::Create).unwrap()
}

pub fn import(
    store: &mut Store,
    kind: Kind,
    file: &str,
    bytes: &[u8],
) -> Result<ImportReport, ImportError> {
    import::run(store.conn(), kind, file, bytes, false)
}

pub fn dry_run(
    store: &mut Store,
    kind: Kind,
    file: &str,
    bytes: &[u8],
) -> Result<ImportReport, ImportError> {
    import::run(store.conn(), kind, file, bytes, true)
}

/// The problem lines of a failed import (panics when it did not fail on the file).
pub fn problems(r: Result<ImportReport, ImportError>) -> Vec<String> {
    match r {
        Err(ImportError::Invalid { problems, .. }) => problems.lines(),
        other => panic!("expected problems, got {other:?}"),
    }
}

/// Every row of every table, as text: equal dumps mean nothing changed.
pub fn dump(store: &Store) -> String {
    let c = store.sqlite_conn().unwrap();
    let mut tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut out = String::new();
    for t in tables {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        let _ = writeln!(out, "[{t}]");
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                let _ = write!(out, "{:?}|", r.get_ref(i).unwrap());
            }
            out.push('\n');
        }
    }
    out
}

pub fn add_person(store: &Store, name: &str, email: Option<&str>) -> i64 {
    people::insert_person(
        store.conn(),
        &Person {
            id: 0,
            name: name.into(),
            email: email.map(Into::into),
            team_id: None,
            role_id: None,
            joined_on: None,
            archived: false,
        },
    )
    .unwrap()
}

/// Ann (with a role so she has targets) and two people both named Sam Lee.
pub fn small_org(store: &mut Store) {
    let people = "name,email,team,role,joined_on\n\
        Ann Archer,ann@example.com,Platform,Individual contributor,2024-01-02\n\
        Sam Lee,sam1@example.com,Platform,Individual contributor,\n\
        Sam Lee,sam2@example.com,Data,Individual contributor,\n";
    import(store, Kind::People, "people.csv", people.as_bytes()).unwrap();
    let trainings = "title,provider,url,hours,skills\n\
        Prompting 101,Academy,https://example.com/p,3,prompting:3\n";
    import(
        store,
        Kind::Trainings,
        "trainings.csv",
        trainings.as_bytes(),
    )
    .unwrap();
}

pub fn count(store: &Store, table: &str) -> i64 {
    store
        .sqlite_conn()
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// The binary on `db`, with a fixed date and an empty config.
pub fn bin(db: &std::path::Path) -> assert_cmd::Command {
    let config = db.with_extension("config.toml");
    std::fs::write(&config, "").unwrap();
    let mut c = assert_cmd::Command::cargo_bin("skillgap").unwrap();
    c.env("SKILLGAP_TODAY", TODAY)
        .env_remove("SKILLGAP_DB")
        .env("SKILLGAP_CONFIG", &config)
        .arg("--db")
        .arg(db);
    c
}

/// Imports a bad file and checks that every expected problem is listed, in line order,
/// and that nothing was written (same rows, same database file bytes).
pub fn rejects(kind: Kind, bytes: &[u8], expected: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    small_org(&mut store);
    let before = dump(&store);
    let file_before = std::fs::read(dir.path().join("t.db")).unwrap();
    let lines = problems(import(&mut store, kind, "bad.csv", bytes));
    for e in expected {
        assert!(
            lines.iter().any(|l| l.contains(e)),
            "missing {e:?} in:\n{}",
            lines.join("\n")
        );
    }
    assert_eq!(dump(&store), before, "a failed import wrote something");
    assert_eq!(
        std::fs::read(dir.path().join("t.db")).unwrap(),
        file_before,
        "the database file changed"
    );
    lines
}

pub fn good(kind: Kind, text: &str) -> (tempfile::TempDir, skillgap::store::Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    small_org(&mut store);
    let before = dump(&store);
    let dry = dry_run(&mut store, kind, "f.csv", text.as_bytes()).unwrap();
    assert!(dry.dry_run);
    assert_eq!(dump(&store), before, "a dry run wrote something");
    let first = import(&mut store, kind, "f.csv", text.as_bytes()).unwrap();
    assert_eq!(first.added, dry.added, "the dry run predicted other counts");
    assert!(!first.is_noop(), "{first}");
    let after = dump(&store);
    let again = import(&mut store, kind, "f.csv", text.as_bytes()).unwrap();
    assert!(again.is_noop(), "re-import changed something: {again}");
    assert_eq!(again.unchanged, again.rows);
    assert_eq!(dump(&store), after, "re-import changed the database");
    // The same file with a BOM and CRLF line ends is the same file.
    let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
    let third = import(&mut store, kind, "f.csv", crlf.as_bytes()).unwrap();
    assert!(third.is_noop(), "BOM/CRLF file differs: {third}");
    (dir, store)
}

pub fn common_failures(kind: Kind, header: &str) {
    let lines = rejects(kind, b"", &["bad.csv:1: the file is empty"]);
    assert_eq!(lines.len(), 1);
    rejects(
        kind,
        b"\xEF\xBB\xBF \r\n",
        &["bad.csv:1: the file is empty"],
    );
    rejects(
        kind,
        format!("{header}\n").as_bytes(),
        &["bad.csv:2: no rows after the header"],
    );
    // Every required column missing is named.
    let first = header.split(',').next().unwrap();
    let without: Vec<&str> = header.split(',').skip(1).collect();
    rejects(
        kind,
        format!("{}\nx\n", without.join(",")).as_bytes(),
        &[&format!("bad.csv:1: {first}: required column missing")],
    );
}
