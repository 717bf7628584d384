//! The binary as a user runs it: exit codes, `error:` lines, files and their modes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// The binary with a private home, fixed "today", and no inherited skillgap settings.
fn skillgap(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("skillgap").unwrap();
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("SKILLGAP_TODAY", "2026-11-22")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn demo_db(home: &Path, seed: &str) -> std::path::PathBuf {
    let db = home.join(format!("demo-{seed}.db"));
    skillgap(home)
        .args([
            "--db",
            db.to_str().unwrap(),
            "demo",
            "--no-tui",
            "--seed",
            seed,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("people"));
    db
}

#[test]
fn demo_then_report_then_check() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_db(home.path(), "1");
    assert_eq!(mode(&db), 0o600);
    let out = skillgap(home.path())
        .args(["--db", db.to_str().unwrap(), "report"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for want in [
        "Everyone (",
        "Engineering (",
        "  Platform (",
        "sub-teams included",
        "readiness ",
        "at target ",
        "training coverage ",
        "overestimation +",
        "largest skill gaps",
        "verified improvement",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    skillgap(home.path())
        .args(["--db", db.to_str().unwrap(), "check"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok: "));
    // One team only, with its sub-team rolled up.
    skillgap(home.path())
        .args([
            "--db",
            db.to_str().unwrap(),
            "report",
            "--team",
            "engineering",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Engineering (").and(predicate::str::contains("Sales").not()),
        );
}

#[test]
fn the_same_seed_and_day_give_the_same_organisation() {
    let home = tempfile::tempdir().unwrap();
    let report = |db: &Path| {
        let out = skillgap(home.path())
            .args(["--db", db.to_str().unwrap(), "report"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let a = demo_db(home.path(), "7");
    let b = home.path().join("again.db");
    skillgap(home.path())
        .args([
            "--db",
            b.to_str().unwrap(),
            "demo",
            "--no-tui",
            "--seed",
            "7",
        ])
        .assert()
        .success();
    let c = demo_db(home.path(), "8");
    assert_eq!(report(&a), report(&b));
    assert_ne!(report(&a), report(&c));
}

#[test]
fn demo_never_writes_over_data() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_db(home.path(), "1");
    let before = std::fs::read(&db).unwrap();
    skillgap(home.path())
        .args(["--db", db.to_str().unwrap(), "demo", "--no-tui"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::starts_with("error: ").and(predicate::str::contains("already holds")),
        );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    skillgap(home.path())
        .args(["demo", "--no-tui"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--db"));
}

#[test]
fn init_creates_a_private_database_in_the_default_place_once() {
    let home = tempfile::tempdir().unwrap();
    skillgap(home.path())
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("created"));
    let db = home.path().join("data/skillgap/skillgap.db");
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(db.parent().unwrap()), 0o700);
    skillgap(home.path())
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("already"));
    // SKILLGAP_DB picks another file.
    let other = home.path().join("other.db");
    skillgap(home.path())
        .env("SKILLGAP_DB", &other)
        .arg("init")
        .assert()
        .success();
    assert!(other.exists());
}

#[test]
fn a_missing_database_directory_is_one_clear_error() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("no/such/dir/s.db");
    skillgap(home.path())
        .args(["--db", db.to_str().unwrap(), "init"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::starts_with("error: ")
                .and(predicate::str::contains("no/such/dir"))
                .and(predicate::str::contains("does not exist"))
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
    assert!(!home.path().join("no").exists());
    // Reading commands never create a database.
    skillgap(home.path())
        .args([
            "--db",
            home.path().join("nope.db").to_str().unwrap(),
            "report",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no database there"));
    assert!(!home.path().join("nope.db").exists());
}

#[test]
fn a_bad_config_key_names_the_key_and_line() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("c.toml");
    std::fs::write(&cfg, "stale_after_days = 90\ncolour = \"blue\"\n").unwrap();
    skillgap(home.path())
        .args(["--config", cfg.to_str().unwrap(), "init"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::starts_with(format!(
                "error: {}:2: unknown field `colour`",
                cfg.display()
            ))
            .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
    // The same through SKILLGAP_CONFIG, with a wrong type.
    std::fs::write(&cfg, "[theme]\nstyle = 3\n").unwrap();
    skillgap(home.path())
        .env("SKILLGAP_CONFIG", &cfg)
        .arg("init")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("c.toml:2:"));
    // A named config file that does not exist is an error; the default one may be missing.
    skillgap(home.path())
        .args([
            "--config",
            home.path().join("none.toml").to_str().unwrap(),
            "init",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read config"));
}

#[test]
fn one_key_bound_to_two_actions_is_a_config_error_naming_both() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("c.toml");
    std::fs::write(&cfg, "stale_after_days = 90\n\n[keys]\nfilter = [\"s\"]\n").unwrap();
    skillgap(home.path())
        .args(["--config", cfg.to_str().unwrap(), "init"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::starts_with(format!(
                "error: {}:4: [keys] filter: s is bound to both filter and sort",
                cfg.display()
            ))
            .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
    // A bad theme colour names its line too.
    std::fs::write(
        &cfg,
        "[theme]\nstyle = \"light\"\nwarn = \"bold #zzzzzz\"\n",
    )
    .unwrap();
    skillgap(home.path())
        .args(["--config", cfg.to_str().unwrap(), "init"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("c.toml:3: [theme] warn:"));
}

#[test]
fn the_example_config_is_accepted() {
    let home = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    skillgap(home.path())
        .args([
            "--config",
            example.to_str().unwrap(),
            "--db",
            home.path().join("s.db").to_str().unwrap(),
            "init",
        ])
        .assert()
        .success();
}

#[test]
fn a_bad_people_value_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("s.db");
    for bad in ["0", "abc", "-3", "100001", ""] {
        skillgap(home.path())
            .args([
                "--db",
                db.to_str().unwrap(),
                "demo",
                "--no-tui",
                &format!("--people={bad}"),
            ])
            .assert()
            .code(2)
            .stderr(
                predicate::str::starts_with("error: ").and(predicate::str::contains("--people")),
            );
    }
    assert!(!db.exists());
}

#[test]
fn foreign_files_are_refused_and_untouched() {
    let home = tempfile::tempdir().unwrap();
    let f = home.path().join("people.csv");
    std::fs::write(&f, "name\nAda\n").unwrap();
    for cmd in [&["report"][..], &["check"], &["init"], &["backup"]] {
        skillgap(home.path())
            .args(["--db", f.to_str().unwrap()])
            .args(cmd)
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains("not a skillgap database")
                    .and(predicate::str::contains("left untouched")),
            );
    }
    assert_eq!(std::fs::read(&f).unwrap(), b"name\nAda\n");
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 1);
}

#[test]
fn report_on_an_unknown_team_and_a_bad_today_fail_clearly() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_db(home.path(), "1");
    skillgap(home.path())
        .args(["--db", db.to_str().unwrap(), "report", "--team", "Nope"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no team named \"Nope\" (teams: ")
                .and(predicate::str::contains("Engineering"))
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
    skillgap(home.path())
        .env("SKILLGAP_TODAY", "22/11/2026")
        .args(["--db", db.to_str().unwrap(), "report"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("error: SKILLGAP_TODAY"));
}

#[test]
fn backup_writes_a_private_copy_that_opens() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_db(home.path(), "1");
    let copy = home.path().join("copy.db");
    skillgap(home.path())
        .args([
            "--db",
            db.to_str().unwrap(),
            "backup",
            "-o",
            copy.to_str().unwrap(),
        ])
        .assert()
        .success();
    assert_eq!(mode(&copy), 0o600);
    skillgap(home.path())
        .args(["--db", copy.to_str().unwrap(), "check"])
        .assert()
        .success();
    // Without -o, a dated file beside the database.
    skillgap(home.path())
        .args(["--db", db.to_str().unwrap(), "backup"])
        .assert()
        .success()
        .stdout(predicate::str::contains("demo-1-backup-"));
}

#[test]
fn completions_and_usage() {
    let home = tempfile::tempdir().unwrap();
    skillgap(home.path())
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("skillgap"));
    skillgap(home.path())
        .arg("frobnicate")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: "));
}
