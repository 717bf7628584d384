//! Worked examples of every metric, small enough to check by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use skillgap::metrics::{
    Analysis, Org, SkillStatus, at_target, current_rating, funnel, gap, is_stale, merge_targets,
    perception_gap, readiness, recommendations,
};
use skillgap::model::{Offer, OfferStatus, Person, Source, Target, Team, Training};

mod metrics_common;
use metrics_common::{TODAY, d, r, settings};

fn t(skill: i64, level: u8, weight: u8) -> Target {
    Target {
        skill_id: skill,
        level,
        weight,
    }
}

fn status(target: u8, weight: u8, current: Option<u8>) -> SkillStatus {
    SkillStatus {
        skill_id: 1,
        target,
        weight,
        current: current.map(|l| r(1, 1, 1, l, Source::Verified, TODAY)),
        gap: gap(target, current),
        stale: false,
    }
}

const PREC: [Source; 3] = [Source::Verified, Source::Manager, Source::SelfRated];

#[test]
fn precedence_older_verified_2_beats_newer_self_4() {
    let rs = [
        r(1, 1, 1, 2, Source::Verified, "2026-01-10"),
        r(2, 1, 1, 4, Source::SelfRated, "2026-11-01"),
    ];
    let cur = current_rating(&rs, &PREC).unwrap();
    assert_eq!((cur.level, cur.source), (2, Source::Verified));
    // With self ranked first in the config, the self rating wins instead.
    let cur = current_rating(&rs, &[Source::SelfRated, Source::Verified]).unwrap();
    assert_eq!(cur.level, 4);
    // A source left out of the precedence is never used.
    assert_eq!(
        current_rating(&rs[1..], &[Source::Verified, Source::Manager]),
        None
    );
}

#[test]
fn manager_beats_self_and_latest_within_a_source_wins() {
    let rs = [
        r(1, 1, 1, 1, Source::Manager, "2026-03-01"),
        r(2, 1, 1, 3, Source::Manager, "2026-06-01"),
        r(3, 1, 1, 5, Source::SelfRated, "2026-10-01"),
    ];
    assert_eq!(current_rating(&rs, &PREC).unwrap().level, 3);
}

#[test]
fn ties_on_the_same_date_go_to_the_one_recorded_last() {
    let rs = [
        r(7, 1, 1, 2, Source::Verified, "2026-05-05"),
        r(9, 1, 1, 4, Source::Verified, "2026-05-05"),
        r(8, 1, 1, 3, Source::Verified, "2026-05-05"),
    ];
    assert_eq!(current_rating(&rs, &PREC).unwrap().level, 4);
}

#[test]
fn staleness_at_the_boundary_day() {
    let s = settings(); // 180 days
    let exactly = r(1, 1, 1, 3, Source::Verified, "2026-05-26"); // 180 days before today
    let one_more = r(1, 1, 1, 3, Source::Verified, "2026-05-25"); // 181 days
    assert_eq!((d(TODAY) - exactly.assessed_on).num_days(), 180);
    assert!(!is_stale(&exactly, &s));
    assert!(is_stale(&one_more, &s));
}

#[test]
fn not_assessed_is_distinct_from_level_0() {
    let s = settings();
    let none = SkillStatus::build(t(1, 3, 1), &[], &s);
    let zero = SkillStatus::build(t(1, 3, 1), &[r(1, 1, 1, 0, Source::Verified, TODAY)], &s);
    assert_eq!(none.current, None);
    assert_eq!(zero.current_level(), Some(0));
    // Both count as 0 in the gap and in readiness.
    assert_eq!((none.gap, zero.gap), (3, 3));
    assert_eq!(readiness(&[none]), Some(0.0));
    assert_eq!(readiness(&[zero]), Some(0.0));
    assert_eq!(gap(3, Some(5)), 0, "above target is no gap");
}

#[test]
fn readiness_weights_and_caps_at_target() {
    // Skill A: target 4, weight 2, current 2 -> 2 * 2/4 = 1.0
    // Skill B: target 2, weight 1, current 5 -> capped: 1 * 2/2 = 1.0
    // Skill C: target 3, weight 3, not assessed -> 0
    // readiness = (1 + 1 + 0) / (2 + 1 + 3) = 1/3
    let skills = [
        status(4, 2, Some(2)),
        status(2, 1, Some(5)),
        status(3, 3, None),
    ];
    let got = readiness(&skills).unwrap();
    assert!((got - 1.0 / 3.0).abs() < 1e-12, "{got}");
    // At target: only B -> 1/3.
    assert!((at_target(&skills).unwrap() - 1.0 / 3.0).abs() < 1e-12);
    // Unweighted, the same levels would give (0.5 + 1 + 0) / 3 = 0.5.
    let unweighted = [
        status(4, 1, Some(2)),
        status(2, 1, Some(5)),
        status(3, 1, None),
    ];
    assert!((readiness(&unweighted).unwrap() - 0.5).abs() < 1e-12);
}

