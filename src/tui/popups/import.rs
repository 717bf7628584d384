//! The import dialog (from the command palette): a kind and a file. Enter previews the
//! import as a dry run (what would be added, updated or left unchanged, or every problem of
//! a bad file); only after a preview that succeeded does Enter (or y) import, exactly the
//! bytes that were previewed. Nothing is written before that confirmation. Both run in the
//! background (`import_job`): the preview with its progress in the dialog, Esc cancelling
//! it; the import with the dialog closed and its progress in the footer.

use super::super::app::{App, Popup};
use super::super::widgets::{block, centered, fit};
use super::export::{expand_home, tail};
use crate::import::{ImportError, ImportReport, Kind};
use crate::keymap::Action;
use crate::text::inert;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportField {
    Kind,
    Path,
}

/// Where the dialog is: editing, a preview that can be confirmed, or a file that cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportStage {
    Editing,
    /// The dry run runs in the background (`App::start_import`); Esc cancels it.
    Checking,
    /// A dry run succeeded; confirming imports these bytes.
    Previewed {
        report: ImportReport,
        bytes: Vec<u8>,
    },
    /// The file cannot be imported: a summary line and its problems.
    Problems {
        summary: String,
        lines: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportDialog {
    pub field: ImportField,
    pub kind: Kind,
    pub path: String,
    pub stage: ImportStage,
    /// First problem line shown.
    pub scroll: usize,
}

impl ImportDialog {
    pub fn can_confirm(&self) -> bool {
        matches!(self.stage, ImportStage::Previewed { .. })
    }
}

fn singular(noun: &str) -> &str {
    match noun {
        "people" => "person",
        n => n.strip_suffix('s').unwrap_or(n),
    }
}

/// The preview in lines: "would add 5 people", ..., warnings.
pub fn preview_lines(report: &ImportReport) -> Vec<String> {
    let mut out = vec![format!(
        "{} row{} read",
        report.rows,
        if report.rows == 1 { "" } else { "s" }
    )];
    let counted = |verb: &str, map: &std::collections::BTreeMap<&'static str, usize>| {
        map.iter()
            .filter(|(_, n)| **n > 0)
            .map(|(noun, n)| format!("{verb} {n} {}", if *n == 1 { singular(noun) } else { noun }))
            .collect::<Vec<_>>()
    };
    out.extend(counted("would add", &report.added));
    out.extend(counted("would update", &report.updated));
    if report.unchanged > 0 {
        out.push(format!("{} unchanged", report.unchanged));
    }
    if report.is_noop() {
        out.push("nothing new: everything in the file is already there".into());
    }
    out.extend(report.warnings.iter().map(|w| format!("warning: {w}")));
    out
}

/// The dialog's stage for an import that failed: every problem of a bad file, each line
/// starting at its line number (the file is named above), or one line saying why, after
/// `prefix` ("nothing imported: ").
pub(crate) fn problems_stage(typed: &str, error: ImportError, prefix: &str) -> ImportStage {
    match error {
        ImportError::Invalid {
            problems, warnings, ..
        } => {
            let file = format!("{typed}:");
            let short = |l: &str| match l.strip_prefix(&file) {
                Some(rest) => format!("line {rest}"),
                None => l.to_string(),
            };
            let mut lines: Vec<String> = problems.lines().iter().map(|l| short(l)).collect();
            lines.extend(warnings.iter().map(|w| format!("warning: {}", short(w))));
            ImportStage::Problems {
                summary: format!(
                    "nothing can be imported: {} problem{}",
                    problems.total,
                    if problems.total == 1 { "" } else { "s" }
                ),
                lines,
            }
        }
        e => ImportStage::Problems {
            summary: format!("{prefix}{e}"),
            lines: Vec::new(),
        },
    }
}

impl App {
    /// Opens the import dialog (people, no file yet); while an import runs, says so.
    pub(crate) fn open_import(&mut self) {
        if let Some(message) = self.write_waits("import") {
            self.view.status = Some(message);
            return;
        }
        self.view.popup = Some(Popup::Import(Box::new(ImportDialog {
            field: ImportField::Path,
            kind: Kind::People,
            path: String::new(),
            stage: ImportStage::Editing,
            scroll: 0,
        })));
    }

