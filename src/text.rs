//! Making user text inert before it reaches a terminal.

use std::borrow::Cow;

/// A bidirectional formatting character: the embeddings and overrides (U+202A-202E), the
/// isolates (U+2066-2069) and the marks (U+200E, U+200F, U+061C). They reorder how the
/// text around them is shown, so "Ann\u{202E}nimda" could read as another name.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn unsafe_char(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Replaces control characters (C0, DEL, C1, which carry escape sequences) and bidirectional
/// formatting characters with U+FFFD, and tabs and line breaks with a space, so stored text
/// can never drive the terminal or disguise itself.
pub fn inert(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if unsafe_char(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Like `inert`, but keeps line breaks (for multi-line note bodies).
pub fn inert_multiline(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| unsafe_char(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                '\r' => ' ',
                c if unsafe_char(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_pass() {
        let evil = "Ann\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m";
        let out = inert(evil);
        assert!(!out.chars().any(char::is_control), "{out:?}");
        assert!(out.starts_with("Ann"));
        assert_eq!(inert("plain 名前 🙂"), "plain 名前 🙂");
        assert_eq!(inert_multiline("a\nb\u{1b}c"), "a\nb\u{FFFD}c");
        for bidi in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            let s = format!("Ann{bidi}nimda");
            assert_eq!(inert(&s), "Ann\u{FFFD}nimda");
            assert_eq!(inert_multiline(&s), "Ann\u{FFFD}nimda");
        }
    }
}
