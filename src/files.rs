//! Which files skillgap reads and writes: regular files only. A FIFO would block a read for
//! ever, a device or a symlink would be written through; these are refused before they
//! are opened.

use std::fs;
use std::io;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

/// What a path is, in a phrase, when it is not a regular file (symlinks followed).
pub fn not_regular(path: &Path) -> Option<&'static str> {
    let kind = fs::metadata(path).ok()?.file_type();
    describe(kind)
}

fn describe(kind: fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("a directory")
    } else if kind.is_fifo() {
        Some("a FIFO (named pipe)")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("a device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        Some("not a regular file")
    }
}

/// The error for a path that is not a regular file (the caller names the path).
pub fn refused(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file"),
    )
}

/// Reads a whole regular file; anything else (a FIFO, a device, a directory) is refused at
/// once, without opening it.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    if let Some(what) = not_regular(path) {
        return Err(refused(what));
    }
    fs::read(path)
}

/// For a path about to be written: refuses one that exists and is not a regular file or a
/// symlink (a FIFO, a device, a directory), so nothing is written through it or replaces it.
/// A symlink is not followed (it is replaced by the new file, never written through).
pub fn check_writable_target(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Ok(()),
        Ok(m) => match describe(m.file_type()) {
            Some(what) => Err(refused(what)),
            None => Ok(()),
        },
        Err(_) => Ok(()),
    }
}
