// The import workbench, end to end on a demo workspace: a German Excel CSV (Windows-1252,
// semicolons) picked through the dialog, a column mapped by hand to a campaign, the dry run's
// problem named by row and column, the valid rows imported and found in the list, then the
// import undone from the history; a file of 1,200 leads, indexed for search by the app after its
// commit, found, and undone; the workbench again in dark mode.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoWorkspace, innerText, launch } from './harness.mjs';

const { home, db, cli, remove } = demoWorkspace('import');
const csvFile = join(home, 'messe-kontakte.csv');
let app;
let browser;

const total = () => JSON.parse(cli('leads', 'list', '--limit', '1', '--json')).total;

/** One number read from the workspace by Python's own SQLite, read-only: not through Tandem. */
const count = (sql) =>
  Number(
    execFileSync(process.env.TANDEM_PYTHON ?? 'python3', [
      '-c',
      'import sqlite3, sys; print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute(sys.argv[2]).fetchone()[0])',
      db,
      sql,
    ]),
  );

// "ü", "ß" and "é" as Windows-1252 bytes, as Excel on a German Windows saves "CSV (semicolon)".
const latin1 = (text) => Buffer.from([...text].map((c) => c.charCodeAt(0)));
const rows = [
  'Vorname;Nachname;E-Mail;Firma;Kampagne;Schuhgröße',
  'Jürgen;Weiß;juergen.weiss@example.de;Bäckerei Weiß;Herbstmesse 2026;44',
  'Renée;Faßbender;renee@example.de;Faßbender GmbH;Herbstmesse 2026;38',
  'Karl;Kaputt;karl@;;Herbstmesse 2026;42',
];

before(async () => {
  writeFileSync(csvFile, latin1(rows.join('\r\n') + '\r\n'));
  app = await launch('import', { home, args: ['--db', db], env: { TANDEM_FILE_CHOICE: csvFile } });
  browser = app.browser;
});
after(async () => {
  await app?.close();
  remove();
});

async function openWorkbench() {
  const button = await browser.$('button=Import…');
  await button.waitForClickable({ timeout: 15000 });
  await button.click();
  await (await browser.$('[data-testid="import-view"]')).waitForDisplayed();
}

test('a CSV is mapped, previewed, imported without its bad row, and undone', async () => {
  const before = total();
  await openWorkbench();
  await app.shot('start');
  await (await browser.$('button=Choose a file…')).click();
  const format = await browser.$('[data-testid="import-format"]');
  await format.waitForDisplayed({ timeout: 10000 });
  assert.equal(await innerText(browser, '[data-testid="import-format"]'), 'semicolon-separated · 3 rows');
  const mapping = await innerText(browser, '[data-testid="mapping"]');
  assert.match(mapping, /Jürgen/, 'the file was read in its own encoding');
  assert.equal(await (await browser.$('select[aria-label="Encoding"]')).getValue(), 'windows-1252', 'and says which');

  // "Kampagne" is not a header the dictionary knows: it is mapped by hand.
  const kampagne = await browser.$('select[aria-label="Field for Kampagne"]');
  assert.equal(await kampagne.getValue(), '');
  await kampagne.selectByAttribute('value', 'campaign');
  const problems = await browser.$('[data-testid="import-problems"]');
  await problems.waitForDisplayed({ timeout: 10000 });
  assert.match(await innerText(browser, '[data-testid="import-problems"]'), /4\s+E-Mail\s+"karl@" is not an email address/);
  await browser.waitUntil(async () => /2\s*new/.test(await innerText(browser, '[data-testid="import-counts"]')), {
    timeout: 5000,
    timeoutMsg: 'the dry run does not show 2 new leads',
  });
  const run = await browser.$('[data-testid="run-import"]');
  assert.equal(await run.isEnabled(), false, 'a row with a problem blocks the import until it is left out');
  await app.shot('mapping-and-problems');

  await (await browser.$('label*=Import the other rows')).click();
  await browser.waitUntil(async () => (await run.isEnabled()) && (await run.getText()).includes('Import 2 leads'), { timeout: 5000 });
  await run.click();
  const done = await browser.$('[data-testid="import-done"]');
  await done.waitForDisplayed({ timeout: 15000 });
  assert.match(await innerText(browser, '[data-testid="import-done"]'), /2 new leads/);
  await app.shot('imported');
  assert.equal(total(), before + 2, 'written to the workspace');
  const jurgen = JSON.parse(cli('leads', 'search', 'Weiß', '--json')).find((l) => l.name === 'Jürgen Weiß');
  assert.equal(jurgen?.company, 'Bäckerei Weiß');
  const record = cli('lead', 'show', jurgen.id);
  assert.match(record, /Herbstmesse 2026/, 'the campaign column became a touchpoint');

  await (await browser.$('button=See the leads')).click();
  const search = await browser.$('input[aria-label="Search leads"]');
  await search.setValue('Faßbender');
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="lead-count"]')).startsWith('1'), { timeout: 5000 });
  await app.shot('found-in-list');
  await search.clearValue();

  await openWorkbench();
  const batch = await browser.$('[data-testid="import-batch"]');
  await batch.waitForDisplayed({ timeout: 5000 });
  assert.match(await innerText(browser, '[data-testid="import-batch"]'), /messe-kontakte\.csv/);
  await (await batch.$('button=Undo')).click();
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="import-batch"]')).includes('undone'), { timeout: 5000, timeoutMsg: 'not undone' });
  assert.equal(total(), before, 'the import undone whole');
  await app.shot('undone');
});

