// How numbers, money and dates read on screen. Money arrives in minor units with its currency.
import type { Amount } from './ipc';
import { viewZone, wallClock } from './zone';

const moneyFormats = new Map<string, Intl.NumberFormat>();

// The system's locale, unless it is the bare POSIX one, which groups no thousands.
const locale = /^(c|posix)?$/i.test(navigator.language ?? '') ? 'en' : navigator.language;

// Formats are made when first used, not as the module loads: the first use of Intl loads ICU.
let countFormat: Intl.NumberFormat | null = null;

/** A count with its thousands grouped: 10,909. */
export function count(n: number): string {
  countFormat ??= new Intl.NumberFormat(locale);
  return countFormat.format(n);
}

/**
 * Makes the formats the first screen uses. The first use of Intl loads ICU (15–25 ms here), so
 * the start asks Rust for its data first and calls this while the answer is on its way.
 */
export function warmFormats(): void {
  count(0);
  dayYearFormat();
}

function moneyFormat(currency: string, whole: boolean): Intl.NumberFormat {
  const key = `${currency}:${whole}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      useGrouping: true,
      ...(whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/** Digits after the point in `currency` (2 for EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `whole`: rounded to whole units, for cards and totals read at a glance. */
export function money(minor: number, currency: string, opts: { whole?: boolean } = {}): string {
  return moneyFormat(currency, opts.whole ?? false).format(minor / 10 ** minorDigits(currency));
}

/** Several currencies side by side; nothing at all reads as zero. */
export function amounts(list: Amount[], opts: { whole?: boolean; empty?: string } = {}): string {
  if (list.length === 0) return opts.empty ?? '0';
  return list.map((a) => money(a.minor, a.currency, opts)).join(' + ');
}

/** Major units typed by a person ("1 200,50" or "1,200.50") to minor units; `null` if not a number. */
export function toMinor(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s\u00a0']/g, '');
  if (cleaned === '') return null;
  // The last separator followed by one or two digits is the decimal point; others group thousands.
  const match = /^(-?[\d.,]*?)(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  // Thousands come in groups of three ("1,234,567"), or not grouped at all.
  if (!/^-?(\d*|\d{1,3}([.,]\d{3})+)$/.test(match[1]) || (/^-?$/.test(match[1]) && !match[2])) return null;
  const whole = match[1].replace(/[.,]/g, '');
  const digits = minorDigits(currency);
  const fraction = (match[2] ?? '').padEnd(digits, '0').slice(0, digits);
  return Number(`${whole === '' || whole === '-' ? `${whole}0` : whole}${fraction}`);
}

/** Minor units back to what a person would type. */
export function fromMinor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/** A date format that reads instants in the viewer's zone (made once per zone). */
function zoned(name: string, opts: Intl.DateTimeFormatOptions, zone = viewZone()): Intl.DateTimeFormat {
  const key = `${name}:${zone}`;
  let f = zonedFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: zone });
    zonedFormats.set(key, f);
  }
  return f;
}

const dayFormat = (zone?: string) => zoned('day', { day: 'numeric', month: 'short' }, zone);
const dayYearFormat = (zone?: string) => zoned('dayYear', { day: 'numeric', month: 'short', year: 'numeric' }, zone);
const timeFormat = () => zoned('time', { hour: '2-digit', minute: '2-digit' });

/** An instant's day in the viewer's zone: "3 Dec", or "3 Dec 2027" outside this year. */
export function day(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const year = (t: Date) => wallClock(t).getFullYear();
  return (year(d) === year(now) ? dayFormat() : dayYearFormat()).format(d);
}

/** An instant's day in the viewer's zone, always with its year ("3 Dec 2026"): a table column's dates line up. */
export function dayWithYear(iso: string): string {
  return dayYearFormat().format(new Date(iso));
}

export function dayTime(iso: string, now = new Date()): string {
  return `${day(iso, now)}, ${timeFormat().format(new Date(iso))}`;
}

/** A plain `YYYY-MM-DD` date (no zone: the same day wherever it is read), as `day` writes it. */
export function date(ymd: string, now = new Date()): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  return (d.getUTCFullYear() === wallClock(now).getFullYear() ? dayFormat('UTC') : dayYearFormat('UTC')).format(d);
}
