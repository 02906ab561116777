// The workspace card: slow steps say what they are doing, and a refusal says why.
import { afterEach, expect, test } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { BackupInfo } from '../../lib/ipc';
import WorkspaceCard from './WorkspaceCard.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const backup: BackupInfo = { file_name: 'demo-2026-11-28.tandem', taken_at: '2026-11-28T09:00:00Z', why: 'auto', bytes: 2_400_000 };

test('a restore says what it is doing until Rust answers, then says why it was refused', async () => {
  let refuse: (e: unknown) => void = () => {};
  mockIPC((cmd) => {
    if (cmd === 'backups') return [backup];
    if (cmd === 'restore_backup') return new Promise((_, no) => (refuse = no));
    throw { code: 'not_found', field: null, message: `unexpected ${cmd}` };
  });
  render(WorkspaceCard);
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Restore…' }));
  await user.click(screen.getByRole('button', { name: 'Restore' }));

  const status = screen.getByTestId('workspace-status');
  await waitFor(() => expect(status.textContent).toMatch(/^Restoring: the backup is checked whole/));
  expect((screen.getByRole('button', { name: 'Back up now' }) as HTMLButtonElement).disabled).toBe(true);

  refuse({ code: 'invalid', field: null, message: 'the backup failed its integrity check; nothing was changed' });
  expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'the backup failed its integrity check; nothing was changed');
  expect(status.textContent).toBe('');
  expect((screen.getByRole('button', { name: 'Back up now' }) as HTMLButtonElement).disabled).toBe(false);
});
