//! Which lead field each column of a file fills: guessed from the headers the exports of
//! HubSpot, Pipedrive, Salesforce, Zoho, Google Contacts, Outlook and LinkedIn write, changed by
//! the user in the preview, and saved by name for the next file of the same shape.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::named::Named;
use crate::{Error, Result};

/// A lead field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    FullName,
    FirstName,
    LastName,
    Email,
    Phone,
    Company,
    /// The company's website or domain: finds or creates the company by domain.
    Website,
    /// The company's industry and size: given to a company the import creates.
    Industry,
    CompanySize,
    JobTitle,
    Owner,
    LifecycleStage,
    Source,
    /// A campaign's name: the lead gets a touchpoint on that campaign (found, or created).
    Campaign,
    Tags,
    Notes,
    CreatedAt,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::FullName,
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::Phone,
        Field::Company,
        Field::Website,
        Field::Industry,
        Field::CompanySize,
        Field::JobTitle,
        Field::Owner,
        Field::LifecycleStage,
        Field::Source,
        Field::Campaign,
        Field::Tags,
        Field::Notes,
        Field::CreatedAt,
    ];

    /// How the field reads in messages and the preview.
    pub fn label(self) -> &'static str {
        match self {
            Field::FullName => "Name",
            Field::FirstName => "First name",
            Field::LastName => "Last name",
            Field::Email => "Email",
            Field::Phone => "Phone",
            Field::Company => "Company",
            Field::Website => "Company website",
            Field::Industry => "Company industry",
            Field::CompanySize => "Company size",
            Field::JobTitle => "Job title",
            Field::Owner => "Owner",
            Field::LifecycleStage => "Lifecycle stage",
            Field::Source => "Source",
            Field::Campaign => "Campaign",
            Field::Tags => "Tags",
            Field::Notes => "Notes",
            Field::CreatedAt => "Created",
        }
    }

    /// Whether several columns may fill it (their values joined), rather than the first filled one.
    pub fn joins(self) -> bool {
        matches!(self, Field::Tags | Field::Notes)
    }

    pub fn parse(raw: &str) -> Result<Field> {
        let key = raw.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        serde_json::from_value(serde_json::Value::String(key)).map_err(|_| {
            let names: Vec<String> = Field::ALL
                .iter()
                .map(|f| serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())
                .collect();
            Error::invalid("mapping", format!("{raw:?} is not a lead field; use one of {}", names.join(", ")))
        })
    }
}

/// Each column's field, by position (`None`: not imported).
pub type Columns = Vec<Option<Field>>;

/// A mapping saved by name, applied to later files by their header names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedMapping {
    pub name: String,
    pub columns: Vec<HeaderField>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HeaderField {
    pub header: String,
    pub field: Option<Field>,
}

impl Named for SavedMapping {
    fn name(&self) -> &str {
        &self.name
    }
}

pub const MAX_MAPPINGS: usize = 50;

impl SavedMapping {
    pub fn new(name: &str, headers: &[String], columns: &Columns) -> Result<SavedMapping> {
        let name = crate::model::text::optional_line("name", Some(name), 80)?
            .ok_or_else(|| Error::invalid("name", "give the mapping a name"))?;
        Ok(SavedMapping {
            name,
            columns: headers
                .iter()
                .zip(columns.iter().chain(std::iter::repeat(&None)))
                .map(|(h, f)| HeaderField { header: h.clone(), field: *f })
                .collect(),
        })
    }

    /// The fields for `headers`: by header name (case and punctuation aside); a header the
    /// mapping does not know is guessed.
    pub fn apply(&self, headers: &[String]) -> Columns {
        headers
            .iter()
            .map(|h| {
                let key = normalise(h);
                match self.columns.iter().find(|c| normalise(&c.header) == key) {
                    Some(c) => c.field,
                    None => guess(h),
                }
            })
            .collect()
    }
}

/// The columns for a new file's `headers`: the first saved mapping that knows every one of them
/// (and its name), else the guess from the headers.
pub fn for_headers(saved: &[SavedMapping], headers: &[String]) -> (Columns, Option<String>) {
    let knows_all =
        |m: &&SavedMapping| headers.iter().all(|h| m.columns.iter().any(|c| normalise(&c.header) == normalise(h)));
    match saved.iter().find(knows_all) {
        Some(m) => (m.apply(headers), Some(m.name.clone())),
        None => (guess_all(headers), None),
    }
}

