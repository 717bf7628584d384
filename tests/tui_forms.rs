//! Forms driven with keys as a user would: a valid save, each validation failure, cancel,
//! and undo/redo of add, edit and delete (a delete's dependent rows come back too).

#[path = "tui_common/mod.rs"]
mod common;

use common::{code, ctrl, demo_app, form, keys, status, tab, text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skillgap::tui::app::Pending;
use skillgap::tui::forms::{Kind, assessment, person};
use skillgap::tui::{App, Popup};

fn find(app: &App, name: &str) -> Option<skillgap::model::Person> {
    app.data.org.people.iter().find(|p| p.name == name).cloned()
}

fn error(app: &App, field: usize) -> Option<String> {
    form(app).shown_error(field).map(str::to_string)
}

/// Counts the records that go with people, from the loaded data.
fn totals(app: &App) -> (usize, usize, usize, usize) {
    let d = &app.data;
    (
        d.org.people.len(),
        d.org.ratings.len(),
        d.org.offers.len(),
        d.notes.len(),
    )
}

#[test]
fn add_a_person_with_team_and_role_pickers_then_undo_and_redo() {
    let (_dir, mut app) = demo_app();
    let before = app.data.org.people.len();
    keys(&mut app, "2a");
    assert_eq!(form(&app).kind, Kind::Person(None));
    keys(&mut app, "Zed Tester");
    tab(&mut app, 1);
    keys(&mut app, "zed@example.com");
    tab(&mut app, 1);
    // Type to filter the team picker to one team.
    let team = app.data.org.teams[0].clone();
    keys(&mut app, &team.name.to_lowercase());
    assert_eq!(form(&app).fields[person::TEAM].picked(), Some(team.id));
    tab(&mut app, 1);
    let role = app.data.org.roles[0].clone();
    keys(&mut app, &role.name);
    tab(&mut app, 1);
    keys(&mut app, "yesterday");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    assert!(
        status(&app).contains("add person Zed Tester"),
        "{}",
        status(&app)
    );
    let p = find(&app, "Zed Tester").expect("saved");
    assert_eq!(p.email.as_deref(), Some("zed@example.com"));
    assert_eq!(p.team_id, Some(team.id));
    assert_eq!(p.role_id, Some(role.id));
    assert_eq!(p.joined_on, Some(common::today().pred_opt().unwrap()));
    assert!(app.data.people.iter().any(|r| r.name == "Zed Tester"));
    assert_eq!(app.data.org.people.len(), before + 1);
    // The People list shows it at once.
    assert!(text(&app, 120, 60).contains("Zed Tester"));

    keys(&mut app, "u");
    assert!(status(&app).contains("Undone: add person Zed Tester"));
    assert!(find(&app, "Zed Tester").is_none());
    app.handle_key(ctrl('r'));
    assert!(status(&app).contains("Redone"));
    assert!(find(&app, "Zed Tester").is_some());
    keys(&mut app, "uu");
    assert!(find(&app, "Zed Tester").is_none());
    // Only one change was made: the second u has nothing left.
    assert_eq!(status(&app), "Nothing to undo");
}

#[test]
fn person_validation_refuses_the_save_with_reasons_beside_the_fields() {
    let (_dir, mut app) = demo_app();
    let before = app.data.org.people.len();
    keys(&mut app, "2a");
    // Nothing typed: a save shows "required" beside the name.
    app.handle_key(ctrl('s'));
    assert!(matches!(app.view.popup, Some(Popup::Form(_))));
    assert_eq!(error(&app, person::NAME).as_deref(), Some("required"));
    assert!(status(&app).contains("Not saved"));
    keys(&mut app, "Ann");
    assert_eq!(error(&app, person::NAME), None);
    tab(&mut app, 1);
    keys(&mut app, "ann@");
    // As you type: the message is there before any save.
    assert!(error(&app, person::EMAIL).unwrap().contains("not an email"));
    for _ in 0..4 {
        app.handle_key(code(KeyCode::Backspace));
    }
    let taken = app
        .data
        .org
        .people
        .iter()
        .find_map(|p| p.email.clone())
        .expect("a demo email");
    keys(&mut app, &taken.to_uppercase());
    assert_eq!(
        error(&app, person::EMAIL).as_deref(),
        Some("another person has this email")
    );
    for _ in 0..taken.len() {
        app.handle_key(code(KeyCode::Backspace));
    }
    assert_eq!(error(&app, person::EMAIL), None);
    tab(&mut app, 3);
    keys(&mut app, "2026-02-30");
    assert!(error(&app, person::JOINED).unwrap().contains("YYYY-MM-DD"));
    app.handle_key(ctrl('s'));
    assert!(matches!(app.view.popup, Some(Popup::Form(_))));
    assert_eq!(app.data.org.people.len(), before, "nothing half saved");
    let screen = text(&app, 100, 30);
    assert!(
        screen.contains("✗ YYYY-MM-DD, today or yesterday"),
        "{screen}"
    );
    assert!(screen.contains("Not saved"), "{screen}");
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "today");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None);
    assert_eq!(app.data.org.people.len(), before + 1);
}

#[test]
fn esc_closes_an_untouched_form_and_asks_when_something_was_typed() {
    let (_dir, mut app) = demo_app();
    let before = app.data.org.people.len();
    keys(&mut app, "2a");
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.popup, None);
    keys(&mut app, "aBo");
    app.handle_key(code(KeyCode::Esc));
    match &app.view.popup {
        Some(Popup::Confirm { message, pending }) => {
            assert!(message.contains("Discard"));
            assert!(matches!(pending, Pending::Discard(_)));
        }
        other => panic!("expected a question, got {other:?}"),
    }
    // n gives the form back as it was.
    keys(&mut app, "n");
    assert_eq!(form(&app).fields[person::NAME].value(), "Bo");
    // q in a form is text, not quit.
    keys(&mut app, "q");
    assert!(!app.should_quit());
    assert_eq!(form(&app).fields[person::NAME].value(), "Boq");
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "y");
    assert_eq!(app.view.popup, None);
    assert_eq!(app.data.org.people.len(), before);
    assert!(find(&app, "Boq").is_none());
}

