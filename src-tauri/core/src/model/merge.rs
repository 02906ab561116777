//! Two leads that are one person, merged: the user chooses each field, everything attached to the
//! other lead moves to the kept one, and the merge can be undone exactly.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lead::Lead;

/// What a merge moved from the folded lead to the kept one (ids, so an undo moves them back).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub touchpoints: Vec<String>,
    pub deals: Vec<String>,
    pub activities: Vec<String>,
    pub lead_events: Vec<String>,
    /// Calendar items the folded lead attended that the kept one did not.
    pub attendance: Vec<String>,
    /// … and those both attended (the folded lead's link is removed, and comes back on undo).
    pub shared_attendance: Vec<String>,
}

/// A merge done: its id (for undo), the kept lead as it is now, and what moved.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LeadMerge {
    pub id: String,
    pub lead: Lead,
    pub merged_name: String,
    pub touchpoints: u32,
    pub deals: u32,
    pub activities: u32,
    pub attendance: u32,
}
