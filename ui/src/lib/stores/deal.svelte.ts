// One deal in the drawer: the deal, its activities and stage history, and the edits to them.
// Saving refreshes the board behind the drawer, so its cards and totals agree.
import * as ipc from '../ipc';
import type { Activity, ActivityKind, Deal, DealInput, DealTimeline, LeadInput, StatusChange } from '../ipc';
import { board } from './board.svelte';
import { toasts } from './toasts.svelte';

export class DealDetail {
  deal = $state<Deal | null>(null);
  timeline = $state<DealTimeline>({ activities: [], stage_history: [] });
  error = $state<string | null>(null);

  async load(id: string): Promise<void> {
    try {
      const [deal, timeline] = await Promise.all([ipc.getDeal(id), ipc.dealTimeline(id)]);
      this.deal = deal;
      this.timeline = timeline;
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Saves every field; a `CommandError` with a `field` means bad input, shown beside it. */
  async save(input: DealInput): Promise<Deal> {
    const deal = await ipc.updateDeal(this.deal!.id, input);
    toasts.show(`Saved ${deal.title}`, { ms: 3000 });
    await Promise.all([this.load(deal.id), board.reload()]);
    return deal;
  }

  async setStatus(change: StatusChange): Promise<void> {
    const deal = this.deal;
    if (!deal) return;
    const previous: StatusChange =
      deal.status === 'lost' ? { status: 'lost', reason: deal.lost_reason ?? '' } : { status: deal.status } as StatusChange;
    if (await board.setStatus(deal, change, previous)) await this.load(deal.id);
  }

  async addActivity(kind: ActivityKind, subject: string, dueAt: string | null, notes: string | null): Promise<Activity> {
    const deal = this.deal!;
    const activity = await ipc.addActivity({ kind, subject, notes, lead_id: deal.lead_id, deal_id: deal.id, owner: deal.owner, due_at: dueAt });
    await Promise.all([this.load(deal.id), board.reload()]);
    return activity;
  }

  async complete(activity: Activity): Promise<void> {
    try {
      await ipc.completeActivity(activity.id);
      toasts.show(`Done: ${activity.subject}`, { ms: 3000 });
    } catch (e) {
      toasts.show(`Could not complete “${activity.subject}”: ${(e as Error).message}`, { kind: 'error' });
    }
    await Promise.all([this.load(this.deal!.id), board.reload()]);
  }

  /** `dueAt`: an RFC 3339 instant. Throws a `CommandError` on a bad date. */
  async reschedule(activity: Activity, dueAt: string): Promise<void> {
    await ipc.rescheduleActivity(activity.id, dueAt);
    await Promise.all([this.load(this.deal!.id), board.reload()]);
  }

  close() {
    this.deal = null;
    this.timeline = { activities: [], stage_history: [] };
    this.error = null;
  }
}

/** Creating a deal from the board or a lead; a new lead is saved with it, both or neither. */
export async function createDeal(input: DealInput, newLead: LeadInput | null): Promise<Deal> {
  const deal = newLead ? await ipc.createDealWithLead(newLead, input) : await ipc.createDeal(input);
  toasts.show(`Created ${deal.title}`, { ms: 3000 });
  await Promise.all([board.reload(), board.refreshFacets()]);
  return deal;
}

export const dealDetail = new DealDetail();
