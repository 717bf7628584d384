//! The training form: title (unique), provider, URL, hours, and the skills it develops with
//! the level each is brought to (one skill and level picker pair per line, and a blank line at the end).

use super::{Field, Form, Kind};
use crate::model::{Id, Training};
use crate::text::inert;
use crate::tui::data::Data;
use crate::validate;

pub const TITLE: usize = 0;
pub const PROVIDER: usize = 1;
pub const URL: usize = 2;
pub const HOURS: usize = 3;
/// Pairs of (skill, level) fields follow.
pub const DEVELOPS: usize = 4;

pub fn form(data: &Data, id: Option<Id>) -> Form {
    let t = id.and_then(|id| data.org.training(id));
    let opt = |s: Option<&String>| s.cloned().unwrap_or_default();
    let mut fields = vec![
        Field::text("Title", t.map(|t| t.title.clone()).unwrap_or_default()),
        Field::text("Provider", opt(t.and_then(|t| t.provider.as_ref()))),
        Field::text("URL", opt(t.and_then(|t| t.url.as_ref()))),
        Field::text(
            "Hours",
            t.and_then(|t| t.hours)
                .map(|h| h.to_string())
                .unwrap_or_default(),
        ),
    ];
    let develops = t.map(|t| t.develops.clone()).unwrap_or_default();
    let skills = super::assessment::skill_choices_or_none(data);
    let levels = super::assessment::level_choices(data);
    let pairs = (develops.len() + 1).max(3);
    for i in 0..pairs {
        let (skill, level) = develops
            .get(i)
            .map_or((None, Some(3)), |&(s, l)| (Some(s), Some(Id::from(l))));
        fields.push(Field::pick("Develops", skills.clone(), skill));
        fields.push(Field::pick("  to level", levels.clone(), level));
    }
    let title = match t {
        Some(t) => format!("Edit training {}", inert(&t.title)),
        None => "New training".to_string(),
    };
    Form::new(Kind::Training(id), title, fields)
}

pub fn validate(f: &mut Form, id: Option<Id>, data: &Data) -> Option<Training> {
    let title = validate::unique_name(
        f.fields[TITLE].value(),
        data.org
            .trainings
            .iter()
            .filter(|o| Some(o.id) != id)
            .map(|o| o.title.as_str()),
        "another training has this title",
    );
    let title = f.check(TITLE, title);
    let url = validate::optional(f.fields[URL].value())
        .map(|u| validate::url(u).map(str::to_string))
        .transpose();
    let url = f.check(URL, url);
    let hours = validate::optional(f.fields[HOURS].value())
        .map(validate::number)
        .transpose();
    let hours = f.check(HOURS, hours);
    let mut develops: Vec<(Id, u8)> = Vec::new();
    let mut twice = false;
    let mut i = DEVELOPS;
    while i + 1 < f.fields.len() {
        if let Some(skill) = f.fields[i].picked() {
            let level = f.fields[i + 1].picked().unwrap_or(1).clamp(1, 5) as u8;
            if develops.iter().any(|(s, _)| *s == skill) {
                f.check::<()>(i, Err("listed twice".into()));
                twice = true;
            }
            develops.push((skill, level));
        }
        i += 2;
    }
    if twice {
        return None;
    }
    Some(Training {
        id: id.unwrap_or(0),
        title: title?,
        provider: validate::optional(f.fields[PROVIDER].value()).map(str::to_string),
        url: url?,
        hours: hours?,
        develops,
    })
}
