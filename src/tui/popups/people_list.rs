//! A list of people behind a figure (a skill's perception pairs, who is below target, who
//! was never offered training...): j/k move, Enter opens the person, Esc closes.

use super::super::app::App;
use super::super::list::scroll_to;
use super::super::widgets::{block, centered, fit};
use crate::model::Id;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeopleList {
    pub title: String,
    /// The column heads over the rows ("" for none).
    pub header: String,
    /// (person, the line shown).
    pub rows: Vec<(Id, String)>,
    pub selected: usize,
    /// What the list says when it has no rows.
    pub empty: String,
}

impl PeopleList {
    pub fn new(
        title: impl Into<String>,
        header: impl Into<String>,
        rows: Vec<(Id, String)>,
    ) -> Self {
        PeopleList {
            title: title.into(),
            header: header.into(),
            rows,
            selected: 0,
            empty: "Nobody".into(),
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.rows.len().saturating_sub(1));
    }

    pub fn current(&self) -> Option<Id> {
        self.rows.get(self.selected).map(|(id, _)| *id)
    }
}

pub fn render(app: &App, list: &PeopleList, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let widest = list
        .rows
        .iter()
        .map(|(_, s)| unicode_width::UnicodeWidthStr::width(s.as_str()))
        .chain([
            unicode_width::UnicodeWidthStr::width(list.header.as_str()),
            unicode_width::UnicodeWidthStr::width(list.title.as_str()) + 4,
            40,
        ])
        .max()
        .unwrap_or(40);
    let header = usize::from(!list.header.is_empty());
    let h = (list.rows.len().max(1) + header + 3).min(usize::from(area.height)) as u16;
    let rect = centered(area, (widest + 4).min(usize::from(u16::MAX)) as u16, h);
    let w = usize::from(rect.width.saturating_sub(2));
    let room = usize::from(rect.height.saturating_sub(3)).saturating_sub(header);
    let mut lines = Vec::new();
    if header == 1 {
        lines.push(Line::styled(fit(&list.header, w), t.header));
    }
    let offset = scroll_to(0, list.selected, room, list.rows.len());
    for (i, (_, text)) in list.rows.iter().enumerate().skip(offset).take(room) {
        let style = if i == list.selected {
            t.selected
        } else {
            t.base
        };
        lines.push(Line::styled(fit(text, w), style));
    }
    if list.rows.is_empty() {
        lines.push(Line::styled(list.empty.clone(), t.muted));
    }
    lines.push(Line::styled(
        fit(
            &format!(
                "{} of {} · Enter opens the person · Esc closes",
                (list.selected + 1).min(list.rows.len()),
                list.rows.len()
            ),
            w,
        ),
        t.muted,
    ));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block(format!(" {} ", list.title), t)),
        rect,
    );
}
