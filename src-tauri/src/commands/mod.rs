//! Commands the page may invoke: adapters of a few lines over the core, one file per area.
//! The list here, `build.rs` and `capabilities/main.json` name the same commands.

pub mod leads;
pub mod workspace;

/// Registers every command with the app (and with test apps).
pub fn register<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        workspace::workspace_info,
        leads::list_leads,
        leads::lead_facets,
        leads::get_lead,
        leads::create_lead,
        leads::update_lead,
        leads::delete_lead,
        leads::restore_lead,
    ])
}
