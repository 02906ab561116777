// The leads list's columns, chosen faster than they are saved.
import { afterEach, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { LeadColumn, Preferences } from '../ipc';
import { preferences } from './preferences.svelte';

afterEach(() => clearMocks());

test('a second choice of columns made while the first is saving stays on screen and is saved last', async () => {
  const sent: LeadColumn[][] = [];
  const answers: Array<() => void> = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'set_lead_columns') throw { code: 'not_found', field: null, message: `unexpected ${cmd}` };
    const columns = (args as { columns: LeadColumn[] }).columns;
    sent.push(columns);
    const saved: Preferences = { time_zone: null, lead_columns: columns, workspace: null };
    return new Promise((ok) => answers.push(() => ok(saved)));
  });

  const first = preferences.setLeadColumns(['email', 'stage']);
  const second = preferences.setLeadColumns(['email']);
  expect(preferences.leadColumns).toEqual(['email']);
  await until(() => answers.length === 1);
  answers.shift()!();
  await first;
  expect(preferences.leadColumns).toEqual(['email']);
  await until(() => answers.length === 1);
  answers.shift()!();
  await second;
  expect(sent).toEqual([['email', 'stage'], ['email']]);
  expect(preferences.leadColumns).toEqual(['email']);
});

async function until(ready: () => boolean) {
  for (let i = 0; i < 50 && !ready(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(ready()).toBe(true);
}
