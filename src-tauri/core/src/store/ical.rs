//! iCalendar export and import over the store: which items a scope covers, and an import that
//! updates what an earlier import (or Tandem's own export) wrote, by UID, in one transaction.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::calendar_items::ItemRow;
use super::{Store, from_json};
use crate::calendar::{self, Planned};
use crate::ical::{self, ExportItem, IcsEvent};
use crate::model::calendar::{CalendarItem, CalendarRange, ItemStatus, ItemType, When};
use crate::model::duplicates::email_key;
use crate::model::ical::{IcsFile, IcsScope, ImportAction, ImportRow, ImportSummary, PREVIEW_ROWS};
use crate::model::{id, text, time};
use crate::{Error, Result};

/// An item row with what an export needs around it: its own UID, its series' UID and its
/// campaign's code.
#[derive(serde::Deserialize)]
struct ExportRow(ItemRow, Option<String>, Option<String>, Option<String>);

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
        // One JSON text for every row: sqlx hands rows over one by one between threads, which
        // for 30,000 items would cost most of the export's budget.
        let json: String = sqlx::query_scalar(
            "SELECT '[' || coalesce(group_concat(json_array(json_array(i.id, i.title, i.item_type, i.channel,
                    i.campaign_id, json(CASE i.all_day WHEN 1 THEN 'true' ELSE 'false' END), i.starts_at,
                    i.ends_at, i.start_date, i.end_date, i.time_zone, i.status, i.owner, i.notes, i.rrule,
                    i.exdates, i.series_id, i.recurrence_id, i.created_at, i.updated_at, i.deleted_at),
                  i.ical_uid, s.ical_uid, c.code), ','), '') || ']'
             FROM calendar_items i
             LEFT JOIN calendar_items s ON s.id = i.series_id
             LEFT JOIN campaigns c ON c.id = i.campaign_id
             WHERE i.deleted_at IS NULL AND (i.series_id IS NULL OR s.deleted_at IS NULL)",
        )
        .fetch_one(&mut *conn)
        .await?;
        let rows: Vec<ExportRow> = from_json(json, "calendar rows")?;
        let attendees = attendees(&mut conn).await?;
        let mut items = Vec::with_capacity(rows.len());
        for ExportRow(row, ical_uid, series_uid, campaign_code) in rows {
            let item = CalendarItem::try_from(row)?;
            let uid = match (&item.series_id, series_uid, ical_uid) {
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
        items.sort_by(|a, b| {
            (calendar::key_of(&a.item.when), &a.item.id).cmp(&(calendar::key_of(&b.item.when), &b.item.id))
        });
        Ok(IcsFile { text: ical::write(&items, name, now), events: items.len() })
    }

    /// What importing `events` would do, without writing anything.
    pub async fn preview_ics_import(&self, events: &[IcsEvent]) -> Result<ImportSummary> {
        let events = latest(events);
        let mut conn = self.pool.acquire().await?;
        let known = Known::read(&mut conn, &events).await?;
        let actions: Vec<ImportAction> = events.iter().map(|e| known.action(e)).collect();
        Ok(summary(&events, &actions))
    }

    /// Writes `events` in one transaction: each new one as a new item, each one imported before
    /// (same UID and occurrence) over the item it made, which comes back if it was deleted. A
    /// handful of set-wise statements, whatever the file's size.
    pub async fn import_ics(&self, events: &[IcsEvent], now: DateTime<Utc>) -> Result<ImportSummary> {
        let mut events = latest(events);
        // Series first, so each override finds the id of the series it belongs to.
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
        let mut known = Known::read(&mut tx, &events).await?;
        let mut actions = Vec::with_capacity(events.len());
        let mut rows = Vec::with_capacity(events.len());
        let mut attendees = Vec::new();
        for e in &events {
            actions.push(known.action(e));
            let item_id = known.item(e).unwrap_or_else(|| id::new_id(now));
            let series_id = match e.recurrence_id {
                Some(_) => known.item_of(&e.uid, None),
                None => {
                    known.by_uid.insert((e.uid.clone(), None), item_id.clone());
                    None
                }
            };
            // Tandem's own UIDs name the item already; any other is kept to be found next time.
            let own = ical::id_in_uid(&e.uid);
            let keep_uid = own.is_none() || (own != Some(item_id.as_str()) && own != series_id.as_deref());
            let item = &e.item;
            let rrule = if e.recurrence_id.is_some() { None } else { item.rrule.clone() };
            let until = rrule.as_deref().and_then(|r| calendar::series_end(r, &item.when, item.time_zone, &[]));
            let (all_day, starts, ends, start_date, end_date) = match item.when {
                When::Timed { starts_at, ends_at } => {
                    (0, Some(time::to_db(starts_at)), Some(time::to_db(ends_at)), None, None)
                }
                When::AllDay { start_date, end_date } => {
                    (1, None, None, Some(start_date.to_string()), Some(end_date.to_string()))
                }
            };
            // Matched by email key, as duplicates are: the case, a +tag or Gmail's dots aside.
            for key in e.attendees.iter().filter_map(|email| email_key(email)) {
                attendees.push(serde_json::json!([item_id, key]));
            }
            rows.push(serde_json::json!([
                item_id,
                item.title,
                item.item_type.as_str(),
                item.channel,
                e.campaign_code.as_ref().and_then(|c| codes.get(c)),
                all_day,
                starts,
                ends,
                start_date,
                end_date,
                item.time_zone.name(),
                item.status.as_str(),
                item.owner,
                item.notes,
                rrule,
                serde_json::to_string(&e.exdates).expect("strings serialise"),
                series_id,
                e.recurrence_id,
                keep_uid.then_some(&e.uid),
                until,
            ]));
        }
        let ids = serde_json::to_string(&rows.iter().map(|r| r[0].clone()).collect::<Vec<_>>()).expect("json");
        sqlx::query(
            "INSERT INTO calendar_items (id, title, item_type, channel, campaign_id, all_day, starts_at, ends_at,
                 start_date, end_date, time_zone, status, owner, notes, rrule, exdates, series_id, recurrence_id,
                 ical_uid, repeats_until, created_at, updated_at)
             SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7,
                 value->>8, value->>9, value->>10, value->>11, value->>12, value->>13, value->>14, value->>15,
                 value->>16, value->>17, value->>18, value->>19, ?2, ?2
             FROM json_each(?1) WHERE true
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, item_type = excluded.item_type,
                 channel = excluded.channel, campaign_id = excluded.campaign_id, all_day = excluded.all_day,
                 starts_at = excluded.starts_at, ends_at = excluded.ends_at, start_date = excluded.start_date,
                 end_date = excluded.end_date, time_zone = excluded.time_zone, status = excluded.status,
                 owner = excluded.owner, notes = excluded.notes, rrule = excluded.rrule, exdates = excluded.exdates,
                 series_id = excluded.series_id, recurrence_id = excluded.recurrence_id,
                 ical_uid = excluded.ical_uid, repeats_until = excluded.repeats_until,
                 updated_at = excluded.updated_at, deleted_at = NULL",
        )
        .bind(serde_json::Value::Array(rows).to_string())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        // Attendees are the live leads with the emails the file names (others are not leads here).
        sqlx::query("DELETE FROM calendar_item_attendees WHERE item_id IN (SELECT value FROM json_each(?))")
            .bind(ids)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT OR IGNORE INTO calendar_item_attendees (item_id, lead_id)
             SELECT item, lead FROM (
                 SELECT a.value->>0 AS item,
                     (SELECT id FROM leads WHERE email_key = a.value->>1 AND deleted_at IS NULL LIMIT 1) AS lead
                 FROM json_each(?) a)
             WHERE lead IS NOT NULL",
        )
        .bind(serde_json::Value::Array(attendees).to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(summary(&events, &actions))
    }
}