#[test]
fn edit_a_person_then_undo_and_redo() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2");
    let row = app.view.people.current().unwrap();
    let id = app.data.people[row].id;
    let old = app
        .data
        .org
        .people
        .iter()
        .find(|p| p.id == id)
        .unwrap()
        .clone();
    keys(&mut app, "e");
    assert_eq!(form(&app).kind, Kind::Person(Some(id)));
    assert_eq!(form(&app).fields[person::NAME].value(), old.name);
    keys(&mut app, " Jr");
    tab(&mut app, 5);
    keys(&mut app, " ");
    assert!(form(&app).fields[person::ARCHIVED].on());
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    let now = app.data.org.people.iter().find(|p| p.id == id).unwrap();
    assert_eq!(now.name, format!("{} Jr", old.name));
    assert!(now.archived);
    // Archived people leave the People list (and the Matrix).
    let listed = |app: &App, rows: &[usize]| rows.iter().any(|&i| app.data.people[i].id == id);
    assert!(!listed(&app, &app.view.people.rows));
    assert!(!listed(&app, &app.view.matrix.list.rows));
    keys(&mut app, "u");
    assert_eq!(
        app.data.org.people.iter().find(|p| p.id == id).unwrap(),
        &old
    );
    app.handle_key(ctrl('r'));
    assert!(
        app.data
            .org
            .people
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .archived
    );
    // `A` lists archived people too; editing one can unarchive them.
    keys(&mut app, "A");
    assert!(app.view.show_archived);
    assert!(listed(&app, &app.view.people.rows));
    assert!(!listed(&app, &app.view.matrix.list.rows));
    let pos = app
        .view
        .people
        .rows
        .iter()
        .position(|&i| app.data.people[i].id == id)
        .unwrap();
    app.view.people.selected = pos;
    keys(&mut app, "e");
    assert!(form(&app).fields[person::ARCHIVED].on());
    tab(&mut app, person::ARCHIVED);
    keys(&mut app, " ");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    assert!(!app.data.person(id).unwrap().0.archived);
    keys(&mut app, "A");
    assert!(!app.view.show_archived);
    assert!(listed(&app, &app.view.people.rows));
}

#[test]
fn delete_says_what_goes_with_it_and_undo_brings_it_all_back() {
    let (_dir, mut app) = demo_app();
    let before = totals(&app);
    keys(&mut app, "2");
    let row = app.view.people.current().unwrap();
    let id = app.data.people[row].id;
    let name = app.data.people[row].name.clone();
    let ratings = app
        .data
        .org
        .ratings
        .iter()
        .filter(|r| r.person_id == id)
        .count();
    assert!(ratings > 0);
    keys(&mut app, "d");
    let Some(Popup::Confirm { message, .. }) = &app.view.popup else {
        panic!("no question");
    };
    assert!(message.contains(&format!("Delete {name}?")), "{message}");
    assert!(message.contains("assessment"), "{message}");
    assert!(text(&app, 100, 30).contains("y yes · n no"));
    // n keeps everything.
    keys(&mut app, "n");
    assert_eq!(totals(&app), before);
    keys(&mut app, "dy");
    assert!(app.data.person(id).is_none());
    let after = totals(&app);
    assert_eq!(after.0, before.0 - 1);
    assert!(after.1 < before.1, "the assessments went with the person");
    assert!(status(&app).contains(&format!("Deleted {name}")));
    keys(&mut app, "u");
    assert_eq!(totals(&app), before, "{}", status(&app));
    assert!(app.data.person(id).is_some());
    app.handle_key(ctrl('r'));
    assert_eq!(totals(&app), after);
    keys(&mut app, "u");
    assert_eq!(totals(&app), before);
}

#[test]
fn delete_from_the_person_view_closes_it() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2");
    app.handle_key(code(KeyCode::Enter));
    let id = app.view.person.as_ref().unwrap().detail.id;
    keys(&mut app, "dy");
    assert!(app.view.person.is_none());
    assert!(app.data.person(id).is_none());
    keys(&mut app, "u");
    assert!(app.data.person(id).is_some());
}

