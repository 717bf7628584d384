//! Issue 10 on the command line: the new JSON export fields and `plan --format json` read with
//! python3's json module and checked against their definitions, `plan` as text and its
//! `--team` errors, and the new parts of `report`.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use predicates::prelude::*;

fn python(script: &str, input: &[u8]) {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("python3 is needed by this test (see .ci/run)");
    child.stdin.take().unwrap().write_all(input).unwrap();
    assert!(
        child.wait().unwrap().success(),
        "python3 rejected the output"
    );
}

fn demo(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    bin(&db)
        .args(["demo", "--no-tui", "--people", "60"])
        .assert()
        .success();
    db
}

fn stdout(db: &std::path::Path, args: &[&str]) -> Vec<u8> {
    bin(db)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

const EXPORT_CHECK: &str = r#"
import json, sys
d = json.load(sys.stdin)
today = d["generated_at"]
s = d["summary"]
assert isinstance(s["overdue_offers"], int), s
assert s["manager_drift"] is None or isinstance(s["manager_drift"], float), s
# The trend: 13 points, oldest first, month ends then today; the last is today's readiness.
t = s["trend"]
assert len(t) == 13, len(t)
assert all(set(p) == {"date", "readiness"} for p in t), t
dates = [p["date"] for p in t]
assert dates == sorted(dates) and len(set(dates)) == 13, dates
assert dates[-1] == today, (dates[-1], today)
assert all(p["readiness"] is None or 0 <= p["readiness"] <= 1 for p in t), t
assert abs(t[-1]["readiness"] - s["readiness"]) < 1e-9, (t[-1], s["readiness"])
# Per skill: at target, single point of failure, overestimation; in the skill gap order.
for k in d["skills"]:
    assert k["at_target"] == k["targeted"] - k["below_target"], k
    assert k["single_point"] == (k["targeted"] >= 2 and k["at_target"] == 1), k
    assert k["overestimation"] is None or -5 <= k["overestimation"] <= 5, k
missing = [round(k["mean_gap"] * k["targeted"]) for k in d["skills"]]
order = [(-m, -k["mean_gap"], k["name"].lower()) for m, k in zip(missing, d["skills"])]
assert order == sorted(order), order
# Per person: offers with overdue, perception pairs, recommendations never offered.
overdue = 0
pairs = []
for p in d["people"]:
    for o in p["offers"]:
        assert set(o) == {"training", "status", "offered_on", "due_on", "completed_on", "overdue"}, o
        want = o["status"] in ("offered", "enrolled") and o["due_on"] is not None and o["due_on"] < today
        assert o["overdue"] == want, o
        overdue += o["overdue"]
    offered = {o["training"] for o in p["offers"]}
    assert not offered & {r["training"] for r in p["recommendations"]}, p["name"]
    for x in p["perception"]:
        assert set(x) == {"key", "self", "verified", "gap"}, x
        assert x["gap"] == x["self"] - x["verified"], x
        pairs.append(x["gap"])
assert overdue == s["overdue_offers"] > 0, (overdue, s["overdue_offers"])
assert pairs and abs(sum(pairs) / len(pairs) - s["overestimation"]) < 1e-9
# The demo tells the story: verified below many self-ratings, readiness rising.
assert sum(1 for g in pairs if g > 0) > len(pairs) / 3, pairs
assert t[-1]["readiness"] > t[0]["readiness"], t
"#;

const PLAN_CHECK: &str = r#"
import json, sys
d = json.load(sys.stdin)
assert set(d) == {"scope", "budget_hours", "used_hours", "readiness_now", "readiness_projected", "picks"}, d.keys()
assert d["budget_hours"] == float(sys.argv[1]), d["budget_hours"]
picks = d["picks"]
assert picks, "the demo has gaps that training closes"
for p in picks:
    assert set(p) == {"person", "email", "training", "hours", "readiness_before", "readiness_after"}, p
    assert 0 <= p["readiness_before"] < p["readiness_after"] <= 1, p
    assert p["hours"] > 0, p
assert abs(sum(p["hours"] for p in picks) - d["used_hours"]) < 1e-9
assert d["used_hours"] <= d["budget_hours"]
assert d["readiness_projected"] > d["readiness_now"], d
# Gain per hour never rises from one pick to the next.
rate = [(p["readiness_after"] - p["readiness_before"]) / p["hours"] for p in picks]
assert all(a + 1e-9 >= b for a, b in zip(rate, rate[1:])), rate
"#;

#[test]
fn export_json_carries_every_new_field_read_by_python() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let json = stdout(&db, &["export", "--format", "json"]);
    python(EXPORT_CHECK, &json);
    let team = stdout(
        &db,
        &["export", "--format", "json", "--team", "Engineering"],
    );
    python(EXPORT_CHECK, &team);
}

