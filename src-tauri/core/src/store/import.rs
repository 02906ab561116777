//! Imports of leads: the dry run's reads, the one transaction that writes a batch, the import
//! history and its undo. Rows cross into SQLite as JSON arrays a statement reads with
//! `json_each` (a statement per step and chunk, never one per row), and what each step created
//! or changed is kept in `import_changes`, so the undo puts the workspace back exactly.
//! New leads get rising ids and row numbers, so the indexes keyed by them grow at their end.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{Store, Write, end_bulk, from_json, load};
use crate::import::plan::{
    self, Existing, ImportOptions, LeadImportCounts, LeadImportSummary, MatchOn, OnDuplicate, Plan,
};
use crate::import::rows::Incoming;
use crate::import::{mapping, rows, table::Table};
use crate::model::duplicates::lead_keys;
use crate::model::lead::ValidLead;
use crate::model::text::nocase_key;
use crate::model::{id, time};
use crate::{Error, Result};

/// Leads per statement while writing, and how often progress is told (and cancel heard).
const CHUNK: usize = 5_000;

/// Triggers that would run for every new lead and tag, paused while an import creates at least
/// `PAUSE_FROM` leads; `CATCH_UP` and `ADD_TALLIES` then do their work for all of them at once
/// (migrations 0002, 0013, 0014), except indexing them for search, which they leave to
/// `Store::settle_search` (migration 0021). Fewer leads keep them: pausing changes the schema,
/// which every connection then prepares its statements again for. `leads_keys_insert` has
/// nothing to do for an import, which passes the duplicate keys in (migration 0020), but a table
/// with any trigger has each chunk's rows copied to a temporary table before they are inserted.
const PAUSE_FROM: usize = 1_000;
const PAUSED: &str = r#"["lead_search_insert", "lead_tallies_insert", "scores_due_lead_insert",
                         "credits_due_lead_insert", "lead_tallies_tag_insert", "leads_keys_insert"]"#;

/// For the leads with `seq` from ?1 to ?2, all new and live.
const CATCH_UP: [&str; 3] = [
    "INSERT INTO search_due (from_seq, to_seq) VALUES (?1, ?2)",
    "INSERT OR IGNORE INTO scores_due SELECT id FROM leads WHERE seq BETWEEN ?1 AND ?2",
    "INSERT OR IGNORE INTO credits_due SELECT id FROM leads WHERE seq BETWEEN ?1 AND ?2",
];

/// `[facet, value, count]` rows added to the live-lead tallies (see `tallies`).
const ADD_TALLIES: &str = "INSERT INTO lead_tallies (facet, value, live)
     SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1) WHERE true
     ON CONFLICT DO UPDATE SET live = live + excluded.live";

/// Triggers that would run for each lead an undo sends to the trash, paused when it sends at
/// least `PAUSE_FROM`; `TRASH` then does their work for all of them, before the leads go.
const PAUSED_FOR_TRASH: &str =
    r#"["lead_search_update", "lead_tallies_update", "scores_due_lead_update", "credits_due_lead_update"]"#;

/// For the live leads with `seq` from ?1 to ?2, trashed at ?3 (migrations 0002, 0013, 0014).
const TRASH: [&str; 5] = [
    "UPDATE lead_tallies SET live = live - d.n
     FROM (SELECT 'all' AS facet, '' AS value, count(*) AS n FROM leads WHERE seq BETWEEN ?1 AND ?2 AND deleted_at IS NULL
           UNION ALL
           SELECT 'stage', lifecycle_stage, count(*) FROM leads
           WHERE seq BETWEEN ?1 AND ?2 AND deleted_at IS NULL GROUP BY lifecycle_stage
           UNION ALL
           SELECT 'owner', owner, count(*) FROM leads
           WHERE seq BETWEEN ?1 AND ?2 AND deleted_at IS NULL AND owner IS NOT NULL GROUP BY owner
           UNION ALL
           SELECT 'tag', lt.tag_id, count(*) FROM leads l JOIN lead_tags lt ON lt.lead_id = l.id
           WHERE l.seq BETWEEN ?1 AND ?2 AND l.deleted_at IS NULL GROUP BY lt.tag_id) d
     WHERE lead_tallies.facet = d.facet AND lead_tallies.value = d.value",
    "DELETE FROM lead_search WHERE rowid IN (SELECT seq FROM leads WHERE seq BETWEEN ?1 AND ?2 AND deleted_at IS NULL)",
    "INSERT OR IGNORE INTO scores_due SELECT id FROM leads WHERE seq BETWEEN ?1 AND ?2 AND deleted_at IS NULL",
    "INSERT OR IGNORE INTO credits_due SELECT id FROM leads WHERE seq BETWEEN ?1 AND ?2 AND deleted_at IS NULL",
    "UPDATE leads SET deleted_at = ?3, updated_at = ?3 WHERE seq BETWEEN ?1 AND ?2 AND deleted_at IS NULL",
];

/// An import in the history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportBatch {
    pub id: String,
    pub file_name: String,
    pub counts: LeadImportCounts,
    pub at: DateTime<Utc>,
    pub undone_at: Option<DateTime<Utc>>,
}

