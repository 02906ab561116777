// Wall-clock time in a chosen IANA zone. The page's `Date` only knows the system's zone, so a
// time shown in another zone travels as a "wall-clock Date": one whose local fields (getHours…)
// read as the clock in that zone does. The calendar widget and date inputs take those.

let system: string | null = null;

/** The system's zone, the default of the viewer's zone (asked once, when first needed). */
export function systemZone(): string {
  system ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return system;
}

let viewer: string | null = null;

/** The zone times are shown in (the preference, or the system's). */
export function viewZone(): string {
  return viewer ?? systemZone();
}

export function setViewZone(zone: string) {
  viewer = zone;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** Whether the page's Intl knows `zone`. */
export function knownZone(zone: string): boolean {
  try {
    partsFormat(zone);
    return true;
  } catch {
    return false;
  }
}

function partsFormat(zone: string): Intl.DateTimeFormat {
  let f = partFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormats.set(zone, f);
  }
  return f;
}

/** The clock in `zone` at instant `ms`, read as if it were UTC (milliseconds). */
function wallMs(ms: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of partsFormat(zone).formatToParts(new Date(ms))) p[type] = Number(value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) + (ms % 1000 + 1000) % 1000;
}

/** The wall-clock Date of `instant` in `zone`. */
export function wallClock(instant: string | Date, zone = viewZone()): Date {
  const w = new Date(wallMs(new Date(instant).getTime(), zone));
  return new Date(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds(), w.getUTCMilliseconds());
}

/**
 * The instant whose clock in `zone` reads as `wall`'s local fields. A time skipped by a
 * daylight-saving change comes out an hour later, as clocks that jump forward show it.
 */
export function fromWallClock(wall: Date, zone = viewZone()): Date {
  return new Date(fromFields(Date.UTC(wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getHours(), wall.getMinutes(), wall.getSeconds(), wall.getMilliseconds()), zone));
}

/** `naive`: the clock's fields as if UTC. Corrected by the zone's offset, then by the offset
 * at the corrected instant, which differs only next to a daylight-saving change. */
function fromFields(naive: number, zone: string): number {
  const first = naive - (wallMs(naive, zone) - naive);
  return naive - (wallMs(first, zone) - first);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a wall-clock Date, as date inputs and calendar ranges take it. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `YYYY-MM-DDTHH:MM` of a wall-clock Date, for `<input type="datetime-local">`. */
export function wallInput(d: Date): string {
  return `${localDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `YYYY-MM-DDTHH:MM` of `instant` in `zone`. */
export function localInput(instant: string, zone = viewZone()): string {
  return wallInput(wallClock(instant, zone));
}

/**
 * An RFC 3339 instant from a `datetime-local` value read in `zone`; anything that cannot be
 * read (a bad value, a zone the page does not know) is passed on for Rust to explain.
 */
export function instantOf(local: string, zone = viewZone()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m || !knownZone(zone)) return local;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return new Date(fromFields(Date.UTC(y, mo - 1, d, h, mi, s || 0), zone)).toISOString();
}
