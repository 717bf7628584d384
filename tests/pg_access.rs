//! PostgreSQL: the owner and three logins (a manager of a parent team, a manager of a
//! sub-team, an org reader) and one without a grant. Who sees which people, notes and
//! figures, through the CLI and through plain SQL with each login; what the database
//! refuses. Runs on a throwaway server (tests/pg_common); says loudly when it cannot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg_common;

use assert_cmd::Command;
use pg_common::{TestDb, fresh_db};
use skillgap::store::{Missing, Store, teams};

const TODAY: &str = "2026-11-22";

fn cli(url: &str) -> Command {
    let mut c = Command::cargo_bin("skillgap").unwrap();
    c.env("SKILLGAP_TODAY", TODAY)
        .env_remove("SKILLGAP_DB")
        .env_remove("SKILLGAP_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-skillgap-test")
        .env_remove("PGPASSWORD")
        .args(["--db", url]);
    c
}

fn ok(url: &str, args: &[&str]) -> String {
    let out = cli(url).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(url: &str, args: &[&str]) -> String {
    let out = cli(url).args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

/// Names of the people an export as `url` shows.
fn people_seen(url: &str) -> Vec<String> {
    let json = ok(url, &["export", "--format", "json", "--include-private"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut names: Vec<String> = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

/// A server's refusal in its own words.
fn said(e: &postgres::Error) -> String {
    e.as_db_error()
        .map_or_else(|| e.to_string(), |d| d.message().to_string())
}

fn sql_names(db: &TestDb, login: &str, sql: &str) -> Vec<String> {
    let mut c = db.client(login);
    c.query(sql, &[])
        .unwrap()
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect()
}

struct Org {
    db: TestDb,
    parent_mgr: String,
    sub_mgr: String,
    reader: String,
    nobody: String,
    dir: tempfile::TempDir,
}

/// Engineering (Ada, Bob) has the sub-team Platform (Cy, Dee); Sales (Eve) is apart.
fn org() -> Option<Org> {
    let db = fresh_db()?;
    let owner = db.owner_url();
    let said = ok(&owner, &["init"]);
    assert!(said.starts_with("created postgres://"), "{said}");
    {
        let store = Store::open(owner.as_ref(), Missing::Refuse).unwrap();
        let eng = teams::insert_team(store.conn(), "Engineering", None).unwrap();
        teams::insert_team(store.conn(), "Platform", Some(eng)).unwrap();
        teams::insert_team(store.conn(), "Sales", None).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let people = write(
        dir.path(),
        "people.csv",
        "name,email,team,role\nAda,ada@x.org,Engineering,Engineer\nBob,bob@x.org,Engineering,Engineer\n\
         Cy,cy@x.org,Platform,Engineer\nDee,dee@x.org,Platform,Engineer\nEve,eve@x.org,Sales,\n",
    );
    ok(&owner, &["import", "people", &people]);
    let assessments = write(
        dir.path(),
        "assessments.csv",
        "person,skill,level,source,assessed_on\nada@x.org,prompting,3,verified,2026-10-01\n\
         cy@x.org,prompting,2,self,2026-10-01\neve@x.org,prompting,4,manager,2026-10-01\n",
    );
    ok(&owner, &["import", "assessments", &assessments]);
    let notes = write(
        dir.path(),
        "notes.csv",
        "person,date,body,private\ncy@x.org,2026-11-01,shared note about Cy,false\n\
         cy@x.org,2026-11-02,OWNER-PRIVATE about Cy,true\neve@x.org,2026-11-03,shared note about Eve,false\n",
    );
    ok(&owner, &["import", "notes", &notes]);
    let parent_mgr = db.login("eng");
    let sub_mgr = db.login("plat");
    let reader = db.login("ld");
    let nobody = db.login("none");
    ok(
        &owner,
        &["access", "grant", &parent_mgr, "--team", "Engineering"],
    );
    ok(&owner, &["access", "grant", &sub_mgr, "--team", "Platform"]);
    ok(&owner, &["access", "grant", &reader, "--org"]);
    Some(Org {
        db,
        parent_mgr,
        sub_mgr,
        reader,
        nobody,
        dir,
    })
}

#[test]
fn each_login_sees_exactly_its_people_through_the_cli_and_through_sql() {
    let Some(o) = org() else { return };
    let all = ["Ada", "Bob", "Cy", "Dee", "Eve"];
    assert_eq!(people_seen(&o.db.owner_url()), all);
    assert_eq!(people_seen(&o.db.url(&o.reader)), all);
    assert_eq!(
        people_seen(&o.db.url(&o.parent_mgr)),
        ["Ada", "Bob", "Cy", "Dee"]
    );
    assert_eq!(people_seen(&o.db.url(&o.sub_mgr)), ["Cy", "Dee"]);
    let none = fails(&o.db.url(&o.nobody), &["report"]);
    assert!(
        none.starts_with("error:") && none.contains("not allowed"),
        "{none}"
    );

    let sql = "SELECT name FROM people ORDER BY name";
    assert_eq!(sql_names(&o.db, &o.reader, sql), all);
    assert_eq!(
        sql_names(&o.db, &o.parent_mgr, sql),
        ["Ada", "Bob", "Cy", "Dee"]
    );
    assert_eq!(sql_names(&o.db, &o.sub_mgr, sql), ["Cy", "Dee"]);
    let err = o.db.client(&o.nobody).query(sql, &[]).unwrap_err();
    assert!(said(&err).contains("permission denied"), "{}", said(&err));
    // Assessments follow their people; the catalog is read by everyone granted.
    let assessed =
        "SELECT p.name FROM assessments a JOIN people p ON p.id = a.person_id ORDER BY 1";
    assert_eq!(sql_names(&o.db, &o.sub_mgr, assessed), ["Cy"]);
    assert_eq!(sql_names(&o.db, &o.reader, assessed), ["Ada", "Cy", "Eve"]);
    let skills = "SELECT key FROM skills WHERE key = 'prompting'";
    assert_eq!(sql_names(&o.db, &o.sub_mgr, skills), ["prompting"]);
    // The figures are those of what each sees: the sub-team's report counts two people.
    let report = ok(&o.db.url(&o.sub_mgr), &["report"]);
    assert!(report.contains("(2 people)"), "{report}");
    assert!(!report.contains("Sales"), "{report}");
    // Teams: a manager sees their teams and sub-teams only.
    let t = "SELECT name FROM teams ORDER BY name";
    assert_eq!(
        sql_names(&o.db, &o.parent_mgr, t),
        ["Engineering", "Platform"]
    );
    assert_eq!(sql_names(&o.db, &o.sub_mgr, t), ["Platform"]);
    assert_eq!(
        sql_names(&o.db, &o.reader, t),
        ["Engineering", "Platform", "Sales"]
    );
    let list = ok(&o.db.owner_url(), &["access", "list"]);
    assert!(
        list.contains(&format!("{}\tteam Platform", o.sub_mgr)),
        "{list}"
    );
    drop(o.dir);
}

#[test]
fn the_database_refuses_what_a_login_may_not_change() {
    let Some(o) = org() else { return };
    // SQL by hand: an insert into another team's people.
    let mut sub = o.db.client(&o.sub_mgr);
    let sales: i64 =
        o.db.client(&o.owner_name())
            .query_one("SELECT id FROM teams WHERE name = 'Sales'", &[])
            .unwrap()
            .get(0);
    let err = sub
        .execute(
            "INSERT INTO people (name, team_id) VALUES ('Mallory', $1)",
            &[&sales],
        )
        .unwrap_err();
    assert!(said(&err).contains("row-level security"), "{}", said(&err));
    // Updating someone out of sight changes nothing.
    let n = sub
        .execute("UPDATE people SET name = 'X' WHERE name = 'Eve'", &[])
        .unwrap();
    assert_eq!(n, 0);
    // Moving one's own person to another team is refused too.
    let err = sub
        .execute(
            "UPDATE people SET team_id = $1 WHERE name = 'Cy'",
            &[&sales],
        )
        .unwrap_err();
    assert!(said(&err).contains("row-level security"), "{}", said(&err));
    // The same through the CLI: one readable line.
    let people = write(
        o.dir.path(),
        "more.csv",
        "name,email,team\nMallory,m@x.org,Sales\n",
    );
    let err = fails(&o.db.url(&o.sub_mgr), &["import", "people", &people]);
    assert!(err.starts_with("error:"), "{err}");
    assert!(
        err.contains("not yours to change") || err.contains("not allowed"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    // A manager adds to their own team; the reader may not add people but edits the catalog.
    let mine = write(
        o.dir.path(),
        "mine.csv",
        "name,email,team\nFay,fay@x.org,Platform\n",
    );
    ok(&o.db.url(&o.sub_mgr), &["import", "people", &mine]);
    let theirs = write(
        o.dir.path(),
        "r.csv",
        "name,email,team\nGus,gus@x.org,Platform\n",
    );
    fails(&o.db.url(&o.reader), &["import", "people", &theirs]);
    let trainings = write(
        o.dir.path(),
        "t.csv",
        "title,provider,hours,skills\nPrompting 101,L&D,4,prompting:3\n",
    );
    ok(&o.db.url(&o.reader), &["import", "trainings", &trainings]);
    let t2 = write(
        o.dir.path(),
        "t2.csv",
        "title,hours,skills\nOther,2,prompting:2\n",
    );
    fails(&o.db.url(&o.sub_mgr), &["import", "trainings", &t2]);
    // Only the owner manages access.
    let err = fails(
        &o.db.url(&o.reader),
        &["access", "grant", &o.nobody, "--org"],
    );
    assert!(err.contains("owner"), "{err}");
}

#[test]
fn a_manager_adds_a_sub_team_under_their_team_and_nowhere_else() {
    // The app adds a team with the store's insert_team, which asks for the new id back: the
    // new row must be readable by its writer in the same statement.
    let Some(o) = org() else { return };
    let parent = Store::open(o.db.url(&o.parent_mgr).as_ref(), Missing::Refuse).unwrap();
    let eng = teams::team_id(parent.conn(), "Engineering")
        .unwrap()
        .unwrap();
    let ml = teams::insert_team(parent.conn(), "ML Platform", Some(eng)).unwrap();
    assert!(ml > 0);
    assert_eq!(
        teams::team_id(parent.conn(), "ML Platform").unwrap(),
        Some(ml)
    );
    // The sub-team's manager adds one under Platform; the parent manager sees it too.
    let sub = Store::open(o.db.url(&o.sub_mgr).as_ref(), Missing::Refuse).unwrap();
    let plat = teams::team_id(sub.conn(), "Platform").unwrap().unwrap();
    teams::insert_team(sub.conn(), "Platform SRE", Some(plat)).unwrap();
    let t = "SELECT name FROM teams ORDER BY name";
    assert_eq!(
        sql_names(&o.db, &o.parent_mgr, t),
        ["Engineering", "ML Platform", "Platform", "Platform SRE"]
    );
    assert_eq!(
        sql_names(&o.db, &o.sub_mgr, t),
        ["Platform", "Platform SRE"]
    );
    assert_eq!(
        sql_names(&o.db, &o.reader, t),
        [
            "Engineering",
            "ML Platform",
            "Platform",
            "Platform SRE",
            "Sales"
        ]
    );
    // Nowhere else: not at the top, not under a team of someone else's, nothing written.
    let err = teams::insert_team(sub.conn(), "Skunkworks", None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not yours to change"), "{err}");
    let err = teams::insert_team(sub.conn(), "Under Eng", Some(eng))
        .unwrap_err()
        .to_string();
    assert!(err.contains("not yours to change"), "{err}");
    let owner_sees = sql_names(&o.db, &o.db.owner, t);
    assert_eq!(
        owner_sees,
        [
            "Engineering",
            "ML Platform",
            "Platform",
            "Platform SRE",
            "Sales"
        ]
    );
    // A person put in the new sub-team by its manager is seen by both managers.
    let csv = write(
        o.dir.path(),
        "sre.csv",
        "name,email,team\nFay,fay@x.org,Platform SRE\n",
    );
    ok(&o.db.url(&o.sub_mgr), &["import", "people", &csv]);
    let people = "SELECT name FROM people WHERE name = 'Fay'";
    assert_eq!(sql_names(&o.db, &o.parent_mgr, people), ["Fay"]);
    drop(o.dir);
}

#[test]
fn a_private_note_is_read_by_its_author_alone_the_owner_included() {
    let Some(o) = org() else { return };
    let notes = "SELECT body FROM notes ORDER BY date";
    // The owner's private note: the owner reads it, nobody else.
    assert_eq!(
        sql_names(&o.db, &o.owner_name(), notes),
        [
            "shared note about Cy",
            "OWNER-PRIVATE about Cy",
            "shared note about Eve"
        ]
    );
    assert_eq!(
        sql_names(&o.db, &o.sub_mgr, notes),
        ["shared note about Cy"]
    );
    assert_eq!(
        sql_names(&o.db, &o.parent_mgr, notes),
        ["shared note about Cy"]
    );
    assert_eq!(
        sql_names(&o.db, &o.reader, notes),
        ["shared note about Cy", "shared note about Eve"]
    );
    // The sub-team's manager writes a private note: only they read it.
    let f = write(
        o.dir.path(),
        "n.csv",
        "person,date,body,private\ncy@x.org,2026-11-10,PLAT-PRIVATE,true\n",
    );
    ok(&o.db.url(&o.sub_mgr), &["import", "notes", &f]);
    let private = "SELECT body FROM notes WHERE private ORDER BY date";
    assert_eq!(sql_names(&o.db, &o.sub_mgr, private), ["PLAT-PRIVATE"]);
    assert_eq!(
        sql_names(&o.db, &o.owner_name(), private),
        ["OWNER-PRIVATE about Cy"]
    );
    assert!(sql_names(&o.db, &o.parent_mgr, private).is_empty());
    assert!(sql_names(&o.db, &o.reader, private).is_empty());
    let author = "SELECT author FROM notes WHERE body = 'PLAT-PRIVATE'";
    assert_eq!(
        sql_names(&o.db, &o.sub_mgr, author),
        std::slice::from_ref(&o.sub_mgr)
    );
    // Through the CLI: the export with --include-private shows each their own.
    let owner_md = ok(&o.db.owner_url(), &["export", "--include-private"]);
    assert!(!owner_md.contains("PLAT-PRIVATE"));
    let sub_json = ok(
        &o.db.url(&o.sub_mgr),
        &["export", "--format", "json", "--include-private"],
    );
    assert!(sub_json.contains("PLAT-PRIVATE") && !sub_json.contains("OWNER-PRIVATE"));
}

impl Org {
    fn owner_name(&self) -> String {
        self.db.owner.clone()
    }
}

#[test]
fn a_password_never_appears_in_any_output() {
    // Nothing listens on port 1: the connection fails, and the error names the server
    // without the password (no server needed for this one).
    let err = fails(
        "postgres://ada:s3cret-pw@127.0.0.1:1/skillgap?sslmode=disable",
        &["report"],
    );
    assert!(err.starts_with("error:"), "{err}");
    assert!(err.contains("postgres://ada@127.0.0.1:1/skillgap"), "{err}");
    assert!(!err.contains("s3cret"), "{err}");
    let err = fails(
        "postgresql://ada@127.0.0.1:1/x?password=s3cret-pw",
        &["check"],
    );
    assert!(!err.contains("s3cret"), "{err}");
}

#[test]
fn check_names_the_servers_schema_version() {
    // Each engine numbers its own migrations: the server's is not the file's.
    let Some(db) = fresh_db() else { return };
    ok(&db.owner_url(), &["init"]);
    let said = ok(&db.owner_url(), &["check"]);
    assert_eq!(
        said.trim(),
        format!(
            "ok: {} (schema version {})",
            db.owner_url(),
            skillgap::store::postgres::PG_SCHEMA_VERSION
        ),
    );
}

#[test]
fn a_database_with_other_tables_is_refused_untouched() {
    let Some(db) = fresh_db() else { return };
    let mut c = db.client(&db.owner);
    c.batch_execute("CREATE TABLE invoices (id int); INSERT INTO invoices VALUES (1);")
        .unwrap();
    let err = fails(&db.owner_url(), &["init"]);
    assert!(
        err.contains("not a skillgap database") && err.contains("invoices"),
        "{err}"
    );
    let tables: i64 = c
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1, "nothing was created beside it");
    // An empty database is not opened for reading; init creates it.
    let Some(empty) = fresh_db() else { return };
    let err = fails(&empty.owner_url(), &["report"]);
    assert!(err.contains("init"), "{err}");
    ok(&empty.owner_url(), &["init"]);
    let again = ok(&empty.owner_url(), &["init"]);
    assert!(again.contains("already a skillgap database"), "{again}");
    assert!(ok(&empty.owner_url(), &["check"]).starts_with("ok:"));
    let err = fails(&empty.owner_url(), &["backup"]);
    assert!(err.contains("pg_dump"), "{err}");
}
