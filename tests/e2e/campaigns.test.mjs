// The Campaigns screen, end to end on a demo workspace: the list, its order and filters, a new
// campaign with an error fixed, and archive and delete undone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoWorkspace, launch } from './harness.mjs';

const { home, db, remove } = demoWorkspace('campaigns');
let app;
let browser;

before(async () => {
  app = await launch('campaigns', { home, args: ['--db', db] });
  browser = app.browser;
  const screen = await browser.$('nav').$('button=Campaigns');
  await screen.waitForClickable({ timeout: 15000 });
  await screen.click();
  await browser.waitUntil(async () => (await names()).length > 0, { timeout: 10000, timeoutMsg: 'no campaigns listed' });
});
after(async () => {
  await app?.close();
  remove();
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
  // The list is hidden while the campaign's page is open, so an absent name alone proves nothing:
  // wait for the list to be back (the page leaves once the change went through) without the name.
  const archivedOrDeleted = (name) =>
    browser.waitUntil(
      async () =>
        !(await browser.$('[data-testid="campaign-page"]').isExisting()) &&
        (await browser.$('[data-testid="campaign-row"]').isExisting()) &&
        !(await names()).includes(name),
      { timeout: 5000, timeoutMsg: `${name} still listed` },
    );
  const open = async (name) => {
    await browser.execute(
      (n) => [...document.querySelectorAll('[data-testid="campaign-row"]')].find((r) => r.innerText.includes(n)).click(),
      name,
    );
    await (await browser.$('[data-testid="campaign-page"]').$('button=Edit')).click();
    await (await browser.$('[data-testid="campaign-form"]')).waitForDisplayed();
  };
  await open('Winter webinar week');
  await (await browser.$('[data-testid="campaign-form"]').$('button=Archive')).click();
  await archivedOrDeleted('Winter webinar week');
  await browser.keys(['Control', 'z']);
  await browser.waitUntil(async () => (await names()).includes('Winter webinar week'), { timeout: 5000, timeoutMsg: 'Ctrl+Z did not unarchive' });

  await open('Winter webinar week');
  await (await browser.$('[data-testid="campaign-form"]').$('button=Delete')).click();
  await archivedOrDeleted('Winter webinar week');
  await app.shot('deleted-with-undo');
  await (await browser.$('button=Undo')).click();
  await browser.waitUntil(async () => (await names()).includes('Winter webinar week'), { timeout: 5000, timeoutMsg: 'Undo did not restore' });
});

test('a campaign page shows its items, leads and deals, and opens the board on its deals', async () => {
  const rows = await browser.$$('[data-testid="campaign-row"]');
  let found = false;
  for (let i = 0; i < Math.min(rows.length, 8); i++) {
    await (await browser.$$('[data-testid="campaign-row"]'))[i].click();
    const numbers = await browser.$('[data-testid="campaign-page-numbers"]');
    await numbers.waitForDisplayed({ timeout: 5000 });
    const text = await browser.execute(() => document.querySelector('[data-testid="campaign-page-numbers"]').innerText);
    assert.match(text, /Leads\s+\d+/);
    const link = await browser.$('[data-testid="campaign-page"]').$('button*=On the board');
    if ((await link.isExisting()) && (await browser.$('[data-testid="campaign-items"]').isExisting())) {
      const leads = await browser.execute(() => document.querySelectorAll('[data-testid="campaign-leads"] li').length);
      const deals = await browser.execute(() => document.querySelectorAll('[data-testid="campaign-deals"] li').length);
      const counted = await browser.execute(() => document.querySelector('#leads-title .count').textContent);
      assert.ok(leads > 0 && deals > 0, `${leads} leads, ${deals} deals listed`);
      assert.equal(String(leads), counted.replace(/\D/g, ''), 'every lead the numbers count is listed');
      // Credited leads under each model: never more than the leads it touched.
      const credited = () => browser.execute(() => document.querySelector('[data-testid="campaign-credit"]').innerText);
      await browser.waitUntil(async () => /leads/.test(await credited()), { timeout: 5000, timeoutMsg: 'no credit shown' });
      for (const model of ['last', 'linear', 'first']) {
        await (await browser.$('select[aria-label="Attribution model"]')).selectByAttribute('value', model);
        await browser.pause(200);
        const n = Number((await credited()).match(/([\d.,]+)\s+leads/)[1].replace(/,/g, ''));
        assert.ok(n <= leads, `${model}: ${n} credited of ${leads} touched`);
      }
      await app.shot('campaign-page');
      await link.click();
      found = true;
      break;
    }
    await (await browser.$('button=← Campaigns')).click();
    await (await browser.$('[data-testid="campaign-rows"]')).waitForDisplayed();
  }
  assert.ok(found, 'a demo campaign has items and deals');
  const select = await browser.$('select[aria-label="Source campaign"]');
  await select.waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await select.getValue()) !== '', { timeout: 5000, timeoutMsg: 'the board is not filtered' });
  assert.ok(await (await browser.$('button=Clear filters')).isDisplayed());
});

test('a lead on a campaign page opens its record', async () => {
  await (await browser.$('button=Campaigns')).click();
  const page = await browser.$('[data-testid="campaign-page"]');
  await page.waitForDisplayed({ timeout: 5000 });
  const name = await browser.execute(() => document.querySelector('[data-testid="campaign-leads"] li .main').textContent.trim());
  await (await browser.$('[data-testid="campaign-leads"] li button')).click();
  const lead = await browser.$('[data-testid="lead-page"]');
  await lead.waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await browser.execute(() => document.querySelector('[data-testid="lead-page"] h1')?.textContent)) === name, {
    timeout: 5000,
    timeoutMsg: `not ${name}'s page`,
  });
  assert.match(await browser.execute(() => document.querySelector('[data-testid="lead-timeline"]').innerText), /Lead created/);
});
