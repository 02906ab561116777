//! The TypeScript side of IPC, generated from the Rust types: the types of everything that
//! crosses it (`ui/src/lib/ipc/bindings.ts`) and one typed wrapper per command
//! (`ui/src/lib/ipc/commands.ts`). A test fails when either committed file is stale, and another
//! when a signature here disagrees with the registered handler.

use ts_rs::{Config, TS};

use crate::commands::data_export::DataFormat;
use crate::commands::ical::{ImportPreview, SavedFile};
use crate::commands::import::{ImportFile, WrittenFile};
use crate::commands::reports::{ExportFormat, ExportedFile, ReportRequest};
use crate::commands::startup::{FirstRows, StartScreen};
use crate::commands::workspace::{BackupInfo, WorkspaceInfo};
use crate::error::IpcError;
use crate::preferences::Preferences;
use tandem_core::export::ExportProgress;
use tandem_core::import::mapping::HeaderField;
use tandem_core::import::plan::SkippedRow;
use tandem_core::import::{
    Field, ImportOptions, LeadImportCounts, LeadImportSummary, MatchOn, OnDuplicate, RowProblem, SavedMapping,
    SourceFormat,
};
use tandem_core::model::attribution::{Attribution, Credit, Model};
use tandem_core::model::bulk::{BulkAction, BulkResult};
use tandem_core::model::duplicates::{DuplicateMatch, DuplicatePair, DuplicateReason, LeadBrief};
use tandem_core::model::lead_record::{
    Attended, CompanyFacts, LeadRecord, TimelineEntry, TimelineKind, Touchpoint, TouchpointInput, TouchpointKind,
};
use tandem_core::model::lead_view::{LeadColumn, LeadView};
use tandem_core::model::lifecycle::{LeadSettings, Waiting};
use tandem_core::model::merge::LeadMerge;
use tandem_core::model::scoring::{Condition, FitField, Score, ScoreReason, ScoreRule, ScoringRules};
use tandem_core::model::{
    Activity, ActivityInput, ActivityKind, Amount, Attendee, Board, BoardColumn, BoardFacets, BoardFilter,
    CalendarItem, CalendarItemInput, CalendarRange, Campaign, CampaignDeal, CampaignInput, CampaignItem, CampaignLead,
    CampaignNumbers, CampaignPage, CampaignRef, CampaignStatus, CompanyInput, Deal, DealCard, DealInput, DealStatus,
    DealTimeline, IcsScope, ImportAction, ImportRow, ImportSummary, ItemStatus, ItemType, Lead, LeadFacets, LeadInput,
    LeadPage, LeadQuery, LeadSort, LifecycleStage, NextActivity, Occurrence, Pipeline, SalesActivity, Stage,
    StageChange, StageInput, StatusChange, Totals, When,
};
use tandem_core::report::pack::{PackFormat, ReportPack};
use tandem_core::report::{Cell, Chart, FilterKind, Period as ReportPeriod, Report, ReportFilter, ReportName, Table};
use tandem_core::store::{
    CampaignQuery, CampaignSort, DealFilter, DealMove, DeletedLead, ImportBatch, ImportProgress, ImportResult,
    OccurrenceScope,
};

/// A command as the page calls it: argument names (as in the Rust handler) with their TS types.
pub struct Signature {
    pub command: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
}

fn sig<R: TS>(cfg: &Config, command: &'static str, args: Vec<(&'static str, String)>) -> Signature {
    Signature { command, args, returns: R::name(cfg) }
}

/// A channel the page makes (`new Channel<T>()` of `@tauri-apps/api/core`) for a command to stream `T`s into.
fn channel<T: TS>(cfg: &Config) -> String {
    format!("Channel<{}>", T::name(cfg))
}

fn config() -> Config {
    // Money in minor units and counts fit easily in a JS number (2^53).
    Config::new().with_large_int("number")
}

