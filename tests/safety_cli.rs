//! The binary against traps, on real files: special files, symlinked and taken backup
//! names, a damaged file, a full disk (RLIMIT_FSIZE), read-only folders, control and bidi
//! characters, a locked database. Cases 3 to 11 of issue 9 (1 and 2 are in
//! concurrency_pty.rs, erasure with a reader in erasure.rs).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_skillgap");

fn skillgap(home: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(home)
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("SKILLGAP_TODAY", "2026-11-22")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("run skillgap")
}

/// Runs `script` under `sh -c` with the binary as $1 (for ulimit, trap, runuser).
fn sh(home: &Path, script: &str, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(BIN)
        .args(args)
        .current_dir(home)
        .env("SKILLGAP_TODAY", "2026-11-22")
        .env_remove("SKILLGAP_DB")
        .env_remove("SKILLGAP_CONFIG")
        .output()
        .expect("run sh")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn demo(home: &Path, name: &str, people: &str) -> PathBuf {
    let db = home.join(name);
    let o = skillgap(
        home,
        &[
            "--db",
            db.to_str().unwrap(),
            "demo",
            "--no-tui",
            "--people",
            people,
            "--seed",
            "7",
        ],
    );
    assert!(o.status.success(), "{o:?}");
    db
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(ok.success());
}

/// One `error:` line and nothing repeated in it.
fn one_error_line(o: &Output) -> String {
    assert!(!o.status.success(), "{o:?}");
    let err = stderr(o);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    let line = lines[0].to_string();
    assert!(!line.contains("Error code"), "SQLite's code leaks: {line}");
    line
}

fn is_fifo(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(p).unwrap().file_type().is_fifo()
}

/// Case 6: a FIFO as the database, the config or the import file is refused within a
/// second by every command, and never opened (a FIFO open would block).
#[test]
fn a_fifo_is_refused_at_once_by_every_command() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h, "t.db", "5");
    let fifo = h.join("f.db");
    mkfifo(&fifo);
    let f = fifo.to_str().unwrap();
    let d = db.to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["--db", f, "check"],
        vec!["--db", f, "report"],
        vec!["--db", f, "export"],
        vec!["--db", f, "import", "people", d],
        vec!["--db", f, "backup", "-o", "b.db"],
        vec!["--db", f, "init"],
        vec!["--db", f, "demo", "--no-tui", "--people", "3"],
        vec!["--db", f],
        vec!["--db", d, "import", "people", f],
        vec!["--db", d, "--config", f, "report"],
    ];
    for args in runs {
        let start = Instant::now();
        let o = skillgap(h, &args);
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{args:?} took {:?}",
            start.elapsed()
        );
        let line = one_error_line(&o);
        assert!(line.contains("FIFO"), "{args:?}: {line}");
        assert!(is_fifo(&fifo), "still a FIFO");
    }
}

/// Case 5: export and backup never write into or replace a FIFO or a device, never follow a
/// symlink; an export over a symlink replaces the link, not its target.
#[test]
fn export_and_backup_never_write_through_special_files_or_symlinks() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h, "t.db", "5");
    let d = db.to_str().unwrap();
    let fifo = h.join("out.fifo");
    mkfifo(&fifo);
    for args in [
        vec!["--db", d, "export", "-o", fifo.to_str().unwrap()],
        vec!["--db", d, "backup", "-o", fifo.to_str().unwrap()],
        vec!["--db", d, "export", "-o", "/dev/null"],
        vec!["--db", d, "backup", "-o", "/dev/null"],
    ] {
        let line = one_error_line(&skillgap(h, &args));
        assert!(
            line.contains("FIFO") || line.contains("device"),
            "{args:?}: {line}"
        );
    }
    assert!(is_fifo(&fifo));
    // A dangling symlink: backup refuses and creates nothing at its target.
    let target = h.join("elsewhere.db");
    let link = h.join("link.db");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let line = one_error_line(&skillgap(h, &["--db", d, "backup", "-o", "link.db"]));
    assert!(line.contains("already exists (a symlink)"), "{line}");
    assert!(!target.exists(), "the link's target was created");
    // An export over a symlink to a file: the link is replaced, the file is untouched.
    std::fs::write(&target, "keep me").unwrap();
    let o = skillgap(h, &["--db", d, "export", "-o", "link.db"]);
    assert!(o.status.success(), "{o:?}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_file()
    );
    // Nothing temporary left beside them.
    let stray: Vec<_> = std::fs::read_dir(h)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp") || n.contains("partial"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// Case 5, unprivileged: `export -o /dev/null` is refused with one line, never by trying
