//! `skillgap report`: a plain-text summary per team, built from the metrics.

use crate::config::Config;
use crate::metrics::{
    Analysis, AsOf, Org, TeamSummary, TrendPoint, all_trends, by_skill, drift_by_assessor,
    pair_stats, percent, readiness_trend,
};
use crate::model::{Id, Source, Team};
use crate::text::inert;
use std::collections::HashMap;
use std::fmt::Write;

/// What the report reads beyond the org: what the trend needs of the history and the
/// assessors of the latest manager ratings (drift per assessor), as
/// `store::load_trend_levels` and `store::load_manager_assessors` give them.
pub struct Extra<'a> {
    pub history: &'a dyn AsOf,
    pub assessors: &'a crate::metrics::Assessors,
}

/// "--team: no team named "X" (teams: A, B)": the error names the teams there are.
pub fn no_such_team(org: &Org, name: &str) -> String {
    let mut names: Vec<String> = org
        .teams
        .iter()
        .map(|t| inert(&t.name).into_owned())
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    let list = if names.is_empty() {
        "there are no teams".to_string()
    } else {
        format!("teams: {}", names.join(", "))
    };
    format!("--team: no team named {:?} ({list})", inert(name.trim()))
}

/// Reads what the report needs from `store` and renders it (`render`). The history's part
/// (the trend) and the assessors are read on a second connection beside the organisation,
/// from the same snapshot.
pub fn from_store(
    store: &crate::store::Store,
    config: &Config,
    today: chrono::NaiveDate,
    team: Option<&str>,
) -> anyhow::Result<String> {
    let settings = config.settings(today);
    let dates = crate::metrics::trend_dates(today);
    let (org, (history, assessors)) = crate::store::load_org_with(store, |c| {
        (
            crate::store::load_trend_levels(c, &settings.precedence, &dates),
            crate::store::load_manager_assessors(c),
        )
    })?;
    let (history, assessors) = (history?, assessors?);
    let analysis = Analysis::new(&org, settings);
    let extra = Extra {
        history: &history,
        assessors: &assessors,
    };
    render(&org, &analysis, &extra, config, team).map_err(anyhow::Error::msg)
}

/// Renders the summary: everyone first, then each team in tree order (or only `team`).
pub fn render(
    org: &Org,
    analysis: &Analysis,
    extra: &Extra<'_>,
    _config: &Config,
    team: Option<&str>,
) -> Result<String, String> {
    let mut out = String::new();
    let framework = "AI readiness";
    let _ = writeln!(
        out,
        "skillgap report: {framework}, {} (stale after {} days)",
        analysis.settings.today, analysis.settings.stale_after_days
    );
    let scopes: Vec<(Option<Id>, String, usize)> = match team {
        Some(name) => {
            let t = org
                .team_by_name(name)
                .ok_or_else(|| no_such_team(org, name))?;
            vec![(Some(t.id), t.name.clone(), 0)]
        }
        None => {
            let mut v = vec![(None, "Everyone".to_string(), 0)];
            tree(&org.teams, None, 0, &mut v);
            v
        }
    };
    // Every scope's trend in one pass over the people (one scope: only its members).
    let trends: HashMap<Option<Id>, Vec<TrendPoint>> = match team {
        None => all_trends(org, extra.history, &analysis.settings),
        Some(_) => scopes
            .iter()
            .map(|(id, _, _)| {
                let points = readiness_trend(org, extra.history, *id, &analysis.settings);
                (*id, points)
            })
            .collect(),
    };
    for (id, name, depth) in scopes {
        let s = analysis.team_summary(org, id);
        let indent = "  ".repeat(depth);
        let subs = id.map_or(0, |id| {
            org.teams.iter().filter(|t| t.parent_id == Some(id)).count()
        });
        let note = if subs > 0 { ", sub-teams included" } else { "" };
        let _ = writeln!(
            out,
            "\n{indent}{} ({} {}{note})",
            inert(&name),
            s.people,
            if s.people == 1 { "person" } else { "people" }
        );
        let scope = Scope {
            team: id,
            summary: s,
            trend: trends.get(&id).map_or(&[][..], Vec::as_slice),
        };
        write_summary(&mut out, &indent, org, analysis, &scope, extra);
    }
    Ok(out)
}

fn tree(
    teams: &[Team],
    parent: Option<Id>,
    depth: usize,
    out: &mut Vec<(Option<Id>, String, usize)>,
) {
    let mut children: Vec<&Team> = teams.iter().filter(|t| t.parent_id == parent).collect();
    children.sort_by_key(|t| t.name.to_lowercase());
    for t in children {
        out.push((Some(t.id), t.name.clone(), depth));
        if depth < 16 {
            tree(teams, Some(t.id), depth + 1, out);
        }
    }
}

fn pairs(n: usize) -> String {
    format!("{n} {}", if n == 1 { "pair" } else { "pairs" })
}

fn signed(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |v| format!("{v:+.1}"))
}

/// One scope of the report: a team (`None`: everyone), its summary and its trend.
struct Scope<'a> {
    team: Option<Id>,
    summary: TeamSummary,
    trend: &'a [TrendPoint],
}

