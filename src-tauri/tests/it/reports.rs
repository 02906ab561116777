//! Report commands invoked the way the Reports screen invokes them: the screen's numbers, and the
//! same numbers in the files it exports.

use serde_json::json;

use crate::commands::app;

#[test]
fn a_report_on_screen_and_its_exports_carry_the_same_numbers() {
    let app = app();
    let input = json!({ "name": "Spring fair", "code": "FAIR", "currency": "EUR", "spend_minor": 250000 });
    app.invoke("create_campaign", json!({ "input": input })).unwrap();
    let request = |name: &str, period: serde_json::Value, campaign: Option<&str>| {
        json!({ "request": { "name": name, "period": period,
            "filter": { "from": null, "to": null, "owner": null, "pipeline": null, "campaign": campaign, "model": "linear" } } })
    };
    let err = app.invoke("report", request("funnel", json!(null), Some("Autumn"))).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid"), Some("campaign")));
    let err = app.invoke("report", request("sales", json!(null), None)).unwrap_err();
    assert!(err.to_string().contains("sales"), "{err}");

    let shown = app.invoke("report", request("campaign-performance", json!("last-12-months"), Some("fair"))).unwrap();
    assert_eq!(shown["title"], "Campaign performance");
    assert!(shown["filters"][0].as_str().unwrap().starts_with("Period: "), "{shown}");
    assert_eq!(shown["filters"][1], "Campaign: Spring fair");
    assert_eq!(shown["tables"][0]["rows"][0][1]["value"]["minor"], 250000);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("campaigns.xlsx");
    let bad = json!({ "request": request("funnel", json!("fortnight"), None)["request"], "format": "xlsx" });
    assert!(app.invoke("export_report", bad).is_err());
    assert!(!path.exists(), "bad input opens no dialog and writes nothing");
    app.choose(&path);
    let args = json!({ "request": request("campaign-performance", json!("last-12-months"), Some("FAIR"))["request"], "format": "xlsx" });
    let saved = app.invoke("export_report", args).unwrap();
    assert_eq!((saved["path"].as_str(), saved["files"].as_u64()), (path.to_str(), Some(1)));
    use calamine::{DataType, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("Campaigns").unwrap();
    assert_eq!(sheet.get((1, 0)).and_then(|c| c.get_string()), Some("Spring fair"));
    assert_eq!(sheet.get((1, 1)).and_then(|c| c.as_f64()), Some(2500.0), "the spend shown, in euros");

    // CSV of a report with two tables: two files, the second beside the chosen one.
    let csv = dir.path().join("activity.csv");
    app.choose(&csv);
    let args = json!({ "request": request("activity", json!("all-time"), None)["request"], "format": "csv" });
    let saved = app.invoke("export_report", args).unwrap();
    assert_eq!(saved["files"], 2);
    assert!(dir.path().join("activity-by-owner.csv").exists());
}

#[test]
fn a_report_exports_as_pdf_and_a_saved_pack_as_one_file() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let filter = json!({ "from": null, "to": null, "owner": null, "pipeline": null, "campaign": null, "model": null });
    let pdf = dir.path().join("pipeline.pdf");
    app.choose(&pdf);
    let args = json!({ "request": { "name": "pipeline", "period": null, "filter": filter }, "format": "pdf" });
    let saved = app.invoke("export_report", args).unwrap();
    assert_eq!(saved["path"].as_str(), pdf.to_str());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let pack = |name: &str, reports: serde_json::Value| json!({ "reportPack": { "name": name, "reports": reports, "period": "last-quarter", "filter": filter, "format": "xlsx" } });
    let err = app.invoke("save_report_pack", pack("Monday", json!([]))).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid"), Some("reports")));
    app.invoke("save_report_pack", pack("Monday", json!(["funnel", "pipeline"]))).unwrap();
    let packs = app.invoke("save_report_pack", pack("Board", json!(["forecast"]))).unwrap();
    assert_eq!(
        packs.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect::<Vec<_>>(),
        ["Board", "Monday"]
    );
    assert_eq!(app.invoke("report_packs", json!({})).unwrap(), packs, "kept in the workspace");

    let book = dir.path().join("monday.xlsx");
    app.choose(&book);
    let saved = app.invoke("export_report_pack", pack("Monday", json!(["funnel", "pipeline"]))).unwrap();
    assert_eq!(saved["path"].as_str(), book.to_str());
    use calamine::Reader;
    let sheets = calamine::open_workbook::<calamine::Xlsx<_>, _>(&book).unwrap().sheet_names();
    assert_eq!(sheets, ["Funnel", "Pipeline"]);

    let left = app.invoke("delete_report_pack", json!({ "name": "monday" })).unwrap();
    assert_eq!(left.as_array().unwrap().len(), 1);
    let err = app.invoke("delete_report_pack", json!({ "name": "monday" })).unwrap_err();
    assert_eq!(err["code"], "not_found");
}

#[test]
fn all_data_exports_as_csv_files_in_the_folder_chosen() {
    let app = app();
    let input = json!({ "name": "Ada Lovelace", "email": "ada@example.com", "tags": [] });
    app.invoke("create_lead", json!({ "input": input })).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("tandem-data");
    app.choose(&folder);
    let saved = app.invoke("export_data", json!({ "format": "csv", "onProgress": "__CHANNEL__:7" })).unwrap();
    let inside = folder.join(format!("tandem-data-{}", chrono::Local::now().date_naive()));
    assert_eq!((saved["path"].as_str(), saved["files"].as_u64()), (inside.to_str(), Some(7)));
    let leads = std::fs::read_to_string(inside.join("leads.csv")).unwrap();
    assert!(leads.lines().nth(1).unwrap().contains("Ada Lovelace,ada@example.com"), "{leads}");
    let book = dir.path().join("all.xlsx");
    app.choose(&book);
    let saved = app.invoke("export_data", json!({ "format": "xlsx", "onProgress": "__CHANNEL__:8" })).unwrap();
    assert_eq!(saved["files"], 1);
    assert!(std::fs::read(&book).unwrap().starts_with(b"PK"));
}
