//! The roles popup (`R`): every role with its number of targets and of active people, the
//! selected role's targets under the list. Enter or `e` edits the selected role, `a` adds
//! one, `d` deletes one (asked first, saying what goes with it), `u`/Ctrl-R undo and redo,
//! Esc closes. A form opened from here comes back here when it closes.

use super::super::app::{App, Pending, Popup};
use super::super::app_write::count;
use super::super::data::Data;
use super::super::forms::{self, Form};
use super::super::widgets::{block, centered, fit, right};
use crate::keymap::Action;
use crate::model::Id;
use crate::store;
use crate::text::inert;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The popup's view state: the selected row (an index into `org.roles`, in name order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolesView {
    pub selected: usize,
}

impl RolesView {
    /// The list with `role` selected (the first row when it is `None` or gone).
    pub fn at(data: &Data, role: Option<Id>) -> RolesView {
        let selected = role
            .and_then(|id| data.org.roles.iter().position(|r| r.id == id))
            .unwrap_or(0);
        RolesView { selected }
    }

    /// The selected role, if any (the selection is kept within the list).
    pub fn role(&self, data: &Data) -> Option<Id> {
        let n = data.org.roles.len();
        data.org
            .roles
            .get(self.selected.min(n.saturating_sub(1)))
            .map(|r| r.id)
    }
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRow {
    pub id: Id,
    /// Made inert.
    pub name: String,
    pub targets: usize,
    /// Active (not archived) people with this role.
    pub people: usize,
}

/// Every role in name order with its counts.
pub fn rows(data: &Data) -> Vec<RoleRow> {
    data.org
        .roles
        .iter()
        .map(|r| RoleRow {
            id: r.id,
            name: inert(&r.name).into_owned(),
            targets: data.org.role_targets.get(&r.id).map_or(0, Vec::len),
            people: data
                .org
                .people
                .iter()
                .filter(|p| !p.archived && p.role_id == Some(r.id))
                .count(),
        })
        .collect()
}

impl App {
    /// `R`: the roles popup, the current person's role selected (when a person is open or
    /// selected).
    pub(crate) fn open_roles(&mut self) {
        let role = self
            .current_person()
            .and_then(|p| self.data.person(p))
            .and_then(|(p, _)| p.role_id);
        self.view.popup = Some(Popup::Roles(RolesView::at(&self.data, role)));
    }

    fn roles_view(&mut self) -> Option<&mut RolesView> {
        match &mut self.view.popup {
            Some(Popup::Roles(v)) => Some(v),
            _ => None,
        }
    }

    /// An action while the roles popup is open.
    pub(crate) fn roles_update(&mut self, action: Action) {
        let n = self.data.org.roles.len();
        let Some(v) = self.roles_view() else {
            return;
        };
        let view = v.clone();
        let moved = |delta: isize| {
            view.selected
                .min(n.saturating_sub(1))
                .saturating_add_signed(delta)
                .min(n.saturating_sub(1))
        };
        match action {
            Action::Down => v.selected = moved(1),
            Action::Up => v.selected = moved(-1),
            Action::PageDown => v.selected = moved(10),
            Action::PageUp => v.selected = moved(-10),
            Action::Top => v.selected = 0,
            Action::Bottom => v.selected = n.saturating_sub(1),
            Action::Back | Action::Role => self.view.popup = None,
            Action::Help => self.view.popup = Some(Popup::Help { scroll: 0 }),
            Action::Open | Action::Edit => match view.role(&self.data) {
                Some(id) => {
                    let form = forms::role::form(&self.data, Some(id));
                    self.open_form_from_roles(form, view);
                }
                None => {
                    self.view.status = Some(format!(
                        "No roles yet: {} adds one",
                        self.keymap.label(Action::Add)
                    ))
                }
            },
            Action::Add => {
                let form = forms::role::form(&self.data, None);
                self.open_form_from_roles(form, view);
            }
            Action::Delete => self.ask_delete_role(&view),
            Action::Undo | Action::Redo => {
                self.undo(action == Action::Redo);
                let n = self.data.org.roles.len();
                if let Some(v) = self.roles_view() {
                    v.selected = v.selected.min(n.saturating_sub(1));
                }
            }
            _ => {}
        }
    }

    /// Opens a role form that returns to the roles popup when it closes.
    fn open_form_from_roles(&mut self, mut form: Form, view: RolesView) {
        form.back_to = Some(Box::new(Popup::Roles(view)));
        self.open_form(form);
    }