/// How far a write has got: rows written of the rows to write.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// What a finished import did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportResult {
    pub batch: ImportBatch,
    pub summary: LeadImportSummary,
    /// Its new leads are indexed for search after the commit (`settle_search`), so that a large
    /// import commits sooner.
    pub search_pending: bool,
}

/// A row's company, as found or created: by domain when the file gives one, else by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum CompanyKey {
    Domain(String),
    Name(String),
}

impl Store {
    /// The dry run: what importing `table` with `options` would do, writing nothing.
    pub async fn plan_import(
        &self,
        table: &Table,
        options: &ImportOptions,
        now: DateTime<Utc>,
    ) -> Result<LeadImportSummary> {
        mapping::check(&options.columns, &table.headers)?;
        let mut conn = self.pool.acquire().await?;
        let plan = decide(&mut conn, table, options, now).await?;
        let names = names(&mut conn, &plan).await?;
        Ok(plan.summary(plan.counts(
            table.rows.len(),
            names.new_companies.len() as u32,
            names.new_campaigns.len() as u32,
        )))
    }

    /// Imports `table` in one transaction: every row, or refused whole when a row has a problem
    /// unless `only_valid`. `progress` hears how far the write got and cancels it by returning
    /// false, which writes nothing.
    pub async fn import_leads(
        &self,
        table: &Table,
        file_name: &str,
        options: &ImportOptions,
        only_valid: bool,
        now: DateTime<Utc>,
        mut progress: impl FnMut(ImportProgress) -> bool + Send,
    ) -> Result<ImportResult> {
        mapping::check(&options.columns, &table.headers)?;
        let file_name = crate::model::text::optional_line("file_name", Some(file_name), 255)?.unwrap_or_default();
        let mut conn = self.bulk_connection().await?;
        let imported = self.write_import(&mut conn, table, file_name, options, only_valid, now, &mut progress).await;
        end_bulk(conn).await;
        imported
    }

    /// `import_leads` on `conn`, in one transaction.
    #[allow(clippy::too_many_arguments)]
    async fn write_import(
        &self,
        conn: &mut SqliteConnection,
        table: &Table,
        file_name: String,
        options: &ImportOptions,
        only_valid: bool,
        now: DateTime<Utc>,
        progress: &mut (impl FnMut(ImportProgress) -> bool + Send),
    ) -> Result<ImportResult> {
        let mut tx = Write::on(conn).await?;
        let written = async {
            // Decided inside the write lock, so nothing changes between deciding and writing.
            let mut plan = decide(&mut tx, table, options, now).await?;
            if !only_valid {
                rows::refuse(&plan.problems)?;
            }
            let mut names = names(&mut tx, &plan).await?;
            let counts =
                plan.counts(table.rows.len(), names.new_companies.len() as u32, names.new_campaigns.len() as u32);
            let batch_id = id::new_id(now);
            let at = time::to_db(now);
            sqlx::query("INSERT INTO import_batches (id, file_name, counts, at) VALUES (?1, ?2, ?3, ?4)")
                .bind(&batch_id)
                .bind(&file_name)
                .bind(to_json(&counts)?)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
            let total = (plan.creates.len() + plan.updates.len()) as u32;
            if !progress(ImportProgress { done: 0, total }) {
                return Err(Error::Cancelled);
            }
            create_names(&mut tx, &mut names, &batch_id, now).await?;
            let tags = tags_for(&mut tx, &plan, &batch_id, now).await?;
            let ids = Ids { companies: &names.companies, campaigns: &names.campaigns, tags: &tags };
            // The leads it creates take the next row numbers (the write lock keeps out every other
            // writer), so one range records them all.
            let first_seq: i64 =
                sqlx::query_scalar("SELECT coalesce(max(seq), 0) + 1 FROM leads").fetch_one(&mut *tx).await?;
            let mut done = 0u32;
            // Many new leads: see `PAUSED`.
            let paused = if plan.creates.len() >= PAUSE_FROM {
                Some(load::pause_triggers(&mut tx, PAUSED).await?)
            } else {
                None
            };
            // In name order, as SQLite's NOCASE compares: three of the leads table's indexes lead
            // with the name (alone, after the stage, after the owner), so each is then filled from
            // one end to the other instead of all over, and the id and row-number keys still rise.
            // A stable sort: the file's order stays among equal names.
            plan.creates.sort_by_cached_key(|r| nocase_key(&r.lead.name));
            let mut next = NextLead { seq: first_seq, ids: id::Ascending::new(now) };
            for chunk in plan.creates.chunks(CHUNK) {
                create_leads(&mut tx, chunk, &mut next, &ids, &batch_id, &file_name, now).await?;
                done += chunk.len() as u32;
                if !progress(ImportProgress { done, total }) {
                    return Err(Error::Cancelled);
                }
            }
            let last_seq = first_seq + plan.creates.len() as i64 - 1;
            let search_pending = paused.is_some();
            if let Some(paused) = paused {
                load::put_back(&mut tx, paused).await?;
                for sql in CATCH_UP {
                    sqlx::query(sql).bind(first_seq).bind(last_seq).execute(&mut *tx).await?;
                }
                sqlx::query(ADD_TALLIES).bind(to_json(&tallies(&plan.creates, &tags))?).execute(&mut *tx).await?;
            }
            if !plan.creates.is_empty() {
                sqlx::query(
                    "INSERT INTO import_changes (batch_id, kind, row_id, before)
                 VALUES (?1, 'leads_created', ?2, json_object('from_seq', ?2, 'to_seq', ?3))",
                )
                .bind(&batch_id)
                .bind(first_seq)
                .bind(last_seq)
                .execute(&mut *tx)
                .await?;
            }
            for chunk in plan.updates.chunks(CHUNK) {
                update_leads(&mut tx, chunk, &ids, &batch_id, &file_name, now).await?;
                done += chunk.len() as u32;
                if !progress(ImportProgress { done, total }) {
                    return Err(Error::Cancelled);
                }
            }
            Ok::<_, Error>((plan, counts, batch_id, search_pending))
        }
        .await;
        let (plan, counts, batch_id, search_pending) = written?;
        tx.commit().await?;
        let summary = plan.summary(counts.clone());
        Ok(ImportResult {
            batch: ImportBatch { id: batch_id, file_name, counts, at: now, undone_at: None },
            summary,
            search_pending,
        })
    }