fn write_summary(
    out: &mut String,
    indent: &str,
    org: &Org,
    analysis: &Analysis,
    scope: &Scope<'_>,
    extra: &Extra<'_>,
) {
    let (s, team) = (&scope.summary, scope.team);
    let _ = writeln!(
        out,
        "{indent}  readiness {}   at target {}   training coverage {}   overestimation {}   stale {}",
        percent(s.readiness),
        percent(s.at_target),
        percent(s.training_coverage),
        signed(s.overestimation),
        s.stale
    );
    let manager = analysis.pairs(org, team, Source::Manager);
    let drift = pair_stats(&manager);
    let _ = writeln!(
        out,
        "{indent}  manager drift {} ({})   overdue offers {}",
        signed(drift.mean),
        pairs(drift.pairs),
        s.overdue_offers
    );
    write_trend(out, indent, scope.trend);
    let f = analysis.funnel(org, team);
    let _ = writeln!(
        out,
        "{indent}  training: {} offered, {} enrolled, {} completed ({} with verified improvement), {} declined",
        f.offered, f.enrolled, f.completed, f.verified_improvement, f.declined
    );
    // In the one skill gap order (levels missing across the team first), as everywhere.
    write_overdue(out, indent, org, analysis, team);
    write_perception(out, indent, org, analysis, team, &manager, extra);
    let spof: Vec<String> = s
        .skill_gaps
        .iter()
        .filter(|g| g.single_point())
        .map(|g| {
            org.skill(g.skill_id)
                .map_or("?".into(), |sk| inert(&sk.name).into_owned())
        })
        .collect();
    let _ = writeln!(
        out,
        "{indent}  single points of failure (one of two or more at target): {}",
        if spof.is_empty() {
            "none".to_string()
        } else {
            spof.join(", ")
        }
    );
    let mut gaps: Vec<_> = s.skill_gaps.iter().filter(|g| g.below_target > 0).collect();
    gaps.truncate(5);
    if gaps.is_empty() {
        let _ = writeln!(out, "{indent}  no skill gaps");
        return;
    }
    let _ = writeln!(
        out,
        "{indent}  largest skill gaps (levels missing across the team):"
    );
    let width = gaps
        .iter()
        .filter_map(|g| org.skill(g.skill_id))
        .map(|sk| inert(&sk.name).chars().count())
        .max()
        .unwrap_or(0);
    for g in gaps {
        let name = org
            .skill(g.skill_id)
            .map_or("?".into(), |sk| inert(&sk.name).into_owned());
        let _ = writeln!(
            out,
            "{indent}    {name:<width$}  {:>3} levels missing   mean gap {:.1}   {} of {} below target, {} at target{}",
            g.levels_missing,
            g.mean_gap,
            g.below_target,
            g.targeted,
            g.at_target(),
            if g.single_point() {
                "   single point of failure"
            } else {
                ""
            }
        );
    }
}

/// The 13 points of the readiness trend, seven to a line.
fn write_trend(out: &mut String, indent: &str, points: &[TrendPoint]) {
    let _ = writeln!(out, "{indent}  readiness trend (month ends, then today):");
    let last = points.len().saturating_sub(1);
    let cells: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let date = p.date.to_string();
            let label = if i == last {
                date
            } else {
                date[..7].to_string()
            };
            format!("{label} {:>4}", percent(p.readiness))
        })
        .collect();
    for line in cells.chunks(7) {
        let _ = writeln!(out, "{indent}    {}", line.join("   "));
    }
}

/// Overdue offers: who, what, how late; the ten most overdue.
fn write_overdue(out: &mut String, indent: &str, org: &Org, analysis: &Analysis, team: Option<Id>) {
    let overdue = analysis.overdue(org, team);
    if overdue.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}  overdue offers (most overdue first):");
    for o in overdue.iter().take(10) {
        let who = org
            .person(o.person_id)
            .map_or("?".into(), |p| inert(&p.name).into_owned());
        let what = org
            .training(o.training_id)
            .map_or("?".into(), |t| inert(&t.title).into_owned());
        let due = o.due_on.map(|d| d.to_string()).unwrap_or_default();
        let _ = writeln!(out, "{indent}    {who}: {what} ({}, due {due})", o.status);
    }
    if overdue.len() > 10 {
        let _ = writeln!(out, "{indent}    … and {} more", overdue.len() - 10);
    }
}

/// Overestimation per skill (the five largest) and manager drift per assessor.
fn write_perception(
    out: &mut String,
    indent: &str,
    org: &Org,
    analysis: &Analysis,
    team: Option<Id>,
    manager: &[crate::metrics::Pair],
    extra: &Extra<'_>,
) {
    let own = analysis.pairs(org, team, Source::SelfRated);
    let per_skill = by_skill(&own);
    if !per_skill.is_empty() {
        let _ = writeln!(
            out,
            "{indent}  overestimation by skill (self minus verified, pairs, two or more above):"
        );
        for sp in per_skill.iter().take(5) {
            let name = org
                .skill(sp.skill_id)
                .map_or("?".into(), |sk| inert(&sk.name).into_owned());
            let _ = writeln!(
                out,
                "{indent}    {name}: {:+.1} ({}, {} two or more above)",
                sp.overestimation,
                pairs(sp.pairs),
                sp.two_or_more.len()
            );
        }
    }
    let per_assessor = drift_by_assessor(manager, |id| extra.assessors.get(id));
    if !per_assessor.is_empty() {
        let rows: Vec<String> = per_assessor
            .iter()
            .take(5)
            .map(|a| {
                format!(
                    "{} {:+.1} ({})",
                    a.assessor.as_deref().map_or("(no assessor)".into(), inert),
                    a.drift,
                    pairs(a.pairs)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "{indent}  manager drift by assessor: {}",
            rows.join(", ")
        );
    }
}
