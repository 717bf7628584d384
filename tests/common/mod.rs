//! Helpers shared by the import and export tests. The import checks (`good`, `rejects`) run
//! on each engine the machine has (`pg_common::engines`).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

/// The tests' PostgreSQL server (one per test binary: a binary that has this module must not
/// declare its own `pg_common`).
#[path = "../pg_common/mod.rs"]
pub mod pg_common;

use skillgap::import::{self, ImportError, ImportReport, Kind};

use skillgap::model::Person;
use skillgap::store::{Db, Missing, Store, people};
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

/// Every row of every table, as text: equal dumps mean nothing changed. On a server, each row
/// as PostgreSQL writes a row as text, in order.
pub fn dump(store: &Store) -> String {
    let Some(c) = store.sqlite_conn() else {
        return server_dump(store.conn());
    };
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

fn server_dump(c: &Db) -> String {
    let mut out = String::new();
    let tables = texts(
        c,
        "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
    );
    for t in tables {
        let _ = writeln!(out, "[{t}]");
        for row in texts(c, &format!("SELECT x::text FROM \"{t}\" x ORDER BY 1")) {
            let _ = writeln!(out, "{row}");
        }
    }
    out
}

/// The first column of every row of `sql`, as text.
pub fn texts(c: &Db, sql: &str) -> Vec<String> {
    let mut stmt = c.prepare(sql).unwrap();
    stmt.query_map((), |r| r.get::<_, String>(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
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
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), (), |r| r.get(0))
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

/// A fresh store on each engine, each with `small_org`.
pub fn small_orgs(dir: &Path) -> Vec<(&'static str, Store)> {
    let mut stores = pg_common::engines(dir);
    for (_, store) in &mut stores {
        small_org(store);
    }
    stores
}

/// Imports a bad file on each engine and checks that every expected problem is listed, in
/// line order, the same on both, and that nothing was written (same rows; on SQLite the same
/// database file bytes).
pub fn rejects(kind: Kind, bytes: &[u8], expected: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    rejects_on(&mut small_orgs(dir.path()), kind, bytes, expected)
}

/// `rejects` on stores already made (a rejected import leaves them as they were).
pub fn rejects_on(
    stores: &mut [(&'static str, Store)],
    kind: Kind,
    bytes: &[u8],
    expected: &[&str],
) -> Vec<String> {
    let mut first: Option<Vec<String>> = None;
    for (name, store) in stores {
        let before = dump(store);
        let file = store.sqlite_conn().map(|_| store.path().to_path_buf());
        let file_before = file.as_ref().map(|f| std::fs::read(f).unwrap());
        let lines = problems(import(store, kind, "bad.csv", bytes));
        for e in expected {
            assert!(
                lines.iter().any(|l| l.contains(e)),
                "{name}: missing {e:?} in:\n{}",
                lines.join("\n")
            );
        }
        assert_eq!(
            dump(store),
            before,
            "{name}: a failed import wrote something"
        );
        if let (Some(file), Some(file_before)) = (file, file_before) {
            assert_eq!(
                std::fs::read(file).unwrap(),
                file_before,
                "the database file changed"
            );
        }
        match &first {
            None => first = Some(lines),
            Some(want) => assert_eq!(&lines, want, "{name} lists other problems"),
        }
    }
    first.unwrap()
}

/// A good file on each engine: a dry run writes nothing and predicts the counts, the import
/// writes, a second import and the same file with a BOM and CRLF change nothing. Each store
/// is returned (with `small_org` and the file) for more checks; the reports are the same on
/// both engines.
pub fn good(kind: Kind, text: &str) -> (tempfile::TempDir, Vec<(&'static str, Store)>) {
    let dir = tempfile::tempdir().unwrap();
    let mut stores = small_orgs(dir.path());
    let mut first: Option<String> = None;
    for (name, store) in &mut stores {
        let before = dump(store);
        let dry = dry_run(store, kind, "f.csv", text.as_bytes()).unwrap();
        assert!(dry.dry_run);
        assert_eq!(dump(store), before, "{name}: a dry run wrote something");
        let first_import = import(store, kind, "f.csv", text.as_bytes()).unwrap();
        assert_eq!(
            first_import.added, dry.added,
            "{name}: the dry run predicted other counts"
        );
        assert!(!first_import.is_noop(), "{name}: {first_import}");
        let after = dump(store);
        let again = import(store, kind, "f.csv", text.as_bytes()).unwrap();
        assert!(
            again.is_noop(),
            "{name}: re-import changed something: {again}"
        );
        assert_eq!(again.unchanged, again.rows);
        assert_eq!(dump(store), after, "{name}: re-import changed the database");
        // The same file with a BOM and CRLF line ends is the same file.
        let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
        let third = import(store, kind, "f.csv", crlf.as_bytes()).unwrap();
        assert!(third.is_noop(), "{name}: BOM/CRLF file differs: {third}");
        let report = format!("{first_import}");
        match &first {
            None => first = Some(report),
            Some(want) => assert_eq!(&report, want, "{name} reports otherwise"),
        }
    }
    (dir, stores)
}

pub fn common_failures(kind: Kind, header: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut stores = small_orgs(dir.path());
    let lines = rejects_on(&mut stores, kind, b"", &["bad.csv:1: the file is empty"]);
    assert_eq!(lines.len(), 1);
    rejects_on(
        &mut stores,
        kind,
        b"\xEF\xBB\xBF \r\n",
        &["bad.csv:1: the file is empty"],
    );
    rejects_on(
        &mut stores,
        kind,
        format!("{header}\n").as_bytes(),
        &["bad.csv:2: no rows after the header"],
    );
    // Every required column missing is named.
    let first = header.split(',').next().unwrap();
    let without: Vec<&str> = header.split(',').skip(1).collect();
    rejects_on(
        &mut stores,
        kind,
        format!("{}\nx\n", without.join(",")).as_bytes(),
        &[&format!("bad.csv:1: {first}: required column missing")],
    );
}
