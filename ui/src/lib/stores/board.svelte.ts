// The pipeline board: which pipeline and filters, each column's totals and a sparse cache of its
// cards (loaded a page at a time as the column scrolls), moves, status changes and their undo.
// A move shows at once; the column totals follow from Rust once it has saved the move.
import * as ipc from '../ipc';
import type { BoardFacets, BoardFilter, Deal, DealCard, DealMove, Pipeline, Stage, StatusChange, Totals } from '../ipc';
import { toasts } from './toasts.svelte';

export const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 150;

export const noFilter = (): BoardFilter => ({
  search: null,
  owner: null,
  campaign_id: null,
  min_value_minor: null,
  max_value_minor: null,
  close_from: null,
  close_to: null,
  rotting_only: false,
});

/** One stage's column: its totals under the filter and the cards loaded so far, by index. */
export class Column {
  readonly stage: Stage;
  totals = $state<Totals>({ count: 0, value: [], weighted: [] });
  /** Cards in the column under the filter; changes at once when a card moves. */
  count = $state(0);
  /** Bumped whenever cached cards change; readers of `card()` depend on it. */
  version = $state(0);
  cards = new Map<number, DealCard>();
  pages = new Set<number>();
  /** Bumped when cards shift (a move); a page read before that lands at the wrong indexes. */
  shifts = 0;

  constructor(stage: Stage, totals: Totals, first: DealCard[]) {
    this.stage = stage;
    this.totals = totals;
    this.count = totals.count;
    first.forEach((c, i) => this.cards.set(i, c));
    this.pages.add(0);
  }

  card(index: number): DealCard | undefined {
    void this.version;
    return this.cards.get(index);
  }

  indexOf(id: string): number {
    for (const [i, c] of this.cards) if (c.id === id) return i;
    return -1;
  }

  /** Shifts the cached cards after `index` up by one. */
  removeAt(index: number): DealCard | undefined {
    const card = this.cards.get(index);
    const next = new Map<number, DealCard>();
    for (const [i, c] of this.cards) if (i !== index) next.set(i > index ? i - 1 : i, c);
    this.cards = next;
    this.count--;
    this.shifts++;
    this.version++;
    return card;
  }

  insertAt(index: number, card: DealCard) {
    const next = new Map<number, DealCard>();
    for (const [i, c] of this.cards) next.set(i >= index ? i + 1 : i, c);
    next.set(index, card);
    this.cards = next;
    this.count++;
    this.shifts++;
    this.version++;
  }
}

/** What Ctrl/Cmd+Z puts back. */
type Undo =
  | { kind: 'move'; deal: DealRef; stageId: string; after: string | null }
  | { kind: 'status'; deal: DealRef; back: StatusChange; toast?: number };

/** Enough of a deal to name it in a notice and act on it. */
export type DealRef = { id: string; title: string };

export type Place = { column: number; index: number };

