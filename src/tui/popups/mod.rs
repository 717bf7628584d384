//! One file per popup, each drawn over the screen.

pub mod confirm;
pub mod export;
pub mod filter;
pub mod help;
pub mod import;
pub mod palette;
pub mod people_list;
pub mod plan;
pub mod roles;
pub mod sweep;
