//! What the reports read, fetched in one read transaction and handed to `report`'s pure
//! functions. Rows cross as one JSON text per statement (sqlx costs microseconds a row), and
//! where a report only needs sums SQLite adds them up through an index that holds every column.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{Store, calendar_items, from_json};
use crate::calendar;
use crate::model::activity::ActivityKind;
use crate::model::calendar::When;
use crate::model::calendar::{ItemStatus, ValidRange};
use crate::model::deal::DealStatus;
use crate::model::time;
use crate::report::activity::ActivityCount;
use crate::report::campaigns::{CampaignFact, Credited};
use crate::report::output::ItemCount;
use crate::report::velocity::StageStays;
use crate::report::{self, DealFact, Report, ReportFilter, ReportName};
use crate::{Error, Result};

/// The columns of `DealFact`, in the statement's order (a tuple this long has no serde impl).
#[derive(serde::Deserialize)]
struct DealRow(
    i64,
    Option<String>,
    String,
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
);

/// A filter checked against the workspace: the campaign found, and the period as the text
/// bounds stored days and instants compare with.
struct Scope {
    filter: ReportFilter,
    campaign: Option<(String, String)>,
    from: String,
    to: String,
}

impl Store {
    /// The report `name`, as `filter` narrows it; `now` decides what is overdue and how long an
    /// open deal has been in its stage.
    pub async fn report(&self, name: ReportName, filter: &ReportFilter, now: DateTime<Utc>) -> Result<Report> {
        let filter = filter.validate()?;
        if matches!(name, ReportName::Funnel | ReportName::CampaignPerformance) {
            self.settle_credits().await?;
        }
        let mut tx = self.pool.begin().await?;
        let scope = scope(&mut tx, filter).await?;
        let filter = &scope.filter;
        let mut report = match name {
            ReportName::Pipeline => report::pipeline::pipeline(&deals(&mut tx, name, &scope).await?, filter),
            ReportName::Forecast => report::pipeline::forecast(&deals(&mut tx, name, &scope).await?, filter),
            ReportName::WinLoss => report::win_loss::win_loss(&deals(&mut tx, name, &scope).await?, filter),
            ReportName::Funnel => report::funnel::funnel(&funnel(&mut tx, &scope).await?),
            ReportName::CampaignPerformance => {
                let (campaigns, unattributed) = campaign_credit(&mut tx, &scope).await?;
                report::campaigns::campaign_performance(&campaigns, &unattributed)
            }
            ReportName::Velocity => report::velocity::velocity(&stays(&mut tx, &scope, now).await?),
            ReportName::Activity => report::activity::activity(&activities(&mut tx, &scope, now).await?),
            ReportName::MarketingOutput => report::output::marketing_output(&output(&mut tx, &scope, now).await?),
        };
        tx.commit().await?;
        report.filters = filter.describe(name, scope.campaign.as_ref().map(|(_, n)| n.as_str()));
        Ok(report)
    }

    /// Several reports over one filter, in the order asked (a pack); each uses the filters it takes.
    pub async fn reports(
        &self,
        names: &[ReportName],
        filter: &ReportFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<Report>> {
        let mut reports = Vec::with_capacity(names.len());
        for name in names {
            reports.push(self.report(*name, filter, now).await?);
        }
        Ok(reports)
    }
}

async fn scope(conn: &mut SqliteConnection, filter: ReportFilter) -> Result<Scope> {
    if let Some(pipeline) = &filter.pipeline {
        let names: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pipelines WHERE deleted_at IS NULL ORDER BY position")
                .fetch_all(&mut *conn)
                .await?;
        if !names.iter().any(|n| n.eq_ignore_ascii_case(pipeline)) {
            return Err(Error::invalid("pipeline", format!("{pipeline:?} is not one of {}", names.join(", "))));
        }
    }
    let campaign = match &filter.campaign {
        None => None,
        Some(wanted) => Some(find_campaign(conn, wanted).await?),
    };
    let from = filter.from.map_or_else(|| "0000".to_owned(), |d| d.to_string());
    let to = filter.to.map_or_else(|| "9999".to_owned(), |d| d.to_string());
    Ok(Scope { filter, campaign, from, to })
}

/// A live campaign by its id, its code or its name (any case); a name two campaigns share is
/// refused, naming their codes, so a scheduled export never picks one at random.
async fn find_campaign(conn: &mut SqliteConnection, wanted: &str) -> Result<(String, String)> {
    let found: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, name, code FROM campaigns
         WHERE deleted_at IS NULL AND (id = ?1 OR code = ?1 COLLATE NOCASE OR name = ?1 COLLATE NOCASE)
         ORDER BY id = ?1 DESC, code = ?1 COLLATE NOCASE DESC LIMIT 3",
    )
    .bind(wanted)
    .fetch_all(conn)
    .await?;
    match found.as_slice() {
        [] => Err(Error::invalid("campaign", format!("no campaign is named or coded {wanted:?}"))),
        [(id, name, code), rest @ ..] if rest.is_empty() || id == wanted || code.as_deref() == Some(wanted) => {
            Ok((id.clone(), name.clone()))
        }
        many => {
            let codes: Vec<String> =
                many.iter().map(|(id, _, code)| code.clone().unwrap_or_else(|| id.clone())).collect();
            Err(Error::invalid(
                "campaign",
                format!("{wanted:?} names several campaigns; give one's code: {}", codes.join(", ")),
            ))
        }
    }
}

