//! Default locations from the `directories` crate (XDG variables honoured on Linux).

use directories::ProjectDirs;
use std::path::PathBuf;

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "skillgap")
}

pub fn default_db_path() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("skillgap.db"))
}

pub fn default_config_path() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join("config.toml"))
}
