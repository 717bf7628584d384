//! JSON: the document as the SPEC shapes it, pretty-printed.

use super::Document;

pub fn render(doc: &Document) -> String {
    // Serialising plain structs of strings and numbers cannot fail; non-finite numbers
    // cannot occur (every fraction divides by a non-zero count) and would become null.
    let mut s = serde_json::to_string_pretty(doc)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    s.push('\n');
    s
}

/// Writes the document with `people` as its people, as `render` writes the whole document:
/// `header` is the document without them (its `people` empty).
pub fn write(
    w: &mut dyn std::io::Write,
    header: &Document,
    people: &dyn super::stream::People,
) -> std::io::Result<()> {
    let head = render(header);
    // The people go inside their array, at the indentation of a top-level field's items.
    const MARK: &str = "\n  \"people\": []";
    let Some(at) = head.find(MARK).map(|i| i + MARK.len() - 1) else {
        return w.write_all(head.as_bytes());
    };
    if people.is_empty() {
        return w.write_all(head.as_bytes());
    }
    w.write_all(&head.as_bytes()[..at])?;
    let mut first = true;
    people.each(&mut |p| {
        let one = serde_json::to_string_pretty(p).map_err(std::io::Error::other)?;
        let mut part = String::with_capacity(one.len() + one.len() / 8 + 8);
        part.push_str(if first { "\n" } else { ",\n" });
        first = false;
        for (i, line) in one.lines().enumerate() {
            if i > 0 {
                part.push('\n');
            }
            part.push_str("    ");
            part.push_str(line);
        }
        w.write_all(part.as_bytes())
    })?;
    w.write_all(b"\n  ")?;
    w.write_all(&head.as_bytes()[at..])
}
