//! People, their target overrides, lookup by email or name, and erasure.

use super::db::{Db, OptionalExtension, params};
use super::error::{Context, Result, StoreError};
use crate::model::{Id, Person, Target};
use std::collections::HashMap;

/// Adds a person (the `id` field is ignored) and returns the new id.
pub fn insert_person(c: &Db, p: &Person) -> Result<Id> {
    c.execute(
        "INSERT INTO people (name, email, team_id, role_id, joined_on, archived)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            p.name.trim(),
            p.email.as_deref().map(str::trim).filter(|e| !e.is_empty()),
            p.team_id,
            p.role_id,
            p.joined_on,
            p.archived
        ],
    )
    .ctx(|| format!("cannot add person {:?}", p.name))?;
    Ok(c.last_insert_rowid())
}

/// Saves every field of an existing person.
pub fn update_person(c: &Db, p: &Person) -> Result<()> {
    c.execute(
        "UPDATE people SET name = ?2, email = ?3, team_id = ?4, role_id = ?5, joined_on = ?6,
             archived = ?7, version = version + 1 WHERE id = ?1",
        params![
            p.id,
            p.name.trim(),
            p.email.as_deref().map(str::trim).filter(|e| !e.is_empty()),
            p.team_id,
            p.role_id,
            p.joined_on,
            p.archived
        ],
    )
    .ctx(|| format!("cannot save person {:?}", p.name))?;
    Ok(())
}

fn row_to_person(r: &super::db::Row<'_>) -> super::db::DbResult<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        team_id: r.get(3)?,
        role_id: r.get(4)?,
        joined_on: super::records::opt_iso_date(r, 5)?,
        archived: r.get(6)?,
    })
}

const PERSON_COLUMNS: &str = "id, name, email, team_id, role_id, joined_on, archived";

/// Everyone, by name (byte order, as SQLite's `ORDER BY name`), then id.
pub fn list_people(c: &Db) -> Result<Vec<Person>> {
    let ctx = || "cannot read people".to_string();
    // Read in table order and sorted here: ordering by the name index would look up every
    // row by id, which costs more than the sort at 10,000 people.
    let mut stmt = c
        .prepare(&format!("SELECT {PERSON_COLUMNS} FROM people"))
        .ctx(ctx)?;
    let rows = stmt.query_map((), row_to_person).ctx(ctx)?;
    let mut people: Vec<Person> = rows.collect::<super::db::DbResult<_>>().ctx(ctx)?;
    people.sort_unstable_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
    Ok(people)
}

/// How many people there are, archived ones included.
pub fn count_people(c: &Db) -> Result<i64> {
    c.query_row("SELECT count(*) FROM people", (), |r| r.get(0))
        .ctx(|| "cannot count people".into())
}

/// How many active (not archived) people each team holds, without its sub-teams (`None`:
/// people in no team).
pub fn active_per_team(c: &Db) -> Result<Vec<(Option<Id>, i64)>> {
    let ctx = || "cannot count people per team".to_string();
    let mut stmt = c
        .prepare("SELECT team_id, count(*) FROM people WHERE NOT archived GROUP BY team_id")
        .ctx(ctx)?;
    let rows = stmt
        .query_map((), |r| Ok((r.get(0)?, r.get(1)?)))
        .ctx(ctx)?;
    rows.collect::<super::db::DbResult<_>>().ctx(ctx)
}

pub fn get_person(c: &Db, id: Id) -> Result<Option<Person>> {
    c.query_row(
        &format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1"),
        [id],
        row_to_person,
    )
    .optional()
    .ctx(|| format!("cannot read person {id}"))
}

/// A person by email (case-insensitive), else by exact name. A name that fits two people is
/// an error, not a guess.
pub fn find_person(c: &Db, email_or_name: &str) -> Result<Option<Id>> {
    let key = email_or_name.trim();
    let ctx = || format!("cannot look up person {key:?}");
    if let Some(id) = c
        .query_row(
            &format!("SELECT id FROM people WHERE {}", c.nocase_eq("email")),
            [key],
            |r| r.get(0),
        )
        .optional()
        .ctx(ctx)?
    {
        return Ok(Some(id));
    }
    let mut stmt = c
        .prepare_cached("SELECT id FROM people WHERE name = ?1 LIMIT 2")
        .ctx(ctx)?;
    let ids: Vec<Id> = stmt
        .query_map([key], |r| r.get(0))
        .ctx(ctx)?
        .collect::<super::db::DbResult<_>>()
        .ctx(ctx)?;
    match ids.as_slice() {
        [] => Ok(None),
        [id] => Ok(Some(*id)),
        _ => Err(StoreError::Invalid(format!(
            "{key:?} names more than one person; use their email"
        ))),
    }
}

/// Sets a person's own target for a skill (level 0 removes the role's target).
pub fn set_override(c: &Db, person_id: Id, t: Target) -> Result<()> {
    c.execute(
        "INSERT INTO person_targets (person_id, skill_id, level, weight) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (person_id, skill_id) DO UPDATE SET level = excluded.level, weight = excluded.weight",
        params![person_id, t.skill_id, t.level, t.weight],
    )
    .ctx(|| format!("cannot set a target of person {person_id}"))?;
    Ok(())
}

pub fn clear_override(c: &Db, person_id: Id, skill_id: Id) -> Result<()> {
    c.execute(
        "DELETE FROM person_targets WHERE person_id = ?1 AND skill_id = ?2",
        [person_id, skill_id],
    )
    .ctx(|| format!("cannot clear a target of person {person_id}"))?;
    Ok(())
}

/// Person id -> their target overrides.
pub fn overrides(c: &Db) -> Result<HashMap<Id, Vec<Target>>> {
    super::teams::targets_by_owner(
        c,
        "SELECT person_id, skill_id, level, weight FROM person_targets",
    )
}

/// What goes with a person when they are deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dependents {
    pub assessments: i64,
    pub offers: i64,
    pub notes: i64,
}

pub fn dependents(c: &Db, person_id: Id) -> Result<Dependents> {
    c.query_row(
        "SELECT (SELECT count(*) FROM assessments WHERE person_id = ?1),
                (SELECT count(*) FROM offers WHERE person_id = ?1),
                (SELECT count(*) FROM notes WHERE person_id = ?1)",
        [person_id],
        |r| {
            Ok(Dependents {
                assessments: r.get(0)?,
                offers: r.get(1)?,
                notes: r.get(2)?,
            })
        },
    )
    .ctx(|| format!("cannot count the records of person {person_id}"))
}

/// Deletes a person with their assessments, offers, notes and overrides (right to erasure).
/// secure_delete is on, so the freed pages are zeroed and the text does not linger.
pub fn delete_person(c: &Db, person_id: Id) -> Result<Dependents> {
    let deps = dependents(c, person_id)?;
    c.execute("DELETE FROM people WHERE id = ?1", [person_id])
        .ctx(|| format!("cannot delete person {person_id}"))?;
    Ok(deps)
}
