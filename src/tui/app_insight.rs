//! Keys of issue 10's views: the Perception screen and its pairs, the Team screen's panes
//! and drill-downs, the what-if plan popup (offering one pick or all of them in one change),
//! and the one-on-one view (ticking action items).

use super::app::{App, Popup, Screen};
use super::popups::people_list::PeopleList;
use super::popups::plan::{DEFAULT_BUDGET, PlanPopup};
use super::screens::one_on_one::OneOnOneView;
use super::screens::team::Pane;
use super::widgets::fit;
use super::{data::PersonDetail, insight};
use crate::keymap::Action;
use crate::model::{Id, Offer, OfferStatus};
use crate::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// How much Left/Right (or -/+) change the plan's budget.
const BUDGET_STEP: u32 = 4;

impl App {
    /// Keys the plan popup reads as text (digits type the budget, + and - change it); true
    /// when the key was taken.
    pub(super) fn insight_key(&mut self, key: KeyEvent) -> bool {
        let Some(Popup::Plan(p)) = &mut self.view.popup else {
            return false;
        };
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        let budget = match key.code {
            KeyCode::Char(c @ '0'..='9') => {
                let digit = u32::from(c as u8 - b'0');
                let base = if p.typing { p.budget } else { 0 };
                p.typing = true;
                base.saturating_mul(10).saturating_add(digit).min(100_000)
            }
            KeyCode::Backspace => {
                p.typing = true;
                p.budget / 10
            }
            KeyCode::Char('+') => p.budget.saturating_add(BUDGET_STEP),
            KeyCode::Char('-') => p.budget.saturating_sub(BUDGET_STEP),
            _ => return false,
        };
        if !matches!(key.code, KeyCode::Char('0'..='9') | KeyCode::Backspace) {
            p.typing = false;
        }
        self.set_budget(budget);
        true
    }

    /// Sets the plan's budget and computes the plan again.
    fn set_budget(&mut self, budget: u32) {
        let Some(Popup::Plan(p)) = &mut self.view.popup else {
            return;
        };
        p.budget = budget;
        p.plan = insight::plan(&self.data, p.team, f64::from(budget));
        p.selected = p.selected.min(p.plan.picks.len().saturating_sub(1));
    }

    /// `w`: the what-if plan for the team on screen (the Team screen's team, else the team
    /// People and Matrix are narrowed to, else everyone).
    pub(super) fn open_plan(&mut self) {
        let team = if self.view.screen == Screen::Team {
            self.view.team.selected_team(&self.data)
        } else {
            self.view.scope.as_ref().map(|s| s.team)
        };
        let team_name = match team.and_then(|t| self.data.org.team(t)) {
            Some(t) => crate::text::inert(&t.name).into_owned(),
            None => "Everyone".into(),
        };
        let plan = insight::plan(&self.data, team, f64::from(DEFAULT_BUDGET));
        self.view.popup = Some(Popup::Plan(Box::new(PlanPopup {
            team,
            team_name,
            budget: DEFAULT_BUDGET,
            typing: false,
            plan,
            selected: 0,
        })));
    }

    /// Actions while the plan popup is open.
    pub(super) fn plan_update(&mut self, action: Action) {
        let Some(Popup::Plan(p)) = &mut self.view.popup else {
            return;
        };
        p.typing = false;
        match action {
            Action::Down => p.selected = (p.selected + 1).min(p.plan.picks.len().saturating_sub(1)),
            Action::Up => p.selected = p.selected.saturating_sub(1),
            Action::Top => p.selected = 0,
            Action::Bottom => p.selected = p.plan.picks.len().saturating_sub(1),
            Action::Left => {
                let b = p.budget.saturating_sub(BUDGET_STEP);
                self.set_budget(b);
            }
            Action::Right => {
                let b = p.budget.saturating_add(BUDGET_STEP);
                self.set_budget(b);
            }
            Action::Open => {
                let pick = p.plan.picks.get(p.selected).cloned();
                if let Some(pick) = pick {
                    self.offer_picks(vec![pick]);
                }
            }
            Action::Offer => {
                let picks = p.plan.picks.clone();
                if picks.is_empty() {
                    self.view.status = Some("Nothing to offer: the plan is empty".into());
                } else {
                    self.offer_picks(picks);
                }
            }
            Action::Undo | Action::Redo => {
                self.undo(action == Action::Redo);
                self.replan();
            }
            Action::Back | Action::WhatIf => self.view.popup = None,
            Action::Help => self.view.popup = Some(Popup::Help { scroll: 0 }),
            _ => {}
        }
    }

    /// The plan again on the data as it is now (after offers or an undo).
    fn replan(&mut self) {
        let budget = match &self.view.popup {
            Some(Popup::Plan(p)) => p.budget,
            _ => return,
        };
        self.set_budget(budget);
    }

    /// Offers each pick today, all in one change (one `u` takes them all back).
    fn offer_picks(&mut self, picks: Vec<insight::Pick>) {
        let today = self.data.today;
        let offers: Vec<Offer> = picks
            .iter()
            .map(|k| Offer {
                id: 0,
                person_id: k.person,
                training_id: k.training,
                status: OfferStatus::Offered,
                offered_on: today,
                due_on: None,
                completed_on: None,
            })
            .collect();
        let label = match picks.as_slice() {
            [one] => format!("offer {} to {}", one.title, one.name),
            many => format!("offer the what-if plan ({} trainings)", many.len()),
        };
        let result = self.run_change(label.clone(), |c| {
            for o in &offers {
                store::records::insert_offer(c, o)?;
            }
            Ok(())
        });
        match result {
            Ok(()) => {
                self.replan();
                self.view.status = Some(format!(
                    "Done: {} · {} undoes",
                    crate::text::inert(&label),
                    self.keymap.label(Action::Undo)
                ));
            }
            Err(e) => self.view.status = Some(format!("Not offered: {e}")),
        }
    }

