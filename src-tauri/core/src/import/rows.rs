//! A file's rows turned into leads, each checked whole before anything is written: names joined
//! (or a "Last, First" name turned round), emails and phone numbers cleaned up, stages and dates
//! read in the forms other tools write them, and every problem named by its row and column.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::mapping::{Columns, Field};
use super::table::{Row, Table};
use crate::model::lead::{LeadInput, LifecycleStage, ValidLead};
use crate::model::text;
use crate::{Error, Result};

/// A row that passed every check, as the lead it becomes.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub row: u32,
    pub lead: ValidLead,
    /// The lifecycle stage the file gave (the lead's is `lead` when it gave none).
    pub stage: Option<LifecycleStage>,
    /// The company's domain, from a website column (`www.` and the path dropped).
    pub domain: Option<String>,
    /// The company's industry and size, as the file gave them.
    pub industry: Option<String>,
    pub company_size: Option<String>,
    pub campaign: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RowProblem {
    pub row: u32,
    /// The header of the column at fault, when one is.
    pub column: Option<String>,
    pub reason: String,
}

/// Every row of `table` checked with `columns`: the good ones as leads, the others' problems.
pub fn read(table: &Table, columns: &Columns, now: DateTime<Utc>) -> (Vec<Incoming>, Vec<RowProblem>) {
    let day_first = day_first(table, columns);
    let read_part = |rows: &[Row]| {
        let mut good = Vec::with_capacity(rows.len());
        let mut problems = Vec::new();
        for row in rows {
            match read_row(table, columns, row, day_first, now) {
                Ok(lead) => good.push(lead),
                Err(p) => problems.push(p),
            }
        }
        (good, problems)
    };
    // Large files are checked on every core, in parts that keep the rows' order.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if table.rows.len() < 20_000 || threads < 2 {
        return read_part(&table.rows);
    }
    let parts: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = table
            .rows
            .chunks(table.rows.len().div_ceil(threads))
            .map(|part| scope.spawn(move || read_part(part)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let (mut good, mut problems) = (Vec::with_capacity(table.rows.len()), Vec::new());
    for (g, p) in parts {
        good.extend(g);
        problems.extend(p);
    }
    (good, problems)
}

fn read_row(
    table: &Table,
    columns: &Columns,
    row: &Row,
    day_first: bool,
    now: DateTime<Utc>,
) -> std::result::Result<Incoming, RowProblem> {
    let header = |field: Field| -> Option<String> {
        columns.iter().position(|f| *f == Some(field)).map(|i| table.headers[i].clone())
    };
    let problem =
        |field: Option<Field>, reason: String| RowProblem { row: row.number, column: field.and_then(header), reason };
    if let Some(extra) = row.cells.iter().skip(table.headers.len()).position(|c| !c.trim().is_empty()) {
        let at = table.headers.len() + extra + 1;
        return Err(problem(
            None,
            format!("has a value in column {at}, beyond the {} columns the header names", table.headers.len()),
        ));
    }
    // The first filled value of a field, or every value of one that joins.
    let values = |field: Field| -> Vec<&str> {
        columns
            .iter()
            .enumerate()
            .filter(|(_, f)| **f == Some(field))
            .map(|(i, _)| row.cell(i).trim())
            .filter(|v| !v.is_empty())
            .collect()
    };
    let first = |field: Field| -> Option<String> { values(field).first().map(|v| v.to_string()) };

    let email = first(Field::Email).map(|e| clean_email(&e));
    let name = match first(Field::FullName) {
        Some(full) => turn_round(&full),
        None => {
            let joined =
                [first(Field::FirstName), first(Field::LastName)].into_iter().flatten().collect::<Vec<_>>().join(" ");
            if joined.is_empty() { email.clone().unwrap_or_default() } else { joined }
        }
    };
    if name.is_empty() {
        return Err(problem(Some(Field::FullName), "has no name and no email".into()));
    }
    let lifecycle_stage = match first(Field::LifecycleStage) {
        None => None,
        Some(s) => Some(stage(&s).ok_or_else(|| {
            problem(
                Some(Field::LifecycleStage),
                format!(
                    "{s:?} is not a lifecycle stage (subscriber, lead, MQL, SQL, opportunity, customer, disqualified)"
                ),
            )
        })?),
    };
    let created_at = match first(Field::CreatedAt) {
        None => None,
        Some(d) => {
            let at = parse_when(&d, day_first)
                .ok_or_else(|| problem(Some(Field::CreatedAt), format!("{d:?} is not a date")))?;
            if at > now {
                return Err(problem(Some(Field::CreatedAt), format!("{d:?} is in the future")));
            }
            Some(at)
        }
    };
    let mut tags: Vec<String> = Vec::new();
    for v in values(Field::Tags) {
        // Google's groups read "* myContacts ::: Friends"; others separate with ; or ,.
        for t in v.split([';', ',']).flat_map(|t| t.split(":::")) {
            let t = t.trim().trim_start_matches('*').trim();
            if !t.is_empty() && !t.eq_ignore_ascii_case("mycontacts") && !t.eq_ignore_ascii_case("starred") {
                tags.push(t.to_owned());
            }
        }
    }
    let notes = values(Field::Notes).join("\n\n");
    let input = LeadInput {
        name,
        email,
        phone: first(Field::Phone).map(|p| clean_phone(&p)),
        company: first(Field::Company),
        job_title: first(Field::JobTitle),
        owner: first(Field::Owner),
        tags,
        notes: (!notes.is_empty()).then_some(notes),
        lifecycle_stage,
        source: first(Field::Source),
    };
    let lead = input.validate().map_err(|e| match e {
        Error::Invalid { field, reason } => problem(field_of(field), reason),
        other => problem(None, other.to_string()),
    })?;
    let campaign = match first(Field::Campaign) {
        Some(c) if c.chars().count() > 200 => {
            return Err(problem(Some(Field::Campaign), "is longer than 200 characters".into()));
        }
        c => c,
    };
    // As the company form checks them (`model::company`).
    let line = |field: Field, max: usize| {
        text::optional_line("value", first(field).as_deref(), max).map_err(|e| match e {
            Error::Invalid { reason, .. } => problem(Some(field), reason),
            other => problem(Some(field), other.to_string()),
        })
    };
    let industry = line(Field::Industry, 100)?;
    let company_size = line(Field::CompanySize, 50)?;
    let domain =
        first(Field::Website).map(|w| text::domain_of(&w)).transpose().map_err(|r| problem(Some(Field::Website), r))?;
    Ok(Incoming { row: row.number, lead, stage: lifecycle_stage, domain, industry, company_size, campaign, created_at })
}

/// The mapped field a lead field's error is about.
fn field_of(field: &str) -> Option<Field> {
    Some(match field {
        "name" => Field::FullName,
        "email" => Field::Email,
        "phone" => Field::Phone,
        "company" => Field::Company,
        "job_title" => Field::JobTitle,
        "owner" => Field::Owner,
        "tags" => Field::Tags,
        "notes" => Field::Notes,
        "source" => Field::Source,
        _ => return None,
    })
}

/// "Müller, Anna" → "Anna Müller"; a comma before a suffix ("Smith, Jr.") stays.
fn turn_round(name: &str) -> String {
    match name.split_once(',') {
        Some((last, first)) if !first.contains(',') && !last.trim().is_empty() && !first.trim().is_empty() => {
            let suffix = first.trim().trim_end_matches('.').to_ascii_lowercase();
            if ["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"].contains(&suffix.as_str()) {
                name.to_owned()
            } else {
                format!("{} {}", first.trim(), last.trim())
            }
        }
        _ => name.to_owned(),
    }
}

/// "Anna <ANNA@Example.com>", "mailto:anna@example.com", "a@x.com ::: b@y.com" → the address,
/// in lower case.
fn clean_email(raw: &str) -> String {
    let first = raw.split(":::").next().unwrap_or(raw).trim();
    let inner = match (first.rfind('<'), first.rfind('>')) {
        (Some(a), Some(b)) if a < b => &first[a + 1..b],
        _ => first,
    };
    let inner = inner.trim();
    let inner = inner.strip_prefix("mailto:").or_else(|| inner.strip_prefix("MAILTO:")).unwrap_or(inner);
    inner.to_lowercase()
}

/// Separators made spaces and runs of them one, a leading 00 made +: "0049-30/123.4567" →
/// "+49 30 123 4567". Only the first of several numbers ("a ::: b").
fn clean_phone(raw: &str) -> String {
    let first = raw.split(":::").next().unwrap_or(raw).trim();
    let first = first.strip_prefix("tel:").unwrap_or(first);
    let spaced: String = first.chars().map(|c| if "-./\u{a0}".contains(c) { ' ' } else { c }).collect();
    let joined = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.strip_prefix("00") {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit() && c != '0') => format!("+{rest}"),
        _ => joined,
    }
}

