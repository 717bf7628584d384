//! The help overlay: every action with its current keys, generated from the keymap the app
//! uses, so it cannot disagree with what the keys do. The keys of the current screen (or
//! the open person) come first, then every other; long lines wrap to the width; j/k scroll.

use super::super::app::{App, Screen};
use super::super::widgets::{block, centered, fit};
use crate::keymap::{ACTIONS, Action};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The actions that do something on the screen in view, most used first.
#[rustfmt::skip]
pub fn screen_actions(app: &App) -> (&'static str, &'static [Action]) {
    use Action::*;
    if app.view.one_on_one.is_some() {
        return ("In a one-on-one view", &[Down, Up, ToggleDone, Undo, Open, Back]);
    }
    if app.view.person.is_some() {
        return ("In a person", &[
            Up, Down, Left, Right, Open, Add, Edit, Delete, Offer, MoveOffer, Targets, Review,
            ToggleDone, OneOnOne, Back,
        ]);
    }
    match app.view.screen {
        Screen::Team => ("On Team", &[
            Down, Up, Left, Right, Open, Add, Edit, Delete, Review, WhatIf, Filter, NextMatch,
            PreviousMatch, Export,
        ]),
        Screen::People => ("On People", &[
            Down, Up, Open, Add, Edit, Delete, Filter, Sort, ReverseSort, NextMatch,
            PreviousMatch, Archived, Targets, Offer, Review, OneOnOne, WhatIf, Role,
        ]),
        Screen::Matrix => ("On Matrix", &[
            Down, Up, Left, Right, Open, Filter, Sort, ReverseSort, NextMatch, PreviousMatch,
            OneOnOne,
        ]),
        Screen::Skills => ("On Skills", &[
            Down, Up, Add, Edit, Delete, Review, Filter, Sort, ReverseSort, NextMatch,
            PreviousMatch,
        ]),
        Screen::Trainings => ("On Trainings", &[
            Down, Up, Add, Edit, Delete, Offer, Filter, Sort, ReverseSort, NextMatch,
            PreviousMatch,
        ]),
        Screen::Notes => ("On Notes", &[
            Down, Up, Open, Add, Edit, Delete, ToggleDone, OneOnOne, Filter, Sort, ReverseSort,
            NextMatch, PreviousMatch,
        ]),
        Screen::Perception => ("On Perception", &[
            Down, Up, Open, Back, Filter, Sort, ReverseSort, NextMatch, PreviousMatch,
        ]),
    }
}

/// One action: its keys, then its help wrapped to `width` under a hanging indent.
fn entry(app: &App, action: Action, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let keys = app.keymap.label(action);
    let keys = if keys.is_empty() {
        "(unbound)".into()
    } else {
        keys
    };
    let key_w = 13.min(width / 3);
    let text_w = width.saturating_sub(key_w + 1).max(8);
    let mut rows: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in action.help().split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > text_w {
            rows.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    rows.push(line);
    for (i, r) in rows.into_iter().enumerate() {
        let k = if i == 0 { keys.as_str() } else { "" };
        out.push(Line::from(vec![
            Span::styled(fit(k, key_w), t.key),
            Span::raw(" "),
            Span::raw(r),
        ]));
    }
}

/// Every line of the help at `width`: the screen's keys, then the rest.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let (title, first) = screen_actions(app);
    let mut out = vec![Line::styled(title.to_string(), t.header)];
    for a in first {
        entry(app, *a, width, &mut out);
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Everywhere", t.header));
    for (a, ..) in ACTIONS.iter().filter(|(a, ..)| !first.contains(a)) {
        entry(app, *a, width, &mut out);
    }
    out
}

pub fn render(app: &App, scroll: usize, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).min(100);
    let inner_w = usize::from(width.saturating_sub(2));
    let all = lines(app, inner_w);
    let height = (all.len() as u16 + 2).min(area.height);
    let rect = centered(area, width, height);
    let room = usize::from(rect.height.saturating_sub(2)).max(1);
    let max = all.len().saturating_sub(room);
    app.hits.help_max.set(max + 1);
    let scroll = scroll.min(max);
    let end = (scroll + room).min(all.len());
    let title = if all.len() > room {
        format!(
            " Help · lines {}-{end} of {} · j/k scroll · {} close ",
            scroll + 1,
            all.len(),
            app.keymap.label(Action::Back)
        )
    } else {
        format!(" Help · {} close ", app.keymap.label(Action::Back))
    };
    frame.render_widget(Clear, rect);
    app.hits.add(rect, crate::tui::mouse::Hit::Popup);
    let shown: Vec<Line> = all.into_iter().skip(scroll).take(room).collect();
    frame.render_widget(Paragraph::new(shown).block(block(title, t)), rect);
}
