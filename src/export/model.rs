//! The export document: a plain, serialisable summary built once from the metrics. Every
//! format renders from it, so their content cannot diverge. User text is made inert here.
//! Fields marked `serde(skip)` feed the Markdown and HTML views but are not part of the
//! JSON shape the SPEC fixes.

use super::scope::Resolved;
use crate::metrics::{
    Analysis, AsOf, Funnel, Org, TeamSummary, by_skill, funnel, is_overdue, pair_stats, pairs_of,
    recommendations, sort_skill_gaps, team_trend, trend_dates,
};
use crate::model::{Id, Note, Person, Source};
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
    /// Every overdue offer of the people, most overdue first (then by name).
    #[serde(skip)]
    pub overdue: Vec<OverdueDoc>,
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
    /// Offers of the people in scope that are overdue (see `metrics::is_overdue`).
    pub overdue_offers: usize,
    /// Mean of latest manager level minus latest verified level over the pairs in scope.
    pub manager_drift: Option<f64>,
    /// Readiness as of the last day of each of the 12 months before this one, then today.
    pub trend: Vec<TrendPointDoc>,
    /// Pairs behind `overestimation` and `manager_drift`.
    #[serde(skip)]
    pub perception_pairs: usize,
    #[serde(skip)]
    pub manager_pairs: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TrendPointDoc {
    pub date: String,
    pub readiness: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SkillGapRow {
    pub key: String,
    pub name: String,
    pub category: String,
    pub targeted: usize,
    pub below_target: usize,
    pub mean_gap: f64,
    /// Mean perception gap (self minus verified) of this skill's pairs; `null` without any.
    pub overestimation: Option<f64>,
    /// Members targeted whose current level is at or above target.
    pub at_target: usize,
    /// Two or more members targeted and exactly one of them at target.
    pub single_point: bool,
    #[serde(skip)]
    pub levels_missing: u64,
    #[serde(skip)]
    pub perception_pairs: usize,
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
    /// Every offer of the person, oldest first.
    pub offers: Vec<OfferDoc>,
    /// Every skill with both a self and a verified assessment (latest of each).
    pub perception: Vec<PerceptionDoc>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OfferDoc {
    /// Training title.
    pub training: String,
    pub status: &'static str,
    pub offered_on: String,
    pub due_on: Option<String>,
    pub completed_on: Option<String>,
    pub overdue: bool,
}

/// An overdue offer with the name of its person.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueDoc {
    pub person: String,
    pub offer: OfferDoc,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PerceptionDoc {
    /// Skill key.
    pub key: String,
    #[serde(rename = "self")]
    pub self_level: u8,
    pub verified: u8,
    /// Self minus verified: positive when the person rates themselves higher.
    pub gap: i32,
    #[serde(skip)]
    pub name: String,
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
    /// Who wrote it (the login on a server, the OS user on a file): a shared summary
    /// says whose note an action item comes from.
    pub author: String,
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
    history: &dyn AsOf,
    notes: &[Note],
    scope: &Resolved,
    include_private: bool,
    level_names: &[String],
) -> Document {
    let streamed = prepare(
        org,
        analysis,
        history,
        notes,
        scope,
        include_private,
        level_names,
    );
    let people = streamed.people().collect();
    Document {
        people,
        ..streamed.header
    }
}

/// A document whose people are made one at a time, in the document's order, each when it
/// is written (see `Streamed::people`): `header` is the document without them. Its people
/// are exactly those `build` puts in the whole document.
pub struct Streamed<'a> {
    pub header: Document,
    parts: PersonParts<'a>,
    /// The people of the scope, in the document's order.
    members: Vec<&'a Person>,
}

impl Streamed<'_> {
    /// The people's parts of the document, in order, made as they are asked for.
    pub fn people(&self) -> impl Iterator<Item = PersonDoc> + '_ {
        self.members.iter().filter_map(|p| self.parts.person(p))
    }

    /// How many people the document holds.
    pub fn len(&self) -> usize {
        self.members
            .iter()
            .filter(|p| self.parts.analysis.person(p.id).is_some())
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What making one person's part of the document needs, found once for all of them.
struct PersonParts<'a> {
    org: &'a Org,
    analysis: &'a Analysis,
    /// Each skill's place in the framework.
    position: HashMap<Id, usize>,
    skills: HashMap<Id, &'a crate::model::Skill>,
    teams: HashMap<Id, &'a str>,
    roles: HashMap<Id, &'a str>,
    trainings: HashMap<Id, &'a str>,
    /// Each person's offers, oldest first.
    offers_of: HashMap<Id, Vec<&'a crate::model::Offer>>,
    /// The notes of the people in scope that the document includes.
    notes_of: HashMap<Id, Vec<&'a Note>>,
}

