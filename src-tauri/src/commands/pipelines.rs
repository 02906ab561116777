//! Pipeline settings commands: stages and pipelines added, renamed, reordered, deleted, and the
//! list of lost reasons.

use chrono::Utc;
use tandem_core::model::{Pipeline, StageInput};
use tauri::State;

use crate::error::IpcError;
use crate::workspace::Workspace;

#[tauri::command]
pub async fn create_pipeline(
    ws: State<'_, Workspace>,
    name: String,
    stages: Vec<StageInput>,
) -> Result<Pipeline, IpcError> {
    Ok(ws.store()?.create_pipeline(&name, &stages, Utc::now()).await?)
}

#[tauri::command]
pub async fn rename_pipeline(ws: State<'_, Workspace>, id: String, name: String) -> Result<Pipeline, IpcError> {
    Ok(ws.store()?.rename_pipeline(&id, &name, Utc::now()).await?)
}

#[tauri::command]
pub async fn delete_pipeline(ws: State<'_, Workspace>, id: String) -> Result<(), IpcError> {
    Ok(ws.store()?.delete_pipeline(&id, Utc::now()).await?)
}

#[tauri::command]
pub async fn add_stage(ws: State<'_, Workspace>, pipeline_id: String, input: StageInput) -> Result<Pipeline, IpcError> {
    Ok(ws.store()?.add_stage(&pipeline_id, &input, Utc::now()).await?)
}

#[tauri::command]
pub async fn update_stage(ws: State<'_, Workspace>, id: String, input: StageInput) -> Result<Pipeline, IpcError> {
    Ok(ws.store()?.update_stage(&id, &input, Utc::now()).await?)
}

#[tauri::command]
pub async fn move_stage(ws: State<'_, Workspace>, id: String, index: u32) -> Result<Pipeline, IpcError> {
    Ok(ws.store()?.move_stage(&id, index, Utc::now()).await?)
}

/// `move_deals_to`: where the stage's deals go; required when it holds any.
#[tauri::command]
pub async fn delete_stage(
    ws: State<'_, Workspace>,
    id: String,
    move_deals_to: Option<String>,
) -> Result<Pipeline, IpcError> {
    Ok(ws.store()?.delete_stage(&id, move_deals_to.as_deref(), Utc::now()).await?)
}

#[tauri::command]
pub async fn add_lost_reason(ws: State<'_, Workspace>, name: String) -> Result<Vec<String>, IpcError> {
    Ok(ws.store()?.add_lost_reason(&name, Utc::now()).await?)
}

#[tauri::command]
pub async fn rename_lost_reason(ws: State<'_, Workspace>, name: String, to: String) -> Result<Vec<String>, IpcError> {
    Ok(ws.store()?.rename_lost_reason(&name, &to, Utc::now()).await?)
}

#[tauri::command]
pub async fn delete_lost_reason(ws: State<'_, Workspace>, name: String) -> Result<Vec<String>, IpcError> {
    Ok(ws.store()?.delete_lost_reason(&name, Utc::now()).await?)
}
