//! The export dialog (`x`): format, scope (the current screen's team or person, or
//! everyone), private notes (off unless the config says so) and a file path prefilled with a
//! suggested name. Enter or Ctrl-S writes the file atomically (mode 0600); an existing file
//! is only replaced after a y/n confirmation.

use super::super::app::App;
use super::super::widgets::{block, centered, fit};
use crate::config::ExportFormat;
use crate::export::{self, Scope};
use crate::keymap::Action;
use crate::text::inert;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use std::path::{Path, PathBuf};

pub const FORMATS: [ExportFormat; 4] = [
    ExportFormat::Md,
    ExportFormat::Csv,
    ExportFormat::Json,
    ExportFormat::Html,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportField {
    Format,
    Scope,
    Private,
    Path,
}

const FIELDS: [ExportField; 4] = [
    ExportField::Format,
    ExportField::Scope,
    ExportField::Private,
    ExportField::Path,
];

/// One scope the user can pick, with its label ("everyone", "team Platform", ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeChoice {
    pub label: String,
    pub scope: Scope,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    pub field: ExportField,
    pub format: ExportFormat,
    pub scopes: Vec<ScopeChoice>,
    pub scope: usize,
    pub include_private: bool,
    /// The file path as typed.
    pub path: String,
    /// The directory suggested names go in.
    pub dir: PathBuf,
    /// False until the user types in the path: until then it follows format and scope.
    pub path_edited: bool,
    /// Why the last write failed; nothing was written.
    pub error: Option<String>,
    /// The file exists: asking whether to replace it.
    pub confirm_overwrite: bool,
}

impl ExportDialog {
    pub fn format_name(&self) -> &'static str {
        export::extension(self.format)
    }

    fn scope(&self) -> &Scope {
        self.scopes
            .get(self.scope)
            .map_or(&Scope::All, |c| &c.scope)
    }
}

/// Expands a leading `~/` to the home directory.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Shows the end of `s` in `width` columns (the file name matters most in a long path).
pub fn tail(s: &str, width: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let w = |c: &char| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
    let total: usize = chars.iter().map(w).sum();
    if total <= width {
        return s.to_string();
    }
    let mut used = 1;
    let mut start = chars.len();
    while start > 0 && used + w(&chars[start - 1]) <= width {
        start -= 1;
        used += w(&chars[start]);
    }
    let mut out = String::from("…");
    out.extend(&chars[start..]);
    out
}

impl App {
    /// Opens the export dialog with the config's defaults and the current screen's scope.
    pub(crate) fn open_export(&mut self) {
        let d = &self.data;
        let person_label = |id| {
            d.org
                .person(id)
                .map(|p| format!("person {}", inert(&p.name)))
        };
        let team_label = |id| d.org.team(id).map(|t| format!("team {}", inert(&t.name)));
        let mut scopes = Vec::new();
        let mut push = |label: Option<String>, scope: Scope| {
            if let Some(label) = label {
                scopes.push(ScopeChoice { label, scope });
            }
        };
        if let Some(p) = &self.view.person {
            let id = p.detail.id;
            push(person_label(id), Scope::PersonId(id));
            if let Some(team) = d.org.person(id).and_then(|p| p.team_id) {
                push(team_label(team), Scope::TeamId(team));
            }
        } else {
            let team = match self.view.screen {
                super::super::app::Screen::Team => self
                    .view
                    .team
                    .list
                    .current()
                    .and_then(|i| d.teams.get(i))
                    .and_then(|t| t.id),
                super::super::app::Screen::People | super::super::app::Screen::Matrix => {
                    self.view.scope.as_ref().map(|s| s.team)
                }
                _ => None,
            };
            if let Some(team) = team {
                push(team_label(team), Scope::TeamId(team));
            }
        }
        push(Some("everyone".into()), Scope::All);
        let config = &self.config.export;
        let dir = config
            .directory
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let mut dialog = ExportDialog {
            field: ExportField::Format,
            format: config.format,
            scopes,
            scope: 0,
            include_private: config.include_private,
            path: String::new(),
            dir,
            path_edited: false,
            error: None,
            confirm_overwrite: false,
        };
        self.suggest_path(&mut dialog);
        self.view.popup = Some(super::super::app::Popup::Export(Box::new(dialog)));
    }

