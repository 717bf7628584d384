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
    /// A team by id, sub-teams included (for the TUI, which knows the id).
    TeamId(Id),
    /// A person by id (for the TUI).
    PersonId(Id),
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
            Scope::TeamId(id) => org
                .team(*id)
                .map(|t| Resolved::Team(t.id, t.name.clone()))
                .ok_or_else(|| format!("no team with id {id}")),
            Scope::PersonId(id) => org
                .person(*id)
                .map(|p| Resolved::Person(p.id))
                .ok_or_else(|| format!("no person with id {id}")),
            Scope::Team(name) => org
                .team_by_name(name)
                .map(|t| Resolved::Team(t.id, t.name.clone()))
                .ok_or_else(|| crate::report::no_such_team(org, name)),
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

    /// The part of a suggested file name that names the scope: `everyone`, `team-<name>`
    /// or `person-<email user or name>`.
    pub fn file_stem(&self, org: &Org) -> String {
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
        let person = |p: &crate::model::Person| {
            let id = p.email.as_deref().and_then(|e| e.split('@').next());
            format!("person-{}", slug(id.unwrap_or(&p.name)))
        };
        match self.resolve(org) {
            Ok(Resolved::All) => "everyone".into(),
            Ok(Resolved::Team(_, name)) => format!("team-{}", slug(&name)),
            Ok(Resolved::Person(id)) => org.person(id).map_or_else(|| "person".into(), person),
            Err(_) => match self {
                Scope::Team(t) => format!("team-{}", slug(t)),
                Scope::Person(p) => format!("person-{}", slug(p.split('@').next().unwrap_or(p))),
                _ => "export".into(),
            },
        }
    }
}
