//! The page says when its first screen is on screen. With `TANDEM_STARTUP_PROBE` set, the app
//! prints `painted` and quits, so `make bench-startup` can time start-to-painted on the release
//! binary from outside; otherwise the call does nothing.

use tauri::{AppHandle, Runtime};

#[tauri::command]
pub fn first_paint<R: Runtime>(app: AppHandle<R>) {
    if std::env::var_os("TANDEM_STARTUP_PROBE").is_some() {
        println!("painted");
        app.exit(0);
    }
}
