//! Companies: found by name or created on the fly as leads name them, and their own details
//! (name, website, industry, size) changed from the lead page.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::Store;
use crate::model::company::CompanyInput;
use crate::model::lead_record::CompanyFacts;
use crate::model::{id::new_id, time};
use crate::{Error, Result};

impl Store {
    /// Changes a company's details, for every lead that works there. A name or a website another
    /// live company has is refused, since leads and imports find companies by them. When the
    /// industry or the size changes, a trigger marks the company's leads and the commit scores
    /// them again (`derived`).
    pub async fn update_company(&self, id: &str, input: &CompanyInput, now: DateTime<Utc>) -> Result<CompanyFacts> {
        let company = input.validate()?;
        let mut tx = self.write().await?;
        if facts(&mut tx, id).await?.is_none() {
            return Err(Error::not_found("company", id));
        }
        let named: Option<String> = sqlx::query_scalar(
            "SELECT name FROM companies WHERE name = ?1 COLLATE NOCASE AND id <> ?2 AND deleted_at IS NULL LIMIT 1",
        )
        .bind(&company.name)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(other) = named {
            return Err(Error::invalid("name", format!("another company is named “{other}”")));
        }
        if let Some(domain) = &company.domain {
            let other: Option<String> = sqlx::query_scalar(
                "SELECT name FROM companies WHERE domain = ?1 AND id <> ?2 AND deleted_at IS NULL LIMIT 1",
            )
            .bind(domain)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(other) = other {
                return Err(Error::invalid("domain", format!("{domain} is the website of “{other}”")));
            }
        }
        sqlx::query(
            "UPDATE companies SET name = ?1, domain = ?2, industry = ?3, size = ?4, updated_at = ?5 WHERE id = ?6",
        )
        .bind(&company.name)
        .bind(&company.domain)
        .bind(&company.industry)
        .bind(&company.size)
        .bind(time::to_db(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let updated = facts(&mut tx, id).await?.ok_or_else(|| Error::not_found("company", id))?;
        tx.commit().await?;
        Ok(updated)
    }
}

/// The live company `id` as the lead page shows it, with how many live leads work there.
pub(super) async fn facts(conn: &mut SqliteConnection, id: &str) -> Result<Option<CompanyFacts>> {
    type Row = (String, String, Option<String>, Option<String>, Option<String>, u32);
    let row: Option<Row> = sqlx::query_as(
        "SELECT c.id, c.name, c.domain, c.industry, c.size,
                (SELECT count(*) FROM leads l WHERE l.company_id = c.id AND l.deleted_at IS NULL)
         FROM companies c WHERE c.id = ? AND c.deleted_at IS NULL",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(id, name, domain, industry, size, leads)| CompanyFacts { id, name, domain, industry, size, leads }))
}

/// The id of the live company with this name (case-insensitive), created if there is none.
pub(super) async fn find_or_create(conn: &mut SqliteConnection, name: &str, now: DateTime<Utc>) -> Result<String> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT id FROM companies WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL ORDER BY created_at LIMIT 1",
    )
    .bind(name)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = found {
        return Ok(id);
    }
    let id = new_id(now);
    let at = time::to_db(now);
    sqlx::query("INSERT INTO companies (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)")
        .bind(&id)
        .bind(name)
        .bind(&at)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}
