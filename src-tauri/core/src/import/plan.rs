//! What an import will do, decided before anything is written: each checked row is new, an
//! update of the lead it matches (filling its empty fields or overwriting them), or skipped;
//! the store reads which leads match, this decides.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mapping::Columns;
use super::rows::{Incoming, RowProblem};
use crate::model::duplicates::{email_key, phone_key};
use crate::model::lead::{LifecycleStage, ValidLead};
use crate::model::text::nocase_key;

/// What to do with a row whose key matches a lead already there (or an earlier row).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    #[default]
    Skip,
    /// Fill the lead's empty fields; add tags.
    Fill,
    /// Replace the lead's fields with the file's non-empty values; add tags.
    Overwrite,
    /// Create a new lead anyway.
    Create,
}

/// The key that says two records are one person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchOn {
    /// The email without case, +tag or (for Gmail) dots.
    #[default]
    Email,
    /// The last nine digits of the phone number.
    Phone,
}

/// How a file is imported: each column's field, and what to do with duplicates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportOptions {
    pub columns: Columns,
    pub on_duplicate: OnDuplicate,
    pub match_on: MatchOn,
}

/// A lead already in the workspace as a merge needs it (and as an undo puts it back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Existing {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub job_title: Option<String>,
    pub owner: Option<String>,
    pub lifecycle_stage: LifecycleStage,
    pub source: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    /// The campaigns it has touchpoints on (names, lower case).
    #[serde(default)]
    pub campaigns: Vec<String>,
}

/// A matched lead and what it becomes.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub before: Existing,
    pub after: ValidLead,
    pub incoming: Incoming,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SkippedRow {
    pub row: u32,
    pub reason: String,
}

/// Everything an import will do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub creates: Vec<Incoming>,
    pub updates: Vec<Update>,
    pub skipped: Vec<SkippedRow>,
    pub problems: Vec<RowProblem>,
}

/// How many rows of each kind; the first problems and skips to show.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct LeadImportCounts {
    pub rows: u32,
    pub new: u32,
    pub updated: u32,
    pub skipped: u32,
    pub rejected: u32,
    /// Companies and campaigns the import creates.
    pub new_companies: u32,
    pub new_campaigns: u32,
}

/// The dry run's answer: the counts and the first rows of each problem and skip.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LeadImportSummary {
    pub counts: LeadImportCounts,
    pub problems: Vec<RowProblem>,
    pub skipped: Vec<SkippedRow>,
}

/// Problems and skips listed in a summary; the rejected-rows file holds all of them.
pub const LISTED: usize = 500;

impl MatchOn {
    pub fn key(self, lead: &ValidLead) -> Option<String> {
        match self {
            MatchOn::Email => lead.email.as_deref().and_then(email_key),
            MatchOn::Phone => lead.phone.as_deref().and_then(phone_key),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MatchOn::Email => "email",
            MatchOn::Phone => "phone number",
        }
    }
}

/// Decides each row. `matches` holds, per key, the lead already there with it; `existing` those
/// leads (read only for an update).
pub fn decide(
    rows: Vec<Incoming>,
    problems: Vec<RowProblem>,
    options: &ImportOptions,
    matches: &HashMap<String, String>,
    existing: &HashMap<String, Existing>,
) -> Plan {
    let mut plan = Plan { problems, ..Plan::default() };
    // Keys seen on earlier rows, and the row they were on.
    let mut seen: HashMap<String, u32> = HashMap::new();
    let what = options.match_on.label();
    for row in rows {
        let key = options.match_on.key(&row.lead);
        if options.on_duplicate == OnDuplicate::Create {
            plan.creates.push(row);
            continue;
        }
        let Some(key) = key else {
            plan.creates.push(row);
            continue;
        };
        if let Some(earlier) = seen.get(&key) {
            plan.skipped.push(SkippedRow { row: row.row, reason: format!("same {what} as row {earlier}") });
            continue;
        }
        seen.insert(key.clone(), row.row);
        let Some(lead_id) = matches.get(&key) else {
            plan.creates.push(row);
            continue;
        };
        let before = match (options.on_duplicate, existing.get(lead_id)) {
            (OnDuplicate::Fill | OnDuplicate::Overwrite, Some(before)) => before,
            _ => {
                plan.skipped.push(SkippedRow { row: row.row, reason: format!("a lead with this {what} exists") });
                continue;
            }
        };
        match merged(before, &row, options.on_duplicate == OnDuplicate::Overwrite) {
            Some(after) => plan.updates.push(Update { before: before.clone(), after, incoming: row }),
            None => plan.skipped.push(SkippedRow {
                row: row.row,
                reason: format!("a lead with this {what} exists and already holds these values"),
            }),
        }
    }
    plan
}

