//! Bulk loads into empty tables (the demo workspace). Row by row, each of a few hundred thousand
//! rows pays for every index of its table and every trigger that keeps derived data in step
//! (search index, tallies, deal cards, marks, the activity roll-up). A load drops those first and
//! afterwards builds the indexes by sorting and the derived data in one statement each, the same
//! data the triggers would have written. Everything happens inside the load's transaction, so a
//! failed load leaves the schema as it was.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::scores;
use crate::Result;

/// Tables whose secondary indexes a load builds at its end. Not `deals` nor `calendar_items`:
/// the triggers still running during a load look their rows up.
const TABLES: &str = r#"["leads", "lead_tags", "touchpoints", "activities"]"#;

/// Triggers whose work `resume` redoes for every row at once.
const TRIGGERS: &str = r#"["lead_search_insert", "lead_tallies_insert", "lead_tallies_tag_insert",
                            "deal_cards_activity_insert"]"#;

/// What a load dropped, as the migrations wrote it.
pub(super) struct Paused {
    indexes: Vec<String>,
    triggers: Vec<String>,
}

/// Drops the secondary (non-unique) indexes of the loaded tables, the triggers that mark leads
/// for scores and credits or keep the activity roll-up, and those in `TRIGGERS`.
pub(super) async fn pause(conn: &mut SqliteConnection) -> Result<Paused> {
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_schema
         WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
           AND tbl_name IN (SELECT value FROM json_each(?1))",
    )
    .bind(TABLES)
    .fetch_all(&mut *conn)
    .await?;
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_schema
         WHERE type = 'trigger' AND (name LIKE 'scores\\_due\\_%' ESCAPE '\\' OR name LIKE 'credits\\_due\\_%' ESCAPE '\\'
                                     OR name LIKE 'activity\\_days\\_%' ESCAPE '\\'
                                     OR name IN (SELECT value FROM json_each(?1)))",
    )
    .bind(TRIGGERS)
    .fetch_all(&mut *conn)
    .await?;
    for (kind, items) in [("INDEX", &indexes), ("TRIGGER", &triggers)] {
        for (name, _) in items {
            // A name read from the schema, not user text.
            QueryBuilder::<Sqlite>::new(format!("DROP {kind} \"{name}\"")).build().execute(&mut *conn).await?;
        }
    }
    let sql = |items: Vec<(String, String)>| items.into_iter().map(|(_, sql)| sql).collect();
    Ok(Paused { indexes: sql(indexes), triggers: sql(triggers) })
}

/// Drops the triggers named in `names` (a JSON array), for a caller that then does their work
/// for all its rows at once; `put_back` restores them.
pub(super) async fn pause_triggers(conn: &mut SqliteConnection, names: &str) -> Result<Paused> {
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?1))",
    )
    .bind(names)
    .fetch_all(&mut *conn)
    .await?;
    for (name, _) in &triggers {
        // A name read from the schema, not user text.
        QueryBuilder::<Sqlite>::new(format!("DROP TRIGGER \"{name}\"")).build().execute(&mut *conn).await?;
    }
    Ok(Paused { indexes: Vec::new(), triggers: triggers.into_iter().map(|(_, sql)| sql).collect() })
}

/// Creates again, as the migrations wrote them, the indexes and triggers a pause dropped.
pub(super) async fn put_back(conn: &mut SqliteConnection, paused: Paused) -> Result<()> {
    for sql in paused.indexes.into_iter().chain(paused.triggers) {
        QueryBuilder::<Sqlite>::new(sql).build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Puts back what `pause` dropped (indexes first: the rebuilds read through them) and derives
/// from every row what the triggers would have: the search index, the tallies, the deal cards'
/// activities, the marks and the activity roll-up.
pub(super) async fn resume(conn: &mut SqliteConnection, paused: Paused) -> Result<()> {
    put_back(conn, paused).await?;
    for sql in REBUILDS {
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    scores::mark_all(conn).await?;
    Ok(())
}

/// Each recomputes whole what a trigger keeps row by row (migrations 0001, 0002, 0003, 0014, 0017).
const REBUILDS: [&str; 8] = [
    "DELETE FROM lead_search",
    "INSERT INTO lead_search (rowid, name, email, company, notes)
     SELECT l.seq, l.name, l.email, c.name, l.notes
     FROM leads l LEFT JOIN companies c ON c.id = l.company_id WHERE l.deleted_at IS NULL
     ORDER BY l.seq",
    "DELETE FROM lead_tallies",
    "INSERT INTO lead_tallies (facet, value, live)
     SELECT 'all', '', count(*) FROM leads WHERE deleted_at IS NULL
     UNION ALL
     SELECT 'stage', lifecycle_stage, count(*) FROM leads WHERE deleted_at IS NULL GROUP BY lifecycle_stage
     UNION ALL
     SELECT 'owner', owner, count(*) FROM leads WHERE deleted_at IS NULL AND owner IS NOT NULL GROUP BY owner
     UNION ALL
     SELECT 'tag', lt.tag_id, count(*) FROM lead_tags lt JOIN leads l ON l.id = lt.lead_id
     WHERE l.deleted_at IS NULL GROUP BY lt.tag_id",
    "UPDATE deals SET
         (next_activity_id, next_activity_kind, next_activity_subject, next_activity_due_at) = (
             SELECT id, kind, subject, due_at FROM activities
             WHERE deal_id = deals.id AND done_at IS NULL AND due_at IS NOT NULL AND deleted_at IS NULL
             ORDER BY due_at, id LIMIT 1),
         last_activity_done_at = (SELECT max(done_at) FROM activities WHERE deal_id = deals.id AND deleted_at IS NULL)",
    "INSERT OR IGNORE INTO credits_due SELECT id FROM leads",
    "DELETE FROM activity_days",
    "INSERT INTO activity_days
     SELECT coalesce(substr(coalesce(due_at, done_at), 1, 10), '0000'), coalesce(owner, ''), kind,
            count(*), count(done_at), sum(done_at IS NULL AND due_at IS NOT NULL)
     FROM activities WHERE deleted_at IS NULL
     GROUP BY 1, 2, 3",
];
