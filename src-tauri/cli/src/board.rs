//! `tandem-cli board`: each column's count, value and weighted value, from the same core call the
//! app's board makes.

use chrono::Utc;
use serde::Serialize;
use tandem_core::Store;
use tandem_core::model::{Amount, BoardFilter, Totals};

#[derive(Serialize)]
struct ColumnSummary<'a> {
    stage: &'a str,
    probability: u8,
    totals: &'a Totals,
}

#[derive(Serialize)]
struct BoardSummary<'a> {
    pipeline: &'a str,
    columns: Vec<ColumnSummary<'a>>,
    totals: &'a Totals,
}

pub async fn run(store: &Store, pipeline: Option<String>, json: bool) -> Result<(), String> {
    let board =
        store.board(pipeline.as_deref(), &BoardFilter::default(), 0, Utc::now()).await.map_err(|e| e.to_string())?;
    let summary = BoardSummary {
        pipeline: &board.pipeline_name,
        columns: board
            .columns
            .iter()
            .map(|c| ColumnSummary { stage: &c.stage.name, probability: c.stage.probability, totals: &c.totals })
            .collect(),
        totals: &board.totals,
    };
    if json {
        let text = serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?;
        println!("{text}");
        return Ok(());
    }
    println!("{}", summary.pipeline);
    println!("stage\tprobability\tdeals\tvalue\tweighted");
    for c in &summary.columns {
        println!(
            "{}\t{}%\t{}\t{}\t{}",
            c.stage.replace(['\t', '\n', '\r'], " "),
            c.probability,
            c.totals.count,
            amounts(&c.totals.value),
            amounts(&c.totals.weighted)
        );
    }
    let t = summary.totals;
    println!("total\t\t{}\t{}\t{}", t.count, amounts(&t.value), amounts(&t.weighted));
    Ok(())
}

/// `0` for none; several currencies joined with ` + ` (never added together).
fn amounts(list: &[Amount]) -> String {
    if list.is_empty() {
        return "0".into();
    }
    list.iter().map(Amount::to_string).collect::<Vec<_>>().join(" + ")
}
