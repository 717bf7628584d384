//! Exports to share: Markdown, CSV, JSON and HTML, all rendered from one `Document`.
//!
//! `export` is the whole pipeline for the command line and the TUI: load, resolve the scope,
//! build the document, render. `write_atomic` writes a file with mode 0600 by way of a
//! temporary file and a rename, so a reader never sees half an export.

mod csv;
mod escape;
mod html;
mod json;
mod md;
pub mod model;
mod scope;
mod stream;
mod write;

pub use crate::config::ExportFormat;
pub use escape::{csv_cell, html as html_escape, md as md_escape};
pub use model::Document;
pub use scope::{Resolved, Scope};
pub use write::{AtomicFile, write_atomic};

use crate::config::Config;
use crate::metrics::{Analysis, AsOf, Org, RatingHistory, TrendLevels, trend_dates};
use crate::model::Note;
use crate::store::Db;
use crate::store::{Store, StoreError, load_org, load_org_with, load_trend_levels, records};
use chrono::NaiveDate;

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub scope: Scope,
    pub format: ExportFormat,
    /// Private notes (and their action items) only when set.
    pub include_private: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// An unknown team or person.
    #[error("{0}")]
    Scope(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An export's data, loaded and its scope found, ready to be written as it is made
/// (`Loaded::write`): what `export` gives, without holding the whole text or document.
pub struct Loaded {
    org: Org,
    analysis: Analysis,
    notes: Vec<Note>,
    history: TrendLevels,
    scope: Resolved,
    options: Options,
    level_names: Vec<String>,
}

impl Loaded {
    /// Loads what the export needs; an unknown team or person is an error here, before
    /// anything is written.
    pub fn load(
        store: &Store,
        config: &Config,
        today: NaiveDate,
        options: &Options,
    ) -> Result<Loaded, ExportError> {
        let settings = config.settings(today);
        let dates = trend_dates(today);
        // The notes and the history's part (CSV shows no trend: none) on a second
        // connection beside the organisation, from the same snapshot.
        let (org, (notes, history)) = load_org_with(store, |c| {
            let notes = records::list_notes(c, options.include_private);
            let history = match options.format {
                ExportFormat::Csv => Ok(TrendLevels::empty(&settings.precedence, &dates)),
                _ => load_trend_levels(c, &settings.precedence, &dates),
            };
            (notes, history)
        })?;
        let (notes, history) = (notes?, history?);
        let scope = options.scope.resolve(&org).map_err(ExportError::Scope)?;
        let analysis = Analysis::new(&org, settings);
        Ok(Loaded {
            org,
            analysis,
            notes,
            history,
            scope,
            options: options.clone(),
            level_names: config.level_names.clone(),
        })
    }

    /// Writes the export person by person: the same bytes `export` gives.
    pub fn write(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.write_with_progress(w, &|_| {})
    }

    /// How many steps `write_with_progress` counts: each person once, twice in html
    /// (the heatmap, then their section).
    pub fn steps(&self) -> u64 {
        let passes = if self.options.format == ExportFormat::Html {
            2
        } else {
            1
        };
        self.people() as u64 * passes
    }

    /// `write`, telling `progress` how many steps (see `steps`) are done after each person.
    pub fn write_with_progress(
        &self,
        w: &mut dyn std::io::Write,
        progress: &dyn Fn(u64),
    ) -> std::io::Result<()> {
        let held = Held {
            org: &self.org,
            analysis: &self.analysis,
            history: &self.history,
            notes: &self.notes,
            scope: &self.scope,
            include_private: self.options.include_private,
            level_names: &self.level_names,
        };
        held.write(self.options.format, w, progress)
    }

    /// How many people the export holds.
    pub fn people(&self) -> usize {
        match &self.scope {
            Resolved::All => self.org.members(None).len(),
            Resolved::Team(id, _) => self.org.members(Some(*id)).len(),
            Resolved::Person(_) => 1,
        }
    }
}

pub fn extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Md => "md",
        ExportFormat::Csv => "csv",
        ExportFormat::Json => "json",
        ExportFormat::Html => "html",
    }
}