/// Every command in `commands::COMMANDS`, in the same order.
pub fn signatures() -> Vec<Signature> {
    let cfg = &config();
    let id = || ("id", String::name(cfg));
    let input = || ("input", LeadInput::name(cfg));
    vec![
        sig::<LeadPage>(cfg, "list_leads", vec![("query", LeadQuery::name(cfg))]),
        sig::<LeadFacets>(cfg, "lead_facets", vec![]),
        sig::<Lead>(cfg, "get_lead", vec![id()]),
        sig::<Lead>(cfg, "create_lead", vec![input()]),
        sig::<Lead>(cfg, "update_lead", vec![id(), input()]),
        sig::<Lead>(cfg, "delete_lead", vec![id()]),
        sig::<Lead>(cfg, "restore_lead", vec![id()]),
        sig::<Vec<DuplicateMatch>>(cfg, "lead_duplicates", vec![input(), ("except", Option::<String>::name(cfg))]),
        sig::<Vec<DuplicatePair>>(cfg, "duplicates", vec![]),
        sig::<LeadMerge>(
            cfg,
            "merge_leads",
            vec![("kept_id", String::name(cfg)), ("merged_id", String::name(cfg)), ("fields", LeadInput::name(cfg))],
        ),
        sig::<Lead>(cfg, "undo_merge", vec![id()]),
        sig::<Vec<DeletedLead>>(cfg, "deleted_leads", vec![("offset", u32::name(cfg))]),
        sig::<Vec<String>>(cfg, "lead_ids", vec![("query", LeadQuery::name(cfg))]),
        sig::<BulkResult>(
            cfg,
            "bulk_change_leads",
            vec![("ids", Vec::<String>::name(cfg)), ("action", BulkAction::name(cfg))],
        ),
        sig::<u32>(cfg, "undo_bulk_change", vec![("batch_id", String::name(cfg))]),
        sig::<Vec<LeadView>>(cfg, "lead_views", vec![]),
        sig::<Vec<LeadView>>(cfg, "save_lead_view", vec![("view", LeadView::name(cfg))]),
        sig::<Vec<LeadView>>(cfg, "delete_lead_view", vec![("name", String::name(cfg))]),
        sig::<LeadRecord>(cfg, "lead_record", vec![id()]),
        sig::<Touchpoint>(cfg, "add_touchpoint", vec![("input", TouchpointInput::name(cfg))]),
        sig::<CompanyFacts>(cfg, "update_company", vec![id(), ("input", CompanyInput::name(cfg))]),
        sig::<LeadSettings>(cfg, "lead_settings", vec![]),
        sig::<LeadSettings>(cfg, "set_lead_settings", vec![("settings", LeadSettings::name(cfg))]),
        sig::<Vec<Waiting>>(cfg, "waiting_leads", vec![("ids", Vec::<String>::name(cfg))]),
        sig::<ScoringRules>(cfg, "scoring_rules", vec![]),
        sig::<ScoringRules>(cfg, "set_scoring_rules", vec![("rules", ScoringRules::name(cfg))]),
        sig::<StartScreen>(cfg, "start_screen", vec![("query", LeadQuery::name(cfg))]),
        sig::<()>(cfg, "first_paint", vec![]),
        sig::<Vec<Pipeline>>(cfg, "pipelines", vec![]),
        sig::<Board>(
            cfg,
            "board",
            vec![
                ("pipeline_id", Option::<String>::name(cfg)),
                ("filter", BoardFilter::name(cfg)),
                ("per_column", u32::name(cfg)),
            ],
        ),
        sig::<BoardFacets>(cfg, "board_facets", vec![]),
        sig::<Vec<DealCard>>(
            cfg,
            "board_column",
            vec![
                ("pipeline_id", String::name(cfg)),
                ("stage_id", String::name(cfg)),
                ("filter", BoardFilter::name(cfg)),
                ("offset", u32::name(cfg)),
                ("limit", u32::name(cfg)),
            ],
        ),
        sig::<DealCard>(cfg, "move_deal", vec![id(), ("to", DealMove::name(cfg))]),
        sig::<Vec<Deal>>(cfg, "list_deals", vec![("filter", DealFilter::name(cfg))]),
        sig::<Deal>(cfg, "get_deal", vec![id()]),
        sig::<Deal>(cfg, "create_deal", vec![("input", DealInput::name(cfg))]),
        sig::<Deal>(
            cfg,
            "create_deal_with_lead",
            vec![("lead", LeadInput::name(cfg)), ("input", DealInput::name(cfg))],
        ),
        sig::<Deal>(cfg, "update_deal", vec![id(), ("input", DealInput::name(cfg))]),
        sig::<Deal>(cfg, "set_deal_status", vec![id(), ("change", StatusChange::name(cfg))]),
        sig::<Vec<String>>(cfg, "lost_reasons", vec![]),
        sig::<DealTimeline>(cfg, "deal_timeline", vec![id()]),
        sig::<Activity>(cfg, "add_activity", vec![("input", ActivityInput::name(cfg))]),
        sig::<Activity>(cfg, "complete_activity", vec![id()]),
        sig::<Activity>(cfg, "reschedule_activity", vec![id(), ("due_at", String::name(cfg))]),
        sig::<Pipeline>(
            cfg,
            "create_pipeline",
            vec![("name", String::name(cfg)), ("stages", Vec::<StageInput>::name(cfg))],
        ),
        sig::<Pipeline>(cfg, "rename_pipeline", vec![id(), ("name", String::name(cfg))]),
        sig::<()>(cfg, "delete_pipeline", vec![id()]),
        sig::<Pipeline>(cfg, "add_stage", vec![("pipeline_id", String::name(cfg)), ("input", StageInput::name(cfg))]),
        sig::<Pipeline>(cfg, "update_stage", vec![id(), ("input", StageInput::name(cfg))]),
        sig::<Pipeline>(cfg, "move_stage", vec![id(), ("index", u32::name(cfg))]),
        sig::<Pipeline>(cfg, "delete_stage", vec![id(), ("move_deals_to", Option::<String>::name(cfg))]),
        sig::<Vec<String>>(cfg, "add_lost_reason", vec![("name", String::name(cfg))]),
        sig::<Vec<String>>(cfg, "rename_lost_reason", vec![("name", String::name(cfg)), ("to", String::name(cfg))]),
        sig::<Vec<String>>(cfg, "delete_lost_reason", vec![("name", String::name(cfg))]),
        sig::<Vec<Campaign>>(cfg, "list_campaigns", vec![("query", CampaignQuery::name(cfg))]),
        sig::<Campaign>(cfg, "get_campaign", vec![id()]),
        sig::<Campaign>(cfg, "create_campaign", vec![("input", CampaignInput::name(cfg))]),
        sig::<Campaign>(cfg, "update_campaign", vec![id(), ("input", CampaignInput::name(cfg))]),
        sig::<Campaign>(cfg, "archive_campaign", vec![id(), ("archived", bool::name(cfg))]),
        sig::<Campaign>(cfg, "delete_campaign", vec![id()]),
        sig::<Campaign>(cfg, "restore_campaign", vec![id()]),
        sig::<CampaignNumbers>(cfg, "campaign_numbers", vec![id()]),
        sig::<CampaignPage>(cfg, "campaign_page", vec![id()]),
        sig::<Credit>(cfg, "campaign_attribution", vec![id(), ("model", Model::name(cfg))]),
        sig::<Attribution>(
            cfg,
            "attribution",
            vec![
                ("model", Model::name(cfg)),
                ("from", Option::<String>::name(cfg)),
                ("to", Option::<String>::name(cfg)),
            ],
        ),
        sig::<Report>(cfg, "report", vec![("request", ReportRequest::name(cfg))]),
        sig::<Option<ExportedFile>>(
            cfg,
            "export_report",
            vec![("request", ReportRequest::name(cfg)), ("format", ExportFormat::name(cfg))],
        ),
        sig::<Vec<ReportPack>>(cfg, "report_packs", vec![]),
        sig::<Vec<ReportPack>>(cfg, "save_report_pack", vec![("report_pack", ReportPack::name(cfg))]),
        sig::<Vec<ReportPack>>(cfg, "delete_report_pack", vec![("name", String::name(cfg))]),
        sig::<Option<ExportedFile>>(cfg, "export_report_pack", vec![("report_pack", ReportPack::name(cfg))]),
        sig::<Option<ExportedFile>>(
            cfg,
            "export_data",
            vec![("format", DataFormat::name(cfg)), ("on_progress", channel::<ExportProgress>(cfg))],
        ),
        sig::<Vec<Occurrence>>(cfg, "calendar_range", vec![("range", CalendarRange::name(cfg))]),
        sig::<CalendarItem>(cfg, "get_calendar_item", vec![id()]),
        sig::<CalendarItem>(cfg, "create_calendar_item", vec![("input", CalendarItemInput::name(cfg))]),
        sig::<CalendarItem>(cfg, "update_calendar_item", vec![id(), ("input", CalendarItemInput::name(cfg))]),
        sig::<CalendarItem>(cfg, "delete_calendar_item", vec![id()]),
        sig::<CalendarItem>(cfg, "restore_calendar_item", vec![id()]),
        sig::<CalendarItem>(
            cfg,
            "edit_occurrence",
            vec![
                ("series_id", String::name(cfg)),
                ("key", String::name(cfg)),
                ("scope", OccurrenceScope::name(cfg)),
                ("input", CalendarItemInput::name(cfg)),
            ],
        ),
        sig::<CalendarItem>(
            cfg,
            "delete_occurrence",
            vec![("series_id", String::name(cfg)), ("key", String::name(cfg)), ("scope", OccurrenceScope::name(cfg))],
        ),
        sig::<CalendarItem>(
            cfg,
            "restore_occurrence",
            vec![("series_id", String::name(cfg)), ("key", String::name(cfg))],
        ),
        sig::<Vec<Attendee>>(cfg, "calendar_item_attendees", vec![id()]),
        sig::<Vec<SalesActivity>>(cfg, "sales_activities", vec![("range", CalendarRange::name(cfg))]),
        sig::<Option<SavedFile>>(
            cfg,
            "export_calendar",
            vec![("scope", IcsScope::name(cfg)), ("title", String::name(cfg))],
        ),
        sig::<Option<ImportPreview>>(cfg, "preview_calendar_import", vec![("time_zone", String::name(cfg))]),
        sig::<ImportSummary>(cfg, "import_calendar", vec![]),
        sig::<Option<ImportFile>>(cfg, "open_import_file", vec![]),
        sig::<ImportFile>(cfg, "choose_import_sheet", vec![("sheet", String::name(cfg))]),
        sig::<ImportFile>(cfg, "choose_import_encoding", vec![("encoding", String::name(cfg))]),
        sig::<LeadImportSummary>(cfg, "preview_import", vec![("options", ImportOptions::name(cfg))]),
        sig::<ImportResult>(
            cfg,
            "run_import",
            vec![
                ("options", ImportOptions::name(cfg)),
                ("only_valid", bool::name(cfg)),
                ("on_progress", channel::<ImportProgress>(cfg)),
            ],
        ),
        sig::<()>(cfg, "cancel_import", vec![]),
        sig::<()>(cfg, "settle_search", vec![]),
        sig::<Option<WrittenFile>>(cfg, "save_rejected_rows", vec![("options", ImportOptions::name(cfg))]),
        sig::<Vec<ImportBatch>>(cfg, "import_history", vec![]),
        sig::<ImportBatch>(cfg, "undo_import", vec![id()]),
        sig::<Vec<SavedMapping>>(cfg, "import_mappings", vec![]),
        sig::<Vec<SavedMapping>>(
            cfg,
            "save_import_mapping",
            vec![("name", String::name(cfg)), ("columns", Vec::<Option<Field>>::name(cfg))],
        ),
        sig::<Vec<Option<Field>>>(cfg, "apply_import_mapping", vec![("name", String::name(cfg))]),
        sig::<Vec<SavedMapping>>(cfg, "delete_import_mapping", vec![("name", String::name(cfg))]),
        sig::<Option<WrittenFile>>(cfg, "export_vcard", vec![("ids", Option::<Vec<String>>::name(cfg))]),
        sig::<Preferences>(cfg, "set_time_zone", vec![("time_zone", Option::<String>::name(cfg))]),
        sig::<Preferences>(cfg, "set_lead_columns", vec![("columns", Vec::<LeadColumn>::name(cfg))]),
        sig::<Vec<String>>(cfg, "time_zones", vec![]),
        sig::<Option<WorkspaceInfo>>(cfg, "open_workspace", vec![]),
        sig::<Option<WorkspaceInfo>>(cfg, "new_workspace", vec![]),
        sig::<Option<String>>(cfg, "save_workspace_copy", vec![]),
        sig::<Vec<BackupInfo>>(cfg, "backups", vec![]),
        sig::<Vec<BackupInfo>>(cfg, "back_up_now", vec![]),
        sig::<WorkspaceInfo>(cfg, "restore_backup", vec![("file_name", String::name(cfg))]),
    ]
}

