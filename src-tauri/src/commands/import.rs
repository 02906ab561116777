//! The import workbench: a file picked through the dialog (CSV, workbook or vCard) is read and
//! kept here while the page maps its columns and previews what importing would do; then it is
//! imported in one transaction, after a backup, with progress over a channel and a cancel. The
//! import history undoes a batch; mappings are saved by name; leads go out as vCards.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::Utc;
use serde::Serialize;
use tandem_core::import::{
    self, Columns, ImportOptions, LeadImportSummary, SavedMapping, SourceFormat, Table, mapping, rejected, table,
};
use tandem_core::store::{ImportBatch, ImportProgress, ImportResult};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::error::IpcError;
use crate::files;
use crate::workspace::Workspace;

/// Rows of the file shown in the mapping preview.
const SAMPLE_ROWS: usize = 8;

/// The file being imported, read whole, and the flag that cancels its import.
#[derive(Default)]
pub struct ImportSession {
    file: Mutex<Option<OpenFile>>,
    cancel: AtomicBool,
}

struct OpenFile {
    name: String,
    bytes: Vec<u8>,
    table: Table,
}

/// A picked file as the mapping step shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportFile {
    pub file_name: String,
    pub format: SourceFormat,
    /// A workbook's sheets (the one read is in `format`).
    pub sheets: Vec<String>,
    /// The encodings a CSV file can be read in instead (the one read is in `format`).
    pub encodings: Vec<String>,
    pub headers: Vec<String>,
    /// The first rows, each cell as text.
    pub sample: Vec<Vec<String>>,
    pub rows: u32,
    /// Each column's field: from a saved mapping whose headers it matches, else guessed.
    pub columns: Columns,
    /// The saved mapping applied, if any.
    pub mapping: Option<String>,
}

/// Where a file went, to tell the user.
#[derive(Debug, Clone, Serialize, TS)]
pub struct WrittenFile {
    pub path: String,
    pub rows: u32,
}

const CONTACTS: files::Kind = files::Kind {
    name: "Contacts (CSV, Excel, vCard)",
    extensions: &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods", "vcf"],
};
const VCARD: files::Kind = files::Kind { name: "vCard", extensions: &["vcf"] };

impl ImportSession {
    fn with_file<T>(&self, f: impl FnOnce(&OpenFile) -> Result<T, IpcError>) -> Result<T, IpcError> {
        let file = self.file.lock().expect("not poisoned");
        match file.as_ref() {
            Some(open) => f(open),
            None => Err(tandem_core::Error::Conflict("no file is open for import; choose one first".into()).into()),
        }
    }
}

