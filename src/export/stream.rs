//! Writing an export as it is made: the parts before the people, then each person as soon
//! as their part is made, then the end. A whole document and a streamed one go through the
//! same writers, so their bytes are the same.

use super::model::{Document, PersonDoc, Streamed};
use std::io::{self, Write};

/// The people of a document, in order: held (a whole document) or made one at a time.
pub trait People {
    fn is_empty(&self) -> bool;
    /// Calls `f` with each person in order; stops at its first error.
    fn each(&self, f: &mut dyn FnMut(&PersonDoc) -> io::Result<()>) -> io::Result<()>;
}

impl People for Vec<PersonDoc> {
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
    fn each(&self, f: &mut dyn FnMut(&PersonDoc) -> io::Result<()>) -> io::Result<()> {
        self.iter().try_for_each(f)
    }
}

impl People for Streamed<'_> {
    fn is_empty(&self) -> bool {
        Streamed::is_empty(self)
    }
    fn each(&self, f: &mut dyn FnMut(&PersonDoc) -> io::Result<()>) -> io::Result<()> {
        self.people().try_for_each(|p| f(&p))
    }
}

/// People that say how many were written so far (over every pass through them).
pub struct Counted<'a> {
    people: &'a dyn People,
    done: std::cell::Cell<u64>,
    progress: &'a dyn Fn(u64),
}

impl<'a> Counted<'a> {
    pub fn new(people: &'a dyn People, progress: &'a dyn Fn(u64)) -> Self {
        Counted {
            people,
            done: std::cell::Cell::new(0),
            progress,
        }
    }
}

impl People for Counted<'_> {
    fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
    fn each(&self, f: &mut dyn FnMut(&PersonDoc) -> io::Result<()>) -> io::Result<()> {
        self.people.each(&mut |p| {
            f(p)?;
            self.done.set(self.done.get() + 1);
            (self.progress)(self.done.get());
            Ok(())
        })
    }
}

/// Text written in parts: each part is made in a `String` (as the formats' code writes) and
/// handed on when done, so nothing larger than one person's part is held.
pub struct Parts<'w> {
    pub buf: String,
    out: &'w mut dyn Write,
}

impl<'w> Parts<'w> {
    pub fn new(out: &'w mut dyn Write) -> Self {
        Parts {
            buf: String::with_capacity(64 * 1024),
            out,
        }
    }

    /// Hands on what was made so far.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }
}

/// Renders into a string through a writer (`render` of each format).
pub fn to_string(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(&mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// The whole document's people, for `write` of a whole document.
pub fn held(doc: &Document) -> &Vec<PersonDoc> {
    &doc.people
}
