//! Keeping `credits` true (migrations 0014, 0015, see `derived`): `settle` credits the marked leads again
//! under every model with `model::attribution::credit`, so attribution over any period is a sum
//! of stored shares.

use std::collections::HashMap;

use serde_json::{Value, json};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::{derived, from_json};
use crate::model::attribution::{DealFact, Model, Touch, credit};
use crate::model::deal::DealStatus;
use crate::model::lead::LifecycleStage;
use crate::{Error, Result};

const MODELS: [Model; 3] = [Model::First, Model::Last, Model::Linear];

/// A lead's id, creation, stage, owner and the stages its history names.
type LeadRow = (String, String, String, Option<String>, Option<String>);
/// A deal's creation and owner, beside what attribution reads of it.
type DealDay<'a> = (&'a str, &'a Option<String>);

/// Credits every marked lead again (a deleted one: not at all) and clears the marks.
pub(super) async fn settle(conn: &mut SqliteConnection) -> Result<()> {
    let due: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM credits_due)").fetch_one(&mut *conn).await?;
    if !due {
        return Ok(());
    }
    // A few leads are found through the indexes by lead, many (a demo, an upgrade, an import) by
    // scanning each table once.
    let scan = derived::many_marked(conn, derived::Marks::Credits).await?;
    let chosen = |select: &str, from: &str, key: &str, filter: &str| {
        let mut qb = QueryBuilder::<Sqlite>::new(format!("SELECT json_group_array(json_array({select})) FROM {from}"));
        if scan {
            qb.push(format!(" WHERE {filter}"));
        } else {
            qb.push(format!(" WHERE {key} IN (SELECT lead_id FROM credits_due) AND {filter}"));
        }
        qb
    };
    // With each lead, the stages its history names (comma-separated), for how far it got.
    let leads: Vec<LeadRow> = from_json(
        sqlx::query_scalar(
            "SELECT json_group_array(json_array(l.id, l.created_at, l.lifecycle_stage, l.owner,
                      (SELECT group_concat(e.from_value || ',' || e.to_value) FROM lead_events e WHERE e.lead_id = l.id)))
             FROM leads l WHERE l.deleted_at IS NULL AND l.id IN (SELECT lead_id FROM credits_due)",
        )
        .fetch_one(&mut *conn)
        .await?,
        "credit facts",
    )?;
    let mut qb = chosen("lead_id, campaign_id, occurred_at", "touchpoints", "lead_id", "deleted_at IS NULL");
    let touches: Vec<(String, Option<String>, String)> =
        from_json(qb.build_query_scalar().fetch_one(&mut *conn).await?, "credit facts")?;
    let mut qb =
        chosen("lead_id, created_at, status, value_minor, currency, owner", "deals", "lead_id", "deleted_at IS NULL");
    let deals: Vec<(String, String, String, i64, String, Option<String>)> =
        from_json(qb.build_query_scalar().fetch_one(&mut *conn).await?, "credit facts")?;

    // Campaigns are numbered for this batch only; rows name them by id.
    let mut campaigns: Vec<&str> = Vec::new();
    let mut number: HashMap<&str, u32> = HashMap::new();
    let mut touches_of: HashMap<&str, Vec<Touch>> = HashMap::new();
    for (lead, campaign, at) in &touches {
        let campaign = campaign.as_deref().map(|c| {
            *number.entry(c).or_insert_with(|| {
                campaigns.push(c);
                campaigns.len() as u32 - 1
            })
        });
        touches_of.entry(lead).or_default().push(Touch { lead: 0, campaign, at: instant(at)? });
    }
    // `credit` wants each lead's touches in time order.
    for list in touches_of.values_mut() {
        list.sort_unstable_by_key(|t| t.at);
    }
    let mut deals_of: HashMap<&str, Vec<(DealFact, DealDay)>> = HashMap::new();
    for (lead, created, status, value_minor, currency, owner) in &deals {
        let fact = DealFact {
            lead: 0,
            created: instant(created)?,
            status: DealStatus::parse(status)?,
            value_minor: *value_minor,
            currency: currency.clone(),
        };
        deals_of.entry(lead).or_default().push((fact, (created, owner)));
    }

    let mut rows: Vec<Value> = Vec::new();
    for (lead, created, stage, owner, history) in &leads {
        let reached = LifecycleStage::reached(
            LifecycleStage::parse(stage)?,
            history.as_deref().unwrap_or_default().split(',').filter(|s| !s.is_empty()),
        );
        let touches = touches_of.get(lead.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        let (facts, more): (Vec<DealFact>, Vec<DealDay>) =
            deals_of.get(lead.as_str()).map(|d| d.iter().cloned().unzip()).unwrap_or_default();
        for model in MODELS {
            for s in credit(model, touches, &facts) {
                let campaign = s.campaign.map(|c| campaigns[c as usize]);
                let (code, what) = (model.code(), s.what.code());
                let row = match s.deal {
                    None => json!([lead, code, campaign, what, null, day(created), s.share, null, reached, owner]),
                    Some(i) => {
                        let d = &facts[i];
                        let (created, owner) = more[i];
                        let value = d.value_minor as f64 * s.share;
                        json!([lead, code, campaign, what, d.currency, day(created), s.share, value, null, owner])
                    }
                };
                rows.push(row);
            }
        }
    }
    // Every lead marked: empty the table at once, and fill it without its indexes, built again
    // after in one sorted pass each (three times faster than inserting into them).
    let every: bool = sqlx::query_scalar("SELECT (SELECT count(*) FROM credits_due) >= (SELECT count(*) FROM leads)")
        .fetch_one(&mut *conn)
        .await?;
    let mut indexes: Vec<(String, String)> = Vec::new();
    if every {
        indexes = sqlx::query_as(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'credits' AND sql IS NOT NULL",
        )
        .fetch_all(&mut *conn)
        .await?;
        for (name, _) in &indexes {
            // A name read from the schema, not user text.
            QueryBuilder::<Sqlite>::new(format!("DROP INDEX \"{name}\"")).build().execute(&mut *conn).await?;
        }
        sqlx::query("DELETE FROM credits").execute(&mut *conn).await?;
    } else {
        sqlx::query("DELETE FROM credits WHERE lead_id IN (SELECT lead_id FROM credits_due)")
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "INSERT INTO credits (lead_id, model, campaign_id, what, currency, day, share, value, reached, owner)
         SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5,
                r.value ->> 6, r.value ->> 7, r.value ->> 8, r.value ->> 9
         FROM json_each(?1) r",
    )
    .bind(Value::Array(rows).to_string())
    .execute(&mut *conn)
    .await?;
    for (_, sql) in indexes {
        QueryBuilder::<Sqlite>::new(sql).build().execute(&mut *conn).await?;
    }
    sqlx::query("DELETE FROM credits_due").execute(&mut *conn).await?;
    Ok(())
}

/// The UTC day of a stored instant ("2026-11-27T13:12:54.123Z").
fn day(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}

/// A stored instant as a number that sorts the same way: its digits.
pub(super) fn instant(s: &str) -> Result<i64> {
    let mut n: i64 = 0;
    let mut digits = 0;
    for b in s.bytes().filter(u8::is_ascii_digit) {
        n = n * 10 + i64::from(b - b'0');
        digits += 1;
    }
    if digits == 17 { Ok(n) } else { Err(Error::Conflict(format!("stored time {s:?} is malformed"))) }
}
