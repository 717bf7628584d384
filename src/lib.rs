//! skillgap: a private terminal app for managers tracking their team's AI readiness.
//!
//! Layers point one way: `model` and `metrics` are pure; `store` and `framework` hold SQL;
//! the command line (`cli`) and the TUI sit on top.

pub mod cli;
pub mod config;
pub mod demo;
pub mod export;
pub mod files;
pub mod framework;
pub mod import;
pub mod keymap;
pub mod metrics;
pub mod model;
pub mod paths;
pub mod plan;
pub mod report;
pub mod store;
pub mod text;
pub mod tui;
pub mod validate;
