//! Lead commands invoked the way the page invokes them, against a real workspace file.

use serde_json::{Value, json};
use tandem_lib::workspace::{self, Workspace};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow};

pub(crate) struct TestApp {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

pub(crate) fn app_with(ws: Workspace, dir: tempfile::TempDir) -> TestApp {
    let app = tandem_lib::commands::register(mock_builder())
        .manage(ws)
        .manage(tandem_lib::files::FileChoice::default())
        .manage(tandem_lib::preferences::Saved::load(Some(dir.path().join("config"))))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    TestApp { _app: app, window, _dir: dir }
}

pub(crate) fn app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let ws = tauri::async_runtime::block_on(workspace::open(dir.path().join("w.tandem")));
    app_with(ws, dir)
}

impl TestApp {
    /// The page's one request at start, for the Leads list as it first shows.
    pub(crate) fn start(&self) -> Result<Value, Value> {
        self.invoke("start_screen", json!({ "query": first_query() }))
    }

    /// The file the next save or open dialog "picks".
    pub(crate) fn choose(&self, path: &std::path::Path) {
        use tauri::Manager;
        self._app.state::<tandem_lib::files::FileChoice>().set(Some(path.to_owned()));
    }

    pub(crate) fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| body.deserialize::<Value>().unwrap())
    }
}

fn input(name: &str, email: Option<&str>) -> Value {
    json!({ "name": name, "email": email, "phone": null, "company": "Maple Dental", "job_title": null,
            "owner": "Sam", "tags": ["vip"], "notes": null, "lifecycle_stage": "mql", "source": null })
}

/// The page's first query (`startup::first_query`).
fn first_query() -> Value {
    json!({ "search": null, "stage": null, "owner": null, "tag": null,
            "sort": "name", "descending": false, "offset": 0, "limit": 100 })
}

fn query(search: Option<&str>) -> Value {
    json!({ "query": { "search": search, "stage": null, "owner": null, "tag": null,
                       "sort": "name", "descending": false, "offset": 0, "limit": 50 } })
}

#[test]
fn create_search_update_delete_and_restore_through_ipc() {
    let app = app();
    let lead = app.invoke("create_lead", json!({ "input": input("Ana Costa", Some("ana@maple.example")) })).unwrap();
    let id = lead["id"].as_str().unwrap().to_owned();
    assert_eq!(lead["company"], "Maple Dental");
    assert_eq!(lead["lifecycle_stage"], "mql");

    let found = app.invoke("list_leads", query(Some("mapl"))).unwrap();
    assert_eq!(found["total"], 1);
    assert_eq!(found["leads"][0]["id"], id.as_str());

    let updated = app.invoke("update_lead", json!({ "id": id, "input": input("Ana Costa-Silva", None) })).unwrap();
    assert_eq!(updated["name"], "Ana Costa-Silva");
    assert_eq!(updated["email"], Value::Null);

    let deleted = app.invoke("delete_lead", json!({ "id": id })).unwrap();
    assert!(deleted["deleted_at"].is_string());
    assert_eq!(app.invoke("list_leads", query(None)).unwrap()["total"], 0);
    app.invoke("restore_lead", json!({ "id": id })).unwrap();
    assert_eq!(app.invoke("lead_facets", json!({})).unwrap()["total"], 1);
}

#[test]
fn bad_input_comes_back_as_a_coded_error_naming_the_field() {
    let app = app();
    let err = app.invoke("create_lead", json!({ "input": input("Ana", Some("ana@")) })).unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "email");
    assert!(err["message"].as_str().unwrap().contains("not an email address"), "{err}");

    let err = app.invoke("list_leads", query(Some("a"))).unwrap_err();
    assert_eq!(err["field"], "search");

    let err = app.invoke("get_lead", json!({ "id": "../../etc/passwd" })).unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert_eq!(app.invoke("lead_facets", json!({})).unwrap()["total"], 0, "nothing was written");
}

