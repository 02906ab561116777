//! `report NAME`: one report to a file, for scheduled exports. CSV writes one file per table
//! (`out.csv` when there is one, else `out-<table>.csv` beside it); XLSX a workbook with a sheet
//! per table; JSON the whole report.

use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::ValueEnum;
use tandem_core::Store;
use tandem_core::files::write_atomic;
use tandem_core::model::attribution::Model;
use tandem_core::model::text;
use tandem_core::report::{self, Period, ReportFilter, ReportName};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
}

pub struct Args {
    pub name: String,
    pub period: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub owner: Option<String>,
    pub pipeline: Option<String>,
    pub campaign: Option<String>,
    pub model: Option<String>,
    pub format: Format,
    pub bom: bool,
    pub out: PathBuf,
}

pub async fn run(store: &Store, args: Args) -> Result<(), String> {
    let name = ReportName::parse(&args.name).map_err(|e| e.to_string())?;
    let now = Utc::now();
    let (from, to) = match &args.period {
        Some(p) => Period::parse(p).map_err(|e| e.to_string())?.days(now.date_naive()),
        None => (None, None),
    };
    let filter = ReportFilter {
        from: text::date("from", args.from.as_deref()).map_err(|e| e.to_string())?.or(from),
        to: text::date("to", args.to.as_deref()).map_err(|e| e.to_string())?.or(to),
        owner: args.owner,
        pipeline: args.pipeline,
        campaign: args.campaign,
        model: args.model.as_deref().map(Model::parse).transpose().map_err(|e| e.to_string())?,
    };
    let report = store.report(name, &filter, now).await.map_err(|e| e.to_string())?;
    match args.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            write(&args.out, text.as_bytes())
        }
        Format::Xlsx => write(&args.out, &report::xlsx::report(&report, now).map_err(|e| e.to_string())?),
        Format::Csv => {
            for (path, bytes) in report::csv::files(&report, &args.out, args.bom) {
                write(&path, &bytes)?;
            }
            Ok(())
        }
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_atomic(path, bytes).map_err(|e| e.to_string())?;
    println!("wrote {}", path.display());
    Ok(())
}
