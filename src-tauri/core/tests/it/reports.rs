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
    let report = store.report(ReportName::Pipeline, &filter, at(28, 12)).await.unwrap();
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
    assert_eq!(store.report(ReportName::Forecast, &unknown, at(28, 12)).await.unwrap_err().field(), Some("pipeline"));
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d);
    let backwards = ReportFilter { from: day(5), to: day(1), ..Default::default() };
    assert_eq!(store.report(ReportName::Forecast, &backwards, at(28, 12)).await.unwrap_err().field(), Some("to"));
}

/// A workspace's one open deal, in a pipeline and stage named as given (user text, as typed).
async fn one_deal(
    store: &tandem_core::Store,
    (pipeline, stage): (&str, &str),
    value: i64,
    currency: &str,
    owner: &str,
) {
    use tandem_core::model::{DealInput, StageInput};
    let stage = StageInput { name: stage.into(), probability: 25, rotting_days: None };
    let pipeline = store.create_pipeline(pipeline, &[stage], at(1, 8)).await.unwrap();
    let lead = store.create_lead(&crate::lead("Ana"), at(1, 9)).await.unwrap();
    let deal = DealInput {
        title: "Oven".into(),
        lead_id: lead.id,
        value_minor: value,
        currency: currency.into(),
        owner: Some(owner.into()),
        pipeline_id: pipeline.id.clone(),
        stage_id: pipeline.stages[0].id.clone(),
        ..Default::default()
    };
    store.create_deal(&deal, at(2, 9)).await.unwrap();
}

#[tokio::test]
async fn user_text_in_a_csv_export_comes_back_as_literal_text() {
    let (store, _dir) = workspace().await;
    one_deal(&store, ("Sales", "=1+1"), 123_456, "EUR", "@SUM(A1:A9)").await;
    let report = store.report(ReportName::Pipeline, &ReportFilter::default(), at(28, 12)).await.unwrap();
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
    let r = store.report(ReportName::WinLoss, &november, at(28, 12)).await.unwrap();
    assert_eq!(r.tables[0].rows[0], vec![Cell::Count(1), Cell::Count(1), Cell::Number(50.0), Cell::Number(10.0)]);
    assert_eq!(r.tables[1].rows[0], vec![Cell::Count(1), Cell::Money { minor: 80_000, currency: "EUR".into() }]);
    assert_eq!(r.tables[2].rows, vec![vec![Cell::Text(reason), Cell::Count(1)]]);
    let december = ReportFilter { from: november.to, to: None, ..Default::default() };
    assert_eq!(
        store.report(ReportName::WinLoss, &december, at(28, 12)).await.unwrap().tables[0].rows[0][0],
        Cell::Count(0)
    );
}

fn november() -> ReportFilter {
    ReportFilter {
        from: chrono::NaiveDate::from_ymd_opt(2026, 11, 1),
        to: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
        ..Default::default()
    }
}

fn numbers(report: &tandem_core::report::Report, column: usize) -> Vec<Cell> {
    report.tables[0].rows.iter().map(|r| r[column].clone()).collect()
}

