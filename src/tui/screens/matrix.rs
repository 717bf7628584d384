//! Matrix: a people x skills heatmap. A cell shows the current level (a dot when not
//! assessed), styled by gap; stale cells are marked, and so are self-rated levels (`ˢ`). The name column and the skill header
//! stay put while the window scrolls both ways; only the visible window is built.

use super::super::app::App;
use super::super::data::Data;
use super::super::list::{ListState, scroll_to};
use super::super::theme::Theme;
use super::super::widgets::{block, fit, list_title};
use super::people::{self, SORTS};
use crate::metrics::{Current, current_rating, is_stale};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::cell::Cell;

/// A cell: a space, the level, `ˢ` when self-rated, the gap mark (plain theme), `*` stale.
const CELL: usize = 5;

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
    current: Option<Current>,
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
                &data.org.ratings_of(r.id, skill.id),
                &data.analysis.settings.precedence,
            );
            let stale = current.is_some_and(|c| is_stale(&c, &data.analysis.settings));
            CellState {
                current: current.map(Current::from),
                target: None,
                stale,
            }
        }
    })
}

fn cell(data: &Data, theme: &Theme, row: usize, skill_idx: usize, width: usize) -> Span<'static> {
    let Some(CellState {
        current,
        target,
        stale,
    }) = state(data, row, skill_idx)
    else {
        return Span::raw(" ".repeat(width));
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
    // A self-rated level never looks like a verified one, with or without colour.
    let own = if current.is_some_and(|c| c.source == crate::model::Source::SelfRated) {
        'ˢ'
    } else {
        ' '
    };
    let style = if own == 'ˢ' {
        theme.gap(gap).patch(theme.self_rated)
    } else {
        theme.gap(gap)
    };
    // Centred in a wide column: " 3ˢ-*" padded both sides.
    let text = format!("{digit}{own}{mark}{stale}");
    let left = (width.saturating_sub(4)).div_ceil(2);
    let right = width.saturating_sub(4 + left);
    Span::styled(
        format!("{}{text}{}", " ".repeat(left), " ".repeat(right)),
        style,
    )
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
    let n_cols = d.skill_order.len();
    let layout = Columns::new(width, n_cols);
    let col_offset = scroll_to(m.col_offset.get(), m.col, layout.visible, n_cols);
    m.col_offset.set(col_offset);
    let cols = col_offset..(col_offset + layout.visible).min(n_cols);
    let cell_w = layout.cell_w;
    let name_w = layout.name_w;

    // The header: each skill's name over its column. Wide columns wrap the name on up to
    // three lines; middling ones stagger the names (every other column one level up) so a
    // name may use the space over its neighbour too; narrow ones show a short form of the
    // name, spelled out in a legend under the grid.
    let short = (cell_w < NAMED).then(|| short_names(d));
    let stagger = short.is_none() && cell_w < WIDE_CELL && cols.len() > 1;
    let name_width = if stagger { cell_w * 2 - 1 } else { cell_w - 1 };
    let name_rows = if stagger { 2 } else { HEAD_ROWS };
    let heads: Vec<Vec<String>> = cols
        .clone()
        .map(|c| {
            let skill = &d.org.skills[d.skill_order[c]];
            match &short {
                Some(s) => vec![s[d.skill_order[c]].clone()],
                None => wrap(&crate::text::inert(&skill.name), name_width, name_rows),
            }
        })
        .collect();
    let tallest = heads.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let head_rows = if stagger { 2 * name_rows } else { tallest };
    let mut lines = Vec::with_capacity(usize::from(grid.height));
    for r in 0..head_rows {
        let mut header = vec![Span::styled(fit("", name_w), t.header)];
        let (level, line) = if stagger {
            (r / name_rows, r % name_rows)
        } else {
            (0, r)
        };
        let mut k = 0;
        while k < heads.len() {
            let c = cols.start + k;
            let style = if c == m.col { t.selected } else { t.header };
            let head = &heads[k];
            if stagger && k % 2 != level {
                header.push(Span::raw(" ".repeat(cell_w)));
                k += 1;
                continue;
            }
            // Names sit on the lowest lines of their level, as in a spreadsheet.
            let pad = if stagger { name_rows } else { tallest } - head.len();
            let text = line
                .checked_sub(pad)
                .and_then(|i| head.get(i))
                .map_or("", String::as_str);
            let wide = stagger && k + 1 < heads.len();
            let w = if wide { cell_w * 2 - 1 } else { cell_w - 1 };
            header.push(Span::raw(" "));
            let shown = fit(text, w);
            if wide {
                // The column's own part styled (the selection shows), the rest over the
                // neighbour plain.
                let own: String = shown.chars().take(cell_w - 1).collect();
                let rest: String = shown.chars().skip(cell_w - 1).collect();
                header.push(Span::styled(own, style));
                header.push(Span::styled(rest, t.header));
                k += 2;
            } else {
                header.push(Span::styled(shown, style));
                k += 1;
            }
        }
        lines.push(Line::from(header));
    }
    let legend: Vec<String> = match &short {
        Some(s) => {
            let entries: Vec<String> = cols
                .clone()
                .map(|c| {
                    let i = d.skill_order[c];
                    format!("{} {}", s[i], crate::text::inert(&d.org.skills[i].name))
                })
                .collect();
            wrap(&entries.join(" · "), width, 3)
        }
        None => Vec::new(),
    };
    let legend_h = legend.len();
    let body_h = usize::from(grid.height).saturating_sub(head_rows + legend_h);
    let window = list.window(body_h);
    app.hits.add(
        Rect::new(grid.x, grid.y + head_rows as u16, grid.width, body_h as u16),
        crate::tui::mouse::Hit::Rows(window.start),
    );
    super::super::widgets::scroll_position(frame, area, window.clone(), list.len(), t);
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
            let mut span = cell(d, t, row, d.skill_order[c], cell_w);
            if selected && c == m.col {
                span = span.patch_style(t.selected);
            }
            spans.push(span);
        }
        lines.push(Line::from(spans));
    }
    if !legend.is_empty() {
        while lines.len() < usize::from(grid.height).saturating_sub(legend_h) {
            lines.push(Line::raw(""));
        }
        for l in legend {
            lines.push(Line::styled(l, t.muted));
        }
    }
    frame.render_widget(Paragraph::new(lines), grid);
}

