//! `import leads|vcard|undo|history`: leads from CSV, workbooks and vCards, with the same
//! checks, duplicate handling and undo as the app. A backup is taken before anything is written.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};
use tandem_core::Store;
use tandem_core::import::{
    Field, ImportOptions, LeadImportSummary, MatchOn, OnDuplicate, Table, mapping, rejected, table,
};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Leads from a CSV file (any encoding, comma, semicolon or tab) or a workbook (XLSX, XLS, ODS).
    Leads {
        file: PathBuf,
        /// A JSON object of header → field ("E-mail": "email"; null skips a column); headers
        /// not named are mapped from their names.
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// A workbook's sheet (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// A CSV file's encoding, when the one detected is wrong: UTF-8, windows-1252,
        /// windows-1250, windows-1251, Shift_JIS, GBK, Big5, EUC-KR and others.
        #[arg(long)]
        encoding: Option<String>,
        #[command(flatten)]
        how: How,
    },
    /// Leads from a vCard file (.vcf, versions 2.1 to 4.0).
    Vcard {
        file: PathBuf,
        #[command(flatten)]
        how: How,
    },
    /// Undo an import whole, by the batch id `import history` and the import itself print.
    Undo { batch: String },
    /// The imports made, newest first.
    History {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct How {
    /// What to do with a row whose email (or phone) a lead already has.
    #[arg(long, value_enum, default_value = "skip")]
    on_duplicate: Duplicate,
    /// The key that says two records are one person.
    #[arg(long, value_enum, default_value = "email")]
    match_on: Key,
    /// Say what would happen, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the valid rows even when others have problems (default: all or nothing).
    #[arg(long)]
    only_valid: bool,
    /// Write the rows with problems, and why, to this CSV file.
    #[arg(long)]
    rejected: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Duplicate {
    /// Leave the lead as it is.
    Skip,
    /// Fill the lead's empty fields.
    Update,
    /// Replace the lead's fields with the file's values.
    Overwrite,
    /// Create another lead anyway.
    Create,
}

#[derive(Clone, Copy, ValueEnum)]
enum Key {
    Email,
    Phone,
}

pub async fn run(store: &Store, command: ImportCommand) -> Result<(), String> {
    match command {
        ImportCommand::Leads { file, mapping, sheet, encoding, how } => {
            let table = match encoding {
                Some(encoding) => read_in(&file, &encoding)?,
                None => read(&file, sheet.as_deref())?,
            };
            let columns = match mapping {
                Some(path) => columns_from(&path, &table)?,
                None => mapping::guess_all(&table.headers),
            };
            import(store, &file, &table, columns, how).await
        }
        ImportCommand::Vcard { file, how } => {
            let table = read(&file, None)?;
            if !matches!(table.format, tandem_core::import::SourceFormat::Vcard) {
                return Err(format!("{} is not a .vcf file", file.display()));
            }
            let columns = mapping::guess_all(&table.headers);
            import(store, &file, &table, columns, how).await
        }
        ImportCommand::Undo { batch } => {
            let undone = store.undo_import(&batch, Utc::now()).await.map_err(|e| e.to_string())?;
            println!(
                "undid the import of {} ({} new leads removed to the trash, {} updated leads put back)",
                undone.file_name, undone.counts.new, undone.counts.updated
            );
            Ok(())
        }
        ImportCommand::History { json } => {
            let batches = store.import_batches().await.map_err(|e| e.to_string())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&batches).map_err(|e| e.to_string())?);
            } else {
                for b in batches {
                    let c = &b.counts;
                    println!(
                        "{}  {}  {}  {} new, {} updated, {} skipped, {} rejected{}",
                        b.id,
                        b.at.format("%Y-%m-%d %H:%M"),
                        b.file_name,
                        c.new,
                        c.updated,
                        c.skipped,
                        c.rejected,
                        if b.undone_at.is_some() { "  (undone)" } else { "" }
                    );
                }
            }
            Ok(())
        }
    }
}

fn read(file: &Path, sheet: Option<&str>) -> Result<Table, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    table::read(&name, &bytes, sheet).map_err(|e| format!("{}: {e}", file.display()))
}

fn read_in(file: &Path, encoding: &str) -> Result<Table, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    table::read_in(&name, &bytes, encoding)
        .map_err(|e| format!("{}: {e}; it reads {}", file.display(), table::ENCODINGS.join(", ")))
}

