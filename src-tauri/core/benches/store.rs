//! Budgets of the foundation and the pipeline board, measured on the large generated workspace (100,000 leads, 20,000
//! deals, 300,000 activities). The workspace is generated once into the target folder and reused.
//! Record the figures in BENCHMARKS.md.

// A benchmark times itself; the no-clock rule is for the library, not its harness.
#![allow(clippy::disallowed_methods)]
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use tandem_core::Store;
use tandem_core::demo::{Scale, generate};
use tandem_core::model::{Board, BoardFilter, LeadQuery, LeadSort, LifecycleStage};
use tandem_core::store::DealMove;

fn main() {
    divan::main();
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap())
}

/// The large workspace, generated on first use (its generation time is printed).
fn large_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let path = dir.join("bench-large-v8.tandem");
        if !path.exists() {
            let tmp = dir.join("bench-large-v8.tandem.partial");
            let _ = std::fs::remove_file(&tmp);
            let started = std::time::Instant::now();
            runtime().block_on(async {
                let store = Store::open(&tmp).await.unwrap();
                let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
                store.write_demo(&generate(Scale::Large, 1, now)).await.unwrap();
                store.close().await;
            });
            eprintln!("generated the large workspace in {:.1} s", started.elapsed().as_secs_f64());
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::rename(format!("{}{ext}", tmp.display()), format!("{}{ext}", path.display()));
            }
        }
        path
    })
}

fn large() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let path = large_path();
        runtime().block_on(async {
            let store = Store::open(path).await.unwrap();
            // A workspace from before scores and credits were kept gets them on first use: done
            // here, untimed, so no sample pays for it.
            let started = std::time::Instant::now();
            store.bring_up_to_date(Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap()).await.unwrap();
            store.attribution(tandem_core::model::attribution::Model::First, None, None).await.unwrap();
            eprintln!("scores and credits brought up to date in {:.1} s", started.elapsed().as_secs_f64());
            store
        })
    })
}

/// Budget: median ≤ 5 ms for a 3-character prefix, best 50.
#[divan::bench(args = ["ann", "mül", "gra", "sol"])]
fn search_prefix_best_50(bencher: divan::Bencher, text: &str) {
    let store = large();
    bencher.bench(|| runtime().block_on(store.search_leads(text, 50)).unwrap());
}

/// The Leads screen's search: the first page with its total, and a page deep in the matches.
#[divan::bench(args = ["gra", "gra @2000", "sol", "ann gr"])]
fn search_page_with_total(bencher: divan::Bencher, case: &str) {
    let store = large();
    let (text, offset) = match case.split_once(" @") {
        Some((text, offset)) => (text, offset.parse().unwrap()),
        None => (case, 0),
    };
    let query = LeadQuery { search: Some(text.into()), offset, limit: 50, ..Default::default() };
    bencher.bench(|| runtime().block_on(store.list_leads(&query)).unwrap());
}

/// The filter menus.
#[divan::bench]
fn lead_facets(bencher: divan::Bencher) {
    let store = large();
    bencher.bench(|| runtime().block_on(store.lead_facets()).unwrap());
}

/// Budget: median ≤ 5 ms for the first 50 rows, any sort (and with a filter).
#[divan::bench(args = ["name", "name desc", "created desc", "updated", "stage filter", "tag filter", "owner+stage", "page 1000"])]
fn leads_first_page(bencher: divan::Bencher, case: &str) {
    let store = large();
    let mut query = LeadQuery { limit: 50, ..Default::default() };
    match case {
        "name" => {}
        "name desc" => query.descending = true,
        "created desc" => (query.sort, query.descending) = (LeadSort::Created, true),
        "updated" => query.sort = LeadSort::Updated,
        "stage filter" => query.stage = Some(LifecycleStage::Disqualified),
        "tag filter" => query.tag = Some("partner".into()),
        "owner+stage" => (query.owner, query.stage) = (Some(owner_of_some_lead()), Some(LifecycleStage::Customer)),
        "page 1000" => query.offset = 50_000,
        _ => unreachable!(),
    }
    bencher.bench(|| runtime().block_on(store.list_leads(&query)).unwrap());
}

