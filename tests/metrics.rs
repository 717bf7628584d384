//! Worked examples of every metric, small enough to check by hand. Each runs three ways (see
//! `metrics_common::through`): in memory, and written through the store and read back on
//! SQLite and on PostgreSQL, with the same expected figures.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use skillgap::metrics::{
    Analysis, Org, SkillStatus, at_target, current_rating, funnel, gap, is_stale, merge_targets,
    perception_gap, readiness, recommendations,
};
use skillgap::model::{Offer, OfferStatus, Person, Source, Target, Team, Training};

mod metrics_common;
mod pg_common;
use metrics_common::through::Through;
use metrics_common::{TODAY, d, people, r, ratings_org, settings, three_ways};

three_ways!(
    precedence_older_verified_2_beats_newer_self_4,
    manager_beats_self_and_latest_within_a_source_wins,
    ties_on_the_same_date_go_to_the_one_recorded_last,
    staleness_at_the_boundary_day,
    not_assessed_is_distinct_from_level_0,
    readiness_weights_and_caps_at_target,
    no_targeted_skills_means_undefined,
    a_person_override_removes_or_replaces_a_role_target,
    team_readiness_rolls_up_sub_teams_and_skips_undefined_and_archived,
    perception_gap_sign_and_team_overestimation,
    coverage_window_edges,
    funnel_counts_and_verified_improvement,
    improvement_compares_with_the_latest_verified_before_completion,
    recommendation_order_and_exclusions,
    stale_count_in_team_summary,
);

fn t(skill: i64, level: u8, weight: u8) -> Target {
    Target {
        skill_id: skill,
        level,
        weight,
    }
}

const PREC: [Source; 3] = [Source::Verified, Source::Manager, Source::SelfRated];

fn precedence_older_verified_2_beats_newer_self_4(via: Through) {
    // Person 1 has both; person 2 only the self rating.
    let trip = via.trip(&ratings_org(&[
        r(1, 1, 1, 2, Source::Verified, "2026-01-10"),
        r(2, 1, 1, 4, Source::SelfRated, "2026-11-01"),
        r(3, 2, 1, 4, Source::SelfRated, "2026-11-01"),
    ]));
    let rs = trip.org.ratings_of(1, 1);
    let cur = current_rating(&rs, &PREC).unwrap();
    assert_eq!((cur.level, cur.source, cur.id), (2, Source::Verified, 1));
    // With self ranked first in the config, the self rating wins instead.
    let cur = current_rating(&rs, &[Source::SelfRated, Source::Verified]).unwrap();
    assert_eq!(cur.level, 4);
    // A source left out of the precedence is never used.
    assert_eq!(
        current_rating(
            &trip.org.ratings_of(2, 1),
            &[Source::Verified, Source::Manager]
        ),
        None
    );
}

fn manager_beats_self_and_latest_within_a_source_wins(via: Through) {
    let trip = via.trip(&ratings_org(&[
        r(1, 1, 1, 1, Source::Manager, "2026-03-01"),
        r(2, 1, 1, 3, Source::Manager, "2026-06-01"),
        r(3, 1, 1, 5, Source::SelfRated, "2026-10-01"),
    ]));
    let cur = current_rating(&trip.org.ratings_of(1, 1), &PREC).unwrap();
    assert_eq!((cur.level, cur.id), (3, 2));
}

fn ties_on_the_same_date_go_to_the_one_recorded_last(via: Through) {
    // Recorded in the order of their ids: 7, 8, then 9.
    let trip = via.trip(&ratings_org(&[
        r(7, 1, 1, 2, Source::Verified, "2026-05-05"),
        r(9, 1, 1, 4, Source::Verified, "2026-05-05"),
        r(8, 1, 1, 3, Source::Verified, "2026-05-05"),
    ]));
    let cur = current_rating(&trip.org.ratings_of(1, 1), &PREC).unwrap();
    assert_eq!((cur.level, cur.id), (4, 9));
}

