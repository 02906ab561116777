//! Reading every live row of each table for the full data export (`crate::export`). Stored
//! codes (lifecycle stage "mql", status "won", kind "call") are written as they are, the stable
//! names another tool can map; times stay in UTC as stored (ISO 8601).

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::Store;
use crate::Result;
use crate::export::DataTable;
use crate::report::{Cell, Table};

/// How a selected column becomes a cell. `Money` takes two columns: minor units, then currency.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Count,
    Date,
    Money,
    /// 0 or 1, written "yes" or "no".
    Flag,
}

use Kind::*;

struct Spec {
    columns: &'static [(&'static str, Kind)],
    sql: &'static str,
}

const LEADS: Spec = Spec {
    columns: &[
        ("Id", Text),
        ("Name", Text),
        ("Email", Text),
        ("Phone", Text),
        ("Company", Text),
        ("Job title", Text),
        ("Lifecycle stage", Text),
        ("Score", Count),
        ("Owner", Text),
        ("Source", Text),
        ("Tags", Text),
        ("Notes", Text),
        ("Created", Text),
        ("Updated", Text),
    ],
    sql: "SELECT l.id, l.name, l.email, l.phone, c.name, l.job_title, l.lifecycle_stage, l.score, l.owner, l.source,
                 (SELECT group_concat(t.name, '; ') FROM lead_tags lt JOIN tags t ON t.id = lt.tag_id
                   WHERE lt.lead_id = l.id AND t.deleted_at IS NULL),
                 l.notes, l.created_at, l.updated_at
          FROM leads l LEFT JOIN companies c ON c.id = l.company_id
          WHERE l.deleted_at IS NULL ORDER BY l.seq",
};

const COMPANIES: Spec = Spec {
    columns: &[
        ("Id", Text),
        ("Name", Text),
        ("Domain", Text),
        ("Industry", Text),
        ("Size", Text),
        ("Created", Text),
        ("Updated", Text),
    ],
    sql: "SELECT id, name, domain, industry, size, created_at, updated_at
          FROM companies WHERE deleted_at IS NULL ORDER BY name, id",
};

const CAMPAIGNS: Spec = Spec {
    columns: &[
        ("Id", Text),
        ("Name", Text),
        ("Code", Text),
        ("Status", Text),
        ("Objective", Text),
        ("Channels", Text),
        ("Start", Date),
        ("End", Date),
        ("Budget", Money),
        ("Spend", Money),
        ("Owner", Text),
        ("Colour", Text),
        ("Notes", Text),
        ("Archived", Text),
        ("Created", Text),
        ("Updated", Text),
    ],
    sql: "SELECT c.id, c.name, c.code, c.status, c.objective,
                 (SELECT group_concat(value, '; ') FROM json_each(c.channels)),
                 c.start_date, c.end_date, c.budget_minor, c.currency, c.spend_minor, c.currency,
                 c.owner, c.color, c.notes, c.archived_at, c.created_at, c.updated_at
          FROM campaigns c WHERE c.deleted_at IS NULL ORDER BY c.start_date, c.name, c.id",
};

const CALENDAR_ITEMS: Spec = Spec {
    columns: &[
        ("Id", Text),
        ("Title", Text),
        ("Type", Text),
        ("Channel", Text),
        ("Campaign", Text),
        ("Status", Text),
        ("All day", Flag),
        ("Starts", Text),
        ("Ends", Text),
        ("Start day", Date),
        ("End day", Date),
        ("Time zone", Text),
        ("Repeats", Text),
        ("Series", Text),
        ("Owner", Text),
        ("Notes", Text),
        ("Created", Text),
        ("Updated", Text),
    ],
    sql: "SELECT i.id, i.title, i.item_type, i.channel, c.name, i.status, i.all_day, i.starts_at, i.ends_at,
                 i.start_date, i.end_date, i.time_zone, i.rrule, i.series_id, i.owner, i.notes, i.created_at,
                 i.updated_at
          FROM calendar_items i LEFT JOIN campaigns c ON c.id = i.campaign_id
          WHERE i.deleted_at IS NULL ORDER BY coalesce(i.start_date, i.starts_at), i.id",
};

