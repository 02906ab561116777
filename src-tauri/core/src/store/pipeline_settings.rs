//! Changing pipelines and their stages: add, rename, reorder, delete. Nothing is ever orphaned:
//! a stage that holds deals goes only once they have moved to another stage of its pipeline, and
//! a pipeline only once it holds none. Deletes are tombstones.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{Store, deals, pipelines};
use crate::model::deal::{Pipeline, StageInput};
use crate::model::{id, position, time};
use crate::{Error, Result};

impl Store {
    /// A new pipeline with its stages, in the order given, after the others.
    pub async fn create_pipeline(&self, name: &str, stages: &[StageInput], now: DateTime<Utc>) -> Result<Pipeline> {
        let name = pipeline_name(name)?;
        let stages = stages.iter().map(StageInput::validate).collect::<Result<Vec<_>>>()?;
        if stages.is_empty() {
            return Err(Error::invalid("stages", "a pipeline needs at least one stage"));
        }
        let mut tx = self.write().await?;
        let id = id::new_id(now);
        let at = time::to_db(now);
        sqlx::query(
            "INSERT INTO pipelines (id, name, position, created_at, updated_at)
             VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM pipelines), ?3, ?3)",
        )
        .bind(&id)
        .bind(&name)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        for (i, stage) in stages.iter().enumerate() {
            insert_stage(&mut tx, &id, i as i64, stage, now).await?;
        }
        let created = pipelines::find(&mut tx, Some(&id)).await?;
        tx.commit().await?;
        Ok(created)
    }

    pub async fn rename_pipeline(&self, pipeline_id: &str, name: &str, now: DateTime<Utc>) -> Result<Pipeline> {
        let pipeline_id = id::parse_id("pipeline_id", pipeline_id)?;
        let name = pipeline_name(name)?;
        let mut tx = self.write().await?;
        let changed = sqlx::query("UPDATE pipelines SET name = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL")
            .bind(&name)
            .bind(time::to_db(now))
            .bind(&pipeline_id)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() == 0 {
            return Err(Error::not_found("pipeline", &pipeline_id));
        }
        let renamed = pipelines::find(&mut tx, Some(&pipeline_id)).await?;
        tx.commit().await?;
        Ok(renamed)
    }

    /// Tombstones a pipeline that holds no deals (open or closed) and its stages.
    pub async fn delete_pipeline(&self, pipeline_id: &str, now: DateTime<Utc>) -> Result<()> {
        let pipeline_id = id::parse_id("pipeline_id", pipeline_id)?;
        let mut tx = self.write().await?;
        pipelines::find(&mut tx, Some(&pipeline_id)).await?;
        let deals: i64 = sqlx::query_scalar("SELECT count(*) FROM deals WHERE pipeline_id = ? AND deleted_at IS NULL")
            .bind(&pipeline_id)
            .fetch_one(&mut *tx)
            .await?;
        if deals > 0 {
            return Err(Error::Conflict(format!(
                "this pipeline holds {deals} deals; move or delete them before deleting the pipeline"
            )));
        }
        let at = time::to_db(now);
        for table in [
            "UPDATE stages SET deleted_at = ?1, updated_at = ?1 WHERE pipeline_id = ?2 AND deleted_at IS NULL",
            "UPDATE pipelines SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2",
        ] {
            sqlx::query(table).bind(&at).bind(&pipeline_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A new stage at the end of a pipeline.
    pub async fn add_stage(&self, pipeline_id: &str, input: &StageInput, now: DateTime<Utc>) -> Result<Pipeline> {
        let pipeline_id = id::parse_id("pipeline_id", pipeline_id)?;
        let stage = input.validate()?;
        let mut tx = self.write().await?;
        let pipeline = pipelines::find(&mut tx, Some(&pipeline_id)).await?;
        insert_stage(&mut tx, &pipeline.id, pipeline.stages.len() as i64, &stage, now).await?;
        let changed = pipelines::find(&mut tx, Some(&pipeline_id)).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Renames a stage, or changes its probability or rotting period.
    pub async fn update_stage(&self, stage_id: &str, input: &StageInput, now: DateTime<Utc>) -> Result<Pipeline> {
        let stage_id = id::parse_id("stage_id", stage_id)?;
        let stage = input.validate()?;
        let mut tx = self.write().await?;
        let pipeline_id = pipeline_of(&mut tx, &stage_id).await?;
        sqlx::query("UPDATE stages SET name = ?, probability = ?, rotting_days = ?, updated_at = ? WHERE id = ?")
            .bind(&stage.name)
            .bind(i64::from(stage.probability))
            .bind(stage.rotting_days.map(i64::from))
            .bind(time::to_db(now))
            .bind(&stage_id)
            .execute(&mut *tx)
            .await?;
        let changed = pipelines::find(&mut tx, Some(&pipeline_id)).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Puts a stage at `index` (0: first) among its pipeline's stages.
    pub async fn move_stage(&self, stage_id: &str, index: u32, now: DateTime<Utc>) -> Result<Pipeline> {
        let stage_id = id::parse_id("stage_id", stage_id)?;
        let mut tx = self.write().await?;
        let pipeline_id = pipeline_of(&mut tx, &stage_id).await?;
        let mut order: Vec<String> =
            pipelines::find(&mut tx, Some(&pipeline_id)).await?.stages.into_iter().map(|s| s.id).collect();
        if index as usize >= order.len() {
            return Err(Error::invalid("index", format!("must be below {}", order.len())));
        }
        order.retain(|s| *s != stage_id);
        order.insert(index as usize, stage_id);
        renumber(&mut tx, &order, now).await?;
        let changed = pipelines::find(&mut tx, Some(&pipeline_id)).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Tombstones a stage. Its deals (open and closed) first move to `move_deals_to`, another
    /// stage of the same pipeline, at the end of its column, each move in the stage history.
    pub async fn delete_stage(
        &self,
        stage_id: &str,
        move_deals_to: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Pipeline> {
        let stage_id = id::parse_id("stage_id", stage_id)?;
        let target = move_deals_to.map(|t| id::parse_id("move_deals_to", t)).transpose()?;
        let mut tx = self.write().await?;
        let pipeline_id = pipeline_of(&mut tx, &stage_id).await?;
        let pipeline = pipelines::find(&mut tx, Some(&pipeline_id)).await?;
        if pipeline.stages.len() == 1 {
            return Err(Error::Conflict("a pipeline keeps at least one stage".into()));
        }
        let deals: Vec<(String, String)> = sqlx::query_as(
            "SELECT id, status FROM deals WHERE stage_id = ? AND deleted_at IS NULL ORDER BY position, id",
        )
        .bind(&stage_id)
        .fetch_all(&mut *tx)
        .await?;
        if !deals.is_empty() {
            let target = match target.as_deref() {
                None => {
                    return Err(Error::invalid(
                        "move_deals_to",
                        format!("this stage holds {} deals; choose the stage they move to", deals.len()),
                    ));
                }
                Some(t) if t == stage_id => return Err(Error::invalid("move_deals_to", "is the stage being deleted")),
                Some(t) if !pipeline.stages.iter().any(|s| s.id == t) => {
                    return Err(Error::invalid("move_deals_to", "is not another stage of this pipeline"));
                }
                Some(t) => t,
            };
            move_all(&mut tx, &deals, &pipeline_id, &stage_id, target, now).await?;
        }
        let at = time::to_db(now);
        sqlx::query("UPDATE stages SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2")
            .bind(&at)
            .bind(&stage_id)
            .execute(&mut *tx)
            .await?;
        let rest: Vec<String> = pipeline.stages.into_iter().map(|s| s.id).filter(|s| *s != stage_id).collect();
        renumber(&mut tx, &rest, now).await?;
        let changed = pipelines::find(&mut tx, Some(&pipeline_id)).await?;
        tx.commit().await?;
        Ok(changed)
    }
}

fn pipeline_name(raw: &str) -> Result<String> {
    crate::model::text::optional_line("name", Some(raw), 80)?.ok_or_else(|| Error::invalid("name", "is required"))
}

async fn pipeline_of(conn: &mut SqliteConnection, stage_id: &str) -> Result<String> {
    sqlx::query_scalar(
        "SELECT s.pipeline_id FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
         WHERE s.id = ? AND s.deleted_at IS NULL AND p.deleted_at IS NULL",
    )
    .bind(stage_id)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| Error::not_found("stage", stage_id))
}

async fn insert_stage(
    conn: &mut SqliteConnection,
    pipeline_id: &str,
    position: i64,
    stage: &crate::model::deal::Stage,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = time::to_db(now);
    sqlx::query(
        "INSERT INTO stages (id, pipeline_id, name, position, probability, rotting_days, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )
    .bind(id::new_id(now))
    .bind(pipeline_id)
    .bind(&stage.name)
    .bind(position)
    .bind(i64::from(stage.probability))
    .bind(stage.rotting_days.map(i64::from))
    .bind(&at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives the stages positions 0, 1, 2… in this order.
async fn renumber(conn: &mut SqliteConnection, order: &[String], now: DateTime<Utc>) -> Result<()> {
    let at = time::to_db(now);
    for (i, stage) in order.iter().enumerate() {
        sqlx::query("UPDATE stages SET position = ?, updated_at = ? WHERE id = ?")
            .bind(i as i64)
            .bind(&at)
            .bind(stage)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Moves `deals` (in their order) to the end of `target`, recording each stage change.
async fn move_all(
    conn: &mut SqliteConnection,
    deals: &[(String, String)],
    pipeline_id: &str,
    from: &str,
    target: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = time::to_db(now);
    let mut last: Option<String> = sqlx::query_scalar(
        "SELECT max(position) FROM deals WHERE pipeline_id = ? AND stage_id = ? AND deleted_at IS NULL",
    )
    .bind(pipeline_id)
    .bind(target)
    .fetch_one(&mut *conn)
    .await?;
    for (deal, status) in deals {
        let key = position::between(last.as_deref(), None)?;
        // An open deal starts its time in the new stage; a closed one keeps its dates.
        sqlx::query(
            "UPDATE deals SET stage_id = ?1, position = ?2, updated_at = ?3,
                    stage_entered_at = CASE WHEN ?4 = 'open' THEN ?3 ELSE stage_entered_at END
             WHERE id = ?5",
        )
        .bind(target)
        .bind(&key)
        .bind(&at)
        .bind(status)
        .bind(deal)
        .execute(&mut *conn)
        .await?;
        deals::record_stage_change(conn, deal, Some(from), target, now).await?;
        last = Some(key);
    }
    Ok(())
}
