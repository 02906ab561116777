// The window comes back at the size and place the user left it, even after the app was killed.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch, removeFolder } from './harness.mjs';

const home = mkdtempSync(join(tmpdir(), 'tandem-e2e-window-'));
const stateFile = join(home, 'config', 'app.tandem.desktop', '.window-state.json');
let app;
after(async () => {
  await app?.close();
  removeFolder(home);
});

test('a resized and moved window reopens where it was left, even after a kill', async () => {
  app = await launch('window-state', { home });
  await app.browser.$('h1').waitForDisplayed({ timeout: 15000 });
  // Size, then place: one request for both now and then never returned under Xvfb.
  await app.browser.setWindowRect(null, null, 980, 620);
  await app.browser.setWindowRect(60, 40, null, null);
  const left = await app.browser.getWindowRect();
  assert.equal(left.width, 980);
  await app.shot('resized');
  // Saved once the window is still, without waiting for a clean close: the session's end kills
  // the app, as a crash or a flat battery would.
  const saved = () => existsSync(stateFile) && JSON.parse(readFileSync(stateFile, 'utf8')).main?.width === 980;
  for (let i = 0; i < 50 && !saved(); i++) await sleep(100);
  assert.ok(saved(), `the new size is saved in ${stateFile}`);
  await app.close();

  app = await launch('window-state-reopened', { home });
  await app.browser.$('h1').waitForDisplayed({ timeout: 15000 });
  const reopened = await app.browser.getWindowRect();
  assert.deepEqual(
    { x: reopened.x, y: reopened.y, width: reopened.width, height: reopened.height },
    { x: left.x, y: left.y, width: left.width, height: left.height },
  );
  await app.shot('reopened');
});
