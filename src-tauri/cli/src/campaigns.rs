//! `tandem-cli campaigns …`: the campaigns list, filtered and sorted as in the app.

use clap::{Subcommand, ValueEnum};
use tandem_core::Store;
use tandem_core::model::{Amount, Campaign, CampaignStatus};
use tandem_core::store::{CampaignQuery, CampaignSort};

#[derive(Subcommand)]
pub enum CampaignsCommand {
    /// Live campaigns, by start date unless sorted otherwise.
    List {
        /// planned, active, completed or cancelled.
        #[arg(long)]
        status: Option<String>,
        /// A channel the campaign uses (any case).
        #[arg(long)]
        channel: Option<String>,
        /// Running on or after this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Running on or before this date (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Include archived campaigns.
        #[arg(long)]
        archived: bool,
        #[arg(long, value_enum, default_value = "start")]
        sort: Sort,
        #[arg(long)]
        desc: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Sort {
    Start,
    Name,
    Status,
    Budget,
}

pub async fn run(store: &Store, command: CampaignsCommand) -> Result<(), String> {
    let CampaignsCommand::List { status, channel, from, to, archived, sort, desc, json } = command;
    let status = status.as_deref().map(CampaignStatus::parse).transpose().map_err(|e| e.to_string())?;
    let sort = match sort {
        Sort::Start => CampaignSort::Start,
        Sort::Name => CampaignSort::Name,
        Sort::Status => CampaignSort::Status,
        Sort::Budget => CampaignSort::Budget,
    };
    let query = CampaignQuery { status, channel, from, to, include_archived: archived, sort, descending: desc };
    let campaigns = store.list_campaigns(&query).await.map_err(|e| e.to_string())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&campaigns).map_err(|e| e.to_string())?);
        return Ok(());
    }
    print_table(&campaigns);
    println!("{} campaigns", campaigns.len());
    Ok(())
}

/// Tab-separated, one campaign a line.
fn print_table(campaigns: &[Campaign]) {
    println!("id\tname\tstatus\tstart\tend\tchannels\tbudget\tspend\tcode");
    let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for c in campaigns {
        let money = |minor| Amount { currency: c.currency.clone(), minor };
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            c.id,
            clean(&c.name),
            c.status.as_str(),
            day(c.start_date),
            day(c.end_date),
            clean(&c.channels.join(", ")),
            money(c.budget_minor),
            money(c.spend_minor),
            c.code.as_deref().unwrap_or_default()
        );
    }
}
