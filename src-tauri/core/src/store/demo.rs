//! Writes a generated demo workspace: every table in one transaction, with multi-row inserts.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::{Store, derived};
use crate::calendar;
use crate::demo::DemoData;
use crate::model::calendar::When;
use crate::model::time::to_db;
use crate::{Error, Result};

/// Rows per INSERT, kept under SQLite's limit of 32,766 bound values.
fn chunk_rows(columns: usize) -> usize {
    32_000 / columns
}

/// Inserts `rows` into `table` in chunks; `bind` pushes one row's values in `columns` order.
async fn insert_all<T>(
    conn: &mut SqliteConnection,
    table: &str,
    columns: &[&str],
    rows: &[T],
    mut bind: impl FnMut(&mut sqlx::query_builder::Separated<'_, Sqlite, &'static str>, &T),
) -> Result<()> {
    for chunk in rows.chunks(chunk_rows(columns.len())) {
        let mut qb = QueryBuilder::<Sqlite>::new(format!("INSERT INTO {table} ({}) ", columns.join(", ")));
        qb.push_values(chunk, |mut b, row| bind(&mut b, row));
        qb.build().execute(&mut *conn).await?;
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
        // Every lead is new: rather than one mark per row inserted, mark them all at the end.
        let marking = derived::pause_marking(&mut tx).await?;
        let conn: &mut SqliteConnection = &mut tx;

        insert_all(
            conn,
            "companies",
            &["id", "name", "domain", "industry", "size", "created_at", "updated_at"],
            &data.companies,
            |b, c| {
                b.push_bind(c.id.clone())
                    .push_bind(c.name.clone())
                    .push_bind(c.domain.clone())
                    .push_bind(c.industry)
                    .push_bind(c.size)
                    .push_bind(now.clone())
                    .push_bind(now.clone());
            },
        )
        .await?;
        insert_all(conn, "tags", &["id", "name", "created_at", "updated_at"], &data.tags, |b, (id, name)| {
            b.push_bind(id.clone()).push_bind(*name).push_bind(now.clone()).push_bind(now.clone());
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
            ],
            &data.leads,
            |b, l| {
                let at = to_db(l.created_at);
                b.push_bind(l.id.clone())
                    .push_bind(l.name.clone())
                    .push_bind(l.email.clone())
                    .push_bind(l.phone.clone())
                    .push_bind(l.company_id.clone())
                    .push_bind(l.job_title)
                    .push_bind(l.owner)
                    .push_bind(l.stage.as_str())
                    .push_bind(l.source)
                    .push_bind(l.notes.clone())
                    .push_bind(at.clone())
                    .push_bind(at);
            },
        )
        .await?;
        let lead_tags: Vec<(&str, &str)> = data
            .leads
            .iter()
            .flat_map(|l| l.tags.iter().map(move |&t| (l.id.as_str(), data.tags[t].0.as_str())))
            .collect();
        insert_all(conn, "lead_tags", &["lead_id", "tag_id"], &lead_tags, |b, (lead, tag)| {
            b.push_bind(lead.to_string()).push_bind(tag.to_string());
        })
        .await?;
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
            |b, c| {
                let channels = serde_json::to_string(&c.channels).unwrap_or_else(|_| "[]".into());
                b.push_bind(c.id.clone())
                    .push_bind(c.name.clone())
                    .push_bind(c.objective.clone())
                    .push_bind(channels)
                    .push_bind(c.start.to_string())
                    .push_bind(c.end.to_string())
                    .push_bind(data.currency)
                    .push_bind(c.budget_minor)
                    .push_bind(c.spend_minor)
                    .push_bind(c.status)
                    .push_bind(c.color)
                    .push_bind(c.owner)
                    .push_bind(c.code.clone())
                    .push_bind(now.clone())
                    .push_bind(now.clone());
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
            |b, i| {
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
                b.push_bind(i.id.clone())
                    .push_bind(i.title.clone())
                    .push_bind(i.item_type)
                    .push_bind(i.channel)
                    .push_bind(i.campaign_id.clone())
                    .push_bind(i.all_day.is_some())
                    .push_bind(starts)
                    .push_bind(ends)
                    .push_bind(i.all_day.map(|d| d.0.to_string()))
                    .push_bind(i.all_day.map(|d| d.1.to_string()))
                    .push_bind(i.time_zone)
                    .push_bind(i.status)
                    .push_bind(i.owner)
                    .push_bind(i.rrule.clone())
                    .push_bind(until)
                    .push_bind(now.clone())
                    .push_bind(now.clone());
            },
        )
        .await?;
        insert_all(
            conn,
            "touchpoints",
            &["id", "lead_id", "campaign_id", "kind", "occurred_at", "created_at", "updated_at"],
            &data.touchpoints,
            |b, t| {
                let at = to_db(t.occurred_at);
                b.push_bind(t.id.clone())
                    .push_bind(t.lead_id.clone())
                    .push_bind(t.campaign_id.clone())
                    .push_bind(t.kind)
                    .push_bind(at.clone())
                    .push_bind(at.clone())
                    .push_bind(at);
            },
        )
        .await?;
        let pipelines: Vec<(usize, &crate::demo::Pipeline)> = data.pipelines.iter().enumerate().collect();
        insert_all(
            conn,
            "pipelines",
            &["id", "name", "position", "created_at", "updated_at"],
            &pipelines,
            |b, (pos, p)| {
                b.push_bind(p.id.clone())
                    .push_bind(p.name)
                    .push_bind(*pos as i64)
                    .push_bind(now.clone())
                    .push_bind(now.clone());
            },
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
            |b, (pipeline, pos, s)| {
                b.push_bind(s.id.clone())
                    .push_bind(pipeline.to_string())
                    .push_bind(s.name)
                    .push_bind(*pos as i64)
                    .push_bind(s.probability)
                    .push_bind(s.rotting_days)
                    .push_bind(now.clone())
                    .push_bind(now.clone());
            },
        )
        .await?;
        let reasons: Vec<(usize, &(String, &str))> = data.lost_reasons.iter().enumerate().collect();
        insert_all(
            conn,
            "lost_reasons",
            &["id", "name", "position", "created_at", "updated_at"],
            &reasons,
            |b, (pos, (id, name))| {
                b.push_bind(id.clone())
                    .push_bind(*name)
                    .push_bind(*pos as i64)
                    .push_bind(now.clone())
                    .push_bind(now.clone());
            },
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
            |b, d| {
                let closed = d.closed_at.map(to_db);
                let (won, lost) = match d.status {
                    "won" => (closed, None),
                    "lost" => (None, closed),
                    _ => (None, None),
                };
                b.push_bind(d.id.clone())
                    .push_bind(d.title.clone())
                    .push_bind(d.lead_id.clone())
                    .push_bind(d.value_minor)
                    .push_bind(data.currency)
                    .push_bind(d.expected_close.to_string())
                    .push_bind(d.owner)
                    .push_bind(d.pipeline_id.clone())
                    .push_bind(d.stage_id.clone())
                    .push_bind(d.position.clone())
                    .push_bind(to_db(d.stage_entered_at))
                    .push_bind(d.status)
                    .push_bind(won)
                    .push_bind(lost)
                    .push_bind(d.lost_reason.map(|r| data.lost_reasons[r].0.clone()))
                    .push_bind(to_db(d.created_at))
                    .push_bind(to_db(d.stage_entered_at));
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
            |b, (deal, c)| {
                b.push_bind(c.id.clone())
                    .push_bind(deal.to_string())
                    .push_bind(c.from_stage_id.clone())
                    .push_bind(c.to_stage_id.clone())
                    .push_bind(to_db(c.at));
            },
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
            |b, a| {
                b.push_bind(a.id.clone())
                    .push_bind(a.kind)
                    .push_bind(a.subject)
                    .push_bind(a.lead_id.clone())
                    .push_bind(a.deal_id.clone())
                    .push_bind(a.owner)
                    .push_bind(to_db(a.due_at))
                    .push_bind(a.done_at.map(to_db))
                    // Planned two days ahead of its due time, as its id says.
                    .push_bind(to_db((a.due_at - chrono::Duration::days(2)).min(data.now)))
                    .push_bind(now.clone());
            },
        )
        .await?;
        derived::resume_marking(&mut tx, marking).await?;
        tx.commit().await?;
        // Fresh statistics so the planner picks the right index on a large workspace at once.
        sqlx::query("PRAGMA optimize=0x10002").execute(&self.pool).await?;
        Ok(())
    }
}