fn owner_of_some_lead() -> String {
    let facets = runtime().block_on(large().lead_facets()).unwrap();
    facets.owners.into_iter().next().expect("the demo has owners")
}

/// Budget: ≤ 100 ms to open the large workspace (open + migration check).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn open_large_workspace(bencher: divan::Bencher) {
    let path = large_path();
    bencher.bench(|| {
        runtime().block_on(async {
            let store = Store::open(path).await.unwrap();
            store.close().await;
        })
    });
}

/// Budget: median ≤ 30 ms to load the first pipeline's board (about 10,900 open deals): every
/// column's totals and first 50 cards.
/// With a filter, the totals follow it (no budget of their own).
#[divan::bench(args = ["all", "search gra", "rotting only", "value 1k-10k"])]
fn board_load(bencher: divan::Bencher, case: &str) {
    let store = large();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let filter = match case {
        "all" => BoardFilter::default(),
        "search gra" => BoardFilter { search: Some("gra".into()), ..Default::default() },
        "rotting only" => BoardFilter { rotting_only: true, ..Default::default() },
        "value 1k-10k" => {
            BoardFilter { min_value_minor: Some(100_000), max_value_minor: Some(1_000_000), ..Default::default() }
        }
        _ => unreachable!(),
    };
    bencher.bench(|| runtime().block_on(store.board(None, &filter, 50, now)).unwrap());
}

/// Budget: median ≤ 5 ms for one move, committed (synchronous=FULL). A card goes back and forth
/// between the top of its column and the middle of its first page, or between two columns.
/// Budget: a month of the calendar with every series expanded, no filter: median ≤ 20 ms.
#[divan::bench(args = ["month", "week", "quarter"])]
fn calendar_range(bencher: divan::Bencher, span: &str) {
    let (from, to) = match span {
        "month" => ("2026-12-01", "2027-01-01"),
        "week" => ("2026-11-23", "2026-11-30"),
        _ => ("2026-10-01", "2027-01-01"),
    };
    let range =
        tandem_core::model::CalendarRange { from: from.into(), to: to.into(), time_zone: "Europe/Berlin".into() };
    bencher.bench(|| runtime().block_on(large().calendar_range(&range)).unwrap());
}

/// The campaign that touched most leads: the heaviest campaign page.
fn busiest_campaign() -> String {
    runtime().block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=ro", large_path().display())).await.unwrap();
        let id: String = sqlx::query_scalar(
            "SELECT campaign_id FROM touchpoints GROUP BY campaign_id ORDER BY count(DISTINCT lead_id) DESC LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        pool.close().await;
        id
    })
}

/// Budget: a campaign page's numbers, median ≤ 20 ms (the campaign that touched most leads).
#[divan::bench]
fn campaign_numbers(bencher: divan::Bencher) {
    let busiest = busiest_campaign();
    bencher.bench(|| runtime().block_on(large().campaign_numbers(&busiest)).unwrap());
}

/// The whole campaign page (numbers, items, up to 500 leads and deals) of that busiest campaign.
#[divan::bench]
fn campaign_page(bencher: divan::Bencher) {
    let busiest = busiest_campaign();
    bencher.bench(|| runtime().block_on(large().campaign_page(&busiest)).unwrap());
}

/// The lead with the most activities, deals and touchpoints: the heaviest lead page.
fn busiest_lead() -> String {
    runtime().block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=ro", large_path().display())).await.unwrap();
        let id: String = sqlx::query_scalar(
            "SELECT lead_id FROM (SELECT lead_id FROM activities UNION ALL SELECT lead_id FROM deals
                                  UNION ALL SELECT lead_id FROM touchpoints)
             GROUP BY lead_id ORDER BY count(*) DESC LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        pool.close().await;
        id
    })
}

