//! Which workspace file the app opens, and the state every command reaches it through.

use std::path::PathBuf;
use std::sync::RwLock;

use tandem_core::Store;

use crate::error::IpcError;

/// The open workspace, or why none could be opened (shown by the page instead of crashing).
/// Another file can take its place (open, new, restore); commands take a handle on the store
/// that is open when they start.
pub struct Workspace(RwLock<Current>);

struct Current {
    path: PathBuf,
    opened: Result<Store, IpcError>,
}

impl Workspace {
    pub fn store(&self) -> Result<Store, IpcError> {
        self.0.read().expect("not poisoned").opened.clone()
    }

    pub fn path(&self) -> PathBuf {
        self.0.read().expect("not poisoned").path.clone()
    }

    /// Why the workspace could not be opened, if it could not.
    pub fn error(&self) -> Option<IpcError> {
        self.0.read().expect("not poisoned").opened.as_ref().err().cloned()
    }

    /// Puts `store` in place of the open workspace and returns the one it replaces, to close.
    pub fn replace(&self, store: Store) -> Option<Store> {
        let mut current = self.0.write().expect("not poisoned");
        let path = store.path().to_path_buf();
        let old = std::mem::replace(&mut *current, Current { path, opened: Ok(store) });
        old.opened.ok()
    }
}

/// `--db PATH` on the command line, else `TANDEM_DB`, else the workspace last opened from the
/// app (`remembered`, when it is still there), else `workspace.tandem` in the app-data folder.
pub fn choose_path(
    args: &[String],
    env_db: Option<String>,
    remembered: Option<PathBuf>,
    app_data: Option<PathBuf>,
) -> Result<PathBuf, String> {
    let from_args = args.iter().position(|a| a == "--db").and_then(|i| args.get(i + 1));
    let from_flag = args.iter().find_map(|a| a.strip_prefix("--db="));
    if let Some(p) = from_args.map(String::as_str).or(from_flag) {
        return Ok(PathBuf::from(p));
    }
    if let Some(p) = env_db.filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    if let Some(p) = remembered {
        return Ok(p);
    }
    let folder = app_data.ok_or("the app-data folder is unknown; start Tandem with --db PATH")?;
    std::fs::create_dir_all(&folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    Ok(folder.join("workspace.tandem"))
}

pub async fn open(path: PathBuf) -> Workspace {
    let opened = Store::open(&path).await.map_err(IpcError::from);
    Workspace(RwLock::new(Current { path, opened }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_wins_over_the_environment() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let last = || Some(PathBuf::from("/last.tandem"));
        let p = choose_path(&args(&["tandem", "--db", "/a.tandem"]), Some("/b.tandem".into()), last(), None);
        assert_eq!(p.unwrap(), PathBuf::from("/a.tandem"));
        let p = choose_path(&args(&["tandem", "--db=/c.tandem"]), None, last(), None);
        assert_eq!(p.unwrap(), PathBuf::from("/c.tandem"));
        let p = choose_path(&args(&["tandem"]), Some("/b.tandem".into()), last(), None);
        assert_eq!(p.unwrap(), PathBuf::from("/b.tandem"));
        let p = choose_path(&args(&["tandem"]), None, last(), None);
        assert_eq!(p.unwrap(), PathBuf::from("/last.tandem"), "the workspace opened last time");
        assert!(choose_path(&args(&["tandem"]), None, None, None).is_err());
    }
}
