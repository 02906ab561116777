//! A file of contacts read into a table of text cells: CSV in the encodings and with the
//! delimiters other tools really write, or a sheet of a workbook (`calamine`). The header row
//! names the columns; rows keep the number a spreadsheet shows for them, for error messages.

use std::io::Cursor;

use calamine::{Data, Reader};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use serde::Serialize;
use ts_rs::TS;

use crate::{Error, Result};

/// More rows than this is not a contact list but a mistake (or an attack on memory).
pub const MAX_ROWS: usize = 1_000_000;
/// Cells beyond this in one row are refused for the same reason.
pub const MAX_COLUMNS: usize = 200;

/// A file read whole: its header and rows, and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    pub format: SourceFormat,
    /// The sheets of a workbook, the one read first; empty for other files.
    pub sheets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's number as a spreadsheet shows it (the header is row 1).
    pub number: u32,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in `column`, empty when the row is short.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map(String::as_str).unwrap_or("")
    }
}

/// How a file was read, shown in the preview so a wrong guess is visible.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SourceFormat {
    Csv { encoding: String, delimiter: String },
    Workbook { sheet: String },
    Vcard,
}

/// What kind of file, from its name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Delimited,
    Workbook,
    Vcard,
}

impl FileKind {
    pub fn of(name: &str) -> FileKind {
        let lower = name.to_ascii_lowercase();
        if [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"].iter().any(|e| lower.ends_with(e)) {
            FileKind::Workbook
        } else if lower.ends_with(".vcf") || lower.ends_with(".vcard") {
            FileKind::Vcard
        } else {
            FileKind::Delimited
        }
    }
}

/// Reads `bytes` as the kind of file `name` says; `sheet` picks a workbook's sheet (else the first).
pub fn read(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    match FileKind::of(name) {
        FileKind::Workbook => read_workbook(bytes, sheet),
        FileKind::Vcard => super::vcard::read(&decode(bytes).0),
        FileKind::Delimited => read_delimited(bytes),
    }
}

/// The text of a file and the encoding it was read in: a byte-order mark decides (UTF-8,
/// UTF-16 LE or BE); without one, valid UTF-8 is UTF-8, text with a zero byte in every other
/// place is UTF-16, and anything else is in the legacy encoding its bytes look like.
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    let encoding = match Encoding::for_bom(bytes) {
        Some((encoding, _)) => encoding,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => utf16_without_bom(bytes).unwrap_or_else(|| legacy(bytes)),
    };
    // `decode` strips the BOM of the encoding it finds (and sniffs it over our choice).
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), encoding)
}

/// The legacy encoding a spreadsheet saved the file in, as the system's locale chose it: Windows-1252
/// in Western Europe and the Americas, Shift_JIS in Japan, GBK in China, Windows-1251 for Cyrillic,
/// Windows-1250 in Central Europe, and so on. Told from the bytes by the detector browsers use for
/// pages that do not say (`chardetng`); Windows-1252, in which every byte means something, when
/// nothing tells.
fn legacy(bytes: &[u8]) -> &'static Encoding {
    // Only lines with non-ASCII bytes tell anything, and 64 KB of them are plenty: the detector
    // reads about 7 MB a second, so a whole large file would cost seconds.
    const ENOUGH: usize = 64 * 1024;
    let mut detector = chardetng::EncodingDetector::new();
    let mut fed = 0;
    for line in bytes.split_inclusive(|b| *b == b'\n').filter(|l| !l.is_ascii()) {
        detector.feed(line, false);
        fed += line.len();
        if fed >= ENOUGH {
            break;
        }
    }
    detector.feed(&[], true);
    detector.guess(None, false)
}

