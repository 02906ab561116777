// Generated from the Rust types by `make bindings`. Do not edit.

export type IpcError = { 
/**
 * One of: not_found, invalid, conflict, malformed, not_a_workspace, too_new, io, db, migrate.
 */
code: string, message: string, 
/**
 * For `invalid`: the input field at fault.
 */
field: string | null, };

export type WorkspaceInfo = { 
/**
 * The workspace file, as the user would look for it.
 */
path: string, schema_version: number, };

export type StartScreen = { workspace: WorkspaceInfo, preferences: Preferences, 
/**
 * `null` when they could not be read; the list then loads them itself and says why not.
 */
rows: FirstRows | null, };

export type FirstRows = { page: LeadPage, facets: LeadFacets, };

export type LifecycleStage = "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "disqualified";

export type Lead = { id: string, name: string, email: string | null, phone: string | null, 
/**
 * The name of the lead's company, if any.
 */
company: string | null, job_title: string | null, owner: string | null, tags: Array<string>, notes: string | null, lifecycle_stage: LifecycleStage, score: number, source: string | null, created_at: string, updated_at: string, deleted_at: string | null, };

export type LeadInput = { name: string, email: string | null, phone: string | null, company: string | null, job_title: string | null, owner: string | null, tags: Array<string>, notes: string | null, lifecycle_stage: LifecycleStage | null, source: string | null, };

export type LeadSort = "name" | "created" | "updated" | "score";

export type LeadQuery = { search: string | null, stage: LifecycleStage | null, owner: string | null, tag: string | null, sort: LeadSort, descending: boolean, offset: number, limit: number, };

export type LeadPage = { 
/**
 * How many leads match the filters in all (not just this page).
 */
total: number, offset: number, leads: Array<Lead>, };

export type LeadFacets = { owners: Array<string>, tags: Array<string>, 
/**
 * Live leads in the workspace, whatever the filters.
 */
total: number, };

export type DuplicateReason = "email" | "phone" | "name";

export type LeadBrief = { id: string, name: string, email: string | null, phone: string | null, company: string | null, };

export type DuplicateMatch = { lead: LeadBrief, reasons: Array<DuplicateReason>, };

export type DuplicatePair = { a: LeadBrief, b: LeadBrief, reasons: Array<DuplicateReason>, };

export type LeadMerge = { id: string, lead: Lead, merged_name: string, touchpoints: number, deals: number, activities: number, attendance: number, };

export type DeletedLead = { id: string, name: string, email: string | null, company: string | null, deleted_at: string, deals: number, touchpoints: number, activities: number, };

export type BulkAction = { "kind": "set_owner", owner: string | null, } | { "kind": "add_tag", tag: string, } | { "kind": "remove_tag", tag: string, } | { "kind": "set_stage", stage: LifecycleStage, } | { "kind": "delete" };

export type BulkResult = { batch_id: string, changed: number, };

export type LeadColumn = "email" | "phone" | "company" | "job_title" | "stage" | "score" | "owner" | "tags" | "source" | "created" | "updated";

export type LeadView = { name: string, search: string | null, stage: LifecycleStage | null, owner: string | null, tag: string | null, sort: LeadSort, descending: boolean, columns: Array<LeadColumn>, };

export type TouchpointKind = "form_fill" | "event_attended" | "email_click" | "referral" | "walk_in" | "trade_show" | "ad_click" | "other";

export type Touchpoint = { id: string, kind: TouchpointKind, occurred_at: string, campaign_id: string | null, 
/**
 * The campaign's name, if any.
 */
campaign: string | null, notes: string | null, };

export type TouchpointInput = { lead_id: string, campaign_id: string | null, kind: string, occurred_at: string | null, notes: string | null, };

export type CompanyInput = { name: string, 
/**
 * A website or a bare domain: "https://www.acme.com/about" is kept as "acme.com".
 */
domain: string | null, industry: string | null, 
/**
 * As the business counts it ("11-50"); scoring rules compare it as text.
 */
size: string | null, };

export type CompanyFacts = { id: string, name: string, domain: string | null, industry: string | null, size: string | null, 
/**
 * The live leads that work there, this one among them.
 */
leads: number, };

export type Attended = { item_id: string, title: string, when: When, campaign_id: string | null, };

export type TimelineKind = "created" | "touchpoint" | "activity" | "note" | "deal_created" | "deal_stage" | "deal_won" | "deal_lost" | "lifecycle_stage" | "attended" | "merged";

export type TimelineEntry = { at: string, kind: TimelineKind, title: string, detail: string | null, deal_id: string | null, campaign_id: string | null, item_id: string | null, };

