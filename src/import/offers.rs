//! offers: person*, training* (title), status*, offered_on*, due_on, completed_on.
//! A row identical in every field to an existing offer is skipped.

use super::csv_rows::{Col, Sheet, opt, req};
use super::lookup::{People, Trainings};
use super::{ImportError, Outcome, parse_date_cell};
use crate::model::{Offer, OfferStatus};
use crate::store::Db;
use crate::store::{lookup, records};

pub const COLUMNS: &[Col] = &[
    req("person"),
    req("training"),
    req("status"),
    req("offered_on"),
    opt("due_on"),
    opt("completed_on"),
];

pub fn import(c: &Db, bytes: &[u8], out: &mut Outcome) -> Result<(), ImportError> {
    let Some(mut sheet) = Sheet::open(bytes, COLUMNS, out) else {
        return Ok(());
    };
    let people = People::load(c)?;
    let trainings = Trainings::load(c)?;
    while let Some(row) = sheet.next_row(out) {
        out.report.rows += 1;
        let line = row.line;
        let before = out.problems.total;
        let person = sheet.need_with(&row, "person", out, |v| people.resolve(v));
        let training = sheet.need_with(&row, "training", out, |v| trainings.resolve(v));
        let status = sheet.need_with(&row, "status", out, |v| v.parse::<OfferStatus>());
        let offered_on = sheet
            .need(&row, "offered_on", out)
            .and_then(|v| parse_date_cell(out, line, "offered_on", v));
        let due_on = sheet
            .get(&row, "due_on")
            .and_then(|v| parse_date_cell(out, line, "due_on", v));
        let completed_on = sheet
            .get(&row, "completed_on")
            .and_then(|v| parse_date_cell(out, line, "completed_on", v));
        if let (Some(o), Some(d)) = (offered_on, completed_on)
            && d < o
        {
            out.problem(
                line,
                Some("completed_on"),
                format!("{d} is before offered_on {o}"),
            );
        }
        if out.problems.total > before {
            continue;
        }
        let (Some(person_id), Some(training_id), Some(status), Some(offered_on)) =
            (person, training, status, offered_on)
        else {
            continue;
        };
        let o = Offer {
            id: 0,
            person_id,
            training_id,
            status,
            offered_on,
            due_on,
            completed_on,
        };
        if lookup::offer_exists(c, &o)? {
            out.report.unchanged += 1;
            continue;
        }
        records::insert_offer(c, &o)?;
        out.added("offers");
    }
    Ok(())
}
