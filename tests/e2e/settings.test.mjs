// Pipeline settings end to end, in dark mode: a stage holding deals asks where they go before it
// is deleted, stages are added and reordered, and the lost-reasons list is edited.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoWorkspace, launch } from './harness.mjs';

const { home, db, cli, remove } = demoWorkspace('settings');
let app;
let browser;

before(async () => {
  app = await launch('settings', { home, args: ['--db', db], env: { GTK_THEME: 'Adwaita:dark' } });
  browser = app.browser;
  const screen = await browser.$('nav').$('button=Settings');
  await screen.waitForClickable({ timeout: 15000 });
  await screen.click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="stage-row"]')).length > 0, { timeout: 10000 });
});
after(async () => {
  await app?.close();
  remove();
});

const stageNames = () =>
  browser.execute(() => [...document.querySelectorAll('[data-testid="stage-row"] input[aria-label="Stage name"]')].map((i) => i.value));

/** Open deals per stage of the first pipeline, as the CLI reads them from the file. */
function boardCounts() {
  return JSON.parse(cli('board', '--json')).columns.map((c) => [c.stage, c.totals.count]);
}

test('the settings screen follows the dark theme', async () => {
  assert.ok(await browser.execute(() => matchMedia('(prefers-color-scheme: dark)').matches), 'WebKit reports the dark theme');
  await app.shot('dark');
});

test('deleting a stage that holds deals asks where they go, and moves them', async () => {
  const [first, second] = boardCounts();
  assert.ok(first[1] > 0, 'the first stage holds deals');
  await (await browser.$(`button[aria-label="Delete ${first[0]}"]`)).click();
  const dialog = await browser.$('[data-testid="delete-stage-dialog"]');
  await dialog.waitForDisplayed();
  // Closed deals move too, so the count can exceed the open ones.
  assert.match(await dialog.getText(), /holds \d+ deals; choose the stage they move to/);
  await app.shot('delete-stage-asks');
  await (await dialog.$('button=Move deals and delete')).click();
  await dialog.waitForDisplayed({ reverse: true });
  await browser.waitUntil(async () => !(await stageNames()).includes(first[0]), { timeout: 5000 });
  const after = boardCounts();
  assert.deepEqual(after[0], [second[0], first[1] + second[1]], 'every deal moved; none orphaned');
});

test('a new stage is added at the end and can be moved up', async () => {
  await (await browser.$('input[aria-label="New stage name"]')).setValue('Contract review');
  await (await browser.$('button=Add stage')).click();
  await browser.waitUntil(async () => (await stageNames()).at(-1) === 'Contract review', { timeout: 5000 });
  await (await browser.$('button[aria-label="Move Contract review up"]')).click();
  await browser.waitUntil(async () => (await stageNames()).at(-2) === 'Contract review', { timeout: 5000 });
  const columns = boardCounts().map(([name]) => name);
  assert.equal(columns.at(-2), 'Contract review', 'the board has the new order');
});

test('a bad probability is refused beside the stage', async () => {
  const input = await browser.$('input[aria-label="Win probability of Contract review"]');
  await input.setValue('140');
  await browser.keys(['Tab']);
  await browser.waitUntil(async () => /100/.test(await browser.execute(() => document.querySelector('[role="alert"]')?.textContent ?? '')), {
    timeout: 5000,
    timeoutMsg: 'no error beside the stage',
  });
  await app.shot('bad-probability');
});

test('the lost-reasons list takes a new reason', async () => {
  await (await browser.$('input[aria-label="New lost reason"]')).setValue('Chose to wait a year');
  await (await browser.$('button=Add')).click();
  await browser.waitUntil(
    async () => (await browser.execute(() => [...document.querySelectorAll('input[aria-label="Lost reason"]')].map((i) => i.value))).includes('Chose to wait a year'),
    { timeout: 5000 },
  );
});

test('the board shows the new stages, in dark mode too', async () => {
  await (await browser.$('nav').$('button=Pipeline')).click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="stage-column"]')).length > 0, { timeout: 10000 });
  const headers = await browser.execute(() => [...document.querySelectorAll('[data-testid="stage-column"] h2')].map((h) => h.textContent));
  assert.equal(headers.at(-2), 'Contract review');
  await browser.pause(300);
  await app.shot('board-dark');
});

test('lead settings refuse a bad number beside it, and keep a choice', async () => {
  await (await browser.$('nav').$('button=Settings')).click();
  const hours = await browser.$('input[aria-label="Speed to lead, hours"]');
  await hours.waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await hours.getValue()) === '24', { timeout: 5000, timeoutMsg: 'the default is not shown' });
  await hours.setValue('0');
  await browser.keys('Tab');
  const error = () => browser.execute(() => document.querySelector('section[aria-labelledby="leads-title"] .error')?.textContent ?? '');
  await browser.waitUntil(async () => /between 1 and 2160/.test(await error()), { timeout: 5000, timeoutMsg: 'no error for 0 hours' });
  await app.shot('lead-settings-refused');
  await (await browser.$('select[aria-label="When every deal is lost"]')).selectByAttribute('value', 'disqualified');
  await hours.setValue('8');
  await browser.keys('Tab');
  await browser.waitUntil(async () => (await error()) === '', { timeout: 5000, timeoutMsg: 'the error stays' });

  // Away and back: read again from the workspace.
  await (await browser.$('nav').$('button=Leads')).click();
  await (await browser.$('nav').$('button=Settings')).click();
  await browser.waitUntil(async () => (await browser.$('input[aria-label="Speed to lead, hours"]').getValue()) === '8', { timeout: 5000, timeoutMsg: 'not kept' });
  assert.equal(await (await browser.$('select[aria-label="When every deal is lost"]')).getValue(), 'disqualified');
});

test('a lead page in dark mode', async () => {
  await (await browser.$('nav').$('button=Leads')).click();
  await (await browser.$('#lead-row-0')).click();
  await (await browser.$('[data-testid="lead-page"]')).waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="lead-timeline"] li')).length > 0, { timeout: 5000 });
  await app.shot('lead-page-dark');
});

test('the leads list with chosen leads, and the score rules, in dark mode', async () => {
  await (await browser.$('button=← Leads')).click();
  const boxes = await browser.$$('[data-testid="choose-lead"]');
  for (const box of boxes.slice(1, 3)) await box.click();
  await (await browser.$('[data-testid="bulk-bar"]')).waitForDisplayed({ timeout: 5000 });
  await app.shot('leads-chosen-dark');
  await browser.keys(['Escape']);
  await (await browser.$('nav').$('button=Settings')).click();
  const scoring = await browser.$('#scoring-title');
  await scoring.waitForDisplayed({ timeout: 5000 });
  await scoring.scrollIntoView();
  await app.shot('scoring-rules-dark');
});
