//! The calendar's occurrences: which items and which occurrences of repeating series fall in a
//! range of days. Pure functions over the items the store fetched; the store never expands.
//!
//! A series repeats in its own time zone (the RRULE's DTSTART carries it), so a weekly 09:00 in
//! Europe/Berlin stays at 09:00 there when the clocks change. An occurrence is named by its
//! original start (`key`): a UTC instant for timed items, a date for all-day ones.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rrule::{RRule, RRuleSet, Tz, Unvalidated};

use crate::model::calendar::{CalendarItem, ItemStatus, ItemType, Occurrence, ValidRange, When};
use crate::model::time;
use crate::{Error, Result};

/// Enough for a daily series over a year-long range.
const MAX_OCCURRENCES: u16 = 1_000;

/// Checks that `rule` is an RRULE this item can repeat by.
pub fn check_rule(rule: &str, when: &When, tz: chrono_tz::Tz) -> Result<()> {
    rule_set(rule, when, tz, &[]).map(|_| ())
}

/// What expansion needs of an item: no notes, no bookkeeping times.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub id: String,
    pub title: String,
    pub item_type: ItemType,
    pub channel: Option<String>,
    pub campaign_id: Option<String>,
    pub status: ItemStatus,
    pub owner: Option<String>,
    pub when: When,
    pub time_zone: String,
    pub rrule: Option<String>,
    pub exdates: Vec<String>,
    pub series_id: Option<String>,
    pub recurrence_id: Option<String>,
}

impl From<&CalendarItem> for Planned {
    fn from(i: &CalendarItem) -> Planned {
        Planned {
            id: i.id.clone(),
            title: i.title.clone(),
            item_type: i.item_type,
            channel: i.channel.clone(),
            campaign_id: i.campaign_id.clone(),
            status: i.status,
            owner: i.owner.clone(),
            when: i.when,
            time_zone: i.time_zone.clone(),
            rrule: i.rrule.clone(),
            exdates: i.exdates.clone(),
            series_id: i.series_id.clone(),
            recurrence_id: i.recurrence_id.clone(),
        }
    }
}

/// The most occurrences counted when working out where a series ends; beyond, it counts as endless.
const MAX_SERIES: u16 = 5_000;

/// Where a series stops, in the form `repeats_until` stores: the end of its last occurrence (an
/// instant, or the last day of an all-day series), or `None` when it never stops.
pub fn series_end(rule: &str, when: &When, tz: chrono_tz::Tz, exdates: &[String]) -> Option<String> {
    let set = rule_set(rule, when, tz, exdates).ok()?;
    let ends = set.get_rrule().iter().all(|r| r.get_count().is_some() || r.get_until().is_some());
    if !ends {
        return None;
    }
    let result = set.all(MAX_SERIES);
    if result.limited {
        return None;
    }
    let last = result.dates.last().map(|start| shifted(when, *start)).unwrap_or(*when);
    Some(match last {
        When::Timed { ends_at, .. } => time::to_db(ends_at),
        When::AllDay { end_date, .. } => end_date.to_string(),
    })
}

/// Splits a series at the occurrence `key`: the rule that ends just before it, and the rule that
/// carries on from it (keeping what is left of a COUNT, or the original UNTIL).
pub fn split_rule(rule: &str, when: &When, tz: chrono_tz::Tz, key: &str) -> Result<(String, String)> {
    let at = key_start(key, when, tz).ok_or_else(|| Error::invalid("key", format!("{key:?} is not an occurrence")))?;
    let parts: Vec<&str> = rule.trim().trim_start_matches("RRULE:").split(';').filter(|p| !p.is_empty()).collect();
    let find = |name: &str| parts.iter().find_map(|p| p.strip_prefix(name));
    let rest: Vec<&str> =
        parts.iter().copied().filter(|p| !p.starts_with("COUNT=") && !p.starts_with("UNTIL=")).collect();
    let before = rule_set(rule, when, tz, &[])?.before(at - Duration::seconds(1)).all(MAX_SERIES).dates.len();
    let until = (at - Duration::seconds(1)).with_timezone(&Utc).format("%Y%m%dT%H%M%SZ");
    let head = format!("{};UNTIL={until}", rest.join(";"));
    let tail = match (find("COUNT="), find("UNTIL=")) {
        (Some(count), _) => {
            let left = count.parse::<usize>().unwrap_or(0).saturating_sub(before).max(1);
            format!("{};COUNT={left}", rest.join(";"))
        }
        (None, Some(end)) => format!("{};UNTIL={end}", rest.join(";")),
        (None, None) => rest.join(";"),
    };
    Ok((head, tail))
}

