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
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            muted: Style::new().fg(Color::DarkGray),
            figure: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::LightRed),
            gap_none: Style::new().fg(Color::Black).bg(Color::Green),
            gap_small: Style::new().fg(Color::Black).bg(Color::Yellow),
            gap_large: Style::new().fg(Color::White).bg(Color::Red),
            untargeted: Style::new().fg(Color::DarkGray),
            stale: Style::new().fg(Color::Magenta),
            self_rated: Style::new().add_modifier(Modifier::ITALIC),
            warn: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            good: Style::new().fg(Color::Green),
        }
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
