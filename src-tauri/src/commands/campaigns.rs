//! Campaign commands: the campaigns list and a campaign's life.

use chrono::Utc;
use tandem_core::model::attribution::{Attribution, Credit, Model};
use tandem_core::model::{Campaign, CampaignInput, CampaignNumbers, CampaignPage};
use tandem_core::store::CampaignQuery;
use tauri::State;

use crate::error::IpcError;
use crate::workspace::Workspace;

#[tauri::command]
pub async fn list_campaigns(ws: State<'_, Workspace>, query: CampaignQuery) -> Result<Vec<Campaign>, IpcError> {
    Ok(ws.store()?.list_campaigns(&query).await?)
}

#[tauri::command]
pub async fn get_campaign(ws: State<'_, Workspace>, id: String) -> Result<Campaign, IpcError> {
    Ok(ws.store()?.get_campaign(&id).await?)
}

#[tauri::command]
pub async fn create_campaign(ws: State<'_, Workspace>, input: CampaignInput) -> Result<Campaign, IpcError> {
    Ok(ws.store()?.create_campaign(&input, Utc::now()).await?)
}

#[tauri::command]
pub async fn update_campaign(ws: State<'_, Workspace>, id: String, input: CampaignInput) -> Result<Campaign, IpcError> {
    Ok(ws.store()?.update_campaign(&id, &input, Utc::now()).await?)
}

#[tauri::command]
pub async fn archive_campaign(ws: State<'_, Workspace>, id: String, archived: bool) -> Result<Campaign, IpcError> {
    Ok(ws.store()?.archive_campaign(&id, archived, Utc::now()).await?)
}

#[tauri::command]
pub async fn delete_campaign(ws: State<'_, Workspace>, id: String) -> Result<Campaign, IpcError> {
    Ok(ws.store()?.delete_campaign(&id, Utc::now()).await?)
}

#[tauri::command]
pub async fn restore_campaign(ws: State<'_, Workspace>, id: String) -> Result<Campaign, IpcError> {
    Ok(ws.store()?.restore_campaign(&id, Utc::now()).await?)
}

#[tauri::command]
pub async fn campaign_numbers(ws: State<'_, Workspace>, id: String) -> Result<CampaignNumbers, IpcError> {
    Ok(ws.store()?.campaign_numbers(&id).await?)
}

#[tauri::command]
pub async fn campaign_page(ws: State<'_, Workspace>, id: String) -> Result<CampaignPage, IpcError> {
    Ok(ws.store()?.campaign_page(&id).await?)
}

/// One campaign's credit under an attribution model: the same numbers as `attribution`'s line.
#[tauri::command]
pub async fn campaign_attribution(ws: State<'_, Workspace>, id: String, model: Model) -> Result<Credit, IpcError> {
    Ok(ws.store()?.campaign_attribution(&id, model).await?)
}

/// Every campaign's credit for the leads and deals created from `from` up to `to` (YYYY-MM-DD).
#[tauri::command]
pub async fn attribution(
    ws: State<'_, Workspace>,
    model: Model,
    from: Option<String>,
    to: Option<String>,
) -> Result<Attribution, IpcError> {
    let from = tandem_core::model::text::date("from", from.as_deref())?;
    let to = tandem_core::model::text::date("to", to.as_deref())?;
    Ok(ws.store()?.attribution(model, from, to).await?)
}