#[test]
fn a_workspace_that_cannot_open_is_reported_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-ours.tandem");
    std::fs::write(&path, b"this is a text file, not a database").unwrap();
    let ws = tauri::async_runtime::block_on(workspace::open(path));
    let app = app_with(ws, dir);
    let err = app.start().unwrap_err();
    assert_eq!(err["code"], "not_a_workspace");
    assert!(err["message"].as_str().unwrap().contains("not a SQLite database"));
    assert_eq!(app.invoke("list_leads", query(None)).unwrap_err()["code"], "not_a_workspace");
}

#[test]
fn the_start_names_the_file_and_brings_the_first_rows() {
    let app = app();
    let start = app.start().unwrap();
    assert!(start["workspace"]["path"].as_str().unwrap().ends_with("w.tandem"));
    assert!(start["workspace"]["schema_version"].as_i64().unwrap() >= 1);
    assert_eq!(start["preferences"], json!({ "time_zone": null, "lead_columns": null, "workspace": null }));
    assert_eq!(start["rows"]["page"]["total"], 0);

    for name in ["Zoe Park", "Ana Costa", "Mia Lund"] {
        app.invoke("create_lead", json!({ "input": input(name, None) })).unwrap();
    }
    // Read early, as setup does, then asked for by the page.
    tandem_lib::commands::startup::prefetch(app._app.handle());
    let early = app.start().unwrap();
    let list = app.invoke("list_leads", json!({ "query": first_query() })).unwrap();
    assert_eq!(early["rows"]["page"], list);
    assert_eq!(early["rows"]["page"]["leads"][0]["name"], "Ana Costa");
    assert_eq!(early["rows"]["facets"], app.invoke("lead_facets", json!({})).unwrap());

    // Another query is answered for itself, not with the early rows.
    tandem_lib::commands::startup::prefetch(app._app.handle());
    let newest = json!({ "query": { "sort": "created", "descending": true, "offset": 0, "limit": 2,
                                    "search": null, "stage": null, "owner": null, "tag": null } });
    let start = app.invoke("start_screen", newest).unwrap();
    let names: Vec<&str> =
        start["rows"]["page"]["leads"].as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Mia Lund", "Ana Costa"]);

    let bad = json!({ "query": { "sort": "name", "descending": false, "offset": 0, "limit": 0,
                                 "search": null, "stage": null, "owner": null, "tag": null } });
    assert_eq!(app.invoke("start_screen", bad).unwrap()["rows"], Value::Null, "the list then asks and shows why");
}

#[test]
fn the_lead_page_and_its_touchpoints_through_ipc() {
    let app = app();
    let lead =
        app.invoke("create_lead", json!({ "input": input("Noor Haddad", Some("noor@haddad.example")) })).unwrap();
    let id = lead["id"].as_str().unwrap();
    let bad = app.invoke("add_touchpoint", json!({ "input": { "lead_id": id, "kind": "telepathy" } })).unwrap_err();
    assert_eq!((bad["code"].as_str(), bad["field"].as_str()), (Some("invalid"), Some("kind")));
    let touch = json!({ "input": { "lead_id": id, "kind": "walk_in", "occurred_at": "2026-11-20T09:00:00Z" } });
    app.invoke("add_touchpoint", touch).unwrap();
    let record = app.invoke("lead_record", json!({ "id": id })).unwrap();
    assert_eq!(record["lead"]["name"], "Noor Haddad");
    assert_eq!(record["touchpoints"][0]["kind"], "walk_in");
    let kinds: Vec<&str> = record["timeline"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["created", "touchpoint"], "newest first: the walk-in came before the lead was entered");
    let missing = app.invoke("lead_record", json!({ "id": "0193a000-0000-7000-8000-000000000009" })).unwrap_err();
    assert_eq!(missing["code"], "not_found");

    // Its company's details, changed from the page.
    let company = record["company"]["id"].as_str().unwrap();
    let bad = json!({ "id": company, "input": { "name": "Maple Dental", "domain": "maple dental" } });
    let bad = app.invoke("update_company", bad).unwrap_err();
    assert_eq!((bad["code"].as_str(), bad["field"].as_str()), (Some("invalid"), Some("domain")));
    let edit = json!({ "id": company, "input": { "name": "Maple Dental Care", "domain": "http://maple.example/",
                                                 "industry": "Healthcare", "size": "11-50" } });
    let saved = app.invoke("update_company", edit).unwrap();
    assert_eq!(saved["domain"], "maple.example");
    let record = app.invoke("lead_record", json!({ "id": id })).unwrap();
    assert_eq!(record["company"], saved);
    assert_eq!(record["lead"]["company"], "Maple Dental Care");

    let settings = app.invoke("lead_settings", json!({})).unwrap();
    assert_eq!(settings, json!({ "all_deals_lost": "sql", "speed_to_lead_hours": 24 }));
    let bad =
        app.invoke("set_lead_settings", json!({ "settings": { "all_deals_lost": "sql", "speed_to_lead_hours": 0 } }));
    assert_eq!(bad.unwrap_err()["field"], "speed_to_lead_hours");
    let set = json!({ "settings": { "all_deals_lost": "disqualified", "speed_to_lead_hours": 8 } });
    assert_eq!(app.invoke("set_lead_settings", set.clone()).unwrap(), set["settings"]);
}

