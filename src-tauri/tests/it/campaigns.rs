//! Campaign commands invoked the way the Campaigns screen invokes them, on a new workspace.

use serde_json::json;

use crate::commands::app;

#[test]
fn a_campaign_lives_through_ipc_and_bad_input_names_its_field() {
    let app = app();
    let input = json!({
        "name": "Autumn webinar series",
        "channels": ["Webinar", "Email"],
        "start_date": "2026-09-01",
        "end_date": "2026-11-30",
        "currency": "eur",
        "budget_minor": 120000,
        "spend_minor": 0,
        "color": "#0EA5E9",
        "code": "WEB-AUT"
    });
    let err = app.invoke("create_campaign", json!({ "input": { "name": "x", "color": "teal" } })).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid"), Some("color")));

    let created = app.invoke("create_campaign", json!({ "input": input })).unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!((created["currency"].as_str(), created["color"].as_str()), (Some("EUR"), Some("#0ea5e9")));

    let listed = app.invoke("list_campaigns", json!({ "query": { "channel": "webinar" } })).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let archived = app.invoke("archive_campaign", json!({ "id": id, "archived": true })).unwrap();
    assert!(archived["archived_at"].is_string());
    assert_eq!(app.invoke("list_campaigns", json!({ "query": {} })).unwrap(), json!([]));

    app.invoke("delete_campaign", json!({ "id": id })).unwrap();
    let restored = app.invoke("restore_campaign", json!({ "id": id })).unwrap();
    assert!(restored["deleted_at"].is_null());
    let renamed = json!({ "name": "Autumn webinars", "currency": "EUR", "code": "WEB-AUT" });
    let updated = app.invoke("update_campaign", json!({ "id": id, "input": renamed })).unwrap();
    assert_eq!(app.invoke("get_campaign", json!({ "id": id })).unwrap(), updated);
    let numbers = app.invoke("campaign_numbers", json!({ "id": id })).unwrap();
    assert_eq!((numbers["leads"].as_u64(), numbers["cost_per_lead"].is_null()), (Some(0), true));
}

#[test]
fn attribution_through_ipc() {
    let app = crate::commands::app();
    let campaign = app
        .invoke(
            "create_campaign",
            serde_json::json!({ "input": { "name": "Fair", "currency": "EUR", "channels": [] } }),
        )
        .unwrap();
    let credit =
        app.invoke("campaign_attribution", serde_json::json!({ "id": campaign["id"], "model": "linear" })).unwrap();
    assert_eq!((credit["leads"].as_f64(), credit["campaign"].as_str()), (Some(0.0), Some("Fair")));
    let bad = app.invoke("campaign_attribution", serde_json::json!({ "id": campaign["id"], "model": "u_shaped" }));
    assert!(bad.is_err(), "an unknown model is refused");
    let err = app
        .invoke("attribution", serde_json::json!({ "model": "first", "from": "2026-13-01", "to": null }))
        .unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid"), Some("from")));
    let all = app.invoke("attribution", serde_json::json!({ "model": "last", "from": null, "to": null })).unwrap();
    assert_eq!(all["model"], "last");
}
