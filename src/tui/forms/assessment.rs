//! The assessment form, opened from a person: skill, level (its rubric line shown as you
//! pick it), source, date (today unless changed), score and max, assessor, evidence.

use super::{Choice, Field, Form, Kind};
use crate::model::{Assessment, Id, Rating, Source};
use crate::text::inert;
use crate::tui::data::Data;
use crate::validate;

pub const SKILL: usize = 0;
pub const LEVEL: usize = 1;
pub const SOURCE: usize = 2;
pub const DATE: usize = 3;
pub const SCORE: usize = 4;
pub const MAX: usize = 5;
pub const ASSESSOR: usize = 6;
pub const EVIDENCE: usize = 7;

/// Skills by category then name, "key · name".
pub fn skill_choices(data: &Data) -> Vec<Choice> {
    data.skill_order
        .iter()
        .filter_map(|&i| data.org.skills.get(i))
        .map(|s| Choice {
            id: Some(s.id),
            label: format!("{} · {}", inert(&s.key), inert(&s.name)),
        })
        .collect()
}

/// "(none)", then every skill: the skill picker of a skill and level line, where "(none)"
/// drops the line.
pub fn skill_choices_or_none(data: &Data) -> Vec<Choice> {
    let mut out = vec![Choice {
        id: None,
        label: "(none)".into(),
    }];
    out.extend(skill_choices(data));
    out
}

/// Levels 1..5 by name, for a target or the level a training brings a learner to.
pub fn level_choices(data: &Data) -> Vec<Choice> {
    (1..=5)
        .map(|l| Choice {
            id: Some(l),
            label: data.level(Some(l as u8)),
        })
        .collect()
}

/// `skill`: the skill to start on (the gap the person view points at), else the first.
pub fn form(data: &Data, person: Id, skill: Option<Id>) -> Form {
    let levels = (0..=5)
        .map(|l| Choice {
            id: Some(l),
            label: data.level(Some(l as u8)),
        })
        .collect();
    let sources = Source::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| Choice {
            id: Some(i as Id),
            label: s.as_str().to_string(),
        })
        .collect();
    let manager = Source::ALL.iter().position(|&s| s == Source::Manager);
    let choices = skill_choices(data);
    let skill = skill.or_else(|| choices.first().and_then(|c| c.id));
    let mut f = Form::new(
        Kind::Assessment { person, id: None },
        format!("New assessment of {}", data.person_name(person)),
        vec![
            Field::pick("Skill", choices, skill),
            Field::pick("Level", levels, Some(0)),
            Field::pick("Source", sources, manager.map(|m| m as Id)),
            Field::text("Date", data.today.to_string()),
            Field::text("Score", ""),
            Field::text("Max score", ""),
            Field::text("Assessor", ""),
            Field::text("Evidence", ""),
        ],
    );
    f.validate(data);
    f
}

/// Correcting an assessment already recorded: every field as it was saved.
pub fn edit_form(data: &Data, a: &Assessment) -> Form {
    let r = &a.rating;
    let mut f = form(data, r.person_id, Some(r.skill_id));
    f.kind = Kind::Assessment {
        person: r.person_id,
        id: Some(r.id),
    };
    f.title = format!(
        "Correct an assessment of {} ({})",
        data.person_name(r.person_id),
        r.assessed_on
    );
    let source = Source::ALL.iter().position(|&s| s == r.source);
    let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    f.fields[LEVEL].select(Some(Id::from(r.level)));
    f.fields[SOURCE].select(source.map(|s| s as Id));
    f.fields[DATE] = Field::text("Date", r.assessed_on.to_string());
    f.fields[SCORE] = Field::text("Score", number(a.score));
    f.fields[MAX] = Field::text("Max score", number(a.max_score));
    f.fields[ASSESSOR] = Field::text("Assessor", a.assessor.clone().unwrap_or_default());
    f.fields[EVIDENCE] = Field::text("Evidence", a.evidence.clone().unwrap_or_default());
    f.validate(data);
    f
}

pub fn validate(f: &mut Form, person: Id, data: &Data) -> Option<Assessment> {
    let skill = f.fields[SKILL].picked();
    let skill = f.check(SKILL, skill.ok_or_else(|| "pick a skill".to_string()));
    let level = f.fields[LEVEL].picked().map(|l| l.to_string());
    let level = f.check(LEVEL, validate::level(level.as_deref().unwrap_or("")));
    // The rubric line of the level being picked, as you pick it.
    if let (Some(s), Some(l)) = (skill.and_then(|s| data.skill(s)), level) {
        let line = match l {
            0 => "not yet".to_string(),
            l => s
                .levels
                .get(usize::from(l) - 1)
                .filter(|t| !t.trim().is_empty())
                .map(|t| inert(t).into_owned())
                .unwrap_or_else(|| "(no rubric line for this level)".into()),
        };
        f.fields[LEVEL].hint = Some(line);
    }
    let source = f.fields[SOURCE]
        .picked()
        .and_then(|i| Source::ALL.get(usize::try_from(i).ok()?).copied());
    let source = f.check(SOURCE, source.ok_or_else(|| "pick a source".to_string()));
    let date = validate::date(f.fields[DATE].value(), data.today);
    let date = f.check(DATE, date);
    let number = |s: &str| validate::optional(s).map(validate::number).transpose();
    let score = number(f.fields[SCORE].value());
    let score = f.check(SCORE, score);
    let max = number(f.fields[MAX].value());
    let max = f.check(MAX, max);
    if let (Some(Some(s)), Some(Some(m))) = (score, max)
        && s > m
    {
        f.check::<()>(SCORE, Err(format!("more than the max ({m})")));
        return None;
    }
    if let (Some(None), Some(Some(_))) = (score, max) {
        f.check::<()>(SCORE, Err("a max needs a score".into()));
        return None;
    }
    let text = |i: usize| validate::optional(f.fields[i].value()).map(str::to_string);
    let (assessor, evidence) = (text(ASSESSOR), text(EVIDENCE));
    Some(Assessment {
        rating: Rating {
            id: 0,
            person_id: person,
            skill_id: skill?,
            level: level?,
            source: source?,
            assessed_on: date?,
        },
        score: score?,
        max_score: max?,
        assessor,
        evidence,
    })
}
