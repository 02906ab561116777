// The marketing calendar, end to end on a demo workspace: the month with the demo's items, an
// item created by clicking a day, dragged to another day and found there after a restart, the
// week and list views, and the channel legend.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoWorkspace, launch } from './harness.mjs';

const { home, db, cli, remove } = demoWorkspace('calendar');
// The file the app's save and open dialogs "pick" (a native dialog cannot be driven).
const icsFile = join(home, 'exchange.ics');
// The calendar's Campaigns switch (the sidebar has a Campaigns button too).
const campaignsToggle = '//button[contains(@class, "layer") and normalize-space() = "Campaigns"]';
let app;
let browser;

// Two empty days of the month on screen, chosen once the calendar shows (a full day folds its
// items under "+N more", where they cannot be seen or dragged).
let createOn;
let moveTo;
let seriesOn;
let exceptionOn;

before(async () => {
  app = await launch('calendar', { home, args: ['--db', db], env: { TANDEM_FILE_CHOICE: icsFile } });
  browser = app.browser;
  await openCalendar();
  const days = await browser.execute(() =>
    [...document.querySelectorAll('.ec-day:not(.ec-other-month)')].map((c) => c.querySelector('time').getAttribute('datetime')),
  );
  const empty = [];
  for (const d of days) if ((await eventsIn(d)).length === 0) empty.push(d);
  [createOn, moveTo, seriesOn, exceptionOn] = [empty[1], empty[2], empty[3], empty[4]];
  assert.ok(createOn && moveTo, 'two empty days this month');
});
after(async () => {
  await app?.close();
  remove();
});

async function openCalendar() {
  const screen = await browser.$('nav').$('button=Calendar');
  await screen.waitForClickable({ timeout: 15000 });
  await screen.click();
  await browser.waitUntil(async () => (await eventsIn()).length > 0, { timeout: 10000, timeoutMsg: 'no items on the calendar' });
}

/** Titles of the items drawn over a day's cell (the month grid draws them in a layer above the
 * cells, so they are found by position), or of every item when `date` is omitted. */
function eventsIn(date) {
  return browser.execute((d) => {
    const events = [...document.querySelectorAll('.ec-event')];
    const title = (e) => e.querySelector('.ec-event-title')?.textContent.trim() ?? '';
    // Every item; campaign bars are context, not items.
    if (!d) return events.filter((e) => !e.classList.contains('campaign-bar')).map(title);
    const cell = document.querySelector(`time[datetime="${d}"]`)?.closest('.ec-day')?.getBoundingClientRect();
    if (!cell) return [];
    return events
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.left < cell.right - 2 && r.right > cell.left + 2 && r.top >= cell.top && r.top < cell.bottom;
      })
      .map(title);
  }, date);
}

/** The middle of a day cell's lower half, where clicks and drops land on the day itself. */
function cellPoint(date) {
  return browser.execute((d) => {
    const r = document.querySelector(`time[datetime="${d}"]`).closest('.ec-day').getBoundingClientRect();
    return { x: Math.round(r.left + r.width / 2), y: Math.round(r.bottom - 12) };
  }, date);
}

test('the month shows the demo’s items, coloured by channel with a legend', async () => {
  const legend = await browser.execute(() => [...document.querySelectorAll('[aria-label="Channels"] button')].map((b) => b.textContent.trim()));
  assert.ok(legend.includes('email') && legend.includes('social'), legend.join());
  await app.shot('month');
});

test('clicking a day plans an item there', async () => {
  const at = await cellPoint(createOn);
  await browser.action('pointer').move({ x: at.x, y: at.y, duration: 0 }).down().up().perform();
  const form = await browser.$('[data-testid="item-form"]');
  await form.waitForDisplayed();
  await (await form.$('[name="title"]')).setValue('Spring launch post');
  await (await form.$('[name="channel"]')).setValue('social');
  await (await form.$('button=Save')).click();
  await form.waitForDisplayed({ reverse: true });
  await app.shot('after-save');
  await browser.waitUntil(async () => (await eventsIn(createOn)).includes('Spring launch post'), {
    timeout: 5000,
    timeoutMsg: `not on ${createOn}`,
  });
  await app.shot('created');
});