impl<'a> PersonParts<'a> {
    fn skill_key(&self, id: Id) -> String {
        self.skills
            .get(&id)
            .map_or_else(|| "?".into(), |s| s.key.clone())
    }

    fn skill_name(&self, id: Id) -> String {
        self.skills
            .get(&id)
            .map_or_else(String::new, |s| text(&s.name))
    }

    fn team(&self, p: &Person) -> Option<String> {
        p.team_id.and_then(|t| self.teams.get(&t)).map(|t| text(t))
    }

    fn offers(&self, p: &Person) -> Vec<OfferDoc> {
        let today = self.analysis.settings.today;
        self.offers_of
            .get(&p.id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|o| OfferDoc {
                training: self
                    .trainings
                    .get(&o.training_id)
                    .map_or_else(String::new, |t| text(t)),
                status: o.status.as_str(),
                offered_on: o.offered_on.to_string(),
                due_on: o.due_on.map(|d| d.to_string()),
                completed_on: o.completed_on.map(|d| d.to_string()),
                overdue: is_overdue(o, today),
            })
            .collect()
    }

    fn person(&self, p: &Person) -> Option<PersonDoc> {
        let (org, analysis) = (self.org, self.analysis);
        let id = p.id;
        let s = analysis.person(id)?;
        let mut statuses: Vec<_> = s.skills.iter().collect();
        statuses.sort_by_key(|st| {
            self.position
                .get(&st.skill_id)
                .copied()
                .unwrap_or(usize::MAX)
        });
        let skills: Vec<SkillDoc> = statuses
            .into_iter()
            .map(|st| {
                let sk = self.skills.get(&st.skill_id);
                SkillDoc {
                    key: self.skill_key(st.skill_id),
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
        let own_offers: Vec<&crate::model::Offer> =
            self.offers_of.get(&id).cloned().unwrap_or_default();
        let recommendations = recommendations(&s.skills, &org.trainings, &own_offers)
            .into_iter()
            .filter_map(|r| {
                Some(RecommendationDoc {
                    skill: self.skill_key(r.skill_id),
                    training: text(self.trainings.get(&r.training_id)?),
                    skill_name: self.skill_name(r.skill_id),
                    level: r.level,
                })
            })
            .collect();
        let notes = self
            .notes_of
            .get(&id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|n| NoteDoc {
                date: n.date.to_string(),
                private: n.private,
                author: text(&n.author),
                body: inert_multiline(&n.body).into_owned(),
                skills: n.skill_ids.iter().map(|&s| self.skill_key(s)).collect(),
                open_actions: n
                    .action_items()
                    .into_iter()
                    .filter(|a| !a.done)
                    .map(|a| text(&a.text))
                    .collect(),
            })
            .collect();
        let mut pairs = pairs_of(&org.ratings_of_person(id), Source::SelfRated);
        pairs.sort_by_key(|pr| {
            self.position
                .get(&pr.skill_id)
                .copied()
                .unwrap_or(usize::MAX)
        });
        let perception = pairs
            .iter()
            .map(|pr| PerceptionDoc {
                key: self.skill_key(pr.skill_id),
                self_level: pr.rated.level,
                verified: pr.verified.level,
                gap: pr.gap(),
                name: self.skill_name(pr.skill_id),
            })
            .collect();
        Some(PersonDoc {
            name: text(&p.name),
            email: p.email.as_deref().map(text),
            team: self.team(p),
            role: p.role_id.and_then(|r| self.roles.get(&r)).map(|r| text(r)),
            readiness: s.readiness,
            at_target: s.at_target,
            skills,
            recommendations,
            notes,
            offers: self.offers(p),
            perception,
        })
    }
}

/// Everything of the document but its people, and what makes them one at a time.
pub fn prepare<'a>(
    org: &'a Org,
    analysis: &'a Analysis,
    history: &dyn AsOf,
    notes: &'a [Note],
    scope: &Resolved,
    include_private: bool,
    level_names: &[String],
) -> Streamed<'a> {
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
    let in_scope: std::collections::HashSet<Id> = members.iter().map(|p| p.id).collect();
    let mut offers_of: HashMap<Id, Vec<&crate::model::Offer>> = HashMap::new();
    for o in &org.offers {
        if in_scope.contains(&o.person_id) {
            offers_of.entry(o.person_id).or_default().push(o);
        }
    }
    for offers in offers_of.values_mut() {
        offers.sort_by_key(|o| (o.offered_on, o.id));
    }
    let mut notes_of: HashMap<Id, Vec<&Note>> = HashMap::new();
    for n in notes {
        if in_scope.contains(&n.person_id) && (include_private || !n.private) {
            notes_of.entry(n.person_id).or_default().push(n);
        }
    }
    let parts = PersonParts {
        org,
        analysis,
        position: org
            .skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect(),
        skills: org.skills.iter().map(|s| (s.id, s)).collect(),
        teams: org.teams.iter().map(|t| (t.id, t.name.as_str())).collect(),
        roles: org.roles.iter().map(|r| (r.id, r.name.as_str())).collect(),
        trainings: org
            .trainings
            .iter()
            .map(|t| (t.id, t.title.as_str()))
            .collect(),
        offers_of,
        notes_of,
    };
    // The pairs are counted as they are made, not held (at 100,000 people 1.2 million).
    let pairs = |source| {
        members
            .iter()
            .flat_map(move |p| pairs_of(&org.ratings_of_person(p.id), source))
    };
    let self_skills = by_skill(pairs(Source::SelfRated));
    let self_pairs: usize = self_skills.iter().map(|s| s.pairs).sum();
    let manager_pairs = pair_stats(pairs(Source::Manager));
    let per_skill: HashMap<Id, (f64, usize)> = self_skills
        .into_iter()
        .map(|s| (s.skill_id, (s.overestimation, s.pairs)))
        .collect();
    let skills = summary
        .skill_gaps
        .iter()
        .map(|g| {
            let s = parts.skills.get(&g.skill_id);
            let perception = per_skill.get(&g.skill_id);
            SkillGapRow {
                key: parts.skill_key(g.skill_id),
                name: s.map_or_else(String::new, |s| text(&s.name)),
                category: s.map_or_else(String::new, |s| text(&s.category)),
                targeted: g.targeted,
                below_target: g.below_target,
                mean_gap: g.mean_gap,
                overestimation: perception.map(|p| p.0),
                at_target: g.at_target(),
                single_point: g.single_point(),
                levels_missing: g.levels_missing,
                perception_pairs: perception.map_or(0, |p| p.1),
            }
        })
        .collect();
    // The document's order: by team (ignoring case), name, then email (a stable sort, as
    // the whole document sorted its people).
    let mut ordered = members.clone();
    ordered.sort_by_cached_key(|p| {
        (
            parts.team(p).map(|t| t.to_lowercase()),
            text(&p.name),
            p.email.as_deref().map(text),
        )
    });
    let mut overdue: Vec<OverdueDoc> = ordered
        .iter()
        .filter(|p| analysis.person(p.id).is_some())
        .flat_map(|p| {
            parts
                .offers(p)
                .into_iter()
                .filter(|o| o.overdue)
                .map(|offer| OverdueDoc {
                    person: text(&p.name),
                    offer,
                })
        })
        .collect();
    overdue.sort_by(|a, b| (&a.offer.due_on, &a.person).cmp(&(&b.offer.due_on, &b.person)));
    let offers: Vec<_> = org
        .offers
        .iter()
        .filter(|o| in_scope.contains(&o.person_id))
        .collect();
    let header = Document {
        generated_at: settings.today.to_string(),
        scope: scope_info,
        summary: Summary {
            people: summary.people,
            readiness: summary.readiness,
            at_target: summary.at_target,
            training_coverage: summary.training_coverage,
            overestimation: summary.overestimation,
            stale_assessments: summary.stale,
            overdue_offers: summary.overdue_offers,
            manager_drift: manager_pairs.mean,
            trend: team_trend(
                org,
                history,
                &members,
                settings,
                &trend_dates(settings.today),
            )
            .into_iter()
            .map(|p| TrendPointDoc {
                date: p.date.to_string(),
                readiness: p.readiness,
            })
            .collect(),
            perception_pairs: self_pairs,
            manager_pairs: manager_pairs.pairs,
        },
        skills,
        people: Vec::new(),
        overdue,
        funnel: funnel(&offers, &org.trainings, &org.verified_history),
        include_private,
        stale_after_days: settings.stale_after_days,
        // Config text is user text too: no escapes or bidi controls in any export.
        level_names: level_names.iter().map(|n| inert(n).into_owned()).collect(),
    };
    Streamed {
        header,
        parts,
        members: ordered,
    }
}