    fn import_dialog(&mut self) -> Option<&mut ImportDialog> {
        match &mut self.view.popup {
            Some(Popup::Import(d)) => Some(d),
            _ => None,
        }
    }

    /// Raw keys the dialog takes before the keymap: text in the path field, y to confirm a
    /// preview. True when the key was used.
    pub(crate) fn import_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let Some(d) = self.import_dialog() else {
            return false;
        };
        // In the path field a `y` is part of a file name (and typing there drops the
        // preview); Enter confirms from anywhere.
        if d.can_confirm()
            && d.field != ImportField::Path
            && matches!(key.code, KeyCode::Char('y' | 'Y'))
            && !ctrl
        {
            self.import_confirm();
            return true;
        }
        match (d.field, key.code) {
            (ImportField::Path, KeyCode::Char('u')) if ctrl => d.path.clear(),
            (ImportField::Path, KeyCode::Char(c)) if !ctrl && !alt => d.path.push(c),
            (ImportField::Path, KeyCode::Backspace) => {
                d.path.pop();
            }
            _ => return false,
        }
        self.import_edited();
        true
    }

    /// The path or kind changed: a preview shown or running is of the old one.
    fn import_edited(&mut self) {
        let Some(d) = self.import_dialog() else {
            return;
        };
        let checking = d.stage == ImportStage::Checking;
        d.stage = ImportStage::Editing;
        d.scroll = 0;
        if checking {
            self.cancel_import();
        }
    }

    /// An action while the dialog is open.
    pub(crate) fn import_update(&mut self, action: Action) {
        let Some(d) = self.import_dialog() else {
            return;
        };
        let problems = match &d.stage {
            ImportStage::Problems { lines, .. } => lines.len(),
            _ => 0,
        };
        let checking = d.stage == ImportStage::Checking;
        match action {
            Action::Back => {
                self.view.popup = None;
                if checking {
                    self.cancel_import();
                }
            }
            Action::Next | Action::Previous => {
                d.field = match d.field {
                    ImportField::Kind => ImportField::Path,
                    ImportField::Path => ImportField::Kind,
                }
            }
            Action::Down | Action::PageDown if problems > 0 => {
                let step = if action == Action::Down { 1 } else { 10 };
                d.scroll = (d.scroll + step).min(problems.saturating_sub(1));
            }
            Action::Up | Action::PageUp if problems > 0 => {
                let step = if action == Action::Up { 1 } else { 10 };
                d.scroll = d.scroll.saturating_sub(step);
            }
            Action::Left | Action::Right if d.field == ImportField::Kind => {
                let i = Kind::ALL.iter().position(|k| *k == d.kind).unwrap_or(0);
                let n = Kind::ALL.len();
                let i = if action == Action::Left {
                    (i + n - 1) % n
                } else {
                    (i + 1) % n
                };
                d.kind = Kind::ALL[i];
                self.import_edited();
            }
            Action::Open | Action::Save if checking => {}
            Action::Open | Action::Save => {
                if d.can_confirm() {
                    self.import_confirm();
                } else {
                    self.import_preview();
                }
            }
            _ => {}
        }
    }

    /// Reads the file and starts the import as a dry run (in the background): nothing is
    /// written. Its result becomes the dialog's stage (`App::poll_import`).
    fn import_preview(&mut self) {
        let Some(d) = self.import_dialog() else {
            return;
        };
        let (kind, typed) = (d.kind, d.path.trim().to_string());
        let problem = |summary: String| ImportStage::Problems {
            summary,
            lines: Vec::new(),
        };
        let stage = if typed.is_empty() {
            problem("type the path of a file to import".into())
        } else {
            let path = expand_home(&typed);
            match crate::files::read_regular(&path) {
                Err(e) => problem(format!("{}: cannot read: {e}", path.display())),
                Ok(bytes) => {
                    d.stage = ImportStage::Checking;
                    d.scroll = 0;
                    match self.start_import(kind, &typed, bytes, true) {
                        Ok(()) => return,
                        Err(e) => problem(e),
                    }
                }
            }
        };
        if let Some(d) = self.import_dialog() {
            d.stage = stage;
            d.scroll = 0;
        }
    }

    /// Imports the previewed bytes in the background; the dialog closes and the footer
    /// says how far it is. When it ends every screen is read again (`App::poll_import`).
    fn import_confirm(&mut self) {
        let Some(Popup::Import(mut d)) = self.view.popup.take() else {
            return;
        };
        let ImportStage::Previewed { bytes, .. } =
            std::mem::replace(&mut d.stage, ImportStage::Editing)
        else {
            return;
        };
        let typed = d.path.trim().to_string();
        if let Err(e) = self.start_import(d.kind, &typed, bytes, false) {
            d.stage = ImportStage::Problems {
                summary: e,
                lines: Vec::new(),
            };
            self.view.popup = Some(Popup::Import(d));
        }
    }
}

