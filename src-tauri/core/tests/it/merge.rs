//! Merging two leads moves everything to the kept one; undoing puts each back exactly.

use tandem_core::model::lead_record::{LeadRecord, TimelineKind, TouchpointInput};
use tandem_core::model::{ActivityInput, CalendarItemInput, DealInput, LeadInput, StageInput};

use crate::{at, workspace};

/// Name, email, tags, and the ids of touchpoints, deals, activities and attended items.
type Content = (String, Option<String>, Vec<String>, Vec<String>, Vec<String>, Vec<String>, Vec<String>);

/// What a record holds, without the times a merge and its undo rightly change.
fn content(r: &LeadRecord) -> Content {
    let ids = |v: Vec<&str>| v.into_iter().map(str::to_owned).collect::<Vec<_>>();
    (
        r.lead.name.clone(),
        r.lead.email.clone(),
        r.lead.tags.clone(),
        ids(r.touchpoints.iter().map(|t| t.id.as_str()).collect()),
        ids(r.deals.iter().map(|d| d.id.as_str()).collect()),
        ids(r.activities.iter().map(|a| a.id.as_str()).collect()),
        ids(r.attended.iter().map(|a| a.item_id.as_str()).collect()),
    )
}

#[tokio::test]
async fn a_merge_moves_everything_and_its_undo_restores_exactly() {
    let (store, _dir) = workspace().await;
    let stage = StageInput { name: "Qualified".into(), probability: 20, rotting_days: None };
    let pipeline = store.create_pipeline("Sales", &[stage], at(1, 8)).await.unwrap();
    let person = |name: &str, email: &str, tags: &[&str]| LeadInput {
        name: name.into(),
        email: Some(email.into()),
        company: Some("Kern".into()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    };
    let kept = store.create_lead(&person("Anna Müller", "anna@kern.example", &["vip"]), at(1, 9)).await.unwrap();
    let other =
        store.create_lead(&person("Ana Muller", "anna+news@kern.example", &["newsletter"]), at(2, 9)).await.unwrap();
    let walk_in = TouchpointInput { lead_id: other.id.clone(), kind: "walk_in".into(), ..Default::default() };
    store.add_touchpoint(&walk_in, at(2, 10)).await.unwrap();
    let deal = DealInput {
        title: "Oven".into(),
        lead_id: other.id.clone(),
        currency: "EUR".into(),
        pipeline_id: pipeline.id.clone(),
        stage_id: pipeline.stages[0].id.clone(),
        ..Default::default()
    };
    let deal = store.create_deal(&deal, at(3, 9)).await.unwrap();
    let call = ActivityInput {
        kind: "call".into(),
        subject: "Call back".into(),
        lead_id: other.id.clone(),
        ..Default::default()
    };
    store.add_activity(&call, at(3, 10)).await.unwrap();
    // Both attend one event; only the other attends a second.
    let event = |title: &str, attendees: Vec<String>| CalendarItemInput {
        title: title.into(),
        all_day: true,
        start_date: Some("2026-12-01".into()),
        attendees: Some(attendees),
        ..Default::default()
    };
    store.create_calendar_item(&event("Open day", vec![kept.id.clone(), other.id.clone()]), at(3, 11)).await.unwrap();
    store.create_calendar_item(&event("Tasting", vec![other.id.clone()]), at(3, 11)).await.unwrap();

    let before =
        (store.lead_record(&kept.id, at(4, 9)).await.unwrap(), store.lead_record(&other.id, at(4, 9)).await.unwrap());

    // Keep Anna, with her name, the other's address and both tags.
    let chosen = LeadInput {
        tags: vec!["vip".into(), "newsletter".into()],
        ..person("Anna Müller", "anna+news@kern.example", &[])
    };
    let merge = store.merge_leads(&kept.id, &other.id, &chosen, at(4, 10)).await.unwrap();
    assert_eq!((merge.touchpoints, merge.deals, merge.activities, merge.attendance), (1, 1, 1, 2));
    let merged = store.lead_record(&kept.id, at(4, 11)).await.unwrap();
    assert_eq!(merged.lead.email.as_deref(), Some("anna+news@kern.example"));
    assert_eq!(merged.deals[0].id, deal.id);
    assert_eq!(merged.deals[0].lead_name, "Anna Müller", "the deal card names the kept lead");
    assert_eq!(merged.attended.len(), 2);
    assert!(merged.timeline.iter().any(|e| e.kind == TimelineKind::Merged && e.title == "Merged with Ana Muller"));
    assert!(store.get_lead(&other.id).await.unwrap().deleted_at.is_some(), "the other is a tombstone");
    assert!(store.duplicates().await.unwrap().is_empty(), "no duplicate is left");

    // Merging a lead into itself, or a tombstone, is refused.
    assert_eq!(store.merge_leads(&kept.id, &kept.id, &chosen, at(4, 12)).await.unwrap_err().field(), Some("merged_id"));
    assert!(store.merge_leads(&kept.id, &other.id, &chosen, at(4, 12)).await.is_err());

    store.undo_merge(&merge.id, at(5, 9)).await.unwrap();
    let after =
        (store.lead_record(&kept.id, at(5, 10)).await.unwrap(), store.lead_record(&other.id, at(5, 10)).await.unwrap());
    assert_eq!(content(&after.0), content(&before.0));
    assert_eq!(content(&after.1), content(&before.1));
    assert_eq!(after.1.deals[0].lead_name, "Ana Muller");
    assert!(after.0.timeline.iter().all(|e| e.kind != TimelineKind::Merged), "an undone merge leaves the timeline");
    assert!(store.undo_merge(&merge.id, at(5, 11)).await.is_err(), "undone once only");
}

#[tokio::test]
async fn the_trash_lists_deleted_leads_newest_first_but_not_merged_ones() {
    let (store, _dir) = workspace().await;
    let lead = |name: &str| LeadInput { name: name.into(), ..Default::default() };
    let a = store.create_lead(&lead("Ada"), at(1, 9)).await.unwrap();
    let b = store.create_lead(&lead("Bea"), at(1, 9)).await.unwrap();
    let c = store.create_lead(&lead("Cy"), at(1, 9)).await.unwrap();
    let d = store.create_lead(&lead("Di"), at(1, 9)).await.unwrap();
    let walk_in = TouchpointInput { lead_id: b.id.clone(), kind: "walk_in".into(), ..Default::default() };
    store.add_touchpoint(&walk_in, at(1, 10)).await.unwrap();
    store.delete_lead(&a.id, at(2, 9)).await.unwrap();
    store.delete_lead(&b.id, at(3, 9)).await.unwrap();
    store.merge_leads(&c.id, &d.id, &lead("Cy"), at(4, 9)).await.unwrap();
    let trash = store.deleted_leads(0).await.unwrap();
    let names: Vec<(&str, u32)> = trash.iter().map(|l| (l.name.as_str(), l.touchpoints)).collect();
    assert_eq!(names, [("Bea", 1), ("Ada", 0)], "a merged lead is undone through its merge, not the trash");
    store.restore_lead(&b.id, at(5, 9)).await.unwrap();
    assert_eq!(store.deleted_leads(0).await.unwrap().len(), 1);
    assert_eq!(
        store.lead_record(&b.id, at(5, 10)).await.unwrap().touchpoints.len(),
        1,
        "its touchpoint came back with it"
    );
}
