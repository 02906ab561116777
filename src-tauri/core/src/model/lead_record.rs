//! One lead seen whole: its facts, where it came from (touchpoints), what sales made of it
//! (deals, activities), what it attended, and one timeline that merges all of it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::activity::{Activity, ActivityKind, instant};
use super::calendar::When;
use super::deal::{Deal, DealStatus};
use super::lead::{Lead, LifecycleStage};
use super::scoring::Score;
use super::{id, text};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TouchpointKind {
    FormFill,
    EventAttended,
    EmailClick,
    Referral,
    WalkIn,
    TradeShow,
    AdClick,
    Other,
}

impl TouchpointKind {
    pub const ALL: [TouchpointKind; 8] = [
        Self::FormFill,
        Self::EventAttended,
        Self::EmailClick,
        Self::Referral,
        Self::WalkIn,
        Self::TradeShow,
        Self::AdClick,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FormFill => "form_fill",
            Self::EventAttended => "event_attended",
            Self::EmailClick => "email_click",
            Self::Referral => "referral",
            Self::WalkIn => "walk_in",
            Self::TradeShow => "trade_show",
            Self::AdClick => "ad_click",
            Self::Other => "other",
        }
    }

    /// How a person says it: "Form fill".
    pub fn label(self) -> &'static str {
        match self {
            Self::FormFill => "Form fill",
            Self::EventAttended => "Event attended",
            Self::EmailClick => "Email click",
            Self::Referral => "Referral",
            Self::WalkIn => "Walk-in",
            Self::TradeShow => "Trade show",
            Self::AdClick => "Ad click",
            Self::Other => "Touchpoint",
        }
    }

    pub fn parse(raw: &str) -> Result<Self> {
        let raw = raw.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL.into_iter().find(|k| k.as_str() == raw).ok_or_else(|| {
            let names: Vec<_> = Self::ALL.iter().map(|k| k.as_str()).collect();
            Error::invalid("kind", format!("{raw:?} is not one of {}", names.join(", ")))
        })
    }
}

/// A lead's interaction with a campaign (or with none: a walk-in).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Touchpoint {
    pub id: String,
    pub kind: TouchpointKind,
    pub occurred_at: DateTime<Utc>,
    pub campaign_id: Option<String>,
    /// The campaign's name, if any.
    pub campaign: Option<String>,
    pub notes: Option<String>,
}

/// A touchpoint as typed on the lead page; `occurred_at` (RFC 3339) defaults to now.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct TouchpointInput {
    pub lead_id: String,
    pub campaign_id: Option<String>,
    pub kind: String,
    pub occurred_at: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidTouchpoint {
    pub lead_id: String,
    pub campaign_id: Option<String>,
    pub kind: TouchpointKind,
    pub occurred_at: DateTime<Utc>,
    pub notes: Option<String>,
}

impl TouchpointInput {
    pub fn validate(&self, now: DateTime<Utc>) -> Result<ValidTouchpoint> {
        let occurred_at = match self.occurred_at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => instant("occurred_at", raw)?,
            None => now,
        };
        Ok(ValidTouchpoint {
            lead_id: id::parse_id("lead_id", &self.lead_id)?,
            campaign_id: self.campaign_id.as_deref().map(|c| id::parse_id("campaign_id", c)).transpose()?,
            kind: TouchpointKind::parse(&self.kind)?,
            occurred_at,
            notes: text::optional("notes", self.notes.as_deref(), 2_000)?,
        })
    }
}

/// The lead's company, as far as it is known.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CompanyFacts {
    pub id: String,
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub size: Option<String>,
    /// The live leads that work there, this one among them.
    pub leads: u32,
}

/// A calendar item the lead attends (or attended).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Attended {
    pub item_id: String,
    pub title: String,
    pub when: When,
    pub campaign_id: Option<String>,
}

/// A change of a deal's stage, with the deal it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct DealStageChange {
    pub deal_id: String,
    pub deal_title: String,
    pub from: Option<String>,
    pub to: String,
    pub at: DateTime<Utc>,
}

/// A change of the lead's lifecycle stage; `cause` names the deal change it followed (none: by hand).
#[derive(Debug, Clone, PartialEq)]
pub struct LifecycleChange {
    pub from: LifecycleStage,
    pub to: LifecycleStage,
    pub cause: Option<String>,
    pub deal_id: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    Created,
    Touchpoint,
    Activity,
    Note,
    DealCreated,
    DealStage,
    DealWon,
    DealLost,
    LifecycleStage,
    Attended,
    Merged,
}

/// One line of the merged timeline: what happened, in words, and what it links to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub kind: TimelineKind,
    pub title: String,
    pub detail: Option<String>,
    pub deal_id: Option<String>,
    pub campaign_id: Option<String>,
    pub item_id: Option<String>,
}

/// Everything the lead page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LeadRecord {
    pub lead: Lead,
    pub company: Option<CompanyFacts>,
    /// Oldest first: the first is the lead's source.
    pub touchpoints: Vec<Touchpoint>,
    /// Newest first.
    pub deals: Vec<Deal>,
    /// Open ones by due time, then done ones, newest first.
    pub activities: Vec<Activity>,
    pub attended: Vec<Attended>,
    /// Newest first, at most `MAX_TIMELINE`.
    pub timeline: Vec<TimelineEntry>,
    /// Whether older entries were left out of `timeline`.
    pub timeline_cut: bool,
    /// For an MQL nobody has acted on within the workspace's speed-to-lead hours: how many hours
    /// it has waited.
    pub waiting_hours: Option<i64>,
    /// The lead's score (as `lead.score`) with the reasons that made it.
    pub score: Score,
}

