//! Activities on a deal: the card's next activity and rotting follow them, and the deal's
//! timeline shows them with the stage history.

use tandem_core::Store;
use tandem_core::demo::{Scale, generate};
use tandem_core::model::{ActivityInput, Board, BoardFilter, DealCard};
use tandem_core::store::DealMove;

use crate::at;

async fn demo() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("test.tandem")).await.unwrap();
    store.write_demo(&generate(Scale::Small, 6, at(27, 12))).await.unwrap();
    (store, dir)
}

async fn card(store: &Store, id: &str, day: u32) -> DealCard {
    let board: Board = store.board(None, &BoardFilter::default(), 500, at(day, 12)).await.unwrap();
    board.columns.into_iter().flat_map(|c| c.deals).find(|d| d.id == id).unwrap()
}

#[tokio::test]
async fn a_done_activity_resets_rotting_and_the_next_one_shows_on_the_card() {
    let (store, _dir) = demo().await;
    let rotting =
        store.board(None, &BoardFilter { rotting_only: true, ..Default::default() }, 500, at(27, 12)).await.unwrap();
    let deal = rotting.columns.iter().flat_map(|c| &c.deals).next().expect("the demo has rotting deals").clone();

    let call = store
        .add_activity(
            &ActivityInput {
                kind: "call".into(),
                subject: "Follow up on the quote".into(),
                lead_id: deal.lead_id.clone(),
                deal_id: Some(deal.id.clone()),
                due_at: Some("2026-11-28T09:00:00+01:00".into()),
                ..Default::default()
            },
            at(27, 13),
        )
        .await
        .unwrap();
    assert_eq!(call.due_at, Some(at(28, 8)), "stored in UTC");
    let seen = card(&store, &deal.id, 27).await;
    assert!(seen.rotting, "planning an activity is not doing one");
    assert_eq!(seen.next_activity.as_ref().map(|a| a.id.as_str()), Some(call.id.as_str()), "the earliest due is next");

    let moved = store.reschedule_activity(&call.id, "2026-12-02T10:00:00Z", at(27, 14)).await.unwrap();
    assert_eq!(moved.due_at, Some(tandem_core::model::time::from_db("2026-12-02T10:00:00.000Z").unwrap()));

    let done = store.complete_activity(&call.id, at(27, 15)).await.unwrap();
    assert_eq!(done.done_at, Some(at(27, 15)));
    let seen = card(&store, &deal.id, 27).await;
    assert!(!seen.rotting, "a done activity resets the rotting clock");
    assert_eq!(seen.last_activity_done_at, Some(at(27, 15)));
    assert_ne!(seen.next_activity.as_ref().map(|a| a.id.as_str()), Some(call.id.as_str()));
    assert_eq!(store.complete_activity(&call.id, at(27, 16)).await.unwrap_err().code(), "conflict");

    let timeline = store.deal_timeline(&deal.id).await.unwrap();
    assert!(timeline.activities.iter().any(|a| a.id == call.id && a.done_at.is_some()));
    let undone = timeline.activities.iter().take_while(|a| a.done_at.is_none()).count();
    assert!(timeline.activities[undone..].iter().all(|a| a.done_at.is_some()), "to do first, then done");
}

#[tokio::test]
async fn the_timeline_holds_the_stage_history_in_order() {
    let (store, _dir) = demo().await;
    let board = store.board(None, &BoardFilter::default(), 500, at(27, 12)).await.unwrap();
    let deal = board.columns[0].deals[0].clone();
    let next = &board.columns[1].stage;
    store.move_deal(&deal.id, &DealMove { stage_id: next.id.clone(), after: None }, at(27, 13)).await.unwrap();
    let history = store.deal_timeline(&deal.id).await.unwrap().stage_history;
    let last = history.last().unwrap();
    assert_eq!(
        (last.from.as_deref(), last.to.as_str(), last.at),
        (Some(board.columns[0].stage.name.as_str()), next.name.as_str(), at(27, 13))
    );
    assert!(history.windows(2).all(|w| w[0].at <= w[1].at), "oldest first");
    assert_eq!(history[0].from, None, "where it started");
}

#[tokio::test]
async fn bad_activities_are_refused_with_the_field_named() {
    let (store, _dir) = demo().await;
    let board = store.board(None, &BoardFilter::default(), 5, at(27, 12)).await.unwrap();
    let deal = &board.columns[0].deals[0];
    let other = board.columns.iter().flat_map(|c| &c.deals).find(|d| d.lead_id != deal.lead_id).unwrap();
    let good = ActivityInput {
        kind: "meeting".into(),
        subject: "Site visit 4711".into(),
        lead_id: deal.lead_id.clone(),
        deal_id: Some(deal.id.clone()),
        ..Default::default()
    };
    let cases: Vec<(ActivityInput, &str)> = vec![
        (ActivityInput { kind: "lunch".into(), ..good.clone() }, "kind"),
        (ActivityInput { subject: " ".into(), ..good.clone() }, "subject"),
        (ActivityInput { due_at: Some("tomorrow".into()), ..good.clone() }, "due_at"),
        (ActivityInput { deal_id: Some(other.id.clone()), ..good.clone() }, "deal_id"),
        (
            ActivityInput { lead_id: "0193a000-0000-7000-8000-0000000000ff".into(), deal_id: None, ..good.clone() },
            "lead_id",
        ),
    ];
    for (input, field) in cases {
        let err = store.add_activity(&input, at(27, 13)).await.unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    let timeline = store.deal_timeline(&deal.id).await.unwrap();
    assert!(timeline.activities.iter().all(|a| a.subject != "Site visit 4711"), "nothing written");
    assert_eq!(
        store
            .reschedule_activity("0193a000-0000-7000-8000-0000000000ff", "2026-12-01T09:00:00Z", at(27, 13))
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[tokio::test]
async fn the_sales_layer_shows_open_follow_ups_due_in_the_range() {
    let (store, _dir) = demo().await;
    let board = store.board(None, &BoardFilter::default(), 5, at(27, 12)).await.unwrap();
    let deal = board.columns[0].deals[0].clone();
    let call = ActivityInput {
        kind: "call".into(),
        subject: "Call about the renewal".into(),
        lead_id: deal.lead_id.clone(),
        deal_id: Some(deal.id.clone()),
        due_at: Some("2027-02-10T09:30:00Z".into()),
        ..Default::default()
    };
    let added = store.add_activity(&call, at(27, 13)).await.unwrap();
    let february = tandem_core::model::CalendarRange {
        from: "2027-02-01".into(),
        to: "2027-03-01".into(),
        time_zone: "Europe/Paris".into(),
    };
    let layer = store.sales_activities(&february).await.unwrap();
    let shown = layer.iter().find(|a| a.id == added.id).expect("the call is on the sales layer");
    assert_eq!((shown.deal_id.as_str(), shown.deal_title.as_str()), (deal.id.as_str(), deal.title.as_str()));
    assert!(layer.windows(2).all(|w| w[0].due_at <= w[1].due_at), "in due order");
    let paris = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap().to_utc();
    let (first, last) = (paris("2027-02-01T00:00:00+01:00"), paris("2027-03-01T00:00:00+01:00"));
    assert!(layer.iter().all(|a| a.due_at >= first && a.due_at < last), "inside Paris's February");

    store.complete_activity(&added.id, at(27, 14)).await.unwrap();
    assert!(!store.sales_activities(&february).await.unwrap().iter().any(|a| a.id == added.id), "done: history");
}
