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
mod write;

pub use crate::config::ExportFormat;
pub use escape::{csv_cell, html as html_escape, md as md_escape};
pub use model::Document;
pub use scope::{Resolved, Scope};
pub use write::write_atomic;

use crate::config::Config;
use crate::metrics::{Analysis, Org, RatingHistory};
use crate::model::Note;
use crate::store::Db;
use crate::store::{StoreError, load_history, load_org, records};
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
    let history = RatingHistory::new(org.ratings.clone());
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
/// every assessment (`store::load_history`), for the readiness trend.
pub fn document_with_history(
    org: &Org,
    analysis: &Analysis,
    history: &RatingHistory,
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
    let history = load_history(conn)?;
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
