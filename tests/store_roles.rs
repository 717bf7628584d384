//! Deleting a role in the store: what it touches (its targets go, its people stay without a
//! role) and undo and redo through the history log, people's roles included. On SQLite and,
//! where installed, PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use skillgap::model::{Id, Person, Target};
use skillgap::store::{History, Store, people, skills, teams};

mod pg_common;

fn person(name: &str, role_id: Option<Id>, archived: bool) -> Person {
    Person {
        id: 0,
        name: name.into(),
        email: None,
        team_id: None,
        role_id,
        joined_on: None,
        archived,
    }
}

/// Roles, their targets and people, as text, to compare states.
fn dump(store: &Store) -> String {
    let c = store.conn();
    let mut out = String::new();
    for sql in [
        "SELECT 'role', id, name, 0, 0 FROM roles",
        "SELECT 'target', role_id, skill_id, level, weight FROM role_targets",
        "SELECT 'person', id, name, coalesce(role_id, -1), archived FROM people",
    ] {
        let mut stmt = c.prepare(&format!("{sql} ORDER BY 2, 3")).unwrap();
        let rows = stmt
            .query_map((), |r| {
                Ok(format!(
                    "{} {} {} {} {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)
                        .or_else(|_| r.get::<_, i64>(2).map(|v| v.to_string()))?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?
                ))
            })
            .unwrap();
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

#[test]
fn deleting_a_role_drops_its_targets_frees_its_people_and_undo_restores_all() {
    let dir = tempfile::tempdir().unwrap();
    for (engine, mut store) in pg_common::engines(dir.path()) {
        eprintln!("on {engine}:");
        let skill_ids: Vec<Id> = skills::list_skills(store.conn())
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect();
        let (role, other, ids) = store
            .transaction(|tx| {
                let role = teams::insert_role(tx, "Analyst")?;
                teams::set_role_targets(
                    tx,
                    role,
                    &[
                        Target {
                            skill_id: skill_ids[0],
                            level: 3,
                            weight: 2,
                        },
                        Target {
                            skill_id: skill_ids[1],
                            level: 5,
                            weight: 3,
                        },
                    ],
                )?;
                let other = teams::insert_role(tx, "Auditor")?;
                let ids = vec![
                    people::insert_person(tx, &person("Ada", Some(role), false))?,
                    people::insert_person(tx, &person("Ben", Some(role), false))?,
                    people::insert_person(tx, &person("Cy", Some(role), true))?,
                    people::insert_person(tx, &person("Di", Some(other), false))?,
                ];
                Ok((role, other, ids))
            })
            .unwrap();
        assert_eq!(
            teams::role_dependents(store.conn(), role).unwrap(),
            teams::RoleDependents {
                targets: 2,
                people: 2,
                archived: 1
            }
        );
        assert_eq!(
            teams::role_dependents(store.conn(), other).unwrap(),
            teams::RoleDependents {
                targets: 0,
                people: 1,
                archived: 0
            }
        );
        let before = dump(&store);
        let mut h = History::default();
        let (_, change) = store
            .edit("delete role Analyst", |c| teams::delete_role(c, role))
            .unwrap();
        h.push(change);

        let role_of = |store: &Store, id: Id| {
            people::get_person(store.conn(), id)
                .unwrap()
                .expect("kept")
                .role_id
        };
        assert!(teams::role_id(store.conn(), "Analyst").unwrap().is_none());
        assert!(
            !teams::role_targets(store.conn())
                .unwrap()
                .contains_key(&role)
        );
        for &id in &ids[..3] {
            assert_eq!(role_of(&store, id), None, "kept, without a role");
        }
        assert_eq!(
            role_of(&store, ids[3]),
            Some(other),
            "another role untouched"
        );
        assert_eq!(
            teams::role_dependents(store.conn(), role).unwrap(),
            teams::RoleDependents::default()
        );
        let deleted = dump(&store);
        assert_ne!(deleted, before);

        assert_eq!(
            h.undo(&store).unwrap().as_deref(),
            Some("delete role Analyst")
        );
        assert_eq!(
            dump(&store),
            before,
            "role, targets and people's roles back"
        );
        assert_eq!(role_of(&store, ids[2]), Some(role), "archived too");
        let targets = &teams::role_targets(store.conn()).unwrap()[&role];
        let mut weights: Vec<u8> = targets.iter().map(|t| t.weight).collect();
        weights.sort();
        assert_eq!(weights, [2, 3]);

        h.redo(&store).unwrap();
        assert_eq!(dump(&store), deleted);
        h.undo(&store).unwrap();
        assert_eq!(dump(&store), before);
        assert!(store.check().unwrap().is_empty(), "no broken references");
    }
}
