//! A person's own targets (overrides of their role's): one skill and level picker pair per
//! line, one spare. Level 0 removes the role's target for that skill.

use super::{Choice, Field, Form, Kind};
use crate::model::{Id, Target};
use crate::tui::data::Data;

/// Pairs of (skill, level) fields from the start.
pub fn form(data: &Data, person: Id) -> Form {
    let own: Vec<Target> = data.org.overrides.get(&person).cloned().unwrap_or_default();
    let role: Vec<Target> = data
        .person(person)
        .and_then(|(p, _)| p.role_id)
        .and_then(|r| data.org.role_targets.get(&r))
        .cloned()
        .unwrap_or_default();
    let skills = super::assessment::skill_choices_or_none(data);
    let mut levels = vec![Choice {
        id: Some(0),
        label: "0 no target (drops the role's)".to_string(),
    }];
    levels.extend(super::assessment::level_choices(data));
    let mut fields = Vec::new();
    for i in 0..own.len() + 1 {
        let (skill, level) = own.get(i).map_or((None, Some(3)), |t| {
            (Some(t.skill_id), Some(Id::from(t.level)))
        });
        fields.push(Field::pick("Skill", skills.clone(), skill));
        let mut lf = Field::pick("  target", levels.clone(), level);
        if let Some(t) = skill.and_then(|s| role.iter().find(|t| t.skill_id == s)) {
            lf.hint = Some(format!("the role's target: {}", t.level));
        }
        fields.push(lf);
    }
    Form::new(
        Kind::Targets(person),
        format!("Own targets of {}", data.person_name(person)),
        fields,
    )
}

pub fn validate(f: &mut Form, person: Id, data: &Data) -> Option<Vec<Target>> {
    let own: Vec<Target> = data.org.overrides.get(&person).cloned().unwrap_or_default();
    let role: Vec<Target> = data
        .person(person)
        .and_then(|(p, _)| p.role_id)
        .and_then(|r| data.org.role_targets.get(&r))
        .cloned()
        .unwrap_or_default();
    let mut out: Vec<Target> = Vec::new();
    let mut twice = false;
    let mut i = 0;
    while i + 1 < f.fields.len() {
        if let Some(skill) = f.fields[i].picked() {
            let level = f.fields[i + 1].picked().unwrap_or(0).clamp(0, 5) as u8;
            if let Some(t) = role.iter().find(|t| t.skill_id == skill) {
                f.fields[i + 1].hint = Some(format!("the role's target: {}", t.level));
            }
            if out.iter().any(|t| t.skill_id == skill) {
                f.check::<()>(i, Err("listed twice".into()));
                twice = true;
            }
            let weight = own
                .iter()
                .chain(role.iter())
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
    (!twice).then_some(out)
}
