//! Win/loss: of the deals closed in the period (won or lost that day), how many were won, the
//! win rate, the average won deal per currency, how long won deals took from creation to the
//! win, and why the others were lost.

use std::collections::BTreeMap;

use super::pipeline::{matches, money};
use super::{Cell, Chart, DealFact, Report, ReportFilter, ReportName, Table, round1};
use crate::model::deal::DealStatus;

pub fn win_loss(deals: &[DealFact], filter: &ReportFilter) -> Report {
    let closed = deals.iter().filter(|d| matches(d, filter)).filter_map(|d| {
        let day = match d.status {
            DealStatus::Won => d.won_on,
            DealStatus::Lost => d.lost_on,
            DealStatus::Open => None,
        }?;
        filter.holds(day).then_some((d, day))
    });
    let (mut won, mut lost, mut cycle_days) = (0i64, 0i64, 0i64);
    let mut sizes: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut reasons: BTreeMap<String, i64> = BTreeMap::new();
    for (d, day) in closed {
        if d.status == DealStatus::Won {
            won += 1;
            cycle_days += (day - d.created_on).num_days().max(0);
            let size = sizes.entry(d.currency.clone()).or_default();
            size.0 += 1;
            size.1 += d.value_minor;
        } else {
            lost += 1;
            *reasons.entry(d.lost_reason.clone().unwrap_or_else(|| "(no reason given)".into())).or_default() += 1;
        }
    }
    let rate =
        if won + lost == 0 { Cell::Empty } else { Cell::Number(round1(won as f64 * 100.0 / (won + lost) as f64)) };
    let cycle = if won == 0 { Cell::Empty } else { Cell::Number(round1(cycle_days as f64 / won as f64)) };
    let summary = Table {
        title: "Won and lost".into(),
        columns: ["Won", "Lost", "Win rate %", "Average days to win"].map(String::from).to_vec(),
        rows: vec![vec![Cell::Count(won), Cell::Count(lost), rate, cycle]],
    };
    let sizes = Table {
        title: "Average won deal".into(),
        columns: ["Won deals", "Average value"].map(String::from).to_vec(),
        rows: sizes
            .into_iter()
            .map(|(currency, (count, total))| {
                // Rounded half up to the minor unit.
                vec![Cell::Count(count), money((total + count / 2) / count, &currency)]
            })
            .collect(),
    };
    let mut reasons: Vec<(String, i64)> = reasons.into_iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let reasons = Table {
        title: "Lost reasons".into(),
        columns: ["Reason", "Deals"].map(String::from).to_vec(),
        rows: reasons.into_iter().map(|(r, n)| vec![Cell::Text(r), Cell::Count(n)]).collect(),
    };
    let chart = Chart { table: 2, label: vec![0], series: vec![1], stacked: false, limit: None };
    Report::new(ReportName::WinLoss, vec![summary, sizes, reasons], Some(chart))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn closed(won: bool, on: &str, created: &str, value: i64, reason: Option<&str>) -> DealFact {
        DealFact {
            pipeline: "Sales".into(),
            stage: "Proposal".into(),
            stage_position: 0,
            owner: None,
            currency: "EUR".into(),
            value_minor: value,
            probability: 50,
            status: if won { DealStatus::Won } else { DealStatus::Lost },
            expected_close: None,
            won_on: won.then(|| day(on)),
            lost_on: (!won).then(|| day(on)),
            created_on: day(created),
            lost_reason: reason.map(str::to_owned),
        }
    }

    #[test]
    fn rates_sizes_cycles_and_reasons_of_the_deals_closed_in_the_period() {
        let deals = [
            closed(true, "2026-11-10", "2026-11-01", 1_000, None),
            closed(true, "2026-11-20", "2026-10-31", 2_001, None),
            closed(false, "2026-11-05", "2026-10-01", 500, Some("Price")),
            closed(false, "2026-11-30", "2026-10-01", 500, None),
            // Closed on the period's end day: not in it.
            closed(false, "2026-12-01", "2026-10-01", 500, Some("Price")),
        ];
        let november =
            ReportFilter { from: Some(day("2026-11-01")), to: Some(day("2026-12-01")), ..Default::default() };
        let r = win_loss(&deals, &november);
        // 2 of 4 won; 9 and 20 days to win.
        assert_eq!(r.tables[0].rows[0], vec![Cell::Count(2), Cell::Count(2), Cell::Number(50.0), Cell::Number(14.5)]);
        // (1,000 + 2,001) / 2 = 1,500.5, rounded half up.
        assert_eq!(r.tables[1].rows, vec![vec![Cell::Count(2), money(1_501, "EUR")]]);
        let reasons: Vec<_> = r.tables[2].rows.iter().map(|row| row[0].clone()).collect();
        assert_eq!(reasons, [Cell::Text("(no reason given)".into()), Cell::Text("Price".into())]);
    }

    #[test]
    fn no_closed_deal_gives_no_rate_rather_than_zero() {
        let r = win_loss(&[], &ReportFilter::default());
        assert_eq!(r.tables[0].rows[0], vec![Cell::Count(0), Cell::Count(0), Cell::Empty, Cell::Empty]);
    }
}
