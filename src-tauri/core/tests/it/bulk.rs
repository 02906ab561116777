//! A change to many leads at once, and its one undo.

use tandem_core::model::bulk::BulkAction;
use tandem_core::model::lead_record::TimelineKind;
use tandem_core::model::{Lead, LeadInput, LifecycleStage};

use crate::{at, workspace};

fn fields(l: &Lead) -> (Option<String>, LifecycleStage, Vec<String>, bool) {
    (l.owner.clone(), l.lifecycle_stage, l.tags.clone(), l.deleted_at.is_some())
}

#[tokio::test]
async fn each_bulk_change_is_undone_exactly() {
    let (store, _dir) = workspace().await;
    let lead = |name: &str, owner: Option<&str>, stage: LifecycleStage, tags: &[&str]| LeadInput {
        name: name.into(),
        owner: owner.map(str::to_owned),
        lifecycle_stage: Some(stage),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    };
    let a = store.create_lead(&lead("Ada", Some("Sam"), LifecycleStage::Lead, &["vip"]), at(1, 9)).await.unwrap();
    let b = store.create_lead(&lead("Bea", None, LifecycleStage::Mql, &[]), at(1, 9)).await.unwrap();
    let gone = store.create_lead(&lead("Cy", None, LifecycleStage::Lead, &[]), at(1, 9)).await.unwrap();
    store.delete_lead(&gone.id, at(1, 10)).await.unwrap();
    let ids = vec![a.id.clone(), b.id.clone(), gone.id.clone()];
    let state = || async {
        let mut out = Vec::new();
        for id in [&a.id, &b.id, &gone.id] {
            out.push(fields(&store.get_lead(id).await.unwrap()));
        }
        out
    };
    let start = state().await;

    let actions = [
        BulkAction::SetOwner { owner: Some("Priya".into()) },
        BulkAction::SetStage { stage: LifecycleStage::Sql },
        BulkAction::AddTag { tag: "vip".into() },
        BulkAction::RemoveTag { tag: "vip".into() },
        BulkAction::Delete,
    ];
    for (i, action) in actions.iter().enumerate() {
        let done = store.bulk_change(&ids, action, at(2, 9 + i as u32)).await.unwrap();
        // The deleted lead is left alone; adding a tag Ada has changes only Bea.
        let expected = match action {
            BulkAction::AddTag { .. } | BulkAction::RemoveTag { .. } => 1,
            _ => 2,
        };
        assert_eq!(done.changed, expected, "{action:?}");
        let changed = state().await;
        assert_ne!(changed, start, "{action:?} changed something");
        assert_eq!(changed[2], start[2], "{action:?} left the deleted lead alone");
        store.undo_bulk(&done.batch_id, at(3, 9 + i as u32)).await.unwrap();
        assert_eq!(state().await, start, "{action:?} undone exactly");
        assert!(store.undo_bulk(&done.batch_id, at(3, 9)).await.is_err(), "undone once only");
    }
    // The stage changes and their undo are on the timeline.
    let record = store.lead_record(&b.id, at(4, 9)).await.unwrap();
    let causes: Vec<&str> = record
        .timeline
        .iter()
        .filter(|e| e.kind == TimelineKind::LifecycleStage)
        .filter_map(|e| e.detail.as_deref())
        .collect();
    assert_eq!(causes, ["a change to many leads, undone", "changed for many leads at once"]);

    let bad = store.bulk_change(&ids, &BulkAction::AddTag { tag: "a,b".into() }, at(5, 9)).await.unwrap_err();
    assert_eq!(bad.field(), Some("tag"));
    assert_eq!(store.bulk_change(&[], &BulkAction::Delete, at(5, 9)).await.unwrap_err().field(), Some("ids"));
}

#[tokio::test]
async fn every_lead_matching_a_query_can_be_chosen_at_once() {
    let (store, _dir) = workspace().await;
    let lead = |name: &str, stage: LifecycleStage, tags: &[&str]| LeadInput {
        name: name.into(),
        lifecycle_stage: Some(stage),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    };
    let mut mqls = Vec::new();
    for i in 0..250 {
        let stage = if i % 2 == 0 { LifecycleStage::Mql } else { LifecycleStage::Lead };
        let created = store.create_lead(&lead(&format!("Baker {i}"), stage, &["fair"]), at(1, 9)).await.unwrap();
        if stage == LifecycleStage::Mql {
            mqls.push(created.id);
        }
    }
    store.create_lead(&lead("Florist", LifecycleStage::Mql, &[]), at(1, 9)).await.unwrap();
    let query = tandem_core::model::LeadQuery {
        search: Some("bak".into()),
        stage: Some(LifecycleStage::Mql),
        tag: Some("fair".into()),
        ..Default::default()
    };
    let mut ids = store.lead_ids(&query).await.unwrap();
    ids.sort();
    mqls.sort();
    assert_eq!(ids, mqls, "every match, beyond any page size");
    let done = store.bulk_change(&ids, &BulkAction::SetStage { stage: LifecycleStage::Sql }, at(2, 9)).await.unwrap();
    assert_eq!(done.changed, 125);
    assert!(store.lead_ids(&query).await.unwrap().is_empty());
    let unknown_tag = tandem_core::model::LeadQuery { tag: Some("nope".into()), ..Default::default() };
    assert!(store.lead_ids(&unknown_tag).await.unwrap().is_empty());
}

#[tokio::test]
async fn saved_views_are_kept_in_the_workspace_by_name() {
    use tandem_core::model::LeadSort;
    use tandem_core::model::lead_view::{LeadColumn, LeadView};
    let (store, dir) = workspace().await;
    let view = LeadView {
        name: "Hot MQLs".into(),
        search: None,
        stage: Some(LifecycleStage::Mql),
        owner: Some("Sam".into()),
        tag: None,
        sort: LeadSort::Score,
        descending: true,
        columns: vec![LeadColumn::Score, LeadColumn::Email],
    };
    store.save_lead_view(&view, at(1, 9)).await.unwrap();
    store.save_lead_view(&LeadView { name: "All".into(), stage: None, ..view.clone() }, at(1, 9)).await.unwrap();
    store.close().await;
    let store = tandem_core::Store::open(dir.path().join("test.tandem")).await.unwrap();
    let views = store.lead_views().await.unwrap();
    assert_eq!(views.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["All", "Hot MQLs"]);
    assert_eq!(views[1], view);
    let left = store.delete_lead_view("hot mqls", at(2, 9)).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(store.delete_lead_view("Gone", at(2, 9)).await.unwrap_err().to_string(), "view Gone was not found");
}
