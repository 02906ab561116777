//! Lifecycle stages that follow from a lead's deals, where the meaning is clear: a deal makes
//! the lead an opportunity, a won deal a customer, and when every deal is lost the lead goes
//! where the workspace says (back to SQL, or disqualified). Anything else is changed by hand.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lead::LifecycleStage;
use crate::{Error, Result};

/// What just happened to one of the lead's deals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealChange {
    Created,
    Won,
    Lost,
    Reopened,
}

/// The lead's live deals by status, after the change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DealCounts {
    pub open: i64,
    pub won: i64,
    pub lost: i64,
}

/// The stage the lead moves to, or `None` when it stays.
pub fn follows(
    current: LifecycleStage,
    change: DealChange,
    deals: DealCounts,
    all_lost: LifecycleStage,
) -> Option<LifecycleStage> {
    use LifecycleStage::*;
    let next = match change {
        DealChange::Created if !matches!(current, Opportunity | Customer) => Opportunity,
        DealChange::Won if current != Customer => Customer,
        DealChange::Lost if current == Opportunity && deals.open == 0 && deals.won == 0 => all_lost,
        // Reopening undoes a loss (or a win that was the only one).
        DealChange::Reopened if matches!(current, Sql | Disqualified) || (current == Customer && deals.won == 0) => {
            Opportunity
        }
        _ => return None,
    };
    (next != current).then_some(next)
}

/// Speed to lead: an MQL left waiting, and for how many whole hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Waiting {
    pub lead_id: String,
    pub hours: i64,
}

/// How long an MQL has waited for a first move: since it became one, or since its last
/// activity if later; `None` while that is shorter than `allowed_hours`.
pub fn waiting_hours(
    became_mql: DateTime<Utc>,
    last_activity: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    allowed_hours: u32,
) -> Option<i64> {
    let since = last_activity.map_or(became_mql, |a| a.max(became_mql));
    let hours = (now - since).num_hours();
    (hours >= i64::from(allowed_hours)).then_some(hours)
}

/// Settings of the whole workspace that shape leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LeadSettings {
    /// Where a lead goes when every one of its deals is lost: `sql` or `disqualified`.
    pub all_deals_lost: LifecycleStage,
    /// An MQL with no activity for this many hours is flagged as waiting (speed to lead).
    pub speed_to_lead_hours: u32,
}

impl Default for LeadSettings {
    fn default() -> Self {
        LeadSettings { all_deals_lost: LifecycleStage::Sql, speed_to_lead_hours: 24 }
    }
}

impl LeadSettings {
    pub fn validate(&self) -> Result<()> {
        if !matches!(self.all_deals_lost, LifecycleStage::Sql | LifecycleStage::Disqualified) {
            return Err(Error::invalid("all_deals_lost", "must be sql or disqualified"));
        }
        if !(1..=24 * 90).contains(&self.speed_to_lead_hours) {
            return Err(Error::invalid("speed_to_lead_hours", "must be between 1 and 2160 (90 days)"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::LifecycleStage::*;
    use super::*;

    const NONE: DealCounts = DealCounts { open: 0, won: 0, lost: 0 };

    #[test]
    fn deals_move_the_stage_only_where_the_meaning_is_clear() {
        let open = DealCounts { open: 1, ..NONE };
        assert_eq!(follows(Mql, DealChange::Created, open, Sql), Some(Opportunity));
        assert_eq!(follows(Disqualified, DealChange::Created, open, Sql), Some(Opportunity));
        assert_eq!(follows(Customer, DealChange::Created, open, Sql), None, "a customer buying again stays one");
        assert_eq!(follows(Opportunity, DealChange::Won, DealCounts { won: 1, ..NONE }, Sql), Some(Customer));
        // Lost: only once nothing is open or won, and then where the workspace says.
        let lost = DealCounts { lost: 2, ..NONE };
        assert_eq!(follows(Opportunity, DealChange::Lost, lost, Sql), Some(Sql));
        assert_eq!(follows(Opportunity, DealChange::Lost, lost, Disqualified), Some(Disqualified));
        assert_eq!(follows(Opportunity, DealChange::Lost, DealCounts { open: 1, lost: 1, won: 0 }, Sql), None);
        assert_eq!(follows(Customer, DealChange::Lost, lost, Sql), None);
        assert_eq!(follows(Lead, DealChange::Lost, lost, Sql), None, "a stage set by hand since is kept");
        // Reopened: a loss undone makes an opportunity again; so does the only win undone.
        assert_eq!(follows(Sql, DealChange::Reopened, open, Sql), Some(Opportunity));
        assert_eq!(follows(Customer, DealChange::Reopened, open, Sql), Some(Opportunity));
        assert_eq!(follows(Customer, DealChange::Reopened, DealCounts { open: 1, won: 1, lost: 0 }, Sql), None);
    }

    #[test]
    fn settings_are_checked() {
        assert!(LeadSettings::default().validate().is_ok());
        let bad = LeadSettings { all_deals_lost: Customer, ..Default::default() };
        assert_eq!(bad.validate().unwrap_err().field(), Some("all_deals_lost"));
        let bad = LeadSettings { speed_to_lead_hours: 0, ..Default::default() };
        assert_eq!(bad.validate().unwrap_err().field(), Some("speed_to_lead_hours"));
    }
}
