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
