//! Loads the snapshot the metrics engine reads.

use super::error::{Context, Result};
use super::records::row_to_rating;
use super::{people, records, skills, teams};
use crate::metrics::Org;
use crate::model::Rating;
use rusqlite::Connection;

/// Reads everything the metrics need. Ratings come from `assessment_latest` (at most one per
/// person, skill and source), so start-up cost does not grow with the assessment history;
/// verified history is read only where a completed training could have changed it.
pub fn load_org(c: &Connection) -> Result<Org> {
    let ratings = query_ratings(
        c,
        "SELECT assessment_id, person_id, skill_id, level, source, assessed_on
         FROM assessment_latest ORDER BY person_id, skill_id",
    )?;
    // CROSS JOIN fixes the join order (offers first), whatever the planner's statistics.
    // Only what verified improvement can use: verified ratings of the skills a completed
    // training develops, for the person who completed it (an index lookup per pair).
    // A rating reached through two completed offers comes twice: kept once, by id (cheaper
    // here than SQLite's DISTINCT).
    let mut verified_history = query_ratings(
        c,
        "SELECT a.id, a.person_id, a.skill_id, a.level, a.source, a.assessed_on
         FROM offers o
         CROSS JOIN training_skills ts ON ts.training_id = o.training_id
         CROSS JOIN assessments a ON a.person_id = o.person_id AND a.skill_id = ts.skill_id
              AND a.source = 'verified'
         WHERE o.status = 'completed'",
    )?;
    verified_history.sort_unstable_by_key(|r| r.id);
    verified_history.dedup_by_key(|r| r.id);
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
