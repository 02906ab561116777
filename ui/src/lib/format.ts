// How numbers, money and dates read on screen. Money arrives in minor units with its currency.
import type { Amount } from './ipc';

const moneyFormats = new Map<string, Intl.NumberFormat>();

// The system's locale, unless it is the bare POSIX one, which groups no thousands.
const locale = /^(c|posix)?$/i.test(navigator.language ?? '') ? 'en' : navigator.language;

const countFormat = new Intl.NumberFormat(locale);

/** A count with its thousands grouped: 10,909. */
export function count(n: number): string {
  return countFormat.format(n);
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

const dayFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
const dayYearFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });

/** "3 Dec", or "3 Dec 2027" outside this year. */
export function day(iso: string, now = new Date()): string {
  const d = new Date(iso);
  return (d.getFullYear() === now.getFullYear() ? dayFormat : dayYearFormat).format(d);
}

export function dayTime(iso: string, now = new Date()): string {
  return `${day(iso, now)}, ${timeFormat.format(new Date(iso))}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a moment in local time, as date inputs and calendar ranges take it. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `YYYY-MM-DDTHH:MM` in local time, for `<input type="datetime-local">`. */
export function localInput(iso: string): string {
  const d = new Date(iso);
  return `${localDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An RFC 3339 instant from a `datetime-local` value; anything else is passed on for Rust to explain. */
export function instantOf(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}
