//! Reports: pure functions over facts the store fetched, each returning tables of typed cells.
//! The CLI, the app and every export call the same function, so a number reads the same on
//! screen and in each file. Available so far: `pipeline`, `forecast` and `win-loss`.

pub mod csv;
pub mod pipeline;
pub mod win_loss;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::model::deal::DealStatus;
use crate::model::text;
use crate::{Error, Result};

/// The reports there are, by the names the CLI takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ReportName {
    Pipeline,
    Forecast,
    WinLoss,
}

impl ReportName {
    pub const ALL: [ReportName; 3] = [ReportName::Pipeline, ReportName::Forecast, ReportName::WinLoss];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportName::Pipeline => "pipeline",
            ReportName::Forecast => "forecast",
            ReportName::WinLoss => "win-loss",
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

/// What a report covers. The period runs from `from` up to, not including, `to`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub owner: Option<String>,
    pub pipeline: Option<String>,
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
        })
    }

    pub fn holds(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day < t)
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
    /// A measure with one decimal: a rate in percent, a number of days.
    Number(f64),
    Empty,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Report {
    pub name: ReportName,
    pub title: String,
    pub tables: Vec<Table>,
}
