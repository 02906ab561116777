//! The sales reports read from deals: the pipeline (open deals by stage and by owner: count,
//! value, weighted value) and the forecast (expected revenue by month of expected close, next to
//! revenue won that month). Money is never added across currencies: each currency is a row.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::{Cell, Chart, DealFact, Report, ReportFilter, ReportName, Table};
use crate::model::deal::DealStatus;

/// Count, value and Σ value × probability (percent, exact) of some deals in one currency.
#[derive(Default)]
struct Sum {
    count: i64,
    value: i64,
    weighted_x100: i128,
}

impl Sum {
    fn add(&mut self, d: &DealFact) {
        self.count += 1;
        self.value += d.value_minor;
        self.weighted_x100 += i128::from(d.value_minor) * i128::from(d.probability);
    }
}

pub(super) fn money(minor: i64, currency: &str) -> Cell {
    Cell::Money { minor, currency: currency.to_owned() }
}

/// Rounded half up to the minor unit, as the board rounds.
fn weighted(x100: i128, currency: &str) -> Cell {
    money(((x100 + 50) / 100) as i64, currency)
}

/// Open deals (of the filter's owner and pipeline) by stage, in pipeline order, and by owner.
pub fn pipeline(deals: &[DealFact], filter: &ReportFilter) -> Report {
    let open = deals.iter().filter(|d| d.status == DealStatus::Open && matches(d, filter));
    let mut by_stage: BTreeMap<(String, i64, String, String), Sum> = BTreeMap::new();
    let mut by_owner: BTreeMap<(String, String), Sum> = BTreeMap::new();
    for d in open {
        by_stage.entry((d.pipeline.clone(), d.stage_position, d.stage.clone(), d.currency.clone())).or_default().add(d);
        let owner = d.owner.clone().unwrap_or_default();
        by_owner.entry((owner, d.currency.clone())).or_default().add(d);
    }
    let stages = Table {
        title: "Open deals by stage".into(),
        columns: ["Pipeline", "Stage", "Deals", "Value", "Weighted value"].map(String::from).to_vec(),
        rows: by_stage
            .into_iter()
            .map(|((pipeline, _, stage, currency), s)| {
                vec![
                    Cell::Text(pipeline),
                    Cell::Text(stage),
                    Cell::Count(s.count),
                    money(s.value, &currency),
                    weighted(s.weighted_x100, &currency),
                ]
            })
            .collect(),
    };
    let owners = Table {
        title: "Open deals by owner".into(),
        columns: ["Owner", "Deals", "Value", "Weighted value"].map(String::from).to_vec(),
        rows: by_owner
            .into_iter()
            .map(|((owner, currency), s)| {
                let owner = if owner.is_empty() { Cell::Text("(no owner)".into()) } else { Cell::Text(owner) };
                vec![owner, Cell::Count(s.count), money(s.value, &currency), weighted(s.weighted_x100, &currency)]
            })
            .collect(),
    };
    let chart = Chart { table: 0, label: vec![0, 1], series: vec![3, 4], stacked: false, limit: None };
    Report::new(ReportName::Pipeline, vec![stages, owners], Some(chart))
}

/// By month: open deals' value × probability expected to close that month, and the value of the
/// deals won that month. Months come from the filter's period, or else from the deals found.
pub fn forecast(deals: &[DealFact], filter: &ReportFilter) -> Report {
    let mut months: BTreeMap<(String, String), (i128, i64, i64)> = BTreeMap::new();
    for d in deals.iter().filter(|d| matches(d, filter)) {
        let (day, open) = match d.status {
            DealStatus::Open => (d.expected_close, true),
            DealStatus::Won => (d.won_on, false),
            DealStatus::Lost => continue,
        };
        let Some(day) = day.filter(|day| filter.holds(*day)) else { continue };
        let entry = months.entry((month(day), d.currency.clone())).or_default();
        if open {
            entry.0 += i128::from(d.value_minor) * i128::from(d.probability);
            entry.1 += 1;
        } else {
            entry.2 += d.value_minor;
        }
    }
    let table = Table {
        title: "Expected and won revenue by month".into(),
        columns: ["Month", "Open deals", "Expected revenue", "Won revenue"].map(String::from).to_vec(),
        rows: months
            .into_iter()
            .map(|((month, currency), (expected, count, won))| {
                vec![Cell::Month(month), Cell::Count(count), weighted(expected, &currency), money(won, &currency)]
            })
            .collect(),
    };
    let chart = Chart { table: 0, label: vec![0], series: vec![2, 3], stacked: false, limit: None };
    Report::new(ReportName::Forecast, vec![table], Some(chart))
}