/// `commands.ts`: `listLeads(query)` calls `list_leads` with `{ query }`, typed both ways.
pub fn command_wrappers() -> String {
    let mut out = String::from(
        "// Generated from the Rust command signatures by `make bindings`. Do not edit.\n\
         // One typed wrapper per command in src-tauri/src/commands; argument names match Rust's.\n\
         import { call } from './call';\n",
    );
    // The declared types named in each signature (`Array<DealCard>` names `DealCard`).
    let mut types: Vec<String> = signatures()
        .iter()
        .flat_map(|s| s.args.iter().map(|(_, t)| t.clone()).chain([s.returns.clone()]))
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()).map(str::to_owned).collect::<Vec<_>>())
        .filter(|t| t.chars().next().is_some_and(char::is_uppercase) && t != "Array")
        .collect();
    types.sort();
    types.dedup();
    // Channels are Tauri's own class, not one of the generated types.
    if let Some(i) = types.iter().position(|t| t == "Channel") {
        types.remove(i);
        out.push_str("import type { Channel } from '@tauri-apps/api/core';\n");
    }
    out.push_str(&format!("import type {{ {} }} from './bindings';\n\n", types.join(", ")));
    for s in signatures() {
        let params: Vec<String> = s.args.iter().map(|(name, ty)| format!("{}: {ty}", camel(name))).collect();
        // Tauri expects a command's snake_case arguments under camelCase keys.
        let keys: Vec<String> = s.args.iter().map(|(name, _)| camel(name)).collect();
        let body = if keys.is_empty() { String::new() } else { format!(", {{ {} }}", keys.join(", ")) };
        out.push_str(&format!(
            "export const {} = ({}) => call<{}>('{}'{body});\n",
            camel(s.command),
            params.join(", "),
            s.returns,
            s.command
        ));
    }
    out
}

