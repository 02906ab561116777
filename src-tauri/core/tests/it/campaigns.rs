//! Campaigns: their life (create, edit, archive, delete, restore) and the filtered list.

use tandem_core::demo::{Scale, generate};
use tandem_core::model::{CampaignInput, CampaignStatus};
use tandem_core::store::{CampaignQuery, CampaignSort};

use crate::{at, workspace};

fn spring() -> CampaignInput {
    CampaignInput {
        name: "Spring open house".into(),
        objective: Some("Fill the March workshops".into()),
        channels: vec!["Email".into(), "Events".into()],
        start_date: Some("2027-03-01".into()),
        end_date: Some("2027-03-31".into()),
        currency: "EUR".into(),
        budget_minor: 250_000,
        code: Some("SPRING-27".into()),
        ..CampaignInput::default()
    }
}

fn all() -> CampaignQuery {
    CampaignQuery::default()
}

#[tokio::test]
async fn a_campaign_is_created_edited_and_its_code_stays_its_own() {
    let (store, _dir) = workspace().await;
    let c = store.create_campaign(&spring(), at(27, 10)).await.unwrap();
    assert_eq!(store.get_campaign(&c.id).await.unwrap(), c);
    assert_eq!((c.status, c.channels.len(), c.budget_minor), (CampaignStatus::Planned, 2, 250_000));

    let copy = CampaignInput { name: "Copy".into(), code: Some("spring-27".into()), ..spring() };
    let err = store.create_campaign(&copy, at(27, 11)).await.unwrap_err();
    assert_eq!(err.field(), Some("code"), "codes are unique whatever their case: {err}");

    let edited = CampaignInput { status: Some(CampaignStatus::Active), spend_minor: 40_000, ..spring() };
    let saved = store.update_campaign(&c.id, &edited, at(27, 12)).await.unwrap();
    assert_eq!((saved.status, saved.spend_minor, saved.updated_at), (CampaignStatus::Active, 40_000, at(27, 12)));
    assert_eq!(saved.code.as_deref(), Some("SPRING-27"), "its own code is no conflict");

    let backwards = CampaignInput { end_date: Some("2027-02-01".into()), ..edited };
    assert_eq!(store.update_campaign(&c.id, &backwards, at(27, 13)).await.unwrap_err().field(), Some("end_date"));
    assert_eq!(store.get_campaign(&c.id).await.unwrap(), saved, "a refused edit changes nothing");
}

#[tokio::test]
async fn archive_hides_delete_tombstones_and_both_come_back() {
    let (store, _dir) = workspace().await;
    let c = store.create_campaign(&spring(), at(27, 10)).await.unwrap();
    let ids = |list: Vec<tandem_core::model::Campaign>| list.into_iter().map(|c| c.id).collect::<Vec<_>>();

    store.archive_campaign(&c.id, true, at(27, 11)).await.unwrap();
    assert!(ids(store.list_campaigns(&all()).await.unwrap()).is_empty());
    let with_archived = CampaignQuery { include_archived: true, ..all() };
    assert_eq!(ids(store.list_campaigns(&with_archived).await.unwrap()), std::slice::from_ref(&c.id));
    store.archive_campaign(&c.id, false, at(27, 12)).await.unwrap();

    let deleted = store.delete_campaign(&c.id, at(27, 13)).await.unwrap();
    assert_eq!(deleted.deleted_at, Some(at(27, 13)));
    assert!(ids(store.list_campaigns(&with_archived).await.unwrap()).is_empty());
    let err = store.create_campaign(&CampaignInput { name: "Other".into(), ..spring() }, at(27, 14)).await.unwrap_err();
    assert!(err.to_string().contains("deleted"), "{err}");
    assert_eq!(store.archive_campaign(&c.id, true, at(27, 14)).await.unwrap_err().code(), "conflict");

    store.restore_campaign(&c.id, at(27, 15)).await.unwrap();
    assert_eq!(ids(store.list_campaigns(&all()).await.unwrap()), [c.id]);
}

#[tokio::test]
async fn the_list_filters_by_status_channel_and_dates_and_sorts() {
    let (store, _dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 4, at(27, 12))).await.unwrap();
    let everything = store.list_campaigns(&all()).await.unwrap();
    assert!(everything.len() >= 10);

    let active = store.list_campaigns(&CampaignQuery { status: Some(CampaignStatus::Active), ..all() }).await.unwrap();
    assert_eq!(active.len(), everything.iter().filter(|c| c.status == CampaignStatus::Active).count());

    let channel = everything[0].channels[0].clone();
    let by_channel =
        store.list_campaigns(&CampaignQuery { channel: Some(channel.to_uppercase()), ..all() }).await.unwrap();
    let expected = everything.iter().filter(|c| c.channels.iter().any(|ch| ch.eq_ignore_ascii_case(&channel))).count();
    assert_eq!(by_channel.len(), expected);
    assert!(expected < everything.len(), "the filter narrows");

    let (from, to) =
        (chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    let december = CampaignQuery { from: Some(from.to_string()), to: Some(to.to_string()), ..all() };
    let running = store.list_campaigns(&december).await.unwrap();
    let overlapping = everything
        .iter()
        .filter(|c| c.end_date.is_none_or(|e| e >= from) && c.start_date.is_none_or(|s| s <= to))
        .count();
    assert_eq!(running.len(), overlapping);
    assert!(running.iter().all(|c| c.end_date.is_none_or(|e| e >= from)));

    let by_name = store.list_campaigns(&CampaignQuery { sort: CampaignSort::Name, ..all() }).await.unwrap();
    assert!(by_name.windows(2).all(|w| w[0].name.to_lowercase() <= w[1].name.to_lowercase()));
    let bad = CampaignQuery { from: Some("Dec 1".into()), ..all() };
    assert_eq!(store.list_campaigns(&bad).await.unwrap_err().field(), Some("from"));
}

