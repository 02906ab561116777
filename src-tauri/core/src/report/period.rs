//! Named periods a report is usually asked for, turned into days from the day it is asked on.
//! The Reports screen and `tandem-cli report --period` take the same names.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(rename = "ReportPeriod")]
pub enum Period {
    ThisMonth,
    LastMonth,
    ThisQuarter,
    LastQuarter,
    YearToDate,
    LastYear,
    #[serde(rename = "last-12-months")]
    Last12Months,
    AllTime,
}

impl Period {
    pub const ALL: [Period; 8] = [
        Period::ThisMonth,
        Period::LastMonth,
        Period::ThisQuarter,
        Period::LastQuarter,
        Period::YearToDate,
        Period::LastYear,
        Period::Last12Months,
        Period::AllTime,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::ThisMonth => "this-month",
            Period::LastMonth => "last-month",
            Period::ThisQuarter => "this-quarter",
            Period::LastQuarter => "last-quarter",
            Period::YearToDate => "year-to-date",
            Period::LastYear => "last-year",
            Period::Last12Months => "last-12-months",
            Period::AllTime => "all-time",
        }
    }

    pub fn parse(raw: &str) -> Result<Period> {
        let raw = raw.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|p| p.as_str() == raw).ok_or_else(|| {
            let names: Vec<_> = Self::ALL.iter().map(|p| p.as_str()).collect();
            Error::invalid("period", format!("{raw:?} is not one of {}", names.join(", ")))
        })
    }

    /// The days it covers seen from `today`: from the first, up to (not including) the second.
    /// Periods that include today end tomorrow; all time is open at both ends.
    pub fn days(self, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let month = first_of_month(today);
        let quarter = month - Months::new(today.month0() % 3);
        let year = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let tomorrow = today.succ_opt().unwrap_or(today);
        let (from, to) = match self {
            Period::ThisMonth => (month, month + Months::new(1)),
            Period::LastMonth => (month - Months::new(1), month),
            Period::ThisQuarter => (quarter, quarter + Months::new(3)),
            Period::LastQuarter => (quarter - Months::new(3), quarter),
            Period::YearToDate => (year, tomorrow),
            Period::LastYear => (year - Months::new(12), year),
            Period::Last12Months => (tomorrow - Months::new(12), tomorrow),
            Period::AllTime => return (None, None),
        };
        (Some(from), Some(to))
    }
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn periods_are_counted_from_the_day_asked() {
        let today = day("2026-11-28");
        let of = |p: Period| {
            let (f, t) = p.days(today);
            (f.map(|d| d.to_string()), t.map(|d| d.to_string()))
        };
        let some = |f: &str, t: &str| (Some(f.to_owned()), Some(t.to_owned()));
        assert_eq!(of(Period::ThisMonth), some("2026-11-01", "2026-12-01"));
        assert_eq!(of(Period::LastMonth), some("2026-10-01", "2026-11-01"));
        assert_eq!(of(Period::ThisQuarter), some("2026-10-01", "2027-01-01"));
        assert_eq!(of(Period::LastQuarter), some("2026-07-01", "2026-10-01"));
        assert_eq!(of(Period::YearToDate), some("2026-01-01", "2026-11-29"));
        assert_eq!(of(Period::LastYear), some("2025-01-01", "2026-01-01"));
        assert_eq!(of(Period::Last12Months), some("2025-11-29", "2026-11-29"));
        assert_eq!(of(Period::AllTime), (None, None));
        // January's last quarter is the previous year's fourth.
        assert_eq!(Period::LastQuarter.days(day("2027-01-15")).0, Some(day("2026-10-01")));
    }

    #[test]
    fn unknown_period_names_are_refused_with_the_known_ones() {
        assert_eq!(Period::parse(" Year-To-Date ").unwrap(), Period::YearToDate);
        let err = Period::parse("fortnight").unwrap_err().to_string();
        assert!(err.starts_with("period: \"fortnight\" is not one of this-month, last-month"), "{err}");
    }
}
