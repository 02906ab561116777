//! The lead score: rules anyone can read, each with its points, and the reasons a lead earned.
//! Fit rules look at who the lead is (job title, company, email); engagement rules count what
//! the lead did (touchpoints, done activities), each event's points halving every
//! `half_life_days` so old interest fades.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use super::activity::ActivityKind;
use super::lead_record::TouchpointKind;
use super::text;
use crate::{Error, Result};

pub const MAX_RULES: usize = 50;
pub const MAX_POINTS: i32 = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoringRules {
    pub rules: Vec<ScoreRule>,
    /// Days after which an engagement event counts half; 0: events never fade.
    pub half_life_days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoreRule {
    /// What the reason says: "Decision maker".
    pub label: String,
    pub when: Condition,
    /// Points earned once (fit) or per event (engagement); negative to count against.
    pub points: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// Fit: the field holds one of these phrases as whole words, case and accents aside.
    Field { field: FitField, any_of: Vec<String> },
    /// Fit: an email at a domain that is not a free-mail provider's.
    BusinessEmail,
    /// Engagement: each touchpoint of this kind (any kind when `None`), the newest `at_most`.
    Touchpoint { touch: Option<TouchpointKind>, at_most: u32 },
    /// Engagement: each done activity of this kind (any kind when `None`), the newest `at_most`.
    Activity { activity: Option<ActivityKind>, at_most: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FitField {
    JobTitle,
    Industry,
    CompanySize,
    Source,
}

impl FitField {
    fn label(self) -> &'static str {
        match self {
            FitField::JobTitle => "job title",
            FitField::Industry => "industry",
            FitField::CompanySize => "company size",
            FitField::Source => "source",
        }
    }
}

impl Default for ScoringRules {
    /// A starting point for a small business selling to other businesses.
    fn default() -> Self {
        let field = |label: &str, field, words: &[&str], points| ScoreRule {
            label: label.into(),
            when: Condition::Field { field, any_of: words.iter().map(|w| (*w).into()).collect() },
            points,
        };
        let touch = |label: &str, kind, at_most, points| ScoreRule {
            label: label.into(),
            when: Condition::Touchpoint { touch: Some(kind), at_most },
            points,
        };
        let activity = |label: &str, kind, at_most, points| ScoreRule {
            label: label.into(),
            when: Condition::Activity { activity: Some(kind), at_most },
            points,
        };
        use FitField::*;
        use TouchpointKind as T;
        ScoringRules {
            rules: vec![
                field(
                    "Decision maker",
                    JobTitle,
                    &["owner", "founder", "ceo", "president", "director", "head", "partner", "chief"],
                    15,
                ),
                field("Manager", JobTitle, &["manager"], 5),
                field("Student or intern", JobTitle, &["student", "intern"], -10),
                field("Company of 51 to 500", CompanySize, &["51-200", "201-500"], 10),
                ScoreRule { label: "Business email".into(), when: Condition::BusinessEmail, points: 10 },
                touch("Referral", T::Referral, 1, 20),
                touch("Event attended", T::EventAttended, 3, 15),
                touch("Trade show visit", T::TradeShow, 2, 10),
                touch("Form filled", T::FormFill, 3, 10),
                touch("Walk-in", T::WalkIn, 2, 10),
                touch("Email click", T::EmailClick, 5, 3),
                touch("Ad click", T::AdClick, 5, 2),
                activity("Meeting held", ActivityKind::Meeting, 3, 10),
                activity("Call made", ActivityKind::Call, 5, 5),
            ],
            half_life_days: 30,
        }
    }
}

impl ScoringRules {
    /// The rules with their text trimmed, checked as a settings form would check them.
    pub fn validate(&self) -> Result<ScoringRules> {
        if self.rules.len() > MAX_RULES {
            return Err(Error::invalid("rules", format!("keep at most {MAX_RULES} rules")));
        }
        if self.half_life_days > 3650 {
            return Err(Error::invalid("half_life_days", "must be between 0 and 3650 days"));
        }
        let rules = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, rule)| rule.validate().map_err(|e| in_rule(e, i + 1)))
            .collect::<Result<_>>()?;
        Ok(ScoringRules { rules, half_life_days: self.half_life_days })
    }
}

