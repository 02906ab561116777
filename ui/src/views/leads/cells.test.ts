// A lead row's cells (`cells.ts`): what each column shows, and user text kept as text.
import { expect, test } from 'vitest';
import type { Lead } from '../../lib/ipc';
import { setViewZone } from '../../lib/zone';
import { fillCells, waitedLabel, waitedWords } from './cells';

const lead: Lead = {
  id: '0193a000-0000-7000-8000-000000000001',
  name: '<img src=x onerror=alert(1)>',
  email: 'ana@example.com',
  phone: null,
  company: 'Maple & Sons',
  job_title: null,
  owner: 'Sam',
  tags: ['<b>bold</b>', 'vip', 'warm'],
  notes: null,
  lifecycle_stage: 'mql',
  score: 42,
  source: null,
  created_at: '2026-11-02T23:30:00.000Z',
  updated_at: '2026-12-31T12:00:00.000Z',
  deleted_at: null,
};

const texts = (row: Element) => [...row.children].map((c) => c.textContent);

test('each chosen column gets one cell, in order, after the name', () => {
  setViewZone('UTC');
  const row = document.createElement('div');
  fillCells(row, lead, ['email', 'company', 'stage', 'score', 'owner', 'tags', 'created', 'updated', 'phone'], undefined);
  const cells = texts(row);
  expect(cells.slice(0, 7)).toEqual(['<img src=x onerror=alert(1)>', 'ana@example.com', 'Maple & Sons', 'Marketing-qualified', '42', 'Sam', '<b>bold</b>+2']);
  // The system's locale orders day and month.
  expect(cells[7]).toMatch(/^(2 Nov 2026|Nov 2, 2026)$/);
  expect(cells[8]).toMatch(/^(31 Dec 2026|Dec 31, 2026)$/);
  expect(cells[9]).toBe('');
  expect([...row.children].every((c) => c.getAttribute('role') === 'gridcell')).toBe(true);
  expect(row.querySelector('img, b')).toBeNull();
  expect(row.querySelector('[data-testid="lead-score"]')?.textContent).toBe('42');
  expect((row.children[6] as HTMLElement).title).toBe('<b>bold</b>, vip, warm');
});

test('dates are read in the zone times are shown in', () => {
  const row = document.createElement('div');
  setViewZone('Pacific/Auckland');
  fillCells(row, lead, ['created'], undefined);
  expect(texts(row)[1]).toMatch(/^(3 Nov 2026|Nov 3, 2026)$/);
  setViewZone('UTC');
});

test('a waiting MQL carries its wait beside its stage; filling again replaces the cells', () => {
  const row = document.createElement('div');
  fillCells(row, lead, ['stage', 'score'], 50);
  const flag = row.querySelector('[data-testid="lead-waiting"]') as HTMLElement;
  expect(flag.textContent).toBe('2 d');
  expect(flag.title).toBe('Marketing-qualified and waiting 2 days for a first move');
  fillCells(row, lead, ['score'], undefined);
  expect(texts(row)).toEqual(['<img src=x onerror=alert(1)>', '42']);
});

test('waits under two days read in hours', () => {
  expect(waitedLabel(0)).toBe('0 h');
  expect(waitedLabel(47)).toBe('47 h');
  expect(waitedLabel(48)).toBe('2 d');
  expect(waitedLabel(79)).toBe('3 d');
  expect(waitedWords(1)).toBe('1 hour');
  expect(waitedWords(47)).toBe('47 hours');
  expect(waitedWords(48)).toBe('2 days');
  expect(waitedWords(79)).toBe('3 days');
});

test('the tags cell shows the first tag and how many more', () => {
  const row = document.createElement('div');
  for (const [tags, shown] of [[[], ''], [['vip'], 'vip'], [['vip', 'warm'], 'vip+1']] as const) {
    fillCells(row, { ...lead, tags: [...tags] }, ['tags'], undefined);
    expect(texts(row)[1]).toBe(shown);
  }
  expect(row.querySelector('.more')?.textContent).toBe('+1');
});
