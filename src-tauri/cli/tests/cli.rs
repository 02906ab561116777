//! The CLI binary as scripts use it: exit codes, messages on stderr, JSON on stdout.

use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem-cli")).args(args).env_remove("TANDEM_DB").output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn demo_then_list_and_search_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    let out = cli(&["--db", db, "demo", "--scale", "small", "--seed", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("wrote 200 leads"));

    let out = cli(&["--db", db, "leads", "list", "--limit", "5", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["total"], 200);
    assert_eq!(page["leads"].as_array().unwrap().len(), 5);

    let name = page["leads"][0]["name"].as_str().unwrap();
    let first = name.split(' ').next().unwrap();
    let out = cli(&["--db", db, "leads", "search", first, "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(hits.as_array().unwrap().iter().any(|l| l["name"] == name), "{first} finds {name}");

    let again = cli(&["--db", db, "demo"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already holds data"));
}

#[test]
fn bad_input_exits_non_zero_with_a_clear_message_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.tandem");
    std::fs::write(&junk, [0xffu8; 512]).unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["--db".into(), junk.display().to_string(), "leads".into(), "list".into()], "is not a Tandem workspace"),
        (
            vec![
                "--db".into(),
                dir.path().join("missing/w.tandem").display().to_string(),
                "leads".into(),
                "list".into(),
            ],
            "does not exist",
        ),
        (
            vec![
                "--db".into(),
                dir.path().join("w.tandem").display().to_string(),
                "leads".into(),
                "search".into(),
                "x".into(),
            ],
            "at least 2 characters",
        ),
        (
            vec![
                "--db".into(),
                dir.path().join("w.tandem").display().to_string(),
                "leads".into(),
                "list".into(),
                "--stage".into(),
                "hot".into(),
            ],
            "\"hot\" is not one of",
        ),
    ];
    for (args, says) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("error: ") && err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("panicked"));
    }
    assert_eq!(std::fs::read(&junk).unwrap(), vec![0xffu8; 512], "left untouched");
}

