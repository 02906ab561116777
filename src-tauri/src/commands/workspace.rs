//! Which workspace is open, or why it could not be opened.

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::IpcError;
use crate::workspace::Workspace;

#[derive(Debug, Serialize, TS)]
pub struct WorkspaceInfo {
    /// The workspace file, as the user would look for it.
    pub path: String,
    pub schema_version: i64,
}

#[tauri::command]
pub async fn workspace_info(ws: State<'_, Workspace>) -> Result<WorkspaceInfo, IpcError> {
    let store = ws.store()?;
    Ok(WorkspaceInfo { path: ws.path.display().to_string(), schema_version: store.schema_version().await? })
}
