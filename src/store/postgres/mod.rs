//! The PostgreSQL engine, for an organisation: one database on a server, many managers
//! writing at once, each connecting as their own login. What each login may see and change
//! is enforced by the database (row-level security, see the scripts in `schema/` and
//! `access`), not by the app. The store's queries are shared with SQLite (`store::db`);
//! connecting, migrations, undo, checks and access live here.

pub mod access;
mod conn;
mod copy_out;
pub(super) mod history;

pub use conn::Conn;
pub(super) use conn::{Prepared, cell, plain};
pub(super) use copy_out::each_row_of_numbers;

use super::db::{Db, OptionalExtension};
use super::error::{Context, Result, StoreError};
use super::{Missing, Store};
use std::path::{Path, PathBuf};

/// The schema scripts, in order: a new database runs them all; an older one, opened by its
/// owner, the ones it lacks (`upgrade`). `meta`'s schema_version says how many ran.
const MIGRATIONS: &[&str] = &[
    include_str!("schema/001_initial.sql"),
    include_str!("schema/002_caller_only.sql"),
    include_str!("schema/003_latest_per_statement.sql"),
    include_str!("schema/004_subteam_returning.sql"),
];

/// The schema version this build writes on a server (kept in `meta`).
pub const PG_SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Every table skillgap creates; a database holding any other is not ours.
const OUR_TABLES: &[&str] = &[
    "meta",
    "teams",
    "skills",
    "skill_levels",
    "roles",
    "role_targets",
    "people",
    "person_targets",
    "assessments",
    "assessment_latest",
    "trainings",
    "training_skills",
    "offers",
    "notes",
    "note_skills",
    "access_grants",
    "changes",
];

/// What `backup` says on a server.
pub(super) const BACKUP_REFUSAL: &str = "backup copies an SQLite file; a PostgreSQL database is copied with the server's own tools, as a superuser (row-level security hides rows from every login, the owner included): pg_dump --format=custom DBNAME > skillgap.dump, restored with pg_restore";

/// The URL in a `--db` value, when it names a server.
pub fn url_of(path: &Path) -> Option<&str> {
    path.to_str()
        .filter(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
}

/// A URL as it may be shown: without its password.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(u, _)| u);
            format!("{user}@{host}")
        }
        None => authority.to_string(),
    };
    // A password in the query string (`?password=...`) goes too.
    let tail: String = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|kv| !kv.to_ascii_lowercase().starts_with("password="))
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// The connection settings of a URL, completed as libpq would: the password from
/// PGPASSWORD or the password file (PGPASSFILE, else ~/.pgpass), the user from PGUSER or
/// the OS user.
fn config(url: &str, shown: &str) -> Result<postgres::Config> {
    let mut config: postgres::Config = url
        .parse()
        .map_err(|e| StoreError::Invalid(format!("{shown}: not a usable PostgreSQL URL ({e})")))?;
    if config.get_user().is_none() {
        let user = std::env::var("PGUSER")
            .ok()
            .filter(|u| !u.is_empty())
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_else(|| "postgres".into());
        config.user(&user);
    }
    if config.get_password().is_none() {
        if let Some(p) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
            config.password(p);
        } else if let Some(p) = pgpass(&config) {
            config.password(p);
        }
    }
    // The app's queries are small and many: compiling one (JIT) costs far more than it
    // saves (a forced nested loop was costed high enough to spend 0.6 s compiling).
    let options = match config.get_options() {
        Some(o) if !o.is_empty() => format!("{o} -c jit=off"),
        _ => "-c jit=off".to_string(),
    };
    config.options(&options);
    Ok(config)
}

/// The password for these settings in the password file, as libpq reads it.
fn pgpass(config: &postgres::Config) -> Option<String> {
    let file = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let db = config
        .get_dbname()
        .or(config.get_user())
        .unwrap_or_default()
        .to_string();
    let user = config.get_user().unwrap_or_default().to_string();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|line| {
            let fields = split_pgpass(line);
            let [h, p, d, u, pw] = fields.as_slice() else {
                return None;
            };
            let hit = |f: &str, v: &str| f == "*" || f == v;
            let host_hit = hit(h, &host) || (h == "localhost" && host.starts_with('/'));
            (host_hit && hit(p, &port) && hit(d, &db) && hit(u, &user)).then(|| pw.clone())
        })
}

/// A password-file line's five fields (`\:` and `\\` escaped).
fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(n), Some(last)) = (chars.next(), fields.last_mut()) {
                    last.push(n);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(last) = fields.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    fields
}