/// to make a temporary file in /dev. Runs as `nobody` when runuser is there (tests run as
/// root in CI); as root it checks the same refusal.
#[test]
fn export_to_dev_null_as_an_unprivileged_user_is_refused_clearly() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h, "t.db", "3");
    let run_as_nobody = Command::new("runuser")
        .args(["-u", "nobody", "--", "true"])
        .status()
        .is_ok_and(|s| s.success());
    let o = if run_as_nobody {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(h, std::fs::Permissions::from_mode(0o755)).unwrap();
        Command::new("chown")
            .args(["nobody", db.to_str().unwrap()])
            .status()
            .unwrap();
        sh(
            h,
            r#"runuser -u nobody -- "$1" --db "$2" export -o /dev/null"#,
            &[db.to_str().unwrap()],
        )
    } else {
        skillgap(
            h,
            &["--db", db.to_str().unwrap(), "export", "-o", "/dev/null"],
        )
    };
    let line = one_error_line(&o);
    assert_eq!(line, "error: /dev/null: it is a device, not a regular file");
}

/// Case 3: the backup made before a migration never follows a symlink and never
/// truncates an older backup: it takes the next free name.
#[test]
fn the_migration_backup_takes_a_new_name_and_follows_no_symlink() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h, "old.db", "3");
    // Make it a version 2 file: today's file without the record versions and authors.
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        for t in [
            "people",
            "teams",
            "roles",
            "skills",
            "trainings",
            "offers",
            "notes",
            "assessments",
        ] {
            c.execute_batch(&format!("ALTER TABLE {t} DROP COLUMN version"))
                .unwrap();
        }
        // Nor the notes' authors (version 4).
        c.execute_batch("ALTER TABLE notes DROP COLUMN author")
            .unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
    }
    let victim = h.join("victim.txt");
    std::fs::write(&victim, "not a database").unwrap();
    std::os::unix::fs::symlink(&victim, h.join("old.db.v2.bak")).unwrap();
    std::fs::write(h.join("old.db.v2.bak.1"), "an older backup").unwrap();
    let o = skillgap(h, &["--db", db.to_str().unwrap(), "check"]);
    assert!(o.status.success(), "{o:?}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not a database");
    assert_eq!(
        std::fs::read_to_string(h.join("old.db.v2.bak.1")).unwrap(),
        "an older backup"
    );
    let backup = h.join("old.db.v2.bak.2");
    let c = rusqlite::Connection::open(&backup).unwrap();
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 2, "the backup is the file as it was");
}

