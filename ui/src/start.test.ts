// The page's start: the first use of Intl loads ICU (15–25 ms under Xvfb here), so no module of
// the first screen makes a format as it loads, and the start asks Rust for its data first.
import { afterEach, expect, test, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';

afterEach(() => {
  clearMocks();
  vi.unstubAllGlobals();
});

/** `Intl` whose NumberFormat and DateTimeFormat note each use in `log`, called or constructed. */
function countingIntl(log: string[]) {
  const counted = <T extends object>(name: string, real: T) =>
    new Proxy(real as unknown as (...a: unknown[]) => unknown, {
      construct: (target, args) => (log.push(name), Reflect.construct(target, args)),
      apply: (target, self, args) => (log.push(name), Reflect.apply(target, self, args)),
    });
  return Object.create(Intl, {
    NumberFormat: { value: counted('NumberFormat', Intl.NumberFormat) },
    DateTimeFormat: { value: counted('DateTimeFormat', Intl.DateTimeFormat) },
  });
}

test('the first screen makes no Intl format as it loads, and asks for the start data before it makes one', async () => {
  const log: string[] = [];
  vi.stubGlobal('Intl', countingIntl(log));
  vi.resetModules();
  // Everything the page's entry loads before it mounts.
  await import('./App.svelte');
  expect(log).toEqual([]);

  mockIPC((cmd) => {
    log.push(cmd);
    if (cmd === 'start_screen') {
      const preferences = { time_zone: null, lead_columns: null, workspace: null };
      return { workspace: { path: '/tmp/w.tandem', schema_version: 23 }, preferences, rows: null };
    }
    return null;
  });
  const { workspace } = await import('./lib/stores/workspace.svelte');
  const { leads } = await import('./lib/stores/leads.svelte');
  await workspace.load(leads.firstQuery(), (rows) => leads.preload(rows));
  expect(log[0]).toBe('start_screen');
  // The formats the list needs are made while the answer is on its way.
  expect(log).toContain('NumberFormat');
  expect(log).toContain('DateTimeFormat');
});