    /// The import history, newest first.
    pub async fn import_batches(&self) -> Result<Vec<ImportBatch>> {
        let rows: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, file_name, counts, at, undone_at FROM import_batches ORDER BY at DESC, id DESC LIMIT 200",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(batch).collect()
    }

    /// Undoes import `batch_id` whole: the leads it created are deleted (to the trash), the leads
    /// it changed get back the fields and tags they had, and the companies, campaigns and tags it
    /// created go again unless something else uses them by now.
    pub async fn undo_import(&self, batch_id: &str, now: DateTime<Utc>) -> Result<ImportBatch> {
        let batch_id = id::parse_id("id", batch_id)?;
        let mut tx = self.write().await?;
        let undone: Option<Option<String>> = sqlx::query_scalar("SELECT undone_at FROM import_batches WHERE id = ?")
            .bind(&batch_id)
            .fetch_optional(&mut *tx)
            .await?;
        match undone {
            None => return Err(Error::not_found("import", &batch_id)),
            Some(Some(_)) => return Err(Error::Conflict("this import has already been undone".into())),
            Some(None) => {}
        }
        let at = time::to_db(now);
        // Leads created: to the trash.
        let created: Option<(i64, i64)> = sqlx::query_as(
            "SELECT before ->> 'from_seq', before ->> 'to_seq' FROM import_changes
             WHERE batch_id = ?1 AND kind = 'leads_created'",
        )
        .bind(&batch_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((from, to)) = created {
            let paused = if to - from + 1 >= PAUSE_FROM as i64 {
                Some(load::pause_triggers(&mut tx, PAUSED_FOR_TRASH).await?)
            } else {
                None
            };
            // With the triggers in place, the last statement alone does it all.
            let statements = if paused.is_some() { &TRASH[..] } else { &TRASH[TRASH.len() - 1..] };
            for &sql in statements {
                sqlx::query(sql).bind(from).bind(to).bind(&at).execute(&mut *tx).await?;
            }
            if let Some(paused) = paused {
                load::put_back(&mut tx, paused).await?;
            }
        }
        let steps = [
            // Leads changed: their fields back.
            "UPDATE leads SET name = c.before ->> 'name', email = c.before ->> 'email', phone = c.before ->> 'phone',
                    company_id = c.before ->> 'company_id', job_title = c.before ->> 'job_title',
                    owner = c.before ->> 'owner', lifecycle_stage = c.before ->> 'lifecycle_stage',
                    source = c.before ->> 'source', notes = c.before ->> 'notes', updated_at = c.before ->> 'updated_at'
             FROM import_changes c
             WHERE c.batch_id = ?1 AND c.kind = 'lead_updated' AND leads.id = c.row_id",
            // …and their tags: the ones the import added go.
            "DELETE FROM lead_tags
             WHERE EXISTS (SELECT 1 FROM import_changes c
                           WHERE c.batch_id = ?1 AND c.kind = 'lead_updated' AND c.row_id = lead_tags.lead_id
                             AND lead_tags.tag_id NOT IN (SELECT value FROM json_each(c.before -> 'tag_ids')))",
            "DELETE FROM lead_events
             WHERE id IN (SELECT row_id FROM import_changes WHERE batch_id = ?1 AND kind = 'stage_event')",
            "UPDATE touchpoints SET deleted_at = ?2, updated_at = ?2
             WHERE id IN (SELECT row_id FROM import_changes WHERE batch_id = ?1 AND kind = 'touchpoint')
               AND deleted_at IS NULL",
            "UPDATE companies SET deleted_at = ?2, updated_at = ?2
             WHERE id IN (SELECT row_id FROM import_changes WHERE batch_id = ?1 AND kind = 'company')
               AND deleted_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.company_id = companies.id AND l.deleted_at IS NULL)",
            "UPDATE campaigns SET deleted_at = ?2, updated_at = ?2
             WHERE id IN (SELECT row_id FROM import_changes WHERE batch_id = ?1 AND kind = 'campaign')
               AND deleted_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM touchpoints t WHERE t.campaign_id = campaigns.id AND t.deleted_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM calendar_items i WHERE i.campaign_id = campaigns.id AND i.deleted_at IS NULL)",
            "DELETE FROM tags
             WHERE id IN (SELECT row_id FROM import_changes WHERE batch_id = ?1 AND kind = 'tag')
               AND NOT EXISTS (SELECT 1 FROM lead_tags lt JOIN leads l ON l.id = lt.lead_id
                               WHERE lt.tag_id = tags.id AND l.deleted_at IS NULL)",
            "UPDATE import_batches SET undone_at = ?2 WHERE id = ?1",
        ];
        for sql in steps {
            sqlx::query(sql).bind(&batch_id).bind(&at).execute(&mut *tx).await?;
        }
        let row: (String, String, String, String, Option<String>) =
            sqlx::query_as("SELECT id, file_name, counts, at, undone_at FROM import_batches WHERE id = ?")
                .bind(&batch_id)
                .fetch_one(&mut *tx)
                .await?;
        tx.commit().await?;
        batch(row)
    }
}

