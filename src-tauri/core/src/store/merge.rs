//! Merging two leads into one, and undoing it. Everything happens in one transaction; the merge
//! row keeps the kept lead's fields from before and the id of every row that moved.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{Store, leads};
use crate::model::lead::{Lead, LeadInput};
use crate::model::merge::{LeadMerge, Moved};
use crate::model::{id, time};
use crate::{Error, Result};

impl Store {
    /// Folds lead `merged_id` into `kept_id`: the kept lead takes `fields` (chosen field by field
    /// from the two), every touchpoint, deal, activity, lifecycle change and attendance of the
    /// other moves to it, and the other becomes a tombstone. `undo_merge` reverses it.
    pub async fn merge_leads(
        &self,
        kept_id: &str,
        merged_id: &str,
        fields: &LeadInput,
        now: DateTime<Utc>,
    ) -> Result<LeadMerge> {
        let kept_id = id::parse_id("kept_id", kept_id)?;
        let merged_id = id::parse_id("merged_id", merged_id)?;
        if kept_id == merged_id {
            return Err(Error::invalid("merged_id", "is the lead being kept"));
        }
        let fields = fields.validate()?;
        let mut tx = self.write().await?;
        leads::ensure_live(&mut tx, &kept_id).await?;
        leads::ensure_live(&mut tx, &merged_id).await?;
        let before = as_input(leads::fetch(&mut tx, &kept_id).await?);
        let merged_name = leads::fetch(&mut tx, &merged_id).await?.name;
        let at = time::to_db(now);

        let moved = Moved {
            touchpoints: move_rows(&mut tx, Table::Touchpoints, &merged_id, &kept_id, &at).await?,
            deals: move_rows(&mut tx, Table::Deals, &merged_id, &kept_id, &at).await?,
            activities: move_rows(&mut tx, Table::Activities, &merged_id, &kept_id, &at).await?,
            lead_events: move_rows(&mut tx, Table::LeadEvents, &merged_id, &kept_id, &at).await?,
            attendance: sqlx::query_scalar(
                "UPDATE calendar_item_attendees SET lead_id = ?2
                 WHERE lead_id = ?1 AND item_id NOT IN (SELECT item_id FROM calendar_item_attendees WHERE lead_id = ?2)
                 RETURNING item_id",
            )
            .bind(&merged_id)
            .bind(&kept_id)
            .fetch_all(&mut *tx)
            .await?,
            shared_attendance: sqlx::query_scalar(
                "DELETE FROM calendar_item_attendees WHERE lead_id = ?1 RETURNING item_id",
            )
            .bind(&merged_id)
            .fetch_all(&mut *tx)
            .await?,
        };
        leads::write_fields(&mut tx, &kept_id, &fields, now).await?;
        sqlx::query("UPDATE leads SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1")
            .bind(&merged_id)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        let merge_id = id::new_id(now);
        sqlx::query(
            "INSERT INTO lead_merges (id, kept_id, merged_id, kept_before, moved, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(&merge_id)
        .bind(&kept_id)
        .bind(&merged_id)
        .bind(to_json(&before)?)
        .bind(to_json(&moved)?)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let lead = leads::fetch_scored(&mut tx, &kept_id).await?;
        tx.commit().await?;
        Ok(LeadMerge {
            id: merge_id,
            lead,
            merged_name,
            touchpoints: moved.touchpoints.len() as u32,
            deals: moved.deals.len() as u32,
            activities: moved.activities.len() as u32,
            attendance: (moved.attendance.len() + moved.shared_attendance.len()) as u32,
        })
    }

    /// Puts both leads back as they were before merge `merge_id`: the folded lead is live again
    /// with everything that moved, and the kept lead has its own fields back.
    pub async fn undo_merge(&self, merge_id: &str, now: DateTime<Utc>) -> Result<Lead> {
        let merge_id = id::parse_id("id", merge_id)?;
        let mut tx = self.write().await?;
        let row: Option<(String, String, String, String, Option<String>)> =
            sqlx::query_as("SELECT kept_id, merged_id, kept_before, moved, undone_at FROM lead_merges WHERE id = ?")
                .bind(&merge_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (kept_id, merged_id, before, moved, undone) = row.ok_or_else(|| Error::not_found("merge", &merge_id))?;
        if undone.is_some() {
            return Err(Error::Conflict("this merge has already been undone".into()));
        }
        let before: LeadInput = serde_json::from_str(&before).map_err(|e| Error::Conflict(e.to_string()))?;
        let moved: Moved = serde_json::from_str(&moved).map_err(|e| Error::Conflict(e.to_string()))?;
        let at = time::to_db(now);
        for (table, ids) in [
            (Table::Touchpoints, &moved.touchpoints),
            (Table::Deals, &moved.deals),
            (Table::Activities, &moved.activities),
            (Table::LeadEvents, &moved.lead_events),
        ] {
            move_back(&mut tx, table, ids, &merged_id, &at).await?;
        }
        let items = to_json(&moved.attendance)?;
        sqlx::query(
            "UPDATE calendar_item_attendees SET lead_id = ?1
             WHERE lead_id = ?2 AND item_id IN (SELECT value FROM json_each(?3))",
        )
        .bind(&merged_id)
        .bind(&kept_id)
        .bind(items)
        .execute(&mut *tx)
        .await?;
        let shared = to_json(&moved.shared_attendance)?;
        sqlx::query(
            "INSERT OR IGNORE INTO calendar_item_attendees (item_id, lead_id) SELECT value, ?1 FROM json_each(?2)",
        )
        .bind(&merged_id)
        .bind(shared)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE leads SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1")
            .bind(&merged_id)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        leads::write_fields(&mut tx, &kept_id, &before.validate()?, now).await?;
        sqlx::query("UPDATE lead_merges SET undone_at = ?2 WHERE id = ?1")
            .bind(&merge_id)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        let kept = leads::fetch_scored(&mut tx, &kept_id).await?;
        tx.commit().await?;
        Ok(kept)
    }
}

/// The tables whose rows belong to a lead by `lead_id`.
#[derive(Clone, Copy)]
enum Table {
    Touchpoints,
    Deals,
    Activities,
    LeadEvents,
}

/// Moves a lead's rows of `table` to another lead; returns their ids.
async fn move_rows(conn: &mut SqliteConnection, table: Table, from: &str, to: &str, at: &str) -> Result<Vec<String>> {
    // Each statement is written out: sqlx takes only static SQL.
    let sql = match table {
        Table::Touchpoints => "UPDATE touchpoints SET lead_id = ?2, updated_at = ?3 WHERE lead_id = ?1 RETURNING id",
        Table::Deals => "UPDATE deals SET lead_id = ?2, updated_at = ?3 WHERE lead_id = ?1 RETURNING id",
        Table::Activities => "UPDATE activities SET lead_id = ?2, updated_at = ?3 WHERE lead_id = ?1 RETURNING id",
        Table::LeadEvents => "UPDATE lead_events SET lead_id = ?2 WHERE lead_id = ?1 AND ?3 = ?3 RETURNING id",
    };
    Ok(sqlx::query_scalar(sql).bind(from).bind(to).bind(at).fetch_all(conn).await?)
}

/// Gives rows `ids` of `table` back to lead `to`.
async fn move_back(conn: &mut SqliteConnection, table: Table, ids: &[String], to: &str, at: &str) -> Result<()> {
    let sql = match table {
        Table::Touchpoints => {
            "UPDATE touchpoints SET lead_id = ?2, updated_at = ?3 WHERE id IN (SELECT value FROM json_each(?1))"
        }
        Table::Deals => "UPDATE deals SET lead_id = ?2, updated_at = ?3 WHERE id IN (SELECT value FROM json_each(?1))",
        Table::Activities => {
            "UPDATE activities SET lead_id = ?2, updated_at = ?3 WHERE id IN (SELECT value FROM json_each(?1))"
        }
        Table::LeadEvents => {
            "UPDATE lead_events SET lead_id = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND ?3 = ?3"
        }
    };
    sqlx::query(sql).bind(to_json(&ids)?).bind(to).bind(at).execute(conn).await?;
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Conflict(e.to_string()))
}

/// A lead's own fields, as the form would send them.
fn as_input(lead: Lead) -> LeadInput {
    LeadInput {
        name: lead.name,
        email: lead.email,
        phone: lead.phone,
        company: lead.company,
        job_title: lead.job_title,
        owner: lead.owner,
        tags: lead.tags,
        notes: lead.notes,
        lifecycle_stage: Some(lead.lifecycle_stage),
        source: lead.source,
    }
}
