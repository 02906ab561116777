//! What the reports read, fetched in one statement each and handed to `report`'s pure functions.

use chrono::NaiveDate;

use super::Store;
use crate::model::deal::DealStatus;
use crate::report::{self, DealFact, Report, ReportFilter, ReportName};
use crate::{Error, Result};

type DealRow = (String, String, i64, Option<String>, String, i64, i64, String, Option<String>, Option<String>);

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
            "SELECT json_group_array(json_array(p.name, s.name, s.position, d.owner, d.currency, d.value_minor,
                                                coalesce(d.probability, s.probability), d.status,
                                                d.expected_close, substr(d.won_at, 1, 10)))
             FROM deals d JOIN stages s ON s.id = d.stage_id JOIN pipelines p ON p.id = d.pipeline_id
             WHERE d.deleted_at IS NULL
               AND (?1 = 'pipeline' AND d.status = 'open' OR ?1 = 'forecast' AND d.status <> 'lost')",
        )
        .bind(name.as_str())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        let rows: Vec<DealRow> =
            serde_json::from_str(&json).map_err(|e| Error::Conflict(format!("report facts: {e}")))?;
        let deals = rows
            .into_iter()
            .map(|(pipeline, stage, stage_position, owner, currency, value_minor, probability, status, close, won)| {
                Ok(DealFact {
                    pipeline,
                    stage,
                    stage_position,
                    owner,
                    currency,
                    value_minor,
                    probability,
                    status: DealStatus::parse(&status)?,
                    expected_close: close.as_deref().map(date).transpose()?,
                    won_on: won.as_deref().map(date).transpose()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(match name {
            ReportName::Pipeline => report::pipeline::pipeline(&deals, &filter),
            ReportName::Forecast => report::pipeline::forecast(&deals, &filter),
        })
    }
}

fn date(s: &str) -> Result<NaiveDate> {
    s.parse().map_err(|_| Error::Conflict(format!("stored date {s:?} is malformed")))
}
