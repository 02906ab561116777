//! The lead page: one lead with its company, touchpoints, deals, activities, attendance and
//! lifecycle history, read in one transaction and merged into a timeline by `model::lead_record`.
//! And touchpoints, added from that page.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::calendar_items::when;
use super::{Store, activities, companies, deals, lead_events, leads, scores};
use crate::model::lead::LifecycleStage;
use crate::model::lead_record::{
    Attended, CompanyFacts, DealStageChange, LeadRecord, LifecycleChange, MAX_TIMELINE, TimelineParts, Touchpoint,
    TouchpointInput, TouchpointKind, timeline,
};
use crate::model::{id, time};
use crate::{Error, Result};

impl Store {
    /// Everything about one lead (live or deleted), as of `now`.
    pub async fn lead_record(&self, lead_id: &str, now: DateTime<Utc>) -> Result<LeadRecord> {
        let lead_id = id::parse_id("id", lead_id)?;
        // One read transaction, so the parts agree with each other.
        let mut tx = self.pool.begin().await?;
        let lead = leads::fetch(&mut tx, &lead_id).await?;
        let company = company(&mut tx, &lead_id).await?;
        let touchpoints = touchpoints(&mut tx, &lead_id).await?;
        let deals = deals::of_lead(&mut tx, &lead_id, MAX_TIMELINE).await?;
        let activities = activities::of_lead(&mut tx, &lead_id, MAX_TIMELINE).await?;
        let stage_changes = stage_changes(&mut tx, &lead_id).await?;
        let lifecycle = lifecycle(&mut tx, &lead_id).await?;
        let attended = attended(&mut tx, &lead_id).await?;
        let merges = merges(&mut tx, &lead_id).await?;
        let waiting_hours =
            lead_events::waiting(&mut tx, std::slice::from_ref(&lead_id), now).await?.first().map(|w| w.hours);
        let score = scores::lead_score(&mut tx, &lead_id).await?;
        tx.commit().await?;
        let (timeline, timeline_cut) = timeline(&TimelineParts {
            lead: &lead,
            touchpoints: &touchpoints,
            deals: &deals,
            activities: &activities,
            stage_changes: &stage_changes,
            lifecycle: &lifecycle,
            attended: &attended,
            merges: &merges,
        });
        Ok(LeadRecord {
            lead,
            company,
            touchpoints,
            deals,
            activities,
            attended,
            timeline,
            timeline_cut,
            waiting_hours,
            score,
        })
    }

    /// Records a lead's interaction with a campaign (or with none).
    pub async fn add_touchpoint(&self, input: &TouchpointInput, now: DateTime<Utc>) -> Result<Touchpoint> {
        let t = input.validate(now)?;
        let mut tx = self.write().await?;
        leads::check_reference(&mut tx, &t.lead_id).await?;
        if let Some(campaign) = &t.campaign_id {
            let live: Option<i64> = sqlx::query_scalar("SELECT 1 FROM campaigns WHERE id = ? AND deleted_at IS NULL")
                .bind(campaign)
                .fetch_optional(&mut *tx)
                .await?;
            live.ok_or_else(|| Error::invalid("campaign_id", "is not a live campaign"))?;
        }
        let id = id::new_id(now);
        let at = time::to_db(now);
        sqlx::query(
            "INSERT INTO touchpoints (id, lead_id, campaign_id, kind, occurred_at, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )
        .bind(&id)
        .bind(&t.lead_id)
        .bind(&t.campaign_id)
        .bind(t.kind.as_str())
        .bind(time::to_db(t.occurred_at))
        .bind(&t.notes)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let added = touchpoints(&mut tx, &t.lead_id).await?.into_iter().find(|x| x.id == id);
        tx.commit().await?;
        added.ok_or_else(|| Error::not_found("touchpoint", &id))
    }
}

async fn company(conn: &mut SqliteConnection, lead_id: &str) -> Result<Option<CompanyFacts>> {
    let id: Option<String> = sqlx::query_scalar("SELECT company_id FROM leads WHERE id = ?")
        .bind(lead_id)
        .fetch_optional(&mut *conn)
        .await?
        .flatten();
    match id {
        Some(id) => companies::facts(conn, &id).await,
        None => Ok(None),
    }
}

/// The lead's live touchpoints, oldest first (the first is its source).
async fn touchpoints(conn: &mut SqliteConnection, lead_id: &str) -> Result<Vec<Touchpoint>> {
    type Row = (String, String, String, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.id, t.kind, t.occurred_at, t.campaign_id, c.name, t.notes
         FROM touchpoints t LEFT JOIN campaigns c ON c.id = t.campaign_id
         WHERE t.lead_id = ? AND t.deleted_at IS NULL ORDER BY t.occurred_at, t.id LIMIT ?",
    )
    .bind(lead_id)
    .bind(MAX_TIMELINE as i64)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(id, kind, at, campaign_id, campaign, notes)| {
            Ok(Touchpoint {
                id,
                kind: TouchpointKind::parse(&kind)?,
                occurred_at: time::from_db(&at)?,
                campaign_id,
                campaign,
                notes,
            })
        })
        .collect()
}

