//! The roles popup (`R`) and target weights, driven with keys as a user would: the list with
//! the person's role selected, moving, editing and adding a role from it, deleting one after
//! a question (and undo/redo bringing back its targets and people's roles), and weights
//! saved from the role form and from a person's own targets, read back from the database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "tui_common/mod.rs"]
mod common;

use common::{code, ctrl, demo_app, form, keys, status, tab, text};
use ratatui::crossterm::event::KeyCode;
use skillgap::model::{Id, Target};
use skillgap::store::{Missing, Store, load_org, teams};
use skillgap::tui::app::Pending;
use skillgap::tui::forms::{Kind, role};
use skillgap::tui::popups::roles::RolesView;
use skillgap::tui::{App, Popup};
use tempfile::TempDir;

fn roles(app: &App) -> &RolesView {
    match &app.view.popup {
        Some(Popup::Roles(v)) => v,
        other => panic!("the roles popup is not open: {other:?}"),
    }
}

/// The role selected in the popup.
fn selected(app: &App) -> Id {
    roles(app).role(&app.data).expect("a role selected")
}

fn role_named(app: &App, name: &str) -> Option<Id> {
    app.data
        .org
        .roles
        .iter()
        .find(|r| r.name == name)
        .map(|r| r.id)
}

fn sorted(mut t: Vec<Target>) -> Vec<Target> {
    t.sort_by_key(|t| t.skill_id);
    t
}

fn targets(app: &App, role: Id) -> Vec<Target> {
    sorted(
        app.data
            .org
            .role_targets
            .get(&role)
            .cloned()
            .unwrap_or_default(),
    )
}

/// A second connection on the app's database: what was written, read back from the file.
fn reopen(dir: &TempDir) -> Store {
    Store::open(&dir.path().join("demo.db"), Missing::Refuse).expect("reopen")
}

/// Every person's role, by id (archived people included).
fn people_roles(app: &App) -> Vec<(Id, Option<Id>)> {
    app.data
        .org
        .people
        .iter()
        .map(|p| (p.id, p.role_id))
        .collect()
}

/// Opens the first person on People and returns them with their role.
fn open_first_person(app: &mut App) -> (Id, Id) {
    keys(app, "2");
    app.handle_key(code(KeyCode::Enter));
    let person = app.view.person.as_ref().unwrap().detail.id;
    let role = app.data.person(person).unwrap().0.role_id.expect("a role");
    (person, role)
}

#[test]
fn r_lists_every_role_with_counts_the_persons_role_selected_and_moves() {
    let (_dir, mut app) = demo_app();
    let (_, role) = open_first_person(&mut app);
    keys(&mut app, "R");
    assert_eq!(selected(&app), role, "the person's role is selected");
    let screen = text(&app, 80, 24);
    let n = app.data.org.roles.len();
    assert!(n >= 4, "the demo has the framework's roles");
    assert!(screen.contains(&format!("Roles ({n})")), "{screen}");
    for r in &app.data.org.roles {
        let t = app.data.org.role_targets.get(&r.id).map_or(0, Vec::len);
        let people = app
            .data
            .org
            .people
            .iter()
            .filter(|p| !p.archived && p.role_id == Some(r.id))
            .count();
        let row = screen
            .lines()
            .find(|l| l.contains(&format!("│ {} ", r.name)))
            .unwrap_or_else(|| panic!("{} listed:\n{screen}", r.name));
        let figures: Vec<&str> = row
            .split('│')
            .find(|cell| cell.starts_with(&format!(" {} ", r.name)))
            .unwrap()
            .split_whitespace()
            .rev()
            .take(2)
            .collect();
        assert_eq!(
            figures,
            [people.to_string(), t.to_string()],
            "{}: people and targets",
            r.name
        );
    }
    // The footer says the popup's own keys.
    assert!(screen.contains("Enter edit"), "{screen}");

    // Moving: j/k, G/g, arrows, clamped at both ends.
    keys(&mut app, "g");
    assert_eq!(roles(&app).selected, 0);
    keys(&mut app, "k");
    assert_eq!(roles(&app).selected, 0, "stays at the top");
    keys(&mut app, "j");
    app.handle_key(code(KeyCode::Down));
    assert_eq!(roles(&app).selected, 2);
    app.handle_key(code(KeyCode::Up));
    assert_eq!(roles(&app).selected, 1);
    keys(&mut app, "G");
    assert_eq!(roles(&app).selected, n - 1);
    keys(&mut app, "j");
    assert_eq!(roles(&app).selected, n - 1, "stays at the bottom");

    // Esc closes it and leaves the person open.
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.popup, None);
    assert!(app.view.person.is_some());

    // From Team (no person): the first role; R again closes it.
    keys(&mut app, "1R");
    assert_eq!(roles(&app).selected, 0);
    keys(&mut app, "R");
    assert_eq!(app.view.popup, None);

    // A selected People row counts as the current person.
    keys(&mut app, "2");
    let row = app.view.people.current().unwrap();
    let role_of_row = app.data.org.people[app.data.people[row].idx].role_id;
    keys(&mut app, "R");
    assert_eq!(Some(selected(&app)), role_of_row);
}

