//! A company's own details (name, website, industry, size), as the lead page edits them. The
//! industry and the size are what fit scoring rules read.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::text;
use crate::{Error, Result};

/// A company as typed: every field as it should be after the edit.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct CompanyInput {
    pub name: String,
    /// A website or a bare domain: "https://www.acme.com/about" is kept as "acme.com".
    pub domain: Option<String>,
    pub industry: Option<String>,
    /// As the business counts it ("11-50"); scoring rules compare it as text.
    pub size: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidCompany {
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub size: Option<String>,
}

impl CompanyInput {
    pub fn validate(&self) -> Result<ValidCompany> {
        let domain = text::optional_line("domain", self.domain.as_deref(), 300)?
            .map(|raw| text::domain_of(&raw).map_err(|why| Error::invalid("domain", why)))
            .transpose()?;
        Ok(ValidCompany {
            name: text::optional_line("name", Some(&self.name), 200)?
                .ok_or_else(|| Error::invalid("name", "is required"))?,
            domain,
            industry: text::optional_line("industry", self.industry.as_deref(), 100)?,
            size: text::optional_line("size", self.size.as_deref(), 50)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_website_is_kept_as_its_domain_and_blanks_as_nothing() {
        let input = CompanyInput {
            name: " Acme GmbH ".into(),
            domain: Some("https://www.Acme.de/kontakt".into()),
            industry: Some("  ".into()),
            size: Some("11-50".into()),
        };
        let valid = input.validate().unwrap();
        assert_eq!(valid.name, "Acme GmbH");
        assert_eq!(valid.domain.as_deref(), Some("acme.de"));
        assert_eq!(valid.industry, None);
        assert_eq!(valid.size.as_deref(), Some("11-50"));
        for (bad, field) in [
            (CompanyInput { name: " ".into(), ..Default::default() }, "name"),
            (CompanyInput { name: "A".into(), domain: Some("acme".into()), ..Default::default() }, "domain"),
            (CompanyInput { name: "A".into(), size: Some("x".repeat(51)), ..Default::default() }, "size"),
        ] {
            assert_eq!(bad.validate().unwrap_err().field(), Some(field));
        }
    }
}