/// Stage changes of the lead's live deals.
async fn stage_changes(conn: &mut SqliteConnection, lead_id: &str) -> Result<Vec<DealStageChange>> {
    let rows: Vec<(String, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT d.id, d.title, f.name, t.name, c.changed_at
         FROM deals d JOIN deal_stage_changes c ON c.deal_id = d.id
         JOIN stages t ON t.id = c.to_stage_id LEFT JOIN stages f ON f.id = c.from_stage_id
         WHERE d.lead_id = ? AND d.deleted_at IS NULL ORDER BY c.changed_at DESC LIMIT ?",
    )
    .bind(lead_id)
    .bind(MAX_TIMELINE as i64)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(deal_id, deal_title, from, to, at)| {
            Ok(DealStageChange { deal_id, deal_title, from, to, at: time::from_db(&at)? })
        })
        .collect()
}

/// The lead's lifecycle stage changes, oldest first.
async fn lifecycle(conn: &mut SqliteConnection, lead_id: &str) -> Result<Vec<LifecycleChange>> {
    type Row = (String, String, Option<String>, Option<String>, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT from_value, to_value, cause, deal_id, at FROM lead_events
         WHERE lead_id = ? AND kind = 'stage_changed' ORDER BY at, id",
    )
    .bind(lead_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(from, to, cause, deal_id, at)| {
            Ok(LifecycleChange {
                from: LifecycleStage::parse(&from)?,
                to: LifecycleStage::parse(&to)?,
                cause,
                deal_id,
                at: time::from_db(&at)?,
            })
        })
        .collect()
}

/// The leads merged into this one (merges not undone): when, and their names.
async fn merges(conn: &mut SqliteConnection, lead_id: &str) -> Result<Vec<(DateTime<Utc>, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.at, l.name FROM lead_merges m JOIN leads l ON l.id = m.merged_id
         WHERE m.kept_id = ? AND m.undone_at IS NULL ORDER BY m.at",
    )
    .bind(lead_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(|(at, name)| Ok((time::from_db(&at)?, name))).collect()
}

/// The live calendar items the lead attends, newest first.
async fn attended(conn: &mut SqliteConnection, lead_id: &str) -> Result<Vec<Attended>> {
    type Row = (String, String, bool, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT i.id, i.title, i.all_day, i.starts_at, i.ends_at, i.start_date, i.end_date, i.campaign_id
         FROM calendar_item_attendees a JOIN calendar_items i ON i.id = a.item_id
         WHERE a.lead_id = ? AND i.deleted_at IS NULL
         ORDER BY coalesce(i.starts_at, i.start_date) DESC LIMIT ?",
    )
    .bind(lead_id)
    .bind(MAX_TIMELINE as i64)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(item_id, title, all_day, starts, ends, start_date, end_date, campaign_id)| {
            let when = when(
                &item_id,
                all_day,
                starts.as_deref(),
                ends.as_deref(),
                start_date.as_deref(),
                end_date.as_deref(),
            )?;
            Ok(Attended { item_id, title, when, campaign_id })
        })
        .collect()
}