/// The deals a sales report can count (of leads the campaign touched, under a campaign filter).
async fn deals(conn: &mut SqliteConnection, name: ReportName, scope: &Scope) -> Result<Vec<DealFact>> {
    let json: String = sqlx::query_scalar(
        "SELECT json_group_array(json_array(s.rowid, d.owner, d.currency, d.value_minor,
                                            coalesce(d.probability, s.probability), d.status,
                                            d.expected_close, substr(d.won_at, 1, 10), substr(d.lost_at, 1, 10),
                                            substr(d.created_at, 1, 10), r.name))
         FROM deals d JOIN stages s ON s.id = d.stage_id
           LEFT JOIN lost_reasons r ON r.id = d.lost_reason_id
         WHERE d.deleted_at IS NULL
           AND (?1 = 'pipeline' AND d.status = 'open' OR ?1 = 'forecast' AND d.status <> 'lost'
                OR ?1 = 'win-loss' AND d.status <> 'open')
           AND (?2 IS NULL OR d.lead_id IN
                  (SELECT lead_id FROM touchpoints WHERE campaign_id = ?2 AND deleted_at IS NULL))",
    )
    .bind(name.as_str())
    .bind(scope.campaign.as_ref().map(|(id, _)| id))
    .fetch_one(&mut *conn)
    .await?;
    let stages = stage_names(conn).await?;
    let rows: Vec<DealRow> = from_json(json, "report facts")?;
    rows.into_iter()
        .map(|r| {
            let (pipeline, stage, stage_position) =
                stages.get(&r.0).cloned().ok_or_else(|| Error::Conflict("a deal's stage is missing".into()))?;
            Ok(DealFact {
                pipeline,
                stage,
                stage_position,
                owner: r.1,
                currency: r.2,
                value_minor: r.3,
                probability: r.4,
                status: DealStatus::parse(&r.5)?,
                expected_close: r.6.as_deref().map(date).transpose()?,
                won_on: r.7.as_deref().map(date).transpose()?,
                lost_on: r.8.as_deref().map(date).transpose()?,
                created_on: date(&r.9)?,
                lost_reason: r.10,
            })
        })
        .collect()
}

/// Stages by rowid, which holds within one read transaction: deals name their stage by it, as
/// the names repeated on every deal would be most of the text.
async fn stage_names(conn: &mut SqliteConnection) -> Result<HashMap<i64, (String, String, i64)>> {
    let stages: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT s.rowid, p.name, s.name, s.position FROM stages s JOIN pipelines p ON p.id = s.pipeline_id",
    )
    .fetch_all(conn)
    .await?;
    Ok(stages.into_iter().map(|(key, pipeline, stage, position)| (key, (pipeline, stage, position))).collect())
}

