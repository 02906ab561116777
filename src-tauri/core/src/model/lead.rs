//! The lead: the shared record marketing produces and sales turns into deals.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::text;
use crate::{Error, Result};

/// Where a lead stands in the buyer's journey, in order; `Disqualified` stands apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStage {
    Subscriber,
    Lead,
    Mql,
    Sql,
    Opportunity,
    Customer,
    Disqualified,
}

impl LifecycleStage {
    pub const ALL: [LifecycleStage; 7] =
        [Self::Subscriber, Self::Lead, Self::Mql, Self::Sql, Self::Opportunity, Self::Customer, Self::Disqualified];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Subscriber => "subscriber",
            Self::Lead => "lead",
            Self::Mql => "mql",
            Self::Sql => "sql",
            Self::Opportunity => "opportunity",
            Self::Customer => "customer",
            Self::Disqualified => "disqualified",
        }
    }

    pub fn parse(raw: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim().to_ascii_lowercase()).ok_or_else(|| {
            let names: Vec<_> = Self::ALL.iter().map(|s| s.as_str()).collect();
            Error::invalid("lifecycle_stage", format!("{raw:?} is not one of {}", names.join(", ")))
        })
    }

    /// The stages a lead moves through, in order: the funnel's rows.
    pub const FUNNEL: [LifecycleStage; 6] =
        [Self::Subscriber, Self::Lead, Self::Mql, Self::Sql, Self::Opportunity, Self::Customer];

    /// Place in `FUNNEL`; a disqualified lead is off it.
    pub fn rank(self) -> Option<i64> {
        Self::FUNNEL.iter().position(|s| *s == self).map(|p| p as i64)
    }

    /// How far a lead got: the furthest of its stage now and every stage its history names
    /// (`history`: stage names, as `lead_events` keeps them). A lead never on the funnel (made
    /// disqualified) counts as a lead.
    pub fn reached<'a>(now: LifecycleStage, history: impl IntoIterator<Item = &'a str>) -> i64 {
        history
            .into_iter()
            .filter_map(|s| LifecycleStage::parse(s).ok())
            .chain([now])
            .filter_map(LifecycleStage::rank)
            .max()
            .unwrap_or(1)
    }
}

/// A lead as the UI and the CLI see it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Lead {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The name of the lead's company, if any.
    pub company: Option<String>,
    pub job_title: Option<String>,
    pub owner: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub lifecycle_stage: LifecycleStage,
    pub score: i64,
    pub source: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// What a person types into the lead form: every field as entered, checked by `validate`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
pub struct LeadInput {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub job_title: Option<String>,
    pub owner: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub lifecycle_stage: Option<LifecycleStage>,
    pub source: Option<String>,
}

/// A `LeadInput` that passed validation: trimmed, empty fields dropped, tags de-duplicated.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidLead {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub job_title: Option<String>,
    pub owner: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub lifecycle_stage: LifecycleStage,
    pub source: Option<String>,
}

pub const MAX_TAGS: usize = 50;

