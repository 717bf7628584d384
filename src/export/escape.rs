//! Escaping user text for each format. The document is already inert (no control
//! characters); these make sure text is shown as text, never run or interpreted.

/// A CSV cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
/// tab or CR) gets a leading `'`, so it is shown as text.
pub fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

/// Markdown: every character Markdown could read as markup is backslash-escaped (pipes too,
/// so a name cannot break a table), line breaks become spaces.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_start = true;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~'
            | '&' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '0'..='9' if at_start => {
                // "1." or "1)" at the start would begin an ordered list.
                out.push(c);
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_digit() {
                        out.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if let Some(&p @ ('.' | ')')) = chars.peek() {
                    out.push('\\');
                    out.push(p);
                    chars.next();
                }
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
        at_start = false;
    }
    out
}

/// HTML text and attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// " by AUTHOR" (a note's author), escaped for the format; nothing when it is not known.
pub fn by<T: std::fmt::Display>(author: &str, escape: impl Fn(&str) -> T) -> String {
    if author.is_empty() {
        String::new()
    } else {
        format!(" by {}", escape(author))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for s in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(csv_cell("Ann"), "Ann");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn markdown_markup_is_escaped() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("# Title"), "\\# Title");
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("1. one"), "1\\. one");
        assert_eq!(md("Ann-Marie 2.0"), "Ann-Marie 2.0");
        assert_eq!(md("<script>"), "\\<script\\>");
        assert_eq!(
            md("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(md("*b* _i_ `c`"), "\\*b\\* \\_i\\_ \\`c\\`");
        assert_eq!(md("a\nb"), "a b");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
    }
}
