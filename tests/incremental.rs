//! Edits, deletes, undos and redos applied to the loaded data by reading again only the
//! people they touched give exactly what loading everything gives, after every step.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use skillgap::config::Config;
use skillgap::model::{Assessment, Id, Note, Offer, OfferStatus, Person, Rating, Source, Target};
use skillgap::store::{Change, History, Missing, Store, Touched, people, records, teams};
use skillgap::tui::data::Data;
use std::fmt::Write;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// Everything the app holds and every figure it shows, as text.
fn fingerprint(d: &Data) -> String {
    let o = &d.org;
    let mut out = String::new();
    let mut overrides: Vec<_> = o.overrides.iter().collect();
    overrides.sort_by_key(|(id, _)| **id);
    let mut open: Vec<_> = d.open_items.iter().collect();
    open.sort();
    writeln!(out, "people {:?}", o.people).unwrap();
    writeln!(out, "overrides {overrides:?}").unwrap();
    writeln!(out, "ratings {:?}", o.ratings).unwrap();
    writeln!(out, "verified {:?}", o.verified_history).unwrap();
    writeln!(out, "offers {:?}", o.offers).unwrap();
    writeln!(out, "summaries {:?}", d.analysis.people).unwrap();
    writeln!(out, "rows {:?}", d.people).unwrap();
    writeln!(out, "active {} open {open:?}", d.active).unwrap();
    writeln!(out, "notes {:?}", d.notes).unwrap();
    writeln!(out, "note search {:?}", d.note_search).unwrap();
    for p in &o.people {
        let s = d.person(p.id).map(|(_, s)| s.clone());
        writeln!(
            out,
            "{} {s:?} {:?} {:?}",
            p.id,
            d.analysis.perception_of(o, p.id),
            d.analysis.recommendations(o, p.id)
        )
        .unwrap();
    }
    let scopes = std::iter::once(None).chain(o.teams.iter().map(|t| Some(t.id)));
    // The history the app holds may be more than a fresh load reads (all of a changed
    // person's assessments): what shows is the trend.
    let history = d.history();
    for team in scopes {
        writeln!(
            out,
            "team {team:?} {:?} {:?} {:?}",
            d.analysis.team_summary(o, team),
            d.analysis.funnel(o, team),
            skillgap::metrics::readiness_trend(o, history.as_ref(), team, &d.analysis.settings)
        )
        .unwrap();
    }
    out
}

#[derive(Debug, Clone)]
enum Op {
    AddAssessment {
        p: usize,
        s: usize,
        level: u8,
        source: u8,
        day: u16,
    },
    DeleteAssessment {
        p: usize,
        k: usize,
    },
    AddOffer {
        p: usize,
        t: usize,
        status: u8,
        day: u16,
    },
    EditOffer {
        k: usize,
        status: u8,
    },
    DeleteOffer {
        k: usize,
    },
    AddNote {
        p: usize,
        open: bool,
        private: bool,
        day: u16,
    },
    EditNote {
        k: usize,
        p: usize,
    },
    DeleteNote {
        k: usize,
    },
    EditPerson {
        p: usize,
        name: u8,
        archived: bool,
        role: usize,
    },
    AddPerson {
        name: u8,
        role: usize,
    },
    DeletePerson {
        p: usize,
    },
    SetOverride {
        p: usize,
        s: usize,
        level: u8,
    },
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..1000;
    prop_oneof![
        4 => (n.clone(), n.clone(), 0u8..6, 0u8..3, 0u16..900).prop_map(|(p, s, level, source, day)| Op::AddAssessment { p, s, level, source, day }),
        2 => (n.clone(), n.clone()).prop_map(|(p, k)| Op::DeleteAssessment { p, k }),
        2 => (n.clone(), n.clone(), 0u8..4, 0u16..900).prop_map(|(p, t, status, day)| Op::AddOffer { p, t, status, day }),
        1 => (n.clone(), 0u8..4).prop_map(|(k, status)| Op::EditOffer { k, status }),
        1 => n.clone().prop_map(|k| Op::DeleteOffer { k }),
        2 => (n.clone(), any::<bool>(), any::<bool>(), 0u16..900).prop_map(|(p, open, private, day)| Op::AddNote { p, open, private, day }),
        1 => (n.clone(), n.clone()).prop_map(|(k, p)| Op::EditNote { k, p }),
        1 => n.clone().prop_map(|k| Op::DeleteNote { k }),
        2 => (n.clone(), 0u8..6, any::<bool>(), n.clone()).prop_map(|(p, name, archived, role)| Op::EditPerson { p, name, archived, role }),
        1 => (0u8..6, n.clone()).prop_map(|(name, role)| Op::AddPerson { name, role }),
        1 => n.clone().prop_map(|p| Op::DeletePerson { p }),
        2 => (n.clone(), n.clone(), 0u8..6).prop_map(|(p, s, level)| Op::SetOverride { p, s, level }),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
    ]
}

