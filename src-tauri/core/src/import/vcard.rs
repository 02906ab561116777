//! vCard (.vcf, versions 2.1, 3.0 and 4.0) through `calcard`: a file of cards read as a table
//! whose headers the mapping knows, so a vCard import is previewed, checked and undone like any
//! other; and leads written as vCard 4.0 or 3.0.

use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardParameterValue, VCardProperty, VCardType, VCardValue,
    VCardVersion,
};
use calcard::{Entry, Parser};

use super::table::{Row, SourceFormat, Table, push_row};
use crate::model::lead::Lead;
use crate::{Error, Result};

/// The columns a card becomes, named as the mapping's dictionary knows them.
pub const HEADERS: [&str; 10] = [
    "Full Name",
    "First Name",
    "Last Name",
    "Email",
    "Phone",
    "Company",
    "Job Title",
    "Website",
    "Notes",
    "Categories",
];

/// Every card in `text`, one row each (numbered from 2, as if under a header row).
pub fn read(text: &str) -> Result<Table> {
    let mut parser = Parser::new(text);
    let mut rows: Vec<Row> = Vec::new();
    let mut cards = 0u32;
    loop {
        match parser.entry() {
            Entry::VCard(card) => {
                cards += 1;
                push_row(&mut rows, cards + 1, card_cells(&card))?;
            }
            Entry::Eof => break,
            Entry::ICalendar(_) => {
                return Err(Error::Malformed { line: 0, reason: "holds calendar events, not contacts".into() });
            }
            Entry::InvalidLine(line) => {
                return Err(Error::Malformed {
                    line: line_of(text, &line),
                    reason: format!("is not a vCard line: {:?}", truncate(&line)),
                });
            }
            Entry::UnterminatedComponent(what) => {
                return Err(Error::Malformed { line: text.lines().count(), reason: format!("a {what} has no END") });
            }
            _ => return Err(Error::Malformed { line: 0, reason: "is not a vCard file".into() }),
        }
    }
    if cards == 0 {
        return Err(Error::Malformed { line: 1, reason: "holds no contacts (no BEGIN:VCARD)".into() });
    }
    Ok(Table {
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows,
        format: SourceFormat::Vcard,
        sheets: Vec::new(),
    })
}

fn line_of(text: &str, line: &str) -> usize {
    text.find(line).map(|at| text[..at].matches('\n').count() + 1).unwrap_or(0)
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

fn card_cells(card: &VCard) -> Vec<String> {
    let text = |prop: VCardProperty| -> String {
        card.property(&prop).map(|e| values_text(&e.values, " ")).unwrap_or_default()
    };
    // N is family;given;additional;prefixes;suffixes.
    let name_part = |i: usize| -> String {
        card.property(&VCardProperty::N).and_then(|e| e.values.get(i)).map(|v| value_text(v, " ")).unwrap_or_default()
    };
    // The preferred email or phone (PREF, or TYPE=pref in 3.0), else the first.
    let preferred = |prop: VCardProperty| -> String {
        let all: Vec<&VCardEntry> = card.properties(&prop).collect();
        let pref = all.iter().find(|e| is_preferred(e)).or(all.first());
        pref.map(|e| values_text(&e.values, "")).unwrap_or_default()
    };
    vec![
        text(VCardProperty::Fn),
        name_part(1),
        name_part(0),
        preferred(VCardProperty::Email),
        preferred(VCardProperty::Tel),
        // ORG is the organisation;unit;…: the first part names the company.
        card.property(&VCardProperty::Org)
            .and_then(|e| e.values.first())
            .map(|v| value_text(v, " "))
            .unwrap_or_default(),
        text(VCardProperty::Title),
        text(VCardProperty::Url),
        text(VCardProperty::Note),
        card.properties(&VCardProperty::Categories).map(|e| values_text(&e.values, ";")).collect::<Vec<_>>().join(";"),
    ]
}

/// PREF=n (4.0) or TYPE=PREF (3.0).
fn is_preferred(entry: &VCardEntry) -> bool {
    entry.params.iter().any(|p| match (&p.name, &p.value) {
        (VCardParameterName::Pref, _) => true,
        (VCardParameterName::Type, VCardParameterValue::Text(t)) => t.eq_ignore_ascii_case("pref"),
        _ => false,
    })
}

fn values_text(values: &[VCardValue], sep: &str) -> String {
    values.iter().map(|v| value_text(v, sep)).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(sep)
}

fn value_text(v: &VCardValue, sep: &str) -> String {
    match v {
        VCardValue::Component(parts) => parts.join(sep),
        other => other.as_text().unwrap_or_default().to_owned(),
    }
}

/// A name as vCard's N wants it: the last word the family name, the rest the given names.
pub fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.rsplit_once(char::is_whitespace) {
        Some((given, family)) => (given.trim().to_owned(), family.to_owned()),
        None => (String::new(), name.to_owned()),
    }
}

