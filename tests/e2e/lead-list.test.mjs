// The grown-up leads list, end to end on a demo workspace: sort by score, choose columns, save
// and apply a view, change many leads at once and undo it, read a score's reasons, and edit the
// scoring rules.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoWorkspace, innerText, launch } from './harness.mjs';

const { home, db, remove } = demoWorkspace('lead-list');
let app;
let browser;

before(async () => {
  app = await launch('lead-list', { home, args: ['--db', db] });
  browser = app.browser;
});
after(async () => {
  await app?.close();
  remove();
});

const text = (selector) => innerText(browser, selector);
const texts = (selector) => browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.innerText), selector);
// textContent: the headers are upper-cased by CSS only.
const headers = () => browser.execute(() => [...document.querySelectorAll('[data-testid="lead-rows"] [role="columnheader"]')].map((e) => e.textContent.trim()));
// Each row's cells, as text, for rows that have their lead.
const rowCells = () =>
  browser.execute(() => [...document.querySelectorAll('[data-testid="lead-row"]')].map((r) => [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent)).filter((cells) => cells.length > 1));
const scores = async () => (await texts('[data-testid="lead-row"] [data-testid="lead-score"]')).map(Number);
const select = async (label, value) => {
  await (await browser.$(`select[aria-label="${label}"]`)).selectByAttribute('value', value);
};

test('the list sorts by score, highest first', async () => {
  await (await browser.$('[data-testid="lead-row"]')).waitForDisplayed({ timeout: 15000 });
  await select('Sort by', 'score');
  await (await browser.$('button[aria-label="Ascending"]')).click();
  await browser.waitUntil(async () => {
    const s = await scores();
    return s.length > 5 && s.every((v, i) => i === 0 || s[i - 1] >= v) && s[0] > s[s.length - 1];
  }, { timeout: 5000, timeoutMsg: 'scores are not in descending order' });
  await app.shot('sorted-by-score');
});

test('columns are chosen, and a view keeps filters, sort and columns under a name', async () => {
  await (await browser.$('[data-testid="columns-button"]')).click();
  await (await browser.$('label=Email')).click();
  await (await browser.$('label=Job title')).click();
  await browser.waitUntil(async () => (await headers()).includes('Job title') && !(await headers()).includes('Email'), {
    timeout: 5000,
    timeoutMsg: 'the chosen columns do not show',
  });
  // The rows follow the headers: a cell for each, and no email left in them.
  const shown = await headers();
  const rows = await rowCells();
  assert.ok(rows.length > 5, `only ${rows.length} rows`);
  for (const cells of rows) {
    assert.equal(cells.length, shown.length, `${cells.join(' | ')} against ${shown.join(' | ')}`);
    assert.ok(!cells.some((c) => c.includes('@')), cells.join(' | '));
  }
  await app.shot('columns-chosen');
  await browser.keys(['Escape']);
  await browser.waitUntil(async () => !(await browser.$('[aria-label="Columns shown"]').isExisting()), {
    timeout: 5000,
    timeoutMsg: 'Escape does not close the columns menu',
  });

  await select('Lifecycle stage', 'mql');
  await (await browser.$('[data-testid="save-view"]')).click();
  await (await browser.$('input[aria-label="View name"]')).setValue('Hot MQLs');
  await browser.keys(['Enter']);
  await browser.waitUntil(async () => (await browser.$('[data-testid="view-select"]').getValue()) === 'Hot MQLs', { timeout: 5000 });

  // Elsewhere, then back through the view.
  await select('Lifecycle stage', '');
  await select('Sort by', 'name');
  await (await browser.$('[data-testid="columns-button"]')).click();
  await (await browser.$('label=Job title')).click();
  await (await browser.$('[data-testid="columns-button"]')).click();
  await select('Saved view', 'Hot MQLs');
  await browser.waitUntil(async () => (await browser.$('select[aria-label="Lifecycle stage"]').getValue()) === 'mql', { timeout: 5000 });
  assert.equal(await browser.$('select[aria-label="Sort by"]').getValue(), 'score');
  assert.ok((await headers()).includes('Job title'), 'the view brings its columns back');
  const stages = await texts('[data-testid="lead-row"] .stage');
  assert.ok(stages.length > 0 && stages.every((s) => s === 'Marketing-qualified'), stages.join());
});

