//! Which campaigns brought the leads and the deals: first-touch, last-touch and linear models,
//! computed from touchpoints and deals. The campaign page, the CLI and (later) the reports all
//! call `attribute`, so they show the same numbers.
//!
//! A lead is credited to the campaigns it touched: its first touchpoint (first-touch), its last
//! one before its first deal, or its last one if it has no deal (last-touch), or every one of them
//! equally (linear). A deal is credited the same way, from the touchpoints before it was created;
//! a deal whose lead had no touchpoint by then is unattributed. Touchpoints without a campaign
//! take their share of the credit but give it to no campaign.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::deal::{Amount, DealStatus};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "AttributionModel")]
pub enum Model {
    #[default]
    First,
    Last,
    Linear,
}

impl Model {
    /// As stored in `credits.model`.
    pub fn code(self) -> i64 {
        match self {
            Model::First => 0,
            Model::Last => 1,
            Model::Linear => 2,
        }
    }

    pub fn parse(raw: &str) -> Result<Model> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "first" | "first_touch" | "first-touch" => Ok(Model::First),
            "last" | "last_touch" | "last-touch" => Ok(Model::Last),
            "linear" => Ok(Model::Linear),
            other => Err(Error::invalid("model", format!("{other:?} is not one of first, last, linear"))),
        }
    }
}

/// A touchpoint as attribution needs it: whose, which campaign (none: not a campaign's), when
/// (any increasing number: seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touch {
    pub lead: i64,
    pub campaign: Option<u32>,
    pub at: i64,
}

/// A deal as attribution needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealFact {
    pub lead: i64,
    pub created: i64,
    pub status: DealStatus,
    pub value_minor: i64,
    pub currency: String,
}

/// What one campaign is credited with under a model. Counts are fractional under the linear
/// model (a lead touched by two campaigns gives each half).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(rename = "CampaignCredit")]
pub struct Credit {
    pub campaign_id: String,
    pub campaign: String,
    pub leads: f64,
    pub deals: f64,
    /// Open deals' value, per currency, rounded to the minor unit.
    pub pipeline: Vec<Amount>,
    /// Won deals' value, per currency, rounded to the minor unit.
    pub won: Vec<Amount>,
}

/// Everything `attribute` was asked about, and what it found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Attribution {
    pub model: Model,
    /// Campaigns with any credit, most leads first.
    pub campaigns: Vec<Credit>,
    /// Leads and deals no campaign is credited with (no touchpoint, or none from a campaign).
    pub unattributed_leads: f64,
    pub unattributed_deals: f64,
}

/// What a credit row is about: the lead itself, or one of its deals by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Lead,
    Open,
    Won,
    Lost,
}

impl What {
    pub fn of(status: DealStatus) -> What {
        match status {
            DealStatus::Open => What::Open,
            DealStatus::Won => What::Won,
            DealStatus::Lost => What::Lost,
        }
    }

    /// As stored in `credits.what`.
    pub fn code(self) -> i64 {
        match self {
            What::Lead => 0,
            What::Open => 1,
            What::Won => 2,
            What::Lost => 3,
        }
    }

    pub fn from_code(code: i64) -> Result<What> {
        [What::Lead, What::Open, What::Won, What::Lost]
            .into_iter()
            .find(|w| w.code() == code)
            .ok_or_else(|| Error::Conflict(format!("{code} is not a credit kind")))
    }
}

/// A share of one lead, or of one of its deals (`deal`: its index in the deals given), credited
/// to a campaign (`None`: to none). A lead's and each deal's shares sum to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub campaign: Option<u32>,
    pub what: What,
    pub deal: Option<usize>,
    pub share: f64,
}

/// One lead's credit under `model`: its own shares, then each of its deals' (`deals`, all the
/// lead's), from its touches (`touches`, time order).
pub fn credit(model: Model, touches: &[Touch], deals: &[DealFact]) -> Vec<Share> {
    let mut out = Vec::new();
    // The last-touch model looks at a lead's touches up to its first deal.
    let until = deals.iter().map(|d| d.created).min().unwrap_or(i64::MAX);
    push_shares(&mut out, shares(model, touches, until), What::Lead, None);
    for (i, d) in deals.iter().enumerate() {
        let before = &touches[..touches.partition_point(|t| t.at <= d.created)];
        push_shares(&mut out, shares(model, before, i64::MAX), What::of(d.status), Some(i));
    }
    out
}

/// Adds one whole's shares, one per campaign, and what is left as credited to none.
fn push_shares(out: &mut Vec<Share>, credited: Vec<(u32, f64)>, what: What, deal: Option<usize>) {
    let start = out.len();
    let mut given = 0.0;
    for (campaign, share) in credited {
        given += share;
        match out[start..].iter_mut().find(|s| s.campaign == Some(campaign)) {
            Some(s) => s.share += share,
            None => out.push(Share { campaign: Some(campaign), what, deal, share }),
        }
    }
    if 1.0 - given > 1e-9 {
        out.push(Share { campaign: None, what, deal, share: 1.0 - given });
    }
}