fn batch(
    (id, file_name, counts, at, undone_at): (String, String, String, String, Option<String>),
) -> Result<ImportBatch> {
    Ok(ImportBatch {
        id,
        file_name,
        counts: from_json(counts, "import counts")?,
        at: time::from_db(&at)?,
        undone_at: undone_at.as_deref().map(time::from_db).transpose()?,
    })
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Conflict(e.to_string()))
}

/// Checks the rows and decides each against the leads already there.
async fn decide(
    conn: &mut SqliteConnection,
    table: &Table,
    options: &ImportOptions,
    now: DateTime<Utc>,
) -> Result<Plan> {
    let (good, problems) = rows::read(table, &options.columns, now);
    let mut matches = HashMap::new();
    if options.on_duplicate != OnDuplicate::Create {
        let mut keys: Vec<String> = good.iter().filter_map(|r| options.match_on.key(&r.lead)).collect();
        keys.sort_unstable();
        keys.dedup();
        let sql = match options.match_on {
            MatchOn::Email => {
                "SELECT json_group_array(json_array(k.value, l.id)) FROM json_each(?1) k
                 JOIN leads l ON l.id = (SELECT id FROM leads WHERE email_key = k.value AND deleted_at IS NULL
                                         ORDER BY created_at, id LIMIT 1)"
            }
            MatchOn::Phone => {
                "SELECT json_group_array(json_array(k.value, l.id)) FROM json_each(?1) k
                 JOIN leads l ON l.id = (SELECT id FROM leads WHERE phone_key = k.value AND deleted_at IS NULL
                                         ORDER BY created_at, id LIMIT 1)"
            }
        };
        let found: String = sqlx::query_scalar(sql).bind(to_json(&keys)?).fetch_one(&mut *conn).await?;
        let pairs: Vec<(String, String)> = from_json(found, "matching leads")?;
        matches = pairs.into_iter().collect();
    }
    let mut existing = HashMap::new();
    if matches!(options.on_duplicate, OnDuplicate::Fill | OnDuplicate::Overwrite) && !matches.is_empty() {
        let ids: Vec<&String> = matches.values().collect();
        let found: String = sqlx::query_scalar(
            "SELECT json_group_array(json_object(
                 'id', l.id, 'name', l.name, 'email', l.email, 'phone', l.phone, 'company', c.name,
                 'job_title', l.job_title, 'owner', l.owner, 'lifecycle_stage', l.lifecycle_stage,
                 'source', l.source, 'notes', l.notes,
                 'tags', (SELECT json_group_array(t.name) FROM lead_tags lt JOIN tags t ON t.id = lt.tag_id
                          WHERE lt.lead_id = l.id),
                 'campaigns', (SELECT json_group_array(lower(m.name)) FROM touchpoints tp
                               JOIN campaigns m ON m.id = tp.campaign_id
                               WHERE tp.lead_id = l.id AND tp.deleted_at IS NULL)))
             FROM leads l LEFT JOIN companies c ON c.id = l.company_id
             WHERE l.id IN (SELECT value FROM json_each(?1))",
        )
        .bind(to_json(&ids)?)
        .fetch_one(&mut *conn)
        .await?;
        let leads: Vec<Existing> = from_json(found, "matching leads")?;
        existing = leads.into_iter().map(|l| (l.id.clone(), l)).collect();
    }
    Ok(plan::decide(good, problems, options, &matches, &existing))
}

/// A company as a row names it: its key, its name, and the details the row gives it.
struct RowCompany {
    key: CompanyKey,
    name: Option<String>,
    industry: Option<String>,
    size: Option<String>,
}

/// Each row's company (creates, and updates whose company the import sets).
fn row_companies(plan: &Plan) -> Vec<RowCompany> {
    let creates = plan.creates.iter().map(|r| (r, &r.lead.company));
    let updates = plan.updates.iter().map(|u| (&u.incoming, &u.after.company));
    creates
        .chain(updates)
        .filter_map(|(row, name)| {
            let key = row_company(&row.domain, name)?;
            Some(RowCompany { key, name: name.clone(), industry: row.industry.clone(), size: row.company_size.clone() })
        })
        .collect()
}

