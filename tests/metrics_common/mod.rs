//! Builders shared by the metrics worked examples (tests/metrics.rs, tests/metrics_insight.rs),
//! and the three ways each example runs (`through`, `three_ways!`).
#![allow(dead_code, unused_macros, unused_imports)]

pub mod named;
pub mod through;

use chrono::NaiveDate;
use skillgap::metrics::{Org, Settings};
use skillgap::model::{Person, Rating, Source};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub const TODAY: &str = "2026-11-22";

pub fn settings() -> Settings {
    Settings::new(d(TODAY))
}

pub fn r(id: i64, person: i64, skill: i64, level: u8, source: Source, on: &str) -> Rating {
    Rating {
        id,
        person_id: person,
        skill_id: skill,
        level,
        source,
        assessed_on: d(on),
    }
}

/// People 1..=n named P1, P2..., in no team, with no role.
pub fn people(n: i64) -> Vec<Person> {
    (1..=n)
        .map(|id| Person {
            id,
            name: format!("P{id}"),
            email: None,
            team_id: None,
            role_id: None,
            joined_on: None,
            archived: false,
        })
        .collect()
}

/// The smallest organisation that holds `ratings`: the people they name, nothing else.
pub fn ratings_org(ratings: &[Rating]) -> Org {
    let n = ratings.iter().map(|r| r.person_id).max().unwrap_or(0);
    let mut org = Org {
        people: people(n),
        ratings: ratings.to_vec().into(),
        ..Org::default()
    };
    org.sort_ratings();
    org
}

/// Three `#[test]`s for each example `fn name(via: Through)`: `in_memory::name`,
/// `on_sqlite::name` and `on_postgres::name` (which says loudly, and passes, where
/// PostgreSQL is not installed; fails in CI).
macro_rules! three_ways {
    ($($example:ident),+ $(,)?) => {
        $crate::metrics_common::two_ways!($($example),+);
        mod on_postgres {
            $(#[test]
            fn $example() {
                if $crate::pg_common::server().is_none() {
                    return;
                }
                super::$example($crate::metrics_common::through::Through::Postgres)
            })+
        }
    };
}
pub(crate) use three_ways;

/// `in_memory::name` and `on_sqlite::name` only: for the examples of thousands of people. On
/// PostgreSQL each assessment written runs the latest-table trigger (about 2 ms a row), so
/// writing them would cost tens of seconds; the small examples cover that engine.
macro_rules! two_ways {
    ($($example:ident),+ $(,)?) => {
        mod in_memory {
            $(#[test]
            fn $example() {
                super::$example($crate::metrics_common::through::Through::Memory)
            })+
        }
        mod on_sqlite {
            $(#[test]
            fn $example() {
                super::$example($crate::metrics_common::through::Through::Sqlite)
            })+
        }
    };
}
pub(crate) use two_ways;
