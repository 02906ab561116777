//! One change to many leads in one transaction, set-wise (a statement per step, never one per
//! lead), with what each lead had before kept in `lead_batches` for a single undo.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::SqliteConnection;

use super::Store;
use crate::model::bulk::{BulkAction, BulkResult, MAX_BULK};
use crate::model::lead::LifecycleStage;
use crate::model::{id, time};
use crate::{Error, Result};

impl Store {
    /// Applies `action` to the live leads among `lead_ids`.
    pub async fn bulk_change(
        &self,
        lead_ids: &[String],
        action: &BulkAction,
        now: DateTime<Utc>,
    ) -> Result<BulkResult> {
        if lead_ids.is_empty() || lead_ids.len() > MAX_BULK {
            return Err(Error::invalid("ids", format!("choose between 1 and {MAX_BULK} leads")));
        }
        let ids = lead_ids.iter().map(|i| id::parse_id("ids", i)).collect::<Result<Vec<_>>>()?;
        let action = action.validate()?;
        let ids = serde_json::to_string(&ids).map_err(|e| Error::Conflict(e.to_string()))?;
        let at = time::to_db(now);
        let mut tx = self.write().await?;
        // What each lead had before, as a JSON array the undo reads back.
        let before: String = match &action {
            BulkAction::SetOwner { owner } => {
                let before = snapshot(&mut tx, Snapshot::Owner, &ids).await?;
                sqlx::query(
                    "UPDATE leads SET owner = ?2, updated_at = ?3
                     WHERE id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL",
                )
                .bind(&ids)
                .bind(owner)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
                before
            }
            BulkAction::SetStage { stage } => {
                let before = snapshot(&mut tx, Snapshot::Stage, &ids).await?;
                record_stages(&mut tx, &before, None, *stage, "changed for many leads at once", now).await?;
                sqlx::query(
                    "UPDATE leads SET lifecycle_stage = ?2, updated_at = ?3
                     WHERE id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL",
                )
                .bind(&ids)
                .bind(stage.as_str())
                .bind(&at)
                .execute(&mut *tx)
                .await?;
                before
            }
            BulkAction::AddTag { tag } => {
                sqlx::query(
                    "INSERT INTO tags (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
                     ON CONFLICT (name) DO UPDATE SET deleted_at = NULL",
                )
                .bind(id::new_id(now))
                .bind(tag)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
                // The leads that did not carry it yet: only they lose it again on undo.
                let added: Vec<String> = sqlx::query_scalar(
                    "INSERT INTO lead_tags (lead_id, tag_id)
                     SELECT l.id, t.id FROM leads l, tags t
                     WHERE l.id IN (SELECT value FROM json_each(?1)) AND l.deleted_at IS NULL AND t.name = ?2
                       AND NOT EXISTS (SELECT 1 FROM lead_tags x WHERE x.lead_id = l.id AND x.tag_id = t.id)
                     RETURNING lead_id",
                )
                .bind(&ids)
                .bind(tag)
                .fetch_all(&mut *tx)
                .await?;
                serde_json::to_string(&added).map_err(|e| Error::Conflict(e.to_string()))?
            }
            BulkAction::RemoveTag { tag } => {
                let removed: Vec<String> = sqlx::query_scalar(
                    "DELETE FROM lead_tags
                     WHERE lead_id IN (SELECT value FROM json_each(?1))
                       AND tag_id = (SELECT id FROM tags WHERE name = ?2)
                       AND lead_id IN (SELECT id FROM leads WHERE deleted_at IS NULL)
                     RETURNING lead_id",
                )
                .bind(&ids)
                .bind(tag)
                .fetch_all(&mut *tx)
                .await?;
                serde_json::to_string(&removed).map_err(|e| Error::Conflict(e.to_string()))?
            }
            BulkAction::Delete => {
                let deleted: Vec<String> = sqlx::query_scalar(
                    "UPDATE leads SET deleted_at = ?2, updated_at = ?2
                     WHERE id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL RETURNING id",
                )
                .bind(&ids)
                .bind(&at)
                .fetch_all(&mut *tx)
                .await?;
                serde_json::to_string(&deleted).map_err(|e| Error::Conflict(e.to_string()))?
            }
        };
        let changed = match serde_json::from_str::<Value>(&before) {
            Ok(Value::Array(list)) => list.len() as u32,
            _ => 0,
        };
        let batch_id = id::new_id(now);
        let action_json = serde_json::to_string(&action).map_err(|e| Error::Conflict(e.to_string()))?;
        sqlx::query("INSERT INTO lead_batches (id, action, before, at) VALUES (?1, ?2, ?3, ?4)")
            .bind(&batch_id)
            .bind(action_json)
            .bind(&before)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(BulkResult { batch_id, changed })
    }

