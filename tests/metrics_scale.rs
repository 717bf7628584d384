//! The metrics at scale: thousands of people (several threads), long histories and the demo
//! organisation, where every figure must equal the formulas applied directly. In memory and
//! through the store on SQLite (see `three_ways!` for why not on PostgreSQL); the demo ones on
//! SQLite.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use skillgap::metrics::{
    Analysis, Org, current_as_of, perception_gap, person_trend, readiness_of_levels,
    readiness_trend, trend_dates,
};
use skillgap::model::{Rating, Source, Target, Team};

mod metrics_common;
mod pg_common;
use metrics_common::named::{person, plan_org, skill, t, team};
use metrics_common::through::{Through, Trip};
use metrics_common::{TODAY, d, r, settings, two_ways};

fn weighted(t: Target, weight: u8) -> Target {
    Target { weight, ..t }
}

two_ways!(
    large_orgs_split_over_threads_give_the_same_summaries_in_order,
    a_large_plan_stays_within_budget_and_only_gains,
    the_trend_at_scale_equals_the_definition_point_by_point,
);

fn large_orgs_split_over_threads_give_the_same_summaries_in_order(via: Through) {
    // 5,000 people is above the threshold where Analysis::new uses several threads.
    let mut o = Org {
        teams: vec![Team {
            id: 1,
            name: "All".into(),
            parent_id: None,
        }],
        ..Org::default()
    };
    o.role_targets.insert(
        1,
        vec![t(10, 3), weighted(t(11, 4), 2), weighted(t(12, 2), 3)],
    );
    for p in 1..=5_000i64 {
        let mut someone = person(p, &format!("P{p}"), 1);
        someone.archived = p % 97 == 0;
        o.people.push(someone);
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
    let o = via.trip(&o).org;
    let s = settings();
    let a = Analysis::new(&o, s.clone());
    assert_eq!(a.people.len(), 5_000);
    for (i, p) in o.people.iter().enumerate() {
        let expected = summary_of(&o, p, &s);
        assert_eq!(a.people[i], expected, "person {}", p.id);
        assert_eq!(a.person(p.id), Some(&expected));
    }
}

fn a_large_plan_stays_within_budget_and_only_gains(via: Through) {
    // 2,000 people in 4 teams with the same role and varied levels.
    let mut org = plan_org();
    org.people.clear();
    org.ratings.clear();
    for i in 0..2_000i64 {
        org.people.push(person(i + 1, &format!("P{i:04}"), 1));
        let v = |id, s, l| r(id, i + 1, s, l, Source::Verified, "2026-10-01");
        org.ratings.push(v(i * 2 + 1, 1, (i % 5) as u8));
        org.ratings.push(v(i * 2 + 2, 2, (i % 3) as u8));
    }
    org.sort_ratings();
    let org = via.trip(&org).org;
    let a = Analysis::new(&org, settings());
    let plan = a.plan(&org, None, 40.0);
    assert!(plan.used_hours <= 40.0);
    assert!(!plan.picks.is_empty());
    assert!(
        plan.picks
            .iter()
            .all(|p| p.readiness_after > p.readiness_before)
    );
    // Gain per hour never rises from one pick to the next.
    let per_hour: Vec<f64> = plan.picks.iter().map(|p| p.gain() / p.hours).collect();
    assert!(per_hour.windows(2).all(|w| w[0] + 1e-9 >= w[1]));
    assert!(plan.readiness_projected > plan.readiness_now);
}

fn the_trend_at_scale_equals_the_definition_point_by_point(via: Through) {
    // 2,500 people (split over threads) with varied histories of two skills from all three
    // sources; each point must equal the mean of readiness computed from `current_as_of`,
    // and the last point today's team readiness exactly.
    let mut org = Org {
        teams: vec![team(1, "Eng")],
        skills: vec![skill(1, "Prompting"), skill(2, "Validation")],
        ..Org::default()
    };
    org.role_targets.insert(
        1,
        vec![
            t(1, 4),
            Target {
                weight: 3,
                ..t(2, 2)
            },
        ],
    );
    let sources = [Source::SelfRated, Source::Manager, Source::Verified];
    let mut history = Vec::new();
    let mut id = 0;
    for p in 1..=2_500i64 {
        org.people.push(person(p, &format!("P{p:04}"), 1));
        for k in 0..(p % 7) {
            id += 1;
            let days = ((p * 37 + k * 101) % 500) as u64;
            history.push(Rating {
                id,
                person_id: p,
                skill_id: 1 + (k % 2),
                level: ((p + k) % 6) as u8,
                source: sources[((p + k) % 3) as usize],
                assessed_on: d(TODAY) - chrono::Days::new(days),
            });
        }
    }
    history.reverse(); // any order in: RatingHistory sorts
    org.ratings = history.into();
    org.sort_ratings();
    let Trip {
        org, history: h, ..
    } = via.trip(&org);
    let s = settings();
    let points = readiness_trend(&org, &h, None, &s);
    for pt in &points {
        let per_person: Vec<Option<f64>> = org
            .people
            .iter()
            .map(|p| {
                let levels: Vec<(u8, u8, Option<u8>)> = org
                    .targets_of(p)
                    .iter()
                    .map(|t| {
                        let cur = h
                            .of_person(p.id)
                            .iter()
                            .filter(|r| r.skill_id == t.skill_id)
                            .copied()
                            .collect::<Vec<_>>();
                        let level = current_as_of(&cur, &s.precedence, pt.date).map(|r| r.level);
                        (t.level, t.weight, level)
                    })
                    .collect();
                readiness_of_levels(&levels)
            })
            .collect();
        let defined: Vec<f64> = per_person.into_iter().flatten().collect();
        let want = defined.iter().sum::<f64>() / defined.len() as f64;
        assert_eq!(pt.readiness, Some(want), "{}", pt.date);
    }
    let a = Analysis::new(&org, s.clone());
    assert_eq!(points[12].readiness, a.team_summary(&org, None).readiness);
    assert!(points[0].readiness < points[12].readiness);
    // One person's points come out the same from any order of their ratings.
    let mut shuffled = h.of_person(6).to_vec();
    shuffled.reverse();
    let targets = org.targets_of(&org.people[5]);
    let dates = trend_dates(d(TODAY));
    assert_eq!(
        person_trend(&targets, &shuffled, &s.precedence, &dates),
        person_trend(&targets, h.of_person(6), &s.precedence, &dates)
    );
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
            .filter_map(|sk| perception_gap(&o.ratings_of(p, sk)).map(|g| (sk, g)))
            .collect()
    };
    let mut pairs = 0;
    for (i, p) in o.people.iter().enumerate() {
        let expected = summary_of(&o, p, &s);
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

#[test]
fn the_reduced_history_gives_the_trend_the_whole_history_gives() {
    use skillgap::store::{
        Missing, Store, load_history, load_history_since, load_org, load_person_history,
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db"), Missing::Create).unwrap();
    skillgap::demo::generate(&mut store, 300, 3, d(TODAY)).unwrap();
    skillgap::demo::pad_history(&mut store, 30_000).unwrap();
    let org = load_org(store.conn()).unwrap();
    let s = settings();
    let all = load_history(store.conn()).unwrap();
    assert!(all.len() >= 30_000);
    let since = load_history_since(store.conn(), trend_dates(d(TODAY))[0]).unwrap();
    assert!(since.len() < all.len(), "{} of {}", since.len(), all.len());
    for team in std::iter::once(None).chain(org.teams.iter().map(|t| Some(t.id))) {
        let whole = readiness_trend(&org, &all, team, &s);
        assert_eq!(readiness_trend(&org, &since, team, &s), whole, "{team:?}");
        // The demo's readiness rises over the year.
        assert!(
            whole[0].readiness < whole[12].readiness,
            "{team:?}: {whole:?}"
        );
    }
    let p = org.people[7].id;
    let mut one = load_person_history(store.conn(), p).unwrap();
    one.sort_by_key(|r| (r.skill_id, r.assessed_on, r.id));
    assert_eq!(one.as_slice(), all.of_person(p));
}

/// A person's summary worked out on its own, from their ratings.
fn summary_of(
    o: &skillgap::metrics::Org,
    p: &skillgap::model::Person,
    s: &skillgap::metrics::Settings,
) -> skillgap::metrics::PersonSummary {
    let own = o.ratings_of_person(p.id);
    skillgap::metrics::PersonSummary::build(p.id, &o.targets_of(p), |sk| of_skill(&own, sk), s)
}

/// One skill's ratings among a person's (sorted by skill).
fn of_skill(own: &[Rating], skill: i64) -> &[Rating] {
    let lo = own.partition_point(|r| r.skill_id < skill);
    let hi = own.partition_point(|r| r.skill_id <= skill);
    &own[lo..hi]
}