    /// Actions while a people list is open: move, Enter opens the person.
    pub(super) fn people_list_update(&mut self, action: Action) {
        let Some(Popup::People(list)) = &mut self.view.popup else {
            return;
        };
        match action {
            Action::Down => list.move_by(1),
            Action::Up => list.move_by(-1),
            Action::PageDown => list.move_by(10),
            Action::PageUp => list.move_by(-10),
            Action::Top => list.move_by(isize::MIN / 2),
            Action::Bottom => list.move_by(isize::MAX / 2),
            Action::Open => {
                if let Some(id) = list.current() {
                    self.view.popup = None;
                    self.open_person(id);
                }
            }
            Action::Back => self.view.popup = None,
            _ => {}
        }
    }

    /// Enter on the Perception screen or on a Team pane other than the picker; false when
    /// it is not for these.
    pub(super) fn open_insight(&mut self) -> bool {
        match self.view.screen {
            Screen::Perception => {
                let pv = &self.view.perception;
                let Some(skill) = pv.current() else {
                    return true;
                };
                let rows = super::screens::perception::pair_rows(&self.data, &pv.panel, skill);
                let title = format!(
                    "{} · {} · self vs verified ({:+.1})",
                    skill.name, pv.panel.team_name, skill.overestimation
                );
                let header = format!(
                    "{} {:>3}   {:<12}   verified",
                    fit("Person", 24),
                    "gap",
                    "self"
                );
                self.view.popup = Some(Popup::People(PeopleList::new(title, header, rows)));
                true
            }
            Screen::Team => {
                let v = &self.view.team;
                let p = &v.panel;
                match v.focus {
                    Pane::Teams => false,
                    Pane::Gaps => {
                        if let Some(g) = p.gaps.get(v.gap_sel) {
                            let skill = g.skill_id;
                            let rows: Vec<(Id, String)> = self
                                .data
                                .analysis
                                .below_target(&self.data.org, p.team, skill)
                                .into_iter()
                                .filter_map(|(m, gap)| {
                                    let s = self.data.analysis.person(m.id)?.skill(skill)?;
                                    let cur = s.current.map_or("not assessed".to_string(), |c| {
                                        format!("{} ({}, {})", c.level, c.source, c.assessed_on)
                                    });
                                    Some((
                                        m.id,
                                        format!(
                                            "{} gap {gap}  target {}  now {cur}",
                                            fit(&crate::text::inert(&m.name), 24),
                                            s.target
                                        ),
                                    ))
                                })
                                .collect();
                            let title = format!(
                                "Below target in {} ({})",
                                self.data.skill_name(skill),
                                rows.len()
                            );
                            self.view.popup = Some(Popup::People(PeopleList::new(title, "", rows)));
                        }
                        true
                    }
                    Pane::NoOffer | Pane::NeverOffered => {
                        let (list, at) = if v.focus == Pane::NoOffer {
                            (&p.no_offer, v.no_offer_sel)
                        } else {
                            (&p.never_offered, v.never_sel)
                        };
                        if let Some(&(id, _)) = list.get(at) {
                            self.open_person(id);
                        }
                        true
                    }
                }
            }
            _ => false,
        }
    }

    /// `O`: the one-on-one view of the person the screen points at (an open person, the
    /// selected row of People or Matrix, the selected note's person on Notes).
    pub(super) fn open_one_on_one(&mut self) {
        let person = self
            .current_person()
            .or_else(|| self.current_note().map(|n| n.person_id));
        let Some(id) = person else {
            self.view.status = Some(format!(
                "{} opens a person's one-on-one: select one on People or Notes, or open one",
                self.keymap.label(Action::OneOnOne)
            ));
            return;
        };
        let history = match &self.store {
            Some(store) => match PersonDetail::load(store, id) {
                Ok(d) => d.history,
                Err(e) => {
                    self.view.status = Some(format!("{e:#}"));
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        self.view.one_on_one = Some(OneOnOneView::new(&self.data, id, history));
    }

    /// Actions in the one-on-one view; false leaves them to the rest of `update`.
    pub(super) fn one_on_one_action(&mut self, action: Action) -> bool {
        let Some(v) = &mut self.view.one_on_one else {
            return false;
        };
        match action {
            Action::Down => v.move_by(1),
            Action::Up => v.move_by(-1),
            Action::Top => v.move_by(isize::MIN / 2),
            Action::Bottom => v.move_by(isize::MAX / 2),
            Action::ToggleDone => match v.item() {
                Some((note, line)) => self.toggle_item(note, line),
                None => self.view.status = Some("No open action items".into()),
            },
            Action::Open => {
                let id = v.person;
                self.view.one_on_one = None;
                if self.view.person.as_ref().map(|p| p.detail.id) != Some(id) {
                    self.open_person(id);
                }
            }
            Action::OneOnOne => {}
            _ => return false,
        }
        true
    }

    /// `u` in the review sweep: takes back the last rating it recorded and steps back to it.
    pub(super) fn sweep_undo(&mut self) {
        let Some(Popup::Sweep(sweep)) = &mut self.view.popup else {
            return;
        };
        let Some(at) = sweep.recorded.pop() else {
            self.view.status = Some("Nothing recorded in this sweep to take back".into());
            return;
        };
        sweep.index = at;
        sweep.saved = sweep.saved.saturating_sub(1);
        let popup = self.view.popup.take();
        self.undo(false);
        // The reload keeps the sweep open where it was.
        self.view.popup = popup;
    }
}
