//! The campaign page: a campaign with its numbers, calendar items, the leads it touched and
//! their deals. Leads and deals are counted exactly as `campaign_numbers` counts them.

use super::Store;
use super::calendar_items::when;
use crate::Result;
use crate::model::calendar::{ItemStatus, ItemType};
use crate::model::campaign::{CampaignDeal, CampaignItem, CampaignLead, CampaignPage, PAGE_ROWS};
use crate::model::deal::{Amount, DealStatus};
use crate::model::lead::LifecycleStage;
use crate::model::{id, time};

type ItemRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    bool,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    bool,
);

/// id, title, lead id, lead name, stage, status, value, currency.
type DealRow = (String, String, String, String, String, String, i64, String);

impl Store {
    pub async fn campaign_page(&self, campaign_id: &str) -> Result<CampaignPage> {
        let campaign_id = id::parse_id("id", campaign_id)?;
        let campaign = self.get_campaign(&campaign_id).await?;
        let numbers = self.campaign_numbers(&campaign_id).await?;
        let mut conn = self.pool.acquire().await?;
        let items: Vec<ItemRow> = sqlx::query_as(
            "SELECT id, title, item_type, channel, status, all_day, starts_at, ends_at, start_date, end_date,
                 rrule IS NOT NULL
             FROM calendar_items
             WHERE campaign_id = ?1 AND deleted_at IS NULL AND series_id IS NULL
             ORDER BY coalesce(starts_at, start_date), id LIMIT ?2",
        )
        .bind(&campaign_id)
        .bind(PAGE_ROWS)
        .fetch_all(&mut *conn)
        .await?;
        let items_total: u32 = sqlx::query_scalar(
            "SELECT count(*) FROM calendar_items WHERE campaign_id = ? AND deleted_at IS NULL AND series_id IS NULL",
        )
        .bind(&campaign_id)
        .fetch_one(&mut *conn)
        .await?;
        let leads: Vec<(String, String, Option<String>, String, String, u32)> = sqlx::query_as(
            "SELECT l.id, l.name, c.name, l.lifecycle_stage, max(t.occurred_at), count(*)
             FROM touchpoints t JOIN leads l ON l.id = t.lead_id LEFT JOIN companies c ON c.id = l.company_id
             WHERE t.campaign_id = ?1 AND t.deleted_at IS NULL
             GROUP BY l.id ORDER BY max(t.occurred_at) DESC, l.id LIMIT ?2",
        )
        .bind(&campaign_id)
        .bind(PAGE_ROWS)
        .fetch_all(&mut *conn)
        .await?;
        let deals: Vec<DealRow> = sqlx::query_as(
            "SELECT d.id, d.title, l.id, l.name, s.name, d.status, d.value_minor, d.currency
             FROM deals d JOIN leads l ON l.id = d.lead_id JOIN stages s ON s.id = d.stage_id
             WHERE d.deleted_at IS NULL AND d.lead_id IN
                 (SELECT lead_id FROM touchpoints WHERE campaign_id = ?1 AND deleted_at IS NULL)
             ORDER BY d.status <> 'open', d.value_minor DESC, d.id LIMIT ?2",
        )
        .bind(&campaign_id)
        .bind(PAGE_ROWS)
        .fetch_all(&mut *conn)
        .await?;
        Ok(CampaignPage {
            items: items
                .into_iter()
                .map(|(id, title, kind, channel, status, all_day, starts, ends, start_date, end_date, repeats)| {
                    Ok(CampaignItem {
                        when: when(
                            &id,
                            all_day,
                            starts.as_deref(),
                            ends.as_deref(),
                            start_date.as_deref(),
                            end_date.as_deref(),
                        )?,
                        item_type: ItemType::parse(&kind)?,
                        status: ItemStatus::parse(&status)?,
                        id,
                        title,
                        channel,
                        repeats,
                    })
                })
                .collect::<Result<_>>()?,
            items_total,
            leads: leads
                .into_iter()
                .map(|(id, name, company, stage, last, touchpoints)| {
                    Ok(CampaignLead {
                        lifecycle_stage: LifecycleStage::parse(&stage)?,
                        last_touch: time::from_db(&last)?,
                        id,
                        name,
                        company,
                        touchpoints,
                    })
                })
                .collect::<Result<_>>()?,
            deals: deals
                .into_iter()
                .map(|(id, title, lead_id, lead_name, stage, status, minor, currency)| {
                    Ok(CampaignDeal {
                        status: DealStatus::parse(&status)?,
                        value: Amount { currency, minor },
                        id,
                        title,
                        lead_id,
                        lead_name,
                        stage,
                    })
                })
                .collect::<Result<_>>()?,
            campaign,
            numbers,
        })
    }
}