#[test]
fn edit_a_role_from_the_list_changes_a_weight_saved_to_the_database() {
    let (dir, mut app) = demo_app();
    let (_, role_id) = open_first_person(&mut app);
    let before = targets(&app, role_id);
    keys(&mut app, "R");
    // An untouched form closes back into the list.
    keys(&mut app, "e");
    assert_eq!(form(&app).kind, Kind::Role(Some(role_id)));
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(selected(&app), role_id);

    app.handle_key(code(KeyCode::Enter));
    assert_eq!(form(&app).kind, Kind::Role(Some(role_id)));
    // The first target line: its weight shows what is stored.
    let f = form(&app);
    let skill = f.fields[role::TARGETS].picked().expect("a first target");
    let stored = before.iter().find(|t| t.skill_id == skill).unwrap();
    assert_eq!(
        f.fields[role::TARGETS + 2].picked(),
        Some(Id::from(stored.weight)),
        "the stored weight is shown"
    );
    assert_eq!(f.fields[role::TARGETS + 2].label.trim(), "weight");
    let new_weight: u8 = if stored.weight == 3 { 2 } else { 3 };
    tab(&mut app, 3);
    keys(&mut app, &new_weight.to_string());
    assert_eq!(
        form(&app).fields[role::TARGETS + 2].picked(),
        Some(Id::from(new_weight))
    );
    app.handle_key(ctrl('s'));
    // Saved: back in the list, the role still selected.
    assert_eq!(selected(&app), role_id, "{}", status(&app));
    assert!(
        status(&app).contains("Saved: edit role"),
        "{}",
        status(&app)
    );
    let expect: Vec<Target> = before
        .iter()
        .map(|t| Target {
            weight: if t.skill_id == skill {
                new_weight
            } else {
                t.weight
            },
            ..*t
        })
        .collect();
    assert_eq!(targets(&app, role_id), expect, "only that weight changed");
    let on_disk = teams::role_targets(reopen(&dir).conn()).unwrap();
    assert_eq!(sorted(on_disk[&role_id].clone()), expect);

    // u in the list undoes it.
    keys(&mut app, "u");
    assert!(
        status(&app).starts_with("Undone: edit role"),
        "{}",
        status(&app)
    );
    assert_eq!(targets(&app, role_id), before);
    assert!(matches!(app.view.popup, Some(Popup::Roles(_))));
}

