//! The person form: name, email, team, role, joined on, archived.

use super::{Choice, Field, Form, Kind};
use crate::model::{Id, Person};
use crate::text::inert;
use crate::tui::data::Data;
use crate::validate;

pub const NAME: usize = 0;
pub const EMAIL: usize = 1;
pub const TEAM: usize = 2;
pub const ROLE: usize = 3;
pub const JOINED: usize = 4;
pub const ARCHIVED: usize = 5;

fn none() -> Choice {
    Choice {
        id: None,
        label: "(none)".into(),
    }
}

/// Teams in tree order, sub-teams indented, after "(none)".
pub fn team_choices(data: &Data) -> Vec<Choice> {
    let mut out = vec![none()];
    out.extend(
        data.teams
            .iter()
            .filter(|t| t.id.is_some())
            .map(|t| Choice {
                id: t.id,
                label: format!("{}{}", "  ".repeat(t.depth.saturating_sub(1)), t.name),
            }),
    );
    out
}

pub fn role_choices(data: &Data) -> Vec<Choice> {
    let mut roles: Vec<_> = data.org.roles.iter().collect();
    roles.sort_by_cached_key(|r| r.name.to_lowercase());
    let mut out = vec![none()];
    out.extend(roles.into_iter().map(|r| Choice {
        id: Some(r.id),
        label: inert(&r.name).into_owned(),
    }));
    out
}

/// A form for a new person (`id` `None`) or for editing one; `team` preselects a team for
/// a new person (the team People is narrowed to).
pub fn form(data: &Data, id: Option<Id>, team: Option<Id>) -> Form {
    let p = id
        .and_then(|id| data.org.people.iter().find(|p| p.id == id))
        .cloned()
        .unwrap_or(Person {
            team_id: team,
            ..Person::default()
        });
    let title = match id {
        Some(_) => format!("Edit {}", inert(&p.name)),
        None => "New person".to_string(),
    };
    Form::new(
        Kind::Person(id),
        title,
        vec![
            Field::text("Name", p.name.clone()),
            Field::text("Email", p.email.clone().unwrap_or_default()),
            Field::pick("Team", team_choices(data), p.team_id).creating("team"),
            Field::pick("Role", role_choices(data), p.role_id).creating("role"),
            Field::text(
                "Joined on",
                p.joined_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
            Field::toggle("Archived", p.archived),
        ],
    )
}

pub fn validate(f: &mut Form, id: Option<Id>, data: &Data) -> Option<Person> {
    let others = || data.org.people.iter().filter(|p| Some(p.id) != id);
    let name = validate::required(f.fields[NAME].value()).map(str::to_string);
    let name = f.check(NAME, name);
    let email = match validate::optional(f.fields[EMAIL].value()) {
        None => Ok(None),
        Some(e) => validate::email(e).and_then(|e| {
            if others().any(|p| {
                p.email
                    .as_deref()
                    .is_some_and(|o| o.trim().eq_ignore_ascii_case(e))
            }) {
                Err("another person has this email".into())
            } else {
                Ok(Some(e.to_string()))
            }
        }),
    };
    let email = f.check(EMAIL, email);
    let joined = match validate::optional(f.fields[JOINED].value()) {
        None => Ok(None),
        Some(d) => validate::date(d, data.today).map(Some),
    };
    let joined = f.check(JOINED, joined);
    Some(Person {
        id: id.unwrap_or(0),
        name: name?,
        email: email?,
        team_id: f.fields[TEAM].picked(),
        role_id: f.fields[ROLE].picked(),
        joined_on: joined?,
        archived: f.fields[ARCHIVED].on(),
    })
}
