//! Backups (`skillgap backup`, and the copy made before a migration): a new regular file,
//! private from its first byte, complete or absent. The copy is written under a temporary
//! name beside the destination and linked into place: a link never replaces what is there
//! and never follows a symlink, and a failure (a full disk) leaves neither the copy nor its
//! journal behind.

use crate::store::error::{Context, Result, StoreError};
use rusqlite::Connection;
use std::fs;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Writes a consistent copy of `conn`'s database to `dest` and returns the name used. With
/// `next_free`, a taken name gives way to `dest.1`, `dest.2` ... (an old backup is never
/// truncated); without, a taken name is refused.
pub(in crate::store) fn write_new(
    conn: &Connection,
    dest: &Path,
    next_free: bool,
) -> Result<PathBuf> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dest
        .file_name()
        .ok_or_else(|| StoreError::Invalid(format!("{}: not a file name", dest.display())))?
        .to_string_lossy()
        .into_owned();
    let tmp = dir.join(format!(".{name}.partial-{}", std::process::id()));
    let result = copy_to(conn, &tmp)
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", dest.display())))
        .and_then(|()| link_into_place(&tmp, dest, next_free));
    remove_with_journals(&tmp);
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    result
}

fn copy_to(conn: &Connection, tmp: &Path) -> Result<()> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(tmp)
        .ctx(|| {
            format!(
                "cannot create a file in {} (is the folder writable?)",
                tmp.parent().unwrap_or(Path::new(".")).display()
            )
        })?;
    conn.backup(rusqlite::MAIN_DB, tmp, None)
        .ctx(|| "the copy failed".into())
}

fn link_into_place(tmp: &Path, dest: &Path, next_free: bool) -> Result<PathBuf> {
    for n in 0..1000 {
        let candidate = if n == 0 {
            dest.to_path_buf()
        } else {
            let mut s = dest.as_os_str().to_owned();
            s.push(format!(".{n}"));
            PathBuf::from(s)
        };
        match fs::hard_link(tmp, &candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && next_free => continue,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let what = match fs::symlink_metadata(dest) {
                    Ok(m) if m.file_type().is_symlink() => "a symlink",
                    _ => crate::files::not_regular(dest).unwrap_or("a file"),
                };
                return Err(StoreError::Invalid(format!(
                    "{}: already exists ({what}); nothing was written, choose another name",
                    dest.display()
                )));
            }
            Err(e) => return Err(e).ctx(|| format!("{}: cannot create", candidate.display())),
        }
    }
    Err(StoreError::Invalid(format!(
        "{}: too many backups with this name",
        dest.display()
    )))
}

fn remove_with_journals(tmp: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut s = tmp.as_os_str().to_owned();
        s.push(suffix);
        let _ = fs::remove_file(PathBuf::from(s));
    }
}
