//! Exports through the library: private notes, escaping, formula neutralisation, the JSON
//! shape, scopes, the atomic 0600 writer and suggested file names. Each on SQLite and, where
//! installed, PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use skillgap::config::Config;
use skillgap::export::{self, ExportFormat, Options, Scope};
use skillgap::import::Kind;
use skillgap::store::{Store, teams};
use std::os::unix::fs::PermissionsExt;

const SENTINEL: &str = "SENTINEL-7f3a-private";
const FORMATS: [ExportFormat; 4] = [
    ExportFormat::Md,
    ExportFormat::Csv,
    ExportFormat::Json,
    ExportFormat::Html,
];

fn run(store: &Store, scope: Scope, format: ExportFormat, include_private: bool) -> String {
    export::export(
        store.conn(),
        &Config::default(),
        today(),
        &Options {
            scope,
            format,
            include_private,
        },
    )
    .unwrap()
}

/// `org` on each engine, made as it is reached; its name is printed first (shown when a test
/// fails).
fn orgs(dir: &std::path::Path) -> impl Iterator<Item = Store> {
    pg_common::engines(dir)
        .into_iter()
        .map(|(name, mut store)| {
            eprintln!("on {name}:");
            org(&mut store);
            store
        })
}

/// Ann with a shareable and a private note, and an evil name in a second person.
fn org(store: &mut Store) {
    small_org(store);
    let notes = format!(
        "person,date,body,private,skills\n\
         ann@example.com,2026-11-01,\"Shared.\n- [ ] Book Prompting 101\",false,prompting\n\
         ann@example.com,2026-11-02,\"{SENTINEL} in the body\n- [ ] {SENTINEL} action\",true,\n"
    );
    import(store, Kind::Notes, "n.csv", notes.as_bytes()).unwrap();
    let evil = "name,email,team,role\n\
        \"Eve | <script>alert(1)</script> [x](javascript:alert(1)) # *b*\",eve@example.com,\"=HYPERLINK(\"\"http://x\"\")\",Individual contributor\n\
        -Minus,+plus@example.com,@Ops,Individual contributor\n";
    import(store, Kind::People, "p.csv", evil.as_bytes()).unwrap();
    let a = "person,skill,level,source,assessed_on\n\
        ann@example.com,prompting,2,self,2026-10-01\n\
        ann@example.com,prompting,1,verified,2026-10-02\n\
        ann@example.com,output-validation,4,manager,2025-01-01\n";
    import(store, Kind::Assessments, "a.csv", a.as_bytes()).unwrap();
}

#[test]
fn private_notes_only_with_include_private() {
    let dir = tempfile::tempdir().unwrap();
    for store in orgs(dir.path()) {
        for f in FORMATS {
            for scope in [
                Scope::All,
                Scope::Team("platform".into()),
                Scope::Person("ann@example.com".into()),
            ] {
                let out = run(&store, scope.clone(), f, false);
                assert!(
                    !out.contains(SENTINEL),
                    "{f:?} {scope:?} leaks the private note"
                );
                if f != ExportFormat::Csv {
                    assert!(out.contains("Book Prompting 101"), "{f:?} {scope:?}");
                    let with = run(&store, scope.clone(), f, true);
                    assert!(
                        with.contains(SENTINEL),
                        "{f:?} {scope:?} misses the private note"
                    );
                }
            }
        }
    }
}

