//! Likely duplicates: of a lead being entered (the form warns), and across the whole workspace
//! (the duplicates list, the CLI). Emails and phones meet on their indexed keys; names are
//! compared in Rust among the leads of each company.

use std::collections::{BTreeMap, HashMap};

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::Store;
use crate::model::duplicates::{
    DuplicateMatch, DuplicatePair, DuplicateReason, EMAIL_KEY, LeadBrief, PHONE_KEY, name_key, similar_names,
};
use crate::model::id;
use crate::model::lead::LeadInput;
use crate::{Error, Result};

/// The most pairs one scan returns (a workspace with more has a bigger problem than a list).
pub const MAX_PAIRS: usize = 5_000;

/// A lead as read for the lists.
#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    company: Option<String>,
}

impl Row {
    fn brief(&self) -> LeadBrief {
        LeadBrief {
            id: self.id.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            company: self.company.clone(),
        }
    }
}

const SELECT: &str = "SELECT l.id, l.name, l.email, l.phone, c.name AS company
     FROM leads l LEFT JOIN companies c ON c.id = l.company_id ";

impl Store {
    /// Live leads that look like `input` (`except`: the lead being edited), most reasons first.
    pub async fn lead_duplicates(&self, input: &LeadInput, except: Option<&str>) -> Result<Vec<DuplicateMatch>> {
        let except = except.map(|e| id::parse_id("id", e)).transpose()?.unwrap_or_default();
        let mut conn = self.pool.acquire().await?;
        // The input's keys, by the very expressions that made the stored ones.
        let mut keys = QueryBuilder::<Sqlite>::new("SELECT ");
        keys.push(EMAIL_KEY).push(", ").push(PHONE_KEY).push(" FROM (SELECT ");
        keys.push_bind(input.email.as_deref()).push(" AS email, ").push_bind(input.phone.as_deref()).push(" AS phone)");
        let (email_key, phone_key): (Option<String>, Option<String>) =
            keys.build_query_as().fetch_one(&mut *conn).await?;
        let mut found: BTreeMap<String, (Row, Vec<DuplicateReason>)> = BTreeMap::new();
        let mut add = |row: Row, reason| {
            found.entry(row.id.clone()).or_insert_with(|| (row, Vec::new())).1.push(reason);
        };
        for (key, column, reason) in
            [(&email_key, "email_key", DuplicateReason::Email), (&phone_key, "phone_key", DuplicateReason::Phone)]
        {
            let Some(key) = key else { continue };
            let mut q = QueryBuilder::<Sqlite>::new(SELECT);
            q.push(format_args!("WHERE l.{column} = ")).push_bind(key);
            q.push(" AND l.deleted_at IS NULL AND l.id != ").push_bind(&except).push(" LIMIT 20");
            for row in q.build_query_as::<Row>().fetch_all(&mut *conn).await? {
                add(row, reason);
            }
        }
        let company = input.company.as_deref().map(str::trim).filter(|c| !c.is_empty());
        if let Some(company) = company {
            let wanted = name_key(&input.name);
            let mut q = QueryBuilder::<Sqlite>::new(SELECT);
            q.push("WHERE l.company_id IN (SELECT id FROM companies WHERE name = ").push_bind(company);
            q.push(" COLLATE NOCASE AND deleted_at IS NULL) AND l.deleted_at IS NULL AND l.id != ").push_bind(&except);
            q.push(" LIMIT 2000");
            for row in q.build_query_as::<Row>().fetch_all(&mut *conn).await? {
                if !wanted.is_empty() && similar_names(&wanted, &name_key(&row.name)) {
                    add(row, DuplicateReason::Name);
                }
            }
        }
        let mut matches: Vec<DuplicateMatch> =
            found.into_values().map(|(row, reasons)| DuplicateMatch { lead: row.brief(), reasons }).collect();
        matches.sort_by(|a, b| b.reasons.len().cmp(&a.reasons.len()).then_with(|| a.lead.name.cmp(&b.lead.name)));
        Ok(matches)
    }

    /// Every likely pair of live leads in the workspace (at most `MAX_PAIRS`), by the older lead.
    pub async fn duplicates(&self) -> Result<Vec<DuplicatePair>> {
        let mut conn = self.pool.acquire().await?;
        let mut pairs: BTreeMap<(String, String), Vec<DuplicateReason>> = BTreeMap::new();
        for (column, reason) in [("email_key", DuplicateReason::Email), ("phone_key", DuplicateReason::Phone)] {
            for group in same_key(&mut conn, column).await? {
                for (i, a) in group.iter().enumerate() {
                    for b in &group[i + 1..] {
                        pairs.entry(ordered(a, b)).or_default().push(reason);
                    }
                }
            }
        }
        // Names: among the leads of each company with more than one.
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT company_id, id, name FROM leads
             WHERE deleted_at IS NULL AND company_id IN
                   (SELECT company_id FROM leads WHERE deleted_at IS NULL AND company_id IS NOT NULL
                    GROUP BY company_id HAVING count(*) > 1)
             ORDER BY company_id",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut by_company: HashMap<&str, Vec<(&str, String)>> = HashMap::new();
        for (company, id, name) in &rows {
            by_company.entry(company.as_str()).or_default().push((id.as_str(), name_key(name)));
        }
        for leads in by_company.values() {
            for (i, (a, ka)) in leads.iter().enumerate() {
                for (b, kb) in &leads[i + 1..] {
                    if !ka.is_empty() && similar_names(ka, kb) {
                        pairs.entry(ordered(a, b)).or_default().push(DuplicateReason::Name);
                    }
                }
            }
        }
        let pairs: Vec<_> = pairs.into_iter().take(MAX_PAIRS).collect();
        // The briefs of every lead named, read once.
        let ids: Vec<&str> = pairs.iter().flat_map(|((a, b), _)| [a.as_str(), b.as_str()]).collect();
        let json = serde_json::to_string(&ids).map_err(|e| Error::Conflict(e.to_string()))?;
        let mut q = QueryBuilder::<Sqlite>::new(SELECT);
        q.push("WHERE l.id IN (SELECT value FROM json_each(").push_bind(json).push("))");
        let briefs: HashMap<String, LeadBrief> = q
            .build_query_as::<Row>()
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|r| (r.id.clone(), r.brief()))
            .collect();
        Ok(pairs
            .into_iter()
            .filter_map(|((a, b), mut reasons)| {
                reasons.sort();
                reasons.dedup();
                Some(DuplicatePair { a: briefs.get(&a)?.clone(), b: briefs.get(&b)?.clone(), reasons })
            })
            .collect())
    }
}

/// The ids of live leads sharing a key, group by group.
async fn same_key(conn: &mut SqliteConnection, column: &str) -> Result<Vec<Vec<String>>> {
    // `column` is one of two names written in this file, never user text.
    let mut q = QueryBuilder::<Sqlite>::new("SELECT group_concat(id, ',') FROM leads WHERE deleted_at IS NULL AND ");
    q.push(format_args!("{column} IS NOT NULL GROUP BY {column} HAVING count(*) > 1"));
    let groups: Vec<String> = q.build_query_scalar().fetch_all(conn).await?;
    Ok(groups.into_iter().map(|g| g.split(',').map(str::to_owned).collect()).collect())
}

/// A pair's key: the older lead (UUIDv7 ids sort by creation) first.
fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b { (a.to_owned(), b.to_owned()) } else { (b.to_owned(), a.to_owned()) }
}
