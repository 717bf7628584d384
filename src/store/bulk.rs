//! Adding many rows at once (an import, the demo), inside the caller's transaction. On a
//! file: the assessments first, then `assessment_latest` brought up to date in one
//! statement, instead of its trigger running once per row (the result is the one the
//! trigger gives row by row). On a server: many rows per statement rather than a round
//! trip per row (`chunked`).

use super::db::{Db, OptionalExtension, Param, Value};
use super::error::{Context, Result};
use super::people;
use super::records::{self, insert_assessment};
use crate::model::{Assessment, Id, Note, Offer, Person, Target};

const TRIGGER: &str = "assessments_latest_insert";

/// How many rows are added between two questions whether to go on.
const ASK_EVERY: usize = 4096;

/// Adds `rows` in the order of the person index: by person, skill, source and date, and
/// within those in the order given (the one given last gets the greater id, and so wins a
/// same-day tie, as adding them one by one gives). Sorted, a million rows went in 11.0 s
/// -> 7.0 s. Must run in a transaction (see `latest_deferred`). Asks `go_on` every few thousand rows; `Ok(false)` when it said
/// no, with only some of them added: the caller then rolls the transaction back.
pub fn insert_assessments(c: &Db, rows: &[Assessment], go_on: &dyn Fn() -> bool) -> Result<bool> {
    // In the order of the index they go into (a stable sort: rows of one person, skill,
    // source and date keep the file's order, so the one recorded last still wins a tie).
    let mut sorted: Vec<(Id, &Assessment)> = rows.iter().map(|a| (a.rating.person_id, a)).collect();
    sorted.sort_by_key(|(p, a)| (*p, a.rating.skill_id, a.rating.source, a.rating.assessed_on));
    let in_chunks = |c: &Db| -> Result<bool> {
        for chunk in sorted.chunks(ASK_EVERY) {
            if !go_on() {
                return Ok(false);
            }
            add_assessments(c, chunk)?;
        }
        Ok(true)
    };
    if c.is_postgres() {
        return in_chunks(c);
    }
    if rows.len() < 64 {
        for (_, a) in &sorted {
            insert_assessment(c, a)?;
        }
        return Ok(true);
    }
    latest_deferred(c, in_chunks)
}

/// Runs `f`, which only adds assessments, with `assessment_latest` brought up to date once
/// after it rather than by the trigger per row. Must run in a transaction: the per-row
/// trigger is dropped meanwhile and made again, from its own stored text.
pub fn latest_deferred<T>(c: &Db, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
    // A server keeps its own latest table: nothing to defer there.
    if c.is_postgres() {
        return f(c);
    }
    let ctx = || "cannot add assessments".to_string();
    let trigger: Option<String> = c
        .query_row(
            &format!("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{TRIGGER}'"),
            (),
            |r| r.get(0),
        )
        .optional()
        .ctx(ctx)?;
    let before: i64 = c
        .query_row("SELECT coalesce(max(id), 0) FROM assessments", (), |r| {
            r.get(0)
        })
        .ctx(ctx)?;
    if trigger.is_some() {
        c.execute_batch(&format!("DROP TRIGGER {TRIGGER}"))
            .ctx(ctx)?;
    }
    let out = f(c)?;
    let Some(trigger) = trigger else {
        return Ok(out);
    };
    c.execute_batch(&trigger).ctx(ctx)?;
    // What the trigger does for each new row (in id order) leaves, per person, skill and
    // source, the row with the greatest (day, id) among the one there before and the new
    // ones, under the trigger's own condition: one upsert of each group's greatest.
    c.execute(
        "INSERT INTO assessment_latest (person_id, skill_id, source, assessment_id, level, day)
         SELECT person_id, skill_id, src, id, level, day FROM (
             SELECT person_id, skill_id, src, id, level, day,
                    row_number() OVER (PARTITION BY person_id, skill_id, src
                                       ORDER BY day DESC, id DESC) AS n
             FROM (SELECT person_id, skill_id,
                          CASE source WHEN 'self' THEN 0 WHEN 'manager' THEN 1
                                      WHEN 'verified' THEN 2 END AS src,
                          id, level,
                          CASE WHEN date(assessed_on) IS assessed_on
                               THEN unixepoch(assessed_on) / 86400 END AS day
                   FROM assessments WHERE id > ?1))
         WHERE n = 1 ORDER BY person_id, skill_id, src
         ON CONFLICT (person_id, skill_id, source) DO UPDATE
             SET assessment_id = excluded.assessment_id,
                 level = excluded.level,
                 day = excluded.day
             WHERE (excluded.day, excluded.assessment_id)
                 > (assessment_latest.day, assessment_latest.assessment_id)",
        [before],
    )
    .ctx(ctx)?;
    Ok(out)
}

