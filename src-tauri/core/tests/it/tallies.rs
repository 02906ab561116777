//! The live-lead tallies and the live-only search index stay equal to what a full count says,
//! through creates, edits, tag changes, tombstones, restores and hard deletes.

use sqlx::SqlitePool;
use tandem_core::Store;
use tandem_core::model::{LeadInput, LeadQuery, LifecycleStage};

use crate::{at, lead, workspace};

/// Every tally next to the same number counted the slow way, on a second connection to the file.
pub(crate) async fn assert_tallies_true(store: &Store, pool: &SqlitePool) {
    let checks = [
        ("all", "SELECT '', count(*) FROM leads WHERE deleted_at IS NULL"),
        ("stage", "SELECT lifecycle_stage, count(*) FROM leads WHERE deleted_at IS NULL GROUP BY 1"),
        ("owner", "SELECT owner, count(*) FROM leads WHERE deleted_at IS NULL AND owner IS NOT NULL GROUP BY 1"),
        (
            "tag",
            "SELECT lt.tag_id, count(*) FROM lead_tags lt JOIN leads l ON l.id = lt.lead_id \
             WHERE l.deleted_at IS NULL GROUP BY 1",
        ),
    ];
    for (facet, counted) in checks {
        let mut expected: Vec<(String, i64)> = sqlx::query_as(counted).fetch_all(pool).await.unwrap();
        let mut tallied: Vec<(String, i64)> =
            sqlx::query_as("SELECT value, live FROM lead_tallies WHERE facet = ?1 AND live != 0")
                .bind(facet)
                .fetch_all(pool)
                .await
                .unwrap();
        expected.retain(|(_, n)| *n != 0);
        expected.sort();
        tallied.sort();
        assert_eq!(tallied, expected, "facet {facet}");
    }
    let indexed: i64 = sqlx::query_scalar("SELECT count(*) FROM lead_search").fetch_one(pool).await.unwrap();
    let live: i64 =
        sqlx::query_scalar("SELECT count(*) FROM leads WHERE deleted_at IS NULL").fetch_one(pool).await.unwrap();
    assert_eq!(indexed, live, "the search index holds live leads only");
    assert_eq!(store.lead_facets().await.unwrap().total as i64, live);
}

#[tokio::test]
async fn tallies_follow_every_kind_of_change() {
    let (store, dir) = workspace().await;
    let pool = SqlitePool::connect(&format!("sqlite://{}", dir.path().join("test.tandem").display())).await.unwrap();
    let mut ids = Vec::new();
    for i in 0..12u32 {
        let input = LeadInput {
            owner: [None, Some("Sam"), Some("Kim")][i as usize % 3].map(Into::into),
            lifecycle_stage: Some(
                [LifecycleStage::Lead, LifecycleStage::Mql, LifecycleStage::Customer][i as usize % 3],
            ),
            tags: match i % 4 {
                0 => vec!["vip".into()],
                1 => vec!["vip".into(), "cold".into()],
                _ => vec![],
            },
            ..lead(&format!("Lead {i}"))
        };
        ids.push(store.create_lead(&input, at(1, 9)).await.unwrap().id);
    }
    assert_tallies_true(&store, &pool).await;

    let moved = LeadInput {
        owner: Some("Kim".into()),
        lifecycle_stage: Some(LifecycleStage::Sql),
        tags: vec!["cold".into(), "new".into()],
        ..lead("Lead 0")
    };
    store.update_lead(&ids[0], &moved, at(2, 9)).await.unwrap();
    assert_tallies_true(&store, &pool).await;

    for id in &ids[1..5] {
        store.delete_lead(id, at(3, 9)).await.unwrap();
    }
    assert_tallies_true(&store, &pool).await;
    store.restore_lead(&ids[1], at(4, 9)).await.unwrap();
    assert_tallies_true(&store, &pool).await;

    // Hard deletes (a later purge or merge): the cascade removes tags before AFTER triggers run.
    sqlx::query("DELETE FROM leads WHERE id IN (?1, ?2)").bind(&ids[5]).bind(&ids[2]).execute(&pool).await.unwrap();
    assert_tallies_true(&store, &pool).await;

    let vip = LeadQuery { tag: Some("vip".into()), limit: 50, ..Default::default() };
    let page = store.list_leads(&vip).await.unwrap();
    assert_eq!(page.total as usize, page.leads.len());
    let both = LeadQuery { tag: Some("vip".into()), owner: Some("Sam".into()), limit: 50, ..Default::default() };
    let page = store.list_leads(&both).await.unwrap();
    assert_eq!(page.total as usize, page.leads.len(), "two filters are counted directly");
    assert!(page.leads.iter().all(|l| l.owner.as_deref() == Some("Sam") && l.tags.contains(&"vip".to_owned())));
}
