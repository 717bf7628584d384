//! Named styles: one place to change how things look. The plain variant (NO_COLOR, or
//! `theme.style = "plain"`) never writes a colour, only bold, reverse, underline and dim,
//! because crossterm drops those attributes when it writes a colour under NO_COLOR.

use crate::config::ThemeStyle;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub plain: bool,
    pub base: Style,
    pub title: Style,
    pub header: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub selected: Style,
    pub muted: Style,
    pub figure: Style,
    pub key: Style,
    pub bar: Style,
    /// At target.
    pub gap_none: Style,
    /// One level below target.
    pub gap_small: Style,
    /// Two or more levels below target.
    pub gap_large: Style,
    /// Not targeted.
    pub untargeted: Style,
    pub stale: Style,
    /// A current level that comes from a self-rating (always with a `ˢ` beside it).
    pub self_rated: Style,
    pub warn: Style,
    pub good: Style,
}

impl Theme {
    pub fn color() -> Theme {
        Theme {
            plain: false,
            base: Style::new(),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            tab: Style::new(),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            muted: Style::new().fg(Color::DarkGray),
            // The terminal's own foreground: readable on dark and light backgrounds alike.
            figure: Style::new().add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::LightRed),
            gap_none: Style::new().fg(Color::Black).bg(Color::Green),
            gap_small: Style::new().fg(Color::Black).bg(Color::Yellow),
            gap_large: Style::new().fg(Color::Black).bg(Color::LightRed),
            untargeted: Style::new().fg(Color::DarkGray),
            stale: Style::new().fg(Color::Magenta),
            self_rated: Style::new().add_modifier(Modifier::ITALIC),
            warn: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            good: Style::new().fg(Color::Green),
        }
    }

    /// For light terminal backgrounds: darker foregrounds, pale cell backgrounds.
    pub fn light() -> Theme {
        Theme {
            plain: false,
            base: Style::new(),
            title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            tab: Style::new(),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            muted: Style::new().fg(Color::DarkGray),
            figure: Style::new().add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::Red),
            gap_none: Style::new().fg(Color::Black).bg(Color::LightGreen),
            gap_small: Style::new().fg(Color::Black).bg(Color::LightYellow),
            gap_large: Style::new().fg(Color::Black).bg(Color::LightRed),
            untargeted: Style::new().fg(Color::DarkGray),
            stale: Style::new().fg(Color::Magenta),
            warn: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            good: Style::new().fg(Color::Green),
            self_rated: Style::new().add_modifier(Modifier::ITALIC),
        }
    }

    /// The named styles a `[theme]` table may set.
    pub const NAMES: [&'static str; 18] = [
        "base",
        "title",
        "header",
        "tab",
        "tab_active",
        "selected",
        "muted",
        "figure",
        "key",
        "bar",
        "gap_none",
        "gap_small",
        "gap_large",
        "untargeted",
        "stale",
        "warn",
        "good",
        "self_rated",
    ];

    fn slot(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "base" => &mut self.base,
            "title" => &mut self.title,
            "header" => &mut self.header,
            "tab" => &mut self.tab,
            "tab_active" => &mut self.tab_active,
            "selected" => &mut self.selected,
            "muted" => &mut self.muted,
            "figure" => &mut self.figure,
            "key" => &mut self.key,
            "bar" => &mut self.bar,
            "gap_none" => &mut self.gap_none,
            "gap_small" => &mut self.gap_small,
            "gap_large" => &mut self.gap_large,
            "untargeted" => &mut self.untargeted,
            "stale" => &mut self.stale,
            "warn" => &mut self.warn,
            "good" => &mut self.good,
            "self_rated" => &mut self.self_rated,
            _ => return None,
        })
    }

    /// Replaces the named style with `spec` ("bold", "black on #ffd75f", "underline cyan").
    /// In the plain theme colours are dropped and only the attributes kept.
    pub fn set(&mut self, name: &str, spec: &str) -> Result<(), String> {
        let plain = self.plain;
        let slot = self.slot(name).ok_or_else(|| {
            format!(
                "[theme] {name}: no such style (styles: {})",
                Theme::NAMES.join(", ")
            )
        })?;
        let mut style = parse_style(spec).map_err(|e| format!("[theme] {name}: {e}"))?;
        if plain {
            style.fg = None;
            style.bg = None;
        }
        *slot = style;
        Ok(())
    }

    /// The theme with the config's overrides applied (they were checked when it loaded).
    pub fn with_overrides(mut self, styles: &std::collections::BTreeMap<String, String>) -> Theme {
        for (name, spec) in styles {
            let _ = self.set(name, spec);
        }
        self
    }

    pub fn plain() -> Theme {
        let none = Style::new();
        Theme {
            plain: true,
            base: none,
            title: none.add_modifier(Modifier::BOLD),
            header: none.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            tab: none,
            tab_active: none.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected: none.add_modifier(Modifier::REVERSED),
            muted: none.add_modifier(Modifier::DIM),
            figure: none.add_modifier(Modifier::BOLD),
            key: none.add_modifier(Modifier::BOLD),
            bar: none,
            gap_none: none,
            gap_small: none.add_modifier(Modifier::UNDERLINED),
            gap_large: none.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            untargeted: none.add_modifier(Modifier::DIM),
            stale: none.add_modifier(Modifier::ITALIC),
            self_rated: none.add_modifier(Modifier::ITALIC),
            warn: none.add_modifier(Modifier::BOLD),
            good: none,
        }
    }

    /// The theme the config asks for; NO_COLOR (set and not empty) always means plain.
    pub fn from_config(style: ThemeStyle, no_color: bool) -> Theme {
        if no_color || style == ThemeStyle::Plain {
            Theme::plain()
        } else if style == ThemeStyle::Light {
            Theme::light()
        } else {
            Theme::color()
        }
    }

    /// NO_COLOR as https://no-color.org defines it: present and not empty.
    pub fn no_color_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// The style of a gap: at target, one below, two or more below; `None` is not targeted.
    pub fn gap(&self, gap: Option<u8>) -> Style {
        match gap {
            None => self.untargeted,
            Some(0) => self.gap_none,
            Some(1) => self.gap_small,
            Some(_) => self.gap_large,
        }
    }
}