/// Credit summed over many leads and deals: per campaign (`None`: none), kind and currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Summed {
    pub campaign: Option<u32>,
    pub what: What,
    /// Deals only.
    pub currency: Option<String>,
    pub share: f64,
    /// Deals only: the value in minor units times the share.
    pub value: f64,
}

#[derive(Default)]
struct Sums {
    leads: f64,
    deals: f64,
    pipeline: HashMap<String, f64>,
    won: HashMap<String, f64>,
}

/// What each campaign (by index into `campaigns`: id and name) is credited with in all, from
/// summed shares; shares of no campaign, or of one not in `campaigns`, are unattributed.
pub fn totals(model: Model, campaigns: &[(String, String)], summed: &[Summed]) -> Attribution {
    let mut sums: HashMap<u32, Sums> = HashMap::new();
    let (mut lost_leads, mut lost_deals) = (0.0, 0.0);
    for row in summed {
        let Some(campaign) = row.campaign.filter(|c| (*c as usize) < campaigns.len()) else {
            match row.what {
                What::Lead => lost_leads += row.share,
                _ => lost_deals += row.share,
            }
            continue;
        };
        let s = sums.entry(campaign).or_default();
        let currency = row.currency.clone().unwrap_or_default();
        match row.what {
            What::Lead => s.leads += row.share,
            What::Open => {
                s.deals += row.share;
                *s.pipeline.entry(currency).or_default() += row.value;
            }
            What::Won => {
                s.deals += row.share;
                *s.won.entry(currency).or_default() += row.value;
            }
            What::Lost => s.deals += row.share,
        }
    }
    let amounts = |m: HashMap<String, f64>| {
        let mut list: Vec<Amount> = m
            .into_iter()
            .map(|(currency, v)| Amount { currency, minor: v.round() as i64 })
            .filter(|a| a.minor != 0)
            .collect();
        list.sort_by(|a, b| a.currency.cmp(&b.currency));
        list
    };
    let mut credits: Vec<Credit> = sums
        .into_iter()
        .filter_map(|(i, s)| {
            let (id, name) = campaigns.get(i as usize)?;
            Some(Credit {
                campaign_id: id.clone(),
                campaign: name.clone(),
                leads: round2(s.leads),
                deals: round2(s.deals),
                pipeline: amounts(s.pipeline),
                won: amounts(s.won),
            })
        })
        .filter(|c| c.leads != 0.0 || c.deals != 0.0)
        .collect();
    credits.sort_by(|a, b| b.leads.total_cmp(&a.leads).then_with(|| a.campaign.cmp(&b.campaign)));
    Attribution {
        model,
        campaigns: credits,
        unattributed_leads: round2(lost_leads),
        unattributed_deals: round2(lost_deals),
    }
}

/// Credits campaigns (by index into `campaigns`: id and name) for `leads` (the leads counted) and
/// `deals`, from `touches` sorted by lead, then time: `credit` for each lead, summed by `totals`.
pub fn attribute(
    model: Model,
    campaigns: &[(String, String)],
    touches: &[Touch],
    leads: &[i64],
    deals: &[DealFact],
) -> Attribution {
    let by_lead = group(touches);
    let mut deals_of: HashMap<i64, Vec<DealFact>> = HashMap::new();
    for d in deals {
        deals_of.entry(d.lead).or_default().push(d.clone());
    }
    let counted: std::collections::HashSet<i64> = leads.iter().copied().collect();
    let mut summed: Vec<Summed> = Vec::new();
    let mut add = |campaign, what, currency: Option<&str>, share: f64, value: f64| {
        summed.push(Summed { campaign, what, currency: currency.map(str::to_owned), share, value });
    };
    let mut seen = std::collections::HashSet::new();
    for lead in leads.iter().chain(deals.iter().map(|d| &d.lead)) {
        if !seen.insert(*lead) {
            continue;
        }
        let lead_deals = deals_of.get(lead).map(Vec::as_slice).unwrap_or(&[]);
        for s in credit(model, by_lead.get(lead).copied().unwrap_or(&[]), lead_deals) {
            match s.deal {
                None if counted.contains(lead) => add(s.campaign, s.what, None, s.share, 0.0),
                None => {}
                Some(i) => {
                    let d = &lead_deals[i];
                    add(s.campaign, s.what, Some(&d.currency), s.share, d.value_minor as f64 * s.share);
                }
            }
        }
    }
    totals(model, campaigns, &summed)
}

/// Each lead's touches, in time order (they arrive sorted by lead, then time).
fn group(touches: &[Touch]) -> HashMap<i64, &[Touch]> {
    let mut out = HashMap::new();
    let mut start = 0;
    for i in 1..=touches.len() {
        if i == touches.len() || touches[i].lead != touches[start].lead {
            out.insert(touches[start].lead, &touches[start..i]);
            start = i;
        }
    }
    out
}

