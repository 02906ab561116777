//! Calendar commands invoked the way the calendar invokes them, on a new workspace.

use serde_json::json;

use crate::commands::app;

#[test]
fn items_and_ranges_through_ipc() {
    let app = app();
    let input = json!({
        "title": "Product demo webinar",
        "item_type": "webinar",
        "starts_at": "2027-03-10T16:00:00+01:00",
        "ends_at": "2027-03-10T17:00:00+01:00",
        "time_zone": "Europe/Berlin",
        "rrule": "FREQ=WEEKLY;COUNT=4",
        "status": "scheduled"
    });
    let err =
        app.invoke("create_calendar_item", json!({ "input": { "title": "x", "time_zone": "Berlin" } })).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid"), Some("time_zone")));

    let item = app.invoke("create_calendar_item", json!({ "input": input })).unwrap();
    assert_eq!(item["when"]["kind"], "timed");
    let range = json!({ "range": { "from": "2027-03-01", "to": "2027-04-01", "time_zone": "America/New_York" } });
    let march = app.invoke("calendar_range", range.clone()).unwrap();
    let starts: Vec<&str> =
        march.as_array().unwrap().iter().map(|o| o["when"]["starts_at"].as_str().unwrap()).collect();
    // 16:00 in Berlin each week: 14:00 UTC once Berlin moves to summer time on 28 March.
    assert_eq!(
        starts,
        ["2027-03-10T15:00:00Z", "2027-03-17T15:00:00Z", "2027-03-24T15:00:00Z", "2027-03-31T14:00:00Z"]
    );

    let id = item["id"].as_str().unwrap();
    app.invoke("delete_calendar_item", json!({ "id": id })).unwrap();
    assert_eq!(app.invoke("calendar_range", range.clone()).unwrap(), json!([]));
    app.invoke("restore_calendar_item", json!({ "id": id })).unwrap();
    assert_eq!(app.invoke("calendar_range", range).unwrap(), march);
    let renamed = json!({ "title": "Demo hour", "item_type": "webinar", "starts_at": "2027-03-10T15:00:00Z" });
    let updated = app.invoke("update_calendar_item", json!({ "id": id, "input": renamed })).unwrap();
    assert_eq!(app.invoke("get_calendar_item", json!({ "id": id })).unwrap(), updated);
}

#[test]
fn one_occurrence_is_moved_through_ipc() {
    let app = app();
    let input = json!({
        "title": "Daily tip", "item_type": "social_post", "time_zone": "UTC",
        "starts_at": "2027-05-03T09:00:00Z", "ends_at": "2027-05-03T09:15:00Z", "rrule": "FREQ=DAILY;COUNT=3"
    });
    let series = app.invoke("create_calendar_item", json!({ "input": input })).unwrap();
    let mut moved = input.clone();
    moved["starts_at"] = json!("2027-05-04T15:00:00Z");
    moved["ends_at"] = json!("2027-05-04T15:15:00Z");
    let args = json!({ "seriesId": series["id"], "key": "2027-05-04T09:00:00.000Z", "scope": "this", "input": moved });
    let exception = app.invoke("edit_occurrence", args).unwrap();
    assert_eq!(exception["series_id"], series["id"]);
    let range = json!({ "range": { "from": "2027-05-01", "to": "2027-06-01", "time_zone": "UTC" } });
    let listed = app.invoke("calendar_range", range).unwrap();
    let starts: Vec<&str> =
        listed.as_array().unwrap().iter().map(|o| o["when"]["starts_at"].as_str().unwrap()).collect();
    assert_eq!(starts, ["2027-05-03T09:00:00Z", "2027-05-04T15:00:00Z", "2027-05-05T09:00:00Z"]);
    let err = app
        .invoke("delete_occurrence", json!({ "seriesId": series["id"], "key": "soon", "scope": "this" }))
        .unwrap_err();
    assert_eq!(err["field"], "key");
}

