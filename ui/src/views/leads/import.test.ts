// The import workbench with Rust's side answered through Tauri's IPC mock: the mapping sent is
// the one chosen on screen, the dry run's problems show with their row and column, and a file
// with problems imports only when the user leaves those rows out.
import { afterEach, expect, test } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Channel, ImportFile, ImportOptions, ImportProgress, LeadImportSummary } from '../../lib/ipc';
import { importer } from '../../lib/stores/importer.svelte';
import ImportView from './ImportView.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
  importer.reset();
});

const file: ImportFile = {
  file_name: 'fair-contacts.csv',
  format: { kind: 'csv', encoding: 'windows-1252', delimiter: 'semicolon' },
  sheets: [],
  encodings: ['UTF-8', 'windows-1252', 'windows-1250'],
  headers: ['Vorname', 'E-Mail', 'Schuhgröße'],
  sample: [['Jürgen', 'juergen@example.de', '44'], ['Anna', 'anna@', '38']],
  rows: 2,
  columns: ['first_name', 'email', null],
  mapping: null,
};

const summary = (rejected: number): LeadImportSummary => ({
  counts: { rows: 2, new: 2 - rejected, updated: 0, skipped: 0, rejected, new_companies: 0, new_campaigns: 0 },
  problems: rejected ? [{ row: 3, column: 'E-Mail', reason: '"anna@" is not an email address' }] : [],
  skipped: [],
});

/** What every test answers alike: no history or saved mappings, `file` when one is chosen, an empty list. */
function workbench(cmd: string): unknown {
  if (cmd === 'import_history' || cmd === 'import_mappings') return [];
  if (cmd === 'open_import_file') return file;
  if (cmd === 'list_leads') return { total: 0, offset: 0, leads: [] };
  if (cmd === 'lead_facets') return { owners: [], tags: [], total: 0 };
  throw { code: 'not_found', field: null, message: `unexpected ${cmd}` };
}

test('maps columns, shows the dry run and imports only the valid rows when asked', async () => {
  const previews: ImportOptions[] = [];
  const runs: { options: ImportOptions; only_valid: boolean }[] = [];
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === 'preview_import') {
      previews.push(a.options as ImportOptions);
      // Once the email column is no longer imported, no row has a problem.
      return summary((a.options as ImportOptions).columns[1] === 'email' ? 1 : 0);
    }
    if (cmd === 'run_import') {
      runs.push({ options: a.options as ImportOptions, only_valid: a.onlyValid as boolean });
      return { batch: { id: 'b1', file_name: file.file_name, counts: summary(1).counts, at: '2026-11-28T09:00:00Z', undone_at: null }, summary: summary(1) };
    }
    return workbench(cmd);
  });
  const user = userEvent.setup();
  render(ImportView);
  await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
  expect((await screen.findByTestId('import-format')).textContent).toBe('semicolon-separated · 2 rows');
  expect((screen.getByLabelText('Encoding') as HTMLSelectElement).value).toBe('windows-1252');
  const mapping = screen.getByTestId('mapping');
  expect((within(mapping).getByLabelText('Field for Schuhgröße') as HTMLSelectElement).value).toBe('');
  expect((within(mapping).getByLabelText('Field for Vorname') as HTMLSelectElement).value).toBe('first_name');

  const problems = await screen.findByTestId('import-problems');
  expect(problems.textContent).toContain('3E-Mail"anna@" is not an email address');
  const run = screen.getByTestId('run-import') as HTMLButtonElement;
  expect(run.disabled).toBe(true);
  await user.click(screen.getByLabelText('Import the other rows and leave these out'));
  expect(run.textContent?.trim()).toBe('Import 1 lead');
  await user.click(run);
  await screen.findByTestId('import-done');
  expect(runs).toEqual([{ options: { columns: ['first_name', 'email', null], on_duplicate: 'skip', match_on: 'email' }, only_valid: true }]);

  // A changed field asks for a new dry run with it.
  importer.reset();
  await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
  await user.selectOptions(await screen.findByLabelText('Field for E-Mail'), '');
  await waitFor(() => expect(previews.at(-1)?.columns).toEqual(['first_name', null, null]));
  await waitFor(() => expect((screen.getByTestId('run-import') as HTMLButtonElement).disabled).toBe(false));
});

test('a CSV read in the wrong encoding is read again in the one chosen', async () => {
  const asked: string[] = [];
  const reread: ImportFile = {
    ...file,
    format: { kind: 'csv', encoding: 'windows-1250', delimiter: 'semicolon' },
    headers: ['Imię', 'E-Mail', 'Uwagi'],
    sample: [['Łukasz', 'lukasz@example.pl', '']],
    columns: [null, 'email', null],
  };
  mockIPC((cmd, args) => {
    if (cmd === 'choose_import_encoding') {
      asked.push((args as { encoding: string }).encoding);
      return reread;
    }
    if (cmd === 'preview_import') return summary(0);
    return workbench(cmd);
  });
  const user = userEvent.setup();
  render(ImportView);
  await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
  await user.selectOptions(await screen.findByLabelText('Encoding'), 'windows-1250');
  expect(asked).toEqual(['windows-1250']);
  const mapping = screen.getByTestId('mapping');
  await waitFor(() => expect(within(mapping).getByLabelText('Field for Imię')).toBeTruthy());
  expect(mapping.textContent).toContain('Łukasz');
  expect((screen.getByLabelText('Encoding') as HTMLSelectElement).value).toBe('windows-1250');
});

test('a running import says what it is doing, and a large one that its leads are being indexed', async () => {
  let progress: Channel<ImportProgress> | undefined;
  let finishImport = () => {};
  let finishIndexing = () => {};
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === 'preview_import') return summary(0);
    if (cmd === 'run_import') {
      progress = a.onProgress as Channel<ImportProgress>;
      const batch = { id: 'b2', file_name: file.file_name, counts: summary(0).counts, at: '2026-11-29T09:00:00Z', undone_at: null };
      return new Promise((ok) => (finishImport = () => ok({ batch, summary: summary(0), search_pending: true })));
    }
    if (cmd === 'settle_search') return new Promise((ok) => (finishIndexing = () => ok(null)));
    return workbench(cmd);
  });
  const user = userEvent.setup();
  render(ImportView);
  await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
  const run = await screen.findByTestId('run-import');
  await waitFor(() => expect(run.textContent?.trim()).toBe('Import 2 leads'));
  await user.click(run);

  await screen.findByText('Backing up the workspace and checking every row…');
  const cancel = screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement;
  expect(cancel.disabled).toBe(false);
  progress!.onmessage({ done: 1, total: 2 });
  await screen.findByText('1 of 2');
  // Every row written: only the commit is left, which a cancel would not stop.
  progress!.onmessage({ done: 2, total: 2 });
  await screen.findByText('Saving to disk…');
  expect((screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);

  finishImport();
  await screen.findByTestId('import-done');
  expect((await screen.findByTestId('import-indexing')).textContent).toBe('Indexing the new leads for search…');
  finishIndexing();
  await waitFor(() => expect(screen.queryByTestId('import-indexing')).toBeNull());
});
