//! Worked examples of the issue-10 metrics, small enough to check by hand: overdue offers,
//! the readiness trend, overestimation per skill, manager drift, at target and single points
//! of failure per skill, the skill gap order, and the what-if plan. Each runs three ways (see
//! `metrics_common::through`): in memory, and through the store on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use skillgap::metrics::{
    Analysis, Org, by_skill, drift_by_assessor, is_overdue, pair_stats, pairs_of, readiness_trend,
    readiness_with, trend_dates,
};
use skillgap::model::{Offer, OfferStatus, Source};

mod metrics_common;
mod pg_common;
use metrics_common::named::{person, plan_org, skill, t, team, training};
use metrics_common::through::{Through, Trip};
use metrics_common::{TODAY, d, r, settings, three_ways};

three_ways!(
    an_offer_due_today_is_not_overdue_and_one_due_yesterday_is,
    overdue_offers_of_a_team_count_active_members_only_most_overdue_first,
    the_trend_ignores_assessments_dated_after_each_point,
    the_trend_leaves_out_archived_members_and_people_without_targets,
    a_person_history_can_be_replaced,
    overestimation_per_skill_with_its_sign_and_who_is_two_or_more_above,
    manager_drift_for_the_team_and_per_assessor_with_signs,
    at_target_and_single_points_of_failure_per_skill,
    skill_gaps_in_the_one_order_levels_missing_then_mean_gap_then_name,
    the_plan_takes_the_best_gain_per_hour_and_judges_later_picks_on_new_levels,
    a_pick_that_would_overrun_is_skipped_and_a_smaller_one_that_fits_is_taken,
);

fn offer(id: i64, person: i64, status: OfferStatus, due: Option<&str>) -> Offer {
    Offer {
        id,
        person_id: person,
        training_id: 1,
        status,
        offered_on: d("2026-09-01"),
        due_on: due.map(d),
        completed_on: (status == OfferStatus::Completed).then(|| d("2026-10-01")),
    }
}

// ---------------------------------------------------------------- overdue

fn an_offer_due_today_is_not_overdue_and_one_due_yesterday_is(via: Through) {
    let today = d(TODAY);
    let org = Org {
        teams: vec![team(1, "Eng")],
        people: vec![person(1, "Ann", 1)],
        trainings: vec![training(1, "Prompting", None, &[])],
        offers: vec![
            offer(1, 1, OfferStatus::Offered, Some("2026-11-22")),
            offer(2, 1, OfferStatus::Enrolled, Some("2026-11-21")),
            offer(3, 1, OfferStatus::Completed, Some("2026-01-01")),
            offer(4, 1, OfferStatus::Declined, Some("2026-01-01")),
            offer(5, 1, OfferStatus::Offered, None),
        ],
        ..Org::default()
    };
    let org = via.trip(&org).org;
    let offer = |id: i64| org.offers.iter().find(|o| o.id == id).unwrap();
    let (due_today, due_yesterday) = (offer(1), offer(2));
    assert!(!is_overdue(due_today, today));
    assert!(is_overdue(due_yesterday, today));
    // Only open offers (offered, enrolled) with a due date can be overdue.
    assert!(!is_overdue(offer(3), today));
    assert!(!is_overdue(offer(4), today));
    assert!(!is_overdue(offer(5), today));
}

fn overdue_offers_of_a_team_count_active_members_only_most_overdue_first(via: Through) {
    let mut archived = person(3, "Cat", 1);
    archived.archived = true;
    let org = Org {
        teams: vec![team(1, "Eng"), team(2, "Sales")],
        people: vec![person(1, "Ann", 1), person(2, "Bob", 2), archived],
        trainings: vec![training(1, "Prompting", None, &[])],
        offers: vec![
            offer(1, 1, OfferStatus::Offered, Some("2026-11-01")),
            offer(2, 1, OfferStatus::Enrolled, Some("2026-07-17")),
            offer(3, 1, OfferStatus::Offered, Some("2026-12-01")), // not yet due
            offer(4, 2, OfferStatus::Enrolled, Some("2026-10-01")), // other team
            offer(5, 3, OfferStatus::Enrolled, Some("2026-10-01")), // archived
        ],
        ..Org::default()
    };
    let org = via.trip(&org).org;
    let a = Analysis::new(&org, settings());
    let eng: Vec<i64> = a.overdue(&org, Some(1)).iter().map(|o| o.id).collect();
    assert_eq!(eng, vec![2, 1]);
    assert_eq!(a.team_summary(&org, Some(1)).overdue_offers, 2);
    let all: Vec<i64> = a.overdue(&org, None).iter().map(|o| o.id).collect();
    assert_eq!(all, vec![2, 4, 1]);
    assert_eq!(a.team_summary(&org, None).overdue_offers, 3);
}

