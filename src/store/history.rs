//! Undo and redo for every change made in this run, deletes included.
//!
//! This is SQLite's documented undo technique: temporary triggers on every table log the SQL
//! that reverses each row change, cascaded deletes and SET NULLs included (foreign-key
//! actions fire triggers). An edit's undo is its log run backwards; running it logs the
//! redo the same way. The trigger-kept `assessment_latest` is not logged: its own triggers
//! rebuild it as assessments are restored or removed. The triggers are TEMP, so they exist
//! only on the connection that enabled them, and log only while an edit is being recorded.

use super::Store;
use super::db::{Db, DbError};
use super::error::{Context, Result, StoreError};
use crate::model::Id;
use std::collections::BTreeSet;

/// The tables whose rows an edit can touch.
const TABLES: &[&str] = &[
    "teams",
    "skills",
    "skill_levels",
    "roles",
    "role_targets",
    "people",
    "person_targets",
    "assessments",
    "trainings",
    "training_skills",
    "offers",
    "notes",
    "note_skills",
];

/// One recorded edit: a label for the status line ("add person Ada"), the SQL that
/// reverses it, in the order to run, and what it touched.
pub struct Change {
    pub label: String,
    reverse: Vec<Step>,
    touched: Touched,
}

impl Change {
    /// The tables and people this change touched (running its reverse touches the same).
    pub fn touched(&self) -> &Touched {
        &self.touched
    }
}

/// What a change touched: the tables it wrote rows of, and the people whose own rows
/// (the person, their targets, assessments, offers, notes and note tags) it wrote. A reader
/// that holds the data brings it up to date by reading these people again, unless a table
/// beyond theirs was touched (see `Touched::people_only`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    pub tables: BTreeSet<String>,
    pub people: BTreeSet<Id>,
}

impl Touched {
    /// The tables holding one person's own rows.
    pub const PERSON_TABLES: &[&str] = &[
        "people",
        "person_targets",
        "assessments",
        "offers",
        "notes",
        "note_skills",
    ];

    /// Only rows of people were touched (no team, role, skill or training).
    pub fn people_only(&self) -> bool {
        self.tables
            .iter()
            .all(|t| Self::PERSON_TABLES.contains(&t.as_str()))
    }

    /// Not known (a server database does not log it): read everything again.
    fn unknown() -> Touched {
        Touched {
            tables: BTreeSet::from(["?".to_string()]),
            people: BTreeSet::new(),
        }
    }
}

/// The SQL giving the person a row of `table` belongs to (`row` is `new` or `old`).
fn person_of(table: &str, row: &str) -> String {
    match table {
        "people" => format!("{row}.id"),
        "person_targets" | "assessments" | "offers" | "notes" => format!("{row}.person_id"),
        "note_skills" => format!("(SELECT person_id FROM main.notes WHERE id = {row}.note_id)"),
        _ => "NULL".to_string(),
    }
}

/// One reverse statement, with the count that tells a changed row from a gone one, and
/// the row in the user's words.
pub(super) struct Step {
    sql: String,
    guard: String,
    what: String,
}

/// The undo and redo stacks of one run.
#[derive(Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

/// How many edits undo reaches back.
const DEPTH: usize = 500;

fn columns(c: &Db, table: &str) -> Result<Vec<(String, bool)>> {
    let ctx = || format!("cannot read the columns of {table}");
    let mut stmt = c
        .prepare(&format!(
            "SELECT name, pk FROM pragma_table_info('{table}')"
        ))
        .ctx(ctx)?;
    let rows = stmt
        .query_map((), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? > 0))
        })
        .ctx(ctx)?;
    rows.collect::<super::db::DbResult<_>>().ctx(ctx)
}

/// How the user knows a row of each table in an undo refusal: a noun and the column that
/// names it (else its key).
fn noun(table: &str) -> (&'static str, Option<&'static str>) {
    match table {
        "teams" => ("team", Some("name")),
        "skills" => ("skill", Some("key")),
        "roles" => ("role", Some("name")),
        "people" => ("person", Some("name")),
        "trainings" => ("training", Some("title")),
        "assessments" => ("assessment", None),
        "offers" => ("offer", None),
        "notes" => ("note", None),
        "role_targets" => ("role target", None),
        "person_targets" => ("own target", None),
        "training_skills" => ("skill of a training", None),
        "note_skills" => ("skill tag", None),
        _ => ("skill level", None),
    }
}

