//! Reports: pure functions over facts the store fetched, each returning tables of typed cells
//! and the chart to draw from one of them. The CLI, the app and every export call the same
//! function, so a number reads the same on screen and in each file.

pub mod activity;
pub mod campaigns;
pub mod csv;
pub mod funnel;
pub mod output;
pub mod pack;
pub mod pdf;
mod period;
pub mod pipeline;
mod typeface;
pub mod velocity;
pub mod win_loss;
pub mod xlsx;

pub use period::Period;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::attribution::Model;
use crate::model::deal::DealStatus;
use crate::model::text;
use crate::{Error, Result};

/// The reports there are, by the names the CLI takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ReportName {
    Pipeline,
    Forecast,
    Funnel,
    CampaignPerformance,
    WinLoss,
    Velocity,
    Activity,
    MarketingOutput,
}

/// A filter a report can be narrowed by; each report takes some of them (`ReportName::takes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FilterKind {
    Period,
    Owner,
    Pipeline,
    Campaign,
    Model,
}

impl ReportName {
    pub const ALL: [ReportName; 8] = [
        ReportName::Pipeline,
        ReportName::Forecast,
        ReportName::Funnel,
        ReportName::CampaignPerformance,
        ReportName::WinLoss,
        ReportName::Velocity,
        ReportName::Activity,
        ReportName::MarketingOutput,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportName::Pipeline => "pipeline",
            ReportName::Forecast => "forecast",
            ReportName::Funnel => "funnel",
            ReportName::CampaignPerformance => "campaign-performance",
            ReportName::WinLoss => "win-loss",
            ReportName::Velocity => "velocity",
            ReportName::Activity => "activity",
            ReportName::MarketingOutput => "marketing-output",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ReportName::Pipeline => "Pipeline",
            ReportName::Forecast => "Forecast",
            ReportName::Funnel => "Funnel",
            ReportName::CampaignPerformance => "Campaign performance",
            ReportName::WinLoss => "Win/loss",
            ReportName::Velocity => "Velocity",
            ReportName::Activity => "Activity",
            ReportName::MarketingOutput => "Marketing output",
        }
    }

    /// The filters that change this report. The pipeline is today's open deals, so it has no
    /// period; the model only decides which campaign is credited with a lead.
    pub fn takes(self) -> &'static [FilterKind] {
        use FilterKind::*;
        match self {
            ReportName::Pipeline => &[Owner, Pipeline, Campaign],
            ReportName::Forecast | ReportName::WinLoss | ReportName::Velocity => &[Period, Owner, Pipeline, Campaign],
            ReportName::Funnel | ReportName::CampaignPerformance => &[Period, Owner, Campaign, Model],
            ReportName::Activity => &[Period, Owner],
            ReportName::MarketingOutput => &[Period, Owner, Campaign],
        }
    }

    pub fn parse(raw: &str) -> Result<ReportName> {
        let raw = raw.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|r| r.as_str() == raw).ok_or_else(|| {
            let names: Vec<_> = Self::ALL.iter().map(|r| r.as_str()).collect();
            Error::invalid("report", format!("{raw:?} is not one of {}", names.join(", ")))
        })
    }
}

/// What a report covers. The period runs from `from` up to, not including, `to`. `campaign` is a
/// campaign's name, code or id; `model` decides which campaign a lead counts for (first touch
/// when not given).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
pub struct ReportFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub owner: Option<String>,
    pub pipeline: Option<String>,
    pub campaign: Option<String>,
    pub model: Option<Model>,
}

impl ReportFilter {
    pub fn validate(&self) -> Result<ReportFilter> {
        if let (Some(f), Some(t)) = (self.from, self.to)
            && t <= f
        {
            return Err(Error::invalid("to", format!("{t} is not after {f}")));
        }
        Ok(ReportFilter {
            from: self.from,
            to: self.to,
            owner: text::optional_line("owner", self.owner.as_deref(), 100)?,
            pipeline: text::optional_line("pipeline", self.pipeline.as_deref(), 200)?,
            campaign: text::optional_line("campaign", self.campaign.as_deref(), 200)?,
            model: self.model,
        })
    }

    /// The filter with a named period's days, counted from `today`, in place of its own.
    pub fn over(&self, period: Option<Period>, today: NaiveDate) -> ReportFilter {
        let mut filter = self.clone();
        if let Some(period) = period {
            (filter.from, filter.to) = period.days(today);
        }
        filter
    }

