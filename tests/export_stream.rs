//! Exports written person by person are byte for byte what the whole document gives, in
//! every format and scope, on the demo; on SQLite and, where installed, PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use skillgap::config::Config;
use skillgap::export::{self, ExportFormat, Options, Scope};

mod pg_common;

#[test]
fn streamed_exports_are_the_whole_document_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        // Fewer people on a server, where the demo's assessments are written one by one.
        let people = if store.is_server() { 24 } else { 60 };
        skillgap::demo::generate(&mut store, people, 3, today).unwrap();
        let config = Config::default();
        let org = skillgap::store::load_org(store.conn()).unwrap();
        let team = org.teams[0].name.clone();
        let person = org.people[7].email.clone().unwrap();
        let nobody_team = {
            let (_, _) = store
                .edit("team", |c| {
                    skillgap::store::teams::insert_team(c, "Empty", None)
                })
                .unwrap();
            "Empty".to_string()
        };
        let mut compared = 0;
        for format in [
            ExportFormat::Md,
            ExportFormat::Csv,
            ExportFormat::Json,
            ExportFormat::Html,
        ] {
            for scope in [
                Scope::All,
                Scope::Team(team.clone()),
                Scope::Person(person.clone()),
                Scope::Team(nobody_team.clone()),
            ] {
                for include_private in [false, true] {
                    let options = Options {
                        scope: scope.clone(),
                        format,
                        include_private,
                    };
                    let whole = export::export(store.conn(), &config, today, &options).unwrap();
                    let loaded = export::Loaded::load(&store, &config, today, &options).unwrap();
                    let mut streamed = Vec::new();
                    loaded.write(&mut streamed).unwrap();
                    let streamed = String::from_utf8(streamed).unwrap();
                    assert!(whole.len() > 100, "{format:?} {scope:?}: {whole}");
                    if whole != streamed {
                        let at = whole
                            .bytes()
                            .zip(streamed.bytes())
                            .position(|(a, b)| a != b)
                            .unwrap_or(whole.len().min(streamed.len()));
                        let from = at.saturating_sub(80);
                        panic!(
                            "{format:?} {scope:?} private {include_private}: differ at byte {at}\nwhole: {:?}\nstreamed: {:?}",
                            &whole[from..(at + 80).min(whole.len())],
                            &streamed[from..(at + 80).min(streamed.len())]
                        );
                    }
                    compared += 1;
                }
            }
        }
        assert_eq!(compared, 32);
    }
}

#[test]
fn an_unknown_scope_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        skillgap::demo::generate(&mut store, 5, 3, today).unwrap();
        let options = Options {
            scope: Scope::Team("No such team".into()),
            format: ExportFormat::Json,
            include_private: false,
        };
        assert!(export::Loaded::load(&store, &Config::default(), today, &options).is_err());
    }
}
