//! Time zones in iCalendar files: the VTIMEZONE blocks an export needs (built from the IANA
//! database), and the IANA zone a TZID in an imported file means (Google and Apple write IANA
//! names, Outlook writes Windows names, others only describe the zone's offsets).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc, Weekday};
use chrono_tz::{OffsetComponents, Tz};

use super::lines::{Component, write_line};

/// A change of offset: when (UTC), the offsets before and after, and whether the new one is
/// daylight-saving time.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Transition {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
    daylight: bool,
}

fn offset(tz: Tz, at: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc()
}

/// Every change of offset in `tz` during `year`, found in quarter-hour steps.
fn transitions(tz: Tz, year: i32) -> Vec<Transition> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year").and_hms_opt(0, 0, 0).unwrap().and_utc();
    let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).expect("valid year").and_hms_opt(0, 0, 0).unwrap().and_utc();
    let step = Duration::minutes(15);
    let mut out = Vec::new();
    let mut at = start;
    let mut before = offset(tz, at);
    // Days first (offsets change at most a few times a year), then the quarter hour in the day.
    while at < end {
        let next = at + Duration::days(1);
        if offset(tz, next) != before {
            let mut t = at;
            while offset(tz, t + step) == before {
                t += step;
            }
            let moment = t + step;
            let after = tz.offset_from_utc_datetime(&moment.naive_utc());
            let to = after.fix().local_minus_utc();
            out.push(Transition { at: moment, from: before, to, daylight: !after.dst_offset().is_zero() });
            before = to;
        }
        at = next;
    }
    out
}

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    if s % 60 == 0 {
        format!("{sign}{:02}{:02}", s / 3600, s % 3600 / 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", s / 3600, s % 3600 / 60, s % 60)
    }
}

/// `BYMONTH=3;BYDAY=-1SU`-style rule for the local date a transition happens on.
fn yearly_rule(day: NaiveDate) -> String {
    let last = day + Duration::days(7);
    let nth = if last.month() != day.month() { -1 } else { (day.day() as i32 - 1) / 7 + 1 };
    let weekday = match day.weekday() {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    };
    format!("FREQ=YEARLY;BYMONTH={};BYDAY={nth}{weekday}", day.month())
}

/// The local wall time a transition happens at (in the offset before it).
fn local(t: &Transition) -> chrono::NaiveDateTime {
    t.at.naive_utc() + Duration::seconds(t.from.into())
}

