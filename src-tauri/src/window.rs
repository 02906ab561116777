//! The window remembers its size and place. The window-state plugin restores them at start but
//! saves them only on a clean close; this also saves them once a move or resize has settled, so
//! a killed app or a flat battery loses nothing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::{Manager, Runtime, Window, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// A drag sends dozens of events; save once it has been still this long.
const SETTLE: Duration = Duration::from_millis(400);

static CHANGES: AtomicU64 = AtomicU64::new(0);

/// For `Builder::on_window_event`.
pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
        return;
    }
    let change = CHANGES.fetch_add(1, Ordering::SeqCst) + 1;
    let app = window.app_handle().clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        if CHANGES.load(Ordering::SeqCst) == change
            && let Err(e) = app.save_window_state(StateFlags::all())
        {
            eprintln!("tandem: cannot save the window's size and place: {e}");
        }
    });
}