/// The temporary log table and the triggers that fill it while `temp.undo_state.on` is 1.
///
/// Each reverse statement names the row as this edit left it: by its version where the
/// table has one (schema 003), else by every column. So an undo or redo of a row someone
/// else changed since finds no row and is refused instead of overwriting their change.
/// `guard` counts the row by key alone, to tell "changed" from "gone".
fn install(c: &Db) -> Result<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, sql TEXT NOT NULL,
             guard TEXT NOT NULL, what TEXT NOT NULL);
         CREATE TEMP TABLE IF NOT EXISTS undo_touch (tbl TEXT NOT NULL, person_id INTEGER);
         CREATE TEMP TABLE IF NOT EXISTS undo_state (on_ INTEGER NOT NULL);
         INSERT INTO undo_state SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM undo_state);\n",
    );
    for table in TABLES {
        let cols = columns(c, table)?;
        let versioned = cols.iter().any(|(n, _)| n == "version");
        let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
        let key = |row: &str| {
            cols.iter()
                .filter(|(_, pk)| *pk)
                .map(|(n, _)| format!("{n} = '||quote({row}.{n})||'"))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        // The row exactly as the edit left it.
        let as_left = if versioned {
            format!("{} AND version = '||quote(new.version)||'", key("new"))
        } else {
            names
                .iter()
                .map(|n| format!("{n} IS '||quote(new.{n})||'"))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        let values = names
            .iter()
            .map(|n| format!("'||quote(old.{n})||'"))
            .collect::<Vec<_>>()
            .join(", ");
        // The version goes back with the values: the row is then exactly as the earlier
        // steps of the stack left it, which their own reverse statements name.
        let sets = names
            .iter()
            .map(|n| format!("{n} = '||quote(old.{n})||'"))
            .collect::<Vec<_>>()
            .join(", ");
        let (noun, label) = noun(table);
        let what_new = match label {
            Some(l) => format!("'{noun} '||new.{l}"),
            None => format!("'{noun}'"),
        };
        let what_old = match label {
            Some(l) => format!("'{noun} '||old.{l}"),
            None => format!("'{noun}'"),
        };
        let when = "WHEN (SELECT on_ FROM temp.undo_state)";
        let touch = |row: &str| {
            format!(
                "INSERT INTO undo_touch VALUES ('{table}', {});",
                person_of(table, row)
            )
        };
        let (new, old) = (touch("new"), touch("old"));
        let guard = format!("SELECT count(*) FROM {table} WHERE {}", key("new"));
        let guard_old = format!("SELECT count(*) FROM {table} WHERE {}", key("old"));
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_i AFTER INSERT ON main.{table} {when}
             BEGIN INSERT INTO undo_log (sql, guard, what) VALUES ('DELETE FROM {table} WHERE {as_left}', '{guard}', {what_new}); {new} END;
             CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_u AFTER UPDATE ON main.{table} {when}
             BEGIN INSERT INTO undo_log (sql, guard, what) VALUES ('UPDATE {table} SET {sets} WHERE {as_left}', '{guard}', {what_new}); {new} {old} END;
             CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_d AFTER DELETE ON main.{table} {when}
             BEGIN INSERT INTO undo_log (sql, guard, what) VALUES ('INSERT INTO {table} ({}) VALUES ({values})', '{guard_old}', {what_old}); {old} END;\n",
            names.join(", "),
        ));
    }
    c.execute_batch(&sql).ctx(|| "cannot set up undo".into())
}

/// Runs `f` in one transaction with logging on, and returns what it logged, reversed, with
/// what it touched.
fn recorded<T>(c: &Db, f: impl FnOnce(&Db) -> Result<T>) -> Result<(T, Vec<Step>, Touched)> {
    if c.is_postgres() {
        let (out, reverse) = super::postgres::history::recorded(c, f)?;
        return Ok((out, reverse, Touched::unknown()));
    }
    install(c)?;
    c.transaction(|tx| {
        // Restoring a person before or after their assessments must both work.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON; DELETE FROM temp.undo_log; DELETE FROM temp.undo_touch; UPDATE temp.undo_state SET on_ = 1;")
            .ctx(|| "cannot start recording".into())?;
        let out = f(tx);
        let stop = tx.execute("UPDATE temp.undo_state SET on_ = 0", ());
        let out = out?;
        stop.ctx(|| "cannot stop recording".into())?;
        let reverse = read_log(tx, "SELECT sql, guard, what FROM temp.undo_log ORDER BY seq DESC")?;
        let touched = read_touched(tx)?;
        tx.execute_batch("DELETE FROM temp.undo_log; DELETE FROM temp.undo_touch;")
            .ctx(|| "cannot clear the undo log".into())?;
        Ok((out, reverse, touched))
    })
}