pub(super) fn matches(d: &DealFact, filter: &ReportFilter) -> bool {
    filter.owner.as_deref().is_none_or(|o| d.owner.as_deref() == Some(o))
        && filter.pipeline.as_deref().is_none_or(|p| d.pipeline.eq_ignore_ascii_case(p))
}

fn month(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deal(stage: (&str, i64), owner: Option<&str>, value: i64, currency: &str, prob: i64) -> DealFact {
        DealFact {
            pipeline: "Sales".into(),
            stage: stage.0.into(),
            stage_position: stage.1,
            owner: owner.map(str::to_owned),
            currency: currency.into(),
            value_minor: value,
            probability: prob,
            status: DealStatus::Open,
            expected_close: None,
            won_on: None,
            lost_on: None,
            created_on: "2026-01-01".parse().unwrap(),
            lost_reason: None,
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_empty_workspace_has_empty_tables() {
        let r = pipeline(&[], &ReportFilter::default());
        assert_eq!(r.tables.len(), 2);
        assert!(r.tables.iter().all(|t| t.rows.is_empty()));
        assert!(forecast(&[], &ReportFilter::default()).tables[0].rows.is_empty());
    }

    #[test]
    fn the_pipeline_sums_open_deals_per_stage_and_currency_in_stage_order() {
        let mut won = deal(("Proposal", 1), Some("Sam"), 99_999, "EUR", 50);
        won.status = DealStatus::Won;
        let deals = [
            deal(("Proposal", 1), Some("Sam"), 10_000, "EUR", 50),
            deal(("Proposal", 1), Some("Rita"), 5_001, "EUR", 50),
            deal(("Qualified", 0), None, 3_000, "USD", 10),
            deal(("Proposal", 1), Some("Sam"), 700, "USD", 50),
            won,
        ];
        let r = pipeline(&deals, &ReportFilter::default());
        let eur = |m| money(m, "EUR");
        let usd = |m| money(m, "USD");
        let text = |s: &str| Cell::Text(s.into());
        assert_eq!(
            r.tables[0].rows,
            vec![
                vec![text("Sales"), text("Qualified"), Cell::Count(1), usd(3_000), usd(300)],
                // 15,001 × 50 % = 7,500.5, rounded half up.
                vec![text("Sales"), text("Proposal"), Cell::Count(2), eur(15_001), eur(7_501)],
                vec![text("Sales"), text("Proposal"), Cell::Count(1), usd(700), usd(350)],
            ]
        );
        assert_eq!(r.tables[1].rows[0], vec![text("(no owner)"), Cell::Count(1), usd(3_000), usd(300)]);
        let sam = ReportFilter { owner: Some("Sam".into()), ..Default::default() };
        assert_eq!(pipeline(&deals, &sam).tables[1].rows.len(), 2, "Sam's EUR and USD rows only");
    }

    #[test]
    fn the_forecast_puts_each_deal_in_its_month_and_respects_the_period_boundary() {
        let mut a = deal(("Proposal", 1), None, 10_000, "EUR", 40);
        a.expected_close = Some(day("2026-12-31"));
        let mut b = deal(("Proposal", 1), None, 20_000, "EUR", 40);
        b.expected_close = Some(day("2027-01-01"));
        let mut c = deal(("Proposal", 1), None, 7_000, "EUR", 100);
        c.status = DealStatus::Won;
        c.won_on = Some(day("2026-12-02"));
        let mut lost = deal(("Proposal", 1), None, 1_000, "EUR", 0);
        lost.status = DealStatus::Lost;
        lost.expected_close = Some(day("2026-12-05"));
        let deals = [a, b, c, lost];
        let december =
            ReportFilter { from: Some(day("2026-12-01")), to: Some(day("2027-01-01")), ..Default::default() };
        let r = forecast(&deals, &december);
        assert_eq!(
            r.tables[0].rows,
            vec![vec![Cell::Month("2026-12".into()), Cell::Count(1), money(4_000, "EUR"), money(7_000, "EUR")]]
        );
        let all = forecast(&deals, &ReportFilter::default());
        assert_eq!(all.tables[0].rows.len(), 2, "December and January");
    }

    #[test]
    fn report_names_are_kebab_case_and_others_are_refused() {
        assert_eq!(ReportName::parse(" Forecast ").unwrap(), ReportName::Forecast);
        assert_eq!(ReportName::parse("campaign-performance").unwrap(), ReportName::CampaignPerformance);
        let err = ReportName::parse("sales").unwrap_err().to_string();
        assert_eq!(
            err,
            "report: \"sales\" is not one of pipeline, forecast, funnel, campaign-performance, win-loss, velocity, \
             activity, marketing-output"
        );
    }
}