/// Leads created in the period by how far they got: the sum of their credit rows (`what` 0),
/// which is one per lead in all, or the campaign's share of each under the model.
async fn funnel(conn: &mut SqliteConnection, scope: &Scope) -> Result<Vec<(i64, f64)>> {
    // The index leading with the campaign for one campaign, else the one in the funnel's order.
    let sql = if scope.campaign.is_some() {
        "SELECT json_group_array(json_array(reached, leads)) FROM
           (SELECT reached, sum(share) AS leads FROM credits INDEXED BY credits_summed
            WHERE model = ?1 AND what = 0 AND day >= ?2 AND day < ?3
              AND (?4 IS NULL OR owner = ?4) AND campaign_id = ?5
            GROUP BY reached)"
    } else {
        "SELECT json_group_array(json_array(reached, leads)) FROM
           (SELECT reached, sum(share) AS leads FROM credits INDEXED BY credits_funnel
            WHERE model = ?1 AND what = 0 AND day >= ?2 AND day < ?3 AND (?4 IS NULL OR owner = ?4)
              AND ?5 IS NULL -- no campaign: every parameter is used, as SQLite asks
            GROUP BY reached)"
    };
    let json: String = sqlx::query_scalar(sql)
        .bind(scope.filter.model.unwrap_or_default().code())
        .bind(&scope.from)
        .bind(&scope.to)
        .bind(&scope.filter.owner)
        .bind(scope.campaign.as_ref().map(|(id, _)| id))
        .fetch_one(conn)
        .await?;
    from_json(json, "funnel sums")
}

/// A campaign's id, name, currency, spend, start and end.
type CampaignRow = (String, String, String, i64, Option<String>, Option<String>);
type CreditSum = (Option<String>, i64, Option<String>, f64, Option<f64>, Option<f64>, Option<f64>);

/// Each live campaign's spend and summed credit for the period; shares of deleted campaigns or
/// of none are unattributed. Campaigns without credit are kept when they spent in the period.
async fn campaign_credit(conn: &mut SqliteConnection, scope: &Scope) -> Result<(Vec<CampaignFact>, Credited)> {
    let campaign = scope.campaign.as_ref().map(|(id, _)| id);
    let list: Vec<CampaignRow> = from_json(
        sqlx::query_scalar(
            "SELECT json_group_array(json_array(id, name, currency, spend_minor, start_date, end_date))
             FROM campaigns WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)",
        )
        .bind(campaign)
        .fetch_one(&mut *conn)
        .await?,
        "campaigns",
    )?;
    // Walks `credits_summed` in its order: the grouping needs no sort.
    let sums: Vec<CreditSum> = from_json(
        sqlx::query_scalar(
            "SELECT json_group_array(json_array(campaign_id, what, currency, share, value, mqls, sqls)) FROM
               (SELECT campaign_id, what, currency, sum(share) AS share, sum(value) AS value,
                       sum(CASE WHEN reached >= 2 THEN share END) AS mqls,
                       sum(CASE WHEN reached >= 3 THEN share END) AS sqls
                FROM credits INDEXED BY credits_summed
                WHERE model = ?1 AND day >= ?2 AND day < ?3
                  AND (?4 IS NULL OR owner = ?4) AND (?5 IS NULL OR campaign_id = ?5)
                GROUP BY campaign_id, what, currency)",
        )
        .bind(scope.filter.model.unwrap_or_default().code())
        .bind(&scope.from)
        .bind(&scope.to)
        .bind(&scope.filter.owner)
        .bind(campaign)
        .fetch_one(&mut *conn)
        .await?,
        "campaign sums",
    )?;
    let mut credited: HashMap<String, Credited> = HashMap::new();
    let mut unattributed = Credited::default();
    let live: std::collections::HashSet<&str> = list.iter().map(|c| c.0.as_str()).collect();
    for (campaign, what, currency, share, value, mqls, sqls) in sums {
        let c = match campaign.filter(|c| live.contains(c.as_str())) {
            Some(c) => credited.entry(c).or_default(),
            None => &mut unattributed,
        };
        let currency = currency.unwrap_or_default();
        match what {
            0 => {
                c.leads += share;
                c.mqls += mqls.unwrap_or(0.0);
                c.sqls += sqls.unwrap_or(0.0);
            }
            1 => {
                c.deals += share;
                *c.pipeline.entry(currency).or_default() += value.unwrap_or(0.0);
            }
            2 => {
                c.deals += share;
                *c.won.entry(currency).or_default() += value.unwrap_or(0.0);
            }
            _ => c.deals += share,
        }
    }
    let campaigns = list
        .into_iter()
        .filter_map(|(id, name, currency, spend, start, end)| {
            let credit = credited.remove(&id);
            // Spend counts in a period the campaign ran in (or any, when its dates are open).
            let ran = start.as_deref().is_none_or(|s| s < scope.to.as_str())
                && end.as_deref().is_none_or(|e| e >= scope.from.as_str());
            if credit.is_none() && !(ran || campaign.is_some()) {
                return None;
            }
            Some(CampaignFact { name, currency, spend_minor: spend, credited: credit.unwrap_or_default() })
        })
        .collect();
    Ok((campaigns, unattributed))
}