#[test]
fn add_an_assessment_from_the_person_view_with_the_rubric_line() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2");
    app.handle_key(code(KeyCode::Enter));
    let id = app.view.person.as_ref().unwrap().detail.id;
    let history = app.view.person.as_ref().unwrap().detail.history.len();
    keys(&mut app, "a");
    assert_eq!(
        form(&app).kind,
        Kind::Assessment {
            person: id,
            id: None
        }
    );
    // The date defaults to today; the source to manager.
    assert_eq!(form(&app).fields[assessment::DATE].value(), "2026-11-22");
    let skill = app
        .data
        .org
        .skills
        .iter()
        .find(|s| s.levels.get(2).is_some_and(|l| !l.is_empty()))
        .expect("a skill with a rubric")
        .clone();
    keys(&mut app, &skill.key);
    assert_eq!(
        form(&app).fields[assessment::SKILL].picked(),
        Some(skill.id)
    );
    tab(&mut app, 1);
    keys(&mut app, "3");
    assert_eq!(form(&app).fields[assessment::LEVEL].picked(), Some(3));
    assert_eq!(
        form(&app).fields[assessment::LEVEL].hint.as_deref(),
        Some(skill.levels[2].as_str())
    );
    tab(&mut app, 2);
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "yesterday");
    tab(&mut app, 1);
    keys(&mut app, "8");
    tab(&mut app, 1);
    keys(&mut app, "10");
    tab(&mut app, 1);
    keys(&mut app, "Kim");
    tab(&mut app, 1);
    keys(&mut app, "pairing session");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    let detail = &app
        .view
        .person
        .as_ref()
        .expect("still in the person view")
        .detail;
    assert_eq!(detail.history.len(), history + 1);
    let a = detail
        .history
        .iter()
        .find(|a| a.evidence.as_deref() == Some("pairing session"))
        .expect("the new assessment");
    assert_eq!(a.rating.level, 3);
    assert_eq!(a.rating.skill_id, skill.id);
    assert_eq!(a.rating.assessed_on.to_string(), "2026-11-21");
    assert_eq!((a.score, a.max_score), (Some(8.0), Some(10.0)));
    assert_eq!(a.assessor.as_deref(), Some("Kim"));
    keys(&mut app, "u");
    assert_eq!(
        app.view.person.as_ref().unwrap().detail.history.len(),
        history
    );
    app.handle_key(ctrl('r'));
    assert_eq!(
        app.view.person.as_ref().unwrap().detail.history.len(),
        history + 1
    );
}

#[test]
fn assessment_validation_date_and_scores() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2");
    app.handle_key(code(KeyCode::Enter));
    let history = app.view.person.as_ref().unwrap().detail.history.len();
    keys(&mut app, "a");
    tab(&mut app, 3);
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "someday");
    assert!(
        error(&app, assessment::DATE)
            .unwrap()
            .contains("today or yesterday")
    );
    tab(&mut app, 1);
    keys(&mut app, "x");
    assert!(error(&app, assessment::SCORE).unwrap().contains("number"));
    app.handle_key(code(KeyCode::Backspace));
    keys(&mut app, "12");
    tab(&mut app, 1);
    keys(&mut app, "10");
    assert!(
        error(&app, assessment::SCORE)
            .unwrap()
            .contains("more than the max")
    );
    app.handle_key(ctrl('s'));
    assert!(matches!(app.view.popup, Some(Popup::Form(_))));
    assert_eq!(
        app.view.person.as_ref().unwrap().detail.history.len(),
        history
    );
    // A level picker holds only 0..5: typing 9 matches nothing, so nothing is picked (the
    // level shown before is not saved in its place) and the field says so.
    for _ in 0..4 {
        app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    }
    assert_eq!(form(&app).focus, assessment::LEVEL);
    keys(&mut app, "9");
    assert_eq!(form(&app).fields[assessment::LEVEL].picked(), None);
    assert_eq!(form(&app).fields[assessment::LEVEL].matches().len(), 0);
    assert!(
        error(&app, assessment::LEVEL)
            .unwrap()
            .contains("nothing matches ‘9’")
    );
    // Backspace clears the text: the level the form had is back.
    app.handle_key(code(KeyCode::Backspace));
    assert_eq!(form(&app).fields[assessment::LEVEL].picked(), Some(0));
}

#[test]
fn undo_with_nothing_to_undo_and_nothing_to_edit_on_other_screens() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "u");
    assert_eq!(status(&app), "Nothing to undo");
    app.handle_key(ctrl('r'));
    assert_eq!(status(&app), "Nothing to redo");
    // Outside a person and the lists there is nothing to move or review.
    keys(&mut app, "1m");
    assert_eq!(app.view.popup, None);
    keys(&mut app, "r");
    assert_eq!(app.view.popup, None);
    assert!(status(&app).contains("r reviews a person"));
}

fn team(app: &App, name: &str) -> Option<skillgap::model::Team> {
    app.data.org.teams.iter().find(|t| t.name == name).cloned()
}

#[test]
fn add_a_sub_team_refuses_a_taken_name_then_undo_and_redo() {
    let (_dir, mut app) = demo_app();
    // Team screen: move to the first real team (below "Everyone").
    keys(&mut app, "1j");
    let parent = app.data.teams[app.view.team.list.current().unwrap()]
        .id
        .unwrap();
    keys(&mut app, "a");
    assert_eq!(form(&app).kind, Kind::Team(None));
    assert_eq!(form(&app).fields[1].picked(), Some(parent));
    let taken = app.data.org.teams[1].name.to_uppercase();
    keys(&mut app, &taken);
    assert_eq!(
        error(&app, 0).as_deref(),
        Some("another team has this name")
    );
    app.handle_key(ctrl('s'));
    assert!(matches!(app.view.popup, Some(Popup::Form(_))));
    for _ in 0..taken.chars().count() {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "Research");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    assert_eq!(team(&app, "Research").unwrap().parent_id, Some(parent));
    // The team tree shows it at once.
    assert!(app.data.teams.iter().any(|t| t.name == "Research"));
    keys(&mut app, "u");
    assert!(team(&app, "Research").is_none());
    app.handle_key(ctrl('r'));
    assert!(team(&app, "Research").is_some());
}

