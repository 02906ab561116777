//! `report NAME` and `report-pack`: reports to files, for scheduled exports. CSV writes one file
//! per table (`out.csv` when there is one, else `out-<table>.csv` beside it); XLSX a workbook with
//! a sheet per table (a pack: a sheet per report); PDF a document; JSON the whole report.

use std::path::Path;

use chrono::Utc;
use clap::ValueEnum;
use tandem_core::Store;
use tandem_core::files::write_atomic;
use tandem_core::model::attribution::Model;
use tandem_core::model::text;
use tandem_core::report::pack::{self, PackFormat};
use tandem_core::report::{self, Period, ReportFilter, ReportName};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
    Pdf,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PackFileFormat {
    Pdf,
    Xlsx,
}

/// The filters a report or a pack is made with.
#[derive(clap::Args)]
pub struct Filters {
    /// A named period: this-month, last-month, this-quarter, last-quarter, year-to-date,
    /// last-year, last-12-months, all-time (--from and --to override its ends).
    #[arg(long)]
    period: Option<String>,
    /// The period's first day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// The day after the period.
    #[arg(long)]
    to: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    /// A pipeline's name.
    #[arg(long)]
    pipeline: Option<String>,
    /// A campaign's name, code or id.
    #[arg(long)]
    campaign: Option<String>,
    /// Attribution model: first, last or linear (default first).
    #[arg(long)]
    model: Option<String>,
}

impl Filters {
    /// The filter, a named period counted from `base`'s period when none is given here.
    fn filter(self, period: Option<Period>, base: ReportFilter) -> Result<ReportFilter, String> {
        // The computer's own day, as the app counts named periods.
        let today = chrono::Local::now().date_naive();
        let period = self.period.as_deref().map(Period::parse).transpose().map_err(|e| e.to_string())?.or(period);
        let base = base.over(period, today);
        Ok(ReportFilter {
            from: text::date("from", self.from.as_deref()).map_err(|e| e.to_string())?.or(base.from),
            to: text::date("to", self.to.as_deref()).map_err(|e| e.to_string())?.or(base.to),
            owner: self.owner.or(base.owner),
            pipeline: self.pipeline.or(base.pipeline),
            campaign: self.campaign.or(base.campaign),
            model: self.model.as_deref().map(Model::parse).transpose().map_err(|e| e.to_string())?.or(base.model),
        })
    }
}

pub async fn run(
    store: &Store,
    name: &str,
    filters: Filters,
    format: Format,
    bom: bool,
    out: &Path,
) -> Result<(), String> {
    let name = ReportName::parse(name).map_err(|e| e.to_string())?;
    let filter = filters.filter(None, ReportFilter::default())?;
    let now = Utc::now();
    let report = store.report(name, &filter, now).await.map_err(|e| e.to_string())?;
    match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            write(out, text.as_bytes())
        }
        Format::Xlsx => write(out, &report::xlsx::report(&report, now).map_err(|e| e.to_string())?),
        Format::Pdf => write(out, &report::pdf::report(&report, now).map_err(|e| e.to_string())?),
        Format::Csv => {
            for (path, bytes) in report::csv::files(&report, out, bom) {
                write(&path, &bytes)?;
            }
            Ok(())
        }
    }
}

/// A pack named by `--reports a,b,c`, or saved in the workspace and named by `--pack`; filters
/// given here override the saved pack's.
pub async fn run_pack(
    store: &Store,
    reports: Option<&str>,
    saved: Option<&str>,
    filters: Filters,
    format: Option<PackFileFormat>,
    out: &Path,
) -> Result<(), String> {
    let (names, period, base, saved_format) = match (reports, saved) {
        (Some(list), None) => {
            (pack::parse_names(list).map_err(|e| e.to_string())?, None, ReportFilter::default(), None)
        }
        (None, Some(wanted)) => {
            let packs = store.report_packs().await.map_err(|e| e.to_string())?;
            let Some(p) = packs.into_iter().find(|p| p.name.eq_ignore_ascii_case(wanted.trim())) else {
                return Err(format!("no saved report pack is named {wanted:?}"));
            };
            (p.reports, p.period, p.filter, Some(p.format))
        }
        _ => return Err("name the reports with --reports a,b,c or a saved pack with --pack NAME".into()),
    };
    let filter = filters.filter(period, base)?;
    let format = match format {
        Some(PackFileFormat::Pdf) => PackFormat::Pdf,
        Some(PackFileFormat::Xlsx) => PackFormat::Xlsx,
        None => saved_format.ok_or("choose --format pdf or xlsx")?,
    };
    let now = Utc::now();
    let reports = store.reports(&names, &filter, now).await.map_err(|e| e.to_string())?;
    write(out, &pack::render(format, &reports, now).map_err(|e| e.to_string())?)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_atomic(path, bytes).map_err(|e| e.to_string())?;
    println!("wrote {}", path.display());
    Ok(())
}