/// A colour: a name (`red`, `lightblue`, `darkgray`, `default`), `#rrggbb`, or 0..255.
fn parse_color(word: &str) -> Result<Color, String> {
    if let Some(hex) = word.strip_prefix('#') {
        if hex.len() == 6
            && let Ok(v) = u32::from_str_radix(hex, 16)
        {
            return Ok(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
        }
        return Err(format!("{word:?} is not a #rrggbb colour"));
    }
    if let Ok(n) = word.parse::<u8>() {
        return Ok(Color::Indexed(n));
    }
    Ok(match word.replace(['_', '-'], "").as_str() {
        "default" | "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => {
            return Err(format!(
                "{word:?} is not a colour, a #rrggbb or an attribute"
            ));
        }
    })
}

/// A style as written in `[theme]`: words in any order, each an attribute (`bold`, `dim`,
/// `italic`, `underline`, `reversed`, `crossed`), a colour (the foreground), or `on` and a
/// colour (the background). `""` or `"none"` is no style at all.
pub fn parse_style(spec: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = spec.split_whitespace().map(str::to_lowercase);
    while let Some(w) = words.next() {
        let m = match w.as_str() {
            "none" => continue,
            "bold" => Modifier::BOLD,
            "dim" => Modifier::DIM,
            "italic" => Modifier::ITALIC,
            "underline" | "underlined" => Modifier::UNDERLINED,
            "reverse" | "reversed" => Modifier::REVERSED,
            "crossed" | "strikethrough" => Modifier::CROSSED_OUT,
            "on" => {
                let c = words.next().ok_or("\"on\" needs a colour after it")?;
                style = style.bg(parse_color(&c)?);
                continue;
            }
            c => {
                style = style.fg(parse_color(c)?);
                continue;
            }
        };
        style = style.add_modifier(m);
    }
    Ok(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_parse_from_words() {
        assert_eq!(
            parse_style("bold #ff8000 on lightblue").unwrap(),
            Style::new()
                .fg(Color::Rgb(255, 128, 0))
                .bg(Color::LightBlue)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(parse_style("none").unwrap(), Style::new());
        assert!(parse_style("#12345").is_err());
        assert!(parse_style("sparkly").unwrap_err().contains("sparkly"));
        let mut t = Theme::plain();
        t.set("figure", "red underline").unwrap();
        assert_eq!(t.figure, Style::new().add_modifier(Modifier::UNDERLINED));
        assert!(
            t.set("figures", "red")
                .unwrap_err()
                .contains("no such style")
        );
    }

    #[test]
    fn no_built_in_theme_draws_white_or_grey_on_the_default_background() {
        for t in [Theme::color(), Theme::light()] {
            for name in Theme::NAMES {
                let s = *t.clone().slot(name).unwrap();
                if s.bg.is_none() || s.bg == Some(Color::Reset) {
                    assert!(
                        !matches!(s.fg, Some(Color::White | Color::Gray)),
                        "{name}: {s:?}"
                    );
                }
            }
        }
    }
}