#[tokio::test]
async fn a_campaigns_numbers_count_its_leads_their_deals_and_cost_per_lead() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.tandem");
    let store = tandem_core::Store::open(&path).await.unwrap();
    store.write_demo(&generate(Scale::Small, 4, at(27, 12))).await.unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    // The campaign that touched most leads, and the same numbers by a join, written differently.
    let (id, leads): (String, i64) = sqlx::query_as(
        "SELECT campaign_id, count(DISTINCT lead_id) n FROM touchpoints GROUP BY campaign_id ORDER BY n DESC LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let (deals, open, won): (i64, i64, i64) = sqlx::query_as(
        "SELECT count(*), coalesce(sum(CASE WHEN status = 'open' THEN value_minor END), 0),
                coalesce(sum(CASE WHEN status = 'won' THEN value_minor END), 0)
         FROM deals WHERE deleted_at IS NULL
           AND EXISTS (SELECT 1 FROM touchpoints t WHERE t.lead_id = deals.lead_id AND t.campaign_id = ?)",
    )
    .bind(&id)
    .fetch_one(&pool)
    .await
    .unwrap();
    let n = store.campaign_numbers(&id).await.unwrap();
    assert_eq!((i64::from(n.leads), i64::from(n.deals)), (leads, deals));
    assert!(deals > 0, "the demo's busiest campaign has deals");
    assert_eq!(n.pipeline.iter().map(|a| a.minor).sum::<i64>(), open);
    assert_eq!(n.won.iter().map(|a| a.minor).sum::<i64>(), won);
    let spend = store.get_campaign(&id).await.unwrap().spend_minor;
    assert_eq!(n.cost_per_lead.unwrap().minor, (spend as f64 / leads as f64).round() as i64);

    let quiet = store.create_campaign(&spring(), at(27, 13)).await.unwrap();
    let none = store.campaign_numbers(&quiet.id).await.unwrap();
    assert_eq!((none.leads, none.deals, none.cost_per_lead), (0, 0, None));
}

#[tokio::test]
async fn a_campaign_page_lists_its_items_leads_and_deals_as_its_numbers_count_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.tandem");
    let store = tandem_core::Store::open(&path).await.unwrap();
    store.write_demo(&generate(Scale::Small, 4, at(27, 12))).await.unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    let id: String = sqlx::query_scalar(
        "SELECT campaign_id FROM touchpoints GROUP BY campaign_id ORDER BY count(DISTINCT lead_id) DESC LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let items: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM calendar_items WHERE campaign_id = ? AND deleted_at IS NULL AND series_id IS NULL",
    )
    .bind(&id)
    .fetch_one(&pool)
    .await
    .unwrap();

    let page = store.campaign_page(&id).await.unwrap();
    assert_eq!(page.campaign.id, id);
    assert_eq!(page.numbers, store.campaign_numbers(&id).await.unwrap());
    assert_eq!((page.leads.len(), page.deals.len()), (page.numbers.leads as usize, page.numbers.deals as usize));
    assert_eq!((page.items.len() as i64, i64::from(page.items_total)), (items, items));
    assert!(page.leads.windows(2).all(|w| w[0].last_touch >= w[1].last_touch), "most recently touched first");
    let open_first = page.deals.iter().position(|d| d.status != tandem_core::model::DealStatus::Open);
    assert!(
        open_first.is_none_or(|i| page.deals[i..].iter().all(|d| d.status != tandem_core::model::DealStatus::Open))
    );
    let open: i64 =
        page.deals.iter().filter(|d| d.status == tandem_core::model::DealStatus::Open).map(|d| d.value.minor).sum();
    assert_eq!(open, page.numbers.pipeline.iter().map(|a| a.minor).sum::<i64>());
    assert!(page.deals.iter().all(|d| page.leads.iter().any(|l| l.id == d.lead_id)), "every deal is one of its leads'");

    let quiet = store.create_campaign(&spring(), at(27, 13)).await.unwrap();
    let empty = store.campaign_page(&quiet.id).await.unwrap();
    assert!(empty.items.is_empty() && empty.leads.is_empty() && empty.deals.is_empty());
    assert_eq!(store.campaign_page("nope").await.unwrap_err().field(), Some("id"));
}