#[test]
fn no_targeted_skills_means_undefined() {
    assert_eq!(readiness(&[]), None);
    assert_eq!(at_target(&[]), None);
}

#[test]
fn a_person_override_removes_or_replaces_a_role_target() {
    let role = [t(1, 3, 1), t(2, 4, 2), t(3, 2, 1)];
    let own = [t(2, 0, 1), t(3, 5, 3), t(9, 1, 1)];
    let merged = merge_targets(&role, &own);
    // skill 2 removed, skill 3 replaced, skill 9 added.
    assert_eq!(merged, vec![t(1, 3, 1), t(3, 5, 3), t(9, 1, 1)]);
}

fn person(id: i64, team: i64, archived: bool) -> Person {
    Person {
        id,
        name: format!("P{id}"),
        email: None,
        team_id: Some(team),
        role_id: Some(1),
        joined_on: None,
        archived,
    }
}

/// Team 1 "Eng" has sub-team 2 "Platform"; team 3 "Sales" is apart. Role 1 targets skill 10 at
/// level 4 (weight 1).
fn org() -> Org {
    let mut org = Org {
        teams: vec![
            Team {
                id: 1,
                name: "Eng".into(),
                parent_id: None,
            },
            Team {
                id: 2,
                name: "Platform".into(),
                parent_id: Some(1),
            },
            Team {
                id: 3,
                name: "Sales".into(),
                parent_id: None,
            },
        ],
        people: vec![
            person(1, 1, false), // readiness 4/4 = 1.0
            person(2, 2, false), // 2/4 = 0.5
            person(3, 2, true),  // archived: left out
            person(4, 3, false), // 1/4 = 0.25
            person(5, 1, false), // override removes the only target: undefined
        ],
        ..Org::default()
    };
    org.role_targets.insert(1, vec![t(10, 4, 1)]);
    org.overrides.insert(5, vec![t(10, 0, 1)]);
    org.ratings = vec![
        r(1, 1, 10, 4, Source::Verified, "2026-10-01"),
        r(2, 2, 10, 2, Source::Verified, "2026-10-01"),
        r(3, 3, 10, 0, Source::Verified, "2026-10-01"),
        r(4, 4, 10, 1, Source::Manager, "2026-10-01"),
        r(5, 5, 10, 3, Source::Verified, "2026-10-01"),
    ];
    org.sort_ratings();
    org
}

#[test]
fn team_readiness_rolls_up_sub_teams_and_skips_undefined_and_archived() {
    let org = org();
    let a = Analysis::new(&org, settings());
    assert_eq!(a.person(5).unwrap().readiness, None);
    // Eng = persons 1 (1.0), 2 (0.5, Platform), 5 (undefined, left out) -> 0.75.
    let eng = a.team_summary(&org, Some(1));
    assert_eq!(eng.people, 3);
    assert_eq!(eng.readiness, Some(0.75));
    // Platform alone: person 2 only; person 3 is archived.
    let platform = a.team_summary(&org, Some(2));
    assert_eq!((platform.people, platform.readiness), (1, Some(0.5)));
    // Everyone: (1.0 + 0.5 + 0.25) / 3.
    let all = a.team_summary(&org, None);
    assert!((all.readiness.unwrap() - 1.75 / 3.0).abs() < 1e-12);
    // Skill gap for skill 10 across everyone: targeted 3, below 2, mean gap (0+2+3)/3.
    let g = &all.skill_gaps[0];
    assert_eq!((g.skill_id, g.targeted, g.below_target), (10, 3, 2));
    assert!((g.mean_gap - 5.0 / 3.0).abs() < 1e-12);
}

