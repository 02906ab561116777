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
    // Written straight into one buffer: the full data export runs this over 100,000s of rows.
    let mut out = String::with_capacity(256 + table.rows.len() * 160);
    if bom {
        out.push_str(BOM);
    }
    for (i, name) in table.columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_text(&mut out, name);
    }
    if has_money {
        out.push_str(",Currency");
    }
    out.push_str("\r\n");
    let tenths = table.in_tenths();
    for row in &table.rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_field(&mut out, cell, tenths[i]);
        }
        if has_money {
            out.push(',');
            if let Some(currency) = row.iter().find_map(|c| match c {
                Cell::Money { currency, .. } => Some(currency),
                _ => None,
            }) {
                push_text(&mut out, currency);
            }
        }
        out.push_str("\r\n");
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
    let slug = super::slug(title);
    let slug = if slug.is_empty() { format!("table-{}", index + 1) } else { slug };
    out.with_file_name(format!("{stem}-{slug}.{ext}"))
}

fn push_field(out: &mut String, cell: &Cell, tenths: bool) {
    use std::fmt::Write;
    match cell {
        Cell::Text(t) => push_text(out, t),
        Cell::Count(n) => {
            let _ = write!(out, "{n}");
        }
        Cell::Money { minor, currency } => {
            out.push_str(&Amount { currency: currency.clone(), minor: *minor }.decimal())
        }
        Cell::Month(m) | Cell::Date(m) => push_text(out, m),
        Cell::Number(x) => out.push_str(&super::number_text(*x, tenths)),
        Cell::Empty => {}
    }
}

/// User text, made safe from formula injection and quoted as RFC 4180 asks.
pub(crate) fn push_text(out: &mut String, t: &str) {
    let quoted = t.contains([',', '"', '\n', '\r']);
    if quoted {
        out.push('"');
    }
    if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    if quoted {
        for (i, part) in t.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_of_numbers_is_written_to_the_tenth_only_when_one_has_a_fraction() {
        let t = Table {
            title: "t".into(),
            columns: vec!["Leads".into(), "Won ÷ spend".into(), "Days".into()],
            rows: vec![
                vec![Cell::Number(21.0), Cell::Number(18.0), Cell::Empty],
                vec![Cell::Number(9.0), Cell::Number(7.4), Cell::Number(-2.0)],
            ],
        };
        assert_eq!(t.in_tenths(), [false, true, false]);
        let text = String::from_utf8(table(&t, false)).unwrap();
        assert_eq!(text, "Leads,Won ÷ spend,Days\r\n21,18.0,\r\n9,7.4,-2\r\n");
    }

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
