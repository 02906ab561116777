//! Attribution over a real workspace: the store reads what the models need, and a campaign's
//! page gets the same numbers as the whole workspace's attribution.

use chrono::NaiveDate;
use tandem_core::model::attribution::Model;
use tandem_core::model::lead_record::TouchpointInput;
use tandem_core::model::{Amount, CampaignInput, DealInput, StageInput, StatusChange};

use crate::{at, lead, workspace};

#[tokio::test]
async fn campaigns_are_credited_under_each_model_and_agree_everywhere() {
    let (store, _dir) = workspace().await;
    let stage = StageInput { name: "Qualified".into(), probability: 20, rotting_days: None };
    let pipeline = store.create_pipeline("Sales", &[stage], at(1, 8)).await.unwrap();
    let campaign = |name: &str| CampaignInput { name: name.into(), currency: "EUR".into(), ..Default::default() };
    let fair = store.create_campaign(&campaign("Fair"), at(1, 8)).await.unwrap();
    let webinar = store.create_campaign(&campaign("Webinar"), at(1, 8)).await.unwrap();
    let touch = |lead_id: &str, campaign: &str, when: &str| TouchpointInput {
        lead_id: lead_id.into(),
        campaign_id: Some(campaign.into()),
        kind: "form_fill".into(),
        occurred_at: Some(when.into()),
        notes: None,
    };
    let deal = |lead_id: &str, value: i64| DealInput {
        title: "Deal".into(),
        lead_id: lead_id.into(),
        value_minor: value,
        currency: "EUR".into(),
        pipeline_id: pipeline.id.clone(),
        stage_id: pipeline.stages[0].id.clone(),
        ..Default::default()
    };

    // Ana: fair, then webinar, then a deal (won, 1,000.00), then fair again.
    let ana = store.create_lead(&lead("Ana"), at(2, 9)).await.unwrap();
    store.add_touchpoint(&touch(&ana.id, &fair.id, "2026-11-02T10:00:00Z"), at(2, 10)).await.unwrap();
    store.add_touchpoint(&touch(&ana.id, &webinar.id, "2026-11-03T10:00:00Z"), at(3, 10)).await.unwrap();
    let won = store.create_deal(&deal(&ana.id, 100_000), at(4, 10)).await.unwrap();
    store.set_deal_status(&won.id, &StatusChange::Won, at(5, 10)).await.unwrap();
    store.add_touchpoint(&touch(&ana.id, &fair.id, "2026-11-06T10:00:00Z"), at(6, 10)).await.unwrap();
    // Bo: webinar only, an open deal of 500.00. Cy: no touchpoint, an open deal of 50.00.
    let bo = store.create_lead(&lead("Bo"), at(2, 9)).await.unwrap();
    store.add_touchpoint(&touch(&bo.id, &webinar.id, "2026-11-02T12:00:00Z"), at(2, 12)).await.unwrap();
    store.create_deal(&deal(&bo.id, 50_000), at(7, 9)).await.unwrap();
    let cy = store.create_lead(&lead("Cy"), at(8, 9)).await.unwrap();
    store.create_deal(&deal(&cy.id, 5_000), at(8, 10)).await.unwrap();

    let eur = |minor| vec![Amount { currency: "EUR".into(), minor }];
    let first = store.attribution(Model::First, None, None).await.unwrap();
    let credit = |a: &tandem_core::model::attribution::Attribution, name: &str| {
        a.campaigns.iter().find(|c| c.campaign == name).cloned()
    };
    let f = credit(&first, "Fair").unwrap();
    assert_eq!((f.leads, f.deals, f.won.clone(), f.pipeline.clone()), (1.0, 1.0, eur(100_000), vec![]));
    let w = credit(&first, "Webinar").unwrap();
    assert_eq!((w.leads, w.deals, w.pipeline.clone()), (1.0, 1.0, eur(50_000)));
    assert_eq!((first.unattributed_leads, first.unattributed_deals), (1.0, 1.0), "Cy");

    // Last touch before Ana's deal is the webinar; the fair after it does not count.
    let last = store.attribution(Model::Last, None, None).await.unwrap();
    assert_eq!(credit(&last, "Webinar").map(|c| (c.leads, c.deals)), Some((2.0, 2.0)));
    assert!(credit(&last, "Fair").is_none());

    // Linear: Ana's three touches for her as a lead, the two before the deal for the deal.
    let linear = store.attribution(Model::Linear, None, None).await.unwrap();
    let f = credit(&linear, "Fair").unwrap();
    assert_eq!((f.leads, f.deals, f.won.clone()), (0.67, 0.5, eur(50_000)));

    // A campaign's page gets exactly its line of the whole workspace's attribution.
    for model in [Model::First, Model::Last, Model::Linear] {
        let whole = store.attribution(model, None, None).await.unwrap();
        for c in [&fair, &webinar] {
            let page = store.campaign_attribution(&c.id, model).await.unwrap();
            let expected = credit(&whole, &c.name);
            assert_eq!(Some(page.leads), expected.as_ref().map(|e| e.leads).or(Some(0.0)), "{model:?} {}", c.name);
            if let Some(e) = expected {
                assert_eq!(page, e, "{model:?} {}", c.name);
            }
        }
    }

    // A period counts the leads and deals created in it: Cy and his deal only.
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
    let late = store.attribution(Model::First, day(8), day(9)).await.unwrap();
    assert!(late.campaigns.is_empty());
    assert_eq!((late.unattributed_leads, late.unattributed_deals), (1.0, 1.0));
    let bad = store.attribution(Model::First, day(9), day(8)).await.unwrap_err();
    assert_eq!(bad.field(), Some("to"));
}

