//! Making user text inert before it reaches a terminal.

use std::borrow::Cow;

/// Replaces control characters (C0, DEL, C1, which carry escape sequences) with U+FFFD, and
/// tabs and line breaks with a space, so stored text can never drive the terminal.
pub fn inert(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Like `inert`, but keeps line breaks (for multi-line note bodies).
pub fn inert_multiline(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                '\r' => ' ',
                c if c.is_control() => '\u{FFFD}',
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
    }
}
