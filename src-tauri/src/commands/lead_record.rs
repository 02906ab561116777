//! The lead page: one lead seen whole, touchpoints added and its company's details changed from
//! it, and the workspace's lead settings and scoring rules.

use chrono::Utc;
use tandem_core::model::CompanyInput;
use tandem_core::model::lead_record::{CompanyFacts, LeadRecord, Touchpoint, TouchpointInput};
use tandem_core::model::lifecycle::{LeadSettings, Waiting};
use tandem_core::model::scoring::ScoringRules;
use tauri::State;

use crate::error::IpcError;
use crate::workspace::Workspace;

#[tauri::command]
pub async fn lead_record(ws: State<'_, Workspace>, id: String) -> Result<LeadRecord, IpcError> {
    Ok(ws.store()?.lead_record(&id, Utc::now()).await?)
}

#[tauri::command]
pub async fn add_touchpoint(ws: State<'_, Workspace>, input: TouchpointInput) -> Result<Touchpoint, IpcError> {
    Ok(ws.store()?.add_touchpoint(&input, Utc::now()).await?)
}

#[tauri::command]
pub async fn update_company(
    ws: State<'_, Workspace>,
    id: String,
    input: CompanyInput,
) -> Result<CompanyFacts, IpcError> {
    Ok(ws.store()?.update_company(&id, &input, Utc::now()).await?)
}

#[tauri::command]
pub async fn lead_settings(ws: State<'_, Workspace>) -> Result<LeadSettings, IpcError> {
    Ok(ws.store()?.lead_settings().await?)
}

#[tauri::command]
pub async fn set_lead_settings(ws: State<'_, Workspace>, settings: LeadSettings) -> Result<LeadSettings, IpcError> {
    Ok(ws.store()?.set_lead_settings(&settings, Utc::now()).await?)
}

/// Speed to lead for a page of the leads list: which MQLs have waited too long.
#[tauri::command]
pub async fn waiting_leads(ws: State<'_, Workspace>, ids: Vec<String>) -> Result<Vec<Waiting>, IpcError> {
    Ok(ws.store()?.waiting_leads(&ids, Utc::now()).await?)
}

#[tauri::command]
pub async fn scoring_rules(ws: State<'_, Workspace>) -> Result<ScoringRules, IpcError> {
    Ok(ws.store()?.scoring_rules().await?)
}

/// Saves the rules and scores every lead again by them.
#[tauri::command]
pub async fn set_scoring_rules(ws: State<'_, Workspace>, rules: ScoringRules) -> Result<ScoringRules, IpcError> {
    Ok(ws.store()?.set_scoring_rules(&rules, Utc::now()).await?)
}