fn row_company(domain: &Option<String>, name: &Option<String>) -> Option<CompanyKey> {
    match (domain, name) {
        (Some(d), _) => Some(CompanyKey::Domain(d.clone())),
        (None, Some(n)) => Some(CompanyKey::Name(nocase_key(n))),
        (None, None) => None,
    }
}

/// The live companies with these domains and names (by `nocase_key`), as key → id.
async fn known_companies(conn: &mut SqliteConnection, plan: &Plan) -> Result<HashMap<CompanyKey, String>> {
    let keys = row_companies(plan);
    let domains: Vec<&str> =
        keys.iter().filter_map(|c| if let CompanyKey::Domain(d) = &c.key { Some(d.as_str()) } else { None }).collect();
    let names: Vec<String> = keys.iter().filter_map(|c| c.name.as_ref().map(|n| nocase_key(n))).collect();
    let found: String = sqlx::query_scalar(
        "SELECT json_group_array(json_array(kind, key, id)) FROM (
             SELECT 'domain' AS kind, k.value AS key,
                    (SELECT id FROM companies WHERE domain = k.value AND deleted_at IS NULL ORDER BY created_at LIMIT 1) AS id
             FROM (SELECT DISTINCT value FROM json_each(?1)) k
             UNION ALL
             SELECT 'name', k.value,
                    (SELECT id FROM companies WHERE name = k.value COLLATE NOCASE AND deleted_at IS NULL ORDER BY created_at LIMIT 1)
             FROM (SELECT DISTINCT value FROM json_each(?2)) k)
         WHERE id IS NOT NULL",
    )
    .bind(to_json(&domains)?)
    .bind(to_json(&names)?)
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<(String, String, String)> = from_json(found, "companies")?;
    Ok(rows
        .into_iter()
        .map(|(kind, key, id)| (if kind == "domain" { CompanyKey::Domain(key) } else { CompanyKey::Name(key) }, id))
        .collect())
}

/// A company found by domain, else by the row's name.
fn find_company(known: &HashMap<CompanyKey, String>, key: &CompanyKey, name: Option<&str>) -> Option<String> {
    known.get(key).or_else(|| name.and_then(|n| known.get(&CompanyKey::Name(nocase_key(n))))).cloned()
}

/// The campaigns named in the plan that exist (by name or code, any case), `nocase_key` → id.
async fn known_campaigns(conn: &mut SqliteConnection, plan: &Plan) -> Result<HashMap<String, String>> {
    let names: Vec<String> = campaign_names(plan);
    let found: String = sqlx::query_scalar(
        "SELECT json_group_array(json_array(k.value, id)) FROM (
             SELECT k.value, (SELECT id FROM campaigns
                              WHERE (name = k.value COLLATE NOCASE OR code = k.value COLLATE NOCASE) AND deleted_at IS NULL
                              ORDER BY created_at LIMIT 1) AS id
             FROM (SELECT DISTINCT value FROM json_each(?1)) k) AS k
         WHERE id IS NOT NULL",
    )
    .bind(to_json(&names)?)
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<(String, String)> = from_json(found, "campaigns")?;
    Ok(rows.into_iter().collect())
}

