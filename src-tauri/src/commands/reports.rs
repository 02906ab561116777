//! Reports: one report as the screen shows it, and the same report exported to a file the user
//! picks in a dialog opened here (the page never names a path).

use chrono::{Local, Utc};
use serde::{Deserialize, Serialize};
use tandem_core::report::{self, Period, Report, ReportFilter, ReportName};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::error::IpcError;
use crate::files;
use crate::workspace::Workspace;

/// Which report, over what. A named period is counted from today (the computer's own day) and
/// replaces the filter's days.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
pub struct ReportRequest {
    pub name: ReportName,
    pub period: Option<Period>,
    pub filter: ReportFilter,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

/// Where an export went, to tell the user.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportedFile {
    pub path: String,
    /// More than one for CSV of a report with several tables: they sit beside `path`.
    pub files: u32,
}

#[tauri::command]
pub async fn report(ws: State<'_, Workspace>, request: ReportRequest) -> Result<Report, IpcError> {
    run(&ws, &request).await
}

/// Makes the report first (bad filters never open a dialog), then asks where to save it; `None`
/// if the user cancels.
#[tauri::command]
pub async fn export_report<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    request: ReportRequest,
    format: ExportFormat,
) -> Result<Option<ExportedFile>, IpcError> {
    let report = run(&ws, &request).await?;
    let (kind, ext) = match format {
        ExportFormat::Csv => (&files::CSV, "csv"),
        ExportFormat::Xlsx => (&files::XLSX, "xlsx"),
    };
    let name = format!("{}-{}.{ext}", request.name.as_str(), Local::now().date_naive());
    let Some(path) = files::save_to(&app, "Export report", &name, kind).await? else {
        return Ok(None);
    };
    let written = match format {
        // With a byte-order mark: the file is most often opened in Excel, which needs it for UTF-8.
        ExportFormat::Csv => report::csv::files(&report, &path, true),
        ExportFormat::Xlsx => vec![(path.clone(), report::xlsx::report(&report, Utc::now())?)],
    };
    for (file, bytes) in &written {
        tandem_core::files::write_atomic(file, bytes)?;
    }
    Ok(Some(ExportedFile { path: path.display().to_string(), files: written.len() as u32 }))
}

async fn run(ws: &Workspace, request: &ReportRequest) -> Result<Report, IpcError> {
    let mut filter = request.filter.clone();
    if let Some(period) = request.period {
        (filter.from, filter.to) = period.days(Local::now().date_naive());
    }
    Ok(ws.store()?.report(request.name, &filter, Utc::now()).await?)
}
