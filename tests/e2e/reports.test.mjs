// Reports end to end on a demo workspace: every report with its chart and tables, a change of
// period redrawing at once, the numbers on screen equal to those in the exported CSV and PDF, an
// Excel export, a saved report pack exported as one PDF, all data exported from Settings; a
// screenshot of each report, and the funnel and the pack dialog in dark mode.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { demoWorkspace, innerText, launch } from './harness.mjs';

const { home, db, cli, remove } = demoWorkspace('reports');
// The file the app's save dialog "picks" (a native dialog cannot be driven).
const chosen = join(home, 'pipeline.csv');
let app;
let browser;

before(async () => {
  app = await launch('reports', { home, args: ['--db', db], env: { TANDEM_FILE_CHOICE: chosen } });
  browser = app.browser;
  const screen = await browser.$('nav[aria-label="Screens"]').$('button=Reports');
  await screen.waitForClickable({ timeout: 15000 });
  await screen.click();
  await (await browser.$('[data-testid="report-table"]')).waitForDisplayed({ timeout: 10000 });
});
after(async () => {
  await app?.close();
  remove();
});

/** The first table on screen: its header and rows as text. */
const firstTable = () =>
  browser.execute(() => {
    const table = document.querySelector('[data-testid="report-table"]');
    const cells = (tr) => [...tr.children].map((c) => c.textContent.trim());
    return { header: cells(table.querySelector('thead tr')), rows: [...table.querySelectorAll('tbody tr')].map(cells) };
  });

const pick = async (label) => {
  await (await browser.$('nav[aria-label="Reports"]').$(`button=${label}`)).click();
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="report-title"]')) === label, { timeout: 5000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="report-table"], .empty')).length > 0, { timeout: 5000 });
};

test('every report shows its chart above its tables', async () => {
  for (const label of ['Pipeline', 'Forecast', 'Funnel', 'Campaign performance', 'Win/loss', 'Velocity', 'Activity', 'Marketing output']) {
    await pick(label);
    await browser.waitUntil(async () => browser.execute(() => !!document.querySelector('[data-testid="report-chart"] canvas')), {
      timeout: 5000,
      timeoutMsg: `${label} has no chart`,
    });
    const { rows } = await firstTable();
    assert.ok(rows.length > 0, `${label} has rows on the demo`);
    // Every column in view in the default 1200 px window, the ten of campaign performance too.
    const overflow = await browser.execute(() => {
      const table = document.querySelector('[data-testid="report-table"]');
      return table.offsetWidth - table.parentElement.clientWidth;
    });
    assert.ok(overflow <= 0, `${label}'s table is ${overflow} px wider than the screen`);
    await app.shot(label.toLowerCase().replaceAll(/[^a-z]+/g, '-'));
  }
});

test('changing the period redraws the report at once', async () => {
  await pick('Activity');
  const year = await firstTable();
  const about = await innerText(browser, '[data-testid="report-filters"]');
  await (await browser.$('select[aria-label="Period"]')).selectByVisibleText('This month');
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="report-filters"]')) !== about, { timeout: 5000 });
  const month = await firstTable();
  const total = (t) => t.rows.reduce((n, r) => n + Number(r[2].replace(/\D/g, '')), 0);
  assert.ok(total(month) < total(year), `this month ${total(month)} < last 12 months ${total(year)}`);
  await app.shot('activity-this-month');
});

test('the pipeline on screen equals its CSV export, and Excel exports too', async () => {
  await pick('Pipeline');
  const shown = await firstTable();
  await (await browser.$('button=Export CSV')).click();
  const file = join(home, 'pipeline-open-deals-by-stage.csv');
  await browser.waitUntil(() => existsSync(file), { timeout: 5000, timeoutMsg: 'no CSV written' });
  await browser.waitUntil(async () => (await innerText(browser, '[role="status"], .toast')).includes('Exported to'), { timeout: 5000 });
  const lines = readFileSync(file, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[0], 'Pipeline,Stage,Deals,Value,Weighted value,Currency');
  const csvRows = lines.slice(1).map((l) => l.split(','));
  assert.equal(csvRows.length, shown.rows.length);
  csvRows.forEach((r, i) => {
    assert.equal(r[1], shown.rows[i][1]);
    assert.equal(r[2], shown.rows[i][2].replace(/\D/g, ''), `deals in ${r[1]}`);
    assert.equal(Number(r[3]).toFixed(2), shown.rows[i][3].replace(/[^\d.]/g, ''), `value in ${r[1]}`);
  });
  // The same numbers the CLI makes for a scheduled export.
  const jsonFile = join(home, 'pipeline.json');
  cli('report', 'pipeline', '--format', 'json', '--out', jsonFile);
  const json = JSON.parse(readFileSync(jsonFile, 'utf8'));
  assert.deepEqual(json.tables[0].rows.map((r) => String(r[2].value)), csvRows.map((r) => r[2]));

  await (await browser.$('button=Export Excel')).click();
  // The test's stand-in dialog names the same path; the workbook replaces the CSV there.
  await browser.waitUntil(() => readFileSync(chosen).subarray(0, 2).toString() === 'PK', { timeout: 5000, timeoutMsg: 'no workbook written' });
  assert.ok(statSync(chosen).size > 5000);
  await app.shot('exported');
});

/** Relaunches the app with the save dialog "picking" `file`, on the Reports screen. */
async function relaunch(name, file, env = {}) {
  await app.close();
  app = await launch(name, { home, args: ['--db', db], env: { TANDEM_FILE_CHOICE: file, ...env } });
  browser = app.browser;
  const screen = await browser.$('nav[aria-label="Screens"]').$('button=Reports');
  await screen.waitForClickable({ timeout: 15000 });
  await screen.click();
}

