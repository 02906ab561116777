//! The full data export: every lead, company, campaign, calendar item, deal, activity and
//! touchpoint, as CSV files in a new `tandem-data-<day>` folder inside the one the user picks, or
//! one workbook, through a dialog opened here. Progress goes to the page through a channel, a
//! message per table written.

use chrono::Local;
use serde::{Deserialize, Serialize};
use tandem_core::export::{self, ExportProgress};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::commands::reports::ExportedFile;
use crate::error::IpcError;
use crate::files;
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DataFormat {
    /// A file per table in a folder.
    Csv,
    /// One workbook, a sheet per table.
    Xlsx,
}

/// `None` if the user cancels the dialog.
#[tauri::command]
pub async fn export_data<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    format: DataFormat,
    on_progress: Channel<ExportProgress>,
) -> Result<Option<ExportedFile>, IpcError> {
    let store = ws.store()?;
    // A closed page only stops the messages, never the export.
    let progress = move |p: ExportProgress| {
        let _ = on_progress.send(p);
    };
    match format {
        DataFormat::Csv => {
            let Some(parent) = files::folder(&app, "Export all data to a folder").await? else {
                return Ok(None);
            };
            // Seven files in a folder of their own, not strewn among the user's documents.
            let dir = parent.join(format!("tandem-data-{}", Local::now().date_naive()));
            // With a byte-order mark: the files are most often opened in Excel, which needs it for UTF-8.
            let summary = export::csv_files(&store, &dir, true, progress).await?;
            Ok(Some(ExportedFile { path: dir.display().to_string(), files: summary.files.len() as u32 }))
        }
        DataFormat::Xlsx => {
            let name = format!("tandem-data-{}.xlsx", Local::now().date_naive());
            let Some(path) = files::save_to(&app, "Export all data", &name, &files::XLSX).await? else {
                return Ok(None);
            };
            let (bytes, _) = export::xlsx_workbook(&store, progress).await?;
            tandem_core::files::write_atomic(&path, &bytes)?;
            Ok(Some(ExportedFile { path: path.display().to_string(), files: 1 }))
        }
    }
}
