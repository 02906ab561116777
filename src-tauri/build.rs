//! Tauri's build step, with an app manifest so each command needs an explicit permission
//! (granted in capabilities/main.json) instead of being open to every page by default.

const COMMANDS: &[&str] = &[
    "workspace_info",
    "list_leads",
    "lead_facets",
    "get_lead",
    "create_lead",
    "update_lead",
    "delete_lead",
    "restore_lead",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