impl ScoreRule {
    fn validate(&self) -> Result<ScoreRule> {
        let label = text::optional_line("label", Some(&self.label), 80)?
            .ok_or_else(|| Error::invalid("label", "is required"))?;
        if !(-MAX_POINTS..=MAX_POINTS).contains(&self.points) || self.points == 0 {
            return Err(Error::invalid(
                "points",
                format!("must be a whole number from -{MAX_POINTS} to {MAX_POINTS}, other than 0"),
            ));
        }
        let when = match &self.when {
            Condition::Field { field, any_of } => {
                let mut words = Vec::new();
                for raw in any_of {
                    if let Some(word) = text::optional_line("any_of", Some(raw), 80)? {
                        if fold(&word).is_empty() {
                            return Err(Error::invalid("any_of", format!("{word:?} has no letters or digits")));
                        }
                        words.push(word);
                    }
                }
                if words.is_empty() || words.len() > 50 {
                    return Err(Error::invalid("any_of", "name between 1 and 50 words to look for"));
                }
                Condition::Field { field: *field, any_of: words }
            }
            Condition::Touchpoint { at_most, .. } | Condition::Activity { at_most, .. }
                if !(1..=100).contains(at_most) =>
            {
                return Err(Error::invalid("at_most", "must be between 1 and 100"));
            }
            other => other.clone(),
        };
        Ok(ScoreRule { label, when, points: self.points })
    }
}

/// An error of one rule, named by its place in the list so the settings form can point at it.
fn in_rule(error: Error, n: usize) -> Error {
    match error {
        Error::Invalid { field, reason } => Error::invalid("rules", format!("rule {n}: {field} {reason}")),
        other => other,
    }
}

/// What a score is computed from: the lead, its company, and its dated events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreFacts {
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub industry: Option<String>,
    pub company_size: Option<String>,
    pub source: Option<String>,
    pub touches: Vec<(TouchpointKind, NaiveDate)>,
    pub activities: Vec<(ActivityKind, NaiveDate)>,
}

/// One rule a lead met, with the points it brought.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScoreReason {
    pub label: String,
    pub points: i64,
    /// What met it: `job title "Head of Sales"`, `3 events, newest 12 days ago`.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Score {
    /// The sum of the reasons' points.
    pub total: i64,
    pub reasons: Vec<ScoreReason>,
}

/// The score of one lead as of `day` (the day ages are counted to).
pub fn score(rules: &ScoringRules, facts: &ScoreFacts, day: NaiveDate) -> Score {
    Scorer::new(rules).score(facts, day)
}

/// The rules made ready to score many leads: their phrases folded once.
pub struct Scorer<'a> {
    rules: &'a ScoringRules,
    /// Per rule, its phrases as folded words (empty for other conditions).
    phrases: Vec<Vec<Vec<String>>>,
}

