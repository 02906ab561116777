// A file that is not a Tandem workspace gets a clear message in the window, and stays untouched.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'tandem-notours-'));
const file = join(dir, 'notes.tandem');
const bytes = Buffer.from('These are my meeting notes, not a database.\n'.repeat(50));
writeFileSync(file, bytes);

let app;
after(async () => app?.close());

test('opening a file that is not a workspace explains why and changes nothing', async () => {
  app = await launch('open-error', { env: { TANDEM_DB: file } });
  const alert = await app.browser.$('[role="alert"]');
  await alert.waitForDisplayed({ timeout: 15000 });
  assert.match(await alert.getText(), /is not a Tandem workspace: it is not a SQLite database/);
  await app.shot('not-a-workspace');
  assert.deepEqual(readFileSync(file), bytes);
});
