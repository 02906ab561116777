//! `tandem-cli leads list|search`: the leads list and search, as text or JSON.

use clap::{Subcommand, ValueEnum};
use tandem_core::Store;
use tandem_core::model::{Lead, LeadQuery, LeadSort, LifecycleStage};

#[derive(Subcommand)]
pub enum LeadsCommand {
    /// One page of leads, filtered and sorted.
    List {
        /// subscriber, lead, mql, sql, opportunity, customer or disqualified
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long, value_enum, default_value = "name")]
        sort: Sort,
        /// Sort in descending order.
        #[arg(long)]
        desc: bool,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
    /// Leads whose name, email, company or notes start with the words given, best first.
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Sort {
    Name,
    Created,
    Updated,
    Score,
}

pub async fn run(store: &Store, command: LeadsCommand) -> Result<(), String> {
    match command {
        LeadsCommand::List { stage, owner, tag, sort, desc, limit, offset, json } => {
            let stage = stage.as_deref().map(LifecycleStage::parse).transpose().map_err(|e| e.to_string())?;
            let query = LeadQuery {
                search: None,
                stage,
                owner,
                tag,
                sort: match sort {
                    Sort::Name => LeadSort::Name,
                    Sort::Created => LeadSort::Created,
                    Sort::Updated => LeadSort::Updated,
                    Sort::Score => LeadSort::Score,
                },
                descending: desc,
                offset,
                limit,
            };
            store.bring_up_to_date(chrono::Utc::now()).await.map_err(|e| e.to_string())?;
            let page = store.list_leads(&query).await.map_err(|e| e.to_string())?;
            if json {
                print_json(&page)
            } else {
                print_table(&page.leads);
                println!("{} of {} leads (from {})", page.leads.len(), page.total, page.offset + 1);
                Ok(())
            }
        }
        LeadsCommand::Search { query, limit, json } => {
            let leads = store.search_leads(&query, limit).await.map_err(|e| e.to_string())?;
            if json {
                print_json(&leads)
            } else {
                print_table(&leads);
                println!("{} leads match {query:?}", leads.len());
                Ok(())
            }
        }
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

/// Tab-separated, one lead a line: easy to read and to cut.
fn print_table(leads: &[Lead]) {
    println!("id\tname\temail\tcompany\tstage\towner\tscore");
    for l in leads {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            l.id,
            one_line(&l.name),
            l.email.as_deref().unwrap_or(""),
            one_line(l.company.as_deref().unwrap_or("")),
            l.lifecycle_stage.as_str(),
            one_line(l.owner.as_deref().unwrap_or("")),
            l.score
        );
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}