const DEALS: Spec = Spec {
    columns: &[
        ("Id", Text),
        ("Title", Text),
        ("Lead id", Text),
        ("Lead", Text),
        ("Company", Text),
        ("Pipeline", Text),
        ("Stage", Text),
        ("Status", Text),
        ("Value", Money),
        ("Probability %", Count),
        ("Expected close", Date),
        ("Owner", Text),
        ("Won", Text),
        ("Lost", Text),
        ("Lost reason", Text),
        ("Created", Text),
        ("Updated", Text),
    ],
    sql: "SELECT d.id, d.title, d.lead_id, d.lead_name, d.company_name, p.name, s.name, d.status, d.value_minor,
                 d.currency, d.probability, d.expected_close, d.owner, d.won_at, d.lost_at, r.name, d.created_at,
                 d.updated_at
          FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages s ON s.id = d.stage_id
               LEFT JOIN lost_reasons r ON r.id = d.lost_reason_id
          WHERE d.deleted_at IS NULL ORDER BY d.seq",
};

const ACTIVITIES: Spec = Spec {
    columns: &[
        ("Id", Text),
        ("Kind", Text),
        ("Subject", Text),
        ("Lead id", Text),
        ("Lead", Text),
        ("Deal id", Text),
        ("Deal", Text),
        ("Owner", Text),
        ("Due", Text),
        ("Done", Text),
        ("Notes", Text),
        ("Created", Text),
    ],
    sql: "SELECT a.id, a.kind, a.subject, a.lead_id, l.name, a.deal_id, d.title, a.owner, a.due_at, a.done_at,
                 a.notes, a.created_at
          FROM activities a LEFT JOIN leads l ON l.id = a.lead_id LEFT JOIN deals d ON d.id = a.deal_id
          WHERE a.deleted_at IS NULL ORDER BY a.created_at, a.id",
};

const TOUCHPOINTS: Spec = Spec {
    columns: &[
        ("Id", Text),
        ("Lead id", Text),
        ("Lead", Text),
        ("Campaign id", Text),
        ("Campaign", Text),
        ("Kind", Text),
        ("Occurred", Text),
        ("Notes", Text),
    ],
    sql: "SELECT t.id, t.lead_id, l.name, t.campaign_id, c.name, t.kind, t.occurred_at, t.notes
          FROM touchpoints t JOIN leads l ON l.id = t.lead_id LEFT JOIN campaigns c ON c.id = t.campaign_id
          WHERE t.deleted_at IS NULL AND l.deleted_at IS NULL ORDER BY t.occurred_at, t.id",
};

fn spec(table: DataTable) -> &'static Spec {
    match table {
        DataTable::Leads => &LEADS,
        DataTable::Companies => &COMPANIES,
        DataTable::Campaigns => &CAMPAIGNS,
        DataTable::CalendarItems => &CALENDAR_ITEMS,
        DataTable::Deals => &DEALS,
        DataTable::Activities => &ACTIVITIES,
        DataTable::Touchpoints => &TOUCHPOINTS,
    }
}

impl Store {
    /// Every table of the export in turn, all read from one snapshot; `each` writes one away
    /// before the next is read, so only one table is in memory at a time.
    pub async fn data_tables(&self, mut each: impl FnMut(DataTable, Table) -> Result<()> + Send) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for which in DataTable::ALL {
            let table = data_table(&mut tx, which).await?;
            each(which, table)?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// One table of the export, as a table of cells.
    pub async fn data_table(&self, which: DataTable) -> Result<Table> {
        let mut conn = self.pool.acquire().await?;
        data_table(&mut conn, which).await
    }
}

async fn data_table(conn: &mut SqliteConnection, which: DataTable) -> Result<Table> {
    let spec = spec(which);
    let rows = sqlx::query(spec.sql).fetch_all(&mut *conn).await?;
    let rows = rows.iter().map(|row| cells(spec, row)).collect::<Result<Vec<_>>>()?;
    Ok(Table {
        title: which.title().to_owned(),
        columns: spec.columns.iter().map(|(c, _)| (*c).to_owned()).collect(),
        rows,
    })
}

fn cells(spec: &Spec, row: &SqliteRow) -> Result<Vec<Cell>> {
    let mut out = Vec::with_capacity(spec.columns.len());
    let mut i = 0;
    for (_, kind) in spec.columns {
        out.push(match kind {
            Text => row.try_get::<Option<String>, _>(i)?.map_or(Cell::Empty, Cell::Text),
            Date => row.try_get::<Option<String>, _>(i)?.map_or(Cell::Empty, Cell::Date),
            Count => row.try_get::<Option<i64>, _>(i)?.map_or(Cell::Empty, Cell::Count),
            Flag => Cell::Text(if row.try_get::<i64, _>(i)? != 0 { "yes" } else { "no" }.into()),
            Money => {
                i += 1;
                Cell::Money { minor: row.try_get(i - 1)?, currency: row.try_get(i)? }
            }
        });
        i += 1;
    }
    Ok(out)
}