/// UTF-16 without a byte-order mark, told by the zero high bytes of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let zeros_at = |odd: usize| sample.iter().skip(odd).step_by(2).filter(|b| **b == 0).count();
    let half = sample.len() / 2;
    if zeros_at(1) * 10 > half * 7 {
        Some(UTF_16LE)
    } else if zeros_at(0) * 10 > half * 7 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The delimiter of the first lines: of comma, semicolon, tab and pipe (outside quotes), the one
/// found the same number of times, and at least once, on the most lines; comma when none is.
pub fn detect_delimiter(text: &str) -> u8 {
    let lines = head_lines(text, 20);
    let mut best = (b',', 0usize, 0usize);
    for delimiter in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, delimiter)).collect();
        let Some(&first) = counts.first() else { continue };
        if first == 0 {
            continue;
        }
        let agreeing = counts.iter().filter(|c| **c == first).count();
        if (agreeing, first) > (best.1, best.2) {
            best = (delimiter, agreeing, first);
        }
    }
    best.0
}

/// The first `n` records' text, where a quoted field may hold line breaks.
fn head_lines(text: &str, n: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                lines.push(text[start..i].trim_end_matches('\r'));
                start = i + 1;
                if lines.len() == n {
                    return lines;
                }
            }
            _ => {}
        }
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|b| {
            if *b == b'"' {
                quoted = !quoted;
            }
            !quoted && *b == delimiter
        })
        .count()
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "semicolon",
        b'\t' => "tab",
        b'|' => "pipe",
        _ => "comma",
    }
}

/// CSV (or TSV…) in any of the encodings `decode` knows, its delimiter detected.
pub fn read_delimited(bytes: &[u8]) -> Result<Table> {
    let (text, encoding) = decode(bytes);
    parse_delimited(&text, encoding)
}

/// The encodings a delimited file can be read in when the one detected is wrong, by the names
/// `SourceFormat::Csv` shows: Unicode, then the legacy ones spreadsheets save in by region.
pub const ENCODINGS: [&str; 18] = [
    "UTF-8",
    "UTF-16LE",
    "UTF-16BE",
    "windows-1252",
    "ISO-8859-15",
    "macintosh",
    "windows-1250",
    "windows-1251",
    "KOI8-R",
    "windows-1253",
    "windows-1254",
    "windows-1257",
    "Shift_JIS",
    "EUC-JP",
    "GBK",
    "gb18030",
    "Big5",
    "EUC-KR",
];

/// Reads file `name` in `encoding`: only a delimited file has one to choose.
pub fn read_in(name: &str, bytes: &[u8], encoding: &str) -> Result<Table> {
    match FileKind::of(name) {
        FileKind::Delimited => read_delimited_in(bytes, encoding),
        _ => Err(Error::invalid("encoding", "only a CSV file is read in a chosen encoding")),
    }
}

/// Reads a delimited file in `encoding`, one of `ENCODINGS`, whatever its bytes suggest (a
/// byte-order mark still wins: it cannot be wrong).
pub fn read_delimited_in(bytes: &[u8], encoding: &str) -> Result<Table> {
    let chosen = ENCODINGS
        .iter()
        .find(|e| e.eq_ignore_ascii_case(encoding))
        .and_then(|e| Encoding::for_label(e.as_bytes()))
        .ok_or_else(|| Error::invalid("encoding", format!("“{encoding}” is not one of the encodings Tandem reads")))?;
    let (text, used, _) = chosen.decode(bytes);
    parse_delimited(&text, used)
}

fn parse_delimited(text: &str, encoding: &'static Encoding) -> Result<Table> {
    let delimiter = detect_delimiter(text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers = match records.next() {
        Some(header) => header_names(header.map_err(malformed)?.iter()),
        None => return Err(Error::Malformed { line: 1, reason: "the file is empty".into() }),
    };
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        let record = record.map_err(malformed)?;
        push_row(&mut rows, i as u32 + 2, record.iter().map(str::to_owned).collect())?;
    }
    Ok(Table {
        headers,
        rows,
        format: SourceFormat::Csv {
            encoding: encoding.name().to_owned(),
            delimiter: delimiter_name(delimiter).to_owned(),
        },
        sheets: Vec::new(),
    })
}

