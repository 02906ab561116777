//! iCalendar files: export the calendar (its view, a campaign, or everything) to a file the user
//! picks, and import one in two steps: pick and preview, then import what was previewed.

use std::sync::Mutex;

use chrono::Utc;
use serde::Serialize;
use tandem_core::ical::IcsEvent;
use tandem_core::model::{IcsScope, ImportSummary};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::error::IpcError;
use crate::files;
use crate::workspace::Workspace;

/// Where an export went, to tell the user.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedFile {
    pub path: String,
    pub events: u32,
}

/// A picked file's events, checked and waiting for the user to confirm the preview.
#[derive(Default)]
pub struct PendingImport(Mutex<Option<Vec<IcsEvent>>>);

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    pub file_name: String,
    pub summary: ImportSummary,
}

/// A file name from what the export covers: letters, digits and dashes only.
fn file_name(title: &str) -> String {
    let name: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(80)
        .collect();
    if name.is_empty() { "calendar.ics".into() } else { format!("{name}.ics") }
}

/// Writes the items `scope` covers to a file the user picks; `None` if they cancel.
#[tauri::command]
pub async fn export_calendar<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    scope: IcsScope,
    title: String,
) -> Result<Option<SavedFile>, IpcError> {
    let title = tandem_core::model::text::optional_line("title", Some(&title), 200)?.unwrap_or_else(|| "Tandem".into());
    let store = ws.store()?;
    // Check the scope before asking where to save, so bad input never opens a dialog.
    let file = store.export_ics(&scope, &title, Utc::now()).await?;
    let Some(path) = files::save_to(&app, "Export calendar", &file_name(&title), &files::ICALENDAR).await? else {
        return Ok(None);
    };
    tandem_core::files::write_atomic(&path, file.text.as_bytes())?;
    Ok(Some(SavedFile { path: path.display().to_string(), events: file.events as u32 }))
}

/// Asks for an .ics file, reads and checks all of it, and says what importing it would do;
/// `None` if the user cancels. A malformed file is refused whole, naming its line.
#[tauri::command]
pub async fn preview_calendar_import<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    pending: State<'_, PendingImport>,
    time_zone: String,
) -> Result<Option<ImportPreview>, IpcError> {
    let zone = tandem_core::model::calendar::zone(&time_zone)?;
    let store = ws.store()?;
    let Some(path) = files::open_from(&app, "Import calendar", &files::ICALENDAR).await? else {
        return Ok(None);
    };
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let named = |e: tandem_core::Error| -> IpcError {
        let mut err = IpcError::from(e);
        err.message = format!("{file_name}: {}", err.message);
        err
    };
    let text = tandem_core::files::read_text(&path).map_err(named)?;
    let events = tandem_core::ical::read(&text, zone).map_err(named)?;
    let summary = store.preview_ics_import(&events).await?;
    *pending.0.lock().expect("not poisoned") = Some(events);
    Ok(Some(ImportPreview { file_name, summary }))
}

/// Imports the file last previewed, in one transaction.
#[tauri::command]
pub async fn import_calendar(
    ws: State<'_, Workspace>,
    pending: State<'_, PendingImport>,
) -> Result<ImportSummary, IpcError> {
    let store = ws.store()?;
    let Some(events) = pending.0.lock().expect("not poisoned").take() else {
        return Err(tandem_core::Error::Conflict("no file is waiting to be imported; choose one first".into()).into());
    };
    Ok(store.import_ics(&events, Utc::now()).await?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_keep_letters_and_digits() {
        assert_eq!(super::file_name("Spring launch / Q2 2027"), "Spring-launch-Q2-2027.ics");
        assert_eq!(super::file_name("Café ünïcode"), "Café-ünïcode.ics");
        assert_eq!(super::file_name("///"), "calendar.ics");
        assert_eq!(super::file_name(&"é".repeat(100)).chars().count(), 80 + 4, "cut between characters");
    }
}
