//! Pure validators for what a user types into a form. UI-free: each returns the value it
//! accepts or the message to show beside the field. Uniqueness is checked by the caller
//! against the loaded data (the database constraints are the last line).

use chrono::NaiveDate;

/// The trimmed text, or "required" when there is none.
pub fn required(s: &str) -> Result<&str, String> {
    let t = s.trim();
    if t.is_empty() {
        Err("required".into())
    } else {
        Ok(t)
    }
}

/// `None` for an empty field, else the trimmed text.
pub fn optional(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// An email of the shape `local@domain.tld`, no spaces.
pub fn email(s: &str) -> Result<&str, String> {
    let t = s.trim();
    let bad = || Err("not an email (name@example.com)".to_string());
    let Some((local, domain)) = t.split_once('@') else {
        return bad();
    };
    if local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || t.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return bad();
    }
    Ok(t)
}

/// YYYY-MM-DD, or "today" / "yesterday" relative to `today`.
pub fn date(s: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "today" => Ok(today),
        "yesterday" => today
            .pred_opt()
            .ok_or_else(|| "no day before today".to_string()),
        _ => crate::model::parse_date(s).map_err(|_| "YYYY-MM-DD, today or yesterday".into()),
    }
}

/// A level 0..5.
pub fn level(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(l) if l <= 5 => Ok(l),
        _ => Err("a level is 0 to 5".into()),
    }
}

/// A skill key: a-z, 0-9 and '-'.
pub fn key(s: &str) -> Result<&str, String> {
    let t = required(s)?;
    if crate::model::is_valid_key(t) {
        Ok(t)
    } else {
        Err("a-z, 0-9, '-' (like prompt-design)".into())
    }
}

/// An http(s) URL with a host.
pub fn url(s: &str) -> Result<&str, String> {
    let t = s.trim();
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"));
    match rest {
        Some(r)
            if !r.is_empty()
                && !r.starts_with('/')
                && !t.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Ok(t)
        }
        _ => Err("a URL like https://example.com".into()),
    }
}

/// A non-negative number.
pub fn number(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Ok(n),
        _ => Err("expected a number, 0 or more".into()),
    }
}

/// completed_on may not come before offered_on.
pub fn completed_after(offered: NaiveDate, completed: NaiveDate) -> Result<(), String> {
    if completed < offered {
        Err(format!("before the offer ({offered})"))
    } else {
        Ok(())
    }
}

/// A required name no other record has: compared trimmed and case-insensitively, as the
/// database's unique NOCASE columns compare them. `others` are the other records' names.
pub fn unique_name<S: AsRef<str>>(
    s: &str,
    others: impl IntoIterator<Item = S>,
    clash: &str,
) -> Result<String, String> {
    let name = required(s)?;
    let lower = name.to_lowercase();
    if others
        .into_iter()
        .any(|o| o.as_ref().trim().to_lowercase() == lower)
    {
        Err(clash.to_string())
    } else {
        Ok(name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::model::parse_date(s).unwrap()
    }

    #[test]
    fn required_and_optional() {
        assert_eq!(required("  Ada "), Ok("Ada"));
        assert!(required("   ").is_err());
        assert_eq!(optional(" "), None);
        assert_eq!(optional(" x "), Some("x"));
    }

    #[test]
    fn emails() {
        assert!(email("ada@example.com").is_ok());
        for bad in [
            "ada",
            "@x.com",
            "ada@x",
            "a b@x.com",
            "a@@x.com",
            "a@x.",
            "a@.x",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_with_today_and_yesterday() {
        let today = d("2026-11-22");
        assert_eq!(date("today", today), Ok(today));
        assert_eq!(date(" Yesterday", today), Ok(d("2026-11-21")));
        assert_eq!(date("2026-01-31", today), Ok(d("2026-01-31")));
        assert!(date("2026-02-30", today).is_err());
        assert!(date("26-1-1", today).is_err());
        assert!(date("", today).is_err());
    }

    #[test]
    fn levels_keys_urls_numbers() {
        assert_eq!(level("5"), Ok(5));
        assert!(level("6").is_err());
        assert!(level("-1").is_err());
        assert!(key("prompt-design").is_ok());
        assert!(key("Prompt Design").is_err());
        assert!(key("").is_err());
        assert!(url("https://example.com/x").is_ok());
        assert!(url("ftp://example.com").is_err());
        assert!(url("https://").is_err());
        assert!(url("http://a b").is_err());
        assert_eq!(number("2.5"), Ok(2.5));
        assert!(number("-1").is_err());
        assert!(number("NaN").is_err());
    }

    #[test]
    fn completed_not_before_offered() {
        assert!(completed_after(d("2026-01-02"), d("2026-01-02")).is_ok());
        assert!(completed_after(d("2026-01-02"), d("2026-01-01")).is_err());
    }

    #[test]
    fn unique_names_ignore_case_and_spaces() {
        let others = ["Platform", " Data "];
        assert_eq!(
            unique_name(" Sales ", others, "taken"),
            Ok("Sales".to_string())
        );
        assert_eq!(
            unique_name("platform", others, "taken"),
            Err("taken".to_string())
        );
        assert_eq!(
            unique_name("DATA", others, "taken"),
            Err("taken".to_string())
        );
        assert_eq!(
            unique_name("  ", others, "taken"),
            Err("required".to_string())
        );
    }
}
