//! Deals: the board of a pipeline, and moving a card.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::{Store, lead_events, leads, pipelines};
use crate::model::deal::{
    Board, BoardFilter, Deal, DealCard, DealInput, DealStatus, NextActivity, StageSum, StatusChange, ValidBoardFilter,
    ValidDeal,
};
use crate::model::lead::{LeadInput, prefix_terms};
use crate::model::lifecycle::DealChange;
use crate::model::{id, position, time};
use crate::{Error, Result};

/// Where a card goes: a stage of its pipeline, right after another card of that stage (`None`:
/// first).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
pub struct DealMove {
    pub stage_id: String,
    pub after: Option<String>,
}

/// The `SELECT` list of a card. A card reads the deals table alone: what it borrows from elsewhere
/// is kept on the deal by the triggers of migration 0003, and the stage's probability is filled
/// in from the pipeline.
macro_rules! card_columns {
    () => {
        "SELECT d.id, d.title, d.lead_id, d.lead_name, d.company_name, d.value_minor, d.currency,
            d.probability, d.owner, d.stage_id, d.position, d.stage_entered_at, d.expected_close,
            d.next_activity_id, d.next_activity_kind, d.next_activity_subject, d.next_activity_due_at,
            d.last_activity_done_at "
    };
}

/// A card query ending in `$rest` (a static string, as sqlx wants).
macro_rules! select_card {
    ($rest:literal) => {
        concat!(card_columns!(), "FROM deals d ", $rest)
    };
}

/// The columns of a card, for queries built with `QueryBuilder`.
const CARD_COLUMNS: &str = card_columns!();

#[derive(sqlx::FromRow)]
struct CardRow {
    id: String,
    title: String,
    lead_id: String,
    lead_name: String,
    company_name: Option<String>,
    value_minor: i64,
    currency: String,
    probability: Option<i64>,
    owner: Option<String>,
    stage_id: String,
    position: String,
    stage_entered_at: String,
    expected_close: Option<String>,
    next_activity_id: Option<String>,
    next_activity_kind: Option<String>,
    next_activity_subject: Option<String>,
    next_activity_due_at: Option<String>,
    last_activity_done_at: Option<String>,
}

impl TryFrom<CardRow> for DealCard {
    type Error = Error;
    fn try_from(r: CardRow) -> Result<DealCard> {
        let next_activity = match (r.next_activity_id, r.next_activity_due_at) {
            (Some(id), Some(due)) => Some(NextActivity {
                id,
                kind: r.next_activity_kind.unwrap_or_default(),
                subject: r.next_activity_subject.unwrap_or_default(),
                due_at: time::from_db(&due)?,
            }),
            _ => None,
        };
        let expected_close = r.expected_close.as_deref().map(date).transpose()?;
        Ok(DealCard {
            id: r.id,
            title: r.title,
            lead_id: r.lead_id,
            lead_name: r.lead_name,
            company: r.company_name,
            value_minor: r.value_minor,
            currency: r.currency,
            probability_override: r.probability.map(|p| p.clamp(0, 100) as u8),
            probability: 0,
            owner: r.owner,
            stage_id: r.stage_id,
            position: r.position,
            stage_entered_at: time::from_db(&r.stage_entered_at)?,
            expected_close,
            next_activity,
            last_activity_done_at: r.last_activity_done_at.as_deref().map(time::from_db).transpose()?,
            days_in_stage: 0,
            rotting: false,
        })
    }
}

/// The most cards a column page may hold.
pub const MAX_COLUMN_PAGE: u32 = 500;