/// The vCard version written: 4.0, or 3.0 for older address books.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V3,
    V4,
}

/// Leads as one vCard file.
pub fn write(leads: &[Lead], version: Version) -> String {
    let version = match version {
        Version::V3 => VCardVersion::V3_0,
        Version::V4 => VCardVersion::V4_0,
    };
    let mut out = String::with_capacity(leads.len() * 300);
    for lead in leads {
        let (given, family) = split_name(&lead.name);
        let text = |prop: VCardProperty, value: &str| VCardEntry::new(prop).with_value(value.to_owned());
        let work =
            |prop: VCardProperty, value: &str| text(prop, value).with_param(VCardParameter::typ(VCardType::Work));
        let mut entries = vec![
            text(VCardProperty::Uid, &format!("urn:uuid:{}", lead.id)),
            text(VCardProperty::Fn, &lead.name),
            VCardEntry::new(VCardProperty::N).with_values(
                [family, given, String::new(), String::new(), String::new()]
                    .into_iter()
                    .map(VCardValue::Text)
                    .collect(),
            ),
        ];
        entries.extend(lead.email.as_deref().map(|e| work(VCardProperty::Email, e)));
        entries.extend(lead.phone.as_deref().map(|p| work(VCardProperty::Tel, p)));
        entries.extend(lead.company.as_deref().map(|c| text(VCardProperty::Org, c)));
        entries.extend(lead.job_title.as_deref().map(|t| text(VCardProperty::Title, t)));
        entries.extend(lead.notes.as_deref().map(|n| text(VCardProperty::Note, n)));
        if !lead.tags.is_empty() {
            entries.push(
                VCardEntry::new(VCardProperty::Categories)
                    .with_values(lead.tags.iter().map(|t| VCardValue::Text(t.clone())).collect()),
            );
        }
        let card = VCard { entries };
        let _ = card.write_to(&mut out, version);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_of_each_version_become_rows() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Müller\r\nN:Müller;Anna;;;\r\nEMAIL;TYPE=INTERNET:anna@old.example\r\n\
                    EMAIL;TYPE=INTERNET,PREF:anna@example.com\r\nTEL;TYPE=CELL:+49 30 1234567\r\nORG:Acme GmbH;Sales\r\n\
                    TITLE:Buyer\r\nNOTE:Met at the fair\\, hall 3\r\nCATEGORIES:fair,vip\r\nEND:VCARD\r\n\
                    BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Li\r\nEMAIL;PREF=1:bo@example.org\r\nEND:VCARD\r\n";
        let t = read(text).unwrap();
        assert_eq!(t.rows.len(), 2);
        let a = &t.rows[0].cells;
        assert_eq!(
            a,
            &[
                "Anna Müller",
                "Anna",
                "Müller",
                "anna@example.com",
                "+49 30 1234567",
                "Acme GmbH",
                "Buyer",
                "",
                "Met at the fair, hall 3",
                "fair;vip"
            ]
        );
        assert_eq!((t.rows[1].number, t.rows[1].cell(3)), (3, "bo@example.org"));
    }

    #[test]
    fn blank_lines_between_cards_and_grouped_properties_are_read() {
        // Apple writes item1.EMAIL; Outlook leaves blank lines between cards and folds long lines.
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Li;Bo;;;\r\nFN:Bo Li\r\nitem1.EMAIL;type=INTERNET;type=pref:bo@example.org\r\n\
                    item1.X-ABLabel:_$!<Other>!$_\r\nNOTE:A long note that Outlook folds over more than one line becau\r\n se it is long\r\nEND:VCARD\r\n\r\n\
                    BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ng;Ana\r\nTEL;CELL:+44 20 7946 0000\r\nEND:VCARD\r\n";
        let t = read(text).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cell(3), "bo@example.org");
        assert_eq!(t.rows[0].cell(8), "A long note that Outlook folds over more than one line because it is long");
        assert_eq!(
            (t.rows[1].cell(0), t.rows[1].cell(1), t.rows[1].cell(2), t.rows[1].cell(4)),
            ("", "Ana", "Ng", "+44 20 7946 0000")
        );
    }

    #[test]
    fn not_a_vcard_is_refused() {
        assert!(read("hello\n").is_err());
        assert!(read("").is_err());
    }

    #[test]
    fn names_split_for_n() {
        assert_eq!(split_name("Anna Maria Müller"), ("Anna Maria".into(), "Müller".into()));
        assert_eq!(split_name("Cher"), ("".into(), "Cher".into()));
    }
}
