//! Opening a workspace file: refuse what is not ours (or is too new) before writing a byte, then
//! set the durability pragmas and run the embedded migrations.

use std::io::Read;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection};

use crate::{Error, Result};

/// Architecture Invariant: migrations are append-only; `build.rs` makes a new file trigger a rebuild.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// `PRAGMA application_id` of every Tandem workspace ("TNDM"), set by the first migration.
pub const APPLICATION_ID: i64 = 0x544E_444D;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub fn latest_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

pub(super) async fn open_pool(path: &Path) -> Result<SqlitePool> {
    let io = |source: std::io::Error| Error::Io { path: path.to_path_buf(), source };
    let folder = match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => return Err(not_ours(path, "it is not a file path")),
    };
    if !folder.is_dir() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", folder.display()),
        )));
    }
    if path.is_dir() {
        return Err(not_ours(path, "it is a folder"));
    }
    if path.exists() {
        inspect_existing(path).await?;
    }

    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // A saved change must survive a dead battery, not just a crashed app.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .pragma("temp_store", "memory")
        .pragma("cache_size", "-32000")
        .optimize_on_close(true, None);
    let pool = SqlitePoolOptions::new().max_connections(4).min_connections(1).connect_with(options).await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

fn not_ours(path: &Path, reason: &str) -> Error {
    Error::NotAWorkspace { path: path.to_path_buf(), reason: reason.to_owned() }
}

/// Checks, read-only, that `path` is a Tandem workspace this version can open (an empty or
/// missing file is not).
pub(super) async fn inspect(path: &Path) -> Result<()> {
    let size = std::fs::metadata(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?.len();
    if size == 0 {
        return Err(not_ours(path, "it is empty"));
    }
    inspect_existing(path).await
}

/// Checks an existing file read-only: SQLite at all, a Tandem workspace, and not from a newer
/// version. A zero-length file counts as new.
async fn inspect_existing(path: &Path) -> Result<()> {
    let io = |source: std::io::Error| Error::Io { path: path.to_path_buf(), source };
    let mut header = Vec::with_capacity(16);
    std::fs::File::open(path).map_err(io)?.take(16).read_to_end(&mut header).map_err(io)?;
    if header.is_empty() {
        return Ok(());
    }
    if header.as_slice() != SQLITE_MAGIC {
        return Err(not_ours(path, "it is not a SQLite database"));
    }

    let options = SqliteConnectOptions::from_str("sqlite:")?.filename(path).read_only(true);
    let mut conn = options.connect().await.map_err(|e| not_ours(path, &format!("it cannot be read ({e})")))?;
    let verdict = check_schema(&mut conn, path).await;
    conn.close().await.ok();
    verdict
}

async fn check_schema(conn: &mut sqlx::SqliteConnection, path: &Path) -> Result<()> {
    let unreadable = |e: sqlx::Error| not_ours(path, &format!("it cannot be read ({e})"));
    let app_id: i64 = sqlx::query_scalar("PRAGMA application_id").fetch_one(&mut *conn).await.map_err(unreadable)?;
    let tables: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sqlite_schema").fetch_one(&mut *conn).await.map_err(unreadable)?;
    if app_id == 0 && tables == 0 {
        return Ok(()); // an empty database: becomes a workspace
    }
    if app_id != APPLICATION_ID {
        return Err(not_ours(path, "it is another application's SQLite database"));
    }
    let found: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
        .fetch_one(&mut *conn)
        .await
        .map_err(unreadable)?;
    let known = latest_schema_version();
    if found > known {
        return Err(Error::TooNew { path: path.to_path_buf(), found, known });
    }
    Ok(())
}