/// A mapping file: header → field name (or null), the other headers guessed.
fn columns_from(path: &Path, table: &Table) -> Result<mapping::Columns, String> {
    let text = tandem_core::files::read_text(path).map_err(|e| e.to_string())?;
    let given: HashMap<String, Option<String>> = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a JSON object of header → field: {e}", path.display()))?;
    let mut columns = mapping::guess_all(&table.headers);
    for (header, field) in given {
        let i = table
            .headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(header.trim()))
            .ok_or_else(|| format!("{}: the file has no column {header:?}", path.display()))?;
        columns[i] = field.as_deref().map(Field::parse).transpose().map_err(|e| e.to_string())?;
    }
    Ok(columns)
}

async fn import(store: &Store, file: &Path, table: &Table, columns: mapping::Columns, how: How) -> Result<(), String> {
    let options = ImportOptions {
        columns,
        on_duplicate: match how.on_duplicate {
            Duplicate::Skip => OnDuplicate::Skip,
            Duplicate::Update => OnDuplicate::Fill,
            Duplicate::Overwrite => OnDuplicate::Overwrite,
            Duplicate::Create => OnDuplicate::Create,
        },
        match_on: match how.match_on {
            Key::Email => MatchOn::Email,
            Key::Phone => MatchOn::Phone,
        },
    };
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let now = Utc::now();
    let summary = if how.dry_run {
        store.plan_import(table, &options, now).await.map_err(|e| e.to_string())?
    } else {
        let plan = store.plan_import(table, &options, now).await.map_err(|e| e.to_string())?;
        write_rejected(how.rejected.as_deref(), table, &options, &plan)?;
        if plan.counts.rejected > 0 && !how.only_valid {
            print_summary(&plan, how.json, true);
            return Err(format!(
                "{} rows have problems; nothing was imported (fix them, or pass --only-valid to import the others)",
                plan.counts.rejected
            ));
        }
        let backup = store.backup_before("before-import", now).await.map_err(|e| e.to_string())?;
        eprintln!("backed up the workspace to {}", backup.display());
        let done = store
            .import_leads(table, &name, &options, how.only_valid, now, |p| {
                if p.done == 0 {
                    eprintln!("writing {} leads", p.total);
                    let _ = std::io::stderr().flush();
                }
                true
            })
            .await
            .map_err(|e| e.to_string())?;
        if !how.json {
            println!("import {} of {name}", done.batch.id);
        }
        done.summary
    };
    if how.dry_run {
        write_rejected(how.rejected.as_deref(), table, &options, &summary)?;
    }
    print_summary(&summary, how.json, how.dry_run);
    Ok(())
}

fn write_rejected(
    out: Option<&Path>,
    table: &Table,
    options: &ImportOptions,
    summary: &LeadImportSummary,
) -> Result<(), String> {
    let Some(out) = out else { return Ok(()) };
    if summary.problems.len() < summary.counts.rejected as usize {
        // The summary lists the first problems only: read them all again for the file.
        let (_, all) = tandem_core::import::rows::read(table, &options.columns, Utc::now());
        return write_file(out, &rejected::csv(table, &all));
    }
    write_file(out, &rejected::csv(table, &summary.problems))
}

fn write_file(out: &Path, bytes: &[u8]) -> Result<(), String> {
    tandem_core::files::write_atomic(out, bytes).map_err(|e| e.to_string())?;
    eprintln!("wrote the rejected rows to {}", out.display());
    Ok(())
}

fn print_summary(s: &LeadImportSummary, json: bool, dry_run: bool) {
    if json {
        println!("{}", serde_json::to_string_pretty(s).unwrap_or_default());
        return;
    }
    let c = &s.counts;
    let verb = if dry_run { "would be" } else { "were" };
    println!(
        "{} rows: {} new, {} updated, {} skipped, {} rejected ({} new companies, {} new campaigns {verb} created)",
        c.rows, c.new, c.updated, c.skipped, c.rejected, c.new_companies, c.new_campaigns
    );
    for p in s.problems.iter().take(20) {
        let column = p.column.as_deref().map(|c| format!(" {c}:")).unwrap_or_default();
        println!("  row {}:{column} {}", p.row, p.reason);
    }
    if s.problems.len() > 20 || (c.rejected as usize) > s.problems.len() {
        println!(
            "  … and {} more rows with problems (--rejected FILE writes them all)",
            c.rejected as usize - 20.min(s.problems.len())
        );
    }
}