const NAMES: [&str; 6] = ["Ada", "ada", "Zoë", "Bo", "Émile", "Ada"];

fn pick<T: Clone>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()].clone())
}

/// Runs one op as the app would; what it touched, `None` when nothing was written.
fn run(store: &mut Store, history: &mut History, d: &Data, op: &Op) -> Option<Touched> {
    let people: Vec<Person> = d.org.people.clone();
    let skills: Vec<Id> = d.org.skills.iter().map(|s| s.id).collect();
    let trainings: Vec<Id> = d.org.trainings.iter().map(|t| t.id).collect();
    let roles: Vec<Id> = d.org.roles.iter().map(|r| r.id).collect();
    let date = |day: u16| today() - Days::new(u64::from(day));
    let edit = |store: &mut Store,
                history: &mut History,
                f: &dyn Fn(&skillgap::store::Db) -> skillgap::store::Result<()>|
     -> Option<Touched> {
        let ((), change) = store.edit("op", f).ok()?;
        let touched = change.as_ref().map(|c: &Change| c.touched().clone());
        history.push(change);
        touched
    };
    match *op {
        Op::AddAssessment {
            p,
            s,
            level,
            source,
            day,
        } => {
            let (p, s) = (pick(&people, p)?, pick(&skills, s)?);
            let a = Assessment {
                rating: Rating {
                    id: 0,
                    person_id: p.id,
                    skill_id: s,
                    level,
                    source: Source::ALL[usize::from(source)],
                    assessed_on: date(day),
                },
                score: None,
                max_score: None,
                assessor: None,
                evidence: None,
            };
            edit(store, history, &|c| {
                records::insert_assessment(c, &a).map(drop)
            })
        }
        Op::DeleteAssessment { p, k } => {
            let p = pick(&people, p)?;
            let h = records::person_history(store.conn(), p.id).unwrap();
            let id = pick(&h, k)?.rating.id;
            edit(store, history, &|c| records::delete_assessment(c, id))
        }
        Op::AddOffer { p, t, status, day } => {
            let o = Offer {
                id: 0,
                person_id: pick(&people, p)?.id,
                training_id: pick(&trainings, t)?,
                status: OfferStatus::ALL[usize::from(status)],
                offered_on: date(day),
                due_on: Some(date(day) + Days::new(60)),
                completed_on: (status == 2).then(|| date(day) + Days::new(30)),
            };
            edit(store, history, &|c| records::insert_offer(c, &o).map(drop))
        }
        Op::EditOffer { k, status } => {
            let mut o = pick(&d.org.offers, k)?;
            o.status = OfferStatus::ALL[usize::from(status)];
            o.completed_on = (status == 2).then_some(o.offered_on + Days::new(10));
            edit(store, history, &|c| records::update_offer(c, &o))
        }
        Op::DeleteOffer { k } => {
            let id = pick(&d.org.offers, k)?.id;
            edit(store, history, &|c| records::delete_offer(c, id))
        }
        Op::AddNote {
            p,
            open,
            private,
            day,
        } => {
            let n = Note {
                id: 0,
                person_id: pick(&people, p)?.id,
                date: date(day),
                body: if open {
                    "Talk\n- [ ] Do ΣΑΣ"
                } else {
                    "Talk\n- [x] Done"
                }
                .into(),
                private,
                skill_ids: skills.iter().take(2).copied().collect(),
                author: String::new(),
            };
            edit(store, history, &|c| records::insert_note(c, &n).map(drop))
        }
        Op::EditNote { k, p } => {
            let mut n = pick(&d.notes, k)?;
            n.person_id = pick(&people, p)?.id;
            n.body.push_str("\n- [ ] more");
            n.skill_ids = skills.iter().skip(1).take(1).copied().collect();
            edit(store, history, &|c| records::update_note(c, &n))
        }
        Op::DeleteNote { k } => {
            let id = pick(&d.notes, k)?.id;
            edit(store, history, &|c| records::delete_note(c, id))
        }
        Op::EditPerson {
            p,
            name,
            archived,
            role,
        } => {
            let mut p = pick(&people, p)?;
            p.name = NAMES[usize::from(name)].into();
            p.archived = archived;
            p.role_id = pick(&roles, role);
            edit(store, history, &|c| people::update_person(c, &p))
        }
        Op::AddPerson { name, role } => {
            let p = Person {
                id: 0,
                name: NAMES[usize::from(name)].into(),
                email: None,
                team_id: d.org.teams.first().map(|t| t.id),
                role_id: pick(&roles, role),
                joined_on: None,
                archived: false,
            };
            edit(store, history, &|c| people::insert_person(c, &p).map(drop))
        }
        Op::DeletePerson { p } => {
            let id = pick(&people, p)?.id;
            edit(store, history, &|c| people::delete_person(c, id).map(drop))
        }
        Op::SetOverride { p, s, level } => {
            let (p, s) = (pick(&people, p)?.id, pick(&skills, s)?);
            let t = Target {
                skill_id: s,
                level,
                weight: 2,
            };
            edit(store, history, &|c| people::set_override(c, p, t))
        }
        Op::Undo => {
            history.undo(store).ok()??;
            history.last_touched(false).cloned()
        }
        Op::Redo => {
            history.redo(store).ok()??;
            history.last_touched(true).cloned()
        }
    }
}

