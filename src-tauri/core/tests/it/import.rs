//! Imports of leads on real workspace files: every encoding and delimiter, quoted newlines,
//! ragged rows, malformed rows (all or nothing, or only the valid ones), duplicates skipped,
//! filled or overwritten, re-imports that add nothing, cancel, and an undo that puts the
//! workspace back exactly.

use encoding_rs::{SHIFT_JIS, WINDOWS_1251, WINDOWS_1252};
use tandem_core::Store;
use tandem_core::import::{ImportOptions, MatchOn, OnDuplicate, Table, mapping, table, vcard};
use tandem_core::model::{LeadInput, LeadQuery, LifecycleStage};
use tandem_core::report::Table as DataTable;

use crate::{at, lead, workspace};

const CSV: &str = "First Name,Last Name,E-mail Address,Mobile Phone,Company,Lifecycle Stage,Tags,Notes,Campaign\n\
                   Anna,Müller,anna@acme.de,+49 30 1234567,Acme GmbH,MQL,\"fair;vip\",\"Met at the fair,\nhall 3\",Fair 2026\n\
                   José,Núñez,jose@example.es,,Núñez & Hijos,customer,,,Fair 2026\n\
                   Bo,Li,bo@example.org,,Acme GmbH,,,,\n";

fn options(table: &Table) -> ImportOptions {
    ImportOptions { columns: mapping::guess_all(&table.headers), ..Default::default() }
}

async fn import(
    store: &Store,
    t: &Table,
    opts: &ImportOptions,
    only_valid: bool,
) -> tandem_core::Result<tandem_core::store::ImportResult> {
    store.import_leads(t, "contacts.csv", opts, only_valid, at(20, 9), |_| true).await
}

async fn leads(store: &Store) -> Vec<tandem_core::model::Lead> {
    store.list_leads(&LeadQuery { limit: 500, ..Default::default() }).await.unwrap().leads
}

/// Every live table of the workspace, as the full data export reads it.
async fn everything(store: &Store) -> Vec<DataTable> {
    let mut all = Vec::new();
    store
        .data_tables(|_, t| {
            all.push(t);
            Ok(())
        })
        .await
        .unwrap();
    all
}

