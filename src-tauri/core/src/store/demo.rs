//! Writes a generated demo workspace: every table in one transaction, as a bulk load (`load`),
//! each table from JSON arrays of rows.

use serde_json::{Value, json};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::{Store, load};
use crate::calendar;
use crate::demo::DemoData;
use crate::model::calendar::When;
use crate::model::duplicates::lead_keys;
use crate::model::time::to_db;
use crate::{Error, Result};

/// Rows per INSERT: one JSON text each, since sqlx costs about a microsecond per bound value.
const CHUNK: usize = 10_000;

/// Inserts `rows` into `table` in chunks; `row` gives one row's values in `columns` order.
async fn insert_all<T>(
    conn: &mut SqliteConnection,
    table: &str,
    columns: &[&str],
    rows: &[T],
    row: impl Fn(&T) -> Value,
) -> Result<()> {
    let values: Vec<String> = (0..columns.len()).map(|i| format!("j ->> {i}")).collect();
    // Each row parsed once, into JSONB, rather than once per column read from it.
    let sql = format!(
        "WITH r AS MATERIALIZED (SELECT jsonb(value) AS j FROM json_each(?1)) INSERT INTO {table} ({}) SELECT {} FROM r",
        columns.join(", "),
        values.join(", ")
    );
    for chunk in rows.chunks(CHUNK) {
        let text = Value::Array(chunk.iter().map(&row).collect()).to_string();
        QueryBuilder::<Sqlite>::new(sql.as_str()).build().bind(text).execute(&mut *conn).await?;
    }
    Ok(())
}

