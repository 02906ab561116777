//! Calendar items: dated marketing work, timed (instants in their own time zone) or all-day
//! (plain dates), optionally repeating by an RFC 5545 RRULE; and the occurrences a range shows.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::activity::instant;
use super::text;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    Email,
    SocialPost,
    BlogArticle,
    AdFlight,
    Event,
    Webinar,
    Print,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Idea,
    Draft,
    Scheduled,
    Published,
    Cancelled,
}

macro_rules! names {
    ($t:ty, $field:literal, $($v:ident => $s:literal),+ $(,)?) => {
        impl $t {
            pub const ALL: &[$t] = &[$(<$t>::$v),+];
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),+ }
            }
            pub fn parse(raw: &str) -> Result<Self> {
                let raw = raw.trim().to_ascii_lowercase();
                Self::ALL.iter().copied().find(|v| v.as_str() == raw).ok_or_else(|| {
                    let names: Vec<_> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    Error::invalid($field, format!("{raw:?} is not one of {}", names.join(", ")))
                })
            }
        }
    };
}

names!(ItemType, "item_type",
    Email => "email", SocialPost => "social_post", BlogArticle => "blog_article", AdFlight => "ad_flight",
    Event => "event", Webinar => "webinar", Print => "print", Other => "other");
names!(ItemStatus, "status",
    Idea => "idea", Draft => "draft", Scheduled => "scheduled", Published => "published", Cancelled => "cancelled");

/// When an item happens. An all-day item's `end_date` is its last day (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum When {
    Timed { starts_at: DateTime<Utc>, ends_at: DateTime<Utc> },
    AllDay { start_date: NaiveDate, end_date: NaiveDate },
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CalendarItem {
    pub id: String,
    pub title: String,
    pub item_type: ItemType,
    pub channel: Option<String>,
    pub campaign_id: Option<String>,
    pub when: When,
    /// IANA zone the item was planned in: a weekly 09:00 stays at 09:00 there across DST.
    pub time_zone: String,
    pub status: ItemStatus,
    pub owner: Option<String>,
    pub notes: Option<String>,
    /// RFC 5545 RRULE without DTSTART (the item's start is the series' start).
    pub rrule: Option<String>,
    /// Occurrences left out of the series, by their original start (see `Occurrence::key`).
    pub exdates: Vec<String>,
    /// For an occurrence moved or edited on its own: the series it belongs to.
    pub series_id: Option<String>,
    /// … and the original start of the occurrence it replaces.
    pub recurrence_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// An item as typed: timed items give RFC 3339 `starts_at` / `ends_at`, all-day items
/// `YYYY-MM-DD` dates.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct CalendarItemInput {
    pub title: String,
    pub item_type: String,
    pub channel: Option<String>,
    pub campaign_id: Option<String>,
    pub all_day: bool,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// `None`: UTC.
    pub time_zone: Option<String>,
    pub status: Option<ItemStatus>,
    pub owner: Option<String>,
    pub notes: Option<String>,
    pub rrule: Option<String>,
    /// Lead ids of the people attending; `None` leaves an item's attendees as they are (a move
    /// on the calendar does not name them).
    #[ts(optional)]
    pub attendees: Option<Vec<String>>,
}

/// The most attendees an item may list.
pub const MAX_ATTENDEES: usize = 500;

/// A lead attending an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Attendee {
    pub lead_id: String,
    pub name: String,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidItem {
    pub title: String,
    pub item_type: ItemType,
    pub channel: Option<String>,
    pub campaign_id: Option<String>,
    pub when: When,
    pub time_zone: chrono_tz::Tz,
    pub status: ItemStatus,
    pub owner: Option<String>,
    pub notes: Option<String>,
    pub rrule: Option<String>,
    /// Distinct lead ids, in the order given; `None`: unchanged.
    pub attendees: Option<Vec<String>>,
}

