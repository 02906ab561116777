//! Companies, as far as leads need them: found by name or created on the fly.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::Result;
use crate::model::{id::new_id, time};

/// The id of the live company with this name (case-insensitive), created if there is none.
pub(super) async fn find_or_create(conn: &mut SqliteConnection, name: &str, now: DateTime<Utc>) -> Result<String> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT id FROM companies WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL ORDER BY created_at LIMIT 1",
    )
    .bind(name)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = found {
        return Ok(id);
    }
    let id = new_id(now);
    let at = time::to_db(now);
    sqlx::query("INSERT INTO companies (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)")
        .bind(&id)
        .bind(name)
        .bind(&at)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}
