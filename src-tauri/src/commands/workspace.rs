//! Which workspace is open, and the file itself: open another, start a new one, save a copy,
//! and the backups beside it (make one now, list them, restore one).

use chrono::{DateTime, Utc};
use serde::Serialize;
use tandem_core::Store;
use tandem_core::store::backup;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::error::IpcError;
use crate::files;
use crate::preferences::Saved;
use crate::workspace::Workspace;

#[derive(Debug, Serialize, TS)]
pub struct WorkspaceInfo {
    /// The workspace file, as the user would look for it.
    pub path: String,
    pub schema_version: i64,
}

/// A backup beside the workspace, named by its file name (the page never sends a path).
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupInfo {
    pub file_name: String,
    pub taken_at: DateTime<Utc>,
    /// "auto", "manual", "before-import", "before-merge", "before-restore"…
    pub why: String,
    pub bytes: u64,
}

const WORKSPACE: files::Kind = files::Kind { name: "Tandem workspace", extensions: &["tandem"] };

pub(crate) async fn info(store: &Store) -> Result<WorkspaceInfo, IpcError> {
    Ok(WorkspaceInfo { path: store.path().display().to_string(), schema_version: store.schema_version().await? })
}

/// Puts `store` in place of the workspace open now (closed once replaced).
async fn switch_to(ws: &Workspace, store: Store) -> Result<WorkspaceInfo, IpcError> {
    let info = info(&store).await?;
    if let Some(old) = ws.replace(store) {
        old.close().await;
    }
    Ok(info)
}

/// The file the user chose, opened again at the next start; not being able to remember it is
/// said, not a reason to refuse the file.
fn remember(prefs: &Saved, store: &Store) {
    if let Err(e) = prefs.set_workspace(store.path()) {
        eprintln!("tandem: could not remember the workspace: {}", e.message);
    }
}

/// Asks for a workspace file and opens it instead; `None` if the user cancels. A file that is
/// not a Tandem workspace, is from a newer version or is damaged (integrity check) is refused,
/// untouched, and the open workspace stays.
#[tauri::command]
pub async fn open_workspace<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    prefs: State<'_, Saved>,
) -> Result<Option<WorkspaceInfo>, IpcError> {
    let Some(path) = files::open_from(&app, "Open a workspace", &WORKSPACE).await? else {
        return Ok(None);
    };
    backup::check(&path).await?;
    let store = Store::open(&path).await?;
    remember(&prefs, &store);
    Ok(Some(switch_to(&ws, store).await?))
}

/// Asks where to start a new, empty workspace and opens it; `None` if the user cancels. An
/// existing file is never overwritten.
#[tauri::command]
pub async fn new_workspace<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    prefs: State<'_, Saved>,
) -> Result<Option<WorkspaceInfo>, IpcError> {
    let Some(path) = files::save_to(&app, "New workspace", "workspace.tandem", &WORKSPACE).await? else {
        return Ok(None);
    };
    if path.exists() {
        return Err(tandem_core::Error::invalid(
            "path",
            format!("{} exists already; a new workspace never replaces a file (use Open for it)", path.display()),
        )
        .into());
    }
    let store = Store::open(&path).await?;
    remember(&prefs, &store);
    Ok(Some(switch_to(&ws, store).await?))
}

/// A copy of the workspace as it is now, where the user picks (a backup, taken while it stays
/// open); `None` if they cancel.
#[tauri::command]
pub async fn save_workspace_copy<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
) -> Result<Option<String>, IpcError> {
    let store = ws.store()?;
    let stem = store.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "workspace".into());
    let name = format!("{stem}-copy-{}.tandem", chrono::Local::now().date_naive());
    let Some(path) = files::save_to(&app, "Save a copy of the workspace", &name, &WORKSPACE).await? else {
        return Ok(None);
    };
    store.backup_to(&path).await?;
    Ok(Some(path.display().to_string()))
}

fn listed(ws: &Workspace) -> Result<Vec<BackupInfo>, IpcError> {
    Ok(backup::list(&ws.path())?
        .into_iter()
        .map(|b| BackupInfo {
            file_name: b.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            taken_at: b.taken_at,
            why: b.why,
            bytes: b.bytes,
        })
        .collect())
}

/// The backups of the open workspace, newest first.
#[tauri::command]
pub async fn backups(ws: State<'_, Workspace>) -> Result<Vec<BackupInfo>, IpcError> {
    listed(&ws)
}

#[tauri::command]
pub async fn back_up_now(ws: State<'_, Workspace>) -> Result<Vec<BackupInfo>, IpcError> {
    ws.store()?.backup_before("manual", Utc::now()).await?;
    listed(&ws)
}

/// Replaces the workspace with backup `file_name` (one of `backups`): the backup is checked
/// whole first, and what the workspace holds now is backed up before it is replaced.
#[tauri::command]
pub async fn restore_backup(ws: State<'_, Workspace>, file_name: String) -> Result<WorkspaceInfo, IpcError> {
    let chosen = backup::list(&ws.path())?
        .into_iter()
        .find(|b| b.path.file_name().is_some_and(|n| n.to_string_lossy() == file_name))
        .ok_or_else(|| tandem_core::Error::not_found("backup", &file_name))?;
    // Checked before the workspace is closed, so a bad backup leaves everything as it was.
    backup::check(&chosen.path).await?;
    let store = ws.store()?;
    let path = store.path().to_path_buf();
    store.close().await;
    let restored = backup::restore(&path, &chosen.path, Utc::now()).await;
    // Whatever happened, the workspace file is opened again (restored, or as it was).
    let reopened = Store::open(&path).await?;
    let info = switch_to(&ws, reopened).await?;
    restored?;
    Ok(info)
}
