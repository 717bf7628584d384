//! The team form: name (unique) and parent team (not itself, not one of its sub-teams).

use super::{Choice, Field, Form, Kind};
use crate::model::Id;
use crate::text::inert;
use crate::tui::data::Data;
use crate::validate;

pub const NAME: usize = 0;
pub const PARENT: usize = 1;

/// `id` and every team below it.
fn subtree(data: &Data, id: Id) -> Vec<Id> {
    let mut out = vec![id];
    let mut i = 0;
    while i < out.len() {
        let p = out[i];
        out.extend(
            data.org
                .teams
                .iter()
                .filter(|t| t.parent_id == Some(p) && !out.contains(&t.id))
                .map(|t| t.id)
                .collect::<Vec<_>>(),
        );
        i += 1;
    }
    out
}

/// A new team (`id` `None`, under `parent`) or editing one.
pub fn form(data: &Data, id: Option<Id>, parent: Option<Id>) -> Form {
    let team = id.and_then(|id| data.org.team(id));
    let excluded = id.map(|id| subtree(data, id)).unwrap_or_default();
    let choices: Vec<Choice> = super::person::team_choices(data)
        .into_iter()
        .filter(|c| c.id.is_none_or(|i| !excluded.contains(&i)))
        .collect();
    let title = match team {
        Some(t) => format!("Edit team {}", inert(&t.name)),
        None => "New team".to_string(),
    };
    Form::new(
        Kind::Team(id),
        title,
        vec![
            Field::text("Name", team.map(|t| t.name.clone()).unwrap_or_default()),
            Field::pick("Parent", choices, team.map_or(parent, |t| t.parent_id)),
        ],
    )
}

pub fn validate(f: &mut Form, id: Option<Id>, data: &Data) -> Option<(String, Option<Id>)> {
    let name = validate::unique_name(
        f.fields[NAME].value(),
        data.org
            .teams
            .iter()
            .filter(|t| Some(t.id) != id)
            .map(|t| t.name.as_str()),
        "another team has this name",
    );
    let name = f.check(NAME, name)?;
    Some((name, f.fields[PARENT].picked()))
}
