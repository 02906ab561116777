//! Activities, and a deal's timeline. The deal cards' next and last activity follow through the
//! triggers of migration 0003, so completing an activity resets a deal's rotting clock.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{Store, leads};
use crate::model::activity::{
    Activity, ActivityInput, ActivityKind, DealTimeline, SalesActivity, StageChange, instant,
};
use crate::model::calendar::CalendarRange;
use crate::model::{id, time};
use crate::{Error, Result};

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: String,
    kind: String,
    subject: String,
    notes: Option<String>,
    lead_id: String,
    deal_id: Option<String>,
    owner: Option<String>,
    due_at: Option<String>,
    done_at: Option<String>,
    created_at: String,
}

impl TryFrom<ActivityRow> for Activity {
    type Error = Error;
    fn try_from(r: ActivityRow) -> Result<Activity> {
        Ok(Activity {
            id: r.id,
            kind: ActivityKind::parse(&r.kind)?,
            subject: r.subject,
            notes: r.notes,
            lead_id: r.lead_id,
            deal_id: r.deal_id,
            owner: r.owner,
            due_at: r.due_at.as_deref().map(time::from_db).transpose()?,
            done_at: r.done_at.as_deref().map(time::from_db).transpose()?,
            created_at: time::from_db(&r.created_at)?,
        })
    }
}

/// An activity query ending in `$rest` (a static string, as sqlx wants).
macro_rules! select_activity {
    ($rest:literal) => {
        concat!(
            "SELECT id, kind, subject, notes, lead_id, deal_id, owner, due_at, done_at, created_at FROM activities ",
            $rest
        )
    };
}

/// A lead's live activities: open ones by due time, then done ones, newest first (at most `limit`).
pub(super) async fn of_lead(conn: &mut SqliteConnection, lead_id: &str, limit: usize) -> Result<Vec<Activity>> {
    let rows: Vec<ActivityRow> = sqlx::query_as(select_activity!(
        "WHERE lead_id = ? AND deleted_at IS NULL
         ORDER BY done_at IS NOT NULL, CASE WHEN done_at IS NULL THEN due_at END,
                  coalesce(done_at, created_at) DESC, created_at DESC LIMIT ?"
    ))
    .bind(lead_id)
    .bind(limit as i64)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(Activity::try_from).collect()
}

async fn fetch(conn: &mut SqliteConnection, activity_id: &str) -> Result<Activity> {
    let row: ActivityRow = sqlx::query_as(select_activity!("WHERE id = ? AND deleted_at IS NULL"))
        .bind(activity_id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| Error::not_found("activity", activity_id))?;
    Activity::try_from(row)
}

#[derive(sqlx::FromRow)]
struct SalesRow {
    id: String,
    kind: String,
    subject: String,
    due_at: String,
    owner: Option<String>,
    deal_id: String,
    deal_title: String,
    lead_name: String,
}