#[test]
fn csv_neutralises_formulas_and_parses() {
    let dir = tempfile::tempdir().unwrap();
    for store in orgs(dir.path()) {
        let out = run(&store, Scope::All, ExportFormat::Csv, false);
        let mut r = csv::Reader::from_reader(out.as_bytes());
        assert_eq!(
            r.headers().unwrap().iter().collect::<Vec<_>>(),
            [
                "team",
                "person",
                "email",
                "role",
                "skill_key",
                "skill",
                "category",
                "target",
                "current",
                "source",
                "assessed_on",
                "gap",
                "stale",
                "readiness"
            ]
        );
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert!(!rows.is_empty());
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "unneutralised cell {cell:?}"
                );
            }
        }
        let cells: Vec<&str> = rows.iter().flat_map(|r| r.iter()).collect();
        for want in [
            "'=HYPERLINK(\"http://x\")",
            "'@Ops",
            "'-Minus",
            "'+plus@example.com",
        ] {
            assert!(cells.contains(&want), "{want} not found");
        }
        // Not assessed is an empty `current`, distinct from level 0.
        assert!(rows.iter().any(|r| r[8].is_empty() && r[9].is_empty()));
    }
}

#[test]
fn markdown_and_html_escape_user_text() {
    let dir = tempfile::tempdir().unwrap();
    for store in orgs(dir.path()) {
        let md = run(&store, Scope::All, ExportFormat::Md, false);
        assert!(
            md.contains(
                "### Eve \\| \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) \\# \\*b\\*"
            ),
            "{md}"
        );
        assert!(!md.contains("<script>"));
        assert!(!md.contains("[x](javascript:"));
        for line in md.lines().filter(|l| l.starts_with('|')) {
            // Every table row has the same number of unescaped pipes as its header.
            let cells = line.replace("\\|", "").matches('|').count();
            assert!([3, 5, 6, 8, 10].contains(&cells), "{line}");
        }
        let html = run(&store, Scope::All, ExportFormat::Html, false);
        assert!(!html.contains("<script"), "script in html");
        assert!(
            html.contains("Eve | &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))")
        );
        assert!(!html.contains("href"), "no links at all");
        assert!(!html.contains("src="), "nothing fetched");
        assert!(!html.contains("url("), "nothing fetched");
        assert!(html.contains("@media print"));
        assert!(html.contains("class=\"heat\""));
        assert!(html.contains("class=\"bar\""));
        assert!(html.contains("title=\"=HYPERLINK(&quot;http://x&quot;)\""));
    }
}

