//! PostgreSQL: connecting as an organisation's managers do, with a login that must give a
//! password (scram-sha-256 on 127.0.0.1): from PGPASSWORD, from the password file, or not
//! at all. Each failure is one line that says what to do, and never shows the password.
//! Runs on a throwaway server (tests/pg_common); says loudly when it cannot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg_common;

use assert_cmd::Command;
use pg_common::fresh_db;

/// The CLI as a newcomer runs it: no password anywhere unless the test gives one.
fn cli(url: &str, home: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("skillgap").unwrap();
    c.env("SKILLGAP_TODAY", "2026-11-22")
        .env_remove("SKILLGAP_DB")
        .env_remove("SKILLGAP_CONFIG")
        .env_remove("PGPASSWORD")
        .env_remove("PGPASSFILE")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .args(["--db", url]);
    c
}

fn stderr_of(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(!out.status.success(), "should fail");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_login_with_a_password_connects_from_pgpassword_or_the_password_file() {
    let Some(db) = fresh_db() else { return };
    let home = tempfile::tempdir().unwrap();
    let owner = db.login_with_password("pwowner", "owner-Secret-1");
    db.as_admin(&format!("ALTER DATABASE {} OWNER TO {owner}", db.name));
    let url = db.url(&owner);

    // No password anywhere: one line naming where to put it, not "invalid configuration".
    let err = stderr_of(cli(&url, home.path()).arg("init"));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("cannot connect: the server asks for a password")
            && err.contains("PGPASSWORD")
            && err.contains("~/.pgpass"),
        "{err}"
    );
    assert!(!err.contains("invalid configuration"), "{err}");

    // A wrong password: the server's words, the URL without it.
    let err = stderr_of(
        cli(&url, home.path())
            .env("PGPASSWORD", "wrong-Guess-9")
            .arg("init"),
    );
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(!err.contains("wrong-Guess-9"), "{err}");
    let with_pw = url.replacen(&format!("{owner}@"), &format!("{owner}:wrong-Guess-9@"), 1);
    let err = stderr_of(cli(&with_pw, home.path()).arg("init"));
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(!err.contains("wrong-Guess-9"), "{err}");
    assert!(
        err.contains(&url),
        "the URL is shown without the password: {err}"
    );

    // PGPASSWORD.
    cli(&url, home.path())
        .env("PGPASSWORD", "owner-Secret-1")
        .arg("init")
        .assert()
        .success();

    // ~/.pgpass, as the README shows it (host:port:database:login:password).
    std::fs::write(
        home.path().join(".pgpass"),
        format!("127.0.0.1:{}:{}:{owner}:owner-Secret-1\n", db.port, db.name),
    )
    .unwrap();
    let out = cli(&url, home.path())
        .args(["access", "list"])
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("owner (everything)"), "{text}");
    assert!(!text.contains("owner-Secret-1"), "{text}");
}

#[test]
fn a_server_that_cannot_be_reached_says_why() {
    // Nothing listens on port 1: the reason is given, not only "error connecting".
    let home = tempfile::tempdir().unwrap();
    let err = stderr_of(
        cli(
            "postgres://ada:s3cret-pw@127.0.0.1:1/skillgap?sslmode=disable",
            home.path(),
        )
        .arg("report"),
    );
    assert!(err.contains("error connecting to server: "), "{err}");
    assert!(err.to_lowercase().contains("refused"), "{err}");
    assert!(!err.contains("s3cret"), "{err}");
}

#[test]
fn sslmode_require_says_this_build_has_no_tls() {
    let Some(db) = fresh_db() else { return };
    let home = tempfile::tempdir().unwrap();
    let url = format!("{}?sslmode=require", db.owner_url());
    let err = stderr_of(cli(&url, home.path()).arg("init"));
    assert!(
        err.contains("sslmode=require") && err.contains("sslmode=prefer"),
        "{err}"
    );
}