impl LeadInput {
    pub fn validate(&self) -> Result<ValidLead> {
        let mut tags: Vec<String> = Vec::new();
        for raw in &self.tags {
            let Some(tag) = text::optional_line("tags", Some(raw), 50)? else { continue };
            if tag.contains(',') {
                return Err(Error::invalid("tags", format!("tag {tag:?} contains a comma")));
            }
            // One tag per name as the store tells names apart, so what is shown is what is kept.
            if !tags.iter().any(|t| text::nocase_key(t) == text::nocase_key(&tag)) {
                tags.push(tag);
            }
        }
        if tags.len() > MAX_TAGS {
            return Err(Error::invalid("tags", format!("a lead can carry at most {MAX_TAGS} tags")));
        }
        Ok(ValidLead {
            name: text::optional_line("name", Some(&self.name), 200)?
                .ok_or_else(|| Error::invalid("name", "is required"))?,
            email: text::email("email", self.email.as_deref())?,
            phone: text::phone("phone", self.phone.as_deref())?,
            company: text::optional_line("company", self.company.as_deref(), 200)?,
            job_title: text::optional_line("job_title", self.job_title.as_deref(), 200)?,
            owner: text::optional_line("owner", self.owner.as_deref(), 100)?,
            tags,
            notes: text::optional("notes", self.notes.as_deref(), 20_000)?,
            lifecycle_stage: self.lifecycle_stage.unwrap_or(LifecycleStage::Lead),
            source: text::optional_line("source", self.source.as_deref(), 100)?,
        })
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LeadSort {
    #[default]
    Name,
    Created,
    Updated,
    Score,
}

/// One page of the leads list: filters, sort, and the window wanted. With `search` set, results
/// come in relevance order and `sort` is ignored.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
pub struct LeadQuery {
    pub search: Option<String>,
    pub stage: Option<LifecycleStage>,
    pub owner: Option<String>,
    pub tag: Option<String>,
    pub sort: LeadSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

pub const MAX_PAGE: u32 = 500;
pub const MIN_SEARCH_CHARS: usize = 2;

impl LeadQuery {
    /// Checks the window and turns the search text into quoted FTS5 prefix terms.
    pub fn search_terms(&self) -> Result<Option<Vec<String>>> {
        if self.limit == 0 || self.limit > MAX_PAGE {
            return Err(Error::invalid("limit", format!("must be between 1 and {MAX_PAGE}")));
        }
        let Some(raw) = self.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(None);
        };
        if raw.chars().count() < MIN_SEARCH_CHARS {
            return Err(Error::invalid("search", format!("type at least {MIN_SEARCH_CHARS} characters")));
        }
        if raw.chars().count() > 200 {
            return Err(Error::invalid("search", "is longer than 200 characters"));
        }
        match prefix_terms(raw) {
            Some(terms) => Ok(Some(terms)),
            None => Err(Error::invalid("search", "type some letters or digits")),
        }
    }
}

/// Each word of the user's text becomes an FTS5 prefix term that must match the start of a word.
/// Words are quoted, so FTS5 operators typed by the user are taken literally.
pub fn prefix_terms(raw: &str) -> Option<Vec<String>> {
    let terms: Vec<String> =
        raw.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"*")).collect();
    (!terms.is_empty()).then_some(terms)
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LeadPage {
    /// How many leads match the filters in all (not just this page).
    pub total: u32,
    pub offset: u32,
    pub leads: Vec<Lead>,
}

/// The values the leads filters offer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LeadFacets {
    pub owners: Vec<String>,
    pub tags: Vec<String>,
    /// Live leads in the workspace, whatever the filters.
    pub total: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lead_has_reached_the_furthest_stage_it_was_ever_at() {
        use LifecycleStage::*;
        assert_eq!(LifecycleStage::reached(Mql, []), 2);
        // Disqualified after being an SQL: it got as far as SQL.
        assert_eq!(LifecycleStage::reached(Disqualified, ["sql", "disqualified"]), 3);
        // Moved back by hand: still reached opportunity.
        assert_eq!(LifecycleStage::reached(Lead, ["opportunity", "lead"]), 4);
        assert_eq!(LifecycleStage::reached(Disqualified, []), 1);
        assert_eq!(LifecycleStage::reached(Subscriber, ["bogus"]), 0);
    }

    #[test]
    fn search_text_becomes_quoted_prefix_terms() {
        assert_eq!(prefix_terms("ana ex").unwrap(), ["\"ana\"*", "\"ex\"*"]);
        assert_eq!(prefix_terms("o'neil AND").unwrap(), ["\"o\"*", "\"neil\"*", "\"AND\"*"]);
        assert_eq!(prefix_terms("\"*"), None);
    }

    #[test]
    fn tags_are_trimmed_and_deduplicated_case_insensitively() {
        let input = LeadInput {
            name: " Ana ".into(),
            tags: vec!["VIP".into(), " vip ".into(), "".into(), "trade show".into(), "Ärzte".into(), "ärzte".into()],
            ..Default::default()
        };
        let valid = input.validate().unwrap();
        assert_eq!(valid.name, "Ana");
        // NOCASE folds ASCII letters only: the store keeps "Ärzte" and "ärzte" as two tags, and so
        // does the lead.
        assert_eq!(valid.tags, vec!["VIP", "trade show", "Ärzte", "ärzte"]);
        assert_eq!(valid.lifecycle_stage, LifecycleStage::Lead);
    }
}