fn campaign_names(plan: &Plan) -> Vec<String> {
    let mut names: Vec<String> = plan
        .creates
        .iter()
        .chain(plan.updates.iter().map(|u| &u.incoming))
        .filter_map(|r| r.campaign.as_ref().map(|c| nocase_key(c)))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The companies and campaigns a plan names: those found, and those it would create.
struct Names {
    companies: HashMap<CompanyKey, String>,
    /// Key and name as the file first wrote it, and the first industry and size it gave.
    new_companies: Vec<RowCompany>,
    campaigns: HashMap<String, String>,
    /// As the file first wrote them.
    new_campaigns: Vec<String>,
}

async fn names(conn: &mut SqliteConnection, plan: &Plan) -> Result<Names> {
    let companies = known_companies(conn, plan).await?;
    let mut new_companies: Vec<RowCompany> = Vec::new();
    // Each new company's place in `new_companies`, by key.
    let mut seen: HashMap<CompanyKey, usize> = HashMap::new();
    for row in row_companies(plan) {
        if find_company(&companies, &row.key, row.name.as_deref()).is_some() {
            continue;
        }
        if let Some(&i) = seen.get(&row.key) {
            let new = &mut new_companies[i];
            new.industry = new.industry.take().or(row.industry);
            new.size = new.size.take().or(row.size);
            continue;
        }
        // A later row naming the same company by name finds it too.
        if let Some(n) = &row.name {
            seen.entry(CompanyKey::Name(nocase_key(n))).or_insert(new_companies.len());
        }
        seen.insert(row.key.clone(), new_companies.len());
        new_companies.push(row);
    }
    let campaigns = known_campaigns(conn, plan).await?;
    let mut new_campaigns: Vec<String> = Vec::new();
    for row in plan.creates.iter().chain(plan.updates.iter().map(|u| &u.incoming)) {
        let Some(name) = &row.campaign else { continue };
        let key = nocase_key(name);
        if !campaigns.contains_key(&key) && !new_campaigns.iter().any(|n| nocase_key(n) == key) {
            new_campaigns.push(name.clone());
        }
    }
    Ok(Names { companies, new_companies, campaigns, new_campaigns })
}

/// Creates the companies and campaigns the plan names that do not exist yet; `names` then
/// holds an id for every one.
async fn create_names(
    conn: &mut SqliteConnection,
    names: &mut Names,
    batch_id: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = time::to_db(now);
    let mut companies: Vec<Value> = Vec::new();
    for new in &names.new_companies {
        let id = id::new_id(now);
        let (shown, domain) = match &new.key {
            CompanyKey::Domain(d) => (new.name.clone().unwrap_or_else(|| d.clone()), Some(d.clone())),
            CompanyKey::Name(_) => (new.name.clone().unwrap_or_default(), None),
        };
        if let Some(n) = &new.name {
            names.companies.entry(CompanyKey::Name(nocase_key(n))).or_insert_with(|| id.clone());
        }
        names.companies.insert(new.key.clone(), id.clone());
        companies.push(json!([id, shown, domain, new.industry, new.size]));
    }
    for chunk in companies.chunks(CHUNK) {
        let rows = to_json(&chunk)?;
        sqlx::query(
            "INSERT INTO companies (id, name, domain, industry, size, created_at, updated_at)
             SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, ?2, ?2 FROM json_each(?1)",
        )
        .bind(&rows)
        .bind(&at)
        .execute(&mut *conn)
        .await?;
        record(conn, batch_id, "company", &rows).await?;
    }
    let mut campaigns: Vec<Value> = Vec::new();
    for name in &names.new_campaigns {
        let id = id::new_id(now);
        names.campaigns.insert(nocase_key(name), id.clone());
        campaigns.push(json!([id, name]));
    }
    if !campaigns.is_empty() {
        let rows = to_json(&campaigns)?;
        // A campaign known only from the leads it brought: over by now, its dates unknown.
        sqlx::query(
            "INSERT INTO campaigns (id, name, status, notes, created_at, updated_at)
             SELECT value ->> 0, value ->> 1, 'completed', 'Created by an import of leads.', ?2, ?2 FROM json_each(?1)",
        )
        .bind(&rows)
        .bind(&at)
        .execute(&mut *conn)
        .await?;
        record(conn, batch_id, "campaign", &rows).await?;
    }
    Ok(())
}

/// Creates the tags the plan's leads carry that do not exist yet; every one's id by the
/// `nocase_key` of its name.
async fn tags_for(
    conn: &mut SqliteConnection,
    plan: &Plan,
    batch_id: &str,
    now: DateTime<Utc>,
) -> Result<HashMap<String, String>> {
    // Each name once, whatever its case, as first written: folded once a tag, not twice a
    // comparison (180,000 tags in a large import).
    let mut seen = HashSet::new();
    let mut names: Vec<&String> = plan
        .creates
        .iter()
        .flat_map(|r| &r.lead.tags)
        .chain(plan.updates.iter().flat_map(|u| &u.after.tags))
        .filter(|n| seen.insert(nocase_key(n)))
        .collect();
    names.sort_by_cached_key(|n| nocase_key(n));
    let rows: Vec<Value> = names.iter().map(|n| json!([id::new_id(now), n])).collect();
    let created: Vec<String> = sqlx::query_scalar(
        "INSERT INTO tags (id, name, created_at, updated_at)
         SELECT value ->> 0, value ->> 1, ?2, ?2 FROM json_each(?1) WHERE true
         ON CONFLICT (name) DO UPDATE SET deleted_at = NULL WHERE deleted_at IS NOT NULL
         RETURNING id",
    )
    .bind(to_json(&rows)?)
    .bind(time::to_db(now))
    .fetch_all(&mut *conn)
    .await?;
    let fresh: Vec<&Value> = rows.iter().filter(|r| created.iter().any(|c| r[0] == *c)).collect();
    record(conn, batch_id, "tag", &to_json(&fresh)?).await?;
    let found: String = sqlx::query_scalar(
        "SELECT json_group_array(json_array(lower(t.name), t.id)) FROM json_each(?1) j JOIN tags t ON t.name = j.value ->> 1",
    )
    .bind(to_json(&rows)?)
    .fetch_one(&mut *conn)
    .await?;
    let pairs: Vec<(String, String)> = from_json(found, "tags")?;
    Ok(pairs.into_iter().collect())
}

/// What new leads add to the live-lead tallies, as `[facet, value, count]` rows: what the paused
/// `lead_tallies_insert` and `lead_tallies_tag_insert` would have counted (migration 0013), a
/// tag once a lead as `lead_tags` keeps it. Counted here from what was written, rather than
/// read back: grouping 90,000 leads and their tags again took 0.4 s.
fn tallies(creates: &[Incoming], tags: &HashMap<String, String>) -> Vec<Value> {
    let mut stages: HashMap<&str, i64> = HashMap::new();
    let mut owners: HashMap<&str, i64> = HashMap::new();
    let mut tagged: HashMap<&str, i64> = HashMap::new();
    let mut lead_tags: Vec<&str> = Vec::new();
    for r in creates {
        *stages.entry(r.lead.lifecycle_stage.as_str()).or_default() += 1;
        if let Some(owner) = &r.lead.owner {
            *owners.entry(owner).or_default() += 1;
        }
        lead_tags.clear();
        lead_tags.extend(r.lead.tags.iter().filter_map(|t| tags.get(&nocase_key(t))).map(String::as_str));
        lead_tags.sort_unstable();
        lead_tags.dedup();
        for tag in &lead_tags {
            *tagged.entry(tag).or_default() += 1;
        }
    }
    let mut rows = vec![json!(["all", "", creates.len()])];
    for (facet, counts) in [("stage", stages), ("owner", owners), ("tag", tagged)] {
        rows.extend(counts.into_iter().map(|(value, n)| json!([facet, value, n])));
    }
    rows
}

/// Notes in the batch that it created the rows whose ids lead the arrays of `rows` (JSON).
async fn record(conn: &mut SqliteConnection, batch_id: &str, kind: &str, rows: &str) -> Result<()> {
    sqlx::query("INSERT INTO import_changes (batch_id, kind, row_id) SELECT ?1, ?2, value ->> 0 FROM json_each(?3)")
        .bind(batch_id)
        .bind(kind)
        .bind(rows)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The ids of what the leads refer to, by key.
struct Ids<'a> {
    companies: &'a HashMap<CompanyKey, String>,
    campaigns: &'a HashMap<String, String>,
    tags: &'a HashMap<String, String>,
}

impl Ids<'_> {
    fn company(&self, domain: &Option<String>, name: &Option<String>) -> Option<String> {
        row_company(domain, name).and_then(|k| find_company(self.companies, &k, name.as_deref()))
    }

    fn campaign(&self, name: &Option<String>) -> Option<&String> {
        name.as_ref().and_then(|c| self.campaigns.get(&nocase_key(c)))
    }

    /// `[lead id, tag id]` for each of the lead's tags.
    fn tag_pairs<'t>(&'t self, lead_id: &'t str, tags: &'t [String]) -> impl Iterator<Item = Value> + 't {
        tags.iter().filter_map(move |t| self.tags.get(&nocase_key(t))).map(move |tag| json!([lead_id, tag]))
    }
}