/// Rows per statement: at most 10 columns, so 10,000 parameters, well under the 65,535 a
/// server's statement and the 32,766 an SQLite statement may have.
const CHUNK: usize = 1000;

/// Adds `rows` on a server in statements of up to `CHUNK` rows each (`write` writes one
/// chunk: its rows' ids, in row order), instead of a statement, and a round trip, per row
/// (10,000 demo people took 800 s on a local server). A chunk the server refuses is rolled
/// back to its savepoint and written again row by row (`one`), so a failure says what
/// it always said, about the row it is about; the caller's transaction keeps it all or
/// nothing. On a file there are no round trips, but a statement per row still costs its
/// start and end (at 100,000 demo people, more than the rows themselves).
fn chunked<T>(
    c: &Db,
    rows: &[T],
    write: impl Fn(&Db, &[T]) -> Result<Vec<Id>>,
    one: impl Fn(&Db, &T) -> Result<Id>,
) -> Result<Vec<Id>> {
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(CHUNK) {
        match c.transaction(|tx| write(tx, chunk)) {
            Ok(new) => ids.extend(new),
            Err(_) => {
                for r in chunk {
                    ids.push(one(c, r)?);
                }
            }
        }
    }
    Ok(ids)
}

/// `INSERT INTO table (columns) VALUES (?1, ...), (...)` for `values` (row after row),
/// then `tail`; with `returning`, the new rows' ids in row order. Ids are handed out as the
/// rows go in, in order, so the returned ones sorted are in row order whatever order the
/// server returns them in.
fn insert_values(
    c: &Db,
    table: &str,
    columns: &[&str],
    values: Vec<Value<'_>>,
    tail: &str,
    returning: bool,
) -> Result<Vec<Id>> {
    let ctx = || format!("cannot add rows to {table}");
    let width = columns.len();
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    for row in 0..values.len() / width {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for col in 0..width {
            if col > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("?{}", row * width + col + 1));
        }
        sql.push(')');
    }
    sql.push_str(tail);
    if !returning {
        c.execute(&sql, values).ctx(ctx)?;
        return Ok(Vec::new());
    }
    sql.push_str(" RETURNING id");
    let mut stmt = c.prepare_cached(&sql).ctx(ctx)?;
    let mut ids: Vec<Id> = stmt
        .query_map(values, |r| r.get(0))
        .ctx(ctx)?
        .collect::<super::db::DbResult<_>>()
        .ctx(ctx)?;
    ids.sort_unstable();
    Ok(ids)
}

