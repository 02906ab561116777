//! `export`: every live lead, company, campaign, calendar item, deal, activity and touchpoint,
//! as CSV files in a folder or as one workbook, so the data can always go elsewhere.

use std::path::Path;

use clap::ValueEnum;
use tandem_core::Store;
use tandem_core::export;
use tandem_core::files::write_atomic;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// One file per table in the folder --out (made if missing).
    Csv,
    /// One workbook, a sheet per table.
    Xlsx,
    /// Every lead as one vCard 4.0 file (contacts for an address book).
    Vcard,
}

pub async fn run(store: &Store, format: Format, bom: bool, out: &Path) -> Result<(), String> {
    match format {
        Format::Csv => {
            if out.is_file() {
                return Err(format!("{} is a file; CSV export writes a folder of files", out.display()));
            }
            let summary = export::csv_files(store, out, bom, |_| {}).await.map_err(|e| e.to_string())?;
            for (file, (_, rows)) in summary.files.iter().zip(&summary.rows) {
                println!("wrote {file} ({rows} rows)");
            }
        }
        Format::Xlsx => {
            if out.is_dir() {
                return Err(format!("{} is a folder; XLSX export writes one file, name it", out.display()));
            }
            let (bytes, rows) = export::xlsx_workbook(store, |_| {}).await.map_err(|e| e.to_string())?;
            write_atomic(out, &bytes).map_err(|e| e.to_string())?;
            let counts: Vec<String> = rows.iter().map(|(t, n)| format!("{n} {t}")).collect();
            println!("wrote {} ({})", out.display(), counts.join(", "));
        }
        Format::Vcard => {
            if out.is_dir() {
                return Err(format!("{} is a folder; vCard export writes one file, name it", out.display()));
            }
            let leads = store.live_leads().await.map_err(|e| e.to_string())?;
            let text = tandem_core::import::vcard::write(&leads, tandem_core::import::vcard::Version::V4);
            write_atomic(out, text.as_bytes()).map_err(|e| e.to_string())?;
            println!("wrote {} ({} leads)", out.display(), leads.len());
        }
    }
    Ok(())
}
