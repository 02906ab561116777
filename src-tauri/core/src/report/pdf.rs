//! Reports as PDF documents to forward: the title, the filters and when it was made, the chart
//! as bars, then each table with its header repeated on every page it runs onto, and "Page n of
//! N" at the foot. The fonts are embedded (subset) in each file, so any viewer shows it the same:
//! DejaVu Sans, built in, and a system font for what it lacks (`typeface`).
//!
//! Drawing happens in two passes: `Layout` places text, rules and boxes page by page, then
//! `render` writes the pages once their number is known.

use chrono::{DateTime, Datelike, Timelike, Utc};
use krilla::Document;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime as PdfDateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::TextDirection;

use super::typeface::{advance, runs};
use super::{Cell, Chart, Report, Table};
use crate::model::deal::Amount;
use crate::{Error, Result};

/// A4, in points.
const A4: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 42.0;
/// Room kept at the foot of each page for its number.
const FOOT: f32 = 28.0;
const BODY: f32 = 8.5;
const ROW: f32 = 15.0;
const PAD: f32 = 4.0;
/// A text column is never squeezed narrower than this to make a table fit.
const MIN_TEXT_COLUMN: f32 = 70.0;

const INK: Rgb = (0x1f, 0x29, 0x37);
const MUTED: Rgb = (0x6b, 0x72, 0x80);
const RULE: Rgb = (0xd1, 0xd5, 0xdb);
const HEADER_FILL: Rgb = (0xf1, 0xf3, 0xf6);
const STRIPE: Rgb = (0xf9, 0xfa, 0xfb);
/// The screen's chart colours, in order.
const PALETTE: [Rgb; 6] = [
    (0x25, 0x63, 0xeb),
    (0x10, 0xb9, 0x81),
    (0xf5, 0x9e, 0x0b),
    (0xef, 0x44, 0x44),
    (0x8b, 0x5c, 0xf6),
    (0x06, 0xb6, 0xd4),
];

type Rgb = (u8, u8, u8);

/// One report as a PDF.
pub fn report(report: &Report, generated: DateTime<Utc>) -> Result<Vec<u8>> {
    pack(std::slice::from_ref(report), generated)
}

/// Several reports in one PDF, each from a new page, each a bookmark.
pub fn pack(reports: &[Report], generated: DateTime<Utc>) -> Result<Vec<u8>> {
    if reports.is_empty() {
        return Err(Error::invalid("reports", "choose at least one report"));
    }
    let mut layout = Layout::default();
    for report in reports {
        layout.report(report, generated);
    }
    let title = if reports.len() == 1 { reports[0].title.clone() } else { "Report pack".to_owned() };
    render(layout, &title, generated)
}

/// `text` cut with an ellipsis to fit `room` points.
fn fit(text: &str, room: f32, size: f32, bold: bool) -> String {
    if advance(text, size, bold) <= room {
        return text.to_owned();
    }
    let mut out = String::new();
    let room = room - advance("…", size, bold);
    for c in text.chars() {
        out.push(c);
        if advance(&out, size, bold) > room {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: String },
    Rect { x: f32, y: f32, w: f32, h: f32, color: Rgb },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, color: Rgb },
}

struct Page {
    landscape: bool,
    /// The report it belongs to, named at its foot.
    title: String,
    ops: Vec<Op>,
}

#[derive(Default)]
struct Layout {
    pages: Vec<Page>,
    /// Where the next thing goes, from the top of the page.
    y: f32,
    /// Each report's title and first page, for the bookmarks.
    starts: Vec<(String, usize)>,
}

impl Layout {
    fn page(&self) -> &Page {
        self.pages.last().expect("a page is started before anything is placed")
    }

    fn size(&self) -> (f32, f32) {
        if self.page().landscape { (A4.1, A4.0) } else { A4 }
    }

    fn content_width(landscape: bool) -> f32 {
        (if landscape { A4.1 } else { A4.0 }) - 2.0 * MARGIN
    }

    fn new_page(&mut self, landscape: bool, title: &str) {
        self.pages.push(Page { landscape, title: title.to_owned(), ops: Vec::new() });
        self.y = MARGIN;
    }