test('many leads change at once and one undo puts them back', async () => {
  // The same picks as before the view was applied: they must still be heard.
  await select('Lifecycle stage', '');
  await select('Sort by', 'name');
  await browser.waitUntil(async () => (await text('[data-testid="lead-count"]')) === '200', { timeout: 5000, timeoutMsg: 'the stage filter was not cleared' });
  await browser.waitUntil(async () => (await texts('[data-testid="lead-row"]')).length > 3, { timeout: 5000 });
  const boxes = await browser.$$('[data-testid="choose-lead"]');
  for (const box of boxes.slice(0, 3)) await box.click();
  assert.equal(await text('[data-testid="bulk-count"]'), '3 chosen');
  await (await browser.$('[data-testid="bulk-bar"]').$('button=Owner…')).click();
  await (await browser.$('input[aria-label="New owner"]')).setValue('Rita Bulk');
  await (await browser.$('[data-testid="bulk-bar"]').$('button=Apply')).click();
  await browser.waitUntil(async () => (await text('[data-testid="toast"]')).includes('Owner set to Rita Bulk for 3 leads'), { timeout: 5000 });
  const owners = async () => (await texts('[data-testid="lead-row"]')).slice(0, 3).filter((t) => t.includes('Rita Bulk')).length;
  await browser.waitUntil(async () => (await owners()) === 3, { timeout: 5000, timeoutMsg: 'the owner did not change' });
  await app.shot('bulk-owner-set');
  await browser.keys(['Control', 'z']);
  await browser.waitUntil(async () => (await owners()) === 0, { timeout: 5000, timeoutMsg: 'undo did not bring the owners back' });

  // Every match, beyond the loaded rows: a bad tag is refused by Rust with its reason.
  await select('Lifecycle stage', 'lead');
  await (await browser.$('[data-testid="lead-row"]')).waitForDisplayed({ timeout: 5000 });
  await (await browser.$('[data-testid="choose-all"]')).click();
  const matching = Number((await text('[data-testid="lead-count"]')).split(' ')[0].replace(/\D/g, ''));
  await browser.waitUntil(async () => (await text('[data-testid="bulk-count"]')) === `${matching} chosen`, { timeout: 5000 });
  await (await browser.$('[data-testid="bulk-bar"]').$('button=Add tag…')).click();
  await (await browser.$('input[aria-label="Tag"]')).setValue('a,b');
  await (await browser.$('[data-testid="bulk-bar"]').$('button=Apply')).click();
  await browser.waitUntil(async () => (await text('[data-testid="bulk-error"]')).includes('contains a comma'), { timeout: 5000 });
  await app.shot('bulk-error');
  await browser.keys(['Escape']);
  await browser.waitUntil(async () => !(await browser.$('[data-testid="bulk-bar"]').isExisting()), { timeout: 5000, timeoutMsg: 'Escape left the choice' });
});

test('a lead page says why its score is what it is', async () => {
  await select('Lifecycle stage', '');
  await select('Sort by', 'score');
  await browser.waitUntil(async () => {
    const s = await scores();
    return (await text('[data-testid="lead-count"]')) === '200' && s.length > 5 && s.every((v, i) => i === 0 || s[i - 1] >= v);
  }, { timeout: 5000, timeoutMsg: 'not sorted by score' });
  const top = (await scores())[0];
  await (await browser.$('[data-testid="lead-row"] .name')).click();
  await (await browser.$('[data-testid="lead-page"]')).waitForDisplayed({ timeout: 5000 });
  const reasons = await texts('[data-testid="score-reason"]');
  assert.ok(reasons.length > 0, 'reasons are listed');
  const sum = reasons.map((r) => Number(r.trim().split(/\s/)[0])).reduce((a, b) => a + b, 0);
  assert.equal(sum, top, `the reasons (${reasons.join(' | ')}) add up to the score`);
  await app.shot('score-reasons');
  await (await browser.$('button=← Leads')).click();
});

test('scoring rules are edited in Settings, refused with the rule named, and rescore every lead', async () => {
  await (await browser.$('nav').$('button=Settings')).click();
  const points = await browser.$('input[aria-label="Rule 1 points"]');
  await points.waitForDisplayed({ timeout: 5000 });
  await points.click();
  await browser.keys(['Control', 'a', 'Backspace']);
  await points.setValue('500');
  await (await browser.$('button=Save rules')).click();
  await browser.waitUntil(async () => (await text('[data-testid="score-rule"]')).includes('points must be a whole number'), { timeout: 5000 });
  await app.shot('scoring-rules-error');
  await points.click();
  await browser.keys(['Control', 'a', 'Backspace']);
  await points.setValue('90');
  await (await browser.$('button=Save rules')).click();
  await browser.waitUntil(async () => (await text('[data-testid="toast"]')).includes('Saved the scoring rules'), { timeout: 10000 });
  // Decision makers now lead the list by far.
  await (await browser.$('nav').$('button=Leads')).click();
  await browser.waitUntil(async () => ((await scores())[0] ?? 0) >= 90, { timeout: 5000, timeoutMsg: 'scores did not follow the rules' });
});