const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

test('a report exported as PDF carries the numbers on screen', async () => {
  const pdf = join(home, 'report.pdf');
  await relaunch('reports-pdf', pdf);
  await pick('Win/loss');
  const shown = await firstTable();
  await (await browser.$('button=Export PDF')).click();
  await browser.waitUntil(() => existsSync(pdf), { timeout: 5000, timeoutMsg: 'no PDF written' });
  await browser.waitUntil(async () => (await innerText(browser, '.toast')).includes('Exported to'), { timeout: 5000 });
  const text = pdfText(pdf);
  assert.match(text, /^\s*Win\/loss/);
  assert.match(text, /Page 1 of \d+/);
  // Every row on screen is a line of the PDF, its cells in the same order.
  const lines = text.split('\n');
  for (const row of shown.rows) {
    const found = lines.some((l) => {
      let at = 0;
      return row.every((cell) => (at = l.indexOf(cell, at)) >= 0 && (at += cell.length));
    });
    assert.ok(found, `the row ${row.join(' | ')} is in the PDF`);
  }
  await app.shot('win-loss-exported-pdf');
});

test('a report pack is saved, chosen again and exported as one PDF', async () => {
  const pdf = join(home, 'report.pdf');
  await (await browser.$('button=Report pack…')).click();
  const dialog = await browser.$('[data-testid="pack-dialog"]');
  await dialog.waitForDisplayed();
  // Rust refuses a pack without a name, beside the field.
  await (await dialog.$('button=Save pack')).click();
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="pack-dialog"] .error')).includes('is required'), { timeout: 5000 });
  await (await dialog.$('input[name="name"]')).setValue('Monday review');
  for (const label of ['Pipeline', 'Funnel', 'Activity']) await (await dialog.$(`label*=${label}`)).click();
  await (await dialog.$('button=Save pack')).click();
  await browser.waitUntil(async () => (await dialog.$$('.chip')).length === 1, { timeout: 5000, timeoutMsg: 'the pack is not listed' });
  await app.shot('pack-saved');
  await (await dialog.$('button=Close')).click();

  // Reopened: the saved pack fills the form again.
  await (await browser.$('button=Report pack…')).click();
  await (await browser.$('[data-testid="pack-dialog"]').$('button=Monday review')).click();
  const ticked = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="pack-dialog"] fieldset input[type=checkbox]:checked')].map((i) => i.value),
  );
  assert.deepEqual(ticked, ['pipeline', 'funnel', 'win-loss', 'activity']);
  const before = statSync(pdf).mtimeMs;
  await (await browser.$('[data-testid="pack-dialog"]').$('button*=Export 4 reports')).click();
  await browser.waitUntil(() => statSync(pdf).mtimeMs > before, { timeout: 10000, timeoutMsg: 'no pack written' });
  const titles = pdfText(pdf)
    .split('\f')
    .map((page) => page.trim().split('\n')[0].trim())
    .filter((t) => ['Pipeline', 'Funnel', 'Win/loss', 'Activity'].includes(t));
  assert.deepEqual(titles, ['Pipeline', 'Funnel', 'Win/loss', 'Activity'], 'each report from a new page, in the list order');
});

test('all data is exported from Settings with its progress', async () => {
  const folder = join(home, 'all-data');
  await relaunch('reports-data', folder);
  await (await browser.$('nav[aria-label="Screens"]').$('button=Settings')).click();
  const card = await browser.$('[data-testid="data-export"]');
  await card.waitForDisplayed({ timeout: 5000 });
  await (await card.$('button=Export as CSV files…')).click();
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="data-export"]')).includes(' files in '), {
    timeout: 10000,
    timeoutMsg: 'the export did not finish',
  });
  // In a folder of its own inside the one chosen.
  const [made] = readdirSync(folder);
  assert.match(made, /^tandem-data-\d{4}-\d{2}-\d{2}$/);
  const inside = join(folder, made);
  assert.deepEqual(readdirSync(inside).sort(), [
    'activities.csv',
    'calendar-items.csv',
    'campaigns.csv',
    'companies.csv',
    'deals.csv',
    'leads.csv',
    'touchpoints.csv',
  ]);
  const leads = readFileSync(join(inside, 'leads.csv'), 'utf8').trim().split('\r\n');
  assert.ok(leads.length > 100, `${leads.length - 1} leads exported`);
  // The rows Rust reported over the progress channel, table by table, are the rows in the files.
  const rows = readdirSync(inside).reduce((n, f) => n + readFileSync(join(inside, f), 'utf8').trim().split('\r\n').length - 1, 0);
  const said = await innerText(browser, '[data-testid="data-export-done"]');
  assert.equal(said.replace(/[^\d ]/g, '').trim().split(/ +/)[0], String(rows), said);
  assert.match(said, /7 files in /);
  await card.scrollIntoView();
  await app.shot('settings-data-exported');
});

test('the funnel and the pack dialog in dark mode', async () => {
  await app.close();
  app = await launch('reports-dark', { home, args: ['--db', db], env: { GTK_THEME: 'Adwaita:dark' } });
  browser = app.browser;
  const screen = await browser.$('nav[aria-label="Screens"]').$('button=Reports');
  await screen.waitForClickable({ timeout: 15000 });
  await screen.click();
  await pick('Funnel');
  assert.ok(await browser.execute(() => matchMedia('(prefers-color-scheme: dark)').matches));
  await app.shot('funnel-dark');
  await (await browser.$('button=Report pack…')).click();
  await (await browser.$('[data-testid="pack-dialog"]').$('button=Monday review')).click();
  await app.shot('pack-dialog-dark');
});