// ---------------------------------------------------------------- trend

#[test]
fn trend_dates_are_month_ends_oldest_first_then_today_with_a_leap_february() {
    let dates = trend_dates(d("2028-03-15"));
    assert_eq!(dates.len(), 13);
    assert_eq!(dates[0], d("2027-03-31"));
    assert_eq!(dates[1], d("2027-04-30"));
    assert_eq!(dates[9], d("2027-12-31"));
    assert_eq!(dates[10], d("2028-01-31"));
    assert_eq!(dates[11], d("2028-02-29"), "leap year");
    assert_eq!(dates[12], d("2028-03-15"), "the last point is today");
    assert!(dates.windows(2).all(|w| w[0] < w[1]));
    // Not a leap year; and today on the first of a month.
    let dates = trend_dates(d("2027-03-01"));
    assert_eq!(dates[11], d("2027-02-28"));
    assert_eq!(dates[0], d("2026-03-31"));
    // Today on a month end: the previous month's end comes before it.
    let dates = trend_dates(d("2026-12-31"));
    assert_eq!((dates[11], dates[12]), (d("2026-11-30"), d("2026-12-31")));
    assert_eq!(dates[0], d("2025-12-31"));
}

/// Ann (team 1) targets skill 10 at level 4. Her history: manager 2 on 2025-12-01, verified 1
/// on 2026-01-15, verified 3 on 2026-06-10, verified 4 on 2026-11-20, and a verified 0 dated
/// 2026-12-01 (after today: never counted). Bob (team 1) targets skill 10 at 4 and was never
/// assessed (readiness 0 throughout). Cy (team 2) is outside the team. The whole history is
/// in `ratings` (in memory the trend reads that; a store its assessments).
fn trend_org() -> Org {
    let mut org = Org {
        teams: vec![team(1, "Eng"), team(2, "Sales")],
        people: vec![person(1, "Ann", 1), person(2, "Bob", 1), person(3, "Cy", 2)],
        skills: vec![skill(10, "Prompting")],
        ..Org::default()
    };
    org.role_targets.insert(1, vec![t(10, 4)]);
    let history = vec![
        r(5, 1, 10, 0, Source::Verified, "2026-12-01"),
        r(1, 1, 10, 2, Source::Manager, "2025-12-01"),
        r(2, 1, 10, 1, Source::Verified, "2026-01-15"),
        r(3, 1, 10, 3, Source::Verified, "2026-06-10"),
        r(4, 1, 10, 4, Source::Verified, "2026-11-20"),
        r(6, 3, 10, 4, Source::Verified, "2025-01-01"),
    ];
    org.ratings = history.into();
    org.sort_ratings();
    org
}

fn the_trend_ignores_assessments_dated_after_each_point(via: Through) {
    let Trip { org, history, .. } = via.trip(&trend_org());
    let points = readiness_trend(&org, &history, Some(1), &settings());
    assert_eq!(points.len(), 13);
    let at = |date: &str| {
        points
            .iter()
            .find(|p| p.date == d(date))
            .unwrap_or_else(|| panic!("no point on {date}"))
            .readiness
    };
    // Team = mean of Ann and Bob (0). Ann: nothing yet on 2025-11-30 (0).
    assert_eq!(points[0].date, d("2025-11-30"));
    assert_eq!(at("2025-11-30"), Some(0.0));
    // Manager 2 of 4 -> Ann 0.5, team 0.25.
    assert_eq!(at("2025-12-31"), Some(0.25));
    // Verified 1 outranks the manager's 2 -> Ann 0.25, team 0.125.
    assert_eq!(at("2026-01-31"), Some(0.125));
    assert_eq!(at("2026-05-31"), Some(0.125));
    // Verified 3 -> 0.75, team 0.375; until the verified 4 on 2026-11-20.
    assert_eq!(at("2026-06-30"), Some(0.375));
    assert_eq!(at("2026-10-31"), Some(0.375));
    // Today: verified 4 (the one dated 2026-12-01 is after today) -> Ann 1.0, team 0.5.
    assert_eq!(points[12].date, d(TODAY));
    assert_eq!(points[12].readiness, Some(0.5));
    // Everyone adds Cy (verified 4 since 2025: 1.0 throughout).
    let all = readiness_trend(&org, &history, None, &settings());
    assert_eq!(all[0].readiness, Some(1.0 / 3.0));
    assert_eq!(all[12].readiness, Some(2.0 / 3.0));
}

