//! Settings of the whole workspace, kept in the file so everyone who opens it works the same way:
//! one JSON value per key. A missing or unreadable value means the default.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::SqliteConnection;

use super::{Store, scores};
use crate::import::mapping::{MAX_MAPPINGS, SavedMapping};
use crate::model::lead_view::{self, LeadView};
use crate::model::lifecycle::LeadSettings;
use crate::model::named::{self, Named};
use crate::model::scoring::ScoringRules;
use crate::model::time;
use crate::report::pack::{self, ReportPack};
use crate::{Error, Result};

const LEADS: &str = "leads";
const SCORING: &str = "scoring";
const LEAD_VIEWS: &str = "lead_views";
const REPORT_PACKS: &str = "report_packs";
const IMPORT_MAPPINGS: &str = "import_mappings";
/// The day lead scores are computed as of (engagement fades with age counted to it).
const SCORES_DAY: &str = "scores_day";

impl Store {
    pub async fn lead_settings(&self) -> Result<LeadSettings> {
        let mut conn = self.pool.acquire().await?;
        lead_settings(&mut conn).await
    }

    pub async fn set_lead_settings(&self, settings: &LeadSettings, now: DateTime<Utc>) -> Result<LeadSettings> {
        settings.validate()?;
        let mut tx = self.write().await?;
        put(&mut tx, LEADS, settings, now).await?;
        let saved = lead_settings(&mut tx).await?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn scoring_rules(&self) -> Result<ScoringRules> {
        let mut conn = self.pool.acquire().await?;
        scoring_rules(&mut conn).await
    }

    /// Saves the rules; every live lead is scored again by them before this returns.
    pub async fn set_scoring_rules(&self, rules: &ScoringRules, now: DateTime<Utc>) -> Result<ScoringRules> {
        let rules = rules.validate()?;
        let mut tx = self.write().await?;
        put(&mut tx, SCORING, &rules, now).await?;
        scores::mark_all(&mut tx).await?;
        // However many they are: the person who saved waits for it.
        scores::settle(&mut tx).await?;
        tx.commit().await?;
        Ok(rules)
    }

    /// The saved views of the leads list, by name.
    pub async fn lead_views(&self) -> Result<Vec<LeadView>> {
        let mut conn = self.pool.acquire().await?;
        get(&mut conn, LEAD_VIEWS).await
    }

    /// Saves a view (replacing the one of the same name); returns them all.
    pub async fn save_lead_view(&self, view: &LeadView, now: DateTime<Utc>) -> Result<Vec<LeadView>> {
        let mut tx = self.write().await?;
        let views = lead_view::save(get(&mut tx, LEAD_VIEWS).await?, view)?;
        put(&mut tx, LEAD_VIEWS, &views, now).await?;
        tx.commit().await?;
        Ok(views)
    }

    pub async fn delete_lead_view(&self, name: &str, now: DateTime<Utc>) -> Result<Vec<LeadView>> {
        self.delete_named(LEAD_VIEWS, "view", name, now).await
    }

    /// The saved report packs, by name.
    pub async fn report_packs(&self) -> Result<Vec<ReportPack>> {
        let mut conn = self.pool.acquire().await?;
        get(&mut conn, REPORT_PACKS).await
    }

    /// Saves a pack (replacing the one of the same name); returns them all.
    pub async fn save_report_pack(&self, report_pack: &ReportPack, now: DateTime<Utc>) -> Result<Vec<ReportPack>> {
        let mut tx = self.write().await?;
        let packs = pack::save(get(&mut tx, REPORT_PACKS).await?, report_pack)?;
        put(&mut tx, REPORT_PACKS, &packs, now).await?;
        tx.commit().await?;
        Ok(packs)
    }

    pub async fn delete_report_pack(&self, name: &str, now: DateTime<Utc>) -> Result<Vec<ReportPack>> {
        self.delete_named(REPORT_PACKS, "pack", name, now).await
    }

    /// The column mappings saved for imports, by name.
    pub async fn import_mappings(&self) -> Result<Vec<SavedMapping>> {
        let mut conn = self.pool.acquire().await?;
        get(&mut conn, IMPORT_MAPPINGS).await
    }

    /// Saves a mapping (replacing the one of the same name); returns them all.
    pub async fn save_import_mapping(&self, mapping: SavedMapping, now: DateTime<Utc>) -> Result<Vec<SavedMapping>> {
        let mut tx = self.write().await?;
        let list = named::save(get(&mut tx, IMPORT_MAPPINGS).await?, mapping, MAX_MAPPINGS, "mappings")?;
        put(&mut tx, IMPORT_MAPPINGS, &list, now).await?;
        tx.commit().await?;
        Ok(list)
    }

    pub async fn delete_import_mapping(&self, name: &str, now: DateTime<Utc>) -> Result<Vec<SavedMapping>> {
        self.delete_named(IMPORT_MAPPINGS, "mapping", name, now).await
    }

    /// Deletes the one named `name` from the named list kept under `key`; the list left.
    async fn delete_named<T: Named + Serialize + DeserializeOwned>(
        &self,
        key: &str,
        what: &'static str,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<T>> {
        let mut tx = self.write().await?;
        let list: Vec<T> = get(&mut tx, key).await?;
        let left = named::without(list, name).ok_or_else(|| Error::not_found(what, name))?;
        put(&mut tx, key, &left, now).await?;
        tx.commit().await?;
        Ok(left)
    }
}

pub(super) async fn lead_settings(conn: &mut SqliteConnection) -> Result<LeadSettings> {
    get(conn, LEADS).await
}

pub(super) async fn scoring_rules(conn: &mut SqliteConnection) -> Result<ScoringRules> {
    get(conn, SCORING).await
}

pub(super) async fn scores_day(conn: &mut SqliteConnection) -> Result<Option<NaiveDate>> {
    get(conn, SCORES_DAY).await
}

pub(super) async fn set_scores_day(conn: &mut SqliteConnection, day: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    put(conn, SCORES_DAY, &day, now).await
}

async fn get<T: DeserializeOwned + Default>(conn: &mut SqliteConnection, key: &str) -> Result<T> {
    let value: Option<String> =
        sqlx::query_scalar("SELECT value FROM workspace_settings WHERE key = ?").bind(key).fetch_optional(conn).await?;
    Ok(value.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

async fn put<T: Serialize>(conn: &mut SqliteConnection, key: &str, value: &T, now: DateTime<Utc>) -> Result<()> {
    let value = serde_json::to_string(value).map_err(|e| Error::Conflict(e.to_string()))?;
    sqlx::query(
        "INSERT INTO workspace_settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(&value)
    .bind(time::to_db(now))
    .execute(conn)
    .await?;
    Ok(())
}