test('dragging the item to another day moves it, and it stays there after a restart', async () => {
  const item = await browser.$('article*=Spring launch post');
  const target = await cellPoint(moveTo);
  let chain = browser.action('pointer', { parameters: { pointerType: 'mouse' } }).move({ origin: item, duration: 0 }).down({ button: 0 });
  for (let i = 1; i <= 3; i++) chain = chain.move({ origin: 'pointer', x: 4, y: 2, duration: 30 });
  chain = chain.move({ x: target.x, y: target.y, duration: 200 }).move({ origin: 'pointer', x: 2, y: 0, duration: 50 });
  await chain.pause(150).up({ button: 0 }).perform();
  await browser.waitUntil(async () => (await eventsIn(moveTo)).includes('Spring launch post'), {
    timeout: 5000,
    timeoutMsg: `not moved to ${moveTo}`,
  });
  assert.ok(!(await eventsIn(createOn)).includes('Spring launch post'));

  await app.close();
  app = await launch('calendar-reopened', { home, args: ['--db', db], env: { TANDEM_FILE_CHOICE: icsFile } });
  browser = app.browser;
  await openCalendar();
  await browser.waitUntil(async () => (await eventsIn(moveTo)).includes('Spring launch post'), { timeout: 5000, timeoutMsg: 'not saved in the file' });
  const next = new Date(`${moveTo}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const listed = JSON.parse(
    cli('calendar', 'list', '--from', moveTo, '--to', next.toISOString().slice(0, 10), '--json'),
  );
  assert.deepEqual(listed.filter((o) => o.title === 'Spring launch post').map((o) => o.when), [{ kind: 'all_day', start_date: moveTo, end_date: moveTo }]);
  await app.shot('moved-after-restart');
});

test('dragging one occurrence of a weekly item asks which ones, and moves only that one', async () => {
  const at = await cellPoint(seriesOn);
  await browser.action('pointer').move({ x: at.x, y: at.y, duration: 0 }).down().up().perform();
  const form = await browser.$('[data-testid="item-form"]');
  await form.waitForDisplayed();
  await (await form.$('[name="title"]')).setValue('Weekly tip');
  await (await form.$('select[aria-label="Repeats"]')).selectByVisibleText('Every week');
  await (await form.$('button=Save')).click();
  await form.waitForDisplayed({ reverse: true });
  await browser.waitUntil(async () => (await eventsIn(seriesOn)).includes('Weekly tip'), { timeout: 5000 });

  const item = await browser.$('article*=Weekly tip');
  const target = await cellPoint(exceptionOn);
  let chain = browser.action('pointer', { parameters: { pointerType: 'mouse' } }).move({ origin: item, duration: 0 }).down({ button: 0 });
  for (let i = 1; i <= 3; i++) chain = chain.move({ origin: 'pointer', x: 4, y: 2, duration: 30 });
  chain = chain.move({ x: target.x, y: target.y, duration: 200 }).move({ origin: 'pointer', x: 2, y: 0, duration: 50 });
  await chain.pause(150).up({ button: 0 }).perform();
  const dialog = await browser.$('[data-testid="scope-dialog"]');
  await dialog.waitForDisplayed({ timeout: 5000 });
  await app.shot('which-occurrences');
  await (await dialog.$('button=This one')).click();
  await browser.waitUntil(async () => (await eventsIn(exceptionOn)).includes('Weekly tip'), { timeout: 5000, timeoutMsg: 'not moved' });
  assert.ok(!(await eventsIn(seriesOn)).includes('Weekly tip'));

  const end = new Date(`${seriesOn}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 22);
  const listed = JSON.parse(
    cli('calendar', 'list', '--from', seriesOn, '--to', end.toISOString().slice(0, 10), '--json'),
  ).filter((o) => o.title === 'Weekly tip');
  assert.equal(listed.length, 4, 'the series keeps its other weeks');
  const moved = listed.find((o) => o.key === seriesOn);
  assert.ok(moved && moved.item_id !== moved.series_id, 'the first week is an exception of the series');
  assert.equal(moved.when.start_date, exceptionOn);
});

