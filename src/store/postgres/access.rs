//! `skillgap access`: who may see and change what on a server. A grant is a row of
//! `access_grants` (read by the row-level security policies) plus the table privileges a
//! login needs at all; the policies decide which rows.

use crate::store::db::Db;
use crate::store::error::{Context, Result, StoreError};
use crate::store::{Store, teams};

/// What a grant covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// A team and all its sub-teams: their people and everything recorded about them.
    Team(String),
    /// Reads everything, edits the catalog.
    Org,
}

/// One grant, as `access list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub login: String,
    pub scope: Scope,
}

/// The tables a granted login reads and writes (rows filtered by the policies).
const DATA_TABLES: &str = "teams, skills, skill_levels, roles, role_targets, people, person_targets, assessments, assessment_latest, trainings, training_skills, offers, notes, note_skills";

fn quote_ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// True when this login owns the database (ran `init`).
pub fn is_owner(store: &Store) -> Result<bool> {
    let db = store.conn();
    if !db.is_postgres() {
        return Ok(true);
    }
    db.query_row("SELECT skillgap_is_owner(current_user::text)", (), |r| {
        r.get(0)
    })
    .ctx(|| "cannot read who owns this database".into())
}

fn server(store: &Store) -> Result<&Db> {
    let db = store.conn();
    if !db.is_postgres() {
        return Err(StoreError::Invalid(
            "access applies to a PostgreSQL database only; an SQLite file is private to whoever can read it".into(),
        ));
    }
    let owner: bool = db
        .query_row("SELECT skillgap_is_owner(current_user::text)", (), |r| {
            r.get(0)
        })
        .ctx(|| "cannot read who owns this database".into())?;
    if !owner {
        return Err(StoreError::Invalid(
            "only the database's owner (the login that ran `skillgap init`) manages access".into(),
        ));
    }
    Ok(db)
}

fn existing_login(db: &Db, login: &str) -> Result<()> {
    let known: i64 = db
        .query_row(
            "SELECT count(*) FROM pg_roles WHERE rolname = ?1 AND rolcanlogin",
            [login],
            |r| r.get(0),
        )
        .ctx(|| format!("cannot look up login {login:?}"))?;
    if known == 0 {
        return Err(StoreError::Invalid(format!(
            "{login:?} is not a PostgreSQL login; the database administrator creates it first (CREATE ROLE ... LOGIN)"
        )));
    }
    Ok(())
}

/// Grants LOGIN a team (with its sub-teams) or the whole organisation.
pub fn grant(store: &Store, login: &str, scope: &Scope) -> Result<()> {
    let db = server(store)?;
    existing_login(db, login)?;
    db.transaction(|tx| {
        match scope {
            Scope::Team(name) => {
                let team = teams::team_id(tx, name)?
                    .ok_or_else(|| StoreError::Invalid(format!("no team {name:?}")))?;
                tx.execute(
                    "INSERT INTO access_grants (login, team_id, org) VALUES (?1, ?2, false)
                     ON CONFLICT DO NOTHING",
                    crate::store::db::params![login, team],
                )
                .ctx(|| format!("cannot grant {login:?} team {name:?}"))?;
            }
            Scope::Org => {
                tx.execute(
                    "INSERT INTO access_grants (login, team_id, org) VALUES (?1, NULL, true)
                     ON CONFLICT DO NOTHING",
                    [login],
                )
                .ctx(|| format!("cannot grant {login:?} the organisation"))?;
            }
        }
        let who = quote_ident(login);
        tx.execute_batch(&format!(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON {DATA_TABLES} TO {who};
             GRANT SELECT ON meta, changes TO {who};"
        ))
        .ctx(|| format!("cannot give {login:?} the table privileges"))?;
        Ok(())
    })
}

/// Takes back one grant, or every grant of LOGIN; a login left with none loses the table
/// privileges too.
pub fn revoke(store: &Store, login: &str, scope: Option<&Scope>) -> Result<usize> {
    let db = server(store)?;
    db.transaction(|tx| {
        let n = match scope {
            None => tx.execute("DELETE FROM access_grants WHERE login = ?1", [login]),
            Some(Scope::Org) => tx.execute(
                "DELETE FROM access_grants WHERE login = ?1 AND org",
                [login],
            ),
            Some(Scope::Team(name)) => {
                let team = teams::team_id(tx, name)?
                    .ok_or_else(|| StoreError::Invalid(format!("no team {name:?}")))?;
                tx.execute(
                    "DELETE FROM access_grants WHERE login = ?1 AND team_id = ?2",
                    crate::store::db::params![login, team],
                )
            }
        }
        .ctx(|| format!("cannot revoke access of {login:?}"))?;
        let left: i64 = tx
            .query_row(
                "SELECT count(*) FROM access_grants WHERE login = ?1",
                [login],
                |r| r.get(0),
            )
            .ctx(|| format!("cannot revoke access of {login:?}"))?;
        if left == 0 {
            let who = quote_ident(login);
            tx.execute_batch(&format!(
                "REVOKE ALL ON {DATA_TABLES}, meta, changes FROM {who};"
            ))
            .ctx(|| format!("cannot take the table privileges of {login:?}"))?;
        }
        Ok(n)
    })
}

/// Every grant, by login.
pub fn list(store: &Store) -> Result<Vec<Grant>> {
    let db = server(store)?;
    let ctx = || "cannot read the grants".to_string();
    let rows = db
        .prepare(
            "SELECT g.login, t.name, g.org FROM access_grants g LEFT JOIN teams t ON t.id = g.team_id
             ORDER BY g.login, g.org DESC, t.name",
        )
        .and_then(|mut s| {
            s.query_map((), |r| {
                let org: bool = r.get(2)?;
                let team: Option<String> = r.get(1)?;
                Ok(Grant {
                    login: r.get(0)?,
                    scope: match (org, team) {
                        (true, _) | (false, None) => Scope::Org,
                        (false, Some(t)) => Scope::Team(t),
                    },
                })
            })
        })
        .ctx(ctx)?;
    rows.collect::<std::result::Result<_, _>>().ctx(ctx)
}

/// What this login may see, in one line (the app's status and `access list` for anyone).
pub fn describe_own(store: &Store) -> Result<Option<String>> {
    let db = store.conn();
    let super::super::db::Db::Postgres(c) = db else {
        return Ok(None);
    };
    let login = c.login.clone();
    let (owner, org): (bool, bool) = db
        .query_row(
            "SELECT skillgap_is_owner(current_user::text), skillgap_reads_all(current_user::text)",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ctx(|| "cannot read this login's access".into())?;
    if owner {
        return Ok(Some(format!("{login}: owner (everything)")));
    }
    if org {
        return Ok(Some(format!("{login}: reads the whole organisation")));
    }
    let teams = teams::list_teams(db)?;
    if teams.is_empty() {
        return Ok(Some(format!("{login}: no access granted")));
    }
    let names: Vec<String> = teams.into_iter().map(|t| t.name).collect();
    Ok(Some(format!("{login}: teams {}", names.join(", "))))
}