/// The campaigns credited from `touches` (time order) and their shares, summing to at most 1 (a
/// share given to a touch without a campaign is credited to none).
fn shares(model: Model, touches: &[Touch], until: i64) -> Vec<(u32, f64)> {
    match model {
        Model::First => touches.first().and_then(|t| t.campaign).map(|c| vec![(c, 1.0)]).unwrap_or_default(),
        Model::Last => {
            let before = &touches[..touches.partition_point(|t| t.at <= until)];
            let last = before.last().or(touches.last());
            last.and_then(|t| t.campaign).map(|c| vec![(c, 1.0)]).unwrap_or_default()
        }
        Model::Linear => {
            let share = 1.0 / touches.len().max(1) as f64;
            touches.iter().filter_map(|t| Some((t.campaign?, share))).collect()
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaigns() -> Vec<(String, String)> {
        ["Fair", "Webinar", "Ads"].iter().map(|n| (n.to_lowercase(), (*n).to_owned())).collect()
    }

    fn t(lead: i64, campaign: Option<u32>, at: i64) -> Touch {
        Touch { lead, campaign, at }
    }

    fn deal(lead: i64, created: i64, status: DealStatus, value: i64) -> DealFact {
        DealFact { lead, created, status, value_minor: value, currency: "EUR".into() }
    }

    fn credit<'a>(a: &'a Attribution, name: &str) -> Option<&'a Credit> {
        a.campaigns.iter().find(|c| c.campaign == name)
    }

    // Lead 1: Fair (t=1), Webinar (t=5), then a deal (t=6, open, 900), then Ads (t=9).
    // Lead 2: no touchpoints, a won deal of 300. Lead 3: Webinar (t=2), a lost deal.
    // Lead 4: a walk-in with no campaign (t=1), then Ads (t=3); no deal.
    fn case(model: Model) -> Attribution {
        let touches =
            [t(1, Some(0), 1), t(1, Some(1), 5), t(1, Some(2), 9), t(3, Some(1), 2), t(4, None, 1), t(4, Some(2), 3)];
        let deals =
            [deal(1, 6, DealStatus::Open, 900), deal(2, 4, DealStatus::Won, 300), deal(3, 3, DealStatus::Lost, 500)];
        attribute(model, &campaigns(), &touches, &[1, 2, 3, 4], &deals)
    }

    #[test]
    fn first_touch_credits_where_each_lead_began() {
        let a = case(Model::First);
        let fair = credit(&a, "Fair").unwrap();
        assert_eq!((fair.leads, fair.deals), (1.0, 1.0));
        assert_eq!(fair.pipeline, [Amount { currency: "EUR".into(), minor: 900 }]);
        let webinar = credit(&a, "Webinar").unwrap();
        assert_eq!((webinar.leads, webinar.deals, webinar.pipeline.len()), (1.0, 1.0, 0), "a lost deal adds no value");
        // Lead 4 began with a walk-in: credited to no campaign; lead 2 had no touchpoint at all.
        assert_eq!((a.unattributed_leads, a.unattributed_deals), (2.0, 1.0));
        assert!(credit(&a, "Ads").is_none());
    }

    #[test]
    fn last_touch_is_the_last_before_the_deal() {
        let a = case(Model::Last);
        // Lead 1's last touch before its deal is the webinar, not the later ad.
        let webinar = credit(&a, "Webinar").unwrap();
        assert_eq!((webinar.leads, webinar.deals), (2.0, 2.0));
        assert_eq!(webinar.pipeline, [Amount { currency: "EUR".into(), minor: 900 }]);
        // Lead 4 has no deal: its last touch overall, the ad.
        assert_eq!(credit(&a, "Ads").map(|c| (c.leads, c.deals)), Some((1.0, 0.0)));
        assert!(credit(&a, "Fair").is_none());
        assert_eq!(a.unattributed_deals, 1.0, "the won deal of a lead with no touchpoint");
    }

    #[test]
    fn linear_shares_every_touch_equally() {
        let a = case(Model::Linear);
        let fair = credit(&a, "Fair").unwrap();
        let webinar = credit(&a, "Webinar").unwrap();
        let ads = credit(&a, "Ads").unwrap();
        // Lead 1's three touches give a third each; its deal only counts the two before it.
        assert_eq!(fair.leads, 0.33);
        assert_eq!((fair.deals, fair.pipeline[0].minor), (0.5, 450));
        assert_eq!((webinar.leads, webinar.deals), (1.33, 1.5));
        assert_eq!((ads.leads, ads.deals), (0.83, 0.0), "a third of lead 1, half of lead 4");
        // Half of lead 4 (its walk-in) and all of lead 2 go to no campaign.
        assert_eq!((a.unattributed_leads, a.unattributed_deals), (1.5, 1.0));
        let total: f64 = a.campaigns.iter().map(|c| c.leads).sum::<f64>() + a.unattributed_leads;
        assert!((total - 4.0).abs() < 0.02, "every lead counted once: {total}");
    }

    #[test]
    fn models_are_read_as_people_write_them() {
        assert_eq!(Model::parse("First-touch").unwrap(), Model::First);
        assert_eq!(Model::parse("LINEAR").unwrap(), Model::Linear);
        assert_eq!(Model::parse("u-shaped").unwrap_err().field(), Some("model"));
    }
}
