//! Record ids: UUIDv7 text, time-ordered by the `now` the caller passes in.

use chrono::{DateTime, Utc};
use uuid::{Builder, NoContext, Timestamp, Uuid};

/// A fresh id for a record created at `now`; the low 74 bits are random.
pub fn new_id(now: DateTime<Utc>) -> String {
    let ts = Timestamp::from_unix(NoContext, now.timestamp() as u64, now.timestamp_subsec_nanos());
    Uuid::new_v7(ts).to_string()
}

/// A reproducible id from a time and caller-supplied random bits (deterministic demo data).
pub fn id_from_parts(at: DateTime<Utc>, random: u128) -> String {
    let bytes = random.to_le_bytes();
    let mut tail = [0u8; 10];
    tail.copy_from_slice(&bytes[..10]);
    Builder::from_unix_timestamp_millis(at.timestamp_millis() as u64, &tail).into_uuid().to_string()
}

/// Accepts only the canonical hyphenated form, so a stray value never reaches a query.
pub fn parse_id(field: &'static str, raw: &str) -> crate::Result<String> {
    match Uuid::try_parse(raw.trim()) {
        Ok(id) => Ok(id.to_string()),
        Err(_) => Err(crate::Error::invalid(field, format!("{raw:?} is not a valid id"))),
    }
}
