//! Matrix: a people x skills heatmap. A cell shows the current level (a dot when not
//! assessed), styled by gap; stale cells are marked. The name column and the skill header
//! stay put while the window scrolls both ways; only the visible window is built.

use super::super::app::App;
use super::super::data::Data;
use super::super::list::{ListState, scroll_to};
use super::super::theme::Theme;
use super::super::widgets::{block, fit, list_title};
use super::people::{self, SORTS};
use crate::metrics::{current_rating, is_stale};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::cell::Cell;

const CELL: usize = 4;

pub struct MatrixView {
    /// Rows: indexes into `data.people`.
    pub list: ListState,
    /// Selected column: an index into `data.skill_order`.
    pub col: usize,
    col_offset: Cell<usize>,
}

impl MatrixView {
    pub fn new(data: &Data) -> MatrixView {
        MatrixView {
            list: ListState::with_rows(people::rows(data, "", 0)),
            col: 0,
            col_offset: Cell::new(0),
        }
    }

    pub fn move_col(&mut self, delta: isize, columns: usize) {
        self.col = self
            .col
            .saturating_add_signed(delta)
            .min(columns.saturating_sub(1));
    }

    pub fn col_offset(&self) -> usize {
        self.col_offset.get()
    }
}

/// What one cell shows: level (or a dot), a gap mark in the plain theme, a stale mark.
fn cell(data: &Data, theme: &Theme, row: usize, skill_idx: usize) -> Span<'static> {
    let (Some(r), Some(skill)) = (data.people.get(row), data.org.skills.get(skill_idx)) else {
        return Span::raw(" ".repeat(CELL));
    };
    let summary = &data.analysis.people[r.idx];
    let (level, gap, stale) = match summary.skill(skill.id) {
        Some(s) => (s.current_level(), Some(s.gap), s.stale),
        None => {
            let cur = current_rating(
                data.org.ratings_of(r.id, skill.id),
                &data.analysis.settings.precedence,
            );
            let stale = cur.is_some_and(|c| is_stale(&c, &data.analysis.settings));
            (cur.map(|c| c.level), None, stale)
        }
    };
    let digit = level.map_or('·', |l| char::from(b'0' + l.min(9)));
    let mark = match (theme.plain, gap) {
        (true, Some(1)) => '-',
        (true, Some(g)) if g >= 2 => '!',
        _ => ' ',
    };
    let stale = if stale { '*' } else { ' ' };
    Span::styled(format!(" {digit}{mark}{stale}"), theme.gap(gap))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = &app.data;
    let m = &app.view.matrix;
    let list = &m.list;
    let skill = d.skill_order.get(m.col).and_then(|&i| d.org.skills.get(i));
    let mut title = list_title(
        "Matrix",
        list.len(),
        d.people.len(),
        SORTS.get(list.sort).copied().unwrap_or(""),
        &crate::text::inert(&list.filter),
    );
    if let Some(s) = skill {
        title.push_str(&format!("· {} ", crate::text::inert(&s.name)));
    }
    let b = block(title, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let [grid, legend] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
    frame.render_widget(legend_line(t), legend);

    let width = usize::from(grid.width);
    let name_w = (width / 3).clamp(6, 22).min(width);
    let visible_cols = width.saturating_sub(name_w) / CELL;
    let n_cols = d.skill_order.len();
    let col_offset = scroll_to(m.col_offset.get(), m.col, visible_cols, n_cols);
    m.col_offset.set(col_offset);
    let cols = col_offset..(col_offset + visible_cols).min(n_cols);

    let mut lines = Vec::with_capacity(usize::from(grid.height));
    let mut header = vec![Span::styled(fit("", name_w), t.header)];
    for c in cols.clone() {
        let key = d
            .skill_abbrev
            .get(d.skill_order[c])
            .cloned()
            .unwrap_or_default();
        let style = if c == m.col { t.selected } else { t.header };
        header.push(Span::styled(format!(" {}", fit(&key, CELL - 1)), style));
    }
    lines.push(Line::from(header));
    let body_h = usize::from(grid.height.saturating_sub(1));
    for i in list.window(body_h) {
        let Some(&row) = list.rows.get(i) else {
            continue;
        };
        let name = d.people.get(row).map(|r| r.name.as_str()).unwrap_or("");
        let selected = i == list.selected;
        let mut spans = vec![Span::styled(
            fit(name, name_w),
            if selected { t.selected } else { t.base },
        )];
        for c in cols.clone() {
            let mut span = cell(d, t, row, d.skill_order[c]);
            if selected && c == m.col {
                span = span.patch_style(t.selected);
            }
            spans.push(span);
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), grid);
}

fn legend_line(t: &Theme) -> Line<'static> {
    let spans = vec![
        Span::styled(" 3 ", t.gap(Some(0))),
        Span::raw(" at target "),
        Span::styled(if t.plain { " 2-" } else { " 2 " }, t.gap(Some(1))),
        Span::raw(" 1 below "),
        Span::styled(if t.plain { " 1!" } else { " 1 " }, t.gap(Some(2))),
        Span::raw(" 2+ below "),
        Span::styled(" 2 ", t.gap(None)),
        Span::raw(" untargeted · not assessed * stale"),
    ];
    Line::from(spans)
}