    /// `d` in the popup: asks before deleting the selected role, saying what goes with it.
    fn ask_delete_role(&mut self, view: &RolesView) {
        let Some(id) = view.role(&self.data) else {
            return;
        };
        let Some(store) = &self.store else {
            self.view.status = Some("No database to change".into());
            return;
        };
        let deps = match store::teams::role_dependents(store.conn(), id) {
            Ok(d) => d,
            Err(e) => {
                self.view.status = Some(format!("{e:#}"));
                return;
            }
        };
        let name = self
            .data
            .org
            .role(id)
            .map(|r| inert(&r.name).into_owned())
            .unwrap_or_default();
        let message = delete_question(&name, deps, &self.keymap.label(Action::Undo));
        self.confirm_delete(message, Pending::DeleteRole { id, name });
    }

    /// The answer to "Delete role ...?": deletes it (undoably) on yes; either way the roles
    /// popup comes back, the selection where the role was.
    pub(crate) fn answer_delete_role(&mut self, id: Id, name: String, yes: bool) {
        let at = self.data.org.roles.iter().position(|r| r.id == id);
        if yes {
            self.delete(
                format!("delete role {name}"),
                format!("Deleted role {name}"),
                |c| store::teams::delete_role(c, id),
            );
        } else {
            self.view.status = Some("Nothing deleted".into());
        }
        let n = self.data.org.roles.len();
        let selected = at.unwrap_or(0).min(n.saturating_sub(1));
        self.view.popup = Some(Popup::Roles(RolesView { selected }));
    }
}

/// "Delete role Analyst? Its 6 targets go with it; 8 people keep their place without a role.
/// u undoes it in this run."
fn delete_question(name: &str, deps: store::teams::RoleDependents, undo: &str) -> String {
    let targets = match deps.targets {
        0 => "It has no targets".to_string(),
        1 => "Its 1 target goes with it".to_string(),
        n => format!("Its {n} targets go with it"),
    };
    let keep = "without a role";
    let people = match (deps.people, deps.archived) {
        (0, 0) => "nobody has it".to_string(),
        (0, 1) => format!("1 archived person keeps their place {keep}"),
        (0, a) => format!("{a} archived people keep their place {keep}"),
        (1, 0) => format!("1 person keeps their place {keep}"),
        (n, 0) => format!("{n} people keep their place {keep}"),
        (n, a) => format!(
            "{} (and {a} archived) keep their place {keep}",
            count(n, "person", "people")
        ),
    };
    format!("Delete role {name}? {targets}; {people}. {undo} undoes it in this run.")
}

/// Lines under the list for the selected role's targets.
const TARGET_LINES: usize = 3;

/// `head` then `items` joined by ", " in at most `max` lines of `width` columns, lines after
/// the first indented under the first item; what does not fit is counted ("+4 more").
fn pack(head: &str, items: &[String], width: usize, max: usize) -> Vec<String> {
    let w = |s: &str| UnicodeWidthStr::width(s);
    let indent = " ".repeat(w(head) + 1);
    let mut lines: Vec<String> = vec![head.to_string()];
    for (i, item) in items.iter().enumerate() {
        let last = lines.len() - 1;
        let sep = if i == 0 { " " } else { ", " };
        // One column kept for the comma that ends a full line.
        if i == 0 || w(&lines[last]) + w(sep) + w(item) < width {
            lines[last].push_str(sep);
            lines[last].push_str(item);
        } else if lines.len() < max {
            lines[last].push(',');
            lines.push(format!("{indent}{item}"));
        } else {
            // Drop items from the end of the last line until the count fits beside them.
            let line = &mut lines[last];
            let mut rest = items.len() - i;
            while w(line) + w(&format!(", +{rest} more")) > width {
                match line.rfind(", ") {
                    Some(cut) if cut >= indent.len() => {
                        line.truncate(cut);
                        rest += 1;
                    }
                    _ => break,
                }
            }
            line.push_str(&format!(", +{rest} more"));
            break;
        }
    }
    lines
}

pub fn render(app: &App, view: &RolesView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = &app.data;
    let rows = rows(d);
    let selected = view.selected.min(rows.len().saturating_sub(1));
    // Header, rows, a blank line, the selected role's targets, the keys; and the borders.
    let height = (rows.len().max(1) + TARGET_LINES + 5).min(usize::from(u16::MAX)) as u16;
    let rect = centered(area, 76, height);
    let inner_w = usize::from(rect.width.saturating_sub(2));
    let inner_h = usize::from(rect.height.saturating_sub(2));
    let list_h = inner_h.saturating_sub(TARGET_LINES + 3).max(1);
    let name_w = inner_w.saturating_sub(2 + 8 + 8);
    let mut lines = vec![Line::styled(
        format!(
            " {}{}{}",
            fit("Role", name_w),
            right("Targets", 8),
            right("People", 8)
        ),
        t.header,
    )];
    if rows.is_empty() {
        lines.push(Line::styled(
            format!(" No roles yet: {} adds one", app.keymap.label(Action::Add)),
            t.muted,
        ));
    }
    let offset = super::super::list::scroll_to(0, selected, list_h, rows.len());
    for (i, r) in rows.iter().enumerate().skip(offset).take(list_h) {
        let style = if i == selected { t.selected } else { t.base };
        lines.push(Line::styled(
            format!(
                " {}{}{} ",
                fit(&r.name, name_w),
                right(&r.targets.to_string(), 8),
                right(&r.people.to_string(), 8)
            ),
            style,
        ));
    }
    lines.push(Line::raw(""));
    // The selected role's targets, the heaviest first.
    let mut targets: Vec<(u8, String)> = rows
        .get(selected)
        .and_then(|r| d.org.role_targets.get(&r.id))
        .map(|ts| {
            ts.iter()
                .map(|x| {
                    let w = if x.weight > 1 {
                        format!(" ×{}", x.weight)
                    } else {
                        String::new()
                    };
                    (
                        x.weight,
                        format!("{} {}{w}", d.skill_name(x.skill_id), x.level),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    targets.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let items: Vec<String> = targets.into_iter().map(|(_, s)| s).collect();
    let packed = if items.is_empty() {
        vec!["Targets: none".to_string()]
    } else {
        pack("Targets:", &items, inner_w.saturating_sub(1), TARGET_LINES)
    };
    for i in 0..TARGET_LINES {
        let text = packed.get(i).map_or("", String::as_str);
        lines.push(Line::styled(fit(&format!(" {text}"), inner_w), t.muted));
    }
    let label = |a| app.keymap.label(a);
    let keys = format!(
        " {} edit · {} add · {} delete · {} undo · {} close",
        label(Action::Open),
        label(Action::Add),
        label(Action::Delete),
        label(Action::Undo),
        label(Action::Back),
    );
    lines.push(Line::styled(fit(&keys, inner_w), t.muted));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block(format!(" Roles ({}) ", rows.len()), t)),
        rect,
    );
}

#[cfg(test)]
mod tests {
    use super::{delete_question, pack};
    use crate::store::teams::RoleDependents;

    #[test]
    fn the_delete_question_says_what_goes_and_who_stays() {
        let q = |targets, people, archived| {
            let deps = RoleDependents {
                targets,
                people,
                archived,
            };
            delete_question("Analyst", deps, "u")
        };
        assert_eq!(
            q(6, 8, 0),
            "Delete role Analyst? Its 6 targets go with it; 8 people keep their place \
             without a role. u undoes it in this run."
        );
        assert!(q(1, 1, 0).contains("Its 1 target goes with it; 1 person keeps their place"));
        assert!(q(0, 0, 0).contains("It has no targets; nobody has it."));
        assert!(q(2, 0, 1).contains("; 1 archived person keeps their place"));
        assert!(q(2, 0, 3).contains("; 3 archived people keep their place"));
        assert!(q(2, 1, 2).contains("; 1 person (and 2 archived) keep their place"));
    }

    #[test]
    fn targets_pack_into_lines_and_count_what_does_not_fit() {
        let items: Vec<String> = ["aaa 3", "bbb 4 ×2", "ccc 1", "ddd 5"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            pack("T:", &items, 40, 3),
            ["T: aaa 3, bbb 4 ×2, ccc 1, ddd 5"]
        );
        assert_eq!(
            pack("T:", &items, 19, 3),
            ["T: aaa 3, bbb 4 ×2,", "   ccc 1, ddd 5"]
        );
        assert_eq!(
            pack("T:", &items, 19, 1),
            ["T: aaa 3, +3 more"],
            "what does not fit is counted"
        );
        assert_eq!(pack("T:", &items[..1], 4, 1), ["T: aaa 3"], "fit() cuts it");
    }
}
