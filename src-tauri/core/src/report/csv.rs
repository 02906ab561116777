//! A report table as CSV (RFC 4180): UTF-8, optionally with a byte-order mark so Excel reads it
//! as UTF-8, CRLF line ends, fields quoted when they hold a comma, a quote or a line break. Text
//! that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
//! is written behind an apostrophe, so it stays text. Money is written as a plain number in major
//! units, its currency in a last "Currency" column.

use std::path::{Path, PathBuf};

use super::{Cell, Report, Table};
use crate::model::deal::Amount;

const BOM: &str = "\u{feff}";

pub fn table(table: &Table, bom: bool) -> Vec<u8> {
    let has_money = table.rows.iter().flatten().any(|c| matches!(c, Cell::Money { .. }));
    let mut out = String::new();
    if bom {
        out.push_str(BOM);
    }
    let mut header: Vec<String> = table.columns.iter().map(|c| text(c)).collect();
    if has_money {
        header.push("Currency".into());
    }
    line(&mut out, &header);
    for row in &table.rows {
        let mut fields: Vec<String> = row.iter().map(field).collect();
        if has_money {
            let currency = row.iter().find_map(|c| match c {
                Cell::Money { currency, .. } => Some(text(currency)),
                _ => None,
            });
            fields.push(currency.unwrap_or_default());
        }
        line(&mut out, &fields);
    }
    out.into_bytes()
}

/// Each table of `report` as a CSV file: `out` itself when there is one table, else
/// `out-<table>.csv` beside it ("Open deals by stage" → `out-open-deals-by-stage.csv`).
pub fn files(report: &Report, out: &Path, bom: bool) -> Vec<(PathBuf, Vec<u8>)> {
    report
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let path = if report.tables.len() == 1 { out.to_owned() } else { beside(out, i, &t.title) };
            (path, table(t, bom))
        })
        .collect()
}

fn beside(out: &Path, index: usize, title: &str) -> PathBuf {
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
    let ext = out.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_else(|| "csv".into());
    let mut slug: String =
        title.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    while slug.contains("--") {
        slug = slug.replace("--", "-");
    }
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { format!("table-{}", index + 1) } else { slug.to_owned() };
    out.with_file_name(format!("{stem}-{slug}.{ext}"))
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => text(t),
        Cell::Count(n) => n.to_string(),
        Cell::Money { minor, currency } => Amount { currency: currency.clone(), minor: *minor }.decimal(),
        Cell::Month(m) | Cell::Date(m) => m.clone(),
        Cell::Number(x) => format!("{x:.1}"),
        Cell::Empty => String::new(),
    }
}

/// User text, made safe from formula injection and quoted as RFC 4180 asks.
fn text(t: &str) -> String {
    let t = if t.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{t}") } else { t.to_owned() };
    if t.contains([',', '"', '\n', '\r']) { format!("\"{}\"", t.replace('"', "\"\"")) } else { t }
}

fn line(out: &mut String, fields: &[String]) {
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_stay_text_and_awkward_text_is_quoted() {
        let t = Table {
            title: "t".into(),
            columns: vec!["Owner".into(), "Value".into()],
            rows: vec![
                vec![Cell::Text("=HYPERLINK(\"x\")".into()), Cell::Money { minor: -1250, currency: "EUR".into() }],
                vec![Cell::Text("Ng, \"Bo\"\nline".into()), Cell::Money { minor: 300, currency: "JPY".into() }],
            ],
        };
        let csv = String::from_utf8(table(&t, true)).unwrap();
        assert_eq!(
            csv,
            "\u{feff}Owner,Value,Currency\r\n\"'=HYPERLINK(\"\"x\"\")\",-12.50,EUR\r\n\"Ng, \"\"Bo\"\"\nline\",300,JPY\r\n"
        );
    }
}
