//! The facts attribution needs, read compactly: every touchpoint, lead and deal of a period as
//! one text each (sqlx costs microseconds a row, and a year holds hundreds of thousands of
//! touchpoints), then credited by `model::attribution::attribute`. Instants cross as the digits
//! of their stored text, which sort as the instants do.

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
    let campaigns: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM campaigns WHERE deleted_at IS NULL ORDER BY rowid")
            .fetch_all(&mut *conn)
            .await?;
    let index: HashMap<&str, u32> = campaigns.iter().enumerate().map(|(i, (id, _))| (id.as_str(), i as u32)).collect();

    // Each statement is bound to both parameters; one that needs a single one names the other in
    // a condition that always holds (`?2 = ?2`).
    let (leads_sql, deals_sql, touches_sql, arg1, arg2) = match scope {
        Scope::Period { from, to } => (
            "SELECT group_concat(id, ',') FROM leads WHERE deleted_at IS NULL AND created_at >= ?1 AND created_at < ?2",
            "SELECT group_concat(d.lead_id || ',' || d.created_at || ',' || d.status || ',' || d.value_minor
                                     || ',' || d.currency, ';')
                 FROM deals d WHERE d.deleted_at IS NULL AND d.created_at >= ?1 AND d.created_at < ?2",
            // Every touchpoint: a deal of the period may come from a lead of an earlier one.
            "SELECT group_concat(lead_id, ','), group_concat(coalesce(campaign_id, ''), ','), group_concat(occurred_at, ',')
                 FROM touchpoints INDEXED BY touchpoints_attribution WHERE deleted_at IS NULL AND ?1 = ?1 AND ?2 = ?2",
            from.to_owned(),
            to.to_owned(),
        ),
        Scope::Campaign(campaign) => (
            "SELECT group_concat(id, ',') FROM leads
             WHERE deleted_at IS NULL AND ?2 = ?2
               AND id IN (SELECT lead_id FROM touchpoints WHERE campaign_id = ?1 AND deleted_at IS NULL)",
            "SELECT group_concat(d.lead_id || ',' || d.created_at || ',' || d.status || ',' || d.value_minor
                                     || ',' || d.currency, ';')
                 FROM deals d WHERE d.deleted_at IS NULL AND ?2 = ?2
                   AND d.lead_id IN (SELECT lead_id FROM touchpoints WHERE campaign_id = ?1 AND deleted_at IS NULL)",
            "SELECT group_concat(lead_id, ','), group_concat(coalesce(campaign_id, ''), ','), group_concat(occurred_at, ',')
                 FROM touchpoints INDEXED BY touchpoints_attribution WHERE deleted_at IS NULL AND ?2 = ?2
                   AND lead_id IN (SELECT lead_id FROM touchpoints WHERE campaign_id = ?1 AND deleted_at IS NULL)",
            campaign.to_owned(),
            String::new(),
        ),
    };
    let text = |sql: &'static str| sqlx::query_scalar::<_, Option<String>>(sql).bind(arg1.clone()).bind(arg2.clone());
    let leads_text = text(leads_sql).fetch_one(&mut *conn).await?.unwrap_or_default();
    let deals_text = text(deals_sql).fetch_one(&mut *conn).await?.unwrap_or_default();
    // Three columns, one text each: joining each row's fields first cost twice as much.
    let (touch_leads, touch_campaigns, touch_times): (Option<String>, Option<String>, Option<String>) =
        sqlx::query_as(touches_sql).bind(arg1.clone()).bind(arg2.clone()).fetch_one(&mut *conn).await?;
    let (touch_leads, touch_campaigns, touch_times) =
        (touch_leads.unwrap_or_default(), touch_campaigns.unwrap_or_default(), touch_times.unwrap_or_default());
    // Deleted leads are few: their deals and touchpoints are left out here rather than by a join
    // that looked up the lead of every deal and touchpoint.
    let deleted: Option<String> =
        sqlx::query_scalar("SELECT group_concat(id, ',') FROM leads WHERE deleted_at IS NOT NULL")
            .fetch_one(&mut *conn)
            .await?;
    let deleted: std::collections::HashSet<&str> = deleted.as_deref().unwrap_or("").split(',').collect();

    // Touches first: numbering leads in the index's order keeps the touches sorted by lead.
    let mut numbers: Numbers = HashMap::default();
    let mut touches = Vec::new();
    let mut campaign_ids = touch_campaigns.split(',');
    let mut times = touch_times.split(',');
    for lead_id in touch_leads.split(',').filter(|s| !s.is_empty()) {
        let (Some(campaign), Some(at)) = (campaign_ids.next(), times.next()) else {
            return Err(Error::Conflict("touchpoint facts are incomplete".into()));
        };
        if deleted.contains(lead_id) {
            continue;
        }
        let lead = number_of(&mut numbers, lead_id);
        touches.push(Touch { lead, campaign: index.get(campaign).copied(), at: instant(at)? });
    }
    if !touches.is_sorted_by_key(|t| (t.lead, t.at)) {
        touches.sort_unstable_by_key(|t| (t.lead, t.at));
    }
    let leads: Vec<i64> = leads_text.split(',').filter(|s| !s.is_empty()).map(|l| number_of(&mut numbers, l)).collect();
    let mut deals = Vec::new();
    for row in deals_text.split(';').filter(|s| !s.is_empty()) {
        let mut f = row.splitn(5, ',');
        let mut next = || f.next().ok_or_else(|| Error::Conflict(format!("deal facts {row:?} are incomplete")));
        let lead_id = next()?;
        if deleted.contains(lead_id) {
            continue;
        }
        let lead = number_of(&mut numbers, lead_id);
        deals.push(DealFact {
            lead,
            created: instant(next()?)?,
            status: DealStatus::parse(next()?)?,
            value_minor: number(next()?)?,
            currency: next()?.to_owned(),
        });
    }
    Ok(attribute(model, &campaigns, &touches, &leads, &deals))
}

/// Lead ids are UUIDs: random enough that a hash of their bytes needs no protection from
/// collisions crafted by an attacker, and SipHash's cost showed in the profile.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Numbers<'a> = HashMap<&'a str, i64, std::hash::BuildHasherDefault<IdHasher>>;

/// A number for each lead id, given in the order they are first seen.
fn number_of<'a>(numbers: &mut Numbers<'a>, lead: &'a str) -> i64 {
    let next = numbers.len() as i64;
    *numbers.entry(lead).or_insert(next)
}

/// A stored instant ("2026-11-27T13:12:54.123Z") as a number that sorts the same way: its digits.
fn instant(s: &str) -> Result<i64> {
    let mut n: i64 = 0;
    let mut digits = 0;
    for b in s.bytes().filter(u8::is_ascii_digit) {
        n = n * 10 + i64::from(b - b'0');
        digits += 1;
    }
    if digits == 17 { Ok(n) } else { Err(Error::Conflict(format!("stored time {s:?} is malformed"))) }
}

fn number(s: &str) -> Result<i64> {
    s.parse().map_err(|_| Error::Conflict(format!("{s:?} is not a number")))
}
