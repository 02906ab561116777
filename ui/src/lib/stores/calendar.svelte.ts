// The marketing calendar: occurrences of the visible range (series expanded in Rust), which
// channels are shown, and an item's edits (moves and deletes undoable).
import * as ipc from '../ipc';
import type { Attendee, CalendarItem, CalendarItemInput, Campaign, IcsScope, ImportPreview, Occurrence, OccurrenceScope, SalesActivity } from '../ipc';
import { preferences } from './preferences.svelte';
import { toasts } from './toasts.svelte';
import { UndoSlot } from './undo.svelte';

class CalendarStore {
  /** Channels switched off in the legend. */
  hidden = $state<string[]>([]);
  /** The filter bar: what an occurrence must match to show (empty: anything). */
  filter = $state({ text: '', campaign: '', status: '', type: '', owner: '' });
  /** Owners seen so far, for the filter menu. */
  owners = $state<string[]>([]);
  /** Every channel seen so far, for the legend. */
  channels = $state<string[]>([]);
  campaigns = $state<Campaign[]>([]);
  error = $state<string | null>(null);
  /** Whether the sales follow-ups of the pipeline show too. */
  salesLayer = $state(false);
  /** Whether campaigns show as bars across the days they run (the quarter view always shows
   * them; in a month they would push the items under "+N more", so they wait to be asked for). */
  campaignBars = $state(false);
  /** Bumped when the calendar should fetch its range again. */
  version = $state(0);
  /** The days on screen (`from` up to `to`), for "export this view". */
  shown: { from: string; to: string } | null = null;
  /** A picked .ics file's preview, waiting for the user to import it. */
  importing = $state<ImportPreview | null>(null);

  private undoSlot = new UndoSlot(() => this.version++);

  /** Occurrences of the days `from` up to `to` (YYYY-MM-DD) in the viewer's zone. */
  async range(from: string, to: string): Promise<Occurrence[]> {
    this.shown = { from, to };
    try {
      const list = await ipc.calendarRange({ from, to, time_zone: preferences.zone });
      const seen = new Set(this.channels);
      const owners = new Set(this.owners);
      for (const o of list) {
        if (o.channel) seen.add(o.channel);
        if (o.owner) owners.add(o.owner);
      }
      if (seen.size !== this.channels.length) this.channels = [...seen].sort((a, b) => a.localeCompare(b));
      if (owners.size !== this.owners.length) this.owners = [...owners].sort((a, b) => a.localeCompare(b));
      this.error = null;
      return list;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return [];
    }
  }

  /** The sales layer's follow-ups due on the days `from` up to `to`; none while it is off. */
  async sales(from: string, to: string): Promise<SalesActivity[]> {
    if (!this.salesLayer) return [];
    try {
      return await ipc.salesActivities({ from, to, time_zone: preferences.zone });
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return [];
    }
  }

  toggleCampaigns() {
    this.campaignBars = !this.campaignBars;
    this.version++;
  }

  toggleSales() {
    this.salesLayer = !this.salesLayer;
    this.version++;
  }

  async loadCampaigns() {
    this.campaigns = await ipc.listCampaigns({
      status: null, channel: null, from: null, to: null, include_archived: false, sort: 'name', descending: false,
    });
  }

  /** Whether an occurrence passes the legend and the filter bar. */
  shows(o: Pick<Occurrence, 'channel' | 'title' | 'campaign_id' | 'status' | 'item_type' | 'owner'>): boolean {
    const f = this.filter;
    const text = f.text.trim().toLowerCase();
    return (
      !this.hidden.includes(o.channel ?? '') &&
      (text === '' || o.title.toLowerCase().includes(text)) &&
      (f.campaign === '' || o.campaign_id === f.campaign) &&
      (f.status === '' || o.status === f.status) &&
      (f.type === '' || o.item_type === f.type) &&
      (f.owner === '' || o.owner === f.owner)
    );
  }

