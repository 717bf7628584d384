//! `skillgap import` and `skillgap export`.

use crate::cli::{Env, Format, ImportKind};
use crate::export::{self, ExportFormat, Scope};
use crate::import::{self, ImportError, Kind};
use anyhow::{Result, anyhow, bail};
use std::path::{Path, PathBuf};

fn kind(k: ImportKind) -> Kind {
    match k {
        ImportKind::People => Kind::People,
        ImportKind::Assessments => Kind::Assessments,
        ImportKind::Trainings => Kind::Trainings,
        ImportKind::Offers => Kind::Offers,
        ImportKind::Notes => Kind::Notes,
        ImportKind::Framework => Kind::Framework,
    }
}

pub fn import(env: &Env, k: ImportKind, file: &Path, dry_run: bool) -> Result<()> {
    let bytes = crate::files::read_regular(file)
        .map_err(|e| anyhow!("{}: cannot read: {e}", file.display()))?;
    let store = env.open(true)?;
    // A damaged file is never written to; a dry run only reads, and warns.
    if dry_run {
        store.check_in_background();
    } else {
        store.ensure_writable()?;
    }
    let name = file.display().to_string();
    let bar = crate::cli::progress::Bar::new(bytes.len() as u64, "reading");
    let tick = bar.clone();
    let progress: import::Progress = std::sync::Arc::new(move |done, _| {
        tick.set(done);
        true
    });
    let result = import::run_with_progress(
        store.conn(),
        kind(k),
        &name,
        &bytes,
        dry_run,
        Some(progress),
    );
    bar.finish();
    match result {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("warning: {}", crate::text::inert(w));
            }
            println!("{}", crate::text::inert(&report.to_string()));
            crate::cli::warn_if_damaged(&store);
            Ok(())
        }
        Err(ImportError::Invalid {
            file,
            problems,
            warnings,
        }) => {
            for w in &warnings {
                eprintln!("warning: {}", crate::text::inert(w));
            }
            for line in problems.lines() {
                eprintln!("{}", crate::text::inert(&line));
            }
            bail!(
                "{}: nothing imported: {} problem{} (listed above)",
                crate::text::inert(&file),
                problems.total,
                if problems.total == 1 { "" } else { "s" }
            )
        }
        Err(ImportError::Store(e)) if e.is_busy() => bail!(
            "another skillgap or program is writing to {}; nothing was imported, try again when it finishes",
            env.db.display()
        ),
        Err(e) => Err(e.into()),
    }
}

pub fn export(
    env: &Env,
    format: Format,
    team: Option<String>,
    person: Option<String>,
    include_private: bool,
    output: Option<PathBuf>,
) -> Result<()> {
    let store = env.open_reading()?;
    let scope = match (team, person) {
        (Some(t), _) => Scope::Team(t),
        (None, Some(p)) => Scope::Person(p),
        (None, None) => Scope::All,
    };
    let format = match format {
        Format::Md => ExportFormat::Md,
        Format::Csv => ExportFormat::Csv,
        Format::Json => ExportFormat::Json,
        Format::Html => ExportFormat::Html,
    };
    let options = export::Options {
        scope,
        format,
        include_private,
    };
    // Loaded first (an unknown team or person is an error before anything is written),
    // then written person by person as each is made.
    let loaded = export::Loaded::load(&store, &env.config, env.today, &options)?;
    match output {
        Some(path) => {
            let mut file = export::AtomicFile::create(&path)?;
            let bar = crate::cli::progress::Bar::new(loaded.steps(), "writing");
            loaded
                .write_with_progress(&mut file, &|done| bar.set(done))
                .map_err(|e| file.error(e))?;
            bar.finish();
            file.commit()?;
            println!("wrote {}", path.display());
        }
        None => {
            use std::io::Write;
            let stdout = std::io::stdout().lock();
            let mut out = std::io::BufWriter::with_capacity(256 * 1024, stdout);
            let bar = crate::cli::progress::Bar::new(loaded.steps(), "writing");
            let written = loaded
                .write_with_progress(&mut out, &|done| bar.set(done))
                .and_then(|()| out.flush());
            bar.finish();
            match written {
                Ok(()) => {}
                // A closed pipe (`| head`) is not an error worth a message.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => bail!("cannot write to stdout: {e}"),
            }
        }
    }
    crate::cli::warn_if_damaged(&store);
    Ok(())
}