#[test]
fn edit_and_delete_a_team_its_people_stay_and_undo_restores_them() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "1j");
    let t = app.data.teams[app.view.team.list.current().unwrap()].clone();
    let id = t.id.unwrap();
    let members = |app: &App| {
        app.data
            .org
            .people
            .iter()
            .filter(|p| p.team_id == Some(id))
            .count()
    };
    let n = members(&app);
    assert!(n > 0);
    keys(&mut app, "e");
    assert_eq!(form(&app).kind, Kind::Team(Some(id)));
    // A team cannot be its own parent.
    assert!(
        !form(&app).fields[1]
            .matches()
            .iter()
            .any(|&i| matches!(&form(&app).fields[1].input, skillgap::tui::forms::Input::Pick { choices, .. } if choices[i].id == Some(id)))
    );
    keys(&mut app, " Two");
    app.handle_key(ctrl('s'));
    let renamed = format!(
        "{} Two",
        app.data.org.team(id).map(|_| t.name.trim()).unwrap()
    );
    assert!(team(&app, &renamed).is_some(), "{}", status(&app));
    keys(&mut app, "d");
    let Some(Popup::Confirm { message, .. }) = &app.view.popup else {
        panic!("no question");
    };
    assert!(
        message.contains(&format!("{n} people")) || message.contains("1 person"),
        "{message}"
    );
    keys(&mut app, "y");
    assert!(app.data.org.team(id).is_none());
    assert_eq!(members(&app), 0);
    keys(&mut app, "u");
    assert_eq!(members(&app), n, "undo gives the people their team back");
    keys(&mut app, "u");
    assert!(team(&app, &t.name).is_some());
}

fn open_items(app: &App, id: skillgap::model::Id) -> usize {
    app.data
        .notes
        .iter()
        .find(|n| n.id == id)
        .map(|n| n.action_items().iter().filter(|a| !a.done).count())
        .unwrap_or(usize::MAX)
}

#[test]
fn add_a_private_tagged_note_with_a_multi_line_body_then_undo_and_redo() {
    use skillgap::tui::forms::note;
    let (_dir, mut app) = demo_app();
    let before = app.data.notes.len();
    keys(&mut app, "6");
    let person = app.data.notes[app.view.notes.current().unwrap()].person_id;
    keys(&mut app, "a");
    assert_eq!(form(&app).kind, Kind::Note(None));
    assert_eq!(form(&app).fields[note::PERSON].picked(), Some(person));
    assert!(form(&app).fields[note::PRIVATE].on(), "private starts on");
    assert_eq!(form(&app).focus, note::BODY, "straight to the body");
    keys(&mut app, "Talked about prompts");
    app.handle_key(code(KeyCode::Enter));
    keys(&mut app, "- [ ] read the guide");
    assert_eq!(
        form(&app).fields[note::BODY].area_text(),
        "Talked about prompts\n- [ ] read the guide"
    );
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    let skill = app.data.org.skills[0].clone();
    keys(&mut app, &skill.key);
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(form(&app).fields[note::TAGS].chosen(), vec![skill.id]);
    let screen = text(&app, 100, 40);
    assert!(screen.contains(&skill.key), "{screen}");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    assert_eq!(app.data.notes.len(), before + 1);
    let n = app
        .data
        .notes
        .iter()
        .find(|n| n.body.starts_with("Talked about prompts"))
        .expect("saved")
        .clone();
    assert!(n.private);
    assert_eq!(n.person_id, person);
    assert_eq!(n.skill_ids, vec![skill.id]);
    assert_eq!(n.date, common::today());
    assert_eq!(open_items(&app, n.id), 1);
    keys(&mut app, "u");
    assert_eq!(app.data.notes.len(), before);
    app.handle_key(ctrl('r'));
    assert_eq!(app.data.notes.len(), before + 1);
}

#[test]
fn note_validation_and_the_external_editor() {
    use skillgap::tui::forms::note;
    let (_dir, mut app) = demo_app();
    let before = app.data.notes.len();
    keys(&mut app, "6a");
    app.handle_key(ctrl('s'));
    assert_eq!(error(&app, note::BODY).as_deref(), Some("required"));
    assert_eq!(app.data.notes.len(), before);
    // Ctrl-E hands the body to the event loop, which runs the editor and gives it back.
    keys(&mut app, "draft");
    app.handle_key(ctrl('e'));
    assert_eq!(app.take_editor_request().as_deref(), Some("draft"));
    assert_eq!(app.take_editor_request(), None);
    app.editor_done(Err("vi exited with 1; the text is unchanged".into()));
    assert_eq!(form(&app).fields[note::BODY].area_text(), "draft");
    assert!(status(&app).contains("unchanged"));
    app.editor_done(Ok("# From the editor\n- [ ] follow up\n".into()));
    assert_eq!(
        form(&app).fields[note::BODY].area_text(),
        "# From the editor\n- [ ] follow up"
    );
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(code(KeyCode::Tab));
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "tomorrow");
    assert!(error(&app, note::DATE).is_some());
    app.handle_key(ctrl('s'));
    assert_eq!(app.data.notes.len(), before);
    for _ in 0..8 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "yesterday");
    // The private toggle turns off with space.
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, " ");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    let n = app
        .data
        .notes
        .iter()
        .find(|n| n.body == "# From the editor\n- [ ] follow up")
        .expect("saved");
    assert!(!n.private);
    assert_eq!(n.date, common::today().pred_opt().unwrap());
}

#[test]
fn space_marks_an_action_item_done_and_delete_a_note_then_undo() {
    let (_dir, mut app) = demo_app();
    // Sort by open items: the first note has some.
    keys(&mut app, "6s");
    let n = app.data.notes[app.view.notes.current().unwrap()].clone();
    let open = open_items(&app, n.id);
    assert!(open > 0);
    keys(&mut app, " ");
    assert!(status(&app).contains("Done:"), "{}", status(&app));
    assert_eq!(open_items(&app, n.id), open - 1);
    keys(&mut app, "u");
    assert_eq!(open_items(&app, n.id), open);
    app.handle_key(ctrl('r'));
    assert_eq!(open_items(&app, n.id), open - 1);
    keys(&mut app, "u");

    // Edit opens the selected note.
    let cur = app.data.notes[app.view.notes.current().unwrap()].clone();
    keys(&mut app, "e");
    assert_eq!(form(&app).kind, Kind::Note(Some(cur.id)));
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "d");
    let Some(Popup::Confirm { message, .. }) = &app.view.popup else {
        panic!("no question");
    };
    assert!(message.contains("Delete the note of"), "{message}");
    keys(&mut app, "y");
    assert!(!app.data.notes.iter().any(|x| x.id == cur.id));
    keys(&mut app, "u");
    let back = app
        .data
        .notes
        .iter()
        .find(|x| x.id == cur.id)
        .expect("back");
    assert_eq!(back, &cur, "the note comes back with its tags");
}

