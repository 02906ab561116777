//! This person's preferences on this machine (not the workspace's: a shared workspace file is
//! seen by people in different places). Kept as JSON in the app's config folder, written whole.

use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tandem_core::model::calendar::zone;
use tandem_core::model::lead_view::LeadColumn;
use ts_rs::TS;

use crate::error::IpcError;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Preferences {
    /// The IANA zone times are shown in; `None`: the system's.
    pub time_zone: Option<String>,
    /// The leads list's columns beside the name, in order; `None`: the default ones.
    pub lead_columns: Option<Vec<LeadColumn>>,
    /// The workspace file last opened or started from Settings, opened again at the next start
    /// (unless `--db` or `TANDEM_DB` names another); `None`: the one in the app-data folder.
    pub workspace: Option<String>,
}

/// The preferences and the file they live in.
#[derive(Debug)]
pub struct Saved {
    file: Option<PathBuf>,
    current: Mutex<Preferences>,
}

impl Saved {
    /// Reads `preferences.json` in `folder`; a missing or unreadable file means the defaults
    /// (said once on stderr: a preference is not worth refusing to start over).
    pub fn load(folder: Option<PathBuf>) -> Saved {
        let file = folder.map(|f| f.join("preferences.json"));
        let current = match file.as_deref().map(std::fs::read) {
            Some(Ok(bytes)) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                eprintln!("tandem: ignoring unreadable preferences: {e}");
                Preferences::default()
            }),
            _ => Preferences::default(),
        };
        Saved { file, current: Mutex::new(current) }
    }

    pub fn get(&self) -> Preferences {
        self.current.lock().expect("not poisoned").clone()
    }

    /// Checks `zone` (an IANA name, or `None` for the system's), saves it, and returns the whole.
    pub fn set_time_zone(&self, time_zone: Option<&str>) -> Result<Preferences, IpcError> {
        let time_zone = match time_zone.map(str::trim).filter(|z| !z.is_empty()) {
            Some(z) => Some(zone(z)?.name().to_owned()),
            None => None,
        };
        self.update(|p| p.time_zone = time_zone)
    }

    /// Saves the leads list's columns (repeats dropped) and returns the whole.
    pub fn set_lead_columns(&self, columns: &[LeadColumn]) -> Result<Preferences, IpcError> {
        let mut chosen: Vec<LeadColumn> = Vec::new();
        for c in columns {
            if !chosen.contains(c) {
                chosen.push(*c);
            }
        }
        self.update(|p| p.lead_columns = Some(chosen))
    }

    /// Remembers the workspace file opened, for the next start.
    pub fn set_workspace(&self, path: &std::path::Path) -> Result<Preferences, IpcError> {
        let path = path.display().to_string();
        self.update(|p| p.workspace = Some(path))
    }

    /// The remembered workspace file, if it is still there (a vanished file is not created again).
    pub fn remembered_workspace(&self) -> Option<PathBuf> {
        self.get().workspace.map(PathBuf::from).filter(|p| p.is_file())
    }

    /// Changes one preference, writes the whole file, and keeps the change only once written.
    fn update(&self, change: impl FnOnce(&mut Preferences)) -> Result<Preferences, IpcError> {
        let mut current = self.current.lock().expect("not poisoned");
        let mut next = current.clone();
        change(&mut next);
        self.write(&next)?;
        *current = next.clone();
        Ok(next)
    }

    fn write(&self, prefs: &Preferences) -> Result<(), IpcError> {
        let Some(file) = &self.file else {
            return Err(IpcError::from(tandem_core::Error::Conflict("the config folder is unknown".into())));
        };
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| tandem_core::Error::Io { path: folder.to_owned(), source: e })?;
        }
        let json = serde_json::to_vec_pretty(prefs).expect("preferences serialise");
        Ok(tandem_core::files::write_atomic(file, &json)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_is_checked_saved_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let saved = Saved::load(Some(dir.path().join("config")));
        assert_eq!(saved.get(), Preferences::default());
        let refused = saved.set_time_zone(Some("Mars/Olympus")).unwrap_err();
        assert_eq!((refused.code.as_str(), refused.field.as_deref()), ("invalid", Some("time_zone")));
        assert!(!dir.path().join("config/preferences.json").exists(), "nothing written for a refused zone");
        saved.set_time_zone(Some(" Asia/Tokyo ")).unwrap();
        assert_eq!(Saved::load(Some(dir.path().join("config"))).get().time_zone.as_deref(), Some("Asia/Tokyo"));
        saved.set_time_zone(None).unwrap();
        assert_eq!(Saved::load(Some(dir.path().join("config"))).get().time_zone, None);
    }

    #[test]
    fn an_unreadable_file_means_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("preferences.json"), "{not json").unwrap();
        assert_eq!(Saved::load(Some(dir.path().to_owned())).get(), Preferences::default());
    }
}