impl Store {
    /// The board of a pipeline (by id or name; `None`: the first): each column's totals and its
    /// first `per_column` open deals in order, and the pipeline's totals, all under `filter`.
    pub async fn board(
        &self,
        pipeline: Option<&str>,
        filter: &BoardFilter,
        per_column: u32,
        now: DateTime<Utc>,
    ) -> Result<Board> {
        check_page(per_column)?;
        let filter = filter.validate()?;
        let mut conn = self.pool.acquire().await?;
        let pipeline = pipelines::find(&mut conn, pipeline).await?;
        let sums = stage_sums(&mut conn, &pipeline.id, &filter, now).await?;
        let mut cards = Vec::new();
        for stage in &pipeline.stages {
            cards.extend(column_cards(&mut conn, &pipeline.id, &stage.id, &filter, now, 0, per_column).await?);
        }
        Board::build(pipeline, &sums, cards, now)
    }

    /// Open deals `offset..offset + limit` of one column, in order, as a scrolling column needs.
    pub async fn board_column(
        &self,
        pipeline_id: &str,
        stage_id: &str,
        filter: &BoardFilter,
        offset: u32,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<DealCard>> {
        check_page(limit)?;
        let filter = filter.validate()?;
        let pipeline_id = id::parse_id("pipeline_id", pipeline_id)?;
        let stage_id = id::parse_id("stage_id", stage_id)?;
        let mut conn = self.pool.acquire().await?;
        let stage = pipelines::stage_of(&mut conn, &pipeline_id, &stage_id)
            .await?
            .ok_or_else(|| Error::invalid("stage_id", "is not a stage of this pipeline"))?;
        let mut cards = column_cards(&mut conn, &pipeline_id, &stage_id, &filter, now, offset, limit).await?;
        cards.iter_mut().for_each(|c| c.settle(&stage, now));
        Ok(cards)
    }

    /// Moves an open deal to a place on its pipeline's board. A new stage is recorded in the
    /// stage history and restarts the deal's time in stage. One row moves; no other card changes.
    pub async fn move_deal(&self, deal_id: &str, to: &DealMove, now: DateTime<Utc>) -> Result<DealCard> {
        let deal_id = id::parse_id("deal_id", deal_id)?;
        let stage_id = id::parse_id("stage_id", &to.stage_id)?;
        let after = to.after.as_deref().map(|a| id::parse_id("after", a)).transpose()?;
        if after.as_deref() == Some(deal_id.as_str()) {
            return Err(Error::invalid("after", "a deal cannot go after itself"));
        }
        let mut tx = self.write().await?;
        let (pipeline_id, from_stage, status): (String, String, String) =
            sqlx::query_as("SELECT pipeline_id, stage_id, status FROM deals WHERE id = ? AND deleted_at IS NULL")
                .bind(&deal_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| Error::not_found("deal", &deal_id))?;
        if status != "open" {
            return Err(Error::Conflict(format!("this deal is {status}; reopen it to move it on the board")));
        }
        let stage = pipelines::stage_of(&mut tx, &pipeline_id, &stage_id)
            .await?
            .ok_or_else(|| Error::invalid("stage_id", "is not a stage of this deal's pipeline"))?;
        let key = new_position(&mut tx, &deal_id, &pipeline_id, &stage_id, after.as_deref()).await?;
        let at = time::to_db(now);
        if stage_id == from_stage {
            sqlx::query("UPDATE deals SET position = ?, updated_at = ? WHERE id = ?")
                .bind(&key)
                .bind(&at)
                .bind(&deal_id)
                .execute(&mut *tx)
                .await?;
        } else {
            enter_stage(&mut tx, &deal_id, &from_stage, (&pipeline_id, &stage_id), &key, now).await?;
        }
        let row: CardRow = sqlx::query_as(select_card!("WHERE d.id = ?")).bind(&deal_id).fetch_one(&mut *tx).await?;
        tx.commit().await?;
        let mut card = DealCard::try_from(row)?;
        card.settle(&stage, now);
        Ok(card)
    }
}

fn check_page(limit: u32) -> Result<()> {
    if limit > MAX_COLUMN_PAGE {
        return Err(Error::invalid("limit", format!("must be at most {MAX_COLUMN_PAGE}")));
    }
    Ok(())
}

/// The open deals of a pipeline that pass `filter`: `FROM … WHERE …` for the sums and the pages.
/// `stages s` is joined when the caller needs the probability, or the filter the rotting period.
fn push_open_deals(
    qb: &mut QueryBuilder<Sqlite>,
    pipeline_id: &str,
    filter: &ValidBoardFilter,
    now: DateTime<Utc>,
    with_stage: bool,
) {
    qb.push(" FROM deals d");
    if with_stage || filter.rotting_only {
        qb.push(" JOIN stages s ON s.id = d.stage_id");
    }
    qb.push(" WHERE d.pipeline_id = ").push_bind(pipeline_id);
    qb.push(" AND d.status = 'open' AND d.deleted_at IS NULL");
    if let Some(search) = &filter.search {
        // Every word, as a prefix, in the title, lead or company; a search of no word finds none.
        match prefix_terms(search) {
            Some(terms) => {
                qb.push(" AND d.seq IN (SELECT rowid FROM deal_search WHERE deal_search MATCH ")
                    .push_bind(terms.join(" "))
                    .push(")");
            }
            None => {
                qb.push(" AND 0");
            }
        }
    }
    if let Some(owner) = &filter.owner {
        qb.push(" AND d.owner = ").push_bind(owner).push(" COLLATE NOCASE");
    }
    if let Some(campaign) = &filter.campaign_id {
        // The lead's source: its first live touchpoint.
        qb.push(
            " AND (SELECT t.campaign_id FROM touchpoints t WHERE t.lead_id = d.lead_id AND t.deleted_at IS NULL
                   ORDER BY t.occurred_at, t.id LIMIT 1) = ",
        )
        .push_bind(campaign);
    }
    if let Some(min) = filter.min_value_minor {
        qb.push(" AND d.value_minor >= ").push_bind(min);
    }
    if let Some(max) = filter.max_value_minor {
        qb.push(" AND d.value_minor <= ").push_bind(max);
    }
    if let Some(from) = filter.close_from {
        qb.push(" AND d.expected_close >= ").push_bind(from.format("%Y-%m-%d").to_string());
    }
    if let Some(to) = filter.close_to {
        qb.push(" AND d.expected_close <= ").push_bind(to.format("%Y-%m-%d").to_string());
    }
    if filter.rotting_only {
        // The same rule as `DealCard::settle`: idle whole days since the later of entering the
        // stage and the last done activity reach the stage's rotting period.
        qb.push(
            " AND s.rotting_days IS NOT NULL
              AND julianday(",
        )
        .push_bind(time::to_db(now))
        .push(
            ") - julianday(max(d.stage_entered_at, coalesce(d.last_activity_done_at, d.stage_entered_at)))
                  >= s.rotting_days",
        );
    }
}

/// Count, value and probability-weighted value of the open deals of each stage and currency.
async fn stage_sums(
    conn: &mut SqliteConnection,
    pipeline_id: &str,
    filter: &ValidBoardFilter,
    now: DateTime<Utc>,
) -> Result<Vec<StageSum>> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT d.stage_id, d.currency, count(*), sum(d.value_minor),
                sum(d.value_minor * coalesce(d.probability, s.probability))",
    );
    push_open_deals(&mut qb, pipeline_id, filter, now, true);
    qb.push(" GROUP BY d.stage_id, d.currency");
    let rows: Vec<(String, String, i64, i64, i64)> = qb.build_query_as().fetch_all(conn).await?;
    Ok(rows
        .into_iter()
        .map(|(stage_id, currency, count, value_minor, weighted)| StageSum {
            stage_id,
            currency,
            count: count as u32,
            value_minor,
            weighted_minor_x100: i128::from(weighted),
        })
        .collect())
}