fn staleness_at_the_boundary_day(via: Through) {
    let s = settings(); // 180 days
    let trip = via.trip(&ratings_org(&[
        r(1, 1, 1, 3, Source::Verified, "2026-05-26"), // 180 days before today
        r(2, 2, 1, 3, Source::Verified, "2026-05-25"), // 181 days
    ]));
    let exactly = trip.org.ratings_of(1, 1)[0];
    let one_more = trip.org.ratings_of(2, 1)[0];
    assert_eq!((d(TODAY) - exactly.assessed_on).num_days(), 180);
    assert!(!is_stale(&exactly, &s));
    assert!(is_stale(&one_more, &s));
}

fn not_assessed_is_distinct_from_level_0(via: Through) {
    let s = settings();
    // Role 1 targets skill 1 at 3. Person 1 was never assessed; person 2 has a verified 0.
    let mut org = ratings_org(&[r(1, 2, 1, 0, Source::Verified, TODAY)]);
    org.role_targets.insert(1, vec![t(1, 3, 1)]);
    for p in &mut org.people {
        p.role_id = Some(1);
    }
    let trip = via.trip(&org);
    let none = SkillStatus::build(t(1, 3, 1), &trip.org.ratings_of(1, 1), &s);
    let zero = SkillStatus::build(t(1, 3, 1), &trip.org.ratings_of(2, 1), &s);
    assert_eq!(none.current, None);
    assert_eq!(zero.current_level(), Some(0));
    // Both count as 0 in the gap and in readiness.
    assert_eq!((none.gap, zero.gap), (3, 3));
    let a = Analysis::new(&trip.org, s);
    assert_eq!(a.person(1).unwrap().skills, vec![none.clone()]);
    assert_eq!(a.person(2).unwrap().skills, vec![zero.clone()]);
    assert_eq!(readiness(&[none]), Some(0.0));
    assert_eq!(readiness(&[zero]), Some(0.0));
    assert_eq!(gap(3, Some(5)), 0, "above target is no gap");
}

fn readiness_weights_and_caps_at_target(via: Through) {
    // Person 1's own targets:
    // Skill A: target 4, weight 2, current 2 -> 2 * 2/4 = 1.0
    // Skill B: target 2, weight 1, current 5 -> capped: 1 * 2/2 = 1.0
    // Skill C: target 3, weight 3, not assessed -> 0
    // readiness = (1 + 1 + 0) / (2 + 1 + 3) = 1/3
    // Person 2: the same targets unweighted, the same levels.
    let mut org = ratings_org(&[
        r(1, 1, 1, 2, Source::Verified, TODAY),
        r(2, 1, 2, 5, Source::Verified, TODAY),
        r(3, 2, 1, 2, Source::Verified, TODAY),
        r(4, 2, 2, 5, Source::Verified, TODAY),
    ]);
    org.overrides
        .insert(1, vec![t(1, 4, 2), t(2, 2, 1), t(3, 3, 3)]);
    org.overrides
        .insert(2, vec![t(1, 4, 1), t(2, 2, 1), t(3, 3, 1)]);
    let trip = via.trip(&org);
    let a = Analysis::new(&trip.org, settings());
    let skills = &a.person(1).unwrap().skills;
    let levels: Vec<(u8, u8, Option<u8>)> = skills
        .iter()
        .map(|s| (s.target, s.weight, s.current_level()))
        .collect();
    assert_eq!(levels, vec![(4, 2, Some(2)), (2, 1, Some(5)), (3, 3, None)]);
    let got = readiness(skills).unwrap();
    assert!((got - 1.0 / 3.0).abs() < 1e-12, "{got}");
    assert_eq!(a.person(1).unwrap().readiness, Some(got));
    // At target: only B -> 1/3.
    assert!((at_target(skills).unwrap() - 1.0 / 3.0).abs() < 1e-12);
    // Unweighted, the same levels would give (0.5 + 1 + 0) / 3 = 0.5.
    let unweighted = &a.person(2).unwrap().skills;
    assert!(unweighted.iter().all(|s| s.weight == 1));
    assert!((readiness(unweighted).unwrap() - 0.5).abs() < 1e-12);
}