    /// Puts every lead of batch `batch_id` back as it was.
    pub async fn undo_bulk(&self, batch_id: &str, now: DateTime<Utc>) -> Result<u32> {
        let batch_id = id::parse_id("id", batch_id)?;
        let mut tx = self.write().await?;
        let row: Option<(String, String, Option<String>)> =
            sqlx::query_as("SELECT action, before, undone_at FROM lead_batches WHERE id = ?")
                .bind(&batch_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (action, before, undone) = row.ok_or_else(|| Error::not_found("bulk change", &batch_id))?;
        if undone.is_some() {
            return Err(Error::Conflict("this change has already been undone".into()));
        }
        let action: BulkAction = serde_json::from_str(&action).map_err(|e| Error::Conflict(e.to_string()))?;
        let at = time::to_db(now);
        let done = match &action {
            // `before` holds [id, value] pairs.
            BulkAction::SetOwner { .. } => restore(&mut tx, Snapshot::Owner, &before, &at).await?,
            BulkAction::SetStage { stage } => {
                // The timeline tells the undo too.
                record_stages(&mut tx, &before, Some(*stage), *stage, "a change to many leads, undone", now).await?;
                restore(&mut tx, Snapshot::Stage, &before, &at).await?
            }
            // `before` holds the ids changed.
            BulkAction::AddTag { tag } => {
                sqlx::query(
                    "DELETE FROM lead_tags WHERE lead_id IN (SELECT value FROM json_each(?1))
                       AND tag_id = (SELECT id FROM tags WHERE name = ?2)",
                )
                .bind(&before)
                .bind(tag)
                .execute(&mut *tx)
                .await?
            }
            BulkAction::RemoveTag { tag } => {
                sqlx::query(
                    "INSERT OR IGNORE INTO lead_tags (lead_id, tag_id)
                     SELECT j.value, t.id FROM json_each(?1) j, tags t WHERE t.name = ?2",
                )
                .bind(&before)
                .bind(tag)
                .execute(&mut *tx)
                .await?
            }
            BulkAction::Delete => {
                sqlx::query(
                    "UPDATE leads SET deleted_at = NULL, updated_at = ?2 WHERE id IN (SELECT value FROM json_each(?1))",
                )
                .bind(&before)
                .bind(&at)
                .execute(&mut *tx)
                .await?
            }
        }
        .rows_affected();
        sqlx::query("UPDATE lead_batches SET undone_at = ?2 WHERE id = ?1")
            .bind(&batch_id)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done as u32)
    }
}

/// Records a stage change on the timeline of each lead in `pairs` ([id, stage] as JSON) whose
/// stage differs: from its stage to `to`, or, undoing (`undoing` the stage it was set to), back.
async fn record_stages(
    conn: &mut SqliteConnection,
    pairs: &str,
    undoing: Option<LifecycleStage>,
    to: LifecycleStage,
    cause: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let pairs: Vec<(String, String)> = serde_json::from_str(pairs).map_err(|e| Error::Conflict(e.to_string()))?;
    let events: Vec<Value> = pairs
        .into_iter()
        .filter(|(_, stage)| stage != to.as_str())
        .map(|(lead, stage)| match undoing {
            None => serde_json::json!([id::new_id(now), lead, stage, to.as_str()]),
            Some(set) => serde_json::json!([id::new_id(now), lead, set.as_str(), stage]),
        })
        .collect();
    sqlx::query(
        "INSERT INTO lead_events (id, lead_id, kind, from_value, to_value, cause, at)
         SELECT e.value ->> 0, e.value ->> 1, 'stage_changed', e.value ->> 2, e.value ->> 3, ?2, ?3
         FROM json_each(?1) e",
    )
    .bind(Value::Array(events).to_string())
    .bind(cause)
    .bind(time::to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Which field a snapshot keeps.
enum Snapshot {
    Owner,
    Stage,
}

/// Gives each lead in `pairs` ([id, value] as JSON, from `snapshot`) its value back.
async fn restore(
    conn: &mut SqliteConnection,
    field: Snapshot,
    pairs: &str,
    at: &str,
) -> Result<sqlx::sqlite::SqliteQueryResult> {
    let sql = match field {
        Snapshot::Owner => {
            "UPDATE leads SET owner = b.value ->> 1, updated_at = ?2
             FROM (SELECT value FROM json_each(?1)) b WHERE leads.id = b.value ->> 0"
        }
        Snapshot::Stage => {
            "UPDATE leads SET lifecycle_stage = b.value ->> 1, updated_at = ?2
             FROM (SELECT value FROM json_each(?1)) b WHERE leads.id = b.value ->> 0"
        }
    };
    Ok(sqlx::query(sql).bind(pairs).bind(at).execute(conn).await?)
}

/// The live leads' [id, value] pairs of one field, as JSON.
async fn snapshot(conn: &mut SqliteConnection, field: Snapshot, ids: &str) -> Result<String> {
    let sql = match field {
        Snapshot::Owner => {
            "SELECT coalesce(json_group_array(json_array(id, owner)), '[]') FROM leads
             WHERE id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL"
        }
        Snapshot::Stage => {
            "SELECT coalesce(json_group_array(json_array(id, lifecycle_stage)), '[]') FROM leads
             WHERE id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL"
        }
    };
    Ok(sqlx::query_scalar(sql).bind(ids).fetch_one(conn).await?)
}
