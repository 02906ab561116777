// This person's preferences on this machine: the time zone times are shown in, the leads list's columns.
import * as ipc from '../ipc';
import type { LeadColumn, Preferences } from '../ipc';
import { inOrder } from '../inOrder';
import { setViewZone, systemZone } from '../zone';
import { toasts } from './toasts.svelte';

/** What the leads list shows until someone chooses (as `LeadColumn::DEFAULT` in Rust). */
export const defaultColumns: LeadColumn[] = ['email', 'company', 'stage', 'score', 'owner', 'tags', 'created'];

class PreferencesStore {
  /** The zone chosen in Settings; `null`: the system's. */
  chosenZone = $state<string | null>(null);
  /** The zones Settings offers (loaded when first needed). */
  zones = $state<string[]>([]);
  /** The leads list's columns beside the name. */
  leadColumns = $state<LeadColumn[]>(defaultColumns);

  /** The zone times are shown in. */
  get zone(): string {
    return this.chosenZone ?? systemZone();
  }

  async loadZones(): Promise<void> {
    if (this.zones.length === 0) this.zones = await ipc.timeZones();
  }

  /** Saves the zone (`null`: follow the system); a `CommandError` names a zone Rust refuses. */
  async setZone(zone: string | null): Promise<void> {
    this.apply(await ipc.setTimeZone(zone));
    toasts.show(`Times now show in ${this.zone}${this.chosenZone ? '' : ' (the system’s zone)'}`, { ms: 4000 });
  }

  private columnSaves = inOrder();
  private columnsAsked = 0;

  /** Shows these columns, in the list's order; kept for next time (a failure to save only says so). */
  async setLeadColumns(columns: LeadColumn[]): Promise<void> {
    this.leadColumns = columns;
    const asked = ++this.columnsAsked;
    try {
      const saved = await this.columnSaves(() => ipc.setLeadColumns(columns));
      // A choice made since stays on screen; it is saved next.
      if (asked === this.columnsAsked) this.apply(saved);
    } catch (e) {
      toasts.show(`Could not keep the columns for next time: ${(e as Error).message}`, { kind: 'error' });
    }
  }

  /** Takes the saved preferences (read at start with the workspace, or as a change saved them). */
  apply(p: Preferences) {
    this.chosenZone = p.time_zone;
    this.leadColumns = p.lead_columns ?? defaultColumns;
    setViewZone(this.zone);
  }
}

export const preferences = new PreferencesStore();