#[tokio::test]
async fn every_encoding_and_delimiter_reads_the_same_leads() {
    let mut seen = Vec::new();
    for delimiter in [",", ";", "\t"] {
        // The comma inside the quoted note is replaced too: put back as it was.
        let text = CSV.replace(',', delimiter).replace(&format!("fair{delimiter}\nhall"), "fair,\nhall");
        let encodings: Vec<(&str, Vec<u8>)> = vec![
            ("utf-8", text.as_bytes().to_vec()),
            ("utf-8 bom", [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()),
            ("utf-16le bom", [vec![0xFF, 0xFE], text.encode_utf16().flat_map(u16::to_le_bytes).collect()].concat()),
            ("utf-16be", text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
            ("windows-1252", WINDOWS_1252.encode(&text).0.into_owned()),
        ];
        for (name, bytes) in encodings {
            let t = table::read("contacts.csv", &bytes, None).unwrap();
            assert_eq!(t.headers.len(), 9, "{name} {delimiter:?}");
            let expected = if name.starts_with("utf-16") {
                "UTF-16"
            } else if name == "windows-1252" {
                "windows-1252"
            } else {
                "UTF-8"
            };
            match &t.format {
                tandem_core::import::SourceFormat::Csv { encoding, .. } => {
                    assert!(encoding.starts_with(expected), "{encoding} for {name}")
                }
                other => panic!("{other:?}"),
            }
            let (store, _dir) = workspace().await;
            let done = import(&store, &t, &options(&t), false).await.unwrap();
            assert_eq!(done.summary.counts.new, 3, "{name} {delimiter:?}");
            let got: Vec<_> = leads(&store).await.into_iter().map(|l| (l.name, l.email, l.company, l.notes)).collect();
            seen.push(got);
        }
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "every variant imports the same");
    let first = &seen[0];
    assert_eq!(first[0].0, "Anna Müller");
    assert_eq!(first[0].3.as_deref(), Some("Met at the fair,\nhall 3"));
    assert_eq!(first[1].0, "Bo Li");
    assert_eq!(first[2].2.as_deref(), Some("Núñez & Hijos"));
}

/// Excel on a Japanese or Russian Windows saves "CSV" in the system's legacy encoding, with
/// nothing in the file to say which.
#[tokio::test]
async fn legacy_encodings_other_than_windows_1252_keep_their_names() {
    let files = [
        (
            SHIFT_JIS,
            "Name,E-mail,Company\n山田 太郎,taro@sample.jp,株式会社サンプル\n佐藤 花子,hanako@tokyo.jp,東京商事株式会社\n",
        ),
        (
            WINDOWS_1251,
            "Name,E-mail,Company\nИван Петров,ivan@romashka.ru,ООО Ромашка\nАнна Смирнова,anna@sever.ru,Торговый дом Север\n",
        ),
    ];
    for (encoding, text) in files {
        let t = table::read("contacts.csv", &encoding.encode(text).0, None).unwrap();
        let (store, _dir) = workspace().await;
        import(&store, &t, &options(&t), false).await.unwrap();
        let mut got: Vec<_> =
            leads(&store).await.into_iter().map(|l| (l.name, l.company.unwrap_or_default())).collect();
        let mut want: Vec<_> = text
            .lines()
            .skip(1)
            .map(|l| l.split(',').collect::<Vec<_>>())
            .map(|c| (c[0].to_owned(), c[2].to_owned()))
            .collect();
        let first = want[0].0.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}", encoding.name());
        let surname = first.split(' ').next().unwrap();
        assert_eq!(store.search_leads(surname, 5).await.unwrap()[0].name, first, "found in {}", encoding.name());
    }
}

/// Every reference in the workspace holds: imports write without SQLite checking them.
async fn assert_references_hold(dir: &tempfile::TempDir) {
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("test.tandem").display())).await.unwrap();
    let broken: Vec<(String, i64, String, i64)> =
        sqlx::query_as("PRAGMA foreign_key_check").fetch_all(&pool).await.unwrap();
    assert_eq!(broken, [], "rows whose references point nowhere");
}

#[tokio::test]
async fn companies_campaign_touchpoints_and_tags_come_with_the_leads() {
    let (store, dir) = workspace().await;
    let t = table::read("contacts.csv", CSV.as_bytes(), None).unwrap();
    let done = import(&store, &t, &options(&t), false).await.unwrap();
    let c = &done.summary.counts;
    assert_eq!((c.new, c.new_companies, c.new_campaigns), (3, 2, 1));
    let all = leads(&store).await;
    let anna = all.iter().find(|l| l.name == "Anna Müller").unwrap();
    assert_eq!(anna.lifecycle_stage, LifecycleStage::Mql);
    assert_eq!(anna.tags, ["fair", "vip"]);
    let record = store.lead_record(&anna.id, at(20, 10)).await.unwrap();
    assert_eq!(record.touchpoints.len(), 1);
    assert_eq!(record.touchpoints[0].campaign.as_deref(), Some("Fair 2026"));
    // Bo joins Anna's company rather than a second Acme.
    let bo = all.iter().find(|l| l.name == "Bo Li").unwrap();
    assert_eq!(bo.company.as_deref(), Some("Acme GmbH"));
    assert_references_hold(&dir).await;
}

/// 200 rows, one in twenty (5 %) malformed, each in one of four ways.
fn with_bad_rows() -> String {
    let mut csv = String::from("Name,Email,Phone,Lifecycle Stage,Created\n");
    for i in 0..200 {
        let row = match (i % 20, (i / 20) % 4) {
            (7, 0) => format!("Person {i},person{i}@example,,,\n"),
            (7, 1) => format!("Person {i},p{i}@example.com,phone!,,\n"),
            (7, 2) => format!("Person {i},p{i}@example.com,,Champion,\n"),
            (7, _) => format!("Person {i},p{i}@example.com,,,next Tuesday\n"),
            _ => format!("Person {i},p{i}@example.com,555 01{i:02},lead,2026-01-15\n"),
        };
        csv.push_str(&row);
    }
    csv
}

