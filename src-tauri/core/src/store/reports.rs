//! What the reports read, fetched in one statement each and handed to `report`'s pure functions.

use chrono::NaiveDate;

use super::{Store, from_json};
use crate::model::deal::DealStatus;
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

impl Store {
    /// The report `name` over the workspace's live deals, as `filter` narrows it.
    pub async fn report(&self, name: ReportName, filter: &ReportFilter) -> Result<Report> {
        let filter = filter.validate()?;
        let mut tx = self.pool.begin().await?;
        if let Some(pipeline) = &filter.pipeline {
            let names: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pipelines WHERE deleted_at IS NULL ORDER BY position")
                    .fetch_all(&mut *tx)
                    .await?;
            if !names.iter().any(|n| n.eq_ignore_ascii_case(pipeline)) {
                return Err(Error::invalid("pipeline", format!("{pipeline:?} is not one of {}", names.join(", "))));
            }
        }
        // One JSON text: sqlx costs microseconds a row, and a workspace holds tens of thousands of
        // deals. Only the deals the report can count are read.
        let json: String = sqlx::query_scalar(
            "SELECT json_group_array(json_array(s.rowid, d.owner, d.currency, d.value_minor,
                                                coalesce(d.probability, s.probability), d.status,
                                                d.expected_close, substr(d.won_at, 1, 10), substr(d.lost_at, 1, 10),
                                                substr(d.created_at, 1, 10), r.name))
             FROM deals d JOIN stages s ON s.id = d.stage_id
               LEFT JOIN lost_reasons r ON r.id = d.lost_reason_id
             WHERE d.deleted_at IS NULL
               AND (?1 = 'pipeline' AND d.status = 'open' OR ?1 = 'forecast' AND d.status <> 'lost'
                    OR ?1 = 'win-loss' AND d.status <> 'open')",
        )
        .bind(name.as_str())
        .fetch_one(&mut *tx)
        .await?;
        // Deals name their stage by its rowid, which holds within this one read transaction; the
        // names, repeated on every deal, would be most of the text.
        let stages: Vec<(i64, String, String, i64)> = sqlx::query_as(
            "SELECT s.rowid, p.name, s.name, s.position FROM stages s JOIN pipelines p ON p.id = s.pipeline_id",
        )
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let stages: std::collections::HashMap<i64, (String, String, i64)> =
            stages.into_iter().map(|(key, pipeline, stage, position)| (key, (pipeline, stage, position))).collect();
        let rows: Vec<DealRow> = from_json(json, "report facts")?;
        let deals = rows
            .into_iter()
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
            .collect::<Result<Vec<_>>>()?;
        Ok(match name {
            ReportName::Pipeline => report::pipeline::pipeline(&deals, &filter),
            ReportName::Forecast => report::pipeline::forecast(&deals, &filter),
            ReportName::WinLoss => report::win_loss::win_loss(&deals, &filter),
        })
    }
}

fn date(s: &str) -> Result<NaiveDate> {
    s.parse().map_err(|_| Error::Conflict(format!("stored date {s:?} is malformed")))
}
