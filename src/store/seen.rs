//! What a form (or a delete question) saw of a record, to refuse a write when another writer
//! changed it since: optimistic concurrency, with no lock held while the form is open.
//!
//! A record's row carries a version (schema 003) that every UPDATE raises; the records a
//! row owns (a role's targets, a note's tags) are compared by value. The fields are read in
//! the user's words (team names, not ids), so a refusal can say what changed.

use super::db::{Cell, Db, OptionalExtension};
use super::error::{Context, Result, StoreError};
use crate::model::Id;

/// A record a form edits or a question deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordRef {
    Person(Id),
    Team(Id),
    Role(Id),
    Skill(Id),
    Training(Id),
    Offer(Id),
    Note(Id),
    Assessment(Id),
    /// A person's own targets (their rows, compared by value).
    Targets(Id),
    /// Every offer of a person (the "move an offer on" form picks one of them).
    Offers(Id),
}

/// A record as it was read: its version and its fields as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub record: RecordRef,
    /// How the user knows it: "Ada Garcia", "team Platform".
    pub what: String,
    version: i64,
    fields: Vec<(String, String)>,
}

/// One field that another writer changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// Why a write was refused: the record changed (or went) since it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub what: String,
    /// Empty when it was deleted, or saved again with the same values.
    pub changes: Vec<FieldChange>,
    pub gone: bool,
}

impl std::fmt::Display for Changed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = crate::text::inert(&self.what);
        if self.gone {
            return write!(f, "{what} was deleted elsewhere since this was read");
        }
        if self.changes.is_empty() {
            return write!(
                f,
                "{what} was saved elsewhere since this was read (its values are the same)"
            );
        }
        let list: Vec<String> = self
            .changes
            .iter()
            .map(|c| format!("{} {} → {}", c.field, short(&c.before), short(&c.after)))
            .collect();
        write!(
            f,
            "{what} was changed elsewhere since this was read: {}",
            list.join(", ")
        )
    }
}

/// A value cut to a length that fits a status line, made inert.
fn short(s: &str) -> String {
    let s = crate::text::inert(s);
    if s.chars().count() <= 40 {
        return s.into_owned();
    }
    let cut: String = s.chars().take(39).collect();
    format!("{cut}…")
}

/// The query for each kind: version, the user's name for the record, then its fields
/// (named by their column aliases).
fn query(r: RecordRef) -> (&'static str, Id) {
    match r {
        RecordRef::Person(id) => (
            "SELECT p.version, p.name, p.name AS name, p.email AS email, t.name AS team,
                    r.name AS role, p.joined_on AS \"joined on\",
                    CASE WHEN p.archived THEN 'yes' ELSE 'no' END AS archived
             FROM people p LEFT JOIN teams t ON t.id = p.team_id
                  LEFT JOIN roles r ON r.id = p.role_id
             WHERE p.id = ?1",
            id,
        ),
        RecordRef::Team(id) => (
            "SELECT t.version, 'team ' || t.name, t.name AS name, u.name AS \"parent team\"
             FROM teams t LEFT JOIN teams u ON u.id = t.parent_id WHERE t.id = ?1",
            id,
        ),
        RecordRef::Role(id) => (
            "SELECT r.version, 'role ' || r.name, r.name AS name,
                    (SELECT string_agg(k, ', ') FROM (
                        SELECT s.key || ' ' || rt.level || ' x' || rt.weight AS k
                        FROM role_targets rt JOIN skills s ON s.id = rt.skill_id
                        WHERE rt.role_id = r.id ORDER BY s.key) AS x) AS targets
             FROM roles r WHERE r.id = ?1",
            id,
        ),
        RecordRef::Skill(id) => (
            "SELECT k.version, 'skill ' || k.key, k.key AS key, k.name AS name,
                    k.category AS category, k.description AS description,
                    (SELECT string_agg(d, ' | ') FROM (
                        SELECT level || ': ' || description AS d FROM skill_levels
                        WHERE skill_id = k.id ORDER BY level) AS x) AS rubric
             FROM skills k WHERE k.id = ?1",
            id,
        ),
        RecordRef::Training(id) => (
            "SELECT t.version, 'training ' || t.title, t.title AS title, t.provider AS provider,
                    t.url AS url, t.hours AS hours,
                    (SELECT string_agg(k, ', ') FROM (
                        SELECT s.key || ' ' || ts.level AS k
                        FROM training_skills ts JOIN skills s ON s.id = ts.skill_id
                        WHERE ts.training_id = t.id ORDER BY s.key) AS x) AS skills
             FROM trainings t WHERE t.id = ?1",
            id,
        ),
        RecordRef::Offer(id) => (
            "SELECT o.version, 'the offer of ' || t.title || ' to ' || p.name,
                    p.name AS person, t.title AS training, o.status AS status,
                    o.offered_on AS \"offered on\", o.due_on AS \"due on\",
                    o.completed_on AS \"completed on\"
             FROM offers o JOIN people p ON p.id = o.person_id
                  JOIN trainings t ON t.id = o.training_id
             WHERE o.id = ?1",
            id,
        ),
        RecordRef::Note(id) => (
            "SELECT n.version, 'the note of ' || p.name || ' from ' || n.date,
                    p.name AS person, n.date AS date, n.body AS text,
                    CASE WHEN n.private THEN 'yes' ELSE 'no' END AS private,
                    (SELECT string_agg(k, ', ') FROM (
                        SELECT s.key AS k FROM note_skills ns JOIN skills s ON s.id = ns.skill_id
                        WHERE ns.note_id = n.id ORDER BY s.key) AS x) AS \"skill tags\"
             FROM notes n JOIN people p ON p.id = n.person_id WHERE n.id = ?1",
            id,
        ),
        RecordRef::Assessment(id) => (
            "SELECT a.version, 'the ' || a.source || ' assessment of ' || p.name || ' in ' || s.key,
                    p.name AS person, s.key AS skill, a.level AS level, a.source AS source,
                    a.assessed_on AS \"assessed on\", a.score AS score,
                    a.max_score AS \"max score\", a.assessor AS assessor,
                    a.evidence AS evidence
             FROM assessments a JOIN people p ON p.id = a.person_id
                  JOIN skills s ON s.id = a.skill_id
             WHERE a.id = ?1",
            id,
        ),
        RecordRef::Offers(id) => (
            "SELECT (SELECT CAST(coalesce(sum(version), 0) AS bigint) FROM offers WHERE person_id = p.id),
                    'an offer of ' || p.name,
                    (SELECT string_agg(k, ', ') FROM (
                        SELECT t.title || ' ' || o.status || ' ' || o.offered_on
                               || coalesce(' due ' || o.due_on, '')
                               || coalesce(' completed ' || o.completed_on, '') AS k
                        FROM offers o JOIN trainings t ON t.id = o.training_id
                        WHERE o.person_id = p.id ORDER BY o.id) AS x) AS offers
             FROM people p WHERE p.id = ?1",
            id,
        ),
        RecordRef::Targets(id) => (
            "SELECT 0, 'the own targets of ' || p.name,
                    (SELECT string_agg(k, ', ') FROM (
                        SELECT s.key || ' ' || pt.level || ' x' || pt.weight AS k
                        FROM person_targets pt JOIN skills s ON s.id = pt.skill_id
                        WHERE pt.person_id = p.id ORDER BY s.key) AS x) AS targets
             FROM people p WHERE p.id = ?1",
            id,
        ),
    }
}

