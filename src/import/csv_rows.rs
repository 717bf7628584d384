//! Reading an import CSV: BOM, header names case-insensitive, required and unknown columns,
//! ragged rows and bad UTF-8 reported with their line instead of stopping the import.

use super::Outcome;
use csv::{ByteRecord, StringRecord};

/// A column an import kind knows; `required` ones must be in the header and non-empty.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub name: &'static str,
    pub required: bool,
}

pub const fn req(name: &'static str) -> Col {
    Col {
        name,
        required: true,
    }
}

pub const fn opt(name: &'static str) -> Col {
    Col {
        name,
        required: false,
    }
}

/// The data rows of one CSV file, read one at a time.
pub struct Sheet<'a> {
    reader: csv::Reader<&'a [u8]>,
    cols: &'static [Col],
    /// For each of `cols`, its position in the header.
    index: Vec<Option<usize>>,
    width: usize,
    rows_seen: usize,
    buf: ByteRecord,
    /// The length of the file, for progress.
    total: u64,
}

/// One data row with the line it starts on.
pub struct Row {
    pub line: u64,
    rec: StringRecord,
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

impl<'a> Sheet<'a> {
    /// Reads the header. `None` when the file cannot be read any further (the problems are
    /// in `out`): empty, bad header, or required columns missing.
    pub fn open(bytes: &'a [u8], cols: &'static [Col], out: &mut Outcome) -> Option<Sheet<'a>> {
        let bytes = strip_bom(bytes);
        let expected = || {
            cols.iter()
                .map(|c| format!("{}{}", c.name, if c.required { "*" } else { "" }))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            out.problem(
                1,
                None,
                format!("the file is empty; expected a header row: {}", expected()),
            );
            return None;
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut header = ByteRecord::new();
        match reader.read_byte_record(&mut header) {
            Ok(true) => {}
            Ok(false) => {
                out.problem(1, None, "the file has no header row".to_string());
                return None;
            }
            Err(e) => {
                out.problem(1, None, format!("cannot read the header: {e}"));
                return None;
            }
        }
        let line = header.position().map_or(1, csv::Position::line);
        let mut names = Vec::with_capacity(header.len());
        for (i, field) in header.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(s) => names.push(s.trim().trim_start_matches('\u{FEFF}').to_lowercase()),
                Err(_) => {
                    out.problem(
                        line,
                        None,
                        format!("header column {} is not valid UTF-8", i + 1),
                    );
                    names.push(String::new());
                }
            }
        }
        let mut ok = true;
        let mut index = Vec::with_capacity(cols.len());
        for c in cols {
            let found: Vec<usize> = (0..names.len()).filter(|&i| names[i] == c.name).collect();
            if found.len() > 1 {
                out.problem(
                    line,
                    Some(c.name),
                    "column appears twice in the header".into(),
                );
                ok = false;
            }
            if found.is_empty() && c.required {
                out.problem(
                    line,
                    Some(c.name),
                    format!("required column missing (expected columns: {})", expected()),
                );
                ok = false;
            }
            index.push(found.first().copied());
        }
        let unknown: Vec<String> = names
            .iter()
            .filter(|n| !n.is_empty() && !cols.iter().any(|c| c.name == n.as_str()))
            .map(|n| format!("{:?}", crate::text::inert(n)))
            .collect();
        if !unknown.is_empty() {
            out.warnings.push(format!(
                "{}:{line}: ignored unknown column{} {} (known: {})",
                out.file,
                if unknown.len() == 1 { "" } else { "s" },
                unknown.join(", "),
                expected()
            ));
        }
        if !ok || !out.problems.is_empty() {
            return None;
        }
        Some(Sheet {
            reader,
            cols,
            index,
            width: names.len(),
            rows_seen: 0,
            buf: ByteRecord::new(),
            total: bytes.len() as u64,
        })
    }

    /// The next well-formed row. Ragged rows and bad UTF-8 are reported and skipped.
    pub fn next_row(&mut self, out: &mut Outcome) -> Option<Row> {
        // Now and then: how far the file is read, and whether to go on.
        if self.rows_seen.is_multiple_of(1024)
            && let Some(progress) = &out.progress
            && !progress(self.reader.position().byte(), self.total)
        {
            out.cancelled = true;
            return None;
        }
        loop {
            match self.reader.read_byte_record(&mut self.buf) {
                Ok(false) => {
                    if self.rows_seen == 0 {
                        let line = self.reader.position().line().max(1);
                        out.problem(line, None, "no rows after the header".into());
                    }
                    // All of it read: told so (the writing follows), and asked again.
                    if let Some(progress) = &out.progress
                        && !progress(self.total, self.total)
                    {
                        out.cancelled = true;
                    }
                    return None;
                }
                Err(e) => {
                    let line = e.position().map_or(0, csv::Position::line);
                    out.problem(line, None, format!("cannot read this row: {e}"));
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        return None;
                    }
                    self.rows_seen += 1;
                    continue;
                }
                Ok(true) => {}
            }
            self.rows_seen += 1;
            let line = self.buf.position().map_or(0, csv::Position::line);
            if self.buf.len() != self.width {
                out.problem(
                    line,
                    None,
                    format!(
                        "the row has {} field{}, the header has {}",
                        self.buf.len(),
                        if self.buf.len() == 1 { "" } else { "s" },
                        self.width
                    ),
                );
                continue;
            }
            match StringRecord::from_byte_record(std::mem::take(&mut self.buf)) {
                Ok(rec) => return Some(Row { line, rec }),
                Err(e) => {
                    let field = e.utf8_error().field();
                    let column = self
                        .index
                        .iter()
                        .position(|&i| i == Some(field))
                        .map(|c| self.cols[c].name);
                    let label = column.map_or(format!("field {}", field + 1), str::to_string);
                    out.problem(line, Some(&label), "not valid UTF-8".into());
                }
            }
        }
    }

    /// A cell, trimmed; `None` when the column is absent or the cell empty.
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> Option<&'r str> {
        let c = self.cols.iter().position(|c| c.name == name)?;
        let v = row.rec.get(self.index[c]?)?.trim();
        (!v.is_empty()).then_some(v)
    }

    /// A required cell; reports "required, but empty" when it is missing.
    pub fn need<'r>(&self, row: &'r Row, name: &'static str, out: &mut Outcome) -> Option<&'r str> {
        let v = self.get(row, name);
        if v.is_none() {
            out.problem(row.line, Some(name), "required, but empty".into());
        }
        v
    }

    /// A required cell turned into a value by `f` (a lookup or a parse); either failure is
    /// reported against this row and column.
    pub fn need_with<T>(
        &self,
        row: &Row,
        name: &'static str,
        out: &mut Outcome,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let v = self.need(row, name, out)?;
        f(v).map_err(|m| out.problem(row.line, Some(name), m)).ok()
    }
}
