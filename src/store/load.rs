//! Loads the snapshot the metrics engine reads.

use super::db::{Db, DbError};
use super::error::{Context, Result};
use super::records::row_to_rating;
use super::{Store, people, records, skills, teams};
use crate::metrics::{Org, RatingHistory, Ratings, TrendLevels};
use crate::model::{Id, Note, Offer, Person, Rating, Source, Target};
use chrono::NaiveDate;

/// From this many people on, `load_org_with` reads on two connections at once: below it a
/// second connection and a thread cost more than they save.
const PARALLEL_FROM: i64 = 1_000;

/// Reads everything the metrics need. Ratings come from `assessment_latest` (at most one per
/// person, skill and source, kept by triggers), so start-up cost does not grow with the
/// assessment history;
/// verified history is read only where a completed training could have changed it.
pub fn load_org(c: &Db) -> Result<Org> {
    let mut org = read_first(c, (Id::MIN, Id::MAX), 0)?;
    org.offers = records::list_offers(c)?;
    org.sort_ratings();
    org.shrink_to_fit();
    Ok(org)
}

/// `load_org`, and `beside` (the app reads its notes there), on two connections at once
/// when the organisation is large: the first reads people, teams, skills and the ratings of
/// the first half of the people; the second the ratings of the other half, the offers, then
/// runs `beside`. Both read the same snapshot (see `Store::read_in_parallel`), so the result
/// is the one `load_org` followed by `beside` would give.
pub fn load_org_with<B: Send>(
    store: &Store,
    beside: impl FnOnce(&Db) -> B + Send,
) -> Result<(Org, B)> {
    let Some(split) = middle_person(store.conn())? else {
        let (org, b) = store.read(|c| (load_org(c), beside(c)))?;
        return Ok((org?, b));
    };
    // The first half's ratings go into a vector made for all of them, so that the second
    // half is added without growing it (at 100,000 people, doubling 2.7 million ratings
    // held 134 MB for 86 MB of them).
    let all: usize = store
        .conn()
        .query_row("SELECT count(*) FROM assessment_latest", (), |r| {
            r.get::<_, i64>(0)
        })
        .ctx(|| "cannot count assessments".into())
        .map(|n| usize::try_from(n).unwrap_or(0))?;
    let (first, second) = store.read_in_parallel(
        |c| read_first(c, (Id::MIN, split - 1), all),
        |c| -> Result<_> {
            let ratings = query_latest(c, (split, Id::MAX), 0)?;
            let offers = records::list_offers(c)?;
            Ok((ratings, offers, beside(c)))
        },
    )?;
    let mut org = first?;
    let (ratings, offers, b) = second?;
    // The two ranges of people are disjoint and in order: the ratings stay sorted.
    org.ratings.append(ratings);
    org.offers = offers;
    org.sort_ratings();
    org.shrink_to_fit();
    Ok((org, b))
}

/// The id that splits the people in two halves, when there are enough to read in parallel.
fn middle_person(c: &Db) -> Result<Option<Id>> {
    let n = people::count_people(c)?;
    if n < PARALLEL_FROM {
        return Ok(None);
    }
    c.query_row(
        "SELECT id FROM people ORDER BY id LIMIT 1 OFFSET ?1",
        [n / 2],
        |r| r.get(0),
    )
    .ctx(|| "cannot split people".into())
    .map(Some)
}

/// Everything but the offers, with the ratings of the people whose id lies in `people`.
/// `capacity`: how many ratings the vector is made for (more are added later).
fn read_first(c: &Db, people: (Id, Id), capacity: usize) -> Result<Org> {
    let ratings = query_latest(c, people, capacity)?;
    let verified_history = query_verified(c, None)?;
    Ok(Org {
        teams: teams::list_teams(c)?,
        roles: teams::list_roles(c)?,
        role_targets: teams::role_targets(c)?,
        people: people::list_people(c)?,
        overrides: people::overrides(c)?,
        skills: skills::list_skills(c)?,
        ratings,
        verified_history,
        trainings: records::list_trainings(c)?,
        offers: Vec::new(),
    })
}

