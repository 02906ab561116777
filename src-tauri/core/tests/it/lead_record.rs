//! The lead page: one lead seen whole, its lifecycle following its deals, its timeline merged.

use chrono::Duration;
use tandem_core::Store;
use tandem_core::model::lead_record::{TimelineKind, TouchpointInput};
use tandem_core::model::lifecycle::LeadSettings;
use tandem_core::model::{
    ActivityInput, CalendarItemInput, CampaignInput, DealInput, LeadInput, LifecycleStage, StageInput, StatusChange,
};

use crate::{at, workspace};

async fn sales(store: &Store) -> (String, Vec<String>) {
    let stage = |name: &str, p: i64| StageInput { name: name.into(), probability: p, rotting_days: None };
    let p = store.create_pipeline("Sales", &[stage("Qualified", 20), stage("Proposal", 60)], at(1, 9)).await.unwrap();
    store.add_lost_reason("Price", at(1, 9)).await.unwrap();
    (p.id.clone(), p.stages.iter().map(|s| s.id.clone()).collect())
}

fn deal(title: &str, lead_id: &str, pipeline: &(String, Vec<String>)) -> DealInput {
    DealInput {
        title: title.into(),
        lead_id: lead_id.into(),
        value_minor: 500_000,
        currency: "EUR".into(),
        pipeline_id: pipeline.0.clone(),
        stage_id: pipeline.1[0].clone(),
        ..Default::default()
    }
}

fn stage(store_stage: LifecycleStage) -> Option<LifecycleStage> {
    Some(store_stage)
}

