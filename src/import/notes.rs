//! notes: person*, date*, body*, private (true/false, default true), skills (`key;key`).
//! A row identical in every field (tags included) to an existing note is skipped.

use super::csv_rows::{Col, Sheet, opt, req};
use super::lookup::{People, Skills};
use super::{ImportError, Outcome, clean_text, parse_bool, parse_date_cell};
use crate::model::Note;
use crate::store::Db;
use crate::store::{lookup, records};

pub const COLUMNS: &[Col] = &[
    req("person"),
    req("date"),
    req("body"),
    opt("private"),
    opt("skills"),
];

pub fn import(c: &Db, bytes: &[u8], out: &mut Outcome) -> Result<(), ImportError> {
    let Some(mut sheet) = Sheet::open(bytes, COLUMNS, out) else {
        return Ok(());
    };
    let people = People::load(c)?;
    let skills = Skills::load(c)?;
    while let Some(row) = sheet.next_row(out) {
        out.report.rows += 1;
        let line = row.line;
        let before = out.problems.total;
        let person = sheet.need_with(&row, "person", out, |v| people.resolve(v));
        let date = sheet
            .need(&row, "date", out)
            .and_then(|v| parse_date_cell(out, line, "date", v));
        let body = sheet.need(&row, "body", out).map(clean_text);
        let private = match sheet.get(&row, "private") {
            Some(v) => parse_bool(out, line, "private", v),
            None => Some(true),
        };
        let mut skill_ids = Vec::new();
        for k in sheet
            .get(&row, "skills")
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            match skills.resolve(k) {
                Ok(id) => skill_ids.push(id),
                Err(m) => out.problem(line, Some("skills"), m),
            }
        }
        skill_ids.sort_unstable();
        skill_ids.dedup();
        if out.problems.total > before {
            continue;
        }
        let (Some(person_id), Some(date), Some(body), Some(private)) =
            (person, date, body, private)
        else {
            continue;
        };
        let n = Note {
            id: 0,
            person_id,
            date,
            body,
            private,
            skill_ids,
            // The importing user is the author (the store sets it); the file does not say.
            author: String::new(),
        };
        if lookup::note_exists(c, &n)? {
            out.report.unchanged += 1;
            continue;
        }
        records::insert_note(c, &n)?;
        out.added("notes");
    }
    Ok(())
}
