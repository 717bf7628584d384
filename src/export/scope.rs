//! What an export covers: everything, one team with its sub-teams, or one person.

use crate::metrics::Org;
use crate::model::Id;
use crate::text::inert;

/// The scope as the user gives it (names, not ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// A team by name (case-insensitive), sub-teams included.
    Team(String),
    /// A person by email (case-insensitive), else exact name.
    Person(String),
}

/// The scope found in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    All,
    Team(Id, String),
    Person(Id),
}

impl Scope {
    /// Finds the team or person; the error names the option and what was not found.
    pub fn resolve(&self, org: &Org) -> Result<Resolved, String> {
        match self {
            Scope::All => Ok(Resolved::All),
            Scope::Team(name) => org
                .team_by_name(name)
                .map(|t| Resolved::Team(t.id, t.name.clone()))
                .ok_or_else(|| format!("--team: no team named {:?}", inert(name.trim()))),
            Scope::Person(key) => {
                let k = key.trim();
                if let Some(p) = org.people.iter().find(|p| {
                    p.email
                        .as_deref()
                        .is_some_and(|e| e.eq_ignore_ascii_case(k))
                }) {
                    return Ok(Resolved::Person(p.id));
                }
                let named: Vec<Id> = org
                    .people
                    .iter()
                    .filter(|p| p.name == k)
                    .map(|p| p.id)
                    .collect();
                match named.as_slice() {
                    [id] => Ok(Resolved::Person(*id)),
                    [] => Err(format!(
                        "--person: no person with email or name {:?}",
                        inert(k)
                    )),
                    ids => Err(format!(
                        "--person: {:?} fits {} people; use their email",
                        inert(k),
                        ids.len()
                    )),
                }
            }
        }
    }

    /// A file name to suggest for this scope (the TUI's export dialog).
    pub fn file_stem(&self) -> String {
        let slug = |s: &str| {
            let mut out = String::new();
            for c in s.trim().chars() {
                if c.is_alphanumeric() {
                    out.extend(c.to_lowercase());
                } else if !out.ends_with('-') {
                    out.push('-');
                }
            }
            out.trim_matches('-').to_string()
        };
        match self {
            Scope::All => "everyone".into(),
            Scope::Team(t) => format!("team-{}", slug(t)),
            Scope::Person(p) => format!("person-{}", slug(p.split('@').next().unwrap_or(p))),
        }
    }
}
