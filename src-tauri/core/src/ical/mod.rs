//! iCalendar (RFC 5545) files: calendar items out to Google Calendar, Outlook and Apple
//! Calendar, and their events in. Pure text work; the store picks the items and writes them.

pub mod export;
pub mod import;
pub mod lines;
pub mod zones;

pub use export::{ExportItem, id_in_uid, uid_of, write};
pub use import::{IcsEvent, read};