fn offers_of(app: &App, person: skillgap::model::Id) -> Vec<skillgap::model::Offer> {
    app.data
        .org
        .offers
        .iter()
        .filter(|o| o.person_id == person)
        .cloned()
        .collect()
}

/// Opens, on People, the first person with a recommended training and no open offer (so that
/// the offer a test makes is the one `m` moves).
fn person_with_a_recommendation(app: &mut App) -> (skillgap::model::Id, skillgap::model::Id) {
    use skillgap::model::OfferStatus;
    keys(app, "2");
    for _ in 0..app.data.people.len() {
        let id = app.data.people[app.view.people.current().expect("a row")].id;
        let open = offers_of(app, id)
            .iter()
            .any(|o| matches!(o.status, OfferStatus::Offered | OfferStatus::Enrolled));
        if let Some(r) = app
            .data
            .analysis
            .recommendations(&app.data.org, id)
            .first()
            .filter(|_| !open)
        {
            let t = r.training_id;
            app.handle_key(code(KeyCode::Enter));
            return (id, t);
        }
        keys(app, "j");
    }
    panic!("nobody has a recommendation");
}

#[test]
fn offer_the_recommended_training_in_two_keys_then_move_it_on() {
    use skillgap::model::OfferStatus;
    use skillgap::tui::forms::offer;
    let (_dir, mut app) = demo_app();
    let (person, training) = person_with_a_recommendation(&mut app);
    let before = offers_of(&app, person).len();
    keys(&mut app, "o");
    assert_eq!(form(&app).fields[offer::TRAINING].picked(), Some(training));
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    let offers = offers_of(&app, person);
    assert_eq!(offers.len(), before + 1);
    let new = offers.iter().max_by_key(|o| o.id).unwrap().clone();
    assert_eq!(
        (
            new.training_id,
            new.status,
            new.offered_on,
            new.completed_on
        ),
        (training, OfferStatus::Offered, common::today(), None)
    );

    // m: the open offer first, "enrolled" first.
    keys(&mut app, "m");
    assert_eq!(form(&app).fields[offer::WHICH].picked(), Some(new.id));
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    let now = |app: &App| {
        app.data
            .org
            .offers
            .iter()
            .find(|o| o.id == new.id)
            .unwrap()
            .clone()
    };
    assert_eq!(now(&app).status, OfferStatus::Enrolled);
    keys(&mut app, "m");
    tab(&mut app, 1);
    keys(&mut app, "comp");
    tab(&mut app, 1);
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "2020-01-01");
    assert!(error(&app, offer::ON).unwrap().contains("before the offer"));
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "today");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    assert_eq!(now(&app).status, OfferStatus::Completed);
    assert_eq!(now(&app).completed_on, Some(common::today()));
    // A completed offer moves no further.
    keys(&mut app, "m");
    tab(&mut app, 1);
    keys(&mut app, "decl");
    assert!(
        error(&app, offer::TO)
            .unwrap()
            .contains("cannot go from completed")
    );
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "y");
    // Undo walks back: completed -> enrolled -> offered -> no offer.
    keys(&mut app, "u");
    assert_eq!(now(&app).status, OfferStatus::Enrolled);
    assert_eq!(now(&app).completed_on, None);
    keys(&mut app, "uu");
    assert_eq!(offers_of(&app, person).len(), before);
}

#[test]
fn offer_validation_dates_and_status() {
    use skillgap::tui::forms::offer;
    let (_dir, mut app) = demo_app();
    let (person, _) = person_with_a_recommendation(&mut app);
    let before = offers_of(&app, person).len();
    keys(&mut app, "o");
    tab(&mut app, 4);
    assert_eq!(form(&app).focus, offer::COMPLETED);
    keys(&mut app, "2026-11-01");
    assert!(
        error(&app, offer::COMPLETED)
            .unwrap()
            .contains("only when completed")
    );
    tab(&mut app, 3);
    assert_eq!(form(&app).focus, offer::STATUS);
    keys(&mut app, "completed");
    assert!(
        error(&app, offer::COMPLETED)
            .unwrap()
            .contains("before the offer")
    );
    app.handle_key(ctrl('s'));
    assert_eq!(offers_of(&app, person).len(), before);
    tab(&mut app, 1);
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "2026-10-01");
    tab(&mut app, 1);
    keys(&mut app, "soon");
    assert!(error(&app, offer::DUE).is_some());
    for _ in 0..4 {
        app.handle_key(code(KeyCode::Backspace));
    }
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    let o = offers_of(&app, person)
        .into_iter()
        .max_by_key(|o| o.id)
        .unwrap();
    assert_eq!(o.status, skillgap::model::OfferStatus::Completed);
    assert_eq!(o.completed_on.unwrap().to_string(), "2026-11-01");
}

