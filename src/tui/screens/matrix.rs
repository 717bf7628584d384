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
use crate::model::Rating;
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
            list: ListState::with_rows(people::rows(data, "", 0, None, false)),
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
/// One cell: the current rating, target and gap (`None`: not targeted), and staleness.
struct CellState {
    current: Option<Rating>,
    target: Option<(u8, u8)>,
    stale: bool,
}

fn state(data: &Data, row: usize, skill_idx: usize) -> Option<CellState> {
    let r = data.people.get(row)?;
    let skill = data.org.skills.get(skill_idx)?;
    let summary = &data.analysis.people[r.idx];
    Some(match summary.skill(skill.id) {
        Some(s) => CellState {
            current: s.current,
            target: Some((s.target, s.gap)),
            stale: s.stale,
        },
        None => {
            let current = current_rating(
                data.org.ratings_of(r.id, skill.id),
                &data.analysis.settings.precedence,
            );
            let stale = current.is_some_and(|c| is_stale(&c, &data.analysis.settings));
            CellState {
                current,
                target: None,
                stale,
            }
        }
    })
}

fn cell(data: &Data, theme: &Theme, row: usize, skill_idx: usize) -> Span<'static> {
    let Some(CellState {
        current,
        target,
        stale,
    }) = state(data, row, skill_idx)
    else {
        return Span::raw(" ".repeat(CELL));
    };
    let level = current.map(|c| c.level);
    let gap = target.map(|(_, g)| g);
    let digit = level.map_or('·', |l| char::from(b'0' + l.min(9)));
    // A mark as well as the colour: readable without colour, or by a colour-blind eye.
    let mark = match gap {
        Some(1) => '-',
        Some(g) if g >= 2 => '!',
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
        &people::scoped("Matrix", app),
        list.len(),
        d.active,
        SORTS.get(list.sort).copied().unwrap_or(""),
        &crate::text::inert(&list.filter),
    );
    if let Some(s) = skill {
        title.push_str(&format!("· {} ", crate::text::inert(&s.name)));
    }
    let b = block(title, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let [grid, info, legend] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(legend_line(t), legend);
    if let (Some(row), Some(&skill_idx)) = (list.current(), d.skill_order.get(m.col)) {
        frame.render_widget(info_line(d, t, row, skill_idx), info);
    }

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
    let window = list.window(body_h);
    app.hits.add(
        Rect::new(grid.x, grid.y + 1, grid.width, body_h as u16),
        crate::tui::mouse::Hit::Rows(window.start),
    );
    for i in window {
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

/// The selected cell in words: person, skill, target, current level with source and date.
fn info_line(d: &Data, t: &Theme, row: usize, skill_idx: usize) -> Line<'static> {
    let (
        Some(r),
        Some(skill),
        Some(CellState {
            current,
            target,
            stale,
        }),
    ) = (
        d.people.get(row),
        d.org.skills.get(skill_idx),
        state(d, row, skill_idx),
    )
    else {
        return Line::raw("");
    };
    let mut spans = vec![
        Span::styled(
            format!(" {} · {}", r.name, crate::text::inert(&skill.name)),
            t.figure,
        ),
        Span::styled(
            format!(" ({})", crate::text::inert(&skill.category)),
            t.muted,
        ),
    ];
    let target = match target {
        Some((level, gap)) => format!(": target {level}, gap {gap}"),
        None => ": not targeted".to_string(),
    };
    spans.push(Span::raw(target));
    spans.push(Span::raw(match current {
        Some(c) => format!(", current {} ({}, {})", c.level, c.source, c.assessed_on),
        None => ", not assessed".to_string(),
    }));
    if stale {
        spans.push(Span::styled(" stale", t.stale));
    }
    Line::from(spans)
}

fn legend_line(t: &Theme) -> Line<'static> {
    let spans = vec![
        Span::styled(" 3 ", t.gap(Some(0))),
        Span::raw(" at target "),
        Span::styled(" 2-", t.gap(Some(1))),
        Span::raw(" 1 below "),
        Span::styled(" 1!", t.gap(Some(2))),
        Span::raw(" 2+ below "),
        Span::styled(" 2 ", t.gap(None)),
        Span::raw(" untargeted · not assessed * stale"),
    ];
    Line::from(spans)
}
