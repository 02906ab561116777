//! The list of reasons a deal can be lost for, which the user edits. A deleted reason is a
//! tombstone: deals lost for it keep showing it, and adding the name again brings it back.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::Store;
use crate::model::{id, text, time};
use crate::{Error, Result};

impl Store {
    /// The names a lost deal may give, in their order.
    pub async fn lost_reasons(&self) -> Result<Vec<String>> {
        let mut conn = self.pool.acquire().await?;
        live(&mut conn).await
    }

    /// Adds a reason at the end of the list.
    pub async fn add_lost_reason(&self, name: &str, now: DateTime<Utc>) -> Result<Vec<String>> {
        let name = reason("name", name)?;
        let mut tx = self.write().await?;
        let existing: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT id, deleted_at FROM lost_reasons WHERE name = ? COLLATE NOCASE")
                .bind(&name)
                .fetch_optional(&mut *tx)
                .await?;
        let at = time::to_db(now);
        match existing {
            Some((_, None)) => return Err(Error::invalid("name", format!("{name:?} is already in the list"))),
            Some((id, Some(_))) => {
                sqlx::query(
                    "UPDATE lost_reasons SET name = ?1, deleted_at = NULL, updated_at = ?2,
                            position = (SELECT coalesce(max(position), -1) + 1 FROM lost_reasons)
                     WHERE id = ?3",
                )
                .bind(&name)
                .bind(&at)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO lost_reasons (id, name, position, created_at, updated_at)
                     VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM lost_reasons), ?3, ?3)",
                )
                .bind(id::new_id(now))
                .bind(&name)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
            }
        }
        let list = live(&mut tx).await?;
        tx.commit().await?;
        Ok(list)
    }

    /// Renames a reason; deals lost for it show the new name.
    pub async fn rename_lost_reason(&self, name: &str, to: &str, now: DateTime<Utc>) -> Result<Vec<String>> {
        let to = reason("to", to)?;
        let mut tx = self.write().await?;
        let id = live_id(&mut tx, name).await?;
        let taken: Option<String> =
            sqlx::query_scalar("SELECT id FROM lost_reasons WHERE name = ? COLLATE NOCASE AND id <> ?")
                .bind(&to)
                .bind(&id)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
            return Err(Error::invalid("to", format!("{to:?} is already a reason (perhaps a deleted one)")));
        }
        sqlx::query("UPDATE lost_reasons SET name = ?, updated_at = ? WHERE id = ?")
            .bind(&to)
            .bind(time::to_db(now))
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        let list = live(&mut tx).await?;
        tx.commit().await?;
        Ok(list)
    }

    /// Takes a reason off the list; deals lost for it keep it.
    pub async fn delete_lost_reason(&self, name: &str, now: DateTime<Utc>) -> Result<Vec<String>> {
        let mut tx = self.write().await?;
        let id = live_id(&mut tx, name).await?;
        let at = time::to_db(now);
        sqlx::query("UPDATE lost_reasons SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2")
            .bind(&at)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        let list = live(&mut tx).await?;
        tx.commit().await?;
        Ok(list)
    }
}

fn reason(field: &'static str, raw: &str) -> Result<String> {
    text::optional_line(field, Some(raw), 80)?.ok_or_else(|| Error::invalid(field, "is required"))
}

async fn live(conn: &mut SqliteConnection) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT name FROM lost_reasons WHERE deleted_at IS NULL ORDER BY position, name")
        .fetch_all(conn)
        .await?)
}

async fn live_id(conn: &mut SqliteConnection, name: &str) -> Result<String> {
    sqlx::query_scalar("SELECT id FROM lost_reasons WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL")
        .bind(name.trim())
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| Error::not_found("lost reason", name.trim()))
}
