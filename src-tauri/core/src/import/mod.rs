//! Bringing leads in from other tools, pure: a file read into a table (`table`, `vcard`), its
//! columns mapped to lead fields (`mapping`), its rows checked and cleaned (`rows`), and each
//! row decided as new, an update or skipped (`plan`); `rejected` writes the rows that could not
//! be imported back out. `Store::plan_import` and `Store::import_leads` read and write.

pub mod mapping;
pub mod plan;
pub mod rejected;
pub mod rows;
pub mod table;
pub mod vcard;

pub use mapping::{Columns, Field, SavedMapping};
pub use plan::{ImportOptions, LeadImportCounts, LeadImportSummary, MatchOn, OnDuplicate, Plan};
pub use rows::RowProblem;
pub use table::{SourceFormat, Table};
