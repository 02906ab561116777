// Component tests of the calendar's form and the store's conversions, with Rust's side answered
// through Tauri's IPC mock.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { CalendarItem } from '../../lib/ipc';
import { inputOf } from '../../lib/stores/calendar.svelte';
import { preferences } from '../../lib/stores/preferences.svelte';
import { setViewZone, systemZone } from '../../lib/zone';
import ItemForm from './ItemForm.svelte';
import { channelColor } from './labels';

afterEach(() => {
  cleanup();
  clearMocks();
  setViewZone(systemZone());
  preferences.chosenZone = null;
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
      if (cmd === 'list_campaigns' || cmd === 'calendar_item_attendees' || cmd === 'time_zones') return [];
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
    // Without a zone it knows, the page cannot place the time: the clock as typed goes to Rust.
    const input = sent[0] as { rrule: string; starts_at: string; all_day: boolean };
    expect([input.rrule, input.all_day, input.starts_at]).toEqual(['FREQ=WEEKLY;BYDAY=MO', false, '2027-03-15T09:00']);
  });

  test('times are typed on the item’s own clock, with the viewer’s beside them', async () => {
    setViewZone('Asia/Tokyo');
    preferences.chosenZone = 'Asia/Tokyo';
    const sent: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_campaigns' || cmd === 'calendar_item_attendees' || cmd === 'time_zones') return [];
      if (cmd === 'update_calendar_item') {
        sent.push((args as { input: Record<string, unknown> }).input);
        return series;
      }
      throw { code: 'not_found', field: null, message: `unexpected ${cmd}` };
    });
    const user = userEvent.setup();
    render(ItemForm, { item: series, start: null, allDay: false, onclose: () => {} });
    const starts = document.querySelector<HTMLInputElement>('[name="starts_at"]')!;
    expect(starts.value).toBe('2027-03-15T09:00');
    expect(screen.getByTestId('elsewhere').textContent).toMatch(/(17:00|05:00 PM) in Asia\/Tokyo$/);
    // The same clock in another zone is another moment.
    const zone = document.querySelector<HTMLInputElement>('[name="time_zone"]')!;
    await user.clear(zone);
    await user.type(zone, 'America/New_York');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect([sent[0].time_zone, sent[0].starts_at, sent[0].ends_at]).toEqual(['America/New_York', '2027-03-15T13:00:00.000Z', '2027-03-15T13:30:00.000Z']);
  });

  test('attendees are shown, added from a search and removed; the save names them all', async () => {
    const sent: Record<string, unknown>[] = [];
    const lead = (id: string, name: string, email: string | null) => ({ id, name, email });
    mockIPC((cmd, args) => {
      if (cmd === 'list_campaigns' || cmd === 'time_zones') return [];
      if (cmd === 'calendar_item_attendees') return [{ lead_id: 'a1', name: 'Ana Berg', email: 'ana@berg.se' }];
      if (cmd === 'list_leads') {
        const search = (args as { query: { search: string } }).query.search;
        expect(search).toBe('mi');
        return { total: 2, offset: 0, leads: [lead('a1', 'Ana Berg', 'ana@berg.se'), lead('m1', 'Mia Lund', null)] };
      }
      if (cmd === 'update_calendar_item') {
        sent.push((args as { input: Record<string, unknown> }).input);
        return series;
      }
      throw { code: 'not_found', field: null, message: `unexpected ${cmd}` };
    });
    const user = userEvent.setup();
    render(ItemForm, { item: series, start: null, allDay: false, onclose: () => {} });
    await screen.findByText('Ana Berg');
    await user.type(screen.getByRole('searchbox', { name: 'Add attendee' }), 'mi');
    // Ana attends already, so only Mia is offered.
    const matches = await screen.findByRole('listbox', { name: 'Matching leads' });
    const offered = within(matches).getAllByRole('option');
    expect(offered.map((o) => o.textContent)).toEqual(['Mia Lund']);
    await user.click(offered[0]);
    await user.click(screen.getByRole('button', { name: 'Remove Ana Berg' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].attendees).toEqual(['m1']);
  });

  test('a move that never saw the attendees leaves them alone', () => {
    expect('attendees' in inputOf(series)).toBe(false);
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