    /// Starts a new page of the same report unless `height` more fits on this one; whether it did.
    fn room_for(&mut self, height: f32) -> bool {
        if self.y + height <= self.size().1 - MARGIN - FOOT {
            return false;
        }
        let (landscape, title) = (self.page().landscape, self.page().title.clone());
        self.new_page(landscape, &title);
        self.push(Op::Text {
            x: MARGIN,
            y: self.y + 8.0,
            size: 8.0,
            bold: false,
            color: MUTED,
            text: format!("{title} (continued)"),
        });
        self.y += 20.0;
        true
    }

    fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("a started page").ops.push(op);
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, color: Rgb, text: impl Into<String>) {
        self.push(Op::Text { x, y: self.y + size, size, bold, color, text: text.into() });
    }

    fn report(&mut self, report: &Report, generated: DateTime<Utc>) {
        // A table too wide for a portrait page turns the whole report sideways.
        let portrait = Self::content_width(false);
        let landscape = report.tables.iter().any(|t| Shaped::new(t, portrait).natural > portrait);
        let width = Self::content_width(landscape);
        self.new_page(landscape, &report.title);
        self.starts.push((report.title.clone(), self.pages.len() - 1));

        self.text(MARGIN, 18.0, true, INK, report.title.clone());
        self.y += 28.0;
        let mut about = report.filters.clone();
        about.push(format!("Made {}", generated.format("%Y-%m-%d %H:%M UTC")));
        for line in about {
            self.text(MARGIN, 9.0, false, MUTED, fit(&line, width, 9.0, false));
            self.y += 13.0;
        }
        self.y += 10.0;

        if let Some(chart) = &report.chart
            && let Some(table) = report.tables.get(chart.table)
            && !table.rows.is_empty()
        {
            self.chart(chart, table, width);
        }
        for table in &report.tables {
            self.table(table, &Shaped::new(table, width), width);
        }
    }

    fn table(&mut self, table: &Table, shaped: &Shaped, width: f32) {
        self.room_for(18.0 + 2.0 * ROW);
        self.text(MARGIN, 11.0, true, INK, fit(&table.title, width, 11.0, true));
        self.y += 18.0;
        if table.rows.is_empty() {
            self.text(MARGIN, BODY, false, MUTED, "Nothing to show for these filters.");
            self.y += ROW + 10.0;
            return;
        }
        self.header(table, shaped);
        for (i, row) in table.rows.iter().enumerate() {
            if self.room_for(ROW) {
                self.header(table, shaped);
            }
            if i % 2 == 1 {
                self.push(Op::Rect { x: MARGIN, y: self.y, w: shaped.total(), h: ROW, color: STRIPE });
            }
            let mut x = MARGIN;
            for (c, cell) in row.iter().enumerate() {
                let w = shaped.widths[c];
                let text = fit(&shown(cell, shaped.tenths[c]), w - 2.0 * PAD, shaped.size, false);
                let at = if numeric(cell) { x + w - PAD - advance(&text, shaped.size, false) } else { x + PAD };
                self.push(Op::Text { x: at, y: self.y + ROW - 4.5, size: shaped.size, bold: false, color: INK, text });
                x += w;
            }
            self.y += ROW;
        }
        self.push(Op::Line { x1: MARGIN, y1: self.y, x2: MARGIN + shaped.total(), y2: self.y, color: RULE });
        self.y += 16.0;
    }

    fn header(&mut self, table: &Table, shaped: &Shaped) {
        self.push(Op::Rect { x: MARGIN, y: self.y, w: shaped.total(), h: ROW + 2.0, color: HEADER_FILL });
        let mut x = MARGIN;
        for (c, name) in table.columns.iter().enumerate() {
            let w = shaped.widths[c];
            let text = fit(name, w - 2.0 * PAD, shaped.size, true);
            let at = if shaped.numeric[c] { x + w - PAD - advance(&text, shaped.size, true) } else { x + PAD };
            self.push(Op::Text { x: at, y: self.y + ROW - 3.5, size: shaped.size, bold: true, color: INK, text });
            x += w;
        }
        self.y += ROW + 2.0;
        self.push(Op::Line { x1: MARGIN, y1: self.y, x2: MARGIN + shaped.total(), y2: self.y, color: RULE });
    }

    /// Horizontal bars, one band per row, the series side by side or stacked; a legend above
    /// and a scale below.
    fn chart(&mut self, chart: &Chart, table: &Table, width: f32) {
        let rows: Vec<&Vec<Cell>> = table.rows.iter().take(chart.limit.unwrap_or(usize::MAX)).collect();
        let labels: Vec<String> = rows
            .iter()
            .map(|r| {
                let parts: Vec<String> =
                    chart.label.iter().map(|&c| shown(&r[c], true)).filter(|s| !s.is_empty()).collect();
                parts.join(" · ")
            })
            .collect();
        let values: Vec<Vec<f64>> =
            rows.iter().map(|r| chart.series.iter().map(|&c| value(&r[c]).max(0.0)).collect()).collect();
        let top = values
            .iter()
            .map(|v| if chart.stacked { v.iter().sum() } else { v.iter().cloned().fold(0.0, f64::max) })
            .fold(0.0, f64::max);
        let whole = rows.iter().all(|r| chart.series.iter().all(|&c| matches!(r[c], Cell::Count(_) | Cell::Empty)));
        let (step, steps) = ticks(top, whole);
        let top = step * steps as f64;
        let side_by_side = if chart.stacked { 1 } else { chart.series.len().max(1) };
        let band = (6.0 * side_by_side as f32 + 8.0).max(16.0);
        // Bars a little thinner rather than the chart alone on the next page.
        let room = (self.size().1 - MARGIN - FOOT - self.y - 38.0) / rows.len().max(1) as f32;
        let band = if room < band { room.max(4.0 * side_by_side as f32 + 6.0).min(band) } else { band };
        let height = 16.0 + band * rows.len() as f32 + 22.0;
        self.room_for(height);

        // Legend.
        let mut x = MARGIN;
        for (i, &c) in chart.series.iter().enumerate() {
            self.push(Op::Rect { x, y: self.y + 1.0, w: 8.0, h: 8.0, color: PALETTE[i % PALETTE.len()] });
            let name = &table.columns[c];
            self.push(Op::Text {
                x: x + 11.0,
                y: self.y + 8.5,
                size: 8.0,
                bold: false,
                color: INK,
                text: name.clone(),
            });
            x += 24.0 + advance(name, 8.0, false);
        }
        self.y += 16.0;

        let label_width = labels.iter().map(|l| advance(l, 8.0, false)).fold(0.0, f32::max).min(width * 0.32) + 12.0;
        let plot_x = MARGIN + label_width;
        let plot_w = width - label_width - 20.0;
        let scale = |v: f64| if top > 0.0 { (v / top) as f32 * plot_w } else { 0.0 };
        let plot_top = self.y;
        let plot_bottom = self.y + band * rows.len() as f32;
        for i in 0..=steps {
            let gx = plot_x + plot_w * i as f32 / steps as f32;
            self.push(Op::Line { x1: gx, y1: plot_top, x2: gx, y2: plot_bottom, color: RULE });
            let tick = compact(step * i as f64);
            let tw = advance(&tick, 7.0, false);
            self.push(Op::Text {
                x: gx - tw / 2.0,
                y: plot_bottom + 10.0,
                size: 7.0,
                bold: false,
                color: MUTED,
                text: tick,
            });
        }
        for (r, label) in labels.iter().enumerate() {
            let y = plot_top + band * r as f32;
            let text = fit(label, label_width - 12.0, 8.0, false);
            let tw = advance(&text, 8.0, false);
            self.push(Op::Text {
                x: plot_x - 6.0 - tw,
                y: y + band / 2.0 + 3.0,
                size: 8.0,
                bold: false,
                color: INK,
                text,
            });
            let mut stack = 0.0;
            for (s, v) in values[r].iter().enumerate() {
                let color = PALETTE[s % PALETTE.len()];
                let (bx, by, bh) = if chart.stacked {
                    (plot_x + scale(stack), y + 3.0, band - 6.0)
                } else {
                    let h = (band - 8.0) / side_by_side as f32;
                    (plot_x, y + 4.0 + h * s as f32, h)
                };
                let w = scale(*v);
                if w > 0.0 {
                    self.push(Op::Rect { x: bx, y: by, w, h: bh, color });
                }
                stack += v;
            }
        }
        self.push(Op::Line { x1: plot_x, y1: plot_top, x2: plot_x, y2: plot_bottom, color: MUTED });
        self.y = plot_bottom + 24.0;
    }
}

