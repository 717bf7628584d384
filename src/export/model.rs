//! The export document: a plain, serialisable summary built once from the metrics. Every
//! format renders from it, so their content cannot diverge. User text is made inert here.
//! Fields marked `serde(skip)` feed the Markdown and HTML views but are not part of the
//! JSON shape the SPEC fixes.

use super::scope::Resolved;
use crate::metrics::{Analysis, Funnel, Org, TeamSummary, funnel, sort_skill_gaps};
use crate::model::{Id, Note, Person};
use crate::text::{inert, inert_multiline};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Document {
    pub generated_at: String,
    pub scope: ScopeInfo,
    pub summary: Summary,
    pub skills: Vec<SkillGapRow>,
    pub people: Vec<PersonDoc>,
    #[serde(skip)]
    pub funnel: Funnel,
    #[serde(skip)]
    pub include_private: bool,
    #[serde(skip)]
    pub stale_after_days: i64,
    #[serde(skip)]
    pub level_names: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScopeInfo {
    /// "all", "team" or "person".
    pub kind: &'static str,
    /// The team's or person's name; `null` for everything.
    pub name: Option<String>,
    /// Whether the team has sub-teams (included in the figures).
    #[serde(skip)]
    pub sub_teams: bool,
}

impl ScopeInfo {
    pub fn label(&self) -> String {
        match (self.kind, &self.name) {
            ("team", Some(n)) if self.sub_teams => format!("team {n} (with sub-teams)"),
            ("team", Some(n)) => format!("team {n}"),
            ("person", Some(n)) => format!("person {n}"),
            _ => "everyone".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    pub people: usize,
    pub readiness: Option<f64>,
    pub at_target: Option<f64>,
    pub training_coverage: Option<f64>,
    pub overestimation: Option<f64>,
    pub stale_assessments: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SkillGapRow {
    pub key: String,
    pub name: String,
    pub category: String,
    pub targeted: usize,
    pub below_target: usize,
    pub mean_gap: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersonDoc {
    pub name: String,
    pub email: Option<String>,
    pub team: Option<String>,
    pub role: Option<String>,
    pub readiness: Option<f64>,
    pub at_target: Option<f64>,
    pub skills: Vec<SkillDoc>,
    pub recommendations: Vec<RecommendationDoc>,
    pub notes: Vec<NoteDoc>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SkillDoc {
    pub key: String,
    pub target: u8,
    pub current: Option<u8>,
    pub source: Option<&'static str>,
    pub assessed_on: Option<String>,
    pub gap: u8,
    pub stale: bool,
    #[serde(skip)]
    pub name: String,
    #[serde(skip)]
    pub category: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecommendationDoc {
    /// Skill key.
    pub skill: String,
    /// Training title.
    pub training: String,
    #[serde(skip)]
    pub skill_name: String,
    #[serde(skip)]
    pub level: u8,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoteDoc {
    pub date: String,
    pub private: bool,
    pub body: String,
    /// Skill keys the note is tagged with.
    pub skills: Vec<String>,
    pub open_actions: Vec<String>,
}

fn text(s: &str) -> String {
    inert(s).into_owned()
}

/// Builds the document for a resolved scope. `notes` must already leave out private notes
/// unless `include_private` (see `store::records::list_notes`); they are filtered again here.
pub fn build(
    org: &Org,
    analysis: &Analysis,
    notes: &[Note],
    scope: &Resolved,
    include_private: bool,
    level_names: &[String],
) -> Document {
    let settings = &analysis.settings;
    let (members, summary, scope_info): (Vec<&Person>, TeamSummary, ScopeInfo) = match scope {
        Resolved::All => (
            org.members(None),
            analysis.team_summary(org, None),
            ScopeInfo {
                kind: "all",
                name: None,
                sub_teams: false,
            },
        ),
        Resolved::Team(id, name) => (
            org.members(Some(*id)),
            analysis.team_summary(org, Some(*id)),
            ScopeInfo {
                kind: "team",
                name: Some(text(name)),
                sub_teams: org.teams.iter().any(|t| t.parent_id == Some(*id)),
            },
        ),
        Resolved::Person(id) => {
            let p = org.person(*id);
            let members: Vec<_> = p.into_iter().collect();
            let summaries: Vec<_> = analysis.person(*id).into_iter().collect();
            let perception: Vec<i32> = analysis
                .perception_of(org, *id)
                .into_iter()
                .map(|(_, g)| g)
                .collect();
            let mut summary =
                TeamSummary::build(&members, &summaries, &perception, &org.offers, settings);
            sort_skill_gaps(&mut summary.skill_gaps, &org.skills);
            (
                members.clone(),
                summary,
                ScopeInfo {
                    kind: "person",
                    name: p.map(|p| text(&p.name)),
                    sub_teams: false,
                },
            )
        }
    };
    let position: HashMap<Id, usize> = org
        .skills
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let skill_key = |id: Id| org.skill(id).map_or_else(|| "?".into(), |s| s.key.clone());
    let skills = summary
        .skill_gaps
        .iter()
        .map(|g| {
            let s = org.skill(g.skill_id);
            SkillGapRow {
                key: skill_key(g.skill_id),
                name: s.map_or_else(String::new, |s| text(&s.name)),
                category: s.map_or_else(String::new, |s| text(&s.category)),
                targeted: g.targeted,
                below_target: g.below_target,
                mean_gap: g.mean_gap,
            }
        })
        .collect();
    let in_scope: std::collections::HashSet<Id> = members.iter().map(|p| p.id).collect();
    let mut notes_of: HashMap<Id, Vec<&Note>> = HashMap::new();
    for n in notes {
        if in_scope.contains(&n.person_id) && (include_private || !n.private) {
            notes_of.entry(n.person_id).or_default().push(n);
        }
    }
    let mut people: Vec<PersonDoc> = members
        .iter()
        .filter_map(|&p| {
            let id = p.id;
            let s = analysis.person(id)?;
            let mut statuses: Vec<_> = s.skills.iter().collect();
            statuses.sort_by_key(|st| position.get(&st.skill_id).copied().unwrap_or(usize::MAX));
            let skills: Vec<SkillDoc> = statuses
                .into_iter()
                .map(|st| {
                    let sk = org.skill(st.skill_id);
                    SkillDoc {
                        key: skill_key(st.skill_id),
                        target: st.target,
                        current: st.current_level(),
                        source: st.current.map(|r| r.source.as_str()),
                        assessed_on: st.current.map(|r| r.assessed_on.to_string()),
                        gap: st.gap,
                        stale: st.stale,
                        name: sk.map_or_else(String::new, |s| text(&s.name)),
                        category: sk.map_or_else(String::new, |s| text(&s.category)),
                    }
                })
                .collect();
            let recommendations = analysis
                .recommendations(org, id)
                .into_iter()
                .filter_map(|r| {
                    Some(RecommendationDoc {
                        skill: skill_key(r.skill_id),
                        training: text(&org.training(r.training_id)?.title),
                        skill_name: org
                            .skill(r.skill_id)
                            .map_or_else(String::new, |s| text(&s.name)),
                        level: r.level,
                    })
                })
                .collect();
            let notes = notes_of
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(|n| NoteDoc {
                    date: n.date.to_string(),
                    private: n.private,
                    body: inert_multiline(&n.body).into_owned(),
                    skills: n.skill_ids.iter().map(|&s| skill_key(s)).collect(),
                    open_actions: n
                        .action_items()
                        .into_iter()
                        .filter(|a| !a.done)
                        .map(|a| text(&a.text))
                        .collect(),
                })
                .collect();
            Some(PersonDoc {
                name: text(&p.name),
                email: p.email.as_deref().map(text),
                team: p.team_id.and_then(|t| org.team(t)).map(|t| text(&t.name)),
                role: p.role_id.and_then(|r| org.role(r)).map(|r| text(&r.name)),
                readiness: s.readiness,
                at_target: s.at_target,
                skills,
                recommendations,
                notes,
            })
        })
        .collect();
    people.sort_by(|a, b| {
        (a.team.as_deref().map(str::to_lowercase), &a.name, &a.email).cmp(&(
            b.team.as_deref().map(str::to_lowercase),
            &b.name,
            &b.email,
        ))
    });
    let offers: Vec<_> = org
        .offers
        .iter()
        .filter(|o| in_scope.contains(&o.person_id))
        .collect();
    Document {
        generated_at: settings.today.to_string(),
        scope: scope_info,
        summary: Summary {
            people: summary.people,
            readiness: summary.readiness,
            at_target: summary.at_target,
            training_coverage: summary.training_coverage,
            overestimation: summary.overestimation,
            stale_assessments: summary.stale,
        },
        skills,
        people,
        funnel: funnel(&offers, &org.trainings, &org.verified_history),
        include_private,
        stale_after_days: settings.stale_after_days,
        level_names: level_names.to_vec(),
    }
}
