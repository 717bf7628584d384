//! Framework import, the example files, and `skillgap import` on the command line.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use predicates::prelude::*;
use skillgap::import::Kind;

#[test]
fn framework_import_adds_updates_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    let text = r#"
name = "Extra"

[[skills]]
key = "agent-design"
name = "Designing AI agents"
category = "Workflow integration"
description = "Plans multi-step AI workflows."

[[roles]]
name = "Agent engineer"
targets = [{ skill = "agent-design", level = 4, weight = 3 }, { skill = "prompting", level = 4 }]
"#;
    let r = import(&mut store, Kind::Framework, "fw.toml", text.as_bytes()).unwrap();
    assert_eq!((r.added("skills"), r.added("roles")), (1, 1), "{r}");
    let after = dump(&store);
    let again = import(&mut store, Kind::Framework, "fw.toml", text.as_bytes()).unwrap();
    assert!(again.is_noop(), "{again}");
    assert_eq!(dump(&store), after);
    // The shipped framework re-imported into a new database changes nothing.
    let default = skillgap::framework::DEFAULT_FRAMEWORK;
    let r = import(&mut store, Kind::Framework, "ai.toml", default.as_bytes()).unwrap();
    assert!(r.is_noop(), "{r}");
}

#[test]
fn framework_problems_are_reported_and_nothing_written() {
    rejects(
        Kind::Framework,
        b"name = \"x\"\n\n[[skills]]\nkey = \"ok\"\nname = \"Ok\"\nbogus = 1\n",
        &["bad.csv:6: unknown field `bogus`"],
    );
    rejects(
        Kind::Framework,
        b"name = \"x\"\n[[roles]]\nname = \"R\"\ntargets = [{ skill = \"nope\", level = 9 }]\n",
        &[
            "bad.csv:2: roles[0] (\"R\"): targets[0]: unknown skill \"nope\"",
            "bad.csv:2: roles[0] (\"R\"): targets[0]: level 9 is not in 1..5",
        ],
    );
    rejects(
        Kind::Framework,
        b"name = \"\xff\"\n",
        &["bad.csv:1: not valid UTF-8"],
    );
    rejects(Kind::Framework, b"", &["bad.csv:1: the file is empty"]);
}

#[test]
fn example_files_import_cleanly_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(dir.path());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    for kind in ["people", "assessments", "trainings", "offers", "notes"] {
        let k = *Kind::ALL.iter().find(|k| k.as_str() == kind).unwrap();
        let path = root.join(format!("{kind}.csv"));
        let r = skillgap::import::run_file(store.conn(), k, &path, false)
            .unwrap_or_else(|e| panic!("{kind}: {e:?}"));
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(r.added(kind) > 0, "{r}");
        let again = skillgap::import::run_file(store.conn(), k, &path, false).unwrap();
        assert!(again.is_noop(), "{again}");
    }
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn cli_import_reports_and_fails_with_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "name,email,team,extra\nAnn,ann@example.com,Ops,1\n",
    )
    .unwrap();
    bin(&db)
        .args(["import", "people"])
        .arg(&people)
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(predicate::str::contains("would add 1 person, 1 team"))
        .stdout(predicate::str::contains("dry run: nothing was written"))
        .stderr(predicate::str::contains("warning: ").and(predicate::str::contains("\"extra\"")));
    bin(&db)
        .args(["import", "people"])
        .arg(&people)
        .assert()
        .success()
        .stdout(predicate::str::contains("added 1 person, 1 team"));
    bin(&db)
        .args(["import", "people"])
        .arg(&people)
        .assert()
        .success()
        .stdout(predicate::str::contains("added nothing; 1 unchanged"));
    let bad = dir.path().join("a.csv");
    std::fs::write(
        &bad,
        "person,skill,level,source,assessed_on\nann@example.com,prompting,7,self,2026-01-01\nbob,x,1,self,2026-01-01\n",
    )
    .unwrap();
    let shown = bad.display().to_string();
    bin(&db)
        .args(["import", "assessments"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{shown}:2: level: \"7\" is not a level 0..5"
        )))
        .stderr(predicate::str::contains(format!(
            "{shown}:3: person: no person"
        )))
        .stderr(predicate::str::contains(format!(
            "{shown}:3: skill: no skill"
        )))
        .stderr(predicate::str::contains(format!(
            "error: {shown}: nothing imported: 3 problems"
        )));
    bin(&db)
        .args(["import", "notes"])
        .arg(dir.path().join("missing.csv"))
        .assert()
        .code(1)
        .stderr(
            predicate::str::starts_with("error: ").and(predicate::str::contains("cannot read")),
        );
}