fn malformed(e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
    Error::Malformed { line, reason: format!("cannot be read as CSV: {e}") }
}

/// Header cells trimmed; a blank one named by its place ("Column 3").
fn header_names<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<String> {
    cells
        .enumerate()
        .map(|(i, h)| {
            let h = h.trim();
            if h.is_empty() { format!("Column {}", i + 1) } else { h.to_owned() }
        })
        .collect()
}

/// Adds a row unless every cell is blank (spreadsheets end in those).
pub(super) fn push_row(rows: &mut Vec<Row>, number: u32, cells: Vec<String>) -> Result<()> {
    if cells.iter().all(|c| c.trim().is_empty()) {
        return Ok(());
    }
    if rows.len() >= MAX_ROWS {
        return Err(Error::Malformed {
            line: number as usize,
            reason: format!("a file may hold at most {MAX_ROWS} rows"),
        });
    }
    if cells.len() > MAX_COLUMNS {
        return Err(Error::Malformed {
            line: number as usize,
            reason: format!("has {} columns; at most {MAX_COLUMNS} are read", cells.len()),
        });
    }
    rows.push(Row { number, cells });
    Ok(())
}

/// A sheet of a workbook (XLSX, XLS, ODS): `sheet` by name, else the first.
pub fn read_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    let unreadable =
        |e: calamine::Error| Error::Malformed { line: 0, reason: format!("is not a readable workbook: {e}") };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let sheets = book.sheet_names();
    let name = match sheet {
        Some(s) => sheets
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| Error::invalid("sheet", format!("the workbook has no sheet {s:?}")))?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| Error::Malformed { line: 0, reason: "the workbook has no sheets".into() })?,
    };
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    // Row numbers as the spreadsheet shows them: the range may start below row 1.
    let first_row = range.start().map(|(r, _)| r).unwrap_or(0) + 1;
    let mut rows_in = range.rows();
    let headers = match rows_in.next() {
        Some(cells) => header_names(cells.iter().map(cell_text).collect::<Vec<_>>().iter().map(String::as_str)),
        None => return Err(Error::Malformed { line: 1, reason: format!("sheet {name:?} is empty") }),
    };
    let mut rows = Vec::new();
    for (i, cells) in rows_in.enumerate() {
        push_row(&mut rows, first_row + i as u32 + 1, cells.iter().map(cell_text).collect())?;
    }
    Ok(Table { headers, rows, format: SourceFormat::Workbook { sheet: name }, sheets })
}

