//! Core integration tests, one binary: real SQLite files in temporary folders, no mocks.

mod activities;
mod attribution;
mod backup;
mod bulk;
mod calendar;
mod campaigns;
mod companies;
mod deals;
mod demo;
mod duplicates;
mod export;
mod ical;
mod import;
mod lead_record;
mod leads;
mod merge;
mod open;
mod pipeline_settings;
mod report_pdf;
mod reports;
mod scores;
mod search;
mod tallies;

use chrono::{DateTime, TimeZone, Utc};
use tandem_core::Store;
use tandem_core::model::LeadInput;

/// A fresh workspace in its own temporary folder (kept alive by the returned guard).
pub async fn workspace() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("test.tandem")).await.unwrap();
    (store, dir)
}

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

pub fn lead(name: &str) -> LeadInput {
    LeadInput { name: name.into(), ..Default::default() }
}