#[tokio::test]
async fn the_funnel_and_campaign_performance_count_how_far_each_campaigns_leads_got() {
    use chrono::TimeZone;
    use tandem_core::model::attribution::Model;
    use tandem_core::model::lead::LifecycleStage;
    use tandem_core::model::lead_record::TouchpointInput;
    use tandem_core::model::{CampaignInput, DealInput, LeadInput, StageInput, StatusChange};
    let (store, _dir) = workspace().await;
    let stage = StageInput { name: "Proposal".into(), probability: 50, rotting_days: None };
    let pipeline = store.create_pipeline("Sales", &[stage], at(1, 8)).await.unwrap();
    let campaign = |name: &str, code: &str, spend| CampaignInput {
        name: name.into(),
        code: Some(code.into()),
        currency: "EUR".into(),
        spend_minor: spend,
        start_date: Some("2026-10-01".into()),
        end_date: Some("2026-12-31".into()),
        ..Default::default()
    };
    let fair = store.create_campaign(&campaign("Fair", "FAIR", 10_000), at(1, 8)).await.unwrap();
    let webinar = store.create_campaign(&campaign("Webinar", "WEB", 0), at(1, 8)).await.unwrap();
    let touch = |lead_id: &str, campaign: &str| TouchpointInput {
        lead_id: lead_id.into(),
        campaign_id: Some(campaign.into()),
        kind: "form_fill".into(),
        occurred_at: Some("2026-11-02T10:00:00Z".into()),
        notes: None,
    };
    let person = |name: &str, owner: &str, stage| LeadInput {
        owner: Some(owner.into()),
        lifecycle_stage: Some(stage),
        ..crate::lead(name)
    };
    // Ana (Sam's, from the fair): MQL, SQL, then a won deal of 1,000.00 makes her a customer.
    let ana = store.create_lead(&person("Ana", "Sam", LifecycleStage::Lead), at(2, 9)).await.unwrap();
    store.add_touchpoint(&touch(&ana.id, &fair.id), at(2, 10)).await.unwrap();
    store.update_lead(&ana.id, &person("Ana", "Sam", LifecycleStage::Mql), at(3, 9)).await.unwrap();
    store.update_lead(&ana.id, &person("Ana", "Sam", LifecycleStage::Sql), at(4, 9)).await.unwrap();
    let deal = DealInput {
        title: "Oven".into(),
        lead_id: ana.id.clone(),
        value_minor: 100_000,
        currency: "EUR".into(),
        pipeline_id: pipeline.id.clone(),
        stage_id: pipeline.stages[0].id.clone(),
        ..Default::default()
    };
    let deal = store.create_deal(&deal, at(5, 9)).await.unwrap();
    store.set_deal_status(&deal.id, &StatusChange::Won, at(6, 9)).await.unwrap();
    // Bo (Rita's, from the webinar): an MQL, then disqualified: he still got as far as MQL.
    let bo = store.create_lead(&person("Bo", "Rita", LifecycleStage::Mql), at(2, 9)).await.unwrap();
    store.add_touchpoint(&touch(&bo.id, &webinar.id), at(2, 10)).await.unwrap();
    store.update_lead(&bo.id, &person("Bo", "Rita", LifecycleStage::Disqualified), at(7, 9)).await.unwrap();
    // Cy: no campaign. Dee: created in October, outside the period.
    store.create_lead(&person("Cy", "Sam", LifecycleStage::Lead), at(8, 9)).await.unwrap();
    let october = chrono::Utc.with_ymd_and_hms(2026, 10, 20, 9, 0, 0).unwrap();
    store.create_lead(&person("Dee", "Sam", LifecycleStage::Customer), october).await.unwrap();

    let n = Cell::Number;
    let funnel = store.report(ReportName::Funnel, &november(), at(28, 12)).await.unwrap();
    assert_eq!(numbers(&funnel, 1), [n(3.0), n(3.0), n(2.0), n(1.0), n(1.0), n(1.0)]);
    assert_eq!(numbers(&funnel, 2)[1], n(66.7), "two of three leads became MQLs");
    let fair_only = ReportFilter { campaign: Some("fair".into()), ..november() };
    let funnel = store.report(ReportName::Funnel, &fair_only, at(28, 12)).await.unwrap();
    assert_eq!(numbers(&funnel, 1), vec![n(1.0); 6]);
    assert!(funnel.filters.contains(&"Campaign: Fair".to_owned()), "{:?}", funnel.filters);
    let rita = ReportFilter { owner: Some("Rita".into()), ..november() };
    let funnel = store.report(ReportName::Funnel, &rita, at(28, 12)).await.unwrap();
    assert_eq!(numbers(&funnel, 1), [n(1.0), n(1.0), n(1.0), n(0.0), n(0.0), n(0.0)]);

    let r = store.report(ReportName::CampaignPerformance, &november(), at(28, 12)).await.unwrap();
    let row = |name: &str| r.tables[0].rows.iter().find(|row| row[0] == Cell::Text(name.into())).unwrap().clone();
    let eur = |minor| Cell::Money { minor, currency: "EUR".into() };
    assert_eq!(
        row("Fair"),
        vec![
            Cell::Text("Fair".into()),
            eur(10_000),
            n(1.0),
            n(1.0),
            n(1.0),
            n(1.0),
            eur(0),
            eur(100_000),
            eur(10_000),
            n(10.0)
        ]
    );
    assert_eq!(row("Webinar")[2..5], [n(1.0), n(1.0), n(0.0)]);
    assert_eq!(row("(no campaign)")[2], n(1.0), "Cy");
    // The same credit the campaign pages and attribution show.
    let attribution = store.attribution(Model::First, november().from, november().to).await.unwrap();
    let fair_credit = attribution.campaigns.iter().find(|c| c.campaign == "Fair").unwrap();
    assert_eq!(row("Fair")[2], n(fair_credit.leads));
    assert_eq!(row("Fair")[7], eur(fair_credit.won[0].minor));
    // Moving Bo back to MQL by hand leaves what he reached: still no SQL for the webinar.
    store.update_lead(&bo.id, &person("Bo", "Rita", LifecycleStage::Mql), at(9, 9)).await.unwrap();
    let by_code = ReportFilter { campaign: Some("WEB".into()), ..november() };
    let r = store.report(ReportName::CampaignPerformance, &by_code, at(28, 12)).await.unwrap();
    assert_eq!(r.tables[0].rows.len(), 1, "only the webinar");
    assert_eq!(r.tables[0].rows[0][2..5], [n(1.0), n(1.0), n(0.0)]);
}

