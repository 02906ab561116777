//! Lead behaviour through the store: validation, paging, sorting, filters, tombstones.

use tandem_core::model::{LeadInput, LeadQuery, LeadSort, LifecycleStage};

use crate::{at, lead, workspace};

fn full() -> LeadInput {
    LeadInput {
        name: "  Ana Costa ".into(),
        email: Some("ana@costa.example".into()),
        phone: Some("+351 21 000 0000".into()),
        company: Some("Costa Coffee Roasters".into()),
        job_title: Some("Owner".into()),
        owner: Some("Sam".into()),
        tags: vec!["VIP".into(), "local".into()],
        notes: Some("Met at the fair.\nWants a quote.".into()),
        lifecycle_stage: Some(LifecycleStage::Mql),
        source: Some("Trade show".into()),
    }
}

fn page(limit: u32) -> LeadQuery {
    LeadQuery { limit, ..Default::default() }
}

#[tokio::test]
async fn create_then_get_returns_every_field() {
    let (store, _dir) = workspace().await;
    let created = store.create_lead(&full(), at(2, 10)).await.unwrap();
    assert_eq!(created.name, "Ana Costa");
    assert_eq!(created.company.as_deref(), Some("Costa Coffee Roasters"));
    assert_eq!(created.tags, vec!["local", "VIP"]);
    assert_eq!(created.lifecycle_stage, LifecycleStage::Mql);
    assert_eq!(created.created_at, at(2, 10));
    assert_eq!(created.id.len(), 36);
    assert_eq!(&created.id[14..15], "7", "a UUIDv7");
    assert_eq!(store.get_lead(&created.id).await.unwrap(), created);
}

#[tokio::test]
async fn leads_at_the_same_company_share_one_company() {
    let (store, _dir) = workspace().await;
    let mut second = full();
    second.name = "Rui Costa".into();
    second.company = Some("costa coffee roasters".into());
    store.create_lead(&full(), at(2, 10)).await.unwrap();
    let rui = store.create_lead(&second, at(2, 11)).await.unwrap();
    assert_eq!(rui.company.as_deref(), Some("Costa Coffee Roasters"), "matched case-insensitively");
}

#[tokio::test]
async fn invalid_input_names_the_field_and_writes_nothing() {
    let (store, _dir) = workspace().await;
    let cases: Vec<(LeadInput, &str, &str)> = vec![
        (lead("   "), "name", "is required"),
        (LeadInput { email: Some("ana@nowhere".into()), ..full() }, "email", "not an email address"),
        (LeadInput { phone: Some("call me".into()), ..full() }, "phone", "not a phone number"),
        (LeadInput { name: "x".repeat(201), ..full() }, "name", "limit is 200"),
        (LeadInput { tags: vec!["a,b".into()], ..full() }, "tags", "comma"),
    ];
    for (input, field, says) in cases {
        let err = store.create_lead(&input, at(2, 10)).await.unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert_eq!(err.field(), Some(field), "{err}");
        assert!(err.to_string().contains(says), "{err}");
    }
    assert_eq!(store.list_leads(&page(50)).await.unwrap().total, 0);
}

#[tokio::test]
async fn update_replaces_fields_and_tags() {
    let (store, _dir) = workspace().await;
    let created = store.create_lead(&full(), at(2, 10)).await.unwrap();
    let edit = LeadInput { email: None, tags: vec!["partner".into()], ..full() };
    let updated = store.update_lead(&created.id, &edit, at(3, 10)).await.unwrap();
    assert_eq!(updated.email, None);
    assert_eq!(updated.tags, vec!["partner"]);
    assert_eq!(updated.created_at, at(2, 10));
    assert_eq!(updated.updated_at, at(3, 10));
    let facets = store.lead_facets().await.unwrap();
    assert_eq!(facets.tags, vec!["partner"], "unused tags leave the filter menu");
}

#[tokio::test]
async fn a_lead_keeps_the_tags_the_store_tells_apart() {
    // The store's NOCASE folds ASCII letters only: "vip" is "VIP", but "ärzte" is not "Ärzte".
    let (store, _dir) = workspace().await;
    let input = LeadInput { tags: vec!["Ärzte".into(), "VIP".into(), "ärzte".into(), "vip".into()], ..full() };
    let created = store.create_lead(&input, at(2, 10)).await.unwrap();
    assert_eq!(created.tags.len(), 3, "{:?}", created.tags);
    assert_eq!(store.get_lead(&created.id).await.unwrap().tags, created.tags, "as saved");
    assert_eq!(store.lead_facets().await.unwrap().tags.len(), 3);
}