export type LeadRecord = { lead: Lead, company: CompanyFacts | null, 
/**
 * Oldest first: the first is the lead's source.
 */
touchpoints: Array<Touchpoint>, 
/**
 * Newest first.
 */
deals: Array<Deal>, 
/**
 * Open ones by due time, then done ones, newest first.
 */
activities: Array<Activity>, attended: Array<Attended>, 
/**
 * Newest first, at most `MAX_TIMELINE`.
 */
timeline: Array<TimelineEntry>, 
/**
 * Whether older entries were left out of `timeline`.
 */
timeline_cut: boolean, 
/**
 * For an MQL nobody has acted on within the workspace's speed-to-lead hours: how many hours
 * it has waited.
 */
waiting_hours: number | null, 
/**
 * The lead's score (as `lead.score`) with the reasons that made it.
 */
score: Score, };

export type LeadSettings = { 
/**
 * Where a lead goes when every one of its deals is lost: `sql` or `disqualified`.
 */
all_deals_lost: LifecycleStage, 
/**
 * An MQL with no activity for this many hours is flagged as waiting (speed to lead).
 */
speed_to_lead_hours: number, };

export type Waiting = { lead_id: string, hours: number, };

export type FitField = "job_title" | "industry" | "company_size" | "source";

export type Condition = { "kind": "field", field: FitField, any_of: Array<string>, } | { "kind": "business_email" } | { "kind": "touchpoint", touch: TouchpointKind | null, at_most: number, } | { "kind": "activity", activity: ActivityKind | null, at_most: number, };

export type ScoreRule = { 
/**
 * What the reason says: "Decision maker".
 */
label: string, when: Condition, 
/**
 * Points earned once (fit) or per event (engagement); negative to count against.
 */
points: number, };

export type ScoringRules = { rules: Array<ScoreRule>, 
/**
 * Days after which an engagement event counts half; 0: events never fade.
 */
half_life_days: number, };

export type ScoreReason = { label: string, points: number, 
/**
 * What met it: `job title "Head of Sales"`, `3 events, newest 12 days ago`.
 */
detail: string, };

export type Score = { 
/**
 * The sum of the reasons' points.
 */
total: number, reasons: Array<ScoreReason>, };

export type Stage = { id: string, name: string, 
/**
 * Chance of winning a deal in this stage, 0–100.
 */
probability: number, 
/**
 * A deal idle this many days here is rotting; `None`: never.
 */
rotting_days: number | null, };

export type Pipeline = { id: string, name: string, stages: Array<Stage>, };

export type NextActivity = { id: string, kind: string, subject: string, due_at: string, };

export type DealCard = { id: string, title: string, lead_id: string, lead_name: string, company: string | null, value_minor: number, currency: string, 
/**
 * The deal's own chance of winning, when someone set one.
 */
probability_override: number | null, 
/**
 * What the weighted value uses: the override if set, else the stage's probability.
 */
probability: number, owner: string | null, stage_id: string, 
/**
 * Fractional key: cards sort by it within their stage.
 */
position: string, stage_entered_at: string, expected_close: string | null, next_activity: NextActivity | null, last_activity_done_at: string | null, 
/**
 * Whole days since the deal entered its stage.
 */
days_in_stage: number, 
/**
 * Idle (no stage change, no done activity) for longer than its stage allows.
 */
rotting: boolean, };

export type Amount = { currency: string, minor: number, };

export type Totals = { count: number, value: Array<Amount>, weighted: Array<Amount>, };

export type BoardColumn = { stage: Stage, totals: Totals, 
/**
 * The column's first cards, in order; `totals.count` says how many there are in all.
 */
deals: Array<DealCard>, };

export type BoardFilter = { 
/**
 * Words (or their beginnings) in the title, the lead's name or the company; case and accents
 * do not matter.
 */
search: string | null, owner: string | null, 
/**
 * Deals whose lead came from this campaign (its first touchpoint).
 */
campaign_id: string | null, min_value_minor: number | null, max_value_minor: number | null, 
/**
 * Expected close on or after this date (`YYYY-MM-DD`).
 */
close_from: string | null, 
/**
 * Expected close on or before this date.
 */
close_to: string | null, rotting_only: boolean, };

export type Board = { pipeline_id: string, pipeline_name: string, columns: Array<BoardColumn>, totals: Totals, };

export type CampaignRef = { id: string, name: string, };

export type BoardFacets = { 
/**
 * Owners of open deals.
 */
owners: Array<string>, 
/**
 * Live campaigns, by name.
 */
campaigns: Array<CampaignRef>, };

