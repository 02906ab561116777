//! iCalendar export and import over the store: which items a scope covers, and an import that
//! updates what an earlier import (or Tandem's own export) wrote, by UID, in one transaction.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sqlx::{FromRow, SqliteConnection};

use super::Store;
use super::calendar_items::{ItemRow, write_fields};
use crate::calendar::{self, Planned};
use crate::ical::{self, ExportItem, IcsEvent};
use crate::model::calendar::{CalendarItem, CalendarRange, ItemStatus, ItemType};
use crate::model::ical::{IcsFile, IcsScope, ImportAction, ImportRow, ImportSummary, PREVIEW_ROWS};
use crate::model::{id, text, time};
use crate::{Error, Result};

#[derive(FromRow)]
struct ExportRow {
    #[sqlx(flatten)]
    item: ItemRow,
    ical_uid: Option<String>,
    series_uid: Option<String>,
    campaign_code: Option<String>,
}

/// A scope's filters, checked.
struct Filter {
    range: Option<crate::model::calendar::ValidRange>,
    campaign_id: Option<String>,
    text: Option<String>,
    status: Option<ItemStatus>,
    item_type: Option<ItemType>,
    owner: Option<String>,
    hidden: HashSet<String>,
}

impl Filter {
    fn of(scope: &IcsScope) -> Result<Filter> {
        let range = match (&scope.from, &scope.to) {
            (None, None) => None,
            (Some(from), Some(to)) => Some(
                CalendarRange {
                    from: from.clone(),
                    to: to.clone(),
                    time_zone: scope.time_zone.clone().unwrap_or_else(|| "UTC".into()),
                }
                .validate()?,
            ),
            (None, Some(_)) => return Err(Error::invalid("from", "is required with to")),
            (Some(_), None) => return Err(Error::invalid("to", "is required with from")),
        };
        Ok(Filter {
            range,
            campaign_id: scope.campaign_id.as_deref().map(|c| id::parse_id("campaign_id", c)).transpose()?,
            text: text::optional_line("text", scope.text.as_deref(), 200)?.map(|t| t.to_lowercase()),
            status: scope.status.as_deref().filter(|s| !s.is_empty()).map(ItemStatus::parse).transpose()?,
            item_type: scope.item_type.as_deref().filter(|s| !s.is_empty()).map(ItemType::parse).transpose()?,
            owner: text::optional_line("owner", scope.owner.as_deref(), 120)?,
            hidden: scope.hidden_channels.iter().cloned().collect(),
        })
    }

    fn matches(&self, item: &CalendarItem) -> bool {
        self.campaign_id.as_ref().is_none_or(|c| item.campaign_id.as_ref() == Some(c))
            && self.text.as_ref().is_none_or(|t| item.title.to_lowercase().contains(t))
            && self.status.is_none_or(|s| item.status == s)
            && self.item_type.is_none_or(|t| item.item_type == t)
            && self.owner.as_ref().is_none_or(|o| item.owner.as_ref() == Some(o))
            && !self.hidden.contains(item.channel.as_deref().unwrap_or(""))
    }
}