/// A table's column widths and type size, to fit `room` points.
struct Shaped {
    widths: Vec<f32>,
    numeric: Vec<bool>,
    /// Columns of numbers written to the tenth (`Table::in_tenths`).
    tenths: Vec<bool>,
    size: f32,
    /// Its width with nothing squeezed, at the body size.
    natural: f32,
}

impl Shaped {
    fn new(table: &Table, room: f32) -> Shaped {
        let numeric: Vec<bool> = (0..table.columns.len())
            .map(|c| {
                table.rows.iter().any(|r| numeric(&r[c]))
                    && table.rows.iter().all(|r| numeric(&r[c]) || r[c] == Cell::Empty)
            })
            .collect();
        let tenths = table.in_tenths();
        let measure = |size: f32| -> Vec<f32> {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(c, name)| {
                    let cells =
                        table.rows.iter().map(|r| advance(&shown(&r[c], tenths[c]), size, false)).fold(0.0, f32::max);
                    cells.max(advance(name, size, true)) + 2.0 * PAD
                })
                .collect()
        };
        let mut size = BODY;
        let mut widths = measure(size);
        let natural: f32 = widths.iter().sum();
        if natural > room {
            size = (BODY * room / natural).max(7.0);
            widths = measure(size);
        }
        // Still too wide: squeeze the text columns, which are cut with an ellipsis.
        let total: f32 = widths.iter().sum();
        if total > room {
            let text: f32 = widths.iter().zip(&numeric).filter(|(_, n)| !**n).map(|(w, _)| *w).sum();
            let over = total - room;
            if text > 0.0 {
                for (w, n) in widths.iter_mut().zip(&numeric) {
                    if !*n {
                        *w = (*w - over * *w / text).max(MIN_TEXT_COLUMN.min(*w));
                    }
                }
            }
        }
        Shaped { widths, numeric, tenths, size, natural }
    }

    fn total(&self) -> f32 {
        self.widths.iter().sum()
    }
}

