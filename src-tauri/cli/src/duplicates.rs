//! `duplicates`: likely pairs of leads across the workspace.

use tandem_core::Store;
use tandem_core::model::duplicates::DuplicateReason;

pub async fn run(store: &Store, json: bool) -> Result<(), String> {
    let pairs = store.duplicates().await.map_err(|e| e.to_string())?;
    if json {
        let text = serde_json::to_string_pretty(&pairs).map_err(|e| e.to_string())?;
        println!("{text}");
        return Ok(());
    }
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    println!("a\tb\tname a\tname b\tsame");
    for p in &pairs {
        let reasons: Vec<&str> = p
            .reasons
            .iter()
            .map(|r| match r {
                DuplicateReason::Email => "email",
                DuplicateReason::Phone => "phone",
                DuplicateReason::Name => "name at the company",
            })
            .collect();
        println!("{}\t{}\t{}\t{}\t{}", p.a.id, p.b.id, clean(&p.a.name), clean(&p.b.name), reasons.join(", "));
    }
    println!("{} likely pairs", pairs.len());
    Ok(())
}