/// Per stage: the stays that ended in the period (the deal moved on or closed) and their days,
/// and the open deals in it now with their days so far.
async fn stays(conn: &mut SqliteConnection, scope: &Scope, now: DateTime<Utc>) -> Result<Vec<StageStays>> {
    let campaign = scope.campaign.as_ref().map(|(id, _)| id);
    // Without a filter on the deal, stays are summed from `deal_stays_ended` alone.
    let whose = scope.filter.owner.is_some() || campaign.is_some();
    let ended: Vec<(String, i64, f64)> = from_json(
        sqlx::query_scalar(
            "SELECT json_group_array(json_array(stage, n, days)) FROM
               (SELECT c.to_stage_id AS stage, count(*) AS n, sum(c.stay_days) AS days
                FROM deal_stage_changes c INDEXED BY deal_stays_ended
                WHERE c.left_at >= ?1 AND c.left_at < ?2
                  AND c.deal_id NOT IN (SELECT id FROM deals INDEXED BY deals_deleted WHERE deleted_at IS NOT NULL)
                  AND (NOT ?5 OR c.deal_id IN
                         (SELECT id FROM deals WHERE (?3 IS NULL OR owner = ?3)
                            AND (?4 IS NULL OR lead_id IN
                                   (SELECT lead_id FROM touchpoints WHERE campaign_id = ?4 AND deleted_at IS NULL))))
                GROUP BY c.to_stage_id)",
        )
        .bind(&scope.from)
        .bind(&scope.to)
        .bind(&scope.filter.owner)
        .bind(campaign)
        .bind(whose)
        .fetch_one(&mut *conn)
        .await?,
        "stage stays",
    )?;
    let open: Vec<(String, i64, f64)> = from_json(
        sqlx::query_scalar(
            "SELECT json_group_array(json_array(stage_id, n, days)) FROM
               (SELECT stage_id, count(*) AS n, sum(julianday(?1) - julianday(stage_entered_at)) AS days
                FROM deals INDEXED BY deals_open_stays
                WHERE deleted_at IS NULL AND status = 'open' AND (?2 IS NULL OR owner = ?2)
                  AND (?3 IS NULL OR lead_id IN
                         (SELECT lead_id FROM touchpoints WHERE campaign_id = ?3 AND deleted_at IS NULL))
                GROUP BY stage_id)",
        )
        .bind(time::to_db(now))
        .bind(&scope.filter.owner)
        .bind(campaign)
        .fetch_one(&mut *conn)
        .await?,
        "stage stays",
    )?;
    let stages: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT s.id, p.name, s.name, s.position FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
         WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL AND (?1 IS NULL OR p.name = ?1 COLLATE NOCASE)
         ORDER BY p.position, s.position",
    )
    .bind(&scope.filter.pipeline)
    .fetch_all(&mut *conn)
    .await?;
    let ended: HashMap<String, (i64, f64)> = ended.into_iter().map(|(s, n, d)| (s, (n, d))).collect();
    let open: HashMap<String, (i64, f64)> = open.into_iter().map(|(s, n, d)| (s, (n, d))).collect();
    Ok(stages
        .into_iter()
        .map(|(id, pipeline, stage, position)| {
            let (ended, ended_days) = ended.get(&id).copied().unwrap_or_default();
            let (open, open_days) = open.get(&id).copied().unwrap_or_default();
            StageStays { pipeline, stage, position, ended, ended_days, open, open_days }
        })
        .collect())
}

