// The leads list: filters, a sparse cache of loaded rows for the virtual table, and the edits.
// Rows load a page at a time as the table scrolls; a change of filters starts a new generation
// so answers to an older query are dropped.
import * as ipc from '../ipc';
import { CommandError } from '../ipc';
import { SvelteSet } from 'svelte/reactivity';
import type { BulkAction, DeletedLead, DuplicateMatch, FirstRows, Lead, LeadColumn, LeadFacets, LeadInput, LeadQuery, LeadSort, LeadView, LifecycleStage } from '../ipc';
import { preferences } from './preferences.svelte';
import { toasts } from './toasts.svelte';

/** Rows a page; Rust reads the first page this size early at start (`startup::first_query`). */
export const PAGE_SIZE = 100;
const SEARCH_DEBOUNCE_MS = 150;

export type Filters = {
  search: string;
  stage: LifecycleStage | null;
  owner: string | null;
  tag: string | null;
  sort: LeadSort;
  descending: boolean;
};

const noFilters = (): Filters => ({ search: '', stage: null, owner: null, tag: null, sort: 'name', descending: false });

export class LeadsStore {
  filters = $state<Filters>(noFilters());
  /** Leads matching the filters, in all. */
  total = $state(0);
  /** Bumped whenever cached rows change; readers of `row()` depend on it. */
  version = $state(0);
  facets = $state<LeadFacets>({ owners: [], tags: [], total: 0 });
  loaded = $state(false);
  /** Why the current search cannot run (for example: too short), shown under the search box. */
  searchHint = $state<string | null>(null);
  listError = $state<string | null>(null);
  /** A large import's new leads are being indexed for search; a search meanwhile waits for it. */
  indexing = $state(false);
  /** Speed to lead: hours waited by the MQLs on the loaded pages that nobody has acted on. */
  waiting = $state<Record<string, number>>({});

  /** Ids of the leads chosen for a bulk change; may reach beyond the loaded rows ("all matching"). */
  selected = new SvelteSet<string>();
  /** The saved views, by name, and the one last applied (until the filters change). */
  views = $state<LeadView[]>([]);
  activeView = $state<string | null>(null);
  /**
   * Bumped when the filters change other than through their own controls (a view applied, filters
   * cleared). WebKit fires no change event for a pick equal to the control's last user-picked
   * value, even when the value was since set by script, so the view re-creates its controls.
   */
  setFromCode = $state(0);

  private rows = new Map<number, Lead>();
  private requested = new Set<number>();
  private generation = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private undo: (() => Promise<void>) | null = null;
  private startLoad: Promise<void> | null = null;

  get filtered() {
    const f = this.filters;
    return (f.search.trim() !== '' && this.searchHint === null) || f.stage !== null || f.owner !== null || f.tag !== null;
  }

  row(index: number): Lead | undefined {
    void this.version;
    return this.rows.get(index);
  }

  private query(offset: number, limit: number): LeadQuery {
    const f = this.filters;
    const search = f.search.trim();
    return {
      search: search === '' || this.searchHint !== null ? null : search,
      stage: f.stage,
      owner: f.owner,
      tag: f.tag,
      sort: f.sort,
      descending: f.descending,
      offset,
      limit,
    };
  }