/// One person's latest ratings and verified history, read again after their assessments
/// changed: what `load_org` reads for them (see `Org::set_person_ratings`).
pub fn load_person_ratings(c: &Db, person_id: Id) -> Result<(Vec<Rating>, Vec<Rating>)> {
    let person = (person_id, person_id);
    Ok((
        query_latest(c, person, 0)?.iter().collect(),
        query_verified(c, Some(person_id))?,
    ))
}

/// Everything `load_org` (with the notes, private ones included) holds of one person, read
/// again after a change touched their rows. `person` is `None` when they no longer exist.
#[derive(Debug, Clone, Default)]
pub struct PersonRows {
    pub person: Option<Person>,
    pub overrides: Vec<Target>,
    pub ratings: Vec<Rating>,
    pub verified: Vec<Rating>,
    pub offers: Vec<Offer>,
    pub notes: Vec<Note>,
}

/// Reads one person's rows, in the orders `load_org` and `list_notes` give them. Inside
/// a read transaction, so the parts are of one snapshot.
pub fn load_person(c: &Db, person_id: Id) -> Result<PersonRows> {
    c.transaction_or_rollback(|tx| {
        let person = people::get_person(tx, person_id)?;
        let overrides = teams::targets_by_owner(
            tx,
            &format!(
                "SELECT person_id, skill_id, level, weight FROM person_targets WHERE person_id = {person_id}"
            ),
        )?
        .remove(&person_id)
        .unwrap_or_default();
        let (ratings, verified) = load_person_ratings(tx, person_id)?;
        let offers = records::offers_of(tx, person_id)?;
        let notes = records::notes_of(tx, person_id)?;
        // Only read: rolled back.
        Ok((
            PersonRows {
                person,
                overrides,
                ratings,
                verified,
                offers,
                notes,
            },
            false,
        ))
    })
}

/// Every assessment as a rating, for the readiness trend (which needs each current level as
/// of past dates, not only the latest). One scan of the table with numbers only (source and
/// date decoded by SQLite), sorted here: about 1,000,000 assessments of 10,000 people cost
/// a few hundred milliseconds and 40 MB (see the README).
pub fn load_history(c: &Db) -> Result<RatingHistory> {
    Ok(RatingHistory::new(query_history(c, None)?))
}

/// What the readiness trend needs of the whole history, worked out as it streams past in
/// person order (`TrendLevels`): the history itself is never held. On SQLite the order is
/// the covering index `assessments_person` (schema 005 added `level` to it), so the read
/// is one index scan and no sort.
pub fn load_trend_levels(
    c: &Db,
    precedence: &[Source],
    dates: &[NaiveDate],
) -> Result<TrendLevels> {
    let ctx = || "cannot read the assessment history".to_string();
    let mut levels = TrendLevels::empty(precedence, dates);
    let mut stmt = c
        .prepare(
            "SELECT id, person_id, skill_id, level, source, assessed_on FROM assessments
             ORDER BY person_id, skill_id, source, assessed_on, id",
        )
        .ctx(ctx)?;
    let mut own: Vec<Rating> = Vec::new();
    stmt.for_each((), |r| {
        let rating = row_to_rating(r)?;
        if own.first().is_some_and(|o| o.person_id != rating.person_id) {
            levels.push_person(&mut own);
            own.clear();
        }
        own.push(rating);
        Ok(())
    })
    .ctx(ctx)?;
    levels.push_person(&mut own);
    levels.shrink_to_fit();
    Ok(levels)
}

