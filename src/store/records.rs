//! Assessments, trainings, offers and notes.

use super::db::{Db, OptionalExtension, params};
use super::error::{Context, Result};
use crate::model::{Assessment, Id, Note, Offer, Rating, Training};
use std::collections::HashMap;

/// Adds an assessment (its `rating.id` is ignored) and returns the new id. History is never
/// overwritten: every call adds a row.
pub fn insert_assessment(c: &Db, a: &Assessment) -> Result<Id> {
    let r = &a.rating;
    let mut stmt = c
        .prepare_cached(
            "INSERT INTO assessments (person_id, skill_id, level, source, assessed_on, score,
                 max_score, assessor, evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .ctx(|| "cannot prepare to add an assessment".into())?;
    stmt.execute(params![
        r.person_id,
        r.skill_id,
        r.level,
        r.source,
        r.assessed_on,
        a.score,
        a.max_score,
        a.assessor,
        a.evidence
    ])
    .ctx(|| format!("cannot add an assessment of person {}", r.person_id))?;
    Ok(c.last_insert_rowid())
}

/// Corrects an existing assessment (a typo in level, date, source or evidence); the
/// trigger keeps `assessment_latest` right.
pub fn update_assessment(c: &Db, a: &Assessment) -> Result<()> {
    let r = &a.rating;
    let n = c
        .execute(
            "UPDATE assessments SET person_id = ?2, skill_id = ?3, level = ?4, source = ?5,
                 assessed_on = ?6, score = ?7, max_score = ?8, assessor = ?9, evidence = ?10,
                 version = version + 1
             WHERE id = ?1",
            params![
                r.id,
                r.person_id,
                r.skill_id,
                r.level,
                r.source,
                r.assessed_on,
                a.score,
                a.max_score,
                a.assessor,
                a.evidence
            ],
        )
        .ctx(|| format!("cannot save assessment {}", r.id))?;
    gone(n, || format!("assessment {} no longer exists", r.id))
}

/// Deletes one assessment; the person's latest level falls back to the one before.
pub fn delete_assessment(c: &Db, id: Id) -> Result<()> {
    let n = c
        .execute("DELETE FROM assessments WHERE id = ?1", [id])
        .ctx(|| format!("cannot delete assessment {id}"))?;
    gone(n, || format!("assessment {id} no longer exists"))
}

/// Deletes one offer.
pub fn delete_offer(c: &Db, id: Id) -> Result<()> {
    let n = c
        .execute("DELETE FROM offers WHERE id = ?1", [id])
        .ctx(|| format!("cannot delete offer {id}"))?;
    gone(n, || format!("offer {id} no longer exists"))
}

/// An update or delete that touched no row: the record was removed meanwhile (by another
/// process or an undo), and the user is told instead of a silent no-op.
fn gone(rows: usize, what: impl FnOnce() -> String) -> Result<()> {
    if rows == 0 {
        return Err(super::error::StoreError::Invalid(what()));
    }
    Ok(())
}

pub(super) fn row_to_rating(r: &super::db::Row<'_>) -> super::db::DbResult<Rating> {
    Ok(Rating {
        id: r.get(0)?,
        person_id: r.get(1)?,
        skill_id: r.get(2)?,
        level: r.get(3)?,
        source: r.get(4)?,
        assessed_on: iso_date(r, 5)?,
    })
}

/// Like `iso_date`, for a nullable column.
pub(super) fn opt_iso_date(
    r: &super::db::Row<'_>,
    idx: usize,
) -> super::db::DbResult<Option<chrono::NaiveDate>> {
    r.get(idx)
}

/// A date column (ISO text on SQLite, `date` on PostgreSQL).
pub(super) fn iso_date(
    r: &super::db::Row<'_>,
    idx: usize,
) -> super::db::DbResult<chrono::NaiveDate> {
    r.get(idx)
}

/// One person's whole assessment history, oldest first.
pub fn person_history(c: &Db, person_id: Id) -> Result<Vec<Assessment>> {
    let ctx = || format!("cannot read the assessments of person {person_id}");
    let mut stmt = c
        .prepare_cached(
            "SELECT id, person_id, skill_id, level, source, assessed_on, score, max_score,
                    assessor, evidence
             FROM assessments WHERE person_id = ?1 ORDER BY assessed_on, id",
        )
        .ctx(ctx)?;
    let rows = stmt
        .query_map([person_id], |r| {
            Ok(Assessment {
                rating: row_to_rating(r)?,
                score: r.get(6)?,
                max_score: r.get(7)?,
                assessor: r.get(8)?,
                evidence: r.get(9)?,
            })
        })
        .ctx(ctx)?;
    rows.collect::<super::db::DbResult<_>>().ctx(ctx)
}

pub fn training_id(c: &Db, title: &str) -> Result<Option<Id>> {
    c.query_row(
        &format!("SELECT id FROM trainings WHERE {}", c.nocase_eq("title")),
        [title.trim()],
        |r| r.get(0),
    )
    .optional()
    .ctx(|| format!("cannot look up training {title:?}"))
}

/// Adds a training, or updates the one with the same title (case-insensitive); the skills it
/// develops replace the old list.
pub fn upsert_training(c: &Db, t: &Training) -> Result<Id> {
    let ctx = || format!("cannot save training {:?}", t.title);
    let id: Id = c
        .query_row(
            &format!(
                "INSERT INTO trainings (title, provider, url, hours) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT ({}) DO UPDATE SET provider = excluded.provider, url = excluded.url,
                     hours = excluded.hours,
                     -- Raised only by a real change: importing the same file twice changes nothing.
                     version = trainings.version + CASE WHEN trainings.provider IS DISTINCT FROM excluded.provider
                         OR trainings.url IS DISTINCT FROM excluded.url
                         OR trainings.hours IS DISTINCT FROM excluded.hours THEN 1 ELSE 0 END
                 RETURNING id",
                // The unique index that ignores case: the column itself on SQLite (COLLATE
                // NOCASE), lower(title) on PostgreSQL.
                if c.is_postgres() {
                    "lower(title)"
                } else {
                    "title"
                }
            ),
            params![t.title.trim(), t.provider, t.url, t.hours],
            |r| r.get(0),
        )
        .ctx(ctx)?;
    c.execute("DELETE FROM training_skills WHERE training_id = ?1", [id])
        .ctx(ctx)?;
    for (skill, level) in &t.develops {
        c.execute(
            "INSERT INTO training_skills (training_id, skill_id, level) VALUES (?1, ?2, ?3)
             ON CONFLICT (training_id, skill_id) DO UPDATE SET level = excluded.level",
            params![id, skill, level],
        )
        .ctx(ctx)?;
    }
    Ok(id)
}

pub fn list_trainings(c: &Db) -> Result<Vec<Training>> {
    let ctx = || "cannot read trainings".to_string();
    let mut develops: HashMap<Id, Vec<(Id, u8)>> = HashMap::new();
    let mut stmt = c
        .prepare("SELECT training_id, skill_id, level FROM training_skills ORDER BY skill_id")
        .ctx(ctx)?;
    stmt.for_each((), |r| {
        develops
            .entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?));
        Ok(())
    })
    .ctx(ctx)?;
    let mut stmt = c
        .prepare("SELECT id, title, provider, url, hours FROM trainings ORDER BY title")
        .ctx(ctx)?;
    let rows = stmt
        .query_map((), |r| {
            let id: Id = r.get(0)?;
            Ok(Training {
                id,
                title: r.get(1)?,
                provider: r.get(2)?,
                url: r.get(3)?,
                hours: r.get(4)?,
                develops: develops.remove(&id).unwrap_or_default(),
            })
        })
        .ctx(ctx)?;
    rows.collect::<super::db::DbResult<_>>().ctx(ctx)
}