/// Checks a mapping sent with a file against its headers: one entry per column, and at least
/// one column that names the lead (name, first or last name, or email).
pub fn check(columns: &Columns, headers: &[String]) -> Result<()> {
    if columns.len() != headers.len() {
        return Err(Error::invalid(
            "mapping",
            format!("names {} columns but the file has {}", columns.len(), headers.len()),
        ));
    }
    let names_lead = columns
        .iter()
        .flatten()
        .any(|f| matches!(f, Field::FullName | Field::FirstName | Field::LastName | Field::Email));
    if !names_lead {
        return Err(Error::invalid("mapping", "map a column to Name, First name, Last name or Email"));
    }
    Ok(())
}

/// Lower-case letters and digits only: "E-mail Address" and "email_address" read the same.
fn normalise(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The field for each header, or none when no header is recognised; a field already taken by
/// an earlier column is not guessed again unless it joins (two "Phone" columns fill one phone).
pub fn guess_all(headers: &[String]) -> Columns {
    let mut taken: Vec<Field> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let field = guess(h)?;
            if taken.contains(&field) && !field.joins() && field != Field::Phone {
                return None;
            }
            taken.push(field);
            Some(field)
        })
        .collect()
}

/// The field one header names, if the dictionary knows it.
pub fn guess(header: &str) -> Option<Field> {
    let key = normalise(header);
    lookup(&key).or_else(|| {
        // Pipedrive prefixes "Person - ", Google and Outlook suffix "1 - Value", "Work", "Home".
        let mut k = key.as_str();
        for prefix in ["person", "contact", "lead", "primary"] {
            if let Some(rest) = k.strip_prefix(prefix).filter(|r| !r.is_empty()) {
                k = rest;
                if let Some(f) = lookup(k) {
                    return Some(f);
                }
            }
        }
        let mut k = k.to_owned();
        loop {
            let before = k.len();
            for suffix in ["value", "work", "business", "main", "primary", "mobile", "cell", "address", "1"] {
                if k.len() > suffix.len() && k.ends_with(suffix) {
                    k.truncate(k.len() - suffix.len());
                }
            }
            if let Some(f) = lookup(&k) {
                return Some(f);
            }
            if k.len() == before {
                return None;
            }
        }
    })
}

