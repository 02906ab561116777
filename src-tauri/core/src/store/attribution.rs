//! Attribution over a period or for one campaign: sums of the credits kept per lead and deal
//! (`credits`), turned into each campaign's numbers by `model::attribution::totals`.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::{Store, from_json};
use crate::model::attribution::{Attribution, Credit, Model, Summed, What, totals};
use crate::model::id;
use crate::{Error, Result};

/// Which leads and deals count: those created in a period, or those that credit one campaign.
enum Scope<'a> {
    Period { from: &'a str, to: &'a str },
    Campaign(&'a str),
}

impl Store {
    /// Every campaign's credit under `model` for the leads and deals created from `from` up to,
    /// not including, `to` (either open).
    pub async fn attribution(
        &self,
        model: Model,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Attribution> {
        if let (Some(f), Some(t)) = (from, to)
            && t <= f
        {
            return Err(Error::invalid("to", format!("{t} is not after {f}")));
        }
        let from = from.map_or_else(|| "0000".to_owned(), |d| d.to_string());
        let to = to.map_or_else(|| "9999".to_owned(), |d| d.to_string());
        self.settle_credits().await?;
        let mut tx = self.pool.begin().await?;
        let result = read(&mut tx, model, Scope::Period { from: &from, to: &to }).await?;
        tx.commit().await?;
        Ok(result)
    }

    /// One campaign's credit under `model`, all time: what its page shows. The same sums as
    /// `attribution`, of the rows crediting this campaign, so the two agree.
    pub async fn campaign_attribution(&self, campaign_id: &str, model: Model) -> Result<Credit> {
        let campaign_id = id::parse_id("id", campaign_id)?;
        self.settle_credits().await?;
        let mut tx = self.pool.begin().await?;
        let name: Option<String> = sqlx::query_scalar("SELECT name FROM campaigns WHERE id = ?")
            .bind(&campaign_id)
            .fetch_optional(&mut *tx)
            .await?;
        let name = name.ok_or_else(|| Error::not_found("campaign", &campaign_id))?;
        let all = read(&mut tx, model, Scope::Campaign(&campaign_id)).await?;
        tx.commit().await?;
        Ok(all.campaigns.into_iter().find(|c| c.campaign_id == campaign_id).unwrap_or(Credit {
            campaign_id,
            campaign: name,
            leads: 0.0,
            deals: 0.0,
            pipeline: vec![],
            won: vec![],
        }))
    }
}

type SumRow = (Option<String>, i64, Option<String>, f64, Option<f64>);

async fn read(conn: &mut SqliteConnection, model: Model, scope: Scope<'_>) -> Result<Attribution> {
    // Rows cross as one JSON text per query: sqlx costs microseconds a row, and a year's sums are
    // thousands of rows.
    let campaigns: Vec<(String, String)> = from_json(
        sqlx::query_scalar(
            "SELECT json_group_array(json_array(id, name)) FROM
               (SELECT id, name FROM campaigns WHERE deleted_at IS NULL ORDER BY rowid)",
        )
        .fetch_one(&mut *conn)
        .await?,
        "attribution sums",
    )?;
    let index: HashMap<&str, u32> = campaigns.iter().enumerate().map(|(i, (id, _))| (id.as_str(), i as u32)).collect();
    // Both statements walk `credits_summed` in its order, so the grouping needs no sort. Each is
    // bound to three parameters; one that needs two names the third in a condition that always
    // holds (`?3 = ?3`).
    let (sql, arg2, arg3) = match scope {
        Scope::Period { from, to } => (
            "SELECT json_group_array(json_array(campaign_id, what, currency, share, value)) FROM
               (SELECT campaign_id, what, currency, sum(share) AS share, sum(value) AS value
                FROM credits INDEXED BY credits_summed
                WHERE model = ?1 AND day >= ?2 AND day < ?3 GROUP BY campaign_id, what, currency)",
            from,
            to,
        ),
        Scope::Campaign(campaign) => (
            "SELECT json_group_array(json_array(campaign_id, what, currency, share, value)) FROM
               (SELECT campaign_id, what, currency, sum(share) AS share, sum(value) AS value
                FROM credits INDEXED BY credits_summed
                WHERE model = ?1 AND campaign_id = ?2 AND ?3 = ?3 GROUP BY campaign_id, what, currency)",
            campaign,
            "",
        ),
    };
    let rows: Vec<SumRow> = from_json(
        sqlx::query_scalar(sql).bind(model.code()).bind(arg2).bind(arg3).fetch_one(&mut *conn).await?,
        "attribution sums",
    )?;
    let summed = rows
        .into_iter()
        .map(|(campaign, what, currency, share, value)| {
            Ok(Summed {
                // A deleted campaign's share is credited to none.
                campaign: campaign.as_deref().and_then(|c| index.get(c).copied()),
                what: What::from_code(what)?,
                currency,
                share,
                value: value.unwrap_or(0.0),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(totals(model, &campaigns, &summed))
}
