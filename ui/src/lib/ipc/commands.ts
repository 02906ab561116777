// Generated from the Rust command signatures by `make bindings`. Do not edit.
// One typed wrapper per command in src-tauri/src/commands; argument names match Rust's.
import { call } from './call';
import type { Activity, ActivityInput, Board, BoardFacets, BoardFilter, Deal, DealCard, DealInput, DealMove, DealTimeline, Lead, LeadFacets, LeadInput, LeadPage, LeadQuery, Pipeline, StageInput, StatusChange, WorkspaceInfo } from './bindings';

export const workspaceInfo = () => call<WorkspaceInfo>('workspace_info');
export const listLeads = (query: LeadQuery) => call<LeadPage>('list_leads', { query });
export const leadFacets = () => call<LeadFacets>('lead_facets');
export const getLead = (id: string) => call<Lead>('get_lead', { id });
export const createLead = (input: LeadInput) => call<Lead>('create_lead', { input });
export const updateLead = (id: string, input: LeadInput) => call<Lead>('update_lead', { id, input });
export const deleteLead = (id: string) => call<Lead>('delete_lead', { id });
export const restoreLead = (id: string) => call<Lead>('restore_lead', { id });
export const firstPaint = () => call<null>('first_paint');
export const pipelines = () => call<Array<Pipeline>>('pipelines');
export const board = (pipelineId: string | null, filter: BoardFilter, perColumn: number) => call<Board>('board', { pipelineId, filter, perColumn });
export const boardFacets = () => call<BoardFacets>('board_facets');
export const boardColumn = (pipelineId: string, stageId: string, filter: BoardFilter, offset: number, limit: number) => call<Array<DealCard>>('board_column', { pipelineId, stageId, filter, offset, limit });
export const moveDeal = (id: string, to: DealMove) => call<DealCard>('move_deal', { id, to });
export const getDeal = (id: string) => call<Deal>('get_deal', { id });
export const createDeal = (input: DealInput) => call<Deal>('create_deal', { input });
export const createDealWithLead = (lead: LeadInput, input: DealInput) => call<Deal>('create_deal_with_lead', { lead, input });
export const updateDeal = (id: string, input: DealInput) => call<Deal>('update_deal', { id, input });
export const setDealStatus = (id: string, change: StatusChange) => call<Deal>('set_deal_status', { id, change });
export const lostReasons = () => call<Array<string>>('lost_reasons');
export const dealTimeline = (id: string) => call<DealTimeline>('deal_timeline', { id });
export const addActivity = (input: ActivityInput) => call<Activity>('add_activity', { input });
export const completeActivity = (id: string) => call<Activity>('complete_activity', { id });
export const rescheduleActivity = (id: string, dueAt: string) => call<Activity>('reschedule_activity', { id, dueAt });
export const createPipeline = (name: string, stages: Array<StageInput>) => call<Pipeline>('create_pipeline', { name, stages });
export const renamePipeline = (id: string, name: string) => call<Pipeline>('rename_pipeline', { id, name });
export const deletePipeline = (id: string) => call<null>('delete_pipeline', { id });
export const addStage = (pipelineId: string, input: StageInput) => call<Pipeline>('add_stage', { pipelineId, input });
export const updateStage = (id: string, input: StageInput) => call<Pipeline>('update_stage', { id, input });
export const moveStage = (id: string, index: number) => call<Pipeline>('move_stage', { id, index });
export const deleteStage = (id: string, moveDealsTo: string | null) => call<Pipeline>('delete_stage', { id, moveDealsTo });
export const addLostReason = (name: string) => call<Array<string>>('add_lost_reason', { name });
export const renameLostReason = (name: string, to: string) => call<Array<string>>('rename_lost_reason', { name, to });
export const deleteLostReason = (name: string) => call<Array<string>>('delete_lost_reason', { name });