#[test]
fn the_lead_form_hears_of_likely_duplicates() {
    let app = app();
    let first =
        app.invoke("create_lead", json!({ "input": input("Noor Haddad", Some("noor+news@haddad.example")) })).unwrap();
    let found = app
        .invoke("lead_duplicates", json!({ "input": input("Noor Hadad", Some("NOOR@haddad.example")), "except": null }))
        .unwrap();
    assert_eq!(found[0]["lead"]["id"], first["id"]);
    assert_eq!(found[0]["reasons"], json!(["email", "name"]));
    let editing = app
        .invoke(
            "lead_duplicates",
            json!({ "input": input("Noor Haddad", Some("noor@haddad.example")), "except": first["id"] }),
        )
        .unwrap();
    assert_eq!(editing, json!([]));
    let bad = app.invoke("lead_duplicates", json!({ "input": input("x", None), "except": "nope" })).unwrap_err();
    assert_eq!(bad["field"], "id");
    assert_eq!(app.invoke("duplicates", json!({})).unwrap(), json!([]));
}

#[test]
fn two_leads_are_merged_and_unmerged_through_ipc() {
    let app = app();
    let a = app.invoke("create_lead", json!({ "input": input("Noor Haddad", Some("noor@haddad.example")) })).unwrap();
    let b = app.invoke("create_lead", json!({ "input": input("Noor Hadad", Some("noor+x@haddad.example")) })).unwrap();
    let same =
        app.invoke("merge_leads", json!({ "keptId": a["id"], "mergedId": a["id"], "fields": input("Noor", None) }));
    assert_eq!(same.unwrap_err()["field"], "merged_id");
    let bad = app.invoke("merge_leads", json!({ "keptId": a["id"], "mergedId": b["id"], "fields": input("", None) }));
    assert_eq!(bad.unwrap_err()["field"], "name", "the chosen fields are checked");
    let merged = app
        .invoke("merge_leads", json!({ "keptId": a["id"], "mergedId": b["id"], "fields": input("Noor Haddad", Some("noor@haddad.example")) }))
        .unwrap();
    assert_eq!(merged["merged_name"], "Noor Hadad");
    assert_eq!(app.invoke("duplicates", json!({})).unwrap(), json!([]));
    app.invoke("undo_merge", json!({ "id": merged["id"] })).unwrap();
    let pairs = app.invoke("duplicates", json!({})).unwrap();
    assert_eq!(pairs.as_array().unwrap().len(), 1, "both leads are back: {pairs}");
    assert_eq!(app.invoke("undo_merge", json!({ "id": merged["id"] })).unwrap_err()["code"], "conflict");
}

