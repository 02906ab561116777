//! Activities: the calls, meetings, emails, tasks and notes that move a deal or a lead along.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{id, text};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Call,
    Meeting,
    Email,
    Task,
    Note,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 5] = [Self::Call, Self::Meeting, Self::Email, Self::Task, Self::Note];

    /// "Call", "Meeting": as people read them.
    pub fn label(self) -> &'static str {
        match self {
            Self::Call => "Call",
            Self::Meeting => "Meeting",
            Self::Email => "Email",
            Self::Task => "Task",
            Self::Note => "Note",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Call => "call",
            Self::Meeting => "meeting",
            Self::Email => "email",
            Self::Task => "task",
            Self::Note => "note",
        }
    }

    pub fn parse(raw: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim().to_ascii_lowercase())
            .ok_or_else(|| Error::invalid("kind", format!("{raw:?} is not one of call, meeting, email, task, note")))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Activity {
    pub id: String,
    pub kind: ActivityKind,
    pub subject: String,
    pub notes: Option<String>,
    pub lead_id: String,
    pub deal_id: Option<String>,
    pub owner: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// An activity as typed: checked by `validate`. `due_at` is an RFC 3339 instant.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
pub struct ActivityInput {
    pub kind: String,
    pub subject: String,
    pub notes: Option<String>,
    pub lead_id: String,
    pub deal_id: Option<String>,
    pub owner: Option<String>,
    pub due_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidActivity {
    pub kind: ActivityKind,
    pub subject: String,
    pub notes: Option<String>,
    pub lead_id: String,
    pub deal_id: Option<String>,
    pub owner: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
}

/// A planned sales follow-up on the calendar's sales layer: an activity of a deal, not done yet.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SalesActivity {
    pub id: String,
    pub kind: ActivityKind,
    pub subject: String,
    pub due_at: DateTime<Utc>,
    pub owner: Option<String>,
    pub deal_id: String,
    pub deal_title: String,
    pub lead_name: String,
}

/// An instant as typed (RFC 3339, with its offset), or a clear error naming `field`.
pub fn instant(field: &'static str, raw: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw.trim()).map(|t| t.with_timezone(&Utc)).map_err(|_| {
        Error::invalid(field, format!("{:?} is not a date and time (such as 2026-12-01T09:30:00Z)", raw.trim()))
    })
}

impl ActivityInput {
    pub fn validate(&self) -> Result<ValidActivity> {
        Ok(ValidActivity {
            kind: ActivityKind::parse(&self.kind)?,
            subject: text::optional_line("subject", Some(&self.subject), 200)?
                .ok_or_else(|| Error::invalid("subject", "is required"))?,
            notes: text::optional("notes", self.notes.as_deref(), 10_000)?,
            lead_id: id::parse_id("lead_id", &self.lead_id)?,
            deal_id: self.deal_id.as_deref().map(|d| id::parse_id("deal_id", d)).transpose()?,
            owner: text::optional_line("owner", self.owner.as_deref(), 100)?,
            due_at: self
                .due_at
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .map(|d| instant("due_at", d))
                .transpose()?,
        })
    }
}

/// A deal's move from one stage to another (`from: None` is where it started).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StageChange {
    pub from: Option<String>,
    pub to: String,
    pub at: DateTime<Utc>,
}

/// What the deal drawer shows below the fields: activities (next due first, then done, newest
/// first) and the stage history (oldest first).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DealTimeline {
    pub activities: Vec<Activity>,
    pub stage_history: Vec<StageChange>,
}
