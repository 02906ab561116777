//! Full-text search: prefixes over name, email, company and notes, ranked, kept in step by triggers.

use tandem_core::model::{LeadInput, LeadQuery, LifecycleStage};

use crate::{at, lead, workspace};

async fn names(store: &tandem_core::Store, text: &str) -> Vec<String> {
    store.search_leads(text, 50).await.unwrap().into_iter().map(|l| l.name).collect()
}

#[tokio::test]
async fn prefixes_match_every_searchable_field() {
    let (store, _dir) = workspace().await;
    store.create_lead(&lead("Zoë Lefèvre"), at(1, 9)).await.unwrap();
    store
        .create_lead(&LeadInput { email: Some("info@harborlogistics.example".into()), ..lead("Ben") }, at(1, 9))
        .await
        .unwrap();
    store.create_lead(&LeadInput { company: Some("Granite Dental".into()), ..lead("Cy") }, at(1, 9)).await.unwrap();
    store
        .create_lead(&LeadInput { notes: Some("Asked about solar panels".into()), ..lead("Di") }, at(1, 9))
        .await
        .unwrap();

    assert_eq!(names(&store, "zoe").await, ["Zoë Lefèvre"], "accents are ignored");
    assert_eq!(names(&store, "lef").await, ["Zoë Lefèvre"]);
    assert_eq!(names(&store, "harb").await, ["Ben"]);
    assert_eq!(names(&store, "gran den").await, ["Cy"], "every word must match");
    assert_eq!(names(&store, "sol").await, ["Di"]);
    assert!(names(&store, "granite zoe").await.is_empty());
}

#[tokio::test]
async fn better_matches_rank_first() {
    let (store, _dir) = workspace().await;
    store
        .create_lead(
            &LeadInput {
                notes: Some("Knows someone at Maple, a long note about many other things".into()),
                ..lead("Ann")
            },
            at(1, 9),
        )
        .await
        .unwrap();
    store
        .create_lead(
            &LeadInput {
                company: Some("Maple".into()),
                email: Some("maple@maple.example".into()),
                ..lead("Maple Jones")
            },
            at(1, 9),
        )
        .await
        .unwrap();
    assert_eq!(names(&store, "maple").await, ["Maple Jones", "Ann"]);
}

#[tokio::test]
async fn the_index_follows_edits_and_company_renames() {
    let (store, _dir) = workspace().await;
    let created =
        store.create_lead(&LeadInput { company: Some("Old Name".into()), ..lead("Eve") }, at(1, 9)).await.unwrap();
    store
        .update_lead(&created.id, &LeadInput { company: Some("Quartz Optics".into()), ..lead("Eve") }, at(2, 9))
        .await
        .unwrap();
    assert!(names(&store, "old").await.is_empty());
    assert_eq!(names(&store, "quartz").await, ["Eve"]);
}

#[tokio::test]
async fn search_combines_with_filters_and_counts_matches() {
    let (store, _dir) = workspace().await;
    for (name, stage) in
        [("Ana One", LifecycleStage::Lead), ("Ana Two", LifecycleStage::Customer), ("Bo", LifecycleStage::Customer)]
    {
        store.create_lead(&LeadInput { lifecycle_stage: Some(stage), ..lead(name) }, at(1, 9)).await.unwrap();
    }
    let query = LeadQuery {
        search: Some("ana".into()),
        stage: Some(LifecycleStage::Customer),
        limit: 50,
        ..Default::default()
    };
    let page = store.list_leads(&query).await.unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.leads[0].name, "Ana Two");
}

#[tokio::test]
async fn too_short_or_operator_only_searches_are_refused() {
    let (store, _dir) = workspace().await;
    for text in ["a", " b ", "\"*", "--"] {
        let err = store.search_leads(text, 50).await.unwrap_err();
        assert_eq!(err.field(), Some("search"), "{text:?}: {err}");
    }
    // FTS5 syntax typed by a user is taken literally, never as an operator.
    store.create_lead(&lead("NEAR Group"), at(1, 9)).await.unwrap();
    assert_eq!(names(&store, "near(").await, ["NEAR Group"]);
}

#[tokio::test]
async fn relevance_tiers_then_newest_first_and_pages_cross_tiers() {
    let (store, _dir) = workspace().await;
    let plan = [
        ("Bo Grant", None, None, 1),                 // name holds the word, not at its start
        ("Cy", Some("Granite Works"), None, 2),      // company
        ("Grace Old", None, None, 3),                // name starts with it (older)
        ("Di", None, Some("grain@farm.example"), 4), // email
        ("Grace New", None, None, 5),                // name starts with it (newer)
        ("Ed", None, None, 6),                       // notes only, below
    ];
    for (name, company, email, day) in plan {
        let notes = (name == "Ed").then(|| "Granola order".to_owned());
        let input = LeadInput { company: company.map(Into::into), email: email.map(Into::into), notes, ..lead(name) };
        store.create_lead(&input, at(day, 9)).await.unwrap();
    }
    let expected = ["Grace New", "Grace Old", "Bo Grant", "Cy", "Di", "Ed"];
    assert_eq!(names(&store, "gra").await, expected);

    let mut paged = Vec::new();
    for offset in (0..6).step_by(2) {
        let query = LeadQuery { search: Some("gra".into()), offset, limit: 2, ..Default::default() };
        let page = store.list_leads(&query).await.unwrap();
        assert_eq!(page.total, 6);
        paged.extend(page.leads.into_iter().map(|l| l.name));
    }
    assert_eq!(paged, expected, "pages that start inside a later tier");
    assert_eq!(names(&store, "gr gra").await[0], "Grace New", "several words, all in the name");
}
