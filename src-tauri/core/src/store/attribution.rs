//! The facts attribution needs, read compactly: every touchpoint, lead and deal of a period as
//! one text each (sqlx costs microseconds a row, and a year holds hundreds of thousands of
//! touchpoints), then credited by `model::attribution::attribute`.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::Store;
use crate::model::attribution::{Attribution, Credit, DealFact, Model, Touch, attribute};
use crate::model::deal::DealStatus;
use crate::model::id;
use crate::{Error, Result};

/// Which leads and deals count: all, or those created in a period, or those of one campaign.
enum Scope<'a> {
    Period { from: &'a str, to: &'a str },
    Campaign(&'a str),
}

impl Store {
    /// Every campaign's credit under `model` for the leads and deals created from `from` up to,
    /// not including, `to` (either open).
    pub async fn attribution(&self, model: Model, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Attribution> {
        if let (Some(f), Some(t)) = (from, to)
            && t <= f
        {
            return Err(Error::invalid("to", format!("{t} is not after {f}")));
        }
        let from = from.map_or_else(|| "0000".to_owned(), |d| d.to_string());
        let to = to.map_or_else(|| "9999".to_owned(), |d| d.to_string());
        let mut tx = self.pool.begin().await?;
        let result = read(&mut tx, model, Scope::Period { from: &from, to: &to }).await?;
        tx.commit().await?;
        Ok(result)
    }

    /// One campaign's credit under `model`, all time: what its page shows. The same computation
    /// as `attribution`, over the leads the campaign touched (a lead's credit depends on its own
    /// touchpoints only), so the two agree.
    pub async fn campaign_attribution(&self, campaign_id: &str, model: Model) -> Result<Credit> {
        let campaign_id = id::parse_id("id", campaign_id)?;
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

async fn read(conn: &mut SqliteConnection, model: Model, scope: Scope<'_>) -> Result<Attribution> {
    let campaign_rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT rowid, id, name FROM campaigns WHERE deleted_at IS NULL ORDER BY rowid")
            .fetch_all(&mut *conn)
            .await?;
    let index: HashMap<i64, u32> = campaign_rows.iter().enumerate().map(|(i, (rowid, _, _))| (*rowid, i as u32)).collect();
    let campaigns: Vec<(String, String)> = campaign_rows.into_iter().map(|(_, id, name)| (id, name)).collect();

    // The leads counted: live ones created in the period, or touched by the campaign.
    let (leads_sql, deals_sql, touches_sql, arg1, arg2) = match scope {
        Scope::Period { from, to } => (
            "SELECT group_concat(seq, ',') FROM leads WHERE deleted_at IS NULL AND created_at >= ?1 AND created_at < ?2",
            concat!(
                "SELECT group_concat(l.seq || ',' || unixepoch(d.created_at) || ',' || d.status || ',' || d.value_minor
                                     || ',' || d.currency, ';')
                 FROM deals d JOIN leads l ON l.id = d.lead_id
                 WHERE d.deleted_at IS NULL AND l.deleted_at IS NULL AND d.created_at >= ?1 AND d.created_at < ?2"
            ),
            concat!(
                "SELECT group_concat(l.seq || ',' || coalesce(c.rowid, '') || ',' || unixepoch(t.occurred_at), ';'
                                     ORDER BY l.seq, t.occurred_at)
                 FROM touchpoints t JOIN leads l ON l.id = t.lead_id
                 LEFT JOIN campaigns c ON c.id = t.campaign_id AND c.deleted_at IS NULL
                 WHERE t.deleted_at IS NULL AND l.deleted_at IS NULL AND ?1 = ?1 AND ?2 = ?2"
            ),
            from.to_owned(),
            to.to_owned(),
        ),
        Scope::Campaign(campaign) => (
            "SELECT group_concat(seq, ',') FROM leads
             WHERE deleted_at IS NULL AND id IN (SELECT lead_id FROM touchpoints WHERE campaign_id = ?1 AND deleted_at IS NULL)
               AND ?2 = ?2",
            concat!(
                "SELECT group_concat(l.seq || ',' || unixepoch(d.created_at) || ',' || d.status || ',' || d.value_minor
                                     || ',' || d.currency, ';')
                 FROM deals d JOIN leads l ON l.id = d.lead_id
                 WHERE d.deleted_at IS NULL AND l.deleted_at IS NULL AND ?2 = ?2
                   AND l.id IN (SELECT lead_id FROM touchpoints WHERE campaign_id = ?1 AND deleted_at IS NULL)"
            ),
            concat!(
                "SELECT group_concat(l.seq || ',' || coalesce(c.rowid, '') || ',' || unixepoch(t.occurred_at), ';'
                                     ORDER BY l.seq, t.occurred_at)
                 FROM touchpoints t JOIN leads l ON l.id = t.lead_id
                 LEFT JOIN campaigns c ON c.id = t.campaign_id AND c.deleted_at IS NULL
                 WHERE t.deleted_at IS NULL AND l.deleted_at IS NULL AND ?2 = ?2
                   AND l.id IN (SELECT lead_id FROM touchpoints WHERE campaign_id = ?1 AND deleted_at IS NULL)"
            ),
            campaign.to_owned(),
            String::new(),
        ),
    };
    let text = |sql: &'static str| {
        sqlx::query_scalar::<_, Option<String>>(sql).bind(arg1.clone()).bind(arg2.clone())
    };
    let leads_text = text(leads_sql).fetch_one(&mut *conn).await?.unwrap_or_default();
    let deals_text = text(deals_sql).fetch_one(&mut *conn).await?.unwrap_or_default();
    let touches_text = text(touches_sql).fetch_one(&mut *conn).await?.unwrap_or_default();

    let leads = leads_text.split(',').filter(|s| !s.is_empty()).map(number).collect::<Result<Vec<i64>>>()?;
    let deals = deals_text
        .split(';')
        .filter(|s| !s.is_empty())
        .map(|row| {
            let mut f = row.splitn(5, ',');
            let mut next = || f.next().ok_or_else(|| Error::Conflict(format!("deal facts {row:?} are incomplete")));
            Ok(DealFact {
                lead: number(next()?)?,
                created: number(next()?)?,
                status: DealStatus::parse(next()?)?,
                value_minor: number(next()?)?,
                currency: next()?.to_owned(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let touches = touches_text
        .split(';')
        .filter(|s| !s.is_empty())
        .map(|row| {
            let mut f = row.split(',');
            let mut next = || f.next().ok_or_else(|| Error::Conflict(format!("touchpoint facts {row:?} are incomplete")));
            let lead = number(next()?)?;
            let campaign = match next()? {
                "" => None,
                rowid => index.get(&number(rowid)?).copied(),
            };
            Ok(Touch { lead, campaign, at: number(next()?)? })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(attribute(model, &campaigns, &touches, &leads, &deals))
}

fn number(s: &str) -> Result<i64> {
    s.parse().map_err(|_| Error::Conflict(format!("{s:?} is not a number")))
}