fn text(v: Cell<'_>) -> String {
    match v {
        Cell::Null => "(none)".into(),
        Cell::Int(i) => i.to_string(),
        Cell::Real(x) => x.to_string(),
        Cell::Text(t) => t.to_string(),
        Cell::Bool(b) => {
            if b {
                "yes".into()
            } else {
                "no".into()
            }
        }
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

/// Reads a record as it is now; `None` when it does not exist.
pub fn seen(c: &Db, record: RecordRef) -> Result<Option<Seen>> {
    let (sql, id) = query(record);
    let ctx = || format!("cannot read {record:?}");
    let mut stmt = c.prepare_cached(sql).ctx(ctx)?;
    let names: Vec<String> = stmt
        .column_names()
        .into_iter()
        .skip(2)
        .map(|n| n.to_string())
        .collect();
    stmt.query_row([id], |r| {
        let fields = names
            .iter()
            .enumerate()
            .map(|(i, n)| Ok((n.clone(), text(r.cell(i + 2)?))))
            .collect::<super::db::DbResult<_>>()?;
        Ok(Seen {
            record,
            what: r.get(1)?,
            version: r.get(0)?,
            fields,
        })
    })
    .optional()
    .ctx(ctx)
}

/// What another writer changed in the record since `before` was read; `None` when nothing.
pub fn changes(c: &Db, before: &Seen) -> Result<Option<Changed>> {
    let Some(now) = seen(c, before.record)? else {
        return Ok(Some(Changed {
            what: before.what.clone(),
            changes: Vec::new(),
            gone: true,
        }));
    };
    if now.version == before.version && now.fields == before.fields {
        return Ok(None);
    }
    let changes = before
        .fields
        .iter()
        .zip(&now.fields)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| FieldChange {
            field: a.0.clone(),
            before: a.1.clone(),
            after: b.1.clone(),
        })
        .collect();
    Ok(Some(Changed {
        what: before.what.clone(),
        changes,
        gone: false,
    }))
}

/// Refuses (`StoreError::Changed`) when the record changed since `before` was read. Called
/// first in the transaction of a save or delete, so nothing is written then; SQLite's one
/// writer at a time keeps the check and the write together.
pub fn expect_unchanged(c: &Db, before: &Seen) -> Result<()> {
    match changes(c, before)? {
        None => Ok(()),
        Some(changed) => Err(StoreError::Changed(changed)),
    }
}
