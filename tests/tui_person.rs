#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The person view as a list of records: the cursor walks the person, skills, assessments,
//! offers, recommendations, notes and action items, and the keys act on the selected line:
//! correct or delete an assessment, edit, move or delete an offer, offer a recommendation,
//! tick one action item. Each change is undone and redone.

#[path = "tui_common/mod.rs"]
mod common;

use common::{code, ctrl, demo_app, form, keys, status, tab, text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skillgap::model::{Id, OfferStatus};
use skillgap::tui::app::Pending;
use skillgap::tui::forms::{Kind, assessment, offer};
use skillgap::tui::screens::person::{Item, items};
use skillgap::tui::{App, Popup};

fn selected(app: &App) -> Item {
    app.view.person.as_ref().unwrap().item().unwrap()
}

fn all_items(app: &App) -> Vec<Item> {
    items(&app.data, &app.view.person.as_ref().unwrap().detail)
}

/// Moves the cursor down until `pred` holds for the selected item.
fn go_to(app: &mut App, pred: impl Fn(Item) -> bool) -> Item {
    keys(app, "g");
    for _ in 0..all_items(app).len() {
        if pred(selected(app)) {
            return selected(app);
        }
        keys(app, "j");
    }
    panic!("no such item in {:?}", all_items(app));
}

/// Opens the first person on People (Ada Costa in the demo) and returns their id.
fn open_first(app: &mut App) -> Id {
    keys(app, "2");
    app.handle_key(code(KeyCode::Enter));
    app.view.person.as_ref().unwrap().detail.id
}

/// Opens the first person on People for whom `pred` holds.
fn open_where(app: &mut App, pred: impl Fn(&App, Id) -> bool) -> Id {
    keys(app, "2");
    let row = app
        .view
        .people
        .rows
        .iter()
        .position(|&i| pred(app, app.data.people[i].id))
        .expect("someone in the demo");
    app.view.people.selected = row;
    app.handle_key(code(KeyCode::Enter));
    app.view.person.as_ref().unwrap().detail.id
}

fn offers_of(app: &App, person: Id) -> usize {
    app.data.org.offers_of(person).len()
}

fn history(app: &App) -> Vec<skillgap::model::Assessment> {
    app.view.person.as_ref().unwrap().detail.history.clone()
}

fn confirm_message(app: &App) -> String {
    match &app.view.popup {
        Some(Popup::Confirm { message, .. }) => message.clone(),
        other => panic!("no question: {other:?}"),
    }
}

#[test]
fn the_cursor_walks_the_records_and_jumps_between_sections() {
    let (_dir, mut app) = demo_app();
    let id = open_where(&mut app, |app, p| offers_of(app, p) > 0);
    let all = all_items(&app);
    assert_eq!(all[0], Item::Person);
    assert_eq!(selected(&app), Item::Person);
    // Every assessment of the history is a line, newest first.
    let hist = history(&app);
    let listed: Vec<Id> = all
        .iter()
        .filter_map(|i| match i {
            Item::Assessment(a) => Some(*a),
            _ => None,
        })
        .collect();
    let mut newest_first = hist.clone();
    newest_first.sort_by_key(|a| std::cmp::Reverse((a.rating.assessed_on, a.rating.id)));
    assert_eq!(
        listed,
        newest_first.iter().map(|a| a.rating.id).collect::<Vec<_>>()
    );
    let first_skill = app.data.person(id).unwrap().1.skills[0].skill_id;
    keys(&mut app, "j");
    assert_eq!(selected(&app), Item::Skill(first_skill));
    // l jumps to the next section's first line, h back to the previous one's.
    keys(&mut app, "l");
    assert_eq!(selected(&app), Item::Assessment(listed[0]));
    keys(&mut app, "l");
    assert_eq!(selected(&app), Item::Offers, "the heading of the offers");
    keys(&mut app, "j");
    assert!(
        matches!(selected(&app), Item::Offer(_)),
        "{:?}",
        selected(&app)
    );
    keys(&mut app, "h");
    assert_eq!(selected(&app), Item::Assessment(listed[0]));
    keys(&mut app, "G");
    assert_eq!(selected(&app), *all.last().unwrap());
    keys(&mut app, "j");
    assert_eq!(selected(&app), *all.last().unwrap(), "stops at the end");
    // The footer says what the keys do on this line.
    go_to(&mut app, |i| matches!(i, Item::Assessment(_)));
    assert!(text(&app, 100, 30).contains("Enter correct"));
    go_to(&mut app, |i| matches!(i, Item::Offer(_)));
    assert!(text(&app, 100, 30).contains("m move on"));
}

#[test]
fn enter_on_a_skill_assesses_that_skill() {
    let (_dir, mut app) = demo_app();
    let id = open_first(&mut app);
    let skill = match go_to(&mut app, |i| matches!(i, Item::Skill(_))) {
        Item::Skill(s) => s,
        _ => unreachable!(),
    };
    keys(&mut app, "j");
    let Item::Skill(second) = selected(&app) else {
        panic!("a second skill");
    };
    assert_ne!(skill, second);
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(
        form(&app).kind,
        Kind::Assessment {
            person: id,
            id: None
        }
    );
    assert_eq!(form(&app).fields[assessment::SKILL].picked(), Some(second));
}

#[test]
fn correct_an_assessment_then_undo_and_redo() {
    let (_dir, mut app) = demo_app();
    let person = open_first(&mut app);
    let Item::Assessment(aid) = go_to(&mut app, |i| matches!(i, Item::Assessment(_))) else {
        unreachable!()
    };
    let before = history(&app);
    let old = before.iter().find(|a| a.rating.id == aid).unwrap().clone();
    app.handle_key(code(KeyCode::Enter));
    let f = form(&app);
    assert_eq!(
        f.kind,
        Kind::Assessment {
            person,
            id: Some(aid)
        }
    );
    // Every field as saved.
    assert_eq!(
        f.fields[assessment::SKILL].picked(),
        Some(old.rating.skill_id)
    );
    assert_eq!(
        f.fields[assessment::LEVEL].picked(),
        Some(Id::from(old.rating.level))
    );
    assert_eq!(
        f.fields[assessment::DATE].value(),
        old.rating.assessed_on.to_string()
    );
    assert_eq!(
        f.fields[assessment::EVIDENCE].value(),
        old.evidence.clone().unwrap_or_default()
    );
    // A bad date is refused with nothing saved.
    tab(&mut app, assessment::DATE);
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, "2026-13-01");
    app.handle_key(ctrl('s'));
    assert!(form(&app).shown_error(assessment::DATE).is_some());
    assert_eq!(history(&app), before);
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, &old.rating.assessed_on.to_string());
    // The level was a typo: it was a 1.
    let new_level = if old.rating.level == 1 { 2 } else { 1 };
    for _ in 0..(assessment::DATE - assessment::LEVEL) {
        app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    }
    keys(&mut app, &new_level.to_string());
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    assert!(
        status(&app).contains("correct assessment"),
        "{}",
        status(&app)
    );
    let after = history(&app);
    assert_eq!(after.len(), before.len(), "corrected, not added");
    let now = after.iter().find(|a| a.rating.id == aid).unwrap();
    assert_eq!(now.rating.level, new_level);
    assert_eq!(now.rating.assessed_on, old.rating.assessed_on);
    // The latest level of that skill and source follows (the trigger-kept table).
    let latest = |app: &App| {
        app.data
            .org
            .ratings_of(person, old.rating.skill_id)
            .iter()
            .filter(|r| r.source == old.rating.source)
            .max_by_key(|r| (r.assessed_on, r.id))
            .map(|r| (r.id, r.level))
    };
    assert_eq!(latest(&app), Some((aid, new_level)));
    // The cursor stays on the corrected line.
    assert_eq!(selected(&app), Item::Assessment(aid));
    keys(&mut app, "u");
    assert_eq!(history(&app), before);
    assert_eq!(latest(&app), Some((aid, old.rating.level)));
    app.handle_key(ctrl('r'));
    assert_eq!(
        history(&app)
            .iter()
            .find(|a| a.rating.id == aid)
            .unwrap()
            .rating
            .level,
        new_level
    );
}