impl Store {
    /// The items `scope` covers as an iCalendar file: series whole, with their edited occurrences.
    pub async fn export_ics(&self, scope: &IcsScope, name: &str, now: DateTime<Utc>) -> Result<IcsFile> {
        let filter = Filter::of(scope)?;
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<ExportRow> = sqlx::query_as(
            "SELECT i.id, i.title, i.item_type, i.channel, i.campaign_id, i.all_day, i.starts_at, i.ends_at,
                i.start_date, i.end_date, i.time_zone, i.status, i.owner, i.notes, i.rrule, i.exdates,
                i.series_id, i.recurrence_id, i.created_at, i.updated_at, i.deleted_at,
                i.ical_uid, s.ical_uid AS series_uid, c.code AS campaign_code
             FROM calendar_items i
             LEFT JOIN calendar_items s ON s.id = i.series_id
             LEFT JOIN campaigns c ON c.id = i.campaign_id
             WHERE i.deleted_at IS NULL AND (i.series_id IS NULL OR s.deleted_at IS NULL)
             ORDER BY coalesce(i.starts_at, i.start_date), i.id",
        )
        .fetch_all(&mut *conn)
        .await?;
        let attendees = attendees(&mut conn).await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let campaign_code = row.campaign_code;
            let item = CalendarItem::try_from(row.item)?;
            let uid = match (&item.series_id, row.series_uid, row.ical_uid) {
                (Some(series), series_uid, _) => series_uid.unwrap_or_else(|| ical::uid_of(series)),
                (None, _, Some(uid)) => uid,
                (None, _, None) => ical::uid_of(&item.id),
            };
            items.push(ExportItem {
                attendees: attendees.get(&item.id).cloned().unwrap_or_default(),
                item,
                uid,
                campaign_code,
            });
        }
        // A series (or one-off) is in when it passes the filters and, with a range, shows in it;
        // its edited occurrences go with it.
        let shown: Option<HashSet<String>> = filter.range.map(|range| {
            let planned = items.iter().filter(|e| filter.matches(&e.item)).map(|e| Planned::from(&e.item)).collect();
            calendar::expand(planned, &range).into_iter().map(|o| o.series_id.unwrap_or(o.item_id)).collect()
        });
        let chosen: HashSet<String> = items
            .iter()
            .filter(|e| e.item.series_id.is_none() && filter.matches(&e.item))
            .filter(|e| shown.as_ref().is_none_or(|s| s.contains(&e.item.id)))
            .map(|e| e.item.id.clone())
            .collect();
        items.retain(|e| chosen.contains(e.item.series_id.as_ref().unwrap_or(&e.item.id)));
        Ok(IcsFile { text: ical::write(&items, name, now), events: items.len() })
    }

    /// What importing `events` would do, without writing anything.
    pub async fn preview_ics_import(&self, events: &[IcsEvent]) -> Result<ImportSummary> {
        let events = latest(events);
        let mut conn = self.pool.acquire().await?;
        let mut actions = Vec::with_capacity(events.len());
        for e in &events {
            let found = find(&mut conn, &e.uid, e.recurrence_id.as_deref()).await?;
            actions.push(if found.is_some() { ImportAction::Update } else { ImportAction::New });
        }
        Ok(summary(&events, &actions))
    }

    /// Writes `events` in one transaction: each new one as a new item, each one imported before
    /// (same UID and occurrence) over the item it made, which comes back if it was deleted.
    /// Series go first, so an override finds the series it belongs to.
    pub async fn import_ics(&self, events: &[IcsEvent], now: DateTime<Utc>) -> Result<ImportSummary> {
        let mut events = latest(events);
        events.sort_by_key(|e| e.recurrence_id.is_some());
        let at = time::to_db(now);
        let mut tx = self.write().await?;
        let codes: HashMap<String, String> = sqlx::query_as::<_, (String, String)>(
            "SELECT code, id FROM campaigns WHERE code IS NOT NULL AND deleted_at IS NULL",
        )
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
        let mut actions = Vec::with_capacity(events.len());
        for e in &events {
            let found = find(&mut tx, &e.uid, e.recurrence_id.as_deref()).await?;
            actions.push(if found.is_some() { ImportAction::Update } else { ImportAction::New });
            let item_id = found.clone().unwrap_or_else(|| id::new_id(now));
            let mut item = e.item.clone();
            item.campaign_id = e.campaign_code.as_ref().and_then(|c| codes.get(c).cloned());
            if e.recurrence_id.is_some() {
                item.rrule = None;
            }
            write_fields(&mut tx, &item, &item_id, found.is_none().then_some(at.as_str()), &at).await?;
            let series_id = match &e.recurrence_id {
                Some(_) => find(&mut tx, &e.uid, None).await?,
                None => None,
            };
            // Tandem's own UIDs name the item already; any other is kept to be found next time.
            let own = ical::id_in_uid(&e.uid);
            let keep_uid = own.is_none() || (own != Some(item_id.as_str()) && own != series_id.as_deref());
            sqlx::query(
                "UPDATE calendar_items SET ical_uid = ?1, exdates = ?2, series_id = ?3, recurrence_id = ?4,
                     deleted_at = NULL
                 WHERE id = ?5",
            )
            .bind(keep_uid.then_some(e.uid.as_str()))
            .bind(serde_json::to_string(&e.exdates).expect("strings serialise"))
            .bind(&series_id)
            .bind(&e.recurrence_id)
            .bind(&item_id)
            .execute(&mut *tx)
            .await?;
            set_attendees(&mut tx, &item_id, &e.attendees).await?;
        }
        tx.commit().await?;
        Ok(summary(&events, &actions))
    }
}

