//! The role form: name (unique) and its targets, one skill, level (1..5) and weight (1..3)
//! per line, and a blank line at the end (a new one follows once it is used).

use super::{Choice, Field, Form, Kind};
use crate::model::{Id, Target};
use crate::text::inert;
use crate::tui::data::Data;
use crate::validate;

pub const NAME: usize = 0;
/// Triples of (skill, level, weight) fields follow.
pub const TARGETS: usize = 1;
/// Fields per target line: skill, level, weight.
pub const PER_TARGET: usize = 3;

/// Weights 1..3: how much a target counts in readiness.
pub fn weight_choices() -> Vec<Choice> {
    [
        (1, "1 normal"),
        (2, "2 counts double"),
        (3, "3 counts triple"),
    ]
    .into_iter()
    .map(|(id, label)| Choice {
        id: Some(id),
        label: label.to_string(),
    })
    .collect()
}

/// The skill, level and weight fields of one target line (`None`: the spare line).
pub fn target_fields(
    skills: &[Choice],
    levels: &[Choice],
    target: Option<&Target>,
) -> [Field; PER_TARGET] {
    let (skill, level, weight) = target.map_or((None, Some(3), Some(1)), |t| {
        (
            Some(t.skill_id),
            Some(Id::from(t.level)),
            Some(Id::from(t.weight)),
        )
    });
    [
        Field::pick("Skill", skills.to_vec(), skill),
        Field::pick("  target", levels.to_vec(), level),
        Field::pick("  weight", weight_choices(), weight),
    ]
}

/// The weight picked at `field` (1..3; 1 when nothing is picked).
pub fn picked_weight(f: &Form, field: usize) -> u8 {
    f.fields
        .get(field)
        .and_then(|f| f.picked())
        .unwrap_or(1)
        .clamp(1, 3) as u8
}

pub fn form(data: &Data, id: Option<Id>) -> Form {
    let role = id.and_then(|id| data.org.role(id));
    let targets: Vec<Target> = id
        .and_then(|id| data.org.role_targets.get(&id))
        .cloned()
        .unwrap_or_default();
    let skills = super::assessment::skill_choices_or_none(data);
    let levels = super::assessment::level_choices(data);
    let mut fields = vec![Field::text(
        "Name",
        role.map(|r| r.name.clone()).unwrap_or_default(),
    )];
    for i in 0..targets.len() + 1 {
        fields.extend(target_fields(&skills, &levels, targets.get(i)));
    }
    let title = match role {
        Some(r) => format!("Edit role {}", inert(&r.name)),
        None => "New role".to_string(),
    };
    Form::new(Kind::Role(id), title, fields)
}

pub fn validate(f: &mut Form, id: Option<Id>, data: &Data) -> Option<(String, Vec<Target>)> {
    let name = validate::unique_name(
        f.fields[NAME].value(),
        data.org
            .roles
            .iter()
            .filter(|r| Some(r.id) != id)
            .map(|r| r.name.as_str()),
        "another role has this name",
    );
    let name = f.check(NAME, name);
    let mut out: Vec<Target> = Vec::new();
    let mut twice = false;
    let mut i = TARGETS;
    while i + PER_TARGET <= f.fields.len() {
        if let Some(skill) = f.fields[i].picked() {
            let level = f.fields[i + 1].picked().unwrap_or(1).clamp(1, 5) as u8;
            if out.iter().any(|t| t.skill_id == skill) {
                f.check::<()>(i, Err("listed twice".into()));
                twice = true;
            }
            out.push(Target {
                skill_id: skill,
                level,
                weight: picked_weight(f, i + 2),
            });
        }
        i += PER_TARGET;
    }
    if twice {
        return None;
    }
    Some((name?, out))
}
