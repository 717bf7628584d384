//! Issue 10 in the app, driven by keys as a user would: the Perception screen and its pairs,
//! Team drill-downs, the what-if plan (one pick, every pick, one undo), the review sweep of
//! one team with `u`, ticking in the one-on-one view, self-rated and overdue marks.

#[path = "tui_common/mod.rs"]
mod common;

use common::{code, demo_app, keys, status, text};
use ratatui::crossterm::event::KeyCode;
use skillgap::model::{Id, OfferStatus, Source};
use skillgap::tui::screens::team::Pane;
use skillgap::tui::{App, Popup, Screen};

fn people_list(app: &App) -> &skillgap::tui::popups::people_list::PeopleList {
    match &app.view.popup {
        Some(Popup::People(l)) => l,
        other => panic!("no people list open: {other:?}"),
    }
}

fn plan(app: &App) -> &skillgap::tui::popups::plan::PlanPopup {
    match &app.view.popup {
        Some(Popup::Plan(p)) => p,
        other => panic!("no plan open: {other:?}"),
    }
}

fn has_offer(app: &App, person: Id, training: Id) -> bool {
    app.data
        .org
        .offers
        .iter()
        .any(|o| o.person_id == person && o.training_id == training)
}

/// Selects a team by name in the Team screen's picker.
fn select_team(app: &mut App, name: &str) -> Id {
    keys(app, "1g");
    for _ in 0..app.data.teams.len() {
        let at = app.view.team.list.current().expect("a row");
        if app.data.teams[at].name.trim() == name {
            return app.data.teams[at].id.expect("a team");
        }
        keys(app, "j");
    }
    panic!("no team {name}");
}

#[test]
fn perception_lists_skills_with_their_pairs_and_opens_a_person() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "7");
    assert_eq!(app.view.screen, Screen::Perception);
    let panel = &app.view.perception.panel;
    assert!(!panel.skills.is_empty(), "the demo has self/verified pairs");
    // Each skill's figure is the mean of its pairs, computed by hand here.
    for s in &panel.skills {
        let gaps: Vec<i32> = s.pairs.iter().map(|&i| panel.pairs[i].gap()).collect();
        let mean = gaps.iter().sum::<i32>() as f64 / gaps.len() as f64;
        assert!((s.overestimation - mean).abs() < 1e-9, "{}", s.name);
        let two: usize = gaps.iter().filter(|&&g| g >= 2).count();
        assert_eq!(s.two_plus.len(), two);
        for &i in &s.pairs {
            let p = &panel.pairs[i];
            assert_eq!(p.rated.source, Source::SelfRated);
            assert_eq!(p.verified.source, Source::Verified);
        }
    }
    // Sorted by overestimation, largest first.
    let overs: Vec<f64> = app
        .view
        .perception
        .list
        .rows
        .iter()
        .map(|&i| app.view.perception.panel.skills[i].overestimation)
        .collect();
    assert!(overs.windows(2).all(|w| w[0] >= w[1]));
    let first = app.view.perception.current().expect("a skill").clone();
    assert!(text(&app, 120, 40).contains(&first.name));
    app.handle_key(code(KeyCode::Enter));
    let list = people_list(&app);
    assert_eq!(list.rows.len(), first.pairs.len());
    let who = list.current().expect("a pair");
    let shown = &list.rows[0].1;
    let pair = &app.view.perception.panel.pairs[first.pairs[0]];
    assert!(shown.contains(&pair.rated.assessed_on.to_string()));
    assert!(shown.contains(&pair.verified.assessed_on.to_string()));
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.popup, None);
    assert_eq!(app.view.person.as_ref().map(|p| p.detail.id), Some(who));
}

#[test]
fn perception_follows_the_team_selected_on_team() {
    let (_dir, mut app) = demo_app();
    let team = select_team(&mut app, "Sales");
    keys(&mut app, "7");
    assert_eq!(app.view.perception.panel.team, Some(team));
    let members: Vec<Id> = app
        .data
        .org
        .members(Some(team))
        .iter()
        .map(|p| p.id)
        .collect();
    assert!(
        app.view
            .perception
            .panel
            .pairs
            .iter()
            .all(|p| members.contains(&p.person_id))
    );
    assert!(text(&app, 80, 24).contains("Perception · Sales"));
}

