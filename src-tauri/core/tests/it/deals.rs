//! The pipeline board and moving cards, on the small demo workspace: what the board shows agrees
//! with the tables counted the slow way, moves keep the order, and bad moves change nothing.

use sqlx::SqlitePool;
use tandem_core::Store;
use tandem_core::demo::{Scale, generate};
use tandem_core::model::{Board, BoardFilter, DealStatus, LeadInput, StatusChange};
use tandem_core::store::{DealFilter, DealMove};

use crate::at;

async fn demo() -> (Store, SqlitePool, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.tandem");
    let store = Store::open(&path).await.unwrap();
    store.write_demo(&generate(Scale::Small, 3, at(27, 12))).await.unwrap();
    let pool = SqlitePool::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    (store, pool, dir)
}

fn all() -> BoardFilter {
    BoardFilter::default()
}

fn order(board: &Board, column: usize) -> Vec<String> {
    board.columns[column].deals.iter().map(|d| d.id.clone()).collect()
}

/// The column with the most cards (moves need company).
fn busiest(board: &Board) -> usize {
    (0..board.columns.len()).max_by_key(|&i| board.columns[i].deals.len()).unwrap()
}

fn to(board: &Board, column: usize, after: Option<&str>) -> DealMove {
    DealMove { stage_id: board.columns[column].stage.id.clone(), after: after.map(str::to_owned) }
}