#[test]
fn delete_one_assessment_asks_first_and_undo_brings_it_back() {
    let (_dir, mut app) = demo_app();
    let person = open_first(&mut app);
    let Item::Assessment(aid) = go_to(&mut app, |i| matches!(i, Item::Assessment(_))) else {
        unreachable!()
    };
    let before = history(&app);
    let old = before.iter().find(|a| a.rating.id == aid).unwrap().clone();
    keys(&mut app, "d");
    let message = confirm_message(&app);
    assert!(message.contains("Delete the assessment of"), "{message}");
    assert!(
        message.contains(&old.rating.assessed_on.to_string()),
        "{message}"
    );
    assert!(matches!(
        &app.view.popup,
        Some(Popup::Confirm {
            pending: Pending::DeleteAssessment { id, .. },
            ..
        }) if *id == aid
    ));
    keys(&mut app, "n");
    assert_eq!(history(&app), before);
    assert_eq!(status(&app), "Nothing deleted");
    keys(&mut app, "dy");
    let after = history(&app);
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.iter().any(|a| a.rating.id == aid));
    assert!(
        !app.data
            .org
            .ratings_of(person, old.rating.skill_id)
            .iter()
            .any(|r| r.id == aid)
    );
    // The cursor moved to the next line, not back to the top.
    assert!(matches!(selected(&app), Item::Assessment(_)));
    keys(&mut app, "u");
    assert_eq!(history(&app), before, "back with the same id and fields");
    app.handle_key(ctrl('r'));
    assert_eq!(history(&app), after);
}