impl Store {
    /// The calendar's sales layer: open activities of live deals due in `range`, in due order.
    /// Done ones are history, which the deal's timeline keeps.
    pub async fn sales_activities(&self, range: &CalendarRange) -> Result<Vec<SalesActivity>> {
        let range = range.validate()?;
        let rows: Vec<SalesRow> = sqlx::query_as(
            "SELECT a.id, a.kind, a.subject, a.due_at, a.owner, d.id AS deal_id, d.title AS deal_title, d.lead_name
             FROM activities a INDEXED BY activities_open_by_due JOIN deals d ON d.id = a.deal_id
             WHERE a.done_at IS NULL AND a.deleted_at IS NULL AND a.due_at >= ?1 AND a.due_at < ?2
               AND d.deleted_at IS NULL
             ORDER BY a.due_at, a.id",
        )
        .bind(time::to_db(range.starts))
        .bind(time::to_db(range.ends))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(SalesActivity {
                    kind: ActivityKind::parse(&r.kind)?,
                    due_at: time::from_db(&r.due_at)?,
                    id: r.id,
                    subject: r.subject,
                    owner: r.owner,
                    deal_id: r.deal_id,
                    deal_title: r.deal_title,
                    lead_name: r.lead_name,
                })
            })
            .collect()
    }

    /// Logs or plans an activity for a lead, and for one of its deals if given.
    pub async fn add_activity(&self, input: &ActivityInput, now: DateTime<Utc>) -> Result<Activity> {
        let a = input.validate()?;
        let mut tx = self.write().await?;
        leads::check_reference(&mut tx, &a.lead_id).await?;
        if let Some(deal) = &a.deal_id {
            let owner: Option<String> =
                sqlx::query_scalar("SELECT lead_id FROM deals WHERE id = ? AND deleted_at IS NULL")
                    .bind(deal)
                    .fetch_optional(&mut *tx)
                    .await?;
            if owner.as_deref() != Some(a.lead_id.as_str()) {
                return Err(Error::invalid("deal_id", "is not a deal of this lead"));
            }
        }
        let id = id::new_id(now);
        let at = time::to_db(now);
        // A note is done when written; anything else is done when completed.
        let done_at = (a.kind == ActivityKind::Note).then(|| at.clone());
        sqlx::query(
            "INSERT INTO activities (id, kind, subject, notes, lead_id, deal_id, owner, due_at, done_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        )
        .bind(&id)
        .bind(a.kind.as_str())
        .bind(&a.subject)
        .bind(&a.notes)
        .bind(&a.lead_id)
        .bind(&a.deal_id)
        .bind(&a.owner)
        .bind(a.due_at.map(time::to_db))
        .bind(done_at)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let added = fetch(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Marks an activity done now.
    pub async fn complete_activity(&self, activity_id: &str, now: DateTime<Utc>) -> Result<Activity> {
        let activity_id = id::parse_id("id", activity_id)?;
        let mut tx = self.write().await?;
        if fetch(&mut tx, &activity_id).await?.done_at.is_some() {
            return Err(Error::Conflict("this activity is already done".into()));
        }
        let at = time::to_db(now);
        sqlx::query("UPDATE activities SET done_at = ?1, updated_at = ?1 WHERE id = ?2")
            .bind(&at)
            .bind(&activity_id)
            .execute(&mut *tx)
            .await?;
        let done = fetch(&mut tx, &activity_id).await?;
        tx.commit().await?;
        Ok(done)
    }

    /// Gives an activity a new due time (RFC 3339).
    pub async fn reschedule_activity(&self, activity_id: &str, due_at: &str, now: DateTime<Utc>) -> Result<Activity> {
        let activity_id = id::parse_id("id", activity_id)?;
        let due = time::to_db(instant("due_at", due_at)?);
        let mut tx = self.write().await?;
        fetch(&mut tx, &activity_id).await?;
        sqlx::query("UPDATE activities SET due_at = ?1, updated_at = ?2 WHERE id = ?3")
            .bind(&due)
            .bind(time::to_db(now))
            .bind(&activity_id)
            .execute(&mut *tx)
            .await?;
        let moved = fetch(&mut tx, &activity_id).await?;
        tx.commit().await?;
        Ok(moved)
    }

    /// A deal's activities (to do by due time, then done, newest first) and stage history.
    pub async fn deal_timeline(&self, deal_id: &str) -> Result<DealTimeline> {
        let deal_id = id::parse_id("id", deal_id)?;
        let mut conn = self.pool.acquire().await?;
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM deals WHERE id = ? AND deleted_at IS NULL)")
                .bind(&deal_id)
                .fetch_one(&mut *conn)
                .await?;
        if !exists {
            return Err(Error::not_found("deal", &deal_id));
        }
        let rows: Vec<ActivityRow> = sqlx::query_as(select_activity!(
            "WHERE deal_id = ? AND deleted_at IS NULL
             ORDER BY done_at IS NOT NULL, CASE WHEN done_at IS NULL THEN due_at END, done_at DESC, created_at DESC"
        ))
        .bind(&deal_id)
        .fetch_all(&mut *conn)
        .await?;
        let changes: Vec<(Option<String>, String, String)> = sqlx::query_as(
            "SELECT f.name, t.name, c.changed_at FROM deal_stage_changes c
             JOIN stages t ON t.id = c.to_stage_id LEFT JOIN stages f ON f.id = c.from_stage_id
             WHERE c.deal_id = ? ORDER BY c.changed_at, c.id",
        )
        .bind(&deal_id)
        .fetch_all(&mut *conn)
        .await?;
        Ok(DealTimeline {
            activities: rows.into_iter().map(Activity::try_from).collect::<Result<_>>()?,
            stage_history: changes
                .into_iter()
                .map(|(from, to, at)| Ok(StageChange { from, to, at: time::from_db(&at)? }))
                .collect::<Result<_>>()?,
        })
    }
}
