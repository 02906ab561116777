//! Leads: create, read, update, tombstone and restore, list and search.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};

use super::{Store, companies, lead_events, lead_search, scores, tags};
use crate::model::bulk::MAX_BULK;
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
        let mut tx = self.write().await?;
        let id = insert_lead(&mut tx, &lead, now).await?;
        let created = fetch_scored(&mut tx, &id).await?;
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
        let before = fetch(&mut tx, &lead_id).await?.lifecycle_stage;
        write_fields(&mut tx, &lead_id, &lead, now).await?;
        if before != lead.lifecycle_stage {
            lead_events::record_stage_change(&mut tx, &lead_id, before, lead.lifecycle_stage, None, now).await?;
        }
        let updated = fetch_scored(&mut tx, &lead_id).await?;
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
        let restored = fetch_scored(&mut tx, &lead_id).await?;
        tx.commit().await?;
        Ok(restored)
    }

    /// One page of live leads matching the query, and how many match in all.
    pub async fn list_leads(&self, query: &LeadQuery) -> Result<LeadPage> {
        let terms = query.search_terms()?;
        if terms.is_some() {
            self.settle_search().await?;
        }
        let mut conn = self.pool.acquire().await?;
        let tag_id = match query.tag.as_deref() {
            None => None,
            Some(name) => match tags::id_of(&mut conn, name).await? {
                Some(id) => Some(id),
                None => return Ok(LeadPage { total: 0, offset: query.offset, leads: Vec::new() }),
            },
        };
        let filters = Filters { stage: query.stage, owner: query.owner.as_deref(), tag_id: tag_id.as_deref() };
        let (total, rows) = match &terms {
            None => (count_live(&mut conn, &filters).await?, sorted_page(&mut conn, query, &filters).await?),
            Some(terms) => (
                count_matches(&mut conn, &lead_search::any(terms), &filters).await?,
                ranked_page(&mut conn, terms, &filters, query.offset, query.limit).await?,
            ),
        };
        Ok(LeadPage {
            total: total as u32,
            offset: query.offset,
            leads: rows.into_iter().map(Lead::try_from).collect::<Result<_>>()?,
        })
    }

    /// The ids of every live lead matching the query's filters and search (its window aside), for
    /// acting on all of them at once; at most `MAX_BULK`.
    pub async fn lead_ids(&self, query: &LeadQuery) -> Result<Vec<String>> {
        let terms = LeadQuery { offset: 0, limit: 1, ..query.clone() }.search_terms()?;
        if terms.is_some() {
            self.settle_search().await?;
        }
        let mut conn = self.pool.acquire().await?;
        let tag_id = match query.tag.as_deref() {
            None => None,
            Some(name) => match tags::id_of(&mut conn, name).await? {
                Some(id) => Some(id),
                None => return Ok(Vec::new()),
            },
        };
        let filters = Filters { stage: query.stage, owner: query.owner.as_deref(), tag_id: tag_id.as_deref() };
        let mut qb = match &terms {
            None => QueryBuilder::<Sqlite>::new("SELECT l.id FROM leads l WHERE l.deleted_at IS NULL"),
            Some(terms) => {
                let mut qb = QueryBuilder::<Sqlite>::new(
                    "SELECT l.id FROM lead_search s JOIN leads l ON l.seq = s.rowid WHERE lead_search MATCH ",
                );
                qb.push_bind(lead_search::any(terms));
                qb
            }
        };
        filters.push(&mut qb);
        qb.push(" LIMIT ").push_bind(MAX_BULK as i64);
        Ok(qb.build_query_scalar().fetch_all(&mut *conn).await?)
    }

    /// Every live lead, sorted by name (for an export of them all).
    pub async fn live_leads(&self) -> Result<Vec<Lead>> {
        let mut qb = QueryBuilder::<Sqlite>::new(SELECT_LEAD);
        qb.push("FROM leads l LEFT JOIN companies c ON c.id = l.company_id WHERE l.deleted_at IS NULL ORDER BY l.name COLLATE NOCASE, l.seq");
        let rows: Vec<LeadRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter().map(Lead::try_from).collect()
    }

    /// The live leads among `ids`, sorted by name (for exports of chosen leads).
    pub async fn leads_by_ids(&self, ids: &[String]) -> Result<Vec<Lead>> {
        if ids.is_empty() || ids.len() > MAX_BULK {
            return Err(Error::invalid("ids", format!("choose between 1 and {MAX_BULK} leads")));
        }
        let ids = ids.iter().map(|i| id::parse_id("ids", i)).collect::<Result<Vec<_>>>()?;
        let json = serde_json::to_string(&ids).map_err(|e| Error::Conflict(e.to_string()))?;
        let mut qb = QueryBuilder::<Sqlite>::new(SELECT_LEAD);
        qb.push("FROM leads l LEFT JOIN companies c ON c.id = l.company_id WHERE l.deleted_at IS NULL AND l.id IN (SELECT value FROM json_each(")
            .push_bind(json)
            .push(")) ORDER BY l.name COLLATE NOCASE, l.seq");
        let rows: Vec<LeadRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter().map(Lead::try_from).collect()
    }

    /// The best `limit` live leads for a search text, most relevant first.
    pub async fn search_leads(&self, text: &str, limit: u32) -> Result<Vec<Lead>> {
        let query = LeadQuery { search: Some(text.to_owned()), limit, ..Default::default() };
        let Some(terms) = query.search_terms()? else {
            return Err(Error::invalid("search", "is empty"));
        };
        self.settle_search().await?;
        let mut conn = self.pool.acquire().await?;
        let rows = ranked_page(&mut conn, &terms, &Filters::default(), 0, limit).await?;
        rows.into_iter().map(Lead::try_from).collect()
    }

    /// Owners and tags in use on live leads, for the filter menus.
    pub async fn lead_facets(&self) -> Result<LeadFacets> {
        let owners = sqlx::query_scalar(
            "SELECT value FROM lead_tallies WHERE facet = 'owner' AND live > 0 ORDER BY value COLLATE NOCASE",
        )
        .fetch_all(&self.pool)
        .await?;
        let tags = sqlx::query_scalar(
            "SELECT t.name FROM lead_tallies lt JOIN tags t ON t.id = lt.value
             WHERE lt.facet = 'tag' AND lt.live > 0 AND t.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut conn = self.pool.acquire().await?;
        let total = tally(&mut conn, "all", "").await?;
        Ok(LeadFacets { owners, tags, total: total as u32 })
    }
}

