//! How instants are written to and read from the store: UTC, millisecond ISO-8601 text that sorts
//! in time order.

use chrono::{DateTime, SecondsFormat, Utc};

pub fn to_db(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn from_db(text: &str) -> crate::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| crate::Error::Conflict(format!("stored time {text:?} is malformed: {e}")))
}