/// Case 4: a damaged file: import refuses and leaves its bytes unchanged; reading commands
/// say it is damaged and how to recover.
#[test]
fn a_damaged_file_is_never_written_and_reading_says_so() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h, "t.db", "40");
    let len = std::fs::metadata(&db).unwrap().len();
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        f.seek(SeekFrom::Start(len / 2)).unwrap();
        f.write_all(&[0xA5; 8192]).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let csv = h.join("p.csv");
    std::fs::write(&csv, "name,email\nZed,zed@x.org\n").unwrap();
    let d = db.to_str().unwrap();
    let line = one_error_line(&skillgap(
        h,
        &["--db", d, "import", "people", csv.to_str().unwrap()],
    ));
    assert!(
        line.contains("damaged") && line.contains("nothing was written"),
        "{line}"
    );
    assert!(
        line.contains("skillgap check") && line.contains("backup"),
        "{line}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "not one byte changed");
    for args in [
        vec!["--db", d, "report"],
        vec!["--db", d, "export", "--format", "json"],
    ] {
        let o = skillgap(h, &args);
        let err = stderr(&o);
        assert!(
            err.contains("damaged") && err.contains("skillgap check"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// Case 7 and 11: `backup -o` on a full disk (RLIMIT_FSIZE, SIGXFSZ ignored) fails with one
/// plain line and leaves neither the copy nor its journal.
#[test]
fn backup_on_a_full_disk_leaves_nothing_and_says_so_once() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h, "t.db", "40");
    assert!(std::fs::metadata(&db).unwrap().len() > 200 * 1024);
    // ulimit -f counts 512-byte blocks in sh (dash) and 1 KiB ones in bash: either way
    // well under the file's size.
    let o = sh(
        h,
        r#"trap '' XFSZ; ulimit -f 100; exec "$1" --db "$2" backup -o b.db"#,
        &[db.to_str().unwrap()],
    );
    let line = one_error_line(&o);
    assert!(
        line.contains("the disk is full")
            || line.contains("could not write to the disk (is it full?)"),
        "{line}"
    );
    assert!(line.contains("b.db"), "names the file: {line}");
    assert_eq!(line.matches("full").count(), 1, "repeated: {line}");
    let left: Vec<_> = std::fs::read_dir(h)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("b.db"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Case 9: escape, bell and bidirectional controls from the config and the data reach no
/// export.
#[test]
fn control_and_bidi_characters_reach_no_export() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h, "t.db", "5");
    let d = db.to_str().unwrap();
    let csv = h.join("p.csv");
    std::fs::write(&csv, "name,email\nAnn\u{202E}nimda\u{2066}x,ann@x.org\n").unwrap();
    assert!(
        skillgap(h, &["--db", d, "import", "people", csv.to_str().unwrap()])
            .status
            .success()
    );
    let config = h.join("c.toml");
    std::fs::write(
        &config,
        "level_names = [\"None\\u001b[31m\", \"Aware\\u0007\", \"Novice\\u202e\", \"Pract\", \"Adv\", \"Expert\"]\n",
    )
    .unwrap();
    for format in ["md", "html", "json", "csv"] {
        let o = skillgap(
            h,
            &[
                "--db",
                d,
                "--config",
                config.to_str().unwrap(),
                "export",
                "--format",
                format,
            ],
        );
        assert!(o.status.success(), "{format}: {o:?}");
        let text = String::from_utf8(o.stdout).unwrap();
        for bad in ['\u{1b}', '\u{7}', '\u{202E}', '\u{2066}'] {
            assert!(!text.contains(bad), "{format} carries {bad:?}");
        }
        assert!(
            text.contains("Ann\u{FFFD}nimda\u{FFFD}x") || format == "csv",
            "{format}"
        );
    }
}

/// Case 10: a database in a read-only folder can be reported, exported and checked (as
/// `nobody` when runuser is there: root writes anywhere), and a write says why not.
#[test]
fn a_read_only_folder_can_be_read() {
    let run_as_nobody = Command::new("runuser")
        .args(["-u", "nobody", "--", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !run_as_nobody {
        eprintln!("runuser is not available: a read-only folder cannot be made for root; skipped");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h, "t.db", "5");
    let ro = h.join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::rename(&db, ro.join("t.db")).unwrap();
    let csv = h.join("p.csv");
    std::fs::write(&csv, "name\nZed\n").unwrap();
    let chown = Command::new("chown")
        .args(["-R", "nobody"])
        .arg(h)
        .status()
        .unwrap();
    assert!(chown.success());
    let chmod = Command::new("chmod")
        .args(["555"])
        .arg(&ro)
        .status()
        .unwrap();
    assert!(chmod.success());
    let as_nobody = |args: &str| {
        sh(
            h,
            &format!(r#"runuser -u nobody -- "$1" --db ro/t.db {args}"#),
            &[],
        )
    };
    for args in ["report", "export --format json", "check"] {
        let o = as_nobody(args);
        assert!(o.status.success(), "{args}: {}", stderr(&o));
        assert!(!o.stdout.is_empty());
    }
    let line = one_error_line(&as_nobody("import people p.csv"));
    assert!(line.contains("read-only"), "{line}");
    let names: Vec<_> = std::fs::read_dir(&ro)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "nothing created beside it: {names:?}");
}

/// Case 11: an import while another program holds the write lock says so in words, naming
/// the file, and writes nothing.
#[test]
fn an_import_into_a_busy_database_says_who_to_wait_for() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h, "t.db", "5");
    let csv = h.join("p.csv");
    std::fs::write(&csv, "name,email\nZed,zed@x.org\n").unwrap();
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let o = skillgap(
        h,
        &[
            "--db",
            db.to_str().unwrap(),
            "import",
            "people",
            csv.to_str().unwrap(),
        ],
    );
    holder.execute_batch("ROLLBACK").unwrap();
    let line = one_error_line(&o);
    assert!(
        line.contains("another skillgap or program is writing to")
            && line.contains("t.db")
            && line.contains("try again when it finishes"),
        "{line}"
    );
    assert!(!line.contains("locked: database is locked"), "{line}");
    let report = skillgap(
        h,
        &["--db", db.to_str().unwrap(), "export", "--format", "json"],
    );
    assert!(!String::from_utf8_lossy(&report.stdout).contains("zed@x.org"));
}