export type DealMove = { stage_id: string, after: string | null, };

export type DealFilter = { 
/**
 * A pipeline's id or name (any case).
 */
pipeline: string | null, 
/**
 * A stage's id or name (any case), in any pipeline unless `pipeline` is given.
 */
stage: string | null, status: DealStatus | null, limit: number, offset: number, };

export type DealStatus = "open" | "won" | "lost";

export type Deal = { id: string, title: string, lead_id: string, lead_name: string, company: string | null, value_minor: number, currency: string, probability_override: number | null, owner: string | null, pipeline_id: string, pipeline: string, stage_id: string, stage: string, expected_close: string | null, status: DealStatus, won_at: string | null, lost_at: string | null, lost_reason: string | null, created_at: string, updated_at: string, };

export type DealInput = { title: string, lead_id: string, value_minor: number, currency: string, 
/**
 * `YYYY-MM-DD`.
 */
expected_close: string | null, probability: number | null, owner: string | null, pipeline_id: string, stage_id: string, };

export type StatusChange = { "status": "won" } | { "status": "lost", reason: string, } | { "status": "open" };

export type ActivityKind = "call" | "meeting" | "email" | "task" | "note";

export type Activity = { id: string, kind: ActivityKind, subject: string, notes: string | null, lead_id: string, deal_id: string | null, owner: string | null, due_at: string | null, done_at: string | null, created_at: string, };

export type ActivityInput = { kind: string, subject: string, notes: string | null, lead_id: string, deal_id: string | null, owner: string | null, due_at: string | null, };

export type StageChange = { from: string | null, to: string, at: string, };

export type DealTimeline = { activities: Array<Activity>, stage_history: Array<StageChange>, };

export type StageInput = { name: string, probability: number, rotting_days: number | null, };

export type CampaignStatus = "planned" | "active" | "completed" | "cancelled";

export type Campaign = { id: string, name: string, objective: string | null, channels: Array<string>, start_date: string | null, end_date: string | null, currency: string, budget_minor: number, spend_minor: number, status: CampaignStatus, 
/**
 * `#rrggbb`.
 */
color: string | null, owner: string | null, 
/**
 * The code leads quote (a URL parameter, a coupon) to be attributed to this campaign.
 */
code: string | null, notes: string | null, archived_at: string | null, created_at: string, updated_at: string, deleted_at: string | null, };

export type CampaignInput = { name: string, objective: string | null, channels: Array<string>, start_date: string | null, end_date: string | null, currency: string, budget_minor: number, spend_minor: number, 
/**
 * `None`: planned.
 */
status: CampaignStatus | null, color: string | null, owner: string | null, code: string | null, notes: string | null, };

export type CampaignSort = "start" | "name" | "status" | "budget";

export type CampaignQuery = { status: CampaignStatus | null, 
/**
 * A channel the campaign uses (any case).
 */
channel: string | null, 
/**
 * Campaigns running on or after this date (`YYYY-MM-DD`): ending then or later, or open-ended.
 */
from: string | null, 
/**
 * Campaigns running on or before this date: starting then or earlier, or without a start.
 */
to: string | null, include_archived: boolean, sort: CampaignSort, descending: boolean, };

export type CampaignNumbers = { leads: number, deals: number, 
/**
 * Open deals' value, per currency.
 */
pipeline: Array<Amount>, 
/**
 * Won deals' value, per currency.
 */
won: Array<Amount>, won_deals: number, spend: Amount, 
/**
 * Spend divided by leads, rounded to the minor unit; `None` without leads.
 */
cost_per_lead: Amount | null, };

export type CampaignItem = { id: string, title: string, item_type: ItemType, channel: string | null, status: ItemStatus, when: When, repeats: boolean, };

export type CampaignLead = { id: string, name: string, company: string | null, lifecycle_stage: LifecycleStage, 
/**
 * When the campaign last touched the lead, and how often it did.
 */
last_touch: string, touchpoints: number, };

export type CampaignDeal = { id: string, title: string, lead_id: string, lead_name: string, stage: string, status: DealStatus, value: Amount, };

export type CampaignPage = { campaign: Campaign, numbers: CampaignNumbers, 
/**
 * Its live calendar items (a series once), by start.
 */
items: Array<CampaignItem>, items_total: number, 
/**
 * Leads with a touchpoint from it, most recently touched first.
 */
leads: Array<CampaignLead>, 
/**
 * Those leads' live deals, open ones first, then by value.
 */
deals: Array<CampaignDeal>, };

export type AttributionModel = "first" | "last" | "linear";