export class BoardStore {
  pipelines = $state<Pipeline[]>([]);
  pipelineId = $state<string | null>(null);
  filter = $state<BoardFilter>(noFilter());
  columns = $state.raw<Column[]>([]);
  totals = $state<Totals>({ count: 0, value: [], weighted: [] });
  facets = $state<BoardFacets>({ owners: [], campaigns: [] });
  lostReasons = $state<string[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Why the filter cannot apply (for example: a search too short), shown beside it. */
  filterHint = $state<{ field: string; message: string } | null>(null);
  /** When the last board data arrived (`performance.now()`), for the paint measurement. */
  dataAt = 0;

  private generation = 0;
  private undoStack: Undo[] = [];
  private writes: Promise<unknown> = Promise.resolve();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  get pipeline(): Pipeline | undefined {
    return this.pipelines.find((p) => p.id === this.pipelineId);
  }

  get filtered(): boolean {
    const f = this.filter;
    return (
      (f.search ?? '') !== '' || f.owner !== null || f.campaign_id !== null || f.min_value_minor !== null ||
      f.max_value_minor !== null || f.close_from !== null || f.close_to !== null || f.rotting_only
    );
  }

  /** Loads pipelines, filter menus and the board of the chosen pipeline (the first by default). */
  async open(): Promise<void> {
    // The menus are not needed for the first paint: they fill in when they arrive.
    ipc.boardFacets().then((f) => (this.facets = f), (e) => (this.error = message(e)));
    ipc.lostReasons().then((r) => (this.lostReasons = r), (e) => (this.error = message(e)));
    try {
      const pipelines = await ipc.pipelines();
      this.pipelines = pipelines;
      if (!pipelines.some((p) => p.id === this.pipelineId)) this.pipelineId = pipelines[0]?.id ?? null;
    } catch (e) {
      this.error = message(e);
      this.loaded = true;
      return;
    }
    await this.reload();
  }

  /** The pipeline's won or lost deals, most recently closed first (the most a person scans). */
  async closedDeals(status: 'won' | 'lost'): Promise<Deal[]> {
    return ipc.listDeals({ pipeline: this.pipelineId, stage: null, status, limit: 200, offset: 0 });
  }

  /** The filter menus again (a new owner or campaign may have appeared). */
  async refreshFacets(): Promise<void> {
    this.facets = await ipc.boardFacets();
  }

  /** Reads the whole board again: totals and each column's first page. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    try {
      const board = await ipc.board(this.pipelineId, this.filter, PAGE_SIZE);
      if (generation !== this.generation) return;
      this.dataAt = performance.now();
      this.pipelineId = board.pipeline_id;
      this.columns = board.columns.map((c) => new Column(c.stage, c.totals, c.deals));
      this.totals = board.totals;
      this.error = null;
      this.filterHint = null;
    } catch (e) {
      if (generation !== this.generation) return;
      if (e instanceof ipc.CommandError && e.code === 'invalid' && e.field && e.field !== 'pipeline_id') {
        this.filterHint = { field: e.field, message: e.message };
        return;
      }
      this.error = message(e);
    } finally {
      if (generation === this.generation) this.loaded = true;
    }
  }

  /** Totals only (after a move): the cards on screen stay as they are. */
  private async refreshTotals(): Promise<void> {
    const generation = this.generation;
    const board = await ipc.board(this.pipelineId, this.filter, 0);
    if (generation !== this.generation) return;
    this.totals = board.totals;
    board.columns.forEach((c, i) => {
      const column = this.columns[i];
      if (column?.stage.id !== c.stage.id) return;
      column.totals = c.totals;
      column.count = c.totals.count;
    });
  }

  /** Makes sure cards `start..=end` of a column are loaded or on their way. */
  ensure(columnIndex: number, start: number, end: number) {
    const column = this.columns[columnIndex];
    if (!column || !this.pipelineId) return;
    for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) {
      if (column.pages.has(page) || page * PAGE_SIZE >= column.count) continue;
      column.pages.add(page);
      void this.loadPage(column, page);
    }
  }

  private async loadPage(column: Column, page: number) {
    const generation = this.generation;
    const shifts = column.shifts;
    try {
      const cards = await ipc.boardColumn(this.pipelineId!, column.stage.id, this.filter, page * PAGE_SIZE, PAGE_SIZE);
      if (generation !== this.generation) return;
      if (shifts !== column.shifts) {
        // A card moved in or out meanwhile: ask again for what this page now holds.
        column.pages.delete(page);
        column.version++;
        return;
      }
      cards.forEach((c, i) => column.cards.set(page * PAGE_SIZE + i, c));
      column.version++;
    } catch (e) {
      column.pages.delete(page);
      this.error = message(e);
    }
  }

  choosePipeline(id: string) {
    this.pipelineId = id;
    this.undoStack = [];
    void this.reload();
  }

  setFilter<K extends keyof BoardFilter>(key: K, value: BoardFilter[K]) {
    this.filter[key] = value;
    void this.reload();
  }