#[tokio::test]
async fn malformed_rows_refuse_the_whole_import_or_only_themselves() {
    let (store, _dir) = workspace().await;
    let t = table::read("many.csv", with_bad_rows().as_bytes(), None).unwrap();
    let opts = options(&t);
    let dry = store.plan_import(&t, &opts, at(20, 9)).await.unwrap();
    assert_eq!(dry.counts.rejected, 10, "{:?}", dry.problems);
    assert_eq!(dry.counts.new, 190);
    assert!(dry.problems.iter().all(|p| p.column.is_some()), "each problem names its column: {:?}", dry.problems);
    assert!(dry.problems.windows(2).all(|w| w[0].row < w[1].row));

    let strict = import(&store, &t, &opts, false).await.unwrap_err();
    assert_eq!(strict.code(), "malformed", "{strict}");
    assert!(leads(&store).await.is_empty(), "nothing written");
    assert!(store.import_batches().await.unwrap().is_empty());

    let done = import(&store, &t, &opts, true).await.unwrap();
    assert_eq!((done.summary.counts.new, done.summary.counts.rejected), (190, 10));
    assert_eq!(store.list_leads(&LeadQuery { limit: 1, ..Default::default() }).await.unwrap().total, 190);
    // Exactly the good rows: none of the bad ones got in.
    let names: Vec<String> = leads(&store).await.into_iter().map(|l| l.name).collect();
    assert!(dry.problems.iter().all(|p| !names.contains(&format!("Person {}", p.row - 2))));

    // The rejected rows come back as a CSV to fix.
    let rejected = String::from_utf8(tandem_core::import::rejected::csv(&t, &done.summary.problems)).unwrap();
    assert_eq!(rejected.lines().count(), 11);
}

#[tokio::test]
async fn reimporting_adds_nothing_and_updates_fill_or_overwrite() {
    let (store, dir) = workspace().await;
    let existing = store
        .create_lead(
            &LeadInput {
                name: "Anna M.".into(),
                email: Some("Anna@Acme.de".into()),
                job_title: Some("Head of buying".into()),
                ..Default::default()
            },
            at(1, 9),
        )
        .await
        .unwrap();
    let t = table::read("contacts.csv", CSV.as_bytes(), None).unwrap();
    let skip = import(&store, &t, &options(&t), false).await.unwrap();
    assert_eq!((skip.summary.counts.new, skip.summary.counts.skipped), (2, 1));
    let again = import(&store, &t, &options(&t), false).await.unwrap();
    assert_eq!((again.summary.counts.new, again.summary.counts.skipped), (0, 3));
    assert_eq!(leads(&store).await.len(), 3);

    let fill = ImportOptions { on_duplicate: OnDuplicate::Fill, ..options(&t) };
    let filled = import(&store, &t, &fill, false).await.unwrap();
    assert_eq!(filled.summary.counts.updated, 1, "only Anna had empty fields to fill");
    let anna = store.get_lead(&existing.id).await.unwrap();
    assert_eq!(anna.name, "Anna M.", "filling keeps the name");
    assert_eq!(anna.phone.as_deref(), Some("+49 30 1234567"));
    assert_eq!(anna.job_title.as_deref(), Some("Head of buying"));
    assert_eq!(anna.tags, ["fair", "vip"]);
    let refill = import(&store, &t, &fill, false).await.unwrap();
    assert_eq!(refill.summary.counts.updated, 0, "a second fill changes nothing");

    let overwrite = ImportOptions { on_duplicate: OnDuplicate::Overwrite, ..options(&t) };
    let over = import(&store, &t, &overwrite, false).await.unwrap();
    assert_eq!(over.summary.counts.updated, 1);
    let anna = store.get_lead(&existing.id).await.unwrap();
    assert_eq!(anna.name, "Anna Müller");
    assert_eq!(anna.lifecycle_stage, LifecycleStage::Mql);
    let record = store.lead_record(&existing.id, at(20, 10)).await.unwrap();
    assert_eq!(record.touchpoints.len(), 1, "one touchpoint however often the file comes in");
    assert_references_hold(&dir).await;

    // Matching on the phone number instead.
    let by_phone = ImportOptions { match_on: MatchOn::Phone, ..options(&t) };
    let plan = store.plan_import(&t, &by_phone, at(20, 9)).await.unwrap();
    assert_eq!((plan.counts.skipped, plan.counts.new), (1, 2), "{plan:?}");
}