#[test]
fn people_sorts_by_mean_perception_gap() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2");
    let sorts = skillgap::tui::app::sorts(Screen::People);
    let at = sorts
        .iter()
        .position(|s| s.starts_with("perception"))
        .expect("a perception sort");
    for _ in 0..at {
        keys(&mut app, "s");
    }
    let gaps: Vec<Option<f64>> = app
        .view
        .people
        .rows
        .iter()
        .map(|&i| app.data.people[i].perception)
        .collect();
    let defined: Vec<f64> = gaps.iter().flatten().copied().collect();
    assert!(defined.len() > 3);
    assert!(defined.windows(2).all(|w| w[0] >= w[1]), "{defined:?}");
    // People without a pair come last.
    let first_none = gaps.iter().position(Option::is_none).unwrap_or(gaps.len());
    assert!(gaps[first_none..].iter().all(Option::is_none));
    assert!(text(&app, 120, 40).contains("Perc"));
}

#[test]
fn a_self_rated_level_is_marked_in_the_matrix_and_the_person_view() {
    let (_dir, mut app) = demo_app();
    // Someone whose current level of a targeted skill is a self-rating.
    let (row, skill) = app
        .data
        .people
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.archived)
        .find_map(|(i, r)| {
            let s = app.data.analysis.people[r.idx]
                .skills
                .iter()
                .find(|s| s.current.is_some_and(|c| c.source == Source::SelfRated))?;
            Some((i, s.skill_id))
        })
        .expect("a self-rated current level in the demo");
    let id = app.data.people[row].id;
    app.open_person(id);
    let screen = text(&app, 160, 48);
    let name = app.data.skill_name(skill);
    let line = screen
        .lines()
        .find(|l| l.contains(&name) && l.contains(" self "))
        .expect("the skill's line");
    assert!(line.contains('ˢ'), "{line}");
    assert!(screen.contains("ˢ self-rated"));
    // Under NO_COLOR (the plain theme of these tests) the Matrix legend explains the mark.
    keys(&mut app, "3");
    assert!(text(&app, 120, 40).contains("ˢ self-rated"));
    assert!(text(&app, 120, 40).contains('ˢ'));
}

#[test]
fn overdue_offers_are_flagged_on_team_person_and_trainings() {
    let (_dir, mut app) = demo_app();
    let today = app.data.today;
    let late = app
        .data
        .org
        .offers
        .iter()
        .find(|o| {
            matches!(o.status, OfferStatus::Offered | OfferStatus::Enrolled)
                && o.due_on.is_some_and(|d| d < today)
                && app
                    .data
                    .person(o.person_id)
                    .is_some_and(|(p, _)| !p.archived)
        })
        .cloned()
        .expect("an overdue offer in the demo");
    let n = app.view.team.panel.overdue.len();
    assert!(n >= 1);
    assert!(
        app.view
            .team
            .panel
            .overdue
            .iter()
            .any(|o| o.person == late.person_id)
    );
    assert!(text(&app, 120, 40).contains(&format!("Overdue offers ({n})")));
    app.open_person(late.person_id);
    assert!(text(&app, 160, 48).contains("OVERDUE"));
    // Trainings: the training's in-flight list names the person, overdue.
    keys(&mut app, "5g");
    while app
        .view
        .trainings
        .current()
        .map(|i| app.data.org.trainings[i].id)
        != Some(late.training_id)
    {
        keys(&mut app, "j");
    }
    let screen = text(&app, 160, 48);
    assert!(screen.contains(&app.data.person_name(late.person_id)));
    assert!(screen.contains("OVERDUE, due"));
}