/// Columns at least this wide show the skill names in the header; narrower ones a short
/// form with a legend.
const NAMED: usize = 6;
/// Columns at least this wide take their names straight; narrower ones staggered.
const WIDE_CELL: usize = 11;
/// Header lines a name may wrap onto.
const HEAD_ROWS: usize = 3;
/// The widest a column grows when there is room to spare.
const MAX_CELL: usize = 14;

/// How the grid's width is shared: the name column, then as many skill columns as fit,
/// each as wide as the width allows (the whole width used when every skill fits).
struct Columns {
    name_w: usize,
    cell_w: usize,
    visible: usize,
}

impl Columns {
    fn new(width: usize, n: usize) -> Columns {
        let min_name = (width / 6).clamp(10, 22).min(width);
        let room = width.saturating_sub(min_name);
        let n = n.max(1);
        if room / n >= CELL {
            let cell_w = (room / n).min(MAX_CELL);
            Columns {
                name_w: width - cell_w * n,
                cell_w,
                visible: n,
            }
        } else {
            let visible = (room / CELL).max(1);
            Columns {
                name_w: width.saturating_sub(visible * CELL),
                cell_w: CELL,
                visible,
            }
        }
    }
}

/// `text` word-wrapped to `width` columns on at most `rows` lines; a word too long for a
/// line is broken with a hyphen, text left over is cut with "…".
pub fn wrap(text: &str, width: usize, rows: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut words: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let chars: Vec<char> = word.chars().collect();
        if width >= 4 && chars.len() > width && chars.iter().all(|c| c.len_utf8() == 1) {
            let mut rest = &chars[..];
            while rest.len() > width {
                let cut = width - 1;
                words.push(format!("{}-", rest[..cut].iter().collect::<String>()));
                rest = &rest[cut..];
            }
            words.push(rest.iter().collect());
        } else {
            words.push(word.to_string());
        }
    }
    for word in words.iter().map(String::as_str) {
        let w = unicode_width::UnicodeWidthStr::width(word);
        let used = unicode_width::UnicodeWidthStr::width(line.as_str());
        if line.is_empty() {
            line = word.to_string();
        } else if used + 1 + w <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            out.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    if out.len() > rows {
        let rest = out.split_off(rows - 1).join(" ");
        out.push(format!("{rest}…"));
    }
    out.into_iter()
        .map(|l| fit(&l, width).trim_end().to_string())
        .collect()
}

/// A short form of each skill's name, from the name: the initials of its words ("Writing
/// with AI" -> "WAI", acronyms kept whole, small words skipped), or the first three letters
/// of a one-word name ("Prompting" -> "Pro"); a digit makes a taken one unique.
pub fn short_names(d: &Data) -> Vec<String> {
    const SMALL: [&str; 10] = [
        "a", "and", "for", "how", "in", "of", "on", "the", "to", "with",
    ];
    let mut taken = std::collections::HashSet::new();
    d.org
        .skills
        .iter()
        .map(|s| {
            let name = crate::text::inert(&s.name);
            let words: Vec<&str> = name
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty() && !SMALL.contains(&w.to_lowercase().as_str()))
                .collect();
            let base: String = match words.as_slice() {
                [] => "?".into(),
                [one] => one.chars().take(3).collect(),
                many => many
                    .iter()
                    .flat_map(|w| {
                        let acronym = w.len() > 1 && w.chars().all(|c| c.is_uppercase());
                        let take = if acronym { w.chars().count() } else { 1 };
                        w.chars().take(take).flat_map(char::to_uppercase)
                    })
                    .take(3)
                    .collect(),
            };
            let mut pick = base.clone();
            let mut n = 2;
            while !taken.insert(pick.clone()) {
                pick = format!("{}{n}", base.chars().take(2).collect::<String>());
                n += 1;
            }
            pick
        })
        .collect()
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
        Span::raw(" untargeted · not assessed * stale ˢ self-rated"),
    ];
    Line::from(spans)
}
