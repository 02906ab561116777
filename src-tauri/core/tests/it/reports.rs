//! Reports over a real workspace: their numbers equal the board's, filters narrow them, and bad
//! filters are refused by name.

use tandem_core::demo::{Scale, generate};
use tandem_core::model::BoardFilter;
use tandem_core::report::{Cell, ReportFilter, ReportName};

use crate::{at, workspace};

#[tokio::test]
async fn the_pipeline_report_equals_the_board_stage_by_stage() {
    let (store, _dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 1, at(27, 12))).await.unwrap();
    let board = store.board(None, &BoardFilter::default(), 50, at(27, 12)).await.unwrap();
    let pipeline = store.pipelines().await.unwrap().into_iter().find(|p| p.id == board.pipeline_id).unwrap();
    let filter = ReportFilter { pipeline: Some(pipeline.name.to_uppercase()), ..Default::default() };
    let report = store.report(ReportName::Pipeline, &filter).await.unwrap();
    let rows = &report.tables[0].rows;
    let mut compared = 0;
    for column in &board.columns {
        for (value, weighted) in column.totals.value.iter().zip(&column.totals.weighted) {
            let row = rows
                .iter()
                .find(|r| {
                    r[1] == Cell::Text(column.stage.name.clone())
                        && matches!(&r[3], Cell::Money { currency, .. } if *currency == value.currency)
                })
                .unwrap_or_else(|| panic!("no row for {} {}", column.stage.name, value.currency));
            assert_eq!(row[3], Cell::Money { minor: value.minor, currency: value.currency.clone() });
            assert_eq!(row[4], Cell::Money { minor: weighted.minor, currency: weighted.currency.clone() });
            compared += 1;
        }
    }
    assert!(compared >= 3, "the demo's board has several stages with deals");
    let counted: i64 = rows.iter().map(|r| if let Cell::Count(n) = r[2] { n } else { 0 }).sum();
    assert_eq!(counted, board.columns.iter().map(|c| i64::from(c.totals.count)).sum::<i64>());

    let unknown = ReportFilter { pipeline: Some("Nope".into()), ..Default::default() };
    assert_eq!(store.report(ReportName::Forecast, &unknown).await.unwrap_err().field(), Some("pipeline"));
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d);
    let backwards = ReportFilter { from: day(5), to: day(1), ..Default::default() };
    assert_eq!(store.report(ReportName::Forecast, &backwards).await.unwrap_err().field(), Some("to"));
}

#[tokio::test]
async fn user_text_in_a_csv_export_comes_back_as_literal_text() {
    use tandem_core::model::{DealInput, StageInput};
    let (store, _dir) = workspace().await;
    let stage = StageInput { name: "=1+1".into(), probability: 25, rotting_days: None };
    let pipeline = store.create_pipeline("Sales", &[stage], at(1, 8)).await.unwrap();
    let lead = store.create_lead(&crate::lead("Ana"), at(1, 9)).await.unwrap();
    let deal = DealInput {
        title: "Oven".into(),
        lead_id: lead.id,
        value_minor: 123_456,
        currency: "EUR".into(),
        owner: Some("@SUM(A1:A9)".into()),
        pipeline_id: pipeline.id.clone(),
        stage_id: pipeline.stages[0].id.clone(),
        ..Default::default()
    };
    store.create_deal(&deal, at(2, 9)).await.unwrap();
    let report = store.report(ReportName::Pipeline, &ReportFilter::default()).await.unwrap();
    let read = |i: usize| {
        let bytes = tandem_core::report::csv::table(&report.tables[i], false);
        csv::Reader::from_reader(bytes.as_slice()).records().map(Result::unwrap).collect::<Vec<_>>()
    };
    let by_stage = read(0);
    assert_eq!(by_stage[0].iter().collect::<Vec<_>>(), ["Sales", "'=1+1", "1", "1234.56", "308.64", "EUR"]);
    let by_owner = read(1);
    assert_eq!(&by_owner[0][0], "'@SUM(A1:A9)");
}

#[tokio::test]
async fn win_loss_counts_the_deals_closed_in_the_period_with_their_reasons() {
    use tandem_core::model::{DealInput, StageInput, StatusChange};
    let (store, _dir) = workspace().await;
    let stage = StageInput { name: "Proposal".into(), probability: 50, rotting_days: None };
    let pipeline = store.create_pipeline("Sales", &[stage], at(1, 8)).await.unwrap();
    store.add_lost_reason("Price", at(1, 8)).await.unwrap();
    let reason = "Price".to_owned();
    let lead = store.create_lead(&crate::lead("Ana"), at(1, 9)).await.unwrap();
    let deal = |title: &str, value| DealInput {
        title: title.into(),
        lead_id: lead.id.clone(),
        value_minor: value,
        currency: "EUR".into(),
        pipeline_id: pipeline.id.clone(),
        stage_id: pipeline.stages[0].id.clone(),
        ..Default::default()
    };
    let a = store.create_deal(&deal("Oven", 80_000), at(2, 9)).await.unwrap();
    let b = store.create_deal(&deal("Van", 10_000), at(2, 9)).await.unwrap();
    store.create_deal(&deal("Still open", 5_000), at(2, 9)).await.unwrap();
    store.set_deal_status(&a.id, &StatusChange::Won, at(12, 9)).await.unwrap();
    store.set_deal_status(&b.id, &StatusChange::Lost { reason: reason.clone() }, at(13, 9)).await.unwrap();

    let november = ReportFilter {
        from: chrono::NaiveDate::from_ymd_opt(2026, 11, 1),
        to: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
        ..Default::default()
    };
    let r = store.report(ReportName::WinLoss, &november).await.unwrap();
    assert_eq!(r.tables[0].rows[0], vec![Cell::Count(1), Cell::Count(1), Cell::Number(50.0), Cell::Number(10.0)]);
    assert_eq!(r.tables[1].rows[0], vec![Cell::Count(1), Cell::Money { minor: 80_000, currency: "EUR".into() }]);
    assert_eq!(r.tables[2].rows, vec![vec![Cell::Text(reason), Cell::Count(1)]]);
    let december = ReportFilter { from: november.to, to: None, ..Default::default() };
    assert_eq!(store.report(ReportName::WinLoss, &december).await.unwrap().tables[0].rows[0][0], Cell::Count(0));
}
