//! Domain types: what a lead (and later a deal, campaign, calendar item) is, and what makes one valid.

pub mod activity;
pub mod attribution;
pub mod bulk;
pub mod calendar;
pub mod campaign;
pub mod company;
pub mod deal;
pub mod duplicates;
pub mod ical;
pub mod id;
pub mod lead;
pub mod lead_record;
pub mod lead_view;
pub mod lifecycle;
pub mod merge;
pub mod money;
pub mod named;
pub mod position;
pub mod scoring;
pub mod text;
pub mod time;

pub use activity::{Activity, ActivityInput, ActivityKind, DealTimeline, SalesActivity, StageChange};
pub use calendar::{Attendee, CalendarItem, CalendarItemInput, CalendarRange, ItemStatus, ItemType, Occurrence, When};
pub use campaign::{
    Campaign, CampaignDeal, CampaignInput, CampaignItem, CampaignLead, CampaignNumbers, CampaignPage, CampaignStatus,
    ValidCampaign,
};
pub use company::CompanyInput;
pub use deal::{
    Amount, Board, BoardColumn, BoardFacets, BoardFilter, CampaignRef, Deal, DealCard, DealInput, DealStatus,
    NextActivity, Pipeline, Stage, StageInput, StageSum, StatusChange, Totals, ValidBoardFilter, ValidDeal,
};
pub use ical::{IcsScope, ImportAction, ImportRow, ImportSummary};
pub use lead::{Lead, LeadFacets, LeadInput, LeadPage, LeadQuery, LeadSort, LifecycleStage, ValidLead};