#[test]
fn add_a_role_from_the_list_with_a_weighted_target() {
    let (dir, mut app) = demo_app();
    let n = app.data.org.roles.len();
    keys(&mut app, "R");
    keys(&mut app, "a");
    assert_eq!(form(&app).kind, Kind::Role(None));
    // Typed, then discarded: back in the list, nothing added.
    keys(&mut app, "Tmp");
    app.handle_key(code(KeyCode::Esc));
    assert!(matches!(
        app.view.popup,
        Some(Popup::Confirm {
            pending: Pending::Discard(_),
            ..
        })
    ));
    keys(&mut app, "y");
    assert!(matches!(app.view.popup, Some(Popup::Roles(_))));
    assert_eq!(app.data.org.roles.len(), n);

    keys(&mut app, "a");
    keys(&mut app, "Analyst");
    tab(&mut app, 1);
    let skill = app.data.org.skills[0].clone();
    keys(&mut app, &skill.key);
    tab(&mut app, 1);
    keys(&mut app, "4");
    tab(&mut app, 1);
    // The spare line's weight starts at 1.
    assert_eq!(form(&app).fields[role::TARGETS + 2].picked(), Some(1));
    keys(&mut app, "2");
    app.handle_key(ctrl('s'));
    let id = role_named(&app, "Analyst").expect("added");
    assert_eq!(selected(&app), id, "the new role is selected");
    assert_eq!(app.data.org.roles.len(), n + 1);
    let want = vec![Target {
        skill_id: skill.id,
        level: 4,
        weight: 2,
    }];
    assert_eq!(targets(&app, id), want);
    let store = reopen(&dir);
    assert_eq!(teams::role_id(store.conn(), "analyst").unwrap(), Some(id));
    assert_eq!(teams::role_targets(store.conn()).unwrap()[&id], want);
    assert!(text(&app, 80, 24).contains("Analyst"));
}

#[test]
fn delete_a_role_asks_first_then_undo_and_redo_bring_back_targets_and_peoples_roles() {
    let (dir, mut app) = demo_app();
    let (_, role_id) = open_first_person(&mut app);
    let name = app.data.org.role(role_id).unwrap().name.clone();
    let before_targets = targets(&app, role_id);
    let before_people = people_roles(&app);
    let holders: Vec<Id> = before_people
        .iter()
        .filter(|(_, r)| *r == Some(role_id))
        .map(|(p, _)| *p)
        .collect();
    let active = app
        .data
        .org
        .people
        .iter()
        .filter(|p| !p.archived && p.role_id == Some(role_id))
        .count();
    assert!(active > 1 && before_targets.len() > 1);
    keys(&mut app, "R");
    assert_eq!(selected(&app), role_id);
    keys(&mut app, "d");
    match &app.view.popup {
        Some(Popup::Confirm { message, pending }) => {
            assert!(
                message.starts_with(&format!(
                    "Delete role {name}? Its {} targets go with it; {active} people",
                    before_targets.len()
                )),
                "{message}"
            );
            assert!(
                message.ends_with("keep their place without a role. u undoes it in this run."),
                "{message}"
            );
            assert!(matches!(pending, Pending::DeleteRole { id, .. } if *id == role_id));
        }
        other => panic!("expected a question, got {other:?}"),
    }
    let screen = text(&app, 80, 24);
    assert!(screen.contains("y yes · n no"), "{screen}");

    // n keeps it, back in the list.
    keys(&mut app, "n");
    assert_eq!(status(&app), "Nothing deleted");
    assert_eq!(selected(&app), role_id);
    assert_eq!(targets(&app, role_id), before_targets);

    // y deletes it: its targets go, its people stay without a role.
    keys(&mut app, "d");
    keys(&mut app, "y");
    assert!(
        status(&app).starts_with(&format!("Deleted role {name}")),
        "{}",
        status(&app)
    );
    assert!(matches!(app.view.popup, Some(Popup::Roles(_))));
    assert!(app.data.org.role(role_id).is_none());
    assert!(!app.data.org.role_targets.contains_key(&role_id));
    assert_eq!(
        app.data.org.people.len(),
        before_people.len(),
        "nobody deleted"
    );
    for p in &app.data.org.people {
        if holders.contains(&p.id) {
            assert_eq!(p.role_id, None, "{} keeps their place", p.name);
        }
    }
    let org = load_org(reopen(&dir).conn()).unwrap();
    assert!(org.roles.iter().all(|r| r.id != role_id));
    // Gone from the list (the status line still names it).
    assert!(!text(&app, 80, 24).contains(&format!("│ {name} ")));

    // u brings back the role, its targets and every person's role.
    keys(&mut app, "u");
    assert!(
        status(&app).starts_with("Undone: delete role"),
        "{}",
        status(&app)
    );
    assert_eq!(app.data.org.role(role_id).unwrap().name, name);
    assert_eq!(targets(&app, role_id), before_targets);
    assert_eq!(people_roles(&app), before_people);
    let org = load_org(reopen(&dir).conn()).unwrap();
    assert_eq!(
        sorted(org.role_targets[&role_id].clone()),
        before_targets,
        "on disk too"
    );

    // Ctrl-R deletes it again; u once more restores it all.
    app.handle_key(ctrl('r'));
    assert!(status(&app).starts_with("Redone"), "{}", status(&app));
    assert!(app.data.org.role(role_id).is_none());
    assert!(
        app.data
            .org
            .people
            .iter()
            .all(|p| p.role_id != Some(role_id))
    );
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.popup, None);
    // Outside the popup u works the same.
    keys(&mut app, "u");
    assert_eq!(targets(&app, role_id), before_targets);
    assert_eq!(people_roles(&app), before_people);
}

