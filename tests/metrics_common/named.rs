//! Builders of organisations whose people, skills and teams have names (the issue-10
//! examples: tests/metrics_insight.rs, tests/metrics_scale.rs).

use super::r;
use skillgap::metrics::{Org, Ratings};
use skillgap::model::{Person, Skill, Source, Target, Team, Training};

pub fn t(skill: i64, level: u8) -> Target {
    Target {
        skill_id: skill,
        level,
        weight: 1,
    }
}

pub fn person(id: i64, name: &str, team: i64) -> Person {
    Person {
        id,
        name: name.into(),
        email: Some(format!("{}@example.com", name.to_lowercase())),
        team_id: Some(team),
        role_id: Some(1),
        joined_on: None,
        archived: false,
    }
}

pub fn skill(id: i64, name: &str) -> Skill {
    Skill {
        id,
        key: name.to_lowercase().replace(' ', "-"),
        name: name.into(),
        category: "AI fluency".into(),
        description: String::new(),
        levels: Vec::new(),
    }
}

pub fn training(id: i64, title: &str, hours: Option<f64>, develops: &[(i64, u8)]) -> Training {
    Training {
        id,
        title: title.into(),
        provider: None,
        url: None,
        hours,
        develops: develops.to_vec(),
    }
}

pub fn team(id: i64, name: &str) -> Team {
    Team {
        id,
        name: name.into(),
        parent_id: None,
    }
}

/// Role 1 targets skill 1 at 4 and skill 2 at 2 (weight 1 each): readiness =
/// (min(l1, 4) / 4 + min(l2, 2) / 2) / 2. Ann (0, 0) = 0; Bob (2, 1) = 0.5; Cy (4, 1) = 0.75.
/// Trainings: Alpha 2 h {1 -> 2, 2 -> 2}; Beta 4 h {1 -> 4}; Gamma (no hours: 1) {2 -> 2};
/// Epsilon 1 h {1 -> 3}.
pub fn plan_org() -> Org {
    let mut org = Org {
        teams: vec![team(1, "Eng")],
        people: vec![person(3, "Cy", 1), person(2, "Bob", 1), person(1, "Ann", 1)],
        skills: vec![skill(1, "Prompting"), skill(2, "Validation")],
        trainings: vec![
            training(1, "Alpha", Some(2.0), &[(1, 2), (2, 2)]),
            training(2, "Beta", Some(4.0), &[(1, 4)]),
            training(3, "Gamma", None, &[(2, 2)]),
            training(4, "Epsilon", Some(1.0), &[(1, 3)]),
        ],
        ..Org::default()
    };
    org.role_targets.insert(1, vec![t(1, 4), t(2, 2)]);
    let v = |id, p, s, l| r(id, p, s, l, Source::Verified, "2026-10-01");
    org.ratings = Ratings::from(vec![
        v(1, 1, 1, 0),
        v(2, 1, 2, 0),
        v(3, 2, 1, 2),
        v(4, 2, 2, 1),
        v(5, 3, 1, 4),
        v(6, 3, 2, 1),
    ]);
    org.sort_ratings();
    org
}
