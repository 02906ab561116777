//! Leads: create, read, update, tombstone and restore, list and search.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};

use super::{Store, companies, tags};
use crate::model::lead::{Lead, LeadFacets, LeadInput, LeadPage, LeadQuery, LeadSort, LifecycleStage, ValidLead};
use crate::model::{id, time};
use crate::{Error, Result};

/// Unit separator: cannot appear in a tag (tags are single-line text without control characters).
const TAG_SEP: char = '\u{1f}';

const SELECT_LEAD: &str = "SELECT l.id, l.name, l.email, l.phone, c.name AS company, l.job_title, l.owner, \
     (SELECT group_concat(t.name, char(31)) FROM lead_tags lt JOIN tags t ON t.id = lt.tag_id WHERE lt.lead_id = l.id) AS tags, \
     l.notes, l.lifecycle_stage, l.score, l.source, l.created_at, l.updated_at, l.deleted_at ";

#[derive(FromRow)]
struct LeadRow {
    id: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    company: Option<String>,
    job_title: Option<String>,
    owner: Option<String>,
    tags: Option<String>,
    notes: Option<String>,
    lifecycle_stage: String,
    score: i64,
    source: Option<String>,
    created_at: String,
    updated_at: String,
    deleted_at: Option<String>,
}

impl TryFrom<LeadRow> for Lead {
    type Error = Error;
    fn try_from(r: LeadRow) -> Result<Lead> {
        let mut tags: Vec<String> = r.tags.map(|t| t.split(TAG_SEP).map(str::to_owned).collect()).unwrap_or_default();
        tags.sort_by_key(|t| t.to_lowercase());
        Ok(Lead {
            id: r.id,
            name: r.name,
            email: r.email,
            phone: r.phone,
            company: r.company,
            job_title: r.job_title,
            owner: r.owner,
            tags,
            notes: r.notes,
            lifecycle_stage: LifecycleStage::parse(&r.lifecycle_stage)?,
            score: r.score,
            source: r.source,
            created_at: time::from_db(&r.created_at)?,
            updated_at: time::from_db(&r.updated_at)?,
            deleted_at: r.deleted_at.as_deref().map(time::from_db).transpose()?,
        })
    }
}

