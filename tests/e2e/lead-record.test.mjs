// The lead record, end to end on a demo workspace: open a lead from the board and see its
// campaign and timeline, add a note and a touchpoint, convert another lead to a deal and find
// that deal on the board.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoWorkspace, innerText, launch } from './harness.mjs';

const { home, db, cli, remove } = demoWorkspace('lead-record');
let app;
let browser;

before(async () => {
  app = await launch('lead-record', { home, args: ['--db', db] });
  browser = app.browser;
});
after(async () => {
  await app?.close();
  remove();
});

const page = () => browser.$('[data-testid="lead-page"]');
const text = (selector) => innerText(browser, selector);

test('a lead opened from the board shows its source campaign, its deal and one timeline', async () => {
  await (await browser.$('nav').$('button=Pipeline')).click();
  const card = await browser.$('[data-card]');
  await card.waitForDisplayed({ timeout: 15000 });
  await card.click();
  const drawer = await browser.$('[data-testid="deal-drawer"]');
  await drawer.waitForDisplayed();
  const titleField = await drawer.$('[name="title"]');
  await titleField.waitForExist({ timeout: 5000 });
  const dealTitle = await titleField.getValue();
  await (await drawer.$('button*=Open lead record')).click();
  await (await page()).waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await text('[data-testid="lead-timeline"]')).includes('Lead created'), { timeout: 5000, timeoutMsg: 'no timeline' });

  const deals = await text('[data-testid="lead-deals"]');
  assert.ok(deals.length > 0, 'the lead’s deals are listed');
  if (dealTitle) assert.ok(deals.includes(dealTitle), `${dealTitle} is among ${deals}`);
  // The demo gives every lead a source touchpoint from a campaign.
  assert.match(await text('[data-testid="lead-source"]'), /·/);
  assert.match(await text('[data-testid="lead-timeline"]'), /Deal “.+” created/);
  await app.shot('from-the-board');
});

test('a note goes to the top of the timeline, a touchpoint onto it', async () => {
  await (await browser.$('[aria-label="Note"]')).setValue('Asked for a quote in spring');
  await (await browser.$('form[aria-label="Add to this lead"] button[type="submit"]')).click();
  await browser.waitUntil(async () => (await text('[data-testid="lead-timeline"] li')).includes('Note: Asked for a quote in spring'), {
    timeout: 5000,
    timeoutMsg: 'the note is not the newest entry',
  });

  await (await browser.$('button[role="tab"]=Touchpoint')).click();
  await (await browser.$('select[aria-label="Touchpoint kind"]')).selectByAttribute('value', 'walk_in');
  const campaign = await browser.$('select[aria-label="Campaign"]');
  await browser.waitUntil(async () => (await campaign.$$('option')).length > 1, { timeout: 5000 });
  const name = await (await campaign.$$('option'))[1].getText();
  await campaign.selectByIndex(1);
  await (await browser.$('form[aria-label="Add to this lead"] button[type="submit"]')).click();
  // Its time is the minute the form showed, so it sits just below the note.
  await browser.waitUntil(async () => (await text('[data-testid="lead-timeline"]')).includes(`Walk-in · ${name}`), {
    timeout: 5000,
    timeoutMsg: 'the walk-in is not on the timeline',
  });

  // A touchpoint with no kind Rust knows is refused beside the form (the page offers only good
  // ones, so this goes through IPC as a page would).
  const refused = await browser.execute(async () => {
    try {
      await window.__TAURI_INTERNALS__.invoke('add_touchpoint', { input: { lead_id: 'x', kind: 'telepathy' } });
      return 'accepted';
    } catch (e) {
      return e.field;
    }
  });
  assert.equal(refused, 'lead_id');
  await app.shot('note-and-touchpoint');
});

test('converting a lead to a deal makes it an opportunity, and the deal is on the board', async () => {
  const mql = JSON.parse(cli('leads', 'list', '--stage', 'mql', '--limit', '1', '--json')).leads[0];
  await (await browser.$('nav').$('button=Leads')).click();
  await (await browser.$('nav').$('button=Leads')).click();
  const search = await browser.$('input[aria-label="Search leads"]');
  await search.waitForDisplayed({ timeout: 5000 });
  await search.setValue(mql.name);
  await browser.waitUntil(async () => (await text('#lead-row-0')).includes(mql.name), { timeout: 5000, timeoutMsg: 'the lead is not found' }).catch(async (e) => {
    await app.shot('not-found');
    throw e;
  });
  await (await browser.$('#lead-row-0')).click();
  await (await page()).waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await text('[data-testid="lead-stage"]')) === 'Marketing-qualified', { timeout: 5000 });

  await (await browser.$('button=Convert to deal')).click();
  const form = await browser.$('[data-testid="deal-form"]');
  await form.waitForDisplayed({ timeout: 5000 });
  assert.ok((await text('[data-testid="deal-form"]')).includes(mql.name), 'the lead is already chosen');
  await (await form.$('[name="title"]')).setValue('Converted on the lead page');
  await (await form.$('[name="value_minor"]')).setValue('4200');
  await (await form.$('button[type="submit"]')).click();
  await form.waitForDisplayed({ reverse: true, timeout: 5000 });

  await browser.waitUntil(async () => (await text('[data-testid="lead-stage"]')) === 'Opportunity', { timeout: 5000, timeoutMsg: 'not an opportunity' });
  assert.match(await text('[data-testid="lead-timeline"]'), /Stage MQL → Opportunity\s+because the deal “Converted on the lead page” created/);
  await app.shot('converted');

  await (await (await browser.$('[data-testid="lead-deals"]')).$('button*=Converted on the lead page')).click();
  const drawer = await browser.$('[data-testid="deal-drawer"]');
  await drawer.waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await drawer.$('[name="title"]').getValue()) === 'Converted on the lead page', { timeout: 5000 });
  const onBoard = await browser.execute(() => [...document.querySelectorAll('[data-card]')].some((c) => c.innerText.includes('Converted on the lead page')));
  assert.ok(onBoard, 'a card on the board');
  await app.shot('deal-on-the-board');
});

