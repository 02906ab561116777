//! The full data export: every live lead, company, campaign, calendar item, deal, activity and
//! touchpoint, so a business can always take its data elsewhere. As CSV files in a folder (one
//! per table, written the same way as report tables) or as one workbook with a sheet per table.
//! The store reads all the tables from one snapshot (`Store::data_tables`), so the deals name
//! leads that are in the leads file; each table is written and dropped before the next is read.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::report::{Table, csv, xlsx};
use crate::{Result, Store, files};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataTable {
    Leads,
    Companies,
    Campaigns,
    CalendarItems,
    Deals,
    Activities,
    Touchpoints,
}

impl DataTable {
    pub const ALL: [DataTable; 7] = [
        DataTable::Leads,
        DataTable::Companies,
        DataTable::Campaigns,
        DataTable::CalendarItems,
        DataTable::Deals,
        DataTable::Activities,
        DataTable::Touchpoints,
    ];

    /// Its file's name, without extension.
    pub fn file_stem(self) -> &'static str {
        match self {
            DataTable::Leads => "leads",
            DataTable::Companies => "companies",
            DataTable::Campaigns => "campaigns",
            DataTable::CalendarItems => "calendar-items",
            DataTable::Deals => "deals",
            DataTable::Activities => "activities",
            DataTable::Touchpoints => "touchpoints",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            DataTable::Leads => "Leads",
            DataTable::Companies => "Companies",
            DataTable::Campaigns => "Campaigns",
            DataTable::CalendarItems => "Calendar items",
            DataTable::Deals => "Deals",
            DataTable::Activities => "Activities",
            DataTable::Touchpoints => "Touchpoints",
        }
    }
}

/// How far an export has got, for a progress bar: `done` of `total` tables, `rows` so far.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
    /// The table just written.
    pub table: String,
    pub rows: u64,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExportSummary {
    pub files: Vec<String>,
    /// Rows per table, in the order written.
    pub rows: Vec<(String, u64)>,
}

/// Each table as `<stem>.csv` in `dir` (made if missing). Every file is written whole or not at
/// all; when one fails, the ones already written by this export are removed again.
pub async fn csv_files(
    store: &Store,
    dir: &Path,
    bom: bool,
    mut progress: impl FnMut(ExportProgress) + Send,
) -> Result<ExportSummary> {
    std::fs::create_dir_all(dir).map_err(|source| crate::Error::Io { path: dir.to_owned(), source })?;
    let mut written: Vec<PathBuf> = Vec::new();
    let mut tally = Tally::default();
    let result = store
        .data_tables(|which, table| {
            let path = dir.join(format!("{}.csv", which.file_stem()));
            files::write_atomic(&path, &csv::table(&table, bom))?;
            written.push(path);
            progress(tally.add(which, &table));
            Ok(())
        })
        .await;
    if let Err(e) = result {
        for path in &written {
            let _ = std::fs::remove_file(path);
        }
        return Err(e);
    }
    Ok(ExportSummary { files: written.iter().map(|p| p.display().to_string()).collect(), rows: tally.rows })
}

/// One workbook with a sheet per table; `write_atomic` it where it goes.
pub async fn xlsx_workbook(
    store: &Store,
    mut progress: impl FnMut(ExportProgress) + Send,
) -> Result<(Vec<u8>, Vec<(String, u64)>)> {
    let mut book = xlsx::Tables::new();
    let mut tally = Tally::default();
    store
        .data_tables(|which, table| {
            book.add(&table)?;
            progress(tally.add(which, &table));
            Ok(())
        })
        .await?;
    Ok((book.finish()?, tally.rows))
}

#[derive(Default)]
struct Tally {
    rows: Vec<(String, u64)>,
}

impl Tally {
    fn add(&mut self, which: DataTable, table: &Table) -> ExportProgress {
        let count = table.rows.len() as u64;
        self.rows.push((which.file_stem().to_owned(), count));
        ExportProgress {
            done: self.rows.len() as u32,
            total: DataTable::ALL.len() as u32,
            table: which.title().to_owned(),
            rows: self.rows.iter().map(|(_, n)| n).sum(),
        }
    }
}