/// The list filters, with the tag already resolved to its id.
#[derive(Default)]
struct Filters<'a> {
    stage: Option<LifecycleStage>,
    owner: Option<&'a str>,
    tag_id: Option<&'a str>,
}

impl Filters<'_> {
    /// The one filter in use, as a `lead_tallies` key; `("all", "")` when there is none.
    fn single_facet(&self) -> Option<(&'static str, &str)> {
        match (self.stage, self.owner, self.tag_id) {
            (None, None, None) => Some(("all", "")),
            (Some(stage), None, None) => Some(("stage", stage.as_str())),
            (None, Some(owner), None) => Some(("owner", owner)),
            (None, None, Some(tag)) => Some(("tag", tag)),
            _ => None,
        }
    }

    fn is_empty(&self) -> bool {
        self.stage.is_none() && self.owner.is_none() && self.tag_id.is_none()
    }

    fn push(&self, qb: &mut QueryBuilder<Sqlite>) {
        if let Some(stage) = self.stage {
            qb.push(" AND l.lifecycle_stage = ").push_bind(stage.as_str());
        }
        if let Some(owner) = self.owner {
            qb.push(" AND l.owner = ").push_bind(owner.to_owned());
        }
        if let Some(tag) = self.tag_id {
            qb.push(" AND EXISTS (SELECT 1 FROM lead_tags lt WHERE lt.lead_id = l.id AND lt.tag_id = ")
                .push_bind(tag.to_owned())
                .push(")");
        }
    }
}

