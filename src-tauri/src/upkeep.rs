//! Work the workspace needs as days pass, done in the background: lead scores fade by the day, so
//! shortly after start and every hour after, they are brought to today's (`Store::refresh_scores`;
//! nothing to do most hours). Readers are not blocked meanwhile (WAL); a save waits for it.

use std::time::Duration;

use chrono::Utc;
use tauri::{AppHandle, Manager};

use crate::workspace::Workspace;

/// Long enough for the first screen to paint without sharing the machine's two cores.
const FIRST_DELAY: Duration = Duration::from_secs(3);
const EVERY: Duration = Duration::from_secs(60 * 60);

pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_DELAY).await;
        loop {
            if let Ok(store) = app.state::<Workspace>().store()
                && let Err(e) = store.refresh_scores(Utc::now()).await
            {
                eprintln!("tandem: could not bring lead scores up to date: {e}");
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}
