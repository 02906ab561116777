//! Tandem's domain core: the data model, its validation, and the SQLite store.
//!
//! Architecture Invariant: this crate knows nothing of Tauri or the UI; the desktop shell and the
//! CLI are thin hosts over it. It never reads the clock or the environment: `now` is passed in.

pub mod calendar;
pub mod demo;
pub mod error;
pub mod export;
pub mod files;
pub mod ical;
pub mod import;
pub mod model;
pub mod report;
pub mod store;

pub use error::{Error, Result};
pub use store::Store;