/// A lead's columns as the insert and the update below read them, by position: id, name,
/// email, phone, company id, job title, owner, lifecycle stage, source, notes.
fn lead_columns(id: &str, l: &ValidLead, company: Option<String>) -> Vec<Value> {
    vec![
        json!(id),
        json!(l.name),
        json!(l.email),
        json!(l.phone),
        json!(company),
        json!(l.job_title),
        json!(l.owner),
        json!(l.lifecycle_stage.as_str()),
        json!(l.source),
        json!(l.notes),
    ]
}

/// Where an import's next new lead goes: its row number and its id, both rising.
struct NextLead {
    seq: i64,
    ids: id::Ascending,
}

/// Inserts new leads, their tags and their touchpoints. The leads take the next row numbers in
/// order, so their tags can name them by position.
async fn create_leads(
    conn: &mut SqliteConnection,
    rows: &[Incoming],
    next: &mut NextLead,
    ids: &Ids<'_>,
    batch_id: &str,
    file_name: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = time::to_db(now);
    let mut leads = Vec::with_capacity(rows.len());
    // Each lead's tags as positions in `tag_ids`: a few bytes a tag, not two ids.
    let mut tag_ids: Vec<&String> = Vec::new();
    let mut positions: HashMap<&String, usize> = HashMap::new();
    let mut tags = Vec::with_capacity(rows.len());
    let mut touches = Vec::new();
    for r in rows {
        let id = next.ids.next_id();
        let l = &r.lead;
        let company = ids.company(&r.domain, &l.company);
        let created = time::to_db(Plan::created_at(r, now));
        if let Some(c) = ids.campaign(&r.campaign) {
            touches.push(json!([id::new_id(now), id, c, created]));
        }
        let lead_tags: Vec<usize> = l
            .tags
            .iter()
            .filter_map(|t| ids.tags.get(&nocase_key(t)))
            .map(|tag| {
                *positions.entry(tag).or_insert_with(|| {
                    tag_ids.push(tag);
                    tag_ids.len() - 1
                })
            })
            .collect();
        tags.push(lead_tags);
        let mut row = lead_columns(&id, l, company);
        let (email_key, phone_key) = lead_keys(l.email.as_deref(), l.phone.as_deref());
        row.extend([json!(created), json!(email_key), json!(phone_key)]);
        leads.push(Value::Array(row));
    }
    sqlx::query(
        // Each row parsed once, into JSONB, rather than once per column read from it.
        "WITH r AS MATERIALIZED (SELECT key, jsonb(value) AS j FROM json_each(?1))
         INSERT INTO leads (seq, id, name, email, phone, company_id, job_title, owner, lifecycle_stage, source, notes,
                            created_at, email_key, phone_key, updated_at)
         SELECT ?3 + key, j ->> 0, j ->> 1, j ->> 2, j ->> 3, j ->> 4, j ->> 5, j ->> 6, j ->> 7, j ->> 8, j ->> 9,
                j ->> 10, j ->> 11, j ->> 12, ?2
         FROM r",
    )
    .bind(to_json(&leads)?)
    .bind(&at)
    .bind(next.seq)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT OR IGNORE INTO lead_tags (lead_id, tag_id)
         SELECT l.id, ?3 ->> t.value FROM json_each(?1) r JOIN leads l ON l.seq = ?2 + r.key, json_each(r.value) t",
    )
    .bind(to_json(&tags)?)
    .bind(next.seq)
    .bind(to_json(&tag_ids)?)
    .execute(&mut *conn)
    .await?;
    next.seq += rows.len() as i64;
    add_touchpoints(conn, &touches, batch_id, file_name, now).await
}