// A file of 1,000 new leads or more is committed before its leads are indexed for search; the
// page then has them indexed, saying so meanwhile, and undoing it trashes them set-wise.
test('a large CSV is imported, its leads can be searched, and its undo takes them all away', async () => {
  const bigFile = join(home, 'adressliste.csv');
  const lines = ['First Name,Last Name,Email,Company,Tags'];
  for (let i = 0; i < 1200; i++) lines.push(`Quinta${i},Vossberg,quinta.${i}@vossberg.example,Quellwerk ${i % 30} AG,messe;vip`);
  writeFileSync(bigFile, lines.join('\n') + '\n');
  await app.close();
  app = await launch('import-large', { home, args: ['--db', db], env: { TANDEM_FILE_CHOICE: bigFile } });
  browser = app.browser;
  const before = total();

  await openWorkbench();
  await (await browser.$('button=Choose a file…')).click();
  await (await browser.$('[data-testid="import-format"]')).waitForDisplayed({ timeout: 10000 });
  assert.equal(await innerText(browser, '[data-testid="import-format"]'), 'comma-separated · 1,200 rows');
  const run = await browser.$('[data-testid="run-import"]');
  await browser.waitUntil(async () => (await run.isEnabled()) && (await run.getText()).includes('Import 1,200 leads'), {
    timeout: 10000,
    timeoutMsg: 'the dry run does not offer 1,200 new leads',
  });
  await run.click();
  const done = await browser.$('[data-testid="import-done"]');
  await done.waitForDisplayed({ timeout: 30000 });
  assert.match(await innerText(browser, '[data-testid="import-done"]'), /1,200 new leads/);
  await browser.waitUntil(async () => !(await (await browser.$('[data-testid="import-indexing"]')).isExisting()), {
    timeout: 15000,
    timeoutMsg: 'the new leads are still being indexed for search',
  });
  assert.equal(await (await browser.$('.toast.error')).isExisting(), false, 'no error on the way');
  // The app indexed them by itself, before any search asked (the CLI catches up first, too).
  assert.equal(count('SELECT count(*) FROM search_due'), 0);
  assert.equal(count('SELECT count(*) FROM lead_search'), count('SELECT count(*) FROM leads WHERE deleted_at IS NULL'));
  assert.equal(total(), before + 1200);

  await (await browser.$('button=See the leads')).click();
  const search = await browser.$('input[aria-label="Search leads"]');
  await search.setValue('Quinta1199');
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="lead-count"]')).startsWith('1 '), {
    timeout: 5000,
    timeoutMsg: 'the last lead of the file is not found',
  });
  await search.setValue('quellwerk');
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="lead-count"]')).startsWith('1,200 '), {
    timeout: 5000,
    timeoutMsg: 'the leads of a new company are not found by its name',
  });
  await app.shot('large-found');
  await search.clearValue();

  await openWorkbench();
  const batch = await browser.$('[data-testid="import-batch"]');
  await batch.waitForDisplayed({ timeout: 5000 });
  assert.match(await innerText(browser, '[data-testid="import-batch"]'), /adressliste\.csv/);
  await (await batch.$('button=Undo')).click();
  await browser.waitUntil(async () => (await innerText(browser, '[data-testid="import-batch"]')).includes('undone'), { timeout: 15000, timeoutMsg: 'not undone' });
  assert.equal(total(), before, 'all 1,200 leads are gone');
  assert.deepEqual(JSON.parse(cli('leads', 'search', 'Quinta1199', '--json')), [], 'and out of the search index');
});

test('the workbench reads well in dark mode', async () => {
  await app.close();
  app = await launch('import-dark', { home, args: ['--db', db], env: { TANDEM_FILE_CHOICE: csvFile, GTK_THEME: 'Adwaita:dark' } });
  browser = app.browser;
  await openWorkbench();
  await (await browser.$('button=Choose a file…')).click();
  await (await browser.$('[data-testid="import-problems"]')).waitForDisplayed({ timeout: 10000 });
  await app.shot('dark');
});
