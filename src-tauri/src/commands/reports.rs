//! Reports: one report as the screen shows it, the same report exported to a file the user picks
//! in a dialog opened here (the page never names a path), and report packs: several reports in
//! one PDF or workbook, saved by name in the workspace.

use chrono::{Local, Utc};
use serde::{Deserialize, Serialize};
use tandem_core::report::pack::{self, PackFormat, ReportPack};
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
    Pdf,
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
        ExportFormat::Pdf => (&files::PDF, "pdf"),
    };
    let name = format!("{}-{}.{ext}", request.name.as_str(), Local::now().date_naive());
    let Some(path) = files::save_to(&app, "Export report", &name, kind).await? else {
        return Ok(None);
    };
    let written = match format {
        // With a byte-order mark: the file is most often opened in Excel, which needs it for UTF-8.
        ExportFormat::Csv => report::csv::files(&report, &path, true),
        ExportFormat::Xlsx => vec![(path.clone(), report::xlsx::report(&report, Utc::now())?)],
        ExportFormat::Pdf => vec![(path.clone(), report::pdf::report(&report, Utc::now())?)],
    };
    for (file, bytes) in &written {
        tandem_core::files::write_atomic(file, bytes)?;
    }
    Ok(Some(ExportedFile { path: path.display().to_string(), files: written.len() as u32 }))
}

#[tauri::command]
pub async fn report_packs(ws: State<'_, Workspace>) -> Result<Vec<ReportPack>, IpcError> {
    Ok(ws.store()?.report_packs().await?)
}

/// Saves a pack under its name (replacing one of the same name); all the packs, by name.
#[tauri::command]
pub async fn save_report_pack(ws: State<'_, Workspace>, report_pack: ReportPack) -> Result<Vec<ReportPack>, IpcError> {
    Ok(ws.store()?.save_report_pack(&report_pack, Utc::now()).await?)
}

#[tauri::command]
pub async fn delete_report_pack(ws: State<'_, Workspace>, name: String) -> Result<Vec<ReportPack>, IpcError> {
    Ok(ws.store()?.delete_report_pack(&name, Utc::now()).await?)
}

/// The pack's reports as one PDF or workbook. The reports are made first (bad filters never open a
/// dialog), then the user picks where it goes; `None` if they cancel.
#[tauri::command]
pub async fn export_report_pack<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    report_pack: ReportPack,
) -> Result<Option<ExportedFile>, IpcError> {
    let chosen = report_pack.validate()?;
    let filter = chosen.filter.over(chosen.period, Local::now().date_naive());
    let reports = ws.store()?.reports(&chosen.reports, &filter, Utc::now()).await?;
    let kind = match chosen.format {
        PackFormat::Pdf => &files::PDF,
        PackFormat::Xlsx => &files::XLSX,
    };
    let name = chosen.file_name(Local::now().date_naive());
    let Some(path) = files::save_to(&app, "Export report pack", &name, kind).await? else {
        return Ok(None);
    };
    tandem_core::files::write_atomic(&path, &pack::render(chosen.format, &reports, Utc::now())?)?;
    Ok(Some(ExportedFile { path: path.display().to_string(), files: 1 }))
}

async fn run(ws: &Workspace, request: &ReportRequest) -> Result<Report, IpcError> {
    let filter = request.filter.over(request.period, Local::now().date_naive());
    Ok(ws.store()?.report(request.name, &filter, Utc::now()).await?)
}
