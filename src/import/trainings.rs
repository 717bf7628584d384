//! trainings: title*, provider, url, hours, skills* (`key:level;key:level`). Matched by
//! title (case-insensitive); an existing training changes only where the file differs.

use super::csv_rows::{Col, Sheet, opt, req};
use super::lookup::Skills;
use super::{ImportError, Outcome, clean_text, parse_number};
use crate::model::{Id, Training};
use crate::store::Db;
use crate::store::records;
use crate::text::inert;
use std::collections::HashMap;

pub const COLUMNS: &[Col] = &[
    req("title"),
    opt("provider"),
    opt("url"),
    opt("hours"),
    req("skills"),
];

/// Parses `key:level;key:level` (keys or names; levels 1..5), sorted by skill id.
pub fn parse_develops(skills: &Skills, v: &str) -> Result<Vec<(Id, u8)>, String> {
    let mut out: Vec<(Id, u8)> = Vec::new();
    for part in v.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, l) = part
            .rsplit_once(':')
            .ok_or_else(|| format!("{:?} is not key:level", inert(part)))?;
        let id = skills.resolve(k)?;
        let level = match l.trim().parse::<u8>() {
            Ok(l @ 1..=5) => l,
            _ => return Err(format!("{:?}: level must be 1..5", inert(part))),
        };
        if out.iter().any(|(s, _)| *s == id) {
            return Err(format!("skill {:?} is listed twice", inert(k.trim())));
        }
        out.push((id, level));
    }
    if out.is_empty() {
        return Err("lists no skill (expected key:level;key:level)".into());
    }
    out.sort_unstable();
    Ok(out)
}

/// Only web links: nothing a browser or spreadsheet would run.
fn valid_url(u: &str) -> bool {
    let l = u.to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://"))
        && !u.chars().any(|c| c.is_whitespace() || c.is_control())
}

pub fn import(c: &Db, bytes: &[u8], out: &mut Outcome) -> Result<(), ImportError> {
    let Some(mut sheet) = Sheet::open(bytes, COLUMNS, out) else {
        return Ok(());
    };
    let skills = Skills::load(c)?;
    let mut by_title: HashMap<String, Training> = records::list_trainings(c)?
        .into_iter()
        .map(|mut t| {
            t.develops.sort_unstable();
            (t.title.to_lowercase(), t)
        })
        .collect();
    while let Some(row) = sheet.next_row(out) {
        out.report.rows += 1;
        let line = row.line;
        let before = out.problems.total;
        let title = sheet.need(&row, "title", out);
        let url = sheet.get(&row, "url");
        if let Some(u) = url
            && !valid_url(u)
        {
            out.problem(
                line,
                Some("url"),
                format!("{:?} is not an http or https link", inert(u)),
            );
        }
        let hours = sheet
            .get(&row, "hours")
            .and_then(|v| parse_number(out, line, "hours", v));
        let develops = sheet.need_with(&row, "skills", out, |v| parse_develops(&skills, v));
        let (Some(title), Some(develops)) = (title, develops) else {
            continue;
        };
        if out.problems.total > before {
            continue;
        }
        let key = title.to_lowercase();
        let given = Training {
            id: 0,
            title: title.to_string(),
            provider: sheet.get(&row, "provider").map(clean_text),
            url: url.map(str::to_string),
            hours,
            develops,
        };
        match by_title.get(&key) {
            None => {
                let id = records::upsert_training(c, &given)?;
                by_title.insert(key, Training { id, ..given });
                out.added("trainings");
            }
            Some(old) => {
                let new = Training {
                    id: old.id,
                    title: old.title.clone(),
                    provider: given.provider.or_else(|| old.provider.clone()),
                    url: given.url.or_else(|| old.url.clone()),
                    hours: given.hours.or(old.hours),
                    develops: given.develops,
                };
                if &new == old {
                    out.report.unchanged += 1;
                    continue;
                }
                records::upsert_training(c, &new)?;
                by_title.insert(key, new);
                out.updated("trainings");
            }
        }
    }
    Ok(())
}
