//! Campaigns: create, edit, archive, tombstone and restore, and the filtered list.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};

use super::Store;
use crate::model::campaign::{Campaign, CampaignInput, CampaignNumbers, CampaignStatus, ValidCampaign};
use crate::model::deal::Amount;
use crate::model::{id, time};
use crate::{Error, Result};

/// Which campaigns the list shows, in what order. Every filter is optional.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct CampaignQuery {
    pub status: Option<CampaignStatus>,
    /// A channel the campaign uses (any case).
    pub channel: Option<String>,
    /// Campaigns running on or after this date (`YYYY-MM-DD`): ending then or later, or open-ended.
    pub from: Option<String>,
    /// Campaigns running on or before this date: starting then or earlier, or without a start.
    pub to: Option<String>,
    pub include_archived: bool,
    pub sort: CampaignSort,
    pub descending: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum CampaignSort {
    #[default]
    Start,
    Name,
    Status,
    Budget,
}

/// The most campaigns one list returns; a small business has dozens, the large demo 2,000.
pub const MAX_CAMPAIGNS: usize = 5_000;

macro_rules! select_campaign {
    ($rest:literal) => {
        concat!(
            "SELECT id, name, objective, channels, start_date, end_date, currency, budget_minor, spend_minor, status,
                color, owner, code, notes, archived_at, created_at, updated_at, deleted_at FROM campaigns ",
            $rest
        )
    };
}

#[derive(FromRow)]
struct CampaignRow {
    id: String,
    name: String,
    objective: Option<String>,
    channels: String,
    start_date: Option<String>,
    end_date: Option<String>,
    currency: String,
    budget_minor: i64,
    spend_minor: i64,
    status: String,
    color: Option<String>,
    owner: Option<String>,
    code: Option<String>,
    notes: Option<String>,
    archived_at: Option<String>,
    created_at: String,
    updated_at: String,
    deleted_at: Option<String>,
}

impl TryFrom<CampaignRow> for Campaign {
    type Error = Error;
    fn try_from(r: CampaignRow) -> Result<Campaign> {
        let date = |d: Option<String>| {
            d.map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| Error::Conflict(format!("bad date {d:?}"))))
                .transpose()
        };
        let instant = |t: Option<String>| t.as_deref().map(time::from_db).transpose();
        Ok(Campaign {
            id: r.id,
            name: r.name,
            objective: r.objective,
            channels: serde_json::from_str(&r.channels).unwrap_or_default(),
            start_date: date(r.start_date)?,
            end_date: date(r.end_date)?,
            currency: r.currency,
            budget_minor: r.budget_minor,
            spend_minor: r.spend_minor,
            status: CampaignStatus::parse(&r.status)?,
            color: r.color,
            owner: r.owner,
            code: r.code,
            notes: r.notes,
            archived_at: instant(r.archived_at)?,
            created_at: time::from_db(&r.created_at)?,
            updated_at: time::from_db(&r.updated_at)?,
            deleted_at: instant(r.deleted_at)?,
        })
    }
}

