// Generated from the Rust command signatures by `make bindings`. Do not edit.
// One typed wrapper per command in src-tauri/src/commands; argument names match Rust's.
import { call } from './call';
import type { Lead, LeadFacets, LeadInput, LeadPage, LeadQuery, WorkspaceInfo } from './bindings';

export const workspaceInfo = () => call<WorkspaceInfo>('workspace_info');
export const listLeads = (query: LeadQuery) => call<LeadPage>('list_leads', { query });
export const leadFacets = () => call<LeadFacets>('lead_facets');
export const getLead = (id: string) => call<Lead>('get_lead', { id });
export const createLead = (input: LeadInput) => call<Lead>('create_lead', { input });
export const updateLead = (id: string, input: LeadInput) => call<Lead>('update_lead', { id, input });
export const deleteLead = (id: string) => call<Lead>('delete_lead', { id });
export const restoreLead = (id: string) => call<Lead>('restore_lead', { id });
export const firstPaint = () => call<null>('first_paint');