#[test]
fn team_drill_down_lists_who_is_below_target_and_opens_people() {
    let (_dir, mut app) = demo_app();
    let team = select_team(&mut app, "Engineering");
    keys(&mut app, "l");
    assert_eq!(app.view.team.focus, Pane::Gaps);
    keys(&mut app, "j");
    let gap = app.view.team.panel.gaps[1].clone();
    app.handle_key(code(KeyCode::Enter));
    let list = people_list(&app);
    assert_eq!(list.rows.len(), gap.below_target);
    let members: Vec<Id> = app
        .data
        .org
        .members(Some(team))
        .iter()
        .map(|p| p.id)
        .collect();
    for (id, _) in &list.rows {
        assert!(members.contains(id));
        let s = app.data.analysis.person(*id).expect("a person");
        assert!(s.skill(gap.skill_id).expect("targeted").gap > 0);
    }
    let first = list.current().expect("someone below target");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.person.as_ref().map(|p| p.detail.id), Some(first));
    // Back on Team: the no-offer list and the never-offered list open people too.
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "l");
    assert_eq!(app.view.team.focus, Pane::NoOffer);
    if let Some(&(id, _)) = app.view.team.panel.no_offer.first() {
        app.handle_key(code(KeyCode::Enter));
        assert_eq!(app.view.person.as_ref().map(|p| p.detail.id), Some(id));
        app.handle_key(code(KeyCode::Esc));
    }
    keys(&mut app, "l");
    assert_eq!(app.view.team.focus, Pane::NeverOffered);
    for (id, _) in &app.view.team.panel.never_offered {
        assert!(!app.data.org.offers.iter().any(|o| o.person_id == *id));
        assert!(members.contains(id));
    }
    let everyone_never: usize = {
        keys(&mut app, "h");
        keys(&mut app, "h");
        keys(&mut app, "h");
        keys(&mut app, "g");
        app.view.team.panel.never_offered.len()
    };
    assert!(everyone_never >= app.view.team.panel.never_offered.len());
}

#[test]
fn what_if_offers_one_pick_then_every_pick_in_one_undoable_step() {
    let (_dir, mut app) = demo_app();
    select_team(&mut app, "Engineering");
    keys(&mut app, "w");
    let p = plan(&app);
    assert_eq!(p.budget, 40);
    assert!(p.plan.picks.len() >= 3, "{:?}", p.plan.picks);
    assert!(p.plan.used <= 40.0);
    assert!(p.plan.projected >= p.plan.now);
    let screen = text(&app, 120, 40);
    assert!(screen.contains("What if · Engineering"));
    assert!(screen.contains(&p.plan.picks[0].name));
    // The budget changes with +/- and typed digits; the plan follows.
    keys(&mut app, "-");
    assert_eq!(plan(&app).budget, 36);
    assert!(plan(&app).plan.used <= 36.0);
    keys(&mut app, "8");
    assert_eq!(plan(&app).budget, 8);
    assert!(plan(&app).plan.used <= 8.0);
    keys(&mut app, "0");
    assert_eq!(plan(&app).budget, 80);
    keys(&mut app, "l");
    assert_eq!(plan(&app).budget, 84);
    app.handle_key(code(KeyCode::Backspace));
    assert_eq!(plan(&app).budget, 8);
    keys(&mut app, "-+++++++++");
    assert_eq!(plan(&app).budget, 40);

    let before = app.data.org.offers.len();
    // Enter offers the selected pick (the second one).
    keys(&mut app, "j");
    let pick = plan(&app).plan.picks[1].clone();
    assert!(!has_offer(&app, pick.person, pick.training));
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.data.org.offers.len(), before + 1);
    assert!(has_offer(&app, pick.person, pick.training));
    // Offered, it is no longer a pick.
    assert!(
        !plan(&app)
            .plan
            .picks
            .iter()
            .any(|k| k.person == pick.person && k.training == pick.training)
    );
    // `o` offers every pick in one change.
    let picks = plan(&app).plan.picks.clone();
    assert!(!picks.is_empty());
    keys(&mut app, "o");
    assert_eq!(app.data.org.offers.len(), before + 1 + picks.len());
    for k in &picks {
        assert!(has_offer(&app, k.person, k.training), "{}", k.title);
    }
    assert!(status(&app).contains("undoes"), "{}", status(&app));
    // One `u` takes all of them back, and only them.
    keys(&mut app, "u");
    assert_eq!(app.data.org.offers.len(), before + 1);
    assert!(has_offer(&app, pick.person, pick.training));
    for k in &picks {
        assert!(!has_offer(&app, k.person, k.training));
    }
    assert_eq!(plan(&app).plan.picks.len(), picks.len());
    // Reloaded after each change, the Team screen's trend still reads the whole history.
    assert!(app.data.history.get().is_some());
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.popup, None);
}

#[test]
fn the_person_view_shows_what_a_recommendation_would_bring() {
    let (_dir, mut app) = demo_app();
    let id = app
        .data
        .people
        .iter()
        .filter(|r| !r.archived)
        .find(|r| {
            !app.data
                .analysis
                .recommendations(&app.data.org, r.id)
                .is_empty()
        })
        .map(|r| r.id)
        .expect("someone with a recommendation");
    app.open_person(id);
    let screen = text(&app, 160, 48);
    let line = screen
        .lines()
        .find(|l| l.contains(" → ") && l.contains("(to "))
        .expect("a recommendation line");
    assert!(line.contains(" pts → "), "{line}");
}

