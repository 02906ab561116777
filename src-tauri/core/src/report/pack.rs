//! Report packs: several reports exported as one PDF or one workbook, with the filters they
//! share. A pack can be saved under a name in the workspace, so the Monday review is one click
//! in the app and one line in a cron job (`tandem-cli report-pack --pack NAME`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Period, Report, ReportFilter, ReportName, pdf, xlsx};
use crate::model::named::{self, Named};
use crate::model::text;
use crate::{Error, Result};

pub const MAX_PACKS: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PackFormat {
    #[default]
    Pdf,
    Xlsx,
}

impl PackFormat {
    pub fn extension(self) -> &'static str {
        match self {
            PackFormat::Pdf => "pdf",
            PackFormat::Xlsx => "xlsx",
        }
    }
}

/// Which reports, in which order, over what. A named period is counted from the day the pack is
/// made and replaces the filter's days; each report uses the filters it takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportPack {
    pub name: String,
    pub reports: Vec<ReportName>,
    pub period: Option<Period>,
    pub filter: ReportFilter,
    pub format: PackFormat,
}

impl ReportPack {
    /// The pack with its name trimmed and each report once, in the order first given.
    pub fn validate(&self) -> Result<ReportPack> {
        let name =
            text::optional_line("name", Some(&self.name), 60)?.ok_or_else(|| Error::invalid("name", "is required"))?;
        let mut reports: Vec<ReportName> = Vec::new();
        for r in &self.reports {
            if !reports.contains(r) {
                reports.push(*r);
            }
        }
        if reports.is_empty() {
            return Err(Error::invalid("reports", "choose at least one report"));
        }
        Ok(ReportPack { name, reports, period: self.period, filter: self.filter.validate()?, format: self.format })
    }
}

impl ReportPack {
    /// The name its file is offered under: "monday-review-2026-11-30.pdf".
    pub fn file_name(&self, today: NaiveDate) -> String {
        let slug = super::slug(&self.name);
        let slug = if slug.is_empty() { "report-pack".to_owned() } else { slug };
        format!("{slug}-{today}.{}", self.format.extension())
    }
}

/// `packs` with `pack` saved: replacing the one of the same name (case aside), else added; sorted by name.
pub fn save(packs: Vec<ReportPack>, pack: &ReportPack) -> Result<Vec<ReportPack>> {
    named::save(packs, pack.validate()?, MAX_PACKS, "packs")
}

impl Named for ReportPack {
    fn name(&self) -> &str {
        &self.name
    }
}

/// The reports as one file of `format`.
pub fn render(format: PackFormat, reports: &[Report], generated: DateTime<Utc>) -> Result<Vec<u8>> {
    match format {
        PackFormat::Pdf => pdf::pack(reports, generated),
        PackFormat::Xlsx => xlsx::pack(reports, generated),
    }
}

/// "pipeline,funnel" → the reports, each once, in that order.
pub fn parse_names(list: &str) -> Result<Vec<ReportName>> {
    let mut names = Vec::new();
    for raw in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let name = ReportName::parse(raw)?;
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return Err(Error::invalid("reports", "name at least one report, separated by commas"));
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(name: &str, reports: Vec<ReportName>) -> ReportPack {
        ReportPack {
            name: name.into(),
            reports,
            period: Some(Period::LastMonth),
            filter: ReportFilter::default(),
            format: PackFormat::Pdf,
        }
    }

    #[test]
    fn a_pack_keeps_each_report_once_and_needs_one() {
        let p =
            pack(" Monday ", vec![ReportName::Funnel, ReportName::Pipeline, ReportName::Funnel]).validate().unwrap();
        assert_eq!(p.name, "Monday");
        assert_eq!(p.reports, [ReportName::Funnel, ReportName::Pipeline]);
        let err = pack("Empty", vec![]).validate().unwrap_err();
        assert_eq!(err.to_string(), "reports: choose at least one report");
        assert!(pack("  ", vec![ReportName::Funnel]).validate().is_err());
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(pack("Monday: review!", vec![]).file_name(day), "monday-review-2026-11-30.pdf");
        assert_eq!(pack("Über", vec![]).file_name(day), "ber-2026-11-30.pdf");
    }

    #[test]
    fn saving_under_a_known_name_replaces_that_pack() {
        let packs = save(Vec::new(), &pack("Monday", vec![ReportName::Funnel])).unwrap();
        let packs = save(packs, &pack("Board meeting", vec![ReportName::Forecast])).unwrap();
        let packs = save(packs, &pack("monday", vec![ReportName::Velocity])).unwrap();
        let names: Vec<_> = packs.iter().map(|p| (p.name.as_str(), p.reports[0])).collect();
        assert_eq!(names, [("Board meeting", ReportName::Forecast), ("monday", ReportName::Velocity)]);
    }

    #[test]
    fn report_lists_are_read_from_the_command_line() {
        assert_eq!(parse_names("pipeline, win-loss,pipeline").unwrap(), [ReportName::Pipeline, ReportName::WinLoss]);
        assert!(parse_names(" , ").is_err());
        assert!(parse_names("pipeline,sales").unwrap_err().to_string().contains("\"sales\" is not one of"));
    }
}
