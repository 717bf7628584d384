//! Loads the snapshot the metrics engine reads.

use super::error::{Context, Result};
use super::records::row_to_rating;
use super::{people, records, skills, teams};
use crate::metrics::Org;
use crate::model::Rating;
use rusqlite::Connection;

/// Reads everything the metrics need. Ratings come from `assessment_latest` (at most one per
/// person, skill and source), so start-up cost does not grow with the assessment history;
/// full verified history is read only for people with a completed offer.
pub fn load_org(c: &Connection) -> Result<Org> {
    let ratings = query_ratings(
        c,
        "SELECT assessment_id, person_id, skill_id, level, source, assessed_on
         FROM assessment_latest ORDER BY person_id, skill_id",
    )?;
    let verified_history = query_ratings(
        c,
        "SELECT id, person_id, skill_id, level, source, assessed_on FROM assessments
         WHERE source = 'verified'
           AND person_id IN (SELECT person_id FROM offers WHERE status = 'completed')",
    )?;
    let mut org = Org {
        teams: teams::list_teams(c)?,
        roles: teams::list_roles(c)?,
        role_targets: teams::role_targets(c)?,
        people: people::list_people(c)?,
        overrides: people::overrides(c)?,
        skills: skills::list_skills(c)?,
        ratings,
        verified_history,
        trainings: records::list_trainings(c)?,
        offers: records::list_offers(c)?,
    };
    org.sort_ratings();
    Ok(org)
}

fn query_ratings(c: &Connection, sql: &str) -> Result<Vec<Rating>> {
    let ctx = || "cannot read assessments".to_string();
    let mut stmt = c.prepare(sql).ctx(ctx)?;
    let rows = stmt.query_map([], row_to_rating).ctx(ctx)?;
    rows.collect::<rusqlite::Result<_>>().ctx(ctx)
}
