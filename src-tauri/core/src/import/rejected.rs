//! The rows an import could not take, written back as CSV with their row number and problem in
//! front, so they can be fixed in a spreadsheet and imported again. Cells are escaped against
//! formula injection like every CSV Tandem writes.

use super::rows::RowProblem;
use super::table::Table;
use crate::report::csv::push_text;

/// A CSV (UTF-8 with BOM, so spreadsheets read it as UTF-8) of `problems`' rows, in file order.
pub fn csv(table: &Table, problems: &[RowProblem]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        for (i, c) in cells.enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_text(out, c);
        }
        out.push_str("\r\n");
    };
    line(&mut out, &mut ["Row", "Problem"].into_iter().chain(table.headers.iter().map(String::as_str)));
    let mut rows = table.rows.iter().peekable();
    for p in problems {
        // Problems come in row order; walk the rows once.
        while rows.peek().is_some_and(|r| r.number < p.row) {
            rows.next();
        }
        let Some(row) = rows.peek() else { break };
        let number = p.row.to_string();
        let problem = match &p.column {
            Some(c) => format!("{c}: {}", p.reason),
            None => p.reason.clone(),
        };
        let cells = (0..table.headers.len()).map(|i| row.cell(i));
        line(&mut out, &mut [number.as_str(), problem.as_str()].into_iter().chain(cells));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::mapping::guess_all;
    use crate::import::rows::read;
    use crate::import::table::read_delimited;

    #[test]
    fn rejected_rows_come_back_with_their_problem() {
        let t = read_delimited(b"Name,Email\nAna,ana@x.com\nBo,=HYPERLINK(\"x\")\n,\n").unwrap();
        let (_, problems) = read(&t, &guess_all(&t.headers), "2026-01-01T00:00:00Z".parse().unwrap());
        let text = String::from_utf8(csv(&t, &problems)).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "Row,Problem,Name,Email");
        assert!(lines[1].starts_with("3,"), "{}", lines[1]);
        assert!(lines[1].ends_with(",Bo,\"'=HYPERLINK(\"\"x\"\")\""), "{}", lines[1]);
        assert_eq!(lines.len(), 2);
    }
}
