//! Adding many rows at once (an import, the demo), inside the caller's transaction. On a
//! file: `assessment_latest` is brought up to date by the writer, one row per person, skill
//! and source of each statement of assessments, instead of its trigger running once per
//! row (the result is the one the trigger gives row by row). On a server: many rows per
//! statement rather than a round trip per row (`chunked`).

use super::db::{Db, OptionalExtension, Param, Value};
use super::error::{Context, Result, StoreError};
use super::people;
use super::records::{self, insert_assessment};
use crate::model::{Assessment, Id, Note, Offer, Person, Source, Target};
use chrono::Datelike;
use std::cmp::Reverse;

const TRIGGER: &str = "assessments_latest_insert";

/// How many rows are added between two questions whether to go on.
const ASK_EVERY: usize = 4096;

/// Adds `rows` in the order of the person index: by person, skill, source and date, and
/// within those in the order given (the one given last gets the greater id, and so wins a
/// same-day tie, as adding them one by one gives). Sorted, a million rows went in 11.0 s
/// -> 7.0 s. Must run in a transaction (see `latest_deferred`). Asks `go_on` every few
/// thousand rows; `Ok(false)` when it said no, with only some of them added: the caller
/// then rolls the transaction back.
pub fn insert_assessments(c: &Db, rows: &[Assessment], go_on: &dyn Fn() -> bool) -> Result<bool> {
    // In the order of the index they go into (a stable sort: rows of one person, skill,
    // source and date keep the file's order, so the one recorded last still wins a tie).
    let mut sorted: Vec<(Id, &Assessment)> = rows.iter().map(|a| (a.rating.person_id, a)).collect();
    sorted.sort_by_key(|(p, a)| (*p, a.rating.skill_id, a.rating.source, a.rating.assessed_on));
    let in_chunks = |c: &Db, latest: Latest| -> Result<bool> {
        for chunk in sorted.chunks(ASK_EVERY) {
            if !go_on() {
                return Ok(false);
            }
            add_assessments(c, chunk, latest)?;
        }
        Ok(true)
    };
    if c.is_postgres() {
        return in_chunks(c, Latest::Trigger);
    }
    if rows.len() < 64 {
        for (_, a) in &sorted {
            insert_assessment(c, a)?;
        }
        return Ok(true);
    }
    latest_deferred(c, in_chunks)
}

/// Who brings `assessment_latest` up to date for the assessments added.
#[derive(Clone, Copy)]
enum Latest {
    /// Its trigger (on a server, its own, once per statement).
    Trigger,
    /// The writer, after each statement of them, while the trigger is dropped (see
    /// `latest_deferred`).
    Writer,
}

