//! Domain types: what a lead (and later a deal, campaign, calendar item) is, and what makes one valid.

pub mod id;
pub mod lead;
pub mod position;
pub mod text;
pub mod time;

pub use lead::{Lead, LeadFacets, LeadInput, LeadPage, LeadQuery, LeadSort, LifecycleStage, ValidLead};
