// The Campaigns screen, end to end on a demo workspace: the list, its order and filters, a new
// campaign with an error fixed, and archive and delete undone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { appBinary, launch } from './harness.mjs';

const home = mkdtempSync(join(tmpdir(), 'tandem-e2e-campaigns-'));
const db = join(home, 'demo.tandem');
let app;
let browser;

before(async () => {
  execFileSync(join(dirname(appBinary), 'tandem-cli'), ['--db', db, 'demo', '--scale', 'small'], { stdio: 'ignore' });
  app = await launch('campaigns', { home, args: ['--db', db] });
  browser = app.browser;
  const screen = await browser.$('nav').$('button=Campaigns');
  await screen.waitForClickable({ timeout: 15000 });
  await screen.click();
  await browser.waitUntil(async () => (await names()).length > 0, { timeout: 10000, timeoutMsg: 'no campaigns listed' });
});
after(async () => {
  await app?.close();
  rmSync(home, { recursive: true, force: true });
});

const names = () =>
  browser.execute(() => [...document.querySelectorAll('[data-testid="campaign-row"] .name')].map((n) => n.textContent.trim()));
const statuses = () =>
  browser.execute(() => [...document.querySelectorAll('[data-testid="campaign-row"] .status')].map((n) => n.textContent.trim()));
const field = (name) => browser.$(`[data-testid="campaign-form"] [name="${name}"]`);

test('the list sorts by name and filters by status', async () => {
  await app.shot('list');
  await (await browser.$('button[aria-label="Sort by Name"]')).click();
  await browser.waitUntil(async () => {
    const n = await names();
    return n.every((x, i) => i === 0 || n[i - 1].localeCompare(x, undefined, { sensitivity: 'base' }) <= 0);
  }, { timeout: 5000, timeoutMsg: 'not sorted by name' });

  const all = (await names()).length;
  await (await browser.$('select[aria-label="Status"]')).selectByVisibleText('Active');
  await browser.waitUntil(async () => (await names()).length < all, { timeout: 5000 });
  assert.ok((await statuses()).every((s) => s === 'Active'));
  await (await browser.$('button=Clear filters')).click();
  await browser.waitUntil(async () => (await names()).length === all, { timeout: 5000 });
});

test('a new campaign with a bad colour gets Rust’s error, then saves once fixed', async () => {
  await browser.keys(['n']);
  await (await field('name')).waitForDisplayed();
  await (await field('name')).setValue('Winter webinar week');
  await (await field('channels')).setValue('Webinar, Email');
  await (await field('budget_minor')).setValue('1,500');
  await (await field('color')).clearValue();
  await (await field('color')).setValue('teal');
  await (await browser.$('[data-testid="campaign-form"] button[type="submit"]')).click();
  const error = await browser.$('[data-testid="field-error"]');
  await error.waitForDisplayed();
  assert.match(await error.getText(), /not a colour/);
  await app.shot('bad-colour');

  await (await field('color')).clearValue();
  await (await field('color')).setValue('#0ea5e9');
  await browser.keys(['Control', 'Enter']);
  await (await browser.$('[data-testid="campaign-form"]')).waitForDisplayed({ reverse: true });
  await browser.waitUntil(async () => (await names()).includes('Winter webinar week'), { timeout: 5000 });
  const row = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="campaign-row"]')].find((r) => r.innerText.includes('Winter webinar week')).innerText,
  );
  assert.match(row, /€1,500/);
  assert.match(row, /Webinar, Email/);
});

test('archive and delete are undone with Ctrl+Z and the Undo button', async () => {
  const open = async (name) => {
    await browser.execute(
      (n) => [...document.querySelectorAll('[data-testid="campaign-row"]')].find((r) => r.innerText.includes(n)).click(),
      name,
    );
    await (await browser.$('[data-testid="campaign-form"]')).waitForDisplayed();
  };
  await open('Winter webinar week');
  await (await browser.$('[data-testid="campaign-form"]').$('button=Archive')).click();
  await browser.waitUntil(async () => !(await names()).includes('Winter webinar week'), { timeout: 5000 });
  await browser.keys(['Control', 'z']);
  await browser.waitUntil(async () => (await names()).includes('Winter webinar week'), { timeout: 5000, timeoutMsg: 'Ctrl+Z did not unarchive' });

  await open('Winter webinar week');
  await (await browser.$('[data-testid="campaign-form"]').$('button=Delete')).click();
  await browser.waitUntil(async () => !(await names()).includes('Winter webinar week'), { timeout: 5000 });
  await app.shot('deleted-with-undo');
  await (await browser.$('button=Undo')).click();
  await browser.waitUntil(async () => (await names()).includes('Winter webinar week'), { timeout: 5000, timeoutMsg: 'Undo did not restore' });
});

test('a campaign shows what it brought, and opens the board on its deals', async () => {
  const rows = await browser.$$('[data-testid="campaign-row"]');
  let found = false;
  for (const row of rows.slice(0, 8)) {
    await row.click();
    const numbers = await browser.$('[data-testid="campaign-numbers"]');
    await numbers.waitForDisplayed({ timeout: 5000 });
    const text = await browser.execute(() => document.querySelector('[data-testid="campaign-numbers"]').innerText);
    assert.match(text, /Leads\s+\d+/);
    const link = await numbers.$('button*=on the board');
    if (await link.isExisting()) {
      await app.shot('numbers');
      await link.click();
      found = true;
      break;
    }
    await browser.keys(['Escape']);
    await (await browser.$('[data-testid="campaign-form"]')).waitForDisplayed({ reverse: true });
  }
  assert.ok(found, 'a demo campaign has deals');
  const select = await browser.$('select[aria-label="Source campaign"]');
  await select.waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await select.getValue()) !== '', { timeout: 5000, timeoutMsg: 'the board is not filtered' });
  assert.ok(await (await browser.$('button=Clear filters')).isDisplayed());
});