#[test]
fn perception_gap_sign_and_team_overestimation() {
    let rs = [
        r(1, 1, 1, 4, Source::SelfRated, "2026-09-01"),
        r(2, 1, 1, 2, Source::Verified, "2026-01-01"),
        r(3, 1, 1, 1, Source::SelfRated, "2026-01-01"), // older self: ignored
    ];
    assert_eq!(
        perception_gap(&rs),
        Some(2),
        "self above verified is positive"
    );
    let under = [
        r(1, 1, 1, 1, Source::SelfRated, "2026-09-01"),
        r(2, 1, 1, 3, Source::Verified, "2026-09-01"),
    ];
    assert_eq!(perception_gap(&under), Some(-2));
    assert_eq!(perception_gap(&rs[..1]), None, "needs both sources");

    let mut o = org();
    o.ratings
        .push(r(10, 1, 10, 5, Source::SelfRated, "2026-10-02")); // +1 over verified 4
    o.ratings
        .push(r(11, 2, 10, 1, Source::SelfRated, "2026-10-02")); // -1 under verified 2
    o.ratings
        .push(r(12, 2, 11, 5, Source::SelfRated, "2026-10-02")); // no verified: no pair
    o.ratings
        .push(r(13, 1, 12, 5, Source::SelfRated, "2026-10-02")); // +3 over verified 2
    o.ratings
        .push(r(14, 1, 12, 2, Source::Verified, "2026-10-02"));
    o.sort_ratings();
    let a = Analysis::new(&o, settings());
    let eng = a.team_summary(&o, Some(1));
    // Pairs: +1, +3 (person 1), -1 (person 2) -> mean +1.
    assert_eq!((eng.perception_pairs, eng.overestimation), (3, Some(1.0)));
}

fn offer(
    id: i64,
    person: i64,
    training: i64,
    status: OfferStatus,
    offered: &str,
    done: Option<&str>,
) -> Offer {
    Offer {
        id,
        person_id: person,
        training_id: training,
        status,
        offered_on: d(offered),
        due_on: None,
        completed_on: done.map(d),
    }
}

#[test]
fn coverage_window_edges() {
    let mut o = org();
    // Today is 2026-11-22: 365 days before is 2025-11-22.
    o.offers = vec![
        offer(1, 1, 1, OfferStatus::Offered, "2025-11-22", None), // exactly 365 days: counts
        offer(2, 2, 1, OfferStatus::Offered, "2025-11-21", None), // 366 days: does not
        offer(3, 4, 1, OfferStatus::Declined, "2026-11-22", None), // today, even declined: counts
        offer(4, 5, 1, OfferStatus::Offered, "2026-11-23", None), // tomorrow: not yet
    ];
    let a = Analysis::new(&o, settings());
    // Everyone active: persons 1, 2, 4, 5 -> covered 1 and 4.
    assert_eq!(a.team_summary(&o, None).training_coverage, Some(0.5));
    let never: Vec<i64> = a
        .without_recent_offer(&o, None)
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(never, vec![2, 5]);
}

fn training(id: i64, title: &str, develops: &[(i64, u8)]) -> Training {
    Training {
        id,
        title: title.into(),
        provider: None,
        url: None,
        hours: None,
        develops: develops.to_vec(),
    }
}

#[test]
fn funnel_counts_and_verified_improvement() {
    let trainings = [
        training(1, "Prompting", &[(10, 3)]),
        training(2, "Ethics", &[(20, 2)]),
    ];
    let offers = [
        offer(
            1,
            1,
            1,
            OfferStatus::Completed,
            "2026-01-01",
            Some("2026-03-01"),
        ), // improved
        offer(
            2,
            2,
            1,
            OfferStatus::Completed,
            "2026-01-01",
            Some("2026-03-01"),
        ), // same level after
        offer(
            3,
            3,
            2,
            OfferStatus::Completed,
            "2026-01-01",
            Some("2026-03-01"),
        ), // no rating before
        offer(4, 4, 1, OfferStatus::Offered, "2026-01-01", None),
        offer(5, 4, 2, OfferStatus::Enrolled, "2026-01-01", None),
        offer(6, 5, 1, OfferStatus::Declined, "2026-01-01", None),
    ];
    let verified = [
        r(1, 1, 10, 1, Source::Verified, "2026-02-01"),
        r(2, 1, 10, 3, Source::Verified, "2026-04-01"), // after completion, higher: counts
        r(3, 2, 10, 2, Source::Verified, "2026-02-01"),
        r(4, 2, 10, 2, Source::Verified, "2026-04-01"), // not higher
        r(5, 2, 10, 4, Source::SelfRated, "2026-04-01"), // self doesn't count
        r(6, 3, 20, 3, Source::Verified, "2026-04-01"), // nothing before to compare
    ];
    let refs: Vec<&Offer> = offers.iter().collect();
    let f = funnel(&refs, &trainings, &verified);
    assert_eq!(
        (f.offered, f.enrolled, f.completed, f.declined),
        (1, 1, 3, 1)
    );
    assert_eq!(f.verified_improvement, 1);
    assert_eq!(f.total(), 6);
}