/// The lead `before` becomes with `row` filled in (or written over it); `None` when nothing changes.
fn merged(before: &Existing, row: &Incoming, overwrite: bool) -> Option<ValidLead> {
    let new = &row.lead;
    let pick = |old: &Option<String>, new: &Option<String>| -> Option<String> {
        if overwrite { new.clone().or_else(|| old.clone()) } else { old.clone().or_else(|| new.clone()) }
    };
    let mut tags = before.tags.clone();
    for t in &new.tags {
        if !tags.iter().any(|x| nocase_key(x) == nocase_key(t)) {
            tags.push(t.clone());
        }
    }
    let after = ValidLead {
        name: if overwrite { new.name.clone() } else { before.name.clone() },
        email: pick(&before.email, &new.email),
        phone: pick(&before.phone, &new.phone),
        company: pick(&before.company, &new.company),
        job_title: pick(&before.job_title, &new.job_title),
        owner: pick(&before.owner, &new.owner),
        tags,
        notes: pick(&before.notes, &new.notes),
        lifecycle_stage: match row.stage {
            Some(stage) if overwrite => stage,
            _ => before.lifecycle_stage,
        },
        source: pick(&before.source, &new.source),
    };
    let same_company = after.company.as_deref().map(nocase_key) == before.company.as_deref().map(nocase_key);
    let unchanged = after.name == before.name
        && after.email == before.email
        && after.phone == before.phone
        && same_company
        && after.job_title == before.job_title
        && after.owner == before.owner
        && after.tags.len() == before.tags.len()
        && after.notes == before.notes
        && after.lifecycle_stage == before.lifecycle_stage
        && after.source == before.source;
    let new_touch = row.campaign.as_deref().is_some_and(|c| !before.campaigns.contains(&nocase_key(c)));
    (!unchanged || new_touch).then_some(after)
}

impl Plan {
    pub fn counts(&self, rows: usize, new_companies: u32, new_campaigns: u32) -> LeadImportCounts {
        LeadImportCounts {
            rows: rows as u32,
            new: self.creates.len() as u32,
            updated: self.updates.len() as u32,
            skipped: self.skipped.len() as u32,
            rejected: self.problems.len() as u32,
            new_companies,
            new_campaigns,
        }
    }

    pub fn summary(&self, counts: LeadImportCounts) -> LeadImportSummary {
        LeadImportSummary {
            counts,
            problems: self.problems.iter().take(LISTED).cloned().collect(),
            skipped: self.skipped.iter().take(LISTED).cloned().collect(),
        }
    }

    /// When a lead came to be: the file's date, else now.
    pub fn created_at(row: &Incoming, now: DateTime<Utc>) -> DateTime<Utc> {
        row.created_at.unwrap_or(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incoming(row: u32, name: &str, email: &str, phone: Option<&str>) -> Incoming {
        Incoming {
            row,
            lead: crate::model::lead::LeadInput {
                name: name.into(),
                email: Some(email.into()),
                phone: phone.map(Into::into),
                ..Default::default()
            }
            .validate()
            .unwrap(),
            stage: None,
            domain: None,
            industry: None,
            company_size: None,
            campaign: None,
            created_at: None,
        }
    }

    #[test]
    fn duplicates_are_skipped_filled_or_overwritten() {
        let before = Existing {
            id: "L1".into(),
            name: "Ana".into(),
            email: Some("ana@x.com".into()),
            phone: None,
            company: None,
            job_title: Some("Buyer".into()),
            owner: None,
            lifecycle_stage: LifecycleStage::Mql,
            source: None,
            notes: None,
            tags: vec![],
            campaigns: vec![],
        };
        let matches = HashMap::from([("ana@x.com".to_string(), "L1".to_string())]);
        let existing = HashMap::from([("L1".to_string(), before)]);
        let rows = || {
            vec![
                incoming(2, "Ana Maria", "ANA@x.com", Some("555 0100")),
                incoming(3, "Bo", "bo@x.com", None),
                incoming(4, "Bo again", "bo@x.com", None),
            ]
        };
        let opts = |on_duplicate| ImportOptions { on_duplicate, ..Default::default() };

        let skip = decide(rows(), vec![], &opts(OnDuplicate::Skip), &matches, &existing);
        assert_eq!((skip.creates.len(), skip.updates.len(), skip.skipped.len()), (1, 0, 2));
        assert_eq!(skip.skipped[1].reason, "same email as row 3");

        let fill = decide(rows(), vec![], &opts(OnDuplicate::Fill), &matches, &existing);
        let after = &fill.updates[0].after;
        assert_eq!((after.name.as_str(), after.phone.as_deref()), ("Ana", Some("555 0100")));

        let over = decide(rows(), vec![], &opts(OnDuplicate::Overwrite), &matches, &existing);
        let after = &over.updates[0].after;
        assert_eq!((after.name.as_str(), after.job_title.as_deref()), ("Ana Maria", Some("Buyer")));
        assert_eq!(after.lifecycle_stage, LifecycleStage::Mql);

        let create = decide(rows(), vec![], &opts(OnDuplicate::Create), &matches, &existing);
        assert_eq!(create.creates.len(), 3);

        // Filling a lead that holds everything already changes nothing: skipped.
        let same = vec![incoming(2, "Ana", "ana@x.com", None)];
        let again = decide(same, vec![], &opts(OnDuplicate::Fill), &matches, &existing);
        assert_eq!((again.updates.len(), again.skipped.len()), (0, 1));
    }
}
