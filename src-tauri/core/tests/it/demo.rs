//! Demo workspaces: deterministic, complete, and only into an empty workspace.

use sqlx::SqlitePool;
use tandem_core::demo::{Scale, generate};
use tandem_core::model::LeadQuery;
use tandem_core::model::time::to_db;

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

/// A demo is written as a bulk load: the indexes and the data triggers keep in step are built once
/// at its end (`store/load.rs`). It must leave what row-by-row writes would have: the same schema,
/// and derived data equal to what the generated rows say.
#[tokio::test]
async fn demo_leaves_the_schema_and_the_derived_data_that_row_by_row_writes_would() {
    let (store, dir) = workspace().await;
    let pool = SqlitePool::connect(&format!("sqlite://{}", dir.path().join("test.tandem").display())).await.unwrap();
    let schema = || async {
        sqlx::query_as::<_, (String, String, Option<String>)>(
            "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY type, name",
        )
        .fetch_all(&pool)
        .await
        .unwrap()
    };
    let before = schema().await;
    let data = generate(Scale::Small, 5, at(27, 12));
    store.write_demo(&data).await.unwrap();
    assert_eq!(schema().await, before, "every index and trigger is back, as the migrations wrote it");

    crate::tallies::assert_tallies_true(&store, &pool).await;
    crate::duplicates::assert_keys_true(&pool).await;
    let unlike: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT rowid, name, email, company, notes FROM lead_search
                               EXCEPT
                               SELECT l.seq, l.name, l.email, c.name, l.notes
                               FROM leads l LEFT JOIN companies c ON c.id = l.company_id)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(unlike, 0, "the search index holds each lead as it is, with its company's name");
    let someone = data.leads.iter().find(|l| l.company_id.is_some()).unwrap();
    let company = data.companies.iter().find(|c| Some(&c.id) == someone.company_id.as_ref()).unwrap();
    let found = store.search_leads(&company.name, 200).await.unwrap();
    assert!(found.iter().any(|l| l.id == someone.id), "found by the name of its company");

    // Each deal's card: its soonest open activity and its last done one, from the generated rows.
    let cards: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT id, next_activity_id, last_activity_done_at FROM deals").fetch_all(&pool).await.unwrap();
    assert_eq!(cards.len(), data.deals.len());
    let mut with_activities = 0;
    for (deal, next, last_done) in cards {
        let mine: Vec<_> = data.activities.iter().filter(|a| a.deal_id.as_deref() == Some(deal.as_str())).collect();
        let soonest = mine.iter().filter(|a| a.done_at.is_none()).min_by_key(|a| (a.due_at, a.id.clone()));
        let latest = mine.iter().filter_map(|a| a.done_at).max();
        assert_eq!(next, soonest.map(|a| a.id.clone()), "next activity of {deal}");
        assert_eq!(last_done, latest.map(to_db), "last done activity of {deal}");
        with_activities += usize::from(!mine.is_empty());
    }
    assert!(with_activities > 10, "the demo gives deals activities");
    let (planned, done): (i64, i64) =
        sqlx::query_as("SELECT sum(total), sum(done) FROM activity_days").fetch_one(&pool).await.unwrap();
    assert_eq!(planned as usize, data.activities.len());
    assert_eq!(done as usize, data.activities.iter().filter(|a| a.done_at.is_some()).count());

    // The triggers run again for what users do next.
    store.create_lead(&crate::lead("After the demo"), at(28, 9)).await.unwrap();
    crate::tallies::assert_tallies_true(&store, &pool).await;
    assert_eq!(store.search_leads("After the demo", 5).await.unwrap().len(), 1);
}