/// The occurrence key of a start, as stored in `exdates` and `recurrence_id`.
pub fn key_of(when: &When) -> String {
    match when {
        When::Timed { starts_at, .. } => time::to_db(*starts_at),
        When::AllDay { start_date, .. } => start_date.to_string(),
    }
}

/// Every occurrence of `items` that overlaps `range`, in start order. Items that replace one
/// occurrence of a series (their `series_id` and `recurrence_id` set) stand in for it.
pub fn expand(items: Vec<Planned>, range: &ValidRange) -> Vec<Occurrence> {
    let replaced: HashSet<(String, String)> =
        items.iter().filter_map(|i| Some((i.series_id.clone()?, i.recurrence_id.clone()?))).collect();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let series = item.rrule.as_deref().and_then(|rule| {
            let tz: chrono_tz::Tz = item.time_zone.parse().ok()?;
            rule_set(rule, &item.when, tz, &item.exdates).ok()
        });
        let Some(series) = series else {
            if overlaps(&item.when, range) {
                out.push(one_off(item));
            }
            continue;
        };
        let (earliest, latest) = window(&item.when, range);
        for start in series.after(earliest).before(latest).all(MAX_OCCURRENCES).dates {
            let when = shifted(&item.when, start);
            let key = key_of(&when);
            if !overlaps(&when, range) || (!replaced.is_empty() && replaced.contains(&(item.id.clone(), key.clone()))) {
                continue;
            }
            out.push(occurrence(&item, when, Some(key), Some(item.id.clone())));
        }
    }
    in_order(out)
}

/// Occurrences by start, then item. Sorts their positions rather than the occurrences themselves,
/// which are large enough that moving them around was most of a sort's cost.
fn in_order(list: Vec<Occurrence>) -> Vec<Occurrence> {
    let mut order: Vec<(DateTime<Utc>, usize)> = list.iter().map(|o| sort_start(&o.when)).zip(0..).collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| list[a.1].item_id.cmp(&list[b.1].item_id)).then(a.1.cmp(&b.1))
    });
    let mut slots: Vec<Option<Occurrence>> = list.into_iter().map(Some).collect();
    order.into_iter().map(|(_, i)| slots[i].take().expect("each position once")).collect()
}

/// An item that does not repeat, moved whole into its occurrence.
fn one_off(item: Planned) -> Occurrence {
    Occurrence {
        item_id: item.id,
        series_id: item.series_id,
        key: item.recurrence_id,
        title: item.title,
        item_type: item.item_type,
        channel: item.channel,
        campaign_id: item.campaign_id,
        status: item.status,
        owner: item.owner,
        when: item.when,
        time_zone: item.time_zone,
    }
}

fn occurrence(item: &Planned, when: When, key: Option<String>, series_id: Option<String>) -> Occurrence {
    Occurrence {
        item_id: item.id.clone(),
        series_id,
        key,
        title: item.title.clone(),
        item_type: item.item_type,
        channel: item.channel.clone(),
        campaign_id: item.campaign_id.clone(),
        status: item.status,
        owner: item.owner.clone(),
        when,
        time_zone: item.time_zone.clone(),
    }
}

fn rule_set(rule: &str, when: &When, tz: chrono_tz::Tz, exdates: &[String]) -> Result<RRuleSet> {
    let rule = rule.trim();
    let rule = rule.strip_prefix("RRULE:").unwrap_or(rule);
    if rule.to_ascii_uppercase().contains("DTSTART") {
        return Err(Error::invalid("rrule", "takes no DTSTART: the item's start is the series' start"));
    }
    let rule = utc_until(rule, when, tz);
    let parsed: RRule<Unvalidated> = rule.parse().map_err(|e| Error::invalid("rrule", format!("{e}")))?;
    let mut set = parsed.build(dtstart(when, tz)).map_err(|e| Error::invalid("rrule", format!("{e}")))?;
    for key in exdates {
        if let Some(at) = key_start(key, when, tz) {
            set = set.exdate(at);
        }
    }
    Ok(set)
}

