//! A person's own targets (overrides of their role's): one skill, level and weight picker per
//! line, and a blank line at the end. Level 0 removes the role's target for that skill.

use super::role::{PER_TARGET, picked_weight, target_fields};
use super::{Choice, Form, Kind};
use crate::model::{Id, Target};
use crate::tui::data::Data;

/// The targets of the person's role.
fn role_targets(data: &Data, person: Id) -> Vec<Target> {
    data.person(person)
        .and_then(|(p, _)| p.role_id)
        .and_then(|r| data.org.role_targets.get(&r))
        .cloned()
        .unwrap_or_default()
}

/// "the role's target: 3, weight 2" under a level picker.
fn role_hint(t: &Target) -> String {
    format!("the role's target: {}, weight {}", t.level, t.weight)
}

/// Triples of (skill, level, weight) fields from the start.
pub fn form(data: &Data, person: Id) -> Form {
    let own: Vec<Target> = data.org.overrides.get(&person).cloned().unwrap_or_default();
    let role = role_targets(data, person);
    let skills = super::assessment::skill_choices_or_none(data);
    let mut levels = vec![Choice {
        id: Some(0),
        label: "0 no target (drops the role's)".to_string(),
    }];
    levels.extend(super::assessment::level_choices(data));
    let mut fields = Vec::new();
    for i in 0..own.len() + 1 {
        let mut line = target_fields(&skills, &levels, own.get(i));
        if let Some(t) = own
            .get(i)
            .and_then(|o| role.iter().find(|t| t.skill_id == o.skill_id))
        {
            line[1].hint = Some(role_hint(t));
        }
        fields.extend(line);
    }
    Form::new(
        Kind::Targets(person),
        format!("Own targets of {}", data.person_name(person)),
        fields,
    )
}

pub fn validate(f: &mut Form, person: Id, data: &Data) -> Option<Vec<Target>> {
    let role = role_targets(data, person);
    let mut out: Vec<Target> = Vec::new();
    let mut twice = false;
    let mut i = 0;
    while i + PER_TARGET <= f.fields.len() {
        if let Some(skill) = f.fields[i].picked() {
            let level = f.fields[i + 1].picked().unwrap_or(0).clamp(0, 5) as u8;
            if let Some(t) = role.iter().find(|t| t.skill_id == skill) {
                f.fields[i + 1].hint = Some(role_hint(t));
            }
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
    (!twice).then_some(out)
}
