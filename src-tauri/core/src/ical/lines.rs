//! RFC 5545 content lines: reading a file into components (unfolding, parameters, escapes) with
//! the line each property started on, and writing properties back (escaped, folded at 75 octets).

use crate::{Error, Result};

/// One property: `NAME;PARAM=value:VALUE`, with the (1-based) line it started on.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
    pub line: usize,
}

impl Property {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// A `BEGIN:X … END:X` block: its properties and the components inside it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Component {
    pub name: String,
    pub line: usize,
    pub properties: Vec<Property>,
    pub children: Vec<Component>,
}

impl Component {
    pub fn get(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }

    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Component> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

pub fn malformed(line: usize, reason: impl Into<String>) -> Error {
    Error::Malformed { line, reason: reason.into() }
}

/// Reads a whole file into its top-level components (normally one VCALENDAR).
pub fn parse(text: &str) -> Result<Vec<Component>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut stack: Vec<Component> = Vec::new();
    let mut done = Vec::new();
    for (line, raw) in unfold(text) {
        if raw.trim().is_empty() {
            continue;
        }
        let property = property(&raw, line)?;
        match property.name.as_str() {
            "BEGIN" => stack.push(Component { name: property.value.to_ascii_uppercase(), line, ..Default::default() }),
            "END" => {
                let name = property.value.to_ascii_uppercase();
                let open = stack.pop().ok_or_else(|| malformed(line, format!("END:{name} without a BEGIN")))?;
                if open.name != name {
                    return Err(malformed(
                        line,
                        format!("END:{name} closes BEGIN:{} of line {}", open.name, open.line),
                    ));
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(open),
                    None => done.push(open),
                }
            }
            _ => match stack.last_mut() {
                Some(open) => open.properties.push(property),
                None => return Err(malformed(line, format!("{} outside BEGIN:VCALENDAR", property.name))),
            },
        }
    }
    if let Some(open) = stack.last() {
        return Err(malformed(open.line, format!("BEGIN:{} is never closed", open.name)));
    }
    if done.is_empty() {
        return Err(malformed(1, "no BEGIN:VCALENDAR: this is not an iCalendar file"));
    }
    Ok(done)
}

/// Joins folded lines (a line break followed by a space or tab continues the line), keeping the
/// number of the line each logical line started on. Accepts CRLF and bare LF.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        match (line.strip_prefix([' ', '\t']), out.last_mut()) {
            (Some(rest), Some((_, last))) => last.push_str(rest),
            _ => out.push((i + 1, line.to_owned())),
        }
    }
    out
}

/// Splits one logical line into name, parameters and value (parameter values may be quoted and
/// contain `:` and `;`).
fn property(raw: &str, line: usize) -> Result<Property> {
    let mut chars = raw.char_indices().peekable();
    let mut name_end = raw.len();
    let mut params = Vec::new();
    let mut value_start = None;
    while let Some((i, c)) = chars.next() {
        if c == ';' || c == ':' {
            name_end = name_end.min(i);
            if c == ':' {
                value_start = Some(i + 1);
                break;
            }
            // A parameter: NAME=value[,value] with optional quotes.
            let mut pname = String::new();
            let mut pvalue = String::new();
            let mut in_value = false;
            let mut quoted = false;
            while let Some(&(_, d)) = chars.peek() {
                if !quoted && (d == ';' || d == ':') {
                    break;
                }
                chars.next();
                match d {
                    '"' if in_value => quoted = !quoted,
                    '=' if !in_value => in_value = true,
                    _ if in_value => pvalue.push(d),
                    _ => pname.push(d),
                }
            }
            if quoted {
                return Err(malformed(line, format!("parameter {pname} has an unclosed quote")));
            }
            if !in_value {
                return Err(malformed(line, format!("parameter {pname:?} has no value")));
            }
            params.push((pname.to_ascii_uppercase(), pvalue));
        }
    }
    let name = raw[..name_end].trim().to_ascii_uppercase();
    let value_start =
        value_start.ok_or_else(|| malformed(line, format!("{:?} has no ':' before its value", short(raw))))?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(malformed(line, format!("{:?} is not a property name", short(&raw[..name_end]))));
    }
    Ok(Property { name, params, value: raw[value_start..].to_owned(), line })
}

fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

/// A TEXT value with its escapes (`\\`, `\;`, `\,`, `\n`) undone.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A TEXT value escaped for writing.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no line is longer than 75 octets (never inside a
/// character), ended with CRLF.
pub fn write_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_params_and_escapes() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY;LANGUAGE=de:Stra\r\n ße\\, Café\\; Ümlaut\\nzwei\r\nATTENDEE;CN=\"Doe, Jane\";ROLE=REQ-PARTICIPANT:mailto:jane@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let cal = parse(text).unwrap();
        let event = &cal[0].children[0];
        let summary = event.get("SUMMARY").unwrap();
        assert_eq!(unescape(&summary.value), "Straße, Café; Ümlaut\nzwei");
        assert_eq!(summary.param("LANGUAGE"), Some("de"));
        let attendee = event.get("ATTENDEE").unwrap();
        assert_eq!(attendee.param("CN"), Some("Doe, Jane"));
        assert_eq!(attendee.value, "mailto:jane@example.com");
        assert_eq!(attendee.line, 5);
    }

    #[test]
    fn writing_folds_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "é".repeat(60));
        write_line(&mut out, &long);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let back = parse(&format!("BEGIN:VCALENDAR\r\n{out}END:VCALENDAR\r\n")).unwrap();
        assert_eq!(back[0].get("SUMMARY").unwrap().value, "é".repeat(60));
        assert_eq!(unescape(&escape("a,b;c\\d\ne")), "a,b;c\\d\ne");
    }

    #[test]
    fn errors_name_the_line() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(
            err("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY x\nEND:VEVENT\nEND:VCALENDAR"),
            "line 3: \"SUMMARY x\" has no ':' before its value"
        );
        assert_eq!(
            err("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR"),
            "line 3: END:VCALENDAR closes BEGIN:VEVENT of line 2"
        );
        assert_eq!(err("BEGIN:VCALENDAR\nBEGIN:VEVENT\n"), "line 2: BEGIN:VEVENT is never closed");
        assert_eq!(err("hello"), "line 1: \"hello\" has no ':' before its value");
        assert_eq!(err(""), "line 1: no BEGIN:VCALENDAR: this is not an iCalendar file");
    }
}
