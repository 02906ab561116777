// How calendar values read on screen, and the colour of each channel.
import type { ItemStatus, ItemType } from '../../lib/ipc';

export const typeLabels: Record<ItemType, string> = {
  email: 'Email',
  social_post: 'Social post',
  blog_article: 'Blog article',
  ad_flight: 'Ad flight',
  event: 'Event',
  webinar: 'Webinar',
  print: 'Print',
  other: 'Other',
};

export const statusLabels: Record<ItemStatus, string> = {
  idea: 'Idea',
  draft: 'Draft',
  scheduled: 'Scheduled',
  published: 'Published',
  cancelled: 'Cancelled',
};

export const itemTypes = Object.keys(typeLabels) as ItemType[];
export const itemStatuses = Object.keys(statusLabels) as ItemStatus[];

/** Repeat choices offered in the form; anything else is written as an RRULE. */
export const repeats: { label: string; rule: string | null }[] = [
  { label: 'Does not repeat', rule: null },
  { label: 'Every day', rule: 'FREQ=DAILY' },
  { label: 'Every week', rule: 'FREQ=WEEKLY' },
  { label: 'Every month', rule: 'FREQ=MONTHLY' },
  { label: 'Every year', rule: 'FREQ=YEARLY' },
];

const palette = ['#2563eb', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#0891b2', '#dc2626', '#65a30d', '#9333ea', '#0d9488'];

/** A stable colour per channel, so a channel looks the same in every view and every session. */
export function channelColor(channel: string | null): string {
  if (!channel) return '#6b7280';
  let hash = 0;
  for (const ch of channel.toLowerCase()) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return palette[hash % palette.length];
}
