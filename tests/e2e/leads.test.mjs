// The Leads screen, end to end, in the real app: the path a new user takes on day one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let app;
let browser;

before(async () => {
  app = await launch('leads');
  browser = app.browser;
});
after(async () => app?.close());

const byTest = (id) => browser.$(`[data-testid="${id}"]`);
const field = (name) => browser.$(`[role="dialog"] [name="${name}"]`);

/** The visible rows' text, top to bottom. */
function rowsText() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="lead-row"]')]
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
      .map((r) => r.innerText.replace(/\s+/g, ' ').trim()),
  );
}

test('a new workspace opens on the empty state in its own data folder', async () => {
  const empty = await byTest('empty-workspace');
  await empty.waitForDisplayed({ timeout: 15000 });
  assert.match(await empty.getText(), /No leads yet/);
  // The unseen text that matched the first screen's fonts while the script loaded is gone.
  assert.equal(await browser.execute(() => document.querySelectorAll('.font-probe').length), 0);
  await app.shot('empty-workspace');
});

test('a bad email gets Rust’s error beside the field, and nothing is saved', async () => {
  await browser.keys(['n']);
  const name = await field('name');
  await name.waitForDisplayed();
  assert.equal(await browser.execute(() => document.activeElement?.getAttribute('name')), 'name', 'n opens the form with focus on the name');
  await name.setValue('Ana Costa');
  await (await field('email')).setValue('ana@costa');
  await (await field('company')).setValue('Maple Dental');
  await (await browser.$('[role="dialog"] button[type="submit"]')).click();
  const error = await byTest('field-error');
  await error.waitForDisplayed();
  assert.match(await error.getText(), /not an email address/);
  assert.equal(await (await field('email')).getAttribute('aria-invalid'), 'true');
  await app.shot('validation-error');
});

test('fixing the error saves the lead and it appears in the list', async () => {
  const email = await field('email');
  await email.clearValue();
  await email.setValue('ana@maple-dental.example');
  await (await browser.$('[role="dialog"] button[type="submit"]')).click();
  await (await browser.$('[role="dialog"]')).waitForDisplayed({ reverse: true });
  await browser.waitUntil(async () => (await rowsText()).some((t) => t.includes('Ana Costa')), { timeout: 5000 });
  const [row] = await rowsText();
  assert.match(row, /ana@maple-dental\.example/);
  assert.match(row, /Maple Dental/);
  await app.shot('lead-created');
});

test('a second lead, then search finds each by a prefix', async () => {
  await (await browser.$('button=New lead')).click().catch(async () => browser.keys(['n']));
  const name = await field('name');
  await name.waitForDisplayed();
  await name.setValue('Bruno Okafor');
  await (await field('notes')).setValue('Asked about solar panels for the warehouse');
  await browser.keys(['Control', 'Enter']);
  await (await browser.$('[role="dialog"]')).waitForDisplayed({ reverse: true });
  await browser.waitUntil(async () => (await rowsText()).length === 2, { timeout: 5000 });

  await browser.keys(['/']);
  const search = await browser.$('input[type="search"]');
  await search.setValue('sol');
  await browser.waitUntil(async () => (await rowsText()).length === 1, { timeout: 5000 });
  assert.match((await rowsText())[0], /Bruno Okafor/, 'found through the notes');
  assert.match(await (await byTest('lead-count')).getText(), /1 of 2/);

  await search.clearValue();
  await search.setValue('map');
  await browser.waitUntil(async () => {
    const rows = await rowsText();
    return rows.length === 1 && rows[0].includes('Ana Costa');
  }, { timeout: 5000 });
  await app.shot('search');

  await search.clearValue();
  const columns = await browser.$('button=Columns');
  const toolbarAt = await columns.getLocation('y');
  await search.setValue('m');
  const hint = await byTest('search-hint');
  await hint.waitForDisplayed();
  await app.shot('search-too-short');
  // Read as text content: WebDriver's visible-text reading returns nothing for a clipped (ellipsis) span.
  assert.match(await hint.getProperty('textContent'), /at least 2 characters/);
  assert.equal(await columns.getLocation('y'), toolbarAt, 'the hint shows inside the box; the toolbar stays put');
  await browser.keys(['Backspace']);
  await hint.waitForDisplayed({ reverse: true });
  await browser.waitUntil(async () => (await rowsText()).length === 2, { timeout: 5000 });
});

test('entering someone already there names them, and Open goes to their page', async () => {
  await (await browser.$('button=New lead')).click();
  await (await field('name')).waitForDisplayed();
  await (await field('name')).setValue('Anna Costa');
  await (await field('email')).setValue('ANA+quotes@Maple-Dental.example');
  const notice = await byTest('lead-duplicates');
  await notice.waitForDisplayed({ timeout: 5000, timeoutMsg: 'no duplicate named' });
  await app.shot('duplicate-named');
  const said = await browser.execute(() => document.querySelector('[data-testid="lead-duplicates"]').innerText);
  assert.match(said, /Ana Costa[\s\S]*same email/);
  await (await notice.$('button=Open')).click();
  const page = await browser.$('[data-testid="lead-page"]');
  await page.waitForDisplayed({ timeout: 5000 });
  assert.equal(await browser.execute(() => document.querySelector('[data-testid="lead-page"] h1').textContent), 'Ana Costa');
  await (await browser.$('button=← Leads')).click();
  await browser.waitUntil(async () => (await rowsText()).length === 2, { timeout: 5000, timeoutMsg: 'nothing was saved, still two leads' });
});