#[test]
fn many_leads_change_at_once_and_come_back_with_one_undo() {
    let app = app();
    for name in ["Ada Lind", "Bo Lind", "Cy Lind"] {
        app.invoke("create_lead", json!({ "input": input(name, None) })).unwrap();
    }
    let ids = app.invoke("lead_ids", query(Some("lind"))).unwrap();
    assert_eq!(ids.as_array().unwrap().len(), 3);
    let bad = app.invoke("bulk_change_leads", json!({ "ids": ids, "action": { "kind": "add_tag", "tag": "a,b" } }));
    assert_eq!(bad.unwrap_err()["field"], "tag");
    let none = app.invoke("bulk_change_leads", json!({ "ids": [], "action": { "kind": "delete" } }));
    assert_eq!(none.unwrap_err()["field"], "ids");
    let done = app
        .invoke("bulk_change_leads", json!({ "ids": ids, "action": { "kind": "set_owner", "owner": "Rita" } }))
        .unwrap();
    assert_eq!(done["changed"], 3);
    assert_eq!(app.invoke("lead_facets", json!({})).unwrap()["owners"], json!(["Rita"]));
    assert_eq!(app.invoke("undo_bulk_change", json!({ "batchId": done["batch_id"] })).unwrap(), 3);
    assert_eq!(app.invoke("lead_facets", json!({})).unwrap()["owners"], json!(["Sam"]));
}

#[test]
fn scoring_rules_views_and_columns_are_saved_and_checked() {
    let app = app();
    let lead = app.invoke("create_lead", json!({ "input": input("Eve Stone", Some("eve@stone.example")) })).unwrap();
    assert_eq!(lead["score"], 10, "a business email, by the default rules");
    let rules = json!({ "rules": [{ "label": "Stone", "points": 30,
        "when": { "kind": "field", "field": "job_title", "any_of": ["mason"] } }], "half_life_days": 0 });
    let bad =
        json!({ "rules": [{ "label": "", "points": 30, "when": { "kind": "business_email" } }], "half_life_days": 0 });
    assert_eq!(app.invoke("set_scoring_rules", json!({ "rules": bad })).unwrap_err()["field"], "rules");
    app.invoke("set_scoring_rules", json!({ "rules": rules })).unwrap();
    let record = app.invoke("lead_record", json!({ "id": lead["id"] })).unwrap();
    assert_eq!((record["lead"]["score"].clone(), record["score"]["reasons"].clone()), (json!(0), json!([])));

    let view = json!({ "name": "Mine", "search": null, "stage": "mql", "owner": "Sam", "tag": null,
                       "sort": "score", "descending": true, "columns": ["score", "email"] });
    let views = app.invoke("save_lead_view", json!({ "view": view })).unwrap();
    assert_eq!(views, json!([view]));
    assert_eq!(app.invoke("lead_views", json!({})).unwrap(), json!([view]));
    let prefs = app.invoke("set_lead_columns", json!({ "columns": ["owner", "score", "owner"] })).unwrap();
    assert_eq!(prefs["lead_columns"], json!(["owner", "score"]));
    let bad_column = app.invoke("set_lead_columns", json!({ "columns": ["password"] }));
    assert!(bad_column.is_err());
}

#[test]
fn a_backup_made_now_is_restored_and_what_it_replaces_is_kept() {
    let app = app();
    app.invoke("create_lead", json!({ "input": input("Ana Costa", None) })).unwrap();
    let list = app.invoke("back_up_now", json!({})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["why"], "manual");
    let name = list[0]["file_name"].as_str().unwrap().to_owned();
    app.invoke("create_lead", json!({ "input": input("Bo Li", None) })).unwrap();
    assert_eq!(app.invoke("list_leads", query(None)).unwrap()["total"], 2);

    let refused = app.invoke("restore_backup", json!({ "fileName": "../../etc/passwd" })).unwrap_err();
    assert_eq!(refused["code"], "not_found");
    let info = app.invoke("restore_backup", json!({ "fileName": name })).unwrap();
    assert!(info["path"].as_str().unwrap().ends_with("w.tandem"));
    let page = app.invoke("list_leads", query(None)).unwrap();
    assert_eq!(page["total"], 1, "the workspace holds what the backup held");
    assert_eq!(page["leads"][0]["name"], "Ana Costa");
    let whys: Vec<String> = app
        .invoke("backups", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["why"].as_str().unwrap().to_owned())
        .collect();
    assert!(whys.contains(&"before-restore".to_owned()), "{whys:?}");
}

