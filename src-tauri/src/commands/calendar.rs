//! Calendar commands: the occurrences of a range of days, and a calendar item's life.

use chrono::Utc;
use tandem_core::model::{Attendee, CalendarItem, CalendarItemInput, CalendarRange, Occurrence, SalesActivity};
use tandem_core::store::OccurrenceScope;
use tauri::State;

use crate::error::IpcError;
use crate::workspace::Workspace;

#[tauri::command]
pub async fn calendar_range(ws: State<'_, Workspace>, range: CalendarRange) -> Result<Vec<Occurrence>, IpcError> {
    Ok(ws.store()?.calendar_range(&range).await?)
}

#[tauri::command]
pub async fn get_calendar_item(ws: State<'_, Workspace>, id: String) -> Result<CalendarItem, IpcError> {
    Ok(ws.store()?.get_calendar_item(&id).await?)
}

#[tauri::command]
pub async fn create_calendar_item(
    ws: State<'_, Workspace>,
    input: CalendarItemInput,
) -> Result<CalendarItem, IpcError> {
    Ok(ws.store()?.create_calendar_item(&input, Utc::now()).await?)
}

#[tauri::command]
pub async fn update_calendar_item(
    ws: State<'_, Workspace>,
    id: String,
    input: CalendarItemInput,
) -> Result<CalendarItem, IpcError> {
    Ok(ws.store()?.update_calendar_item(&id, &input, Utc::now()).await?)
}

#[tauri::command]
pub async fn delete_calendar_item(ws: State<'_, Workspace>, id: String) -> Result<CalendarItem, IpcError> {
    Ok(ws.store()?.delete_calendar_item(&id, Utc::now()).await?)
}

#[tauri::command]
pub async fn restore_calendar_item(ws: State<'_, Workspace>, id: String) -> Result<CalendarItem, IpcError> {
    Ok(ws.store()?.restore_calendar_item(&id, Utc::now()).await?)
}

#[tauri::command]
pub async fn edit_occurrence(
    ws: State<'_, Workspace>,
    series_id: String,
    key: String,
    scope: OccurrenceScope,
    input: CalendarItemInput,
) -> Result<CalendarItem, IpcError> {
    Ok(ws.store()?.edit_occurrence(&series_id, &key, scope, &input, Utc::now()).await?)
}

#[tauri::command]
pub async fn delete_occurrence(
    ws: State<'_, Workspace>,
    series_id: String,
    key: String,
    scope: OccurrenceScope,
) -> Result<CalendarItem, IpcError> {
    Ok(ws.store()?.delete_occurrence(&series_id, &key, scope, Utc::now()).await?)
}

#[tauri::command]
pub async fn restore_occurrence(
    ws: State<'_, Workspace>,
    series_id: String,
    key: String,
) -> Result<CalendarItem, IpcError> {
    Ok(ws.store()?.restore_occurrence(&series_id, &key, Utc::now()).await?)
}

/// The sales layer: open follow-ups of deals due in the range.
#[tauri::command]
pub async fn sales_activities(ws: State<'_, Workspace>, range: CalendarRange) -> Result<Vec<SalesActivity>, IpcError> {
    Ok(ws.store()?.sales_activities(&range).await?)
}

#[tauri::command]
pub async fn calendar_item_attendees(ws: State<'_, Workspace>, id: String) -> Result<Vec<Attendee>, IpcError> {
    Ok(ws.store()?.calendar_item_attendees(&id).await?)
}
