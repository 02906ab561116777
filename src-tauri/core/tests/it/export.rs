//! The full data export, read back by independent readers: the `csv` crate and `calamine`.

use tandem_core::demo::{Scale, generate};
use tandem_core::export::{self, DataTable};

use crate::{at, lead, workspace};

/// Live rows of `table`, counted through a connection of its own to the workspace file.
async fn live(db: &std::path::Path, table: &str) -> u64 {
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display())).await.unwrap();
    let sql = match table {
        "leads" => "SELECT count(*) FROM leads WHERE deleted_at IS NULL",
        "companies" => "SELECT count(*) FROM companies WHERE deleted_at IS NULL",
        "campaigns" => "SELECT count(*) FROM campaigns WHERE deleted_at IS NULL",
        "calendar-items" => "SELECT count(*) FROM calendar_items WHERE deleted_at IS NULL",
        "deals" => "SELECT count(*) FROM deals WHERE deleted_at IS NULL",
        "activities" => "SELECT count(*) FROM activities WHERE deleted_at IS NULL",
        _ => {
            "SELECT count(*) FROM touchpoints t JOIN leads l ON l.id = t.lead_id
              WHERE t.deleted_at IS NULL AND l.deleted_at IS NULL"
        }
    };
    let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap();
    n as u64
}

#[tokio::test]
async fn every_table_as_csv_reads_back_row_for_row_with_user_text_kept_safe() {
    let (store, dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 1, at(27, 12))).await.unwrap();
    let awkward = tandem_core::model::LeadInput {
        email: Some("ana@example.com".into()),
        notes: Some("Likes \"quotes\", commas\nand lines".into()),
        ..lead("=HYPERLINK(\"http://x\")")
    };
    let ana = store.create_lead(&awkward, at(27, 13)).await.unwrap();
    let gone = store.create_lead(&lead("Deleted Dora"), at(27, 13)).await.unwrap();
    store.delete_lead(&gone.id, at(27, 14)).await.unwrap();

    let out = dir.path().join("export");
    let mut seen = Vec::new();
    let summary = export::csv_files(&store, &out, true, |p| seen.push((p.done, p.total, p.table))).await.unwrap();
    assert_eq!(seen.len(), 7);
    assert_eq!(seen[0], (1, 7, "Leads".to_owned()));
    assert_eq!(seen[6], (7, 7, "Touchpoints".to_owned()));
    assert_eq!(summary.files.len(), 7);

    for which in DataTable::ALL {
        let path = out.join(format!("{}.csv", which.file_stem()));
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let expected = live(&dir.path().join("test.tandem"), which.file_stem()).await;
        assert_eq!(rows.len() as u64, expected, "{}", which.file_stem());
        assert!(expected > 0, "the demo has {}", which.file_stem());
    }

    let mut leads = csv::Reader::from_path(out.join("leads.csv")).unwrap();
    let header = leads.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = leads.records().map(Result::unwrap).collect();
    let at_ = |name: &str| header.iter().position(|h| h.trim_start_matches('\u{feff}') == name).unwrap();
    let row = rows.iter().find(|r| r[at_("Id")] == ana.id).unwrap();
    assert_eq!(&row[at_("Name")], "'=HYPERLINK(\"http://x\")", "a formula stays text");
    assert_eq!(&row[at_("Notes")], "Likes \"quotes\", commas\nand lines");
    assert!(!rows.iter().any(|r| r[at_("Id")] == gone.id), "a deleted lead is not exported");

    // Deals name leads that are in the leads file (one snapshot).
    let ids: std::collections::HashSet<String> = rows.iter().map(|r| r[at_("Id")].to_owned()).collect();
    let mut deals = csv::Reader::from_path(out.join("deals.csv")).unwrap();
    let lead_id = deals.headers().unwrap().iter().position(|h| h == "Lead id").unwrap();
    for deal in deals.records() {
        assert!(ids.contains(&deal.unwrap()[lead_id]));
    }
}

#[tokio::test]
async fn every_table_as_one_workbook_reads_back_with_money_as_numbers() {
    use calamine::{Data, DataType, Reader};
    let (store, dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 1, at(27, 12))).await.unwrap();
    let (bytes, counts) = export::xlsx_workbook(&store, |_| {}).await.unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = DataTable::ALL.iter().map(|t| t.title().to_owned()).collect();
    assert_eq!(book.sheet_names(), names);
    for (which, (stem, n)) in DataTable::ALL.iter().zip(&counts) {
        assert_eq!(stem, which.file_stem());
        let range = book.worksheet_range(which.title()).unwrap();
        assert_eq!(range.height() as u64, n + 1, "{stem}: a header and every row");
        assert_eq!(*n, live(&dir.path().join("test.tandem"), stem).await);
    }
    let deals = book.worksheet_range("Deals").unwrap();
    let header: Vec<String> = deals.rows().next().unwrap().iter().map(|d| d.to_string()).collect();
    let value = header.iter().position(|h| h == "Value").unwrap();
    let first = deals.rows().nth(1).unwrap();
    assert!(first[value].as_f64().is_some_and(|v| v > 0.0), "money is a number: {:?}", first[value]);
    let close = header.iter().position(|h| h == "Expected close").unwrap();
    assert!(deals.rows().skip(1).any(|r| r[close].as_date().is_some()), "days are dates");
    let formulas = book.worksheet_formula("Leads").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    assert!(matches!(deals.get((0, 0)), Some(Data::String(h)) if h == "Id"));
}

#[tokio::test]
async fn a_failed_csv_export_takes_back_the_files_it_wrote() {
    let (store, dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 1, at(27, 12))).await.unwrap();
    let out = dir.path().join("export");
    // A folder where the second file should go: writing it fails.
    std::fs::create_dir_all(out.join("companies.csv")).unwrap();
    let err = export::csv_files(&store, &out, false, |_| {}).await.unwrap_err();
    assert!(err.to_string().contains("companies.csv"), "{err}");
    assert!(!out.join("leads.csv").exists(), "the leads file written before is removed");
}