/// Why a connection failed, in one line a manager can act on. The driver's own words for
/// some failures name no cause ("invalid configuration" when the server asks for a
/// password and none was found, "error connecting to server" without the reason), so the
/// causes are added, and the two a newcomer meets first are said plainly. Neither the
/// driver's nor the server's messages carry the password.
fn connect_failure(e: &postgres::Error, config: &postgres::Config) -> String {
    use std::error::Error as _;
    if e.as_db_error().is_some() {
        return plain(e);
    }
    let mut causes = Vec::new();
    let mut source = e.source();
    while let Some(s) = source {
        causes.push(s.to_string());
        source = s.source();
    }
    if causes.iter().any(|c| c == "password missing") {
        return "the server asks for a password and none was found: set PGPASSWORD, or put \
                the line host:port:database:login:password in ~/.pgpass (or the file \
                PGPASSFILE names), readable by you alone"
            .into();
    }
    if config.get_ssl_mode() == postgres::config::SslMode::Require {
        return "sslmode=require asks for TLS, which this build does not speak: use \
                sslmode=prefer or disable on a trusted network, or a local socket or tunnel"
            .into();
    }
    let mut text = e.to_string();
    for cause in causes {
        text.push_str(": ");
        text.push_str(&cause);
    }
    text
}

/// Connects to a server database; creates the schema (and the default framework) in an
/// empty one when `missing` allows; refuses, untouched, a database that holds tables that
/// are not skillgap's.
pub(super) fn open(url: &str, missing: Missing) -> Result<Store> {
    let shown = redact(url);
    let config = config(url, &shown)?;
    let client = config.connect(postgres::NoTls).map_err(|e| {
        StoreError::Invalid(format!(
            "{shown}: cannot connect: {}",
            connect_failure(&e, &config)
        ))
    })?;
    let db = Db::Postgres(Box::new(
        Conn::new(client).ctx(|| format!("{shown}: cannot connect"))?,
    ));
    let at = || format!("{shown}: cannot read the list of tables");
    let tables: Vec<String> = db
        .prepare(
            "SELECT schemaname::text || '.' || tablename::text FROM pg_catalog.pg_tables
             WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
               AND schemaname NOT LIKE 'pg_temp%' AND schemaname NOT LIKE 'pg_toast%'
             ORDER BY 1",
        )
        .and_then(|mut s| s.query_map((), |r| r.get(0)))
        .ctx(at)?
        .collect::<std::result::Result<_, _>>()
        .ctx(at)?;
    let path = PathBuf::from(&shown);
    let foreign: Vec<&String> = tables
        .iter()
        .filter(|t| {
            t.strip_prefix("public.")
                .is_none_or(|name| !OUR_TABLES.contains(&name))
        })
        .collect();
    if !foreign.is_empty() {
        let names: Vec<&str> = foreign.iter().take(3).map(|s| s.as_str()).collect();
        return Err(StoreError::Foreign {
            path,
            why: format!(
                "it holds tables that are not skillgap's ({}{})",
                names.join(", "),
                if foreign.len() > 3 { ", ..." } else { "" }
            ),
        });
    }
    let mut created = false;
    if tables.is_empty() {
        if missing == Missing::Refuse {
            return Err(StoreError::Invalid(format!(
                "{shown}: no skillgap data in this database (create it with `skillgap --db URL init`)"
            )));
        }
        create(&db).map_err(|e| StoreError::Invalid(format!("{shown}: cannot create: {e}")))?;
        created = true;
    }
    let version: Option<String> = db
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            (),
            |r| r.get(0),
        )
        .map(Some)
        .or_else(|e| match e {
            super::db::DbError::Convert(ref s) if s == super::db::NO_ROWS => Ok(None),
            e => Err(e),
        })
        .ctx(|| format!("{shown}: cannot read the schema version"))?;
    let version: i64 = version.and_then(|v| v.parse().ok()).unwrap_or(0);
    if version > PG_SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path,
            found: version,
            known: PG_SCHEMA_VERSION,
        });
    }
    if version < 1 {
        return Err(StoreError::Foreign {
            path,
            why: "its skillgap tables have no schema version".into(),
        });
    }
    if version < PG_SCHEMA_VERSION {
        upgrade(&db, version, &shown)?;
    }
    Ok(Store {
        conn: db,
        path,
        created,
        read_only: false,
        damage: Default::default(),
        url: Some(url.to_string()),
    })
}

/// The schema, the owner (this login) and the default framework, in one transaction.
fn create(db: &Db) -> Result<()> {
    db.transaction(|tx| {
        for sql in MIGRATIONS {
            tx.execute_batch(sql)?;
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?1), ('owner', current_user::text)",
            [PG_SCHEMA_VERSION.to_string()],
        )?;
        crate::framework::Framework::default_framework()
            .map_err(StoreError::Invalid)?
            .apply(tx)
    })
}

