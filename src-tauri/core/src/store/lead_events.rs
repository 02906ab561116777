//! A lead's lifecycle stage changing, recorded for its timeline: by hand, or following one of its
//! deals (`model::lifecycle` decides when).

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::workspace_settings::lead_settings;
use crate::Result;
use crate::model::lead::LifecycleStage;
use crate::model::lifecycle::{self, DealChange, DealCounts};
use crate::model::{id, time};

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
