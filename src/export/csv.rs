//! CSV: one row per person and targeted skill; formula-like cells neutralised.

use super::Document;
use super::escape::csv_cell;

pub const HEADER: [&str; 14] = [
    "team",
    "person",
    "email",
    "role",
    "skill_key",
    "skill",
    "category",
    "target",
    "current",
    "source",
    "assessed_on",
    "gap",
    "stale",
    "readiness",
];

fn fraction(v: Option<f64>) -> String {
    v.map_or_else(String::new, |f| format!("{:.4}", f))
}

pub fn render(doc: &Document) -> String {
    super::stream::to_string(|w| write(w, super::stream::held(doc)))
}

/// Writes the rows of `people` (with the header row).
pub fn write(
    w: &mut dyn std::io::Write,
    people: &dyn super::stream::People,
) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    w.write_record(HEADER)?;
    people.each(&mut |p| {
        let team = p.team.as_deref().unwrap_or("");
        let email = p.email.as_deref().unwrap_or("");
        let role = p.role.as_deref().unwrap_or("");
        let readiness = fraction(p.readiness);
        for s in &p.skills {
            w.write_record([
                csv_cell(team).as_ref(),
                csv_cell(&p.name).as_ref(),
                csv_cell(email).as_ref(),
                csv_cell(role).as_ref(),
                s.key.as_str(),
                csv_cell(&s.name).as_ref(),
                csv_cell(&s.category).as_ref(),
                &s.target.to_string(),
                &s.current.map_or_else(String::new, |c| c.to_string()),
                s.source.unwrap_or(""),
                s.assessed_on.as_deref().unwrap_or(""),
                &s.gap.to_string(),
                if s.stale { "true" } else { "false" },
                &readiness,
            ])?;
        }
        Ok(())
    })?;
    w.flush()
}