/// The rule with its UNTIL as the UTC instant the `rrule` crate requires. RFC 5545 writes a DATE
/// UNTIL for all-day series (Apple and Google do; it includes that day), and some producers write
/// a local time; both mean the wall clock of the series' zone.
fn utc_until(rule: &str, when: &When, tz: chrono_tz::Tz) -> String {
    let local = |until: &str| -> Option<String> {
        let end = match until.len() {
            8 => NaiveDate::parse_from_str(until, "%Y%m%d").ok()?.and_hms_opt(23, 59, 59)?,
            15 => chrono::NaiveDateTime::parse_from_str(until, "%Y%m%dT%H%M%S").ok()?,
            _ => return None,
        };
        let at = match when {
            When::AllDay { .. } => end.and_utc(),
            When::Timed { .. } => tz.from_local_datetime(&end).earliest()?.to_utc(),
        };
        Some(at.format("%Y%m%dT%H%M%SZ").to_string())
    };
    rule.split(';')
        .map(|part| match part.strip_prefix("UNTIL=").and_then(local) {
            Some(until) => format!("UNTIL={until}"),
            None => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The series' first start, in the zone it repeats in (all-day series repeat by date, in UTC).
fn dtstart(when: &When, tz: chrono_tz::Tz) -> DateTime<Tz> {
    match when {
        When::Timed { starts_at, .. } => starts_at.with_timezone(&Tz::Tz(tz)),
        When::AllDay { start_date, .. } => Tz::UTC.from_utc_datetime(&midnight(*start_date)),
    }
}

fn key_start(key: &str, when: &When, tz: chrono_tz::Tz) -> Option<DateTime<Tz>> {
    match when {
        When::Timed { .. } => time::from_db(key).ok().map(|t| t.with_timezone(&Tz::Tz(tz))),
        When::AllDay { .. } => {
            NaiveDate::parse_from_str(key, "%Y-%m-%d").ok().map(|d| Tz::UTC.from_utc_datetime(&midnight(d)))
        }
    }
}

/// The series' own times moved to an occurrence that starts at `start`.
fn shifted(base: &When, start: DateTime<Tz>) -> When {
    match base {
        When::Timed { starts_at, ends_at } => {
            let start = start.to_utc();
            When::Timed { starts_at: start, ends_at: start + (*ends_at - *starts_at) }
        }
        When::AllDay { start_date, end_date } => {
            let day = start.date_naive();
            When::AllDay { start_date: day, end_date: day + (*end_date - *start_date) }
        }
    }
}

/// Starts that can reach into the range: from one item-length before it up to its end.
fn window(when: &When, range: &ValidRange) -> (DateTime<Tz>, DateTime<Tz>) {
    let (earliest, latest) = match when {
        When::Timed { starts_at, ends_at } => {
            (range.starts - (*ends_at - *starts_at) - Duration::seconds(1), range.ends)
        }
        When::AllDay { start_date, end_date } => {
            let span = *end_date - *start_date;
            (midnight(range.from - span - Duration::days(1)).and_utc(), midnight(range.to).and_utc())
        }
    };
    (earliest.with_timezone(&Tz::UTC), latest.with_timezone(&Tz::UTC))
}

fn overlaps(when: &When, range: &ValidRange) -> bool {
    match when {
        When::Timed { starts_at, ends_at } => {
            *starts_at < range.ends && (*ends_at > range.starts || (*starts_at >= range.starts && ends_at == starts_at))
        }
        When::AllDay { start_date, end_date } => *start_date < range.to && *end_date >= range.from,
    }
}

fn sort_start(when: &When) -> DateTime<Utc> {
    match when {
        When::Timed { starts_at, .. } => *starts_at,
        When::AllDay { start_date, .. } => midnight(*start_date).and_utc(),
    }
}

fn midnight(day: NaiveDate) -> chrono::NaiveDateTime {
    day.and_hms_opt(0, 0, 0).expect("midnight exists")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::{CalendarRange, ItemStatus, ItemType};

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    fn item(id: &str, when: When, tz: &str, rrule: Option<&str>) -> Planned {
        Planned {
            id: id.into(),
            title: id.into(),
            item_type: ItemType::SocialPost,
            channel: None,
            campaign_id: None,
            when,
            time_zone: tz.into(),
            status: ItemStatus::Scheduled,
            owner: None,
            rrule: rrule.map(str::to_owned),
            exdates: vec![],
            series_id: None,
            recurrence_id: None,
        }
    }

    fn timed(start: &str, minutes: i64) -> When {
        When::Timed { starts_at: at(start), ends_at: at(start) + Duration::minutes(minutes) }
    }

    fn range(from: &str, to: &str, tz: &str) -> ValidRange {
        CalendarRange { from: from.into(), to: to.into(), time_zone: tz.into() }.validate().unwrap()
    }

    fn starts(occurrences: &[Occurrence]) -> Vec<String> {
        occurrences
            .iter()
            .map(|o| match o.when {
                When::Timed { starts_at, .. } => time::to_db(starts_at),
                When::AllDay { start_date, .. } => start_date.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_weekly_series_keeps_its_local_time_across_daylight_saving() {
        // Monday 09:00 in Berlin: CET (UTC+1) until 28 March 2027, CEST (UTC+2) after.
        let berlin = item("b", timed("2027-03-15T08:00:00Z", 30), "Europe/Berlin", Some("FREQ=WEEKLY;BYDAY=MO"));
        let got = expand(vec![berlin], &range("2027-03-20", "2027-04-06", "Europe/Berlin"));
        assert_eq!(starts(&got), ["2027-03-22T08:00:00.000Z", "2027-03-29T07:00:00.000Z", "2027-04-05T07:00:00.000Z"]);

        // Wednesday 10:00 in New York: EST (UTC-5) until 14 March 2027, EDT (UTC-4) after.
        let ny = item("n", timed("2027-03-03T15:00:00Z", 60), "America/New_York", Some("FREQ=WEEKLY;BYDAY=WE;COUNT=3"));
        let got = expand(vec![ny], &range("2027-03-01", "2027-04-01", "America/New_York"));
        assert_eq!(starts(&got), ["2027-03-03T15:00:00.000Z", "2027-03-10T15:00:00.000Z", "2027-03-17T14:00:00.000Z"]);
        assert!(got.iter().all(|o| o.series_id.as_deref() == Some("n") && o.key.is_some()));
    }

    #[test]
    fn month_ends_follow_rfc_5545() {
        // The last day of each month, and "the 31st", which skips the months without one.
        let last = item("l", timed("2027-01-31T09:00:00Z", 30), "UTC", Some("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4"));
        let the_31st = item("t", timed("2027-01-31T12:00:00Z", 30), "UTC", Some("FREQ=MONTHLY;COUNT=3"));
        let got = expand(vec![last, the_31st], &range("2027-01-01", "2027-08-01", "UTC"));
        let of = |id: &str| starts(&got.iter().filter(|o| o.item_id == id).cloned().collect::<Vec<_>>());
        assert_eq!(
            of("l"),
            [
                "2027-01-31T09:00:00.000Z",
                "2027-02-28T09:00:00.000Z",
                "2027-03-31T09:00:00.000Z",
                "2027-04-30T09:00:00.000Z"
            ]
        );
        assert_eq!(of("t"), ["2027-01-31T12:00:00.000Z", "2027-03-31T12:00:00.000Z", "2027-05-31T12:00:00.000Z"]);
    }

    #[test]
    fn excluded_and_moved_occurrences() {
        let mut series = item("s", timed("2027-05-03T09:00:00Z", 30), "UTC", Some("FREQ=DAILY;COUNT=5"));
        series.exdates = vec!["2027-05-04T09:00:00.000Z".into()];
        let mut moved = item("m", timed("2027-05-05T15:00:00Z", 30), "UTC", None);
        moved.series_id = Some("s".into());
        moved.recurrence_id = Some("2027-05-05T09:00:00.000Z".into());
        let got = expand(vec![series, moved], &range("2027-05-01", "2027-05-10", "UTC"));
        assert_eq!(
            starts(&got),
            [
                "2027-05-03T09:00:00.000Z",
                "2027-05-05T15:00:00.000Z",
                "2027-05-06T09:00:00.000Z",
                "2027-05-07T09:00:00.000Z"
            ]
        );
        let moved = got.iter().find(|o| o.item_id == "m").unwrap();
        assert_eq!((moved.series_id.as_deref(), moved.key.as_deref()), (Some("s"), Some("2027-05-05T09:00:00.000Z")));
    }

    #[test]
    fn ranges_take_what_overlaps_them_in_the_viewers_zone() {
        let long = When::AllDay {
            start_date: NaiveDate::from_ymd_opt(2027, 4, 25).unwrap(),
            end_date: NaiveDate::from_ymd_opt(2027, 5, 2).unwrap(),
        };
        let items = [
            item("flight", long, "UTC", None),
            // 23:30 UTC on 30 April is 1 May in Berlin.
            item("late", timed("2027-04-30T23:30:00Z", 15), "UTC", None),
            item("before", timed("2027-04-30T10:00:00Z", 60), "UTC", None),
        ];
        let may = expand(items.to_vec(), &range("2027-05-01", "2027-06-01", "Europe/Berlin"));
        assert_eq!(may.iter().map(|o| o.item_id.as_str()).collect::<Vec<_>>(), ["flight", "late"]);
        let weekly_flight = item("w", long, "UTC", Some("FREQ=WEEKLY;COUNT=3"));
        let got = expand(vec![weekly_flight], &range("2027-05-03", "2027-05-04", "UTC"));
        assert_eq!(starts(&got), ["2027-05-02"], "an 8-day flight from 2 May covers 3 May");
    }

    #[test]
    fn a_series_knows_where_it_ends() {
        let weekly = timed("2027-03-15T08:00:00Z", 30);
        let end = |rule: &str| series_end(rule, &weekly, chrono_tz::Europe::Berlin, &[]);
        assert_eq!(end("FREQ=WEEKLY;COUNT=3").as_deref(), Some("2027-03-29T07:30:00.000Z"));
        assert_eq!(end("FREQ=DAILY;UNTIL=20270317T235959Z").as_deref(), Some("2027-03-17T08:30:00.000Z"));
        assert_eq!(end("FREQ=WEEKLY"), None, "endless");
        let flight = When::AllDay {
            start_date: NaiveDate::from_ymd_opt(2027, 5, 3).unwrap(),
            end_date: NaiveDate::from_ymd_opt(2027, 5, 5).unwrap(),
        };
        assert_eq!(series_end("FREQ=MONTHLY;COUNT=2", &flight, chrono_tz::UTC, &[]).as_deref(), Some("2027-06-05"));
    }

    #[test]
    fn a_series_splits_at_an_occurrence() {
        let when = timed("2027-05-03T09:00:00Z", 30);
        let (head, tail) = split_rule("FREQ=DAILY;COUNT=5", &when, chrono_tz::UTC, "2027-05-05T09:00:00.000Z").unwrap();
        assert_eq!((head.as_str(), tail.as_str()), ("FREQ=DAILY;UNTIL=20270505T085959Z", "FREQ=DAILY;COUNT=3"));
        let head_items = expand(vec![item("h", when, "UTC", Some(&head))], &range("2027-05-01", "2027-06-01", "UTC"));
        assert_eq!(starts(&head_items), ["2027-05-03T09:00:00.000Z", "2027-05-04T09:00:00.000Z"]);
        let (_, endless) =
            split_rule("FREQ=WEEKLY;BYDAY=MO", &when, chrono_tz::UTC, "2027-05-10T09:00:00.000Z").unwrap();
        assert_eq!(endless, "FREQ=WEEKLY;BYDAY=MO");
    }

    #[test]
    fn bad_rules_and_ranges_are_named() {
        let when = timed("2027-05-03T09:00:00Z", 30);
        for rule in ["FREQ=SOMETIMES", "DTSTART:20270101T000000Z\nRRULE:FREQ=DAILY", "FREQ=WEEKLY;BYDAY=XX"] {
            assert_eq!(check_rule(rule, &when, chrono_tz::UTC).unwrap_err().field(), Some("rrule"), "{rule}");
        }
        let bad = |from: &str, to: &str, tz: &str| {
            CalendarRange { from: from.into(), to: to.into(), time_zone: tz.into() }.validate().unwrap_err().field()
        };
        assert_eq!(bad("2027-05-03", "2027-05-01", "UTC"), Some("to"));
        assert_eq!(bad("2027-01-01", "2029-01-01", "UTC"), Some("to"));
        assert_eq!(bad("2027-01-01", "2027-02-01", "Mars/Olympus"), Some("time_zone"));
    }
}