impl Store {
    pub async fn create_campaign(&self, input: &CampaignInput, now: DateTime<Utc>) -> Result<Campaign> {
        let c = input.validate()?;
        let id = id::new_id(now);
        let mut tx = self.write().await?;
        check_code(&mut tx, c.code.as_deref(), &id).await?;
        let at = time::to_db(now);
        bind_fields(
            sqlx::query(
                "INSERT INTO campaigns (name, objective, channels, start_date, end_date, currency, budget_minor,
                     spend_minor, status, color, owner, code, notes, id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
            ),
            &c,
        )
        .bind(&id)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let created = fetch(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Saves every field of a live campaign.
    pub async fn update_campaign(
        &self,
        campaign_id: &str,
        input: &CampaignInput,
        now: DateTime<Utc>,
    ) -> Result<Campaign> {
        let campaign_id = id::parse_id("id", campaign_id)?;
        let c = input.validate()?;
        let mut tx = self.write().await?;
        live(&mut tx, &campaign_id).await?;
        check_code(&mut tx, c.code.as_deref(), &campaign_id).await?;
        bind_fields(
            sqlx::query(
                "UPDATE campaigns SET name = ?1, objective = ?2, channels = ?3, start_date = ?4, end_date = ?5,
                     currency = ?6, budget_minor = ?7, spend_minor = ?8, status = ?9, color = ?10, owner = ?11,
                     code = ?12, notes = ?13, updated_at = ?15
                 WHERE id = ?14",
            ),
            &c,
        )
        .bind(&campaign_id)
        .bind(time::to_db(now))
        .execute(&mut *tx)
        .await?;
        let updated = fetch(&mut tx, &campaign_id).await?;
        tx.commit().await?;
        Ok(updated)
    }

    /// The campaign with this id, live or deleted.
    pub async fn get_campaign(&self, campaign_id: &str) -> Result<Campaign> {
        let campaign_id = id::parse_id("id", campaign_id)?;
        let mut conn = self.pool.acquire().await?;
        fetch(&mut conn, &campaign_id).await
    }

    /// Archives a live campaign (it leaves the default list, keeps its numbers), or brings it back.
    pub async fn archive_campaign(&self, campaign_id: &str, archived: bool, now: DateTime<Utc>) -> Result<Campaign> {
        self.stamp(campaign_id, "archived_at", archived, now).await
    }

    /// Tombstones a campaign; its items, touchpoints and numbers stay, and `restore_campaign` undoes it.
    pub async fn delete_campaign(&self, campaign_id: &str, now: DateTime<Utc>) -> Result<Campaign> {
        self.stamp(campaign_id, "deleted_at", true, now).await
    }

    pub async fn restore_campaign(&self, campaign_id: &str, now: DateTime<Utc>) -> Result<Campaign> {
        self.stamp(campaign_id, "deleted_at", false, now).await
    }

    /// Sets (`on`) or clears one of the two time stamps that hide a campaign.
    async fn stamp(&self, campaign_id: &str, column: &'static str, on: bool, now: DateTime<Utc>) -> Result<Campaign> {
        let campaign_id = id::parse_id("id", campaign_id)?;
        let mut tx = self.write().await?;
        let current = fetch(&mut tx, &campaign_id).await?;
        if column == "archived_at" && current.deleted_at.is_some() {
            return Err(Error::Conflict(format!("campaign {:?} is deleted; restore it first", current.name)));
        }
        let at = time::to_db(now);
        let mut qb = QueryBuilder::<Sqlite>::new("UPDATE campaigns SET ");
        qb.push(column).push(" = ");
        if on {
            qb.push("coalesce(").push(column).push(", ").push_bind(&at).push(")");
        } else {
            qb.push("NULL");
        }
        qb.push(", updated_at = ").push_bind(&at).push(" WHERE id = ").push_bind(&campaign_id);
        qb.build().execute(&mut *tx).await?;
        let changed = fetch(&mut tx, &campaign_id).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// The campaign page's numbers: leads with a touchpoint from it, their live deals (open
    /// value, won value), and spend per lead.
    pub async fn campaign_numbers(&self, campaign_id: &str) -> Result<CampaignNumbers> {
        let campaign_id = id::parse_id("id", campaign_id)?;
        let mut conn = self.pool.acquire().await?;
        let campaign = fetch(&mut conn, &campaign_id).await?;
        let leads: i64 = sqlx::query_scalar(
            "SELECT count(DISTINCT lead_id) FROM touchpoints WHERE campaign_id = ? AND deleted_at IS NULL",
        )
        .bind(&campaign_id)
        .fetch_one(&mut *conn)
        .await?;
        let sums: Vec<(String, String, i64, i64)> = sqlx::query_as(
            "SELECT d.status, d.currency, count(*), sum(d.value_minor) FROM deals d
             WHERE d.deleted_at IS NULL AND d.lead_id IN
                 (SELECT lead_id FROM touchpoints WHERE campaign_id = ? AND deleted_at IS NULL)
             GROUP BY d.status, d.currency ORDER BY d.currency",
        )
        .bind(&campaign_id)
        .fetch_all(&mut *conn)
        .await?;
        let of = |status: &str| -> Vec<Amount> {
            sums.iter().filter(|s| s.0 == status).map(|s| Amount { currency: s.1.clone(), minor: s.3 }).collect()
        };
        let count =
            |status: Option<&str>| sums.iter().filter(|s| status.is_none_or(|st| s.0 == st)).map(|s| s.2).sum::<i64>();
        let spend = Amount { currency: campaign.currency.clone(), minor: campaign.spend_minor };
        Ok(CampaignNumbers {
            leads: u32::try_from(leads).unwrap_or(u32::MAX),
            deals: u32::try_from(count(None)).unwrap_or(u32::MAX),
            pipeline: of("open"),
            won: of("won"),
            won_deals: u32::try_from(count(Some("won"))).unwrap_or(u32::MAX),
            cost_per_lead: (leads > 0).then(|| Amount {
                currency: campaign.currency.clone(),
                // Rounded half up, in integers.
                minor: (campaign.spend_minor * 2 + leads) / (leads * 2),
            }),
            spend,
        })
    }

    /// Live campaigns under `query`, in its order.
    pub async fn list_campaigns(&self, query: &CampaignQuery) -> Result<Vec<Campaign>> {
        let from = crate::model::text::date("from", query.from.as_deref())?;
        let to = crate::model::text::date("to", query.to.as_deref())?;
        let mut qb = QueryBuilder::<Sqlite>::new(select_campaign!("WHERE deleted_at IS NULL"));
        if !query.include_archived {
            qb.push(" AND archived_at IS NULL");
        }
        if let Some(status) = query.status {
            qb.push(" AND status = ").push_bind(status.as_str());
        }
        if let Some(channel) = query.channel.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            qb.push(" AND EXISTS (SELECT 1 FROM json_each(campaigns.channels) WHERE value = ")
                .push_bind(channel.to_owned())
                .push(" COLLATE NOCASE)");
        }
        if let Some(from) = from {
            qb.push(" AND (end_date IS NULL OR end_date >= ").push_bind(from.to_string()).push(")");
        }
        if let Some(to) = to {
            qb.push(" AND (start_date IS NULL OR start_date <= ").push_bind(to.to_string()).push(")");
        }
        let dir = if query.descending { "DESC" } else { "ASC" };
        qb.push(match query.sort {
            CampaignSort::Start => format!(" ORDER BY start_date IS NULL, start_date {dir}, name COLLATE NOCASE, id"),
            CampaignSort::Name => format!(" ORDER BY name COLLATE NOCASE {dir}, id"),
            CampaignSort::Status => format!(
                " ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'planned' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END {dir}, start_date, id"
            ),
            CampaignSort::Budget => format!(" ORDER BY budget_minor {dir}, name COLLATE NOCASE, id"),
        });
        qb.push(" LIMIT ").push_bind(MAX_CAMPAIGNS as i64);
        let rows: Vec<CampaignRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter().map(Campaign::try_from).collect()
    }
}

/// Binds `?1`–`?13`: the campaign's own fields, in the order the statements above name them.
fn bind_fields<'q>(
    q: sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments>,
    c: &ValidCampaign,
) -> sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments> {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    q.bind(c.name.clone())
        .bind(c.objective.clone())
        .bind(serde_json::to_string(&c.channels).expect("strings serialise"))
        .bind(day(c.start_date))
        .bind(day(c.end_date))
        .bind(c.currency.clone())
        .bind(c.budget_minor)
        .bind(c.spend_minor)
        .bind(c.status.as_str())
        .bind(c.color.clone())
        .bind(c.owner.clone())
        .bind(c.code.clone())
        .bind(c.notes.clone())
}

async fn fetch(conn: &mut SqliteConnection, campaign_id: &str) -> Result<Campaign> {
    let row: CampaignRow = sqlx::query_as(select_campaign!("WHERE id = ?"))
        .bind(campaign_id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| Error::not_found("campaign", campaign_id))?;
    Campaign::try_from(row)
}

async fn live(conn: &mut SqliteConnection, campaign_id: &str) -> Result<()> {
    let c = fetch(conn, campaign_id).await?;
    if c.deleted_at.is_some() {
        return Err(Error::Conflict(format!("campaign {:?} is deleted; restore it first", c.name)));
    }
    Ok(())
}

/// A code names one campaign, whatever its case, deleted ones included (they can come back).
async fn check_code(conn: &mut SqliteConnection, code: Option<&str>, campaign_id: &str) -> Result<()> {
    let Some(code) = code else { return Ok(()) };
    let holder: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT name, deleted_at FROM campaigns WHERE code = ? COLLATE NOCASE AND id <> ?")
            .bind(code)
            .bind(campaign_id)
            .fetch_optional(conn)
            .await?;
    match holder {
        None => Ok(()),
        Some((name, deleted)) => Err(Error::invalid(
            "code",
            format!(
                "{code:?} is already the code of {}campaign {name:?}",
                if deleted.is_some() { "the deleted " } else { "" }
            ),
        )),
    }
}
