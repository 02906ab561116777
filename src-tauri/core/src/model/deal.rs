//! Deals on the pipeline board: cards, columns and their totals.
//!
//! The board's numbers (count, value, weighted value per column and per pipeline) are computed
//! here, once, from the sums the store read; the UI and the CLI show what this returns. A column
//! carries its first cards only: a column of 10,000 deals is read a page at a time as it scrolls.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{id, money, text};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DealStatus {
    Open,
    Won,
    Lost,
}

impl DealStatus {
    pub const ALL: [DealStatus; 3] = [Self::Open, Self::Won, Self::Lost];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Won => "won",
            Self::Lost => "lost",
        }
    }

    pub fn parse(raw: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw.trim().to_ascii_lowercase())
            .ok_or_else(|| Error::invalid("status", format!("{raw:?} is not one of open, won, lost")))
    }
}

/// A deal as lists and the CLI show it, open or closed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Deal {
    pub id: String,
    pub title: String,
    pub lead_id: String,
    pub lead_name: String,
    pub company: Option<String>,
    pub value_minor: i64,
    pub currency: String,
    pub probability_override: Option<u8>,
    pub owner: Option<String>,
    pub pipeline_id: String,
    pub pipeline: String,
    pub stage_id: String,
    pub stage: String,
    pub expected_close: Option<NaiveDate>,
    pub status: DealStatus,
    pub won_at: Option<DateTime<Utc>>,
    pub lost_at: Option<DateTime<Utc>>,
    pub lost_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new deal as typed in a form: every field as entered, checked by `validate`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
pub struct DealInput {
    pub title: String,
    pub lead_id: String,
    pub value_minor: i64,
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub expected_close: Option<String>,
    pub probability: Option<i64>,
    pub owner: Option<String>,
    pub pipeline_id: String,
    pub stage_id: String,
}

/// A `DealInput` that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidDeal {
    pub title: String,
    pub lead_id: String,
    pub value_minor: i64,
    pub currency: String,
    pub expected_close: Option<NaiveDate>,
    pub probability: Option<u8>,
    pub owner: Option<String>,
    pub pipeline_id: String,
    pub stage_id: String,
}

impl DealInput {
    /// Checks every field, naming the first bad one. Whether the lead and stage exist is the
    /// store's to check.
    pub fn validate(&self) -> Result<ValidDeal> {
        let title = text::optional_line("title", Some(&self.title), 200)?
            .ok_or_else(|| Error::invalid("title", "is required"))?;
        let expected_close = text::date("expected_close", self.expected_close.as_deref())?;
        let probability = match self.probability {
            None => None,
            Some(p) if (0..=100).contains(&p) => Some(p as u8),
            Some(p) => return Err(Error::invalid("probability", format!("{p} is not between 0 and 100"))),
        };
        Ok(ValidDeal {
            title,
            lead_id: id::parse_id("lead_id", &self.lead_id)?,
            value_minor: money::value_minor(self.value_minor)?,
            currency: money::currency(&self.currency)?,
            expected_close,
            probability,
            owner: text::optional_line("owner", self.owner.as_deref(), 100)?,
            pipeline_id: id::parse_id("pipeline_id", &self.pipeline_id)?,
            stage_id: id::parse_id("stage_id", &self.stage_id)?,
        })
    }
}

/// What the board shows: every filter is optional, and the totals follow them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct BoardFilter {
    /// Words (or their beginnings) in the title, the lead's name or the company; case and accents
    /// do not matter.
    pub search: Option<String>,
    pub owner: Option<String>,
    /// Deals whose lead came from this campaign (its first touchpoint).
    pub campaign_id: Option<String>,
    pub min_value_minor: Option<i64>,
    pub max_value_minor: Option<i64>,
    /// Expected close on or after this date (`YYYY-MM-DD`).
    pub close_from: Option<String>,
    /// Expected close on or before this date.
    pub close_to: Option<String>,
    pub rotting_only: bool,
}

/// A `BoardFilter` that passed validation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidBoardFilter {
    pub search: Option<String>,
    pub owner: Option<String>,
    pub campaign_id: Option<String>,
    pub min_value_minor: Option<i64>,
    pub max_value_minor: Option<i64>,
    pub close_from: Option<NaiveDate>,
    pub close_to: Option<NaiveDate>,
    pub rotting_only: bool,
}