#[test]
fn improvement_compares_with_the_latest_verified_before_completion() {
    let trainings = [training(1, "Prompting", &[(10, 3)])];
    let offers = [offer(
        1,
        1,
        1,
        OfferStatus::Completed,
        "2026-01-01",
        Some("2026-03-01"),
    )];
    // An older 4 then a 2 on the completion day: the baseline is 2, so a 3 afterwards counts.
    let verified = [
        r(1, 1, 10, 4, Source::Verified, "2025-06-01"),
        r(2, 1, 10, 2, Source::Verified, "2026-03-01"),
        r(3, 1, 10, 3, Source::Verified, "2026-05-01"),
    ];
    let refs: Vec<&Offer> = offers.iter().collect();
    assert_eq!(funnel(&refs, &trainings, &verified).verified_improvement, 1);
}

#[test]
fn recommendation_order_and_exclusions() {
    // Skill 10: target 4, current 1 (gap 3).
    let skills = [SkillStatus {
        skill_id: 10,
        target: 4,
        weight: 1,
        current: Some(r(1, 1, 10, 1, Source::Verified, TODAY)),
        gap: 3,
        stale: false,
    }];
    let trainings = [
        training(1, "A to 2", &[(10, 2)]),
        training(2, "B to 4", &[(10, 4)]),
        training(3, "C to 5", &[(10, 5)]),
        training(4, "D to 1", &[(10, 1)]), // not above current: never
        training(5, "E to 3", &[(10, 3)]), // completed: never
        training(6, "F to 3", &[(10, 3)]), // declined: never
        training(7, "G other", &[(99, 5)]), // other skill
        training(8, "H to 3", &[(10, 3)]), // offered (in flight): never
        training(9, "I to 3", &[(10, 3)]), // enrolled: never
    ];
    let offers = [
        offer(
            1,
            1,
            5,
            OfferStatus::Completed,
            "2026-01-01",
            Some("2026-02-01"),
        ),
        offer(2, 1, 6, OfferStatus::Declined, "2026-01-01", None),
        offer(3, 1, 8, OfferStatus::Offered, "2026-01-01", None),
        offer(4, 1, 9, OfferStatus::Enrolled, "2026-01-01", None),
        offer(5, 2, 2, OfferStatus::Declined, "2026-01-01", None), // someone else's
    ];
    let refs: Vec<&Offer> = offers.iter().filter(|o| o.person_id == 1).collect();
    let recs = recommendations(&skills, &trainings, &refs);
    let order: Vec<i64> = recs.iter().map(|r| r.training_id).collect();
    // Within target, highest first: B(4), A(2); then beyond target: C(5).
    assert_eq!(order, vec![2, 1, 3]);
    // Without any offer, the offered and enrolled ones come back in their place.
    let none = recommendations(&skills, &trainings, &[]);
    let order: Vec<i64> = none.iter().map(|r| r.training_id).collect();
    assert_eq!(order, vec![2, 5, 6, 8, 9, 1, 3]);
    // No gap, no recommendation.
    let met = [SkillStatus {
        gap: 0,
        current: Some(r(1, 1, 10, 4, Source::Verified, TODAY)),
        ..skills[0].clone()
    }];
    assert!(recommendations(&met, &trainings, &[]).is_empty());
}

#[test]
fn stale_count_in_team_summary() {
    let mut o = org();
    // Person 4's rating is from 2026-10-01: fresh. Make person 1's old.
    o.ratings.retain(|x| x.person_id != 1);
    o.ratings
        .push(r(20, 1, 10, 4, Source::Verified, "2025-01-01"));
    o.sort_ratings();
    let a = Analysis::new(&o, settings());
    assert!(a.person(1).unwrap().skills[0].stale);
    assert_eq!(a.team_summary(&o, Some(1)).stale, 1);
    assert_eq!(a.team_summary(&o, Some(3)).stale, 0);
}

#[test]
fn large_orgs_split_over_threads_give_the_same_summaries_in_order() {
    // 5,000 people is above the threshold where Analysis::new uses several threads.
    let mut o = Org {
        teams: vec![Team {
            id: 1,
            name: "All".into(),
            parent_id: None,
        }],
        ..Org::default()
    };
    o.role_targets
        .insert(1, vec![t(10, 3, 1), t(11, 4, 2), t(12, 2, 3)]);
    for p in 1..=5_000i64 {
        o.people.push(person(p, 1, p % 97 == 0));
        for (k, skill) in [10i64, 11, 12].into_iter().enumerate() {
            if (p + k as i64) % 5 != 0 {
                let level = ((p * 7 + k as i64) % 6) as u8;
                o.ratings.push(r(
                    p * 10 + k as i64,
                    p,
                    skill,
                    level,
                    Source::Manager,
                    "2026-06-01",
                ));
            }
        }
    }
    o.sort_ratings();
    let s = settings();
    let a = Analysis::new(&o, s.clone());
    assert_eq!(a.people.len(), 5_000);
    for (i, p) in o.people.iter().enumerate() {
        let expected = skillgap::metrics::PersonSummary::build(
            p.id,
            &o.targets_of(p),
            |sk| o.ratings_of(p.id, sk),
            &s,
        );
        assert_eq!(a.people[i], expected, "person {}", p.id);
        assert_eq!(a.person(p.id), Some(&expected));
    }
}

