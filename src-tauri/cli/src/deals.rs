//! `tandem-cli deals …`: deals by pipeline, stage and status.

use clap::Subcommand;
use tandem_core::Store;
use tandem_core::model::{Amount, Deal, DealStatus};
use tandem_core::store::DealFilter;

#[derive(Subcommand)]
pub enum DealsCommand {
    /// Deals, newest first.
    List {
        /// A pipeline's name or id.
        #[arg(long)]
        pipeline: Option<String>,
        /// A stage's name or id.
        #[arg(long)]
        stage: Option<String>,
        /// open, won or lost.
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(store: &Store, command: DealsCommand) -> Result<(), String> {
    let DealsCommand::List { pipeline, stage, status, limit, offset, json } = command;
    let status = status.as_deref().map(DealStatus::parse).transpose().map_err(|e| e.to_string())?;
    let filter = DealFilter { pipeline, stage, status, limit, offset };
    let deals = store.list_deals(&filter).await.map_err(|e| e.to_string())?;
    if json {
        let text = serde_json::to_string_pretty(&deals).map_err(|e| e.to_string())?;
        println!("{text}");
        return Ok(());
    }
    print_table(&deals);
    println!("{} deals", deals.len());
    Ok(())
}

/// Tab-separated, one deal a line.
fn print_table(deals: &[Deal]) {
    println!("id\ttitle\tlead\tvalue\tpipeline\tstage\tstatus\texpected close");
    let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
    for d in deals {
        let value = Amount { currency: d.currency.clone(), minor: d.value_minor };
        println!(
            "{}\t{}\t{}\t{value}\t{}\t{}\t{}\t{}",
            d.id,
            clean(&d.title),
            clean(&d.lead_name),
            clean(&d.pipeline),
            clean(&d.stage),
            d.status.as_str(),
            d.expected_close.map(|c| c.to_string()).unwrap_or_default()
        );
    }
}