/// Activities due in the period by owner and kind (one done without a due time counts by when it
/// was done), summed from the daily roll-up `activity_days`.
async fn activities(conn: &mut SqliteConnection, scope: &Scope, now: DateTime<Utc>) -> Result<Vec<ActivityCount>> {
    let rows: Vec<(Option<String>, String, i64, i64, i64)> = from_json(
        sqlx::query_scalar(
            // The daily roll-up (migration 0017) for every day; today's overdue, which depends on
            // the time now, from the index of open activities.
            "SELECT json_group_array(json_array(nullif(owner, ''), kind, n, done, overdue)) FROM
               (SELECT owner, kind, sum(n) AS n, sum(done) AS done, sum(overdue) AS overdue FROM
                  (SELECT owner, kind, total AS n, done, CASE WHEN day < ?5 THEN open_due ELSE 0 END AS overdue
                   FROM activity_days WHERE day >= ?1 AND day < ?2 AND (?4 IS NULL OR owner = ?4)
                   UNION ALL
                   SELECT coalesce(owner, ''), kind, 0, 0, count(*)
                   FROM activities INDEXED BY activities_open_by_due
                   WHERE done_at IS NULL AND deleted_at IS NULL AND due_at >= ?5 AND due_at < ?3
                     AND ?5 >= ?1 AND ?5 < ?2 AND (?4 IS NULL OR owner = ?4)
                   GROUP BY 1, 2)
                GROUP BY owner, kind HAVING sum(n) > 0)",
        )
        .bind(&scope.from)
        .bind(&scope.to)
        .bind(time::to_db(now))
        .bind(&scope.filter.owner)
        .bind(now.date_naive().to_string())
        .fetch_one(conn)
        .await?,
        "activity counts",
    )?;
    rows.into_iter()
        .map(|(owner, kind, total, done, overdue)| {
            Ok(ActivityCount { owner, kind: ActivityKind::parse(&kind)?, total, done, overdue })
        })
        .collect()
}

/// Calendar items starting in the period (UTC days) by day, channel and status: one-off items
/// summed by SQLite, each occurrence of a series found by `calendar::expand`. All time runs from
/// the first item to a year after `now`.
async fn output(conn: &mut SqliteConnection, scope: &Scope, now: DateTime<Utc>) -> Result<Vec<ItemCount>> {
    let campaign = scope.campaign.as_ref().map(|(id, _)| id.clone());
    let owner = scope.filter.owner.clone();
    let first: Option<String> = sqlx::query_scalar(
        "SELECT min(coalesce(start_date, substr(starts_at, 1, 10))) FROM calendar_items WHERE deleted_at IS NULL",
    )
    .fetch_one(&mut *conn)
    .await?;
    let from = match scope.filter.from {
        Some(f) => f,
        None => first.as_deref().map(date).transpose()?.unwrap_or(now.date_naive()),
    };
    let to = scope.filter.to.unwrap_or(now.date_naive() + Days::new(366));
    if to <= from {
        return Ok(Vec::new());
    }
    let rows: Vec<(String, Option<String>, String, i64)> = from_json(
        sqlx::query_scalar(
            "SELECT json_group_array(json_array(day, channel, status, n)) FROM
               (SELECT coalesce(start_date, substr(starts_at, 1, 10)) AS day, channel, status, count(*) AS n
                FROM calendar_items
                WHERE deleted_at IS NULL AND rrule IS NULL AND series_id IS NULL
                  AND coalesce(start_date, starts_at) >= ?1 AND coalesce(start_date, starts_at) < ?2
                  AND (?3 IS NULL OR owner = ?3) AND (?4 IS NULL OR campaign_id = ?4)
                GROUP BY 1, 2, 3)",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .bind(&owner)
        .bind(&campaign)
        .fetch_one(&mut *conn)
        .await?,
        "calendar counts",
    )?;
    let mut counts = rows
        .into_iter()
        .map(|(day, channel, status, count)| {
            Ok(ItemCount { day: date(&day)?, channel, status: ItemStatus::parse(&status)?, count })
        })
        .collect::<Result<Vec<_>>>()?;
    let series = calendar_items::series_planned(conn, from, to).await?;
    let range = ValidRange { from, to, starts: midnight(from), ends: midnight(to) };
    for o in calendar::expand(series, &range) {
        let day = match o.when {
            When::Timed { starts_at, .. } => starts_at.date_naive(),
            When::AllDay { start_date, .. } => start_date,
        };
        if day < from
            || day >= to
            || owner.is_some() && o.owner != owner
            || campaign.is_some() && o.campaign_id != campaign
        {
            continue;
        }
        counts.push(ItemCount { day, channel: o.channel, status: o.status, count: 1 });
    }
    Ok(counts)
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

fn date(s: &str) -> Result<NaiveDate> {
    s.parse().map_err(|_| Error::Conflict(format!("stored date {s:?} is malformed")))
}
