//! Calendar items: create, edit, tombstone and restore, and the occurrences in a range of days.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, SqliteConnection};

use super::{Store, from_json};
use crate::calendar::{self, Planned};
use crate::model::calendar::{
    Attendee, CalendarItem, CalendarItemInput, CalendarRange, ItemStatus, ItemType, Occurrence, ValidItem, When,
};
use crate::model::{id, time};
use crate::{Error, Result};

/// Items longer than this are found through their own indexes (migration 0006), so a range
/// scans the covering indexes from only this long before it.
const LONG: chrono::Duration = chrono::Duration::days(31);

macro_rules! select_item {
    ($rest:literal) => {
        concat!(
            "SELECT id, title, item_type, channel, campaign_id, all_day, starts_at, ends_at, start_date, end_date,
                time_zone, status, owner, notes, rrule, exdates, series_id, recurrence_id,
                created_at, updated_at, deleted_at
             FROM calendar_items ",
            $rest
        )
    };
}

/// One item of `calendar_range` as a JSON array, in the order of `PlannedRow`'s fields (an array
/// builds and parses faster than an object that repeats every key). One-off items take the
/// columns their kind leaves empty, `rrule` and `exdates` as constants, so their parts read
/// nothing outside the covering indexes.
macro_rules! planned_json {
    ($all_day:literal, $times:expr, $rrule:literal, $exdates:literal) => {
        concat!(
            "json_array(id, title, item_type, channel, campaign_id, status, owner, ",
            $all_day,
            ", ",
            $times,
            ", time_zone, ",
            $rrule,
            ", ",
            $exdates,
            ", series_id, recurrence_id)"
        )
    };
}

/// `planned_json!`'s times of a timed item, an all-day item, and either.
macro_rules! timed {
    () => {
        "starts_at, ends_at, NULL, NULL"
    };
}
macro_rules! days {
    () => {
        "NULL, NULL, start_date, end_date"
    };
}
macro_rules! any_times {
    () => {
        "starts_at, ends_at, start_date, end_date"
    };
}

/// Read by `FromRow`, or from a JSON array of the same columns in this order (`all_day` as a
/// JSON boolean).
#[derive(FromRow, serde::Deserialize)]
pub(super) struct ItemRow {
    id: String,
    title: String,
    item_type: String,
    channel: Option<String>,
    campaign_id: Option<String>,
    all_day: bool,
    starts_at: Option<String>,
    ends_at: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    time_zone: String,
    status: String,
    owner: Option<String>,
    notes: Option<String>,
    rrule: Option<String>,
    exdates: String,
    series_id: Option<String>,
    recurrence_id: Option<String>,
    created_at: String,
    updated_at: String,
    deleted_at: Option<String>,
}

impl TryFrom<ItemRow> for CalendarItem {
    type Error = Error;
    fn try_from(r: ItemRow) -> Result<CalendarItem> {
        let when = when(
            &r.id,
            r.all_day,
            r.starts_at.as_deref(),
            r.ends_at.as_deref(),
            r.start_date.as_deref(),
            r.end_date.as_deref(),
        )?;
        Ok(CalendarItem {
            when,
            item_type: ItemType::parse(&r.item_type)?,
            status: ItemStatus::parse(&r.status)?,
            exdates: serde_json::from_str(&r.exdates).unwrap_or_default(),
            created_at: time::from_db(&r.created_at)?,
            updated_at: time::from_db(&r.updated_at)?,
            deleted_at: r.deleted_at.as_deref().map(time::from_db).transpose()?,
            id: r.id,
            title: r.title,
            channel: r.channel,
            campaign_id: r.campaign_id,
            time_zone: r.time_zone,
            owner: r.owner,
            notes: r.notes,
            rrule: r.rrule,
            series_id: r.series_id,
            recurrence_id: r.recurrence_id,
        })
    }
}