fn numeric(cell: &Cell) -> bool {
    matches!(cell, Cell::Count(_) | Cell::Number(_) | Cell::Money { .. })
}

/// A cell as the document prints it: counts and money grouped by thousands, money with its
/// currency code ("12,500.00 EUR"), months by name, a number to the tenth in a column `tenths`.
pub fn shown(cell: &Cell, tenths: bool) -> String {
    match cell {
        Cell::Text(t) => t.replace(['\n', '\r', '\t'], " "),
        Cell::Count(n) => grouped(&n.to_string()),
        Cell::Number(x) => grouped(&super::number_text(*x, tenths)),
        Cell::Money { minor, currency } => {
            format!("{} {currency}", grouped(&Amount { currency: currency.clone(), minor: *minor }.decimal()))
        }
        Cell::Month(m) => chrono::NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .map(|d| d.format("%b %Y").to_string())
            .unwrap_or_else(|_| m.clone()),
        Cell::Date(d) => d.clone(),
        Cell::Empty => String::new(),
    }
}

/// "-1234567.50" → "-1,234,567.50".
fn grouped(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |r| ("-", r));
    let (whole, fraction) = rest.split_once('.').map_or((rest, None), |(w, f)| (w, Some(f)));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// A cell as a bar's length; money in major units.
fn value(cell: &Cell) -> f64 {
    match cell {
        Cell::Count(n) => *n as f64,
        Cell::Number(x) => *x,
        Cell::Money { minor, currency } => Amount { currency: currency.clone(), minor: *minor }.major(),
        _ => 0.0,
    }
}

/// The scale's step and how many steps reach past `top`: at most five, each 1, 2, 2.5 or 5 times
/// a power of ten, and whole when the bars count things.
fn ticks(top: f64, whole: bool) -> (f64, usize) {
    if top <= 0.0 {
        return (1.0, 1);
    }
    let power = 10f64.powf((top / 5.0).log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0, 20.0] {
        let step = m * power;
        if whole && (step < 1.0 || step.fract() != 0.0) {
            continue;
        }
        let n = (top / step - 1e-9).ceil().max(1.0);
        if n <= 5.0 {
            return (step, n as usize);
        }
    }
    (top, 1)
}