#[test]
fn review_sweep_one_key_per_level_then_undo() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2");
    app.handle_key(code(KeyCode::Enter));
    let person = app.view.person.as_ref().unwrap().detail.id;
    let history = app.view.person.as_ref().unwrap().detail.history.len();
    let targeted: Vec<_> = app
        .data
        .person(person)
        .unwrap()
        .1
        .skills
        .iter()
        .map(|s| s.skill_id)
        .collect();
    assert!(targeted.len() >= 3);
    keys(&mut app, "r");
    let Some(Popup::Sweep(s)) = &app.view.popup else {
        panic!("no sweep");
    };
    let skills: Vec<_> = s.items.iter().map(|&(_, k)| k).collect();
    assert_eq!(skills, targeted);
    assert!(s.items.iter().all(|&(p, _)| p == person));
    let screen = text(&app, 100, 30);
    assert!(
        screen.contains(&format!("1 of {}", targeted.len())),
        "{screen}"
    );
    // 4 on the first, skip the second, 2 on the third, then stop.
    keys(&mut app, "4");
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, "2");
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.popup, None);
    assert!(
        status(&app).contains("2 assessments recorded"),
        "{}",
        status(&app)
    );
    let detail = &app.view.person.as_ref().unwrap().detail;
    assert_eq!(detail.history.len(), history + 2);
    // New manager ratings dated today (the current level follows the source precedence).
    let new: Vec<_> = detail
        .history
        .iter()
        .filter(|a| a.rating.assessed_on == common::today())
        .filter(|a| a.rating.source == skillgap::model::Source::Manager)
        .map(|a| (a.rating.skill_id, a.rating.level))
        .collect();
    assert!(new.contains(&(targeted[0], 4)), "{new:?}");
    assert!(new.contains(&(targeted[2], 2)), "{new:?}");
    assert!(!new.iter().any(|(s, _)| *s == targeted[1]), "skipped");
    // Each level is its own change: u undoes the last one.
    keys(&mut app, "u");
    assert_eq!(
        app.view.person.as_ref().unwrap().detail.history.len(),
        history + 1
    );
}

#[test]
fn add_edit_and_delete_a_skill_with_undo() {
    use skillgap::tui::forms::skill;
    let (_dir, mut app) = demo_app();
    let n = app.data.org.skills.len();
    keys(&mut app, "4a");
    assert_eq!(form(&app).kind, Kind::Skill(None));
    keys(&mut app, "Agent Design");
    assert!(error(&app, skill::KEY).unwrap().contains("a-z, 0-9"));
    for _ in 0.."Agent Design".len() {
        app.handle_key(code(KeyCode::Backspace));
    }
    let taken = app.data.org.skills[0].key.clone();
    keys(&mut app, &taken);
    assert_eq!(
        error(&app, skill::KEY).as_deref(),
        Some("another skill has this key")
    );
    app.handle_key(ctrl('s'));
    assert_eq!(error(&app, skill::NAME).as_deref(), Some("required"));
    for _ in 0..taken.len() {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "agent-design");
    tab(&mut app, 1);
    keys(&mut app, "Designing agents");
    tab(&mut app, 1);
    keys(&mut app, "Building");
    tab(&mut app, 2);
    keys(&mut app, "Knows what an agent is");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    assert_eq!(app.data.org.skills.len(), n + 1);
    let s = app
        .data
        .org
        .skills
        .iter()
        .find(|s| s.key == "agent-design")
        .expect("saved")
        .clone();
    assert_eq!(s.levels[0], "Knows what an agent is");
    keys(&mut app, "u");
    assert_eq!(app.data.org.skills.len(), n);
    app.handle_key(ctrl('r'));
    assert_eq!(app.data.org.skills.len(), n + 1);

    // Delete the selected (first) skill: its assessments go with it and come back.
    keys(&mut app, "g");
    let first = app.data.org.skills[app.view.skills.current().unwrap()].clone();
    let ratings = app.data.org.ratings.len();
    keys(&mut app, "e");
    assert_eq!(form(&app).kind, Kind::Skill(Some(first.id)));
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "d");
    let Some(Popup::Confirm { message, .. }) = &app.view.popup else {
        panic!("no question");
    };
    assert!(message.contains("assessments"), "{message}");
    keys(&mut app, "y");
    assert!(app.data.skill(first.id).is_none());
    assert!(app.data.org.ratings.len() < ratings);
    keys(&mut app, "u");
    assert_eq!(app.data.skill(first.id), Some(&first));
    assert_eq!(app.data.org.ratings.len(), ratings);
}

#[test]
fn add_a_training_with_the_skills_it_develops_edit_and_delete() {
    use skillgap::tui::forms::training;
    let (_dir, mut app) = demo_app();
    let n = app.data.org.trainings.len();
    keys(&mut app, "5a");
    assert_eq!(form(&app).kind, Kind::Training(None));
    let taken = app.data.org.trainings[0].title.to_lowercase();
    keys(&mut app, &taken);
    assert_eq!(
        error(&app, training::TITLE).as_deref(),
        Some("another training has this title")
    );
    for _ in 0..taken.chars().count() {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "Agents 101");
    tab(&mut app, 2);
    keys(&mut app, "example.com");
    assert!(error(&app, training::URL).unwrap().contains("URL"));
    for _ in 0.."example.com".len() {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "https://example.com/agents");
    tab(&mut app, 1);
    keys(&mut app, "2.5");
    let (a, b) = (
        app.data.org.skills[0].clone(),
        app.data.org.skills[1].clone(),
    );
    tab(&mut app, 1);
    keys(&mut app, &a.key);
    tab(&mut app, 1);
    keys(&mut app, "4");
    tab(&mut app, 1);
    keys(&mut app, &a.key);
    assert_eq!(
        error(&app, training::DEVELOPS + 2).as_deref(),
        Some("listed twice")
    );
    for _ in 0..a.key.len() {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, &b.key);
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    assert_eq!(app.data.org.trainings.len(), n + 1);
    let t = app
        .data
        .org
        .trainings
        .iter()
        .find(|t| t.title == "Agents 101")
        .expect("saved")
        .clone();
    assert_eq!(t.url.as_deref(), Some("https://example.com/agents"));
    assert_eq!(t.hours, Some(2.5));
    let mut dev = t.develops.clone();
    dev.sort_unstable();
    let mut want = vec![(a.id, 4), (b.id, 3)];
    want.sort_unstable();
    assert_eq!(dev, want);
    keys(&mut app, "u");
    assert_eq!(app.data.org.trainings.len(), n);
    app.handle_key(ctrl('r'));
    assert_eq!(app.data.org.trainings.len(), n + 1);

    // Delete the selected training: its offers go and come back with undo.
    keys(&mut app, "g");
    let first = app.data.org.trainings[app.view.trainings.current().unwrap()].clone();
    let offers = app.data.org.offers.len();
    keys(&mut app, "e");
    assert_eq!(form(&app).kind, Kind::Training(Some(first.id)));
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "d");
    let Some(Popup::Confirm { message, .. }) = &app.view.popup else {
        panic!("no question");
    };
    assert!(message.contains("offer"), "{message}");
    keys(&mut app, "y");
    assert!(app.data.org.training(first.id).is_none());
    keys(&mut app, "u");
    assert!(app.data.org.training(first.id).is_some());
    assert_eq!(app.data.org.offers.len(), offers);
}