impl Store {
    pub async fn create_calendar_item(&self, input: &CalendarItemInput, now: DateTime<Utc>) -> Result<CalendarItem> {
        let item = input.validate()?;
        let id = id::new_id(now);
        let mut tx = self.write().await?;
        check_campaign(&mut tx, item.campaign_id.as_deref()).await?;
        let at = time::to_db(now);
        write_fields(&mut tx, &item, &id, Some(&at), &at).await?;
        if let Some(leads) = &item.attendees {
            write_attendees(&mut tx, &id, leads).await?;
        }
        let created = fetch(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Saves every field of a live item (for a series: the whole series).
    pub async fn update_calendar_item(
        &self,
        item_id: &str,
        input: &CalendarItemInput,
        now: DateTime<Utc>,
    ) -> Result<CalendarItem> {
        let item_id = id::parse_id("id", item_id)?;
        let item = input.validate()?;
        let mut tx = self.write().await?;
        let current = fetch(&mut tx, &item_id).await?;
        if current.deleted_at.is_some() {
            return Err(Error::Conflict(format!("{:?} is deleted; restore it first", current.title)));
        }
        check_campaign(&mut tx, item.campaign_id.as_deref()).await?;
        write_fields(&mut tx, &item, &item_id, None, &time::to_db(now)).await?;
        if let Some(leads) = &item.attendees {
            write_attendees(&mut tx, &item_id, leads).await?;
        }
        let updated = fetch(&mut tx, &item_id).await?;
        tx.commit().await?;
        Ok(updated)
    }

    pub async fn get_calendar_item(&self, item_id: &str) -> Result<CalendarItem> {
        let item_id = id::parse_id("id", item_id)?;
        let mut conn = self.pool.acquire().await?;
        fetch(&mut conn, &item_id).await
    }

    /// The live leads attending an item, by name.
    pub async fn calendar_item_attendees(&self, item_id: &str) -> Result<Vec<Attendee>> {
        let item_id = id::parse_id("id", item_id)?;
        let mut conn = self.pool.acquire().await?;
        fetch(&mut conn, &item_id).await?;
        let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT l.id, l.name, l.email FROM calendar_item_attendees a JOIN leads l ON l.id = a.lead_id
             WHERE a.item_id = ? AND l.deleted_at IS NULL ORDER BY l.name COLLATE NOCASE, l.id",
        )
        .bind(&item_id)
        .fetch_all(&mut *conn)
        .await?;
        Ok(rows.into_iter().map(|(lead_id, name, email)| Attendee { lead_id, name, email }).collect())
    }

    /// Tombstones an item (a series with its edited occurrences); `restore_calendar_item` undoes it.
    pub async fn delete_calendar_item(&self, item_id: &str, now: DateTime<Utc>) -> Result<CalendarItem> {
        self.tombstone(item_id, Some(now), now).await
    }

    pub async fn restore_calendar_item(&self, item_id: &str, now: DateTime<Utc>) -> Result<CalendarItem> {
        self.tombstone(item_id, None, now).await
    }

    async fn tombstone(
        &self,
        item_id: &str,
        deleted: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<CalendarItem> {
        let item_id = id::parse_id("id", item_id)?;
        let mut tx = self.write().await?;
        fetch(&mut tx, &item_id).await?;
        sqlx::query("UPDATE calendar_items SET deleted_at = ?1, updated_at = ?2 WHERE id = ?3 OR series_id = ?3")
            .bind(deleted.map(time::to_db))
            .bind(time::to_db(now))
            .bind(&item_id)
            .execute(&mut *tx)
            .await?;
        let changed = fetch(&mut tx, &item_id).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Every occurrence in `range`, recurring series expanded (see `calendar::expand`).
    pub async fn calendar_range(&self, range: &CalendarRange) -> Result<Vec<Occurrence>> {
        let range = range.validate()?;
        let (starts, ends) = (time::to_db(range.starts), time::to_db(range.ends));
        let (from, to) = (range.from.to_string(), range.to.to_string());
        let mut conn = self.pool.acquire().await?;
        // One-off items of up to 31 days (`LONG`) are read from the covering range indexes
        // starting that long before the range; longer ones through their own small indexes.
        // The whole range comes back as one JSON array: sqlx costs about 4 µs a row here, which
        // for the 3,500 items of a busy month would be most of the budget. One-off items come
        // from covering range indexes; series only if they can reach the range (`repeats_until`);
        // and every edited occurrence, since one moved out of the range still hides the
        // original it replaces.
        let json: String = sqlx::query_scalar(concat!(
            // Plain text joined with commas: `json_group_array` would parse every object again.
            "SELECT '[' || coalesce(group_concat(item, ','), '') || ']' FROM (",
            "SELECT ",
            planned_json!("0", timed!(), "NULL", "'[]'"),
            " AS item
             FROM calendar_items INDEXED BY calendar_items_timed
             WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 0
               AND starts_at >= ?5 AND starts_at < ?1 AND (ends_at > ?2 OR starts_at >= ?2)
             UNION ALL SELECT ",
            planned_json!("0", timed!(), "NULL", "'[]'"),
            "
             FROM calendar_items INDEXED BY calendar_items_long_timed
             WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 0
               AND julianday(ends_at) - julianday(starts_at) > 31 AND ends_at > ?2 AND starts_at < ?1
             UNION ALL SELECT ",
            planned_json!("1", days!(), "NULL", "'[]'"),
            "
             FROM calendar_items INDEXED BY calendar_items_all_day
             WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 1
               AND start_date >= ?6 AND start_date < ?3 AND coalesce(end_date, start_date) >= ?4
             UNION ALL SELECT ",
            planned_json!("1", days!(), "NULL", "'[]'"),
            "
             FROM calendar_items INDEXED BY calendar_items_long_all_day
             WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 1
               AND julianday(end_date) - julianday(start_date) > 31 AND end_date >= ?4 AND start_date < ?3
             UNION ALL SELECT ",
            planned_json!("all_day", any_times!(), "rrule", "exdates"),
            "
             FROM calendar_items
             WHERE deleted_at IS NULL AND rrule IS NOT NULL
               AND ((all_day = 0 AND starts_at < ?1 AND (repeats_until IS NULL OR repeats_until > ?2))
                 OR (all_day = 1 AND start_date < ?3 AND (repeats_until IS NULL OR repeats_until >= ?4)))
             UNION ALL SELECT ",
            planned_json!("all_day", any_times!(), "rrule", "exdates"),
            "
             FROM calendar_items INDEXED BY calendar_items_exceptions
             WHERE deleted_at IS NULL AND series_id IS NOT NULL)"
        ))
        .bind(&ends)
        .bind(&starts)
        .bind(&to)
        .bind(&from)
        .bind(time::to_db(range.starts - LONG))
        .bind((range.from - LONG).to_string())
        .fetch_one(&mut *conn)
        .await?;
        let rows: Vec<PlannedRow> = from_json(json, "calendar rows")?;
        // An edited occurrence in range comes twice (by its time, and as an edited occurrence).
        let mut edited = std::collections::HashSet::new();
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            if row.series_id.is_none() || edited.insert(row.id.clone()) {
                items.push(Planned::try_from(row)?);
            }
        }
        Ok(calendar::expand(items, &range))
    }
}

/// Every series that can reach the days `from` up to `to` (UTC), and every edited occurrence,
/// for `calendar::expand`: what the marketing-output report counts beside one-off items.
pub(super) async fn series_planned(
    conn: &mut SqliteConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Planned>> {
    let json: String = sqlx::query_scalar(concat!(
        "SELECT '[' || coalesce(group_concat(item, ','), '') || ']' FROM (SELECT ",
        planned_json!("all_day", any_times!(), "rrule", "exdates"),
        " AS item
         FROM calendar_items
         WHERE deleted_at IS NULL AND rrule IS NOT NULL
           AND coalesce(start_date, starts_at) < ?1 AND (repeats_until IS NULL OR repeats_until >= ?2)
         UNION ALL SELECT ",
        planned_json!("all_day", any_times!(), "rrule", "exdates"),
        "
         FROM calendar_items INDEXED BY calendar_items_exceptions
         WHERE deleted_at IS NULL AND series_id IS NOT NULL)"
    ))
    .bind(to.to_string())
    .bind(from.to_string())
    .fetch_one(conn)
    .await?;
    let rows: Vec<PlannedRow> = from_json(json, "calendar rows")?;
    rows.into_iter().map(Planned::try_from).collect()
}

/// Deserialised from the array `planned_json!` builds: keep the two in the same order.
#[derive(serde::Deserialize)]
struct PlannedRow {
    id: String,
    title: String,
    item_type: String,
    channel: Option<String>,
    campaign_id: Option<String>,
    status: String,
    owner: Option<String>,
    all_day: i64,
    starts_at: Option<String>,
    ends_at: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    time_zone: String,
    rrule: Option<String>,
    exdates: String,
    series_id: Option<String>,
    recurrence_id: Option<String>,
}

impl TryFrom<PlannedRow> for Planned {
    type Error = Error;
    fn try_from(r: PlannedRow) -> Result<Planned> {
        Ok(Planned {
            when: when(
                &r.id,
                r.all_day != 0,
                r.starts_at.as_deref(),
                r.ends_at.as_deref(),
                r.start_date.as_deref(),
                r.end_date.as_deref(),
            )?,
            item_type: ItemType::parse(&r.item_type)?,
            status: ItemStatus::parse(&r.status)?,
            exdates: serde_json::from_str(&r.exdates).unwrap_or_default(),
            id: r.id,
            title: r.title,
            channel: r.channel,
            campaign_id: r.campaign_id,
            owner: r.owner,
            time_zone: r.time_zone,
            rrule: r.rrule,
            series_id: r.series_id,
            recurrence_id: r.recurrence_id,
        })
    }
}

/// When an item happens, from its stored columns.
pub(super) fn when(
    id: &str,
    all_day: bool,
    starts_at: Option<&str>,
    ends_at: Option<&str>,
    start_date: Option<&str>,
    end_date: Option<&str>,
) -> Result<When> {
    if all_day {
        let day = |d: Option<&str>| d.and_then(|d| d.parse::<NaiveDate>().ok());
        let start = day(start_date).ok_or_else(|| Error::Conflict(format!("calendar item {id} has no valid date")))?;
        Ok(When::AllDay { start_date: start, end_date: day(end_date).unwrap_or(start) })
    } else {
        let start = time::from_db(starts_at.unwrap_or_default())?;
        let end = ends_at.map(time::from_db).transpose()?.unwrap_or(start);
        Ok(When::Timed { starts_at: start, ends_at: end })
    }
}

/// Inserts (`created` given) or updates the item's own fields. Both statements take the same
/// eighteen parameters, so one list of binds serves them (the update only checks `?17` is null).
pub(super) async fn write_fields(
    conn: &mut SqliteConnection,
    item: &ValidItem,
    item_id: &str,
    created: Option<&str>,
    updated: &str,
) -> Result<()> {
    let (all_day, starts, ends, start_date, end_date) = match item.when {
        When::Timed { starts_at, ends_at } => {
            (false, Some(time::to_db(starts_at)), Some(time::to_db(ends_at)), None, None)
        }
        When::AllDay { start_date, end_date } => {
            (true, None, None, Some(start_date.to_string()), Some(end_date.to_string()))
        }
    };
    let until = item.rrule.as_deref().and_then(|rule| calendar::series_end(rule, &item.when, item.time_zone, &[]));
    let sql = if created.is_some() {
        "INSERT INTO calendar_items (title, item_type, channel, campaign_id, all_day, starts_at, ends_at, start_date,
             end_date, time_zone, status, owner, notes, rrule, id, updated_at, created_at, repeats_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
    } else {
        "UPDATE calendar_items SET title = ?1, item_type = ?2, channel = ?3, campaign_id = ?4, all_day = ?5,
             starts_at = ?6, ends_at = ?7, start_date = ?8, end_date = ?9, time_zone = ?10, status = ?11,
             owner = ?12, notes = ?13, rrule = ?14, updated_at = ?16, repeats_until = ?18
         WHERE id = ?15 AND ?17 IS NULL"
    };
    sqlx::query(sql)
        .bind(&item.title)
        .bind(item.item_type.as_str())
        .bind(&item.channel)
        .bind(&item.campaign_id)
        .bind(all_day)
        .bind(starts)
        .bind(ends)
        .bind(start_date)
        .bind(end_date)
        .bind(item.time_zone.name())
        .bind(item.status.as_str())
        .bind(&item.owner)
        .bind(&item.notes)
        .bind(&item.rrule)
        .bind(item_id)
        .bind(updated)
        .bind(created)
        .bind(until)
        .execute(conn)
        .await?;
    Ok(())
}

/// Makes `leads` the item's live attendees. Links to deleted leads stay, so restoring a lead
/// brings its attendance back; a lead that is not live cannot be added.
pub(super) async fn write_attendees(conn: &mut SqliteConnection, item_id: &str, leads: &[String]) -> Result<()> {
    let ids = serde_json::to_string(leads).map_err(|e| Error::Conflict(e.to_string()))?;
    let missing: Option<String> = sqlx::query_scalar(
        "SELECT j.value FROM json_each(?1) j LEFT JOIN leads l ON l.id = j.value AND l.deleted_at IS NULL
         WHERE l.id IS NULL LIMIT 1",
    )
    .bind(&ids)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = missing {
        return Err(Error::invalid("attendees", format!("lead {id} is not a live lead")));
    }
    sqlx::query(
        "DELETE FROM calendar_item_attendees
         WHERE item_id = ?1 AND lead_id IN (SELECT id FROM leads WHERE deleted_at IS NULL)",
    )
    .bind(item_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("INSERT OR IGNORE INTO calendar_item_attendees (item_id, lead_id) SELECT ?1, value FROM json_each(?2)")
        .bind(item_id)
        .bind(&ids)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Gives `to` the attendees of `from` (an occurrence edited on its own, or a series carried on).
pub(super) async fn copy_attendees(conn: &mut SqliteConnection, from: &str, to: &str) -> Result<()> {
    sqlx::query(
        "INSERT OR IGNORE INTO calendar_item_attendees (item_id, lead_id)
         SELECT ?2, lead_id FROM calendar_item_attendees WHERE item_id = ?1",
    )
    .bind(from)
    .bind(to)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn check_campaign(conn: &mut SqliteConnection, campaign_id: Option<&str>) -> Result<()> {
    let Some(campaign_id) = campaign_id else { return Ok(()) };
    let live: Option<i64> = sqlx::query_scalar("SELECT 1 FROM campaigns WHERE id = ? AND deleted_at IS NULL")
        .bind(campaign_id)
        .fetch_optional(conn)
        .await?;
    live.map(|_| ()).ok_or_else(|| Error::invalid("campaign_id", "is not a live campaign"))
}

pub(super) async fn fetch(conn: &mut SqliteConnection, item_id: &str) -> Result<CalendarItem> {
    let row: ItemRow = sqlx::query_as(select_item!("WHERE id = ?"))
        .bind(item_id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| Error::not_found("calendar item", item_id))?;
    CalendarItem::try_from(row)
}