/// Live leads matching the filters: a lookup in `lead_tallies` for none or one filter.
async fn count_live(conn: &mut SqliteConnection, filters: &Filters<'_>) -> Result<i64> {
    if let Some((facet, value)) = filters.single_facet() {
        return tally(conn, facet, value).await;
    }
    let mut qb = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM leads l WHERE l.deleted_at IS NULL");
    filters.push(&mut qb);
    Ok(qb.build_query_scalar().fetch_one(&mut *conn).await?)
}

async fn tally(conn: &mut SqliteConnection, facet: &str, value: &str) -> Result<i64> {
    let live: Option<i64> = sqlx::query_scalar("SELECT live FROM lead_tallies WHERE facet = ?1 AND value = ?2")
        .bind(facet)
        .bind(value)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(live.unwrap_or(0))
}

/// Live leads matching an FTS5 expression and the filters; the index holds live leads only.
async fn count_matches(conn: &mut SqliteConnection, fts: &str, filters: &Filters<'_>) -> Result<i64> {
    let mut qb = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM lead_search s");
    if !filters.is_empty() {
        qb.push(" JOIN leads l ON l.seq = s.rowid");
    }
    qb.push(" WHERE lead_search MATCH ").push_bind(fts.to_owned());
    filters.push(&mut qb);
    Ok(qb.build_query_scalar().fetch_one(&mut *conn).await?)
}

/// A page in the chosen order. The index walk picks the keys; only those rows are then loaded,
/// so a deep offset skips index entries, not whole rows with their company and tags.
async fn sorted_page(conn: &mut SqliteConnection, query: &LeadQuery, filters: &Filters<'_>) -> Result<Vec<LeadRow>> {
    let mut qb = QueryBuilder::<Sqlite>::new("SELECT l.seq FROM leads l WHERE l.deleted_at IS NULL");
    filters.push(&mut qb);
    let dir = if query.descending { "DESC" } else { "ASC" };
    qb.push(match query.sort {
        LeadSort::Name => format!(" ORDER BY l.name COLLATE NOCASE {dir}, l.seq {dir}"),
        LeadSort::Created => format!(" ORDER BY l.created_at {dir}, l.seq {dir}"),
        LeadSort::Updated => format!(" ORDER BY l.updated_at {dir}, l.seq {dir}"),
        LeadSort::Score => format!(" ORDER BY l.score {dir}, l.seq {dir}"),
    });
    qb.push(" LIMIT ").push_bind(query.limit).push(" OFFSET ").push_bind(query.offset);
    let seqs: Vec<i64> = qb.build_query_scalar().fetch_all(&mut *conn).await?;
    load_in_order(conn, &seqs).await
}

/// Rows `offset..offset + limit` of the matches in relevance order: walks the tiers for the
/// index rowids alone, then loads those leads in one query.
async fn ranked_page(
    conn: &mut SqliteConnection,
    terms: &[String],
    filters: &Filters<'_>,
    offset: u32,
    limit: u32,
) -> Result<Vec<LeadRow>> {
    let mut skip = i64::from(offset);
    let mut seqs: Vec<i64> = Vec::new();
    for tier in lead_search::tiers(terms) {
        let want = i64::from(limit) - seqs.len() as i64;
        if want <= 0 {
            break;
        }
        if skip > 0 {
            let in_tier = count_matches(conn, &tier, filters).await?;
            if in_tier <= skip {
                skip -= in_tier;
                continue;
            }
        }
        let mut qb = QueryBuilder::<Sqlite>::new("SELECT s.rowid FROM lead_search s");
        if !filters.is_empty() {
            qb.push(" JOIN leads l ON l.seq = s.rowid");
        }
        qb.push(" WHERE lead_search MATCH ").push_bind(tier);
        filters.push(&mut qb);
        qb.push(" ORDER BY s.rowid DESC LIMIT ").push_bind(want).push(" OFFSET ").push_bind(skip);
        seqs.extend(qb.build_query_scalar::<i64>().fetch_all(&mut *conn).await?);
        skip = 0;
    }
    load_in_order(conn, &seqs).await
}

