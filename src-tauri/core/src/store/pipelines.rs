//! Pipelines and their stages.

use sqlx::SqliteConnection;

use super::Store;
use crate::model::deal::{Pipeline, Stage};
use crate::{Error, Result};

#[derive(sqlx::FromRow)]
struct StageRow {
    pipeline_id: String,
    pipeline_name: String,
    id: String,
    name: String,
    probability: i64,
    rotting_days: Option<i64>,
}

impl Store {
    /// Every live pipeline with its live stages, both in their order.
    pub async fn pipelines(&self) -> Result<Vec<Pipeline>> {
        let mut conn = self.pool.acquire().await?;
        all(&mut conn).await
    }
}

pub(super) async fn all(conn: &mut SqliteConnection) -> Result<Vec<Pipeline>> {
    let rows: Vec<StageRow> = sqlx::query_as(
        "SELECT p.id AS pipeline_id, p.name AS pipeline_name, s.id, s.name, s.probability, s.rotting_days
         FROM pipelines p JOIN stages s ON s.pipeline_id = p.id AND s.deleted_at IS NULL
         WHERE p.deleted_at IS NULL
         ORDER BY p.position, p.id, s.position, s.id",
    )
    .fetch_all(conn)
    .await?;
    let mut pipelines: Vec<Pipeline> = Vec::new();
    for r in rows {
        if pipelines.last().is_none_or(|p| p.id != r.pipeline_id) {
            pipelines.push(Pipeline { id: r.pipeline_id.clone(), name: r.pipeline_name.clone(), stages: Vec::new() });
        }
        let stage = stage(r.id, r.name, r.probability, r.rotting_days);
        pipelines.last_mut().expect("pushed above").stages.push(stage);
    }
    Ok(pipelines)
}

/// The pipeline named by id or by name (any case); `None`: the first one.
pub(super) async fn find(conn: &mut SqliteConnection, wanted: Option<&str>) -> Result<Pipeline> {
    let pipelines = all(conn).await?;
    let found = match wanted.map(str::trim) {
        None => pipelines.into_iter().next(),
        Some(w) => pipelines.into_iter().find(|p| p.id == w || p.name.eq_ignore_ascii_case(w)),
    };
    found.ok_or_else(|| match wanted {
        Some(w) => Error::not_found("pipeline", w),
        None => Error::Conflict("this workspace has no pipeline yet".into()),
    })
}

/// A live stage of this pipeline, or `None`.
pub(super) async fn stage_of(conn: &mut SqliteConnection, pipeline_id: &str, stage_id: &str) -> Result<Option<Stage>> {
    let row: Option<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, name, probability, rotting_days FROM stages WHERE id = ? AND pipeline_id = ? AND deleted_at IS NULL",
    )
    .bind(stage_id)
    .bind(pipeline_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(id, name, probability, rotting_days)| stage(id, name, probability, rotting_days)))
}

fn stage(id: String, name: String, probability: i64, rotting_days: Option<i64>) -> Stage {
    Stage {
        id,
        name,
        probability: probability.clamp(0, 100) as u8,
        rotting_days: rotting_days.map(|d| d.max(1) as u32),
    }
}
