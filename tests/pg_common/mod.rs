//! A throwaway PostgreSQL server for the tests: `initdb` into a temporary directory (as the
//! unprivileged `postgres` user when the tests run as root, as CI does), a free port on
//! 127.0.0.1, its socket inside that directory, trust authentication (a password for the
//! logins `TestDb::login_with_password` makes). One server per test
//! binary, a fresh database (and fresh logins) per test. The server is stopped, and its
//! directory removed, when the test binary exits however it exits: a watchdog shell holds
//! it and stops it (`pg_ctl stop -m immediate`) as soon as our end of its stdin closes.
//!
//! Where no PostgreSQL is installed, `server()` prints loudly that the PostgreSQL tests did
//! not run and why, and returns `None`; the caller returns early.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Server {
    pub port: u16,
    /// Holds the watchdog: its stdin closes when the test binary exits.
    _watchdog: Mutex<Child>,
}

/// The group whose members must give a password (scram-sha-256) on 127.0.0.1.
const PASSWORD_GROUP: &str = "skillgap_pw";

static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
static NEXT: AtomicUsize = AtomicUsize::new(0);

fn bindir() -> Option<PathBuf> {
    let from_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let candidates = from_config.into_iter().chain(
        std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path().join("bin")),
    );
    candidates
        .into_iter()
        .find(|d| d.join("initdb").exists() && d.join("pg_ctl").exists())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn start() -> Result<Server, String> {
    let bin = bindir().ok_or("no initdb/pg_ctl found (pg_config --bindir, /usr/lib/postgresql/*/bin): install the distribution's postgresql package")?;
    let root = is_root();
    let dir = tempfile::Builder::new()
        .prefix("skillgap-pg-")
        .tempdir()
        .map_err(|e| e.to_string())?
        .keep();
    if root {
        let st = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&dir)
            .status()
            .map_err(|e| e.to_string())?;
        if !st.success() {
            return Err("cannot give the temporary directory to the postgres user".into());
        }
    }
    let as_user = |cmd: &mut Command| {
        if root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]);
            c.arg(cmd.get_program());
            c.args(cmd.get_args());
            c
        } else {
            let mut c = Command::new(cmd.get_program());
            c.args(cmd.get_args());
            c
        }
    };
    let data = dir.join("data");
    let out = as_user(
        Command::new(bin.join("initdb"))
            .args([
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
                "-D",
            ])
            .arg(&data),
    )
    .stdin(Stdio::null())
    .output()
    .map_err(|e| format!("initdb: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    // Members of PASSWORD_GROUP sign in with a password over TCP, as an organisation's
    // logins do (`TestDb::login_with_password`); every other login is trusted.
    let hba = data.join("pg_hba.conf");
    let rest = std::fs::read_to_string(&hba).map_err(|e| format!("pg_hba.conf: {e}"))?;
    std::fs::write(
        &hba,
        format!("host all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256\n{rest}"),
    )
    .map_err(|e| format!("pg_hba.conf: {e}"))?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let script = r#"
pg_ctl -D "$1/data" -l "$1/log" -w -o "-p $2 -k $1 -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null 2>&1 || { echo "failed: $(tail -5 "$1/log")"; exit 1; }
echo up
read _
pg_ctl -D "$1/data" -m immediate -w stop >/dev/null 2>&1
rm -rf "$1"
"#;
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(script)
        .arg("sh")
        .arg(&dir)
        .arg(port.to_string());
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = as_user(&mut sh)
        .env("PATH", path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    if line.trim() != "up" {
        return Err(format!("the server did not start: {line}"));
    }
    Ok(Server {
        port,
        _watchdog: Mutex::new(child),
    })
}

/// The shared server, or `None` (said loudly) where PostgreSQL is not installed.
pub fn server() -> Option<&'static Server> {
    match SERVER.get_or_init(start) {
        Ok(s) => Some(s),
        Err(why) => {
            eprintln!(
                "\n!!!! PostgreSQL tests DID NOT RUN: {why}\n!!!! (CI installs it: .ci/run)\n"
            );
            if std::env::var_os("CI").is_some() {
                panic!("PostgreSQL tests must run in CI: {why}");
            }
            None
        }
    }
}

/// A fresh database for one test, owned by a fresh ordinary login (not a superuser:
/// superusers pass row-level security).
pub struct TestDb {
    pub port: u16,
    pub name: String,
    pub owner: String,
}

impl TestDb {
    /// A URL for `login` (trust authentication: no password).
    pub fn url(&self, login: &str) -> String {
        format!("postgres://{login}@127.0.0.1:{}/{}", self.port, self.name)
    }

    pub fn owner_url(&self) -> String {
        self.url(&self.owner)
    }

    /// Creates an ordinary login (its name made unique to this database) and returns it.
    pub fn login(&self, short: &str) -> String {
        let name = format!("{}_{short}", self.name);
        admin(self.port)
            .batch_execute(&format!("CREATE ROLE {name} LOGIN"))
            .unwrap();
        name
    }

    /// Creates an ordinary login that must sign in with `password` (scram-sha-256), as a
    /// real organisation's logins do, and returns it.
    pub fn login_with_password(&self, short: &str, password: &str) -> String {
        let name = format!("{}_{short}", self.name);
        let mut a = admin(self.port);
        a.batch_execute(&format!(
            "DO $$ BEGIN CREATE ROLE {PASSWORD_GROUP} NOLOGIN;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        ))
        .unwrap();
        a.batch_execute(&format!(
            "CREATE ROLE {name} LOGIN PASSWORD '{password}' IN ROLE {PASSWORD_GROUP}"
        ))
        .unwrap();
        name
    }

    /// Runs `sql` as the server's superuser.
    pub fn as_admin(&self, sql: &str) {
        admin(self.port).batch_execute(sql).unwrap();
    }

    /// A plain SQL client as `login`: what a user typing SQL would get.
    pub fn client(&self, login: &str) -> postgres::Client {
        postgres::Client::connect(&self.url(login), postgres::NoTls).unwrap()
    }
}

fn admin(port: u16) -> postgres::Client {
    postgres::Client::connect(
        &format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        postgres::NoTls,
    )
    .unwrap()
}

/// A fresh, empty database for this test, or `None` where PostgreSQL is not installed.
pub fn fresh_db() -> Option<TestDb> {
    let server = server()?;
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let name = format!("t{}_{n}", std::process::id());
    let owner = format!("{name}_owner");
    let mut a = admin(server.port);
    a.batch_execute(&format!("CREATE ROLE {owner} LOGIN"))
        .unwrap();
    a.batch_execute(&format!("CREATE DATABASE {name} OWNER {owner}"))
        .unwrap();
    Some(TestDb {
        port: server.port,
        name,
        owner,
    })
}

/// A fresh store on each engine the machine has: SQLite always (`dir/s.db`), and PostgreSQL
/// (a fresh database) where installed; said loudly where not (see `server`). Both hold the
/// default framework, as `init` leaves them.
pub fn engines(dir: &std::path::Path) -> Vec<(&'static str, skillgap::store::Store)> {
    use skillgap::store::{Missing, Store};
    let mut out = vec![(
        "sqlite",
        Store::open(&dir.join("s.db"), Missing::Create).unwrap(),
    )];
    if let Some(db) = fresh_db() {
        let url = db.owner_url();
        out.push((
            "postgres",
            Store::open(url.as_ref(), Missing::Create).unwrap(),
        ));
    }
    out
}
