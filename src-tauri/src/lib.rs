//! The Tauri shell: open the workspace, manage it as state, register the commands. Setup only.
//!
//! Architecture Invariant: this is the only crate that knows Tauri; it holds no domain logic.

pub mod bindings;
pub mod commands;
pub mod error;
pub mod files;
pub mod preferences;
pub mod upkeep;
pub mod window;
pub mod workspace;

use tauri::Manager;

pub fn run() {
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init());
    commands::register(builder)
        .on_window_event(window::on_event)
        .setup(|app| {
            let args: Vec<String> = std::env::args().collect();
            let preferences = preferences::Saved::load(app.path().app_config_dir().ok());
            let path = workspace::choose_path(
                &args,
                std::env::var("TANDEM_DB").ok(),
                preferences.remembered_workspace(),
                app.path().app_data_dir().ok(),
            )?;
            let ws = tauri::async_runtime::block_on(workspace::open(path));
            if let Some(e) = ws.error() {
                eprintln!("tandem: cannot open {}: {}", ws.path().display(), e.message);
            }
            app.manage(ws);
            commands::startup::prefetch(app.handle());
            app.manage(files::FileChoice::from_env());
            app.manage(preferences);
            upkeep::start(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("Tandem could not start its window");
}