  get filtered(): boolean {
    const f = this.filter;
    return f.text.trim() !== '' || f.campaign !== '' || f.status !== '' || f.type !== '' || f.owner !== '';
  }

  clearFilter() {
    this.filter = { text: '', campaign: '', status: '', type: '', owner: '' };
  }

  /** What "export this view" covers: the days on screen, as filtered. */
  viewScope(): IcsScope {
    const f = this.filter;
    const blank = (v: string) => (v.trim() === '' ? null : v.trim());
    return {
      from: this.shown?.from ?? null,
      to: this.shown?.to ?? null,
      time_zone: preferences.zone,
      campaign_id: blank(f.campaign),
      text: blank(f.text),
      status: blank(f.status),
      item_type: blank(f.type),
      owner: blank(f.owner),
      hidden_channels: [...this.hidden],
    };
  }

  /** Writes `scope` to an .ics file the user picks in Rust's save dialog; says where it went. */
  async exportIcs(scope: IcsScope, title: string): Promise<void> {
    try {
      const saved = await ipc.exportCalendar(scope, title);
      if (saved) toasts.show(`Exported ${saved.events} ${saved.events === 1 ? 'item' : 'items'} to ${saved.path}`, { ms: 8000 });
    } catch (e) {
      toasts.show(`Could not export: ${(e as Error).message}`, { kind: 'error', ms: 10_000 });
    }
  }

  /** Asks Rust to pick an .ics file and preview it; a malformed file is explained, never imported. */
  async chooseImport(): Promise<void> {
    try {
      this.importing = await ipc.previewCalendarImport(preferences.zone);
    } catch (e) {
      toasts.show(`Could not import: ${(e as Error).message}`, { kind: 'error', ms: 15_000 });
    }
  }

  /** Imports the previewed file. */
  async confirmImport(): Promise<void> {
    try {
      const done = await ipc.importCalendar();
      toasts.show(`Imported ${done.events} ${done.events === 1 ? 'event' : 'events'}: ${done.new} new, ${done.updated} updated`, { ms: 8000 });
      this.version++;
    } catch (e) {
      toasts.show(`Could not import: ${(e as Error).message}`, { kind: 'error', ms: 10_000 });
    } finally {
      this.importing = null;
    }
  }

  toggle(channel: string) {
    this.hidden = this.hidden.includes(channel) ? this.hidden.filter((c) => c !== channel) : [...this.hidden, channel];
  }

  item(id: string): Promise<CalendarItem> {
    return ipc.getCalendarItem(id);
  }

  attendees(id: string): Promise<Attendee[]> {
    return ipc.calendarItemAttendees(id);
  }

  /** Saves a new item; a `CommandError` with a `field` means bad input, shown beside it. */
  async create(input: CalendarItemInput): Promise<CalendarItem> {
    const item = await ipc.createCalendarItem(input);
    toasts.show(`Saved ${item.title}`, { ms: 3000 });
    this.version++;
    return item;
  }

  async update(id: string, input: CalendarItemInput): Promise<CalendarItem> {
    const item = await ipc.updateCalendarItem(id, input);
    toasts.show(`Saved ${item.title}`, { ms: 3000 });
    this.version++;
    return item;
  }

  /** Moves (or resizes) an item to new times, with Undo; put back if Rust refuses. */
  async reschedule(before: CalendarItem, after: CalendarItemInput): Promise<boolean> {
    try {
      await ipc.updateCalendarItem(before.id, after);
    } catch (e) {
      toasts.show(`Could not move ${before.title}: ${(e as Error).message}`, { kind: 'error' });
      this.version++;
      return false;
    }
    this.undoSlot.offer(`Moved ${before.title}`, () => ipc.updateCalendarItem(before.id, inputOf(before)));
    this.version++;
    return true;
  }

