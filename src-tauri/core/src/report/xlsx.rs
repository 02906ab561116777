//! Reports as XLSX workbooks (`rust_xlsxwriter`). Cells keep their type: counts and measures as
//! numbers, money as numbers in the currency's own format, months and days as dates. Text is
//! always written as a string, so nothing a user typed can become a formula. Each header row is
//! bold and frozen, columns are as wide as their content, and the report's chart is a native
//! Excel chart beside the table it draws.
//!
//! One report: a sheet per table, then "About" (title, filters, when it was made). A pack: a
//! sheet per report, its title and filters on top and its tables one under another.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rust_xlsxwriter::{Chart as XlsxChart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::{Cell, Report, Table};
use crate::model::deal::Amount;
use crate::{Error, Result};

/// Sheet names: at most 31 characters, none of these.
const FORBIDDEN: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];
/// Widths in characters, so a long campaign name does not make a column a screen wide.
const MAX_WIDTH: usize = 60;

pub fn report(report: &Report, generated: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut book = Book::new();
    for (i, table) in report.tables.iter().enumerate() {
        let (sheet, formats) = book.sheet(&table.title)?;
        let placed = formats.write_table(sheet, 0, table)?;
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        if let Some(chart) = report.chart.as_ref().filter(|c| c.table == i) {
            insert_chart(sheet, &report.title, chart, &placed)?;
        }
    }
    let (about, _) = book.sheet("About")?;
    let bold = Format::new().set_bold();
    about.write_string_with_format(0, 0, &report.title, &bold.clone().set_font_size(14)).map_err(xlsx)?;
    for (row, line) in (1..).zip(about_lines(report, generated)) {
        about.write_string(row, 0, line).map_err(xlsx)?;
    }
    about.set_column_width(0, 60).map_err(xlsx)?;
    book.save()
}

/// Several reports, one sheet each.
pub fn pack(reports: &[Report], generated: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut book = Book::new();
    for report in reports {
        let (sheet, formats) = book.sheet(&report.title)?;
        let title = Format::new().set_bold().set_font_size(14);
        sheet.write_string_with_format(0, 0, &report.title, &title).map_err(xlsx)?;
        let mut row = 1;
        for line in about_lines(report, generated) {
            sheet.write_string(row, 0, line).map_err(xlsx)?;
            row += 1;
        }
        for (i, table) in report.tables.iter().enumerate() {
            row += 1;
            sheet.write_string_with_format(row, 0, &table.title, &Format::new().set_bold()).map_err(xlsx)?;
            let placed = formats.write_table(sheet, row + 1, table)?;
            if let Some(chart) = report.chart.as_ref().filter(|c| c.table == i) {
                insert_chart(sheet, &report.title, chart, &placed)?;
            }
            row = placed.last_row + 1;
        }
    }
    book.save()
}

/// Plain tables, a sheet each, added one at a time and kept out of memory once written: the
/// full data export runs to hundreds of thousands of rows.
pub struct Tables(Book);

impl Tables {
    pub fn new() -> Tables {
        Tables(Book::new())
    }

    pub fn add(&mut self, table: &Table) -> Result<()> {
        let (sheet, formats) = self.0.sheet_of(&table.title, true)?;
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        formats.write_table(sheet, 0, table)?;
        Ok(())
    }

    pub fn finish(self) -> Result<Vec<u8>> {
        self.0.save()
    }
}

impl Default for Tables {
    fn default() -> Self {
        Tables::new()
    }
}

fn about_lines(report: &Report, generated: DateTime<Utc>) -> Vec<String> {
    let mut lines = report.filters.clone();
    lines.push(format!("Made {}", generated.format("%Y-%m-%d %H:%M UTC")));
    lines
}

struct Book {
    workbook: Workbook,
    names: Vec<String>,
    formats: Formats,
}

impl Book {
    fn new() -> Book {
        Book { workbook: Workbook::new(), names: Vec::new(), formats: Formats::default() }
    }

    /// A new sheet named after `title`, made a valid and unique sheet name, and the formats to
    /// write it with.
    fn sheet(&mut self, title: &str) -> Result<(&mut Worksheet, &mut Formats)> {
        self.sheet_of(title, false)
    }

    /// As `sheet`; a `streamed` sheet keeps only its current row in memory, so rows must come in order.
    fn sheet_of(&mut self, title: &str, streamed: bool) -> Result<(&mut Worksheet, &mut Formats)> {
        let base: String = title.chars().map(|c| if FORBIDDEN.contains(&c) { '-' } else { c }).take(31).collect();
        let base = base.trim_matches('\'').trim().to_owned();
        let base = if base.is_empty() { "Sheet".to_owned() } else { base };
        let mut name = base.clone();
        let mut n = 2;
        while self.names.iter().any(|taken| taken.eq_ignore_ascii_case(&name)) {
            let suffix = format!(" ({n})");
            name = format!("{}{suffix}", base.chars().take(31 - suffix.len()).collect::<String>());
            n += 1;
        }
        self.names.push(name.clone());
        let sheet = if streamed {
            self.workbook.add_worksheet_with_constant_memory().map_err(xlsx)?
        } else {
            self.workbook.add_worksheet()
        };
        sheet.set_name(name).map_err(xlsx)?;
        Ok((sheet, &mut self.formats))
    }

