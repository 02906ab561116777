//! The one error type of the core, specific enough for the UI and the CLI to explain it.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{entity} {id} was not found")]
    NotFound { entity: &'static str, id: String },

    /// Bad input, named by the field it concerns so the UI can show it beside that field.
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },

    #[error("{0}")]
    Conflict(String),

    /// A file that is not what it claims to be, named by the line where reading it failed.
    #[error("line {line}: {reason}")]
    Malformed { line: usize, reason: String },

    #[error("{path} is not a Tandem workspace: {reason}")]
    NotAWorkspace { path: PathBuf, reason: String },

    #[error(
        "{path} was written by a newer version of Tandem (schema version {found}; this version knows up to {known}). Update Tandem to open it."
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },

    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },

    /// An export file the writer could not make (a spreadsheet or PDF library's complaint).
    #[error("could not make the file: {0}")]
    Export(String),

    /// A long piece of work stopped by the user before it wrote anything.
    #[error("cancelled; nothing was written")]
    Cancelled,

    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),

    #[error("could not upgrade the workspace: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Error {
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::Invalid { field, reason: reason.into() }
    }

    pub fn not_found(entity: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound { entity, id: id.into() }
    }

    /// A stable, machine-readable name for the kind of error, which the UI switches on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::Invalid { .. } => "invalid",
            Error::Conflict(_) => "conflict",
            Error::Malformed { .. } => "malformed",
            Error::NotAWorkspace { .. } => "not_a_workspace",
            Error::TooNew { .. } => "too_new",
            Error::Io { .. } => "io",
            Error::Export(_) => "export",
            Error::Cancelled => "cancelled",
            Error::Db(_) => "db",
            Error::Migrate(_) => "migrate",
        }
    }

    /// The field an `Invalid` error is about.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}