#[test]
fn review_sweep_of_a_skill_steps_through_its_people() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "4");
    let skill = app.data.org.skills[app.view.skills.current().unwrap()].id;
    let before = app.data.org.ratings.len();
    keys(&mut app, "r");
    let Some(Popup::Sweep(s)) = &app.view.popup else {
        panic!("no sweep: {}", status(&app));
    };
    assert!(s.items.len() >= 2);
    assert!(s.items.iter().all(|&(_, k)| k == skill));
    let (first, second) = (s.items[0].0, s.items[1].0);
    assert!(text(&app, 100, 30).contains(&app.data.person_name(first)));
    keys(&mut app, "35");
    app.handle_key(code(KeyCode::Esc));
    assert!(status(&app).contains("2 assessments recorded"));
    let today =
        |p| {
            app.data.org.ratings.iter().any(|r| {
                r.person_id == p && r.skill_id == skill && r.assessed_on == common::today()
            })
        };
    assert!(today(first) && today(second));
    assert!(app.data.org.ratings.len() >= before);
}

#[test]
fn own_targets_of_a_person_set_change_and_clear_with_undo() {
    use skillgap::model::Target;
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2");
    app.handle_key(code(KeyCode::Enter));
    let person = app.view.person.as_ref().unwrap().detail.id;
    let own = |app: &App| -> Vec<Target> { common::own_targets(app, person) };
    let before = own(&app);
    let skill = common::skill_without_own_target(&app, person);
    keys(&mut app, "t");
    assert!(matches!(form(&app).kind, Kind::Targets(p) if p == person));
    // The spare line (skill, level, weight) is the last three fields.
    let n = form(&app).fields.len();
    tab(&mut app, n - 3);
    keys(&mut app, &skill.key);
    tab(&mut app, 1);
    keys(&mut app, "5");
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    let after = own(&app);
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|t| t.skill_id == skill.id && t.level == 5));
    // The person's targets follow at once.
    let (_, summary) = app.data.person(person).unwrap();
    assert!(
        summary
            .skills
            .iter()
            .any(|s| s.skill_id == skill.id && s.target == 5)
    );
    // Clearing it: pick (none) for that line.
    keys(&mut app, "t");
    let n = form(&app).fields.len();
    tab(&mut app, n - 6);
    keys(&mut app, "(none)");
    app.handle_key(ctrl('s'));
    assert_eq!(own(&app), before, "{}", status(&app));
    keys(&mut app, "u");
    assert_eq!(own(&app).len(), before.len() + 1);
    keys(&mut app, "u");
    assert_eq!(own(&app), before);
}

#[test]
fn role_form_renames_and_sets_targets_and_adds_a_role_with_undo() {
    use skillgap::tui::forms::role;
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2");
    app.handle_key(code(KeyCode::Enter));
    let person = app.view.person.as_ref().unwrap().detail.id;
    let role_id = app.data.person(person).unwrap().0.role_id.expect("a role");
    let targets = |app: &App| {
        let mut t = app
            .data
            .org
            .role_targets
            .get(&role_id)
            .cloned()
            .unwrap_or_default();
        t.sort_by_key(|t| t.skill_id);
        t
    };
    let before = targets(&app);
    let old_name = app.data.org.role(role_id).unwrap().name.clone();
    // R lists the roles with the person's selected; Enter edits it.
    keys(&mut app, "R");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(form(&app).kind, Kind::Role(Some(role_id)));
    let other = app
        .data
        .org
        .roles
        .iter()
        .find(|r| r.id != role_id)
        .unwrap()
        .name
        .clone();
    for _ in 0..old_name.chars().count() {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, &other.to_uppercase());
    assert_eq!(
        error(&app, role::NAME).as_deref(),
        Some("another role has this name")
    );
    for _ in 0..other.chars().count() {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "Lead");
    // Drop the first target: pick (none) on its skill.
    tab(&mut app, 1);
    keys(&mut app, "(none)");
    app.handle_key(ctrl('s'));
    // Saved: back in the roles list.
    assert!(
        matches!(app.view.popup, Some(Popup::Roles(_))),
        "{}",
        status(&app)
    );
    assert_eq!(app.data.org.role(role_id).unwrap().name, "Lead");
    assert_eq!(targets(&app).len(), before.len() - 1);
    keys(&mut app, "u");
    assert_eq!(app.data.org.role(role_id).unwrap().name, old_name);
    assert_eq!(targets(&app), before);

    // A new role: a in the roles list.
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "1Ra");
    assert_eq!(form(&app).kind, Kind::Role(None));
    keys(&mut app, "Analyst");
    tab(&mut app, 1);
    let skill = app.data.org.skills[0].clone();
    keys(&mut app, &skill.key);
    tab(&mut app, 1);
    keys(&mut app, "4");
    app.handle_key(ctrl('s'));
    assert!(
        matches!(app.view.popup, Some(Popup::Roles(_))),
        "{}",
        status(&app)
    );
    let r = app
        .data
        .org
        .roles
        .iter()
        .find(|r| r.name == "Analyst")
        .expect("added");
    let t = app
        .data
        .org
        .role_targets
        .get(&r.id)
        .cloned()
        .unwrap_or_default();
    assert_eq!(t.len(), 1);
    assert_eq!((t[0].skill_id, t[0].level, t[0].weight), (skill.id, 4, 1));
}

