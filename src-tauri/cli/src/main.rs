//! `tandem-cli`: Tandem without a window, over the same core as the app. For scripts and cron:
//! errors go to stderr with a non-zero exit code, results to stdout (as JSON with `--json`).

mod attribution;
mod backup;
mod board;
mod calendar;
mod campaigns;
mod deals;
mod duplicates;
mod export;
mod import;
mod lead;
mod leads;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Parser, Subcommand, ValueEnum};
use tandem_core::Store;
use tandem_core::demo::{self, Scale};

/// The app's identifier: the CLI finds the same default workspace as the desktop app.
const APP_IDENTIFIER: &str = "app.tandem.desktop";

#[derive(Parser)]
#[command(name = "tandem-cli", version, about = "Tandem's workspace, from the command line")]
struct Cli {
    /// The workspace file (default: the desktop app's workspace in the OS app-data folder).
    #[arg(long, global = true, env = "TANDEM_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill a new, empty workspace with realistic demo data.
    Demo {
        #[arg(long, value_enum, default_value = "small")]
        scale: DemoScale,
        /// The same seed always gives the same workspace.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Which campaigns brought the leads and deals created in a period.
    Attribution {
        /// first, last or linear.
        #[arg(long, default_value = "first")]
        model: String,
        /// Leads and deals created on or after this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// … and before this day.
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A pipeline's board in numbers: each stage's open deals, value and weighted value.
    Board {
        /// The pipeline's name or id (default: the first).
        #[arg(long)]
        pipeline: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The marketing calendar.
    Calendar {
        #[command(subcommand)]
        command: calendar::CalendarCommand,
    },
    /// List campaigns.
    Campaigns {
        #[command(subcommand)]
        command: campaigns::CampaignsCommand,
    },
    /// List deals.
    Deals {
        #[command(subcommand)]
        command: deals::DealsCommand,
    },
    /// Likely duplicate leads: the same email or phone, or a similar name at one company.
    Duplicates {
        #[arg(long)]
        json: bool,
    },
    /// One lead seen whole.
    Lead {
        #[command(subcommand)]
        command: lead::LeadCommand,
    },
    /// List or search leads.
    Leads {
        #[command(subcommand)]
        command: leads::LeadsCommand,
    },
    /// One report to a file: pipeline, forecast, funnel, campaign-performance, win-loss, velocity,
    /// activity or marketing-output.
    Report {
        name: String,
        #[command(flatten)]
        filters: report::Filters,
        #[arg(long, value_enum)]
        format: report::Format,
        /// Start CSV files with a byte-order mark, so Excel reads them as UTF-8.
        #[arg(long)]
        bom: bool,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Every lead, company, campaign, calendar item, deal, activity and touchpoint: CSV files in
    /// a folder, or one XLSX workbook; or every lead as one vCard file.
    Export {
        #[arg(long, value_enum)]
        format: export::Format,
        /// Start CSV files with a byte-order mark, so Excel reads them as UTF-8.
        #[arg(long)]
        bom: bool,
        /// A folder for CSV, a file for XLSX.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Bring leads in from CSV, workbooks or vCards; undo an import; list the imports made.
    Import {
        #[command(subcommand)]
        command: import::ImportCommand,
    },
    /// A backup of the workspace (default: in `backups/` beside it).
    Backup {
        /// Where to write it (it must not exist yet).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Replaces the workspace by a backup, after backing up what it holds now.
    Restore { file: std::path::PathBuf },
    /// Several reports in one PDF or one workbook (a sheet per report).
    ReportPack {
        /// The reports, in order, separated by commas: pipeline,funnel,win-loss.
        #[arg(long, conflicts_with = "pack")]
        reports: Option<String>,
        /// A pack saved in the app, by name; the filters below override its own.
        #[arg(long)]
        pack: Option<String>,
        #[command(flatten)]
        filters: report::Filters,
        /// pdf or xlsx (a saved pack's own format when not given).
        #[arg(long, value_enum)]
        format: Option<report::PackFileFormat>,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DemoScale {
    Small,
    Large,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let path = workspace_path(cli.db)?;
    // A restore replaces the file, so nothing may hold it open.
    if let Command::Restore { file } = &cli.command {
        return backup::restore(&path, file).await;
    }
    let store = Store::open(&path).await.map_err(|e| e.to_string())?;
    let result = match cli.command {
        Command::Demo { scale, seed } => write_demo(&store, scale, seed).await,
        Command::Duplicates { json } => duplicates::run(&store, json).await,
        Command::Lead { command } => lead::run(&store, command).await,
        Command::Leads { command } => leads::run(&store, command).await,
        Command::Attribution { model, from, to, json } => attribution::run(&store, &model, from, to, json).await,
        Command::Board { pipeline, json } => board::run(&store, pipeline, json).await,
        Command::Deals { command } => deals::run(&store, command).await,
        Command::Campaigns { command } => campaigns::run(&store, command).await,
        Command::Calendar { command } => calendar::run(&store, command).await,
        Command::Report { name, filters, format, bom, out } => {
            report::run(&store, &name, filters, format, bom, &out).await
        }
        Command::Import { command } => import::run(&store, command).await,
        Command::Backup { out } => backup::backup(&store, out).await,
        Command::Restore { .. } => unreachable!("handled before the workspace is opened"),
        Command::Export { format, bom, out } => export::run(&store, format, bom, &out).await,
        Command::ReportPack { reports, pack, filters, format, out } => {
            report::run_pack(&store, reports.as_deref(), pack.as_deref(), filters, format, &out).await
        }
    };
    store.close().await;
    result
}

fn workspace_path(db: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(path) = db {
        return Ok(path);
    }
    let folder = dirs::data_dir()
        .ok_or("cannot find the app-data folder; pass --db PATH or set TANDEM_DB")?
        .join(APP_IDENTIFIER);
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    Ok(folder.join("workspace.tandem"))
}

async fn write_demo(store: &Store, scale: DemoScale, seed: u64) -> Result<(), String> {
    let scale = match scale {
        DemoScale::Small => Scale::Small,
        DemoScale::Large => Scale::Large,
    };
    let started = std::time::Instant::now();
    let data = demo::generate(scale, seed, Utc::now());
    store.write_demo(&data).await.map_err(|e| e.to_string())?;
    println!(
        "wrote {} leads, {} companies, {} campaigns, {} calendar items, {} deals, {} activities to {} in {:.1} s",
        data.leads.len(),
        data.companies.len(),
        data.campaigns.len(),
        data.calendar_items.len(),
        data.deals.len(),
        data.activities.len(),
        store.path().display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