test('a lead opens on its page, and editing it there saves the change', async () => {
  await (await browser.$('#lead-row-0')).click();
  const page = await browser.$('[data-testid="lead-page"]');
  await page.waitForDisplayed({ timeout: 5000 });
  await (await page.$('button=Edit')).click();
  const company = await field('company');
  await company.waitForDisplayed();
  assert.equal(await company.getValue(), 'Maple Dental');
  await company.clearValue();
  await company.setValue('Maple Dental Group');
  await (await field('tags')).setValue('vip, trade show');
  await app.shot('editing');
  await (await browser.$('[role="dialog"] button[type="submit"]')).click();
  await (await browser.$('[role="dialog"]')).waitForDisplayed({ reverse: true });
  await browser.waitUntil(async () => (await page.getText()).includes('Maple Dental Group'), { timeout: 5000 });
  await (await browser.$('button=← Leads')).click();
  await browser.waitUntil(async () => (await rowsText())[0]?.includes('Maple Dental Group'), { timeout: 5000 });
  // The row shows the first tag and how many more; its title names them all.
  assert.match((await rowsText())[0], /trade show \+1/);
  assert.equal(await browser.execute(() => document.querySelector('#lead-row-0 .tags')?.getAttribute('title')), 'trade show, vip');
});

test('delete shows an Undo toast, and Undo brings the lead back', async () => {
  await (await browser.$('#lead-row-1')).click();
  const page = await browser.$('[data-testid="lead-page"]');
  await page.waitForDisplayed({ timeout: 5000 });
  await (await page.$('button=Edit')).click();
  await (await field('name')).waitForDisplayed();
  await (await browser.$('[role="dialog"] button.danger')).click();
  await browser.waitUntil(async () => (await rowsText()).length === 1, { timeout: 5000 });
  const toast = await browser.$('//div[@data-testid="toast"][contains(., "Deleted Bruno Okafor")]');
  await toast.waitForDisplayed();
  await app.shot('deleted-with-undo');

  await (await toast.$('button=Undo')).click();
  await browser.waitUntil(async () => (await rowsText()).length === 2, { timeout: 5000 });
  assert.ok((await rowsText()).some((t) => t.includes('Bruno Okafor')));
  await app.shot('undone');
});

test('two duplicates are merged from the duplicates list, and the merge is undone', async () => {
  // Saved anyway, although the form names the lead it duplicates.
  await (await browser.$('button=New lead')).click();
  await (await field('name')).waitForDisplayed();
  await (await field('name')).setValue('Ana Costa');
  await (await field('email')).setValue('ana@maple-dental.example');
  await (await field('phone')).setValue('+351 912 345 678');
  await (await byTest('lead-duplicates')).waitForDisplayed({ timeout: 5000 });
  await (await browser.$('[role="dialog"] button[type="submit"]')).click();
  await (await browser.$('[role="dialog"]')).waitForDisplayed({ reverse: true });
  await browser.waitUntil(async () => (await rowsText()).length === 3, { timeout: 5000 });

  await (await browser.$('button=Duplicates')).click();
  const pair = await browser.$('[data-testid="duplicate-pair"]');
  await pair.waitForDisplayed({ timeout: 5000 });
  assert.match(await browser.execute(() => document.querySelector('[data-testid="duplicate-pair"]').innerText), /Same email/);
  await (await pair.$('button=Merge…')).click();
  const dialog = await browser.$('[data-testid="merge-dialog"]');
  await dialog.waitForDisplayed({ timeout: 5000 });
  // The older lead is kept; it has no phone, so the phone comes from the newer one.
  assert.ok(await (await dialog.$('input[aria-label="Phone from Ana Costa"]:checked')).isExisting());
  await app.shot('merge-dialog');
  await (await dialog.$('button[type="submit"]')).click();
  await dialog.waitForDisplayed({ reverse: true, timeout: 5000 });
  const toast = await browser.$('//div[@data-testid="toast"][contains(., "Merged Ana Costa into Ana Costa")]');
  await toast.waitForDisplayed({ timeout: 5000 });
  await (await browser.$('h2=No duplicates')).waitForDisplayed({ timeout: 5000 });
  await app.shot('merged');

  await (await toast.$('button=Undo')).click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="duplicate-pair"]')).length === 1, { timeout: 5000, timeoutMsg: 'the pair did not come back' });
  await (await browser.$('button=← Leads')).click();
  await browser.waitUntil(async () => (await rowsText()).length === 3, { timeout: 5000, timeoutMsg: 'both leads are not back' });
});

test('a deleted lead waits in the trash and is restored from there', async () => {
  const bruno = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="lead-row"]')].findIndex((r) => r.innerText.includes('Bruno Okafor')),
  );
  await (await browser.$(`#lead-row-${bruno}`)).click();
  const page = await browser.$('[data-testid="lead-page"]');
  await page.waitForDisplayed({ timeout: 5000 });
  await (await page.$('button=Edit')).click();
  await (await browser.$('[role="dialog"] button.danger')).click();
  await browser.waitUntil(async () => !(await rowsText()).some((t) => t.includes('Bruno Okafor')), { timeout: 5000, timeoutMsg: 'still listed' });

  await (await browser.$('button=Trash')).click();
  const row = await browser.$('[data-testid="trash-row"]');
  await row.waitForDisplayed({ timeout: 5000 });
  assert.match(await browser.execute(() => document.querySelector('[data-testid="trash-row"]').innerText), /Bruno Okafor[\s\S]*deleted/);
  await app.shot('trash');
  await (await row.$('button=Restore')).click();
  await (await browser.$('h2=The trash is empty')).waitForDisplayed({ timeout: 5000 });
  await (await browser.$('button=← Leads')).click();
  await browser.waitUntil(async () => (await rowsText()).some((t) => t.includes('Bruno Okafor')), { timeout: 5000, timeoutMsg: 'not back in the list' });
});
