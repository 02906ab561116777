//! Saved views of the leads list: filters, sort and columns under a name, kept in the workspace
//! so everyone who opens it finds them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lead::{LeadSort, LifecycleStage};
use super::named::{self, Named};
use super::text;
use crate::{Error, Result};

pub const MAX_VIEWS: usize = 30;

/// A column the leads list can show beside the name (always shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LeadColumn {
    Email,
    Phone,
    Company,
    JobTitle,
    Stage,
    Score,
    Owner,
    Tags,
    Source,
    Created,
    Updated,
}

impl LeadColumn {
    /// What the list shows when nobody chose.
    pub const DEFAULT: [LeadColumn; 7] = [
        LeadColumn::Email,
        LeadColumn::Company,
        LeadColumn::Stage,
        LeadColumn::Score,
        LeadColumn::Owner,
        LeadColumn::Tags,
        LeadColumn::Created,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LeadView {
    pub name: String,
    pub search: Option<String>,
    pub stage: Option<LifecycleStage>,
    pub owner: Option<String>,
    pub tag: Option<String>,
    pub sort: LeadSort,
    pub descending: bool,
    pub columns: Vec<LeadColumn>,
}

impl LeadView {
    /// The view with its text trimmed and its columns without repeats.
    pub fn validate(&self) -> Result<LeadView> {
        let name =
            text::optional_line("name", Some(&self.name), 60)?.ok_or_else(|| Error::invalid("name", "is required"))?;
        let mut columns: Vec<LeadColumn> = Vec::new();
        for column in &self.columns {
            if !columns.contains(column) {
                columns.push(*column);
            }
        }
        Ok(LeadView {
            name,
            search: text::optional_line("search", self.search.as_deref(), 200)?,
            stage: self.stage,
            owner: text::optional_line("owner", self.owner.as_deref(), 100)?,
            tag: text::optional_line("tag", self.tag.as_deref(), 50)?,
            sort: self.sort,
            descending: self.descending,
            columns,
        })
    }
}

/// `views` with `view` saved: replacing the one of the same name (case aside), else added; sorted by name.
pub fn save(views: Vec<LeadView>, view: &LeadView) -> Result<Vec<LeadView>> {
    named::save(views, view.validate()?, MAX_VIEWS, "views")
}

impl Named for LeadView {
    fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(name: &str) -> LeadView {
        LeadView {
            name: name.into(),
            search: None,
            stage: Some(LifecycleStage::Mql),
            owner: None,
            tag: None,
            sort: LeadSort::Score,
            descending: true,
            columns: vec![LeadColumn::Score, LeadColumn::Email, LeadColumn::Score],
        }
    }

    #[test]
    fn saving_under_a_known_name_replaces_that_view() {
        let views = save(Vec::new(), &view(" Hot MQLs ")).unwrap();
        assert_eq!(views[0].name, "Hot MQLs");
        assert_eq!(views[0].columns, [LeadColumn::Score, LeadColumn::Email]);
        let views = save(views, &view("Alpha")).unwrap();
        let views = save(views, &LeadView { descending: false, ..view("hot mqls") }).unwrap();
        let names: Vec<_> = views.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["Alpha", "hot mqls"]);
        assert!(!views[1].descending);
        assert_eq!(save(views, &view("  ")).unwrap_err().to_string(), "name: is required");
    }
}