impl<'a> Scorer<'a> {
    pub fn new(rules: &'a ScoringRules) -> Scorer<'a> {
        let phrases = rules
            .rules
            .iter()
            .map(|r| match &r.when {
                Condition::Field { any_of, .. } => any_of.iter().map(|w| fold(w)).filter(|w| !w.is_empty()).collect(),
                _ => Vec::new(),
            })
            .collect();
        Scorer { rules, phrases }
    }

    pub fn score(&self, facts: &ScoreFacts, day: NaiveDate) -> Score {
        self.evaluate(facts, day, true)
    }

    /// The total alone, without the reasons' words: for scoring many leads.
    pub fn total(&self, facts: &ScoreFacts, day: NaiveDate) -> i64 {
        self.evaluate(facts, day, false).total
    }

    /// The reasons, their details written when `explain`.
    fn evaluate(&self, facts: &ScoreFacts, day: NaiveDate, explain: bool) -> Score {
        let say = |text: &dyn Fn() -> String| if explain { text() } else { String::new() };
        // Each field is folded once, when a rule first looks at it.
        let mut folded: [Option<Vec<String>>; 4] = Default::default();
        let mut reasons = Vec::new();
        for (rule, phrases) in self.rules.rules.iter().zip(&self.phrases) {
            let met = match &rule.when {
                Condition::Field { field, .. } => {
                    let (value, slot) = match field {
                        FitField::JobTitle => (&facts.job_title, 0),
                        FitField::Industry => (&facts.industry, 1),
                        FitField::CompanySize => (&facts.company_size, 2),
                        FitField::Source => (&facts.source, 3),
                    };
                    value.as_deref().and_then(|v| {
                        let words = folded[slot].get_or_insert_with(|| fold(v));
                        phrases
                            .iter()
                            .any(|p| holds(words, p))
                            .then(|| (i64::from(rule.points), say(&|| format!("{} {v:?}", field.label()))))
                    })
                }
                Condition::BusinessEmail => facts
                    .email
                    .as_deref()
                    .and_then(|e| e.rsplit_once('@'))
                    .filter(|(_, domain)| !is_free_mail(domain))
                    .map(|(_, domain)| {
                        (i64::from(rule.points), say(&|| format!("email at {}", domain.to_lowercase())))
                    }),
                Condition::Touchpoint { touch, at_most } => {
                    let dates = facts.touches.iter().filter(|(k, _)| touch.is_none_or(|t| t == *k)).map(|(_, d)| *d);
                    engagement(
                        rule.points,
                        *at_most,
                        self.rules.half_life_days,
                        dates,
                        day,
                        explain.then_some("touchpoint"),
                    )
                }
                Condition::Activity { activity, at_most } => {
                    let dates =
                        facts.activities.iter().filter(|(k, _)| activity.is_none_or(|a| a == *k)).map(|(_, d)| *d);
                    engagement(rule.points, *at_most, self.rules.half_life_days, dates, day, explain.then_some("time"))
                }
            };
            if let Some((points, detail)) = met.filter(|(p, _)| *p != 0) {
                let label = if explain { rule.label.clone() } else { String::new() };
                reasons.push(ScoreReason { label, points, detail });
            }
        }
        Score { total: reasons.iter().map(|r| r.points).sum(), reasons }
    }
}

/// The points of the newest `at_most` events, each faded by its age, rounded once; and, given
/// the noun the events are counted in, what they were.
fn engagement(
    points: i32,
    at_most: u32,
    half_life: u32,
    dates: impl Iterator<Item = NaiveDate>,
    day: NaiveDate,
    noun: Option<&str>,
) -> Option<(i64, String)> {
    let mut dates: Vec<NaiveDate> = dates.collect();
    if dates.is_empty() {
        return None;
    }
    dates.sort_unstable_by(|a, b| b.cmp(a));
    dates.truncate(at_most as usize);
    let age = |d: &NaiveDate| (day - *d).num_days().max(0);
    let sum: f64 = dates
        .iter()
        .map(|d| {
            let fade = if half_life == 0 { 1.0 } else { 0.5f64.powf(age(d) as f64 / f64::from(half_life)) };
            f64::from(points) * fade
        })
        .sum();
    let Some(noun) = noun else { return Some((sum.round() as i64, String::new())) };
    let count = dates.len();
    let times = match (noun, count) {
        ("time", 1) => "once".to_owned(),
        ("time", 2) => "twice".to_owned(),
        ("time", n) => format!("{n} times"),
        (noun, 1) => format!("1 {noun}"),
        (noun, n) => format!("{n} {noun}s"),
    };
    let newest = match age(&dates[0]) {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        n => format!("{n} days ago"),
    };
    let when = if count == 1 { newest } else { format!("newest {newest}") };
    Some((sum.round() as i64, format!("{times}, {when}")))
}

/// Whether the folded words of a value hold a folded phrase, word for word (`"1-10"` is not in
/// `"201-1000"`).
fn holds(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|w| w == phrase)
}

/// Words of a text without accents, in lower case.
fn fold(text: &str) -> Vec<String> {
    let plain: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' })
        .collect();
    plain.split_whitespace().map(str::to_owned).collect()
}

/// Providers whose addresses anyone can get: an address there says nothing about a business.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "gmx.de",
    "gmx.net",
    "gmx.com",
    "gmx.at",
    "web.de",
    "t-online.de",
    "freenet.de",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "mail.com",
    "yandex.ru",
    "yandex.com",
    "mail.ru",
    "zoho.com",
    "fastmail.com",
    "hey.com",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "libero.it",
    "btinternet.com",
    "comcast.net",
    "verizon.net",
    "att.net",
    "sbcglobal.net",
    "ymail.com",
    "rocketmail.com",
    "tutanota.com",
    "tuta.io",
];