/// `per_column` → `perColumn`: the key Tauri expects for a snake_case argument.
pub fn camel(snake: &str) -> String {
    let mut out = String::new();
    for (i, part) in snake.split('_').enumerate() {
        let mut chars = part.chars();
        if i > 0
            && let Some(first) = chars.next()
        {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        } else {
            out.push_str(part);
        }
    }
    out
}

fn decl<T: TS>(cfg: &Config) -> String {
    format!("export {}\n", T::decl(cfg))
}

pub fn typescript() -> String {
    let cfg = config();
    let mut out = String::from("// Generated from the Rust types by `make bindings`. Do not edit.\n\n");
    for d in [
        decl::<IpcError>(&cfg),
        decl::<WorkspaceInfo>(&cfg),
        decl::<StartScreen>(&cfg),
        decl::<FirstRows>(&cfg),
        decl::<LifecycleStage>(&cfg),
        decl::<Lead>(&cfg),
        decl::<LeadInput>(&cfg),
        decl::<LeadSort>(&cfg),
        decl::<LeadQuery>(&cfg),
        decl::<LeadPage>(&cfg),
        decl::<LeadFacets>(&cfg),
        decl::<DuplicateReason>(&cfg),
        decl::<LeadBrief>(&cfg),
        decl::<DuplicateMatch>(&cfg),
        decl::<DuplicatePair>(&cfg),
        decl::<LeadMerge>(&cfg),
        decl::<DeletedLead>(&cfg),
        decl::<BulkAction>(&cfg),
        decl::<BulkResult>(&cfg),
        decl::<LeadColumn>(&cfg),
        decl::<LeadView>(&cfg),
        decl::<TouchpointKind>(&cfg),
        decl::<Touchpoint>(&cfg),
        decl::<TouchpointInput>(&cfg),
        decl::<CompanyInput>(&cfg),
        decl::<CompanyFacts>(&cfg),
        decl::<Attended>(&cfg),
        decl::<TimelineKind>(&cfg),
        decl::<TimelineEntry>(&cfg),
        decl::<LeadRecord>(&cfg),
        decl::<LeadSettings>(&cfg),
        decl::<Waiting>(&cfg),
        decl::<FitField>(&cfg),
        decl::<Condition>(&cfg),
        decl::<ScoreRule>(&cfg),
        decl::<ScoringRules>(&cfg),
        decl::<ScoreReason>(&cfg),
        decl::<Score>(&cfg),
        decl::<Stage>(&cfg),
        decl::<Pipeline>(&cfg),
        decl::<NextActivity>(&cfg),
        decl::<DealCard>(&cfg),
        decl::<Amount>(&cfg),
        decl::<Totals>(&cfg),
        decl::<BoardColumn>(&cfg),
        decl::<BoardFilter>(&cfg),
        decl::<Board>(&cfg),
        decl::<CampaignRef>(&cfg),
        decl::<BoardFacets>(&cfg),
        decl::<DealMove>(&cfg),
        decl::<DealFilter>(&cfg),
        decl::<DealStatus>(&cfg),
        decl::<Deal>(&cfg),
        decl::<DealInput>(&cfg),
        decl::<StatusChange>(&cfg),
        decl::<ActivityKind>(&cfg),
        decl::<Activity>(&cfg),
        decl::<ActivityInput>(&cfg),
        decl::<StageChange>(&cfg),
        decl::<DealTimeline>(&cfg),
        decl::<StageInput>(&cfg),
        decl::<CampaignStatus>(&cfg),
        decl::<Campaign>(&cfg),
        decl::<CampaignInput>(&cfg),
        decl::<CampaignSort>(&cfg),
        decl::<CampaignQuery>(&cfg),
        decl::<CampaignNumbers>(&cfg),
        decl::<CampaignItem>(&cfg),
        decl::<CampaignLead>(&cfg),
        decl::<CampaignDeal>(&cfg),
        decl::<CampaignPage>(&cfg),
        decl::<Model>(&cfg),
        decl::<Credit>(&cfg),
        decl::<Attribution>(&cfg),
        decl::<ReportName>(&cfg),
        decl::<ReportPeriod>(&cfg),
        decl::<FilterKind>(&cfg),
        decl::<ReportFilter>(&cfg),
        decl::<ReportRequest>(&cfg),
        decl::<Cell>(&cfg),
        decl::<Table>(&cfg),
        decl::<Chart>(&cfg),
        decl::<Report>(&cfg),
        decl::<ExportFormat>(&cfg),
        decl::<ExportedFile>(&cfg),
        decl::<PackFormat>(&cfg),
        decl::<ReportPack>(&cfg),
        decl::<DataFormat>(&cfg),
        decl::<ExportProgress>(&cfg),
        decl::<ItemType>(&cfg),
        decl::<ItemStatus>(&cfg),
        decl::<When>(&cfg),
        decl::<CalendarItem>(&cfg),
        decl::<CalendarItemInput>(&cfg),
        decl::<Attendee>(&cfg),
        decl::<CalendarRange>(&cfg),
        decl::<Occurrence>(&cfg),
        decl::<OccurrenceScope>(&cfg),
        decl::<SalesActivity>(&cfg),
        decl::<IcsScope>(&cfg),
        decl::<SavedFile>(&cfg),
        decl::<ImportAction>(&cfg),
        decl::<ImportRow>(&cfg),
        decl::<ImportSummary>(&cfg),
        decl::<ImportPreview>(&cfg),
        decl::<Field>(&cfg),
        decl::<SourceFormat>(&cfg),
        decl::<ImportFile>(&cfg),
        decl::<OnDuplicate>(&cfg),
        decl::<MatchOn>(&cfg),
        decl::<ImportOptions>(&cfg),
        decl::<RowProblem>(&cfg),
        decl::<SkippedRow>(&cfg),
        decl::<LeadImportCounts>(&cfg),
        decl::<LeadImportSummary>(&cfg),
        decl::<ImportProgress>(&cfg),
        decl::<ImportBatch>(&cfg),
        decl::<ImportResult>(&cfg),
        decl::<HeaderField>(&cfg),
        decl::<SavedMapping>(&cfg),
        decl::<WrittenFile>(&cfg),
        decl::<BackupInfo>(&cfg),
        decl::<Preferences>(&cfg),
    ] {
        out.push_str(&d);
        out.push('\n');
    }
    out
}
