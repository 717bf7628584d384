//! people: name*, email, team, role, joined_on. Matched by email, else by exact name.
//! Teams and roles are created as named. An existing person changes only where the file
//! gives a value that differs; an empty cell never erases anything.

use super::csv_rows::{Col, Sheet, opt, req};
use super::lookup::{Named, NamedKind, People};
use super::{ImportError, Outcome, parse_date_cell};
use crate::model::Person;
use crate::store::Db;
use crate::store::people as store;

pub const COLUMNS: &[Col] = &[
    req("name"),
    opt("email"),
    opt("team"),
    opt("role"),
    opt("joined_on"),
];

fn valid_email(e: &str) -> bool {
    let mut parts = e.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None) if !a.is_empty() && !b.is_empty())
        && !e.chars().any(|c| c.is_whitespace() || c.is_control())
}

pub fn import(c: &Db, bytes: &[u8], out: &mut Outcome) -> Result<(), ImportError> {
    let Some(mut sheet) = Sheet::open(bytes, COLUMNS, out) else {
        return Ok(());
    };
    let mut people = People::load(c)?;
    let mut teams = Named::load(c, NamedKind::Team)?;
    let mut roles = Named::load(c, NamedKind::Role)?;
    while let Some(row) = sheet.next_row(out) {
        out.report.rows += 1;
        let before = out.problems.total;
        let line = row.line;
        let name = sheet.need(&row, "name", out);
        let email = sheet.get(&row, "email");
        if let Some(e) = email
            && !valid_email(e)
        {
            out.problem(
                line,
                Some("email"),
                format!("{:?} is not an email address", crate::text::inert(e)),
            );
        }
        let joined = sheet
            .get(&row, "joined_on")
            .and_then(|v| parse_date_cell(out, line, "joined_on", v));
        let Some(name) = name else { continue };
        let existing = match email {
            Some(e) => people
                .by_email(e)
                .or_else(|| people.by_name_without_email(name)),
            None => match people.by_name(name) {
                Ok(id) => id,
                Err(msg) => {
                    out.problem(line, Some("name"), msg);
                    continue;
                }
            },
        };
        if out.problems.total > before {
            continue;
        }
        let team_id = match sheet.get(&row, "team") {
            Some(t) => {
                let (id, created) = teams.ensure(c, t)?;
                if created {
                    out.added("teams");
                }
                Some(id)
            }
            None => None,
        };
        let role_id = match sheet.get(&row, "role") {
            Some(r) => {
                let (id, created) = roles.ensure(c, r)?;
                if created {
                    out.added("roles");
                }
                Some(id)
            }
            None => None,
        };
        match existing {
            None => {
                let p = Person {
                    id: 0,
                    name: name.to_string(),
                    email: email.map(str::to_string),
                    team_id,
                    role_id,
                    joined_on: joined,
                    archived: false,
                };
                let id = store::insert_person(c, &p)?;
                people.add(id, name, email);
                out.added("people");
            }
            Some(id) => {
                let Some(old) = store::get_person(c, id)? else {
                    continue;
                };
                let mut new = old.clone();
                new.name = name.to_string();
                if let Some(e) = email
                    && old
                        .email
                        .as_deref()
                        .is_none_or(|o| o.to_lowercase() != e.to_lowercase())
                {
                    new.email = Some(e.to_string());
                }
                new.team_id = team_id.or(old.team_id);
                new.role_id = role_id.or(old.role_id);
                new.joined_on = joined.or(old.joined_on);
                if new == old {
                    out.report.unchanged += 1;
                    continue;
                }
                store::update_person(c, &new)?;
                if new.name != old.name {
                    people.rename(id, &old.name, &new.name);
                }
                people.add(id, &new.name, new.email.as_deref());
                out.updated("people");
            }
        }
    }
    Ok(())
}