#[tokio::test]
async fn a_lead_is_seen_whole_and_its_stage_follows_its_deals() {
    let (store, _dir) = workspace().await;
    let pipeline = sales(&store).await;
    let spring = store
        .create_campaign(
            &CampaignInput { name: "Spring fair".into(), currency: "EUR".into(), ..Default::default() },
            at(1, 9),
        )
        .await
        .unwrap();
    let input = LeadInput {
        name: "Ines Duarte".into(),
        company: Some("Duarte Bakery".into()),
        lifecycle_stage: stage(LifecycleStage::Mql),
        ..Default::default()
    };
    let lead = store.create_lead(&input, at(2, 9)).await.unwrap();

    // Touchpoints: the first is the source, whatever order they are entered in.
    let touch = |kind: &str, when: &str, campaign: Option<&str>| TouchpointInput {
        lead_id: lead.id.clone(),
        campaign_id: campaign.map(str::to_owned),
        kind: kind.into(),
        occurred_at: Some(when.into()),
        notes: None,
    };
    store.add_touchpoint(&touch("email_click", "2026-11-03T10:00:00Z", Some(&spring.id)), at(3, 10)).await.unwrap();
    store.add_touchpoint(&touch("trade show", "2026-11-01T10:00:00Z", Some(&spring.id)), at(3, 10)).await.unwrap();
    let bad =
        store.add_touchpoint(&touch("carrier pigeon", "2026-11-01T10:00:00Z", None), at(3, 10)).await.unwrap_err();
    assert_eq!(bad.field(), Some("kind"));

    // Waiting: an MQL nobody acted on for 24 hours is flagged, until someone does.
    let record = store.lead_record(&lead.id, at(3, 12)).await.unwrap();
    assert_eq!(record.waiting_hours, Some(27));
    assert_eq!(record.touchpoints[0].campaign.as_deref(), Some("Spring fair"));
    assert_eq!(record.touchpoints[0].occurred_at.to_rfc3339(), "2026-11-01T10:00:00+00:00");
    assert_eq!(record.company.as_ref().map(|c| c.name.as_str()), Some("Duarte Bakery"));
    let call = ActivityInput {
        kind: "call".into(),
        subject: "Intro call".into(),
        lead_id: lead.id.clone(),
        ..Default::default()
    };
    let call = store.add_activity(&call, at(3, 13)).await.unwrap();
    store.complete_activity(&call.id, at(3, 14)).await.unwrap();
    assert_eq!(store.lead_record(&lead.id, at(3, 15)).await.unwrap().waiting_hours, None);

    // By hand, then by its deals: created → opportunity, lost (the only one) → SQL, reopened →
    // opportunity, won → customer.
    let by_hand = LeadInput { lifecycle_stage: stage(LifecycleStage::Sql), ..input.clone() };
    store.update_lead(&lead.id, &by_hand, at(4, 9)).await.unwrap();
    let first = store.create_deal(&deal("Bread van", &lead.id, &pipeline), at(5, 9)).await.unwrap();
    assert_eq!(store.get_lead(&lead.id).await.unwrap().lifecycle_stage, LifecycleStage::Opportunity);
    store.set_deal_status(&first.id, &StatusChange::Lost { reason: "Price".into() }, at(6, 9)).await.unwrap();
    assert_eq!(store.get_lead(&lead.id).await.unwrap().lifecycle_stage, LifecycleStage::Sql);
    store.set_deal_status(&first.id, &StatusChange::Open, at(7, 9)).await.unwrap();
    assert_eq!(store.get_lead(&lead.id).await.unwrap().lifecycle_stage, LifecycleStage::Opportunity);
    let moved = DealInput { stage_id: pipeline.1[1].clone(), ..deal("Bread van", &lead.id, &pipeline) };
    store.update_deal(&first.id, &moved, at(8, 9)).await.unwrap();
    store.set_deal_status(&first.id, &StatusChange::Won, at(9, 9)).await.unwrap();
    assert_eq!(store.get_lead(&lead.id).await.unwrap().lifecycle_stage, LifecycleStage::Customer);
    // A customer's second deal, lost, leaves it a customer.
    let second = store.create_deal(&deal("Second oven", &lead.id, &pipeline), at(10, 9)).await.unwrap();
    store.set_deal_status(&second.id, &StatusChange::Lost { reason: "Price".into() }, at(11, 9)).await.unwrap();
    assert_eq!(store.get_lead(&lead.id).await.unwrap().lifecycle_stage, LifecycleStage::Customer);

    // A note and an attended event complete the picture.
    let note = ActivityInput {
        kind: "note".into(),
        subject: "Prefers mornings".into(),
        lead_id: lead.id.clone(),
        ..Default::default()
    };
    store.add_activity(&note, at(12, 9)).await.unwrap();
    let open_day = CalendarItemInput {
        title: "Open day".into(),
        all_day: true,
        start_date: Some("2026-11-13".into()),
        attendees: Some(vec![lead.id.clone()]),
        campaign_id: Some(spring.id.clone()),
        ..Default::default()
    };
    store.create_calendar_item(&open_day, at(12, 10)).await.unwrap();

    let record = store.lead_record(&lead.id, at(14, 9)).await.unwrap();
    assert_eq!(record.deals.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(), ["Second oven", "Bread van"]);
    assert_eq!(record.attended[0].title, "Open day");
    let lines: Vec<(TimelineKind, &str)> = record.timeline.iter().map(|e| (e.kind, e.title.as_str())).collect();
    assert_eq!(
        lines,
        [
            (TimelineKind::Attended, "Attended “Open day”"),
            (TimelineKind::Note, "Note: Prefers mornings"),
            (TimelineKind::DealLost, "Deal “Second oven” lost"),
            (TimelineKind::DealCreated, "Deal “Second oven” created"),
            (TimelineKind::LifecycleStage, "Stage Opportunity → Customer"),
            (TimelineKind::DealWon, "Deal “Bread van” won"),
            (TimelineKind::DealStage, "Deal “Bread van” moved to Proposal"),
            (TimelineKind::LifecycleStage, "Stage SQL → Opportunity"),
            (TimelineKind::LifecycleStage, "Stage Opportunity → SQL"),
            (TimelineKind::LifecycleStage, "Stage SQL → Opportunity"),
            (TimelineKind::DealCreated, "Deal “Bread van” created"),
            (TimelineKind::LifecycleStage, "Stage MQL → SQL"),
            (TimelineKind::Activity, "Call done: Intro call"),
            (TimelineKind::Touchpoint, "Email click · Spring fair"),
            (TimelineKind::Created, "Lead created"),
            (TimelineKind::Touchpoint, "Trade show · Spring fair"),
        ]
    );
    let causes: Vec<Option<&str>> = record
        .timeline
        .iter()
        .filter(|e| e.kind == TimelineKind::LifecycleStage)
        .map(|e| e.detail.as_deref())
        .collect();
    assert_eq!(
        causes,
        [
            Some("because the deal “Bread van” won"),
            Some("because the deal “Bread van” reopened"),
            Some("because the deal “Bread van” lost"),
            Some("because the deal “Bread van” created"),
            Some("changed by hand"),
        ]
    );
    // The deal kept the lead's attribution: the campaign counts it.
    let numbers = store.campaign_numbers(&spring.id).await.unwrap();
    assert_eq!((numbers.leads, numbers.deals, numbers.won_deals), (1, 2, 1));
}