#[test]
fn export_to_a_chosen_file_then_preview_and_import_it_elsewhere() {
    let app = app();
    let input = json!({
        "title": "Launch, part 1",
        "item_type": "email",
        "channel": "email",
        "starts_at": "2027-03-10T09:00:00+01:00",
        "ends_at": "2027-03-10T09:30:00+01:00",
        "time_zone": "Europe/Berlin",
        "rrule": "FREQ=WEEKLY;COUNT=3"
    });
    app.invoke("create_calendar_item", json!({ "input": input })).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("launch.ics");

    let err = app.invoke("export_calendar", json!({ "scope": { "from": "2027-03-01" }, "title": "x" })).unwrap_err();
    assert_eq!((err["field"].as_str(), err["message"].as_str()), (Some("to"), Some("is required with from")));
    assert!(!path.exists(), "bad input opens no dialog and writes nothing");

    app.choose(&path);
    let saved = app.invoke("export_calendar", json!({ "scope": {}, "title": "Spring launch" })).unwrap();
    assert_eq!((saved["path"].as_str(), saved["events"].as_u64()), (path.to_str(), Some(1)));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("SUMMARY:Launch\\, part 1") && text.contains("X-WR-CALNAME:Spring launch"), "{text}");

    let other = crate::commands::app();
    let err = other.invoke("import_calendar", json!({})).unwrap_err();
    assert_eq!(err["message"], "no file is waiting to be imported; choose one first");
    other.choose(&path);
    let preview = other.invoke("preview_calendar_import", json!({ "timeZone": "Europe/Berlin" })).unwrap();
    assert_eq!(preview["file_name"], "launch.ics");
    assert_eq!((preview["summary"]["new"].as_u64(), preview["summary"]["series"].as_u64()), (Some(1), Some(1)));
    assert_eq!(preview["summary"]["rows"][0]["title"], "Launch, part 1");
    let range = json!({ "range": { "from": "2027-03-01", "to": "2027-04-01", "time_zone": "Europe/Berlin" } });
    assert_eq!(
        other.invoke("calendar_range", range.clone()).unwrap().as_array().unwrap().len(),
        0,
        "a preview writes nothing"
    );
    let done = other.invoke("import_calendar", json!({})).unwrap();
    assert_eq!(done["new"], 1);
    assert_eq!(other.invoke("calendar_range", range).unwrap().as_array().unwrap().len(), 3);

    std::fs::write(&path, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        .unwrap();
    let err = other.invoke("preview_calendar_import", json!({ "timeZone": "Europe/Berlin" })).unwrap_err();
    assert_eq!(err["code"], "malformed");
    assert_eq!(err["message"], "launch.ics: line 3: DTSTART: \"tomorrow\" is not a date or date-time");
}

#[test]
fn attendees_and_the_viewers_zone_through_ipc() {
    let app = app();
    let lead = app
        .invoke("create_lead", json!({ "input": { "name": "Mia Lund", "email": "mia@lund.se", "tags": [] } }))
        .unwrap();
    let lead_id = lead["id"].as_str().unwrap();
    let input = json!({ "title": "Open day", "all_day": true, "start_date": "2027-06-04", "attendees": [lead_id] });
    let item = app.invoke("create_calendar_item", json!({ "input": input })).unwrap();
    let attendees = app.invoke("calendar_item_attendees", json!({ "id": item["id"] })).unwrap();
    assert_eq!(attendees, json!([{ "lead_id": lead_id, "name": "Mia Lund", "email": "mia@lund.se" }]));
    let unknown =
        json!({ "input": { "title": "x", "all_day": true, "start_date": "2027-06-04", "attendees": ["nobody"] } });
    let err = app.invoke("create_calendar_item", unknown).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid"), Some("attendees")));

    assert_eq!(
        app.start().unwrap()["preferences"],
        json!({ "time_zone": null, "lead_columns": null, "workspace": null })
    );
    let err = app.invoke("set_time_zone", json!({ "timeZone": "Tokyo" })).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid"), Some("time_zone")));
    let set = app.invoke("set_time_zone", json!({ "timeZone": "Asia/Tokyo" })).unwrap();
    assert_eq!(set, json!({ "time_zone": "Asia/Tokyo", "lead_columns": null, "workspace": null }));
    assert_eq!(app.start().unwrap()["preferences"], set);
    let zones = app.invoke("time_zones", json!({})).unwrap();
    let zones: Vec<&str> = zones.as_array().unwrap().iter().map(|z| z.as_str().unwrap()).collect();
    assert!(zones.contains(&"Asia/Tokyo") && zones.contains(&"UTC") && !zones.contains(&"US/Eastern"), "{zones:?}");
}