pub fn render(app: &App, d: &ImportDialog, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let rect = centered(area, 76, 18);
    let inner_w = usize::from(rect.width.saturating_sub(2));
    let inner_h = usize::from(rect.height.saturating_sub(2));
    let value_w = inner_w.saturating_sub(9);
    let label = |f: ImportField, text: &'static str| {
        let style = if d.field == f { t.selected } else { t.muted };
        Span::styled(fit(text, 8), style)
    };
    let cursor = if d.field == ImportField::Path {
        "▏"
    } else {
        ""
    };
    let mut lines = vec![
        Line::from(vec![
            label(ImportField::Kind, " Kind"),
            Span::raw(" "),
            Span::styled(format!("‹{}›", d.kind), t.key),
            Span::styled("  h/l change", t.muted),
        ]),
        Line::from(vec![
            label(ImportField::Path, " File"),
            Span::raw(" "),
            Span::raw(tail(&inert(&d.path), value_w.saturating_sub(1))),
            Span::styled(cursor, t.key),
        ]),
        Line::from(""),
    ];
    let body_h = inner_h.saturating_sub(lines.len() + 1);
    let hint = match &d.stage {
        ImportStage::Editing => {
            lines.push(Line::styled(
                " Enter previews what would be added; nothing is written before you confirm.",
                t.muted,
            ));
            " Enter preview · Tab field · Esc cancel "
        }
        ImportStage::Checking => {
            let how_far = match app.preview_percent().unwrap_or(0) {
                p if p >= 100 => "all read, trying the writes".to_string(),
                p => format!("{p}%"),
            };
            lines.push(Line::styled(
                format!(" ⏳ Checking the file (a dry run: nothing is written)… {how_far}"),
                t.title,
            ));
            " Esc cancel "
        }
        ImportStage::Previewed { report, .. } => {
            lines.push(Line::styled(
                " Preview (dry run, nothing written yet):",
                t.title,
            ));
            for l in preview_lines(report).iter().take(body_h.saturating_sub(1)) {
                lines.push(Line::from(format!(
                    "   {}",
                    fit(&inert(l), inner_w.saturating_sub(3))
                )));
            }
            " Enter import · Esc cancel "
        }
        ImportStage::Problems {
            summary,
            lines: problems,
        } => {
            lines.push(Line::styled(
                format!(" {}", fit(&inert(summary), inner_w.saturating_sub(1))),
                t.warn,
            ));
            let shown = body_h.saturating_sub(1);
            for l in problems.iter().skip(d.scroll).take(shown) {
                lines.push(Line::from(format!(
                    " {}",
                    fit(&inert(l), inner_w.saturating_sub(1))
                )));
            }
            if problems.len() > shown {
                " ↑/↓ scroll · fix the file, Enter preview again · Esc cancel "
            } else {
                " Fix the file, Enter preview again · Esc cancel "
            }
        }
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block(format!(" Import ·{hint}"), t)),
        rect,
    );
}
