//! Field-level checks shared by every record: trimming, lengths, emails, phone numbers.

use crate::{Error, Result};

/// Trims and requires a value of at most `max` characters.
pub fn required(field: &'static str, raw: &str, max: usize) -> Result<String> {
    match optional(field, Some(raw), max)? {
        Some(v) => Ok(v),
        None => Err(Error::invalid(field, "is required")),
    }
}

/// Trims; an empty value becomes `None`; longer than `max` characters is an error.
pub fn optional(field: &'static str, raw: Option<&str>, max: usize) -> Result<Option<String>> {
    let Some(v) = raw.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let len = v.chars().count();
    if len > max {
        return Err(Error::invalid(field, format!("is {len} characters long; the limit is {max}")));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(Error::invalid(field, "contains control characters"));
    }
    Ok(Some(v.to_owned()))
}

/// A name as the store tells names apart: SQLite's NOCASE collation and `lower()` fold ASCII
/// letters only ("ÖKOBAU GmbH" → "Ökobau gmbh"), so a key folded any further would miss a name
/// the store holds.
pub fn nocase_key(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// A website or a bare domain as its host, lower-cased, without "www.": "https://www.Acme.com/about"
/// → "acme.com"; the reason when it is neither.
pub fn domain_of(raw: &str) -> std::result::Result<String, String> {
    let lower = raw.trim().to_lowercase();
    let rest = lower.split_once("://").map(|(_, r)| r).unwrap_or(&lower);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let ok = host.contains('.')
        && host.len() <= 253
        && host.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    if ok { Ok(host.to_owned()) } else { Err(format!("{raw:?} is not a website or domain")) }
}

/// A plain date as typed (`YYYY-MM-DD`); empty is `None`.
pub fn date(field: &'static str, raw: Option<&str>) -> Result<Option<chrono::NaiveDate>> {
    match raw.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(None),
        Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Error::invalid(field, format!("{d:?} is not a date (write it as YYYY-MM-DD)"))),
    }
}

/// Like `optional`, but a single line: no line breaks or tabs.
pub fn optional_line(field: &'static str, raw: Option<&str>, max: usize) -> Result<Option<String>> {
    let v = optional(field, raw, max)?;
    if v.as_deref().is_some_and(|v| v.contains(['\n', '\r', '\t'])) {
        return Err(Error::invalid(field, "must be a single line"));
    }
    Ok(v)
}

/// A practical email check: one `@`, a local part, and a dotted domain of letters, digits and
/// hyphens. Stored as typed (trimmed); comparisons are case-insensitive.
pub fn email(field: &'static str, raw: Option<&str>) -> Result<Option<String>> {
    let Some(v) = optional_line(field, raw, 254)? else { return Ok(None) };
    let bad = |why: &str| Err(Error::invalid(field, format!("{v:?} is not an email address: {why}")));
    let Some((local, domain)) = v.rsplit_once('@') else { return bad("it has no @") };
    if local.is_empty() || local.len() > 64 {
        return bad("the part before @ must be 1 to 64 characters");
    }
    if local.contains('@') || v.contains(char::is_whitespace) {
        return bad("it contains spaces or more than one @");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return bad("dots in the part before @ are misplaced");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return bad("the domain needs a dot, as in example.com");
    }
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if !labels.iter().all(label_ok) {
        return bad("the domain is malformed");
    }
    Ok(Some(v))
}

/// Phone numbers as people write them: digits with + ( ) - . / spaces and an extension.
pub fn phone(field: &'static str, raw: Option<&str>) -> Result<Option<String>> {
    let Some(v) = optional_line(field, raw, 40)? else { return Ok(None) };
    let allowed = |c: char| c.is_ascii_digit() || " +()-./xX#".contains(c) || c.is_ascii_alphabetic();
    if !v.chars().all(allowed) {
        return Err(Error::invalid(field, format!("{v:?} is not a phone number: unexpected characters")));
    }
    if v.chars().filter(char::is_ascii_digit).count() < 3 {
        return Err(Error::invalid(field, format!("{v:?} is not a phone number: too few digits")));
    }
    if v.chars().filter(|c| c.is_ascii_alphabetic()).any(|c| !"extEXT".contains(c)) {
        return Err(Error::invalid(field, format!("{v:?} is not a phone number: letters other than ext")));
    }
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["ana@example.com", "a.b+tag@sub.example.co.uk", "José@exämple.de"] {
            assert!(email("email", Some(ok)).is_ok(), "{ok}");
        }
        for bad in ["ana", "ana@", "@x.com", "ana@example", "a b@x.com", "a@@x.com", "a@x..com", ".a@x.com"] {
            assert!(email("email", Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(email("email", Some("  ")).unwrap(), None);
    }

    #[test]
    fn phones() {
        for ok in ["+49 30 1234567", "(555) 010-9999 ext 12", "030/123.45"] {
            assert!(phone("phone", Some(ok)).is_ok(), "{ok}");
        }
        for bad in ["12", "call me", "+49 30 <b>1</b>"] {
            assert!(phone("phone", Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(required("name", &"é".repeat(200), 200).is_ok());
        let err = required("name", &"é".repeat(201), 200).unwrap_err();
        assert_eq!(err.to_string(), "name: is 201 characters long; the limit is 200");
        assert!(required("name", "   ", 200).is_err());
    }
}