/// The longest timeline the page gets (newest entries); each list feeding it is cut as long.
pub const MAX_TIMELINE: usize = 500;

/// What the timeline is merged from.
pub struct TimelineParts<'a> {
    pub lead: &'a Lead,
    pub touchpoints: &'a [Touchpoint],
    pub deals: &'a [Deal],
    pub activities: &'a [Activity],
    pub stage_changes: &'a [DealStageChange],
    pub lifecycle: &'a [LifecycleChange],
    pub attended: &'a [Attended],
    /// Leads merged into this one: when, and their names.
    pub merges: &'a [(DateTime<Utc>, String)],
}

/// Marketing and sales events together, newest first; at most `MAX_TIMELINE`, and whether more
/// were left out. Open activities are not events yet: they are listed as upcoming instead.
pub fn timeline(p: &TimelineParts) -> (Vec<TimelineEntry>, bool) {
    let entry = |at, kind, title: String, detail: Option<String>| TimelineEntry {
        at,
        kind,
        title,
        detail,
        deal_id: None,
        campaign_id: None,
        item_id: None,
    };
    let mut all = vec![entry(p.lead.created_at, TimelineKind::Created, "Lead created".into(), p.lead.source.clone())];
    for t in p.touchpoints {
        let title = match &t.campaign {
            Some(c) => format!("{} · {c}", t.kind.label()),
            None => t.kind.label().to_owned(),
        };
        all.push(TimelineEntry {
            campaign_id: t.campaign_id.clone(),
            ..entry(t.occurred_at, TimelineKind::Touchpoint, title, t.notes.clone())
        });
    }
    for d in p.deals {
        let value = |verb: &str| format!("Deal “{}” {verb}", d.title);
        all.push(TimelineEntry {
            deal_id: Some(d.id.clone()),
            ..entry(
                d.created_at,
                TimelineKind::DealCreated,
                value("created"),
                Some(format!("{} · {}", d.pipeline, d.stage)),
            )
        });
        match d.status {
            DealStatus::Won => all.extend(d.won_at.map(|at| TimelineEntry {
                deal_id: Some(d.id.clone()),
                ..entry(at, TimelineKind::DealWon, value("won"), None)
            })),
            DealStatus::Lost => all.extend(d.lost_at.map(|at| TimelineEntry {
                deal_id: Some(d.id.clone()),
                ..entry(at, TimelineKind::DealLost, value("lost"), d.lost_reason.clone())
            })),
            DealStatus::Open => {}
        }
    }
    // A deal's first stage is told by its creation.
    for c in p.stage_changes.iter().filter(|c| c.from.is_some()) {
        all.push(TimelineEntry {
            deal_id: Some(c.deal_id.clone()),
            ..entry(
                c.at,
                TimelineKind::DealStage,
                format!("Deal “{}” moved to {}", c.deal_title, c.to),
                c.from.as_ref().map(|f| format!("from {f}")),
            )
        });
    }
    for a in p.activities {
        let (kind, at, title) = match (a.kind, a.done_at) {
            (ActivityKind::Note, done) => {
                (TimelineKind::Note, done.unwrap_or(a.created_at), format!("Note: {}", a.subject))
            }
            (_, Some(done)) => (TimelineKind::Activity, done, format!("{} done: {}", a.kind.label(), a.subject)),
            (_, None) => continue,
        };
        all.push(TimelineEntry { deal_id: a.deal_id.clone(), ..entry(at, kind, title, a.notes.clone()) });
    }
    for c in p.lifecycle {
        let title = format!("Stage {} → {}", stage_label(c.from), stage_label(c.to));
        // A deal's change reads "because the deal … won"; other causes say themselves.
        let detail = Some(match &c.cause {
            None => "changed by hand".to_owned(),
            Some(cause) if cause.starts_with("deal ") => format!("because the {cause}"),
            Some(cause) => cause.clone(),
        });
        all.push(TimelineEntry {
            deal_id: c.deal_id.clone(),
            ..entry(c.at, TimelineKind::LifecycleStage, title, detail)
        });
    }
    for a in p.attended {
        let at = match a.when {
            When::Timed { starts_at, .. } => starts_at,
            When::AllDay { start_date, .. } => start_date.and_hms_opt(0, 0, 0).expect("midnight").and_utc(),
        };
        all.push(TimelineEntry {
            item_id: Some(a.item_id.clone()),
            campaign_id: a.campaign_id.clone(),
            ..entry(at, TimelineKind::Attended, format!("Attended “{}”", a.title), None)
        });
    }
    for (at, name) in p.merges {
        all.push(entry(
            *at,
            TimelineKind::Merged,
            format!("Merged with {name}"),
            Some("their touchpoints, deals and activities are here now".into()),
        ));
    }
    // Newest first; at the same instant, the order above (a deal's creation before the stage
    // change it caused) read from the bottom up.
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by(|&a, &b| all[b].at.cmp(&all[a].at).then(b.cmp(&a)));
    let cut = order.len() > MAX_TIMELINE;
    order.truncate(MAX_TIMELINE);
    let mut slots: Vec<Option<TimelineEntry>> = all.into_iter().map(Some).collect();
    (order.into_iter().map(|i| slots[i].take().expect("each once")).collect(), cut)
}

/// "MQL", "Opportunity": as the product names the stages.
pub fn stage_label(stage: LifecycleStage) -> &'static str {
    match stage {
        LifecycleStage::Subscriber => "Subscriber",
        LifecycleStage::Lead => "Lead",
        LifecycleStage::Mql => "MQL",
        LifecycleStage::Sql => "SQL",
        LifecycleStage::Opportunity => "Opportunity",
        LifecycleStage::Customer => "Customer",
        LifecycleStage::Disqualified => "Disqualified",
    }
}