/// Budget: a lead page with its whole timeline, median ≤ 10 ms (the busiest lead).
#[divan::bench]
fn lead_record(bencher: divan::Bencher) {
    let busiest = busiest_lead();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    bencher.bench(|| runtime().block_on(large().lead_record(&busiest, now)).unwrap());
}

/// Budget: attribution for all campaigns, one model, one year: median ≤ 100 ms.
#[divan::bench(args = ["first", "last", "linear"])]
fn attribution(bencher: divan::Bencher, model: &str) {
    let model = tandem_core::model::attribution::Model::parse(model).unwrap();
    let (from, to) = (chrono::NaiveDate::from_ymd_opt(2025, 11, 27), chrono::NaiveDate::from_ymd_opt(2026, 11, 27));
    bencher.bench(|| runtime().block_on(large().attribution(model, from, to)).unwrap());
}

/// No budget stated; a rules change scores every one of the 100,000 leads again, committed.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn rescore_every_lead(bencher: divan::Bencher) {
    let store = large();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let turn = std::sync::atomic::AtomicU32::new(0);
    bencher.bench(|| {
        // Alternate between two half-lives so every sample changes the scores.
        let n = turn.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let rules = tandem_core::model::scoring::ScoringRules { half_life_days: 30 + n % 2, ..Default::default() };
        runtime().block_on(store.set_scoring_rules(&rules, now)).unwrap()
    });
    runtime().block_on(store.set_scoring_rules(&Default::default(), now)).unwrap();
}

/// Budget: every report, one year, no other filter: median ≤ 50 ms.
#[divan::bench(args = [
    "pipeline",
    "forecast",
    "funnel",
    "campaign-performance",
    "win-loss",
    "velocity",
    "activity",
    "marketing-output",
])]
fn report(bencher: divan::Bencher, name: &str) {
    use tandem_core::report::{ReportFilter, ReportName};
    let name = ReportName::parse(name).unwrap();
    let year = ReportFilter {
        from: chrono::NaiveDate::from_ymd_opt(2025, 11, 27),
        to: chrono::NaiveDate::from_ymd_opt(2026, 11, 27),
        ..Default::default()
    };
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().to_utc();
    bencher.bench(|| runtime().block_on(large().report(name, &year, now)).unwrap());
}

fn last_year() -> tandem_core::report::ReportFilter {
    tandem_core::report::ReportFilter {
        from: chrono::NaiveDate::from_ymd_opt(2025, 11, 27),
        to: chrono::NaiveDate::from_ymd_opt(2026, 11, 27),
        ..Default::default()
    }
}

/// Budget: a one-report PDF ≤ 1 s (made and written; campaign performance is the longest, a row
/// per campaign: 2,000 rows over some 40 pages).
#[divan::bench(args = ["pipeline", "campaign-performance"], sample_count = 10, sample_size = 1)]
fn report_pdf(bencher: divan::Bencher, name: &str) {
    use tandem_core::report::{ReportName, pdf};
    let name = ReportName::parse(name).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    bencher.bench(|| {
        let report = runtime().block_on(large().report(name, &last_year(), now)).unwrap();
        pdf::report(&report, now).unwrap()
    });
}

/// Budget: a pack of all eight reports as one PDF ≤ 3 s.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn report_pack_pdf(bencher: divan::Bencher) {
    use tandem_core::report::{ReportName, pdf};
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    bencher.bench(|| {
        let reports = runtime().block_on(large().reports(&ReportName::ALL, &last_year(), now)).unwrap();
        pdf::pack(&reports, now).unwrap()
    });
}

/// Budgets: all 100,000 leads as CSV ≤ 1 s, as XLSX ≤ 3 s (read, encoded, not written to disk).
#[divan::bench(args = ["fetch", "csv", "xlsx"], sample_count = 10, sample_size = 1)]
fn export_leads(bencher: divan::Bencher, format: &str) {
    use tandem_core::export::DataTable;
    use tandem_core::report::{csv, xlsx};
    bencher.bench(|| {
        let table = runtime().block_on(large().data_table(DataTable::Leads)).unwrap();
        assert_eq!(table.rows.len(), 100_000);
        if format == "fetch" {
            Vec::new()
        } else if format == "csv" {
            csv::table(&table, true)
        } else {
            let mut book = xlsx::Tables::new();
            book.add(&table).unwrap();
            book.finish().unwrap()
        }
    });
}