/// A lifecycle stage as other tools name it.
fn stage(raw: &str) -> Option<LifecycleStage> {
    use LifecycleStage::*;
    let key: String = raw.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    Some(match key.as_str() {
        "subscriber" | "newsletter" => Subscriber,
        "lead" | "new" | "other" | "open" | "contact" | "prospect" => Lead,
        "mql" | "marketingqualifiedlead" | "marketingqualified" => Mql,
        "sql" | "salesqualifiedlead" | "salesqualified" | "qualified" => Sql,
        "opportunity" | "deal" => Opportunity,
        "customer" | "client" | "evangelist" | "won" => Customer,
        "disqualified" | "unqualified" | "junk" | "lost" => Disqualified,
        _ => return None,
    })
}

/// Whether a date column writes the day first (31/12/2024): the first of its slashed or dotted
/// dates whose first or second number is over 12 decides; with none, month first, as the US
/// tools above write it.
fn day_first(table: &Table, columns: &Columns) -> bool {
    let Some(col) = columns.iter().position(|f| *f == Some(Field::CreatedAt)) else { return false };
    for row in &table.rows {
        let v = row.cell(col).trim();
        let parts: Vec<u32> = v
            .split(|c: char| c == '/' || c == '.' || c.is_whitespace())
            .take(2)
            .filter_map(|p| p.parse().ok())
            .collect();
        if let [a, b] = parts[..] {
            if a > 12 && a <= 31 {
                return true;
            }
            if b > 12 && b <= 31 {
                return false;
            }
        }
    }
    false
}