impl Store {
    pub async fn create_lead(&self, input: &LeadInput, now: DateTime<Utc>) -> Result<Lead> {
        let lead = input.validate()?;
        let id = id::new_id(now);
        let mut tx = self.write().await?;
        let company_id = company_id(&mut tx, &lead, now).await?;
        let at = time::to_db(now);
        sqlx::query(
            "INSERT INTO leads (id, name, email, phone, company_id, job_title, owner, lifecycle_stage, source, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )
        .bind(&id)
        .bind(&lead.name)
        .bind(&lead.email)
        .bind(&lead.phone)
        .bind(&company_id)
        .bind(&lead.job_title)
        .bind(&lead.owner)
        .bind(lead.lifecycle_stage.as_str())
        .bind(&lead.source)
        .bind(&lead.notes)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        tags::set_lead_tags(&mut tx, &id, &lead.tags, now).await?;
        let created = fetch(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// The lead with this id, live or deleted.
    pub async fn get_lead(&self, lead_id: &str) -> Result<Lead> {
        let lead_id = id::parse_id("id", lead_id)?;
        let mut conn = self.pool.acquire().await?;
        fetch(&mut conn, &lead_id).await
    }

    /// Replaces every field of a live lead with `input`.
    pub async fn update_lead(&self, lead_id: &str, input: &LeadInput, now: DateTime<Utc>) -> Result<Lead> {
        let lead_id = id::parse_id("id", lead_id)?;
        let lead = input.validate()?;
        let mut tx = self.write().await?;
        ensure_live(&mut tx, &lead_id).await?;
        let company_id = company_id(&mut tx, &lead, now).await?;
        sqlx::query(
            "UPDATE leads SET name = ?2, email = ?3, phone = ?4, company_id = ?5, job_title = ?6, owner = ?7,
                 lifecycle_stage = ?8, source = ?9, notes = ?10, updated_at = ?11
             WHERE id = ?1",
        )
        .bind(&lead_id)
        .bind(&lead.name)
        .bind(&lead.email)
        .bind(&lead.phone)
        .bind(&company_id)
        .bind(&lead.job_title)
        .bind(&lead.owner)
        .bind(lead.lifecycle_stage.as_str())
        .bind(&lead.source)
        .bind(&lead.notes)
        .bind(time::to_db(now))
        .execute(&mut *tx)
        .await?;
        tags::set_lead_tags(&mut tx, &lead_id, &lead.tags, now).await?;
        let updated = fetch(&mut tx, &lead_id).await?;
        tx.commit().await?;
        Ok(updated)
    }

    /// Tombstones a live lead; `restore_lead` undoes it.
    pub async fn delete_lead(&self, lead_id: &str, now: DateTime<Utc>) -> Result<Lead> {
        let lead_id = id::parse_id("id", lead_id)?;
        let mut tx = self.write().await?;
        ensure_live(&mut tx, &lead_id).await?;
        sqlx::query("UPDATE leads SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1")
            .bind(&lead_id)
            .bind(time::to_db(now))
            .execute(&mut *tx)
            .await?;
        let deleted = fetch(&mut tx, &lead_id).await?;
        tx.commit().await?;
        Ok(deleted)
    }

    /// Brings a deleted lead back, exactly as it was.
    pub async fn restore_lead(&self, lead_id: &str, now: DateTime<Utc>) -> Result<Lead> {
        let lead_id = id::parse_id("id", lead_id)?;
        let mut tx = self.write().await?;
        let lead = fetch(&mut tx, &lead_id).await?;
        if lead.deleted_at.is_none() {
            return Err(Error::Conflict(format!("lead {:?} is not deleted", lead.name)));
        }
        sqlx::query("UPDATE leads SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1")
            .bind(&lead_id)
            .bind(time::to_db(now))
            .execute(&mut *tx)
            .await?;
        let restored = fetch(&mut tx, &lead_id).await?;
        tx.commit().await?;
        Ok(restored)
    }

    /// One page of live leads matching the query, and how many match in all.
    pub async fn list_leads(&self, query: &LeadQuery) -> Result<LeadPage> {
        let fts = query.fts_query()?;
        let mut conn = self.pool.acquire().await?;

        let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) ");
        push_from_where(&mut count, query, fts.as_deref(), false);
        let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;

        let mut page = QueryBuilder::<Sqlite>::new(SELECT_LEAD);
        push_from_where(&mut page, query, fts.as_deref(), true);
        let dir = if query.descending { "DESC" } else { "ASC" };
        match (&fts, query.sort) {
            (Some(_), _) => page.push(" ORDER BY s.rank, l.name COLLATE NOCASE"),
            (None, LeadSort::Name) => page.push(format!(" ORDER BY l.name COLLATE NOCASE {dir}, l.id {dir}")),
            (None, LeadSort::Created) => page.push(format!(" ORDER BY l.created_at {dir}, l.id {dir}")),
            (None, LeadSort::Updated) => page.push(format!(" ORDER BY l.updated_at {dir}, l.id {dir}")),
        };
        page.push(" LIMIT ").push_bind(query.limit).push(" OFFSET ").push_bind(query.offset);
        let rows: Vec<LeadRow> = page.build_query_as().fetch_all(&mut *conn).await?;
        Ok(LeadPage {
            total: total as u32,
            offset: query.offset,
            leads: rows.into_iter().map(Lead::try_from).collect::<Result<_>>()?,
        })
    }

    /// The best `limit` live leads for a search text, most relevant first.
    pub async fn search_leads(&self, text: &str, limit: u32) -> Result<Vec<Lead>> {
        let query = LeadQuery { search: Some(text.to_owned()), limit, ..Default::default() };
        if query.fts_query()?.is_none() {
            return Err(Error::invalid("search", "is empty"));
        }
        Ok(self.list_leads(&query).await?.leads)
    }

    /// Owners and tags in use on live leads, for the filter menus.
    pub async fn lead_facets(&self) -> Result<LeadFacets> {
        let owners = sqlx::query_scalar(
            "SELECT DISTINCT owner FROM leads WHERE owner IS NOT NULL AND deleted_at IS NULL ORDER BY owner COLLATE NOCASE",
        )
        .fetch_all(&self.pool)
        .await?;
        let tags = sqlx::query_scalar(
            "SELECT t.name FROM tags t WHERE t.deleted_at IS NULL
               AND EXISTS (SELECT 1 FROM lead_tags lt JOIN leads l ON l.id = lt.lead_id
                           WHERE lt.tag_id = t.id AND l.deleted_at IS NULL)
             ORDER BY t.name COLLATE NOCASE",
        )
        .fetch_all(&self.pool)
        .await?;
        let total: i64 =
            sqlx::query_scalar("SELECT count(*) FROM leads WHERE deleted_at IS NULL").fetch_one(&self.pool).await?;
        Ok(LeadFacets { owners, tags, total: total as u32 })
    }
}

/// The FROM and WHERE of a leads query; the company join is only for rows shown, not for counts.
fn push_from_where(qb: &mut QueryBuilder<Sqlite>, query: &LeadQuery, fts: Option<&str>, with_company: bool) {
    let company = if with_company { " LEFT JOIN companies c ON c.id = l.company_id" } else { "" };
    match fts {
        Some(fts) => {
            qb.push(format!("FROM lead_search s JOIN leads l ON l.seq = s.rowid{company} WHERE lead_search MATCH "))
                .push_bind(fts)
                .push(" AND l.deleted_at IS NULL");
        }
        None => {
            qb.push(format!("FROM leads l{company} WHERE l.deleted_at IS NULL"));
        }
    }
    if let Some(stage) = query.stage {
        qb.push(" AND l.lifecycle_stage = ").push_bind(stage.as_str());
    }
    if let Some(owner) = query.owner.as_deref() {
        qb.push(" AND l.owner = ").push_bind(owner);
    }
    if let Some(tag) = query.tag.as_deref() {
        qb.push(" AND l.id IN (SELECT lt.lead_id FROM lead_tags lt JOIN tags t ON t.id = lt.tag_id WHERE t.name = ")
            .push_bind(tag)
            .push(")");
    }
}

async fn fetch(conn: &mut SqliteConnection, lead_id: &str) -> Result<Lead> {
    let mut qb = QueryBuilder::<Sqlite>::new(SELECT_LEAD);
    qb.push("FROM leads l LEFT JOIN companies c ON c.id = l.company_id WHERE l.id = ").push_bind(lead_id);
    let row: Option<LeadRow> = qb.build_query_as().fetch_optional(&mut *conn).await?;
    row.ok_or_else(|| Error::not_found("lead", lead_id))?.try_into()
}

async fn ensure_live(conn: &mut SqliteConnection, lead_id: &str) -> Result<()> {
    let deleted: Option<Option<String>> = sqlx::query_scalar("SELECT deleted_at FROM leads WHERE id = ?1")
        .bind(lead_id)
        .fetch_optional(&mut *conn)
        .await?;
    match deleted {
        None => Err(Error::not_found("lead", lead_id)),
        Some(Some(_)) => Err(Error::Conflict("this lead has been deleted; restore it first".into())),
        Some(None) => Ok(()),
    }
}

async fn company_id(conn: &mut SqliteConnection, lead: &ValidLead, now: DateTime<Utc>) -> Result<Option<String>> {
    match lead.company.as_deref() {
        Some(name) => Ok(Some(companies::find_or_create(conn, name, now).await?)),
        None => Ok(None),
    }
}