/// Adds an offer (its `id` is ignored) and returns the new id.
pub fn insert_offer(c: &Db, o: &Offer) -> Result<Id> {
    c.prepare_cached(
        "INSERT INTO offers (person_id, training_id, status, offered_on, due_on, completed_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .and_then(|mut s| {
        s.execute(params![
            o.person_id,
            o.training_id,
            o.status,
            o.offered_on,
            o.due_on,
            o.completed_on
        ])
    })
    .ctx(|| format!("cannot add an offer to person {}", o.person_id))?;
    Ok(c.last_insert_rowid())
}

/// Saves status and dates of an existing offer.
pub fn update_offer(c: &Db, o: &Offer) -> Result<()> {
    c.execute(
        "UPDATE offers SET person_id = ?2, training_id = ?3, status = ?4, offered_on = ?5,
             due_on = ?6, completed_on = ?7, version = version + 1 WHERE id = ?1",
        params![
            o.id,
            o.person_id,
            o.training_id,
            o.status,
            o.offered_on,
            o.due_on,
            o.completed_on
        ],
    )
    .ctx(|| format!("cannot save offer {}", o.id))?;
    Ok(())
}

/// Every offer, by offered_on, then id.
pub fn list_offers(c: &Db) -> Result<Vec<Offer>> {
    offers_where(c, "", &[])
}