fn offer(app: &App, id: Id) -> Option<skillgap::model::Offer> {
    app.data.org.offers.iter().find(|o| o.id == id).cloned()
}

#[test]
fn edit_move_and_delete_one_offer_then_undo() {
    let (_dir, mut app) = demo_app();
    open_where(&mut app, |app, p| offers_of(app, p) >= 2);
    // Pick the last offer listed.
    let offers: Vec<Id> = all_items(&app)
        .into_iter()
        .filter_map(|i| match i {
            Item::Offer(o) => Some(o),
            _ => None,
        })
        .collect();
    assert!(offers.len() >= 2, "{offers:?}");
    let oid = *offers.last().unwrap();
    go_to(&mut app, |i| i == Item::Offer(oid));
    let old = offer(&app, oid).unwrap();

    // m starts on this offer, not the person's first.
    keys(&mut app, "m");
    assert_eq!(form(&app).fields[offer::WHICH].picked(), Some(oid));
    app.handle_key(code(KeyCode::Esc));

    // Enter edits every field; a completed date before the offer is refused.
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(form(&app).kind, Kind::Offer(Some(oid)));
    assert_eq!(
        form(&app).fields[offer::OFFERED].value(),
        old.offered_on.to_string()
    );
    assert_eq!(
        form(&app).fields[offer::TRAINING].picked(),
        Some(old.training_id)
    );
    let due = "2027-01-31";
    let focus = form(&app).focus;
    tab(&mut app, offer::DUE - focus);
    for _ in 0..12 {
        app.handle_key(code(KeyCode::Backspace));
    }
    keys(&mut app, due);
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    let now = offer(&app, oid).unwrap();
    assert_eq!(now.due_on.map(|d| d.to_string()).as_deref(), Some(due));
    assert_eq!(
        (now.person_id, now.training_id, now.offered_on),
        (old.person_id, old.training_id, old.offered_on)
    );
    let total = app.data.org.offers.len();
    assert_eq!(selected(&app), Item::Offer(oid));

    // d deletes this offer only.
    keys(&mut app, "d");
    assert!(confirm_message(&app).contains("Delete the offer of"));
    keys(&mut app, "y");
    assert!(offer(&app, oid).is_none());
    assert_eq!(app.data.org.offers.len(), total - 1);
    keys(&mut app, "u");
    assert_eq!(offer(&app, oid), Some(now));
    keys(&mut app, "u");
    assert_eq!(offer(&app, oid), Some(old));
}

#[test]
fn a_recommendation_or_a_gap_offers_its_training() {
    let (_dir, mut app) = demo_app();
    let person = open_first(&mut app);
    let recs = app.data.analysis.recommendations(&app.data.org, person);
    let last = recs
        .last()
        .expect("the demo's first person has a gap with a course")
        .clone();
    // On a gap's skill line, o offers the training recommended for that skill.
    go_to(&mut app, |i| i == Item::Skill(last.skill_id));
    keys(&mut app, "o");
    let first_for_skill = recs
        .iter()
        .find(|r| r.skill_id == last.skill_id)
        .unwrap()
        .training_id;
    assert_eq!(form(&app).kind, Kind::Offer(None));
    assert_eq!(
        form(&app).fields[offer::TRAINING].picked(),
        Some(first_for_skill)
    );
    app.handle_key(code(KeyCode::Esc));
    // On a recommendation line, Enter and then Ctrl-S: two keys.
    go_to(&mut app, |i| {
        i == Item::Recommendation(last.skill_id, last.training_id)
    });
    let before = app.data.org.offers.len();
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(
        form(&app).fields[offer::TRAINING].picked(),
        Some(last.training_id)
    );
    assert_eq!(form(&app).fields[offer::PERSON].picked(), Some(person));
    app.handle_key(ctrl('s'));
    assert_eq!(app.view.popup, None, "{}", status(&app));
    assert_eq!(app.data.org.offers.len(), before + 1);
    let new = app.data.org.offers.iter().max_by_key(|o| o.id).unwrap();
    assert_eq!(
        (new.person_id, new.training_id, new.status),
        (person, last.training_id, OfferStatus::Offered)
    );
}

