//! Data derived from what users enter and kept beside it: lead scores (`scores`) and campaign
//! credits (`credits`). Triggers (migrations 0013, 0014) mark each lead whose inputs changed. A
//! write's commit settles the marks when they are few, so an edit's effects show at once; many
//! (an import, a change to thousands of leads, a new day for scores) are settled by
//! `Store::bring_up_to_date`, which the app runs in the background and the CLI before it shows
//! scores, and attribution reads settle credits first, so its numbers are never behind. The
//! same goes for the search index of a large import's leads (`search_due`): settled in the
//! background, and by every search before it reads.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{Store, credits, scores, workspace_settings};
use crate::Result;

/// The most marked leads a commit settles itself (about 100 ms of work).
const AT_COMMIT: i64 = 5_000;

impl Store {
    /// Scores as of `now`'s day (UTC; every lead again when the day changed) and every marked
    /// lead scored and credited. Returns how many leads were scored; cheap when nothing is due.
    pub async fn bring_up_to_date(&self, now: DateTime<Utc>) -> Result<u32> {
        self.settle_search().await?;
        let today = now.date_naive();
        let mut conn = self.pool.acquire().await?;
        let day = workspace_settings::scores_day(&mut conn).await?;
        let due: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM scores_due) OR EXISTS (SELECT 1 FROM credits_due)")
                .fetch_one(&mut *conn)
                .await?;
        drop(conn);
        if day == Some(today) && !due {
            return Ok(0);
        }
        let mut tx = self.write().await?;
        if day != Some(today) {
            workspace_settings::set_scores_day(&mut tx, today, now).await?;
            scores::mark_all(&mut tx).await?;
        }
        let scored = scores::settle(&mut tx).await?;
        credits::settle(&mut tx).await?;
        tx.commit().await?;
        Ok(scored)
    }

    /// Indexes for search the leads an import left out of the index (all at once: about a second
    /// for 100,000). Cheap when none are due; a caller that waited for another's catch-up finds
    /// none due once it holds the write lock.
    pub async fn settle_search(&self) -> Result<()> {
        const DUE: &str = "SELECT EXISTS (SELECT 1 FROM search_due)";
        if sqlx::query_scalar(DUE).fetch_one(&self.pool).await? {
            let mut tx = self.write().await?;
            if !sqlx::query_scalar::<_, bool>(DUE).fetch_one(&mut *tx).await? {
                return Ok(());
            }
            // A lead of the range may be indexed already (edited or restored since).
            sqlx::query(
                "INSERT INTO lead_search (rowid, name, email, company, notes)
                 SELECT l.seq, l.name, l.email, c.name, l.notes
                 FROM search_due d JOIN leads l ON l.seq BETWEEN d.from_seq AND d.to_seq
                 LEFT JOIN companies c ON c.id = l.company_id
                 WHERE l.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM lead_search s WHERE s.rowid = l.seq)
                 ORDER BY l.seq",
            )
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM search_due").execute(&mut *tx).await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Credits any marked lead, so an attribution read finds every credit.
    pub(super) async fn settle_credits(&self) -> Result<()> {
        let due: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM credits_due)").fetch_one(&self.pool).await?;
        if due {
            let mut tx = self.write().await?;
            credits::settle(&mut tx).await?;
            tx.commit().await?;
        }
        Ok(())
    }
}

/// Which marks.
#[derive(Clone, Copy)]
pub(super) enum Marks {
    Scores,
    Credits,
}

/// Whether a quarter of the workspace's leads or more are marked: then reading whole tables once
/// beats a lookup per lead through the indexes.
pub(super) async fn many_marked(conn: &mut SqliteConnection, marks: Marks) -> Result<bool> {
    let sql = match marks {
        Marks::Scores => {
            "SELECT (SELECT count(*) FROM scores_due) * 4 >
                    coalesce((SELECT live FROM lead_tallies WHERE facet = 'all' AND value = ''), 0)"
        }
        Marks::Credits => {
            "SELECT (SELECT count(*) FROM credits_due) * 4 >
                    coalesce((SELECT live FROM lead_tallies WHERE facet = 'all' AND value = ''), 0)"
        }
    };
    Ok(sqlx::query_scalar(sql).fetch_one(conn).await?)
}

/// What a commit settles: the marks, when they are few.
pub(super) async fn settle_at_commit(conn: &mut SqliteConnection) -> Result<()> {
    let (scores_due, credits_due): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM (SELECT 1 FROM scores_due LIMIT ?1)),
                (SELECT count(*) FROM (SELECT 1 FROM credits_due LIMIT ?1))",
    )
    .bind(AT_COMMIT + 1)
    .fetch_one(&mut *conn)
    .await?;
    if scores_due > 0 && scores_due <= AT_COMMIT {
        scores::settle(conn).await?;
    }
    if credits_due > 0 && credits_due <= AT_COMMIT {
        credits::settle(conn).await?;
    }
    Ok(())
}