/// Writes the VTIMEZONE for `tz` covering `from_year..=to_year`: yearly rules where the zone
/// keeps the same ones through those years, or each change listed where it does not.
pub fn write_vtimezone(out: &mut String, tz: Tz, from_year: i32, to_year: i32) {
    let to_year = to_year.clamp(from_year, from_year + 60);
    let years: Vec<Vec<Transition>> = (from_year..=to_year).map(|y| transitions(tz, y)).collect();
    write_line(out, "BEGIN:VTIMEZONE");
    write_line(out, &format!("TZID:{}", tz.name()));
    let observance = |out: &mut String, t: &Transition, rule: Option<String>| {
        let kind = if t.daylight { "DAYLIGHT" } else { "STANDARD" };
        write_line(out, &format!("BEGIN:{kind}"));
        write_line(out, &format!("DTSTART:{}", local(t).format("%Y%m%dT%H%M%S")));
        if let Some(rule) = rule {
            write_line(out, &format!("RRULE:{rule}"));
        }
        write_line(out, &format!("TZOFFSETFROM:{}", utc_offset(t.from)));
        write_line(out, &format!("TZOFFSETTO:{}", utc_offset(t.to)));
        write_line(out, &format!("END:{kind}"));
    };
    let first = &years[0];
    let shape = |ts: &[Transition]| -> Vec<(String, String, i32, i32)> {
        ts.iter().map(|t| (yearly_rule(local(t).date()), local(t).format("%H%M%S").to_string(), t.from, t.to)).collect()
    };
    if years.iter().all(|y| y.is_empty()) {
        let at = NaiveDate::from_ymd_opt(from_year, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc();
        let o = offset(tz, at);
        let daylight = !tz.offset_from_utc_datetime(&at.naive_utc()).dst_offset().is_zero();
        observance(out, &Transition { at: at - Duration::seconds(o.into()), from: o, to: o, daylight }, None);
    } else if !first.is_empty() && years.iter().all(|y| shape(y) == shape(first)) {
        for t in first {
            observance(out, t, Some(yearly_rule(local(t).date())));
        }
    } else {
        for t in years.iter().flatten() {
            observance(out, t, None);
        }
    }
    write_line(out, "END:VTIMEZONE");
}

/// Windows zone names (as Outlook writes them) for the IANA zones they stand for (CLDR).
const WINDOWS: &[(&str, &str)] = &[
    ("Dateline Standard Time", "Etc/GMT+12"),
    ("UTC-11", "Etc/GMT+11"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Mountain Standard Time", "America/Denver"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Standard Time", "America/Chicago"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("Eastern Standard Time", "America/New_York"),
    ("US Eastern Standard Time", "America/Indiana/Indianapolis"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Argentina Standard Time", "America/Argentina/Buenos_Aires"),
    ("UTC", "UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Nepal Standard Time", "Asia/Kathmandu"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
];

/// The IANA zone a TZID stands for: an IANA name itself (some producers prefix a path, as in
/// `/mozilla.org/…/Europe/Berlin`), a Windows name, the VTIMEZONE's `X-LIC-LOCATION`, or else a
/// zone with the same standard and daylight offsets as the file's VTIMEZONE describes.
pub fn resolve(tzid: &str, vtimezones: &[&Component], year: i32) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    if let Ok(tz) = tzid.parse::<Tz>() {
        return Some(tz);
    }
    if let Some(tz) = (0..tzid.len()).filter(|&i| tzid.is_char_boundary(i)).find_map(|i| {
        let tail = &tzid[i..];
        (tail.contains('/') && (i == 0 || tzid[..i].ends_with('/'))).then(|| tail.parse::<Tz>().ok()).flatten()
    }) {
        return Some(tz);
    }
    if let Some((_, iana)) = WINDOWS.iter().find(|(w, _)| w.eq_ignore_ascii_case(tzid)) {
        return iana.parse().ok();
    }
    let vtz = vtimezones.iter().find(|c| c.get("TZID").is_some_and(|p| p.value.trim() == tzid))?;
    if let Some(tz) = vtz.get("X-LIC-LOCATION").and_then(|p| p.value.trim().parse::<Tz>().ok()) {
        return Some(tz);
    }
    by_offsets(vtz, year)
}

/// A zone whose offsets in January and July of `year` match those the VTIMEZONE describes.
fn by_offsets(vtz: &Component, year: i32) -> Option<Tz> {
    let observed = |kind: &str| {
        vtz.children(kind).last().and_then(|c| {
            let to = parse_offset(&c.get("TZOFFSETTO")?.value)?;
            let month: u32 = c.get("DTSTART").and_then(|p| p.value.get(4..6)?.parse().ok()).unwrap_or(1);
            Some((to, month))
        })
    };
    let standard = observed("STANDARD");
    let daylight = observed("DAYLIGHT");
    let (january, july) = match (standard, daylight) {
        (Some((s, _)), None) => (s, s),
        (None, Some((d, _))) => (d, d),
        // Daylight time starting in the first half of the year is a northern summer.
        (Some((s, _)), Some((d, month))) => {
            if month <= 6 {
                (s, d)
            } else {
                (d, s)
            }
        }
        (None, None) => return None,
    };
    let at = |m: u32| NaiveDate::from_ymd_opt(year, m, 15).unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc();
    let candidates = WINDOWS.iter().filter_map(|(_, iana)| iana.parse::<Tz>().ok());
    let all = chrono_tz::TZ_VARIANTS.iter().copied().filter(|tz| tz.name().contains('/'));
    candidates.chain(all).find(|tz| offset(*tz, at(1)) == january && offset(*tz, at(7)) == july)
}

fn parse_offset(raw: &str) -> Option<i32> {
    let raw = raw.trim();
    let sign = match raw.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits = &raw[1..];
    let part = |r: std::ops::Range<usize>| digits.get(r).and_then(|d| d.parse::<i32>().ok());
    let seconds = part(0..2)? * 3600 + part(2..4)? * 60 + part(4..6).unwrap_or(0);
    Some(sign * seconds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ical::lines::parse;

    fn vtimezone(tz: Tz, from: i32, to: i32) -> String {
        let mut out = String::new();
        write_vtimezone(&mut out, tz, from, to);
        out
    }

    #[test]
    fn european_and_american_rules_become_yearly_rules() {
        let berlin = vtimezone(chrono_tz::Europe::Berlin, 2026, 2028);
        assert!(berlin.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"), "{berlin}");
        assert!(berlin.contains("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"), "{berlin}");
        let new_york = vtimezone(chrono_tz::America::New_York, 2026, 2026);
        assert!(new_york.contains("DTSTART:20260308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400"), "{new_york}");
        let kolkata = vtimezone(chrono_tz::Asia::Kolkata, 2026, 2030);
        assert!(
            kolkata.contains("BEGIN:STANDARD\r\nDTSTART:20260101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530"),
            "{kolkata}"
        );
    }

    #[test]
    fn tzids_of_every_producer_resolve() {
        assert_eq!(resolve("Europe/Berlin", &[], 2026), Some(chrono_tz::Europe::Berlin));
        assert_eq!(resolve("/mozilla.org/20050126_1/Europe/Paris", &[], 2026), Some(chrono_tz::Europe::Paris));
        assert_eq!(resolve("W. Europe Standard Time", &[], 2026), Some(chrono_tz::Europe::Berlin));
        let file = parse(
            "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:Custom Eastern\nBEGIN:STANDARD\nDTSTART:16011104T020000\n\
             TZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nEND:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010311T020000\n\
             TZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nEND:DAYLIGHT\nEND:VTIMEZONE\nEND:VCALENDAR\n",
        )
        .unwrap();
        let zones: Vec<&Component> = file[0].children("VTIMEZONE").collect();
        let tz = resolve("Custom Eastern", &zones, 2026).unwrap();
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc();
        assert_eq!(offset(tz, summer), -4 * 3600);
        assert_eq!(resolve("Nowhere/Special", &zones, 2026), None);
    }
}
