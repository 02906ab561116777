//! `backup` and `restore`: a checked copy of the workspace, and putting one back (what it replaces
//! is backed up first).

use std::path::{Path, PathBuf};

use chrono::Utc;
use tandem_core::Store;
use tandem_core::store::backup;

pub async fn backup(store: &Store, out: Option<PathBuf>) -> Result<(), String> {
    let out = out.unwrap_or_else(|| backup::backup_path(store.path(), Utc::now(), "manual"));
    if let Some(folder) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    let bytes = store.backup_to(&out).await.map_err(|e| e.to_string())?;
    println!("wrote {} ({:.1} MB)", out.display(), bytes as f64 / 1e6);
    Ok(())
}

pub async fn restore(workspace: &Path, from: &Path) -> Result<(), String> {
    let before = backup::restore(workspace, from, Utc::now()).await.map_err(|e| e.to_string())?;
    match before {
        Some(kept) => {
            println!("restored {} from {}; what it held is in {}", workspace.display(), from.display(), kept.display())
        }
        None => println!("restored {} from {}", workspace.display(), from.display()),
    }
    Ok(())
}
