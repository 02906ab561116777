//! Derived data brought up to date in the background (`Store::bring_up_to_date`): scores fade by
//! the day, and a change to many leads at once leaves its scores and credits to be settled here
//! rather than in the change itself. Checked every few seconds (one small read when nothing is
//! due). Readers are not blocked meanwhile (WAL); a save waits for it.

use std::time::Duration;

use chrono::Utc;
use tauri::{AppHandle, Manager};

use crate::workspace::Workspace;

/// Long enough for the first screen to paint without sharing the machine's two cores.
const FIRST_DELAY: Duration = Duration::from_secs(3);
const EVERY: Duration = Duration::from_secs(5);

pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_DELAY).await;
        loop {
            if let Ok(store) = app.state::<Workspace>().store()
                && let Err(e) = store.bring_up_to_date(Utc::now()).await
            {
                eprintln!("tandem: could not bring lead scores up to date: {e}");
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}