#[tokio::test]
async fn a_bad_update_changes_nothing() {
    let (store, _dir) = workspace().await;
    let created = store.create_lead(&full(), at(2, 10)).await.unwrap();
    let bad = LeadInput { email: Some("not-an-email".into()), ..full() };
    assert_eq!(store.update_lead(&created.id, &bad, at(3, 10)).await.unwrap_err().field(), Some("email"));
    assert_eq!(store.get_lead(&created.id).await.unwrap(), created);
}

#[tokio::test]
async fn delete_is_a_tombstone_that_restore_undoes() {
    let (store, _dir) = workspace().await;
    let kept = store.create_lead(&lead("Bea"), at(2, 10)).await.unwrap();
    let gone = store.create_lead(&full(), at(2, 11)).await.unwrap();

    let deleted = store.delete_lead(&gone.id, at(4, 9)).await.unwrap();
    assert_eq!(deleted.deleted_at, Some(at(4, 9)));
    let listed = store.list_leads(&page(50)).await.unwrap();
    assert_eq!(listed.total, 1);
    assert_eq!(listed.leads[0].id, kept.id);
    assert!(store.search_leads("costa", 50).await.unwrap().is_empty(), "deleted leads are not found");
    let err = store.update_lead(&gone.id, &full(), at(4, 10)).await.unwrap_err();
    assert_eq!(err.code(), "conflict");

    let restored = store.restore_lead(&gone.id, at(4, 10)).await.unwrap();
    assert_eq!(restored.deleted_at, None);
    assert_eq!(restored.tags, gone.tags);
    assert_eq!(restored.notes, gone.notes);
    assert_eq!(store.list_leads(&page(50)).await.unwrap().total, 2);
    assert_eq!(store.restore_lead(&gone.id, at(4, 11)).await.unwrap_err().code(), "conflict");
}

#[tokio::test]
async fn unknown_and_malformed_ids() {
    let (store, _dir) = workspace().await;
    let unknown = "01930000-0000-7000-8000-000000000000";
    assert_eq!(store.get_lead(unknown).await.unwrap_err().code(), "not_found");
    assert_eq!(store.delete_lead(unknown, at(1, 1)).await.unwrap_err().code(), "not_found");
    let err = store.get_lead("'; DROP TABLE leads; --").await.unwrap_err();
    assert_eq!(err.field(), Some("id"));
}

#[tokio::test]
async fn paging_sorting_and_filters() {
    let (store, _dir) = workspace().await;
    let names = ["delta", "Alpha", "charlie", "Bravo", "echo"];
    for (i, name) in names.iter().enumerate() {
        let input = LeadInput {
            owner: Some(if i % 2 == 0 { "Sam" } else { "Kim" }.into()),
            lifecycle_stage: Some(if i < 2 { LifecycleStage::Customer } else { LifecycleStage::Lead }),
            tags: if i == 4 { vec!["vip".into()] } else { vec![] },
            ..lead(name)
        };
        store.create_lead(&input, at(1 + i as u32, 9)).await.unwrap();
    }
    let names_of = |p: tandem_core::model::LeadPage| p.leads.into_iter().map(|l| l.name).collect::<Vec<_>>();

    let first = store.list_leads(&page(2)).await.unwrap();
    assert_eq!(first.total, 5);
    assert_eq!(names_of(first), ["Alpha", "Bravo"], "by name, case-insensitive");
    let second = store.list_leads(&LeadQuery { offset: 2, ..page(2) }).await.unwrap();
    assert_eq!(names_of(second), ["charlie", "delta"]);

    let newest = LeadQuery { sort: LeadSort::Created, descending: true, ..page(2) };
    assert_eq!(names_of(store.list_leads(&newest).await.unwrap()), ["echo", "Bravo"]);

    let customers = LeadQuery { stage: Some(LifecycleStage::Customer), ..page(50) };
    assert_eq!(names_of(store.list_leads(&customers).await.unwrap()), ["Alpha", "delta"]);
    let kims = LeadQuery { owner: Some("Kim".into()), ..page(50) };
    assert_eq!(names_of(store.list_leads(&kims).await.unwrap()), ["Alpha", "Bravo"]);
    let vip = LeadQuery { tag: Some("VIP".into()), ..page(50) };
    assert_eq!(names_of(store.list_leads(&vip).await.unwrap()), ["echo"], "tags match case-insensitively");

    let facets = store.lead_facets().await.unwrap();
    assert_eq!(facets.owners, ["Kim", "Sam"]);
    assert_eq!(facets.total, 5);

    for limit in [0, 501] {
        assert_eq!(store.list_leads(&page(limit)).await.unwrap_err().field(), Some("limit"));
    }
}
