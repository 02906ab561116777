//! The store: one SQLite workspace file behind a cloneable handle. All SQL lives under this module,
//! one file per table or concern.
//!
//! Architecture Invariant: SQL lives only in `store`; everything else works on domain types.

mod activities;
mod attribution;
pub mod backup;
mod board_facets;
mod bulk;
mod calendar_items;
mod campaign_page;
mod campaigns;
mod companies;
mod credits;
mod deals;
mod demo;
mod derived;
mod duplicates;
mod export;
mod ical;
mod import;
mod lead_events;
mod lead_record;
mod lead_search;
mod leads;
mod load;
mod lost_reasons;
mod merge;
mod occurrences;
mod open;
mod pipeline_settings;
mod pipelines;
mod reports;
mod scores;
mod tags;
mod trash;
mod workspace_settings;

use std::path::{Path, PathBuf};

use sqlx::pool::PoolConnection;
use sqlx::sqlite::SqlitePool;
use sqlx::{Sqlite, SqliteConnection, Transaction};

use crate::Result;

pub use campaigns::{CampaignQuery, CampaignSort, MAX_CAMPAIGNS};
pub use deals::{DealFilter, DealMove, MAX_COLUMN_PAGE};
pub use import::{ImportBatch, ImportProgress, ImportResult};
pub use occurrences::OccurrenceScope;
pub use open::{APPLICATION_ID, latest_schema_version};
pub use trash::{DeletedLead, TRASH_PAGE};

/// A handle on an open workspace. Cheap to clone; the pool inside is shared and `Sync`.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
}

impl Store {
    /// Creates or opens the workspace at `path`, refusing (and leaving untouched) anything that is
    /// not a Tandem workspace this version can read, then brings its schema up to date.
    pub async fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let pool = open::open_pool(&path).await?;
        Ok(Store { pool, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Waits for queries in flight and closes every connection (checkpointing the WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so it never fails
    /// half-way with "database is locked" after having read.
    async fn write(&self) -> Result<Write<'static>> {
        Ok(Write(self.pool.begin_with("BEGIN IMMEDIATE").await?))
    }

    /// A connection for one large write (an import, through `Write::on`), set up by
    /// `BULK`; `end_bulk` gives it back.
    async fn bulk_connection(&self) -> Result<PoolConnection<Sqlite>> {
        let mut conn = self.pool.acquire().await?;
        sqlx::query(BULK).execute(&mut *conn).await?;
        Ok(conn)
    }

    /// The schema version this workspace is at (the latest migration applied).
    pub async fn schema_version(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")
            .fetch_one(&self.pool)
            .await?)
    }

    /// A pragma's current value, for checking the connection settings.
    pub async fn pragma(&self, name: Pragma) -> Result<String> {
        let sql = match name {
            Pragma::JournalMode => "PRAGMA journal_mode",
            Pragma::Synchronous => "PRAGMA synchronous",
            Pragma::ForeignKeys => "PRAGMA foreign_keys",
            Pragma::BusyTimeout => "PRAGMA busy_timeout",
            Pragma::ApplicationId => "PRAGMA application_id",
        };
        let value: sqlx::sqlite::SqliteRow = sqlx::query(sql).fetch_one(&self.pool).await?;
        use sqlx::Row;
        Ok(value.try_get::<String, _>(0).or_else(|_| value.try_get::<i64, _>(0).map(|v| v.to_string()))?)
    }
}

/// The connection settings a test or diagnostic may read back.
#[derive(Debug, Clone, Copy)]
pub enum Pragma {
    JournalMode,
    Synchronous,
    ForeignKeys,
    BusyTimeout,
    ApplicationId,
}

/// Rows (or a map) that crossed sqlx as one JSON text (sqlx costs microseconds a row), read back; `what`
/// names them in the error.
fn from_json<T: serde::de::DeserializeOwned>(json: String, what: &str) -> Result<T> {
    serde_json::from_str(&json).map_err(|e| crate::Error::Conflict(format!("{what}: {e}")))
}

/// A large import touches every index of the leads table all over: a page cache that holds them
/// saved a fifth of its time. Its commit leaves the WAL for the next commit elsewhere, or the
/// close, to copy into the file: the write is on disk once its WAL is, and the copy took a further
/// 0.4 s of a large import (`settle_search`, which follows one, now makes it). Foreign keys are
/// not checked: an import refers only to rows it found or made inside its write lock, and the
/// checks (a lookup for each new lead's company and two for each tag) cost 5 % of a large one;
/// the tests hold every import and undo to an empty `foreign_key_check`.
const BULK: &str = "PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 0; PRAGMA foreign_keys = OFF";

/// Gives a `bulk_connection` back to the pool with the usual settings (as `open` makes them:
/// SQLite's default checkpoint, foreign keys checked), or closes it if they cannot be set: its
/// write has committed or rolled back by then, and its outcome stands either way.
async fn end_bulk(mut conn: PoolConnection<Sqlite>) {
    let usual = sqlx::query("PRAGMA cache_size = -32000; PRAGMA wal_autocheckpoint = 1000; PRAGMA foreign_keys = ON")
        .execute(&mut *conn)
        .await;
    if usual.is_err() {
        let _ = conn.close().await;
    }
}

/// A write transaction. Its commit first scores and credits again the leads the write marked,
/// when they are few (see `derived`).
pub(crate) struct Write<'c>(Transaction<'c, Sqlite>);

impl<'c> Write<'c> {
    /// A write transaction on `conn` (one from `bulk_connection`).
    pub(crate) async fn on(conn: &'c mut SqliteConnection) -> Result<Write<'c>> {
        Ok(Write(sqlx::Connection::begin_with(conn, "BEGIN IMMEDIATE").await?))
    }
}

impl Write<'_> {
    pub async fn commit(mut self) -> Result<()> {
        derived::settle_at_commit(&mut self.0).await?;
        Ok(self.0.commit().await?)
    }
}

impl std::ops::Deref for Write<'_> {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        &self.0
    }
}

impl std::ops::DerefMut for Write<'_> {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.0
    }
}
