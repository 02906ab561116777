// Component tests of the Leads screen pieces, with Rust's side answered through Tauri's IPC mock.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Lead, LeadPage, LeadQuery, StartScreen } from '../../lib/ipc';
import { leads } from '../../lib/stores/leads.svelte';
import { workspace } from '../../lib/stores/workspace.svelte';
import LeadForm from './LeadForm.svelte';
import LeadsView from './LeadsView.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
  leads.reset();
});

const lead = (name: string, i = 0): Lead => ({
  id: `0193a000-0000-7000-8000-00000000000${i}`,
  name,
  email: `${name.toLowerCase().replace(' ', '.')}@example.com`,
  phone: null,
  company: 'Maple Dental',
  job_title: null,
  owner: 'Sam',
  tags: ['vip'],
  notes: null,
  lifecycle_stage: 'mql',
  score: 0,
  source: null,
  created_at: '2026-11-02T10:00:00.000Z',
  updated_at: '2026-11-02T10:00:00.000Z',
  deleted_at: null,
});

/** Answers list_leads from `all`, as the store in Rust would, and records every query. */
/** Answers the list's requests from `all`; `earlyRows: false` plays a start whose early rows could not be read. */
function backend(all: Lead[], { earlyRows = true } = {}) {
  const queries: LeadQuery[] = [];
  const list = (q: LeadQuery): LeadPage => {
    queries.push(q);
    if (q.search && q.search.length < 2) throw { code: 'invalid', field: 'search', message: 'type at least 2 characters' };
    const hits = q.search ? all.filter((l) => l.name.toLowerCase().includes(q.search!.toLowerCase())) : all;
    return { total: hits.length, offset: q.offset, leads: hits.slice(q.offset, q.offset + q.limit) };
  };
  const facets = () => ({ owners: ['Sam'], tags: ['vip'], total: all.length });
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === 'list_leads') return list(a.query as LeadQuery);
    if (cmd === 'lead_facets') return facets();
    if (cmd === 'start_screen') {
      const preferences = { time_zone: null, lead_columns: null, workspace: null };
      const rows = earlyRows ? { page: list(a.query as LeadQuery), facets: facets() } : null;
      return { workspace: { path: '/tmp/w.tandem', schema_version: 23 }, preferences, rows } satisfies StartScreen;
    }
    if (cmd === 'first_paint') return null;
    throw { code: 'not_found', field: null, message: `unexpected ${cmd}` };
  });
  return queries;
}

describe('LeadForm', () => {
  test('shows the error Rust returns beside the field it names, and keeps the form open', async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'create_lead') {
        sent.push((args as Record<string, unknown>).input);
        throw { code: 'invalid', field: 'email', message: '"ana@x" is not an email address' };
      }
      return { total: 0, offset: 0, leads: [] };
    });
    const onclose = vi.fn();
    render(LeadForm, { lead: null, onclose });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Ana Costa');
    await user.type(screen.getByLabelText('Email'), 'ana@x');
    await user.type(screen.getByLabelText('Tags (comma-separated)'), 'vip, trade show');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('"ana@x" is not an email address')).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.getAttribute('name')).toBe('email');
    expect(onclose).not.toHaveBeenCalled();
    expect(sent[0]).toMatchObject({ name: 'Ana Costa', email: 'ana@x', tags: ['vip', 'trade show'], phone: null });
  });

  test('editing starts from the lead and Escape closes without saving', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => void calls.push(cmd));
    const onclose = vi.fn();
    render(LeadForm, { lead: lead('Bea Park'), onclose });
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Bea Park');
    expect((screen.getByLabelText('Tags (comma-separated)') as HTMLInputElement).value).toBe('vip');
    await userEvent.setup().keyboard('{Escape}');
    expect(onclose).toHaveBeenCalledOnce();
    expect(calls).toEqual([]);
  });
});

describe('LeadsView', () => {
  test('a new workspace shows the empty state, not an empty table', async () => {
    backend([]);
    render(LeadsView);
    expect(await screen.findByText('No leads yet')).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
  });

  test('the first mount shows the page loaded at start without asking again; a later mount reloads', async () => {
    const queries = backend([lead('Ana Costa', 1), lead('Bruno Okafor', 2)]);
    await workspace.load(leads.firstQuery(), (rows) => leads.preload(rows));
    expect(workspace.info?.path).toBe('/tmp/w.tandem');
    expect(queries).toHaveLength(1);
    render(LeadsView);
    expect(screen.getByTestId('lead-count').textContent).toBe('2');
    await screen.findByRole('grid');
    expect(queries).toHaveLength(1);
    cleanup();
    render(LeadsView);
    await waitFor(() => expect(queries).toHaveLength(2));
  });

  test('when the start brings no rows, the list asks for them itself', async () => {
    const queries = backend([lead('Ana Costa', 1), lead('Bruno Okafor', 2)], { earlyRows: false });
    await workspace.load(leads.firstQuery(), (rows) => leads.preload(rows));
    await waitFor(() => expect(queries).toHaveLength(1));
    render(LeadsView);
    await waitFor(() => expect(screen.getByTestId('lead-count').textContent).toBe('2'));
    expect(queries).toHaveLength(1);
  });

  test('search waits for a pause in typing, then asks Rust once', async () => {
    const queries = backend([lead('Ana Costa', 1), lead('Bruno Okafor', 2)]);
    render(LeadsView);
    await screen.findByRole('grid');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Search leads'), 'bru');
    await waitFor(() => expect(queries.at(-1)?.search).toBe('bru'));
    expect(queries.filter((q) => q.search !== null)).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('lead-count').textContent).toBe('1 of 2'));
  });

  test('a too-short search shows Rust’s hint and keeps the list', async () => {
    backend([lead('Ana Costa', 1)]);
    render(LeadsView);
    await screen.findByRole('grid');
    await userEvent.setup().type(screen.getByLabelText('Search leads'), 'a');
    expect((await screen.findByTestId('search-hint')).textContent).toBe('type at least 2 characters');
    expect(screen.getByTestId('lead-count').textContent).toBe('1');
  });

  test('n opens the new-lead form and / focuses search', async () => {
    backend([lead('Ana Costa', 1)]);
    render(LeadsView);
    await screen.findByRole('grid');
    const user = userEvent.setup();
    await user.keyboard('/');
    expect(document.activeElement).toBe(screen.getByLabelText('Search leads'));
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('n');
    expect(await screen.findByRole('dialog', { name: 'New lead' })).toBeTruthy();
  });
});