#[tokio::test]
async fn when_every_deal_is_lost_the_lead_goes_where_the_workspace_says() {
    let (store, _dir) = workspace().await;
    let pipeline = sales(&store).await;
    assert_eq!(store.lead_settings().await.unwrap(), LeadSettings::default());
    let bad = LeadSettings { all_deals_lost: LifecycleStage::Customer, ..Default::default() };
    assert_eq!(store.set_lead_settings(&bad, at(1, 9)).await.unwrap_err().field(), Some("all_deals_lost"));
    let settings = LeadSettings { all_deals_lost: LifecycleStage::Disqualified, speed_to_lead_hours: 4 };
    assert_eq!(store.set_lead_settings(&settings, at(1, 9)).await.unwrap(), settings);

    let lead = store.create_lead(&crate::lead("Omar Haddad"), at(2, 9)).await.unwrap();
    let a = store.create_deal(&deal("A", &lead.id, &pipeline), at(2, 10)).await.unwrap();
    let b = store.create_deal(&deal("B", &lead.id, &pipeline), at(2, 10)).await.unwrap();
    let lost = StatusChange::Lost { reason: "Price".into() };
    store.set_deal_status(&a.id, &lost, at(3, 9)).await.unwrap();
    assert_eq!(store.get_lead(&lead.id).await.unwrap().lifecycle_stage, LifecycleStage::Opportunity, "B is still open");
    store.set_deal_status(&b.id, &lost, at(3, 10)).await.unwrap();
    let record = store.lead_record(&lead.id, at(3, 11)).await.unwrap();
    assert_eq!(record.lead.lifecycle_stage, LifecycleStage::Disqualified);
    assert_eq!(record.timeline[0].detail.as_deref(), Some("because the deal “B” lost, the last one open"));

    // The speed-to-lead hours are the workspace's: an MQL waits 4 hours, not 24.
    let mql = LeadInput { lifecycle_stage: Some(LifecycleStage::Mql), ..crate::lead("Waiting Wanda") };
    let wanda = store.create_lead(&mql, at(4, 9)).await.unwrap();
    let later = |h| at(4, 9) + Duration::hours(h);
    assert_eq!(store.lead_record(&wanda.id, later(3)).await.unwrap().waiting_hours, None);
    assert_eq!(store.lead_record(&wanda.id, later(5)).await.unwrap().waiting_hours, Some(5));
    // The leads list asks about a page at once: only the waiting MQLs come back.
    let page = [lead.id.clone(), wanda.id.clone()];
    let waiting = store.waiting_leads(&page, later(5)).await.unwrap();
    assert_eq!(waiting.iter().map(|w| (w.lead_id.as_str(), w.hours)).collect::<Vec<_>>(), [(wanda.id.as_str(), 5)]);
    assert_eq!(store.waiting_leads(&["nope".into()], later(5)).await.unwrap_err().field(), Some("ids"));
    assert!(store.lead_record("not-an-id", later(5)).await.is_err());
}
