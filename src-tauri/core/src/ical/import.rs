//! Reading the events of an iCalendar file (as Google Calendar, Outlook, Apple Calendar and
//! Tandem write them) into calendar items. Pure: the store decides which are new and which update
//! an item imported before. Any event that cannot become a valid item fails the whole file, with
//! the line it is on.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::lines::{Component, Property, malformed, parse, unescape};
use super::zones;
use crate::model::calendar::{CalendarItemInput, ItemStatus, ValidItem, When};
use crate::model::time;
use crate::{Error, Result};

/// One VEVENT, checked and ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct IcsEvent {
    pub uid: String,
    /// For an override of one occurrence: the key (see `calendar::key_of`) of the occurrence of
    /// the series with the same UID that it replaces.
    pub recurrence_id: Option<String>,
    pub item: ValidItem,
    /// Occurrences left out of the series (keys).
    pub exdates: Vec<String>,
    /// Attendees' email addresses, as written (the store matches them by `email_key`).
    pub attendees: Vec<String>,
    /// `X-TANDEM-CAMPAIGN`: the code of the campaign the item belongs to.
    pub campaign_code: Option<String>,
    pub line: usize,
}

/// Every event of `text`. Floating times (no zone, no `Z`) are read in `default_zone`, which is
/// also the zone all-day items are planned in.
pub fn read(text: &str, default_zone: Tz) -> Result<Vec<IcsEvent>> {
    let calendars = parse(text)?;
    let mut events = Vec::new();
    for calendar in &calendars {
        if calendar.name != "VCALENDAR" {
            return Err(malformed(calendar.line, format!("BEGIN:{} where BEGIN:VCALENDAR belongs", calendar.name)));
        }
        let vtimezones: Vec<&Component> = calendar.children("VTIMEZONE").collect();
        for event in calendar.children("VEVENT") {
            events.push(read_event(event, &vtimezones, default_zone)?);
        }
    }
    Ok(events)
}

/// A DTSTART, DTEND, RECURRENCE-ID or EXDATE value: a date, or an instant and the zone it was
/// written in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stamp {
    Date(NaiveDate),
    At(DateTime<Utc>, Tz),
}

fn read_event(event: &Component, vtimezones: &[&Component], default_zone: Tz) -> Result<IcsEvent> {
    let text = |name: &str| event.get(name).map(|p| unescape(&p.value)).filter(|v| !v.trim().is_empty());
    let start_prop = event.get("DTSTART").ok_or_else(|| malformed(event.line, "this VEVENT has no DTSTART"))?;
    let start = stamp(start_prop, &start_prop.value, vtimezones, default_zone)?;
    let end = match (event.get("DTEND"), event.get("DURATION")) {
        (Some(p), _) => Some(stamp(p, &p.value, vtimezones, default_zone)?),
        (None, Some(p)) => {
            let length =
                duration(&p.value).ok_or_else(|| malformed(p.line, format!("{:?} is not a duration", p.value)))?;
            Some(match start {
                Stamp::Date(d) => Stamp::Date(d + length),
                Stamp::At(t, tz) => Stamp::At(t + length, tz),
            })
        }
        (None, None) => None,
    };
    let mut input = CalendarItemInput {
        title: text("SUMMARY").map(|t| clip(t.trim(), 200)).unwrap_or_else(|| "(no title)".into()),
        item_type: text("X-TANDEM-TYPE").unwrap_or_else(|| "event".into()),
        channel: text("X-TANDEM-CHANNEL")
            .or_else(|| {
                event.get("CATEGORIES").and_then(|p| p.value.split(',').map(unescape).find(|c| !c.trim().is_empty()))
            })
            .map(|c| clip(c.trim(), 40)),
        notes: text("DESCRIPTION").map(|n| clip(&n, 10_000)),
        owner: text("X-TANDEM-OWNER")
            .or_else(|| event.get("ORGANIZER").and_then(|p| p.param("CN")).map(str::to_owned))
            .map(|o| clip(o.trim(), 120)),
        rrule: event.get("RRULE").map(|p| p.value.trim().to_owned()),
        ..Default::default()
    };
    input.status = Some(match text("X-TANDEM-STATUS").and_then(|s| ItemStatus::parse(&s).ok()) {
        Some(status) => status,
        None => match text("STATUS").map(|s| s.trim().to_ascii_uppercase()).as_deref() {
            Some("CANCELLED") => ItemStatus::Cancelled,
            Some("TENTATIVE") => ItemStatus::Draft,
            _ => ItemStatus::Scheduled,
        },
    });
    match start {
        Stamp::Date(day) => {
            // DTEND of an all-day event is the day after its last.
            let last = match end {
                Some(Stamp::Date(d)) if d > day => d - Duration::days(1),
                _ => day,
            };
            input.all_day = true;
            input.start_date = Some(day.to_string());
            input.end_date = Some(last.to_string());
            input.time_zone = Some(default_zone.name().to_owned());
        }
        Stamp::At(at, tz) => {
            let until = match end {
                Some(Stamp::At(t, _)) if t >= at => t,
                Some(Stamp::Date(d)) => day_start(d, tz).max(at),
                _ => at,
            };
            input.starts_at = Some(time::to_db(at));
            input.ends_at = Some(time::to_db(until));
            input.time_zone = Some(tz.name().to_owned());
        }
    }
    let item = input.validate().map_err(|e| at_line(e, event))?;
    let key = |p: &Property, value: &str| -> Result<String> {
        Ok(match (stamp(p, value, vtimezones, default_zone)?, &item.when) {
            (Stamp::Date(d), _) => d.to_string(),
            (Stamp::At(t, _), When::AllDay { .. }) => t.date_naive().to_string(),
            (Stamp::At(t, _), When::Timed { .. }) => time::to_db(t),
        })
    };
    let recurrence_id = event.get("RECURRENCE-ID").map(|p| key(p, &p.value)).transpose()?;
    let mut exdates = Vec::new();
    for p in event.all("EXDATE") {
        for value in p.value.split(',').filter(|v| !v.trim().is_empty()) {
            exdates.push(key(p, value.trim())?);
        }
    }
    let attendees = event
        .all("ATTENDEE")
        .filter_map(|p| {
            let address = p.value.trim();
            let email = address.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map(|_| &address[7..])?;
            // Folded later as email keys are (`email_key`), so it meets the lead's own key.
            email.contains('@').then(|| email.trim().to_owned())
        })
        .collect();
    let uid = match text("UID") {
        Some(uid) => uid.trim().to_owned(),
        // Without a UID the event is named by what it is, so importing it again finds it.
        None => format!("{}-{}@no-uid", start_prop.value.trim(), stable_hash(&item.title)),
    };
    Ok(IcsEvent {
        uid,
        recurrence_id,
        item,
        exdates,
        attendees,
        campaign_code: text("X-TANDEM-CAMPAIGN").map(|c| c.trim().to_owned()),
        line: event.line,
    })
}