/// A cell as text: whole numbers without ".0" (phone numbers typed as numbers), dates as ISO dates.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => d.to_string(),
        },
        Data::Error(_) => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1252;

    #[test]
    fn encodings_are_told_apart() {
        let text = "Name,E-mail\nJosé Müller,jose@example.com\n";
        let (t, e) = decode(text.as_bytes());
        assert_eq!((t.as_str(), e.name()), (text, "UTF-8"));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&with_bom).0, text);
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&[[0xFF, 0xFE].as_slice(), &utf16le].concat()), (text.to_owned(), UTF_16LE));
        assert_eq!(decode(&utf16le), (text.to_owned(), UTF_16LE));
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&utf16be), (text.to_owned(), UTF_16BE));
        let (cp1252, _, _) = WINDOWS_1252.encode(text);
        assert_eq!(decode(&cp1252), (text.to_owned(), WINDOWS_1252));
    }

    /// What Excel saves as "CSV" on a Windows set up for each language, read back as written.
    #[test]
    fn legacy_encodings_are_told_from_their_bytes() {
        let files = [
            (
                "Name,Firma,Ort\nJürgen Groß,Bäckerei Müller,Köln\nRenée Faßbender,Süßwaren GmbH,München\n",
                "windows-1252",
            ),
            ("Nom,Société\nFrançois Lefèvre,Crème & Brûlée SARL\nHélène Dupré,Château Ménard\n", "windows-1252"),
            (
                "氏名,会社名,部署\n山田 太郎,株式会社サンプル,営業部\n佐藤 花子,東京商事株式会社,マーケティング部\n",
                "Shift_JIS",
            ),
            (
                "Имя,Компания,Город\nИван Петров,ООО Ромашка,Москва\nАнна Смирнова,Торговый дом Север,Санкт-Петербург\n",
                "windows-1251",
            ),
            ("姓名,公司,城市\n王小明,北京科技有限公司,北京\n李华,上海贸易有限公司,上海\n", "GBK"),
            (
                "Imię,Firma,Miasto\nŁukasz Wójcik,Zakład Świętokrzyski,Łódź\nAgnieszka Żółć,Przedsiębiorstwo Gęślą,Kraków\n",
                "windows-1250",
            ),
            (
                "Όνομα,Εταιρεία\nΓιώργος Παπαδόπουλος,Εμπορική Αθηνών\nΜαρία Κωνσταντίνου,Ναυτιλιακή Πειραιώς\n",
                "windows-1253",
            ),
        ];
        for (text, name) in files {
            let encoding = Encoding::for_label(name.as_bytes()).unwrap();
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable, "{name} holds every character of the sample");
            let (read, found) = decode(&bytes);
            assert_eq!((found.name(), read.as_str()), (name, text), "a {name} file");
        }
    }

    #[test]
    fn a_file_is_read_again_in_the_encoding_chosen() {
        for name in ENCODINGS {
            let canonical = Encoding::for_label(name.as_bytes()).map(|e| e.name());
            assert_eq!(canonical, Some(name), "offered by the name a read file shows");
        }
        let text = "Name;Firma\nŁukasz Wójcik;Zakład\n";
        let (bytes, _, _) = Encoding::for_label(b"windows-1250").unwrap().encode(text);
        let as_western = read_delimited_in(&bytes, "windows-1252").unwrap();
        assert_eq!(as_western.rows[0].cell(0), "£ukasz Wójcik", "read as asked, however wrong");
        let read = read_delimited_in(&bytes, "WINDOWS-1250").unwrap();
        assert_eq!((read.rows[0].cell(0), read.rows[0].cell(1)), ("Łukasz Wójcik", "Zakład"));
        assert_eq!(read.format, SourceFormat::Csv { encoding: "windows-1250".into(), delimiter: "semicolon".into() });
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(read_delimited_in(&with_bom, "Shift_JIS").unwrap().rows[0].cell(0), "Łukasz Wójcik", "a BOM wins");
        let err = read_delimited_in(&bytes, "x-user-defined").unwrap_err();
        assert_eq!((err.code(), err.field()), ("invalid", Some("encoding")));
    }

    #[test]
    fn delimiters_are_detected_outside_quotes() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter("Name;E-mail;Notes\n\"Ana, B\";a@x.com;\"x,y,z\"\n"), b';');
        assert_eq!(detect_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(detect_delimiter("single column\nvalue\n"), b',');
        // A line break inside quotes does not end the record.
        assert_eq!(detect_delimiter("a;b\n\"1\n2,3,4\";5\n"), b';');
    }

    #[test]
    fn quoted_newlines_ragged_rows_and_blank_headers() {
        let t = read_delimited(b"Name,,Notes\n\"Ana\",x,\"line one\nline two\"\n\nBo\n,,\nCy,y,z,extra\n").unwrap();
        assert_eq!(t.headers, ["Name", "Column 2", "Notes"]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].cells[2], "line one\nline two");
        assert_eq!((t.rows[1].number, t.rows[1].cell(2)), (3, ""));
        assert_eq!((t.rows[2].number, t.rows[2].cells.len()), (5, 4));
    }
}
