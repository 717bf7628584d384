//! The note form: person, date (today unless changed), private (on unless turned off),
//! skill tags, and a multi-line Markdown body (Ctrl-E edits it in $VISUAL/$EDITOR).

use super::{Choice, Field, Form, Kind};
use crate::model::{Id, Note};
use crate::tui::data::Data;
use crate::validate;

pub const PERSON: usize = 0;
pub const DATE: usize = 1;
pub const PRIVATE: usize = 2;
pub const TAGS: usize = 3;
pub const BODY: usize = 4;

/// Active people by name.
pub fn person_choices(data: &Data) -> Vec<Choice> {
    data.people
        .iter()
        .filter(|r| !r.archived)
        .map(|r| Choice {
            id: Some(r.id),
            label: r.name.clone(),
        })
        .collect()
}

/// A new note (`id` `None`) about `person`, or editing note `id`.
pub fn form(data: &Data, id: Option<Id>, person: Option<Id>) -> Form {
    let note = id.and_then(|id| data.notes.iter().find(|n| n.id == id));
    let person = note.map(|n| n.person_id).or(person);
    let mut people = person_choices(data);
    // A note of an archived person keeps its person.
    if let Some(p) = person
        && !people.iter().any(|c| c.id == Some(p))
    {
        people.push(Choice {
            id: Some(p),
            label: data.person_name(p),
        });
    }
    let title = match note {
        Some(n) => format!("Edit note of {}, {}", data.person_name(n.person_id), n.date),
        None => "New note".to_string(),
    };
    let mut f = Form::new(
        Kind::Note(id),
        title,
        vec![
            Field::pick("Person", people, person),
            Field::text("Date", note.map_or(data.today, |n| n.date).to_string()),
            Field::toggle("Private", note.is_none_or(|n| n.private)),
            Field::tags(
                "Skills",
                super::assessment::skill_choices(data),
                note.map(|n| n.skill_ids.clone()).unwrap_or_default(),
            ),
            Field::area("Body", note.map_or("", |n| n.body.as_str())),
        ],
    );
    // Straight to the body when the person is known.
    if person.is_some() && id.is_none() {
        f.focus = BODY;
    }
    f
}

pub fn validate(f: &mut Form, id: Option<Id>, data: &Data) -> Option<Note> {
    let person = f.fields[PERSON].picked();
    let person = f.check(PERSON, person.ok_or_else(|| "pick a person".to_string()));
    let date = validate::date(f.fields[DATE].value(), data.today);
    let date = f.check(DATE, date);
    let body = f.fields[BODY].area_text();
    let body = f.check(
        BODY,
        validate::required(&body).map(|_| body.trim_end().to_string()),
    );
    let mut skill_ids = f.fields[TAGS].chosen();
    skill_ids.sort_unstable();
    Some(Note {
        id: id.unwrap_or(0),
        person_id: person?,
        date: date?,
        body: body?,
        private: f.fields[PRIVATE].on(),
        skill_ids,
        // An edit keeps the note's author; a new note's is set by the store.
        author: id
            .and_then(|id| data.notes.iter().find(|n| n.id == id))
            .map(|n| n.author.clone())
            .unwrap_or_default(),
    })
}