fn the_trend_leaves_out_archived_members_and_people_without_targets(via: Through) {
    let mut org = trend_org();
    org.people[1].archived = true; // Bob
    org.overrides.insert(3, vec![t(10, 0)]); // Cy: no targets, undefined
    let Trip { org, history, .. } = via.trip(&org);
    let all = readiness_trend(&org, &history, None, &settings());
    // Only Ann counts.
    assert_eq!(all[1].readiness, Some(0.5));
    assert_eq!(all[12].readiness, Some(1.0));
    // A team whose members have no targets has no readiness at any point.
    let sales = readiness_trend(&org, &history, Some(2), &settings());
    assert!(sales.iter().all(|p| p.readiness.is_none()));
}

fn a_person_history_can_be_replaced(via: Through) {
    let mut history = via.trip(&trend_org()).history;
    assert_eq!(history.of_person(1).len(), 5);
    history.set_person(1, vec![r(9, 1, 10, 2, Source::SelfRated, "2026-01-01")]);
    assert_eq!(history.of_person(1).len(), 1);
    assert_eq!(history.of_person(3).len(), 1);
    assert_eq!(history.len(), 2);
}

// ---------------------------------------------------------------- perception

/// Team 1: Ann and Bob; team 2: Cy. Skills 10 and 11.
fn perception_org() -> Org {
    let mut org = Org {
        teams: vec![team(1, "Eng"), team(2, "Sales")],
        people: vec![person(1, "Ann", 1), person(2, "Bob", 1), person(3, "Cy", 2)],
        skills: vec![skill(10, "Prompting"), skill(11, "Validation")],
        ..Org::default()
    };
    org.ratings = skillgap::metrics::Ratings::from(vec![
        // Ann, skill 10: self 5 over verified 2 (+3); older self 1 ignored. Manager 3 (+1).
        r(1, 1, 10, 1, Source::SelfRated, "2026-01-01"),
        r(2, 1, 10, 5, Source::SelfRated, "2026-09-01"),
        r(3, 1, 10, 2, Source::Verified, "2026-08-01"),
        r(4, 1, 10, 3, Source::Manager, "2026-08-15"),
        // Ann, skill 11: self 2 under verified 3 (-1); no manager.
        r(5, 1, 11, 2, Source::SelfRated, "2026-09-01"),
        r(6, 1, 11, 3, Source::Verified, "2026-09-01"),
        // Bob, skill 10: self 3 over verified 2 (+1). Manager 1 under it (-1).
        r(7, 2, 10, 3, Source::SelfRated, "2026-09-01"),
        r(8, 2, 10, 2, Source::Verified, "2026-09-01"),
        r(9, 2, 10, 1, Source::Manager, "2026-09-01"),
        // Bob, skill 11: self only, no pair.
        r(10, 2, 11, 5, Source::SelfRated, "2026-09-01"),
        // Cy (other team), skill 10: self 4 over verified 1 (+3). Manager 4 (+3).
        r(11, 3, 10, 4, Source::SelfRated, "2026-09-01"),
        r(12, 3, 10, 1, Source::Verified, "2026-09-01"),
        r(13, 3, 10, 4, Source::Manager, "2026-09-01"),
    ]);
    org.sort_ratings();
    org
}