  /** Reloads from the first page (after a filter change or an edit). */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.requested.clear();
    try {
      const [page, facets] = await Promise.all([ipc.listLeads(this.firstQuery()), ipc.leadFacets()]);
      if (generation !== this.generation) return;
      this.show({ page, facets }, generation);
    } catch (e) {
      if (generation !== this.generation) return;
      if (e instanceof CommandError && e.field === 'search') {
        this.searchHint = e.message;
        return this.reload();
      }
      this.listError = e instanceof Error ? e.message : String(e);
    } finally {
      if (generation === this.generation) {
        this.loaded = true;
        this.version++;
      }
    }
  }

  /** The first page of the current query; at start, Rust reads it early (`startup::first_query`). */
  firstQuery(): LeadQuery {
    return this.query(0, PAGE_SIZE);
  }

  private show({ page, facets }: FirstRows, generation: number) {
    this.rows = new Map(page.leads.map((l, i) => [i, l]));
    this.waiting = {};
    void this.checkWaiting(page.leads, generation);
    this.requested = new Set([0]);
    this.total = page.total;
    this.facets = facets;
    this.listError = null;
  }

  /** Indexes a large import's new leads for search (`search_pending`), saying so meanwhile. */
  async settleSearch(): Promise<void> {
    this.indexing = true;
    try {
      await ipc.settleSearch();
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      toasts.show(`The imported leads could not be indexed for search yet: ${why}`, { kind: 'error' });
    } finally {
      this.indexing = false;
    }
  }

  /**
   * Shows the first rows read at start with the workspace (`null`: they could not be, so they
   * load now and any error shows), so the list is first painted with its rows.
   */
  preload(first: FirstRows | null) {
    if (first === null) {
      this.startLoad = this.reload();
      return;
    }
    const generation = ++this.generation;
    this.show(first, generation);
    this.loaded = true;
    this.version++;
    this.startLoad = Promise.resolve();
  }

  /** The start's load, once: the screen's first mount uses it; later mounts reload. */
  takePreload(): Promise<void> | null {
    const load = this.startLoad;
    this.startLoad = null;
    return load;
  }

  /** Makes sure rows `start..=end` are loaded or on their way. */
  ensure(start: number, end: number) {
    for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) {
      if (this.requested.has(page) || page * PAGE_SIZE >= this.total) continue;
      this.requested.add(page);
      void this.loadPage(page);
    }
  }

  private async loadPage(page: number) {
    const generation = this.generation;
    try {
      const result = await ipc.listLeads(this.query(page * PAGE_SIZE, PAGE_SIZE));
      if (generation !== this.generation) return;
      result.leads.forEach((lead, i) => this.rows.set(result.offset + i, lead));
      void this.checkWaiting(result.leads, generation);
      this.version++;
    } catch (e) {
      this.requested.delete(page);
      this.listError = e instanceof Error ? e.message : String(e);
    }
  }

  /** Asks which of these leads' MQLs wait for a first move; the flag is a hint, so a failure only leaves it off. */
  private async checkWaiting(list: Lead[], generation: number) {
    const ids = list.filter((l) => l.lifecycle_stage === 'mql').map((l) => l.id);
    if (ids.length === 0) return;
    try {
      const found = await ipc.waitingLeads(ids);
      if (generation !== this.generation || found.length === 0) return;
      this.waiting = { ...this.waiting, ...Object.fromEntries(found.map((w) => [w.lead_id, w.hours])) };
    } catch {
      // Shown again with the next page or reload.
    }
  }

  setFilter<K extends keyof Filters>(key: K, value: Filters[K]) {
    this.filters[key] = value;
    this.changedQuery();
    void this.reload();
  }

  /** Search as the user types, once they pause. */
  setSearch(text: string) {
    this.filters.search = text;
    this.searchHint = null;
    this.changedQuery();
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.reload(), SEARCH_DEBOUNCE_MS);
  }

  clearFilters() {
    this.filters = { ...noFilters(), sort: this.filters.sort, descending: this.filters.descending };
    this.searchHint = null;
    this.changedQuery();
    this.setFromCode++;
    void this.reload();
  }

  /** Another set of leads is shown: a choice made in the old one no longer applies. */
  private changedQuery() {
    this.selected.clear();
    this.activeView = null;
  }

  toggle(id: string) {
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
  }

  /** Chooses every lead matching the filters and search, loaded or not. */
  async selectAll(): Promise<void> {
    try {
      const ids = await ipc.leadIds(this.query(0, 1));
      this.selected.clear();
      for (const id of ids) this.selected.add(id);
    } catch (e) {
      toasts.show(`Could not select the leads: ${(e as Error).message}`, { kind: 'error' });
    }
  }

  /** The chosen leads as a vCard file the user picks. */
  async exportVcard(): Promise<void> {
    try {
      const saved = await ipc.exportVcard([...this.selected]);
      if (saved) toasts.show(`Exported ${saved.rows} ${saved.rows === 1 ? 'lead' : 'leads'} to ${saved.path}`);
    } catch (e) {
      toasts.show(`Could not export the leads: ${(e as Error).message}`, { kind: 'error' });
    }
  }

  /**
   * Applies `action` to the chosen leads in one change, offered for undo as a whole (notice or
   * Ctrl+Z). `done` says what happened: "Owner set to Rita".
   */
  async bulk(action: BulkAction, done: string): Promise<void> {
    const ids = [...this.selected];
    const result = await ipc.bulkChangeLeads(ids, action);
    const what = `${done} for ${result.changed} ${result.changed === 1 ? 'lead' : 'leads'}`;
    let notice = 0;
    const undo = async () => {
      this.undo = null;
      toasts.dismiss(notice);
      try {
        const back = await ipc.undoBulkChange(result.batch_id);
        toasts.show(`Undone: ${back} ${back === 1 ? 'lead is' : 'leads are'} as before`, { ms: 3000 });
      } catch (e) {
        toasts.show(`Could not undo: ${(e as Error).message}`, { kind: 'error' });
      }
      await this.reload();
    };
    this.undo = undo;
    this.selected.clear();
    notice = toasts.show(what, { action: { label: 'Undo', run: () => void undo() } });
    await this.reload();
  }

  async loadViews(): Promise<void> {
    try {
      this.views = await ipc.leadViews();
    } catch (e) {
      toasts.show(`Could not read the saved views: ${(e as Error).message}`, { kind: 'error' });
    }
  }

  /** Saves the filters, sort and columns in use under `name` (replacing a view of that name). */
  async saveView(name: string): Promise<void> {
    const f = this.filters;
    const search = f.search.trim();
    this.views = await ipc.saveLeadView({
      name,
      search: search === '' ? null : search,
      stage: f.stage,
      owner: f.owner,
      tag: f.tag,
      sort: f.sort,
      descending: f.descending,
      columns: preferences.leadColumns,
    });
    this.activeView = this.views.find((v) => v.name.toLowerCase() === name.trim().toLowerCase())?.name ?? null;
    toasts.show(`Saved the view “${this.activeView}”`, { ms: 3000 });
  }

  async deleteView(name: string): Promise<void> {
    this.views = await ipc.deleteLeadView(name);
    if (this.activeView === name) this.activeView = null;
    toasts.show(`Deleted the view “${name}”`, { ms: 3000 });
  }

  /** Shows what a saved view holds: its filters, sort and columns. */
  applyView(view: LeadView) {
    this.filters = {
      search: view.search ?? '',
      stage: view.stage,
      owner: view.owner,
      tag: view.tag,
      sort: view.sort,
      descending: view.descending,
    };
    this.searchHint = null;
    this.changedQuery();
    this.setFromCode++;
    this.activeView = view.name;
    void preferences.setLeadColumns(view.columns as LeadColumn[]);
    void this.reload();
  }

  /** Forgets everything (a workspace switch; isolation between component tests). */
  reset() {
    this.generation++;
    this.startLoad = null;
    this.filters = noFilters();
    this.rows = new Map();
    this.requested.clear();
    this.total = 0;
    this.loaded = false;
    this.searchHint = null;
    this.listError = null;
    this.undo = null;
    this.selected.clear();
    this.views = [];
    this.activeView = null;
    this.version++;
  }

  /** Saves a new lead; a `CommandError` with a `field` means bad input, shown beside that field. */
  async create(input: LeadInput): Promise<Lead> {
    const lead = await ipc.createLead(input);
    toasts.show(`Saved ${lead.name}`, { ms: 3000 });
    await this.reload();
    return lead;
  }

  async update(id: string, input: LeadInput): Promise<Lead> {
    const lead = await ipc.updateLead(id, input);
    toasts.show(`Saved ${lead.name}`, { ms: 3000 });
    await this.reload();
    return lead;
  }

  /** Deletes (tombstones) a lead and offers to undo it. */
  async remove(lead: Lead) {
    try {
      await ipc.deleteLead(lead.id);
    } catch (e) {
      toasts.show(`Could not delete ${lead.name}: ${(e as Error).message}`, { kind: 'error' });
      return;
    }
    let notice = 0;
    const undo = async () => {
      this.undo = null;
      toasts.dismiss(notice);
      try {
        await this.restore(lead);
      } catch (e) {
        toasts.show(`Could not restore ${lead.name}: ${(e as Error).message}`, { kind: 'error' });
        await this.reload();
      }
    };
    this.undo = undo;
    notice = toasts.show(`Deleted ${lead.name}`, { action: { label: 'Undo', run: () => void undo() } });
    await this.reload();
  }

  /** The trash: deleted leads, most recently deleted first. */
  trash(): Promise<DeletedLead[]> {
    return ipc.deletedLeads(0);
  }

  /** Brings a deleted lead back with everything attached to it. */
  async restore(lead: Pick<DeletedLead, 'id' | 'name'>): Promise<void> {
    await ipc.restoreLead(lead.id);
    toasts.show(`Restored ${lead.name}`, { ms: 3000 });
    await this.reload();
  }

  /** Undoes the last delete or bulk change, if any (Ctrl/Cmd+Z). */
  async undoLast(): Promise<boolean> {
    if (!this.undo) return false;
    await this.undo();
    return true;
  }
}

export const leads = new LeadsStore();

/** Live leads that look like `input` (`except`: the lead being edited); none if the check fails. */
export async function duplicatesOf(input: LeadInput, except: string | null): Promise<DuplicateMatch[]> {
  try {
    return await ipc.leadDuplicates(input, except);
  } catch {
    return [];
  }
}

/** Up to eight leads matching `text` (two characters at least), best first: for pickers. */
export async function findLeads(text: string): Promise<Lead[]> {
  if (text.trim().length < 2) return [];
  const page = await ipc.listLeads({ search: text.trim(), stage: null, owner: null, tag: null, sort: 'name', descending: false, offset: 0, limit: 8 });
  return page.leads;
}

