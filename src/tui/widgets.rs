//! Small pieces shared by screens: titled blocks, fixed-width text, bars, centred popups.

use super::theme::Theme;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthChar;

pub fn block<'a>(title: impl Into<Line<'a>>, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.muted)
        .title(title.into().style(theme.title))
}

/// Cuts `s` to at most `width` columns (wide characters count two, an ellipsis marks the cut)
/// and pads it with spaces to exactly `width`.
pub fn fit(s: &str, width: usize) -> String {
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        let mut out = s.to_string();
        out.extend(std::iter::repeat_n(' ', width - total));
        return out;
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    used += 1;
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Styled pieces cut to at most `width` columns (an ellipsis marks the cut) and padded with
/// spaces in `pad` to exactly `width`.
pub fn fit_spans(
    spans: Vec<Span<'static>>,
    width: usize,
    pad: ratatui::style::Style,
) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| s.width()).sum();
    let mut out = Vec::new();
    if total <= width {
        out.extend(spans);
        out.push(Span::styled(" ".repeat(width - total), pad));
        return out;
    }
    let mut used = 0;
    for s in spans {
        let w = s.width();
        if used + w < width {
            used += w;
            out.push(s);
            continue;
        }
        let cut = fit(&s.content, width - used);
        out.push(Span::styled(cut, s.style));
        break;
    }
    out
}

/// A line cut to `width` columns with "…" when longer (its style kept); as it is otherwise.
pub fn cut_line(line: Line<'_>, width: usize) -> Line<'static> {
    let style = line.style;
    let alignment = line.alignment;
    let spans: Vec<Span<'static>> = line
        .spans
        .into_iter()
        .map(|s| Span::styled(s.content.into_owned(), s.style))
        .collect();
    let total: usize = spans.iter().map(|s| s.width()).sum();
    let spans = if total > width {
        let mut cut = Vec::new();
        let mut used = 0;
        for s in spans {
            let w = s.width();
            if used + w <= width.saturating_sub(1) {
                used += w;
                cut.push(s);
                continue;
            }
            // What fits before the ellipsis, then the ellipsis.
            let room = (width - used).saturating_sub(1);
            let mut text = String::new();
            let mut taken = 0;
            for c in s.content.chars() {
                let cw = c.width().unwrap_or(0);
                if taken + cw > room {
                    break;
                }
                taken += cw;
                text.push(c);
            }
            text.push('…');
            cut.push(Span::styled(text, s.style));
            break;
        }
        cut
    } else {
        spans
    };
    let mut out = Line::from(spans).style(style);
    out.alignment = alignment;
    out
}

/// `label` with the characters matching the words of `filter` in `hit` style.
pub fn highlight(
    label: &str,
    filter: &str,
    base: ratatui::style::Style,
    hit: ratatui::style::Style,
) -> Vec<Span<'static>> {
    let lower: Vec<char> = label.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = label.chars().collect();
    let mut marked = vec![false; chars.len()];
    if lower.len() == chars.len() {
        for term in filter.to_lowercase().split_whitespace() {
            let t: Vec<char> = term.chars().collect();
            if t.is_empty() || t.len() > lower.len() {
                continue;
            }
            if let Some(at) = (0..=lower.len() - t.len()).find(|&i| lower[i..i + t.len()] == t[..])
            {
                marked[at..at + t.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let m = marked[i];
        let start = i;
        while i < chars.len() && marked[i] == m {
            i += 1;
        }
        let text: String = chars[start..i].iter().collect();
        out.push(Span::styled(text, if m { hit } else { base }));
    }
    out
}

/// Right-aligns `s` in `width` columns (for numbers).
pub fn right(s: &str, width: usize) -> String {
    let w: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if w >= width {
        return fit(s, width);
    }
    format!("{}{s}", " ".repeat(width - w))
}

/// A horizontal bar of `value / max` over `width` cells, in eighths.
pub fn bar(value: f64, max: f64, width: usize) -> String {
    if max <= 0.0 || width == 0 || !value.is_finite() {
        return String::new();
    }
    let eighths = ((value / max).clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    let part = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8];
    s.push_str(part);
    s
}

/// A one-line sparkline of levels 0..=5.
pub fn sparkline(values: &[u8]) -> String {
    const BARS: [char; 6] = ['▁', '▂', '▃', '▅', '▆', '█'];
    values
        .iter()
        .map(|&v| BARS[usize::from(v.min(5))])
        .collect()
}

/// A rectangle of at most `w` x `h`, centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// "rows 41-80 of 97,018" on the bottom border of a list's box, when not every row shows.
pub fn scroll_position(
    frame: &mut ratatui::Frame,
    area: Rect,
    window: std::ops::Range<usize>,
    total: usize,
    theme: &Theme,
) {
    position_of(frame, area, window, total, theme, "rows")
}

/// As `scroll_position`, naming what is counted ("lines").
pub fn position_of(
    frame: &mut ratatui::Frame,
    area: Rect,
    window: std::ops::Range<usize>,
    total: usize,
    theme: &Theme,
    noun: &str,
) {
    if window.len() >= total || area.height < 2 || area.width < 30 {
        return;
    }
    let text = format!(
        " {noun} {}-{} of {} ",
        thousands(window.start + 1),
        thousands(window.end),
        thousands(total)
    );
    let w = u16::try_from(unicode_width::UnicodeWidthStr::width(text.as_str())).unwrap_or(0);
    let x = area.right().saturating_sub(w + 2).max(area.x + 1);
    let at = Rect::new(x, area.bottom() - 1, w.min(area.width.saturating_sub(2)), 1);
    frame.render_widget(Line::styled(text, theme.muted), at);
}

/// 97018 -> "97,018".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "key: value" with the value emphasised.
pub fn field<'a>(label: &'a str, value: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(label, theme.muted),
        Span::styled(value, theme.figure),
    ])
}

/// The title of a list: its name, how many rows, and the sort and filter in force.
pub fn list_title(name: &str, shown: usize, total: usize, sort: &str, filter: &str) -> String {
    let mut t = if shown == total {
        format!(" {name} ({total})")
    } else {
        format!(" {name} ({shown} of {total})")
    };
    if !sort.is_empty() {
        t.push_str(&format!(" · sort: {sort}"));
    }
    if !filter.is_empty() {
        t.push_str(&format!(" · filter: {filter}"));
    }
    t.push(' ');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_wide_characters() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("名前です", 5), "名前…");
        assert_eq!(fit("名前", 3), "名…");
        assert_eq!(fit("x", 0), "");
        assert_eq!(right("42%", 5), "  42%");
        assert_eq!(bar(1.0, 2.0, 4), "██");
        assert_eq!(sparkline(&[0, 5]), "▁█");
        let cut = cut_line(Line::from(vec![Span::raw("abc"), Span::raw("defgh")]), 6);
        assert_eq!(cut.to_string(), "abcde…");
        let cut = cut_line(Line::from(vec![Span::raw("abcdef"), Span::raw("gh")]), 6);
        assert_eq!(cut.to_string(), "abcde…");
        assert_eq!(cut_line(Line::raw("abc"), 6).to_string(), "abc");
        assert_eq!(thousands(97018), "97,018");
        assert_eq!(thousands(1000000), "1,000,000");
    }
}
