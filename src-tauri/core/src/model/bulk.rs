//! One change to many leads at once, undone as a whole.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lead::LifecycleStage;
use super::text;
use crate::{Error, Result};

/// The most leads one bulk change may name.
pub const MAX_BULK: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BulkAction {
    /// `None`: no owner.
    SetOwner {
        owner: Option<String>,
    },
    AddTag {
        tag: String,
    },
    RemoveTag {
        tag: String,
    },
    SetStage {
        stage: LifecycleStage,
    },
    Delete,
}

impl BulkAction {
    /// The action with its text checked as the lead form checks it.
    pub fn validate(&self) -> Result<BulkAction> {
        Ok(match self {
            BulkAction::SetOwner { owner } => {
                BulkAction::SetOwner { owner: text::optional_line("owner", owner.as_deref(), 120)? }
            }
            BulkAction::AddTag { tag } | BulkAction::RemoveTag { tag } => {
                let tag =
                    text::optional_line("tag", Some(tag), 50)?.ok_or_else(|| Error::invalid("tag", "is required"))?;
                if tag.contains(',') {
                    return Err(Error::invalid("tag", format!("tag {tag:?} contains a comma")));
                }
                if matches!(self, BulkAction::AddTag { .. }) {
                    BulkAction::AddTag { tag }
                } else {
                    BulkAction::RemoveTag { tag }
                }
            }
            other => other.clone(),
        })
    }
}

/// A bulk change done: its batch (to undo) and how many leads it changed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BulkResult {
    pub batch_id: String,
    pub changed: u32,
}
