//! PDF exports read back by an independent reader: poppler's `pdftotext` and `pdffonts`.

use std::process::Command;

use tandem_core::demo::{Scale, generate};
use tandem_core::report::pdf::{self, shown};
use tandem_core::report::{Cell, Chart, Report, ReportFilter, ReportName, Table};

use crate::{at, workspace};

/// Each page's text as `pdftotext -layout` reads it.
fn pages(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) reads the PDFs back; `make test` installs it");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    pages.pop_if(|p| p.trim().is_empty());
    pages
}

/// Whether some line of `text` holds `cells` in order, apart.
fn has_row(text: &str, cells: &[String]) -> bool {
    text.lines().any(|line| {
        let mut rest = line;
        cells.iter().filter(|c| !c.is_empty()).all(|c| match rest.find(c.as_str()) {
            Some(i) => {
                rest = &rest[i + c.len()..];
                true
            }
            None => false,
        })
    })
}

#[tokio::test]
async fn every_report_as_pdf_reads_back_with_its_numbers_and_fonts_embedded() {
    let (store, dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 1, at(27, 12))).await.unwrap();
    let filter = ReportFilter { from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1), ..Default::default() };
    let mut reports = Vec::new();
    for name in ReportName::ALL {
        let report = store.report(name, &filter, at(27, 12)).await.unwrap();
        let bytes = pdf::report(&report, at(27, 12)).unwrap();
        let pages = pages(&bytes);
        let all = pages.join("\n");
        assert!(pages[0].trim_start().starts_with(&report.title), "{} opens with its title", name.as_str());
        for line in &report.filters {
            assert!(all.contains(line.as_str()), "{}: the filter {line:?} is printed", name.as_str());
        }
        assert!(all.contains("Made 2026-11-27 12:00 UTC"));
        for (n, page) in pages.iter().enumerate() {
            assert!(page.contains(&format!("Page {} of {}", n + 1, pages.len())), "{} page {}", name.as_str(), n + 1);
        }
        for table in &report.tables {
            assert!(all.contains(&table.title), "{}: table {:?}", name.as_str(), table.title);
            let tenths = table.in_tenths();
            for row in &table.rows {
                let cells: Vec<String> = row.iter().zip(&tenths).map(|(c, &t)| shown(c, t)).collect();
                assert!(has_row(&all, &cells), "{}: the row {cells:?} reads back", name.as_str());
            }
        }
        reports.push(report);
    }

    // A pack: each report from a new page, in the order chosen, its fonts embedded.
    let bytes = pdf::pack(&reports, at(27, 12)).unwrap();
    let pages = pages(&bytes);
    let firsts: Vec<&str> = pages
        .iter()
        .filter_map(|p| {
            let first = p.lines().find(|l| !l.trim().is_empty())?.trim();
            reports.iter().any(|r| r.title == first).then_some(first)
        })
        .collect();
    assert_eq!(firsts, reports.iter().map(|r| r.title.as_str()).collect::<Vec<_>>());
    let file = dir.path().join("pack.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let fonts = Command::new("pdffonts").arg(&file).output().unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(
        !rows.is_empty() && rows.iter().all(|r| r.contains("DejaVuSans") && r.contains(" yes yes yes ")),
        "{fonts}"
    );
}