  /**
   * Saves `input` for one occurrence of `series`, the following ones, or all. Moving one
   * occurrence (`this`) can be undone; splitting a series cannot (yet) be put back in one step.
   */
  async editOccurrence(series: CalendarItem, key: string, scope: OccurrenceScope, input: CalendarItemInput): Promise<boolean> {
    try {
      const held = await ipc.editOccurrence(series.id, key, scope, input);
      if (scope === 'this') {
        this.undoSlot.offer(`Moved one ${series.title}`, () => ipc.deleteCalendarItem(held.id));
      } else if (scope === 'all') {
        this.undoSlot.offer(`Changed every ${series.title}`, () => ipc.updateCalendarItem(series.id, inputOf(series)));
      } else {
        toasts.show(`${series.title} changed from this one on`, { ms: 4000 });
      }
      this.version++;
      return true;
    } catch (e) {
      toasts.show(`Could not change ${series.title}: ${(e as Error).message}`, { kind: 'error' });
      this.version++;
      return false;
    }
  }

  /** Removes one occurrence (undoable), the following ones, or the series (undoable). */
  async removeOccurrence(series: CalendarItem, key: string, scope: OccurrenceScope) {
    try {
      await ipc.deleteOccurrence(series.id, key, scope);
    } catch (e) {
      toasts.show(`Could not delete ${series.title}: ${(e as Error).message}`, { kind: 'error' });
      return;
    }
    if (scope === 'this') this.undoSlot.offer(`Deleted one ${series.title}`, () => ipc.restoreOccurrence(series.id, key));
    else if (scope === 'all') this.undoSlot.offer(`Deleted ${series.title}`, () => ipc.restoreCalendarItem(series.id));
    else toasts.show(`Deleted ${series.title} from this one on`, { ms: 4000 });
    this.version++;
  }

  async remove(item: CalendarItem) {
    try {
      await ipc.deleteCalendarItem(item.id);
    } catch (e) {
      toasts.show(`Could not delete ${item.title}: ${(e as Error).message}`, { kind: 'error' });
      return;
    }
    this.undoSlot.offer(`Deleted ${item.title}`, () => ipc.restoreCalendarItem(item.id));
    this.version++;
  }

  /** Undoes the last move or delete (Ctrl/Cmd+Z). */
  undoLast(): Promise<boolean> {
    return this.undoSlot.undoLast();
  }
}

/** An item's own fields as the form and `update_calendar_item` take them. */
export function inputOf(item: CalendarItem): CalendarItemInput {
  const timed = item.when.kind === 'timed' ? item.when : null;
  const allDay = item.when.kind === 'all_day' ? item.when : null;
  return {
    title: item.title,
    item_type: item.item_type,
    channel: item.channel,
    campaign_id: item.campaign_id,
    all_day: allDay !== null,
    starts_at: timed?.starts_at ?? null,
    ends_at: timed?.ends_at ?? null,
    start_date: allDay?.start_date ?? null,
    end_date: allDay?.end_date ?? null,
    time_zone: item.time_zone,
    status: item.status,
    owner: item.owner,
    notes: item.notes,
    rrule: item.rrule,
  };
}

export const calendar = new CalendarStore();

/**
 * `input` moved by the distance between two starts: how "all occurrences" takes a change made on
 * one of them, so the series keeps its first date and moves by the same amount.
 */
export function shiftedBy(input: CalendarItemInput, from: Date, to: Date): CalendarItemInput {
  const ms = to.getTime() - from.getTime();
  const day = (d: string | null) => {
    if (!d) return d;
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + Math.round(ms / 86_400_000));
    return t.toISOString().slice(0, 10);
  };
  const instant = (i: string | null) => (i ? new Date(new Date(i).getTime() + ms).toISOString() : i);
  return input.all_day
    ? { ...input, start_date: day(input.start_date), end_date: day(input.end_date) }
    : { ...input, starts_at: instant(input.starts_at), ends_at: instant(input.ends_at) };
}
