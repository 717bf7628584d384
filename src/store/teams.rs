//! Teams, roles and role targets.

use super::db::{Db, OptionalExtension, params};
use super::error::{Context, Result};
use crate::model::{Id, Role, Target, Team};
use std::collections::HashMap;

pub fn insert_team(c: &Db, name: &str, parent_id: Option<Id>) -> Result<Id> {
    c.execute(
        "INSERT INTO teams (name, parent_id) VALUES (?1, ?2)",
        params![name.trim(), parent_id],
    )
    .ctx(|| format!("cannot add team {name:?}"))?;
    Ok(c.last_insert_rowid())
}

pub fn team_id(c: &Db, name: &str) -> Result<Option<Id>> {
    c.query_row(
        &format!("SELECT id FROM teams WHERE {}", c.nocase_eq("name")),
        [name.trim()],
        |r| r.get(0),
    )
    .optional()
    .ctx(|| format!("cannot look up team {name:?}"))
}

/// The team of that name (case-insensitive), created when missing.
pub fn ensure_team(c: &Db, name: &str) -> Result<Id> {
    match team_id(c, name)? {
        Some(id) => Ok(id),
        None => insert_team(c, name, None),
    }
}

pub fn list_teams(c: &Db) -> Result<Vec<Team>> {
    let ctx = || "cannot read teams".to_string();
    let mut stmt = c
        .prepare("SELECT id, name, parent_id FROM teams ORDER BY name")
        .ctx(ctx)?;
    let rows = stmt
        .query_map((), |r| {
            Ok(Team {
                id: r.get(0)?,
                name: r.get(1)?,
                parent_id: r.get(2)?,
            })
        })
        .ctx(ctx)?;
    rows.collect::<super::db::DbResult<_>>().ctx(ctx)
}

pub fn role_id(c: &Db, name: &str) -> Result<Option<Id>> {
    c.query_row(
        &format!("SELECT id FROM roles WHERE {}", c.nocase_eq("name")),
        [name.trim()],
        |r| r.get(0),
    )
    .optional()
    .ctx(|| format!("cannot look up role {name:?}"))
}

/// The role of that name (case-insensitive), created when missing.
pub fn ensure_role(c: &Db, name: &str) -> Result<Id> {
    if let Some(id) = role_id(c, name)? {
        return Ok(id);
    }
    c.execute("INSERT INTO roles (name) VALUES (?1)", [name.trim()])
        .ctx(|| format!("cannot add role {name:?}"))?;
    Ok(c.last_insert_rowid())
}