/// Cards of one column in board order; unsettled (no stage facts yet).
async fn column_cards(
    conn: &mut SqliteConnection,
    pipeline_id: &str,
    stage_id: &str,
    filter: &ValidBoardFilter,
    now: DateTime<Utc>,
    offset: u32,
    limit: u32,
) -> Result<Vec<DealCard>> {
    let mut qb = QueryBuilder::<Sqlite>::new(CARD_COLUMNS);
    push_open_deals(&mut qb, pipeline_id, filter, now, false);
    qb.push(" AND d.stage_id = ").push_bind(stage_id);
    qb.push(" ORDER BY d.position LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
    let rows: Vec<CardRow> = qb.build_query_as().fetch_all(conn).await?;
    rows.into_iter().map(DealCard::try_from).collect()
}

/// Puts a deal at `key` in a stage (`to`: pipeline, stage) it was not in, restarting its time
/// in stage and recording the change.
async fn enter_stage(
    conn: &mut SqliteConnection,
    deal_id: &str,
    from_stage: &str,
    (pipeline_id, stage_id): (&str, &str),
    key: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "UPDATE deals SET pipeline_id = ?1, stage_id = ?2, position = ?3, stage_entered_at = ?4, updated_at = ?4
         WHERE id = ?5",
    )
    .bind(pipeline_id)
    .bind(stage_id)
    .bind(key)
    .bind(time::to_db(now))
    .bind(deal_id)
    .execute(&mut *conn)
    .await?;
    record_stage_change(conn, deal_id, Some(from_stage), stage_id, now).await
}