#[test]
fn sweep_from_a_team_skill_covers_that_team_and_u_steps_back() {
    let (_dir, mut app) = demo_app();
    let team = select_team(&mut app, "Engineering");
    keys(&mut app, "l");
    let skill = app.view.team.panel.gaps[0].skill_id;
    keys(&mut app, "r");
    let Some(Popup::Sweep(sweep)) = &app.view.popup else {
        panic!("no sweep: {:?}", app.view.popup);
    };
    let members: Vec<Id> = app
        .data
        .org
        .members(Some(team))
        .iter()
        .map(|p| p.id)
        .collect();
    let targeted = app.view.team.panel.gaps[0].targeted;
    assert_eq!(sweep.items.len(), targeted);
    assert!(
        sweep
            .items
            .iter()
            .all(|(p, s)| members.contains(p) && *s == skill)
    );
    let (first, _) = sweep.items[0];
    let (second, _) = sweep.items[1];
    // The sweep records manager ratings: their latest manager rating of the skill.
    let level_of = |app: &App, p: Id| {
        skillgap::metrics::latest_of_source(&app.data.org.ratings_of(p, skill), Source::Manager)
    };
    let was = level_of(&app, first);
    let was2 = level_of(&app, second);
    keys(&mut app, "5");
    keys(&mut app, "4");
    let Some(Popup::Sweep(sweep)) = &app.view.popup else {
        panic!("the sweep closed");
    };
    assert_eq!((sweep.index, sweep.saved), (2, 2));
    assert_eq!(level_of(&app, second).map(|c| c.level), Some(4));
    // `u` takes back the last rating and steps back to it.
    keys(&mut app, "u");
    let Some(Popup::Sweep(sweep)) = &app.view.popup else {
        panic!("the sweep closed on u");
    };
    assert_eq!((sweep.index, sweep.saved), (1, 1));
    assert_eq!(level_of(&app, second), was2);
    assert_eq!(level_of(&app, first).map(|c| c.level), Some(5));
    keys(&mut app, "u");
    let Some(Popup::Sweep(sweep)) = &app.view.popup else {
        panic!("the sweep closed on u");
    };
    assert_eq!(sweep.index, 0);
    assert_eq!(level_of(&app, first), was);
    keys(&mut app, "u");
    assert!(status(&app).contains("Nothing recorded"));
}

#[test]
fn sweep_from_skills_never_includes_archived_people() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "4r");
    let Some(Popup::Sweep(sweep)) = &app.view.popup else {
        panic!("no sweep");
    };
    assert!(!sweep.items.is_empty());
    for (p, _) in &sweep.items {
        assert!(!app.data.person(*p).expect("a person").0.archived);
    }
}

#[test]
fn one_on_one_ticks_an_item_and_u_opens_it_again() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "6");
    // A note whose person has open action items.
    let note = app
        .data
        .notes
        .iter()
        .find(|n| n.action_items().iter().any(|a| !a.done))
        .map(|n| n.id)
        .expect("an open item in the demo");
    while app.view.notes.current().map(|i| app.data.notes[i].id) != Some(note) {
        keys(&mut app, "j");
    }
    keys(&mut app, "O");
    let v = app.view.one_on_one.as_ref().expect("the one-on-one view");
    let person = v.person;
    let (n, line) = v.item().expect("an item");
    let screen = text(&app, 120, 40);
    assert!(screen.contains("One-on-one · "));
    assert!(screen.contains("Open action items"));
    assert!(screen.contains("Trainings in flight"));
    assert!(screen.contains("Since the last one-on-one") || screen.contains("Everything so far"));
    assert!(screen.contains("Last note"));
    let done = |app: &App| {
        app.data
            .notes
            .iter()
            .find(|x| x.id == n)
            .and_then(|x| x.action_items().into_iter().find(|a| a.line == line))
            .map(|a| a.done)
    };
    assert_eq!(done(&app), Some(false));
    keys(&mut app, " ");
    assert_eq!(done(&app), Some(true));
    assert!(text(&app, 120, 40).contains("[x]"));
    keys(&mut app, "u");
    assert_eq!(done(&app), Some(false));
    assert!(app.view.one_on_one.is_some());
    // Enter opens the person; Esc goes back.
    app.handle_key(code(KeyCode::Enter));
    assert!(app.view.one_on_one.is_none());
    assert_eq!(app.view.person.as_ref().map(|p| p.detail.id), Some(person));
    keys(&mut app, "O");
    assert!(app.view.one_on_one.is_some());
    app.handle_key(code(KeyCode::Esc));
    assert!(app.view.one_on_one.is_none());
    assert!(app.view.person.is_some());
}