#[tokio::test]
async fn undoing_an_import_puts_the_workspace_back_exactly() {
    let (store, _dir) = workspace().await;
    store
        .create_lead(
            &LeadInput {
                name: "Anna M.".into(),
                email: Some("anna@acme.de".into()),
                tags: vec!["old".into()],
                ..Default::default()
            },
            at(1, 9),
        )
        .await
        .unwrap();
    let before = everything(&store).await;
    let t = table::read("contacts.csv", CSV.as_bytes(), None).unwrap();
    let opts = ImportOptions { on_duplicate: OnDuplicate::Overwrite, ..options(&t) };
    let done = import(&store, &t, &opts, false).await.unwrap();
    assert_eq!((done.summary.counts.new, done.summary.counts.updated), (2, 1));
    assert!(!done.search_pending, "a small import indexes its leads for search as it writes them");
    assert_ne!(everything(&store).await, before);

    let undone = store.undo_import(&done.batch.id, at(21, 9)).await.unwrap();
    assert!(undone.undone_at.is_some());
    assert_eq!(everything(&store).await, before, "leads, companies, campaigns, touchpoints and tags as they were");
    let again = store.undo_import(&done.batch.id, at(21, 10)).await.unwrap_err();
    assert_eq!(again.code(), "conflict");
    let history = store.import_batches().await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].file_name, "contacts.csv");
    // The created leads went to the trash, where each can still be brought back.
    assert_eq!(store.deleted_leads(0).await.unwrap().len(), 2);
}

/// The workspace's tables, indexes and triggers, as SQL.
async fn schema(pool: &sqlx::SqlitePool) -> Vec<(String, Option<String>)> {
    sqlx::query_as("SELECT name, sql FROM sqlite_schema ORDER BY name").fetch_all(pool).await.unwrap()
}

