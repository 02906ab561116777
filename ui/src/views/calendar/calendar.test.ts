// Component tests of the calendar's form and the store's conversions, with Rust's side answered
// through Tauri's IPC mock.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { CalendarItem } from '../../lib/ipc';
import { inputOf } from '../../lib/stores/calendar.svelte';
import ItemForm from './ItemForm.svelte';
import { channelColor } from './labels';

afterEach(() => {
  cleanup();
  clearMocks();
});

const series: CalendarItem = {
  id: '0193a000-0000-7000-8000-000000000001',
  title: 'Tip of the week',
  item_type: 'social_post',
  channel: 'social',
  campaign_id: null,
  when: { kind: 'timed', starts_at: '2027-03-15T08:00:00Z', ends_at: '2027-03-15T08:30:00Z' },
  time_zone: 'Europe/Berlin',
  status: 'scheduled',
  owner: null,
  notes: null,
  rrule: 'FREQ=WEEKLY;BYDAY=MO',
  exdates: [],
  series_id: null,
  recurrence_id: null,
  created_at: '2027-01-01T00:00:00Z',
  updated_at: '2027-01-01T00:00:00Z',
  deleted_at: null,
};

describe('ItemForm', () => {
  test('a time zone Rust refuses is shown beside its field, and the form stays open', async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_campaigns') return [];
      if (cmd === 'update_calendar_item') {
        sent.push((args as Record<string, unknown>).input);
        throw { code: 'invalid', field: 'time_zone', message: '"Berlin" is not an IANA time zone (such as Europe/Berlin)' };
      }
      throw { code: 'not_found', field: null, message: `unexpected ${cmd}` };
    });
    let closed = false;
    const user = userEvent.setup();
    render(ItemForm, { item: series, start: null, allDay: false, onclose: () => (closed = true) });
    expect(screen.getByText('Changes apply to every occurrence of this series.')).toBeTruthy();
    const zone = document.querySelector<HTMLInputElement>('[name="time_zone"]')!;
    await user.clear(zone);
    await user.type(zone, 'Berlin');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/is not an IANA time zone/);
    expect(zone.getAttribute('aria-invalid')).toBe('true');
    expect(closed).toBe(false);
    const input = sent[0] as { rrule: string; starts_at: string; all_day: boolean };
    expect([input.rrule, input.all_day, input.starts_at]).toEqual(['FREQ=WEEKLY;BYDAY=MO', false, '2027-03-15T08:00:00.000Z']);
  });
});

describe('conversions', () => {
  test('an item round-trips into the input Rust takes', () => {
    const input = inputOf(series);
    expect([input.starts_at, input.ends_at, input.start_date, input.all_day]).toEqual([
      '2027-03-15T08:00:00Z',
      '2027-03-15T08:30:00Z',
      null,
      false,
    ]);
    const allDay = inputOf({ ...series, when: { kind: 'all_day', start_date: '2027-05-03', end_date: '2027-05-05' } });
    expect([allDay.all_day, allDay.start_date, allDay.end_date, allDay.starts_at]).toEqual([true, '2027-05-03', '2027-05-05', null]);
  });

  test('a channel keeps its colour whatever its case, and channels differ', () => {
    expect(channelColor('Social')).toBe(channelColor('social'));
    expect(new Set(['email', 'social', 'ads', 'events', 'print'].map(channelColor)).size).toBeGreaterThan(3);
    expect(channelColor(null)).toBe('#6b7280');
  });
});