/// One event per UID and occurrence: a file that repeats one keeps its last.
fn latest(events: &[IcsEvent]) -> Vec<IcsEvent> {
    let mut seen = HashSet::new();
    let mut out: Vec<IcsEvent> =
        events.iter().rev().filter(|e| seen.insert((e.uid.as_str(), e.recurrence_id.as_deref()))).cloned().collect();
    out.reverse();
    out
}

fn summary(events: &[IcsEvent], actions: &[ImportAction]) -> ImportSummary {
    let count = |f: &dyn Fn(&IcsEvent, ImportAction) -> bool| {
        events.iter().zip(actions).filter(|(e, a)| f(e, **a)).count() as u32
    };
    let mut rows: Vec<(usize, ImportRow)> = events
        .iter()
        .zip(actions)
        .map(|(e, a)| {
            (
                e.line,
                ImportRow {
                    title: e.item.title.clone(),
                    when: e.item.when,
                    time_zone: e.item.time_zone.name().to_owned(),
                    repeats: e.item.rrule.is_some() && e.recurrence_id.is_none(),
                    is_override: e.recurrence_id.is_some(),
                    action: *a,
                    line: e.line as u32,
                },
            )
        })
        .collect();
    rows.sort_by_key(|(line, _)| *line);
    ImportSummary {
        events: events.len() as u32,
        new: count(&|_, a| a == ImportAction::New),
        updated: count(&|_, a| a == ImportAction::Update),
        series: count(&|e, _| e.item.rrule.is_some() && e.recurrence_id.is_none()),
        overrides: count(&|e, _| e.recurrence_id.is_some()),
        rows: rows.into_iter().take(PREVIEW_ROWS).map(|(_, r)| r).collect(),
    }
}

/// The item an event was imported into before: by the UID it kept, or, for Tandem's own UIDs,
/// by the item (or the edited occurrence of the series) the UID names.
async fn find(conn: &mut SqliteConnection, uid: &str, recurrence_id: Option<&str>) -> Result<Option<String>> {
    let by_uid: Option<String> =
        sqlx::query_scalar("SELECT id FROM calendar_items WHERE ical_uid = ?1 AND recurrence_id IS ?2")
            .bind(uid)
            .bind(recurrence_id)
            .fetch_optional(&mut *conn)
            .await?;
    if by_uid.is_some() {
        return Ok(by_uid);
    }
    let Some(own) = ical::id_in_uid(uid) else { return Ok(None) };
    let sql = if recurrence_id.is_some() {
        "SELECT id FROM calendar_items WHERE series_id = ?1 AND recurrence_id = ?2 AND ical_uid IS NULL"
    } else {
        "SELECT id FROM calendar_items WHERE id = ?1 AND ?2 IS NULL AND ical_uid IS NULL"
    };
    Ok(sqlx::query_scalar(sql).bind(own).bind(recurrence_id).fetch_optional(&mut *conn).await?)
}

/// Attendees (name, email) of every item, by item.
async fn attendees(conn: &mut SqliteConnection) -> Result<HashMap<String, Vec<(String, String)>>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT a.item_id, l.name, l.email FROM calendar_item_attendees a JOIN leads l ON l.id = a.lead_id
         WHERE l.deleted_at IS NULL AND l.email IS NOT NULL ORDER BY l.name",
    )
    .fetch_all(conn)
    .await?;
    let mut by_item: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for (item, name, email) in rows {
        by_item.entry(item).or_default().push((name, email));
    }
    Ok(by_item)
}

/// The item's attendees become the live leads with these emails (others are not leads here).
async fn set_attendees(conn: &mut SqliteConnection, item_id: &str, emails: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM calendar_item_attendees WHERE item_id = ?").bind(item_id).execute(&mut *conn).await?;
    for email in emails {
        sqlx::query(
            "INSERT OR IGNORE INTO calendar_item_attendees (item_id, lead_id)
             SELECT ?1, id FROM leads WHERE email = ?2 COLLATE NOCASE AND deleted_at IS NULL LIMIT 1",
        )
        .bind(item_id)
        .bind(email)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