impl Store {
    /// Fills an empty workspace with demo data, all or nothing.
    pub async fn write_demo(&self, data: &DemoData) -> Result<()> {
        let mut tx = self.write().await?;
        let existing: i64 =
            sqlx::query_scalar("SELECT (SELECT count(*) FROM leads) + (SELECT count(*) FROM pipelines)")
                .fetch_one(&mut *tx)
                .await?;
        if existing > 0 {
            return Err(Error::Conflict(
                "this workspace already holds data; demo data only goes into a new, empty workspace".into(),
            ));
        }
        let now = to_db(data.now);
        let paused = load::pause(&mut tx).await?;
        let conn: &mut SqliteConnection = &mut tx;

        insert_all(
            conn,
            "companies",
            &["id", "name", "domain", "industry", "size", "created_at", "updated_at"],
            &data.companies,
            |c| json!([c.id, c.name, c.domain, c.industry, c.size, now, now]),
        )
        .await?;
        insert_all(conn, "tags", &["id", "name", "created_at", "updated_at"], &data.tags, |(id, name)| {
            json!([id, *name, now, now])
        })
        .await?;
        insert_all(
            conn,
            "leads",
            &[
                "id",
                "name",
                "email",
                "phone",
                "company_id",
                "job_title",
                "owner",
                "lifecycle_stage",
                "source",
                "notes",
                "created_at",
                "updated_at",
                "email_key",
                "phone_key",
            ],
            &data.leads,
            |l| {
                let at = to_db(l.created_at);
                let (email_key, phone_key) = lead_keys(Some(&l.email), Some(&l.phone));
                json!([
                    l.id,
                    l.name,
                    l.email,
                    l.phone,
                    l.company_id,
                    l.job_title,
                    l.owner,
                    l.stage.as_str(),
                    l.source,
                    l.notes,
                    at,
                    at,
                    email_key,
                    phone_key,
                ])
            },
        )
        .await?;
        let lead_tags: Vec<(&str, &str)> = data
            .leads
            .iter()
            .flat_map(|l| l.tags.iter().map(move |&t| (l.id.as_str(), data.tags[t].0.as_str())))
            .collect();
        insert_all(conn, "lead_tags", &["lead_id", "tag_id"], &lead_tags, |(lead, tag)| json!([lead, tag])).await?;
        insert_all(
            conn,
            "campaigns",
            &[
                "id",
                "name",
                "objective",
                "channels",
                "start_date",
                "end_date",
                "currency",
                "budget_minor",
                "spend_minor",
                "status",
                "color",
                "owner",
                "code",
                "created_at",
                "updated_at",
            ],
            &data.campaigns,
            |c| {
                let channels = serde_json::to_string(&c.channels).unwrap_or_else(|_| "[]".into());
                json!([
                    c.id,
                    c.name,
                    c.objective,
                    channels,
                    c.start.to_string(),
                    c.end.to_string(),
                    data.currency,
                    c.budget_minor,
                    c.spend_minor,
                    c.status,
                    c.color,
                    c.owner,
                    c.code,
                    now,
                    now,
                ])
            },
        )
        .await?;
        insert_all(
            conn,
            "calendar_items",
            &[
                "id",
                "title",
                "item_type",
                "channel",
                "campaign_id",
                "all_day",
                "starts_at",
                "ends_at",
                "start_date",
                "end_date",
                "time_zone",
                "status",
                "owner",
                "rrule",
                "repeats_until",
                "created_at",
                "updated_at",
            ],
            &data.calendar_items,
            |i| {
                let (starts, ends) = match i.all_day {
                    Some(_) => (None, None),
                    None => (Some(to_db(i.starts_at)), Some(to_db(i.ends_at))),
                };
                let until = i.rrule.as_deref().and_then(|rule| {
                    let when = match i.all_day {
                        Some((start_date, end_date)) => When::AllDay { start_date, end_date },
                        None => When::Timed { starts_at: i.starts_at, ends_at: i.ends_at },
                    };
                    calendar::series_end(rule, &when, i.time_zone.parse().ok()?, &[])
                });
                json!([
                    i.id,
                    i.title,
                    i.item_type,
                    i.channel,
                    i.campaign_id,
                    i.all_day.is_some(),
                    starts,
                    ends,
                    i.all_day.map(|d| d.0.to_string()),
                    i.all_day.map(|d| d.1.to_string()),
                    i.time_zone,
                    i.status,
                    i.owner,
                    i.rrule,
                    until,
                    now,
                    now,
                ])
            },
        )
        .await?;
        insert_all(
            conn,
            "touchpoints",
            &["id", "lead_id", "campaign_id", "kind", "occurred_at", "created_at", "updated_at"],
            &data.touchpoints,
            |t| {
                let at = to_db(t.occurred_at);
                json!([t.id, t.lead_id, t.campaign_id, t.kind, at, at, at])
            },
        )
        .await?;
        let pipelines: Vec<(usize, &crate::demo::Pipeline)> = data.pipelines.iter().enumerate().collect();
        insert_all(
            conn,
            "pipelines",
            &["id", "name", "position", "created_at", "updated_at"],
            &pipelines,
            |(pos, p)| json!([p.id, p.name, *pos as i64, now, now]),
        )
        .await?;
        let stages: Vec<(&str, usize, &crate::demo::Stage)> = data
            .pipelines
            .iter()
            .flat_map(|p| p.stages.iter().enumerate().map(move |(pos, s)| (p.id.as_str(), pos, s)))
            .collect();
        insert_all(
            conn,
            "stages",
            &["id", "pipeline_id", "name", "position", "probability", "rotting_days", "created_at", "updated_at"],
            &stages,
            |(pipeline, pos, s)| {
                json!([s.id, pipeline.to_string(), s.name, *pos as i64, s.probability, s.rotting_days, now, now])
            },
        )
        .await?;
        let reasons: Vec<(usize, &(String, &str))> = data.lost_reasons.iter().enumerate().collect();
        insert_all(
            conn,
            "lost_reasons",
            &["id", "name", "position", "created_at", "updated_at"],
            &reasons,
            |(pos, (id, name))| json!([id, *name, *pos as i64, now, now]),
        )
        .await?;
        insert_all(
            conn,
            "deals",
            &[
                "id",
                "title",
                "lead_id",
                "value_minor",
                "currency",
                "expected_close",
                "owner",
                "pipeline_id",
                "stage_id",
                "position",
                "stage_entered_at",
                "status",
                "won_at",
                "lost_at",
                "lost_reason_id",
                "created_at",
                "updated_at",
            ],
            &data.deals,
            |d| {
                let closed = d.closed_at.map(to_db);
                let (won, lost) = match d.status {
                    "won" => (closed, None),
                    "lost" => (None, closed),
                    _ => (None, None),
                };
                json!([
                    d.id,
                    d.title,
                    d.lead_id,
                    d.value_minor,
                    data.currency,
                    d.expected_close.to_string(),
                    d.owner,
                    d.pipeline_id,
                    d.stage_id,
                    d.position,
                    to_db(d.stage_entered_at),
                    d.status,
                    won,
                    lost,
                    d.lost_reason.map(|r| data.lost_reasons[r].0.clone()),
                    to_db(d.created_at),
                    to_db(d.stage_entered_at),
                ])
            },
        )
        .await?;
        let changes: Vec<(&str, &crate::demo::StageChange)> =
            data.deals.iter().flat_map(|d| d.history.iter().map(move |c| (d.id.as_str(), c))).collect();
        insert_all(
            conn,
            "deal_stage_changes",
            &["id", "deal_id", "from_stage_id", "to_stage_id", "changed_at"],
            &changes,
            |(deal, c)| json!([c.id, deal.to_string(), c.from_stage_id, c.to_stage_id, to_db(c.at)]),
        )
        .await?;
        // Each change ended the stay before it (migration 0016's trigger); a closed deal's last
        // stay ends when it was closed.
        sqlx::query(
            "UPDATE deal_stage_changes AS c
             SET left_at = d.closed, stay_days = julianday(d.closed) - julianday(c.changed_at)
             FROM (SELECT id, coalesce(won_at, lost_at) AS closed FROM deals WHERE status <> 'open') AS d
             WHERE c.deal_id = d.id AND c.left_at IS NULL",
        )
        .execute(&mut *conn)
        .await?;
        insert_all(
            conn,
            "activities",
            &["id", "kind", "subject", "lead_id", "deal_id", "owner", "due_at", "done_at", "created_at", "updated_at"],
            &data.activities,
            |a| {
                json!([
                    a.id,
                    a.kind,
                    a.subject,
                    a.lead_id,
                    a.deal_id,
                    a.owner,
                    to_db(a.due_at),
                    a.done_at.map(to_db),
                    // Planned two days ahead of its due time, as its id says.
                    to_db((a.due_at - chrono::Duration::days(2)).min(data.now)),
                    now,
                ])
            },
        )
        .await?;
        load::resume(&mut tx, paused).await?;
        tx.commit().await?;
        // Fresh statistics so the planner picks the right index on a large workspace at once.
        sqlx::query("PRAGMA optimize=0x10002").execute(&self.pool).await?;
        Ok(())
    }
}