/// The whole data export (every table, 800,000 rows and more) as one workbook: no budget, recorded.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn export_everything_xlsx(bencher: divan::Bencher) {
    bencher.bench(|| runtime().block_on(tandem_core::export::xlsx_workbook(large(), |_| {})).unwrap());
}

/// Budget: the duplicate scan over the 100,000 leads: ≤ 2 s.
#[divan::bench(sample_count = 10)]
fn duplicates(bencher: divan::Bencher) {
    bencher.bench(|| runtime().block_on(large().duplicates()).unwrap());
}

/// Budget: a bulk change of 10,000 leads, committed: ≤ 1 s. Only the change is timed: before
/// each sample, untimed, the previous one is undone, and so is the last at the end, so the
/// workspace is left as it was.
#[divan::bench(args = ["owner", "stage", "tag"], sample_count = 10, sample_size = 1)]
fn bulk_change(bencher: divan::Bencher, what: &str) {
    use std::cell::RefCell;
    use tandem_core::model::bulk::BulkAction;

    /// Undoes the batch it holds when replaced or dropped.
    struct Pending(RefCell<Option<String>>);
    impl Pending {
        fn undo(&self) {
            if let Some(batch) = self.0.borrow_mut().take() {
                let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
                runtime().block_on(large().undo_bulk(&batch, now)).unwrap();
            }
        }
    }
    impl Drop for Pending {
        fn drop(&mut self) {
            self.undo();
        }
    }

    let store = large();
    let ids: Vec<String> = runtime().block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=ro", large_path().display())).await.unwrap();
        let ids = sqlx::query_scalar("SELECT id FROM leads WHERE deleted_at IS NULL ORDER BY seq LIMIT 10000")
            .fetch_all(&pool)
            .await
            .unwrap();
        pool.close().await;
        ids
    });
    let action = match what {
        "owner" => BulkAction::SetOwner { owner: Some("Bench Owner".into()) },
        "stage" => BulkAction::SetStage { stage: tandem_core::model::LifecycleStage::Sql },
        _ => BulkAction::AddTag { tag: "bench".into() },
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let pending = Pending(RefCell::new(None));
    bencher.with_inputs(|| pending.undo()).bench_local_values(|()| {
        let done = runtime().block_on(store.bulk_change(&ids, &action, now)).unwrap();
        *pending.0.borrow_mut() = Some(done.batch_id);
    });
}

/// The board's filter menus, fetched each time the Pipeline screen opens.
#[divan::bench]
fn board_facets(bencher: divan::Bencher) {
    bencher.bench(|| runtime().block_on(large().board_facets()).unwrap());
}

#[divan::bench(args = ["within a column", "across columns"], sample_count = 50, sample_size = 1)]
fn move_deal(bencher: divan::Bencher, case: &str) {
    let store = large();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let board: Board = runtime().block_on(store.board(None, &BoardFilter::default(), 50, now)).unwrap();
    let busiest = (0..board.columns.len()).max_by_key(|&i| board.columns[i].deals.len()).unwrap();
    let column = &board.columns[busiest];
    let card = column.deals[0].id.clone();
    let places = match case {
        "within a column" => [
            DealMove {
                stage_id: column.stage.id.clone(),
                after: Some(column.deals[column.deals.len() / 2].id.clone()),
            },
            DealMove { stage_id: column.stage.id.clone(), after: None },
        ],
        _ => {
            let other = &board.columns[(busiest + 1) % board.columns.len()];
            [
                DealMove {
                    stage_id: other.stage.id.clone(),
                    after: other.deals.get(other.deals.len() / 2).map(|d| d.id.clone()),
                },
                DealMove { stage_id: column.stage.id.clone(), after: None },
            ]
        }
    };
    let mut turn = 0;
    bencher.bench_local(|| {
        turn += 1;
        runtime().block_on(store.move_deal(&card, &places[turn % 2], now)).unwrap()
    });
}

