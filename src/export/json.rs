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