impl CalendarItemInput {
    pub fn validate(&self) -> Result<ValidItem> {
        let time_zone = zone(self.time_zone.as_deref().unwrap_or("UTC"))?;
        let when = if self.all_day {
            let start = text::date("start_date", self.start_date.as_deref())?
                .ok_or_else(|| Error::invalid("start_date", "is required for an all-day item"))?;
            let end = text::date("end_date", self.end_date.as_deref())?.unwrap_or(start);
            if end < start {
                return Err(Error::invalid("end_date", format!("{end} is before the start, {start}")));
            }
            When::AllDay { start_date: start, end_date: end }
        } else {
            let raw = self.starts_at.as_deref().map(str::trim).filter(|s| !s.is_empty());
            let start = instant("starts_at", raw.ok_or_else(|| Error::invalid("starts_at", "is required"))?)?;
            let end = match self.ends_at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(raw) => instant("ends_at", raw)?,
                None => start,
            };
            if end < start {
                return Err(Error::invalid("ends_at", "is before the start"));
            }
            When::Timed { starts_at: start, ends_at: end }
        };
        let item = ValidItem {
            title: text::optional_line("title", Some(&self.title), 200)?
                .ok_or_else(|| Error::invalid("title", "is required"))?,
            item_type: ItemType::parse(if self.item_type.trim().is_empty() { "other" } else { &self.item_type })?,
            channel: text::optional_line("channel", self.channel.as_deref(), 40)?,
            campaign_id: self.campaign_id.as_deref().map(|c| super::id::parse_id("campaign_id", c)).transpose()?,
            when,
            time_zone,
            status: self.status.unwrap_or(ItemStatus::Idea),
            owner: text::optional_line("owner", self.owner.as_deref(), 120)?,
            notes: text::optional("notes", self.notes.as_deref(), 10_000)?,
            rrule: text::optional_line("rrule", self.rrule.as_deref(), 500)?,
            attendees: self.attendees.as_deref().map(attendee_ids).transpose()?,
        };
        if let Some(rule) = &item.rrule {
            crate::calendar::check_rule(rule, &item.when, item.time_zone)?;
        }
        Ok(item)
    }
}

fn attendee_ids(raw: &[String]) -> Result<Vec<String>> {
    if raw.len() > MAX_ATTENDEES {
        return Err(Error::invalid("attendees", format!("at most {MAX_ATTENDEES} attendees")));
    }
    let mut ids: Vec<String> = Vec::with_capacity(raw.len());
    for id in raw {
        let id = super::id::parse_id("attendees", id)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// An IANA time zone name, such as Europe/Berlin.
pub fn zone(raw: &str) -> Result<chrono_tz::Tz> {
    raw.trim().parse().map_err(|_| {
        Error::invalid("time_zone", format!("{:?} is not an IANA time zone (such as Europe/Berlin)", raw.trim()))
    })
}

/// The IANA zones a person picks from, sorted: the Area/City names and UTC, without the legacy
/// aliases (US/Eastern, EST5EDT, Etc/GMT+5…) that name the same clocks.
pub fn zone_names() -> Vec<&'static str> {
    const LEGACY: &[&str] = &["Etc/", "US/", "SystemV/", "Brazil/", "Canada/", "Chile/", "Mexico/"];
    let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|z| z.name())
        .filter(|n| *n == "UTC" || (n.contains('/') && !LEGACY.iter().any(|l| n.starts_with(l))))
        .collect();
    names.sort_unstable();
    names
}

/// One appearance of an item in a range: the item itself, or one occurrence of a series.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Occurrence {
    pub item_id: String,
    /// The series this is an occurrence of (the item itself, or an edited occurrence's series).
    pub series_id: Option<String>,
    /// The occurrence's original start within its series, as stored in `exdates` and
    /// `recurrence_id`; `None` for an item that does not repeat.
    pub key: Option<String>,
    pub title: String,
    pub item_type: ItemType,
    pub channel: Option<String>,
    pub campaign_id: Option<String>,
    pub status: ItemStatus,
    pub owner: Option<String>,
    pub when: When,
    pub time_zone: String,
}

/// The days a view shows, in the viewer's time zone: `from` up to, not including, `to`.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
pub struct CalendarRange {
    pub from: String,
    pub to: String,
    /// The viewer's IANA zone: timed items are placed on its days.
    pub time_zone: String,
}

/// A checked range: its days and the instants they begin and end at in the viewer's zone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
}

/// The longest range one request may ask for: a year view and a little more.
pub const MAX_RANGE_DAYS: i64 = 400;

impl CalendarRange {
    pub fn validate(&self) -> Result<ValidRange> {
        let from = text::date("from", Some(&self.from))?.ok_or_else(|| Error::invalid("from", "is required"))?;
        let to = text::date("to", Some(&self.to))?.ok_or_else(|| Error::invalid("to", "is required"))?;
        if to <= from {
            return Err(Error::invalid("to", "must be after from"));
        }
        if (to - from).num_days() > MAX_RANGE_DAYS {
            return Err(Error::invalid("to", format!("a range covers at most {MAX_RANGE_DAYS} days")));
        }
        let tz = zone(&self.time_zone)?;
        Ok(ValidRange { from, to, starts: day_start(from, tz), ends: day_start(to, tz) })
    }
}

/// The first instant of `day` in `tz` (a day that starts in a DST gap starts when the gap ends).
pub fn day_start(day: NaiveDate, tz: chrono_tz::Tz) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    match tz.from_local_datetime(&midnight) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => t.to_utc(),
        chrono::LocalResult::None => {
            let later = midnight + chrono::Duration::hours(1);
            tz.from_local_datetime(&later).earliest().map_or_else(|| later.and_utc(), |t| t.to_utc())
        }
    }
}