fn no_targeted_skills_means_undefined(via: Through) {
    // Assessed, but without any target.
    let trip = via.trip(&ratings_org(&[r(1, 1, 1, 3, Source::Verified, TODAY)]));
    let a = Analysis::new(&trip.org, settings());
    let skills = &a.person(1).unwrap().skills;
    assert!(skills.is_empty());
    assert_eq!(readiness(skills), None);
    assert_eq!(at_target(skills), None);
    assert_eq!(a.person(1).unwrap().readiness, None);
    assert_eq!(a.team_summary(&trip.org, None).readiness, None);
}

fn a_person_override_removes_or_replaces_a_role_target(via: Through) {
    let mut org = ratings_org(&[]);
    org.people = people(1);
    org.people[0].role_id = Some(1);
    org.role_targets
        .insert(1, vec![t(1, 3, 1), t(2, 4, 2), t(3, 2, 1)]);
    org.overrides
        .insert(1, vec![t(2, 0, 1), t(3, 5, 3), t(9, 1, 1)]);
    let trip = via.trip(&org);
    let merged = merge_targets(&trip.org.role_targets[&1], &trip.org.overrides[&1]);
    // skill 2 removed, skill 3 replaced, skill 9 added.
    assert_eq!(merged, vec![t(1, 3, 1), t(3, 5, 3), t(9, 1, 1)]);
    assert_eq!(trip.org.targets_of(&trip.org.people[0]), merged);
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
    org.ratings = skillgap::metrics::Ratings::from(vec![
        r(1, 1, 10, 4, Source::Verified, "2026-10-01"),
        r(2, 2, 10, 2, Source::Verified, "2026-10-01"),
        r(3, 3, 10, 0, Source::Verified, "2026-10-01"),
        r(4, 4, 10, 1, Source::Manager, "2026-10-01"),
        r(5, 5, 10, 3, Source::Verified, "2026-10-01"),
    ]);
    org.sort_ratings();
    org
}