fn read(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table, IpcError> {
    named(name, table::read(name, bytes, sheet))
}

/// A reading error told with the file's name.
fn named(name: &str, read: tandem_core::Result<Table>) -> Result<Table, IpcError> {
    read.map_err(|e| {
        let mut err = IpcError::from(e);
        err.message = format!("{name}: {}", err.message);
        err
    })
}

/// Keeps `open` as the file being imported and describes it for the page.
async fn keep(ws: &Workspace, session: &ImportSession, open: OpenFile) -> Result<ImportFile, IpcError> {
    let file = describe(ws, &open).await?;
    *session.file.lock().expect("not poisoned") = Some(open);
    Ok(file)
}

async fn describe(ws: &Workspace, open: &OpenFile) -> Result<ImportFile, IpcError> {
    let t = &open.table;
    let (columns, mapping) = mapping::for_headers(&ws.store()?.import_mappings().await?, &t.headers);
    Ok(ImportFile {
        file_name: open.name.clone(),
        format: t.format.clone(),
        sheets: t.sheets.clone(),
        encodings: match t.format {
            SourceFormat::Csv { .. } => table::ENCODINGS.iter().map(|e| e.to_string()).collect(),
            _ => Vec::new(),
        },
        headers: t.headers.clone(),
        sample: t
            .rows
            .iter()
            .take(SAMPLE_ROWS)
            .map(|r| (0..t.headers.len()).map(|i| r.cell(i).to_owned()).collect())
            .collect(),
        rows: t.rows.len() as u32,
        columns,
        mapping,
    })
}

/// Asks for a file of contacts and reads it whole; `None` if the user cancels. A file that
/// cannot be read is refused with its name and the line where reading failed.
#[tauri::command]
pub async fn open_import_file<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    session: State<'_, ImportSession>,
) -> Result<Option<ImportFile>, IpcError> {
    ws.store()?;
    let Some(path) = files::open_from(&app, "Import leads", &CONTACTS).await? else {
        return Ok(None);
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = std::fs::read(&path).map_err(|source| tandem_core::Error::Io { path: path.clone(), source })?;
    let table = tauri::async_runtime::spawn_blocking({
        let (name, bytes) = (name.clone(), bytes.clone());
        move || read(&name, &bytes, None)
    })
    .await
    .map_err(|e| IpcError::from(tandem_core::Error::Conflict(e.to_string())))??;
    Ok(Some(keep(&ws, &session, OpenFile { name, bytes, table }).await?))
}

/// Reads another sheet of the open workbook.
#[tauri::command]
pub async fn choose_import_sheet(
    ws: State<'_, Workspace>,
    session: State<'_, ImportSession>,
    sheet: String,
) -> Result<ImportFile, IpcError> {
    read_again(&ws, &session, |name, bytes| read(name, bytes, Some(&sheet))).await
}

/// Reads the open CSV file again in another encoding, when the one detected shows garbled text.
#[tauri::command]
pub async fn choose_import_encoding(
    ws: State<'_, Workspace>,
    session: State<'_, ImportSession>,
    encoding: String,
) -> Result<ImportFile, IpcError> {
    read_again(&ws, &session, |name, bytes| named(name, table::read_in(name, bytes, &encoding))).await
}

/// Reads the open file's bytes again another way (a sheet, an encoding) and keeps the result.
async fn read_again(
    ws: &Workspace,
    session: &ImportSession,
    read: impl FnOnce(&str, &[u8]) -> Result<Table, IpcError>,
) -> Result<ImportFile, IpcError> {
    let (name, bytes) = session.with_file(|f| Ok((f.name.clone(), f.bytes.clone())))?;
    let table = read(&name, &bytes)?;
    keep(ws, session, OpenFile { name, bytes, table }).await
}

fn open_table(session: &ImportSession) -> Result<(String, Table), IpcError> {
    session.with_file(|f| Ok((f.name.clone(), f.table.clone())))
}

/// The dry run: what importing the open file with `options` would do. Writes nothing.
#[tauri::command]
pub async fn preview_import(
    ws: State<'_, Workspace>,
    session: State<'_, ImportSession>,
    options: ImportOptions,
) -> Result<LeadImportSummary, IpcError> {
    let (_, table) = open_table(&session)?;
    Ok(ws.store()?.plan_import(&table, &options, Utc::now()).await?)
}

/// Imports the open file: a backup first, then one transaction (every row, or only the valid
/// ones when `only_valid`), its progress sent over `on_progress`. `cancel_import` stops it
/// before it commits, writing nothing.
#[tauri::command]
pub async fn run_import(
    ws: State<'_, Workspace>,
    session: State<'_, ImportSession>,
    options: ImportOptions,
    only_valid: bool,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportResult, IpcError> {
    let store = ws.store()?;
    let (name, table) = open_table(&session)?;
    mapping::check(&options.columns, &table.headers)?;
    session.cancel.store(false, Ordering::SeqCst);
    store.backup_before("before-import", Utc::now()).await?;
    let cancel = &session.cancel;
    let done = store
        .import_leads(&table, &name, &options, only_valid, Utc::now(), |p| {
            let _ = on_progress.send(p);
            !cancel.load(Ordering::SeqCst)
        })
        .await?;
    *session.file.lock().expect("not poisoned") = None;
    Ok(done)
}

/// Indexes for search the leads of an import that said `search_pending`, and returns when every
/// lead can be found. The page asks at once after such an import, and says meanwhile that the
/// new leads are being indexed; the background upkeep and any search catch up too.
#[tauri::command]
pub async fn settle_search(ws: State<'_, Workspace>) -> Result<(), IpcError> {
    Ok(ws.store()?.settle_search().await?)
}

#[tauri::command]
pub async fn cancel_import(session: State<'_, ImportSession>) -> Result<(), IpcError> {
    session.cancel.store(true, Ordering::SeqCst);
    Ok(())
}

/// Writes the open file's rows that have problems, with the problem, to a CSV the user picks.
#[tauri::command]
pub async fn save_rejected_rows<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, ImportSession>,
    options: ImportOptions,
) -> Result<Option<WrittenFile>, IpcError> {
    let (name, table) = open_table(&session)?;
    mapping::check(&options.columns, &table.headers)?;
    let (_, problems) = import::rows::read(&table, &options.columns, Utc::now());
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(&name);
    let Some(path) =
        files::save_to(&app, "Save the rejected rows", &format!("{stem}-rejected.csv"), &files::CSV).await?
    else {
        return Ok(None);
    };
    tandem_core::files::write_atomic(&path, &rejected::csv(&table, &problems))?;
    Ok(Some(WrittenFile { path: path.display().to_string(), rows: problems.len() as u32 }))
}

#[tauri::command]
pub async fn import_history(ws: State<'_, Workspace>) -> Result<Vec<ImportBatch>, IpcError> {
    Ok(ws.store()?.import_batches().await?)
}

#[tauri::command]
pub async fn undo_import(ws: State<'_, Workspace>, id: String) -> Result<ImportBatch, IpcError> {
    Ok(ws.store()?.undo_import(&id, Utc::now()).await?)
}

#[tauri::command]
pub async fn import_mappings(ws: State<'_, Workspace>) -> Result<Vec<SavedMapping>, IpcError> {
    Ok(ws.store()?.import_mappings().await?)
}

/// Saves the open file's mapping under `name`, for later files with the same headers.
#[tauri::command]
pub async fn save_import_mapping(
    ws: State<'_, Workspace>,
    session: State<'_, ImportSession>,
    name: String,
    columns: Columns,
) -> Result<Vec<SavedMapping>, IpcError> {
    let (_, table) = open_table(&session)?;
    mapping::check(&columns, &table.headers)?;
    let saved = SavedMapping::new(&name, &table.headers, &columns)?;
    Ok(ws.store()?.save_import_mapping(saved, Utc::now()).await?)
}

/// The open file's columns under saved mapping `name` (headers it does not know are guessed).
#[tauri::command]
pub async fn apply_import_mapping(
    ws: State<'_, Workspace>,
    session: State<'_, ImportSession>,
    name: String,
) -> Result<Columns, IpcError> {
    let (_, table) = open_table(&session)?;
    let saved = ws.store()?.import_mappings().await?;
    let chosen = saved
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| tandem_core::Error::not_found("mapping", &name))?;
    Ok(chosen.apply(&table.headers))
}

