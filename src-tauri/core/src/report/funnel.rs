//! Funnel: of the leads created in the period, how many reached each lifecycle stage (a lead
//! that became a customer reached every stage before it), and how many of those at one stage
//! went on to the next. Under a campaign filter a lead counts by the campaign's share of it.

use super::{Cell, Chart, Report, ReportName, Table, columns, round1};
use crate::model::lead::LifecycleStage;
use crate::model::lead_record::stage_label;

/// Leads by the furthest stage they reached (`LifecycleStage::rank`), possibly fractional.
pub fn funnel(reached: &[(i64, f64)]) -> Report {
    let stages = LifecycleStage::FUNNEL;
    let at_least: Vec<f64> =
        (0..stages.len() as i64).map(|rank| reached.iter().filter(|(r, _)| *r >= rank).map(|(_, n)| n).sum()).collect();
    let rows = stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let next = at_least.get(i + 1).filter(|_| at_least[i] > 0.0);
            vec![
                Cell::Text(stage_label(*stage).into()),
                Cell::Number(round1(at_least[i])),
                next.map_or(Cell::Empty, |n| Cell::Number(round1(n * 100.0 / at_least[i]))),
            ]
        })
        .collect();
    let table = Table {
        title: "Leads reaching each stage".into(),
        columns: columns(&["Stage", "Leads", "Went on to the next stage %"]),
        rows,
    };
    let chart = Chart { table: 0, label: vec![0], series: vec![1], stacked: false, limit: None };
    Report::new(ReportName::Funnel, vec![table], Some(chart))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stage_counts_every_lead_that_got_at_least_that_far() {
        // 4 stayed leads, 3 stopped at MQL, 2 at SQL, 1 became a customer.
        let r = funnel(&[(1, 4.0), (2, 3.0), (3, 2.0), (5, 1.0)]);
        let got: Vec<(Cell, Cell)> = r.tables[0].rows.iter().map(|row| (row[1].clone(), row[2].clone())).collect();
        let n = Cell::Number;
        assert_eq!(
            got,
            vec![
                (n(10.0), n(100.0)),
                (n(10.0), n(60.0)),
                (n(6.0), n(50.0)),
                (n(3.0), n(33.3)),
                (n(1.0), n(100.0)),
                (n(1.0), Cell::Empty),
            ]
        );
    }

    #[test]
    fn an_empty_period_has_no_rates() {
        let r = funnel(&[]);
        assert!(r.tables[0].rows.iter().all(|row| row[1] == Cell::Number(0.0) && row[2] == Cell::Empty));
    }
}