fn lookup(key: &str) -> Option<Field> {
    use Field::*;
    Some(match key {
        "name" | "fullname" | "contactname" | "contact" | "displayname" | "personname" | "leadname" | "yourname" => {
            FullName
        }
        "firstname" | "givenname" | "first" | "forename" | "vorname" => FirstName,
        "lastname" | "surname" | "familyname" | "last" | "nachname" => LastName,
        "email" | "emailaddress" | "mail" | "emailaddr" | "workemail" | "businessemail" | "email1" | "emails" => Email,
        "phone" | "phonenumber" | "mobilephone" | "mobile" | "telephone" | "tel" | "businessphone" | "workphone"
        | "cellphone" | "officephone" | "phones" | "mobilenumber" | "telefon" => Phone,
        "company" | "companyname" | "accountname" | "account" | "organization" | "organisation"
        | "organizationname" | "organisationname" | "organization1name" | "employer" | "firma"
        | "associatedcompany" => Company,
        // Not "URL": LinkedIn's is the person's profile, not the company's site.
        "website" | "companydomainname" | "companydomain" | "domain" | "webpage" | "websiteurl" | "web"
        | "companywebsite" => Website,
        "industry"
        | "companyindustry"
        | "accountindustry"
        | "organizationindustry"
        | "organisationindustry"
        | "sector"
        | "branche" => Industry,
        // Not "size" alone: a shoe or a T-shirt has one too.
        "companysize" | "numberofemployees" | "employees" | "noofemployees" | "employeecount" | "headcount"
        | "companyheadcount" | "organizationsize" | "organisationsize" | "mitarbeiter" => CompanySize,
        "jobtitle" | "title" | "position" | "role" | "organization1title" | "designation" | "jobposition" => JobTitle,
        "owner" | "contactowner" | "leadowner" | "ownername" | "assignedto" | "salesrep" | "accountowner"
        | "recordowner" => Owner,
        "lifecyclestage" | "lifecycle" | "stage" | "leadstage" => LifecycleStage,
        "leadsource" | "source" | "originalsource" | "sourcename" | "howdidyouhearaboutus" => Source,
        "campaign" | "campaignname" | "utmcampaign" | "firstcampaign" | "leadcampaign" | "campaignsource" => Campaign,
        "tags" | "tag" | "labels" | "label" | "categories" | "category" | "groupmembership" | "groups" | "lists" => {
            Tags
        }
        "notes" | "note" | "description" | "comments" | "comment" | "about" | "remarks" => Notes,
        "createdate" | "createdat" | "created" | "createddate" | "createdtime" | "createdon" | "addtime"
        | "datecreated" | "connectedon" | "dateadded" | "creationdate" => CreatedAt,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guessed(headers: &[&str]) -> Vec<Option<Field>> {
        guess_all(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn the_exports_of_other_crms_map_themselves() {
        use Field::*;
        // HubSpot
        assert_eq!(
            guessed(&[
                "First Name",
                "Last Name",
                "Email",
                "Company Name",
                "Lifecycle Stage",
                "Contact owner",
                "Create Date"
            ]),
            [
                Some(FirstName),
                Some(LastName),
                Some(Email),
                Some(Company),
                Some(LifecycleStage),
                Some(Owner),
                Some(CreatedAt)
            ]
        );
        // Pipedrive
        assert_eq!(
            guessed(&[
                "Person - Name",
                "Person - Email - Work",
                "Person - Phone - Mobile",
                "Person - Organization",
                "Person - Labels"
            ]),
            [Some(FullName), Some(Email), Some(Phone), Some(Company), Some(Tags)]
        );
        // Salesforce and Zoho
        assert_eq!(
            guessed(&["Account Name", "Title", "Lead Source", "Lead Owner", "Mobile", "Created Time"]),
            [Some(Company), Some(JobTitle), Some(Source), Some(Owner), Some(Phone), Some(CreatedAt)]
        );
        // Google Contacts
        assert_eq!(
            guessed(&[
                "Given Name",
                "Family Name",
                "E-mail 1 - Value",
                "Phone 1 - Value",
                "Organization 1 - Name",
                "Group Membership"
            ]),
            [Some(FirstName), Some(LastName), Some(Email), Some(Phone), Some(Company), Some(Tags)]
        );
        // Outlook: a second address is not taken as the email.
        assert_eq!(
            guessed(&["E-mail Address", "E-mail 2 Address", "Business Phone", "Mobile Phone", "Categories", "Notes"]),
            [Some(Email), None, Some(Phone), Some(Phone), Some(Tags), Some(Notes)]
        );
        // LinkedIn
        assert_eq!(
            guessed(&["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]),
            [Some(FirstName), Some(LastName), None, Some(Email), Some(Company), Some(JobTitle), Some(CreatedAt)]
        );
        assert_eq!(guessed(&["Shoe size"]), [None]);
        // Company details, as HubSpot, Salesforce and Pipedrive name them.
        assert_eq!(guessed(&["Industry", "Number of Employees", "Size"]), [Some(Industry), Some(CompanySize), None]);
        assert_eq!(guessed(&["Organization - Industry", "Employees"]), [Some(Industry), Some(CompanySize)]);
    }

    #[test]
    fn a_saved_mapping_applies_by_header_name() {
        let headers: Vec<String> = ["Mail", "Who", "Shoe size"].iter().map(|s| s.to_string()).collect();
        let m =
            SavedMapping::new("Fair list", &headers, &vec![Some(Field::Email), Some(Field::FullName), None]).unwrap();
        let later: Vec<String> = ["who", "Phone", "MAIL"].iter().map(|s| s.to_string()).collect();
        assert_eq!(m.apply(&later), [Some(Field::FullName), Some(Field::Phone), Some(Field::Email)]);
        // A new file whose every header the mapping knows gets it; another is guessed.
        let same: Vec<String> = ["MAIL", "who", "shoe-size"].iter().map(|s| s.to_string()).collect();
        assert_eq!(for_headers(std::slice::from_ref(&m), &same), (m.apply(&same), Some("Fair list".into())));
        assert_eq!(for_headers(std::slice::from_ref(&m), &later), (guess_all(&later), None));
        assert!(check(&vec![None], &["x".to_string()]).is_err());
        assert_eq!(Field::parse("job title").unwrap(), Field::JobTitle);
        assert!(Field::parse("shoe").is_err());
    }
}