/// An import creates its leads with the row-by-row triggers paused and then derives their
/// search entries, tallies and marks in one statement each: the result must be what the
/// triggers would have written, with the triggers back afterwards.
#[tokio::test]
async fn an_import_keeps_search_tallies_and_derived_data_as_the_triggers_would() {
    let (store, dir) = workspace().await;
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("test.tandem").display())).await.unwrap();
    let before = schema(&pool).await;
    let mut existing = lead("Existing Person");
    existing.owner = Some("Mia".into());
    existing.tags = vec!["fair".into()];
    store.create_lead(&existing, at(19, 9)).await.unwrap();

    let mut csv = String::from("Name,Email,Phone,Company,Lead Owner,Lifecycle Stage,Tags\n");
    for i in 0..6_000 {
        let owner = ["Mia", "Ole", ""][i % 3];
        let stage = ["lead", "mql", "customer"][i % 3];
        // One tag twice, in two cases: one tag, counted once.
        let tags = ["fair;vip", "vip;VIP", ""][i % 3];
        csv.push_str(&format!(
            "Kunde {i},Kunde.{i}+Messe@Firma{}.example,+49 (30) {i:07},Firma {},{owner},{stage},\"{tags}\"\n",
            i % 40,
            i % 40
        ));
    }
    let t = table::read("big.csv", csv.as_bytes(), None).unwrap();
    let done = import(&store, &t, &options(&t), false).await.unwrap();
    assert_eq!((done.summary.counts.new, done.summary.counts.new_companies), (6_000, 40));
    assert!(done.search_pending);

    assert_eq!(schema(&pool).await, before, "every paused trigger is back, as it was");
    assert_references_hold(&dir).await;

    // The new leads are indexed for search after the commit, by the first search at the latest;
    // one edited or deleted meanwhile is indexed as it is now, once.
    let due: i64 = sqlx::query_scalar("SELECT count(*) FROM search_due").fetch_one(&pool).await.unwrap();
    assert_eq!(due, 1, "one range of row numbers to index");
    let first: Vec<String> = sqlx::query_scalar("SELECT id FROM leads WHERE name LIKE 'Kunde %' ORDER BY seq LIMIT 2")
        .fetch_all(&pool)
        .await
        .unwrap();
    store.update_lead(&first[0], &lead("Umbenannt Kunde"), at(19, 10)).await.unwrap();
    store.delete_lead(&first[1], at(19, 10)).await.unwrap();
    let found = store.search_leads("Kunde 5999", 5).await.unwrap();
    assert_eq!(found[0].company.as_deref(), Some("Firma 39"));
    assert_eq!(store.search_leads("Umbenannt", 5).await.unwrap().len(), 1);
    let due: i64 = sqlx::query_scalar("SELECT count(*) FROM search_due").fetch_one(&pool).await.unwrap();
    assert_eq!(due, 0);
    crate::tallies::assert_tallies_true(&store, &pool).await;
    crate::duplicates::assert_keys_true(&pool).await;
    let indexed: Vec<(i64, String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT rowid, name, email, company FROM lead_search ORDER BY rowid")
            .fetch_all(&pool)
            .await
            .unwrap();
    let expected: Vec<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT l.seq, l.name, l.email, c.name FROM leads l LEFT JOIN companies c ON c.id = l.company_id
         WHERE l.deleted_at IS NULL ORDER BY l.seq",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(indexed, expected, "every live lead once, as it is now; the deleted one not at all");

    // The new leads' ids rise with their row numbers; each is scored and credited, or marked to be.
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM leads WHERE name LIKE 'Kunde %' ORDER BY seq")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    let (unscored, uncredited): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE l.score = 0 AND l.id NOT IN (SELECT lead_id FROM scores_due)),
                count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM credits c WHERE c.lead_id = l.id)
                                   AND l.id NOT IN (SELECT lead_id FROM credits_due))
         FROM leads l WHERE l.name LIKE 'Kunde %'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((unscored, uncredited), (0, 0));

    // Its undo trashes the 5,999 leads left set-wise, as the triggers would one by one: counts,
    // search index and marks follow, and every trigger is back.
    store.bring_up_to_date(at(19, 11)).await.unwrap();
    store.undo_import(&done.batch.id, at(19, 12)).await.unwrap();
    assert_eq!(schema(&pool).await, before);
    crate::tallies::assert_tallies_true(&store, &pool).await;
    assert_eq!(store.lead_facets().await.unwrap().total, 1, "the lead from before the import");
    let (trashed, scores_due, credits_due): (i64, i64, i64) = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE id IN (SELECT lead_id FROM scores_due)),
                count(*) FILTER (WHERE id IN (SELECT lead_id FROM credits_due))
         FROM leads WHERE name LIKE 'Kunde %' AND deleted_at IS NOT NULL",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    // Every Kunde (one was renamed) but the one deleted by hand before: more than a commit
    // settles itself, so the marks stay.
    assert_eq!((trashed, scores_due, credits_due), (5_999, 5_998, 5_998));
    assert!(store.search_leads("Kunde 5999", 5).await.unwrap().is_empty());
    let tag_counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT t.name, lt.live FROM lead_tallies lt JOIN tags t ON t.id = lt.value WHERE lt.facet = 'tag' ORDER BY 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(tag_counts, [("fair".to_owned(), 1)], "vip, made by the import, went with it");
    assert_references_hold(&dir).await;
}

#[tokio::test]
async fn a_cancelled_import_writes_nothing() {
    let (store, dir) = workspace().await;
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("test.tandem").display())).await.unwrap();
    let before = schema(&pool).await;
    let mut csv = String::from("Name,Email\n");
    for i in 0..12_000 {
        csv.push_str(&format!("Person {i},p{i}@example.com\n"));
    }
    let t = table::read("big.csv", csv.as_bytes(), None).unwrap();
    let mut heard = Vec::new();
    let err = store
        .import_leads(&t, "big.csv", &options(&t), false, at(20, 9), |p| {
            heard.push(p.done);
            p.done < 5_000
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), "cancelled");
    assert_eq!(heard, [0, 5_000]);
    assert!(leads(&store).await.is_empty());
    assert!(store.import_batches().await.unwrap().is_empty());
    assert_eq!(schema(&pool).await, before, "the triggers paused for the write are back");
}

