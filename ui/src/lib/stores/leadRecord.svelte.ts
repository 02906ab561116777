// The lead page: one lead seen whole, and what is added from it (notes, activities, touchpoints)
// or changed from it (its company's details).
// Each addition saves, then the record is read again, so the timeline shows it in its place.
import * as ipc from '../ipc';
import type { ActivityKind, Campaign, CompanyInput, LeadRecord, TouchpointInput } from '../ipc';
import { board } from './board.svelte';
import { toasts } from './toasts.svelte';

class LeadRecordStore {
  record = $state<LeadRecord | null>(null);
  error = $state<string | null>(null);
  private id: string | null = null;

  async load(id: string): Promise<void> {
    if (id !== this.id) this.record = null;
    this.id = id;
    try {
      const record = await ipc.leadRecord(id);
      if (this.id === id) {
        this.record = record;
        this.error = null;
      }
    } catch (e) {
      if (this.id === id) this.error = e instanceof Error ? e.message : String(e);
    }
  }

  private async reload() {
    if (this.id) await this.load(this.id);
  }

  // Each of these throws a `CommandError` on bad input; the page shows it beside the field.
  async addNote(text: string): Promise<void> {
    await ipc.addActivity({ kind: 'note', subject: text, notes: null, lead_id: this.id!, deal_id: null, owner: null, due_at: null });
    toasts.show('Note added', { ms: 2500 });
    await this.reload();
  }

  /** Plans an activity (due when given), or logs one already done. */
  async addActivity(kind: ActivityKind, subject: string, dueAt: string | null, done: boolean): Promise<void> {
    const a = await ipc.addActivity({ kind, subject, notes: null, lead_id: this.id!, deal_id: null, owner: this.record?.lead.owner ?? null, due_at: dueAt });
    if (done) await ipc.completeActivity(a.id);
    toasts.show(done ? `Logged ${subject}` : `Planned ${subject}`, { ms: 2500 });
    await this.reload();
  }

  async complete(activityId: string): Promise<void> {
    await ipc.completeActivity(activityId);
    await this.reload();
  }

  async addTouchpoint(input: Omit<TouchpointInput, 'lead_id'>): Promise<void> {
    await ipc.addTouchpoint({ ...input, lead_id: this.id! });
    toasts.show('Touchpoint added', { ms: 2500 });
    await this.reload();
  }

  /** Changes the details of the lead's company, for every lead there; their scores follow. */
  async updateCompany(id: string, input: CompanyInput): Promise<void> {
    const saved = await ipc.updateCompany(id, input);
    toasts.show(saved.leads > 1 ? `Saved ${saved.name} for its ${saved.leads} leads` : `Saved ${saved.name}`, { ms: 2500 });
    await this.reload();
  }

  /** The live campaigns a touchpoint may name, by name. */
  campaignChoices(): Promise<Campaign[]> {
    return ipc.listCampaigns({ status: null, channel: null, from: null, to: null, include_archived: false, sort: 'name', descending: false });
  }

  /** Pipelines for the new-deal form, when the board has not loaded them yet. */
  async ensurePipelines(): Promise<void> {
    if (board.pipelines.length === 0) board.pipelines = await ipc.pipelines();
  }

  /** After the lead was edited or given a deal elsewhere on the page. */
  refresh(): Promise<void> {
    return this.reload();
  }
}

export const leadRecord = new LeadRecordStore();
