//! Deal commands: the pipeline board's vocabulary.

use chrono::Utc;
use tandem_core::model::{
    Activity, ActivityInput, Board, BoardFacets, BoardFilter, Deal, DealCard, DealInput, DealTimeline, LeadInput,
    Pipeline, StatusChange,
};
use tandem_core::store::{DealFilter, DealMove};
use tauri::State;

use crate::error::IpcError;
use crate::workspace::Workspace;

#[tauri::command]
pub async fn pipelines(ws: State<'_, Workspace>) -> Result<Vec<Pipeline>, IpcError> {
    Ok(ws.store()?.pipelines().await?)
}

/// `pipeline_id`: `None` for the first pipeline.
#[tauri::command]
pub async fn board(
    ws: State<'_, Workspace>,
    pipeline_id: Option<String>,
    filter: BoardFilter,
    per_column: u32,
) -> Result<Board, IpcError> {
    Ok(ws.store()?.board(pipeline_id.as_deref(), &filter, per_column, Utc::now()).await?)
}

#[tauri::command]
pub async fn board_facets(ws: State<'_, Workspace>) -> Result<BoardFacets, IpcError> {
    Ok(ws.store()?.board_facets().await?)
}

#[tauri::command]
pub async fn board_column(
    ws: State<'_, Workspace>,
    pipeline_id: String,
    stage_id: String,
    filter: BoardFilter,
    offset: u32,
    limit: u32,
) -> Result<Vec<DealCard>, IpcError> {
    Ok(ws.store()?.board_column(&pipeline_id, &stage_id, &filter, offset, limit, Utc::now()).await?)
}

#[tauri::command]
pub async fn move_deal(ws: State<'_, Workspace>, id: String, to: DealMove) -> Result<DealCard, IpcError> {
    Ok(ws.store()?.move_deal(&id, &to, Utc::now()).await?)
}

/// Deals by pipeline, stage and status (the board's list of closed deals).
#[tauri::command]
pub async fn list_deals(ws: State<'_, Workspace>, filter: DealFilter) -> Result<Vec<Deal>, IpcError> {
    Ok(ws.store()?.list_deals(&filter).await?)
}

#[tauri::command]
pub async fn get_deal(ws: State<'_, Workspace>, id: String) -> Result<Deal, IpcError> {
    Ok(ws.store()?.get_deal(&id).await?)
}

#[tauri::command]
pub async fn create_deal(ws: State<'_, Workspace>, input: DealInput) -> Result<Deal, IpcError> {
    Ok(ws.store()?.create_deal(&input, Utc::now()).await?)
}

/// A new lead and its first deal, saved together.
#[tauri::command]
pub async fn create_deal_with_lead(
    ws: State<'_, Workspace>,
    lead: LeadInput,
    input: DealInput,
) -> Result<Deal, IpcError> {
    Ok(ws.store()?.create_deal_with_lead(&lead, &input, Utc::now()).await?)
}

#[tauri::command]
pub async fn update_deal(ws: State<'_, Workspace>, id: String, input: DealInput) -> Result<Deal, IpcError> {
    Ok(ws.store()?.update_deal(&id, &input, Utc::now()).await?)
}

#[tauri::command]
pub async fn set_deal_status(ws: State<'_, Workspace>, id: String, change: StatusChange) -> Result<Deal, IpcError> {
    Ok(ws.store()?.set_deal_status(&id, &change, Utc::now()).await?)
}

#[tauri::command]
pub async fn lost_reasons(ws: State<'_, Workspace>) -> Result<Vec<String>, IpcError> {
    Ok(ws.store()?.lost_reasons().await?)
}

#[tauri::command]
pub async fn deal_timeline(ws: State<'_, Workspace>, id: String) -> Result<DealTimeline, IpcError> {
    Ok(ws.store()?.deal_timeline(&id).await?)
}

#[tauri::command]
pub async fn add_activity(ws: State<'_, Workspace>, input: ActivityInput) -> Result<Activity, IpcError> {
    Ok(ws.store()?.add_activity(&input, Utc::now()).await?)
}

#[tauri::command]
pub async fn complete_activity(ws: State<'_, Workspace>, id: String) -> Result<Activity, IpcError> {
    Ok(ws.store()?.complete_activity(&id, Utc::now()).await?)
}

#[tauri::command]
pub async fn reschedule_activity(ws: State<'_, Workspace>, id: String, due_at: String) -> Result<Activity, IpcError> {
    Ok(ws.store()?.reschedule_activity(&id, &due_at, Utc::now()).await?)
}
