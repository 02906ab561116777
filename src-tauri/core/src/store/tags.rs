//! Tags and which leads carry them.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::Result;
use crate::model::{id::new_id, time};

/// Makes `tags` exactly the set of tags on the lead, creating tags that do not exist yet.
pub(super) async fn set_lead_tags(
    conn: &mut SqliteConnection,
    lead_id: &str,
    tags: &[String],
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query("DELETE FROM lead_tags WHERE lead_id = ?1").bind(lead_id).execute(&mut *conn).await?;
    let at = time::to_db(now);
    for name in tags {
        sqlx::query(
            "INSERT INTO tags (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
             ON CONFLICT (name) DO UPDATE SET deleted_at = NULL",
        )
        .bind(new_id(now))
        .bind(name)
        .bind(&at)
        .execute(&mut *conn)
        .await?;
        sqlx::query("INSERT OR IGNORE INTO lead_tags (lead_id, tag_id) SELECT ?1, id FROM tags WHERE name = ?2")
            .bind(lead_id)
            .bind(name)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The id of the tag with this name (any case), if it exists.
pub(super) async fn id_of(conn: &mut SqliteConnection, name: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT id FROM tags WHERE name = ?1").bind(name).fetch_optional(&mut *conn).await?)
}
