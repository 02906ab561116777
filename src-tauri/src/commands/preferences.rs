//! This person's preferences: the time zone times are shown in, the leads list's columns.

use tandem_core::model::lead_view::LeadColumn;
use tauri::State;

use crate::error::IpcError;
use crate::preferences::{Preferences, Saved};

/// `time_zone`: an IANA name, or `None` to follow the system's.
#[tauri::command]
pub fn set_time_zone(saved: State<'_, Saved>, time_zone: Option<String>) -> Result<Preferences, IpcError> {
    saved.set_time_zone(time_zone.as_deref())
}

#[tauri::command]
pub fn set_lead_columns(saved: State<'_, Saved>, columns: Vec<LeadColumn>) -> Result<Preferences, IpcError> {
    saved.set_lead_columns(&columns)
}

/// The zones the setting offers.
#[tauri::command]
pub fn time_zones() -> Vec<&'static str> {
    tandem_core::model::calendar::zone_names()
}