#[test]
fn plan_json_has_the_spec_shape_read_by_python() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for (args, budget) in [
        (vec!["plan", "--format", "json"], "40"),
        (
            vec![
                "plan",
                "--format",
                "json",
                "--team",
                "engineering",
                "--hours",
                "12.5",
            ],
            "12.5",
        ),
    ] {
        let out = stdout(&db, &args);
        let mut child = std::process::Command::new("python3")
            .args(["-c", PLAN_CHECK, budget])
            .stdin(std::process::Stdio::piped())
            .spawn()
            .expect("python3 is needed by this test (see .ci/run)");
        child.stdin.take().unwrap().write_all(&out).unwrap();
        assert!(child.wait().unwrap().success(), "python3 rejected {args:?}");
    }
    // The team's scope is named as in the export.
    let out = String::from_utf8(stdout(
        &db,
        &["plan", "--format", "json", "--team", "platform"],
    ))
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["scope"]["kind"], "team");
    assert_eq!(v["scope"]["name"], "Platform");
    // No budget, no picks; readiness stays as it is.
    let out =
        String::from_utf8(stdout(&db, &["plan", "--format", "json", "--hours", "0"])).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["picks"].as_array().unwrap().len(), 0);
    assert_eq!(v["readiness_now"], v["readiness_projected"]);
}

#[test]
fn plan_as_text_and_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let text =
        String::from_utf8(stdout(&db, &["plan", "--team", "Sales", "--hours", "10"])).unwrap();
    assert!(text.starts_with("skillgap plan: team Sales ("), "{text}");
    assert!(text.contains("budget 10 hours"), "{text}");
    assert!(text.contains("readiness now "), "{text}");
    assert!(text.contains(" -> "), "{text}");
    bin(&db)
        .args(["plan", "--team", "Nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: --team: no team named \"Nope\" (teams: Customer Success, Data & Analytics, Engineering, Platform, Sales)",
        ));
    bin(&db)
        .args(["plan", "--hours=-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hours must be 0 or more"));
    bin(&db).args(["plan", "--format", "yaml"]).assert().code(2);
}

#[test]
fn report_shows_trend_overdue_perception_drift_and_single_points() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let text = String::from_utf8(stdout(&db, &["report", "--team", "Engineering"])).unwrap();
    for want in [
        "manager drift ",
        "overdue offers ",
        "readiness trend (month ends, then today):",
        "overdue offers (most overdue first):",
        "overestimation by skill",
        "manager drift by assessor: ",
        "single points of failure",
        "levels missing",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    // 13 trend points: 12 month labels and today.
    let trend: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("readiness trend"))
        .skip(1)
        .take(2)
        .collect();
    let points = trend.iter().map(|l| l.matches('%').count()).sum::<usize>();
    assert_eq!(points, 13, "{trend:?}");
    assert!(trend[1].contains(TODAY), "{trend:?}");
    bin(&db)
        .args(["report", "--team", "Nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("(teams: Customer Success"));
}