#[tokio::test]
async fn a_campaign_filter_names_one_campaign_or_says_why_not() {
    use tandem_core::model::CampaignInput;
    let (store, _dir) = workspace().await;
    let campaign = |code: &str| CampaignInput {
        name: "Spring".into(),
        code: Some(code.into()),
        currency: "EUR".into(),
        ..Default::default()
    };
    store.create_campaign(&campaign("SPR-A"), at(1, 8)).await.unwrap();
    store.create_campaign(&campaign("SPR-B"), at(1, 8)).await.unwrap();
    let with = |c: &str| ReportFilter { campaign: Some(c.into()), ..Default::default() };
    let err = store.report(ReportName::Funnel, &with("spring"), at(28, 12)).await.unwrap_err();
    assert_eq!(err.field(), Some("campaign"));
    assert!(err.to_string().contains("SPR-A, SPR-B"), "{err}");
    let err = store.report(ReportName::Funnel, &with("Autumn"), at(28, 12)).await.unwrap_err();
    assert_eq!(err.to_string(), "campaign: no campaign is named or coded \"Autumn\"");
    store.report(ReportName::Funnel, &with("spr-b"), at(28, 12)).await.unwrap();
}

#[tokio::test]
async fn velocity_averages_the_days_deals_spent_in_each_stage() {
    use tandem_core::model::{DealInput, StageInput, StatusChange};
    use tandem_core::store::DealMove;
    let (store, _dir) = workspace().await;
    let stage = |name: &str| StageInput { name: name.into(), probability: 50, rotting_days: None };
    let pipeline = store.create_pipeline("Sales", &[stage("Qualified"), stage("Proposal")], at(1, 8)).await.unwrap();
    let lead = store.create_lead(&crate::lead("Ana"), at(1, 9)).await.unwrap();
    let deal = DealInput {
        title: "Oven".into(),
        lead_id: lead.id.clone(),
        value_minor: 1_000,
        currency: "EUR".into(),
        pipeline_id: pipeline.id.clone(),
        stage_id: pipeline.stages[0].id.clone(),
        ..Default::default()
    };
    // 2 days qualified, then 5 in proposal until won; another still qualified after 8 days.
    let won = store.create_deal(&deal, at(2, 9)).await.unwrap();
    let to_proposal = DealMove { stage_id: pipeline.stages[1].id.clone(), after: None };
    store.move_deal(&won.id, &to_proposal, at(4, 9)).await.unwrap();
    store.set_deal_status(&won.id, &StatusChange::Won, at(9, 9)).await.unwrap();
    store.create_deal(&deal, at(20, 9)).await.unwrap();

    let r = store.report(ReportName::Velocity, &november(), at(28, 9)).await.unwrap();
    let rows = &r.tables[0].rows;
    assert_eq!(
        rows[0][1..],
        [Cell::Text("Qualified".into()), Cell::Count(1), Cell::Number(2.0), Cell::Count(1), Cell::Number(8.0)]
    );
    assert_eq!(
        rows[1][1..],
        [Cell::Text("Proposal".into()), Cell::Count(1), Cell::Number(5.0), Cell::Count(0), Cell::Empty]
    );
    let december = ReportFilter { from: november().to, to: None, ..Default::default() };
    let r = store.report(ReportName::Velocity, &december, at(28, 9)).await.unwrap();
    assert_eq!(r.tables[0].rows[0][2], Cell::Count(0), "no stay ended in December");
    // Reopened, the stay in proposal goes on; lost on the 12th, it lasted 8 days.
    store.set_deal_status(&won.id, &StatusChange::Open, at(10, 9)).await.unwrap();
    let r = store.report(ReportName::Velocity, &november(), at(28, 9)).await.unwrap();
    assert_eq!(r.tables[0].rows[1][2..5], [Cell::Count(0), Cell::Empty, Cell::Count(1)]);
    store.add_lost_reason("Price", at(1, 8)).await.unwrap();
    store.set_deal_status(&won.id, &StatusChange::Lost { reason: "Price".into() }, at(12, 9)).await.unwrap();
    let r = store.report(ReportName::Velocity, &november(), at(28, 9)).await.unwrap();
    assert_eq!(r.tables[0].rows[1][2..4], [Cell::Count(1), Cell::Number(8.0)]);
}

