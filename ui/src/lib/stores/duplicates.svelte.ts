// Likely duplicate leads, and merging a pair (undoable from its notice and by Ctrl/Cmd+Z).
import * as ipc from '../ipc';
import type { DuplicatePair, Lead, LeadInput } from '../ipc';
import { leads } from './leads.svelte';
import { UndoSlot } from './undo.svelte';

class DuplicatesStore {
  pairs = $state<DuplicatePair[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  private undoSlot = new UndoSlot(() => Promise.all([this.load(), leads.reload()]));

  async load(): Promise<void> {
    try {
      this.pairs = await ipc.duplicates();
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.loaded = true;
    }
  }

  /** Both leads whole, for choosing each field. */
  both(pair: DuplicatePair): Promise<[Lead, Lead]> {
    return Promise.all([ipc.getLead(pair.a.id), ipc.getLead(pair.b.id)]);
  }

  /** Folds `merged` into `kept` with `fields`; a `CommandError` names a field Rust refuses. */
  async merge(kept: Lead, merged: Lead, fields: LeadInput): Promise<void> {
    const done = await ipc.mergeLeads(kept.id, merged.id, fields);
    const moved = [
      done.touchpoints && `${done.touchpoints} touchpoint${done.touchpoints === 1 ? '' : 's'}`,
      done.deals && `${done.deals} deal${done.deals === 1 ? '' : 's'}`,
      done.activities && `${done.activities} activit${done.activities === 1 ? 'y' : 'ies'}`,
    ].filter(Boolean);
    this.undoSlot.offer(`Merged ${done.merged_name} into ${done.lead.name}${moved.length ? ` (moved ${moved.join(', ')})` : ''}`, () => ipc.undoMerge(done.id));
    void leads.reload();
    await this.load();
  }

  undoLast(): Promise<boolean> {
    return this.undoSlot.undoLast();
  }
}

export const duplicates = new DuplicatesStore();