fn overestimation_per_skill_with_its_sign_and_who_is_two_or_more_above(via: Through) {
    let org = via.trip(&perception_org()).org;
    let a = Analysis::new(&org, settings());
    let pairs = a.pairs(&org, Some(1), Source::SelfRated);
    let gaps: Vec<(i64, i64, i32)> = pairs
        .iter()
        .map(|p| (p.person_id, p.skill_id, p.gap()))
        .collect();
    assert_eq!(gaps, vec![(1, 10, 3), (1, 11, -1), (2, 10, 1)]);
    // The pair shows the latest self rating (id 2, not the older id 1) and its date.
    assert_eq!(
        (pairs[0].rated_id, pairs[0].verified.assessed_on),
        (2, d("2026-08-01"))
    );
    let per_skill = by_skill(&pairs);
    // Skill 10: (+3 +1) / 2 = +2.0, Ann two or more above; skill 11: -1 (underestimated).
    assert_eq!(per_skill.len(), 2);
    assert_eq!((per_skill[0].skill_id, per_skill[0].pairs), (10, 2));
    assert_eq!(per_skill[0].overestimation, 2.0);
    assert_eq!(per_skill[0].two_or_more, vec![1]);
    assert_eq!(per_skill[1].skill_id, 11);
    assert_eq!(per_skill[1].overestimation, -1.0);
    assert!(per_skill[1].two_or_more.is_empty());
    // The team figure is the mean over all pairs: (3 - 1 + 1) / 3 = +1.0.
    let s = pair_stats(&pairs);
    assert_eq!((s.pairs, s.mean), (3, Some(1.0)));
    assert_eq!(a.team_summary(&org, Some(1)).overestimation, Some(1.0));
    // Ann's own mean gap: (3 - 1) / 2.
    assert_eq!(a.mean_perception_gap(&org, 1), Some(1.0));
    assert_eq!(a.mean_perception_gap(&org, 2), Some(1.0));
    assert_eq!(pair_stats(Vec::<skillgap::metrics::Pair>::new()).mean, None);
}

fn manager_drift_for_the_team_and_per_assessor_with_signs(via: Through) {
    // Ann's (id 4) and Cy's (id 13) manager ratings by "Lee", Bob's (id 9) by "Max".
    let trip = via.trip_with(&perception_org(), &[(4, "Lee"), (13, "Lee"), (9, "Max")]);
    let org = &trip.org;
    let a = Analysis::new(org, settings());
    let pairs = a.pairs(org, Some(1), Source::Manager);
    let gaps: Vec<(i64, i32)> = pairs.iter().map(|p| (p.person_id, p.gap())).collect();
    // Ann: manager 3 over verified 2 (+1); Bob: manager 1 under verified 2 (-1).
    assert_eq!(gaps, vec![(1, 1), (2, -1)]);
    assert_eq!(pair_stats(&pairs).mean, Some(0.0));
    // Everyone adds Cy: manager 4 over verified 1 (+3): drift (1 - 1 + 3) / 3 = +1.
    let all = a.pairs(org, None, Source::Manager);
    assert_eq!(pair_stats(&all).mean, Some(1.0));
    // Per assessor: Ann's (id 4) and Cy's (id 13) by "Lee", Bob's (id 9) by "Max".
    let per = drift_by_assessor(&all, |id| trip.assessor(id));
    let rows: Vec<(Option<&str>, usize, f64)> = per
        .iter()
        .map(|d| (d.assessor.as_deref(), d.pairs, d.drift))
        .collect();
    // Lee: (+1 +3) / 2 = +2 (rates above verified); Max: -1 (below). Furthest first.
    assert_eq!(rows, vec![(Some("Lee"), 2, 2.0), (Some("Max"), 1, -1.0)]);
    // Ratings without an assessor are grouped apart (here: as far off as Lee, more pairs).
    let per = drift_by_assessor(&all, |id| (id == 4).then_some("Lee"));
    let rows: Vec<(Option<&str>, usize)> = per
        .iter()
        .map(|d| (d.assessor.as_deref(), d.pairs))
        .collect();
    assert_eq!(rows, vec![(None, 2), (Some("Lee"), 1)]);
    // A skill with no verified rating has no pair: pairs_of needs both.
    let bob = org.ratings_of_person(2);
    assert_eq!(pairs_of(&bob, Source::SelfRated).len(), 1);
}

// ---------------------------------------------------------------- at target, SPOF, order