#[tokio::test]
async fn workbooks_and_vcards_import_like_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contacts.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Notes").unwrap().write(0, 0, "not this one").unwrap();
    let sheet = book.add_worksheet().set_name("Contacts").unwrap();
    for (c, h) in ["Full Name", "Email", "Phone", "Create Date"].iter().enumerate() {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet.write(1, 0, "Ana Lopez").unwrap().write(1, 1, "ana@x.com").unwrap().write(1, 2, 4930123456.0).unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3, 4).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_with_format(1, 3, &date, &format).unwrap();
    book.save(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = table::read("contacts.xlsx", &bytes, Some("Contacts")).unwrap();
    assert_eq!(t.sheets, ["Notes", "Contacts"]);
    assert_eq!(t.rows[0].cells, ["Ana Lopez", "ana@x.com", "4930123456", "2025-03-04"]);
    assert!(table::read("contacts.xlsx", &bytes, Some("Nope")).is_err());

    // vCard out of one workspace and into another, whole.
    let (store, _dir) = workspace().await;
    let done = import(&store, &t, &options(&t), false).await.unwrap();
    assert_eq!(done.summary.counts.new, 1);
    let mut lead = leads(&store).await.remove(0);
    assert_eq!(lead.created_at.date_naive().to_string(), "2025-03-04");
    lead.tags = vec!["fair".into()];
    lead.company = Some("Lopez; Sons".into());
    for version in [vcard::Version::V4, vcard::Version::V3] {
        let text = vcard::write(std::slice::from_ref(&lead), version);
        let t = table::read("out.vcf", text.as_bytes(), None).unwrap();
        let (other, _d) = workspace().await;
        import(&other, &t, &options(&t), false).await.unwrap();
        let back = leads(&other).await.remove(0);
        assert_eq!(
            (back.name, back.email, back.phone, back.company, back.tags),
            (lead.name.clone(), lead.email.clone(), lead.phone.clone(), lead.company.clone(), lead.tags.clone()),
            "{text}"
        );
    }
}

#[tokio::test]
async fn new_leads_take_their_row_numbers_in_name_order_as_sqlite_compares_names() {
    // Written in the order of the name indexes, which compare names with NOCASE: ASCII letters
    // folded, every other character by its bytes; equal names keep the file's order.
    let (store, dir) = workspace().await;
    let names = ["Zoë", "émile", "adam", "Ádám", "_x", "a b", "Adam", "ZOE", "zoe", "Émile", "b"];
    let mut csv = String::from("Name,Email\n");
    for (i, name) in names.iter().enumerate() {
        csv.push_str(&format!("{name},person{i}@example.com\n"));
    }
    let t = table::read("names.csv", csv.as_bytes(), None).unwrap();
    import(&store, &t, &options(&t), false).await.unwrap();
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("test.tandem").display())).await.unwrap();
    let by_seq: Vec<String> =
        sqlx::query_scalar("SELECT email FROM leads ORDER BY seq").fetch_all(&pool).await.unwrap();
    let by_name: Vec<String> = sqlx::query_scalar("SELECT email FROM leads ORDER BY name COLLATE NOCASE, email")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(by_seq, by_name);
    let adams: Vec<String> = sqlx::query_scalar("SELECT name FROM leads WHERE name IN ('adam', 'Adam') ORDER BY seq")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(adams, ["adam", "Adam"], "the file's order among equal names");
}