/// What the trend needs for as-of dates on or after `from` (its first point,
/// `metrics::trend_dates(today)[0]`): every assessment dated after `from`, and of each
/// (person, skill, source) the latest on or before it (one seek in `assessments_person` per
/// entry of `assessment_latest`). Any current level as of such a date is among these, so the
/// trend is the one the whole history gives. Its cost is bounded by the last year's
/// assessments and the number of (person, skill, source), not by the length of the history;
/// but the seeks cost about as much as reading the rows: at 10,000 people and a million
/// assessments (about four per person, skill and source) it took 1.2 s against 1.1 s for
/// `load_history`, which the commands use. It pays off on much longer histories.
pub fn load_history_since(c: &Db, from: NaiveDate) -> Result<RatingHistory> {
    let from = from.format("%Y-%m-%d").to_string();
    let mut ratings = query_ratings(
        c,
        "SELECT id, person_id, skill_id, level, source, assessed_on FROM assessments
         WHERE assessed_on > ?1",
        [&from],
    )?;
    ratings.extend(query_ratings(
        c,
        "SELECT a.id, a.person_id, a.skill_id, a.level, a.source, a.assessed_on
         FROM assessment_latest l CROSS JOIN assessments a
         WHERE a.id = (
             SELECT b.id FROM assessments b
             WHERE b.person_id = l.person_id AND b.skill_id = l.skill_id
               AND b.source = CASE l.source WHEN 0 THEN 'self' WHEN 1 THEN 'manager'
                                            ELSE 'verified' END
               AND b.assessed_on <= ?1
             ORDER BY b.assessed_on DESC, b.id DESC LIMIT 1)",
        [&from],
    )?);
    Ok(RatingHistory::new(ratings))
}

/// One person's assessments as ratings (`RatingHistory::set_person` after they changed, or
/// the person view's readiness by month).
pub fn load_person_history(c: &Db, person_id: Id) -> Result<Vec<Rating>> {
    query_history(c, Some(person_id))
}

fn query_history(c: &Db, person: Option<Id>) -> Result<Vec<Rating>> {
    // Text decoded here (`row_to_rating`: a hand-written date parser) costs less than
    // SQLite's date functions on every row.
    const SQL: &str = "SELECT id, person_id, skill_id, level, source, assessed_on FROM assessments";
    match person {
        None => query_ratings(c, SQL, ()),
        Some(p) => query_ratings(c, &format!("{SQL} WHERE person_id = ?1"), [p]),
    }
}

/// The assessor of each latest manager rating that names one, by assessment id (for manager
/// drift per assessor: `metrics::drift_by_assessor`).
pub fn load_manager_assessors(c: &Db) -> Result<crate::metrics::Assessors> {
    let ctx = || "cannot read assessors".to_string();
    let mut stmt = c
        .prepare(
            "SELECT a.id, a.assessor FROM assessment_latest l
             JOIN assessments a ON a.id = l.assessment_id
             WHERE l.source = 1 AND a.assessor IS NOT NULL AND trim(a.assessor) <> ''",
        )
        .ctx(ctx)?;
    let mut out = crate::metrics::Assessors::default();
    stmt.for_each((), |r| {
        out.push(r.get(0)?, &r.get::<_, String>(1)?);
        Ok(())
    })
    .ctx(ctx)?;
    out.finish();
    Ok(out)
}

/// The verified history of everyone, or of one person, by id. CROSS JOIN fixes
/// the join order (offers first), whatever the planner's statistics. Only what verified
/// improvement can use: verified ratings of the skills a completed training develops, for
/// the person who completed it (a lookup in the covering index `assessments_verified` per
/// pair). A rating reached through two completed offers comes twice: kept once, by id
/// (cheaper here than SQLite's DISTINCT).
fn query_verified(c: &Db, person: Option<Id>) -> Result<Vec<Rating>> {
    const SQL: &str = "SELECT a.id, a.person_id, a.skill_id, a.level, a.source, a.assessed_on
         FROM offers o
         CROSS JOIN training_skills ts ON ts.training_id = o.training_id
         CROSS JOIN assessments a ON a.person_id = o.person_id AND a.skill_id = ts.skill_id
              AND a.source = 'verified'
         WHERE o.status = 'completed'";
    // Everyone: a scan of the offers. One person: their offers through the index.
    // PostgreSQL takes no ON after CROSS JOIN; its planner, misled by the access policies'
    // estimates, would scan every assessment for a hash join: the lateral subquery (kept
    // whole by OFFSET 0) looks up each completed offer's skills in the index instead.
    let sql = if c.is_postgres() {
        "SELECT a.id, a.person_id, a.skill_id, a.level, a.source, a.assessed_on
         FROM offers o
         JOIN training_skills ts ON ts.training_id = o.training_id
         CROSS JOIN LATERAL (
             SELECT id, person_id, skill_id, level, source, assessed_on FROM assessments
             WHERE person_id = o.person_id AND skill_id = ts.skill_id AND source = 'verified'
             OFFSET 0) a
         WHERE o.status = 'completed'"
            .to_string()
    } else {
        SQL.to_string()
    };
    let mut verified = match person {
        None => query_ratings(c, &sql, ())?,
        Some(p) => query_ratings(c, &format!("{sql} AND o.person_id = ?1"), [p])?,
    };
    verified.sort_unstable_by_key(|r| r.id);
    verified.dedup_by_key(|r| r.id);
    Ok(verified)
}

