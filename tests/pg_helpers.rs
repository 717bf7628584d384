//! PostgreSQL: the access helpers the policies call (`skillgap_is_owner`,
//! `skillgap_reads_all`, `skillgap_any_grant`, `skillgap_teams`) answer for the caller
//! only: a login asking about another learns nothing, while the policies give each login
//! exactly the rights they gave (tests/pg_access.rs checks those through the CLI). A
//! database made by schema version 1, which answered anyone, is fixed when its owner opens
//! it; anyone else opening it is refused and changes nothing. Runs on the tests' throwaway
//! server; says loudly when PostgreSQL is missing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg_common;

use pg_common::{TestDb, fresh_db};
use skillgap::store::postgres::PG_SCHEMA_VERSION;
use skillgap::store::{Missing, Store};

/// The tables a granted login reads and writes, as `access grant` gives them.
const DATA_TABLES: &str = "teams, skills, skill_levels, roles, role_targets, people, person_targets, assessments, assessment_latest, trainings, training_skills, offers, notes, note_skills";

struct Org {
    db: TestDb,
    eng: String,
    plat: String,
    reader: String,
    nobody: String,
}

/// Engineering has the sub-team Platform; Sales is apart. `eng` manages Engineering,
/// `plat` Platform, `reader` reads the organisation, `nobody` has no grant. Made by hand
/// with the version 1 script when `old`, else by `init` and `access grant`.
fn org(old: bool) -> Option<Org> {
    let db = fresh_db()?;
    let (eng, plat, reader, nobody) = (
        db.login("eng"),
        db.login("plat"),
        db.login("ld"),
        db.login("none"),
    );
    let mut owner = db.client(&db.owner);
    if old {
        owner
            .batch_execute(include_str!("../src/store/postgres/schema/001_initial.sql"))
            .unwrap();
        owner
            .batch_execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', '1'), ('owner', current_user::text)",
            )
            .unwrap();
    } else {
        drop(Store::open(db.owner_url().as_ref(), Missing::Create).unwrap());
    }
    owner
        .batch_execute(
            "INSERT INTO teams (name) VALUES ('Engineering'), ('Sales');
             INSERT INTO teams (name, parent_id) SELECT 'Platform', id FROM teams WHERE name = 'Engineering';
             INSERT INTO people (name, team_id) SELECT 'Ada', id FROM teams WHERE name = 'Engineering';
             INSERT INTO people (name, team_id) SELECT 'Cy', id FROM teams WHERE name = 'Platform';
             INSERT INTO people (name, team_id) SELECT 'Eve', id FROM teams WHERE name = 'Sales';",
        )
        .unwrap();
    for (login, grant) in [
        (
            &eng,
            "team_id, org) SELECT $1, id, false FROM teams WHERE name = 'Engineering'",
        ),
        (
            &plat,
            "team_id, org) SELECT $1, id, false FROM teams WHERE name = 'Platform'",
        ),
        (&reader, "team_id, org) VALUES ($1, NULL, true)"),
    ] {
        owner
            .execute(
                &format!("INSERT INTO access_grants (login, {grant}"),
                &[login],
            )
            .unwrap();
        owner
            .batch_execute(&format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON {DATA_TABLES} TO {login};
                 GRANT SELECT ON meta, changes TO {login};"
            ))
            .unwrap();
    }
    Some(Org {
        db,
        eng,
        plat,
        reader,
        nobody,
    })
}

/// What `sql` (one text column) gives `login`, sorted.
fn texts(db: &TestDb, login: &str, sql: &str) -> Vec<String> {
    let mut out: Vec<String> = db
        .client(login)
        .query(sql, &[])
        .unwrap()
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect();
    out.sort();
    out
}

/// What each helper says to `asker` about `about`: owner, reads all, any grant, and the
/// names of the teams.
fn helpers(db: &TestDb, asker: &str, about: &str) -> (bool, bool, bool, Vec<String>) {
    let mut c = db.client(asker);
    let row = c
        .query_one(
            "SELECT skillgap_is_owner($1), skillgap_reads_all($1), skillgap_any_grant($1)",
            &[&about],
        )
        .unwrap();
    let ids: Vec<i64> = c
        .query("SELECT skillgap_teams($1)", &[&about])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    // Names through the owner, who sees every team.
    let mut names: Vec<String> = db
        .client(&db.owner)
        .query("SELECT name FROM teams WHERE id = ANY($1)", &[&ids])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    names.sort();
    (row.get(0), row.get(1), row.get(2), names)
}

const NOTHING: (bool, bool, bool, Vec<String>) = (false, false, false, Vec::new());

