//! Demo workspaces: deterministic, complete, and only into an empty workspace.

use tandem_core::demo::{Scale, generate};
use tandem_core::model::LeadQuery;

use crate::{at, workspace};

#[tokio::test]
async fn small_demo_fills_every_area_and_is_searchable() {
    let (store, _dir) = workspace().await;
    let data = generate(Scale::Small, 7, at(27, 12));
    store.write_demo(&data).await.unwrap();
    let page = store.list_leads(&LeadQuery { limit: 10, ..Default::default() }).await.unwrap();
    assert_eq!(page.total as usize, Scale::Small.counts().leads);
    let someone = &data.leads[17];
    let first_word = someone.name.split(' ').next().unwrap();
    let found = store.search_leads(&someone.email, 50).await.unwrap();
    assert_eq!(found[0].id, someone.id, "found by email");
    assert!(found[0].name.starts_with(first_word));
    assert!(
        data.pipelines.len() == 2
            && data.deals.iter().any(|d| d.status == "won")
            && data.deals.iter().any(|d| d.status == "lost")
    );
    assert!(data.calendar_items.iter().any(|i| i.rrule.is_some()), "some items recur");
    assert!(data.touchpoints.len() >= data.leads.len(), "every lead has a source touchpoint");
    let names: std::collections::HashSet<&str> = data.campaigns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), data.campaigns.len(), "campaigns are told apart by name");
}

#[test]
fn the_same_seed_gives_the_same_workspace() {
    let a = generate(Scale::Small, 42, at(27, 12));
    let b = generate(Scale::Small, 42, at(27, 12));
    let c = generate(Scale::Small, 43, at(27, 12));
    let ids = |d: &tandem_core::demo::DemoData| d.leads.iter().map(|l| l.id.clone() + &l.name).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    assert_ne!(ids(&a), ids(&c));
}

#[tokio::test]
async fn demo_refuses_a_workspace_that_holds_data() {
    let (store, _dir) = workspace().await;
    store.create_lead(&crate::lead("Real customer"), at(1, 9)).await.unwrap();
    let err = store.write_demo(&generate(Scale::Small, 1, at(27, 12))).await.unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(store.list_leads(&LeadQuery { limit: 10, ..Default::default() }).await.unwrap().total, 1);
}