/// The latest ratings of the people whose id lies in `people` (inclusive), by person and
/// skill. The table holds numbers only (see schema 002): read without any text.
fn query_latest(c: &Db, people: (Id, Id), capacity: usize) -> Result<Ratings> {
    let ctx = || "cannot read assessments".to_string();
    let mut stmt = c
        .prepare(
            "SELECT assessment_id, person_id, skill_id, level, source, day
             FROM assessment_latest WHERE person_id BETWEEN ?1 AND ?2
             ORDER BY person_id, skill_id",
        )
        .ctx(ctx)?;
    // Packed as they arrive, in the order asked for (see `Ratings`).
    let mut out = Ratings::with_capacity(capacity);
    if let Db::Postgres(pg) = c {
        // Numbers only, read in the server's binary copy format (see `copy_out`).
        let query = format!(
            "SELECT assessment_id, person_id, skill_id, level, source, day
             FROM assessment_latest WHERE person_id BETWEEN {} AND {}
             ORDER BY person_id, skill_id",
            people.0, people.1
        );
        super::postgres::each_row_of_numbers(pg, &query, &[8, 8, 8, 4, 4, 4], |n| {
            out.push_sorted(rating_of(n[0], n[1], n[2], n[3], n[4], Some(n[5]))?);
            Ok(())
        })
        .ctx(ctx)?;
        return Ok(out);
    }
    stmt.for_each([people.0, people.1], |r| {
        out.push_sorted(latest_rating(r)?);
        Ok(())
    })
    .ctx(ctx)?;
    Ok(out)
}

/// A row of `assessment_latest`: source 0 self, 1 manager, 2 verified; day counted from
/// 1970-01-01 (NULL when the assessment's date is not a real date).
fn latest_rating(r: &super::db::Row<'_>) -> super::db::DbResult<Rating> {
    rating_of(
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    )
}

/// A rating from the numbers of a row of `assessment_latest`.
fn rating_of(
    id: Id,
    person_id: Id,
    skill_id: Id,
    level: i64,
    source: i64,
    day: Option<i64>,
) -> super::db::DbResult<Rating> {
    let bad = |idx: usize, what: String| DbError::Convert(format!("column {idx}: {what}"));
    let source = match source {
        0 => Source::SelfRated,
        1 => Source::Manager,
        2 => Source::Verified,
        other => return Err(bad(4, format!("assessment {id}: unknown source {other}"))),
    };
    let assessed_on = day
        .and_then(|d| i32::try_from(d + DAYS_TO_1970).ok())
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or_else(|| {
            bad(
                5,
                format!("assessment {id}: its date is not a YYYY-MM-DD date"),
            )
        })?;
    let level = u8::try_from(level)
        .map_err(|_| bad(3, format!("assessment {id}: level {level} out of range")))?;
    Ok(Rating {
        id,
        person_id,
        skill_id,
        level,
        source,
        assessed_on,
    })
}

/// Days from 0001-01-01 (day 1 of the common era, as chrono counts) to 1970-01-01.
const DAYS_TO_1970: i64 = 719_163;

fn query_ratings(c: &Db, sql: &str, params: impl super::db::Params) -> Result<Vec<Rating>> {
    let ctx = || "cannot read assessments".to_string();
    let mut stmt = c.prepare(sql).ctx(ctx)?;
    let rows = stmt.query_map(params, row_to_rating).ctx(ctx)?;
    rows.collect::<super::db::DbResult<_>>().ctx(ctx)
}

#[cfg(test)]
mod tests {
    use super::DAYS_TO_1970;
    use chrono::{Datelike, NaiveDate};

    #[test]
    fn day_numbers_count_from_1970() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        assert_eq!(i64::from(epoch.num_days_from_ce()), DAYS_TO_1970);
    }
}
