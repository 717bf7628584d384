//! The TOML config: from --config, else SKILLGAP_CONFIG, else the default path. No file means
//! defaults. An unknown key or a wrong type is an error naming the key and the line.

use crate::keymap::Keymap;
use crate::metrics::Settings;
use crate::model::Source;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const DEFAULT_LEVEL_NAMES: [&str; 6] = [
    "None",
    "Awareness",
    "Novice",
    "Practitioner",
    "Advanced",
    "Expert",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Database path; `None` means `<data_dir>/skillgap.db`.
    pub db: Option<PathBuf>,
    pub stale_after_days: u32,
    pub source_precedence: Vec<Source>,
    pub level_names: Vec<String>,
    pub theme: ThemeConfig,
    pub keys: BTreeMap<String, Vec<String>>,
    pub export: ExportConfig,
    /// Mouse capture in the TUI (click, wheel); false leaves the terminal's own selection.
    pub mouse: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeStyle {
    Color,
    Light,
    Plain,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ThemeConfig {
    /// "color", "light" or "plain"; NO_COLOR in the environment always means plain.
    pub style: ThemeStyle,
    /// Named styles overriding the built-in theme: `figure = "bold #005f87"`. Names and
    /// values are checked in `Config::parse` (an unknown one is an error with its line).
    #[serde(flatten)]
    pub styles: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Md,
    Csv,
    Json,
    Html,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExportConfig {
    pub format: ExportFormat,
    pub include_private: bool,
    /// Where the TUI's export dialog suggests writing files; `None` means the current directory.
    pub directory: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db: None,
            stale_after_days: 180,
            source_precedence: vec![Source::Verified, Source::Manager, Source::SelfRated],
            level_names: DEFAULT_LEVEL_NAMES.iter().map(|s| s.to_string()).collect(),
            theme: ThemeConfig::default(),
            keys: BTreeMap::new(),
            export: ExportConfig::default(),
            mouse: true,
        }
    }
}

impl Default for ThemeConfig {
    fn default() -> Self {
        ThemeConfig {
            style: ThemeStyle::Color,
            styles: BTreeMap::new(),
        }
    }
}

impl Default for ExportConfig {
    fn default() -> Self {
        ExportConfig {
            format: ExportFormat::Md,
            include_private: false,
            directory: None,
        }
    }
}

/// The line (1-based) where `key = ` is written, for messages about values that parse but
/// do not make sense.
fn line_of(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

impl Config {
    /// Parses and checks a config text; `origin` (the file path) prefixes every message.
    pub fn parse(text: &str, origin: &str) -> Result<Config, String> {
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            // toml's message reads "TOML parse error at line L, column C\n  |\n...\nmessage".
            let msg = e.message();
            // An unknown field's span can cover its whole table: look for the key itself.
            let unknown = msg
                .strip_prefix("unknown field `")
                .and_then(|r| r.split('`').next())
                .and_then(|k| line_of(text, k));
            let from_span = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
            match unknown.or(from_span) {
                Some(line) => format!("{origin}:{line}: {msg}"),
                None => format!("{origin}: {msg}"),
            }
        })?;
        let at = |key: &str| match line_of(text, key) {
            Some(l) => format!("{origin}:{l}: {key}"),
            None => format!("{origin}: {key}"),
        };
        let mut seen = Vec::new();
        for s in &cfg.source_precedence {
            if seen.contains(s) {
                return Err(format!("{}: {s} is listed twice", at("source_precedence")));
            }
            seen.push(*s);
        }
        if cfg.source_precedence.is_empty() {
            return Err(format!(
                "{}: list at least one source",
                at("source_precedence")
            ));
        }
        if cfg.level_names.len() != 6 {
            return Err(format!(
                "{}: give 6 names (levels 0 to 5), not {}",
                at("level_names"),
                cfg.level_names.len()
            ));
        }
        for (name, value) in &cfg.theme.styles {
            if let Err(e) = crate::tui::theme::Theme::color().set(name, value) {
                return Err(match line_of(text, name) {
                    Some(l) => format!("{origin}:{l}: {e}"),
                    None => format!("{origin}: {e}"),
                });
            }
        }
        // Shown on screen and in every export: no escapes, no bidirectional controls.
        for name in &mut cfg.level_names {
            *name = crate::text::inert(name).into_owned();
        }
        if let Err(e) = Keymap::new(&cfg.keys) {
            // e is "[keys] action: problem"; find the action's line.
            let action = e
                .trim_start_matches("[keys] ")
                .split(':')
                .next()
                .unwrap_or("");
            return Err(match line_of(text, action) {
                Some(l) => format!("{origin}:{l}: {e}"),
                None => format!("{origin}: {e}"),
            });
        }
        Ok(cfg)
    }

    /// Loads the config from an explicit path (which must exist), else from SKILLGAP_CONFIG
    /// (which must exist), else from the default path (which may be missing: defaults).
    pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), String> {
        let env = std::env::var_os("SKILLGAP_CONFIG").filter(|v| !v.is_empty());
        let (path, must_exist) = match (explicit, env) {
            (Some(p), _) => (Some(p.to_path_buf()), true),
            (None, Some(e)) => (Some(PathBuf::from(e)), true),
            (None, None) => (crate::paths::default_config_path(), false),
        };
        let Some(path) = path else {
            return Ok((Config::default(), None));
        };
        let text = crate::files::read_regular(&path).and_then(|b| {
            String::from_utf8(b)
                .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8"))
        });
        match text {
            Ok(text) => Ok((
                Config::parse(&text, &path.display().to_string())?,
                Some(path),
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                Ok((Config::default(), None))
            }
            Err(e) => Err(format!("{}: cannot read config: {e}", path.display())),
        }
    }

    pub fn settings(&self, today: NaiveDate) -> Settings {
        Settings {
            today,
            stale_after_days: i64::from(self.stale_after_days),
            precedence: self.source_precedence.clone(),
        }
    }

    pub fn level_name(&self, level: u8) -> &str {
        self.level_names
            .get(usize::from(level))
            .map(String::as_str)
            .unwrap_or("?")
    }
}