    fn save(mut self) -> Result<Vec<u8>> {
        self.workbook.save_to_buffer().map_err(xlsx)
    }
}

/// Where a table landed on its sheet, for the chart that draws it.
struct Placed {
    sheet: String,
    header_row: u32,
    last_row: u32,
    columns: u16,
}

/// Number formats made once per workbook; money has one per currency.
#[derive(Default)]
struct Formats {
    money: HashMap<String, Format>,
}

impl Formats {
    fn money(&mut self, currency: &str) -> &Format {
        self.money.entry(currency.to_owned()).or_insert_with(|| {
            let code: String = currency.chars().filter(char::is_ascii_alphabetic).collect();
            let digits = if Amount::minor_digits(currency) == 0 { "" } else { ".00" };
            Format::new().set_num_format(format!("#,##0{digits} \"{code}\";-#,##0{digits} \"{code}\""))
        })
    }

    /// Writes `table` with its header at `row`; returns where it went.
    fn write_table(&mut self, sheet: &mut Worksheet, row: u32, table: &Table) -> Result<Placed> {
        let header = Format::new().set_bold().set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
        let count = Format::new().set_num_format("#,##0");
        let tenth = Format::new().set_num_format("#,##0.0");
        let tenths = table.in_tenths();
        let day = Format::new().set_num_format("yyyy-mm-dd");
        let month = Format::new().set_num_format("mmm yyyy");
        let mut widths: Vec<usize> = table.columns.iter().map(|c| c.chars().count() + 2).collect();
        for (c, name) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(row, c as u16, name, &header).map_err(xlsx)?;
        }
        for (r, cells) in table.rows.iter().enumerate() {
            let at = row + 1 + r as u32;
            for (c, cell) in cells.iter().enumerate() {
                let col = c as u16;
                let shown = match cell {
                    Cell::Text(t) => {
                        sheet.write_string(at, col, t).map_err(xlsx)?;
                        t.chars().count()
                    }
                    Cell::Count(n) => {
                        sheet.write_number_with_format(at, col, *n as f64, &count).map_err(xlsx)?;
                        n.to_string().len() + 2
                    }
                    Cell::Number(x) => {
                        let format = if tenths[c] { &tenth } else { &count };
                        sheet.write_number_with_format(at, col, *x, format).map_err(xlsx)?;
                        super::number_text(*x, tenths[c]).len() + 2
                    }
                    Cell::Money { minor, currency } => {
                        let amount = Amount { minor: *minor, currency: currency.clone() };
                        let format = self.money(currency);
                        sheet.write_number_with_format(at, col, amount.major(), format).map_err(xlsx)?;
                        amount.decimal().len() + currency.len() + 4
                    }
                    Cell::Date(d) => {
                        write_day(sheet, at, col, d, &day)?;
                        10
                    }
                    Cell::Month(m) => {
                        write_day(sheet, at, col, &format!("{m}-01"), &month)?;
                        8
                    }
                    Cell::Empty => 0,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(shown + 1);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, (*w).min(MAX_WIDTH) as f64).map_err(xlsx)?;
        }
        Ok(Placed {
            sheet: sheet.name(),
            header_row: row,
            last_row: row + table.rows.len() as u32,
            columns: table.columns.len() as u16,
        })
    }
}

/// A day as an Excel date: its serial number (days since 1899-12-30), shown through `format`.
fn write_day(sheet: &mut Worksheet, row: u32, col: u16, day: &str, format: &Format) -> Result<()> {
    let parsed: NaiveDate = day.parse().map_err(|_| Error::Export(format!("{day:?} is not a day")))?;
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    let serial = (parsed - epoch).num_days() as f64;
    sheet.write_number_with_format(row, col, serial, format).map_err(xlsx)?;
    Ok(())
}

fn insert_chart(sheet: &mut Worksheet, title: &str, chart: &super::Chart, placed: &Placed) -> Result<()> {
    let rows = (placed.last_row - placed.header_row) as usize;
    let shown = chart.limit.map_or(rows, |l| l.min(rows));
    if shown == 0 {
        return Ok(());
    }
    let (first, last) = (placed.header_row + 1, placed.header_row + shown as u32);
    let kind = if chart.stacked { ChartType::ColumnStacked } else { ChartType::Column };
    let mut xl = XlsxChart::new(kind);
    xl.title().set_name(title);
    let labels = (chart.label.iter().min().copied().unwrap_or(0), chart.label.iter().max().copied().unwrap_or(0));
    for column in &chart.series {
        let col = *column as u16;
        xl.add_series()
            .set_name((placed.sheet.as_str(), placed.header_row, col))
            .set_categories((placed.sheet.as_str(), first, labels.0 as u16, last, labels.1 as u16))
            .set_values((placed.sheet.as_str(), first, col, last, col));
    }
    xl.set_width(640).set_height(360);
    sheet.insert_chart(placed.header_row, placed.columns + 1, &xl).map_err(xlsx)?;
    Ok(())
}

fn xlsx(e: XlsxError) -> Error {
    Error::Export(e.to_string())
}