#[test]
fn a_merge_is_backed_up_first() {
    let app = app();
    let a = app.invoke("create_lead", json!({ "input": input("Ana Costa", Some("ana@maple.example")) })).unwrap();
    let b = app.invoke("create_lead", json!({ "input": input("Ana Costa", Some("ana.c@maple.example")) })).unwrap();
    let bad = app.invoke("merge_leads", json!({ "keptId": a["id"], "mergedId": "nope", "fields": input("Ana", None) }));
    assert_eq!(bad.unwrap_err()["field"], "merged_id");
    assert_eq!(app.invoke("backups", json!({})).unwrap(), json!([]), "no backup for a refused merge");
    app.invoke("merge_leads", json!({ "keptId": a["id"], "mergedId": b["id"], "fields": input("Ana Costa", None) }))
        .unwrap();
    let backups = app.invoke("backups", json!({})).unwrap();
    assert_eq!(backups[0]["why"], "before-merge");
}

#[test]
fn open_new_and_save_a_copy_refuse_what_is_not_a_workspace_and_never_overwrite() {
    let app = app();
    app.invoke("create_lead", json!({ "input": input("Ana Costa", None) })).unwrap();
    let dir = tempfile::tempdir().unwrap();

    let junk = dir.path().join("junk.tandem");
    std::fs::write(&junk, b"not a database at all").unwrap();
    app.choose(&junk);
    assert_eq!(app.invoke("open_workspace", json!({})).unwrap_err()["code"], "not_a_workspace");
    assert_eq!(std::fs::read(&junk).unwrap(), b"not a database at all", "left untouched");
    assert!(app.start().unwrap()["workspace"]["path"].as_str().unwrap().ends_with("w.tandem"));

    let copy = dir.path().join("copy.tandem");
    app.choose(&copy);
    assert_eq!(app.invoke("save_workspace_copy", json!({})).unwrap(), copy.display().to_string());
    assert_eq!(app.invoke("save_workspace_copy", json!({})).unwrap_err()["code"], "invalid", "never overwrites");

    let fresh = dir.path().join("fresh.tandem");
    app.choose(&fresh);
    let info = app.invoke("new_workspace", json!({})).unwrap();
    assert_eq!(info["path"], fresh.display().to_string());
    assert_eq!(app.invoke("list_leads", query(None)).unwrap()["total"], 0);
    assert_eq!(
        app.start().unwrap()["preferences"]["workspace"],
        fresh.display().to_string(),
        "opened again at the next start"
    );
    assert_eq!(
        app.invoke("new_workspace", json!({})).unwrap_err()["code"],
        "invalid",
        "an existing file is not replaced"
    );

    app.choose(&copy);
    app.invoke("open_workspace", json!({})).unwrap();
    assert_eq!(app.invoke("list_leads", query(None)).unwrap()["leads"][0]["name"], "Ana Costa");
}