#[tokio::test]
async fn the_board_shows_every_open_deal_once_with_what_the_tables_say() {
    let (store, pool, _dir) = demo().await;
    let board = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let (pipeline_id, open): (String, i64) = sqlx::query_as(
        "SELECT p.id, (SELECT count(*) FROM deals d WHERE d.pipeline_id = p.id AND d.status = 'open')
         FROM pipelines p ORDER BY p.position LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(board.pipeline_id, pipeline_id);
    assert_eq!(board.totals.count as i64, open);
    assert!(open > 20, "the demo fills the board");

    for column in &board.columns {
        let positions: Vec<&str> = column.deals.iter().map(|d| d.position.as_str()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "cards in position order");
        let (count, value): (i64, i64) = sqlx::query_as(
            "SELECT count(*), coalesce(sum(value_minor), 0) FROM deals WHERE stage_id = ? AND status = 'open'",
        )
        .bind(&column.stage.id)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(column.totals.count as i64, count, "{}", column.stage.name);
        assert_eq!(column.totals.value.iter().map(|a| a.minor).sum::<i64>(), value);
        for card in &column.deals {
            let (lead, company, next_due, last_done): (String, Option<String>, Option<String>, Option<String>) =
                sqlx::query_as(
                    "SELECT l.name, c.name,
                        (SELECT min(due_at) FROM activities WHERE deal_id = ?1 AND done_at IS NULL AND due_at IS NOT NULL),
                        (SELECT max(done_at) FROM activities WHERE deal_id = ?1)
                     FROM deals d JOIN leads l ON l.id = d.lead_id LEFT JOIN companies c ON c.id = l.company_id
                     WHERE d.id = ?1",
                )
                .bind(&card.id)
                .fetch_one(&pool)
                .await
                .unwrap();
            assert_eq!((&card.lead_name, &card.company), (&lead, &company));
            let due = card.next_activity.as_ref().map(|a| tandem_core::model::time::to_db(a.due_at));
            assert_eq!(due, next_due, "next activity of {}", card.title);
            assert_eq!(card.last_activity_done_at.map(tandem_core::model::time::to_db), last_done);
        }
    }
}

#[tokio::test]
async fn cards_follow_their_lead_company_and_activities() {
    let (store, pool, _dir) = demo().await;
    let board = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let card = board.columns[busiest(&board)].deals[0].clone();
    let lead = store.get_lead(&card.lead_id).await.unwrap();
    let input = LeadInput {
        name: "Renamed Person".into(),
        company: Some("Brand New Co".into()),
        email: lead.email.clone(),
        owner: lead.owner.clone(),
        tags: lead.tags.clone(),
        lifecycle_stage: Some(lead.lifecycle_stage),
        ..Default::default()
    };
    store.update_lead(&lead.id, &input, at(27, 13)).await.unwrap();

    sqlx::query(
        "INSERT INTO activities (id, kind, subject, lead_id, deal_id, due_at, created_at, updated_at)
         VALUES ('0193a000-0000-7000-8000-0000000000aa', 'call', 'Call back', ?1, ?2,
                 '2026-11-01T08:00:00.000Z', '2026-11-27T13:00:00.000Z', '2026-11-27T13:00:00.000Z')",
    )
    .bind(&card.lead_id)
    .bind(&card.id)
    .execute(&pool)
    .await
    .unwrap();
    let after = store.board(None, &all(), 500, at(27, 14)).await.unwrap();
    let seen = after.columns.iter().flat_map(|c| &c.deals).find(|d| d.id == card.id).unwrap();
    assert_eq!(seen.lead_name, "Renamed Person");
    assert_eq!(seen.company.as_deref(), Some("Brand New Co"));
    assert_eq!(seen.next_activity.as_ref().unwrap().subject, "Call back", "the earliest due comes first");

    // Done: it is no longer next, and it counts as the last done activity (which resets rotting).
    sqlx::query(
        "UPDATE activities SET done_at = '2026-11-27T14:00:00.000Z' WHERE id = '0193a000-0000-7000-8000-0000000000aa'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let after = store.board(None, &all(), 500, at(27, 15)).await.unwrap();
    let seen = after.columns.iter().flat_map(|c| &c.deals).find(|d| d.id == card.id).unwrap();
    assert_ne!(seen.next_activity.as_ref().map(|a| a.subject.as_str()), Some("Call back"));
    assert_eq!(seen.last_activity_done_at, Some(at(27, 14)));
    assert!(!seen.rotting);
}

#[tokio::test]
async fn moves_to_first_last_and_between_keep_the_order() {
    let (store, _pool, _dir) = demo().await;
    let board = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let col = busiest(&board);
    let mut expected = order(&board, col);
    assert!(expected.len() >= 4);

    // Last card to first place; first card (now second) to last; one card between two others.
    let last = expected.pop().unwrap();
    store.move_deal(&last, &to(&board, col, None), at(27, 13)).await.unwrap();
    expected.insert(0, last);
    let second = expected.remove(1);
    store.move_deal(&second, &to(&board, col, Some(expected.last().unwrap())), at(27, 13)).await.unwrap();
    expected.push(second);
    let mover = expected.remove(0);
    store.move_deal(&mover, &to(&board, col, Some(&expected[1])), at(27, 13)).await.unwrap();
    expected.insert(2, mover);
    assert_eq!(order(&store.board(None, &all(), 500, at(27, 13)).await.unwrap(), col), expected);

    // Many moves in a row, always into the same narrow gap or to a pseudo-random place.
    let mut seed: u64 = 42;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for round in 0..120 {
        let from = if round % 2 == 0 { expected.len() - 1 } else { next() % expected.len() };
        let moved = expected.remove(from);
        let place = if round % 3 == 0 { 1 } else { next() % (expected.len() + 1) };
        let after = place.checked_sub(1).map(|i| expected[i].clone());
        store.move_deal(&moved, &to(&board, col, after.as_deref()), at(27, 14)).await.unwrap();
        expected.insert(place, moved);
    }
    let now = store.board(None, &all(), 500, at(27, 14)).await.unwrap();
    assert_eq!(order(&now, col), expected);
    assert!(now.columns[col].deals.iter().all(|d| d.position.len() <= 40), "keys stay short");
}

#[tokio::test]
async fn a_move_to_another_stage_is_recorded_and_restarts_the_time_in_stage() {
    let (store, pool, _dir) = demo().await;
    let board = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let from = busiest(&board);
    let target = (from + 1) % board.columns.len();
    let card = board.columns[from].deals[0].clone();
    let before = board.columns[target].totals.count;

    let moved = store.move_deal(&card.id, &to(&board, target, None), at(27, 13)).await.unwrap();
    assert_eq!(moved.stage_id, board.columns[target].stage.id);
    assert_eq!(moved.stage_entered_at, at(27, 13));

    let after = store.board(None, &all(), 500, at(27, 13)).await.unwrap();
    assert_eq!(after.columns[target].deals[0].id, card.id, "dropped first");
    assert_eq!(after.columns[target].totals.count, before + 1);
    assert_eq!(after.columns[from].totals.count, board.columns[from].totals.count - 1);
    assert_eq!((after.totals.count, &after.totals.value), (board.totals.count, &board.totals.value));
    assert_ne!(after.totals.weighted, board.totals.weighted, "weighted by the new stage's probability");

    let history: Vec<(Option<String>, String, String)> = sqlx::query_as(
        "SELECT from_stage_id, to_stage_id, changed_at FROM deal_stage_changes WHERE deal_id = ? ORDER BY changed_at DESC LIMIT 1",
    )
    .bind(&card.id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        history,
        vec![(
            Some(board.columns[from].stage.id.clone()),
            board.columns[target].stage.id.clone(),
            "2026-11-27T13:00:00.000Z".into()
        )]
    );
}

#[tokio::test]
async fn bad_moves_are_refused_and_change_nothing() {
    let (store, pool, _dir) = demo().await;
    let board = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let col = busiest(&board);
    let card = &board.columns[col].deals[0];
    let other_col = (col + 1) % board.columns.len();
    let other_pipeline = store.board(Some("Partnerships"), &all(), 500, at(27, 12)).await.unwrap();
    let won: String =
        sqlx::query_scalar("SELECT id FROM deals WHERE status = 'won' LIMIT 1").fetch_one(&pool).await.unwrap();
    let someone_elsewhere = board.columns[other_col].deals.first().map(|d| d.id.clone());

    let stage = |id: &str| DealMove { stage_id: id.into(), after: None };
    let cases: Vec<(String, DealMove, &str, &str)> = vec![
        (card.id.clone(), stage(&other_pipeline.columns[0].stage.id), "invalid", "stage_id"),
        (card.id.clone(), stage("not-an-id"), "invalid", "stage_id"),
        ("0193a000-0000-7000-8000-0000000000ff".into(), to(&board, col, None), "not_found", ""),
        (card.id.clone(), to(&board, col, Some(&card.id)), "invalid", "after"),
        (won, to(&board, col, None), "conflict", ""),
    ];
    let mut cases = cases;
    if let Some(elsewhere) = someone_elsewhere {
        cases.push((card.id.clone(), to(&board, col, Some(&elsewhere)), "invalid", "after"));
    }
    for (deal, place, code, field) in cases {
        let err = store.move_deal(&deal, &place, at(27, 13)).await.unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert_eq!(err.field().unwrap_or(""), field, "{err}");
    }
    assert_eq!(store.board(None, &all(), 500, at(27, 12)).await.unwrap(), board, "nothing changed");
}

#[tokio::test]
async fn a_column_reads_page_by_page_in_board_order() {
    let (store, _pool, _dir) = demo().await;
    let full = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let col = busiest(&full);
    let short = store.board(None, &all(), 3, at(27, 12)).await.unwrap();
    assert_eq!(short.columns[col].deals.len(), 3);
    assert_eq!(short.columns[col].totals, full.columns[col].totals, "totals count every deal, not the first page");
    assert_eq!(short.totals, full.totals);

    let (pipeline, stage) = (&full.pipeline_id, &full.columns[col].stage.id);
    let mut paged = Vec::new();
    for offset in (0..full.columns[col].totals.count).step_by(4) {
        paged.extend(store.board_column(pipeline, stage, &all(), offset, 4, at(27, 12)).await.unwrap());
    }
    assert_eq!(paged, full.columns[col].deals);

    let too_many = store.board_column(pipeline, stage, &all(), 0, 501, at(27, 12)).await.unwrap_err();
    assert_eq!(too_many.field(), Some("limit"));
    let other = store.board(Some("Partnerships"), &all(), 1, at(27, 12)).await.unwrap();
    let wrong = store.board_column(pipeline, &other.columns[0].stage.id, &all(), 0, 4, at(27, 12)).await.unwrap_err();
    assert_eq!(wrong.field(), Some("stage_id"));
}

fn new_deal(board: &Board, lead_id: &str) -> tandem_core::model::DealInput {
    tandem_core::model::DealInput {
        title: "Website redesign".into(),
        lead_id: lead_id.into(),
        value_minor: 1_250_000,
        currency: "eur".into(),
        expected_close: Some("2027-01-31".into()),
        probability: None,
        owner: Some("Sam Rivera".into()),
        pipeline_id: board.pipeline_id.clone(),
        stage_id: board.columns[1].stage.id.clone(),
    }
}

#[tokio::test]
async fn a_new_deal_lands_first_in_its_stage_with_its_history_started() {
    let (store, pool, _dir) = demo().await;
    let board = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let lead = board.columns[0].deals[0].lead_id.clone();
    let deal = store.create_deal(&new_deal(&board, &lead), at(27, 13)).await.unwrap();
    assert_eq!((deal.currency.as_str(), deal.stage.as_str()), ("EUR", board.columns[1].stage.name.as_str()));
    assert_eq!(deal.expected_close.unwrap().to_string(), "2027-01-31");

    let after = store.board(None, &all(), 500, at(27, 13)).await.unwrap();
    assert_eq!(after.columns[1].deals[0].id, deal.id, "first in its column");
    assert_eq!(after.columns[1].totals.count, board.columns[1].totals.count + 1);
    let started: (Option<String>, String) =
        sqlx::query_as("SELECT from_stage_id, to_stage_id FROM deal_stage_changes WHERE deal_id = ?")
            .bind(&deal.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(started, (None, board.columns[1].stage.id.clone()));
    assert_eq!(store.get_deal(&deal.id).await.unwrap(), deal);
}

#[tokio::test]
async fn bad_deals_are_refused_with_the_field_named_and_nothing_written() {
    let (store, pool, _dir) = demo().await;
    let board = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let other = store.board(Some("Partnerships"), &all(), 1, at(27, 12)).await.unwrap();
    let lead = board.columns[0].deals[0].lead_id.clone();
    let count = || async { sqlx::query_scalar::<_, i64>("SELECT count(*) FROM deals").fetch_one(&pool).await.unwrap() };
    let before = count().await;
    type Spoil = Box<dyn Fn(&mut tandem_core::model::DealInput)>;
    let cases: Vec<(Spoil, &str)> = vec![
        (Box::new(|d| d.value_minor = -5), "value_minor"),
        (Box::new(|d| d.currency = "EURO".into()), "currency"),
        (Box::new(|d| d.expected_close = Some("31/01/2027".into())), "expected_close"),
        (Box::new(|d| d.probability = Some(140)), "probability"),
        (Box::new(|d| d.title = "  ".into()), "title"),
        (Box::new(|d| d.lead_id = "0193a000-0000-7000-8000-0000000000ff".into()), "lead_id"),
        (Box::new(move |d| d.stage_id = other.columns[0].stage.id.clone()), "stage_id"),
    ];
    for (spoil, field) in cases {
        let mut input = new_deal(&board, &lead);
        spoil(&mut input);
        let err = store.create_deal(&input, at(27, 13)).await.unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(count().await, before, "nothing written");
}

#[tokio::test]
async fn a_deal_with_a_new_lead_writes_both_or_neither() {
    let (store, pool, _dir) = demo().await;
    let board = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let count = |table: &'static str| {
        let pool = pool.clone();
        async move {
            let sql = if table == "leads" { "SELECT count(*) FROM leads" } else { "SELECT count(*) FROM deals" };
            sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await.unwrap()
        }
    };
    let (leads, deals) = (count("leads").await, count("deals").await);
    let lead = LeadInput { name: "Noor Haddad".into(), company: Some("Cedar Bakery".into()), ..LeadInput::default() };

    let mut bad_deal = new_deal(&board, "");
    bad_deal.value_minor = -1;
    let err = store.create_deal_with_lead(&lead, &bad_deal, at(27, 13)).await.unwrap_err();
    assert_eq!(err.field(), Some("value_minor"));
    let nameless = LeadInput { name: " ".into(), ..lead.clone() };
    let err = store.create_deal_with_lead(&nameless, &new_deal(&board, ""), at(27, 13)).await.unwrap_err();
    assert_eq!(err.field(), Some("lead_name"), "the lead's field, named apart from the deal's");
    assert_eq!((count("leads").await, count("deals").await), (leads, deals), "nothing half-written");

    let deal = store.create_deal_with_lead(&lead, &new_deal(&board, ""), at(27, 13)).await.unwrap();
    assert_eq!((deal.lead_name.as_str(), deal.company.as_deref()), ("Noor Haddad", Some("Cedar Bakery")));
    assert_eq!((count("leads").await, count("deals").await), (leads + 1, deals + 1));
}

#[tokio::test]
async fn won_lost_and_reopen_move_a_deal_off_and_back_onto_the_board() {
    let (store, _pool, _dir) = demo().await;
    let board = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let col = busiest(&board);
    let card = board.columns[col].deals[1].clone();

    let won = store.set_deal_status(&card.id, &StatusChange::Won, at(27, 13)).await.unwrap();
    assert_eq!((won.status, won.won_at), (DealStatus::Won, Some(at(27, 13))));
    let after = store.board(None, &all(), 500, at(27, 13)).await.unwrap();
    assert!(!order(&after, col).contains(&card.id), "a won deal leaves the board");
    assert_eq!(after.columns[col].totals.count, board.columns[col].totals.count - 1);
    assert_eq!(store.set_deal_status(&card.id, &StatusChange::Won, at(27, 13)).await.unwrap_err().code(), "conflict");

    let reasons = store.lost_reasons().await.unwrap();
    let lost = store
        .set_deal_status(&card.id, &StatusChange::Lost { reason: reasons[0].to_uppercase() }, at(27, 14))
        .await
        .unwrap();
    assert_eq!(
        (lost.status, lost.won_at, lost.lost_reason.as_deref()),
        (DealStatus::Lost, None, Some(reasons[0].as_str()))
    );
    let bad =
        store.set_deal_status(&card.id, &StatusChange::Lost { reason: "Aliens".into() }, at(27, 14)).await.unwrap_err();
    assert_eq!(bad.field(), Some("reason"));
    assert_eq!(store.get_deal(&card.id).await.unwrap(), lost, "a refused change changes nothing");

    let open = store.set_deal_status(&card.id, &StatusChange::Open, at(27, 15)).await.unwrap();
    assert_eq!((open.status, open.lost_at, open.lost_reason), (DealStatus::Open, None, None));
    assert_eq!(
        order(&store.board(None, &all(), 500, at(27, 15)).await.unwrap(), col),
        order(&board, col),
        "back in its place"
    );

    let listed = store
        .list_deals(&DealFilter {
            pipeline: Some("sales".into()),
            status: Some(DealStatus::Won),
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!listed.is_empty() && listed.iter().all(|d| d.status == DealStatus::Won && d.pipeline == "Sales"));
    let closed: Vec<_> = listed.iter().map(|d| d.won_at.unwrap()).collect();
    assert!(closed.windows(2).all(|w| w[0] >= w[1]), "most recently won first");
    let in_stage = store
        .list_deals(&DealFilter {
            stage: Some(board.columns[col].stage.name.to_lowercase()),
            status: Some(DealStatus::Open),
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(in_stage.len() as u32, board.columns[col].totals.count);
}

/// Every card of a filtered board, read with pages big enough for the small demo.
async fn filtered(store: &Store, filter: &BoardFilter) -> Board {
    store.board(None, filter, 500, at(27, 12)).await.unwrap()
}

fn cards(board: &Board) -> Vec<&tandem_core::model::DealCard> {
    board.columns.iter().flat_map(|c| &c.deals).collect()
}

#[tokio::test]
async fn filters_narrow_the_cards_and_the_totals_follow() {
    let (store, pool, _dir) = demo().await;
    let everything = filtered(&store, &all()).await;
    let some = cards(&everything)[3].clone();

    type Keep<'a> = Box<dyn Fn(&tandem_core::model::DealCard) -> bool + 'a>;
    let cases: Vec<(BoardFilter, Keep<'_>)> = vec![
        (
            BoardFilter { search: Some(some.lead_name.to_uppercase()), ..all() },
            Box::new(|c| c.lead_name == some.lead_name || c.title.contains(&some.lead_name)),
        ),
        (BoardFilter { owner: some.owner.clone(), ..all() }, Box::new(|c| c.owner == some.owner)),
        (
            BoardFilter { min_value_minor: Some(1_000_000), max_value_minor: Some(2_000_000), ..all() },
            Box::new(|c| (1_000_000..=2_000_000).contains(&c.value_minor)),
        ),
        (
            BoardFilter { close_from: Some("2026-12-01".into()), close_to: Some("2026-12-31".into()), ..all() },
            Box::new(|c| c.expected_close.is_some_and(|d| d.to_string().starts_with("2026-12"))),
        ),
        (BoardFilter { rotting_only: true, ..all() }, Box::new(|c| c.rotting)),
    ];
    for (filter, keep) in cases {
        let board = filtered(&store, &filter).await;
        let expected: Vec<&str> = cards(&everything).into_iter().filter(|c| keep(c)).map(|c| c.id.as_str()).collect();
        let got: Vec<&str> = cards(&board).into_iter().map(|c| c.id.as_str()).collect();
        assert_eq!(got, expected, "{filter:?}");
        assert!(!got.is_empty() && got.len() < cards(&everything).len(), "the demo tells the filter apart: {filter:?}");
        for column in &board.columns {
            let value: i64 = column.deals.iter().map(|d| d.value_minor).sum();
            assert_eq!(column.totals.count as usize, column.deals.len(), "{filter:?}");
            assert_eq!(column.totals.value.iter().map(|a| a.minor).sum::<i64>(), value, "{filter:?}");
        }
    }

    // Source campaign: the campaign of the lead's first touchpoint.
    let (campaign, leads): (String, i64) = sqlx::query_as(
        "SELECT campaign_id, count(*) FROM (
           SELECT (SELECT t.campaign_id FROM touchpoints t WHERE t.lead_id = d.lead_id ORDER BY t.occurred_at, t.id LIMIT 1) AS campaign_id
           FROM deals d JOIN pipelines p ON p.id = d.pipeline_id
           WHERE d.status = 'open' AND p.position = (SELECT min(position) FROM pipelines))
         WHERE campaign_id IS NOT NULL GROUP BY campaign_id ORDER BY count(*) DESC LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let board = filtered(&store, &BoardFilter { campaign_id: Some(campaign), ..all() }).await;
    assert_eq!(board.totals.count as i64, leads);

    let bad = [
        (BoardFilter { close_from: Some("soon".into()), ..all() }, "close_from"),
        (BoardFilter { min_value_minor: Some(5), max_value_minor: Some(1), ..all() }, "max_value_minor"),
        (BoardFilter { min_value_minor: Some(-1), ..all() }, "min_value_minor"),
        (BoardFilter { campaign_id: Some("x".into()), ..all() }, "campaign_id"),
    ];
    for (filter, field) in bad {
        let err = store.board(None, &filter, 5, at(27, 12)).await.unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
}

#[tokio::test]
async fn the_search_folds_case_and_accents_and_follows_renames() {
    let (store, _pool, _dir) = demo().await;
    let board = filtered(&store, &all()).await;
    let card = cards(&board)[0].clone();
    let lead = store.get_lead(&card.lead_id).await.unwrap();
    let input = LeadInput {
        name: "Zoë Müller-Ångström".into(),
        ..LeadInput { name: lead.name.clone(), ..Default::default() }
    };
    store.update_lead(&lead.id, &input, at(27, 13)).await.unwrap();

    for typed in ["müller", "MULLER", "zoe ang", "ÅNG"] {
        let found = filtered(&store, &BoardFilter { search: Some(typed.into()), ..all() }).await;
        assert!(cards(&found).iter().any(|c| c.id == card.id), "{typed:?} finds the renamed lead's deal");
        assert!(
            cards(&found).iter().all(|c| c.lead_name == "Zoë Müller-Ångström" || c.title.contains("Müller")),
            "{typed:?}"
        );
    }
    let none = filtered(&store, &BoardFilter { search: Some("%_".into()), ..all() }).await;
    assert_eq!(none.totals.count, 0, "punctuation alone finds nothing");
}

#[tokio::test]
async fn editing_a_deal_saves_every_field_and_a_new_pipeline_is_a_recorded_move() {
    let (store, pool, _dir) = demo().await;
    let board = store.board(None, &all(), 500, at(27, 12)).await.unwrap();
    let card = board.columns[0].deals[0].clone();
    let other_lead = cards(&board).into_iter().find(|c| c.lead_id != card.lead_id).unwrap().lead_id.clone();
    let partnerships = store.board(Some("Partnerships"), &all(), 1, at(27, 12)).await.unwrap();
    let input = tandem_core::model::DealInput {
        title: "Bigger scope".into(),
        lead_id: other_lead.clone(),
        value_minor: 990_000,
        currency: "usd".into(),
        expected_close: Some("2027-02-28".into()),
        probability: Some(35),
        owner: Some("Jordan Lee".into()),
        pipeline_id: partnerships.pipeline_id.clone(),
        stage_id: partnerships.columns[0].stage.id.clone(),
    };
    let saved = store.update_deal(&card.id, &input, at(27, 13)).await.unwrap();
    assert_eq!(
        (
            saved.title.as_str(),
            saved.lead_id.as_str(),
            saved.value_minor,
            saved.currency.as_str(),
            saved.probability_override
        ),
        ("Bigger scope", other_lead.as_str(), 990_000, "USD", Some(35))
    );
    assert_eq!(
        (saved.pipeline.as_str(), saved.stage_id.as_str()),
        ("Partnerships", partnerships.columns[0].stage.id.as_str())
    );
    let moved = store.board(Some("Partnerships"), &all(), 500, at(27, 13)).await.unwrap();
    let first = &moved.columns[0].deals[0];
    assert_eq!(first.id, card.id, "first in its new column");
    assert_ne!(first.lead_name, card.lead_name, "the card follows its new lead");
    let changes: i64 =
        sqlx::query_scalar("SELECT count(*) FROM deal_stage_changes WHERE deal_id = ? AND to_stage_id = ?")
            .bind(&card.id)
            .bind(&partnerships.columns[0].stage.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(changes, 1);

    let bad = tandem_core::model::DealInput { currency: "ABC".into(), ..input };
    assert_eq!(store.update_deal(&card.id, &bad, at(27, 14)).await.unwrap_err().field(), Some("currency"));
    assert_eq!(store.get_deal(&card.id).await.unwrap(), saved, "a refused edit changes nothing");
}

#[tokio::test]
async fn the_lost_reasons_list_is_edited_without_touching_lost_deals() {
    let (store, pool, _dir) = demo().await;
    let before = store.lost_reasons().await.unwrap();
    let (deal, reason): (String, String) = sqlx::query_as(
        "SELECT d.id, r.name FROM deals d JOIN lost_reasons r ON r.id = d.lost_reason_id WHERE d.status = 'lost' LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();

    let list = store.add_lost_reason("  Went with a friend ", at(27, 13)).await.unwrap();
    assert_eq!(list.last().map(String::as_str), Some("Went with a friend"));
    assert_eq!(store.add_lost_reason(&reason.to_uppercase(), at(27, 13)).await.unwrap_err().field(), Some("name"));

    let list = store.rename_lost_reason(&reason, "Budget cut", at(27, 13)).await.unwrap();
    assert!(list.contains(&"Budget cut".to_string()) && !list.contains(&reason));
    assert_eq!(store.get_deal(&deal).await.unwrap().lost_reason.as_deref(), Some("Budget cut"));

    let list = store.delete_lost_reason("budget cut", at(27, 14)).await.unwrap();
    assert!(!list.contains(&"Budget cut".to_string()));
    assert_eq!(store.get_deal(&deal).await.unwrap().lost_reason.as_deref(), Some("Budget cut"), "kept on the deal");
    let lost = store.set_deal_status(&deal, &StatusChange::Lost { reason: "Budget cut".into() }, at(27, 14)).await;
    assert_eq!(lost.unwrap_err().field(), Some("reason"), "no longer offered");

    let list = store.add_lost_reason("budget cut", at(27, 15)).await.unwrap();
    assert_eq!(list.last().map(String::as_str), Some("budget cut"), "the deleted one comes back");
    assert_eq!(list.len(), before.len() + 1);
    assert_eq!(store.delete_lost_reason("Nope", at(27, 15)).await.unwrap_err().code(), "not_found");
}
