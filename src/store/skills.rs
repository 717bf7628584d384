//! Skills and their rubrics.

use super::error::{Context, Result};
use crate::model::{Id, Skill};
use rusqlite::{Connection, OptionalExtension, params};

/// Adds a skill, or updates the one with the same key; returns its id. Rubric lines replace
/// the old ones; empty lines are not stored.
pub fn upsert_skill(c: &Connection, s: &Skill) -> Result<Id> {
    let ctx = || format!("cannot save skill {:?}", s.key);
    let id: Id = c
        .query_row(
            "INSERT INTO skills (key, name, category, description, position)
             VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM skills))
             ON CONFLICT (key) DO UPDATE SET name = excluded.name, category = excluded.category,
                 description = excluded.description,
                 -- Raised only by a real change: importing the same file twice changes nothing.
                 version = version + (name IS NOT excluded.name OR category IS NOT excluded.category
                     OR description IS NOT excluded.description)
             RETURNING id",
            params![s.key, s.name, s.category, s.description],
            |r| r.get(0),
        )
        .ctx(ctx)?;
    set_levels(c, id, &s.levels).ctx(ctx)?;
    Ok(id)
}

fn set_levels(c: &Connection, id: Id, levels: &[String]) -> rusqlite::Result<()> {
    c.execute("DELETE FROM skill_levels WHERE skill_id = ?1", [id])?;
    for (i, line) in levels.iter().enumerate().take(5) {
        if !line.trim().is_empty() {
            c.execute(
                "INSERT INTO skill_levels (skill_id, level, description) VALUES (?1, ?2, ?3)",
                params![id, i as i64 + 1, line],
            )?;
        }
    }
    Ok(())
}

/// Saves every field of an existing skill (its key too) and replaces its rubric.
pub fn update_skill(c: &Connection, s: &Skill) -> Result<()> {
    let ctx = || format!("cannot save skill {:?}", s.key);
    c.execute(
        "UPDATE skills SET key = ?2, name = ?3, category = ?4, description = ?5,
             version = version + 1 WHERE id = ?1",
        params![s.id, s.key, s.name, s.category, s.description],
    )
    .ctx(ctx)?;
    set_levels(c, s.id, &s.levels).ctx(ctx)
}

/// What goes with a skill when it is deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SkillDependents {
    pub assessments: i64,
    pub targets: i64,
    pub trainings: i64,
}

pub fn skill_dependents(c: &Connection, id: Id) -> Result<SkillDependents> {
    c.query_row(
        "SELECT (SELECT count(*) FROM assessments WHERE skill_id = ?1),
                (SELECT count(*) FROM role_targets WHERE skill_id = ?1)
                  + (SELECT count(*) FROM person_targets WHERE skill_id = ?1),
                (SELECT count(*) FROM training_skills WHERE skill_id = ?1)",
        [id],
        |r| {
            Ok(SkillDependents {
                assessments: r.get(0)?,
                targets: r.get(1)?,
                trainings: r.get(2)?,
            })
        },
    )
    .ctx(|| format!("cannot count the records of skill {id}"))
}

/// Deletes a skill with its rubric, assessments, targets, training links and note tags.
pub fn delete_skill(c: &Connection, id: Id) -> Result<()> {
    c.execute("DELETE FROM skills WHERE id = ?1", [id])
        .ctx(|| format!("cannot delete skill {id}"))?;
    Ok(())
}

/// A skill id by key, else by name (case-insensitive).
pub fn skill_id(c: &Connection, key_or_name: &str) -> Result<Option<Id>> {
    let k = key_or_name.trim();
    c.query_row(
        "SELECT id FROM skills WHERE key = ?1
         UNION ALL SELECT id FROM skills WHERE name = ?1 COLLATE NOCASE LIMIT 1",
        [k],
        |r| r.get(0),
    )
    .optional()
    .ctx(|| format!("cannot look up skill {k:?}"))
}

/// Every skill in framework order, with its rubric (five lines, "" where none).
pub fn list_skills(c: &Connection) -> Result<Vec<Skill>> {
    let ctx = || "cannot read skills".to_string();
    let mut stmt = c
        .prepare("SELECT id, key, name, category, description FROM skills ORDER BY position, id")
        .ctx(ctx)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Skill {
                id: r.get(0)?,
                key: r.get(1)?,
                name: r.get(2)?,
                category: r.get(3)?,
                description: r.get(4)?,
                levels: vec![String::new(); 5],
            })
        })
        .ctx(ctx)?;
    let mut skills: Vec<Skill> = rows.collect::<rusqlite::Result<_>>().ctx(ctx)?;
    let index: std::collections::HashMap<Id, usize> =
        skills.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let mut stmt = c
        .prepare("SELECT skill_id, level, description FROM skill_levels")
        .ctx(ctx)?;
    let mut rows = stmt.query([]).ctx(ctx)?;
    while let Some(r) = rows.next().ctx(ctx)? {
        let (id, level, text): (Id, i64, String) =
            (r.get(0).ctx(ctx)?, r.get(1).ctx(ctx)?, r.get(2).ctx(ctx)?);
        if let (Some(&i), 1..=5) = (index.get(&id), level) {
            skills[i].levels[level as usize - 1] = text;
        }
    }
    Ok(skills)
}