test('MQLs nobody has acted on are flagged in the list and on their page', async () => {
  await (await browser.$('nav').$('button=Leads')).click();
  await (await browser.$('nav').$('button=Leads')).click();
  const search = await browser.$('input[aria-label="Search leads"]');
  await search.waitForDisplayed({ timeout: 5000 });
  // Typed away as a person would (clearing the value sends no input event).
  await search.click();
  await browser.keys(['Control', 'a']);
  await browser.keys(['Backspace']);
  await (await browser.$('select[aria-label="Lifecycle stage"]')).selectByAttribute('value', 'mql');
  const flag = await browser.$('[data-testid="lead-waiting"]');
  await flag.waitForDisplayed({ timeout: 5000, timeoutMsg: 'no MQL is flagged as waiting' }).catch(async (e) => {
    await app.shot('no-flag');
    throw e;
  });
  await app.shot('waiting-in-the-list');
  const clipped = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="lead-waiting"]')].filter((b) => b.getBoundingClientRect().right > b.parentElement.getBoundingClientRect().right + 0.5).length,
  );
  assert.equal(clipped, 0, 'every flag shows its whole time beside the stage');
  const hours = await flag.getAttribute('title');
  await flag.click();
  const banner = await browser.$('[data-testid="lead-page"] [data-testid="lead-waiting"]');
  await banner.waitForDisplayed({ timeout: 5000 });
  await app.shot('waiting-on-the-page');
  // The flag's title and the page's banner tell the same wait in the same words.
  const wait = hours.match(/waiting (1 hour|\d+ hours|\d+ days) for a first move/)?.[1];
  assert.ok(wait, hours);
  assert.ok((await banner.getText()).includes(`waiting ${wait} for a first move`), await banner.getText());
});

test('a company’s details are edited from a lead’s page, refused beside the field, and its size scores', async () => {
  // A lead with a company, found as a page would list it.
  const name = await browser.execute(async () => {
    const query = { search: null, stage: null, owner: null, tag: null, sort: 'name', descending: false, offset: 0, limit: 100 };
    const page = await window.__TAURI_INTERNALS__.invoke('list_leads', { query });
    return page.leads.find((l) => l.company)?.name;
  });
  assert.ok(name, 'the demo has a lead at a company');
  await (await browser.$('button=← Leads')).click();
  const search = await browser.$('input[aria-label="Search leads"]');
  await search.waitForDisplayed({ timeout: 5000 });
  await (await browser.$('select[aria-label="Lifecycle stage"]')).selectByAttribute('value', '');
  await search.setValue(name);
  await browser.waitUntil(async () => (await text('#lead-row-0')).includes(name), { timeout: 5000, timeoutMsg: `${name} is not found` });
  await (await browser.$('#lead-row-0')).click();
  const company = await browser.$('[data-testid="lead-company"]');
  await company.waitForDisplayed({ timeout: 5000 });
  const scoreBefore = await text('[data-testid="lead-score"]');
  assert.ok(!scoreBefore.includes('Company of 51 to 500'), `the lead starts without the size rule: ${scoreBefore}`);

  await (await company.$('button=Edit company')).click();
  const form = await browser.$('form[aria-label="Company details"]');
  await form.waitForDisplayed({ timeout: 5000 });
  await (await form.$('[name="domain"]')).setValue('not a website');
  await (await form.$('button[type="submit"]')).click();
  await browser.waitUntil(async () => (await text('form[aria-label="Company details"] [role="alert"]')).includes('is not a website or domain'), {
    timeout: 5000,
    timeoutMsg: 'no error beside the website',
  });
  assert.equal(await browser.execute(() => document.activeElement?.getAttribute('name')), 'domain', 'the field Rust refused has the focus');
  await app.shot('company-refused');

  await (await form.$('[name="domain"]')).setValue('https://www.example-shop.com/about');
  await (await form.$('[name="industry"]')).setValue('Retail');
  await (await form.$('[name="size"]')).setValue('51-200');
  await (await form.$('button[type="submit"]')).click();
  await browser.waitUntil(async () => (await text('[data-testid="lead-company"]')).includes('Retail · 51-200'), { timeout: 5000, timeoutMsg: 'the details are not shown' });
  assert.ok((await text('[data-testid="lead-company"]')).includes('example-shop.com'), 'the website is kept as its domain');
  // The default rules give a company of 51 to 500 people 10 points.
  await browser.waitUntil(async () => (await text('[data-testid="lead-score"]')).includes('Company of 51 to 500'), { timeout: 5000, timeoutMsg: 'the size does not score' });
  assert.notEqual(await text('[data-testid="lead-score"]'), scoreBefore);
  await app.shot('company-edited');
});
