//! Start-up. The first screen's rows are read while the window is being made (`prefetch`, from
//! setup), so the page's one request at start (`start_screen`) finds them ready instead of
//! asking for the workspace, the preferences, the rows and the filter menus one by one.
//!
//! The page says when its first screen is on screen (`first_paint`). With
//! `TANDEM_STARTUP_PROBE` set, the app prints `painted` and quits, so `make bench-startup` can
//! time start-to-painted on the release binary from outside; otherwise the call does nothing.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use tandem_core::Store;
use tandem_core::model::{LeadFacets, LeadPage, LeadQuery, LeadSort};
use tauri::async_runtime::JoinHandle;
use tauri::{AppHandle, Manager, Runtime, State};
use ts_rs::TS;

use crate::commands::workspace::{WorkspaceInfo, info};
use crate::error::IpcError;
use crate::preferences::{Preferences, Saved};
use crate::workspace::Workspace;

/// The Leads list as it first shows: by name, its first page (the page's `PAGE_SIZE`, in
/// `ui/src/lib/stores/leads.svelte.ts`). A page that asks for another query still gets its rows,
/// read when it asks.
pub fn first_query() -> LeadQuery {
    LeadQuery { sort: LeadSort::Name, limit: 100, ..LeadQuery::default() }
}

/// The Leads list's first rows and its filter menus.
#[derive(Debug, Serialize, TS)]
pub struct FirstRows {
    pub page: LeadPage,
    pub facets: LeadFacets,
}

/// What the first screen needs, in one answer.
#[derive(Debug, Serialize, TS)]
pub struct StartScreen {
    pub workspace: WorkspaceInfo,
    pub preferences: Preferences,
    /// `null` when they could not be read; the list then loads them itself and says why not.
    pub rows: Option<FirstRows>,
}

type Reading = JoinHandle<Option<FirstRows>>;

/// The first screen's rows being read since setup: from which workspace file, for which query.
struct Early {
    file: PathBuf,
    query: LeadQuery,
    reading: Reading,
}

/// The early reading, until the page's first request takes it (or finds it does not fit).
#[derive(Default)]
pub struct Prefetch(Mutex<Option<Early>>);

impl Prefetch {
    /// The early reading, when it answers `query` on `file` and nobody has taken it yet.
    fn take_for(&self, file: &Path, query: &LeadQuery) -> Option<Reading> {
        let early = self.0.lock().expect("not poisoned").take()?;
        (early.file == file && early.query == *query).then_some(early.reading)
    }
}

async fn first_rows(store: &Store, query: &LeadQuery) -> Option<FirstRows> {
    let (page, facets) = tokio::join!(store.list_leads(query), store.lead_facets());
    Some(FirstRows { page: page.ok()?, facets: facets.ok()? })
}

/// Starts reading the first screen's rows, alongside the making of the window.
pub fn prefetch<R: Runtime>(app: &AppHandle<R>) {
    let Ok(store) = app.state::<Workspace>().store() else { return };
    let (file, query) = (store.path().to_path_buf(), first_query());
    let asked = query.clone();
    let reading = tauri::async_runtime::spawn(async move { first_rows(&store, &asked).await });
    *app.state::<Prefetch>().0.lock().expect("not poisoned") = Some(Early { file, query, reading });
}

#[tauri::command]
pub async fn start_screen(
    ws: State<'_, Workspace>,
    saved: State<'_, Saved>,
    early: State<'_, Prefetch>,
    query: LeadQuery,
) -> Result<StartScreen, IpcError> {
    let store = ws.store()?;
    let ready = match early.take_for(store.path(), &query) {
        Some(reading) => reading.await.ok().flatten(),
        None => None,
    };
    let rows = match ready {
        Some(rows) => Some(rows),
        None => first_rows(&store, &query).await,
    };
    Ok(StartScreen { workspace: info(&store).await?, preferences: saved.get(), rows })
}

#[tauri::command]
pub fn first_paint<R: Runtime>(app: AppHandle<R>) {
    if std::env::var_os("TANDEM_STARTUP_PROBE").is_some() {
        println!("painted");
        app.exit(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn early(file: &str) -> Option<Early> {
        let reading = tauri::async_runtime::spawn(async { None });
        Some(Early { file: PathBuf::from(file), query: first_query(), reading })
    }

    #[tokio::test]
    async fn the_early_reading_serves_only_its_own_file_and_query_and_only_once() {
        let prefetch = Prefetch::default();
        let (file, first) = (Path::new("/a.tandem"), first_query());
        *prefetch.0.lock().unwrap() = early("/a.tandem");
        let other = LeadQuery { descending: true, ..first_query() };
        assert!(prefetch.take_for(file, &other).is_none(), "another query is read afresh");
        assert!(prefetch.take_for(file, &first).is_none(), "a mismatch drops the early reading");

        *prefetch.0.lock().unwrap() = early("/a.tandem");
        assert!(prefetch.take_for(Path::new("/b.tandem"), &first).is_none(), "another workspace since");

        *prefetch.0.lock().unwrap() = early("/a.tandem");
        assert!(prefetch.take_for(file, &first).is_some());
        assert!(prefetch.take_for(file, &first).is_none(), "taken once");
    }
}