fn demo(dir: &std::path::Path, people: usize) -> Store {
    let mut store = Store::open(&dir.join("t.db"), Missing::Create).unwrap();
    skillgap::demo::generate(&mut store, people, 7, today()).unwrap();
    store
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn applying_what_a_change_touched_gives_what_a_fresh_load_gives(
        ops in proptest::collection::vec(op(), 1..25)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = demo(dir.path(), 12);
        let config = Config::default();
        let mut history = History::default();
        let mut data = Data::load(&store, &config, today()).unwrap();
        data.read_history(&store).unwrap();
        for op in &ops {
            let Some(touched) = run(&mut store, &mut history, &data, op) else {
                continue;
            };
            prop_assert!(touched.people_only(), "{op:?} touched {touched:?}");
            prop_assert!(data.apply(&store, &touched).unwrap(), "{op:?} not applied");
            let fresh = Data::load(&store, &config, today()).unwrap();
            fresh.read_history(&store).unwrap();
            data.read_history(&store).unwrap();
            let (got, want) = (fingerprint(&data), fingerprint(&fresh));
            let first = got.lines().zip(want.lines()).find(|(g, w)| g != w);
            prop_assert!(got == want, "after {op:?}: first difference {first:?}");
        }
    }
}

#[test]
fn a_change_says_which_people_and_tables_it_touched() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), 5);
    let data = Data::load(&store, &Config::default(), today()).unwrap();
    let mut history = History::default();
    let id = data.org.people[1].id;
    let t = run(&mut store, &mut history, &data, &Op::DeletePerson { p: 1 }).unwrap();
    assert!(t.people.contains(&id) && t.people.len() == 1, "{t:?}");
    assert!(
        t.tables.contains("people") && t.tables.contains("assessments"),
        "{t:?}"
    );
    assert!(t.people_only());
    history.undo(&store).unwrap();
    assert_eq!(history.last_touched(false), Some(&t));
    // A team is not a person's own row: the app reads everything again.
    let (_, change) = store
        .edit("team", |c| teams::insert_team(c, "New team", None))
        .unwrap();
    let touched = change.unwrap().touched().clone();
    assert!(!touched.people_only());
    let mut data = data;
    assert!(!data.apply(&store, &touched).unwrap());
}

#[test]
fn another_writer_means_reading_everything_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), 5);
    let mut data = Data::load(&store, &Config::default(), today()).unwrap();
    let other = Store::open(&dir.path().join("t.db"), Missing::Refuse).unwrap();
    other
        .conn()
        .execute(
            "UPDATE people SET name = 'Elsewhere' WHERE id = ?1",
            [data.org.people[0].id],
        )
        .unwrap();
    let mut history = History::default();
    let t = run(
        &mut store,
        &mut history,
        &data,
        &Op::SetOverride {
            p: 2,
            s: 1,
            level: 4,
        },
    )
    .unwrap();
    assert!(!data.apply(&store, &t).unwrap());
}

#[test]
fn edits_applied_before_the_history_arrives_are_in_it_once_it_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), 12);
    let config = Config::default();
    let mut history = History::default();
    let mut data = Data::load(&store, &config, today()).unwrap();
    assert!(data.history_pending() && data.assessors_pending());
    // Read beside, before the edits, as the app's loader may: stale for the people touched.
    let reader = store.reopen().open_reader().unwrap();
    let read = skillgap::tui::data::read_history_from(&reader, &data.analysis.settings).unwrap();
    let ops = [
        Op::AddAssessment {
            p: 1,
            s: 2,
            level: 5,
            source: 1,
            day: 3,
        },
        Op::AddAssessment {
            p: 3,
            s: 0,
            level: 0,
            source: 2,
            day: 1,
        },
        Op::DeleteAssessment { p: 5, k: 0 },
    ];
    for op in &ops {
        let touched = run(&mut store, &mut history, &data, op).unwrap();
        assert!(data.apply(&store, &touched).unwrap(), "{op:?} not applied");
    }
    data.history_arrived(Some(&store), read).unwrap();
    assert!(!data.history_pending() && !data.assessors_pending());
    let fresh = Data::load(&store, &config, today()).unwrap();
    fresh.read_history(&store).unwrap();
    assert_eq!(fingerprint(&data), fingerprint(&fresh));
    assert_eq!(data.assessors.get(), fresh.assessors.get());
}