  /** Search as the user types, once they pause. */
  setSearch(text: string) {
    this.filter.search = text.trim() === '' ? null : text;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.reload(), SEARCH_DEBOUNCE_MS);
  }

  clearFilter() {
    this.filter = noFilter();
    void this.reload();
  }

  /**
   * Moves the card at `from` so that it ends at `to` (its index once moved). Shown at once; put
   * back, with the reason, if Rust refuses. Returns whether the move was saved.
   */
  async move(from: Place, to: Place): Promise<boolean> {
    const source = this.columns[from.column];
    const target = this.columns[to.column];
    const card = source?.card(from.index);
    if (!source || !target || !card) return false;
    if (from.column === to.column && from.index === to.index) return true;
    const before = from.index > 0 ? source.card(from.index - 1) : null;
    if (before === undefined) return false;
    source.removeAt(from.index);
    const index = Math.max(0, Math.min(to.index, target.count));
    const after = index > 0 ? target.card(index - 1) : null;
    if (after === undefined) {
      // The neighbour is not loaded (the column scrolled meanwhile): nothing to place it after.
      source.insertAt(from.index, card);
      return false;
    }
    // Shown in its new stage at once, so a key pressed before the save returns finds it there.
    target.insertAt(index, { ...card, stage_id: target.stage.id });
    const place: DealMove = { stage_id: target.stage.id, after: after?.id ?? null };
    // Undoable from the moment it shows; an undo waits for the move to be saved first.
    const entry: Undo = { kind: 'move', deal: card, stageId: source.stage.id, after: before?.id ?? null };
    this.undoStack.push(entry);
    return this.track(async () => {
      try {
        const moved = await ipc.moveDeal(card.id, place);
        const at = target.indexOf(card.id);
        if (at >= 0) {
          target.cards.set(at, moved);
          target.version++;
        }
        void this.refreshTotals().catch((e) => (this.error = message(e)));
        return true;
      } catch (e) {
        this.undoStack = this.undoStack.filter((u) => u !== entry);
        toasts.show(`Could not move “${card.title}”: ${message(e)}`, { kind: 'error' });
        await this.reload();
        return false;
      }
    });
  }

  /** Runs a write after the ones before it, so an undo never overtakes what it undoes. */
  private track<T>(write: () => Promise<T>): Promise<T> {
    const result = this.writes.then(write, write);
    this.writes = result.catch(() => undefined);
    return result;
  }

  /**
   * Won, lost (with a reason) or reopened; a closed deal leaves the board. `previous` is what undo
   * goes back to: an open deal unless the deal was closed.
   */
  setStatus(deal: DealRef, change: StatusChange, previous: StatusChange = { status: 'open' }): Promise<boolean> {
    return this.track(() => this.changeStatus(deal, change, previous));
  }

  private async changeStatus(deal: DealRef, change: StatusChange, previous: StatusChange): Promise<boolean> {
    try {
      await ipc.setDealStatus(deal.id, change);
    } catch (e) {
      toasts.show(`Could not change “${deal.title}”: ${message(e)}`, { kind: 'error' });
      return false;
    }
    const entry: Undo = { kind: 'status', deal, back: previous };
    this.undoStack.push(entry);
    const label = change.status === 'won' ? 'won' : change.status === 'lost' ? `lost (${change.reason})` : 'open again';
    // The notice's Undo undoes this change only, and only while nothing newer came after it.
    const run = () => void (this.undoStack.at(-1) === entry && this.undo());
    entry.toast = toasts.show(`“${deal.title}” marked ${label}`, { ms: 5000, action: { label: 'Undo', run } });
    await this.reload();
    return true;
  }

  /** Puts back the last move or status change (Ctrl/Cmd+Z). */
  undo(): Promise<boolean> {
    return this.track(() => this.undoLast());
  }

  private async undoLast(): Promise<boolean> {
    const last = this.undoStack.pop();
    if (!last) return false;
    try {
      if (last.kind === 'move') {
        await ipc.moveDeal(last.deal.id, { stage_id: last.stageId, after: last.after });
        toasts.show(`Moved “${last.deal.title}” back`, { ms: 3000 });
      } else {
        if (last.toast) toasts.dismiss(last.toast);
        await ipc.setDealStatus(last.deal.id, last.back);
        toasts.show(`“${last.deal.title}” is ${last.back.status} again`, { ms: 3000 });
      }
    } catch (e) {
      toasts.show(`Could not undo: ${message(e)}`, { kind: 'error' });
    }
    await this.reload();
    return true;
  }

  /** Forgets everything (a workspace switch; isolation between component tests). */
  reset() {
    this.generation++;
    this.pipelines = [];
    this.pipelineId = null;
    this.filter = noFilter();
    this.columns = [];
    this.loaded = false;
    this.error = null;
    this.filterHint = null;
    this.undoStack = [];
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export const board = new BoardStore();