/// The iCalendar file of about 10,000 items (those with an occurrence from 22 September to the
/// end of the year: 10,473 events), as exported by `ics_export`.
fn ics_scope() -> tandem_core::model::IcsScope {
    tandem_core::model::IcsScope {
        from: Some("2026-09-22".into()),
        to: Some("2027-01-01".into()),
        time_zone: Some("Europe/Berlin".into()),
        ..Default::default()
    }
}

fn ics_file() -> &'static str {
    static FILE: OnceLock<String> = OnceLock::new();
    FILE.get_or_init(|| {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
        runtime().block_on(large().export_ics(&ics_scope(), "Bench", now)).unwrap().text
    })
}

/// Budget: exporting 10,000 items, ≤ 1 s.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn ics_export(bencher: divan::Bencher) {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    bencher.bench(|| runtime().block_on(large().export_ics(&ics_scope(), "Bench", now)).unwrap().events);
}

/// Budget: importing that file, ≤ 2 s: into an empty workspace (every event new), and again
/// (every event found by its UID and updated). Parsing alone is `ics_read`.
#[divan::bench(args = ["new", "again"], sample_count = 5, sample_size = 1)]
fn ics_import(bencher: divan::Bencher, case: &str) {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let events = tandem_core::ical::read(ics_file(), chrono_tz::Europe::Berlin).unwrap();
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = runtime().block_on(Store::open(dir.path().join("import.tandem"))).unwrap();
            if case == "again" {
                runtime().block_on(store.import_ics(&events, now)).unwrap();
            }
            (dir, store)
        })
        .bench_local_values(|(dir, store)| {
            let summary = runtime().block_on(store.import_ics(&events, now)).unwrap();
            assert_eq!(summary.events as usize, events.len());
            (dir, store)
        });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn ics_read(bencher: divan::Bencher) {
    bencher.bench(|| tandem_core::ical::read(ics_file(), chrono_tz::Europe::Berlin).unwrap().len());
}

/// Budget: a backup of the large workspace (every page copied, synced, read back as a workspace, renamed) ≤ 2 s.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn backup(bencher: divan::Bencher) {
    let out = large_path().with_file_name("bench-backup.tandem");
    bencher.bench(|| {
        let _ = std::fs::remove_file(&out);
        runtime().block_on(large().backup_to(&out)).unwrap()
    });
    let _ = std::fs::remove_file(&out);
}

/// A 100,000-row CSV of leads in 10 columns as a CRM exports it, one row in ten the email of a
/// lead already in the large workspace (in upper case), written beside it once (for
/// `sqlite3 .import`, the floor BENCHMARKS.md compares with). `spread`: the new leads' names
/// are the large workspace's own, shuffled, so they fall all over the alphabet as a real contact
/// list's do; otherwise they all begin with "Vorname", which fills one corner of the name
/// indexes only.
fn import_csv(spread: bool) -> &'static Vec<u8> {
    static CSV: OnceLock<Vec<u8>> = OnceLock::new();
    static SPREAD: OnceLock<Vec<u8>> = OnceLock::new();
    (if spread { &SPREAD } else { &CSV }).get_or_init(|| {
        // Generated first, outside this runtime call: generating it runs one of its own.
        let large = large_path();
        let (emails, names): (Vec<String>, Vec<String>) = runtime().block_on(async {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=ro", large.display())).await.unwrap();
            let emails = sqlx::query_scalar(
                "SELECT email FROM leads WHERE deleted_at IS NULL AND email IS NOT NULL ORDER BY seq LIMIT 10000",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            // A fixed shuffle: 7,919 is prime, so every row number lands somewhere else.
            let names = sqlx::query_scalar("SELECT name FROM leads ORDER BY (seq * 7919) % 100003 LIMIT 100000")
                .fetch_all(&pool)
                .await
                .unwrap();
            pool.close().await;
            (emails, names)
        });
        let stages = ["Lead", "Marketing Qualified Lead", "subscriber", "SQL", "Customer"];
        let mut csv = String::from(
            "First Name,Last Name,Email,Phone,Company,Job Title,Lifecycle Stage,Tags,Lead Source,Create Date\n",
        );
        for i in 0..100_000usize {
            let email = if i % 10 == 0 { emails[i / 10].to_uppercase() } else { format!("import.{i}@firma{}.example", i % 3000) };
            let (first, last) = match names[i].split_once(' ') {
                Some((first, last)) if spread => (first.to_string(), last.to_string()),
                _ => (format!("Vorname{i}"), format!("Nachname{}", i % 997)),
            };
            csv.push_str(&format!(
                "{first},{last},{email},+49 30 {:07},Firma {} GmbH,Einkauf,{},\"fair;list {}\",Trade fair,{:02}/{:02}/2025\n",
                i,
                i % 3000,
                stages[i % stages.len()],
                i % 12,
                i % 12 + 1,
                i % 28 + 1
            ));
        }
        let path = large_path().with_file_name(if spread { "bench-import-100k-spread.csv" } else { "bench-import-100k.csv" });
        std::fs::write(&path, &csv).unwrap();
        csv.into_bytes()
    })
}

