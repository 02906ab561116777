//! Derived data brought up to date in the background (`Store::bring_up_to_date`): scores fade by
//! the day, and a change to many leads at once leaves its scores and credits to be settled here
//! rather than in the change itself. Checked every few seconds (one small read when nothing is
//! due). Readers are not blocked meanwhile (WAL); a save waits for it. Once an hour, a daily
//! automatic backup is taken when one is due (`Store::daily_backup`).

use std::time::Duration;

use chrono::Utc;
use tauri::{AppHandle, Manager};

use crate::workspace::Workspace;

/// Long enough for the first screen to paint without sharing the machine's two cores.
const FIRST_DELAY: Duration = Duration::from_secs(3);
const EVERY: Duration = Duration::from_secs(5);
const BACKUP_EVERY: Duration = Duration::from_secs(3600);

pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_DELAY).await;
        let mut backup_checked: Option<std::time::Instant> = None;
        loop {
            if let Ok(store) = app.state::<Workspace>().store() {
                if let Err(e) = store.bring_up_to_date(Utc::now()).await {
                    eprintln!("tandem: could not bring lead scores up to date: {e}");
                }
                if backup_checked.is_none_or(|at| at.elapsed() >= BACKUP_EVERY) {
                    backup_checked = Some(std::time::Instant::now());
                    if let Err(e) = store.daily_backup(Utc::now()).await {
                        eprintln!("tandem: could not back up the workspace: {e}");
                    }
                }
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}
