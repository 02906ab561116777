//! Likely duplicate leads: the same email once normalised (case, plus-addressing, Gmail's dots),
//! the same phone number (its last nine digits), or a very similar name at the same company.
//! Emails and phones are compared by keys stored with each lead (migration 0020): `email_key`
//! and `phone_key` here, and `EMAIL_KEY` and `PHONE_KEY`, the same in SQL; names here.

use serde::Serialize;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

/// The email key as SQL, over a column named `email`: lower case, the `+tag` of the local part
/// dropped, and for Gmail the dots too (googlemail.com read as gmail.com). Migration 0020's
/// triggers compute it into `leads.email_key` for writes that do not supply it.
pub const EMAIL_KEY: &str = "CASE WHEN instr(lower(trim(email)), '@') > 1 THEN CASE WHEN substr(lower(trim(email)), instr(lower(trim(email)), '@') + 1) IN ('gmail.com', 'googlemail.com') THEN replace(CASE WHEN instr(lower(trim(email)), '+') > 0 AND instr(lower(trim(email)), '+') < instr(lower(trim(email)), '@') THEN substr(lower(trim(email)), 1, instr(lower(trim(email)), '+') - 1) ELSE substr(lower(trim(email)), 1, instr(lower(trim(email)), '@') - 1) END, '.', '') || '@gmail.com' ELSE CASE WHEN instr(lower(trim(email)), '+') > 0 AND instr(lower(trim(email)), '+') < instr(lower(trim(email)), '@') THEN substr(lower(trim(email)), 1, instr(lower(trim(email)), '+') - 1) ELSE substr(lower(trim(email)), 1, instr(lower(trim(email)), '@') - 1) END || '@' || substr(lower(trim(email)), instr(lower(trim(email)), '@') + 1) END END";

/// The phone key as SQL, over `phone`: its digits, of which the last nine (a national number
/// without its trunk or country prefix); `NULL` with fewer than seven digits.
pub const PHONE_KEY: &str = "CASE WHEN length(replace(replace(replace(replace(replace(replace(replace(replace(trim(phone), ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), '/', ''), char(160), '')) >= 7 THEN substr(replace(replace(replace(replace(replace(replace(replace(replace(trim(phone), ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), '/', ''), char(160), ''), -9) END";

/// `EMAIL_KEY` in Rust, for writers that supply the key themselves. SQLite's `trim` and `lower`
/// touch only spaces and ASCII letters, and so does this: the two must agree on every email.
pub fn email_key(email: &str) -> Option<String> {
    let e = email.trim_matches(' ').to_ascii_lowercase();
    let at = e.find('@').filter(|at| *at > 0)?;
    let (local, domain) = (&e[..at], &e[at + 1..]);
    let local = match local.find('+') {
        Some(plus) => &local[..plus],
        None => local,
    };
    Some(if domain == "gmail.com" || domain == "googlemail.com" {
        format!("{}@gmail.com", local.replace('.', ""))
    } else {
        format!("{local}@{domain}")
    })
}

/// `PHONE_KEY` in Rust: with seven characters or more once separators are dropped, the last nine.
pub fn phone_key(phone: &str) -> Option<String> {
    let kept: Vec<char> = phone.chars().filter(|c| !" -()+./\u{a0}".contains(*c)).collect();
    (kept.len() >= 7).then(|| kept[kept.len().saturating_sub(9)..].iter().collect())
}

/// Both keys of a lead, as `leads.email_key` and `leads.phone_key` hold them.
pub fn lead_keys(email: Option<&str>, phone: Option<&str>) -> (Option<String>, Option<String>) {
    (email.and_then(email_key), phone.and_then(phone_key))
}

/// Why two leads look like one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    Email,
    Phone,
    Name,
}

/// A lead as the duplicates list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LeadBrief {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
}

/// A lead that looks like the one being entered.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DuplicateMatch {
    pub lead: LeadBrief,
    pub reasons: Vec<DuplicateReason>,
}

/// Two leads that look like one person (`a` is the older).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DuplicatePair {
    pub a: LeadBrief,
    pub b: LeadBrief,
    pub reasons: Vec<DuplicateReason>,
}

/// A name as compared: letters and digits of its words without accents, in lower case, the words
/// sorted ("Müller, Anna" and "anna muller" read the same).
pub fn name_key(name: &str) -> String {
    let plain: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' })
        .collect();
    let mut words: Vec<&str> = plain.split_whitespace().collect();
    words.sort_unstable();
    words.join(" ")
}

/// Whether two name keys are close enough to be one person: equal, or a typo apart (Jaro-Winkler
/// similarity of at least 0.94 over names of some length).
pub fn similar_names(a: &str, b: &str) -> bool {
    a == b || (a.chars().count().min(b.chars().count()) >= 6 && strsim::jaro_winkler(a, b) >= 0.94)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_compute_the_same_keys() {
        let generated = include_str!("../../migrations/0010_duplicate_keys.sql");
        assert!(generated.contains(&format!("GENERATED ALWAYS AS ({EMAIL_KEY}) VIRTUAL")));
        assert!(generated.contains(&format!("GENERATED ALWAYS AS ({PHONE_KEY}) VIRTUAL")));
        let stored = include_str!("../../migrations/0020_stored_duplicate_keys.sql");
        let set = format!("SET email_key = ({EMAIL_KEY}), phone_key = ({PHONE_KEY})");
        assert_eq!(stored.matches(&set).count(), 3, "the back-fill and both triggers");
    }

    #[test]
    fn keys_drop_case_tags_gmail_dots_and_phone_separators() {
        assert_eq!(email_key(" Ana.B+news@GMail.com ").as_deref(), Some("anab@gmail.com"));
        assert_eq!(email_key("a.b+x@example.com").as_deref(), Some("a.b@example.com"));
        assert_eq!(email_key("a@b+c.com").as_deref(), Some("a@b+c.com"), "a + after the @ stays");
        assert_eq!(email_key("@example.com"), None);
        assert_eq!(phone_key("+49 (30) 123-4567").as_deref(), Some("301234567"));
        assert_eq!(phone_key("12 34"), None);
    }

    #[test]
    fn names_compare_without_accents_case_order_or_punctuation() {
        assert_eq!(name_key("Müller, Anna"), "anna muller");
        assert_eq!(name_key("  ANNA   MÜLLER "), "anna muller");
        assert_eq!(name_key("Zoë O'Brien"), "brien o zoe");
        assert_eq!(name_key("Łukasz Żółć"), "zołc łukasz", "Ł is a letter of its own, not an L with a mark");
        assert!(similar_names(&name_key("Jonathan Smith"), &name_key("Jonathon Smith")));
        assert!(similar_names(&name_key("Renée Dubois"), &name_key("Renee Dubois")));
        assert!(!similar_names(&name_key("Ann Lee"), &name_key("Ian Lee")), "short names must match exactly");
        assert!(!similar_names(&name_key("Maria Garcia"), &name_key("Mario Gomez")));
    }
}
