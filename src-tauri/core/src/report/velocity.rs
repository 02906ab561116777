//! Velocity: how long deals stay in each stage, from their stage history. A stay ends when the
//! deal moves on or is closed; the stays that ended in the period are averaged. Beside them, the
//! open deals in each stage now and how long they have been there so far.

use super::{Cell, Chart, Report, ReportName, Table, columns, round1};

/// One stage's stays, summed by the store.
#[derive(Debug, Clone, PartialEq)]
pub struct StageStays {
    pub pipeline: String,
    pub stage: String,
    /// The stage's place in its pipeline, for ordering.
    pub position: i64,
    pub ended: i64,
    pub ended_days: f64,
    pub open: i64,
    pub open_days: f64,
}

pub fn velocity(stages: &[StageStays]) -> Report {
    let mut stages: Vec<&StageStays> = stages.iter().collect();
    stages.sort_by(|a, b| (&a.pipeline, a.position).cmp(&(&b.pipeline, b.position)));
    let average = |days: f64, n: i64| if n == 0 { Cell::Empty } else { Cell::Number(round1(days / n as f64)) };
    let table = Table {
        title: "Days in each stage".into(),
        columns: columns(&[
            "Pipeline",
            "Stage",
            "Stays ended",
            "Average days",
            "Open deals in it",
            "Average days so far",
        ]),
        rows: stages
            .into_iter()
            .map(|s| {
                vec![
                    Cell::Text(s.pipeline.clone()),
                    Cell::Text(s.stage.clone()),
                    Cell::Count(s.ended),
                    average(s.ended_days, s.ended),
                    Cell::Count(s.open),
                    average(s.open_days, s.open),
                ]
            })
            .collect(),
    };
    let chart = Chart { table: 0, label: vec![0, 1], series: vec![3, 5], stacked: false, limit: None };
    Report::new(ReportName::Velocity, vec![table], Some(chart))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_in_pipeline_order_with_averages_of_ended_and_open_stays() {
        let stay = |stage: &str, position, ended, ended_days, open, open_days| StageStays {
            pipeline: "Sales".into(),
            stage: stage.into(),
            position,
            ended,
            ended_days,
            open,
            open_days,
        };
        let r = velocity(&[stay("Proposal", 2, 0, 0.0, 3, 10.0), stay("Qualified", 1, 4, 10.0, 0, 0.0)]);
        let rows = &r.tables[0].rows;
        assert_eq!(rows[0][1], Cell::Text("Qualified".into()));
        assert_eq!(rows[0][3], Cell::Number(2.5));
        assert_eq!(rows[0][5], Cell::Empty);
        assert_eq!(rows[1][3], Cell::Empty, "no stay ended: no average rather than zero");
        assert_eq!(rows[1][5], Cell::Number(3.3));
    }
}
