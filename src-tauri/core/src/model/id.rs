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

/// Ids for many records created together at `now`, each greater than the one before: random
/// ids all in one millisecond land all over the indexes keyed by them, and a bulk write then
/// pays for a growing working set with every row, where ascending ones are appended.
/// A 34-bit counter follows the timestamp; 40 random bits, drawn once, keep two sequences
/// started in the same millisecond apart.
pub struct Ascending {
    millis: u64,
    random: [u8; 5],
    next: u64,
}

impl Ascending {
    pub fn new(now: DateTime<Utc>) -> Self {
        let fresh = Uuid::new_v7(Timestamp::from_unix(NoContext, now.timestamp() as u64, now.timestamp_subsec_nanos()));
        let mut random = [0u8; 5];
        random.copy_from_slice(&fresh.as_bytes()[11..16]);
        Self { millis: now.timestamp_millis() as u64, random, next: 0 }
    }

    pub fn next_id(&mut self) -> String {
        let c = self.next;
        assert!(c < 1 << 34, "more than 2^34 ids in one sequence");
        self.next += 1;
        // The version takes the top 4 bits of byte 0 and the variant the top 2 of byte 2.
        let [r0, r1, r2, r3, r4] = self.random;
        let tail = [
            (c >> 30) as u8 & 0x0f,
            (c >> 22) as u8,
            (c >> 16) as u8 & 0x3f,
            (c >> 8) as u8,
            c as u8,
            r0,
            r1,
            r2,
            r3,
            r4,
        ];
        Builder::from_unix_timestamp_millis(self.millis, &tail).into_uuid().to_string()
    }
}

/// Accepts only the canonical hyphenated form, so a stray value never reaches a query.
pub fn parse_id(field: &'static str, raw: &str) -> crate::Result<String> {
    match Uuid::try_parse(raw.trim()) {
        Ok(id) => Ok(id.to_string()),
        Err(_) => Err(crate::Error::invalid(field, format!("{raw:?} is not a valid id"))),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn ascending_ids_are_valid_v7_in_order_and_distinct() {
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 9, 30, 0).unwrap();
        let mut seq = Ascending::new(now);
        // Across the byte boundaries of the counter (2^8, 2^16, 2^22).
        seq.next = (1 << 22) - 300;
        let ids: Vec<String> = (0..600).map(|_| seq.next_id()).collect();
        for pair in ids.windows(2) {
            assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
        }
        for id in &ids {
            let uuid = Uuid::parse_str(id).unwrap();
            assert_eq!(uuid.get_version_num(), 7);
            let (secs, _) = uuid.get_timestamp().unwrap().to_unix();
            assert_eq!(secs as i64, now.timestamp());
        }
        let other = Ascending::new(now).next_id();
        assert_ne!(other, Ascending::new(now).next_id(), "two sequences started together differ");
    }
}