/// The leads with these keys, in the order given.
async fn load_in_order(conn: &mut SqliteConnection, seqs: &[i64]) -> Result<Vec<LeadRow>> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Sqlite>::new(SELECT_LEAD);
    qb.push(", l.seq FROM leads l LEFT JOIN companies c ON c.id = l.company_id WHERE l.seq IN (");
    let mut list = qb.separated(", ");
    for seq in seqs {
        list.push_bind(*seq);
    }
    qb.push(")");
    let place: HashMap<i64, usize> = seqs.iter().enumerate().map(|(i, seq)| (*seq, i)).collect();
    let mut rows: Vec<SeqLeadRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    rows.sort_by_key(|r| place.get(&r.seq).copied());
    Ok(rows.into_iter().map(|r| r.row).collect())
}

#[derive(FromRow)]
struct SeqLeadRow {
    seq: i64,
    #[sqlx(flatten)]
    row: LeadRow,
}

/// Writes every field of a lead (and its tags) from a checked input.
pub(super) async fn write_fields(
    conn: &mut SqliteConnection,
    lead_id: &str,
    lead: &ValidLead,
    now: DateTime<Utc>,
) -> Result<()> {
    let company_id = company_id(&mut *conn, lead, now).await?;
    sqlx::query(
        "UPDATE leads SET name = ?2, email = ?3, phone = ?4, company_id = ?5, job_title = ?6, owner = ?7,
             lifecycle_stage = ?8, source = ?9, notes = ?10, updated_at = ?11
         WHERE id = ?1",
    )
    .bind(lead_id)
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
    .execute(&mut *conn)
    .await?;
    tags::set_lead_tags(conn, lead_id, &lead.tags, now).await
}

pub(super) async fn fetch(conn: &mut SqliteConnection, lead_id: &str) -> Result<Lead> {
    let mut qb = QueryBuilder::<Sqlite>::new(SELECT_LEAD);
    qb.push("FROM leads l LEFT JOIN companies c ON c.id = l.company_id WHERE l.id = ").push_bind(lead_id);
    let row: Option<LeadRow> = qb.build_query_as().fetch_optional(&mut *conn).await?;
    row.ok_or_else(|| Error::not_found("lead", lead_id))?.try_into()
}

/// The lead as a write leaves it, its score brought up to date first.
pub(super) async fn fetch_scored(conn: &mut SqliteConnection, lead_id: &str) -> Result<Lead> {
    scores::settle(conn).await?;
    fetch(conn, lead_id).await
}

pub(super) async fn ensure_live(conn: &mut SqliteConnection, lead_id: &str) -> Result<()> {
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

/// For a record that points at a lead (a deal, an activity): a bad `lead_id` is a field error
/// of that record, unlike `ensure_live`, which is about editing the lead itself.
pub(super) async fn check_reference(conn: &mut SqliteConnection, lead_id: &str) -> Result<()> {
    let live: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM leads WHERE id = ? AND deleted_at IS NULL)")
        .bind(lead_id)
        .fetch_one(conn)
        .await?;
    if live { Ok(()) } else { Err(Error::invalid("lead_id", "is not a lead in this workspace")) }
}

/// Writes a new lead (and its company and tags) inside the caller's transaction; returns its id.
pub(super) async fn insert_lead(tx: &mut SqliteConnection, lead: &ValidLead, now: DateTime<Utc>) -> Result<String> {
    let id = id::new_id(now);
    let company_id = company_id(&mut *tx, lead, now).await?;
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
    tags::set_lead_tags(&mut *tx, &id, &lead.tags, now).await?;
    Ok(id)
}