#[test]
fn board_prints_the_numbers_the_core_computes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small", "--seed", "3"]).status.success());

    let out = cli(&["--db", db, "board", "--pipeline", "partnerships", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let board = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = tandem_core::Store::open(db).await.unwrap();
        store.board(Some("Partnerships"), &Default::default(), 0, chrono::Utc::now()).await.unwrap()
    });
    assert_eq!(printed["pipeline"], "Partnerships");
    assert_eq!(printed["totals"], serde_json::to_value(&board.totals).unwrap());
    for (column, printed) in board.columns.iter().zip(printed["columns"].as_array().unwrap()) {
        assert_eq!(printed["stage"], column.stage.name.as_str());
        assert_eq!(printed["totals"], serde_json::to_value(&column.totals).unwrap());
    }
    assert!(board.totals.count > 0);

    let text = cli(&["--db", db, "board"]);
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(text.lines().any(|l| l.starts_with("total\t")), "{text}");
    assert!(text.contains(" EUR"), "amounts in major units with their currency: {text}");

    let out =
        cli(&["--db", db, "deals", "list", "--pipeline", "sales", "--status", "won", "--limit", "1000", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let won: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!won.is_empty() && won.iter().all(|d| d["status"] == "won" && d["pipeline"] == "Sales"));
    let out = cli(&["--db", db, "deals", "list", "--status", "pending"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("\"pending\" is not one of open, won, lost"), "{}", stderr(&out));

    let unknown = cli(&["--db", db, "board", "--pipeline", "Nope"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("pipeline Nope was not found"), "{}", stderr(&unknown));
}

#[test]
fn campaigns_list_filters_as_the_core_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small", "--seed", "5"]).status.success());

    let out = cli(&["--db", db, "campaigns", "list", "--status", "active", "--sort", "name", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let active: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let expected = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = tandem_core::Store::open(db).await.unwrap();
        let query = tandem_core::store::CampaignQuery {
            status: Some(tandem_core::model::CampaignStatus::Active),
            sort: tandem_core::store::CampaignSort::Name,
            ..Default::default()
        };
        store.list_campaigns(&query).await.unwrap()
    });
    assert!(!expected.is_empty());
    assert_eq!(serde_json::to_value(&expected).unwrap(), serde_json::Value::Array(active));

    let text = String::from_utf8_lossy(&cli(&["--db", db, "campaigns", "list"]).stdout).into_owned();
    assert!(text.starts_with("id\tname\tstatus") && text.trim_end().ends_with("campaigns"), "{text}");

    for (args, says) in [
        (
            vec!["campaigns", "list", "--status", "paused"],
            "\"paused\" is not one of planned, active, completed, cancelled",
        ),
        (vec!["campaigns", "list", "--from", "tomorrow"], "\"tomorrow\" is not a date"),
    ] {
        let out = cli(&[&["--db", db][..], &args[..]].concat());
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
}

#[test]
fn calendar_list_expands_series_as_the_core_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small", "--seed", "2"]).status.success());
    let today = chrono::Utc::now().date_naive();
    let (from, to) = (today.to_string(), (today + chrono::Duration::days(60)).to_string());

    let out = cli(&["--db", db, "calendar", "list", "--from", &from, "--to", &to, "--tz", "Europe/Lisbon", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = tandem_core::Store::open(db).await.unwrap();
        let range =
            tandem_core::model::CalendarRange { from: from.clone(), to: to.clone(), time_zone: "Europe/Lisbon".into() };
        store.calendar_range(&range).await.unwrap()
    });
    assert!(!expected.is_empty());
    assert_eq!(printed, serde_json::to_value(&expected).unwrap());

    let text = String::from_utf8_lossy(&cli(&["--db", db, "calendar", "list", "--from", &from, "--to", &to]).stdout)
        .into_owned();
    assert!(text.starts_with("start\tend\ttitle") && text.contains("yes"), "series are marked: {text}");

    let out = cli(&["--db", db, "calendar", "list", "--from", &to, "--to", &from]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("to: must be after from"), "{}", stderr(&out));
}

#[test]
fn calendar_export_then_import_round_trips_and_refuses_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small", "--seed", "4"]).status.success());
    let ics = dir.path().join("all.ics");
    let out = cli(&["--db", db, "calendar", "export", "--out", ics.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let events: usize = said.split(' ').nth(1).unwrap().parse().unwrap();
    let text = std::fs::read_to_string(&ics).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), events, "{said}");

    // Into a fresh workspace: all new; into the one it came from: all found again.
    let other = dir.path().join("other.tandem");
    let other = other.to_str().unwrap();
    let out = cli(&["--db", other, "calendar", "import", ics.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((summary["events"].as_u64(), summary["new"].as_u64()), (Some(events as u64), Some(events as u64)));
    let out = cli(&["--db", db, "calendar", "import", ics.to_str().unwrap(), "--dry-run"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().next().unwrap().split(':').next().unwrap(),
        format!("would import {events} events")
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("0 new, {events} updated")));

    let broken = dir.path().join("broken.ics");
    std::fs::write(
        &broken,
        text.replacen("BEGIN:VEVENT\r\n", "BEGIN:VEVENT\r\nDTSTART;TZID=Mars/Olympus:20260101T090000\r\n", 1),
    )
    .unwrap();
    let out = cli(&["--db", other, "calendar", "import", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is unknown; nothing was imported"), "{}", stderr(&out));

    let out = cli(&["--db", db, "calendar", "export", "--out", ics.to_str().unwrap(), "--campaign", "no such thing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no campaign has the id, code or name \"no such thing\""));
    let out = cli(&[
        "--db",
        db,
        "calendar",
        "export",
        "--out",
        dir.path().join("x.ics").to_str().unwrap(),
        "--from",
        "2026-01-01",
    ]);
    assert_eq!(out.status.code(), Some(2), "clap asks for --to");
}

#[test]
fn lead_show_tells_the_whole_record_with_its_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small", "--seed", "3"]).status.success());
    // A lead with deals: the demo gives most customers one.
    let out = cli(&["--db", db, "leads", "list", "--stage", "customer", "--limit", "1", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = page["leads"][0]["id"].as_str().unwrap();
    let name = page["leads"][0]["name"].as_str().unwrap();

    let out = cli(&["--db", db, "lead", "show", id, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["lead"]["id"], id);
    let timeline = record["timeline"].as_array().unwrap();
    assert!(timeline.iter().any(|e| e["kind"] == "created"), "the timeline starts with the lead");
    let at: Vec<&str> = timeline.iter().map(|e| e["at"].as_str().unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] >= w[1]), "newest first: {at:?}");

    let out = cli(&["--db", db, "lead", "show", id]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with(name) && text.contains("\nTimeline\n") && text.contains("Lead created"), "{text}");

    let missing = cli(&["--db", db, "lead", "show", "0193a000-0000-7000-8000-000000000009"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("not found") || stderr(&missing).contains("no lead"), "{}", stderr(&missing));
}

#[test]
fn attribution_by_model_and_period() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small", "--seed", "3"]).status.success());
    let mut totals = Vec::new();
    for model in ["first", "last", "linear"] {
        let out = cli(&["--db", db, "attribution", "--model", model, "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(a["model"], model);
        let credited: f64 = a["campaigns"].as_array().unwrap().iter().map(|c| c["leads"].as_f64().unwrap()).sum();
        totals.push(credited + a["unattributed_leads"].as_f64().unwrap());
    }
    // Every model shares out the same 200 leads, to within rounding.
    assert!(totals.iter().all(|t| (t - 200.0).abs() < 1.0), "{totals:?}");

    let text = cli(&["--db", db, "attribution", "--from", "2026-01-01", "--to", "2026-07-01"]);
    assert!(String::from_utf8_lossy(&text.stdout).starts_with("campaign\tleads\tdeals\tpipeline\twon\n"));
    let bad = cli(&["--db", db, "attribution", "--model", "u-shaped"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("not one of first, last, linear"), "{}", stderr(&bad));
    let backwards = cli(&["--db", db, "attribution", "--from", "2026-07-01", "--to", "2026-01-01"]);
    assert!(stderr(&backwards).contains("is not after"), "{}", stderr(&backwards));
}

#[test]
fn duplicates_lists_pairs_older_lead_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small", "--seed", "3"]).status.success());
    let out = cli(&["--db", db, "duplicates", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pairs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for p in pairs.as_array().unwrap() {
        assert!(p["a"]["id"].as_str() < p["b"]["id"].as_str(), "{p}");
        assert!(!p["reasons"].as_array().unwrap().is_empty(), "{p}");
    }
    let text = cli(&["--db", db, "duplicates"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.starts_with("a\tb\tname a\tname b\tsame\n") && text.trim_end().ends_with("likely pairs"), "{text}");
}

#[test]
fn a_report_written_as_csv_reads_back_as_the_same_numbers_as_its_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small"]).status.success());
    let json = dir.path().join("pipeline.json");
    let out = cli(&["--db", db, "report", "pipeline", "--format", "json", "--out", json.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();

    let csv_out = dir.path().join("pipeline.csv");
    let out = cli(&["--db", db, "report", "pipeline", "--format", "csv", "--bom", "--out", csv_out.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let by_stage = dir.path().join("pipeline-open-deals-by-stage.csv");
    assert!(String::from_utf8_lossy(&out.stdout).contains("pipeline-open-deals-by-owner.csv"));
    let bytes = std::fs::read(&by_stage).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "the byte-order mark asked for");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(reader.headers().unwrap(), vec!["Pipeline", "Stage", "Deals", "Value", "Weighted value", "Currency"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let json_rows = report["tables"][0]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), json_rows.len());
    assert!(!rows.is_empty());
    for (csv_row, json_row) in rows.iter().zip(json_rows) {
        assert_eq!(csv_row[1], *json_row[1]["value"].as_str().unwrap());
        assert_eq!(csv_row[2].parse::<i64>().unwrap(), json_row[2]["value"].as_i64().unwrap());
        let minor = json_row[3]["value"]["minor"].as_i64().unwrap();
        assert_eq!(csv_row[3], format!("{}.{:02}", minor / 100, minor % 100));
        assert_eq!(csv_row[5], *json_row[3]["value"]["currency"].as_str().unwrap());
    }

    let nowhere = dir.path().join("x.csv");
    let nowhere = nowhere.to_str().unwrap();
    let refused = |args: &[&str], says: &str| {
        let out = cli(&[&["--db", db, "report"], args, &["--format", "csv", "--out", nowhere]].concat());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(!std::path::Path::new(nowhere).exists(), "nothing written for {args:?}");
    };
    refused(&["sales"], "\"sales\" is not one of pipeline, forecast, funnel, campaign-performance");
    refused(&["funnel", "--period", "fortnight"], "period: \"fortnight\" is not one of this-month");
    refused(&["funnel", "--model", "u-shaped"], "model: \"u-shaped\" is not one of first, last, linear");
    refused(&["funnel", "--campaign", "No such"], "no campaign is named or coded \"No such\"");
    // A named period and a model, as a scheduled export would ask.
    let funnel_to = |format: &str, out: &std::path::Path| {
        let args = ["--period", "all-time", "--model", "linear", "--format", format, "--out", out.to_str().unwrap()];
        let out = cli(&[&["--db", db, "report", "funnel"][..], &args].concat());
        assert!(out.status.success(), "{}", stderr(&out));
    };
    let funnel = dir.path().join("funnel.json");
    funnel_to("json", &funnel);
    let funnel: serde_json::Value = serde_json::from_slice(&std::fs::read(&funnel).unwrap()).unwrap();
    let xlsx = dir.path().join("funnel.xlsx");
    funnel_to("xlsx", &xlsx);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "a zip container, as XLSX is");
    assert_eq!(funnel["filters"][0], "Period: all time");
    assert_eq!(funnel["tables"][0]["rows"].as_array().unwrap().len(), 6);
    let backwards = cli(&[
        "--db",
        db,
        "report",
        "forecast",
        "--from",
        "2026-12-01",
        "--to",
        "2026-11-01",
        "--format",
        "json",
        "--out",
        nowhere,
    ]);
    assert_eq!(backwards.status.code(), Some(1));
    assert!(stderr(&backwards).contains("is not after"));
}

/// A named period is counted from the computer's own day, as the app counts it, not from UTC's.
#[test]
fn named_periods_count_from_the_local_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small"]).status.success());
    // A zone whose day differs from UTC's at this hour: 14 hours ahead of UTC from 10:00 UTC,
    // else 12 hours behind (POSIX writes the offset with the sign turned round).
    let elsewhere = if chrono::Timelike::hour(&chrono::Utc::now()) >= 10 { "UTC-14" } else { "UTC+12" };
    let filters = |tz: &str| {
        let out = dir.path().join(format!("funnel-{tz}.json"));
        let o = Command::new(env!("CARGO_BIN_EXE_tandem-cli"))
            .args(["--db", db, "report", "funnel", "--period", "last-12-months", "--format", "json", "--out"])
            .arg(&out)
            .env("TZ", tz)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_slice::<serde_json::Value>(&std::fs::read(&out).unwrap()).unwrap()["filters"].clone()
    };
    assert_ne!(filters("UTC0"), filters(elsewhere), "the period ends with the local day");
}

#[test]
fn a_report_pack_is_one_pdf_or_workbook_named_by_list_or_by_a_saved_pack() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small"]).status.success());
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();

    let one = path("funnel.pdf");
    let out = cli(&["--db", db, "report", "funnel", "--period", "all-time", "--format", "pdf", "--out", &one]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&one).unwrap().starts_with(b"%PDF-"));

    let pack = path("pack.pdf");
    let out = cli(&[
        "--db",
        db,
        "report-pack",
        "--reports",
        "win-loss,pipeline",
        "--period",
        "last-year",
        "--format",
        "pdf",
        "--out",
        &pack,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::process::Command::new("pdftotext").args([pack.as_str(), "-"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let (win_loss, pipeline) = (text.find("Win/loss").unwrap(), text.find("Open deals by stage").unwrap());
    assert!(win_loss < pipeline, "the reports in the order named");

    // A pack saved in the workspace, run by name as a cron job would; its own format and period.
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        use tandem_core::report::pack::{PackFormat, ReportPack};
        use tandem_core::report::{Period, ReportName};
        let store = tandem_core::Store::open(db).await.unwrap();
        let saved = ReportPack {
            name: "Monday review".into(),
            reports: vec![ReportName::Forecast, ReportName::Activity],
            period: Some(Period::Last12Months),
            filter: Default::default(),
            format: PackFormat::Xlsx,
        };
        store.save_report_pack(&saved, chrono::Utc::now()).await.unwrap();
        store.close().await;
    });
    let xlsx = path("monday.xlsx");
    let out = cli(&["--db", db, "report-pack", "--pack", "monday REVIEW", "--out", &xlsx]);
    assert!(out.status.success(), "{}", stderr(&out));
    let book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    assert_eq!(book.sheet_names(), ["Forecast", "Activity"]);

    let nowhere = path("nowhere.pdf");
    let refused = |args: &[&str], says: &str| {
        let out = cli(&[&["--db", db, "report-pack"], args, &["--out", &nowhere]].concat());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(!std::path::Path::new(&nowhere).exists(), "nothing written for {args:?}");
    };
    refused(&["--reports", "pipeline,sales", "--format", "pdf"], "\"sales\" is not one of");
    refused(&["--reports", ",", "--format", "pdf"], "name at least one report");
    refused(&["--pack", "Friday", "--format", "pdf"], "no saved report pack is named \"Friday\"");
    refused(&["--format", "pdf"], "name the reports with --reports a,b,c or a saved pack with --pack NAME");
    refused(&["--reports", "pipeline"], "choose --format pdf or xlsx");
}

#[test]
fn export_writes_every_table_as_csv_files_or_one_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small"]).status.success());
    let folder = dir.path().join("out");
    let out = cli(&["--db", db, "export", "--format", "csv", "--out", folder.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    for stem in ["leads", "companies", "campaigns", "calendar-items", "deals", "activities", "touchpoints"] {
        let rows = csv::Reader::from_path(folder.join(format!("{stem}.csv"))).unwrap().records().count();
        assert!(said.contains(&format!("{stem}.csv ({rows} rows)")), "{said}");
    }
    let book = dir.path().join("all.xlsx");
    let out = cli(&["--db", db, "export", "--format", "xlsx", "--out", book.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("200 leads"));
    let refused = cli(&["--db", db, "export", "--format", "xlsx", "--out", folder.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("is a folder; XLSX export writes one file"), "{}", stderr(&refused));
    let refused = cli(&["--db", db, "export", "--format", "csv", "--out", book.to_str().unwrap()]);
    assert!(stderr(&refused).contains("is a file; CSV export writes a folder"), "{}", stderr(&refused));
}

#[test]
fn backup_and_restore_put_the_workspace_back_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small"]).status.success());
    let out = cli(&["--db", db, "backup"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    let saved: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(saved.len(), 1);
    assert!(said.contains(saved[0].to_str().unwrap()) && said.contains(" MB)"), "{said}");

    let count = || {
        let out = cli(&["--db", db, "leads", "list", "--json"]);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["total"].as_u64().unwrap()
    };
    let before = count();
    // A change after the backup, then the backup put back.
    let lead = cli(&["--db", db, "leads", "list", "--json"]);
    let first = serde_json::from_slice::<serde_json::Value>(&lead.stdout).unwrap()["leads"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = tandem_core::Store::open(db).await.unwrap();
        store.delete_lead(&first, chrono::Utc::now()).await.unwrap();
        store.close().await;
    });
    assert_eq!(count(), before - 1);
    let out = cli(&["--db", db, "restore", saved[0].to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("before-restore"), "what it held is kept");
    assert_eq!(count(), before);

    let junk = dir.path().join("junk.tandem");
    std::fs::write(&junk, b"SQLite format 3\0 but nothing after it").unwrap();
    let out = cli(&["--db", db, "restore", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not a Tandem workspace"), "{}", stderr(&out));
    assert_eq!(count(), before, "a refused restore changes nothing");
}

fn total(db: &str) -> u64 {
    let out = cli(&["--db", db, "leads", "list", "--json"]);
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["total"].as_u64().unwrap()
}

#[test]
fn import_leads_dry_run_rejected_rows_only_valid_history_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.tandem");
    let db = db.to_str().unwrap();
    let file = dir.path().join("contacts.csv");
    // Semicolons and Windows-1252, as a German Excel saves it.
    let text = "Vorname;Nachname;E-Mail;Firma\nJürgen;Weiß;juergen@example.de;Bäckerei Weiß\nAnna;Schmidt;anna@;\nBo;Li;bo@example.org;\n";
    std::fs::write(&file, encoding_rs::WINDOWS_1252.encode(text).0).unwrap();
    let f = file.to_str().unwrap();
    let rejected = dir.path().join("rejected.csv");

    let out = cli(&["--db", db, "import", "leads", f, "--dry-run", "--json", "--rejected", rejected.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((plan["counts"]["new"].as_u64(), plan["counts"]["rejected"].as_u64()), (Some(2), Some(1)));
    assert_eq!(plan["problems"][0]["row"], 3);
    assert_eq!(plan["problems"][0]["column"], "E-Mail");
    let bad = std::fs::read_to_string(&rejected).unwrap();
    assert!(bad.contains("3,\"E-Mail: ") && bad.contains("Anna,Schmidt,anna@"), "{bad}");
    assert_eq!(total(db), 0, "a dry run writes nothing");

    // All or nothing by default.
    let out = cli(&["--db", db, "import", "leads", f]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("1 rows have problems; nothing was imported"), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("row 3: E-Mail:"));
    assert_eq!(total(db), 0);

    let out = cli(&["--db", db, "import", "leads", f, "--only-valid"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("before-import"), "a backup first: {}", stderr(&out));
    assert_eq!(total(db), 2);
    let out = cli(&["--db", db, "leads", "search", "Weiß", "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["company"], "Bäckerei Weiß");

    // Again: nothing new.
    let out = cli(&["--db", db, "import", "leads", f, "--only-valid", "--json"]);
    let again: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((again["counts"]["new"].as_u64(), again["counts"]["skipped"].as_u64()), (Some(0), Some(2)));

    let out = cli(&["--db", db, "import", "history", "--json"]);
    let history: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 2);
    let first = history[1]["id"].as_str().unwrap();
    let out = cli(&["--db", db, "import", "undo", first]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(total(db), 0);
    let out = cli(&["--db", db, "import", "undo", first]);
    assert!(stderr(&out).contains("already been undone"));

    // A mapping file names the columns the dictionary does not know.
    let odd = dir.path().join("odd.csv");
    std::fs::write(&odd, "Wer,Kontakt\nCy,cy@example.com\n").unwrap();
    let mapping = dir.path().join("mapping.json");
    std::fs::write(&mapping, r#"{"Wer": "full_name", "Kontakt": "email"}"#).unwrap();
    let out = cli(&["--db", db, "import", "leads", odd.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(total(db), 1);
    std::fs::write(&mapping, r#"{"Wer": "shoe_size"}"#).unwrap();
    let out = cli(&["--db", db, "import", "leads", odd.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()]);
    assert!(stderr(&out).contains("\"shoe_size\" is not a lead field"), "{}", stderr(&out));
}

#[test]
fn a_large_import_is_searchable_from_the_next_command() {
    // From 1,000 new leads the import leaves their search index to after its commit.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.tandem");
    let db = db.to_str().unwrap();
    let file = dir.path().join("fair.csv");
    let mut csv = String::from("Name,Email\n");
    for i in 0..1_200 {
        csv.push_str(&format!("Visitor {i},visitor{i}@example.com\n"));
    }
    csv.push_str("Zelda Quintero,zelda@example.com\n");
    std::fs::write(&file, csv).unwrap();
    let out = cli(&["--db", db, "import", "leads", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cli(&["--db", db, "leads", "search", "quint", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["name"], "Zelda Quintero");
}

#[test]
fn a_csv_is_imported_in_the_encoding_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.tandem");
    let db = db.to_str().unwrap();
    let file = dir.path().join("kontakty.csv");
    // "Łukasz Wójcik, Zakład" in Windows-1250: too little text for any detector to be sure.
    std::fs::write(&file, b"Name,Company\n\xA3ukasz W\xF3jcik,Zak\xB3ad\n").unwrap();
    let f = file.to_str().unwrap();
    let out = cli(&["--db", db, "import", "leads", f, "--encoding", "ebcdic"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not one of the encodings Tandem reads; it reads UTF-8, "), "{}", stderr(&out));
    assert_eq!(total(db), 0);
    let out = cli(&["--db", db, "import", "leads", f, "--encoding", "windows-1250"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cli(&["--db", db, "leads", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (list["leads"][0]["name"].as_str(), list["leads"][0]["company"].as_str()),
        (Some("Łukasz Wójcik"), Some("Zakład"))
    );
}

#[test]
fn vcard_export_and_import_carry_leads_between_workspaces() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("from.tandem");
    let to = dir.path().join("to.tandem");
    let (from, to) = (from.to_str().unwrap(), to.to_str().unwrap());
    assert!(cli(&["--db", from, "demo", "--scale", "small"]).status.success());
    let vcf = dir.path().join("leads.vcf");
    let out = cli(&["--db", from, "export", "--format", "vcard", "--out", vcf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&vcf).unwrap();
    assert_eq!(text.matches("BEGIN:VCARD").count() as u64, total(from));
    let out = cli(&["--db", to, "import", "vcard", vcf.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let done: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Demo leads may share an email; the second of a pair is skipped as a duplicate.
    let (new, skipped) = (done["counts"]["new"].as_u64().unwrap(), done["counts"]["skipped"].as_u64().unwrap());
    assert_eq!(new + skipped, total(from));
    assert_eq!(total(to), new);
    let csv = dir.path().join("x.csv");
    std::fs::write(&csv, "a,b\n").unwrap();
    let out = cli(&["--db", to, "import", "vcard", csv.to_str().unwrap()]);
    assert!(stderr(&out).contains("is not a .vcf file"), "{}", stderr(&out));
}

#[test]
fn a_killed_import_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.tandem");
    let db = db.to_str().unwrap();
    assert!(cli(&["--db", db, "demo", "--scale", "small"]).status.success());
    let before = total(db);
    let file = dir.path().join("big.csv");
    let mut csv = String::from("Name,Email,Company,Tags\n");
    for i in 0..150_000 {
        csv.push_str(&format!("Person {i},p{i}@example.com,Company {},t{}\n", i % 5000, i % 40));
    }
    std::fs::write(&file, csv).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem-cli"))
        .args(["--db", db, "import", "leads", file.to_str().unwrap()])
        .env_remove("TANDEM_DB")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once it has started writing (it says so on stderr), well before it can finish.
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        use std::io::BufRead;
        assert!(err.read_line(&mut line).unwrap() > 0, "the import ended before writing");
        if line.starts_with("writing ") {
            break;
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(150));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed mid-write, not finished");
    assert_eq!(total(db), before, "no lead of the killed import is there");
    let out = cli(&["--db", db, "import", "history", "--json"]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(), serde_json::json!([]));
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        tandem_core::store::backup::check(std::path::Path::new(db)).await.unwrap();
    });
}