    pub fn holds(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day < t)
    }

    /// The filters `name` takes, as a reader of the report should see them: "Period: …".
    pub fn describe(&self, name: ReportName, campaign: Option<&str>) -> Vec<String> {
        let mut lines = Vec::new();
        for kind in name.takes() {
            match kind {
                FilterKind::Period => lines.push(format!(
                    "Period: {}",
                    match (self.from, self.to) {
                        (None, None) => "all time".to_owned(),
                        (Some(f), None) => format!("from {f}"),
                        (None, Some(t)) => format!("until {}", t.pred_opt().unwrap_or(t)),
                        (Some(f), Some(t)) => format!("{f} to {}", t.pred_opt().unwrap_or(t)),
                    }
                )),
                FilterKind::Owner => lines.extend(self.owner.as_ref().map(|o| format!("Owner: {o}"))),
                FilterKind::Pipeline => lines.extend(self.pipeline.as_ref().map(|p| format!("Pipeline: {p}"))),
                FilterKind::Campaign => lines.extend(campaign.map(|c| format!("Campaign: {c}"))),
                FilterKind::Model => lines.push(format!(
                    "Attribution: {}",
                    match self.model.unwrap_or_default() {
                        Model::First => "first touch",
                        Model::Last => "last touch",
                        Model::Linear => "linear",
                    }
                )),
            }
        }
        lines
    }
}

/// A deal as the sales reports need it.
#[derive(Debug, Clone, PartialEq)]
pub struct DealFact {
    pub pipeline: String,
    pub stage: String,
    /// The stage's place in its pipeline, for ordering.
    pub stage_position: i64,
    pub owner: Option<String>,
    pub currency: String,
    pub value_minor: i64,
    /// The deal's own probability if set, else its stage's (percent).
    pub probability: i64,
    pub status: DealStatus,
    pub expected_close: Option<NaiveDate>,
    pub won_on: Option<NaiveDate>,
    pub lost_on: Option<NaiveDate>,
    pub created_on: NaiveDate,
    pub lost_reason: Option<String>,
}

/// One cell, typed so each export can write it as what it is.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Text(String),
    Count(i64),
    /// Minor units of a currency.
    Money {
        minor: i64,
        currency: String,
    },
    /// A calendar month, "2026-11".
    Month(String),
    /// A day, "2026-11-23".
    Date(String),
    /// A measure to a tenth: a rate in percent, a number of days, a share of credit. A column
    /// of them is written to the tenth when any has a fraction, else whole (`Table::in_tenths`).
    Number(f64),
    Empty,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// For each column: whether a number in it has a fraction. Every export writes such a column
    /// to the tenth, so it lines up, and a column of whole numbers whole; the screen applies the
    /// same rule (`inTenths` in `ui/src/views/reports/cells.ts`).
    pub fn in_tenths(&self) -> Vec<bool> {
        (0..self.columns.len())
            .map(|c| self.rows.iter().any(|r| matches!(r.get(c), Some(Cell::Number(x)) if x.fract() != 0.0)))
            .collect()
    }
}

/// A `Cell::Number` as written: to the tenth in a column `in_tenths`, else whole.
pub(crate) fn number_text(x: f64, tenths: bool) -> String {
    if tenths { format!("{x:.1}") } else { format!("{x:.0}") }
}

/// How a report is drawn: `series` columns of table `table` as bars over the rows, each row
/// labelled by its `label` columns joined; the first `limit` rows when the table is long.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Chart {
    pub table: usize,
    pub label: Vec<usize>,
    pub series: Vec<usize>,
    pub stacked: bool,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Report {
    pub name: ReportName,
    pub title: String,
    /// The filters it was made with, as lines to print above it.
    pub filters: Vec<String>,
    /// The filters that change it (`ReportName::takes`), for a screen to offer.
    pub takes: Vec<FilterKind>,
    pub tables: Vec<Table>,
    pub chart: Option<Chart>,
}

impl Report {
    fn new(name: ReportName, tables: Vec<Table>, chart: Option<Chart>) -> Report {
        Report { name, title: name.title().into(), filters: Vec::new(), takes: name.takes().to_vec(), tables, chart }
    }
}

/// `text` as part of a file name: "Open deals by stage" → "open-deals-by-stage" (may be empty).
fn slug(text: &str) -> String {
    let mut slug: String =
        text.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    while slug.contains("--") {
        slug = slug.replace("--", "-");
    }
    slug.trim_matches('-').to_owned()
}

fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|c| (*c).to_owned()).collect()
}

/// One decimal, as rates and averages are shown.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
