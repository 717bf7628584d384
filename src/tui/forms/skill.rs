//! The skill form: key (unique slug), name, category, description, and the rubric line of
//! each level 1..5.

use super::{Field, Form, Kind};
use crate::model::{Id, Skill};
use crate::tui::data::Data;
use crate::validate;

pub const KEY: usize = 0;
pub const NAME: usize = 1;
pub const CATEGORY: usize = 2;
pub const DESCRIPTION: usize = 3;
/// Rubric lines of levels 1..5 follow.
pub const LEVEL1: usize = 4;

const LEVELS: [&str; 5] = ["Level 1", "Level 2", "Level 3", "Level 4", "Level 5"];

pub fn form(data: &Data, id: Option<Id>) -> Form {
    let s = id.and_then(|id| data.skill(id));
    let text = |f: fn(&Skill) -> String| s.map(f).unwrap_or_default();
    let mut fields = vec![
        Field::text("Key", text(|s| s.key.clone())),
        Field::text("Name", text(|s| s.name.clone())),
        Field::text("Category", text(|s| s.category.clone())),
        Field::text("Description", text(|s| s.description.clone())),
    ];
    for (i, label) in LEVELS.iter().enumerate() {
        let line = s.and_then(|s| s.levels.get(i)).cloned().unwrap_or_default();
        fields.push(Field::text(label, line));
    }
    let title = match s {
        Some(s) => format!("Edit skill {}", crate::text::inert(&s.key)),
        None => "New skill".to_string(),
    };
    Form::new(Kind::Skill(id), title, fields)
}

pub fn validate(f: &mut Form, id: Option<Id>, data: &Data) -> Option<Skill> {
    let key = validate::key(f.fields[KEY].value()).and_then(|k| {
        if data
            .org
            .skills
            .iter()
            .any(|s| Some(s.id) != id && s.key == k)
        {
            Err("another skill has this key".into())
        } else {
            Ok(k.to_string())
        }
    });
    let key = f.check(KEY, key);
    let name = validate::required(f.fields[NAME].value()).map(str::to_string);
    let name = f.check(NAME, name);
    let levels = (0..5)
        .map(|i| f.fields[LEVEL1 + i].value().trim().to_string())
        .collect();
    Some(Skill {
        id: id.unwrap_or(0),
        key: key?,
        name: name?,
        category: f.fields[CATEGORY].value().trim().to_string(),
        description: f.fields[DESCRIPTION].value().trim().to_string(),
        levels,
    })
}
