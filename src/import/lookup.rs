//! In-memory lookups of people, skills, teams, roles and trainings for one import, so a
//! million rows cost a hash lookup each instead of a query each.

use crate::model::Id;
use crate::store::Db;
use crate::store::{Result, people, records, skills, teams};
use crate::text::inert;
use std::collections::HashMap;

/// People by email (case-insensitive) and by exact name.
pub struct People {
    by_email: HashMap<String, Id>,
    by_name: HashMap<String, Vec<Id>>,
    /// Who has no email yet (a file that adds emails can match them by name).
    without_email: std::collections::HashSet<Id>,
}

fn email_key(e: &str) -> String {
    e.trim().to_lowercase()
}

impl People {
    pub fn load(c: &Db) -> Result<Self> {
        let mut me = People {
            by_email: HashMap::new(),
            by_name: HashMap::new(),
            without_email: Default::default(),
        };
        for p in people::list_people(c)? {
            me.add(p.id, &p.name, p.email.as_deref());
        }
        Ok(me)
    }

    pub fn add(&mut self, id: Id, name: &str, email: Option<&str>) {
        match email {
            Some(e) => {
                self.by_email.insert(email_key(e), id);
                self.without_email.remove(&id);
            }
            None => {
                self.without_email.insert(id);
            }
        }
        let ids = self.by_name.entry(name.trim().to_string()).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    pub fn rename(&mut self, id: Id, old: &str, new: &str) {
        if let Some(ids) = self.by_name.get_mut(old.trim()) {
            ids.retain(|&i| i != id);
        }
        self.by_name
            .entry(new.trim().to_string())
            .or_default()
            .push(id);
    }

    pub fn by_email(&self, email: &str) -> Option<Id> {
        self.by_email.get(&email_key(email)).copied()
    }

    /// By exact name: `Ok(None)` when nobody has it, an error when several do.
    pub fn by_name(&self, name: &str) -> std::result::Result<Option<Id>, String> {
        match self.by_name.get(name.trim()).map(Vec::as_slice) {
            None | Some([]) => Ok(None),
            Some([id]) => Ok(Some(*id)),
            Some(ids) => Err(format!(
                "{:?} fits {} people; use their email",
                inert(name),
                ids.len()
            )),
        }
    }

    /// The one person of that name who has no email yet, if exactly one.
    pub fn by_name_without_email(&self, name: &str) -> Option<Id> {
        let ids = self.by_name.get(name.trim())?;
        let free: Vec<Id> = ids
            .iter()
            .copied()
            .filter(|i| self.without_email.contains(i))
            .collect();
        (free.len() == 1 && ids.len() == 1).then(|| free[0])
    }

    /// A person by email, else exact name; the error says what is wrong.
    pub fn resolve(&self, key: &str) -> std::result::Result<Id, String> {
        if let Some(id) = self.by_email(key) {
            return Ok(id);
        }
        self.by_name(key)?
            .ok_or_else(|| format!("no person with email or name {:?}", inert(key)))
    }
}

/// Skills by key, else by name (case-insensitive).
pub struct Skills {
    by_key: HashMap<String, Id>,
    by_name: HashMap<String, Id>,
}

impl Skills {
    pub fn load(c: &Db) -> Result<Self> {
        let all = skills::list_skills(c)?;
        Ok(Skills {
            by_key: all.iter().map(|s| (s.key.clone(), s.id)).collect(),
            by_name: all.iter().map(|s| (s.name.to_lowercase(), s.id)).collect(),
        })
    }

    pub fn resolve(&self, key_or_name: &str) -> std::result::Result<Id, String> {
        let k = key_or_name.trim();
        self.by_key
            .get(k)
            .or_else(|| self.by_name.get(&k.to_lowercase()))
            .copied()
            .ok_or_else(|| format!("no skill with key or name {:?}", inert(k)))
    }
}

/// Names (case-insensitive) of teams or roles, created on demand.
pub struct Named {
    ids: HashMap<String, Id>,
    kind: NamedKind,
}

#[derive(Clone, Copy)]
pub enum NamedKind {
    Team,
    Role,
}

impl Named {
    pub fn load(c: &Db, kind: NamedKind) -> Result<Self> {
        let ids = match kind {
            NamedKind::Team => teams::list_teams(c)?
                .into_iter()
                .map(|t| (t.name.to_lowercase(), t.id))
                .collect(),
            NamedKind::Role => teams::list_roles(c)?
                .into_iter()
                .map(|r| (r.name.to_lowercase(), r.id))
                .collect(),
        };
        Ok(Named { ids, kind })
    }

    /// The id of that name, and whether it was created now.
    pub fn ensure(&mut self, c: &Db, name: &str) -> Result<(Id, bool)> {
        let key = name.trim().to_lowercase();
        if let Some(&id) = self.ids.get(&key) {
            return Ok((id, false));
        }
        let id = match self.kind {
            NamedKind::Team => teams::ensure_team(c, name)?,
            NamedKind::Role => teams::ensure_role(c, name)?,
        };
        self.ids.insert(key, id);
        Ok((id, true))
    }
}

/// Trainings by title (case-insensitive).
pub struct Trainings {
    ids: HashMap<String, Id>,
}

impl Trainings {
    pub fn load(c: &Db) -> Result<Self> {
        Ok(Trainings {
            ids: records::list_trainings(c)?
                .into_iter()
                .map(|t| (t.title.to_lowercase(), t.id))
                .collect(),
        })
    }

    pub fn resolve(&self, title: &str) -> std::result::Result<Id, String> {
        self.ids
            .get(&title.trim().to_lowercase())
            .copied()
            .ok_or_else(|| format!("no training titled {:?}", inert(title.trim())))
    }
}
