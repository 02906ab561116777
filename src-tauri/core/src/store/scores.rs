//! Keeping `leads.score` true (see `derived`): `settle` scores the marked leads again. Scores are
//! computed as of one day for the whole workspace, moved on by `Store::bring_up_to_date`.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::{Store, derived, from_json, workspace_settings};
use crate::Result;
use crate::model::activity::ActivityKind;
use crate::model::id;
use crate::model::lead_record::TouchpointKind;
use crate::model::scoring::{self, Score, ScoreFacts, Scorer};

impl Store {
    /// One lead's score with its reasons, as `leads.score` holds it.
    pub async fn lead_score(&self, lead_id: &str) -> Result<Score> {
        let lead_id = id::parse_id("id", lead_id)?;
        let mut conn = self.pool.acquire().await?;
        lead_score(&mut conn, &lead_id).await
    }
}

pub(super) async fn lead_score(conn: &mut SqliteConnection, lead_id: &str) -> Result<Score> {
    let rules = workspace_settings::scoring_rules(conn).await?;
    let day = as_of(conn).await?;
    let facts = facts(conn, Some(lead_id)).await?.remove(lead_id).unwrap_or_default();
    Ok(scoring::score(&rules, &facts, day))
}

/// Scores every marked live lead again and clears the marks; returns how many were scored.
pub(super) async fn settle(conn: &mut SqliteConnection) -> Result<u32> {
    let due: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM scores_due)").fetch_one(&mut *conn).await?;
    if !due {
        return Ok(0);
    }
    let rules = workspace_settings::scoring_rules(conn).await?;
    let day = as_of(conn).await?;
    let scorer = Scorer::new(&rules);
    let scores: Vec<(String, i64)> = facts(conn, None)
        .await?
        .into_iter()
        .map(|(lead, facts)| {
            let total = scorer.total(&facts, day);
            (lead, total)
        })
        .collect();
    let json = serde_json::to_string(&scores).map_err(|e| crate::Error::Conflict(e.to_string()))?;
    sqlx::query(
        "UPDATE leads SET score = s.value ->> 1 FROM json_each(?1) s
         WHERE leads.id = s.value ->> 0 AND leads.score IS NOT s.value ->> 1",
    )
    .bind(json)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM scores_due").execute(&mut *conn).await?;
    Ok(scores.len() as u32)
}

/// Marks every live lead, to be scored again (new rules, a new day).
pub(super) async fn mark_all(conn: &mut SqliteConnection) -> Result<()> {
    sqlx::query("INSERT OR IGNORE INTO scores_due SELECT id FROM leads WHERE deleted_at IS NULL").execute(conn).await?;
    Ok(())
}

/// The day scores are computed as of; before the first refresh, no event has aged.
async fn as_of(conn: &mut SqliteConnection) -> Result<NaiveDate> {
    Ok(workspace_settings::scores_day(conn).await?.unwrap_or(NaiveDate::MIN))
}

/// The facts of one lead, or (`None`) of every marked live lead, by lead id.
async fn facts(conn: &mut SqliteConnection, lead: Option<&str>) -> Result<HashMap<String, ScoreFacts>> {
    // A few leads are found through the indexes by lead, many by scanning each table once.
    let scan = match lead {
        Some(_) => false,
        None => derived::many_marked(conn, derived::Marks::Scores).await?,
    };
    let scoped = |select: &str, from: &str, key: &str| {
        let mut qb = QueryBuilder::<Sqlite>::new(format!("SELECT json_group_array(json_array({select})) FROM {from}"));
        match lead {
            Some(id) => qb.push(format!(" WHERE {key} = ")).push_bind(id.to_owned()),
            None if scan => qb.push(" WHERE 1"),
            None => qb.push(format!(" WHERE {key} IN (SELECT lead_id FROM scores_due)")),
        };
        qb
    };
    // Companies are fewer than leads: read apart, they spare the leads query a lookup per lead
    // (one lead: only its company).
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT json_group_array(json_array(id, industry, size)) FROM companies
         WHERE (industry IS NOT NULL OR size IS NOT NULL)",
    );
    if let Some(id) = lead {
        qb.push(" AND id = (SELECT company_id FROM leads WHERE id = ").push_bind(id.to_owned()).push(")");
    }
    let companies: Vec<(String, Option<String>, Option<String>)> =
        from_json(qb.build_query_scalar().fetch_one(&mut *conn).await?, "score facts")?;
    let companies: HashMap<String, (Option<String>, Option<String>)> =
        companies.into_iter().map(|(id, industry, size)| (id, (industry, size))).collect();
    type LeadFacts = (String, Option<String>, Option<String>, Option<String>, Option<String>);
    let mut qb = scoped("l.id, l.job_title, l.email, l.source, l.company_id", "leads l", "l.id");
    if lead.is_none() {
        qb.push(" AND l.deleted_at IS NULL");
        if scan {
            qb.push(" AND l.id IN (SELECT lead_id FROM scores_due)");
        }
    }
    let leads: Vec<LeadFacts> = from_json(qb.build_query_scalar().fetch_one(&mut *conn).await?, "score facts")?;
    let mut by_lead: HashMap<String, ScoreFacts> = leads
        .into_iter()
        .map(|(id, job_title, email, source, company)| {
            let (industry, company_size) = company.and_then(|c| companies.get(&c).cloned()).unwrap_or_default();
            (id, ScoreFacts { job_title, email, industry, company_size, source, ..Default::default() })
        })
        .collect();

    let mut qb = scoped("t.lead_id, t.kind, substr(t.occurred_at, 1, 10)", "touchpoints t", "t.lead_id");
    qb.push(" AND t.deleted_at IS NULL");
    let touches: Vec<(String, String, String)> =
        from_json(qb.build_query_scalar().fetch_one(&mut *conn).await?, "score facts")?;
    for (lead, kind, at) in touches {
        if let (Some(facts), Ok(kind), Ok(day)) = (by_lead.get_mut(&lead), TouchpointKind::parse(&kind), at.parse()) {
            facts.touches.push((kind, day));
        }
    }

    let mut qb = scoped("a.lead_id, a.kind, substr(a.done_at, 1, 10)", "activities a", "a.lead_id");
    qb.push(" AND a.done_at IS NOT NULL AND a.deleted_at IS NULL");
    let activities: Vec<(String, String, String)> =
        from_json(qb.build_query_scalar().fetch_one(&mut *conn).await?, "score facts")?;
    for (lead, kind, at) in activities {
        if let (Some(facts), Ok(kind), Ok(day)) = (by_lead.get_mut(&lead), ActivityKind::parse(&kind), at.parse()) {
            facts.activities.push((kind, day));
        }
    }
    Ok(by_lead)
}
