// Generated from the Rust types by `make bindings`. Do not edit.

export type IpcError = { 
/**
 * One of: not_found, invalid, conflict, not_a_workspace, too_new, io, db, migrate.
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

export type LifecycleStage = "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "disqualified";

export type Lead = { id: string, name: string, email: string | null, phone: string | null, 
/**
 * The name of the lead's company, if any.
 */
company: string | null, job_title: string | null, owner: string | null, tags: Array<string>, notes: string | null, lifecycle_stage: LifecycleStage, score: number, source: string | null, created_at: string, updated_at: string, deleted_at: string | null, };

export type LeadInput = { name: string, email: string | null, phone: string | null, company: string | null, job_title: string | null, owner: string | null, tags: Array<string>, notes: string | null, lifecycle_stage: LifecycleStage | null, source: string | null, };

export type LeadSort = "name" | "created" | "updated";

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

