// Times the Pipeline screen of a release app on the large demo workspace (10,909 open deals in
// its first pipeline), under Xvfb through WebDriver: from the board's data arriving to the
// board painted (the page's `board-paint` measure, see BoardView.svelte), and the data's round
// trip; then a jump to the middle of the fullest column until its cards are on screen.
// Usage: node perf/board-paint.mjs TANDEM TANDEM_CLI [RUNS]; BOARD_DB=FILE times another workspace.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const [app, cli, runsArg = '15'] = process.argv.slice(2);
if (!app || !cli) {
  console.error('usage: node perf/board-paint.mjs TANDEM TANDEM_CLI [RUNS]');
  process.exit(2);
}
process.env.TANDEM_APP = app;
const { launch } = await import('../e2e/harness.mjs');

// The large workspace takes half a minute to generate: made once, kept, copied for each run.
const cache = join(homedir(), '.cache', 'tandem-demo');
const large = process.env.BOARD_DB ?? join(cache, 'large-v1.tandem');
if (!existsSync(large)) {
  mkdirSync(cache, { recursive: true });
  const partial = `${large}.partial`;
  rmSync(partial, { force: true });
  console.log('generating the large demo workspace…');
  execFileSync(cli, ['--db', partial, 'demo', '--scale', 'large'], { stdio: 'inherit' });
  renameSync(partial, large);
}
const home = mkdtempSync(join(tmpdir(), 'tandem-board-paint-'));
const db = join(home, 'large.tandem');
copyFileSync(large, db);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, n=${xs.length})`;

const session = await launch('board-paint', { home, args: ['--db', db] });
const { browser } = session;
try {
  const nav = async (label) => {
    const button = await browser.$('nav').$(`button=${label}`);
    await button.waitForClickable({ timeout: 30000 });
    await button.click();
  };
  const paints = [];
  const loads = [];
  for (let i = 0; i < Number(runsArg); i++) {
    await browser.execute(() => performance.clearMeasures());
    await nav('Pipeline');
    await browser.waitUntil(() => browser.execute(() => performance.getEntriesByName('board-paint').length > 0), { timeout: 30000 });
    const [paint, load] = await browser.execute(() => [
      performance.getEntriesByName('board-paint')[0].duration,
      performance.getEntriesByName('board-load')[0].duration,
    ]);
    paints.push(paint);
    loads.push(load);
    await nav('Leads');
    await browser.pause(400); // let the Leads screen finish loading, so it does not share the next run
  }
  await nav('Pipeline');
  await browser.waitUntil(() => browser.execute(() => performance.getEntriesByName('board-paint').length > 0), { timeout: 30000 });
  const total = await browser.execute(() => document.querySelector('[data-testid="board-totals"] strong').textContent);
  const count = await browser.execute(() =>
    Math.max(...[...document.querySelectorAll('[data-testid="column-count"]')].map((c) => Number(c.textContent.replace(/\D/g, '')))),
  );
  await session.shot('large-board');

  // A jump to the middle of the fullest column: cards there are not loaded yet.
  const jumps = [];
  for (let i = 0; i < 5; i++) {
    jumps.push(
      await browser.executeAsync((fraction, done) => {
        const columns = [...document.querySelectorAll('[data-testid="stage-column"]')];
        const count = (c) => Number(c.querySelector('[data-testid="column-count"]').textContent.replace(/\D/g, ''));
        const fullest = columns.reduce((a, b) => (count(b) > count(a) ? b : a));
        const list = fullest.querySelector('[data-cards]');
        const started = performance.now();
        list.scrollTop = (list.scrollHeight - list.clientHeight) * fraction;
        const check = () => {
          const shown = list.querySelectorAll('[data-card]').length;
          const waiting = list.querySelectorAll('[aria-busy="true"]').length;
          if (shown > 0 && waiting === 0) requestAnimationFrame(() => setTimeout(() => done(performance.now() - started), 0));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }, [0.5, 0.13, 0.77, 0.31, 0.94][i]),
    );
  }
  await session.shot('large-board-scrolled');

  console.log(`open deals on the board: ${total}; in the fullest column: ${count}`);
  console.log(`the screen's data, from mount to arrival (pipelines, filter menus, board): ${fmt(loads)}`);
  console.log(`board painted after its data arrived: ${fmt(paints)}`);
  console.log(`jump within the fullest column until its cards show: ${fmt(jumps)}`);
} finally {
  await session.close();
  rmSync(home, { recursive: true, force: true });
}
