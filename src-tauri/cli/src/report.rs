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
            for (i, table) in report.tables.iter().enumerate() {
                let path = if report.tables.len() == 1 { args.out.clone() } else { beside(&args.out, i, &table.title) };
                write(&path, &report::csv::table(table, args.bom))?;
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

/// `out.csv` and "Open deals by stage" → `out-open-deals-by-stage.csv`.
fn beside(out: &Path, index: usize, title: &str) -> PathBuf {
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
    let ext = out.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_else(|| "csv".into());
    let mut slug: String =
        title.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    while slug.contains("--") {
        slug = slug.replace("--", "-");
    }
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { format!("table-{}", index + 1) } else { slug.to_owned() };
    out.with_file_name(format!("{stem}-{slug}.{ext}"))
}
