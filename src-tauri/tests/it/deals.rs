//! Deal commands invoked the way the board invokes them, on a demo workspace file.

use serde_json::{Value, json};
use tandem_core::demo::{Scale, generate};
use tandem_lib::workspace;

use crate::commands::{TestApp, app_with};

fn demo_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let ws = tauri::async_runtime::block_on(async {
        let ws = workspace::open(dir.path().join("w.tandem")).await;
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().to_utc();
        ws.store().unwrap().write_demo(&generate(Scale::Small, 5, now)).await.unwrap();
        ws
    });
    app_with(ws, dir)
}

fn ids(column: &Value) -> Vec<String> {
    column["deals"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_board_moves_closes_and_reopens_through_ipc() {
    let app = demo_app();
    let pipelines = app.invoke("pipelines", json!({})).unwrap();
    assert_eq!(pipelines.as_array().unwrap().len(), 2);
    let board = app.invoke("board", json!({ "pipelineId": null, "filter": {}, "perColumn": 100 })).unwrap();
    let pipeline_id = board["pipeline_id"].as_str().unwrap().to_owned();
    let first = &board["columns"][0];
    let second = &board["columns"][1];
    let card = ids(first)[0].clone();

    let to = json!({ "stage_id": second["stage"]["id"], "after": null });
    let moved = app.invoke("move_deal", json!({ "id": card, "to": to })).unwrap();
    assert_eq!(moved["stage_id"], second["stage"]["id"]);
    let column = app
        .invoke(
            "board_column",
            json!({ "pipelineId": pipeline_id, "stageId": second["stage"]["id"], "filter": {}, "offset": 0, "limit": 1 }),
        )
        .unwrap();
    assert_eq!(column[0]["id"], card.as_str(), "first in its new column");

    let won = app.invoke("set_deal_status", json!({ "id": card, "change": { "status": "won" } })).unwrap();
    assert_eq!(won["status"], "won");
    let reason = app.invoke("lost_reasons", json!({})).unwrap()[0].clone();
    let lost =
        app.invoke("set_deal_status", json!({ "id": card, "change": { "status": "lost", "reason": reason } })).unwrap();
    assert_eq!(lost["lost_reason"], reason);
    let read = app.invoke("get_deal", json!({ "id": card })).unwrap();
    assert_eq!((read["status"].as_str(), read["lost_reason"].clone()), (Some("lost"), reason.clone()));
    let open = app.invoke("set_deal_status", json!({ "id": card, "change": { "status": "open" } })).unwrap();
    assert_eq!(open["status"], "open");
}

#[test]
fn bad_deal_input_comes_back_as_an_error_naming_the_field() {
    let app = demo_app();
    let board = app.invoke("board", json!({ "pipelineId": null, "filter": {}, "perColumn": 5 })).unwrap();
    let lead_id = board["columns"][0]["deals"][0]["lead_id"].clone();
    let input = json!({ "title": "Fit-out", "lead_id": lead_id, "value_minor": -100, "currency": "EUR",
                        "expected_close": null, "probability": null, "owner": null,
                        "pipeline_id": board["pipeline_id"], "stage_id": board["columns"][0]["stage"]["id"] });
    let err = app.invoke("create_deal", json!({ "input": input })).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid"), Some("value_minor")), "{err}");

    let id = board["columns"][0]["deals"][0]["id"].clone();
    let err = app.invoke("update_deal", json!({ "id": id, "input": input })).unwrap_err();
    assert_eq!(err["field"], "value_minor", "{err}");
    let err =
        app.invoke("board", json!({ "pipelineId": "No such pipeline", "filter": {}, "perColumn": 5 })).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
    let err = app.invoke("board", json!({ "pipelineId": null, "filter": {}, "perColumn": 100000 })).unwrap_err();
    assert_eq!(err["field"], "limit", "{err}");
}

#[test]
fn activities_and_pipeline_settings_through_ipc() {
    let app = demo_app();
    let board = app.invoke("board", json!({ "pipelineId": null, "filter": {}, "perColumn": 5 })).unwrap();
    let deal = &board["columns"][0]["deals"][0];
    let input = json!({ "kind": "task", "subject": "Send the proposal", "notes": null, "lead_id": deal["lead_id"],
                        "deal_id": deal["id"], "owner": null, "due_at": "2026-12-01T09:00:00Z" });
    let task = app.invoke("add_activity", json!({ "input": input })).unwrap();
    let id = task["id"].as_str().unwrap();
    let moved = app.invoke("reschedule_activity", json!({ "id": id, "dueAt": "2026-12-02T09:00:00Z" })).unwrap();
    assert_eq!(moved["due_at"], "2026-12-02T09:00:00Z");
    let done = app.invoke("complete_activity", json!({ "id": id })).unwrap();
    assert!(done["done_at"].is_string());
    let timeline = app.invoke("deal_timeline", json!({ "id": deal["id"] })).unwrap();
    assert!(timeline["activities"].as_array().unwrap().iter().any(|a| a["id"] == id));
    assert!(!timeline["stage_history"].as_array().unwrap().is_empty());

    let stage =
        |name: &str, probability: i64| json!({ "name": name, "probability": probability, "rotting_days": null });
    let p = app
        .invoke("create_pipeline", json!({ "name": "Renewals", "stages": [stage("Due", 30), stage("Quoted", 60)] }))
        .unwrap();
    let pid = p["id"].as_str().unwrap();
    let p = app.invoke("add_stage", json!({ "pipelineId": pid, "input": stage("Signed", 95) })).unwrap();
    let signed = p["stages"][2]["id"].clone();
    let p = app.invoke("move_stage", json!({ "id": signed, "index": 0 })).unwrap();
    assert_eq!(p["stages"][0]["name"], "Signed");
    let p = app.invoke("update_stage", json!({ "id": signed, "input": stage("Won back", 90) })).unwrap();
    assert_eq!(p["stages"][0]["name"], "Won back");
    let p = app.invoke("delete_stage", json!({ "id": signed, "moveDealsTo": null })).unwrap();
    assert_eq!(p["stages"].as_array().unwrap().len(), 2);
    let p = app.invoke("rename_pipeline", json!({ "id": pid, "name": "Renewals 2027" })).unwrap();
    assert_eq!(p["name"], "Renewals 2027");
    app.invoke("delete_pipeline", json!({ "id": pid })).unwrap();

    let list = app.invoke("add_lost_reason", json!({ "name": "Went quiet" })).unwrap();
    assert_eq!(list.as_array().unwrap().last().unwrap(), "Went quiet");
    let list = app.invoke("rename_lost_reason", json!({ "name": "Went quiet", "to": "Ghosted" })).unwrap();
    assert_eq!(list.as_array().unwrap().last().unwrap(), "Ghosted");
    let list = app.invoke("delete_lost_reason", json!({ "name": "Ghosted" })).unwrap();
    assert!(list.as_array().unwrap().iter().all(|r| r != "Ghosted"));

    let err = app.invoke("add_stage", json!({ "pipelineId": pid, "input": stage("", 10) })).unwrap_err();
    assert_eq!(err["field"], "name", "{err}");
    let err = app.invoke("reschedule_activity", json!({ "id": id, "dueAt": "next week" })).unwrap_err();
    assert_eq!(err["field"], "due_at", "{err}");
}

#[test]
fn the_filter_menus_offer_what_the_board_can_filter_on() {
    let app = demo_app();
    let facets = app.invoke("board_facets", json!({})).unwrap();
    let owner = facets["owners"][0].as_str().expect("the demo's deals have owners").to_owned();
    let campaign = facets["campaigns"][0]["id"].as_str().expect("the demo has campaigns").to_owned();
    let all = app.invoke("board", json!({ "pipelineId": null, "filter": {}, "perColumn": 500 })).unwrap();

    let mine =
        app.invoke("board", json!({ "pipelineId": null, "filter": { "owner": owner }, "perColumn": 500 })).unwrap();
    let cards: Vec<&Value> =
        mine["columns"].as_array().unwrap().iter().flat_map(|c| c["deals"].as_array().unwrap()).collect();
    assert!(!cards.is_empty());
    assert!(cards.iter().all(|c| c["owner"] == owner.as_str()));
    assert!(mine["totals"]["count"].as_u64() < all["totals"]["count"].as_u64());

    let from_campaign = app
        .invoke("board", json!({ "pipelineId": null, "filter": { "campaign_id": campaign }, "perColumn": 5 }))
        .unwrap();
    assert!(from_campaign["totals"]["count"].as_u64() < all["totals"]["count"].as_u64());
}
