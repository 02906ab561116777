//! What the board's filter menus offer: the owners of open deals and the campaigns.

use super::Store;
use crate::Result;
use crate::model::{BoardFacets, CampaignRef};

impl Store {
    pub async fn board_facets(&self) -> Result<BoardFacets> {
        let owners = sqlx::query_scalar(
            "SELECT DISTINCT owner FROM deals
             WHERE deleted_at IS NULL AND status = 'open' AND owner IS NOT NULL
             ORDER BY owner COLLATE NOCASE",
        )
        .fetch_all(&self.pool)
        .await?;
        let campaigns = sqlx::query_as::<_, (String, String)>(
            "SELECT id, name FROM campaigns WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, name)| CampaignRef { id, name })
        .collect();
        Ok(BoardFacets { owners, campaigns })
    }
}