export type CampaignCredit = { campaign_id: string, campaign: string, leads: number, deals: number, 
/**
 * Open deals' value, per currency, rounded to the minor unit.
 */
pipeline: Array<Amount>, 
/**
 * Won deals' value, per currency, rounded to the minor unit.
 */
won: Array<Amount>, };

export type Attribution = { model: AttributionModel, 
/**
 * Campaigns with any credit, most leads first.
 */
campaigns: Array<CampaignCredit>, 
/**
 * Leads and deals no campaign is credited with (no touchpoint, or none from a campaign).
 */
unattributed_leads: number, unattributed_deals: number, };

export type ReportName = "pipeline" | "forecast" | "funnel" | "campaign-performance" | "win-loss" | "velocity" | "activity" | "marketing-output";

export type ReportPeriod = "this-month" | "last-month" | "this-quarter" | "last-quarter" | "year-to-date" | "last-year" | "last-12-months" | "all-time";

export type FilterKind = "period" | "owner" | "pipeline" | "campaign" | "model";

export type ReportFilter = { from: string | null, to: string | null, owner: string | null, pipeline: string | null, campaign: string | null, model: AttributionModel | null, };

export type ReportRequest = { name: ReportName, period: ReportPeriod | null, filter: ReportFilter, };

export type Cell = { "kind": "text", "value": string } | { "kind": "count", "value": number } | { "kind": "money", "value": { minor: number, currency: string, } } | { "kind": "month", "value": string } | { "kind": "date", "value": string } | { "kind": "number", "value": number } | { "kind": "empty" };

export type Table = { title: string, columns: Array<string>, rows: Array<Array<Cell>>, };

export type Chart = { table: number, label: Array<number>, series: Array<number>, stacked: boolean, limit: number | null, };

export type Report = { name: ReportName, title: string, 
/**
 * The filters it was made with, as lines to print above it.
 */
filters: Array<string>, 
/**
 * The filters that change it (`ReportName::takes`), for a screen to offer.
 */
takes: Array<FilterKind>, tables: Array<Table>, chart: Chart | null, };

export type ExportFormat = "csv" | "xlsx" | "pdf";

export type ExportedFile = { path: string, 
/**
 * More than one for CSV of a report with several tables: they sit beside `path`.
 */
files: number, };

export type PackFormat = "pdf" | "xlsx";

export type ReportPack = { name: string, reports: Array<ReportName>, period: ReportPeriod | null, filter: ReportFilter, format: PackFormat, };

export type DataFormat = "csv" | "xlsx";

export type ExportProgress = { done: number, total: number, 
/**
 * The table just written.
 */
table: string, rows: number, };

export type ItemType = "email" | "social_post" | "blog_article" | "ad_flight" | "event" | "webinar" | "print" | "other";

export type ItemStatus = "idea" | "draft" | "scheduled" | "published" | "cancelled";

export type When = { "kind": "timed", starts_at: string, ends_at: string, } | { "kind": "all_day", start_date: string, end_date: string, };

export type CalendarItem = { id: string, title: string, item_type: ItemType, channel: string | null, campaign_id: string | null, when: When, 
/**
 * IANA zone the item was planned in: a weekly 09:00 stays at 09:00 there across DST.
 */
time_zone: string, status: ItemStatus, owner: string | null, notes: string | null, 
/**
 * RFC 5545 RRULE without DTSTART (the item's start is the series' start).
 */
rrule: string | null, 
/**
 * Occurrences left out of the series, by their original start (see `Occurrence::key`).
 */
exdates: Array<string>, 
/**
 * For an occurrence moved or edited on its own: the series it belongs to.
 */
series_id: string | null, 
/**
 * … and the original start of the occurrence it replaces.
 */
recurrence_id: string | null, created_at: string, updated_at: string, deleted_at: string | null, };

export type CalendarItemInput = { title: string, item_type: string, channel: string | null, campaign_id: string | null, all_day: boolean, starts_at: string | null, ends_at: string | null, start_date: string | null, end_date: string | null, 
/**
 * `None`: UTC.
 */
time_zone: string | null, status: ItemStatus | null, owner: string | null, notes: string | null, rrule: string | null, 
/**
 * Lead ids of the people attending; `None` leaves an item's attendees as they are (a move
 * on the calendar does not name them).
 */
attendees?: Array<string>, };

export type Attendee = { lead_id: string, name: string, email: string | null, };

export type CalendarRange = { from: string, to: string, 
/**
 * The viewer's IANA zone: timed items are placed on its days.
 */
time_zone: string, };

