//! Skills and their rubrics.

use super::db::{Db, OptionalExtension, params};
use super::error::{Context, Result};
use crate::model::{Id, Skill};

/// Adds a skill, or updates the one with the same key; returns its id. Rubric lines replace
/// the old ones; empty lines are not stored.
pub fn upsert_skill(c: &Db, s: &Skill) -> Result<Id> {
    let ctx = || format!("cannot save skill {:?}", s.key);
    let id: Id = c
        .query_row(
            "INSERT INTO skills (key, name, category, description, position)
             VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM skills))
             ON CONFLICT (key) DO UPDATE SET name = excluded.name, category = excluded.category,
                 description = excluded.description,
                 -- Raised only by a real change: importing the same file twice changes nothing.
                 version = skills.version + CASE WHEN skills.name IS DISTINCT FROM excluded.name
                     OR skills.category IS DISTINCT FROM excluded.category
                     OR skills.description IS DISTINCT FROM excluded.description THEN 1 ELSE 0 END
             RETURNING id",
            params![s.key, s.name, s.category, s.description],
            |r| r.get(0),
        )
        .ctx(ctx)?;
    set_levels(c, id, &s.levels).ctx(ctx)?;
    Ok(id)
}

fn set_levels(c: &Db, id: Id, levels: &[String]) -> super::db::DbResult<()> {
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
pub fn update_skill(c: &Db, s: &Skill) -> Result<()> {
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

pub fn skill_dependents(c: &Db, id: Id) -> Result<SkillDependents> {
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
pub fn delete_skill(c: &Db, id: Id) -> Result<()> {
    c.execute("DELETE FROM skills WHERE id = ?1", [id])
        .ctx(|| format!("cannot delete skill {id}"))?;
    Ok(())
}

/// A skill id by key, else by name (case-insensitive).
pub fn skill_id(c: &Db, key_or_name: &str) -> Result<Option<Id>> {
    let k = key_or_name.trim();
    c.query_row(
        &format!(
            "SELECT id FROM skills WHERE key = ?1
             UNION ALL SELECT id FROM skills WHERE {} LIMIT 1",
            c.nocase_eq("name")
        ),
        [k],
        |r| r.get(0),
    )
    .optional()
    .ctx(|| format!("cannot look up skill {k:?}"))
}

/// Every skill in framework order, with its rubric (five lines, "" where none).
pub fn list_skills(c: &Db) -> Result<Vec<Skill>> {
    let ctx = || "cannot read skills".to_string();
    let mut stmt = c
        .prepare("SELECT id, key, name, category, description FROM skills ORDER BY position, id")
        .ctx(ctx)?;
    let rows = stmt
        .query_map((), |r| {
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
    let mut skills: Vec<Skill> = rows.collect::<super::db::DbResult<_>>().ctx(ctx)?;
    let index: std::collections::HashMap<Id, usize> =
        skills.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let mut stmt = c
        .prepare("SELECT skill_id, level, description FROM skill_levels")
        .ctx(ctx)?;
    stmt.for_each((), |r| {
        let (id, level, text): (Id, i64, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        if let (Some(&i), 1..=5) = (index.get(&id), level) {
            skills[i].levels[level as usize - 1] = text;
        }
        Ok(())
    })
    .ctx(ctx)?;
    Ok(skills)
}

/// Records the name of the framework loaded last.
pub fn set_framework_name(c: &Db, name: &str) -> Result<()> {
    c.execute(
        "INSERT INTO meta (key, value) VALUES ('framework', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [name],
    )
    .ctx(|| "cannot record the framework name".into())?;
    Ok(())
}