/// Writes each matched lead as the plan merged it, keeping what it was for the undo.
async fn update_leads(
    conn: &mut SqliteConnection,
    updates: &[plan::Update],
    ids: &Ids<'_>,
    batch_id: &str,
    file_name: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = time::to_db(now);
    let lead_ids: Vec<&str> = updates.iter().map(|u| u.before.id.as_str()).collect();
    // What they were: fields, company id and tag ids, as the undo writes them back.
    sqlx::query(
        "INSERT INTO import_changes (batch_id, kind, row_id, before)
         SELECT ?1, 'lead_updated', l.id, json_object(
             'name', l.name, 'email', l.email, 'phone', l.phone, 'company_id', l.company_id,
             'job_title', l.job_title, 'owner', l.owner, 'lifecycle_stage', l.lifecycle_stage,
             'source', l.source, 'notes', l.notes, 'updated_at', l.updated_at,
             'tag_ids', (SELECT json_group_array(tag_id) FROM lead_tags WHERE lead_id = l.id))
         FROM leads l WHERE l.id IN (SELECT value FROM json_each(?2))",
    )
    .bind(batch_id)
    .bind(to_json(&lead_ids)?)
    .execute(&mut *conn)
    .await?;
    let mut rows = Vec::with_capacity(updates.len());
    let mut tags = Vec::new();
    let mut touches = Vec::new();
    let mut events = Vec::new();
    for u in updates {
        let (id, l) = (&u.before.id, &u.after);
        let company = ids.company(&u.incoming.domain, &l.company);
        tags.extend(ids.tag_pairs(id, &l.tags));
        if let Some(c) = ids.campaign(&u.incoming.campaign) {
            touches.push(json!([id::new_id(now), id, c, time::to_db(Plan::created_at(&u.incoming, now))]));
        }
        if l.lifecycle_stage != u.before.lifecycle_stage {
            events.push(json!([id::new_id(now), id, u.before.lifecycle_stage.as_str(), l.lifecycle_stage.as_str()]));
        }
        rows.push(Value::Array(lead_columns(id, l, company)));
    }
    sqlx::query(
        "UPDATE leads SET name = j.value ->> 1, email = j.value ->> 2, phone = j.value ->> 3, company_id = j.value ->> 4,
                job_title = j.value ->> 5, owner = j.value ->> 6, lifecycle_stage = j.value ->> 7,
                source = j.value ->> 8, notes = j.value ->> 9, updated_at = ?2
         FROM json_each(?1) j WHERE leads.id = j.value ->> 0",
    )
    .bind(to_json(&rows)?)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    add_tags(conn, &tags).await?;
    let events = to_json(&events)?;
    sqlx::query(
        "INSERT INTO lead_events (id, lead_id, kind, from_value, to_value, cause, at)
         SELECT value ->> 0, value ->> 1, 'stage_changed', value ->> 2, value ->> 3, ?2, ?3 FROM json_each(?1)",
    )
    .bind(&events)
    .bind(format!("imported from {file_name}"))
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    record(conn, batch_id, "stage_event", &events).await?;
    add_touchpoints(conn, &touches, batch_id, file_name, now).await
}

/// `[lead id, tag id]` pairs.
async fn add_tags(conn: &mut SqliteConnection, pairs: &[Value]) -> Result<()> {
    sqlx::query("INSERT OR IGNORE INTO lead_tags (lead_id, tag_id) SELECT value ->> 0, value ->> 1 FROM json_each(?1)")
        .bind(to_json(&pairs)?)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// `[id, lead id, campaign id, when]`: a touchpoint each, unless the lead has one on that campaign.
async fn add_touchpoints(
    conn: &mut SqliteConnection,
    touches: &[Value],
    batch_id: &str,
    file_name: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if touches.is_empty() {
        return Ok(());
    }
    let created: Vec<String> = sqlx::query_scalar(
        "INSERT INTO touchpoints (id, lead_id, campaign_id, kind, occurred_at, notes, created_at, updated_at)
         SELECT value ->> 0, value ->> 1, value ->> 2, 'other', value ->> 3, ?2, ?3, ?3 FROM json_each(?1)
         WHERE NOT EXISTS (SELECT 1 FROM touchpoints t
                           WHERE t.lead_id = value ->> 1 AND t.campaign_id = value ->> 2 AND t.deleted_at IS NULL)
         RETURNING id",
    )
    .bind(to_json(&touches)?)
    .bind(format!("Imported from {file_name}"))
    .bind(time::to_db(now))
    .fetch_all(&mut *conn)
    .await?;
    let created: Vec<Value> = created.into_iter().map(|id| json!([id])).collect();
    record(conn, batch_id, "touchpoint", &to_json(&created)?).await
}