/// Families with a domain per country (yahoo.co.uk, hotmail.fr, live.de).
const FREE_MAIL_FAMILIES: &[&str] = &["yahoo.", "hotmail.", "live.", "outlook."];

fn is_free_mail(domain: &str) -> bool {
    let domain = domain.trim().to_ascii_lowercase();
    FREE_MAIL.contains(&domain.as_str()) || FREE_MAIL_FAMILIES.iter().any(|f| domain.starts_with(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn phrases_match_whole_words_without_case_or_accents() {
        let holds_phrase = |value: &str, phrase: &str| holds(&fold(value), &fold(phrase));
        assert!(holds_phrase("Head of Sales", "head"));
        assert!(holds_phrase("Directrice générale", "GENERALE"));
        assert!(holds_phrase("201-500", "201-500"));
        assert!(!holds_phrase("201-1000", "1-10"));
        assert!(!holds_phrase("Headhunter", "head"));
    }

    #[test]
    fn free_mail_is_known_by_domain_and_family() {
        assert!(is_free_mail("Gmail.com"));
        assert!(is_free_mail("yahoo.co.uk"));
        assert!(!is_free_mail("acme-bakery.de"));
    }

    #[test]
    fn each_reason_says_what_met_it_and_the_total_is_their_sum() {
        let facts = ScoreFacts {
            job_title: Some("Founder & CEO".into()),
            email: Some("ana@Acme.io".into()),
            company_size: Some("51-200".into()),
            touches: vec![
                (TouchpointKind::FormFill, day("2026-11-01")),
                (TouchpointKind::FormFill, day("2026-10-02")),
                (TouchpointKind::EmailClick, day("2026-11-30")),
            ],
            activities: vec![(ActivityKind::Meeting, day("2026-12-01"))],
            ..Default::default()
        };
        let score = score(&ScoringRules::default(), &facts, day("2026-12-01"));
        let got: Vec<(&str, i64, &str)> =
            score.reasons.iter().map(|r| (r.label.as_str(), r.points, r.detail.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Decision maker", 15, "job title \"Founder & CEO\""),
                ("Company of 51 to 500", 10, "company size \"51-200\""),
                ("Business email", 10, "email at acme.io"),
                // 10 × ½^(30/30) + 10 × ½^(60/30) = 5 + 2.5, rounded once.
                ("Form filled", 8, "2 touchpoints, newest 30 days ago"),
                ("Email click", 3, "1 touchpoint, yesterday"),
                ("Meeting held", 10, "once, today"),
            ]
        );
        assert_eq!(score.total, 56);
    }

    #[test]
    fn engagement_counts_only_the_newest_events_allowed() {
        let rules = ScoringRules {
            rules: vec![ScoreRule {
                label: "Any touch".into(),
                when: Condition::Touchpoint { touch: None, at_most: 2 },
                points: 4,
            }],
            half_life_days: 0,
        };
        let facts = ScoreFacts {
            touches: (1..=5).map(|d| (TouchpointKind::Other, day(&format!("2026-01-0{d}")))).collect(),
            ..Default::default()
        };
        let score = score(&rules, &facts, day("2026-01-10"));
        assert_eq!(score.total, 8);
        assert_eq!(score.reasons[0].detail, "2 touchpoints, newest 5 days ago");
    }

    #[test]
    fn a_lead_with_nothing_scores_zero_and_negative_rules_count_against() {
        let nothing = score(&ScoringRules::default(), &ScoreFacts::default(), day("2026-01-01"));
        assert_eq!((nothing.total, nothing.reasons.len()), (0, 0));
        let student =
            ScoreFacts { job_title: Some("Student".into()), email: Some("x@gmail.com".into()), ..Default::default() };
        let s = score(&ScoringRules::default(), &student, day("2026-01-01"));
        assert_eq!(s.total, -10);
    }

    #[test]
    fn rules_are_checked_with_the_rule_named() {
        let mut rules = ScoringRules::default();
        rules.rules[1].when = Condition::Field { field: FitField::JobTitle, any_of: vec!["  ".into()] };
        let err = rules.validate().unwrap_err().to_string();
        assert_eq!(err, "rules: rule 2: any_of name between 1 and 50 words to look for");
        let mut rules = ScoringRules::default();
        rules.rules[0].points = 0;
        assert!(rules.validate().is_err());
        assert!(ScoringRules::default().validate().is_ok());
    }
}
