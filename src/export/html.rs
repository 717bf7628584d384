//! HTML: one self-contained page (inline CSS, no script, nothing fetched) with the same
//! content as the Markdown, a people x skills heatmap and bar charts. Every value is
//! escaped with `html()`, attributes included.

use super::Document;
use super::escape::html as h;
use super::md::{level, overestimation};
use super::model::PersonDoc;
use super::stream::{Parts, People};
use crate::metrics::percent;
use std::fmt::Write;

const STYLE: &str = r#"
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1c1c1c;margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}h3{margin-bottom:.3rem}
.muted{color:#666}table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #d0d0d0;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.n{text-align:right}
.kpis{display:flex;flex-wrap:wrap;gap:.6rem}.kpi{border:1px solid #d0d0d0;border-radius:6px;padding:.5rem .8rem;min-width:9rem}
.kpi b{display:block;font-size:1.4rem}
.bar{display:flex;align-items:center;gap:.5rem;margin:.15rem 0}.bar .l{width:20rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar .t{flex:1;background:#eee;height:.9rem;border-radius:3px}.bar .f{height:100%;background:#3b6ea8;border-radius:3px}
.bar .v{width:4rem;text-align:right}
.heat th.sk{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:.8rem;white-space:nowrap}
.heat td{text-align:center;font-size:.8rem;min-width:1.6rem}
.g0{background:#b9e3bd}.g1{background:#fff3a6}.g2{background:#ffc98a}.g3{background:#f19a9a}
.na{background:repeating-linear-gradient(45deg,#f19a9a,#f19a9a 3px,#fbe0e0 3px,#fbe0e0 6px)}
.nt{background:#f7f7f7}.stale{font-style:italic;text-decoration:underline dotted}
.legend span{display:inline-block;padding:0 .5rem;margin-right:.3rem;border:1px solid #ccc}
.person{break-inside:avoid;page-break-inside:avoid}
.selfr{outline:1px dashed #555;outline-offset:-3px}.selfr sup,.legend sup{font-size:.65rem}
.trend{display:flex;align-items:flex-end;gap:.35rem;height:9rem;margin:.5rem 0 0;border-bottom:1px solid #999;max-width:48rem}
.trend div{flex:1;display:flex;flex-direction:column;justify-content:flex-end;align-items:center;height:100%;font-size:.7rem}
.trend span.c{display:block;width:100%;background:#3b6ea8;border-radius:2px 2px 0 0}.trend span.u{color:#999}
.trendx{display:flex;gap:.35rem;max-width:48rem;font-size:.7rem;color:#666}.trendx span{flex:1;text-align:center}
.overdue{color:#a40000;font-weight:bold}
@media print{body{margin:0;max-width:none;font-size:10pt}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h2{break-after:avoid;page-break-after:avoid}table,.bar,.kpi{break-inside:avoid;page-break-inside:avoid}
.heat{font-size:7pt}}
"#;

fn signed(v: Option<f64>) -> String {
    v.map_or("-".into(), |v| format!("{v:+.1}"))
}

fn bar(o: &mut String, label: &str, title: &str, fraction: f64, value: &str) {
    let w = (fraction.clamp(0.0, 1.0) * 100.0).round();
    let _ = writeln!(
        o,
        r#"<div class="bar"><span class="l" title="{}">{}</span><span class="t"><span class="f" style="display:block;width:{w}%"></span></span><span class="v">{}</span></div>"#,
        h(title),
        h(label),
        h(value)
    );
}

fn gap_class(gap: u8, assessed: bool) -> &'static str {
    match (assessed, gap) {
        (false, _) => "na",
        (true, 0) => "g0",
        (true, 1) => "g1",
        (true, 2) => "g2",
        _ => "g3",
    }
}

pub fn render(doc: &Document) -> String {
    super::stream::to_string(|w| write(w, doc, super::stream::held(doc)))
}

/// Writes the document with `people` as its people (`doc.people` is not read): they are
/// gone through twice, for the heatmap and for their sections.
pub fn write(
    w: &mut dyn std::io::Write,
    doc: &Document,
    people: &dyn People,
) -> std::io::Result<()> {
    let mut parts = Parts::new(w);
    let o = &mut parts.buf;
    let title = format!("AI readiness: {}", doc.scope.label());
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        h(&title)
    );
    let _ = writeln!(o, "<h1>{}</h1>", h(&title));
    let _ = writeln!(
        o,
        "<p class=\"muted\">Generated {} by skillgap. Ratings older than {} days count as stale. {}</p>",
        h(&doc.generated_at),
        doc.stale_after_days,
        if doc.include_private {
            "<strong>Includes private one-on-one notes.</strong>"
        } else {
            "Private one-on-one notes are left out."
        }
    );
    summary(o, doc);
    trend(o, doc);
    overdue(o, doc);
    skill_gaps(o, doc);
    funnel(o, doc);
    heatmap(&mut parts, doc, people)?;
    let o = &mut parts.buf;
    let _ = writeln!(o, "<h2>People</h2>");
    if people.is_empty() {
        let _ = writeln!(o, "<p>Nobody in this scope.</p>");
    }
    parts.flush()?;
    people.each(&mut |p| {
        person(&mut parts.buf, doc, p);
        parts.flush()
    })?;
    parts.buf.push_str("</body>\n</html>\n");
    parts.flush()
}

fn summary(o: &mut String, doc: &Document) {
    let s = &doc.summary;
    let _ = writeln!(o, "<h2>Summary</h2>\n<div class=\"kpis\">");
    let kpis = [
        ("People", s.people.to_string()),
        ("Team readiness", percent(s.readiness)),
        ("At target", percent(s.at_target)),
        ("Training coverage", percent(s.training_coverage)),
        ("Overestimation", signed(s.overestimation)),
        ("Stale assessments", s.stale_assessments.to_string()),
        ("Overdue offers", s.overdue_offers.to_string()),
        ("Manager drift", signed(s.manager_drift)),
    ];
    for (k, v) in kpis {
        let _ = writeln!(o, "<div class=\"kpi\"><b>{}</b>{}</div>", h(&v), h(k));
    }
    let _ = writeln!(
        o,
        "</div>\n<p class=\"muted\">Training coverage: share offered training in the last 365 days. Overestimation: self-rated minus verified level, on average. Manager drift: manager-rated minus verified level, on average. Overdue: offered or enrolled, due before today.</p>"
    );
}

/// The readiness trend as a column chart: 13 points, oldest first, then today.
fn trend(o: &mut String, doc: &Document) {
    let points = &doc.summary.trend;
    if points.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "<h2>Readiness trend</h2>\n<p class=\"muted\">Readiness as of the last day of each month, then today; assessments dated after each point are left out.</p>\n<div class=\"trend\">"
    );
    for p in points {
        let label = percent(p.readiness);
        match p.readiness {
            Some(r) => {
                let hgt = (r.clamp(0.0, 1.0) * 100.0).round();
                let _ = writeln!(
                    o,
                    "<div title=\"{}: {}\">{}<span class=\"c\" style=\"height:{hgt}%\"></span></div>",
                    h(&p.date),
                    h(&label),
                    h(&label)
                );
            }
            None => {
                let _ = writeln!(
                    o,
                    "<div title=\"{}: no readiness\"><span class=\"u\">-</span></div>",
                    h(&p.date)
                );
            }
        }
    }
    o.push_str("</div>\n<div class=\"trendx\">");
    for p in points {
        // "2026-04-30" -> "2026-04"; today keeps its day.
        let short = if std::ptr::eq(p, points.last().unwrap_or(p)) {
            p.date.clone()
        } else {
            p.date.get(..7).unwrap_or(&p.date).to_string()
        };
        let _ = write!(o, "<span>{}</span>", h(&short));
    }
    o.push_str("</div>\n");
}

fn overdue(o: &mut String, doc: &Document) {
    let list = &doc.overdue;
    let _ = writeln!(o, "<h2>Overdue offers ({})</h2>", list.len());
    if list.is_empty() {
        let _ = writeln!(o, "<p>None.</p>");
        return;
    }
    let _ = writeln!(
        o,
        "<table>\n<tr><th>Person</th><th>Training</th><th>Status</th><th>Due</th></tr>"
    );
    for d in list {
        let offer = &d.offer;
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"overdue\">{}</td></tr>",
            h(&d.person),
            h(&offer.training),
            h(offer.status),
            h(offer.due_on.as_deref().unwrap_or("-"))
        );
    }
    let _ = writeln!(o, "</table>");
}

fn skill_gaps(o: &mut String, doc: &Document) {
    let _ = writeln!(o, "<h2>Skill gaps</h2>");
    if doc.skills.is_empty() {
        let _ = writeln!(o, "<p>No targeted skills.</p>");
        return;
    }
    let _ = writeln!(
        o,
        "<p class=\"muted\">Mean gap per skill (0 to 5 levels).</p>"
    );
    for g in &doc.skills {
        bar(
            o,
            &g.name,
            &g.category,
            g.mean_gap / 5.0,
            &format!("{:.1}", g.mean_gap),
        );
    }
    let _ = writeln!(
        o,
        "<table>\n<tr><th>Skill</th><th>Category</th><th>Targeted</th><th>At target</th><th>Below target</th><th>Mean gap</th><th>Levels missing</th><th>Single point of failure</th><th>Overestimation (pairs)</th></tr>"
    );
    for g in &doc.skills {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{:.1}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            h(&g.name),
            h(&g.category),
            g.targeted,
            g.at_target,
            g.below_target,
            g.mean_gap,
            g.levels_missing,
            if g.single_point { "yes" } else { "" },
            h(&overestimation(g.overestimation, g.perception_pairs))
        );
    }
    let _ = writeln!(o, "</table>");
}

fn funnel(o: &mut String, doc: &Document) {
    let f = &doc.funnel;
    let _ = writeln!(o, "<h2>Training funnel</h2>");
    let rows = [
        ("Offered", f.offered),
        ("Enrolled", f.enrolled),
        ("Completed", f.completed),
        ("Declined", f.declined),
        (
            "Completed with verified improvement",
            f.verified_improvement,
        ),
    ];
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    for (label, n) in rows {
        bar(o, label, label, n as f64 / max, &n.to_string());
    }
}

fn heatmap(parts: &mut Parts<'_>, doc: &Document, people: &dyn People) -> std::io::Result<()> {
    if people.is_empty() || doc.skills.is_empty() {
        return Ok(());
    }
    let o = &mut parts.buf;
    let _ = writeln!(
        o,
        "<h2>Heatmap</h2>\n<p class=\"legend\">Current / target per person and skill: <span class=\"g0\">at target</span><span class=\"g1\">1 below</span><span class=\"g2\">2 below</span><span class=\"g3\">3+ below</span><span class=\"na\">not assessed</span><span class=\"nt\">not targeted</span> <span class=\"stale\">stale</span> <span class=\"selfr\">3<sup>s</sup> self-rated (no manager or verified rating)</span></p>"
    );
    let _ = write!(
        o,
        "<table class=\"heat\">\n<tr><th>Person</th><th>Readiness</th>"
    );
    for g in &doc.skills {
        let _ = write!(
            o,
            "<th class=\"sk\" title=\"{}\">{}</th>",
            h(&g.name),
            h(&g.name)
        );
    }
    o.push_str("</tr>\n");
    parts.flush()?;
    people.each(&mut |p| {
        heat_row(&mut parts.buf, doc, p);
        parts.flush()
    })?;
    parts.buf.push_str("</table>\n");
    Ok(())
}

fn heat_row(o: &mut String, doc: &Document, p: &PersonDoc) {
    {
        let _ = write!(
            o,
            "<tr><th title=\"{}\">{}</th><td>{}</td>",
            h(p.team.as_deref().unwrap_or("")),
            h(&p.name),
            h(&percent(p.readiness))
        );
        for g in &doc.skills {
            match p.skills.iter().find(|s| s.key == g.key) {
                None => o.push_str("<td class=\"nt\"></td>"),
                Some(s) => {
                    let cur = s.current.map_or("-".into(), |c| c.to_string());
                    let self_rated = s.source == Some("self");
                    let _ = write!(
                        o,
                        "<td class=\"{}{}{}\" title=\"{}\">{}{}/{}</td>",
                        gap_class(s.gap, s.current.is_some()),
                        if s.stale { " stale" } else { "" },
                        if self_rated { " selfr" } else { "" },
                        h(&format!(
                            "{}: gap {}{}",
                            s.name,
                            s.gap,
                            if self_rated { ", self-rated" } else { "" }
                        )),
                        h(&cur),
                        if self_rated { "<sup>s</sup>" } else { "" },
                        s.target
                    );
                }
            }
        }
        o.push_str("</tr>\n");
    }
}

fn person(o: &mut String, doc: &Document, p: &PersonDoc) {
    let _ = writeln!(o, "<section class=\"person\">\n<h3>{}</h3>", h(&p.name));
    let _ = writeln!(
        o,
        "<p>Email: {} · Team: {} · Role: {} · Readiness: {} · At target: {}</p>",
        h(p.email.as_deref().unwrap_or("-")),
        h(p.team.as_deref().unwrap_or("-")),
        h(p.role.as_deref().unwrap_or("-")),
        h(&percent(p.readiness)),
        h(&percent(p.at_target))
    );
    if let Some(r) = p.readiness {
        bar(o, "Readiness", "Readiness", r, &percent(Some(r)));
    }
    if !p.skills.is_empty() {
        let _ = writeln!(
            o,
            "<table>\n<tr><th>Skill</th><th>Target</th><th>Current</th><th>Source</th><th>Assessed</th><th>Gap</th><th>Stale</th></tr>"
        );
        for s in &p.skills {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                h(&s.name),
                h(&level(doc, s.target)),
                gap_class(s.gap, s.current.is_some()),
                h(&s.current.map_or("not assessed".into(), |c| level(doc, c))),
                h(s.source.unwrap_or("-")),
                h(s.assessed_on.as_deref().unwrap_or("-")),
                s.gap,
                if s.stale { "stale" } else { "" }
            );
        }
        let _ = writeln!(o, "</table>");
    }
    if !p.perception.is_empty() {
        let _ = writeln!(o, "<p>Self-rated vs verified:</p>\n<ul>");
        for x in &p.perception {
            let _ = writeln!(
                o,
                "<li>{}: self {}, verified {} ({:+})</li>",
                h(&x.name),
                x.self_level,
                x.verified,
                x.gap
            );
        }
        let _ = writeln!(o, "</ul>");
    }
    if !p.offers.is_empty() {
        let _ = writeln!(
            o,
            "<table>\n<tr><th>Training offered</th><th>Status</th><th>Offered</th><th>Due</th><th>Completed</th></tr>"
        );
        for x in &p.offers {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                h(&x.training),
                h(x.status),
                if x.overdue {
                    " <span class=\"overdue\">overdue</span>"
                } else {
                    ""
                },
                h(&x.offered_on),
                h(x.due_on.as_deref().unwrap_or("-")),
                h(x.completed_on.as_deref().unwrap_or("-"))
            );
        }
        let _ = writeln!(o, "</table>");
    }
    if !p.recommendations.is_empty() {
        let _ = writeln!(o, "<p>Recommended training:</p>\n<ul>");
        for r in &p.recommendations {
            let _ = writeln!(
                o,
                "<li>{} (for {}, to level {})</li>",
                h(&r.training),
                h(&r.skill_name),
                r.level
            );
        }
        let _ = writeln!(o, "</ul>");
    }
    let actions: Vec<_> = p
        .notes
        .iter()
        .flat_map(|n| n.open_actions.iter().map(move |a| (n, a)))
        .collect();
    if !actions.is_empty() {
        let _ = writeln!(o, "<p>Open action items:</p>\n<ul>");
        for (n, a) in actions {
            let _ = writeln!(
                o,
                "<li>☐ {} ({}{}{})</li>",
                h(a),
                h(&n.date),
                super::escape::by(&n.author, h),
                if n.private { ", private note" } else { "" }
            );
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(o, "</section>");
}
