//! Lead commands: the leads screen's whole vocabulary.

use chrono::Utc;
use tandem_core::model::bulk::{BulkAction, BulkResult};
use tandem_core::model::duplicates::{DuplicateMatch, DuplicatePair};
use tandem_core::model::lead_view::LeadView;
use tandem_core::model::merge::LeadMerge;
use tandem_core::model::{Lead, LeadFacets, LeadInput, LeadPage, LeadQuery};
use tandem_core::store::DeletedLead;
use tauri::State;

use crate::error::IpcError;
use crate::workspace::Workspace;

#[tauri::command]
pub async fn list_leads(ws: State<'_, Workspace>, query: LeadQuery) -> Result<LeadPage, IpcError> {
    Ok(ws.store()?.list_leads(&query).await?)
}

#[tauri::command]
pub async fn lead_facets(ws: State<'_, Workspace>) -> Result<LeadFacets, IpcError> {
    Ok(ws.store()?.lead_facets().await?)
}

#[tauri::command]
pub async fn get_lead(ws: State<'_, Workspace>, id: String) -> Result<Lead, IpcError> {
    Ok(ws.store()?.get_lead(&id).await?)
}

#[tauri::command]
pub async fn create_lead(ws: State<'_, Workspace>, input: LeadInput) -> Result<Lead, IpcError> {
    Ok(ws.store()?.create_lead(&input, Utc::now()).await?)
}

#[tauri::command]
pub async fn update_lead(ws: State<'_, Workspace>, id: String, input: LeadInput) -> Result<Lead, IpcError> {
    Ok(ws.store()?.update_lead(&id, &input, Utc::now()).await?)
}

#[tauri::command]
pub async fn delete_lead(ws: State<'_, Workspace>, id: String) -> Result<Lead, IpcError> {
    Ok(ws.store()?.delete_lead(&id, Utc::now()).await?)
}

#[tauri::command]
pub async fn restore_lead(ws: State<'_, Workspace>, id: String) -> Result<Lead, IpcError> {
    Ok(ws.store()?.restore_lead(&id, Utc::now()).await?)
}

/// Live leads that look like the one in the form (`except`: the lead being edited).
#[tauri::command]
pub async fn lead_duplicates(
    ws: State<'_, Workspace>,
    input: LeadInput,
    except: Option<String>,
) -> Result<Vec<DuplicateMatch>, IpcError> {
    Ok(ws.store()?.lead_duplicates(&input, except.as_deref()).await?)
}

/// Likely pairs of leads across the workspace.
#[tauri::command]
pub async fn duplicates(ws: State<'_, Workspace>) -> Result<Vec<DuplicatePair>, IpcError> {
    Ok(ws.store()?.duplicates().await?)
}

/// Folds `merged_id` into `kept_id`, which takes `fields` (chosen from both).
#[tauri::command]
pub async fn merge_leads(
    ws: State<'_, Workspace>,
    kept_id: String,
    merged_id: String,
    fields: LeadInput,
) -> Result<LeadMerge, IpcError> {
    let store = ws.store()?;
    // A merge rewrites two leads and moves everything attached: the workspace is backed up
    // first, once the request is known to be sound.
    tandem_core::model::id::parse_id("kept_id", &kept_id)?;
    tandem_core::model::id::parse_id("merged_id", &merged_id)?;
    fields.validate()?;
    store.backup_before("before-merge", Utc::now()).await?;
    Ok(store.merge_leads(&kept_id, &merged_id, &fields, Utc::now()).await?)
}

#[tauri::command]
pub async fn undo_merge(ws: State<'_, Workspace>, id: String) -> Result<Lead, IpcError> {
    Ok(ws.store()?.undo_merge(&id, Utc::now()).await?)
}

/// The trash: deleted leads, most recently deleted first, from `offset`.
#[tauri::command]
pub async fn deleted_leads(ws: State<'_, Workspace>, offset: u32) -> Result<Vec<DeletedLead>, IpcError> {
    Ok(ws.store()?.deleted_leads(offset).await?)
}

/// Every lead matching the list's filters and search: for "select all".
#[tauri::command]
pub async fn lead_ids(ws: State<'_, Workspace>, query: LeadQuery) -> Result<Vec<String>, IpcError> {
    Ok(ws.store()?.lead_ids(&query).await?)
}

#[tauri::command]
pub async fn bulk_change_leads(
    ws: State<'_, Workspace>,
    ids: Vec<String>,
    action: BulkAction,
) -> Result<BulkResult, IpcError> {
    Ok(ws.store()?.bulk_change(&ids, &action, Utc::now()).await?)
}

#[tauri::command]
pub async fn undo_bulk_change(ws: State<'_, Workspace>, batch_id: String) -> Result<u32, IpcError> {
    Ok(ws.store()?.undo_bulk(&batch_id, Utc::now()).await?)
}

#[tauri::command]
pub async fn lead_views(ws: State<'_, Workspace>) -> Result<Vec<LeadView>, IpcError> {
    Ok(ws.store()?.lead_views().await?)
}

#[tauri::command]
pub async fn save_lead_view(ws: State<'_, Workspace>, view: LeadView) -> Result<Vec<LeadView>, IpcError> {
    Ok(ws.store()?.save_lead_view(&view, Utc::now()).await?)
}

#[tauri::command]
pub async fn delete_lead_view(ws: State<'_, Workspace>, name: String) -> Result<Vec<LeadView>, IpcError> {
    Ok(ws.store()?.delete_lead_view(&name, Utc::now()).await?)
}