pub fn list_roles(c: &Db) -> Result<Vec<Role>> {
    let ctx = || "cannot read roles".to_string();
    let mut stmt = c
        .prepare("SELECT id, name FROM roles ORDER BY name")
        .ctx(ctx)?;
    let rows = stmt
        .query_map((), |r| {
            Ok(Role {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })
        .ctx(ctx)?;
    rows.collect::<super::db::DbResult<_>>().ctx(ctx)
}

pub fn set_role_target(c: &Db, role_id: Id, t: Target) -> Result<()> {
    c.execute(
        "INSERT INTO role_targets (role_id, skill_id, level, weight) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (role_id, skill_id) DO UPDATE SET level = excluded.level, weight = excluded.weight",
        params![role_id, t.skill_id, t.level, t.weight],
    )
    .ctx(|| format!("cannot set a target of role {role_id}"))?;
    Ok(())
}

/// Role id -> its targets.
pub fn role_targets(c: &Db) -> Result<HashMap<Id, Vec<Target>>> {
    targets_by_owner(
        c,
        "SELECT role_id, skill_id, level, weight FROM role_targets",
    )
}

pub(super) fn targets_by_owner(c: &Db, sql: &str) -> Result<HashMap<Id, Vec<Target>>> {
    let ctx = || "cannot read targets".to_string();
    let mut stmt = c.prepare(sql).ctx(ctx)?;
    let mut out: HashMap<Id, Vec<Target>> = HashMap::new();
    stmt.for_each((), |r| {
        out.entry(r.get(0)?).or_default().push(Target {
            skill_id: r.get(1)?,
            level: r.get(2)?,
            weight: r.get(3)?,
        });
        Ok(())
    })
    .ctx(ctx)?;
    Ok(out)
}

/// Renames a team and sets its parent.
pub fn update_team(c: &Db, id: Id, name: &str, parent_id: Option<Id>) -> Result<()> {
    c.execute(
        "UPDATE teams SET name = ?2, parent_id = ?3, version = version + 1 WHERE id = ?1",
        params![id, name.trim(), parent_id],
    )
    .ctx(|| format!("cannot save team {name:?}"))?;
    Ok(())
}

/// What a team's deletion touches: its people and sub-teams stay, without this team.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TeamDependents {
    pub people: i64,
    pub sub_teams: i64,
}

pub fn team_dependents(c: &Db, id: Id) -> Result<TeamDependents> {
    c.query_row(
        "SELECT (SELECT count(*) FROM people WHERE team_id = ?1),
                (SELECT count(*) FROM teams WHERE parent_id = ?1)",
        [id],
        |r| {
            Ok(TeamDependents {
                people: r.get(0)?,
                sub_teams: r.get(1)?,
            })
        },
    )
    .ctx(|| format!("cannot count the members of team {id}"))
}

/// Deletes a team; its people and sub-teams are kept, with no team (no parent).
pub fn delete_team(c: &Db, id: Id) -> Result<()> {
    c.execute("DELETE FROM teams WHERE id = ?1", [id])
        .ctx(|| format!("cannot delete team {id}"))?;
    Ok(())
}

/// Adds a role and returns its id.
pub fn insert_role(c: &Db, name: &str) -> Result<Id> {
    c.execute("INSERT INTO roles (name) VALUES (?1)", [name.trim()])
        .ctx(|| format!("cannot add role {name:?}"))?;
    Ok(c.last_insert_rowid())
}

/// Renames a role and replaces its targets.
pub fn update_role(c: &Db, id: Id, name: &str, targets: &[Target]) -> Result<()> {
    c.execute(
        "UPDATE roles SET name = ?2, version = version + 1 WHERE id = ?1",
        params![id, name.trim()],
    )
    .ctx(|| format!("cannot save role {name:?}"))?;
    set_role_targets(c, id, targets)
}

/// Replaces every target of a role.
pub fn set_role_targets(c: &Db, id: Id, targets: &[Target]) -> Result<()> {
    c.execute("DELETE FROM role_targets WHERE role_id = ?1", [id])
        .ctx(|| format!("cannot clear the targets of role {id}"))?;
    for t in targets {
        set_role_target(c, id, *t)?;
    }
    Ok(())
}

/// What a role's deletion touches: its targets go with it; its people stay, without a role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleDependents {
    pub targets: i64,
    /// Active people with this role.
    pub people: i64,
    /// Archived people with this role.
    pub archived: i64,
}

pub fn role_dependents(c: &Db, id: Id) -> Result<RoleDependents> {
    c.query_row(
        "SELECT (SELECT count(*) FROM role_targets WHERE role_id = ?1),
                (SELECT count(*) FROM people WHERE role_id = ?1 AND NOT archived),
                (SELECT count(*) FROM people WHERE role_id = ?1 AND archived)",
        [id],
        |r| {
            Ok(RoleDependents {
                targets: r.get(0)?,
                people: r.get(1)?,
                archived: r.get(2)?,
            })
        },
    )
    .ctx(|| format!("cannot count the targets and people of role {id}"))
}

/// Deletes a role with its targets; its people are kept, with no role (ON DELETE SET NULL).
pub fn delete_role(c: &Db, id: Id) -> Result<()> {
    c.execute("DELETE FROM roles WHERE id = ?1", [id])
        .ctx(|| format!("cannot delete role {id}"))?;
    Ok(())
}
