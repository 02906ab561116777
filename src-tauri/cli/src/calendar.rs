//! `tandem-cli calendar …`: the occurrences in a range of days (series expanded), and iCalendar
//! files out and in.

use std::path::PathBuf;

use chrono::Utc;
use clap::Subcommand;
use tandem_core::model::{CalendarRange, IcsScope, ImportSummary, Occurrence, When};
use tandem_core::store::CampaignQuery;
use tandem_core::{Store, files, ical};

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// Every item and occurrence from one day up to (not including) another.
    List {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Day after the last (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// The IANA time zone whose days these are.
        #[arg(long, default_value = "UTC")]
        tz: String,
        #[arg(long)]
        json: bool,
    },
    /// Write items as an iCalendar (.ics) file: everything, a range, or one campaign's.
    Export {
        /// The file to write (replaced whole, never half-written).
        #[arg(long)]
        out: PathBuf,
        /// Items with an occurrence from this day (YYYY-MM-DD) …
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// … up to, not including, this day.
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// The IANA time zone whose days --from and --to are.
        #[arg(long, default_value = "UTC")]
        tz: String,
        /// A campaign's id, code or name.
        #[arg(long)]
        campaign: Option<String>,
    },
    /// Read an iCalendar (.ics) file into calendar items; importing it again updates them.
    Import {
        file: PathBuf,
        /// Show what would happen and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The IANA time zone for times the file gives without one, and for all-day items.
        #[arg(long, default_value = "UTC")]
        tz: String,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(store: &Store, command: CalendarCommand) -> Result<(), String> {
    match command {
        CalendarCommand::List { from, to, tz, json } => list(store, from, to, tz, json).await,
        CalendarCommand::Export { out, from, to, tz, campaign } => export(store, out, from, to, tz, campaign).await,
        CalendarCommand::Import { file, dry_run, tz, json } => import(store, file, dry_run, tz, json).await,
    }
}

async fn export(
    store: &Store,
    out: PathBuf,
    from: Option<String>,
    to: Option<String>,
    tz: String,
    campaign: Option<String>,
) -> Result<(), String> {
    let (campaign_id, name) = match campaign {
        Some(wanted) => {
            let all = store.list_campaigns(&CampaignQuery { include_archived: true, ..Default::default() }).await;
            let found = all.map_err(|e| e.to_string())?.into_iter().find(|c| {
                c.id == wanted || c.code.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(&wanted)) || c.name == wanted
            });
            let c = found.ok_or_else(|| format!("no campaign has the id, code or name {wanted:?}"))?;
            (Some(c.id), c.name)
        }
        None => (None, "Tandem".to_owned()),
    };
    let scope = IcsScope { from, to, time_zone: Some(tz), campaign_id, ..Default::default() };
    let file = store.export_ics(&scope, &name, Utc::now()).await.map_err(|e| e.to_string())?;
    files::write_atomic(&out, file.text.as_bytes()).map_err(|e| e.to_string())?;
    println!("wrote {} events to {}", file.events, out.display());
    Ok(())
}

async fn import(store: &Store, file: PathBuf, dry_run: bool, tz: String, json: bool) -> Result<(), String> {
    let zone: chrono_tz::Tz = tz.parse().map_err(|_| format!("{tz:?} is not an IANA time zone"))?;
    let text = files::read_text(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let events = ical::read(&text, zone).map_err(|e| format!("{}: {e}; nothing was imported", file.display()))?;
    let summary =
        if dry_run { store.preview_ics_import(&events).await } else { store.import_ics(&events, Utc::now()).await };
    let summary = summary.map_err(|e| e.to_string())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?);
    } else {
        print_summary(&summary, dry_run);
    }
    Ok(())
}

fn print_summary(s: &ImportSummary, dry_run: bool) {
    let verb = if dry_run { "would import" } else { "imported" };
    println!(
        "{verb} {} events: {} new, {} updated ({} repeating series, {} edited occurrences)",
        s.events, s.new, s.updated, s.series, s.overrides
    );
}

async fn list(store: &Store, from: String, to: String, tz: String, json: bool) -> Result<(), String> {
    let occurrences =
        store.calendar_range(&CalendarRange { from, to, time_zone: tz.clone() }).await.map_err(|e| e.to_string())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&occurrences).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let zone: chrono_tz::Tz = tz.parse().map_err(|_| format!("{tz:?} is not an IANA time zone"))?;
    print_table(&occurrences, zone);
    println!("{} occurrences", occurrences.len());
    Ok(())
}

/// Tab-separated, one occurrence a line, times in the zone asked for.
fn print_table(occurrences: &[Occurrence], zone: chrono_tz::Tz) {
    println!("start\tend\ttitle\ttype\tchannel\tstatus\titem\trepeats");
    let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
    for o in occurrences {
        let (start, end) = match o.when {
            When::Timed { starts_at, ends_at } => (
                starts_at.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string(),
                ends_at.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string(),
            ),
            When::AllDay { start_date, end_date } => (start_date.to_string(), end_date.to_string()),
        };
        println!(
            "{start}\t{end}\t{}\t{}\t{}\t{}\t{}\t{}",
            clean(&o.title),
            o.item_type.as_str(),
            o.channel.as_deref().map(clean).unwrap_or_default(),
            o.status.as_str(),
            o.item_id,
            if o.key.is_some() { "yes" } else { "" }
        );
    }
}
