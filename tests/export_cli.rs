//! `skillgap export` on the command line: the demo's JSON and CSV read by standard parsers
//! (python3's json and csv modules), -o files of mode 0600, private notes, unknown scopes,
//! and no terminal escapes on stdout.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use predicates::prelude::*;
use skillgap::import::Kind;
use skillgap::store::Store;
use std::os::unix::fs::PermissionsExt;

const SENTINEL: &str = "SENTINEL-7f3a-private";

fn python(script: &str, input: &[u8]) {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("python3 is needed by this test (see .ci/run)");
    child.stdin.take().unwrap().write_all(input).unwrap();
    assert!(
        child.wait().unwrap().success(),
        "python3 rejected the export"
    );
}

#[test]
fn cli_demo_exports_parse_with_standard_readers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    bin(&db)
        .args(["demo", "--no-tui", "--people", "42"])
        .assert()
        .success();
    let json = bin(&db)
        .args(["export", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    python(
        "import json,sys; d=json.load(sys.stdin); assert d['summary']['people']==len(d['people'])>30, d['summary']; \
         assert all(0<=p['readiness']<=1 for p in d['people'] if p['readiness'] is not None)",
        &json,
    );
    let csv = bin(&db)
        .args(["export", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    python(
        "import csv,io,sys; rows=list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline=''))); \
         assert rows[0][0]=='team' and len(rows)>42, len(rows); assert all(len(r)==14 for r in rows)",
        &csv,
    );
    for f in ["md", "html"] {
        let out = bin(&db)
            .args(["export", "--format", f])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(
            !String::from_utf8(out)
                .unwrap()
                .chars()
                .any(|c| c.is_control() && c != '\n')
        );
    }
}

#[test]
fn cli_output_file_is_0600_and_private_stays_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    {
        let mut store =
            skillgap::store::Store::open(&db, skillgap::store::Missing::Create).unwrap();
        small_org(&mut store);
        let notes = format!("person,date,body\nann@example.com,2026-11-02,- [ ] {SENTINEL}\n");
        import(&mut store, Kind::Notes, "n.csv", notes.as_bytes()).unwrap();
    }
    for f in ["md", "csv", "json", "html"] {
        let out = dir.path().join(format!("x.{f}"));
        bin(&db)
            .args(["export", "--format", f, "-o"])
            .arg(&out)
            .assert()
            .success()
            .stdout(predicate::str::contains("wrote"));
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(
            !std::fs::read_to_string(&out).unwrap().contains(SENTINEL),
            "{f}"
        );
        let with = bin(&db)
            .args(["export", "--include-private", "--format", f])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(
            String::from_utf8(with).unwrap().contains(SENTINEL),
            f != "csv",
            "{f}"
        );
    }
    bin(&db)
        .args(["export", "--team", "Nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: --team: no team named \"Nope\"",
        ));
    bin(&db)
        .args(["export", "--person", "Sam Lee"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fits 2 people"));
}

#[test]
fn terminal_escapes_never_reach_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    {
        let mut store = Store::open(&db, skillgap::store::Missing::Create).unwrap();
        let people = "name,email,team,role\n\
            \"Mal\u{1b}]0;owned\u{7}ory\u{9b}2J\",mal@example.com,\"Te\u{1b}[31mam\",Individual contributor\n";
        import(&mut store, Kind::People, "p.csv", people.as_bytes()).unwrap();
        let notes = "person,date,body,private\nmal@example.com,2026-11-01,\"- [ ] fix\u{1b}[2J it\",false\n";
        import(&mut store, Kind::Notes, "n.csv", notes.as_bytes()).unwrap();
    }
    for f in ["md", "csv", "json", "html"] {
        let out = bin(&db)
            .args(["export", "--format", f])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Mal"), "{f}");
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r'),
            "{f}: a control character reached stdout"
        );
    }
}
