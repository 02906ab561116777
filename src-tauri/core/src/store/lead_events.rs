//! A lead's lifecycle stage changing, recorded for its timeline: by hand, or following one of its
//! deals (`model::lifecycle` decides when). And speed to lead: which MQLs wait too long.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::workspace_settings::lead_settings;
use crate::model::lead::LifecycleStage;
use crate::model::lifecycle::{self, DealChange, DealCounts, Waiting};
use crate::model::{id, time};
use crate::{Error, Result};

/// The most leads one `waiting_leads` call may ask about (a page of the list).
pub const MAX_WAITING_IDS: usize = 500;

impl super::Store {
    /// Which of these leads are MQLs left waiting past the workspace's speed-to-lead hours.
    pub async fn waiting_leads(&self, lead_ids: &[String], now: DateTime<Utc>) -> Result<Vec<Waiting>> {
        if lead_ids.len() > MAX_WAITING_IDS {
            return Err(Error::invalid("ids", format!("at most {MAX_WAITING_IDS} leads at a time")));
        }
        let ids = lead_ids.iter().map(|i| id::parse_id("ids", i)).collect::<Result<Vec<_>>>()?;
        let mut conn = self.pool.acquire().await?;
        waiting(&mut conn, &ids, now).await
    }
}

/// The live MQLs among `lead_ids` that have waited too long, in the order asked.
pub(super) async fn waiting(
    conn: &mut SqliteConnection,
    lead_ids: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<Waiting>> {
    let allowed = lead_settings(&mut *conn).await?.speed_to_lead_hours;
    let ids = serde_json::to_string(lead_ids).map_err(|e| Error::Conflict(e.to_string()))?;
    // When each became an MQL (its last change to it, or its creation) and its last activity.
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT l.id,
                coalesce((SELECT max(e.at) FROM lead_events e WHERE e.lead_id = l.id AND e.to_value = 'mql'), l.created_at),
                (SELECT max(coalesce(a.done_at, a.created_at)) FROM activities a WHERE a.lead_id = l.id AND a.deleted_at IS NULL)
         FROM json_each(?1) j JOIN leads l ON l.id = j.value
         WHERE l.lifecycle_stage = 'mql' AND l.deleted_at IS NULL ORDER BY j.key",
    )
    .bind(&ids)
    .fetch_all(conn)
    .await?;
    let mut out = Vec::new();
    for (lead_id, became, last) in rows {
        let last = last.as_deref().map(time::from_db).transpose()?;
        if let Some(hours) = lifecycle::waiting_hours(time::from_db(&became)?, last, now, allowed) {
            out.push(Waiting { lead_id, hours });
        }
    }
    Ok(out)
}

/// Records a change of stage; `deal` names the deal it followed from (`None`: by hand).
pub(super) async fn record_stage_change(
    conn: &mut SqliteConnection,
    lead_id: &str,
    from: LifecycleStage,
    to: LifecycleStage,
    deal: Option<(&str, String)>,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO lead_events (id, lead_id, kind, from_value, to_value, cause, deal_id, at)
         VALUES (?1, ?2, 'stage_changed', ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(id::new_id(now))
    .bind(lead_id)
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(deal.as_ref().map(|(_, cause)| cause.as_str()))
    .bind(deal.as_ref().map(|(id, _)| *id))
    .bind(time::to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves the deal's lead to the stage that follows from `change`, if any, and records why.
pub(super) async fn after_deal(
    conn: &mut SqliteConnection,
    deal_id: &str,
    change: DealChange,
    now: DateTime<Utc>,
) -> Result<()> {
    let (lead_id, title, stage, open, won, lost): (String, String, String, i64, i64, i64) = sqlx::query_as(
        "SELECT d.lead_id, d.title, l.lifecycle_stage,
                (SELECT count(*) FROM deals o WHERE o.lead_id = d.lead_id AND o.deleted_at IS NULL AND o.status = 'open'),
                (SELECT count(*) FROM deals o WHERE o.lead_id = d.lead_id AND o.deleted_at IS NULL AND o.status = 'won'),
                (SELECT count(*) FROM deals o WHERE o.lead_id = d.lead_id AND o.deleted_at IS NULL AND o.status = 'lost')
         FROM deals d JOIN leads l ON l.id = d.lead_id WHERE d.id = ?",
    )
    .bind(deal_id)
    .fetch_one(&mut *conn)
    .await?;
    let current = LifecycleStage::parse(&stage)?;
    let settings = lead_settings(&mut *conn).await?;
    let counts = DealCounts { open, won, lost };
    let Some(next) = lifecycle::follows(current, change, counts, settings.all_deals_lost) else {
        return Ok(());
    };
    sqlx::query("UPDATE leads SET lifecycle_stage = ?2, updated_at = ?3 WHERE id = ?1")
        .bind(&lead_id)
        .bind(next.as_str())
        .bind(time::to_db(now))
        .execute(&mut *conn)
        .await?;
    let cause = match change {
        DealChange::Created => format!("deal “{title}” created"),
        DealChange::Won => format!("deal “{title}” won"),
        DealChange::Lost if counts.lost > 1 => format!("deal “{title}” lost, the last one open"),
        DealChange::Lost => format!("deal “{title}” lost"),
        DealChange::Reopened => format!("deal “{title}” reopened"),
    };
    record_stage_change(conn, &lead_id, current, next, Some((deal_id, cause)), now).await
}