/// A file name to suggest (the TUI's export dialog): `skillgap-<scope>-<date>.<ext>`.
pub fn suggested_file_name(
    org: &Org,
    scope: &Scope,
    format: ExportFormat,
    today: NaiveDate,
) -> String {
    format!(
        "skillgap-{}-{today}.{}",
        scope.file_stem(org),
        extension(format)
    )
}

/// Builds the document from data already loaded, with the org's ratings standing in for the
/// assessment history: the trend's past points are exact only when `org.ratings` holds every
/// assessment (the app keeps only the latest per source). Use `document_with_history` for
/// exports people read.
pub fn document(
    org: &Org,
    analysis: &Analysis,
    notes: &[Note],
    scope: &Scope,
    include_private: bool,
    config: &Config,
) -> Result<Document, ExportError> {
    let history = RatingHistory::new(org.ratings.iter().collect());
    document_with_history(
        org,
        analysis,
        &history,
        notes,
        scope,
        include_private,
        config,
    )
}

/// Builds the document from data already loaded (the TUI has it in memory). `history` is
/// what the readiness trend needs of the history (`store::load_trend_levels`, or the whole
/// history).
pub fn document_with_history(
    org: &Org,
    analysis: &Analysis,
    history: &dyn AsOf,
    notes: &[Note],
    scope: &Scope,
    include_private: bool,
    config: &Config,
) -> Result<Document, ExportError> {
    let resolved = scope.resolve(org).map_err(ExportError::Scope)?;
    Ok(model::build(
        org,
        analysis,
        history,
        notes,
        &resolved,
        include_private,
        &config.level_names,
    ))
}

/// An export's data as it is already held (a `Loaded`, or the app's), its scope found.
pub struct Held<'a> {
    pub org: &'a Org,
    pub analysis: &'a Analysis,
    /// What the readiness trend needs of the history.
    pub history: &'a dyn AsOf,
    pub notes: &'a [Note],
    pub scope: &'a Resolved,
    pub include_private: bool,
    pub level_names: &'a [String],
}

impl Held<'_> {
    /// Writes the export in `format` person by person, each made as it is written (the same
    /// bytes `render` gives of the whole document), telling `progress` the steps done.
    pub fn write(
        &self,
        format: ExportFormat,
        w: &mut dyn std::io::Write,
        progress: &dyn Fn(u64),
    ) -> std::io::Result<()> {
        let streamed = model::prepare(
            self.org,
            self.analysis,
            self.history,
            self.notes,
            self.scope,
            self.include_private,
            self.level_names,
        );
        let doc = &streamed.header;
        let people = stream::Counted::new(&streamed, progress);
        match format {
            ExportFormat::Md => md::write(w, doc, &people),
            ExportFormat::Csv => csv::write(w, &people),
            ExportFormat::Json => json::write(w, doc, &people),
            ExportFormat::Html => html::write(w, doc, &people),
        }
    }
}

/// Renders a document in one format.
pub fn render(doc: &Document, format: ExportFormat) -> String {
    match format {
        ExportFormat::Md => md::render(doc),
        ExportFormat::Csv => csv::render(doc),
        ExportFormat::Json => json::render(doc),
        ExportFormat::Html => html::render(doc),
    }
}

/// Loads the database and renders the export as text.
pub fn export(
    conn: &Db,
    config: &Config,
    today: NaiveDate,
    options: &Options,
) -> Result<String, ExportError> {
    let org = load_org(conn)?;
    let analysis = Analysis::new(&org, config.settings(today));
    let notes = records::list_notes(conn, options.include_private)?;
    let settings = &analysis.settings;
    let history = load_trend_levels(conn, &settings.precedence, &trend_dates(settings.today))?;
    let doc = document_with_history(
        &org,
        &analysis,
        &history,
        &notes,
        &options.scope,
        options.include_private,
        config,
    )?;
    Ok(render(&doc, options.format))
}