/// Runs `f`, which adds assessments only through `add_assessments` (with the `Latest` it is
/// handed), with `assessment_latest` brought up to date by the writer rather than by the
/// trigger per row. Must run in a transaction: the per-row trigger is dropped meanwhile and
/// made again, from its own stored text.
fn latest_deferred<T>(c: &Db, f: impl FnOnce(&Db, Latest) -> Result<T>) -> Result<T> {
    // A server keeps its own latest table: nothing to defer there.
    if c.is_postgres() {
        return f(c, Latest::Trigger);
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
    let Some(trigger) = trigger else {
        return f(c, Latest::Trigger);
    };
    c.execute_batch(&format!("DROP TRIGGER {TRIGGER}"))
        .ctx(ctx)?;
    let out = f(c, Latest::Writer)?;
    c.execute_batch(&trigger).ctx(ctx)?;
    Ok(out)
}

/// After `rows` went in with `ids`: what the trigger does for each row leaves, per person,
/// skill and source, the row with the greatest (day, id) among the one there before and the
/// new ones, under the trigger's own condition; one upsert of each group's greatest does the
/// same (at 100,000 demo people, 0.9 s where one statement over all new rows after them,
/// which read and sorted them all again, took 5.2 s).
fn keep_latest(c: &Db, rows: &[(Id, &Assessment)], ids: &[Id]) -> Result<()> {
    // [person, skill, source, day, id, level]; the source and day as the table keeps them
    // (see schema 002; days since 1970-01-01 are days from 0001-01-01 less 719,163).
    let mut best: Vec<[i64; 6]> = rows
        .iter()
        .zip(ids)
        .map(|((person, a), &id)| {
            let r = &a.rating;
            let source = match r.source {
                Source::SelfRated => 0,
                Source::Manager => 1,
                Source::Verified => 2,
            };
            let day = i64::from(r.assessed_on.num_days_from_ce()) - 719_163;
            [*person, r.skill_id, source, day, id, r.level.into()]
        })
        .collect();
    best.sort_unstable_by_key(|r| (r[0], r[1], r[2], Reverse((r[3], r[4]))));
    best.dedup_by_key(|r| (r[0], r[1], r[2]));
    for chunk in best.chunks(CHUNK) {
        let v = chunk
            .iter()
            .flat_map(|&[person, skill, source, day, id, level]| {
                [person, skill, source, id, level, day].map(Value::Int)
            })
            .collect();
        let columns = [
            "person_id",
            "skill_id",
            "source",
            "assessment_id",
            "level",
            "day",
        ];
        let upsert = " ON CONFLICT (person_id, skill_id, source) DO UPDATE
             SET assessment_id = excluded.assessment_id,
                 level = excluded.level,
                 day = excluded.day
             WHERE (excluded.day, excluded.assessment_id)
                 > (assessment_latest.day, assessment_latest.assessment_id)";
        insert_values(c, "assessment_latest", &columns, v, upsert, false)?;
    }
    Ok(())
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

/// `INSERT INTO table (columns) VALUES (?, ...), (...)` for `values` (row after row),
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
    // Bare `?`s, numbered in order by both engines: the text is one row's copied (writing
    // out 9,000 numbers per statement took 1.7 s of a 100,000-person demo).
    let row = format!("({})", vec!["?"; columns.len()].join(", "));
    let rows = values.len() / columns.len();
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    sql.reserve(rows * (row.len() + 2) + tail.len() + 16);
    for i in 0..rows {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&row);
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
/// person_id is not read), in order; `assessment_latest` brought up to date for them as
/// `latest` says.
fn add_assessments(c: &Db, rows: &[(Id, &Assessment)], latest: Latest) -> Result<()> {
    let ids = chunked(
        c,
        rows,
        |c, chunk| {
            let ctx = || "cannot add rows to assessments".to_string();
            let before: Option<Id> = match latest {
                Latest::Writer => Some(
                    c.query_row("SELECT coalesce(max(id), 0) FROM assessments", (), |r| {
                        r.get(0)
                    })
                    .ctx(ctx)?,
                ),
                Latest::Trigger => None,
            };
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
            )?;
            // The writer needs the new ids. SQLite gives each new row the greatest id plus
            // one, so these rows have `before + 1 ..= before + n`; past 2^63 - 1 it picks
            // them at random, and then the chunk goes in again row by row, each id known.
            let Some(before) = before else {
                return Ok(Vec::new());
            };
            let last = c.last_insert_rowid();
            match before.checked_add(chunk.len() as i64) {
                Some(end) if end == last => Ok((before + 1..=end).collect()),
                _ => Err(StoreError::Invalid(ctx())),
            }
        },
        |c, (person_id, a)| {
            let mut a = (*a).clone();
            a.rating.person_id = *person_id;
            insert_assessment(c, &a)
        },
    )?;
    match latest {
        Latest::Writer => keep_latest(c, rows, &ids),
        Latest::Trigger => Ok(()),
    }
}

/// Adds batches of people (see `NewPeople::in_batches`).
pub struct BatchWriter<'a> {
    c: &'a Db,
    latest: Latest,
}

impl BatchWriter<'_> {
    /// Adds `rows` as `NewPeople::insert` does; the new people's ids.
    pub fn insert(&self, rows: &NewPeople) -> Result<Vec<Id>> {
        rows.insert_with(self.c, self.latest)
    }
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
        self.insert_with(c, Latest::Trigger)
    }

    /// Runs `f`, which adds people a batch at a time through the `BatchWriter` it is
    /// given, as `insert` does, but with `assessment_latest` brought up to date by the
    /// writer rather than by the trigger per row (see `latest_deferred`). Must run in a
    /// transaction.
    pub fn in_batches<T>(c: &Db, f: impl FnOnce(&BatchWriter<'_>) -> Result<T>) -> Result<T> {
        latest_deferred(c, |c, latest| f(&BatchWriter { c, latest }))
    }

    fn insert_with(&self, c: &Db, latest: Latest) -> Result<Vec<Id>> {
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
        add_assessments(c, &assessments, latest)?;
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