/// "Today": SKILLGAP_TODAY (YYYY-MM-DD) when set, for reproducible reports and tests;
/// otherwise the local date.
pub fn today() -> Result<NaiveDate, String> {
    match std::env::var("SKILLGAP_TODAY") {
        Ok(v) if !v.trim().is_empty() => {
            crate::model::parse_date(&v).map_err(|e| format!("SKILLGAP_TODAY: {e}"))
        }
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_gives_defaults() {
        let c = Config::parse("", "c.toml").expect("defaults");
        assert_eq!(c.stale_after_days, 180);
        assert_eq!(c.source_precedence[0], Source::Verified);
        assert_eq!(c.level_name(3), "Practitioner");
    }

    #[test]
    fn the_example_config_parses_to_the_defaults() {
        let text = include_str!("../config.example.toml");
        let c = Config::parse(text, "config.example.toml").expect("example parses");
        let d = Config::default();
        assert_eq!(c.stale_after_days, d.stale_after_days);
        assert_eq!(c.source_precedence, d.source_precedence);
        assert_eq!(c.level_names, d.level_names);
        assert_eq!(c.export.format, d.export.format);
        assert_eq!(c.mouse, d.mouse);
        assert!(
            c.theme.styles.is_empty(),
            "theme overrides are commented out"
        );
        // Every named style is documented with its default of the colour theme.
        let colour = crate::tui::theme::Theme::color();
        for name in crate::tui::theme::Theme::NAMES {
            let line = text
                .lines()
                .find(|l| l.starts_with(&format!("# {name} = ")))
                .unwrap_or_else(|| panic!("{name} is not documented"));
            let spec = line.split('"').nth(1).expect("a quoted style");
            let mut t = colour;
            t.set(name, spec).expect("parses");
            assert_eq!(
                t, colour,
                "{name}: the documented default is the built-in one"
            );
        }
        // Every action is documented in the example with its default keys.
        for (_, name, keys, _) in crate::keymap::ACTIONS {
            assert_eq!(c.keys.get(*name).map(Vec::len), Some(keys.len()), "{name}");
        }
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let e = Config::parse("stale_after_days = 90\ncolour = 1\n", "c.toml").unwrap_err();
        assert!(e.starts_with("c.toml:2:"), "{e}");
        assert!(e.contains("colour"), "{e}");
    }

    #[test]
    fn wrong_type_names_the_line() {
        let e = Config::parse("\n\nstale_after_days = \"soon\"\n", "c.toml").unwrap_err();
        assert!(e.starts_with("c.toml:3:"), "{e}");
    }

    #[test]
    fn bad_values_are_refused_with_their_line() {
        let e = Config::parse("level_names = [\"a\"]\n", "c.toml").unwrap_err();
        assert!(e.starts_with("c.toml:1: level_names"), "{e}");
        let e = Config::parse("source_precedence = [\"self\", \"self\"]", "c.toml").unwrap_err();
        assert!(e.contains("listed twice"), "{e}");
        let e = Config::parse("[keys]\n\nquit = [\"hyper-q\"]\n", "c.toml").unwrap_err();
        assert!(e.starts_with("c.toml:3: [keys] quit"), "{e}");
        let e = Config::parse("[keys]\nfilter = [\"s\"]\n", "c.toml").unwrap_err();
        assert_eq!(
            e,
            "c.toml:2: [keys] filter: s is bound to both filter and sort"
        );
        let e = Config::parse(
            "[theme]\nstyle = \"light\"\nfigure = \"bold #12\"\n",
            "c.toml",
        )
        .unwrap_err();
        assert!(e.starts_with("c.toml:3: [theme] figure: \"#12\""), "{e}");
        let e = Config::parse("[theme]\nfigures = \"bold\"\n", "c.toml").unwrap_err();
        assert!(
            e.starts_with("c.toml:2:") && e.contains("no such style"),
            "{e}"
        );
        let c = Config::parse(
            "mouse = false\n[theme]\nstyle = \"light\"\nfigure = \"bold blue\"\n",
            "c.toml",
        )
        .expect("valid");
        assert!(!c.mouse);
        assert_eq!(c.theme.style, ThemeStyle::Light);
    }
}