    fn suggest_path(&self, d: &mut ExportDialog) {
        if d.path_edited {
            return;
        }
        let name =
            export::suggested_file_name(&self.data.org, d.scope(), d.format, self.data.today);
        d.path = d.dir.join(name).display().to_string();
    }

    fn export_dialog(&mut self) -> Option<&mut ExportDialog> {
        match &mut self.view.popup {
            Some(super::super::app::Popup::Export(d)) => Some(d),
            _ => None,
        }
    }

    /// Raw keys the dialog takes before the keymap: text in the path field, Space on the
    /// private toggle, y/n when asking to overwrite. True when the key was used.
    pub(crate) fn export_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let Some(d) = self.export_dialog() else {
            return false;
        };
        if d.confirm_overwrite {
            match key.code {
                KeyCode::Char('y' | 'Y') => {
                    self.slow("Writing the export…", |app| app.export_write(true))
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    d.confirm_overwrite = false;
                }
                _ => {}
            }
            return true;
        }
        match (d.field, key.code) {
            (ExportField::Path, KeyCode::Char('u')) if ctrl => {
                d.path.clear();
                d.path_edited = true;
            }
            (ExportField::Path, KeyCode::Char(c)) if !ctrl && !alt => {
                d.path.push(c);
                d.path_edited = true;
            }
            (ExportField::Path, KeyCode::Backspace) => {
                d.path.pop();
                d.path_edited = true;
            }
            (ExportField::Private, KeyCode::Char(' ')) => d.include_private = !d.include_private,
            _ => return false,
        }
        d.error = None;
        true
    }

    /// An action while the dialog is open.
    pub(crate) fn export_update(&mut self, action: Action) {
        let Some(mut d) = self.export_dialog().map(|d| d.clone()) else {
            return;
        };
        let pos = FIELDS.iter().position(|f| *f == d.field).unwrap_or(0);
        match action {
            Action::Back => {
                if d.confirm_overwrite {
                    d.confirm_overwrite = false;
                } else {
                    self.view.popup = None;
                    return;
                }
            }
            Action::Next | Action::Down => d.field = FIELDS[(pos + 1) % FIELDS.len()],
            Action::Previous | Action::Up => {
                d.field = FIELDS[(pos + FIELDS.len() - 1) % FIELDS.len()]
            }
            Action::Left | Action::Right => {
                let step = |i: usize, n: usize| {
                    if action == Action::Left {
                        (i + n - 1) % n
                    } else {
                        (i + 1) % n
                    }
                };
                match d.field {
                    ExportField::Format => {
                        let i = FORMATS.iter().position(|f| *f == d.format).unwrap_or(0);
                        d.format = FORMATS[step(i, FORMATS.len())];
                    }
                    ExportField::Scope => d.scope = step(d.scope, d.scopes.len().max(1)),
                    ExportField::Private => d.include_private = !d.include_private,
                    ExportField::Path => {}
                }
                self.suggest_path(&mut d);
                d.error = None;
            }
            Action::Open | Action::Save => {
                if let Some(slot) = self.export_dialog() {
                    *slot = d;
                }
                self.slow("Writing the export…", |app| app.export_write(false));
                return;
            }
            _ => {}
        }
        if let Some(slot) = self.export_dialog() {
            *slot = d;
        }
    }

    /// Renders and writes the file; on success closes the dialog and says where it went.
    fn export_write(&mut self, overwrite: bool) {
        let Some(d) = self.export_dialog().map(|d| d.clone()) else {
            return;
        };
        let fail = |app: &mut App, msg: String| {
            if let Some(d) = app.export_dialog() {
                d.error = Some(msg);
                d.confirm_overwrite = false;
            }
        };
        let typed = d.path.trim();
        if typed.is_empty() {
            return fail(self, "type a file path".into());
        }
        let path = expand_home(typed);
        let path = std::path::absolute(&path).unwrap_or(path);
        if path.is_dir() {
            return fail(self, format!("{}: is a directory", path.display()));
        }
        if path.exists() && !overwrite {
            if let Some(d) = self.export_dialog() {
                d.confirm_overwrite = true;
                d.error = None;
            }
            return;
        }
        // The trend's part of the history, as the Team screen has it; read here while it is
        // still on its way.
        let settings = &self.data.analysis.settings;
        let history = match (self.data.history.get(), self.store.as_ref()) {
            (Some(h), _) => std::borrow::Cow::Borrowed(h),
            (None, Some(s)) => match crate::store::load_trend_levels(
                s.conn(),
                &settings.precedence,
                &crate::metrics::trend_dates(settings.today),
            ) {
                Ok(h) => std::borrow::Cow::Owned(h),
                Err(e) => return fail(self, e.to_string()),
            },
            (None, None) => self.data.history(),
        };
        let scope = match d.scope().resolve(&self.data.org) {
            Ok(scope) => scope,
            Err(e) => return fail(self, e),
        };
        // Written person by person as the command writes it, not held whole (at 100,000
        // people the JSON text alone is 550 MB).
        let held = export::Held {
            org: &self.data.org,
            analysis: &self.data.analysis,
            history: history.as_ref(),
            notes: &self.data.notes,
            scope: &scope,
            include_private: d.include_private,
            level_names: &self.config.level_names,
        };
        let written = export::AtomicFile::create(&path).and_then(|mut file| {
            held.write(d.format, &mut file, &|_| {})
                .map_err(|e| file.error(e))?;
            file.commit()
        });
        match written {
            Ok(()) => {
                self.view.popup = None;
                self.view.status = Some(format!(
                    "Exported {} to {}{}",
                    d.format_name(),
                    inert(&path.display().to_string()),
                    if d.include_private {
                        " (private notes included)"
                    } else {
                        ""
                    }
                ));
            }
            Err(e) => fail(self, format!("nothing written: {e}")),
        }
    }
}