#[test]
fn text_fields_edit_in_the_middle_and_j_k_type_text() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2a");
    keys(&mut app, "ada jk");
    // Home, then fix the first letter; End and Ctrl-W drop the last word.
    app.handle_key(code(KeyCode::Home));
    app.handle_key(code(KeyCode::Delete));
    keys(&mut app, "A");
    app.handle_key(code(KeyCode::End));
    app.handle_key(ctrl('w'));
    keys(&mut app, "Lovelace");
    assert_eq!(form(&app).fields[person::NAME].value(), "Ada Lovelace");
    // Left twice, then type: inserted before the last two letters.
    app.handle_key(code(KeyCode::Left));
    app.handle_key(code(KeyCode::Left));
    keys(&mut app, "-");
    assert_eq!(form(&app).fields[person::NAME].value(), "Ada Lovela-ce");
    app.handle_key(ctrl('u'));
    assert_eq!(form(&app).fields[person::NAME].value(), "ce");
    // A paste lands whole at the cursor, its line break a space.
    app.handle_key(code(KeyCode::Home));
    app.handle_paste("Grace Hopper\nJr ");
    assert_eq!(
        form(&app).fields[person::NAME].value(),
        "Grace Hopper Jr ce"
    );
}

#[test]
fn a_picker_never_saves_an_unchosen_team_and_offers_to_create_it_in_one_undo_step() {
    let (_dir, mut app) = demo_app();
    let teams = app.data.org.teams.len();
    keys(&mut app, "2a");
    keys(&mut app, "Pia Picker");
    tab(&mut app, 2);
    assert_eq!(form(&app).focus, person::TEAM);
    keys(&mut app, "Designzz");
    assert_eq!(form(&app).fields[person::TEAM].picked(), None);
    app.handle_key(ctrl('s'));
    assert!(matches!(app.view.popup, Some(Popup::Form(_))), "refused");
    assert!(find(&app, "Pia Picker").is_none());
    let e = error(&app, person::TEAM).expect("an error beside the team");
    assert!(e.contains("no team ‘Designzz’"), "{e}");
    let screen = text(&app, 120, 40);
    assert!(screen.contains("create team ‘Designzz’"), "{screen}");
    // Clearing the text clears the pick: "(none)".
    for _ in 0..8 {
        app.handle_key(code(KeyCode::Backspace));
    }
    assert_eq!(form(&app).fields[person::TEAM].picked(), None);
    assert!(error(&app, person::TEAM).is_none());
    // Typed again, Down chooses "create"; the save makes the team and the person at once.
    keys(&mut app, "Designzz");
    app.handle_key(code(KeyCode::Down));
    assert!(error(&app, person::TEAM).is_none());
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    let p = find(&app, "Pia Picker").expect("saved");
    let t = team(&app, "Designzz").expect("team created");
    assert_eq!(p.team_id, Some(t.id));
    assert_eq!(app.data.org.teams.len(), teams + 1);
    // One u undoes both.
    keys(&mut app, "u");
    assert!(find(&app, "Pia Picker").is_none());
    assert!(team(&app, "Designzz").is_none());
    assert_eq!(app.data.org.teams.len(), teams);
}

#[test]
fn picker_arrows_cycle_the_matches_and_the_matched_text_is_highlighted() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2a");
    tab(&mut app, 3);
    assert_eq!(form(&app).focus, person::ROLE);
    let n = form(&app).fields[person::ROLE].matches().len();
    assert!(n > 2);
    let first = form(&app).fields[person::ROLE].picked();
    app.handle_key(code(KeyCode::Right));
    let second = form(&app).fields[person::ROLE].picked();
    assert_ne!(first, second, "Right moves to the next match");
    app.handle_key(code(KeyCode::Left));
    assert_eq!(form(&app).fields[person::ROLE].picked(), first);
}

#[test]
fn a_role_typed_into_the_person_form_is_created_with_it() {
    let (_dir, mut app) = demo_app();
    let roles = app.data.org.roles.len();
    let id = app.data.people[app.view.people.rows[0]].id;
    keys(&mut app, "2e");
    assert_eq!(form(&app).kind, Kind::Person(Some(id)));
    tab(&mut app, 3);
    assert_eq!(form(&app).focus, person::ROLE);
    keys(&mut app, "Prompt Librarian");
    app.handle_key(code(KeyCode::Right));
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    assert!(
        status(&app).contains("and role Prompt Librarian"),
        "{}",
        status(&app)
    );
    let role = app
        .data
        .org
        .roles
        .iter()
        .find(|r| r.name == "Prompt Librarian")
        .expect("role created")
        .id;
    let p = app.data.org.people.iter().find(|p| p.id == id).unwrap();
    assert_eq!(p.role_id, Some(role));
    keys(&mut app, "u");
    assert_eq!(app.data.org.roles.len(), roles);
    let p = app.data.org.people.iter().find(|p| p.id == id).unwrap();
    assert_ne!(p.role_id, Some(role));
}