/// A date or time in the forms exports write; without a zone, UTC.
pub fn parse_when(raw: &str, day_first: bool) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M:%S%.f%#z"] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(t.with_timezone(&Utc));
        }
    }
    let numeric: &[&str] = if day_first {
        &["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%y"]
    } else {
        &["%m/%d/%Y", "%m.%d.%Y", "%m-%d-%Y", "%m/%d/%y", "%m.%d.%y"]
    };
    let dates = ["%Y-%m-%d", "%Y/%m/%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y", "%d-%b-%y"];
    let times = ["", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", "T%H:%M:%S", "T%H:%M:%S%.f", " %H:%M:%S%.f"];
    for d in numeric.iter().chain(dates.iter()) {
        if let Ok(day) = NaiveDate::parse_from_str(s, d) {
            return Some(day.and_time(chrono::NaiveTime::MIN).and_utc());
        }
        for t in &times[1..] {
            if let Ok(at) = NaiveDateTime::parse_from_str(s, &format!("{d}{t}")) {
                return Some(at.and_utc());
            }
        }
    }
    None
}

/// The checked rows' problems as one error, for a caller that wants all or nothing.
pub fn refuse(problems: &[RowProblem]) -> Result<()> {
    match problems.first() {
        None => Ok(()),
        Some(p) => Err(Error::Malformed {
            line: p.row as usize,
            reason: format!(
                "{}{} ({} rows have problems)",
                p.column.as_deref().map(|c| format!("{c}: ")).unwrap_or_default(),
                p.reason,
                problems.len()
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::mapping::guess_all;
    use crate::import::table::read_delimited;

    fn now() -> DateTime<Utc> {
        "2026-11-28T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn rows_become_clean_leads_or_named_problems() {
        let csv = "First Name,Last Name,E-mail Address,Mobile Phone,Company,Lifecycle Stage,Tags,Create Date,Website\n\
                   Anna,Müller,\" Anna <ANNA@Example.COM>\",0049-30/123.4567,Acme,Marketing Qualified Lead,fair; vip,31/01/2025,https://www.acme.de/about\n\
                   ,,bo@example.org,,,,,,\n\
                   Cy,,not-an-email,,,,,,\n\
                   Di,,,,,Champion,,,\n\
                   Ed,,,,,,,12/01/2031,\n";
        let t = read_delimited(csv.as_bytes()).unwrap();
        let columns = guess_all(&t.headers);
        let (good, problems) = read(&t, &columns, now());
        assert_eq!(good.len(), 2);
        let a = &good[0];
        assert_eq!(a.lead.name, "Anna Müller");
        assert_eq!(a.lead.email.as_deref(), Some("anna@example.com"));
        assert_eq!(a.lead.phone.as_deref(), Some("+49 30 123 4567"));
        assert_eq!(a.lead.lifecycle_stage, LifecycleStage::Mql);
        assert_eq!(a.lead.tags, ["fair", "vip"]);
        assert_eq!(a.domain.as_deref(), Some("acme.de"));
        assert_eq!(a.created_at.unwrap().to_rfc3339(), "2025-01-31T00:00:00+00:00");
        // No name: the email stands in.
        assert_eq!(good[1].lead.name, "bo@example.org");
        let seen: Vec<(u32, Option<&str>)> = problems.iter().map(|p| (p.row, p.column.as_deref())).collect();
        assert_eq!(seen, [(4, Some("E-mail Address")), (5, Some("Lifecycle Stage")), (6, Some("Create Date"))]);
        assert!(problems[0].reason.contains("not an email"), "{}", problems[0].reason);
    }

    #[test]
    fn short_rows_are_read_as_empty_and_a_value_past_the_header_is_a_problem() {
        let t = read_delimited(b"Email,Name\nana@x.com\nbo@x.com,Bo,stray\ncy@x.com,Cy,,\n").unwrap();
        let (good, problems) = read(&t, &guess_all(&t.headers), now());
        assert_eq!(good.iter().map(|g| g.lead.name.as_str()).collect::<Vec<_>>(), ["ana@x.com", "Cy"]);
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].row, problems[0].column.as_deref()), (3, None));
        assert!(problems[0].reason.contains("column 3, beyond the 2 columns"), "{}", problems[0].reason);
    }

    #[test]
    fn names_dates_and_phones_in_their_usual_forms() {
        assert_eq!(turn_round("Müller, Anna"), "Anna Müller");
        assert_eq!(turn_round("Smith, Jr."), "Smith, Jr.");
        assert_eq!(clean_phone("(030) 123-4567"), "(030) 123 4567");
        assert_eq!(clean_phone("+1 555 0100 ::: +1 555 0199"), "+1 555 0100");
        assert_eq!(clean_email("mailto:Ana@X.com"), "ana@x.com");
        let d = |s: &str, df: bool| parse_when(s, df).map(|t| t.format("%Y-%m-%d %H:%M").to_string());
        assert_eq!(d("2024-03-04", false).as_deref(), Some("2024-03-04 00:00"));
        assert_eq!(d("03/04/2024", false).as_deref(), Some("2024-03-04 00:00"));
        assert_eq!(d("03/04/2024", true).as_deref(), Some("2024-04-03 00:00"));
        assert_eq!(d("4.3.2024 14:05", true).as_deref(), Some("2024-03-04 14:05"));
        assert_eq!(d("2024-03-04 14:05:00", false).as_deref(), Some("2024-03-04 14:05"));
        assert_eq!(d("2024-03-04T14:05:00+01:00", false).as_deref(), Some("2024-03-04 13:05"));
        assert_eq!(d("15 Jan 2024", false).as_deref(), Some("2024-01-15 00:00"));
        assert_eq!(d("Jan 15, 2024", false).as_deref(), Some("2024-01-15 00:00"));
        assert_eq!(d("3/4/2024 2:05 PM", false).as_deref(), Some("2024-03-04 14:05"));
        assert_eq!(d("soon", false), None);
        assert_eq!(text::domain_of("acme"), Err("\"acme\" is not a website or domain".into()));
    }
}