#[test]
fn json_has_the_spec_shape() {
    let dir = tempfile::tempdir().unwrap();
    for store in orgs(dir.path()) {
        let out = run(
            &store,
            Scope::Person("Ann Archer".into()),
            ExportFormat::Json,
            false,
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let keys = |v: &serde_json::Value| {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        assert_eq!(
            keys(&v),
            ["generated_at", "people", "scope", "skills", "summary"]
        );
        assert_eq!(v["generated_at"], TODAY);
        assert_eq!(
            keys(&v["summary"]),
            [
                "at_target",
                "manager_drift",
                "overdue_offers",
                "overestimation",
                "people",
                "readiness",
                "stale_assessments",
                "training_coverage",
                "trend"
            ]
        );
        assert_eq!(v["summary"]["people"], 1);
        assert_eq!(v["summary"]["overestimation"], 1.0);
        assert_eq!(v["summary"]["stale_assessments"], 1);
        let r = v["summary"]["readiness"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&r));
        assert_eq!(
            keys(&v["skills"][0]),
            [
                "at_target",
                "below_target",
                "category",
                "key",
                "mean_gap",
                "name",
                "overestimation",
                "single_point",
                "targeted"
            ]
        );
        let p = &v["people"][0];
        assert_eq!(
            keys(p),
            [
                "at_target",
                "email",
                "name",
                "notes",
                "offers",
                "perception",
                "readiness",
                "recommendations",
                "role",
                "skills",
                "team"
            ]
        );
        assert_eq!(
            keys(&p["skills"][0]),
            [
                "assessed_on",
                "current",
                "gap",
                "key",
                "source",
                "stale",
                "target"
            ]
        );
        let prompting = p["skills"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == "prompting")
            .unwrap();
        assert_eq!(prompting["current"], 1);
        assert_eq!(prompting["source"], "verified");
        let unassessed = p["skills"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == "ai-fundamentals")
            .unwrap();
        assert!(unassessed["current"].is_null());
        assert_eq!(
            p["recommendations"][0],
            serde_json::json!({"skill": "prompting", "training": "Prompting 101"})
        );
        assert_eq!(p["notes"].as_array().unwrap().len(), 1);
    }
}

#[test]
fn scopes_team_with_sub_teams_and_unknown_names() {
    let dir = tempfile::tempdir().unwrap();
    for store in orgs(dir.path()) {
        let data = teams::team_id(store.conn(), "Data").unwrap().unwrap();
        let platform = teams::team_id(store.conn(), "Platform").unwrap().unwrap();
        teams::update_team(store.conn(), data, "Data", Some(platform)).unwrap();
        let out = run(
            &store,
            Scope::Team("PLATFORM".into()),
            ExportFormat::Json,
            false,
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["summary"]["people"], 3, "Platform with its sub-team Data");
        assert_eq!(
            v["scope"],
            serde_json::json!({"kind": "team", "name": "Platform"})
        );
        let err = |scope| {
            export::export(
                store.conn(),
                &Config::default(),
                today(),
                &Options {
                    scope,
                    format: ExportFormat::Md,
                    include_private: false,
                },
            )
            .unwrap_err()
            .to_string()
        };
        let e = err(Scope::Team("Nope".into()));
        assert!(
            e.starts_with("--team: no team named \"Nope\" (teams: "),
            "{e}"
        );
        assert_eq!(
            err(Scope::Person("nobody".into())),
            "--person: no person with email or name \"nobody\""
        );
        assert_eq!(
            err(Scope::Person("Sam Lee".into())),
            "--person: \"Sam Lee\" fits 2 people; use their email"
        );
    }
}

#[test]
fn atomic_write_is_private_and_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.md");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    export::write_atomic(&path, b"new").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    assert!(export::write_atomic(&dir.path().join("no/such/dir.md"), b"x").is_err());
}

#[test]
fn suggested_file_names_follow_the_scope() {
    let dir = tempfile::tempdir().unwrap();
    for store in orgs(dir.path()) {
        let org = skillgap::store::load_org(store.conn()).unwrap();
        let day = today();
        let name = |scope: Scope, f| export::suggested_file_name(&org, &scope, f, day);
        assert_eq!(
            name(Scope::All, ExportFormat::Md),
            "skillgap-everyone-2026-11-22.md"
        );
        assert_eq!(
            name(Scope::Team("platform".into()), ExportFormat::Html),
            "skillgap-team-platform-2026-11-22.html"
        );
        assert_eq!(
            name(Scope::Person("Ann Archer".into()), ExportFormat::Json),
            "skillgap-person-ann-2026-11-22.json"
        );
        let eve = org
            .people
            .iter()
            .find(|p| p.name.starts_with("Eve"))
            .unwrap();
        assert_eq!(
            name(Scope::PersonId(eve.id), ExportFormat::Csv),
            "skillgap-person-eve-2026-11-22.csv"
        );
        let team = org.teams.iter().find(|t| t.name.starts_with('=')).unwrap();
        assert_eq!(
            name(Scope::TeamId(team.id), ExportFormat::Md),
            "skillgap-team-hyperlink-http-x-2026-11-22.md"
        );
        // Ids work where names are ambiguous.
        let sam = org.people.iter().find(|p| p.name == "Sam Lee").unwrap();
        let out = export::document(
            &org,
            &skillgap::metrics::Analysis::new(&org, Config::default().settings(day)),
            &[],
            &Scope::PersonId(sam.id),
            false,
            &Config::default(),
        )
        .unwrap();
        assert_eq!(out.people.len(), 1);
        assert!(
            export::document(
                &org,
                &skillgap::metrics::Analysis::new(&org, Config::default().settings(day)),
                &[],
                &Scope::TeamId(-1),
                false,
                &Config::default(),
            )
            .is_err()
        );
    }
}
