//! Budgets of the foundation, measured on the large generated workspace (100,000 leads, 20,000
//! deals, 300,000 activities). The workspace is generated once into the target folder and reused.
//! Record the figures in BENCHMARKS.md.

// A benchmark times itself; the no-clock rule is for the library, not its harness.
#![allow(clippy::disallowed_methods)]
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use tandem_core::Store;
use tandem_core::demo::{Scale, generate};
use tandem_core::model::{LeadQuery, LeadSort, LifecycleStage};

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
        let path = dir.join("bench-large-v1.tandem");
        if !path.exists() {
            let tmp = dir.join("bench-large-v1.tandem.partial");
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
    STORE.get_or_init(|| runtime().block_on(Store::open(large_path())).unwrap())
}

/// Budget: median ≤ 5 ms for a 3-character prefix, best 50.
#[divan::bench(args = ["ann", "mül", "gra", "sol"])]
fn search_prefix_best_50(bencher: divan::Bencher, text: &str) {
    let store = large();
    bencher.bench(|| runtime().block_on(store.search_leads(text, 50)).unwrap());
}

/// Budget: median ≤ 5 ms for the first 50 rows, any sort (and with a filter).
#[divan::bench(args = ["name", "name desc", "created desc", "updated", "stage filter", "tag filter"])]
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
        _ => unreachable!(),
    }
    bencher.bench(|| runtime().block_on(store.list_leads(&query)).unwrap());
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
