//! Builders shared by the metrics worked examples (tests/metrics.rs, tests/metrics_insight.rs).
#![allow(dead_code)]

use chrono::NaiveDate;
use skillgap::metrics::Settings;
use skillgap::model::{Rating, Source};

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