#[tokio::test]
async fn credits_follow_every_change_to_what_they_are_made_of() {
    use tandem_core::model::bulk::BulkAction;
    let (store, _dir) = workspace().await;
    let stage = StageInput { name: "Qualified".into(), probability: 20, rotting_days: None };
    let pipeline = store.create_pipeline("Sales", &[stage], at(1, 8)).await.unwrap();
    let fair = CampaignInput { name: "Fair".into(), currency: "EUR".into(), ..Default::default() };
    let fair = store.create_campaign(&fair, at(1, 8)).await.unwrap();
    let ana = store.create_lead(&lead("Ana"), at(2, 9)).await.unwrap();
    let deal = DealInput {
        title: "Oven".into(),
        lead_id: ana.id.clone(),
        value_minor: 20_000,
        currency: "EUR".into(),
        pipeline_id: pipeline.id.clone(),
        stage_id: pipeline.stages[0].id.clone(),
        ..Default::default()
    };
    let oven = store.create_deal(&deal, at(3, 9)).await.unwrap();
    let fair_line = || async {
        let a = store.attribution(Model::First, None, None).await.unwrap();
        let line = a
            .campaigns
            .iter()
            .find(|c| c.campaign == "Fair")
            .map(|c| (c.leads, c.deals, c.pipeline.clone(), c.won.clone()));
        (line, a.unattributed_leads, a.unattributed_deals)
    };
    assert_eq!(fair_line().await, (None, 1.0, 1.0), "no touchpoint yet");

    // A touchpoint entered later, dated before the deal, credits both.
    let touch = TouchpointInput {
        lead_id: ana.id.clone(),
        campaign_id: Some(fair.id.clone()),
        kind: "trade_show".into(),
        occurred_at: Some("2026-11-01T10:00:00Z".into()),
        notes: None,
    };
    store.add_touchpoint(&touch, at(4, 9)).await.unwrap();
    let eur = |minor| vec![Amount { currency: "EUR".into(), minor }];
    assert_eq!(fair_line().await, (Some((1.0, 1.0, eur(20_000), vec![])), 0.0, 0.0));

    // Won: its value moves from pipeline to won revenue.
    store.set_deal_status(&oven.id, &StatusChange::Won, at(5, 9)).await.unwrap();
    assert_eq!(fair_line().await, (Some((1.0, 1.0, vec![], eur(20_000))), 0.0, 0.0));

    // Deleting the lead (many at once) takes its credit away; undoing gives it back.
    let gone = store.bulk_change(std::slice::from_ref(&ana.id), &BulkAction::Delete, at(6, 9)).await.unwrap();
    assert_eq!(fair_line().await, (None, 0.0, 0.0));
    store.undo_bulk(&gone.batch_id, at(6, 10)).await.unwrap();
    assert_eq!(fair_line().await, (Some((1.0, 1.0, vec![], eur(20_000))), 0.0, 0.0));

    // A deleted campaign credits nobody.
    store.delete_campaign(&fair.id, at(7, 9)).await.unwrap();
    assert_eq!(fair_line().await, (None, 1.0, 1.0));
}

#[tokio::test]
async fn converting_a_lead_to_a_deal_keeps_its_attribution() {
    let (store, _dir) = workspace().await;
    let stage = StageInput { name: "Qualified".into(), probability: 20, rotting_days: None };
    let pipeline = store.create_pipeline("Sales", &[stage], at(1, 8)).await.unwrap();
    let webinar = CampaignInput { name: "Webinar".into(), currency: "EUR".into(), ..Default::default() };
    let webinar = store.create_campaign(&webinar, at(1, 8)).await.unwrap();
    let ana = store.create_lead(&lead("Ana"), at(2, 9)).await.unwrap();
    let touch = TouchpointInput {
        lead_id: ana.id.clone(),
        campaign_id: Some(webinar.id.clone()),
        kind: "form_fill".into(),
        occurred_at: Some("2026-11-02T10:00:00Z".into()),
        notes: None,
    };
    store.add_touchpoint(&touch, at(2, 10)).await.unwrap();
    let before = store.campaign_attribution(&webinar.id, Model::First).await.unwrap();
    assert_eq!((before.leads, before.deals), (1.0, 0.0));

    // Convert to deal: the deal is the lead's, so its campaign is credited with it under every model.
    let deal = DealInput {
        title: "Ana's order".into(),
        lead_id: ana.id.clone(),
        value_minor: 42_000,
        currency: "EUR".into(),
        pipeline_id: pipeline.id.clone(),
        stage_id: pipeline.stages[0].id.clone(),
        ..Default::default()
    };
    store.create_deal(&deal, at(3, 9)).await.unwrap();
    for model in [Model::First, Model::Last, Model::Linear] {
        let after = store.campaign_attribution(&webinar.id, model).await.unwrap();
        assert_eq!((after.leads, after.deals), (1.0, 1.0), "{model:?}");
        assert_eq!(after.pipeline, vec![Amount { currency: "EUR".into(), minor: 42_000 }], "{model:?}");
    }
    let record = store.lead_record(&ana.id, at(3, 10)).await.unwrap();
    assert_eq!(record.touchpoints[0].campaign.as_deref(), Some("Webinar"), "the lead keeps its source");
}
