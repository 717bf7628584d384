//! framework: a TOML file like `assets/frameworks/ai-readiness.toml`. Skills are added or
//! updated by key, roles by name; what is already the same is counted unchanged.

use super::{ImportError, Outcome};
use crate::framework::Framework;
use crate::model::Target;
use crate::store::Db;
use crate::store::{skills, teams};
use std::collections::HashSet;

fn line_of(text: &str, offset: usize) -> u64 {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// The line of the `[[skills]]` or `[[roles]]` table a check message ("skills[2]: ...")
/// is about.
fn table_line(text: &str, message: &str) -> Option<u64> {
    let (table, rest) = if let Some(r) = message.strip_prefix("skills[") {
        ("[[skills]]", r)
    } else {
        ("[[roles]]", message.strip_prefix("roles[")?)
    };
    let n: usize = rest.split(']').next()?.parse().ok()?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(table))
        .nth(n)
        .map(|(i, _)| i as u64 + 1)
}

pub fn import(c: &Db, bytes: &[u8], out: &mut Outcome) -> Result<(), ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            out.problem(line, None, "not valid UTF-8".into());
            return Ok(());
        }
    };
    if text.trim().is_empty() {
        out.problem(1, None, "the file is empty".into());
        return Ok(());
    }
    if let Err(e) = toml::from_str::<Framework>(text) {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        out.problem(line, None, e.message().trim().to_string());
        return Ok(());
    }
    let existing = skills::list_skills(c)?;
    let known: HashSet<String> = existing.iter().map(|s| s.key.clone()).collect();
    let fw = match Framework::parse(text, &out.file, &known) {
        Ok(fw) => fw,
        Err(msg) => {
            for m in msg.lines() {
                let m = m.strip_prefix(&format!("{}: ", out.file)).unwrap_or(m);
                out.problems.push(super::Problem {
                    file: out.file.clone(),
                    line: table_line(text, m),
                    column: None,
                    message: m.to_string(),
                });
            }
            return Ok(());
        }
    };
    out.report.rows = fw.skills.len() + fw.roles.len();
    for s in &fw.skills {
        let mut levels: Vec<String> = s.levels.iter().map(|l| l.trim().to_string()).collect();
        levels.resize(5, String::new());
        match existing.iter().find(|e| e.key == s.key) {
            None => out.added("skills"),
            Some(e)
                if e.name == s.name.trim()
                    && e.category == s.category.trim()
                    && e.description == s.description.trim()
                    && e.levels
                        .iter()
                        .map(|l| l.trim())
                        .eq(levels.iter().map(String::as_str)) =>
            {
                out.report.unchanged += 1;
            }
            Some(_) => out.updated("skills"),
        }
    }
    let roles = teams::list_roles(c)?;
    let targets = teams::role_targets(c)?;
    for r in &fw.roles {
        match roles
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(r.name.trim()))
        {
            None => out.added("roles"),
            Some(role) => {
                let have = targets.get(&role.id).map(Vec::as_slice).unwrap_or_default();
                let same = r.targets.iter().all(|t| {
                    existing.iter().find(|s| s.key == t.skill).is_some_and(|s| {
                        have.contains(&Target {
                            skill_id: s.id,
                            level: t.level,
                            weight: t.weight,
                        })
                    })
                });
                if same {
                    out.report.unchanged += 1;
                } else {
                    out.updated("roles");
                }
            }
        }
    }
    fw.apply(c)?;
    Ok(())
}
