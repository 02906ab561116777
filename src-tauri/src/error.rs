//! The error the page receives from a command: a stable `code` to switch on, a sentence for people,
//! and for bad input the field it concerns.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct IpcError {
    /// One of: not_found, invalid, conflict, malformed, not_a_workspace, too_new, io, db, migrate.
    pub code: String,
    pub message: String,
    /// For `invalid`: the input field at fault.
    pub field: Option<String>,
}

impl From<tandem_core::Error> for IpcError {
    fn from(e: tandem_core::Error) -> Self {
        if matches!(e, tandem_core::Error::Db(_) | tandem_core::Error::Migrate(_)) {
            eprintln!("tandem: {e:?}");
        }
        let message = match &e {
            tandem_core::Error::Invalid { reason, .. } => reason.clone(),
            other => other.to_string(),
        };
        IpcError { code: e.code().to_owned(), message, field: e.field().map(str::to_owned) }
    }
}