/// One person's offers, in the order of `list_offers`.
pub fn offers_of(c: &Db, person_id: Id) -> Result<Vec<Offer>> {
    offers_where(c, "WHERE person_id = ?1", &[&person_id])
}

fn offers_where(c: &Db, filter: &str, params: &[&dyn super::db::Param]) -> Result<Vec<Offer>> {
    let ctx = || "cannot read offers".to_string();
    let mut stmt = c
        .prepare(&format!(
            "SELECT id, person_id, training_id, status, offered_on, due_on, completed_on
             FROM offers {filter}"
        ))
        .ctx(ctx)?;
    let rows = stmt
        .query_map(params, |r| {
            Ok(Offer {
                id: r.get(0)?,
                person_id: r.get(1)?,
                training_id: r.get(2)?,
                status: r.get(3)?,
                offered_on: iso_date(r, 4)?,
                due_on: opt_iso_date(r, 5)?,
                completed_on: opt_iso_date(r, 6)?,
            })
        })
        .ctx(ctx)?;
    let mut offers: Vec<Offer> = rows.collect::<super::db::DbResult<_>>().ctx(ctx)?;
    // Sorted here rather than by SQLite, which would sort them in a temporary b-tree.
    offers.sort_unstable_by_key(|o| (o.offered_on, o.id));
    Ok(offers)
}

/// Adds a note (its `id` is ignored) with its skill tags and returns the new id. Its
/// author is who writes it (`Db::author`), whatever `n.author` says.
pub fn insert_note(c: &Db, n: &Note) -> Result<Id> {
    let ctx = || format!("cannot add a note for person {}", n.person_id);
    c.execute(
        "INSERT INTO notes (person_id, date, body, private, author) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![n.person_id, n.date, n.body, n.private, c.author()],
    )
    .ctx(ctx)?;
    let id = c.last_insert_rowid();
    set_note_skills(c, id, &n.skill_ids)?;
    Ok(id)
}

/// Saves date, body, privacy and tags of an existing note (its author stays).
pub fn update_note(c: &Db, n: &Note) -> Result<()> {
    c.execute(
        "UPDATE notes SET person_id = ?2, date = ?3, body = ?4, private = ?5,
             version = version + 1 WHERE id = ?1",
        params![n.id, n.person_id, n.date, n.body, n.private],
    )
    .ctx(|| format!("cannot save note {}", n.id))?;
    set_note_skills(c, n.id, &n.skill_ids)
}

fn set_note_skills(c: &Db, note_id: Id, skills: &[Id]) -> Result<()> {
    let ctx = || format!("cannot tag note {note_id}");
    c.execute("DELETE FROM note_skills WHERE note_id = ?1", [note_id])
        .ctx(ctx)?;
    for s in skills {
        c.execute(
            "INSERT INTO note_skills (note_id, skill_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            [note_id, *s],
        )
        .ctx(ctx)?;
    }
    Ok(())
}

/// Notes newest first (by date, then the one recorded last). Private notes only when asked
/// for.
pub fn list_notes(c: &Db, include_private: bool) -> Result<Vec<Note>> {
    notes_where(c, include_private, None)
}

/// One person's notes (private ones included), in the order of `list_notes`.
pub fn notes_of(c: &Db, person_id: Id) -> Result<Vec<Note>> {
    notes_where(c, true, Some(person_id))
}