/// Budget: the dry run of that file (read, checked, matched against 100,000 leads) ≤ 1.5 s;
/// the import (the same, then written in one transaction) ≤ 3 s. The import goes into a copy
/// of the large workspace each time (made untimed). "then searchable" times what follows the
/// import's commit in the background: indexing its leads for search; "undo" undoes the import
/// once its leads are indexed. "import, names spread" imports the file whose new names fall all
/// over the alphabet (`import_csv`).
#[divan::bench(
    args = ["dry run", "import", "import, names spread", "then searchable", "undo"],
    sample_count = 5,
    sample_size = 1
)]
fn import_leads(bencher: divan::Bencher, case: &str) {
    use tandem_core::import::{ImportOptions, mapping, table};
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let csv = import_csv(case == "import, names spread");
    let headers = table::read("leads.csv", csv, None).unwrap().headers;
    let options = ImportOptions { columns: mapping::guess_all(&headers), ..Default::default() };
    if case == "dry run" {
        let store = large();
        bencher.bench(|| {
            let t = table::read("leads.csv", csv, None).unwrap();
            let plan = runtime().block_on(store.plan_import(&t, &options, now)).unwrap();
            assert_eq!((plan.counts.new, plan.counts.skipped), (90_000, 10_000));
        });
        return;
    }
    let copy = large_path().with_file_name("bench-import.tandem");
    let fresh_copy = || {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", copy.display()));
        }
        runtime().block_on(large().backup_to(&copy)).unwrap();
        runtime().block_on(Store::open(&copy)).unwrap()
    };
    let import = |store: &Store| {
        let t = table::read("leads.csv", csv, None).unwrap();
        let done = runtime().block_on(store.import_leads(&t, "leads.csv", &options, false, now, |_| true)).unwrap();
        assert_eq!(done.summary.counts.new, 90_000);
        done.batch.id
    };
    if case.starts_with("import") {
        bencher.with_inputs(fresh_copy).bench_local_values(|store| {
            import(&store);
            store
        });
    } else if case == "undo" {
        bencher
            .with_inputs(|| {
                // As in the app, where the search index catches up right after the import.
                let store = fresh_copy();
                let batch = import(&store);
                runtime().block_on(store.settle_search()).unwrap();
                (store, batch)
            })
            .bench_local_values(|(store, batch)| {
                runtime().block_on(store.undo_import(&batch, now)).unwrap();
                store
            });
    } else {
        bencher
            .with_inputs(|| {
                let store = fresh_copy();
                import(&store);
                store
            })
            .bench_local_values(|store| {
                runtime().block_on(store.settle_search()).unwrap();
                store
            });
    }
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", copy.display()));
    }
}
