//! `skillgap report`: a plain-text summary per team, built from the metrics.

use crate::config::Config;
use crate::metrics::{Analysis, Org, TeamSummary, percent};
use crate::model::{Id, Team};
use crate::text::inert;
use std::fmt::Write;

/// Renders the summary: everyone first, then each team in tree order (or only `team`).
pub fn render(
    org: &Org,
    analysis: &Analysis,
    config: &Config,
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
                .ok_or_else(|| crate::export::no_such_team(org, name))?;
            vec![(Some(t.id), t.name.clone(), 0)]
        }
        None => {
            let mut v = vec![(None, "Everyone".to_string(), 0)];
            tree(&org.teams, None, 0, &mut v);
            v
        }
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
        write_summary(&mut out, &indent, org, &s, analysis, id, config);
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

fn signed(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |v| format!("{v:+.1}"))
}

fn write_summary(
    out: &mut String,
    indent: &str,
    org: &Org,
    s: &TeamSummary,
    analysis: &Analysis,
    team: Option<Id>,
    _config: &Config,
) {
    let _ = writeln!(
        out,
        "{indent}  readiness {}   at target {}   training coverage {}   overestimation {}   stale {}",
        percent(s.readiness),
        percent(s.at_target),
        percent(s.training_coverage),
        signed(s.overestimation),
        s.stale
    );
    let f = analysis.funnel(org, team);
    let _ = writeln!(
        out,
        "{indent}  training: {} offered, {} enrolled, {} completed ({} with verified improvement), {} declined",
        f.offered, f.enrolled, f.completed, f.verified_improvement, f.declined
    );
    // "Largest" means the most levels missing across the team (mean gap x people targeted),
    // so a skill one person lacks badly does not outrank one most of the team lacks.
    let mut gaps: Vec<_> = s.skill_gaps.iter().filter(|g| g.below_target > 0).collect();
    gaps.sort_by(|a, b| {
        let total = |g: &crate::metrics::SkillGap| g.mean_gap * g.targeted as f64;
        total(b)
            .total_cmp(&total(a))
            .then(b.mean_gap.total_cmp(&a.mean_gap))
    });
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
            "{indent}    {name:<width$}  mean gap {:.1}   {} of {} below target",
            g.mean_gap, g.below_target, g.targeted
        );
    }
}
