//! Campaigns: a named marketing effort with its dates, channels, money, status and code.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::deal::Amount;
use super::{money, text};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum CampaignStatus {
    Planned,
    Active,
    Completed,
    Cancelled,
}

impl CampaignStatus {
    pub const ALL: [CampaignStatus; 4] = [Self::Planned, Self::Active, Self::Completed, Self::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Active => "active",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim().to_ascii_lowercase()).ok_or_else(|| {
            let names: Vec<_> = Self::ALL.iter().map(|s| s.as_str()).collect();
            Error::invalid("status", format!("{raw:?} is not one of {}", names.join(", ")))
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub objective: Option<String>,
    pub channels: Vec<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub currency: String,
    pub budget_minor: i64,
    pub spend_minor: i64,
    pub status: CampaignStatus,
    /// `#rrggbb`.
    pub color: Option<String>,
    pub owner: Option<String>,
    /// The code leads quote (a URL parameter, a coupon) to be attributed to this campaign.
    pub code: Option<String>,
    pub notes: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A campaign as typed in its form, checked by `validate`. Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct CampaignInput {
    pub name: String,
    pub objective: Option<String>,
    pub channels: Vec<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub currency: String,
    pub budget_minor: i64,
    pub spend_minor: i64,
    /// `None`: planned.
    pub status: Option<CampaignStatus>,
    pub color: Option<String>,
    pub owner: Option<String>,
    pub code: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidCampaign {
    pub name: String,
    pub objective: Option<String>,
    pub channels: Vec<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub currency: String,
    pub budget_minor: i64,
    pub spend_minor: i64,
    pub status: CampaignStatus,
    pub color: Option<String>,
    pub owner: Option<String>,
    pub code: Option<String>,
    pub notes: Option<String>,
}

/// What a campaign brought: the leads with a touchpoint from it, their deals, and what it cost.
/// Any touchpoint counts; the attribution models (first touch, last touch, linear) come with the
/// lead record.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CampaignNumbers {
    pub leads: u32,
    pub deals: u32,
    /// Open deals' value, per currency.
    pub pipeline: Vec<Amount>,
    /// Won deals' value, per currency.
    pub won: Vec<Amount>,
    pub won_deals: u32,
    pub spend: Amount,
    /// Spend divided by leads, rounded to the minor unit; `None` without leads.
    pub cost_per_lead: Option<Amount>,
}

/// Everything the campaign page shows: the campaign, its numbers, and (up to `PAGE_ROWS` each)
/// its calendar items, the leads it touched and their deals.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CampaignPage {
    pub campaign: Campaign,
    pub numbers: CampaignNumbers,
    /// Its live calendar items (a series once), by start.
    pub items: Vec<CampaignItem>,
    pub items_total: u32,
    /// Leads with a touchpoint from it, most recently touched first.
    pub leads: Vec<CampaignLead>,
    /// Those leads' live deals, open ones first, then by value.
    pub deals: Vec<CampaignDeal>,
}

pub const PAGE_ROWS: u32 = 500;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CampaignItem {
    pub id: String,
    pub title: String,
    pub item_type: super::calendar::ItemType,
    pub channel: Option<String>,
    pub status: super::calendar::ItemStatus,
    pub when: super::calendar::When,
    pub repeats: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CampaignLead {
    pub id: String,
    pub name: String,
    pub company: Option<String>,
    pub lifecycle_stage: super::lead::LifecycleStage,
    /// When the campaign last touched the lead, and how often it did.
    pub last_touch: DateTime<Utc>,
    pub touchpoints: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CampaignDeal {
    pub id: String,
    pub title: String,
    pub lead_id: String,
    pub lead_name: String,
    pub stage: String,
    pub status: super::deal::DealStatus,
    pub value: Amount,
}

const MAX_CHANNELS: usize = 12;

impl CampaignInput {
    pub fn validate(&self) -> Result<ValidCampaign> {
        let start_date = text::date("start_date", self.start_date.as_deref())?;
        let end_date = text::date("end_date", self.end_date.as_deref())?;
        if let (Some(start), Some(end)) = (start_date, end_date)
            && end < start
        {
            return Err(Error::invalid("end_date", format!("{end} is before the start, {start}")));
        }
        Ok(ValidCampaign {
            name: text::optional_line("name", Some(&self.name), 120)?
                .ok_or_else(|| Error::invalid("name", "is required"))?,
            objective: text::optional("objective", self.objective.as_deref(), 1_000)?,
            channels: channels(&self.channels)?,
            start_date,
            end_date,
            currency: money::currency(if self.currency.trim().is_empty() { "EUR" } else { &self.currency })?,
            budget_minor: money::amount_minor("budget_minor", self.budget_minor)?,
            spend_minor: money::amount_minor("spend_minor", self.spend_minor)?,
            status: self.status.unwrap_or(CampaignStatus::Planned),
            color: color(self.color.as_deref())?,
            owner: text::optional_line("owner", self.owner.as_deref(), 120)?,
            code: code(self.code.as_deref())?,
            notes: text::optional("notes", self.notes.as_deref(), 10_000)?,
        })
    }
}

/// Trimmed, without repeats (any case), at most a dozen.
fn channels(raw: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for c in raw {
        let Some(c) = text::optional_line("channels", Some(c), 40)? else { continue };
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&c)) {
            out.push(c);
        }
    }
    if out.len() > MAX_CHANNELS {
        return Err(Error::invalid("channels", format!("{} channels; the limit is {MAX_CHANNELS}", out.len())));
    }
    Ok(out)
}

/// `#rgb` or `#rrggbb`, stored as lower-case `#rrggbb`.
fn color(raw: Option<&str>) -> Result<Option<String>> {
    let Some(c) = raw.map(str::trim).filter(|c| !c.is_empty()) else { return Ok(None) };
    let hex = c.strip_prefix('#').unwrap_or(c).to_ascii_lowercase();
    let full = match hex.len() {
        3 => hex.chars().flat_map(|ch| [ch, ch]).collect(),
        6 => hex,
        _ => String::new(),
    };
    if full.is_empty() || !full.chars().all(|ch| ch.is_ascii_hexdigit()) {
        return Err(Error::invalid("color", format!("{c:?} is not a colour such as #2563eb")));
    }
    Ok(Some(format!("#{full}")))
}

/// Letters, digits, `-` and `_`, up to 40: safe in a URL, a coupon or a spreadsheet.
fn code(raw: Option<&str>) -> Result<Option<String>> {
    let Some(c) = raw.map(str::trim).filter(|c| !c.is_empty()) else { return Ok(None) };
    if c.len() > 40 || !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') {
        return Err(Error::invalid("code", format!("{c:?} may hold only letters, digits, - and _ (at most 40)")));
    }
    Ok(Some(c.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CampaignInput {
        CampaignInput {
            name: " Spring open house ".into(),
            channels: vec!["Email".into(), " email ".into(), "Events".into(), "".into()],
            start_date: Some("2027-03-01".into()),
            end_date: Some("2027-03-31".into()),
            currency: "eur".into(),
            budget_minor: 250_000,
            color: Some("#F80".into()),
            code: Some("SPRING-27".into()),
            ..CampaignInput::default()
        }
    }

    #[test]
    fn a_campaign_is_cleaned_up_as_typed() {
        let c = input().validate().unwrap();
        assert_eq!(c.name, "Spring open house");
        assert_eq!(c.channels, ["Email", "Events"]);
        assert_eq!((c.currency.as_str(), c.status), ("EUR", CampaignStatus::Planned));
        assert_eq!(c.color.as_deref(), Some("#ff8800"));
    }

    #[test]
    fn bad_fields_are_named() {
        type Spoil = fn(&mut CampaignInput);
        let cases: [(Spoil, &str); 8] = [
            (|c| c.name = "  ".into(), "name"),
            (|c| c.end_date = Some("2027-02-01".into()), "end_date"),
            (|c| c.start_date = Some("1/3/2027".into()), "start_date"),
            (|c| c.currency = "EURO".into(), "currency"),
            (|c| c.budget_minor = -1, "budget_minor"),
            (|c| c.spend_minor = -1, "spend_minor"),
            (|c| c.color = Some("blue".into()), "color"),
            (|c| c.code = Some("spring 27".into()), "code"),
        ];
        for (spoil, field) in cases {
            let mut c = input();
            spoil(&mut c);
            assert_eq!(c.validate().unwrap_err().field(), Some(field));
        }
        let mut many = input();
        many.channels = (0..13).map(|i| format!("c{i}")).collect();
        assert_eq!(many.validate().unwrap_err().field(), Some("channels"));
        assert_eq!(CampaignStatus::parse("Active").unwrap(), CampaignStatus::Active);
        assert_eq!(CampaignStatus::parse("done").unwrap_err().field(), Some("status"));
    }
}