impl BoardFilter {
    pub fn validate(&self) -> Result<ValidBoardFilter> {
        let valid = ValidBoardFilter {
            search: text::optional_line("search", self.search.as_deref(), 200)?,
            owner: text::optional_line("owner", self.owner.as_deref(), 100)?,
            campaign_id: self.campaign_id.as_deref().map(|c| id::parse_id("campaign_id", c)).transpose()?,
            min_value_minor: self
                .min_value_minor
                .map(money::value_minor)
                .transpose()
                .map_err(|_| Error::invalid("min_value_minor", "cannot be negative"))?,
            max_value_minor: self
                .max_value_minor
                .map(money::value_minor)
                .transpose()
                .map_err(|_| Error::invalid("max_value_minor", "cannot be negative"))?,
            close_from: text::date("close_from", self.close_from.as_deref())?,
            close_to: text::date("close_to", self.close_to.as_deref())?,
            rotting_only: self.rotting_only,
        };
        if let (Some(min), Some(max)) = (valid.min_value_minor, valid.max_value_minor)
            && min > max
        {
            return Err(Error::invalid("max_value_minor", "is below the minimum"));
        }
        if let (Some(from), Some(to)) = (valid.close_from, valid.close_to)
            && from > to
        {
            return Err(Error::invalid("close_to", "is before the start of the range"));
        }
        Ok(valid)
    }
}

/// Closing or reopening a deal. Lost needs a reason from the workspace's list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum StatusChange {
    Won,
    Lost { reason: String },
    Open,
}

/// A column of the board: a step of a pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Stage {
    pub id: String,
    pub name: String,
    /// Chance of winning a deal in this stage, 0–100.
    pub probability: u8,
    /// A deal idle this many days here is rotting; `None`: never.
    pub rotting_days: Option<u32>,
}

/// A stage as typed in the pipeline settings, checked by `validate`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
pub struct StageInput {
    pub name: String,
    pub probability: i64,
    pub rotting_days: Option<i64>,
}

impl StageInput {
    /// The stage it describes (with an empty id, which the store gives).
    pub fn validate(&self) -> Result<Stage> {
        let name =
            text::optional_line("name", Some(&self.name), 80)?.ok_or_else(|| Error::invalid("name", "is required"))?;
        if !(0..=100).contains(&self.probability) {
            return Err(Error::invalid("probability", format!("{} is not between 0 and 100", self.probability)));
        }
        let rotting_days = match self.rotting_days {
            None => None,
            Some(d) if (1..=3650).contains(&d) => Some(d as u32),
            Some(d) => return Err(Error::invalid("rotting_days", format!("{d} is not between 1 and 3650 days"))),
        };
        Ok(Stage { id: String::new(), name, probability: self.probability as u8, rotting_days })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Pipeline {
    pub id: String,
    pub name: String,
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NextActivity {
    pub id: String,
    pub kind: String,
    pub subject: String,
    pub due_at: DateTime<Utc>,
}

/// An open deal as its card shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DealCard {
    pub id: String,
    pub title: String,
    pub lead_id: String,
    pub lead_name: String,
    pub company: Option<String>,
    pub value_minor: i64,
    pub currency: String,
    /// The deal's own chance of winning, when someone set one.
    pub probability_override: Option<u8>,
    /// What the weighted value uses: the override if set, else the stage's probability.
    pub probability: u8,
    pub owner: Option<String>,
    pub stage_id: String,
    /// Fractional key: cards sort by it within their stage.
    pub position: String,
    pub stage_entered_at: DateTime<Utc>,
    pub expected_close: Option<NaiveDate>,
    pub next_activity: Option<NextActivity>,
    pub last_activity_done_at: Option<DateTime<Utc>>,
    /// Whole days since the deal entered its stage.
    pub days_in_stage: u32,
    /// Idle (no stage change, no done activity) for longer than its stage allows.
    pub rotting: bool,
}

/// An amount of one currency, in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Amount {
    pub currency: String,
    pub minor: i64,
}

/// Currencies without minor units (ISO 4217 exponent 0); every other one has cents.
const WHOLE_UNIT_CURRENCIES: &[&str] =
    &["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];

/// `1234.50 EUR`: plain enough for scripts and spreadsheets.
impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.decimal(), self.currency)
    }
}

impl Amount {
    /// How many digits the currency's minor unit has: 2, or 0 for yen and the like.
    pub fn minor_digits(currency: &str) -> u32 {
        if WHOLE_UNIT_CURRENCIES.contains(&currency) { 0 } else { 2 }
    }

    /// The amount in major units as a number, for spreadsheets and charts.
    pub fn major(&self) -> f64 {
        self.minor as f64 / 10f64.powi(Self::minor_digits(&self.currency) as i32)
    }