fn assessment_values<'a>(rows: &'a [(Id, &'a Assessment)]) -> Vec<Value<'a>> {
    let mut v = Vec::with_capacity(rows.len() * 9);
    for (person_id, a) in rows {
        let r = &a.rating;
        v.extend([
            Value::Int(*person_id),
            Value::Int(r.skill_id),
            Value::Int(r.level.into()),
            r.source.value(),
            Value::Date(r.assessed_on),
            a.score.value(),
            a.max_score.value(),
            a.assessor.value(),
            a.evidence.value(),
        ]);
    }
    v
}

/// Assessments of the people given (`rows`: the person's id, the assessment, whose own
/// person_id is not read), in order.
fn add_assessments(c: &Db, rows: &[(Id, &Assessment)]) -> Result<()> {
    chunked(
        c,
        rows,
        |c, chunk| {
            insert_values(
                c,
                "assessments",
                &[
                    "person_id",
                    "skill_id",
                    "level",
                    "source",
                    "assessed_on",
                    "score",
                    "max_score",
                    "assessor",
                    "evidence",
                ],
                assessment_values(chunk),
                "",
                false,
            )
        },
        |c, (person_id, a)| {
            let mut a = (*a).clone();
            a.rating.person_id = *person_id;
            insert_assessment(c, &a)
        },
    )
    .map(drop)
}

/// People to add with what is recorded about them, all at once (the demo): each record
/// names its person by their place in `people`; its own person_id is not read.
#[derive(Debug, Default)]
pub struct NewPeople {
    pub people: Vec<Person>,
    pub targets: Vec<(usize, Target)>,
    pub offers: Vec<(usize, Offer)>,
    pub assessments: Vec<(usize, Assessment)>,
    /// Their author is who writes them (`Db::author`), as with `records::insert_note`.
    pub notes: Vec<(usize, Note)>,
}

impl NewPeople {
    /// Adds them all, each table's rows in order (the ids adding them one by one would
    /// give), in the caller's transaction; the new people's ids. On a server in few
    /// statements (see `chunked`).
    pub fn insert(&self, c: &Db) -> Result<Vec<Id>> {
        let people = chunked(
            c,
            &self.people,
            |c, chunk| {
                let mut v = Vec::with_capacity(chunk.len() * 6);
                for p in chunk {
                    v.extend([
                        Value::Text(p.name.trim()),
                        match p.email.as_deref().map(str::trim) {
                            Some(e) if !e.is_empty() => Value::Text(e),
                            _ => Value::Null,
                        },
                        p.team_id.value(),
                        p.role_id.value(),
                        p.joined_on.value(),
                        Value::Bool(p.archived),
                    ]);
                }
                let columns = [
                    "name",
                    "email",
                    "team_id",
                    "role_id",
                    "joined_on",
                    "archived",
                ];
                insert_values(c, "people", &columns, v, "", true)
            },
            people::insert_person,
        )?;
        let id = |i: usize| people[i];
        let targets: Vec<(Id, Target)> = self.targets.iter().map(|&(i, t)| (id(i), t)).collect();
        chunked(
            c,
            &targets,
            |c, chunk| {
                let mut v = Vec::with_capacity(chunk.len() * 4);
                for (p, t) in chunk {
                    v.extend([
                        Value::Int(*p),
                        Value::Int(t.skill_id),
                        Value::Int(t.level.into()),
                        Value::Int(t.weight.into()),
                    ]);
                }
                insert_values(
                    c,
                    "person_targets",
                    &["person_id", "skill_id", "level", "weight"],
                    v,
                    " ON CONFLICT (person_id, skill_id) DO UPDATE SET level = excluded.level, weight = excluded.weight",
                    false,
                )
            },
            |c, &(p, t)| people::set_override(c, p, t).map(|()| 0),
        )?;
        let offers: Vec<Offer> = self
            .offers
            .iter()
            .map(|(i, o)| Offer {
                person_id: id(*i),
                ..o.clone()
            })
            .collect();
        chunked(
            c,
            &offers,
            |c, chunk| {
                let mut v = Vec::with_capacity(chunk.len() * 6);
                for o in chunk {
                    v.extend([
                        Value::Int(o.person_id),
                        Value::Int(o.training_id),
                        o.status.value(),
                        Value::Date(o.offered_on),
                        o.due_on.value(),
                        o.completed_on.value(),
                    ]);
                }
                let columns = [
                    "person_id",
                    "training_id",
                    "status",
                    "offered_on",
                    "due_on",
                    "completed_on",
                ];
                insert_values(c, "offers", &columns, v, "", true)
            },
            records::insert_offer,
        )?;
        let assessments: Vec<(Id, &Assessment)> =
            self.assessments.iter().map(|(i, a)| (id(*i), a)).collect();
        add_assessments(c, &assessments)?;
        let notes: Vec<Note> = self
            .notes
            .iter()
            .map(|(i, n)| Note {
                person_id: id(*i),
                ..n.clone()
            })
            .collect();
        let author = c.author();
        let note_ids = chunked(
            c,
            &notes,
            |c, chunk| {
                let mut v = Vec::with_capacity(chunk.len() * 5);
                for n in chunk {
                    v.extend([
                        Value::Int(n.person_id),
                        Value::Date(n.date),
                        Value::Text(&n.body),
                        Value::Bool(n.private),
                        Value::Text(&author),
                    ]);
                }
                let columns = ["person_id", "date", "body", "private", "author"];
                insert_values(c, "notes", &columns, v, "", true)
            },
            records::insert_note,
        )?;
        // The tags in statements of many too (a note written again row by row after a
        // refused chunk has its tags already: adding them again changes nothing).
        let tags: Vec<(Id, Id)> = notes
            .iter()
            .zip(&note_ids)
            .flat_map(|(n, &note)| n.skill_ids.iter().map(move |&s| (note, s)))
            .collect();
        chunked(
            c,
            &tags,
            |c, chunk| {
                let v = chunk
                    .iter()
                    .flat_map(|&(n, s)| [Value::Int(n), Value::Int(s)])
                    .collect();
                insert_values(
                    c,
                    "note_skills",
                    &["note_id", "skill_id"],
                    v,
                    " ON CONFLICT DO NOTHING",
                    false,
                )
            },
            |c, &(n, s)| {
                c.execute(
                    "INSERT INTO note_skills (note_id, skill_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                    [n, s],
                )
                .ctx(|| format!("cannot tag note {n}"))
                .map(|_| 0)
            },
        )?;
        Ok(people)
    }
}