#[tauri::command]
pub async fn delete_import_mapping(ws: State<'_, Workspace>, name: String) -> Result<Vec<SavedMapping>, IpcError> {
    Ok(ws.store()?.delete_import_mapping(&name, Utc::now()).await?)
}

/// Writes leads as a vCard file the user picks: the chosen ones, or every live lead.
#[tauri::command]
pub async fn export_vcard<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    ids: Option<Vec<String>>,
) -> Result<Option<WrittenFile>, IpcError> {
    let store = ws.store()?;
    let leads = match &ids {
        Some(ids) => store.leads_by_ids(ids).await?,
        None => store.live_leads().await?,
    };
    if leads.is_empty() {
        return Err(tandem_core::Error::invalid("ids", "no leads to export").into());
    }
    let name = if leads.len() == 1 { format!("{}.vcf", safe_name(&leads[0].name)) } else { "leads.vcf".into() };
    let Some(path): Option<PathBuf> = files::save_to(&app, "Export as vCard", &name, &VCARD).await? else {
        return Ok(None);
    };
    let text = import::vcard::write(&leads, import::vcard::Version::V4);
    tandem_core::files::write_atomic(&path, text.as_bytes())?;
    Ok(Some(WrittenFile { path: path.display().to_string(), rows: leads.len() as u32 }))
}

fn safe_name(name: &str) -> String {
    let s: String = name.chars().filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-').take(60).collect();
    if s.trim().is_empty() { "lead".into() } else { s.trim().to_owned() }
}
