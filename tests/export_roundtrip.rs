//! Round trip: a generated database exported to JSON, turned back into CSV files, imported
//! into a new database, exports the same JSON.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use proptest::prelude::*;
use skillgap::config::Config;
use skillgap::export::{self, ExportFormat, Options, Scope};
use skillgap::import::Kind;
use skillgap::model::{Assessment, Note, Person, Rating, Source};
use skillgap::store::{Store, people, records, skills, teams};

const TEAMS: [&str; 3] = ["Alpha", "Beta team", "Gamma, \"quoted\""];
const ROLES: [&str; 4] = [
    "Individual contributor",
    "Team lead",
    "Manager",
    "Specialist",
];

#[derive(Debug, Clone)]
struct GenPerson {
    name: String,
    email: bool,
    team: Option<usize>,
    role: Option<usize>,
    /// (skill index, level, source index, days before today); one per skill at most.
    ratings: Vec<(usize, u8, usize, u16)>,
    /// (days before today, body, private, skill indexes)
    notes: Vec<(u16, String, bool, Vec<usize>)>,
}

fn person() -> impl Strategy<Value = GenPerson> {
    (
        "[A-Za-zÀ-ÿ ,\"'|#<>=+*_-]{0,12}",
        any::<bool>(),
        proptest::option::of(0..TEAMS.len()),
        proptest::option::of(0..ROLES.len()),
        proptest::collection::btree_map(0usize..22, (0u8..=5, 0usize..3, 0u16..900), 0..8),
        proptest::collection::vec(
            (
                0u16..400,
                "[a-z ,\"|#*]{1,20}( \n- \\[ \\] [a-z]{1,8})?",
                any::<bool>(),
                proptest::collection::btree_set(0usize..22, 0..3),
            ),
            0..3,
        ),
    )
        .prop_map(|(name, email, team, role, ratings, notes)| GenPerson {
            name,
            email,
            team,
            role,
            ratings: ratings
                .into_iter()
                .map(|(s, (l, src, d))| (s, l, src, d))
                .collect(),
            notes: notes
                .into_iter()
                .map(|(d, b, p, s)| (d, b, p, s.into_iter().collect()))
                .collect(),
        })
}

fn build(store: &mut Store, gen_people: &[GenPerson]) {
    let today = today();
    store
        .transaction(|c| {
            let all = skills::list_skills(c)?;
            for (i, g) in gen_people.iter().enumerate() {
                let name = format!("{} {i}", g.name.trim()).trim().to_string();
                let id = people::insert_person(
                    c,
                    &Person {
                        id: 0,
                        name,
                        email: g.email.then(|| format!("p{i}@example.com")),
                        team_id: g
                            .team
                            .map(|t| teams::ensure_team(c, TEAMS[t]))
                            .transpose()?,
                        role_id: g
                            .role
                            .map(|r| teams::ensure_role(c, ROLES[r]))
                            .transpose()?,
                        joined_on: None,
                        archived: false,
                    },
                )?;
                for &(s, level, src, days) in &g.ratings {
                    records::insert_assessment(
                        c,
                        &Assessment {
                            rating: Rating {
                                id: 0,
                                person_id: id,
                                skill_id: all[s].id,
                                level,
                                source: Source::ALL[src],
                                assessed_on: today - chrono::Days::new(u64::from(days)),
                            },
                            score: None,
                            max_score: None,
                            assessor: None,
                            evidence: None,
                        },
                    )?;
                }
                for (n, (days, body, private, tags)) in g.notes.iter().enumerate() {
                    records::insert_note(
                        c,
                        &Note {
                            id: 0,
                            person_id: id,
                            date: today - chrono::Days::new(u64::from(*days)),
                            // Imports trim surrounding space, so generate none.
                            body: format!("{n} {}", body.trim()).trim().to_string(),
                            private: *private,
                            skill_ids: tags.iter().map(|&t| all[t].id).collect(),
                            author: String::new(),
                        },
                    )?;
                }
            }
            Ok(())
        })
        .unwrap();
}

fn json(store: &Store) -> String {
    export::export(
        store.conn(),
        &Config::default(),
        today(),
        &Options {
            scope: Scope::All,
            format: ExportFormat::Json,
            include_private: true,
        },
    )
    .unwrap()
}

fn csv_of(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

/// The JSON export turned back into people, assessments and notes files.
fn to_csv(json: &str) -> [(Kind, Vec<u8>); 3] {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    let (mut people, mut assessments, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    for p in v["people"].as_array().unwrap() {
        let key = if p["email"].is_null() {
            s(&p["name"])
        } else {
            s(&p["email"])
        };
        people.push(vec![
            s(&p["name"]),
            s(&p["email"]),
            s(&p["team"]),
            s(&p["role"]),
        ]);
        for k in p["skills"].as_array().unwrap() {
            if !k["current"].is_null() {
                assessments.push(vec![
                    key.clone(),
                    s(&k["key"]),
                    k["current"].to_string(),
                    s(&k["source"]),
                    s(&k["assessed_on"]),
                ]);
            }
        }
        // Newest first in the export: insert oldest first so the order survives.
        for n in p["notes"].as_array().unwrap().iter().rev() {
            let tags: Vec<String> = n["skills"].as_array().unwrap().iter().map(s).collect();
            notes.push(vec![
                key.clone(),
                s(&n["date"]),
                s(&n["body"]),
                n["private"].to_string(),
                tags.join(";"),
            ]);
        }
    }
    [
        (
            Kind::People,
            csv_of(&["name", "email", "team", "role"], &people),
        ),
        (
            Kind::Assessments,
            csv_of(
                &["person", "skill", "level", "source", "assessed_on"],
                &assessments,
            ),
        ),
        (
            Kind::Notes,
            csv_of(&["person", "date", "body", "private", "skills"], &notes),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn json_to_csv_to_json(gen_people in proptest::collection::vec(person(), 1..6)) {
        let d1 = tempfile::tempdir().unwrap();
        let mut one = fresh(d1.path());
        build(&mut one, &gen_people);
        let first = json(&one);

        let d2 = tempfile::tempdir().unwrap();
        let mut two = fresh(d2.path());
        for (kind, bytes) in to_csv(&first) {
            match import(&mut two, kind, kind.as_str(), &bytes) {
                Ok(_) => {}
                // A header alone: nothing of this kind to carry over.
                Err(e) if format!("{e:?}").contains("no rows after the header") => {}
                Err(e) => panic!("{kind}: {e:?}\n{}", String::from_utf8_lossy(&bytes)),
            }
        }
        prop_assert_eq!(first, json(&two));
    }
}
