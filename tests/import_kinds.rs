//! CSV import of each kind: a good file (dry run, import, re-import changes nothing, BOM and
//! CRLF accepted) and a file of bad rows (every problem listed, nothing written). Each on
//! SQLite and, where installed, PostgreSQL (`common::good`, `common::rejects`).
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use skillgap::import::Kind;

#[test]
fn people_good_reimport_bom_crlf() {
    let text = "Name,EMAIL,team,role,joined_on,shoe size\n\
        Zoe Zhang,zoe@example.com,Research,Scientist,2025-05-06,38\n\
        Yan Yu,,Research,,,\n\
        ann@example.com is not a name,,,,,\n";
    let (_d, stores) = good(Kind::People, text);
    for (name, store) in &stores {
        assert_eq!(count(store, "people"), 6, "{name}");
        let (team, role): (String, String) = store
            .conn()
            .query_row(
                "SELECT t.name, r.name FROM people p JOIN teams t ON t.id = p.team_id
                 JOIN roles r ON r.id = p.role_id WHERE p.email = 'zoe@example.com'",
                (),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let got = (team.as_str(), role.as_str());
        assert_eq!(got, ("Research", "Scientist"), "{name}");
    }
}

#[test]
fn people_unknown_columns_are_warned_once() {
    let dir = tempfile::tempdir().unwrap();
    for (name, mut store) in pg_common::engines(dir.path()) {
        let r = import(
            &mut store,
            Kind::People,
            "p.csv",
            b"name,shoe size,hat\nAnn,1,2\n",
        )
        .unwrap();
        assert_eq!(r.warnings.len(), 1, "{name}: {:?}", r.warnings);
        assert!(
            r.warnings[0].starts_with("p.csv:1: ignored unknown columns \"shoe size\", \"hat\""),
            "{name}"
        );
    }
}

#[test]
fn people_update_by_email_and_name() {
    let dir = tempfile::tempdir().unwrap();
    for (name, mut store) in small_orgs(dir.path()) {
        let r = import(
            &mut store,
            Kind::People,
            "p.csv",
            b"name,email,team\nAnn Archer,ANN@example.com,Data\nSam Lee,sam2@example.com,\n",
        )
        .unwrap();
        assert_eq!(r.updated("people"), 1, "{name}: {r}");
        assert_eq!(r.unchanged, 1, "{name}: {r}");
        assert_eq!(count(&store, "people"), 3, "{name}");
        let lines = problems(import(
            &mut store,
            Kind::People,
            "p.csv",
            b"name,team\nSam Lee,Data\n",
        ));
        assert_eq!(
            lines,
            ["p.csv:2: name: \"Sam Lee\" fits 2 people; use their email"],
            "{name}"
        );
    }
}

#[test]
fn people_bad_rows_all_reported() {
    let mut bytes = b"name,email,team,role,joined_on\n\
        Ann New,ann.new@example.com,Platform,,2026-02-30\n\
        ,b@example.com,,,\n\
        Cat,not-an-email,,,\n\
        Dan,dan@example.com,,\n\
        Eve,eve@example.com,"
        .to_vec();
    bytes.extend_from_slice(b"\xff\xfe,,\nSam Lee,,Ops,,\nOk Person,ok@example.com,,,\n");
    let lines = rejects(
        Kind::People,
        &bytes,
        &[
            "bad.csv:2: joined_on: \"2026-02-30\" is not a date",
            "bad.csv:3: name: required, but empty",
            "bad.csv:4: email: \"not-an-email\" is not an email address",
            "bad.csv:5: the row has 4 fields, the header has 5",
            "bad.csv:6: team: not valid UTF-8",
            "bad.csv:7: name: \"Sam Lee\" fits 2 people",
        ],
    );
    assert_eq!(lines.len(), 6, "{lines:#?}");
    common_failures(Kind::People, "name,email,team,role,joined_on");
}

const ASSESSMENTS: &str = "person,skill,level,source,assessed_on,score,max_score,assessor,evidence\n\
    ann@example.com,prompting,3,self,2026-01-10,,,,\n\
    Ann Archer,Validating AI output,2,verified,2026-02-11,61.5,100,Academy,\"Exam, part 1\"\n\
    sam1@example.com,prompting,0,manager,2026-03-12,,,Kim,\n\
    sam1@example.com,prompting,0,manager,2026-03-12,,,Kim,\n";

#[test]
fn assessments_good_reimport_bom_crlf() {
    let (_d, stores) = good(Kind::Assessments, ASSESSMENTS);
    for (name, store) in &stores {
        // The duplicate row in the file is stored once.
        assert_eq!(count(store, "assessments"), 3, "{name}");
        assert!(store.check().unwrap().is_empty(), "{name}");
    }
}

#[test]
fn assessments_bad_rows_all_reported() {
    let mut bytes = b"person,skill,level,source,assessed_on,score,max_score,assessor,evidence\n\
        ann@example.com,prompting,7,self,2026-01-01,,,,\n\
        ann@example.com,prompting,3,self,2026-13-01,,,,\n\
        nobody@example.com,prompting,3,self,2026-01-01,,,,\n\
        ann@example.com,juggling,3,self,2026-01-01,,,,\n\
        ann@example.com,prompting,3,self\n\
        ann@example.com,prompting,3,self,2026-01-01,,,,"
        .to_vec();
    bytes.extend_from_slice(b"\xc3\x28\n");
    bytes.extend_from_slice(
        b"ann@example.com,prompting,3,guess,2026-01-01,,,,\n\
        Sam Lee,prompting,3,self,2026-01-01,,,,\n\
        ann@example.com,prompting,3,self,2026-01-01,90,80,,\n\
        ann@example.com,prompting,3,self,2026-01-01,,,,\"multi\nline ok\"\n\
        ann@example.com,prompting,,self,2026-01-01,,,,\n",
    );
    let lines = rejects(
        Kind::Assessments,
        &bytes,
        &[
            "bad.csv:2: level: \"7\" is not a level 0..5",
            "bad.csv:3: assessed_on: \"2026-13-01\" is not a date (expected YYYY-MM-DD)",
            "bad.csv:4: person: no person with email or name \"nobody@example.com\"",
            "bad.csv:5: skill: no skill with key or name \"juggling\"",
            "bad.csv:6: the row has 4 fields, the header has 9",
            "bad.csv:7: evidence: not valid UTF-8",
            "bad.csv:8: source: unknown source \"guess\"",
            "bad.csv:9: person: \"Sam Lee\" fits 2 people; use their email",
            "bad.csv:10: score: 90 is above max_score 80",
            "bad.csv:13: level: required, but empty",
        ],
    );
    assert_eq!(lines.len(), 10, "{lines:#?}");
    common_failures(
        Kind::Assessments,
        "person,skill,level,source,assessed_on,score,max_score,assessor,evidence",
    );
}

#[test]
fn many_problems_show_fifty_and_a_count() {
    let mut text = String::from("person,skill,level,source,assessed_on\n");
    for _ in 0..60 {
        text.push_str("ann@example.com,prompting,9,self,2026-01-01\n");
    }
    let lines = rejects(Kind::Assessments, text.as_bytes(), &["... and 10 more"]);
    assert_eq!(lines.len(), 51);
    assert!(lines[49].starts_with("bad.csv:51: level"));
}

#[test]
fn trainings_good_reimport_and_update() {
    let text = "title,provider,url,hours,skills\n\
        Checking AI output,Academy,https://example.com/check,4,output-validation:3;rework-avoidance:2\n\
        prompting 101,,,,prompting:3\n";
    let (_d, stores) = good(Kind::Trainings, text);
    for (name, mut store) in stores {
        assert_eq!(count(&store, "trainings"), 2, "{name}");
        let r = import(
            &mut store,
            Kind::Trainings,
            "t.csv",
            b"title,hours,skills\nChecking AI output,5,output-validation:3;rework-avoidance:2\n",
        )
        .unwrap();
        assert_eq!(r.updated("trainings"), 1, "{name}: {r}");
    }
}

#[test]
fn trainings_bad_rows_all_reported() {
    let mut bytes = b"title,provider,url,hours,skills\n\
        A,,,,prompting:7\n\
        B,,,,juggling:2\n\
        C,,javascript:alert(1),,prompting:2\n\
        D,,,-3,prompting:2\n\
        E,,,\n\
        F,,,,prompting\n\
        ,,,,prompting:2\n\
        G,"
    .to_vec();
    bytes.extend_from_slice(b"\xff,,,prompting:2\nH,,,,\n");
    let lines = rejects(
        Kind::Trainings,
        &bytes,
        &[
            "bad.csv:2: skills: \"prompting:7\": level must be 1..5",
            "bad.csv:3: skills: no skill with key or name \"juggling\"",
            "bad.csv:4: url: \"javascript:alert(1)\" is not an http or https link",
            "bad.csv:5: hours: \"-3\" is not a number of 0 or more",
            "bad.csv:6: the row has 4 fields",
            "bad.csv:7: skills: \"prompting\" is not key:level",
            "bad.csv:8: title: required, but empty",
            "bad.csv:9: provider: not valid UTF-8",
            "bad.csv:10: skills: required, but empty",
        ],
    );
    assert_eq!(lines.len(), 9, "{lines:#?}");
    common_failures(Kind::Trainings, "title,provider,url,hours,skills");
}

#[test]
fn offers_good_reimport() {
    let text = "person,training,status,offered_on,due_on,completed_on\n\
        ann@example.com,Prompting 101,completed,2026-01-05,2026-02-01,2026-01-30\n\
        sam2@example.com,prompting 101,offered,2026-10-01,,\n";
    let (_d, stores) = good(Kind::Offers, text);
    for (name, store) in &stores {
        assert_eq!(count(store, "offers"), 2, "{name}");
    }
}

#[test]
fn offers_bad_rows_all_reported() {
    let mut bytes = b"person,training,status,offered_on,due_on,completed_on\n\
        nobody,Prompting 101,offered,2026-01-05,,\n\
        ann@example.com,Juggling,offered,2026-01-05,,\n\
        ann@example.com,Prompting 101,maybe,2026-01-05,,\n\
        ann@example.com,Prompting 101,offered,05/01/2026,,\n\
        ann@example.com,Prompting 101,completed,2026-01-05,,2026-01-01\n\
        ann@example.com,Prompting 101\n"
        .to_vec();
    bytes.extend_from_slice(b"ann@example.com,Prompting 101,offered,2026-01-05,\xff,\n");
    let lines = rejects(
        Kind::Offers,
        &bytes,
        &[
            "bad.csv:2: person: no person with email or name \"nobody\"",
            "bad.csv:3: training: no training titled \"Juggling\"",
            "bad.csv:4: status: unknown status \"maybe\"",
            "bad.csv:5: offered_on: \"05/01/2026\" is not a date",
            "bad.csv:6: completed_on: 2026-01-01 is before offered_on 2026-01-05",
            "bad.csv:7: the row has 2 fields, the header has 6",
            "bad.csv:8: due_on: not valid UTF-8",
        ],
    );
    assert_eq!(lines.len(), 7, "{lines:#?}");
    common_failures(
        Kind::Offers,
        "person,training,status,offered_on,due_on,completed_on",
    );
}

#[test]
fn notes_good_reimport() {
    let text = "person,date,body,private,skills\n\
        ann@example.com,2026-11-01,\"Good month.\n- [ ] Book Prompting 101\",false,prompting;output-validation\n\
        sam1@example.com,2026-11-02,Private worry,,\n\
        sam1@example.com,2026-11-02,Private worry,true,\n";
    let (_d, stores) = good(Kind::Notes, text);
    for (name, store) in &stores {
        assert_eq!(count(store, "notes"), 2, "{name}");
        let private: bool = store
            .conn()
            .query_row(
                "SELECT private FROM notes WHERE body = 'Private worry'",
                (),
                |r| r.get(0),
            )
            .unwrap();
        assert!(private, "{name}: private is the default");
    }
}

#[test]
fn notes_bad_rows_all_reported() {
    let mut bytes = b"person,date,body,private,skills\n\
        nobody,2026-01-01,x,,\n\
        ann@example.com,2026-02-31,x,,\n\
        ann@example.com,2026-01-01,,,\n\
        ann@example.com,2026-01-01,x,perhaps,\n\
        ann@example.com,2026-01-01,x,,juggling\n\
        ann@example.com,2026-01-01\n\
        ann@example.com,2026-01-01,"
        .to_vec();
    bytes.extend_from_slice(b"\xff,,\n");
    let lines = rejects(
        Kind::Notes,
        &bytes,
        &[
            "bad.csv:2: person: no person with email or name \"nobody\"",
            "bad.csv:3: date: \"2026-02-31\" is not a date",
            "bad.csv:4: body: required, but empty",
            "bad.csv:5: private: \"perhaps\" is not true or false",
            "bad.csv:6: skills: no skill with key or name \"juggling\"",
            "bad.csv:7: the row has 2 fields, the header has 5",
            "bad.csv:8: body: not valid UTF-8",
        ],
    );
    assert_eq!(lines.len(), 7, "{lines:#?}");
    common_failures(Kind::Notes, "person,date,body,private,skills");
}