/// A scale tick: 950, 1.5k, 2M.
fn compact(v: f64) -> String {
    let (n, unit) = match v.abs() {
        a if a >= 1e9 => (v / 1e9, "B"),
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e3 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    let text = format!("{n:.1}");
    format!("{}{unit}", text.strip_suffix(".0").unwrap_or(&text))
}

fn render(layout: Layout, title: &str, generated: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut document = Document::new();
    let total = layout.pages.len();
    for (n, page) in layout.pages.iter().enumerate() {
        let (w, h) = if page.landscape { (A4.1, A4.0) } else { A4 };
        let settings = PageSettings::from_wh(w, h).ok_or_else(|| pdf_error("page size"))?;
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for op in &page.ops {
            draw(&mut surface, op);
        }
        let foot = format!("Page {} of {total}", n + 1);
        let y = h - MARGIN + 10.0;
        draw(&mut surface, &Op::Line { x1: MARGIN, y1: y - 12.0, x2: w - MARGIN, y2: y - 12.0, color: RULE });
        draw(
            &mut surface,
            &Op::Text {
                x: MARGIN,
                y,
                size: 7.5,
                bold: false,
                color: MUTED,
                text: fit(&page.title, w / 2.0, 7.5, false),
            },
        );
        let fw = advance(&foot, 7.5, false);
        draw(&mut surface, &Op::Text { x: w - MARGIN - fw, y, size: 7.5, bold: false, color: MUTED, text: foot });
        surface.finish();
        pdf_page.finish();
    }
    let mut outline = Outline::new();
    for (name, page) in &layout.starts {
        outline.push_child(OutlineNode::new(name.clone(), XyzDestination::new(*page, Point::from_xy(0.0, 0.0))));
    }
    document.set_outline(outline);
    let made = PdfDateTime::new(generated.year() as u16)
        .month(generated.month() as u8)
        .day(generated.day() as u8)
        .hour(generated.hour() as u8)
        .minute(generated.minute() as u8)
        .second(generated.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    document.set_metadata(Metadata::new().title(title.to_owned()).creator("Tandem".to_owned()).creation_date(made));
    document.finish().map_err(|e| pdf_error(&format!("{e:?}")))
}

fn draw(surface: &mut krilla::surface::Surface<'_>, op: &Op) {
    let fill = |(r, g, b): Rgb| Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    };
    match op {
        Op::Text { x, y, size, bold, color, text } => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*color)));
            let mut at = *x;
            for (run, face) in runs(text, *bold) {
                surface.draw_text(Point::from_xy(at, *y), face.font.clone(), *size, run, false, TextDirection::Auto);
                at += advance(run, *size, *bold);
            }
        }
        Op::Rect { x, y, w, h, color } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else { return };
            let mut path = PathBuilder::new();
            path.push_rect(rect);
            if let Some(path) = path.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*color)));
                surface.draw_path(&path);
            }
        }
        Op::Line { x1, y1, x2, y2, color } => {
            let mut path = PathBuilder::new();
            path.move_to(*x1, *y1);
            path.line_to(*x2, *y2);
            if let Some(path) = path.finish() {
                let (r, g, b) = *color;
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(r, g, b).into(),
                    width: 0.6,
                    ..Default::default()
                }));
                surface.draw_path(&path);
            }
        }
    }
}

fn pdf_error(what: &str) -> Error {
    Error::Export(format!("could not write the PDF: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_money_names_its_currency() {
        assert_eq!(grouped("-1234567.50"), "-1,234,567.50");
        assert_eq!(grouped("999"), "999");
        assert_eq!(shown(&Cell::Money { minor: 123456789, currency: "EUR".into() }, false), "1,234,567.89 EUR");
        assert_eq!(shown(&Cell::Money { minor: -300, currency: "JPY".into() }, false), "-300 JPY");
        assert_eq!(shown(&Cell::Month("2026-02".into()), false), "Feb 2026");
        assert_eq!(shown(&Cell::Number(1234.5), true), "1,234.5");
        assert_eq!(shown(&Cell::Number(1234.0), false), "1,234");
    }

    #[test]
    fn scales_end_on_round_numbers() {
        assert_eq!(ticks(0.0, true), (1.0, 1));
        assert_eq!(ticks(5.0, true), (1.0, 5));
        assert_eq!(ticks(3.0, true), (1.0, 3));
        assert_eq!(ticks(125.0, true), (25.0, 5));
        assert_eq!(ticks(172.2, false), (50.0, 4));
        assert_eq!(ticks(2.2, false), (0.5, 5));
        assert_eq!(ticks(338_848.0, false), (100_000.0, 4));
        assert_eq!(compact(2500.0), "2.5k");
        assert_eq!(compact(1_000_000.0), "1M");
    }

    #[test]
    fn long_text_is_cut_to_fit() {
        let cut = fit("A very long campaign name that cannot fit in a narrow column", 80.0, 8.5, false);
        assert!(cut.ends_with('…') && advance(&cut, 8.5, false) <= 80.0, "{cut}");
        assert_eq!(fit("Short", 80.0, 8.5, false), "Short");
    }
}