/// Skills: 1 "Data literacy" targeted by three, one at target (a single point of failure);
/// 2 "Ethics" targeted by Ann only, at target (one member: not a SPOF); 3 "Bias" targeted by
/// two, both at target; 4 "Agents" and 5 "Automation" with equal gaps (ordered by name).
fn depth_org() -> Org {
    let mut org = Org {
        teams: vec![team(1, "Eng")],
        people: vec![person(1, "Ann", 1), person(2, "Bob", 1), person(3, "Cy", 1)],
        skills: vec![
            skill(1, "Data literacy"),
            skill(2, "Ethics"),
            skill(3, "Bias"),
            skill(5, "automation"),
            skill(4, "Agents"),
        ],
        ..Org::default()
    };
    org.role_targets
        .insert(1, vec![t(1, 3), t(3, 2), t(4, 2), t(5, 2)]);
    org.overrides.insert(1, vec![t(2, 2)]);
    org.overrides.insert(3, vec![t(3, 0), t(4, 0), t(5, 0)]);
    let v = |id, p, s, l| r(id, p, s, l, Source::Verified, "2026-10-01");
    org.ratings = skillgap::metrics::Ratings::from(vec![
        v(1, 1, 1, 3), // Ann at target 3
        v(2, 2, 1, 1), // Bob gap 2
        v(3, 3, 1, 2), // Cy gap 1
        v(4, 1, 2, 2), // Ann at target in Ethics
        v(5, 1, 3, 2),
        v(6, 2, 3, 4), // above target counts as at target
        v(7, 1, 4, 1), // Agents: Ann gap 1, Bob not assessed gap 2
        v(8, 1, 5, 1), // Automation: Ann gap 1, Bob not assessed gap 2
    ]);
    org.sort_ratings();
    org
}

fn at_target_and_single_points_of_failure_per_skill(via: Through) {
    let org = via.trip(&depth_org()).org;
    let a = Analysis::new(&org, settings());
    let s = a.team_summary(&org, Some(1));
    let gap = |id: i64| s.skill_gaps.iter().find(|g| g.skill_id == id).unwrap();
    let data = gap(1);
    assert_eq!(
        (data.targeted, data.at_target(), data.below_target),
        (3, 1, 2)
    );
    assert!(data.single_point(), "three targeted, exactly one at target");
    let ethics = gap(2);
    assert_eq!((ethics.targeted, ethics.at_target()), (1, 1));
    assert!(!ethics.single_point(), "targeted for one member only");
    let bias = gap(3);
    assert_eq!((bias.targeted, bias.at_target()), (2, 2));
    assert!(!bias.single_point(), "two at target");
    // The drill-down: Bob (gap 2) before Cy (gap 1); Ann is at target.
    let below: Vec<(i64, u8)> = a
        .below_target(&org, Some(1), 1)
        .iter()
        .map(|(p, g)| (p.id, *g))
        .collect();
    assert_eq!(below, vec![(2, 2), (3, 1)]);
    let agents = gap(4);
    assert_eq!((agents.targeted, agents.at_target()), (2, 0));
    assert!(!agents.single_point(), "nobody at target");
}

fn skill_gaps_in_the_one_order_levels_missing_then_mean_gap_then_name(via: Through) {
    let org = via.trip(&depth_org()).org;
    let a = Analysis::new(&org, settings());
    let s = a.team_summary(&org, Some(1));
    let order: Vec<(i64, u64)> = s
        .skill_gaps
        .iter()
        .map(|g| (g.skill_id, g.levels_missing))
        .collect();
    // Data literacy 3 levels missing (mean 1.0); Agents and automation 3 each (mean 1.5,
    // before Data literacy; "Agents" before "automation", case aside); then Bias and Ethics
    // with none missing (mean 0), by name.
    assert_eq!(order, vec![(4, 3), (5, 3), (1, 3), (3, 0), (2, 0)]);
    assert_eq!(s.skill_gaps[0].mean_gap, 1.5);
    assert_eq!(s.skill_gaps[2].mean_gap, 1.0);
}

// ---------------------------------------------------------------- plan