fn body(app: &App, note: Id) -> String {
    app.data
        .notes
        .iter()
        .find(|n| n.id == note)
        .unwrap()
        .body
        .clone()
}

#[test]
fn space_ticks_the_selected_action_item_and_opens_it_again() {
    let (_dir, mut app) = demo_app();
    // A person with a note of two or more open action items.
    let note = app
        .data
        .notes
        .iter()
        .find(|n| n.action_items().iter().filter(|a| !a.done).count() >= 2)
        .expect("a note with two open items")
        .clone();
    let open_items = note.action_items();
    let second = open_items
        .iter()
        .filter(|a| !a.done)
        .nth(1)
        .unwrap()
        .clone();
    // From Notes, Enter opens the person with the cursor on that note.
    keys(&mut app, "6");
    let row = app
        .view
        .notes
        .rows
        .iter()
        .position(|&i| app.data.notes[i].id == note.id)
        .unwrap();
    app.view.notes.selected = row;
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(selected(&app), Item::Note(note.id));
    go_to(&mut app, |i| i == Item::ActionItem(note.id, second.line));
    keys(&mut app, " ");
    assert!(status(&app).starts_with("Done:"), "{}", status(&app));
    let ticked = skillgap::model::action_items(&body(&app, note.id));
    for a in &ticked {
        let was = open_items.iter().find(|b| b.line == a.line).unwrap();
        // Only the selected item changed.
        assert_eq!(
            a.done,
            if a.line == second.line {
                true
            } else {
                was.done
            }
        );
    }
    assert_eq!(selected(&app), Item::ActionItem(note.id, second.line));
    // Space again opens it again.
    keys(&mut app, " ");
    assert!(status(&app).starts_with("Open again:"), "{}", status(&app));
    assert_eq!(body(&app, note.id), note.body);
    keys(&mut app, "u");
    assert!(
        skillgap::model::action_items(&body(&app, note.id))
            .iter()
            .any(|a| a.line == second.line && a.done)
    );
    keys(&mut app, "u");
    assert_eq!(body(&app, note.id), note.body);
    // a on a note line writes a new note about this person.
    keys(&mut app, "a");
    assert_eq!(form(&app).kind, Kind::Note(None));
    assert_eq!(
        form(&app).fields[skillgap::tui::forms::note::PERSON].picked(),
        Some(note.person_id)
    );
    app.handle_key(code(KeyCode::Esc));
    // Space on the note line ticks its next open item.
    go_to(&mut app, |i| i == Item::Note(note.id));
    keys(&mut app, " ");
    let first_open = open_items.iter().find(|a| !a.done).unwrap();
    assert!(
        skillgap::model::action_items(&body(&app, note.id))
            .iter()
            .any(|a| a.line == first_open.line && a.done)
    );
}

#[test]
fn the_headings_write_a_note_and_offer_a_training() {
    let (_dir, mut app) = demo_app();
    let person = open_first(&mut app);
    go_to(&mut app, |i| i == Item::Notes);
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(form(&app).kind, Kind::Note(None));
    assert_eq!(
        form(&app).fields[skillgap::tui::forms::note::PERSON].picked(),
        Some(person)
    );
    keys(&mut app, "x");
    app.handle_key(code(KeyCode::Esc));
    // Something was typed: Esc asks first.
    assert!(confirm_message(&app).contains("Discard"));
    keys(&mut app, "y");
    go_to(&mut app, |i| i == Item::Offers);
    keys(&mut app, "a");
    assert_eq!(form(&app).kind, Kind::Offer(None));
    assert_eq!(form(&app).fields[offer::PERSON].picked(), Some(person));
    app.handle_key(code(KeyCode::Esc));
    // d on a heading deletes nothing (and never the person).
    keys(&mut app, "d");
    assert_eq!(app.view.popup, None);
    assert!(app.data.person(person).is_some());
}

#[test]
fn the_top_line_still_edits_and_deletes_the_person_and_skill_lines_delete_nothing() {
    let (_dir, mut app) = demo_app();
    let person = open_first(&mut app);
    keys(&mut app, "e");
    assert_eq!(form(&app).kind, Kind::Person(Some(person)));
    app.handle_key(code(KeyCode::Esc));
    go_to(&mut app, |i| matches!(i, Item::Skill(_)));
    keys(&mut app, "d");
    assert_eq!(app.view.popup, None);
    assert!(status(&app).contains("Nothing to delete on this line"));
    keys(&mut app, "gd");
    assert!(matches!(
        &app.view.popup,
        Some(Popup::Confirm {
            pending: Pending::DeletePerson { id, .. },
            ..
        }) if *id == person
    ));
}