#[test]
fn a_saved_mapping_is_applied_by_rust_to_the_open_file_and_to_the_next_one_like_it() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("fair.csv");
    std::fs::write(&csv, "Wer,Kontakt,Notiz\nAna,ana@x.com,hi\n").unwrap();
    app.choose(&csv);
    let file = app.invoke("open_import_file", json!({})).unwrap();
    assert_eq!(file["columns"], json!([null, null, null]), "no header the dictionary knows");
    assert_eq!(file["mapping"], Value::Null);
    let columns = json!(["full_name", "email", "notes"]);
    app.invoke("save_import_mapping", json!({ "name": "Fair list", "columns": columns })).unwrap();
    assert_eq!(app.invoke("apply_import_mapping", json!({ "name": "fair list" })).unwrap(), columns);
    assert_eq!(app.invoke("apply_import_mapping", json!({ "name": "nope" })).unwrap_err()["code"], "not_found");

    let again = dir.path().join("fair-2.csv");
    std::fs::write(&again, "KONTAKT,wer,Notiz\nBo,bo@x.com,\n").unwrap();
    app.choose(&again);
    let file = app.invoke("open_import_file", json!({})).unwrap();
    assert_eq!(file["mapping"], "Fair list");
    assert_eq!(file["columns"], json!(["email", "full_name", "notes"]));
}

#[test]
fn another_sheet_of_the_open_workbook_is_read_and_an_unknown_one_leaves_the_file_as_it_was() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contacts.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Notes").unwrap().write(0, 0, "not this one").unwrap();
    let sheet = book.add_worksheet().set_name("Contacts").unwrap();
    sheet.write_row(0, 0, ["Name", "Email"]).unwrap();
    sheet.write_row(1, 0, ["Ana Costa", "ana@x.com"]).unwrap();
    book.save(&path).unwrap();
    app.choose(&path);
    let file = app.invoke("open_import_file", json!({})).unwrap();
    assert_eq!(file["sheets"], json!(["Notes", "Contacts"]));

    let file = app.invoke("choose_import_sheet", json!({ "sheet": "Contacts" })).unwrap();
    assert_eq!(file["sample"][0], json!(["Ana Costa", "ana@x.com"]));
    let err = app.invoke("choose_import_sheet", json!({ "sheet": "Leads" })).unwrap_err();
    assert!(err["message"].as_str().unwrap().starts_with("contacts.xlsx: "), "{err}");
    let kept = app.invoke("choose_import_sheet", json!({ "sheet": "Contacts" })).unwrap();
    assert_eq!(kept["file_name"], "contacts.xlsx", "a refused sheet leaves the workbook open");
}

#[test]
fn a_csv_is_read_again_in_the_encoding_the_user_chooses_and_other_files_refuse_one() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kontakte.csv");
    // "Łukasz Wójcik" in Windows-1250; two bytes of text tell too little for any detector.
    std::fs::write(&csv, b"Name,Firma\n\xA3ukasz W\xF3jcik,Zak\xB3ad\n").unwrap();
    app.choose(&csv);
    let file = app.invoke("open_import_file", json!({})).unwrap();
    assert!(file["encodings"].as_array().unwrap().iter().any(|e| e == "windows-1250"));
    let file = app.invoke("choose_import_encoding", json!({ "encoding": "windows-1250" })).unwrap();
    assert_eq!(file["format"]["encoding"], "windows-1250");
    assert_eq!(file["sample"][0], json!(["Łukasz Wójcik", "Zakład"]));
    let err = app.invoke("choose_import_encoding", json!({ "encoding": "EBCDIC" })).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid"), Some("encoding")));
    assert!(err["message"].as_str().unwrap().starts_with("kontakte.csv: "), "{err}");
    let kept = app.invoke("choose_import_encoding", json!({ "encoding": "windows-1250" })).unwrap();
    assert_eq!(kept["sample"][0][0], "Łukasz Wójcik", "a refused choice leaves the file as it was read");

    let cards = dir.path().join("cards.vcf");
    std::fs::write(&cards, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Costa\r\nEMAIL:ana@x.com\r\nEND:VCARD\r\n").unwrap();
    app.choose(&cards);
    let file = app.invoke("open_import_file", json!({})).unwrap();
    assert_eq!(file["encodings"], json!([]));
    assert_eq!(app.invoke("choose_import_encoding", json!({ "encoding": "UTF-8" })).unwrap_err()["code"], "invalid");
}