fn team_readiness_rolls_up_sub_teams_and_skips_undefined_and_archived(via: Through) {
    let org = via.trip(&org()).org;
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

fn perception_gap_sign_and_team_overestimation(via: Through) {
    let trip = via.trip(&ratings_org(&[
        // Person 1: self over verified.
        r(1, 1, 1, 4, Source::SelfRated, "2026-09-01"),
        r(2, 1, 1, 2, Source::Verified, "2026-01-01"),
        r(3, 1, 1, 1, Source::SelfRated, "2026-01-01"), // older self: ignored
        // Person 2: under.
        r(4, 2, 1, 1, Source::SelfRated, "2026-09-01"),
        r(5, 2, 1, 3, Source::Verified, "2026-09-01"),
        // Person 3: self only.
        r(6, 3, 1, 4, Source::SelfRated, "2026-09-01"),
    ]));
    let rs = trip.org.ratings_of(1, 1);
    assert_eq!(
        perception_gap(&rs),
        Some(2),
        "self above verified is positive"
    );
    assert_eq!(perception_gap(&trip.org.ratings_of(2, 1)), Some(-2));
    assert_eq!(
        perception_gap(&trip.org.ratings_of(3, 1)),
        None,
        "needs both sources"
    );

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
    let o = via.trip(&o).org;
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

fn coverage_window_edges(via: Through) {
    let mut o = org();
    o.trainings = vec![training(1, "Prompting", &[])];
    // Today is 2026-11-22: 365 days before is 2025-11-22.
    o.offers = vec![
        offer(1, 1, 1, OfferStatus::Offered, "2025-11-22", None), // exactly 365 days: counts
        offer(2, 2, 1, OfferStatus::Offered, "2025-11-21", None), // 366 days: does not
        offer(3, 4, 1, OfferStatus::Declined, "2026-11-22", None), // today, even declined: counts
        offer(4, 5, 1, OfferStatus::Offered, "2026-11-23", None), // tomorrow: not yet
    ];
    let o = via.trip(&o).org;
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

fn funnel_counts_and_verified_improvement(via: Through) {
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
    let mut o = ratings_org(&verified);
    o.people = people(5);
    (o.trainings, o.offers) = (trainings.to_vec(), offers.to_vec());
    // In memory the funnel is given every rating (the self one too); a store gives the
    // verified history of completed trainings' skills.
    o.verified_history = verified.to_vec();
    let o = via.trip(&o).org;
    let refs: Vec<&Offer> = o.offers.iter().collect();
    let f = funnel(&refs, &o.trainings, &o.verified_history);
    assert_eq!(
        (f.offered, f.enrolled, f.completed, f.declined),
        (1, 1, 3, 1)
    );
    assert_eq!(f.verified_improvement, 1);
    assert_eq!(f.total(), 6);
    assert_eq!(Analysis::new(&o, settings()).funnel(&o, None), f);
}

fn improvement_compares_with_the_latest_verified_before_completion(via: Through) {
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
    let mut o = ratings_org(&verified);
    (o.trainings, o.offers) = (trainings.to_vec(), offers.to_vec());
    o.verified_history = verified.to_vec();
    let o = via.trip(&o).org;
    let refs: Vec<&Offer> = o.offers.iter().collect();
    let f = funnel(&refs, &o.trainings, &o.verified_history);
    assert_eq!(f.verified_improvement, 1);
}

fn recommendation_order_and_exclusions(via: Through) {
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
    // Person 1, skill 10: target 4, current 1 (gap 3).
    let mut o = ratings_org(&[r(1, 1, 10, 1, Source::Verified, TODAY)]);
    o.people = people(2);
    o.overrides.insert(1, vec![t(10, 4, 1)]);
    (o.trainings, o.offers) = (trainings.to_vec(), offers.to_vec());
    let o = via.trip(&o).org;
    let a = Analysis::new(&o, settings());
    let skills = a.person(1).unwrap().skills.clone();
    assert_eq!(
        skills,
        vec![SkillStatus {
            skill_id: 10,
            target: 4,
            weight: 1,
            current: Some(r(1, 1, 10, 1, Source::Verified, TODAY).into()),
            gap: 3,
            stale: false,
        }]
    );
    let trainings = &o.trainings;
    let refs: Vec<&Offer> = o.offers.iter().filter(|o| o.person_id == 1).collect();
    let recs = recommendations(&skills, trainings, &refs);
    assert_eq!(a.recommendations(&o, 1), recs);
    let order: Vec<i64> = recs.iter().map(|r| r.training_id).collect();
    // Within target, highest first: B(4), A(2); then beyond target: C(5).
    assert_eq!(order, vec![2, 1, 3]);
    // Without any offer, the offered and enrolled ones come back in their place.
    let none = recommendations(&skills, trainings, &[]);
    let order: Vec<i64> = none.iter().map(|r| r.training_id).collect();
    assert_eq!(order, vec![2, 5, 6, 8, 9, 1, 3]);
    // No gap, no recommendation.
    let met = [SkillStatus {
        gap: 0,
        current: Some(r(1, 1, 10, 4, Source::Verified, TODAY).into()),
        ..skills[0].clone()
    }];
    assert!(recommendations(&met, trainings, &[]).is_empty());
}

fn stale_count_in_team_summary(via: Through) {
    let mut o = org();
    // Person 4's rating is from 2026-10-01: fresh. Make person 1's old.
    o.ratings.retain(|x| x.person_id != 1);
    o.ratings
        .push(r(20, 1, 10, 4, Source::Verified, "2025-01-01"));
    o.sort_ratings();
    let o = via.trip(&o).org;
    let a = Analysis::new(&o, settings());
    assert!(a.person(1).unwrap().skills[0].stale);
    assert_eq!(a.team_summary(&o, Some(1)).stale, 1);
    assert_eq!(a.team_summary(&o, Some(3)).stale, 0);
}
