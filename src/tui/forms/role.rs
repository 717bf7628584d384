//! The role form: name (unique) and its targets, one skill and level (1..5) pair per line,
//! one spare.

use super::{Field, Form, Kind};
use crate::model::{Id, Target};
use crate::text::inert;
use crate::tui::data::Data;
use crate::validate;

pub const NAME: usize = 0;
/// Pairs of (skill, level) fields follow.
pub const TARGETS: usize = 1;

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
        let (skill, level) = targets.get(i).map_or((None, Some(3)), |t| {
            (Some(t.skill_id), Some(Id::from(t.level)))
        });
        fields.push(Field::pick("Skill", skills.clone(), skill));
        fields.push(Field::pick("  target", levels.clone(), level));
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
    let old: Vec<Target> = id
        .and_then(|id| data.org.role_targets.get(&id))
        .cloned()
        .unwrap_or_default();
    let mut out: Vec<Target> = Vec::new();
    let mut twice = false;
    let mut i = TARGETS;
    while i + 1 < f.fields.len() {
        if let Some(skill) = f.fields[i].picked() {
            let level = f.fields[i + 1].picked().unwrap_or(1).clamp(1, 5) as u8;
            if out.iter().any(|t| t.skill_id == skill) {
                f.check::<()>(i, Err("listed twice".into()));
                twice = true;
            }
            let weight = old
                .iter()
                .find(|t| t.skill_id == skill)
                .map_or(1, |t| t.weight);
            out.push(Target {
                skill_id: skill,
                level,
                weight,
            });
        }
        i += 2;
    }
    if twice {
        return None;
    }
    Some((name?, out))
}
