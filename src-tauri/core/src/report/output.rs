//! Marketing output: calendar items (each occurrence of a repeating one) per week and channel,
//! by status. Weeks start on Monday and are named by that day.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::{Cell, Chart, Report, ReportName, Table, columns};
use crate::model::calendar::ItemStatus;

/// Items that start on `day`, of one channel and status.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemCount {
    pub day: NaiveDate,
    pub channel: Option<String>,
    pub status: ItemStatus,
    pub count: i64,
}

pub fn marketing_output(items: &[ItemCount]) -> Report {
    let statuses = ItemStatus::ALL;
    let mut by_channel: BTreeMap<(NaiveDate, String), Vec<i64>> = BTreeMap::new();
    let mut by_week: BTreeMap<NaiveDate, Vec<i64>> = BTreeMap::new();
    for item in items {
        let week = monday(item.day);
        let at = statuses.iter().position(|s| *s == item.status).unwrap_or(0);
        let channel = item.channel.clone().unwrap_or_default();
        by_channel.entry((week, channel)).or_insert_with(|| vec![0; statuses.len()])[at] += item.count;
        by_week.entry(week).or_insert_with(|| vec![0; statuses.len()])[at] += item.count;
    }
    let mut names: Vec<&str> = statuses.iter().map(|s| status_label(*s)).collect();
    names.push("Total");
    let counts = |n: &Vec<i64>| -> Vec<Cell> {
        n.iter().map(|c| Cell::Count(*c)).chain([Cell::Count(n.iter().sum())]).collect()
    };
    let per_channel = Table {
        title: "By week and channel".into(),
        columns: columns(&[&["Week", "Channel"][..], &names].concat()),
        rows: by_channel
            .iter()
            .map(|((week, channel), n)| {
                let channel = if channel.is_empty() { "(no channel)".to_owned() } else { channel.clone() };
                [Cell::Date(week.to_string()), Cell::Text(channel)].into_iter().chain(counts(n)).collect()
            })
            .collect(),
    };
    let per_week = Table {
        title: "By week".into(),
        columns: columns(&[&["Week"][..], &names].concat()),
        rows: by_week
            .iter()
            .map(|(week, n)| [Cell::Date(week.to_string())].into_iter().chain(counts(n)).collect())
            .collect(),
    };
    let series = (1..=statuses.len()).collect();
    let chart = Chart { table: 1, label: vec![0], series, stacked: true, limit: None };
    Report::new(ReportName::MarketingOutput, vec![per_channel, per_week], Some(chart))
}

fn monday(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday()))).unwrap_or(day)
}

fn status_label(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::Idea => "Idea",
        ItemStatus::Draft => "Draft",
        ItemStatus::Scheduled => "Scheduled",
        ItemStatus::Published => "Published",
        ItemStatus::Cancelled => "Cancelled",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_fall_in_the_week_of_their_monday() {
        let item = |day: &str, channel: Option<&str>, status, count| ItemCount {
            day: day.parse().unwrap(),
            channel: channel.map(str::to_owned),
            status,
            count,
        };
        let r = marketing_output(&[
            // Sunday 29 November belongs to the week of Monday 23 November.
            item("2026-11-29", Some("Email"), ItemStatus::Published, 2),
            item("2026-11-30", Some("Email"), ItemStatus::Draft, 1),
            item("2026-11-23", None, ItemStatus::Idea, 3),
        ]);
        let week = |d: &str| Cell::Date(d.into());
        assert_eq!(r.tables[0].rows[0][..2], [week("2026-11-23"), Cell::Text("(no channel)".into())]);
        assert_eq!(r.tables[0].rows[1][..2], [week("2026-11-23"), Cell::Text("Email".into())]);
        let c = Cell::Count;
        assert_eq!(r.tables[1].rows[0], vec![week("2026-11-23"), c(3), c(0), c(0), c(2), c(0), c(5)]);
        assert_eq!(r.tables[1].rows[1], vec![week("2026-11-30"), c(0), c(1), c(0), c(0), c(0), c(1)]);
    }
}