/// One row of a deal's stage history (`from: None` is where it started).
pub(super) async fn record_stage_change(
    conn: &mut SqliteConnection,
    deal_id: &str,
    from: Option<&str>,
    to: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO deal_stage_changes (id, deal_id, from_stage_id, to_stage_id, changed_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id::new_id(now))
    .bind(deal_id)
    .bind(from)
    .bind(to)
    .bind(time::to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// A key for a card placed after `after` (or first) among the other open cards of the stage.
async fn new_position(
    conn: &mut SqliteConnection,
    deal_id: &str,
    pipeline_id: &str,
    stage_id: &str,
    after: Option<&str>,
) -> Result<String> {
    let before_key: Option<String> = match after {
        None => None,
        Some(after) => Some(
            sqlx::query_scalar(
                "SELECT position FROM deals
                 WHERE id = ? AND pipeline_id = ? AND stage_id = ? AND status = 'open' AND deleted_at IS NULL",
            )
            .bind(after)
            .bind(pipeline_id)
            .bind(stage_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| Error::invalid("after", "is not an open deal in that stage"))?,
        ),
    };
    // Two statements, so each is one range step on deals_on_board.
    let next = match &before_key {
        None => sqlx::query_scalar(
            "SELECT position FROM deals
             WHERE pipeline_id = ?1 AND stage_id = ?2 AND status = 'open' AND deleted_at IS NULL AND id <> ?3
             ORDER BY position LIMIT 1",
        ),
        Some(_) => sqlx::query_scalar(
            "SELECT position FROM deals
             WHERE pipeline_id = ?1 AND stage_id = ?2 AND status = 'open' AND deleted_at IS NULL AND id <> ?3
               AND position > ?4
             ORDER BY position LIMIT 1",
        ),
    };
    let after_key: Option<String> =
        next.bind(pipeline_id).bind(stage_id).bind(deal_id).bind(&before_key).fetch_optional(&mut *conn).await?;
    position::between(before_key.as_deref(), after_key.as_deref())
}

/// Which deals `list_deals` returns; every filter is optional. Won or lost deals come most
/// recently closed first; others newest first.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct DealFilter {
    /// A pipeline's id or name (any case).
    pub pipeline: Option<String>,
    /// A stage's id or name (any case), in any pipeline unless `pipeline` is given.
    pub stage: Option<String>,
    pub status: Option<DealStatus>,
    pub limit: u32,
    pub offset: u32,
}

macro_rules! select_deal {
    ($rest:literal) => {
        concat!(
            "SELECT d.id, d.title, d.lead_id, d.lead_name, d.company_name, d.value_minor, d.currency, d.probability,
                d.owner, d.pipeline_id, p.name AS pipeline, d.stage_id, s.name AS stage, d.expected_close, d.status,
                d.won_at, d.lost_at, r.name AS lost_reason, d.created_at, d.updated_at
             FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages s ON s.id = d.stage_id
             LEFT JOIN lost_reasons r ON r.id = d.lost_reason_id ",
            $rest
        )
    };
}

#[derive(sqlx::FromRow)]
struct DealRow {
    id: String,
    title: String,
    lead_id: String,
    lead_name: String,
    company_name: Option<String>,
    value_minor: i64,
    currency: String,
    probability: Option<i64>,
    owner: Option<String>,
    pipeline_id: String,
    pipeline: String,
    stage_id: String,
    stage: String,
    expected_close: Option<String>,
    status: String,
    won_at: Option<String>,
    lost_at: Option<String>,
    lost_reason: Option<String>,
    created_at: String,
    updated_at: String,
}

impl TryFrom<DealRow> for Deal {
    type Error = Error;
    fn try_from(r: DealRow) -> Result<Deal> {
        let instant = |t: Option<String>| t.as_deref().map(time::from_db).transpose();
        Ok(Deal {
            id: r.id,
            title: r.title,
            lead_id: r.lead_id,
            lead_name: r.lead_name,
            company: r.company_name,
            value_minor: r.value_minor,
            currency: r.currency,
            probability_override: r.probability.map(|p| p.clamp(0, 100) as u8),
            owner: r.owner,
            pipeline_id: r.pipeline_id,
            pipeline: r.pipeline,
            stage_id: r.stage_id,
            stage: r.stage,
            expected_close: r.expected_close.as_deref().map(date).transpose()?,
            status: DealStatus::parse(&r.status)?,
            won_at: instant(r.won_at)?,
            lost_at: instant(r.lost_at)?,
            lost_reason: r.lost_reason,
            created_at: time::from_db(&r.created_at)?,
            updated_at: time::from_db(&r.updated_at)?,
        })
    }
}

fn date(d: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map_err(|e| Error::Conflict(format!("stored date {d:?} is malformed: {e}")))
}

/// A lead's live deals, newest first (at most `limit`).
pub(super) async fn of_lead(conn: &mut SqliteConnection, lead_id: &str, limit: usize) -> Result<Vec<Deal>> {
    let rows: Vec<DealRow> = sqlx::query_as(select_deal!(
        "WHERE d.lead_id = ? AND d.deleted_at IS NULL ORDER BY d.created_at DESC, d.id DESC LIMIT ?"
    ))
    .bind(lead_id)
    .bind(limit as i64)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(Deal::try_from).collect()
}

async fn fetch_deal(conn: &mut SqliteConnection, deal_id: &str) -> Result<Deal> {
    let row: DealRow = sqlx::query_as(select_deal!("WHERE d.id = ?"))
        .bind(deal_id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| Error::not_found("deal", deal_id))?;
    Deal::try_from(row)
}

impl Store {
    /// Deals by pipeline, stage and status, newest first.
    pub async fn list_deals(&self, filter: &DealFilter) -> Result<Vec<Deal>> {
        if filter.limit == 0 || filter.limit > 10_000 {
            return Err(Error::invalid("limit", "must be between 1 and 10000"));
        }
        let mut qb = QueryBuilder::<Sqlite>::new(select_deal!("WHERE d.deleted_at IS NULL"));
        if let Some(p) = filter.pipeline.as_deref().map(str::trim) {
            qb.push(" AND (p.id = ").push_bind(p).push(" OR p.name = ").push_bind(p).push(" COLLATE NOCASE)");
        }
        if let Some(s) = filter.stage.as_deref().map(str::trim) {
            qb.push(" AND (s.id = ").push_bind(s).push(" OR s.name = ").push_bind(s).push(" COLLATE NOCASE)");
        }
        if let Some(status) = filter.status {
            qb.push(" AND d.status = ").push_bind(status.as_str());
        }
        qb.push(match filter.status {
            Some(DealStatus::Won) => " ORDER BY d.won_at DESC, d.id DESC LIMIT ",
            Some(DealStatus::Lost) => " ORDER BY d.lost_at DESC, d.id DESC LIMIT ",
            _ => " ORDER BY d.created_at DESC, d.id DESC LIMIT ",
        })
        .push_bind(filter.limit)
        .push(" OFFSET ")
        .push_bind(filter.offset);
        let rows: Vec<DealRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter().map(Deal::try_from).collect()
    }

    /// The deal with this id, open or closed.
    pub async fn get_deal(&self, deal_id: &str) -> Result<Deal> {
        let deal_id = id::parse_id("id", deal_id)?;
        let mut conn = self.pool.acquire().await?;
        fetch_deal(&mut conn, &deal_id).await
    }

    /// Creates an open deal for a live lead, first in its stage; the stage history starts there.
    pub async fn create_deal(&self, input: &DealInput, now: DateTime<Utc>) -> Result<Deal> {
        let deal = input.validate()?;
        let mut tx = self.write().await?;
        leads::check_reference(&mut tx, &deal.lead_id).await?;
        let id = insert_deal(&mut tx, &deal, now).await?;
        let created = fetch_deal(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Creates a lead and its first deal together (the board's "new lead" choice): both or
    /// neither. `input.lead_id` is ignored. Errors about the lead name fields as `lead_…`.
    pub async fn create_deal_with_lead(&self, lead: &LeadInput, input: &DealInput, now: DateTime<Utc>) -> Result<Deal> {
        let lead = lead.validate().map_err(lead_field)?;
        let mut tx = self.write().await?;
        let lead_id = leads::insert_lead(&mut tx, &lead, now).await?;
        let deal = DealInput { lead_id, ..input.clone() }.validate()?;
        let id = insert_deal(&mut tx, &deal, now).await?;
        let created = fetch_deal(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Saves every field of a deal from the drawer. A new stage (of this pipeline or another)
    /// puts the deal first there and records the change in its stage history.
    pub async fn update_deal(&self, deal_id: &str, input: &DealInput, now: DateTime<Utc>) -> Result<Deal> {
        let deal_id = id::parse_id("id", deal_id)?;
        let deal = input.validate()?;
        let mut tx = self.write().await?;
        let (from_stage,): (String,) = sqlx::query_as("SELECT stage_id FROM deals WHERE id = ? AND deleted_at IS NULL")
            .bind(&deal_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| Error::not_found("deal", &deal_id))?;
        leads::check_reference(&mut tx, &deal.lead_id).await?;
        pipelines::stage_of(&mut tx, &deal.pipeline_id, &deal.stage_id)
            .await?
            .ok_or_else(|| Error::invalid("stage_id", "is not a stage of that pipeline"))?;
        let at = time::to_db(now);
        sqlx::query(
            "UPDATE deals SET title = ?1, lead_id = ?2, value_minor = ?3, currency = ?4, expected_close = ?5,
                    probability = ?6, owner = ?7, updated_at = ?8
             WHERE id = ?9",
        )
        .bind(&deal.title)
        .bind(&deal.lead_id)
        .bind(deal.value_minor)
        .bind(&deal.currency)
        .bind(deal.expected_close.map(|d| d.format("%Y-%m-%d").to_string()))
        .bind(deal.probability.map(i64::from))
        .bind(&deal.owner)
        .bind(&at)
        .bind(&deal_id)
        .execute(&mut *tx)
        .await?;
        if deal.stage_id != from_stage {
            let key = new_position(&mut tx, &deal_id, &deal.pipeline_id, &deal.stage_id, None).await?;
            enter_stage(&mut tx, &deal_id, &from_stage, (&deal.pipeline_id, &deal.stage_id), &key, now).await?;
        }
        let saved = fetch_deal(&mut tx, &deal_id).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Marks a deal won or lost (with a reason from the list), or reopens it.
    pub async fn set_deal_status(&self, deal_id: &str, change: &StatusChange, now: DateTime<Utc>) -> Result<Deal> {
        let deal_id = id::parse_id("id", deal_id)?;
        let mut tx = self.write().await?;
        let current: String = sqlx::query_scalar("SELECT status FROM deals WHERE id = ? AND deleted_at IS NULL")
            .bind(&deal_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| Error::not_found("deal", &deal_id))?;
        let at = time::to_db(now);
        let (status, won_at, lost_at, reason_id) = match change {
            StatusChange::Won => ("won", Some(at.clone()), None, None),
            StatusChange::Open => ("open", None, None, None),
            StatusChange::Lost { reason } => {
                let reason_id: String = sqlx::query_scalar(
                    "SELECT id FROM lost_reasons WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL",
                )
                .bind(reason.trim())
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| {
                    Error::invalid("reason", format!("{:?} is not one of the lost reasons", reason.trim()))
                })?;
                ("lost", None, Some(at.clone()), Some(reason_id))
            }
        };
        // Lost again may change the reason; anything else repeated is a mistake worth saying.
        if current == status && !matches!(change, StatusChange::Lost { .. }) {
            return Err(Error::Conflict(format!("this deal is already {status}")));
        }
        sqlx::query(
            "UPDATE deals SET status = ?1, won_at = ?2, lost_at = ?3, lost_reason_id = ?4, updated_at = ?5 WHERE id = ?6",
        )
        .bind(status)
        .bind(won_at)
        .bind(lost_at)
        .bind(reason_id)
        .bind(&at)
        .bind(&deal_id)
        .execute(&mut *tx)
        .await?;
        let followed = match change {
            StatusChange::Won => DealChange::Won,
            StatusChange::Lost { .. } => DealChange::Lost,
            StatusChange::Open => DealChange::Reopened,
        };
        lead_events::after_deal(&mut tx, &deal_id, followed, now).await?;
        let deal = fetch_deal(&mut tx, &deal_id).await?;
        tx.commit().await?;
        Ok(deal)
    }
}

/// Writes a new open deal, first in its stage, and starts its stage history; returns its id.
async fn insert_deal(tx: &mut SqliteConnection, deal: &ValidDeal, now: DateTime<Utc>) -> Result<String> {
    pipelines::stage_of(&mut *tx, &deal.pipeline_id, &deal.stage_id)
        .await?
        .ok_or_else(|| Error::invalid("stage_id", "is not a stage of that pipeline"))?;
    let id = id::new_id(now);
    let key = new_position(&mut *tx, &id, &deal.pipeline_id, &deal.stage_id, None).await?;
    let at = time::to_db(now);
    sqlx::query(
        "INSERT INTO deals (id, title, lead_id, value_minor, currency, expected_close, probability, owner,
                            pipeline_id, stage_id, position, stage_entered_at, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'open', ?12, ?12)",
    )
    .bind(&id)
    .bind(&deal.title)
    .bind(&deal.lead_id)
    .bind(deal.value_minor)
    .bind(&deal.currency)
    .bind(deal.expected_close.map(|d| d.format("%Y-%m-%d").to_string()))
    .bind(deal.probability.map(i64::from))
    .bind(&deal.owner)
    .bind(&deal.pipeline_id)
    .bind(&deal.stage_id)
    .bind(&key)
    .bind(&at)
    .execute(&mut *tx)
    .await?;
    record_stage_change(&mut *tx, &id, None, &deal.stage_id, now).await?;
    lead_events::after_deal(&mut *tx, &id, DealChange::Created, now).await?;
    Ok(id)
}

/// A lead's field, as the new-deal form names it beside the deal's own fields.
fn lead_field(e: Error) -> Error {
    match e {
        Error::Invalid { field, reason } => Error::Invalid {
            field: match field {
                "name" => "lead_name",
                "email" => "lead_email",
                "company" => "lead_company",
                _ => "lead",
            },
            reason,
        },
        other => other,
    }
}
