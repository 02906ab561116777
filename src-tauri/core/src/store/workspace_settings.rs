//! Settings of the whole workspace, kept in the file so everyone who opens it works the same way:
//! one JSON value per key. A missing or unreadable value means the default.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::Store;
use crate::model::lifecycle::LeadSettings;
use crate::model::time;
use crate::{Error, Result};

const LEADS: &str = "leads";

impl Store {
    pub async fn lead_settings(&self) -> Result<LeadSettings> {
        let mut conn = self.pool.acquire().await?;
        lead_settings(&mut conn).await
    }

    pub async fn set_lead_settings(&self, settings: &LeadSettings, now: DateTime<Utc>) -> Result<LeadSettings> {
        settings.validate()?;
        let value = serde_json::to_string(settings).map_err(|e| Error::Conflict(e.to_string()))?;
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO workspace_settings (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(LEADS)
        .bind(&value)
        .bind(time::to_db(now))
        .execute(&mut *tx)
        .await?;
        let saved = lead_settings(&mut tx).await?;
        tx.commit().await?;
        Ok(saved)
    }
}

pub(super) async fn lead_settings(conn: &mut SqliteConnection) -> Result<LeadSettings> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM workspace_settings WHERE key = ?")
        .bind(LEADS)
        .fetch_optional(conn)
        .await?;
    Ok(value.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}