fn the_plan_takes_the_best_gain_per_hour_and_judges_later_picks_on_new_levels(via: Through) {
    let org = via.trip(&plan_org()).org;
    let a = Analysis::new(&org, settings());
    let plan = a.plan(&org, Some(1), 8.0);
    let name = |id: i64| org.person(id).unwrap().name.clone();
    let title = |id: i64| org.training(id).unwrap().title.clone();
    let picks: Vec<(String, String, f64, f64, f64)> = plan
        .picks
        .iter()
        .map(|p| {
            (
                name(p.person_id),
                title(p.training_id),
                p.hours,
                p.readiness_before,
                p.readiness_after,
            )
        })
        .collect();
    let row = |n: &str, t: &str, h: f64, b: f64, a: f64| (n.to_string(), t.to_string(), h, b, a);
    assert_eq!(
        picks,
        vec![
            // 1. Ann + Gamma: +0.5 for 1 h (no hours counts as 1): 0.5 per hour, the best.
            row("Ann", "Gamma", 1.0, 0.0, 0.5),
            // 2. Ann, on her new levels (0, 2): Epsilon +0.375 / 1 h beats Alpha (+0.25 / 2 h)
            //    and Beta (+0.5 / 4 h).
            row("Ann", "Epsilon", 1.0, 0.5, 0.875),
            // 3. Bob + Gamma and Cy + Gamma tie (0.25 per hour, gain 0.25): Bob by name.
            row("Bob", "Gamma", 1.0, 0.5, 0.75),
            row("Cy", "Gamma", 1.0, 0.75, 1.0),
            // 5. Bob's Alpha no longer gains after Gamma (skill 2 is at 2, skill 1 stays 2);
            //    Epsilon +0.125 / 1 h beats Beta (+0.25 / 4 h) and Ann's Beta (+0.125 / 4 h).
            row("Bob", "Epsilon", 1.0, 0.75, 0.875),
        ]
    );
    // Ann's and Bob's Beta (4 h) would overrun the 3 hours left: the plan stops there.
    assert_eq!((plan.budget_hours, plan.used_hours), (8.0, 5.0));
    let now = plan.readiness_now.unwrap();
    let projected = plan.readiness_projected.unwrap();
    assert!((now - (0.0 + 0.5 + 0.75) / 3.0).abs() < 1e-12);
    assert!((projected - (0.875 + 0.875 + 1.0) / 3.0).abs() < 1e-12);
    assert_eq!(plan.readiness_now, a.team_summary(&org, Some(1)).readiness);
    // With a budget of 9 one Beta fits: Ann's (tie on everything but the name).
    let more = a.plan(&org, Some(1), 9.0);
    let last = more.picks.last().unwrap();
    assert_eq!(
        (name(last.person_id), title(last.training_id)),
        ("Ann".into(), "Beta".into())
    );
    assert_eq!(more.used_hours, 9.0);
}

fn a_pick_that_would_overrun_is_skipped_and_a_smaller_one_that_fits_is_taken(via: Through) {
    // Eve targets skill 1 at 4 only, not assessed (readiness 0). Pro 4 h {1 -> 4}: +1.0, 0.25
    // per hour; Quick and Refresher 1 h {1 -> 1}: +0.25, 0.25 per hour each.
    let mut example = Org {
        teams: vec![team(1, "Eng")],
        people: vec![person(1, "Eve", 1)],
        skills: vec![skill(1, "Prompting")],
        trainings: vec![
            training(1, "Refresher", Some(1.0), &[(1, 1)]),
            training(2, "Quick", Some(1.0), &[(1, 1)]),
            training(3, "Pro", Some(4.0), &[(1, 4)]),
        ],
        ..Org::default()
    };
    example.role_targets.insert(1, vec![t(1, 4)]);
    let org = via.trip(&example).org;
    let a = Analysis::new(&org, settings());
    let titles = |budget: f64| -> Vec<String> {
        a.plan(&org, None, budget)
            .picks
            .iter()
            .map(|p| org.training(p.training_id).unwrap().title.clone())
            .collect()
    };
    // Budget 4: equal gain per hour, the higher gain first (Pro); after it, Quick and
    // Refresher no longer gain.
    assert_eq!(titles(4.0), vec!["Pro"]);
    // Budget 3: Pro would overrun and is skipped; Quick fits (before Refresher by title);
    // then Refresher no longer gains.
    assert_eq!(titles(3.0), vec!["Quick"]);
    let p = a.plan(&org, None, 3.0);
    assert_eq!((p.used_hours, p.picks[0].readiness_after), (1.0, 0.25));
    // Nothing fits in half an hour; nothing to take with no budget.
    assert!(titles(0.5).is_empty());
    // A training the person was already offered is no candidate.
    example.offers = vec![Offer {
        training_id: 3,
        ..offer(1, 1, OfferStatus::Offered, None)
    }];
    let org = via.trip(&example).org;
    let a = Analysis::new(&org, settings());
    let first = a.plan(&org, None, 10.0);
    let picked: Vec<i64> = first.picks.iter().map(|p| p.training_id).collect();
    assert_eq!(picked, vec![2]);
    // The readiness one training would bring (the person view shows it).
    let skills = &a.person(1).unwrap().skills;
    let pro = org.training(3).unwrap();
    let refresher = org.training(1).unwrap();
    assert_eq!(readiness_with(skills, pro), Some(1.0));
    assert_eq!(readiness_with(skills, refresher), Some(0.25));
}
