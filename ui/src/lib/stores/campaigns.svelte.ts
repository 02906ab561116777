// The campaigns list: its filters and order, and a campaign's edits (archive and delete undoable).
import * as ipc from '../ipc';
import type { AttributionModel, Campaign, CampaignCredit, CampaignInput, CampaignNumbers, CampaignPage, CampaignQuery, CampaignSort } from '../ipc';
import { board, noFilter } from './board.svelte';
import { nav } from './nav.svelte';
import { toasts } from './toasts.svelte';
import { UndoSlot } from './undo.svelte';

const noQuery = (): CampaignQuery => ({
  status: null,
  channel: null,
  from: null,
  to: null,
  include_archived: false,
  sort: 'start',
  descending: false,
});

class CampaignsStore {
  query = $state<CampaignQuery>(noQuery());
  list = $state<Campaign[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Why a filter cannot apply (a date that is not one), shown beside it. */
  hint = $state<{ field: string; message: string } | null>(null);
  /** Every channel in use, for the filter menu (kept from the unfiltered list). */
  channels = $state<string[]>([]);

  private generation = 0;
  private undoSlot = new UndoSlot(() => this.reload());

  get filtered(): boolean {
    const q = this.query;
    return q.status !== null || q.channel !== null || q.from !== null || q.to !== null || q.include_archived;
  }

  async reload(): Promise<void> {
    const generation = ++this.generation;
    try {
      const list = await ipc.listCampaigns(this.query);
      if (generation !== this.generation) return;
      this.list = list;
      if (!this.filtered) this.channels = channelsOf(list);
      this.error = null;
      this.hint = null;
    } catch (e) {
      if (generation !== this.generation) return;
      if (e instanceof ipc.CommandError && e.field) this.hint = { field: e.field, message: e.message };
      else this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (generation === this.generation) this.loaded = true;
    }
  }

  setFilter<K extends keyof CampaignQuery>(key: K, value: CampaignQuery[K]) {
    this.query[key] = value;
    void this.reload();
  }

  /** Sorts by `sort`; the same column again reverses the order. */
  sortBy(sort: CampaignSort) {
    if (this.query.sort === sort) this.query.descending = !this.query.descending;
    else this.query = { ...this.query, sort, descending: false };
    void this.reload();
  }

  clearFilters() {
    this.query = { ...noQuery(), sort: this.query.sort, descending: this.query.descending };
    void this.reload();
  }

  /** A campaign's page: its numbers, calendar items, leads and their deals. */
  page(id: string): Promise<CampaignPage> {
    return ipc.campaignPage(id);
  }

  /** What a campaign is credited with under an attribution model (as every report counts it). */
  attribution(id: string, model: AttributionModel): Promise<CampaignCredit> {
    return ipc.campaignAttribution(id, model);
  }

  /** What a campaign brought: its leads, their deals, and what each lead cost. */
  numbers(id: string): Promise<CampaignNumbers> {
    return ipc.campaignNumbers(id);
  }

  /** The Pipeline board, filtered on the deals of this campaign's leads. */
  showDeals(campaign: Campaign) {
    board.filter = { ...noFilter(), campaign_id: campaign.id };
    nav.go('pipeline');
  }

  /** Saves a new campaign; a `CommandError` with a `field` means bad input, shown beside it. */
  async create(input: CampaignInput): Promise<Campaign> {
    const campaign = await ipc.createCampaign(input);
    toasts.show(`Saved ${campaign.name}`, { ms: 3000 });
    await this.reload();
    return campaign;
  }

  async update(id: string, input: CampaignInput): Promise<Campaign> {
    const campaign = await ipc.updateCampaign(id, input);
    toasts.show(`Saved ${campaign.name}`, { ms: 3000 });
    await this.reload();
    return campaign;
  }

  /** Archives (or brings back) a campaign, with Undo. */
  /** Archives (or brings back) a campaign, with Undo; whether it went through. */
  archive(campaign: Campaign, archived: boolean): Promise<boolean> {
    return this.undoable(
      () => ipc.archiveCampaign(campaign.id, archived),
      () => ipc.archiveCampaign(campaign.id, !archived),
      `${archived ? 'Archived' : 'Unarchived'} ${campaign.name}`,
      `Could not ${archived ? 'archive' : 'unarchive'} ${campaign.name}`,
    );
  }

  /** Deletes (tombstones) a campaign, with Undo; whether it went through. */
  remove(campaign: Campaign): Promise<boolean> {
    return this.undoable(
      () => ipc.deleteCampaign(campaign.id),
      () => ipc.restoreCampaign(campaign.id),
      `Deleted ${campaign.name}`,
      `Could not delete ${campaign.name}`,
    );
  }

  private async undoable(change: () => Promise<unknown>, back: () => Promise<unknown>, done: string, failed: string) {
    try {
      await change();
    } catch (e) {
      toasts.show(`${failed}: ${(e as Error).message}`, { kind: 'error' });
      return false;
    }
    this.undoSlot.offer(done, back);
    await this.reload();
    return true;
  }

  /** Undoes the last archive or delete, if any (Ctrl/Cmd+Z). */
  undoLast(): Promise<boolean> {
    return this.undoSlot.undoLast();
  }

  reset() {
    this.generation++;
    this.query = noQuery();
    this.list = [];
    this.loaded = false;
    this.error = null;
    this.hint = null;
    this.undoSlot.clear();
  }
}

function channelsOf(list: Campaign[]): string[] {
  const seen = new Map<string, string>();
  for (const c of list) for (const ch of c.channels) if (!seen.has(ch.toLowerCase())) seen.set(ch.toLowerCase(), ch);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

export const campaigns = new CampaignsStore();