/// The analysis keeps what it can per person (ratings found once, perception gaps) so that
/// team figures cost little; on a demo organisation of 2,000 people (several threads) every
/// figure must equal the formulas applied directly.
#[test]
fn analysis_and_team_figures_equal_the_formulas_on_a_demo_org() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut store = skillgap::store::Store::open(&path, skillgap::store::Missing::Create).unwrap();
    skillgap::demo::generate(&mut store, 2_000, 5, d(TODAY)).unwrap();
    let o = skillgap::store::load_org(store.conn()).unwrap();
    let s = settings();
    let a = Analysis::new(&o, s.clone());
    let perception_of = |p: i64| -> Vec<(i64, i32)> {
        let mut skills: Vec<i64> = o.ratings_of_person(p).iter().map(|r| r.skill_id).collect();
        skills.dedup();
        skills
            .into_iter()
            .filter_map(|sk| perception_gap(o.ratings_of(p, sk)).map(|g| (sk, g)))
            .collect()
    };
    let mut pairs = 0;
    for (i, p) in o.people.iter().enumerate() {
        let expected = skillgap::metrics::PersonSummary::build(
            p.id,
            &o.targets_of(p),
            |sk| o.ratings_of(p.id, sk),
            &s,
        );
        assert_eq!(a.people[i], expected, "person {}", p.id);
        assert_eq!(a.perception_of(&o, p.id), perception_of(p.id));
        pairs += perception_of(p.id).len();
    }
    assert!(
        pairs > 1_000,
        "the demo has self and verified pairs: {pairs}"
    );
    let teams = std::iter::once(None).chain(o.teams.iter().map(|t| Some(t.id)));
    for team in teams {
        let members = o.members(team);
        let summaries: Vec<_> = members.iter().map(|p| a.person(p.id).unwrap()).collect();
        let perception: Vec<i32> = members
            .iter()
            .flat_map(|p| perception_of(p.id).into_iter().map(|(_, g)| g))
            .collect();
        let mut expected =
            skillgap::metrics::TeamSummary::build(&members, &summaries, &perception, &o.offers, &s);
        skillgap::metrics::sort_skill_gaps(&mut expected.skill_gaps, &o.skills);
        let got = a.team_summary(&o, team);
        assert_eq!(got, expected, "team {team:?}");
        // Skill gaps by hand: members targeted, below target, mean gap; in the skill gap
        // order: most levels missing first, then the larger mean gap, then the name.
        let mut by_hand: Vec<(i64, usize, usize, f64)> = Vec::new();
        let mut missing: std::collections::HashMap<i64, u64> = Default::default();
        for sk in o.skills.iter().map(|sk| sk.id) {
            let statuses: Vec<_> = summaries.iter().filter_map(|p| p.skill(sk)).collect();
            if statuses.is_empty() {
                continue;
            }
            let below = statuses.iter().filter(|st| st.gap > 0).count();
            let sum: u64 = statuses.iter().map(|st| u64::from(st.gap)).sum();
            missing.insert(sk, sum);
            by_hand.push((
                sk,
                statuses.len(),
                below,
                sum as f64 / statuses.len() as f64,
            ));
        }
        let name = |id: i64| o.skill(id).unwrap().name.to_lowercase();
        by_hand.sort_by(|x, y| {
            missing[&y.0]
                .cmp(&missing[&x.0])
                .then(y.3.total_cmp(&x.3))
                .then_with(|| name(x.0).cmp(&name(y.0)))
        });
        let got: Vec<_> = got
            .skill_gaps
            .iter()
            .map(|g| (g.skill_id, g.targeted, g.below_target, g.mean_gap))
            .collect();
        assert_eq!(got, by_hand, "team {team:?}");
    }
    // A person the analysis does not know (added after it ran) still gets their gaps.
    assert_eq!(a.perception_of(&o, -1), Vec::new());
}
