//! Plain domain types shared by the store, the metrics engine, importers and the TUI.
//! Nothing here knows about SQL or terminals.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub type Id = i64;

/// Where a rating came from. The order of precedence is configurable (see `Config`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    #[serde(rename = "self")]
    SelfRated,
    Manager,
    Verified,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::SelfRated, Source::Manager, Source::Verified];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::SelfRated => "self",
            Source::Manager => "manager",
            Source::Verified => "verified",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Source {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "self" => Ok(Source::SelfRated),
            "manager" => Ok(Source::Manager),
            "verified" => Ok(Source::Verified),
            other => Err(format!(
                "unknown source {other:?} (expected self, manager or verified)"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OfferStatus {
    Offered,
    Enrolled,
    Completed,
    Declined,
}

impl OfferStatus {
    pub const ALL: [OfferStatus; 4] = [
        OfferStatus::Offered,
        OfferStatus::Enrolled,
        OfferStatus::Completed,
        OfferStatus::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OfferStatus::Offered => "offered",
            OfferStatus::Enrolled => "enrolled",
            OfferStatus::Completed => "completed",
            OfferStatus::Declined => "declined",
        }
    }
}

impl fmt::Display for OfferStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OfferStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "offered" => Ok(OfferStatus::Offered),
            "enrolled" => Ok(OfferStatus::Enrolled),
            "completed" => Ok(OfferStatus::Completed),
            "declined" => Ok(OfferStatus::Declined),
            other => Err(format!(
                "unknown status {other:?} (expected offered, enrolled, completed or declined)"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub id: Id,
    pub name: String,
    pub parent_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub id: Id,
    pub name: String,
}

/// A target of a role, or a person's override of one (level 0 removes the role's target).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub skill_id: Id,
    pub level: u8,
    pub weight: u8,
}

/// `Default`: nobody yet (id 0, no name), in no team or role, active.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Person {
    pub id: Id,
    pub name: String,
    pub email: Option<String>,
    pub team_id: Option<Id>,
    pub role_id: Option<Id>,
    pub joined_on: Option<NaiveDate>,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Skill {
    pub id: Id,
    pub key: String,
    pub name: String,
    pub category: String,
    pub description: String,
    /// Rubric lines for levels 1..5; empty strings where none was given.
    pub levels: Vec<String>,
}

/// The part of an assessment the metrics need. `id` orders ties on the same date:
/// the one recorded last (highest id) wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    pub id: Id,
    pub person_id: Id,
    pub skill_id: Id,
    pub level: u8,
    pub source: Source,
    pub assessed_on: NaiveDate,
}

/// A full assessment record, as shown in a person's history or exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub rating: Rating,
    pub score: Option<f64>,
    pub max_score: Option<f64>,
    pub assessor: Option<String>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    pub id: Id,
    pub title: String,
    pub provider: Option<String>,
    pub url: Option<String>,
    pub hours: Option<f64>,
    /// skill id -> the level the training brings a learner to.
    pub develops: Vec<(Id, u8)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub id: Id,
    pub person_id: Id,
    pub training_id: Id,
    pub status: OfferStatus,
    pub offered_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: Id,
    pub person_id: Id,
    pub date: NaiveDate,
    pub body: String,
    pub private: bool,
    pub skill_ids: Vec<Id>,
    /// Who wrote it: the login on a server, the OS user on a file. Set by the store when
    /// the note is added (whatever a new note says here is not stored) and never changed.
    pub author: String,
}

/// An action item parsed from a note body (`- [ ] text` open, `- [x] text` done).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    pub line: usize,
    pub done: bool,
    pub text: String,
}

impl Note {
    pub fn action_items(&self) -> Vec<ActionItem> {
        action_items(&self.body)
    }
}

pub fn action_items(body: &str) -> Vec<ActionItem> {
    body.lines()
        .enumerate()
        .filter_map(|(line, raw)| {
            let (done, text) = action_item(raw)?;
            Some(ActionItem {
                line,
                done,
                text: text.to_string(),
            })
        })
        .collect()
}

/// How many open items `action_items` finds in a body, without copying their text.
pub fn open_action_items(body: &str) -> usize {
    body.lines()
        .filter(|raw| action_item(raw).is_some_and(|(done, _)| !done))
        .count()
}

/// One body line as an action item: (done, text).
fn action_item(raw: &str) -> Option<(bool, &str)> {
    let t = raw.trim_start();
    let rest = t.strip_prefix("- [").or_else(|| t.strip_prefix("* ["))?;
    let mut chars = rest.chars();
    let mark = chars.next()?;
    let after = chars.as_str().strip_prefix(']')?;
    let done = match mark {
        ' ' => false,
        'x' | 'X' => true,
        _ => return None,
    };
    Some((done, after.trim()))
}

/// The body with the action item on `line` marked done (or open again), the rest unchanged.
/// `None` when that line is not an action item.
pub fn toggle_action_item(body: &str, line: usize) -> Option<String> {
    let item = action_items(body).into_iter().find(|a| a.line == line)?;
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in body.split('\n').enumerate() {
        if i == line {
            let indent = raw.len() - raw.trim_start().len();
            let (head, rest) = raw.split_at(indent + 3);
            let mark = if item.done { ' ' } else { 'x' };
            out.push(format!("{head}{mark}{}", &rest[1..]));
        } else {
            out.push(raw.to_string());
        }
    }
    Some(out.join("\n"))
}

/// Parses YYYY-MM-DD strictly.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    if t.len() != 10 {
        return Err(format!("{t:?} is not a date (expected YYYY-MM-DD)"));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| format!("{t:?} is not a date (expected YYYY-MM-DD)"))
}

/// A skill key is a slug: a-z, 0-9 and '-', not starting or ending with '-'.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && !key.starts_with('-')
        && !key.ends_with('-')
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_an_action_item_changes_only_its_mark() {
        let body = "# 1:1\n  - [ ] send the policy\n- [X] book a course\nthanks";
        let done = toggle_action_item(body, 1).unwrap();
        assert_eq!(
            done,
            "# 1:1\n  - [x] send the policy\n- [X] book a course\nthanks"
        );
        assert_eq!(toggle_action_item(&done, 1).unwrap(), body);
        assert_eq!(
            toggle_action_item(body, 2).unwrap(),
            "# 1:1\n  - [ ] send the policy\n- [ ] book a course\nthanks"
        );
        assert_eq!(toggle_action_item(body, 0), None);
        assert_eq!(toggle_action_item(body, 9), None);
    }

    #[test]
    fn action_items_open_and_done() {
        let body = "# 1:1\n- [ ] book course\n- [x] read policy\n- plain bullet\n  - [X] nested done\n- [?] odd";
        let items = action_items(body);
        assert_eq!(items.len(), 3);
        assert_eq!(
            (items[0].done, items[0].text.as_str()),
            (false, "book course")
        );
        assert_eq!((items[1].done, items[1].line), (true, 2));
        assert!(items[2].done);
        assert_eq!(open_action_items(body), 1);
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-02-28").is_ok());
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026-2-3").is_err());
        assert!(parse_date("28/02/2026").is_err());
    }

    #[test]
    fn keys_are_slugs() {
        assert!(is_valid_key("output-validation"));
        assert!(is_valid_key("ai2"));
        assert!(!is_valid_key("Output"));
        assert!(!is_valid_key("-x"));
        assert!(!is_valid_key("a b"));
        assert!(!is_valid_key(""));
    }
}
