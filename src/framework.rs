//! Skill frameworks in TOML: the default one embedded in the binary, and user files
//! (`skillgap import framework FILE`). Skills are added or updated by key, roles by name.

use crate::model::{Skill, Target, is_valid_key};
use crate::store::Db;
use crate::store::{Result as StoreResult, StoreError, skills, teams};
use serde::Deserialize;
use std::collections::HashSet;

pub const DEFAULT_FRAMEWORK: &str = include_str!("../assets/frameworks/ai-readiness.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub skills: Vec<SkillDef>,
    #[serde(default)]
    pub roles: Vec<RoleDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillDef {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub levels: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    pub name: String,
    #[serde(default)]
    pub targets: Vec<TargetDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetDef {
    pub skill: String,
    pub level: u8,
    #[serde(default = "default_weight")]
    pub weight: u8,
}

fn default_weight() -> u8 {
    1
}

impl Framework {
    /// Parses and checks a framework; `origin` names the file in messages.
    /// Skill keys used by role targets must be defined in the file or in `known_keys`.
    pub fn parse(text: &str, origin: &str, known_keys: &HashSet<String>) -> Result<Self, String> {
        let fw: Framework = toml::from_str(text).map_err(|e| format!("{origin}: {e}"))?;
        let mut problems = Vec::new();
        let mut keys = HashSet::new();
        for (i, s) in fw.skills.iter().enumerate() {
            let at = format!("{origin}: skills[{i}]");
            if !is_valid_key(&s.key) {
                problems.push(format!(
                    "{at}: key {:?} must use only a-z, 0-9 and '-'",
                    s.key
                ));
            }
            if !keys.insert(s.key.as_str()) {
                problems.push(format!("{at}: key {:?} appears twice", s.key));
            }
            if s.name.trim().is_empty() {
                problems.push(format!("{at}: name is empty"));
            }
            if s.levels.len() > 5 {
                problems.push(format!(
                    "{at}: levels has {} lines; at most 5 (levels 1..5)",
                    s.levels.len()
                ));
            }
        }
        let mut roles = HashSet::new();
        for (i, r) in fw.roles.iter().enumerate() {
            let at = format!("{origin}: roles[{i}] ({:?})", r.name);
            if r.name.trim().is_empty() {
                problems.push(format!("{at}: name is empty"));
            }
            if !roles.insert(r.name.trim().to_lowercase()) {
                problems.push(format!("{at}: role appears twice"));
            }
            for (j, t) in r.targets.iter().enumerate() {
                let at = format!("{at}: targets[{j}]");
                if !keys.contains(t.skill.as_str()) && !known_keys.contains(&t.skill) {
                    problems.push(format!("{at}: unknown skill {:?}", t.skill));
                }
                if !(1..=5).contains(&t.level) {
                    problems.push(format!("{at}: level {} is not in 1..5", t.level));
                }
                if !(1..=3).contains(&t.weight) {
                    problems.push(format!("{at}: weight {} is not in 1..3", t.weight));
                }
            }
        }
        if problems.is_empty() {
            Ok(fw)
        } else {
            Err(problems.join("\n"))
        }
    }

    pub fn default_framework() -> Result<Self, String> {
        Self::parse(DEFAULT_FRAMEWORK, "built-in framework", &HashSet::new())
    }

    /// Writes the framework: skills by key, roles by name, each listed target set.
    pub fn apply(&self, c: &Db) -> StoreResult<()> {
        for s in &self.skills {
            skills::upsert_skill(
                c,
                &Skill {
                    id: 0,
                    key: s.key.clone(),
                    name: s.name.trim().to_string(),
                    category: s.category.trim().to_string(),
                    description: s.description.trim().to_string(),
                    levels: s.levels.clone(),
                },
            )?;
        }
        for r in &self.roles {
            let role = teams::ensure_role(c, &r.name)?;
            for t in &r.targets {
                let skill_id = skills::skill_id(c, &t.skill)?.ok_or_else(|| {
                    StoreError::Invalid(format!("role {:?}: unknown skill {:?}", r.name, t.skill))
                })?;
                teams::set_role_target(
                    c,
                    role,
                    Target {
                        skill_id,
                        level: t.level,
                        weight: t.weight,
                    },
                )?;
            }
        }
        skills::set_framework_name(c, &self.name)
    }
}