/// A validation error of an event's fields, placed on the line of the property it concerns.
fn at_line(error: Error, event: &Component) -> Error {
    let Error::Invalid { field, reason } = &error else { return error };
    let property = match *field {
        "title" => "SUMMARY",
        "starts_at" | "start_date" | "time_zone" => "DTSTART",
        "ends_at" | "end_date" => "DTEND",
        "rrule" => "RRULE",
        "item_type" => "X-TANDEM-TYPE",
        "channel" => "X-TANDEM-CHANNEL",
        _ => "",
    };
    let line = event.get(property).map_or(event.line, |p| p.line);
    let name = if property.is_empty() { field.to_string() } else { property.to_owned() };
    malformed(line, format!("{name}: {reason}"))
}

fn stamp(p: &Property, value: &str, vtimezones: &[&Component], default_zone: Tz) -> Result<Stamp> {
    let value = value.trim();
    let bad = || malformed(p.line, format!("{}: {value:?} is not a date or date-time", p.name));
    if p.param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) || value.len() == 8 {
        return NaiveDate::parse_from_str(value, "%Y%m%d").map(Stamp::Date).map_err(|_| bad());
    }
    let (local, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(v) => (v, true),
        None => (value, false),
    };
    let local = NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    if utc {
        return Ok(Stamp::At(local.and_utc(), Tz::UTC));
    }
    let tz = match p.param("TZID") {
        Some(tzid) => {
            let year = chrono::Datelike::year(&local);
            zones::resolve(tzid, vtimezones, year)
                .ok_or_else(|| malformed(p.line, format!("{}: time zone {tzid:?} is unknown", p.name)))?
        }
        None => default_zone,
    };
    Ok(Stamp::At(in_zone(local, tz), tz))
}

/// A wall time in `tz` (a time skipped by a clock change counts as the hour after).
fn in_zone(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => t.to_utc(),
        chrono::LocalResult::None => in_zone(local + Duration::hours(1), tz) - Duration::hours(1),
    }
}

fn day_start(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    crate::model::calendar::day_start(day, tz)
}

/// An RFC 5545 DURATION such as `PT1H30M`, `P1D` or `P2W`.
fn duration(raw: &str) -> Option<Duration> {
    let raw = raw.trim();
    let (sign, raw) = match raw.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, raw.strip_prefix('+').unwrap_or(raw)),
    };
    let raw = raw.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    for c in raw.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                total += match (unit, in_time) {
                    ('W', false) => Duration::weeks(n),
                    ('D', false) => Duration::days(n),
                    ('H', true) => Duration::hours(n),
                    ('M', true) => Duration::minutes(n),
                    ('S', true) => Duration::seconds(n),
                    _ => return None,
                };
            }
        }
    }
    number.is_empty().then_some(total * sign)
}

fn clip(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// FNV-1a: the same text gives the same number on every machine and in every version.
fn stable_hash(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(duration("P1D"), Some(Duration::days(1)));
        assert_eq!(duration("P2W"), Some(Duration::weeks(2)));
        assert_eq!(duration("-PT15M"), Some(Duration::minutes(-15)));
        assert_eq!(duration("P1DT2H"), Some(Duration::hours(26)));
        assert_eq!(duration("1H"), None);
        assert_eq!(duration("PT"), Some(Duration::zero()));
    }
}