    /// The number alone, in major units: `1234.50` (`1234` for yen).
    pub fn decimal(&self) -> String {
        if Self::minor_digits(&self.currency) == 0 {
            return self.minor.to_string();
        }
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// Count, value and weighted value (value × probability) of some deals; one amount per currency,
/// since amounts in different currencies are never added up.
#[derive(Debug, Clone, PartialEq, Default, Serialize, TS)]
pub struct Totals {
    pub count: u32,
    pub value: Vec<Amount>,
    pub weighted: Vec<Amount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BoardColumn {
    pub stage: Stage,
    pub totals: Totals,
    /// The column's first cards, in order; `totals.count` says how many there are in all.
    pub deals: Vec<DealCard>,
}

/// Open deals of one stage in one currency, summed by the store: the input of every total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageSum {
    pub stage_id: String,
    pub currency: String,
    pub count: u32,
    pub value_minor: i64,
    /// Σ value × probability (percent), exact; divided by 100 only when totals are made.
    pub weighted_minor_x100: i128,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Board {
    pub pipeline_id: String,
    pub pipeline_name: String,
    pub columns: Vec<BoardColumn>,
    pub totals: Totals,
}

/// The values the board's filters offer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BoardFacets {
    /// Owners of open deals.
    pub owners: Vec<String>,
    /// Live campaigns, by name.
    pub campaigns: Vec<CampaignRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CampaignRef {
    pub id: String,
    pub name: String,
}

/// Adds up deals, keeping value × probability exact until the end (rounded half up per currency).
#[derive(Default)]
struct Tally {
    count: u32,
    by_currency: BTreeMap<String, (i64, i128)>,
}

impl Tally {
    fn add(&mut self, sum: &StageSum) {
        self.count += sum.count;
        let (value, weighted) = self.by_currency.entry(sum.currency.clone()).or_default();
        *value += sum.value_minor;
        *weighted += sum.weighted_minor_x100;
    }

    fn merge(&mut self, other: &Tally) {
        self.count += other.count;
        for (currency, (v, w)) in &other.by_currency {
            let (value, weighted) = self.by_currency.entry(currency.clone()).or_default();
            *value += v;
            *weighted += w;
        }
    }

    fn totals(&self) -> Totals {
        let amount = |currency: &str, minor: i64| Amount { currency: currency.to_owned(), minor };
        Totals {
            count: self.count,
            value: self.by_currency.iter().map(|(c, (v, _))| amount(c, *v)).collect(),
            weighted: self.by_currency.iter().map(|(c, (_, w))| amount(c, ((w + 50) / 100) as i64)).collect(),
        }
    }
}

impl DealCard {
    /// Fills in what depends on the stage and the day: probability, days in stage, rotting.
    pub fn settle(&mut self, stage: &Stage, now: DateTime<Utc>) {
        self.probability = self.probability_override.unwrap_or(stage.probability);
        self.days_in_stage = (now - self.stage_entered_at).num_days().max(0) as u32;
        let idle_since =
            self.last_activity_done_at.map_or(self.stage_entered_at, |done| done.max(self.stage_entered_at));
        self.rotting = stage.rotting_days.is_some_and(|days| (now - idle_since).num_days() >= i64::from(days));
    }
}

impl Board {
    /// Lays `cards` (each column's first ones, in order) out in the pipeline's columns, with the
    /// totals of `sums`. A card or sum whose stage is not in the pipeline is an error: the store
    /// let something through.
    pub fn build(pipeline: Pipeline, sums: &[StageSum], cards: Vec<DealCard>, now: DateTime<Utc>) -> Result<Board> {
        let index: BTreeMap<&str, usize> =
            pipeline.stages.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let outside = |what: &str| Error::Conflict(format!("{what} is in a stage outside its pipeline"));
        let mut decks: Vec<Vec<DealCard>> = vec![Vec::new(); pipeline.stages.len()];
        let mut tallies: Vec<Tally> = pipeline.stages.iter().map(|_| Tally::default()).collect();
        for sum in sums {
            let &i = index.get(sum.stage_id.as_str()).ok_or_else(|| outside("a sum"))?;
            tallies[i].add(sum);
        }
        for mut card in cards {
            let &i = index.get(card.stage_id.as_str()).ok_or_else(|| outside(&format!("deal {}", card.id)))?;
            card.settle(&pipeline.stages[i], now);
            decks[i].push(card);
        }
        let mut all = Tally::default();
        tallies.iter().for_each(|t| all.merge(t));
        let columns = pipeline
            .stages
            .into_iter()
            .zip(decks)
            .zip(&tallies)
            .map(|((stage, deals), tally)| BoardColumn { stage, totals: tally.totals(), deals })
            .collect();
        Ok(Board { pipeline_id: pipeline.id, pipeline_name: pipeline.name, columns, totals: all.totals() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        format!("2026-11-{day:02}T09:00:00Z").parse().unwrap()
    }

    fn stage(id: &str, probability: u8, rotting_days: Option<u32>) -> Stage {
        Stage { id: id.into(), name: id.to_uppercase(), probability, rotting_days }
    }

    fn card(id: &str, stage_id: &str, value_minor: i64, currency: &str, probability: u8) -> DealCard {
        DealCard {
            id: id.into(),
            title: id.into(),
            lead_id: "l".into(),
            lead_name: "Lead".into(),
            company: None,
            value_minor,
            currency: currency.into(),
            probability_override: Some(probability),
            probability: 0,
            owner: None,
            stage_id: stage_id.into(),
            position: "i".into(),
            stage_entered_at: at(1),
            expected_close: None,
            next_activity: None,
            last_activity_done_at: None,
            days_in_stage: 0,
            rotting: false,
        }
    }

    #[test]
    fn totals_per_column_and_pipeline_keep_currencies_apart() {
        let pipeline =
            Pipeline { id: "p".into(), name: "Sales".into(), stages: vec![stage("a", 10, None), stage("b", 50, None)] };
        let sum = |stage: &str, currency: &str, count, value_minor: i64, weighted_minor_x100: i128| StageSum {
            stage_id: stage.into(),
            currency: currency.into(),
            count,
            value_minor,
            weighted_minor_x100,
        };
        let sums = [
            sum("a", "EUR", 2, 10_333, 10_333 * 10),
            sum("b", "EUR", 1, 5_000, 5_000 * 50),
            sum("b", "USD", 1, 1_000, 1_000 * 75),
        ];
        let board = Board::build(pipeline, &sums, vec![card("1", "b", 5_000, "EUR", 50)], at(2)).unwrap();
        assert_eq!(board.columns[1].deals.len(), 1);
        let eur = |minor| Amount { currency: "EUR".into(), minor };
        let usd = |minor| Amount { currency: "USD".into(), minor };
        assert_eq!(board.columns[0].totals, Totals { count: 2, value: vec![eur(10_333)], weighted: vec![eur(1_033)] });
        assert_eq!(
            board.columns[1].totals,
            Totals { count: 2, value: vec![eur(5_000), usd(1_000)], weighted: vec![eur(2_500), usd(750)] }
        );
        // 10,333 × 10 % + 5,000 × 50 % = 1,033.3 + 2,500 → 3,533: rounded once, at the end.
        assert_eq!(
            board.totals,
            Totals { count: 4, value: vec![eur(15_333), usd(1_000)], weighted: vec![eur(3_533), usd(750)] }
        );
    }

    #[test]
    fn rotting_counts_from_the_later_of_stage_entry_and_last_done_activity() {
        let s = stage("a", 10, Some(7));
        let mut c = card("1", "a", 0, "EUR", 10);
        c.settle(&s, at(7));
        assert!(!c.rotting, "6 days idle");
        c.settle(&s, at(8));
        assert!(c.rotting, "7 days idle");
        assert_eq!(c.days_in_stage, 7);
        c.last_activity_done_at = Some(at(5));
        c.settle(&s, at(8));
        assert!(!c.rotting, "a done activity resets the clock");
        c.settle(&stage("a", 10, None), at(30));
        assert!(!c.rotting, "a stage without a rotting period never rots");
        assert_eq!(c.probability, 10, "the deal's own probability");
        c.probability_override = None;
        c.settle(&stage("a", 35, None), at(30));
        assert_eq!(c.probability, 35, "else its stage's");
    }

    #[test]
    fn amounts_print_in_major_units() {
        let amount = |minor, currency: &str| Amount { currency: currency.into(), minor }.to_string();
        assert_eq!(amount(123_456, "EUR"), "1234.56 EUR");
        assert_eq!(amount(5, "USD"), "0.05 USD");
        assert_eq!(amount(-250, "GBP"), "-2.50 GBP");
        assert_eq!(amount(1500, "JPY"), "1500 JPY");
    }

    #[test]
    fn a_card_from_another_pipeline_is_refused() {
        let pipeline = Pipeline { id: "p".into(), name: "Sales".into(), stages: vec![stage("a", 10, None)] };
        let err = Board::build(pipeline, &[], vec![card("1", "zz", 0, "EUR", 0)], at(1)).unwrap_err();
        assert_eq!(err.code(), "conflict");
    }
}
