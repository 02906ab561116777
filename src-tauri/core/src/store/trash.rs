//! The trash: deleted leads, newest deletion first, to be restored (`restore_lead`). A lead's
//! deals, touchpoints and activities stay attached to it while it is deleted and come back with it.

use serde::Serialize;
use ts_rs::TS;

use super::Store;
use crate::model::time;
use crate::{Error, Result};

/// A deleted lead, and what comes back with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeletedLead {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub company: Option<String>,
    pub deleted_at: chrono::DateTime<chrono::Utc>,
    pub deals: u32,
    pub touchpoints: u32,
    pub activities: u32,
}

/// The most deleted leads one page of the trash shows.
pub const TRASH_PAGE: u32 = 200;

impl Store {
    /// Deleted leads, most recently deleted first, from `offset`.
    pub async fn deleted_leads(&self, offset: u32) -> Result<Vec<DeletedLead>> {
        type Row = (String, String, Option<String>, Option<String>, String, i64, i64, i64);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT l.id, l.name, l.email, c.name, l.deleted_at,
                    (SELECT count(*) FROM deals d WHERE d.lead_id = l.id AND d.deleted_at IS NULL),
                    (SELECT count(*) FROM touchpoints t WHERE t.lead_id = l.id AND t.deleted_at IS NULL),
                    (SELECT count(*) FROM activities a WHERE a.lead_id = l.id AND a.deleted_at IS NULL)
             FROM leads l INDEXED BY leads_deleted LEFT JOIN companies c ON c.id = l.company_id
             WHERE l.deleted_at IS NOT NULL
               AND l.id NOT IN (SELECT merged_id FROM lead_merges WHERE undone_at IS NULL)
             ORDER BY l.deleted_at DESC, l.id LIMIT ?1 OFFSET ?2",
        )
        .bind(TRASH_PAGE)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, name, email, company, deleted_at, deals, touchpoints, activities)| {
                Ok(DeletedLead {
                    id,
                    name,
                    email,
                    company,
                    deleted_at: time::from_db(&deleted_at)?,
                    deals: u32::try_from(deals).map_err(|e| Error::Conflict(e.to_string()))?,
                    touchpoints: u32::try_from(touchpoints).map_err(|e| Error::Conflict(e.to_string()))?,
                    activities: u32::try_from(activities).map_err(|e| Error::Conflict(e.to_string()))?,
                })
            })
            .collect()
    }
}