/// Brings a database written by an older skillgap (schema `version`) up to this one. Only
/// its owner may (the scripts replace the owner's functions and policies): the owner's open
/// runs the missing scripts in one transaction, all or none; anyone else is refused and
/// told to have the owner open it once. Nothing is backed up first: a failed script leaves
/// the database as it was, and a server's data is copied with its own tools
/// (`BACKUP_REFUSAL`). Two owners' apps opening at once: the second waits on the version's
/// row, then finds the work done.
fn upgrade(db: &Db, version: i64, shown: &str) -> Result<()> {
    let Db::Postgres(c) = db else {
        return Ok(());
    };
    let ctx = || format!("{shown}: cannot upgrade from schema version {version}");
    let owner: Option<String> = db
        .query_row("SELECT value FROM meta WHERE key = 'owner'", (), |r| {
            r.get(0)
        })
        .optional()
        .ctx(ctx)?;
    if owner.as_deref() != Some(c.login.as_str()) {
        return Err(StoreError::Invalid(format!(
            "{shown}: written by an older skillgap (schema version {version}, this one writes {PG_SCHEMA_VERSION}); only its owner ({}) can upgrade it: they open it once with this version (`skillgap --db URL check`)",
            owner.as_deref().unwrap_or("unknown")
        )));
    }
    db.transaction(|tx| {
        let now: String = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version' FOR UPDATE",
                (),
                |r| r.get(0),
            )
            .ctx(ctx)?;
        let now = now.parse::<usize>().unwrap_or(MIGRATIONS.len());
        for sql in MIGRATIONS.iter().skip(now) {
            tx.execute_batch(sql).ctx(ctx)?;
        }
        tx.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
            [PG_SCHEMA_VERSION.to_string()],
        )
        .ctx(ctx)?;
        Ok(())
    })
}

/// A read transaction: one snapshot of the database for everything `f` reads.
pub(super) fn begin_read(c: &Conn) -> Result<()> {
    // The snapshot is taken by the first statement, not by BEGIN: taken here, so that a
    // commit after the read began is not seen (as on SQLite).
    c.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1")
        .ctx(|| "cannot start reading".into())?;
    c.set_autocommit(false);
    Ok(())
}

/// `Store::read_in_parallel` on a server: `beside` on a second session that reads this
/// one's snapshot (`pg_export_snapshot`), in another thread, so that the result is the one
/// reading them one after the other in a read transaction would give. Inside a
/// transaction, or when a second session cannot be had, both run here, one after the other.
pub(super) fn read_in_parallel<A, B: Send>(
    store: &Store,
    here: impl FnOnce(&Db) -> A,
    beside: impl FnOnce(&Db) -> B + Send,
) -> Result<(A, B)> {
    let Db::Postgres(c) = &store.conn else {
        return store.read(|db| (here(db), beside(db)));
    };
    if !c.is_autocommit() {
        return store.read(|db| (here(db), beside(db)));
    }
    // The second session connects while this one begins.
    let reopen = store.reopen();
    let (second, began) = std::thread::scope(|s| {
        let second = s.spawn(|| reopen.open_reader());
        let began = begin_read(c);
        (second.join(), began)
    });
    began?;
    let second = match second {
        Ok(Ok(second)) => second,
        // No second session: both in this session's read transaction.
        _ => {
            let out = (here(&store.conn), beside(&store.conn));
            end_read(c)?;
            return Ok(out);
        }
    };
    let shared = (|| -> super::db::DbResult<()> {
        let Db::Postgres(other) = &second.conn else {
            return Err(super::db::DbError::Convert("not a server session".into()));
        };
        let id: String = c
            .client()
            .query_one("SELECT pg_export_snapshot()", &[])?
            .get(0);
        other.batch(&format!(
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '{}'",
            id.replace('\'', "")
        ))?;
        other.set_autocommit(false);
        Ok(())
    })();
    if shared.is_err() {
        // This session's read transaction is open: both run in it.
        let out = (here(&store.conn), beside(&store.conn));
        end_read(c)?;
        return Ok(out);
    }
    let Store { conn: second, .. } = second;
    super::read_split(&store.conn, second, here, beside)
}

pub(super) fn end_read(c: &Conn) -> Result<()> {
    c.set_autocommit(true);
    c.batch("COMMIT").ctx(|| "cannot finish reading".into())
}

/// Changes when another connection committed since this one last looked (see
/// `Conn::data_version`); with `ask`, as the server has it now (one round trip), else as
/// far as the server has told this connection (no query).
pub(super) fn data_version(c: &Conn, ask: bool) -> Result<i64> {
    c.data_version(ask)
        .ctx(|| "cannot read the data version".into())
}

/// `skillgap check` on a server: the schema version, and the latest-assessment table in
/// step with the history (of the rows this login may see).
pub(super) fn check(db: &Db) -> Result<Vec<String>> {
    let ctx = || "check".to_string();
    let mut problems = Vec::new();
    let version: String = db
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            (),
            |r| r.get(0),
        )
        .ctx(ctx)?;
    if version != PG_SCHEMA_VERSION.to_string() {
        problems.push(format!(
            "schema version {version}, expected {PG_SCHEMA_VERSION}"
        ));
    }
    let drift: i64 = db
        .query_row(
            "SELECT count(*) FROM (
               SELECT DISTINCT ON (person_id, skill_id, source) person_id, skill_id,
                      CASE source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END AS source, id
               FROM assessments ORDER BY person_id, skill_id, source, assessed_on DESC, id DESC
             ) h FULL JOIN assessment_latest l USING (person_id, skill_id, source)
             WHERE h.id IS DISTINCT FROM l.assessment_id",
            (),
            |r| r.get(0),
        )
        .ctx(ctx)?;
    if drift > 0 {
        problems.push(format!("{drift} latest-assessment entries out of step"));
    }
    Ok(problems)
}