#[tokio::test]
async fn activity_counts_done_overdue_and_to_do_per_owner_and_type() {
    use tandem_core::model::activity::ActivityInput;
    let (store, _dir) = workspace().await;
    let lead = store.create_lead(&crate::lead("Ana"), at(1, 9)).await.unwrap();
    let activity = |kind: &str, owner: Option<&str>, due: &str| ActivityInput {
        kind: kind.into(),
        subject: "Follow up".into(),
        lead_id: lead.id.clone(),
        owner: owner.map(str::to_owned),
        due_at: Some(due.into()),
        ..Default::default()
    };
    let done = store.add_activity(&activity("call", Some("Sam"), "2026-11-10T09:00:00Z"), at(1, 9)).await.unwrap();
    store.complete_activity(&done.id, at(10, 10)).await.unwrap();
    store.add_activity(&activity("call", Some("Sam"), "2026-11-20T09:00:00Z"), at(1, 9)).await.unwrap();
    store.add_activity(&activity("call", Some("Sam"), "2026-11-30T09:00:00Z"), at(1, 9)).await.unwrap();
    store.add_activity(&activity("task", None, "2026-11-21T09:00:00Z"), at(1, 9)).await.unwrap();
    store.add_activity(&activity("task", None, "2026-12-02T09:00:00Z"), at(1, 9)).await.unwrap();

    let r = store.report(ReportName::Activity, &november(), at(28, 9)).await.unwrap();
    let c = Cell::Count;
    let text = |s: &str| Cell::Text(s.into());
    assert_eq!(
        r.tables[0].rows,
        vec![
            vec![text("Sam"), text("Call"), c(3), c(1), c(1), c(1)],
            vec![text("(no owner)"), text("Task"), c(1), c(0), c(1), c(0)],
        ]
    );
    let sam = ReportFilter { owner: Some("Sam".into()), ..november() };
    assert_eq!(store.report(ReportName::Activity, &sam, at(28, 9)).await.unwrap().tables[1].rows.len(), 1);

    // Today (the 28th, 09:00): due at 08:00 is overdue, due at 11:00 not yet. Moving one call to
    // December takes it out of November; the counts are kept by triggers, so they follow.
    store.add_activity(&activity("email", Some("Sam"), "2026-11-28T08:00:00Z"), at(1, 9)).await.unwrap();
    store.add_activity(&activity("email", Some("Sam"), "2026-11-28T11:00:00Z"), at(1, 9)).await.unwrap();
    let late = store.add_activity(&activity("call", Some("Sam"), "2026-11-25T09:00:00Z"), at(1, 9)).await.unwrap();
    store.reschedule_activity(&late.id, "2026-12-05T09:00:00Z", at(28, 8)).await.unwrap();
    let r = store.report(ReportName::Activity, &november(), at(28, 9)).await.unwrap();
    assert_eq!(
        r.tables[0].rows,
        vec![
            vec![text("Sam"), text("Call"), c(3), c(1), c(1), c(1)],
            vec![text("Sam"), text("Email"), c(2), c(0), c(1), c(1)],
            vec![text("(no owner)"), text("Task"), c(1), c(0), c(1), c(0)],
        ]
    );
    // An hour later, the 11:00 email is overdue too.
    let r = store.report(ReportName::Activity, &november(), at(28, 12)).await.unwrap();
    assert_eq!(r.tables[0].rows[1], vec![text("Sam"), text("Email"), c(2), c(0), c(2), c(0)]);
}