/// The items a file's events were imported into before, read in two statements: by the UIDs
/// imports kept, and, for Tandem's own UIDs, by the items (or edited occurrences) they name.
struct Known {
    /// (UID, occurrence key) → item id.
    by_uid: HashMap<(String, Option<String>), String>,
    /// Items without a kept UID: their ids, and (series, key) → id of edited occurrences.
    own: HashSet<String>,
    own_edits: HashMap<(String, String), String>,
}

impl Known {
    async fn read(conn: &mut SqliteConnection, events: &[IcsEvent]) -> Result<Known> {
        let uids: Vec<&str> = events.iter().map(|e| e.uid.as_str()).collect();
        let json: String = sqlx::query_scalar(
            "SELECT coalesce(json_group_array(json_array(id, ical_uid, recurrence_id)), '[]') FROM calendar_items
             WHERE ical_uid IN (SELECT value FROM json_each(?))",
        )
        .bind(serde_json::to_string(&uids).expect("strings serialise"))
        .fetch_one(&mut *conn)
        .await?;
        let rows: Vec<(String, String, Option<String>)> = parse_json(&json)?;
        let by_uid = rows.into_iter().map(|(id, uid, key)| ((uid, key), id)).collect();
        let named: Vec<&str> = events.iter().filter_map(|e| ical::id_in_uid(&e.uid)).collect();
        let json: String = sqlx::query_scalar(
            "SELECT coalesce(json_group_array(json_array(id, series_id, recurrence_id)), '[]') FROM calendar_items
             WHERE ical_uid IS NULL AND (id IN (SELECT value FROM json_each(?1))
                 OR series_id IN (SELECT value FROM json_each(?1)))",
        )
        .bind(serde_json::to_string(&named).expect("strings serialise"))
        .fetch_one(&mut *conn)
        .await?;
        let rows: Vec<(String, Option<String>, Option<String>)> = parse_json(&json)?;
        let mut own = HashSet::new();
        let mut own_edits = HashMap::new();
        for (id, series, key) in rows {
            match (series, key) {
                (Some(series), Some(key)) => {
                    own_edits.insert((series, key), id);
                }
                _ => {
                    own.insert(id);
                }
            }
        }
        Ok(Known { by_uid, own, own_edits })
    }

    fn item_of(&self, uid: &str, key: Option<&str>) -> Option<String> {
        if let Some(id) = self.by_uid.get(&(uid.to_owned(), key.map(str::to_owned))) {
            return Some(id.clone());
        }
        let named = ical::id_in_uid(uid)?;
        match key {
            None => self.own.get(named).cloned(),
            Some(key) => self.own_edits.get(&(named.to_owned(), key.to_owned())).cloned(),
        }
    }

    fn item(&self, e: &IcsEvent) -> Option<String> {
        self.item_of(&e.uid, e.recurrence_id.as_deref())
    }

    fn action(&self, e: &IcsEvent) -> ImportAction {
        if self.item(e).is_some() { ImportAction::Update } else { ImportAction::New }
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::Conflict(format!("calendar rows: {e}")))
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
