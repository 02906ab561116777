//! `attribution`: which campaigns brought the leads and the deals, under one model.

use tandem_core::Store;
use tandem_core::model::attribution::Model;
use tandem_core::model::deal::Amount;
use tandem_core::model::text;

pub async fn run(
    store: &Store,
    model: &str,
    from: Option<String>,
    to: Option<String>,
    json: bool,
) -> Result<(), String> {
    let model = Model::parse(model).map_err(|e| e.to_string())?;
    let from = text::date("from", from.as_deref()).map_err(|e| e.to_string())?;
    let to = text::date("to", to.as_deref()).map_err(|e| e.to_string())?;
    let result = store.attribution(model, from, to).await.map_err(|e| e.to_string())?;
    if json {
        let text = serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?;
        println!("{text}");
        return Ok(());
    }
    let amounts = |list: &[Amount]| {
        if list.is_empty() {
            "0".to_owned()
        } else {
            list.iter().map(Amount::to_string).collect::<Vec<_>>().join(" + ")
        }
    };
    println!("campaign\tleads\tdeals\tpipeline\twon");
    for c in &result.campaigns {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            c.campaign.replace(['\t', '\n', '\r'], " "),
            c.leads,
            c.deals,
            amounts(&c.pipeline),
            amounts(&c.won)
        );
    }
    println!("(no campaign)\t{}\t{}\t\t", result.unattributed_leads, result.unattributed_deals);
    Ok(())
}
