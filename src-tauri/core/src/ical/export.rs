//! Writing calendar items as an RFC 5545 file that Google Calendar, Outlook and Apple Calendar
//! import: stable UIDs, DTSTAMP, all-day items as DATE values, series with their RRULE and
//! EXDATEs, edited occurrences as RECURRENCE-ID overrides, and a VTIMEZONE for every zone used.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::lines::{escape, write_line};
use super::zones::write_vtimezone;
use crate::model::calendar::{CalendarItem, ItemStatus, When};
use crate::model::time;

/// One item to write, with what the store knows around it.
#[derive(Debug, Clone)]
pub struct ExportItem {
    pub item: CalendarItem,
    /// The iCalendar UID: the one it was imported with, or one made from its id (an edited
    /// occurrence carries its series' UID).
    pub uid: String,
    pub campaign_code: Option<String>,
    /// Attendees as (name, email); those without an email are left out.
    pub attendees: Vec<(String, String)>,
}

/// The UID of an item that was not imported: its id in a domain of its own, so a re-import into
/// the same workspace finds the item again.
pub fn uid_of(item_id: &str) -> String {
    format!("{item_id}@tandem.app")
}

/// The item id inside a UID that `uid_of` made.
pub fn id_in_uid(uid: &str) -> Option<&str> {
    uid.strip_suffix("@tandem.app")
}

/// The whole file, CRLF line ends, named `name` in the calendar apps that show one.
pub fn write(items: &[ExportItem], name: &str, now: DateTime<Utc>) -> String {
    let mut out = String::with_capacity(items.len() * 420 + 1024);
    write_line(&mut out, "BEGIN:VCALENDAR");
    write_line(&mut out, "VERSION:2.0");
    write_line(&mut out, "PRODID:-//Tandem//Tandem Calendar//EN");
    write_line(&mut out, "CALSCALE:GREGORIAN");
    write_line(&mut out, "METHOD:PUBLISH");
    write_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    let zones: BTreeSet<&str> = items
        .iter()
        .filter(|e| matches!(e.item.when, When::Timed { .. }))
        .map(|e| e.item.time_zone.as_str())
        .filter(|z| *z != "UTC")
        .collect();
    for name in zones {
        let Ok(tz) = name.parse::<Tz>() else { continue };
        let years = items.iter().filter(|e| e.item.time_zone == name).map(|e| start_year(&e.item.when));
        let (first, last) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
        write_vtimezone(&mut out, tz, first, last + 1);
    }
    let stamp = stamp(now);
    for e in items {
        event(&mut out, e, &stamp);
    }
    write_line(&mut out, "END:VCALENDAR");
    out
}

fn start_year(when: &When) -> i32 {
    match when {
        When::Timed { starts_at, .. } => starts_at.year(),
        When::AllDay { start_date, .. } => start_date.year(),
    }
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// `;TZID=…:local` for an instant in a named zone, `:…Z` for UTC.
fn instant(at: DateTime<Utc>, zone: Option<Tz>) -> String {
    match zone {
        Some(tz) => format!(";TZID={}:{}", tz.name(), at.with_timezone(&tz).format("%Y%m%dT%H%M%S")),
        None => format!(":{}", stamp(at)),
    }
}

fn event(out: &mut String, e: &ExportItem, stamp: &str) {
    let item = &e.item;
    let zone = item.time_zone.parse::<Tz>().ok().filter(|tz| *tz != Tz::UTC);
    write_line(out, "BEGIN:VEVENT");
    write_line(out, &format!("UID:{}", escape(&e.uid)));
    write_line(out, &format!("DTSTAMP:{stamp}"));
    write_line(out, &format!("CREATED:{}", self::stamp(item.created_at)));
    write_line(out, &format!("LAST-MODIFIED:{}", self::stamp(item.updated_at)));
    match item.when {
        When::Timed { starts_at, ends_at } => {
            write_line(out, &format!("DTSTART{}", instant(starts_at, zone)));
            write_line(out, &format!("DTEND{}", instant(ends_at, zone)));
        }
        When::AllDay { start_date, end_date } => {
            write_line(out, &format!("DTSTART;VALUE=DATE:{}", date(start_date)));
            write_line(out, &format!("DTEND;VALUE=DATE:{}", date(end_date + Duration::days(1))));
        }
    }
    if let Some(key) = &item.recurrence_id {
        write_line(out, &format!("RECURRENCE-ID{}", occurrence(key, &item.when, zone)));
    }
    if let Some(rule) = &item.rrule {
        write_line(out, &format!("RRULE:{}", rule_for(rule, &item.when)));
        for key in &item.exdates {
            write_line(out, &format!("EXDATE{}", occurrence(key, &item.when, zone)));
        }
    }
    write_line(out, &format!("SUMMARY:{}", escape(&item.title)));
    if let Some(notes) = &item.notes {
        write_line(out, &format!("DESCRIPTION:{}", escape(notes)));
    }
    let status = match item.status {
        ItemStatus::Cancelled => "CANCELLED",
        ItemStatus::Idea | ItemStatus::Draft => "TENTATIVE",
        ItemStatus::Scheduled | ItemStatus::Published => "CONFIRMED",
    };
    write_line(out, &format!("STATUS:{status}"));
    if let Some(channel) = &item.channel {
        write_line(out, &format!("CATEGORIES:{}", escape(channel)));
        write_line(out, &format!("X-TANDEM-CHANNEL:{}", escape(channel)));
    }
    write_line(out, &format!("X-TANDEM-TYPE:{}", item.item_type.as_str()));
    write_line(out, &format!("X-TANDEM-STATUS:{}", item.status.as_str()));
    if let Some(owner) = &item.owner {
        write_line(out, &format!("X-TANDEM-OWNER:{}", escape(owner)));
    }
    if let Some(code) = &e.campaign_code {
        write_line(out, &format!("X-TANDEM-CAMPAIGN:{}", escape(code)));
    }
    for (name, email) in &e.attendees {
        let cn = name.replace(['"', '\r', '\n'], "");
        write_line(out, &format!("ATTENDEE;CN=\"{cn}\";ROLE=REQ-PARTICIPANT:mailto:{email}"));
    }
    write_line(out, "END:VEVENT");
}

/// An occurrence key (a UTC instant, or a date for all-day series) as a property value.
fn occurrence(key: &str, when: &When, zone: Option<Tz>) -> String {
    match when {
        When::AllDay { .. } => format!(";VALUE=DATE:{}", key.replace('-', "")),
        When::Timed { .. } => match time::from_db(key) {
            Ok(at) => instant(at, zone),
            Err(_) => format!(":{key}"),
        },
    }
}

/// The stored rule as RFC 5545 wants it next to this DTSTART: an all-day series' UNTIL is a
/// DATE (all-day series repeat by UTC date, so the UTC day of the stored UNTIL); a zoned series'
/// UNTIL is already UTC (`…Z`), as it must be.
fn rule_for(rule: &str, when: &When) -> String {
    let rule = rule.trim().trim_start_matches("RRULE:");
    if !matches!(when, When::AllDay { .. }) {
        return rule.to_owned();
    }
    rule.split(';')
        .map(|part| match part.strip_prefix("UNTIL=") {
            Some(until) if until.len() > 8 => format!("UNTIL={}", &until[..8]),
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}
