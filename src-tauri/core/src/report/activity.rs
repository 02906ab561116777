//! Activity: the calls, meetings, emails, tasks and notes due in the period, per owner and kind:
//! how many, done, overdue (not done and past due now) and still to do.

use super::{Cell, Chart, Report, ReportName, Table, columns};
use crate::model::activity::ActivityKind;

/// Activities of one owner and kind, counted by the store.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityCount {
    pub owner: Option<String>,
    pub kind: ActivityKind,
    pub total: i64,
    pub done: i64,
    pub overdue: i64,
}

pub fn activity(counts: &[ActivityCount]) -> Report {
    let mut counts: Vec<&ActivityCount> = counts.iter().collect();
    counts.sort_by(|a, b| {
        (a.owner.is_none(), &a.owner, a.kind.as_str()).cmp(&(b.owner.is_none(), &b.owner, b.kind.as_str()))
    });
    let owner = |o: &Option<String>| Cell::Text(o.clone().unwrap_or_else(|| "(no owner)".into()));
    let row = |lead: Vec<Cell>, total: i64, done: i64, overdue: i64| {
        let mut row = lead;
        row.extend([Cell::Count(total), Cell::Count(done), Cell::Count(overdue), Cell::Count(total - done - overdue)]);
        row
    };
    let by_kind = Table {
        title: "By owner and type".into(),
        columns: columns(&["Owner", "Type", "Activities", "Done", "Overdue", "To do"]),
        rows: counts
            .iter()
            .map(|c| row(vec![owner(&c.owner), Cell::Text(c.kind.label().into())], c.total, c.done, c.overdue))
            .collect(),
    };
    let mut owners: Vec<(Option<String>, i64, i64, i64)> = Vec::new();
    for c in &counts {
        match owners.last_mut() {
            Some(last) if last.0 == c.owner => {
                last.1 += c.total;
                last.2 += c.done;
                last.3 += c.overdue;
            }
            _ => owners.push((c.owner.clone(), c.total, c.done, c.overdue)),
        }
    }
    let by_owner = Table {
        title: "By owner".into(),
        columns: columns(&["Owner", "Activities", "Done", "Overdue", "To do"]),
        rows: owners.iter().map(|(o, t, d, od)| row(vec![owner(o)], *t, *d, *od)).collect(),
    };
    let chart = Chart { table: 1, label: vec![0], series: vec![2, 3, 4], stacked: true, limit: None };
    Report::new(ReportName::Activity, vec![by_kind, by_owner], Some(chart))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_totalled_and_the_unowned_come_last() {
        let count = |owner: Option<&str>, kind: ActivityKind, total, done, overdue| ActivityCount {
            owner: owner.map(str::to_owned),
            kind,
            total,
            done,
            overdue,
        };
        let r = activity(&[
            count(None, ActivityKind::Task, 2, 0, 2),
            count(Some("Sam"), ActivityKind::Meeting, 3, 1, 1),
            count(Some("Sam"), ActivityKind::Call, 5, 4, 0),
        ]);
        assert_eq!(r.tables[0].rows[0][1], Cell::Text("Call".into()));
        assert_eq!(
            r.tables[1].rows,
            vec![
                vec![Cell::Text("Sam".into()), Cell::Count(8), Cell::Count(5), Cell::Count(1), Cell::Count(2)],
                vec![Cell::Text("(no owner)".into()), Cell::Count(2), Cell::Count(0), Cell::Count(2), Cell::Count(0)],
            ]
        );
    }
}