test('week and list views, and a channel switched off in the legend', async () => {
  await (await browser.$('button.ec-timeGridWeek')).click();
  await browser.waitUntil(async () => (await browser.$$('.ec-time-grid .ec-event, .ec-week-view .ec-event')).length >= 0);
  await app.shot('week');

  // Dragging over empty time in the week plans an item that long.
  const span = await browser.execute(() => {
    const label = (text) => [...document.querySelectorAll('*')].find((e) => e.children.length === 0 && e.textContent.trim() === text);
    const head = document.querySelectorAll('.ec-col-head')[2].getBoundingClientRect();
    const [ten, twelve] = [label('10:00 AM').getBoundingClientRect(), label('12:00 PM').getBoundingClientRect()];
    return { x: Math.round(head.left + head.width / 2), y1: Math.round(ten.bottom + 6), y2: Math.round(twelve.top - 6) };
  });
  let select = browser.action('pointer', { parameters: { pointerType: 'mouse' } }).move({ x: span.x, y: span.y1, duration: 0 }).down({ button: 0 });
  for (let i = 1; i <= 3; i++) select = select.move({ x: span.x, y: span.y1 + i * 6, duration: 30 });
  await select.move({ x: span.x, y: span.y2, duration: 200 }).move({ x: span.x, y: span.y2 + 2, duration: 30 }).pause(100).up({ button: 0 }).perform();
  const planned = await browser.$('[data-testid="item-form"]');
  await planned.waitForDisplayed({ timeout: 5000 });
  const [from, to] = await browser.execute(() => ['starts_at', 'ends_at'].map((n) => document.querySelector(`[data-testid="item-form"] [name="${n}"]`).value));
  assert.ok(new Date(to) - new Date(from) >= 60 * 60_000, `${from} to ${to} spans the drag`);
  await browser.keys(['Escape']);
  await planned.waitForDisplayed({ reverse: true });
  await (await browser.$('button.ec-listWeek')).click();
  await (await browser.$('.ec-list')).waitForExist({ timeout: 5000 });
  await app.shot('list');

  await (await browser.$('button.ec-dayGridMonth')).click();
  await browser.waitUntil(async () => (await eventsIn()).length > 0, { timeout: 5000 });
  const before = (await eventsIn()).length;
  await (await browser.$('input[aria-label="Search the calendar"]')).setValue('flyer');
  await browser.waitUntil(async () => (await eventsIn()).length < before, { timeout: 5000, timeoutMsg: 'search hid nothing' });
  assert.ok((await eventsIn()).every((t) => /flyer/i.test(t)), 'only flyers show');
  await (await browser.$('button=Clear filters')).click();
  await browser.waitUntil(async () => (await eventsIn()).length === before, { timeout: 5000 });

  await (await browser.$('[aria-label="Channels"]').$('button*=social')).click();
  await browser.waitUntil(async () => (await eventsIn()).length < before, { timeout: 5000, timeoutMsg: 'hiding a channel hid nothing' });
  assert.ok(!(await eventsIn()).includes('Spring launch post'), 'a social item is hidden with its channel');

  await browser.execute(() => {
    const input = document.querySelector('input[aria-label="Go to date"]');
    input.value = '2027-03-15';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await browser.waitUntil(async () => (await (await browser.$('.ec-title')).getText()) === 'March 2027', {
    timeout: 5000,
    timeoutMsg: 'the date picker did not go to March 2027',
  });
});

test('the sales layer shows the deals’ follow-ups, and one opens its deal', async () => {
  await (await browser.$('button.ec-today')).click();
  await (await browser.$('button=Sales layer')).click();
  await browser.waitUntil(async () => (await browser.$$('.sales-activity')).length > 0, {
    timeout: 5000,
    timeoutMsg: 'no follow-ups this month',
  });
  await app.shot('sales-layer');
  // A full day folds some under "+N more": take one that shows.
  const index = await browser.execute(() =>
    [...document.querySelectorAll('.sales-activity')].findIndex((e) => getComputedStyle(e).visibility !== 'hidden'),
  );
  assert.ok(index >= 0, 'a follow-up shows');
  const first = (await browser.$$('.sales-activity'))[index];
  const title = await browser.execute((el) => el.querySelector('.ec-event-title').textContent, first);
  await first.click();
  const drawer = await browser.$('[data-testid="deal-drawer"]');
  await drawer.waitForDisplayed({ timeout: 5000 });
  const dealTitle = await browser.execute(() => document.querySelector('[data-testid="deal-drawer"] h2').textContent);
  assert.ok(title.endsWith(dealTitle), `${title} belongs to ${dealTitle}`);
});

test('campaigns run as bars; the quarter view lays them out; a bar opens its campaign', async () => {
  await openCalendar();
  await (await browser.$('button.ec-today')).click();
  await (await browser.$(campaignsToggle)).click();
  await browser.waitUntil(async () => (await browser.$$('.campaign-bar')).length > 0, { timeout: 5000, timeoutMsg: 'no campaign bars this month' });
  await app.shot('month-with-campaigns');
  await (await browser.$('button.ec-campaignQuarter')).click();
  await browser.waitUntil(async () => (await browser.$$('.ec-timeline .campaign-bar, .ec-resource .campaign-bar')).length > 0 || (await browser.$$('.campaign-bar')).length > 0, {
    timeout: 5000,
    timeoutMsg: 'no campaign bars in the quarter',
  });
  const rows = await browser.execute(() => document.querySelectorAll('.ec-sidebar .ec-resource, .ec-resource').length);
  assert.ok(rows > 0, 'a row per campaign');
  await app.shot('quarter');
  const bar = (await browser.$$('.campaign-bar'))[0];
  const name = (await browser.execute((el) => el.querySelector('.ec-event-title').textContent, bar)).replace(/^◆ /, '');
  await bar.click();
  const page = await browser.$('[data-testid="campaign-page"]');
  await page.waitForDisplayed({ timeout: 5000 });
  await page.waitForDisplayed({ timeout: 5000 });
  assert.equal(await (await page.$('h1')).getText(), name);
  await (await browser.$('nav').$('button=Calendar')).click();
  await (await browser.$('button.ec-dayGridMonth')).click();
  await (await browser.$(campaignsToggle)).click();
  await browser.waitUntil(async () => (await browser.$$('.campaign-bar')).length === 0, { timeout: 5000, timeoutMsg: 'the bars stay when switched off' });
});

test('arrow keys move between days; n plans an item on the day they reached', async () => {
  await openCalendar();
  await (await browser.$('button.ec-today')).click();
  await (await browser.$('h1=Calendar')).click();
  const today = await browser.execute(() => new Date().toLocaleDateString('sv'));
  const focused = () =>
    browser.execute(() => document.querySelector('[data-testid="calendar"] .focused-day time')?.getAttribute('datetime') ?? null);
  await browser.waitUntil(async () => (await focused()) === today, { timeout: 3000, timeoutMsg: 'today is not outlined' });
  for (const [key, days] of [['ArrowRight', 1], ['ArrowRight', 2], ['ArrowDown', 9], ['ArrowLeft', 8]]) {
    await browser.keys([key]);
    const want = await browser.execute((t, n) => {
      const d = new Date(`${t}T00:00:00`);
      d.setDate(d.getDate() + n);
      return d.toLocaleDateString('sv');
    }, today, days);
    await browser.waitUntil(async () => (await focused()) === want, { timeout: 3000, timeoutMsg: `${key} did not reach ${want}` });
  }
  const expected = await focused();
  await app.shot('day-focused');
  await browser.keys(['n']);
  const form = await browser.$('[data-testid="item-form"]');
  await form.waitForDisplayed({ timeout: 5000 });
  const start = await browser.execute(() => document.querySelector('[data-testid="item-form"] [name="start_date"]').value);
  assert.equal(start, expected);
  await browser.keys(['Escape']);
  await form.waitForDisplayed({ reverse: true });
});

test('export the calendar to a file, then import a Google Calendar file with a preview, twice', async () => {
  await (await browser.$('button=Export ▾')).click();
  await (await browser.$('button*=Everything')).click();
  const toastSaying = async (text) => {
    const toast = await browser.$(`//div[@data-testid="toast"][contains(., "${text}")]`);
    await toast.waitForDisplayed({ timeout: 10000, timeoutMsg: `no message saying ${text}` });
    return toast;
  };

  const toast = await toastSaying('Exported');
  assert.match(await toast.getText(), new RegExp(`Exported \\d+ items to ${icsFile}`));
  const exported = readFileSync(icsFile, 'utf8');
  assert.ok(exported.startsWith('BEGIN:VCALENDAR\r\n') && (exported.match(/BEGIN:VEVENT/g) ?? []).length > 10, 'a calendar of the demo items');

  const google = join(dirname(fileURLToPath(import.meta.url)), '../../src-tauri/core/tests/it/ics/google.ics');
  copyFileSync(google, icsFile);
  for (const round of [1, 2]) {
    await (await browser.$('button=Import .ics…')).click();
    const dialog = await browser.$('[data-testid="import-dialog"]');
    await dialog.waitForDisplayed({ timeout: 5000 });
    const counts = await (await browser.$('[data-testid="import-counts"]')).getText();
    assert.match(counts, round === 1 ? /3 events: 3 new, 0 updated/ : /3 events: 0 new, 3 updated/);
    if (round === 1) await app.shot('import-preview');
    await (await dialog.$('button*=Import 3')).click();
    await dialog.waitForDisplayed({ reverse: true });
  }
  await browser.execute(() => {
    const input = document.querySelector('input[aria-label="Go to date"]');
    input.value = '2026-03-09';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await browser.waitUntil(async () => (await eventsIn('2026-03-09')).includes('Launch stand-up'), { timeout: 5000, timeoutMsg: 'the imported series is not on the calendar' });
  assert.deepEqual((await eventsIn('2026-03-16')).filter((t) => t.startsWith('Launch')), [], 'its EXDATE is left out');

  // A malformed file is refused whole, with its line.
  const { writeFileSync } = await import('node:fs');
  writeFileSync(icsFile, 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:soon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
  await (await browser.$('button=Import .ics…')).click();
  const refusal = await toastSaying('line 3');
  assert.match(await refusal.getText(), /exchange\.ics: line 3: DTSTART: "soon" is not a date or date-time/);
  await app.shot('import-refused');
});

test('times show in the zone chosen in settings, kept after a restart; an occurrence gets an attendee', async () => {
    const lead = JSON.parse(cli('leads', 'list', '--limit', '1', '--json')).leads[0];

  await (await browser.$('nav').$('button=Settings')).click();
  const zone = await browser.$('select[aria-label="Time zone"]');
  await zone.waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await zone.$$('option')).length > 100, { timeout: 5000, timeoutMsg: 'no zones offered' });
  await zone.selectByAttribute('value', 'Asia/Tokyo');
  await (await browser.$('//div[@data-testid="toast"][contains(., "Times now show in Asia/Tokyo")]')).waitForDisplayed({ timeout: 5000 });
  await app.shot('settings-zone');

  await app.close();
  app = await launch('calendar-zone', { home, args: ['--db', db], env: { TANDEM_FILE_CHOICE: icsFile } });
  browser = app.browser;
  await (await browser.$('nav').$('button=Settings')).click();
  await browser.waitUntil(async () => (await browser.$('select[aria-label="Time zone"]').getValue()) === 'Asia/Tokyo', {
    timeout: 5000,
    timeoutMsg: 'the zone was not kept',
  });

  // The imported stand-up is at 09:00 in Berlin (08:00 UTC): 17:00 in Tokyo.
  await openCalendar();
  await browser.execute(() => {
    const input = document.querySelector('input[aria-label="Go to date"]');
    input.value = '2026-03-09';
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await (await browser.$('button=Week')).click();
  const standUp = await browser.$('article*=Launch stand-up');
  await standUp.waitForDisplayed({ timeout: 5000 });
  const times = await browser.execute(() =>
    [...document.querySelectorAll('.ec-event')]
      .filter((e) => e.querySelector('.ec-event-title')?.textContent.trim() === 'Launch stand-up')
      .map((e) => e.querySelector('.ec-event-time')?.textContent.trim() ?? ''),
  );
  assert.equal(times.length, 1, `one stand-up that week: ${JSON.stringify(times)}`);
  assert.match(times[0], /^(17:00|5:00 – 5:30 PM)/);
  await app.shot('week-in-tokyo');

  await standUp.click();
  const form = await browser.$('[data-testid="item-form"]');
  await form.waitForDisplayed();
  assert.equal(await (await form.$('[name="starts_at"]')).getValue(), '2026-03-09T09:00', 'typed on the item’s own clock');
  assert.match(await (await form.$('[data-testid="elsewhere"]')).getText(), /(17:00|05:00 PM) in Asia\/Tokyo/);
  await (await form.$('input[aria-label="Add attendee"]')).setValue(lead.name.slice(0, 4));
  const option = await form.$(`//ul[@aria-label="Matching leads"]//button[contains(., ${JSON.stringify(lead.name)})]`);
  await option.waitForDisplayed({ timeout: 5000 });
  await option.click();
  await app.shot('attendee-added');
  await (await form.$('button=Save')).click();
  await form.waitForDisplayed({ reverse: true });

  // Saved for this occurrence alone: it is an item of its own now ("Edit item"), once redrawn.
  await browser.waitUntil(
    async () => {
      await (await browser.$('article*=Launch stand-up')).click();
      await form.waitForDisplayed();
      if ((await (await form.$('h2')).getText()) === 'Edit item') return true;
      await (await form.$('button=Cancel')).click();
      return false;
    },
    { timeout: 5000, timeoutMsg: 'the occurrence did not become an item of its own' },
  );
  await app.shot('attendee-kept');
  const chips = () => browser.execute(() => document.querySelector('ul[aria-label="Attendees"]')?.textContent ?? '');
  await browser.waitUntil(async () => (await chips()).includes(lead.name), { timeout: 5000, timeoutMsg: 'the attendee was not saved' });
  await (await form.$('button=Cancel')).click();
});
