// This person's preferences on this machine: the time zone times are shown in.
import * as ipc from '../ipc';
import type { Preferences } from '../ipc';
import { setViewZone, systemZone } from '../zone';
import { toasts } from './toasts.svelte';

class PreferencesStore {
  /** The zone chosen in Settings; `null`: the system's. */
  chosenZone = $state<string | null>(null);
  /** The zones Settings offers (loaded when first needed). */
  zones = $state<string[]>([]);

  /** The zone times are shown in. */
  get zone(): string {
    return this.chosenZone ?? systemZone;
  }

  /** Read once at start; without them, the defaults hold. */
  async load(): Promise<void> {
    try {
      this.apply(await ipc.preferences());
    } catch {
      this.apply({ time_zone: null });
    }
  }

  async loadZones(): Promise<void> {
    if (this.zones.length === 0) this.zones = await ipc.timeZones();
  }

  /** Saves the zone (`null`: follow the system); a `CommandError` names a zone Rust refuses. */
  async setZone(zone: string | null): Promise<void> {
    this.apply(await ipc.setTimeZone(zone));
    toasts.show(`Times now show in ${this.zone}${this.chosenZone ? '' : ' (the system’s zone)'}`, { ms: 4000 });
  }

  private apply(p: Preferences) {
    this.chosenZone = p.time_zone;
    setViewZone(this.zone);
  }
}

export const preferences = new PreferencesStore();
