// Lead settings edited in quick succession: each save builds on the one before it.
import { afterEach, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { LeadSettings } from '../ipc';
import { settings } from './settings.svelte';

afterEach(() => clearMocks());

test('a change made while another is saving keeps both', async () => {
  let stored: LeadSettings = { all_deals_lost: 'sql', speed_to_lead_hours: 24 };
  const sent: LeadSettings[] = [];
  const answers: Array<() => void> = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'set_lead_settings') throw { code: 'not_found', field: null, message: `unexpected ${cmd}` };
    const next = (args as { settings: LeadSettings }).settings;
    sent.push(next);
    if (next.speed_to_lead_hours === 0) {
      return Promise.reject({ code: 'invalid', field: 'speed_to_lead_hours', message: 'between 1 and 2160' });
    }
    // Rust answers only when the test says so, as a slow disk would.
    return new Promise((ok) => answers.push(() => ok((stored = next))));
  });
  settings.leadSettings = stored;

  const first = settings.saveLeadSettings({ all_deals_lost: 'disqualified' });
  const second = settings.saveLeadSettings({ speed_to_lead_hours: 8 });
  await Promise.resolve();
  expect(sent).toHaveLength(1);
  answers.shift()!();
  await first;
  await waitForCall(() => answers.length === 1);
  answers.shift()!();
  await second;
  expect(sent).toEqual([
    { all_deals_lost: 'disqualified', speed_to_lead_hours: 24 },
    { all_deals_lost: 'disqualified', speed_to_lead_hours: 8 },
  ]);
  expect(settings.leadSettings).toEqual({ all_deals_lost: 'disqualified', speed_to_lead_hours: 8 });

  // A refused change leaves the next one to build on what was saved.
  const refused = settings.saveLeadSettings({ speed_to_lead_hours: 0 });
  const after = settings.saveLeadSettings({ all_deals_lost: 'lead' });
  await expect(refused).rejects.toMatchObject({ field: 'speed_to_lead_hours' });
  await waitForCall(() => answers.length === 1);
  answers.shift()!();
  await after;
  expect(stored).toEqual({ all_deals_lost: 'lead', speed_to_lead_hours: 8 });
});

async function waitForCall(ready: () => boolean) {
  for (let i = 0; i < 50 && !ready(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(ready()).toBe(true);
}
