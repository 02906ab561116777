//! One occurrence of a repeating item: edited on its own, from it onwards, or with the whole
//! series; or removed the same three ways. An occurrence is named by its series and its key
//! (its original start, see `calendar::key_of`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use super::calendar_items::{check_campaign, copy_attendees, fetch, write_attendees, write_fields};
use crate::calendar;
use crate::model::calendar::{CalendarItem, CalendarItemInput, ValidItem, When, zone};
use crate::model::{id, time};
use crate::{Error, Result};

/// Which occurrences an edit or a removal applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum OccurrenceScope {
    This,
    Following,
    All,
}

impl Store {
    /// Saves `input` for occurrence `key` of a series. `This`: the occurrence becomes an item of
    /// its own that stands in for it (moving it is an exception, not a new series). `Following`:
    /// the series ends before it and a new series with `input` carries on. `All`: the series.
    /// Returns the item that now holds the occurrence.
    pub async fn edit_occurrence(
        &self,
        series_id: &str,
        key: &str,
        scope: OccurrenceScope,
        input: &CalendarItemInput,
        now: DateTime<Utc>,
    ) -> Result<CalendarItem> {
        let series_id = id::parse_id("series_id", series_id)?;
        let mut item = input.validate()?;
        let mut tx = self.write().await?;
        let series = live_series(&mut tx, &series_id).await?;
        check_campaign(&mut tx, item.campaign_id.as_deref()).await?;
        let at = time::to_db(now);
        let held_by = match scope {
            OccurrenceScope::This => {
                split(&series, key)?;
                item.rrule = None;
                let existing: Option<String> = sqlx::query_scalar(
                    "SELECT id FROM calendar_items WHERE series_id = ?1 AND recurrence_id = ?2 AND deleted_at IS NULL",
                )
                .bind(&series_id)
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?;
                let id = existing.clone().unwrap_or_else(|| id::new_id(now));
                write_fields(&mut tx, &item, &id, existing.is_none().then_some(at.as_str()), &at).await?;
                carry_attendees(&mut tx, &item, &series_id, &id, existing.is_none()).await?;
                sqlx::query("UPDATE calendar_items SET series_id = ?1, recurrence_id = ?2 WHERE id = ?3")
                    .bind(&series_id)
                    .bind(key)
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
                id
            }
            OccurrenceScope::Following => {
                let (head, tail) = split(&series, key)?;
                end_before(&mut tx, &series, &head, key, &at).await?;
                // The new series repeats as the old one did, unless the form changed the rule.
                if item.rrule == series.rrule {
                    item.rrule = Some(tail);
                }
                let id = id::new_id(now);
                write_fields(&mut tx, &item, &id, Some(&at), &at).await?;
                carry_attendees(&mut tx, &item, &series_id, &id, true).await?;
                id
            }
            OccurrenceScope::All => {
                write_fields(&mut tx, &item, &series_id, None, &at).await?;
                carry_attendees(&mut tx, &item, &series_id, &series_id, false).await?;
                series_id
            }
        };
        let saved = fetch(&mut tx, &held_by).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Removes occurrence `key` (`This`), it and every later one (`Following`), or the series.
    /// Undone by `restore_occurrence` for `This`; a series is restored as a whole.
    pub async fn delete_occurrence(
        &self,
        series_id: &str,
        key: &str,
        scope: OccurrenceScope,
        now: DateTime<Utc>,
    ) -> Result<CalendarItem> {
        if scope == OccurrenceScope::All {
            return self.delete_calendar_item(series_id, now).await;
        }
        let series_id = id::parse_id("series_id", series_id)?;
        let mut tx = self.write().await?;
        let series = live_series(&mut tx, &series_id).await?;
        let at = time::to_db(now);
        if scope == OccurrenceScope::This {
            split(&series, key)?;
            let mut exdates = series.exdates.clone();
            if !exdates.iter().any(|k| k == key) {
                exdates.push(key.to_owned());
            }
            sqlx::query("UPDATE calendar_items SET exdates = ?1, updated_at = ?2 WHERE id = ?3")
                .bind(serde_json::to_string(&exdates).expect("strings serialise"))
                .bind(&at)
                .bind(&series_id)
                .execute(&mut *tx)
                .await?;
            tombstone_edited(&mut tx, &series_id, key, key, &at).await?;
        } else {
            let (head, _) = split(&series, key)?;
            end_before(&mut tx, &series, &head, key, &at).await?;
        }
        let changed = fetch(&mut tx, &series_id).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Brings back occurrence `key` after `delete_occurrence` with `This`.
    pub async fn restore_occurrence(&self, series_id: &str, key: &str, now: DateTime<Utc>) -> Result<CalendarItem> {
        let series_id = id::parse_id("series_id", series_id)?;
        let mut tx = self.write().await?;
        let series = live_series(&mut tx, &series_id).await?;
        let exdates: Vec<&String> = series.exdates.iter().filter(|k| *k != key).collect();
        sqlx::query("UPDATE calendar_items SET exdates = ?1, updated_at = ?2 WHERE id = ?3")
            .bind(serde_json::to_string(&exdates).expect("strings serialise"))
            .bind(time::to_db(now))
            .bind(&series_id)
            .execute(&mut *tx)
            .await?;
        let changed = fetch(&mut tx, &series_id).await?;
        tx.commit().await?;
        Ok(changed)
    }
}

/// The attendees the form named, or, for an item new to the series, the series' own.
async fn carry_attendees(
    conn: &mut sqlx::SqliteConnection,
    item: &ValidItem,
    series_id: &str,
    item_id: &str,
    new: bool,
) -> Result<()> {
    match &item.attendees {
        Some(leads) => write_attendees(conn, item_id, leads).await,
        None if new => copy_attendees(conn, series_id, item_id).await,
        None => Ok(()),
    }
}

async fn live_series(conn: &mut sqlx::SqliteConnection, series_id: &str) -> Result<CalendarItem> {
    let series = fetch(conn, series_id).await?;
    if series.deleted_at.is_some() {
        return Err(Error::Conflict(format!("{:?} is deleted; restore it first", series.title)));
    }
    if series.rrule.is_none() {
        return Err(Error::invalid("series_id", "is not a repeating item"));
    }
    Ok(series)
}

fn split(series: &CalendarItem, key: &str) -> Result<(String, String)> {
    let rule = series.rrule.as_deref().expect("checked by live_series");
    calendar::split_rule(rule, &series.when, zone(&series.time_zone)?, key)
}

/// Ends `series` just before `key` (rule `head`), and removes its edited occurrences from there.
async fn end_before(
    conn: &mut sqlx::SqliteConnection,
    series: &CalendarItem,
    head: &str,
    key: &str,
    at: &str,
) -> Result<()> {
    let until = calendar::series_end(head, &series.when, zone(&series.time_zone)?, &series.exdates);
    sqlx::query("UPDATE calendar_items SET rrule = ?1, repeats_until = ?2, updated_at = ?3 WHERE id = ?4")
        .bind(head)
        .bind(until)
        .bind(at)
        .bind(&series.id)
        .execute(&mut *conn)
        .await?;
    let last = match series.when {
        When::Timed { .. } => "9999-12-31T23:59:59.999Z",
        When::AllDay { .. } => "9999-12-31",
    };
    tombstone_edited(conn, &series.id, key, last, at).await
}

/// Tombstones the edited occurrences of a series whose keys fall in `from..=to`.
async fn tombstone_edited(
    conn: &mut sqlx::SqliteConnection,
    series_id: &str,
    from: &str,
    to: &str,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE calendar_items SET deleted_at = ?1, updated_at = ?1
         WHERE series_id = ?2 AND recurrence_id >= ?3 AND recurrence_id <= ?4 AND deleted_at IS NULL",
    )
    .bind(at)
    .bind(series_id)
    .bind(from)
    .bind(to)
    .execute(conn)
    .await?;
    Ok(())
}
