//! `tandem-cli calendar …`: the occurrences in a range of days, series expanded.

use clap::Subcommand;
use tandem_core::Store;
use tandem_core::model::{CalendarRange, Occurrence, When};

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
}

pub async fn run(store: &Store, command: CalendarCommand) -> Result<(), String> {
    let CalendarCommand::List { from, to, tz, json } = command;
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