fn read_touched(tx: &Db) -> Result<Touched> {
    let ctx = || "cannot read what the change touched".to_string();
    let mut stmt = tx
        .prepare("SELECT DISTINCT tbl, person_id FROM temp.undo_touch")
        .ctx(ctx)?;
    let rows: Vec<(String, Option<Id>)> = stmt
        .query_map((), |r| Ok((r.get(0)?, r.get(1)?)))
        .ctx(ctx)?
        .collect::<std::result::Result<_, DbError>>()
        .ctx(ctx)?;
    let mut touched = Touched::default();
    for (table, person) in rows {
        touched.people.extend(person);
        touched.tables.insert(table);
    }
    Ok(touched)
}

/// The logged steps, in the order `sql` gives them.
pub(super) fn read_log(tx: &Db, sql: &str) -> Result<Vec<Step>> {
    let ctx = || "cannot read the undo log".to_string();
    let mut stmt = tx.prepare(sql).ctx(ctx)?;
    let rows = stmt
        .query_map((), |r| {
            Ok(Step {
                sql: r.get(0)?,
                guard: r.get(1)?,
                what: r.get(2)?,
            })
        })
        .ctx(ctx)?;
    rows.collect::<std::result::Result<_, DbError>>().ctx(ctx)
}

impl Store {
    /// Runs `f` in one transaction (all or nothing; committed before this returns) and gives
    /// back its result with the change it made, for `History::push`. `None` when `f`
    /// changed nothing.
    pub fn edit<T>(
        &mut self,
        label: impl Into<String>,
        f: impl FnOnce(&Db) -> Result<T>,
    ) -> Result<(T, Option<Change>)> {
        self.ensure_writable()?;
        let (out, reverse, touched) = recorded(&self.conn, f)?;
        let change = (!reverse.is_empty()).then(|| Change {
            label: label.into(),
            reverse,
            touched,
        });
        Ok((out, change))
    }

    /// Runs a change's reverse SQL; returns the change that reverses *that*. A row that
    /// another writer changed since is left alone and the whole undo (redo) refused.
    fn reverse(&self, change: &Change, doing: &str) -> Result<Change> {
        let refuse = |why: String| {
            StoreError::Invalid(format!(
                "cannot {doing} \"{}\": {why}; nothing was {doing}ne",
                change.label
            ))
        };
        self.ensure_writable()?;
        let (_, reverse, touched) = recorded(&self.conn, |tx| {
            for step in &change.reverse {
                let n = tx
                    .execute_step(&step.sql)
                    .map_err(|e| refuse(super::error::plain(&e)))?;
                if n > 0 {
                    continue;
                }
                let still_there: i64 = tx
                    .query_row(&step.guard, (), |r| r.get(0))
                    .ctx(|| "cannot read the undo log".into())?;
                let what = crate::text::inert(&step.what);
                // A DELETE may find its row already removed (by a cascade earlier in the
                // script, or by someone else): the row is gone either way.
                if still_there > 0 {
                    return Err(refuse(format!(
                        "{what} was changed elsewhere since (an import or another program)"
                    )));
                }
                if step.sql.starts_with("UPDATE") {
                    return Err(refuse(format!("{what} was deleted elsewhere since")));
                }
            }
            Ok(())
        })?;
        Ok(Change {
            label: change.label.clone(),
            reverse,
            touched,
        })
    }
}

impl History {
    /// Records a change made by `Store::edit`; a new change clears what could be redone.
    pub fn push(&mut self, change: Option<Change>) {
        if let Some(c) = change {
            self.undo.push(c);
            if self.undo.len() > DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
    }

    /// Undoes the latest change and returns its label; `None` when there is nothing to undo.
    /// On an error nothing changes, in the database or on the stacks.
    pub fn undo(&mut self, store: &Store) -> Result<Option<String>> {
        let Some(change) = self.undo.last() else {
            return Ok(None);
        };
        let redo = store.reverse(change, "undo")?;
        self.undo.pop();
        let label = redo.label.clone();
        self.redo.push(redo);
        Ok(Some(label))
    }

    /// Redoes the latest undone change and returns its label.
    pub fn redo(&mut self, store: &Store) -> Result<Option<String>> {
        let Some(change) = self.redo.last() else {
            return Ok(None);
        };
        let undo = store.reverse(change, "redo")?;
        self.redo.pop();
        let label = undo.label.clone();
        self.undo.push(undo);
        Ok(Some(label))
    }

    /// What the latest undo or redo touched: that of the change it made, now on top of
    /// the other stack (`redo` tells which).
    pub fn last_touched(&self, redo: bool) -> Option<&Touched> {
        let top = if redo { &self.undo } else { &self.redo };
        top.last().map(Change::touched)
    }

    /// The label of what `u` would undo.
    pub fn next_undo(&self) -> Option<&str> {
        self.undo.last().map(|c| c.label.as_str())
    }

    /// The label of what Ctrl-R would redo.
    pub fn next_redo(&self) -> Option<&str> {
        self.redo.last().map(|c| c.label.as_str())
    }
}
