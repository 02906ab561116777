// Times a release app from process start to its first painted screen, under Xvfb: Tandem on a
// small demo workspace, and the baseline app (tests/perf/baseline, the smallest Tauri app that
// paints a page) for comparison, in alternation so both see the same machine. Each app prints
// `painted` and quits once its page reports the frame painted (Tandem: TANDEM_STARTUP_PROBE,
// src-tauri/src/commands/startup.rs).
// Usage: node perf/startup.mjs TANDEM TANDEM_CLI BASELINE [RUNS]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startXvfb } from '../support/xvfb.mjs';

const [app, cli, baseline, runsArg = '15'] = process.argv.slice(2);
if (!app || !cli || !baseline) {
  console.error('usage: node perf/startup.mjs TANDEM TANDEM_CLI BASELINE [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg);
const home = mkdtempSync(join(tmpdir(), 'tandem-startup-'));
const db = join(home, 'demo.tandem');
execFileSync(cli, ['--db', db, 'demo', '--scale', 'small'], { stdio: 'ignore' });

const xvfb = await startXvfb();
const display = xvfb.display;

/** Milliseconds from spawn to the app's `painted` line. */
function once(binary, args) {
  return new Promise((ok, fail) => {
    const started = performance.now();
    const child = spawn(binary, args, {
      env: { ...process.env, DISPLAY: display, TANDEM_STARTUP_PROBE: '1', XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let painted = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.stdout.on('data', (chunk) => {
      if (painted === null && chunk.toString().includes('painted')) painted = performance.now() - started;
    });
    child.on('exit', () => {
      clearTimeout(timer);
      painted === null ? fail(new Error(`${binary} quit or hung without painting`)) : ok(painted);
    });
  });
}

const apps = { tandem: [app, ['--db', db]], baseline: [baseline, []] };
const times = { tandem: [], baseline: [] };
try {
  for (const [binary, args] of Object.values(apps)) await once(binary, args); // warm the page cache
  for (let i = 0; i < runs; i++) {
    for (const [name, [binary, args]] of Object.entries(apps)) times[name].push(await once(binary, args));
  }
  console.log(`start to painted, release, Xvfb, ${runs} runs each (small demo workspace for Tandem):`);
  for (const [name, t] of Object.entries(times)) {
    t.sort((a, b) => a - b);
    const ms = (x) => `${x.toFixed(0)} ms`;
    console.log(`  ${name.padEnd(9)} median ${ms(t[Math.floor(runs / 2)])}, min ${ms(t[0])}, max ${ms(t[runs - 1])}`);
  }
} finally {
  xvfb.stop();
  rmSync(home, { recursive: true, force: true });
}