#[test]
fn own_targets_weight_is_saved_and_changed_from_the_person() {
    let (dir, mut app) = demo_app();
    let (person, _) = open_first_person(&mut app);
    let own = |app: &App| common::own_targets(app, person);
    let on_disk = |dir: &TempDir| {
        let org = load_org(reopen(dir).conn()).unwrap();
        sorted(org.overrides.get(&person).cloned().unwrap_or_default())
    };
    let before = own(&app);
    let skill = common::skill_without_own_target(&app, person);
    keys(&mut app, "t");
    let n = form(&app).fields.len();
    assert_eq!(n % 3, 0, "skill, level and weight per line");
    assert_eq!(form(&app).fields[n - 1].label.trim(), "weight");
    tab(&mut app, n - 3);
    keys(&mut app, &skill.key);
    tab(&mut app, 1);
    keys(&mut app, "4");
    tab(&mut app, 1);
    keys(&mut app, "3");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    let t = Target {
        skill_id: skill.id,
        level: 4,
        weight: 3,
    };
    assert!(own(&app).contains(&t), "{:?}", own(&app));
    assert!(on_disk(&dir).contains(&t));

    // Reopened, the line shows weight 3; changing it to 2 saves 2.
    keys(&mut app, "t");
    let f = form(&app);
    let at = (0..f.fields.len())
        .step_by(3)
        .find(|&i| f.fields[i].picked() == Some(skill.id))
        .expect("the line is there");
    assert_eq!(f.fields[at + 2].picked(), Some(3));
    tab(&mut app, at + 2);
    keys(&mut app, "2");
    app.handle_key(ctrl('s'));
    let t2 = Target { weight: 2, ..t };
    assert!(own(&app).contains(&t2), "{:?}", own(&app));
    assert!(on_disk(&dir).contains(&t2));
    assert_eq!(own(&app).len(), before.len() + 1);
}

#[test]
fn a_new_role_takes_many_targets_in_one_go() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "Ra");
    keys(&mut app, "Reviewer");
    let lines = |app: &App| (form(app).fields.len() - role::TARGETS) / role::PER_TARGET;
    assert_eq!(lines(&app), 1, "one blank line to start");
    let keys_of: Vec<(Id, String)> = app
        .data
        .org
        .skills
        .iter()
        .take(4)
        .map(|s| (s.id, s.key.clone()))
        .collect();
    for (i, (_, key)) in keys_of.iter().enumerate() {
        // Tab to the skill of line i (from the name, or from the weight of the line before).
        tab(&mut app, 1);
        keys(&mut app, key);
        assert_eq!(
            lines(&app),
            i + 2,
            "a new blank line follows a picked skill"
        );
        tab(&mut app, 1);
        keys(&mut app, "4");
        tab(&mut app, 1);
        keys(&mut app, "2");
    }
    app.handle_key(ctrl('s'));
    assert_eq!(
        app.view.popup.as_ref().map(|p| matches!(p, Popup::Form(_))),
        Some(false),
        "{}",
        status(&app)
    );
    let id = role_named(&app, "Reviewer").expect("saved");
    let mut got = app
        .data
        .org
        .role_targets
        .get(&id)
        .cloned()
        .unwrap_or_default();
    got.sort_by_key(|t| t.skill_id);
    let mut want: Vec<Target> = keys_of
        .iter()
        .map(|(s, _)| Target {
            skill_id: *s,
            level: 4,
            weight: 2,
        })
        .collect();
    want.sort_by_key(|t| t.skill_id);
    assert_eq!(got, want, "the blank last line adds nothing");
}