pub fn render(app: &App, d: &ExportDialog, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let rect = centered(area, 76, 10);
    let inner_w = usize::from(rect.width.saturating_sub(2));
    let value_w = inner_w.saturating_sub(11);
    let label = |f: ExportField, text: &'static str| {
        let style = if d.field == f { t.selected } else { t.muted };
        Span::styled(fit(text, 10), style)
    };
    let mut formats = Vec::new();
    for f in FORMATS {
        let name = export::extension(f);
        if f == d.format {
            formats.push(Span::styled(format!("‹{name}›"), t.key));
        } else {
            formats.push(Span::raw(format!(" {name} ")));
        }
        formats.push(Span::raw(" "));
    }
    let mut lines = vec![Line::from(
        [
            vec![label(ExportField::Format, " Format"), Span::raw(" ")],
            formats,
        ]
        .concat(),
    )];
    let scope = d
        .scopes
        .get(d.scope)
        .map_or("everyone", |c| c.label.as_str());
    let more = if d.scopes.len() > 1 {
        format!("  ({} of {}, h/l)", d.scope + 1, d.scopes.len())
    } else {
        String::new()
    };
    lines.push(Line::from(vec![
        label(ExportField::Scope, " Scope"),
        Span::raw(" "),
        Span::styled(fit(&format!("‹{scope}›{more}"), value_w), t.figure),
    ]));
    let private = if d.include_private {
        Span::styled("[x] private notes will be included", t.warn)
    } else {
        Span::raw("[ ] private notes left out")
    };
    lines.push(Line::from(vec![
        label(ExportField::Private, " Private"),
        Span::raw(" "),
        private,
    ]));
    let cursor = if d.field == ExportField::Path {
        "▏"
    } else {
        ""
    };
    lines.push(Line::from(vec![
        label(ExportField::Path, " File"),
        Span::raw(" "),
        Span::raw(tail(&inert(&d.path), value_w.saturating_sub(1))),
        Span::styled(cursor, t.key),
    ]));
    lines.push(Line::from(""));
    if d.confirm_overwrite {
        lines.push(Line::styled(
            " That file exists. Replace it? y replace · n keep it",
            t.warn,
        ));
    } else if let Some(e) = &d.error {
        lines.push(Line::styled(format!(" {}", inert(e)), t.warn));
    } else {
        lines.push(Line::styled(
            " Written with mode 0600; an existing file is never replaced silently.",
            t.muted,
        ));
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(
                " Export · Tab field · h/l change · Enter write · Esc cancel ",
                t,
            )),
        rect,
    );
}
