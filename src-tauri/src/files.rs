//! The files a user picks to export to or import from: always through the OS dialog, opened here
//! in Rust, so the page never names a path. Tests cannot drive a native dialog: they give the
//! path "chosen" instead (`TANDEM_FILE_CHOICE` for the app under end-to-end tests).

use std::path::PathBuf;
use std::sync::Mutex;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::IpcError;

/// What kind of file, for the dialog's filter.
pub struct Kind {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

pub const ICALENDAR: Kind = Kind { name: "iCalendar", extensions: &["ics"] };
pub const CSV: Kind = Kind { name: "CSV", extensions: &["csv"] };
pub const XLSX: Kind = Kind { name: "Excel workbook", extensions: &["xlsx"] };
pub const PDF: Kind = Kind { name: "PDF document", extensions: &["pdf"] };

/// The path a test stands in for the dialog with; `None` (always, outside tests): ask the user.
#[derive(Debug, Default)]
pub struct FileChoice(Mutex<Option<PathBuf>>);

impl FileChoice {
    pub fn from_env() -> FileChoice {
        FileChoice(Mutex::new(std::env::var_os("TANDEM_FILE_CHOICE").filter(|p| !p.is_empty()).map(PathBuf::from)))
    }

    pub fn set(&self, path: Option<PathBuf>) {
        *self.0.lock().expect("not poisoned") = path;
    }
}

fn chosen_by_test<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    app.try_state::<FileChoice>().and_then(|c| c.0.lock().expect("not poisoned").clone())
}

/// Where to save, proposing `file_name`; `None` if the user cancels.
pub async fn save_to<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    file_name: &str,
    kind: &Kind,
) -> Result<Option<PathBuf>, IpcError> {
    if let Some(path) = chosen_by_test(app) {
        return Ok(Some(path));
    }
    let dialog = app.dialog().file().set_title(title).set_file_name(file_name).add_filter(kind.name, kind.extensions);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file()).await;
    into_path(picked.map_err(|e| io(e.to_string()))?)
}

/// A folder to write into; `None` if the user cancels.
pub async fn folder<R: Runtime>(app: &AppHandle<R>, title: &str) -> Result<Option<PathBuf>, IpcError> {
    if let Some(path) = chosen_by_test(app) {
        return Ok(Some(path));
    }
    let dialog = app.dialog().file().set_title(title);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder()).await;
    into_path(picked.map_err(|e| io(e.to_string()))?)
}

/// Which file to open; `None` if the user cancels.
pub async fn open_from<R: Runtime>(app: &AppHandle<R>, title: &str, kind: &Kind) -> Result<Option<PathBuf>, IpcError> {
    if let Some(path) = chosen_by_test(app) {
        return Ok(Some(path));
    }
    let dialog = app.dialog().file().set_title(title).add_filter(kind.name, kind.extensions);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file()).await;
    into_path(picked.map_err(|e| io(e.to_string()))?)
}

fn into_path(picked: Option<tauri_plugin_dialog::FilePath>) -> Result<Option<PathBuf>, IpcError> {
    picked.map(|p| p.into_path().map_err(|e| io(e.to_string()))).transpose()
}

fn io(message: String) -> IpcError {
    IpcError { code: "io".into(), message, field: None }
}