export type Occurrence = { item_id: string, 
/**
 * The series this is an occurrence of (the item itself, or an edited occurrence's series).
 */
series_id: string | null, 
/**
 * The occurrence's original start within its series, as stored in `exdates` and
 * `recurrence_id`; `None` for an item that does not repeat.
 */
key: string | null, title: string, item_type: ItemType, channel: string | null, campaign_id: string | null, status: ItemStatus, owner: string | null, when: When, time_zone: string, };

export type OccurrenceScope = "this" | "following" | "all";

export type SalesActivity = { id: string, kind: ActivityKind, subject: string, due_at: string, owner: string | null, deal_id: string, deal_title: string, lead_name: string, };

export type IcsScope = { 
/**
 * Items with an occurrence from this day (`YYYY-MM-DD`) …
 */
from: string | null, 
/**
 * … up to, not including, this day, in `time_zone` (default UTC).
 */
to: string | null, time_zone: string | null, campaign_id: string | null, 
/**
 * Words the title contains (any case).
 */
text: string | null, status: string | null, item_type: string | null, owner: string | null, 
/**
 * Channels left out (`""` stands for items without a channel).
 */
hidden_channels: Array<string>, };

export type SavedFile = { path: string, events: number, };

export type ImportAction = "new" | "update";

export type ImportRow = { title: string, when: When, time_zone: string, repeats: boolean, 
/**
 * Replaces one occurrence of a series.
 */
is_override: boolean, action: ImportAction, line: number, };

export type ImportSummary = { events: number, new: number, updated: number, series: number, overrides: number, 
/**
 * The first `PREVIEW_ROWS` events, in file order.
 */
rows: Array<ImportRow>, };

export type ImportPreview = { file_name: string, summary: ImportSummary, };

export type Field = "full_name" | "first_name" | "last_name" | "email" | "phone" | "company" | "website" | "industry" | "company_size" | "job_title" | "owner" | "lifecycle_stage" | "source" | "campaign" | "tags" | "notes" | "created_at";

export type SourceFormat = { "kind": "csv", encoding: string, delimiter: string, } | { "kind": "workbook", sheet: string, } | { "kind": "vcard" };

export type ImportFile = { file_name: string, format: SourceFormat, 
/**
 * A workbook's sheets (the one read is in `format`).
 */
sheets: Array<string>, 
/**
 * The encodings a CSV file can be read in instead (the one read is in `format`).
 */
encodings: Array<string>, headers: Array<string>, 
/**
 * The first rows, each cell as text.
 */
sample: Array<Array<string>>, rows: number, 
/**
 * Each column's field: from a saved mapping whose headers it matches, else guessed.
 */
columns: Array<Field | null>, 
/**
 * The saved mapping applied, if any.
 */
mapping: string | null, };

export type OnDuplicate = "skip" | "fill" | "overwrite" | "create";

export type MatchOn = "email" | "phone";

export type ImportOptions = { columns: Array<Field | null>, on_duplicate: OnDuplicate, match_on: MatchOn, };

export type RowProblem = { row: number, 
/**
 * The header of the column at fault, when one is.
 */
column: string | null, reason: string, };

export type SkippedRow = { row: number, reason: string, };

export type LeadImportCounts = { rows: number, new: number, updated: number, skipped: number, rejected: number, 
/**
 * Companies and campaigns the import creates.
 */
new_companies: number, new_campaigns: number, };

export type LeadImportSummary = { counts: LeadImportCounts, problems: Array<RowProblem>, skipped: Array<SkippedRow>, };

export type ImportProgress = { done: number, total: number, };

export type ImportBatch = { id: string, file_name: string, counts: LeadImportCounts, at: string, undone_at: string | null, };

export type ImportResult = { batch: ImportBatch, summary: LeadImportSummary, 
/**
 * Its new leads are indexed for search after the commit (`settle_search`), so that a large
 * import commits sooner.
 */
search_pending: boolean, };

export type HeaderField = { header: string, field: Field | null, };

export type SavedMapping = { name: string, columns: Array<HeaderField>, };

export type WrittenFile = { path: string, rows: number, };

export type BackupInfo = { file_name: string, taken_at: string, 
/**
 * "auto", "manual", "before-import", "before-merge", "before-restore"…
 */
why: string, bytes: number, };

export type Preferences = { 
/**
 * The IANA zone times are shown in; `None`: the system's.
 */
time_zone: string | null, 
/**
 * The leads list's columns beside the name, in order; `None`: the default ones.
 */
lead_columns: Array<LeadColumn> | null, 
/**
 * The workspace file last opened or started from Settings, opened again at the next start
 * (unless `--db` or `TANDEM_DB` names another); `None`: the one in the app-data folder.
 */
workspace: string | null, };

