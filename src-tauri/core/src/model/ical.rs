//! What an iCalendar export covers, and what an import will do (its preview) and did.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::calendar::When;

/// Which items an export writes: everything, one campaign's, or those of the calendar's view
/// (its range and filters). Every part is optional; a series is written whole.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct IcsScope {
    /// Items with an occurrence from this day (`YYYY-MM-DD`) …
    pub from: Option<String>,
    /// … up to, not including, this day, in `time_zone` (default UTC).
    pub to: Option<String>,
    pub time_zone: Option<String>,
    pub campaign_id: Option<String>,
    /// Words the title contains (any case).
    pub text: Option<String>,
    pub status: Option<String>,
    pub item_type: Option<String>,
    pub owner: Option<String>,
    /// Channels left out (`""` stands for items without a channel).
    pub hidden_channels: Vec<String>,
}

/// A written file's contents and how many events it holds.
#[derive(Debug, Clone)]
pub struct IcsFile {
    pub text: String,
    pub events: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    New,
    Update,
}

/// One event of a file, as the preview lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportRow {
    pub title: String,
    pub when: When,
    pub time_zone: String,
    pub repeats: bool,
    /// Replaces one occurrence of a series.
    pub is_override: bool,
    pub action: ImportAction,
    pub line: u32,
}

/// What importing a file will do (or did): counts, and the first rows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportSummary {
    pub events: u32,
    pub new: u32,
    pub updated: u32,
    pub series: u32,
    pub overrides: u32,
    /// The first `PREVIEW_ROWS` events, in file order.
    pub rows: Vec<ImportRow>,
}

pub const PREVIEW_ROWS: usize = 200;