#[test]
fn what_changed_since_the_last_one_on_one_is_dated_after_the_latest_note() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "6");
    keys(&mut app, "O");
    let v = app.view.one_on_one.clone().expect("the one-on-one view");
    let last = app
        .data
        .notes
        .iter()
        .find(|n| n.person_id == v.person)
        .map(|n| n.date)
        .expect("a note");
    let changes = skillgap::tui::screens::one_on_one::changes(&app.data, &v, Some(last));
    for (date, _) in &changes {
        assert!(*date > last);
    }
    let expected = v
        .history
        .iter()
        .filter(|a| a.rating.assessed_on > last)
        .count();
    let assessed = changes
        .iter()
        .filter(|(_, w)| w.contains(" rated "))
        .count();
    assert_eq!(assessed, expected);
}

#[test]
fn the_team_trend_reads_the_whole_history_and_ends_at_todays_readiness() {
    let (_dir, store) = common::demo_store(42);
    let whole = skillgap::store::load_history(store.conn()).expect("history");
    let app = App::load(
        store,
        &skillgap::config::Config::default(),
        common::today(),
        skillgap::tui::Theme::plain(),
    )
    .expect("app");
    // What the trend needs of the history, streamed in person order, is what the whole
    // history held in memory gives: each (person, skill)'s level as of each trend date.
    let history = app.data.history.get().expect("read before the first frame");
    let settings = &app.data.analysis.settings;
    let dates = skillgap::metrics::trend_dates(settings.today);
    let from_whole = skillgap::metrics::TrendLevels::new(whole.all(), &settings.precedence, &dates);
    assert_eq!(history, &from_whole);
    assert!(!history.is_empty());
    assert_eq!(history.dates(), dates.as_slice());
    let p = &app.view.team.panel;
    assert_eq!(p.trend.len(), 13);
    let (last_date, last) = p.trend[12];
    assert_eq!(last_date, app.data.today);
    let now = p.summary.readiness.expect("defined");
    assert!((last.expect("defined") - now).abs() < 1e-9);
    // Month ends, oldest first.
    for (d, _) in &p.trend[..12] {
        assert_eq!(d.succ_opt().map(|n| chrono::Datelike::day(&n)), Some(1));
    }
    assert!(p.trend.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(text(&app, 120, 40).contains("Readiness trend, 12 months"));
}

#[test]
fn manager_drift_per_assessor_adds_up_to_the_team() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "7");
    let p = &app.view.perception.panel;
    let team = p
        .drift
        .as_ref()
        .expect("manager/verified pairs in the demo");
    let sum: usize = p.assessors.iter().map(|a| a.pairs).sum();
    assert_eq!(sum, team.pairs);
    let weighted: f64 = p.assessors.iter().map(|a| a.drift * a.pairs as f64).sum();
    assert!((weighted / sum as f64 - team.drift).abs() < 1e-9);
    assert!(
        p.assessors.iter().any(|a| !a.who.starts_with('(')),
        "{:?}",
        p.assessors
    );
    let screen = text(&app, 120, 40);
    assert!(screen.contains("Manager drift"));
    assert!(screen.contains(&p.assessors[0].who));
}

#[test]
fn every_team_trend_in_one_pass_is_the_metrics_trend_of_that_team() {
    let (_dir, app) = demo_app();
    let history = app.data.history();
    let mut teams: Vec<Option<Id>> = app.data.teams.iter().map(|t| t.id).collect();
    teams.push(None);
    for team in teams {
        let one = skillgap::tui::insight::trend(&app.data, history.as_ref(), team);
        let all = app.data.trend(team);
        assert_eq!(one.len(), 13);
        assert_eq!(all.len(), 13);
        for ((d1, v1), (d2, v2)) in one.iter().zip(&all) {
            assert_eq!(d1, d2);
            match (v1, v2) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{team:?} {d1}: {a} {b}"),
                (a, b) => assert_eq!(a, b),
            }
        }
    }
}