/// Names whose capitals are not ASCII ("Ärzte", "ÖKOBAU"): their tags come with the leads, in a
/// large import and a small one, and a later file that writes a tag, company or campaign in
/// other (ASCII) capitals finds the one made first, as SQLite's NOCASE matches names.
#[tokio::test]
async fn names_with_capitals_beyond_ascii_are_found_again() {
    let (store, _dir) = workspace().await;
    let mut made = Vec::new();
    for (rows, file) in [(3, "small.csv"), (1_200, "large.csv")] {
        let mut csv = String::from("Name,Email,Tags,Company,Campaign\n");
        for i in 0..rows {
            csv.push_str(&format!("Arzt {file} {i},arzt.{i}@{file}.example,\"Ärzte;ÉQUIPE\",Ökobau GmbH,Öko-Messe\n"));
        }
        let t = table::read(file, csv.as_bytes(), None).unwrap();
        let c = import(&store, &t, &options(&t), false).await.unwrap().summary.counts;
        made.push((c.new, c.new_companies, c.new_campaigns));
    }
    let again = "Name,Tags,Company,Campaign\nZweite Schreibweise,ÄRZTE,ÖKOBAU GMBH,ÖKO-MESSE\n";
    let t = table::read("again.csv", again.as_bytes(), None).unwrap();
    let c = import(&store, &t, &options(&t), false).await.unwrap().summary.counts;
    made.push((c.new, c.new_companies, c.new_campaigns));
    assert_eq!(made, [(3, 1, 1), (1_200, 0, 0), (1, 0, 0)], "one company and one campaign, made first");
    let mut all = Vec::new();
    for offset in (0..1_500).step_by(500) {
        let page = LeadQuery { offset, limit: 500, ..Default::default() };
        all.extend(store.list_leads(&page).await.unwrap().leads);
    }
    assert_eq!(all.len(), 1_204);
    for lead in &all {
        let tags: &[&str] = if lead.name == "Zweite Schreibweise" { &["Ärzte"] } else { &["Ärzte", "ÉQUIPE"] };
        assert_eq!(lead.tags, tags, "{}", lead.name);
        assert_eq!(lead.company.as_deref(), Some("Ökobau GmbH"), "{}", lead.name);
    }
}

#[tokio::test]
async fn a_company_the_import_creates_takes_the_industry_and_size_the_file_gives() {
    let (store, dir) = workspace().await;
    let known = store
        .create_lead(&LeadInput { company: Some("Acme GmbH".into()), ..lead("Ana Known") }, at(1, 9))
        .await
        .unwrap();
    let csv = "Name,Email,Company,Industry,Number of Employees\n\
               Bea Neu,bea@baeckerei.example,Bäckerei Neu,,\n\
               Cem Neu,cem@baeckerei.example,bäckerei neu,Food & drink,11-50\n\
               Dora Acme,dora@acme.example,Acme GmbH,Retail,51-200\n\
               Eli Bad,eli@bad.example,Bad Co,\"two\nlines\",\n";
    let t = table::read("crm.csv", csv.as_bytes(), None).unwrap();
    assert_eq!(options(&t).columns[3..], [Some(mapping::Field::Industry), Some(mapping::Field::CompanySize)]);
    let done = import(&store, &t, &options(&t), true).await.unwrap();
    assert_eq!((done.summary.counts.new, done.summary.counts.new_companies), (3, 1));
    let problem = &done.summary.problems[0];
    assert_eq!((problem.row, problem.column.as_deref()), (5, Some("Industry")), "{problem:?}");

    let company_of = |name: &'static str| {
        let store = store.clone();
        async move {
            let all = leads(&store).await;
            let id = all.iter().find(|l| l.name == name).unwrap().id.clone();
            store.lead_record(&id, at(20, 10)).await.unwrap().company.unwrap()
        }
    };
    // The first row to give them names the new bakery's details, whichever row made it.
    let bakery = company_of("Bea Neu").await;
    assert_eq!(
        (bakery.industry.as_deref(), bakery.size.as_deref(), bakery.leads),
        (Some("Food & drink"), Some("11-50"), 2)
    );
    // A company already here keeps what it had.
    let acme = company_of("Dora Acme").await;
    assert_eq!((acme.industry, acme.size), (None, None));
    assert_eq!(store.lead_record(&known.id, at(20, 10)).await.unwrap().company.unwrap().id, acme.id);

    // Undone, the bakery goes with the import.
    store.undo_import(&done.batch.id, at(21, 9)).await.unwrap();
    assert_references_hold(&dir).await;
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("test.tandem").display())).await.unwrap();
    let bakeries: i64 =
        sqlx::query_scalar("SELECT count(*) FROM companies WHERE name LIKE 'B_ckerei%' AND deleted_at IS NULL")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(bakeries, 0);
}
