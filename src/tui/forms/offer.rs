//! Offers: a new offer (person, training, status, offered on, due on, completed on), and
//! moving an existing offer on: offered -> enrolled -> completed or declined, with
//! completed_on set when it is completed.

use super::{Choice, Field, Form, Kind};
use crate::model::{Id, Offer, OfferStatus};
use crate::text::inert;
use crate::tui::data::Data;
use crate::validate;

pub const PERSON: usize = 0;
pub const TRAINING: usize = 1;
pub const STATUS: usize = 2;
pub const OFFERED: usize = 3;
pub const DUE: usize = 4;
pub const COMPLETED: usize = 5;

/// In the move form.
pub const WHICH: usize = 0;
pub const TO: usize = 1;
pub const ON: usize = 2;

fn status_choices(from: usize) -> Vec<Choice> {
    OfferStatus::ALL
        .iter()
        .enumerate()
        .skip(from)
        .map(|(i, s)| Choice {
            id: Some(i as Id),
            label: s.as_str().to_string(),
        })
        .collect()
}

fn status(i: Option<Id>) -> Option<OfferStatus> {
    OfferStatus::ALL.get(usize::try_from(i?).ok()?).copied()
}

fn training_choices(data: &Data) -> Vec<Choice> {
    let mut t: Vec<_> = data.org.trainings.iter().collect();
    t.sort_by_cached_key(|t| t.title.to_lowercase());
    t.into_iter()
        .map(|t| Choice {
            id: Some(t.id),
            label: inert(&t.title).into_owned(),
        })
        .collect()
}

/// A new offer. `training`: preselected (the first training recommended for the person's
/// gaps, or the training selected on Trainings).
pub fn form(data: &Data, person: Option<Id>, training: Option<Id>) -> Form {
    let title = match person {
        Some(p) => format!("Offer a training to {}", data.person_name(p)),
        None => "New offer".to_string(),
    };
    let mut f = Form::new(
        Kind::Offer(None),
        title,
        vec![
            Field::pick("Person", super::note::person_choices(data), person),
            Field::pick("Training", training_choices(data), training),
            Field::pick("Status", status_choices(0), Some(0)),
            Field::text("Offered on", data.today.to_string()),
            Field::text("Due on", ""),
            Field::text("Completed", ""),
        ],
    );
    f.focus = if person.is_some() { TRAINING } else { PERSON };
    f
}

pub fn validate(f: &mut Form, data: &Data) -> Option<Offer> {
    let person = f.fields[PERSON].picked();
    let person = f.check(PERSON, person.ok_or_else(|| "pick a person".to_string()));
    let training = f.fields[TRAINING].picked();
    let training = f.check(
        TRAINING,
        training.ok_or_else(|| "pick a training".to_string()),
    );
    let st = status(f.fields[STATUS].picked());
    let st = f.check(STATUS, st.ok_or_else(|| "pick a status".to_string()));
    let offered = validate::date(f.fields[OFFERED].value(), data.today);
    let offered = f.check(OFFERED, offered);
    let opt_date = |s: &str| {
        validate::optional(s)
            .map(|d| validate::date(d, data.today))
            .transpose()
    };
    let due = opt_date(f.fields[DUE].value());
    let due = f.check(DUE, due);
    let completed = opt_date(f.fields[COMPLETED].value()).and_then(|c| match (c, st) {
        // Completed without a date: completed today.
        (None, Some(OfferStatus::Completed)) => Ok(Some(data.today)),
        (Some(_), Some(s)) if s != OfferStatus::Completed => Err("only when completed".into()),
        (c, _) => Ok(c),
    });
    let completed = f.check(COMPLETED, completed).and_then(|c| {
        if let (Some(c), Some(o)) = (c, offered) {
            let ok = validate::completed_after(o, c);
            f.check(COMPLETED, ok)?;
        }
        Some(c)
    });
    Some(Offer {
        id: 0,
        person_id: person?,
        training_id: training?,
        status: st?,
        offered_on: offered?,
        due_on: due?,
        completed_on: completed?,
    })
}

/// Editing an offer: every field as saved (a wrong training or date, a status set back).
pub fn edit_form(data: &Data, o: &Offer) -> Form {
    let mut f = form(data, Some(o.person_id), Some(o.training_id));
    f.kind = Kind::Offer(Some(o.id));
    f.title = format!(
        "Edit the offer of {} to {}",
        data.training_title(o.training_id),
        data.person_name(o.person_id)
    );
    let st = OfferStatus::ALL.iter().position(|&s| s == o.status);
    f.fields[STATUS].select(st.map(|s| s as Id));
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    f.fields[OFFERED] = Field::text("Offered on", o.offered_on.to_string());
    f.fields[DUE] = Field::text("Due on", date(o.due_on));
    f.fields[COMPLETED] = Field::text("Completed", date(o.completed_on));
    f.focus = STATUS;
    f.validate(data);
    f
}

/// Moving one of a person's offers on; their open offers (offered, enrolled) first.
/// `offer`: the one to start on (the offer the person view points at).
pub fn move_form(data: &Data, person: Id, offer: Option<Id>) -> Form {
    let mut offers: Vec<&Offer> = data
        .org
        .offers
        .iter()
        .filter(|o| o.person_id == person)
        .collect();
    offers.sort_by_key(|o| {
        (
            !matches!(o.status, OfferStatus::Offered | OfferStatus::Enrolled),
            std::cmp::Reverse(o.offered_on),
        )
    });
    let choices = offers
        .iter()
        .map(|o| Choice {
            id: Some(o.id),
            label: format!(
                "{} · {} {}",
                data.training_title(o.training_id),
                o.status,
                o.offered_on
            ),
        })
        .collect();
    let start = offer.or(offers.first().map(|o| o.id));
    // The usual next step: an enrolled offer is most often completed next.
    let enrolled = offers
        .iter()
        .any(|o| Some(o.id) == start && o.status == OfferStatus::Enrolled);
    let to = if enrolled { 2 } else { 1 };
    Form::new(
        Kind::MoveOffer(person),
        format!("Move an offer of {}", data.person_name(person)),
        vec![
            Field::pick("Offer", choices, start),
            Field::pick("To", status_choices(1), Some(to)),
            Field::text("On", data.today.to_string()),
        ],
    )
}

pub fn validate_move(f: &mut Form, data: &Data) -> Option<Offer> {
    let offer = f.fields[WHICH]
        .picked()
        .and_then(|id| data.org.offers.iter().find(|o| o.id == id));
    let offer = f.check(
        WHICH,
        offer.ok_or_else(|| "no offer to move (o offers a training)".to_string()),
    );
    let to = status(f.fields[TO].picked());
    let to = f.check(TO, to.ok_or_else(|| "pick a status".to_string()));
    let on = validate::date(f.fields[ON].value(), data.today);
    let on = f.check(ON, on);
    let (offer, to, on) = (offer?, to?, on?);
    let allowed = match offer.status {
        OfferStatus::Offered => to != OfferStatus::Offered,
        OfferStatus::Enrolled => matches!(to, OfferStatus::Completed | OfferStatus::Declined),
        OfferStatus::Completed | OfferStatus::Declined => false,
    };
    if !allowed {
        f.check::<()>(TO, Err(format!("cannot go from {} to {to}", offer.status)));
        return None;
    }
    let completed_on = if to == OfferStatus::Completed {
        f.check(ON, validate::completed_after(offer.offered_on, on))?;
        Some(on)
    } else {
        None
    };
    Some(Offer {
        status: to,
        completed_on,
        ..offer.clone()
    })
}