#[tokio::test]
async fn marketing_output_counts_one_off_items_and_each_occurrence_of_a_series_by_week() {
    use tandem_core::model::calendar::{CalendarItemInput, ItemStatus};
    let (store, _dir) = workspace().await;
    let newsletter = CalendarItemInput {
        title: "Newsletter".into(),
        item_type: "email".into(),
        channel: Some("Email".into()),
        all_day: true,
        start_date: Some("2026-11-11".into()),
        status: Some(ItemStatus::Published),
        ..Default::default()
    };
    store.create_calendar_item(&newsletter, at(1, 9)).await.unwrap();
    // Mondays 23 and 30 November, and 7 December (outside the period).
    let weekly = CalendarItemInput {
        title: "Tip of the week".into(),
        item_type: "social_post".into(),
        channel: Some("Social".into()),
        starts_at: Some("2026-11-23T09:00:00Z".into()),
        ends_at: Some("2026-11-23T09:30:00Z".into()),
        rrule: Some("FREQ=WEEKLY;BYDAY=MO;COUNT=3".into()),
        status: Some(ItemStatus::Scheduled),
        ..Default::default()
    };
    store.create_calendar_item(&weekly, at(1, 9)).await.unwrap();

    let r = store.report(ReportName::MarketingOutput, &november(), at(28, 9)).await.unwrap();
    let week = |d: &str| Cell::Date(d.into());
    let c = Cell::Count;
    // Idea, Draft, Scheduled, Published, Cancelled, Total.
    assert_eq!(
        r.tables[1].rows,
        vec![
            vec![week("2026-11-09"), c(0), c(0), c(0), c(1), c(0), c(1)],
            vec![week("2026-11-23"), c(0), c(0), c(1), c(0), c(0), c(1)],
            vec![week("2026-11-30"), c(0), c(0), c(1), c(0), c(0), c(1)],
        ]
    );
    assert_eq!(r.tables[0].rows[0][1], Cell::Text("Email".into()));
}

#[tokio::test]
async fn every_report_runs_on_the_demo_and_the_deal_reports_follow_a_campaign() {
    let (store, _dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 1, at(27, 12))).await.unwrap();
    for name in ReportName::ALL {
        let r = store.report(name, &ReportFilter::default(), at(27, 12)).await.unwrap();
        assert!(r.tables.iter().any(|t| !t.rows.is_empty()), "{} is empty on the demo", name.as_str());
        let chart = r.chart.as_ref().unwrap();
        assert!(chart.series.iter().chain(&chart.label).all(|c| *c < r.tables[chart.table].columns.len()));
    }
    let all = store.report(ReportName::Pipeline, &ReportFilter::default(), at(27, 12)).await.unwrap();
    let campaign = store.attribution(Default::default(), None, None).await.unwrap().campaigns[0].campaign_id.clone();
    let one = ReportFilter { campaign: Some(campaign), ..Default::default() };
    let narrowed = store.report(ReportName::Pipeline, &one, at(27, 12)).await.unwrap();
    let count = |r: &tandem_core::report::Report| -> i64 {
        r.tables[0].rows.iter().map(|row| if let Cell::Count(n) = row[2] { n } else { 0 }).sum()
    };
    assert!(0 < count(&narrowed) && count(&narrowed) < count(&all), "{} of {}", count(&narrowed), count(&all));
}

/// Every sheet of a workbook, as calamine (an independent reader) reads it.
fn read_xlsx(bytes: Vec<u8>) -> Vec<(String, calamine::Range<calamine::Data>)> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    book.worksheets()
}

/// What a report cell must read back as from its spreadsheet cell.
fn same_cell(cell: &Cell, read: &calamine::Data) -> bool {
    use calamine::{Data, DataType};
    match cell {
        Cell::Text(t) => *read == Data::String(t.clone()),
        Cell::Count(n) => read.as_f64() == Some(*n as f64),
        Cell::Number(x) => read.as_f64() == Some(*x),
        Cell::Money { minor, currency } => {
            read.as_f64() == Some(tandem_core::model::Amount { minor: *minor, currency: currency.clone() }.major())
        }
        Cell::Date(d) => read.as_date().map(|d| d.to_string()).as_deref() == Some(d.as_str()),
        Cell::Month(m) => read.as_date().map(|d| d.format("%Y-%m").to_string()).as_deref() == Some(m.as_str()),
        Cell::Empty => *read == Data::Empty,
    }
}