fn notes_where(c: &Db, include_private: bool, person: Option<Id>) -> Result<Vec<Note>> {
    let ctx = || "cannot read notes".to_string();
    let mut tags: HashMap<Id, Vec<Id>> = HashMap::new();
    let person_id = person.unwrap_or_default();
    let (tag_sql, note_sql, params): (&str, &str, &[&dyn super::db::Param]) = match person {
        None => (
            "SELECT note_id, skill_id FROM note_skills ORDER BY skill_id",
            "SELECT id, person_id, date, body, private, author FROM notes WHERE NOT private OR ?1",
            &[],
        ),
        Some(_) => (
            "SELECT ns.note_id, ns.skill_id FROM note_skills ns JOIN notes n ON n.id = ns.note_id
             WHERE n.person_id = ?1 ORDER BY ns.skill_id",
            "SELECT id, person_id, date, body, private, author FROM notes
             WHERE (NOT private OR ?1) AND person_id = ?2",
            &[&person_id],
        ),
    };
    let mut stmt = c.prepare(tag_sql).ctx(ctx)?;
    stmt.for_each(params, |r| {
        tags.entry(r.get(0)?).or_default().push(r.get(1)?);
        Ok(())
    })
    .ctx(ctx)?;
    let mut stmt = c.prepare(note_sql).ctx(ctx)?;
    let note_params: Vec<&dyn super::db::Param> = match person {
        None => vec![&include_private],
        Some(_) => vec![&include_private, &person_id],
    };
    let rows = stmt
        .query_map(note_params.as_slice(), |r| {
            let id: Id = r.get(0)?;
            Ok(Note {
                id,
                person_id: r.get(1)?,
                date: r.get(2)?,
                body: r.get(3)?,
                private: r.get(4)?,
                skill_ids: tags.remove(&id).unwrap_or_default(),
                author: r.get(5)?,
            })
        })
        .ctx(ctx)?;
    let mut notes: Vec<Note> = rows.collect::<super::db::DbResult<_>>().ctx(ctx)?;
    // Sorted here: ordering by the date index would look up every note by id.
    notes.sort_unstable_by_key(|n| std::cmp::Reverse((n.date, n.id)));
    notes.shrink_to_fit();
    Ok(notes)
}

/// Deletes a note with its skill tags.
pub fn delete_note(c: &Db, id: Id) -> Result<()> {
    c.execute("DELETE FROM notes WHERE id = ?1", [id])
        .ctx(|| format!("cannot delete note {id}"))?;
    Ok(())
}

/// Saves every field of an existing training (its title too); the skills it develops
/// replace the old list.
pub fn update_training(c: &Db, t: &Training) -> Result<()> {
    let ctx = || format!("cannot save training {:?}", t.title);
    c.execute(
        "UPDATE trainings SET title = ?2, provider = ?3, url = ?4, hours = ?5,
             version = version + 1 WHERE id = ?1",
        params![t.id, t.title.trim(), t.provider, t.url, t.hours],
    )
    .ctx(ctx)?;
    c.execute("DELETE FROM training_skills WHERE training_id = ?1", [t.id])
        .ctx(ctx)?;
    for (skill, level) in &t.develops {
        c.execute(
            "INSERT INTO training_skills (training_id, skill_id, level) VALUES (?1, ?2, ?3)",
            params![t.id, skill, level],
        )
        .ctx(ctx)?;
    }
    Ok(())
}

/// How many offers go with a training when it is deleted.
pub fn training_offers(c: &Db, id: Id) -> Result<i64> {
    c.query_row(
        "SELECT count(*) FROM offers WHERE training_id = ?1",
        [id],
        |r| r.get(0),
    )
    .ctx(|| format!("cannot count the offers of training {id}"))
}

/// Deletes a training with its offers and the skills it develops.
pub fn delete_training(c: &Db, id: Id) -> Result<()> {
    c.execute("DELETE FROM trainings WHERE id = ?1", [id])
        .ctx(|| format!("cannot delete training {id}"))?;
    Ok(())
}

/// How many assessments the history holds.
pub fn count_assessments(c: &Db) -> Result<i64> {
    c.query_row("SELECT count(*) FROM assessments", (), |r| r.get(0))
        .ctx(|| "cannot count assessments".into())
}
