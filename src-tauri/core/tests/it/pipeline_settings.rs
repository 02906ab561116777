//! Pipeline settings: stages added, renamed, reordered and deleted without orphaning a deal.

use sqlx::SqlitePool;
use tandem_core::Store;
use tandem_core::demo::{Scale, generate};
use tandem_core::model::{BoardFilter, StageInput};

use crate::at;

async fn demo() -> (Store, SqlitePool, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.tandem");
    let store = Store::open(&path).await.unwrap();
    store.write_demo(&generate(Scale::Small, 4, at(27, 12))).await.unwrap();
    let pool = SqlitePool::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    (store, pool, dir)
}

fn stage(name: &str, probability: i64, rotting_days: Option<i64>) -> StageInput {
    StageInput { name: name.into(), probability, rotting_days }
}

fn names(p: &tandem_core::model::Pipeline) -> Vec<&str> {
    p.stages.iter().map(|s| s.name.as_str()).collect()
}

#[tokio::test]
async fn a_new_pipeline_gets_stages_that_can_be_renamed_reordered_and_added() {
    let (store, _pool, _dir) = demo().await;
    let p = store
        .create_pipeline("Renewals", &[stage("Due", 30, Some(14)), stage("Quoted", 60, None)], at(27, 13))
        .await
        .unwrap();
    assert_eq!(names(&p), ["Due", "Quoted"]);
    assert_eq!(store.pipelines().await.unwrap().last().unwrap().id, p.id, "after the others");

    let p = store.add_stage(&p.id, &stage("Signed", 95, None), at(27, 13)).await.unwrap();
    let p = store.move_stage(&p.stages[2].id, 0, at(27, 13)).await.unwrap();
    assert_eq!(names(&p), ["Signed", "Due", "Quoted"]);
    let p = store.update_stage(&p.stages[1].id, &stage("Due soon", 35, Some(7)), at(27, 13)).await.unwrap();
    assert_eq!(
        (p.stages[1].name.as_str(), p.stages[1].probability, p.stages[1].rotting_days),
        ("Due soon", 35, Some(7))
    );
    let p = store.rename_pipeline(&p.id, "Renewals 2027", at(27, 13)).await.unwrap();
    assert_eq!(p.name, "Renewals 2027");

    store.delete_pipeline(&p.id, at(27, 14)).await.unwrap();
    assert!(store.pipelines().await.unwrap().iter().all(|q| q.id != p.id));
}

#[tokio::test]
async fn deleting_a_stage_with_deals_asks_where_they_go_and_moves_them_all() {
    let (store, pool, _dir) = demo().await;
    let board = store.board(None, &BoardFilter::default(), 500, at(27, 12)).await.unwrap();
    let (doomed, target) = (&board.columns[1], &board.columns[2]);
    let held: i64 = sqlx::query_scalar("SELECT count(*) FROM deals WHERE stage_id = ?")
        .bind(&doomed.stage.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(held > doomed.totals.count as i64, "closed deals sit in the stage too");

    let err = store.delete_stage(&doomed.stage.id, None, at(27, 13)).await.unwrap_err();
    assert_eq!(err.field(), Some("move_deals_to"));
    assert!(err.to_string().contains(&format!("holds {held} deals")), "{err}");
    let other = store.pipelines().await.unwrap()[1].stages[0].id.clone();
    let err = store.delete_stage(&doomed.stage.id, Some(&other), at(27, 13)).await.unwrap_err();
    assert_eq!(err.field(), Some("move_deals_to"));
    let err = store.delete_stage(&doomed.stage.id, Some(&doomed.stage.id), at(27, 13)).await.unwrap_err();
    assert_eq!(err.field(), Some("move_deals_to"));
    assert_eq!(
        store.board(None, &BoardFilter::default(), 500, at(27, 12)).await.unwrap(),
        board,
        "refusals change nothing"
    );

    let p = store.delete_stage(&doomed.stage.id, Some(&target.stage.id), at(27, 13)).await.unwrap();
    assert!(p.stages.iter().all(|s| s.id != doomed.stage.id));
    let after = store.board(None, &BoardFilter::default(), 500, at(27, 13)).await.unwrap();
    let moved = after.columns.iter().find(|c| c.stage.id == target.stage.id).unwrap();
    let mut expected: Vec<&str> = target.deals.iter().map(|d| d.id.as_str()).collect();
    expected.extend(doomed.deals.iter().map(|d| d.id.as_str()));
    assert_eq!(moved.deals.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), expected, "appended in their order");
    assert_eq!(after.totals.count, board.totals.count, "no deal lost");

    let orphans: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM deals d JOIN stages s ON s.id = d.stage_id WHERE s.deleted_at IS NOT NULL AND d.deleted_at IS NULL",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(orphans, 0);
    let history: i64 =
        sqlx::query_scalar("SELECT count(*) FROM deal_stage_changes WHERE from_stage_id = ? AND to_stage_id = ?")
            .bind(&doomed.stage.id)
            .bind(&target.stage.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(history >= held, "every move is in the stage history");
}

#[tokio::test]
async fn bad_settings_are_refused_with_the_field_named() {
    let (store, _pool, _dir) = demo().await;
    let pipelines = store.pipelines().await.unwrap();
    let sales = &pipelines[0];
    for (input, field) in [
        (stage("", 10, None), "name"),
        (stage("Won-ish", 101, None), "probability"),
        (stage("Slow", 10, Some(0)), "rotting_days"),
    ] {
        let err = store.add_stage(&sales.id, &input, at(27, 13)).await.unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(store.create_pipeline("Empty", &[], at(27, 13)).await.unwrap_err().field(), Some("stages"));
    assert_eq!(store.move_stage(&sales.stages[0].id, 99, at(27, 13)).await.unwrap_err().field(), Some("index"));
    assert_eq!(store.delete_pipeline(&sales.id, at(27, 13)).await.unwrap_err().code(), "conflict", "it holds deals");

    let lone = store.create_pipeline("Lone", &[stage("Only", 50, None)], at(27, 13)).await.unwrap();
    assert_eq!(store.delete_stage(&lone.stages[0].id, None, at(27, 13)).await.unwrap_err().code(), "conflict");
    assert_eq!(
        store.pipelines().await.unwrap(),
        [pipelines, vec![lone]].concat(),
        "nothing changed but the new pipeline"
    );
}
