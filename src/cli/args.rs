//! The command line, as the SPEC gives it.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "skillgap",
    version,
    about = "See your team's AI readiness: skills, gaps, training and one-on-ones, in the terminal",
    long_about = None
)]
pub struct Cli {
    /// Database file (default: $SKILLGAP_DB, else the config's `db`, else the data directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Config file (default: $SKILLGAP_CONFIG, else the config directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database with the default AI-readiness framework
    Init,
    /// A realistic demo organisation (in a temporary database unless --db is given)
    Demo {
        /// How many people
        #[arg(long, default_value_t = 42, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        people: u32,
        /// Random seed: the same seed and date give the same organisation
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write the demo to --db and exit instead of opening the TUI
        #[arg(long)]
        no_tui: bool,
    },
    /// Import a CSV file (or a framework TOML file); all or nothing
    Import {
        #[arg(value_enum)]
        kind: ImportKind,
        file: PathBuf,
        /// Check the file and report what would change, without writing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export a summary to share
    Export {
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Only this team (by name), with its sub-teams
        #[arg(long, value_name = "T", conflicts_with = "person")]
        team: Option<String>,
        /// Only this person (by email or exact name)
        #[arg(long, value_name = "P")]
        person: Option<String>,
        /// Include private one-on-one notes and their action items
        #[arg(long)]
        include_private: bool,
        /// Write to FILE (atomically, mode 0600) instead of stdout
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Plain-text summary on stdout
    Report {
        /// Only this team (by name), with its sub-teams
        #[arg(long, value_name = "T")]
        team: Option<String>,
    },
    /// The what-if training plan: which offers would raise readiness most within a budget
    Plan {
        /// Only this team (by name), with its sub-teams
        #[arg(long, value_name = "T")]
        team: Option<String>,
        /// Budget of training hours (a training without hours counts as 1)
        #[arg(long, value_name = "H", default_value_t = 40.0, value_parser = parse_hours)]
        hours: f64,
        #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
        format: PlanFormat,
    },
    /// A consistent copy of the database
    Backup {
        /// Where to write it (default: beside the database, named with the date and time)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Integrity and schema check
    Check,
    /// Who may see and change what (PostgreSQL only; enforced by the database)
    Access {
        #[command(subcommand)]
        action: AccessAction,
    },
    /// Shell completions on stdout
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccessAction {
    /// Let LOGIN see and change a team (with its sub-teams), or read the whole organisation
    Grant {
        /// An existing PostgreSQL login
        login: String,
        /// The team, by name (its sub-teams come with it)
        #[arg(
            long,
            value_name = "T",
            conflicts_with = "org",
            required_unless_present = "org"
        )]
        team: Option<String>,
        /// Read everything and edit the catalog (skills, roles, trainings)
        #[arg(long)]
        org: bool,
    },
    /// Take back one grant of LOGIN, or all of them
    Revoke {
        login: String,
        #[arg(long, value_name = "T", conflicts_with = "org")]
        team: Option<String>,
        #[arg(long)]
        org: bool,
    },
    /// Every grant, and what this login may see
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    People,
    Assessments,
    Trainings,
    Offers,
    Notes,
    Framework,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    Json,
}

/// Hours: a number, 0 or more.
fn parse_hours(s: &str) -> Result<f64, String> {
    let h: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of hours"))?;
    if h.is_finite() && h >= 0.0 {
        Ok(h)
    } else {
        Err(format!("{s:?}: hours must be 0 or more"))
    }
}
