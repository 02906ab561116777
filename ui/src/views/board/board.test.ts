// Component tests of the board, with Rust's side answered through Tauri's IPC mock by a small
// in-memory board that keeps its columns in order the way the store in Rust does.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Board, DealCard, DealMove, Pipeline } from '../../lib/ipc';
import { fromMinor, toMinor } from '../../lib/format';
import { board } from '../../lib/stores/board.svelte';
import { toasts } from '../../lib/stores/toasts.svelte';
import BoardView from './BoardView.svelte';
import DealForm from './DealForm.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
  board.reset();
});

const id = (n: number) => `0193a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const pipeline: Pipeline = {
  id: id(900),
  name: 'Sales',
  stages: [
    { id: id(901), name: 'Qualified', probability: 10, rotting_days: 14 },
    { id: id(902), name: 'Proposal', probability: 50, rotting_days: null },
  ],
};

function card(n: number, stage: number, value = 100_00): DealCard {
  return {
    id: id(n),
    title: `Deal ${n}`,
    lead_id: id(500 + n),
    lead_name: `Lead ${n}`,
    company: n % 2 ? 'Maple Dental' : null,
    value_minor: value,
    currency: 'EUR',
    probability_override: null,
    probability: pipeline.stages[stage].probability,
    owner: 'Sam',
    stage_id: pipeline.stages[stage].id,
    position: String(n),
    stage_entered_at: '2026-11-20T10:00:00Z',
    expected_close: null,
    next_activity: n === 1 ? { id: id(700), kind: 'call', subject: 'Call back', due_at: '2026-01-01T09:00:00Z' } : null,
    last_activity_done_at: null,
    days_in_stage: 7,
    rotting: n === 2,
  };
}

/** The board in Rust, reduced to ordered lists; records every move it is asked for. */
function backend(columns: DealCard[][], opts: { refuseMoves?: boolean; slowMoves?: boolean } = {}) {
  const moves: { id: string; to: DealMove }[] = [];
  /** With `slowMoves`, each save waits until the test calls this. */
  let saveMoves = () => {};
  const sum = (cards: DealCard[]) => ({
    count: cards.length,
    value: cards.length ? [{ currency: 'EUR', minor: cards.reduce((s, c) => s + c.value_minor, 0) }] : [],
    weighted: cards.length ? [{ currency: 'EUR', minor: cards.reduce((s, c) => s + (c.value_minor * c.probability) / 100, 0) }] : [],
  });
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    switch (cmd) {
      case 'pipelines':
        return [pipeline];
      case 'board_facets':
        return { owners: ['Sam'], campaigns: [] };
      case 'lost_reasons':
        return ['Price', 'Timing'];
      case 'first_paint':
        return null;
      case 'board': {
        const per = a.perColumn as number;
        return {
          pipeline_id: pipeline.id,
          pipeline_name: pipeline.name,
          columns: pipeline.stages.map((stage, i) => ({ stage, totals: sum(columns[i]), deals: columns[i].slice(0, per) })),
          totals: sum(columns.flat()),
        } satisfies Board;
      }
      case 'board_column': {
        const i = pipeline.stages.findIndex((s) => s.id === a.stageId);
        return columns[i].slice(a.offset as number, (a.offset as number) + (a.limit as number));
      }
      case 'move_deal': {
        const to = a.to as DealMove;
        moves.push({ id: a.id as string, to });
        if (opts.refuseMoves) throw { code: 'conflict', field: null, message: 'this deal is won; reopen it to move it on the board' };
        const from = columns.findIndex((c) => c.some((d) => d.id === a.id));
        const [moved] = columns[from].splice(columns[from].findIndex((d) => d.id === a.id), 1);
        const target = pipeline.stages.findIndex((s) => s.id === to.stage_id);
        const updated = { ...moved, stage_id: to.stage_id, probability: pipeline.stages[target].probability };
        const at = to.after === null ? 0 : columns[target].findIndex((d) => d.id === to.after) + 1;
        columns[target].splice(at, 0, updated);
        return opts.slowMoves ? new Promise((ok) => (saveMoves = () => ok(updated))) : updated;
      }
    }
    throw { code: 'not_found', field: null, message: `unexpected ${cmd}` };
  });
  return { moves, columns, saveMoves: () => saveMoves() };
}

const titles = (column: number) => board.columns[column].cards.size && [...Array(board.columns[column].count).keys()].map((i) => board.columns[column].card(i)?.title);

describe('money typed by a person', () => {
  test.each([
    ['12,500.50', 'EUR', 1_250_050],
    ['1.234,5', 'EUR', 123_450],
    ['1 200', 'EUR', 120_000],
    ['1,200', 'EUR', 120_000],
    ['-5', 'EUR', -500],
    ['1,200', 'JPY', 1_200],
    ['abc', 'EUR', null],
    ['12.5.1', 'EUR', null],
    ['1,23,4', 'EUR', null],
  ])('%s %s is %s minor units', (text, currency, minor) => {
    expect(toMinor(text, currency)).toBe(minor);
  });

  test('minor units read back as typed', () => {
    expect(fromMinor(1_250_050, 'EUR')).toBe('12500.50');
    expect(fromMinor(1_200, 'JPY')).toBe('1200');
  });
});

describe('BoardStore', () => {
  test('a move shows at once, tells Rust which card it follows, and undo puts it back', async () => {
    const rust = backend([[card(1, 0), card(2, 0), card(3, 0)], [card(4, 1), card(5, 1)]]);
    await board.open();
    expect(titles(0)).toEqual(['Deal 1', 'Deal 2', 'Deal 3']);

    const saved = board.move({ column: 0, index: 1 }, { column: 1, index: 1 });
    // Before Rust answers, the card is already in its new place and the counts follow.
    expect(titles(0)).toEqual(['Deal 1', 'Deal 3']);
    expect(titles(1)).toEqual(['Deal 4', 'Deal 2', 'Deal 5']);
    expect(await saved).toBe(true);
    expect(rust.moves.at(-1)).toEqual({ id: id(2), to: { stage_id: id(902), after: id(4) } });
    await waitFor(() => expect(board.columns[1].totals.value[0].minor).toBe(300_00));

    await board.undo();
    expect(rust.moves.at(-1)).toEqual({ id: id(2), to: { stage_id: id(901), after: id(1) } });
    expect(titles(0)).toEqual(['Deal 1', 'Deal 2', 'Deal 3']);
    expect(await board.undo()).toBe(false);
  });

  test('an undo pressed before the move is saved waits for it, then undoes that move', async () => {
    const rust = backend([[card(1, 0), card(2, 0)], [card(3, 1)]]);
    await board.open();
    const moving = board.move({ column: 0, index: 0 }, { column: 1, index: 0 });
    const undoing = board.undo();
    expect(await moving).toBe(true);
    expect(await undoing).toBe(true);
    expect(rust.moves.map((m) => m.to)).toEqual([
      { stage_id: id(902), after: null },
      { stage_id: id(901), after: null },
    ]);
    expect(rust.columns.map((c) => c.map((d) => d.title))).toEqual([['Deal 1', 'Deal 2'], ['Deal 3']]);
  });

  test('down within a column: the card goes after the one that was below it', async () => {
    const rust = backend([[card(1, 0), card(2, 0), card(3, 0)], []]);
    await board.open();
    await board.move({ column: 0, index: 0 }, { column: 0, index: 2 });
    expect(rust.moves.at(-1)?.to).toEqual({ stage_id: id(901), after: id(3) });
    expect(titles(0)).toEqual(['Deal 2', 'Deal 3', 'Deal 1']);
  });

  test('a refused move is put back and the reason shown', async () => {
    backend([[card(1, 0), card(2, 0)], [card(3, 1)]], { refuseMoves: true });
    render(BoardView);
    await screen.findByText('Deal 2');
    expect(await board.move({ column: 0, index: 0 }, { column: 1, index: 0 })).toBe(false);
    expect(titles(0)).toEqual(['Deal 1', 'Deal 2']);
    expect(titles(1)).toEqual(['Deal 3']);
    expect(toasts.items.map((t) => t.message)).toContain('Could not move “Deal 1”: this deal is won; reopen it to move it on the board');
  });
});

describe('BoardView', () => {
  test('columns show their stage, count and totals; cards their warnings', async () => {
    backend([[card(1, 0, 1_000_00), card(2, 0, 500_00)], []]);
    render(BoardView);
    const first = await screen.findByRole('region', { name: 'Qualified' });
    await waitFor(() => expect(first.querySelector('[data-testid="column-count"]')?.textContent).toBe('2'));
    expect(first.querySelector('[data-testid="column-total"]')?.textContent).toMatch(/1,500/);
    expect(first.querySelector('[data-testid="column-weighted"]')?.textContent).toMatch(/150/);
    expect(screen.getByText(/Overdue · Call back/)).toBeTruthy();
    expect(screen.getByText('Rotting')).toBeTruthy();
    expect(screen.getByText('⚠ No next activity')).toBeTruthy();
    expect(screen.getByText('No open deals')).toBeTruthy();
  });

  test('Shift+ArrowRight moves the focused card to the top of the next column; Ctrl+Z undoes', async () => {
    const rust = backend([[card(1, 0), card(2, 0)], [card(3, 1)]]);
    const user = userEvent.setup();
    render(BoardView);
    await screen.findByText('Deal 2');
    const handle = screen.getByRole('button', { name: 'Deal 2, Lead 2' });
    handle.focus();
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    await waitFor(() => expect(rust.moves.at(-1)).toEqual({ id: id(2), to: { stage_id: id(902), after: null } }));
    await waitFor(() => expect(titles(1)).toEqual(['Deal 2', 'Deal 3']));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(rust.moves.at(-1)).toEqual({ id: id(2), to: { stage_id: id(901), after: id(1) } }));
    await waitFor(() => expect(titles(0)).toEqual(['Deal 1', 'Deal 2']));
  });

  test('focus follows a moved card before its save returns, so the next key moves the same card', async () => {
    const rust = backend([[card(1, 0), card(2, 0)], [card(3, 1)]], { slowMoves: true });
    const user = userEvent.setup();
    render(BoardView);
    await screen.findByText('Deal 2');
    screen.getByRole('button', { name: 'Deal 2, Lead 2' }).focus();
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    await waitFor(() => expect(rust.moves).toHaveLength(1));
    // Still saving: the card is already on top of the next column, and focused there.
    await waitFor(() => expect(document.activeElement?.querySelector('[data-deal-id]')?.getAttribute('data-deal-id')).toBe(id(2)));
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    expect(titles(1)).toEqual(['Deal 3', 'Deal 2']);
    rust.saveMoves();
    await waitFor(() => expect(rust.moves.map((m) => m.id)).toEqual([id(2), id(2)]));
    rust.saveMoves();
    expect(titles(0)).toEqual(['Deal 1']);
  });
});

describe('DealForm', () => {
  test('a new lead’s error shows beside the lead’s own field, and the form stays open', async () => {
    const sent: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_leads') return { total: 0, offset: 0, leads: [] };
      if (cmd === 'create_deal_with_lead') {
        sent.push(args as Record<string, unknown>);
        throw { code: 'invalid', field: 'lead_name', message: 'is required' };
      }
      throw { code: 'not_found', field: null, message: `unexpected ${cmd}` };
    });
    board.pipelines = [pipeline];
    board.pipelineId = pipeline.id;
    const user = userEvent.setup();
    let closed = false;
    render(DealForm, { stageId: id(902), lead: null, onclose: () => (closed = true) });
    await user.type(screen.getByLabelText('Lead'), 'Zed');
    await user.click(await screen.findByRole('option', { name: '+ New lead “Zed”' }));
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Shop fit-out');
    await user.click(screen.getByRole('button', { name: 'Create deal' }));
    await screen.findByText('is required');
    expect(document.querySelector('[name="lead_name"]')?.getAttribute('aria-invalid')).toBe('true');
    expect(closed).toBe(false);
    const input = sent[0].input as { stage_id: string; title: string; pipeline_id: string };
    expect([input.pipeline_id, input.stage_id, input.title]).toEqual([pipeline.id, id(902), 'Shop fit-out']);
  });
});