#[test]
fn a_long_table_repeats_its_header_on_each_page_and_user_text_stays_text() {
    let rows: Vec<Vec<Cell>> = (0..140)
        .map(|i| {
            vec![
                Cell::Text(if i == 0 { "=HYPERLINK(\"http://x\")".into() } else { format!("Owner {i:03}") }),
                Cell::Count(i * 1000),
                Cell::Money { minor: i * 12_345, currency: if i % 2 == 0 { "EUR" } else { "JPY" }.into() },
            ]
        })
        .collect();
    let report = Report {
        name: ReportName::Activity,
        title: "Long list".into(),
        filters: vec!["Period: 2026-01-01 to 2026-12-31".into()],
        takes: vec![],
        tables: vec![Table {
            title: "Everyone".into(),
            columns: vec!["Owner".into(), "Done".into(), "Value".into()],
            rows,
        }],
        chart: Some(Chart { table: 0, label: vec![0], series: vec![1], stacked: false, limit: Some(10) }),
    };
    let pages = pages(&pdf::report(&report, at(27, 12)).unwrap());
    assert!(pages.len() >= 4, "140 rows run over {} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        assert!(has_row(page, &["Owner".into(), "Done".into(), "Value".into()]), "page {} has the header", n + 1);
        assert!(page.contains(&format!("Page {} of {}", n + 1, pages.len())));
        if n > 0 {
            assert!(page.contains("Long list (continued)"));
        }
    }
    let all = pages.join("\n");
    assert!(has_row(&all, &["=HYPERLINK(\"http://x\")".into(), "0".into(), "0.00 EUR".into()]));
    assert!(has_row(&all, &["Owner 139".into(), "139,000".into(), "1,715,955 JPY".into()]));
    assert!(has_row(&all, &["Owner 138".into(), "138,000".into(), "17,036.10 EUR".into()]));
    // Each row once, in order.
    let order: Vec<usize> = (1..140).map(|i| all.find(&format!("Owner {i:03} ")).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn an_empty_report_says_so_and_no_report_is_refused() {
    let report = Report {
        name: ReportName::WinLoss,
        title: "Win/loss".into(),
        filters: vec![],
        takes: vec![],
        tables: vec![Table { title: "Lost reasons".into(), columns: vec!["Reason".into()], rows: vec![] }],
        chart: Some(Chart { table: 0, label: vec![0], series: vec![0], stacked: false, limit: None }),
    };
    let pages = pages(&pdf::report(&report, at(27, 12)).unwrap());
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("Nothing to show for these filters."));
    assert_eq!(pdf::pack(&[], at(27, 12)).unwrap_err().to_string(), "reports: choose at least one report");
}

/// The fonts `pdffonts` lists for a PDF: name and whether it is embedded.
fn fonts(bytes: &[u8]) -> Vec<(String, bool)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = Command::new("pdffonts").arg(&file).output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .map(|row| (row.split_whitespace().next().unwrap_or("").to_owned(), row.contains(" yes yes ")))
        .collect()
}

#[test]
fn names_in_scripts_the_built_in_font_lacks_are_set_in_a_system_font() {
    // DejaVu Sans has no Chinese, Japanese or Korean; `make test` installs a font that has
    // (fonts-wqy-microhei), as a desktop with those languages has one.
    let report = Report {
        name: ReportName::Activity,
        title: "Activity 活動".into(),
        filters: vec![],
        takes: vec![],
        tables: vec![Table {
            title: "By owner".into(),
            columns: vec!["Owner".into(), "Done".into()],
            rows: vec![
                vec![Cell::Text("山田 太郎".into()), Cell::Count(12)],
                vec![Cell::Text("Zoë Müller (김민준)".into()), Cell::Count(7)],
                vec![Cell::Text("Ana Costa".into()), Cell::Count(3)],
            ],
        }],
        chart: Some(Chart { table: 0, label: vec![0], series: vec![1], stacked: false, limit: None }),
    };
    let bytes = pdf::report(&report, at(27, 12)).unwrap();
    let all = pages(&bytes).join("\n");
    assert!(all.contains("Activity 活動"), "{all}");
    assert!(has_row(&all, &["山田 太郎".into(), "12".into()]), "{all}");
    assert!(has_row(&all, &["Zoë Müller (김민준)".into(), "7".into()]), "{all}");
    let fonts = fonts(&bytes);
    assert!(fonts.iter().all(|(_, embedded)| *embedded), "{fonts:?}");
    assert!(fonts.iter().any(|(name, _)| name.contains("DejaVuSans")), "{fonts:?}");
    assert!(
        fonts.iter().any(|(name, _)| !name.contains("DejaVu")),
        "a system font sets the Chinese and Korean names: {fonts:?}"
    );
}