/// The helpers answer each login about itself, and nobody about anyone else.
fn assert_caller_only(o: &Org) {
    let db = &o.db;
    let owner = db.owner.as_str();
    let both = || vec!["Engineering".to_string(), "Platform".to_string()];
    // About oneself: as the policies ask.
    assert_eq!(helpers(db, owner, owner), (true, true, true, vec![]));
    assert_eq!(helpers(db, &o.eng, &o.eng), (false, false, true, both()));
    assert_eq!(
        helpers(db, &o.plat, &o.plat),
        (false, false, true, vec!["Platform".to_string()])
    );
    assert_eq!(
        helpers(db, &o.reader, &o.reader),
        (false, true, true, vec![])
    );
    // About someone else: nothing, whoever asks, the owner included.
    for (asker, about) in [
        (o.plat.as_str(), o.eng.as_str()),
        (o.plat.as_str(), owner),
        (o.plat.as_str(), o.reader.as_str()),
        (o.nobody.as_str(), o.eng.as_str()),
        (o.nobody.as_str(), owner),
        (o.reader.as_str(), o.eng.as_str()),
        (owner, o.eng.as_str()),
        (owner, o.reader.as_str()),
        (o.eng.as_str(), "no_such_login"),
    ] {
        assert_eq!(helpers(db, asker, about), NOTHING, "{asker} about {about}");
    }
    // The policies give what they gave: each login's people and teams.
    let people = "SELECT name FROM people";
    let teams = "SELECT name FROM teams";
    assert_eq!(texts(db, owner, people), ["Ada", "Cy", "Eve"]);
    assert_eq!(texts(db, &o.reader, people), ["Ada", "Cy", "Eve"]);
    assert_eq!(texts(db, &o.eng, people), ["Ada", "Cy"]);
    assert_eq!(texts(db, &o.plat, people), ["Cy"]);
    assert_eq!(texts(db, &o.eng, teams), ["Engineering", "Platform"]);
    assert_eq!(texts(db, &o.plat, teams), ["Platform"]);
    assert_eq!(
        texts(db, &o.reader, teams),
        ["Engineering", "Platform", "Sales"]
    );
    assert_eq!(
        texts(db, owner, teams),
        ["Engineering", "Platform", "Sales"]
    );
}

#[test]
fn the_helpers_answer_for_the_caller_only_and_the_rights_stay_the_same() {
    let Some(o) = org(false) else { return };
    assert_caller_only(&o);
    // A role one is a member of is one's own to ask about (one may SET ROLE to it, and
    // then has its rights, as before).
    // (The database administrator makes one login a member of another.)
    postgres::Client::connect(
        &format!("postgres://postgres@127.0.0.1:{}/postgres", o.db.port),
        postgres::NoTls,
    )
    .unwrap()
    .batch_execute(&format!("GRANT {} TO {}", o.reader, o.plat))
    .unwrap();
    assert_eq!(
        helpers(&o.db, &o.plat, &o.reader),
        (false, true, true, vec![])
    );
    let mut plat = o.db.client(&o.plat);
    plat.batch_execute(&format!("SET ROLE {}", o.reader))
        .unwrap();
    let n: i64 = plat
        .query_one("SELECT count(*) FROM people", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 3, "as the org reader: everyone");
    plat.batch_execute("RESET ROLE").unwrap();
    let n: i64 = plat
        .query_one("SELECT count(*) FROM people", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 1, "as themselves again: their team");
    // Still nothing about the others.
    assert_eq!(helpers(&o.db, &o.plat, &o.eng), NOTHING);
}

#[test]
fn a_version_1_database_is_fixed_when_its_owner_opens_it() {
    let Some(o) = org(true) else { return };
    let db = &o.db;
    // Version 1 answers anyone about anyone: the leak this fixes.
    assert_eq!(
        helpers(db, &o.plat, &o.eng).3,
        ["Engineering", "Platform"],
        "version 1 as made"
    );
    let version = || {
        texts(
            db,
            &db.owner,
            "SELECT value FROM meta WHERE key = 'schema_version'",
        )
    };
    // Anyone but the owner is refused, and nothing changes.
    let Err(e) = Store::open(db.url(&o.eng).as_ref(), Missing::Refuse) else {
        panic!("a manager upgraded the database");
    };
    let said = e.to_string();
    assert!(
        said.contains("older skillgap") && said.contains(&db.owner),
        "{said}"
    );
    assert_eq!(version(), ["1"]);
    // The owner's open upgrades it, in place.
    let store = Store::open(db.owner_url().as_ref(), Missing::Refuse).unwrap();
    assert_eq!(version(), [PG_SCHEMA_VERSION.to_string()]);
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
    drop(store);
    assert_caller_only(&o);
    // And it opens as usual afterwards, for everyone.
    Store::open(db.url(&o.eng).as_ref(), Missing::Refuse).unwrap();
    Store::open(db.owner_url().as_ref(), Missing::Refuse).unwrap();
    assert_eq!(version(), [PG_SCHEMA_VERSION.to_string()]);
}
