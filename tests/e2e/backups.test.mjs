// The workspace file and its backups, end to end: a backup made from Settings, a change after
// it, the backup restored (what the workspace held is backed up first), and a file that is not
// a workspace refused by Open with the workspace left as it was.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoWorkspace, innerText, launch } from './harness.mjs';

const { home, db, cli, remove } = demoWorkspace('backups');
const junk = join(home, 'holiday-photos.tandem');
let app;
let browser;

const total = () => JSON.parse(cli('leads', 'list', '--limit', '1', '--json')).total;

before(async () => {
  writeFileSync(junk, 'not a workspace, just some bytes');
  app = await launch('backups', { home, args: ['--db', db], env: { TANDEM_FILE_CHOICE: junk } });
  browser = app.browser;
});
after(async () => {
  await app?.close();
  remove();
});

async function openSettings() {
  const button = await browser.$('nav').$('button=Settings');
  await button.waitForClickable({ timeout: 15000 });
  await button.click();
  const card = await browser.$('[data-testid="workspace-card"]');
  await card.waitForDisplayed({ timeout: 10000 });
  await card.scrollIntoView();
  return card;
}

test('a backup made now is restored, and what it replaced is kept', async () => {
  const before = total();
  await openSettings();
  await (await browser.$('button=Back up now')).click();
  const row = await browser.$('[data-testid="backup-row"]');
  await row.waitForDisplayed({ timeout: 10000 });
  assert.match(await innerText(browser, '[data-testid="backup-row"]'), /By hand/);
  await app.shot('backed-up');

  // A change after the backup, made by the CLI beside the running app.
  const extra = join(home, 'one-more.csv');
  writeFileSync(extra, 'Name,Email\nAfter Backup,after.backup@example.com\n');
  cli('import', 'leads', extra);
  assert.equal(total(), before + 1);

  // The newest "By hand" backup (the CLI import took one "Before an import" since).
  const rows = await browser.$$('[data-testid="backup-row"]');
  let restore;
  for (const r of rows) if ((await browser.execute((e) => e.innerText, r)).includes('By hand')) restore = await r.$('button=Restore…');
  await restore.click();
  const dialog = await browser.$('[data-testid="restore-dialog"]');
  await dialog.waitForDisplayed();
  await app.shot('confirm-restore');
  await (await dialog.$('button=Restore')).click();
  await browser.waitUntil(() => total() === before, { timeout: 15000, timeoutMsg: 'the workspace was not restored' });
  await openSettings();
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="workspace-card"]')).includes('Before a restore'), {
    timeout: 10000,
    timeoutMsg: 'no backup of what the restore replaced',
  });
  await app.shot('restored');
  const leadsButton = await browser.$('nav').$('button=Leads');
  await leadsButton.click();
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="lead-count"]')) === String(before), {
    timeout: 10000,
    timeoutMsg: 'the list does not show the restored workspace',
  });
});

test('Open refuses a file that is not a workspace and keeps the one open', async () => {
  const card = await openSettings();
  const path = await innerText(browser, '[data-testid="workspace-card"] .path');
  await (await card.$('button=Open…')).click();
  const error = await browser.$('[data-testid="workspace-error"]');
  await error.waitForDisplayed({ timeout: 10000 });
  assert.match(await innerText(browser, '[data-testid="workspace-error"]'), /holiday-photos\.tandem is not a Tandem workspace/);
  assert.equal(await innerText(browser, '[data-testid="workspace-card"] .path'), path);
  await app.shot('open-refused');
});

test('the workspace card and its backups read well in dark mode', async () => {
  await app.close();
  app = await launch('backups-dark', { home, args: ['--db', db], env: { GTK_THEME: 'Adwaita:dark' } });
  browser = app.browser;
  await openSettings();
  await (await browser.$('[data-testid="backup-row"]')).waitForDisplayed({ timeout: 10000 });
  await app.shot('dark');
});