#[tokio::test]
async fn every_report_as_xlsx_reads_back_cell_for_cell_with_its_types() {
    let (store, _dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 1, at(27, 12))).await.unwrap();
    let mut reports = Vec::new();
    for name in ReportName::ALL {
        let report = store.report(name, &ReportFilter::default(), at(27, 12)).await.unwrap();
        let sheets = read_xlsx(tandem_core::report::xlsx::report(&report, at(27, 12)).unwrap());
        assert_eq!(sheets.len(), report.tables.len() + 1, "{}: a sheet per table and About", name.as_str());
        for (table, (sheet, range)) in report.tables.iter().zip(&sheets) {
            assert!(table.title.starts_with(sheet.as_str()), "{sheet} for {}", table.title);
            let rows: Vec<&[calamine::Data]> = range.rows().collect();
            let header: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
            assert_eq!(header[..table.columns.len()], table.columns[..]);
            assert_eq!(rows.len(), table.rows.len() + 1, "{sheet}");
            for (cells, read) in table.rows.iter().zip(&rows[1..]) {
                for (cell, read) in cells.iter().zip(read.iter()) {
                    assert!(same_cell(cell, read), "{sheet}: {cell:?} read back as {read:?}");
                }
            }
        }
        assert_eq!(sheets.last().unwrap().0, "About");
        reports.push(report);
    }
    // A pack: one sheet per report, each beginning with its title.
    let sheets = read_xlsx(tandem_core::report::xlsx::pack(&reports, at(27, 12)).unwrap());
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, reports.iter().map(|r| r.title.replace('/', "-")).collect::<Vec<_>>());
    for ((_, range), report) in sheets.iter().zip(&reports) {
        assert_eq!(range.get((0, 0)), Some(&calamine::Data::String(report.title.clone())));
    }
}

#[tokio::test]
async fn user_text_in_an_xlsx_export_is_text_never_a_formula() {
    let (store, _dir) = workspace().await;
    one_deal(&store, ("+Sales", "=HYPERLINK(\"http://x\")"), 300, "JPY", "@SUM(A1:A9)").await;
    let report = store.report(ReportName::Pipeline, &ReportFilter::default(), at(28, 12)).await.unwrap();
    let bytes = tandem_core::report::xlsx::report(&report, at(28, 12)).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    let formulas = book.worksheet_formula("Open deals by stage").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell holds a formula");
    let values = book.worksheet_range("Open deals by stage").unwrap();
    assert_eq!(values.get((1, 0)), Some(&calamine::Data::String("+Sales".into())));
    assert_eq!(values.get((1, 1)), Some(&calamine::Data::String("=HYPERLINK(\"http://x\")".into())));
    assert_eq!(values.get((1, 3)).and_then(calamine::DataType::as_f64), Some(300.0), "yen have no minor unit");
}

/// The activity report sums a daily roll-up kept by triggers: on the demo, after edits of every
/// kind, it equals a count over the activities themselves.
#[tokio::test]
async fn the_activity_roll_up_equals_counting_every_activity() {
    let (store, dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 1, at(27, 12))).await.unwrap();
    let db = dir.path().join("test.tandem");
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display())).await.unwrap();
    // Edits behind the store's back, as a sync or an older version might make them.
    sqlx::query("UPDATE activities SET owner = 'Zoe' WHERE rowid % 7 = 0").execute(&mut conn).await.unwrap();
    sqlx::query("UPDATE activities SET deleted_at = '2026-11-27T12:00:00Z' WHERE rowid % 11 = 0")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("UPDATE activities SET done_at = NULL WHERE rowid % 5 = 0").execute(&mut conn).await.unwrap();
    sqlx::query("DELETE FROM activities WHERE rowid % 13 = 0").execute(&mut conn).await.unwrap();
    let now = at(27, 12);
    let counted: Vec<(Option<String>, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT owner, kind, count(*), count(done_at), sum(done_at IS NULL AND due_at < ?1) FROM activities
         WHERE deleted_at IS NULL AND coalesce(due_at, done_at, '0000') >= '2026-01-01'
           AND coalesce(due_at, done_at, '0000') < '2027-01-01'
         GROUP BY owner, kind ORDER BY owner IS NULL, owner, kind",
    )
    .bind(tandem_core::model::time::to_db(now))
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let year = ReportFilter {
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        to: chrono::NaiveDate::from_ymd_opt(2027, 1, 1),
        ..Default::default()
    };
    let report = store.report(ReportName::Activity, &year, now).await.unwrap();
    assert!(counted.len() > 5, "the demo has activities of several owners and kinds");
    assert_eq!(report.tables[0].rows.len(), counted.len());
    for (row, (owner, _, total, done, overdue)) in report.tables[0].rows.iter().zip(&counted) {
        assert_eq!(row[0], Cell::Text(owner.clone().unwrap_or_else(|| "(no owner)".into())));
        assert_eq!(row[2..5], [Cell::Count(*total), Cell::Count(*done), Cell::Count(*overdue)], "{row:?}");
    }
}
